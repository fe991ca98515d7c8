"""Page data for the session pages: each list is one query, whatever its length.

Client-side reads go through ``sessions_app.access.sessions_for_client``, which
never loads the therapist's private notes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from homework import access as homework_access
from homework.models import Assignment
from mallard.models import User
from sessions_app import access
from sessions_app.models import Reflection, SessionStatus, TherapySession


def reflection_of(session: TherapySession) -> Reflection | None:
    """The session's reflection if it has one (free when ``reflection`` was select_related)."""
    try:
        return session.reflection
    except Reflection.DoesNotExist:
        return None


@dataclass
class SessionRow:
    session: TherapySession
    reflection: Reflection | None

    @property
    def needs_recording(self) -> bool:
        """Past its start time but still marked as scheduled."""
        return self.session.status == SessionStatus.SCHEDULED and self.session.is_past

    @property
    def invites_reflection(self) -> bool:
        return self.session.status == SessionStatus.HELD and self.reflection is None


@dataclass
class SessionList:
    upcoming: list[SessionRow] = field(default_factory=list)
    past: list[SessionRow] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.upcoming or self.past)

    @property
    def awaiting_reflection(self) -> list[SessionRow]:
        return [row for row in self.past if row.invites_reflection]


def _split(sessions: list[TherapySession], now: datetime) -> SessionList:
    page = SessionList()
    for session in sessions:
        row = SessionRow(session=session, reflection=reflection_of(session))
        (page.upcoming if session.starts_at > now else page.past).append(row)
    page.upcoming.reverse()  # soonest first; the past stays newest first
    return page


def client_sessions(client: User) -> SessionList:
    """The therapist's view of one client's sessions: upcoming (soonest first) and past."""
    sessions = (
        TherapySession.objects.filter(client=client)
        .select_related("therapist", "reflection")
        .order_by("-starts_at")
    )
    return _split(list(sessions), timezone.now())


def my_sessions(client: User) -> SessionList:
    """The client's own sessions: upcoming ones, and past ones that were held. Never notes."""
    now = timezone.now()
    upcoming = Q(starts_at__gt=now, status__in=[SessionStatus.SCHEDULED, SessionStatus.CANCELLED])
    held = Q(starts_at__lte=now, status=SessionStatus.HELD)
    rows = (
        access.sessions_for_client(client)
        .filter(upcoming | held)
        .select_related("therapist", "reflection")
        .order_by("-starts_at")
    )
    return _split(list(rows), now)


def current_homework(client: User) -> list[Assignment]:
    """Every active assignment of the client, by title (one query): also one with nothing due
    today (a Monday, Wednesday and Friday practice on a Tuesday), which Today's cards leave out."""
    return list(homework_access.active_assignments_for_client(client))


def scheduled_starts(client: User, after: datetime) -> list[datetime]:
    """The start of each of the client's scheduled sessions after ``after`` (for measures' "before
    each session" windows, through ``measures.hooks.scheduled_sessions``). One query."""
    return list(
        TherapySession.objects.filter(client=client, status=SessionStatus.SCHEDULED, starts_at__gt=after)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
    )
