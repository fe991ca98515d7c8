"""Measures' section of a client's export (see ``mallard/exports.py``): every questionnaire plan,
its windows, every response (with its answers, score and any review of item 9) and the client's
setting. The client and their therapist see the same: nothing here is private to the client."""

from __future__ import annotations

from typing import Any

from mallard.exports import Item, Part, Words, facts, record
from mallard.models import User
from measures.instruments import get_instrument
from measures.models import Band, MeasurePlan, MeasureResponse, MeasureSettings, MeasureWindow, Schedule


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


def measures_report(data: dict[str, Any], *, words: Words, own: bool) -> list[Part]:
    """The section in words: what was asked for, then each response with its score, newest last."""
    plans = tuple(
        Item(
            title=f"{_name(plan)}, {_how_often(plan)}",
            facts=facts(
                ("From", words.day(plan["starts_on"])),
                ("Stopped", plan["ended_at"] and words.moment(plan["ended_at"])),
            ),
        )
        for plan in data["plans"]
    )
    when = {response["id"]: response["submitted_at"] for response in data["responses"]}
    responses = tuple(
        Item(
            title=f"{_name(response)}, {words.moment(response['submitted_at'])}",
            facts=facts(
                ("Score", f"{response['total']} ({Band(response['band']).label.lower()})"),
                ("Answers, question by question (0 not at all to 3 nearly every day)", _answers(response)),
                ("How difficult these problems made things", _difficulty(response)),
                (
                    "Corrects the answers of",
                    response["corrects_id"] in when and words.moment(when[response["corrects_id"]]),
                ),
                (
                    "Question 9 reviewed by your therapist",
                    response["item9_reviewed_at"] and words.moment(response["item9_reviewed_at"]),
                ),
            ),
        )
        for response in data["responses"]
    )
    shown = data["settings"]["show_scores_to_client"]
    return [
        Part("Questionnaires asked for", plans),
        Part("Your answers", responses),
        Part(
            "Your scores",
            (Item(title="Seeing your own scores", facts=facts(("Shown to you in Mallard", shown))),),
        ),
    ]


def _how_often(plan: dict[str, Any]) -> str:
    if plan.get("extra"):
        return "asked once more, beside the plan"
    if plan["schedule"] == Schedule.EVERY_N_WEEKS and plan["every_weeks"]:
        weeks = plan["every_weeks"]
        return "every week" if weeks == 1 else f"every {weeks} weeks"
    return Schedule(plan["schedule"]).label.lower()


def _answers(response: dict[str, Any]) -> str:
    return ", ".join(str(answer) for answer in response["answers"])


def _difficulty(response: dict[str, Any]) -> str | None:
    if response["difficulty"] is None:
        return None
    return get_instrument(response["instrument"]).difficulty_answers[response["difficulty"]]


def _name(row: dict[str, Any]) -> str:
    return get_instrument(row["instrument"]).short_name
