"""Ratings out of range are refused by the forms and, as a last line, by the database."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction

from homework.forms.entries import BehavioralExperimentForm, MoodForm, OutcomeForm, RelaxationForm
from homework.models import (
    BehavioralExperiment,
    JournalEntry,
    Kind,
    Mood,
    RelaxationPractice,
    SkillPractice,
    ThoughtRecord,
)
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User


def _base(therapist: User, client_user: User, kind: str) -> dict[str, Any]:
    occurrence = today_occurrence(make_assignment(therapist, client_user, kind))
    return {
        "client": client_user,
        "assignment": occurrence.assignment,
        "occurrence": occurrence,
        "kind": kind,
    }


@pytest.mark.parametrize(
    ("model", "kind", "fields"),
    [
        (ThoughtRecord, Kind.THOUGHT_RECORD, {"situation": "S", "alternative_belief": 101}),
        (BehavioralExperiment, Kind.BEHAVIORAL_EXPERIMENT, {"belief": "B", "experiment": "E", "belief_strength": 101}),
        (BehavioralExperiment, Kind.BEHAVIORAL_EXPERIMENT,
         {"belief": "B", "experiment": "E", "belief_strength": 50, "belief_rerating": 150}),
        (BehavioralExperiment, Kind.BEHAVIORAL_EXPERIMENT,
         {"belief": "B", "experiment": "E", "further_experiment_needed": "maybe"}),
        (JournalEntry, Kind.JOURNAL, {"prompt": "P", "text": "T", "mood_after": 11}),
        (RelaxationPractice, Kind.RELAXATION, {"technique": "T", "minutes": 0}),
        (RelaxationPractice, Kind.RELAXATION, {"technique": "T", "minutes": 10, "tension_before": 11}),
        (SkillPractice, Kind.SKILL_PRACTICE, {"skill": "S", "what_i_did": "D", "suds_peak": 101}),
    ],
)  # fmt: skip
def test_the_database_refuses_ratings_out_of_range(
    therapist: User, client_user: User, model: Any, kind: str, fields: dict[str, Any]
) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(**_base(therapist, client_user, kind), **fields)


def test_the_database_refuses_a_mood_rated_over_100(therapist: User, client_user: User) -> None:
    record = ThoughtRecord.objects.create(**_base(therapist, client_user, Kind.THOUGHT_RECORD), situation="S")
    with pytest.raises(IntegrityError), transaction.atomic():
        Mood.objects.create(record=record, name="Anxious", intensity=101)
    with pytest.raises(IntegrityError), transaction.atomic():
        Mood.objects.create(record=record, name="Anxious", intensity=50, rerating=101)


def test_the_forms_refuse_the_same_ratings(therapist: User, client_user: User) -> None:
    assignment = make_assignment(therapist, client_user, Kind.BEHAVIORAL_EXPERIMENT)
    form = BehavioralExperimentForm(
        {"belief": "B", "experiment": "E", "belief_strength": "101", "belief_rerating": "-1"},
        assignment=assignment,
        submit=True,
    )
    assert not form.is_valid()
    assert set(form.errors) == {"belief_strength", "belief_rerating"}
    relax = make_assignment(therapist, client_user, Kind.RELAXATION)
    assert not RelaxationForm({"technique": "T", "minutes": "601"}, assignment=relax).is_valid()
    assert not MoodForm({"name": "Sad", "intensity": "101"}).is_valid()
    assert not OutcomeForm({"log_helpfulness": "11"}).is_valid()


def test_a_draft_needs_no_core_fields(therapist: User, client_user: User) -> None:
    assignment = make_assignment(therapist, client_user, Kind.BEHAVIORAL_EXPERIMENT)
    draft = BehavioralExperimentForm({"prediction": "P"}, assignment=assignment, submit=False)
    assert draft.is_valid()
    finish = BehavioralExperimentForm({"prediction": "P"}, assignment=assignment, submit=True)
    assert not finish.is_valid()
    assert set(finish.errors) == {"belief", "belief_strength", "experiment"}
