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


# --- The time-zone list ----------------------------------------------------------------------------

LEGACY = ("Africa/Asmera", "America/Argentina/ComodRivadavia", "US/Pacific", "Etc/GMT+5", "Asia/Calcutta")


def test_it_offers_the_zones_by_region_with_readable_names(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    content = client.get("/accounts/profile/").content.decode()
    assert '<optgroup label="Europe">' in content
    assert '<option value="Europe/London" selected>Europe / London</option>' in content
    assert (
        '<option value="America/Argentina/Buenos_Aires">America / Argentina / Buenos Aires</option>'
        in content
    )
    for name in LEGACY:
        assert f'value="{name}"' not in content
    assert content.count("<option ") < 450
    # Sorted by name within each region.
    assert (
        content.index("Europe / Amsterdam")
        < content.index("Europe / London")
        < content.index("Europe / Zurich")
    )


def test_a_listed_alias_is_refused_like_any_unknown_zone(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    response = client.post("/accounts/profile/", {"display_name": "Alice A.", "time_zone": "US/Pacific"})
    assert response.status_code == 200
    assert (
        field_error(response, "time_zone")
        == "US/Pacific is not a time zone we know. Choose one from the list."
    )
    therapist.refresh_from_db()
    assert therapist.time_zone == "Europe/London"


@pytest.mark.parametrize(
    ("stored", "label"),
    [
        ("US/Pacific", "US / Pacific (your time zone now, the same as America / Los Angeles)"),
        ("Etc/GMT+5", "Etc / GMT+5 (your time zone now)"),
    ],
)
def test_a_stored_alias_stays_chosen_and_saves_unchanged(
    client: Client, therapist: User, stored: str, label: str
) -> None:
    User.objects.filter(pk=therapist.pk).update(time_zone=stored)
    client.force_login(therapist)
    content = client.get("/accounts/profile/").content.decode()
    assert f'<option value="{stored}" selected>{label}</option>' in content
    response = client.post("/accounts/profile/", {"display_name": "Alice A.", "time_zone": stored})
    assert response.status_code == 302
    therapist.refresh_from_db()
    assert (therapist.display_name, therapist.time_zone) == ("Alice A.", stored)
    # Changing to a listed zone works, and the alias is then no longer offered.
    client.post("/accounts/profile/", {"display_name": "Alice A.", "time_zone": "America/Los_Angeles"})
    therapist.refresh_from_db()
    assert therapist.time_zone == "America/Los_Angeles"
    assert f'value="{stored}"' not in client.get("/accounts/profile/").content.decode()
