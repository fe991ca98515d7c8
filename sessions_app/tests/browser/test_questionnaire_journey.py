"""The questionnaire loop end to end, with axe on every page reached: the therapist asks for the
PHQ-9 before each session, the client answers it on a phone, sees the crisis resources because
item 9 is above 0, and the therapist sees the flag and the trend, and marks it reviewed."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, ViewportSize, expect

from conftest import PASSWORD
from mallard.models import User
from mallard.tests.browser.helpers import field, finish_sign_in
from measures.models import MeasureResponse
from sessions_app.models import TherapySession
from sessions_app.tests.scores_helpers import respond

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Axe = Callable[[Any], None]
PHONE: ViewportSize = {"width": 390, "height": 844}


def sign_in(page: Page, site: str, email: str, axe_check: Axe) -> None:
    page.goto(f"{site}/accounts/login/")
    axe_check(page)
    field(page, "Email").fill(email)
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    finish_sign_in(page, email)


def test_asked_before_the_session_answered_on_a_phone_flagged_and_reviewed(
    site: str, page: Page, browser: Browser, therapist: User, client_user: User, axe_check: Axe
) -> None:
    # Two earlier PHQ-9s, so there is a trend; the next session is tomorrow.
    respond(client_user, "phq9", 21, days_ago=28)
    respond(client_user, "phq9", 18, days_ago=14)
    TherapySession.objects.create(
        therapist=therapist, client=client_user, starts_at=timezone.now() + timedelta(days=1)
    )

    # 1. The therapist asks for the PHQ-9 before each session.
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, site, "alice@example.com", axe_check)
    page.goto(f"{site}/clients/{client_user.pk}/questionnaires/")
    expect(page.get_by_role("heading", name="Questionnaires for Carol Chen", level=1)).to_be_visible()
    axe_check(page)
    page.get_by_label(re.compile(r"PHQ-9: Patient Health")).check()
    page.get_by_label(re.compile(r"Before each session")).check()
    page.get_by_role("button", name="Ask Carol Chen").click()
    expect(page.get_by_role("region", name="Plans")).to_contain_text("PHQ-9")
    axe_check(page)

    # 2. Carol answers it on her phone, from Today.
    context = browser.new_context(viewport=PHONE)
    try:
        phone = context.new_page()
        phone.set_default_timeout(5_000)
        sign_in(phone, site, "carol@example.com", axe_check)
        card = phone.get_by_role("region", name="A short check-in from your therapist")
        expect(card).to_contain_text("PHQ-9")
        axe_check(phone)
        card.get_by_role("link", name=re.compile(r"^Fill it in")).click()
        expect(phone.get_by_role("heading", name="PHQ-9", level=1)).to_be_visible()
        axe_check(phone)
        for n in range(1, 9):
            phone.get_by_role("group", name=re.compile(rf"^{n}\. ")).get_by_label(
                "2 More than half the days"
            ).check()
        phone.get_by_role("group", name=re.compile(r"^9\. Thoughts")).get_by_label("1 Several days").check()
        phone.get_by_role("button", name="Send my answers").click()

        # 3. The item 9 screen: crisis resources, and who sees the answer, without pretending.
        expect(phone.get_by_role("heading", name="Thank you for answering", level=1)).to_be_visible()
        expect(phone.get_by_text("Your therapist will see this answer.")).to_be_visible()
        expect(phone.get_by_text(re.compile("Mallard is not watched in real time"))).to_be_visible()
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the page is {width}px wide on a 390px phone"
        axe_check(phone)
    finally:
        context.close()
    answered = MeasureResponse.objects.get(client=client_user, total=17)
    assert answered.item9_positive

    # 4. The therapist sees the flag on the caseload and the trend on the overview.
    page.goto(f"{site}/caseload/")
    row = page.get_by_role("row", name=re.compile("Carol Chen"))
    expect(row).to_contain_text("Item 9 answered above 0 on")
    expect(row).to_contain_text("PHQ-9 17")
    expect(row).to_contain_text("down 1 from 18")
    axe_check(page)
    row.get_by_role("link", name="Carol Chen", exact=True).click()
    expect(page.get_by_role("img", name=re.compile(r"^PHQ-9 totals over time"))).to_be_visible()
    details = page.locator("details.score-details")
    details.locator("summary").click()
    expect(details).to_contain_text("PHQ-9 17 (moderately severe)")
    expect(details).to_contain_text("PHQ-9 21 (severe)")
    axe_check(page)
    flag = page.locator(".item9-flag")
    expect(flag).to_contain_text("Item 9 answered above 0 on")
    flag.get_by_role("button", name="Mark reviewed").click()
    expect(page.get_by_role("status").filter(has_text="marked reviewed")).to_contain_text(
        "Carol Chen's item 9 answer is marked reviewed."
    )
    expect(page.locator(".item9-flag")).to_have_count(0)
    axe_check(page)
    answered.refresh_from_db()
    assert answered.item9_reviewed_by == therapist
    page.goto(f"{site}/caseload/")
    expect(page.get_by_role("row", name=re.compile("Carol Chen"))).not_to_contain_text("Item 9 answered")
