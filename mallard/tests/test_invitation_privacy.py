"""The invitation form tells a therapist nothing about whether an address has an account.

Someone who already has one is e-mailed to sign in and accept or decline; they become a client
by the same rules as a new invitee. Open therapist sign-up is off in production, and staff
create therapists with ``manage.py createtherapist``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from conftest import make_user
from mallard import services
from mallard.models import CareRelationship, Invitation, InvitationStatus, Role, User
from mallard.tests.helpers import accept_url, make_invitation

CaptureOnCommit = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


def _answer(client: Client, email: str, capture: CaptureOnCommit) -> tuple[int, str, str]:
    """Send an invitation through the form: the status, the page the therapist then sees (with
    the address replaced, so two answers can be compared), and the e-mail sent."""
    with capture(execute=True):
        response = client.post("/invitations/", {"name": "Pat Doe", "email": email})
    page = client.get("/invitations/").content.decode()
    page = re.sub(r"(csrfmiddlewaretoken|once)\" value=\"[^\"]+\"", "", page)
    page = re.sub(r"/invitations/\d+/", "/invitations/N/", page)
    # The idle sign-out's and the sign-in limit's countdowns move on between two requests.
    page = re.sub(r"data-(idle|session)-seconds-left=\"\d+\"", "", page)
    page = re.sub(r"<time datetime=\"[^\"]+\">[^<]*</time>, in <span data-session-minutes>[^<]*", "", page)
    return response.status_code, page.replace(email, "ADDRESS"), str(mail.outbox[-1].body)


def test_the_form_answers_the_same_whether_or_not_the_address_has_an_account(
    client: Client,
    therapist: User,
    other_client: User,
    django_capture_on_commit_callbacks: CaptureOnCommit,
) -> None:
    client.force_login(therapist)
    status_known, page_known, body_known = _answer(
        client, "dave@example.com", django_capture_on_commit_callbacks
    )
    Invitation.objects.all().delete()
    status_new, page_new, body_new = _answer(client, "nobody@example.com", django_capture_on_commit_callbacks)
    assert status_known == status_new == 302
    assert page_known == page_new
    assert "We emailed an invitation to ADDRESS." in page_new
    assert "already has a Mallard account" not in page_known
    # Only the recipient learns the difference.
    assert "You already have a Mallard account" in body_known
    assert "Create your account" in body_new


def test_the_form_does_the_same_work_either_way(
    client: Client,
    therapist: User,
    other_client: User,
    django_assert_num_queries: Any,
    django_capture_on_commit_callbacks: CaptureOnCommit,
) -> None:
    """The same queries for a known and an unknown address: no timing told by extra work."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(therapist)
    counts = []
    for email in ("dave@example.com", "nobody@example.com"):
        client.get("/invitations/")
        with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
            client.post("/invitations/", {"name": "Pat Doe", "email": email})
        counts.append(len(queries))
    assert counts[0] == counts[1]


def _sign_in(client: Client, email: str, next_url: str) -> Any:
    from conftest import PASSWORD

    return client.post(f"/accounts/login/?next={next_url}", {"login": email, "password": PASSWORD})


def test_someone_with_an_account_signs_in_and_accepts(
    client: Client, therapist: User, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    former = make_user("fran@example.com", "Fran Former", Role.CLIENT)
    invitation = make_invitation(therapist, "fran@example.com", name="Fran")
    response = client.get(accept_url())
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={accept_url()}"
    login_page = client.get(response["Location"]).content.decode()
    assert "Alice Adeyemi invited you to Mallard" in login_page
    assert "sign up" not in login_page.lower()

    assert _sign_in(client, "fran@example.com", accept_url())["Location"] == accept_url()
    page = client.get(accept_url())
    assert page.status_code == 200
    assert "Alice Adeyemi invited you to Mallard" in page.content.decode()
    assert not CareRelationship.objects.filter(client=former).exists()  # a GET changes nothing

    response = client.post(f"{accept_url()}answer/", {"decision": "accept"}, follow=True)
    assert "You are now in the care of Alice Adeyemi on Mallard." in response.content.decode()
    care = CareRelationship.objects.get(client=former, ended_at__isnull=True)
    assert care.therapist == therapist
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert invitation.accepted_by == former
    # The link works once.
    assert client.get(accept_url()).status_code == 410


def test_someone_with_an_account_may_decline(client: Client, therapist: User) -> None:
    former = make_user("fran@example.com", "Fran Former", Role.CLIENT)
    invitation = make_invitation(therapist, "fran@example.com")
    client.force_login(former)
    response = client.post(f"{accept_url()}answer/", {"decision": "decline"}, follow=True)
    assert "You declined Alice Adeyemi&#x27;s invitation." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED
    assert not CareRelationship.objects.filter(client=former).exists()
    # The therapist's list no longer shows it, and the address may be invited again.
    client.force_login(therapist)
    assert "fran@example.com" not in client.get("/invitations/").content.decode()
    services.invite_client(therapist=therapist, email="fran@example.com", name="Fran")


def test_a_client_in_another_therapists_care_is_not_moved(
    client: Client, therapist: User, other_client: User
) -> None:
    invitation = make_invitation(therapist, "dave@example.com")
    client.force_login(other_client)
    page = client.get(accept_url()).content.decode()
    assert "You are in the care of Bob Brennan." in page
    assert 'value="accept"' not in page
    response = client.post(f"{accept_url()}answer/", {"decision": "accept"}, follow=True)
    assert "ask your practice&#x27;s administrator to transfer you" in response.content.decode()
    assert CareRelationship.objects.get(client=other_client, ended_at__isnull=True).therapist != therapist
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING


@pytest.mark.parametrize("role", [Role.THERAPIST, Role.STAFF])
def test_a_therapist_or_staff_account_never_becomes_a_client(
    client: Client, therapist: User, role: Role
) -> None:
    person = make_user("pat@example.com", "Pat Practitioner", role, is_staff=role == Role.STAFF)
    make_invitation(therapist, "pat@example.com")
    client.force_login(person)
    page = client.get(accept_url()).content.decode()
    assert f"is a {role.label.lower()} account, so it cannot become a client" in page
    client.post(f"{accept_url()}answer/", {"decision": "accept"})
    person.refresh_from_db()
    assert person.role == role
    assert not CareRelationship.objects.filter(client=person).exists()
    with pytest.raises(services.InvitationError):
        services.accept_invitation(invitation_id=Invitation.objects.get().pk, client=person)


def test_another_signed_in_person_cannot_answer(client: Client, therapist: User, other_client: User) -> None:
    make_user("fran@example.com", "Fran Former", Role.CLIENT)
    make_invitation(therapist, "fran@example.com")
    client.force_login(other_client)
    assert client.get(accept_url()).status_code == 409
    assert client.post(f"{accept_url()}answer/", {"decision": "decline"}).status_code == 404
    assert Invitation.objects.get().status == InvitationStatus.PENDING


def test_answering_needs_sign_in_and_a_post(client: Client, therapist: User) -> None:
    make_user("fran@example.com", "Fran Former", Role.CLIENT)
    make_invitation(therapist, "fran@example.com")
    assert client.post(f"{accept_url()}answer/", {"decision": "accept"})["Location"].startswith(
        "/accounts/login/"
    )
    client.force_login(User.objects.get(email="fran@example.com"))
    assert client.get(f"{accept_url()}answer/").status_code == 405


# --- therapist sign-up and createtherapist -------------------------------------------------------


def test_therapist_signup_is_off_by_default_in_production() -> None:
    from mallard.tests.test_settings_production import production_env, run

    script = ["-c", "import django; django.setup(); from django.conf import settings; "
              "print(settings.MALLARD_THERAPIST_SIGNUP)"]  # fmt: skip
    closed = run(script, production_env())
    assert closed.stdout.strip() == "False", closed.stderr
    opened = run(script, production_env(MALLARD_THERAPIST_SIGNUP="true"))
    assert opened.stdout.strip() == "True", opened.stderr


def test_createtherapist_makes_a_therapist_who_chooses_their_own_password(client: Client, db: None) -> None:
    out = io.StringIO()
    call_command("createtherapist", "Maya@Example.com", "Maya Okafor", stdout=out)
    maya = User.objects.get(email="maya@example.com")
    assert maya.role == Role.THERAPIST
    assert not maya.is_staff
    assert not maya.has_usable_password()
    assert EmailAddress.objects.get(user=maya).verified
    assert "/accounts/password/reset/" in out.getvalue()
    client.post("/accounts/password/reset/", {"email": "maya@example.com"})
    assert mail.outbox[-1].to == ["maya@example.com"]
    assert "/accounts/password/reset/key/" in mail.outbox[-1].body


@pytest.mark.parametrize(
    ("email", "name", "message"),
    [
        ("not-an-address", "Maya", "is not an e-mail address"),
        ("maya@example.com", "Maya <b>", "cannot contain characters"),
        ("alice@example.com", "Alice Again", "already exists"),
    ],
)
def test_createtherapist_refuses_bad_input(therapist: User, email: str, name: str, message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("createtherapist", email, name, stdout=io.StringIO())
    assert User.objects.filter(role=Role.THERAPIST).count() == 1


@pytest.mark.parametrize("role", [Role.THERAPIST, Role.STAFF])
def test_a_colleagues_address_answers_like_any_and_its_owner_is_asked_to_decline(
    client: Client, therapist: User, role: Role, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    make_user("pat@example.com", "Pat Practitioner", role, is_staff=role == Role.STAFF)
    client.force_login(therapist)
    status_known, page_known, body_known = _answer(
        client, "pat@example.com", django_capture_on_commit_callbacks
    )
    Invitation.objects.all().delete()
    status_new, page_new, _ = _answer(client, "nobody@example.com", django_capture_on_commit_callbacks)
    assert status_known == status_new == 302
    assert page_known == page_new
    # The page says why an invitation may wait, without saying which addresses have accounts.
    assert "an invitation to an address that cannot become a client, such as a colleague's" in page_new
    # The owner is told plainly that the account cannot become a client, and how to say so.
    assert f"Your Mallard account with this address is a {role.label.lower()} account" in body_known
    assert "sign in as usual and decline it, so that Alice Adeyemi knows to use another address" in body_known
    assert mail.outbox[-2].subject == "Alice Adeyemi invited this address to Mallard as a client"
