"""Who must use two-factor authentication, and whether they have enrolled.

Therapists and staff see clinical records, so they must enrol an authenticator
app before Mallard shows them anything else (``mallard.middleware.mfa_required_middleware``).
Clients may enrol if they wish.

Whether someone has enrolled is asked on every request they make, so the answer
is kept in the shared cache and forgotten when allauth adds, removes or resets
one of their authenticators.
"""

from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache

from mallard.models import Role

# Authenticators that prove a second factor at sign-in; recovery codes alone are only a fallback.
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)
# How long the answer is trusted without asking the database again.
ENROLMENT_CACHE_SECONDS = 60 * 60


def _cache_key(user_id: object) -> str:
    return f"mallard:mfa-enrolled:{user_id}"


def is_mfa_required(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Therapists and staff (by role or by the admin's staff flag) must use a second factor."""
    if not user.is_authenticated:
        return False
    return getattr(user, "role", None) in (Role.THERAPIST, Role.STAFF) or bool(
        getattr(user, "is_staff", False)
    )


def has_enrolled(user: AbstractBaseUser) -> bool:
    """Whether the person has an authenticator app or security key; cached per person."""
    key = _cache_key(user.pk)
    enrolled = cache.get(key)
    if enrolled is None:
        enrolled = Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTORS).exists()
        cache.set(key, enrolled, ENROLMENT_CACHE_SECONDS)
    return bool(enrolled)


def forget_enrolment(user_id: object) -> None:
    cache.delete(_cache_key(user_id))


def forget_enrolment_on_authenticator_change(sender: object, **kwargs: Any) -> None:
    """Receiver for allauth's authenticator_added/removed/reset and Authenticator deletion."""
    user = kwargs.get("user")
    if user is not None:
        forget_enrolment(user.pk)
        return
    instance = kwargs.get("instance")
    if isinstance(instance, Authenticator):
        forget_enrolment(instance.user_id)
