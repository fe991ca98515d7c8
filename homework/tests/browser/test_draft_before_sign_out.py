"""A worksheet left with unsaved typing is saved as a draft when "Still there?" appears, and the
sign-in page says so; the save is not activity, so the page still signs itself out on time."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from playwright.sync_api import Page, Request, expect

from homework.library import load_builtin_library
from homework.models import JournalEntry, Kind, Template
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server: Any, page: Page) -> str:
    load_builtin_library(Template)
    page.set_default_timeout(5_000)
    expect.set_options(timeout=5_000)
    return str(live_server.url)


def sign_in(page: Page, site: str, user: User) -> None:
    django_client = Client()
    django_client.force_login(user)
    cookie = django_client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": site}])


def test_unsaved_typing_is_saved_as_a_draft_before_the_idle_sign_out(
    site: str,
    page: Page,
    therapist: User,
    client_user: User,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
    axe_check: Callable[[Any], None],
) -> None:
    settings.MALLARD_IDLE_TIMEOUT_CLIENT = 15  # "Still there?" comes 5 seconds before the end
    monkeypatch.setattr("mallard.middleware.ACTIVITY_WRITE_INTERVAL", 1)
    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.JOURNAL))
    posts: list[Request] = []
    page.on("request", lambda request: posts.append(request) if request.method == "POST" else None)
    sign_in(page, site, client_user)
    page.goto(f"{site}/homework/occurrences/{occurrence.pk}/entry/")
    page.get_by_role("textbox", name=re.compile("^Your entry")).press_sequentially("Half a thought")

    notice = page.get_by_role("alert").filter(has_text="Still there?")
    expect(notice.get_by_text("What you typed in the worksheet is saved as a draft.")).to_be_visible(
        timeout=15_000
    )
    axe_check(page)
    entry = JournalEntry.objects.get(occurrence=occurrence)
    assert entry.is_draft and entry.text == "Half a thought"

    # Nobody touches the page again: the save kept nobody signed in.
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="), timeout=15_000)
    expect(page.get_by_role("status")).to_contain_text(
        "What you had typed in the worksheet was saved as a draft before then"
    )
    axe_check(page)
    saves = [p for p in posts if p.headers.get("x-mallard-background-save") == "draft"]
    assert len(saves) == 1
    assert saves[0].url.endswith(f"/homework/occurrences/{occurrence.pk}/entry/")


def test_a_page_without_a_worksheet_or_without_typing_sends_no_draft(
    site: str,
    page: Page,
    therapist: User,
    client_user: User,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings.MALLARD_IDLE_TIMEOUT_CLIENT = 9
    monkeypatch.setattr("mallard.middleware.ACTIVITY_WRITE_INTERVAL", 1)
    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.JOURNAL))
    posts: list[str] = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    sign_in(page, site, client_user)
    # The profile form, typed in: no worksheet, so nothing is saved by itself.
    page.goto(f"{site}/accounts/profile/")
    page.get_by_label(re.compile("Your name")).press_sequentially(" X")
    expect(page.get_by_role("alert").filter(has_text="Still there?")).to_be_visible(timeout=10_000)
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="), timeout=10_000)
    assert all(u.endswith("/accounts/still-here/") for u in posts)
    assert client_user.display_name == User.objects.get(pk=client_user.pk).display_name
    # A worksheet opened and left untouched: nothing to save.
    posts.clear()
    sign_in(page, site, client_user)
    page.goto(f"{site}/homework/occurrences/{occurrence.pk}/entry/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="), timeout=15_000)
    assert posts == []
    assert not JournalEntry.objects.filter(occurrence=occurrence).exists()


def test_unsaved_typing_is_saved_as_a_draft_before_the_sign_in_reaches_its_limit(
    site: str,
    page: Page,
    therapist: User,
    client_user: User,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
    axe_check: Callable[[Any], None],
) -> None:
    # The sign-in ends 20 seconds after it starts: its notice comes 15 seconds before, and the
    # last save 5 seconds before (a third of the notice's time, as a minute is of ten).
    settings.SESSION_COOKIE_AGE = 20
    monkeypatch.setattr("mallard.middleware.SESSION_WARNING_SECONDS", 15)
    monkeypatch.setattr("mallard.middleware.ACTIVITY_WRITE_INTERVAL", 1)
    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.JOURNAL))
    posts: list[Request] = []
    page.on("request", lambda request: posts.append(request) if request.method == "POST" else None)
    sign_in(page, site, client_user)
    page.goto(f"{site}/homework/occurrences/{occurrence.pk}/entry/")
    text = page.get_by_role("textbox", name=re.compile("^Your entry"))
    text.press_sequentially("Half a thought")

    notice = page.get_by_role("alert").filter(has_text="Save what you are writing")
    saved = notice.get_by_text("What you typed in the worksheet is saved as a draft.")
    expect(saved).to_be_visible(timeout=15_000)
    axe_check(page)
    entry = JournalEntry.objects.get(occurrence=occurrence)
    assert entry.is_draft and entry.text == "Half a thought"

    # Carol keeps typing: the note no longer claims it is saved, until the last save before the end.
    text.press_sequentially(", and more")
    expect(saved).to_be_hidden()
    expect(saved).to_be_visible(timeout=15_000)
    entry.refresh_from_db()
    assert entry.is_draft and entry.text == "Half a thought, and more"

    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="), timeout=15_000)
    expect(page.get_by_role("status")).to_contain_text("You were signed out because you signed in more than")
    saves = [p for p in posts if p.headers.get("x-mallard-background-save") == "draft"]
    assert len(saves) == 2
