"""Adherence in words and as a bar, as the caseload, the overview and the summary show it.

``bar_cells`` is what ``templates/jinja2/sessions_app/adherence_bar.html`` draws
(``AdherenceView.cells`` on the overview and the summary); every page that shows a bar prints
that one template: the caseload's rows import its macro, and the overview and the summary
include it with ``{% jinja %}``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypedDict

from homework.models import LogStatus
from homework.selectors.therapist import ADHERENCE_FIELDS, Adherence
from sessions_app import charts

WINDOW_DAYS = 14

BAR_PARTS = (
    ("done", "Done"),
    ("smaller", "Smaller version"),
    ("partly", "Partly"),
    ("not_done", "Not done"),
    ("not_logged", "Not logged"),
)

STATUS_FIELD: dict[str | None, str] = {
    LogStatus.DONE: "done",
    LogStatus.SMALLER: "smaller",
    LogStatus.PARTLY: "partly",
    LogStatus.NOT_DONE: "not_done",
    None: "not_logged",
}


def completed(adherence: Adherence) -> int:
    return adherence.completed


def adherence_rate(adherence: Adherence) -> float | None:
    return completed(adherence) / adherence.due if adherence.due else None


# A caseload has many rows with the same counts, and each page shows them again: the words and
# the bar for given counts are worked out once per process.
@lru_cache(maxsize=4096)
def adherence_text(adherence: Adherence) -> str:
    """``Adherence.text``: the one wording of the counts, shared with the therapist's homework page."""
    return adherence.text


@lru_cache(maxsize=4096)
def adherence_bar(adherence: Adherence) -> charts.StackedBar:
    return charts.stacked_bar([(key, label, getattr(adherence, key)) for key, label in BAR_PARTS])


class SegmentCells(TypedDict):
    key: str
    x: str
    width: str


class BarCells(TypedDict):
    """What ``adherence_bar.html`` prints, as a dict, read by key."""

    due: int
    text: str
    segments: list[SegmentCells]


@lru_cache(maxsize=4096)
def bar_cells(adherence: Adherence) -> BarCells:
    """The bar and words for ``adherence``, worked out once per process for each set of counts.

    The same dict is handed to every row with these counts: templates only read it.
    """
    segments: list[SegmentCells] = [
        {"key": part.key, "x": part.x, "width": part.width} for part in adherence_bar(adherence).segments
    ]
    return {"due": adherence.due, "text": adherence_text(adherence), "segments": segments}


@dataclass(frozen=True)
class AdherenceView:
    """An ``Adherence`` with what the templates show: words and a bar."""

    counts: Adherence

    @property
    def text(self) -> str:
        return adherence_text(self.counts)

    @property
    def bar(self) -> charts.StackedBar:
        return adherence_bar(self.counts)

    @property
    def rate(self) -> float | None:
        return adherence_rate(self.counts)

    @property
    def cells(self) -> BarCells:
        """What ``adherence_bar.html`` prints."""
        return bar_cells(self.counts)


def annotated_adherence(assignment: Any) -> AdherenceView:
    """The counts ``homework.selectors.therapist.assignments_with_adherence`` annotates, as a view."""
    return AdherenceView(
        Adherence(**{name: getattr(assignment, f"{name}_count") for name in ADHERENCE_FIELDS})
    )
