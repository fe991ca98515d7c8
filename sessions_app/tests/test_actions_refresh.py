"""refresh_proposals: items from the summary, notes and reflection, upserted without touching decisions."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from homework.models import Kind
from mallard.models import User
from sessions_app import action_items
from sessions_app.extraction import ActionItem
from sessions_app.models import ItemSource, ItemStatus, ProposedAction, Reflection, TherapySession
from sessions_app.tests.actions_helpers import (
    NOTES,
    SUMMARY,
    make_session,
    session_fixture,  # noqa: F401 (fixture)
)


def _rows(session: TherapySession) -> list[tuple[str, str, str, str]]:
    return [
        (row.source, row.text, row.kind, row.status)
        for row in ProposedAction.objects.filter(session=session).order_by("source", "start")
    ]


def _update(session: TherapySession, **fields: Any) -> None:
    TherapySession.objects.filter(pk=session.pk).update(**fields)
    session.refresh_from_db()


def test_it_proposes_items_from_the_notes_and_the_summary(session: TherapySession) -> None:
    action_items.refresh_proposals(session)
    assert _rows(session) == [
        (ItemSource.NOTES, "Thought record when anxious at work", Kind.THOUGHT_RECORD, ItemStatus.PROPOSED),
        (ItemSource.NOTES, "Paced breathing 5 min twice daily", Kind.RELAXATION, ItemStatus.PROPOSED),
        (ItemSource.SUMMARY, "You agreed to read the leaflet on worry", Kind.READING, ItemStatus.PROPOSED),
    ]


def test_each_proposal_points_at_its_words_in_its_source(session: TherapySession) -> None:
    action_items.refresh_proposals(session)
    texts = {ItemSource.NOTES: NOTES, ItemSource.SUMMARY: SUMMARY}
    for row in ProposedAction.objects.filter(session=session):
        assert texts[row.source][row.start : row.end] == row.text  # type: ignore[index]


def test_it_reads_the_clients_reflection_under_its_questions(therapist: User, client_user: User) -> None:
    session = make_session(therapist, client_user)
    reflection = Reflection.objects.create(
        session=session,
        client=client_user,
        stood_out="I will remember that thoughts aren't facts?",
        want_to_practise="Saying no to my sister\nGratitude journal before bed",
        questions="Why are Sundays hard?",
    )
    action_items.refresh_proposals(session)
    assert _rows(session) == [
        (ItemSource.REFLECTION, "Saying no to my sister", Kind.SKILL_PRACTICE, ItemStatus.PROPOSED),
        (ItemSource.REFLECTION, "Gratitude journal before bed", Kind.JOURNAL, ItemStatus.PROPOSED),
    ]
    text = action_items.reflection_text(reflection)
    for row in ProposedAction.objects.filter(session=session):
        assert text[row.start : row.end] == row.text


def test_a_session_without_text_has_no_proposals(therapist: User, client_user: User) -> None:
    session = make_session(therapist, client_user)
    action_items.refresh_proposals(session)
    assert not ProposedAction.objects.filter(session=session).exists()


def test_refreshing_again_changes_nothing(session: TherapySession) -> None:
    action_items.refresh_proposals(session)
    before = list(ProposedAction.objects.filter(session=session).values_list("pk", "text", "start", "end"))
    action_items.refresh_proposals(session)
    after = list(ProposedAction.objects.filter(session=session).values_list("pk", "text", "start", "end"))
    assert before == after


def test_the_same_item_twice_in_one_text_is_proposed_once(therapist: User, client_user: User) -> None:
    session = make_session(
        therapist, client_user, private_notes="Homework:\n- Body scan\n\nPlan:\n- Body scan\n"
    )
    action_items.refresh_proposals(session)
    assert [row[1] for row in _rows(session)] == ["Body scan"]


def test_refresh_keeps_decisions_and_drops_proposals_that_are_gone(session: TherapySession) -> None:
    action_items.refresh_proposals(session)
    rows = {row.text: row for row in ProposedAction.objects.filter(session=session)}
    now = timezone.now()
    ProposedAction.objects.filter(pk=rows["Thought record when anxious at work"].pk).update(
        status=ItemStatus.DISMISSED, decided_at=now
    )
    ProposedAction.objects.filter(pk=rows["You agreed to read the leaflet on worry"].pk).update(
        status=ItemStatus.CONFIRMED, decided_at=now
    )
    _update(session, private_notes="Homework:\n- Gratitude journal\n", summary="")
    action_items.refresh_proposals(session)
    assert _rows(session) == [
        (ItemSource.NOTES, "Gratitude journal", Kind.JOURNAL, ItemStatus.PROPOSED),
        (ItemSource.NOTES, "Thought record when anxious at work", Kind.THOUGHT_RECORD, ItemStatus.DISMISSED),
        (ItemSource.SUMMARY, "You agreed to read the leaflet on worry", Kind.READING, ItemStatus.CONFIRMED),
    ]
    decided = ProposedAction.objects.get(pk=rows["Thought record when anxious at work"].pk)
    assert decided.decided_at == now


def test_a_dismissed_item_is_not_proposed_again_while_it_is_still_there(session: TherapySession) -> None:
    action_items.refresh_proposals(session)
    row = ProposedAction.objects.get(session=session, text="Paced breathing 5 min twice daily")
    ProposedAction.objects.filter(pk=row.pk).update(status=ItemStatus.DISMISSED, decided_at=timezone.now())
    action_items.refresh_proposals(session)
    assert ProposedAction.objects.filter(session=session, text=row.text).count() == 1
    assert ProposedAction.objects.get(pk=row.pk).status == ItemStatus.DISMISSED


def test_a_proposal_that_moved_in_the_text_keeps_its_row_and_gets_its_new_place(
    session: TherapySession,
) -> None:
    action_items.refresh_proposals(session)
    row = ProposedAction.objects.get(session=session, text="Paced breathing 5 min twice daily")
    _update(session, private_notes="Longer intro now.\n\n" + NOTES)
    action_items.refresh_proposals(session)
    moved = ProposedAction.objects.get(pk=row.pk)
    assert moved.start == row.start + len("Longer intro now.\n\n")
    assert session.private_notes[moved.start : moved.end] == moved.text


def fake_extractor(text: str) -> list[ActionItem]:
    """A practice's own extractor: one item per line that starts with 'TODO '."""
    items, position = [], 0
    for line in text.split("\n"):
        if line.startswith("TODO "):
            items.append(ActionItem(text=line[5:], kind=None, start=position + 5, end=position + len(line)))
        position += len(line) + 1
    return items


def test_it_uses_the_extractor_the_setting_names(settings: Any, therapist: User, client_user: User) -> None:
    settings.MALLARD_ACTION_ITEM_EXTRACTOR = "sessions_app.tests.test_actions_refresh.fake_extractor"
    session = make_session(
        therapist, client_user, private_notes="Homework:\n- Body scan\nTODO Call the gym\n"
    )
    action_items.refresh_proposals(session)
    assert _rows(session) == [(ItemSource.NOTES, "Call the gym", "", ItemStatus.PROPOSED)]


def test_a_bad_extractor_setting_fails_loudly(settings: Any, session: TherapySession) -> None:
    settings.MALLARD_ACTION_ITEM_EXTRACTOR = "sessions_app.extraction.no_such_function"
    with pytest.raises(ImportError):
        action_items.refresh_proposals(session)


def failing_extractor(text: str) -> list[ActionItem]:
    """An extractor with a fault in it, on any text it is given."""
    raise StopIteration if text else ValueError("empty")


def test_an_extractor_that_fails_costs_the_proposals_not_the_notes(
    settings: Any, session: TherapySession, caplog: pytest.LogCaptureFixture
) -> None:
    settings.MALLARD_ACTION_ITEM_EXTRACTOR = "sessions_app.tests.test_actions_refresh.failing_extractor"
    action_items.refresh_proposals(session)
    assert _rows(session) == []
    failures = [record for record in caplog.records if record.name == "sessions_app.action_items"]
    assert failures and all(record.exc_info for record in failures)
    assert f"session {session.pk}'s" in failures[0].getMessage()
    words = next(line for line in session.private_notes.splitlines() if line.strip())
    assert words not in caplog.text  # the log holds no words of the notes


def test_saving_notes_the_extractor_fails_on_still_saves_them(
    settings: Any, client: Any, therapist: User, client_user: User
) -> None:
    settings.MALLARD_ACTION_ITEM_EXTRACTOR = "sessions_app.tests.test_actions_refresh.failing_extractor"
    client.force_login(therapist)
    data = {
        "start_date": "2026-11-20",
        "start_time": "10:00",
        "duration_minutes": "50",
        "status": "held",
        "private_notes": "Good session. Homework:\n- walk daily",
        "summary": "Thanks. Plan:",
    }
    response = client.post(f"/clients/{client_user.pk}/sessions/", data)
    assert response.status_code == 302
    session = TherapySession.objects.get(client=client_user)
    assert (session.private_notes, session.summary) == (data["private_notes"], data["summary"])
    assert not ProposedAction.objects.filter(session=session).exists()
