"""Writes of the questionnaires: asking for them (plans and their windows) and answering them.

Every function is keyword-only and atomic. The windows are the schedule: Today shows the open
ones, and reminders plans from them (told through ``hooks.windows_changed`` in the same
transaction). A submitted response is never edited; a correction is a new response.

Lock order: the client's plans first (``lock_plans``), then their windows (docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from mallard import access as mallard_access
from mallard.models import CareRelationship, User
from measures import access, hooks, selectors
from measures.models import (
    BEFORE_SESSION_DAYS,
    WINDOW_DAYS,
    MeasurePlan,
    MeasureResponse,
    MeasureSettings,
    MeasureWindow,
    Schedule,
)
from measures.scoring import score

# Windows of "every N weeks" plans are written this far ahead (the hourly task extends them).
HORIZON_DAYS = 14


class AlreadyAnswered(Exception):
    """The window was answered already (a second post of the same questionnaire)."""

    def __init__(self, response: MeasureResponse) -> None:
        super().__init__("This questionnaire was already filled in.")
        self.response = response


class NotOpen(Exception):
    """The window is not open now (not yet, or closed), or its plan was stopped."""


def lock_plans(plans: QuerySet[MeasurePlan]) -> list[MeasurePlan]:
    """Lock ``plans`` for update, in id order: the first step of the questionnaires' lock order
    (docs/architecture.md). Only the plan rows are locked, never the client's user row."""
    return list(plans.select_for_update(of=("self",)).select_related("client").order_by("pk"))


def _local_midnight(day: date, client: User) -> datetime:
    return datetime.combine(day, time.min, tzinfo=client.zone)


def wanted_windows(plan: MeasurePlan, now: datetime) -> list[tuple[datetime, datetime]]:
    """The (opens_at, closes_at) of the plan's windows that close after ``now``, up to the horizon."""
    client = plan.client
    if plan.schedule == Schedule.ONCE:
        opens = _local_midnight(plan.starts_on, client)
        closes = _local_midnight(plan.starts_on + timedelta(days=WINDOW_DAYS), client)
        return [(opens, closes)] if closes > now else []
    if plan.schedule == Schedule.EVERY_N_WEEKS:
        step = timedelta(weeks=plan.every_weeks or 1)
        last_open = now + timedelta(days=HORIZON_DAYS)
        windows = []
        day = plan.starts_on
        while _local_midnight(day, client) <= last_open:
            closes = _local_midnight(day + timedelta(days=WINDOW_DAYS), client)
            if closes > now:
                windows.append((_local_midnight(day, client), closes))
            day += step
        return windows
    first = max(now, _local_midnight(plan.starts_on, client))
    windows = []
    for start in hooks.session_starts(client, first):
        opens = start - timedelta(days=BEFORE_SESSION_DAYS)
        if windows and opens < windows[-1][1]:
            # Sessions close together (two on one day): their windows overlap, so one check-in,
            # open from the first's opening until the last session, covers them all.
            windows[-1] = (windows[-1][0], start)
        else:
            windows.append((opens, start))
    return windows


def _write_windows(plan: MeasurePlan, now: datetime) -> bool:
    """Make the plan's unanswered windows that close after ``now`` match what is wanted.

    Answered windows are history and never touched; so are windows covered by the answer to
    another window of the questionnaire (``MeasureWindow.covered_by``). A wanted window whose time
    was already answered or covered (a session moved after the client filled it in) is not asked
    again. Returns whether anything changed.
    """
    wanted = wanted_windows(plan, now) if plan.is_running else []
    windows = list(
        plan.windows.filter(closes_at__gt=now).select_related("response", "covered_by").order_by("opens_at")
    )
    answered = [w for w in windows if w.answer is not None]
    open_rows = {w.closes_at: w for w in windows if w.answer is None}
    if (
        plan.schedule == Schedule.ONCE
        and plan.windows.filter(
            closes_at__lte=now, opens_at__gte=_local_midnight(plan.starts_on, plan.client)
        ).exists()
    ):
        wanted = []  # asked once: its window that closed is not opened again (a new first day is)
    answered_at = [w.answer.submitted_at for w in answered if w.answer is not None]
    changed = False
    keep: set[int] = set()
    to_create = []
    for opens, closes in wanted:
        if any(opens <= at < closes for at in answered_at) or any(w.closes_at == closes for w in answered):
            continue
        row = open_rows.get(closes)
        if row is None:
            to_create.append(MeasureWindow(plan=plan, client=plan.client, opens_at=opens, closes_at=closes))
            continue
        keep.add(row.pk)
        if row.opens_at != opens:
            row.opens_at = opens
            row.save(update_fields=["opens_at"])
            changed = True
    stale = [w.pk for w in open_rows.values() if w.pk not in keep]
    if stale:
        MeasureWindow.objects.filter(pk__in=stale).delete()
        changed = True
    if to_create:
        MeasureWindow.objects.bulk_create(to_create)
        changed = True
    return changed


@transaction.atomic
def assign_measure(
    *,
    therapist: User,
    client: User,
    instrument: str,
    schedule: str,
    starts_on: date,
    every_weeks: int | None = None,
) -> MeasurePlan:
    """Ask the client to fill in ``instrument`` on ``schedule`` from ``starts_on``, and write its windows.

    Raises ``IntegrityError`` when the client already has a running plan for the instrument.
    """
    plan = MeasurePlan.objects.create(
        client=client,
        therapist=therapist,
        instrument=instrument,
        schedule=schedule,
        every_weeks=every_weeks if schedule == Schedule.EVERY_N_WEEKS else None,
        starts_on=starts_on,
    )
    _write_windows(plan, timezone.now())
    hooks.notify_windows_changed(client)
    return plan


class PlanStopped(Exception):
    """The plan was stopped, so it can no longer be changed."""


@transaction.atomic
def update_plan(
    *, plan: MeasurePlan, schedule: str, starts_on: date, every_weeks: int | None = None
) -> MeasurePlan:
    """Change when a running plan asks: its schedule and first day. Its unanswered windows that
    are open or to come are rewritten to match; answered ones stay. Raises ``PlanStopped`` when
    the plan was stopped meanwhile."""
    plan = MeasurePlan.objects.select_for_update(of=("self",)).select_related("client").get(pk=plan.pk)
    if plan.ended_at is not None:
        raise PlanStopped("This plan was stopped.")
    plan.schedule = schedule
    plan.every_weeks = every_weeks if schedule == Schedule.EVERY_N_WEEKS else None
    plan.starts_on = starts_on
    plan.save(update_fields=["schedule", "every_weeks", "starts_on"])
    if _write_windows(plan, timezone.now()):
        hooks.notify_windows_changed(plan.client)
    return plan


@transaction.atomic
def stop_plan(*, plan: MeasurePlan) -> MeasurePlan:
    """Stop asking: the plan ends now, and its unanswered windows that are open or to come go.
    So do the extra asks of the same questionnaire ("Ask once now") that still run."""
    # The plan and its running extra asks, locked together in id order (an extra asked beside an
    # earlier plan of the questionnaire has a smaller id than this one).
    locked = lock_plans(
        MeasurePlan.objects.filter(
            Q(pk=plan.pk)
            | Q(client_id=plan.client_id, instrument=plan.instrument, extra=True, ended_at__isnull=True)
        )
    )
    by_id = {row.pk: row for row in locked}
    if plan.pk not in by_id:
        raise MeasurePlan.DoesNotExist("No such questionnaire plan.")
    plan = by_id[plan.pk]
    if plan.ended_at is not None:
        return plan
    now = timezone.now()
    extras = [row for row in locked if row.pk != plan.pk and row.extra and row.ended_at is None]
    for stopping in [plan, *extras]:
        stopping.ended_at = now
        stopping.save(update_fields=["ended_at"])
        _write_windows(stopping, now)
    hooks.notify_windows_changed(plan.client)
    return plan


def stop_plans_of_ended_care(relationship: CareRelationship) -> None:
    """``mallard.hooks.care_ended``: a client whose care ended and who is in no one's care now is
    asked no more questionnaires, since no therapist would read the answers. Each running plan
    (an extra ask included) is stopped as the therapist's Stop asking does. A transfer
    (``move_client``, whose new care has started when the apps hear of the old) keeps them."""
    client = relationship.client
    if mallard_access.current_care(client) is not None:
        return
    for plan in MeasurePlan.objects.filter(client=client, ended_at__isnull=True).order_by("pk"):
        stop_plan(plan=plan)


class AlreadyOpen(Exception):
    """A window of the questionnaire is open for the client and not answered yet."""

    def __init__(self, window: MeasureWindow) -> None:
        super().__init__("This questionnaire is open for the client already.")
        self.window = window


@transaction.atomic
def ask_once_now(*, therapist: User, plan: MeasurePlan) -> MeasurePlan:
    """Ask for one more response to the running ``plan``'s questionnaire, now, beside the plan
    ("Ask once now", after a crisis or at discharge): an extra once plan whose window opens today
    (the client's date) for ``WINDOW_DAYS``, shown on Today and reminded like any other. The plan
    itself and its windows stay as they are.

    Raises ``PlanStopped`` when the plan was stopped meanwhile, and ``AlreadyOpen`` (with that
    window) when a window of the questionnaire is open for the client and not answered: nothing
    new is opened then. The plan's row lock makes two asks at once open one window.
    """
    plan = (
        MeasurePlan.objects.select_for_update(of=("self",))
        .select_related("client")
        .get(pk=plan.pk, extra=False)
    )
    if plan.ended_at is not None:
        raise PlanStopped("This plan was stopped.")
    client = plan.client
    now = timezone.now()
    if (window := selectors.open_window_of(client, plan.instrument, now)) is not None:
        raise AlreadyOpen(window)
    extra = MeasurePlan.objects.create(
        client=client,
        therapist=therapist,
        instrument=plan.instrument,
        schedule=Schedule.ONCE,
        starts_on=now.astimezone(client.zone).date(),
        extra=True,
    )
    _write_windows(extra, now)
    hooks.notify_windows_changed(client)
    return extra


@transaction.atomic
def sessions_changed(*, client: User) -> None:
    """The client's scheduled sessions changed: rewrite the windows of their "before each
    session" plans. sessions_app's services call this in their own transaction."""
    plans = lock_plans(
        MeasurePlan.objects.filter(client=client, schedule=Schedule.BEFORE_SESSION, ended_at__isnull=True)
    )
    now = timezone.now()
    changed = [_write_windows(plan, now) for plan in plans]
    if any(changed):
        hooks.notify_windows_changed(client)


def extend_windows() -> int:
    """Write the windows of every running "every N weeks" plan up to the horizon (the hourly task).

    Each plan in its own transaction; returns the number of plans whose windows changed.
    """
    changed = 0
    plans = MeasurePlan.objects.filter(schedule=Schedule.EVERY_N_WEEKS, ended_at__isnull=True).select_related(
        "client"
    )
    for listed in plans.order_by("pk").iterator(chunk_size=200):
        with transaction.atomic():
            plan = next(
                iter(lock_plans(MeasurePlan.objects.filter(pk=listed.pk, ended_at__isnull=True))), None
            )
            if plan is not None and _write_windows(plan, timezone.now()):
                hooks.notify_windows_changed(plan.client)
                changed += 1
    return changed


@transaction.atomic
def submit_response(
    *,
    client: User,
    window: MeasureWindow,
    answers: Sequence[int],
    difficulty: int | None = None,
) -> MeasureResponse:
    """Save and score the client's answers to an open window. Raises ``AlreadyAnswered`` when the
    window has its response already (or was covered by one), ``NotOpen`` when it is closed, not
    yet open or stopped, and ``ValueError`` for answers that do not fit the questionnaire (nothing
    is saved).

    One answer covers every ask of the questionnaire open at that moment: the client's other
    windows of it that are open now and unanswered (a plan's own window beside an "Ask once now")
    are marked covered by this response (``covered_by``), so they leave Today, the summary and the
    reminders, and re-planning the plan does not ask them again.
    """
    instrument = (
        MeasureWindow.objects.filter(pk=window.pk, client=client)
        .values_list("plan__instrument", flat=True)
        .first()
    )
    if instrument is None:
        if window.client_id != client.pk:
            raise MeasureWindow.DoesNotExist("No such window for this client.")
        raise NotOpen("This questionnaire is not open now.")  # stopped or moved since the page
    # The lock order (docs/architecture.md): the client's plans of the questionnaire first, then
    # the windows. Every service that writes windows holds their plan's lock, so stopping a plan
    # or moving a session while the client answers waits for the answer, or the answer for it.
    lock_plans(MeasurePlan.objects.filter(client=client, instrument=instrument))
    now = timezone.now()
    # Then the window and every other one it may cover: two answers at once (two tabs, two
    # windows) save one answer and cover the other window, never deadlock.
    locked = {
        w.pk: w
        for w in MeasureWindow.objects.select_for_update(of=("self",))
        .filter(
            Q(pk=window.pk) | Q(opens_at__lte=now, closes_at__gt=now),
            client=client,
            plan__instrument=instrument,
        )
        .select_related("plan")
        .order_by("pk")
    }
    if window.pk not in locked:  # the plan was stopped or rewritten while this waited
        raise NotOpen("This questionnaire is not open now.")
    window = locked[window.pk]
    earlier = MeasureResponse.objects.filter(window=window).first()
    if earlier is None and window.covered_by_id is not None:
        earlier = MeasureResponse.objects.get(pk=window.covered_by_id)
    if earlier is not None:
        raise AlreadyAnswered(earlier)
    if not window.is_open(now) or not window.plan.is_running:
        raise NotOpen("This questionnaire is not open now.")
    response = _save(client=client, instrument=instrument, answers=answers, difficulty=difficulty)
    response.plan = window.plan
    response.window = window
    try:
        with transaction.atomic():
            response.save(force_insert=True)
    except IntegrityError:  # pragma: no cover - the window lock above makes this a race no one wins
        raise AlreadyAnswered(MeasureResponse.objects.get(window=window)) from None
    MeasureWindow.objects.filter(
        MeasureWindow.open_unanswered(now),
        pk__in=[pk for pk in locked if pk != window.pk],
        plan__ended_at__isnull=True,
    ).update(covered_by=response)
    hooks.notify_windows_changed(client)
    return response


@transaction.atomic
def correct_response(
    *, client: User, response: MeasureResponse, answers: Sequence[int], difficulty: int | None = None
) -> MeasureResponse:
    """A corrected copy of the client's ``response``: a new response that names it. The earlier
    one stays as it was. Raises ``AlreadyAnswered`` (with the correction) when it was corrected,
    and ``NotOpen`` when it can no longer be corrected (``access.can_correct``: too old, or no
    longer the client's latest answer to that questionnaire); nothing is saved then."""
    response = MeasureResponse.objects.select_for_update().get(pk=response.pk, client=client)
    earlier = MeasureResponse.objects.filter(corrects=response).first()
    if earlier is not None:
        raise AlreadyAnswered(earlier)
    if not access.can_correct(response, timezone.now()):
        raise NotOpen("These answers can no longer be corrected.")
    correction = _save(client=client, instrument=response.instrument, answers=answers, difficulty=difficulty)
    correction.plan_id = response.plan_id
    correction.corrects = response
    correction.save(force_insert=True)
    hooks.notify_windows_changed(client)  # an answer like any other: the latest scores moved
    return correction


def _save(
    *, client: User, instrument: str, answers: Sequence[int], difficulty: int | None
) -> MeasureResponse:
    """An unsaved, scored response. ``score`` raises ValueError for a wrong count or value."""
    result = score(instrument, list(answers))
    if difficulty is not None and (instrument != "phq9" or difficulty not in range(4)):
        raise ValueError("The difficulty question is the PHQ-9's, answered 0 to 3.")
    return MeasureResponse(
        client=client,
        instrument=instrument,
        answers=list(answers),
        difficulty=difficulty,
        total=result.total,
        band=str(result.band),
        item9_positive=result.item9_positive,
        submitted_at=timezone.now(),
    )


@transaction.atomic
def set_show_scores(*, client: User, show: bool) -> MeasureSettings:
    """Whether the client sees their own scores (the therapist's choice, per client)."""
    settings, _ = MeasureSettings.objects.get_or_create(client=client)
    if settings.show_scores_to_client != show:
        settings.show_scores_to_client = show
        settings.updated_at = timezone.now()
        settings.save(update_fields=["show_scores_to_client", "updated_at"])
    return settings
