"""The database's own checks on questionnaire rows: they hold whatever code writes them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from mallard.models import User
from measures.models import Band, MeasurePlan, MeasureResponse, MeasureWindow, Schedule

DAY = date(2026, 3, 2)


def _response(client: User, **extra: object) -> MeasureResponse:
    fields: dict[str, object] = {
        "client": client,
        "instrument": "gad7",
        "answers": [1] * 7,
        "total": 7,
        "band": Band.MILD,
    }
    fields.update(extra)
    return MeasureResponse.objects.create(**fields)


def test_it_saves_a_well_formed_response(client_user: User) -> None:
    response = _response(client_user)
    assert response.pk is not None
    assert not response.needs_item9_review


@pytest.mark.parametrize(
    "extra",
    [
        {"answers": [1] * 9},  # a GAD-7 has 7 items
        {"instrument": "phq9", "answers": [1] * 7, "total": 7},  # a PHQ-9 has 9
        {"total": 22},  # above the GAD-7's highest total
        {"instrument": "phq9", "answers": [3] * 9, "total": 28},
        {"difficulty": 1},  # the difficulty question is the PHQ-9's
        {"instrument": "phq9", "answers": [0] * 9, "total": 0, "difficulty": 4},
        {"item9_positive": True},  # there is no item 9 on the GAD-7
        {"band": "dreadful"},
        {"instrument": "bdi"},
        {"item9_reviewed_at": timezone.now()},  # nothing to review
    ],
)
def test_it_refuses_a_malformed_response(client_user: User, extra: dict[str, object]) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        _response(client_user, **extra)


def test_a_window_takes_one_response(therapist: User, client_user: User) -> None:
    plan = MeasurePlan.objects.create(
        client=client_user,
        therapist=therapist,
        instrument="gad7",
        schedule=Schedule.ONCE,
        starts_on=DAY,
    )
    now = timezone.now()
    window = MeasureWindow.objects.create(
        plan=plan, client=client_user, opens_at=now, closes_at=now + timedelta(days=7)
    )
    _response(client_user, plan=plan, window=window)
    with pytest.raises(IntegrityError), transaction.atomic():
        _response(client_user, plan=plan, window=window)


@pytest.mark.parametrize(
    ("schedule", "every_weeks"),
    [
        (Schedule.EVERY_N_WEEKS, None),
        (Schedule.EVERY_N_WEEKS, 0),
        (Schedule.EVERY_N_WEEKS, 13),
        (Schedule.ONCE, 2),
    ],
)
def test_it_refuses_a_plan_with_a_wrong_interval(
    therapist: User, client_user: User, schedule: str, every_weeks: int | None
) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        MeasurePlan.objects.create(
            client=client_user,
            therapist=therapist,
            instrument="phq9",
            schedule=schedule,
            every_weeks=every_weeks,
            starts_on=DAY,
        )


def test_a_client_has_one_running_plan_per_questionnaire(therapist: User, client_user: User) -> None:
    fields = {"client": client_user, "therapist": therapist, "instrument": "phq9", "starts_on": DAY}
    first = MeasurePlan.objects.create(schedule=Schedule.ONCE, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeasurePlan.objects.create(schedule=Schedule.BEFORE_SESSION, **fields)
    first.ended_at = timezone.now()
    first.save(update_fields=["ended_at"])
    MeasurePlan.objects.create(schedule=Schedule.BEFORE_SESSION, **fields)
