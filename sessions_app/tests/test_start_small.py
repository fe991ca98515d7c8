"""The therapist's side of “not today” and “start small when it's hard”: the summary lists both
kinds of "not done" and the client's questions; the caseload flag offers one-click changes."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from homework import services
from homework.models import Assignment, Kind, LogStatus, NotDoneReason, Occurrence, Recurrence
from homework.tests.conftest import make_assignment
from mallard.models import User
from sessions_app.selectors.caseload import caseload
from sessions_app.tests.dashboard_helpers import days_ago, log_on, make_session

pytestmark = pytest.mark.django_db

WEDNESDAY = datetime(2026, 6, 10, 16, 0, tzinfo=UTC)  # noon in New York: the week has later days


def weekly(therapist: User, client_user: User, **fields: Any) -> Assignment:
    today = services.client_today(client_user)
    monday = today - timedelta(days=today.weekday())
    spec: dict[str, Any] = {"recurrence": Recurrence.TIMES_PER_WEEK, "times_per_week": 3}
    return make_assignment(therapist, client_user, Kind.RELAXATION, start=monday, **(spec | fields))


def open_slot(assignment: Assignment) -> Occurrence:
    today = services.client_today(assignment.client)
    return Occurrence.objects.filter(assignment=assignment, available_from__lte=today, due_date__gt=today)[0]


def test_the_summary_lists_not_today_without_counting_it_as_not_done(
    client: Client, therapist: User, client_user: User
) -> None:
    with time_machine.travel(WEDNESDAY, tick=False):
        a = weekly(therapist, client_user, title="Breathing")
        services.skip_today(occurrence=open_slot(a), reason=NotDoneReason.NO_TIME, note="Long shift")
        upcoming = make_session(therapist, client_user, in_days=1)
        client.force_login(therapist)
        page = client.get(f"/sessions/{upcoming.pk}/summary/").content.decode()
    assert "Not today" in page and "Long shift" in page
    assert "1 not done" not in page


def test_the_summary_shows_questions_for_the_session(
    client: Client, therapist: User, client_user: User
) -> None:
    a = make_assignment(therapist, client_user, Kind.READING, title="Leaflet")
    services.ask_at_next_session(assignment=a, since=timezone.now() - timedelta(days=14))
    upcoming = make_session(therapist, client_user, in_days=1)
    client.force_login(therapist)
    page = client.get(f"/sessions/{upcoming.pk}/summary/").content.decode()
    assert "To ask about at this session" in page
    assert "I wasn&#x27;t sure what to do for “Leaflet”." in page


def _twice(a: Assignment, reason: str) -> None:
    client_user = a.client
    for back in (3, 1):
        log_on(a, days_ago(client_user, back), LogStatus.NOT_DONE, reason=reason)


def test_the_caseload_flags_a_repeat_with_one_click_changes(
    client: Client, therapist: User, client_user: User
) -> None:
    a = make_assignment(
        therapist, client_user, Kind.RELAXATION, start=days_ago(client_user, 5), smaller_version="One minute"
    )
    _twice(a, NotDoneReason.NO_TIME)
    (row,) = [r for r in caseload(therapist).table if r["is_client"]]
    (flag,) = [f for f in row["flags"] if f["key"] == "repeat"]
    assert flag["label"] == "Same reason twice: I didn't have time"
    assert flag["adjust_url"] == f"/assignments/{a.pk}/adjust/"
    assert flag["changes"] == [("smaller", "Make it smaller"), ("fewer", "Fewer times a week")]
    assert flag["edit_url"] == f"/assignments/{a.pk}/edit/#id_preferred_time"
    client.force_login(therapist)
    page = client.get("/caseload/").content.decode()
    assert 'name="change" value="smaller">Make it smaller</button>' in page
    assert "Change the time</a>" in page
    a.refresh_from_db()
    assert a.recurrence == Recurrence.DAILY  # nothing changed without a click


def test_make_it_smaller_switches_to_the_smaller_version(
    client: Client, therapist: User, client_user: User
) -> None:
    a = make_assignment(
        therapist, client_user, Kind.RELAXATION, smaller_version="One minute", estimated_minutes=10
    )
    client.force_login(therapist)
    response = client.post(f"/assignments/{a.pk}/adjust/", {"change": "smaller"})
    assert response.status_code == 302
    a.refresh_from_db()
    assert (a.instructions, a.estimated_minutes, a.recurrence) == ("One minute", 5, Recurrence.DAILY)
    page = html.unescape(client.get(response["Location"]).content.decode())
    assert f"Changed “{a.title}”: what to do is now its smaller version, “One minute”." in page


def test_fewer_times_a_week(client: Client, therapist: User, client_user: User) -> None:
    a = weekly(therapist, client_user)
    client.force_login(therapist)
    client.post(f"/assignments/{a.pk}/adjust/", {"change": "fewer"})
    a.refresh_from_db()
    assert a.times_per_week == 2


def test_fewer_is_refused_at_once_a_week(client: Client, therapist: User, client_user: User) -> None:
    a = weekly(therapist, client_user, times_per_week=1)
    client.force_login(therapist)
    response = client.post(f"/assignments/{a.pk}/adjust/", {"change": "fewer"}, follow=True)
    assert "already once a week" in response.content.decode()
    a.refresh_from_db()
    assert a.times_per_week == 1


def test_adjust_refuses_an_unknown_change_and_the_wrong_method(
    client: Client, therapist: User, client_user: User
) -> None:
    a = weekly(therapist, client_user)
    client.force_login(therapist)
    assert client.post(f"/assignments/{a.pk}/adjust/", {"change": "bigger"}).status_code == 400
    assert client.get(f"/assignments/{a.pk}/adjust/").status_code == 405
    a.refresh_from_db()
    assert a.times_per_week == 3


def test_adjust_on_another_therapists_assignment_is_404_and_writes_nothing(
    client: Client, therapist: User, other_therapist: User, other_client: User
) -> None:
    theirs = weekly(other_therapist, other_client)
    client.force_login(therapist)
    assert client.post(f"/assignments/{theirs.pk}/adjust/", {"change": "fewer"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.times_per_week == 3


def test_adjust_needs_a_signed_in_therapist(client: Client, therapist: User, client_user: User) -> None:
    a = weekly(therapist, client_user)
    response = client.post(f"/assignments/{a.pk}/adjust/", {"change": "fewer"})
    assert response.status_code == 302 and "/login" in response["Location"]
