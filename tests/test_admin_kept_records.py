"""Clinical records are kept for the retention period and go only with the purge of a closed
account (docs/data-rights.md), so the admin deletes none of them: no delete page, no "Delete
selected", no delete button; and history as written (logs, worksheets, ratings, responses,
occurrences) is view-only. The same holds for the therapist's decisions kept beside them: a
client's questionnaire settings and the shares of private notes (withdrawn only by their author)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.admin.sites import site
from django.db import models
from django.test import Client, RequestFactory
from django.utils import timezone

from homework import services
from homework.models import (
    Assignment,
    Entry,
    Goal,
    GoalRating,
    JournalEntry,
    Kind,
    Log,
    LogStatus,
    Occurrence,
    ThoughtRecord,
)
from homework.services import MoodData, Outcome, ThoughtData
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import CareRelationship, User
from measures import services as measures
from measures.models import InstrumentCode, MeasurePlan, MeasureResponse, MeasureSettings, Schedule
from sessions_app import services as sessions
from sessions_app.models import NotesShare
from sessions_app.tests.sessions_helpers import held_session

pytestmark = pytest.mark.django_db

KEPT = (
    Assignment,
    Occurrence,
    Log,
    Goal,
    Entry,
    ThoughtRecord,
    JournalEntry,
    MeasurePlan,
    MeasureResponse,
    MeasureSettings,
    NotesShare,
    CareRelationship,
)
VIEW_ONLY = (Occurrence, Log, Entry, ThoughtRecord, JournalEntry, MeasureResponse)


@pytest.fixture
def as_staff(client: Client, staff: User) -> Client:
    client.force_login(staff)
    return client


@pytest.fixture
def records(therapist: User, client_user: User, other_therapist: User) -> dict[str, models.Model]:
    assignment = make_assignment(therapist, client_user, Kind.THOUGHT_RECORD)
    occurrence = today_occurrence(assignment)
    entry = services.save_entry(
        occurrence=occurrence,
        fields={"situation": "At work"},
        submit=True,
        outcome=Outcome(status=LogStatus.DONE),
        moods=[MoodData(name="Anxious", intensity=70)],
        thoughts=[ThoughtData(text="They'll laugh", is_hot=True)],
    )
    goal = services.create_goal(client=client_user, created_by=therapist, text="Walk daily", rating=4)
    plan = measures.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument=InstrumentCode.PHQ9,
        schedule=Schedule.ONCE,
        starts_on=timezone.now().astimezone(client_user.zone).date(),  # the client's today
    )
    response = measures.submit_response(client=client_user, window=plan.windows.get(), answers=[1] * 9)
    settings = measures.set_show_scores(client=client_user, show=False)
    share = sessions.share_private_notes(
        author=therapist,
        client=client_user,
        shared_with=other_therapist,
        shared_by=therapist,
        session=held_session(therapist, client_user),
    )
    return {
        "assignment": assignment,
        "occurrence": occurrence,
        "log": Log.objects.get(occurrence=occurrence),
        "entry": Entry.objects.get(pk=entry.pk),
        "thoughtrecord": entry,
        "goal": goal,
        "measureplan": plan,
        "measureresponse": response,
        "measuresettings": settings,
        "notesshare": share,
        "carerelationship": CareRelationship.objects.get(client=client_user),
    }


def admin_of(model: type[models.Model]) -> Any:
    return site._registry[model]


@pytest.mark.parametrize("model", KEPT, ids=lambda model: model.__name__)
def test_no_clinical_admin_may_delete_or_offers_delete_selected(
    model: type[models.Model], staff: User
) -> None:
    request = RequestFactory().get("/admin/")
    request.user = staff
    model_admin = admin_of(model)
    assert not model_admin.has_delete_permission(request)
    assert "delete_selected" not in model_admin.get_actions(request)


@pytest.mark.parametrize("model", VIEW_ONLY, ids=lambda model: model.__name__)
def test_history_as_written_is_view_only(model: type[models.Model], staff: User) -> None:
    request = RequestFactory().get("/admin/")
    request.user = staff
    model_admin = admin_of(model)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert model_admin.has_view_permission(request)


def test_every_delete_page_is_refused_and_nothing_goes(
    as_staff: Client, records: dict[str, models.Model]
) -> None:
    for name, obj in records.items():
        app = obj._meta.app_label
        page = f"/admin/{app}/{name}/{obj.pk}/delete/"
        assert as_staff.get(page).status_code == 403, page
        assert as_staff.post(page, {"post": "yes"}).status_code == 403, page
        change = as_staff.get(f"/admin/{app}/{name}/{obj.pk}/change/").content.decode()
        assert f"/{obj.pk}/delete/" not in change, name
        assert type(obj)._default_manager.filter(pk=obj.pk).exists(), name


def test_delete_selected_deletes_nothing(as_staff: Client, records: dict[str, models.Model]) -> None:
    assignment = records["assignment"]
    response = as_staff.post(
        "/admin/homework/assignment/",
        {"action": "delete_selected", "_selected_action": [assignment.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    assert Assignment.objects.filter(pk=assignment.pk).exists()
    record = records["thoughtrecord"]
    assert isinstance(record, ThoughtRecord)
    assert record.moods.exists()
    assert record.thoughts.exists()


def test_delete_selected_keeps_settings_and_shares(
    as_staff: Client, records: dict[str, models.Model]
) -> None:
    for name in ("measuresettings", "notesshare"):
        obj = records[name]
        page = f"/admin/{obj._meta.app_label}/{name}/"
        response = as_staff.post(
            page, {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
        )
        assert response.status_code in (200, 302), name
        assert type(obj)._default_manager.filter(pk=obj.pk).exists(), name
    assert MeasureSettings.objects.get(pk=records["measuresettings"].pk).show_scores_to_client is False


def test_staff_can_still_switch_a_clients_scores_and_share_notes(
    as_staff: Client, records: dict[str, models.Model]
) -> None:
    settings = records["measuresettings"]
    form = as_staff.get(f"/admin/measures/measuresettings/{settings.pk}/change/").context["adminform"].form
    assert "show_scores_to_client" in form.fields
    assert as_staff.get("/admin/sessions_app/notesshare/add/").status_code == 200


def test_staff_can_still_correct_an_assignments_schedule(
    as_staff: Client, records: dict[str, models.Model]
) -> None:
    assignment = records["assignment"]
    assert isinstance(assignment, Assignment)
    form = as_staff.get(f"/admin/homework/assignment/{assignment.pk}/change/").context["adminform"].form
    assert {"start_date", "recurrence", "end_date", "preferred_time", "status"} <= set(form.fields)
    assert not {"client", "therapist", "kind"} & set(form.fields)


def test_a_goals_words_and_ratings_stay_as_written_while_its_status_can_change(
    as_staff: Client, records: dict[str, models.Model]
) -> None:
    goal = records["goal"]
    response = as_staff.get(f"/admin/homework/goal/{goal.pk}/change/")
    assert set(response.context["adminform"].form.fields) == {"status"}
    ratings = response.context["inline_admin_formsets"][0]
    assert not ratings.has_add_permission
    assert not ratings.has_change_permission
    assert not ratings.has_delete_permission
    assert GoalRating.objects.filter(goal_id=goal.pk).count() == 1


def test_a_care_relationship_on_a_users_page_cannot_be_deleted(as_staff: Client, client_user: User) -> None:
    response = as_staff.get(f"/admin/mallard/user/{client_user.pk}/change/")
    care = response.context["inline_admin_formsets"][0]
    assert not care.formset.can_delete


def test_a_responses_item_9_fields_are_named_in_words(
    as_staff: Client, records: dict[str, models.Model]
) -> None:
    response = records["measureresponse"]
    for page in (
        "/admin/measures/measureresponse/",
        f"/admin/measures/measureresponse/{response.pk}/change/",
    ):
        content = as_staff.get(page).content.decode()
        assert "Item 9 above 0" in content, page
        assert "Item9" not in content, page
    content = as_staff.get(f"/admin/measures/measureresponse/{response.pk}/change/").content.decode()
    assert "Item 9 reviewed at" in content and "Item 9 reviewed by" in content
