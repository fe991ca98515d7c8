"""Ids read from a query string: ASCII digits that fit a key, or no id at all."""

from __future__ import annotations

import pytest

from mallard.lib.text import query_id


@pytest.mark.parametrize(("raw", "expected"), [("7", 7), ("0042", 42), ("9" * 18, int("9" * 18))])
def test_it_reads_ascii_digits(raw: str, expected: int) -> None:
    assert query_id(raw) == expected


@pytest.mark.parametrize("raw", [None, "", "²", "٣", "1²", "-1", "1.0", " 1", "1e3", "9" * 19, "0x1f"])
def test_anything_else_is_no_id(raw: str | None) -> None:
    assert query_id(raw) is None
