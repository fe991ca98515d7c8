"""Hooks through which apps above ``homework`` hear about changes, without homework importing them.

``homework`` must not import ``reminders`` (apps depend one way), yet a paused
assignment or a logged occurrence has to re-plan reminders in the same
transaction. An app registers a function here in its ``AppConfig.ready()``;
homework's services call every registered function inside their atomic block.
This is an explicit, typed list, not a Django signal: the calls are visible in
the services that make them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from homework.models import Assignment, Occurrence
from mallard.models import User


class News(StrEnum):
    """What a client is told about: the therapist's side changed something of theirs."""

    ASSIGNED = "assigned"
    CHANGED = "changed"
    FEEDBACK = "feedback"


# Called after an assignment is created, edited, paused, resumed, completed or archived.
assignment_changed: list[Callable[[Assignment], None]] = []

# Called after an occurrence is logged (any status) or its log is changed.
occurrence_logged: list[Callable[[Occurrence], None]] = []

# Called after the client undoes the log they made today: the occurrence is open again.
occurrence_unlogged: list[Callable[[Occurrence], None]] = []

# Called after the client says "not today" to an occurrence, with their local date: it stays open.
occurrence_skipped: list[Callable[[Occurrence, date], None]] = []

# Called after the client undoes the "not today" they said, with their local date: that day is as
# it was before it, the occurrence open with nothing said about it.
occurrence_unskipped: list[Callable[[Occurrence, date], None]] = []

# Called with the client's id after a write to their assignments or entries that no hook above
# reports: a worksheet saved as a draft, the therapist's feedback, the client's own practice time.
rows_changed: list[Callable[[int], None]] = []

# Called when the client should be told: new homework, changed homework, feedback on an entry.
# Arguments: the client, what happened, a path on this site to link to, the id of the client's
# assignment it is about (so the app can name it to the client, reading it through
# ``homework.access``; a stored message keeps no title), and the id of the thing itself: the entry
# for feedback, the assignment otherwise (so an e-mail can keep exactly what it tells).
client_told: list[Callable[[User, News, str, int, int], None]] = []

# Called when what the client was told about is gone (the therapist removed their feedback), with
# the same client, kind of news and link as ``client_told`` had.
news_withdrawn: list[Callable[[User, News, str], None]] = []

# Called when withdrawn news is put back as it was, still unread (the therapist undid removing their
# feedback), with the same client, kind of news, link and assignment id as ``client_told`` had, and
# when the client was first told. The client is not told again: only what was withdrawn comes back.
news_restored: list[Callable[[User, News, str, int, datetime], None]] = []

# Called when the client has read what they were told about (they marked their therapist's feedback
# read), with the same client, kind of news and link as ``client_told`` had.
news_read: list[Callable[[User, News, str], None]] = []


@dataclass(frozen=True)
class TodayPanel:
    """Something an app above homework shows on the client's Today: a template and its context."""

    template: str
    context: Mapping[str, Any] = field(default_factory=dict)


# Called by Today with the client and the instant now; returns the panels to show above the
# practice (for example, a questionnaire that is due). Each reads in a fixed number of queries.
today_panels: list[Callable[[User, datetime], list[TodayPanel]]] = []


def panels_for_today(client: User, now: datetime) -> list[TodayPanel]:
    return [panel for hook in today_panels for panel in hook(client, now)]


class ReminderOutcome(StrEnum):
    """What becomes of the reminder at a time the client chose (``Assignment.client_time``)."""

    AT_CHOSEN_TIME = "at_chosen_time"  # it comes at that time
    AFTER_QUIET_HOURS = "after_quiet_hours"  # it falls in quiet hours and waits until they end
    IN_QUIET_HOURS = "in_quiet_hours"  # it falls in quiet hours that last until the next day: none
    OFF = "off"  # reminders are off: all of them, this activity's, or both e-mail and in-app


@dataclass(frozen=True, slots=True)
class OwnReminder:
    """When the reminder at the client's own time for one assignment actually comes."""

    chosen: time  # the time the client chose
    outcome: ReminderOutcome
    at: time | None  # when it comes: ``chosen``, or the end of quiet hours; None when none comes

    @classmethod
    def as_chosen(cls, chosen: time) -> OwnReminder:
        return cls(chosen=chosen, outcome=ReminderOutcome.AT_CHOSEN_TIME, at=chosen)


# Called by Today and the assignment's page with the client, their local date and the client's own
# time for each assignment that has one ({assignment id: time}); returns what becomes of each of those
# reminders, by the rules the app that sends them follows (on/off choices, quiet hours). At most one
# query; it is not called at all when no assignment has an own time.
own_reminders: list[Callable[[User, date, Mapping[int, time]], Mapping[int, OwnReminder]]] = []


def own_reminders_for(client: User, day: date, chosen: Mapping[int, time]) -> dict[int, OwnReminder]:
    """What becomes of each chosen time: as chosen, unless a registered app says otherwise."""
    result = {pk: OwnReminder.as_chosen(at) for pk, at in chosen.items()}
    if chosen:
        for hook in own_reminders:
            result.update(hook(client, day, chosen))
    return result


def notify_assignment_changed(assignment: Assignment) -> None:
    for hook in assignment_changed:
        hook(assignment)


def notify_occurrence_logged(occurrence: Occurrence) -> None:
    for hook in occurrence_logged:
        hook(occurrence)


def notify_occurrence_unlogged(occurrence: Occurrence) -> None:
    for hook in occurrence_unlogged:
        hook(occurrence)


def notify_occurrence_skipped(occurrence: Occurrence, day: date) -> None:
    for hook in occurrence_skipped:
        hook(occurrence, day)


def notify_occurrence_unskipped(occurrence: Occurrence, day: date) -> None:
    for hook in occurrence_unskipped:
        hook(occurrence, day)


def notify_rows_changed(client_id: int) -> None:
    for hook in rows_changed:
        hook(client_id)


def notify_client(client: User, news: News, link: str, assignment_id: int, about_id: int) -> None:
    for hook in client_told:
        hook(client, news, link, assignment_id, about_id)


def notify_news_withdrawn(client: User, news: News, link: str) -> None:
    for hook in news_withdrawn:
        hook(client, news, link)


def notify_news_restored(client: User, news: News, link: str, assignment_id: int, told_at: datetime) -> None:
    for hook in news_restored:
        hook(client, news, link, assignment_id, told_at)


def notify_news_read(client: User, news: News, link: str) -> None:
    for hook in news_read:
        hook(client, news, link)
