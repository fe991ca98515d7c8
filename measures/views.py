"""The questionnaire pages: the therapist asks (and changes or stops asking); the client answers.

Flow: access check, form, service, redirect. The answer page is one short form that works on a
phone; after it, a PHQ-9 with item 9 above 0 shows the crisis resources at once.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mallard import access as mallard_access
from mallard import once
from mallard.access import get_client_for_therapist
from mallard.audit import record_access
from mallard.decorators import client_required, therapist_required
from mallard.lib.dates import window_end
from mallard.models import User
from mallard.types import AuthenticatedHttpRequest
from measures import access, selectors, services
from measures.forms import AnswerForm, PlanForm, item_field
from measures.instruments import get_instrument
from measures.models import BEFORE_SESSION_DAYS, WINDOW_DAYS, MeasurePlan, MeasureResponse

NOT_OPEN = "This questionnaire is not open now, so nothing was saved."
ALREADY_ANSWERED = "You filled this one in already. It was saved once."
ALREADY_CORRECTED = "You corrected these answers already. The correction was saved once."
CORRECTION_CLOSED = (
    f"These answers can no longer be corrected here: that is possible for {access.CORRECTION_DAYS} days "
    "after sending them, until you fill the questionnaire in again. If one is wrong, tell your therapist."
)


def _plans_page(request: AuthenticatedHttpRequest, client: User, form: PlanForm) -> HttpResponse:
    rows = selectors.plan_rows(client, timezone.now())
    corrections = access.corrections_for_therapist(request.user, client)
    answers, answer_count = access.answers_for_therapist(request.user, client)
    # The page lists every plan, answer and score: one row for the record as a whole.
    record_access(request, [client], client=client)
    context = {
        "client": client,
        "form": form,
        "rows": rows,
        "corrections": corrections,
        "answers": answers,
        "answer_count": answer_count,
        "before_days": BEFORE_SESSION_DAYS,
        "window_days": WINDOW_DAYS,
    }
    return render(request, "measures/client_plans.html", context, status=400 if form.errors else 200)


def _running(client: User) -> set[str]:
    """The questionnaires with a running plan (an extra ask beside one is not a plan)."""
    running = client.measure_plans.filter(ended_at__isnull=True, extra=False)
    return set(running.values_list("instrument", flat=True))


@therapist_required
@require_http_methods(["GET", "HEAD", "POST"])
def client_plans(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """A client's questionnaire plans, and the form that adds one."""
    client = get_client_for_therapist(request.user, client_id)
    if request.method != "POST":
        return _plans_page(request, client, PlanForm(client=client, running=_running(client)))
    if (done := once.earlier(request)) is not None:
        messages.info(request, once.ALREADY_DONE)
        return redirect(done or reverse("measures-client", args=[client.pk]))
    form = PlanForm(request.POST, client=client, running=_running(client))
    if not form.is_valid():
        return _plans_page(request, client, form)
    try:
        url, _ = once.run(user=request.user, key=once.posted_key(request), create=partial(
            _assign, request.user, client, form.cleaned_data))  # fmt: skip
    except IntegrityError:  # a plan for this questionnaire was added meanwhile
        form.add_error(
            "instrument",
            "This questionnaire is already planned for this client. Change or stop that plan instead.",
        )
        return _plans_page(request, client, form)
    messages.success(request, _asked(client, form.cleaned_data["instrument"]))
    return redirect(url)


def _asked(client: User, instrument: str) -> str:
    """What the therapist is told once a questionnaire is asked: open now, or when it opens."""
    due = selectors.open_windows(client, timezone.now())
    if any(row.instrument.code == instrument for row in due):
        name = get_instrument(instrument).short_name
        return f"Asked. The {name} is open now: {client.display_name} sees it on Today."
    return f"Asked. {client.display_name} will see it on Today when it opens."


def _assign(therapist: User, client: User, fields: dict[str, Any]) -> str:
    services.assign_measure(therapist=therapist, client=client, **fields)
    return reverse("measures-client", args=[client.pk])


def _stopped_already(request: AuthenticatedHttpRequest, client: User, plan: MeasurePlan) -> HttpResponse:
    messages.info(request, f"The {plan.get_instrument_display()} plan was stopped already.")
    return redirect("measures-client", client.pk)


@therapist_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit_plan(request: AuthenticatedHttpRequest, client_id: int, plan_id: int) -> HttpResponse:
    """Change when a running plan asks (schedule, every how many weeks, first day)."""
    client = get_client_for_therapist(request.user, client_id)
    plan = access.get_plan_for_therapist(request.user, client, plan_id)
    if not plan.is_running:
        return _stopped_already(request, client, plan)
    if request.method != "POST":
        initial = {"schedule": plan.schedule, "every_weeks": plan.every_weeks, "starts_on": plan.starts_on}
        form = PlanForm(client=client, running=set(), plan=plan, initial=initial)
    else:
        form = PlanForm(request.POST, client=client, running=set(), plan=plan)
        if form.is_valid():
            try:
                services.update_plan(plan=plan, **form.cleaned_data)
            except services.PlanStopped:
                return _stopped_already(request, client, plan)
            messages.success(request, f"Saved: the {plan.get_instrument_display()} plan is changed.")
            return redirect("measures-client", client.pk)
    record_access(request, [plan], client=client)
    context = {"client": client, "plan": plan, "form": form}
    return render(request, "measures/plan_edit.html", context, status=400 if form.errors else 200)


@therapist_required
@require_http_methods(["GET", "HEAD", "POST"])
def stop_plan(request: AuthenticatedHttpRequest, client_id: int, plan_id: int) -> HttpResponse:
    """Stop asking, after a confirmation page (which works without JavaScript)."""
    client = get_client_for_therapist(request.user, client_id)
    plan = access.get_plan_for_therapist(request.user, client, plan_id)
    if not plan.is_running:
        return _stopped_already(request, client, plan)
    if request.method != "POST":
        record_access(request, [plan], client=client)
        return render(request, "measures/plan_stop.html", {"client": client, "plan": plan})
    services.stop_plan(plan=plan)
    messages.success(
        request,
        f"Stopped: {client.display_name} won't be asked for the {plan.get_instrument_display()} again.",
    )
    return redirect("measures-client", client.pk)


def _answer_page(
    request: AuthenticatedHttpRequest,
    form: AnswerForm,
    *,
    status: int = 200,
    correcting: MeasureResponse | None = None,
) -> HttpResponse:
    context = {"form": form, "correcting": correcting}
    return render(request, "measures/answer.html", context, status=status)


@therapist_required
@require_POST
def ask_once_now(request: AuthenticatedHttpRequest, client_id: int, plan_id: int) -> HttpResponse:
    """Ask for one response now, beside a running plan, which goes on as it was. When the
    questionnaire is open for the client already, say so and open nothing new."""
    client = get_client_for_therapist(request.user, client_id)
    plan = access.get_plan_for_therapist(request.user, client, plan_id)
    if (done := once.earlier(request)) is not None:
        messages.info(request, once.ALREADY_DONE)
        return redirect(done or reverse("measures-client", args=[client.pk]))
    if not plan.is_running:
        return _stopped_already(request, client, plan)
    name = plan.get_instrument_display()
    try:
        url, _ = once.run(user=request.user, key=once.posted_key(request), create=partial(
            _ask_once_now, request.user, plan))  # fmt: skip
    except services.PlanStopped:
        return _stopped_already(request, client, plan)
    except services.AlreadyOpen as already:
        end = window_end(already.window.closes_at, client.zone, "j F")
        messages.info(
            request,
            f"The {name} is open for {client.display_name} already, until {end} client's time "
            f"({client.time_zone}), and not answered yet, so nothing new was opened.",
        )
        return redirect("measures-client", client.pk)
    messages.success(
        request,
        f"Asked once now: {client.display_name} sees the {name} on Today from today, for "
        f"{WINDOW_DAYS} days. The plan goes on as it was.",
    )
    return redirect(url)


def _ask_once_now(therapist: User, plan: MeasurePlan) -> str:
    services.ask_once_now(therapist=therapist, plan=plan)
    return reverse("measures-client", args=[plan.client_id])


@client_required
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request: AuthenticatedHttpRequest, window_id: int) -> HttpResponse:
    """The client fills in a questionnaire that is due. A second post of it saves nothing."""
    window = access.get_window_for_client(request.user, window_id)
    instrument = get_instrument(window.plan.instrument)
    answered = MeasureResponse.objects.filter(window=window).values_list("pk", flat=True).first()
    answered = answered or window.covered_by_id  # answered with another ask open beside it
    if answered is not None:
        if request.method == "POST":
            messages.info(request, ALREADY_ANSWERED)
        return redirect("measures-answered", answered)
    if request.method != "POST":
        if not window.is_open(timezone.now()) or not window.plan.is_running:
            messages.info(request, NOT_OPEN.replace(", so nothing was saved", ""))
            return redirect("homework-today")
        return _answer_page(request, AnswerForm(instrument=instrument))
    form = AnswerForm(request.POST, instrument=instrument)
    if not form.is_valid():  # the error summary says what is missing; the answers given are kept
        return _answer_page(request, form, status=400)
    try:
        response = services.submit_response(
            client=request.user, window=window, answers=form.answers(), difficulty=form.difficulty_answer()
        )
    except services.AlreadyAnswered as already:
        messages.info(request, ALREADY_ANSWERED)
        return redirect("measures-answered", already.response.pk)
    except services.NotOpen:
        messages.error(request, NOT_OPEN)
        return redirect("homework-today")
    return redirect("measures-answered", response.pk)


@client_required
@require_safe
def answered(request: AuthenticatedHttpRequest, response_id: int) -> HttpResponse:
    """Thanks, and for a PHQ-9 with item 9 above 0: the crisis resources, at once."""
    response = access.get_response_for_client(request.user, response_id)
    context = {
        "response": response,
        "instrument": get_instrument(response.instrument),
        "corrected": response.corrects,
        "can_correct": access.can_correct(response, timezone.now()),
        "correct_until": access.correctable_until(response),
        # In no one's care, no therapist reads the answer: the page must not promise one.
        "has_therapist": mallard_access.current_care(request.user) is not None,
    }
    return render(request, "measures/answered.html", context)


def _earlier_answers(response: MeasureResponse) -> dict[str, str]:
    initial = {item_field(n): str(value) for n, value in enumerate(response.answers, start=1)}
    if response.difficulty is not None:
        initial["difficulty"] = str(response.difficulty)
    return initial


@client_required
@require_http_methods(["GET", "HEAD", "POST"])
def correct(request: AuthenticatedHttpRequest, response_id: int) -> HttpResponse:
    """The client corrects answers they sent: the same questionnaire, filled in with the earlier
    answers. Sending saves a new response that names the earlier one, which stays as it was."""
    response = access.get_response_for_client(request.user, response_id)
    correction = MeasureResponse.objects.filter(corrects=response).values_list("pk", flat=True).first()
    if correction is not None:
        messages.info(request, ALREADY_CORRECTED)
        return redirect("measures-answered", correction)
    if not access.can_correct(response, timezone.now()):
        messages.info(request, CORRECTION_CLOSED)
        return redirect("measures-answered", response.pk)
    instrument = get_instrument(response.instrument)
    if request.method != "POST":
        form = AnswerForm(instrument=instrument, initial=_earlier_answers(response))
        return _answer_page(request, form, correcting=response)
    form = AnswerForm(request.POST, instrument=instrument)
    if not form.is_valid():  # the error summary says what is missing; the answers given are kept
        return _answer_page(request, form, status=400, correcting=response)
    try:
        saved = services.correct_response(
            client=request.user,
            response=response,
            answers=form.answers(),
            difficulty=form.difficulty_answer(),
        )
    except services.AlreadyAnswered as already:
        messages.info(request, ALREADY_CORRECTED)
        return redirect("measures-answered", already.response.pk)
    except services.NotOpen:
        # The limit passed, or another answer came in, while the form was open.
        messages.info(request, CORRECTION_CLOSED)
        return redirect("measures-answered", response.pk)
    return redirect("measures-answered", saved.pk)
