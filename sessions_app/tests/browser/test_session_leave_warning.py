"""A session page with notes or a summary typed and not saved asks before they are lost: to a link,
and to a button of another form on the page (a quick change, an action item), which loads a new
page too (js/leave-warning.js). Saving the notes does not ask."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Dialog, Page, expect

from mallard.models import User
from sessions_app.models import SessionStatus, TherapySession
from sessions_app.tests.browser.test_agreement_journey import sign_in
from sessions_app.tests.sessions_helpers import held_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Axe = Callable[[Any], None]


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


def notes_box(page: Page) -> Any:
    return page.get_by_role("textbox", name=re.compile("^Private: never shown to the client"))


@pytest.fixture
def session_page(site: str, page: Page, therapist: User, client_user: User, axe_check: Axe) -> TherapySession:
    session = held_session(therapist, client_user, private_notes="", summary="")
    sign_in(page, site, therapist.email, axe_check)
    page.goto(f"{site}/sessions/{session.pk}/")
    axe_check(page)
    return session


def test_another_forms_button_asks_before_unsaved_notes_are_lost(
    site: str, page: Page, session_page: TherapySession
) -> None:
    seen = watch_dialogs(page, leave=False)
    notes_box(page).press_sequentially("Sleep better since the walks")
    page.get_by_role("button", name="Mark no-show").click()
    assert seen == ["beforeunload"]
    # Staying keeps the page, what was typed, and the session as it was.
    expect(page).to_have_url(re.compile(rf"/sessions/{session_page.pk}/$"))
    expect(notes_box(page)).to_have_value("Sleep better since the walks")
    session_page.refresh_from_db()
    assert session_page.status == SessionStatus.HELD


def test_a_link_asks_before_an_unsaved_summary_is_lost(
    site: str, page: Page, session_page: TherapySession
) -> None:
    seen = watch_dialogs(page, leave=False)
    page.get_by_role("textbox", name=re.compile("^Summary shared with the client")).press_sequentially(
        "Walks"
    )
    page.get_by_role("link", name=re.compile("^Pre-session summary")).click()
    assert seen == ["beforeunload"]
    expect(page).to_have_url(re.compile(rf"/sessions/{session_page.pk}/$"))


def test_saving_the_notes_then_pressing_another_button_does_not_ask(
    site: str, page: Page, session_page: TherapySession, axe_check: Axe
) -> None:
    seen = watch_dialogs(page, leave=True)
    notes_box(page).press_sequentially("Sleep better since the walks")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("is saved.")
    expect(notes_box(page)).to_have_value("Sleep better since the walks")
    axe_check(page)
    page.get_by_role("button", name="Mark no-show").click()
    expect(page.get_by_role("status")).to_contain_text("no-show")
    assert seen == []
