"""The JSON export: a client's own, and a therapist's export of one client."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from homework.models import Assignment
from mallard.models import AuditEntry, User
from mallard.retention import close_account
from mallard.tests.helpers import make_invitation
from reminders.models import AssignmentReminder
from tests import record_builders as rb

pytestmark = pytest.mark.django_db

CLIENT_JSON = reverse("mallard-data-json")


def therapist_json(client: User) -> str:
    return reverse("mallard-client-export-json", args=[client.pk])


def load(response: Any) -> dict[str, Any]:
    assert response.status_code == 200, response.status_code
    return json.loads(response.content)


@pytest.fixture
def record(therapist: User, client_user: User) -> None:
    rb.make_record(therapist, client_user)


def test_it_has_the_documented_top_level_keys(client: Client, client_user: User, record: None) -> None:
    data = load(rb.signed_in(client, client_user).get(CLIENT_JSON))

    assert set(data) == {"schema_version", "generated_at", "audience", "subject", "sections"}
    assert data["schema_version"] == 1
    assert data["audience"] == "client"
    assert datetime.fromisoformat(data["generated_at"]).tzinfo is not None
    assert data["subject"] == {
        "id": client_user.pk,
        "display_name": "Carol Chen",
        "email": "carol@example.com",
        "time_zone": "America/New_York",
        "closed_at": None,
    }
    assert list(data["sections"]) == ["people", "homework", "measures", "sessions", "reminders"]


def test_it_is_an_uncached_attachment_named_by_person_and_date(client: Client, client_user: User) -> None:
    client_user.display_name = "Tomás O'Brien-Ávila"
    client_user.save(update_fields=["display_name"])
    response = rb.signed_in(client, client_user).get(CLIENT_JSON)

    assert response["Content-Type"] == "application/json; charset=utf-8"
    today = timezone.now().astimezone(client_user.zone).date().isoformat()
    expected = f'attachment; filename="mallard-export-tomas-obrien-avila-{today}.json"'
    assert response["Content-Disposition"] == expected
    assert "no-store" in response["Cache-Control"]


def test_the_people_section_has_profile_care_and_invitations(
    client: Client, client_user: User, therapist: User, record: None
) -> None:
    people = load(rb.signed_in(client, client_user).get(CLIENT_JSON))["sections"]["people"]

    assert people["profile"]["email"] == "carol@example.com"
    assert "last_login" in people["profile"]
    assert [row["therapist_id"] for row in people["care_relationships"]] == [therapist.pk]
    assert people["care_relationships"][0]["ended_at"] is None
    assert people["invitations_accepted"] == []


def test_the_client_gets_every_homework_row_including_private_and_drafts(
    client: Client, client_user: User, record: None
) -> None:
    homework = load(rb.signed_in(client, client_user).get(CLIENT_JSON))["sections"]["homework"]

    assert len(homework["assignments"]) == 6
    assert len(homework["occurrences"]) == 6
    assert len(homework["logs"]) == 6
    assert rb.PRIVATE_LOG_NOTE in {log["note"] for log in homework["logs"]}
    entries = homework["entries"]
    assert set(entries) == {
        "thought_record",
        "behavioral_experiment",
        "journal",
        "relaxation",
        "reading",
        "skill_practice",
    }
    (journal,) = entries["journal"]
    assert journal["text"] == rb.PRIVATE_JOURNAL
    assert journal["is_private"] is True
    (draft,) = entries["relaxation"]
    assert draft["comments"] == rb.DRAFT_TEXT
    assert draft["is_draft"] is True
    (thought_record,) = entries["thought_record"]
    assert thought_record["situation"] == rb.SITUATION
    assert thought_record["moods"][0]["name"] == "Anxious"
    assert thought_record["automatic_thoughts"][0]["is_hot"] is True
    assert "search_text" not in thought_record
    (goal,) = homework["goals"]
    assert goal["text"].startswith(rb.GOAL_TEXT)
    assert [rating["rating"] for rating in goal["ratings"]] == [4]


def test_the_client_gets_summaries_and_reflections_but_never_private_notes(
    client: Client, client_user: User, record: None
) -> None:
    response = rb.signed_in(client, client_user).get(CLIENT_JSON)
    sessions = load(response)["sections"]["sessions"]

    (session,) = sessions["sessions"]
    assert session["summary"] == rb.SUMMARY_TEXT
    assert session["therapist_name"] == "Alice Adeyemi"
    assert "private_notes" not in session
    assert sessions["reflections"][0]["stood_out"] == rb.REFLECTION_TEXT
    assert [item["text"] for item in sessions["action_items"]] == [rb.SUMMARY_ITEM]
    assert rb.THERAPIST_NOTES.encode() not in response.content
    assert rb.NOTES_ITEM.encode() not in response.content


def test_the_client_gets_their_reminders_and_notifications(
    client: Client, client_user: User, record: None
) -> None:
    reminders = load(rb.signed_in(client, client_user).get(CLIENT_JSON))["sections"]["reminders"]

    assert reminders["preferences"]["daily_cap"] == 2
    assert len(reminders["reminders"]) == 1
    assert reminders["reminders"][0]["status"] == "sent"
    assert reminders["notifications"][0]["text"] == rb.NOTIFICATION_TEXT
    assert reminders["assignment_reminders"] == []


def test_the_therapist_sees_what_the_site_shows_them_and_no_private_content(
    client: Client, therapist: User, client_user: User, record: None
) -> None:
    response = rb.signed_in(client, therapist).get(therapist_json(client_user))
    data = load(response)

    assert data["audience"] == "therapist"
    homework = data["sections"]["homework"]
    assert homework["entries"]["relaxation"] == []  # drafts stay the client's own
    (journal,) = homework["entries"]["journal"]
    assert journal["is_private"] is True
    assert "text" not in journal
    assert "prompt" not in journal
    journal_log = next(log for log in homework["logs"] if log["occurrence_id"] == journal["occurrence_id"])
    assert journal_log["note"] is None
    assert journal_log["status"] == "done"
    for hidden in (rb.PRIVATE_JOURNAL, rb.PRIVATE_LOG_NOTE, rb.DRAFT_TEXT, rb.NOTIFICATION_TEXT):
        assert hidden.encode() not in response.content
    assert "last_login" not in data["sections"]["people"]["profile"]


def test_the_therapist_export_has_their_session_notes_and_delivery_status(
    client: Client, therapist: User, client_user: User, record: None
) -> None:
    data = load(rb.signed_in(client, therapist).get(therapist_json(client_user)))

    (session,) = data["sections"]["sessions"]["sessions"]
    assert session["private_notes"] == rb.THERAPIST_NOTES
    items = {item["text"] for item in data["sections"]["sessions"]["action_items"]}
    assert items == {rb.NOTES_ITEM, rb.SUMMARY_ITEM}
    delivery = data["sections"]["reminders"]["delivery"]
    assert delivery["enabled"] is True
    assert delivery["sent"] == 1
    assert set(data["sections"]["reminders"]) == {"delivery"}


def test_the_therapist_export_holds_only_their_own_care_relationships(
    client: Client, therapist: User, other_therapist: User, client_user: User
) -> None:
    from mallard.services import move_client

    move_client(client=client_user, to_therapist=other_therapist)
    move_client(client=client_user, to_therapist=therapist)

    data = load(rb.signed_in(client, therapist).get(therapist_json(client_user)))

    care = data["sections"]["people"]["care_relationships"]
    assert {row["therapist_id"] for row in care} == {therapist.pk}
    assert len(care) == 2


def test_another_therapists_client_is_not_found(
    client: Client, therapist: User, other_client: User, record: None
) -> None:
    response = rb.signed_in(client, therapist).get(therapist_json(other_client))

    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()


def test_a_former_therapist_cannot_export_after_the_client_moved(
    client: Client, therapist: User, other_therapist: User, client_user: User
) -> None:
    from mallard.services import move_client

    move_client(client=client_user, to_therapist=other_therapist)

    assert rb.signed_in(client, therapist).get(therapist_json(client_user)).status_code == 404


def test_the_last_therapist_can_export_a_closed_account_during_retention(
    client: Client, therapist: User, client_user: User, record: None
) -> None:
    close_account(client=client_user)

    data = load(rb.signed_in(client, therapist).get(therapist_json(client_user)))

    assert data["subject"]["closed_at"] is not None
    assert len(data["sections"]["homework"]["assignments"]) == 6


@pytest.mark.parametrize("url_name", ["mallard-data-json", "mallard-data-report"])
def test_an_anonymous_visitor_is_sent_to_sign_in(client: Client, url_name: str) -> None:
    response = client.get(reverse(url_name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_an_anonymous_visitor_is_sent_to_sign_in_from_a_therapist_export(
    client: Client, client_user: User
) -> None:
    response = client.get(therapist_json(client_user))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_only_answers_get(client: Client, client_user: User, therapist: User, method: str) -> None:
    assert getattr(rb.signed_in(client, client_user), method)(CLIENT_JSON).status_code == 405
    assert getattr(rb.signed_in(client, therapist), method)(therapist_json(client_user)).status_code == 405


def test_it_asks_for_the_password_again_first(client: Client, client_user: User, therapist: User) -> None:
    client.force_login(client_user)
    response = client.get(CLIENT_JSON)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))

    client.force_login(therapist)
    response = client.get(therapist_json(client_user))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()


def test_another_therapists_client_is_a_404_before_any_password_prompt(
    client: Client, therapist: User, other_client: User
) -> None:
    client.force_login(therapist)
    for url in (therapist_json(other_client), reverse("mallard-client-report", args=[other_client.pk])):
        assert client.get(url).status_code == 404
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()


def test_roles_are_kept_apart(client: Client, client_user: User, therapist: User) -> None:
    assert rb.signed_in(client, therapist).get(CLIENT_JSON).status_code == 403
    assert rb.signed_in(client, client_user).get(therapist_json(client_user)).status_code == 403


def test_every_export_is_recorded_in_the_audit_trail(
    client: Client, client_user: User, therapist: User
) -> None:
    rb.signed_in(client, client_user).get(CLIENT_JSON)
    rb.signed_in(client, therapist).get(therapist_json(client_user))

    rows = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).order_by("pk")
    assert [(row.actor_id, row.client_id, row.additional_data) for row in rows] == [
        (client_user.pk, client_user.pk, {"format": "json"}),
        (therapist.pk, client_user.pk, {"format": "json"}),
    ]


@pytest.mark.parametrize("viewer", ["client_user", "therapist"])
def test_the_query_count_does_not_grow_with_the_record(
    client: Client,
    therapist: User,
    client_user: User,
    viewer: str,
    request: pytest.FixtureRequest,
    django_assert_max_num_queries: Any,
) -> None:
    user = request.getfixturevalue(viewer)
    url = CLIENT_JSON if viewer == "client_user" else therapist_json(client_user)
    rb.signed_in(client, user)
    rb.make_record(therapist, client_user, size=1)
    with django_assert_max_num_queries(40) as small:
        load(client.get(url))
    rb.make_record(therapist, client_user, size=5)
    with django_assert_max_num_queries(len(small.captured_queries)):
        data = load(client.get(url))
    assert len(data["sections"]["homework"]["assignments"]) == 12


def keys_of(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in keys_of(item)}
    if isinstance(value, list):
        return {key for item in value for key in keys_of(item)}
    return set()


def test_every_key_is_documented(client: Client, therapist: User, client_user: User, record: None) -> None:
    make_invitation(therapist, "carol@example.com", accepted_by=client_user)
    AssignmentReminder.objects.create(assignment=Assignment.objects.filter(client=client_user).earliest("pk"))
    docs = (Path(settings.BASE_DIR) / "docs" / "data-rights.md").read_text()
    own = load(rb.signed_in(client, client_user).get(CLIENT_JSON))
    theirs = load(rb.signed_in(client, therapist).get(therapist_json(client_user)))

    keys = keys_of(own) | keys_of(theirs)
    assert {"private_notes", "delivery", "moods", "ratings", "time_of_day"} <= keys
    assert sorted(key for key in keys if f"`{key}`" not in docs) == []


def test_it_holds_the_questionnaires_for_the_client_and_their_therapist(
    client: Client, therapist: User, client_user: User, record: None
) -> None:
    own = load(rb.signed_in(client, client_user).get(CLIENT_JSON))["sections"]["measures"]
    (response,) = own["responses"]
    assert (response["instrument"], response["answers"], response["total"]) == (
        "phq9",
        rb.MEASURE_ANSWERS,
        sum(rb.MEASURE_ANSWERS),
    )
    assert response["item9_positive"] is True
    assert len(own["plans"]) == len(own["windows"]) == 1
    assert own["settings"] == {"show_scores_to_client": True}
    theirs = load(rb.signed_in(client, therapist).get(therapist_json(client_user)))["sections"]["measures"]
    assert theirs["responses"] == own["responses"]


def test_a_note_added_to_a_one_tap_log_is_in_both_exports(
    client: Client, therapist: User, client_user: User
) -> None:
    from homework.models import Kind
    from homework.tests.conftest import make_assignment, today_occurrence

    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.RELAXATION))
    signed = rb.signed_in(client, client_user)
    signed.post(
        reverse("homework-quick-log", args=[occurrence.pk]), {"status": "done", "note": "Calmer after"}
    )

    (log,) = load(signed.get(CLIENT_JSON))["sections"]["homework"]["logs"]
    assert (log["status"], log["note"]) == ("done", "Calmer after")
    (log,) = load(rb.signed_in(Client(), therapist).get(therapist_json(client_user)))["sections"]["homework"][
        "logs"
    ]
    assert log["note"] == "Calmer after"


def test_a_not_today_is_in_both_exports_and_outlives_its_occurrence(
    client: Client, therapist: User, client_user: User
) -> None:
    from homework import services
    from homework.models import NotDoneReason
    from homework.tests.test_not_today import NOW, open_slot, weekly

    with time_machine.travel(NOW, tick=False):  # a Wednesday: a weekly item still has days left
        occurrence = open_slot(weekly(therapist, client_user))
        skip = services.skip_today(occurrence=occurrence, reason=NotDoneReason.NO_TIME, note="Long shift")
    occurrence.delete()  # as a change of schedule removes it; the "not today" stays

    for viewer, url in ((client_user, CLIENT_JSON), (therapist, therapist_json(client_user))):
        (row,) = load(rb.signed_in(Client(), viewer).get(url))["sections"]["homework"]["not_today"]
        assert row == {
            "id": skip.pk,
            "occurrence_id": None,
            "assignment_id": occurrence.assignment_id,
            "client_id": client_user.pk,
            "day": skip.day.isoformat(),
            "reason": "no_time",
            "note": "Long shift",
            "created_at": row["created_at"],
        }


def test_download_json_lands_on_the_data_page_saying_the_download_started(
    client: Client, client_user: User
) -> None:
    """After the password is confirmed, the page says the download started and fetches the file,
    instead of leaving "Confirm it's you" on the screen as if nothing happened."""
    client.force_login(client_user)
    download = reverse("mallard-data-download")
    asked = client.get(download)
    assert asked.status_code == 302
    assert f"next={download.replace('/', '%2F')}" in asked["Location"]  # back here once confirmed

    rb.reauthenticate(client, client_user)
    page = client.get(download).content.decode()
    assert "Your download has started." in page
    assert f'<meta http-equiv="refresh" content="0;url={CLIENT_JSON}">' in page
    assert f'<a href="{CLIENT_JSON}">download the file</a>' in page
    assert load(client.get(CLIENT_JSON))["subject"]["email"] == client_user.email
    # The data page itself fetches nothing.
    assert "http-equiv" not in client.get(reverse("mallard-data")).content.decode()
