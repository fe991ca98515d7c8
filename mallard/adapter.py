"""Mallard's rules for allauth: who may sign up, and what signing up creates."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mallard import services
from mallard.mfa import is_first_enrolment_after_sign_in
from mallard.models import Invitation, Role, User

INVITATION_SESSION_KEY = "mallard_invitation_id"


def invitation_in_session(request: HttpRequest) -> Invitation | None:
    """The usable invitation this browser opened, if any."""
    invitation_id = request.session.get(INVITATION_SESSION_KEY)
    if invitation_id is None:
        return None
    invitation = Invitation.objects.select_related("therapist").filter(pk=invitation_id).first()
    if invitation is None or not invitation.is_usable:
        return None
    return invitation


def _invitation_gone(request: HttpRequest) -> HttpResponse:
    return render(request, "mallard/invitation_problem.html", {"problem": "gone"}, status=410)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Clients join only through an invitation; therapists when the practice allows it.
        if INVITATION_SESSION_KEY in request.session:
            if invitation_in_session(request) is None:
                # Revoked, used or expired since the link was opened: never fall back to
                # a therapist sign-up for someone who came as a client.
                request.session.pop(INVITATION_SESSION_KEY, None)
                raise ImmediateHttpResponse(_invitation_gone(request))
            return True
        return settings.MALLARD_THERAPIST_SIGNUP

    def save_user(self, request: HttpRequest, user: Any, form: BaseForm, commit: bool = True) -> User:
        data = form.cleaned_data
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=False)
            user.display_name = data["display_name"]
            user.time_zone = data["time_zone"]
            invitation = invitation_in_session(request)
            user.role = Role.CLIENT if invitation else Role.THERAPIST
            user.save()
            if invitation is not None:
                try:
                    services.accept_invitation(invitation_id=invitation.pk, client=user)
                except services.InvitationError:
                    request.session.pop(INVITATION_SESSION_KEY, None)
                    raise ImmediateHttpResponse(_invitation_gone(request)) from None
                request.session.pop(INVITATION_SESSION_KEY, None)
        return user

    def clean_email(self, email: str) -> str:
        email = super().clean_email(email)
        invitation = invitation_in_session(self.request) if self.request is not None else None
        if invitation is not None and email.lower() != invitation.email.lower():
            raise ValidationError(
                f"Your invitation was sent to {invitation.email}. Sign up with that address; "
                "you can add another one afterwards."
            )
        return email

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        # A password typed moments ago at sign-in is enough to set up a first authenticator.
        if (
            app == "allauth.mfa"
            and self.request is not None
            and is_first_enrolment_after_sign_in(self.request)
        ):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)
