"""Sessions: scheduling and recording (therapist), summaries and reflections (client).

Therapist pages show times in the therapist's zone, client pages in the
client's (the middleware activates the viewer's zone). Client pages never
receive the therapist's private notes: their querysets don't even load them.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from homework.services import client_today
from mallard import once
from mallard.access import current_care, get_client_for_therapist
from mallard.audit import record_access
from mallard.decorators import client_required, therapist_required
from mallard.lib.text import query_id
from mallard.links import undo_tag
from mallard.models import User
from mallard.types import AuthenticatedHttpRequest
from sessions_app import access, action_items, services
from sessions_app.forms.sessions import ReflectionForm, SessionForm, StatusForm
from sessions_app.models import ItemStatus, SessionStatus, TherapySession
from sessions_app.selectors import sessions as selectors
from sessions_app.selectors.agreements import agreed_last_time

SAVED_AS: dict[str, str] = {
    SessionStatus.SCHEDULED: "The session on {when} is scheduled.",
    SessionStatus.HELD: "The session on {when} is recorded as held.",
    SessionStatus.NO_SHOW: "The session on {when} is recorded as a no-show.",
    SessionStatus.CANCELLED: "The session on {when} is cancelled.",
}


def _announce(
    request: AuthenticatedHttpRequest, saved: services.SavedSession, text: str, *, undo: str = ""
) -> None:
    messages.success(
        request,
        text.format(when=date_format(timezone.localtime(saved.session.starts_at), "D j M Y, H:i")),
        extra_tags=undo,
    )


def _form_data(request: AuthenticatedHttpRequest) -> object:
    return request.POST if request.method == "POST" else None


@therapist_required
@require_http_methods(["GET", "POST"])
def client_sessions(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    client = get_client_for_therapist(request.user, client_id)
    if request.method == "POST" and (done := once.earlier(request)) is not None:
        messages.info(request, once.ALREADY_DONE)
        return redirect(done or reverse("sessions-client-sessions", args=[client.pk]))
    form = SessionForm(_form_data(request), zone=request.user.zone)
    clashes: list[TherapySession] = []
    if form.is_valid():
        try:
            url, _ = once.run(user=request.user, key=once.posted_key(request), create=partial(
                _schedule, request, client, form.session_fields()))  # fmt: skip
        except services.Overlap as exc:
            clashes = exc.sessions
        except services.SessionError as exc:
            form.add_error(exc.field or None, str(exc))
        else:
            return redirect(url)
    sessions = selectors.client_sessions(client)
    # The list shows every session's time and status: one row for the record as a whole.
    record_access(request, [client], client=client)
    context = {"client": client, "form": form, "sessions": sessions, "clashes": clashes}
    return render(request, "sessions_app/sessions/client_sessions.html", context)


def _schedule(request: AuthenticatedHttpRequest, client: User, fields: dict[str, Any]) -> str:
    """Save the session; the URL to go to next.

    A held session opens its own page, where the action items found in its notes and summary
    wait. A scheduled, no-show or cancelled one has none: the list shows it among the others.
    """
    saved = services.schedule_session(therapist=request.user, client=client, **fields)
    _announce(request, saved, SAVED_AS[saved.session.status])
    if saved.session.status == SessionStatus.HELD:
        return reverse("sessions-session", args=[saved.session.pk])
    return reverse("sessions-client-sessions", args=[client.pk])


@therapist_required
@require_http_methods(["GET", "POST"])
def session_detail(request: AuthenticatedHttpRequest, session_id: int) -> HttpResponse:
    try:
        session = access.get_session_for_therapist(request.user, session_id)
    except Http404:
        # A session the therapist led with a client who has since moved on: their notes, read-only.
        access.get_past_session_for_author(request.user, session_id)
        return redirect("sessions-past-notes", session_id=session_id)
    editable = access.can_edit_notes(request.user, session)
    form = SessionForm(_form_data(request), zone=request.user.zone, session=session, notes_editable=editable)
    clashes: list[TherapySession] = []
    if form.is_valid():
        try:
            saved = services.update_session(session=session, editor=request.user, **form.session_fields())
        except services.Overlap as exc:
            clashes = exc.sessions
        except services.SessionError as exc:
            form.add_error(exc.field or None, str(exc))
        else:
            _announce(request, saved, "The session on {when} is saved.")
            return redirect("sessions-session", session_id=session.pk)
    reflection = selectors.reflection_of(session)
    proposals = access.visible_proposals(
        request.user, session, action_items.proposals_for(session, request.user)
    )
    today = client_today(session.client)
    for proposal in proposals:
        if proposal.update_of is not None and proposal.status == ItemStatus.PROPOSED:
            proposal.update_changes = action_items.update_changes(proposal, today)
    agreements = agreed_last_time(session)
    shown = [
        session,
        *([reflection] if reflection else []),
        *proposals,
        *(r.assignment for r in agreements.rows),
    ]
    record_access(request, shown, client=session.client)
    context = {
        "session": session,
        "client": session.client,
        "form": form,
        "clashes": clashes,
        "reflection": reflection,
        "proposals": [p for p in proposals if not p.is_todo],
        "todos": [p for p in proposals if p.is_todo],
        "agreements": agreements,
        "notes_editable": editable,
        "shared_notes": None if editable or not access.can_read_notes(request.user, session) else session,
    }
    return render(request, "sessions_app/sessions/session_detail.html", context)


# --- A therapist's own private notes on clients who have moved on --------------------------------


@therapist_required
@require_safe
def past_sessions(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Sessions the therapist led with clients no longer in their care, for the retention period."""
    sessions = list(
        access.past_sessions_of_author(request.user)
        .select_related("client")
        .order_by("client__display_name", "client_id", "-starts_at")
    )
    context = {"sessions": sessions, "retention_days": settings.MALLARD_RECORD_RETENTION_DAYS}
    return render(request, "sessions_app/sessions/past_sessions.html", context)


@therapist_required
@require_safe
def past_session_notes(request: AuthenticatedHttpRequest, session_id: int) -> HttpResponse:
    """The author's read-only view of a session they led, notes included, after the client moved on."""
    session = access.get_past_session_for_author(request.user, session_id)
    record_access(request, [session], client=session.client)
    care = current_care(session.client)
    current = care.therapist if care is not None and care.therapist_id != request.user.pk else None
    shares = list(access.notes_shares_of_author(request.user, session))
    shared_with_current = {s.session_id is None for s in shares if current and s.shared_with_id == current.pk}
    context = {
        "session": session,
        "client": session.client,
        "current_therapist": current,
        "shares": shares,
        "shared_all": True in shared_with_current,
        "shared_this": bool(shared_with_current),
    }
    return render(request, "sessions_app/sessions/past_session_notes.html", context)


@therapist_required
@require_POST
def share_notes(request: AuthenticatedHttpRequest, session_id: int) -> HttpResponse:
    """The author shares their notes on one session, or on every session with the client, with the
    client's current therapist."""
    session = access.get_past_session_for_author(request.user, session_id)
    care = current_care(session.client)
    if care is None or request.POST.get("scope") not in ("session", "client"):
        messages.error(request, "There is no one to share these notes with.")
        return redirect("sessions-past-notes", session_id=session.pk)
    try:
        services.share_private_notes(
            author=request.user,
            client=session.client,
            shared_with=care.therapist,
            shared_by=request.user,
            session=session if request.POST["scope"] == "session" else None,
        )
    except services.SessionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{care.therapist.display_name} can now read these private notes.")
    return redirect("sessions-past-notes", session_id=session.pk)


@therapist_required
@require_POST
def withdraw_share(request: AuthenticatedHttpRequest, session_id: int) -> HttpResponse:
    """The author stops sharing their notes (this session's, or all of them) with a therapist."""
    session = access.get_past_session_for_author(request.user, session_id)
    share_id = query_id(request.POST.get("share", ""))
    if share_id is not None and services.withdraw_notes_share(author=request.user, share_id=share_id):
        messages.success(request, "You stopped sharing those private notes. They are yours alone again.")
    else:
        messages.info(request, "That share had already been withdrawn.")
    return redirect("sessions-past-notes", session_id=session.pk)


@therapist_required
@require_POST
def session_status(request: AuthenticatedHttpRequest, session_id: int) -> HttpResponse:
    session = access.get_session_for_therapist(request.user, session_id)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That isn't a change we know. Choose Cancel, Mark no-show or Mark held.")
        return redirect("sessions-session", session_id=session.pk)
    was = session.status
    try:
        services.set_session_status(session=session, status=form.cleaned_data["status"])
    except services.SessionError as exc:
        messages.error(request, str(exc))
    else:
        text, undo = SAVED_AS[session.status], ""
        if session.status == SessionStatus.CANCELLED and was != session.status:
            # One click cancels: an upcoming session's message carries "Undo", as Archive's does.
            if was == SessionStatus.SCHEDULED and not session.is_past:
                undo = undo_tag(reverse("sessions-session-uncancel", args=[session.pk]))
            else:
                text += (
                    " Its time has passed, so there is no Undo: mark it held or a no-show if it took place."
                )
        _announce(request, services.SavedSession(session=session), text, undo=undo)
    return redirect("sessions-session", session_id=session.pk)


@therapist_required
@require_POST
def undo_cancel(request: AuthenticatedHttpRequest, session_id: int) -> HttpResponse:
    """Undo a cancellation, from the message that confirmed it: the session is scheduled again."""
    session = access.get_session_for_therapist(request.user, session_id)
    try:
        services.undo_cancel(session=session, therapist=request.user)
    except services.SessionError as exc:
        messages.error(request, f"The cancellation can't be undone. {exc}")
    else:
        _announce(
            request,
            services.SavedSession(session=session),
            "Undone: the session on {when} is scheduled again.",
        )
    return redirect("sessions-session", session_id=session.pk)


@client_required
@require_safe
def my_sessions(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {"sessions": selectors.my_sessions(request.user)}
    return render(request, "sessions_app/sessions/my_sessions.html", context)


@client_required
@require_http_methods(["GET", "POST"])
def reflection(request: AuthenticatedHttpRequest, session_id: int) -> HttpResponse:
    session = access.get_held_session_for_client(request.user, session_id)
    saved = selectors.reflection_of(session)
    initial = {name: getattr(saved, name) for name in ReflectionForm.base_fields} if saved else None
    form = ReflectionForm(_form_data(request), initial=initial)
    if form.is_valid():
        services.save_reflection(session=session, client=request.user, **form.cleaned_data)
        messages.success(
            request, "Your reflection is saved. Your therapist can read it before your next session."
        )
        return redirect("sessions-reflection", session_id=session.pk)
    context = {
        "session": session,
        "form": form,
        "reflection": saved,
        "homework": selectors.current_homework(request.user) if saved else [],
    }
    return render(request, "sessions_app/sessions/reflection.html", context)
