"""Private notes after a transfer, as the two therapists meet them: the new therapist sees the
session without the notes; the author reads them on "Your notes on former clients" and shares
them; then the new therapist reads them. With axe on every page reached."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from mallard.models import User
from mallard.services import move_client
from sessions_app.tests.browser.test_agreement_journey import sign_in
from sessions_app.tests.sessions_helpers import held_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Axe = Callable[[Any], None]


def test_the_author_shares_their_notes_with_the_new_therapist(
    site: str,
    page: Page,
    browser: Browser,
    axe_check: Axe,
    therapist: User,
    client_user: User,
    other_therapist: User,
) -> None:
    session = held_session(therapist, client_user)
    move_client(client=client_user, to_therapist=other_therapist)

    bob_context = browser.new_context()
    try:
        bob = bob_context.new_page()
        sign_in(bob, site, "bob@example.com", axe_check)
        bob.goto(f"{site}/sessions/{session.pk}/")
        expect(
            bob.get_by_text("Alice Adeyemi has not shared theirs on this session with you.")
        ).to_be_visible()
        expect(bob.get_by_text("consider attachment themes")).to_have_count(0)
        axe_check(bob)

        sign_in(page, site, "alice@example.com", axe_check)
        page.goto(f"{site}/caseload/")
        page.get_by_role("link", name="Your notes on former clients").click()
        axe_check(page)
        page.get_by_role("link", name="Carol Chen", exact=False).click()
        expect(page.get_by_text("consider attachment themes", exact=False)).to_be_visible()
        axe_check(page)
        page.get_by_role("button", name="Share my private notes on this session with Bob Brennan").click()
        expect(page.get_by_role("status")).to_contain_text("Bob Brennan can now read these private notes.")

        bob.reload()
        expect(bob.get_by_text("consider attachment themes", exact=False)).to_be_visible()
        expect(bob.get_by_text("Shared with you to read.", exact=False)).to_be_visible()
        axe_check(bob)
    finally:
        bob_context.close()
