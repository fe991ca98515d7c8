"""On a phone, a client reads who has looked at their records without scrolling sideways."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import RequestFactory
from django.urls import ResolverMatch
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from homework.tests.conftest import make_assignment
from mallard import audit
from mallard.models import User
from mallard.tests.browser.helpers import field

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Axe = Callable[[Any], None]


def test_on_a_phone_every_part_of_a_visit_shows_without_scrolling_sideways(
    site: str, page: Page, therapist: User, client_user: User, axe_check: Axe
) -> None:
    assignment = make_assignment(
        therapist, client_user, title="Paced breathing with a rather long name that has to wrap on a phone"
    )
    request = RequestFactory().get("/")
    request.user = therapist
    request.resolver_match = ResolverMatch(lambda: None, (), {}, url_name="homework-client")
    audit.record_access(request, [client_user, assignment], client=client_user)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site}/accounts/login/")
    field(page, "Email").fill("carol@example.com")
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(f"{site}/today/")
    page.goto(f"{site}/accounts/privacy/record-access/")

    visit = (
        page.get_by_role("listitem").filter(has_text="Alice Adeyemi (therapist)").filter(has_text="Viewed")
    )
    expect(visit).to_have_count(1)
    for text in (
        "Who",
        "Did what",
        "With which records",
        "Through which page",
        "Your record as a whole",
        "Your assignment “Paced breathing with a rather long name",
        "Your homework and goals, on your therapist's page about you",
    ):
        expect(visit.get_by_text(text, exact=False).first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    axe_check(page)
