"""Six weeks of PHQ-9 and GAD-7 scores for the demo clients (run by ``seed_demo``).

Each client has a running plan for each questionnaire, and the responses that plan would have
collected: Jordan fills both in before each weekly session (a window is open now, as the next
session is tomorrow), Priya and Tomás every two weeks (Priya's are open today). The scores fall
slowly with some weeks worse than others, as they do in therapy that is working. One of Jordan's
earlier PHQ-9s had item 9 above 0, reviewed by the therapist the next day; Tomás's latest has
item 9 above 0 and is not reviewed yet, so the caseload's flag shows. A client who already has a
plan is left alone, so running ``seed_demo`` again never duplicates anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import transaction

from homework.services import client_today
from mallard.demo import DemoPeople
from mallard.models import User
from measures import services
from measures.instruments import PHQ9_ITEM9, get_instrument
from measures.models import MeasurePlan, MeasureResponse, MeasureWindow, Schedule
from measures.scoring import score


@dataclass(frozen=True)
class Series:
    schedule: str
    every_weeks: int | None
    # Days before today of each answered window's last day, oldest first.
    days_ago: tuple[int, ...]
    phq9: tuple[int, ...]
    gad7: tuple[int, ...]
    # PHQ-9 item 9 above 0: (index in the series, reviewed the next day?)
    item9: tuple[tuple[int, bool], ...] = field(default=())


# Jordan's sessions are weekly, the next one tomorrow: each window closes on a session's day.
JORDAN = Series(
    Schedule.BEFORE_SESSION,
    None,
    days_ago=(41, 34, 27, 20, 13, 6),
    phq9=(16, 15, 16, 13, 11, 9),
    gad7=(11, 12, 10, 9, 8, 7),
    item9=((2, True),),
)
PRIYA = Series(Schedule.EVERY_N_WEEKS, 2, days_ago=(42, 28, 14), phq9=(12, 11, 10), gad7=(15, 13, 11))
TOMAS = Series(
    Schedule.EVERY_N_WEEKS,
    2,
    days_ago=(35, 21, 7),
    phq9=(10, 11, 9),
    gad7=(8, 9, 6),
    item9=((2, False),),
)
SERIES = {
    "jordan.ellis@example.com": JORDAN,
    "priya.raman@example.com": PRIYA,
    "tomas.alvarez@example.com": TOMAS,
}
EVENING = time(19, 30)


def answers_for(instrument: str, total: int, *, item9: bool = False) -> list[int]:
    """Answers that add up to ``total``, spread over the items from the first; item 9 of the PHQ-9
    is 1 when ``item9`` and 0 otherwise."""
    count = get_instrument(instrument).item_count
    answers = [0] * count
    fixed = PHQ9_ITEM9 - 1 if instrument == "phq9" else None
    remaining = total
    if fixed is not None and item9:
        answers[fixed] = 1
        remaining -= 1
    position = 0
    while remaining > 0:
        if position != fixed and answers[position] < 3:
            answers[position] += 1
            remaining -= 1
        position = (position + 1) % count
    return answers


def _seed_client(therapist: User, client: User, series: Series, today: date) -> None:
    zone = client.zone
    start = today - timedelta(days=series.days_ago[0])
    for instrument, totals in (("phq9", series.phq9), ("gad7", series.gad7)):
        plan = services.assign_measure(
            therapist=therapist,
            client=client,
            instrument=instrument,
            schedule=series.schedule,
            every_weeks=series.every_weeks,
            starts_on=start,
        )
        MeasurePlan.objects.filter(pk=plan.pk).update(
            created_at=datetime.combine(start - timedelta(days=1), time(17, 0), tzinfo=zone)
        )
        flagged = dict(series.item9) if instrument == "phq9" else {}
        for index, (days_ago, total) in enumerate(zip(series.days_ago, totals, strict=True)):
            last_day = today - timedelta(days=days_ago)
            # Before each session: from two days before until the session (in the morning).
            closes = datetime.combine(last_day, time(9, 0), tzinfo=zone)
            opens = closes - timedelta(days=2)
            if series.schedule == Schedule.EVERY_N_WEEKS:
                opens = datetime.combine(last_day, time(0, 0), tzinfo=zone)
                closes = opens + timedelta(days=7)
            window = MeasureWindow.objects.create(plan=plan, client=client, opens_at=opens, closes_at=closes)
            answers = answers_for(instrument, total, item9=index in flagged)
            result = score(instrument, answers)
            submitted = datetime.combine(last_day - timedelta(days=1), EVENING, tzinfo=zone)
            if series.schedule == Schedule.EVERY_N_WEEKS:
                submitted = datetime.combine(last_day + timedelta(days=1), EVENING, tzinfo=zone)
            reviewed = flagged.get(index)
            MeasureResponse.objects.create(
                client=client,
                plan=plan,
                window=window,
                instrument=instrument,
                answers=answers,
                difficulty=1 if instrument == "phq9" else None,
                total=result.total,
                band=str(result.band),
                item9_positive=result.item9_positive,
                submitted_at=submitted,
                item9_reviewed_at=submitted + timedelta(days=1) if reviewed else None,
                item9_reviewed_by=therapist if reviewed else None,
            )


@transaction.atomic
def seed(people: DemoPeople) -> None:
    for client in people.clients:
        series = SERIES.get(client.email)
        if series is None or MeasurePlan.objects.filter(client=client).exists():
            continue
        _seed_client(people.therapist, client, series, client_today(client))
