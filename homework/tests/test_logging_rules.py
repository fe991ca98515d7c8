"""Logging follows the calendar: nothing can be logged before its day opens, by any route."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from homework import services
from homework.models import Assignment, JournalEntry, Log, LogStatus, Occurrence, Template
from homework.tests.conftest import make_assignment
from mallard.models import User

pytestmark = pytest.mark.django_db


def _future(assignment: Assignment) -> Occurrence:
    return assignment.occurrences.get(due_date=services.client_today(assignment.client) + timedelta(days=5))


def test_a_day_that_has_not_opened_cannot_be_logged(assignment: Assignment) -> None:
    with pytest.raises(services.HomeworkError):
        services.log_occurrence(occurrence=_future(assignment), status=LogStatus.DONE)
    assert not Log.objects.exists()


def test_finishing_a_worksheet_for_a_future_day_keeps_the_answers_and_logs_nothing(
    client: Client, therapist: User, client_user: User
) -> None:
    journal = make_assignment(therapist, client_user, "journal")
    client.force_login(client_user)
    response = client.post(
        f"/homework/occurrences/{_future(journal).pk}/entry/", {"text": "Written early", "action": "finish"}
    )
    assert response.status_code == 200
    assert "Written early" in response.content.decode()
    assert "opens on" in response.content.decode()
    assert not Log.objects.exists()


def test_a_future_days_worksheet_says_up_front_what_can_be_done_now(
    client: Client, therapist: User, client_user: User
) -> None:
    journal = make_assignment(therapist, client_user, "journal")
    future = _future(journal)
    client.force_login(client_user)
    page = client.get(f"/homework/occurrences/{future.pk}/entry/").content.decode()
    day = f"{future.available_from:%A %-d %B}"
    assert f"This opens on {day}." in page
    assert f"From {day} you can finish it and say how it went." in page
    assert 'value="finish"' not in page and "How did it go?" not in page  # nothing to fill in in vain
    response = client.post(
        f"/homework/occurrences/{future.pk}/entry/", {"text": "Planned", "action": "draft"}
    )
    assert response.status_code == 302
    assert JournalEntry.objects.get(occurrence=future).text == "Planned"

    today = journal.occurrences.get(due_date=services.client_today(client_user))
    page = client.get(f"/homework/occurrences/{today.pk}/entry/").content.decode()
    assert "This opens on" not in page and 'value="finish"' in page


def test_a_start_date_more_than_a_year_ahead_is_refused(
    client: Client, therapist: User, client_user: User
) -> None:
    template = Template.objects.get(slug="relaxation-paced-breathing")
    client.force_login(therapist)
    data = {
        name: getattr(template, name)
        for name in (
            "title",
            "instructions",
            "rationale",
            "estimated_minutes",
            "smaller_version",
            "technique",
        )
    }
    data.update(client=client_user.pk, recurrence="daily", start_date="9999-01-01")
    response = client.post(f"/library/{template.pk}/assign/", data)
    assert response.status_code == 200
    assert "within a year of today" in response.content.decode()
    assert not Assignment.objects.exists()


def test_planning_never_reaches_more_than_a_year_back(therapist: User, client_user: User) -> None:
    today = services.client_today(client_user)
    assignment = make_assignment(therapist, client_user)
    Assignment.objects.filter(pk=assignment.pk).update(start_date=today - timedelta(days=3000))
    assignment.refresh_from_db()
    services.plan_occurrences(assignment)
    first = assignment.occurrences.order_by("due_date").first()
    assert first is not None and first.due_date == today - timedelta(days=services.MAX_HISTORY_DAYS)


def test_a_forged_huge_client_id_is_an_error_not_a_crash(client: Client, therapist: User) -> None:
    template = Template.objects.get(slug="relaxation-paced-breathing")
    client.force_login(therapist)
    response = client.post(
        f"/library/{template.pk}/assign/", {"client": "9" * 30, "title": "x", "recurrence": "daily"}
    )
    assert response.status_code == 200
    assert not Assignment.objects.exists()
