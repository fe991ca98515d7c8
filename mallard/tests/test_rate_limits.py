"""allauth's rate limits protect sign-in, the admin's included, from password guessing."""

from __future__ import annotations

from django.core.cache import cache
from django.test import Client

from conftest import PASSWORD, totp_code
from mallard.models import User
from mallard.tests.test_settings_production import production_env, run

TOO_MANY = "Too many failed login attempts. Try again later."


def attempt(client: Client, password: str) -> tuple[int, bool]:
    response = client.post("/accounts/login/", {"login": "alice@example.com", "password": password})
    return response.status_code, TOO_MANY in response.content.decode()


def test_it_stops_accepting_guesses_after_repeated_failures(client: Client, therapist: User) -> None:
    # "5/5m/key": five wrong passwords for one address, then sign-in is refused.
    assert [attempt(client, f"wrong-{n}") for n in range(5)] == [(200, False)] * 5
    assert attempt(client, "wrong-5") == (200, True)
    # Even the right password is refused while the limit holds.
    assert attempt(client, PASSWORD) == (200, True)
    assert "_auth_user_id" not in client.session


def test_the_limit_is_per_address(client: Client, therapist: User, other_therapist: User) -> None:
    for n in range(6):
        attempt(client, f"wrong-{n}")
    response = Client().post("/accounts/login/", {"login": "bob@example.com", "password": PASSWORD})
    assert response.status_code == 302


def test_a_correct_password_signs_in_before_the_limit(client: Client, therapist: User) -> None:
    for n in range(2):
        attempt(client, f"wrong-{n}")
    response = client.post("/accounts/login/", {"login": "alice@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(therapist)})
    assert client.session["_auth_user_id"] == str(therapist.pk)


def test_the_counts_are_kept_in_the_shared_default_cache(client: Client, therapist: User) -> None:
    """Every web process sees the same counts: they live in CACHES["default"] (Redis in production)."""
    for n in range(6):
        attempt(client, f"wrong-{n}")
    assert attempt(client, PASSWORD) == (200, True)
    cache.clear()  # Only the default cache: forgetting it forgets the limit.
    assert (
        client.post("/accounts/login/", {"login": "alice@example.com", "password": PASSWORD}).status_code
        == 302
    )


def test_production_keeps_the_cache_in_redis() -> None:
    script = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = run(["manage.py", "shell", "-c", script], production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "mallard.cache.RedisCache"


def test_admin_sign_in_shares_the_login_limit(client: Client, staff: User) -> None:
    """/admin/login/ hands over to the site's sign-in, and posts to it count against the same limit."""
    login_rate = 30  # ACCOUNT_RATE_LIMITS["login"] = "30/m/ip"
    for _ in range(login_rate):
        response = client.post("/admin/login/", {"username": staff.email, "password": "guess"})
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert client.post("/admin/login/", {"username": staff.email, "password": PASSWORD}).status_code == 429
    # The same address is now refused on the site's own sign-in page too.
    refused = client.post("/accounts/login/", {"login": staff.email, "password": PASSWORD})
    assert refused.status_code == 429
    assert "Too many attempts" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_failed_sign_ins_started_from_the_admin_are_limited(client: Client, staff: User) -> None:
    start = client.get("/admin/login/?next=/admin/")
    assert start["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    for n in range(5):
        client.post(start["Location"], {"login": staff.email, "password": f"wrong-{n}"})
    blocked = client.post(start["Location"], {"login": staff.email, "password": PASSWORD})
    assert TOO_MANY in blocked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_login_limit_answers_429(client: Client, therapist: User) -> None:
    for n in range(30):
        client.post("/accounts/login/", {"login": f"nobody{n}@example.com", "password": "x"})
    response = client.post("/accounts/login/", {"login": "alice@example.com", "password": PASSWORD})
    assert response.status_code == 429
