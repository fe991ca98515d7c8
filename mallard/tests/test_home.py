"""The home page sends each role to its landing page; the crisis page is open to all."""

from __future__ import annotations

import pytest
from django.test import Client

from mallard.models import User


@pytest.mark.django_db
def test_it_shows_the_landing_page_to_anonymous_visitors(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Therapy homework that actually happens" in content
    assert 'href="/accounts/login/"' in content


def test_it_sends_a_therapist_to_the_caseload(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/caseload/"


def test_it_sends_a_client_to_today(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/today/"


def test_it_sends_staff_to_the_admin(client: Client, staff: User) -> None:
    client.force_login(staff)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


@pytest.mark.django_db
def test_the_home_page_refuses_post(client: Client) -> None:
    assert client.post("/").status_code == 405


@pytest.mark.django_db
def test_the_home_page_answers_head(client: Client) -> None:
    assert client.head("/").status_code == 200


@pytest.mark.django_db
def test_the_crisis_page_lists_helplines_without_signing_in(client: Client) -> None:
    response = client.get("/crisis/")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'href="tel:988"' in content
    assert "988 Suicide &amp; Crisis Lifeline" in content
    assert 'href="tel:116123">116 123</a>' in content
    assert "Samaritans" in content
    assert 'href="tel:112"' in content


def test_the_crisis_page_is_there_for_signed_in_clients_too(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    response = client.get("/crisis/")
    assert response.status_code == 200
    assert "116 123" in response.content.decode()


@pytest.mark.django_db
def test_the_crisis_page_refuses_post(client: Client) -> None:
    assert client.post("/crisis/").status_code == 405
