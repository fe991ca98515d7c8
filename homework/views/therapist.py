"""The therapist's side of homework: the library, assigning, reviewing a client's work."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from homework import access, services
from homework.forms.therapist import (
    AdjustForm,
    AssignmentForm,
    FeedbackForm,
    GoalForm,
    LibraryFilterForm,
    StatusForm,
    TemplateForm,
    UndoStatusForm,
)
from homework.models import KIND_DESCRIPTIONS, AssignmentStatus, Entry, Kind, Template
from homework.selectors import therapist as selectors
from mallard import once
from mallard.access import clients_of, get_client_for_therapist
from mallard.audit import record_access
from mallard.decorators import therapist_required
from mallard.links import undo_tag
from mallard.models import User
from mallard.types import AuthenticatedHttpRequest

STATUS_MESSAGES = {
    AssignmentStatus.PAUSED: "“{title}” is paused; coming days are off {name}'s list until you resume it.",
    AssignmentStatus.ACTIVE: "“{title}” is active again and planned from today.",
    AssignmentStatus.COMPLETED: "“{title}” is marked as completed. Well done to {name}.",
    AssignmentStatus.ARCHIVED: "“{title}” is archived. Its history stays on this page.",
}
# The status changes whose message offers Undo, and the URL name of that Undo.
UNDO_URLS = {
    AssignmentStatus.ARCHIVED: "homework-assignment-unarchive",
    AssignmentStatus.COMPLETED: "homework-assignment-uncomplete",
}
# Completing homework nobody logged as done praises no one.
COMPLETED_UNDONE = "“{title}” is marked as completed. {name} did not log any of it as done."


# --- Library -------------------------------------------------------------------------------------


@therapist_required
@require_safe
def library(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = LibraryFilterForm(request.GET or None)
    kind, query = form.filters() if form.is_bound else ("", "")
    context = {
        "form": form,
        "library": selectors.library(request.user, kind=kind, query=query),
        "client": selectors.chosen_client(request.user, request.GET.get("client")),
    }
    return render(request, "homework/therapist/library.html", context)


@therapist_required
@require_safe
def template_detail(request: AuthenticatedHttpRequest, template_id: int) -> HttpResponse:
    template = access.get_template_for_therapist(request.user, template_id)
    context = {
        "template": template,
        "is_mine": template.owner_id == request.user.pk,
        "client": selectors.chosen_client(request.user, request.GET.get("client")),
    }
    return render(request, "homework/therapist/template_detail.html", context)


@therapist_required
@require_safe
def template_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """ "Create your own": the kind comes first, each said in one line."""
    context = {
        "kinds": [(kind, KIND_DESCRIPTIONS[kind]) for kind in Kind],
        "client": selectors.chosen_client(request.user, request.GET.get("client")),
    }
    return render(request, "homework/therapist/template_new.html", context)


@therapist_required
@require_http_methods(["GET", "POST"])
def template_create(request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
    """A template of the therapist's own from an empty form of ``kind``. With ``?client=``, "Save
    and assign" goes on to assign it to that client; sending the same form twice makes one."""
    if kind not in Kind.values:
        raise Http404("No such kind of homework.")
    client = selectors.chosen_client(request.user, request.GET.get("client"))
    if request.method == "POST" and (done := once.earlier(request)) is not None:
        messages.info(request, once.ALREADY_DONE)
        return redirect(done or "homework-library")
    form = TemplateForm(request.POST or None, kind=kind)
    if request.method == "POST" and form.is_valid():
        assign_to = client if request.POST.get("then") == "assign" else None
        url, _ = once.run(user=request.user, key=once.posted_key(request), create=partial(
            _create_template, request.user, kind, form.template_fields(), assign_to))  # fmt: skip
        said = f"“{form.cleaned_data['title']}” is saved in your templates."
        if assign_to is not None:
            said += f" Check how often and when, then assign it to {assign_to.display_name}."
        messages.success(request, said)
        return redirect(url)
    context = {"form": form, "template": None, "kind": Kind(kind), "client": client}
    return render(request, "homework/therapist/template_form.html", context)


def _create_template(therapist: User, kind: str, fields: dict[str, Any], assign_to: User | None) -> str:
    template = services.create_template(therapist=therapist, kind=kind, **fields)
    if assign_to is None:
        return reverse("homework-template", args=[template.pk])
    return f"{reverse('homework-assign', args=[template.pk])}?{urlencode({'client': assign_to.pk})}"


@therapist_required
@require_POST
def template_copy(request: AuthenticatedHttpRequest, template_id: int) -> HttpResponse:
    template = access.get_template_for_therapist(request.user, template_id)
    if (done := once.earlier(request)) is not None:
        messages.info(request, once.ALREADY_DONE)
        return redirect(done or "homework-library")
    url, _ = once.run(user=request.user, key=once.posted_key(request), create=partial(
        _copy_template, request.user, template))  # fmt: skip
    messages.success(request, f"This is your own copy of “{template.title}”. Change it as you like.")
    return redirect(url)


def _copy_template(therapist: User, template: Template) -> str:
    copy = services.copy_template(therapist=therapist, template=template)
    return reverse("homework-template-edit", args=[copy.pk])


@therapist_required
@require_http_methods(["GET", "POST"])
def template_edit(request: AuthenticatedHttpRequest, template_id: int) -> HttpResponse:
    template = access.get_own_template(request.user, template_id)
    form = TemplateForm.for_template(template, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.update_template(template=template, **form.template_fields())
        messages.success(request, f"“{template.title}” is saved.")
        return redirect("homework-template", template_id=template.pk)
    return render(request, "homework/therapist/template_form.html", {"form": form, "template": template})


# --- Assignments -----------------------------------------------------------------------------------


def _assign_form(request: AuthenticatedHttpRequest, template: Template) -> AssignmentForm:
    """Bound to the POST, or pre-filled from the template and the ``?client=`` in the query."""
    clients = clients_of(request.user)
    if request.method == "POST":
        return AssignmentForm(request.POST, kind=template.kind, clients=clients)
    chosen = selectors.chosen_client(request.user, request.GET.get("client"))
    initial = selectors.library_assign_initial(request.user, template, chosen)
    return AssignmentForm(kind=template.kind, clients=clients, initial=initial)


@therapist_required
@require_http_methods(["GET", "POST"])
def assign(request: AuthenticatedHttpRequest, template_id: int) -> HttpResponse:
    """Assign a template. Sending the same form twice assigns once; assigning a template the
    client already has active first offers to change that assignment instead."""
    template = access.get_template_for_therapist(request.user, template_id)
    if request.method == "POST" and (done := once.earlier(request)) is not None:
        messages.info(request, once.ALREADY_DONE)
        return redirect(done or "homework-library")
    form = _assign_form(request, template)
    duplicate = None
    if form.is_valid():
        client: User = form.cleaned_data["client"]
        duplicate = selectors.active_assignment_from(request.user, client, template)
        if duplicate is None or request.POST.get("again") == "yes":
            try:
                url, _ = once.run(user=request.user, key=once.posted_key(request), create=partial(
                    _assign, request.user, client, template, form.assignment_fields()))  # fmt: skip
            except services.HomeworkError as exc:
                form.add_error("client", str(exc))
            else:
                messages.success(
                    request, f"“{form.cleaned_data['title']}” is assigned to {client.display_name}."
                )
                return redirect(url)
    context = {"form": form, "template": template, "duplicate": duplicate}
    return render(request, "homework/therapist/assignment_form.html", context)


def _assign(therapist: User, client: User, template: Template, fields: dict[str, Any]) -> str:
    services.assign_homework(
        therapist=therapist, client=client, template=template, kind=template.kind, **fields
    )
    return reverse("homework-client", args=[client.pk])


def _safe_next(request: AuthenticatedHttpRequest) -> str:
    """The ``next`` parameter (posted, or in the query string) when it is a page on this site, else ""."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else ""


@therapist_required
@require_http_methods(["GET", "POST"])
def assignment_edit(request: AuthenticatedHttpRequest, assignment_id: int) -> HttpResponse:
    """Change an assignment. Saving (or Cancel) returns to ``next`` when it is a page on this site,
    such as the session where "Change it" was chosen, else to the client's homework page."""
    assignment = access.get_assignment_for_therapist(request.user, assignment_id)
    back = _safe_next(request)
    form = AssignmentForm.for_assignment(assignment, request.POST or None)
    one_off = selectors.one_off_now(assignment)
    done = one_off is not None and one_off.is_done
    if request.method == "POST" and form.is_valid():
        services.update_assignment(assignment=assignment, **form.assignment_fields())
        planned = "it stays done" if done else "its coming days are planned again"
        messages.success(request, f"“{assignment.title}” is saved; {planned}.")
        return redirect(back or reverse("homework-client", args=[assignment.client_id]))
    record_access(request, [assignment], client=assignment.client)
    context = {
        "form": form,
        "assignment": assignment,
        "back": back,
        "done_one_off": one_off if done else None,
    }
    return render(request, "homework/therapist/assignment_form.html", context)


@therapist_required
@require_POST
def assignment_status(request: AuthenticatedHttpRequest, assignment_id: int) -> HttpResponse:
    assignment = access.get_assignment_for_therapist(request.user, assignment_id)
    form = StatusForm(request.POST)
    if not form.is_valid():
        context = {"assignment": assignment}
        return render(request, "homework/therapist/bad_action.html", context, status=400)
    status = form.status()
    before = assignment.status
    services.set_assignment_status(assignment=assignment, status=status)
    said = STATUS_MESSAGES[status]
    if status == AssignmentStatus.COMPLETED and not assignment.was_ever_done():
        said = COMPLETED_UNDONE
    text = said.format(title=assignment.title, name=assignment.client.display_name)
    undo = ""
    if status in UNDO_URLS and before != status:
        path = reverse(UNDO_URLS[status], args=[assignment.pk])
        undo = undo_tag(f"{path}?{urlencode({'to': before})}")
    messages.success(request, text, extra_tags=undo)
    return redirect("homework-client", client_id=assignment.client_id)


@therapist_required
@require_POST
def assignment_unarchive(request: AuthenticatedHttpRequest, assignment_id: int) -> HttpResponse:
    """The Undo of "… is archived": back to the status it had before (``?to=``), planned again."""
    return _undo_status(request, assignment_id, AssignmentStatus.ARCHIVED)


@therapist_required
@require_POST
def assignment_uncomplete(request: AuthenticatedHttpRequest, assignment_id: int) -> HttpResponse:
    """The Undo of "… is marked as completed": back to the status it had before (``?to=``)."""
    return _undo_status(request, assignment_id, AssignmentStatus.COMPLETED)


def _undo_status(
    request: AuthenticatedHttpRequest, assignment_id: int, undoing: AssignmentStatus
) -> HttpResponse:
    assignment = access.get_assignment_for_therapist(request.user, assignment_id)
    form = UndoStatusForm({"to": request.GET.get("to", "")}, undoing=undoing)
    if not form.is_valid():
        context = {"assignment": assignment}
        return render(request, "homework/therapist/bad_action.html", context, status=400)
    try:
        services.undo_status_change(assignment=assignment, undoing=undoing, status=form.cleaned_data["to"])
    except services.HomeworkError as error:
        messages.error(request, str(error))
    else:
        said = f"“{assignment.title}” is {assignment.get_status_display().lower()} again"
        if assignment.status == AssignmentStatus.ACTIVE:
            said += " and planned from today"
        messages.success(request, f"Undone: {said}.")
    return redirect("homework-client", client_id=assignment.client_id)


@therapist_required
@require_POST
def assignment_adjust(request: AuthenticatedHttpRequest, assignment_id: int) -> HttpResponse:
    """One-click "make it smaller" or "fewer times a week", from the caseload's flag."""
    assignment = access.get_assignment_for_therapist(request.user, assignment_id)
    form = AdjustForm(request.POST)
    if not form.is_valid():
        context = {"assignment": assignment}
        return render(request, "homework/therapist/bad_action.html", context, status=400)
    try:
        detail = services.adjust_assignment(assignment=assignment, change=form.cleaned_data["change"])
    except services.HomeworkError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Changed “{assignment.title}”: {detail}.")
    return redirect(_safe_next(request) or reverse("homework-client", args=[assignment.client_id]))


# --- One client ------------------------------------------------------------------------------------


def _client_page(request: AuthenticatedHttpRequest, client: User, goal_form: GoalForm) -> HttpResponse:
    page = selectors.client_homework(request.user, client)
    # The page lists all of the client's homework and goals: one row for the record as a whole.
    record_access(request, [client], client=client)
    context = {"page": page, "client": client, "goal_form": goal_form}
    return render(request, "homework/therapist/client_homework.html", context)


@therapist_required
@require_safe
def client_homework(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    client = get_client_for_therapist(request.user, client_id)
    return _client_page(request, client, GoalForm())


@therapist_required
@require_POST
def goal_create(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    client = get_client_for_therapist(request.user, client_id)
    if (done := once.earlier(request)) is not None:
        messages.info(request, once.ALREADY_DONE)
        return redirect(done or reverse("homework-client", args=[client.pk]))
    form = GoalForm(request.POST)
    if not form.is_valid():
        return _client_page(request, client, form)
    url, _ = once.run(user=request.user, key=once.posted_key(request), create=partial(
        _create_goal, request.user, client, form.cleaned_data))  # fmt: skip
    messages.success(request, f"The goal is added to {client.display_name}'s goals.")
    return redirect(url)


def _create_goal(therapist: User, client: User, fields: dict[str, Any]) -> str:
    services.create_goal(client=client, created_by=therapist, **fields)
    return reverse("homework-client", args=[client.pk])


def _entry_page(request: AuthenticatedHttpRequest, entry: Entry, form: FeedbackForm) -> HttpResponse:
    log = selectors.entry_log(entry)
    record_access(request, [entry] if log is None else [entry, log], client=entry.client)
    context = {
        "entry": entry,
        "content": selectors.entry_content(entry),
        "log": log,
        "form": form,
    }
    return render(request, "homework/therapist/client_entry.html", context)


@therapist_required
@require_safe
def client_entry(request: AuthenticatedHttpRequest, entry_id: int) -> HttpResponse:
    entry = access.get_entry_for_therapist(request.user, entry_id)
    form = FeedbackForm(initial={"text": entry.feedback}, private=entry.is_private)
    return _entry_page(request, entry, form)


@therapist_required
@require_POST
def entry_feedback(request: AuthenticatedHttpRequest, entry_id: int) -> HttpResponse:
    entry = access.get_entry_for_therapist(request.user, entry_id)
    form = FeedbackForm(request.POST, private=entry.is_private)
    if not form.is_valid():
        return _entry_page(request, entry, form)
    text: str = form.cleaned_data["text"]
    if not text and not entry.feedback:
        form.add_error("text", "There was no feedback to send: write it in the box, then save.")
        return _entry_page(request, entry, form)
    removed = None if text else services.RemovedFeedback.of(entry)
    services.leave_feedback(therapist=request.user, entry=entry, text=text)
    if removed is None:
        messages.success(request, "Your feedback is saved.")
    else:
        _keep_removed_feedback(request, entry, removed)
        undo = undo_tag(reverse("homework-entry-feedback-undo", args=[entry.pk]))
        messages.success(
            request,
            f"Your feedback is removed; {entry.client.display_name} no longer sees it.",
            extra_tags=undo,
        )
    return redirect("homework-client-entry", entry_id=entry.pk)


# Removed feedback, kept in the therapist's own session (on the server) until its Undo, by entry id.
REMOVED_FEEDBACK = "homework-removed-feedback"


def _keep_removed_feedback(
    request: AuthenticatedHttpRequest, entry: Entry, removed: services.RemovedFeedback
) -> None:
    kept = request.session.get(REMOVED_FEEDBACK, {})
    kept[str(entry.pk)] = {
        "text": removed.text,
        "at": removed.at.isoformat() if removed.at else None,
        "by": removed.by_id,
        "read_at": removed.read_at.isoformat() if removed.read_at else None,
    }
    request.session[REMOVED_FEEDBACK] = kept


def _removed_feedback(request: AuthenticatedHttpRequest, entry: Entry) -> services.RemovedFeedback | None:
    """The feedback this therapist removed from ``entry`` in this session, taken out of it; None when none."""
    kept = request.session.get(REMOVED_FEEDBACK, {})
    row = kept.pop(str(entry.pk), None)
    request.session[REMOVED_FEEDBACK] = kept
    if not isinstance(row, dict) or not row.get("text"):
        return None

    def moment(value: object) -> datetime | None:
        return datetime.fromisoformat(value) if isinstance(value, str) else None

    by = row.get("by")
    return services.RemovedFeedback(
        text=str(row["text"]),
        at=moment(row.get("at")),
        by_id=by if isinstance(by, int) else None,
        read_at=moment(row.get("read_at")),
    )


@therapist_required
@require_POST
def entry_feedback_undo(request: AuthenticatedHttpRequest, entry_id: int) -> HttpResponse:
    """Undo "Your feedback is removed", from its message: the same words back, as they were."""
    entry = access.get_entry_for_therapist(request.user, entry_id)
    removed = _removed_feedback(request, entry)
    if removed is None:
        messages.info(request, "There is no removed feedback to put back on this entry.")
        return redirect("homework-client-entry", entry_id=entry.pk)
    try:
        services.restore_feedback(entry=entry, removed=removed)
    except services.HomeworkError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Undone: your feedback is back as it was.")
    return redirect("homework-client-entry", entry_id=entry.pk)
