"""The extractor scored on the held-out part of the labelled corpus (extraction_heldout.py).

The held-out cases are written by someone else and the rules are not tuned on
them, so these are the figures to believe. Until that module is merged the
test is skipped.
"""

from __future__ import annotations

import importlib
import importlib.util

import pytest

from sessions_app.extraction import extract_action_items
from sessions_app.tests.extraction_eval import STYLES, Case, score

HELD_OUT = "sessions_app.tests.extraction_heldout"

MIN_PRECISION = 0.92
MIN_RECALL = 0.92
MIN_KIND_ACCURACY = 0.90
MIN_SCHEDULE_ACCURACY = 0.90


@pytest.fixture(scope="module")
def held_out_cases() -> tuple[Case, ...]:
    if importlib.util.find_spec(HELD_OUT) is None:
        pytest.skip("the held-out part of the corpus is not merged yet")
    module = importlib.import_module(HELD_OUT)
    cases: tuple[Case, ...] = tuple(module.CASES)
    return cases


def test_the_held_out_part_covers_every_style(held_out_cases: tuple[Case, ...]) -> None:
    assert len({case.id for case in held_out_cases}) == len(held_out_cases)
    assert {case.style for case in held_out_cases} == set(STYLES)


def test_precision_recall_kinds_and_schedules_on_the_held_out_part(
    held_out_cases: tuple[Case, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    result = score(held_out_cases, extract_action_items)
    with capsys.disabled():
        print(f"\naction items, {result.line('held-out part')}")
    assert result.precision >= MIN_PRECISION
    assert result.recall >= MIN_RECALL
    assert result.kind_accuracy >= MIN_KIND_ACCURACY
    assert result.schedule_accuracy >= MIN_SCHEDULE_ACCURACY
