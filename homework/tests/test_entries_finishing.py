"""Honest finishing of a thought record, and moving between its steps without losing anything."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from homework.models import Assignment, Log, LogStatus, ThoughtRecord
from homework.tests.conftest import today_occurrence
from homework.tests.test_entries_thought_record import step_one, url
from mallard.models import User
from mallard.tests.helpers import field_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def occurrence(assignment: Assignment) -> Any:
    return today_occurrence(assignment)


@pytest.fixture
def signed_in(client: Client, client_user: User) -> Client:
    client.force_login(client_user)
    return client


WHOLE_STEP_TWO = {
    "evidence_for": "I stumbled once",
    "evidence_against": "My manager praised the report",
    "alternative_thought": "One stumble doesn't define my work",
}


def _radio_checked(page: str, value: str) -> bool:
    tag = re.search(rf'<input[^>]*name="log_status"[^>]*value="{value}"[^>]*>', page)
    return tag is not None and "checked" in tag.group(0)


def test_step_two_preselects_nothing_before_the_client_says(signed_in: Client, occurrence: Any) -> None:
    signed_in.post(url(occurrence), step_one(hot=1))
    page = signed_in.get(url(occurrence, "?step=2")).content.decode()
    assert not any(_radio_checked(page, v) for v in ("done", "smaller", "partly"))


def test_the_whole_record_finishes_as_done(signed_in: Client, occurrence: Any) -> None:
    signed_in.post(url(occurrence), step_one(hot=1))
    response = signed_in.post(url(occurrence, "?step=2"), {**WHOLE_STEP_TWO, "action": "finish"})
    assert response.status_code == 302
    assert Log.objects.get(occurrence=occurrence).status == LogStatus.DONE


def test_step_one_only_suggests_the_smaller_version_and_asks(signed_in: Client, occurrence: Any) -> None:
    signed_in.post(url(occurrence), step_one(hot=1))
    response = signed_in.post(url(occurrence, "?step=2"), {"action": "finish"})
    assert response.status_code == 200
    assert "smaller version" in field_error(response, "log_status")
    assert _radio_checked(response.content.decode(), "smaller")
    assert not Log.objects.filter(occurrence=occurrence).exists()
    assert ThoughtRecord.objects.get(occurrence=occurrence).is_draft
    # The client confirms: logged as the smaller version.
    signed_in.post(url(occurrence, "?step=2"), {"action": "finish", "log_status": "smaller"})
    assert Log.objects.get(occurrence=occurrence).status == LogStatus.SMALLER


def test_a_partly_filled_step_two_asks_with_nothing_chosen_and_keeps_what_was_typed(
    signed_in: Client, occurrence: Any
) -> None:
    signed_in.post(url(occurrence), step_one(hot=1))
    response = signed_in.post(
        url(occurrence, "?step=2"), {"evidence_for": "I stumbled once", "action": "finish"}
    )
    assert response.status_code == 200
    assert "Choose what you did" in field_error(response, "log_status")
    page = response.content.decode()
    assert "I stumbled once" in page
    assert not any(_radio_checked(page, v) for v in ("done", "smaller", "partly"))
    assert not Log.objects.filter(occurrence=occurrence).exists()


def test_a_status_the_client_chose_is_kept(signed_in: Client, occurrence: Any) -> None:
    signed_in.post(url(occurrence), step_one(hot=1))
    signed_in.post(
        url(occurrence, "?step=2"), {"evidence_for": "x", "action": "finish", "log_status": "partly"}
    )
    assert Log.objects.get(occurrence=occurrence).status == LogStatus.PARTLY


def test_an_impossible_status_is_refused_beside_the_field(signed_in: Client, occurrence: Any) -> None:
    signed_in.post(url(occurrence), step_one(hot=1))
    response = signed_in.post(
        url(occurrence, "?step=2"), {**WHOLE_STEP_TWO, "action": "finish", "log_status": "not_done"}
    )
    assert response.status_code == 200
    assert field_error(response, "log_status")
    assert not Log.objects.filter(occurrence=occurrence).exists()


# --- Moving between steps ------------------------------------------------------------------------


def test_the_step_buttons_submit_the_form(signed_in: Client, occurrence: Any) -> None:
    page = signed_in.get(url(occurrence)).content.decode()
    assert 'form="entry-form" name="action" value="step2"' in page
    assert 'id="entry-form"' in page
    assert 'href="?step=2' not in page


def test_going_to_step_two_saves_what_was_typed_on_step_one(signed_in: Client, occurrence: Any) -> None:
    response = signed_in.post(url(occurrence), step_one(situation="At the bus stop", action="step2"))
    assert response.status_code == 302
    assert response["Location"] == url(occurrence, "?step=2")
    record = ThoughtRecord.objects.get(occurrence=occurrence)
    assert record.is_draft and record.situation == "At the bus stop"


def test_going_back_to_step_one_saves_what_was_typed_on_step_two(signed_in: Client, occurrence: Any) -> None:
    signed_in.post(url(occurrence), step_one(hot=1))
    response = signed_in.post(url(occurrence, "?step=2"), {"evidence_for": "Facts", "action": "step1"})
    assert response["Location"] == url(occurrence, "?step=1")
    record = ThoughtRecord.objects.get(occurrence=occurrence)
    assert record.evidence_for == "Facts" and record.is_draft
    assert not Log.objects.filter(occurrence=occurrence).exists()


def test_moving_steps_with_a_bad_value_stays_and_keeps_what_was_typed(
    signed_in: Client, occurrence: Any
) -> None:
    signed_in.post(url(occurrence), step_one(hot=1))
    response = signed_in.post(
        url(occurrence, "?step=2"), {"evidence_for": "Kept", "alternative_belief": "150", "action": "step1"}
    )
    assert response.status_code == 200
    assert field_error(response, "alternative_belief")
    assert "Kept" in response.content.decode()
