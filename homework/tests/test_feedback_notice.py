"""Today shows "New feedback on ..." until the client reads it: following the notice, or marking it
read beside the feedback (both a POST; opening the entry, a GET, writes nothing)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import time_machine
from django.test import Client

from homework import services
from homework.models import Entry, Kind, LogStatus, Occurrence, Recurrence
from homework.services import Outcome
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User


def journal(therapist: User, client_user: User) -> Entry:
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL, title="Evening pages")
    return services.save_entry(
        occurrence=today_occurrence(assignment),
        fields={"text": "Today was fine"},
        submit=True,
        outcome=Outcome(status=LogStatus.DONE, minutes_spent=10, helpfulness=5),
    )


def test_today_shows_new_feedback_until_the_client_follows_it(
    client: Client, therapist: User, client_user: User
) -> None:
    entry = journal(therapist, client_user)
    client.force_login(client_user)
    assert "New feedback on" not in client.get("/today/").content.decode()
    services.leave_feedback(therapist=therapist, entry=entry, text="Thanks for writing")
    page = client.get("/today/").content.decode()
    assert "New feedback on Evening pages" in page
    assert f'action="/homework/entries/{entry.pk}/feedback/read/"' in page
    response = client.post(f"/homework/entries/{entry.pk}/feedback/read/")
    assert response.status_code == 302
    assert response["Location"] == f"/homework/entries/{entry.pk}/#feedback-heading"
    entry.refresh_from_db()
    assert entry.feedback_read_at is not None
    assert "New feedback on" not in client.get("/today/").content.decode()


def test_opening_the_entry_writes_nothing_and_offers_mark_as_read(
    client: Client, therapist: User, client_user: User
) -> None:
    entry = journal(therapist, client_user)
    services.leave_feedback(therapist=therapist, entry=entry, text="Thanks for writing")
    client.force_login(client_user)
    page = client.get(f"/homework/entries/{entry.pk}/").content.decode()
    assert "Mark as read" in page
    entry.refresh_from_db()
    assert entry.feedback_read_at is None
    client.post(f"/homework/entries/{entry.pk}/feedback/read/")
    assert "Mark as read" not in client.get(f"/homework/entries/{entry.pk}/").content.decode()


def test_changed_feedback_is_new_again(client: Client, therapist: User, client_user: User) -> None:
    entry = journal(therapist, client_user)
    services.leave_feedback(therapist=therapist, entry=entry, text="First")
    assert services.mark_feedback_read(entry=entry)
    assert not services.mark_feedback_read(entry=entry)
    services.leave_feedback(therapist=therapist, entry=entry, text="Second thought")
    entry.refresh_from_db()
    assert entry.has_unread_feedback


def test_the_therapist_opening_the_entry_does_not_mark_it_read(
    client: Client, therapist: User, client_user: User
) -> None:
    entry = journal(therapist, client_user)
    services.leave_feedback(therapist=therapist, entry=entry, text="Thanks")
    client.force_login(therapist)
    assert client.get(f"/clients/entries/{entry.pk}/").status_code == 200
    entry.refresh_from_db()
    assert entry.feedback_read_at is None


def test_another_clients_entry_is_a_404_and_marks_nothing(
    client: Client, therapist: User, client_user: User, other_client: User
) -> None:
    entry = journal(therapist, client_user)
    services.leave_feedback(therapist=therapist, entry=entry, text="Thanks")
    client.force_login(other_client)
    assert client.get(f"/homework/entries/{entry.pk}/").status_code == 404
    assert client.post(f"/homework/entries/{entry.pk}/feedback/read/").status_code == 404
    entry.refresh_from_db()
    assert entry.feedback_read_at is None


def test_today_reads_unread_feedback_in_one_query_whatever_the_number(
    therapist: User, client_user: User, django_assert_num_queries: Any
) -> None:
    from homework.selectors.feedback import unread_feedback

    for _ in range(3):
        services.leave_feedback(therapist=therapist, entry=journal(therapist, client_user), text="Hi")
    with django_assert_num_queries(1):
        rows: list[Any] = unread_feedback(client_user)  # each with the annotation "title"
        assert [r.title for r in rows] == ["Evening pages"] * 3


def test_the_notice_names_the_day_the_entry_was_written_not_the_end_of_its_week(
    client: Client, therapist: User, client_user: User
) -> None:
    """Three times a week: an entry written on Thursday counts for the week to Sunday 6 December,
    and the notice says Thursday, as "Your entries" does."""
    with time_machine.travel(datetime(2026, 12, 3, 18, 0, tzinfo=UTC), tick=False):
        assignment = make_assignment(
            therapist,
            client_user,
            Kind.JOURNAL,
            title="Evening pages",
            start=date(2026, 11, 30),
            recurrence=Recurrence.TIMES_PER_WEEK,
            times_per_week=3,
        )
        occurrence = Occurrence.objects.filter(assignment=assignment, due_date=date(2026, 12, 6)).first()
        assert occurrence is not None
        entry = services.save_entry(
            occurrence=occurrence,
            fields={"text": "Today was fine"},
            submit=True,
            outcome=Outcome(status=LogStatus.DONE),
        )
    with time_machine.travel(datetime(2026, 12, 7, 9, 0, tzinfo=UTC), tick=False):
        services.leave_feedback(therapist=therapist, entry=entry, text="Thanks for writing")
        client.force_login(client_user)
        today = client.get("/today/").content.decode()
        history = client.get("/homework/history/").content.decode()
    assert "New feedback on Evening pages, Thursday 3 December" in today
    assert "Evening pages, Sunday 6 December" not in today
    assert "Thu 3 Dec 2026" in history
