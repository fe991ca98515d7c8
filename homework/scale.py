"""Homework history at scale for ``seed_scale``: goals, assignments, occurrences, logs, entries.

Each client gets about eight assignments made from the built-in library, of
mixed kinds and schedules, started over their time in care; older ones are
completed or archived, a few are paused. Occurrences are planned exactly as
``Assignment.occurrence_windows`` plans them (through the planning horizon for
active homework). How often a client logs varies by client, is worse at
weekends and has lapses of a few days; "not done" carries a reason. Most
completed practice has its worksheet, written with the same example texts as
the demo data. A few worksheets are drafts, a few journals are private, and
some entries carry the therapist's feedback.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import models

from homework import demo
from homework.models import (
    ENTRY_MODELS,
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
    Template,
)
from homework.services import PLANNING_HORIZON_DAYS, SPEC_FIELDS
from mallard.scale import RowIds, ScaleClient, ScaleRun, delete_where, ids_where

ASSIGNMENTS_PER_CLIENT = 8
RECENT_DAYS = 7  # occurrences due from a week ago and open within a week are handed on (for reminders)

OCCURRENCE_COLUMNS = ("id", "assignment_id", "client_id", "available_from", "due_date", "slot")
LOG_COLUMNS = (
    "occurrence_id", "assignment_id", "client_id", "status", "minutes_spent", "helpfulness", "reason",
    "note", "logged_at", "updated_at",
)  # fmt: skip

# (recurrence, weekdays, times a week), by kind: what therapists usually set for each.
SCHEDULES: dict[str, list[tuple[str, str, int | None]]] = {
    Kind.THOUGHT_RECORD: [(Recurrence.TIMES_PER_WEEK, "", 3), (Recurrence.TIMES_PER_WEEK, "", 2),
                          (Recurrence.WEEKDAYS, "024", None)],
    Kind.BEHAVIORAL_EXPERIMENT: [(Recurrence.TIMES_PER_WEEK, "", 1)],
    Kind.JOURNAL: [(Recurrence.WEEKDAYS, "0246", None),
                   (Recurrence.TIMES_PER_WEEK, "", 3), (Recurrence.TIMES_PER_WEEK, "", 2)],
    Kind.RELAXATION: [(Recurrence.DAILY, "", None), (Recurrence.WEEKDAYS, "024", None),
                      (Recurrence.TIMES_PER_WEEK, "", 3)],
    Kind.READING: [(Recurrence.ONCE, "", None), (Recurrence.TIMES_PER_WEEK, "", 1)],
    Kind.SKILL_PRACTICE: [(Recurrence.TIMES_PER_WEEK, "", 2), (Recurrence.WEEKDAYS, "135", None)],
}  # fmt: skip
PREFERRED_TIMES = [time(7, 30), time(8, 0), time(12, 30), time(18, 0), time(19, 30), time(20, 0), time(21, 0)]
GOALS = [
    "Speak up at least once in every team meeting",
    "Feel more in control when I get angry",
    "Leave work by 18:30 on most days",
    "Sleep through the night more often",
    "Go to the supermarket on my own",
    "Spend less time going over what I said after conversations",
    "Get back in touch with two old friends",
    "Say no to extra work without feeling guilty for the rest of the day",
]
IMPLEMENTATION = [
    ("dinner", "sit at the kitchen table and fill it in"),
    ("I brush my teeth", "do it before checking my phone"),
    ("When I get home from work", "take fifteen minutes for it first"),
    ("", ""),
    ("", ""),
]
OBSTACLES = [
    ("Feeling too tired in the evening", "Do the smaller version instead"),
    ("Forgetting when the day gets busy", "Put a note on the fridge"),
    ("", ""),
    ("", ""),
]
NOTES = ["", "", "", "", "Busy week at work.", "Easier than last time.", "I'll try again tomorrow."]
FEEDBACK = [
    "Really well done for sticking with this. Let's look at what you noticed next session.",
    "Thank you for writing this down so carefully; bring it along on Thursday.",
    "Good to see you tried the smaller version on a hard day: that counts.",
]
REASON_WEIGHTS = {
    NotDoneReason.FORGOT: 5,
    NotDoneReason.NO_TIME: 5,
    NotDoneReason.TOO_HARD: 2,
    NotDoneReason.DIDNT_UNDERSTAND: 1,
    NotDoneReason.AVOIDED: 3,
    NotDoneReason.NOT_HELPFUL: 1,
    NotDoneReason.OTHER: 1,
}
REASONS = list(REASON_WEIGHTS)
REASON_CUMULATIVE = list(REASON_WEIGHTS.values())


def _library() -> list[Template]:
    templates = list(Template.objects.filter(owner__isnull=True).order_by("slug"))
    if not templates:
        raise RuntimeError("The built-in homework library is missing: run `manage.py migrate` first.")
    return templates


def _lapses(client: ScaleClient, rng: random.Random) -> set[date]:
    """Days the client logged nothing at all: a few stretches of two to six days."""
    days: set[date] = set()
    day = client.first_day
    while day < client.today:
        if rng.random() < 0.035:
            length = rng.randint(2, 6)
            days.update(day + timedelta(days=i) for i in range(length))
            day += timedelta(days=length)
        day += timedelta(days=1)
    return days


def generate(run: ScaleRun, clients: list[ScaleClient]) -> None:
    library = run.shared.get("homework.library")
    if library is None:
        library = run.shared["homework.library"] = _library()
    recent: dict[int, list[tuple[Any, ...]]] = {}
    run.shared["homework.recent_occurrences"] = recent
    for client in clients:
        recent[client.id] = _client(run, client, library, run.rng("homework", client.number))


def _client(
    run: ScaleRun, client: ScaleClient, library: list[Template], rng: random.Random
) -> list[tuple[Any, ...]]:
    writer = run.writer
    goal_ids = _goals(run, client, rng)
    lapses = _lapses(client, rng)
    first, today = client.first_day, client.today
    span = max(0, (today - first).days)
    starts = [first] * 3 + sorted(
        first + timedelta(days=rng.randint(0, span)) for _ in range(ASSIGNMENTS_PER_CLIENT - 3)
    )
    recent: list[tuple[Any, ...]] = []
    for n, start in enumerate(starts):
        template = library[(client.number * 5 + n * 7 + rng.randint(0, 2)) % len(library)]
        recurrence, weekdays, per_week = rng.choice(SCHEDULES[template.kind])
        status = AssignmentStatus.ACTIVE
        end: date | None = None
        last = today + timedelta(days=PLANNING_HORIZON_DAYS)
        if recurrence == Recurrence.ONCE:
            end = start + timedelta(days=6)
            if end < today:
                status = AssignmentStatus.COMPLETED
        elif n >= 3 or rng.random() < 0.6:
            lasts = timedelta(days=rng.randint(14, 56))
            if start + lasts < today:
                end = start + lasts
                status = AssignmentStatus.ARCHIVED if rng.random() < 0.15 else AssignmentStatus.COMPLETED
                last = end
        if status == AssignmentStatus.ACTIVE and end is None and rng.random() < 0.06:
            status = AssignmentStatus.PAUSED
            last = today - timedelta(days=rng.randint(0, min(10, span)))
        after, will = rng.choice(IMPLEMENTATION)
        obstacle, plan = rng.choice(OBSTACLES)
        created = max(client.care_started_at, client.at(start, time(9, 0)) - timedelta(days=1))
        assignment = Assignment(
            id=writer.new_id(Assignment),
            therapist_id=client.therapist_id,
            client_id=client.id,
            template_id=template.pk,
            goal_id=goal_ids[0] if goal_ids and rng.random() < 0.5 else None,
            start_date=start,
            recurrence=recurrence,
            weekdays=weekdays,
            times_per_week=per_week,
            end_date=end,
            preferred_time=rng.choice(PREFERRED_TIMES),
            implementation_after=after,
            implementation_will=will if after else "",
            obstacle=obstacle,
            obstacle_plan=plan,
            status=status,
            created_at=created,
            updated_at=created,
            **{name: getattr(template, name) for name in SPEC_FIELDS},
        )
        values = {f.attname: getattr(assignment, f.attname) for f in Assignment._meta.local_concrete_fields}
        writer.insert(Assignment, **values)
        windows = assignment.occurrence_windows(start, last)
        _occurrences(run, client, assignment, template.slug or "", windows, lapses, rng, recent)
    return recent


def _goals(run: ScaleRun, client: ScaleClient, rng: random.Random) -> list[int]:
    writer = run.writer
    ids = []
    for g in range(1 if rng.random() < 0.5 else 2):
        goal_id = writer.new_id(Goal)
        created = client.care_started_at + timedelta(hours=1)
        status = GoalStatus.ACHIEVED if g == 1 and rng.random() < 0.3 else GoalStatus.ACTIVE
        writer.insert(
            Goal,
            id=goal_id,
            client_id=client.id,
            created_by_id=client.therapist_id,
            text=GOALS[(client.number + 3 * g) % len(GOALS)],
            status=status,
            created_at=created,
        )
        rating = rng.randint(1, 4)
        moment = created
        while moment <= run.now:
            writer.insert(
                GoalRating, goal_id=goal_id, rating=rating, note="", rated_at=moment, rated_by_id=client.id
            )
            rating = min(10, max(0, rating + rng.choice((-1, 0, 1, 1))))
            moment += timedelta(days=14)
        ids.append(goal_id)
    return ids


def _practice_day(opens: date, due: date, slot: int, per_week: int) -> date:
    """The day the practice happens: the due date, or the slot's share of a weekly window."""
    if opens == due:
        return due
    return opens + timedelta(days=(slot - 1) * ((due - opens).days + 1) // max(per_week, slot))


def _occurrences(
    run: ScaleRun,
    client: ScaleClient,
    assignment: Assignment,
    slug: str,
    windows: list[tuple[date, date, int]],
    lapses: set[date],
    rng: random.Random,
    recent: list[tuple[Any, ...]],
) -> None:
    writer, now, today = run.writer, run.now, client.today
    random_ = rng.random
    per_week = assignment.times_per_week or 1
    at = assignment.preferred_time or time(20, 0)
    is_active = assignment.status == AssignmentStatus.ACTIVE
    not_done_rate = 0.08 + (1 - client.adherence) * 0.25
    recent_from, recent_to = today - timedelta(days=RECENT_DAYS), today + timedelta(days=RECENT_DAYS)
    for n, (opens, due, slot) in enumerate(windows):
        occurrence_id = writer.new_id(Occurrence)
        writer.add(
            Occurrence, OCCURRENCE_COLUMNS, (occurrence_id, assignment.pk, client.id, opens, due, slot)
        )
        day = _practice_day(opens, due, slot, per_week)
        moment: datetime | None = None
        if day <= today and day not in lapses:
            chance = client.adherence * (0.7 if day.weekday() >= 5 else 1.0)
            if random_() < chance:
                late = (
                    rng.randint(-45, 150) if random_() < 0.9 else rng.randint(600, 900)
                )  # some log next morning
                moment = client.at(day, at) + timedelta(minutes=late)
                if moment > now:
                    moment = None
        if moment is not None:
            _log(run, client, assignment, slug, occurrence_id, n, moment, not_done_rate, rng)
        elif opens <= today <= due and random_() < 0.05:
            _entry(run, client, assignment, slug, occurrence_id, n, now - timedelta(hours=1), rng, draft=True)
        if is_active and due >= recent_from and opens <= recent_to:
            recent.append(
                (occurrence_id, assignment.pk, opens, due, slot, at, assignment.recurrence, per_week, moment)
            )


def _log(
    run: ScaleRun,
    client: ScaleClient,
    assignment: Assignment,
    slug: str,
    occurrence_id: int,
    n: int,
    moment: datetime,
    not_done_rate: float,
    rng: random.Random,
) -> None:
    if rng.random() < not_done_rate:
        reason = rng.choices(REASONS, weights=REASON_CUMULATIVE)[0]
        row: tuple[Any, ...] = (occurrence_id, assignment.pk, client.id, LogStatus.NOT_DONE.value, None, None,
                                reason.value, rng.choice(NOTES), moment, moment)  # fmt: skip
        run.writer.add(Log, LOG_COLUMNS, row)
        return
    status = rng.choices((LogStatus.DONE, LogStatus.SMALLER, LogStatus.PARTLY), weights=(7, 2, 1))[0]
    minutes = max(
        2, assignment.estimated_minutes // (1 if status == LogStatus.DONE else 2) + rng.randint(-2, 3)
    )
    helpfulness = rng.randint(3, 10) if rng.random() < 0.6 else None
    row = (occurrence_id, assignment.pk, client.id, status.value, minutes, helpfulness, "", rng.choice(NOTES),
           moment, moment)  # fmt: skip
    run.writer.add(Log, LOG_COLUMNS, row)
    if rng.random() < 0.7:
        _entry(run, client, assignment, slug, occurrence_id, n, moment, rng, draft=False)


def _entry_fields(assignment: Assignment, slug: str, n: int, rng: random.Random) -> dict[str, Any]:
    if assignment.kind == Kind.THOUGHT_RECORD:
        record = demo.THOUGHT_RECORDS[n % len(demo.THOUGHT_RECORDS)]
        fields = {
            k: record[k] for k in ("situation", "evidence_for", "evidence_against", "alternative_thought")
        }
        fields["alternative_belief"] = record["alternative_belief"]
        return fields
    return demo._entry_fields(assignment, slug, n, rng)


def _entry(
    run: ScaleRun,
    client: ScaleClient,
    assignment: Assignment,
    slug: str,
    occurrence_id: int,
    n: int,
    moment: datetime,
    rng: random.Random,
    *,
    draft: bool,
) -> None:
    writer = run.writer
    kind = assignment.kind
    fields = _entry_fields(assignment, slug, n, rng)
    if draft:  # a worksheet begun and saved for later: only its first answer
        first_name = next(iter(fields))
        fields = {first_name: fields[first_name]}
    entry_id = writer.new_id(Entry)
    moods: list[tuple[str, int, int | None]] = []
    thoughts: list[tuple[str, bool]] = []
    if kind == Kind.THOUGHT_RECORD:
        record = demo.THOUGHT_RECORDS[n % len(demo.THOUGHT_RECORDS)]
        moods = [(m, i, None if draft else r) for m, i, r in record["moods"]]
        thoughts = record["thoughts"][:1] if draft else list(record["thoughts"])
    search = [str(v) for v in fields.values() if isinstance(v, str) and v]
    search += [m[0] for m in moods] + [t[0] for t in thoughts]
    private = kind == Kind.JOURNAL and not draft and rng.random() < 0.15
    feedback, feedback_at, feedback_by = "", None, None
    if not draft and rng.random() < 0.08:
        reply_at = moment + timedelta(days=1, hours=rng.randint(0, 6))
        if reply_at <= run.now:
            feedback, feedback_at, feedback_by = rng.choice(FEEDBACK), reply_at, client.therapist_id
    writer.insert(
        Entry,
        id=entry_id,
        client_id=client.id,
        assignment_id=assignment.pk,
        occurrence_id=occurrence_id,
        kind=kind,
        is_draft=draft,
        is_private=private,
        created_at=moment - timedelta(minutes=assignment.estimated_minutes),
        updated_at=moment,
        submitted_at=None if draft else moment,
        search_text="\n".join(search),
        feedback=feedback,
        feedback_at=feedback_at,
        feedback_by_id=feedback_by,
    )
    child = ENTRY_MODELS[kind]
    writer.insert(child, entry_ptr_id=entry_id, **fields)
    for position, (name, intensity, rerating) in enumerate(moods):
        writer.insert(
            Mood, record_id=entry_id, name=name, intensity=intensity, rerating=rerating, position=position
        )
    for position, (text, hot) in enumerate(thoughts):
        writer.insert(AutomaticThought, record_id=entry_id, text=text, is_hot=hot, position=position)


TABLES: list[type[models.Model]] = [
    Goal, GoalRating, Assignment, Occurrence, Log, Entry, *ENTRY_MODELS.values(), Mood, AutomaticThought,
]  # fmt: skip


def tables() -> list[str]:
    return [model._meta.db_table for model in TABLES]


def flush(users: RowIds) -> None:
    """Delete the homework of the generated people."""
    entries = ids_where(Entry, "client", users)
    delete_where(Mood, "record", entries)
    delete_where(AutomaticThought, "record", entries)
    for kind_model in ENTRY_MODELS.values():
        delete_where(kind_model, "entry_ptr", entries)
    for model in (Entry, Log, Occurrence, Assignment):
        delete_where(model, "client", users)
    delete_where(GoalRating, "goal", ids_where(Goal, "client", users))
    delete_where(Goal, "client", users)
