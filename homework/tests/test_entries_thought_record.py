"""The thought record worksheet: two steps, a draft in between, and the moods' change on the record."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from homework.models import Assignment, Kind, Log, LogStatus, ThoughtRecord
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User
from mallard.tests.helpers import field_error


def _formset(prefix: str, rows: list[dict[str, Any]], total: int | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(total or len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "20",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def step_one(
    *,
    situation: str = "Meeting at work, Monday 10am",
    moods: list[tuple[str, Any]] | None = None,
    thoughts: list[str] | None = None,
    hot: int | None = None,
    action: str = "continue",
) -> dict[str, Any]:
    moods = [("Anxious", 80), ("Ashamed", 60)] if moods is None else moods
    thoughts = ["They think I'm useless", "I'll be fired"] if thoughts is None else thoughts
    data: dict[str, Any] = {"situation": situation, "action": action}
    data |= _formset("moods", [{"name": n, "intensity": i} for n, i in moods] + [{}] * 3)
    data |= _formset("thoughts", [{"text": t} for t in thoughts] + [{}] * 3)
    if hot is not None:
        data["hot"] = str(hot)
    return data


@pytest.fixture
def occurrence(assignment: Assignment) -> Any:
    return today_occurrence(assignment)


def url(occurrence: Any, query: str = "") -> str:
    return f"/homework/occurrences/{occurrence.pk}/entry/{query}"


def test_it_shows_step_one_with_the_why_and_blank_mood_rows(
    client: Client, client_user: User, occurrence: Any
) -> None:
    client.force_login(client_user)
    response = client.get(url(occurrence))
    assert response.status_code == 200
    page = response.content.decode()
    assert occurrence.assignment.title in page
    assert "Why this helps" in page
    assert 'name="moods-2-name"' in page
    assert 'name="thoughts-2-text"' in page
    assert "Save draft and continue" in page
    assert page.count("<h1") == 1


def test_a_draft_in_between_then_finishing_shows_the_mood_change(
    client: Client, client_user: User, occurrence: Any
) -> None:
    client.force_login(client_user)
    response = client.post(url(occurrence), step_one(hot=1))
    assert response.status_code == 302
    assert response["Location"] == url(occurrence, "?step=2")
    record = ThoughtRecord.objects.get(occurrence=occurrence)
    assert record.is_draft
    assert [(m.name, m.intensity) for m in record.moods.all()] == [("Anxious", 80), ("Ashamed", 60)]
    assert [(t.text, t.is_hot) for t in record.thoughts.all()] == [
        ("They think I'm useless", False),
        ("I'll be fired", True),
    ]
    assert not Log.objects.filter(occurrence=occurrence).exists()

    step2 = client.get(url(occurrence, "?step=2")).content.decode()
    # The situation and the hot thought stay on screen.
    assert "Meeting at work, Monday 10am" in step2
    assert "I&#x27;ll be fired" in step2
    moods = list(record.moods.all())
    data = {
        "evidence_for": "I stumbled once",
        "evidence_against": "My manager praised the report",
        "alternative_thought": "One stumble doesn't define my work",
        "alternative_belief": "70",
        f"rerating_{moods[0].pk}": "40",
        f"rerating_{moods[1].pk}": "30",
        "log_status": "partly",
        "log_minutes": "20",
        "log_helpfulness": "8",
        "action": "draft",
    }
    response = client.post(url(occurrence, "?step=2"), data)
    assert response["Location"] == url(occurrence, "?step=2")
    record.refresh_from_db()
    assert record.is_draft and record.alternative_belief == 70

    moods = list(record.moods.all())
    data |= {f"rerating_{moods[0].pk}": "40", f"rerating_{moods[1].pk}": "30", "action": "finish"}
    response = client.post(url(occurrence, "?step=2"), data)
    assert response.status_code == 302
    assert response["Location"] == f"/homework/entries/{record.pk}/"
    record.refresh_from_db()
    assert not record.is_draft and record.submitted_at is not None
    assert [(m.name, m.intensity, m.rerating) for m in record.moods.all()] == [
        ("Anxious", 80, 40),
        ("Ashamed", 60, 30),
    ]
    assert record.hot_thought is not None and record.hot_thought.text == "I'll be fired"
    log = Log.objects.get(occurrence=occurrence)
    assert (log.status, log.minutes_spent, log.helpfulness) == (LogStatus.PARTLY, 20, 8)

    detail = client.get(response["Location"]).content.decode()
    assert "Anxious 80 → 40 (−40)" in detail
    assert "Ashamed 60 → 30 (−30)" in detail
    assert "Belief in the alternative thought: 70 out of 100" in detail
    assert "Your thought record is saved" in detail


def test_a_single_thought_is_hot_without_marking_it(
    client: Client, client_user: User, occurrence: Any
) -> None:
    client.force_login(client_user)
    client.post(url(occurrence), step_one(thoughts=["Nobody wants me there"]))
    record = ThoughtRecord.objects.get(occurrence=occurrence)
    assert [(t.text, t.is_hot) for t in record.thoughts.all()] == [("Nobody wants me there", True)]


def test_step_one_prefills_from_the_draft_and_keeps_rerating_when_edited(
    client: Client, client_user: User, occurrence: Any
) -> None:
    client.force_login(client_user)
    client.post(url(occurrence), step_one(hot=0))
    record = ThoughtRecord.objects.get(occurrence=occurrence)
    anxious = record.moods.get(name="Anxious")
    client.post(url(occurrence, "?step=2"), {f"rerating_{anxious.pk}": "35", "action": "draft"})

    page = client.get(url(occurrence, "?step=1")).content.decode()
    assert 'value="Anxious"' in page and 'value="80"' in page
    assert 'name="moods-4-name"' in page and 'name="moods-5-name"' not in page  # 2 moods + 3 blank
    assert 'id="hot-0" value="0" checked' in page

    client.post(url(occurrence), step_one(hot=0, moods=[("Anxious", 85), ("Sad", 50)], action="draft"))
    record.refresh_from_db()
    assert [(m.name, m.intensity, m.rerating) for m in record.moods.all()] == [
        ("Anxious", 85, 35),
        ("Sad", 50, None),
    ]


def test_finishing_without_step_one_sends_the_client_back_with_a_message(
    client: Client, client_user: User, occurrence: Any
) -> None:
    client.force_login(client_user)
    response = client.post(
        url(occurrence, "?step=2"), {"evidence_for": "Something", "action": "finish"}, follow=True
    )
    assert response.redirect_chain[-1][0] == url(occurrence, "?step=1")
    page = response.content.decode()
    assert "To finish, step 1 still needs the situation" in page
    record = ThoughtRecord.objects.get(occurrence=occurrence)
    assert record.is_draft and record.evidence_for == "Something"
    assert not Log.objects.filter(occurrence=occurrence).exists()


def test_finishing_needs_a_hot_thought_among_several(
    client: Client, client_user: User, occurrence: Any
) -> None:
    client.force_login(client_user)
    client.post(url(occurrence), step_one())
    response = client.post(url(occurrence, "?step=2"), {"action": "finish"}, follow=True)
    assert "which thought is the hot thought" in response.content.decode()
    assert ThoughtRecord.objects.get(occurrence=occurrence).is_draft


def test_a_mood_without_intensity_is_shown_beside_the_row_and_input_is_kept(
    client: Client, client_user: User, occurrence: Any
) -> None:
    client.force_login(client_user)
    data = step_one(moods=[("Anxious", ""), ("Furious", "150")], situation="On the bus <b>late</b>")
    response = client.post(url(occurrence), data)
    assert response.status_code == 200
    assert field_error(response, "moods-0-intensity") == "Rate how strong this mood is, from 0 to 100."
    assert field_error(response, "moods-1-intensity") == "Use a number from 0 to 100."
    page = response.content.decode()
    assert 'value="Anxious"' in page and 'value="Furious"' in page and 'value="150"' in page
    assert "On the bus &lt;b&gt;late&lt;/b&gt;" in page
    assert "They think I&#x27;m useless" in page
    assert not ThoughtRecord.objects.filter(occurrence=occurrence).exists()


def test_a_hot_mark_on_an_empty_row_is_refused(client: Client, client_user: User, occurrence: Any) -> None:
    client.force_login(client_user)
    response = client.post(url(occurrence), step_one(hot=4))
    assert response.status_code == 200
    assert "The thought marked as hot is empty" in response.content.decode()
    assert not ThoughtRecord.objects.filter(occurrence=occurrence).exists()


def test_a_rerating_out_of_range_is_refused_on_step_two(
    client: Client, client_user: User, occurrence: Any
) -> None:
    client.force_login(client_user)
    client.post(url(occurrence), step_one(hot=0))
    mood = ThoughtRecord.objects.get(occurrence=occurrence).moods.get(name="Anxious")
    field = f"rerating_{mood.pk}"
    response = client.post(
        url(occurrence, "?step=2"),
        {field: "101", "alternative_belief": "-1", "alternative_thought": "Kept", "action": "draft"},
    )
    assert response.status_code == 200
    assert field_error(response, field) == "Use a number from 0 to 100."
    assert field_error(response, "alternative_belief") == "Use a number from 0 to 100."
    assert "Kept" in response.content.decode()
    mood.refresh_from_db()
    assert mood.rerating is None


def test_step_two_query_count_does_not_grow_with_moods(
    client: Client, client_user: User, therapist: User, django_assert_max_num_queries: Any
) -> None:
    client.force_login(client_user)
    for n in (2, 12):
        assignment = make_assignment(therapist, client_user, Kind.THOUGHT_RECORD)
        occurrence = today_occurrence(assignment)
        moods = [(f"Mood{i}", i) for i in range(n)]
        client.post(url(occurrence), step_one(moods=moods, thoughts=[f"T{i}" for i in range(n)], hot=0))
        for query in ("?step=1", "?step=2"):
            with django_assert_max_num_queries(12):
                assert client.get(url(occurrence, query)).status_code == 200


def test_continuing_a_draft_opens_where_the_client_left_off(
    client: Client, client_user: User, occurrence: Any
) -> None:
    """Today's "Continue your draft" names no step: a draft with step 1 filled in goes on at step
    2, one without stays on step 1, and a step that is named is kept. The redirect writes nothing."""
    client.force_login(client_user)
    client.post(url(occurrence), {"situation": "At the bus stop", "action": "draft"})
    assert client.get(url(occurrence)).status_code == 200  # step 1 still needs moods and thoughts
    client.post(url(occurrence), step_one(hot=0, action="draft"))
    saved = ThoughtRecord.objects.get(occurrence=occurrence).updated_at
    response = client.get(url(occurrence))
    assert response.status_code == 302 and response["Location"] == url(occurrence, "?step=2")
    assert client.get(url(occurrence, "?step=1")).status_code == 200
    smaller = client.get(url(occurrence, "?version=smaller"))
    assert smaller["Location"] == url(occurrence, "?step=2&version=smaller")
    assert ThoughtRecord.objects.get(occurrence=occurrence).updated_at == saved


def _in_order(page: str, markers: list[str]) -> list[int]:
    positions = [page.index(marker) for marker in markers]
    assert positions == sorted(positions), [
        m for m, _ in sorted(zip(markers, positions, strict=True), key=lambda p: p[1])
    ]
    return positions


def test_step_one_asks_in_the_worksheets_order_and_the_belief_only_after_the_hot_thought(
    client: Client, client_user: User, occurrence: Any
) -> None:
    # docs/homework.md and the seven columns: situation, moods, automatic thoughts with the hot one
    # marked; how much the hot thought is believed can only be asked once it is marked.
    client.force_login(client_user)
    page = client.get(url(occurrence, "?step=1")).content.decode()
    _in_order(
        page,
        [
            'name="situation"',
            'name="moods-0-name"',
            'name="moods-0-intensity"',
            'name="moods-2-intensity"',
            'name="thoughts-0-text"',
            'name="hot" id="hot-0"',
            'name="thoughts-2-text"',
            'name="hot" id="hot-2"',
            'name="hot_belief"',
        ],
    )
    assert "Automatic thoughts or images (needed to finish)" in page
    thoughts_fieldset = page[
        page.index("Automatic thoughts or images") : page.index(
            "</fieldset>", page.index('name="hot" id="hot-2"')
        )
    ]
    assert "How much do you believe the hot thought? (0–100)" in thoughts_fieldset


def test_step_two_asks_in_the_worksheets_order_and_keeps_step_one_in_view(
    client: Client, client_user: User, occurrence: Any
) -> None:
    client.force_login(client_user)
    client.post(url(occurrence), step_one(hot=1))
    record = ThoughtRecord.objects.get(occurrence=occurrence)
    first, second = record.moods.all()
    page = client.get(url(occurrence, "?step=2")).content.decode()
    # What step 1 said, in its order: situation, moods, the hot thought.
    _in_order(page, ["<dt>Situation</dt>", "<dt>Moods</dt>", "<dt>Hot thought</dt>", "I&#x27;ll be fired"])
    _in_order(
        page,
        [
            "What you wrote in step 1",
            'name="evidence_for"',
            'name="evidence_against"',
            'name="alternative_thought"',
            'name="alternative_belief"',
            f'name="rerating_{first.pk}"',
            f'name="rerating_{second.pk}"',
        ],
    )
    assert "Evidence that supports the hot thought" in page
    assert "Evidence that does not support the hot thought" in page
    assert "Alternative or balanced thought" in page
    assert "How much do you believe the alternative or balanced thought? (0–100)" in page
    assert "Anxious: how strong now? (0–100, first rated 80)" in page


def _finish(client: Client, occurrence: Any) -> ThoughtRecord:
    client.post(url(occurrence), step_one(hot=1))
    record = ThoughtRecord.objects.get(occurrence=occurrence)
    data = {
        "evidence_for": "I stumbled once",
        "evidence_against": "My manager praised the report",
        "alternative_thought": "One stumble doesn't define my work",
        "alternative_belief": "70",
        "log_status": "done",
        "action": "finish",
    } | {f"rerating_{mood.pk}": "40" for mood in record.moods.all()}
    assert client.post(url(occurrence, "?step=2"), data).status_code == 302
    record.refresh_from_db()
    assert not record.is_draft
    return record


def test_a_finished_record_keeps_what_finishing_needed_when_step_one_is_saved_again(
    client: Client, client_user: User, occurrence: Any
) -> None:
    client.force_login(client_user)
    record = _finish(client, occurrence)
    emptied = step_one(situation="", moods=[], thoughts=[], action="draft")
    response = client.post(url(occurrence, "?step=1"), emptied)
    assert response.status_code == 200
    assert field_error(response, "situation") == "This thought record is finished, so it needs its situation."
    assert (
        field_error(response, "moods-0-name")
        == "This thought record is finished, so it needs at least one mood."
    )
    assert (
        field_error(response, "thoughts-0-text")
        == "This thought record is finished, so it needs at least one automatic thought."
    )
    record.refresh_from_db()
    assert record.situation == "Meeting at work, Monday 10am"
    assert [t.text for t in record.thoughts.all()] == ["They think I'm useless", "I'll be fired"]
    assert record.moods.count() == 2

    # Several thoughts and none marked hot: asked, and what was typed is kept.
    unmarked = step_one(situation="A new situation", thoughts=["First", "Second"], action="draft")
    response = client.post(url(occurrence, "?step=1"), unmarked)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mark which thought is the hot thought." in page
    assert "A new situation" in page and "Second" in page
    record.refresh_from_db()
    assert record.situation == "Meeting at work, Monday 10am"

    # A whole step 1 saves over the finished record.
    whole = step_one(situation="A new situation", thoughts=["Only one"], action="draft")
    assert client.post(url(occurrence, "?step=1"), whole).status_code == 302
    record.refresh_from_db()
    assert record.situation == "A new situation" and not record.is_draft


def test_a_draft_step_one_may_still_be_saved_empty(
    client: Client, client_user: User, occurrence: Any
) -> None:
    client.force_login(client_user)
    client.post(url(occurrence), step_one(hot=1))
    response = client.post(
        url(occurrence, "?step=1"), step_one(situation="", moods=[], thoughts=[], action="draft")
    )
    assert response.status_code == 302
    record = ThoughtRecord.objects.get(occurrence=occurrence)
    assert record.is_draft and record.situation == ""


def test_a_finished_record_posted_with_no_rows_at_all_is_refused_above_the_rows(
    client: Client, client_user: User, occurrence: Any
) -> None:
    client.force_login(client_user)
    _finish(client, occurrence)
    data = {
        "situation": "Meeting at work, Monday 10am",
        "moods-TOTAL_FORMS": "0",
        "moods-INITIAL_FORMS": "0",
        "thoughts-TOTAL_FORMS": "0",
        "thoughts-INITIAL_FORMS": "0",
        "action": "draft",
    }
    response = client.post(url(occurrence, "?step=1"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "This thought record is finished, so it needs at least one mood." in page
    assert "This thought record is finished, so it needs at least one automatic thought." in page
