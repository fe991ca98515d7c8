"""Celery tasks: each takes ids and calls a service (``sessions_app.numbers``); and the hooks
that queue them once a homework service's transaction commits (once per client and commit)."""

from __future__ import annotations

from datetime import date
from functools import partial

from celery import shared_task

from homework.models import Assignment, Occurrence
from mallard.after_commit import once_on_commit
from mallard.models import Role, User
from sessions_app import numbers


@shared_task
def refresh_client(client_id: int) -> int:
    """Store a client's caseload numbers again, after a change to their homework committed."""
    return numbers.refresh_caseload_numbers(client_ids=[client_id])


@shared_task
def refresh_stale() -> int:
    """Store again every client's caseload numbers that are not current (beat, every 15 minutes)."""
    return numbers.refresh_stale_caseload_numbers()


# --- Registered in homework.hooks and measures.hooks by SessionsAppConfig.ready -------------------------
# Called inside the service's atomic block: the task is queued once it commits, once per client
# however many writes and hooks the transaction made for them. A broker that is down costs only
# speed (the caseload works stale numbers out itself), so it never fails the write.


def _refresh_after_commit(client_id: int) -> None:
    once_on_commit(("refresh_client", client_id), partial(refresh_client.delay, client_id), robust=True)


def assignment_changed(assignment: Assignment) -> None:
    _refresh_after_commit(assignment.client_id)


def occurrence_logged(occurrence: Occurrence) -> None:
    _refresh_after_commit(occurrence.client_id)


def occurrence_skipped(occurrence: Occurrence, today: date) -> None:
    _refresh_after_commit(occurrence.client_id)


def rows_changed(client_id: int) -> None:
    """Another write to the client's homework rows (a draft, feedback, their practice time)."""
    _refresh_after_commit(client_id)


def profile_changed(user: User) -> None:
    """A client's time zone moves the local dates of their window and repeated reasons."""
    if user.role == Role.CLIENT:
        _refresh_after_commit(user.pk)


def item9_reviewed(client_id: int) -> None:
    """A therapist marked the client's item 9 answers reviewed (the row's flag goes), or undid
    that (it comes back)."""
    _refresh_after_commit(client_id)


def windows_changed(client: User) -> None:
    """A questionnaire answered (or its windows moved): the row shows the latest scores."""
    _refresh_after_commit(client.pk)
