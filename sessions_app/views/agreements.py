"""What we agreed last time: keep it, make it smaller, change it or stop it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from homework.access import get_assignment_for_therapist
from homework.models import Assignment
from homework.services import HomeworkError
from mallard.decorators import therapist_required
from mallard.links import undo_tag
from mallard.types import AuthenticatedHttpRequest
from sessions_app import access, services
from sessions_app.forms.agreements import DecisionForm
from sessions_app.lib import is_a_limit
from sessions_app.models import Decision, TherapySession

DONE = {
    Decision.KEEP: "Kept “{title}” as it is.",
    Decision.SMALLER: "Made “{title}” smaller: {detail}.",
    Decision.CHANGE: "Change “{title}” below.",
    Decision.STOP: "Stopped “{title}”. It is archived, and its history stays.",
}
# For homework that is itself to stop or cut down on something (``lib.is_a_limit``).
DONE_TO_A_LIMIT = {
    **DONE,
    Decision.SMALLER: "Made “{title}” easier: {detail}.",
    Decision.STOP: "Ended the homework “{title}”. It is archived, and its history stays.",
}


def _session_and_assignment(
    request: AuthenticatedHttpRequest, session_id: int, assignment_id: int
) -> tuple[TherapySession, Assignment]:
    session = access.get_session_for_therapist(request.user, session_id)
    assignment = get_assignment_for_therapist(request.user, assignment_id)
    if assignment.client_id != session.client_id:
        raise Http404("No such homework for this session.")
    return session, assignment


def _back(session: TherapySession, back: str) -> HttpResponseRedirect:
    return redirect("sessions-summary" if back == "summary" else "sessions-session", session_id=session.pk)


@therapist_required
@require_POST
def decide(request: AuthenticatedHttpRequest, session_id: int, assignment_id: int) -> HttpResponse:
    session, assignment = _session_and_assignment(request, session_id, assignment_id)
    form = DecisionForm(request.POST)
    back = redirect("sessions-session", session_id=session.pk)
    if not form.is_valid():
        messages.error(
            request, "That isn't a decision we know. Choose Keep it, Make it smaller, Change it or Stop it."
        )
        return back
    back = _back(session, form.cleaned_data["back"])
    decision = Decision(form.cleaned_data["decision"])
    try:
        decided = services.decide_agreement(
            therapist=request.user, session=session, assignment=assignment, decision=decision
        )
    except (services.SessionError, HomeworkError) as exc:
        messages.error(request, str(exc))
        return back
    except ValidationError:
        messages.error(request, "That change doesn't fit this homework. Change it by hand instead.")
        return back
    made = decided.decision
    if not decided.made_now:
        messages.info(request, f"Already decided in this session: {made.get_decision_display().lower()}.")
        return back
    said = DONE_TO_A_LIMIT if is_a_limit(assignment.title) else DONE
    # One click decides: the message carries "Undo", as a client's mistaken "Done" does.
    path = reverse("sessions-agreement-undo", args=[session.pk, assignment.pk])
    undo = undo_tag(f"{path}?{urlencode({'back': form.cleaned_data['back'] or 'session'})}")
    messages.success(
        request, said[decision].format(title=assignment.title, detail=made.detail), extra_tags=undo
    )
    if decision == Decision.CHANGE:
        # Saving the change (or Cancel) comes back to the page the decision was made on.
        edit = reverse("homework-assignment-edit", args=[assignment.pk])
        return redirect(f"{edit}?{urlencode({'next': back.url})}")
    return back


@therapist_required
@require_POST
def undo(request: AuthenticatedHttpRequest, session_id: int, assignment_id: int) -> HttpResponse:
    """Undo this session's decision on the homework, from the message that confirmed it or the
    row's own Undo: the homework is as it was before, and the four decisions are offered again."""
    session, assignment = _session_and_assignment(request, session_id, assignment_id)
    try:
        undone = services.undo_decision(session=session, assignment=assignment)
    except services.SessionError as exc:
        messages.error(request, str(exc))
    else:
        assignment.refresh_from_db()
        if undone.decision == Decision.STOP:
            said = f"“{assignment.title}” is {assignment.get_status_display().lower()} again."
        elif undone.decision == Decision.SMALLER:
            size = f"{assignment.schedule_text}, {assignment.estimated_minutes} min"
            said = f"“{assignment.title}” is as it was: {size}."
        else:
            said = f"“{assignment.title}” has no decision in this session yet."
        messages.success(request, f"Undone: {said}")
    return _back(session, request.GET.get("back", ""))
