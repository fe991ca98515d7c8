"""Reads of a client's PHQ-9 and GAD-7 scores, for the overview, the summary, the caseload and the
client's own page. Each costs a fixed number of queries, whatever the number of responses.

A response that a later one corrects is left out everywhere: the correction stands in its place
(``MeasureResponse.corrects``). Item 9 flags stay until the therapist marks them reviewed,
corrected or not: a person has to look at the answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import NamedTuple

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Value, When

from homework.models import Occurrence
from homework.selectors.therapist import ADHERENCE_FIELDS, Adherence
from mallard.models import User
from measures.instruments import GAD7, PHQ9, Instrument
from measures.models import MeasureResponse, MeasureSettings
from measures.scoring import (
    BAND_LABELS,
    BANDS,
    CASENESS_CUTOFF,
    RELIABLE_CHANGE,
    Change,
    Recovery,
    change,
    recovery,
)
from sessions_app import charts
from sessions_app.selectors.adherence import STATUS_FIELD, AdherenceView

INSTRUMENTS: tuple[Instrument, ...] = (PHQ9, GAD7)
# The overview's chart covers the last year at most; older responses stay in the record and export.
CHART_DAYS = 365
# Homework is shown for at most this many periods between sessions (the newest).
MAX_PERIODS = 8


@dataclass(frozen=True)
class ScoreEntry:
    """One response's score, with its date on the client's calendar."""

    pk: int
    instrument: str
    total: int
    band: str
    submitted_at: datetime
    day: date
    item9_positive: bool

    @property
    def band_label(self) -> str:
        return BAND_LABELS[self.band]


@dataclass(frozen=True)
class Step:
    """One response and its reliable change from the one before (None for the first)."""

    entry: ScoreEntry
    change: Change | None

    @property
    def points(self) -> int:
        return abs(self.change.difference) if self.change is not None else 0


@dataclass(frozen=True)
class Trend:
    """One questionnaire's scores, oldest first."""

    instrument: Instrument
    entries: list[ScoreEntry]

    @property
    def code(self) -> str:
        return self.instrument.code

    @property
    def first(self) -> ScoreEntry | None:
        return self.entries[0] if self.entries else None

    @property
    def latest(self) -> ScoreEntry | None:
        return self.entries[-1] if self.entries else None

    @property
    def since_first(self) -> Change | None:
        """Reliable change from the first response to the latest (None with fewer than two)."""
        if len(self.entries) < 2:
            return None
        return change(self.code, self.entries[0].total, self.entries[-1].total)

    @property
    def overall(self) -> Step | None:
        """The latest response with its reliable change from the first (None with fewer than two):
        the client's own page says it in plain words above the list, so a steady trend that no
        single step shows is still told."""
        result, latest = self.since_first, self.latest
        if result is None or latest is None:
            return None
        return Step(latest, result)

    @property
    def steps(self) -> list[Step]:
        """Each response, oldest first, with its reliable change from the one before: the client's
        own page says it in plain words."""
        befores: list[ScoreEntry | None] = [None, *self.entries[:-1]]
        return [
            Step(entry, None if before is None else change(self.code, before.total, entry.total))
            for before, entry in zip(befores, self.entries, strict=True)
        ]

    def last_before(self, moment: datetime) -> ScoreEntry | None:
        """The newest response submitted before ``moment``."""
        earlier = [entry for entry in self.entries if entry.submitted_at < moment]
        return earlier[-1] if earlier else None

    def since(self, moment: datetime) -> Change | None:
        """Reliable change from the newest response before ``moment`` to the latest, if that is
        a later response (None otherwise)."""
        before, latest = self.last_before(moment), self.latest
        if before is None or latest is None or before.pk == latest.pk:
            return None
        return change(self.code, before.total, latest.total)


def _entry(client: User, response: MeasureResponse) -> ScoreEntry:
    return ScoreEntry(
        pk=response.pk,
        instrument=response.instrument,
        total=response.total,
        band=response.band,
        submitted_at=response.submitted_at,
        day=response.submitted_at.astimezone(client.zone).date(),
        item9_positive=response.item9_positive,
    )


def responses_of(client: User) -> list[MeasureResponse]:
    """All the client's responses, oldest first, each with ``corrected``: whether a later response
    corrects it, and the name of whoever reviewed its item 9 (one query)."""
    return list(
        MeasureResponse.objects.filter(client=client)
        .annotate(corrected=Exists(MeasureResponse.objects.filter(corrects=OuterRef("pk"))))
        .only(
            "pk",
            "client_id",
            "instrument",
            "total",
            "band",
            "submitted_at",
            "item9_positive",
            "item9_reviewed_at",
            "item9_reviewed_by__display_name",
            "item9_reviewed_by__email",
        )
        .select_related("item9_reviewed_by")
        .order_by("submitted_at", "pk")
    )


def trends(client: User, responses: list[MeasureResponse] | None = None) -> dict[str, Trend]:
    """The PHQ-9 and GAD-7 trends of ``client``, keyed by code, from ``responses`` (``responses_of``;
    read here, in one query, when not given). Corrected responses are left out."""
    if responses is None:
        responses = responses_of(client)
    by_code: dict[str, list[ScoreEntry]] = {instrument.code: [] for instrument in INSTRUMENTS}
    for response in responses:
        if not response.corrected:  # type: ignore[attr-defined]
            by_code[response.instrument].append(_entry(client, response))
    return {instrument.code: Trend(instrument, by_code[instrument.code]) for instrument in INSTRUMENTS}


def unreviewed_item9(client: User, responses: list[MeasureResponse]) -> list[ScoreEntry]:
    """PHQ-9 responses with item 9 above 0 that no therapist has marked reviewed, oldest first,
    corrected or not."""
    return [
        _entry(client, response)
        for response in responses
        if response.item9_positive and response.item9_reviewed_at is None
    ]


@dataclass(frozen=True)
class Item9Review:
    """A PHQ-9 item 9 answer above 0 that a therapist marked reviewed: who, and when."""

    entry: ScoreEntry
    reviewed_at: datetime
    reviewer: str


def reviewed_item9(client: User, responses: list[MeasureResponse]) -> list[Item9Review]:
    """PHQ-9 responses with item 9 above 0 that a therapist marked reviewed, newest first,
    corrected or not."""
    return [
        Item9Review(
            entry=_entry(client, response),
            reviewed_at=response.item9_reviewed_at,
            reviewer=_name(response.item9_reviewed_by),
        )
        for response in reversed(responses)
        if response.item9_positive and response.item9_reviewed_at is not None
    ]


def _name(person: User | None) -> str:
    if person is None:  # the reviewer's account was purged since
        return "a therapist whose account is closed"
    return person.display_name or person.email


def scores_visible_to_client(client: User) -> bool:
    """Whether the client sees their own scores (on unless the therapist turned it off)."""
    setting = MeasureSettings.objects.filter(client=client).values_list("show_scores_to_client", flat=True)
    return next(iter(setting), True)


# --- Words ----------------------------------------------------------------------------------------


def moves(difference: int) -> str:
    """“down 6”, “up 2” or “no change”."""
    if difference == 0:
        return "no change"
    return f"{'up' if difference > 0 else 'down'} {abs(difference)}"


_RELIABLE = {
    "improved": "a reliable improvement",
    "deteriorated": "a reliable deterioration",
    "no_reliable_change": "no reliable change",
}


def reliable_words(result: Change) -> str:
    """For example “a reliable improvement (6 points or more on the PHQ-9)”."""
    threshold = RELIABLE_CHANGE[result.instrument]
    name = INSTRUMENTS_BY_CODE[result.instrument].short_name
    return f"{_RELIABLE[result.reliable]} ({threshold} points or more counts on the {name})"


def caseness_words(code: str, total: int) -> str:
    cutoff = CASENESS_CUTOFF[code]
    name = INSTRUMENTS_BY_CODE[code].short_name
    if total >= cutoff:
        return f"at or above the {name} cut-off of {cutoff}"
    return f"below the {name} cut-off of {cutoff}"


INSTRUMENTS_BY_CODE: dict[str, Instrument] = {instrument.code: instrument for instrument in INSTRUMENTS}


NEEDS_BOTH = (
    "Recovery is judged on both questionnaires, so it needs two responses or more to each; "
    "so far there {phq9} and {gad7}."
)


def _responses(count: int, name: str) -> str:
    """“1 PHQ-9 response”, “3 GAD-7 responses”, “no GAD-7 response”."""
    if count == 0:
        return f"no {name} response"
    return f"{count} {name} response{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class RecoveryWords:
    """Recovery as NHS Talking Therapies defines it, in sentences for the summary."""

    applies: bool
    lines: list[str]


def _named(changes: list[Change], reliable: str) -> str:
    """“the PHQ-9 (down 11)”, or “the PHQ-9 (down 11) and the GAD-7 (down 6)”: those of ``changes``
    whose reliable change is ``reliable``."""
    return " and ".join(
        f"the {INSTRUMENTS_BY_CODE[c.instrument].short_name} ({moves(c.difference)})"
        for c in changes
        if c.reliable == reliable
    )


def recovery_words(phq9: Trend, gad7: Trend) -> RecoveryWords:
    """Recovery, reliable improvement and reliable recovery from the first responses to the latest,
    naming the questionnaires each rests on."""
    phq9_change, gad7_change = phq9.since_first, gad7.since_first
    if phq9_change is None or gad7_change is None:
        counts = {
            "phq9": ("is " if len(phq9.entries) == 1 else "are ") + _responses(len(phq9.entries), "PHQ-9"),
            "gad7": _responses(len(gad7.entries), "GAD-7"),
        }
        return RecoveryWords(False, [NEEDS_BOTH.format(**counts)])
    result: Recovery = recovery(
        phq9.entries[0].total, gad7.entries[0].total, phq9.entries[-1].total, gad7.entries[-1].total
    )
    changes = [phq9_change, gad7_change]
    lines = []
    if not result.case_at_start:
        lines.append(
            "Not a case on either questionnaire at the first responses (PHQ-9 below 10, GAD-7 below 8), "
            "so recovery does not apply."
        )
    elif result.recovered:
        lines.append("Recovered: a case at the first responses, and a case on neither questionnaire now.")
    else:
        still = " and ".join(
            f"the {trend.instrument.short_name} ({latest.total}; cut-off {CASENESS_CUTOFF[trend.code]})"
            for trend in (phq9, gad7)
            if (latest := trend.latest) is not None and latest.total >= CASENESS_CUTOFF[trend.code]
        )
        lines.append(f"Not recovered: a case at the first responses, and still a case now on {still}.")
    improved, worse = _named(changes, "improved"), _named(changes, "deteriorated")
    steady = [c for c in changes if c.reliable == "no_reliable_change"]
    if result.reliable_improvement and not steady:
        lines.append(f"Reliable improvement: {improved} both improved reliably.")
    elif result.reliable_improvement:
        name = INSTRUMENTS_BY_CODE[steady[0].instrument].short_name
        lines.append(
            f"Reliable improvement: {improved} improved reliably, "
            f"and the {name} did not deteriorate reliably."
        )
    elif improved:
        lines.append(
            f"No reliable improvement: {improved} improved reliably, but {worse} deteriorated reliably."
        )
    elif worse:
        lines.append(f"No reliable improvement: {worse} deteriorated reliably.")
    else:
        lines.append("No reliable improvement: neither questionnaire changed reliably.")
    if result.reliable_recovery:
        lines.append("Reliable recovery: recovered, and improved reliably.")
    elif result.recovered:
        lines.append("No reliable recovery: recovered, but without a reliable improvement.")
    return RecoveryWords(result.case_at_start, lines)


# --- The pre-session summary ----------------------------------------------------------------------


@dataclass(frozen=True)
class TrendSummary:
    trend: Trend
    since_last_session: Change | None
    last_session_baseline: ScoreEntry | None

    @property
    def instrument(self) -> Instrument:
        return self.trend.instrument

    @property
    def since_first_text(self) -> str:
        """For example “Since the first response (20 on 1 Nov 2026): down 6, a reliable improvement
        (6 points or more counts on the PHQ-9).”; empty without a latest response."""
        first, result = self.trend.first, self.trend.since_first
        if first is None:
            return ""
        if result is None:
            return "The only response so far."
        return f"Since the first response ({first.total} on {_long(first.day)}): {_change_words(result)}."

    @property
    def since_last_session_text(self) -> str:
        """The change since the newest response before the previous session, in words."""
        before, result = self.last_session_baseline, self.since_last_session
        if before is None:
            return "Since the previous session: no response before it to compare with."
        if result is None:
            return "No new response since the previous session."
        return f"Since the previous session ({before.total} on {_long(before.day)}): {_change_words(result)}."


def _change_words(result: Change) -> str:
    """“down 6, a reliable improvement (6 points or more counts on the PHQ-9)”, or “no change”."""
    if result.difference == 0:
        return "no change"
    return f"{moves(result.difference)}, {reliable_words(result)}"


def _long(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


@dataclass(frozen=True)
class ScoresSummary:
    trends: list[TrendSummary]
    recovery: RecoveryWords
    item9: list[ScoreEntry] = field(default_factory=list)
    # Item 9 answers above 0 in the summary's period that a therapist has marked reviewed, newest
    # first: a therapist preparing for the session still sees them, with who reviewed them and when.
    item9_reviewed: list[Item9Review] = field(default_factory=list)

    @property
    def has_scores(self) -> bool:
        return any(row.trend.entries for row in self.trends)


def scores_summary(
    client: User,
    previous_session_start: datetime | None,
    period: tuple[datetime, datetime] | None = None,
) -> ScoresSummary:
    """Latest scores, the change since the first response and since the last session, the item 9
    answers not yet reviewed, and those reviewed that were given in ``period`` (the summary's
    start and end, both included) (one query)."""
    responses = responses_of(client)
    found = trends(client, responses)
    rows = []
    for instrument in INSTRUMENTS:
        trend = found[instrument.code]
        baseline = trend.last_before(previous_session_start) if previous_session_start else None
        rows.append(
            TrendSummary(
                trend=trend,
                since_last_session=trend.since(previous_session_start) if previous_session_start else None,
                last_session_baseline=baseline,
            )
        )
    return ScoresSummary(
        trends=rows,
        recovery=recovery_words(found[PHQ9.code], found[GAD7.code]),
        item9=unreviewed_item9(client, responses),
        item9_reviewed=[
            review
            for review in reviewed_item9(client, responses)
            if period is not None and period[0] <= review.entry.submitted_at <= period[1]
        ],
    )


# --- The overview's chart -------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Homework between two sessions (or before the first, or since the last), on local dates."""

    first: date
    last: date
    adherence: AdherenceView

    @property
    def label(self) -> str:
        if self.first == self.last:
            return f"{self.first.day} {self.first:%b}"
        return f"{self.first.day} {self.first:%b} to {self.last.day} {self.last:%b}"


@dataclass(frozen=True)
class ScoresOverview:
    charts: list[charts.ScoreChart]
    trends: list[Trend]
    sessions: list[date]
    periods: list[Period]
    first: date | None
    today: date
    item9: list[ScoreEntry]
    item9_reviewed: list[Item9Review] = field(default_factory=list)

    @property
    def has_scores(self) -> bool:
        return any(trend.entries for trend in self.trends)

    @property
    def events(self) -> list[ScoreEvent]:
        """Every response and session, oldest first, in words: the chart's text alternative."""
        rows: list[tuple[date, int, str, int | None]] = []
        for trend in self.trends:
            name = trend.instrument.short_name
            rows.extend(
                (entry.day, 1, f"{name} {entry.total} ({entry.band_label.lower()})", entry.pk)
                for entry in trend.entries
                if self.first is not None and entry.day >= self.first
            )
        rows += [(day, 0, "Session", None) for day in self.sessions]
        return [
            ScoreEvent(day, words, response)
            for day, _order, words, response in sorted(rows, key=lambda row: (row[0], row[1]))
        ]


class ScoreEvent(NamedTuple):
    """One line of the chart's text alternative, with its date written out once here rather than
    by two template filters per line (a year of weekly responses is over a hundred lines)."""

    day: date
    words: str
    response: int | None = None  # the response's id, for the link to its answers; None for a session

    @property
    def iso(self) -> str:
        return self.day.isoformat()

    @property
    def label(self) -> str:
        """“Mon 7 Dec 2026”, as the ``date`` filter's "D j M Y"."""
        return f"{self.day:%a} {self.day.day} {self.day:%b %Y}"


def chart_start(today: date) -> date:
    """The first day the overview's chart can show."""
    return today - timedelta(days=CHART_DAYS - 1)


def _session_days(client: User, first: date, starts: list[datetime]) -> list[date]:
    """The local dates of the sessions that started at ``starts`` from ``first`` on."""
    zone = client.zone
    since = datetime.combine(first, datetime.min.time(), tzinfo=zone)
    return sorted({moment.astimezone(zone).date() for moment in starts if moment >= since})


def _periods(first: date, today: date, sessions: list[date]) -> list[tuple[date, date]]:
    """From ``first`` to ``today`` cut at each session day (a session starts a new period)."""
    cuts = [day for day in sessions if first < day <= today]
    starts = [first, *cuts]
    ends = [day - timedelta(days=1) for day in cuts] + [today]
    return list(zip(starts, ends, strict=True))[-MAX_PERIODS:]


def period_adherence(client: User, periods: list[tuple[date, date]], *, today: date) -> list[Adherence]:
    """How the occurrences due in each period went (one query, whatever the number of periods).

    The periods follow one another without a gap, so each occurrence's period is the last one
    that starts on or before its due date: PostgreSQL counts the occurrences by period, log
    status and whether they are past, at most seven rows a period. One due on the client's
    ``today`` and not logged is still open, not "not logged" (``Adherence``).
    """
    if not periods:
        return []
    period = Case(
        *(
            When(due_date__gte=first, then=Value(i))
            for i, (first, _last) in reversed(list(enumerate(periods)))
        ),
        default=Value(0),
        output_field=IntegerField(),
    )
    rows = (
        Occurrence.objects.filter(client=client, due_date__gte=periods[0][0], due_date__lte=periods[-1][1])
        .annotate(period=period, past=Case(When(due_date__lt=today, then=Value(True)), default=Value(False)))
        .values_list("period", "log__status", "past")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = [dict.fromkeys(ADHERENCE_FIELDS, 0) for _ in periods]
    for i, status, past, count in rows:
        if status is None and not past:
            counts[i]["still_open"] += count
            continue
        counts[i]["due"] += count
        counts[i][STATUS_FIELD[status]] += count
    return [Adherence(**row) for row in counts]


def _label(day: date) -> str:
    return f"{day.day} {day:%b}"


def scores_overview(client: User, *, today: date, session_starts: list[datetime]) -> ScoresOverview:
    """The overview's PHQ-9 and GAD-7 charts with sessions and homework per period (two queries;
    one when there are no scores).

    ``today`` is the client's; ``session_starts`` are the starts of the client's held or
    scheduled sessions from ``chart_start(today)`` (midnight, the client's time) to now.
    """
    responses = responses_of(client)
    found = trends(client, responses)
    item9 = unreviewed_item9(client, responses)
    reviewed = reviewed_item9(client, responses)
    shown_from = chart_start(today)
    days = [entry.day for trend in found.values() for entry in trend.entries if entry.day >= shown_from]
    if not days:
        return ScoresOverview([], list(found.values()), [], [], None, today, item9, reviewed)
    first = min(days)
    sessions = _session_days(client, first, session_starts)
    spans = _periods(first, today, sessions)
    periods = [
        Period(start, end, AdherenceView(counts))
        for (start, end), counts in zip(spans, period_adherence(client, spans, today=today), strict=True)
    ]
    first_day, last_day = first.toordinal(), today.toordinal()
    drawn = []
    for instrument in INSTRUMENTS:
        trend = found[instrument.code]
        entries = [entry for entry in trend.entries if entry.day >= first]
        if not entries:
            continue
        drawn.append(
            charts.score_chart(
                id=f"{instrument.code}-chart",
                title=f"{instrument.short_name} totals over time (0 to {instrument.max_total})",
                summary=_chart_summary(trend),
                top=instrument.max_total,
                cutoff=CASENESS_CUTOFF[instrument.code],
                bands=[(b.band.value, b.label, b.low, b.high) for b in BANDS[instrument.code]],
                points=[
                    (entry.day.toordinal(), _label(entry.day), entry.total, entry.band_label)
                    for entry in entries
                ],
                sessions=[(day.toordinal(), _label(day)) for day in sessions],
                periods=[
                    (
                        p.first.toordinal(),
                        p.last.toordinal() + 1 if p.last < today else p.last.toordinal(),
                        p.label,
                        p.adherence.rate if p.adherence.rate is not None else -1.0,
                    )
                    for p in periods
                ],
                first_day=first_day,
                last_day=last_day,
                first_label=_label(first),
                last_label=_label(today),
            )
        )
    return ScoresOverview(drawn, list(found.values()), sessions, periods, first, today, item9, reviewed)


def _chart_summary(trend: Trend) -> str:
    """For example “Latest PHQ-9 14 (moderate) on 3 Dec, down 6 since the first on 1 Nov: a
    reliable improvement (6 points or more counts on the PHQ-9).”"""
    latest, first = trend.latest, trend.first
    name = trend.instrument.short_name
    if latest is None or first is None:
        return f"No {name} responses yet."
    text = f"Latest {name} {latest.total} ({latest.band_label.lower()}) on {_label(latest.day)}"
    result = trend.since_first
    if result is None:
        return f"{text}, the only response so far; {caseness_words(trend.code, latest.total)}."
    recent = ""
    if len(trend.entries) > 2:
        # "…, up 7 since the one before on 30 Nov (a reliable deterioration)": a recent turn that
        # the change since the first can hide, as the chart beside it shows.
        before = trend.entries[-2]
        step = change(trend.code, before.total, latest.total)
        recent = f", {moves(step.difference)} since the one before on {_label(before.day)}"
        if step.reliable != "no_reliable_change":
            recent += f" ({_RELIABLE[step.reliable]})"
    return (
        f"{text}{recent}, {moves(result.difference)} since the first on {_label(first.day)} "
        f"({len(trend.entries)} responses): {reliable_words(result)}; "
        f"{caseness_words(trend.code, latest.total)}."
    )
