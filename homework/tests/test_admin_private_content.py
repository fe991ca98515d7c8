"""Staff manage worksheets in the admin without reading them (docs/security.md, "Private content
in the admin"). A client writes for themselves and their therapist; the admin shows who, which
kind, when and its state, and never what was written: no field, inline, list column or search
carries it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from homework import services
from homework.models import Entry, Kind, LogStatus, NotDoneReason
from homework.services import MoodData, Outcome, ThoughtData
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User

pytestmark = pytest.mark.django_db

SECRET = "Nobody knows about the bridge"


@pytest.fixture
def as_staff(client: Client, staff: User) -> Client:
    client.force_login(staff)
    return client


def worksheets(therapist: User, client_user: User) -> list[Entry]:
    """One entry of every kind, each with the secret in every field the client writes."""
    done = Outcome(status=LogStatus.DONE, minutes_spent=10, helpfulness=6)
    kinds: dict[Kind, dict[str, Any]] = {
        Kind.THOUGHT_RECORD: {"situation": SECRET, "evidence_for": SECRET, "alternative_thought": SECRET},
        Kind.BEHAVIORAL_EXPERIMENT: {
            "belief": SECRET,
            "belief_strength": 70,
            "experiment": SECRET,
            "learned": SECRET,
        },
        Kind.JOURNAL: {"prompt": "How was today?", "text": SECRET, "is_private": True},
        Kind.RELAXATION: {"technique": SECRET, "minutes": 10, "comments": SECRET},
        Kind.READING: {
            "resource_title": "A leaflet",
            "was_read": True,
            "takeaways": SECRET,
            "questions": SECRET,
        },
        Kind.SKILL_PRACTICE: {"skill": SECRET, "what_i_did": SECRET, "learned": SECRET},
    }
    entries = []
    for kind, fields in kinds.items():
        occurrence = today_occurrence(make_assignment(therapist, client_user, kind))
        record = kind == Kind.THOUGHT_RECORD
        entries.append(
            services.save_entry(
                occurrence=occurrence,
                fields=fields,
                submit=True,
                outcome=done,
                moods=[MoodData(name=SECRET[:60], intensity=80)] if record else None,
                thoughts=[ThoughtData(text=SECRET, is_hot=True)] if record else None,
            )
        )
    return entries


def test_no_admin_page_shows_what_a_client_wrote(
    as_staff: Client, therapist: User, client_user: User
) -> None:
    entries = worksheets(therapist, client_user)
    assert Entry.objects.filter(is_private=True).exists()
    for entry in entries:
        model = type(entry)._meta.model_name
        for page in (
            f"/admin/homework/{model}/",
            f"/admin/homework/{model}/?q=bridge",
            f"/admin/homework/{model}/{entry.pk}/change/",
            f"/admin/homework/entry/{entry.pk}/change/",
        ):
            response = as_staff.get(page)
            assert response.status_code == 200, page
            assert SECRET not in response.content.decode(), page


def test_searching_for_the_words_finds_nothing(as_staff: Client, therapist: User, client_user: User) -> None:
    worksheets(therapist, client_user)
    response = as_staff.get("/admin/homework/journalentry/?q=bridge")
    assert response.context["cl"].result_count == 0
    # Staff still find a client's worksheets by who they are.
    assert as_staff.get("/admin/homework/journalentry/?q=carol").context["cl"].result_count == 1


@pytest.mark.parametrize("status", [LogStatus.NOT_DONE, LogStatus.DONE])
def test_a_log_note_stays_out_of_the_admin(
    as_staff: Client, therapist: User, client_user: User, status: LogStatus
) -> None:
    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.RELAXATION))
    reason = NotDoneReason.AVOIDED if status == LogStatus.NOT_DONE else ""
    log = services.log_occurrence(occurrence=occurrence, status=status, reason=reason, note=SECRET)
    for page in (
        "/admin/homework/log/",
        f"/admin/homework/log/{log.pk}/change/",
        "/admin/homework/log/?q=bridge",
    ):
        assert SECRET not in as_staff.get(page).content.decode(), page


def test_a_goal_ratings_note_stays_out_of_the_admin(
    as_staff: Client, therapist: User, client_user: User
) -> None:
    goal = services.create_goal(client=client_user, created_by=therapist, text="Walk daily")
    services.rate_goal(goal=goal, rating=6, rated_by=client_user, note=SECRET)
    for page in (
        "/admin/homework/goal/",
        f"/admin/homework/goal/{goal.pk}/change/",
        "/admin/homework/goal/?q=bridge",
    ):
        html = as_staff.get(page).content.decode()
        assert SECRET not in html, page
    assert "Walk daily" not in as_staff.get("/admin/homework/goal/?q=bridge").content.decode()


def test_an_entry_page_shows_who_what_kind_when_and_its_state_only(
    as_staff: Client, therapist: User, client_user: User
) -> None:
    for entry in worksheets(therapist, client_user):
        response = as_staff.get(f"/admin/homework/{type(entry)._meta.model_name}/{entry.pk}/change/")
        shown = {field for fieldset in response.context["adminform"] for line in fieldset for field in line}
        names = {
            field.field["name"] if isinstance(field.field, dict) else field.field.name for field in shown
        }
        assert names == {
            "client",
            "assignment",
            "occurrence",
            "kind",
            "is_draft",
            "is_private",
            "created_at",
            "updated_at",
            "submitted_at",
            "feedback_at",
            "feedback_by",
            "feedback_read_at",
        }
        assert not response.context["inline_admin_formsets"]


@pytest.mark.parametrize("path", ["/admin/homework/assignment/add/", "/admin/homework/goal/add/"])
def test_an_add_page_ignores_an_id_in_the_query_string_that_is_no_id(as_staff: Client, path: str) -> None:
    response = as_staff.get(path, {"client": "²", "therapist": "9" * 40, "template": "-1"})
    assert response.status_code == 200
