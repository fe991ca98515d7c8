"""One function per e-mail Mallard sends. Each has a subject, text and HTML template.

The subject and text templates wrap their content in ``{% autoescape off %}``: they are plain
text, so "O'Brien" must stay O'Brien. Only the HTML part is escaped
(mallard/tests/test_plain_text_email.py checks every ``email/*.txt`` template).
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from mallard.models import Invitation, Role, User


def _send(template: str, context: dict[str, object], to: str) -> None:
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    text = render_to_string(f"{template}_body.txt", context)
    html = render_to_string(f"{template}_body.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()


def send_invitation(invitation: Invitation, token: str) -> None:
    """The invitation link. Someone who already has an account is asked to sign in and accept;
    someone whose account is closed, to ask the practice to reopen it first; a therapist or staff
    account, to decline it; anyone else to create an account. Only the recipient learns which
    (docs/security.md)."""
    from mallard.access import account_with_address

    link = settings.SITE_URL + reverse("mallard-invitation-accept", args=[token])
    context = {
        "name": invitation.name,
        "therapist_name": invitation.therapist.display_name,
        "link": link,
        "expires_at": invitation.expires_at,
    }
    account = account_with_address(invitation.email)
    if account is None:
        template = "invitation"
    elif account.closed_at is not None:
        template = "invitation_closed"  # it cannot sign in until the practice reopens it
    elif account.role != Role.CLIENT:
        template = "invitation_not_client"  # it can only decline, so the therapist sees the mistake
        context["role"] = account.get_role_display().lower()
    else:
        template = "invitation_existing"
    _send(f"mallard/email/{template}", context, invitation.email)


def send_account_closed(user: User, record_kept_until: datetime | None) -> None:
    """Confirm a closed account: what stops now, and when the record is deleted."""
    context: dict[str, object] = {
        "name": user.display_name or user.email,
        "closed_at": user.closed_at,
        "record_kept_until": record_kept_until,
        "retention_days": settings.MALLARD_RECORD_RETENTION_DAYS,
        "time_zone": user.time_zone,
        "crisis_link": settings.SITE_URL + reverse("mallard-crisis"),
    }
    _send("mallard/email/account_closed", context, user.email)


def send_account_reopened(user: User) -> None:
    """Tell the person their closed account was reopened, so a reopening they did not ask for is seen."""
    context: dict[str, object] = {
        "name": user.display_name or user.email,
        "sign_in_link": settings.SITE_URL + reverse("account_login"),
        "crisis_link": settings.SITE_URL + reverse("mallard-crisis"),
    }
    _send("mallard/email/account_reopened", context, user.email)


def send_choose_password(user: User) -> None:
    """Welcome someone whose account staff made without a password, with a link to choose one.

    The link is allauth's password reset link (the same as "Forgot your password?" sends), so it
    lasts ``PASSWORD_RESET_TIMEOUT`` and works once; after that, the sign-in page's "Forgot your
    password?" gives a new one."""
    from allauth.account.adapter import get_adapter
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    context: dict[str, object] = {
        "name": user.display_name or user.email,
        "email": user.email,
        "link": get_adapter().get_reset_password_from_key_url(key),
        "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        "reset_link": settings.SITE_URL + reverse("account_reset_password"),
        "crisis_link": settings.SITE_URL + reverse("mallard-crisis"),
    }
    _send("mallard/email/choose_password", context, user.email)
