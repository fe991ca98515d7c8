"""On a phone, a long unbroken name or address wraps instead of pushing the page sideways."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from mallard.models import User
from mallard.tests.browser.helpers import field, finish_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Axe = Callable[[Any], None]

LONG_NAME = "Maximiliana" * 7 + "abc"  # 80 characters, the longest name Mallard takes, in one word
LONG_EMAIL = "m" * 60 + "@example.com"


def test_a_long_name_wraps_on_the_invitations_page_and_the_caseload(
    site: str, page: Page, therapist: User, axe_check: Axe
) -> None:
    assert len(LONG_NAME) == 80
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site}/accounts/login/")
    field(page, "Email").fill(therapist.email)
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    finish_sign_in(page, therapist.email)
    expect(page).to_have_url(f"{site}/caseload/")

    page.goto(f"{site}/invitations/")
    field(page, "Client's name").fill(LONG_NAME)
    field(page, "Client's email address").fill(LONG_EMAIL)
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("status")).to_contain_text(f"We emailed an invitation to {LONG_EMAIL}.")
    expect(page.get_by_text(LONG_NAME, exact=True)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    axe_check(page)

    page.goto(f"{site}/caseload/")
    name = page.get_by_role("rowheader").filter(has_text=LONG_NAME)
    expect(name).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # The whole name shows: the card neither cuts it nor scrolls it sideways.
    assert name.evaluate("cell => cell.scrollWidth <= cell.clientWidth")
    assert page.evaluate(
        "[...document.querySelectorAll('.table-responsive')].every(box => box.scrollWidth <= box.clientWidth)"
    )
    axe_check(page)
