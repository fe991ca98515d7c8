"""CSRF protection on every POST: no view opts out unless it is listed here with its reason,
and a POST without a token is refused with 403 on every URL, signed in or not.

The walk covers every URL pattern the resolver knows, allauth's and the admin's included,
so a new view cannot slip through.
"""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils.regex_helper import normalize

from mallard.models import User

# URL name -> why the view takes POSTs without a CSRF token. Keep it short.
CSRF_EXEMPT = {
    # RFC 8058 one-click unsubscribe: mail clients POST "List-Unsubscribe=One-Click" with no
    # cookie and no token. The signed, single-purpose token in the URL is the protection, and
    # the only thing the POST can do is turn e-mail reminders off.
    "reminders-unsubscribe": "RFC 8058 one-click unsubscribe; the signed token in the URL protects it",
}

# Candidate values for path parameters; the first that resolves to the same view is used.
SAMPLES = ("1", "auth", "mallard", "token", str(uuid.UUID(int=1)), "a-b")


@dataclass(frozen=True)
class Leaf:
    name: str
    route: str
    callback: Callable[..., Any]
    formats: tuple[tuple[str, tuple[str, ...]], ...]


def _formats(pattern: URLPattern | URLResolver) -> list[tuple[str, list[str]]]:
    regex = pattern.pattern.regex.pattern
    return [(fmt, list(params)) for fmt, params in normalize(regex)][:1]


def _walk(resolver: URLResolver, prefix: str, fmt: str, params: tuple[str, ...]) -> Iterator[Leaf]:
    for pattern in resolver.url_patterns:
        for own_fmt, own_params in _formats(pattern):
            joined_fmt, joined_params = fmt + own_fmt, params + tuple(own_params)
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from _walk(pattern, route, joined_fmt, joined_params)
            else:
                name = pattern.name or route
                yield Leaf(name, route, pattern.callback, ((joined_fmt, joined_params),))


def every_view() -> list[Leaf]:
    return list(_walk(get_resolver(), "", "", ()))


def concrete_path(leaf: Leaf) -> str | None:
    """A path that resolves to this view, with sample values in its parameters."""
    for fmt, params in leaf.formats:
        for values in itertools.product(SAMPLES, repeat=len(params)):
            path = "/" + fmt % dict(zip(params, values, strict=True))
            try:
                match = resolve(path)
            except Resolver404:
                continue
            if match.func is leaf.callback or getattr(match.func, "__wrapped__", None) is leaf.callback:
                return path
            if leaf.name and match.url_name == leaf.name:
                # Shadowed on purpose: Mallard's own pattern of the same name comes first.
                return path
    return None


VIEWS = every_view()


def test_the_walk_reaches_every_part_of_the_site() -> None:
    routes = {leaf.route for leaf in VIEWS}
    for expected in ("accounts/login/", "admin/", "healthz", "reminders/unsubscribe/<str:token>/"):
        assert any(route == expected for route in routes), expected
    assert len(VIEWS) > 60


def test_no_view_is_csrf_exempt_except_the_documented_ones() -> None:
    exempt = {leaf.name for leaf in VIEWS if getattr(leaf.callback, "csrf_exempt", False)}
    assert exempt == set(CSRF_EXEMPT), (
        "A view opted out of CSRF protection. Remove @csrf_exempt, or list it in CSRF_EXEMPT with the "
        f"reason and document it in docs/security.md: {sorted(exempt ^ set(CSRF_EXEMPT))}"
    )


def test_every_exemption_is_explained() -> None:
    for name, reason in CSRF_EXEMPT.items():
        assert len(reason) > 20, name


PROTECTED = sorted((leaf for leaf in VIEWS if leaf.name not in CSRF_EXEMPT), key=lambda leaf: leaf.route)


def test_every_protected_view_has_a_path_to_post_to() -> None:
    unreachable = [leaf.route for leaf in PROTECTED if concrete_path(leaf) is None]
    assert not unreachable


def test_a_post_without_a_token_is_refused_everywhere(client_user: User) -> None:
    # One test over every URL (rather than one test per URL) keeps this fast; the message names each failure.
    anonymous = Client(enforce_csrf_checks=True)
    signed_in = Client(enforce_csrf_checks=True)
    signed_in.force_login(client_user)
    accepted = []
    for leaf in PROTECTED:
        path = concrete_path(leaf)
        if path is None:
            continue
        for who, browser in (("anonymous", anonymous), ("signed in", signed_in)):
            status = browser.post(path, {"x": "1"}).status_code
            if status != 403:
                accepted.append(f"{who} POST {path} ({leaf.name}) -> {status}")
    assert len(PROTECTED) > 60
    assert not accepted, "\n".join(accepted)


def test_a_post_with_the_token_gets_through(client_user: User) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(client_user)
    page = browser.get("/accounts/profile/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    assert token is not None
    response = browser.post(
        "/accounts/profile/",
        {"csrfmiddlewaretoken": token.group(1), "display_name": "Carol C", "time_zone": "America/New_York"},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/accounts/profile/"


def test_a_post_with_a_forged_token_is_refused(client_user: User) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(client_user)
    browser.get("/accounts/profile/")
    response = browser.post(
        "/accounts/profile/", {"csrfmiddlewaretoken": "x" * 64, "display_name": "Mallory"}
    )
    assert response.status_code == 403
    client_user.refresh_from_db()
    assert client_user.display_name == "Carol Chen"
