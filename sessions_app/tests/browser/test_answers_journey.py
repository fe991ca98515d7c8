"""A therapist reads an item 9 answer before marking it reviewed: from the caseload's flag to the
response's answers, item by item, then to the summary's and the overview's links, with axe on
every page and the answers as they print."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from mallard.models import User
from mallard.tests.browser.helpers import finish_sign_in
from measures.instruments import PHQ9
from sessions_app.models import TherapySession
from sessions_app.tests.scores_helpers import respond

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Axe = Callable[[Any], None]


def test_the_answers_are_read_before_item_9_is_marked_reviewed(
    site: str, page: Page, therapist: User, client_user: User, axe_check: Axe
) -> None:
    respond(client_user, "phq9", 21, days_ago=14)
    flagged = respond(client_user, "phq9", 14, days_ago=1, item9=2)
    respond(client_user, "gad7", 9, days_ago=1)
    session = TherapySession.objects.create(
        therapist=therapist, client=client_user, starts_at=timezone.now() + timedelta(days=1)
    )

    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Email").fill(therapist.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    finish_sign_in(page, therapist.email)

    # 1. The caseload's flag leads to the answers, before "Mark reviewed".
    page.goto(f"{site}/caseload/")
    row = page.get_by_role("row", name=re.compile("Carol Chen"))
    row.get_by_role("link", name=re.compile(r"^See the answers")).click()
    expect(page.get_by_role("heading", name="Carol Chen's PHQ-9 answers", level=1)).to_be_visible()
    axe_check(page)
    table = page.get_by_role("table", name=re.compile("Each question as Carol Chen read it"))
    expect(table.get_by_role("row")).to_have_count(11)  # the heading, nine items, the total
    item9 = table.get_by_role("row", name=re.compile(r"^9 Thoughts that you would be better off dead"))
    expect(item9).to_contain_text("2 More than half the days")
    expect(item9).to_contain_text(PHQ9.items[8])
    expect(page.get_by_text("Item 9 answered 2: More than half the days.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Down 7 from 21 on .*a reliable improvement"))).to_be_visible()

    # 2. It prints without the menus, the buttons or the hint.
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("button", name="Mark reviewed")).to_be_hidden()
    expect(page.get_by_text("use your browser's Print command")).to_be_hidden()
    expect(item9).to_be_visible()
    page.emulate_media(media="screen")

    # 3. Marked reviewed from the answers, it lands on the overview with its Undo.
    page.get_by_role("button", name="Mark reviewed").click()
    expect(page.get_by_role("status").filter(has_text="marked reviewed")).to_contain_text(
        "Carol Chen's item 9 answer is marked reviewed."
    )
    axe_check(page)
    page.goto(f"{site}/clients/{client_user.pk}/questionnaires/answers/{flagged.pk}/")
    expect(page.get_by_text(re.compile(r"Marked reviewed by Alice Adeyemi on"))).to_be_visible()
    axe_check(page)

    # 4. The summary's latest GAD-7 leads to its answers, which have no item 9 and no last question.
    page.goto(f"{site}/sessions/{session.pk}/summary/")
    page.get_by_role("link", name="See the answers to the GAD-7").click()
    expect(page.get_by_role("heading", name="Carol Chen's GAD-7 answers", level=1)).to_be_visible()
    expect(page.locator(".answer-flagged")).to_have_count(0)
    axe_check(page)
