"""One address per request, believed only as far as the configured proxies vouch for it.

The audit trail, the sign-in lockout and every allauth rate limit use ``mallard.audit.client_ip``,
which trusts exactly ``MALLARD_PROXY_HOPS`` entries of X-Forwarded-For, counted from the right.
"""

from __future__ import annotations

from typing import Any

import pytest
from allauth.account.adapter import get_adapter
from django.test import Client, RequestFactory

from conftest import PASSWORD
from mallard import audit
from mallard.models import User
from mallard.tests.test_settings_production import production_env, run

PROXY = "127.0.0.1"
TOO_MANY = "Too many failed login attempts. Try again later."


def sign_in(client: Client, email: str, password: str, **headers: Any) -> str:
    response = client.post("/accounts/login/", {"login": email, "password": password}, **headers)
    if response.status_code == 302:
        return "signed in"
    return "refused" if TOO_MANY in response.content.decode() else "wrong"


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (0, "", "192.0.2.1"),
        (0, "198.51.100.9", "192.0.2.1"),  # no proxy: the header is anyone's to write
        (1, "", "192.0.2.1"),  # no header: only the socket's address is known
        (1, "198.51.100.9", "198.51.100.9"),
        (1, "6.6.6.6, 198.51.100.9", "198.51.100.9"),  # the visitor wrote 6.6.6.6, the proxy the rest
        (1, " 6.6.6.6 ,198.51.100.9 ", "198.51.100.9"),
        (2, "6.6.6.6, 198.51.100.9, 10.0.0.2", "198.51.100.9"),
        (2, "198.51.100.9", "198.51.100.9"),  # fewer entries than hops: the one a proxy wrote
        (3, "6.6.6.6, 198.51.100.9", "198.51.100.9"),  # not the visitor's 6.6.6.6
        (1, "2001:db8::7", "2001:db8::7"),
        (1, "not-an-address", None),
    ],
)
def test_client_ip_believes_exactly_the_configured_hops(
    rf: RequestFactory, settings: Any, hops: int, forwarded: str, expected: str | None
) -> None:
    settings.MALLARD_PROXY_HOPS = hops
    request = rf.get("/", REMOTE_ADDR="192.0.2.1")
    if forwarded:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    assert audit.client_ip(request) == expected


@pytest.mark.parametrize(
    ("hops", "forwarded"),
    [(0, "6.6.6.6"), (1, "6.6.6.6, 198.51.100.9"), (2, "198.51.100.9"), (3, "6.6.6.6, 198.51.100.9")],
)
def test_allauth_sees_the_same_address_as_the_audit_trail(
    rf: RequestFactory, settings: Any, hops: int, forwarded: str
) -> None:
    """allauth on its own would trust ALLAUTH_TRUSTED_PROXY_COUNT, and fail with a server error
    when the header has fewer entries than that; Mallard's adapter asks ``client_ip`` instead."""
    settings.MALLARD_PROXY_HOPS = hops
    request = rf.post("/accounts/login/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert get_adapter(request).get_client_ip(request) == audit.client_ip(request)


def test_spoofed_headers_without_a_proxy_do_not_escape_the_limit(client: Client, therapist: User) -> None:
    outcomes = [
        sign_in(
            client,
            therapist.email,
            f"wrong-{n}",
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"6.6.6.{n}",
        )
        for n in range(8)
    ]
    assert outcomes == ["wrong"] * 5 + ["refused"] * 3


def test_spoofed_entries_behind_a_proxy_do_not_escape_the_limit(
    client: Client, therapist: User, settings: Any
) -> None:
    """The proxy appends the address it saw; whatever the visitor put in front is ignored."""
    settings.MALLARD_PROXY_HOPS = 1
    outcomes = [
        sign_in(
            client,
            therapist.email,
            f"wrong-{n}",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, 198.51.100.7",
        )
        for n in range(8)
    ]
    assert outcomes == ["wrong"] * 5 + ["refused"] * 3


def test_two_people_behind_the_proxy_do_not_block_each_other(
    therapist: User, client_user: User, settings: Any
) -> None:
    """Eleven failed sign-ins from one visitor used to block another's right password: every
    visitor counted as the proxy's address."""
    settings.MALLARD_PROXY_HOPS = 1
    guesser = Client()
    for n in range(11):
        sign_in(
            guesser,
            f"someone{n}@example.com",
            "guess",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="198.51.100.7",
        )
    assert sign_in(
        guesser, client_user.email, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7"
    ) == ("refused")
    carol = Client()
    assert (
        sign_in(carol, client_user.email, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9")
        == "signed in"
    )


def test_a_header_with_fewer_entries_than_hops_is_no_server_error(
    client: Client, client_user: User, settings: Any
) -> None:
    settings.MALLARD_PROXY_HOPS = 2
    response = client.post(
        "/accounts/login/",
        {"login": client_user.email, "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("variables", "hops"),
    [({}, 0), ({"MALLARD_PROXY_HOPS": "2"}, 2), ({"MALLARD_BEHIND_PROXY": "true"}, 1)],
)
def test_the_hop_count_is_read_from_the_environment(variables: dict[str, str], hops: int) -> None:
    script = "from django.conf import settings; print(settings.MALLARD_PROXY_HOPS)"
    result = run(["manage.py", "shell", "-c", script], production_env(**variables))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == str(hops)


def test_behind_a_proxy_zero_hops_is_refused() -> None:
    result = run(["manage.py", "check"], production_env(MALLARD_BEHIND_PROXY="true", MALLARD_PROXY_HOPS="0"))
    assert result.returncode != 0
    assert "MALLARD_PROXY_HOPS must be at least 1, not 0." in result.stderr
