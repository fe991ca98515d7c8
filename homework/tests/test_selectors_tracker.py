"""homework.selectors.tracker: days, weeks and streaks in the client's time zone, and goal charts."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from homework import services
from homework.models import (
    Assignment,
    AssignmentStatus,
    Kind,
    Log,
    LogStatus,
    NotDoneReason,
    Occurrence,
    Recurrence,
)
from homework.selectors.tracker import (
    ChartPoint,
    DayStat,
    GoalRating,
    current_streak,
    date_labels,
    goal_charts,
    tracker,
)
from homework.tests.conftest import make_assignment
from mallard.models import User

pytestmark = pytest.mark.django_db

# Wednesday 10 June 2026, noon in New York (carol's zone, UTC-4 in summer).
NOON = datetime(2026, 6, 10, 16, 0, tzinfo=UTC)
TODAY = date(2026, 6, 10)
MONDAY = date(2026, 6, 8)


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with time_machine.travel(NOON, tick=False):
        yield


def occ(assignment: Assignment, due: date, slot: int = 1) -> Occurrence:
    return Occurrence.objects.get(assignment=assignment, due_date=due, slot=slot)


def log(occurrence: Occurrence, status: LogStatus = LogStatus.DONE, *, at: datetime | None = None) -> None:
    reason = NotDoneReason.FORGOT if status == LogStatus.NOT_DONE else ""
    services.log_occurrence(occurrence=occurrence, status=status, reason=reason)
    if at is not None:
        Log.objects.filter(occurrence=occurrence).update(logged_at=at)


def day(client: User, when: date) -> DayStat:
    return next(d for d in tracker(client, TODAY).days if d.day == when)


def daily(therapist: User, client: User, start: date, **fields: object) -> Assignment:
    return make_assignment(therapist, client, Kind.JOURNAL, start=start, **fields)


def quota(therapist: User, client: User, n: int = 3, start: date = MONDAY) -> Assignment:
    return make_assignment(
        therapist,
        client,
        Kind.RELAXATION,
        start=start,
        recurrence=Recurrence.TIMES_PER_WEEK,
        times_per_week=n,
    )


# --- the range ------------------------------------------------------------------------------------


def test_it_covers_84_days_ending_today_in_monday_to_sunday_weeks(client_user: User) -> None:
    t = tracker(client_user, TODAY)
    assert len(t.days) == 84
    assert t.days[-1].day == TODAY
    assert t.days[0].day == TODAY - timedelta(days=83)
    assert all(w.monday.weekday() == 0 and len(w.days) == 7 for w in t.weeks)
    assert t.weeks[-1].monday == MONDAY and t.weeks[-1].is_current
    # Days before the range, and this week's days after today, are marked as outside it.
    assert not t.weeks[0].days[0].in_range
    assert [d.in_range for d in t.weeks[-1].days] == [True, True, True, False, False, False, False]


def test_nothing_due_is_an_empty_tracker(client_user: User) -> None:
    t = tracker(client_user, TODAY)
    assert (t.due, t.done, t.streak, t.percent) == (0, 0, 0, None)
    assert all(d.state == "none" for d in t.days)


# --- single-day occurrences -------------------------------------------------------------------------


def test_a_day_counts_what_was_due_and_done(therapist: User, client_user: User) -> None:
    a = daily(therapist, client_user, MONDAY)
    b = daily(therapist, client_user, MONDAY)
    log(occ(a, MONDAY))
    log(occ(b, MONDAY), LogStatus.SMALLER)
    log(occ(a, MONDAY + timedelta(days=1)), LogStatus.PARTLY)
    log(occ(b, MONDAY + timedelta(days=1)), LogStatus.NOT_DONE)
    monday, tuesday = day(client_user, MONDAY), day(client_user, MONDAY + timedelta(days=1))
    assert (monday.done, monday.due, monday.state) == (2, 2, "complete")
    assert (tuesday.done, tuesday.due, tuesday.state) == (1, 2, "some")
    assert monday.label == "Monday 8 June: 2 of 2 done"
    assert day(client_user, TODAY).state == "open"


def test_future_occurrences_do_not_count(therapist: User, client_user: User) -> None:
    daily(therapist, client_user, TODAY)  # planned two weeks ahead
    t = tracker(client_user, TODAY)
    assert t.due == 1


def test_it_leaves_out_archived_assignments_and_other_clients(
    therapist: User, client_user: User, other_assignment: Assignment
) -> None:
    a = daily(therapist, client_user, MONDAY)
    log(occ(a, MONDAY))
    services.set_assignment_status(assignment=a, status=AssignmentStatus.ARCHIVED)
    assert tracker(client_user, TODAY).due == 0


def test_it_keeps_past_occurrences_of_paused_assignments(therapist: User, client_user: User) -> None:
    a = daily(therapist, client_user, MONDAY)
    log(occ(a, MONDAY))
    services.set_assignment_status(assignment=a, status=AssignmentStatus.PAUSED)
    t = tracker(client_user, TODAY)
    assert (t.done, t.due) == (1, 2)  # Monday done, Tuesday not; today's was removed by the pause


# --- weekly quota slots: attributed to the day they were done ------------------------------------


def test_a_quota_slot_belongs_to_the_local_day_it_was_done(therapist: User, client_user: User) -> None:
    a = quota(therapist, client_user)
    sunday = MONDAY + timedelta(days=6)
    log(occ(a, sunday, 1), at=datetime(2026, 6, 9, 14, 0, tzinfo=UTC))  # Tuesday afternoon
    tuesday = day(client_user, date(2026, 6, 9))
    assert (tuesday.done, tuesday.due) == (1, 1)
    # The two open slots are due on Sunday, in the future, so they don't count yet.
    assert tracker(client_user, TODAY).this_week.due == 1


def test_a_slot_done_late_in_the_evening_belongs_to_that_local_date_not_utcs(
    therapist: User, client_user: User
) -> None:
    a = quota(therapist, client_user)
    sunday = MONDAY + timedelta(days=6)
    # 02:30 UTC on Wednesday is 22:30 on Tuesday in New York.
    log(occ(a, sunday, 1), at=datetime(2026, 6, 10, 2, 30, tzinfo=UTC))
    assert day(client_user, date(2026, 6, 9)).done == 1
    assert day(client_user, TODAY).due == 0


def test_unfinished_quota_slots_belong_to_the_weeks_last_day(therapist: User, client_user: User) -> None:
    a = quota(therapist, client_user, start=MONDAY - timedelta(days=7))
    last_sunday = MONDAY - timedelta(days=1)
    log(occ(a, last_sunday, 1), at=datetime(2026, 6, 2, 15, 0, tzinfo=UTC))  # Tuesday 2 June
    log(occ(a, last_sunday, 2), LogStatus.NOT_DONE, at=datetime(2026, 6, 3, 15, 0, tzinfo=UTC))
    sunday = day(client_user, last_sunday)
    assert (sunday.done, sunday.due) == (0, 2)  # slot 2 (not done) and slot 3 (not logged)
    assert day(client_user, date(2026, 6, 2)).done == 1
    last_week = tracker(client_user, TODAY).weeks[-2]
    assert (last_week.done, last_week.due, last_week.percent) == (1, 3, 33)


def test_a_slot_logged_after_its_window_belongs_to_its_due_date(therapist: User, client_user: User) -> None:
    a = quota(therapist, client_user, n=1, start=MONDAY - timedelta(days=7))
    last_sunday = MONDAY - timedelta(days=1)
    log(occ(a, last_sunday), at=datetime(2026, 6, 9, 15, 0, tzinfo=UTC))  # logged on Tuesday of this week
    assert day(client_user, last_sunday).done == 1
    assert day(client_user, date(2026, 6, 9)).due == 0


def test_a_slot_done_early_this_week_counts_even_though_its_window_is_still_open(
    therapist: User, client_user: User
) -> None:
    a = quota(therapist, client_user)
    log(occ(a, MONDAY + timedelta(days=6), 2))  # logged now, today
    today = day(client_user, TODAY)
    assert (today.done, today.due, today.state) == (1, 1, "complete")


# --- streaks ------------------------------------------------------------------------------------------


def streak_of(states: list[tuple[int, int]]) -> int:
    """(done, due) per day, oldest first, the last being today."""
    start = TODAY - timedelta(days=len(states) - 1)
    return current_streak(
        [DayStat(start + timedelta(days=i), due=due, done=done) for i, (done, due) in enumerate(states)]
    )


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        ([(1, 1), (1, 1), (1, 1)], 3),  # today complete counts
        ([(1, 1), (1, 1), (0, 1)], 2),  # today still open: count from yesterday
        ([(1, 1), (1, 1), (1, 2)], 2),  # today partly logged: still open
        ([(1, 1), (0, 1), (1, 1)], 1),  # an incomplete day breaks it
        ([(1, 1), (0, 0), (1, 1)], 2),  # a day with nothing due neither breaks nor extends
        ([(1, 1), (1, 1), (0, 0)], 2),  # nothing due today
        ([(0, 1), (0, 0), (0, 0)], 0),
        ([(1, 2), (2, 2), (0, 0)], 1),  # partial day breaks
        ([], 0),
    ],
)
def test_current_streak(states: list[tuple[int, int]], expected: int) -> None:
    assert streak_of(states) == expected


def test_streak_from_the_database(therapist: User, client_user: User) -> None:
    a = daily(therapist, client_user, TODAY - timedelta(days=4))
    for back in (1, 2, 3):
        log(occ(a, TODAY - timedelta(days=back)))
    log(occ(a, TODAY - timedelta(days=4)), LogStatus.NOT_DONE)
    assert tracker(client_user, TODAY).streak == 3
    log(occ(a, TODAY))
    assert tracker(client_user, TODAY).streak == 4


def test_streak_near_midnight_follows_the_clients_date(therapist: User, client_user: User) -> None:
    # 03:00 UTC on Thursday is 23:00 on Wednesday in New York: Wednesday is still today.
    with time_machine.travel(datetime(2026, 6, 11, 3, 0, tzinfo=UTC), tick=False):
        today = services.client_today(client_user)
        assert today == TODAY
        a = daily(therapist, client_user, TODAY - timedelta(days=1))
        log(occ(a, TODAY - timedelta(days=1)))
        log(occ(a, TODAY))
        t = tracker(client_user, today)
    assert t.streak == 2
    assert t.days[-1].day == TODAY


# --- weeks ---------------------------------------------------------------------------------------------


def test_weekly_rate_and_this_week_so_far(therapist: User, client_user: User) -> None:
    a = daily(therapist, client_user, MONDAY - timedelta(days=7))
    for back in range(1, 8):  # last week: everything but one day
        if back != 3:
            log(occ(a, MONDAY - timedelta(days=back)))
    log(occ(a, MONDAY))
    t = tracker(client_user, TODAY)
    last_week, this_week = t.weeks[-2], t.weeks[-1]
    assert (last_week.done, last_week.due, last_week.percent) == (6, 7, 86)
    assert (this_week.done, this_week.due) == (1, 3)
    assert this_week.decile == 30
    assert this_week.to_come == 4  # Thursday to Sunday
    assert t.this_week.summary == "1 of 3 done so far · 4 more to come this week"


def test_what_is_still_to_come_this_week_counts_open_slots_and_later_days(
    therapist: User, client_user: User
) -> None:
    """Three a week from Monday, one done, and a daily practice: on Wednesday, the two open slots
    (due Sunday) and the daily practice from Thursday to Sunday are still to come; today's is due."""
    slots = quota(therapist, client_user, 3)
    log(occ(slots, MONDAY + timedelta(days=6), slot=1))
    daily(therapist, client_user, TODAY)
    week = tracker(client_user, TODAY).this_week
    assert (week.done, week.due, week.to_come) == (1, 2, 6)
    assert [(d.day.weekday(), d.state, d.to_come) for d in week.days if d.is_future] == [
        (3, "open", 1),
        (4, "open", 1),
        (5, "open", 1),
        (6, "open", 3),
    ]
    assert week.days[-1].label == "Sunday 14 June: 3 still to come"
    assert week.summary == "1 of 2 done so far · 6 more to come this week"


# --- queries --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [2, 12])
def test_it_uses_one_query_whatever_the_data(
    therapist: User, client_user: User, django_assert_num_queries: object, n: int
) -> None:
    for _ in range(n):
        a = daily(therapist, client_user, TODAY - timedelta(days=20))
        log(occ(a, TODAY - timedelta(days=1)))
    quota(therapist, client_user)
    with django_assert_num_queries(1):  # type: ignore[operator]
        t = tracker(client_user, TODAY)
    assert t.due == n * 21 + 0


# --- goal charts ----------------------------------------------------------------------------------------


def test_goal_charts_place_ratings_from_bottom_0_to_top_10(therapist: User, client_user: User) -> None:
    with time_machine.travel(NOON - timedelta(days=2), tick=False):
        goal = services.create_goal(client=client_user, created_by=therapist, text="Sleep better", rating=0)
    with time_machine.travel(NOON - timedelta(days=1), tick=False):
        services.rate_goal(goal=goal, rating=10, rated_by=client_user)
    services.rate_goal(goal=goal, rating=5, rated_by=client_user)
    (chart,) = goal_charts(client_user)
    assert [p.rating.rating for p in chart.points] == [0, 10, 5]
    assert [p.y for p in chart.points] == [104, 16, 60]
    assert chart.points[0].x < chart.points[1].x < chart.points[2].x
    assert chart.latest is not None and chart.latest.rating == 5


def test_goal_charts_show_only_the_clients_goals_in_two_queries(
    therapist: User,
    client_user: User,
    other_client: User,
    other_therapist: User,
    django_assert_num_queries: object,
) -> None:
    for i in range(3):
        with time_machine.travel(NOON - timedelta(days=1), tick=False):
            g = services.create_goal(client=client_user, created_by=therapist, text=f"Goal {i}", rating=3)
        services.rate_goal(goal=g, rating=4, rated_by=client_user)
    services.create_goal(client=other_client, created_by=other_therapist, text="Dave's goal")
    with django_assert_num_queries(2):  # type: ignore[operator]
        charts = goal_charts(client_user)
        assert sum(len(c.points) for c in charts) == 6
    assert {c.goal.text for c in charts} == {"Goal 0", "Goal 1", "Goal 2"}


def _points_on(days: list[date]) -> list[ChartPoint]:
    step = 268 / (len(days) - 1) if len(days) > 1 else 0
    return [
        ChartPoint(x=16 + i * step, y=60, rating=GoalRating(rating=5), day=day) for i, day in enumerate(days)
    ]


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6, 9, 30, 200])
def test_the_dates_under_a_goal_chart_are_the_first_the_last_and_some_between_never_overlapping(
    n: int,
) -> None:
    days = [date(2026, 9, 20) + timedelta(days=i) for i in range(n)]
    labels = date_labels(_points_on(days))
    assert (labels[0].text, labels[0].anchor, labels[0].x) == ("20 Sep 2026", "start", 16)
    last = days[-1]
    assert (labels[-1].text, labels[-1].anchor, labels[-1].x) == (f"{last.day} {last:%b %Y}", "end", 284)
    assert 2 <= len(labels) <= min(n, 3)
    assert all(label.anchor == "middle" for label in labels[1:-1])
    assert all(label.left >= 0 and label.right <= 300 for label in labels)
    for earlier, later in itertools.pairwise(labels):
        assert later.left - earlier.right >= 8  # room between them, at any width the chart is drawn
    if n in (3, 5, 9, 30, 200):
        (middle,) = labels[1:-1]  # the point halfway, or the nearest to it
        assert middle.x == 16 + 268 * round((n - 1) / 2) / (n - 1)


def test_a_day_with_two_points_has_one_date_and_one_point_is_dated_under_itself() -> None:
    (only,) = date_labels(_points_on([date(2026, 6, 3)]))
    assert (only.text, only.anchor) == ("3 Jun 2026", "middle")
    labels = date_labels(_points_on([date(2026, 6, 3), date(2026, 6, 3), date(2026, 6, 5)]))
    assert [(label.text, label.x) for label in labels] == [("3 Jun 2026", 16), ("5 Jun 2026", 284)]
    (same,) = date_labels(_points_on([date(2026, 6, 3), date(2026, 6, 3)]))
    assert (same.text, same.anchor) == ("3 Jun 2026", "start")
    assert date_labels([]) == []
