"""Signed links: the calendar feed (and its settings page), unsubscribe and snooze.

Only ``feed_settings`` needs signing in. The others are opened from an e-mail
or a calendar app: the signed token is the protection. A malformed, tampered
or revoked token is a 404, an expired one a 410, and neither changes anything.
"""

from __future__ import annotations

import contextlib

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from mallard.decorators import client_required
from mallard.types import AuthenticatedHttpRequest
from reminders import feeds, links, tokens
from reminders.forms.links import FeedAction, SnoozeForm

FEED_MESSAGES = {
    FeedAction.ENABLE: "Your calendar feed is on. Add the link below to your calendar app.",
    FeedAction.REVOKE: "The old link has stopped working. Add the new link below to your calendar app.",
    FeedAction.DISABLE: "Your calendar feed is off. Calendars that had the link stop updating.",
}
FEED_SERVICES = {
    FeedAction.ENABLE: feeds.enable_feed,
    FeedAction.REVOKE: feeds.revoke_feed,
    FeedAction.DISABLE: feeds.disable_feed,
}


def _bad_link(request: HttpRequest, error: tokens.LinkError, purpose: str) -> HttpResponse:
    expired = isinstance(error, tokens.ExpiredLink)
    context = {"problem": "expired" if expired else "invalid", "purpose": purpose}
    return render(request, "reminders/links/problem.html", context, status=410 if expired else 404)


@client_required
@require_http_methods(["GET", "POST"])
@never_cache
def feed_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = FeedAction(request.POST)
        if form.is_valid():
            action = form.cleaned_data["action"]
            FEED_SERVICES[action](user=request.user)
            messages.success(request, FEED_MESSAGES[action])
        return redirect("reminders-feed-settings")
    prefs = feeds.preferences_of(request.user)
    urls = feeds.feed_urls(prefs) if prefs is not None and prefs.feed_enabled else None
    context = {"urls": urls, "actions": FeedAction}
    return render(request, "reminders/links/feed_settings.html", context)


@require_safe
@never_cache
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    try:
        prefs = tokens.read_feed_token(token)
    except tokens.LinkError as error:
        return _bad_link(request, error, "feed")
    if not prefs.user.is_client:
        return _bad_link(request, tokens.InvalidLink(), "feed")
    response = HttpResponse(feeds.build_calendar(prefs), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="mallard.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response


@csrf_exempt  # RFC 8058 one-click POSTs carry no CSRF token; the signed token is the protection.
@require_http_methods(["GET", "POST"])
@never_cache
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user = tokens.read_unsubscribe_token(token)
    except tokens.LinkError as error:
        return _bad_link(request, error, "unsubscribe")
    if request.method == "POST":  # a person's button, or a mail client's List-Unsubscribe=One-Click
        links.turn_off_email(user=user)
        return render(request, "reminders/links/unsubscribed.html")
    context = {"token": token, "email_on": links.email_is_on(user)}
    return render(request, "reminders/links/unsubscribe.html", context)


@require_http_methods(["GET", "POST"])
@never_cache
def snooze(request: HttpRequest, token: str) -> HttpResponse:
    try:
        reminder = tokens.read_snooze_token(token)
    except tokens.LinkError as error:
        return _bad_link(request, error, "snooze")
    form = SnoozeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # A refusal needs no message of its own: the page it redirects to explains it.
        with contextlib.suppress(links.SnoozeError):
            links.snooze_reminder(reminder=reminder, option=form.cleaned_data["option"])
        return redirect("reminders-snooze", token=token)
    state = links.snooze_state(reminder, timezone.now())
    context = {"state": state, "form": form, "zone": reminder.user.time_zone, "token": token}
    return render(request, "reminders/links/snooze.html", context, status=400 if form.errors else 200)
