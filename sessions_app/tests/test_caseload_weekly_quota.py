"""The caseload follows the pro-rated weekly quota: "3 a week" assigned on a Sunday is one
slot that day, so one still open that day and, the next day, one overdue (not three)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from homework import services
from homework.models import Recurrence
from homework.tests.conftest import make_assignment
from mallard.models import User
from sessions_app.selectors import caseload

pytestmark = pytest.mark.django_db

SUNDAY_NOON_NY = datetime(2026, 12, 13, 17, 0, tzinfo=UTC)  # Sunday 13 December, noon in New York


def test_three_a_week_from_a_sunday_counts_one_slot(therapist: User, client_user: User) -> None:
    with time_machine.travel(SUNDAY_NOON_NY, tick=False):
        sunday = services.client_today(client_user)
        assert sunday.weekday() == 6
        make_assignment(
            therapist, client_user, start=sunday, recurrence=Recurrence.TIMES_PER_WEEK, times_per_week=3
        )
        numbers = caseload.work_out_numbers({sunday: [client_user.pk]})[client_user.pk]
    # Due today and not logged yet: still open, not "not logged" nor due until the day is over.
    counts = numbers.counts
    assert (counts.due, counts.not_logged, counts.still_open, numbers.overdue) == (0, 0, 1, 0)

    with time_machine.travel(datetime(2026, 12, 14, 17, 0, tzinfo=UTC), tick=False):
        monday = services.client_today(client_user)
        numbers = caseload.work_out_numbers({monday: [client_user.pk]})[client_user.pk]
    # Sunday's one slot is overdue; Monday's window (three slots, open all week) is not.
    assert numbers.overdue == 1
    assert numbers.counts.due == 1
