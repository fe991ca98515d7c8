# Temporary: replaced by the real views (the owner of this module overwrites it).
from django.http import Http404


def client_sessions(request, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def session_detail(request, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def session_status(request, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def my_sessions(request, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def reflection(request, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404
