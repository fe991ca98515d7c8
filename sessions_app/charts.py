"""Server-side SVG chart geometry and plain-words summaries. Pure Python: no Django.

The helpers return coordinates and words; the macros in
``templates/jinja2/sessions_app/charts.html`` draw them as accessible SVG
(``role="img"`` with ``<title>`` and ``<desc>``), a sentence that says what the
chart shows, and a visually hidden table with every value. Text from people
never passes through here as markup, so the templates' escaping stays in charge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

WIDTH = 320
HEIGHT = 160
PAD_LEFT = 34
PAD_RIGHT = 12
PAD_TOP = 10
PAD_BOTTOM = 26


def _y(value: float, top: float) -> float:
    """The SVG y of ``value`` on a 0..top scale (SVG y grows downwards)."""
    inner = HEIGHT - PAD_TOP - PAD_BOTTOM
    return PAD_TOP + inner * (1 - value / top) if top else HEIGHT - PAD_BOTTOM


def _xs(count: int) -> list[float]:
    """Evenly spaced x positions for ``count`` points; a single point sits in the middle."""
    inner = WIDTH - PAD_LEFT - PAD_RIGHT
    if count == 1:
        return [PAD_LEFT + inner / 2]
    step = inner / (count - 1) if count > 1 else 0
    return [PAD_LEFT + i * step for i in range(count)]


def _fmt(value: float) -> str:
    return f"{value:.1f}"


@dataclass(frozen=True)
class Tick:
    value: int
    y: str

    @property
    def label(self) -> str:
        return str(self.value)


def _ticks(top: int) -> list[Tick]:
    return [Tick(value, _fmt(_y(value, top))) for value in (0, top // 2, top)]


# --- Line chart: one series over time ----------------------------------------------------------


@dataclass(frozen=True)
class LinePoint:
    label: str
    value: int
    x: str
    y: str


@dataclass(frozen=True)
class LineChart:
    """One series, for example a goal's ratings, on a fixed 0..top scale."""

    id: str
    title: str
    summary: str
    unit: str
    top: int
    points: list[LinePoint]
    ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.points)

    @property
    def baseline_y(self) -> str:
        return _fmt(HEIGHT - PAD_BOTTOM)

    @property
    def left(self) -> int:
        return PAD_LEFT

    @property
    def right(self) -> int:
        return WIDTH - PAD_RIGHT

    @property
    def axis_label_y(self) -> int:
        return HEIGHT - 8

    @property
    def first_label(self) -> str:
        return self.points[0].label if self.points else ""

    @property
    def last_label(self) -> str:
        return self.points[-1].label if len(self.points) > 1 else ""

    @property
    def desc(self) -> str:
        values = "; ".join(f"{p.label}: {p.value}" for p in self.points)
        return f"{self.summary} Values ({self.unit}): {values}." if values else self.summary


def line_chart(*, id: str, title: str, points: Sequence[tuple[str, int]], top: int, unit: str) -> LineChart:
    """A line through ``points`` (label, value), oldest first, with a summary of the change."""
    xs = _xs(len(points))
    placed = [
        LinePoint(label, value, _fmt(x), _fmt(_y(value, top)))
        for x, (label, value) in zip(xs, points, strict=True)
    ]
    return LineChart(
        id=id,
        title=title,
        summary=line_summary([value for _, value in points], [label for label, _ in points], unit),
        unit=unit,
        top=top,
        points=placed,
        ticks=_ticks(top),
    )


def line_summary(values: Sequence[int], labels: Sequence[str], unit: str) -> str:
    """For example “Latest rating 6 (0 to 10), up 3 since the first on 2 Mar (4 ratings).”"""
    if not values:
        return "No ratings yet."
    latest = f"Latest rating {values[-1]} ({unit})"
    if len(values) == 1:
        return f"{latest}, the only rating so far ({labels[0]})."
    change = values[-1] - values[0]
    how = "no change" if change == 0 else f"{'up' if change > 0 else 'down'} {abs(change)}"
    return f"{latest}, {how} since the first on {labels[0]} ({len(values)} ratings)."


# --- Paired chart: before and after, per record -------------------------------------------------


@dataclass(frozen=True)
class Pair:
    label: str
    before: float
    after: float
    x: str
    y_before: str
    y_after: str

    @property
    def change(self) -> float:
        return self.after - self.before

    @property
    def before_text(self) -> str:
        return _number(self.before)

    @property
    def after_text(self) -> str:
        return _number(self.after)

    @property
    def change_text(self) -> str:
        return signed(self.change)

    @property
    def marker_top(self) -> str:
        """The after-marker is a small square (shape, not only colour, tells it apart)."""
        return _fmt(float(self.y_after) - 3.5)

    @property
    def marker_left(self) -> str:
        return _fmt(float(self.x) - 3.5)


@dataclass(frozen=True)
class PairedChart:
    """Each record's value before (circle) and after (square), joined by a line."""

    id: str
    title: str
    summary: str
    before_name: str
    after_name: str
    unit: str
    top: int
    pairs: list[Pair]
    ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def left(self) -> int:
        return PAD_LEFT

    @property
    def right(self) -> int:
        return WIDTH - PAD_RIGHT

    @property
    def baseline_y(self) -> str:
        return _fmt(HEIGHT - PAD_BOTTOM)

    @property
    def axis_label_y(self) -> int:
        return HEIGHT - 8

    @property
    def first_label(self) -> str:
        return self.pairs[0].label if self.pairs else ""

    @property
    def last_label(self) -> str:
        return self.pairs[-1].label if len(self.pairs) > 1 else ""

    @property
    def before_heading(self) -> str:
        """``before_name`` with a capital first letter, as a heading of the legend and the table."""
        return self.before_name[:1].upper() + self.before_name[1:]

    @property
    def after_heading(self) -> str:
        return self.after_name[:1].upper() + self.after_name[1:]

    @property
    def desc(self) -> str:
        values = "; ".join(f"{p.label}: {p.before_text} then {p.after_text}" for p in self.pairs)
        legend = f"Circles show {self.before_name}, squares {self.after_name}."
        return f"{self.summary} {legend} Values ({self.unit}): {values}." if values else self.summary


def paired_chart(
    *,
    id: str,
    title: str,
    pairs: Sequence[tuple[str, float, float]],
    top: int,
    unit: str,
    before_name: str,
    after_name: str,
    summary: str,
) -> PairedChart:
    xs = _xs(len(pairs))
    placed = [
        Pair(label, before, after, _fmt(x), _fmt(_y(before, top)), _fmt(_y(after, top)))
        for x, (label, before, after) in zip(xs, pairs, strict=True)
    ]
    return PairedChart(
        id=id,
        title=title,
        summary=summary,
        before_name=before_name,
        after_name=after_name,
        unit=unit,
        top=top,
        pairs=placed,
        ticks=_ticks(top),
    )


def mean_change(pairs: Sequence[tuple[str, float, float]]) -> float:
    return sum(after - before for _, before, after in pairs) / len(pairs) if pairs else 0.0


def change_summary(pairs: Sequence[tuple[str, float, float]], *, things: str, what: str, when: str) -> str:
    """For example “Across 5 thought records, mood intensity fell by 32 points on average after re-rating.”

    ``things`` is the plural noun (“thought records”), ``what`` the measure and
    ``when`` the moment of the second rating.
    """
    if not pairs:
        return f"No {things} with both ratings yet."
    count = len(pairs)
    noun = things if count > 1 else things.removesuffix("s")
    change = round(mean_change(pairs))
    average = " on average" if count > 1 else ""
    if change == 0:
        return f"Across {count} {noun}, {what} stayed about the same{average} {when}."
    direction = "fell" if change < 0 else "rose"
    points = "point" if abs(change) == 1 else "points"
    lead = f"Across {count} {noun}" if count > 1 else f"In 1 {noun}"
    return f"{lead}, {what} {direction} by {abs(change)} {points}{average} {when}."


def signed(value: float) -> str:
    """“+5”, “0”, or a negative number written with a real minus sign (U+2212)."""
    rounded = round(value)
    if rounded > 0:
        return f"+{rounded}"
    if rounded < 0:
        return f"\u2212{abs(rounded)}"
    return "0"


def _number(value: float) -> str:
    return str(round(value)) if abs(value - round(value)) < 0.05 else f"{value:.1f}"


# --- Stacked bar: how occurrences went ------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    count: int
    x: str
    width: str


@dataclass(frozen=True)
class StackedBar:
    """A 100-unit wide bar, one segment per non-empty part, in order."""

    total: int
    segments: list[Segment] = field(default_factory=list)


def stacked_bar(parts: Sequence[tuple[str, str, int]]) -> StackedBar:
    """Segments for ``parts`` (key, label, count); widths are shares of 100."""
    total = sum(count for _, _, count in parts)
    segments: list[Segment] = []
    x = 0.0
    for key, label, count in parts:
        if not count or not total:
            continue
        width = 100 * count / total
        segments.append(Segment(key, label, count, _fmt(x), _fmt(width)))
        x += width
    return StackedBar(total=total, segments=segments)


# --- Score chart: a questionnaire's totals over time, on a time axis ------------------------------

SCORE_WIDTH = 480
SCORE_HEIGHT = 190
SCORE_PAD_LEFT = 34
SCORE_PAD_RIGHT = 12
SCORE_PAD_TOP = 10
SCORE_PAD_BOTTOM = 44  # room for the date labels and the homework strip
STRIP_HEIGHT = 12


@dataclass(frozen=True)
class BandArea:
    """A severity band's shaded area: totals ``low`` to ``high`` (both included)."""

    key: str
    label: str
    low: int
    high: int
    y: str
    height: str


@dataclass(frozen=True)
class ScorePoint:
    label: str
    total: int
    band_label: str
    x: str
    y: str


@dataclass(frozen=True)
class DateMark:
    """A vertical line on the time axis, for example a session."""

    label: str
    x: str


@dataclass(frozen=True)
class StripCell:
    """One period's share of homework done, as a cell of the strip under the chart."""

    label: str
    x: str
    width: str
    share: float  # 0..1, or -1 when nothing was due

    @property
    def level(self) -> str:
        """A class suffix: "none" (nothing due), "low" (under a third), "mid", "high" (two thirds or more)."""
        if self.share < 0:
            return "none"
        if self.share < 1 / 3:
            return "low"
        return "mid" if self.share < 2 / 3 else "high"


@dataclass(frozen=True)
class ScoreChart:
    """A questionnaire's totals over time: bands shaded, the caseness cut-off drawn, sessions marked,
    and a strip under the axis with how much homework was done in each period between sessions."""

    id: str
    title: str
    summary: str
    top: int
    cutoff: int
    cutoff_y: str
    bands: list[BandArea]
    points: list[ScorePoint]
    sessions: list[DateMark]
    strip: list[StripCell]
    ticks: list[Tick]
    first_label: str
    last_label: str
    width: int = SCORE_WIDTH
    height: int = SCORE_HEIGHT

    @property
    def left(self) -> int:
        return SCORE_PAD_LEFT

    @property
    def right(self) -> int:
        return SCORE_WIDTH - SCORE_PAD_RIGHT

    @property
    def inner_width(self) -> int:
        return self.right - self.left

    @property
    def baseline_y(self) -> str:
        return _fmt(SCORE_HEIGHT - SCORE_PAD_BOTTOM)

    @property
    def session_top(self) -> int:
        return SCORE_PAD_TOP

    @property
    def axis_label_y(self) -> str:
        return _fmt(SCORE_HEIGHT - SCORE_PAD_BOTTOM + 12)

    @property
    def strip_y(self) -> str:
        return _fmt(SCORE_HEIGHT - STRIP_HEIGHT - 2)

    @property
    def strip_height(self) -> int:
        return STRIP_HEIGHT

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.points)

    @property
    def desc(self) -> str:
        values = "; ".join(f"{p.label}: {p.total} ({p.band_label.lower()})" for p in self.points)
        return f"{self.summary} Totals: {values}." if values else self.summary


def _score_y(value: float, top: int) -> float:
    inner = SCORE_HEIGHT - SCORE_PAD_TOP - SCORE_PAD_BOTTOM
    return SCORE_PAD_TOP + inner * (1 - value / top)


def _time_x(day: int, first: int, last: int) -> float:
    """The x of day number ``day`` (an ordinal) between ``first`` and ``last``."""
    inner = SCORE_WIDTH - SCORE_PAD_LEFT - SCORE_PAD_RIGHT
    if last <= first:
        return SCORE_PAD_LEFT + inner / 2
    return SCORE_PAD_LEFT + inner * (day - first) / (last - first)


def score_chart(
    *,
    id: str,
    title: str,
    summary: str,
    top: int,
    cutoff: int,
    bands: Sequence[tuple[str, str, int, int]],
    points: Sequence[tuple[int, str, int, str]],
    sessions: Sequence[tuple[int, str]],
    periods: Sequence[tuple[int, int, str, float]],
    first_day: int,
    last_day: int,
    first_label: str,
    last_label: str,
) -> ScoreChart:
    """Place a questionnaire's totals on a time axis from ``first_day`` to ``last_day`` (ordinals).

    ``bands`` are (key, label, low, high); ``points`` (day, label, total, band label), oldest first;
    ``sessions`` (day, label); ``periods`` (first day, last day, label, share of homework done,
    or -1 when nothing was due).
    """
    areas = []
    for key, label, low, high in bands:
        upper = min(high + 1, top)  # a band of totals low..high spans low to high + 1
        y_top, y_bottom = _score_y(upper, top), _score_y(low, top)
        areas.append(BandArea(key, label, low, high, _fmt(y_top), _fmt(y_bottom - y_top)))
    ticks = [Tick(low, _fmt(_score_y(low, top))) for _key, _label, low, _high in bands]
    ticks.append(Tick(top, _fmt(_score_y(top, top))))
    strip = []
    for start, end, label, share in periods:
        x0 = _time_x(start, first_day, last_day)
        x1 = _time_x(end, first_day, last_day)
        strip.append(StripCell(label, _fmt(x0), _fmt(max(x1 - x0, 1.0)), share))
    return ScoreChart(
        id=id,
        title=title,
        summary=summary,
        top=top,
        cutoff=cutoff,
        cutoff_y=_fmt(_score_y(cutoff, top)),
        bands=areas,
        points=[
            ScorePoint(
                label,
                total,
                band_label,
                _fmt(_time_x(day, first_day, last_day)),
                _fmt(_score_y(total, top)),
            )
            for day, label, total, band_label in points
        ],
        sessions=[DateMark(label, _fmt(_time_x(day, first_day, last_day))) for day, label in sessions],
        strip=strip,
        ticks=ticks,
        first_label=first_label,
        last_label=last_label,
    )
