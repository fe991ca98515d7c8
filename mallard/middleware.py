"""Request-wide behaviour: one structured log line per request, the viewer's time zone,
security headers, the signed-in devices list, automatic logoff and two-factor enrolment for
therapists and staff."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from urllib.parse import urlencode

from allauth.usersessions.internal import usersessionkit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from mallard.mfa import has_enrolled, is_mfa_required
from mallard.models import Role

logger = logging.getLogger("mallard.request")

Handler = Callable[[HttpRequest], HttpResponse]


def request_log_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = get_response(request)
        match = request.resolver_match
        # The route pattern, not the path: paths can carry invitation and unsubscribe tokens.
        logger.info(
            "request",
            extra={
                "method": request.method,
                "route": match.route if match else "<unresolved>",
                "view": match.view_name if match else "",
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": getattr(request.user, "pk", None) if hasattr(request, "user") else None,
            },
        )
        return response

    return middleware


def user_time_zone_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    """Show every date and time in the signed-in person's own time zone."""

    def middleware(request: HttpRequest) -> HttpResponse:
        zone = getattr(request.user, "zone", None) if hasattr(request, "user") else None
        if zone is not None:
            timezone.activate(zone)
        else:
            timezone.deactivate()
        try:
            return get_response(request)
        finally:
            timezone.deactivate()

    return middleware


# Browser features Mallard never uses, switched off for every page and anything it might embed.
# WebAuthn (publickey-credentials-*) keeps the browser default, same-origin only. Every name here is
# one Chromium knows: an unknown name costs a console warning on every page.
DENIED_FEATURES = (
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "clipboard-read",
    "display-capture",
    "encrypted-media",
    "gamepad",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "local-fonts",
    "magnetometer",
    "microphone",
    "midi",
    "otp-credentials",
    "payment",
    "picture-in-picture",
    "screen-wake-lock",
    "serial",
    "usb",
    "window-management",
    "xr-spatial-tracking",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DENIED_FEATURES)


def security_headers_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    """The headers Django's SecurityMiddleware does not send, and no caching of signed-in pages.

    It sits just inside SecurityMiddleware, so static files get the headers too. Their
    requests never reach AuthenticationMiddleware, so they keep WhiteNoise's caching.
    Signed-in pages show clinical data: no browser, proxy or back button may keep a copy.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response

    return middleware


def method_not_allowed_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    """Give the empty 405 of ``require_POST`` and friends the site's own page (``405.html``).

    It happens when someone opens the address of a button, from their history or a bookmark.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if response.status_code == 405 and not response.content and not response.streaming:
            page = render(request, "405.html", status=405)
            if "Allow" in response:
                page["Allow"] = response["Allow"]
            return page
        return response

    return middleware


# --- Automatic logoff ------------------------------------------------------------------------------

LAST_ACTIVITY_SESSION_KEY = "mallard.last_activity"
SIGNED_IN_AT_SESSION_KEY = "mallard.signed_in_at"
# Last activity is written to the session at most this often, not on every request.
ACTIVITY_WRITE_INTERVAL = 60


def idle_timeout_for(user: object) -> int:
    """Seconds without a request after which the person is signed out."""
    if getattr(user, "role", None) == Role.CLIENT and not getattr(user, "is_staff", False):
        return int(settings.MALLARD_IDLE_TIMEOUT_CLIENT)
    return int(settings.MALLARD_IDLE_TIMEOUT_THERAPIST)


# A worksheet's draft that ``js/idle-logout.js`` saves by itself when "Still there?" appears
# carries this header (value "draft"). It is not activity: it neither restarts the idle clock nor
# renews the devices list's "last active", so a page left open still signs itself out on time.
BACKGROUND_SAVE_HEADER = "X-Mallard-Background-Save"
# When such a draft was last saved (a Unix time), so the sign-in page can say it was.
DRAFT_SAVED_SESSION_KEY = "mallard.draft_saved_at"


def is_background_save(request: HttpRequest) -> bool:
    """A POST the page sent by itself to keep a worksheet's draft, not something the person did."""
    return request.method == "POST" and request.headers.get(BACKGROUND_SAVE_HEADER) == "draft"


def note_background_draft_saved(request: HttpRequest) -> None:
    """Remember that the page saved a draft by itself, for the sign-in page's message."""
    request.session[DRAFT_SAVED_SESSION_KEY] = int(timezone.now().timestamp())


def _draft_saved_since(request: HttpRequest, last: int) -> bool:
    saved = request.session.get(DRAFT_SAVED_SESSION_KEY)
    return isinstance(saved, int) and saved >= last


DRAFT_SAVED_NOTE = (
    " What you had typed in the worksheet was saved as a draft before then: it is there when you carry on."
)


def idle_seconds_left(request: HttpRequest) -> int:
    """Seconds until ``idle_logout_middleware`` signs this person out unless they do something."""
    timeout = idle_timeout_for(request.user)
    last = request.session.get(LAST_ACTIVITY_SESSION_KEY)
    if not isinstance(last, int):
        return timeout
    return max(0, last + timeout - int(timezone.now().timestamp()))


# The notice that the sign-in is about to reach SESSION_COOKIE_AGE comes this long before: earlier
# than the idle notice, because nothing can extend it and there must be time to finish and save.
SESSION_WARNING_SECONDS = 10 * 60


def session_seconds_left(request: HttpRequest) -> int:
    """Seconds until ``idle_logout_middleware`` signs this person out however active they are."""
    age = int(settings.SESSION_COOKIE_AGE)
    signed_in_at = request.session.get(SIGNED_IN_AT_SESSION_KEY)
    if not isinstance(signed_in_at, int):
        return age
    return max(0, signed_in_at + age - int(timezone.now().timestamp()))


def describe_minutes(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    return f"{minutes} minute{'' if minutes == 1 else 's'}"


def describe_duration(seconds: int) -> str:
    if seconds >= 3600 and seconds % 3600 == 0:
        hours = seconds // 3600
        return f"{hours} hour{'' if hours == 1 else 's'}"
    return describe_minutes(seconds)


def idle_logout_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    """Sign people out after a stretch with no requests (HIPAA 164.312(a)(2)(iii) automatic logoff),
    and after ``SESSION_COOKIE_AGE`` however active they are.

    The time of the last request lives in the session, rewritten at most once a minute, so a
    person is signed out between ``timeout - 60`` and ``timeout`` seconds after their last click.
    Typing on an open page counts too: ``js/idle-logout.js`` tells ``mallard-still-here`` so.
    Rewriting the session also renews its cookie, so the sign-in time is kept to cap its life.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(timezone.now().timestamp())
            session = request.session
            last = session.get(LAST_ACTIVITY_SESSION_KEY)
            timeout = idle_timeout_for(request.user)
            # A form sent too late is not saved: the message says so, rather than let its text
            # vanish unnoticed (the keep-alive post sends no text).
            lost = request.method == "POST" and request.path != reverse("mallard-still-here")
            if isinstance(last, int) and now - last > timeout:
                idle = f"You were signed out after {describe_minutes(timeout)} of inactivity"
                if not lost and _draft_saved_since(request, last):
                    return _sign_out(
                        request,
                        f"{idle}, to keep your information private.{DRAFT_SAVED_NOTE} Sign in again to "
                        "carry on.",
                    )
                if lost:
                    return _sign_out(
                        request,
                        f"{idle}, to keep your information private, so what you had just sent was "
                        "not saved. Sign in again, then enter it once more.",
                    )
                return _sign_out(
                    request, f"{idle}, to keep your information private. Sign in again to carry on."
                )
            signed_in_at = session.get(SIGNED_IN_AT_SESSION_KEY)
            if isinstance(signed_in_at, int) and now - signed_in_at > settings.SESSION_COOKIE_AGE:
                ended = (
                    f"You were signed out because you signed in more than "
                    f"{describe_duration(settings.SESSION_COOKIE_AGE)} ago"
                )
                if lost:
                    return _sign_out(
                        request,
                        f"{ended}, so what you had just sent was not saved. Sign in again, then enter "
                        "it once more.",
                    )
                return _sign_out(request, f"{ended}. Sign in again to carry on.")
            if is_background_save(request):
                pass  # not activity: the idle clock runs on
            elif not isinstance(last, int) or now - last >= ACTIVITY_WRITE_INTERVAL:
                session[LAST_ACTIVITY_SESSION_KEY] = now
                session.setdefault(SIGNED_IN_AT_SESSION_KEY, now)
        return get_response(request)

    return middleware


def start_idle_clock(sender: object, request: HttpRequest | None = None, **kwargs: object) -> None:
    """Receiver for ``user_logged_in``: signing in counts as activity and starts the session's life."""
    if request is not None and hasattr(request, "session"):
        now = int(timezone.now().timestamp())
        request.session[LAST_ACTIVITY_SESSION_KEY] = now
        request.session[SIGNED_IN_AT_SESSION_KEY] = now


def _sign_out(request: HttpRequest, message: str) -> HttpResponse:
    logout(request)
    messages.info(request, message)
    login_url = reverse("account_login")
    come_back_to = request.get_full_path() if request.method in ("GET", "HEAD") else request.path
    if request.path in (login_url, reverse("account_logout")):
        return redirect(login_url)
    return redirect(f"{login_url}?{urlencode({REDIRECT_FIELD_NAME: come_back_to})}")


# --- Signed-in devices ------------------------------------------------------------------------------

# When this session last told allauth's usersessions it was active (a Unix time in seconds).
DEVICE_SEEN_SESSION_KEY = "mallard.device_seen"


def user_sessions_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    """allauth's ``UserSessionsMiddleware``, writing at most once a minute per session.

    allauth's own middleware records activity on every request: a transaction that reads the
    person again and rewrites the whole ``UserSession`` row, on every GET. The devices page shows
    "last active" as "n minutes ago", so a minute's precision is all it needs. The time of the
    last write is kept in the session (no query to read it) and rewritten together with the
    automatic-logoff clock, on the same interval, so a minute's first request carries one session
    write and one ``UserSession`` write, and every other GET writes nothing.

    It runs after ``idle_logout_middleware``: a request that arrives after the idle or 12-hour
    limit is signed out there and never reaches this, so an ended sign-in is never recorded as
    active on the devices list.

    Every sign-in goes through allauth (the admin's too), which records the device and starts
    this clock (``start_device_clock``). A session signed in by Django's ``login()`` alone
    (``force_login`` in tests) counts from its sign-in time instead, so its device is recorded a
    minute after sign-in rather than costing a session write on its first request.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if (
            session is not None
            and session.session_key
            and request.user.is_authenticated
            and not is_background_save(request)
        ):
            now = int(timezone.now().timestamp())
            seen = session.get(DEVICE_SEEN_SESSION_KEY, session.get(SIGNED_IN_AT_SESSION_KEY))
            if not isinstance(seen, int) or now - seen >= ACTIVITY_WRITE_INTERVAL:
                usersessionkit.track_activity(request, user=request.user, session=session)
                session[DEVICE_SEEN_SESSION_KEY] = now
        return get_response(request)

    return middleware


def start_device_clock(sender: object, request: HttpRequest | None = None, **kwargs: object) -> None:
    """Receiver for allauth's ``user_logged_in``: allauth has just recorded the device, so the
    next record is due a minute from now, together with the automatic-logoff clock's."""
    if request is not None and hasattr(request, "session"):
        request.session[DEVICE_SEEN_SESSION_KEY] = int(timezone.now().timestamp())


# --- Two-factor enrolment for therapists and staff ------------------------------------------------

# Pages a therapist or staff member needs before they have enrolled: sign-in and sign-out, their
# account settings, two-factor set-up, their signed-in devices, crisis help, the health check, and
# staying signed in while they type on one of these.
MFA_EXEMPT_URL_NAMES = frozenset(
    {"mallard-profile", "mallard-crisis", "mallard-healthz", "mallard-still-here"}
)
MFA_EXEMPT_URL_NAME_PREFIXES = ("account_", "mfa_", "usersessions_")
MFA_REQUIRED_MESSAGE = (
    "Mallard keeps clinical records behind two-factor authentication, so set up an authenticator "
    "app before you carry on. It takes about a minute."
)


def mfa_required_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    """Keep therapists and staff on the two-factor set-up pages until they have enrolled.

    allauth offers two-factor authentication but does not make anyone use it. Once a person has
    enrolled, their session says so (``mallard.mfa``): enrolled people cost no query and no cache
    round trip per request. The answer is kept only in a session that the signed-in devices list
    knows (``DEVICE_SEEN_SESSION_KEY``), because that list is how removing an authenticator
    reaches every session of the person.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            is_mfa_required(user)
            and not has_enrolled(user, _session_known_to_devices_list(request))  # type: ignore[arg-type]
            and not _mfa_exempt(request)
        ):
            if request.method in ("GET", "HEAD"):
                messages.warning(request, MFA_REQUIRED_MESSAGE)
                return redirect("mfa_activate_totp")
            return render(request, "mallard/mfa_required.html", status=403)
        return get_response(request)

    return middleware


def _session_known_to_devices_list(request: HttpRequest) -> SessionBase | None:
    return request.session if DEVICE_SEEN_SESSION_KEY in request.session else None


def _mfa_exempt(request: HttpRequest) -> bool:
    if request.path_info.startswith(settings.STATIC_URL):
        return True
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return True  # Nothing is there to protect; the 404 page is what they get.
    name = match.url_name or ""
    return name in MFA_EXEMPT_URL_NAMES or name.startswith(MFA_EXEMPT_URL_NAME_PREFIXES)
