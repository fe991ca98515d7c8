"""Weekly quotas spread over the week: a window never holds more slots than it has days.

The rule (docs/homework.md, "Occurrences"): weeks start on Monday; a week the
assignment covers only partly gets ceil(N x days / 7) slots, a full week N.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homework import services
from homework.models import Assignment, Recurrence
from homework.tests.conftest import make_assignment
from mallard.models import User

MONDAY = date(2026, 11, 23)


def _quota(n: int, start: date, end: date | None = None) -> Assignment:
    return Assignment(recurrence=Recurrence.TIMES_PER_WEEK, times_per_week=n, start_date=start, end_date=end)


def _per_window(assignment: Assignment, first: date, last: date) -> Counter[tuple[date, date]]:
    return Counter((opens, due) for opens, due, _slot in assignment.occurrence_windows(first, last))


@pytest.mark.parametrize("weekday", range(7))
@pytest.mark.parametrize("n", range(1, 8))
def test_no_window_holds_more_slots_than_days_and_full_weeks_hold_n(weekday: int, n: int) -> None:
    start = MONDAY + timedelta(days=weekday)
    assignment = _quota(n, start)
    windows = _per_window(assignment, start, start + timedelta(days=7 * 6))
    for (opens, due), slots in windows.items():
        days = (due - opens).days + 1
        assert 1 <= slots <= days, (opens, due, slots)
        if days == 7:
            assert slots == n
    full_weeks = [slots for (opens, due), slots in windows.items() if (due - opens).days == 6]
    assert len(full_weeks) == (7 if weekday == 0 else 6)
    assert sum(full_weeks) == len(full_weeks) * n


@given(
    start=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    length=st.integers(min_value=0, max_value=60),
    n=st.integers(min_value=1, max_value=7),
)
def test_any_start_and_end_keeps_slots_within_days(start: date, length: int, n: int) -> None:
    end = start + timedelta(days=length)
    assignment = _quota(n, start, end)
    for (opens, due), slots in _per_window(assignment, start, end).items():
        assert start <= opens <= due <= end
        assert opens.isocalendar()[:2] == due.isocalendar()[:2]  # one Monday-to-Sunday week
        assert 1 <= slots <= min(n, (due - opens).days + 1)


def test_three_a_week_from_a_sunday_gives_one_that_sunday() -> None:
    sunday = MONDAY + timedelta(days=6)
    windows = _per_window(_quota(3, sunday), sunday, sunday + timedelta(days=7))
    assert windows[sunday, sunday] == 1
    assert windows[sunday + timedelta(days=1), sunday + timedelta(days=7)] == 3


def test_a_partial_week_is_pro_rated_rounding_up() -> None:
    friday = MONDAY + timedelta(days=4)  # Friday to Sunday: three days
    assert _per_window(_quota(3, friday), friday, friday)[friday, friday + timedelta(days=2)] == 2
    assert _per_window(_quota(7, friday), friday, friday)[friday, friday + timedelta(days=2)] == 3
    assert _per_window(_quota(1, friday), friday, friday)[friday, friday + timedelta(days=2)] == 1


def test_a_last_partial_week_is_pro_rated_too() -> None:
    end = MONDAY + timedelta(days=1)  # ends on the Tuesday
    assert _per_window(_quota(5, MONDAY - timedelta(days=7), end), MONDAY, end)[MONDAY, end] == 2


@pytest.mark.django_db
def test_assigning_three_a_week_on_a_sunday_plans_one_slot_that_day(
    therapist: User, client_user: User
) -> None:
    today = services.client_today(client_user)
    sunday = today + timedelta(days=(6 - today.weekday()))
    assignment = make_assignment(
        therapist, client_user, start=sunday, recurrence=Recurrence.TIMES_PER_WEEK, times_per_week=3
    )
    assert assignment.occurrences.filter(due_date=sunday).count() == 1
    assert assignment.occurrences.filter(due_date=sunday + timedelta(days=7)).count() == 3


@pytest.mark.django_db
def test_today_says_a_part_week_holds_fewer_slots(therapist: User, client_user: User) -> None:
    from homework.selectors.today import today_page

    today = services.client_today(client_user)
    make_assignment(
        therapist,
        client_user,
        start=today - timedelta(days=today.weekday()) + timedelta(days=6),  # this week's Sunday
        recurrence=Recurrence.TIMES_PER_WEEK,
        times_per_week=3,
    )
    sunday = today + timedelta(days=6 - today.weekday())
    (card,) = today_page(client_user, sunday).due
    assert card.when(sunday) == " · 1 of 1 this week left (a part week: 3 in a full week)"
    monday = sunday + timedelta(days=1)
    page = today_page(client_user, monday)
    (card,) = page.due + page.later  # the first slot's window may end later in the week
    assert card.when(monday) == " · 3 of 3 this week left"
