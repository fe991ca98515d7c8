"""homework.selectors.today: what Today shows, in one query, on the client's local date."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from homework import services
from homework.models import AssignmentStatus, Kind, Log, LogStatus, NotDoneReason, Occurrence, Recurrence
from homework.selectors.today import OVERDUE_DAYS, CardLinks, today_page
from homework.tests.conftest import make_assignment
from mallard.models import User

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 10)  # Wednesday; noon in New York
MONDAY = date(2026, 6, 8)


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with time_machine.travel(datetime(2026, 6, 10, 16, 0, tzinfo=UTC), tick=False):
        yield


def test_due_today_and_overdue_within_a_week(therapist: User, client_user: User) -> None:
    a = make_assignment(therapist, client_user, Kind.JOURNAL, start=TODAY - timedelta(days=10))
    page = today_page(client_user, TODAY)
    assert [c.occurrence.due_date for c in page.due] == [TODAY]
    assert [c.occurrence.due_date for c in page.overdue] == [
        TODAY - timedelta(days=d) for d in range(1, OVERDUE_DAYS + 1)
    ]  # newest first, at most seven days back
    assert all(c.assignment == a for c in page.due + page.overdue)
    assert not page.logged and not page.is_empty


def test_logged_occurrences_leave_the_lists_and_those_logged_today_show_as_logged(
    therapist: User, client_user: User
) -> None:
    a = make_assignment(therapist, client_user, Kind.JOURNAL, start=TODAY - timedelta(days=3))
    occs = {o.due_date: o for o in Occurrence.objects.filter(assignment=a)}
    services.log_occurrence(occurrence=occs[TODAY], status=LogStatus.DONE)
    services.log_occurrence(occurrence=occs[TODAY - timedelta(days=1)], status=LogStatus.PARTLY)
    services.log_occurrence(occurrence=occs[TODAY - timedelta(days=2)], status=LogStatus.DONE)
    Log.objects.filter(occurrence=occs[TODAY - timedelta(days=2)]).update(
        logged_at=datetime(2026, 6, 9, 15, 0, tzinfo=UTC)
    )
    page = today_page(client_user, TODAY)
    assert page.due == []
    assert [c.occurrence.due_date for c in page.overdue] == [TODAY - timedelta(days=3)]
    assert {c.occurrence.due_date for c in page.logged} == {TODAY, TODAY - timedelta(days=1)}


def test_overdue_occurrences_only_from_active_assignments(therapist: User, client_user: User) -> None:
    a = make_assignment(therapist, client_user, start=TODAY - timedelta(days=3))
    services.set_assignment_status(assignment=a, status=AssignmentStatus.PAUSED)
    assert today_page(client_user, TODAY).is_empty


def test_a_weekly_quota_is_one_card_with_the_next_open_slot(therapist: User, client_user: User) -> None:
    a = make_assignment(
        therapist,
        client_user,
        Kind.RELAXATION,
        start=MONDAY,
        recurrence=Recurrence.TIMES_PER_WEEK,
        times_per_week=3,
    )
    sunday = MONDAY + timedelta(days=6)
    services.log_occurrence(
        occurrence=Occurrence.objects.get(assignment=a, due_date=sunday, slot=1), status=LogStatus.DONE
    )
    page = today_page(client_user, TODAY)
    assert not page.due  # due on Sunday: "Later this week"
    (card,) = page.later
    assert card.is_quota and card.occurrence.slot == 2
    assert (card.slots_left, card.slots_total) == (2, 3)
    assert [c.occurrence.slot for c in page.logged] == [1]


def test_draft_entries_are_noticed(therapist: User, client_user: User) -> None:
    a = make_assignment(therapist, client_user, Kind.JOURNAL)
    occ = Occurrence.objects.get(assignment=a, due_date=TODAY)
    services.save_entry(occurrence=occ, fields={"prompt": "p", "text": "t"}, submit=False)
    (card,) = today_page(client_user, TODAY).due
    assert card.has_draft


def test_the_clients_local_date_decides(therapist: User, client_user: User) -> None:
    with time_machine.travel(datetime(2026, 6, 11, 3, 59, tzinfo=UTC), tick=False):  # 23:59 in New York
        today = services.client_today(client_user)
        make_assignment(therapist, client_user, recurrence=Recurrence.ONCE, start=TODAY, end_date=TODAY)
        page = today_page(client_user, today)
    assert today == TODAY
    assert [c.occurrence.due_date for c in page.due] == [TODAY]


def test_it_shows_nothing_of_other_clients(client_user: User, other_assignment: object) -> None:
    assert today_page(client_user, services.client_today(client_user)).is_empty


@pytest.mark.parametrize("n", [2, 12])
def test_it_takes_one_query(
    therapist: User, client_user: User, django_assert_num_queries: object, n: int
) -> None:
    for _ in range(n):
        a = make_assignment(therapist, client_user, Kind.JOURNAL, start=TODAY - timedelta(days=3))
        occ = Occurrence.objects.get(assignment=a, due_date=TODAY)
        services.log_occurrence(occurrence=occ, status=LogStatus.DONE)
        services.save_entry(
            occurrence=Occurrence.objects.get(assignment=a, due_date=TODAY - timedelta(days=1)),
            fields={"prompt": "p", "text": "t"},
            submit=False,
        )
    # One for the cards, one for the nudges ("start small when it's hard").
    with django_assert_num_queries(2):  # type: ignore[operator]
        page = today_page(client_user, TODAY)
        cards = page.due + page.overdue + page.logged
        assert sum(c.has_draft for c in cards) == n
        assert sum(c.log is not None for c in cards) == n
        assert {c.assignment.title for c in cards}


def test_a_card_reads_nothing_the_query_left_out(
    therapist: User, client_user: User, django_assert_num_queries: object
) -> None:
    """Every value a card shows, and the schedule the reflection page lists, come from the one
    query: no field is left deferred and loaded row by row."""
    journal = make_assignment(therapist, client_user, Kind.JOURNAL, start=TODAY - timedelta(days=2))
    quota = make_assignment(
        therapist,
        client_user,
        Kind.RELAXATION,
        start=MONDAY,
        recurrence=Recurrence.TIMES_PER_WEEK,
        times_per_week=3,
        smaller_version="One breath.",
    )
    make_assignment(therapist, client_user, Kind.READING, recurrence=Recurrence.WEEKDAYS, weekdays="24")
    services.log_occurrence(
        occurrence=Occurrence.objects.get(assignment=journal, due_date=TODAY),
        status=LogStatus.NOT_DONE,
        reason=NotDoneReason.NO_TIME,
    )
    services.save_entry(
        occurrence=Occurrence.objects.get(assignment=journal, due_date=TODAY - timedelta(days=1)),
        fields={"prompt": "p", "text": "t"},
        submit=False,
    )
    services.log_occurrence(
        occurrence=Occurrence.objects.filter(assignment=quota).order_by("slot")[0], status=LogStatus.DONE
    )
    links = CardLinks(quick_log="/l/", not_done="/n/", entry_form="/e/", assignment="/a/")
    with django_assert_num_queries(2):  # type: ignore[operator]  # the cards, and the nudges
        page = today_page(client_user, TODAY)
        cards = [*page.due, *page.overdue, *page.logged, *page.later]
        shown = [card.shown(TODAY, links) for card in cards]
        schedules = {card.assignment.schedule_text for card in cards}
    # The journal today (logged), yesterday (a draft) and two days ago; the quota, open and
    # logged; the reading on Wednesdays and Fridays.
    assert len(shown) == 6
    assert {s.logged_text for s in shown if s.logged} == {
        "Not done this time. Reason: “I didn't have time”",
        "Done",
    }
    assert sum(s.has_draft for s in shown) == 1
    assert any(s.smaller_version == "One breath." for s in shown)
    assert len(schedules) == 3 and "Wednesday and Friday at 20:00" in schedules
