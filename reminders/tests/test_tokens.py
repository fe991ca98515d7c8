"""Signed tokens: each purpose's round trip, and every way a token can be bad."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import signing

from reminders import tokens
from reminders.tests.links_helpers import NOON_NY, occurrence_reminder, prefs_for

pytestmark = pytest.mark.django_db


def test_unsubscribe_token_reads_back_as_its_user(client_user):
    assert tokens.read_unsubscribe_token(tokens.unsubscribe_token(client_user)) == client_user


def test_unsubscribe_token_keeps_working_after_months(client_user):
    with time_machine.travel(NOON_NY, tick=False):
        token = tokens.unsubscribe_token(client_user)
    with time_machine.travel(NOON_NY + timedelta(days=400), tick=False):
        assert tokens.read_unsubscribe_token(token) == client_user


def test_unsubscribe_token_of_deactivated_user_is_invalid(client_user):
    token = tokens.unsubscribe_token(client_user)
    client_user.is_active = False
    client_user.save(update_fields=["is_active"])
    with pytest.raises(tokens.InvalidLink):
        tokens.read_unsubscribe_token(token)


@pytest.mark.parametrize(
    "mangle", [lambda t: t[:-2] + "xx", lambda t: "x" + t, lambda t: t[:10], lambda t: ""]
)
def test_tampered_or_malformed_tokens_are_invalid(client_user, mangle):
    with pytest.raises(tokens.InvalidLink):
        tokens.read_unsubscribe_token(mangle(tokens.unsubscribe_token(client_user)))


def test_a_token_for_one_purpose_is_worthless_for_another(client_user):
    prefs = prefs_for(client_user, feed_enabled=True)
    with pytest.raises(tokens.InvalidLink):
        tokens.read_unsubscribe_token(tokens.feed_token(prefs))
    with pytest.raises(tokens.InvalidLink):
        tokens.read_feed_token(tokens.unsubscribe_token(client_user))


def test_signed_payload_of_the_wrong_shape_is_invalid(client_user):
    forged = signing.dumps({"u": "1"}, salt=tokens.UNSUBSCRIBE_SALT)
    with pytest.raises(tokens.InvalidLink):
        tokens.read_unsubscribe_token(forged)
    listed = signing.dumps([client_user.pk], salt=tokens.UNSUBSCRIBE_SALT)
    with pytest.raises(tokens.InvalidLink):
        tokens.read_unsubscribe_token(listed)


def test_snooze_token_reads_back_within_48_hours(therapist, client_user):
    with time_machine.travel(NOON_NY, tick=False):
        reminder = occurrence_reminder(therapist, client_user)
        token = tokens.snooze_token(reminder)
    with time_machine.travel(NOON_NY + timedelta(hours=47), tick=False):
        assert tokens.read_snooze_token(token) == reminder


def test_snooze_token_expires_after_48_hours(therapist, client_user):
    with time_machine.travel(NOON_NY, tick=False):
        token = tokens.snooze_token(occurrence_reminder(therapist, client_user))
    with (
        time_machine.travel(NOON_NY + timedelta(hours=49), tick=False),
        pytest.raises(tokens.ExpiredLink),
    ):
        tokens.read_snooze_token(token)


def test_snooze_token_of_deleted_reminder_is_invalid(therapist, client_user):
    reminder = occurrence_reminder(therapist, client_user)
    token = tokens.snooze_token(reminder)
    reminder.delete()
    with pytest.raises(tokens.InvalidLink):
        tokens.read_snooze_token(token)


def test_feed_token_reads_back_while_enabled(client_user):
    prefs = prefs_for(client_user, feed_enabled=True)
    assert tokens.read_feed_token(tokens.feed_token(prefs)) == prefs


def test_bumping_feed_version_revokes_older_tokens(client_user):
    prefs = prefs_for(client_user, feed_enabled=True)
    old = tokens.feed_token(prefs)
    prefs = prefs_for(client_user, feed_version=prefs.feed_version + 1)
    with pytest.raises(tokens.InvalidLink):
        tokens.read_feed_token(old)
    assert tokens.read_feed_token(tokens.feed_token(prefs)) == prefs


def test_feed_token_of_disabled_feed_is_invalid(client_user):
    prefs = prefs_for(client_user, feed_enabled=False)
    with pytest.raises(tokens.InvalidLink):
        tokens.read_feed_token(tokens.feed_token(prefs))


def test_tokens_carry_no_secret_and_differ_per_user(client_user, other_client):
    assert tokens.unsubscribe_token(client_user) != tokens.unsubscribe_token(other_client)
    assert client_user.email not in tokens.unsubscribe_token(client_user)
