"""Ask once now in a real browser: the therapist asks for one more PHQ-9 beside a running plan,
is told when it is open already, and the client finds it on Today. Every page reached is checked
with axe."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from mallard.models import User
from mallard.tests.browser.helpers import finish_sign_in
from measures import services
from measures.models import Schedule

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Axe = Callable[[Any], None]


def sign_in(page: Page, site: str, email: str) -> None:
    page.goto(f"{site}/accounts/login/")
    page.get_by_label(re.compile(r"^\s*Email")).fill(email)
    page.get_by_label(re.compile(r"^\s*Password")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    finish_sign_in(page, email)


def test_a_therapist_asks_once_now_and_the_client_sees_it_on_today(
    live_server: Any, page: Page, therapist: User, client_user: User, axe_check: Axe
) -> None:
    page.set_default_timeout(5_000)
    site = live_server.url
    services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="phq9",
        schedule=Schedule.EVERY_N_WEEKS,
        every_weeks=4,
        starts_on=timezone.localdate(timezone.now(), client_user.zone) + timedelta(days=10),
    )
    sign_in(page, site, "alice@example.com")
    page.goto(f"{site}/clients/{client_user.pk}/questionnaires/")
    expect(page.get_by_role("heading", name="Questionnaires for Carol Chen")).to_be_visible()
    axe_check(page)
    expect(page.get_by_role("link", name="Stop asking for the PHQ-9", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Change the PHQ-9 plan", exact=True)).to_be_visible()
    page.get_by_role("button", name="Ask once now for the PHQ-9").click()
    expect(page.get_by_role("status")).to_contain_text("Asked once now: Carol Chen sees the PHQ-9 on Today")
    expect(page.get_by_text("Also asked once now: open until")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Ask once now for the PHQ-9").click()
    expect(page.get_by_role("status")).to_contain_text("so nothing new was opened")
    axe_check(page)

    page.context.clear_cookies()
    sign_in(page, site, "carol@example.com")
    page.goto(f"{site}/today/")
    # Names read as written: Chromium puts a space before a visually hidden span (it is absolutely
    # positioned, so a block), so the hidden words start with one of their own.
    expect(page.get_by_role("link", name="Fill it in (PHQ-9)", exact=True)).to_be_visible()
    axe_check(page)
