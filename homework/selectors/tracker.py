"""The client's habit tracker: days, weeks and the current streak, and goal charts.

Plain-words definitions (also shown on the Progress page):

- Each occurrence belongs to one day. An occurrence with a single day belongs to
  that day. One with a window (a weekly quota slot, or a one-off with a
  deadline) belongs to the day it was done, in the client's time zone, when it
  was done inside its window; otherwise to its due date.
- An occurrence counts on its day once it is due (its due date is today or
  earlier) or once it is done. Future occurrences not yet done don't count.
- Done means logged as done, the smaller version, or partly.
- A day's completion is done ÷ counted occurrences on that day.
- The current streak is the number of days in a row, ending today, on which
  everything counted was done. Today only adds to it once it is complete; days
  with nothing due neither break nor extend it.
- Occurrences of archived assignments are left out.
- Still to come this week: what is planned for this week's days after today (by due date, or,
  for a window of days ending this week, its last day) and not done yet.

All of it is computed in Python over one query (occurrences in range with their logs).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from functools import cached_property

from django.db.models import Prefetch
from django.utils.formats import date_format

from homework.models import DONE_STATUSES, AssignmentStatus, Goal, GoalRating, Occurrence
from mallard.models import User

TRACKER_DAYS = 84  # twelve weeks, ending today


@dataclass
class DayStat:
    day: date
    due: int = 0
    done: int = 0
    in_range: bool = True
    # A day of this week after today: nothing counts yet, ``to_come`` is what is planned for it.
    is_future: bool = False
    to_come: int = 0
    # Today: still going, so what is not done yet is still to come rather than not done.
    is_today: bool = False

    @property
    def is_complete(self) -> bool:
        return self.due > 0 and self.done == self.due

    @property
    def state(self) -> str:
        """'none' (nothing due), 'complete', 'some', 'missed' (a past day with nothing done),
        'open' (still to come: today with nothing done yet, or a later day of this week with
        something planned) or 'outside'."""
        if self.is_future:
            return "open" if self.to_come else "outside"
        if not self.in_range:
            return "outside"
        if self.due == 0:
            return "none"
        if self.done == self.due:
            return "complete"
        if self.done:
            return "some"
        return "open" if self.is_today else "missed"

    @property
    def label(self) -> str:
        """What a screen reader announces for the day, for example “Tuesday 3 November: 2 of 2 done”."""
        name = f"{self.day:%A} {self.day.day} {self.day:%B}"
        if self.is_future:
            return f"{name}: {self.to_come} still to come" if self.to_come else f"{name}: nothing planned"
        if not self.in_range:
            return f"{name}: outside the 12 weeks shown"
        if self.due == 0:
            return f"{name}: nothing due"
        return f"{name}: {self.done} of {self.due} done"


@dataclass
class WeekStat:
    monday: date
    days: list[DayStat] = field(default_factory=list)
    is_current: bool = False

    @property
    def due(self) -> int:
        return sum(d.due for d in self.days if d.in_range)

    @property
    def done(self) -> int:
        return sum(d.done for d in self.days if d.in_range)

    @property
    def percent(self) -> int | None:
        return round(100 * self.done / self.due) if self.due else None

    @property
    def decile(self) -> int:
        """The share rounded down to tens, for the bar's width class."""
        return (self.percent or 0) // 10 * 10

    @property
    def to_come(self) -> int:
        """What is planned for this week's days after today and not done yet."""
        return sum(d.to_come for d in self.days)

    @property
    def summary(self) -> str:
        """This week in words: what was done of what was due so far, and what is still to come,
        for example “2 of 2 done so far · 11 more to come this week”."""
        so_far = f"{self.done} of {self.due} done so far" if self.due else "Nothing due yet"
        if self.to_come:
            return f"{so_far} · {self.to_come} more to come this week"
        return so_far if self.due else "Nothing due this week"

    @property
    def first_day_shown(self) -> date:
        return next(d.day for d in self.days if d.in_range)


@dataclass
class Tracker:
    today: date
    first: date
    days: list[DayStat]
    streak: int
    later: dict[date, int]  # this week's days after today: how many not done are planned for each

    # The weeks are worked out when read: Today shows only this week, the Progress page every week.
    @cached_property
    def weeks(self) -> list[WeekStat]:
        return _weeks(self.first, self.today, {d.day: d for d in self.days}, self.later)

    @cached_property
    def this_week(self) -> WeekStat:
        monday = self.today - timedelta(days=self.today.weekday())
        days = {d.day: d for d in self.days[-7:]}
        return _weeks(max(self.first, monday), self.today, days, self.later)[-1]

    @property
    def due(self) -> int:
        return sum(d.due for d in self.days)

    @property
    def done(self) -> int:
        return sum(d.done for d in self.days)

    @property
    def percent(self) -> int | None:
        return round(100 * self.done / self.due) if self.due else None


def attributed_day(client: User, available_from: date, due_date: date, done_at: datetime | None) -> date:
    """The day an occurrence belongs to (see the module's definitions), from its dates and when
    it was logged as done (None when it was not)."""
    if available_from == due_date or done_at is None:
        return due_date
    done_on = done_at.astimezone(client.zone).date()
    return done_on if available_from <= done_on <= due_date else due_date


def current_streak(days: list[DayStat]) -> int:
    """Complete days in a row ending today (or yesterday while today is still open)."""
    streak = 0
    for index, day in enumerate(reversed(days)):
        if day.due == 0:
            continue
        if day.is_complete:
            streak += 1
        elif index == 0:
            continue  # today is not over yet: it neither breaks nor extends the streak
        else:
            break
    return streak


def _occurrences(
    client: User, first: date, last: date
) -> list[tuple[date, date, str | None, datetime | None]]:
    """The four values a day's numbers need, for each occurrence of the client's in range (open
    by ``last``, this week's Sunday) that is not archived: plain tuples, as up to twelve weeks of
    rows need no models. The assignment is
    the client's too (it always is): said, so PostgreSQL reads the client's assignments by index
    instead of hashing every assignment to drop the archived ones."""
    rows = (
        Occurrence.objects.filter(client=client, due_date__gte=first, available_from__lte=last)
        .filter(assignment__client=client)
        .exclude(assignment__status=AssignmentStatus.ARCHIVED)
        .values_list("available_from", "due_date", "log__status", "log__logged_at")
        .order_by()
    )
    return list(rows)


def tracker(client: User, today: date, *, days: int = TRACKER_DAYS) -> Tracker:
    """The last ``days`` days ending ``today`` (the client's local date), by day and by week."""
    first = today - timedelta(days=days - 1)
    sunday = today + timedelta(days=6 - today.weekday())
    stats = {first + timedelta(days=i): DayStat(first + timedelta(days=i)) for i in range(days)}
    stats[today].is_today = True
    later: dict[date, int] = {}
    for available_from, due_date, status, logged_at in _occurrences(client, first, sunday):
        is_done = status in DONE_STATUSES
        if not is_done and due_date > today:
            if due_date <= sunday:
                later[due_date] = later.get(due_date, 0) + 1
            continue
        stat = stats.get(attributed_day(client, available_from, due_date, logged_at if is_done else None))
        if stat is None:
            continue
        stat.due += 1
        stat.done += is_done
    day_list = list(stats.values())
    return Tracker(
        today=today,
        first=first,
        days=day_list,
        streak=current_streak(day_list),
        later=later,
    )


def _weeks(first: date, today: date, stats: dict[date, DayStat], later: dict[date, int]) -> list[WeekStat]:
    """Monday-to-Sunday weeks from the one holding ``first`` to the one holding ``today``; days
    without a stat are outside the range and marked so, and this week's days after today carry
    what is still to come on them."""
    weeks: list[WeekStat] = []
    monday = first - timedelta(days=first.weekday())
    while monday <= today:
        week = WeekStat(monday=monday, is_current=monday <= today < monday + timedelta(days=7))
        for offset in range(7):
            day = monday + timedelta(days=offset)
            if day > today:
                week.days.append(DayStat(day, in_range=False, is_future=True, to_come=later.get(day, 0)))
            else:
                week.days.append(stats.get(day) or DayStat(day, in_range=False))
        weeks.append(week)
        monday += timedelta(days=7)
    return weeks


# --- Goals ------------------------------------------------------------------------------------------

CHART_WIDTH = 300
CHART_HEIGHT = 120
CHART_PAD = 16
# The dates under the x-axis: a strip below the chart, their text's baseline, and at most this many
# (three dates of "j M Y" are what the chart's width holds with room between them).
DATE_STRIP = 8
DATE_BASELINE = CHART_HEIGHT
MAX_DATE_LABELS = 3
# A date's width in the chart's units at its 10-unit font: 0.6 of the font size a character, more
# than the digits and letters of "28 Sep 2026" take, and the room kept between two dates. The chart
# scales as one picture, so dates that do not overlap here overlap at no width (a 390 px phone).
DATE_CHAR_WIDTH = 6.0
DATE_GAP = 8.0


@dataclass
class ChartPoint:
    x: float
    y: float
    rating: GoalRating
    day: date  # the day it was given, on the client's calendar


@dataclass(frozen=True)
class DateLabel:
    """A date under the chart's x-axis, below its point: ``anchor`` is where ``x`` is on the text
    (SVG's ``text-anchor``: the first date starts at its point, the last ends at its point)."""

    x: float
    text: str
    anchor: str

    @property
    def left(self) -> float:
        width = len(self.text) * DATE_CHAR_WIDTH
        return {"start": self.x, "middle": self.x - width / 2, "end": self.x - width}[self.anchor]

    @property
    def right(self) -> float:
        return self.left + len(self.text) * DATE_CHAR_WIDTH


def date_labels(points: list[ChartPoint]) -> list[DateLabel]:
    """The dates under the chart: the first and the last, and as many evenly spaced between as fit
    without overlapping (at most ``MAX_DATE_LABELS`` in all). A day with several points (the
    starting rating and one given the same day) has one date: the first day's under its first
    point, the last day's under its last."""
    if not points:
        return []
    if len(points) == 1:
        return [DateLabel(points[0].x, date_format(points[0].day), "middle")]
    # One (point, text) a day, in order.
    days: list[tuple[ChartPoint, str]] = []
    for point in points:
        if not days or days[-1][0].day != point.day:
            days.append((point, date_format(point.day)))
    days[-1] = (points[-1], days[-1][1])
    if len(days) == 1:
        return [DateLabel(points[0].x, days[0][1], "start")]
    for count in range(min(len(days), MAX_DATE_LABELS), 1, -1):
        chosen = sorted({round(i * (len(days) - 1) / (count - 1)) for i in range(count)})
        labels = [
            DateLabel(
                days[n][0].x, days[n][1], "start" if n == 0 else "end" if n == len(days) - 1 else "middle"
            )
            for n in chosen
        ]
        if all(later.left - earlier.right >= DATE_GAP for earlier, later in itertools.pairwise(labels)):
            return labels
    return [DateLabel(points[0].x, days[0][1], "start")]  # not reached: the first and last always fit


@dataclass
class GoalChart:
    goal: Goal
    points: list[ChartPoint]
    form: object | None = None  # the rating form, set by the view for active goals
    rated_today: GoalRating | None = None  # today's rating, which the form changes (set by the view)

    def rated_on(self, day: date, zone: tzinfo) -> GoalRating | None:
        """The rating given on ``day`` in the client's ``zone``, which rating again that day replaces.
        Never the therapist's starting rating: rating the goal that day adds a point beside it."""
        latest = self.latest
        if latest is None or latest.is_starting or latest.rated_at.astimezone(zone).date() != day:
            return None
        return latest

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @cached_property
    def dates(self) -> list[DateLabel]:
        """The dates the x-axis shows (``date_labels``)."""
        return date_labels(self.points)

    @property
    def view_box(self) -> str:
        return f"0 0 {CHART_WIDTH} {CHART_HEIGHT + DATE_STRIP}"

    @property
    def axis_y(self) -> int:
        return CHART_HEIGHT - CHART_PAD

    @property
    def date_y(self) -> int:
        return DATE_BASELINE

    @property
    def period(self) -> str:
        """When the ratings were given, for the chart's text alternative: "on 3 Jun 2026", or
        "from 3 Jun 2026 to 17 Jun 2026"."""
        if not self.points:
            return ""
        first, last = self.points[0].day, self.points[-1].day
        if first == last:
            return f"on {date_format(first)}"
        return f"from {date_format(first)} to {date_format(last)}"

    @property
    def latest(self) -> GoalRating | None:
        return self.points[-1].rating if self.points else None


def goal_charts(client: User) -> list[GoalChart]:
    """The client's goals with their ratings placed on a small 0 to 10 chart (two queries): the
    starting rating given with the goal first, then one point a day, the day's last rating (a day
    rated twice before a second rating replaced the first shows only its last). The starting
    rating keeps its own point when the goal is rated again the day it was set."""
    goals = Goal.objects.filter(client=client).prefetch_related(
        Prefetch("ratings", queryset=GoalRating.objects.order_by("rated_at", "pk"))
    )
    charts = []
    for goal in goals:
        ratings = list(goal.ratings.all())
        starting = [rating for rating in ratings if rating.is_starting]
        by_day = {r.rated_at.astimezone(client.zone).date(): r for r in ratings if not r.is_starting}
        charts.append(GoalChart(goal=goal, points=_points([*starting, *by_day.values()], client.zone)))
    return charts


def _points(ratings: list[GoalRating], zone: tzinfo) -> list[ChartPoint]:
    inner_w = CHART_WIDTH - 2 * CHART_PAD
    inner_h = CHART_HEIGHT - 2 * CHART_PAD
    step = inner_w / (len(ratings) - 1) if len(ratings) > 1 else 0
    return [
        ChartPoint(
            x=CHART_PAD + (i * step if len(ratings) > 1 else inner_w / 2),
            y=CHART_PAD + inner_h * (10 - r.rating) / 10,
            rating=r,
            day=r.rated_at.astimezone(zone).date(),
        )
        for i, r in enumerate(ratings)
    ]
