# Temporary: replaced by the real views (the owner of this module overwrites it).
from django.http import Http404


def feed_settings(request, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def calendar_feed(request, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def unsubscribe(request, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def snooze(request, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404
