"""homework.selectors.history: the client's entries and an assignment's recent occurrences."""

from __future__ import annotations

from datetime import timedelta

import pytest

from homework import services
from homework.models import Entry, Kind, LogStatus, Occurrence
from homework.selectors.history import EXCERPT_CHARS, assignment_occurrences, entries_for_history
from homework.tests.conftest import make_assignment
from mallard.models import User

pytestmark = pytest.mark.django_db


def test_entries_are_the_clients_own_newest_first_with_a_short_excerpt(
    therapist: User, client_user: User, other_therapist: User, other_client: User
) -> None:
    today = services.client_today(client_user)
    a = make_assignment(therapist, client_user, Kind.JOURNAL, start=today - timedelta(days=1))
    first, second = Occurrence.objects.filter(assignment=a, due_date__lte=today).order_by("due_date")
    services.save_entry(occurrence=first, fields={"prompt": "p", "text": "x" * 1000}, submit=True)
    services.save_entry(occurrence=second, fields={"prompt": "p", "text": "later"}, submit=False)
    theirs = make_assignment(other_therapist, other_client, Kind.JOURNAL)
    services.save_entry(
        occurrence=Occurrence.objects.filter(assignment=theirs)[0],
        fields={"prompt": "p", "text": "dave"},
        submit=True,
    )
    entries = list(entries_for_history(client_user))
    assert [e.occurrence_id for e in entries] == [second.pk, first.pk]
    assert len(entries[1].excerpt) == EXCERPT_CHARS  # type: ignore[attr-defined]


def test_entries_filter_by_words_and_kind(therapist: User, client_user: User) -> None:
    j = make_assignment(therapist, client_user, Kind.JOURNAL)
    t = make_assignment(therapist, client_user, Kind.THOUGHT_RECORD)
    services.save_entry(
        occurrence=j.occurrences.all()[0], fields={"prompt": "p", "text": "Sunny Walk"}, submit=True
    )
    services.save_entry(occurrence=t.occurrences.all()[0], fields={"situation": "walk to work"}, submit=False)
    assert entries_for_history(client_user, q="walk").count() == 2
    assert entries_for_history(client_user, q="sunny").count() == 1
    assert [e.kind for e in entries_for_history(client_user, q="walk", kind=Kind.THOUGHT_RECORD)] == [
        Kind.THOUGHT_RECORD
    ]


@pytest.mark.parametrize("n", [2, 12])
def test_entries_come_with_assignment_and_log_in_one_query(
    therapist: User, client_user: User, django_assert_num_queries: object, n: int
) -> None:
    today = services.client_today(client_user)
    a = make_assignment(therapist, client_user, Kind.JOURNAL, start=today - timedelta(days=n - 1))
    for o in Occurrence.objects.filter(assignment=a, due_date__lte=today):
        services.save_entry(occurrence=o, fields={"prompt": "p", "text": "t"}, submit=True)
    with django_assert_num_queries(1):  # type: ignore[operator]
        rows = list(entries_for_history(client_user))
        assert all(e.assignment.title and e.occurrence.log.status == LogStatus.DONE for e in rows)
    assert len(rows) == n
    assert isinstance(rows[0], Entry)


def test_assignment_occurrences_cover_four_weeks_up_to_today(therapist: User, client_user: User) -> None:
    today = services.client_today(client_user)
    a = make_assignment(therapist, client_user, Kind.JOURNAL, start=today - timedelta(days=40))
    dates = [o.due_date for o in assignment_occurrences(a, today)]
    assert dates[0] == today
    assert dates[-1] == today - timedelta(days=27)
    assert len(dates) == 28
