"""The client's questionnaire pages: answering a due one, and what they see right after."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db.models import F
from django.test import Client

from mallard.models import CareRelationship, User
from measures import services
from measures.instruments import GAD7, PHQ9
from measures.models import MeasurePlan, MeasureResponse, MeasureWindow, Schedule

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with time_machine.travel(NOW, tick=False):
        yield


def window_for(therapist: User, client: User, instrument: str = "phq9") -> MeasureWindow:
    plan = services.assign_measure(
        therapist=therapist,
        client=client,
        instrument=instrument,
        schedule=Schedule.ONCE,
        starts_on=date(2026, 3, 4),
    )
    return plan.windows.get()


def url(window: MeasureWindow) -> str:
    return f"/questionnaires/{window.pk}/answer/"


def answers(values: list[int], difficulty: int | None = None) -> dict[str, str]:
    data = {f"item_{n}": str(v) for n, v in enumerate(values, start=1)}
    if difficulty is not None:
        data["difficulty"] = str(difficulty)
    return data


def test_it_shows_the_questionnaire_word_for_word(client: Client, therapist: User, client_user: User) -> None:
    window = window_for(therapist, client_user)
    client.force_login(client_user)
    content = client.get(url(window)).content.decode()
    assert PHQ9.stem in content
    for item in PHQ9.items:
        assert item in content
    assert content.count("<fieldset") == 10  # nine items and the difficulty question
    for _value, label in PHQ9.answers:
        assert content.count(f"{label}</span>") == 9
    assert str(PHQ9.difficulty_question) in content
    assert PHQ9.copyright in content


def test_the_gad7_has_seven_items_and_no_difficulty_question(
    client: Client, therapist: User, client_user: User
) -> None:
    window = window_for(therapist, client_user, "gad7")
    client.force_login(client_user)
    content = client.get(url(window)).content.decode()
    assert content.count("<fieldset") == 7
    assert GAD7.stem in content
    assert str(PHQ9.difficulty_question) not in content


def test_answering_saves_one_scored_response(client: Client, therapist: User, client_user: User) -> None:
    window = window_for(therapist, client_user)
    client.force_login(client_user)
    response = client.post(url(window), answers([1, 1, 1, 1, 1, 1, 1, 1, 0], difficulty=1))
    saved = MeasureResponse.objects.get()
    assert response["Location"] == f"/questionnaires/answers/{saved.pk}/"
    assert (saved.total, saved.band, saved.item9_positive, saved.difficulty, saved.window) == (
        8,
        "mild",
        False,
        1,
        window,
    )
    thanks = client.get(response["Location"]).content.decode()
    assert "Your answers to the PHQ-9 were sent" in thanks
    assert "tel:" not in thanks.split("<main", 1)[-1].split("</main>", 1)[0]


def test_item_9_above_0_shows_the_crisis_resources_at_once(
    client: Client, therapist: User, client_user: User
) -> None:
    window = window_for(therapist, client_user)
    client.force_login(client_user)
    response = client.post(url(window), answers([0] * 8 + [1]), follow=True)
    content = response.content.decode()
    for number in ("tel:988", "tel:116123", "tel:112", "tel:911"):
        assert f'href="{number}"' in content
    assert "Your therapist will see this answer." in content
    assert "Mallard is not watched in real time" in content
    assert "detect" not in content.lower().replace("cannot tell", "")


def test_missing_answers_save_nothing_and_keep_the_others(
    client: Client, therapist: User, client_user: User
) -> None:
    window = window_for(therapist, client_user)
    client.force_login(client_user)
    data = answers([2, 3, 1, 0, 2, 1, 0, 1])  # no answer to question 9
    response = client.post(url(window), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "Question 9 has no answer yet." in content
    for n, value in enumerate([2, 3, 1, 0, 2, 1, 0, 1], start=1):
        assert re.search(rf'name="item_{n}" value="{value}"[^>]*checked', content)
    assert not MeasureResponse.objects.exists()


def error_summary(content: str) -> str:
    start = content.index('id="error-summary"')
    return " ".join(content[start : content.index("</div>", start)].split())


def number_link(n: int) -> str:
    return (
        f'<a class="alert-link error-summary-number" href="#id_item_{n}_0">'
        f'<span class="visually-hidden">Question </span>{n}</a>'
    )


def test_the_error_summary_lists_the_unanswered_questions_by_number_each_a_link(
    client: Client, therapist: User, client_user: User
) -> None:
    window = window_for(therapist, client_user)
    client.force_login(client_user)
    given = {1: 1, 3: 2, 4: 3, 6: 1, 7: 2, 8: 1}  # no answer to 2, 5 and 9
    posted = {f"item_{n}": str(value) for n, value in given.items()} | {"difficulty": "2"}
    response = client.post(url(window), posted)
    assert response.status_code == 400
    content = response.content.decode()
    summary = error_summary(content)
    assert (
        f"<li>3 questions have no answer yet: {number_link(2)}, {number_link(5)} and {number_link(9)}.</li>"
    ) in summary
    assert summary.count("<li>") == 1
    for item in PHQ9.items:  # short on a phone: no question's wording at the top
        assert item not in summary
    # Each unanswered question says so beside it, and its group is described by that message.
    for n in (2, 5, 9):
        assert f'aria-describedby="id_item_{n}_error"' in content
        assert (
            f'<p class="text-danger small mb-1" id="id_item_{n}_error">Question {n} has no answer yet.</p>'
            in content
        )
        assert re.search(rf'id="id_item_{n}_0"[^>]*aria-invalid="true"', content)
    assert "id_item_1_error" not in content
    for n, value in given.items():
        assert re.search(rf'name="item_{n}" value="{value}"[^>]*checked', content)
    assert re.search(r'name="difficulty" value="2"[^>]*checked', content)
    assert "<title>Error: " in content
    assert not MeasureResponse.objects.exists()


def test_one_unanswered_question_is_one_link_and_a_wrong_value_keeps_its_own_line(
    client: Client, therapist: User, client_user: User
) -> None:
    window = window_for(therapist, client_user, "gad7")
    client.force_login(client_user)
    posted = answers([0, 1, 9, 2, 3, 0])  # question 3 is out of range, question 7 unanswered
    response = client.post(url(window), posted)
    assert response.status_code == 400
    summary = error_summary(response.content.decode())
    assert '<li><a class="alert-link" href="#id_item_7_0">Question 7 has no answer yet.</a></li>' in summary
    assert (
        '<li><a class="alert-link" href="#id_item_3_0">Question 3: choose one of the four answers.</a></li>'
        in (summary)
    )
    assert summary.index("Question 7") < summary.index("Question 3")  # the unanswered ones first
    for item in GAD7.items:
        assert item not in summary


def test_a_wrong_difficulty_answer_is_named_shortly_and_shown_beside_it(
    client: Client, therapist: User, client_user: User
) -> None:
    window = window_for(therapist, client_user)
    client.force_login(client_user)
    posted = answers([1] * 9) | {"difficulty": "7"}
    response = client.post(url(window), posted)
    assert response.status_code == 400
    content = response.content.decode()
    summary = error_summary(content)
    assert (
        '<a class="alert-link" href="#id_difficulty_0">The last question (not counted in the score): '
        "Choose one of the four answers, or leave it empty.</a>"
    ) in summary
    assert str(PHQ9.difficulty_question) not in summary
    assert 'aria-describedby="id_difficulty_error"' in content
    assert 'id="id_difficulty_error">Choose one of the four answers, or leave it empty.</p>' in content
    for n in range(1, 10):
        assert re.search(rf'name="item_{n}" value="1"[^>]*checked', content)
    assert not MeasureResponse.objects.exists()


@pytest.mark.parametrize("value", ["4", "-1", "x", ""])
def test_an_answer_out_of_range_saves_nothing(
    client: Client, therapist: User, client_user: User, value: str
) -> None:
    window = window_for(therapist, client_user)
    client.force_login(client_user)
    data = answers([0] * 9)
    data["item_3"] = value
    response = client.post(url(window), data)
    assert response.status_code == 400
    assert "Question 3" in response.content.decode()
    assert not MeasureResponse.objects.exists()


def test_an_out_of_range_difficulty_saves_nothing(client: Client, therapist: User, client_user: User) -> None:
    window = window_for(therapist, client_user)
    client.force_login(client_user)
    response = client.post(url(window), answers([0] * 9, difficulty=7))
    assert response.status_code == 400
    assert not MeasureResponse.objects.exists()


def test_posting_the_same_answers_twice_saves_one(client: Client, therapist: User, client_user: User) -> None:
    window = window_for(therapist, client_user)
    client.force_login(client_user)
    first = client.post(url(window), answers([1] * 9))
    second = client.post(url(window), answers([2] * 9), follow=True)
    assert second.redirect_chain[0][0] == first["Location"]
    assert "You filled this one in already" in second.content.decode()
    assert MeasureResponse.objects.get().total == 9
    # Opening the form again goes to the answer already sent.
    assert client.get(url(window))["Location"] == first["Location"]


def test_a_closed_window_takes_no_answers(client: Client, therapist: User, client_user: User) -> None:
    window = window_for(therapist, client_user)
    with time_machine.travel(window.closes_at + timedelta(minutes=1), tick=False):
        client.force_login(client_user)
        assert client.get(url(window))["Location"] == "/today/"
        response = client.post(url(window), answers([0] * 9), follow=True)
    assert "not open now, so nothing was saved" in response.content.decode()
    assert not MeasureResponse.objects.exists()


def test_a_forged_post_for_another_clients_window_is_not_found(
    client: Client, therapist: User, client_user: User, other_therapist: User, other_client: User
) -> None:
    theirs = window_for(other_therapist, other_client)
    client.force_login(client_user)
    assert client.get(url(theirs)).status_code == 404
    assert client.post(url(theirs), answers([0] * 9)).status_code == 404
    assert not MeasureResponse.objects.exists()


def test_another_clients_answers_are_not_found(
    client: Client, therapist: User, client_user: User, other_therapist: User, other_client: User
) -> None:
    theirs = services.submit_response(
        client=other_client, window=window_for(other_therapist, other_client), answers=[0] * 9
    )
    client.force_login(client_user)
    assert client.get(f"/questionnaires/answers/{theirs.pk}/").status_code == 404


def test_the_answer_pages_refuse_other_methods_roles_and_anonymous_people(
    client: Client, therapist: User, client_user: User
) -> None:
    window = window_for(therapist, client_user)
    saved = services.submit_response(client=client_user, window=window, answers=[0] * 9)
    done = f"/questionnaires/answers/{saved.pk}/"
    assert client.get(url(window))["Location"].startswith("/accounts/login/")
    assert client.get(done)["Location"].startswith("/accounts/login/")
    client.force_login(client_user)
    assert client.put(url(window)).status_code == 405
    assert client.post(done).status_code == 405
    client.force_login(therapist)
    assert client.get(url(window)).status_code == 403
    assert client.get(done).status_code == 403


def test_the_thanks_promise_no_reader_once_the_client_is_in_no_ones_care(
    client: Client, therapist: User, client_user: User
) -> None:
    window = window_for(therapist, client_user)
    client.force_login(client_user)
    done = client.post(url(window), answers([0] * 8 + [1]))
    thanks_url = done["Location"]
    CareRelationship.objects.filter(client=client_user).update(ended_at=F("started_at"))
    content = client.get(thanks_url).content.decode()
    assert "Your therapist will see" not in content
    assert "No therapist will see this answer" in content
    assert 'href="tel:988"' in content


def test_ending_care_with_no_one_taking_over_stops_the_clients_questionnaires(
    therapist: User, client_user: User, other_therapist: User
) -> None:
    from mallard import services as mallard_services

    window_for(therapist, client_user)
    moved = MeasurePlan.objects.get(client=client_user)
    mallard_services.move_client(client=client_user, to_therapist=other_therapist)
    moved.refresh_from_db()
    assert moved.ended_at is None  # a transfer: the new therapist reads the answers

    care = CareRelationship.objects.get(client=client_user, ended_at__isnull=True)
    mallard_services.correct_care(care=care, started_at=care.started_at, ended_at=care.started_at)
    moved.refresh_from_db()
    assert moved.ended_at is not None
    assert not MeasureWindow.objects.filter(plan=moved, response__isnull=True).exists()
