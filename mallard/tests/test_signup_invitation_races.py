"""An invitation that stops being usable between opening the link and submitting sign-up."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from mallard import services
from mallard.models import Invitation, Role, User


def _open_link(client: Client, therapist: User, django_capture_on_commit_callbacks) -> Invitation:
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite_client(therapist=therapist, email="erin@example.com", name="Erin")
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/invitations/accept/" in line)
    path = link[link.index("/invitations/") :].strip()
    assert client.get(path).status_code == 302
    return invitation


def _signup(client: Client):
    return client.post(
        "/accounts/signup/",
        {
            "display_name": "Erin Evans",
            "email": "erin@example.com",
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
            "time_zone": "Europe/Dublin",
        },
    )


@pytest.mark.django_db
def test_it_refuses_signup_when_the_invitation_was_revoked_after_opening(
    client: Client, therapist: User, django_capture_on_commit_callbacks
) -> None:
    invitation = _open_link(client, therapist, django_capture_on_commit_callbacks)
    services.revoke_invitation(invitation=invitation)

    response = _signup(client)

    assert response.status_code == 410
    assert b"can no longer be used" in response.content
    assert not User.objects.filter(email="erin@example.com").exists()


@pytest.mark.django_db
def test_it_never_turns_a_revoked_invitee_into_a_therapist(
    client: Client, therapist: User, django_capture_on_commit_callbacks, settings
) -> None:
    settings.MALLARD_THERAPIST_SIGNUP = True
    invitation = _open_link(client, therapist, django_capture_on_commit_callbacks)
    services.revoke_invitation(invitation=invitation)

    _signup(client)

    assert not User.objects.filter(role=Role.THERAPIST, email="erin@example.com").exists()


@pytest.mark.django_db
def test_it_rolls_back_the_new_user_when_acceptance_fails_at_the_last_moment(
    client: Client, therapist: User, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    _open_link(client, therapist, django_capture_on_commit_callbacks)

    def refuse(**kwargs: object) -> None:
        raise services.InvitationError("gone")

    monkeypatch.setattr(services, "accept_invitation", refuse)

    response = _signup(client)

    assert response.status_code == 410
    assert not User.objects.filter(email="erin@example.com").exists()
