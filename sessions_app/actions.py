# Temporary: replaced by the real module (the owner of this module overwrites it).
from __future__ import annotations

from sessions_app.models import TherapySession


def refresh_proposals(session: TherapySession) -> None:
    """Re-extract the session's action items from its summary, notes and reflection."""
