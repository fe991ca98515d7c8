"""The caseload keeps each client's numbers and works them out again only when they may have changed.

Stored numbers (``CaseloadNumbers``) are current while the client's local date, the count of
changes to their homework rows (``homework.models.ChangeCounter``, kept by database triggers)
and the statement that works them out are all unchanged.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from homework import services
from homework.models import (
    Assignment,
    AssignmentStatus,
    ChangeCounter,
    Entry,
    Kind,
    Log,
    LogStatus,
    Occurrence,
)
from homework.tests.conftest import make_assignment
from mallard.models import User
from sessions_app.models import CaseloadNumbers
from sessions_app.tests.dashboard_helpers import daily_since, days_ago, log_on, make_session

pytestmark = pytest.mark.django_db


def _changes(client: User) -> int:
    counter = ChangeCounter.objects.filter(client_id=client.pk).first()
    return counter.changes if counter else 0


def _view(browser: Client) -> tuple[str, int]:
    """The caseload's HTML and how many queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = browser.get("/caseload/")
    assert response.status_code == 200
    return response.content.decode(), len(queries)


# --- The change counter -----------------------------------------------------------------------------


def test_every_write_to_a_clients_homework_rows_is_counted(therapist: User, client_user: User) -> None:
    before = _changes(client_user)
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL)
    after_assigning = _changes(client_user)
    assert after_assigning > before  # the assignment and its occurrences
    occurrence = Occurrence.objects.filter(assignment=assignment).first()
    assert occurrence is not None
    log = services.log_occurrence(occurrence=occurrence, status=LogStatus.DONE)
    assert _changes(client_user) == after_assigning + 1
    Log.objects.filter(pk=log.pk).update(status=LogStatus.PARTLY)  # a bulk update: no signals
    assert _changes(client_user) == after_assigning + 2
    Log.objects.filter(pk=log.pk).delete()
    assert _changes(client_user) == after_assigning + 3
    Assignment.objects.filter(pk=assignment.pk).update(status=AssignmentStatus.ARCHIVED)
    assert _changes(client_user) == after_assigning + 4


def test_an_entry_is_counted_too(therapist: User, client_user: User) -> None:
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL)
    occurrence = Occurrence.objects.filter(assignment=assignment).first()
    assert occurrence is not None
    before = _changes(client_user)
    Entry.objects.create(
        client=client_user, occurrence=occurrence, assignment=assignment, kind=Kind.JOURNAL, is_draft=False
    )
    assert _changes(client_user) == before + 1


def test_another_clients_writes_are_not_counted_for_this_one(
    therapist: User, client_user: User, other_therapist: User, other_client: User
) -> None:
    make_assignment(therapist, client_user, Kind.JOURNAL)
    before = _changes(client_user)
    make_assignment(other_therapist, other_client, Kind.JOURNAL)
    assert _changes(client_user) == before
    assert _changes(other_client) > 0


# --- Stored numbers on the caseload -----------------------------------------------------------------


def test_a_second_view_reads_the_stored_numbers_in_two_fewer_queries(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = daily_since(therapist, client_user, 20)
    log_on(assignment, days_ago(client_user, 1), LogStatus.DONE)
    client.force_login(therapist)
    client.get("/caseload/")  # sessions and per-process caches
    CaseloadNumbers.objects.all().delete()
    first, first_queries = _view(client)
    stored = CaseloadNumbers.objects.get(client=client_user)
    assert (stored.due, stored.done, stored.changes) == (14, 1, _changes(client_user))
    second, second_queries = _view(client)
    assert second_queries == first_queries - 2  # no window statement, no INSERT of the numbers
    assert "1 of 14 done, 13 not logged" in first and "1 of 14 done, 13 not logged" in second


def test_a_log_written_after_a_view_shows_on_the_next(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = daily_since(therapist, client_user, 20)
    client.force_login(therapist)
    assert "0 of 14 done, 14 not logged" in _view(client)[0]
    log_on(assignment, days_ago(client_user, 2), LogStatus.NOT_DONE, reason="forgot")
    content, _ = _view(client)
    assert "0 of 14 done, 1 not done, 13 not logged" in content
    # A bulk update (as the admin or a data fix might make) is seen too: the trigger counts it.
    Log.objects.filter(client=client_user).update(status=LogStatus.DONE, reason="")
    assert "1 of 14 done, 13 not logged" in _view(client)[0]


def test_archiving_homework_takes_it_out_of_the_next_view(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = daily_since(therapist, client_user, 20)
    client.force_login(therapist)
    assert "0 of 14 done, 14 not logged" in _view(client)[0]
    services.set_assignment_status(assignment=assignment, status=AssignmentStatus.ARCHIVED)
    assert "Nothing due" in _view(client)[0]


@pytest.mark.parametrize(
    "outdated",
    [
        {"as_of_days": -1},  # worked out on the client's previous day: the window has moved
        {"formula": 1},  # worked out by another version of the statement
        {"changes": -1},  # worked out before the latest change
    ],
)
def test_numbers_that_are_not_current_are_worked_out_again(
    client: Client, therapist: User, client_user: User, outdated: dict[str, int]
) -> None:
    assignment = daily_since(therapist, client_user, 20)
    log_on(assignment, days_ago(client_user, 1), LogStatus.DONE)
    client.force_login(therapist)
    _view(client)
    stored = CaseloadNumbers.objects.get(client=client_user)
    changes: dict[str, object] = {"done": 9, "due": 9, "not_logged": 0}  # wrong on purpose: never shown
    if "as_of_days" in outdated:
        changes["as_of"] = stored.as_of + timedelta(days=outdated["as_of_days"])
    if "formula" in outdated:
        changes["formula"] = outdated["formula"]
    if "changes" in outdated:
        changes["changes"] = stored.changes + outdated["changes"]
    CaseloadNumbers.objects.filter(client=client_user).update(**changes)
    content, _ = _view(client)
    assert "1 of 14 done, 13 not logged" in content
    assert "9 of 9 done" not in content
    assert CaseloadNumbers.objects.get(client=client_user).done == 1


def test_current_numbers_are_shown_as_stored(client: Client, therapist: User, client_user: User) -> None:
    """Proof that a current row is really read rather than worked out again (the tests above
    would pass if nothing were ever stored)."""
    daily_since(therapist, client_user, 20)
    client.force_login(therapist)
    _view(client)
    CaseloadNumbers.objects.filter(client=client_user).update(done=3)
    assert "3 of 14 done" in _view(client)[0]


def test_the_numbers_go_with_the_client(therapist: User, client_user: User, client: Client) -> None:
    daily_since(therapist, client_user, 20)
    client.force_login(therapist)
    _view(client)
    assert CaseloadNumbers.objects.filter(client=client_user).exists()
    client_user.delete()
    assert not CaseloadNumbers.objects.exists()


def test_the_next_session_is_read_on_every_view(client: Client, therapist: User, client_user: User) -> None:
    daily_since(therapist, client_user, 20)
    client.force_login(therapist)
    assert "None booked" in _view(client)[0]
    make_session(therapist, client_user, in_days=2)  # no homework row changes
    assert "None booked" not in _view(client)[0]
