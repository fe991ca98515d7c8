"""Changes of clinical data are recorded by django-auditlog: who, what, when, from where, through which page."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from homework import services
from homework.models import (
    AutomaticThought,
    Entry,
    Goal,
    GoalRating,
    JournalEntry,
    Kind,
    Log,
    LogStatus,
    Mood,
    ThoughtRecord,
)
from homework.services import MoodData, Outcome, ThoughtData
from homework.tests.conftest import make_assignment, today_occurrence
from mallard import audit
from mallard.models import AuditEntry, User
from sessions_app.models import ProposedAction, Reflection, TherapySession
from sessions_app.tests.actions_helpers import make_proposal
from sessions_app.tests.sessions_helpers import held_session, make_reflection

SECRET = "I told nobody about the panic on the bridge"

pytestmark = pytest.mark.django_db


def entries_for(model: type, pk: int) -> list[AuditEntry]:
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    return list(AuditEntry.objects.filter(content_type=content_type, object_id=pk).order_by("pk"))


def journal(therapist: User, client_user: User, text: str = SECRET) -> Entry:
    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.JOURNAL))
    return services.save_entry(
        occurrence=occurrence,
        fields={"prompt": "What went well today?", "text": text, "mood_before": 3, "mood_after": 6},
        submit=True,
        outcome=Outcome(status=LogStatus.DONE, minutes_spent=10, helpfulness=8),
    )


def test_a_feedback_change_records_the_therapist_address_and_page(
    client: Client, therapist: User, client_user: User
) -> None:
    entry = journal(therapist, client_user)
    client.force_login(therapist)
    response = client.post(
        f"/clients/entries/{entry.pk}/feedback/", {"text": "Lovely noticing."}, REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 302
    (change,) = [row for row in entries_for(Entry, entry.pk) if row.action == AuditEntry.Action.UPDATE]
    assert change.actor_id == therapist.pk
    assert change.actor_email == therapist.email
    assert change.client_id == client_user.pk
    assert change.remote_addr == "203.0.113.7"
    assert change.view_name == "homework-entry-feedback"
    assert change.object_repr == f"Entry #{entry.pk}"
    assert set(change.changes) == {"feedback", "feedback_at", "feedback_by"}
    assert all(values == [audit.HIDDEN, audit.HIDDEN] for values in change.changes.values())


def test_creating_an_entry_records_each_part_for_the_client(therapist: User, client_user: User) -> None:
    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.THOUGHT_RECORD))
    entry = services.save_entry(
        occurrence=occurrence,
        fields={"situation": SECRET, "alternative_thought": "Maybe not", "alternative_belief": 55},
        submit=True,
        outcome=Outcome(status=LogStatus.DONE, minutes_spent=12, helpfulness=7),
        moods=[MoodData(name="Fear", intensity=80, rerating=40)],
        thoughts=[ThoughtData(text="They will laugh", is_hot=True)],
    )
    log = Log.objects.get(occurrence=occurrence)
    created = {
        (row.content_type.model_class(), row.object_id): row
        for row in AuditEntry.objects.filter(action=AuditEntry.Action.CREATE)
    }
    assert created[(ThoughtRecord, entry.pk)].object_repr == f"Thought record #{entry.pk}"
    assert created[(ThoughtRecord, entry.pk)].client_id == client_user.pk
    assert created[(Log, log.pk)].client_id == client_user.pk
    # Outside a request: no actor, and the page is Mallard's own background work.
    assert created[(ThoughtRecord, entry.pk)].actor_id is None
    assert created[(ThoughtRecord, entry.pk)].view_name == "task"


def test_rewriting_a_thought_records_moods_records_their_removal(therapist: User, client_user: User) -> None:
    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.THOUGHT_RECORD))
    fields = {"situation": "At the shop"}
    entry = services.save_entry(
        occurrence=occurrence, fields=fields, submit=False, moods=[MoodData(name="Fear", intensity=80)]
    )
    old_mood = Mood.objects.get(record_id=entry.pk)
    services.save_entry(
        occurrence=occurrence, fields=fields, submit=False, moods=[MoodData(name="Anger", intensity=20)]
    )
    (removed,) = entries_for(Mood, old_mood.pk)
    assert removed.action == AuditEntry.Action.DELETE
    assert removed.client_id == client_user.pk
    assert removed.object_repr == f"Mood #{old_mood.pk}"


def test_goals_ratings_sessions_reflections_and_proposals_are_tracked(
    therapist: User, client_user: User
) -> None:
    goal = services.create_goal(client=client_user, created_by=therapist, text=SECRET, rating=3)
    rating = GoalRating.objects.get(goal=goal)
    session = held_session(therapist, client_user)
    reflection = make_reflection(session)
    proposal = make_proposal(session)
    for model, pk in (
        (Goal, goal.pk),
        (GoalRating, rating.pk),
        (TherapySession, session.pk),
        (Reflection, reflection.pk),
        (ProposedAction, proposal.pk),
    ):
        (row,) = entries_for(model, pk)
        assert row.action == AuditEntry.Action.CREATE
        assert row.client_id == client_user.pk, model


def test_a_deletion_is_recorded_and_the_rows_outlive_the_record(therapist: User, client_user: User) -> None:
    session = held_session(therapist, client_user)
    session_id = session.pk
    session.delete()
    actions = [row.action for row in entries_for(TherapySession, session_id)]
    assert actions == [AuditEntry.Action.CREATE, AuditEntry.Action.DELETE]


def test_background_work_can_name_itself(therapist: User, client_user: User) -> None:
    with audit.background_context("task:extend_occurrences"):
        goal = services.create_goal(client=client_user, created_by=therapist, text="Walk daily")
    (row,) = entries_for(Goal, goal.pk)
    assert row.view_name == "task:extend_occurrences"


def test_no_audit_row_holds_the_content(
    client: Client, therapist: User, client_user: User, staff: User
) -> None:
    entry = journal(therapist, client_user)
    services.save_entry(
        occurrence=entry.occurrence, fields={"prompt": "Again", "text": SECRET + " and again"}, submit=True
    )
    session = held_session(therapist, client_user, private_notes=SECRET, summary=SECRET)
    services.create_goal(client=client_user, created_by=therapist, text=SECRET, rating=2)
    client.force_login(therapist)
    client.get(f"/clients/entries/{entry.pk}/")
    client.get(f"/sessions/{session.pk}/")
    client.force_login(staff)
    client.get(f"/admin/homework/journalentry/{entry.pk}/change/")
    assert AuditEntry.objects.count() > 10
    for row in AuditEntry.objects.all():
        stored = " ".join(
            str(value)
            for value in (
                row.object_repr,
                row.changes,
                row.changes_text,
                row.serialized_data,
                row.additional_data,
            )
        )
        assert "panic" not in stored and "bridge" not in stored, stored
    assert JournalEntry.objects.get(pk=entry.pk).text.startswith(SECRET)


def test_the_address_trusts_forwarded_for_only_behind_a_proxy(
    client: Client, therapist: User, client_user: User, settings: Any
) -> None:
    """A visitor's own X-Forwarded-For (6.6.6.6) never lands in the trail: without a proxy the
    header is ignored, and behind one only the entry the proxy wrote is read
    (mallard/tests/test_client_address.py has every case)."""
    client.force_login(therapist)
    page = f"/clients/{client_user.pk}/homework/"
    client.get(page, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="6.6.6.6")
    settings.MALLARD_PROXY_HOPS = 1
    client.get(page, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.9")
    rows = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).order_by("pk")
    assert [row.remote_addr for row in rows] == ["192.0.2.1", "198.51.100.9"]


def test_a_request_that_changes_nothing_adds_no_rows(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    assert client.get("/homework/goals/").status_code == 200
    assert not AuditEntry.objects.exists()


def test_deciding_on_a_proposal_is_recorded_though_it_bypasses_save(
    client: Client, therapist: User, client_user: User
) -> None:
    proposal = make_proposal(held_session(therapist, client_user))
    client.force_login(therapist)
    assert client.post(f"/proposals/{proposal.pk}/dismiss/", REMOTE_ADDR="192.0.2.9").status_code == 302
    change = [
        row for row in entries_for(ProposedAction, proposal.pk) if row.action == AuditEntry.Action.UPDATE
    ]
    assert [(row.actor_id, row.client_id, row.view_name, row.remote_addr) for row in change] == [
        (therapist.pk, client_user.pk, "sessions-action-dismiss", "192.0.2.9")
    ]
    assert change[0].changes == {
        "decided_at": [audit.HIDDEN, audit.HIDDEN],
        "status": [audit.HIDDEN, audit.HIDDEN],
    }


def test_saving_the_same_moods_and_thoughts_again_leaves_their_rows_alone(
    therapist: User, client_user: User
) -> None:
    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.THOUGHT_RECORD))
    fields = {"situation": "At the shop"}
    moods = [MoodData(name="Fear", intensity=80), MoodData(name="Shame", intensity=40, rerating=20)]
    thoughts = [ThoughtData(text="They will laugh", is_hot=True), ThoughtData(text="I can't")]
    entry = services.save_entry(
        occurrence=occurrence, fields=fields, submit=False, moods=moods, thoughts=thoughts
    )
    rows = (
        list(Mood.objects.filter(record_id=entry.pk)),
        list(AutomaticThought.objects.filter(record_id=entry.pk)),
    )
    trail = AuditEntry.objects.count()

    services.save_entry(occurrence=occurrence, fields=fields, submit=False, moods=moods, thoughts=thoughts)
    assert (
        list(Mood.objects.filter(record_id=entry.pk)),
        list(AutomaticThought.objects.filter(record_id=entry.pk)),
    ) == rows
    assert not AuditEntry.objects.filter(pk__gt=trail, action=AuditEntry.Action.DELETE).exists()

    changed = [moods[0], MoodData(name="Shame", intensity=40, rerating=10)]
    services.save_entry(occurrence=occurrence, fields=fields, submit=False, moods=changed, thoughts=thoughts)
    assert [(m.name, m.rerating) for m in Mood.objects.filter(record_id=entry.pk).order_by("position")] == [
        ("Fear", None),
        ("Shame", 10),
    ]
    assert list(AutomaticThought.objects.filter(record_id=entry.pk)) == rows[1]
