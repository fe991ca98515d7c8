"""Clients are told: new homework, changed homework and feedback make a notification and an e-mail."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail

from homework import services
from homework.models import Assignment, AssignmentStatus, Kind, LogStatus
from homework.services import MoodData, Outcome, ThoughtData
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User
from reminders import dispatch
from reminders.models import Notification, Reminder, ReminderKind, ReminderPreferences, ReminderStatus
from reminders.planning import on_profile_changed, save_preferences

pytestmark = pytest.mark.django_db

# Tuesday 12 May 2026, 10:00 in New York (carol's zone).
NOW = datetime(2026, 5, 12, 14, 0, tzinfo=UTC)
CLINICAL = ("Thought record", "At the shop", "panic", "Catch", "noticing")


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def news_rows(user: User) -> list[Reminder]:
    return list(Reminder.objects.filter(user=user, kind=ReminderKind.NEWS).order_by("pk"))


def send_due(now: datetime = NOW) -> list[dispatch.Outcome]:
    return dispatch.deliver_batch(dispatch.claim_due(now=now))


def assert_no_clinical_text(message: Any) -> None:
    html = message.alternatives[0][0]
    for text in (message.subject, message.body, html):
        for word in CLINICAL:
            assert word not in text


def test_new_homework_makes_a_notification_with_a_link_and_one_email(
    therapist: User, client_user: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        assignment = make_assignment(therapist, client_user, Kind.THOUGHT_RECORD, title="Catch the panic")
    assert callbacks, "the dispatcher is woken after the commit"
    notification = Notification.objects.get(user=client_user)
    assert notification.text == "Your therapist added something to practise."
    assert notification.url == f"/homework/{assignment.pk}/"
    [row] = news_rows(client_user)
    assert row.status == ReminderStatus.PENDING and row.due_at == NOW
    assert send_due() == [dispatch.Outcome.SENT]
    [message] = mail.outbox
    assert message.subject == "Your therapist added something to practise"
    assert "/notifications/" in message.body
    assert_no_clinical_text(message)


def test_changed_homework_and_feedback_tell_the_client_without_clinical_text(
    therapist: User, client_user: User
) -> None:
    assignment = make_assignment(therapist, client_user, Kind.THOUGHT_RECORD)
    send_due()
    services.update_assignment(assignment=assignment, title="Catch the panic")
    entry = services.save_entry(
        occurrence=today_occurrence(assignment),
        fields={"situation": "At the shop"},
        submit=True,
        outcome=Outcome(status=LogStatus.DONE, minutes_spent=10, helpfulness=5),
        moods=[MoodData(name="Anxious", intensity=80)],
        thoughts=[ThoughtData(text="Catch me", is_hot=True)],
    )
    services.leave_feedback(therapist=therapist, entry=entry, text="Great noticing")
    texts = list(Notification.objects.filter(user=client_user).order_by("pk").values_list("text", "url"))
    assert texts[1] == ("Your therapist changed something you practise.", f"/homework/{assignment.pk}/")
    assert texts[2] == (
        "Your therapist left feedback on something you wrote.",
        f"/homework/entries/{entry.pk}/",
    )
    send_due()
    assert [m.subject for m in mail.outbox] == [
        "Your therapist added something to practise",
        "Your therapist changed something you practise",
        "Your therapist left you feedback",
    ]
    for message in mail.outbox:
        assert_no_clinical_text(message)


def test_several_changes_before_the_email_goes_make_one_email(therapist: User, client_user: User) -> None:
    make_assignment(therapist, client_user, Kind.JOURNAL)
    make_assignment(therapist, client_user, Kind.RELAXATION)
    assert Notification.objects.filter(user=client_user).count() == 2
    assert len(news_rows(client_user)) == 1
    send_due()
    assert len(mail.outbox) == 1


def test_feedback_saved_again_unchanged_tells_nobody_twice(therapist: User, client_user: User) -> None:
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL)
    entry = services.save_entry(
        occurrence=today_occurrence(assignment),
        fields={"text": "text"},
        submit=True,
        outcome=Outcome(status=LogStatus.DONE, minutes_spent=10, helpfulness=5),
    )
    services.leave_feedback(therapist=therapist, entry=entry, text="Nice")
    services.leave_feedback(therapist=therapist, entry=entry, text="Nice")
    assert Notification.objects.filter(user=client_user, url__contains="/entries/").count() == 1


def _entry(therapist: User, client_user: User) -> Any:
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL)
    return services.save_entry(
        occurrence=today_occurrence(assignment),
        fields={"text": "text"},
        submit=True,
        outcome=Outcome(status=LogStatus.DONE, minutes_spent=10, helpfulness=5),
    )


def test_feedback_edited_while_its_notification_is_unread_keeps_one_notification_and_one_email(
    therapist: User, client_user: User
) -> None:
    entry = _entry(therapist, client_user)
    feedback = Notification.objects.filter(user=client_user, url__contains="/entries/")
    services.leave_feedback(therapist=therapist, entry=entry, text="Nice noticng")
    send_due()
    later = NOW + timedelta(seconds=40)
    with time_machine.travel(later, tick=False):
        services.leave_feedback(therapist=therapist, entry=entry, text="Nice noticing")
        assert send_due(later) == []
    [notification] = feedback
    assert notification.created_at == later  # at the top of the list again
    assert [m.subject for m in mail.outbox].count("Your therapist left you feedback") == 1
    # Once read, new feedback is news again.
    feedback.update(read_at=later)
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        services.leave_feedback(therapist=therapist, entry=entry, text="Nice noticing, again")
        send_due(NOW + timedelta(hours=1))
    assert feedback.count() == 2
    assert [m.subject for m in mail.outbox].count("Your therapist left you feedback") == 2


def test_a_second_feedback_email_within_minutes_waits_for_the_gap_to_end(
    therapist: User, client_user: User
) -> None:
    """Without in-app notifications, e-mails of one kind of news are at least 15 minutes apart,
    and news in between is delayed, not dropped."""
    ReminderPreferences.objects.create(user=client_user, in_app_enabled=False)
    entry = _entry(therapist, client_user)
    services.leave_feedback(therapist=therapist, entry=entry, text="Nice noticng")
    send_due()
    with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
        services.leave_feedback(therapist=therapist, entry=entry, text="Nice noticing")
    with time_machine.travel(NOW + timedelta(minutes=5), tick=False):
        services.leave_feedback(therapist=therapist, entry=entry, text="Nice noticing!")
    [_, second] = _feedback_rows(client_user)
    assert (second.status, second.due_at) == (ReminderStatus.PENDING, NOW + timedelta(minutes=15))
    with time_machine.travel(NOW + timedelta(minutes=14), tick=False):
        send_due(NOW + timedelta(minutes=14))
    assert [m.subject for m in mail.outbox].count("Your therapist left you feedback") == 1
    gap_end = NOW + timedelta(minutes=15)
    with time_machine.travel(gap_end, tick=False):
        assert send_due(gap_end) == [dispatch.Outcome.SENT]
    assert [m.subject for m in mail.outbox].count("Your therapist left you feedback") == 2


def _assign_at(when: datetime, therapist: User, client_user: User) -> Assignment:
    with time_machine.travel(when, tick=False):
        return make_assignment(therapist, client_user, Kind.JOURNAL)


def test_homework_added_minutes_after_an_email_is_emailed_when_the_gap_ends(
    therapist: User, client_user: User
) -> None:
    make_assignment(therapist, client_user, Kind.RELAXATION)
    assert send_due() == [dispatch.Outcome.SENT]
    _assign_at(NOW + timedelta(minutes=10), therapist, client_user)
    _assign_at(NOW + timedelta(minutes=12), therapist, client_user)
    [_, waiting] = news_rows(client_user)
    assert (waiting.status, waiting.due_at) == (ReminderStatus.PENDING, NOW + timedelta(minutes=15))
    gap_end = NOW + timedelta(minutes=15)
    with time_machine.travel(gap_end, tick=False):
        assert send_due(gap_end) == [dispatch.Outcome.SENT]
    assert [m.subject for m in mail.outbox] == ["Your therapist added something to practise"] * 2
    assert Notification.objects.filter(user=client_user).count() == 3


def test_news_delayed_by_the_gap_into_quiet_hours_waits_for_them_to_end(
    therapist: User, client_user: User
) -> None:
    # The gap after the 10:00 e-mail ends at 10:15 in New York, inside quiet hours 10:05-11:30.
    make_assignment(therapist, client_user, Kind.RELAXATION)
    send_due()
    ReminderPreferences.objects.create(user=client_user, quiet_start=time(10, 5), quiet_end=time(11, 30))
    _assign_at(NOW + timedelta(minutes=2), therapist, client_user)
    assert news_rows(client_user)[1].due_at == QUIET_END
    with time_machine.travel(QUIET_END, tick=False):
        assert send_due(QUIET_END) == [dispatch.Outcome.SENT]
    assert len(mail.outbox) == 2


def test_homework_paused_before_its_delayed_email_goes_is_not_emailed(
    therapist: User, client_user: User
) -> None:
    make_assignment(therapist, client_user, Kind.RELAXATION)
    send_due()
    later = _assign_at(NOW + timedelta(minutes=10), therapist, client_user)
    with time_machine.travel(NOW + timedelta(minutes=11), tick=False):
        services.set_assignment_status(assignment=later, status=AssignmentStatus.PAUSED)
    gap_end = NOW + timedelta(minutes=15)
    with time_machine.travel(gap_end, tick=False):
        assert send_due(gap_end) == [dispatch.Outcome.SKIPPED]
    assert news_rows(client_user)[1].reason == "the homework was paused, archived or removed"
    assert len(mail.outbox) == 1


def test_removing_feedback_removes_its_unread_notification(therapist: User, client_user: User) -> None:
    entry = _entry(therapist, client_user)
    feedback = Notification.objects.filter(user=client_user, url__contains="/entries/")
    services.leave_feedback(therapist=therapist, entry=entry, text="Nice")
    assert feedback.exists()
    services.leave_feedback(therapist=therapist, entry=entry, text="")
    assert not feedback.exists()
    # A notification already read is history and stays.
    services.leave_feedback(therapist=therapist, entry=entry, text="Nice")
    feedback.update(read_at=NOW)
    services.leave_feedback(therapist=therapist, entry=entry, text="")
    assert feedback.count() == 1


def test_undoing_a_removal_brings_back_the_unread_notification_without_an_email(
    therapist: User, client_user: User
) -> None:
    entry = _entry(therapist, client_user)
    feedback = Notification.objects.filter(user=client_user, url=f"/homework/entries/{entry.pk}/")
    services.leave_feedback(therapist=therapist, entry=entry, text="Nice")
    entry.refresh_from_db()
    removed = services.RemovedFeedback.of(entry)
    services.leave_feedback(therapist=therapist, entry=entry, text="")
    assert not feedback.exists()
    emails = news_rows(client_user)
    with time_machine.travel(NOW + timedelta(minutes=5), tick=False):
        services.restore_feedback(entry=entry, removed=removed)
    restored = feedback.get()
    assert restored.read_at is None and restored.created_at == removed.at
    assert restored.assignment_id == entry.assignment_id
    assert news_rows(client_user) == emails  # told once, not again

    # Feedback the client had read comes back read, with no notification that calls it new.
    services.mark_feedback_read(entry=entry)
    entry.refresh_from_db()
    removed = services.RemovedFeedback.of(entry)
    services.leave_feedback(therapist=therapist, entry=entry, text="")
    assert feedback.filter(read_at__isnull=True).count() == 0
    services.restore_feedback(entry=entry, removed=removed)
    assert feedback.filter(read_at__isnull=True).count() == 0
    assert feedback.count() == 1


def test_a_restored_notification_respects_in_app_messages_off(therapist: User, client_user: User) -> None:
    entry = _entry(therapist, client_user)
    services.leave_feedback(therapist=therapist, entry=entry, text="Nice")
    entry.refresh_from_db()
    removed = services.RemovedFeedback.of(entry)
    services.leave_feedback(therapist=therapist, entry=entry, text="")
    ReminderPreferences.objects.update_or_create(user=client_user, defaults={"in_app_enabled": False})
    services.restore_feedback(entry=entry, removed=removed)
    assert not Notification.objects.filter(user=client_user, url__contains="/entries/").exists()


def test_reading_the_feedback_marks_its_notification_read(
    client: Any, therapist: User, client_user: User
) -> None:
    entry = _entry(therapist, client_user)
    services.leave_feedback(therapist=therapist, entry=entry, text="Nice")
    feedback = Notification.objects.get(user=client_user, url=f"/homework/entries/{entry.pk}/")
    assert feedback.read_at is None
    client.force_login(client_user)
    client.post(f"/homework/entries/{entry.pk}/feedback/read/")
    feedback.refresh_from_db()
    assert feedback.read_at == NOW
    assert not Notification.objects.filter(user=client_user, news="feedback", read_at__isnull=True).exists()


def test_opening_the_feedback_notification_marks_the_feedback_read(
    client: Any, therapist: User, client_user: User
) -> None:
    entry = _entry(therapist, client_user)
    services.leave_feedback(therapist=therapist, entry=entry, text="Nice")
    feedback = Notification.objects.get(user=client_user, url=f"/homework/entries/{entry.pk}/")
    client.force_login(client_user)
    assert "New feedback on" in client.get("/today/").content.decode()
    response = client.post(f"/notifications/{feedback.pk}/open/")
    assert response["Location"] == f"/homework/entries/{entry.pk}/"
    entry.refresh_from_db()
    assert entry.feedback_read_at == NOW
    assert "New feedback on" not in client.get("/today/").content.decode()
    assert "Mark as read" not in client.get(f"/homework/entries/{entry.pk}/").content.decode()


def test_opening_other_news_leaves_unread_feedback_as_it_is(
    client: Any, therapist: User, client_user: User
) -> None:
    entry = _entry(therapist, client_user)
    services.leave_feedback(therapist=therapist, entry=entry, text="Nice")
    assigned = Notification.objects.filter(user=client_user, news="assigned").first()
    assert assigned is not None
    client.force_login(client_user)
    client.post(f"/notifications/{assigned.pk}/open/")
    entry.refresh_from_db()
    assert entry.feedback_read_at is None


def test_in_quiet_hours_the_email_waits_for_them_to_end(therapist: User, client_user: User) -> None:
    # 10:00 in New York is inside quiet hours 09:00-11:30; the e-mail is due at 11:30 local.
    ReminderPreferences.objects.create(user=client_user, quiet_start=time(9), quiet_end=time(11, 30))
    make_assignment(therapist, client_user, Kind.JOURNAL)
    [row] = news_rows(client_user)
    assert row.due_at == datetime(2026, 5, 12, 15, 30, tzinfo=UTC)
    assert send_due() == []
    with time_machine.travel(row.due_at, tick=False):
        assert send_due(row.due_at) == [dispatch.Outcome.SENT]
    assert len(mail.outbox) == 1


def test_quiet_hours_set_after_planning_hold_the_email_back(therapist: User, client_user: User) -> None:
    make_assignment(therapist, client_user, Kind.JOURNAL)
    ReminderPreferences.objects.create(user=client_user, quiet_start=time(9), quiet_end=time(11, 30))
    assert send_due() == [dispatch.Outcome.SKIPPED]
    assert news_rows(client_user)[0].reason == "in quiet hours"
    assert mail.outbox == []


def test_quiet_hours_chosen_while_an_email_waits_move_it_to_their_end(
    therapist: User, client_user: User
) -> None:
    """Chosen through the client's page, quiet hours that cover a waiting news e-mail hold it back
    until they end: skipped at send time, the news would get no e-mail at all."""
    make_assignment(therapist, client_user, Kind.JOURNAL)
    save_preferences(user=client_user, quiet_start=time(9), quiet_end=time(11, 30))
    [row] = news_rows(client_user)
    assert (row.status, row.due_at) == (ReminderStatus.PENDING, datetime(2026, 5, 12, 15, 30, tzinfo=UTC))
    assert send_due() == []
    with time_machine.travel(row.due_at, tick=False):
        assert send_due(row.due_at) == [dispatch.Outcome.SENT]
    assert len(mail.outbox) == 1


def test_quiet_hours_that_miss_a_waiting_email_leave_it_as_it_was(therapist: User, client_user: User) -> None:
    make_assignment(therapist, client_user, Kind.JOURNAL)
    save_preferences(user=client_user, quiet_start=time(22), quiet_end=time(7))
    [row] = news_rows(client_user)
    assert row.due_at == NOW
    assert send_due() == [dispatch.Outcome.SENT]


def test_a_new_time_zone_that_puts_a_waiting_email_in_quiet_hours_moves_it(
    therapist: User, client_user: User
) -> None:
    """14:00 UTC is 10:00 in New York, outside quiet hours 14:00-16:00; in London it is 15:00."""
    save_preferences(user=client_user, quiet_start=time(14), quiet_end=time(16))
    make_assignment(therapist, client_user, Kind.JOURNAL)
    client_user.time_zone = "Europe/London"
    client_user.save(update_fields=["time_zone"])
    on_profile_changed(client_user)
    [row] = news_rows(client_user)
    assert row.due_at == datetime(2026, 5, 12, 15, 0, tzinfo=UTC)  # 16:00 in London (BST)


def test_the_daily_limit_neither_holds_news_back_nor_counts_it(therapist: User, client_user: User) -> None:
    """ "Most reminders in one day" counts practice reminders: the therapist's news always arrives."""
    ReminderPreferences.objects.create(user=client_user, daily_cap=1)
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL)
    assert send_due() == [dispatch.Outcome.SENT]
    later = NOW + timedelta(hours=1)
    with time_machine.travel(later, tick=False):
        services.update_assignment(assignment=assignment, title="Another title")
        assert send_due(later) == [dispatch.Outcome.SENT]
    assert [row.status for row in news_rows(client_user)] == [ReminderStatus.SENT, ReminderStatus.SENT]
    assert len(mail.outbox) == 2
    assert Notification.objects.filter(user=client_user).count() == 2


@pytest.mark.parametrize(
    ("choice", "notifications", "emails"),
    [({"enabled": False}, 1, 0), ({"email_enabled": False}, 1, 0), ({"in_app_enabled": False}, 0, 1)],
)
def test_it_respects_the_clients_choices(
    therapist: User, client_user: User, choice: dict[str, bool], notifications: int, emails: int
) -> None:
    ReminderPreferences.objects.create(user=client_user, **choice)
    make_assignment(therapist, client_user, Kind.JOURNAL)
    assert Notification.objects.filter(user=client_user).count() == notifications
    assert len(news_rows(client_user)) == emails


def test_news_rows_are_not_touched_by_replanning(therapist: User, client_user: User) -> None:
    assignment: Assignment = make_assignment(therapist, client_user, Kind.JOURNAL)
    services.update_assignment(assignment=assignment, estimated_minutes=20)
    assert [r.status for r in news_rows(client_user)] == [ReminderStatus.PENDING, ReminderStatus.PENDING]


QUIET_END = datetime(2026, 5, 12, 15, 30, tzinfo=UTC)  # 11:30 in New York


def _quiet(client_user: User) -> None:
    """10:00 in New York is inside quiet hours 09:00-11:30: a feedback e-mail waits until 11:30."""
    ReminderPreferences.objects.create(user=client_user, quiet_start=time(9), quiet_end=time(11, 30))


def _feedback_rows(client_user: User) -> list[Reminder]:
    return [r for r in news_rows(client_user) if r.idempotency_key.split(":")[1] == "feedback"]


def _send_at_quiet_end() -> list[dispatch.Outcome]:
    with time_machine.travel(QUIET_END, tick=False):
        return send_due(QUIET_END)


def test_feedback_removed_while_its_email_waits_for_quiet_hours_is_not_emailed(
    therapist: User, client_user: User
) -> None:
    _quiet(client_user)
    entry = _entry(therapist, client_user)
    services.leave_feedback(therapist=therapist, entry=entry, text="Nice noticing")
    [row] = _feedback_rows(client_user)
    assert (row.status, row.due_at) == (ReminderStatus.PENDING, QUIET_END)
    with time_machine.travel(NOW + timedelta(minutes=10), tick=False):
        services.leave_feedback(therapist=therapist, entry=entry, text="")
    outcomes = _send_at_quiet_end()
    assert sorted(outcomes) == [dispatch.Outcome.SENT, dispatch.Outcome.SKIPPED]
    row.refresh_from_db()
    assert (row.status, row.reason) == (ReminderStatus.SKIPPED, "the feedback was removed or already read")
    assert [m.subject for m in mail.outbox] == ["Your therapist added something to practise"]


def test_feedback_read_before_its_email_goes_is_not_emailed(therapist: User, client_user: User) -> None:
    _quiet(client_user)
    entry = _entry(therapist, client_user)
    services.leave_feedback(therapist=therapist, entry=entry, text="Nice noticing")
    entry.refresh_from_db()
    assert services.mark_feedback_read(entry=entry)
    outcomes = _send_at_quiet_end()
    assert sorted(outcomes) == [dispatch.Outcome.SENT, dispatch.Outcome.SKIPPED]
    assert [m.subject for m in mail.outbox] == ["Your therapist added something to practise"]


def test_feedback_changed_while_its_email_waits_is_still_emailed(therapist: User, client_user: User) -> None:
    _quiet(client_user)
    entry = _entry(therapist, client_user)
    services.leave_feedback(therapist=therapist, entry=entry, text="Nice noticng")
    with time_machine.travel(NOW + timedelta(minutes=5), tick=False):
        services.leave_feedback(therapist=therapist, entry=entry, text="Nice noticing")
    _send_at_quiet_end()
    assert "Your therapist left you feedback" in [m.subject for m in mail.outbox]


def test_one_feedback_removed_leaves_the_email_about_the_other(therapist: User, client_user: User) -> None:
    _quiet(client_user)
    first, second = _entry(therapist, client_user), _entry(therapist, client_user)
    services.leave_feedback(therapist=therapist, entry=first, text="Nice noticing")
    services.leave_feedback(therapist=therapist, entry=second, text="Good catch")
    assert len(_feedback_rows(client_user)) == 1  # one e-mail for both
    services.leave_feedback(therapist=therapist, entry=first, text="")
    _send_at_quiet_end()
    assert "Your therapist left you feedback" in [m.subject for m in mail.outbox]


def test_older_unread_feedback_already_emailed_does_not_carry_a_removed_ones_email(
    therapist: User, client_user: User
) -> None:
    first, second = _entry(therapist, client_user), _entry(therapist, client_user)
    services.leave_feedback(therapist=therapist, entry=first, text="Nice noticing")
    send_due()
    assert "Your therapist left you feedback" in [m.subject for m in mail.outbox]
    mail.outbox.clear()
    _quiet(client_user)
    later = NOW + timedelta(minutes=30)  # 10:30, still quiet hours; the first is still unread
    with time_machine.travel(later, tick=False):
        services.leave_feedback(therapist=therapist, entry=second, text="Good catch")
        services.leave_feedback(therapist=therapist, entry=second, text="")
    assert _send_at_quiet_end() == [dispatch.Outcome.SKIPPED]
    assert mail.outbox == []


def _homework_rows(client_user: User, kind: str) -> list[Reminder]:
    return [r for r in news_rows(client_user) if r.idempotency_key.split(":")[1] == kind]


@pytest.mark.parametrize("status", [AssignmentStatus.PAUSED, AssignmentStatus.ARCHIVED])
def test_new_homework_paused_or_archived_while_its_email_waits_is_not_emailed(
    therapist: User, client_user: User, status: AssignmentStatus
) -> None:
    _quiet(client_user)
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL)
    [row] = _homework_rows(client_user, "assigned")
    assert (row.status, row.due_at) == (ReminderStatus.PENDING, QUIET_END)
    with time_machine.travel(NOW + timedelta(minutes=10), tick=False):
        services.set_assignment_status(assignment=assignment, status=status)
    assert _send_at_quiet_end() == [dispatch.Outcome.SKIPPED]
    row.refresh_from_db()
    assert (row.status, row.reason) == (
        ReminderStatus.SKIPPED,
        "the homework was paused, archived or removed",
    )
    assert mail.outbox == []


def test_new_homework_deleted_while_its_email_waits_is_not_emailed(
    therapist: User, client_user: User
) -> None:
    _quiet(client_user)
    make_assignment(therapist, client_user, Kind.JOURNAL).delete()
    assert _send_at_quiet_end() == [dispatch.Outcome.SKIPPED]
    assert mail.outbox == []


def test_one_new_homework_paused_leaves_the_email_about_the_other(therapist: User, client_user: User) -> None:
    _quiet(client_user)
    first = make_assignment(therapist, client_user, Kind.JOURNAL)
    make_assignment(therapist, client_user, Kind.RELAXATION)
    services.set_assignment_status(assignment=first, status=AssignmentStatus.PAUSED)
    assert _send_at_quiet_end() == [dispatch.Outcome.SENT]
    assert [m.subject for m in mail.outbox] == ["Your therapist added something to practise"]


def test_homework_emailed_before_does_not_carry_a_paused_ones_email(
    therapist: User, client_user: User
) -> None:
    make_assignment(therapist, client_user, Kind.JOURNAL)
    assert send_due() == [dispatch.Outcome.SENT]
    mail.outbox.clear()
    _quiet(client_user)
    later = NOW + timedelta(minutes=30)  # 10:30, still quiet hours; the first is still active
    with time_machine.travel(later, tick=False):
        second = make_assignment(therapist, client_user, Kind.RELAXATION)
        services.set_assignment_status(assignment=second, status=AssignmentStatus.ARCHIVED)
    assert _send_at_quiet_end() == [dispatch.Outcome.SKIPPED]
    assert mail.outbox == []


def test_changed_homework_paused_while_its_email_waits_is_not_emailed(
    therapist: User, client_user: User
) -> None:
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL)
    send_due()
    mail.outbox.clear()
    _quiet(client_user)
    with time_machine.travel(NOW + timedelta(minutes=5), tick=False):
        services.update_assignment(assignment=assignment, title="Another title")
    [row] = _homework_rows(client_user, "changed")
    with time_machine.travel(NOW + timedelta(minutes=10), tick=False):
        services.set_assignment_status(assignment=assignment, status=AssignmentStatus.PAUSED)
    assert _send_at_quiet_end() == [dispatch.Outcome.SKIPPED]
    row.refresh_from_db()
    assert (row.status, row.reason) == (
        ReminderStatus.SKIPPED,
        "the homework was paused, archived or removed",
    )
    assert mail.outbox == []


def test_changed_homework_still_active_is_emailed_after_quiet_hours(
    therapist: User, client_user: User
) -> None:
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL)
    send_due()
    mail.outbox.clear()
    _quiet(client_user)
    with time_machine.travel(NOW + timedelta(minutes=5), tick=False):
        services.update_assignment(assignment=assignment, title="Another title")
    assert _send_at_quiet_end() == [dispatch.Outcome.SENT]
    assert [m.subject for m in mail.outbox] == ["Your therapist changed something you practise"]
