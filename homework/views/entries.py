"""Worksheets: the client fills in an entry for an occurrence (drafts allowed) and sees what changed."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from homework import access, services
from homework.forms.entries import EntryForms, build_entry_forms
from homework.models import Entry, Kind, Log, LogStatus, Occurrence
from homework.selectors import entries as selectors
from mallard.decorators import client_required
from mallard.middleware import is_background_save, note_background_draft_saved
from mallard.types import AuthenticatedHttpRequest

FINISHED = {
    Kind.THOUGHT_RECORD: "Your thought record is saved. Well done for slowing the thought down.",
    Kind.BEHAVIORAL_EXPERIMENT: "Your experiment is saved. Whatever happened, you learned something.",
    Kind.JOURNAL: "Your journal entry is saved. Thank you for taking the time.",
    Kind.RELAXATION: "Your practice is saved. Every session builds the skill.",
    Kind.READING: "Your reflection is saved. Bring your questions to the next session.",
    Kind.SKILL_PRACTICE: "Your practice is saved. Taking that step took courage.",
}
PRIVATE_NOTE = " It is private: your therapist sees only that you did it."
# Saving a finished entry again changes the finished record straight away: no draft is kept.
CHANGES_SAVED = "Changes saved. Your therapist sees the updated record."
CHANGES_SAVED_PRIVATE = "Changes saved. It is private: your therapist sees only that you did it."


def _form_url(occurrence_id: int, *, kind: str, step: int, smaller: bool) -> str:
    # A thought record's step is always named: without one, the form opens a draft where the
    # client left off (``_resumes_at_step_two``), so going back to step 1 must say so.
    two_steps = kind == Kind.THOUGHT_RECORD
    query: dict[str, str] = {"step": str(step)} if two_steps or step == 2 else {}
    if smaller:
        query["version"] = "smaller"
    url = reverse("homework-entry-form", args=[occurrence_id])
    return f"{url}?{urlencode(query)}" if query else url


def _log_changed(occurrence: Occurrence, before: Log | None) -> str:
    """ " It is now logged as “Done”. Before, it said “Not done” (“I forgot”)." when finishing
    changed what the day was logged as; "" when it logged a new day or kept what it said."""
    if before is None:
        return ""
    after = selectors.log_for_occurrence(occurrence)
    if after is None or after.status == before.status:
        return ""
    said = f"“{before.get_status_display()}”"
    if before.status == LogStatus.NOT_DONE:
        said += f" (“{before.get_reason_display()}”)"
    return f" It is now logged as “{after.get_status_display()}”. Before, it said {said}."


def _after_save(
    request: AuthenticatedHttpRequest,
    entry: Entry,
    forms: EntryForms,
    *,
    smaller: bool,
    occurrence: Occurrence,
    before: Log | None = None,
) -> HttpResponse:
    """Say what was saved and go on. ``before`` is the day's log as the page found it: a finish
    that changed it says so, as "Change what you logged" does."""
    if missing := forms.step_one_missing:
        messages.warning(request, f"Saved as a draft. To finish, step 1 still needs {', '.join(missing)}.")
        return redirect(_form_url(entry.occurrence_id, kind=entry.kind, step=1, smaller=smaller))
    changed = _log_changed(occurrence, before) if forms.action == "finish" else ""
    if forms.entry is not None and not forms.entry.is_draft:
        # Not a draft: the change is on the finished record at once.
        messages.success(request, (CHANGES_SAVED_PRIVATE if entry.is_private else CHANGES_SAVED) + changed)
    elif forms.action == "finish":
        messages.success(
            request, FINISHED[Kind(entry.kind)] + (PRIVATE_NOTE if entry.is_private else "") + changed
        )
    else:
        messages.success(request, "Draft saved. You can come back and carry on any time.")
    if forms.action == "finish":
        return redirect("homework-entry", entry_id=entry.pk)
    # "Save draft and continue" and the step buttons save first, then go to the step.
    step = {"continue": 2, "step2": 2, "step1": 1}.get(forms.action, forms.step)
    return redirect(_form_url(entry.occurrence_id, kind=entry.kind, step=step, smaller=smaller))


@client_required
@require_http_methods(["GET", "POST"])
def entry_form(request: AuthenticatedHttpRequest, occurrence_id: int) -> HttpResponse:
    try:
        occurrence = access.get_occurrence_for_client(request.user, occurrence_id)
    except Http404:
        if request.method != "GET":
            raise
        return _moved(request, occurrence_id)
    if not selectors.can_log(occurrence):
        return _archived(request, occurrence)
    smaller = request.GET.get("version") == "smaller"
    entry = selectors.entry_for_occurrence(occurrence)
    if _resumes_at_step_two(request, entry):
        return redirect(_form_url(occurrence.pk, kind=Kind.THOUGHT_RECORD, step=2, smaller=smaller))
    log = selectors.log_for_occurrence(occurrence)
    forms = build_entry_forms(
        assignment=occurrence.assignment,
        entry=entry,
        data=request.POST or None,
        step=request.GET.get("step"),
        outcome_initial=selectors.outcome_initial(log, smaller=smaller, kind=occurrence.assignment.kind),
        logged_not_done=log is not None and log.status == LogStatus.NOT_DONE,
    )
    if is_background_save(request):
        return _background_draft(request, occurrence, entry, forms)
    page = PageVersion.of(request, entry)
    changed: Entry | None = None
    if request.method == "POST" and forms.is_valid():
        try:
            saved = services.save_entry(
                occurrence=occurrence, **forms.save_kwargs(), loaded_version=page.base(request)
            )
        except services.EntryChanged as exc:
            changed = exc.entry
            page = replace(page, seen=changed.version)  # saving again saves over it, knowingly
        except services.HomeworkError as exc:  # e.g. finishing a day that hasn't opened yet
            messages.error(request, f"{exc} Your answers are still here; you can save them as a draft.")
        else:
            return _after_save(request, saved, forms, smaller=smaller, occurrence=occurrence, before=log)
    context = {
        "occurrence": occurrence,
        "assignment": occurrence.assignment,
        "entry": entry,
        # What the day is logged as now: the page says so, as finishing may change it.
        "log": log,
        "forms": forms,
        "step": forms.step,
        "smaller": smaller,
        "kind": occurrence.assignment.kind,
        "page_version": page,
        # A day not yet come: it can be filled in and saved as a draft now, finished from this day.
        "opens_on": selectors.opens_later(occurrence, services.client_today(request.user)),
        "changed": changed,
        "changed_answers": forms.saved_answers(changed) if changed is not None else [],
    }
    return render(request, "homework/entries/form.html", context)


def _moved(request: AuthenticatedHttpRequest, occurrence_id: int) -> HttpResponse:
    """An old link to a worksheet of the client's own whose day a change of schedule re-planned (an
    e-mail reminder, a bookmark): on to that day's worksheet as the schedule now has it, or to
    Today when it has none. Any other id is "not found", another client's included."""
    moved = access.get_replanned_occurrence_for_client(request.user, occurrence_id)
    now = selectors.occurrence_on_day(moved.assignment, moved.due_date)
    if now is None:
        messages.info(request, "That day's worksheet has moved: your therapist changed the schedule.")
        return redirect("homework-today")
    messages.info(request, "Your therapist changed the schedule, so this is that day's worksheet now.")
    url = reverse("homework-entry-form", args=[now.pk])
    query = request.GET.urlencode()
    return redirect(f"{url}?{query}" if query else url)


# What each open worksheet page saved by itself (``_background_draft``): its ``page`` token ->
# the version it saved, so that page's own next save is not taken for a change made elsewhere.
OWN_SAVES_SESSION_KEY = "homework.worksheet_own_saves"
OWN_SAVES_KEPT = 20
_TOKEN = re.compile(r"[A-Za-z0-9_-]{8,40}")


@dataclass(frozen=True, slots=True)
class PageVersion:
    """What a worksheet page carries in hidden fields so a save from an out-of-date page is not
    applied blindly: ``loaded``, the entry's version when the page was made ("" for no entry);
    ``page``, a token naming this page; ``seen``, set once the page has shown what another tab
    or device saved, whose version a second save then knowingly replaces."""

    loaded: str
    page: str
    seen: str = ""

    @classmethod
    def of(cls, request: AuthenticatedHttpRequest, entry: Entry | None) -> PageVersion:
        """A GET's fresh values; a POST's own, sent back as they came."""
        if request.method != "POST":
            return cls(loaded=entry.version if entry else "", page=secrets.token_urlsafe(12))
        post = request.POST
        page = post.get("page", "")
        return cls(
            loaded=post.get("loaded", "")[:40],
            page=page if _TOKEN.fullmatch(page) else secrets.token_urlsafe(12),
            seen=post.get("seen", "")[:40],
        )

    def base(self, request: AuthenticatedHttpRequest, *, background: bool = False) -> str | None:
        """The version this page's save may replace: what it was shown there, else what it saved
        by itself, else what it was loaded from. None for a form from before pages said (it is
        saved as it always was). A background save never uses ``seen``: only the person decides
        to save over what another tab or device saved."""
        if "loaded" not in request.POST:
            return None
        if self.seen and not background:
            return self.seen
        own = request.session.get(OWN_SAVES_SESSION_KEY, {}).get(self.page)
        return own if isinstance(own, str) else self.loaded


def _remember_own_save(request: AuthenticatedHttpRequest, page: PageVersion, entry: Entry) -> None:
    if "loaded" not in request.POST:
        return
    saves = request.session.get(OWN_SAVES_SESSION_KEY, {})
    kept = dict(list(saves.items())[-(OWN_SAVES_KEPT - 1) :]) if isinstance(saves, dict) else {}
    kept.pop(page.page, None)
    kept[page.page] = entry.version
    request.session[OWN_SAVES_SESSION_KEY] = kept


def _background_draft(
    request: AuthenticatedHttpRequest, occurrence: Occurrence, entry: Entry | None, forms: EntryForms
) -> JsonResponse:
    """What was typed, saved as a draft by the page itself when "Still there?" appears
    (``js/idle-logout.js``). Only a draft: never a finished entry (that is saved only by its own
    Save button) nor any other button's action. Nothing is said in a message: the page says it.
    Never over a save made elsewhere after the page was loaded: that answers 409 and saves
    nothing (the person's own Save then shows both)."""
    if forms.action != "draft" or (entry is not None and not entry.is_draft):
        return JsonResponse({"saved": False}, status=400)
    if not forms.is_valid():
        return JsonResponse({"saved": False}, status=422)
    page = PageVersion.of(request, entry)
    try:
        saved = services.save_entry(
            occurrence=occurrence, **forms.save_kwargs(), loaded_version=page.base(request, background=True)
        )
    except services.EntryChanged:
        return JsonResponse({"saved": False, "changed_elsewhere": True}, status=409)
    except services.HomeworkError:
        return JsonResponse({"saved": False}, status=422)
    _remember_own_save(request, page, saved)
    note_background_draft_saved(request)
    return JsonResponse({"saved": True})


def _resumes_at_step_two(request: AuthenticatedHttpRequest, entry: Entry | None) -> bool:
    """Opened with no step (Today's "Continue your draft"), a thought record's draft whose step 1
    is filled in goes on at step 2, where the client left off."""
    if request.method != "GET" or "step" in request.GET or entry is None or not entry.is_draft:
        return False
    return entry.kind == Kind.THOUGHT_RECORD and selectors.continue_step(entry) == 2


def _archived(request: AuthenticatedHttpRequest, occurrence: Occurrence) -> HttpResponse:
    """An archived assignment can't be logged: say so, show any entry, write nothing."""
    context = {"assignment": occurrence.assignment, "entry": selectors.entry_for_occurrence(occurrence)}
    return render(request, "homework/entries/archived.html", context)


@client_required
@require_safe
def entry_detail(request: AuthenticatedHttpRequest, entry_id: int) -> HttpResponse:
    entry = selectors.entry_with_details(access.get_entry_for_client(request.user, entry_id))
    context = {
        "entry": entry,
        "assignment": entry.assignment,
        "log": getattr(entry.occurrence, "log", None),
        "changes": selectors.changes(entry),
        "suds": selectors.suds(entry),
        "suds_comparison": selectors.suds_comparison(entry),
        "continue_step": (step := selectors.continue_step(entry)),
        "continue_url": _form_url(entry.occurrence_id, kind=entry.kind, step=step, smaller=False),
    }
    return render(request, "homework/entries/detail.html", context)


@client_required
@require_POST
def feedback_read(request: AuthenticatedHttpRequest, entry_id: int) -> HttpResponse:
    """The client read their therapist's feedback: Today stops saying it is new. A GET writes
    nothing, so reading is marked by this button (on Today's notice and beside the feedback)."""
    entry = access.get_entry_for_client(request.user, entry_id)
    services.mark_feedback_read(entry=entry)
    return redirect(reverse("homework-entry", args=[entry.pk]) + "#feedback-heading")
