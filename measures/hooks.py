"""Hooks through which apps above ``measures`` hear about, and tell it, what it cannot import.

``measures`` must not import ``sessions_app`` or ``reminders``. Two typed lists, filled in their
``AppConfig.ready()``:

- ``scheduled_sessions``: sessions_app answers "when are this client's scheduled sessions after
  this instant?", so a "before each session" plan can open a window two days before each;
- ``windows_changed``: after a client's windows were written or a questionnaire answered (or
  corrected), in the same transaction: reminders re-plans their questionnaire reminders, and
  sessions_app queues the refresh of their caseload row.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from mallard.models import User

# Arguments: the client and an instant. Returns the start of each scheduled session after it.
scheduled_sessions: list[Callable[[User, datetime], list[datetime]]] = []

# Called after a client's questionnaire windows were created, moved, answered or removed, and
# after an answer was corrected.
windows_changed: list[Callable[[User], None]] = []


def session_starts(client: User, after: datetime) -> list[datetime]:
    starts: list[datetime] = []
    for hook in scheduled_sessions:
        starts.extend(hook(client, after))
    return sorted(set(starts))


def notify_windows_changed(client: User) -> None:
    for hook in windows_changed:
        hook(client)
