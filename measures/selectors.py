"""Reads for the questionnaire pages and Today's card: each a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from django.db.models import Q

from homework.hooks import TodayPanel
from mallard.models import User
from measures.instruments import Instrument, get_instrument
from measures.models import MeasurePlan, MeasureWindow, Schedule


@dataclass(frozen=True)
class DueQuestionnaire:
    window: MeasureWindow
    instrument: Instrument


def open_windows(client: User, now: datetime) -> list[DueQuestionnaire]:
    """The client's questionnaires open now and not yet answered, soonest closing first, each
    questionnaire once: when two asks of it are open together (a plan's window beside an "Ask once
    now"), the one closing first stands for both, since one answer covers every open ask of it
    (``services.submit_response``). One query."""
    windows = (
        MeasureWindow.objects.filter(
            MeasureWindow.open_unanswered(now), client=client, plan__ended_at__isnull=True
        )
        .select_related("plan")
        .order_by("closes_at", "pk")
    )
    due: dict[str, DueQuestionnaire] = {}
    for w in windows:
        due.setdefault(
            w.plan.instrument, DueQuestionnaire(window=w, instrument=get_instrument(w.plan.instrument))
        )
    return list(due.values())


def open_window_of(client: User, instrument: str, now: datetime) -> MeasureWindow | None:
    """The client's window of ``instrument`` that is open now and not answered, closing first."""
    return (
        MeasureWindow.objects.filter(
            MeasureWindow.open_unanswered(now),
            client=client,
            plan__instrument=instrument,
            plan__ended_at__isnull=True,
        )
        .order_by("closes_at", "pk")
        .first()
    )


def today_panels(client: User, now: datetime) -> list[TodayPanel]:
    """Today's card of due questionnaires (registered in ``homework.hooks.today_panels``)."""
    due = open_windows(client, now)
    if not due:
        return []
    return [TodayPanel(template="measures/today_card.html", context={"due": due})]


@dataclass(frozen=True)
class PlanRow:
    """One plan on the therapist's page, with what its next line says (``state``).

    - ``stopped``: the plan was stopped;
    - ``open``: ``next_window`` is open now, not answered yet;
    - ``opens``: ``next_window`` opens later;
    - ``answered``: nothing left to answer now or to come in the plan's written windows, and the
      client answered ``answered`` (a window still open, or a "once" plan's only one);
    - ``closed``: a "once" plan whose window closed without an answer;
    - ``no_session``: "before each session" with no scheduled session ahead;
    - ``later``: "every N weeks" whose next window (``next_day``) is not written yet.

    ``answered`` is also set beside ``open`` and ``opens`` when the client answered the window
    before (this week's, when next week's is already written).

    ``extra`` is the window of the newest extra ask beside the plan ("Ask once now") while it has
    not closed: open and not answered, or answered (``extra_answered_at``).
    """

    plan: MeasurePlan
    state: str
    next_window: MeasureWindow | None = None
    answered: MeasureWindow | None = None
    closed: MeasureWindow | None = None
    next_day: date | None = None
    extra: MeasureWindow | None = None

    @property
    def answered_at(self) -> datetime | None:
        answer = self.answered.answer if self.answered is not None else None
        return answer.submitted_at if answer is not None else None

    @property
    def extra_answered_at(self) -> datetime | None:
        answer = self.extra.answer if self.extra is not None else None
        return answer.submitted_at if answer is not None else None


def _plan_row(
    plan: MeasurePlan, windows: list[MeasureWindow], now: datetime, extra: MeasureWindow | None = None
) -> PlanRow:
    if not plan.is_running:
        return PlanRow(plan, "stopped")
    return replace(_running_row(plan, windows, now), extra=extra)


def _running_row(plan: MeasurePlan, windows: list[MeasureWindow], now: datetime) -> PlanRow:
    ahead = [w for w in windows if w.closes_at > now]
    answered = [w for w in windows if w.answer is not None]
    last_answered = (
        answered[-1]
        if answered and (answered[-1].closes_at > now or plan.schedule == Schedule.ONCE)
        else None
    )
    waiting = [w for w in ahead if w.answer is None]
    if waiting:
        state = "open" if waiting[0].is_open(now) else "opens"
        return PlanRow(plan, state, next_window=waiting[0], answered=last_answered)
    if last_answered is not None:
        state = "answered"
    elif plan.schedule == Schedule.ONCE:
        return PlanRow(plan, "closed", closed=windows[-1] if windows else None)
    elif plan.schedule == Schedule.BEFORE_SESSION:
        return PlanRow(plan, "no_session")
    else:
        state = "later"
    next_day = plan.next_day_after(now.astimezone(plan.client.zone).date())
    return PlanRow(plan, state, answered=last_answered, next_day=next_day)


def plan_rows(client: User, now: datetime) -> list[PlanRow]:
    """The client's plans, running first, newest first, each with its next window in words
    (``PlanRow``). An extra ask ("Ask once now") is not a row of its own: its window, while it has
    not closed, is told on the row of its questionnaire's running plan. Two queries, whatever the
    number of plans and windows."""
    plans = list(client.measure_plans.order_by("ended_at", "-created_at"))
    windows = (
        MeasureWindow.objects.filter(client=client, plan__ended_at__isnull=True)
        .filter(Q(closes_at__gt=now) | Q(plan__schedule=Schedule.ONCE, plan__extra=False))
        .select_related("response", "covered_by")
        .order_by("opens_at", "pk")
    )
    by_plan: dict[int, list[MeasureWindow]] = {plan.pk: [] for plan in plans}
    for window in windows:
        by_plan[window.plan_id].append(window)
    extras: dict[str, MeasureWindow] = {}
    for plan in plans:
        plan.client = client  # for the client's zone, without a query per plan
        if plan.extra:
            for window in by_plan[plan.pk]:  # only running extras' windows that close after now
                if plan.instrument not in extras or window.opens_at >= extras[plan.instrument].opens_at:
                    extras[plan.instrument] = window
    return [
        _plan_row(plan, by_plan[plan.pk], now, extras.get(plan.instrument))
        for plan in plans
        if not plan.extra
    ]
