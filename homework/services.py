"""Writes about homework. Each function is atomic; views hand them cleaned data.

Lock order
----------
Every insert, update or delete on an assignment, occurrence, log or entry also
bumps the client's ``ChangeCounter`` row, from a database trigger (migration
homework/0006). That row is held until the transaction ends, so a service that
writes first and locks a row afterwards can wait for a transaction that is
itself waiting for the counter: a deadlock. So every service here that touches
a client's homework takes its row locks in this one order, all before its first
write:

1. the assignment row (``_lock_assignment``);
2. then the occurrence row(s) of that assignment (``_lock_occurrence``);
3. then the occurrence's entry or log;
4. and only then writes, whose triggers take the client's counter row last.

The reminders hooks (``homework.hooks``) run after the homework writes and
touch only reminder rows. Holding the assignment lock means no other service
transaction holds any of that assignment's occurrences, logs or entries, so the
deletes of ``_replan`` never wait behind one. A new assignment has no row to
lock yet; goals and templates have no counter and take no locks. The locks are
``FOR NO KEY UPDATE`` on the row itself, so inserts elsewhere that only refer
to it (a reminder, the assignment's reminder setting) are not held up, and the
client's user row is never locked here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from homework import hooks
from homework.models import (
    DONE_STATUSES,
    ENTRY_MODELS,
    REQUIRED_TO_FINISH,
    Assignment,
    AssignmentStatus,
    AutomaticThought,
    Entry,
    Goal,
    GoalRating,
    GoalStatus,
    Kind,
    Log,
    LogStatus,
    Mood,
    NotDoneReason,
    Occurrence,
    Recurrence,
    ReplannedOccurrence,
    SessionQuestion,
    Skip,
    Template,
    ThoughtRecord,
)
from mallard.access import clients_of
from mallard.models import CareRelationship, User

# Occurrences are planned this many days ahead of the client's today; a daily task
# (homework.tasks.extend_occurrences) keeps the horizon rolling.
PLANNING_HORIZON_DAYS = 14
# How far back (and ahead) an assignment may start; forms say so beside the field.
MAX_HISTORY_DAYS = 365

# The fields a template hands on to assignments made from it (HomeworkSpec's fields).
SPEC_FIELDS = (
    "kind",
    "title",
    "instructions",
    "rationale",
    "estimated_minutes",
    "smaller_version",
    "prompt",
    "technique",
    "resource_title",
    "resource_url",
    "resource_text",
    "skill",
    "is_exposure",
)


class HomeworkError(Exception):
    """The request breaks a homework rule; the message is safe to show."""


class EntryChanged(HomeworkError):
    """The worksheet was saved elsewhere (another tab or device) after the page now saving it was
    loaded: nothing is written, and ``entry`` is what was saved there."""

    def __init__(self, entry: Entry) -> None:
        super().__init__("This worksheet was changed on another device or tab.")
        self.entry = entry


def client_today(client: User) -> date:
    """The client's local date now: occurrences near midnight belong to the client's day."""
    return client.local_now().date()


# --- Occurrences ---------------------------------------------------------------------------


def plan_occurrences(
    assignment: Assignment, *, from_date: date | None = None, through: date | None = None
) -> int:
    """Create the assignment's missing occurrences from ``from_date`` through the horizon."""
    if assignment.status != AssignmentStatus.ACTIVE:
        return 0
    today = client_today(assignment.client)
    # History is planned at most a year back, however early the start date.
    first = max(from_date or assignment.start_date, today - timedelta(days=MAX_HISTORY_DAYS))
    last = through or today + timedelta(days=PLANNING_HORIZON_DAYS)
    rows = [
        Occurrence(
            assignment=assignment,
            client_id=assignment.client_id,
            available_from=opens,
            due_date=due,
            slot=slot,
        )
        for opens, due, slot in assignment.occurrence_windows(first, last)
    ]
    created = Occurrence.objects.bulk_create(rows, ignore_conflicts=True)
    return len(created)


def _lock_assignment(assignment_id: int) -> None:
    """Step 1 of the lock order: the assignment row, before any write to its homework."""
    list(Assignment.objects.select_for_update(no_key=True).filter(pk=assignment_id).values_list("pk"))


def _lock_occurrence(occurrence: Occurrence) -> Occurrence:
    """Steps 1 and 2 of the lock order: the assignment, then the occurrence, read again locked.

    A re-plan that committed meanwhile may have removed an untouched occurrence."""
    _lock_assignment(occurrence.assignment_id)
    locked = (
        Occurrence.objects.select_for_update(no_key=True, of=("self",))
        .select_related("assignment", "client")
        .filter(pk=occurrence.pk)
        .first()
    )
    if locked is None:
        raise HomeworkError("This homework was changed by your therapist a moment ago. Please open it again.")
    return locked


def _mark_past_days(assignment: Assignment, today: date) -> None:
    """Past days not logged stay, as the record of what was asked and not logged; those the
    schedule no longer has (a day it no longer includes, a week's window turned into days, days
    before a new start or after a new end) are marked ``left_schedule_on`` today, so that they
    stop being offered and counted as overdue. Any the schedule has again lose the mark.

    Two statements at most, and one read; a change that keeps the schedule writes nothing."""
    past = list(
        Occurrence.objects.filter(assignment=assignment, due_date__lt=today, log__isnull=True).values_list(
            "pk", "available_from", "due_date", "slot", "left_schedule_on"
        )
    )
    if not past:
        return
    first = min(opens for _, opens, _, _, _ in past)
    wanted = set(assignment.occurrence_windows(first, today - timedelta(days=1)))
    left = [pk for pk, opens, due, slot, on in past if on is None and (opens, due, slot) not in wanted]
    back = [pk for pk, opens, due, slot, on in past if on is not None and (opens, due, slot) in wanted]
    if left:
        Occurrence.objects.filter(pk__in=left).update(left_schedule_on=today)
    if back:
        Occurrence.objects.filter(pk__in=back).update(left_schedule_on=None)


def _keep_one_off_whole(assignment: Assignment) -> None:
    """A one-off is one piece of homework, however often its dates change: its day moves to the new
    window (``start_date`` to ``due_day``) with what it holds (its log and worksheet, a draft, a
    "not today"), so it is still the day due on the due day that every page reads. The day that
    moves is the done one (done, the smaller version or partly): it stays done, and nothing new is
    planned to be done again. With none done, it is its one day not logged yet: a new due date
    for an overdue one-off gives it more time, and leaves no missed day behind to count as "not
    logged". A day logged "not done" is the client's answer and stays where it is. An untouched
    day already planned there gives way; one logged or written in stays, and so does the day that
    would have moved. One statement in the usual case, none when nothing moves."""
    if assignment.recurrence != Recurrence.ONCE:
        return
    days = Occurrence.objects.filter(assignment=assignment)
    moving = days.filter(log__status__in=DONE_STATUSES).order_by("-log__logged_at", "-pk").first()
    if moving is None:
        # The one day not logged yet; several are the days of a schedule that has just become a
        # one-off, which ``_replan`` sorts out as for any change of schedule.
        open_days = list(days.filter(log__isnull=True)[:2])
        moving = open_days[0] if len(open_days) == 1 else None
    opens, due = assignment.start_date, assignment.due_day
    if moving is None or (moving.available_from, moving.due_date, moving.slot) == (opens, due, 1):
        return
    there = days.filter(due_date=due, slot=1).exclude(pk=moving.pk)
    if there.filter(Q(log__isnull=False) | Exists(Entry.objects.filter(occurrence=OuterRef("pk")))).exists():
        return
    there.delete()
    days.filter(pk=moving.pk).update(available_from=opens, due_date=due, slot=1, left_schedule_on=None)


# How long after its day an old link to a worksheet a change of schedule removed still leads on.
MOVED_LINK_DAYS = 30


def _remember_replanned(assignment: Assignment, today: date, removed: Sequence[Occurrence]) -> None:
    """Keep the ids of the occurrences a re-plan removes (``ReplannedOccurrence``), so that an old
    link to one of their worksheets still leads to that day; forget those whose day is long past.
    Two statements at most."""
    ReplannedOccurrence.objects.filter(
        assignment=assignment, due_date__lt=today - timedelta(days=MOVED_LINK_DAYS)
    ).delete()
    if removed:
        ReplannedOccurrence.objects.bulk_create(
            [ReplannedOccurrence(old_id=o.pk, assignment=assignment, due_date=o.due_date) for o in removed],
            ignore_conflicts=True,
        )


def _replan(assignment: Assignment) -> None:
    """Plan today's and future occurrences again, after a change of schedule or status.

    Logged occurrences are history and stay. Of the unlogged ones from today on, those nobody
    touched go, and so do those the schedule no longer has (a day it no longer includes, or a
    week's window turned into days): one with only a "not today" goes, while the "not today"
    itself stays, with its assignment, day and reason (``Skip.occurrence`` becomes empty), and a
    draft moves, with the client's words, to the first free occurrence of the schedule (it stays
    where it is when there is none). A touched occurrence the schedule still has stays. Then
    the missing occurrences are planned. Pending reminders of what went are cancelled when
    the ``assignment_changed`` hook re-plans them. Past days are marked by ``_mark_past_days``.
    A one-off keeps its one day, moved to its new dates (``_keep_one_off_whole``).

    The caller holds the assignment's lock (see "Lock order" above)."""
    today = client_today(assignment.client)
    _keep_one_off_whole(assignment)
    _mark_past_days(assignment, today)
    windows = assignment.occurrence_windows(today, today + timedelta(days=PLANNING_HORIZON_DAYS))
    coming = list(
        Occurrence.objects.filter(assignment=assignment, due_date__gte=today, log__isnull=True)
        .annotate(
            has_entry=Exists(Entry.objects.filter(occurrence=OuterRef("pk"))),
            has_skip=Exists(Skip.objects.filter(occurrence=OuterRef("pk"))),
        )
        .order_by("due_date", "slot")
    )
    wanted = set(windows)
    drafts = []
    gone = []
    for occurrence in coming:
        if (occurrence.available_from, occurrence.due_date, occurrence.slot) in wanted:
            if not (occurrence.has_entry or occurrence.has_skip):
                gone.append(occurrence.pk)  # planned again below, as the schedule now says
        elif occurrence.has_entry:
            drafts.append(occurrence)
        else:
            gone.append(occurrence.pk)
    # A draft that finds no free occurrence stays where it is; remembering it too is harmless, as
    # an old link is looked up only once its occurrence is gone.
    removed = set(gone)
    _remember_replanned(assignment, today, [o for o in coming if o.pk in removed] + drafts)
    Occurrence.objects.filter(pk__in=gone).delete()
    taken = set(
        Occurrence.objects.filter(assignment=assignment, due_date__gte=today).values_list("due_date", "slot")
    )
    free = [(opens, due, slot) for opens, due, slot in windows if due >= today and (due, slot) not in taken]
    for old, (opens, due, slot) in zip(drafts, free, strict=False):
        new = Occurrence.objects.create(
            assignment=assignment,
            client_id=assignment.client_id,
            available_from=opens,
            due_date=due,
            slot=slot,
        )
        Entry.objects.filter(occurrence=old).update(occurrence=new)
        old.delete()
    plan_occurrences(assignment, from_date=today)


# --- Assignments -----------------------------------------------------------------------------


@transaction.atomic
def assign_homework(
    *, therapist: User, client: User, template: Template | None = None, **fields: Any
) -> Assignment:
    if not clients_of(therapist).filter(pk=client.pk).exists():
        raise HomeworkError("You can only assign homework to your own clients.")
    now = timezone.now()
    assignment = Assignment(
        therapist=therapist, client=client, template=template, created_at=now, updated_at=now, **fields
    )
    assignment.full_clean(exclude=["therapist", "client", "template"])
    assignment.save()
    plan_occurrences(assignment)
    hooks.notify_assignment_changed(assignment)
    link = reverse("homework-assignment", args=[assignment.pk])
    hooks.notify_client(client, hooks.News.ASSIGNED, link, assignment.pk, assignment.pk)
    return assignment


@transaction.atomic
def update_assignment(*, assignment: Assignment, **fields: Any) -> Assignment:
    _lock_assignment(assignment.pk)
    for name, value in fields.items():
        setattr(assignment, name, value)
    assignment.updated_at = timezone.now()
    assignment.full_clean(exclude=["therapist", "client", "template"])
    assignment.save(update_fields=[*fields, "updated_at"])
    _replan(assignment)
    hooks.notify_assignment_changed(assignment)
    link = reverse("homework-assignment", args=[assignment.pk])
    hooks.notify_client(assignment.client, hooks.News.CHANGED, link, assignment.pk, assignment.pk)
    return assignment


ADJUSTMENTS = ("smaller", "fewer")


@transaction.atomic
def adjust_assignment(*, assignment: Assignment, change: str) -> str:
    """One click from the therapist: "smaller" makes the smaller version what to do, "fewer"
    asks for it fewer times a week. Returns the change in words."""
    step = assignment.smaller_version_step() if change == "smaller" else assignment.fewer_times_step()
    if step is None:
        raise HomeworkError(
            "It has no smaller version to switch to. Edit it instead."
            if change == "smaller"
            else "It is already once a week or a one-off. Edit it instead."
        )
    fields, detail = step
    update_assignment(assignment=assignment, **fields)
    return detail


@transaction.atomic
def set_assignment_status(*, assignment: Assignment, status: AssignmentStatus) -> Assignment:
    """Pause, resume, complete or archive. Untouched future occurrences go; resuming plans again."""
    _lock_assignment(assignment.pk)
    assignment.status = status
    assignment.updated_at = timezone.now()
    assignment.save(update_fields=["status", "updated_at"])
    _replan(assignment)
    hooks.notify_assignment_changed(assignment)
    return assignment


@transaction.atomic
def undo_status_change(
    *, assignment: Assignment, undoing: AssignmentStatus, status: AssignmentStatus
) -> Assignment:
    """Undo an archive or a completion (``undoing``): the assignment goes back to ``status``, the
    one it had before, and is planned again as it would be in that status. Refused once it no
    longer has the status being undone (resumed or changed since), so a late Undo never
    overrides a newer choice."""
    if status == undoing:
        others = [s.label.lower() for s in AssignmentStatus if s != undoing]
        raise HomeworkError(f"Choose the status to go back to: {', '.join(others[:-1])} or {others[-1]}.")
    _lock_assignment(assignment.pk)
    assignment.refresh_from_db(fields=["status"])
    if assignment.status != undoing:
        raise HomeworkError(
            f"“{assignment.title}” is no longer {undoing.label.lower()} "
            f"({assignment.get_status_display().lower()}), so there is nothing to undo."
        )
    return set_assignment_status(assignment=assignment, status=status)


@transaction.atomic
def set_client_time(*, assignment: Assignment, at: time | None) -> Assignment:
    """The client's own time of day for an assignment, which Today, reminders and the calendar alarm use.

    A time equal to the therapist's preferred time, or None, is stored as "follow the
    assignment", so a later change by the therapist applies. This is the client's choice, not
    a change to the homework: it does not re-plan occurrences nor call ``assignment_changed``
    (the reminders page that calls it re-plans its own rows)."""
    _lock_assignment(assignment.pk)
    if at is not None and at == assignment.preferred_time:
        at = None
    if assignment.client_time != at:
        assignment.client_time = at
        assignment.save(update_fields=["client_time"])
        hooks.notify_rows_changed(assignment.client_id)
    return assignment


# --- Logs and entries ----------------------------------------------------------------------------


def _refuse_before_it_opens(occurrence: Occurrence, today: date) -> None:
    """Nothing is logged or skipped before the occurrence's window opens on the client's calendar."""
    if occurrence.available_from > today:
        raise HomeworkError(
            f"This one opens on {occurrence.available_from:%A %-d %B}. You can log it from then."
        )


@transaction.atomic
def log_occurrence(
    *,
    occurrence: Occurrence,
    status: LogStatus,
    minutes_spent: int | None = None,
    helpfulness: int | None = None,
    reason: str = "",
    note: str | None = None,
) -> Log:
    """Record how an occurrence went. Logging again updates the one log it has.

    ``note`` is the client's short note on how it went (or on what got in the way); None keeps
    the note the log already has, so finishing a worksheet never loses what was typed on Today."""
    # Writes to one occurrence queue behind each other (a double click logs once).
    occurrence = _lock_occurrence(occurrence)
    _refuse_before_it_opens(occurrence, client_today(occurrence.client))
    if status == LogStatus.NOT_DONE and not reason:
        raise HomeworkError("Choose the reason that fits best; it helps your therapist help you.")
    if status != LogStatus.NOT_DONE:
        reason = ""
    now = timezone.now()
    log, created = Log.objects.select_for_update().get_or_create(
        occurrence=occurrence,
        defaults={
            "assignment_id": occurrence.assignment_id,
            "client_id": occurrence.client_id,
            "status": status,
            "minutes_spent": minutes_spent,
            "helpfulness": helpfulness,
            "reason": reason,
            "note": note or "",
            "logged_at": now,
            "updated_at": now,
        },
    )
    if not created:
        log.status = status
        log.minutes_spent = minutes_spent
        log.helpfulness = helpfulness
        log.reason = reason
        if note is not None:
            log.note = note
        log.updated_at = now
        log.save(update_fields=["status", "minutes_spent", "helpfulness", "reason", "note", "updated_at"])
    hooks.notify_occurrence_logged(occurrence)
    return log


def undo_problem(*, occurrence: Occurrence, log: Log, today: date) -> str:
    """Why the occurrence's log can't be undone, or "" when it can: only a log made on the client's
    ``today`` can. A log from an earlier day stays, to be changed rather than undone, and so does
    one with a worksheet, whose words would lose what they were about."""
    if log.logged_at.astimezone(occurrence.client.zone).date() != today:
        return "Only what you logged today can be undone. You can still change what you logged."
    if Entry.objects.filter(occurrence=occurrence).exists():
        return "This one has a worksheet, so it can't be undone. You can still change what you logged."
    return ""


@dataclass(frozen=True)
class LogState:
    """What a log said: what undoing a change to it puts back."""

    status: str
    minutes_spent: int | None
    helpfulness: int | None
    reason: str
    note: str
    never_changed: bool = False  # the log as it was made: put back, it can be undone again

    @classmethod
    def of(cls, log: Log) -> LogState:
        return cls(
            log.status,
            log.minutes_spent,
            log.helpfulness,
            log.reason,
            log.note,
            log.updated_at == log.logged_at,
        )


@transaction.atomic
def undo_log(
    *, occurrence: Occurrence, before: LogState | None = None, changed_at: datetime | None = None
) -> Log | None:
    """Undo the client's last logging today ("Done" tapped by mistake) (``undo_problem`` says which
    logs can be undone).

    ``before`` is what the log said before that logging and ``changed_at`` the log's ``updated_at``
    right after it. A log that logging made (no ``before``) is deleted: the occurrence is open again
    and its reminders come back. A log that it changed is put back as it was. A log changed again
    since is left alone, and so is one changed without the record of what it said before (a new
    log is one never changed: its ``updated_at`` is its ``logged_at``, and so is a log put back as it
    was made). Returns the log put back, or None when it was deleted."""
    occurrence = _lock_occurrence(occurrence)
    log = Log.objects.select_for_update().filter(occurrence=occurrence).first()
    if log is None:
        raise HomeworkError("This one isn't logged, so there is nothing to undo.")
    if problem := undo_problem(occurrence=occurrence, log=log, today=client_today(occurrence.client)):
        raise HomeworkError(problem)
    if log.updated_at != (changed_at or log.logged_at):
        raise HomeworkError(
            "It has changed since, so it can't be undone. You can still change what you logged."
        )
    if before is None:
        assignment = occurrence.assignment
        if assignment.status != AssignmentStatus.ACTIVE:
            # Open again, its day would be on no page the client uses, yet counted as open.
            raise HomeworkError(
                f"“{assignment.title}” is {assignment.get_status_display().lower()} now, so its day "
                "can't be opened again. You can still change what you logged."
            )
        log.delete()
        hooks.notify_occurrence_unlogged(occurrence)
        return None
    log.status, log.minutes_spent, log.helpfulness = before.status, before.minutes_spent, before.helpfulness
    # Put back as it was made, it is a log never changed again (so its own Undo still takes it back).
    log.reason, log.note = before.reason, before.note
    log.updated_at = log.logged_at if before.never_changed else timezone.now()
    log.save(update_fields=["status", "minutes_spent", "helpfulness", "reason", "note", "updated_at"])
    hooks.notify_occurrence_logged(occurrence)
    return log


def can_skip_today(occurrence: Occurrence, today: date) -> bool:
    """Whether "not today" fits: the occurrence is open today and stays open after it."""
    return occurrence.available_from <= today < occurrence.due_date


@transaction.atomic
def skip_today(*, occurrence: Occurrence, reason: NotDoneReason, note: str = "") -> Skip:
    """“Not today”: record why, for the client's today, and leave the occurrence open.

    On an occurrence's last day (or one already logged) there is no later day to keep it open
    for: the client says "I won't do this one" instead (``log_occurrence`` with "not done").
    """
    occurrence = _lock_occurrence(occurrence)
    today = client_today(occurrence.client)
    _refuse_before_it_opens(occurrence, today)
    if not can_skip_today(occurrence, today):
        raise HomeworkError(
            "Today is the last day for this one. If it won't happen, choose “I won't do this one”."
        )
    if Log.objects.filter(occurrence=occurrence).exists():
        raise HomeworkError("This one is already logged. You can change what you logged instead.")
    skip, created = Skip.objects.get_or_create(
        occurrence=occurrence,
        day=today,
        defaults={
            "assignment_id": occurrence.assignment_id,
            "client_id": occurrence.client_id,
            "reason": reason,
            "note": note,
        },
    )
    if not created and (skip.reason, skip.note) != (reason, note):
        skip.reason, skip.note = reason, note
        skip.save(update_fields=["reason", "note"])
    hooks.notify_occurrence_skipped(occurrence, today)
    return skip


@dataclass(frozen=True)
class SkipState:
    """What a "not today" said: what undoing a change to it puts back, and how to tell it changed."""

    reason: str
    note: str

    @classmethod
    def of(cls, skip: Skip) -> SkipState:
        return cls(skip.reason, skip.note)


@transaction.atomic
def undo_skip(
    *, occurrence: Occurrence, skip_id: int, said: SkipState, before: SkipState | None = None
) -> Skip | None:
    """Undo the "not today" the client has just said (a mis-tap), on the day they said it.

    ``skip_id`` is the skip that "not today" wrote, ``said`` what it said then, and ``before`` what
    the skip said before it, when the client had already said "not today" that day. A skip the
    client's "not today" made is deleted, and the day's reminders come back (the
    ``occurrence_unskipped`` hook); one it changed gets its reason and note back and stays.
    Another occurrence's skip, a skip of an earlier day, and one changed again since are left
    alone. Returns the skip put back, or None when it was deleted."""
    occurrence = _lock_occurrence(occurrence)
    today = client_today(occurrence.client)
    skip = Skip.objects.select_for_update().filter(pk=skip_id, occurrence=occurrence).first()
    if skip is None:
        raise HomeworkError("There is no “not today” here to undo.")
    if skip.day != today:
        raise HomeworkError("Only a “not today” said today can be undone.")
    if SkipState.of(skip) != said:
        raise HomeworkError("It has changed since, so it can't be undone.")
    if before is None:
        skip.delete()
        hooks.notify_occurrence_unskipped(occurrence, today)
        return None
    skip.reason, skip.note = before.reason, before.note
    skip.save(update_fields=["reason", "note"])
    hooks.notify_occurrence_skipped(occurrence, today)
    return skip


@transaction.atomic
def ask_at_next_session(*, assignment: Assignment, since: datetime) -> SessionQuestion:
    """Put "what do I do?" about ``assignment`` on the pre-session summary, once: a question
    already saved since ``since`` is returned as it is (a second click asks nothing new)."""
    _lock_assignment(assignment.pk)
    earlier = SessionQuestion.objects.filter(assignment=assignment, created_at__gte=since).first()
    if earlier is not None:
        return earlier
    return SessionQuestion.objects.create(
        assignment=assignment,
        client_id=assignment.client_id,
        text=f"I wasn't sure what to do for “{assignment.title}”.",
    )


@dataclass(frozen=True)
class MoodData:
    name: str
    intensity: int
    rerating: int | None = None


@dataclass(frozen=True)
class ThoughtData:
    text: str
    is_hot: bool = False


@dataclass(frozen=True)
class Outcome:
    """How it went, recorded as the occurrence's log when an entry is submitted."""

    status: LogStatus = LogStatus.DONE
    minutes_spent: int | None = None
    helpfulness: int | None = None


def _search_text(entry: Entry, *, moods: list[MoodData], thoughts: list[ThoughtData]) -> str:
    """What the history search looks in: the entry's own text, then a thought record's
    moods and thoughts as they will be once saved."""
    parts = [
        str(value)
        for field in type(entry)._meta.concrete_fields
        if field.get_internal_type() in ("TextField", "CharField")
        and field.name not in ("kind", "search_text", "feedback")
        and (value := getattr(entry, field.attname))
    ]
    parts += [m.name for m in moods]
    parts += [t.text for t in thoughts]
    return "\n".join(parts)


def _saved_rows(entry: Entry) -> tuple[list[MoodData], list[ThoughtData]]:
    """A saved thought record's moods and thoughts, in order; none for anything else."""
    if not isinstance(entry, ThoughtRecord) or entry._state.adding:
        return [], []
    moods = [MoodData(m.name, m.intensity, m.rerating) for m in entry.moods.order_by("position")]
    thoughts = [ThoughtData(t.text, t.is_hot) for t in entry.thoughts.order_by("position")]
    return moods, thoughts


@transaction.atomic
def save_entry(
    *,
    occurrence: Occurrence,
    fields: dict[str, Any],
    submit: bool,
    outcome: Outcome | None = None,
    moods: list[MoodData] | None = None,
    thoughts: list[ThoughtData] | None = None,
    loaded_version: str | None = None,
) -> Entry:
    """Create or update the occurrence's entry, as a draft or submitted.

    Submitting records the occurrence's log from ``outcome``. A submitted entry
    stays submitted when edited again. ``loaded_version`` is the ``Entry.version`` the
    page was loaded from ("" when there was no entry yet): when the entry has been saved
    since, nothing is written and ``EntryChanged`` says so. None skips that check.
    """
    # Lock the occurrence first: two first saves of a new entry must not both insert.
    occurrence = _lock_occurrence(occurrence)
    kind = occurrence.assignment.kind
    model = ENTRY_MODELS[kind]
    entry = model.objects.select_for_update().filter(occurrence=occurrence).first()
    if loaded_version is not None and entry is not None and entry.version != loaded_version:
        raise EntryChanged(entry)
    now = timezone.now()
    if entry is None:
        entry = model(
            client_id=occurrence.client_id,
            assignment_id=occurrence.assignment_id,
            occurrence=occurrence,
            kind=kind,
            created_at=now,
        )
    if kind != Kind.JOURNAL:
        fields.pop("is_private", None)
    for name, value in fields.items():
        setattr(entry, name, value)
    if thoughts is not None and len(thoughts) == 1:
        thoughts = [ThoughtData(text=thoughts[0].text, is_hot=True)]
    if thoughts is not None and sum(t.is_hot for t in thoughts) > 1:
        raise HomeworkError("Mark only one thought as the hot thought.")
    entry.updated_at = now
    if submit:
        missing = [name for name in REQUIRED_TO_FINISH[kind] if getattr(entry, name) in (None, "")]
        if missing:
            raise HomeworkError(f"Fill in {', '.join(missing)} to finish; you can save a draft meanwhile.")
        entry.is_draft = False
        entry.submitted_at = entry.submitted_at or now
    kept_moods, kept_thoughts = _saved_rows(entry)
    new_moods = kept_moods if moods is None else moods
    new_thoughts = kept_thoughts if thoughts is None else thoughts
    # One save per call: one INSERT or UPDATE, one change counted, one audit row.
    entry.search_text = _search_text(entry, moods=new_moods, thoughts=new_thoughts)
    if entry._state.adding:
        entry.save()
    else:
        changed = [*fields, "updated_at", "is_draft", "submitted_at", "search_text"]
        entry.save(update_fields=changed)
    if isinstance(entry, ThoughtRecord):
        # Replaced only when they changed: saving a draft again with the same moods and thoughts
        # leaves their rows (and the audit trail) alone.
        if new_moods != kept_moods:
            entry.moods.all().delete()
            Mood.objects.bulk_create(
                Mood(record=entry, name=m.name, intensity=m.intensity, rerating=m.rerating, position=i)
                for i, m in enumerate(new_moods)
            )
        if new_thoughts != kept_thoughts:
            entry.thoughts.all().delete()
            AutomaticThought.objects.bulk_create(
                AutomaticThought(record=entry, text=t.text, is_hot=t.is_hot, position=i)
                for i, t in enumerate(new_thoughts)
            )
    if submit:
        outcome = outcome or Outcome()
        log_occurrence(
            occurrence=occurrence,
            status=outcome.status,
            minutes_spent=outcome.minutes_spent,
            helpfulness=outcome.helpfulness,
        )
    else:
        hooks.notify_rows_changed(entry.client_id)
    return entry


@transaction.atomic
def leave_feedback(*, therapist: User, entry: Entry, text: str) -> Entry:
    """Write (or clear) the therapist's feedback. New or changed feedback is unread until the client
    opens the entry, and the client is told; cleared feedback withdraws that news."""
    _lock_assignment(entry.assignment_id)
    changed = text != entry.feedback
    entry.feedback = text
    entry.feedback_at = timezone.now() if text else None
    entry.feedback_by = therapist if text else None
    if changed:
        entry.feedback_read_at = None
    entry.save(update_fields=["feedback", "feedback_at", "feedback_by", "feedback_read_at"])
    hooks.notify_rows_changed(entry.client_id)
    if changed:
        link = reverse("homework-entry", args=[entry.pk])
        if text:
            hooks.notify_client(entry.client, hooks.News.FEEDBACK, link, entry.assignment_id, entry.pk)
        else:
            hooks.notify_news_withdrawn(entry.client, hooks.News.FEEDBACK, link)
    return entry


@dataclass(frozen=True)
class RemovedFeedback:
    """Feedback as it was before the therapist removed it: what an Undo puts back."""

    text: str
    at: datetime | None
    by_id: int | None
    read_at: datetime | None

    @classmethod
    def of(cls, entry: Entry) -> RemovedFeedback:
        return cls(entry.feedback, entry.feedback_at, entry.feedback_by_id, entry.feedback_read_at)


@transaction.atomic
def restore_feedback(*, entry: Entry, removed: RemovedFeedback) -> Entry:
    """Undo a removal: the same words back, with their original time and author, read or unread
    as they were. The client is not told again (they were told when it was first written), but
    unread feedback gets back the notification its removal withdrew. Refused when the entry has
    feedback again (written since), so an Undo never overwrites it."""
    _lock_assignment(entry.assignment_id)
    entry.refresh_from_db(fields=["feedback"])
    if entry.feedback:
        raise HomeworkError("This entry has feedback again, written since, so nothing was changed.")
    entry.feedback = removed.text
    entry.feedback_at = removed.at
    entry.feedback_by = User.objects.filter(pk=removed.by_id).first() if removed.by_id else None
    entry.feedback_read_at = removed.read_at
    entry.save(update_fields=["feedback", "feedback_at", "feedback_by", "feedback_read_at"])
    hooks.notify_rows_changed(entry.client_id)
    if removed.text and removed.read_at is None:
        link = reverse("homework-entry", args=[entry.pk])
        told_at = removed.at or timezone.now()
        hooks.notify_news_restored(entry.client, hooks.News.FEEDBACK, link, entry.assignment_id, told_at)
    return entry


@transaction.atomic
def mark_feedback_read(*, entry: Entry) -> bool:
    """The client has read the entry's feedback: Today stops saying it is new, and so does the
    notification that told them of it. One conditional UPDATE; True if it changed."""
    if not entry.has_unread_feedback:
        return False
    now = timezone.now()
    updated = Entry.objects.filter(pk=entry.pk, feedback_read_at__isnull=True).exclude(feedback="")
    if updated.update(feedback_read_at=now) != 1:
        return False
    entry.feedback_read_at = now
    hooks.notify_news_read(entry.client, hooks.News.FEEDBACK, reverse("homework-entry", args=[entry.pk]))
    return True


# --- Templates ---------------------------------------------------------------------------------


@transaction.atomic
def copy_template(*, therapist: User, template: Template) -> Template:
    """The therapist's own copy of ``template``, with its title unchanged: the title is what a
    client sees, and the library tells a copy apart by ``copied_from`` ("Your copy")."""
    now = timezone.now()
    copy = Template(
        owner=therapist,
        topic=template.topic,
        copied_from=template,
        created_at=now,
        updated_at=now,
        **{name: getattr(template, name) for name in SPEC_FIELDS},
    )
    copy.save()
    return copy


@transaction.atomic
def create_template(*, therapist: User, kind: str, **fields: Any) -> Template:
    """A template of the therapist's own, written from nothing: the kind and what the form gave."""
    now = timezone.now()
    template = Template(owner=therapist, kind=kind, created_at=now, updated_at=now, **fields)
    template.full_clean(exclude=["owner", "copied_from"])
    template.save()
    return template


@transaction.atomic
def update_template(*, template: Template, **fields: Any) -> Template:
    if template.owner_id is None:
        raise HomeworkError("Built-in templates cannot be changed; make your own copy first.")
    for name, value in fields.items():
        setattr(template, name, value)
    template.updated_at = timezone.now()
    template.full_clean(exclude=["owner", "copied_from"])
    template.save(update_fields=[*fields, "updated_at"])
    return template


# --- Goals ------------------------------------------------------------------------------------------


@transaction.atomic
def create_goal(*, client: User, created_by: User, text: str, rating: int | None = None) -> Goal:
    goal = Goal.objects.create(client=client, created_by=created_by, text=text)
    if rating is not None:
        GoalRating.objects.create(goal=goal, rating=rating, rated_by=created_by, is_starting=True)
    return goal


@transaction.atomic
def rate_goal(*, goal: Goal, rating: int, rated_by: User, note: str = "") -> tuple[GoalRating, bool]:
    """Rate the goal now. A goal has one rating a day (the client's local day): a second rating
    that day replaces the first. The starting rating given when the goal was set is the baseline
    and is never replaced: a rating on the day the goal was set is that day's own. Returns the
    rating and whether it replaced one. The goal's row is locked, so two ratings sent at once
    make one."""
    Goal.objects.select_for_update().filter(pk=goal.pk).first()
    now = timezone.now()
    day = now.astimezone(goal.client.zone).date()
    today = GoalRating.objects.filter(
        goal=goal,
        is_starting=False,
        rated_at__gte=datetime.combine(day, time.min, tzinfo=goal.client.zone),
        rated_at__lt=datetime.combine(day + timedelta(days=1), time.min, tzinfo=goal.client.zone),
    ).last()
    if today is None:
        return GoalRating.objects.create(goal=goal, rating=rating, note=note, rated_by=rated_by), False
    today.rating, today.note, today.rated_by, today.rated_at = rating, note, rated_by, now
    today.save(update_fields=["rating", "note", "rated_by", "rated_at"])
    return today, True


@transaction.atomic
def set_goal_status(*, goal: Goal, status: GoalStatus) -> Goal:
    goal.status = status
    goal.save(update_fields=["status"])
    return goal


def extend_occurrences() -> int:
    """Keep every active assignment planned through each client's horizon."""
    created = 0
    in_care = CareRelationship.objects.filter(client=OuterRef("client"), ended_at__isnull=True)
    active = Assignment.objects.filter(status=AssignmentStatus.ACTIVE).filter(Exists(in_care))
    for assignment in active.select_related("client"):
        created += plan_occurrences(assignment, from_date=client_today(assignment.client))
    return created
