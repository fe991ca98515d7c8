"""The client's "Who has looked at my records" page."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.test import Client, RequestFactory

from conftest import make_user
from homework import services
from homework.tests.conftest import make_assignment
from mallard import audit
from mallard.models import AuditEntry, Role, User
from sessions_app.tests.sessions_helpers import held_session

AssertMaxQueries = Callable[..., AbstractContextManager[Any]]

URL = "/accounts/privacy/record-access/"

pytestmark = pytest.mark.django_db


def therapist_reads(client: Client, therapist: User, client_user: User, times: int) -> None:
    client.force_login(therapist)
    for _ in range(times):
        client.get(f"/clients/{client_user.pk}/homework/")


def test_it_lists_who_looked_what_when_and_through_which_page(
    client: Client, therapist: User, client_user: User
) -> None:
    session = held_session(therapist, client_user)
    with time_machine.travel(datetime(2026, 3, 2, 15, 30, tzinfo=UTC), tick=False):
        client.force_login(therapist)
        client.get(f"/sessions/{session.pk}/")
    request = RequestFactory().get("/")
    request.user = therapist
    audit.record_export(request, client=client_user, export_format="json")

    client.force_login(client_user)
    response = client.get(URL)
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row.action for row in rows] == ["exported", "created", "viewed"]
    first_read = rows[-1]
    assert first_read.who == "Alice Adeyemi (therapist)"
    assert first_read.what == f"Therapy session #{session.pk}"
    assert first_read.page == "One of your sessions, with its notes"
    content = response.content.decode()
    # Carol lives in New York: 15:30 UTC is 10:30 there.
    assert "Mon 2 Mar 2026, 10:30" in content
    assert rows[0].action == "exported" and rows[0].what == "Your record as a whole"
    assert session.private_notes not in content and session.summary not in content


def test_staff_reads_name_the_staff_member(
    client: Client, staff: User, therapist: User, client_user: User
) -> None:
    goal = services.create_goal(client=client_user, created_by=therapist, text="Walk daily")
    client.force_login(staff)
    assert client.get(f"/admin/homework/goal/{goal.pk}/change/").status_code == 200
    client.force_login(client_user)
    rows = client.get(URL).context["rows"]
    staff_rows = [row for row in rows if row.who == "Mallard staff: Sam Staff"]
    assert [(row.what, row.page) for row in staff_rows] == [
        (f"Goal #{goal.pk}", "Mallard's administration site")
    ]


def test_it_leaves_out_the_clients_own_activity_and_other_clients(
    client: Client, therapist: User, client_user: User, other_therapist: User, other_client: User
) -> None:
    goal = services.create_goal(client=client_user, created_by=client_user, text="My own goal")
    therapist_reads(client, other_therapist, other_client, 1)
    client.force_login(client_user)
    client.post(f"/homework/goals/{goal.pk}/rate/", {f"goal-{goal.pk}-rating": 6})
    client.get("/homework/goals/")
    assert AuditEntry.objects.filter(actor=client_user).exists()  # the rating was recorded...
    response = client.get(URL)
    # ...but only the goal's creation, by Mallard outside any request, is listed.
    assert [(row.who, row.action) for row in response.context["rows"]] == [("Mallard (automatic)", "created")]


def test_it_says_so_when_nobody_has_looked(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    response = client.get(URL)
    assert response.context["rows"] == []
    assert "Nobody else has opened your records yet." in response.content.decode()


def test_changes_by_the_therapist_are_listed(client: Client, therapist: User, client_user: User) -> None:
    assignment = make_assignment(therapist, client_user)
    client.force_login(therapist)
    client.post(f"/assignments/{assignment.pk}/status/", {"action": "pause"})
    client.force_login(client_user)
    rows = client.get(URL).context["rows"]
    changed = [row for row in rows if row.action == "changed"]
    assert changed and changed[0].who == "Alice Adeyemi (therapist)"
    assert changed[0].page == "Pausing, resuming or finishing a piece of your homework"


def test_it_pages_newest_first(client: Client, therapist: User, client_user: User) -> None:
    therapist_reads(client, therapist, client_user, 30)
    client.force_login(client_user)
    first = client.get(URL)
    assert len(first.context["rows"]) == 25
    assert first.context["page"].has_next()
    second = client.get(URL, {"page": 2})
    assert len(second.context["rows"]) == 5
    newest = first.context["page"].object_list[0].timestamp
    oldest = second.context["page"].object_list[4].timestamp
    assert newest >= oldest
    assert client.get(URL, {"page": "not-a-page"}).status_code == 200


@pytest.mark.parametrize("size", [2, 40])
def test_its_query_count_does_not_grow(
    client: Client,
    therapist: User,
    client_user: User,
    staff: User,
    django_assert_max_num_queries: AssertMaxQueries,
    size: int,
) -> None:
    therapist_reads(client, therapist, client_user, size)
    goal = services.create_goal(client=client_user, created_by=therapist, text="Walk daily")
    client.force_login(staff)  # a second actor, a second kind of record, and Mallard's own row
    client.get(f"/admin/homework/goal/{goal.pk}/change/")
    client.force_login(client_user)
    client.get(URL)  # warm the session and per-process caches
    # Middleware and base page (session, user twice, the user-session touch in a savepoint, unread
    # notifications) plus the count and the page with its actors and kinds of record.
    with django_assert_max_num_queries(9):
        response = client.get(URL)
    assert len(response.context["rows"]) == min(size + 2, 25)


def test_it_is_linked_from_the_profile_and_the_account_menu(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    content = client.get("/accounts/profile/").content.decode()
    assert content.count(f'href="{URL}"') >= 2


def test_it_needs_a_signed_in_client(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", [Role.THERAPIST, Role.STAFF])
def test_other_roles_are_refused(client: Client, role: Role) -> None:
    client.force_login(make_user(f"{role}@example.com", "Someone", role))
    assert client.get(URL).status_code == 403


def test_it_only_answers_get(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    assert client.post(URL).status_code == 405


def test_a_deleted_actor_is_named_without_their_account(
    client: Client, therapist: User, client_user: User
) -> None:
    """The rows outlive the therapist's account; the page still renders."""
    helper = make_user("temp@example.com", "Temp Therapist", Role.THERAPIST)
    request = RequestFactory().get("/")
    request.user = helper
    audit.record_access(request, [client_user], client=client_user)
    helper.delete()
    client.force_login(client_user)
    rows = client.get(URL).context["rows"]
    assert [row.who for row in rows] == ["A person whose account has since been deleted"]
    assert AuditEntry.objects.get().actor_id is not None
