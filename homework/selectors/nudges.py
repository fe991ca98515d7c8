"""“Start small when it's hard”: what Today offers when one assignment gets the same "not done"
reason twice within 14 days (the client's local dates).

Both kinds of "not done" count: "I won't do this one" (a ``Log``) and "not today" (a ``Skip``).
Nothing changes by itself: a nudge only puts an offer on the card, and the client chooses.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import DateField, QuerySet, Value

from homework.models import (
    Assignment,
    AssignmentStatus,
    Log,
    LogStatus,
    NotDoneReason,
    SessionQuestion,
    Skip,
)
from mallard.models import User

NUDGE_WINDOW_DAYS = 14  # today and the 13 days before it, on the client's calendar
REPEATS = 2

# What each repeated reason leads to. "I didn't think it would help" and "something else" lead
# to nothing on Today: they are for the therapist to talk through.
SMALLER_AND_CUE = "smaller_and_cue"  # the smaller version first, and a cue or another reminder time
SMALLER = "smaller"  # the smaller version first
ASK = "ask"  # "ask at the next session"
NUDGES: dict[str, str] = {
    NotDoneReason.NO_TIME: SMALLER_AND_CUE,
    NotDoneReason.FORGOT: SMALLER_AND_CUE,
    NotDoneReason.TOO_HARD: SMALLER,
    NotDoneReason.AVOIDED: SMALLER,
    NotDoneReason.DIDNT_UNDERSTAND: ASK,
}


@dataclass(frozen=True, slots=True)
class Nudge:
    kind: str  # SMALLER_AND_CUE, SMALLER or ASK
    reason: NotDoneReason
    asked: bool = False  # ASK only: the question is already saved for the next session


def window_start(client: User, today: date) -> datetime:
    """The first moment of the nudge window: local midnight 13 days before ``today``.

    Built from the local date and the zone, never by subtracting hours, so a DST change inside
    the window moves nothing."""
    first = today - timedelta(days=NUDGE_WINDOW_DAYS - 1)
    return datetime.combine(first, time.min, tzinfo=client.zone)


@dataclass(frozen=True, slots=True)
class Said:
    """One "not done" the client said in the nudge window: "I won't do this one" (a ``Log``,
    ``day`` None) or "not today" (a ``Skip``, for its ``day``)."""

    at: datetime
    assignment_id: int
    reason: str
    occurrence_id: int | None  # None for a "not today" whose occurrence a new schedule removed
    day: date | None


def said_not_done(client: User, today: date) -> list[Said]:
    """Every "not done" and "not today" the client said in the nudge window ending ``today``, in
    one statement. Today reads its cards' "not today, said today" from the same rows."""
    starts = window_start(client, today)
    ends = datetime.combine(today + timedelta(days=1), time.min, tzinfo=client.zone)
    logs = (
        Log.objects.filter(
            client=client, status=LogStatus.NOT_DONE, logged_at__gte=starts, logged_at__lt=ends
        )
        .annotate(no_day=Value(None, output_field=DateField()))
        .values_list("logged_at", "assignment_id", "reason", "occurrence_id", "no_day")
        .order_by()
    )
    skips = (
        Skip.objects.filter(client=client, day__gte=starts.date(), day__lte=today)
        .values_list("created_at", "assignment_id", "reason", "occurrence_id", "day")
        .order_by()
    )
    return [Said(*row) for row in logs.union(skips, all=True).order_by()]


def nudges_for(client: User, today: date, said: list[Said] | None = None) -> dict[int, Nudge]:
    """Per assignment id, the nudge its repeated reason calls for (one query, two with an ASK;
    one fewer when the caller has read ``said_not_done`` already).

    When several reasons repeat, the one said most recently wins."""
    if said is None:
        said = said_not_done(client, today)
    counts = Counter((s.assignment_id, s.reason) for s in said)
    nudges: dict[int, Nudge] = {}
    for s in sorted(said, key=lambda s: (s.at, s.assignment_id, s.reason), reverse=True):
        assignment, reason = s.assignment_id, s.reason
        if assignment in nudges or counts[assignment, reason] < REPEATS or reason not in NUDGES:
            continue
        nudges[assignment] = Nudge(NUDGES[reason], NotDoneReason(reason))
    asking = [pk for pk, nudge in nudges.items() if nudge.kind == ASK]
    if asking:
        asked = set(
            SessionQuestion.objects.filter(
                client=client, assignment_id__in=asking, created_at__gte=window_start(client, today)
            ).values_list("assignment_id", flat=True)
        )
        for pk in asked:
            nudges[pk] = Nudge(ASK, nudges[pk].reason, asked=True)
    return nudges


@dataclass(frozen=True, slots=True)
class Repeat:
    """One assignment whose client gave the same "not done" reason twice in 14 days, for the
    therapist's caseload: with which one-click changes fit it."""

    assignment: Assignment
    reason: NotDoneReason
    count: int

    @property
    def can_be_smaller(self) -> bool:
        return self.assignment.smaller_version_step() is not None

    @property
    def can_be_fewer(self) -> bool:
        return self.assignment.fewer_times_step() is not None


# Bump when the way repeats are worked out from ``said_query``'s rows changes (the statement's text
# is read by the caseload's fingerprint, ``sessions_app.selectors.caseload.numbers_formula``).
REPEATS_VERSION = 1


def said_query(client_ids: list[int], since: datetime) -> QuerySet[Any, tuple[int, datetime, int, str]]:
    """Every "not done" and "not today" of these clients' active assignments since ``since``:
    (client id, when, assignment id, reason), one statement."""
    common = {"client_id__in": client_ids, "assignment__status": AssignmentStatus.ACTIVE}
    logs = Log.objects.filter(status=LogStatus.NOT_DONE, logged_at__gte=since, **common).values_list(
        "client_id", "logged_at", "assignment_id", "reason"
    )
    skips = Skip.objects.filter(created_at__gte=since, **common).values_list(
        "client_id", "created_at", "assignment_id", "reason"
    )
    return logs.order_by().union(skips.order_by(), all=True)


def repeats_for_clients(clients: Sequence[User], now: datetime) -> dict[int, list[Repeat]]:
    """Per client id, their active assignments with a reason said twice in the 14 days ending on
    each client's local today: one query, and one more for the assignments when there are any.

    Both "not today" and "I won't do this one" count, each on the client's local date of saying it.
    """
    if not clients:
        return {}
    zones = {client.pk: client.zone for client in clients}
    since = now - timedelta(days=NUDGE_WINDOW_DAYS + 1)  # wide enough for every zone, trimmed below
    counts: Counter[tuple[int, int, str]] = Counter()
    latest: dict[tuple[int, int, str], datetime] = {}
    for client_id, moment, assignment_id, reason in said_query(list(zones), since):
        zone = zones[client_id]
        today = now.astimezone(zone).date()
        if moment.astimezone(zone).date() < today - timedelta(days=NUDGE_WINDOW_DAYS - 1):
            continue
        key = (client_id, assignment_id, reason)
        counts[key] += 1
        latest[key] = max(moment, latest.get(key, moment))
    repeated = sorted(
        (key for key, n in counts.items() if n >= REPEATS), key=lambda key: latest[key], reverse=True
    )
    if not repeated:
        return {}
    assignments = Assignment.objects.in_bulk({assignment_id for _, assignment_id, _ in repeated})
    result: dict[int, list[Repeat]] = {}
    seen: set[int] = set()
    for client_id, assignment_id, reason in repeated:
        if assignment_id in seen:
            continue  # the reason said most recently
        seen.add(assignment_id)
        repeat = Repeat(
            assignments[assignment_id], NotDoneReason(reason), counts[client_id, assignment_id, reason]
        )
        result.setdefault(client_id, []).append(repeat)
    return result
