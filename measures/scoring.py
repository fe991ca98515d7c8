"""Scoring the PHQ-9 and the GAD-7, and the NHS Talking Therapies rules for change. No Django.

- ``score(instrument, answers)``: the total, its severity band, and whether PHQ-9 item 9 was
  answered above 0 (Kroenke et al. 2001 for the PHQ-9 bands, Spitzer et al. 2006 for the GAD-7).
- ``change(instrument, first_total, latest_total)``: reliable change and caseness at each end.
- ``recovery(phq9_first, gad7_first, phq9_latest, gad7_latest)``: recovery, reliable improvement
  and reliable recovery over both measures, as NHS Talking Therapies defines them.

``docs/measures.md`` cites the source of every number here. Bad input raises ``ValueError``:
a wrong instrument, the wrong number of answers, an answer that is not an int from 0 to 3
(``True`` is not an answer), or a total outside the instrument's range.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from measures.instruments import PHQ9_ITEM9, Instrument, get_instrument


class Band(StrEnum):
    MINIMAL = "minimal"
    MILD = "mild"
    MODERATE = "moderate"
    MODERATELY_SEVERE = "moderately_severe"
    SEVERE = "severe"

    @property
    def label(self) -> str:
        return BAND_LABELS[self]


BAND_LABELS: dict[str, str] = {
    Band.MINIMAL: "Minimal",
    Band.MILD: "Mild",
    Band.MODERATE: "Moderate",
    Band.MODERATELY_SEVERE: "Moderately severe",
    Band.SEVERE: "Severe",
}


@dataclass(frozen=True)
class BandRange:
    """One severity band: totals from ``low`` to ``high``, both included."""

    band: Band
    low: int
    high: int

    @property
    def label(self) -> str:
        return BAND_LABELS[self.band]

    def __contains__(self, total: object) -> bool:
        return isinstance(total, int) and self.low <= total <= self.high


# Severity bands, lowest first. PHQ-9: Kroenke, Spitzer and Williams 2001; GAD-7: Spitzer et al.
# 2006 (no "moderately severe" band). Together they cover 0..max_total without gaps.
BANDS: dict[str, tuple[BandRange, ...]] = {
    "phq9": (
        BandRange(Band.MINIMAL, 0, 4),
        BandRange(Band.MILD, 5, 9),
        BandRange(Band.MODERATE, 10, 14),
        BandRange(Band.MODERATELY_SEVERE, 15, 19),
        BandRange(Band.SEVERE, 20, 27),
    ),
    "gad7": (
        BandRange(Band.MINIMAL, 0, 4),
        BandRange(Band.MILD, 5, 9),
        BandRange(Band.MODERATE, 10, 14),
        BandRange(Band.SEVERE, 15, 21),
    ),
}

# NHS Talking Therapies: a total at or above the cut-off is a clinical case ("caseness").
CASENESS_CUTOFF: dict[str, int] = {"phq9": 10, "gad7": 8}

# NHS Talking Therapies: a change of at least this many points is reliable.
RELIABLE_CHANGE: dict[str, int] = {"phq9": 6, "gad7": 4}


class Reliable(StrEnum):
    IMPROVED = "improved"
    DETERIORATED = "deteriorated"
    NO_RELIABLE_CHANGE = "no_reliable_change"

    @property
    def label(self) -> str:
        return RELIABLE_LABELS[self]


RELIABLE_LABELS: dict[str, str] = {
    Reliable.IMPROVED: "Reliable improvement",
    Reliable.DETERIORATED: "Reliable deterioration",
    Reliable.NO_RELIABLE_CHANGE: "No reliable change",
}


@dataclass(frozen=True)
class Score:
    instrument: str
    total: int
    band: Band
    item9_positive: bool

    @property
    def band_label(self) -> str:
        return BAND_LABELS[self.band]

    @property
    def is_case(self) -> bool:
        return is_case(self.instrument, self.total)


@dataclass(frozen=True)
class Change:
    instrument: str
    first_total: int
    latest_total: int
    reliable: Reliable
    caseness_first: bool
    caseness_latest: bool

    @property
    def difference(self) -> int:
        """Latest minus first: negative when the score went down (fewer symptoms)."""
        return self.latest_total - self.first_total


@dataclass(frozen=True)
class Recovery:
    case_at_start: bool
    recovered: bool
    reliable_improvement: bool
    reliable_recovery: bool


def _instrument(code: str) -> Instrument:
    if not isinstance(code, str):
        raise ValueError(f"Unknown instrument {code!r}")
    return get_instrument(code)


def _check_total(instrument: Instrument, total: object) -> int:
    if isinstance(total, bool) or not isinstance(total, int):
        raise ValueError(f"A {instrument.short_name} total must be a whole number, not {total!r}")
    if not 0 <= total <= instrument.max_total:
        raise ValueError(
            f"A {instrument.short_name} total runs from 0 to {instrument.max_total}, not {total}"
        )
    return total


def band_for(instrument: str, total: int) -> Band:
    """The severity band of ``total`` on ``instrument``."""
    found = _instrument(instrument)
    _check_total(found, total)
    for band in BANDS[found.code]:
        if total in band:
            return band.band
    raise AssertionError("the bands cover every total")  # pragma: no cover


def is_case(instrument: str, total: int) -> bool:
    """Whether ``total`` is at or above the instrument's caseness cut-off."""
    found = _instrument(instrument)
    return _check_total(found, total) >= CASENESS_CUTOFF[found.code]


def score(instrument: str, answers: Sequence[int]) -> Score:
    """Score one filled-in questionnaire: ``answers`` holds one int from 0 to 3 per item, in order."""
    found = _instrument(instrument)
    if isinstance(answers, str | bytes) or not isinstance(answers, Sequence):
        raise ValueError(f"{found.short_name} answers must be a list of {found.item_count} numbers")
    if len(answers) != found.item_count:
        raise ValueError(f"The {found.short_name} has {found.item_count} items; got {len(answers)} answers")
    allowed = found.answer_values
    for position, answer in enumerate(answers, start=1):
        if isinstance(answer, bool) or not isinstance(answer, int) or answer not in allowed:
            raise ValueError(f"{found.short_name} item {position}: an answer is 0, 1, 2 or 3, not {answer!r}")
    total = sum(answers)
    item9_positive = found.code == "phq9" and answers[PHQ9_ITEM9 - 1] > 0
    return Score(
        instrument=found.code,
        total=total,
        band=band_for(found.code, total),
        item9_positive=item9_positive,
    )


def change(instrument: str, first_total: int, latest_total: int) -> Change:
    """Reliable change from ``first_total`` to ``latest_total``, and caseness at each end."""
    found = _instrument(instrument)
    first = _check_total(found, first_total)
    latest = _check_total(found, latest_total)
    threshold = RELIABLE_CHANGE[found.code]
    if first - latest >= threshold:
        reliable = Reliable.IMPROVED
    elif latest - first >= threshold:
        reliable = Reliable.DETERIORATED
    else:
        reliable = Reliable.NO_RELIABLE_CHANGE
    return Change(
        instrument=found.code,
        first_total=first,
        latest_total=latest,
        reliable=reliable,
        caseness_first=first >= CASENESS_CUTOFF[found.code],
        caseness_latest=latest >= CASENESS_CUTOFF[found.code],
    )


def recovery(phq9_first: int, gad7_first: int, phq9_latest: int, gad7_latest: int) -> Recovery:
    """Recovery over both measures, from the first pair of totals to the latest pair.

    - recovered: a case on at least one measure at the start, and a case on neither at the latest;
    - reliable improvement: a reliable improvement on at least one measure, and a reliable
      deterioration on neither;
    - reliable recovery: both.
    """
    phq9 = change("phq9", phq9_first, phq9_latest)
    gad7 = change("gad7", gad7_first, gad7_latest)
    case_at_start = phq9.caseness_first or gad7.caseness_first
    recovered = case_at_start and not (phq9.caseness_latest or gad7.caseness_latest)
    reliable = {phq9.reliable, gad7.reliable}
    reliable_improvement = Reliable.IMPROVED in reliable and Reliable.DETERIORATED not in reliable
    return Recovery(
        case_at_start=case_at_start,
        recovered=recovered,
        reliable_improvement=reliable_improvement,
        reliable_recovery=recovered and reliable_improvement,
    )
