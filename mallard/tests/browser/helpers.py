"""Helpers the browser tests share: reading links out of e-mail, finding form fields and
answering the two-factor step of sign-in."""

from __future__ import annotations

import re
import time

from allauth.mfa import app_settings as mfa_settings
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import Locator, Page, expect

from conftest import totp_code, totp_for_secret
from mallard.models import User


def link_in_last_email(to: str, path_prefix: str) -> str:
    """The first link in the newest e-mail to ``to`` whose path starts with ``path_prefix``."""
    messages = [message for message in mail.outbox if to in message.to]
    assert messages, f"no e-mail was sent to {to}"
    match = re.search(rf"https?://[^\s\"<>]+{re.escape(path_prefix)}[^\s\"<>]*", str(messages[-1].body))
    assert match, f"no {path_prefix} link in the e-mail to {to}:\n{messages[-1].body}"
    return match.group(0)


def field(page: Page, label: str) -> Locator:
    """A form control by its exact label; crispy-forms marks required fields with a trailing ``*``."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def enter_totp(page: Page, user: User) -> None:
    """Answer sign-in's two-factor step with the code ``user``'s authenticator app shows.

    A code works once: if this test already used the current one, wait for the next.
    """
    expect(page.get_by_role("heading", name="Enter your sign-in code")).to_be_visible()
    field(page, "Code").fill(unused_totp_code(user))
    page.get_by_role("button", name="Sign In").click()


def unused_totp_code(user: User) -> str:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    totp = TOTP(Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP))
    code = totp_code(user)
    period = mfa_settings.TOTP_PERIOD
    while cache.get(totp._get_used_cache_key(code)) is not None:
        time.sleep(period - time.time() % period + 0.1)
        code = totp_code(user)
    return code


def finish_sign_in(page: Page, email: str) -> None:
    """After the password step: people with an authenticator app (all therapists and staff)
    enter its code next."""
    from allauth.mfa.models import Authenticator

    user = User.objects.get(email=email)
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        enter_totp(page, user)


def set_up_authenticator_app(page: Page, password: str | None = None, continue_to: str = "") -> None:
    """Enrol the way a person does after Mallard sends them to the set-up page: copy the secret
    into an authenticator app, type the code it shows, then see the recovery codes.

    Set-up asks for the ``password`` first when none was typed in the last five minutes, such as
    after confirming an e-mail address. With ``continue_to``, leave the recovery codes by the
    button of that name.
    """
    if password is not None:
        expect(page.get_by_role("heading", name="Confirm it's you")).to_be_visible()
        field(page, "Password").fill(password)
        page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Set up two-factor authentication")).to_be_visible()
    secret = page.get_by_label("Authenticator secret").input_value()
    field(page, "Authenticator code").fill(totp_for_secret(secret))
    page.get_by_role("button", name="Turn on").click()
    expect(page.get_by_role("heading", name="Recovery Codes")).to_be_visible()
    if continue_to:
        page.get_by_role("link", name=continue_to).click()
