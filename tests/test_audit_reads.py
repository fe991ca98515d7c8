"""Reads of clinical data by therapists, and exports, are recorded; a client reading their own is not."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.db import connection
from django.test import Client, RequestFactory

from homework import services
from homework.models import Assignment, Entry, Kind, Log, LogStatus
from homework.services import Outcome
from homework.tests.conftest import make_assignment, today_occurrence
from mallard import audit
from mallard.models import AuditEntry, User
from measures import services as measures_services
from measures.models import MeasurePlan, Schedule
from sessions_app.models import ProposedAction, TherapySession
from sessions_app.tests.actions_helpers import make_proposal
from sessions_app.tests.sessions_helpers import held_session, make_reflection

AssertQueries = Callable[..., AbstractContextManager[Any]]

pytestmark = pytest.mark.django_db


def reads() -> list[tuple[type, int, str]]:
    return [
        (row.content_type.model_class(), row.object_id, row.view_name)
        for row in AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).order_by("pk")
    ]


def submitted_entry(therapist: User, client_user: User) -> Entry:
    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.RELAXATION))
    return services.save_entry(
        occurrence=occurrence,
        fields={"technique": "Paced breathing", "minutes": 10},
        submit=True,
        outcome=Outcome(status=LogStatus.DONE),
    )


@pytest.fixture
def as_therapist(client: Client, therapist: User) -> Client:
    client.force_login(therapist)
    return client


def test_the_client_homework_page_records_the_whole_record(as_therapist: Client, client_user: User) -> None:
    assert as_therapist.get(f"/clients/{client_user.pk}/homework/").status_code == 200
    assert reads() == [(User, client_user.pk, "homework-client")]
    row = AuditEntry.objects.get()
    assert row.client_id == client_user.pk and row.object_repr == f"Client record #{client_user.pk}"


def test_an_entry_page_records_the_entry_and_its_log(
    as_therapist: Client, therapist: User, client_user: User
) -> None:
    entry = submitted_entry(therapist, client_user)
    log = Log.objects.get(occurrence=entry.occurrence)
    assert as_therapist.get(f"/clients/entries/{entry.pk}/").status_code == 200
    assert reads() == [(Entry, entry.pk, "homework-client-entry"), (Log, log.pk, "homework-client-entry")]


def test_editing_an_assignment_records_reading_it(
    as_therapist: Client, therapist: User, client_user: User
) -> None:
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL)
    assert as_therapist.get(f"/assignments/{assignment.pk}/edit/").status_code == 200
    assert reads() == [(Assignment, assignment.pk, "homework-assignment-edit")]


def ask_phq9(therapist: User, client_user: User) -> MeasurePlan:
    today = services.client_today(client_user)
    return measures_services.assign_measure(
        therapist=therapist, client=client_user, instrument="phq9", schedule=Schedule.ONCE, starts_on=today
    )


def test_the_questionnaire_page_records_the_whole_record(
    as_therapist: Client, therapist: User, client_user: User
) -> None:
    ask_phq9(therapist, client_user)
    assert as_therapist.get(f"/clients/{client_user.pk}/questionnaires/").status_code == 200
    assert reads() == [(User, client_user.pk, "measures-client")]
    row = AuditEntry.objects.get(action=AuditEntry.Action.ACCESS)
    assert (row.actor_id, row.client_id) == (therapist.pk, client_user.pk)


def test_the_questionnaire_page_shown_again_with_form_errors_records_the_read(
    as_therapist: Client, client_user: User
) -> None:
    response = as_therapist.post(f"/clients/{client_user.pk}/questionnaires/", {"instrument": "nope"})
    assert response.status_code == 400
    assert reads() == [(User, client_user.pk, "measures-client")]


# Not "page": that name is the browser fixture's, and would make this a browser test.
@pytest.mark.parametrize(("step", "view_name"), [("edit", "measures-plan-edit"), ("stop", "measures-stop")])
def test_changing_or_stopping_a_plan_records_reading_it(
    as_therapist: Client, therapist: User, client_user: User, step: str, view_name: str
) -> None:
    plan = ask_phq9(therapist, client_user)
    assert as_therapist.get(f"/clients/{client_user.pk}/questionnaires/{plan.pk}/{step}/").status_code == 200
    assert reads() == [(MeasurePlan, plan.pk, view_name)]


def test_a_stopped_plan_redirects_and_records_no_read(
    as_therapist: Client, therapist: User, client_user: User
) -> None:
    plan = ask_phq9(therapist, client_user)
    measures_services.stop_plan(plan=plan)
    response = as_therapist.get(f"/clients/{client_user.pk}/questionnaires/{plan.pk}/edit/")
    assert response.status_code == 302
    assert reads() == []


def test_the_caseload_records_one_row_per_client_shown(
    as_therapist: Client, therapist: User, client_user: User
) -> None:
    assert as_therapist.get("/caseload/").status_code == 200
    assert reads() == [(User, client_user.pk, "sessions-caseload")]


def test_the_overview_records_the_whole_record(as_therapist: Client, client_user: User) -> None:
    assert as_therapist.get(f"/clients/{client_user.pk}/overview/").status_code == 200
    assert reads() == [(User, client_user.pk, "sessions-client-overview")]


def test_the_pre_session_summary_records_the_session_and_the_record(
    as_therapist: Client, therapist: User, client_user: User
) -> None:
    session = held_session(therapist, client_user, days=1)
    assert as_therapist.get(f"/sessions/{session.pk}/summary/").status_code == 200
    assert reads() == [
        (TherapySession, session.pk, "sessions-summary"),
        (User, client_user.pk, "sessions-summary"),
    ]


def test_the_sessions_list_records_the_whole_record(as_therapist: Client, client_user: User) -> None:
    assert as_therapist.get(f"/clients/{client_user.pk}/sessions/").status_code == 200
    assert reads() == [(User, client_user.pk, "sessions-client-sessions")]


def test_a_session_page_records_the_notes_reflection_and_proposals(
    as_therapist: Client, therapist: User, client_user: User
) -> None:
    session = held_session(therapist, client_user)
    reflection = make_reflection(session)
    proposal = make_proposal(session)
    assert as_therapist.get(f"/sessions/{session.pk}/").status_code == 200
    page = "sessions-session"
    assert [model.__name__ for model, _, _ in reads()] == ["TherapySession", "Reflection", "ProposedAction"]
    assert {(pk, view) for _, pk, view in reads()} == {
        (session.pk, page),
        (reflection.pk, page),
        (proposal.pk, page),
    }


def test_confirming_a_proposal_records_reading_it(
    as_therapist: Client, therapist: User, client_user: User
) -> None:
    proposal = make_proposal(held_session(therapist, client_user))
    assert as_therapist.get(f"/proposals/{proposal.pk}/confirm/").status_code == 200
    assert reads() == [(ProposedAction, proposal.pk, "sessions-action-confirm")]


def test_a_refused_request_records_nothing(client: Client, other_therapist: User, client_user: User) -> None:
    client.force_login(other_therapist)
    assert client.get(f"/clients/{client_user.pk}/homework/").status_code == 404
    assert not AuditEntry.objects.exists()


def test_a_client_reading_their_own_data_is_not_recorded(
    client: Client, therapist: User, client_user: User
) -> None:
    entry = submitted_entry(therapist, client_user)
    before = AuditEntry.objects.count()
    client.force_login(client_user)
    for page in (f"/homework/entries/{entry.pk}/", "/homework/history/", "/homework/goals/", "/my/sessions/"):
        assert client.get(page).status_code == 200, page
    assert AuditEntry.objects.count() == before


def test_record_access_writes_every_row_in_one_insert(
    rf: RequestFactory, therapist: User, client_user: User, django_assert_num_queries: AssertQueries
) -> None:
    session = held_session(therapist, client_user)
    reflection = make_reflection(session)
    request = rf.get("/", REMOTE_ADDR="192.0.2.4")
    request.user = therapist
    audit.record_access(request, [client_user], client=client_user)  # warm the content-type cache
    with django_assert_num_queries(1):
        audit.record_access(request, [session, reflection, client_user], client=client_user)
    rows = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS)
    assert rows.count() == 4
    assert {row.remote_addr for row in rows} == {"192.0.2.4"}
    assert {row.view_name for row in rows} == {"task"}  # no resolved URL in a bare request


def test_record_export_records_the_format_and_the_page(
    client: Client, therapist: User, client_user: User
) -> None:
    client.force_login(therapist)
    request = RequestFactory().get("/")
    request.user = therapist
    audit.record_export(request, client=client_user, export_format="json")
    row = AuditEntry.objects.get()
    assert row.action == AuditEntry.Action.EXPORT
    assert row.get_action_display() == "exported"
    assert row.additional_data == {"format": "json"}
    assert row.view_name == "export"
    assert (row.actor_id, row.client_id) == (therapist.pk, client_user.pk)


def test_a_clients_own_export_is_recorded(rf: RequestFactory, client_user: User) -> None:
    request = rf.get("/")
    request.user = client_user
    audit.record_export(request, client=client_user, export_format="html")
    assert AuditEntry.objects.get().actor_id == client_user.pk


def _columns(row: AuditEntry) -> dict[str, Any]:
    return {
        field.attname: getattr(row, field.attname)
        for field in AuditEntry._meta.concrete_fields
        if field.attname not in ("id", "timestamp")
    }


def test_appended_rows_read_back_as_the_model_would_write_them(
    rf: RequestFactory, therapist: User, client_user: User
) -> None:
    session = held_session(therapist, client_user)
    request = rf.get("/", REMOTE_ADDR="2001:db8::7")
    request.user = therapist
    audit.record_export(request, client=client_user, export_format="json")
    audit.record_access(request, [session], client=client_user)
    exported, read = AuditEntry.objects.filter(
        action__in=[AuditEntry.Action.EXPORT, AuditEntry.Action.ACCESS]
    ).order_by("pk")
    by_model = [
        AuditEntry.objects.create(
            content_type=exported.content_type,
            object_pk=str(client_user.pk),
            object_id=client_user.pk,
            object_repr=f"Client record #{client_user.pk}",
            action=AuditEntry.Action.EXPORT,
            actor=therapist,
            actor_email=therapist.email,
            client=client_user,
            remote_addr="2001:db8::7",
            view_name="export",
            additional_data={"format": "json"},
        ),
        AuditEntry.objects.create(
            content_type=read.content_type,
            object_pk=str(session.pk),
            object_id=session.pk,
            object_repr=f"Therapy session #{session.pk}",
            action=AuditEntry.Action.ACCESS,
            actor=therapist,
            actor_email=therapist.email,
            client=client_user,
            remote_addr="2001:db8::7",
            view_name="task",
        ),
    ]
    for appended, written in zip((exported, read), by_model, strict=True):
        appended.refresh_from_db()
        written.refresh_from_db()
        assert _columns(appended) == _columns(written)
        assert abs((appended.timestamp - written.timestamp).total_seconds()) < 60
    assert read.content_type.model_class() is TherapySession


def test_a_long_list_is_written_in_one_insert_on_postgresql_and_in_chunks_on_sqlite(
    rf: RequestFactory,
    therapist: User,
    client_user: User,
    monkeypatch: pytest.MonkeyPatch,
    django_assert_num_queries: AssertQueries,
) -> None:
    monkeypatch.setattr(audit, "_APPEND_CHUNK", 2)
    sessions = [held_session(therapist, client_user, days=-days) for days in (1, 8, 15, 22, 29)]
    request = rf.get("/")
    request.user = therapist
    audit.record_access(request, [client_user], client=client_user)  # warm the content-type cache
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 3):
        audit.record_access(request, sessions, client=client_user)
    written = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, content_type__model="therapysession")
    assert sorted(written.values_list("object_id", flat=True)) == sorted(s.pk for s in sessions)
