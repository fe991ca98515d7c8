"""Mallard's own 403, 404 and 500 pages, as they are served with DEBUG off: the site's layout, a
viewport, a way back and the crisis link in the footer, like every page."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, RequestFactory
from django.views.defaults import server_error

from mallard.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _debug_off(settings: Any) -> None:
    settings.DEBUG = False


def assert_site_page(html: str, heading: str) -> None:
    assert f'<h1 class="h3 mb-3">{heading}</h1>' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert 'aria-label="Main"' in html  # the site's navigation
    assert 'href="/crisis/"' in html and "In crisis? Get help now" in html
    assert 'href="/">Go to' in html


def test_an_unknown_address_gets_the_sites_404_page(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_site_page(response.content.decode(), "Page not found")


def test_a_client_opening_a_therapist_page_gets_the_sites_403_page(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    response = client.get("/caseload/")
    assert response.status_code == 403
    html = response.content.decode()
    assert_site_page(html, "You can't open this page")
    assert "Carol Chen" in html  # signed in: her own navigation, not a bare "403 Forbidden"


def test_the_500_page_renders_while_the_database_is_down() -> None:
    request = RequestFactory().get("/caseload/")
    with mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=OperationalError("database is down")):
        response = server_error(request)
    assert response.status_code == 500
    assert_site_page(response.content.decode(), "Something went wrong")


def test_a_crash_in_a_view_is_answered_with_the_500_page(client: Client) -> None:
    client.raise_request_exception = False
    with mock.patch("mallard.views.render", side_effect=RuntimeError("boom")):
        response = client.get("/")
    assert response.status_code == 500
    assert_site_page(response.content.decode(), "Something went wrong")


def test_the_400_and_429_pages_share_the_layout(client: Client) -> None:
    from django.template.loader import render_to_string

    for name, heading in (("400.html", "We couldn't accept that request"), ("429.html", "Too many attempts")):
        html = render_to_string(name)
        assert f'<h1 class="h3 mb-3">{heading}</h1>' in html
        assert "In crisis? Get help now" in html


def test_a_refused_csrf_check_gets_the_sites_page_with_a_way_back(therapist: User) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(therapist)
    response = browser.post("/invitations/", {"name": "Erin Evans", "email": "erin@example.com"})
    assert response.status_code == 403
    html = response.content.decode()
    assert_site_page(html, "That form could not be sent")
    assert "the page was open for a long time, or when you signed in or out in another tab" in html
    assert "Use your browser's Back button to return to the form: what you typed may still be there." in (
        html
    )
    assert "Alice Adeyemi" in html  # still signed in: her own navigation


def test_opening_a_button_address_gets_the_sites_405_page(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    response = client.get("/accounts/still-here/")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    html = response.content.decode()
    assert_site_page(html, "This address is for a button, not a link")
    assert "nothing was changed" in html


def test_an_anonymous_visitor_gets_the_405_page_too(client: Client) -> None:
    response = client.put("/crisis/")
    assert response.status_code == 405
    assert_site_page(response.content.decode(), "This address is for a button, not a link")
