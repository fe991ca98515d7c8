"""Reads for the therapist's homework pages. Each page costs a fixed number of queries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import CharField, Count, F, Max, OuterRef, Q, QuerySet, StringAgg, Subquery, Value
from django.db.models.functions import Cast, Coalesce

from homework.access import entries_for_therapist, templates_for_therapist, therapist_can_read
from homework.models import (
    ENTRY_MODELS,
    Assignment,
    AssignmentStatus,
    Entry,
    Goal,
    GoalRating,
    Kind,
    Log,
    LogStatus,
    OneOffState,
    Recurrence,
    Skip,
    Template,
    ThoughtRecord,
)
from homework.selectors.today import OVERDUE_DAYS
from homework.services import SPEC_FIELDS, client_today
from mallard.access import clients_of
from mallard.lib.dates import weekday_in_year
from mallard.lib.text import query_id
from mallard.models import User

ADHERENCE_DAYS = 14
RECENT_ENTRIES = 20
RECENT_LOGS = 20


# --- Library ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Library:
    builtin: list[Template]
    mine: list[Template]

    @property
    def is_empty(self) -> bool:
        return not self.builtin and not self.mine


def library(therapist: User, *, kind: str = "", query: str = "") -> Library:
    """The built-in library and the therapist's own templates, filtered, in one query."""
    templates = templates_for_therapist(therapist).order_by("kind", "title", "pk")
    if kind:
        templates = templates.filter(kind=kind)
    if query:
        templates = templates.filter(title__icontains=query)
    rows = list(templates)
    return Library(
        builtin=[t for t in rows if t.owner_id is None], mine=[t for t in rows if t.owner_id is not None]
    )


def chosen_client(therapist: User, raw: str | None) -> User | None:
    """The client named by a ``?client=`` parameter, if they are in the therapist's care."""
    pk = query_id(raw)
    return None if pk is None else clients_of(therapist).filter(pk=pk).first()


# How often each kind is first offered when assigning; the therapist changes it in the form.
# Reading is read once, due within the week before the next session (sessions are usually
# weekly); an experiment or a skill is planned for one situation a week, as the library's
# wording says ("Choose one situation this week"); the other kinds are daily practice.
WEEKLY_KINDS = (Kind.BEHAVIORAL_EXPERIMENT, Kind.SKILL_PRACTICE)
READING_DAYS = 7


def assign_initial(therapist: User, template: Template, client: User | None) -> dict[str, Any]:
    """The assign form's starting values: the template's, starting today in the client's zone.

    Without a chosen client the start date stays empty; the form then takes the
    chosen client's today, never the therapist's.
    """
    initial: dict[str, Any] = {name: getattr(template, name) for name in SPEC_FIELDS if name != "kind"}
    initial["recurrence"] = Recurrence.DAILY
    if client is not None:
        initial.update(client=client.pk, start_date=client_today(client))
    return initial


def library_assign_initial(therapist: User, template: Template, client: User | None) -> dict[str, Any]:
    """``assign_initial`` for "Assign to a client" from the library: also how often the template's
    kind is usually done and the "I will ___" plan in the template's words (``suggested_will``),
    so that the form sent as it is gives the client a complete, specific task."""
    initial = assign_initial(therapist, template, client)
    initial["implementation_will"] = template.suggested_will
    if template.kind == Kind.READING:
        today = client_today(client) if client is not None else therapist.local_now().date()
        initial.update(recurrence=Recurrence.ONCE, end_date=today + timedelta(days=READING_DAYS - 1))
    elif template.kind in WEEKLY_KINDS:
        initial.update(recurrence=Recurrence.TIMES_PER_WEEK, times_per_week=1)
    return initial


# --- One client's homework ---------------------------------------------------------------------


STATUS_ORDER = (
    AssignmentStatus.ACTIVE,
    AssignmentStatus.PAUSED,
    AssignmentStatus.COMPLETED,
    AssignmentStatus.ARCHIVED,
)


@dataclass(frozen=True)
class Adherence:
    """How the occurrences due in the last ``ADHERENCE_DAYS`` days went.

    An occurrence due on the client's today and not logged yet is ``still_open``: the day is not
    over, so it is neither "not logged" nor part of ``due`` (the rate's denominator) until the day
    has passed. Logged, it counts at once. ``due`` is the sum of the other five counts.
    """

    due: int
    done: int
    smaller: int
    partly: int
    not_done: int
    not_logged: int
    still_open: int

    @property
    def completed(self) -> int:
        """What "done" means on every page (the caseload's note, the client's progress page):
        done, the smaller version and partly (``DONE_STATUSES``)."""
        return self.done + self.smaller + self.partly

    @property
    def text(self) -> str:
        """The counts in words, the one wording every therapist's page shows: for example “9 of 14
        done (2 smaller versions, 1 partly), 3 not done, 2 not logged, 1 still open today”. What is
        still open today is not counted in the 14 until the day is over."""
        still_open = f"{self.still_open} still open today" if self.still_open else ""
        if not self.due:
            return f"Nothing due yet, {still_open}" if still_open else "Nothing due"
        text = f"{self.completed} of {self.due} done"
        extras = []
        if self.smaller:
            extras.append(f"{self.smaller} smaller version{'s' if self.smaller > 1 else ''}")
        if self.partly:
            extras.append(f"{self.partly} partly")
        if extras:
            text += f" ({', '.join(extras)})"
        if self.not_done:
            text += f", {self.not_done} not done"
        if self.not_logged:
            text += f", {self.not_logged} not logged"
        if still_open:
            text += f", {still_open}"
        return text


@dataclass(frozen=True)
class Overdue:
    """An assignment's overdue days, as the caseload counts them (``sessions_app.selectors.caseload``):
    due in the ``OVERDUE_DAYS`` days before the client's today, not logged, not a day a change of
    schedule left out, and the assignment not archived. ``days`` holds each day once, oldest
    first, with how many were due on it (a weekly quota's slots share their last day)."""

    days: tuple[tuple[date, int], ...]
    today: date

    @property
    def count(self) -> int:
        return sum(n for _, n in self.days)

    @property
    def text(self) -> str:
        """ "Overdue: Saturday 5 December", "Overdue: Friday 4 December and Saturday 5 December",
        "Overdue: 2 by Sunday 6 December" (two of a week's slots)."""
        year = self.today.year
        parts = [
            weekday_in_year(day, year) if n == 1 else f"{n} by {weekday_in_year(day, year)}"
            for day, n in self.days
        ]
        listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
        return f"Overdue: {listed}"


def overdue_of(assignment: Assignment, today: date) -> Overdue | None:
    """The overdue days ``assignments_with_adherence`` read for ``assignment``; None when none."""
    raw = getattr(assignment, "overdue_days", None) or ""
    if assignment.status == AssignmentStatus.ARCHIVED or not raw:
        return None
    counted = Counter(date.fromisoformat(text[:10]) for text in raw.split(","))
    return Overdue(days=tuple(sorted(counted.items())), today=today)


def overdue_words(overdue: Overdue | None, one_off: OneOffState | None) -> str:
    """The overdue days in words, unless a one-off's state says so already ("Overdue since …")."""
    if overdue is None or (one_off is not None and one_off.is_outstanding):
        return ""
    return overdue.text


@dataclass(frozen=True)
class AssignmentRow:
    assignment: Assignment
    adherence: Adherence
    one_off: OneOffState | None = None  # a one-off's state: "Done on 3 December", "Overdue since …"
    overdue: Overdue | None = None  # its overdue days: "Overdue: Saturday 5 December"

    @property
    def overdue_text(self) -> str:
        return overdue_words(self.overdue, self.one_off)


@dataclass(frozen=True)
class StatusGroup:
    status: AssignmentStatus
    assignments: list[AssignmentRow]

    @property
    def label(self) -> str:
        return self.status.label


@dataclass(frozen=True)
class ClientHomework:
    client: User
    today: date
    window_start: date
    groups: list[StatusGroup]
    goals: list[Goal]
    entries: list[Entry]
    not_done_logs: list[Log]
    noted_logs: list[Log]
    not_today: list[Skip]

    @property
    def has_assignments(self) -> bool:
        return any(group.assignments for group in self.groups)


ADHERENCE_FIELDS = ("due", "done", "smaller", "partly", "not_done", "not_logged", "still_open")


def active_assignment_from(therapist: User, client: User, template: Template) -> Assignment | None:
    """The client's active assignment made from ``template`` by this therapist, if any (newest)."""
    return (
        Assignment.objects.filter(
            therapist=therapist, client=client, template=template, status=AssignmentStatus.ACTIVE
        )
        .order_by("-created_at", "-pk")
        .first()
    )


def assignments_with_adherence(client: User, *, first: date, last: date) -> QuerySet[Assignment]:
    """The client's assignments, each annotated with how its occurrences due in [first, last] went
    (``Adherence``; one due on the client's today and not logged is still open, not "not logged").

    Also each one's overdue days (``overdue_days``, the due dates joined by commas; ``overdue_of``),
    by the caseload's rule, whatever ``first`` and ``last`` are.

    One query: every count is a filtered ``Count`` over the occurrences joined to their log.
    """
    in_period = Q(occurrences__due_date__gte=first, occurrences__due_date__lte=last)
    today = client_today(client)
    overdue = Q(
        occurrences__due_date__gte=today - timedelta(days=OVERDUE_DAYS),
        occurrences__due_date__lt=today,
        occurrences__log__isnull=True,
        occurrences__left_schedule_on__isnull=True,
    )
    past = Q(occurrences__due_date__lt=today)
    not_past = Q(occurrences__due_date__gte=today)
    unlogged = Q(occurrences__log__isnull=True)

    def count(condition: Q) -> Count:
        return Count("occurrences", filter=in_period & condition)

    # A one-off's own occurrence (the one due on its due day, ``Assignment.due_day``), whenever it
    # is due: at most one row of the join, so Max reads its log's values (``one_off_of``).
    own = Q(
        recurrence=Recurrence.ONCE,
        occurrences__slot=1,
        occurrences__due_date=Coalesce(F("end_date"), F("start_date")),
    )
    return (
        Assignment.objects.filter(client=client)
        .select_related("goal")
        .annotate(
            due_count=count(past | Q(occurrences__log__isnull=False)),
            done_count=count(Q(occurrences__log__status=LogStatus.DONE)),
            smaller_count=count(Q(occurrences__log__status=LogStatus.SMALLER)),
            partly_count=count(Q(occurrences__log__status=LogStatus.PARTLY)),
            not_done_count=count(Q(occurrences__log__status=LogStatus.NOT_DONE)),
            not_logged_count=count(unlogged & past),
            still_open_count=count(unlogged & not_past),
            once_log_status=Max("occurrences__log__status", filter=own),
            once_logged_at=Max("occurrences__log__logged_at", filter=own),
            once_reason=Max("occurrences__log__reason", filter=own),
            overdue_days=StringAgg(
                Cast("occurrences__due_date", CharField()), delimiter=Value(","), filter=overdue
            ),
        )
        .order_by("-created_at", "-pk")
    )


def one_off_of(assignment: Assignment, client: User, today: date) -> OneOffState | None:
    """Where a one-off from ``assignments_with_adherence`` stands on the client's ``today``
    (``Assignment.one_off_state``, from the log the query read); None for a recurring one."""
    return assignment.one_off_state(
        today,
        log_status=getattr(assignment, "once_log_status", None) or "",
        logged_at=getattr(assignment, "once_logged_at", None),
        reason=getattr(assignment, "once_reason", None) or "",
        zone=client.zone,
    )


def one_off_now(assignment: Assignment) -> OneOffState | None:
    """Where a one-off stands on its client's today, from the log of its day due on the due day
    (one query); None for a recurring assignment. The edit page says when it is already done."""
    if assignment.recurrence != Recurrence.ONCE:
        return None
    log = (
        Log.objects.filter(
            occurrence__assignment=assignment, occurrence__due_date=assignment.due_day, occurrence__slot=1
        )
        .only("status", "logged_at", "reason")
        .first()
    )
    today = client_today(assignment.client)
    if log is None:
        return assignment.one_off_state(today)
    return assignment.one_off_state(
        today, log_status=log.status, logged_at=log.logged_at, reason=log.reason, zone=assignment.client.zone
    )


def goals_with_latest_rating(client: User) -> QuerySet[Goal]:
    latest = GoalRating.objects.filter(goal=OuterRef("pk")).order_by("-rated_at", "-pk")
    return Goal.objects.filter(client=client).annotate(
        latest_rating=Subquery(latest.values("rating")[:1]),
        latest_rated_at=Subquery(latest.values("rated_at")[:1]),
    )


def recent_entries(therapist: User, client: User) -> list[Entry]:
    """Submitted entries only (drafts never reach the therapist), newest first."""
    return list(
        entries_for_therapist(therapist)
        .filter(client=client)
        .select_related("assignment", "occurrence__log")
        .order_by("-submitted_at", "-pk")[:RECENT_ENTRIES]
    )


def recent_not_done_logs(client: User) -> list[Log]:
    return list(
        Log.objects.filter(client=client, status=LogStatus.NOT_DONE)
        .select_related("assignment", "occurrence")
        .order_by("-logged_at", "-pk")[:RECENT_LOGS]
    )


def recent_not_today(client: User) -> list[Skip]:
    """The client's latest "not today", newest first, with their reasons: also one whose
    occurrence a change of schedule removed since (``Skip.occurrence`` empty)."""
    return list(
        Skip.objects.filter(client=client)
        .select_related("assignment")
        .order_by("-day", "-created_at", "-pk")[:RECENT_LOGS]
    )


def recent_log_notes(client: User) -> list[Log]:
    """The client's latest logs of something done (fully, partly or smaller) that carry a note.

    A private journal's log note stays private, as its entry does (``therapist_can_read``).
    """
    return list(
        Log.objects.filter(client=client)
        .exclude(status=LogStatus.NOT_DONE)
        .exclude(note="")
        .exclude(occurrence__entry__is_private=True)
        .select_related("assignment", "occurrence")  # the day each log is for (``Log.late_day``)
        .order_by("-logged_at", "-pk")[:RECENT_LOGS]
    )


def client_homework(therapist: User, client: User) -> ClientHomework:
    """Everything on the client's homework page, in a fixed number of queries."""
    today = client_today(client)
    first = today - timedelta(days=ADHERENCE_DAYS - 1)
    by_status: dict[str, list[AssignmentRow]] = {status: [] for status in STATUS_ORDER}
    for assignment in assignments_with_adherence(client, first=first, last=today):
        adherence = Adherence(**{name: getattr(assignment, f"{name}_count") for name in ADHERENCE_FIELDS})
        row = AssignmentRow(
            assignment, adherence, one_off_of(assignment, client, today), overdue_of(assignment, today)
        )
        by_status.setdefault(assignment.status, []).append(row)
    return ClientHomework(
        client=client,
        today=today,
        window_start=first,
        groups=[StatusGroup(status, by_status[status]) for status in STATUS_ORDER],
        goals=list(goals_with_latest_rating(client)),
        entries=recent_entries(therapist, client),
        not_done_logs=recent_not_done_logs(client),
        noted_logs=recent_log_notes(client),
        not_today=recent_not_today(client),
    )


# --- One entry ---------------------------------------------------------------------------------


def entry_content(entry: Entry) -> Entry | None:
    """The entry as its own kind with everything it says, or None when it is private."""
    if not therapist_can_read(entry):
        return None
    if entry.kind == Kind.THOUGHT_RECORD:
        return ThoughtRecord.objects.prefetch_related("moods", "thoughts").get(pk=entry.pk)
    return ENTRY_MODELS[entry.kind].objects.get(pk=entry.pk)


def entry_log(entry: Entry) -> Log | None:
    return Log.objects.filter(occurrence_id=entry.occurrence_id).first()
