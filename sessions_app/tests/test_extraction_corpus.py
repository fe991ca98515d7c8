"""The extractor against hand-written session texts: each case, then precision and recall overall."""

from __future__ import annotations

from collections import Counter

import pytest

from sessions_app.extraction import extract_action_items
from sessions_app.tests.extraction_corpus import CASES, Case

# The figures docs/action-items.md reports; the test fails if the rules get worse.
MIN_PRECISION = 0.9
MIN_RECALL = 0.9
MIN_KIND_ACCURACY = 0.9


def _found(case: Case) -> list[tuple[str, str | None]]:
    return [(item.text, item.kind) for item in extract_action_items(case.text)]


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(case, id=case.id, marks=pytest.mark.xfail(strict=True, reason=case.known_miss))
        if case.known_miss
        else pytest.param(case, id=case.id)
        for case in CASES
    ],
)
def test_it_finds_the_expected_items_and_kinds(case: Case) -> None:
    assert _found(case) == list(case.expected)


def test_the_corpus_is_large_and_varied_enough() -> None:
    assert len(CASES) >= 40
    assert len({case.id for case in CASES}) == len(CASES)
    assert sum(1 for case in CASES if not case.expected) >= 8  # texts with nothing to find
    assert any(len(case.text) >= 200_000 for case in CASES)


def _score(cases: tuple[Case, ...] | list[Case]) -> tuple[float, float, float, int, int, int]:
    true_positives = false_positives = false_negatives = right_kind = 0
    for case in cases:
        found = _found(case)
        expected_texts = Counter(text for text, _ in case.expected)
        found_texts = Counter(text for text, _ in found)
        hits = sum((expected_texts & found_texts).values())
        true_positives += hits
        false_positives += sum(found_texts.values()) - hits
        false_negatives += sum(expected_texts.values()) - hits
        expected_kinds = dict(case.expected)
        right_kind += sum(
            1 for text, kind in found if text in expected_kinds and expected_kinds[text] == kind
        )
    found_total = true_positives + false_positives
    precision = true_positives / found_total if found_total else 1.0
    recall = true_positives / (true_positives + false_negatives)
    kind_accuracy = right_kind / true_positives if true_positives else 1.0
    return precision, recall, kind_accuracy, true_positives, false_positives, false_negatives


def test_precision_and_recall_over_the_whole_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    precision, recall, kinds, tp, fp, fn = _score(CASES)
    held_out = [case for case in CASES if case.id.startswith("heldout-")]
    h_precision, h_recall, h_kinds, *_ = _score(held_out)
    with capsys.disabled():
        print(
            f"\naction items, all {len(CASES)} cases: precision {precision:.3f}, recall {recall:.3f}, "
            f"kind accuracy {kinds:.3f} (found right {tp}, found wrongly {fp}, missed {fn})"
            f"\naction items, {len(held_out)} held-out cases: precision {h_precision:.3f}, "
            f"recall {h_recall:.3f}, kind accuracy {h_kinds:.3f}"
        )
    assert precision >= MIN_PRECISION
    assert recall >= MIN_RECALL
    assert kinds >= MIN_KIND_ACCURACY
