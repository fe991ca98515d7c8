"""Plain-text helpers that need no Django."""

from __future__ import annotations


def search_query(value: str, limit: int) -> str:
    """What a person typed into a search box, safe to put in a database query.

    NUL characters are dropped (PostgreSQL refuses them in text), the ends are
    trimmed and the result is at most ``limit`` characters.
    """
    return value.replace("\x00", "").strip()[:limit]


# The largest id a query string may name: more digits than any table's key can hold is no id.
MAX_ID_DIGITS = 18


def query_id(raw: str | None) -> int | None:
    """An id from a query string, or None unless it is 1 to 18 ASCII digits.

    ``str.isdigit`` accepts "²" and other Unicode digits that ``int`` refuses, and a longer
    number overflows the database's key: both would be a server error, not "no such id".
    """
    if not raw or len(raw) > MAX_ID_DIGITS or not (raw.isascii() and raw.isdigit()):
        return None
    return int(raw)


def counted(number: int, noun: str) -> str:
    """``number`` and ``noun``, the noun plural unless there is exactly one: "1 client", "2 clients"."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
