"""The Django admin: staff can browse people, care and invitations; sign-in goes through allauth."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from mallard.models import CareRelationship, Invitation, User
from mallard.tests.helpers import make_invitation


@pytest.fixture
def people(client_user: User, other_client: User, staff: User) -> None:
    """Alice and Carol, Bob and Dave, Sam: something in every list."""


@pytest.fixture
def invitations(therapist: User, client_user: User) -> dict[str, Invitation]:
    now = timezone.now()
    return {
        "pending": make_invitation(therapist, "pending@example.com", token="p"),
        "expired": make_invitation(
            therapist, "expired@example.com", token="e", expires_at=now - timedelta(days=1)
        ),
        "accepted": make_invitation(
            therapist, "accepted@example.com", token="a", accepted_at=now, accepted_by=client_user
        ),
        "revoked": make_invitation(therapist, "revoked@example.com", token="r", revoked_at=now),
    }


@pytest.fixture
def admin_client(client: Client, staff: User) -> Client:
    client.force_login(staff)
    return client


@pytest.mark.usefixtures("people")
@pytest.mark.parametrize(
    "query",
    [
        "",
        "?q=carol",
        "?role__exact=therapist",
        "?role__exact=client",
        "?is_active__exact=1",
        "?is_staff__exact=1",
        "?is_superuser__exact=0",
    ],
)
def test_staff_can_list_users(admin_client: Client, query: str) -> None:
    response = admin_client.get(f"/admin/mallard/user/{query}")
    assert response.status_code == 200
    assert "Select user to change" in response.content.decode()


@pytest.mark.usefixtures("people")
def test_the_user_search_and_role_filter_narrow_the_list(admin_client: Client) -> None:
    searched = admin_client.get("/admin/mallard/user/?q=carol").content.decode()
    assert "carol@example.com" in searched
    assert "dave@example.com" not in searched
    therapists = admin_client.get("/admin/mallard/user/?role__exact=therapist").content.decode()
    assert "alice@example.com" in therapists
    assert "bob@example.com" in therapists
    assert "carol@example.com" not in therapists


@pytest.mark.usefixtures("people")
def test_staff_can_open_a_user_and_the_add_form(admin_client: Client, client_user: User) -> None:
    change = admin_client.get(f"/admin/mallard/user/{client_user.pk}/change/")
    assert change.status_code == 200
    assert "Care relationships (as client)" in change.content.decode()
    assert admin_client.get("/admin/mallard/user/add/").status_code == 200


@pytest.mark.usefixtures("people")
@pytest.mark.parametrize(
    "query",
    [
        "",
        "?q=carol",
        "?q=alice",
        "?current=yes",
        "?current=no",
        f"?started_at__year={timezone.now().year}",
    ],
)
def test_staff_can_list_care_relationships(admin_client: Client, query: str) -> None:
    response = admin_client.get(f"/admin/mallard/carerelationship/{query}")
    assert response.status_code == 200
    assert "Select care relationship to change" in response.content.decode()


def test_the_current_filter_separates_current_from_ended_care(
    admin_client: Client, client_user: User, other_client: User
) -> None:
    CareRelationship.objects.filter(client=other_client).update(ended_at=timezone.now())
    current = admin_client.get("/admin/mallard/carerelationship/?current=yes").content.decode()
    ended = admin_client.get("/admin/mallard/carerelationship/?current=no").content.decode()
    assert "Carol Chen" in current
    assert "Dave Dlamini" not in current
    assert "Dave Dlamini" in ended
    assert "Carol Chen" not in ended


@pytest.mark.usefixtures("people", "invitations")
@pytest.mark.parametrize(
    "query",
    [
        "",
        "?q=pending",
        "?q=alice",
        "?status=pending",
        "?status=expired",
        "?status=accepted",
        "?status=revoked",
        f"?created_at__year={timezone.now().year}",
    ],
)
def test_staff_can_list_invitations(admin_client: Client, query: str) -> None:
    response = admin_client.get(f"/admin/mallard/invitation/{query}")
    assert response.status_code == 200
    assert "Select invitation to change" in response.content.decode()


@pytest.mark.usefixtures("people", "invitations")
@pytest.mark.parametrize("status", ["pending", "expired", "accepted", "revoked"])
def test_the_status_filter_shows_only_that_status(admin_client: Client, status: str) -> None:
    content = admin_client.get(f"/admin/mallard/invitation/?status={status}").content.decode()
    shown = {
        name for name in ("pending", "expired", "accepted", "revoked") if f"{name}@example.com" in content
    }
    assert shown == {status}


@pytest.mark.usefixtures("people")
def test_staff_can_open_an_invitation_but_not_add_one(
    admin_client: Client, invitations: dict[str, Invitation]
) -> None:
    response = admin_client.get(f"/admin/mallard/invitation/{invitations['pending'].pk}/change/")
    assert response.status_code == 200
    assert admin_client.get("/admin/mallard/invitation/add/").status_code == 403


@pytest.mark.usefixtures("people")
def test_the_therapist_autocomplete_works(admin_client: Client) -> None:
    response = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "mallard", "model_name": "carerelationship", "field_name": "therapist", "term": "ali"},
    )
    assert response.status_code == 200
    assert [row["text"] for row in response.json()["results"]] == ["Alice Adeyemi <alice@example.com>"]


@pytest.mark.django_db
def test_admin_sign_in_goes_through_allauth(client: Client) -> None:
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    index = client.get("/admin/", follow=True)
    assert index.redirect_chain[-1][0].startswith("/accounts/login/")


def test_a_signed_in_person_who_is_not_staff_is_refused(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    assert client.get("/admin/login/?next=/admin/").status_code == 403
    assert client.get("/admin/mallard/user/", follow=True).status_code == 403


@pytest.mark.parametrize("value", ["²", "٣", "-1", "9" * 40, "1,²"])
def test_an_add_page_ignores_an_id_in_the_query_string_that_is_no_id(
    admin_client: Client, value: str
) -> None:
    """The admin pre-fills an add form from the query string; ``?client=²`` used to be a server error."""
    response = admin_client.get("/admin/mallard/carerelationship/add/", {"client": value, "therapist": value})
    assert response.status_code == 200
    assert response.context["adminform"].form.initial.get("client") is None


def test_an_add_page_still_takes_a_real_id_from_the_query_string(
    admin_client: Client, client_user: User
) -> None:
    response = admin_client.get("/admin/mallard/carerelationship/add/", {"client": str(client_user.pk)})
    assert response.context["adminform"].form.initial["client"] == str(client_user.pk)
