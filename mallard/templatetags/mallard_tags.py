from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from mallard.adapter import invitation_in_session
from mallard.lib import dates
from mallard.lib.browsers import browser_name
from mallard.links import undo_path
from mallard.models import Invitation

register = template.Library()


@register.simple_tag
def signup_invitation(request: HttpRequest) -> Invitation | None:
    """The invitation this browser is signing up through, if any."""
    return invitation_in_session(request)


@register.simple_tag
def login_invitation(request: HttpRequest) -> Invitation | None:
    """The usable invitation whose link sent this browser to sign in (``?next=`` is its link)."""
    from mallard.services import invitation_from_next

    return invitation_from_next(request.GET.get("next", ""))


@register.simple_tag
def therapist_signup_open() -> bool:
    return bool(settings.MALLARD_THERAPIST_SIGNUP)


@register.simple_tag
def idle_timeout_seconds(user: object) -> int:
    """How long this person may leave Mallard untouched before it signs them out."""
    from mallard.middleware import idle_timeout_for

    return idle_timeout_for(user)


@register.simple_tag
def idle_seconds_left(request: HttpRequest) -> int:
    """How long this page may stay open untouched before the server signs the person out."""
    from mallard.middleware import idle_seconds_left

    return idle_seconds_left(request)


@dataclass(frozen=True)
class SessionEnd:
    """When the sign-in reaches its absolute limit (``SESSION_COOKIE_AGE``), which nothing extends."""

    seconds_left: int
    at: datetime
    warn_seconds: int  # how long before it the page says so
    age: int  # the limit itself, in seconds

    @property
    def soon(self) -> bool:
        return self.seconds_left <= self.warn_seconds


@register.simple_tag
def session_end(request: HttpRequest) -> SessionEnd:
    """The sign-in's end, for the notice that comes before it (templates/base.html)."""
    from mallard.middleware import SESSION_WARNING_SECONDS, session_seconds_left

    left = session_seconds_left(request)
    return SessionEnd(
        seconds_left=left,
        at=timezone.now() + timedelta(seconds=left),
        warn_seconds=SESSION_WARNING_SECONDS,
        age=int(settings.SESSION_COOKIE_AGE),
    )


@register.filter
def browser(user_agent: str | None) -> str:
    """A signed-in device's browser by name ("Firefox on Windows"): ``mallard.lib.browsers``."""
    return browser_name(user_agent)


@register.filter
def as_duration(seconds: int) -> str:
    """``43200`` -> ``12 hours``, ``2700`` -> ``45 minutes``."""
    from mallard.middleware import describe_duration

    return describe_duration(int(seconds))


@register.simple_tag
def activity_write_interval() -> int:
    """How often at most the server records activity, so the page need not tell it more often."""
    from mallard.middleware import ACTIVITY_WRITE_INTERVAL

    return ACTIVITY_WRITE_INTERVAL


@register.filter
def undo_url(message: object) -> str:
    """Where a message's "Undo" posts to (``mallard.links.undo_tag``), or "" without one."""
    return undo_path(str(getattr(message, "extra_tags", "") or ""))


@register.filter
def as_minutes(seconds: int) -> str:
    """``1800`` -> ``30 minutes``."""
    from mallard.middleware import describe_minutes

    return describe_minutes(int(seconds))


@register.filter
def as_days(days: int) -> str:
    """``2557`` -> ``about 7 years``, ``30`` -> ``30 days``: a retention period a person can picture."""
    days = int(days)
    years = round(days / 365.25)
    if years >= 1 and days >= 360:
        return f"about {years} year{'s' if years != 1 else ''}"
    return "1 day" if days == 1 else f"{days} days"


@register.filter
def window_end(value: datetime, day_format: str) -> str:
    """``dates.window_end`` in the current time zone (as the ``date`` filter)."""
    return dates.window_end(value, timezone.get_current_timezone(), day_format)


@register.filter
def ago(value: datetime) -> str:
    """ "3 hours ago", or "just now" for less than a minute."""
    from django.utils import timezone

    return dates.ago(value, timezone.now())


@register.filter
def html_datetime(value: datetime | None) -> str:
    """A ``<time datetime>`` value: ISO 8601 to the second with its UTC offset. HTML allows at
    most three digits of a second's fraction, and Django's ``date:'c'`` writes six."""
    return value.isoformat(timespec="seconds") if value else ""


@register.simple_tag
def has_second_factor(user: object) -> bool:
    """Whether the signed-in person has an authenticator app or security key (asks the database)."""
    from mallard.mfa import has_enrolled

    return bool(getattr(user, "is_authenticated", False)) and has_enrolled(user)  # type: ignore[arg-type]


@register.simple_tag(takes_context=True)
def site_nav(context: template.Context, part: str) -> SafeString:
    """A part of the navigation (``"links"`` or ``"account"``) from ``mallard/site_nav.html``.

    It depends only on the person's role, whether they are staff, and the current page, so
    outside DEBUG (where templates may change while the server runs) each combination is
    rendered once per process instead of reversing its twenty-odd URLs on every page.
    """
    user = context.get("user")
    signed_in = bool(getattr(user, "is_authenticated", False))
    match = getattr(context.get("request"), "resolver_match", None)
    key = (
        part,
        signed_in,
        getattr(user, "role", "") if signed_in else "",
        bool(getattr(user, "is_staff", False)) if signed_in else False,
        getattr(match, "url_name", None) or "",
        get_language(),
        get_script_prefix(),
    )
    if settings.DEBUG:
        return _render_nav(*key[:5])
    return _cached_nav(*key)


@lru_cache(maxsize=256)
def _cached_nav(
    part: str, signed_in: bool, role: str, is_staff: bool, current: str, language: str | None, prefix: str
) -> SafeString:
    return _render_nav(part, signed_in, role, is_staff, current)


def _render_nav(part: str, signed_in: bool, role: str, is_staff: bool, current: str) -> SafeString:
    context: dict[str, Any] = {
        "part": part,
        "signed_in": signed_in,
        "role": role,
        "is_staff": is_staff,
        "current": current,
    }
    return SafeString(render_to_string("mallard/site_nav.html", context).strip())  # nosec B703  # a template's output


@register.inclusion_tag("mallard/once_field.html", takes_context=True)
def once_field(context: template.Context, reuse: bool = True) -> dict[str, str]:
    """The hidden single-use key of a create form (see ``mallard.once``). A form re-shown with its
    errors keeps the key it was sent with; ``reuse=False`` asks for a new key, for the other forms
    of a page that shows several (only the one that was sent may keep it)."""
    from mallard.once import FIELD, key_for_form, new_key

    return {"name": FIELD, "key": key_for_form(context.get("request")) if reuse else new_key()}


def _page_problems(context: template.Context) -> list[Any]:
    """The errors of the bound forms in the page's context, worked out once per render."""
    from mallard.form_problems import problems_in_context

    cache = context.render_context
    if "mallard_form_problems" not in cache:
        cache["mallard_form_problems"] = problems_in_context(context.flatten())
    return list(cache["mallard_form_problems"])


@register.simple_tag(takes_context=True)
def error_title(context: template.Context) -> str:
    """``"Error: "`` before the page's title when a form on it was sent back with errors."""
    return "Error: " if _page_problems(context) else ""


@register.inclusion_tag("mallard/error_summary.html", takes_context=True)
def error_summary(context: template.Context) -> dict[str, Any]:
    """The "There is a problem" box at the top of ``main``: one line per error, each a link to the
    field to fix (docs/architecture.md, "Forms and their errors")."""
    return {"problems": _page_problems(context)}
