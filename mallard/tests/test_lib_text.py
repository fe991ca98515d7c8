from __future__ import annotations

import pytest

from mallard.lib.text import counted


@pytest.mark.parametrize(
    ("number", "expected"),
    [(0, "0 clients"), (1, "1 client"), (2, "2 clients"), (11, "11 clients")],
)
def test_counted_makes_the_noun_plural_unless_there_is_exactly_one(number: int, expected: str) -> None:
    assert counted(number, "client") == expected
