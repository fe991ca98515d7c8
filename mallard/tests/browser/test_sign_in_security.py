"""Two-factor sign-in, signed-in devices and automatic logoff, as people meet them."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import Page, expect

from conftest import PASSWORD, make_user
from mallard.models import CareRelationship, Role, User
from mallard.tests.browser.helpers import field, finish_sign_in, set_up_authenticator_app

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Axe = Callable[[Any], None]


def sign_in_with_password(page: Page, site: str, email: str) -> None:
    page.goto(f"{site}/accounts/login/")
    field(page, "Email").fill(email)
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def test_a_new_therapist_enrols_an_authenticator_app_then_reaches_the_caseload(
    site: str, page: Page, axe_check: Axe
) -> None:
    nina = make_user("nina@example.com", "Nina Novak", Role.THERAPIST)
    Authenticator.objects.filter(user=nina).delete()
    carol = make_user("carol@example.com", "Carol Chen", Role.CLIENT)
    CareRelationship.objects.create(therapist=nina, client=carol)

    sign_in_with_password(page, site, nina.email)
    # Sent straight to set-up, with the reason on screen: the password was typed moments ago.
    expect(page.get_by_role("heading", name="Set up two-factor authentication")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text(
        "Mallard keeps clinical records behind two-factor authentication"
    )
    axe_check(page)
    # The caseload stays closed until enrolment.
    page.goto(f"{site}/caseload/")
    expect(page.get_by_role("heading", name="Set up two-factor authentication")).to_be_visible()

    set_up_authenticator_app(page)
    expect(page.get_by_role("link", name="Continue to your caseload")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Continue to your caseload").click()
    expect(page).to_have_url(f"{site}/caseload/")
    expect(page.get_by_role("heading", name="Your caseload", level=1)).to_be_visible()
    expect(page.get_by_role("rowheader", name="Carol Chen")).to_be_visible()
    axe_check(page)

    # Next time, signing in asks for a code from the app.
    page.get_by_role("button", name="Nina Novak").click()
    # Signing out from the menu is one step.
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("status")).to_contain_text("You have signed out.")
    sign_in_with_password(page, site, nina.email)
    expect(page.get_by_role("heading", name="Enter your sign-in code")).to_be_visible()
    axe_check(page)
    finish_sign_in(page, nina.email)
    expect(page).to_have_url(f"{site}/caseload/")


def test_a_client_turns_on_two_factor_from_their_profile(
    site: str, page: Page, client_user: User, axe_check: Axe
) -> None:
    sign_in_with_password(page, site, client_user.email)
    expect(page).to_have_url(f"{site}/today/")
    page.goto(f"{site}/accounts/profile/")
    expect(page.get_by_role("heading", name="Sign-in security")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Turn on two-factor authentication").click()
    set_up_authenticator_app(page, continue_to="Continue to Today")
    expect(page).to_have_url(f"{site}/today/")

    page.goto(f"{site}/accounts/profile/")
    expect(page.get_by_text("Two-factor authentication is on")).to_be_visible()
    page.get_by_role("link", name="Manage two-factor authentication").click()
    expect(page.get_by_role("heading", name="Two-factor authentication", level=1)).to_be_visible()
    expect(page.get_by_text("On. Signing in asks for the 6-digit code")).to_be_visible()
    expect(page.get_by_role("link", name="Show recovery codes")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Make new recovery codes").click()
    # New codes ask for the password again.
    expect(page.get_by_role("heading", name="Confirm it's you")).to_be_visible()
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Make new recovery codes", level=1)).to_be_visible()
    axe_check(page)


def test_signed_in_devices_can_be_signed_out_from_another(
    site: str, page: Page, browser: Any, client_user: User, axe_check: Axe
) -> None:
    phone_context = browser.new_context()
    try:
        phone = phone_context.new_page()
        sign_in_with_password(phone, site, client_user.email)
        expect(phone).to_have_url(f"{site}/today/")

        sign_in_with_password(page, site, client_user.email)
        page.goto(f"{site}/accounts/sessions/")
        expect(page.get_by_role("heading", name="Signed-in devices", level=1)).to_be_visible()
        expect(page.get_by_role("table").get_by_role("row")).to_have_count(3)
        axe_check(page)
        page.get_by_role("button", name="Sign out all other devices").click()
        # Ending sessions asks for the password first.
        expect(page.get_by_role("heading", name="Confirm it's you")).to_be_visible()
        axe_check(page)
        field(page, "Password").fill(PASSWORD)
        page.get_by_role("button", name="Confirm").click()
        expect(page.get_by_role("status")).to_contain_text("Signed out of all other sessions.")
        expect(page.get_by_text("Only this device is signed in.")).to_be_visible()
        axe_check(page)

        phone.reload()
        expect(phone).to_have_url(re.compile(r"/accounts/login/\?next=/today/$"))
    finally:
        phone_context.close()


def test_a_page_left_open_signs_itself_out(
    site: str, page: Page, client_user: User, settings: Any, axe_check: Axe
) -> None:
    settings.MALLARD_IDLE_TIMEOUT_CLIENT = 3
    sign_in_with_password(page, site, client_user.email)
    expect(page.get_by_role("heading", name="Hello, Carol Chen")).to_be_visible()

    # Nobody touches the page; a few seconds later it no longer shows Carol's homework.
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=%2Ftoday%2F$"), timeout=15_000)
    expect(page.get_by_role("status")).to_contain_text("You were signed out after 1 minute of inactivity")
    expect(page.get_by_text("Hello, Carol Chen")).to_have_count(0)
    axe_check(page)


def test_typing_keeps_a_person_signed_in_and_a_notice_comes_before_the_logoff(
    site: str, page: Page, client_user: User, settings: Any, monkeypatch: pytest.MonkeyPatch, axe_check: Axe
) -> None:
    settings.MALLARD_IDLE_TIMEOUT_CLIENT = 15
    monkeypatch.setattr("mallard.middleware.ACTIVITY_WRITE_INTERVAL", 1)
    sign_in_with_password(page, site, client_user.email)
    page.goto(f"{site}/accounts/profile/")
    name = field(page, "Your name")
    name.fill("")

    # Carol types for longer than the idle time without sending anything: she stays signed in.
    for letter in "Carol Chen-Ng ":
        name.press_sequentially(letter)
        page.wait_for_timeout(1_500)
    expect(page).to_have_url(f"{site}/accounts/profile/")
    expect(page.get_by_role("alert")).to_be_hidden()

    # She stops; shortly before the idle time is up, the page asks whether she is still there.
    notice = page.get_by_role("alert")
    expect(notice).to_contain_text(
        "Still there? You will be signed out in less than a minute", timeout=15_000
    )
    axe_check(page)
    notice.get_by_role("button", name="Stay signed in").focus()
    page.keyboard.press("Enter")
    expect(notice).to_be_hidden()

    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Your profile is saved.")
    expect(name).to_have_value("Carol Chen-Ng")


def test_an_open_page_tells_the_server_only_after_someone_types(
    site: str, page: Page, client_user: User, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The keep-alive is sent on a keystroke, a click or an input, never by a timer: a page left
    open after the last keystroke sends nothing more and signs itself out at the idle time."""
    settings.MALLARD_IDLE_TIMEOUT_CLIENT = 12
    monkeypatch.setattr("mallard.middleware.ACTIVITY_WRITE_INTERVAL", 1)
    keep_alives: list[str] = []
    page.on(
        "request",
        lambda request: (
            keep_alives.append(request.method) if request.url.endswith("/accounts/still-here/") else None
        ),
    )
    sign_in_with_password(page, site, client_user.email)
    page.goto(f"{site}/accounts/profile/")
    page.wait_for_timeout(3_000)
    assert keep_alives == []  # an open page on its own says nothing

    field(page, "Your name").press_sequentially("x")
    page.wait_for_timeout(1_000)
    assert keep_alives == ["POST"]

    # Nobody touches the page again: through the "Still there?" notice and up to the logoff, the
    # page sends no keep-alive of its own, so the server's idle clock runs out.
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=%2Faccounts%2Fprofile%2F$"), timeout=25_000)
    assert keep_alives == ["POST"]


def test_a_notice_comes_before_the_sign_in_reaches_its_limit(
    site: str, page: Page, client_user: User, settings: Any, monkeypatch: pytest.MonkeyPatch, axe_check: Axe
) -> None:
    settings.SESSION_COOKIE_AGE = 20
    monkeypatch.setattr("mallard.middleware.SESSION_WARNING_SECONDS", 15)
    monkeypatch.setattr("mallard.middleware.ACTIVITY_WRITE_INTERVAL", 1)
    sign_in_with_password(page, site, client_user.email)
    page.goto(f"{site}/accounts/profile/")
    notice = page.get_by_role("alert")
    expect(notice).to_be_hidden()

    # Carol is typing; however active she is, the sign-in's end comes, and the page says so first.
    name = field(page, "Your name")
    for letter in "Carol":
        name.press_sequentially(letter)
        page.wait_for_timeout(1_000)
    expect(notice).to_contain_text("Save what you are writing", timeout=15_000)
    expect(notice).to_contain_text("You will be signed out at")
    expect(notice).to_contain_text("this cannot be extended")
    expect(notice.get_by_role("button")).to_have_count(0)
    axe_check(page)

    # When the time is up, the page no longer shows her account, and the sign-in page says why.
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=%2Faccounts%2Fprofile%2F$"), timeout=20_000)
    expect(page.get_by_role("status")).to_contain_text("You were signed out because you signed in more than")
    axe_check(page)
