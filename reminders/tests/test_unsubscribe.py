"""/reminders/unsubscribe/<token>/: no sign-in, GET asks, POST (or RFC 8058 one-click) stops e-mails."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from reminders import tokens
from reminders.models import Channel, Reminder, ReminderPreferences, ReminderStatus
from reminders.tests.links_helpers import make_assignment, prefs_for

pytestmark = pytest.mark.django_db


def url_for(user) -> str:
    return reverse("reminders-unsubscribe", args=[tokens.unsubscribe_token(user)])


def email_on(user) -> bool:
    prefs = ReminderPreferences.objects.filter(user=user).first()
    return prefs is None or prefs.email_enabled


def test_get_asks_before_stopping_and_changes_nothing(client, client_user):
    response = client.get(url_for(client_user))
    assert response.status_code == 200
    assert "Stop reminder emails?" in response.content.decode()
    assert 'method="post"' in response.content.decode()
    assert email_on(client_user)
    assert not ReminderPreferences.objects.filter(user=client_user).exists()


def test_post_stops_emails_without_signing_in_and_offers_a_way_back(client, client_user):
    response = client.post(url_for(client_user))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Reminder emails are off" in body
    assert reverse("reminders-preferences") in body
    assert not email_on(client_user)


def test_post_replans_so_pending_email_reminders_stop(client, therapist, client_user):
    prefs_for(client_user, email_enabled=True)
    make_assignment(therapist, client_user, start=None)
    pending_email = Reminder.objects.filter(
        user=client_user, channel=Channel.EMAIL, status=ReminderStatus.PENDING
    )
    assert pending_email.exists()
    client.post(url_for(client_user))
    assert not pending_email.exists()
    assert Reminder.objects.filter(
        user=client_user, channel=Channel.IN_APP, status=ReminderStatus.PENDING
    ).exists()


def test_one_click_post_works_without_csrf_token(client_user):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        url_for(client_user),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not email_on(client_user)


def test_posting_twice_is_harmless(client, client_user):
    client.post(url_for(client_user))
    assert client.post(url_for(client_user)).status_code == 200
    assert not email_on(client_user)


def test_get_after_unsubscribing_says_emails_are_already_off(client, client_user):
    prefs_for(client_user, email_enabled=False)
    body = client.get(url_for(client_user)).content.decode()
    assert "already off" in body
    assert 'method="post"' not in body


def test_therapist_can_unsubscribe_too(client, therapist):
    assert client.post(url_for(therapist)).status_code == 200
    assert not email_on(therapist)


def test_token_decides_whose_emails_stop_not_the_signed_in_user(client, client_user, other_client):
    client.force_login(other_client)
    client.post(url_for(client_user))
    assert not email_on(client_user)
    assert email_on(other_client)


@pytest.mark.parametrize("method", ["get", "post"])
def test_tampered_token_is_404_and_changes_nothing(client, client_user, method):
    token = tokens.unsubscribe_token(client_user)
    response = getattr(client, method)(reverse("reminders-unsubscribe", args=[token[:-3] + "abc"]))
    assert response.status_code == 404
    assert "isn't valid" in response.content.decode()
    assert email_on(client_user)


def test_malformed_token_is_404_and_changes_nothing(client, client_user):
    response = client.post(reverse("reminders-unsubscribe", args=["not-a-token"]))
    assert response.status_code == 404
    assert email_on(client_user)
    assert not ReminderPreferences.objects.exists()


def test_feed_token_cannot_unsubscribe(client, client_user):
    prefs = prefs_for(client_user, feed_enabled=True)
    response = client.post(reverse("reminders-unsubscribe", args=[tokens.feed_token(prefs)]))
    assert response.status_code == 404
    assert email_on(client_user)


def test_other_methods_are_not_allowed(client, client_user):
    assert client.put(url_for(client_user)).status_code == 405
    assert client.delete(url_for(client_user)).status_code == 405
    assert email_on(client_user)
