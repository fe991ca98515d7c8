"""The client's homework pages in real Chromium: one-step logging, a phone screen, and axe-core on each page."""

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
from homework.models import Kind, Log, LogStatus, NotDoneReason, Occurrence, Recurrence, Template
from homework.tests.conftest import make_assignment
from mallard.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Axe = Callable[[Any], None]


@pytest.fixture
def site(live_server: Any, page: Page) -> str:
    page.set_default_timeout(5_000)
    expect.set_options(timeout=5_000)
    load_builtin_library(Template)  # a transactional test starts from an empty database
    return str(live_server.url)


def sign_in(page: Page, site: str) -> None:
    page.goto(f"{site}/accounts/login/")
    page.get_by_label(re.compile(r"^\s*Email")).fill("carol@example.com")
    page.get_by_label(re.compile(r"^\s*Password")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(f"{site}/today/")


@pytest.fixture
def wednesday() -> Iterator[None]:
    """The next Wednesday, 11:00 in New York (Carol's zone): a "3 a week" practice assigned then has
    all three slots that week (a week assigned on a later day is pro-rated)."""
    with time_machine.travel(upcoming(2, 11, "America/New_York"), tick=True):
        yield


def test_a_client_logs_from_today_on_a_phone(
    wednesday: None, site: str, page: Page, therapist: User, client_user: User, axe_check: Axe
) -> None:
    today = services.client_today(client_user)
    journal = make_assignment(
        therapist, client_user, Kind.JOURNAL, title="Gratitude journal", start=today - timedelta(days=2)
    )
    relax = make_assignment(
        therapist,
        client_user,
        Kind.RELAXATION,
        title="Paced breathing",
        recurrence=Recurrence.TIMES_PER_WEEK,
        times_per_week=3,
    )
    page.set_viewport_size({"width": 375, "height": 740})
    sign_in(page, site)
    expect(page.get_by_role("heading", name="Gratitude journal")).to_have_count(3)  # today + two still open
    expect(page.get_by_text("3 of 3 this week left")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    axe_check(page)

    # One tap: done.
    today_card = page.locator("article", has=page.get_by_role("heading", name="Gratitude journal")).first
    today_card.get_by_role("button", name="Done", exact=True).click()
    expect(page.get_by_text("Logged as done. Nice work.")).to_be_visible()
    expect(page.get_by_role("heading", name="Logged today")).to_be_visible()

    # A note is optional and folded away: unfold, type, then one of the same buttons.
    card = page.locator("article", has=page.get_by_role("heading", name="Gratitude journal")).first
    card.get_by_text("Add a note", exact=True).click()
    card.get_by_label("Note (optional)").fill("Wrote it on the bus")
    card.get_by_role("button", name="Partly", exact=True).click()
    expect(page.get_by_text("Logged as partly done")).to_be_visible()
    expect(page.get_by_text("Your note: Wrote it on the bus")).to_be_visible()
    axe_check(page)

    # Not done, with the reason: open, choose, save. A weekly item offers "not today" too, except
    # on Sunday, its last day; "I won't do this one" closes it like "not done" does.
    card = page.locator("article", has=page.get_by_role("heading", name="Paced breathing")).first
    card.get_by_text(re.compile(r"^Not (done this time|today, or not this one)$")).click()
    card.get_by_label("I didn't have time").check()
    card.get_by_role("button", name=re.compile(r"^(Save “not done”|I won't do this one)$")).click()
    expect(page.get_by_text("That's useful to know")).to_be_visible()
    expect(page.get_by_text("2 of 3 this week left")).to_be_visible()
    axe_check(page)

    logs = {log.occurrence.assignment_id: log for log in Log.objects.select_related("occurrence")}
    assert logs[journal.pk].status == LogStatus.DONE
    noted = Log.objects.exclude(note="").values_list("status", "note")
    assert list(noted) == [(LogStatus.PARTLY, "Wrote it on the bus")]
    assert (logs[relax.pk].status, logs[relax.pk].reason) == (LogStatus.NOT_DONE, NotDoneReason.NO_TIME)


def test_the_other_client_pages_pass_axe(
    site: str, page: Page, therapist: User, client_user: User, axe_check: Axe
) -> None:
    today = services.client_today(client_user)
    a = make_assignment(therapist, client_user, Kind.READING, start=today - timedelta(days=9))
    for occ in Occurrence.objects.filter(assignment=a, due_date__lt=today)[:5]:
        services.log_occurrence(occurrence=occ, status=LogStatus.DONE)
    # A long note with no spaces (a pasted link) wraps on the phone instead of widening the table.
    services.log_occurrence(occurrence=occ, status=LogStatus.DONE, note="https://example.org/" + "a" * 400)
    services.save_entry(
        occurrence=Occurrence.objects.get(assignment=a, due_date=today),
        fields={"resource_title": "Anxiety explained", "was_read": True, "takeaways": "It passes"},
        submit=False,
    )
    weekly = make_assignment(
        therapist,
        client_user,
        Kind.THOUGHT_RECORD,
        start=today - timedelta(days=9),
        recurrence=Recurrence.TIMES_PER_WEEK,
        times_per_week=3,
        smaller_version="Just the situation and one thought",
    )
    for occ in Occurrence.objects.filter(assignment=weekly, due_date__lt=today)[:2]:
        services.log_occurrence(occurrence=occ, status=LogStatus.NOT_DONE, reason="no_time")
    goal = services.create_goal(client=client_user, created_by=therapist, text="Feel calmer", rating=3)
    services.rate_goal(goal=goal, rating=5, rated_by=client_user)
    sign_in(page, site)

    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{site}/homework/progress/")
    expect(page.get_by_role("heading", name="Your progress", level=1)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    axe_check(page)

    page.set_viewport_size({"width": 1024, "height": 800})
    page.goto(f"{site}/homework/{a.pk}/")
    expect(page.get_by_role("heading", name="The last four weeks")).to_be_visible()
    axe_check(page)

    # A forgotten earlier day: "Log it" on its row, then the same buttons as Today, and back.
    forgotten = Occurrence.objects.filter(assignment=a, due_date__lt=today, log__isnull=True).first()
    assert forgotten is not None
    page.get_by_role("link", name=f"Log it for {forgotten.due_date.day} {forgotten.due_date:%B}").click()
    expect(page.get_by_role("heading", name="How did it go?")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Done", exact=True).click()
    expect(page).to_have_url(f"{site}/homework/{a.pk}/")
    expect(
        page.get_by_text(f"Logged as done for {forgotten.due_date:%A} {forgotten.due_date.day}")
    ).to_be_visible()
    assert Log.objects.get(occurrence=forgotten).status == LogStatus.DONE
    # At 320 px (400% zoom) the days are stacked cards: nothing scrolls sideways, and the row's
    # Undo stays on screen (WCAG 1.4.10 reflow).
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("getComputedStyle(document.querySelector('tbody tr')).display") == "block"
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    undo_in_rows = page.locator("table").get_by_role("button", name="Undo").all()
    assert undo_in_rows  # the days logged today
    for undo in undo_in_rows:
        box = undo.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320
    axe_check(page)
    # The widest rows (a week's range of days, "time 2", both worksheet links) fit too.
    page.goto(f"{site}/homework/{weekly.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    axe_check(page)
    page.goto(f"{site}/homework/{a.pk}/")
    page.set_viewport_size({"width": 1024, "height": 800})
    page.get_by_role(
        "button", name=f"Undo what you logged today for {forgotten.due_date.day} {forgotten.due_date:%B}"
    ).click()
    expect(page.get_by_text("is open again")).to_be_visible()
    assert not Log.objects.filter(occurrence=forgotten).exists()

    page.goto(f"{site}/homework/history/?kind=nonsense")
    expect(page.get_by_role("alert", name="There is a problem")).to_contain_text("is not a kind of homework")
    expect(page.get_by_text("Draft", exact=True)).to_be_visible()
    axe_check(page)

    page.goto(f"{site}/homework/goals/")
    page.get_by_label(re.compile("0 = not at all, 10 = fully there")).fill("12")
    page.get_by_role("button", name="Save rating").click()
    expect(page.get_by_role("alert", name="There is a problem")).to_contain_text(
        "Give a rating from 0 to 10."
    )
    axe_check(page)
    page.get_by_label(re.compile("0 = not at all, 10 = fully there")).fill("7")
    page.get_by_role("button", name="Save rating").click()
    expect(page.get_by_text("Updated today's rating.")).to_be_visible()  # rated today already

    unlogged = Occurrence.objects.filter(assignment=a, due_date__lt=today, log__isnull=True).first()
    assert unlogged is not None
    page.goto(f"{site}/homework/occurrences/{unlogged.pk}/not-done/")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert", name="There is a problem")).to_contain_text(
        "Choose the reason that fits best"
    )
    axe_check(page)
