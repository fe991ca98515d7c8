"""Writes for therapy sessions and the client's reflections on them.

Every function is keyword-only, typed and atomic. Saving a session's notes or
summary, or a client's reflection, re-extracts the session's proposed action
items (``sessions_app.action_items.refresh_proposals``) in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from homework import services as homework_services
from homework.models import Assignment, AssignmentStatus
from mallard import audit
from mallard.access import clients_of
from mallard.models import CareRelationship, Role, User
from measures import services as measures_services
from measures.models import MeasureResponse, MeasureSettings
from sessions_app import action_items, tasks
from sessions_app.models import (
    AgreementDecision,
    Decision,
    NotesShare,
    Reflection,
    SessionStatus,
    TherapySession,
)

MIN_DURATION = 5
MAX_DURATION = 480

PAST_SCHEDULED = "That time has passed. To record a past session, choose Held or No-show."
NOT_STARTED = "This session hasn't started yet. Keep it as Scheduled until it has taken place, or cancel it."
NOT_HELD = "You can reflect only on a session that has taken place."
NOT_NOTES_AUTHOR = "Only the therapist who wrote these private notes can change them."


class SessionError(Exception):
    """A domain rule refused the write. ``field`` names the form field the message belongs beside."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class SavedSession:
    session: TherapySession


def same_minute(a: datetime, b: datetime) -> bool:
    """Whether two moments fall in the same minute: forms carry times to the minute."""
    return a.replace(second=0, microsecond=0) == b.replace(second=0, microsecond=0)


def timing_problem(
    *, starts_at: datetime, status: str, timing_changed: bool = True, now: datetime | None = None
) -> SessionError | None:
    """Why this start time and status don't go together, if they don't.

    A session in the past can be recorded (held, no-show, cancelled) but not
    scheduled; a session that hasn't started can't have been held or missed.
    ``timing_changed`` is False when an existing session keeps its time and
    status: a stale "scheduled" session can still have its notes saved.
    """
    now = now or timezone.now()
    if status == SessionStatus.SCHEDULED and starts_at <= now and timing_changed:
        return SessionError(PAST_SCHEDULED, field="start_time")
    if status in (SessionStatus.HELD, SessionStatus.NO_SHOW) and starts_at > now:
        return SessionError(NOT_STARTED, field="status")
    return None


class Overlap(SessionError):
    """The time overlaps other sessions of the therapist's, or of the client's. Not a refusal: the
    caller shows ``sessions`` and asks again with ``allow_overlap=True`` if the clash is intended."""

    def __init__(self, sessions: list[TherapySession]) -> None:
        super().__init__("This time overlaps other sessions.")
        self.sessions = sessions


def overlapping_sessions(
    *,
    therapist: User,
    client: User,
    starts_at: datetime,
    duration_minutes: int,
    exclude: TherapySession | None = None,
) -> list[TherapySession]:
    """Sessions (not cancelled) that overlap this time: the therapist's own, with any client, and
    the client's, when the client is in the therapist's care (their list shows those already).
    Nobody else's. One query, soonest first, each with its client and therapist loaded."""
    ends_at = starts_at + timedelta(minutes=duration_minutes)
    candidates = (
        TherapySession.objects.filter(
            Q(therapist=therapist) | Q(client=client, client__in=clients_of(therapist)),
            starts_at__lt=ends_at,
            starts_at__gt=starts_at - timedelta(minutes=MAX_DURATION),
        )
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("client", "therapist")
        .order_by("starts_at", "pk")
    )
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    return [other for other in candidates if other.overlaps(starts_at, ends_at)]


def _check_overlap(
    *, therapist: User, client: User, starts_at: datetime, duration_minutes: int, status: str,
    exclude: TherapySession | None, allow_overlap: bool,
) -> None:  # fmt: skip
    """``Overlap`` when the time overlaps other sessions, unless that is allowed."""
    if status == SessionStatus.CANCELLED or allow_overlap:
        return
    found = overlapping_sessions(
        therapist=therapist, client=client, starts_at=starts_at, duration_minutes=duration_minutes,
        exclude=exclude,
    )  # fmt: skip
    if found:
        raise Overlap(found)


@transaction.atomic
def schedule_session(
    *,
    therapist: User,
    client: User,
    starts_at: datetime,
    duration_minutes: int,
    status: str = SessionStatus.SCHEDULED,
    private_notes: str = "",
    summary: str = "",
    allow_overlap: bool = False,
) -> SavedSession:
    """Schedule a session, or record one that already happened.

    A time that overlaps another session of the therapist's (any client's) or of the client's
    raises ``Overlap``, writing nothing, unless ``allow_overlap``: double-booking can be intended.
    """
    problem = timing_problem(starts_at=starts_at, status=status)
    if problem is not None:
        raise problem
    _check_overlap(
        therapist=therapist, client=client, starts_at=starts_at, duration_minutes=duration_minutes,
        status=status, exclude=None, allow_overlap=allow_overlap,
    )  # fmt: skip
    now = timezone.now()
    session = TherapySession.objects.create(
        therapist=therapist,
        client=client,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        status=status,
        private_notes=private_notes,
        summary=summary,
        created_at=now,
        updated_at=now,
    )
    if private_notes or summary:
        action_items.refresh_proposals(session)
    if status == SessionStatus.SCHEDULED:
        measures_services.sessions_changed(client=client)
    return SavedSession(session=session)


@transaction.atomic
def update_session(
    *,
    session: TherapySession,
    editor: User,
    starts_at: datetime,
    duration_minutes: int,
    status: str,
    summary: str,
    private_notes: str | None = None,
    allow_overlap: bool = False,
) -> SavedSession:
    """Change a session's time, status, notes or summary; record it afterwards.

    ``private_notes`` None leaves them as they are. Only their author may change them: another
    therapist now caring for the client edits the rest of the session, never the notes.
    A new time, length or status that overlaps another session of the editor's or of the client's
    raises ``Overlap``, as scheduling does; saving notes alone never asks.
    """
    if (
        private_notes is not None
        and private_notes != session.private_notes
        and editor.pk != session.therapist_id
    ):
        raise SessionError(NOT_NOTES_AUTHOR, field="private_notes")
    if private_notes is None:
        private_notes = session.private_notes
    if same_minute(starts_at, session.starts_at):
        starts_at = session.starts_at  # unchanged: keep its seconds
    timing_changed = starts_at != session.starts_at or status != session.status
    problem = timing_problem(starts_at=starts_at, status=status, timing_changed=timing_changed)
    if problem is not None:
        raise problem
    if timing_changed or duration_minutes != session.duration_minutes:
        _check_overlap(
            therapist=editor, client=session.client, starts_at=starts_at,
            duration_minutes=duration_minutes, status=status, exclude=session,
            allow_overlap=allow_overlap,
        )  # fmt: skip
    new = {
        "starts_at": starts_at,
        "duration_minutes": duration_minutes,
        "status": status,
        "private_notes": private_notes,
        "summary": summary,
    }
    changed = [name for name, value in new.items() if getattr(session, name) != value]
    if not changed:
        return SavedSession(session=session)
    for name in changed:
        setattr(session, name, new[name])
    session.updated_at = timezone.now()
    session.save(update_fields=[*changed, "updated_at"])
    if {"private_notes", "summary"} & set(changed):
        action_items.refresh_proposals(session)
    if timing_changed:
        measures_services.sessions_changed(client=session.client)
    return SavedSession(session=session)


@transaction.atomic
def set_session_status(*, session: TherapySession, status: str) -> TherapySession:
    """Cancel a session, or mark it held or no-show once it has started."""
    problem = timing_problem(starts_at=session.starts_at, status=status, timing_changed=True)
    if problem is not None:
        raise problem
    if session.status != status:
        session.status = status
        session.updated_at = timezone.now()
        session.save(update_fields=["status", "updated_at"])
        measures_services.sessions_changed(client=session.client)
    return session


NOT_CANCELLED = "This session isn't cancelled, so there is nothing to undo."


@transaction.atomic
def undo_cancel(*, session: TherapySession, therapist: User) -> TherapySession:
    """Undo "Cancel session", from the message that confirmed it: the session is scheduled again,
    and the questionnaire windows that hang on it (and their reminders, through
    ``measures.hooks.windows_changed``) are written again, as scheduling it wrote them.

    Refused, changing nothing, when it is not cancelled (undone already), has started since (a
    session whose time has passed can't be scheduled, only recorded as held or a no-show), is not
    ``therapist``'s own (one booked with a former therapist stays cancelled: a move between
    therapists cancelled it), or its time has been taken since the cancellation: a session overlapping
    it was booked, moved or scheduled again at or after the moment it was cancelled (its
    ``updated_at``, which cancelling set). A session that overlapped it before it was cancelled, a
    double-booking the therapist chose, doesn't stop the Undo: it puts back what was there. An edit
    of that other session since the cancellation counts as taking the time: the rows keep no
    separate moment for a change of time, so Undo errs on refusing."""
    locked = TherapySession.objects.select_for_update().filter(pk=session.pk).first()
    if locked is None or locked.status != SessionStatus.CANCELLED:
        raise SessionError(NOT_CANCELLED)
    if locked.therapist_id != therapist.pk:
        raise SessionError(
            "It was booked with another therapist, who no longer sees this client. "
            "Schedule a new session instead."
        )
    if locked.starts_at <= timezone.now():
        raise SessionError(
            "Its start time has passed, so it can't be scheduled again. "
            "If it took place, mark it held or a no-show instead."
        )
    clashes = overlapping_sessions(
        therapist=therapist,
        client=locked.client,
        starts_at=locked.starts_at,
        duration_minutes=locked.duration_minutes,
        exclude=locked,
    )
    cancelled_at = locked.updated_at
    if any(max(other.created_at, other.updated_at) >= cancelled_at for other in clashes):
        raise SessionError(
            "Its time has been taken since: it overlaps another session. "
            "Schedule it again from the client's sessions page, which says which."
        )
    session.status = SessionStatus.SCHEDULED
    session.updated_at = timezone.now()
    session.save(update_fields=["status", "updated_at"])
    measures_services.sessions_changed(client=session.client)
    return session


@transaction.atomic
def cancel_future_sessions(client: User, *, therapist: User | None = None) -> None:
    """The client closed their account (``mallard.hooks.account_closed``, inside its transaction):
    every session still scheduled to start later is cancelled, each save audited, and the
    questionnaire windows that hung on them are rewritten. Held and past sessions stay as they were.
    With ``therapist``, only the sessions booked with them."""
    now = timezone.now()
    upcoming = TherapySession.objects.select_for_update().filter(
        client=client, status=SessionStatus.SCHEDULED, starts_at__gt=now
    )
    if therapist is not None:
        upcoming = upcoming.filter(therapist=therapist)
    cancelled = 0
    for session in upcoming.order_by("starts_at", "pk"):
        session.status = SessionStatus.CANCELLED
        session.updated_at = now
        session.save(update_fields=["status", "updated_at"])
        cancelled += 1
    if cancelled:
        measures_services.sessions_changed(client=client)


def cancel_sessions_of_ended_care(relationship: CareRelationship) -> None:
    """The client moved to another therapist (``mallard.hooks.care_ended``): the sessions still
    booked with the former one are cancelled, so neither the client nor the new therapist sees
    an appointment nobody will keep, and the former therapist's read-only page lists it as cancelled."""
    cancel_future_sessions(relationship.client, therapist=relationship.therapist)


@transaction.atomic
def save_reflection(
    *,
    session: TherapySession,
    client: User,
    stood_out: str,
    want_to_practise: str,
    questions: str,
) -> Reflection:
    """Create or edit the client's reflection on a held session of their own."""
    if session.client_id != client.pk or session.status != SessionStatus.HELD:
        raise SessionError(NOT_HELD)
    now = timezone.now()
    reflection, _ = Reflection.objects.update_or_create(
        session=session,
        defaults={
            "stood_out": stood_out,
            "want_to_practise": want_to_practise,
            "questions": questions,
            "updated_at": now,
        },
        create_defaults={
            "client": client,
            "stood_out": stood_out,
            "want_to_practise": want_to_practise,
            "questions": questions,
            "created_at": now,
            "updated_at": now,
        },
    )
    action_items.refresh_proposals(session)
    return reflection


# --- What we agreed last time -------------------------------------------------------------------


@dataclass(frozen=True)
class Decided:
    """The decision recorded, and whether this request made it (False: it was already decided)."""

    decision: AgreementDecision
    made_now: bool


@transaction.atomic
def decide_agreement(
    *, therapist: User, session: TherapySession, assignment: Assignment, decision: Decision
) -> Decided:
    """Keep, shrink, change or stop an assignment agreed last time, once per session.

    The decision row is unique per (session, assignment) in the database, so a second
    click, or two at once, changes the assignment once. Both rows must belong to the
    same client, who is in the therapist's care (the caller's access functions check).
    "Change" only records the decision: the therapist then edits the assignment.
    """
    if assignment.client_id != session.client_id:
        raise SessionError("That homework belongs to another client.")
    existing = AgreementDecision.objects.filter(session=session, assignment=assignment).first()
    if existing is None and assignment.has_ended:
        raise SessionError(
            f"That homework has already ended ({assignment.get_status_display().lower()}), so there is "
            "nothing to keep or change. Assign it again if it should go on."
        )
    if existing is not None:
        return Decided(existing, made_now=False)
    detail = ""
    fields: dict[str, object] = {}
    if decision == Decision.SMALLER:
        step = assignment.smaller_step()
        if step is None:
            raise SessionError(
                "It is already as small as it gets: once, with no smaller version. "
                "Change it or stop it instead."
            )
        fields, detail = step
    elif decision == Decision.STOP:
        detail = "archived"
    try:
        with transaction.atomic():
            made = AgreementDecision.objects.create(
                session=session,
                assignment=assignment,
                decision=decision,
                detail=detail[:200],
                status_before=assignment.status if decision == Decision.STOP else "",
                decided_by=therapist,
                decided_at=timezone.now(),
            )
    except IntegrityError:
        # Another request decided first; its decision stands and this one writes nothing.
        return Decided(AgreementDecision.objects.get(session=session, assignment=assignment), made_now=False)
    if fields:
        made.changed_fields = {name: [getattr(assignment, name), value] for name, value in fields.items()}
        made.save(update_fields=["changed_fields"])
        homework_services.update_assignment(assignment=assignment, **fields)
    elif decision == Decision.STOP and assignment.status != AssignmentStatus.ARCHIVED:
        homework_services.set_assignment_status(assignment=assignment, status=AssignmentStatus.ARCHIVED)
    return Decided(made, made_now=True)


@transaction.atomic
def undo_decision(*, session: TherapySession, assignment: Assignment) -> AgreementDecision:
    """Undo this session's decision on an assignment, from the message that confirmed it or the
    row's Undo: the decision goes, so the row offers its four decisions again. "Make it smaller"
    puts back the fields it changed and "Stop it" the status from before (re-planned from today);
    "Keep it" and "Change it" changed nothing to put back. Refused, changing nothing, when this
    session has no decision on it, or when the homework has changed since in a way Undo would
    overwrite. Returns the decision undone."""
    decision = (
        AgreementDecision.objects.select_for_update().filter(session=session, assignment=assignment).first()
    )
    if decision is None:
        raise SessionError("That homework has no decision in this session, so there is nothing to undo.")
    if not decision.can_undo:
        raise SessionError(
            f"Mallard didn't keep what “{assignment.title}” was before it was made smaller. "
            "Change it by hand instead."
        )
    if decision.decision == Decision.STOP and assignment.status != AssignmentStatus.ARCHIVED:
        raise SessionError(
            f"“{assignment.title}” is {assignment.get_status_display().lower()} again already, "
            "so there is nothing to undo."
        )
    before = {name: values[0] for name, values in decision.changed_fields.items()}
    if any(getattr(assignment, name) != values[1] for name, values in decision.changed_fields.items()):
        raise SessionError(
            f"“{assignment.title}” has been changed since it was made smaller, and Undo would overwrite "
            "that. Change it by hand instead."
        )
    decision.delete()
    if before:
        homework_services.update_assignment(assignment=assignment, **before)
    elif decision.decision == Decision.STOP:
        homework_services.set_assignment_status(
            assignment=assignment, status=AssignmentStatus(decision.status_before or AssignmentStatus.ACTIVE)
        )
    return decision


# --- Sharing private notes ----------------------------------------------------------------------


def share_problem(
    *, author: User, client: User, shared_with: User, shared_by: User, session: TherapySession | None
) -> str | None:
    """Why this share cannot be made, or None if it can."""
    if shared_with.role != Role.THERAPIST or shared_with.pk == author.pk:
        return "Private notes can be shared only with another therapist."
    if shared_by.pk != author.pk and not shared_by.is_staff:
        return "Only the notes' author or staff can share them."
    if session is not None and (session.therapist_id != author.pk or session.client_id != client.pk):
        return "That session's notes are not this therapist's notes on this client."
    if not TherapySession.objects.filter(therapist=author, client=client).exists():
        return "This therapist has led no session with this client."
    return None


@transaction.atomic
def share_private_notes(
    *, author: User, client: User, shared_with: User, shared_by: User, session: TherapySession | None = None
) -> NotesShare:
    """Let ``shared_with`` read ``author``'s private notes on ``client`` (one session, or all of them).

    ``shared_by`` is the author or a member of staff. The share is recorded in the audit trail
    (``NotesShare`` is tracked). Sharing again changes nothing.
    """
    problem = share_problem(
        author=author, client=client, shared_with=shared_with, shared_by=shared_by, session=session
    )
    if problem is not None:
        raise SessionError(problem)
    share, _ = NotesShare.objects.get_or_create(
        author=author,
        client=client,
        shared_with=shared_with,
        session=session,
        defaults={"shared_by": shared_by, "created_at": timezone.now()},
    )
    return share


@transaction.atomic
def withdraw_notes_share(*, author: User, share_id: int) -> bool:
    """The author stops sharing: the other therapist can no longer read those notes. Only the
    author's own shares; the deletion is in the audit trail. False when it was already gone."""
    share = NotesShare.objects.select_for_update().filter(pk=share_id, author=author).first()
    if share is None:
        return False
    share.delete()
    return True


# --- Questionnaires: the therapist's side -------------------------------------------------------


SCORES_VISIBLE_CACHE = "measures:scores-visible:{client_id}"


def scores_visible_key(client_id: int) -> str:
    """The cache key of whether a client sees their own scores (read by the client's navigation)."""
    return SCORES_VISIBLE_CACHE.format(client_id=client_id)


@transaction.atomic
def review_item9(*, therapist: User, response: MeasureResponse) -> int:
    """Mark ``response``'s item 9 answer, and any earlier one of the same client not reviewed yet,
    as reviewed by ``therapist``. Returns how many were marked: 0 when someone already had.

    A compare-and-swap ``update()``: two therapists' clicks, or a double post, mark each
    response once, and the first reviewer's name stays. Each marked row is recorded in the
    audit trail (``update()`` bypasses django-auditlog, so it is recorded by hand).
    """
    now = timezone.now()
    pending = MeasureResponse.objects.filter(
        client_id=response.client_id,
        item9_positive=True,
        item9_reviewed_at__isnull=True,
        submitted_at__lte=response.submitted_at,
    )
    marked = list(pending.select_for_update().only("pk", "client_id"))
    if not marked:
        return 0
    MeasureResponse.objects.filter(pk__in=[row.pk for row in marked], item9_reviewed_at__isnull=True).update(
        item9_reviewed_at=now, item9_reviewed_by=therapist
    )
    for row in marked:
        audit.record_change(row, ["item9_reviewed_at", "item9_reviewed_by"])
    tasks.item9_reviewed(response.client_id)
    return len(marked)


@transaction.atomic
def undo_item9_review(*, therapist: User, response: MeasureResponse) -> int:
    """Undo a review marked by mistake: the item 9 answers ``therapist`` marked reviewed in the
    same click as ``response`` (``review_item9`` gives them one time) are flagged again. Returns
    how many; 0 when ``response`` is not reviewed, or was reviewed by someone else, whose review
    stays. Each row is recorded in the audit trail, as the review was."""
    reviewed = (
        MeasureResponse.objects.select_for_update()
        .filter(pk=response.pk, item9_reviewed_by=therapist)
        .values_list("item9_reviewed_at", flat=True)
        .first()
    )
    if reviewed is None:
        return 0
    same_click = MeasureResponse.objects.filter(
        client_id=response.client_id, item9_reviewed_by=therapist, item9_reviewed_at=reviewed
    )
    marked = list(same_click.select_for_update().only("pk", "client_id"))
    MeasureResponse.objects.filter(pk__in=[row.pk for row in marked], item9_reviewed_at=reviewed).update(
        item9_reviewed_at=None, item9_reviewed_by=None
    )
    for row in marked:
        audit.record_change(row, ["item9_reviewed_at", "item9_reviewed_by"])
    tasks.item9_reviewed(response.client_id)
    return len(marked)


@transaction.atomic
def set_scores_visible(*, client: User, visible: bool) -> MeasureSettings:
    """Turn on or off whether ``client`` sees their own scores (audited through the model), and
    forget the navigation's cached answer."""
    setting = measures_services.set_show_scores(client=client, show=visible)
    key = scores_visible_key(client.pk)
    # Forget the navigation's cached answer now and again once committed, so a page read in
    # between can't keep the old one.
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))
    return setting
