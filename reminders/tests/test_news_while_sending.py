"""News that arrives while an e-mail of its kind is being sent gets an e-mail of its own.

An e-mail that is being sent has been (or is being) checked at send time, so news that comes
after it cannot ride on it: when that e-mail is then skipped, or when it has already left, the
later news would never be e-mailed. Each piece of news is e-mailed once: never lost, never told
twice (docs/reminders.md, "News from the therapist").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail

from homework import services
from homework.models import Assignment, AssignmentStatus, Kind, LogStatus
from homework.services import Outcome
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User
from reminders import channels, dispatch, policy
from reminders.models import Reminder, ReminderKind, ReminderPreferences, ReminderStatus

pytestmark = pytest.mark.django_db

# Tuesday 12 May 2026, 10:00 in New York (carol's zone).
NOW = datetime(2026, 5, 12, 14, 0, tzinfo=UTC)
GAP_END = NOW + timedelta(minutes=15)
ADDED = "Your therapist added something to practise"
FEEDBACK = "Your therapist left you feedback"


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def news_rows(user: User) -> list[Reminder]:
    return list(Reminder.objects.filter(user=user, kind=ReminderKind.NEWS).order_by("pk"))


def send_due(now: datetime = NOW) -> list[dispatch.Outcome]:
    with time_machine.travel(now, tick=False):
        return dispatch.deliver_batch(dispatch.claim_due(now=now))


def subjects() -> list[str]:
    return [str(message.subject) for message in mail.outbox]


def _after_the_check(monkeypatch: pytest.MonkeyPatch, news: Callable[[], Any]) -> None:
    """Make ``news`` happen once, right after the send-time check of the first news e-mail: the
    e-mail is being sent and its check has been made, but the row is not yet marked."""
    check = policy.skip_reason
    done: list[bool] = []

    def checked_then_news(reminder: Reminder, now: datetime, **kwargs: Any) -> str:
        reason = check(reminder, now, **kwargs)
        if reminder.kind == ReminderKind.NEWS and not done:
            done.append(True)
            news()
        return reason

    monkeypatch.setattr(policy, "skip_reason", checked_then_news)


def _during_the_send(monkeypatch: pytest.MonkeyPatch, news: Callable[[], Any]) -> None:
    """Make ``news`` happen once, while the mail server takes the first e-mail."""
    deliver = channels.EmailChannel.deliver
    done: list[bool] = []

    def delivered_then_news(self: channels.EmailChannel, message: Any) -> None:
        deliver(self, message)
        if not done:
            done.append(True)
            news()

    monkeypatch.setattr(channels.EmailChannel, "deliver", delivered_then_news)


def test_news_after_the_check_of_an_email_that_is_skipped_gets_its_own_email(
    therapist: User, client_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_assignment(therapist, client_user, Kind.JOURNAL)
    services.set_assignment_status(assignment=first, status=AssignmentStatus.PAUSED)
    later: list[Assignment] = []
    _after_the_check(
        monkeypatch, lambda: later.append(make_assignment(therapist, client_user, Kind.RELAXATION))
    )
    assert send_due() == [dispatch.Outcome.SKIPPED]  # the first e-mail: its homework was paused
    assert later, "the second homework came while the first e-mail was being sent"
    assert send_due(GAP_END) == [dispatch.Outcome.SENT]
    assert subjects() == [ADDED]
    assert send_due(GAP_END + timedelta(hours=1)) == []


def test_news_while_an_email_goes_out_is_emailed_after_the_gap(
    therapist: User, client_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_assignment(therapist, client_user, Kind.JOURNAL)
    _during_the_send(monkeypatch, lambda: make_assignment(therapist, client_user, Kind.RELAXATION))
    assert send_due() == [dispatch.Outcome.SENT]
    [_, waiting] = news_rows(client_user)
    assert (waiting.status, waiting.due_at) == (ReminderStatus.PENDING, GAP_END)
    assert send_due(GAP_END) == [dispatch.Outcome.SENT]
    assert subjects() == [ADDED, ADDED]
    assert send_due(GAP_END + timedelta(hours=1)) == []


def test_news_while_an_email_goes_out_does_not_tell_the_earlier_news_twice(
    therapist: User, client_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first e-mail told of the first homework; the second tells only of what came after it.
    When that is paused before its e-mail goes, nothing is left to tell, though the first homework
    is still active and was added after the e-mail before the first one."""
    make_assignment(therapist, client_user, Kind.JOURNAL)
    later: list[Assignment] = []
    _during_the_send(
        monkeypatch, lambda: later.append(make_assignment(therapist, client_user, Kind.RELAXATION))
    )
    send_due()
    with time_machine.travel(NOW + timedelta(minutes=5), tick=False):
        services.set_assignment_status(assignment=later[0], status=AssignmentStatus.PAUSED)
    assert send_due(GAP_END) == [dispatch.Outcome.SKIPPED]
    assert news_rows(client_user)[1].reason == "the homework was paused, archived or removed"
    assert subjects() == [ADDED]


def test_feedback_after_the_check_of_a_skipped_feedback_email_is_emailed(
    therapist: User, client_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    ReminderPreferences.objects.create(user=client_user, in_app_enabled=False)
    first = make_assignment(therapist, client_user, Kind.JOURNAL)
    second = make_assignment(therapist, client_user, Kind.JOURNAL)
    send_due()  # the new-homework e-mail
    mail.outbox.clear()
    entries = [_journal_entry(assignment) for assignment in (first, second)]
    later = NOW + timedelta(hours=1)
    with time_machine.travel(later, tick=False):
        services.leave_feedback(therapist=therapist, entry=entries[0], text="Nice noticing")
        services.leave_feedback(therapist=therapist, entry=entries[0], text="")  # removed again
    _after_the_check(
        monkeypatch, lambda: services.leave_feedback(therapist=therapist, entry=entries[1], text="Good catch")
    )
    assert send_due(later) == [dispatch.Outcome.SKIPPED]
    assert send_due(later + timedelta(minutes=15)) == [dispatch.Outcome.SENT]
    assert subjects() == [FEEDBACK]


def test_news_joins_an_email_that_waits_and_is_told_once(therapist: User, client_user: User) -> None:
    """Before its check, an e-mail that waits takes all the news of its kind: one e-mail for both."""
    make_assignment(therapist, client_user, Kind.JOURNAL)
    make_assignment(therapist, client_user, Kind.RELAXATION)
    [row] = news_rows(client_user)
    assert len(row.news_about) == 2
    assert send_due() == [dispatch.Outcome.SENT]
    assert send_due(GAP_END + timedelta(hours=1)) == []
    assert subjects() == [ADDED]


def _journal_entry(assignment: Assignment) -> Any:
    return services.save_entry(
        occurrence=today_occurrence(assignment),
        fields={"text": "text"},
        submit=True,
        outcome=Outcome(status=LogStatus.DONE, minutes_spent=10, helpfulness=5),
    )


@pytest.mark.parametrize(
    ("paused", "outcome"), [(False, dispatch.Outcome.SENT), (True, dispatch.Outcome.SKIPPED)]
)
def test_an_email_planned_before_rows_kept_what_they_tell_is_checked_as_before(
    therapist: User, client_user: User, paused: bool, outcome: dispatch.Outcome
) -> None:
    """A row from before migration reminders/0010 has nothing in ``news_about``: it tells all news of
    its kind since the last e-mail of that kind, and news that comes while it waits leaves it so."""
    make_assignment(therapist, client_user, Kind.JOURNAL)
    send_due()
    later = NOW + timedelta(minutes=5)
    with time_machine.travel(later, tick=False):
        assignment = make_assignment(therapist, client_user, Kind.RELAXATION)
    Reminder.objects.filter(status=ReminderStatus.PENDING).update(news_about=[])
    with time_machine.travel(later + timedelta(minutes=1), tick=False):
        make_assignment(therapist, client_user, Kind.JOURNAL)
        Assignment.objects.exclude(pk=assignment.pk).update(status=AssignmentStatus.PAUSED)
    [_, waiting] = news_rows(client_user)
    assert waiting.news_about == []
    if paused:
        Assignment.objects.filter(pk=assignment.pk).update(status=AssignmentStatus.PAUSED)
    assert send_due(GAP_END) == [outcome]
