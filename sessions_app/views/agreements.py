"""What we agreed last time: keep it, make it smaller, change it or stop it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from homework.access import get_assignment_for_therapist
from homework.services import HomeworkError
from mallard.decorators import therapist_required
from mallard.types import AuthenticatedHttpRequest
from sessions_app import access, services
from sessions_app.forms.agreements import DecisionForm
from sessions_app.lib import is_a_limit
from sessions_app.models import Decision

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


@therapist_required
@require_POST
def decide(request: AuthenticatedHttpRequest, session_id: int, assignment_id: int) -> HttpResponse:
    session = access.get_session_for_therapist(request.user, session_id)
    assignment = get_assignment_for_therapist(request.user, assignment_id)
    if assignment.client_id != session.client_id:
        raise Http404("No such homework for this session.")
    form = DecisionForm(request.POST)
    back = redirect("sessions-session", session_id=session.pk)
    if not form.is_valid():
        messages.error(
            request, "That isn't a decision we know. Choose Keep it, Make it smaller, Change it or Stop it."
        )
        return back
    if form.cleaned_data["back"] == "summary":
        back = redirect("sessions-summary", session_id=session.pk)
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
    messages.success(request, said[decision].format(title=assignment.title, detail=made.detail))
    if decision == Decision.CHANGE:
        return redirect("homework-assignment-edit", assignment_id=assignment.pk)
    return back
