"""“Start small when it's hard”: what Today offers when one assignment gets the same "not done"
reason twice within 14 days (the client's local dates).

Both kinds of "not done" count: "I won't do this one" (a ``Log``) and "not today" (a ``Skip``).
Nothing changes by itself: a nudge only puts an offer on the card, and the client chooses.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from homework.models import Log, LogStatus, NotDoneReason, SessionQuestion, Skip
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


def nudges_for(client: User, today: date) -> dict[int, Nudge]:
    """Per assignment id, the nudge its repeated reason calls for (one query, two with an ASK).

    When several reasons repeat, the one said most recently wins."""
    starts = window_start(client, today)
    ends = datetime.combine(today + timedelta(days=1), time.min, tzinfo=client.zone)
    logs = (
        Log.objects.filter(
            client=client, status=LogStatus.NOT_DONE, logged_at__gte=starts, logged_at__lt=ends
        )
        .values_list("logged_at", "assignment_id", "reason")
        .order_by()
    )
    skips = (
        Skip.objects.filter(client=client, day__gte=starts.date(), day__lte=today)
        .values_list("created_at", "assignment_id", "reason")
        .order_by()
    )
    said: list[tuple[datetime, int, str]] = list(logs.union(skips, all=True))  # one statement
    counts = Counter((assignment, reason) for _, assignment, reason in said)
    nudges: dict[int, Nudge] = {}
    for _, assignment, reason in sorted(said, reverse=True):
        if assignment in nudges or counts[assignment, reason] < REPEATS or reason not in NUDGES:
            continue
        nudges[assignment] = Nudge(NUDGES[reason], NotDoneReason(reason))
    asking = [pk for pk, nudge in nudges.items() if nudge.kind == ASK]
    if asking:
        asked = set(
            SessionQuestion.objects.filter(
                client=client, assignment_id__in=asking, created_at__gte=starts
            ).values_list("assignment_id", flat=True)
        )
        for pk in asked:
            nudges[pk] = Nudge(ASK, nudges[pk].reason, asked=True)
    return nudges
