"""Reminders stop when the person says so, and when nobody is caring for the client any more."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
import time_machine
from django.db.models import F
from django.utils import timezone

from homework import services as homework_services
from homework.models import Entry, Kind
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import CareRelationship, User
from reminders import digests, planning, policy
from reminders.links import turn_off_email
from reminders.models import Channel, Reminder, ReminderKind, ReminderStatus
from reminders.tests.links_helpers import NOON_NY, prefs_for

pytestmark = pytest.mark.django_db


def test_stop_these_emails_also_stops_the_therapists_weekly_digest(therapist: User) -> None:
    prefs_for(therapist, weekly_summary=True)
    with time_machine.travel(NOON_NY, tick=False):
        digests.plan_weekly_digests()
        digest = Reminder.objects.get(user=therapist, kind=ReminderKind.THERAPIST_DIGEST)
        turn_off_email(user=therapist)
        digest.refresh_from_db()
        assert digest.status == ReminderStatus.CANCELLED
        digest.status = ReminderStatus.SENDING  # as if a worker had already claimed it
        assert policy.skip_reason(digest, timezone.now()) == planning.REASON_CHANNEL_OFF[Channel.EMAIL]


def test_choosing_the_digest_again_turns_email_back_on(client, therapist: User) -> None:
    prefs_for(therapist, weekly_summary=False, email_enabled=False)
    client.force_login(therapist)
    client.post("/reminders/", {"weekly_summary": "on"})
    prefs = planning.preferences_of(therapist)
    assert prefs.weekly_summary and prefs.email_enabled


def test_reminders_stop_when_care_ends(therapist: User, client_user: User) -> None:
    with time_machine.travel(NOON_NY, tick=False):
        make_assignment(therapist, client_user, preferred_time=time(20, 0))
        row = Reminder.objects.filter(user=client_user, status=ReminderStatus.PENDING).first()
        assert row is not None
        CareRelationship.objects.filter(client=client_user).update(ended_at=F("started_at"))

        planning.plan_for_client(client_user)

        assert not Reminder.objects.filter(user=client_user, status=ReminderStatus.PENDING).exists()
        row.status = ReminderStatus.SENDING
        assert policy.skip_reason(row, timezone.now()) == planning.REASON_NOT_IN_CARE


def test_homework_stops_being_planned_when_care_ends(therapist: User, client_user: User) -> None:
    assignment = make_assignment(therapist, client_user)
    CareRelationship.objects.filter(client=client_user).update(ended_at=timezone.now())
    before = assignment.occurrences.count()
    with time_machine.travel(timezone.now() + timedelta(days=7), tick=False):
        homework_services.extend_occurrences()
    assert assignment.occurrences.count() == before


def test_the_digest_does_not_count_drafts_as_activity(therapist: User, client_user: User) -> None:
    prefs_for(therapist, weekly_summary=True)
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL)
    with time_machine.travel(timezone.now() + timedelta(days=8), tick=False):
        # Eight quiet days, then only a draft today: still someone who may need a check-in.
        homework_services.save_entry(
            occurrence=today_occurrence(assignment), fields={"prompt": "p", "text": "half"}, submit=False
        )
        assert Entry.objects.filter(is_draft=True).exists()
        digests.plan_weekly_digests()
        digest = Reminder.objects.get(user=therapist, kind=ReminderKind.THERAPIST_DIGEST)
        context = digests.message_context(digest)
    assert context["no_activity_count"] == 1
