"""Session pages in real Chromium: what a client's screen shows, and axe-core on every page."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from mallard.models import User
from mallard.tests.browser.helpers import finish_sign_in
from sessions_app import action_items
from sessions_app.models import Reflection, TherapySession
from sessions_app.tests.sessions_helpers import SECRET_MARKER, held_session, make_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Axe = Callable[[Any], None]


@pytest.fixture
def site(live_server: Any, page: Page) -> str:
    page.set_default_timeout(5_000)
    expect.set_options(timeout=5_000)
    return str(live_server.url)


def sign_in(page: Page, site: str, email: str) -> None:
    page.goto(f"{site}/accounts/login/")
    page.get_by_label(re.compile(r"^\s*Email")).fill(email)
    page.get_by_label(re.compile(r"^\s*Password")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    finish_sign_in(page, email)
    page.wait_for_load_state()


def assert_no_notes_on_screen(page: Page) -> None:
    assert SECRET_MARKER not in page.inner_text("body")
    assert SECRET_MARKER not in page.content()


def test_a_client_reflects_and_never_sees_the_private_notes(
    site: str, page: Page, therapist: User, client_user: User, axe_check: Axe
) -> None:
    session = held_session(therapist, client_user)
    make_session(therapist, client_user, days=4)
    page.set_viewport_size({"width": 375, "height": 740})
    sign_in(page, site, client_user.email)

    page.goto(f"{site}/my/sessions/")
    expect(page.get_by_role("heading", name="Your sessions", level=1)).to_be_visible()
    expect(page.get_by_text("We practised paced breathing together.")).to_be_visible()
    assert_no_notes_on_screen(page)
    axe_check(page)

    page.locator(".reflection-prompt").get_by_role("link", name=re.compile("Write a reflection")).click()
    expect(page).to_have_url(f"{site}/my/sessions/{session.pk}/reflection/")
    assert_no_notes_on_screen(page)
    axe_check(page)
    page.get_by_label("What I want to practise").fill("Breathing before the Friday meeting")
    page.get_by_role("button", name="Save reflection").click()
    expect(page.get_by_text("Your reflection is saved.")).to_be_visible()
    expect(page.get_by_role("link", name="Go to Today")).to_be_visible()
    assert_no_notes_on_screen(page)
    axe_check(page)
    assert Reflection.objects.get().want_to_practise == "Breathing before the Friday meeting"


def test_the_therapists_session_pages_pass_axe(
    site: str, page: Page, therapist: User, client_user: User, axe_check: Axe
) -> None:
    session = held_session(therapist, client_user, private_notes="Homework:\n- Thought record daily")
    make_session(therapist, client_user, days=4)
    sign_in(page, site, therapist.email)
    page.goto(f"{site}/clients/{client_user.pk}/sessions/")
    expect(page.get_by_role("heading", name="Sessions with Carol Chen")).to_be_visible()
    axe_check(page)
    page.goto(f"{site}/sessions/{session.pk}/")
    expect(page.get_by_text("Private: never shown to the client")).to_be_visible()
    axe_check(page)


def test_on_a_phone_one_link_near_the_top_reaches_the_agreements_and_the_action_items(
    site: str, page: Page, therapist: User, client_user: User, axe_check: Axe
) -> None:
    """Narrow, the page reads top to bottom: the notes form and the reflection come first, so the
    sections a session is decided in are a long scroll down without the jump links."""
    session = held_session(therapist, client_user, private_notes="Homework:\n- Thought record daily")
    action_items.refresh_proposals(session)
    page.set_viewport_size({"width": 375, "height": 740})
    sign_in(page, site, therapist.email)
    page.goto(f"{site}/sessions/{session.pk}/")
    jump = page.get_by_role("navigation", name="On this page")
    expect(jump).to_be_in_viewport()
    agreed_link = jump.get_by_role("link", name="What we agreed last time")
    items_link = jump.get_by_role("link", name="Action items from this session")
    items_heading = page.get_by_role("heading", name="Action items from this session", level=2)
    expect(items_heading).not_to_be_in_viewport()

    def top(locator: Any) -> float:
        box = locator.bounding_box()
        assert box is not None
        return float(box["y"])

    # The order on a phone: the jump links, the notes form, the reflection, then the two sections.
    form = page.get_by_role("heading", name="Time, notes and summary", level=2)
    reflection = page.get_by_role("heading", name="Carol Chen's reflection", level=2)
    agreed = page.get_by_role("heading", name="What we agreed last time", level=2)
    assert top(jump) < top(form) < top(reflection) < top(agreed) < top(items_heading)
    axe_check(page)

    # A keyboard user reaches the link, sees where focus is, and lands on the section's heading.
    items_link.focus()
    outline = items_link.evaluate(
        "link => getComputedStyle(link).outlineStyle + ' ' + getComputedStyle(link).outlineWidth"
    )
    assert not outline.startswith("none") and not outline.endswith(" 0px")
    page.keyboard.press("Enter")
    expect(items_heading).to_be_in_viewport()
    expect(items_heading).to_be_focused()
    expect(page.get_by_role("region", name="Action items from this session")).to_contain_text(
        "Thought record daily"
    )
    agreed_link.click()
    expect(agreed).to_be_focused()
    expect(agreed).to_be_in_viewport()


def test_on_a_phone_the_clients_time_says_whose_it_is_and_an_overlap_asks_first(
    site: str, page: Page, therapist: User, client_user: User, axe_check: Axe
) -> None:
    """The list's rows stack on a phone, where column headings are hidden: a time on the client's
    clock must say whose it is in the row itself. Booking over a session comes back asking."""
    upcoming = make_session(therapist, client_user, days=3)
    page.set_viewport_size({"width": 375, "height": 740})
    sign_in(page, site, therapist.email)
    page.goto(f"{site}/clients/{client_user.pk}/sessions/")
    row = page.locator(".session-table tbody tr").first
    expect(row.locator(".their-time")).to_be_visible()
    expect(row.locator(".their-time")).to_contain_text(re.compile(r"^\(.*\d\d:\d\d for Carol, New York\)$"))
    local = upcoming.starts_at.astimezone(therapist.zone)
    page.get_by_label("Date").fill(f"{local:%Y-%m-%d}")
    page.get_by_label("Start time").fill(f"{local:%H:%M}")
    page.get_by_label("Summary shared with the client").fill("Kept while asking")
    page.get_by_role("button", name="Save session").click()
    warning = page.locator("#overlap-warning")
    expect(warning).to_contain_text("This overlaps your session with Carol Chen")
    expect(page.get_by_label("Summary shared with the client")).to_have_value("Kept while asking")
    axe_check(page)
    page.get_by_role("button", name="Schedule it anyway").click()
    expect(page.locator(".messages")).to_contain_text("is scheduled.")
    assert TherapySession.objects.filter(client=client_user).count() == 2
