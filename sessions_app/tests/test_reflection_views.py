"""The client's reflection after a held session: write, edit, and see it beside their homework."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from homework import services
from homework.models import AssignmentStatus, Kind, Recurrence
from homework.services import client_today
from homework.tests.conftest import make_assignment
from mallard.models import User
from mallard.tests.helpers import field_error
from sessions_app.models import REFLECTION_LIMIT, Reflection, SessionStatus, TherapySession
from sessions_app.selectors.sessions import current_homework
from sessions_app.tests.sessions_helpers import (
    SHARED_SUMMARY,
    assert_no_private_notes,
    held_session,
    make_reflection,
    make_session,
    refreshed,
)

__all__ = ["refreshed"]


def url(session: TherapySession) -> str:
    return f"/my/sessions/{session.pk}/reflection/"


def answers(**fields: str) -> dict[str, str]:
    data = {"stood_out": "", "want_to_practise": "", "questions": ""}
    data.update(fields)
    return data


def test_it_offers_the_three_questions_beside_the_shared_summary(
    client: Client, therapist: User, client_user: User
) -> None:
    session = held_session(therapist, client_user)
    client.force_login(client_user)
    response = client.get(url(session))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Your reflection on the session of" in content
    for label in ("What stood out", "What I want to practise", "Questions for next time"):
        assert label in content
    assert SHARED_SUMMARY in content
    assert_no_private_notes(response)


def test_saving_shows_what_to_practise_beside_the_current_homework(
    client: Client, therapist: User, client_user: User, refreshed: list[TherapySession]
) -> None:
    session = held_session(therapist, client_user)
    make_assignment(therapist, client_user, Kind.JOURNAL, title="Gratitude journal")
    client.force_login(client_user)
    response = client.post(
        url(session), answers(stood_out="The cycle", want_to_practise="Asking <one> question")
    )
    assert response.status_code == 302
    assert response["Location"] == url(session)
    reflection = Reflection.objects.get(session=session)
    assert (reflection.client, reflection.stood_out) == (client_user, "The cycle")
    assert refreshed == [session]

    page = client.get(url(session))
    content = page.content.decode()
    assert "Your reflection is saved." in content
    assert "What you want to practise" in content
    assert "Asking &lt;one&gt; question" in content
    assert "Gratitude journal" in content
    assert 'href="/today/">Go to Today' in content
    assert "Edit your reflection" in content
    assert_no_private_notes(page)


def test_the_client_can_edit_their_reflection(client: Client, therapist: User, client_user: User) -> None:
    session = held_session(therapist, client_user)
    make_reflection(session, stood_out="First thoughts")
    client.force_login(client_user)
    assert "First thoughts</textarea>" in client.get(url(session)).content.decode()
    client.post(url(session), answers(stood_out="Second thoughts", questions="What next?"))
    reflection = Reflection.objects.get()
    assert (reflection.stood_out, reflection.questions) == ("Second thoughts", "What next?")


def test_an_empty_reflection_asks_for_a_few_words(client: Client, therapist: User, client_user: User) -> None:
    session = held_session(therapist, client_user)
    client.force_login(client_user)
    response = client.post(url(session), answers(stood_out="   "))
    assert response.status_code == 200
    assert field_error(response, "stood_out") == "Write something in at least one box. A few words is enough."
    assert not Reflection.objects.exists()


def test_a_too_long_answer_comes_back_whole_with_an_error(
    client: Client, therapist: User, client_user: User
) -> None:
    session = held_session(therapist, client_user)
    client.force_login(client_user)
    too_long = "q" * (REFLECTION_LIMIT + 1)
    response = client.post(url(session), answers(stood_out="Kept", questions=too_long))
    assert response.status_code == 200
    assert "the limit is 5000" in field_error(response, "questions")
    content = response.content.decode()
    assert too_long in content
    assert "Kept</textarea>" in content
    assert_no_private_notes(response)
    assert not Reflection.objects.exists()


@pytest.mark.parametrize("status", [SessionStatus.SCHEDULED, SessionStatus.CANCELLED, SessionStatus.NO_SHOW])
def test_only_held_sessions_can_be_reflected_on(
    client: Client, therapist: User, client_user: User, status: str
) -> None:
    session = make_session(therapist, client_user, days=-1, status=status)
    client.force_login(client_user)
    assert client.get(url(session)).status_code == 404
    assert client.post(url(session), answers(stood_out="Hello")).status_code == 404
    assert not Reflection.objects.exists()


def test_another_clients_session_is_a_404_and_nothing_is_written(
    client: Client, client_user: User, other_therapist: User, other_client: User
) -> None:
    session = held_session(other_therapist, other_client)
    client.force_login(client_user)
    assert client.get(url(session)).status_code == 404
    assert client.post(url(session), answers(stood_out="Forged")).status_code == 404
    assert not Reflection.objects.exists()


def test_the_reflection_page_is_for_signed_in_clients(
    client: Client, therapist: User, client_user: User
) -> None:
    session = held_session(therapist, client_user)
    response = client.get(url(session))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(therapist)
    assert client.get(url(session)).status_code == 403
    assert client.post(url(session), answers(stood_out="As the therapist")).status_code == 403
    assert not Reflection.objects.exists()


def test_the_reflection_page_refuses_other_methods(
    client: Client, therapist: User, client_user: User
) -> None:
    session = held_session(therapist, client_user)
    client.force_login(client_user)
    assert client.put(url(session)).status_code == 405
    assert client.delete(url(session)).status_code == 405


def test_the_current_homework_is_every_active_assignment_with_its_schedule_in_one_query(
    therapist: User, client_user: User, django_assert_num_queries: Any
) -> None:
    today = client_today(client_user)
    make_assignment(therapist, client_user, Kind.JOURNAL, title="Journal")
    make_assignment(
        therapist,
        client_user,
        Kind.RELAXATION,
        title="Breathing",
        recurrence=Recurrence.WEEKDAYS,
        weekdays=str(today.weekday()),
    )
    make_assignment(
        therapist,
        client_user,
        Kind.READING,
        title="Leaflet",
        recurrence=Recurrence.TIMES_PER_WEEK,
        times_per_week=3,
        start=today - timedelta(days=today.weekday()),
    )
    make_assignment(
        therapist,
        client_user,
        Kind.SKILL_PRACTICE,
        title="Call",
        recurrence=Recurrence.ONCE,
        end_date=today + timedelta(days=2),
    )
    # Active, with nothing due today: still the client's homework right now.
    make_assignment(
        therapist,
        client_user,
        Kind.SKILL_PRACTICE,
        title="Walk",
        recurrence=Recurrence.WEEKDAYS,
        weekdays=str((today.weekday() + 1) % 7),
    )
    paused = make_assignment(therapist, client_user, Kind.JOURNAL, title="Paused diary")
    services.set_assignment_status(assignment=paused, status=AssignmentStatus.PAUSED)
    with django_assert_num_queries(1):
        homework = current_homework(client_user)
        schedules = {assignment.title: assignment.schedule_text for assignment in homework}
    assert set(schedules) == {"Journal", "Breathing", "Leaflet", "Call", "Walk"}
    assert schedules["Leaflet"].startswith("3 times a week")
    assert schedules["Call"].startswith("Once, by")


def test_each_box_says_its_limit_before_anything_is_sent(
    client: Client, therapist: User, client_user: User
) -> None:
    session = held_session(therapist, client_user)
    client.force_login(client_user)
    content = client.get(url(session)).content.decode()
    assert content.count("Up to 5,000 characters.") == 3
    assert 'maxlength="' not in content  # the browser never cuts a paste short
