"""News and the dispatcher's claim of a news e-mail, as two real transactions at once.

News joins a pending e-mail of its kind under a row lock taken after the homework writes
(docs/architecture.md, "Lock order"), and the dispatcher's claim locks the same row: whichever
comes first decides, so news never joins an e-mail whose send-time check could miss it. SQLite
has no row locks (its writes are serialised whole), so these run on PostgreSQL only.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.db import connections
from django.utils import timezone

from homework import services
from homework.models import Assignment, AssignmentStatus, Kind
from homework.tests.conftest import make_assignment
from homework.tests.locks import WAIT, pause_after, wait_until_a_query_waits_for_a_lock
from mallard.models import User
from reminders import dispatch, news
from reminders.models import Reminder, ReminderKind, ReminderStatus

pytestmark = [
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL: two transactions holding row locks at the same time",
    ),
    pytest.mark.django_db(transaction=True),
]

CLAIM = re.compile(r'^UPDATE "reminders_reminder" SET "status"')
JOIN = re.compile(r'FROM "reminders_reminder".*\bFOR NO KEY UPDATE\b', re.DOTALL)


@pytest.fixture(autouse=True)
def _no_wake_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests run the dispatcher themselves; no message goes to the broker."""
    monkeypatch.setattr(news, "wake_dispatcher", lambda: None)


def in_thread(work: Callable[[], object], errors: list[BaseException]) -> threading.Thread:
    def run() -> None:
        try:
            work()
        except BaseException as exc:  # reported by the assertions
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def news_rows(user: User) -> list[Reminder]:
    return list(Reminder.objects.filter(user=user, kind=ReminderKind.NEWS).order_by("pk"))


def test_news_that_waits_for_a_claim_gets_its_own_email(
    builtin_library: None, therapist: User, client_user: User
) -> None:
    """The dispatcher claims the e-mail while new homework is being assigned: the news waits for
    the claim, finds the e-mail no longer waiting, and gets its own, which goes although the first
    one is skipped."""
    first = make_assignment(therapist, client_user, Kind.JOURNAL)
    services.set_assignment_status(
        assignment=Assignment.objects.select_related("client").get(pk=first.pk),
        status=AssignmentStatus.PAUSED,
    )
    claimed, go = threading.Event(), threading.Event()
    errors: list[BaseException] = []
    ids: list[int] = []
    later: list[Assignment] = []

    def claim() -> None:
        with pause_after(CLAIM.search, claimed, go):
            ids.extend(dispatch.claim_due(now=timezone.now()))

    claiming = in_thread(claim, errors)
    assert claimed.wait(WAIT), "the dispatcher never claimed the e-mail"
    assigning = in_thread(
        lambda: later.append(make_assignment(therapist, client_user, Kind.RELAXATION)), errors
    )
    wait_until_a_query_waits_for_a_lock()  # the news waits for the claim's lock
    go.set()
    claiming.join(WAIT)
    assigning.join(WAIT)
    assert errors == []

    sending, waiting = news_rows(client_user)
    assert sending.status == ReminderStatus.SENDING and sending.news_about == [first.pk]
    assert waiting.status == ReminderStatus.PENDING and waiting.news_about == [later[0].pk]
    assert waiting.due_at >= waiting.created_at + news.EMAIL_GAP - timedelta(seconds=1)
    assert dispatch.deliver_batch(ids) == [dispatch.Outcome.SKIPPED]
    assert dispatch.deliver_batch(dispatch.claim_due(now=waiting.due_at)) == [dispatch.Outcome.SENT]
    assert [m.subject for m in mail.outbox] == ["Your therapist added something to practise"]


def test_a_claim_passes_by_an_email_that_news_is_joining(
    builtin_library: None, therapist: User, client_user: User
) -> None:
    """New homework joins the waiting e-mail and holds it until its transaction commits: the
    dispatcher passes it by meanwhile (``SKIP LOCKED``) and then claims one e-mail telling both."""
    first = make_assignment(therapist, client_user, Kind.JOURNAL)
    joined, go = threading.Event(), threading.Event()
    errors: list[BaseException] = []
    later: list[Assignment] = []

    def assign() -> None:
        with pause_after(JOIN.search, joined, go):
            later.append(make_assignment(therapist, client_user, Kind.RELAXATION))

    assigning = in_thread(assign, errors)
    assert joined.wait(WAIT), "the news never locked the waiting e-mail"
    assert dispatch.claim_due(now=timezone.now()) == []
    go.set()
    assigning.join(WAIT)
    assert errors == []

    [row] = news_rows(client_user)
    assert row.news_about == sorted([first.pk, later[0].pk])
    assert dispatch.deliver_batch(dispatch.claim_due(now=timezone.now())) == [dispatch.Outcome.SENT]
    assert len(mail.outbox) == 1
