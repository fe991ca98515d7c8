"""The agreement loop end to end: a line in the session notes becomes homework in one click, the
client says it didn't happen and why, and the next session looks back on it and makes it smaller.
At a phone's size and a desktop's, with axe on every page reached.

It runs against the real extractor, which must read "twice a week" and "after stand-up" from the
notes (ActionItem's schedule fields) for the one-click button to appear."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import Browser, Locator, Page, ViewportSize, expect

from conftest import PASSWORD, upcoming
from mallard.models import User
from mallard.tests.browser.helpers import field, finish_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Axe = Callable[[Any], None]

ITEM = "Thought record twice a week after stand-up"
TITLE = "Thought record"  # without the words its schedule fields hold
NOTES = f"Carol's mood 5/10. Work stress again.\n\nHomework:\n- {ITEM}\n"
SIZES: dict[str, ViewportSize] = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1280, "height": 900},
}


def sign_in(page: Page, site: str, email: str, axe_check: Axe) -> None:
    page.goto(f"{site}/accounts/login/")
    axe_check(page)
    field(page, "Email").fill(email)
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    finish_sign_in(page, email)


def record_session(
    page: Page, site: str, client_user: User, when: Any, *, held: bool, notes: str = ""
) -> None:
    """On Carol's sessions page, in the therapist's zone."""
    page.goto(f"{site}/clients/{client_user.pk}/sessions/")
    expect(page.get_by_role("heading", name="Sessions with Carol Chen", level=1)).to_be_visible()
    field(page, "Date").fill(when.date().isoformat())
    field(page, "Start time").fill(when.strftime("%H:%M"))
    if held:
        field(page, "Status").select_option(label="Held")
    if notes:
        field(page, "Private: never shown to the client").fill(notes)
    page.get_by_role("button", name="Save session").click()
    expect(page.get_by_role("status")).to_contain_text("is recorded as held." if held else "is scheduled.")


def proposal(page: Page) -> Locator:
    return (
        page.get_by_role("region", name="Action items from this session")
        .get_by_role("listitem")
        .filter(has=page.get_by_text(ITEM, exact=True))
    )


@pytest.fixture(autouse=True)
def wednesday() -> Iterator[None]:
    """The next Wednesday, 11:00 in New York (Carol's zone): "2 times a week" assigned then gives
    both slots that week (a week assigned on a later day is pro-rated)."""
    with time_machine.travel(upcoming(2, 11, "America/New_York"), tick=True):
        yield


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_agreed_in_the_notes_assigned_in_one_click_looked_back_on_and_made_smaller(
    site: str,
    page: Page,
    browser: Browser,
    therapist: User,
    client_user: User,
    axe_check: Axe,
    size: str,
) -> None:
    page.set_viewport_size(SIZES[size])
    now = timezone.now()
    held_at = (now - timedelta(hours=2)).astimezone(therapist.zone)
    next_at = (now + timedelta(days=7)).astimezone(therapist.zone).replace(hour=10, minute=0)

    # 1. The therapist writes the agreement in her notes; one click assigns it, as it was said.
    sign_in(page, site, "alice@example.com", axe_check)
    record_session(page, site, client_user, held_at, held=True, notes=NOTES)
    # Recording a held session opens it, where its action items are.
    expect(page.get_by_role("heading", name="Session with Carol Chen", level=1)).to_be_visible()
    item = proposal(page)
    expect(item).to_have_count(1)
    expect(item).to_contain_text("Found in your notes")
    expect(item).to_contain_text("2 times a week after stand-up")
    axe_check(page)
    item.get_by_role("button", name=re.compile(r"^Assign it")).click()
    expect(page.get_by_role("status")).to_contain_text(
        f"“{TITLE}” is assigned to Carol Chen: 2 times a week."
    )
    expect(proposal(page)).to_contain_text("Assigned")
    axe_check(page)

    client_context = browser.new_context(viewport=SIZES[size])
    try:
        client = client_context.new_page()
        client.set_default_timeout(5_000)

        # 2. Carol finds it on Today, once, with its cue; it didn't happen, and she says why.
        sign_in(client, site, "carol@example.com", axe_check)
        expect(client.get_by_role("heading", name="Hello, Carol Chen", level=1)).to_be_visible()
        card = client.get_by_role("article", name=TITLE, exact=True)
        expect(card).to_have_count(1)  # at most one a day: a weekly quota is one card
        expect(card).to_contain_text("2 of 2 this week left")
        expect(card).to_contain_text("Your plan: After stand-up")
        axe_check(client)
        card.get_by_role("link", name=TITLE, exact=True).click()
        expect(client.get_by_text("After stand-up, I will")).to_be_visible()
        axe_check(client)
        client.go_back()
        card = client.get_by_role("article", name=TITLE, exact=True)
        card.get_by_text(re.compile(r"^Not (done this time|today, or not this one)$")).click()
        card.get_by_label("It felt too hard").check()
        card.get_by_label("Anything you'd like to add? (optional)").fill("Stand-up ran late every day")
        card.get_by_role("button", name=re.compile(r"^(Save “not done”|I won't do this one)$")).click()
        expect(client.get_by_role("status")).to_contain_text("Noted: not done this time.")
        axe_check(client)

        # 3. The next session looks back on it, and they agree to make it smaller.
        record_session(page, site, client_user, next_at, held=False)
        page.get_by_role("table", name="Upcoming sessions").get_by_role(
            "link", name=re.compile(r"^Open the session on")
        ).click()
        agreed = page.get_by_role("region", name="What we agreed last time")
        expect(agreed).to_contain_text(TITLE)
        expect(agreed).to_contain_text("not done 1")
        expect(agreed).to_contain_text("It felt too hard — “Stand-up ran late every day”")
        axe_check(page)
        agreed.get_by_role("button", name=re.compile(r"^Make it smaller")).click()
        expect(page.get_by_role("status")).to_contain_text(f"Made “{TITLE}” smaller: 2 → 1 times a week.")
        agreed = page.get_by_role("region", name="What we agreed last time")
        expect(agreed).to_contain_text("Made smaller: 2 → 1 times a week")
        expect(agreed.get_by_role("button", name=re.compile(r"^Keep it"))).to_have_count(0)
        axe_check(page)

        # The pre-session summary says the same.
        page.goto(f"{site}/sessions/{page.url.rstrip('/').rsplit('/', 1)[1]}/summary/")
        expect(page.get_by_role("region", name="What we agreed last time")).to_contain_text("Made smaller")
        expect(page.get_by_role("region", name="Homework", exact=True)).to_contain_text("Not done, logged")
        axe_check(page)
    finally:
        client_context.close()
