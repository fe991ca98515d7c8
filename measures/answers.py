"""Reads for the therapist's page of one questionnaire response: every item in the words the
client read (``measures.instruments``, never typed again here), the answer chosen, and the change
from the response before. A fixed number of queries whatever the number of responses.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from measures.instruments import PHQ9, PHQ9_ITEM9, Instrument, get_instrument
from measures.models import MeasureResponse
from measures.scoring import BAND_LABELS, CASENESS_CUTOFF, RELIABLE_CHANGE, Change, change

# The words of an answer outside 0 to 3, which the form never saves: the page still shows it.
NOT_AN_ANSWER = "not one of the four answers"


@dataclass(frozen=True)
class ItemAnswer:
    """One question as printed, and the answer the client chose (0 to 3 and its words)."""

    number: int
    wording: str
    value: int
    label: str
    # PHQ-9 item 9 (thoughts of being better off dead or of self-harm) answered above 0.
    flagged: bool = False


@dataclass(frozen=True)
class AnswerSheet:
    response: MeasureResponse
    instrument: Instrument
    items: list[ItemAnswer]
    # The newest earlier response to the same questionnaire that no later one corrects: the one
    # the overview's "since the one before" and the caseload's "down 4 from 18" compare with.
    previous: MeasureResponse | None

    @property
    def correction(self) -> MeasureResponse | None:
        """The later response that corrects this one, if any (read with it, no query)."""
        try:
            return self.response.correction
        except MeasureResponse.DoesNotExist:
            return None

    @property
    def band_label(self) -> str:
        return BAND_LABELS[self.response.band]

    @property
    def is_case(self) -> bool:
        return self.response.total >= CASENESS_CUTOFF[self.instrument.code]

    @property
    def cutoff(self) -> int:
        return CASENESS_CUTOFF[self.instrument.code]

    @property
    def item9(self) -> ItemAnswer | None:
        """PHQ-9 item 9 when it was answered above 0."""
        return next((item for item in self.items if item.flagged), None)

    @property
    def difficulty(self) -> str:
        """The PHQ-9's unscored last question's answer in words; empty for the GAD-7."""
        answers = self.instrument.difficulty_answers
        if not self.instrument.difficulty_question:
            return ""
        value = self.response.difficulty
        if value is None:
            return "Not answered (it is optional, as on the printed form)"
        return answers[value] if 0 <= value < len(answers) else NOT_AN_ANSWER

    @property
    def change(self) -> Change | None:
        if self.previous is None:
            return None
        return change(self.instrument.code, self.previous.total, self.response.total)

    @property
    def moves(self) -> str:
        """“down 4”, “up 7” or “no change”, from the response before."""
        result = self.change
        if result is None:
            return ""
        if result.difference == 0:
            return "no change"
        return f"{'up' if result.difference > 0 else 'down'} {abs(result.difference)}"

    @property
    def reliable(self) -> str:
        """“a reliable improvement (6 points or more counts on the PHQ-9)”, as the overview says it."""
        result = self.change
        if result is None:
            return ""
        words = {
            "improved": "a reliable improvement",
            "deteriorated": "a reliable deterioration",
            "no_reliable_change": "no reliable change",
        }[result.reliable]
        threshold = RELIABLE_CHANGE[self.instrument.code]
        return f"{words} ({threshold} points or more counts on the {self.instrument.short_name})"


def _items(instrument: Instrument, answers: list[int]) -> list[ItemAnswer]:
    rows = []
    for number, (wording, value) in enumerate(zip(instrument.items, answers, strict=False), start=1):
        try:
            label = instrument.answer_label(value)
        except ValueError:
            label = NOT_AN_ANSWER
        flagged = (
            instrument.code == PHQ9.code and number == PHQ9_ITEM9 and isinstance(value, int) and value > 0
        )
        rows.append(ItemAnswer(number, wording, value, label, flagged))
    return rows


def previous_response(response: MeasureResponse) -> MeasureResponse | None:
    """The newest response to the same questionnaire sent before ``response`` that no later one
    corrects (a correction stands in the place of what it corrects, as on every page). One query."""
    before = Q(submitted_at__lt=response.submitted_at) | Q(
        submitted_at=response.submitted_at, pk__lt=response.pk
    )
    return (
        MeasureResponse.objects.filter(
            before, client_id=response.client_id, instrument=response.instrument, correction__isnull=True
        )
        .exclude(pk=response.pk)
        .only("pk", "client_id", "instrument", "total", "band", "submitted_at")
        .order_by("-submitted_at", "-pk")
        .first()
    )


def answer_sheet(response: MeasureResponse) -> AnswerSheet:
    """``response`` (from ``access.get_response_for_therapist``) item by item, with the response
    before it. One query."""
    instrument = get_instrument(response.instrument)
    return AnswerSheet(
        response=response,
        instrument=instrument,
        items=_items(instrument, list(response.answers)),
        previous=previous_response(response),
    )
