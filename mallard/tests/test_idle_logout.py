"""Automatic logoff: a session with no requests for the idle time is signed out."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import PASSWORD
from mallard.middleware import LAST_ACTIVITY_SESSION_KEY, idle_timeout_for
from mallard.models import User
from mallard.tests.test_settings_production import production_env, run

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def at(minutes: float) -> Any:
    return time_machine.travel(START + timedelta(minutes=minutes), tick=False)


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def messages_of(response: Any) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages]


@pytest.fixture
def alice(client: Client, therapist: User) -> Client:
    with at(0):
        client.force_login(therapist)
    return client


@pytest.fixture
def carol(client: Client, client_user: User) -> Client:
    with at(0):
        client.force_login(client_user)
    return client


def test_the_defaults_are_30_minutes_for_therapists_and_staff_and_an_hour_for_clients(
    therapist: User, staff: User, client_user: User
) -> None:
    assert idle_timeout_for(therapist) == 30 * 60
    assert idle_timeout_for(staff) == 30 * 60
    assert idle_timeout_for(client_user) == 60 * 60


def test_a_therapist_is_signed_out_after_30_idle_minutes(alice: Client) -> None:
    with at(31):
        response = alice.get("/caseload/")
        assert not signed_in(alice)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fcaseload%2F"
    assert messages_of(response) == [
        "You were signed out after 30 minutes of inactivity, to keep your information private. "
        "Sign in again to carry on."
    ]


def test_the_message_is_shown_on_the_sign_in_page(alice: Client) -> None:
    with at(31):
        page = alice.get("/caseload/", follow=True)
    assert page.status_code == 200
    assert "You were signed out after 30 minutes of inactivity" in page.content.decode()
    assert 'name="next" value="/caseload/"' in page.content.decode()


def test_within_the_idle_time_nothing_happens(alice: Client) -> None:
    with at(29):
        assert alice.get("/caseload/").status_code == 200
        assert signed_in(alice)


def test_each_request_restarts_the_clock(alice: Client) -> None:
    for minute in (20, 40, 60, 80):
        with at(minute):
            assert alice.get("/caseload/").status_code == 200
    with at(80 + 31):
        assert alice.get("/caseload/").status_code == 302


def test_the_session_is_written_at_most_once_a_minute(alice: Client) -> None:
    # Sessions are read inside the travel: outside it, they would have expired long ago.
    started = int(START.timestamp())
    with at(0.5):
        assert alice.session[LAST_ACTIVITY_SESSION_KEY] == started
        alice.get("/caseload/")
        assert alice.session[LAST_ACTIVITY_SESSION_KEY] == started
    with at(1):
        alice.get("/caseload/")
        assert alice.session[LAST_ACTIVITY_SESSION_KEY] == started + 60


def test_a_request_that_does_not_write_the_session_saves_nothing(alice: Client) -> None:
    with at(0.25):
        alice.get("/caseload/")
    with at(0.5), CaptureQueriesContext(connection) as queries:
        alice.get("/caseload/")
    assert not [query for query in queries.captured_queries if "django_session" in query["sql"]]


def test_clients_get_an_hour(carol: Client) -> None:
    with at(59):
        assert carol.get("/today/").status_code == 200
    with at(59 + 61):
        response = carol.get("/today/")
    assert response["Location"] == "/accounts/login/?next=%2Ftoday%2F"
    assert "after 60 minutes of inactivity" in messages_of(response)[0]


def test_the_idle_times_are_settings(alice: Client, settings: Any) -> None:
    settings.MALLARD_IDLE_TIMEOUT_THERAPIST = 10 * 60
    with at(11):
        response = alice.get("/caseload/?sort=name")
    assert response["Location"] == "/accounts/login/?next=%2Fcaseload%2F%3Fsort%3Dname"
    assert "after 10 minutes of inactivity" in messages_of(response)[0]


def test_a_form_posted_after_the_idle_time_is_not_accepted(alice: Client) -> None:
    with at(45):
        response = alice.post("/invitations/", {"email": "erin@example.com", "name": "Erin Evans"})
        assert not signed_in(alice)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Finvitations%2F"
    assert not User.objects.get(email="alice@example.com").invitations.exists()


def test_signing_out_is_not_turned_into_a_next_link(alice: Client) -> None:
    with at(45):
        response = alice.get("/accounts/logout/")
    assert response["Location"] == "/accounts/login/"


def test_signing_in_through_the_form_starts_the_clock(client: Client, client_user: User) -> None:
    with at(0):
        response = client.post("/accounts/login/", {"login": client_user.email, "password": PASSWORD})
        assert response.status_code == 302
        assert client.session[LAST_ACTIVITY_SESSION_KEY] == int(START.timestamp())
    with at(61):
        assert client.get("/today/").status_code == 302
        assert not signed_in(client)


def test_anonymous_visitors_are_unaffected(client: Client, db: None) -> None:
    with at(500):
        assert client.get("/crisis/").status_code == 200
    assert LAST_ACTIVITY_SESSION_KEY not in client.session


def test_signed_in_pages_carry_the_on_screen_logoff(alice: Client) -> None:
    with at(1):
        content = alice.get("/caseload/").content.decode()
    assert 'id="idle-signed-out"' in content
    assert 'data-idle-seconds="1800"' in content
    assert "signs you out after 30 minutes of inactivity" in content
    assert 'src="/static/js/idle-logout.js"' in content


def test_anonymous_pages_do_not(client: Client, db: None) -> None:
    content = client.get("/crisis/").content.decode()
    assert "idle-signed-out" not in content
    assert "idle-logout.js" not in content


def test_the_idle_times_come_from_the_environment() -> None:
    script = (
        "from django.conf import settings; "
        "print(settings.MALLARD_IDLE_TIMEOUT_THERAPIST, settings.MALLARD_IDLE_TIMEOUT_CLIENT)"
    )
    env = production_env(MALLARD_IDLE_TIMEOUT_THERAPIST="900", MALLARD_IDLE_TIMEOUT_CLIENT="1800")
    result = run(["manage.py", "shell", "-c", script], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "900 1800"


def test_a_too_short_idle_time_stops_start_up_by_name() -> None:
    result = run(["manage.py", "check"], production_env(MALLARD_IDLE_TIMEOUT_CLIENT="30"))
    assert result.returncode != 0
    assert "MALLARD_IDLE_TIMEOUT_CLIENT must be at least 60, not 30." in result.stderr


def test_an_active_sign_in_still_ends_after_the_session_age(alice: Client) -> None:
    """Renewing the session cookie on activity must not make a sign-in last for ever."""
    for minute in range(20, 12 * 60, 20):
        with at(minute):
            assert alice.get("/caseload/").status_code == 200, minute
    with at(12 * 60 + 1):
        response = alice.get("/caseload/")
        assert not signed_in(alice)
    assert response["Location"] == "/accounts/login/?next=%2Fcaseload%2F"
    assert messages_of(response) == [
        "You were signed out because you signed in more than 12 hours ago. Sign in again to carry on."
    ]


def test_the_session_age_is_the_setting(alice: Client, settings: Any) -> None:
    settings.SESSION_COOKIE_AGE = 45 * 60
    for minute in (20, 40):
        with at(minute):
            assert alice.get("/caseload/").status_code == 200
    with at(46):
        assert "more than 45 minutes ago" in messages_of(alice.get("/caseload/"))[0]


def test_a_form_posted_after_the_idle_time_says_its_text_was_not_saved(alice: Client) -> None:
    with at(45):
        page = alice.post("/invitations/", {"email": "erin@example.com", "name": "Erin Evans"}, follow=True)
    assert page.status_code == 200
    assert "what you had just sent was not saved. Sign in again, then enter it once more." in (
        page.content.decode()
    )


def test_signed_in_pages_carry_the_still_there_notice(alice: Client) -> None:
    with at(10):
        content = alice.get("/caseload/").content.decode()
    assert 'data-idle-seconds-left="1800"' in content
    assert 'id="idle-warning"' in content
    assert 'action="/accounts/still-here/"' in content


def test_a_form_posted_after_the_session_age_says_its_text_was_not_saved(alice: Client) -> None:
    """However active the person was, a form that arrives after the sign-in's limit is not
    saved, and the sign-in page says so, and why, instead of losing it unnoticed."""
    for minute in range(20, 12 * 60, 20):
        with at(minute):
            assert alice.get("/caseload/").status_code == 200, minute
    with at(12 * 60 + 1):
        page = alice.post("/invitations/", {"email": "erin@example.com", "name": "Erin Evans"}, follow=True)
        assert not signed_in(alice)
    assert page.redirect_chain[0] == ("/accounts/login/?next=%2Finvitations%2F", 302)
    assert (
        "You were signed out because you signed in more than 12 hours ago, so what you had just sent "
        "was not saved. Sign in again, then enter it once more." in page.content.decode()
    )
    assert not User.objects.get(email="alice@example.com").invitations.exists()


def test_the_keep_alive_after_the_session_age_says_nothing_was_lost(alice: Client, settings: Any) -> None:
    settings.SESSION_COOKIE_AGE = 45 * 60
    for minute in (20, 40):
        with at(minute):
            alice.get("/caseload/")
    with at(46):
        response = alice.post("/accounts/still-here/")
    assert messages_of(response) == [
        "You were signed out because you signed in more than 45 minutes ago. Sign in again to carry on."
    ]


def test_pages_carry_the_sign_in_limit_and_say_it_in_its_last_ten_minutes(
    alice: Client, settings: Any
) -> None:
    settings.SESSION_COOKIE_AGE = 45 * 60
    with at(20):
        early = alice.get("/caseload/").content.decode()
    # The notice is there, hidden, for the page's script to show when the time comes.
    assert re.search(r'<div id="session-ending"[^>]* data-session-seconds-left="1500"[^>]* hidden>', early)
    assert 'data-session-warn-seconds="600"' in early
    with at(38):
        late = alice.get("/caseload/").content.decode()
    # In the last ten minutes the server shows it itself, so it is there without JavaScript too.
    notice = re.search(r'<div id="session-ending"[^>]*>(.*?)</div>', late, re.S)
    assert notice is not None
    assert "hidden" not in notice.group(0).split(">")[0]
    # The script shows this line only once it has saved a worksheet's draft.
    draft_note = re.search(r"<p [^>]*data-draft-saved hidden>[^<]*</p>", notice.group(1))
    assert draft_note is not None
    shown = notice.group(1).replace(draft_note.group(0), "")
    text = " ".join(re.sub(r"<[^>]+>", "", shown).split())
    assert text == (
        "Save what you are writing You will be signed out at 09:45, in 7 minutes: Mallard ends every "
        "sign-in 45 minutes after it starts, and this cannot be extended. Save what you are writing "
        "now; anything not saved by then is lost. Then sign in again to carry on."
    )


def test_the_time_it_ends_is_in_the_persons_time_zone(alice: Client, therapist: User, settings: Any) -> None:
    settings.SESSION_COOKIE_AGE = 45 * 60
    User.objects.filter(pk=therapist.pk).update(time_zone="America/New_York")
    with at(20):
        alice.get("/caseload/")
    with at(40):
        content = alice.get("/caseload/").content.decode()
    assert '<time datetime="2026-03-02T09:45:00+00:00">04:45</time>' in content
