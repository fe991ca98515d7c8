"""What the client sees on Today: due now, still open from the past week, and logged today.

One query fetches every relevant occurrence with its assignment, log and entry,
reading only the fields a card shows; the rest is Python. Weekly-quota slots that share a
window become one card.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from functools import cached_property

from homework.models import Assignment, AssignmentStatus, Entry, Log, LogStatus, Occurrence, Recurrence
from mallard.models import User

OVERDUE_DAYS = 7  # how far back unlogged occurrences are still offered

# Everything Today's cards read (``TodayCard.shown``), and the schedule in words
# (``Assignment.schedule_text``) that the reflection page lists beside them: the query loads no
# more, and reading any other field loads it as deferred fields are.
_TODAY_FIELDS = (
    "due_date",
    "available_from",
    "slot",
    "assignment",
    "client",
    "assignment__client",
    "assignment__kind",
    "assignment__title",
    "assignment__rationale",
    "assignment__estimated_minutes",
    "assignment__smaller_version",
    "assignment__implementation_after",
    "assignment__implementation_will",
    "assignment__preferred_time",
    "assignment__client_time",
    "assignment__recurrence",
    "assignment__status",
    "assignment__start_date",
    "assignment__end_date",
    "assignment__weekdays",
    "assignment__times_per_week",
    "log__occurrence",
    "log__client",
    "log__status",
    "log__reason",
    "log__logged_at",
    "entry__occurrence",
    "entry__client",
    "entry__is_draft",
)


@dataclass
class TodayCard:
    """One thing to practise: an occurrence, or the next open slot of a weekly quota."""

    occurrence: Occurrence
    slots: list[Occurrence] = field(default_factory=list)

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

    def when(self, today: date) -> str:
        """What the card says after the kind of homework: its week, or how long it stays open."""
        due = self.occurrence.due_date
        if self.is_quota and self.log is not None:
            return f" · One of your {self.slots_total} for the week ending {_day(due)}"
        if self.is_quota and due < today:
            return f" · {self.slots_left} of {self.slots_total} from the week ending {_day(due)} still open"
        if self.is_quota:
            text = f" · {self.slots_left} of {self.slots_total} this week left"
            n = self.assignment.times_per_week or 1
            if self.slots_total < n:  # a part week is pro-rated (Assignment.slots_in_window)
                text += f" (a part week: {n} in a full week)"
            return text
        if due < today:
            return f" · Still open from {_day(due)}"
        if self.occurrence.available_from < due:
            return f" · Any day until {_day(due)}"
        return ""

    def shown(self, today: date, links: CardLinks) -> ShownCard:
        """Everything the Today template prints for the card, as ready-made values."""
        assignment = self.assignment
        minutes = assignment.estimated_minutes
        log = self.log
        entry = self.entry
        logged_text = ""
        if log is not None:
            logged_text = (
                f"Not done this time. Reason: “{log.get_reason_display()}”"
                if log.status == LogStatus.NOT_DONE
                else str(log.get_status_display())
            )
        return ShownCard(
            id=self.occurrence.pk,
            id_text=str(self.occurrence.pk),
            title=assignment.title,
            kind_label=assignment.kind_label,
            when=self.when(today),
            rationale=assignment.rationale,
            minutes=f"About {minutes} minute{'' if minutes == 1 else 's'}",
            # The client's own time when they chose one (the one their reminders use), else the agreed one.
            preferred=f"{at:%H:%M}" if (at := assignment.practice_time) else "",
            smaller_version=assignment.smaller_version,
            plan=_plan(assignment.implementation_after, assignment.implementation_will),
            logged=log is not None,
            logged_done=log is not None and log.counts_as_done,
            logged_text=logged_text,
            has_entry=entry is not None,
            has_draft=self.has_draft,
            submitted=entry is not None and not entry.is_draft,
            links=links,
        )


@dataclass(frozen=True, slots=True)
class CardLinks:
    """Where a card's buttons and links go (the view reverses each URL once per page)."""

    quick_log: str
    not_done: str
    entry_form: str
    assignment: str
    entry: str = ""  # the card's worksheet, when it has one


@dataclass(frozen=True, slots=True)
class ShownCard:
    """One card as the Today template prints it: plain values, worked out once."""

    id: int  # the occurrence's
    id_text: str  # the same, for the card's HTML ids: the template formats an int as a number each time
    title: str
    kind_label: str
    when: str  # after the kind: " · Any day until Friday 12 June", or ""
    rationale: str
    minutes: str  # "About 10 minutes"
    preferred: str  # "07:05" (``Assignment.practice_time``), or "" when there is no time
    smaller_version: str
    plan: str  # "After stand-up, I will open the worksheet", or "" without a cue
    logged: bool
    logged_done: bool  # logged as done, the smaller version or partly
    logged_text: str  # what was logged, in words
    has_entry: bool
    has_draft: bool
    submitted: bool
    links: CardLinks


@dataclass
class TodayPage:
    today: date
    due: list[TodayCard]
    overdue: list[TodayCard]
    logged: list[TodayCard]

    @property
    def is_empty(self) -> bool:
        return not (self.due or self.overdue or self.logged)


def _plan(after: str, will: str) -> str:
    """The "After ___, I will ___" plan in one line, from its two halves; "" without a cue."""
    if not after:
        return ""
    return f"After {after}, I will {will}" if will else f"After {after}"


def _day(day: date) -> str:
    """“Monday 3 March”, as the ``date`` filter's "l j F"."""
    return f"{day:%A} {day.day} {day:%B}"


def _logged_on(client: User, log: Log) -> date:
    return log.logged_at.astimezone(client.zone).date()


def _card_order(occurrence: Occurrence) -> tuple[date, bool, time, int, int]:
    """By due date, then the practice's time (none last), assignment and slot."""
    preferred = occurrence.assignment.practice_time
    return (
        occurrence.due_date,
        preferred is None,
        preferred or time.min,
        occurrence.assignment_id,
        occurrence.slot,
    )


def _occurrences(client: User, today: date) -> list[Occurrence]:
    """The client's occurrences open by ``today`` and due in the last week or later, of active
    assignments, each with its assignment, log and entry (``None`` where there is none)."""
    return list(
        Occurrence.objects.filter(
            client=client,
            assignment__status=AssignmentStatus.ACTIVE,
            available_from__lte=today,
            due_date__gte=today - timedelta(days=OVERDUE_DAYS),
        )
        .select_related("assignment", "log", "entry")
        .only(*_TODAY_FIELDS)
        .order_by()  # sorted in Python (``_card_order``): a few rows, by the assignment's time
    )


def today_page(client: User, today: date) -> TodayPage:
    """Cards for ``today`` (the client's local date), in one query."""
    occurrences = _occurrences(client, today)
    groups: dict[tuple[int, date], list[Occurrence]] = {}
    for occurrence in sorted(occurrences, key=_card_order):
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
