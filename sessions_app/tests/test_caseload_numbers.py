"""Each client's caseload numbers are stored outside the page, and shown only while current.

Stored numbers (``CaseloadNumbers``, written only by ``sessions_app.numbers``) are current while
the client's local date, the count of changes to their homework rows
(``homework.models.ChangeCounter``, kept by database triggers) and the way they are worked out
are all unchanged. The caseload never writes: numbers that are not current are worked out for the
view alone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from homework import services
from homework.models import (
    COUNTED_TABLES,
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
from measures.models import COUNTED_TABLES as MEASURES_COUNTED_TABLES
from measures.models import MeasureResponse
from sessions_app import numbers, tasks
from sessions_app.models import CaseloadNumbers
from sessions_app.selectors import caseload
from sessions_app.tests.dashboard_helpers import daily_since, days_ago, log_on, make_session
from sessions_app.tests.scores_helpers import respond

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


def test_every_write_to_a_clients_questionnaire_responses_is_counted(client_user: User) -> None:
    before = _changes(client_user)
    response = respond(client_user, "phq9", 14, days_ago=1, item9=1)
    assert _changes(client_user) == before + 1
    # Marked reviewed by a bulk update: no signals, still counted.
    MeasureResponse.objects.filter(pk=response.pk).update(item9_reviewed_at=timezone.now())
    assert _changes(client_user) == before + 2
    MeasureResponse.objects.filter(pk=response.pk).delete()
    assert _changes(client_user) == before + 3


def test_another_clients_writes_are_not_counted_for_this_one(
    therapist: User, client_user: User, other_therapist: User, other_client: User
) -> None:
    make_assignment(therapist, client_user, Kind.JOURNAL)
    before = _changes(client_user)
    make_assignment(other_therapist, other_client, Kind.JOURNAL)
    assert _changes(client_user) == before
    assert _changes(other_client) > 0


def test_every_counted_table_has_its_triggers() -> None:
    """The counter is only as good as its triggers: one per table on PostgreSQL (insert, update
    and delete), three on SQLite."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                " WHERE NOT t.tgisinternal"
            )
            expected = {
                (table, f"{table}_count_change") for table in COUNTED_TABLES + MEASURES_COUNTED_TABLES
            }
        else:
            cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
            expected = {
                (table, f"{table}_count_{event}")
                for table in COUNTED_TABLES + MEASURES_COUNTED_TABLES
                for event in ("insert", "update", "delete")
            }
        found = set(cursor.fetchall())
    assert expected <= found


# --- The fingerprint of the way numbers are worked out ------------------------------------------------


def test_the_fingerprint_covers_the_statements_and_the_version(monkeypatch: pytest.MonkeyPatch) -> None:
    formula = caseload.numbers_formula()
    try:
        caseload.numbers_formula.cache_clear()
        monkeypatch.setattr(caseload, "NUMBERS_VERSION", caseload.NUMBERS_VERSION + 1)
        assert caseload.numbers_formula() != formula
        monkeypatch.undo()
        caseload.numbers_formula.cache_clear()
        assert caseload.numbers_formula() == formula
        # Another statement (here: a wider overdue range) is another fingerprint.
        monkeypatch.setattr(caseload, "OVERDUE_DAYS", caseload.OVERDUE_DAYS + 1)
        caseload.numbers_formula.cache_clear()
        assert caseload.numbers_formula() != formula
    finally:
        monkeypatch.undo()
        caseload.numbers_formula.cache_clear()


def test_the_fingerprint_covers_how_repeated_reasons_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """The "same reason twice" flags are stored too: their statement (homework's ``said_query``) and
    ``REPEATS_VERSION`` are in the fingerprint, so a change there leaves no stored flag current."""
    from django.db.models import QuerySet

    from homework.models import Log

    formula = caseload.numbers_formula()
    real = caseload.said_query
    try:
        monkeypatch.setattr(caseload, "REPEATS_VERSION", caseload.REPEATS_VERSION + 1)
        caseload.numbers_formula.cache_clear()
        assert caseload.numbers_formula() != formula
        monkeypatch.undo()

        def logs_only(client_ids: list[int], since: Any) -> QuerySet[Any, Any]:  # skips forgotten
            return Log.objects.filter(client_id__in=client_ids, logged_at__gte=since).values_list(
                "client_id", "logged_at", "assignment_id", "reason"
            )

        now = timezone.now()
        assert str(logs_only([1], now).query) != str(real([1], now).query)
        monkeypatch.setattr(caseload, "said_query", logs_only)
        caseload.numbers_formula.cache_clear()
        assert caseload.numbers_formula() != formula
    finally:
        monkeypatch.undo()
        caseload.numbers_formula.cache_clear()
    assert caseload.numbers_formula() == formula


# --- Stored numbers on the caseload -----------------------------------------------------------------


def _stored(client: User) -> CaseloadNumbers:
    return CaseloadNumbers.objects.get(client=client)


def test_the_caseload_writes_no_numbers(client: Client, therapist: User, client_user: User) -> None:
    assignment = daily_since(therapist, client_user, 20)
    log_on(assignment, days_ago(client_user, 1), LogStatus.DONE)
    client.force_login(therapist)
    assert "1 of 13 done, 12 not logged, 1 still open today" in _view(client)[0]
    assert not CaseloadNumbers.objects.exists()


def test_stored_numbers_save_the_view_four_queries(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = daily_since(therapist, client_user, 20)
    log_on(assignment, days_ago(client_user, 1), LogStatus.DONE)
    client.force_login(therapist)
    client.get("/caseload/")  # sessions and per-process caches
    worked_out, worked_out_queries = _view(client)
    assert numbers.refresh_caseload_numbers(client_ids=[client_user.pk]) == 1
    stored = _stored(client_user)
    assert (stored.due, stored.done, stored.changes) == (13, 1, _changes(client_user))
    read, read_queries = _view(client)
    # No window statements, no reading of scores, activity or repeated reasons: the row carries them.
    assert read_queries == worked_out_queries - 4
    assert (
        "1 of 13 done, 12 not logged, 1 still open today" in worked_out
        and "1 of 13 done, 12 not logged, 1 still open today" in read
    )


def test_a_log_written_after_the_numbers_were_stored_shows_on_the_next_view(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = daily_since(therapist, client_user, 20)
    numbers.refresh_caseload_numbers(client_ids=[client_user.pk])
    client.force_login(therapist)
    assert "0 of 13 done, 13 not logged, 1 still open today" in _view(client)[0]
    log_on(assignment, days_ago(client_user, 2), LogStatus.NOT_DONE, reason="forgot")
    assert "0 of 13 done, 1 not done, 12 not logged, 1 still open today" in _view(client)[0]
    numbers.refresh_caseload_numbers(client_ids=[client_user.pk])
    # A bulk update (as the admin or a data fix might make) is seen too: the trigger counts it.
    Log.objects.filter(client=client_user).update(status=LogStatus.DONE, reason="")
    assert "1 of 13 done, 12 not logged, 1 still open today" in _view(client)[0]


def test_archiving_homework_takes_it_out_of_the_next_view(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = daily_since(therapist, client_user, 20)
    numbers.refresh_caseload_numbers(client_ids=[client_user.pk])
    client.force_login(therapist)
    assert "0 of 13 done, 13 not logged, 1 still open today" in _view(client)[0]
    services.set_assignment_status(assignment=assignment, status=AssignmentStatus.ARCHIVED)
    assert "Nothing due" in _view(client)[0]


@pytest.mark.parametrize(
    "outdated",
    [
        {"as_of_days": -1},  # worked out on the client's previous day: the window has moved
        {"formula": 1},  # worked out by another version of the statements
        {"changes": -1},  # worked out before the latest change
    ],
)
def test_numbers_that_are_not_current_are_worked_out_for_the_view_and_stored_by_the_worker(
    client: Client, therapist: User, client_user: User, outdated: dict[str, int]
) -> None:
    assignment = daily_since(therapist, client_user, 20)
    log_on(assignment, days_ago(client_user, 1), LogStatus.DONE)
    numbers.refresh_caseload_numbers(client_ids=[client_user.pk])
    stored = _stored(client_user)
    changes: dict[str, object] = {"done": 9, "due": 9, "not_logged": 0}  # wrong on purpose: never shown
    if "as_of_days" in outdated:
        changes["as_of"] = stored.as_of + timedelta(days=outdated["as_of_days"])
    if "formula" in outdated:
        changes["formula"] = outdated["formula"]
    if "changes" in outdated:
        changes["changes"] = stored.changes + outdated["changes"]
    CaseloadNumbers.objects.filter(client=client_user).update(**changes)
    client.force_login(therapist)
    content, _ = _view(client)
    assert "1 of 13 done, 12 not logged, 1 still open today" in content
    assert "9 of 9 done" not in content
    assert _stored(client_user).done == 9  # the view wrote nothing
    assert numbers.stale_client_ids() == [client_user.pk]
    assert tasks.refresh_stale() == 1
    assert _stored(client_user).done == 1
    assert numbers.stale_client_ids() == []


def test_current_numbers_are_shown_as_stored(client: Client, therapist: User, client_user: User) -> None:
    """Proof that a current row is really read rather than worked out again (the tests above
    would pass if nothing were ever stored)."""
    daily_since(therapist, client_user, 20)
    numbers.refresh_caseload_numbers(client_ids=[client_user.pk])
    CaseloadNumbers.objects.filter(client=client_user).update(done=3)
    client.force_login(therapist)
    assert "3 of 13 done" in _view(client)[0]


def test_the_next_day_the_worker_stores_them_again(therapist: User, client_user: User) -> None:
    daily_since(therapist, client_user, 20)
    numbers.refresh_caseload_numbers(client_ids=[client_user.pk])
    assert numbers.stale_client_ids() == []
    with time_machine.travel(timezone.now() + timedelta(days=1), tick=False):
        assert numbers.stale_client_ids() == [client_user.pk]
        assert numbers.refresh_stale_caseload_numbers() == 1
        assert numbers.stale_client_ids() == []


@pytest.fixture
def refreshed_in_place(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The broker is the network: each queued refresh runs in place. The clients it ran for."""
    queued: list[int] = []

    def run_now(client_id: int) -> int:
        queued.append(client_id)
        return tasks.refresh_client(client_id)

    monkeypatch.setattr(tasks.refresh_client, "delay", run_now)
    return queued


def test_a_service_write_stores_the_numbers_once_it_commits(
    therapist: User,
    client_user: User,
    refreshed_in_place: list[int],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        assignment = daily_since(therapist, client_user, 20)
    stored = _stored(client_user)
    assert (stored.due, stored.still_open) == (13, 1)  # today's is still open
    occurrence = Occurrence.objects.get(assignment=assignment, due_date=days_ago(client_user, 1), slot=1)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.log_occurrence(occurrence=occurrence, status=LogStatus.DONE)
    assert _stored(client_user).done == 0  # nothing stored before the commit
    for callback in callbacks:
        callback()
    stored = _stored(client_user)
    assert (stored.done, stored.changes) == (1, _changes(client_user))
    assert numbers.stale_client_ids() == []


def test_the_numbers_go_with_the_client(therapist: User, client_user: User) -> None:
    daily_since(therapist, client_user, 20)
    numbers.refresh_caseload_numbers(client_ids=[client_user.pk])
    assert CaseloadNumbers.objects.filter(client=client_user).exists()
    client_user.delete()
    assert not CaseloadNumbers.objects.exists()


def test_the_next_session_is_read_on_every_view(client: Client, therapist: User, client_user: User) -> None:
    daily_since(therapist, client_user, 20)
    numbers.refresh_caseload_numbers(client_ids=[client_user.pk])
    client.force_login(therapist)
    assert "None booked" in _view(client)[0]
    make_session(therapist, client_user, in_days=2)  # no homework row changes
    assert "None booked" not in _view(client)[0]


def test_a_questionnaire_answered_after_the_row_was_stored_shows_on_the_next_view(
    client: Client, therapist: User, client_user: User
) -> None:
    daily_since(therapist, client_user, 20)
    respond(client_user, "phq9", 18, days_ago=9)
    numbers.refresh_caseload_numbers(client_ids=[client_user.pk])
    client.force_login(therapist)
    content = _view(client)[0]
    assert '<span class="fw-semibold">PHQ-9 18</span>' in content and "Item 9" not in content
    respond(client_user, "phq9", 14, days_ago=1, item9=1)
    content = _view(client)[0]
    assert '<span class="fw-semibold">PHQ-9 14</span>' in content and "down 4 from 18" in content
    assert "Item 9 answered above 0 on <time" in content
    assert numbers.stale_client_ids() == [client_user.pk]


def test_current_rows_show_their_stored_scores_flags_and_activity(
    client: Client, therapist: User, client_user: User
) -> None:
    """Proof that a current row's other values are read from it too, not worked out again."""
    assignment = daily_since(therapist, client_user, 20, smaller_version="One line")
    for n in (2, 1):
        log_on(assignment, days_ago(client_user, n), LogStatus.NOT_DONE, reason="no_time")
    respond(client_user, "gad7", 9, days_ago=3)
    numbers.refresh_caseload_numbers(client_ids=[client_user.pk])
    stored = _stored(client_user)
    assert [repeat["assignment"] for repeat in stored.repeats] == [assignment.pk]
    assert [score["total"] for score in stored.scores] == [9]
    assert stored.last_activity is not None
    client.force_login(therapist)
    content = _view(client)[0]
    assert "Same reason twice: I didn&#39;t have time" in content
    assert '<span class="fw-semibold">GAD-7 9</span>' in content
    moved = stored.last_activity - timedelta(days=10)
    score = stored.scores[0] | {"total": 5}
    repeat = stored.repeats[0] | {"title": "Stored title"}
    CaseloadNumbers.objects.filter(client=client_user).update(
        scores=[score], repeats=[repeat], last_activity=moved
    )
    content = _view(client)[0]
    assert '<span class="fw-semibold">GAD-7 5</span>' in content
    assert "“Stored title”, 2 times in the last 14 days." in content
    assert "No activity for 7 days" in content


def test_a_view_with_current_rows_reads_them_in_one_statement(
    client: Client, therapist: User, client_user: User
) -> None:
    """No questionnaire, log, entry or repeated-reason statement: the clients, their stored rows
    (with the counts, next sessions and starts of care), the invitations and the audit INSERT."""
    assignment = daily_since(therapist, client_user, 20)
    for n in (2, 1):
        log_on(assignment, days_ago(client_user, n), LogStatus.NOT_DONE, reason="no_time")
    respond(client_user, "phq9", 14, days_ago=1, item9=1)
    numbers.refresh_caseload_numbers(client_ids=[client_user.pk])
    client.force_login(therapist)
    client.get("/caseload/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/caseload/").status_code == 200
    read = " ".join(query["sql"] for query in queries.captured_queries)
    for table in ("homework_log", "homework_skip", "homework_assignment", "homework_occurrence"):
        assert f'FROM "{table}"' not in read
    assert read.count("sessions_app_caseloadnumbers") == 1


def test_marking_item_9_reviewed_stores_the_row_again_once_it_commits(
    therapist: User,
    client_user: User,
    refreshed_in_place: list[int],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    from sessions_app.services import review_item9

    daily_since(therapist, client_user, 20)
    response = respond(client_user, "phq9", 14, days_ago=1, item9=1)
    numbers.refresh_caseload_numbers(client_ids=[client_user.pk])
    assert _stored(client_user).item9_response_id == response.pk
    with django_capture_on_commit_callbacks(execute=True):
        assert review_item9(therapist=therapist, response=response) == 1
    assert _stored(client_user).item9_response_id is None
    assert numbers.stale_client_ids() == []


def test_a_saved_draft_stores_the_row_again_once_it_commits(
    therapist: User,
    client_user: User,
    refreshed_in_place: list[int],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    assignment = make_assignment(therapist, client_user, kind=Kind.JOURNAL)
    numbers.refresh_caseload_numbers(client_ids=[client_user.pk])
    occurrence = Occurrence.objects.filter(assignment=assignment).earliest("due_date")
    with django_capture_on_commit_callbacks(execute=True):
        services.save_entry(occurrence=occurrence, fields={"text": "A first line"}, submit=False)
    assert _stored(client_user).changes == _changes(client_user)
    assert numbers.stale_client_ids() == []


@pytest.mark.parametrize("write", ["feedback", "client_time", "time_zone", "correction"])
def test_other_writes_that_move_the_row_store_it_again_once_they_commit(
    write: str,
    therapist: User,
    client_user: User,
    refreshed_in_place: list[int],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    from datetime import time as clock

    from mallard.services import update_profile
    from measures.services import correct_response

    queued = refreshed_in_place
    assignment = make_assignment(therapist, client_user, kind=Kind.JOURNAL)
    occurrence = Occurrence.objects.filter(assignment=assignment).earliest("due_date")
    entry = services.save_entry(occurrence=occurrence, fields={"text": "Done"}, submit=True)
    response = respond(client_user, "phq9", 12, days_ago=1)
    numbers.refresh_caseload_numbers(client_ids=[client_user.pk])
    assert numbers.stale_client_ids() == []
    queued.clear()
    with django_capture_on_commit_callbacks(execute=True):
        if write == "feedback":
            services.leave_feedback(therapist=therapist, entry=entry, text="Well done")
        elif write == "client_time":
            services.set_client_time(assignment=assignment, at=clock(7, 15))
        elif write == "time_zone":
            update_profile(user=client_user, display_name=client_user.display_name, time_zone="Asia/Tokyo")
        else:
            correct_response(client=client_user, response=response, answers=[1] * 9)
    assert client_user.pk in queued
    assert numbers.stale_client_ids() == []
    assert _stored(client_user).changes == _changes(client_user)
