"""The admin's user forms offer the tz database's zones by region, as the profile page does."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from mallard.admin import UserEditForm
from mallard.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client: Client, staff: User) -> Client:
    client.force_login(staff)
    return client


def change_url(person: User) -> str:
    return f"/admin/mallard/user/{person.pk}/change/"


def posted(person: User, **changes: str) -> dict[str, Any]:
    return {
        "email": person.email,
        "display_name": person.display_name,
        "role": person.role,
        "time_zone": person.time_zone,
        "is_active": "on",
        "care_relationships-TOTAL_FORMS": "0",
        "care_relationships-INITIAL_FORMS": "0",
        **changes,
    }


def test_the_change_form_offers_the_zones_grouped_by_region(admin_client: Client, client_user: User) -> None:
    content = admin_client.get(change_url(client_user)).content.decode()
    assert '<select name="time_zone"' in content
    assert '<optgroup label="Europe">' in content
    assert '<option value="America/New_York" selected>America / New York</option>' in content
    assert '<option value="US/Pacific"' not in content  # aliases are not offered to choose


def test_the_add_form_offers_the_zones_too(admin_client: Client) -> None:
    content = admin_client.get("/admin/mallard/user/add/").content.decode()
    assert '<select name="time_zone"' in content
    assert '<optgroup label="Pacific Ocean">' in content


def test_saving_a_zone_from_the_list_changes_it(admin_client: Client, client_user: User) -> None:
    response = admin_client.post(change_url(client_user), posted(client_user, time_zone="Asia/Tokyo"))
    assert response.status_code == 302
    client_user.refresh_from_db()
    assert client_user.time_zone == "Asia/Tokyo"


def test_an_unknown_zone_is_refused_with_a_clear_message(admin_client: Client, client_user: User) -> None:
    response = admin_client.post(change_url(client_user), posted(client_user, time_zone="Mars/Olympus_Mons"))
    assert response.status_code == 200
    assert (
        "Mars/Olympus_Mons is not a time zone we know. Choose one from the list." in response.content.decode()
    )
    client_user.refresh_from_db()
    assert client_user.time_zone == "America/New_York"


def test_a_saved_alias_stays_chosen_and_saving_unchanged_keeps_it(
    admin_client: Client, client_user: User
) -> None:
    User.objects.filter(pk=client_user.pk).update(time_zone="US/Pacific")
    client_user.refresh_from_db()
    content = admin_client.get(change_url(client_user)).content.decode()
    assert (
        '<option value="US/Pacific" selected>US / Pacific (their time zone now, the same as '
        "America / Los Angeles)</option>"
    ) in content
    response = admin_client.post(change_url(client_user), posted(client_user, display_name="Carol C"))
    assert response.status_code == 302
    client_user.refresh_from_db()
    assert (client_user.time_zone, client_user.display_name) == ("US/Pacific", "Carol C")


def test_an_alias_someone_else_has_is_not_offered(client_user: User) -> None:
    """Only a person's own saved alias is kept; another name outside the list is refused."""
    form = UserEditForm(posted(client_user, time_zone="US/Pacific"), instance=client_user)
    assert not form.is_valid()
    assert form.errors["time_zone"] == ["US/Pacific is not a time zone we know. Choose one from the list."]
