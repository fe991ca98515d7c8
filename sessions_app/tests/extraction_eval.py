"""How an extractor is scored against a labelled corpus of session texts.

A labelled case gives, for each item a person would list, the words of the item
exactly as they stand in the text (``Expected.span``), its kind of homework and
the schedule its words state. A found item matches an expected one when their
places in the text overlap by at least half of the shorter of the two, so the
score does not depend on how an extractor tidies an item's text.

The corpus has two parts: the tuning part (``extraction_tuning.py`` and the
independent batches ``extraction_tuning_b.py`` to ``_h.py``) and the held-out
part (``extraction_heldout.py``); docs/action-items.md reports both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import time
from typing import Any

from sessions_app.extraction import ActionItem, Extractor

STYLES = (
    "soap",
    "dap",
    "birp",
    "bullets",
    "narrative",
    "reflection",
    "dictation",
    "negation",
    "noun_phrase",
)


@dataclass(frozen=True)
class Expected:
    """One item a person would list, with what its words say and nothing more.

    ``span`` must occur in the case's text exactly once. Schedule fields are
    None (or empty) when the words say nothing about them.
    """

    span: str
    kind: str | None
    recurrence: str | None = None
    times_per_week: int | None = None
    weekdays: tuple[int, ...] = ()
    time_of_day: time | None = None
    cue: str | None = None
    minutes: int | None = None


@dataclass(frozen=True)
class Case:
    id: str
    style: str
    text: str
    expected: tuple[Expected, ...] = field(default_factory=tuple)


# Shorthand for the labelled corpus modules: the kinds, the days, and a schedule's fields.
E = Expected
TR = "thought_record"
BE = "behavioral_experiment"
JOURNAL = "journal"
RELAX = "relaxation"
READ = "reading"
SKILL = "skill_practice"
WEEKDAYS = (0, 1, 2, 3, 4)
WEEKENDS = (5, 6)


def once(day: int | None = None, **kw: Any) -> dict[str, Any]:
    return {"recurrence": "once", "weekdays": () if day is None else (day,), **kw}


def daily(**kw: Any) -> dict[str, Any]:
    return {"recurrence": "daily", **kw}


def per_week(n: int, **kw: Any) -> dict[str, Any]:
    return {"recurrence": "times_per_week", "times_per_week": n, **kw}


def on_days(*days: int, **kw: Any) -> dict[str, Any]:
    return {"recurrence": "weekdays", "weekdays": tuple(days), **kw}


@dataclass(frozen=True)
class Score:
    cases: int
    expected: int
    found: int
    matched: int
    right_kind: int
    right_schedule: int

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def kind_accuracy(self) -> float:
        return self.right_kind / self.matched if self.matched else 1.0

    @property
    def schedule_accuracy(self) -> float:
        return self.right_schedule / self.matched if self.matched else 1.0

    def line(self, name: str) -> str:
        return (
            f"{name}: {self.cases} texts, {self.expected} items; precision {self.precision:.3f}, "
            f"recall {self.recall:.3f}, kind {self.kind_accuracy:.3f}, "
            f"schedule {self.schedule_accuracy:.3f} (found {self.found}, matched {self.matched})"
        )


def place(case: Case, expected: Expected) -> tuple[int, int]:
    start = case.text.find(expected.span)
    if start < 0 or case.text.find(expected.span, start + 1) >= 0:
        raise ValueError(f"{case.id}: {expected.span!r} must occur in the text exactly once")
    return start, start + len(expected.span)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and shared * 2 >= shorter


_CUE_WORDS = re.compile(r"[a-z0-9']+")


def same_cue(found: str | None, expected: str | None) -> bool:
    """Cues compare by their words, ignoring case and punctuation."""
    if found is None or expected is None:
        return found is expected
    return _CUE_WORDS.findall(found.lower()) == _CUE_WORDS.findall(expected.lower())


def right_schedule(item: ActionItem, expected: Expected) -> bool:
    return (
        item.recurrence == expected.recurrence
        and item.times_per_week == expected.times_per_week
        and tuple(item.weekdays) == tuple(expected.weekdays)
        and item.time_of_day == expected.time_of_day
        and item.minutes == expected.minutes
        and same_cue(item.cue, expected.cue)
    )


def pairs(case: Case, found: list[ActionItem]) -> list[tuple[ActionItem, Expected]]:
    """Each expected item paired with at most one found item, in order of the text."""
    matched: list[tuple[ActionItem, Expected]] = []
    free = list(found)
    for expected in case.expected:
        where = place(case, expected)
        for item in free:
            if _overlap((item.start, item.end), where):
                matched.append((item, expected))
                free.remove(item)
                break
    return matched


def score(cases: tuple[Case, ...] | list[Case], extract: Extractor) -> Score:
    expected = found = matched = right_kind = schedule = 0
    for case in cases:
        items = extract(case.text)
        found += len(items)
        expected += len(case.expected)
        for item, wanted in pairs(case, items):
            matched += 1
            right_kind += item.kind == wanted.kind
            schedule += right_schedule(item, wanted)
    return Score(len(cases), expected, found, matched, right_kind, schedule)
