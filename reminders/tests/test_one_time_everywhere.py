"""The client's own time: the time they chose on their reminders page is the one the reminders use
and the calendar feed has (the feed's side is in test_feed.py); Today, the assignment's page and the
reminders page show it as the reminder time, beside the time agreed with the therapist."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest
import time_machine
from django.urls import reverse

from homework import services as homework_services
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User
from reminders import planning
from reminders.models import Reminder, ReminderStatus

pytestmark = pytest.mark.django_db

MORNING_NY = datetime(2026, 5, 12, 11, 0, tzinfo=UTC)  # 07:00 in New York


def test_every_page_shows_the_agreed_time_and_the_clients_reminder_time_each_for_what_it_is(
    client, therapist: User, client_user: User
) -> None:
    with time_machine.travel(MORNING_NY, tick=False):
        assignment = make_assignment(therapist, client_user, preferred_time=time(8, 0))
        client.force_login(client_user)
        prefix = f"a{assignment.pk}"
        response = client.post(
            reverse("reminders-assignment", args=[assignment.pk]),
            {f"{prefix}-enabled": "on", f"{prefix}-time_of_day": "18:30"},
        )
        assert response.status_code == 302
        body = client.get(reverse("homework-today")).content.decode()
        page = client.get(reverse("homework-assignment", args=[assignment.pk])).content.decode()
        settings = client.get(reverse("reminders-preferences")).content.decode()
        occurrence = today_occurrence(assignment)
    assert "· Best at 08:00</li>" in body
    assert "· reminder at 18:30</li>" in body
    assert "Best at 18:30" not in body
    assert "Every day at 08:00" in page
    assert "At 18:30, the time you chose" in page
    assert "Agreed with your therapist: Every day at 08:00" in settings
    assert "18:30 (your own time)" in settings
    pending = Reminder.objects.filter(occurrence=occurrence, status=ReminderStatus.PENDING)
    assert {d.astimezone(client_user.zone).time() for d in pending.values_list("due_at", flat=True)} == {
        time(18, 30)
    }


def test_choosing_the_agreed_time_again_follows_the_therapists_later_change(
    therapist: User, client_user: User
) -> None:
    assignment = make_assignment(therapist, client_user, preferred_time=time(8, 0))
    planning.set_assignment_reminder(assignment=assignment, enabled=True, time_of_day=time(18, 30))
    planning.set_assignment_reminder(assignment=assignment, enabled=True, time_of_day=time(8, 0))
    assignment.refresh_from_db()
    assert assignment.client_time is None
    homework_services.update_assignment(assignment=assignment, preferred_time=time(9, 15))
    assert assignment.practice_time == time(9, 15)


def test_setting_the_time_does_not_tell_anyone_the_homework_changed(
    therapist: User, client_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from homework import hooks

    assignment = make_assignment(therapist, client_user, preferred_time=time(8, 0))
    heard: list[object] = []
    monkeypatch.setattr(hooks, "assignment_changed", [heard.append])
    before = list(assignment.occurrences.values_list("pk", flat=True))
    homework_services.set_client_time(assignment=assignment, at=time(7, 15))
    assert heard == []
    assert list(assignment.occurrences.values_list("pk", flat=True)) == before  # nothing re-planned
    assignment.refresh_from_db()
    assert (assignment.client_time, assignment.preferred_time) == (time(7, 15), time(8, 0))
    assert assignment.schedule_text.endswith("at 08:00")  # the agreement itself is unchanged
