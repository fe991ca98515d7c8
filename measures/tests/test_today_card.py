"""A questionnaire that is due shows on Today (through homework.hooks.today_panels)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import Client

from mallard.models import User
from measures import services
from measures.models import MeasurePlan, Schedule

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with time_machine.travel(NOW, tick=False):
        yield


def assign(therapist: User, client: User, instrument: str, starts_on: date = date(2026, 3, 4)) -> None:
    services.assign_measure(
        therapist=therapist, client=client, instrument=instrument, schedule=Schedule.ONCE, starts_on=starts_on
    )


def test_a_due_questionnaire_is_on_today(client: Client, therapist: User, client_user: User) -> None:
    assign(therapist, client_user, "gad7")
    client.force_login(client_user)
    content = client.get("/today/").content.decode()
    window = client_user.measure_windows.get()
    assert "A short check-in from your therapist" in content
    assert f'href="/questionnaires/{window.pk}/answer/"' in content
    assert "GAD-7: 7 questions, about a minute" in content
    # Open a week from the client's midnight: it ends with Tuesday, not at "Wednesday 11 March, 00:00".
    assert "Open until the end of Tuesday 10 March." in content
    assert "March, 00:00" not in content


def test_answered_stopped_and_future_ones_are_not(client: Client, therapist: User, client_user: User) -> None:
    assign(therapist, client_user, "gad7", starts_on=date(2026, 3, 6))  # opens on Friday
    assign(therapist, client_user, "phq9")
    services.submit_response(client=client_user, window=client_user.measure_windows.get(plan__instrument="phq9"),
                             answers=[0] * 9)  # fmt: skip
    client.force_login(client_user)
    assert "A short check-in" not in client.get("/today/").content.decode()


@pytest.mark.parametrize("n", [1, 2])
def test_todays_query_count_does_not_grow_with_questionnaires(
    client: Client, therapist: User, client_user: User, django_assert_num_queries: object, n: int
) -> None:
    for instrument in ["phq9", "gad7"][:n]:
        assign(therapist, client_user, instrument)
    client.force_login(client_user)
    client.get("/today/")  # the first request of a session records the signed-in device
    # Homework's own Today test's eight (the questionnaires are one query of them), and one for
    # the therapist's name that the page without homework prints.
    with django_assert_num_queries(9):  # type: ignore[operator]
        response = client.get("/today/")
    assert response.content.decode().count("Fill it in") == n


def test_two_open_asks_of_one_questionnaire_cost_todays_same_queries(
    client: Client, therapist: User, client_user: User, django_assert_num_queries: object
) -> None:
    assign(therapist, client_user, "phq9")
    window = client_user.measure_windows.get()
    extra = MeasurePlan.objects.create(
        client=client_user, therapist=therapist, instrument="phq9", schedule=Schedule.ONCE,
        starts_on=date(2026, 3, 4), extra=True,
    )  # fmt: skip
    extra.windows.create(client=client_user, opens_at=window.opens_at, closes_at=window.closes_at)
    client.force_login(client_user)
    client.get("/today/")
    with django_assert_num_queries(9):  # type: ignore[operator]
        response = client.get("/today/")
    assert response.content.decode().count("Fill it in") == 1
