"""The reminder policy page and the reminder log in real Chromium, with axe-core on each page."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import time
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from homework.library import load_builtin_library
from homework.models import Template
from homework.tests.conftest import make_assignment
from mallard.models import User
from mallard.tests.browser.helpers import finish_sign_in
from reminders.models import ReminderPreferences

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Axe = Callable[[Any], None]


@pytest.fixture
def site(live_server: Any, page: Page) -> str:
    page.set_default_timeout(5_000)
    expect.set_options(timeout=5_000)
    load_builtin_library(Template)
    return str(live_server.url)


def sign_in(page: Page, site: str, email: str, landing: str) -> None:
    page.goto(f"{site}/accounts/login/")
    page.get_by_label(re.compile(r"^\s*Email")).fill(email)
    page.get_by_label(re.compile(r"^\s*Password")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    finish_sign_in(page, email)
    expect(page).to_have_url(f"{site}{landing}")


def test_a_client_chooses_quiet_hours_and_an_activity_time(
    site: str, page: Page, therapist: User, client_user: User, axe_check: Axe
) -> None:
    assignment = make_assignment(therapist, client_user, preferred_time=time(20, 0))
    page.set_viewport_size({"width": 375, "height": 740})
    sign_in(page, site, "carol@example.com", "/today/")
    page.goto(f"{site}/reminders/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Reminders")
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    page.get_by_label("Quiet hours start (optional)").fill("22:00")
    page.get_by_role("button", name="Save reminder choices").click()
    expect(page.get_by_role("alert", name="There is a problem")).to_contain_text(
        "Add when quiet hours end, or clear the start time."
    )
    axe_check(page)
    page.get_by_label("Quiet hours end (optional)").fill("07:00")
    page.get_by_role("button", name="Save reminder choices").click()
    expect(page.get_by_text("Your reminder choices are saved.")).to_be_visible()
    preferences = ReminderPreferences.objects.get(user=client_user)
    assert (preferences.quiet_start, preferences.quiet_end) == (time(22, 0), time(7, 0))

    card = page.locator(f"#assignment-{assignment.pk}")
    card.get_by_label("Time of day").fill("18:30")
    card.get_by_role("button", name=re.compile("^Save")).click()
    expect(page.get_by_text(f"Reminder saved for “{assignment.title}”.")).to_be_visible()
    assignment.refresh_from_db()
    assert assignment.client_time == time(18, 30)
    axe_check(page)

    page.get_by_role("link", name="See the reminders you've had").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your reminders")
    axe_check(page)


def test_a_therapist_sees_the_digest_choice_and_a_clients_delivery(
    site: str, page: Page, therapist: User, client_user: User, axe_check: Axe
) -> None:
    sign_in(page, site, "alice@example.com", "/caseload/")
    page.goto(f"{site}/reminders/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Weekly digest")
    axe_check(page)
    page.get_by_label("E-mail me a weekly digest of my clients' practice").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your weekly digest choice is saved.")).to_be_visible()
    page.goto(f"{site}/clients/{client_user.pk}/reminders/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Reminders for {client_user.display_name}")
    axe_check(page)
