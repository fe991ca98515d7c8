"""The therapist's questionnaire page: /clients/<id>/questionnaires/ (see and add plans, stop one)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import Client

from mallard.models import FormSubmission, User
from mallard.once import new_key
from measures import services
from measures.models import MeasurePlan, Schedule

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with time_machine.travel(NOW, tick=False):
        yield


def url(client: User) -> str:
    return f"/clients/{client.pk}/questionnaires/"


def test_it_shows_the_form_and_the_plans(client: Client, therapist: User, client_user: User) -> None:
    services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="gad7",
        schedule=Schedule.ONCE,
        starts_on=date(2026, 3, 4),
    )
    client.force_login(therapist)
    content = client.get(url(client_user)).content.decode()
    assert "Questionnaires for Carol Chen" in content
    assert "<strong>GAD-7</strong>: Once" in content
    assert "Next open 4 March" in content
    assert 'name="instrument"' in content


def test_it_asks_every_n_weeks(client: Client, therapist: User, client_user: User) -> None:
    client.force_login(therapist)
    data = {"instrument": "phq9", "schedule": "every_n_weeks", "every_weeks": "2", "once": new_key()}
    response = client.post(url(client_user), data)
    assert response.status_code == 302
    plan = MeasurePlan.objects.get()
    assert (plan.client, plan.therapist, plan.every_weeks, plan.starts_on) == (
        client_user,
        therapist,
        2,
        date(2026, 3, 4),  # the client's today in New York
    )
    assert plan.windows.exists()


def test_the_same_form_sent_twice_asks_once(client: Client, therapist: User, client_user: User) -> None:
    client.force_login(therapist)
    data = {"instrument": "phq9", "schedule": "once", "once": new_key()}
    assert client.post(url(client_user), data).status_code == 302
    again = client.post(url(client_user), data, follow=True)
    assert "That form was already sent" in again.content.decode()
    assert MeasurePlan.objects.count() == 1
    assert FormSubmission.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"schedule": "once"}, "Choose a questionnaire."),
        ({"instrument": "bdi", "schedule": "once"}, "Choose a questionnaire from the list."),
        ({"instrument": "phq9"}, "Choose when to ask."),
        ({"instrument": "phq9", "schedule": "every_n_weeks"}, "Say every how many weeks"),
        (
            {"instrument": "phq9", "schedule": "every_n_weeks", "every_weeks": "13"},
            "“Every how many weeks” takes a whole number from 1 to 12.",
        ),
        ({"instrument": "phq9", "schedule": "once", "starts_on": "2026-03-01"}, "from today to a year ahead"),
        ({"instrument": "phq9", "schedule": "once", "starts_on": "not a date"}, "Enter a valid date"),
    ],
)
def test_bad_input_saves_nothing_and_keeps_what_was_typed(
    client: Client, therapist: User, client_user: User, data: dict[str, str], message: str
) -> None:
    client.force_login(therapist)
    response = client.post(url(client_user), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    for name, value in data.items():
        if name in ("every_weeks", "starts_on"):
            assert f'value="{value}"' in content
        elif value in ("phq9", "once", "every_n_weeks"):  # a valid choice stays chosen
            assert re.search(rf'name="{name}" value="{value}"[^>]*checked', content)
    assert not MeasurePlan.objects.exists()


def test_a_second_running_plan_for_the_same_questionnaire_is_refused(
    client: Client, therapist: User, client_user: User
) -> None:
    services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="phq9",
        schedule=Schedule.ONCE,
        starts_on=date(2026, 3, 4),
    )
    client.force_login(therapist)
    response = client.post(url(client_user), {"instrument": "phq9", "schedule": "before_session"})
    assert response.status_code == 400
    assert "already planned for this client" in response.content.decode()
    assert MeasurePlan.objects.count() == 1


def test_stopping_a_plan(client: Client, therapist: User, client_user: User) -> None:
    plan = services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="phq9",
        schedule=Schedule.ONCE,
        starts_on=date(2026, 3, 4),
    )
    client.force_login(therapist)
    response = client.post(f"{url(client_user)}{plan.pk}/stop/", follow=True)
    assert "be asked for the PHQ-9 again" in response.content.decode()
    plan.refresh_from_db()
    assert plan.ended_at == NOW
    assert not plan.windows.exists()


def test_stopping_refuses_get(client: Client, therapist: User, client_user: User) -> None:
    plan = services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="phq9",
        schedule=Schedule.ONCE,
        starts_on=date(2026, 3, 4),
    )
    client.force_login(therapist)
    assert client.get(f"{url(client_user)}{plan.pk}/stop/").status_code == 405
    assert client.put(url(client_user)).status_code == 405


def test_another_therapists_client_and_plan_are_not_found(
    client: Client, therapist: User, client_user: User, other_therapist: User, other_client: User
) -> None:
    theirs = services.assign_measure(
        therapist=other_therapist,
        client=other_client,
        instrument="phq9",
        schedule=Schedule.ONCE,
        starts_on=date(2026, 3, 4),
    )
    client.force_login(therapist)
    assert client.get(url(other_client)).status_code == 404
    assert client.post(url(other_client), {"instrument": "gad7", "schedule": "once"}).status_code == 404
    assert client.post(f"{url(other_client)}{theirs.pk}/stop/").status_code == 404
    # Their plan under my client's address is not found either.
    assert client.post(f"{url(client_user)}{theirs.pk}/stop/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.ended_at is None
    assert MeasurePlan.objects.count() == 1


def test_anonymous_people_are_sent_to_sign_in(client: Client, client_user: User) -> None:
    response = client.get(url(client_user))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_clients_cannot_open_it(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    assert client.get(url(client_user)).status_code == 403
