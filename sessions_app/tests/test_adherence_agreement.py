"""The client's homework page, the caseload (worked out and stored), the overview and the
pre-session summary count the same occurrences the same way.

Same client, same data, same counts: an occurrence due on the client's today and not logged yet
is still open on every page (not "not logged", not due), and one logged today counts at once.
The moment chosen is late evening in New York, already the next day in UTC, so the client's own
calendar decides what "today" is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client

from homework.models import Kind, LogStatus, NotDoneReason
from homework.selectors.therapist import ADHERENCE_FIELDS, Adherence, client_homework
from mallard.models import User
from sessions_app.models import CaseloadNumbers
from sessions_app.numbers import refresh_caseload_numbers
from sessions_app.selectors.adherence import adherence_text
from sessions_app.selectors.caseload import caseload
from sessions_app.selectors.overview import client_overview
from sessions_app.selectors.summary import pre_session_summary
from sessions_app.tests.dashboard_helpers import daily_since, days_ago, log_on, make_session

pytestmark = pytest.mark.django_db

# Wednesday 9 December, 22:30 in New York (Carol's zone); already Thursday in UTC.
EVENING_IN_NEW_YORK = datetime(2026, 12, 10, 3, 30, tzinfo=UTC)

# The 13 days before today for "Breathing" (4 logged), today still open; "Walk" from 3 days
# ago, logged today only.
EXPECTED = Adherence(due=17, done=2, smaller=1, partly=1, not_done=1, not_logged=12, still_open=1)
BREATHING = "3 of 13 done (1 smaller version, 1 partly), 1 not done, 9 not logged, 1 still open today"


def total(counts: Iterable[Adherence]) -> Adherence:
    rows = list(counts)
    return Adherence(*(sum(getattr(row, name) for row in rows) for name in ADHERENCE_FIELDS))


@pytest.fixture
def travelled() -> Iterator[None]:
    with time_machine.travel(EVENING_IN_NEW_YORK, tick=False):
        yield


def test_every_page_counts_the_same(
    travelled: None, client: Client, therapist: User, client_user: User
) -> None:
    breathing = daily_since(therapist, client_user, 20, Kind.RELAXATION, title="Breathing")
    for n, status in [
        (1, LogStatus.DONE),
        (2, LogStatus.SMALLER),
        (3, LogStatus.PARTLY),
        (4, LogStatus.NOT_DONE),
    ]:
        reason = NotDoneReason.FORGOT if status == LogStatus.NOT_DONE else ""
        log_on(breathing, days_ago(client_user, n), status, reason=reason)
    walk = daily_since(therapist, client_user, 3, Kind.SKILL_PRACTICE, title="Walk")
    log_on(walk, days_ago(client_user, 0), LogStatus.DONE)
    session = make_session(therapist, client_user, in_days=1)  # no session before: the last 14 days

    homework_page = client_homework(therapist, client_user)
    homework = total(row.adherence for group in homework_page.groups for row in group.assignments)
    (worked_out,) = caseload(therapist).rows
    overview = total(row.adherence.counts for row in client_overview(therapist, client_user).assignments)
    summary = total(row.adherence.counts for row in pre_session_summary(session).assignments)
    refresh_caseload_numbers(client_ids=[client_user.pk])
    assert CaseloadNumbers.objects.get(client=client_user).still_open == 1
    (stored,) = caseload(therapist).rows
    assert worked_out.adherence is not None and stored.adherence is not None

    assert homework == EXPECTED
    assert worked_out.adherence.counts == EXPECTED
    assert stored.adherence.counts == EXPECTED
    assert overview == EXPECTED
    assert summary == EXPECTED

    # And in the words each page prints.
    client.force_login(therapist)
    assert adherence_text(EXPECTED) in client.get("/caseload/").content.decode()
    for path in (f"/clients/{client_user.pk}/overview/", f"/sessions/{session.pk}/summary/"):
        assert BREATHING in client.get(path).content.decode()
    page = client.get(f"/clients/{client_user.pk}/homework/").content.decode()
    start = page.index(">Breathing<")
    breathing_row = page[start : page.index("</li>", start)]
    assert BREATHING in breathing_row  # the same words as the overview, not its own counts
