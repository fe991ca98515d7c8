"""The therapist's workspace in a real browser: caseload → overview → summary, each checked with axe,
and the summary as it prints."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from homework import services
from homework.library import load_builtin_library
from homework.models import Kind, LogStatus, NotDoneReason, Template
from homework.services import MoodData, ThoughtData
from mallard.models import User
from mallard.tests.browser.helpers import finish_sign_in
from mallard.tests.helpers import make_invitation
from sessions_app.models import SessionStatus
from sessions_app.tests.dashboard_helpers import daily_since, days_ago, log_on, make_session, occurrence_on

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Axe = Callable[[Any], None]


def test_caseload_overview_and_summary(
    live_server: Any, page: Page, therapist: User, client_user: User, axe_check: Axe
) -> None:
    load_builtin_library(Template)  # transactional tests flush the migration's library
    page.set_default_timeout(5_000)
    assignment = daily_since(therapist, client_user, 6, Kind.THOUGHT_RECORD, title="Catch a hot thought")
    for n in (3, 2, 1):
        log_on(assignment, days_ago(client_user, n), LogStatus.NOT_DONE, reason=NotDoneReason.NO_TIME)
    services.save_entry(
        occurrence=occurrence_on(assignment, days_ago(client_user, 0)),
        fields={"situation": "Team meeting"},
        submit=True,
        moods=[MoodData("Anxious", 80, 35)],
        thoughts=[ThoughtData("They'll think I'm useless")],
    )
    goal = services.create_goal(client=client_user, created_by=therapist, text="Speak up at work", rating=2)
    services.rate_goal(goal=goal, rating=5, rated_by=client_user)
    make_session(therapist, client_user, in_days=-7, status=SessionStatus.HELD)
    make_session(therapist, client_user, in_days=2)
    make_invitation(therapist, "erin@example.com", token="t1", name="Erin Evans")

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(therapist.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    finish_sign_in(page, therapist.email)

    page.goto(f"{live_server.url}/caseload/")
    expect(page.get_by_role("heading", name="Your caseload", level=1)).to_be_visible()
    expect(page.get_by_text("Invitation pending")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Needs attention").click()
    expect(page.locator('th[aria-sort="descending"]')).to_contain_text("Needs attention")
    axe_check(page)

    page.get_by_role("link", name="Carol Chen", exact=True).click()
    expect(page.get_by_role("heading", name="Carol Chen: overview", level=1)).to_be_visible()
    expect(
        page.get_by_role("img", name="Mood intensity before and after re-rating, per thought record")
    ).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Summary for the next session").click()
    expect(page.get_by_role("heading", name="Before the session with Carol Chen", level=1)).to_be_visible()
    axe_check(page)
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_text("use your browser's Print command")).to_be_hidden()
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 2, f"the summary printed on {pages} pages"
