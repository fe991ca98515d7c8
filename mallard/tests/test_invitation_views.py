"""The therapist's invitation pages and the link a client opens."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.utils import timezone

from mallard import services
from mallard.adapter import INVITATION_SESSION_KEY
from mallard.models import CareRelationship, Invitation, User
from mallard.tests.helpers import accept_url, field_error, field_value, make_invitation

CaptureOnCommit = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


# --- /invitations/ ---------------------------------------------------------------------------


def test_it_lists_the_therapists_open_invitations_only(
    client: Client, therapist: User, other_therapist: User
) -> None:
    make_invitation(therapist, "erin@example.com", token="t1")
    make_invitation(therapist, "gone@example.com", token="t2", revoked_at=timezone.now())
    make_invitation(other_therapist, "bobs.client@example.com", token="t3")
    client.force_login(therapist)
    response = client.get("/invitations/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "erin@example.com" in content
    assert "gone@example.com" not in content
    assert "bobs.client@example.com" not in content
    assert "expires after 14 days" in content


def test_it_sends_an_invitation(
    client: Client, therapist: User, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    client.force_login(therapist)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/invitations/", {"name": " Erin Evans ", "email": "Erin@Example.com"})
    assert response.status_code == 302
    assert response["Location"] == "/invitations/"
    invitation = Invitation.objects.get(therapist=therapist)
    assert (invitation.name, invitation.email) == ("Erin Evans", "erin@example.com")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["erin@example.com"]
    page = client.get("/invitations/").content.decode()
    assert "We emailed an invitation to erin@example.com." in page


def test_it_refuses_the_therapists_own_address_and_keeps_what_was_typed(
    client: Client, therapist: User
) -> None:
    client.force_login(therapist)
    response = client.post("/invitations/", {"name": "Me Myself", "email": "ALICE@example.com"})
    assert response.status_code == 200
    assert field_error(response, "email") == "That is your own address. Enter your client's email address."
    assert field_value(response, "name") == "Me Myself"
    assert field_value(response, "email") == "ALICE@example.com"
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_it_refuses_a_second_open_invitation_to_the_same_address(client: Client, therapist: User) -> None:
    make_invitation(therapist, "erin@example.com")
    client.force_login(therapist)
    response = client.post("/invitations/", {"name": "Erin Again", "email": "ERIN@example.com"})
    assert response.status_code == 200
    assert field_error(response, "email").startswith("You have already invited this address.")
    assert field_value(response, "name") == "Erin Again"
    assert Invitation.objects.count() == 1


def test_it_refuses_a_client_already_in_the_therapists_care_and_keeps_what_was_typed(
    client: Client, therapist: User, client_user: User
) -> None:
    client.force_login(therapist)
    response = client.post("/invitations/", {"name": "Carol Again", "email": "CAROL@example.com"})
    assert response.status_code == 200
    assert field_error(response, "email") == "Carol Chen is already in your care."
    assert field_value(response, "name") == "Carol Again"
    assert field_value(response, "email") == "CAROL@example.com"
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_it_refuses_a_clients_confirmed_second_address_but_not_an_unconfirmed_one(
    client: Client,
    therapist: User,
    client_user: User,
    django_capture_on_commit_callbacks: CaptureOnCommit,
) -> None:
    EmailAddress.objects.create(user=client_user, email="carol@work.example", verified=True)
    EmailAddress.objects.create(user=client_user, email="carol@old.example", verified=False)
    client.force_login(therapist)
    response = client.post("/invitations/", {"name": "Carol", "email": "Carol@Work.example"})
    assert field_error(response, "email") == "Carol Chen is already in your care."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/invitations/", {"name": "Carol", "email": "carol@old.example"})
    assert response.status_code == 302
    assert Invitation.objects.get().email == "carol@old.example"


def test_it_invites_a_former_client_or_another_therapists_client_as_any_address(
    client: Client,
    therapist: User,
    client_user: User,
    other_client: User,
    django_capture_on_commit_callbacks: CaptureOnCommit,
) -> None:
    CareRelationship.objects.filter(client=client_user).update(ended_at=timezone.now())
    client.force_login(therapist)
    for email in ("carol@example.com", "dave@example.com"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/invitations/", {"name": "Pat Doe", "email": email})
        assert response.status_code == 302
    assert sorted(Invitation.objects.values_list("email", flat=True)) == [
        "carol@example.com",
        "dave@example.com",
    ]


def test_it_allows_inviting_an_address_another_therapist_invited(
    client: Client,
    therapist: User,
    other_therapist: User,
    django_capture_on_commit_callbacks: CaptureOnCommit,
) -> None:
    make_invitation(other_therapist, "erin@example.com")
    client.force_login(therapist)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/invitations/", {"name": "Erin", "email": "erin@example.com"})
    assert response.status_code == 302
    assert Invitation.objects.filter(email="erin@example.com").count() == 2


def test_it_asks_for_a_name_and_a_valid_address(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    response = client.post("/invitations/", {"name": "   ", "email": "not-an-address"})
    assert response.status_code == 200
    assert field_error(response, "name") == "This field is required."
    assert field_error(response, "email") == "Enter a valid email address."
    assert field_value(response, "email") == "not-an-address"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/invitations/", "/invitations/1/resend/", "/invitations/1/revoke/"])
def test_it_sends_anonymous_visitors_to_sign_in(client: Client, path: str) -> None:
    response = client.post(path) if "/1/" in path else client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={path}"


@pytest.mark.parametrize("path", ["/invitations/", "/invitations/1/resend/", "/invitations/1/revoke/"])
def test_it_forbids_clients(client: Client, client_user: User, path: str) -> None:
    client.force_login(client_user)
    response = client.post(path) if "/1/" in path else client.get(path)
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("put", "/invitations/"),
        ("delete", "/invitations/"),
        ("get", "/invitations/{pk}/resend/"),
        ("get", "/invitations/{pk}/revoke/"),
    ],
)
def test_it_refuses_the_wrong_method(client: Client, therapist: User, method: str, path: str) -> None:
    invitation = make_invitation(therapist)
    client.force_login(therapist)
    response = getattr(client, method)(path.format(pk=invitation.pk))
    assert response.status_code == 405
    invitation.refresh_from_db()
    assert invitation.send_count == 1
    assert invitation.revoked_at is None


# --- resend and revoke -----------------------------------------------------------------------


def test_it_resends_an_invitation(
    client: Client, therapist: User, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    invitation = make_invitation(therapist)
    client.force_login(therapist)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/invitations/{invitation.pk}/resend/")
    assert response.status_code == 302
    assert response["Location"] == "/invitations/"
    invitation.refresh_from_db()
    assert invitation.send_count == 2
    assert len(mail.outbox) == 1
    page = client.get("/invitations/").content.decode()
    assert "We sent a new link to erin@example.com. The old link no longer works." in page
    assert "(2 times)" in page
    assert client.get(accept_url()).status_code == 404


def test_it_says_why_a_revoked_invitation_cannot_be_resent(client: Client, therapist: User) -> None:
    invitation = make_invitation(therapist, revoked_at=timezone.now())
    client.force_login(therapist)
    response = client.post(f"/invitations/{invitation.pk}/resend/", follow=True)
    assert "This invitation was already accepted, declined or revoked." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.send_count == 1
    assert mail.outbox == []


def test_it_revokes_an_invitation(client: Client, therapist: User) -> None:
    invitation = make_invitation(therapist)
    client.force_login(therapist)
    response = client.post(f"/invitations/{invitation.pk}/revoke/", follow=True)
    assert response.redirect_chain == [("/invitations/", 302)]
    assert "The invitation to erin@example.com is revoked; its link no longer works." in (
        response.content.decode()
    )
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    client.logout()
    assert client.get(accept_url()).status_code == 410


def test_it_says_why_an_accepted_invitation_cannot_be_revoked(
    client: Client, therapist: User, client_user: User
) -> None:
    invitation = make_invitation(therapist, accepted_at=timezone.now(), accepted_by=client_user)
    client.force_login(therapist)
    response = client.post(f"/invitations/{invitation.pk}/revoke/", follow=True)
    assert "This invitation was already accepted." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


@pytest.mark.parametrize("action", ["resend", "revoke"])
def test_it_hides_another_therapists_invitation(
    client: Client, therapist: User, other_therapist: User, action: str
) -> None:
    invitation = make_invitation(other_therapist)
    before = Invitation.objects.values().get(pk=invitation.pk)
    client.force_login(therapist)
    response = client.post(f"/invitations/{invitation.pk}/{action}/")
    assert response.status_code == 404
    assert Invitation.objects.values().get(pk=invitation.pk) == before
    assert mail.outbox == []


@pytest.mark.parametrize("action", ["resend", "revoke"])
def test_it_404s_for_an_invitation_that_does_not_exist(client: Client, therapist: User, action: str) -> None:
    client.force_login(therapist)
    assert client.post(f"/invitations/999999/{action}/").status_code == 404


# --- the link in the e-mail ------------------------------------------------------------------


def test_the_link_remembers_the_invitation_and_opens_signup(client: Client, therapist: User) -> None:
    invitation = make_invitation(therapist)
    response = client.get(accept_url())
    assert response.status_code == 302
    assert response["Location"] == "/accounts/signup/"
    assert client.session[INVITATION_SESSION_KEY] == invitation.pk
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    signup = client.get("/accounts/signup/")
    assert signup.status_code == 200
    assert "Welcome, Erin Evans" in signup.content.decode()
    assert "Alice Adeyemi invited you to Mallard" in signup.content.decode()


def test_the_link_answers_head_requests(client: Client, therapist: User) -> None:
    make_invitation(therapist)
    assert client.head(accept_url()).status_code == 302


def test_the_link_refuses_post(client: Client, therapist: User) -> None:
    make_invitation(therapist)
    response = client.post(accept_url())
    assert response.status_code == 405
    assert INVITATION_SESSION_KEY not in client.session


@pytest.mark.parametrize(
    ("state", "status", "heading", "detail"),
    [
        (
            "accepted",
            410,
            "This invitation has already been used",
            "An account was created with this link.",
        ),
        (
            "expired",
            410,
            "This invitation has expired",
            "Ask Alice Adeyemi to resend it",
        ),
        (
            "revoked",
            410,
            "This invitation was withdrawn",
            "Alice Adeyemi withdrew this invitation.",
        ),
        (
            "forged",
            404,
            "This invitation link isn't valid",
            "ask your therapist to send the invitation again",
        ),
    ],
)
def test_the_link_explains_why_it_no_longer_works(
    client: Client, therapist: User, state: str, status: int, heading: str, detail: str
) -> None:
    fields: dict[str, Any] = {}
    if state == "accepted":
        fields["accepted_at"] = timezone.now()
    elif state == "revoked":
        fields["revoked_at"] = timezone.now()
    elif state == "expired":
        fields["expires_at"] = timezone.now() - timedelta(minutes=1)
    make_invitation(therapist, **fields)
    token = "forged-token" if state == "forged" else "erin-token"

    response = client.get(accept_url(token))

    assert response.status_code == status
    content = response.content.decode()
    assert heading in content
    assert detail in content
    assert INVITATION_SESSION_KEY not in client.session


def test_the_link_asks_a_signed_in_person_to_sign_out_first(
    client: Client, therapist: User, other_client: User
) -> None:
    make_invitation(therapist)
    client.force_login(other_client)
    response = client.get(accept_url())
    assert response.status_code == 409
    content = response.content.decode()
    assert "You are already signed in" in content
    assert "You are signed in as dave@example.com" in content
    assert "for erin@example.com" in content
    assert INVITATION_SESSION_KEY not in client.session


def test_a_used_link_opened_while_signed_in_speaks_to_the_person_signed_in(
    client: Client, therapist: User, client_user: User, other_client: User
) -> None:
    make_invitation(therapist, accepted_at=timezone.now(), accepted_by=client_user)
    client.force_login(client_user)
    mine = client.get(accept_url()).content.decode()
    assert "You accepted it with the account you are signed in with" in mine
    assert "sign in</a>" not in mine
    client.force_login(other_client)
    theirs = client.get(accept_url()).content.decode()
    assert "it is not the one you are signed in with (dave@example.com)" in theirs
    assert "If it was yours, " not in theirs
    assert 'action="/accounts/logout/"' in theirs


def test_an_invitation_from_a_therapist_who_left_cannot_be_accepted(client: Client, therapist: User) -> None:
    """A deactivated therapist sees no one: the link says so, instead of leading to a sign-up that
    would put the new account in the care of someone who can never sign in."""
    make_invitation(therapist)
    User.objects.filter(pk=therapist.pk).update(is_active=False)
    response = client.get(accept_url())
    assert response.status_code == 410
    assert "no longer sees clients through Mallard" in response.content.decode()
    assert INVITATION_SESSION_KEY not in client.session


def test_an_existing_client_cannot_accept_once_the_therapist_has_left(therapist: User) -> None:
    invitation = make_invitation(therapist)
    erin = User.objects.create_user("erin@example.com", "x", display_name="Erin", role="client")
    User.objects.filter(pk=therapist.pk).update(is_active=False)
    with pytest.raises(services.InvitationError, match="no longer uses Mallard"):
        services.accept_invitation(invitation_id=invitation.pk, client=erin)
    assert not CareRelationship.objects.filter(client=erin).exists()
