"""Who must use two-factor authentication, and whether they have enrolled.

Therapists and staff see clinical records, so they must enrol an authenticator
app before Mallard shows them anything else (``mallard.middleware.mfa_required_middleware``).
Clients may enrol if they wish.

Whether someone has enrolled is asked on every request they make. Once the answer is yes it
is kept in their session, so an enrolled person costs no query and no cache round trip
per request. "No" is never kept: the few pages someone who has not enrolled can reach ask
the database, and enrolling opens the rest at once. When an authenticator is removed,
reset or deleted (through allauth or the admin), the "yes" is taken out of every session
of that person, which allauth's usersessions lists.

Setting up two-factor authentication normally asks for the password again (allauth's
reauthentication). Right after signing in with a password, setting up a first authenticator
and seeing the recovery codes it makes does not ask again: the password was typed moments ago
(``is_first_enrolment_after_sign_in``).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from importlib import import_module
from typing import Any

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest

from mallard.models import Role

# Authenticators that prove a second factor at sign-in; recovery codes alone are only a fallback.
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)
# Holds the id of the person the session found enrolled, so that it never speaks for anyone else.
ENROLLED_SESSION_KEY = "mallard.mfa_enrolled"
# The pages of a first set-up: the authenticator app, then the recovery codes it creates.
FIRST_ENROLMENT_URL_NAMES = frozenset(
    {"mfa_activate_totp", "mfa_view_recovery_codes", "mfa_download_recovery_codes"}
)


def is_mfa_required(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Therapists and staff (by role or by the admin's staff flag) must use a second factor."""
    if not user.is_authenticated:
        return False
    return getattr(user, "role", None) in (Role.THERAPIST, Role.STAFF) or bool(
        getattr(user, "is_staff", False)
    )


def has_enrolled(user: AbstractBaseUser, session: SessionBase | None = None) -> bool:
    """Whether the person has an authenticator app or security key.

    With their ``session``, a "yes" found there is trusted and a "yes" from the database is kept there.
    """
    if session is not None and session.get(ENROLLED_SESSION_KEY) == user.pk:
        return True
    enrolled = Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTORS).exists()
    if enrolled and session is not None:
        session[ENROLLED_SESSION_KEY] = user.pk
    return enrolled


def forget_enrolment(user_id: object, request: HttpRequest | None = None) -> None:
    """Take the kept "yes" out of every session of the person, and out of this request's.

    The request's own session is saved from memory when the response goes out, so it is
    changed in memory as well as in the store.
    """
    if request is not None and hasattr(request, "session"):
        request.session.pop(ENROLLED_SESSION_KEY, None)
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session_key in UserSession.objects.filter(user_id=user_id).values_list("session_key", flat=True):
        session = store(session_key=session_key)
        if ENROLLED_SESSION_KEY in session:  # loads it; a session that has ended holds nothing
            del session[ENROLLED_SESSION_KEY]
            session.save()


def forget_enrolment_on_authenticator_change(sender: object, **kwargs: Any) -> None:
    """Receiver for allauth's authenticator_added/removed/reset and Authenticator deletion."""
    request = kwargs.get("request")
    user = kwargs.get("user")
    if user is not None:
        forget_enrolment(user.pk, request)
        return
    instance = kwargs.get("instance")
    if isinstance(instance, Authenticator):
        forget_enrolment(instance.user_id, request)


def is_first_enrolment_after_sign_in(request: HttpRequest) -> bool:
    """Whether this request sets up someone's first second factor moments after they signed in.

    True only on the set-up pages (``FIRST_ENROLMENT_URL_NAMES``), within
    ``ACCOUNT_REAUTHENTICATION_TIMEOUT`` of the latest password typed in this session (at
    sign-in or when asked again), for a person who had no authenticator app or security key
    when they typed it. Everything else, such as turning the app off, making new recovery codes
    or seeing the codes again on a later visit, still asks for the password again.
    """
    user = request.user
    match = request.resolver_match
    if not user.is_authenticated or match is None or match.url_name not in FIRST_ENROLMENT_URL_NAMES:
        return False
    typed_at = [
        record["at"]
        for record in get_authentication_records(request, user)
        if record.get("method") == "password"
    ]
    if not typed_at or time.time() - typed_at[-1] >= settings.ACCOUNT_REAUTHENTICATION_TIMEOUT:
        return False
    signed_in = datetime.fromtimestamp(typed_at[-1], tz=UTC)
    return not Authenticator.objects.filter(
        user_id=user.pk, type__in=SECOND_FACTORS, created_at__lt=signed_in
    ).exists()
