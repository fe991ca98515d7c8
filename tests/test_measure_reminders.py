"""Questionnaire reminders: planned from measures' windows, cancelled when answered, stopped or moved,
checked again at send time, and never naming the questionnaire."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from mallard.models import User
from measures import services
from measures.models import MeasurePlan, MeasureWindow, Schedule
from reminders import channels, policy
from reminders.models import Channel, Reminder, ReminderKind, ReminderStatus
from reminders.planning import plan_for_client, save_preferences
from reminders.questionnaires import MEASURE_TIME, REASON_ANSWERED, REASON_MOVED, REASON_SAME
from sessions_app import services as session_services

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)  # 10:00 in New York, where the client lives


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with time_machine.travel(NOW, tick=False):
        yield


def assign(therapist: User, client: User, schedule: str = Schedule.ONCE) -> MeasurePlan:
    return services.assign_measure(
        therapist=therapist, client=client, instrument="phq9", schedule=schedule, starts_on=date(2026, 3, 4)
    )


def pending(client: User) -> list[Reminder]:
    return list(
        Reminder.objects.filter(
            user=client, kind=ReminderKind.MEASURE, status=ReminderStatus.PENDING
        ).order_by("channel")
    )


def test_a_due_questionnaire_is_reminded_at_six_in_the_evening_on_each_channel(
    therapist: User, client_user: User
) -> None:
    plan = assign(therapist, client_user)
    rows = pending(client_user)
    assert [r.channel for r in rows] == [Channel.EMAIL, Channel.IN_APP]
    expected = datetime.combine(date(2026, 3, 4), MEASURE_TIME, tzinfo=client_user.zone)
    assert {r.due_at for r in rows} == {expected}
    assert {r.measure_window for r in rows} == {plan.windows.get()}
    assert plan_for_client(client_user) == 0  # planning again changes nothing


def test_answering_cancels_its_reminders(therapist: User, client_user: User) -> None:
    plan = assign(therapist, client_user)
    services.submit_response(client=client_user, window=plan.windows.get(), answers=[0] * 9)
    assert not pending(client_user)
    assert set(Reminder.objects.filter(kind=ReminderKind.MEASURE).values_list("status", "reason")) == {
        (ReminderStatus.CANCELLED, REASON_ANSWERED)
    }


def test_stopping_the_plan_cancels_its_reminders(therapist: User, client_user: User) -> None:
    services.stop_plan(plan=assign(therapist, client_user))
    assert not pending(client_user)
    assert set(Reminder.objects.values_list("reason", flat=True)) == {REASON_MOVED}


def test_moving_a_session_moves_the_reminder(therapist: User, client_user: User) -> None:
    starts = NOW + timedelta(days=1, hours=2)
    saved = session_services.schedule_session(
        therapist=therapist, client=client_user, starts_at=starts, duration_minutes=50
    )
    plan = assign(therapist, client_user, Schedule.BEFORE_SESSION)
    window = plan.windows.get()
    assert (window.opens_at, window.closes_at) == (starts - timedelta(days=2), starts)
    assert len(pending(client_user)) == 2
    later = starts + timedelta(days=3)
    session_services.update_session(
        session=saved.session,
        editor=therapist,
        starts_at=later,
        duration_minutes=50,
        status="scheduled",
        private_notes="",
        summary="",
    )
    window = plan.windows.get()
    assert window.closes_at == later
    rows = pending(client_user)
    assert {r.measure_window for r in rows} == {window}
    assert {r.due_at for r in rows} == {
        datetime.combine(
            (later - timedelta(days=2)).astimezone(client_user.zone).date(),
            MEASURE_TIME,
            tzinfo=client_user.zone,
        )
    }
    session_services.set_session_status(session=saved.session, status="cancelled")
    assert not plan.windows.exists()
    assert not pending(client_user)


def test_the_message_names_no_questionnaire(therapist: User, client_user: User) -> None:
    assign(therapist, client_user)
    email_row, in_app_row = pending(client_user)
    message = channels.build_email(email_row)
    text = " ".join(str(part) for part in (message.subject, message.body, message.alternatives[0][0]))
    assert "short check-in" in text
    for clinical in ("PHQ", "GAD", "depress", "anxi", "mood", "questionnaire"):
        assert clinical.lower() not in text.lower()
    assert channels.in_app_text(in_app_row) == ("You have a short check-in to fill in.", "/today/")


def test_the_send_time_check_skips_an_answered_or_turned_off_one(therapist: User, client_user: User) -> None:
    plan = assign(therapist, client_user)
    email_row, _ = pending(client_user)
    later = email_row.due_at
    assert policy.skip_reason(email_row, later) == ""
    save_preferences(user=client_user, email_enabled=False)
    email_row.refresh_from_db()
    email_row.status = ReminderStatus.PENDING  # as if claimed before the change
    assert policy.skip_reason(email_row, later) == "e-mail reminders turned off"
    save_preferences(user=client_user, email_enabled=True)
    services.submit_response(client=client_user, window=plan.windows.get(), answers=[0] * 9)
    assert policy.skip_reason(email_row, later) == REASON_ANSWERED


@pytest.mark.parametrize("plans", [1, 2])
def test_planning_costs_the_same_for_one_questionnaire_or_two(
    therapist: User, client_user: User, django_assert_max_num_queries: object, plans: int
) -> None:
    for instrument in ["phq9", "gad7"][:plans]:
        services.assign_measure(
            therapist=therapist,
            client=client_user,
            instrument=instrument,
            schedule=Schedule.EVERY_N_WEEKS,
            every_weeks=1,
            starts_on=date(2026, 3, 4),
        )
    with django_assert_max_num_queries(10):  # type: ignore[operator]
        plan_for_client(client_user)


def test_undoing_a_cancellation_asks_before_the_session_again_and_reminds_of_it(
    therapist: User, client_user: User
) -> None:
    starts = NOW + timedelta(days=1, hours=2)
    saved = session_services.schedule_session(
        therapist=therapist, client=client_user, starts_at=starts, duration_minutes=50
    )
    plan = assign(therapist, client_user, Schedule.BEFORE_SESSION)
    assert len(pending(client_user)) == 2
    session_services.set_session_status(session=saved.session, status="cancelled")
    assert not plan.windows.exists()
    assert not pending(client_user)
    session_services.undo_cancel(session=saved.session, therapist=therapist)
    window = plan.windows.get()
    assert (window.opens_at, window.closes_at) == (starts - timedelta(days=2), starts)
    assert {r.measure_window for r in Reminder.objects.filter(kind=ReminderKind.MEASURE)} == {window}


def test_a_window_that_comes_back_is_reminded_of_again(therapist: User, client_user: User) -> None:
    starts = NOW + timedelta(days=1, hours=2)
    saved = session_services.schedule_session(
        therapist=therapist, client=client_user, starts_at=starts, duration_minutes=50
    )
    assign(therapist, client_user, Schedule.BEFORE_SESSION)
    before = [(r.channel, r.due_at) for r in pending(client_user)]
    session_services.set_session_status(session=saved.session, status="cancelled")
    session_services.undo_cancel(session=saved.session, therapist=therapist)
    assert [(r.channel, r.due_at) for r in pending(client_user)] == before


def ask_now_beside_a_session_window(therapist: User, client: User) -> tuple[MeasureWindow, MeasureWindow]:
    """An "Ask once now" (open from the client's midnight today) and, opening at 13:00 today, the
    plan's window before Friday's session: both open by the evening, both reminded at 18:00."""
    session_services.schedule_session(
        therapist=therapist, client=client, starts_at=NOW + timedelta(days=2, hours=3), duration_minutes=50
    )
    plan = assign(therapist, client, Schedule.BEFORE_SESSION)
    extra = services.ask_once_now(therapist=therapist, plan=plan)
    return extra.windows.get(), plan.windows.get()


def test_two_open_asks_of_one_questionnaire_are_reminded_once(therapist: User, client_user: User) -> None:
    extra, own = ask_now_beside_a_session_window(therapist, client_user)
    rows = pending(client_user)
    assert [(r.channel, r.measure_window) for r in rows] == [(Channel.EMAIL, extra), (Channel.IN_APP, extra)]
    assert {r.due_at for r in rows} == {
        datetime.combine(date(2026, 3, 4), MEASURE_TIME, tzinfo=client_user.zone)
    }
    assert plan_for_client(client_user) == 0
    # The plan's window was planned a reminder before the extra ask came: it is cancelled, saying why.
    assert set(Reminder.objects.filter(measure_window=own).values_list("status", "reason")) == {
        (ReminderStatus.CANCELLED, REASON_SAME)
    }


def test_a_window_covered_by_an_answer_is_not_reminded(therapist: User, client_user: User) -> None:
    extra, own = ask_now_beside_a_session_window(therapist, client_user)
    email_row, _ = pending(client_user)
    with time_machine.travel(NOW + timedelta(hours=4), tick=False):  # 14:00: both open
        services.submit_response(client=client_user, window=own, answers=[0] * 9)
        extra.refresh_from_db()
        assert extra.covered_by is not None
        assert not pending(client_user)
        assert set(Reminder.objects.filter(measure_window=extra).values_list("status", "reason")) == {
            (ReminderStatus.CANCELLED, REASON_ANSWERED)
        }
        email_row.status = ReminderStatus.PENDING  # as if claimed before the answer
        assert policy.skip_reason(email_row, email_row.due_at) == REASON_ANSWERED


def test_a_window_another_ask_stood_in_for_is_reminded_once_that_ask_closes_unanswered(
    therapist: User, client_user: User
) -> None:
    """The plan's window (5 to 11 March) was reminded of before an "Ask once now" (4 to 10 March)
    stood in for it. The client never answered: once the extra ask has closed, the window still
    open is reminded of on its last evening."""
    plan = services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="phq9",
        schedule=Schedule.EVERY_N_WEEKS,
        every_weeks=2,
        starts_on=date(2026, 3, 5),
    )
    own = plan.windows.get(opens_at__date=date(2026, 3, 5))
    assert {r.measure_window for r in pending(client_user)} == {own}
    services.ask_once_now(therapist=therapist, plan=plan)
    assert set(Reminder.objects.filter(measure_window=own).values_list("reason", flat=True)) == {REASON_SAME}
    last_day = datetime(2026, 3, 11, 15, 0, tzinfo=UTC)  # 10:00 in New York
    with time_machine.travel(last_day, tick=False):
        plan_for_client(client_user)
        rows = pending(client_user)
    assert {r.measure_window for r in rows} == {own}
    assert {r.due_at for r in rows} == {
        datetime.combine(date(2026, 3, 11), MEASURE_TIME, tzinfo=client_user.zone)
    }
