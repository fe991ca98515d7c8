"""Reads for the therapist's caseload: every current client and open invitation, with their numbers.

The caseload costs a fixed number of queries whatever the number of clients or entries, and
writes nothing but its audit rows. One query reads the clients (``clients_of``); one
(``_LIVE_SQL``) each one's stored row (``CaseloadNumbers``: the numbers and every other value
the row prints), count of changes to their homework rows and questionnaire responses
(``homework.models.ChangeCounter``), next session with this therapist and start of care; one
more reads the open invitations. A stored row is shown only while current (``is_current``: the
client's local date, their count of changes and ``numbers_formula`` unchanged); for the other
clients this view works the row out (``work_out_numbers``, two grouped queries, and
``work_out_shown``: ``_shown_query`` and the repeated reasons, one or two more) and shows it
without storing it. ``sessions_app.numbers`` stores them, outside the request.

Definitions, also shown on the page:

- The window is the last 14 days, on each client's own local dates, today included.
- Done counts "done", "the smaller version" and "partly"; an occurrence due in the
  window before today and never logged is "not logged" (Mallard doesn't guess). One due
  today and not logged yet is still open: the day is not over, so it is not counted as due
  (nor in the rate) until it is logged or the day has passed
  (``homework.selectors.therapist.Adherence``, the same on every page that counts).
- Overdue: occurrences due in the 7 days before the client's today and not logged, except
  a day a change of schedule left out (``Occurrence.left_schedule_on``), which is still "not
  logged" in the counts above.
- Occurrences of archived assignments are left out, and so are occurrences not open yet
  (one can only be logged once open, ``homework.services``).
- Last activity: the latest log, submitted worksheet or questionnaire response.
- Flags: no activity for 7 days (or since care began, for a new client); the three
  most recent logs in the window all "not done"; the reason given most often for
  "not done" in the window (ties go to the first reason in ``NotDoneReason``); and
  "Invitation pending" for people invited but not joined.
"""

from __future__ import annotations

import json
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache, partial, reduce
from operator import or_
from typing import Any, TypedDict
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.expressions import Window
from django.db.models.functions import Coalesce, RowNumber
from django.template import engines
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR
from django.utils.timesince import timesince
from django.utils.translation import get_language
from markupsafe import Markup

from homework.models import (
    AssignmentStatus,
    ChangeCounter,
    Entry,
    Log,
    LogStatus,
    NotDoneReason,
    Occurrence,
)
from homework.selectors.nudges import (
    NUDGE_WINDOW_DAYS,
    REPEATS,
    REPEATS_VERSION,
    Repeat,
    repeats_for_clients,
    said_query,
)
from homework.selectors.therapist import ADHERENCE_FIELDS, Adherence
from homework.selectors.today import OVERDUE_DAYS
from mallard.access import clients_of, open_invitations_of
from mallard.lib.dates import ago
from mallard.lib.sql import stored_date, stored_moment
from mallard.links import url_maker
from mallard.models import Invitation, InvitationStatus, User
from measures.instruments import GAD7, PHQ9
from measures.models import MeasureResponse
from measures.scoring import BAND_LABELS, band_for
from sessions_app.models import CaseloadNumbers, SessionStatus
from sessions_app.selectors.adherence import STATUS_FIELD, WINDOW_DAYS, AdherenceView, BarCells, bar_cells

ITEM9_LABEL = "Item 9 answered above 0"
SCORE_INSTRUMENTS = (PHQ9, GAD7)
SCORE_NAMES = {instrument.code: instrument.short_name for instrument in SCORE_INSTRUMENTS}
QUIET_DAYS = 7
NOT_DONE_RUN = 3

# The reasons for "not done", in ``NotDoneReason``'s order (ties between reasons go to the first).
_REASONS = tuple(NotDoneReason.values)
# The statuses counted in the window, by ``Adherence`` field.
_COUNTED_STATUSES = {name: status for status, name in STATUS_FIELD.items() if status is not None}


@dataclass(frozen=True)
class Flag:
    key: str
    label: str
    detail: str = ""
    repeat: StoredRepeat | None = None  # "same reason twice": the assignment, for its one-click changes


@dataclass(frozen=True)
class LatestScore:
    """A questionnaire's latest standing total and the one before it, as the caseload shows them."""

    instrument: str
    total: int
    submitted_at: datetime
    previous: int | None

    @property
    def band_label(self) -> str:
        return BAND_LABELS[band_for(self.instrument, self.total)]

    @property
    def difference(self) -> int | None:
        return None if self.previous is None else self.total - self.previous


@dataclass(frozen=True)
class Item9:
    """The newest PHQ-9 response with item 9 above 0 not marked reviewed, and how many there are."""

    response_id: int
    submitted_at: datetime
    count: int


@dataclass(frozen=True)
class NextSession:
    """The next booked session, as the caseload shows it: when, and a link to its summary."""

    pk: int
    starts_at: datetime


@dataclass(frozen=True)
class CaseloadRow:
    name: str
    email: str
    client: User | None = None
    invitation: Invitation | None = None
    adherence: AdherenceView | None = None
    overdue: int = 0
    last_activity: datetime | None = None
    next_session: NextSession | None = None
    flags: list[Flag] = field(default_factory=list)
    care_started_at: datetime | None = None
    reasons: Counter[str] = field(default_factory=Counter)
    not_done_run: bool = False  # the three most recent logs all say "not done"
    scores: tuple[LatestScore, ...] = ()
    item9: Item9 | None = None

    @property
    def is_invitation(self) -> bool:
        return self.invitation is not None


class FlagCells(TypedDict):
    key: str
    label: str
    detail: str
    # "Same reason twice": one-click changes posted to ``adjust_url`` (values "smaller" and
    # "fewer", each offered when it fits), and ``edit_url`` to change the time. Empty otherwise.
    adjust_url: str
    changes: list[tuple[str, str]]  # (value, button text)
    edit_url: str
    # Item 9: the date it was answered above 0 (ISO 8601 and words, on the client's calendar),
    # where "Mark reviewed" posts, and the page of that response's answers. Empty otherwise.
    date: str
    date_label: str
    review_url: str
    answers_url: str


class ScoreCells(TypedDict):
    """A questionnaire's latest total on the caseload, with its direction since the one before."""

    name: str
    total: int
    band: str
    direction: str  # "up", "down", "same" or "" (only one response)
    direction_text: str  # “down 4 from 18”, “no change”, or “first response”
    date: str
    date_label: str


class TableRow(TypedDict):
    """One row of the caseload table, every value ready to print (see ``table_rows``).

    ``templates/jinja2/sessions_app/caseload_rows.html`` prints it, and its bar with the
    ``adherence_bar.html`` macro, as on every page that shows one. A row and its flags are
    typed dicts, read by key.
    """

    name: str
    email: str
    is_client: bool
    url: str  # the client's overview; empty for an invitation
    adherence: BarCells | None  # None until the person signs up
    bar: Markup | str  # ``adherence`` as the ``adherence_bar.html`` macro prints it (``bar_markup``), or ""
    overdue: int | None  # how many are overdue; None for an invitation
    flags: list[FlagCells]
    last_activity: str  # ISO 8601 in the viewer's zone, for <time datetime>; empty if none
    last_activity_ago: str  # "3 hours ago", or "just now" within a minute
    last_activity_label: str
    next_session: str  # ISO 8601 in the viewer's zone; empty if none booked
    next_session_label: str
    summary_url: str
    scores: list[ScoreCells]


SORTS: dict[str, tuple[str, str]] = {
    # key: (column heading, the direction a first click sorts in)
    "name": ("Client", "asc"),
    "adherence": ("Last 14 days", "asc"),
    "last_activity": ("Last activity", "desc"),
    "next_session": ("Next session", "asc"),
    "flags": ("Needs attention", "desc"),
}
DEFAULT_SORT = "name"


@dataclass(frozen=True)
class SortLink:
    key: str
    label: str
    query: str
    aria_sort: str  # "ascending", "descending" or "" (not sorted by this column)


@dataclass(frozen=True)
class Caseload:
    rows: list[CaseloadRow]
    query: str
    sort: str
    direction: str
    columns: dict[str, SortLink]
    # ``rows`` as the table shows them (see ``table_rows``).
    table: list[TableRow] = field(default_factory=list)

    @property
    def clients(self) -> list[CaseloadRow]:
        return [row for row in self.rows if not row.is_invitation]

    @property
    def has_rows(self) -> bool:
        return bool(self.rows)

    @property
    def sorted_by(self) -> str:
        order = "ascending" if self.direction == "asc" else "descending"
        return f"sorted by {SORTS[self.sort][0].lower()}, {order}"


def parse_sort(sort: str | None, direction: str | None) -> tuple[str, str]:
    """A known sort key and direction; anything unknown falls back to the default."""
    key = sort if sort in SORTS else DEFAULT_SORT
    if direction not in ("asc", "desc"):
        direction = SORTS[key][1] if sort in SORTS else "asc"
    return key, direction


def _sort_value(row: CaseloadRow, key: str) -> Any:
    match key:
        case "adherence":
            return row.adherence.rate if row.adherence else None
        case "last_activity":
            return row.last_activity
        case "next_session":
            return row.next_session.starts_at if row.next_session else None
        case "flags":
            return (row.item9 is not None, len(row.flags))
    return row.name.casefold()


def sort_rows(rows: list[CaseloadRow], key: str, direction: str) -> list[CaseloadRow]:
    """Sorted by ``key``; rows without a value (no homework due, no session) always come last."""
    by_name = sorted(rows, key=lambda row: (row.name.casefold(), row.email))
    known = [row for row in by_name if _sort_value(row, key) is not None]
    unknown = [row for row in by_name if _sort_value(row, key) is None]
    known.sort(key=lambda row: _sort_value(row, key), reverse=direction == "desc")
    return known + unknown


def _links(query: str, sort: str, direction: str) -> dict[str, SortLink]:
    links = {}
    for key, (label, first) in SORTS.items():
        if key == sort:
            new_dir = "desc" if direction == "asc" else "asc"
            aria = "ascending" if direction == "asc" else "descending"
        else:
            new_dir, aria = first, ""
        params = {"sort": key, "dir": new_dir}
        if query:
            params["q"] = query
        links[key] = SortLink(key, label, "?" + urlencode(params), aria)
    return links


def _search(query: str) -> Q:
    return Q(display_name__icontains=query) | Q(email__icontains=query)


def caseload(
    therapist: User, *, query: str = "", sort: str | None = None, direction: str | None = None
) -> Caseload:
    """Every current client of ``therapist`` and every open invitation, with their numbers and flags."""
    now = timezone.now()
    sort, direction = parse_sort(sort, direction)
    rows = _client_rows(therapist, query, now)
    rows += [_invitation_row(invitation, now) for invitation in _invitations(therapist, query)]
    rows = sort_rows(rows, sort, direction)
    return Caseload(
        rows=rows,
        query=query,
        sort=sort,
        direction=direction,
        columns=_links(query, sort, direction),
        table=table_rows(rows, now=now, zone=timezone.get_current_timezone()),
    )


def _invitations(therapist: User, query: str) -> Iterable[Invitation]:
    invitations = open_invitations_of(therapist)
    if query:
        invitations = invitations.filter(Q(name__icontains=query) | Q(email__icontains=query))
    return invitations


def _invitation_row(invitation: Invitation, now: datetime) -> CaseloadRow:
    name = invitation.name or invitation.email
    row = CaseloadRow(name=name, email=invitation.email, invitation=invitation)
    row.flags.extend(_flags(row, now))
    return row


# --- Each client's numbers ----------------------------------------------------------------------------

# Bump when the way the numbers are read from the results changes (the statements' text is in the
# fingerprint already): stored numbers worked out another way are then no longer current.
# 3: an occurrence due today and not logged is still open, not "not logged".
# 4: a submitted questionnaire response counts as activity.
NUMBERS_VERSION = 4


@dataclass(frozen=True)
class WindowNumbers:
    """A client's numbers over their window, as ``work_out_numbers`` finds them or as stored."""

    counts: Adherence
    overdue: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    not_done_run: bool = False  # the three most recent logs all say "not done"

    @classmethod
    def from_columns(cls, row: dict[str, Any]) -> WindowNumbers:
        """The numbers of a stored row's columns (``n_...``), as ``_LIVE_SQL`` reads them."""
        counts = Adherence(*[row[column] for column in _COUNT_COLUMNS])
        reasons = Counter({reason: int(count) for reason, count in _json(row["n_reasons"]).items() if count})
        return cls(counts, row["n_overdue"], reasons, bool(row["n_not_done_run"]))


@dataclass(frozen=True)
class _Window:
    """A client's window on their own calendar: ``first`` to ``today``, overdue from ``overdue_from``."""

    first: date
    today: date
    overdue_from: date


def _window(today: date) -> _Window:
    return _Window(
        first=today - timedelta(days=WINDOW_DAYS - 1),
        today=today,
        overdue_from=today - timedelta(days=OVERDUE_DAYS),
    )


@lru_cache(maxsize=512)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_today(time_zone: str, now: datetime) -> date:
    return now.astimezone(_zone(time_zone)).date()


def _either(conditions: Iterable[Q]) -> Q:
    return reduce(or_, conditions)


def _bounds(days: dict[date, list[int]]) -> tuple[list[int], date]:
    """Every client in ``days`` and the first day of the earliest window. Repeated beside the
    per-date conditions, they let PostgreSQL's planner see how few rows the conditions keep, so it
    reads the occurrences and logs through their indexes instead of scanning every log."""
    return [pk for pks in days.values() for pk in pks], min(_window(today).first for today in days)


def _counts_query(days: dict[date, list[int]]) -> QuerySet[Any, Any]:
    """Per client: the occurrences due in their window by how they went, overdue and the reasons
    for "not done", grouped by client."""
    windows = {today: _window(today) for today in days}
    in_window = _either(
        Q(
            client_id__in=pks,
            due_date__gte=windows[today].first,
            due_date__lte=today,
            available_from__lte=today,
        )
        for today, pks in days.items()
    )
    overdue = _either(
        Q(client_id__in=pks, due_date__gte=windows[today].overdue_from, due_date__lt=today)
        for today, pks in days.items()
    )
    # Due on the client's today, the day is not over: unlogged, it is still open, not "not logged".
    past = _either(Q(client_id__in=pks, due_date__lt=today) for today, pks in days.items())
    due_today = _either(Q(client_id__in=pks, due_date=today) for today, pks in days.items())
    not_logged = Q(log__isnull=True)
    statuses = {name: Count("pk", filter=Q(log__status=status)) for name, status in _COUNTED_STATUSES.items()}
    reasons = {
        f"reason_{i}": Count("pk", filter=Q(log__status=LogStatus.NOT_DONE, log__reason=reason))
        for i, reason in enumerate(_REASONS)
    }
    clients, first = _bounds(days)
    return (
        Occurrence.objects.filter(in_window, client_id__in=clients, due_date__gte=first)
        .exclude(assignment__status=AssignmentStatus.ARCHIVED)
        .values("client_id")
        .annotate(
            due=Count("pk", filter=past | Q(log__isnull=False)),
            **statuses,
            not_logged=Count("pk", filter=not_logged & past),
            still_open=Count("pk", filter=not_logged & due_today),
            overdue=Count("pk", filter=not_logged & overdue & Q(left_schedule_on__isnull=True)),
            **reasons,
        )
        .order_by()
    )


def _recent_query(days: dict[date, list[int]]) -> QuerySet[Log, tuple[int, str]]:
    """Per client: the statuses of the ``NOT_DONE_RUN`` most recent logs in their window.

    "Most recent" is by the occurrence's due date and slot, then the time logged; an occurrence
    due after today counts once it is logged.
    """
    in_window = _either(
        Q(
            occurrence__client_id__in=pks,
            occurrence__due_date__gte=_window(today).first,
            occurrence__available_from__lte=today,
        )
        for today, pks in days.items()
    )
    place = Window(
        RowNumber(),
        partition_by=[F("occurrence__client_id")],
        order_by=[F("occurrence__due_date").desc(), F("occurrence__slot").desc(), F("logged_at").desc()],
    )
    clients, first = _bounds(days)
    return (
        Log.objects.filter(
            in_window,
            client_id__in=clients,
            occurrence__client_id__in=clients,
            occurrence__due_date__gte=first,
        )
        .exclude(occurrence__assignment__status=AssignmentStatus.ARCHIVED)
        .annotate(place=place)
        .filter(place__lte=NOT_DONE_RUN)
        .values_list("occurrence__client_id", "status")
    )


def work_out_numbers(days: dict[date, list[int]]) -> dict[int, WindowNumbers]:
    """The window numbers of the clients in ``days`` (their ids by their local date): two queries.

    Clients' local dates span at most three values at any moment, so each statement has at most
    three conditions, whatever the number of clients.
    """
    if not days:
        return {}
    recent: dict[int, list[str]] = defaultdict(list)
    for pk, status in _recent_query(days):
        recent[pk].append(status)
    numbers = {}
    for row in _counts_query(days):
        reasons = Counter(
            {reason: count for i, reason in enumerate(_REASONS) if (count := row[f"reason_{i}"])}
        )
        runs = recent.get(row["client_id"], [])
        numbers[row["client_id"]] = WindowNumbers(
            counts=Adherence(**{name: row[name] for name in ADHERENCE_FIELDS}),
            overdue=row["overdue"],
            reasons=reasons,
            not_done_run=len(runs) == NOT_DONE_RUN and all(s == LogStatus.NOT_DONE for s in runs),
        )
    nothing = WindowNumbers(Adherence(0, 0, 0, 0, 0, 0, 0))
    for pks in days.values():
        for pk in pks:
            numbers.setdefault(pk, nothing)
    return numbers


@lru_cache(maxsize=1)
def numbers_formula() -> int:
    """The fingerprint of the way the numbers are worked out: the statements as Django writes them
    for this database, the constants they use and ``NUMBERS_VERSION``. Stored numbers with
    another fingerprint are not current, so a change of code can't leave them stale."""
    sample = {date(2000, 1, 1): [1]}
    statements = (
        str(_counts_query(sample).query),
        str(_recent_query(sample).query),
        str(_shown_query([1]).query),
        str(said_query([1], datetime(2000, 1, 1, tzinfo=UTC)).query),
    )
    constants = (
        NUMBERS_VERSION,
        REPEATS_VERSION,
        WINDOW_DAYS,
        OVERDUE_DAYS,
        NOT_DONE_RUN,
        _REASONS,
        NUDGE_WINDOW_DAYS,
        REPEATS,
    )
    return zlib.crc32(repr((statements, constants)).encode())


def is_current(
    *, as_of: date | None, changes: int | None, formula: int | None, today: date, now_changes: int
) -> bool:
    """Whether a stored row (its ``as_of``, ``changes`` and ``formula``; all None when there is none)
    may be shown for a client whose local date is ``today`` and whose homework rows and
    questionnaire responses have changed ``now_changes`` times. The view and the worker's sweep both
    ask this."""
    return as_of == today and changes == now_changes and formula == numbers_formula()


def change_count() -> Coalesce:
    """Each client's count of changes to their homework rows (``homework.models.ChangeCounter``)."""
    return Coalesce(
        Subquery(ChangeCounter.objects.filter(client_id=OuterRef("pk")).values("changes")[:1]), Value(0)
    )


# The stored row's counts, in ``Adherence``'s order, as ``_LIVE_SQL`` names them.
_COUNT_COLUMNS = tuple(f"n_{name}" for name in ADHERENCE_FIELDS)

# Every column of the stored row.
STORED_FIELDS = tuple(f"caseload_numbers__{f.name}" for f in CaseloadNumbers._meta.concrete_fields)
_STORED_COLUMNS: tuple[str, ...] = tuple(
    str(f.column) for f in CaseloadNumbers._meta.concrete_fields if not f.primary_key
)


@dataclass(frozen=True)
class StoredRepeat:
    """“Same reason twice” for one assignment (``homework.selectors.nudges.Repeat``), as the
    caseload stores and prints it: the assignment's id and title and which changes fit it."""

    assignment_id: int
    title: str
    reason: NotDoneReason
    count: int
    can_be_smaller: bool
    can_be_fewer: bool

    @classmethod
    def of(cls, repeat: Repeat) -> StoredRepeat:
        assignment = repeat.assignment
        return cls(
            assignment.pk,
            assignment.title,
            repeat.reason,
            repeat.count,
            repeat.can_be_smaller,
            repeat.can_be_fewer,
        )

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> StoredRepeat:
        return cls(
            int(value["assignment"]),
            str(value["title"]),
            NotDoneReason(value["reason"]),
            int(value["count"]),
            bool(value["smaller"]),
            bool(value["fewer"]),
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "assignment": self.assignment_id,
            "title": self.title,
            "reason": str(self.reason),
            "count": self.count,
            "smaller": self.can_be_smaller,
            "fewer": self.can_be_fewer,
        }


@dataclass(frozen=True)
class Shown:
    """What a client's row prints beside the window numbers, from their homework and
    questionnaires: stored with the numbers (``CaseloadNumbers``), so that a current row is read
    in the same statement as the clients' counts."""

    last_activity: datetime | None = None
    scores: tuple[LatestScore, ...] = ()
    item9: Item9 | None = None
    repeats: tuple[StoredRepeat, ...] = ()

    def stored_values(self) -> dict[str, Any]:
        """The ``CaseloadNumbers`` fields that hold these values."""
        return {
            "last_activity": self.last_activity,
            "scores": [
                {
                    "instrument": score.instrument,
                    "total": score.total,
                    "submitted_at": score.submitted_at.isoformat(),
                    "previous": score.previous,
                }
                for score in self.scores
            ],
            "item9_response_id": self.item9.response_id if self.item9 else None,
            "item9_at": self.item9.submitted_at if self.item9 else None,
            "item9_count": self.item9.count if self.item9 else 0,
            "repeats": [repeat.as_json() for repeat in self.repeats],
        }


def _json(value: Any) -> Any:
    """A JSON column read by raw SQL: text through a plain cursor, on either database."""
    return json.loads(value) if isinstance(value, str) else value


def _stored_shown(row: dict[str, Any]) -> Shown:
    """``Shown`` from a stored row's columns (``n_...``), as ``_LIVE_SQL`` reads them."""
    item9_at = stored_moment(row["n_item9_at"])
    item9_id = row["n_item9_response_id"]
    return Shown(
        last_activity=stored_moment(row["n_last_activity"]),
        scores=tuple(
            LatestScore(
                score["instrument"],
                int(score["total"]),
                datetime.fromisoformat(score["submitted_at"]),
                None if score["previous"] is None else int(score["previous"]),
            )
            for score in _json(row["n_scores"])
        ),
        item9=(
            Item9(int(item9_id), item9_at, int(row["n_item9_count"]))
            if item9_id is not None and item9_at is not None
            else None
        ),
        repeats=tuple(StoredRepeat.from_json(value) for value in _json(row["n_repeats"])),
    )


def _newest_first(responses: QuerySet[MeasureResponse]) -> QuerySet[MeasureResponse]:
    return responses.order_by("-submitted_at", "-pk")


def _latest(queryset: QuerySet[Any, Any], name: str, offset: int = 0) -> Subquery:
    """``name`` of the row at ``offset`` in ``queryset`` (already in order): NULL when there is none."""
    return Subquery(queryset.values(name)[offset : offset + 1])


def _standing(code: str) -> QuerySet[MeasureResponse]:
    """The client's standing responses to one questionnaire (a response a later one corrects is
    left out), newest first."""
    corrected = Exists(MeasureResponse.objects.filter(corrects_id=OuterRef("pk")))
    return _newest_first(
        MeasureResponse.objects.filter(~corrected, client_id=OuterRef("pk"), instrument=code)
    )


@lru_cache(maxsize=1)
def _shown_columns() -> tuple[tuple[str, Any], ...]:
    """What a row prints from the client's homework and questionnaires (``Shown``), one subquery
    each on the client (``OuterRef("pk")``), by name: the latest log, submitted worksheet and
    questionnaire response (the three moments the latest activity is the newest of), each
    questionnaire's latest and previous standing totals and when the latest was submitted, and the
    newest unreviewed item 9 answer and how many there are. Built once: ``annotate`` resolves a
    copy of each expression, so they are never changed."""
    client = OuterRef("pk")
    responses = MeasureResponse.objects.filter(client_id=client).order_by().values("client_id")
    item9 = MeasureResponse.objects.filter(
        client_id=client, item9_positive=True, item9_reviewed_at__isnull=True
    )
    columns: dict[str, Any] = {
        "last_log_at": _latest(Log.objects.filter(client_id=client).order_by("-updated_at"), "updated_at"),
        "last_entry_at": _latest(
            Entry.objects.filter(client_id=client, is_draft=False).order_by("-updated_at"), "updated_at"
        ),
        "last_response_at": Subquery(responses.annotate(at=Max("submitted_at")).values("at")),
    }
    for instrument in SCORE_INSTRUMENTS:
        standing = _standing(instrument.code)
        columns[f"{instrument.code}_latest"] = _latest(standing, "total")
        columns[f"{instrument.code}_latest_at"] = _latest(standing, "submitted_at")
        columns[f"{instrument.code}_previous"] = _latest(standing, "total", offset=1)
    count = item9.order_by().values("client_id").annotate(count=Count("pk")).values("count")
    columns |= {
        "item9_id": _latest(_newest_first(item9), "pk"),
        "item9_at": _latest(_newest_first(item9), "submitted_at"),
        "item9_count": Coalesce(Subquery(count), Value(0)),
    }
    return tuple(columns.items())


def _shown_query(client_ids: Sequence[int]) -> QuerySet[User, Any]:
    """``_shown_columns`` for these clients: one statement, a row each."""
    columns = dict(_shown_columns())
    return (
        User.objects.filter(pk__in=client_ids)
        .annotate(**columns)
        .order_by()
        .values_list("pk", *columns, named=True)
    )


def _worked_out_shown(row: Any, repeats: tuple[StoredRepeat, ...]) -> Shown:
    """``Shown`` from a row of ``_shown_query`` and the client's repeats."""
    moments = [moment for moment in (row.last_log_at, row.last_entry_at, row.last_response_at) if moment]
    scores = []
    for instrument in SCORE_INSTRUMENTS:
        code = instrument.code
        latest, at = getattr(row, f"{code}_latest"), getattr(row, f"{code}_latest_at")
        if latest is not None and at is not None:
            scores.append(LatestScore(code, latest, at, getattr(row, f"{code}_previous")))
    return Shown(
        last_activity=max(moments) if moments else None,
        scores=tuple(scores),
        item9=(
            Item9(row.item9_id, row.item9_at, row.item9_count)
            if row.item9_id is not None and row.item9_at is not None
            else None
        ),
        repeats=repeats,
    )


# What a caseload reads for each client besides their name, on every view: the count of changes to
# their homework rows and questionnaire responses, their next session with this therapist, the start
# of their care, and their stored row (with every value the row prints). ``{clients}`` is one row of
# parameters per client (the ids ``clients_of`` allowed); every value is a parameter and the rows are
# read by name. Raw SQL because the same
# statement through the ORM (six subquery annotations) cost 3.5-5 ms of CPU per view to build and
# compile, against 0.3 ms here (docs/performance.md).
_LIVE_SQL = """
WITH c (client_id) AS (VALUES {clients})
SELECT c.client_id,
    COALESCE(cc.changes, 0) AS changes,
    (SELECT s.id FROM sessions_app_therapysession s WHERE s.client_id = c.client_id
        AND s.therapist_id = %(therapist)s AND s.status = %(scheduled)s AND s.starts_at > %(now)s
        ORDER BY s.starts_at LIMIT 1) AS next_session_id,
    (SELECT s.starts_at FROM sessions_app_therapysession s WHERE s.client_id = c.client_id
        AND s.therapist_id = %(therapist)s AND s.status = %(scheduled)s AND s.starts_at > %(now)s
        ORDER BY s.starts_at LIMIT 1) AS next_session_at,
    (SELECT r.started_at FROM mallard_carerelationship r WHERE r.client_id = c.client_id
        AND r.therapist_id = %(therapist)s AND r.ended_at IS NULL LIMIT 1) AS care_started_at,
    n.client_id AS stored, {stored}
FROM c
LEFT JOIN homework_changecounter cc ON cc.client_id = c.client_id
LEFT JOIN sessions_app_caseloadnumbers n ON n.client_id = c.client_id
"""


@lru_cache(maxsize=64)
def _live_sql(count: int) -> str:
    """``_LIVE_SQL`` for ``count`` clients; only placeholders and fixed column names are put in."""
    return _LIVE_SQL.format(
        clients=", ".join(f"(%(c{i})s)" for i in range(count)),
        stored=", ".join(f"n.{column} AS n_{column}" for column in _STORED_COLUMNS),
    )


def work_out_shown(clients: Sequence[User], now: datetime) -> dict[int, Shown]:
    """What the rows of these clients print from their homework and questionnaires (``Shown``),
    worked out from their rows: two queries, three when some assignment's reason repeats."""
    if not clients:
        return {}
    repeats = _repeats(clients, now)
    return {
        row.pk: _worked_out_shown(row, repeats.get(row.pk, ()))
        for row in _shown_query([client.pk for client in clients])
    }


def _named_rows(sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of a raw statement, each a dict by column name."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def _repeats(clients: Sequence[User], now: datetime) -> dict[int, tuple[StoredRepeat, ...]]:
    return {
        pk: tuple(StoredRepeat.of(repeat) for repeat in repeats)
        for pk, repeats in repeats_for_clients(clients, now).items()
    }


@dataclass(frozen=True)
class _Live:
    """What ``_LIVE_SQL`` reads for one client: ``numbers`` and ``shown`` only when their stored
    row is current."""

    changes: int
    next_session: NextSession | None
    care_started_at: datetime | None
    numbers: WindowNumbers | None
    shown: Shown | None


def _live(therapist: User, todays: dict[int, date], now: datetime) -> dict[int, _Live]:
    """``_LIVE_SQL`` for these clients (their ids, and local dates to tell current rows): one query."""
    if not todays:
        return {}
    params: dict[str, Any] = {
        "therapist": therapist.pk,
        "scheduled": SessionStatus.SCHEDULED,
        "now": connection.ops.adapt_datetimefield_value(now),
        **{f"c{i}": pk for i, pk in enumerate(todays)},
    }
    live = {}
    for row in _named_rows(_live_sql(len(todays)), params):
        pk = row["client_id"]
        changes = int(row["changes"])
        current = row["stored"] is not None and is_current(
            as_of=stored_date(row["n_as_of"]),
            changes=row["n_changes"],
            formula=row["n_formula"],
            today=todays[pk],
            now_changes=changes,
        )
        session_at = stored_moment(row["next_session_at"])
        live[pk] = _Live(
            changes=changes,
            next_session=(
                NextSession(pk=row["next_session_id"], starts_at=session_at)
                if row["next_session_id"] is not None and session_at is not None
                else None
            ),
            care_started_at=stored_moment(row["care_started_at"]),
            numbers=WindowNumbers.from_columns(row) if current else None,
            shown=_stored_shown(row) if current else None,
        )
    return live


def _clients(therapist: User, query: str) -> list[User]:
    """The current clients matching ``query`` (one query)."""
    clients = clients_of(therapist).only("email", "display_name", "time_zone")
    if query:
        clients = clients.filter(_search(query))
    return list(clients)


def _client_rows(therapist: User, query: str, now: datetime) -> list[CaseloadRow]:
    """A row for each current client (matching ``query``), with their numbers and flags: two
    queries when every client's stored row is current; for the clients whose row is not, the row is
    worked out in four or five more (``work_out_numbers`` and ``work_out_shown``)."""
    clients = _clients(therapist, query)
    todays = {client.pk: local_today(client.time_zone, now) for client in clients}
    live = _live(therapist, todays, now)
    stale_clients = [client for client in clients if live[client.pk].numbers is None]
    stale: dict[date, list[int]] = defaultdict(list)
    for client in stale_clients:
        stale[todays[client.pk]].append(client.pk)
    numbers = work_out_numbers(stale)
    shown = work_out_shown(stale_clients, now)
    for pk, client_live in live.items():
        if client_live.numbers is not None and client_live.shown is not None:
            numbers[pk], shown[pk] = client_live.numbers, client_live.shown
    return [
        _client_row(client, live[client.pk], numbers[client.pk], shown[client.pk], now) for client in clients
    ]


def _client_row(
    client: User, live: _Live, numbers: WindowNumbers, shown: Shown, now: datetime
) -> CaseloadRow:
    row = CaseloadRow(
        name=client.display_name or client.email,
        email=client.email,
        client=client,
        adherence=AdherenceView(numbers.counts),
        overdue=numbers.overdue,
        last_activity=shown.last_activity,
        next_session=live.next_session,
        care_started_at=live.care_started_at,
        reasons=numbers.reasons,
        not_done_run=numbers.not_done_run,
        scores=shown.scores,
        item9=shown.item9,
    )
    # The row's own list, filled once here: the flags its values call for, then its repeats.
    row.flags.extend(_flags(row, now))
    row.flags.extend(_repeat_flags(shown.repeats))
    return row


def _flags(row: CaseloadRow, now: datetime) -> list[Flag]:
    if row.invitation is not None:
        if row.invitation.status == InvitationStatus.EXPIRED:
            detail = "The link has expired: resend it from Invitations."
            return [Flag("invitation", "Invitation pending", detail)]
        return [Flag("invitation", "Invitation pending", "Invited but not signed up yet.")]
    flags = []
    if row.item9 is not None:
        # The date is printed in the table (``table_rows``), in the viewer's time zone.
        earlier = row.item9.count - 1
        detail = f"Also on {earlier} earlier questionnaire{'s' if earlier > 1 else ''}." if earlier else ""
        flags.append(Flag("item9", ITEM9_LABEL, detail))
    since = row.last_activity or row.care_started_at
    if since is not None and now - since >= timedelta(days=QUIET_DAYS):
        detail = "No homework logged or submitted, and no questionnaire answered, in the last 7 days."
        if row.last_activity is None:
            detail = "No homework logged or submitted, and no questionnaire answered, since joining."
        flags.append(Flag("quiet", f"No activity for {QUIET_DAYS} days", detail))
    if row.not_done_run:
        detail = "The three most recent logs say not done."
        flags.append(Flag("not_done_run", "Three or more “not done” in a row", detail))
    reasons = row.reasons
    if reasons:
        reason, count = max(reasons.items(), key=lambda item: (item[1], -_REASONS.index(item[0])))
        total = sum(reasons.values())
        flags.append(
            Flag(
                "reason",
                f"Most often not done because: {NotDoneReason(reason).label}",
                f"{count} of {total} “not done” in the last {WINDOW_DAYS} days.",
            )
        )
    return flags


def _repeat_flags(repeats: Iterable[StoredRepeat]) -> list[Flag]:
    """“Start small when it's hard”: one flag per assignment with a reason said twice in 14 days.
    Nothing changes until the therapist clicks one of the flag's changes."""
    return [
        Flag(
            "repeat",
            f"Same reason twice: {repeat.reason.label}",
            f"“{repeat.title}”, {repeat.count} times in the last 14 days.",
            repeat,
        )
        for repeat in repeats
    ]


def _flag_cells(flag: Flag, adjust_url: Callable[[int], str], edit_url: Callable[[int], str]) -> FlagCells:
    cells: FlagCells = {
        "key": flag.key,
        "label": flag.label,
        "detail": flag.detail,
        "adjust_url": "",
        "changes": [],
        "edit_url": "",
        "date": "",
        "date_label": "",
        "review_url": "",
        "answers_url": "",
    }
    if (repeat := flag.repeat) is not None:
        pk = repeat.assignment_id
        cells["adjust_url"] = adjust_url(pk)
        cells["edit_url"] = edit_url(pk) + "#id_preferred_time"
        if repeat.can_be_smaller:
            cells["changes"].append(("smaller", "Make it smaller"))
        if repeat.can_be_fewer:
            cells["changes"].append(("fewer", "Fewer times a week"))
    return cells


# --- The caseload table, ready to print ----------------------------------------------------------------


class _DateText:
    """Formats moments in one time zone exactly as the ``date`` filter does, names in the active language."""

    def __init__(self, zone: tzinfo) -> None:
        self.zone = zone
        self.days = [str(WEEKDAYS_ABBR[day]) for day in range(7)]
        self.months = [""] + [str(MONTHS_3[month]).title() for month in range(1, 13)]

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def with_year(self, local: datetime) -> str:
        """``date:"D j M Y, H:i"``, for example “Tue 3 Mar 2026, 09:05”."""
        return (
            f"{self.days[local.weekday()]} {local.day} {self.months[local.month]} {local.year:04d}, "
            f"{local.hour:02d}:{local.minute:02d}"
        )

    def day(self, local: datetime) -> str:
        """``date:"D j M"``, for example “Tue 3 Mar”."""
        return f"{self.days[local.weekday()]} {local.day} {self.months[local.month]}"

    def without_year(self, local: datetime) -> str:
        """``date:"D j M, H:i"``."""
        day = f"{self.days[local.weekday()]} {local.day} {self.months[local.month]}"
        return f"{day}, {local.hour:02d}:{local.minute:02d}"


# ``timesince`` counts whole minutes up to four weeks: below that it needs no calendar, and its
# words depend only on the number of minutes and the language (see ``time_ago``).
_CALENDAR_FREE = timedelta(days=28)


@lru_cache(maxsize=4096)
def _minutes_ago(minutes: int, language: str | None) -> str:
    """``timesince`` of ``minutes`` whole minutes in ``language`` (the cache's key; the active one)."""
    anchor = datetime(2000, 1, 1, tzinfo=UTC)
    return timesince(anchor - timedelta(minutes=minutes), anchor)


def time_ago(moment: datetime, now: datetime, language: str | None = None) -> str:
    """Exactly ``timesince(moment, now)``, the same few words worked out once per process.

    A caseload shows many similar durations ("3 days, 2 hours"), and ``timesince`` translates
    each unit again on every call; up to four weeks the answer is remembered by whole minutes.
    ``language`` is the active one, which a caller printing many rows looks up once.
    """
    delta = now - moment
    if timedelta(0) <= delta < _CALENDAR_FREE:
        return _minutes_ago(int(delta.total_seconds()) // 60, language or get_language())
    return timesince(moment, now)


def _score_cells(score: LatestScore, dates: _DateText, zone: tzinfo) -> ScoreCells:
    """``zone`` is the client's: a questionnaire's day is the day on their calendar, as the
    overview and the pre-session summary show it."""
    difference = score.difference
    if difference is None:
        direction, words = "", "first response"
    elif difference == 0:
        direction, words = "same", "no change"
    else:
        direction = "up" if difference > 0 else "down"
        words = f"{direction} {abs(difference)} from {score.previous}"
    local = score.submitted_at.astimezone(zone)
    return {
        "name": SCORE_NAMES[score.instrument],
        "total": score.total,
        "band": score.band_label.lower(),
        "direction": direction,
        "direction_text": words,
        "date": local.isoformat(timespec="seconds"),
        "date_label": dates.day(local),
    }


@lru_cache(maxsize=4096)
def bar_markup(adherence: Adherence) -> Markup:
    """The bar and words for ``adherence`` as the one ``adherence_bar.html`` macro writes them,
    rendered once per process for each set of counts (a caseload's bars rarely change between
    views; the macro's call and escaping were a third of printing the rows)."""
    template = engines["jinja2"].env.get_template("sessions_app/adherence_bar.html")  # type: ignore[attr-defined]
    markup: Markup = template.module.adherence_bar(bar_cells(adherence))  # the macro's own Markup
    return markup


def table_rows(rows: list[CaseloadRow], *, now: datetime, zone: tzinfo) -> list[TableRow]:
    """Each row's cells as plain values, worked out once here instead of by template filters.

    Dates are in ``zone`` (the viewer's), “x ago” is measured from ``now``, and URLs are reversed
    once per page.
    """
    overview_url = url_maker("sessions-client-overview")
    adjust_url = url_maker("homework-assignment-adjust")
    edit_url = url_maker("homework-assignment-edit")
    summary_url = url_maker("sessions-summary")
    dates = _DateText(zone)
    language = get_language()
    table = []
    for row in rows:
        is_client = row.client is not None
        client_zone = _zone(row.client.time_zone) if row.client is not None else zone
        cells: TableRow = {
            "name": row.name,
            "email": row.email,
            "is_client": is_client,
            "url": overview_url(row.client.pk) if row.client is not None else "",
            "adherence": bar_cells(row.adherence.counts) if row.adherence is not None else None,
            "bar": bar_markup(row.adherence.counts) if row.adherence is not None else "",
            "overdue": row.overdue if is_client else None,
            "flags": [_flag_cells(f, adjust_url, edit_url) for f in row.flags],
            "last_activity": "",
            "last_activity_ago": "",
            "last_activity_label": "",
            "next_session": "",
            "next_session_label": "",
            "summary_url": "",
            "scores": [_score_cells(score, dates, client_zone) for score in row.scores],
        }
        if row.item9 is not None and row.client is not None:
            local = row.item9.submitted_at.astimezone(client_zone)  # the client's day, as on the overview
            for flag in cells["flags"]:
                if flag["key"] == "item9":
                    flag["date"] = local.isoformat(timespec="seconds")
                    flag["date_label"] = dates.day(local)
                    flag["review_url"] = reverse(
                        "sessions-item9-reviewed", args=[row.client.pk, row.item9.response_id]
                    )
                    flag["answers_url"] = reverse(
                        "measures-response", args=[row.client.pk, row.item9.response_id]
                    )
        if row.last_activity is not None:
            local = dates.local(row.last_activity)
            cells["last_activity"] = local.isoformat(timespec="seconds")
            cells["last_activity_ago"] = ago(row.last_activity, now, partial(time_ago, language=language))
            cells["last_activity_label"] = dates.with_year(local)
        if row.next_session is not None:
            local = dates.local(row.next_session.starts_at)
            cells["next_session"] = local.isoformat(timespec="seconds")
            cells["next_session_label"] = dates.without_year(local)
            cells["summary_url"] = summary_url(row.next_session.pk)
        table.append(cells)
    return table
