"""Dates in words, in a person's own time zone: "3 December", "Thursday 3 December 2026".

English month and day names, whatever the server's locale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from django.utils import dateformat
from django.utils.timesince import timesince

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def local_date(value: date | datetime, zone: tzinfo) -> date:
    """The calendar day ``value`` falls on in ``zone`` (a date is already a day)."""
    if isinstance(value, datetime):
        return value.astimezone(zone).date()
    return value


def long_date(day: date) -> str:
    """ "Thursday 3 December 2026"."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def day_in_year(day: date, this_year: int) -> str:
    """ "3 December", or "3 December 2025" when ``day`` is not in ``this_year``."""
    words = f"{day.day} {MONTHS[day.month - 1]}"
    return words if day.year == this_year else f"{words} {day.year}"


def weekday_in_year(day: date, this_year: int) -> str:
    """ "Saturday 5 December", or "Saturday 5 December 2025" when ``day`` is not in ``this_year``."""
    return f"{WEEKDAYS[day.weekday()]} {day_in_year(day, this_year)}"


def clock(value: time) -> str:
    """ "20:15"."""
    return f"{value.hour:02d}:{value.minute:02d}"


def long_moment(value: datetime, zone: tzinfo) -> str:
    """ "Thursday 3 December 2026, 20:15" in ``zone``."""
    local = value.astimezone(zone)
    return f"{long_date(local.date())}, {clock(local.time())}"


@dataclass(frozen=True)
class DateWords:
    """Names days for one person: in their ``zone``, without the year when it is ``this_year``."""

    zone: tzinfo
    this_year: int

    def day(self, value: date | datetime) -> str:
        """ "3 December", or "3 December 2025" in another year."""
        return day_in_year(local_date(value, self.zone), self.this_year)


def window_end(value: datetime, zone: tzinfo, day_format: str) -> str:
    """When something open ends, in ``zone``, without an ambiguous midnight: an end at 00:00 is the
    end of the day before ("the end of Sunday 13 December" with ``"l j F"``), any other is the day
    and the time ("Monday 14 December, 10:00"). ``day_format`` is a ``date`` filter format."""
    local = value.astimezone(zone)
    if local.time() == time.min:
        return f"the end of {dateformat.format(local.date() - timedelta(days=1), day_format)}"
    return dateformat.format(local, f"{day_format}, H:i")


def ago(moment: datetime, now: datetime, words: Callable[[datetime, datetime], str] = timesince) -> str:
    """ "3 hours ago", or "just now" for less than a minute (never "0 minutes ago"). ``words``
    says how long, ``timesince`` by default."""
    if timedelta(0) <= now - moment < timedelta(minutes=1):
        return "just now"
    return f"{words(moment, now)} ago"


def wall_clock_moments(day: date, at: time, zone: tzinfo) -> tuple[datetime, ...]:
    """The moments ``day`` at ``at`` (to the minute) on ``zone``'s wall clock can mean, earliest
    first: one on most days; none when the clocks skip it (they go forward: 01:30 on 28 March
    2027 in Europe/London); two when it happens twice (they go back: 01:30 on 31 October 2027,
    first in summer time, then an hour later in winter time). Forms that take a local date and
    time ask which of two is meant, and refuse none, rather than guess."""
    naive = datetime.combine(day, at.replace(second=0, microsecond=0, tzinfo=None))
    found: list[datetime] = []
    for fold in (0, 1):
        moment = naive.replace(tzinfo=zone, fold=fold).astimezone(UTC)
        local = moment.astimezone(zone)
        if local.replace(tzinfo=None, fold=0) == naive and moment not in [m.astimezone(UTC) for m in found]:
            found.append(local)
    return tuple(sorted(found, key=lambda m: m.astimezone(UTC)))


def skipped_hours(day: date, at: time, zone: tzinfo) -> tuple[time, time]:
    """Where the gap the clocks skip around ``day`` at ``at`` begins and ends on the wall clock
    ((01:00, 02:00) for 01:30 on 28 March 2027 in Europe/London): the first minute that does not
    exist and the first that does again. ``at`` must be in a gap (``wall_clock_moments`` gives none)."""

    def exists(moment: datetime) -> bool:
        return bool(wall_clock_moments(moment.date(), moment.time(), zone))

    minute = timedelta(minutes=1)
    start = end = datetime.combine(day, at.replace(second=0, microsecond=0, tzinfo=None))
    for _ in range(24 * 60):  # a gap is at most a few hours; this bound only guards a broken zone
        if exists(start - minute):
            break
        start -= minute
    for _ in range(24 * 60):
        end += minute
        if exists(end):
            break
    return start.time(), end.time()
