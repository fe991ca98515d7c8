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


def _seed_all() -> mallard_demo.DemoPeople:
    from homework import demo as homework_demo

    people = mallard_demo.seed()
    homework_demo.seed(people)
    demo.seed(people)
    return people


@pytest.mark.django_db
def test_no_demo_client_has_two_cards_for_one_practice_on_today() -> None:
    # Jordan had two "Paced breathing" cards and Tomás two "Setting a boundary": the latest
    # session's item was assigned again instead of updating the homework it named.
    from homework.models import Assignment
    from homework.selectors.today import today_page
    from homework.services import client_today

    people = _seed_all()
    for client in people.clients:
        page = today_page(client, client_today(client))
        # (Last week's open slot of a weekly quota is rightly a card of its own under "Still open".)
        for section in (page.due, page.overdue, page.logged):
            titles = [card.assignment.title for card in section]
            assert len(titles) == len(set(titles)), (client.email, titles)
        active = Assignment.objects.filter(client=client, status="active").values_list("title", flat=True)
        assert len(active) == len(set(active)), (client.email, list(active))


@pytest.mark.django_db
def test_demo_action_items_carry_their_schedules_and_one_update_shows_as_agreed_last_time() -> None:
    from sessions_app.models import ItemStatus, ProposedAction
    from sessions_app.selectors.agreements import agreed_last_time

    people = _seed_all()
    decided = ProposedAction.objects.filter(status__in=[ItemStatus.CONFIRMED, ItemStatus.UPDATED])
    assert decided.exists()
    assert all(p.recurrence for p in decided)
    updated = ProposedAction.objects.filter(status=ItemStatus.UPDATED).select_related("assignment")
    assert {p.assignment.title for p in updated if p.assignment} >= {"Paced breathing", "Setting a boundary"}
    shown = 0
    for client in people.clients:
        upcoming = TherapySession.objects.filter(client=client, status=SessionStatus.SCHEDULED).get()
        agreements = agreed_last_time(upcoming)
        assert len(agreements.rows) <= 1
        shown += len(agreements.rows)
    assert shown >= 1


@pytest.mark.django_db
def test_seeding_everything_again_changes_nothing() -> None:
    from homework.models import Assignment
    from sessions_app.models import ProposedAction

    people = _seed_all()
    counts = (Assignment.objects.count(), ProposedAction.objects.count(), TherapySession.objects.count())
    _seed_all()
    assert (
        Assignment.objects.count(),
        ProposedAction.objects.count(),
        TherapySession.objects.count(),
    ) == counts
    assert people.clients
