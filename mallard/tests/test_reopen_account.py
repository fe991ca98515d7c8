"""A closed client account can come back: the practice reopens it, and an invitation says how.

A closed account cannot sign in, and its address cannot make a new account while its record is
kept, so an invitation to that address must not tell the person to "sign in as usual".
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import Client

from mallard import access, retention
from mallard.adapter import INVITATION_SESSION_KEY
from mallard.models import AuditEntry, CareRelationship, Invitation, User
from mallard.tests.helpers import accept_url, field_error, field_value, make_invitation

pytestmark = pytest.mark.django_db

CaptureOnCommit = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


@pytest.fixture
def closed(client_user: User, django_capture_on_commit_callbacks: CaptureOnCommit) -> User:
    with django_capture_on_commit_callbacks(execute=True):
        retention.close_account(client=client_user)
    mail.outbox.clear()
    client_user.refresh_from_db()
    return client_user


@pytest.fixture
def admin_client(client: Client, staff: User) -> Client:
    client.force_login(staff)
    return client


def reopen_from_admin(admin_client: Client, *users: User, capture: CaptureOnCommit) -> str:
    """Run the user list's "Reopen" action on ``users``; the page the staff member lands on."""
    with capture(execute=True):
        response = admin_client.post(
            "/admin/mallard/user/",
            {"action": "reopen_closed_accounts", "_selected_action": [user.pk for user in users]},
            follow=True,
        )
    assert response.status_code == 200
    return str(response.content.decode())


# --- The invitation --------------------------------------------------------------------------


def test_an_invitation_to_a_closed_account_asks_for_it_to_be_reopened_first(
    client: Client, other_therapist: User, closed: User, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    # Carol closed her account in Alice's care; Bob, who never had her as a client, invites her.
    client.force_login(other_therapist)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/invitations/", {"name": "Carol Chen", "email": closed.email})
    assert response.status_code == 302
    # Bob is told what he is told for any address.
    assert "We emailed an invitation to carol@example.com." in client.get("/invitations/").content.decode()
    (message,) = mail.outbox
    assert message.to == [closed.email]
    body = str(message.body)
    assert "The Mallard account with this address was closed, so it cannot sign in" in body
    assert "ask Bob Brennan or their practice to reopen your account" in body
    assert "You already have a Mallard account" not in body
    assert isinstance(message, EmailMultiAlternatives)
    html = str(message.alternatives[0][0])
    assert "ask Bob Brennan or their practice to reopen your account" in html


def test_the_therapist_it_was_closed_with_is_told_at_once_and_nothing_is_sent(
    client: Client, therapist: User, closed: User
) -> None:
    # Alice's closed records already list Carol, so saying why tells her nothing new.
    client.force_login(therapist)
    response = client.post("/invitations/", {"name": "Carol Again", "email": "Carol@Example.com"})
    assert response.status_code == 200
    assert field_error(response, "email") == (
        "Carol Chen closed their Mallard account, so it cannot accept an invitation. If they want to "
        "come back, ask your practice's administrator to reopen it; they can then sign in as before."
    )
    assert field_value(response, "name") == "Carol Again"
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_the_link_explains_a_closed_account_instead_of_asking_to_sign_in(
    client: Client, therapist: User, closed: User
) -> None:
    make_invitation(therapist, closed.email)
    response = client.get(accept_url())
    assert response.status_code == 409
    content = response.content.decode()
    assert "The account for this address is closed" in content
    assert "ask them or their practice to reopen your account" in content
    # Nothing was stashed for a sign-up the address cannot make.
    assert INVITATION_SESSION_KEY not in client.session


# --- Reopening -------------------------------------------------------------------------------


def test_staff_reopen_a_closed_account_and_the_person_is_told(
    admin_client: Client,
    closed: User,
    staff: User,
    therapist: User,
    django_capture_on_commit_callbacks: CaptureOnCommit,
) -> None:
    assert access.closed_clients_of(therapist).filter(pk=closed.pk).exists()
    page = reopen_from_admin(admin_client, closed, capture=django_capture_on_commit_callbacks)
    assert "Reopened 1 account. Each person was told by e-mail and can sign in again." in page
    closed.refresh_from_db()
    assert closed.closed_at is None
    assert closed.is_active
    assert retention.record_kept_until(closed) is None
    (message,) = mail.outbox
    assert message.to == [closed.email]
    assert message.subject == "Your Mallard account is open again"
    assert "If you did not ask for this, contact your therapist or practice." in str(message.body)
    # In the audit trail (which fields, not their values) and in the admin's history.
    entry = AuditEntry.objects.filter(client_id=closed.pk, action=AuditEntry.Action.UPDATE).latest("pk")
    assert entry.actor == staff
    assert set(entry.changes) == {"closed_at", "is_active"}
    assert LogEntry.objects.filter(
        object_id=str(closed.pk), change_message="Reopened the closed account."
    ).exists()
    # Care that closing ended stays ended until a new invitation is accepted, and the account
    # leaves the former therapist's closed accounts, as any former client's record does.
    assert not CareRelationship.objects.filter(client=closed, ended_at__isnull=True).exists()
    assert not access.closed_clients_of(therapist).filter(pk=closed.pk).exists()
    assert not access.record_clients_of(therapist).filter(pk=closed.pk).exists()


def test_after_reopening_the_invitation_can_be_accepted(
    client: Client,
    admin_client: Client,
    therapist: User,
    closed: User,
    django_capture_on_commit_callbacks: CaptureOnCommit,
) -> None:
    make_invitation(therapist, closed.email)
    reopen_from_admin(admin_client, closed, capture=django_capture_on_commit_callbacks)
    visitor = Client()
    assert visitor.get(accept_url())["Location"].startswith("/accounts/login/")
    visitor.force_login(closed)
    respond = visitor.get(accept_url())
    assert respond.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        visitor.post(f"{accept_url()}answer/", {"decision": "accept"})
    assert CareRelationship.objects.filter(client=closed, therapist=therapist, ended_at__isnull=True).exists()


def test_the_action_leaves_open_and_non_client_accounts_alone(
    admin_client: Client,
    client_user: User,
    therapist: User,
    django_capture_on_commit_callbacks: CaptureOnCommit,
) -> None:
    page = reopen_from_admin(admin_client, client_user, therapist, capture=django_capture_on_commit_callbacks)
    assert "Not reopened: carol@example.com. This account is not closed." in page
    assert "Not reopened: alice@example.com. Only a client account can be reopened." in page
    assert "Reopened" not in page
    assert mail.outbox == []


def test_reopening_twice_is_refused_and_changes_nothing(closed: User) -> None:
    retention.reopen_account(client=closed)
    with pytest.raises(retention.AccountError, match="not closed"):
        retention.reopen_account(client=closed)


def test_an_account_purged_meanwhile_is_reported_not_an_error(closed: User) -> None:
    """The staff member's list was loaded before the purge deleted the account."""
    User.objects.filter(pk=closed.pk).delete()
    with pytest.raises(retention.AccountError, match="no longer exists"):
        retention.reopen_account(client=closed)


def test_active_cannot_be_ticked_on_a_closed_accounts_page(
    admin_client: Client, closed: User, client_user: User, other_client: User
) -> None:
    """Ticking "active" would let the person sign in while the purge still deletes the account."""
    closed_page = admin_client.get(f"/admin/mallard/user/{closed.pk}/change/").content.decode()
    assert 'name="is_active"' not in closed_page
    assert (
        "Reopen the selected closed client accounts"
        in admin_client.get("/admin/mallard/user/").content.decode()
    )
    open_page = admin_client.get(f"/admin/mallard/user/{other_client.pk}/change/").content.decode()
    assert 'name="is_active"' in open_page


def test_the_user_list_filters_closed_accounts(
    admin_client: Client, closed: User, other_client: User
) -> None:
    listed = admin_client.get("/admin/mallard/user/?closed_at__isempty=0").content.decode()
    assert "carol@example.com" in listed
    assert "dave@example.com" not in listed


def test_a_client_account_cannot_be_deleted_in_the_admin(
    admin_client: Client, client_user: User, therapist: User
) -> None:
    """Closing and the purge are the way a client's record goes (docs/data-rights.md)."""
    assert admin_client.get(f"/admin/mallard/user/{client_user.pk}/delete/").status_code == 403
    assert "Delete selected users" not in admin_client.get("/admin/mallard/user/").content.decode()
    assert admin_client.get(f"/admin/mallard/user/{therapist.pk}/delete/").status_code == 200
    assert User.objects.filter(pk=client_user.pk).exists()
