"""Keeping each client's caseload row current: the only writes of ``CaseloadNumbers``.

The caseload (``sessions_app.selectors.caseload``) reads the stored rows and never writes: a
client whose stored row is not current (their local date moved, their homework rows or
questionnaire responses changed, or the way the row is worked out changed) gets it worked out
for that view alone. These services store them again, outside any request that reads them:

- after a homework service commits a change to an assignment, a log, a "not today", a draft,
  feedback or the client's own practice time, after a client's questionnaire windows change or
  a response is submitted or corrected, after item 9 answers are marked reviewed, and after a
  client's time zone changes: for that client, by the worker (``tasks.refresh_client``, queued
  by the hooks ``SessionsAppConfig.ready`` registers and by ``services.review_item9``);
- every 15 minutes, for every client whose row is not current (``tasks.refresh_stale``): the
  clients whose local date has moved, and writes that no hook hears (the admin, a bulk update,
  a data fix, the seeder, the client reading feedback). ``homework.models.ChangeCounter``, kept
  by database triggers, is what tells those.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone

from homework.selectors.therapist import ADHERENCE_FIELDS
from mallard.models import CareRelationship, User
from sessions_app.models import CaseloadNumbers
from sessions_app.selectors.caseload import (
    STORED_FIELDS,
    change_count,
    is_current,
    local_today,
    numbers_formula,
    work_out_numbers,
    work_out_shown,
)


@transaction.atomic
def refresh_caseload_numbers(*, client_ids: Iterable[int]) -> int:
    """Work out and store the numbers of these clients; returns how many were stored.

    Each client's count of changes is read before their rows, so a change committed meanwhile
    leaves the stored numbers stale (and worked out again), never wrong.
    """
    now = timezone.now()
    clients = list(
        User.objects.filter(pk__in=set(client_ids)).only("time_zone").annotate(changes=change_count())
    )
    days: dict[date, list[int]] = defaultdict(list)
    changes: dict[int, int] = {}
    for client in clients:
        days[local_today(client.time_zone, now)].append(client.pk)
        changes[client.pk] = client.changes
    shown = work_out_shown(clients, now)
    formula = numbers_formula()
    rows = [
        CaseloadNumbers(
            client_id=pk,
            as_of=today,
            changes=changes[pk],
            formula=formula,
            **{name: getattr(numbers.counts, name) for name in ADHERENCE_FIELDS},
            overdue=numbers.overdue,
            reasons=dict(numbers.reasons),
            not_done_run=numbers.not_done_run,
            **shown[pk].stored_values(),
        )
        for today, pks in days.items()
        for pk, numbers in work_out_numbers({today: pks}).items()
    ]
    CaseloadNumbers.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["client"],
        update_fields=[f.name for f in CaseloadNumbers._meta.concrete_fields if not f.primary_key],
    )
    return len(rows)


def stale_client_ids() -> list[int]:
    """Every client in care whose stored numbers are missing or not current."""
    now = timezone.now()
    in_care = CareRelationship.objects.filter(ended_at=None).values("client_id")
    clients = (
        User.objects.filter(pk__in=in_care)
        .select_related("caseload_numbers")
        .only("time_zone", *STORED_FIELDS)
        .annotate(changes=change_count())
    )
    return [
        client.pk
        for client in clients
        if (stored := getattr(client, "caseload_numbers", None)) is None
        or not is_current(
            as_of=stored.as_of,
            changes=stored.changes,
            formula=stored.formula,
            today=local_today(client.time_zone, now),
            now_changes=client.changes,
        )
    ]


def refresh_stale_caseload_numbers(*, batch: int = 500) -> int:
    """Store again every client's numbers that are not current; returns how many were stored."""
    stale = stale_client_ids()
    return sum(
        refresh_caseload_numbers(client_ids=stale[start : start + batch])
        for start in range(0, len(stale), batch)
    )
