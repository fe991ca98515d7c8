"""Every response carries the security headers, in development as in production."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from mallard.models import User


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
