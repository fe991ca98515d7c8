"""Forms about people. They validate and convert; services do the writing."""

from __future__ import annotations

from typing import Any, cast

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.models import EmailAddress
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from mallard import access
from mallard.lib.names import NAME_MAX_LENGTH, name_problem
from mallard.lib.timezones import aliases_by_zone, time_zone_choices, time_zone_choices_keeping
from mallard.models import Invitation, User


def name_the_limits(fields: dict[str, forms.Field]) -> None:
    """Replace Django's generic messages ("This field is required.", "Ensure this value is less
    than or equal to 7.") with ones that name the field and its limits."""
    for field in fields.values():
        label = field.label or "this field"
        if field.error_messages.get("required") == forms.Field.default_error_messages["required"]:
            verb = "Choose" if isinstance(field, forms.ChoiceField) else "Fill in"
            field.error_messages["required"] = f"{verb} “{label}”."
        if isinstance(field, forms.IntegerField):
            low, high = field.min_value, field.max_value
            field.error_messages["invalid"] = f"“{label}” takes a whole number."
            if low is not None and high is not None:
                for code in ("min_value", "max_value"):
                    field.error_messages[code] = f"“{label}” takes a whole number from {low} to {high}."


def clean_person_name(value: str) -> str:
    """A person's name, stripped, or a form error that says what to change (mallard/lib/names.py)."""
    name = value.strip()
    problem = name_problem(name)
    if problem is not None:
        raise forms.ValidationError(problem)
    return name


class TimeZoneSelect(forms.Select):
    """The time zones, each option naming the old aliases it stands for (``data-aliases``), so that
    mallard.js can pre-select the zone a browser reports by an alias ("Asia/Calcutta")."""

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        also = aliases_by_zone().get(str(option["value"]))
        if also:
            option["attrs"]["data-aliases"] = " ".join(also)
        return option


def time_zone_field(*, detect: bool = False) -> forms.ChoiceField:
    """The offered zones grouped by region (``mallard.lib.timezones``)."""
    attrs = {"autocomplete": "off"}
    if detect:
        # mallard.js pre-selects the browser's zone; only on a fresh form (see SignupForm).
        attrs["data-detect-time-zone"] = "true"
    return forms.ChoiceField(
        label="Time zone",
        choices=time_zone_choices,
        initial=settings.MALLARD_DEFAULT_TIME_ZONE,
        help_text="Reminders and due dates use this time zone.",
        error_messages={"invalid_choice": "%(value)s is not a time zone we know. Choose one from the list."},
        widget=TimeZoneSelect(attrs=attrs) if detect else forms.Select(attrs=attrs),
    )


class KeepsSavedTimeZone(forms.BaseForm):
    """For a form with a ``time_zone_field()``: a zone saved before the list left out aliases
    ("US/Pacific") is offered first and chosen, so saving the form unchanged keeps it."""

    # Whose zone it is, to the person reading the form.
    time_zone_whose = "your"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["time_zone"])
        field.choices = time_zone_choices_keeping(self.initial.get("time_zone"), whose=self.time_zone_whose)


class LoginForm(AllauthLoginForm):
    """Allauth's sign-in form. A refused sign-in ("the e-mail address and/or password are not
    correct", too many attempts) is an error of the pair, not of one field: both inputs are marked
    invalid and described by the error summary that names the problem."""

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except ValidationError:
            for name in ("login", "password"):
                if name in self.fields:
                    self.fields[name].widget.attrs.update(
                        {"aria-invalid": "true", "aria-describedby": "error-summary-list"}
                    )
            raise


class ResetPasswordForm(AllauthResetPasswordForm):
    """Allauth's "forgot your password" form, sending a reset link only to an address its account
    has confirmed. Allauth would also send one to an extra address a person added and never
    confirmed (a typo, or someone else's address), and its owner could then set the password
    and sign in. An unconfirmed address gets the e-mail an unknown one gets, which changes
    nothing and, as for any address, tells the page's visitor nothing. An account's own address
    with no address row at all (one made with ``createsuperuser``) was set by staff, not added by
    the person, and keeps its link."""

    users: list[User]

    def clean_email(self) -> str:
        email = super().clean_email()
        found: list[User] = self.users
        rows = EmailAddress.objects.filter(email__iexact=email, user__in=[user.pk for user in found])
        verified = dict(rows.values_list("user_id", "verified"))
        self.users = [
            user
            for user in found
            if verified.get(user.pk) or (user.pk not in verified and user.email.lower() == email.lower())
        ]
        return email


class SignupForm(AllauthSignupForm):
    display_name = forms.CharField(
        label="Your name",
        max_length=NAME_MAX_LENGTH,
        help_text="How Mallard addresses you, for example “Maya Okafor”.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    time_zone = time_zone_field(detect=True)

    field_order = ("display_name", "email", "password1", "password2", "time_zone")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound:
            # Keep what the person chose when the form comes back with errors.
            self.fields["time_zone"].widget.attrs.pop("data-detect-time-zone", None)
        invitation = self._invitation()
        if invitation is not None:
            # The invitation fixes the address (the page shows it as text) and suggests the name
            # the therapist typed; the person may change the name.
            email = self.fields["email"]
            email.initial = invitation.email
            email.disabled = True
            email.widget = forms.HiddenInput()
            self.fields["display_name"].initial = invitation.name

    @staticmethod
    def _invitation() -> Invitation | None:
        from allauth.core import context

        from mallard.adapter import invitation_in_session

        request = getattr(context, "request", None)
        return invitation_in_session(request) if request is not None else None

    def clean_display_name(self) -> str:
        if not self.cleaned_data["display_name"].strip():
            raise forms.ValidationError("Please tell us your name.")
        return clean_person_name(self.cleaned_data["display_name"])

    def validate_unique_email(self, value: str) -> str:
        """An invitation wins over anyone's unconfirmed claim to the invited address, and never
        takes an address another account has confirmed.

        allauth counts such a claim as an existing account and, to hide it, quietly sends a "you
        already have an account" e-mail instead of signing up: the invitee would be stuck. The
        claim is released when the account is saved (``AccountAdapter.save_user``). Whoever holds
        the invitation's link controls the address, so they may be told that an account has it.
        """
        from mallard.access import account_with_address

        invitation = self._invitation()
        if invitation is None or value.lower() != invitation.email.lower():
            return super().validate_unique_email(value)
        if account_with_address(value) is not None:
            raise forms.ValidationError(address_taken_message(invitation))
        self.account_already_exists = False
        return value


def address_taken_message(invitation: Invitation) -> str:
    return (
        f"Another Mallard account has already confirmed {invitation.email}, so no new account can use "
        "it. If that account is yours, sign in with it and open the invitation link again. If it is "
        f"not, ask {invitation.therapist.display_name} to invite another address of yours."
    )


def one_time_code_field(label: str) -> forms.CharField:
    """A code from an authenticator app (6 digits) or a recovery code (8): phones show the number
    pad and can fill in a code they received (``one-time-code``)."""
    return forms.CharField(
        label=label,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class MfaAuthenticateForm(mfa_forms.AuthenticateForm):
    code = one_time_code_field("Code")


class MfaReauthenticateForm(mfa_forms.ReauthenticateForm):
    code = one_time_code_field("Code")


class ActivateTOTPForm(totp_forms.ActivateTOTPForm):
    code = one_time_code_field("Authenticator code")


class ProfileForm(KeepsSavedTimeZone, forms.Form):
    display_name = forms.CharField(label="Your name", max_length=NAME_MAX_LENGTH)
    time_zone = time_zone_field()

    def clean_display_name(self) -> str:
        if not self.cleaned_data["display_name"].strip():
            raise forms.ValidationError("Please tell us your name.")
        return clean_person_name(self.cleaned_data["display_name"])


class InvitationForm(forms.Form):
    name = forms.CharField(
        label="Client's name",
        max_length=NAME_MAX_LENGTH,
        help_text="As you would greet them; they can change it later.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    email = forms.EmailField(
        label="Client's email address",
        max_length=254,
        help_text="We send the invitation link here. It works once and expires.",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, therapist: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.therapist = therapist

    def clean_name(self) -> str:
        if not self.cleaned_data["name"].strip():
            raise forms.ValidationError("Please enter the client's name.")
        return clean_person_name(self.cleaned_data["name"])

    def clean_email(self) -> str:
        # Whether the address has an account is never told here: the answer would tell anyone with
        # a therapist account who uses Mallard (docs/security.md, invitations). Only the therapist's
        # own current clients and closed clients are named, and every address costs the same one query.
        email: str = self.cleaned_data["email"].strip().lower()
        if email == self.therapist.email.lower():
            raise forms.ValidationError("That is your own address. Enter your client's email address.")
        known = access.address_for_therapist(self.therapist, email)
        if known.client_name is not None:
            raise forms.ValidationError(f"{known.client_name} is already in your care.")
        if known.closed_client_name is not None:
            raise forms.ValidationError(
                f"{known.closed_client_name} closed their Mallard account, so it cannot accept an "
                "invitation. If they want to come back, ask your practice's administrator to reopen "
                "it; they can then sign in as before."
            )
        if known.invited:
            raise forms.ValidationError(
                "You have already invited this address. Resend that invitation from the list below instead."
            )
        return email


CLOSE_PHRASE = "delete my account"


class CloseAccountForm(forms.Form):
    """The client types a phrase to confirm: closing cannot be undone from Mallard."""

    confirmation = forms.CharField(
        label=f"To confirm, type “{CLOSE_PHRASE}”",
        max_length=100,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )

    def clean_confirmation(self) -> str:
        value: str = self.cleaned_data["confirmation"]
        if " ".join(value.lower().split()) != CLOSE_PHRASE:
            raise forms.ValidationError(f"Type “{CLOSE_PHRASE}” exactly to close your account.")
        return value
