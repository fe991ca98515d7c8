"""The worksheet forms of the five single-page kinds: draft, then finish, then the record shows what changed."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from homework.models import (
    BehavioralExperiment,
    JournalEntry,
    Kind,
    Log,
    LogStatus,
    ReadingReflection,
    RelaxationPractice,
    SkillPractice,
    ThoughtRecord,
)
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User
from mallard.tests.helpers import field_error, field_value


def url(occurrence: Any, query: str = "") -> str:
    return f"/homework/occurrences/{occurrence.pk}/entry/{query}"


def occurrence_of(therapist: User, client_user: User, kind: str, **fields: Any) -> Any:
    return today_occurrence(make_assignment(therapist, client_user, kind, **fields))


def test_behavioural_experiment_draft_then_finish(client: Client, therapist: User, client_user: User) -> None:
    occurrence = occurrence_of(therapist, client_user, Kind.BEHAVIORAL_EXPERIMENT)
    client.force_login(client_user)
    page = client.get(url(occurrence)).content.decode()
    assert "The belief I am testing (needed to finish)" in page
    draft = {"belief": "If I speak up, people will laugh", "belief_strength": "85", "action": "draft"}
    response = client.post(url(occurrence), draft)
    assert response["Location"] == url(occurrence)
    entry = BehavioralExperiment.objects.get(occurrence=occurrence)
    assert entry.is_draft and entry.belief_strength == 85 and entry.experiment == ""
    assert not Log.objects.filter(occurrence=occurrence).exists()
    assert field_value(client.get(url(occurrence)), "belief_strength") == "85"

    finish = draft | {
        "experiment": "Ask a question in Tuesday's team meeting",
        "prediction": "Someone will smirk",
        "prediction_confidence": "70",
        "safety_behaviours": "Rehearsing the question",
        "outcome": "My manager thanked me",
        "outcome_vs_prediction": "Nobody smirked",
        "learned": "People were interested",
        "belief_rerating": "40",
        "alternative_belief": "Most people respect questions",
        "alternative_belief_strength": "60",
        "further_experiment_needed": "unsure",
        "log_status": "done",
        "log_minutes": "15",
        "log_helpfulness": "9",
        "action": "finish",
    }
    response = client.post(url(occurrence), finish)
    assert response["Location"] == f"/homework/entries/{entry.pk}/"
    entry.refresh_from_db()
    assert not entry.is_draft
    assert (entry.belief_rerating, entry.belief_change, entry.alternative_belief_strength) == (40, -45, 60)
    assert entry.further_experiment_needed == "unsure"
    log = Log.objects.get(occurrence=occurrence)
    assert (log.status, log.minutes_spent, log.helpfulness) == (LogStatus.DONE, 15, 9)
    detail = client.get(response["Location"]).content.decode()
    assert "Belief 85 → 40 (−45)" in detail
    assert "What I predicted" in detail and "Someone will smirk" in detail
    assert "What actually happened" in detail and "My manager thanked me" in detail


@pytest.mark.parametrize(
    ("answer", "stored"), [("yes", "yes"), ("no", "no"), ("unsure", "unsure"), ("", ""), ("maybe", None)]
)
def test_further_experiment_answer_keeps_not_sure_apart_from_no_answer(
    client: Client, therapist: User, client_user: User, answer: str, stored: str | None
) -> None:
    occurrence = occurrence_of(therapist, client_user, Kind.BEHAVIORAL_EXPERIMENT)
    client.force_login(client_user)
    client.post(
        url(occurrence),
        {"belief": "B", "belief_strength": "50", "experiment": "E", "further_experiment_needed": answer,
         "action": "draft"},
    )  # fmt: skip
    saved = BehavioralExperiment.objects.filter(occurrence=occurrence).first()
    assert (saved.further_experiment_needed if saved else None) == stored  # an unknown answer saves nothing


def test_behavioural_experiment_finish_needs_its_core_fields(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = occurrence_of(therapist, client_user, Kind.BEHAVIORAL_EXPERIMENT)
    client.force_login(client_user)
    response = client.post(
        url(occurrence), {"prediction": "It will go badly", "belief_strength": "", "action": "finish"}
    )
    assert response.status_code == 200
    assert field_error(response, "belief") == "Write down the belief you are testing."
    assert field_error(response, "belief_strength") == "Rate how strongly you believe it, from 0 to 100."
    assert field_error(response, "experiment") == "Describe what you will do, where and when."
    assert "It will go badly" in response.content.decode()
    assert not BehavioralExperiment.objects.exists()
    assert not Log.objects.exists()


def test_journal_draft_then_finish_stores_the_prompt_and_mood_change(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = occurrence_of(therapist, client_user, Kind.JOURNAL)
    prompt = occurrence.assignment.prompt
    client.force_login(client_user)
    page = client.get(url(occurrence)).content.decode()
    assert "Your prompt" in page and prompt[:30] in page
    assert "Keep this entry private — your therapist will see only that you did it" in page

    client.post(url(occurrence), {"text": "Half a thought", "action": "draft"})
    entry = JournalEntry.objects.get(occurrence=occurrence)
    assert entry.is_draft and entry.prompt == prompt and entry.text == "Half a thought"
    response = client.post(
        url(occurrence),
        {"text": "Coffee with Ana.\nA walk.", "mood_before": "3", "mood_after": "6", "action": "finish"},
    )
    entry.refresh_from_db()
    assert not entry.is_draft and not entry.is_private
    assert (entry.mood_before, entry.mood_after) == (3, 6)
    assert Log.objects.get(occurrence=occurrence).status == LogStatus.DONE
    detail = client.get(response["Location"]).content.decode()
    assert "Mood 3 → 6 (+3)" in detail
    assert "Coffee with Ana.<br>A walk." in detail


def test_journal_entry_can_be_kept_private(client: Client, therapist: User, client_user: User) -> None:
    occurrence = occurrence_of(therapist, client_user, Kind.JOURNAL)
    client.force_login(client_user)
    response = client.post(url(occurrence), {"text": "Just for me", "is_private": "on", "action": "finish"})
    entry = JournalEntry.objects.get(occurrence=occurrence)
    assert entry.is_private
    detail = client.get(response["Location"]).content.decode()
    assert "your therapist sees only that you did it" in detail
    assert 'name="is_private" class="checkboxinput form-check-input" id="id_is_private" checked' in (
        client.get(url(occurrence)).content.decode()
    )


def test_journal_finish_needs_the_entry_text(client: Client, therapist: User, client_user: User) -> None:
    occurrence = occurrence_of(therapist, client_user, Kind.JOURNAL)
    client.force_login(client_user)
    response = client.post(url(occurrence), {"text": "   ", "mood_before": "4", "action": "finish"})
    assert field_error(response, "text") == "Write a few words; even one sentence counts."
    assert field_value(response, "mood_before") == "4"
    assert not JournalEntry.objects.exists()


def test_relaxation_prefills_the_technique_then_records_tension_change(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = occurrence_of(therapist, client_user, Kind.RELAXATION)
    client.force_login(client_user)
    assert field_value(client.get(url(occurrence)), "technique") == occurrence.assignment.technique
    client.post(url(occurrence), {"technique": "Paced breathing", "minutes": "5", "action": "draft"})
    entry = RelaxationPractice.objects.get(occurrence=occurrence)
    assert entry.is_draft and entry.minutes == 5
    response = client.post(
        url(occurrence),
        {"technique": "Paced breathing", "minutes": "12", "tension_before": "7", "tension_after": "3",
         "comments": "Warm hands", "log_status": "smaller", "action": "finish"},
    )  # fmt: skip
    entry.refresh_from_db()
    assert (entry.minutes, entry.tension_before, entry.tension_after, entry.is_draft) == (12, 7, 3, False)
    assert Log.objects.get(occurrence=occurrence).status == LogStatus.SMALLER
    detail = client.get(response["Location"]).content.decode()
    assert "Tension 7 → 3 (−4)" in detail
    assert "Did the smaller version" in detail


@pytest.mark.parametrize("minutes", ["0", "601", "ten"])
def test_relaxation_minutes_outside_1_to_600_are_refused(
    client: Client, therapist: User, client_user: User, minutes: str
) -> None:
    occurrence = occurrence_of(therapist, client_user, Kind.RELAXATION)
    client.force_login(client_user)
    response = client.post(
        url(occurrence),
        {"technique": "Body scan", "minutes": minutes, "tension_after": "11", "action": "draft"},
    )
    assert response.status_code == 200
    assert "from 1 to 600" in field_error(response, "minutes")
    assert field_error(response, "tension_after") == "Use a number from 0 to 10."
    assert field_value(response, "minutes") == minutes
    assert not RelaxationPractice.objects.exists()


def test_reading_shows_the_resource_and_records_the_reflection(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = occurrence_of(
        therapist, client_user, Kind.READING, resource_url="https://example.org/anxiety"
    )
    client.force_login(client_user)
    page = client.get(url(occurrence)).content.decode()
    assert '<a href="https://example.org/anxiety" rel="noopener noreferrer">' in page
    assert occurrence.assignment.resource_title in page
    assert occurrence.assignment.resource_text[:40] in page
    client.post(url(occurrence), {"takeaways": "Avoidance", "action": "draft"})
    entry = ReadingReflection.objects.get(occurrence=occurrence)
    assert entry.is_draft and entry.was_read is None  # not answered yet
    response = client.post(
        url(occurrence),
        {"was_read": "yes", "takeaways": "Avoidance keeps fear going", "questions": "How do I start?",
         "action": "finish"},
    )  # fmt: skip
    finished = ReadingReflection.objects.get(occurrence=occurrence)
    assert (finished.was_read, finished.resource_title, finished.is_draft) == (
        True, occurrence.assignment.resource_title, False,
    )  # fmt: skip
    detail = client.get(response["Location"]).content.decode()
    assert "Avoidance keeps fear going" in detail and "How do I start?" in detail


def test_reading_finish_needs_an_answer_to_i_read_it(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = occurrence_of(therapist, client_user, Kind.READING)
    client.force_login(client_user)
    response = client.post(url(occurrence), {"questions": "Kept?", "action": "finish"})
    assert field_error(response, "was_read") == "Tell us whether you read it (either answer is fine)."
    assert "Kept?" in response.content.decode()
    assert not ReadingReflection.objects.exists()


def test_skill_practice_without_exposure_hides_suds(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = occurrence_of(therapist, client_user, Kind.SKILL_PRACTICE)
    client.force_login(client_user)
    response = client.get(url(occurrence))
    assert field_value(response, "skill") == occurrence.assignment.skill
    assert 'name="suds_peak"' not in response.content.decode()
    client.post(
        url(occurrence), {"skill": "Saying no", "what_i_did": "Declined extra shift", "action": "finish"}
    )
    entry = SkillPractice.objects.get(occurrence=occurrence)
    assert (entry.is_exposure, entry.is_draft, entry.what_i_did) == (False, False, "Declined extra shift")


def test_exposure_records_suds_and_shows_whether_it_halved(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = occurrence_of(therapist, client_user, Kind.SKILL_PRACTICE, is_exposure=True)
    client.force_login(client_user)
    page = client.get(url(occurrence)).content.decode()
    assert "until your distress at its peak has roughly halved" in page
    client.post(url(occurrence), {"skill": "Lift", "suds_predicted": "90", "action": "draft"})
    assert SkillPractice.objects.get(occurrence=occurrence).suds_predicted == 90
    response = client.post(
        url(occurrence),
        {"skill": "Riding the lift", "what_i_did": "Three floors, twice", "suds_predicted": "90",
         "suds_peak": "70", "suds_end": "30", "duration_minutes": "25", "safety_behaviours": "No phone",
         "urge_rating": "60", "urge_resisted": "yes", "learned": "It passes", "action": "finish"},
    )  # fmt: skip
    entry = SkillPractice.objects.get(occurrence=occurrence)
    assert entry.is_exposure and entry.suds_halved is True
    assert (entry.suds_predicted, entry.suds_peak, entry.suds_end, entry.duration_minutes) == (90, 70, 30, 25)
    assert entry.urge_resisted is True
    detail = client.get(response["Location"]).content.decode()
    assert "Your distress roughly halved from its peak" in detail
    assert "You expected distress of 90; at its peak it was 70, lower than predicted." in detail
    assert '<th scope="row">Peak</th>' in detail


def test_exposure_suds_out_of_range_are_refused(client: Client, therapist: User, client_user: User) -> None:
    occurrence = occurrence_of(therapist, client_user, Kind.SKILL_PRACTICE, is_exposure=True)
    client.force_login(client_user)
    response = client.post(
        url(occurrence),
        {"skill": "Lift", "what_i_did": "Went", "suds_peak": "101", "urge_rating": "-5", "action": "finish"},
    )
    assert field_error(response, "suds_peak") == "Use a number from 0 to 100."
    assert field_error(response, "urge_rating") == "Use a number from 0 to 100."
    assert not SkillPractice.objects.exists()


def test_an_exposure_ending_above_its_peak_is_refused_and_keeps_what_was_typed(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = occurrence_of(therapist, client_user, Kind.SKILL_PRACTICE, is_exposure=True)
    client.force_login(client_user)
    response = client.post(
        url(occurrence),
        {"skill": "Lift", "what_i_did": "Went", "suds_peak": "40", "suds_end": "60", "action": "finish"},
    )
    assert field_error(response, "suds_end") == (
        "The peak is the highest your distress got, so the end can't be above it (40). Change one of the two."
    )
    assert field_value(response, "suds_end") == "60"
    assert re.search(r'<textarea[^>]*name="what_i_did"[^>]*>\s*Went</textarea>', response.content.decode())
    assert not SkillPractice.objects.exists()


def test_an_exposure_without_an_urge_rating_says_so_plainly(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = occurrence_of(therapist, client_user, Kind.SKILL_PRACTICE, is_exposure=True)
    client.force_login(client_user)
    response = client.post(
        url(occurrence), {"skill": "Lift", "what_i_did": "Went", "suds_peak": "50", "action": "finish"}
    )
    detail = client.get(response["Location"]).content.decode()
    assert "<dt>Urge</dt><dd>—</dd>" in detail
    assert "— out of 100" not in detail


def test_smaller_version_defaults_the_outcome(client: Client, therapist: User, client_user: User) -> None:
    occurrence = occurrence_of(therapist, client_user, Kind.JOURNAL)
    client.force_login(client_user)
    page = client.get(url(occurrence, "?version=smaller")).content.decode()
    assert "The smaller version" in page
    assert occurrence.assignment.smaller_version in page
    assert re.search(r'name="log_status" value="smaller"\s+id="id_log_status_1" checked', page)
    response = client.post(url(occurrence, "?version=smaller"), {"text": "One line", "log_status": "smaller",
                                                                  "action": "finish"})  # fmt: skip
    assert response.status_code == 302
    assert Log.objects.get(occurrence=occurrence).status == LogStatus.SMALLER


def test_outcome_ratings_out_of_range_are_refused(client: Client, therapist: User, client_user: User) -> None:
    occurrence = occurrence_of(therapist, client_user, Kind.JOURNAL)
    client.force_login(client_user)
    response = client.post(
        url(occurrence),
        {"text": "Kept text", "log_minutes": "1441", "log_helpfulness": "11", "action": "finish"},
    )
    assert field_error(response, "log_minutes") == "Use a number from 0 to 1440."
    assert field_error(response, "log_helpfulness") == "Use a number from 0 to 10."
    assert "Kept text" in response.content.decode()
    assert not JournalEntry.objects.exists() and not Log.objects.exists()


def test_a_finished_entry_can_be_edited_and_stays_finished(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = occurrence_of(therapist, client_user, Kind.JOURNAL)
    client.force_login(client_user)
    client.post(url(occurrence), {"text": "First", "action": "finish"})
    page = client.get(url(occurrence)).content.decode()
    assert "First" in page and ">Save changes</button>" in page
    client.post(url(occurrence), {"text": "Second", "log_status": "partly", "action": "draft"})
    entry = JournalEntry.objects.get(occurrence=occurrence)
    assert (entry.text, entry.is_draft) == ("Second", False)
    assert Log.objects.get(occurrence=occurrence).status == LogStatus.DONE


def test_a_finished_entry_offers_save_changes_not_a_draft_and_says_what_happened(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = occurrence_of(therapist, client_user, Kind.JOURNAL)
    client.force_login(client_user)
    client.post(url(occurrence), {"text": "First", "action": "finish"})
    page = client.get(url(occurrence)).content.decode()
    assert "Save draft" not in page
    assert "When you save changes, your therapist sees the updated record." in page
    response = client.post(url(occurrence), {"text": "Second", "action": "finish"}, follow=True)
    shown = [str(m) for m in response.context["messages"]]
    assert shown == ["Changes saved. Your therapist sees the updated record."]
    assert JournalEntry.objects.get(occurrence=occurrence).text == "Second"


def test_a_finished_thought_records_step_one_says_changes_not_draft(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = occurrence_of(therapist, client_user, Kind.THOUGHT_RECORD)
    ThoughtRecord.objects.create(
        client=client_user,
        assignment=occurrence.assignment,
        occurrence=occurrence,
        kind=Kind.THOUGHT_RECORD,
        is_draft=False,
        situation="Team meeting",
    )
    client.force_login(client_user)
    page = client.get(url(occurrence, "?step=1")).content.decode()
    assert "Save draft" not in page and "Save changes and continue" in page
    data = {
        "situation": "Team meeting, Monday",
        "moods-TOTAL_FORMS": "1",
        "moods-INITIAL_FORMS": "0",
        "moods-0-name": "Anxious",
        "moods-0-intensity": "70",
        "thoughts-TOTAL_FORMS": "1",
        "thoughts-INITIAL_FORMS": "0",
        "thoughts-0-text": "They'll see I'm out of my depth",
        "action": "draft",
    }
    response = client.post(url(occurrence, "?step=1"), data, follow=True)
    shown = [str(m) for m in response.context["messages"]]
    assert shown == ["Changes saved. Your therapist sees the updated record."]
    record = ThoughtRecord.objects.get(occurrence=occurrence)
    assert (record.situation, record.is_draft) == ("Team meeting, Monday", False)


def test_changing_a_finished_private_journal_entry_says_it_stays_private(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = occurrence_of(therapist, client_user, Kind.JOURNAL)
    client.force_login(client_user)
    client.post(url(occurrence), {"text": "Mine", "is_private": "on", "action": "finish"}, follow=True)
    response = client.post(
        url(occurrence), {"text": "Still mine", "is_private": "on", "action": "finish"}, follow=True
    )
    shown = [str(m) for m in response.context["messages"]]
    assert shown == ["Changes saved. It is private: your therapist sees only that you did it."]
