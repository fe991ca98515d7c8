"""What the client sees on Today: due now, still open from the past week, and logged today.

One query fetches every relevant occurrence with its assignment, log and entry;
the rest is Python. Weekly-quota slots that share a window become one card.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from homework.models import Assignment, AssignmentStatus, Entry, Log, Occurrence, Recurrence
from mallard.models import User

OVERDUE_DAYS = 7  # how far back unlogged occurrences are still offered


@dataclass
class TodayCard:
    """One thing to practise: an occurrence, or the next open slot of a weekly quota."""

    occurrence: Occurrence
    slots: list[Occurrence] = field(default_factory=list)
    not_done_form: object | None = None  # set by the view
    links: dict[str, str] = field(default_factory=dict)  # the card's URLs, set by the view

    @property
    def assignment(self) -> Assignment:
        return self.occurrence.assignment

    # Cached: a missing log or entry raises (and swallows) an exception on each read, and the
    # Today template reads both several times per card.
    @cached_property
    def log(self) -> Log | None:
        return getattr(self.occurrence, "log", None)

    @cached_property
    def entry(self) -> Entry | None:
        return getattr(self.occurrence, "entry", None)

    @property
    def has_draft(self) -> bool:
        return self.entry is not None and self.entry.is_draft

    @property
    def is_quota(self) -> bool:
        return self.assignment.recurrence == Recurrence.TIMES_PER_WEEK

    @property
    def slots_total(self) -> int:
        return len(self.slots)

    @property
    def slots_left(self) -> int:
        return sum(1 for s in self.slots if getattr(s, "log", None) is None)


@dataclass
class TodayPage:
    today: date
    due: list[TodayCard]
    overdue: list[TodayCard]
    logged: list[TodayCard]

    @property
    def is_empty(self) -> bool:
        return not (self.due or self.overdue or self.logged)


def _logged_on(client: User, log: Log) -> date:
    return log.logged_at.astimezone(client.zone).date()


def today_page(client: User, today: date) -> TodayPage:
    """Cards for ``today`` (the client's local date), in one query."""
    occurrences = (
        Occurrence.objects.filter(
            client=client,
            assignment__status=AssignmentStatus.ACTIVE,
            available_from__lte=today,
            due_date__gte=today - timedelta(days=OVERDUE_DAYS),
        )
        .select_related("assignment", "log", "entry")
        .order_by("due_date", "assignment__preferred_time", "assignment_id", "slot")
    )
    groups: dict[tuple[int, date], list[Occurrence]] = {}
    for occurrence in occurrences:
        groups.setdefault((occurrence.assignment_id, occurrence.due_date), []).append(occurrence)

    due: list[TodayCard] = []
    overdue: list[TodayCard] = []
    logged: list[TodayCard] = []
    for slots in groups.values():
        open_slots = [s for s in slots if getattr(s, "log", None) is None]
        logged.extend(
            TodayCard(occurrence=s, slots=slots)
            for s in slots
            if (log := getattr(s, "log", None)) is not None
            and (_logged_on(client, log) == today or s.due_date == s.available_from == today)
        )
        if open_slots:
            card = TodayCard(occurrence=open_slots[0], slots=slots)
            (overdue if slots[0].due_date < today else due).append(card)
    overdue.reverse()  # the most recent first
    return TodayPage(today=today, due=due, overdue=overdue, logged=logged)
