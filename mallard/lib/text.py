"""Plain-text helpers that need no Django."""

from __future__ import annotations


def search_query(value: str, limit: int) -> str:
    """What a person typed into a search box, safe to put in a database query.

    NUL characters are dropped (PostgreSQL refuses them in text), the ends are
    trimmed and the result is at most ``limit`` characters.
    """
    return value.replace("\x00", "").strip()[:limit]
