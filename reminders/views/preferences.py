# Temporary: replaced by the real views (the owner of this module overwrites it).
from django.http import Http404


def preferences(request, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def assignment_setting(request, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def reminder_log(request, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def client_status(request, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404
