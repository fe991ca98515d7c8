"""A worksheet open in two tabs or on two devices: a save from a page that is out of date is not
applied blindly. The page is shown again with the typing kept and what was saved elsewhere, and a
second press saves over it knowingly; the page's own background draft never overwrites newer work."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from homework.models import BehavioralExperiment, Kind, Occurrence
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User

pytestmark = pytest.mark.django_db

BACKGROUND: dict[str, Any] = {"headers": {"X-Mallard-Background-Save": "draft"}}
PLAN = {"belief": "They will laugh", "belief_strength": "80", "experiment": "Ask a question in class"}


def url(occurrence: Occurrence) -> str:
    return f"/homework/occurrences/{occurrence.pk}/entry/"


def experiment(therapist: User, client_user: User) -> Occurrence:
    return today_occurrence(make_assignment(therapist, client_user, Kind.BEHAVIORAL_EXPERIMENT))


def hidden(page: str) -> dict[str, str]:
    """The page's version fields, as the browser sends them back."""
    return dict(re.findall(r'<input type="hidden" name="(loaded|page|seen)" value="([^"]*)">', page))


def open_tab(client: Client, occurrence: Occurrence) -> dict[str, str]:
    return hidden(client.get(url(occurrence)).content.decode())


@pytest.fixture
def started(client: Client, therapist: User, client_user: User) -> Occurrence:
    occurrence = experiment(therapist, client_user)
    client.force_login(client_user)
    client.post(url(occurrence), {**PLAN, "action": "draft"})
    return occurrence


def test_a_save_from_an_older_tab_is_not_applied_and_keeps_the_typing(
    client: Client, started: Occurrence
) -> None:
    tab_a, tab_b = open_tab(client, started), open_tab(client, started)
    assert tab_a["loaded"] and tab_a["page"] != tab_b["page"]
    client.post(url(started), {**PLAN, **tab_a, "learned": "Nobody laughed", "action": "draft"})

    response = client.post(url(started), {**PLAN, **tab_b, "outcome": "I asked it", "action": "draft"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "This worksheet was changed on another device or tab at" in page
    assert "I asked it" in page  # what B typed, kept in the form
    assert "What was saved there" in page and "Nobody laughed" in page  # what A saved, to copy
    entry = BehavioralExperiment.objects.get(occurrence=started)
    assert (entry.learned, entry.outcome) == ("Nobody laughed", "")

    # Pressed again, knowingly: B's page replaces what A saved.
    again = {**PLAN, **hidden(page), "outcome": "I asked it", "action": "draft"}
    assert again["seen"] == entry.version
    assert client.post(url(started), again).status_code == 302
    entry.refresh_from_db()
    assert (entry.learned, entry.outcome) == ("", "I asked it")


def test_two_tabs_that_each_start_a_new_worksheet_do_not_overwrite_each_other(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = experiment(therapist, client_user)
    client.force_login(client_user)
    tab_a, tab_b = open_tab(client, occurrence), open_tab(client, occurrence)
    assert tab_a["loaded"] == ""
    assert client.post(url(occurrence), {**PLAN, **tab_a, "action": "draft"}).status_code == 302
    response = client.post(url(occurrence), {**tab_b, "belief": "Other", "action": "draft"})
    assert "changed on another device or tab" in response.content.decode()
    assert BehavioralExperiment.objects.get(occurrence=occurrence).belief == "They will laugh"


def test_saving_from_an_up_to_date_page_just_saves(client: Client, started: Occurrence) -> None:
    tab = open_tab(client, started)
    response = client.post(url(started), {**PLAN, **tab, "outcome": "Fine", "action": "draft"})
    assert response.status_code == 302
    assert BehavioralExperiment.objects.get(occurrence=started).outcome == "Fine"


def test_the_background_save_never_overwrites_newer_work(client: Client, started: Occurrence) -> None:
    tab_a, tab_b = open_tab(client, started), open_tab(client, started)
    client.post(url(started), {**PLAN, **tab_a, "learned": "Nobody laughed", "action": "draft"})

    response = client.post(
        url(started), {**PLAN, **tab_b, "outcome": "Typed", "action": "draft"}, **BACKGROUND
    )
    assert response.status_code == 409
    assert response.json() == {"saved": False, "changed_elsewhere": True}
    entry = BehavioralExperiment.objects.get(occurrence=started)
    assert (entry.learned, entry.outcome) == ("Nobody laughed", "")

    # Nor after the page has shown the other save: only the person saves over it.
    shown = client.post(url(started), {**PLAN, **tab_b, "outcome": "Typed", "action": "draft"})
    seen = hidden(shown.content.decode())
    assert seen["seen"]
    response = client.post(
        url(started), {**PLAN, **seen, "outcome": "Typed", "action": "draft"}, **BACKGROUND
    )
    assert response.status_code == 409
    entry.refresh_from_db()
    assert entry.learned == "Nobody laughed"


def test_the_pages_own_background_save_is_not_taken_for_another_tab(
    client: Client, started: Occurrence
) -> None:
    tab = open_tab(client, started)
    saved = client.post(url(started), {**PLAN, **tab, "outcome": "Half", "action": "draft"}, **BACKGROUND)
    assert saved.json() == {"saved": True}
    # The same page, still carrying the version it was loaded from, saves on as usual.
    response = client.post(url(started), {**PLAN, **tab, "outcome": "Half, then all", "action": "draft"})
    assert response.status_code == 302
    assert BehavioralExperiment.objects.get(occurrence=started).outcome == "Half, then all"
    # Another tab's page (another token, same old version) is still out of date.
    other = {**tab, "page": "another-page-token"}
    response = client.post(url(started), {**PLAN, **other, "outcome": "Old tab", "action": "draft"})
    assert "changed on another device or tab" in response.content.decode()
