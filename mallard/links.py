"""Building many links to the same page quickly."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

# Stands in for a primary key while a URL is reversed once; each row puts in its own id.
_PK_PLACEHOLDER = 2147483647


def url_maker(name: str) -> Callable[[int], str]:
    """``reverse(name, args=[pk])`` for many pks, reversing only once.

    A list page with a link per row calls the returned function per row instead of
    ``{% url %}``, which resolves the pattern again every time.
    """
    prefix, suffix = reverse(name, args=[_PK_PLACEHOLDER]).split(str(_PK_PLACEHOLDER))
    return lambda pk: f"{prefix}{pk}{suffix}"
