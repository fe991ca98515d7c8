"""The demo sessions: six weeks per client, realistic text, and safe to seed again."""

from __future__ import annotations

import pytest
from django.utils import timezone

from mallard import demo as mallard_demo
from sessions_app import demo
from sessions_app.models import Reflection, SessionStatus, TherapySession


@pytest.mark.django_db
def test_each_demo_client_gets_six_weeks_of_sessions_and_one_coming_up() -> None:
    people = mallard_demo.seed()
    demo.seed(people)
    demo.seed(people)  # a second run changes nothing
    now = timezone.now()
    for client in people.clients:
        sessions = list(TherapySession.objects.filter(client=client))
        assert len(sessions) == 7
        statuses = [s.status for s in sessions]
        assert statuses.count(SessionStatus.CANCELLED) == 1
        assert statuses.count(SessionStatus.NO_SHOW) == 1
        assert statuses.count(SessionStatus.HELD) == 4
        upcoming = [s for s in sessions if s.starts_at > now]
        assert len(upcoming) == 1
        assert upcoming[0].status == SessionStatus.SCHEDULED
        assert (upcoming[0].starts_at - now).days < 7
        held = [s for s in sessions if s.status == SessionStatus.HELD]
        assert all("Homework:" in s.private_notes and "Client agreed to" in s.private_notes for s in held)
        assert all(s.summary for s in held)
        assert all(s.updated_at > s.starts_at for s in held)
        assert Reflection.objects.filter(client=client).count() == 2
    assert TherapySession.objects.count() == 7 * len(people.clients)


@pytest.mark.django_db
def test_some_demo_action_items_are_already_assignments() -> None:
    from homework import demo as homework_demo
    from sessions_app.models import ItemStatus, ProposedAction

    people = mallard_demo.seed()
    homework_demo.seed(people)
    demo.seed(people)
    confirmed = ProposedAction.objects.filter(status=ItemStatus.CONFIRMED)
    assert confirmed.exists()
    assert all(p.assignment is not None and p.assignment.client == p.session.client for p in confirmed)
    assert ProposedAction.objects.filter(
        status=ItemStatus.PROPOSED
    ).exists()  # some still wait for a decision
