"""Honest logging on a phone (390 by 844), with axe on every page: a "3 a week" practice the client
says "not today" to stays open; a half-done thought record is not logged as done without asking;
and after a second "no time" Today offers the smaller version first. (A Sunday start, its e-mail
and reading new feedback are walked in tests/test_client_week_journey.py: they need reminders.)"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from playwright.sync_api import Page, expect

from conftest import PASSWORD, upcoming
from homework import services
from homework.library import load_builtin_library
from homework.models import Kind, Log, LogStatus, Occurrence, Recurrence, Skip, Template
from homework.tests.conftest import make_assignment
from mallard.models import User
from mallard.tests.browser.helpers import field

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Axe = Callable[[Any], None]


@pytest.fixture
def wednesday() -> Iterator[None]:
    """The next Wednesday, 11:00 in New York (the client's zone): the weekly window has later days,
    so "not today" is offered. The clock ticks on from there, for the server and the test alike."""
    with time_machine.travel(upcoming(2, 11, "America/New_York"), tick=True):
        yield


@pytest.fixture
def site(live_server: Any, page: Page, wednesday: None) -> str:
    page.set_default_timeout(5_000)
    expect.set_options(timeout=5_000)
    page.set_viewport_size({"width": 390, "height": 844})
    load_builtin_library(Template)  # a transactional test starts from an empty database
    return str(live_server.url)


def card(page: Page, title: str) -> Any:
    return page.get_by_role("article", name=title, exact=True)


def test_not_today_honest_finishing_and_starting_small(
    site: str, page: Page, therapist: User, client_user: User, axe_check: Axe
) -> None:
    # 1. A "3 a week" practice, and a thought record open until Saturday, are assigned.
    today = services.client_today(client_user)
    assert today.weekday() == 2
    breathing = make_assignment(
        therapist,
        client_user,
        Kind.RELAXATION,
        title="Paced breathing",
        start=today - timedelta(days=today.weekday()),
        recurrence=Recurrence.TIMES_PER_WEEK,
        times_per_week=3,
        smaller_version="Three slow breaths",
    )
    make_assignment(
        therapist,
        client_user,
        Kind.THOUGHT_RECORD,
        title="Thought record",
        recurrence=Recurrence.ONCE,
        end_date=today + timedelta(days=3),
    )

    # 2. The client sees it on Today, with what to do.
    page.goto(f"{site}/accounts/login/")
    page.get_by_label(re.compile(r"^\s*Email")).fill("carol@example.com")
    page.get_by_label(re.compile(r"^\s*Password")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(f"{site}/today/")
    practice = card(page, "Paced breathing")
    expect(practice).to_be_visible()
    expect(practice).to_contain_text("What to do:")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    axe_check(page)

    # 3. "Not today", with the reason: recorded, and the practice stays open.
    practice.get_by_text("Not today, or not this one", exact=True).click()
    practice.get_by_label("I didn't have time").check()
    axe_check(page)
    practice.get_by_role("button", name="Not today", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Noted: not today. It stays open")
    practice = card(page, "Paced breathing")
    expect(practice).to_contain_text("Not today. Reason: “I didn't have time”. It's still open.")
    expect(practice.get_by_role("button", name="Done", exact=True)).to_be_visible()
    axe_check(page)
    assert Skip.objects.filter(assignment=breathing, reason="no_time").count() == 1
    assert not Log.objects.filter(assignment=breathing).exists()

    # 4. A half-done thought record: step 1 only, then Finish. She is asked, not logged as done.
    card(page, "Thought record").get_by_role("link", name="Fill in the worksheet").click()
    expect(page.get_by_role("heading", name="Thought record", level=1)).to_be_visible()
    axe_check(page)
    field(page, "Situation (needed to finish)").fill("Standing in the queue at the bank")
    field(page, "Mood 1").fill("Anxious")
    field(page, "Mood 1: how strong (0–100)").fill("70")
    field(page, "Thought or image 1").fill("Everyone is staring at me")
    page.get_by_role("navigation", name="Thought record steps").get_by_role(
        "button", name="Step 2: looking at the evidence"
    ).click()
    expect(page.get_by_role("status")).to_contain_text("Draft saved.")
    expect(page.get_by_role("region", name="What you wrote in step 1")).to_contain_text("queue at the bank")
    axe_check(page)
    page.get_by_role("button", name="Finish").click()
    expect(page.get_by_role("alert", name="There is a problem")).to_contain_text(
        "You filled in step 1, which is the smaller version"
    )
    expect(page.get_by_label("Did the smaller version")).to_be_checked()
    axe_check(page)
    assert not Log.objects.filter(assignment__title="Thought record").exists()
    page.get_by_role("button", name="Finish").click()
    expect(page.get_by_role("status")).to_contain_text("Your thought record is saved.")
    axe_check(page)
    assert Log.objects.get(assignment__title="Thought record").status == LogStatus.SMALLER

    # 5. A second "no time", this time closing it: Today offers the smaller version first.
    page.goto(f"{site}/today/")  # the main menu is folded away on a phone
    practice = card(page, "Paced breathing")
    practice.get_by_text("Not today, or not this one", exact=True).click()
    practice.get_by_label("I didn't have time").check()
    practice.get_by_role("button", name="I won't do this one").click()
    expect(page.get_by_role("status")).to_contain_text("Noted: not done this time.")
    # The closed slot is under "Logged today"; the week's next slot is still open.
    practice = page.get_by_role("region", name="Later this week").get_by_role(
        "article", name="Paced breathing", exact=True
    )
    expect(practice).to_contain_text("This one has been hard to fit in lately. The smaller version counts.")
    expect(practice.get_by_role("link", name="choose another reminder time")).to_be_visible()
    log_buttons = practice.get_by_role("group", name="Log Paced breathing").get_by_role("button")
    expect(log_buttons.first).to_have_text("Did the smaller version")
    axe_check(page)
    assert Occurrence.objects.filter(assignment=breathing, log__isnull=True).exists()  # the others are open
