"""The client's homework pages: Today, an assignment, logging, history, progress and goals."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date, datetime
from functools import partial
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from homework import access, hooks, services
from homework.forms.client import GoalRatingForm, HistoryFilterForm, NotDoneForm, QuickLogForm
from homework.models import Assignment, AssignmentStatus, Goal, GoalStatus, Log, LogStatus, Occurrence
from homework.selectors.feedback import unread_feedback
from homework.selectors.history import (
    assignment_occurrences,
    entries_for_history,
    one_off_state,
    undo_offers,
)
from homework.selectors.nudges import window_start
from homework.selectors.today import (
    CardLinks,
    ShownCard,
    TodayCard,
    TodayPage,
    day_text,
    own_reminder_times,
    skip_said_today,
    still_open,
    today_page,
    worksheet_offers,
)
from homework.selectors.tracker import goal_charts, tracker
from mallard import once
from mallard.access import current_care
from mallard.decorators import client_required
from mallard.links import undo_tag, url_maker
from mallard.models import User
from mallard.types import AuthenticatedHttpRequest

# What the message after a quick log lets "Undo" put back (``_save_log``, ``undo_log``).
UNDO_SESSION_KEY = "homework-undo"
# What the message after "not today" lets "Undo" put back (``_save_not_done``, ``undo_skip``).
UNDO_SKIP_SESSION_KEY = "homework-undo-skip"
HISTORY_PAGE_SIZE = 20

# ``{day}`` is "" for what is open now, else the earlier day it is for (``_for_day``).
LOGGED_MESSAGES = {
    LogStatus.DONE: "Logged as done{day}. Nice work.",
    LogStatus.SMALLER: "Logged: you did the smaller version{day}. That counts.",
    LogStatus.PARTLY: "Logged as partly done{day}. Every bit counts.",
}
NOT_DONE_MESSAGE = (
    "Noted: not done this time. That's useful to know, and your therapist can help with what got in the way."
)
NOT_TODAY_MESSAGE = "Noted: not today. It stays open, so you can still do it by {due:%A %-d %B}."


def _safe_next(request: AuthenticatedHttpRequest) -> str:
    """The ``next`` parameter when it is a URL on this site, else ""."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else ""


# Back on Today from a card's button, the page opens at the message saying what was done, and
# js/message-focus.js moves focus to it, so a screen reader reads it out (docs/homework.md).
MESSAGE_FRAGMENT = "#messages"


def _back(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Back to ``next`` when it is a local URL, else to Today at the message."""
    return redirect(_safe_next(request) or reverse("homework-today") + MESSAGE_FRAGMENT)


def _cannot_log(request: AuthenticatedHttpRequest, occurrence: Occurrence) -> str:
    """Why this occurrence can't be logged now, or "" when it can."""
    if occurrence.assignment.status == AssignmentStatus.ARCHIVED:
        return "This homework has been put away by your therapist, so it can't be logged any more."
    if occurrence.available_from > services.client_today(request.user):
        return f"This one opens on {occurrence.available_from:%A %-d %B}. You can log it from then."
    return ""


def _given_or(value: int | None, earlier: int | None) -> int | None:
    return earlier if value is None else value


def _earlier_reason(occurrence: Occurrence) -> dict[str, str]:
    """What the client said last time, when they change an earlier “not done”."""
    log = getattr(occurrence, "log", None)
    if log is None or log.status != LogStatus.NOT_DONE:
        return {}
    return {"reason": log.reason, "note": log.note}


@dataclass(frozen=True, slots=True)
class NotDoneFields:
    """What every card's “not done” fields print, taken once per page from ``NotDoneForm``:
    each card writes them with its own ids (``nd<occurrence id>_...``)."""

    reason_label: str
    reasons: list[tuple[str, str, str]]  # value, label and index (as text, for the ids)
    note_label: str
    note_cols: str
    note_rows: str
    note_max_length: str

    @classmethod
    def of(cls, form: NotDoneForm) -> NotDoneFields:
        reason, note = form["reason"], form["note"]
        attrs = note.field.widget.attrs
        return cls(
            reason_label=str(reason.label),
            reasons=[(str(radio.data["value"]), radio.choice_label, radio.data["index"]) for radio in reason],
            note_label=str(note.label),
            note_cols=str(attrs["cols"]),
            note_rows=str(attrs["rows"]),
            # A card's box is too small for an error beside it: the browser stops typing at the limit.
            note_max_length=str(cast(forms.CharField, note.field).max_length),
        )


@dataclass(frozen=True, slots=True)
class NoteField:
    """The quick log's optional note as every card prints it, taken once per page from
    ``QuickLogForm``: each card writes it with its own id (``ql<occurrence id>_note``)."""

    label: str
    help_text: str
    cols: str
    rows: str
    max_length: str

    @classmethod
    def of(cls, form: QuickLogForm) -> NoteField:
        note = form["note"]
        attrs = note.field.widget.attrs
        return cls(
            label=str(note.label),
            help_text=str(note.help_text),
            cols=str(attrs["cols"]),
            rows=str(attrs["rows"]),
            max_length=str(cast(forms.CharField, note.field).max_length),
        )


@dataclass(frozen=True, slots=True)
class ShownSections:
    """Today's cards as the template prints them, by section."""

    due: list[ShownCard]
    overdue: list[ShownCard]
    logged: list[ShownCard]
    later: list[ShownCard]
    overdue_heading: str = "Still open from the past week"


def _shown_cards(page: TodayPage, own: Mapping[int, hooks.OwnReminder] | None = None) -> ShownSections:
    """Each card's ready-made values (``TodayCard.shown``) with its links, by section, and with
    ``own`` ({assignment id: ``OwnReminder``}) when the reminder at the client's own time comes.

    Each URL is reversed once per page and each card puts in its own ids.
    """
    own = own or {}
    urls = {
        name: url_maker(f"homework-{name.replace('_', '-')}")
        for name in ("quick_log", "not_done", "entry_form", "assignment", "entry", "ask")
    }
    reminders = reverse("reminders-preferences")

    def shown(card: TodayCard) -> ShownCard:
        pk = card.occurrence.pk
        links = CardLinks(
            quick_log=urls["quick_log"](pk),
            not_done=urls["not_done"](pk),
            entry_form=urls["entry_form"](pk),
            assignment=urls["assignment"](card.occurrence.assignment_id),
            entry="" if card.entry is None else urls["entry"](card.entry.pk),
            ask=urls["ask"](card.occurrence.assignment_id),
            reminders=reminders,
        )
        return card.shown(page.today, links, page.zone, own.get(card.occurrence.assignment_id))

    return ShownSections(
        due=[shown(card) for card in page.due],
        overdue=[shown(card) for card in page.overdue],
        logged=[shown(card) for card in page.logged],
        later=[shown(card) for card in page.later],
        overdue_heading=page.overdue_heading,
    )


@dataclass(frozen=True, slots=True)
class FeedbackLine:
    """One line of Today's "From your therapist" notice, as the template prints it."""

    read: str  # where its button posts (``homework-feedback-read``), which opens the entry
    title: str  # the assignment's
    day: str  # the day the entry was written, in the client's zone: "Thursday 3 December"


@client_required
@require_safe
def today(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The client's landing page: what to practise today, and what is still open from this week."""
    client = request.user
    local_today = services.client_today(client)
    page = today_page(client, local_today)
    # When the reminders at the client's own times come: one query, none when no card has one.
    own = hooks.own_reminders_for(client, local_today, own_reminder_times(page))
    read_url = url_maker("homework-feedback-read")
    context = {
        "care": current_care(client),
        "page": page,
        "today": day_text(local_today),
        "cards": _shown_cards(page, own),
        "not_done": NotDoneFields.of(NotDoneForm()),
        "log_note": NoteField.of(QuickLogForm()),
        "tracker": tracker(client, local_today),
        "feedback": [
            FeedbackLine(
                read=read_url(entry.pk),
                title=entry.title,  # type: ignore[attr-defined]
                day=day_text(timezone.localdate(entry.updated_at, client.zone)),
            )
            for entry in unread_feedback(client)
        ],
        "panels": hooks.panels_for_today(client, timezone.now()),
        "links": {name: reverse(f"homework-{name}") for name in ("progress", "history", "goals")},
    }
    return render(request, "homework/client/today.html", context)


def _own_reminder(client: User, assignment: Assignment, today: date) -> hooks.OwnReminder | None:
    """When the reminder at the client's own time comes: None without one, or when the assignment is
    not active (a paused or finished one has no reminders)."""
    if assignment.client_time is None or assignment.status != AssignmentStatus.ACTIVE:
        return None
    return hooks.own_reminders_for(client, today, {assignment.pk: assignment.client_time})[assignment.pk]


@client_required
@require_safe
def assignment_detail(request: AuthenticatedHttpRequest, assignment_id: int) -> HttpResponse:
    assignment = access.get_assignment_for_client(request.user, assignment_id)
    local_today = services.client_today(request.user)
    occurrences = assignment_occurrences(assignment, local_today)
    archived = assignment.status == AssignmentStatus.ARCHIVED
    context = {
        "assignment": assignment,
        "occurrences": occurrences,
        "one_off": one_off_state(assignment, occurrences, local_today, request.user.zone),
        # The days Today offers the worksheet for, with the same links.
        "worksheet_offers": worksheet_offers(request.user, assignment, occurrences, local_today),
        # Past days Today still lists as open: "still open", as Today says, not "not logged".
        "still_open": still_open(request.user, assignment, occurrences, local_today),
        # Today's logs that "Undo" can take back from here too, by the rules of ``services.undo_log``.
        "undo_offers": set()
        if archived
        else undo_offers(
            occurrences,
            local_today,
            request.user.zone,
            recorded=_recorded_log(request),
            active=assignment.status == AssignmentStatus.ACTIVE,
        ),
        "today": local_today,
        # When the reminder at the client's own time comes (a query only when they chose one).
        "own_reminder": _own_reminder(request.user, assignment, local_today),
    }
    return render(request, "homework/client/assignment.html", context)


def _recorded_log(request: AuthenticatedHttpRequest) -> tuple[int, datetime] | None:
    """The log this device changed last (``_say_logged``): its occurrence and the log's time then,
    whose earlier state "Undo" can put back; None when none is recorded."""
    offer = request.session.get(UNDO_SESSION_KEY) or {}
    try:
        return int(offer["occurrence"]), datetime.fromisoformat(offer["changed_at"])
    except (KeyError, TypeError, ValueError):
        return None


@client_required
@require_http_methods(["GET", "POST"])
def quick_log(request: AuthenticatedHttpRequest, occurrence_id: int) -> HttpResponse:
    """Log how it went: one tap from Today's cards, or this page, which logs or changes any day that
    has opened (linked from the assignment's page) and shows a form sent back with a problem."""
    occurrence = access.get_occurrence_for_client(request.user, occurrence_id)
    problem = _cannot_log(request, occurrence)
    previous = getattr(occurrence, "log", None)
    if request.method == "POST":
        if problem:
            messages.error(request, problem)
            return _back(request)
        form = QuickLogForm(request.POST)
        if form.is_valid():
            _save_log(request, occurrence, previous, form.cleaned_data)
            return _back(request)
    else:
        form = QuickLogForm(initial=_earlier_log(previous))
    context = {
        "occurrence": occurrence,
        "form": form,
        "problem": problem,
        "log": previous,
        "next": _safe_next(request),
    }
    return render(request, "homework/client/log.html", context)


def _earlier_log(log: Log | None) -> dict[str, Any]:
    """What the client logged before, for the page that changes it."""
    if log is None:
        return {}
    return {"minutes_spent": log.minutes_spent, "helpfulness": log.helpfulness, "note": log.note}


def _for_day(occurrence: Occurrence, today: date) -> str:
    """ " for Tuesday 1 December" when the occurrence's days are over; "" while it is open."""
    if occurrence.due_date >= today:
        return ""
    if occurrence.available_from == occurrence.due_date:
        return f" for {day_text(occurrence.due_date)}"
    return f" for the days {occurrence.available_from:%-d %B} to {occurrence.due_date:%-d %B}"


def _save_log(
    request: AuthenticatedHttpRequest, occurrence: Occurrence, previous: Log | None, data: dict[str, Any]
) -> None:
    """Log it and say so, with "Undo" when the log can be undone (``services.undo_problem``); a
    change to a log from an earlier day says what it was, so it can be changed back."""
    try:
        log = services.log_occurrence(
            occurrence=occurrence,
            status=data["status"],
            # Changing the status keeps minutes and helpfulness.
            minutes_spent=_given_or(data["minutes_spent"], getattr(previous, "minutes_spent", None)),
            helpfulness=_given_or(data["helpfulness"], getattr(previous, "helpfulness", None)),
            note=data["note"],
        )
    except services.HomeworkError as error:
        messages.error(request, str(error))
        return
    today = services.client_today(request.user)
    message = LOGGED_MESSAGES[data["status"]].format(day=_for_day(occurrence, today))
    _say_logged(request, occurrence, previous, log, message)


def _say_logged(
    request: AuthenticatedHttpRequest, occurrence: Occurrence, previous: Log | None, log: Log, message: str
) -> None:
    """Confirm a log with ``message``, and "Undo" when it can be undone (``services.undo_problem``)."""
    today = services.client_today(request.user)
    if not services.undo_problem(occurrence=occurrence, log=log, today=today):
        # What "Undo" puts back: nothing for a new log, what it said before for a changed one.
        request.session[UNDO_SESSION_KEY] = {
            "occurrence": occurrence.pk,
            "changed_at": log.updated_at.isoformat(),
            "before": None if previous is None else asdict(services.LogState.of(previous)),
        }
        messages.success(
            request, message, extra_tags=undo_tag(reverse("homework-undo-log", args=[occurrence.pk]))
        )
    elif previous is not None and previous.status != log.status:
        messages.success(request, f"{message} Before, it said “{previous.get_status_display()}”.")
    else:
        messages.success(request, message)


@client_required
@require_POST
def undo_log(request: AuthenticatedHttpRequest, occurrence_id: int) -> HttpResponse:
    """Undo today's log from the message that confirmed it: a mis-tap on "Done" is one tap back."""
    occurrence = access.get_occurrence_for_client(request.user, occurrence_id)
    shown = request.POST.get("log")  # the log the assignment's page showed with its Undo
    if shown is not None and shown != str(
        Log.objects.filter(occurrence=occurrence).values_list("pk", flat=True).first()
    ):
        messages.error(
            request,
            "What you logged for this day has changed since the page was shown, so nothing was undone.",
        )
        return _back(request)
    offer = request.session.get(UNDO_SESSION_KEY) or {}
    if offer.get("occurrence") != occurrence.pk:
        offer = {}  # none recorded here: only a log never changed can be undone, by deleting it
    before = offer.get("before")
    try:
        restored = services.undo_log(
            occurrence=occurrence,
            before=services.LogState(**before) if before else None,
            changed_at=datetime.fromisoformat(offer["changed_at"]) if offer else None,
        )
    except services.HomeworkError as error:
        messages.error(request, str(error))
        return _back(request)
    request.session.pop(UNDO_SESSION_KEY, None)
    if restored is None:
        messages.success(request, f"Undone: “{occurrence.assignment.title}” is open again.")
    else:
        messages.success(
            request, f"Undone: “{occurrence.assignment.title}” is back to “{restored.get_status_display()}”."
        )
    return _back(request)


@client_required
@require_http_methods(["GET", "POST"])
def not_done(request: AuthenticatedHttpRequest, occurrence_id: int) -> HttpResponse:
    """“Not today” (the item stays open) or “I won't do this one” (it is closed), with the reason:
    one step from Today, or this page without JavaScript."""
    occurrence = access.get_occurrence_for_client(request.user, occurrence_id)
    problem = _cannot_log(request, occurrence)
    form = NotDoneForm(
        request.POST if request.method == "POST" else None, initial=_earlier_reason(occurrence)
    )
    if request.method == "POST":
        if problem:
            messages.error(request, problem)
            return _back(request)
        if form.is_valid():
            _save_not_done(request, occurrence, form.cleaned_data)
            return _back(request)
    context = {
        "occurrence": occurrence,
        "form": form,
        "problem": problem,
        "next": _safe_next(request),
        "can_skip": not hasattr(occurrence, "log")
        and services.can_skip_today(occurrence, services.client_today(request.user)),
    }
    return render(request, "homework/client/not_done.html", context)


def _save_not_done(request: AuthenticatedHttpRequest, occurrence: Occurrence, data: dict[str, Any]) -> None:
    try:
        if data["scope"] == "today":
            _skip_today(request, occurrence, data)
        else:
            # Read before logging: "Undo" puts back what it said (or opens it again).
            previous = getattr(occurrence, "log", None)  # as the quick log reads it
            log = services.log_occurrence(
                occurrence=occurrence, status=LogStatus.NOT_DONE, reason=data["reason"], note=data["note"]
            )
            _say_logged(request, occurrence, previous, log, NOT_DONE_MESSAGE)
    except services.HomeworkError as error:
        messages.error(request, str(error))


def _skip_today(request: AuthenticatedHttpRequest, occurrence: Occurrence, data: dict[str, Any]) -> None:
    """Say "not today" and confirm it, with "Undo" when it wrote something: a new skip, or a new
    reason or note for the one said earlier today."""
    # Read before saying it: "Undo" puts back what it said (or removes it).
    previous = skip_said_today(occurrence, services.client_today(request.user))
    before = None if previous is None else services.SkipState.of(previous)
    skip = services.skip_today(occurrence=occurrence, reason=data["reason"], note=data["note"])
    said = services.SkipState.of(skip)
    message = NOT_TODAY_MESSAGE.format(due=occurrence.due_date)
    offer = request.session.get(UNDO_SKIP_SESSION_KEY) or {}
    if said == before and (offer.get("occurrence"), offer.get("skip")) == (occurrence.pk, skip.pk):
        pass  # said again as it was: the Undo recorded for it still puts back what it did
    else:
        # Said again as it was with nothing recorded here (another device, or after an Undo):
        # Undo takes back today's "not today" itself.
        request.session[UNDO_SKIP_SESSION_KEY] = {
            "occurrence": occurrence.pk,
            "skip": skip.pk,
            "said": asdict(said),
            "before": None if before is None or said == before else asdict(before),
        }
    messages.success(
        request, message, extra_tags=undo_tag(reverse("homework-undo-skip", args=[occurrence.pk]))
    )


@client_required
@require_POST
def undo_skip(request: AuthenticatedHttpRequest, occurrence_id: int) -> HttpResponse:
    """Undo a "not today" said today: from the message that confirmed it (what this device
    recorded), or from the assignment's page, whose button names today's skip (``skip``) and takes
    it back. Back to ``next`` when it is a local URL, else to Today."""
    occurrence = access.get_occurrence_for_client(request.user, occurrence_id)
    offer = _skip_offer(request, occurrence)
    if offer is None:
        messages.error(request, "There is no “not today” here to undo.")
        return _back(request)
    before = offer.get("before")
    try:
        restored = services.undo_skip(
            occurrence=occurrence,
            skip_id=offer["skip"],
            said=services.SkipState(**offer["said"]),
            before=services.SkipState(**before) if before else None,
        )
    except services.HomeworkError as error:
        messages.error(request, str(error))
        return _back(request)
    finally:
        if (request.session.get(UNDO_SKIP_SESSION_KEY) or {}).get("occurrence") == occurrence.pk:
            request.session.pop(UNDO_SKIP_SESSION_KEY, None)
    title = occurrence.assignment.title
    if restored is None:
        messages.success(request, f"Undone: “{title}” is no longer marked “not today”.")
    else:
        reason = restored.get_reason_display()
        messages.success(request, f"Undone: “{title}” is back to “not today” because “{reason}”.")
    return _back(request)


def _skip_offer(request: AuthenticatedHttpRequest, occurrence: Occurrence) -> dict[str, Any] | None:
    """What "Undo" of a "not today" puts back: what this device recorded when it was said (the
    message's Undo), else, for the assignment page's button, today's "not today" as it stands,
    taken back whole (it must be the skip the page showed: ``skip`` in the POST). None when there
    is nothing here to undo."""
    offer = request.session.get(UNDO_SKIP_SESSION_KEY) or {}
    posted = request.POST.get("skip", "")
    if offer.get("occurrence") == occurrence.pk and posted in ("", str(offer.get("skip"))):
        return cast(dict[str, Any], offer)
    if not posted:
        return None  # the message's Undo with nothing recorded on this device, or used already
    skip = skip_said_today(occurrence, services.client_today(request.user))
    if skip is None or str(skip.pk) != posted:
        return None
    return {"skip": skip.pk, "said": asdict(services.SkipState.of(skip)), "before": None}


@client_required
@require_POST
def ask(request: AuthenticatedHttpRequest, assignment_id: int) -> HttpResponse:
    """“Ask at the next session”: the question goes on the pre-session summary."""
    assignment = access.get_assignment_for_client(request.user, assignment_id)
    since = window_start(request.user, services.client_today(request.user))
    services.ask_at_next_session(assignment=assignment, since=since)
    messages.success(request, "Saved. Your therapist will see the question before your next session.")
    return _back(request)


@client_required
@require_safe
def history(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = HistoryFilterForm(request.GET)
    form.is_valid()  # a bad field shows its error; the valid ones still filter
    entries = entries_for_history(
        request.user, q=form.cleaned_data.get("q", ""), kind=form.cleaned_data.get("kind", "")
    )
    page = Paginator(entries, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "zone": request.user.zone}
    return render(request, "homework/client/history.html", context)


@client_required
@require_safe
def progress(request: AuthenticatedHttpRequest) -> HttpResponse:
    local_today = services.client_today(request.user)
    return render(request, "homework/client/progress.html", {"tracker": tracker(request.user, local_today)})


def _goals_page(request: AuthenticatedHttpRequest, bound: GoalRatingForm | None = None) -> HttpResponse:
    charts = goal_charts(request.user)
    local_today = services.client_today(request.user)
    for chart in charts:
        if chart.goal.status == GoalStatus.ACTIVE:
            # A rating already given today fills the form in: saving again replaces it.
            earlier = chart.rated_today = chart.rated_on(local_today, request.user.zone)
            chart.form = (
                bound
                if bound and bound.prefix == f"goal-{chart.goal.pk}"
                else GoalRatingForm(
                    prefix=f"goal-{chart.goal.pk}",
                    initial={"rating": earlier.rating, "note": earlier.note} if earlier else None,
                )
            )
    # ``bound`` by name too: base.html's error summary finds the forms a page shows in its context.
    context = {"charts": charts, "zone": request.user.zone, "bound": bound}
    return render(request, "homework/client/goals.html", context)


@client_required
@require_safe
def goals(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _goals_page(request)


@client_required
@require_POST
def goal_rate(request: AuthenticatedHttpRequest, goal_id: int) -> HttpResponse:
    goal = access.get_goal_for_client(request.user, goal_id)
    if goal.status != GoalStatus.ACTIVE:
        messages.error(request, "This goal is no longer being worked on, so it can't be rated.")
        return redirect("homework-goals")
    if once.earlier(request) is not None:
        messages.info(request, once.ALREADY_DONE)
        return redirect("homework-goals")
    form = GoalRatingForm(request.POST, prefix=f"goal-{goal.pk}")
    if not form.is_valid():
        return _goals_page(request, bound=form)
    once.run(user=request.user, key=once.posted_key(request), create=partial(_rate_goal, request, goal, form))
    return redirect("homework-goals")


def _rate_goal(request: AuthenticatedHttpRequest, goal: Goal, form: GoalRatingForm) -> str:
    data = form.cleaned_data
    _, replaced = services.rate_goal(
        goal=goal, rating=data["rating"], note=data["note"], rated_by=request.user
    )
    messages.success(request, "Updated today's rating." if replaced else "Your rating is saved.")
    return reverse("homework-goals")
