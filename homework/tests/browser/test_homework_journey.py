"""Homework end to end, as people do it: a therapist assigns from the library, the client fills in
a thought record over two sittings and says what got in the way of the other practice, and the
therapist's feedback reaches her. Every page reached is checked with axe."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from conftest import PASSWORD
from homework import services
from mallard.models import User
from mallard.tests.browser.helpers import field, finish_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Axe = Callable[[Any], None]

THOUGHT_RECORD_WHY = "Moods follow what we tell ourselves about a situation."
BREATHING_WHY = "A slow, longer out-breath calms the body's stress response."
SITUATION = "My manager asked to see me on Friday"
FEEDBACK = "Great work spotting the hot thought, Carol."


def sign_in(page: Page, site: str, email: str, axe_check: Axe) -> None:
    """Through the real login form."""
    page.set_default_timeout(5_000)
    page.goto(f"{site}/accounts/login/")
    axe_check(page)
    field(page, "Email").fill(email)
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    finish_sign_in(page, email)


def nav(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True).click()


def card(page: Page, title: str) -> Locator:
    """One homework card on Today, named by its title."""
    return page.get_by_role("article", name=title, exact=True)


def open_assign_form(page: Page, title: str, axe_check: Axe) -> None:
    """From a template's page to its assign form, pre-filled with the template and "Every day"."""
    page.get_by_role("link", name="Assign to a client").click()
    expect(page.get_by_role("heading", name=f"Assign “{title}”", level=1)).to_be_visible()
    expect(page.get_by_label("Every day")).to_be_checked()
    axe_check(page)


def test_homework_from_assignment_to_feedback(
    site: str, page: Page, browser: Browser, therapist: User, client_user: User, axe_check: Axe
) -> None:
    carol_today = services.client_today(client_user).isoformat()

    # 1. The therapist assigns a thought record from the library…
    sign_in(page, site, "alice@example.com", axe_check)
    expect(page.get_by_role("heading", name="Your caseload")).to_be_visible()
    axe_check(page)
    nav(page, "Library")
    expect(page.get_by_role("heading", name="Homework library", level=1)).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Thought record", exact=True).click()
    expect(page.get_by_role("heading", name="Thought record", level=1)).to_be_visible()
    axe_check(page)
    open_assign_form(page, "Thought record", axe_check)
    field(page, "Client").select_option(label="Carol Chen (carol@example.com)")
    # Chosen here rather than from her page, the start date is pre-filled with the therapist's
    # today, which is Carol's tomorrow late in her evening (see the report); set her today.
    field(page, "Start date").fill(carol_today)
    page.get_by_role("button", name="Assign homework").click()

    expect(page.get_by_role("heading", name="Carol Chen's homework", level=1)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("“Thought record” is assigned to Carol Chen.")
    assignments = page.get_by_role("region", name=re.compile(r"^Active"))
    expect(assignments.get_by_role("heading", name="Thought record")).to_be_visible()
    expect(assignments).to_contain_text("Every day")
    axe_check(page)

    # …and paced breathing via "Assign more", which keeps Carol chosen all the way.
    page.get_by_role("link", name="Assign more").click()
    expect(page.get_by_text("Choosing homework for Carol Chen")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Paced breathing", exact=True).click()
    expect(page.get_by_role("heading", name="Paced breathing", level=1)).to_be_visible()
    axe_check(page)
    open_assign_form(page, "Paced breathing", axe_check)
    expect(field(page, "Client")).to_have_value(str(client_user.pk))
    expect(field(page, "Start date")).to_have_value(carol_today)
    page.get_by_role("button", name="Assign homework").click()

    expect(page.get_by_role("status")).to_contain_text("“Paced breathing” is assigned to Carol Chen.")
    expect(assignments.get_by_role("heading", level=4)).to_have_count(2)
    expect(assignments.get_by_role("heading", name="Paced breathing")).to_be_visible()
    axe_check(page)

    client_context = browser.new_context()
    try:
        client = client_context.new_page()

        # 2. Carol signs in and lands on Today, with both practices, why they help and how long.
        sign_in(client, site, "carol@example.com", axe_check)
        expect(client).to_have_url(f"{site}/today/")
        expect(client.get_by_role("heading", name="Hello, Carol Chen", level=1)).to_be_visible()
        thought_record = card(client, "Thought record")
        breathing = card(client, "Paced breathing")
        expect(thought_record).to_contain_text(THOUGHT_RECORD_WHY)
        expect(thought_record).to_contain_text("About 20 minutes")
        expect(breathing).to_contain_text(BREATHING_WHY)
        expect(breathing).to_contain_text("About 5 minutes")
        axe_check(client)

        # Step 1 of the thought record, saved as a draft.
        thought_record.get_by_role("link", name="Fill in the worksheet").click()
        expect(client.get_by_role("heading", name="Thought record", level=1)).to_be_visible()
        axe_check(client)
        field(client, "Situation (needed to finish)").fill(SITUATION)
        field(client, "Mood 1").fill("Anxious")
        field(client, "Mood 1: how strong (0–100)").fill("80")
        field(client, "Thought or image 1").fill("I'm going to lose my job")
        client.get_by_role("button", name="Save draft and continue").click()
        expect(client.get_by_role("status")).to_contain_text("Draft saved.")
        expect(client.get_by_role("heading", name="What you wrote in step 1")).to_be_visible()
        axe_check(client)

        # She leaves, and later picks the draft up from Today.
        nav(client, "Today")
        expect(client.get_by_role("heading", name="Hello, Carol Chen", level=1)).to_be_visible()
        axe_check(client)
        thought_record.get_by_role("link", name="Continue your draft").click()

        # Step 1 is filled in, so the draft goes on at step 2, where she left off; what she wrote
        # is still in view while she weighs the evidence.
        expect(client).to_have_url(re.compile(r"/entry/\?step=2$"))
        summary = client.get_by_role("region", name="What you wrote in step 1")
        expect(summary).to_contain_text(SITUATION)
        expect(summary).to_contain_text("I'm going to lose my job")
        expect(summary).to_contain_text("Anxious 80")
        axe_check(client)
        field(client, "Evidence that supports the hot thought").fill("She sounded serious")
        field(client, "Evidence that does not support the hot thought").fill("My last review was good")
        field(client, "Alternative or balanced thought").fill("She may want to talk about the new project")
        field(client, "How much do you believe the alternative or balanced thought? (0–100)").fill("60")
        field(client, "Anxious: how strong now? (0–100, first rated 80)").fill("40")
        client.get_by_role("button", name="Finish").click()

        expect(client.get_by_role("status")).to_contain_text("Your thought record is saved.")
        expect(client.get_by_role("region", name="What changed")).to_contain_text("Anxious 80 → 40 (−40)")
        axe_check(client)

        # 3. Paced breathing didn't happen today: one step from Today, with the reason.
        nav(client, "Today")
        expect(thought_record).to_contain_text("Logged: Done")
        breathing.get_by_text("Not done this time", exact=True).click()
        breathing.get_by_label("I didn't have time").check()
        breathing.get_by_role("button", name="Save “not done”").click()
        expect(client.get_by_role("status")).to_contain_text(
            "Noted: not done this time. That's useful to know"
        )
        expect(breathing).to_contain_text("Logged: Not done this time. Reason: “I didn't have time”")
        axe_check(client)

        # 4. The therapist finds it all on Carol's page, reached from the caseload and her overview…
        nav(page, "Caseload")
        expect(page.get_by_role("heading", name="Your caseload")).to_be_visible()
        axe_check(page)
        page.get_by_role("table", name="Current clients").get_by_role("link", name="Carol Chen").click()
        expect(page.get_by_role("heading", name="Carol Chen: overview", level=1)).to_be_visible()
        axe_check(page)
        page.get_by_role("link", name="Homework and worksheets", exact=True).click()
        expect(page.get_by_role("heading", name="Carol Chen's homework", level=1)).to_be_visible()
        not_done = page.get_by_role("table", name="Recent days logged as not done, with reasons")
        expect(not_done.get_by_role("row", name=re.compile("Paced breathing"))).to_contain_text(
            "I didn't have time"
        )
        worksheets = page.get_by_role("table", name=re.compile(r"^Worksheets Carol Chen submitted"))
        expect(worksheets.get_by_role("row", name=re.compile("Thought record"))).to_contain_text("Done")
        axe_check(page)

        # …reads the thought record and leaves feedback.
        worksheets.get_by_role("link", name=re.compile(r"^Read")).click()
        expect(page.get_by_role("heading", name="Thought record", level=1)).to_be_visible()
        expect(page.get_by_text("She may want to talk about the new project")).to_be_visible()
        expect(page.get_by_role("cell", name="80 → 40 (-40)")).to_be_visible()
        axe_check(page)
        field(page, "Feedback for the client").fill(FEEDBACK)
        page.get_by_role("button", name="Save feedback").click()
        expect(page.get_by_role("status")).to_contain_text("Your feedback is saved.")
        expect(field(page, "Feedback for the client")).to_have_value(FEEDBACK)
        axe_check(page)

        # Carol sees the feedback beside her entry.
        nav(client, "Today")
        axe_check(client)
        client.get_by_role("navigation", name="Your homework").get_by_role(
            "link", name="Your entries"
        ).click()
        expect(client.get_by_role("heading", name="Your entries", level=1)).to_be_visible()
        entry = client.get_by_role("listitem").filter(has=client.get_by_role("link", name="Thought record"))
        expect(entry).to_contain_text("Feedback from your therapist")
        axe_check(client)
        entry.get_by_role("link", name="Thought record").click()
        feedback = client.get_by_role("region", name="Feedback from your therapist")
        expect(feedback).to_contain_text(FEEDBACK)
        expect(feedback).to_contain_text("Alice Adeyemi")
        axe_check(client)
    finally:
        client_context.close()
