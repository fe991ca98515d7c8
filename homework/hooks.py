"""Hooks through which apps above ``homework`` hear about changes, without homework importing them.

``homework`` must not import ``reminders`` (apps depend one way), yet a paused
assignment or a logged occurrence has to re-plan reminders in the same
transaction. An app registers a function here in its ``AppConfig.ready()``;
homework's services call every registered function inside their atomic block.
This is an explicit, typed list, not a Django signal: the calls are visible in
the services that make them.
"""

from __future__ import annotations

from collections.abc import Callable

from homework.models import Assignment, Occurrence

# Called after an assignment is created, edited, paused, resumed, completed or archived.
assignment_changed: list[Callable[[Assignment], None]] = []

# Called after an occurrence is logged (any status) or its log is changed.
occurrence_logged: list[Callable[[Occurrence], None]] = []


def notify_assignment_changed(assignment: Assignment) -> None:
    for hook in assignment_changed:
        hook(assignment)


def notify_occurrence_logged(occurrence: Occurrence) -> None:
    for hook in occurrence_logged:
        hook(occurrence)
