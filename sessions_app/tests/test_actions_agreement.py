"""Proposals give what was agreed: one per agreement, with its schedule, assignable in one click,
or as an update of the homework it names; the therapist's own tasks apart."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import time
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from conftest import make_user
from homework.models import Assignment, AssignmentStatus, Kind, Recurrence, Template
from homework.services import HomeworkError, client_today, set_assignment_status
from homework.tests.conftest import make_assignment
from mallard.models import CareRelationship, Role, User
from sessions_app import action_items
from sessions_app.extraction import ActionItem
from sessions_app.lib import same_agreement, task_words
from sessions_app.models import ItemOwner, ItemSource, ItemStatus, ProposedAction, TherapySession
from sessions_app.tests.actions_helpers import first_builtin, make_proposal, make_session

NOTES = "Homework:\n- Thought record twice a week after stand-up\n- Review the ladder next time\n"
SUMMARY = "Homework:\n- Thought records twice a week, after stand-up\n"
REFLECTION_PRACTISE = "Thought record after stand-up"


class Owned(ActionItem):
    """What an extractor that tells the therapist's tasks apart would give."""

    owner: str = "client"


def _item(text: str, kind: str | None = Kind.THOUGHT_RECORD, **fields: Any) -> ActionItem:
    return ActionItem(text=text, kind=kind, start=0, end=len(text), **fields)


THOUGHT: dict[str, Any] = {
    "recurrence": Recurrence.TIMES_PER_WEEK,
    "times_per_week": 2,
    "cue": "after stand-up",
}


def stub(items: dict[str, list[ActionItem]]) -> Callable[[str], list[ActionItem]]:
    """An extractor that knows each text's items by a phrase the text contains."""

    def extract(text: str) -> list[ActionItem]:
        return [item for phrase, found in items.items() if phrase in text for item in found]

    return extract


@pytest.fixture
def extractor(monkeypatch: pytest.MonkeyPatch) -> Callable[[dict[str, list[ActionItem]]], None]:
    def use(items: dict[str, list[ActionItem]]) -> None:
        monkeypatch.setattr(action_items, "get_extractor", lambda: stub(items))

    return use


@pytest.fixture
def session(therapist: User, client_user: User) -> TherapySession:
    return make_session(therapist, client_user, private_notes=NOTES, summary=SUMMARY)


def _proposals(session: TherapySession) -> list[ProposedAction]:
    return list(ProposedAction.objects.filter(session=session).order_by("pk"))


# --- One proposal per agreement ------------------------------------------------------------------


def test_the_same_item_in_notes_and_summary_is_proposed_once_saying_where(
    session: TherapySession, extractor: Any
) -> None:
    extractor(
        {
            "- Thought record twice": [_item("Thought record twice a week after stand-up", **THOUGHT)],
            "- Thought records twice": [_item("Thought records twice a week, after stand-up", **THOUGHT)],
        }
    )
    action_items.refresh_proposals(session)
    [proposal] = _proposals(session)
    # The summary's wording: the plan as the client was given it.
    assert (proposal.source, proposal.text) == (
        ItemSource.SUMMARY,
        "Thought records twice a week, after stand-up",
    )
    assert proposal.found_in == "in the summary and your notes"
    assert (proposal.recurrence, proposal.times_per_week, proposal.cue) == ("times_per_week", 2, "stand-up")
    action_items.refresh_proposals(session)  # again: still one
    assert len(_proposals(session)) == 1


def test_different_items_stay_apart(session: TherapySession, extractor: Any) -> None:
    extractor(
        {
            "- Thought record twice": [_item("Thought record twice a week", **THOUGHT)],
            "- Thought records twice": [_item("Paced breathing every morning", Kind.RELAXATION)],
        }
    )
    action_items.refresh_proposals(session)
    assert sorted(p.text for p in _proposals(session)) == [
        "Paced breathing every morning",
        "Thought record twice a week",
    ]


PLANNED_TWICE = """Homework:
- Go to the gym twice this week
- Walking every morning after breakfast
- Use the breathing app twice a day
- Swim every morning

Plan:
- Gym x2 this week
- walk each morning after breakfast
- Breathing exercises with the app twice daily
- Body scan 10 min nightly
"""


def test_one_agreement_worded_differently_twice_in_one_session_is_one_proposal_in_the_plans_words(
    therapist: User, client_user: User
) -> None:
    session = make_session(therapist, client_user, private_notes=PLANNED_TWICE)
    action_items.refresh_proposals(session)
    assert sorted(p.text for p in _proposals(session)) == [
        "Body scan 10 min nightly",
        "Breathing exercises with the app twice daily",
        "Gym x2 this week",
        "Swim every morning",
        "walk each morning after breakfast",
    ]
    gym = ProposedAction.objects.get(session=session, text="Gym x2 this week")
    assert (gym.recurrence, gym.times_per_week, gym.also_in) == ("times_per_week", 2, "")


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Go to the gym twice this week", "Gym x2 this week", True),
        ("Using the breathing app", "use the breathing app", True),
        ("Journalling nightly", "journaling", True),
        ("Breathing exercises with the app", "Use the breathing app", True),
        ("Walk every morning", "Swim every morning", False),
        ("Thought record after work", "Thought record about social situations", False),
    ],
)
def test_task_words_read_one_form_of_each_word_without_verbs_of_doing(
    first: str, second: str, same: bool
) -> None:
    assert same_agreement(task_words(first), task_words(second)) is same


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # Another task on the same schedule.
        (
            _item("Walk every morning", Kind.SKILL_PRACTICE, recurrence="daily"),
            _item("Swim every morning", Kind.SKILL_PRACTICE, recurrence="daily"),
        ),
        (
            _item("Body scan 10 min nightly", Kind.RELAXATION, recurrence="daily", minutes=10),
            _item("Breathing exercise 10 min nightly", Kind.RELAXATION, recurrence="daily", minutes=10),
        ),
        # Close words, but they contradict each other on when, or say different things about it.
        (
            _item("Walking after breakfast", Kind.SKILL_PRACTICE, cue="after breakfast"),
            _item("walk after dinner", Kind.SKILL_PRACTICE, cue="after dinner"),
        ),
        # The same words of another kind.
        (
            _item("Walking every day", Kind.SKILL_PRACTICE, recurrence="daily"),
            _item("walks journal every day", Kind.JOURNAL, recurrence="daily"),
        ),
    ],
)
def test_different_tasks_worded_alike_stay_two(
    session: TherapySession, extractor: Any, first: ActionItem, second: ActionItem
) -> None:
    extractor({"- Thought record twice": [first], "- Thought records twice": [second]})
    action_items.refresh_proposals(session)
    assert len(_proposals(session)) == 2


WALK = Kind.SKILL_PRACTICE


@pytest.mark.parametrize(
    ("notes", "summary", "expected"),
    [
        # The same words, but the texts state two schedules: two proposals, each with its own.
        (
            _item("walk daily", WALK, recurrence="daily"),
            _item("walk on Mon/Thu", WALK, recurrence="weekdays", weekdays=(0, 3)),
            [("walk daily", "daily", ""), ("walk on Mon/Thu", "weekdays", "03")],
        ),
        (
            _item("Thought record twice a week", recurrence="times_per_week", times_per_week=2),
            _item("Thought record 3 times a week", recurrence="times_per_week", times_per_week=3),
            [
                ("Thought record 3 times a week", "times_per_week", ""),
                ("Thought record twice a week", "times_per_week", ""),
            ],
        ),
        (
            _item("Body scan at 8am", Kind.RELAXATION, time_of_day=time(8)),
            _item("Body scan at 9pm", Kind.RELAXATION, time_of_day=time(21)),
            [("Body scan at 8am", "", ""), ("Body scan at 9pm", "", "")],
        ),
        (
            _item("walk after breakfast", WALK, cue="after breakfast"),
            _item("walk after dinner", WALK, cue="after dinner"),
            [("walk after breakfast", "", ""), ("walk after dinner", "", "")],
        ),
        # One says nothing about when, or both agree: one proposal in the summary's words,
        # its schedule filled in from the notes.
        (
            _item("walk daily", WALK, recurrence="daily"),
            _item("walk", WALK),
            [("walk", "daily", "")],
        ),
        (
            _item(
                "walk on Mon/Thu after work", WALK, recurrence="weekdays", weekdays=(0, 3), cue="after work"
            ),
            _item("walk on Mon/Thu", WALK, recurrence="weekdays", weekdays=(0, 3)),
            [("walk on Mon/Thu", "weekdays", "03")],
        ),
    ],
)
def test_the_same_words_with_schedules_that_contradict_are_two_proposals(
    session: TherapySession,
    extractor: Any,
    notes: ActionItem,
    summary: ActionItem,
    expected: list[tuple[str, str, str]],
) -> None:
    extractor({"- Thought record twice": [notes], "- Thought records twice": [summary]})
    action_items.refresh_proposals(session)
    proposals = _proposals(session)
    assert sorted((p.text, p.recurrence, p.weekdays) for p in proposals) == expected
    if len(proposals) == 1:
        assert proposals[0].found_in == "in the summary and your notes"


def test_a_third_wording_that_contradicts_a_schedule_filled_in_from_another_stays_apart(
    session: TherapySession, extractor: Any
) -> None:
    """The summary says nothing, the notes say daily: a reflection saying Mon/Thu is not merged
    into the one proposal that already holds "daily"."""
    extractor(
        {
            "- Thought records twice": [_item("walk", WALK)],
            "- Thought record twice": [_item("walk daily", WALK, recurrence="daily")],
            "Review the ladder": [_item("walk on Mon/Thu", WALK, recurrence="weekdays", weekdays=(0, 3))],
        }
    )
    action_items.refresh_proposals(session)
    assert sorted((p.text, p.recurrence) for p in _proposals(session)) == [
        ("walk", "daily"),
        ("walk on Mon/Thu", "weekdays"),
    ]


def test_a_dismissed_item_said_again_in_another_text_is_not_proposed_again(
    session: TherapySession, extractor: Any
) -> None:
    extractor({"- Thought record twice": [_item("Thought record twice a week after stand-up", **THOUGHT)]})
    action_items.refresh_proposals(session)
    [proposal] = _proposals(session)
    action_items.dismiss_proposal(proposal=proposal)
    extractor(
        {
            "- Thought record twice": [_item("Thought record twice a week after stand-up", **THOUGHT)],
            "- Thought records twice": [_item("Thought records twice a week, after stand-up", **THOUGHT)],
        }
    )
    action_items.refresh_proposals(session)
    assert [p.status for p in _proposals(session)] == [ItemStatus.DISMISSED]


def test_the_therapists_own_tasks_are_to_dos_not_homework(
    client: Client, therapist: User, session: TherapySession, extractor: Any
) -> None:
    todo = Owned("Review the ladder next time", None, 0, 10)
    object.__setattr__(todo, "owner", "therapist")
    extractor(
        {"- Review": [todo], "- Thought record twice": [_item("Thought record twice a week", **THOUGHT)]}
    )
    action_items.refresh_proposals(session)
    owners = {p.text: p.owner for p in _proposals(session)}
    assert owners == {
        "Review the ladder next time": ItemOwner.THERAPIST,
        "Thought record twice a week": "client",
    }
    client.force_login(therapist)
    content = client.get(f"/sessions/{session.pk}/").content.decode()
    items = content.split("Action items from this session</h2>", 1)[1]
    assert "Review the ladder next time" in items.split("Your to-do", 1)[1]
    assert "Review the ladder next time" not in items.split("Your to-do", 1)[0]


# --- Confirming gives what was agreed ------------------------------------------------------------


def test_the_form_opened_from_a_proposal_is_filled_with_its_schedule_and_cue(
    client: Client, therapist: User, session: TherapySession
) -> None:
    proposal = make_proposal(
        session,
        "Paced breathing before work",
        Kind.RELAXATION,
        recurrence=Recurrence.WEEKDAYS,
        weekdays="024",
        time_of_day=time(8, 15),
        minutes=7,
        cue="I brush my teeth",
    )
    client.force_login(therapist)
    response = client.get(f"/proposals/{proposal.pk}/confirm/")
    initial = response.context["form"].initial
    assert initial["title"] == "Paced breathing before work"
    assert initial["recurrence"] == "weekdays"
    assert initial["weekdays"] == ["0", "2", "4"]
    assert initial["preferred_time"] == "08:15"
    assert initial["estimated_minutes"] == 7
    assert initial["implementation_after"] == "I brush my teeth"
    assert "The words didn" not in response.content.decode()


def test_an_incomplete_proposal_marks_what_its_words_did_not_say(
    client: Client, therapist: User, session: TherapySession
) -> None:
    proposal = make_proposal(
        session, "Thought record some days", Kind.THOUGHT_RECORD, recurrence="times_per_week"
    )
    assert not proposal.is_complete
    client.force_login(therapist)
    content = client.get(f"/proposals/{proposal.pk}/confirm/").content.decode()
    assert 'id="missing-notice"' in content
    assert "how many times a week, what time of day and how many minutes" in content
    assert content.count('aria-describedby="missing-notice') >= 3  # times a week, time, minutes
    marked = content.split('id="id_times_per_week"', 1)[0].rsplit("<input", 1)[1]
    assert (
        "field-missing" in marked or "missing-notice" in content.split('id="id_times_per_week"', 1)[1][:200]
    )


def test_one_click_assigns_a_complete_item_with_the_templates_why_and_smaller_version(
    client: Client, therapist: User, client_user: User, session: TherapySession
) -> None:
    proposal = make_proposal(
        session,
        "Thought record twice a week after stand-up",
        Kind.THOUGHT_RECORD,
        recurrence=Recurrence.TIMES_PER_WEEK,
        times_per_week=2,
        cue="stand-up",
    )
    client.force_login(therapist)
    response = client.post(f"/proposals/{proposal.pk}/assign/")
    assert response.status_code == 302
    assert response["Location"] == f"/sessions/{session.pk}/"
    assignment = Assignment.objects.get(client=client_user)
    assert assignment.title == "Thought record"
    assert assignment.instructions.startswith("Thought record twice a week after stand-up")
    assert (assignment.recurrence, assignment.times_per_week) == ("times_per_week", 2)
    assert assignment.implementation_after == "stand-up"
    assert assignment.implementation_will == "do thought record"  # the item's own words
    assert assignment.rationale and assignment.smaller_version  # from the built-in template
    client.post(f"/proposals/{proposal.pk}/assign/")  # twice: still one
    assert Assignment.objects.filter(client=client_user).count() == 1
    proposal.refresh_from_db()
    assert (proposal.status, proposal.assignment_id) == (ItemStatus.CONFIRMED, assignment.pk)


def test_one_click_on_an_incomplete_item_opens_the_form_instead(
    client: Client, therapist: User, client_user: User, session: TherapySession
) -> None:
    proposal = make_proposal(session, "Thought record", Kind.THOUGHT_RECORD)
    client.force_login(therapist)
    response = client.post(f"/proposals/{proposal.pk}/assign/")
    assert response["Location"] == f"/proposals/{proposal.pk}/confirm/"
    assert not Assignment.objects.filter(client=client_user).exists()


def test_the_session_page_offers_one_click_only_for_complete_items(
    client: Client, therapist: User, session: TherapySession
) -> None:
    complete = make_proposal(session, "Paced breathing daily", Kind.RELAXATION, recurrence="daily")
    incomplete = make_proposal(session, "Paced breathing", Kind.RELAXATION, source=ItemSource.SUMMARY)
    client.force_login(therapist)
    content = client.get(f"/sessions/{session.pk}/").content.decode()
    assert f"/proposals/{complete.pk}/assign/" in content
    assert f"/proposals/{incomplete.pk}/assign/" not in content
    assert f"/proposals/{incomplete.pk}/confirm/" in content


def test_one_click_on_a_one_off_with_a_day_makes_it_due_that_day(
    client: Client, therapist: User, client_user: User, session: TherapySession
) -> None:
    """ "by Friday" is due on the client's next Friday, not today."""
    proposal = make_proposal(
        session, "Read the avoidance leaflet by Friday", Kind.READING, recurrence="once", weekdays="4"
    )
    today = client_today(client_user)
    client.force_login(therapist)
    assert "When: Once, by Friday" in client.get(f"/sessions/{session.pk}/").content.decode()
    client.post(f"/proposals/{proposal.pk}/assign/")
    assignment = Assignment.objects.get(client=client_user)
    assert assignment.start_date == today
    assert assignment.end_date is not None and assignment.end_date.weekday() == 4
    assert 0 <= (assignment.end_date - today).days < 7
    [occurrence] = assignment.occurrences.all()
    assert occurrence.due_date == assignment.end_date
    # The form opened with "Adjust first" says the same.
    other = make_proposal(session, "Read chapter 2 by Friday", Kind.READING, recurrence="once", weekdays="4")
    form = client.get(f"/proposals/{other.pk}/confirm/").context["form"]
    assert form.initial["end_date"] == assignment.end_date.isoformat()


def test_an_assignment_is_titled_as_a_task_not_as_the_notes_report_it(
    client: Client, therapist: User, client_user: User, session: TherapySession
) -> None:
    proposal = make_proposal(
        session,
        "Client agreed to practise saying no to one request at work on Wednesday",
        Kind.SKILL_PRACTICE,
        recurrence="once",
        weekdays="2",
    )
    client.force_login(therapist)
    page = client.get(f"/sessions/{session.pk}/").content.decode()
    # Found only in the private notes: the page says what the client would be shown.
    assert "From your private notes: an assignment made from it shows Carol Chen" in page
    assert "“Practise saying no to one request at work on Wednesday”" in page
    client.post(f"/proposals/{proposal.pk}/assign/")
    assignment = Assignment.objects.get(client=client_user)
    assert assignment.title == "Practise saying no to one request at work"
    assert not assignment.instructions.startswith("Client agreed")
    confirm = client.get(
        f"/proposals/{make_proposal(session, 'She will walk daily', recurrence='daily').pk}/confirm/"
    )
    assert "These words are from your private notes" in confirm.content.decode()


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Client to complete a thought record after dinner", "Complete a thought record after dinner"),
        ("Pt to try the humming", "Try the humming"),
        ("Read to the children", "Read to the children"),
    ],
)
def test_note_shorthand_for_the_client_is_left_out_of_the_title(
    session: TherapySession, text: str, title: str
) -> None:
    assert make_proposal(session, text).task_text == title


def test_a_title_leaves_out_the_words_its_schedule_was_read_from(
    client: Client, therapist: User, session: TherapySession
) -> None:
    """The schedule's words are the assignment's fields; in the title too they would say it twice."""
    proposal = make_proposal(
        session,
        "Walk for 20 minutes every morning after breakfast",
        Kind.SKILL_PRACTICE,
        recurrence="daily",
        minutes=20,
        cue="breakfast",
    )
    client.force_login(therapist)
    assert "Title as an assignment: “Walk”" in client.get(f"/sessions/{session.pk}/").content.decode()
    initial = client.get(f"/proposals/{proposal.pk}/confirm/").context["form"].initial
    assert initial["title"] == "Walk"
    assert initial["instructions"].startswith("Walk for 20 minutes every morning after breakfast")
    assert (initial["recurrence"], initial["estimated_minutes"], initial["implementation_after"]) == (
        "daily",
        20,
        "breakfast",
    )


@pytest.fixture
def jordans_session(therapist: User) -> TherapySession:
    jordan = make_user("jordan@example.com", "Jordan Ellis", Role.CLIENT)
    CareRelationship.objects.create(therapist=therapist, client=jordan)
    return make_session(therapist, jordan)


@pytest.mark.parametrize(
    ("text", "task", "will"),
    [
        ("Jordan agreed to do a body scan", "Do a body scan", "do a body scan"),
        ("Jordan will try a body scan", "Try a body scan", "try a body scan"),
        ("Jordan to do a body scan", "Do a body scan", "do a body scan"),
        ("Jordan Ellis agreed to do a body scan", "Do a body scan", "do a body scan"),
        ("jordan has agreed to try a body scan", "Try a body scan", "try a body scan"),
        ("Jordan'll do a body scan", "Do a body scan", "do a body scan"),
        # Somebody else's name is not the client's: what they agreed is kept as said.
        ("Priya agreed to call Jordan", "Priya agreed to call Jordan", None),
    ],
)
def test_the_clients_own_name_is_left_out_like_client_is(
    jordans_session: TherapySession, text: str, task: str, will: str | None
) -> None:
    proposal = make_proposal(jordans_session, text, Kind.RELAXATION)
    assert proposal.task_text == task
    if will is not None:
        assert action_items.will_words(proposal) == will


def test_homework_from_an_item_naming_the_client_never_shows_their_name(
    client: Client, therapist: User, jordans_session: TherapySession
) -> None:
    """ "Jordan agreed to …" gives the title "Do a body scan" and "I will do a body scan", not
    "I will do jordan agreed to do a body scan" on the client's Today."""
    jordans_session.private_notes = "Jordan agreed to do a body scan three times a week before bed."
    jordans_session.save()
    action_items.refresh_proposals(jordans_session)
    [proposal] = action_items.proposals_for(jordans_session)
    assert proposal.title == "Do a body scan"
    client.force_login(therapist)
    assert "“Do a body scan”" in client.get(f"/sessions/{jordans_session.pk}/").content.decode()
    form = client.get(f"/proposals/{proposal.pk}/confirm/").context["form"]
    assert form.initial["title"] == "Do a body scan"
    assert form.initial["implementation_will"] == "do a body scan"
    assert "Jordan" not in form.initial["instructions"].split("\n\n", 1)[0]


@pytest.mark.parametrize(
    ("text", "fields", "title"),
    [
        ("Read the leaflet by Friday", {"recurrence": "once", "weekdays": "4"}, "Read the leaflet"),
        (
            "Practise PMR for 10 minutes at 9pm on Mon/Thu",
            {"recurrence": "weekdays", "weekdays": "03", "minutes": 10, "time_of_day": time(21)},
            "Practise PMR",
        ),
        ("Thought records: 1 per day", {"recurrence": "daily"}, "Thought records"),
        ("Read a chapter a week", {"recurrence": "times_per_week", "times_per_week": 1}, "Read a chapter"),
        ("Body scan (10 min, nightly)", {"recurrence": "daily", "minutes": 10}, "Body scan"),
        # Only what the proposal holds goes: this extractor read no cue, so "before work" stays.
        ("Paced breathing before work", {"cue": "I brush my teeth"}, "Paced breathing before work"),
        ("Walk every morning after breakfast", {}, "Walk every morning after breakfast"),
        # A limit is the task, and a day that names an event stays.
        (
            "Limit social media to 30 minutes a day",
            {"recurrence": "daily", "minutes": 30},
            "Limit social media to 30 minutes",
        ),
        (
            "Eat lunch in the Friday meeting",
            {"recurrence": "once", "weekdays": "4"},
            "Eat lunch in the Friday meeting",
        ),
        # Nothing of its own left: all its words stay.
        ("Practise daily", {"recurrence": "daily"}, "Practise daily"),
    ],
)
def test_which_words_a_title_leaves_out(
    session: TherapySession, text: str, fields: dict[str, Any], title: str
) -> None:
    assert make_proposal(session, text, **fields).title == title


# --- Updating the homework an item names ---------------------------------------------------------


def test_a_one_off_moment_does_not_replace_the_schedule_of_an_ongoing_practice(
    client: Client, therapist: User, client_user: User, session: TherapySession
) -> None:
    """ "Paced breathing before the Friday meeting" names a moment of the daily practice."""
    existing = make_assignment(therapist, client_user, Kind.RELAXATION, preferred_time=time(8, 0))
    proposal = make_proposal(
        session,
        "Paced breathing before the Friday meeting",
        Kind.RELAXATION,
        update_of=existing,
        recurrence="once",
        weekdays="4",
        cue="before the Friday meeting",
    )
    client.force_login(therapist)
    page = client.get(f"/sessions/{session.pk}/").content.decode()
    assert "Its schedule stays as it is: updating links this agreement to it." in page
    client.post(f"/proposals/{proposal.pk}/update/")
    existing.refresh_from_db()
    assert (existing.recurrence, existing.end_date, existing.implementation_after) == ("daily", None, "")
    assert existing.preferred_time == time(8, 0)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.assignment_id) == (ItemStatus.UPDATED, existing.pk)


def test_the_page_says_what_updating_will_change(
    client: Client, therapist: User, client_user: User, session: TherapySession
) -> None:
    existing = make_assignment(therapist, client_user, Kind.THOUGHT_RECORD)  # daily
    make_proposal(
        session,
        "Thought record twice a week after stand-up",
        Kind.THOUGHT_RECORD,
        update_of=existing,
        recurrence=Recurrence.TIMES_PER_WEEK,
        times_per_week=2,
        cue="stand-up",
    )
    client.force_login(therapist)
    page = client.get(f"/sessions/{session.pk}/").content.decode()
    assert (
        "Updating changes when: Every day at 20:00 → 2 times a week at 20:00; cue: none → After stand-up."
        in page
    )


def test_the_page_says_the_time_stays_when_only_the_cue_changes(
    client: Client, therapist: User, client_user: User, session: TherapySession
) -> None:
    existing = make_assignment(therapist, client_user, Kind.RELAXATION, preferred_time=time(8, 0))
    make_proposal(session, "Paced breathing after lunch", Kind.RELAXATION, update_of=existing, cue="lunch")
    client.force_login(therapist)
    page = html.unescape(client.get(f"/sessions/{session.pk}/").content.decode())
    assert "cue: none → After lunch; the time 08:00 stays (change it if it no longer fits)." in page


def test_an_item_naming_an_active_assignment_is_offered_as_its_update(
    client: Client, therapist: User, client_user: User, session: TherapySession, extractor: Any
) -> None:
    existing = make_assignment(therapist, client_user, Kind.THOUGHT_RECORD)  # "Thought record", daily
    make_assignment(therapist, client_user, Kind.RELAXATION)
    extractor({"- Thought record twice": [_item("Thought record twice a week after stand-up", **THOUGHT)]})
    action_items.refresh_proposals(session)
    [proposal] = _proposals(session)
    assert proposal.update_of_id == existing.pk
    client.force_login(therapist)
    content = client.get(f"/sessions/{session.pk}/").content.decode()
    assert "Update the existing assignment" in content
    response = client.post(f"/proposals/{proposal.pk}/update/")
    assert response.status_code == 302
    existing.refresh_from_db()
    assert (existing.recurrence, existing.times_per_week, existing.implementation_after) == (
        "times_per_week",
        2,
        "stand-up",
    )
    before = existing.updated_at
    client.post(f"/proposals/{proposal.pk}/update/")  # twice: changes nothing more
    client.post(f"/proposals/{proposal.pk}/assign/")  # nor does assigning it afterwards
    existing.refresh_from_db()
    assert existing.updated_at == before
    assert Assignment.objects.filter(client=client_user).count() == 2
    proposal.refresh_from_db()
    assert (proposal.status, proposal.assignment_id) == (ItemStatus.UPDATED, existing.pk)


def test_an_item_of_another_kind_or_other_words_is_not_an_update(
    therapist: User, client_user: User, session: TherapySession, extractor: Any
) -> None:
    make_assignment(therapist, client_user, Kind.RELAXATION)  # "Paced breathing"
    extractor({"- Thought record twice": [_item("Body scan at night", Kind.RELAXATION, recurrence="daily")]})
    action_items.refresh_proposals(session)
    assert _proposals(session)[0].update_of is None


def test_an_archived_assignment_is_not_updated(
    therapist: User, client_user: User, session: TherapySession
) -> None:
    existing = make_assignment(therapist, client_user, Kind.THOUGHT_RECORD, status=AssignmentStatus.ARCHIVED)
    proposal = make_proposal(
        session, "Thought record", Kind.THOUGHT_RECORD, update_of=existing, recurrence="daily"
    )
    with pytest.raises(HomeworkError):
        action_items.update_from_proposal(therapist=therapist, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == ItemStatus.PROPOSED


def test_the_database_lets_one_confirmed_proposal_point_at_an_assignment(
    therapist: User, client_user: User, session: TherapySession
) -> None:
    assignment = make_assignment(therapist, client_user)
    make_proposal(session, "One", status=ItemStatus.CONFIRMED, assignment=assignment)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_proposal(session, "Two", status=ItemStatus.CONFIRMED, assignment=assignment)


# --- Access and methods --------------------------------------------------------------------------


@pytest.mark.parametrize("action", ["assign", "update"])
def test_another_therapists_proposal_is_a_404_and_writes_nothing(
    client: Client, other_therapist: User, session: TherapySession, action: str
) -> None:
    proposal = make_proposal(session, "Paced breathing daily", Kind.RELAXATION, recurrence="daily")
    client.force_login(other_therapist)
    assert client.post(f"/proposals/{proposal.pk}/{action}/").status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == ItemStatus.PROPOSED
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("action", ["assign", "update"])
def test_get_is_not_allowed_and_anonymous_visitors_sign_in(
    client: Client, therapist: User, session: TherapySession, action: str
) -> None:
    proposal = make_proposal(session)
    url = f"/proposals/{proposal.pk}/{action}/"
    assert client.post(url)["Location"].startswith("/accounts/login/")
    client.force_login(therapist)
    assert client.get(url).status_code == 405


def test_update_without_an_assignment_to_update_says_so(
    client: Client, therapist: User, session: TherapySession
) -> None:
    proposal = make_proposal(session)
    client.force_login(therapist)
    response = client.post(f"/proposals/{proposal.pk}/update/", follow=True)
    assert "can&#x27;t be updated" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ItemStatus.PROPOSED


def test_an_item_said_in_the_summary_keeps_its_wording_when_the_notes_say_it_too(
    session: TherapySession, extractor: Any
) -> None:
    summary_only = {
        "- Thought records twice": [_item("Thought records twice a week, after stand-up", **THOUGHT)]
    }
    extractor(summary_only)
    action_items.refresh_proposals(session)
    assert [(p.source, p.also_in) for p in _proposals(session)] == [("summary", "")]
    extractor(
        {
            **summary_only,
            "- Thought record twice": [
                ActionItem(
                    "Thought record twice a week after stand-up", Kind.THOUGHT_RECORD, 12, 55, **THOUGHT
                )
            ],
        }
    )
    action_items.refresh_proposals(session)
    [proposal] = _proposals(session)
    assert (proposal.source, proposal.also_in, proposal.start, proposal.end) == ("summary", "notes", 0, 44)


def test_a_to_do_cannot_be_assigned_by_any_route(
    client: Client, therapist: User, client_user: User, session: TherapySession
) -> None:
    todo = make_proposal(
        session, "Send the worry handout", Kind.READING, owner=ItemOwner.THERAPIST, recurrence="once"
    )
    client.force_login(therapist)
    assert client.get(f"/proposals/{todo.pk}/confirm/")["Location"] == f"/sessions/{session.pk}/"
    client.post(f"/proposals/{todo.pk}/assign/")
    assert not Assignment.objects.filter(client=client_user).exists()
    content = client.get(f"/sessions/{session.pk}/").content.decode()
    assert "Your to-do" in content
    assert "No action items found" not in content


def test_schedule_values_the_database_cannot_hold_are_dropped_not_a_500(
    session: TherapySession, extractor: Any
) -> None:
    odd = _item(
        "Thought record lots",
        recurrence="hourly",
        times_per_week=12,
        weekdays=(0, 9, 2),
        minutes=9000,
        cue="after " * 60,
    )
    extractor({"- Thought record twice": [odd]})
    action_items.refresh_proposals(session)
    [proposal] = _proposals(session)
    assert (proposal.recurrence, proposal.times_per_week, proposal.weekdays, proposal.minutes) == (
        "",
        None,
        "02",
        None,
    )
    assert len(proposal.cue) <= 200


# --- "Update the existing assignment": what it changed, and Undo ---------------------------------


def _update_item(session: TherapySession, existing: Assignment) -> ProposedAction:
    return make_proposal(
        session,
        "Thought record 3 times a week at 20:00 after any meeting where you stayed quiet",
        Kind.THOUGHT_RECORD,
        update_of=existing,
        recurrence=Recurrence.TIMES_PER_WEEK,
        times_per_week=3,
        time_of_day=time(20, 0),
        cue="any meeting where you stayed quiet",
    )


def test_updating_says_every_field_it_changed_and_offers_undo(
    client: Client, therapist: User, client_user: User, session: TherapySession
) -> None:
    existing = make_assignment(
        therapist,
        client_user,
        Kind.THOUGHT_RECORD,
        recurrence=Recurrence.TIMES_PER_WEEK,
        times_per_week=2,
        preferred_time=time(20, 0),
        implementation_after="stand-up",
    )
    proposal = _update_item(session, existing)
    client.force_login(therapist)
    page = html.unescape(client.post(f"/proposals/{proposal.pk}/update/", follow=True).content.decode())
    assert (
        "“Thought record” is updated: when: 2 times a week at 20:00 → 3 times a week at 20:00; "
        "cue: After stand-up → After any meeting where you stayed quiet." in page
    )
    assert f'action="/proposals/{proposal.pk}/update/undo/"' in page

    page = html.unescape(client.post(f"/proposals/{proposal.pk}/update/undo/", follow=True).content.decode())
    assert "Undone: “Thought record” is as it was (put back when: 3 times a week at 20:00 → 2 times" in page
    existing.refresh_from_db()
    assert (existing.times_per_week, existing.preferred_time, existing.implementation_after) == (
        2,
        time(20, 0),
        "stand-up",
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.assignment_id, proposal.decided_at) == (ItemStatus.PROPOSED, None, None)
    # Undone twice: the second changes nothing and says so.
    page = html.unescape(client.post(f"/proposals/{proposal.pk}/update/undo/", follow=True).content.decode())
    assert "hasn't updated any homework, so there is nothing to undo" in page


def test_an_update_that_changes_nothing_says_so_and_its_undo_only_unlinks_it(
    client: Client, therapist: User, client_user: User, session: TherapySession
) -> None:
    existing = make_assignment(therapist, client_user, Kind.THOUGHT_RECORD)  # every day at 20:00
    proposal = make_proposal(
        session, "Thought record before the Friday meeting", Kind.THOUGHT_RECORD, update_of=existing,
        recurrence=Recurrence.ONCE, weekdays="4",
    )  # fmt: skip
    client.force_login(therapist)
    page = html.unescape(client.post(f"/proposals/{proposal.pk}/update/", follow=True).content.decode())
    assert "“Thought record” is linked to this agreement; its schedule stays Every day at 20:00." in page
    before = Assignment.objects.get(pk=existing.pk).updated_at
    client.post(f"/proposals/{proposal.pk}/update/undo/")
    assert Assignment.objects.get(pk=existing.pk).updated_at == before
    proposal.refresh_from_db()
    assert proposal.status == ItemStatus.PROPOSED


def test_undo_never_overwrites_a_later_change_nor_an_update_whose_earlier_values_are_unknown(
    client: Client, therapist: User, client_user: User, session: TherapySession
) -> None:
    existing = make_assignment(therapist, client_user, Kind.THOUGHT_RECORD, implementation_after="stand-up")
    proposal = _update_item(session, existing)
    action_items.update_from_proposal(therapist=therapist, proposal=proposal)
    Assignment.objects.filter(pk=existing.pk).update(times_per_week=4)
    with pytest.raises(HomeworkError, match="changed since this update"):
        action_items.undo_update(proposal=proposal)
    ProposedAction.objects.filter(pk=proposal.pk).update(changed_fields=None)
    with pytest.raises(HomeworkError, match="didn't keep what"):
        action_items.undo_update(proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == ItemStatus.UPDATED


@pytest.mark.parametrize("status", [AssignmentStatus.ARCHIVED, AssignmentStatus.COMPLETED])
def test_undo_leaves_homework_archived_or_completed_since_alone(
    therapist: User, client_user: User, session: TherapySession, status: AssignmentStatus
) -> None:
    existing = make_assignment(therapist, client_user, Kind.THOUGHT_RECORD, implementation_after="stand-up")
    proposal = _update_item(session, existing)
    action_items.update_from_proposal(therapist=therapist, proposal=proposal)
    set_assignment_status(assignment=Assignment.objects.get(pk=existing.pk), status=status)
    before = Assignment.objects.get(pk=existing.pk).updated_at
    with pytest.raises(HomeworkError, match=f"is {status.label.lower()} now, so there is nothing to undo"):
        action_items.undo_update(proposal=proposal)
    existing.refresh_from_db()
    assert (existing.status, existing.times_per_week) == (status, 3)  # the update's schedule stays
    assert existing.updated_at == before  # not re-planned, and the client is told of no change
    proposal.refresh_from_db()
    assert proposal.status == ItemStatus.UPDATED


def test_another_therapist_cannot_undo_an_update(
    client: Client, therapist: User, other_therapist: User, client_user: User, session: TherapySession
) -> None:
    existing = make_assignment(therapist, client_user, Kind.THOUGHT_RECORD, implementation_after="stand-up")
    proposal = _update_item(session, existing)
    action_items.update_from_proposal(therapist=therapist, proposal=proposal)
    url = f"/proposals/{proposal.pk}/update/undo/"
    assert client.post(url)["Location"].startswith("/accounts/login/")
    client.force_login(other_therapist)
    assert client.post(url).status_code == 404
    client.force_login(therapist)
    assert client.get(url).status_code == 405
    proposal.refresh_from_db()
    assert proposal.status == ItemStatus.UPDATED


# --- The template an item starts from --------------------------------------------------------------


def _template(title: str) -> Template:
    return Template.objects.get(owner__isnull=True, title=title)


def test_one_click_on_a_reading_starts_from_the_text_it_names(
    client: Client, therapist: User, client_user: User, session: TherapySession
) -> None:
    """Not the first reading in the library ("How thoughts, feelings and actions connect")."""
    proposal = make_proposal(
        session,
        'Read "Anxiety and the avoidance trap" by Friday',
        Kind.READING,
        recurrence="once",
        weekdays="4",
    )
    named = _template("Anxiety and the avoidance trap")
    assert first_builtin(Kind.READING) != named
    client.force_login(therapist)
    assert f"/proposals/{proposal.pk}/assign/" in client.get(f"/sessions/{session.pk}/").content.decode()
    client.post(f"/proposals/{proposal.pk}/assign/")
    assignment = Assignment.objects.get(client=client_user)
    assert (assignment.resource_title, assignment.resource_text) == (
        named.resource_title,
        named.resource_text,
    )
    assert (assignment.rationale, assignment.smaller_version) == (named.rationale, named.smaller_version)
    assert assignment.template == named
    assert assignment.title == 'Read "Anxiety and the avoidance trap"'


def test_a_reading_whose_text_is_not_in_the_library_gets_no_other_text(
    client: Client, therapist: User, client_user: User, session: TherapySession
) -> None:
    proposal = make_proposal(
        session, "Read the sleep hygiene leaflet by Friday", Kind.READING, recurrence="once", weekdays="4"
    )
    assert proposal.is_complete
    client.force_login(therapist)
    page = client.get(f"/sessions/{session.pk}/").content.decode()
    assert f"/proposals/{proposal.pk}/assign/" not in page  # no one-click
    assert f"/proposals/{proposal.pk}/confirm/" in page
    response = client.post(f"/proposals/{proposal.pk}/assign/")  # posted anyway: the form instead
    assert response["Location"] == f"/proposals/{proposal.pk}/confirm/"
    assert not Assignment.objects.exists()
    response = client.get(f"/proposals/{proposal.pk}/confirm/")
    initial = response.context["form"].initial
    assert initial["resource_title"] == initial["resource_text"] == initial["resource_url"] == ""
    assert initial["rationale"] == initial["smaller_version"] == ""
    assert initial["instructions"] == "Read the sleep hygiene leaflet by Friday"  # the item's words only
    assert (initial["title"], initial["recurrence"]) == ("Read the sleep hygiene leaflet", "once")
    assert initial["end_date"]
    content = html.unescape(response.content.decode())
    assert 'id="blank-notice"' in content
    assert "is not in your library, so no other text is attached" in content
    for name in ("resource_title", "resource_url", "resource_text", "rationale", "smaller_version"):
        tag = (
            content.split(f'id="id_{name}"', 1)[0].rsplit("<", 1)[1] + content.split(f'id="id_{name}"', 1)[1]
        )
        assert "blank-notice" in tag.split(">", 1)[0], name
    # Filled in by the therapist, it is assigned, linked to no template's text.
    template = first_builtin(Kind.READING)
    data = {
        "template": template.pk,
        "title": "Read the sleep hygiene leaflet",
        "instructions": "Read the sleep hygiene leaflet",
        "rationale": "Knowing what helps sleep makes the plan easier to keep.",
        "estimated_minutes": 10,
        "recurrence": "once",
        "resource_title": "Sleep hygiene",
        "resource_url": "https://example.org/sleep",
    }
    assert client.post(f"/proposals/{proposal.pk}/confirm/", data).status_code == 302
    assignment = Assignment.objects.get(client=client_user)
    assert (assignment.resource_title, assignment.resource_text, assignment.template) == (
        "Sleep hygiene",
        "",
        None,
    )


def test_a_skill_no_template_fits_gets_no_other_skills_why_or_smaller_version(
    client: Client, therapist: User, client_user: User, session: TherapySession
) -> None:
    proposal = make_proposal(
        session,
        "Speak up once in the Wednesday team meeting",
        Kind.SKILL_PRACTICE,
        recurrence="once",
        weekdays="2",
    )
    start = action_items.starting_template(therapist, proposal)
    assert not start.fits
    boundary = _template("Setting a boundary")
    client.force_login(therapist)
    assert f"/proposals/{proposal.pk}/assign/" not in client.get(f"/sessions/{session.pk}/").content.decode()
    response = client.get(f"/proposals/{proposal.pk}/confirm/")
    initial = response.context["form"].initial
    assert initial["rationale"] == initial["smaller_version"] == ""
    assert initial["skill"] == "Speak up once in the Wednesday team meeting"  # the item's own words
    assert initial["instructions"] == "Speak up once in the Wednesday team meeting"
    assert initial["implementation_will"] == "speak up once in the Wednesday team meeting"
    assert "boundar" not in " ".join(str(value) for value in initial.values()).lower()
    assert boundary.rationale not in response.content.decode()
    content = response.content.decode()
    assert "fits this item&#x27;s words" in content or "fits this item's words" in content
    assert content.count("blank-notice") >= 3  # the notice, the why and the smaller version
    # Choosing a template is using it whole.
    picked = client.get(f"/proposals/{proposal.pk}/confirm/", {"template": boundary.pk}).context["form"]
    assert (picked.initial["rationale"], picked.initial["skill"]) == (boundary.rationale, boundary.skill)


def test_the_template_whose_words_fit_is_chosen_among_the_therapists_own_too(
    therapist: User, other_therapist: User, session: TherapySession
) -> None:
    speak = make_proposal(session, "Speak up once in the team meeting", Kind.SKILL_PRACTICE)
    mine = Template.objects.create(
        owner=therapist,
        kind=Kind.SKILL_PRACTICE,
        title="Speaking up in meetings",
        estimated_minutes=5,
        instructions="Say one thing.",
        rationale="Your voice counts.",
        skill="Speaking up",
    )
    Template.objects.create(
        owner=other_therapist,
        kind=Kind.SKILL_PRACTICE,
        title="Speak up in the team meeting",
        estimated_minutes=5,
        instructions="Say one thing.",
        rationale="Theirs.",
        skill="Speaking up",
    )
    assert action_items.starting_template(therapist, speak) == action_items.Start(mine)
    journal = make_proposal(
        session, "You agreed to journal about what matters to you at work on Sunday evening", Kind.JOURNAL
    )
    assert action_items.starting_template(therapist, journal).template == _template("What matters to me")
    saying_no = make_proposal(session, "Practise saying no to one request", Kind.SKILL_PRACTICE)
    assert action_items.starting_template(therapist, saying_no).template == _template("Setting a boundary")
    breathing = make_proposal(session, "Box breathing before the exam", Kind.RELAXATION)
    assert action_items.starting_template(therapist, breathing).template == _template("Paced breathing")


def test_one_click_is_offered_from_the_library_of_the_therapist_who_would_click(
    therapist: User, other_therapist: User, session: TherapySession
) -> None:
    """After a move, the new therapist reads a session led by the former one: "Assign it" shows
    when their own library fits, since assigning chooses from the library of whoever clicks."""
    make_proposal(session, "Speak up once in the team meeting", Kind.SKILL_PRACTICE, recurrence="daily")
    Template.objects.create(
        owner=other_therapist,
        kind=Kind.SKILL_PRACTICE,
        title="Speak up in the team meeting",
        estimated_minutes=5,
        instructions="Say one thing.",
        rationale="Your voice counts.",
        skill="Speaking up",
    )
    [as_led] = action_items.proposals_for(session)
    [as_read] = action_items.proposals_for(session, other_therapist)
    assert (as_led.one_click, as_read.one_click) == (False, True)


@pytest.mark.parametrize(
    ("text", "kind", "title"),
    [
        # The kind's generic wording fits any item of the kind.
        ("Thought record when anxious at work", Kind.THOUGHT_RECORD, "Thought record"),
        (
            "Test whether the boss replies if I ask for help",
            Kind.BEHAVIORAL_EXPERIMENT,
            "Behavioural experiment",
        ),
        # The kind's own words ("journal", "read") say nothing about which template.
        ("Keep a journal of the week", Kind.JOURNAL, None),
        ("Read the leaflet", Kind.READING, None),
    ],
)
def test_without_a_fitting_template_the_kinds_generic_one_or_none(
    therapist: User, session: TherapySession, text: str, kind: str, title: str | None
) -> None:
    start = action_items.starting_template(therapist, make_proposal(session, text, kind))
    if title is None:
        assert not start.fits
        assert {"rationale", "smaller_version"} <= set(start.blank)
    else:
        assert start == action_items.Start(_template(title))


@pytest.mark.parametrize(
    ("text", "will"),
    [
        ("Speak up once in the Wednesday team meeting", "speak up once in the Wednesday team meeting"),
        (
            "You agreed to journal about what matters to you at work",
            "journal about what matters to you at work",
        ),
        ("Hug my daughter after school", "hug my daughter after school"),
        ("Thought record", "do thought record"),
        ("Box breathing", "do box breathing"),
        ("PMR", "do PMR"),
        ("Relapse signature card", "do relapse signature card"),
    ],
)
def test_i_will_is_the_items_own_verb_phrase(session: TherapySession, text: str, will: str) -> None:
    assert action_items.will_words(make_proposal(session, text)) == will


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("You agreed to journal about what matters", "Journal about what matters"),
        ("you'll walk to work", "Walk to work"),
        ("You will practise saying no", "Practise saying no"),
        ("We agreed you will call the GP", "Call the GP"),
        ("We agreed to try the app", "Try the app"),
        ("Client agreed to read chapter 2", "Read chapter 2"),
        ("You could try the app", "You could try the app"),
    ],
)
def test_who_agreed_is_left_out_of_the_task(session: TherapySession, text: str, task: str) -> None:
    assert make_proposal(session, text).task_text == task


@pytest.mark.parametrize(
    ("text", "fields", "title"),
    [
        (
            "You agreed to journal about what matters to you at work on Sunday evening",
            {"recurrence": "once", "weekdays": "6"},
            "Journal about what matters to you at work",
        ),
        ("Walk on Tuesday mornings", {"recurrence": "weekdays", "weekdays": "1"}, "Walk"),
        ("Call Mum on Sunday night after tea", {"recurrence": "once", "weekdays": "6"}, "Call Mum after tea"),
    ],
)
def test_a_day_and_its_part_of_the_day_leave_the_title_whole(
    session: TherapySession, text: str, fields: dict[str, Any], title: str
) -> None:
    assert make_proposal(session, text, **fields).title == title


def _selected(content: str, name: str) -> list[str]:
    """The value of each option marked selected in the page's ``name`` select."""
    select = content.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
    return [
        option.split('value="', 1)[1].split('"', 1)[0]
        for option in select.split("<option")[1:]
        if "selected" in option
    ]


def test_when_no_template_fits_the_picker_shows_none_chosen(
    client: Client, therapist: User, session: TherapySession
) -> None:
    """The notice says no journal template fits, so the picker beside it chooses none: it never
    shows the template the form only took its kind from ("Gratitude journal") as chosen."""
    proposal = make_proposal(
        session, "Write three good things every evening in a journal", Kind.JOURNAL, recurrence="daily"
    )
    start = action_items.starting_template(therapist, proposal)
    assert not start.fits and start.template is not None
    client.force_login(therapist)
    response = client.get(f"/proposals/{proposal.pk}/confirm/")
    content = html.unescape(response.content.decode())
    assert 'id="blank-notice"' in content
    assert _selected(content, "switch-template") == [""]
    assert response.context["switch"]["template"].value() is None
    # Refused for a missing field, the form still chooses none.
    data = {"template": start.template.pk, "title": "", "recurrence": "daily"}
    refused = html.unescape(client.post(f"/proposals/{proposal.pk}/confirm/", data).content.decode())
    assert 'id="blank-notice"' in refused
    assert _selected(refused, "switch-template") == [""]


def test_choosing_the_template_the_form_took_its_kind_from_uses_it_whole(
    client: Client, therapist: User, session: TherapySession
) -> None:
    """With no template fitting, choosing the kind's first template (the one the form took only its
    kind from) is choosing it: it is used whole, and the notice that none fits goes."""
    proposal = make_proposal(
        session, "Write three good things every evening in a journal", Kind.JOURNAL, recurrence="daily"
    )
    start = action_items.starting_template(therapist, proposal)
    assert not start.fits and start.template is not None
    client.force_login(therapist)
    page = client.get(f"/proposals/{proposal.pk}/confirm/")
    data = {
        name: ("" if value is None else value)
        for name, value in page.context["form"].initial.items()
        if name in page.context["form"].fields
    }
    data.update(template=start.template.pk, switch="yes", **{"switch-template": start.template.pk})
    response = client.post(f"/proposals/{proposal.pk}/confirm/", data)
    content = html.unescape(response.content.decode())
    assert response.context["template"] == start.template
    assert 'id="blank-notice"' not in content
    assert f"Starting from “{start.template.title}”" in content
    assert response.context["form"].initial["rationale"] == start.template.rationale
    assert _selected(content, "switch-template") == [str(start.template.pk)]
    assert not Assignment.objects.exists()


@pytest.mark.parametrize(
    ("notes", "title", "will", "cue"),
    [
        (
            "Practise the body scan twice a day, after waking and before bed.",
            "Practise the body scan",
            "practise the body scan",
            "waking and before bed",
        ),
        (
            "Homework:\n- Paced breathing twice a day, after breakfast and after dinner\n",
            "Paced breathing",
            "do paced breathing",
            "breakfast and after dinner",
        ),
        (
            "Homework:\n- Paced breathing twice daily, after breakfast and before bed\n",
            "Paced breathing",
            "do paced breathing",
            "breakfast and before bed",
        ),
        ("Homework:\n- Body scan twice a day, morning and evening\n", "Body scan", "do body scan", ""),
        (
            "I will practise the body scan every morning and evening.",
            "Practise the body scan",
            "practise the body scan",
            "",
        ),
    ],
)
def test_a_practice_at_two_moments_a_day_leaves_no_part_of_its_schedule_in_the_title(
    session: TherapySession, notes: str, title: str, will: str, cue: str
) -> None:
    """Neither the title nor "I will…" keeps a dangling "and before bed": the words that say when
    go whole, the "After…" cue keeps both moments, and how often stays every day."""
    session.private_notes, session.summary = notes, ""
    session.save()
    action_items.refresh_proposals(session)
    [proposal] = action_items.proposals_for(session)
    assert (proposal.title, action_items.will_words(proposal)) == (title, will)
    assert (proposal.recurrence, proposal.cue) == (Recurrence.DAILY, cue)
