"""Every scoring rule at its boundaries: each total's band, reliable change, caseness, recovery."""

from __future__ import annotations

import itertools

import pytest

from measures.scoring import (
    BAND_LABELS,
    BANDS,
    CASENESS_CUTOFF,
    RELIABLE_CHANGE,
    Band,
    Reliable,
    band_for,
    change,
    is_case,
    recovery,
    score,
)

PHQ9_EXPECTED = ["minimal"] * 5 + ["mild"] * 5 + ["moderate"] * 5 + ["moderately_severe"] * 5 + ["severe"] * 8
GAD7_EXPECTED = ["minimal"] * 5 + ["mild"] * 5 + ["moderate"] * 5 + ["severe"] * 7


def _answers(total: int, items: int) -> list[int]:
    """Answers that add up to ``total``, filled from the first item (3s, then the remainder)."""
    answers = []
    for _ in range(items):
        answer = min(3, total)
        answers.append(answer)
        total -= answer
    assert total == 0
    return answers


@pytest.mark.parametrize("total", range(28))
def test_every_phq9_total_gets_its_band(total: int) -> None:
    result = score("phq9", _answers(total, 9))
    assert result.total == total
    assert result.band == PHQ9_EXPECTED[total]
    assert band_for("phq9", total) == PHQ9_EXPECTED[total]


@pytest.mark.parametrize("total", range(22))
def test_every_gad7_total_gets_its_band(total: int) -> None:
    result = score("gad7", _answers(total, 7))
    assert result.total == total
    assert result.band == GAD7_EXPECTED[total]


def test_the_gad7_has_no_moderately_severe_band() -> None:
    assert Band.MODERATELY_SEVERE not in {band.band for band in BANDS["gad7"]}
    assert {score("gad7", _answers(t, 7)).band for t in range(22)} == {
        "minimal",
        "mild",
        "moderate",
        "severe",
    }


def test_bands_cover_each_range_without_gaps() -> None:
    for code, top in (("phq9", 27), ("gad7", 21)):
        bands = BANDS[code]
        assert bands[0].low == 0
        assert bands[-1].high == top
        for lower, upper in itertools.pairwise(bands):
            assert upper.low == lower.high + 1


def test_bands_have_labels_for_display() -> None:
    assert score("phq9", [2] * 8 + [0]).band_label == "Moderately severe"
    assert BAND_LABELS["minimal"] == "Minimal"
    assert Band.SEVERE.label == "Severe"
    assert [band.label for band in BANDS["gad7"]] == ["Minimal", "Mild", "Moderate", "Severe"]


def test_cut_offs_are_the_nhs_talking_therapies_ones() -> None:
    assert CASENESS_CUTOFF == {"phq9": 10, "gad7": 8}
    assert RELIABLE_CHANGE == {"phq9": 6, "gad7": 4}


@pytest.mark.parametrize("item9", [1, 2, 3])
def test_phq9_item9_above_zero_is_positive(item9: int) -> None:
    assert score("phq9", [0] * 8 + [item9]).item9_positive is True


def test_phq9_item9_at_zero_is_not_positive_whatever_the_rest() -> None:
    assert score("phq9", [3] * 8 + [0]).item9_positive is False


def test_gad7_is_never_item9_positive() -> None:
    assert score("gad7", [3] * 7).item9_positive is False


@pytest.mark.parametrize(
    ("code", "answers"),
    [
        ("phq9", [0] * 8),
        ("phq9", [0] * 10),
        ("phq9", []),
        ("gad7", [0] * 9),
        ("gad7", [0] * 6),
    ],
)
def test_it_refuses_the_wrong_number_of_answers(code: str, answers: list[int]) -> None:
    with pytest.raises(ValueError, match="items"):
        score(code, answers)


@pytest.mark.parametrize("bad", [-1, 4, 1.0, "1", None, True, False])
def test_it_refuses_answers_that_are_not_ints_from_0_to_3(bad: object) -> None:
    with pytest.raises(ValueError, match="item 9"):
        score("phq9", [0] * 8 + [bad])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="item 1"):
        score("gad7", [bad] + [0] * 6)  # type: ignore[arg-type]


@pytest.mark.parametrize("answers", ["000000000", None, 0, {0, 1}])
def test_it_refuses_answers_that_are_not_a_list(answers: object) -> None:
    with pytest.raises(ValueError, match="list"):
        score("phq9", answers)  # type: ignore[arg-type]


def test_it_accepts_a_tuple_of_answers() -> None:
    assert score("gad7", (1, 1, 1, 1, 1, 1, 1)).total == 7


@pytest.mark.parametrize("code", ["PHQ9", "phq2", "", None])
def test_it_refuses_unknown_instruments(code: object) -> None:
    with pytest.raises(ValueError, match="Unknown instrument"):
        score(code, [0] * 9)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="Unknown instrument"):
        change(code, 10, 4)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("first", "latest", "expected"),
    [
        (20, 15, "no_reliable_change"),
        (20, 14, "improved"),
        (20, 10, "improved"),
        (15, 20, "no_reliable_change"),
        (14, 20, "deteriorated"),
        (12, 12, "no_reliable_change"),
        (6, 0, "improved"),
        (21, 27, "deteriorated"),
    ],
)
def test_phq9_reliable_change_is_six_points(first: int, latest: int, expected: str) -> None:
    assert change("phq9", first, latest).reliable == expected


@pytest.mark.parametrize(
    ("first", "latest", "expected"),
    [
        (12, 9, "no_reliable_change"),
        (12, 8, "improved"),
        (9, 12, "no_reliable_change"),
        (8, 12, "deteriorated"),
        (4, 0, "improved"),
        (17, 21, "deteriorated"),
    ],
)
def test_gad7_reliable_change_is_four_points(first: int, latest: int, expected: str) -> None:
    assert change("gad7", first, latest).reliable == expected


def test_change_gives_the_difference_and_a_label() -> None:
    result = change("phq9", 18, 9)
    assert result.difference == -9
    assert result.reliable is Reliable.IMPROVED
    assert result.reliable.label == "Reliable improvement"


@pytest.mark.parametrize(
    ("code", "total", "case"),
    [("phq9", 9, False), ("phq9", 10, True), ("gad7", 7, False), ("gad7", 8, True)],
)
def test_caseness_cut_offs(code: str, total: int, case: bool) -> None:
    assert is_case(code, total) is case
    assert change(code, total, 0).caseness_first is case
    assert change(code, 0, total).caseness_latest is case


@pytest.mark.parametrize(
    ("code", "total"),
    [("phq9", -1), ("phq9", 28), ("gad7", 22), ("gad7", True), ("phq9", 9.0), ("gad7", "8")],
)
def test_change_refuses_totals_outside_the_range(code: str, total: object) -> None:
    with pytest.raises(ValueError, match="total"):
        change(code, total, 0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="total"):
        change(code, 0, total)  # type: ignore[arg-type]


def test_recovered_and_reliably_improved_is_reliable_recovery() -> None:
    result = recovery(phq9_first=16, gad7_first=12, phq9_latest=6, gad7_latest=5)
    assert result.case_at_start is True
    assert result.recovered is True
    assert result.reliable_improvement is True
    assert result.reliable_recovery is True


def test_not_a_case_at_the_start_cannot_recover() -> None:
    result = recovery(phq9_first=9, gad7_first=7, phq9_latest=2, gad7_latest=2)
    assert result.case_at_start is False
    assert result.recovered is False
    assert result.reliable_improvement is True
    assert result.reliable_recovery is False


def test_a_case_on_one_measure_at_the_start_is_enough() -> None:
    assert recovery(9, 8, 9, 7).recovered is True
    assert recovery(10, 7, 9, 7).recovered is True


def test_still_a_case_on_either_measure_at_the_latest_is_not_recovered() -> None:
    assert recovery(15, 12, 9, 8).recovered is False
    assert recovery(15, 12, 10, 7).recovered is False
    assert recovery(15, 12, 9, 7).recovered is True


def test_recovered_without_reliable_improvement_is_not_reliable_recovery() -> None:
    # Just over both cut-offs at the start, just under at the latest: below the reliable change.
    result = recovery(phq9_first=10, gad7_first=8, phq9_latest=9, gad7_latest=7)
    assert result.recovered is True
    assert result.reliable_improvement is False
    assert result.reliable_recovery is False


def test_reliable_improvement_needs_one_measure_improved() -> None:
    assert recovery(15, 10, 10, 7).reliable_improvement is False  # 5 and 3 points
    assert recovery(15, 10, 9, 7).reliable_improvement is True  # 6 points on the PHQ-9
    assert recovery(15, 10, 10, 6).reliable_improvement is True  # 4 points on the GAD-7


def test_a_reliable_deterioration_on_either_measure_rules_out_reliable_improvement() -> None:
    result = recovery(phq9_first=20, gad7_first=4, phq9_latest=8, gad7_latest=8)
    assert result.reliable_improvement is False
    assert result.reliable_recovery is False
    assert recovery(20, 4, 8, 7).reliable_improvement is True  # a 3-point rise is not reliable
    assert recovery(4, 18, 10, 6).reliable_improvement is False


def test_recovery_refuses_totals_outside_the_range() -> None:
    with pytest.raises(ValueError, match="PHQ-9"):
        recovery(28, 0, 0, 0)
    with pytest.raises(ValueError, match="GAD-7"):
        recovery(0, 0, 0, 22)
