"""One function per e-mail Mallard sends. Each has a subject, text and HTML template."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from mallard.models import Invitation


def _send(template: str, context: dict[str, object], to: str) -> None:
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    text = render_to_string(f"{template}_body.txt", context)
    html = render_to_string(f"{template}_body.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()


def send_invitation(invitation: Invitation, token: str) -> None:
    link = settings.SITE_URL + reverse("mallard-invitation-accept", args=[token])
    context = {
        "name": invitation.name,
        "therapist_name": invitation.therapist.display_name,
        "link": link,
        "expires_at": invitation.expires_at,
    }
    _send("mallard/email/invitation", context, invitation.email)
