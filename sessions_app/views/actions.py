"""The therapist's decisions on action items found in a session: make it an assignment, or dismiss it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from homework.forms.therapist import AssignmentForm
from homework.models import Template
from homework.services import HomeworkError
from mallard.audit import record_access
from mallard.decorators import therapist_required
from mallard.links import undo_tag
from mallard.types import AuthenticatedHttpRequest
from sessions_app import access
from sessions_app.action_items import (
    assign_proposal,
    confirm_initial,
    confirm_proposal,
    dismiss_proposal,
    marked_blank,
    restore_proposal,
    starting_template,
    update_from_proposal,
    updated_in_words,
)
from sessions_app.action_items import undo_update as undo_proposal_update
from sessions_app.forms.actions import TemplateChoiceForm
from sessions_app.models import ItemOwner, ItemStatus, ProposedAction

ALREADY_HANDLED = "That action item was already handled, so nothing was changed."
# The prefix of the template picker inside the assignment form, and the name of its button.
SWITCH = "switch"


def _back(proposal: ProposedAction) -> HttpResponse:
    return redirect("sessions-session", session_id=proposal.session_id)


def _chosen_template(
    request: AuthenticatedHttpRequest, proposal: ProposedAction
) -> tuple[TemplateChoiceForm, Template | None, tuple[str, ...]]:
    """The picker, the template it names (the POST's, the ?template= one, or the template of the
    item's kind that fits its words, ``action_items.starting_template``), and the fields that
    template must leave empty because it does not fit the item (``Start.blank``).

    A template the therapist picks is used whole; the posted form keeps the marks of the one
    the page started from."""
    data = request.POST if request.method == "POST" else request.GET
    if "template" in data:
        picker = TemplateChoiceForm(data, therapist=request.user)
        template = picker.cleaned_data["template"] if picker.is_valid() else None
        blank: tuple[str, ...] = ()
        if request.method == "POST" and template is not None and template.kind == proposal.kind:
            start = starting_template(request.user, proposal)
            blank = start.blank if start.template == template else ()
        return picker, template, blank
    start = starting_template(request.user, proposal)
    picker = TemplateChoiceForm(therapist=request.user, initial={"template": start.template})
    return picker, start.template, start.blank


def _assignment_form(
    request: AuthenticatedHttpRequest,
    proposal: ProposedAction,
    template: Template | None,
    blank: tuple[str, ...],
) -> AssignmentForm | None:
    if template is None:
        return None
    client = proposal.session.client
    if request.method == "POST":
        # Bound to what was posted, so a form that fails validation shows everything typed, with
        # the fields the words didn't fill still marked.
        posted = AssignmentForm(request.POST, kind=template.kind, client=client)
        mark_missing(posted, proposal.missing, blank)
        return posted
    initial = confirm_initial(request.user, proposal, template, blank=blank)
    form = AssignmentForm(kind=template.kind, client=client, initial=initial)
    mark_missing(form, proposal.missing, blank)
    return form


@dataclass
class Switched:
    """After "Use this template instead": the labels of the fields that kept what the therapist
    typed, and what they typed in fields the new template's kind has no place for."""

    kept: list[str] = field(default_factory=list)
    left_out: list[tuple[str, Any]] = field(default_factory=list)


def _unix_newlines(data: QueryDict) -> QueryDict:
    """The posted values with browsers' CRLF line ends as LF, so an untouched text box compares
    equal to the text the page offered."""
    cleaned = QueryDict(mutable=True)
    for name, values in data.lists():
        cleaned.setlist(name, [value.replace("\r\n", "\n") for value in values])
    return cleaned


def _switch_template(
    request: AuthenticatedHttpRequest, proposal: ProposedAction, current: Template, blank: tuple[str, ...]
) -> tuple[TemplateChoiceForm, Template, AssignmentForm, Switched | None]:
    """ "Use this template instead", posted with the assignment form: the new template's form,
    keeping every field the therapist changed from what the page offered (the rest comes from
    the new template). Fields the new kind has no place for are handed back to be shown."""
    client = proposal.session.client
    posted = _unix_newlines(request.POST)
    offered = confirm_initial(request.user, proposal, current, blank=blank)
    typed = AssignmentForm(posted, kind=current.kind, client=client, initial=offered)
    picker = TemplateChoiceForm(posted, therapist=request.user, prefix=SWITCH)
    template = picker.cleaned_data["template"] if picker.is_valid() else current
    # Choosing the template the form only took its kind from (none fitting) is choosing it whole.
    switched = Switched() if template != current or (blank and picker.is_valid()) else None
    initial = confirm_initial(request.user, proposal, template) if switched else offered
    fields = AssignmentForm(kind=template.kind, client=client).fields
    for name in typed.changed_data:
        value = typed[name].value()
        if name in fields:
            initial[name] = value
            if switched is not None:
                switched.kept.append(str(fields[name].label))
        elif switched is not None and value:
            switched.left_out.append((str(typed.fields[name].label), value))
    form = AssignmentForm(kind=template.kind, client=client, initial=initial)
    mark_missing(form, proposal.missing, () if switched else blank)
    return picker, template, form, switched


def mark_missing(form: AssignmentForm, names: list[str], blank: tuple[str, ...] = ()) -> None:
    """Point the fields the item's words didn't fill at the notice that lists them, and the fields
    no fitting template could fill (``action_items.marked_blank``) at the notice that says so."""
    form.mark(names, described_by="missing-notice", css_class="field-missing")
    form.mark(marked_blank(blank), described_by="blank-notice", css_class="field-missing")


def _assign(
    request: AuthenticatedHttpRequest,
    proposal: ProposedAction,
    template: Template,
    form: AssignmentForm,
    *,
    fits: bool = True,
) -> HttpResponse | None:
    """Confirm the proposal as an assignment; None (with the error on the form) when refused.
    An assignment started from a template that does not fit its words is not linked to it."""
    try:
        assignment = confirm_proposal(
            therapist=request.user,
            proposal=proposal,
            template=template if fits else None,
            kind=template.kind,
            **form.assignment_fields(),
        )
    except HomeworkError as exc:
        form.add_error(None, str(exc))
        return None
    if assignment is None:
        messages.info(request, ALREADY_HANDLED)
    else:
        name = proposal.session.client.display_name
        messages.success(request, f"“{assignment.title}” is assigned to {name}.")
    return _back(proposal)


@therapist_required
@require_http_methods(["GET", "POST"])
def confirm(request: AuthenticatedHttpRequest, proposal_id: int) -> HttpResponse:
    proposal = access.get_proposal_for_therapist(request.user, proposal_id)
    if proposal.status != ItemStatus.PROPOSED:
        messages.info(request, ALREADY_HANDLED)
        return _back(proposal)
    if proposal.is_todo:
        messages.info(request, "That is your own to-do, not homework, so it can't be assigned.")
        return _back(proposal)
    picker, template, blank = _chosen_template(request, proposal)
    # When no template fits (``blank``), the form only takes its kind from ``template``: the
    # picker chooses none, so it never disagrees with the notice that none fits.
    chosen = None if blank else template
    switch = TemplateChoiceForm(therapist=request.user, prefix=SWITCH, initial={"template": chosen})
    switched: Switched | None = None
    form: AssignmentForm | None
    if request.method == "POST" and SWITCH in request.POST and template is not None:
        switch, template, form, switched = _switch_template(request, proposal, template, blank)
        blank = () if switched else blank
    else:
        form = _assignment_form(request, proposal, template, blank)
        if request.method == "POST" and template is not None and form is not None and form.is_valid():
            response = _assign(request, proposal, template, form, fits=not blank)
            if response is not None:
                return response
    record_access(request, [proposal], client=proposal.session.client)
    context = {
        "proposal": proposal,
        "picker": picker,
        "template": template,
        "form": form,
        "switch": switch,
        "switched": switched,
        "fits": not blank,
        "blank": [str(form.fields[name].label).lower() for name in marked_blank(blank) if name in form.fields]
        if form is not None
        else [],
    }
    return render(request, "sessions_app/actions/confirm.html", context)


@therapist_required
@require_POST
def dismiss(request: AuthenticatedHttpRequest, proposal_id: int) -> HttpResponse:
    proposal = access.get_proposal_for_therapist(request.user, proposal_id)
    if dismiss_proposal(proposal=proposal):
        undo = undo_tag(reverse("sessions-action-restore", args=[proposal.pk]))
        if proposal.owner == ItemOwner.THERAPIST:
            messages.success(request, f"Marked “{proposal.text}” done.", extra_tags=undo)
        else:
            messages.success(
                request,
                f"Dismissed “{proposal.text}”. It won't be proposed again for this session.",
                extra_tags=undo,
            )
    else:
        messages.info(request, ALREADY_HANDLED)
    return _back(proposal)


@therapist_required
@require_POST
def restore(request: AuthenticatedHttpRequest, proposal_id: int) -> HttpResponse:
    """Undo a dismissal, from the message that confirmed it or the item's own button."""
    proposal = access.get_proposal_for_therapist(request.user, proposal_id)
    if restore_proposal(proposal=proposal):
        messages.success(request, f"“{proposal.text}” is back among this session's action items.")
    else:
        messages.info(request, ALREADY_HANDLED)
    return _back(proposal)


@therapist_required
@require_POST
def assign(request: AuthenticatedHttpRequest, proposal_id: int) -> HttpResponse:
    """One click: a complete item becomes an assignment as its words said it."""
    proposal = access.get_proposal_for_therapist(request.user, proposal_id)
    if proposal.status != ItemStatus.PROPOSED:
        messages.info(request, ALREADY_HANDLED)
        return _back(proposal)
    try:
        assignment = assign_proposal(therapist=request.user, proposal=proposal)
    except (HomeworkError, ValidationError) as exc:
        messages.info(request, str(exc))
        return redirect("sessions-action-confirm", proposal_id=proposal.pk)
    if assignment is None:
        messages.info(request, ALREADY_HANDLED)
    else:
        name = proposal.session.client.display_name
        messages.success(request, f"“{assignment.title}” is assigned to {name}: {assignment.schedule_text}.")
    return _back(proposal)


@therapist_required
@require_POST
def update(request: AuthenticatedHttpRequest, proposal_id: int) -> HttpResponse:
    """Apply the item to the existing assignment it names, not a second one."""
    proposal = access.get_proposal_for_therapist(request.user, proposal_id)
    try:
        assignment = update_from_proposal(therapist=request.user, proposal=proposal)
    except HomeworkError as exc:
        messages.error(request, str(exc))
        return _back(proposal)
    except ValidationError:
        messages.error(
            request, "The item's schedule doesn't fit that assignment. Change the assignment instead."
        )
        return _back(proposal)
    if assignment is None:
        messages.info(request, ALREADY_HANDLED)
        return _back(proposal)
    changes = updated_in_words(proposal, assignment)
    said = (
        f"“{assignment.title}” is updated: {'; '.join(changes)}."
        if changes
        else f"“{assignment.title}” is linked to this agreement; "
        f"its schedule stays {assignment.schedule_text}."
    )
    undo = undo_tag(reverse("sessions-action-undo-update", args=[proposal.pk]))
    messages.success(request, said, extra_tags=undo)
    return _back(proposal)


@therapist_required
@require_POST
def undo_update(request: AuthenticatedHttpRequest, proposal_id: int) -> HttpResponse:
    """Undo "Update the existing assignment", from the message that confirmed it: the homework
    gets back what the update changed, and the item is proposed again."""
    proposal = access.get_proposal_for_therapist(request.user, proposal_id)
    try:
        assignment, put_back = undo_proposal_update(proposal=proposal)
    except HomeworkError as exc:
        messages.error(request, str(exc))
    else:
        said = f"put back {'; '.join(put_back)}" if put_back else f"unchanged, {assignment.schedule_text}"
        messages.success(
            request,
            f"Undone: “{assignment.title}” is as it was ({said}), and “{proposal.text}” is among "
            "this session's action items again.",
        )
    return _back(proposal)
