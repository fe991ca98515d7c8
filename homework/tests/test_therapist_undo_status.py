"""Undo an archive or a completion from the message that confirmed it: the assignment gets back
the status it had."""

from __future__ import annotations

import pytest
from django.test import Client

from homework import services
from homework.models import Assignment, AssignmentStatus
from mallard.models import User

pytestmark = pytest.mark.django_db


def archive(client: Client, assignment: Assignment) -> str:
    """Archive through the client's homework page; the page it lands on, message included."""
    response = client.post(f"/assignments/{assignment.pk}/status/", {"action": "archive"}, follow=True)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ARCHIVED
    return response.content.decode()


def undo_url(assignment: Assignment, to: str) -> str:
    return f"/assignments/{assignment.pk}/unarchive/?to={to}"


def test_archiving_an_active_assignment_offers_undo_that_makes_it_active_and_planned_again(
    client: Client, therapist: User, client_user: User, assignment: Assignment
) -> None:
    today = services.client_today(client_user)
    client.force_login(therapist)
    page = archive(client, assignment)
    assert "is archived" in page
    assert f'action="{undo_url(assignment, "active")}"' in page
    assert not assignment.occurrences.filter(due_date__gt=today).exists()

    response = client.post(undo_url(assignment, "active"), follow=True)
    assert response.redirect_chain == [(f"/clients/{client_user.pk}/homework/", 302)]
    assert (
        f"Undone: “{assignment.title}” is active again and planned from today." in response.content.decode()
    )
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACTIVE
    assert assignment.occurrences.filter(due_date__gt=today).exists()


def test_undoing_the_archive_of_a_paused_assignment_leaves_it_paused(
    client: Client, therapist: User, client_user: User, assignment: Assignment
) -> None:
    today = services.client_today(client_user)
    client.force_login(therapist)
    client.post(f"/assignments/{assignment.pk}/status/", {"action": "pause"})
    page = archive(client, assignment)
    assert f'action="{undo_url(assignment, "paused")}"' in page

    response = client.post(undo_url(assignment, "paused"), follow=True)
    assert f"Undone: “{assignment.title}” is paused again." in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.PAUSED
    assert not assignment.occurrences.filter(due_date__gt=today).exists()


def test_other_status_changes_offer_no_undo(client: Client, therapist: User, assignment: Assignment) -> None:
    client.force_login(therapist)
    response = client.post(f"/assignments/{assignment.pk}/status/", {"action": "pause"}, follow=True)
    assert "/unarchive/" not in response.content.decode()
    assert "/uncomplete/" not in response.content.decode()


# --- The Undo of "… is marked as completed" ------------------------------------------------------


def complete(client: Client, assignment: Assignment) -> str:
    """Mark completed through the client's homework page; the page it lands on, message included."""
    response = client.post(f"/assignments/{assignment.pk}/status/", {"action": "complete"}, follow=True)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.COMPLETED
    return response.content.decode()


def uncomplete_url(assignment: Assignment, to: str) -> str:
    return f"/assignments/{assignment.pk}/uncomplete/?to={to}"


def test_completing_an_active_assignment_offers_undo_that_makes_it_active_and_planned_again(
    client: Client, therapist: User, client_user: User, assignment: Assignment
) -> None:
    today = services.client_today(client_user)
    client.force_login(therapist)
    page = complete(client, assignment)
    assert "is marked as completed" in page
    assert f'action="{uncomplete_url(assignment, "active")}"' in page
    assert not assignment.occurrences.filter(due_date__gt=today).exists()

    response = client.post(uncomplete_url(assignment, "active"), follow=True)
    assert response.redirect_chain == [(f"/clients/{client_user.pk}/homework/", 302)]
    assert (
        f"Undone: “{assignment.title}” is active again and planned from today." in response.content.decode()
    )
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACTIVE
    assert assignment.occurrences.filter(due_date__gt=today).exists()


def test_undoing_the_completion_of_a_paused_assignment_leaves_it_paused(
    client: Client, therapist: User, assignment: Assignment
) -> None:
    client.force_login(therapist)
    client.post(f"/assignments/{assignment.pk}/status/", {"action": "pause"})
    page = complete(client, assignment)
    assert f'action="{uncomplete_url(assignment, "paused")}"' in page
    response = client.post(uncomplete_url(assignment, "paused"), follow=True)
    assert f"Undone: “{assignment.title}” is paused again." in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.PAUSED


def test_a_late_undo_of_a_completion_never_overrides_a_newer_choice(
    client: Client, therapist: User, assignment: Assignment
) -> None:
    client.force_login(therapist)
    complete(client, assignment)
    client.post(f"/assignments/{assignment.pk}/status/", {"action": "archive"})
    response = client.post(uncomplete_url(assignment, "active"), follow=True)
    assert f"“{assignment.title}” is no longer completed (archived), so there is nothing to undo." in (
        response.content.decode()
    )
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ARCHIVED


@pytest.mark.parametrize("to", ["", "completed", "archived", "deleted", "ACTIVE"])
def test_an_unknown_status_to_go_back_to_from_completed_is_400_and_changes_nothing(
    client: Client, therapist: User, assignment: Assignment, to: str
) -> None:
    client.force_login(therapist)
    complete(client, assignment)
    response = client.post(uncomplete_url(assignment, to))
    assert response.status_code == 400
    assert "Nothing was changed." in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.COMPLETED


def test_undoing_another_therapists_completion_is_404(
    client: Client, other_therapist: User, therapist: User, other_assignment: Assignment
) -> None:
    client.force_login(other_therapist)
    complete(client, other_assignment)
    client.force_login(therapist)
    assert client.post(uncomplete_url(other_assignment, "active")).status_code == 404
    assert client.get(uncomplete_url(other_assignment, "active")).status_code == 405
    other_assignment.refresh_from_db()
    assert other_assignment.status == AssignmentStatus.COMPLETED


def test_the_service_refuses_to_go_back_to_the_status_being_undone(assignment: Assignment) -> None:
    with pytest.raises(services.HomeworkError, match="active, paused or archived"):
        services.undo_status_change(
            assignment=assignment, undoing=AssignmentStatus.COMPLETED, status=AssignmentStatus.COMPLETED
        )


def test_a_late_undo_never_overrides_a_newer_choice(
    client: Client, therapist: User, assignment: Assignment
) -> None:
    client.force_login(therapist)
    archive(client, assignment)
    client.post(f"/assignments/{assignment.pk}/status/", {"action": "complete"})
    response = client.post(undo_url(assignment, "active"), follow=True)
    assert f"“{assignment.title}” is no longer archived (completed), so there is nothing to undo." in (
        response.content.decode()
    )
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.COMPLETED


@pytest.mark.parametrize("to", ["", "archived", "deleted", "ACTIVE"])
def test_an_unknown_status_is_400_and_changes_nothing(
    client: Client, therapist: User, assignment: Assignment, to: str
) -> None:
    client.force_login(therapist)
    archive(client, assignment)
    response = client.post(undo_url(assignment, to))
    assert response.status_code == 400
    assert "Nothing was changed." in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ARCHIVED


def test_another_therapists_assignment_is_404_and_stays_archived(
    client: Client, other_therapist: User, therapist: User, other_assignment: Assignment
) -> None:
    client.force_login(other_therapist)
    archive(client, other_assignment)
    client.force_login(therapist)
    assert client.post(undo_url(other_assignment, "active")).status_code == 404
    other_assignment.refresh_from_db()
    assert other_assignment.status == AssignmentStatus.ARCHIVED


def test_it_is_post_only_and_for_the_therapist_only(
    client: Client, therapist: User, client_user: User, assignment: Assignment
) -> None:
    client.force_login(therapist)
    archive(client, assignment)
    assert client.get(undo_url(assignment, "active")).status_code == 405
    client.logout()
    response = client.post(undo_url(assignment, "active"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(client_user)
    assert client.post(undo_url(assignment, "active")).status_code == 403
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ARCHIVED
