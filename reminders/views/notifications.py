# Temporary: replaced by the real views (the owner of this module overwrites it).
from django.http import Http404


def notification_list(request, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def mark_read(request, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404
