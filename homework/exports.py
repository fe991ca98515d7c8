"""Homework's section of a client's export (see ``mallard/exports.py``).

The client's own export holds every assignment, occurrence, log, worksheet
entry (drafts and private journal entries included), goal and rating. A
therapist's export holds what the therapist's pages show: no drafts, and for a
private journal entry only that it was done (``homework.access.therapist_can_read``),
never what it or its log note says.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from homework.access import therapist_can_read
from homework.models import (
    ENTRY_MODELS,
    ENTRY_NOUNS,
    Assignment,
    Entry,
    FurtherExperiment,
    Goal,
    GoalStatus,
    Kind,
    Log,
    LogStatus,
    NotDoneReason,
    Occurrence,
    Skip,
    ThoughtRecord,
)
from mallard.exports import Fact, Item, Part, Words, facts, for_client, record
from mallard.models import User

# Derived from the entry's own fields for search; not information in its own right.
ENTRY_EXCLUDE = ("search_text",)
# What a therapist's export keeps of an entry they may not read.
PRIVATE_ENTRY_FIELDS = (
    "id",
    "kind",
    "assignment_id",
    "occurrence_id",
    "is_draft",
    "is_private",
    "created_at",
    "updated_at",
    "submitted_at",
    "feedback",
    "feedback_at",
    "feedback_by_id",
    "feedback_read_at",
)


def _entry_row(entry: Entry, *, readable: bool) -> dict[str, Any]:
    row = record(entry, exclude=ENTRY_EXCLUDE)
    if not readable:
        return {key: row[key] for key in PRIVATE_ENTRY_FIELDS}
    if isinstance(entry, ThoughtRecord):
        row["moods"] = [record(mood, exclude=("record",)) for mood in entry.moods.all()]
        row["automatic_thoughts"] = [record(thought, exclude=("record",)) for thought in entry.thoughts.all()]
    return row


def _entries(client: User, *, own: bool) -> tuple[dict[str, list[dict[str, Any]]], set[int]]:
    """Entries by kind (one query per kind, two more for thought records' moods and thoughts),
    and the occurrences whose entry the viewer may not read."""
    by_kind: dict[str, list[dict[str, Any]]] = {}
    hidden: set[int] = set()
    for kind, model in ENTRY_MODELS.items():
        rows: QuerySet[Any] = (
            ThoughtRecord.objects.prefetch_related("moods", "thoughts")
            if kind == Kind.THOUGHT_RECORD
            else model.objects.all()
        )
        rows = rows.filter(client=client).order_by("created_at", "pk")
        if not own:
            rows = rows.filter(is_draft=False)
        by_kind[kind] = []
        for entry in rows:
            readable = own or therapist_can_read(entry)
            if not readable:
                hidden.add(entry.occurrence_id)
            by_kind[kind].append(_entry_row(entry, readable=readable))
    return by_kind, hidden


def homework_section(client: User, *, viewer: User) -> dict[str, Any]:
    own = for_client(client, viewer)
    entries, hidden_occurrences = _entries(client, own=own)
    logs = []
    for log in Log.objects.filter(client=client).order_by("logged_at", "pk"):
        row = record(log)
        if log.occurrence_id in hidden_occurrences:
            row["note"] = None
        logs.append(row)
    goals = Goal.objects.filter(client=client).prefetch_related("ratings").order_by("created_at", "pk")
    return {
        "assignments": [
            record(a) for a in Assignment.objects.filter(client=client).order_by("created_at", "pk")
        ],
        "occurrences": [
            record(o) for o in Occurrence.objects.filter(client=client).order_by("due_date", "slot", "pk")
        ],
        "logs": logs,
        "not_today": [record(skip) for skip in Skip.objects.filter(client=client).order_by("day", "pk")],
        "entries": entries,
        "goals": [
            record(goal, extra={"ratings": [record(r, exclude=("goal",)) for r in goal.ratings.all()]})
            for goal in goals
        ],
    }


# --- The printable report: the same data, grouped by assignment, in words ----------------------


def _out_of(value: int | None, scale: int) -> str | None:
    return None if value is None else f"{value} out of {scale}"


def _before_after(before: int | None, after: int | None, scale: int) -> str | None:
    if before is None and after is None:
        return None
    if after is None:
        return f"{before} out of {scale} before"
    if before is None:
        return f"{after} out of {scale} after"
    return f"{before} out of {scale} before, {after} after"


def _thought_record(row: dict[str, Any]) -> tuple[Fact, ...]:
    moods = ", ".join(
        f"{mood['name']} {mood['intensity']}"
        + (f" (then {mood['rerating']})" if mood["rerating"] is not None else "")
        for mood in row["moods"]
    )
    thoughts = "\n".join(
        thought["text"] + (" (the hot thought)" if thought["is_hot"] else "")
        for thought in row["automatic_thoughts"]
    )
    hot = _out_of(row["hot_belief"], 100)
    if hot and row["hot_belief_after"] is not None:
        hot += f"; afterwards {row['hot_belief_after']}"
    return facts(
        ("Situation", row["situation"]),
        ("Moods (0 to 100)", moods),
        ("Automatic thoughts or images", thoughts),
        ("Belief in the hot thought", hot),
        ("Evidence that supports the hot thought", row["evidence_for"]),
        ("Evidence that does not support it", row["evidence_against"]),
        ("Alternative or balanced thought", row["alternative_thought"]),
        ("Belief in the balanced thought", _out_of(row["alternative_belief"], 100)),
    )


def _percent(value: int | None) -> str | None:
    return None if value is None else f"{value}%"


def _further(answer: str) -> str | None:
    """ "Yes", "No" or "Not sure"; None when it was not answered."""
    return FurtherExperiment(answer).label if answer else None


def _behavioural_experiment(row: dict[str, Any]) -> tuple[Fact, ...]:
    return facts(
        ("The belief I tested", row["belief"]),
        ("How strongly I believed it", _percent(row["belief_strength"])),
        ("The experiment", row["experiment"]),
        ("What I predicted", row["prediction"]),
        ("How sure I was", _percent(row["prediction_confidence"])),
        ("Safety behaviours I planned to drop", row["safety_behaviours"]),
        ("What happened", row["outcome"]),
        ("How it fits the prediction", row["outcome_vs_prediction"]),
        ("What I learned", row["learned"]),
        ("How strongly I believe it now", _percent(row["belief_rerating"])),
        ("Another way to see it", row["alternative_belief"]),
        ("How strongly I believe that", _percent(row["alternative_belief_strength"])),
        ("Another experiment needed", _further(row["further_experiment_needed"])),
    )


def _journal(row: dict[str, Any]) -> tuple[Fact, ...]:
    return facts(
        ("Prompt", row["prompt"]),
        ("What I wrote", row["text"]),
        ("Mood", _before_after(row["mood_before"], row["mood_after"], 10)),
    )


def _relaxation(row: dict[str, Any]) -> tuple[Fact, ...]:
    return facts(
        ("Technique", row["technique"]),
        ("Minutes practised", row["minutes"]),
        ("Tension", _before_after(row["tension_before"], row["tension_after"], 10)),
        ("Comments", row["comments"]),
    )


def _reading(row: dict[str, Any]) -> tuple[Fact, ...]:
    return facts(
        ("Resource", row["resource_title"]),
        ("Read it", row["was_read"]),
        ("Key takeaways", row["takeaways"]),
        ("Questions for the next session", row["questions"]),
    )


def _skill_practice(row: dict[str, Any]) -> tuple[Fact, ...]:
    exposure: tuple[tuple[str, Any], ...] = ()
    if row["is_exposure"]:
        suds = [
            f"{name} {row[key]}"
            for name, key in (
                ("predicted", "suds_predicted"),
                ("peak", "suds_peak"),
                ("at the end", "suds_end"),
            )
            if row[key] is not None
        ]
        exposure = (
            ("Distress, 0 to 100", ", ".join(suds)),
            ("Minutes", row["duration_minutes"]),
            ("Urge to use a safety behaviour", _out_of(row["urge_rating"], 100)),
            ("Resisted the urge", row["urge_resisted"]),
        )
    return facts(
        ("Skill or situation", row["skill"]),
        ("What I did", row["what_i_did"]),
        *exposure,
        ("Safety behaviours avoided or used", row["safety_behaviours"]),
        ("What I learned", row["learned"]),
    )


ENTRY_FACTS = {
    Kind.THOUGHT_RECORD: _thought_record,
    Kind.BEHAVIORAL_EXPERIMENT: _behavioural_experiment,
    Kind.JOURNAL: _journal,
    Kind.RELAXATION: _relaxation,
    Kind.READING: _reading,
    Kind.SKILL_PRACTICE: _skill_practice,
}


def _entry_facts(row: dict[str, Any], words: Words, own: bool) -> tuple[Fact, ...]:
    kind = Kind(row["kind"])
    noun = ENTRY_NOUNS[kind].capitalize()
    if set(row) <= set(PRIVATE_ENTRY_FIELDS):
        state = Fact(noun, "Done. It is private: only that it was done is shown.")
        content: tuple[Fact, ...] = ()
    else:
        if row["is_draft"]:
            state = Fact(noun, "A draft, not finished")
        else:
            done = row["submitted_at"] and words.moment(row["submitted_at"])
            state = Fact(noun, f"Finished {done}" if done else "Finished")
        content = ENTRY_FACTS[kind](row)
        if row["is_private"] and own:
            content = (*content, Fact("Private", "Your therapist sees only that you did it."))
    feedback = facts(("Feedback from your therapist" if own else "Feedback", row["feedback"]))
    return (state, *content, *feedback)


def _log_facts(row: dict[str, Any]) -> tuple[Fact, ...]:
    """One line for how it went ("Done, 20 minutes, helpfulness 8 out of 10"), then the note."""
    went = [LogStatus(row["status"]).label]
    if row["reason"]:
        went.append(f"because “{NotDoneReason(row['reason']).label}”")
    if row["minutes_spent"] is not None:
        went.append(f"{row['minutes_spent']} minutes")
    if row["helpfulness"] is not None:
        went.append(f"helpfulness {row['helpfulness']} out of 10")
    return facts(("How it went", ", ".join(went)), ("Note", row["note"]))


def _not_today_item(row: dict[str, Any], words: Words) -> Item:
    """A "not today": the day, why, and the client's note. It is not a log: the day stayed open."""
    return Item(
        title=f"Not today: {words.day(row['day'])}",
        facts=facts(("Why", NotDoneReason(row["reason"]).label), ("Note", row["note"])),
    )


def _status(assignment: Assignment, own_log: dict[str, Any] | None, words: Words) -> str:
    """The assignment's status; for a one-off, with where it stands today (``OneOffState``), as the
    pages say it: "Active: done on 3 December", "Active: overdue since 4 December"."""
    status = str(assignment.get_status_display())
    state = assignment.one_off_state(
        timezone.now().astimezone(words.zone).date(),
        log_status=own_log["status"] if own_log else "",
        logged_at=own_log["logged_at"] if own_log else None,
        reason=own_log["reason"] if own_log else "",
        zone=words.zone,
    )
    if state is None:
        return status
    return f"{status}: {state.text[0].lower()}{state.text[1:]}"


def _assignment_facts(
    row: dict[str, Any], words: Words, own_log: dict[str, Any] | None = None
) -> tuple[Fact, ...]:
    assignment = Assignment(**row)
    dates = f"from {words.day(row['start_date'])}"
    if row["end_date"] and row["recurrence"] != "once":
        dates += f" to {words.day(row['end_date'])}"
    own_time = row["client_time"] and f"Your own time: {words.time(row['client_time'])}"
    plan = assignment.plan_text
    return facts(
        ("Kind", assignment.kind_label),
        ("When", f"{assignment.schedule_text}, {dates}"),
        ("Own time", own_time),
        ("Status", _status(assignment, own_log, words)),
        ("About how long", f"{row['estimated_minutes']} minutes"),
        ("What to do", row["instructions"]),
        ("Why it helps", row["rationale"]),
        ("A smaller version for hard days", row["smaller_version"]),
        ("Prompt", row["prompt"]),
        ("Technique", row["technique"]),
        ("Resource", row["resource_title"]),
        ("Link", row["resource_url"]),
        ("Text", row["resource_text"]),
        ("Skill or situation", row["skill"]),
        ("Distress ratings", "Recorded, as for an exposure" if row["is_exposure"] else None),
        ("Plan", plan),
        ("Likely obstacle", row["obstacle"]),
        ("What to do then", row["obstacle_plan"]),
        ("Given on", words.moment(row["created_at"])),
    )


def _own_log(
    row: dict[str, Any], occurrences: list[dict[str, Any]], logs: dict[int, dict[str, Any]]
) -> dict[str, Any] | None:
    """A one-off's log: the log of its occurrence due on its due day (``Assignment.due_day``)."""
    due = row["end_date"] or row["start_date"]
    own = next((o for o in occurrences if o["due_date"] == due and o["slot"] == 1), None)
    return None if own is None else logs.get(own["id"])


def _day_title(
    occurrence: dict[str, Any], log: dict[str, Any] | None, entry: dict[str, Any] | None, words: Words
) -> str:
    """The day a logged occurrence is listed under. One of a week's several times belongs to the
    day in its week it was logged (or its worksheet finished) on, as the overview dates it, not to
    the Sunday its week ends; the week itself when that day is not known."""
    start, due = occurrence["available_from"], occurrence["due_date"]
    if start == due:
        return words.day(due)
    at = (log and log["logged_at"]) or (entry and entry.get("submitted_at"))
    if at:
        on = at.astimezone(words.zone).date()
        if start <= on <= due:
            return words.day(on)
    return f"The week of {words.day(start)} to {words.day(due)}"


def homework_report(data: dict[str, Any], *, words: Words, own: bool) -> list[Part]:
    """Each assignment with its days under it (what was logged and written), then the goals."""
    logs = {row["occurrence_id"]: row for row in data["logs"]}
    entries = {row["occurrence_id"]: row for rows in data["entries"].values() for row in rows}
    occurrences: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in data["occurrences"]:
        occurrences[row["assignment_id"]].append(row)
    not_today: dict[int, list[Item]] = defaultdict(list)
    for row in data["not_today"]:
        not_today[row["assignment_id"]].append(_not_today_item(row, words))
    # A day counts as planned with nothing logged only once it is over in the client's own time
    # zone, as "not logged" everywhere else (``Occurrence.is_overdue``): today and the days still
    # to come are not missed yet.
    today = timezone.now().astimezone(words.zone).date()
    assignments = []
    for row in data["assignments"]:
        days = []
        quiet = 0
        for occurrence in occurrences[row["id"]]:
            log, entry = logs.get(occurrence["id"]), entries.get(occurrence["id"])
            if log is None and entry is None:
                quiet += occurrence["due_date"] < today
                continue
            days.append(
                Item(
                    title=_day_title(occurrence, log, entry, words),
                    facts=(
                        *(_log_facts(log) if log else ()),
                        *(_entry_facts(entry, words, own) if entry else ()),
                    ),
                )
            )
        planned = facts(("Days planned with nothing logged", quiet or None))
        assignments.append(
            Item(
                title=row["title"],
                facts=(*_assignment_facts(row, words, _own_log(row, occurrences[row["id"]], logs)), *planned),
                items=(*days, *not_today[row["id"]]),
            )
        )
    goals = tuple(
        Item(
            title=goal["text"],
            facts=(
                *facts(
                    ("Status", GoalStatus(goal["status"]).label), ("Set on", words.moment(goal["created_at"]))
                ),
                *(
                    Fact(
                        f"Progress on {words.moment(rating['rated_at'])}",
                        f"{rating['rating']} out of 10" + (f": {rating['note']}" if rating["note"] else ""),
                    )
                    for rating in goal["ratings"]
                ),
            ),
        )
        for goal in data["goals"]
    )
    return [
        Part("Assignments, with what was done each day", tuple(assignments), empty="No homework yet."),
        Part("Goals", goals, empty="No goals yet."),
    ]
