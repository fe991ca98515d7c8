"""A client takes a copy of their data, then deletes their account."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from mallard.models import User
from mallard.tests.browser.helpers import field, link_in_last_email

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Axe = Callable[[Any], None]


def test_a_client_reads_their_report_and_deletes_their_account(
    site: str, page: Page, client_user: User, axe_check: Axe
) -> None:
    page.goto(f"{site}/accounts/login/")
    field(page, "Email").fill("carol@example.com")
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(f"{site}/today/")

    page.goto(f"{site}/accounts/profile/")
    page.get_by_role("navigation", name="Account settings").get_by_role("link", name="Your data").click()
    expect(page.get_by_role("heading", name="Your data", exact=True)).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Open printable report").click()
    expect(page.get_by_role("heading", name="Confirm it's you")).to_be_visible()
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Mallard record of Carol Chen")).to_be_visible()
    expect(page.get_by_role("heading", name="Homework, worksheets and goals")).to_be_visible()
    expect(page.get_by_text("Dates and times are in America/New_York.")).to_be_visible()
    axe_check(page)

    with page.expect_download() as download_info:
        page.goto(f"{site}/accounts/data/")
        page.get_by_role("link", name="Download JSON").click()
    assert re.fullmatch(
        r"mallard-export-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.json", download_info.value.suggested_filename
    )

    page.get_by_role("link", name="Delete account").click()
    expect(page.get_by_role("heading", name="Delete your account", exact=True)).to_be_visible()
    axe_check(page)
    page.get_by_label(re.compile("To confirm, type")).fill("yes")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("alert", name="There is a problem")).to_contain_text(
        "Type “delete my account” exactly to close your account."
    )
    axe_check(page)

    page.get_by_label(re.compile("To confirm, type")).fill("delete my account")
    page.get_by_role("button", name="Delete my account").click()

    expect(page).to_have_url(f"{site}/accounts/closed/")
    expect(page.get_by_role("heading", name="Your account is closed")).to_be_visible()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    axe_check(page)
    assert link_in_last_email("carol@example.com", "/crisis/").endswith("/crisis/")
    client_user.refresh_from_db()
    assert client_user.closed_at is not None
