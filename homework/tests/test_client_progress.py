"""/homework/progress/: the 12-week calendar, weekly rates and the streak, readable without colour."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from homework import services
from homework.models import Kind, LogStatus, Occurrence
from homework.tests.conftest import make_assignment
from mallard.models import User

pytestmark = pytest.mark.django_db

URL = "/homework/progress/"
TODAY = date(2026, 6, 10)  # a Wednesday


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with time_machine.travel(datetime(2026, 6, 10, 16, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def signed_in(client: Client, client_user: User) -> Client:
    client.force_login(client_user)
    return client


def test_it_shows_the_calendar_with_a_text_label_for_every_day(
    signed_in: Client, therapist: User, client_user: User
) -> None:
    a = make_assignment(therapist, client_user, Kind.JOURNAL, start=TODAY - timedelta(days=2))
    for o in Occurrence.objects.filter(assignment=a, due_date__lt=TODAY):
        services.log_occurrence(occurrence=o, status=LogStatus.DONE)
    response = signed_in.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Monday 8 June: 1 of 1 done" in content
    assert "Wednesday 10 June: 0 of 1 done (today)" in content
    assert "Tuesday 2 June: nothing due" in content
    assert content.count('class="day ') == 7 * 13  # 84 days span 13 Monday-to-Sunday rows here
    assert '<th scope="col">' in content and '<th scope="row">' in content
    assert "Current streak" in content and "2 days" in content
    assert "2 of 3 done so far · 4 more to come this week" in content
    assert "Thursday 11 June: 1 still to come" in content


def test_the_week_says_what_is_still_to_come_and_past_days_are_not_marked_as_to_come(
    signed_in: Client, therapist: User, client_user: User
) -> None:
    """On a Wednesday, with Monday's practice not done and Tuesday's done: Monday is “not done”
    (○), today and the rest of the week are “still to come” (◌), and the week is not a finished
    one."""
    a = make_assignment(therapist, client_user, Kind.JOURNAL, start=TODAY - timedelta(days=2))
    services.log_occurrence(
        occurrence=Occurrence.objects.get(assignment=a, due_date=TODAY - timedelta(days=1)),
        status=LogStatus.DONE,
    )
    content = signed_in.get(URL).content.decode()
    assert '<span class="day-key day-missed" aria-hidden="true">○</span> not done' in content
    assert '<span class="day-key day-open" aria-hidden="true">◌</span> still to come' in content
    assert "not done yet" not in content
    cells = {
        state: content.count(f'class="day day-{state}') for state in ("missed", "open", "complete", "outside")
    }
    assert cells["missed"] == 1  # Monday
    assert cells["complete"] == 1  # Tuesday
    assert cells["open"] == 5  # today and Thursday to Sunday
    assert "Monday 8 June: 0 of 1 done" in content
    assert "1 of 3 done so far · 4 more to come this week" in content


def test_it_explains_how_things_are_counted_and_has_a_key(signed_in: Client) -> None:
    content = signed_in.get(URL).content.decode()
    assert "How these are counted" in content
    assert "Days with nothing due don" in content
    assert 'aria-label="Key"' in content
    assert "everything done" in content and "some done" in content and "nothing due" in content


def test_it_shows_nothing_of_another_client(
    signed_in: Client, other_therapist: User, other_client: User
) -> None:
    make_assignment(other_therapist, other_client, start=TODAY - timedelta(days=5))
    content = signed_in.get(URL).content.decode()
    assert ": 0 of 1 done" not in content
    assert "Dave" not in content


def test_it_refuses_post(signed_in: Client) -> None:
    assert signed_in.post(URL).status_code == 405


def test_it_redirects_anonymous_visitors(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_forbids_the_therapist(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("n", [2, 12])
def test_its_query_count_does_not_grow_with_data(
    signed_in: Client, therapist: User, client_user: User, django_assert_max_num_queries: object, n: int
) -> None:
    for _ in range(n):
        a = make_assignment(therapist, client_user, Kind.JOURNAL, start=TODAY - timedelta(days=60))
        for o in Occurrence.objects.filter(assignment=a, due_date__lt=TODAY)[:10]:
            services.log_occurrence(occurrence=o, status=LogStatus.DONE)
    signed_in.get(URL)  # the first request of a session records the signed-in device
    # Six for the session and signed-in device, then the tracker's one.
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        assert signed_in.get(URL).status_code == 200
