"""The worksheets in a real browser, with an accessibility check on every page reached."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from homework.library import load_builtin_library
from homework.models import Kind, Template
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server: Any, page: Page) -> str:
    # Transactional tests flush the table the data migration filled; put the library back.
    load_builtin_library(Template)
    page.set_default_timeout(5_000)
    expect.set_options(timeout=5_000)
    return str(live_server.url)


def sign_in(page: Page, site: str, user: User) -> None:
    django_client = Client()
    django_client.force_login(user)
    cookie = django_client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": site}])


def test_a_client_fills_in_a_thought_record_in_two_steps(
    site: str, page: Page, therapist: User, client_user: User, axe_check: Callable[[Any], None]
) -> None:
    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.THOUGHT_RECORD))
    sign_in(page, site, client_user)
    page.goto(f"{site}/homework/occurrences/{occurrence.pk}/entry/")
    expect(page.get_by_role("heading", level=1)).to_have_text(occurrence.assignment.title)
    axe_check(page)
    page.get_by_label("Situation (needed to finish)").fill("Team meeting on Monday")
    page.get_by_label("Mood 1", exact=True).fill("Anxious")
    page.get_by_label("Mood 1: how strong (0–100)").fill("80")
    page.get_by_label("Thought or image 1").fill("They think I'm useless")
    page.get_by_label("Thought or image 2").fill("I'll be fired")
    page.get_by_label("Thought 2 is the hot thought").check()
    page.get_by_role("button", name="Save draft and continue").click()

    expect(page.get_by_role("heading", name="What you wrote in step 1")).to_be_visible()
    expect(page.get_by_text("Team meeting on Monday")).to_be_visible()
    expect(page.get_by_text("I'll be fired")).to_be_visible()
    axe_check(page)
    page.get_by_label("Anxious: how strong now? (0–100, first rated 80)").fill("40")
    page.get_by_label("How much do you believe the alternative or balanced thought? (0–100)").fill("65")
    page.get_by_role("button", name="Finish").click()
    # The evidence and the balanced thought are empty: she is asked what she did, not logged as done.
    expect(page.get_by_role("alert", name="There is a problem")).to_contain_text(
        "You filled in step 1, which is the smaller version"
    )
    page.get_by_label("Done", exact=True).check()
    page.get_by_role("button", name="Finish").click()

    expect(page.get_by_role("status")).to_contain_text("Your thought record is saved")
    expect(page.get_by_text("Anxious 80 → 40 (−40)")).to_be_visible()
    axe_check(page)


@pytest.mark.parametrize(
    ("kind", "extra"),
    [
        (Kind.BEHAVIORAL_EXPERIMENT, {}),
        (Kind.JOURNAL, {}),
        (Kind.RELAXATION, {}),
        (Kind.READING, {"resource_url": "https://example.org/reading"}),
        (Kind.SKILL_PRACTICE, {"is_exposure": True}),
    ],
)
def test_every_worksheet_form_and_its_errors_are_accessible(
    site: str, page: Page, therapist: User, client_user: User, axe_check: Callable[[Any], None],
    kind: str, extra: dict[str, Any],
) -> None:  # fmt: skip
    occurrence = today_occurrence(make_assignment(therapist, client_user, kind, **extra))
    sign_in(page, site, client_user)
    page.goto(f"{site}/homework/occurrences/{occurrence.pk}/entry/?version=smaller")
    expect(page.get_by_role("heading", name="The smaller version")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Finish").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    axe_check(page)
