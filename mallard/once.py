"""One object per intent: every create form carries a single-use key.

The key is issued when the form is rendered (``{% once_field %}`` in the form) and spent, in the
same transaction as the write, when the form makes its object (``run``). Sending the same form
again (Back and Send, a double click, a retried request) finds the key spent and goes to the object
already made, writing nothing. The ``FormSubmission`` row's unique key enforces it in the database:
two requests racing with one key make one object, and the second waits for the first to commit.

A form re-shown with errors keeps its key, so the corrected submission still counts once. A key
that is malformed, or that another person spent, is a forged post: 404, nothing written. A post
with no key at all (not from one of Mallard's pages) is handled as before, without the guarantee.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest

from mallard.models import FormSubmission, User

FIELD = "once"
ALREADY_DONE = "That form was already sent; this is what it made. Nothing was added twice."
_KEY = re.compile(r"[0-9a-f]{32}")


def new_key() -> str:
    return secrets.token_hex(16)


def posted_key(request: HttpRequest) -> str | None:
    """The key the form was sent with; None if it had none. A malformed key is a forged post."""
    key = request.POST.get(FIELD)
    if key is None or request.method != "POST":
        return None
    if not _KEY.fullmatch(key):
        raise Http404("Unknown form.")
    return key


def key_for_form(request: HttpRequest | None) -> str:
    """The key a rendered form carries: the one it was sent with when re-shown, else a new one."""
    if request is not None and request.method == "POST":
        key = request.POST.get(FIELD, "")
        if _KEY.fullmatch(key):
            return key
    return new_key()


def earlier(request: HttpRequest) -> str | None:
    """Where the object this form already made is, if its key is spent (None: not yet).

    A key spent by someone else is a forged post: 404.
    """
    key = posted_key(request)
    if key is None:
        return None
    done = FormSubmission.objects.filter(key=key).first()
    if done is None:
        return None
    if done.user_id != request.user.pk:
        raise Http404("Unknown form.")
    return done.url


@transaction.atomic
def run(*, user: User, key: str | None, create: Callable[[], str]) -> tuple[str, bool]:
    """Spend ``key`` and call ``create`` (which writes and returns the new object's page) once.

    Returns the page and whether it was made now. If ``create`` raises, the key is not spent.
    """
    if key is None:
        return create(), True
    try:
        with transaction.atomic():
            submission = FormSubmission.objects.create(key=key, user=user)
    except IntegrityError:
        done = FormSubmission.objects.filter(key=key).first()
        if done is None or done.user_id != user.pk:
            raise Http404("Unknown form.") from None
        return done.url, False
    url = create()
    submission.url = url[:300]
    submission.save(update_fields=["url"])
    return url, True
