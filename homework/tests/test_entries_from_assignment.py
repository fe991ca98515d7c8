"""Worksheets: what the assignment answers is filled in, minutes are asked once, and the thought
record rates belief in the hot thought before and after the balanced thought."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from homework.models import Kind, Log, RelaxationPractice, SkillPractice, ThoughtRecord
from homework.tests.conftest import make_assignment, today_occurrence
from homework.tests.test_entries_thought_record import step_one
from mallard.models import User
from mallard.tests.helpers import field_error, field_value


def url(occurrence: Any, query: str = "") -> str:
    return f"/homework/occurrences/{occurrence.pk}/entry/{query}"


def test_relaxation_technique_is_prefilled_even_on_a_saved_draft(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = today_occurrence(
        make_assignment(therapist, client_user, Kind.RELAXATION, technique="Box breathing")
    )
    client.force_login(client_user)
    assert field_value(client.get(url(occurrence)), "technique") == "Box breathing"
    client.post(url(occurrence), {"technique": "", "minutes": "5", "action": "draft"})
    assert field_value(client.get(url(occurrence)), "technique") == "Box breathing"
    client.post(url(occurrence), {"technique": "Body scan", "minutes": "5", "action": "draft"})
    assert field_value(client.get(url(occurrence)), "technique") == "Body scan"


def test_skill_or_situation_is_prefilled_from_the_assignment(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = today_occurrence(
        make_assignment(therapist, client_user, Kind.SKILL_PRACTICE, skill="Saying no to overtime")
    )
    client.force_login(client_user)
    assert field_value(client.get(url(occurrence)), "skill") == "Saying no to overtime"


def test_relaxation_asks_minutes_once_and_the_log_takes_them(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.RELAXATION))
    client.force_login(client_user)
    page = client.get(url(occurrence)).content.decode()
    assert "Minutes practised" in page and "Minutes spent" not in page
    assert 'type="hidden" name="log_minutes"' in page
    finish = {"technique": "Body scan", "minutes": "12", "log_status": "done", "log_minutes": "99",
              "action": "finish"}  # fmt: skip
    response = client.post(url(occurrence), finish)
    assert response.status_code == 302
    assert RelaxationPractice.objects.get(occurrence=occurrence).minutes == 12
    assert Log.objects.get(occurrence=occurrence).minutes_spent == 12


def test_exposure_asks_minutes_once_and_other_skill_practice_keeps_the_log_question(
    client: Client, therapist: User, client_user: User
) -> None:
    exposure = today_occurrence(
        make_assignment(therapist, client_user, Kind.SKILL_PRACTICE, is_exposure=True)
    )
    client.force_login(client_user)
    page = client.get(url(exposure)).content.decode()
    assert "How long it lasted" in page and "Minutes spent" not in page
    client.post(url(exposure), {"skill": "Lift", "what_i_did": "Rode it", "duration_minutes": "25",
                                "log_status": "done", "action": "finish"})  # fmt: skip
    assert SkillPractice.objects.get(occurrence=exposure).duration_minutes == 25
    assert Log.objects.get(occurrence=exposure).minutes_spent == 25

    plain = today_occurrence(make_assignment(therapist, client_user, Kind.SKILL_PRACTICE, title="Other"))
    assert "Minutes spent" in client.get(url(plain)).content.decode()


def test_the_thought_record_rates_the_hot_thought_before_and_after(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.THOUGHT_RECORD))
    client.force_login(client_user)
    assert "How much do you believe the hot thought? (0–100)" in client.get(url(occurrence)).content.decode()
    client.post(url(occurrence), step_one(hot=1) | {"hot_belief": "90"})
    record = ThoughtRecord.objects.get(occurrence=occurrence)
    assert record.hot_belief == 90
    assert field_value(client.get(url(occurrence, "?step=1")), "hot_belief") == "90"
    step2 = client.get(url(occurrence, "?step=2")).content.decode()
    assert "How much do you believe the hot thought now? (0–100)" in step2
    moods = list(record.moods.all())
    finish = {
        "alternative_thought": "One stumble is not my work",
        "alternative_belief": "70",
        "hot_belief_after": "35",
        f"rerating_{moods[0].pk}": "40",
        f"rerating_{moods[1].pk}": "30",
        "log_status": "done",
        "action": "finish",
    }
    response = client.post(url(occurrence, "?step=2"), finish)
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.hot_belief, record.alternative_belief, record.hot_belief_after) == (90, 70, 35)
    detail = client.get(response["Location"]).content.decode()
    assert "Belief in the hot thought: 90 out of 100; after the balanced thought: 35 out of 100" in detail
    client.force_login(therapist)
    page = client.get(f"/clients/entries/{record.pk}/").content.decode()
    assert "Belief in the hot thought: 90 out of 100 at first, 35 after the balanced thought" in page


@pytest.mark.parametrize("value", ["-1", "101", "lots"])
def test_hot_thought_belief_outside_0_to_100_is_refused_beside_the_field(
    client: Client, therapist: User, client_user: User, value: str
) -> None:
    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.THOUGHT_RECORD))
    client.force_login(client_user)
    response = client.post(url(occurrence), step_one(hot=0) | {"hot_belief": value})
    assert response.status_code == 200
    assert "0 to 100" in field_error(response, "hot_belief")
    assert field_value(response, "hot_belief") == value
    assert not ThoughtRecord.objects.filter(occurrence=occurrence).exists()


@pytest.mark.parametrize("field", ["hot_belief", "hot_belief_after"])
def test_the_database_refuses_a_hot_thought_belief_over_100(
    therapist: User, client_user: User, field: str
) -> None:
    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.THOUGHT_RECORD))
    record = ThoughtRecord.objects.create(
        client=client_user, assignment=occurrence.assignment, occurrence=occurrence, kind=Kind.THOUGHT_RECORD
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ThoughtRecord.objects.filter(pk=record.pk).update(**{field: 101})
