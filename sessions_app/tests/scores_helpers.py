"""Questionnaire responses for the therapist's pages' tests, scored by ``measures.scoring``."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from mallard.models import User
from measures.models import MeasureResponse
from measures.scoring import score

ITEMS = {"phq9": 9, "gad7": 7}


def answers_for(instrument: str, total: int, *, item9: int = 0) -> list[int]:
    """Answers adding up to ``total``; for the PHQ-9, item 9 is ``item9`` and the rest fill up."""
    items = ITEMS[instrument]
    answers = [0] * items
    left = total
    if instrument == "phq9":
        answers[8] = item9
        left -= item9
    for i in range(items - (1 if instrument == "phq9" else 0)):
        answers[i] = min(3, left)
        left -= answers[i]
    assert left == 0, "total out of reach"
    return answers


def respond(
    client: User,
    instrument: str,
    total: int,
    *,
    days_ago: float = 0,
    at: datetime | None = None,
    item9: int = 0,
    corrects: MeasureResponse | None = None,
) -> MeasureResponse:
    answers = answers_for(instrument, total, item9=item9)
    result = score(instrument, answers)
    return MeasureResponse.objects.create(
        client=client,
        instrument=instrument,
        answers=answers,
        total=result.total,
        band=result.band,
        item9_positive=result.item9_positive,
        submitted_at=at or timezone.now() - timedelta(days=days_ago),
        corrects=corrects,
    )
