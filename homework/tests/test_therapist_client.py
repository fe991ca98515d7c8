"""One client's homework page for their therapist: assignments by status with adherence,
not-done reasons, goals, recent worksheets; and adding a goal."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from homework import services
from homework.models import (
    Assignment,
    AssignmentStatus,
    Goal,
    GoalRating,
    Kind,
    LogStatus,
    NotDoneReason,
    Occurrence,
    Recurrence,
    Skip,
)
from homework.selectors.therapist import client_homework
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User
from mallard.tests.helpers import field_error, field_value

AssertMaxQueries = Callable[..., AbstractContextManager[Any]]


def today_of(client_user: User, offset: int) -> Any:
    return services.client_today(client_user) + timedelta(days=offset)


def occurrence_on(assignment: Assignment, day: Any) -> Occurrence:
    return Occurrence.objects.get(assignment=assignment, due_date=day, slot=1)


def url(client_user: User) -> str:
    return f"/clients/{client_user.pk}/homework/"


# --- /clients/<id>/homework/ ---------------------------------------------------------------------


def test_it_groups_the_clients_assignments_by_status(
    client: Client, therapist: User, client_user: User
) -> None:
    make_assignment(therapist, client_user, Kind.JOURNAL, title="Gratitude journal")
    paused = make_assignment(therapist, client_user, Kind.RELAXATION, title="Box breathing")
    services.set_assignment_status(assignment=paused, status=AssignmentStatus.PAUSED)
    done = make_assignment(therapist, client_user, Kind.READING, title="Read about sleep")
    services.set_assignment_status(assignment=done, status=AssignmentStatus.COMPLETED)
    client.force_login(therapist)
    response = client.get(url(client_user))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Carol Chen's homework</h1>" in content
    active_at, paused_at, completed_at = (
        content.index('id="status-active"'),
        content.index('id="status-paused"'),
        content.index('id="status-completed"'),
    )
    assert active_at < content.index("Gratitude journal") < paused_at
    assert paused_at < content.index("Box breathing") < completed_at
    assert completed_at < content.index("Read about sleep")
    assert 'id="status-archived"' not in content
    assert "Every day at 20:00" in content
    assert f"/library/?client={client_user.pk}" in content  # Assign more


def test_it_counts_the_last_14_days_in_the_clients_zone(therapist: User, client_user: User) -> None:
    today = services.client_today(client_user)
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL, start=today - timedelta(days=20))
    for days_ago, status in [
        (1, LogStatus.DONE),
        (2, LogStatus.SMALLER),
        (3, LogStatus.PARTLY),
        (15, LogStatus.DONE),
    ]:
        services.log_occurrence(
            occurrence=occurrence_on(assignment, today - timedelta(days=days_ago)), status=status
        )
    services.log_occurrence(
        occurrence=occurrence_on(assignment, today - timedelta(days=13)),
        status=LogStatus.NOT_DONE,
        reason="forgot",
    )
    services.log_occurrence(
        occurrence=occurrence_on(assignment, today - timedelta(days=14)),
        status=LogStatus.NOT_DONE,
        reason="no_time",
    )
    page = client_homework(therapist, client_user)
    (row,) = page.groups[0].assignments
    # The 13 days before today; today's is still open (not logged yet, the day not over), and
    # future days are not due yet.
    assert row.adherence.due == 13
    assert (row.adherence.done, row.adherence.smaller, row.adherence.partly, row.adherence.not_done) == (
        1,
        1,
        1,
        1,
    )
    assert (row.adherence.not_logged, row.adherence.still_open) == (9, 1)


def test_what_is_due_today_counts_once_logged_or_once_the_day_is_over(
    client: Client, therapist: User, client_user: User
) -> None:
    """Due today and not logged is still open: not "not logged" and not due yet. Logged, it
    counts at once; unlogged, it becomes "not logged" the next day on the client's calendar."""
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL)
    client.force_login(therapist)
    (row,) = client_homework(therapist, client_user).groups[0].assignments
    assert (row.adherence.due, row.adherence.not_logged, row.adherence.still_open) == (0, 0, 1)
    content = client.get(url(client_user)).content.decode()
    assert "Last 14 days:</span> Nothing due yet, 1 still open today" in content

    with time_machine.travel(timezone.now() + timedelta(days=1), tick=False):
        (row,) = client_homework(therapist, client_user).groups[0].assignments
        assert (row.adherence.due, row.adherence.not_logged, row.adherence.still_open) == (1, 1, 1)

    services.log_occurrence(occurrence=today_occurrence(assignment), status=LogStatus.DONE)
    (row,) = client_homework(therapist, client_user).groups[0].assignments
    assert (row.adherence.due, row.adherence.done, row.adherence.still_open) == (1, 1, 0)
    assert "still open today" not in client.get(url(client_user)).content.decode()


def test_it_shows_the_adherence_counts(client: Client, therapist: User, client_user: User) -> None:
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL)
    services.log_occurrence(occurrence=today_occurrence(assignment), status=LogStatus.SMALLER)
    client.force_login(therapist)
    content = client.get(url(client_user)).content.decode()
    # "Done" includes the smaller version, as on the overview, the caseload and the client's pages.
    assert "Last 14 days:</span> 1 of 1 done (1 smaller version)</p>" in content
    assert "Smaller version</dt>" not in content


def test_it_lists_not_done_days_with_their_reasons(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL, title="Gratitude journal")
    services.log_occurrence(
        occurrence=today_occurrence(assignment),
        status=LogStatus.NOT_DONE,
        reason="avoided",
        note="Too close to the anniversary",
    )
    client.force_login(therapist)
    content = client.get(url(client_user)).content.decode()
    assert "I avoided it or felt too anxious" in content
    assert "Too close to the anniversary" in content
    assert "failed" not in content.lower()
    assert "missed" not in content.lower()


def test_logs_written_on_a_later_day_name_the_day_they_were_for(
    client: Client, therapist: User, client_user: User
) -> None:
    walk = make_assignment(
        therapist, client_user, Kind.SKILL_PRACTICE, title="Evening walk", start=today_of(client_user, -12)
    )
    today = services.client_today(client_user)
    for days, status in ((0, LogStatus.NOT_DONE), (9, LogStatus.NOT_DONE), (12, LogStatus.DONE)):
        services.log_occurrence(
            occurrence=occurrence_on(walk, today - timedelta(days=days)),
            status=status,
            reason="no_time" if status == LogStatus.NOT_DONE else "",
            note=f"About {days} days ago",
        )
    client.force_login(therapist)
    content = client.get(url(client_user)).content.decode()
    not_done = content[content.index('id="not-done-heading"') : content.index('id="not-today-heading"')]
    notes = content[content.index('id="notes-heading"') : content.index('id="entries-heading"')]

    def day(days: int) -> str:
        d = today - timedelta(days=days)
        return f"{d:%a} {d.day} {d:%b}"

    assert not_done.count(f"{day(0)}<span") == 1  # logged today, for day 9 ago; today's own has no "for"
    assert f'{day(0)}<span class="d-block small text-body-secondary">for {day(9)}</span>' in not_done
    assert f"for {day(0)}" not in not_done
    assert f'{day(0)}<span class="d-block small text-body-secondary">for {day(12)}</span>' in notes


def test_it_shows_the_notes_on_homework_done_but_not_a_private_journals(
    client: Client, therapist: User, client_user: User
) -> None:
    walk = make_assignment(therapist, client_user, Kind.SKILL_PRACTICE, title="Evening walk")
    services.log_occurrence(
        occurrence=today_occurrence(walk), status=LogStatus.PARTLY, note="Rain, so only round the block"
    )
    plain = make_assignment(therapist, client_user, Kind.RELAXATION, title="Box breathing")
    services.log_occurrence(occurrence=today_occurrence(plain), status=LogStatus.DONE)
    journal = make_assignment(therapist, client_user, Kind.JOURNAL, title="Private journal")
    occurrence = today_occurrence(journal)
    services.save_entry(
        occurrence=occurrence,
        fields={"prompt": "Today", "text": "Kept to myself", "is_private": True},
        submit=True,
    )
    services.log_occurrence(occurrence=occurrence, status=LogStatus.DONE, note="Only for me to read")
    client.force_login(therapist)
    content = client.get(url(client_user)).content.decode()
    notes = content[content.index('id="notes-heading"') : content.index('id="entries-heading"')]
    assert "Evening walk" in notes
    assert "Partly" in notes
    assert "Rain, so only round the block" in notes
    assert "Box breathing" not in notes  # no note, nothing to show
    assert "Only for me to read" not in content
    assert "Private journal" not in notes


def test_it_shows_goals_with_their_latest_rating(client: Client, therapist: User, client_user: User) -> None:
    goal = services.create_goal(client=client_user, created_by=therapist, text="Back to choir", rating=2)
    later = timezone.now() + timedelta(minutes=5)
    GoalRating.objects.create(goal=goal, rating=6, rated_by=client_user, rated_at=later)
    services.create_goal(client=client_user, created_by=therapist, text="Walk daily")
    client.force_login(therapist)
    content = client.get(url(client_user)).content.decode()
    assert "Back to choir" in content
    assert "latest rating 6 out of 10" in content
    assert "Walk daily" in content
    assert "not rated yet" in content


def test_it_lists_submitted_entries_newest_first_and_never_drafts(
    client: Client, therapist: User, client_user: User
) -> None:
    journal = make_assignment(therapist, client_user, Kind.JOURNAL, title="Gratitude journal")
    relax = make_assignment(therapist, client_user, Kind.RELAXATION, title="Box breathing")
    first = services.save_entry(
        occurrence=today_occurrence(relax), fields={"technique": "Box", "minutes": 5}, submit=True
    )
    draft = services.save_entry(
        occurrence=today_occurrence(journal), fields={"prompt": "p", "text": "half-written"}, submit=False
    )
    client.force_login(therapist)
    content = client.get(url(client_user)).content.decode()
    assert f"/clients/entries/{first.pk}/" in content
    assert f"/clients/entries/{draft.pk}/" not in content
    assert "Relaxation and mindfulness" in content
    assert "Did the smaller version" not in content
    assert "Done" in content
    scan = make_assignment(therapist, client_user, Kind.RELAXATION, title="Body scan")
    second = services.save_entry(
        occurrence=today_occurrence(scan), fields={"technique": "Scan", "minutes": 7}, submit=True
    )
    content = client.get(url(client_user)).content.decode()
    assert content.index(f"/clients/entries/{second.pk}/") < content.index(f"/clients/entries/{first.pk}/")


def test_it_shows_only_that_a_private_journal_entry_was_done(
    client: Client, therapist: User, client_user: User
) -> None:
    journal = make_assignment(therapist, client_user, Kind.JOURNAL, title="Gratitude journal")
    entry = services.save_entry(
        occurrence=today_occurrence(journal),
        fields={
            "prompt": "What are you grateful for?",
            "text": "SECRET-words about my sister",
            "is_private": True,
        },
        submit=True,
    )
    client.force_login(therapist)
    content = client.get(url(client_user)).content.decode()
    assert "Private journal entry — done" in content
    assert f"/clients/entries/{entry.pk}/" in content
    assert "SECRET" not in content
    assert "sister" not in content


def test_it_is_404_for_another_therapists_client(
    client: Client, therapist: User, other_client: User, other_assignment: Assignment
) -> None:
    client.force_login(therapist)
    assert client.get(url(other_client)).status_code == 404


def test_it_is_404_once_care_has_ended(client: Client, therapist: User, client_user: User) -> None:
    client_user.care_relationships.update(ended_at=timezone.now())
    client.force_login(therapist)
    assert client.get(url(client_user)).status_code == 404


def test_it_refuses_post(client: Client, therapist: User, client_user: User) -> None:
    client.force_login(therapist)
    assert client.post(url(client_user)).status_code == 405


def test_it_is_for_therapists_only(client: Client, client_user: User) -> None:
    response = client.get(url(client_user))
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url(client_user)}"
    client.force_login(client_user)
    assert client.get(url(client_user)).status_code == 403


def fill(therapist: User, client_user: User, size: int) -> None:
    """``size`` assignments, each with a submitted entry, a not-done log and a goal."""
    today = services.client_today(client_user)
    kinds = [Kind.JOURNAL, Kind.RELAXATION, Kind.THOUGHT_RECORD]
    for n in range(size):
        kind = kinds[n % 3]
        assignment = make_assignment(
            therapist, client_user, kind, title=f"Homework {n:02}", start=today - timedelta(days=3)
        )
        by_kind: dict[str, dict[str, Any]] = {
            Kind.JOURNAL: {"prompt": "p", "text": "t", "is_private": n % 2 == 0},
            Kind.RELAXATION: {"technique": "Box", "minutes": 5},
            Kind.THOUGHT_RECORD: {"situation": "At work"},
        }
        fields = by_kind[kind]
        services.save_entry(occurrence=today_occurrence(assignment), fields=fields, submit=True)
        services.log_occurrence(
            occurrence=occurrence_on(assignment, today - timedelta(days=1)),
            status=LogStatus.NOT_DONE,
            reason="no_time",
        )
        # A note on a day caught up on later: the page names the day it was for.
        services.log_occurrence(
            occurrence=occurrence_on(assignment, today - timedelta(days=2)), status=LogStatus.PARTLY, note="n"
        )
        services.create_goal(client=client_user, created_by=therapist, text=f"Goal {n}", rating=n % 11)
        if n % 4 == 1:
            services.set_assignment_status(assignment=assignment, status=AssignmentStatus.PAUSED)


def said_not_today_then_rescheduled(therapist: User, client_user: User) -> Assignment:
    """A one-off open for four days, said "not today" to today; then the therapist makes it daily,
    which removes that four-day occurrence."""
    today = services.client_today(client_user)
    assignment = make_assignment(
        therapist,
        client_user,
        Kind.RELAXATION,
        title="Box breathing",
        recurrence=Recurrence.ONCE,
        end_date=today + timedelta(days=3),
    )
    window = Occurrence.objects.get(assignment=assignment)
    services.skip_today(occurrence=window, reason=NotDoneReason.TOO_HARD, note="Felt flat all day")
    services.update_assignment(assignment=assignment, recurrence=Recurrence.DAILY)
    assert not Occurrence.objects.filter(pk=window.pk).exists()
    return assignment


def test_it_shows_not_today_with_its_reason(client: Client, therapist: User, client_user: User) -> None:
    today = services.client_today(client_user)
    assignment = make_assignment(
        therapist, client_user, Kind.RELAXATION, title="Box breathing", recurrence=Recurrence.ONCE,
        end_date=today + timedelta(days=3),
    )  # fmt: skip
    services.skip_today(
        occurrence=Occurrence.objects.get(assignment=assignment), reason=NotDoneReason.NO_TIME
    )
    client.force_login(therapist)
    content = client.get(url(client_user)).content.decode()
    section = content[content.index('id="not-today-heading"') :]
    assert "Box breathing" in section
    assert "I didn&#x27;t have time" in section
    assert "before the schedule changed" not in section


def test_a_not_today_stays_on_the_page_after_a_schedule_change_removes_its_day(
    client: Client, therapist: User, client_user: User
) -> None:
    said_not_today_then_rescheduled(therapist, client_user)
    skip = Skip.objects.get(client=client_user)
    assert skip.occurrence_id is None
    client.force_login(therapist)
    content = client.get(url(client_user)).content.decode()
    section = content[content.index('id="not-today-heading"') :]
    assert "Box breathing" in section
    assert "It felt too hard" in section
    assert "Felt flat all day" in section
    assert "before the schedule changed" in section


CLIENT_PAGE_QUERY_BUDGET = 12


@pytest.mark.parametrize("size", [2, 12])
def test_its_query_count_does_not_grow_with_the_clients_homework(
    client: Client,
    therapist: User,
    client_user: User,
    django_assert_max_num_queries: AssertMaxQueries,
    size: int,
) -> None:
    fill(therapist, client_user, size)
    client.force_login(therapist)
    client.get(url(client_user))
    with django_assert_max_num_queries(CLIENT_PAGE_QUERY_BUDGET):
        response = client.get(url(client_user))
    content = response.content.decode()
    assert content.count("Last 14 days:") == size
    assert content.count('text-body-secondary">for ') == 2 * size  # each late log's day, read with it
    assert content.count("/clients/entries/") == size


# --- /clients/<id>/goals/ -----------------------------------------------------------------------


def test_it_adds_a_goal_with_a_starting_rating(client: Client, therapist: User, client_user: User) -> None:
    client.force_login(therapist)
    response = client.post(f"/clients/{client_user.pk}/goals/", {"text": "  Sing again  ", "rating": "3"})
    assert response.status_code == 302
    assert response["Location"] == url(client_user)
    goal = Goal.objects.get(client=client_user)
    assert goal.text == "Sing again"
    assert goal.created_by == therapist
    assert [r.rating for r in goal.ratings.all()] == [3]
    assert "The goal is added" in client.get(url(client_user)).content.decode()


def test_it_adds_a_goal_without_a_rating(client: Client, therapist: User, client_user: User) -> None:
    client.force_login(therapist)
    client.post(f"/clients/{client_user.pk}/goals/", {"text": "Sleep by 11", "rating": ""})
    goal = Goal.objects.get(client=client_user)
    assert not goal.ratings.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"text": "", "rating": "3"}, "text"),
        ({"text": "x" * 501, "rating": ""}, "text"),
        ({"text": "Kept text", "rating": "11"}, "rating"),
        ({"text": "Kept text", "rating": "-1"}, "rating"),
    ],
)
def test_it_shows_goal_errors_beside_the_field_and_writes_nothing(
    client: Client, therapist: User, client_user: User, data: dict[str, str], field: str
) -> None:
    client.force_login(therapist)
    response = client.post(f"/clients/{client_user.pk}/goals/", data)
    assert response.status_code == 200
    assert field_error(response, field)
    if data["text"] == "Kept text":
        assert field_value(response, "text") == "Kept text"
    assert not Goal.objects.exists()


def test_adding_a_goal_for_another_therapists_client_is_404_and_writes_nothing(
    client: Client, therapist: User, other_client: User
) -> None:
    client.force_login(therapist)
    assert client.post(f"/clients/{other_client.pk}/goals/", {"text": "Forged"}).status_code == 404
    assert not Goal.objects.exists()


def test_goal_create_refuses_get(client: Client, therapist: User, client_user: User) -> None:
    client.force_login(therapist)
    assert client.get(f"/clients/{client_user.pk}/goals/").status_code == 405


def test_goal_create_is_for_therapists_only(client: Client, client_user: User) -> None:
    assert client.post(f"/clients/{client_user.pk}/goals/", {"text": "x"}).status_code == 302
    client.force_login(client_user)
    assert client.post(f"/clients/{client_user.pk}/goals/", {"text": "x"}).status_code == 403
    assert not Goal.objects.exists()
