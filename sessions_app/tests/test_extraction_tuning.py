"""The extractor scored on the tuning part of the labelled corpus.

The tuning part is the union of eight modules: ``extraction_tuning.py``,
written by the rules' author alongside the rules, and seven independent batches,
``extraction_tuning_b.py`` to ``extraction_tuning_h.py``, each written without
sight of the rules' code, scored once and then used to improve them. The rules
were tuned on all of them, so the thresholds guard against the rules getting
worse; they do not say how well the rules do on new text. That is the held-out
part's job (test_extraction_heldout.py).
"""

from __future__ import annotations

from collections import Counter

import pytest

from sessions_app.extraction import extract_action_items
from sessions_app.tests import (
    extraction_tuning,
    extraction_tuning_b,
    extraction_tuning_c,
    extraction_tuning_d,
    extraction_tuning_e,
    extraction_tuning_f,
    extraction_tuning_g,
    extraction_tuning_h,
)
from sessions_app.tests.extraction_eval import STYLES, Case, place, score

BATCHES: dict[str, tuple[Case, ...]] = {
    "first module": extraction_tuning.CASES,
    "independent batch b": extraction_tuning_b.CASES,
    "independent batch c": extraction_tuning_c.CASES,
    "independent batch d": extraction_tuning_d.CASES,
    "independent batch e": extraction_tuning_e.CASES,
    "independent batch f": extraction_tuning_f.CASES,
    "independent batch g": extraction_tuning_g.CASES,
    "independent batch h": extraction_tuning_h.CASES,
}
CASES: tuple[Case, ...] = tuple(case for cases in BATCHES.values() for case in cases)

# docs/action-items.md reports the figures; the test fails if the rules get worse.
MIN_PRECISION = 0.92
MIN_RECALL = 0.92
MIN_KIND_ACCURACY = 0.90
MIN_SCHEDULE_ACCURACY = 0.90


def test_the_tuning_part_is_large_and_covers_every_style() -> None:
    assert len({case.id for case in CASES}) == len(CASES)
    assert sum(len(case.expected) for case in CASES) >= 90
    assert {case.style for case in CASES} == set(STYLES)
    for cases in BATCHES.values():
        assert {case.style for case in cases} <= set(STYLES)
    assert sum(1 for case in CASES if not case.expected) >= 8  # texts with nothing to find
    assert any(len(case.text) >= 200_000 for case in CASES)


@pytest.mark.parametrize("case", [pytest.param(case, id=case.id) for case in CASES])
def test_each_labelled_span_stands_once_in_its_text(case: Case) -> None:
    for expected in case.expected:
        start, end = place(case, expected)
        assert case.text[start:end] == expected.span


def test_precision_recall_kinds_and_schedules_on_the_tuning_part(capsys: pytest.CaptureFixture[str]) -> None:
    result = score(CASES, extract_action_items)
    by_style = Counter(case.style for case in CASES)
    with capsys.disabled():
        print(f"\naction items, {result.line('tuning part')}; texts by style {dict(by_style)}")
        for name, cases in BATCHES.items():
            print(f"action items, {score(cases, extract_action_items).line(f'of which {name}')}")
    assert result.precision >= MIN_PRECISION
    assert result.recall >= MIN_RECALL
    assert result.kind_accuracy >= MIN_KIND_ACCURACY
    assert result.schedule_accuracy >= MIN_SCHEDULE_ACCURACY
