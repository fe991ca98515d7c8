"""Forms about people. They validate and convert; services do the writing."""

from __future__ import annotations

from typing import Any

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from mallard.lib.timezones import time_zone_choices
from mallard.models import Invitation, User


def time_zone_field(*, detect: bool = False) -> forms.ChoiceField:
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
        widget=forms.Select(attrs=attrs),
    )


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


class SignupForm(AllauthSignupForm):
    display_name = forms.CharField(
        label="Your name",
        max_length=120,
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

    def clean_display_name(self) -> str:
        name: str = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError("Please tell us your name.")
        return name


class ProfileForm(forms.Form):
    display_name = forms.CharField(label="Your name", max_length=120)
    time_zone = time_zone_field()

    def clean_display_name(self) -> str:
        name: str = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError("Please tell us your name.")
        return name


class InvitationForm(forms.Form):
    name = forms.CharField(
        label="Client's name",
        max_length=120,
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
        name: str = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Please enter the client's name.")
        return name

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        if email == self.therapist.email.lower():
            raise forms.ValidationError("That is your own address. Enter your client's email address.")
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "This address already has a Mallard account. If they are moving to you from another "
                "therapist, ask the practice's administrator to transfer them."
            )
        if Invitation.objects.filter(
            therapist=self.therapist, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
        ).exists():
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
