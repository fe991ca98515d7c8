"""The pre-session summary: everything since the previous held session, on one printable page.

The period runs from the start of the previous held session (or, without one,
the 14 days before) to the start of this session, or to now while it is still
ahead. Homework counts use the client's local dates for that period. The page
costs a fixed number of queries, whatever the amount of homework.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from homework.models import (
    BehavioralExperiment,
    Entry,
    Goal,
    GoalRating,
    Log,
    Mood,
    OneOffState,
    ReadingReflection,
    SessionQuestion,
    SkillPractice,
    Skip,
    ThoughtRecord,
)
from homework.selectors.therapist import assignments_with_adherence, one_off_of
from homework.services import client_today
from mallard.models import User
from measures.instruments import INSTRUMENTS
from measures.selectors import DueQuestionnaire, open_windows
from sessions_app.models import Reflection, SessionStatus, TherapySession
from sessions_app.selectors.adherence import WINDOW_DAYS, AdherenceView, annotated_adherence
from sessions_app.selectors.agreements import not_done_since
from sessions_app.selectors.scores import ScoresSummary, scores_summary


@dataclass(frozen=True)
class AssignmentSummary:
    assignment: object
    adherence: AdherenceView
    not_done: list[Log]
    # "Not today" said in the period: the occurrence stayed open, so these are not "not done"
    # and change no count; they show what got in the way on the days it didn't happen.
    not_today: list[Skip] = field(default_factory=list)
    # A one-off's state at the period's end: "Done on 3 December", "Overdue since 4 December".
    one_off: OneOffState | None = None

    @property
    def has_something(self) -> bool:
        """Something due, still open today, or said in the period, or a one-off still overdue
        (however long ago it was due): the summary lists it."""
        counts = self.adherence.counts
        overdue = self.one_off is not None and self.one_off.is_outstanding
        return bool(counts.due or counts.still_open or self.not_done or self.not_today or overdue)


def change_words(change: int | None) -> str:
    """“up 5”, “down 12” or “no change”; empty when there is nothing to compare."""
    if change is None:
        return ""
    if change == 0:
        return "no change"
    return f"{'up' if change > 0 else 'down'} {abs(change)}"


@dataclass(frozen=True)
class MoodChange:
    name: str
    before: int
    after: int | None

    @property
    def change(self) -> int | None:
        return None if self.after is None else self.after - self.before

    @property
    def change_text(self) -> str:
        return change_words(self.change)


@dataclass(frozen=True)
class RecordChange:
    record: ThoughtRecord
    moods: list[MoodChange]


@dataclass(frozen=True)
class ExperimentChange:
    experiment: BehavioralExperiment

    @property
    def change_text(self) -> str:
        return change_words(self.experiment.belief_change)


@dataclass(frozen=True)
class GoalChange:
    goal: Goal
    latest: GoalRating | None
    baseline: GoalRating | None

    starts: datetime | None = None  # when the summary's period began

    @property
    def change(self) -> int | None:
        if self.latest is None or self.baseline is None or self.latest.pk == self.baseline.pk:
            return None
        return self.latest.rating - self.baseline.rating

    @property
    def not_rated_in_period(self) -> bool:
        """Rated before, but not since the period began: not "no earlier rating"."""
        return self.latest is not None and self.starts is not None and self.latest.rated_at < self.starts

    @property
    def change_text(self) -> str:
        return change_words(self.change)


@dataclass
class Summary:
    session: TherapySession
    client: User
    previous: TherapySession | None
    starts: datetime
    ends: datetime
    first: date
    last: date
    assignments: list[AssignmentSummary]
    thought_records: list[RecordChange]
    experiments: list[ExperimentChange]
    exposures: list[SkillPractice]
    readings: list[ReadingReflection]
    goals: list[GoalChange]
    entries: list[Entry]
    reflection: Reflection | None = None
    # "Ask at the next session" from Today, asked in the period.
    questions: list[SessionQuestion] = field(default_factory=list)
    # The PHQ-9 and GAD-7: latest, change since the first response and since the previous session.
    scores: ScoresSummary | None = None
    # Questionnaires open now and not answered yet, for a session still to come (else empty).
    open_questionnaires: list[DueQuestionnaire] = field(default_factory=list)

    @property
    def has_previous(self) -> bool:
        return self.previous is not None

    @property
    def reading_questions(self) -> list[ReadingReflection]:
        return [r for r in self.readings if r.questions]

    @property
    def has_changes(self) -> bool:
        return bool(self.thought_records or self.experiments or self.exposures)


def pre_session_summary(session: TherapySession) -> Summary:
    """Everything the therapist wants before ``session`` (already scoped by the caller)."""
    client = session.client
    previous = (
        TherapySession.objects.filter(
            client=client, status=SessionStatus.HELD, starts_at__lt=session.starts_at
        )
        .exclude(pk=session.pk)
        .select_related("reflection")
        .order_by("-starts_at")
        .first()
    )
    ends = min(session.starts_at, timezone.now())
    last = ends.astimezone(client.zone).date() if ends < timezone.now() else client_today(client)
    if previous is not None:
        starts = previous.starts_at
        first = starts.astimezone(client.zone).date()
    else:
        first = last - timedelta(days=WINDOW_DAYS - 1)
        starts = ends - timedelta(days=WINDOW_DAYS)
    submitted = {"client": client, "is_draft": False, "submitted_at__gte": starts, "submitted_at__lte": ends}
    entries = _entries(submitted)
    moods = _moods(submitted)
    records: list[ThoughtRecord] = _kind_rows(entries, "thoughtrecord")
    exposures: list[SkillPractice] = _kind_rows(entries, "skillpractice")
    return Summary(
        session=session,
        client=client,
        previous=previous,
        starts=starts,
        ends=ends,
        first=first,
        last=last,
        assignments=_assignments(
            client, first, last, not_done_since(client, starts, ends), _not_today(client, first, last)
        ),
        thought_records=[RecordChange(r, moods.get(r.pk, [])) for r in records],
        experiments=[ExperimentChange(e) for e in _kind_rows(entries, "behavioralexperiment")],
        exposures=[x for x in exposures if x.is_exposure],
        readings=_kind_rows(entries, "readingreflection"),
        goals=_goals(client, starts),
        entries=entries[::-1],
        reflection=getattr(previous, "reflection", None) if previous is not None else None,
        questions=list(
            SessionQuestion.objects.filter(client=client, created_at__gte=starts, created_at__lte=ends)
            .select_related("assignment")
            .order_by("created_at", "pk")
        ),
        scores=scores_summary(client, previous.starts_at if previous is not None else None, (starts, ends)),
        # Read for every session, so the summary's queries are the same; shown before it starts.
        open_questionnaires=_open_questionnaires(session),
    )


def _open_questionnaires(session: TherapySession) -> list[DueQuestionnaire]:
    """The client's questionnaires open now and not answered yet, when ``session`` is still to
    come: what the therapist may remind them of (one query). The PHQ-9 first, as everywhere."""
    now = timezone.now()
    if session.starts_at <= now:
        open_windows(session.client, now)  # the same queries for every session's summary
        return []
    order = list(INSTRUMENTS)  # codes, PHQ-9 first
    return sorted(open_windows(session.client, now), key=lambda due: order.index(due.instrument.code))


def _entries(submitted: dict[str, Any]) -> list[Entry]:
    """The worksheets submitted in the period, oldest first, each with its kind's own row (one query).

    The thought records, experiments, exposures and readings the summary lists are these rows'
    ``thoughtrecord``, ``behavioralexperiment``, ``skillpractice`` and ``readingreflection``.
    """
    return list(
        Entry.objects.filter(**submitted)
        .select_related(
            "assignment",
            "occurrence__log",
            "thoughtrecord",
            "behavioralexperiment",
            "skillpractice",
            "readingreflection",
        )
        .order_by("submitted_at", "pk")
    )


def _kind_rows(entries: list[Entry], name: str) -> list[Any]:
    """The rows of one kind's own table (``name``, as ``_entries`` selects it) among ``entries``."""
    rows = []
    for entry in entries:
        try:
            rows.append(getattr(entry, name))
        except ObjectDoesNotExist:
            continue
    return rows


def _moods(submitted: dict[str, Any]) -> dict[int, list[MoodChange]]:
    """The moods of the thought records submitted in the period, by record (one query, also when
    there are none: the page reads the same queries whatever the client wrote)."""
    moods: dict[int, list[MoodChange]] = {}
    rows = Mood.objects.filter(**{f"record__{name}": value for name, value in submitted.items()})
    for mood in rows.order_by("position", "pk"):
        moods.setdefault(mood.record_id, []).append(MoodChange(mood.name, mood.intensity, mood.rerating))
    return moods


def _not_today(client: User, first: date, last: date) -> dict[int, list[Skip]]:
    """Every "not today" for the client's days ``first`` to ``last``, by assignment, oldest first."""
    by_assignment: dict[int, list[Skip]] = {}
    for skip in Skip.objects.filter(client=client, day__gte=first, day__lte=last).order_by("day", "pk"):
        by_assignment.setdefault(skip.assignment_id, []).append(skip)
    return by_assignment


def _assignments(
    client: User,
    first: date,
    last: date,
    not_done: dict[int, list[Log]],
    not_today: dict[int, list[Skip]],
) -> list[AssignmentSummary]:
    """Assignments with something due, still open today, or a "not done" or "not today" said in the
    period (one query, plus the logs).

    Every "not done" logged in the period is shown, by the day it was logged, even when its
    occurrence is due later (a weekly slot is due on Sunday) or was due before the period; the
    template names the day it was for when that differs (``Log.late_day``, from the occurrence
    ``not_done_since`` reads with it). The counts are of the days due in the period."""
    summaries = [
        AssignmentSummary(
            assignment=a,
            adherence=annotated_adherence(a),
            not_done=not_done.get(a.pk, []),
            not_today=not_today.get(a.pk, []),
            one_off=one_off_of(a, client, last),
        )
        for a in assignments_with_adherence(client, first=first, last=last)
    ]
    return [row for row in summaries if row.has_something]


def _goals(client: User, starts: datetime) -> list[GoalChange]:
    """Each goal's latest rating and its change since the period began (two queries, also
    without goals or ratings).

    The baseline is the last rating before the period; a goal first rated inside
    the period is compared with that first rating.
    """
    ratings: dict[int, list[GoalRating]] = {}
    for rating in GoalRating.objects.filter(goal__client=client).order_by("rated_at", "pk"):
        ratings.setdefault(rating.goal_id, []).append(rating)
    result = []
    for goal in Goal.objects.filter(client=client):
        rated = ratings.get(goal.pk, [])
        before = [r for r in rated if r.rated_at < starts]
        baseline = before[-1] if before else (rated[0] if rated else None)
        result.append(
            GoalChange(goal=goal, latest=rated[-1] if rated else None, baseline=baseline, starts=starts)
        )
    return result
