"""The client's homework pages: Today, an assignment, logging, history, progress and goals."""

from __future__ import annotations

from functools import lru_cache
from html import escape
from typing import Any

from crispy_forms.utils import render_crispy_form
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from homework import access, services
from homework.forms.client import GoalRatingForm, HistoryFilterForm, NotDoneForm, QuickLogForm
from homework.models import AssignmentStatus, GoalStatus, LogStatus, Occurrence
from homework.selectors.history import assignment_occurrences, entries_for_history
from homework.selectors.today import TodayPage, today_page
from homework.selectors.tracker import goal_charts, tracker
from mallard.access import current_care
from mallard.decorators import client_required
from mallard.links import url_maker
from mallard.types import AuthenticatedHttpRequest

HISTORY_PAGE_SIZE = 20

LOGGED_MESSAGES = {
    LogStatus.DONE: "Logged as done. Nice work.",
    LogStatus.SMALLER: "Logged: you did the smaller version. That counts.",
    LogStatus.PARTLY: "Logged as partly done. Every bit counts.",
}
NOT_DONE_MESSAGE = (
    "Noted: not done this time. That's useful to know, and your therapist can help with what got in the way."
)


def _safe_next(request: AuthenticatedHttpRequest) -> str:
    """The ``next`` parameter when it is a URL on this site, else ""."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else ""


def _back(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Back to ``next`` when it is a local URL, else to Today."""
    return redirect(_safe_next(request) or "homework-today")


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


NOT_DONE_IDS = "nd-occurrence-"  # stands for "nd<occurrence id>" while the form is rendered once


@lru_cache(maxsize=16)
def _cached_not_done_fields(language: str | None) -> str:
    return _render_not_done_fields()


def _render_not_done_fields() -> str:
    form = NotDoneForm(auto_id=f"{NOT_DONE_IDS}_%s")
    form.helper.disable_csrf = True  # each card's <form> carries its own token
    return str(render_crispy_form(form))


def _not_done_fields() -> str:
    """The blank “not done” fields, with ``NOT_DONE_IDS`` standing for the card's ids.

    They depend only on the form and the language, so outside DEBUG (where templates may be
    edited while the server runs) they are rendered once per language per process.
    """
    if settings.DEBUG:
        return _render_not_done_fields()
    return _cached_not_done_fields(get_language())


ShownCard = dict[str, Any]


def _shown_cards(page: TodayPage) -> dict[str, list[ShownCard]]:
    """Each card as the template prints it (``TodayCard.shown``), with its links and its own
    “not done” fields (ids ``nd<occurrence id>_...``), by section: due, overdue and logged.

    The fields are the same on every card but for their ids, and crispy rendering is the
    costly part of the page, so they are rendered once and each card gets a copy. Likewise
    each URL is reversed once per page and each card puts in its own ids.
    """
    sections: dict[str, list[ShownCard]] = {"due": [], "overdue": [], "logged": []}
    cards = [*page.due, *page.overdue, *page.logged]
    if not cards:
        return sections
    fields = _not_done_fields()
    urls = {
        name: url_maker(f"homework-{name.replace('_', '-')}")
        for name in ("quick_log", "not_done", "entry_form", "assignment", "entry")
    }
    for name, section in (("due", page.due), ("overdue", page.overdue), ("logged", page.logged)):
        for card in section:
            occurrence = card.occurrence
            shown = card.shown(page.today)
            # Safe: Django rendered and escaped the fields; only a number is put in.
            shown["not_done_form"] = mark_safe(  # noqa: S308  # nosec B308, B703  # escaped by Django; an id put in
                fields.replace(NOT_DONE_IDS, f"nd{occurrence.pk}")
            )
            shown["links"] = {
                "quick_log": urls["quick_log"](occurrence.pk),
                "not_done": urls["not_done"](occurrence.pk),
                "entry_form": urls["entry_form"](occurrence.pk),
                "assignment": urls["assignment"](occurrence.assignment_id),
            }
            if (entry := card.entry) is not None:
                shown["links"]["entry"] = urls["entry"](entry.pk)
            sections[name].append(shown)
    return sections


def _actions_markup(card: ShownCard, csrf_input: str) -> str:
    """The card's ways to log it: done or partly, “not done” with a reason, and its worksheet."""
    title = escape(card["title"])
    links = card["links"]
    entry_form = escape(links["entry_form"])
    smaller = bool(card["smaller_version"])
    smaller_button = (
        '<button class="btn btn-outline-primary" type="submit" name="status" value="smaller">'
        "Did the smaller version</button>"
        if smaller
        else ""
    )
    worksheet = ""
    if card["has_draft"]:
        worksheet = f'<a href="{entry_form}">Continue your draft</a>'
    elif not card["has_entry"]:
        worksheet = f'<a href="{entry_form}">Fill in the worksheet</a>'
        if smaller:
            worksheet += f'<a href="{entry_form}?version=smaller">Fill in the smaller version</a>'
    return (
        f'<form method="post" action="{escape(links["quick_log"])}" class="mt-2" novalidate>{csrf_input}'
        f'<div class="d-flex flex-wrap gap-2" role="group" aria-label="Log {title}">'
        '<button class="btn btn-primary" type="submit" name="status" value="done">Done</button>'
        f"{smaller_button}"
        '<button class="btn btn-outline-primary" type="submit" name="status" value="partly">Partly</button>'
        "</div></form>"
        '<details class="not-done mt-2"><summary>Not done this time</summary>'
        f'<form method="post" action="{escape(links["not_done"])}" class="mt-2" novalidate>{csrf_input}'
        f'<fieldset><legend class="visually-hidden">Not done: {title}</legend>'
        f"{card['not_done_form']}</fieldset>"
        '<button class="btn btn-outline-secondary" type="submit">Save “not done”</button></form></details>'
        f'<p class="mt-3 mb-0 d-flex flex-wrap gap-3">{worksheet}</p>'
    )


def card_markup(card: ShownCard, csrf_input: str) -> SafeString:
    """One Today card (a ``_shown_cards`` dict) as its ``<article>``, every value escaped.

    Today prints a card for each thing to practise, each with two forms, and writing them
    with template tags cost more than the rest of the page; ``csrf_input`` is the page's
    hidden CSRF field, the same in every form as ``{% csrf_token %}`` would make it.
    """
    card_id = f"card-{card['id']}-title"
    title = escape(card["title"])
    preferred = (
        f' <li class="list-inline-item">· Best at {escape(card["preferred"])}</li>'
        if card["preferred"]
        else ""
    )
    smaller = (
        f'<p class="start-small mb-3"><span class="fw-semibold">Start small:</span> '
        f"{escape(card['smaller_version'])}</p>"
        if card["smaller_version"]
        else ""
    )
    actions = _actions_markup(card, csrf_input)
    if card["logged"]:
        mark = "✓" if card["logged_done"] else "○"
        worksheet = (
            f'<p class="mb-2"><a href="{escape(card["links"]["entry"])}">See your worksheet</a></p>'
            if card["submitted"]
            else ""
        )
        state = (
            f'<p class="logged-status mb-2"><span aria-hidden="true">{mark}</span> '
            f"Logged: {escape(card['logged_text'])}</p>{worksheet}"
            f'<details class="change-log"><summary>Change what you logged</summary>{actions}</details>'
        )
    else:
        state = actions
    markup = (
        f'<article class="card today-card mb-3{" today-card-logged" if card["logged"] else ""}"'
        f' aria-labelledby="{card_id}"><div class="card-body">'
        f'<h3 class="h5 card-title mb-1" id="{card_id}"><a href="{escape(card["links"]["assignment"])}">'
        f"{title}</a></h3>"
        f'<p class="small text-body-secondary mb-2">{escape(card["kind_label"])}{escape(card["when"])}</p>'
        f'<p class="mb-2"><span class="fw-semibold">Why:</span> {escape(card["rationale"])}</p>'
        f'<ul class="list-inline small mb-2"><li class="list-inline-item">{escape(card["minutes"])}</li>'
        f"{preferred}</ul>{smaller}{state}</div></article>\n"
    )
    return SafeString(markup)  # nosec B703  # every value above is escaped; the fields Django rendered


@client_required
@require_safe
def today(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The client's landing page: what to practise today, and what is still open from this week."""
    client = request.user
    local_today = services.client_today(client)
    page = today_page(client, local_today)
    csrf_input = f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(get_token(request))}">'
    context = {
        "care": current_care(client),
        "page": page,
        "cards": {
            section: [card_markup(card, csrf_input) for card in cards]
            for section, cards in _shown_cards(page).items()
        },
        "tracker": tracker(client, local_today),
    }
    return render(request, "homework/client/today.html", context)


@client_required
@require_safe
def assignment_detail(request: AuthenticatedHttpRequest, assignment_id: int) -> HttpResponse:
    assignment = access.get_assignment_for_client(request.user, assignment_id)
    local_today = services.client_today(request.user)
    context = {
        "assignment": assignment,
        "occurrences": assignment_occurrences(assignment, local_today),
        "today": local_today,
    }
    return render(request, "homework/client/assignment.html", context)


@client_required
@require_POST
def quick_log(request: AuthenticatedHttpRequest, occurrence_id: int) -> HttpResponse:
    occurrence = access.get_occurrence_for_client(request.user, occurrence_id)
    form = QuickLogForm(request.POST)
    if problem := _cannot_log(request, occurrence):
        messages.error(request, problem)
    elif not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    else:
        data = form.cleaned_data
        previous = getattr(occurrence, "log", None)  # changing the status keeps minutes and helpfulness
        services.log_occurrence(
            occurrence=occurrence,
            status=data["status"],
            minutes_spent=_given_or(data["minutes_spent"], getattr(previous, "minutes_spent", None)),
            helpfulness=_given_or(data["helpfulness"], getattr(previous, "helpfulness", None)),
        )
        messages.success(request, LOGGED_MESSAGES[data["status"]])
    return _back(request)


@client_required
@require_http_methods(["GET", "POST"])
def not_done(request: AuthenticatedHttpRequest, occurrence_id: int) -> HttpResponse:
    """“Not done this time”, with the reason: one step from Today, or this page without JavaScript."""
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
            services.log_occurrence(
                occurrence=occurrence,
                status=LogStatus.NOT_DONE,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, NOT_DONE_MESSAGE)
            return _back(request)
    context = {"occurrence": occurrence, "form": form, "problem": problem, "next": _safe_next(request)}
    return render(request, "homework/client/not_done.html", context)


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
    for chart in charts:
        if chart.goal.status == GoalStatus.ACTIVE:
            chart.form = (
                bound
                if bound and bound.prefix == f"goal-{chart.goal.pk}"
                else (GoalRatingForm(prefix=f"goal-{chart.goal.pk}"))
            )
    return render(request, "homework/client/goals.html", {"charts": charts, "zone": request.user.zone})


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
    form = GoalRatingForm(request.POST, prefix=f"goal-{goal.pk}")
    if not form.is_valid():
        return _goals_page(request, bound=form)
    services.rate_goal(
        goal=goal, rating=form.cleaned_data["rating"], note=form.cleaned_data["note"], rated_by=request.user
    )
    messages.success(request, "Your rating is saved.")
    return redirect("homework-goals")
