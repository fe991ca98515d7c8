"""Words hidden for screen readers inside a link, button or legend read on from the visible ones.

Bootstrap's ``.visually-hidden`` is absolutely positioned, so a browser treats the span as a block
and puts a space before it when it computes the accessible name: "Stop asking" + ": PHQ-9" is
announced "Stop asking : PHQ-9". Hidden words that start with a word, a quote or a bracket read
naturally after that space ("Stop asking for the PHQ-9")."""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
PUNCTUATION_FIRST = re.compile(r'<span class="visually-hidden">\s*[:;,.!?)]')


def test_no_visually_hidden_words_start_with_punctuation() -> None:
    found = [
        f"{path.relative_to(TEMPLATES)}:{n}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for n, line in enumerate(path.read_text().splitlines(), start=1)
        if PUNCTUATION_FIRST.search(line)
    ]
    assert found == []
