"""Single pages a person reaches on their own: signing in, crisis help, a bad link, a phone screen."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from mallard.models import User
from mallard.tests.browser.helpers import field, finish_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Axe = Callable[[Any], None]


def test_a_wrong_password_shows_an_error_and_keeps_the_email(
    site: str, page: Page, therapist: User, axe_check: Axe
) -> None:
    page.goto(f"{site}/accounts/login/")
    expect(page.get_by_role("heading", name="Sign In")).to_be_visible()
    axe_check(page)

    field(page, "Email").fill("alice@example.com")
    field(page, "Password").fill("not-the-password")
    page.get_by_role("button", name="Sign In").click()

    expect(page.get_by_role("alert", name="There is a problem")).to_contain_text(
        "The email address and/or password you specified are not correct."
    )
    expect(page.get_by_role("alert")).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(field(page, "Password")).to_have_attribute("aria-invalid", "true")
    expect(field(page, "Email")).to_have_value("alice@example.com")
    expect(field(page, "Password")).to_have_value("")
    axe_check(page)

    field(page, "Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    finish_sign_in(page, "alice@example.com")
    expect(page).to_have_url(f"{site}/caseload/")
    axe_check(page)


def test_the_crisis_page_is_one_click_from_the_landing_page(site: str, page: Page, axe_check: Axe) -> None:
    page.goto(f"{site}/")
    expect(page.get_by_role("heading", name="Therapy homework that actually happens")).to_be_visible()
    axe_check(page)

    page.get_by_role("contentinfo").get_by_role("link", name="In crisis? Get help now").click()

    expect(page).to_have_url(f"{site}/crisis/")
    expect(page.get_by_role("heading", name="If you are in crisis, get help now")).to_be_visible()
    expect(page.get_by_role("link", name="988")).to_have_attribute("href", "tel:988")
    axe_check(page)


def test_a_forged_invitation_link_shows_a_friendly_page(site: str, page: Page, axe_check: Axe) -> None:
    response = page.goto(f"{site}/invitations/accept/not-a-real-token/")

    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", name="This invitation link isn't valid")).to_be_visible()
    expect(page.get_by_text("ask your therapist to send the invitation again")).to_be_visible()
    axe_check(page)


def test_the_landing_page_fits_a_phone_and_its_menu_opens(site: str, page: Page, axe_check: Axe) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{site}/")
    expect(page.get_by_role("heading", name="Therapy homework that actually happens")).to_be_visible()
    # Nothing is wider than the screen, so there is no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    axe_check(page)

    toggler = page.get_by_role("button", name="Show navigation")
    sign_in = page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in")
    expect(toggler).to_be_visible()
    expect(toggler).to_have_attribute("aria-expanded", "false")
    expect(sign_in).to_be_hidden()

    toggler.click()

    expect(toggler).to_have_attribute("aria-expanded", "true")
    expect(sign_in).to_be_visible()
    axe_check(page)

    sign_in.click()
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    axe_check(page)


@pytest.mark.parametrize(
    ("link", "heading"),
    [
        ("Profile and time zone", "Profile and time zone"),
        ("Email addresses", "Email Addresses"),
        ("Password", "Change Password"),
        ("Two-factor authentication", "Two-factor authentication"),
        ("Signed-in devices", "Signed-in devices"),
    ],
)
def test_every_account_settings_page_is_reachable_from_the_menu(
    site: str, page: Page, client_user: User, axe_check: Axe, link: str, heading: str
) -> None:
    page.goto(f"{site}/accounts/login/")
    field(page, "Email").fill("carol@example.com")
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(f"{site}/today/")

    page.get_by_role("button", name="Carol Chen").click()
    page.get_by_role("link", name=link, exact=True).click()

    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    expect(
        page.get_by_role("navigation", name="Account settings").get_by_role("link", name=link)
    ).to_have_attribute("aria-current", "page")
    axe_check(page)


@pytest.mark.parametrize("browser_zone", ["Asia/Kolkata", "Asia/Calcutta"])
def test_sign_up_pre_selects_the_browsers_zone_even_by_an_old_name(
    site: str, browser: Any, settings: Any, browser_zone: str
) -> None:
    """The list leaves out aliases; a browser that names the zone by one still finds it."""
    settings.MALLARD_THERAPIST_SIGNUP = True
    context = browser.new_context(timezone_id=browser_zone)
    try:
        page = context.new_page()
        page.goto(f"{site}/accounts/signup/")
        expect(field(page, "Time zone")).to_have_value("Asia/Kolkata")
    finally:
        context.close()
