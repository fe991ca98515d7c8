"""Keyboard users see where focus is, and phone users read every table of a client's record.

- Every focusable element shows a solid ring of at least 2 px, in a colour of at least 3:1
  against what is around it: the navbar's green for its links, the page's white for a field.
- At 390 px no table on the therapist's pages about a client is wider than its box: the wide
  ones stack each row as a card (.table-stack), so nothing is cut off and nothing needs
  scrolling that a keyboard cannot reach.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from conftest import PASSWORD
from homework import services
from homework.models import Kind, LogStatus, NotDoneReason
from homework.services import MoodData, ThoughtData
from mallard.models import User
from mallard.tests.browser.helpers import field, finish_sign_in
from sessions_app.models import SessionStatus
from sessions_app.tests.dashboard_helpers import daily_since, days_ago, log_on, make_session, occurrence_on

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Axe = Callable[[Any], None]

_RGB = re.compile(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)")


def _channels(css: str) -> tuple[float, float, float, float]:
    match = _RGB.fullmatch(css.strip())
    assert match, f"not a colour: {css}"
    red, green, blue, alpha = match.groups()
    return float(red), float(green), float(blue), float(alpha) if alpha is not None else 1.0


def _luminance(css: str) -> float:
    *rgb, alpha = _channels(css)
    assert alpha == 1.0, f"a see-through colour has no fixed contrast: {css}"
    linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def focus_ring(element: Locator) -> dict[str, str]:
    """The focus ring ``element`` shows when the keyboard moves to it."""
    element.focus()
    assert element.evaluate("el => el.matches(':focus-visible')")
    return dict(
        element.evaluate(
            """el => { const s = getComputedStyle(el);
              return {style: s.outlineStyle, width: s.outlineWidth, color: s.outlineColor, offset: s.outlineOffset}; }"""
        )
    )


def background_behind(element: Locator) -> str:
    """The first solid background colour around ``element``."""
    return str(
        element.evaluate(
            """el => { for (let n = el.parentElement; n; n = n.parentElement) {
                const bg = getComputedStyle(n).backgroundColor;
                if (bg && !bg.startsWith('rgba(0, 0, 0, 0)') && bg !== 'transparent') return bg; }
              return 'rgb(255, 255, 255)'; }"""
        )
    )


def assert_visible_ring(element: Locator) -> None:
    ring = focus_ring(element)
    behind = background_behind(element)
    assert ring["style"] == "solid", ring
    assert float(ring["width"].removesuffix("px")) >= 2, ring
    assert float(ring["offset"].removesuffix("px")) >= 1, ring
    assert contrast(ring["color"], behind) >= 3, f"{ring} on {behind}"


def test_the_focus_ring_shows_on_the_green_navbar_and_on_a_form_field(
    site: str, page: Page, axe_check: Axe
) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site}/accounts/login/")
    page.keyboard.press("Tab")  # the keyboard is in use: focus from here on shows as it would
    navbar = page.get_by_role("navigation", name="Main")
    sign_in = navbar.get_by_role("link", name="Sign in")
    assert background_behind(sign_in) == "rgb(31, 107, 79)"
    assert_visible_ring(sign_in)
    assert_visible_ring(navbar.get_by_role("link").first)
    assert_visible_ring(field(page, "Email"))
    assert_visible_ring(page.get_by_role("button", name="Sign In"))
    axe_check(page)


# Every box of a table, with the table's width and the box's; a box that scrolls must be
# reachable by keyboard and named.
_TABLE_BOXES_JS = """() => [...document.querySelectorAll('main table')].filter(
  table => !table.closest('.visually-hidden')  // a chart's table, for screen readers only
).map(table => {
  const box = table.closest('.table-responsive') || table.parentElement;
  return {caption: (table.caption && table.caption.textContent.trim()) || '(no caption)',
          table: Math.ceil(table.getBoundingClientRect().width), box: box.clientWidth,
          scrolls: box.scrollWidth > box.clientWidth,
          focusable: box.tabIndex >= 0 && box.getAttribute('role') === 'region' && !!box.getAttribute('aria-label')};
})"""


def test_on_a_phone_no_table_of_a_clients_record_is_cut_off(
    site: str, page: Page, therapist: User, client_user: User, axe_check: Axe
) -> None:
    carol = client_user
    worksheet = daily_since(
        therapist, carol, 10, Kind.THOUGHT_RECORD, title="Catch a hot thought before the team meeting"
    )
    for n in (9, 8, 7):
        log_on(worksheet, days_ago(carol, n), LogStatus.DONE, note="Went fine, a bit shaky at first")
    log_on(
        worksheet, days_ago(carol, 6), LogStatus.NOT_DONE, reason=NotDoneReason.AVOIDED, note="Too anxious"
    )
    services.save_entry(
        occurrence=occurrence_on(worksheet, days_ago(carol, 1)),
        fields={"situation": "Team meeting"},
        submit=True,
        moods=[MoodData("Anxious", 80, 35)],
        thoughts=[ThoughtData("They'll think I'm useless")],
    )
    make_session(therapist, carol, in_days=-7, status=SessionStatus.HELD)
    make_session(therapist, carol, in_days=7)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site}/accounts/login/")
    field(page, "Email").fill(therapist.email)
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    finish_sign_in(page, therapist.email)
    expect(page).to_have_url(f"{site}/caseload/")

    pages = {
        "caseload": "/caseload/",
        "overview": f"/clients/{carol.pk}/overview/",
        "homework": f"/clients/{carol.pk}/homework/",
        "sessions": f"/clients/{carol.pk}/sessions/",
        "questionnaires": f"/clients/{carol.pk}/questionnaires/",
    }
    counted = {}
    cut_off = []
    for name, path in pages.items():
        page.goto(f"{site}{path}")
        boxes = page.evaluate(_TABLE_BOXES_JS)
        counted[name] = len(boxes)
        cut_off += [
            f"{name}: {box}"
            for box in boxes
            if (box["scrolls"] and not box["focusable"]) or (not box["scrolls"] and box["table"] > box["box"])
        ]
        axe_check(page)
    assert not cut_off, "\n".join(cut_off)
    assert counted["overview"] >= 2 and counted["homework"] >= 3 and counted["sessions"] >= 2, counted

    # The overview's assignments: "Last 14 days" shows whole, above its bar.
    page.goto(f"{site}{pages['overview']}")
    assignments = page.get_by_role("table", name=re.compile("assignments and how the last 14 days went"))
    expect(assignments.locator('td[data-label="Last 14 days"]')).to_have_count(1)
    assert assignments.evaluate("t => t.getBoundingClientRect().width <= t.parentElement.clientWidth")
