"""After a quick log on Today (on a phone), the page comes back at the message saying what was
logged, with focus on it, so a screen reader reads it out (js/message-focus.js)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from conftest import PHONE
from homework.models import Kind
from homework.tests.conftest import make_assignment
from mallard.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, site: str, user: User) -> None:
    django_client = Client()
    django_client.force_login(user)
    cookie = django_client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": site}])


def test_a_quick_log_comes_back_to_the_message_with_focus_on_it(
    site: str, page: Page, therapist: User, client_user: User, axe_check: Callable[[Any], None]
) -> None:
    make_assignment(therapist, client_user, Kind.JOURNAL, title="Evening journal")
    make_assignment(therapist, client_user, Kind.RELAXATION, title="Paced breathing")
    page.set_viewport_size({"width": PHONE["width"], "height": PHONE["height"]})
    sign_in(page, site, client_user)
    page.goto(f"{site}/today/")
    card = page.get_by_role("article").filter(has=page.get_by_role("heading", name="Paced breathing"))
    card.get_by_role("button", name="Done", exact=True).click()

    expect(page).to_have_url(re.compile(r"/today/#messages$"))
    message = page.locator("#messages")
    expect(message).to_be_focused()
    expect(message).to_contain_text("Logged as done. Nice work.")
    axe_check(page)
