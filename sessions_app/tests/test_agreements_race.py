"""Two requests at once (PostgreSQL): updating from one proposal, or making one agreement smaller,
changes the assignment once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from homework.models import Assignment, Kind, Recurrence
from homework.tests.conftest import make_assignment
from mallard.models import User
from sessions_app import action_items, services
from sessions_app.models import AgreementDecision, Decision, ItemStatus, ProposedAction, SessionStatus
from sessions_app.tests.actions_helpers import make_proposal, make_session
from sessions_app.tests.dashboard_helpers import make_session as session_in

pytestmark = pytest.mark.django_db(transaction=True)


def _twice(work: Callable[[], Any]) -> list[Any]:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time; the race needs PostgreSQL.")
    barrier = threading.Barrier(2)
    results: list[Any] = []

    def run() -> None:
        try:
            barrier.wait(timeout=10)
            results.append(work())
        except Exception as exc:  # pragma: no cover - reported by the caller's assertion
            results.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_updating_from_one_proposal_at_the_same_time_updates_once(
    therapist: User, client_user: User, builtin_library: None
) -> None:
    existing = make_assignment(therapist, client_user, Kind.THOUGHT_RECORD)
    session = make_session(therapist, client_user)
    proposal = make_proposal(
        session,
        "Thought record twice a week",
        Kind.THOUGHT_RECORD,
        update_of=existing,
        recurrence=Recurrence.TIMES_PER_WEEK,
        times_per_week=2,
    )

    def update() -> Any:
        row = ProposedAction.objects.select_related("session__client", "update_of").get(pk=proposal.pk)
        return action_items.update_from_proposal(therapist=therapist, proposal=row)

    results = _twice(update)
    assert sorted(result is None for result in results) == [False, True], results
    proposal.refresh_from_db()
    assert proposal.status == ItemStatus.UPDATED
    existing.refresh_from_db()
    assert existing.times_per_week == 2
    assert Assignment.objects.filter(client=client_user).count() == 1


def test_making_one_agreement_smaller_at_the_same_time_shrinks_it_once(
    therapist: User, client_user: User, builtin_library: None
) -> None:
    session_in(therapist, client_user, in_days=-7, status=SessionStatus.HELD)
    upcoming = session_in(therapist, client_user, in_days=1)
    agreed = make_assignment(
        therapist, client_user, Kind.THOUGHT_RECORD, recurrence=Recurrence.TIMES_PER_WEEK, times_per_week=3
    )

    def smaller() -> Any:
        row = Assignment.objects.select_related("client").get(pk=agreed.pk)
        return services.decide_agreement(
            therapist=therapist, session=upcoming, assignment=row, decision=Decision.SMALLER
        ).made_now

    results = _twice(smaller)
    assert sorted(results) == [False, True], results
    agreed.refresh_from_db()
    assert agreed.times_per_week == 2
    assert AgreementDecision.objects.count() == 1
