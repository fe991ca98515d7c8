"""Every response carries the security headers, in development as in production."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from conftest import PASSWORD
from mallard.models import User

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.mark.django_db
def test_it_sends_a_strict_content_security_policy(client: Client) -> None:
    response = client.get("/crisis/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp


@pytest.mark.django_db
def test_it_forbids_framing_and_leaking_the_referrer(client: Client) -> None:
    response = client.get("/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_it_sends_the_headers_on_signed_in_pages(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    response = client.get("/caseload/")
    assert response.status_code == 200
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_it_sends_hsts_when_production_settings_ask_for_it(client: Client, settings: Any) -> None:
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/crisis/", secure=True)
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.django_db
def test_it_switches_off_browser_features_mallard_never_uses(client: Client) -> None:
    policy = client.get("/crisis/").headers["Permissions-Policy"]
    features = dict(part.strip().split("=", 1) for part in policy.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "display-capture"):
        assert features[feature] == "()"
    # Passkeys stay possible: WebAuthn keeps the browser's same-origin default.
    assert "publickey-credentials-get" not in features


@pytest.mark.django_db
def test_it_keeps_other_sites_from_embedding_mallards_resources(client: Client) -> None:
    response = client.get("/crisis/")
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_it_keeps_signed_in_pages_out_of_every_cache(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    response = client.get("/today/")
    assert response.status_code == 200
    directives = {part.strip() for part in response.headers["Cache-Control"].split(",")}
    assert {"no-store", "no-cache", "must-revalidate", "private", "max-age=0"} <= directives


@pytest.mark.django_db
def test_it_lets_public_pages_and_static_files_be_cached(client: Client) -> None:
    assert "no-store" not in client.get("/crisis/").headers.get("Cache-Control", "")
    stylesheet = client.get("/static/css/mallard.css")
    assert stylesheet.status_code == 200
    assert "no-store" not in stylesheet.headers.get("Cache-Control", "")
    assert stylesheet.headers["Permissions-Policy"]


@pytest.mark.django_db
def test_it_hides_the_csrf_cookie_from_scripts(client: Client) -> None:
    response = client.get("/accounts/login/")
    cookie = response.cookies["csrftoken"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_it_sets_the_session_cookie_httponly_and_samesite(client: Client, client_user: User) -> None:
    response = client.post("/accounts/login/", {"login": client_user.email, "password": PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/", "/crisis/", "/"])
@pytest.mark.django_db
def test_public_pages_have_nothing_a_strict_csp_would_block(client: Client, path: str) -> None:
    html = client.get(path).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)


def test_no_template_of_mallards_has_inline_script_style_or_event_handler() -> None:
    blocked = (r"<script(?![^>]*\bsrc=)[^>]*>", r"<style", r"\sstyle=", r"\son[a-z]+\s*=", r"javascript:")
    # E-mail clients need inline styles, and they never apply the CSP.
    pages = [
        path for path in sorted(TEMPLATES.rglob("*.html")) if "email" not in path.relative_to(TEMPLATES).parts
    ]
    offenders = [
        f"{path.relative_to(TEMPLATES)}: {pattern}"
        for path in pages
        for pattern in blocked
        if re.search(pattern, path.read_text())
    ]
    assert len(pages) > 30
    assert not offenders
