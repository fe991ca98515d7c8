"""The therapist's homework pages in a real browser: assign from the library, review the
client's page and an entry, with an accessibility check on every page."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from homework import services
from homework.models import Assignment, Kind, Template
from homework.tests.conftest import today_occurrence
from mallard.models import User
from mallard.tests.browser.helpers import finish_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Axe = Callable[[Any], None]


def sign_in(page: Page, site: str, email: str) -> None:
    page.goto(f"{site}/accounts/login/")
    page.get_by_label(re.compile(r"^\s*Email")).fill(email)
    page.get_by_label(re.compile(r"^\s*Password")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    finish_sign_in(page, email)
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_a_therapist_assigns_homework_and_reviews_the_clients_work(
    live_server: Any, page: Page, therapist: User, client_user: User, axe_check: Axe, tmp_path: Any
) -> None:
    page.set_default_timeout(5_000)
    site = live_server.url
    template = Template.objects.create(
        owner=therapist,
        kind=Kind.JOURNAL,
        title="Three good things",
        instructions="Write three things that went well today.",
        rationale="Noticing what goes well balances a mind that looks for threats.",
        smaller_version="Write one thing.",
        prompt="What went well today, and why?",
        topic="gratitude",
        estimated_minutes=10,
    )
    sign_in(page, site, "alice@example.com")

    page.goto(f"{site}/library/?kind=journal")
    expect(page.get_by_role("heading", name="Homework library")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Three good things").click()
    expect(page.get_by_role("heading", name="Three good things", level=1)).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Assign to a client").click()
    expect(page.get_by_role("heading", name="Assign “Three good things”")).to_be_visible()
    axe_check(page)
    page.get_by_label(re.compile(r"^\s*Client")).select_option(label="Carol Chen (carol@example.com)")
    page.get_by_label("On chosen days of the week").check()
    page.get_by_role("button", name="Assign homework").click()
    expect(page.get_by_role("alert", name="There is a problem")).to_contain_text(
        "Choose at least one day of the week."
    )
    axe_check(page)
    page.get_by_label("Monday").check()
    page.get_by_label("Thursday").check()
    page.get_by_label(re.compile(r"^\s*Preferred time")).fill("20:30")
    page.get_by_role("button", name="Assign homework").click()

    expect(page.get_by_role("heading", name="Carol Chen's homework")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("is assigned to Carol Chen")
    expect(page.get_by_text("Monday and Thursday at 20:30")).to_be_visible()
    axe_check(page)

    assignment = Assignment.objects.get(client=client_user)
    services.update_assignment(assignment=assignment, recurrence="daily", weekdays="")
    entry = services.save_entry(
        occurrence=today_occurrence(assignment),
        fields={"prompt": template.prompt, "text": "A walk in the sun", "is_private": True},
        submit=True,
    )
    page.reload()
    page.get_by_role("link", name=re.compile("^Details")).click()
    expect(page.get_by_role("heading", name="Private journal entry — done")).to_be_visible()
    assert "A walk in the sun" not in page.content()
    axe_check(page)
    page.get_by_label(re.compile(r"^\s*Feedback for the client")).fill("Well done for writing.")
    page.get_by_role("button", name="Save feedback").click()
    expect(page.get_by_role("status")).to_contain_text("Your feedback is saved.")
    entry.refresh_from_db()
    assert entry.feedback == "Well done for writing."
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{site}/clients/{client_user.pk}/homework/")
    page.screenshot(path=str(tmp_path / "client-page.png"), full_page=True)
