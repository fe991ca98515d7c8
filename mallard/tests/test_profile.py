"""The profile page: name and time zone."""

from __future__ import annotations

import pytest
from django.test import Client

from mallard.models import User
from mallard.tests.helpers import field_error, field_value


def test_it_shows_the_current_profile(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    response = client.get("/accounts/profile/")
    assert response.status_code == 200
    assert field_value(response, "display_name") == "Carol Chen"
    assert '<option value="America/New_York" selected>' in response.content.decode()
    assert "Your sign-in email is carol@example.com" in response.content.decode()


def test_it_saves_the_name_and_time_zone(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    response = client.post(
        "/accounts/profile/", {"display_name": "  Dr Alice Adeyemi ", "time_zone": "Asia/Kolkata"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/profile/"
    therapist.refresh_from_db()
    assert therapist.display_name == "Dr Alice Adeyemi"
    assert therapist.time_zone == "Asia/Kolkata"
    assert "Your profile is saved." in client.get("/accounts/profile/").content.decode()


def test_it_shows_a_bad_time_zone_beside_the_field(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    response = client.post("/accounts/profile/", {"display_name": "Alice A.", "time_zone": "Europe/Atlantis"})
    assert response.status_code == 200
    assert field_error(response, "time_zone") == (
        "Europe/Atlantis is not a time zone we know. Choose one from the list."
    )
    assert field_value(response, "display_name") == "Alice A."
    therapist.refresh_from_db()
    assert (therapist.display_name, therapist.time_zone) == ("Alice Adeyemi", "Europe/London")


def test_it_refuses_an_empty_name(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    response = client.post("/accounts/profile/", {"display_name": "   ", "time_zone": "UTC"})
    assert response.status_code == 200
    assert field_error(response, "display_name") in {"This field is required.", "Please tell us your name."}
    therapist.refresh_from_db()
    assert therapist.display_name == "Alice Adeyemi"


def test_it_changes_only_the_signed_in_persons_profile(
    client: Client, therapist: User, other_therapist: User
) -> None:
    client.force_login(therapist)
    client.post("/accounts/profile/", {"display_name": "Renamed", "time_zone": "UTC"})
    other_therapist.refresh_from_db()
    assert other_therapist.display_name == "Bob Brennan"


@pytest.mark.django_db
def test_it_sends_anonymous_visitors_to_sign_in(client: Client) -> None:
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/profile/"


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_it_refuses_the_wrong_method(client: Client, therapist: User, method: str) -> None:
    client.force_login(therapist)
    assert getattr(client, method)("/accounts/profile/").status_code == 405
