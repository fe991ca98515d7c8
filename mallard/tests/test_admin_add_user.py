"""The admin's "Add user": by default nobody types the new person's password; they are e-mailed
a link to choose their own, so the admin never knows it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.test import Client

from mallard.models import Role, User

pytestmark = pytest.mark.django_db

ADD = "/admin/mallard/user/add/"


@pytest.fixture
def admin_client(client: Client, staff: User) -> Client:
    client.force_login(staff)
    return client


def new_person(**changes: str) -> dict[str, str]:
    return {
        "email": "Nina.Novak@example.com",
        "display_name": "Nina Novak",
        "role": Role.THERAPIST,
        "time_zone": "Europe/London",
        "care_relationships-TOTAL_FORMS": "0",
        "care_relationships-INITIAL_FORMS": "0",
        **changes,
    }


def test_the_add_form_offers_no_password_by_default(admin_client: Client) -> None:
    content = admin_client.get(ADD).content.decode()
    assert re.search(r'<input type="radio" name="usable_password" value="false"[^>]* checked>', content)
    assert "They choose it: e-mail them a link to set their own password" in content
    assert 'name="password1"' in content  # still there, for "Set one now"


def test_the_add_form_chooses_no_role_and_asks_for_one(admin_client: Client) -> None:
    form = admin_client.get(ADD).context["adminform"].form
    assert form["role"].value() in (None, "")
    assert '<option value="" selected>Choose their role</option>' in str(form["role"])
    response = admin_client.post(ADD, new_person(role="", usable_password="false"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["role"] == [
        "Choose their role: client, therapist or staff."
    ]
    assert 'value="Nina.Novak@example.com"' in response.content.decode()
    assert not User.objects.filter(email="nina.novak@example.com").exists()


def test_a_person_added_without_a_password_is_emailed_a_link_to_choose_their_own(
    admin_client: Client, staff: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(ADD, new_person(usable_password="false"), follow=True)
    assert response.status_code == 200
    nina = User.objects.get(email="nina.novak@example.com")
    assert not nina.has_usable_password()
    assert EmailAddress.objects.filter(user=nina, email=nina.email, verified=True, primary=True).exists()
    assert "A link to choose their own password was e-mailed to nina.novak@example.com." in (
        response.content.decode()
    )
    # The admin's history of the account says so, beside Django's "Added".
    history = list(LogEntry.objects.filter(object_id=str(nina.pk)).order_by("pk"))
    assert [entry.is_addition() for entry in history] == [True, False]
    assert history[1].get_change_message() == "E-mailed a link to choose their own password."
    assert history[1].user_id == staff.pk

    (message,) = mail.outbox
    assert message.to == ["nina.novak@example.com"]
    assert message.subject == "Choose your Mallard password"
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", str(message.body))
    assert link is not None

    # Nina follows it, chooses a password and is signed in; it is hers alone.
    nina_browser = Client()
    form = nina_browser.get(link.group(0), follow=True)
    chosen = "a-long-passphrase-of-her-own"
    done = nina_browser.post(form.redirect_chain[-1][0], {"password1": chosen, "password2": chosen})
    assert done.status_code == 302
    assert nina_browser.session["_auth_user_id"] == str(nina.pk)
    nina.refresh_from_db()
    assert nina.check_password(chosen)


def test_setting_a_password_still_works_and_sends_nothing(
    admin_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    password = "correct-horse-battery-staple"
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            ADD, new_person(usable_password="true", password1=password, password2=password)
        )
    assert response.status_code == 302
    nina = User.objects.get(email="nina.novak@example.com")
    assert nina.check_password(password)
    assert mail.outbox == []


def test_an_address_another_account_has_is_refused_and_nothing_is_sent(
    admin_client: Client, client_user: User, django_capture_on_commit_callbacks: Any
) -> None:
    EmailAddress.objects.create(user=client_user, email="carol.second@example.com", verified=True)
    for address in (client_user.email.upper(), "Carol.Second@example.com"):
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(ADD, new_person(email=address, usable_password="false"))
        assert response.status_code == 200
        assert f"An account with the address {address.lower()} already exists." in response.content.decode()
    assert not User.objects.filter(display_name="Nina Novak").exists()
    assert mail.outbox == []
