"""What the client sees on Today: due now, still open from the past week, and logged today.

One query fetches every relevant occurrence with its assignment, log and entry;
the rest is Python. Weekly-quota slots that share a window become one card.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from functools import cached_property
from typing import Any

from django.db import connection, models

from homework.models import Assignment, AssignmentStatus, Entry, Log, LogStatus, Occurrence, Recurrence
from mallard.lib.sql import stored_date, stored_moment, stored_time
from mallard.models import User

OVERDUE_DAYS = 7  # how far back unlogged occurrences are still offered

# Everything Today's cards read (``TodayCard``, ``homework.views.client.card_markup``), and the
# schedule in words (``Assignment.schedule_text``) that the reflection page lists beside them, in
# the column order of ``_TODAY_SQL``: the query loads no more, and the rest of each assignment
# stays deferred, so reading any other field loads it as the ORM would.
_OCCURRENCE_FIELDS = ("id", "due_date", "available_from", "slot", "assignment_id")
_ASSIGNMENT_FIELDS = (
    "kind",
    "title",
    "rationale",
    "estimated_minutes",
    "smaller_version",
    "preferred_time",
    "recurrence",
    "status",
    "start_date",
    "end_date",
    "weekdays",
    "times_per_week",
)
_LOG_FIELDS = ("id", "status", "reason", "logged_at")
_ENTRY_FIELDS = ("id", "is_draft")

# One client's occurrences open by today and due in the last week or later, of active
# assignments, with their assignment, log and entry. Plain SQL because Today runs it on every
# view and Django took longer to build the query and its four models per row than PostgreSQL
# took to plan and run it; every value is a parameter.
_TODAY_SQL = """
SELECT o.id, o.due_date, o.available_from, o.slot, o.assignment_id,
    a.kind, a.title, a.rationale, a.estimated_minutes, a.smaller_version, a.preferred_time,
    a.recurrence, a.status, a.start_date, a.end_date, a.weekdays, a.times_per_week,
    l.id, l.status, l.reason, l.logged_at,
    e.id, e.is_draft
FROM homework_occurrence o
JOIN homework_assignment a ON a.id = o.assignment_id
LEFT JOIN homework_log l ON l.occurrence_id = o.id
LEFT JOIN homework_entry e ON e.occurrence_id = o.id
WHERE o.client_id = %s AND a.status = %s AND o.available_from <= %s AND o.due_date >= %s
"""


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
            return f" · {self.slots_left} of {self.slots_total} this week left"
        if due < today:
            return f" · Still open from {_day(due)}"
        if self.occurrence.available_from < due:
            return f" · Any day until {_day(due)}"
        return ""

    def shown(self, today: date) -> dict[str, Any]:
        """Everything the Today template prints for the card, as plain values: a dict, because
        looking a key up is the cheapest thing a template does, and Today prints many cards."""
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
        return {
            "id": self.occurrence.pk,
            "title": assignment.title,
            "kind_label": assignment.kind_label,
            "when": self.when(today),
            "rationale": assignment.rationale,
            "minutes": f"About {minutes} minute{'' if minutes == 1 else 's'}",
            "preferred": f"{assignment.preferred_time:%H:%M}" if assignment.preferred_time else "",
            "smaller_version": assignment.smaller_version,
            "logged": log is not None,
            "logged_done": log is not None and log.counts_as_done,
            "logged_text": logged_text,
            "has_entry": entry is not None,
            "has_draft": self.has_draft,
            "submitted": entry is not None and not entry.is_draft,
        }


@dataclass
class TodayPage:
    today: date
    due: list[TodayCard]
    overdue: list[TodayCard]
    logged: list[TodayCard]

    @property
    def is_empty(self) -> bool:
        return not (self.due or self.overdue or self.logged)


def _day(day: date) -> str:
    """“Monday 3 March”, as the ``date`` filter's "l j F"."""
    return f"{day:%A} {day.day} {day:%B}"


def _logged_on(client: User, log: Log) -> date:
    return log.logged_at.astimezone(client.zone).date()


def _card_order(occurrence: Occurrence) -> tuple[date, bool, time, int, int]:
    """By due date, then preferred time (none last), assignment and slot."""
    preferred = occurrence.assignment.preferred_time
    return (
        occurrence.due_date,
        preferred is None,
        preferred or time.min,
        occurrence.assignment_id,
        occurrence.slot,
    )


# The reverse one-to-one relations, whose cache ``select_related`` would fill.
_LOG = Occurrence.log.related
_ENTRY = Occurrence.entry.related


class _Loader[M: models.Model]:
    """Makes ``model`` instances from values given in the order of ``names``, as the ORM loads a
    row (``Model.from_db``, which takes them in the model's field order), the rest deferred."""

    def __init__(self, model: type[M], names: tuple[str, ...]) -> None:
        self.model = model
        self.names = [f.attname for f in model._meta.concrete_fields if f.attname in names]
        self.order = [names.index(name) for name in self.names]

    def __call__(self, values: tuple[Any, ...]) -> M:
        return self.model.from_db(connection.alias, self.names, [values[i] for i in self.order])


_ASSIGNMENT = _Loader(Assignment, ("id", "client_id", *_ASSIGNMENT_FIELDS))
_OCCURRENCE = _Loader(Occurrence, (*_OCCURRENCE_FIELDS, "client_id"))
_LOG_ROW = _Loader(Log, (*_LOG_FIELDS, "occurrence_id", "client_id"))
_ENTRY_ROW = _Loader(Entry, (*_ENTRY_FIELDS, "occurrence_id", "client_id"))


def _occurrences(client: User, today: date) -> list[Occurrence]:
    """``_TODAY_SQL``'s rows as occurrences, each with its assignment, log and entry in place
    (``None`` where there is none, as ``select_related`` leaves it): the models hold exactly the
    fields named above, with the rest deferred."""
    with connection.cursor() as cursor:
        cursor.execute(
            _TODAY_SQL,
            [client.pk, AssignmentStatus.ACTIVE, today, today - timedelta(days=OVERDUE_DAYS)],
        )
        rows = cursor.fetchall()
    assignments: dict[int, Assignment] = {}
    occurrences = []
    for row in rows:
        pk, due_date, available_from, slot, assignment_id = row[:5]
        kind, title, rationale, minutes, smaller, preferred, recurrence, status, start, end = row[5:15]
        weekdays, times_per_week = row[15:17]
        log_id, log_status, reason, logged_at, entry_id, is_draft = row[17:]
        assignment = assignments.get(assignment_id)
        if assignment is None:
            values = (kind, title, rationale, minutes, smaller, stored_time(preferred), recurrence, status)
            assignment = _ASSIGNMENT(
                (
                    assignment_id,
                    client.pk,
                    *values,
                    stored_date(start),
                    stored_date(end),
                    weekdays,
                    times_per_week,
                )
            )
            assignments[assignment_id] = assignment
        occurrence = _OCCURRENCE(
            (pk, stored_date(due_date), stored_date(available_from), slot, assignment_id, client.pk)
        )
        occurrence.assignment = assignment
        log = None
        if log_id is not None:
            log = _LOG_ROW((log_id, log_status, reason, stored_moment(logged_at), pk, client.pk))
        entry = None
        if entry_id is not None:
            entry = _ENTRY_ROW((entry_id, bool(is_draft), pk, client.pk))
        _LOG.set_cached_value(occurrence, log)
        _ENTRY.set_cached_value(occurrence, entry)
        occurrences.append(occurrence)
    return occurrences


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
