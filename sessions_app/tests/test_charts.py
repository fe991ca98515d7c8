"""Chart geometry and the words that go with each chart (pure Python, no database)."""

from __future__ import annotations

from django.template.loader import render_to_string

from sessions_app import charts


def test_a_line_chart_places_values_on_a_fixed_scale() -> None:
    chart = charts.line_chart(
        id="g", title="Goal", points=[("1 Mar", 0), ("8 Mar", 5), ("15 Mar", 10)], top=10, unit="0 to 10"
    )
    ys = [float(p.y) for p in chart.points]
    assert ys[0] == charts.HEIGHT - charts.PAD_BOTTOM  # 0 sits on the baseline
    assert ys[2] == charts.PAD_TOP  # the top of the scale
    assert ys[1] == (ys[0] + ys[2]) / 2
    xs = [float(p.x) for p in chart.points]
    assert xs == sorted(xs)
    assert xs[0] == charts.PAD_LEFT and xs[-1] == charts.WIDTH - charts.PAD_RIGHT
    assert chart.polyline.count(",") == 3


def test_a_single_point_sits_in_the_middle() -> None:
    chart = charts.line_chart(id="g", title="Goal", points=[("1 Mar", 4)], top=10, unit="0 to 10")
    assert (
        float(chart.points[0].x) == charts.PAD_LEFT + (charts.WIDTH - charts.PAD_LEFT - charts.PAD_RIGHT) / 2
    )
    assert chart.summary == "Latest rating 4 (0 to 10), the only rating so far (1 Mar)."


def test_line_summary_says_which_way_and_how_far() -> None:
    assert charts.line_summary([2, 3, 6], ["1 Mar", "8 Mar", "15 Mar"], "0 to 10") == (
        "Latest rating 6 (0 to 10), up 4 since the first on 1 Mar (3 ratings)."
    )
    assert "down 3" in charts.line_summary([7, 4], ["1 Mar", "2 Mar"], "0 to 10")
    assert "no change" in charts.line_summary([5, 5], ["1 Mar", "2 Mar"], "0 to 10")
    assert charts.line_summary([], [], "0 to 10") == "No ratings yet."


def test_change_summary_reads_as_a_sentence() -> None:
    pairs = [("a", 80.0, 40.0), ("b", 70.0, 46.0), ("c", 60.0, 30.0), ("d", 50.0, 20.0), ("e", 90.0, 54.0)]
    assert charts.change_summary(
        pairs, things="thought records", what="mood intensity", when="after re-rating"
    ) == ("Across 5 thought records, mood intensity fell by 32 points on average after re-rating.")
    assert charts.change_summary([("a", 20.0, 30.0)], things="experiments", what="belief", when="after") == (
        "In 1 experiment, belief rose by 10 points after."
    )
    assert "stayed about the same" in charts.change_summary(
        [("a", 20.0, 20.0), ("b", 20.0, 20.0)], things="exposures", what="distress", when="at the end"
    )
    assert charts.change_summary([], things="exposures", what="distress", when="x") == (
        "No exposures with both ratings yet."
    )


def test_a_paired_chart_describes_every_value_in_words() -> None:
    chart = charts.paired_chart(
        id="suds",
        title="SUDS",
        pairs=[("1 Mar", 80, 30), ("5 Mar", 60, 45.5)],
        top=100,
        unit="SUDS 0 to 100",
        before_name="the peak",
        after_name="the end",
        summary="Summary.",
    )
    assert chart.desc == (
        "Summary. Circles show the peak, squares the end. Values (SUDS 0 to 100): 1 Mar: 80 then 30; 5 Mar: 60 then 45.5."
    )
    assert [p.change_text for p in chart.pairs] == ["\u221250", "\u221214"]
    assert float(chart.pairs[0].y_before) < float(chart.pairs[0].y_after)  # higher value, higher on screen


def test_signed_numbers_use_a_real_minus_sign() -> None:
    assert charts.signed(5) == "+5"
    assert charts.signed(-12.4) == "\u221212"
    assert charts.signed(0.2) == "0"


def test_a_stacked_bar_splits_100_units_and_skips_empty_parts() -> None:
    bar = charts.stacked_bar([("done", "Done", 3), ("partly", "Partly", 0), ("not_done", "Not done", 1)])
    assert bar.total == 4
    assert [(s.key, s.x, s.width) for s in bar.segments] == [
        ("done", "0.0", "75.0"),
        ("not_done", "75.0", "25.0"),
    ]
    assert charts.stacked_bar([("done", "Done", 0)]).segments == []


def test_the_svg_is_accessible_and_escapes_text() -> None:
    chart = charts.line_chart(
        id="goal-1",
        title="Goal: <b>sleep</b> & rest",
        points=[("1 Mar", 3), ("2 Mar", 7)],
        top=10,
        unit="0 to 10",
    )
    html = render_to_string("sessions_app/charts.html", {"line": chart}, using="jinja2")
    assert 'role="img"' in html
    assert 'aria-labelledby="goal-1-title goal-1-desc"' in html
    assert '<title id="goal-1-title">Goal: &lt;b&gt;sleep&lt;/b&gt; &amp; rest</title>' in html
    assert '<desc id="goal-1-desc">' in html
    assert '<div class="visually-hidden"><table>' in html
    assert '<th scope="row">2 Mar</th><td>7</td>' in html
    assert "<b>" not in html
    assert 'style="' not in html


def test_a_paired_svg_has_a_hidden_table_with_the_changes() -> None:
    chart = charts.paired_chart(
        id="mood",
        title="Mood",
        pairs=[("1 Mar", 80, 40)],
        top=100,
        unit="0 to 100",
        before_name="before",
        after_name="after",
        summary="In 1 thought record, mood fell by 40 points after re-rating.",
    )
    html = render_to_string("sessions_app/charts.html", {"paired": chart}, using="jinja2")
    assert 'role="img"' in html
    assert "<td>80</td><td>40</td><td>\u221240</td>" in html
    assert "In 1 thought record, mood fell by 40 points after re-rating." in html


def _phq9_chart(
    points: list[tuple[int, str, int, str]], sessions: list[tuple[int, str]]
) -> charts.ScoreChart:
    return charts.score_chart(
        id="phq9",
        title="PHQ-9",
        summary="s",
        top=27,
        cutoff=10,
        bands=[
            ("minimal", "Minimal", 0, 4),
            ("mild", "Mild", 5, 9),
            ("moderate", "Moderate", 10, 14),
            ("moderately_severe", "Moderately severe", 15, 19),
            ("severe", "Severe", 20, 27),
        ],
        points=points,
        sessions=sessions,
        periods=[(100, 107, "a", 0.5), (107, 120, "b", -1.0)],
        first_day=100,
        last_day=120,
        first_label="1 Nov",
        last_label="21 Nov",
    )


def test_a_score_chart_places_scores_on_a_time_axis_with_bands_and_the_cut_off() -> None:
    chart = _phq9_chart([(100, "1 Nov", 20, "Severe"), (110, "11 Nov", 10, "Moderate")], [(107, "8 Nov")])
    left, right = charts.SCORE_PAD_LEFT, charts.SCORE_WIDTH - charts.SCORE_PAD_RIGHT
    first, second = chart.points
    assert float(first.x) == left and float(second.x) == (left + right) / 2  # day 110 of 100..120
    assert float(chart.sessions[0].x) == left + (right - left) * 7 / 20
    # Bands stack without gaps from the baseline to the top, and the cut-off sits on a band edge.
    bottoms = [float(b.y) + float(b.height) for b in chart.bands]
    tops = [float(b.y) for b in chart.bands]
    assert bottoms[0] == float(chart.baseline_y)
    assert all(abs(tops[i] - bottoms[i + 1]) < 0.11 for i in range(len(tops) - 1))
    assert tops[-1] == charts.SCORE_PAD_TOP
    assert abs(float(chart.cutoff_y) - bottoms[2]) < 0.11  # the cut-off is where "moderate" begins
    assert float(second.y) == float(chart.cutoff_y)
    assert [cell.level for cell in chart.strip] == ["mid", "none"]
    assert chart.desc == "s Totals: 1 Nov: 20 (severe); 11 Nov: 10 (moderate)."


def test_a_score_chart_on_one_day_puts_the_point_in_the_middle() -> None:
    chart = charts.score_chart(
        id="x", title="t", summary="s", top=21, cutoff=8, bands=[("minimal", "Minimal", 0, 21)],
        points=[(5, "5 Jan", 8, "Mild")], sessions=[], periods=[], first_day=5, last_day=5,
        first_label="5 Jan", last_label="5 Jan",
    )  # fmt: skip
    middle = charts.SCORE_PAD_LEFT + (charts.SCORE_WIDTH - charts.SCORE_PAD_LEFT - charts.SCORE_PAD_RIGHT) / 2
    assert float(chart.points[0].x) == middle
