"""The reminder policy page, the client's reminder log, and what a therapist may see."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from homework import access as homework_access
from homework.models import AssignmentStatus
from mallard.audit import record_access
from mallard.decorators import client_required, therapist_required
from mallard.types import AuthenticatedHttpRequest
from reminders import access, planning
from reminders.forms.preferences import (
    AssignmentReminderForm,
    DigestForm,
    PreferencesForm,
    quiet_hours_message,
)
from reminders.models import ReminderPreferences

LOG_PAGE_SIZE = 20
CLIENT_TEMPLATE = "reminders/preferences/client.html"


def _initial(preferences: ReminderPreferences) -> dict[str, Any]:
    return {name: getattr(preferences, name) for name in planning.PREFERENCE_FIELDS}


def _client_page(
    request: AuthenticatedHttpRequest,
    form: PreferencesForm,
    current: ReminderPreferences,
    bound: AssignmentReminderForm | None = None,
) -> HttpResponse:
    """The client's page, with their saved preferences; ``bound`` is a per-assignment form that
    failed validation."""
    now = timezone.now()
    rows = access.assignment_rows(request.user, now, current)
    for row in rows:
        prefix = f"a{row.assignment.pk}"
        initial = {"enabled": row.enabled, "time_of_day": row.time}
        fresh = bound is None or bound.prefix != prefix
        row.form = AssignmentReminderForm(prefix=prefix, initial=initial) if fresh else bound
    context = {
        "form": form,
        # Every reminder is off (the switch, or both ways of sending): the rows say so.
        "all_off": not (current.enabled and (current.email_enabled or current.in_app_enabled)),
        # The failed activity form, where ``base.html``'s error summary finds it (the rows' forms
        # are one level too deep for ``mallard.form_problems.forms_in``).
        "failed_activity": bound,
        "rows": rows,
        "zone": request.user.time_zone,
        "held_back": access.held_back_today(request.user, now),
    }
    return render(request, CLIENT_TEMPLATE, context)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Clients choose their whole reminder policy; therapists only the weekly digest."""
    if request.user.is_therapist:
        return _digest(request)
    if not request.user.is_client:
        raise PermissionDenied("This page is for clients and therapists.")
    current = planning.preferences_of(request.user)
    form = PreferencesForm(request.POST or None, initial=_initial(current))
    if request.method == "POST" and form.is_valid():
        saved = planning.save_preferences(user=request.user, **form.cleaned_data)
        messages.success(request, "Your reminder choices are saved.")
        for row in access.assignment_rows(request.user, timezone.now(), saved):
            if row.enabled and row.time is not None and (note := quiet_hours_message(row.time, saved)):
                messages.warning(request, f"“{row.assignment.title}”: {note}")
        return redirect("reminders-preferences")
    return _client_page(request, form, current)


def _digest(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = planning.preferences_of(request.user)
    form = DigestForm(request.POST or None, initial={"weekly_summary": current.weekly_summary})
    if request.method == "POST" and form.is_valid():
        wanted = form.cleaned_data["weekly_summary"]
        # Choosing the digest again after "Stop these e-mails" means e-mail is wanted again.
        extra = {"email_enabled": True} if wanted else {}
        planning.save_preferences(user=request.user, weekly_summary=wanted, **extra)
        messages.success(request, "Your weekly digest choice is saved.")
        return redirect("reminders-preferences")
    return render(request, "reminders/preferences/therapist.html", {"form": form})


@client_required
@require_POST
def assignment_setting(request: AuthenticatedHttpRequest, assignment_id: int) -> HttpResponse:
    """One assignment's reminder: on or off, and its time (works without JavaScript)."""
    assignment = homework_access.get_assignment_for_client(request.user, assignment_id)
    if assignment.status in (AssignmentStatus.ARCHIVED, AssignmentStatus.COMPLETED):
        messages.info(request, "That activity is finished, so it has no reminders to change.")
        return redirect("reminders-preferences")
    current = planning.preferences_of(request.user)
    form = AssignmentReminderForm(
        request.POST, prefix=f"a{assignment.pk}", preferences=current, activity=assignment.title
    )
    if not form.is_valid():
        return _client_page(request, PreferencesForm(initial=_initial(current)), current, bound=form)
    planning.set_assignment_reminder(assignment=assignment, **form.cleaned_data)
    messages.success(request, f"Reminder saved for “{assignment.title}”.")
    chosen = planning.reminder_time(assignment)
    if form.cleaned_data["enabled"] and chosen is not None and (note := quiet_hours_message(chosen, current)):
        messages.info(request, note)
    return redirect(f"{reverse('reminders-preferences')}#assignment-{assignment.pk}")


@client_required
@require_safe
def reminder_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Reminders sent and held back, and why. No clinical content: only times and statuses."""
    paginator = Paginator(access.reminder_log(request.user, timezone.now()), LOG_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "reminders/preferences/log.html", {"page": page})


@therapist_required
@require_safe
def client_status(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """Whether the client's reminders are on and arriving; never their private settings.

    Like every therapist page about a client, the read is on the client's audit trail: one row for
    the record as a whole (one INSERT)."""
    status = access.delivery_status_for_therapist(request.user, client_id, timezone.now())
    record_access(request, [status.client], client=status.client)
    return render(request, "reminders/preferences/client_status.html", {"status": status})
