"""At scale, the hot pages and the reminder claim read the large tables through indexes.

A medium data set is generated with ``seed_scale``'s own generator (big enough
that PostgreSQL's planner prefers an index wherever one fits, small enough to
make in a few seconds). Each page is rendered by its real view while its SQL is
captured; every SELECT is then explained, and a sequential scan of a large table
fails the test. Plans are PostgreSQL's, so these tests skip on SQLite (CI runs
PostgreSQL).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mallard import scale
from mallard.lib.query_plans import plan_nodes, scanned_tables, seq_scans
from mallard.models import User

# Tables that grow with every client's history: reading one end to end is never acceptable on a hot
# path. (Each kind's worksheet table joins one-to-one to homework_entry, which is listed; at this size
# a small kind's table is cheaper to hash whole, and at platform size its primary key is used.)
LARGE_TABLES = frozenset(
    {
        "homework_assignment",
        "homework_occurrence",
        "homework_log",
        "homework_entry",
        "homework_goalrating",
        "sessions_app_therapysession",
        "sessions_app_proposedaction",
        "reminders_reminder",
        "reminders_notification",
    }
)
MEDIUM = scale.ScaleOptions(therapists=20, clients_per_therapist=20, days=60, seed=7)
ON_POSTGRESQL = "PostgreSQL query plans: run with a PostgreSQL DATABASE_URL (CI does)."


@pytest.fixture(scope="module")
def scale_data(django_db_setup: None, django_db_blocker: Any) -> Iterator[scale.ScaleResult]:
    """The medium data set, made once for this module and removed afterwards."""
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            pytest.skip(ON_POSTGRESQL)
        result = scale.seed_scale(MEDIUM, flush=True)
        try:
            yield result
        finally:
            with transaction.atomic():
                scale.flush_all(scale.app_modules())


def explain(sql: str) -> Any:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
        plan = cursor.fetchone()[0]
    return json.loads(plan) if isinstance(plan, str) else plan


def assert_no_seq_scan_of_large_tables(queries: list[dict[str, Any]]) -> None:
    selects = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]
    assert selects, "no SELECT was captured"
    problems = []
    for sql in selects:
        plan = explain(sql)
        if seq_scans(plan, LARGE_TABLES):
            problems.append(f"{scanned_tables(plan)}\n    {sql[:300]}")
    assert not problems, "Sequential scan of a large table:\n" + "\n".join(problems)


def signed_in(email: str) -> Client:
    browser = Client()
    browser.force_login(User.objects.get(email=email))
    return browser


def captured_get(browser: Client, url: str) -> list[dict[str, Any]]:
    with CaptureQueriesContext(connection) as context:
        response = browser.get(url)
    assert response.status_code == 200, url
    return context.captured_queries


@pytest.mark.django_db
def test_caseload_reads_large_tables_through_indexes(scale_data: scale.ScaleResult) -> None:
    browser = signed_in(scale_data.therapist_email)
    assert_no_seq_scan_of_large_tables(captured_get(browser, reverse("sessions-caseload")))


@pytest.mark.django_db
def test_client_overview_reads_large_tables_through_indexes(scale_data: scale.ScaleResult) -> None:
    browser = signed_in(scale_data.therapist_email)
    client = User.objects.get(email=scale_data.client_email)
    url = reverse("sessions-client-overview", args=[client.pk])
    assert_no_seq_scan_of_large_tables(captured_get(browser, url))


@pytest.mark.django_db
def test_pre_session_summary_reads_large_tables_through_indexes(scale_data: scale.ScaleResult) -> None:
    from sessions_app.models import TherapySession

    browser = signed_in(scale_data.therapist_email)
    session = (
        TherapySession.objects.filter(client__email=scale_data.client_email).order_by("-starts_at").first()
    )
    assert session is not None
    url = reverse("sessions-summary", args=[session.pk])
    assert_no_seq_scan_of_large_tables(captured_get(browser, url))


@pytest.mark.django_db
def test_client_today_reads_large_tables_through_indexes(scale_data: scale.ScaleResult) -> None:
    browser = signed_in(scale_data.client_email)
    assert_no_seq_scan_of_large_tables(captured_get(browser, reverse("homework-today")))


@pytest.mark.django_db
def test_reminder_claim_reads_reminders_through_an_index(scale_data: scale.ScaleResult) -> None:
    from reminders import dispatch

    with CaptureQueriesContext(connection) as context, transaction.atomic():
        dispatch.claim_due(now=timezone.now() + timedelta(hours=1))
        transaction.set_rollback(True)
    assert_no_seq_scan_of_large_tables(context.captured_queries)


def rows_thrown_away(plan: Any) -> int:
    """How many rows the plan's nodes read and then dropped by a filter (``EXPLAIN ANALYZE``)."""
    return sum(int(node.get("Rows Removed by Filter", 0)) for node in plan_nodes(plan))


@pytest.mark.django_db
def test_a_send_finds_its_rows_by_key_however_many_are_being_sent(scale_data: scale.ScaleResult) -> None:
    """At a busy minute thousands of rows are ``sending`` while the planner's statistics still see
    few. Each send's reads and its conditional UPDATE must go straight to their rows: through an
    index on the claim time instead, each one read every row being sent."""
    from reminders import dispatch
    from reminders.models import Reminder, ReminderStatus

    with transaction.atomic():
        pending = Reminder.objects.filter(status=ReminderStatus.PENDING).order_by("pk")
        ids = list(pending.values_list("pk", flat=True)[:2000])
        assert len(ids) >= 500, "the medium data set has too few pending reminders for this test"
        Reminder.objects.filter(pk__in=ids).update(status=ReminderStatus.SENDING, claimed_at=timezone.now())
        batch = ids[-3:]
        with CaptureQueriesContext(connection) as context:
            dispatch.deliver_batch(batch)
        # The batch's read of its rows and each send's UPDATE: the statements that ask for ``sending``.
        statements = [q["sql"] for q in context.captured_queries if "'sending'" in q["sql"]]
        assert any(sql.lstrip().startswith("SELECT") for sql in statements)
        assert any(sql.startswith("UPDATE reminders_reminder SET status") for sql in statements)
        for sql in statements:
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
                plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            assert rows_thrown_away(plan) <= len(batch), f"{scanned_tables(plan)}\n    {sql[:300]}"
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_check_fails_on_a_real_sequential_scan(scale_data: scale.ScaleResult) -> None:
    """Proof the check can fail: a search no index serves is read end to end, and is flagged."""
    sql = "SELECT id FROM homework_log WHERE note LIKE '%%week%%'"
    with pytest.raises(AssertionError, match="homework_log"):
        assert_no_seq_scan_of_large_tables([{"sql": sql}])


def test_seq_scans_finds_scans_nested_in_sub_plans() -> None:
    plan = [
        {
            "Plan": {
                "Node Type": "Nested Loop",
                "Plans": [
                    {"Node Type": "Index Scan", "Relation Name": "homework_occurrence"},
                    {
                        "Node Type": "Hash",
                        "Plans": [{"Node Type": "Seq Scan", "Relation Name": "homework_log"}],
                    },
                    {"Node Type": "Seq Scan", "Relation Name": "mallard_user"},
                ],
            }
        }
    ]
    assert seq_scans(plan, LARGE_TABLES) == ["homework_log"]
    assert seq_scans(plan, {"mallard_user"}) == ["mallard_user"]
    assert ("Index Scan", "homework_occurrence") in scanned_tables(plan)


def test_seq_scans_accepts_a_plan_that_uses_indexes_only() -> None:
    plan = [{"Plan": {"Node Type": "Index Only Scan", "Relation Name": "homework_log"}}]
    assert seq_scans(plan, LARGE_TABLES) == []
