"""A client's submitted worksheet as their therapist reads it, and the therapist's feedback.

Private journal entries show only that they were done: no content anywhere in the HTML.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.test import Client

from homework import services
from homework.models import Assignment, Entry, Kind, LogStatus
from homework.services import MoodData, Outcome, ThoughtData
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User
from mallard.tests.helpers import field_error

SECRET = "SECRET-words about my sister"


def journal_entry(therapist: User, client_user: User, *, private: bool, submit: bool = True) -> Entry:
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL, title="Gratitude journal")
    return services.save_entry(
        occurrence=today_occurrence(assignment),
        fields={
            "prompt": "Who helped you today?",
            "text": SECRET,
            "mood_before": 3,
            "mood_after": 6,
            "is_private": private,
        },
        submit=submit,
    )


def thought_record(assignment: Assignment) -> Entry:
    return services.save_entry(
        occurrence=today_occurrence(assignment),
        fields={
            "situation": "Team meeting on Monday",
            "evidence_for": "My boss frowned",
            "evidence_against": "She thanked me after",
            "alternative_thought": "She may have been tired",
            "alternative_belief": 60,
        },
        moods=[MoodData("Anxious", 80, 40), MoodData("Ashamed", 50)],
        thoughts=[ThoughtData("They think I'm useless", is_hot=True), ThoughtData("I'll be fired")],
        submit=True,
        outcome=Outcome(status=LogStatus.PARTLY, minutes_spent=15, helpfulness=7),
    )


def url(entry: Entry) -> str:
    return f"/clients/entries/{entry.pk}/"


# --- /clients/entries/<id>/ ------------------------------------------------------------------------


def test_it_shows_a_thought_record_in_full(client: Client, therapist: User, assignment: Assignment) -> None:
    entry = thought_record(assignment)
    client.force_login(therapist)
    response = client.get(url(entry))
    assert response.status_code == 200
    content = response.content.decode()
    for text in [
        "Team meeting on Monday",
        "My boss frowned",
        "She thanked me after",
        "She may have been tired",
    ]:
        assert text in content
    assert "80 → 40 (-40)" in content
    assert "Ashamed" in content
    assert (
        '<strong>They think I&#x27;m useless</strong> <span class="badge text-bg-warning">Hot thought</span>'
        in content
    )
    assert "I&#x27;ll be fired" in content
    assert "Belief in it: 60 out of 100" in content
    assert "Partly done, 15 min, helpfulness 7 out of 10" in content


def test_it_shows_a_journal_entry_that_is_not_private(
    client: Client, therapist: User, client_user: User
) -> None:
    entry = journal_entry(therapist, client_user, private=False)
    client.force_login(therapist)
    content = client.get(url(entry)).content.decode()
    assert SECRET in content
    assert "Who helped you today?" in content
    assert "before 3, after 6" in content


@pytest.mark.parametrize(
    ("kind", "fields", "expected"),
    [
        (
            Kind.BEHAVIORAL_EXPERIMENT,
            {
                "belief": "People will laugh",
                "belief_strength": 90,
                "experiment": "Ask a question in class",
                "belief_rerating": 30,
                "learned": "Nobody laughed",
            },
            ["People will laugh", "Ask a question in class", "90% → 30%", "Nobody laughed"],
        ),
        (
            Kind.RELAXATION,
            {
                "technique": "Body scan",
                "minutes": 12,
                "tension_before": 7,
                "tension_after": 3,
                "comments": "Warm hands",
            },
            ["Body scan", "12", "before 7, after 3", "Warm hands"],
        ),
        (
            Kind.READING,
            {
                "resource_title": "Worry leaflet",
                "was_read": True,
                "takeaways": "Worry time helps",
                "questions": "How long?",
            },
            ["Worry leaflet", "Yes", "Worry time helps", "How long?"],
        ),
        (
            Kind.SKILL_PRACTICE,
            {
                "skill": "Lifts",
                "what_i_did": "Rode to floor 5",
                "is_exposure": True,
                "suds_predicted": 80,
                "suds_peak": 70,
                "suds_end": 30,
                "urge_rating": 60,
                "urge_resisted": True,
            },
            [
                "Lifts",
                "Rode to floor 5",
                "predicted 80, peak 70, end 30",
                "fell to about half the peak",
                "resisted",
            ],
        ),
    ],
)
def test_it_shows_every_kind_of_entry(
    client: Client, therapist: User, client_user: User, kind: str, fields: dict[str, Any], expected: list[str]
) -> None:
    assignment = make_assignment(therapist, client_user, kind)
    entry = services.save_entry(occurrence=today_occurrence(assignment), fields=fields, submit=True)
    client.force_login(therapist)
    content = client.get(url(entry)).content.decode()
    for text in expected:
        assert text in content


def test_a_private_journal_entry_shows_only_that_it_was_done(
    client: Client, therapist: User, client_user: User
) -> None:
    entry = journal_entry(therapist, client_user, private=True)
    client.force_login(therapist)
    response = client.get(url(entry))
    assert response.status_code == 200
    source = response.content.decode()
    assert "Private journal entry — done" in source
    assert "Done" in source
    assert "Gratitude journal" in source
    # Nothing the client wrote is anywhere in the page source, not even in attributes.
    assert "SECRET" not in source
    assert "sister" not in source
    assert "Who helped you today?" not in source
    assert "before 3" not in source
    assert "can&#x27;t see what it says" in source or "can't see what it says" in source


def test_drafts_are_404(client: Client, therapist: User, client_user: User) -> None:
    entry = journal_entry(therapist, client_user, private=False, submit=False)
    client.force_login(therapist)
    assert client.get(url(entry)).status_code == 404


def test_another_therapists_clients_entry_is_404(
    client: Client, therapist: User, other_assignment: Assignment
) -> None:
    entry = services.save_entry(
        occurrence=today_occurrence(other_assignment),
        fields={"prompt": "p", "text": "Dave's words"},
        submit=True,
    )
    client.force_login(therapist)
    assert client.get(url(entry)).status_code == 404


def test_client_entry_refuses_post(client: Client, therapist: User, assignment: Assignment) -> None:
    entry = thought_record(assignment)
    client.force_login(therapist)
    assert client.post(url(entry)).status_code == 405


def test_client_entry_is_for_therapists_only(
    client: Client, client_user: User, assignment: Assignment
) -> None:
    entry = thought_record(assignment)
    response = client.get(url(entry))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(client_user)
    assert client.get(url(entry)).status_code == 403


# --- /clients/entries/<id>/feedback/ ----------------------------------------------------------------


def test_it_saves_feedback(client: Client, therapist: User, assignment: Assignment) -> None:
    entry = thought_record(assignment)
    client.force_login(therapist)
    response = client.post(f"{url(entry)}feedback/", {"text": "Great catch on the hot thought."})
    assert response.status_code == 302
    assert response["Location"] == url(entry)
    entry.refresh_from_db()
    assert entry.feedback == "Great catch on the hot thought."
    assert entry.feedback_by == therapist
    assert entry.feedback_at is not None
    page = client.get(url(entry)).content.decode()
    assert "Your feedback is saved." in page
    assert "Great catch on the hot thought." in page


def test_the_page_says_whether_the_client_has_read_the_feedback(
    client: Client, therapist: User, assignment: Assignment
) -> None:
    entry = thought_record(assignment)
    name = assignment.client.display_name
    client.force_login(therapist)
    assert "read it on" not in client.get(url(entry)).content.decode()  # no feedback yet
    services.leave_feedback(therapist=therapist, entry=entry, text="Great catch on the hot thought.")
    assert f"{name} hasn't opened it yet." in html.unescape(client.get(url(entry)).content.decode())
    with time_machine.travel(datetime(2026, 11, 20, 18, 5, tzinfo=UTC), tick=False):
        services.mark_feedback_read(entry=Entry.objects.get(pk=entry.pk))
    page = html.unescape(client.get(url(entry)).content.decode())
    assert f"{name} read it on 20 Nov 2026, 18:05." in page  # the therapist's zone, London
    assert "hasn't opened it yet" not in page


def test_feedback_on_a_private_entry_is_allowed_and_says_content_is_hidden(
    client: Client, therapist: User, client_user: User
) -> None:
    entry = journal_entry(therapist, client_user, private=True)
    client.force_login(therapist)
    page = client.get(url(entry)).content.decode()
    assert "you can't see what it says, so keep feedback to encouragement" in page
    response = client.post(f"{url(entry)}feedback/", {"text": "Well done for writing."})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.feedback == "Well done for writing."
    assert SECRET not in client.get(url(entry)).content.decode()


def test_feedback_over_1000_characters_is_refused_and_kept(
    client: Client, therapist: User, assignment: Assignment
) -> None:
    entry = thought_record(assignment)
    client.force_login(therapist)
    response = client.post(f"{url(entry)}feedback/", {"text": "x" * 1001})
    assert response.status_code == 200
    assert field_error(response, "text") == (
        "This is 1001 characters long; the limit is 1000. Please shorten it: everything you typed is still here."
    )
    assert "x" * 1001 in response.content.decode()
    entry.refresh_from_db()
    assert entry.feedback == ""


def test_empty_feedback_removes_it(client: Client, therapist: User, assignment: Assignment) -> None:
    entry = thought_record(assignment)
    services.leave_feedback(therapist=therapist, entry=entry, text="Old")
    client.force_login(therapist)
    client.post(f"{url(entry)}feedback/", {"text": ""})
    entry.refresh_from_db()
    assert (entry.feedback, entry.feedback_at, entry.feedback_by) == ("", None, None)


def test_an_empty_box_without_feedback_says_there_is_nothing_to_send(
    client: Client, therapist: User, assignment: Assignment
) -> None:
    entry = thought_record(assignment)
    client.force_login(therapist)
    response = client.post(f"{url(entry)}feedback/", {"text": "   "})
    assert response.status_code == 200
    assert field_error(response, "text") == "There was no feedback to send: write it in the box, then save."
    assert "is removed" not in response.content.decode()
    entry.refresh_from_db()
    assert (entry.feedback, entry.feedback_at, entry.feedback_by) == ("", None, None)


def test_removed_feedback_comes_back_as_it_was_with_undo(
    client: Client, therapist: User, assignment: Assignment, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same words, time, author and read time come back, and the client is not told again."""
    entry = thought_record(assignment)
    with time_machine.travel(datetime(2026, 11, 20, 9, 0, tzinfo=UTC), tick=False):
        services.leave_feedback(therapist=therapist, entry=entry, text="Great catch on the hot thought.")
    with time_machine.travel(datetime(2026, 11, 20, 18, 5, tzinfo=UTC), tick=False):
        services.mark_feedback_read(entry=Entry.objects.get(pk=entry.pk))
    before = Entry.objects.get(pk=entry.pk)
    told: list[Any] = []
    monkeypatch.setattr(services.hooks, "notify_client", lambda *args: told.append(args))
    client.force_login(therapist)

    page = client.post(f"{url(entry)}feedback/", {"text": ""}, follow=True).content.decode()
    undo = f"{url(entry)}feedback/undo/"
    assert "Your feedback is removed" in page and f'action="{undo}"' in page
    assert Entry.objects.get(pk=entry.pk).feedback == ""

    page = client.post(undo, follow=True).content.decode()
    assert "Undone: your feedback is back as it was." in page
    after = Entry.objects.get(pk=entry.pk)
    fields = ("feedback", "feedback_at", "feedback_by_id", "feedback_read_at")
    assert [getattr(after, name) for name in fields] == [getattr(before, name) for name in fields]
    assert told == []
    # A second Undo has nothing left to put back.
    assert "There is no removed feedback to put back" in client.post(undo, follow=True).content.decode()


def test_undo_never_overwrites_feedback_written_since(
    client: Client, therapist: User, assignment: Assignment
) -> None:
    entry = thought_record(assignment)
    services.leave_feedback(therapist=therapist, entry=entry, text="Old")
    client.force_login(therapist)
    client.post(f"{url(entry)}feedback/", {"text": ""})
    client.post(f"{url(entry)}feedback/", {"text": "Newer"})
    page = client.post(f"{url(entry)}feedback/undo/", follow=True).content.decode()
    assert "This entry has feedback again, written since, so nothing was changed." in page
    assert Entry.objects.get(pk=entry.pk).feedback == "Newer"


def test_feedback_on_another_therapists_clients_entry_is_404_and_writes_nothing(
    client: Client, therapist: User, other_assignment: Assignment
) -> None:
    entry = services.save_entry(
        occurrence=today_occurrence(other_assignment), fields={"prompt": "p", "text": "t"}, submit=True
    )
    client.force_login(therapist)
    assert client.post(f"{url(entry)}feedback/", {"text": "Forged"}).status_code == 404
    entry.refresh_from_db()
    assert entry.feedback == ""


def test_feedback_on_a_draft_is_404_and_writes_nothing(
    client: Client, therapist: User, client_user: User
) -> None:
    entry = journal_entry(therapist, client_user, private=False, submit=False)
    client.force_login(therapist)
    assert client.post(f"{url(entry)}feedback/", {"text": "Too early"}).status_code == 404
    entry.refresh_from_db()
    assert entry.feedback == ""


def test_feedback_refuses_get(client: Client, therapist: User, assignment: Assignment) -> None:
    entry = thought_record(assignment)
    client.force_login(therapist)
    assert client.get(f"{url(entry)}feedback/").status_code == 405


def test_feedback_is_for_therapists_only(client: Client, client_user: User, assignment: Assignment) -> None:
    entry = thought_record(assignment)
    assert client.post(f"{url(entry)}feedback/", {"text": "x"}).status_code == 302
    client.force_login(client_user)
    assert client.post(f"{url(entry)}feedback/", {"text": "x"}).status_code == 403
    entry.refresh_from_db()
    assert entry.feedback == ""
