"""Reads for the worksheet pages: the occurrence's entry, and what changed on a finished record.

Every function runs a fixed number of queries, however many moods or thoughts a record holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import F, QuerySet

from homework.models import (
    ENTRY_MODELS,
    Assignment,
    AssignmentStatus,
    BehavioralExperiment,
    Entry,
    JournalEntry,
    Kind,
    Log,
    LogStatus,
    Occurrence,
    RelaxationPractice,
    SkillPractice,
    ThoughtRecord,
)


def _entries(kind: str) -> QuerySet[Entry]:
    queryset: QuerySet[Any] = ENTRY_MODELS[kind].objects.all()
    if kind == Kind.THOUGHT_RECORD:
        queryset = queryset.prefetch_related("moods", "thoughts")
    return queryset


def entry_for_occurrence(occurrence: Occurrence) -> Entry | None:
    """The occurrence's entry of its assignment's kind, with moods and thoughts, or None."""
    return _entries(occurrence.assignment.kind).filter(occurrence=occurrence).first()


def occurrence_on_day(assignment: Assignment, day: date) -> Occurrence | None:
    """The assignment's occurrence for ``day`` as its schedule now has it (a day's own, or the week's
    slot that day falls in, the first not logged yet), or None when the schedule has none."""
    return (
        Occurrence.objects.select_related("assignment")
        .filter(assignment=assignment, available_from__lte=day, due_date__gte=day)
        .order_by(F("log__id").asc(nulls_first=True), "due_date", "slot")
        .first()
    )


def log_for_occurrence(occurrence: Occurrence) -> Log | None:
    return Log.objects.filter(occurrence=occurrence).first()


def can_log(occurrence: Occurrence) -> bool:
    return occurrence.assignment.status != AssignmentStatus.ARCHIVED


def opens_later(occurrence: Occurrence, today: date) -> date | None:
    """The day the occurrence opens when that is after the client's ``today``: its worksheet can
    be filled in and saved as a draft now, and finished (logged) only from that day."""
    return occurrence.available_from if occurrence.available_from > today else None


# Kinds whose worksheet can be half done: "How did it go?" starts with nothing chosen.
ASKS_BEFORE_LOGGING = (Kind.THOUGHT_RECORD, Kind.BEHAVIORAL_EXPERIMENT)


def outcome_initial(log: Log | None, *, smaller: bool, kind: str = "") -> dict[str, Any]:
    """Pre-fill "How did it go?" from the log, else from the version the client chose.

    A thought record or behavioural experiment not yet logged has nothing pre-selected in its
    full version: what it is logged as follows what was filled in
    (``EntryForms._outcome_is_honest``). A day logged as "not done" has nothing pre-selected in
    either version: finishing changes what the client said, so they choose
    (``EntryForms._keeps_not_done_unless_chosen``)."""
    status: LogStatus | None = LogStatus.SMALLER if smaller else LogStatus.DONE
    if log is not None and log.status == LogStatus.NOT_DONE:
        status = None
    elif log is not None and log.counts_as_done and not smaller:
        status = LogStatus(log.status)
    elif log is None and not smaller and kind in ASKS_BEFORE_LOGGING:
        status = None
    initial: dict[str, Any] = {"log_status": status}
    if log is not None:
        initial.update(log_minutes=log.minutes_spent, log_helpfulness=log.helpfulness)
    return initial


def entry_with_details(entry: Entry) -> Entry:
    """The entry as its own kind, with its assignment, log, feedback author, moods and thoughts."""
    return (
        _entries(entry.kind).select_related("assignment", "occurrence__log", "feedback_by").get(pk=entry.pk)
    )


# --- What changed ------------------------------------------------------------------------------------


def signed(delta: int | None) -> str:
    if delta is None:
        return ""
    if delta == 0:
        return "no change"
    return f"+{delta}" if delta > 0 else f"−{-delta}"


@dataclass(frozen=True)
class Change:
    """One rating before and after, for a text line and a small bar pair."""

    label: str
    before: int | None
    after: int | None
    scale: int

    @property
    def delta(self) -> int | None:
        return None if self.before is None or self.after is None else self.after - self.before

    @property
    def delta_text(self) -> str:
        return signed(self.delta)

    @property
    def summary(self) -> str:
        """For example "Anxious 80 → 40 (−40)", with a true minus sign."""  # noqa: RUF002
        before = "–" if self.before is None else str(self.before)
        after = "not re-rated" if self.after is None else str(self.after)
        text = f"{self.label} {before} → {after}"
        return f"{text} ({self.delta_text})" if self.delta is not None else text

    @property
    def before_pct(self) -> int:
        return round(100 * (self.before or 0) / self.scale)

    @property
    def after_pct(self) -> int:
        return round(100 * (self.after or 0) / self.scale)

    @property
    def complete(self) -> bool:
        return self.before is not None and self.after is not None


def changes(entry: Entry) -> list[Change]:
    """The before/after ratings an entry of this kind records."""
    if isinstance(entry, ThoughtRecord):
        return [Change(m.name, m.intensity, m.rerating, 100) for m in entry.moods.all()]
    if isinstance(entry, BehavioralExperiment):
        return [Change("Belief", entry.belief_strength, entry.belief_rerating, 100)]
    if isinstance(entry, JournalEntry) and (entry.mood_before is not None or entry.mood_after is not None):
        return [Change("Mood", entry.mood_before, entry.mood_after, 10)]
    if isinstance(entry, RelaxationPractice) and (
        entry.tension_before is not None or entry.tension_after is not None
    ):
        return [Change("Tension", entry.tension_before, entry.tension_after, 10)]
    return []


@dataclass(frozen=True)
class SudsBar:
    label: str
    value: int | None

    @property
    def pct(self) -> int:
        return self.value or 0


def suds(entry: Entry) -> list[SudsBar]:
    if not isinstance(entry, SkillPractice) or not entry.is_exposure:
        return []
    return [
        SudsBar("Predicted", entry.suds_predicted),
        SudsBar("Peak", entry.suds_peak),
        SudsBar("End", entry.suds_end),
    ]


def suds_comparison(entry: Entry) -> str:
    """Predicted against actual distress, in words."""
    if not isinstance(entry, SkillPractice) or entry.suds_predicted is None or entry.suds_peak is None:
        return ""
    predicted, peak = entry.suds_predicted, entry.suds_peak
    if peak < predicted:
        return f"You expected distress of {predicted}; at its peak it was {peak}, lower than predicted."
    if peak > predicted:
        return f"You expected distress of {predicted}; at its peak it was {peak}, higher than predicted."
    return f"You expected distress of {predicted}, and that is what it reached at its peak."


def step_one_missing(entry: Entry | None) -> list[str]:
    """What a thought record still needs from step 1 before it can be finished."""
    record = entry if isinstance(entry, ThoughtRecord) else None
    missing = []
    if record is None or not record.situation:
        missing.append("the situation")
    if record is None or not record.moods.all():
        missing.append("at least one mood with its intensity")
    thoughts = list(record.thoughts.all()) if record else []
    if not thoughts:
        missing.append("at least one automatic thought")
    elif not any(t.is_hot for t in thoughts):
        missing.append("which thought is the hot thought")
    return missing


def continue_step(entry: Entry) -> int:
    """Where a thought record's "Continue" link goes: step 2 once step 1 is filled in."""
    return 1 if step_one_missing(entry) else 2
