"""Building many links to the same page quickly, and the "Undo" link a message may carry."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

# Stands in for a primary key while a URL is reversed once; each row puts in its own id.
_PK_PLACEHOLDER = 2147483647


# A message's extra tag that offers "Undo" beside it, posting to the path after the prefix
# (base.html, through the ``undo_url`` filter).
_UNDO = "undo:"


def undo_tag(path: str) -> str:
    """The extra tag for ``messages.success(…, extra_tags=…)`` that offers "Undo" to ``path``."""
    return f"{_UNDO}{path}"


def undo_path(extra_tags: str) -> str:
    """The path a message's "Undo" posts to, or "" when its tags offer none."""
    return extra_tags.removeprefix(_UNDO) if extra_tags.startswith(f"{_UNDO}/") else ""


def url_maker(name: str) -> Callable[[int], str]:
    """``reverse(name, args=[pk])`` for many pks, reversing only once.

    A list page with a link per row calls the returned function per row instead of
    ``{% url %}``, which resolves the pattern again every time.
    """
    prefix, suffix = reverse(name, args=[_PK_PLACEHOLDER]).split(str(_PK_PLACEHOLDER))
    return lambda pk: f"{prefix}{pk}{suffix}"
