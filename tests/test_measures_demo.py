"""The demo's questionnaires: a believable series for each client, and one "before each session"
questionnaire open now (seeded as seed_demo does: people, then each app in INSTALLED_APPS order)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from measures.demo import answers_for
from measures.models import MeasurePlan, MeasureResponse, MeasureWindow, Schedule
from measures.scoring import score

pytestmark = pytest.mark.django_db


def test_seed_demo_gives_every_client_a_series_and_an_open_before_session_window() -> None:
    call_command("seed_demo", stdout=None)
    now = timezone.now()
    for email in ("jordan.ellis@example.com", "priya.raman@example.com", "tomas.alvarez@example.com"):
        responses = list(MeasureResponse.objects.filter(client__email=email).order_by("submitted_at"))
        assert {r.instrument for r in responses} == {"phq9", "gad7"}
        assert len(responses) >= 6
        assert all(r.submitted_at < now for r in responses)
        assert all(
            r.window is not None and r.window.opens_at <= r.submitted_at < r.window.closes_at
            for r in responses
        )
        assert all(score(r.instrument, r.answers).total == r.total for r in responses)
        assert responses[0].submitted_at < now - timedelta(weeks=4)
    before = MeasurePlan.objects.get(client__email="jordan.ellis@example.com", instrument="phq9")
    assert before.schedule == Schedule.BEFORE_SESSION
    open_now = MeasureWindow.objects.filter(
        plan=before, opens_at__lte=now, closes_at__gt=now, response__isnull=True
    )
    assert open_now.count() == 1
    flagged = MeasureResponse.objects.filter(item9_positive=True, item9_reviewed_at__isnull=True)
    assert flagged.count() == 1


def test_seeding_again_duplicates_nothing() -> None:
    call_command("seed_demo", stdout=None)
    counts = (MeasurePlan.objects.count(), MeasureWindow.objects.count(), MeasureResponse.objects.count())
    call_command("seed_demo", stdout=None)
    assert (
        MeasurePlan.objects.count(),
        MeasureWindow.objects.count(),
        MeasureResponse.objects.count(),
    ) == counts


@pytest.mark.parametrize(
    ("instrument", "total", "item9"),
    [("phq9", 0, False), ("phq9", 9, True), ("phq9", 25, True), ("gad7", 21, False)],
)
def test_demo_answers_add_up(instrument: str, total: int, item9: bool) -> None:
    result = score(instrument, answers_for(instrument, total, item9=item9))
    assert (result.total, result.item9_positive) == (total, item9)
