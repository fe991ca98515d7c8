# Temporary: replaced by the real module (the owner of this module overwrites it).
from __future__ import annotations

from typing import Any

from reminders.models import Reminder


def message_context(reminder: Reminder) -> dict[str, Any]:
    """Template context for a weekly-summary or therapist-digest reminder."""
    return {}
