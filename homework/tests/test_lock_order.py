"""The homework services take their row locks in one order (homework/services.py, "Lock order").

Every write to a homework table bumps the client's ``ChangeCounter`` row from a trigger
(migration homework/0006), so a service that writes first and locks afterwards can wait
for another transaction while holding that row. These tests run two real transactions
at once on PostgreSQL; SQLite has no row locks to order.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings

from homework import services
from homework.models import Assignment, JournalEntry, Kind, Log, LogStatus, Occurrence
from homework.tests.conftest import make_assignment, today_occurrence
from homework.tests.locks import LOCKING, one_after_the_other
from mallard.models import User

pytestmark = [
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL: two transactions holding row locks at the same time",
    ),
    pytest.mark.django_db(transaction=True),
]


def locks_an_occurrence(sql: str) -> bool:
    return bool(LOCKING.search(sql)) and 'FROM "homework_occurrence"' in sql


def save_a_draft(occurrence: Occurrence) -> None:
    services.save_entry(occurrence=occurrence, fields={"prompt": "p", "text": "Wrote it down"}, submit=False)


def log_it_done(occurrence: Occurrence) -> None:
    services.log_occurrence(occurrence=occurrence, status=LogStatus.DONE)


@pytest.mark.parametrize("client_write", [save_a_draft, log_it_done], ids=["save_entry", "log_occurrence"])
def test_a_clients_write_while_the_assignment_is_edited_does_not_deadlock(
    builtin_library: None, therapist: User, client_user: User, client_write: Callable[[Occurrence], None]
) -> None:
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL)
    occurrence_pk = today_occurrence(assignment).pk

    def update_assignment() -> None:
        services.update_assignment(
            assignment=Assignment.objects.select_related("client").get(pk=assignment.pk),
            instructions="Write for five minutes.",
        )

    # T1 begins the client's write and holds the occurrence; T2 edits the assignment
    # meanwhile; once T2 waits for a lock, T1 carries on. Before the one lock order, T2's
    # assignment UPDATE took the counter row and its re-plan waited for the occurrence,
    # while T1's first INSERT waited for the counter: "deadlock detected".
    errors = one_after_the_other(
        lambda: client_write(Occurrence.objects.get(pk=occurrence_pk)),
        update_assignment,
        locks=locks_an_occurrence,
    )

    assert errors == {}
    if client_write is save_a_draft:
        assert JournalEntry.objects.get(occurrence_id=occurrence_pk).text == "Wrote it down"
    else:
        assert Log.objects.get(occurrence_id=occurrence_pk).status == LogStatus.DONE
    assert Assignment.objects.get(pk=assignment.pk).instructions == "Write for five minutes."
    # The drafted or logged occurrence survives the re-plan that the edit made.
    assert Occurrence.objects.filter(pk=occurrence_pk).exists()
