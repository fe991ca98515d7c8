"""Signed tokens for the links that work without signing in.

Each purpose has its own salt, so a token made for one purpose is worthless
for another. Nothing secret is stored: a token is the signed id (and, for the
calendar feed, the feed's version), checked against ``SECRET_KEY``.

- Unsubscribe: the user's id. No expiry: an old e-mail's link must still stop
  the e-mails (RFC 8058), and it can do nothing else.
- Snooze: the reminder's id, valid for ``SNOOZE_MAX_AGE``.
- Calendar feed: the user's id and ``ReminderPreferences.feed_version``. No
  expiry; bumping the version revokes every earlier URL.

``read_*`` return the object, or raise ``InvalidLink`` (malformed, tampered,
revoked or unknown: a 404) or ``ExpiredLink`` (a 410).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core import signing

from mallard.models import User
from reminders.models import Reminder, ReminderKind, ReminderPreferences

UNSUBSCRIBE_SALT = "mallard.reminders.unsubscribe"
SNOOZE_SALT = "mallard.reminders.snooze"
FEED_SALT = "mallard.reminders.feed"

SNOOZE_MAX_AGE = timedelta(hours=48)


class LinkError(Exception):
    """A signed link that cannot be used."""


class InvalidLink(LinkError):
    """Malformed, tampered with, revoked, or pointing at nothing."""


class ExpiredLink(LinkError):
    """Genuine, but older than its purpose allows."""


def _load(token: str, salt: str, max_age: timedelta | None = None) -> dict[str, Any]:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredLink("This link has expired.") from error
    except signing.BadSignature as error:
        raise InvalidLink("This link isn't valid.") from error
    if not isinstance(data, dict):
        raise InvalidLink("This link isn't valid.")
    return data


def _int(data: dict[str, Any], key: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidLink("This link isn't valid.")
    return value


# --- Unsubscribe -----------------------------------------------------------------------------


def unsubscribe_token(user: User) -> str:
    return signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> User:
    user_id = _int(_load(token, UNSUBSCRIBE_SALT), "u")
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise InvalidLink("This link isn't valid.")
    return user


# --- Snooze ----------------------------------------------------------------------------------


def snooze_token(reminder: Reminder) -> str:
    return signing.dumps({"r": reminder.pk}, salt=SNOOZE_SALT)


def read_snooze_token(token: str) -> Reminder:
    """The occurrence reminder the link was sent for (with its user and occurrence)."""
    reminder_id = _int(_load(token, SNOOZE_SALT, SNOOZE_MAX_AGE), "r")
    reminder = (
        Reminder.objects.select_related("user", "occurrence__assignment", "occurrence__log")
        .filter(pk=reminder_id, kind=ReminderKind.OCCURRENCE, user__is_active=True)
        .first()
    )
    if reminder is None:
        raise InvalidLink("This link isn't valid.")
    return reminder


# --- Calendar feed ---------------------------------------------------------------------------


def feed_token(prefs: ReminderPreferences) -> str:
    return signing.dumps({"u": prefs.user_id, "v": prefs.feed_version}, salt=FEED_SALT)


def read_feed_token(token: str) -> ReminderPreferences:
    """The preferences of a feed that is on and whose URL has not been revoked."""
    data = _load(token, FEED_SALT)
    user_id, version = _int(data, "u"), _int(data, "v")
    prefs = (
        ReminderPreferences.objects.select_related("user")
        .filter(user_id=user_id, user__is_active=True, feed_version=version, feed_enabled=True)
        .first()
    )
    if prefs is None:
        raise InvalidLink("This calendar link was replaced or turned off.")
    return prefs
