"""Reads for a client's overview: goals, assignments with how the last 14 days went, the
timeline of logs, reasons for "not done", the before-and-after charts, the PHQ-9 and GAD-7
charts beside the homework of each period between sessions, and the next session.

Every part costs a fixed number of queries, whatever the length of the record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any, TypedDict

from django.db.models import Avg, Count, Q, QuerySet, Subquery
from django.utils import timezone

from homework.models import (
    BehavioralExperiment,
    Entry,
    Goal,
    Log,
    LogStatus,
    NotDoneReason,
    OneOffState,
    SkillPractice,
    ThoughtRecord,
)
from homework.selectors.therapist import (
    STATUS_ORDER,
    Overdue,
    assignments_with_adherence,
    one_off_of,
    overdue_of,
    overdue_words,
)
from homework.selectors.tracker import goal_charts
from homework.services import client_today
from mallard.links import url_maker
from mallard.models import User
from sessions_app import charts
from sessions_app.models import SessionStatus, TherapySession
from sessions_app.selectors.adherence import WINDOW_DAYS, AdherenceView, annotated_adherence
from sessions_app.selectors.scores import (
    ScoresOverview,
    chart_start,
    scores_overview,
    scores_visible_to_client,
)

TIMELINE_LENGTH = 30
TIMELINE_FIELDS = (
    "occurrence_id",
    "assignment_id",
    "client_id",
    "status",
    "reason",
    "logged_at",
    "assignment__title",
    "occurrence__due_date",
    "occurrence__available_from",
    "occurrence__entry__kind",
    "occurrence__entry__is_draft",
    "occurrence__entry__is_private",
)
CHART_RECORDS = 12
RECENT_REASON_DAYS = 30


@dataclass(frozen=True)
class AssignmentAdherence:
    assignment: Any
    adherence: AdherenceView
    one_off: OneOffState | None = None  # a one-off's state: "Done on 3 December", "Overdue since …"
    overdue: Overdue | None = None  # its overdue days, as the caseload counts them

    @property
    def overdue_text(self) -> str:
        return overdue_words(self.overdue, self.one_off)


@dataclass(frozen=True)
class TimelineItem:
    """One log, with its worksheet when there is one. Private journals show only that they were done."""

    at: datetime
    log: Log
    entry: Entry | None

    @property
    def is_private(self) -> bool:
        return self.entry is not None and self.entry.is_private


class TimelineRow(TypedDict):
    """What ``templates/jinja2/sessions_app/timeline.html`` prints for one log, worked out once
    here instead of by template filters."""

    at: str
    at_label: str
    title: str
    due_label: str
    is_private: bool
    status: str
    reason: str
    entry_url: str
    entry_noun: str  # what the worksheet is called: "thought record", "reading reflection"


def timeline_rows(items: list[TimelineItem], zone: tzinfo) -> list[TimelineRow]:
    """The timeline's cells: times in the viewer's zone (as the ``date`` filter would show them),
    the worksheet's link reversed once for the page. The day each log is for is on the client's
    calendar (``zone``): a weekly slot's is the day it was done, as on the homework page, not the
    last day of its week."""
    entry_url = url_maker("homework-client-entry")
    rows: list[TimelineRow] = []
    for item in items:
        log, entry = item.log, item.entry
        local = timezone.localtime(item.at)
        due = log.occurrence.day_of(log.logged_at, zone)
        rows.append(
            {
                "at": item.at.isoformat(timespec="seconds"),
                "at_label": f"{local:%a} {local.day} {local:%b %Y, %H:%M}",
                "title": log.assignment.title,
                "due_label": f"{due.day} {due:%b}",
                "is_private": item.is_private,
                "status": log.get_status_display().lower(),
                "reason": log.get_reason_display() if log.reason else "",
                "entry_url": entry_url(entry.pk) if entry is not None else "",
                "entry_noun": entry.noun if entry is not None else "",
            }
        )
    return rows


@dataclass(frozen=True)
class ReasonCount:
    reason: str
    label: str
    all_time: int
    recent: int


@dataclass(frozen=True)
class GoalProgress:
    goal: Goal
    chart: charts.LineChart


@dataclass(frozen=True)
class Overview:
    client: User
    today: date
    window_start: date
    goals: list[GoalProgress]
    assignments: list[AssignmentAdherence]
    timeline: list[TimelineItem]
    reasons: list[ReasonCount]
    mood_chart: charts.PairedChart
    suds_chart: charts.PairedChart
    belief_chart: charts.PairedChart
    next_session: TherapySession | None
    scores: ScoresOverview | None = None
    scores_visible: bool = True

    @property
    def timeline_rows(self) -> list[TimelineRow]:
        return timeline_rows(self.timeline, self.client.zone)

    @property
    def reasons_all_time(self) -> int:
        return sum(r.all_time for r in self.reasons)

    @property
    def reasons_recent(self) -> int:
        return sum(r.recent for r in self.reasons)


def client_overview(therapist: User, client: User) -> Overview:
    """Everything on the client's overview, in a fixed number of queries."""
    today = client_today(client)
    first = today - timedelta(days=WINDOW_DAYS - 1)
    session_starts, upcoming = sessions_around(
        therapist, client, since=datetime.combine(chart_start(today), time.min, tzinfo=client.zone)
    )
    return Overview(
        client=client,
        today=today,
        window_start=first,
        goals=goal_progress(client),
        assignments=assignment_adherence(client, first=first, last=today),
        timeline=timeline(client),
        reasons=reason_tally(client, since=today - timedelta(days=RECENT_REASON_DAYS - 1)),
        mood_chart=mood_chart(client, recent_thought_records(client)),
        suds_chart=suds_chart(client, recent_exposures(client)),
        belief_chart=belief_chart(client, recent_experiments(client)),
        next_session=upcoming,
        scores=scores_overview(client, today=today, session_starts=session_starts),
        scores_visible=scores_visible_to_client(client),
    )


def local_label(client: User, moment: datetime | None) -> str:
    """A short date on the client's calendar, for chart labels: “3 Mar”."""
    if moment is None:
        return ""
    day = moment.astimezone(client.zone).date()
    return f"{day.day} {day:%b}"


def goal_progress(client: User) -> list[GoalProgress]:
    """Each goal with a line chart of its ratings, 0 to 10 (two queries)."""
    result = []
    for chart in goal_charts(client):
        ratings = [point.rating for point in chart.points]
        result.append(
            GoalProgress(
                goal=chart.goal,
                chart=charts.line_chart(
                    id=f"goal-{chart.goal.pk}",
                    title=f"Progress ratings for the goal: {chart.goal.text}",
                    points=[(local_label(client, r.rated_at), r.rating) for r in ratings],
                    top=10,
                    unit="0 to 10",
                ),
            )
        )
    return result


def assignment_adherence(client: User, *, first: date, last: date) -> list[AssignmentAdherence]:
    """The client's assignments, active first, each with how the window went (one query)."""
    order = {status: i for i, status in enumerate(STATUS_ORDER)}
    rows = [
        AssignmentAdherence(
            assignment,
            annotated_adherence(assignment),
            one_off_of(assignment, client, last),
            overdue_of(assignment, last),
        )
        for assignment in assignments_with_adherence(client, first=first, last=last)
    ]
    return sorted(rows, key=lambda row: order.get(row.assignment.status, len(order)))


def timeline(
    client: User, *, since: datetime | None = None, until: datetime | None = None
) -> list[TimelineItem]:
    """The newest logs, each with its submitted worksheet if any (one query)."""
    logs = (
        Log.objects.filter(client=client)
        .select_related("assignment", "occurrence__entry")
        # Only what the timeline prints: the assignment's instructions and the worksheet's
        # answers stay in the database.
        .only(*TIMELINE_FIELDS)
    )
    if since is not None:
        logs = logs.filter(logged_at__gte=since)
    if until is not None:
        logs = logs.filter(logged_at__lte=until)
    items = []
    for log in logs.order_by("-logged_at", "-pk")[:TIMELINE_LENGTH]:
        entry: Entry | None = getattr(log.occurrence, "entry", None)
        if entry is not None and entry.is_draft:
            entry = None
        items.append(TimelineItem(at=log.logged_at, log=log, entry=entry))
    return items


def reason_tally(client: User, *, since: date) -> list[ReasonCount]:
    """How often each reason for "not done" was given, all time and since ``since`` (one query)."""
    counts = {
        row["reason"]: row
        for row in Log.objects.filter(client=client, status=LogStatus.NOT_DONE)
        .values("reason")
        .annotate(all_time=Count("pk"), recent=Count("pk", filter=Q(occurrence__due_date__gte=since)))
        .order_by()
    }
    tally = [
        ReasonCount(reason, NotDoneReason(reason).label, counts[reason]["all_time"], counts[reason]["recent"])
        for reason in NotDoneReason.values
        if reason in counts
    ]
    return sorted(tally, key=lambda r: -r.all_time)


def _newest_first_reversed[M: Entry](rows: QuerySet[M], *fields: str, limit: int = CHART_RECORDS) -> list[M]:
    """The newest ``limit`` rows, returned oldest first for a chart that reads left to right,
    with only ``submitted_at`` and ``fields`` loaded (a chart reads no answers)."""
    return list(reversed(rows.only("submitted_at", *fields).order_by("-submitted_at", "-pk")[:limit]))


def recent_thought_records(client: User) -> list[ThoughtRecord]:
    """Submitted thought records with at least one mood re-rated, with the moods' means (one query).

    ``mood_before`` averages only the moods that were re-rated, so both means cover the same moods.
    """
    rows = (
        ThoughtRecord.objects.filter(client=client, is_draft=False)
        .annotate(
            mood_before=Avg("moods__intensity", filter=Q(moods__rerating__isnull=False)),
            mood_after=Avg("moods__rerating"),
        )
        .filter(mood_after__isnull=False)
    )
    return _newest_first_reversed(rows)


def recent_exposures(client: User) -> list[SkillPractice]:
    rows = SkillPractice.objects.filter(
        client=client, is_draft=False, is_exposure=True, suds_peak__isnull=False, suds_end__isnull=False
    )
    return _newest_first_reversed(rows, "suds_peak", "suds_end")


def recent_experiments(client: User) -> list[BehavioralExperiment]:
    rows = BehavioralExperiment.objects.filter(
        client=client, is_draft=False, belief_strength__isnull=False, belief_rerating__isnull=False
    )
    return _newest_first_reversed(rows, "belief_strength", "belief_rerating")


def mood_chart(client: User, records: list[ThoughtRecord], *, id: str = "mood-chart") -> charts.PairedChart:
    pairs = [
        (local_label(client, r.submitted_at), float(r.mood_before), float(r.mood_after))  # type: ignore[attr-defined]
        for r in records
    ]
    return charts.paired_chart(
        id=id,
        title="Mood intensity before and after re-rating, per thought record",
        pairs=pairs,
        top=100,
        unit="0 to 100, the mean of the moods re-rated",
        before_name="the first rating",
        after_name="the re-rating",
        summary=charts.change_summary(
            pairs, things="thought records", what="mood intensity", when="after re-rating"
        ),
    )


def suds_chart(client: User, exposures: list[SkillPractice], *, id: str = "suds-chart") -> charts.PairedChart:
    pairs = [
        (local_label(client, e.submitted_at), float(e.suds_peak or 0), float(e.suds_end or 0))
        for e in exposures
    ]
    summary = charts.change_summary(
        pairs, things="exposures", what="distress (SUDS)", when="from peak to end"
    )
    halved = sum(1 for e in exposures if e.suds_halved)
    if exposures:
        summary += f" Distress roughly halved by the end in {halved} of {len(exposures)}."
    return charts.paired_chart(
        id=id,
        title="Distress (SUDS) at its peak and at the end, per exposure",
        pairs=pairs,
        top=100,
        unit="SUDS 0 to 100",
        before_name="the peak",
        after_name="the end",
        summary=summary,
    )


def belief_chart(
    client: User, experiments: list[BehavioralExperiment], *, id: str = "belief-chart"
) -> charts.PairedChart:
    pairs = [
        (local_label(client, e.submitted_at), float(e.belief_strength or 0), float(e.belief_rerating or 0))
        for e in experiments
    ]
    return charts.paired_chart(
        id=id,
        title="Belief before and after, per behavioural experiment",
        pairs=pairs,
        top=100,
        unit="0 to 100%",
        before_name="the belief before",
        after_name="the re-rating after",
        summary=charts.change_summary(
            pairs, things="experiments", what="belief in the tested thought", when="after the experiment"
        ),
    )


def sessions_around(
    therapist: User, client: User, *, since: datetime
) -> tuple[list[datetime], TherapySession | None]:
    """The starts of the client's held or scheduled sessions (with any therapist) from ``since``
    to now, oldest first, for the questionnaire charts; and the next session booked with
    ``therapist``, for the link to its summary (one query)."""
    now = timezone.now()
    next_one = TherapySession.objects.filter(
        client=client, therapist=therapist, status=SessionStatus.SCHEDULED, starts_at__gt=now
    ).order_by("starts_at", "pk")
    rows = (
        TherapySession.objects.filter(client=client)
        .filter(
            Q(
                status__in=[SessionStatus.HELD, SessionStatus.SCHEDULED],
                starts_at__gte=since,
                starts_at__lte=now,
            )
            | Q(pk=Subquery(next_one.values("pk")[:1]))
        )
        .only("pk", "starts_at")  # never the notes: some are another therapist's
        .order_by("starts_at", "pk")
    )
    starts: list[datetime] = []
    upcoming = None
    for session in rows:
        if session.starts_at <= now:
            starts.append(session.starts_at)
        elif upcoming is None:
            upcoming = session
    return starts, upcoming
