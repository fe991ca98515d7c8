"""Measures' section of a client's export (see ``mallard/exports.py``): every questionnaire plan,
its windows, every response (with its answers, score and any review of item 9) and the client's
setting. The client and their therapist see the same: nothing here is private to the client."""

from __future__ import annotations

from typing import Any

from mallard.exports import record
from mallard.models import User
from measures.models import MeasurePlan, MeasureResponse, MeasureSettings, MeasureWindow


def measures_section(client: User, *, viewer: User) -> dict[str, Any]:
    """Four queries, whatever the length of the record."""
    settings = MeasureSettings.objects.filter(client=client).first()
    return {
        "plans": [record(p) for p in MeasurePlan.objects.filter(client=client).order_by("created_at", "pk")],
        "windows": [
            record(w, exclude=("client",))
            for w in MeasureWindow.objects.filter(client=client).order_by("opens_at", "pk")
        ],
        "responses": [
            record(r) for r in MeasureResponse.objects.filter(client=client).order_by("submitted_at", "pk")
        ],
        "settings": record(settings, exclude=("client",)) if settings else {"show_scores_to_client": True},
    }
