"""Nobody elsewhere can keep a person out of their account (docs/security.md, "Sign-in lockout").

Failed sign-ins are limited per account *and address* (5 in 5 minutes) and per address
(10 a minute). The limit per account from every address together is far higher (100 an hour),
and a password reset clears it and signs the owner in.
"""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.test import Client

from conftest import PASSWORD
from mallard.models import User

TOO_MANY = "Too many failed login attempts. Try again later."
HOME = "203.0.113.9"


def sign_in(client: Client, email: str, password: str, address: str) -> str:
    response = client.post("/accounts/login/", {"login": email, "password": password}, REMOTE_ADDR=address)
    if response.status_code == 302:
        return "signed in"
    content = response.content.decode()
    if TOO_MANY in content:
        return "refused"
    return "refused everywhere" if "from several places" in content else "wrong"


def test_an_attacker_elsewhere_cannot_keep_the_owner_out(therapist: User, client_user: User) -> None:
    attacker = Client()
    outcomes = [sign_in(attacker, client_user.email, f"guess-{n}", "198.51.100.7") for n in range(20)]
    assert outcomes == ["wrong"] * 5 + ["refused"] * 15
    # Another address of the attacker's gets its own five guesses, no more.
    assert [sign_in(attacker, client_user.email, f"more-{n}", "198.51.100.8") for n in range(6)] == (
        ["wrong"] * 5 + ["refused"]
    )
    # Carol, at home, signs in with her password, and with a typo or two first.
    carol = Client()
    assert sign_in(carol, client_user.email, "typo", HOME) == "wrong"
    assert sign_in(carol, client_user.email, PASSWORD, HOME) == "signed in"
    assert carol.session["_auth_user_id"] == str(client_user.pk)


def test_a_therapist_is_not_locked_out_either(therapist: User) -> None:
    for n in range(6):
        sign_in(Client(), therapist.email, f"guess-{n}", "198.51.100.7")
    response = Client().post(
        "/accounts/login/", {"login": therapist.email, "password": PASSWORD}, REMOTE_ADDR=HOME
    )
    assert response["Location"] == "/accounts/2fa/authenticate/"


def test_guessing_from_many_addresses_hits_the_account_wide_limit_and_a_reset_still_lets_the_owner_in(
    client_user: User, settings: Any
) -> None:
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed_account": "12/h/key"}
    guesses = [sign_in(Client(), client_user.email, f"guess-{n}", f"198.51.100.{n}") for n in range(14)]
    assert guesses == ["wrong"] * 12 + ["refused everywhere"] * 2
    carol = Client()
    assert sign_in(carol, client_user.email, PASSWORD, HOME) == "refused everywhere"
    response = carol.post(
        "/accounts/login/", {"login": client_user.email, "password": PASSWORD}, REMOTE_ADDR=HOME
    )
    assert "Reset your password to sign in now" in response.content.decode()

    mail.outbox.clear()
    carol.post("/accounts/password/reset/", {"email": client_user.email}, REMOTE_ADDR=HOME)
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", str(mail.outbox[0].body))
    assert link is not None
    form = carol.get(link.group(0), REMOTE_ADDR=HOME, follow=True)
    new_password = "a-new-and-long-passphrase"
    done = carol.post(
        form.redirect_chain[-1][0],
        {"password1": new_password, "password2": new_password},
        REMOTE_ADDR=HOME,
    )
    assert done.status_code == 302
    assert carol.session["_auth_user_id"] == str(client_user.pk)
    # The reset forgot the guesses: the new password works from anywhere.
    assert sign_in(Client(), client_user.email, new_password, "192.0.2.44") == "signed in"


def test_refused_attempts_do_not_count(client_user: User, settings: Any) -> None:
    """Attempts refused by a limit are not counted, so hammering a locked account extends nothing."""
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed_account": "8/h/key"}
    attacker = Client()
    for n in range(30):
        sign_in(attacker, client_user.email, f"guess-{n}", "198.51.100.7")
    # Five counted against the account, not thirty: three more addresses may still try before
    # the account-wide limit, and the owner is not refused.
    assert sign_in(Client(), client_user.email, "typo", "198.51.100.50") == "wrong"
    assert sign_in(Client(), client_user.email, PASSWORD, HOME) == "signed in"
