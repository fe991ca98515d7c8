"""In-app notifications: the signed-in person's own list, opening one, and marking them read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from mallard.types import AuthenticatedHttpRequest
from reminders import access, inbox


@login_required
@require_safe
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = inbox.notifications_page(request.user, request.GET.get("page"))
    rows = inbox.rows_of(request.user, page)
    return render(request, "reminders/notifications/list.html", {"page": page, "rows": rows})


@login_required
@require_POST
def mark_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    if inbox.mark_all_read(user=request.user):
        messages.success(request, "All notifications are marked as read.")
    return redirect("reminders-notifications")


@login_required
@require_POST
def open_notification(request: AuthenticatedHttpRequest, notification_id: int) -> HttpResponse:
    """Mark one notification read (and feedback it tells of) and go where it points (only ever a
    page of Mallard)."""
    notification = access.get_notification_for_user(request.user, notification_id)
    inbox.open_notification(user=request.user, notification=notification)
    return redirect(inbox.safe_link(notification) or "reminders-notifications")
