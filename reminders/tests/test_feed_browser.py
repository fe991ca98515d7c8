"""The signed-link and notification pages in real Chromium, with axe-core on each page."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from homework.library import load_builtin_library
from homework.models import Template
from mallard.models import User
from reminders import tokens
from reminders.models import Notification, ReminderPreferences
from reminders.tests.links_helpers import NOON_NY, occurrence_reminder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Axe = Callable[[Any], None]


@pytest.fixture
def site(live_server: Any, page: Page) -> str:
    page.set_default_timeout(5_000)
    expect.set_options(timeout=5_000)
    load_builtin_library(Template)
    return str(live_server.url)


def sign_in(page: Page, site: str) -> None:
    page.goto(f"{site}/accounts/login/")
    page.get_by_label(re.compile(r"^\s*Email")).fill("carol@example.com")
    page.get_by_label(re.compile(r"^\s*Password")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(f"{site}/today/")


def test_a_client_turns_on_and_revokes_the_calendar_feed(
    site: str, page: Page, client_user: User, axe_check: Axe
) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    sign_in(page, site)
    page.goto(f"{site}/reminders/calendar/")
    axe_check(page)
    page.get_by_role("button", name="Turn on the calendar feed").click()
    link = page.get_by_label("Link for Google Calendar and Outlook")
    first = link.input_value()
    assert first.endswith(".ics")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    axe_check(page)
    page.get_by_role("button", name="Revoke and make a new link").click()
    expect(page.get_by_text("The old link has stopped working")).to_be_visible()
    assert link.input_value() != first
    assert ReminderPreferences.objects.get(user=client_user).feed_version == 2


def test_on_a_phone_the_feed_is_found_from_the_reminders_page_and_its_link_copied(
    site: str, page: Page, client_user: User, axe_check: Axe
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign_in(page, site)
    page.goto(f"{site}/reminders/")
    page.get_by_role("link", name="Add your practice to your calendar").click()
    expect(page.get_by_role("heading", name="Add your practice to your calendar")).to_be_in_viewport()
    axe_check(page)
    page.get_by_role("link", name="Set up the calendar feed").click()
    expect(page).to_have_url(f"{site}/reminders/calendar/")
    page.get_by_role("button", name="Turn on the calendar feed").click()
    link = page.get_by_label("Link for Google Calendar and Outlook")
    address = link.input_value()
    assert address.startswith("http") and address.endswith(".ics")
    # The whole link shows on the phone's screen: the box wraps it instead of cutting it off.
    assert link.evaluate("box => box.scrollWidth <= box.clientWidth && box.scrollHeight <= box.clientHeight")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Mallard's Permissions-Policy forbids reading the clipboard, so note what is written to it.
    page.evaluate(
        """() => {
          const write = navigator.clipboard.writeText.bind(navigator.clipboard);
          navigator.clipboard.writeText = (text) => { window.copiedText = text; return write(text); };
        }"""
    )
    copied = page.locator("#feed-https-copied")
    expect(copied).to_have_attribute("role", "status")
    axe_check(page)
    page.get_by_role("button", name="Copy link").click()
    expect(copied).to_have_text("Copied")
    assert page.evaluate("window.copiedText") == address
    # Once the button's pressed look has faded, the page with its confirmation passes axe too.
    page.mouse.move(0, 0)
    page.evaluate("document.activeElement.blur()")
    page.wait_for_timeout(400)
    axe_check(page)


def test_without_javascript_the_feed_link_is_there_to_select_and_no_dead_copy_button(
    live_server: Any, browser: Any, client_user: User
) -> None:
    """axe runs in the page, so it checks this page in the test above, with JavaScript on."""
    load_builtin_library(Template)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(5_000)
    site = str(live_server.url)
    sign_in(page, site)
    page.goto(f"{site}/reminders/calendar/")
    page.get_by_role("button", name="Turn on the calendar feed").click()
    link = page.get_by_label("Link for Google Calendar and Outlook")
    assert link.input_value().endswith(".ics")
    expect(page.get_by_role("button", name="Copy link")).to_be_hidden()
    assert link.get_attribute("readonly") is not None
    # The link is plain text in the box: selecting it by hand selects the whole address.
    link.select_text()
    context.close()


def test_unsubscribe_and_snooze_pages_work_signed_out(
    site: str, page: Page, therapist: User, client_user: User, axe_check: Axe
) -> None:
    page.goto(f"{site}/reminders/unsubscribe/{tokens.unsubscribe_token(client_user)}/")
    expect(page.get_by_role("heading", name="Stop reminder emails?")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Stop reminder emails").click()
    expect(page.get_by_role("heading", name="Reminder emails are off")).to_be_visible()
    axe_check(page)
    assert not ReminderPreferences.objects.get(user=client_user).email_enabled

    with time_machine.travel(NOON_NY, tick=True):  # midday in carol's zone, whatever the wall clock says
        reminder = occurrence_reminder(therapist, client_user)
        page.goto(f"{site}/reminders/snooze/{tokens.snooze_token(reminder)}/")
        expect(page.get_by_role("heading", name="Remind me later")).to_be_visible()
        axe_check(page)
        page.get_by_role("button", name=re.compile("in 1 hour")).click()
        expect(page.get_by_text("You'll get another reminder today")).to_be_visible()

    page.goto(f"{site}/reminders/snooze/not-a-token/")
    expect(page.get_by_role("heading", name="This link isn't valid")).to_be_visible()
    axe_check(page)


def test_a_client_reads_notifications(site: str, page: Page, client_user: User, axe_check: Axe) -> None:
    for i in range(3):
        Notification.objects.create(
            user=client_user, text=f"You have a practice activity planned ({i})", url="/today/"
        )
    sign_in(page, site)
    page.goto(f"{site}/notifications/")
    expect(page.get_by_text("New", exact=True)).to_have_count(3)
    axe_check(page)
    # Open one with the keyboard: it is read, and the page it points to opens.
    page.get_by_role(
        "button", name="Open the notification: You have a practice activity planned (1)", exact=True
    ).focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site}/today/")
    page.goto(f"{site}/notifications/")
    expect(page.get_by_text("New", exact=True)).to_have_count(2)
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.get_by_text("All notifications are marked as read.")).to_be_visible()
    expect(page.get_by_text("New", exact=True)).to_have_count(0)
    axe_check(page)
