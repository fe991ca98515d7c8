"""Reads for the therapist's caseload dashboard and a client's overview.

The caseload costs a fixed number of queries whatever the number of clients or
entries: one for the clients (``clients_of``), one that reads each client's next
session, start of care and stored numbers (``_LIVE_SQL``), and one for open
invitations. The numbers (the counts, overdue, reasons for "not done", the most
recent logs over each client's window, and the latest activity) are worked out in
the database (``_NUMBERS_SQL``) only for clients whose stored ones are not current,
and stored again (``CaseloadNumbers``): two more queries on a view that has any.
They are current while the client's local date, the count of changes to their
homework rows (``homework.models.ChangeCounter``, kept by database triggers) and
the statement itself are unchanged. Only the window is read, never the whole
history, and only a row per client comes back.

Definitions, also shown on the page:

- The window is the last 14 days, on each client's own local dates, today included.
- Done counts "done", "the smaller version" and "partly"; an occurrence due in the
  window and never logged is "not logged" (Mallard doesn't guess).
- Overdue: occurrences due in the 7 days before the client's today and not logged.
- Occurrences of archived assignments are left out.
- Flags: no log or submitted worksheet for 7 days (or since care began, for a new
  client); the three most recent logs in the window all "not done"; the reason
  given most often for "not done" in the window (ties go to the first reason in
  ``NotDoneReason``); and "Invitation pending" for people invited but not joined.
"""

from __future__ import annotations

import json
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache
from html import escape
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR
from django.utils.safestring import SafeString
from django.utils.timesince import timesince
from django.utils.translation import get_language

from homework.models import (
    AssignmentStatus,
    BehavioralExperiment,
    Entry,
    Goal,
    Log,
    LogStatus,
    NotDoneReason,
    SkillPractice,
    ThoughtRecord,
)
from homework.selectors.therapist import (
    ADHERENCE_FIELDS,
    STATUS_ORDER,
    Adherence,
    assignments_with_adherence,
)
from homework.selectors.tracker import goal_charts
from homework.services import client_today
from mallard.access import clients_of, open_invitations_of
from mallard.lib.sql import stored_moment
from mallard.links import url_maker
from mallard.models import Invitation, InvitationStatus, User
from sessions_app import charts
from sessions_app.models import CaseloadNumbers, SessionStatus, TherapySession

WINDOW_DAYS = 14
OVERDUE_DAYS = 7
QUIET_DAYS = 7
NOT_DONE_RUN = 3

# --- Adherence in words and as a bar -----------------------------------------------------------------

BAR_PARTS = (
    ("done", "Done"),
    ("smaller", "Smaller version"),
    ("partly", "Partly"),
    ("not_done", "Not done"),
    ("not_logged", "Not logged"),
)

STATUS_FIELD: dict[str | None, str] = {
    LogStatus.DONE: "done",
    LogStatus.SMALLER: "smaller",
    LogStatus.PARTLY: "partly",
    LogStatus.NOT_DONE: "not_done",
    None: "not_logged",
}


def completed(adherence: Adherence) -> int:
    return adherence.done + adherence.smaller + adherence.partly


def adherence_rate(adherence: Adherence) -> float | None:
    return completed(adherence) / adherence.due if adherence.due else None


def adherence_text(adherence: Adherence) -> str:
    """For example “9 of 14 done (2 smaller versions, 1 partly), 3 not done, 2 not logged”."""
    if not adherence.due:
        return "Nothing due"
    text = f"{completed(adherence)} of {adherence.due} done"
    extras = []
    if adherence.smaller:
        extras.append(f"{adherence.smaller} smaller version{'s' if adherence.smaller > 1 else ''}")
    if adherence.partly:
        extras.append(f"{adherence.partly} partly")
    if extras:
        text += f" ({', '.join(extras)})"
    if adherence.not_done:
        text += f", {adherence.not_done} not done"
    if adherence.not_logged:
        text += f", {adherence.not_logged} not logged"
    return text


def adherence_bar(adherence: Adherence) -> charts.StackedBar:
    return charts.stacked_bar([(key, label, getattr(adherence, key)) for key, label in BAR_PARTS])


@dataclass(frozen=True)
class AdherenceView:
    """An ``Adherence`` with what the templates show: words and a bar."""

    counts: Adherence

    @property
    def text(self) -> str:
        return adherence_text(self.counts)

    @property
    def bar(self) -> charts.StackedBar:
        return adherence_bar(self.counts)

    @property
    def rate(self) -> float | None:
        return adherence_rate(self.counts)


def annotated_adherence(assignment: Any) -> AdherenceView:
    """The counts ``homework.selectors.therapist.assignments_with_adherence`` annotates, as a view."""
    return AdherenceView(
        Adherence(**{name: getattr(assignment, f"{name}_count") for name in ADHERENCE_FIELDS})
    )


# --- The caseload -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    key: str
    label: str
    detail: str = ""


@dataclass(frozen=True)
class NextSession:
    """The next booked session, as the caseload shows it: when, and a link to its summary."""

    pk: int
    starts_at: datetime


@dataclass
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

    @property
    def is_invitation(self) -> bool:
        return self.invitation is not None


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
    # ``rows`` as the table shows them, one dict of ready-made strings per row (see ``table_rows``).
    table: list[dict[str, Any]] = field(default_factory=list)

    @property
    def table_markup(self) -> SafeString:
        """The table's rows, as ``row_markup`` writes them."""
        rows = "".join(row_markup(cells) for cells in self.table)
        return SafeString(rows)  # nosec B703  # each row escaped by row_markup

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
            return len(row.flags)
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
    rows += [_invitation_row(invitation) for invitation in _invitations(therapist, query)]
    for row in rows:
        row.flags = _flags(row, now)
    rows = sort_rows(rows, sort, direction)
    return Caseload(
        rows=rows,
        query=query,
        sort=sort,
        direction=direction,
        columns=_links(query, sort, direction),
        table=table_rows(rows, now=now, zone=timezone.get_current_timezone()),
    )


def _client_rows(therapist: User, query: str, now: datetime) -> list[CaseloadRow]:
    """A row for each current client (matching ``query``), with their numbers: two queries."""
    clients = clients_of(therapist).only("email", "display_name", "time_zone")
    if query:
        clients = clients.filter(_search(query))
    windows = {client.pk: (client, _window(client, now)) for client in clients}
    numbers = _client_numbers(therapist, {pk: window for pk, (_, window) in windows.items()}, now)
    return [_client_row(client, numbers[pk]) for pk, (client, _) in windows.items()]


def _invitations(therapist: User, query: str) -> Iterable[Invitation]:
    invitations = open_invitations_of(therapist)
    if query:
        invitations = invitations.filter(Q(name__icontains=query) | Q(email__icontains=query))
    return invitations


def _invitation_row(invitation: Invitation) -> CaseloadRow:
    name = invitation.name or invitation.email
    return CaseloadRow(name=name, email=invitation.email, invitation=invitation)


@dataclass(frozen=True)
class _Window:
    """A client's window on their own calendar: ``first`` to ``today``, overdue from ``overdue_from``."""

    first: date
    today: date
    overdue_from: date


def _window(client: User, now: datetime) -> _Window:
    today = now.astimezone(_zone(client.time_zone)).date()
    return _Window(
        first=today - timedelta(days=WINDOW_DAYS - 1),
        today=today,
        overdue_from=today - timedelta(days=OVERDUE_DAYS),
    )


@dataclass
class _Numbers:
    """What ``_client_numbers`` reads for one client."""

    last_log_at: datetime | None = None
    last_entry_at: datetime | None = None
    next_session_id: int | None = None
    next_session_at: datetime | None = None
    care_started_at: datetime | None = None
    counts: dict[str, int] = field(default_factory=dict)
    overdue: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    not_done_run: bool = False
    changes: int = 0  # the client's ChangeCounter when the window's numbers were worked out


# Each client's numbers in one statement, whatever the number of clients: the latest activity and
# the count of changes are index lookups per client (the count read in the same snapshot as the
# rows, so that a change committed meanwhile leaves the stored numbers stale, not wrong); the
# window's counts, overdue and reasons one aggregate over each client's window; the three most
# recent logs a ranked read from the window's start. ``{windows}`` is one row of parameters per
# client and ``{clients}`` their ids; the occurrences are read through the (client, due date) index
# from the earliest window's start, as each client's own window is applied after the join.
# Occurrences not open yet are left out before looking for their logs: one can only be logged once
# open (``homework.services``). Every value is a parameter.
_NUMBERS_SQL = """
WITH w (client_id, first_day, today, overdue_from) AS (VALUES {windows}),
base AS (
    SELECT o.client_id, o.due_date, o.slot, w.today, w.overdue_from,
        l.id AS log_id, l.status, l.reason, l.logged_at
    FROM homework_occurrence o
    JOIN w ON w.client_id = o.client_id
    LEFT JOIN homework_log l ON l.occurrence_id = o.id
    WHERE o.client_id IN ({clients}) AND o.due_date >= %(first)s
        AND o.due_date >= w.first_day AND o.available_from <= w.today
        AND (o.due_date <= w.today OR l.id IS NOT NULL)
        AND o.assignment_id NOT IN (
            SELECT a.id FROM homework_assignment a
            WHERE a.client_id IN ({clients}) AND a.status = %(archived)s
        )
),
counted AS (
    SELECT client_id,
        COUNT(*) AS due,
        {status_sums},
        SUM(CASE WHEN log_id IS NULL THEN 1 ELSE 0 END) AS not_logged,
        SUM(CASE WHEN log_id IS NULL AND due_date >= overdue_from AND due_date < today
            THEN 1 ELSE 0 END) AS overdue,
        {reason_sums}
    FROM base WHERE due_date <= today
    GROUP BY client_id
),
recent AS (
    SELECT client_id, COUNT(*) AS logs,
        SUM(CASE WHEN status = %(not_done)s THEN 1 ELSE 0 END) AS not_done
    FROM (
        SELECT client_id, status, ROW_NUMBER() OVER (
            PARTITION BY client_id ORDER BY due_date DESC, slot DESC, logged_at DESC
        ) AS place
        FROM base WHERE log_id IS NOT NULL
    ) ranked
    WHERE place <= %(run)s
    GROUP BY client_id
)
SELECT w.client_id,
    (SELECT l.updated_at FROM homework_log l WHERE l.client_id = w.client_id
        ORDER BY l.updated_at DESC LIMIT 1) AS last_log_at,
    (SELECT e.updated_at FROM homework_entry e WHERE e.client_id = w.client_id AND NOT e.is_draft
        ORDER BY e.updated_at DESC LIMIT 1) AS last_entry_at,
    COALESCE((SELECT cc.changes FROM homework_changecounter cc WHERE cc.client_id = w.client_id), 0),
    counted.due, {status_columns}, counted.not_logged, counted.overdue, {reason_columns},
    recent.logs, recent.not_done
FROM w
LEFT JOIN counted ON counted.client_id = w.client_id
LEFT JOIN recent ON recent.client_id = w.client_id
"""
# The reasons for "not done", in ``NotDoneReason``'s order (ties between reasons go to the first).
_REASONS = tuple(NotDoneReason.values)
# The statuses counted in the window, by ``Adherence`` field.
_COUNTED_STATUSES = {name: status for status, name in STATUS_FIELD.items() if status is not None}


@lru_cache(maxsize=64)
def _numbers_sql(count: int) -> str:
    """``_NUMBERS_SQL`` for ``count`` clients; only placeholders and fixed names are put in."""
    return _NUMBERS_SQL.format(
        windows=", ".join(f"(%(c{i})s, %(first{i})s, %(today{i})s, %(overdue{i})s)" for i in range(count)),
        clients=", ".join(f"%(c{i})s" for i in range(count)),
        status_sums=", ".join(
            f"SUM(CASE WHEN status = %({name})s THEN 1 ELSE 0 END) AS {name}" for name in _COUNTED_STATUSES
        ),
        reason_sums=", ".join(
            f"SUM(CASE WHEN status = %(not_done)s AND reason = %(reason_{i})s THEN 1 ELSE 0 END)"
            f" AS reason_{i}"
            for i in range(len(_REASONS))
        ),
        status_columns=", ".join(f"counted.{name}" for name in _COUNTED_STATUSES),
        reason_columns=", ".join(f"counted.reason_{i}" for i in range(len(_REASONS))),
    )


# What a caseload reads on every view, for each client: the next session and the start of care
# (which change with the time and the therapist), and the stored numbers with whether they are
# current (``CaseloadNumbers``). ``{windows}`` is one row of parameters per client.
_LIVE_SQL = """
WITH w (client_id, today) AS (VALUES {windows})
SELECT w.client_id,
    (SELECT s.id FROM sessions_app_therapysession s WHERE s.client_id = w.client_id
        AND s.therapist_id = %(therapist)s AND s.status = %(scheduled)s AND s.starts_at > %(now)s
        ORDER BY s.starts_at LIMIT 1),
    (SELECT s.starts_at FROM sessions_app_therapysession s WHERE s.client_id = w.client_id
        AND s.therapist_id = %(therapist)s AND s.status = %(scheduled)s AND s.starts_at > %(now)s
        ORDER BY s.starts_at LIMIT 1),
    (SELECT c.started_at FROM mallard_carerelationship c WHERE c.client_id = w.client_id
        AND c.therapist_id = %(therapist)s AND c.ended_at IS NULL LIMIT 1),
    CASE WHEN n.as_of = w.today AND n.formula = %(formula)s AND n.changes = COALESCE(
        (SELECT cc.changes FROM homework_changecounter cc WHERE cc.client_id = w.client_id), 0)
        THEN 1 ELSE 0 END,
    {counts}, n.overdue, n.reasons, n.not_done_run, n.last_log_at, n.last_entry_at
FROM w
LEFT JOIN sessions_app_caseloadnumbers n ON n.client_id = w.client_id
"""


@lru_cache(maxsize=64)
def _live_sql(count: int) -> str:
    """``_LIVE_SQL`` for ``count`` clients; only placeholders and fixed names are put in."""
    return _LIVE_SQL.format(
        windows=", ".join(f"(%(c{i})s, %(today{i})s)" for i in range(count)),
        counts=", ".join(f"n.{name}" for name in ADHERENCE_FIELDS),
    )


# The way the numbers are worked out: stored numbers from another version of the statement or of
# its constants are not current.
_FORMULA = zlib.crc32(
    repr((_NUMBERS_SQL, WINDOW_DAYS, OVERDUE_DAYS, NOT_DONE_RUN, _REASONS, _COUNTED_STATUSES)).encode()
)


def _client_numbers(therapist: User, windows: dict[int, _Window], now: datetime) -> dict[int, _Numbers]:
    """Each client's latest activity, next session, start of care and window numbers.

    One query when every client's stored numbers are current; otherwise two more, to work out
    the others' (``_window_numbers``) and store them (``_store``).
    """
    if not windows:
        return {}
    params: dict[str, Any] = {
        "therapist": therapist.pk,
        "scheduled": SessionStatus.SCHEDULED,
        "now": connection.ops.adapt_datetimefield_value(now),
        "formula": _FORMULA,
    }
    for i, (pk, window) in enumerate(windows.items()):
        params[f"c{i}"] = pk
        params[f"today{i}"] = window.today
    numbers: dict[int, _Numbers] = {}
    live: dict[int, tuple[int | None, datetime | None, datetime | None]] = {}
    with connection.cursor() as cursor:
        cursor.execute(_live_sql(len(windows)), params)
        for pk, session_id, session_at, care_started, current, *stored in cursor.fetchall():
            live[pk] = (session_id, stored_moment(session_at), stored_moment(care_started))
            if current:
                numbers[pk] = _stored_numbers(stored)
    stale = {pk: window for pk, window in windows.items() if pk not in numbers}
    if stale:
        worked_out = _window_numbers(stale)
        _store(worked_out, stale)
        numbers.update(worked_out)
    for pk, row in numbers.items():
        row.next_session_id, row.next_session_at, row.care_started_at = live[pk]
    return numbers


def _stored_numbers(stored: list[Any]) -> _Numbers:
    """A current ``CaseloadNumbers`` row, from ``_LIVE_SQL``'s columns after the flag."""
    counts = stored[: len(ADHERENCE_FIELDS)]
    overdue, reasons, run, last_log, last_entry = stored[len(ADHERENCE_FIELDS) :]
    if isinstance(reasons, str):  # the JSON column comes back as text through a plain cursor
        reasons = json.loads(reasons)
    return _Numbers(
        last_log_at=stored_moment(last_log),
        last_entry_at=stored_moment(last_entry),
        counts=dict(zip(ADHERENCE_FIELDS, counts, strict=True)),
        overdue=overdue,
        reasons=Counter({reason: int(count) for reason, count in reasons.items() if count}),
        not_done_run=bool(run),
    )


def _window_numbers(windows: dict[int, _Window]) -> dict[int, _Numbers]:
    """``_NUMBERS_SQL`` for these clients: their window numbers, latest activity and change count."""
    params: dict[str, Any] = {
        "archived": AssignmentStatus.ARCHIVED,
        "not_done": LogStatus.NOT_DONE,
        "run": NOT_DONE_RUN,
        **_COUNTED_STATUSES,
        **{f"reason_{i}": reason for i, reason in enumerate(_REASONS)},
    }
    params["first"] = min(window.first for window in windows.values())
    for i, (pk, window) in enumerate(windows.items()):
        params.update(
            {
                f"c{i}": pk,
                f"first{i}": window.first,
                f"today{i}": window.today,
                f"overdue{i}": window.overdue_from,
            }
        )
    numbers = {}
    with connection.cursor() as cursor:
        cursor.execute(_numbers_sql(len(windows)), params)
        for row in cursor.fetchall():
            numbers[row[0]] = _read_numbers(row)
    return numbers


def _store(numbers: dict[int, _Numbers], windows: dict[int, _Window]) -> None:
    """Keep freshly worked-out numbers, with the date and change count they are current for."""
    rows = [
        CaseloadNumbers(
            client_id=pk,
            as_of=windows[pk].today,
            changes=row.changes,
            formula=_FORMULA,
            **row.counts,
            overdue=row.overdue,
            reasons=dict(row.reasons),
            not_done_run=row.not_done_run,
            last_log_at=row.last_log_at,
            last_entry_at=row.last_entry_at,
        )
        for pk, row in numbers.items()
    ]
    CaseloadNumbers.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["client"],
        update_fields=[f.name for f in CaseloadNumbers._meta.concrete_fields if not f.primary_key],
    )


def _read_numbers(row: tuple[Any, ...]) -> _Numbers:
    """One row of ``_NUMBERS_SQL``, in the column order of its SELECT."""
    statuses = len(_COUNTED_STATUSES)
    reasons = len(_REASONS)
    _, last_log, last_entry, changes, due, *rest = row
    counts = dict(zip(_COUNTED_STATUSES, rest[:statuses], strict=True))
    not_logged, overdue = rest[statuses : statuses + 2]
    reason_counts = rest[statuses + 2 : statuses + 2 + reasons]
    recent_logs, recent_not_done = rest[statuses + 2 + reasons :]
    return _Numbers(
        last_log_at=stored_moment(last_log),
        last_entry_at=stored_moment(last_entry),
        counts={"due": due or 0, **{k: v or 0 for k, v in counts.items()}, "not_logged": not_logged or 0},
        overdue=overdue or 0,
        reasons=Counter(
            {reason: count for reason, count in zip(_REASONS, reason_counts, strict=True) if count}
        ),
        not_done_run=recent_logs == NOT_DONE_RUN and recent_not_done == NOT_DONE_RUN,
        changes=int(changes),
    )


def _client_row(client: User, numbers: _Numbers) -> CaseloadRow:
    moments = [m for m in (numbers.last_log_at, numbers.last_entry_at) if m is not None]
    session = None
    if numbers.next_session_id is not None and numbers.next_session_at is not None:
        session = NextSession(pk=numbers.next_session_id, starts_at=numbers.next_session_at)
    return CaseloadRow(
        name=client.display_name or client.email,
        email=client.email,
        client=client,
        adherence=AdherenceView(Adherence(**numbers.counts)),
        overdue=numbers.overdue,
        last_activity=max(moments) if moments else None,
        next_session=session,
        care_started_at=numbers.care_started_at,
        reasons=numbers.reasons,
        not_done_run=numbers.not_done_run,
    )


@lru_cache(maxsize=512)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _flags(row: CaseloadRow, now: datetime) -> list[Flag]:
    if row.invitation is not None:
        if row.invitation.status == InvitationStatus.EXPIRED:
            detail = "The link has expired: resend it from Invitations."
            return [Flag("invitation", "Invitation pending", detail)]
        return [Flag("invitation", "Invitation pending", "Invited but not signed up yet.")]
    flags = []
    since = row.last_activity or row.care_started_at
    if since is not None and now - since >= timedelta(days=QUIET_DAYS):
        detail = "Nothing logged or submitted in the last 7 days."
        if row.last_activity is None:
            detail = "Nothing logged or submitted since joining."
        flags.append(Flag("quiet", f"No activity for {QUIET_DAYS} days", detail))
    if row.not_done_run:
        detail = "The three most recent logs say not done."
        flags.append(Flag("not_done_run", "Three or more 'not done' in a row", detail))
    reasons = row.reasons
    if reasons:
        reason, count = max(reasons.items(), key=lambda item: (item[1], -_REASONS.index(item[0])))
        total = sum(reasons.values())
        flags.append(
            Flag(
                "reason",
                f"Most often not done because: {NotDoneReason(reason).label}",
                f"{count} of {total} 'not done' in the last {WINDOW_DAYS} days.",
            )
        )
    return flags


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

    def without_year(self, local: datetime) -> str:
        """``date:"D j M, H:i"``."""
        day = f"{self.days[local.weekday()]} {local.day} {self.months[local.month]}"
        return f"{day}, {local.hour:02d}:{local.minute:02d}"


def _bar_markup(bar: charts.StackedBar) -> SafeString:
    """The adherence bar's segments, as ``charts.html#adherence-bar`` draws them.

    Nothing here needs escaping: each key is one of ``BAR_PARTS``' and ``x`` and ``width`` are
    numbers ``charts`` formatted, so the markup is joined directly.
    """
    rects = (
        f'<rect class="bar-{part.key}" x="{part.x}" y="0" width="{part.width}" height="8"></rect>'
        for part in bar.segments
    )
    return SafeString("".join(rects))  # nosec B703  # fixed keys and formatted numbers only


@lru_cache(maxsize=4096)
def _adherence_cells(counts: Adherence) -> tuple[str, SafeString | str]:
    """The adherence words and bar for ``counts``: a caseload has many rows with the same
    counts, and each page shows them again, so each is worked out once per process."""
    return adherence_text(counts), _bar_markup(adherence_bar(counts)) if counts.due else ""


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


def table_rows(rows: list[CaseloadRow], *, now: datetime, zone: tzinfo) -> list[dict[str, Any]]:
    """Each row's cells as plain values, worked out once here instead of by template filters.

    Dates are in ``zone`` (the viewer's), “x ago” is measured from ``now``, and URLs are reversed
    once per page. The rows are dicts so that every template lookup is a plain key lookup.
    """
    overview_url = url_maker("sessions-client-overview")
    summary_url = url_maker("sessions-summary")
    dates = _DateText(zone)
    language = get_language()
    table = []
    for row in rows:
        is_client = row.client is not None
        cells: dict[str, Any] = {
            "name": row.name,
            "email": row.email,
            "is_client": is_client,
            "url": overview_url(row.client.pk) if row.client is not None else "",
            "has_adherence": row.adherence is not None,
            "adherence_text": "",
            "bar": "",
            "last_activity": "",
            "last_activity_ago": "",
            "last_activity_label": "",
            "next_session": "",
            "next_session_label": "",
            "summary_url": "",
            "overdue": ("None" if not row.overdue else f"{row.overdue} overdue") if is_client else "—",
            "flags": [{"key": f.key, "label": f.label, "detail": f.detail} for f in row.flags],
        }
        if row.adherence is not None:
            cells["adherence_text"], cells["bar"] = _adherence_cells(row.adherence.counts)
        if row.last_activity is not None:
            local = dates.local(row.last_activity)
            cells["last_activity"] = local.isoformat()
            cells["last_activity_ago"] = time_ago(row.last_activity, now, language)
            cells["last_activity_label"] = dates.with_year(local)
        if row.next_session is not None:
            local = dates.local(row.next_session.starts_at)
            cells["next_session"] = local.isoformat()
            cells["next_session_label"] = dates.without_year(local)
            cells["summary_url"] = summary_url(row.next_session.pk)
        table.append(cells)
    return table


def _flag_items(flags: list[dict[str, str]]) -> str:
    return "".join(_flag_item(flag["key"], flag["label"], flag["detail"]) for flag in flags)


@lru_cache(maxsize=1024)
def _flag_item(key: str, label: str, detail: str) -> str:
    """A flag's list item; a caseload shows the same few flags on many rows."""
    head = f'<span class="fw-semibold">{escape(label)}</span>'
    more = f'<span class="d-block small text-body-secondary">{escape(detail)}</span>' if detail else ""
    return f'<li class="flag flag-{escape(key)}">{head}{more}</li>'


def row_markup(cells: dict[str, Any]) -> SafeString:
    """One ``table_rows`` row as the caseload table's ``<tr>``, every value escaped.

    A caseload prints 60 rows or more, and doing it with template tags (about 30 per row) cost
    more than everything else on the page, so the rows are written here, once each.
    ``templates/sessions_app/caseload.html`` holds the rest of the table.
    """
    name = escape(cells["name"])
    head = f'<a href="{escape(cells["url"])}">{name}</a>' if cells["is_client"] else name
    if cells["has_adherence"]:
        bar = ""
        if cells["bar"]:
            bar = (
                '<svg class="adherence-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true"'
                f' focusable="false">{cells["bar"]}</svg>'
            )
        adherence = (
            f'<div class="adherence-summary">{bar}'
            f'<span class="adherence-text">{escape(cells["adherence_text"])}</span></div>'
        )
    else:
        adherence = '<span class="text-body-secondary">Not signed up yet</span>'
    if cells["last_activity"]:
        activity = (
            f'{escape(cells["last_activity_ago"])} ago<div class="small text-body-secondary">'
            f'<time datetime="{escape(cells["last_activity"])}">'
            f"{escape(cells['last_activity_label'])}</time></div>"
        )
    else:
        activity = '<span class="text-body-secondary">None yet</span>' if cells["is_client"] else "—"
    if cells["next_session"]:
        session = (
            f'<time datetime="{escape(cells["next_session"])}">{escape(cells["next_session_label"])}</time>'
            f'<div class="small"><a href="{escape(cells["summary_url"])}">Summary'
            f'<span class="visually-hidden"> for {name}\'s next session</span></a></div>'
        )
    else:
        session = '<span class="text-body-secondary">None booked</span>' if cells["is_client"] else "—"
    if cells["flags"]:
        flags = f'<ul class="list-unstyled mb-0 flag-list">{_flag_items(cells["flags"])}</ul>'
    else:
        flags = '<span class="text-body-secondary">Nothing to flag</span>'
    row = (
        f'<tr><th scope="row">{head}'
        f'<div class="small text-body-secondary fw-normal">{escape(cells["email"])}</div></th>'
        f"<td>{adherence}</td><td>{activity}</td><td>{session}</td><td>{escape(cells['overdue'])}</td>"
        f"<td>{flags}</td></tr>"
    )
    return SafeString(row)  # nosec B703  # every value above is escaped


# --- A client's overview ------------------------------------------------------------------------------

TIMELINE_LENGTH = 30
CHART_RECORDS = 12
RECENT_REASON_DAYS = 30


@dataclass(frozen=True)
class AssignmentAdherence:
    assignment: Any
    adherence: AdherenceView


@dataclass(frozen=True)
class TimelineItem:
    """One log, with its worksheet when there is one. Private journals show only that they were done."""

    at: datetime
    log: Log
    entry: Entry | None

    @property
    def is_private(self) -> bool:
        return self.entry is not None and self.entry.is_private


@dataclass(frozen=True)
class ReasonCount:
    reason: str
    label: str
    all_time: int
    recent: int


@dataclass(frozen=True)
class GoalProgress:
    goal: Goal
    chart: charts.LineChart


@dataclass(frozen=True)
class Overview:
    client: User
    today: date
    window_start: date
    goals: list[GoalProgress]
    assignments: list[AssignmentAdherence]
    timeline: list[TimelineItem]
    reasons: list[ReasonCount]
    mood_chart: charts.PairedChart
    suds_chart: charts.PairedChart
    belief_chart: charts.PairedChart
    next_session: TherapySession | None

    @property
    def reasons_all_time(self) -> int:
        return sum(r.all_time for r in self.reasons)

    @property
    def reasons_recent(self) -> int:
        return sum(r.recent for r in self.reasons)


def client_overview(therapist: User, client: User) -> Overview:
    """Everything on the client's overview, in a fixed number of queries."""
    today = client_today(client)
    first = today - timedelta(days=WINDOW_DAYS - 1)
    return Overview(
        client=client,
        today=today,
        window_start=first,
        goals=goal_progress(client),
        assignments=assignment_adherence(client, first=first, last=today),
        timeline=timeline(client),
        reasons=reason_tally(client, since=today - timedelta(days=RECENT_REASON_DAYS - 1)),
        mood_chart=mood_chart(client, recent_thought_records(client)),
        suds_chart=suds_chart(client, recent_exposures(client)),
        belief_chart=belief_chart(client, recent_experiments(client)),
        next_session=next_session(therapist, client),
    )


def local_label(client: User, moment: datetime | None) -> str:
    """A short date on the client's calendar, for chart labels: “3 Mar”."""
    if moment is None:
        return ""
    day = moment.astimezone(client.zone).date()
    return f"{day.day} {day:%b}"


def goal_progress(client: User) -> list[GoalProgress]:
    """Each goal with a line chart of its ratings, 0 to 10 (two queries)."""
    result = []
    for chart in goal_charts(client):
        ratings = [point.rating for point in chart.points]
        result.append(
            GoalProgress(
                goal=chart.goal,
                chart=charts.line_chart(
                    id=f"goal-{chart.goal.pk}",
                    title=f"Progress ratings for the goal: {chart.goal.text}",
                    points=[(local_label(client, r.rated_at), r.rating) for r in ratings],
                    top=10,
                    unit="0 to 10",
                ),
            )
        )
    return result


def assignment_adherence(client: User, *, first: date, last: date) -> list[AssignmentAdherence]:
    """The client's assignments, active first, each with how the window went (one query)."""
    order = {status: i for i, status in enumerate(STATUS_ORDER)}
    rows = [
        AssignmentAdherence(
            assignment,
            annotated_adherence(assignment),
        )
        for assignment in assignments_with_adherence(client, first=first, last=last)
    ]
    return sorted(rows, key=lambda row: order.get(row.assignment.status, len(order)))


def timeline(
    client: User, *, since: datetime | None = None, until: datetime | None = None
) -> list[TimelineItem]:
    """The newest logs, each with its submitted worksheet if any (one query)."""
    logs = Log.objects.filter(client=client).select_related("assignment", "occurrence__entry")
    if since is not None:
        logs = logs.filter(logged_at__gte=since)
    if until is not None:
        logs = logs.filter(logged_at__lte=until)
    items = []
    for log in logs.order_by("-logged_at", "-pk")[:TIMELINE_LENGTH]:
        entry: Entry | None = getattr(log.occurrence, "entry", None)
        if entry is not None and entry.is_draft:
            entry = None
        items.append(TimelineItem(at=log.logged_at, log=log, entry=entry))
    return items


def reason_tally(client: User, *, since: date) -> list[ReasonCount]:
    """How often each reason for "not done" was given, all time and since ``since`` (one query)."""
    counts = {
        row["reason"]: row
        for row in Log.objects.filter(client=client, status=LogStatus.NOT_DONE)
        .values("reason")
        .annotate(all_time=Count("pk"), recent=Count("pk", filter=Q(occurrence__due_date__gte=since)))
        .order_by()
    }
    tally = [
        ReasonCount(reason, NotDoneReason(reason).label, counts[reason]["all_time"], counts[reason]["recent"])
        for reason in NotDoneReason.values
        if reason in counts
    ]
    return sorted(tally, key=lambda r: -r.all_time)


def _newest_first_reversed[M: Entry](rows: QuerySet[M], limit: int = CHART_RECORDS) -> list[M]:
    """The newest ``limit`` rows, returned oldest first for a chart that reads left to right."""
    return list(reversed(rows.order_by("-submitted_at", "-pk")[:limit]))


def recent_thought_records(client: User) -> list[ThoughtRecord]:
    """Submitted thought records with at least one mood re-rated, with the moods' means (one query).

    ``mood_before`` averages only the moods that were re-rated, so both means cover the same moods.
    """
    rows = (
        ThoughtRecord.objects.filter(client=client, is_draft=False)
        .annotate(
            mood_before=Avg("moods__intensity", filter=Q(moods__rerating__isnull=False)),
            mood_after=Avg("moods__rerating"),
        )
        .filter(mood_after__isnull=False)
    )
    return _newest_first_reversed(rows)


def recent_exposures(client: User) -> list[SkillPractice]:
    rows = SkillPractice.objects.filter(
        client=client, is_draft=False, is_exposure=True, suds_peak__isnull=False, suds_end__isnull=False
    )
    return _newest_first_reversed(rows)


def recent_experiments(client: User) -> list[BehavioralExperiment]:
    rows = BehavioralExperiment.objects.filter(
        client=client, is_draft=False, belief_strength__isnull=False, belief_rerating__isnull=False
    )
    return _newest_first_reversed(rows)


def mood_chart(client: User, records: list[ThoughtRecord], *, id: str = "mood-chart") -> charts.PairedChart:
    pairs = [
        (local_label(client, r.submitted_at), float(r.mood_before), float(r.mood_after))  # type: ignore[attr-defined]
        for r in records
    ]
    return charts.paired_chart(
        id=id,
        title="Mood intensity before and after re-rating, per thought record",
        pairs=pairs,
        top=100,
        unit="0 to 100, the mean of the moods re-rated",
        before_name="the first rating",
        after_name="the re-rating",
        summary=charts.change_summary(
            pairs, things="thought records", what="mood intensity", when="after re-rating"
        ),
    )


def suds_chart(client: User, exposures: list[SkillPractice], *, id: str = "suds-chart") -> charts.PairedChart:
    pairs = [
        (local_label(client, e.submitted_at), float(e.suds_peak or 0), float(e.suds_end or 0))
        for e in exposures
    ]
    summary = charts.change_summary(
        pairs, things="exposures", what="distress (SUDS)", when="from peak to end"
    )
    halved = sum(1 for e in exposures if e.suds_halved)
    if exposures:
        summary += f" Distress roughly halved by the end in {halved} of {len(exposures)}."
    return charts.paired_chart(
        id=id,
        title="Distress (SUDS) at its peak and at the end, per exposure",
        pairs=pairs,
        top=100,
        unit="SUDS 0 to 100",
        before_name="the peak",
        after_name="the end",
        summary=summary,
    )


def belief_chart(
    client: User, experiments: list[BehavioralExperiment], *, id: str = "belief-chart"
) -> charts.PairedChart:
    pairs = [
        (local_label(client, e.submitted_at), float(e.belief_strength or 0), float(e.belief_rerating or 0))
        for e in experiments
    ]
    return charts.paired_chart(
        id=id,
        title="Belief before and after, per behavioural experiment",
        pairs=pairs,
        top=100,
        unit="0 to 100%",
        before_name="the belief before",
        after_name="the re-rating after",
        summary=charts.change_summary(
            pairs, things="experiments", what="belief in the tested thought", when="after the experiment"
        ),
    )


def next_session(therapist: User, client: User) -> TherapySession | None:
    return (
        TherapySession.objects.filter(
            therapist=therapist, client=client, status=SessionStatus.SCHEDULED, starts_at__gt=timezone.now()
        )
        .order_by("starts_at")
        .first()
    )
