"""Mallard's rules for allauth: who may sign up, and what signing up creates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress, EmailConfirmation
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal import ratelimit
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from mallard import services
from mallard.audit import client_ip
from mallard.forms import address_taken_message
from mallard.mfa import is_first_enrolment_after_sign_in
from mallard.models import Invitation, Role, User
from mallard.retention import record_kept_until

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


# Failed sign-ins from everywhere together, per account (docs/security.md, "Sign-in lockout").
ACCOUNT_WIDE_FAILURES = "login_failed_account"
ACCOUNT_WIDE_MESSAGE = (
    "Too many failed sign-ins for this account from several places. "
    "Reset your password to sign in now: the link in that e-mail always works."
)


@dataclass(frozen=True)
class SiteOnSiteURL:
    """What allauth's e-mails call the current site: Mallard at SITE_URL, never the request's Host."""

    name: str
    domain: str


def site_link(path: str) -> str:
    return settings.SITE_URL + path


def _invitation_gone(request: HttpRequest) -> HttpResponse:
    return render(request, "mallard/invitation_problem.html", {"problem": "gone"}, status=410)


def _address_taken(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    context = {"problem": "taken", "invitation": invitation, "message": address_taken_message(invitation)}
    return render(request, "mallard/invitation_problem.html", context, status=409)


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # allauth's "Please type your current password." reads as if nothing had been typed.
        "enter_current_password": (  # nosec B105  # an error message, not a password
            "That is not your current password. Type the password you sign in with now."
        ),
    }

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
            # An invited address makes a client account even without the invitation link: the
            # invitation is accepted once the address is confirmed (``confirm_email``). The page
            # shown is the same either way, so it tells no one whether the address was invited.
            invited = invitation is not None or services.usable_invitation_to(user.email) is not None
            user.role = Role.CLIENT if invited else Role.THERAPIST
            if invitation is not None:
                try:
                    services.release_address_for_invitation(email=invitation.email)
                except services.AddressTaken:
                    # Confirmed elsewhere since the form was checked: say so, and change nothing.
                    raise ImmediateHttpResponse(_address_taken(request, invitation)) from None
            user.save()
            if invitation is not None:
                try:
                    services.accept_invitation(invitation_id=invitation.pk, client=user)
                except services.InvitationError:
                    request.session.pop(INVITATION_SESSION_KEY, None)
                    raise ImmediateHttpResponse(_invitation_gone(request)) from None
                request.session.pop(INVITATION_SESSION_KEY, None)
        return user

    def confirm_email(self, request: HttpRequest, email_address: EmailAddress) -> bool:
        confirmed = bool(super().confirm_email(request, email_address))
        if confirmed:
            invitation = services.accept_invitation_on_confirmation(
                client=email_address.user, email=email_address.email
            )
            if invitation is not None:
                messages.success(
                    request,
                    f"{invitation.therapist.display_name} invited this address to Mallard, so your "
                    f"account is a client account and you are now in their care.",
                )
        return confirmed

    def respond_user_inactive(self, request: HttpRequest, user: Any) -> HttpResponse:
        """The right password for an account that cannot sign in: say why, and what to do.

        Only someone who typed the account's password sees when it was closed and until when its
        record is kept, on their own clock as the closing page and e-mail were; anyone else gets the
        usual wrong-password answer.
        """
        context = {
            "closed_at": user.closed_at,
            "kept_until": record_kept_until(user),
            "time_zone": user.zone,
        }
        return render(request, "account/account_inactive.html", context)

    def clean_email(self, email: str) -> str:
        email = super().clean_email(email)
        invitation = invitation_in_session(self.request) if self.request is not None else None
        if invitation is not None and email.lower() != invitation.email.lower():
            raise ValidationError(
                f"Your invitation was sent to {invitation.email}. Sign up with that address; "
                "you can add another one afterwards."
            )
        return email

    # --- The visitor's address: the same one the audit trail records ----------------------------

    def get_client_ip(self, request: HttpRequest) -> str:
        address = client_ip(request)
        if address is None:
            raise PermissionDenied("Unable to determine the client's address.")
        return address

    # --- Sign-in lockout -------------------------------------------------------------------------

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Count a sign-in attempt against the limits in docs/security.md ("Sign-in lockout").

        allauth keys its per-account limit on the account alone, so anyone anywhere can keep an
        account locked. Here the tight limit ("login_failed": 5 in 5 minutes) is per account and
        address, beside allauth's per-address limit; the account-wide limit
        ("login_failed_account") is far higher. A success gives back what it counted (allauth
        rolls back ``_login_failed_rl_usage``), and attempts refused by a limit count for nothing.
        """
        login = str(credentials.get("email", credentials.get("username", ""))).lower()
        here = ratelimit.consume(
            request,
            app="allauth.account",
            action="login_failed",
            key=f"{login}:{self.get_client_ip(request)}",
        )
        if not here:
            raise self.validation_error("too_many_login_attempts")
        everywhere = ratelimit.consume(
            request, app="allauth.account", action=ACCOUNT_WIDE_FAILURES, key=login
        )
        if not everywhere:
            here.rollback()
            raise ValidationError(ACCOUNT_WIDE_MESSAGE)
        self._login_failed_rl_usage = ratelimit.RateLimitUsage(usage=[*here.usage, *everywhere.usage])

    def _delete_login_attempts_cached_email(self, request: HttpRequest, **credentials: Any) -> None:
        """After a password reset, forget the account's failed sign-ins, from everywhere."""
        login = str(credentials.get("email", "")).lower()
        ratelimit.clear(request, app="allauth.account", action=ACCOUNT_WIDE_FAILURES, key=login)
        ratelimit.clear(
            request,
            app="allauth.account",
            action="login_failed",
            key=f"{login}:{self.get_client_ip(request)}",
        )

    # --- Links in allauth's e-mails: always SITE_URL -----------------------------------------

    def get_reset_password_from_key_url(self, key: str) -> str:
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return site_link(path.replace("UID-KEY", quote(key)))

    def get_email_confirmation_url(self, request: HttpRequest, emailconfirmation: EmailConfirmation) -> str:
        return site_link(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def send_account_already_exists_mail(self, email: str) -> None:
        context = {
            "signup_url": site_link(reverse("account_signup")),
            "password_reset_url": site_link(reverse("account_reset_password")),
        }
        self.send_mail("account/email/account_already_exists", email, context)

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        # allauth builds the sign-up link of "unknown account" e-mails from the request itself.
        links = {"signup_url": site_link(reverse("account_signup"))} if "signup_url" in context else {}
        site = SiteOnSiteURL(name="Mallard", domain=urlsplit(settings.SITE_URL).netloc)
        super().send_mail(template_prefix, email, {**context, **links, "current_site": site})

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        # A password typed moments ago at sign-in is enough to set up a first authenticator.
        if (
            app == "allauth.mfa"
            and self.request is not None
            and is_first_enrolment_after_sign_in(self.request)
        ):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)
