"""What we agreed last time: the assignments agreed or changed since the previous session, and
what became of them. Also every "not done" logged in a period, by the day it was logged.

The previous session is the last held session before this one. An assignment belongs to the
list when it was created or changed at or after that session's start (and, for a session that
has already started, before it), or when a proposal or decision of the previous session made
before this session's start was about it, or when it was decided on in this session. The page reads a
fixed number of queries however many assignments there are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone

from homework.models import Assignment, Log, LogStatus, Occurrence
from mallard.models import User
from sessions_app.lib import is_a_limit
from sessions_app.models import AgreementDecision, Decision, SessionStatus, TherapySession


@dataclass
class Agreement:
    """One assignment agreed last time, and how it went since."""

    assignment: Assignment
    due: int = 0
    done: int = 0
    smaller: int = 0
    partly: int = 0
    not_logged: int = 0
    not_done: list[Log] = field(default_factory=list)
    decision: AgreementDecision | None = None

    @property
    def total(self) -> int:
        return self.due

    @property
    def smaller_preview(self) -> str:
        """What "Make it smaller" would change, in words, to read before clicking it ("2 → 1 times
        a week"); "" when there is nothing smaller (``Assignment.smaller_step``)."""
        step = self.assignment.smaller_step()
        if step is None:
            return ""
        fields, detail = step
        if "instructions" not in fields:
            return detail
        smaller = str(fields["instructions"])
        smaller = smaller if len(smaller) <= 120 else smaller[:119].rstrip() + "…"
        plan = ", in the plan too" if "implementation_will" in fields else ""
        return (
            f"what to do to its smaller version, “{smaller}”, and "
            f"{self.assignment.estimated_minutes} → {fields['estimated_minutes']} minutes{plan}"
        )

    @property
    def is_a_limit(self) -> bool:
        """Its task is to stop or cut down on something ("Cut down to two coffees a day")."""
        return is_a_limit(self.assignment.title)

    @property
    def choices(self) -> tuple[tuple[Decision, str], ...]:
        """The buttons beside the row, in the order they are shown. For a task that is itself to
        stop or cut down on something, "Make it smaller" could read as a lower limit and "Stop it"
        as the task's own words, so they say what they do to the homework."""
        if self.is_a_limit:
            return (
                (Decision.KEEP, "Keep it"),
                (Decision.SMALLER, "Make it easier"),
                (Decision.CHANGE, "Change it"),
                (Decision.STOP, "End this homework"),
            )
        return Agreements.choices

    @property
    def done_total(self) -> int:
        return self.done + self.smaller + self.partly

    @property
    def outcome_text(self) -> str:
        """“Done 2 of 3 (1 in full, 1 the smaller version); not done 1; not logged 0” in words."""
        if not self.due:
            return "Nothing was due yet."
        parts = [f"Done {self.done_total} of {self.due}"]
        detail = []
        if self.done_total and (self.smaller or self.partly):
            if self.done:
                detail.append(f"{self.done} in full")
            if self.smaller:
                detail.append(f"{self.smaller} the smaller version")
            if self.partly:
                detail.append(f"{self.partly} partly")
        text = parts[0] + (f" ({', '.join(detail)})" if detail else "")
        extra = []
        if self.not_done:
            extra.append(f"not done {len(self.not_done)}")
        if self.not_logged:
            extra.append(f"not logged {self.not_logged}")
        return text + ("; " + ", ".join(extra) if extra else "") + "."


@dataclass
class Agreements:
    session: TherapySession
    previous: TherapySession | None
    rows: list[Agreement]

    # The buttons beside each row, in the order they are shown.
    choices = (
        (Decision.KEEP, "Keep it"),
        (Decision.SMALLER, "Make it smaller"),
        (Decision.CHANGE, "Change it"),
        (Decision.STOP, "Stop it"),
    )

    def __bool__(self) -> bool:
        return bool(self.rows)


def previous_session(session: TherapySession) -> TherapySession | None:
    """The last held session before ``session``."""
    return (
        TherapySession.objects.filter(
            client_id=session.client_id, status=SessionStatus.HELD, starts_at__lt=session.starts_at
        )
        .exclude(pk=session.pk)
        .order_by("-starts_at")
        .first()
    )


def _local(moment: datetime, client: User) -> date:
    return moment.astimezone(client.zone).date()


def agreed_last_time(session: TherapySession) -> Agreements:
    """The assignments agreed or changed since the previous session, with what became of them."""
    return agreed_since(session, previous_session(session))


def agreed_since(session: TherapySession, previous: TherapySession | None) -> Agreements:
    """``agreed_last_time`` for a caller that has read ``previous`` (``previous_session``) already.

    With a previous session it reads three queries, whatever was agreed: the assignments, their
    occurrences with their logs, and this session's decisions. Without one, none.
    """
    if previous is None:
        return Agreements(session=session, previous=None, rows=[])
    client = session.client
    now = timezone.now()
    since = previous.starts_at
    until = session.starts_at if session.starts_at <= now else None
    changed = Q(created_at__gte=since) | Q(updated_at__gte=since)
    # An agreement made at the previous session stays listed after a later change: the change
    # moves ``updated_at`` on, but the proposal it came from or the decision on it stays dated.
    at_previous = Q(proposals__session=previous) | Q(decisions__session=previous)
    if until is not None:
        # Only what was agreed before this session began: homework assigned after it started
        # (from its own items, or late from the previous session's) is the next session's.
        changed = (Q(created_at__gte=since, created_at__lt=until)) | Q(
            updated_at__gte=since, updated_at__lt=until
        )
        at_previous = Q(proposals__session=previous, proposals__decided_at__lt=until) | Q(
            decisions__session=previous, decisions__decided_at__lt=until
        )
    agreed = Assignment.objects.filter(
        Q(client=client) & (changed | at_previous | Q(decisions__session=session))
    )
    rows = {}
    for assignment in agreed.distinct().order_by("created_at", "pk"):
        assignment.client = client  # the page prints dates in the client's zone: read once, not per row
        rows[assignment.pk] = Agreement(assignment=assignment)
    first = _local(since, client)
    last = _local(until or now, client)
    # The occurrences and decisions are read by the assignments' condition, not their ids, so
    # that the page reads the same queries whether or not anything was agreed.
    occurrences = (
        Occurrence.objects.filter(assignment__in=agreed.values("pk"), due_date__gte=first)
        .filter(Q(due_date__lte=last) | Q(log__logged_at__gte=since))
        .select_related("log")
        .order_by("due_date", "slot")
    )
    for occurrence in occurrences:
        row = rows.get(occurrence.assignment_id)
        if row is None:  # changed between the two reads: it waits for the next view
            continue
        log = getattr(occurrence, "log", None)
        if log is None:
            if occurrence.due_date < last:  # still open today is not "not logged" yet
                row.due += 1
                row.not_logged += 1
            continue
        row.due += 1
        match log.status:
            case LogStatus.DONE:
                row.done += 1
            case LogStatus.SMALLER:
                row.smaller += 1
            case LogStatus.PARTLY:
                row.partly += 1
            case _:
                row.not_done.append(log)
    for decision in AgreementDecision.objects.filter(session=session):
        if decision.assignment_id in rows:  # every assignment decided on in this session is
            rows[decision.assignment_id].decision = decision
    return Agreements(session=session, previous=previous, rows=list(rows.values()))


def not_done_since(client: User, starts: datetime, ends: datetime) -> dict[int, list[Log]]:
    """Every "not done" the client logged between ``starts`` and ``ends``, by assignment, oldest first.

    By when it was logged, not when it was due: a weekly slot is due on Sunday, but the
    client who says on Tuesday that it didn't happen has said so before the session.
    """
    by_assignment: dict[int, list[Log]] = defaultdict(list)
    logs = (
        Log.objects.filter(
            client=client, status=LogStatus.NOT_DONE, logged_at__gte=starts, logged_at__lte=ends
        )
        .select_related("occurrence")
        .order_by("logged_at", "pk")
    )
    for log in logs:
        by_assignment[log.assignment_id].append(log)
    return dict(by_assignment)
