"""People can see where they are signed in and sign the other devices out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import time_machine
from allauth.usersessions.models import UserSession
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import PASSWORD, totp_code
from mallard.models import User

URL = "/accounts/sessions/"
REAUTHENTICATE = "/accounts/reauthenticate/?next=%2Faccounts%2Fsessions%2F"


def sign_in(client: Client, email: str, *, browser: str) -> Client:
    client.defaults["HTTP_USER_AGENT"] = browser
    response = client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def sign_out_other_devices(client: Client) -> Any:
    """Press the button, then confirm the password when asked; the sign-out then goes through."""
    asked = client.post(URL)
    assert asked.status_code == 302
    assert asked["Location"] == REAUTHENTICATE
    return client.post(REAUTHENTICATE, {"password": PASSWORD})


def test_signing_out_the_others_asks_for_the_password_first(client_user: User) -> None:
    laptop = sign_in(Client(), client_user.email, browser="Laptop Firefox")
    phone = sign_in(Client(), client_user.email, browser="Phone Safari")
    assert laptop.post(URL)["Location"] == REAUTHENTICATE
    assert phone.get("/today/").status_code == 200
    wrong = laptop.post(REAUTHENTICATE, {"password": "not-my-password"})
    assert wrong.status_code == 200
    assert phone.get("/today/").status_code == 200
    assert UserSession.objects.filter(user=client_user).count() == 2


def test_it_lists_every_browser_signed_in(client_user: User) -> None:
    laptop = sign_in(Client(), client_user.email, browser="Laptop Firefox")
    sign_in(Client(), client_user.email, browser="Phone Safari")
    response = laptop.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Signed-in devices" in content
    assert "Laptop Firefox" in content
    assert "Phone Safari" in content
    assert content.count("This device</span>") == 1
    assert "Sign out all other devices" in content


def test_each_browser_is_named_as_people_know_it_above_its_header(client_user: User) -> None:
    header = (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/17.4 Mobile/15E148 Safari/604.1"
    )
    phone = sign_in(Client(), client_user.email, browser=header)
    content = phone.get(URL).content.decode()
    assert '<span class="fw-semibold">Safari on iPhone</span>' in content
    assert header in content  # the header itself stays, in small print, for anyone who needs it


def test_signing_out_the_others_really_ends_their_sessions(client_user: User) -> None:
    laptop = sign_in(Client(), client_user.email, browser="Laptop Firefox")
    phone = sign_in(Client(), client_user.email, browser="Phone Safari")
    assert phone.get("/today/").status_code == 200

    response = sign_out_other_devices(laptop)
    assert response.status_code == 302
    assert response["Location"] == URL

    after = phone.get("/today/")
    assert after.status_code == 302
    assert after["Location"] == "/accounts/login/?next=/today/"
    assert laptop.get("/today/").status_code == 200
    assert list(UserSession.objects.filter(user=client_user).values_list("user_agent", flat=True)) == [
        "Laptop Firefox"
    ]


def test_a_therapist_can_end_a_session_that_passed_two_factor(therapist: User) -> None:
    desk = sign_in(Client(), therapist.email, browser="Clinic desktop")
    desk.post("/accounts/2fa/authenticate/", {"code": totp_code(therapist)})
    home = Client()
    home.force_login(therapist)
    assert desk.get("/caseload/").status_code == 200
    sign_out_other_devices(home)
    assert desk.get("/caseload/").status_code == 302
    assert home.get("/caseload/").status_code == 200


def test_it_shows_only_your_own_sessions_and_ends_only_yours(client_user: User, therapist: User) -> None:
    carol = sign_in(Client(), client_user.email, browser="Carol's phone")
    alice = sign_in(Client(), therapist.email, browser="Alice's desktop")
    alice.post("/accounts/2fa/authenticate/", {"code": totp_code(therapist)})
    assert "Alice&#x27;s desktop" not in carol.get(URL).content.decode()
    sign_out_other_devices(carol)
    assert alice.get("/caseload/").status_code == 200


def test_with_one_session_it_offers_to_sign_out(client_user: User) -> None:
    laptop = sign_in(Client(), client_user.email, browser="Laptop Firefox")
    content = laptop.get(URL).content.decode()
    assert "Only this device is signed in." in content
    assert 'action="/accounts/logout/"' in content


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, db: None) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={URL}"


def test_other_methods_are_refused(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    assert client.delete(URL).status_code == 405
    assert client.patch(URL).status_code == 405


def test_the_profile_page_links_here(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    content = client.get("/accounts/profile/").content.decode()
    assert f'href="{URL}"' in content


# --- "Last active", written at most once a minute ------------------------------------------------


def writes_during(client: Client, path: str) -> list[str]:
    """The statements that change the database while ``client`` GETs ``path``."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE", "BEGIN", "SAVEPOINT"))
    ]


def device_writes(writes: list[str]) -> int:
    return sum(1 for sql in writes if "usersessions_usersession" in sql and sql.lstrip().startswith("UPDATE"))


def test_two_gets_within_a_minute_record_activity_once(client_user: User) -> None:
    signed_in_at = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with time_machine.travel(signed_in_at, tick=False) as clock:
        laptop = sign_in(Client(), client_user.email, browser="Laptop Firefox")
        clock.move_to(signed_in_at + timedelta(seconds=30))
        # Signing in counted as activity. The page shows the sign-in message, which is kept in
        # the session (MESSAGE_STORAGE), so the session is saved once: no device write.
        assert device_writes(writes_during(laptop, "/today/")) == 0
        clock.move_to(signed_in_at + timedelta(seconds=61))
        assert device_writes(writes_during(laptop, "/today/")) == 1
        clock.move_to(signed_in_at + timedelta(seconds=90))
        assert writes_during(laptop, "/today/") == []
        clock.move_to(signed_in_at + timedelta(seconds=122))
        assert device_writes(writes_during(laptop, "/today/")) == 1
    seen = UserSession.objects.get(user=client_user).last_seen_at
    assert seen == signed_in_at + timedelta(seconds=122)


def test_the_devices_page_shows_last_active_to_the_minute(client_user: User) -> None:
    signed_in_at = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with time_machine.travel(signed_in_at, tick=False) as clock:
        laptop = sign_in(Client(), client_user.email, browser="Laptop Firefox")
        for seconds in range(0, 600, 7):  # a page every 7 seconds for ten minutes
            clock.move_to(signed_in_at + timedelta(seconds=seconds))
            assert laptop.get("/today/").status_code == 200
        now = signed_in_at + timedelta(seconds=599)
        shown = UserSession.objects.get(user=client_user).last_seen_at
        assert now - timedelta(seconds=60) < shown <= now
        content = laptop.get(URL).content.decode()
    assert "seconds ago</time>" in content  # "Last active"; "Signed in" says 9 minutes ago


def test_a_request_after_the_idle_limit_leaves_last_active_as_it_was(client_user: User) -> None:
    """The automatic logoff runs first: a sign-in that has run out is never counted as active."""
    signed_in_at = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with time_machine.travel(signed_in_at, tick=False) as clock:
        laptop = sign_in(Client(), client_user.email, browser="Laptop Firefox")
        clock.move_to(signed_in_at + timedelta(minutes=5))
        assert laptop.get("/today/").status_code == 200
        seen = UserSession.objects.get(user=client_user).last_seen_at
        assert seen == signed_in_at + timedelta(minutes=5)
        clock.move_to(signed_in_at + timedelta(minutes=5 + 61))  # a client's limit is an hour
        response = laptop.get("/today/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert UserSession.objects.get(user=client_user).last_seen_at == seen


def test_a_request_after_the_twelve_hour_limit_leaves_last_active_as_it_was(client_user: User) -> None:
    signed_in_at = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with time_machine.travel(signed_in_at, tick=False) as clock:
        laptop = sign_in(Client(), client_user.email, browser="Laptop Firefox")
        for minutes in range(50, 12 * 60, 50):
            clock.move_to(signed_in_at + timedelta(minutes=minutes))
            assert laptop.get("/today/").status_code == 200
        seen = UserSession.objects.get(user=client_user).last_seen_at
        assert seen == signed_in_at + timedelta(minutes=700)
        clock.move_to(signed_in_at + timedelta(hours=12, minutes=1))
        response = laptop.get("/today/")
        assert response.status_code == 302
        assert "_auth_user_id" not in laptop.session
    assert UserSession.objects.get(user=client_user).last_seen_at == seen


def test_a_session_signed_in_without_allauth_is_recorded_a_minute_after_sign_in(client_user: User) -> None:
    """``force_login`` records no device; the first request a minute after sign-in does."""
    signed_in_at = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    browser = Client()
    with time_machine.travel(signed_in_at, tick=False) as clock:
        browser.force_login(client_user)
        clock.move_to(signed_in_at + timedelta(seconds=30))
        assert device_writes(writes_during(browser, "/today/")) == 0
        assert not UserSession.objects.filter(user=client_user).exists()
        clock.move_to(signed_in_at + timedelta(seconds=61))
        browser.get("/today/")
        clock.move_to(signed_in_at + timedelta(seconds=150))
        browser.get("/today/")
    assert UserSession.objects.get(user=client_user).last_seen_at == signed_in_at + timedelta(seconds=150)
