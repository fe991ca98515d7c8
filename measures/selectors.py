"""Reads for the questionnaire pages and Today's card: each a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from homework.hooks import TodayPanel
from mallard.models import User
from measures.instruments import Instrument, get_instrument
from measures.models import MeasurePlan, MeasureWindow


@dataclass(frozen=True)
class DueQuestionnaire:
    window: MeasureWindow
    instrument: Instrument


def open_windows(client: User, now: datetime) -> list[DueQuestionnaire]:
    """The client's questionnaires open now and not yet answered, soonest closing first. One query."""
    windows = (
        MeasureWindow.objects.filter(
            client=client,
            opens_at__lte=now,
            closes_at__gt=now,
            response__isnull=True,
            plan__ended_at__isnull=True,
        )
        .select_related("plan")
        .order_by("closes_at", "pk")
    )
    return [DueQuestionnaire(window=w, instrument=get_instrument(w.plan.instrument)) for w in windows]


def today_panels(client: User, now: datetime) -> list[TodayPanel]:
    """Today's card of due questionnaires (registered in ``homework.hooks.today_panels``)."""
    due = open_windows(client, now)
    if not due:
        return []
    return [TodayPanel(template="measures/today_card.html", context={"due": due})]


def client_plans(client: User) -> list[MeasurePlan]:
    """The client's plans, running first, newest first. One query."""
    return list(client.measure_plans.select_related("therapist").order_by("ended_at", "-created_at"))


def unanswered_windows(client: User, now: datetime) -> dict[int, MeasureWindow]:
    """For each running plan of the client: its next window not yet answered. One query."""
    windows = MeasureWindow.objects.filter(
        client=client, closes_at__gt=now, response__isnull=True, plan__ended_at__isnull=True
    ).order_by("opens_at", "pk")
    first: dict[int, MeasureWindow] = {}
    for window in windows:
        first.setdefault(window.plan_id, window)
    return first
