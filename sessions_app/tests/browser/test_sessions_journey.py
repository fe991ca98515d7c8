"""Sessions end to end, as people do it: the therapist records a session, turns the homework in its
summary into assignments, the client reads the summary (never the private notes), reflects and finds
the new homework on Today, and the therapist reads it all before the next session. Every page reached
is checked with axe."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Locator, Page, expect

from conftest import PASSWORD
from mallard.models import User
from mallard.tests.browser.helpers import field, finish_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Axe = Callable[[Any], None]

THOUGHT_RECORD_ITEM = "Complete a thought record when anxiety spikes at work"
BREATHING_ITEM = "Practise paced breathing each morning"
# The titles leave out the words their schedule fields hold: the cue and "each morning".
THOUGHT_RECORD_TITLE = "Complete a thought record"
BREATHING_TITLE = "Practise paced breathing"
SUMMARY = (
    "We looked at how worry about work shows up in your body.\n"
    "\n"
    "Homework:\n"
    f"- {THOUGHT_RECORD_ITEM}\n"
    f"- {BREATHING_ITEM}"
)
PRIVATE_NOTE = "Carol spoke about tension with her sister; sleep seems poor. Private marker 7Q2X."
STOOD_OUT = "Noticing my shoulders tense before I even open my email"
WANT_TO_PRACTISE = "Slow breathing on the train to work"
QUESTIONS = "What do I do when the thought record makes me more anxious?"


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


def proposal(page: Page, text: str) -> Locator:
    """One proposed action item on a session page, by its words."""
    return (
        page.get_by_role("region", name="Action items from this session")
        .get_by_role("listitem")
        .filter(has=page.get_by_text(text, exact=True))
    )


def make_it_an_assignment(page: Page, item: str, title: str, axe_check: Axe) -> None:
    """From the session page, through the pre-filled assign form, and back again."""
    proposal(page, item).get_by_role("link", name=re.compile(r"^Make it an assignment")).click()
    expect(page.get_by_role("heading", name="Make it an assignment for Carol Chen", level=1)).to_be_visible()
    expect(page.get_by_role("blockquote")).to_have_text(item)
    expect(field(page, "Title")).to_have_value(title)
    expect(field(page, "What to do")).to_have_value(re.compile(rf"^{re.escape(item)}\n"))
    # The item's own words fill "I will…"; they say no recurrence, so none is chosen for the
    # therapist: "How often" starts empty, marked as missing, and assigning asks for it.
    expect(field(page, "I will…")).to_have_value(title[0].lower() + title[1:])
    how_often = page.get_by_role("group", name=re.compile(r"^How often"))
    expect(how_often.get_by_role("radio", checked=True)).to_have_count(0)
    expect(how_often.get_by_role("radio", name="Every day")).to_have_attribute(
        "aria-describedby", re.compile(r"\bmissing-notice\b")
    )
    expect(page.locator("#missing-notice")).to_contain_text("Nothing is chosen for how often")
    axe_check(page)
    field(page, "Likeliest obstacle").fill("A busy morning")  # typed, and kept through the refusal
    page.get_by_role("button", name="Assign homework").click()
    expect(page.get_by_text("Choose how often: nothing is chosen yet.", exact=True)).to_be_visible()
    expect(field(page, "Likeliest obstacle")).to_have_value("A busy morning")
    expect(field(page, "I will…")).to_have_value(title[0].lower() + title[1:])
    axe_check(page)
    how_often.get_by_role("radio", name="Every day").check()
    page.get_by_role("button", name="Assign homework").click()

    expect(page.get_by_role("heading", name="Session with Carol Chen", level=1)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text(f"“{title}” is assigned to Carol Chen.")
    confirmed = proposal(page, item)
    expect(confirmed).to_contain_text("Assigned")
    expect(confirmed.get_by_role("link", name=title, exact=True)).to_be_visible()
    expect(confirmed.get_by_role("link", name=re.compile(r"^Make it an assignment"))).to_have_count(0)
    axe_check(page)


def assign_in_one_click(page: Page, item: str, title: str, axe_check: Axe) -> None:
    """An item whose words give its kind and whole schedule is assigned from the session page."""
    expect(proposal(page, item)).to_contain_text(f"Title as an assignment: “{title}”")
    proposal(page, item).get_by_role("button", name=re.compile(r"^Assign it")).click()
    expect(page.get_by_role("heading", name="Session with Carol Chen", level=1)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text(f"“{title}” is assigned to Carol Chen: Every day.")
    confirmed = proposal(page, item)
    expect(confirmed).to_contain_text("Assigned")
    expect(confirmed.get_by_role("link", name=title, exact=True)).to_be_visible()
    expect(confirmed.get_by_role("button", name=re.compile(r"^Assign it"))).to_have_count(0)
    axe_check(page)


def test_a_session_from_its_notes_to_the_next_sessions_summary(
    site: str, page: Page, browser: Browser, therapist: User, client_user: User, axe_check: Axe
) -> None:
    # Times are typed in the therapist's zone: a session held two hours ago, and one next week.
    # (Arithmetic in UTC first: on an aware local datetime it is wall-clock arithmetic.)
    now = timezone.now()
    held_at = (now - timedelta(hours=2)).astimezone(therapist.zone)
    next_at = (now + timedelta(days=7)).astimezone(therapist.zone).replace(hour=10, minute=0)

    # 1. The therapist goes from her caseload to Carol's sessions and records today's session.
    sign_in(page, site, "alice@example.com", axe_check)
    expect(page.get_by_role("heading", name="Your caseload", level=1)).to_be_visible()
    axe_check(page)
    page.get_by_role("table", name=re.compile(r"^Current clients")).get_by_role(
        "link", name="Carol Chen", exact=True
    ).click()
    expect(page.get_by_role("heading", name="Carol Chen: overview", level=1)).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Sessions", exact=True).click()
    expect(page.get_by_role("heading", name="Sessions with Carol Chen", level=1)).to_be_visible()
    axe_check(page)

    field(page, "Date").fill(held_at.date().isoformat())
    field(page, "Start time").fill(held_at.strftime("%H:%M"))
    field(page, "Status").select_option(label="Held")
    field(page, "Summary shared with the client").fill(SUMMARY)
    field(page, "Private: never shown to the client").fill(PRIVATE_NOTE)
    page.get_by_role("button", name="Save session").click()

    # Saving a held session opens it: its page proposes the two items in the summary's homework
    # list, nothing else.
    expect(page.get_by_role("status")).to_contain_text("is recorded as held.")
    expect(page.get_by_role("heading", name="Session with Carol Chen", level=1)).to_be_visible()
    expect(field(page, "Private: never shown to the client")).to_have_value(PRIVATE_NOTE)
    items = page.get_by_role("region", name="Action items from this session").get_by_role("listitem")
    expect(items).to_have_count(2)
    expect(proposal(page, THOUGHT_RECORD_ITEM)).to_contain_text("Thought record")
    expect(proposal(page, BREATHING_ITEM)).to_contain_text("Relaxation")
    axe_check(page)

    # 2. She makes both of them assignments, from the library's templates for their kinds; each
    # item is short, so its own words are the title, without those of its schedule. The thought
    # record's words give no full schedule, so it opens the form; "each morning" is a whole
    # schedule, so breathing takes one click.
    make_it_an_assignment(page, THOUGHT_RECORD_ITEM, THOUGHT_RECORD_TITLE, axe_check)
    assign_in_one_click(page, BREATHING_ITEM, BREATHING_TITLE, axe_check)

    client_context = browser.new_context()
    try:
        client = client_context.new_page()

        # 3. Carol reads the summary on her sessions page; the private note never reaches her.
        sign_in(client, site, "carol@example.com", axe_check)
        expect(client.get_by_role("heading", name="Hello, Carol Chen", level=1)).to_be_visible()
        assert PRIVATE_NOTE not in client.content()
        axe_check(client)
        nav(client, "Sessions")
        expect(client.get_by_role("heading", name="Your sessions", level=1)).to_be_visible()
        past_sessions = client.get_by_role("region", name="Past sessions")
        expect(past_sessions).to_contain_text("Summary from Alice Adeyemi")
        expect(past_sessions).to_contain_text("We looked at how worry about work shows up in your body.")
        expect(past_sessions).to_contain_text(THOUGHT_RECORD_ITEM)
        expect(past_sessions).to_contain_text(BREATHING_ITEM)
        assert PRIVATE_NOTE not in client.content()
        assert "7Q2X" not in client.content()
        axe_check(client)

        # She reflects on it.
        past_sessions.get_by_role("link", name=re.compile(r"^Write a reflection on \d")).click()
        expect(
            client.get_by_role("heading", name=re.compile(r"^Your reflection on the session of"), level=1)
        ).to_be_visible()
        expect(client.get_by_role("region", name="Summary from Alice Adeyemi")).to_contain_text(
            BREATHING_ITEM
        )
        assert PRIVATE_NOTE not in client.content()
        axe_check(client)
        field(client, "What stood out").fill(STOOD_OUT)
        field(client, "What I want to practise").fill(WANT_TO_PRACTISE)
        field(client, "Questions for next time").fill(QUESTIONS)
        client.get_by_role("button", name="Save reflection").click()

        expect(client.get_by_role("status")).to_contain_text("Your reflection is saved.")
        together = client.get_by_role("region", name="Your reflection and your homework")
        expect(together).to_contain_text(WANT_TO_PRACTISE)
        expect(together.get_by_role("link", name=THOUGHT_RECORD_TITLE, exact=True)).to_be_visible()
        expect(together.get_by_role("link", name=BREATHING_TITLE, exact=True)).to_be_visible()
        expect(field(client, "Questions for next time")).to_have_value(QUESTIONS)
        assert PRIVATE_NOTE not in client.content()
        axe_check(client)

        # The new homework is on Today.
        together.get_by_role("link", name="Go to Today").click()
        expect(client.get_by_role("heading", name="Hello, Carol Chen", level=1)).to_be_visible()
        expect(client.get_by_role("article", name=THOUGHT_RECORD_TITLE, exact=True)).to_be_visible()
        expect(client.get_by_role("article", name=BREATHING_TITLE, exact=True)).to_be_visible()
        assert PRIVATE_NOTE not in client.content()
        axe_check(client)

        # 4. The therapist books next week's session from Carol's sessions page…
        page.get_by_role("navigation", name="Breadcrumb").get_by_role(
            "link", name="Carol Chen's sessions"
        ).click()
        expect(page.get_by_role("heading", name="Sessions with Carol Chen", level=1)).to_be_visible()
        axe_check(page)
        field(page, "Date").fill(next_at.date().isoformat())
        field(page, "Start time").fill(next_at.strftime("%H:%M"))
        expect(field(page, "Status")).to_have_value("scheduled")
        page.get_by_role("button", name="Save session").click()
        expect(page.get_by_role("status")).to_contain_text("is scheduled.")
        expect(page.get_by_role("table", name="Upcoming sessions")).to_contain_text("Scheduled")
        past = page.get_by_role("table", name="Past sessions, newest first")
        expect(past.get_by_role("row")).to_have_count(2)  # the header and the held session
        expect(past).to_contain_text("Held")
        expect(past).to_contain_text("Written by Carol Chen")
        axe_check(page)

        # …and opens its summary from the caseload's "Next session" column.
        nav(page, "Caseload")
        expect(page.get_by_role("heading", name="Your caseload", level=1)).to_be_visible()
        axe_check(page)
        page.get_by_role("link", name="Summary for Carol Chen's next session").click()
        expect(
            page.get_by_role("heading", name="Before the session with Carol Chen", level=1)
        ).to_be_visible()
        expect(
            page.get_by_text(re.compile(r"Covers everything since the previous session on"))
        ).to_be_visible()
        reflection = page.get_by_role("region", name="Carol Chen's reflection and questions")
        expect(reflection).to_contain_text(STOOD_OUT)
        expect(reflection).to_contain_text(WANT_TO_PRACTISE)
        expect(reflection).to_contain_text(QUESTIONS)
        homework = page.get_by_role("region", name="Homework", exact=True)
        expect(homework.get_by_role("heading", name=re.compile(rf"^{THOUGHT_RECORD_TITLE}"))).to_be_visible()
        expect(homework.get_by_role("heading", name=re.compile(rf"^{BREATHING_TITLE}"))).to_be_visible()
        axe_check(page)
    finally:
        client_context.close()
