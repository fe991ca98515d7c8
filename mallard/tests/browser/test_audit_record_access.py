"""A client finds out who has looked at their records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import RequestFactory
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from mallard import audit
from mallard.models import User
from mallard.tests.browser.helpers import field

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Axe = Callable[[Any], None]


def test_a_client_sees_their_therapist_looked_at_their_record(
    site: str, page: Page, therapist: User, client_user: User, axe_check: Axe
) -> None:
    request = RequestFactory().get("/")
    request.user = therapist
    audit.record_access(request, [client_user], client=client_user)

    page.goto(f"{site}/accounts/login/")
    field(page, "Email").fill("carol@example.com")
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(f"{site}/today/")

    page.goto(f"{site}/accounts/profile/")
    settings_nav = page.get_by_role("navigation", name="Account settings")
    settings_nav.get_by_role("link", name="Who has looked at your records").click()
    expect(page.get_by_role("heading", name="Who has looked at your records")).to_be_visible()
    visit = page.get_by_role("listitem").filter(has_text="Alice Adeyemi (therapist)")
    expect(visit).to_contain_text("Viewed")
    expect(visit).to_contain_text("Your record as a whole")
    axe_check(page)
