"""Leaving a worksheet with typing not yet saved asks first (js/leave-warning.js); saving it, or
leaving with nothing typed, does not."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from playwright.sync_api import Dialog, Page, expect

from homework.models import Kind, Occurrence
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, site: str, user: User) -> None:
    django_client = Client()
    django_client.force_login(user)
    cookie = django_client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": site}])


@pytest.fixture
def worksheet(site: str, page: Page, therapist: User, client_user: User) -> Occurrence:
    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.BEHAVIORAL_EXPERIMENT))
    sign_in(page, site, client_user)
    return occurrence


def watch_dialogs(page: Page, *, leave: bool) -> list[str]:
    seen: list[str] = []

    def answer(dialog: Dialog) -> None:
        seen.append(dialog.type)
        if leave:
            dialog.accept()
        else:
            dialog.dismiss()

    page.on("dialog", answer)
    return seen


def outcome_box(page: Page) -> Any:
    return page.get_by_role("textbox", name=re.compile("^Outcome: what actually happened"))


def today_link(page: Page) -> Any:
    return page.get_by_role("navigation").get_by_role("link", name="Today", exact=True)


def test_leaving_with_unsaved_typing_asks_first(
    site: str, page: Page, worksheet: Occurrence, axe_check: Callable[[Any], None]
) -> None:
    page.goto(f"{site}/homework/occurrences/{worksheet.pk}/entry/")
    axe_check(page)
    seen = watch_dialogs(page, leave=False)
    outcome_box(page).press_sequentially("Nobody laughed")
    today_link(page).click()
    assert seen == ["beforeunload"]
    # Staying keeps the page and what was typed.
    expect(page).to_have_url(re.compile(rf"/homework/occurrences/{worksheet.pk}/entry/$"))
    expect(outcome_box(page)).to_have_value("Nobody laughed")


def test_saving_then_leaving_does_not_ask(
    site: str, page: Page, worksheet: Occurrence, axe_check: Callable[[Any], None]
) -> None:
    page.goto(f"{site}/homework/occurrences/{worksheet.pk}/entry/")
    seen = watch_dialogs(page, leave=True)
    outcome_box(page).press_sequentially("Nobody laughed")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status")).to_contain_text("Draft saved.")
    expect(outcome_box(page)).to_have_value("Nobody laughed")
    axe_check(page)
    today_link(page).click()
    expect(page).to_have_url(re.compile(r"/today/$"))
    assert seen == []
