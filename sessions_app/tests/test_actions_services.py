"""Confirming and dismissing proposals: one assignment at most, decided once (compare-and-swap)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections
from django.http import Http404
from django.utils import timezone

from homework.models import Assignment, Kind
from homework.services import HomeworkError, client_today
from mallard.models import User
from sessions_app import access, action_items
from sessions_app.models import ItemStatus, ProposedAction, TherapySession
from sessions_app.tests.actions_helpers import (
    AssertMaxQueries,
    first_builtin,
    make_proposal,
    make_session,
    other_proposal_fixture,  # noqa: F401 (fixture)
    other_session_fixture,  # noqa: F401 (fixture)
    proposal_fixture,  # noqa: F401 (fixture)
    session_fixture,  # noqa: F401 (fixture)
)


def _confirm(therapist: User, proposal: ProposedAction) -> Assignment | None:
    template = first_builtin(Kind.RELAXATION)
    return action_items.confirm_proposal(
        therapist=therapist,
        proposal=proposal,
        template=template,
        kind=template.kind,
        title=template.title,
        instructions=f"{proposal.text}\n\n{template.instructions}",
        rationale=template.rationale,
        estimated_minutes=template.estimated_minutes,
        technique=template.technique,
        recurrence="daily",
        start_date=client_today(proposal.session.client),
    )


def test_confirming_makes_one_assignment_for_the_sessions_client(
    therapist: User, client_user: User, proposal: ProposedAction
) -> None:
    assignment = _confirm(therapist, proposal)
    assert assignment is not None
    assert assignment.client == client_user
    assert assignment.therapist == therapist
    assert assignment.instructions.startswith("Paced breathing 5 min twice daily\n\n")
    proposal.refresh_from_db()
    assert proposal.status == ItemStatus.CONFIRMED
    assert proposal.assignment == assignment
    assert proposal.decided_at is not None


def test_confirming_twice_makes_only_one_assignment(therapist: User, proposal: ProposedAction) -> None:
    first = _confirm(therapist, proposal)
    again = ProposedAction.objects.get(pk=proposal.pk)
    assert _confirm(therapist, again) is None
    stale = proposal  # the in-memory row from before the first confirm
    stale.status = ItemStatus.PROPOSED
    assert _confirm(therapist, stale) is None
    assert Assignment.objects.count() == 1
    assert ProposedAction.objects.get(pk=proposal.pk).assignment == first


def test_dismissing_then_confirming_makes_no_assignment(therapist: User, proposal: ProposedAction) -> None:
    assert action_items.dismiss_proposal(proposal=ProposedAction.objects.get(pk=proposal.pk)) is True
    assert _confirm(therapist, proposal) is None
    assert not Assignment.objects.exists()
    assert ProposedAction.objects.get(pk=proposal.pk).status == ItemStatus.DISMISSED


def test_dismissing_twice_is_harmless(proposal: ProposedAction) -> None:
    assert action_items.dismiss_proposal(proposal=proposal) is True
    decided_at = ProposedAction.objects.get(pk=proposal.pk).decided_at
    assert action_items.dismiss_proposal(proposal=ProposedAction.objects.get(pk=proposal.pk)) is False
    row = ProposedAction.objects.get(pk=proposal.pk)
    assert (row.status, row.decided_at) == (ItemStatus.DISMISSED, decided_at)


def test_dismissing_a_confirmed_item_changes_nothing(therapist: User, proposal: ProposedAction) -> None:
    assignment = _confirm(therapist, proposal)
    assert action_items.dismiss_proposal(proposal=proposal) is False
    row = ProposedAction.objects.get(pk=proposal.pk)
    assert (row.status, row.assignment) == (ItemStatus.CONFIRMED, assignment)


def test_a_refused_assignment_leaves_the_item_proposed(
    therapist: User, client_user: User, proposal: ProposedAction
) -> None:
    client_user.care_relationships.update(ended_at=timezone.now())
    with pytest.raises(HomeworkError):
        _confirm(therapist, proposal)
    row = ProposedAction.objects.get(pk=proposal.pk)
    assert (row.status, row.decided_at, row.assignment) == (ItemStatus.PROPOSED, None, None)
    assert not Assignment.objects.exists()


def test_a_therapist_reaches_only_proposals_of_their_own_clients(
    therapist: User, proposal: ProposedAction, other_proposal: ProposedAction
) -> None:
    assert access.get_proposal_for_therapist(therapist, proposal.pk) == proposal
    with pytest.raises(Http404):
        access.get_proposal_for_therapist(therapist, other_proposal.pk)


def test_one_click_starts_from_the_template_whose_words_fit_the_item(
    therapist: User, session: TherapySession
) -> None:
    """Not the first built-in template of the kind ("Paced breathing"): the one whose words fit."""
    proposal = make_proposal(session, "Body scan 10 min every evening", recurrence="daily")
    start = action_items.starting_template(therapist, proposal)
    assert start.fits
    assert start.template is not None
    assert start.template.title == "Body scan"
    assert start.template != first_builtin(Kind.RELAXATION)
    assignment = action_items.assign_proposal(therapist=therapist, proposal=proposal)
    assert assignment is not None
    assert assignment.template == start.template


@pytest.mark.parametrize("rows", [2, 12])
def test_listing_proposals_takes_the_same_queries_however_many(
    therapist: User,
    client_user: User,
    django_assert_max_num_queries: AssertMaxQueries,
    rows: int,
) -> None:
    session = make_session(therapist, client_user)
    for n in range(rows):
        proposal = make_proposal(session, text=f"Body scan number {n}")
        if n % 2:
            _confirm(therapist, proposal)
    with django_assert_max_num_queries(1):
        proposals = action_items.proposals_for(session)
        titles = [p.assignment.title for p in proposals if p.assignment]
    assert len(proposals) == rows
    assert len(titles) == rows // 2


@pytest.mark.django_db(transaction=True)
def test_confirming_at_the_same_time_makes_only_one_assignment(
    therapist: User, client_user: User, builtin_library: None
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time; the race needs PostgreSQL.")
    session: TherapySession = make_session(therapist, client_user)
    proposal = make_proposal(session)
    barrier = threading.Barrier(2)
    results: list[Any] = []

    def confirm() -> None:
        try:
            row = ProposedAction.objects.get(pk=proposal.pk)
            barrier.wait(timeout=10)
            results.append(_confirm(therapist, row))
        except Exception as exc:  # pragma: no cover - reported by the assertion below
            results.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(result is None for result in results) == [False, True], results
    assert Assignment.objects.filter(client=client_user).count() == 1
