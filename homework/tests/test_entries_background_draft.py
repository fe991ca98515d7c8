"""A worksheet's draft saved by the page itself when "Still there?" appears (js/idle-logout.js):
only a draft, never activity, and the sign-in page says it was saved."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client

from homework.models import JournalEntry, Kind, Log
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.middleware import LAST_ACTIVITY_SESSION_KEY
from mallard.models import User

pytestmark = pytest.mark.django_db

BACKGROUND: dict[str, Any] = {"headers": {"X-Mallard-Background-Save": "draft"}}
START = datetime(2026, 6, 10, 14, 0, tzinfo=UTC)


def url(occurrence: Any) -> str:
    return f"/homework/occurrences/{occurrence.pk}/entry/"


def journal(therapist: User, client_user: User) -> Any:
    return today_occurrence(make_assignment(therapist, client_user, Kind.JOURNAL))


def test_it_saves_what_was_typed_as_a_draft_and_says_so_without_a_message(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = journal(therapist, client_user)
    client.force_login(client_user)
    response = client.post(url(occurrence), {"text": "Half a thought", "action": "draft"}, **BACKGROUND)
    assert response.status_code == 200
    assert response.json() == {"saved": True}
    entry = JournalEntry.objects.get(occurrence=occurrence)
    assert entry.is_draft and entry.text == "Half a thought"
    assert not Log.objects.filter(occurrence=occurrence).exists()
    # The page says it; no "Draft saved" message waits for the next page.
    assert "Draft saved" not in client.get("/today/").content.decode()


def test_it_never_finishes_nor_touches_a_finished_entry(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = journal(therapist, client_user)
    client.force_login(client_user)
    finish = {"text": "All of it", "action": "finish", "log_status": "done"}
    assert client.post(url(occurrence), finish, **BACKGROUND).status_code == 400
    assert not JournalEntry.objects.filter(occurrence=occurrence).exists()

    assert client.post(url(occurrence), finish).status_code == 302  # the person presses Finish
    entry = JournalEntry.objects.get(occurrence=occurrence)
    assert not entry.is_draft
    response = client.post(url(occurrence), {"text": "Changed", "action": "draft"}, **BACKGROUND)
    assert response.status_code == 400
    entry.refresh_from_db()
    assert entry.text == "All of it"
    # Nor is a finished entry's form marked for it.
    assert "data-draft-autosave" not in client.get(url(occurrence)).content.decode()


def test_only_a_draft_form_is_marked_for_it(client: Client, therapist: User, client_user: User) -> None:
    occurrence = journal(therapist, client_user)
    client.force_login(client_user)
    assert "data-draft-autosave" in client.get(url(occurrence)).content.decode()
    assert "data-draft-autosave" not in client.get("/accounts/profile/").content.decode()


def test_a_bad_value_saves_nothing(client: Client, therapist: User, client_user: User) -> None:
    occurrence = journal(therapist, client_user)
    client.force_login(client_user)
    data = {"text": "Some words", "mood_before": "999", "action": "draft"}
    response = client.post(url(occurrence), data, **BACKGROUND)
    assert response.status_code == 422
    assert response.json() == {"saved": False}
    assert not JournalEntry.objects.filter(occurrence=occurrence).exists()


def test_it_is_not_activity_and_the_sign_in_page_says_the_draft_was_saved(
    client: Client, therapist: User, client_user: User, settings: Any
) -> None:
    settings.MALLARD_IDLE_TIMEOUT_CLIENT = 3600
    occurrence = journal(therapist, client_user)
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(client_user)
        client.get(url(occurrence))
        last = client.session[LAST_ACTIVITY_SESSION_KEY]
        clock.shift(timedelta(minutes=58))  # "Still there?" is showing
        saved = client.post(url(occurrence), {"text": "Half a thought", "action": "draft"}, **BACKGROUND)
        assert saved.json() == {"saved": True}
        assert client.session[LAST_ACTIVITY_SESSION_KEY] == last
        clock.shift(timedelta(minutes=2, seconds=5))  # the hour since the last keystroke is up
        response = client.get(url(occurrence), follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    shown = [str(message) for message in response.context["messages"]]
    assert shown == [
        "You were signed out after 60 minutes of inactivity, to keep your information private. What you "
        "had typed in the worksheet was saved as a draft before then: it is there when you carry on. "
        "Sign in again to carry on."
    ]


def test_without_a_background_save_the_sign_in_page_says_nothing_of_a_draft(
    client: Client, therapist: User, client_user: User, settings: Any
) -> None:
    settings.MALLARD_IDLE_TIMEOUT_CLIENT = 3600
    occurrence = journal(therapist, client_user)
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(client_user)
        client.get(url(occurrence))
        clock.shift(timedelta(minutes=30))
        client.post(url(occurrence), {"text": "Saved by hand", "action": "draft"})  # activity
        clock.shift(timedelta(minutes=61))
        response = client.get(url(occurrence), follow=True)
    shown = [str(message) for message in response.context["messages"]]
    assert len(shown) == 1
    assert "draft" not in shown[0]
