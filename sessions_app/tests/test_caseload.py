"""The therapist's caseload: their own current clients and open invitations, searchable.

The dashboard's numbers, flags and sorting are tested in test_dashboard_*.py.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from conftest import make_user
from mallard.models import CareRelationship, Role, User
from mallard.tests.helpers import make_invitation
from sessions_app.tests.dashboard_helpers import AssertQueries, warm_view


def test_it_lists_the_therapists_current_clients(client: Client, client_user: User) -> None:
    client.force_login(client_user.care_relationships.get().therapist)
    response = client.get("/caseload/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Carol Chen" in content
    assert "carol@example.com" in content
    assert f'href="/clients/{client_user.pk}/overview/"' in content


def test_it_never_shows_another_therapists_clients(
    client: Client, therapist: User, client_user: User, other_client: User
) -> None:
    client.force_login(therapist)
    content = client.get("/caseload/").content.decode()
    assert "Carol Chen" in content
    assert "Dave Dlamini" not in content
    assert "dave@example.com" not in content


def test_it_leaves_out_clients_whose_care_ended(client: Client, therapist: User, client_user: User) -> None:
    CareRelationship.objects.filter(client=client_user).update(ended_at=timezone.now())
    client.force_login(therapist)
    content = client.get("/caseload/").content.decode()
    assert "Carol Chen" not in content
    assert "No clients yet." in content


def test_it_searches_by_name_or_email(client: Client, therapist: User, client_user: User) -> None:
    erin = make_user("erin@example.com", "Erin Evans", Role.CLIENT)
    CareRelationship.objects.create(therapist=therapist, client=erin)
    client.force_login(therapist)

    by_name = client.get("/caseload/", {"q": "  chen "}).content.decode()
    assert "Carol Chen" in by_name
    assert "Erin Evans" not in by_name
    assert 'value="chen"' in by_name

    by_email = client.get("/caseload/", {"q": "ERIN@"}).content.decode()
    assert "Erin Evans" in by_email
    assert "Carol Chen" not in by_email

    nobody = client.get("/caseload/", {"q": "zed"}).content.decode()
    assert "No client matches “zed”." in nobody


def test_search_cannot_reach_another_therapists_clients(
    client: Client, therapist: User, other_client: User
) -> None:
    client.force_login(therapist)
    content = client.get("/caseload/", {"q": "dave"}).content.decode()
    assert "dave@example.com" not in content


def test_it_shows_open_invitations_waiting_for_sign_up(
    client: Client, therapist: User, other_therapist: User
) -> None:
    make_invitation(therapist, "erin@example.com", token="t1")
    make_invitation(therapist, "gone@example.com", token="t2", revoked_at=timezone.now())
    make_invitation(other_therapist, "bobs@example.com", token="t3")
    client.force_login(therapist)
    content = client.get("/caseload/").content.decode()
    assert "Invitation pending" in content
    assert "erin@example.com" in content
    assert "gone@example.com" not in content
    assert "bobs@example.com" not in content


@pytest.mark.django_db
def test_it_sends_anonymous_visitors_to_sign_in(client: Client) -> None:
    response = client.get("/caseload/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/caseload/"


def test_it_forbids_clients(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    assert client.get("/caseload/").status_code == 403


def test_it_forbids_staff(client: Client, staff: User) -> None:
    client.force_login(staff)
    assert client.get("/caseload/").status_code == 403


def test_it_refuses_post(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    assert client.post("/caseload/").status_code == 405


def add_clients(therapist: User, count: int) -> None:
    for n in range(count):
        person = make_user(f"client{n}@example.com", f"Client {n:02}", Role.CLIENT)
        CareRelationship.objects.create(therapist=therapist, client=person)
        make_invitation(therapist, f"invitee{n}@example.com", token=f"token-{n}")


# One count for both sizes: the page's query count must not grow with the caseload.
# Today: user and session-tracking queries, the clients, their stored rows and next sessions, the
# window counts, the recent logs, the latest activity and scores and the repeated reasons of clients
# whose rows are not current, the invitations, and the one INSERT that records the read in the audit
# trail.
QUERY_BUDGET = 10


@pytest.mark.parametrize("size", [2, 20])
def test_its_query_count_does_not_grow_with_the_caseload(
    client: Client, therapist: User, django_assert_num_queries: AssertQueries, size: int
) -> None:
    add_clients(therapist, size)
    content = warm_view(client, therapist, "/caseload/", django_assert_num_queries, QUERY_BUDGET)
    # One row per client and one per open invitation.
    assert content.count('<th scope="row">') == 2 * size
