"""Finishing a behavioural experiment or a reading never logs "done" for what the worksheet itself
says was not done, and the entry page shows only what was answered."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from homework.models import BehavioralExperiment, Kind, Log, LogStatus, ReadingReflection, ThoughtRecord
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User
from mallard.tests.helpers import field_error

pytestmark = pytest.mark.django_db

PLAN = {
    "belief": "If I speak up, people will laugh",
    "belief_strength": "85",
    "experiment": "Ask a question in Tuesday's team meeting",
    "prediction": "Someone will smirk",
}
AFTER = {"outcome": "My manager thanked me", "learned": "People were interested"}


def url(occurrence: Any) -> str:
    return f"/homework/occurrences/{occurrence.pk}/entry/"


def _checked(page: str, value: str) -> bool:
    tag = re.search(rf'<input[^>]*name="log_status"[^>]*value="{value}"[^>]*>', page)
    return tag is not None and "checked" in tag.group(0)


@pytest.fixture
def experiment(client: Client, therapist: User, client_user: User) -> Any:
    client.force_login(client_user)
    return today_occurrence(make_assignment(therapist, client_user, Kind.BEHAVIORAL_EXPERIMENT))


@pytest.fixture
def reading(client: Client, therapist: User, client_user: User) -> Any:
    client.force_login(client_user)
    return today_occurrence(make_assignment(therapist, client_user, Kind.READING))


def test_an_experiment_not_yet_logged_preselects_nothing(client: Client, experiment: Any) -> None:
    page = client.get(url(experiment)).content.decode()
    assert not any(_checked(page, v) for v in ("done", "smaller", "partly"))


def test_finishing_only_the_plan_asks_and_logs_nothing(client: Client, experiment: Any) -> None:
    response = client.post(url(experiment), {**PLAN, "action": "finish"})
    assert response.status_code == 200
    assert "this is your plan" in field_error(response, "log_status")
    page = response.content.decode()
    assert "Someone will smirk" in page
    assert not any(_checked(page, v) for v in ("done", "smaller", "partly"))
    assert not Log.objects.filter(occurrence=experiment).exists()
    assert not BehavioralExperiment.objects.filter(occurrence=experiment, submitted_at__isnull=False).exists()


def test_a_plan_saved_as_a_draft_is_not_logged(client: Client, experiment: Any) -> None:
    client.post(url(experiment), {**PLAN, "action": "draft"})
    assert BehavioralExperiment.objects.get(occurrence=experiment).is_draft
    assert not Log.objects.filter(occurrence=experiment).exists()


def test_a_partly_filled_after_part_asks_with_nothing_chosen(client: Client, experiment: Any) -> None:
    response = client.post(url(experiment), {**PLAN, "outcome": "Nobody laughed", "action": "finish"})
    assert response.status_code == 200
    assert "Choose what you did" in field_error(response, "log_status")
    assert "Nobody laughed" in response.content.decode()
    assert not Log.objects.filter(occurrence=experiment).exists()


def test_the_whole_experiment_finishes_as_done(client: Client, experiment: Any) -> None:
    response = client.post(url(experiment), {**PLAN, **AFTER, "action": "finish"})
    assert response.status_code == 302
    assert Log.objects.get(occurrence=experiment).status == LogStatus.DONE


def test_a_status_the_client_chose_for_an_experiment_is_kept(client: Client, experiment: Any) -> None:
    client.post(url(experiment), {**PLAN, "log_status": "partly", "action": "finish"})
    assert Log.objects.get(occurrence=experiment).status == LogStatus.PARTLY


def test_an_unanswered_further_experiment_shows_nothing(client: Client, experiment: Any) -> None:
    response = client.post(url(experiment), {**PLAN, **AFTER, "action": "finish"})
    detail = client.get(response["Location"]).content.decode()
    assert "Is a further experiment needed?" not in detail
    assert "Not sure yet" not in detail


def test_an_answered_further_experiment_is_shown(client: Client, experiment: Any) -> None:
    response = client.post(
        url(experiment), {**PLAN, **AFTER, "further_experiment_needed": "no", "action": "finish"}
    )
    detail = client.get(response["Location"]).content.decode()
    assert re.search(r"<dt>Is a further experiment needed\?</dt>\s*<dd>No</dd>", detail)


def _chosen(page: str, name: str) -> list[str]:
    tags = re.findall(rf'<input[^>]*name="{name}"[^>]*>', page)
    return [value for t in tags if "checked" in t for value in re.findall(r'value="([^"]*)"', t)]


def test_not_sure_is_kept_and_shown_again(
    client: Client, experiment: Any, therapist: User, client_user: User
) -> None:
    client.post(url(experiment), {**PLAN, "further_experiment_needed": "unsure", "action": "draft"})
    assert _chosen(client.get(url(experiment)).content.decode(), "further_experiment_needed") == ["unsure"]

    response = client.post(
        url(experiment), {**PLAN, **AFTER, "further_experiment_needed": "unsure", "action": "finish"}
    )
    detail = client.get(response["Location"]).content.decode()
    assert re.search(r"<dt>Is a further experiment needed\?</dt>\s*<dd>Not sure</dd>", detail)

    entry = BehavioralExperiment.objects.get(occurrence=experiment)
    client.force_login(therapist)
    page = client.get(f"/clients/entries/{entry.pk}/").content.decode()
    assert "Further experiment needed: Not sure" in page


def test_no_answer_is_not_shown_as_not_sure_when_reopened(client: Client, experiment: Any) -> None:
    client.post(url(experiment), {**PLAN, "action": "draft"})
    assert _chosen(client.get(url(experiment)).content.decode(), "further_experiment_needed") == []


def test_reading_answered_no_is_not_logged_done(client: Client, reading: Any) -> None:
    response = client.post(
        url(reading),
        {"was_read": "no", "questions": "What is avoidance?", "log_status": "done", "action": "finish"},
    )
    assert response.status_code == 200
    assert "can't be logged as done" in field_error(response, "was_read")
    assert "What is avoidance?" in response.content.decode()
    assert not Log.objects.filter(occurrence=reading).exists()
    assert not ReadingReflection.objects.exists()


def test_reading_answered_no_can_be_kept_as_a_draft(client: Client, reading: Any) -> None:
    response = client.post(url(reading), {"was_read": "no", "questions": "Later?", "action": "draft"})
    assert response.status_code == 302
    entry = ReadingReflection.objects.get(occurrence=reading)
    assert entry.is_draft and entry.was_read is False
    assert not Log.objects.filter(occurrence=reading).exists()


def test_reading_answered_yes_finishes_as_done(client: Client, reading: Any) -> None:
    response = client.post(url(reading), {"was_read": "yes", "log_status": "done", "action": "finish"})
    assert response.status_code == 302
    assert Log.objects.get(occurrence=reading).status == LogStatus.DONE


def test_the_hot_thought_rerating_shows_without_the_first_rating(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.THOUGHT_RECORD))
    client.force_login(client_user)
    record = ThoughtRecord.objects.create(
        client=client_user,
        assignment=occurrence.assignment,
        occurrence=occurrence,
        kind=Kind.THOUGHT_RECORD,
        situation="At work",
        hot_belief_after=35,
    )
    record.thoughts.create(text="I'll be fired", is_hot=True)
    page = client.get(f"/homework/entries/{record.pk}/").content.decode()
    assert "after the balanced thought: 35 out of 100" in page
