"""Weekly digests: planning the rows, and what the client's summary and the therapist's digest say."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from conftest import make_user
from homework import services as homework_services
from homework.models import LogStatus, NotDoneReason, Occurrence
from mallard.models import CareRelationship, Role
from measures.models import MeasureResponse
from measures.scoring import score
from reminders import digests
from reminders.models import Channel, Reminder, ReminderKind, ReminderStatus
from reminders.tests.links_helpers import NOON_NY, make_assignment, prefs_for

pytestmark = pytest.mark.django_db

# Monday 18 May 2026, 08:00 in New York: when carol's summary is sent.
MONDAY_8_NY = datetime(2026, 5, 18, 12, 0, tzinfo=UTC)


# --- plan_weekly_digests -----------------------------------------------------------------------


def test_it_plans_a_summary_for_clients_and_a_digest_for_therapists_who_opted_in(
    therapist, client_user, other_client
):
    prefs_for(client_user, weekly_summary=True)
    prefs_for(therapist, weekly_summary=True)
    prefs_for(other_client, weekly_summary=False)
    assert digests.plan_weekly_digests(NOON_NY) == 2
    summary = Reminder.objects.get(user=client_user)
    assert summary.kind == ReminderKind.WEEKLY_SUMMARY
    assert summary.channel == Channel.EMAIL
    assert summary.status == ReminderStatus.PENDING
    assert summary.occurrence is None
    assert summary.due_at == datetime(2026, 5, 18, 12, 0, tzinfo=UTC)  # Monday 08:00 EDT
    assert summary.idempotency_key == f"weekly_summary:{client_user.pk}:2026-W21"
    digest = Reminder.objects.get(user=therapist)
    assert digest.kind == ReminderKind.THERAPIST_DIGEST
    assert digest.due_at == datetime(2026, 5, 18, 7, 0, tzinfo=UTC)  # Monday 08:00 BST
    assert digest.idempotency_key == f"therapist_digest:{therapist.pk}:2026-W21"
    assert not Reminder.objects.filter(user=other_client).exists()


def test_planning_again_in_the_same_week_creates_nothing(therapist, client_user):
    prefs_for(client_user, weekly_summary=True)
    digests.plan_weekly_digests(NOON_NY)
    assert digests.plan_weekly_digests(NOON_NY + timedelta(days=2)) == 0
    assert Reminder.objects.filter(user=client_user).count() == 1


def test_early_on_monday_plans_for_that_morning(client_user):
    prefs_for(client_user, weekly_summary=True)
    digests.plan_weekly_digests(datetime(2026, 5, 18, 10, 0, tzinfo=UTC))  # 06:00 in New York
    assert Reminder.objects.get(user=client_user).due_at == MONDAY_8_NY


def test_after_monday_8am_it_plans_for_the_next_monday(client_user):
    prefs_for(client_user, weekly_summary=True)
    digests.plan_weekly_digests(MONDAY_8_NY + timedelta(minutes=1))
    reminder = Reminder.objects.get(user=client_user)
    assert reminder.due_at == MONDAY_8_NY + timedelta(days=7)
    assert reminder.idempotency_key.endswith(":2026-W22")


def test_due_time_follows_the_local_clock_across_a_dst_change(client_user):
    prefs_for(client_user, weekly_summary=True)
    digests.plan_weekly_digests(datetime(2026, 10, 31, 16, 0, tzinfo=UTC))  # US clocks go back on 1 November
    assert Reminder.objects.get(user=client_user).due_at == datetime(
        2026, 11, 2, 13, 0, tzinfo=UTC
    )  # 08:00 EST


def test_people_who_turned_emails_off_or_left_get_nothing(therapist, client_user):
    prefs_for(client_user, weekly_summary=True, email_enabled=False)
    prefs_for(therapist, weekly_summary=True)
    therapist.is_active = False
    therapist.save(update_fields=["is_active"])
    assert digests.plan_weekly_digests(NOON_NY) == 0


def test_staff_get_no_digest(staff):
    prefs_for(staff, weekly_summary=True)
    assert digests.plan_weekly_digests(NOON_NY) == 0


# --- The client's weekly summary -------------------------------------------------------------


def summary_reminder(user, due=MONDAY_8_NY, kind=ReminderKind.WEEKLY_SUMMARY):
    return Reminder.objects.create(user=user, kind=kind, due_at=due, idempotency_key=f"{kind}:{user.pk}:test")


@pytest.fixture
def last_week(therapist, client_user):
    """Carol's daily practice over 11 to 17 May: done, smaller, partly, not done, then three unlogged."""
    with time_machine.travel(datetime(2026, 5, 8, 16, 0, tzinfo=UTC), tick=False) as traveller:
        assignment = make_assignment(therapist, client_user, title="Thought record about my panic")
        statuses = [LogStatus.DONE, LogStatus.SMALLER, LogStatus.PARTLY, LogStatus.NOT_DONE]
        for offset, status in enumerate(statuses):
            day = date(2026, 5, 11) + timedelta(days=offset)
            traveller.move_to(datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=22))
            reason = NotDoneReason.TOO_HARD if status == LogStatus.NOT_DONE else ""
            occurrence = Occurrence.objects.get(assignment=assignment, due_date=day)
            homework_services.log_occurrence(occurrence=occurrence, status=status, reason=reason)
    return assignment


def test_weekly_summary_counts_last_week_kindly_and_without_content(client_user, last_week):
    with time_machine.travel(MONDAY_8_NY, tick=False):
        context = digests.message_context(summary_reminder(client_user))
    assert (context["first_day"], context["last_day"]) == (date(2026, 5, 11), date(2026, 5, 17))
    assert context["counts"] == {"done": 1, "smaller": 1, "partly": 1, "not_done": 1, "not_logged": 3}
    assert context["planned"] == 7
    assert context["practised"] == 3
    assert ("Not done this time", 1) in context["rows"]
    assert "You practised 3 times last week." in " ".join(context["lines"])
    assert "smaller version" in " ".join(context["lines"])
    text = repr(context)
    assert "panic" not in text
    assert "Thought record" not in text
    for word in ("fail", "missed"):
        assert word not in text.lower()
    assert context["progress_url"] == "http://localhost:8000/homework/progress/"


def test_weekly_summary_reports_the_current_streak(therapist, client_user):
    with time_machine.travel(datetime(2026, 5, 14, 16, 0, tzinfo=UTC), tick=False) as traveller:
        assignment = make_assignment(therapist, client_user)
        for day in (date(2026, 5, 15), date(2026, 5, 16), date(2026, 5, 17)):
            traveller.move_to(datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=20))
            occurrence = Occurrence.objects.get(assignment=assignment, due_date=day)
            homework_services.log_occurrence(occurrence=occurrence, status=LogStatus.DONE)
        traveller.move_to(MONDAY_8_NY)
        context = digests.message_context(summary_reminder(client_user))
    assert context["streak"] == 3
    assert "3-day streak" in " ".join(context["lines"])


def test_weekly_summary_of_a_hard_week_does_not_shame(therapist, client_user):
    with time_machine.travel(datetime(2026, 5, 11, 16, 0, tzinfo=UTC), tick=False):
        assignment = make_assignment(therapist, client_user)
        occurrence = Occurrence.objects.get(assignment=assignment, due_date=date(2026, 5, 11))
        homework_services.log_occurrence(
            occurrence=occurrence, status=LogStatus.NOT_DONE, reason=NotDoneReason.NO_TIME
        )
    with time_machine.travel(MONDAY_8_NY, tick=False):
        lines = " ".join(digests.message_context(summary_reminder(client_user))["lines"])
    assert "fresh start" in lines


def test_weekly_summary_with_nothing_planned_says_so(client_user):
    with time_machine.travel(MONDAY_8_NY, tick=False):
        context = digests.message_context(summary_reminder(client_user))
    assert context["planned"] == 0
    assert "Nothing was planned" in context["lines"][0]


def test_weekly_summary_is_one_user_only(client_user, other_client, last_week):
    with time_machine.travel(MONDAY_8_NY, tick=False):
        context = digests.message_context(summary_reminder(other_client))
    assert context["planned"] == 0


@pytest.mark.parametrize("assignments", [1, 5])
def test_weekly_summary_query_count_does_not_grow(
    therapist, client_user, assignments, django_assert_max_num_queries
):
    with time_machine.travel(datetime(2026, 5, 8, 16, 0, tzinfo=UTC), tick=False):
        for _ in range(assignments):
            make_assignment(therapist, client_user)
    reminder = Reminder.objects.select_related("user").get(pk=summary_reminder(client_user).pk)
    with time_machine.travel(MONDAY_8_NY, tick=False), django_assert_max_num_queries(2):
        digests.message_context(reminder)


def test_other_kinds_have_no_digest(client_user):
    with pytest.raises(ValueError, match="No digest"):
        digests.message_context(Reminder(user=client_user, kind=ReminderKind.OCCURRENCE))


# --- The therapist's digest --------------------------------------------------------------------


def add_client(therapist, email, name):
    client = make_user(email, name, Role.CLIENT, time_zone="America/New_York")
    CareRelationship.objects.create(therapist=therapist, client=client)
    return client


def log_not_done(assignment, days):
    for day in days:
        occurrence = Occurrence.objects.get(assignment=assignment, due_date=day)
        homework_services.log_occurrence(
            occurrence=occurrence, status=LogStatus.NOT_DONE, reason=NotDoneReason.AVOIDED
        )


@pytest.fixture
def caseload(therapist, client_user, other_client):
    """Carol is quiet; Erin logged three "not done" in a row; Fran is practising; Dave is Bob's and quiet."""
    with time_machine.travel(datetime(2026, 5, 4, 16, 0, tzinfo=UTC), tick=False) as traveller:
        erin = add_client(therapist, "erin@example.com", "Erin Evans")
        fran = add_client(therapist, "fran@example.com", "Fran Fox")
        make_assignment(therapist, client_user, title="Exposure to crowded trains")
        erin_work = make_assignment(therapist, erin)
        fran_work = make_assignment(therapist, fran)
        make_assignment(other_client.care_relationships.get().therapist, other_client)
        traveller.move_to(datetime(2026, 5, 16, 16, 0, tzinfo=UTC))
        log_not_done(erin_work, [date(2026, 5, 14), date(2026, 5, 15), date(2026, 5, 16)])
        log_not_done(fran_work, [date(2026, 5, 14), date(2026, 5, 15)])
        occurrence = Occurrence.objects.get(assignment=fran_work, due_date=date(2026, 5, 16))
        homework_services.log_occurrence(occurrence=occurrence, status=LogStatus.SMALLER)
    return {"carol": client_user, "erin": erin, "fran": fran}


def test_digest_counts_clients_who_may_need_a_check_in(therapist, caseload):
    with time_machine.travel(MONDAY_8_NY, tick=False):
        context = digests.message_context(summary_reminder(therapist, kind=ReminderKind.THERAPIST_DIGEST))
    assert context["no_activity_count"] == 1
    assert context["not_done_in_a_row_count"] == 1
    assert context["flagged_count"] == 2
    assert context["client_count"] == 3
    assert context["caseload_url"] == "http://localhost:8000/caseload/"
    assert "2 clients may welcome a check-in" in context["lines"][0]


def test_a_questionnaire_answered_this_week_is_activity(therapist, caseload):
    """Carol logged no homework, but answered a PHQ-9 on Saturday: not quiet, as on the caseload."""
    answers = [1, 1, 0, 0, 0, 0, 0, 0, 0]
    result = score("phq9", answers)
    MeasureResponse.objects.create(
        client=caseload["carol"],
        instrument="phq9",
        answers=answers,
        total=result.total,
        band=result.band,
        submitted_at=MONDAY_8_NY - timedelta(days=2),
    )
    with time_machine.travel(MONDAY_8_NY, tick=False):
        context = digests.message_context(summary_reminder(therapist, kind=ReminderKind.THERAPIST_DIGEST))
    assert context["no_activity_count"] == 0
    assert context["flagged_count"] == 1  # Erin, three "not done" in a row


def test_digest_names_no_client(therapist, caseload):
    """A name next to "therapy" in an e-mail is health information outside Mallard."""
    with time_machine.travel(MONDAY_8_NY, tick=False):
        text = repr(digests.message_context(summary_reminder(therapist, kind=ReminderKind.THERAPIST_DIGEST)))
    for name in ("Carol", "Chen", "Erin", "carol@example.com", "erin@example.com"):
        assert name not in text
    assert f"/clients/{caseload['carol'].pk}/" not in text


def test_digest_carries_no_clinical_content_and_no_other_caseload(therapist, caseload):
    with time_machine.travel(MONDAY_8_NY, tick=False):
        text = repr(digests.message_context(summary_reminder(therapist, kind=ReminderKind.THERAPIST_DIGEST)))
    assert "trains" not in text
    assert "Exposure" not in text
    assert "avoided" not in text.lower()
    assert "Dave" not in text
    assert "Fran" not in text


def test_new_clients_are_not_flagged_as_quiet(therapist, client_user):
    with time_machine.travel(MONDAY_8_NY - timedelta(days=2), tick=False):
        make_assignment(therapist, client_user)
    with time_machine.travel(MONDAY_8_NY, tick=False):
        context = digests.message_context(summary_reminder(therapist, kind=ReminderKind.THERAPIST_DIGEST))
    assert context["flagged_count"] == 0
    assert "Everyone" in context["lines"][0]


@pytest.mark.parametrize("extra_clients", [0, 5])
def test_digest_query_count_does_not_grow_with_caseload(
    therapist, caseload, extra_clients, django_assert_max_num_queries
):
    for i in range(extra_clients):
        add_client(therapist, f"client{i}@example.com", f"Client {i}")
    reminder = Reminder.objects.select_related("user").get(
        pk=summary_reminder(therapist, kind=ReminderKind.THERAPIST_DIGEST).pk
    )
    with time_machine.travel(MONDAY_8_NY, tick=False), django_assert_max_num_queries(2):
        digests.message_context(reminder)


def test_beat_plans_the_weekly_digests() -> None:
    from mallard.celery import app
    from reminders import tasks

    entry = app.conf.beat_schedule["plan-weekly-digests"]
    assert entry["task"] == tasks.plan_weekly_digests.name == "reminders.tasks.plan_weekly_digests"
