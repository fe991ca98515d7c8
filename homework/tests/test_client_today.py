"""/today/: due today, still open from the past week, logged today, and the week's summary."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from homework import services
from homework.models import AssignmentStatus, Kind, LogStatus, NotDoneReason, Occurrence, Recurrence
from homework.tests.conftest import make_assignment
from mallard.models import CareRelationship, User

pytestmark = pytest.mark.django_db

# Wednesday 10 June 2026, noon in New York (carol's zone).
NOON = datetime(2026, 6, 10, 16, 0, tzinfo=UTC)
TODAY = date(2026, 6, 10)


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with time_machine.travel(NOON, tick=False):
        yield


def page(client: Client, user: User) -> str:
    client.force_login(user)
    response = client.get("/today/")
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_todays_card_with_why_time_and_the_smaller_version(
    client: Client, therapist: User, client_user: User
) -> None:
    a = make_assignment(
        therapist,
        client_user,
        Kind.JOURNAL,
        title="Gratitude notes",
        rationale="Noticing good things lifts mood.",
        smaller_version="Write one line.",
        estimated_minutes=10,
    )
    occ = Occurrence.objects.get(assignment=a, due_date=TODAY)
    content = page(client, client_user)
    assert "Gratitude notes" in content
    assert "Noticing good things lifts mood." in content
    assert "Start small:" in content and "Write one line." in content
    assert "About 10 minutes" in content
    assert "Best at 20:00" in content
    assert f"/homework/occurrences/{occ.pk}/log/" in content
    assert f"/homework/occurrences/{occ.pk}/not-done/" in content
    assert f"/homework/occurrences/{occ.pk}/entry/" in content
    assert f"/homework/occurrences/{occ.pk}/entry/?version=smaller" in content
    for label in ("Done", "Did the smaller version", "Partly", "Not done this time", "I forgot"):
        assert label in content


def test_it_offers_unlogged_occurrences_from_the_past_week_but_not_older(
    client: Client, therapist: User, client_user: User
) -> None:
    make_assignment(
        therapist, client_user, Kind.JOURNAL, title="Daily journal", start=TODAY - timedelta(days=10)
    )
    content = page(client, client_user)
    assert "Still open from the past week" in content
    assert "Still open from Wednesday 3 June" in content  # seven days back
    assert "Tuesday 2 June" not in content  # eight days back


def test_an_earlier_day_logged_today_is_dated_not_called_open(
    client: Client, therapist: User, client_user: User
) -> None:
    a = make_assignment(
        therapist, client_user, Kind.JOURNAL, title="Daily journal", start=TODAY - timedelta(days=2)
    )
    yesterday = Occurrence.objects.get(assignment=a, due_date=TODAY - timedelta(days=1))
    services.log_occurrence(occurrence=yesterday, status=LogStatus.DONE)
    content = " ".join(page(client, client_user).split())
    assert "For Tuesday 9 June" in content
    assert "Still open from Tuesday 9 June" not in content


def test_it_leaves_out_overdue_occurrences_of_paused_assignments(
    client: Client, therapist: User, client_user: User
) -> None:
    a = make_assignment(therapist, client_user, title="Paused practice", start=TODAY - timedelta(days=3))
    services.set_assignment_status(assignment=a, status=AssignmentStatus.PAUSED)
    assert "Paused practice" not in page(client, client_user)


def test_it_does_not_show_an_occurrence_that_has_not_opened(
    client: Client, therapist: User, client_user: User
) -> None:
    make_assignment(therapist, client_user, title="Starts tomorrow", start=TODAY + timedelta(days=1))
    assert "Starts tomorrow" not in page(client, client_user)


def test_it_shows_a_weekly_quota_as_one_card_with_slots_left(
    client: Client, therapist: User, client_user: User
) -> None:
    a = make_assignment(
        therapist,
        client_user,
        Kind.RELAXATION,
        title="Breathing practice",
        start=date(2026, 6, 8),
        recurrence=Recurrence.TIMES_PER_WEEK,
        times_per_week=3,
    )
    first = Occurrence.objects.get(assignment=a, due_date=date(2026, 6, 14), slot=1)
    services.log_occurrence(occurrence=first, status=LogStatus.DONE)
    content = page(client, client_user)
    assert "2 of 3 this week left" in content
    second = Occurrence.objects.get(assignment=a, due_date=date(2026, 6, 14), slot=2)
    assert f"/homework/occurrences/{second.pk}/log/" in content
    third = Occurrence.objects.get(assignment=a, due_date=date(2026, 6, 14), slot=3)
    assert f"/homework/occurrences/{third.pk}/log/" not in content


def test_it_shows_what_was_logged_today_with_a_way_to_change_it(
    client: Client, therapist: User, client_user: User
) -> None:
    a = make_assignment(therapist, client_user, title="Thought record")
    occ = Occurrence.objects.get(assignment=a, due_date=TODAY)
    services.log_occurrence(occurrence=occ, status=LogStatus.SMALLER)
    content = page(client, client_user)
    assert "Logged today" in content
    assert "Logged: Did the smaller version" in content
    assert "Change what you logged" in content
    assert "Today's practice" in content and "Nothing else is due today." in content


def test_with_only_later_homework_it_says_nothing_is_due_today(
    client: Client, therapist: User, client_user: User
) -> None:
    """Not "nothing else": nothing was due today at all (10 June 2026 is a Wednesday)."""
    make_assignment(
        therapist,
        client_user,
        title="Leaflet",
        recurrence=Recurrence.ONCE,
        end_date=TODAY + timedelta(days=2),
    )
    content = page(client, client_user)
    assert "Later this week" in content and "Leaflet" in content
    assert "Nothing is due today." in content
    assert "Nothing else is due today." not in content


def test_it_says_not_done_kindly(client: Client, therapist: User, client_user: User) -> None:
    a = make_assignment(therapist, client_user)
    occ = Occurrence.objects.get(assignment=a, due_date=TODAY)
    services.log_occurrence(occurrence=occ, status=LogStatus.NOT_DONE, reason=NotDoneReason.NO_TIME)
    content = page(client, client_user)
    assert "Not done this time. Reason: “I didn&#39;t have time”" in content
    for word in ("failed", "missed"):
        assert word not in content.lower()


def test_it_offers_to_continue_a_draft(client: Client, therapist: User, client_user: User) -> None:
    a = make_assignment(therapist, client_user, Kind.JOURNAL)
    occ = Occurrence.objects.get(assignment=a, due_date=TODAY)
    services.save_entry(occurrence=occ, fields={"prompt": "p", "text": "half"}, submit=False)
    content = page(client, client_user)
    assert "Continue your draft" in content
    assert "Fill in the worksheet" not in content


def test_it_has_a_friendly_empty_state(client: Client, client_user: User) -> None:
    content = page(client, client_user)
    assert "Nothing is planned for today. When Alice Adeyemi assigns practice" in content


def test_it_says_so_when_the_client_has_no_therapist(client: Client, client_user: User) -> None:
    CareRelationship.objects.filter(client=client_user).update(ended_at=NOON)
    content = page(client, client_user)
    assert "You are not connected to a therapist at the moment." in content


def test_it_summarises_the_week_and_links_to_progress(
    client: Client, therapist: User, client_user: User
) -> None:
    a = make_assignment(therapist, client_user, start=date(2026, 6, 8))
    for occ in Occurrence.objects.filter(assignment=a, due_date__lt=TODAY):
        services.log_occurrence(occurrence=occ, status=LogStatus.DONE)
    content = page(client, client_user)
    assert "2 of 3 done so far · 4 more to come this week" in content
    assert "Current streak: 2 days" in content
    assert 'href="/homework/progress/"' in content


def test_it_leaves_out_a_streak_of_no_days(client: Client, therapist: User, client_user: User) -> None:
    a = make_assignment(therapist, client_user, start=date(2026, 6, 8))
    yesterday = Occurrence.objects.get(assignment=a, due_date=TODAY - timedelta(days=1))
    services.log_occurrence(occurrence=yesterday, status=LogStatus.NOT_DONE, reason="forgot")
    content = page(client, client_user)
    assert "0 of 3 done so far · 4 more to come this week" in content
    assert "Current streak" not in content
    assert 'href="/homework/progress/"' in content


def test_it_shows_only_the_clients_own_homework(
    client: Client, client_user: User, other_assignment: object
) -> None:
    content = page(client, client_user)
    assert "Dave Dlamini" not in content
    assert "/log/" not in content


# --- time zones ---------------------------------------------------------------------------------


def test_it_shows_an_occurrence_due_on_the_local_date_when_utc_is_already_tomorrow(
    client: Client, therapist: User, client_user: User
) -> None:
    # 02:30 UTC on Thursday 11 June is 22:30 on Wednesday 10 June in New York.
    with time_machine.travel(datetime(2026, 6, 11, 2, 30, tzinfo=UTC), tick=False):
        make_assignment(
            therapist, client_user, title="Wednesday only", recurrence=Recurrence.ONCE, end_date=TODAY
        )
        make_assignment(
            therapist,
            client_user,
            title="Thursday only",
            recurrence=Recurrence.ONCE,
            start=TODAY + timedelta(days=1),
            end_date=TODAY + timedelta(days=1),
        )
        content = page(client, client_user)
    assert "Wednesday 10 June" in content
    assert "Wednesday only" in content
    assert "Thursday only" not in content


def test_it_counts_a_late_evening_log_as_logged_today(
    client: Client, therapist: User, client_user: User
) -> None:
    with time_machine.travel(datetime(2026, 6, 11, 3, 0, tzinfo=UTC), tick=False):  # 23:00 in New York
        a = make_assignment(therapist, client_user, title="Late practice", start=TODAY - timedelta(days=1))
        yesterday = Occurrence.objects.get(assignment=a, due_date=TODAY - timedelta(days=1))
        services.log_occurrence(occurrence=yesterday, status=LogStatus.DONE)
        content = page(client, client_user)
    assert "Logged today" in content


# --- access and queries -------------------------------------------------------------------------


def test_it_redirects_anonymous_visitors_to_sign_in(client: Client) -> None:
    response = client.get("/today/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_forbids_therapists(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    assert client.get("/today/").status_code == 403


def test_it_refuses_post(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    assert client.post("/today/").status_code == 405


@pytest.mark.parametrize("n", [2, 12])
def test_its_query_count_does_not_grow_with_cards(
    client: Client, therapist: User, client_user: User, django_assert_num_queries: object, n: int
) -> None:
    for i in range(n):
        a = make_assignment(
            therapist, client_user, Kind.JOURNAL, title=f"Practice {i}", start=TODAY - timedelta(days=3)
        )
        occs = list(Occurrence.objects.filter(assignment=a, due_date__lte=TODAY))
        services.log_occurrence(occurrence=occs[0], status=LogStatus.DONE)
        services.log_occurrence(occurrence=occs[-1], status=LogStatus.PARTLY)
        services.save_entry(occurrence=occs[1], fields={"prompt": "p", "text": "t"}, submit=False)
    make_assignment(
        therapist, client_user, Kind.RELAXATION, recurrence=Recurrence.TIMES_PER_WEEK, times_per_week=3
    )
    client.force_login(client_user)
    client.get("/today/")  # the first request of a session records the signed-in device
    # Exactly, at both sizes: the signed-in user, the cards, what was said "not done" lately (the
    # nudges and "not today"), care, the tracker, unread feedback, the panels other apps add (a
    # questionnaire that is due) and the unread notifications every page shows. No card has the
    # client's own reminder time, so their reminder choices are not read (one more query when one
    # does: reminders/tests/test_own_reminder_words.py).
    with django_assert_num_queries(8):  # type: ignore[operator]
        response = client.get("/today/")
    assert response.status_code == 200
    assert response.content.decode().count("Practice ") >= n
