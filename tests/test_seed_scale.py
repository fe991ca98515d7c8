"""``seed_scale``: a large, realistic data set made quickly, within every rule the app keeps."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from homework.models import (
    ENTRY_MODELS,
    REQUIRED_TO_FINISH,
    Assignment,
    AutomaticThought,
    Entry,
    Goal,
    GoalRating,
    Log,
    LogStatus,
    Occurrence,
    ThoughtRecord,
)
from mallard import scale
from mallard.models import CareRelationship, Role, User
from measures.models import MeasureResponse
from measures.scoring import score
from reminders import planning
from reminders.models import Reminder, ReminderPreferences, ReminderStatus
from sessions_app.models import ProposedAction, SessionStatus, TherapySession

pytestmark = pytest.mark.django_db

SMALL = ["--therapists", "2", "--clients-per-therapist", "4", "--days", "28"]


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_scale", *SMALL, *args, stdout=out)
    return out.getvalue()


def test_it_makes_therapists_and_clients_who_can_sign_in() -> None:
    output = seed("--password", "a-long-benchmark-password")

    therapists = User.objects.filter(email__endswith="@scale.mallard.test", role=Role.THERAPIST)
    clients = User.objects.filter(email__endswith="@scale.mallard.test", role=Role.CLIENT)
    assert therapists.count() == 2
    assert clients.count() == 8
    assert CareRelationship.objects.filter(client__in=clients, ended_at__isnull=True).count() == 8
    assert (
        EmailAddress.objects.filter(user__in=[*therapists, *clients], verified=True, primary=True).count()
        == 10
    )
    assert Authenticator.objects.filter(user__in=therapists, type=Authenticator.Type.TOTP).count() == 2
    assert len(set(clients.values_list("time_zone", flat=True))) > 1
    assert "therapist1@scale.mallard.test" in output
    assert "client1@scale.mallard.test" in output
    assert "homework_occurrence" in output
    assert " s (seed 1)" in output
    browser = Client()
    assert browser.login(email="client1@scale.mallard.test", password="a-long-benchmark-password")
    assert browser.get(reverse("homework-today")).status_code == 200


def test_each_client_has_a_lived_in_history() -> None:
    seed()
    client = User.objects.get(email="client1@scale.mallard.test")
    kinds = set(Assignment.objects.filter(client=client).values_list("kind", flat=True))
    assert Assignment.objects.filter(client=client).count() == 8
    assert len(kinds) >= 3
    assert Occurrence.objects.filter(client=client).exists()
    logs = Log.objects.filter(client=client)
    assert logs.exists()
    assert logs.count() < Occurrence.objects.filter(client=client).count()  # gaps: not everything is logged
    assert Entry.objects.filter(client=client, is_draft=False).exists()
    assert GoalRating.objects.filter(goal__client=client).exists()
    sessions = TherapySession.objects.filter(client=client)
    assert sessions.filter(status=SessionStatus.HELD).exclude(summary="").exists()
    assert sessions.filter(status=SessionStatus.SCHEDULED).count() == 1
    assert ReminderPreferences.objects.filter(user=client).exists()


def test_every_generated_row_passes_the_models_own_validation() -> None:
    seed()
    people = scale.scale_users()
    checked: list[Any] = [
        *Assignment.objects.filter(client__in=people)[:40],
        *Log.objects.filter(client__in=people)[:200],
        *Goal.objects.filter(client__in=people),
        *GoalRating.objects.filter(goal__client__in=people)[:40],
        *TherapySession.objects.filter(client__in=people)[:40],
        *ProposedAction.objects.filter(session__client__in=people)[:40],
        *Reminder.objects.filter(user__in=people)[:100],
    ]
    for model in ENTRY_MODELS.values():  # drafts may leave answers empty, as the app lets them
        checked += model.objects.filter(client__in=people, is_draft=False)[:30]
    for row in checked:
        row.full_clean(validate_unique=False)
    for log in Log.objects.filter(client__in=people):
        assert (log.status == LogStatus.NOT_DONE) == bool(log.reason)
        assert log.occurrence.client_id == log.client_id == log.assignment.client_id


def test_finished_worksheets_have_the_answers_a_finished_worksheet_needs() -> None:
    seed()
    for kind, model in ENTRY_MODELS.items():
        for entry in model.objects.filter(client__in=scale.scale_users(), is_draft=False):
            for name in REQUIRED_TO_FINISH[kind]:
                assert getattr(entry, name) not in (None, ""), (kind, name)
    for record in ThoughtRecord.objects.filter(client__in=scale.scale_users(), is_draft=False):
        assert AutomaticThought.objects.filter(record=record, is_hot=True).count() == 1


def test_the_reminder_planner_agrees_with_every_generated_reminder() -> None:
    seed()
    clients = User.objects.filter(email__endswith="@scale.mallard.test", role=Role.CLIENT)
    assert Reminder.objects.filter(user__in=clients, status=ReminderStatus.SENT).exists()
    assert Reminder.objects.filter(user__in=clients, status=ReminderStatus.PENDING).exists()
    with transaction.atomic():
        assert sum(planning.plan_for_client(client) for client in clients) == 0
        transaction.set_rollback(True)


def test_the_same_seed_makes_the_same_data() -> None:
    def snapshot() -> tuple[Any, ...]:
        people = scale.scale_users()
        return (
            sorted(people.values_list("email", "display_name", "time_zone")),
            sorted(Log.objects.filter(client__in=people).values_list("client__email", "status", "reason")),
            Entry.objects.filter(client__in=people).count(),
        )

    seed("--seed", "5")
    first = snapshot()
    seed("--seed", "5", "--flush")
    assert snapshot() == first
    seed("--seed", "6", "--flush")
    assert snapshot() != first


def test_it_refuses_to_add_a_second_set_without_flush() -> None:
    seed()
    with pytest.raises(CommandError, match="--flush"):
        seed()


def test_flush_removes_only_the_generated_people(therapist: User, client_user: User) -> None:
    seed()
    output = seed("--flush")
    assert "Removed" in output
    assert User.objects.filter(email__endswith="@scale.mallard.test").count() == 10
    assert User.objects.filter(pk__in=[therapist.pk, client_user.pk]).count() == 2
    with transaction.atomic():
        scale.flush_all(scale.app_modules())
    assert not scale.scale_users().exists()
    assert not Occurrence.objects.filter(client__email__endswith="@scale.mallard.test").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--days", "400"], "--days can be at most 365"),
        (["--therapists", "0"], "--therapists"),
        (["--clients-per-therapist", "many"], "--clients-per-therapist"),
        (["--password", ""], "--password must not be empty"),
    ],
)
def test_bad_options_get_a_clear_message(args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("seed_scale", *args, stdout=StringIO())
    assert not scale.scale_users().exists()


def test_each_client_has_questionnaire_scores_that_add_up() -> None:
    seed()
    clients = User.objects.filter(email__endswith="@scale.mallard.test", role=Role.CLIENT)
    responses = MeasureResponse.objects.filter(client__in=clients)
    for client in clients:
        mine = responses.filter(client=client)
        assert mine.filter(instrument="phq9").count() >= 2
        assert mine.filter(instrument="phq9").count() == mine.filter(instrument="gad7").count()
    for response in responses:
        result = score(response.instrument, response.answers)
        assert (response.total, response.band, response.item9_positive) == (
            result.total,
            result.band,
            result.item9_positive,
        )
        assert response.item9_reviewed_at is None or response.item9_positive
    # The scores are read by the therapist's pages without error.
    therapist = User.objects.get(email="therapist1@scale.mallard.test")
    browser = Client()
    browser.force_login(therapist)
    caseload = browser.get(reverse("sessions-caseload")).content.decode()
    assert caseload.count('<span class="fw-semibold">PHQ-9 ') == 4
    client = User.objects.get(email="client1@scale.mallard.test")
    overview = browser.get(reverse("sessions-client-overview", args=[client.pk])).content.decode()
    assert 'id="phq9-chart-title"' in overview


def test_flush_removes_the_questionnaire_responses_too() -> None:
    seed()
    seed("--flush")
    clients = User.objects.filter(email__endswith="@scale.mallard.test", role=Role.CLIENT)
    assert MeasureResponse.objects.filter(client__in=clients).count() > 0
    assert MeasureResponse.objects.count() == MeasureResponse.objects.filter(client__in=clients).count()
