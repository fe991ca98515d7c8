"""The questionnaires' lock order, on PostgreSQL: the client's plans first, then the windows.

Each test runs two real transactions at once. The first stops right after its first row lock;
the second starts and, once it waits for a lock, the first carries on. Before the plans were
locked first, answering while the plan was stopped ended in "deadlock detected" (the answer's
insert waited for the plan row, the stop's delete for the window), and a session moved while the
client answered deleted the window just answered, so the questionnaire was asked again.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from homework.tests.locks import one_after_the_other
from mallard.models import User
from measures import hooks, services
from measures.models import MeasurePlan, MeasureResponse, MeasureWindow, Schedule

pytestmark = [
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL: two transactions holding row locks at the same time",
    ),
    pytest.mark.django_db(transaction=True),
]


def _every_two_weeks(therapist: User, client: User) -> tuple[MeasurePlan, MeasureWindow]:
    today = timezone.now().astimezone(client.zone).date()
    plan = services.assign_measure(
        therapist=therapist, client=client, instrument="phq9", schedule=Schedule.EVERY_N_WEEKS,
        every_weeks=2, starts_on=today,
    )  # fmt: skip
    return plan, plan.windows.order_by("opens_at").first()  # type: ignore[return-value]


def test_an_answer_sent_while_the_plan_is_stopped_is_saved_and_the_plan_stops(
    therapist: User, client_user: User
) -> None:
    plan, window = _every_two_weeks(therapist, client_user)
    errors = one_after_the_other(
        lambda: services.submit_response(client=client_user, window=window, answers=[1] * 9),
        lambda: services.stop_plan(plan=MeasurePlan.objects.get(pk=plan.pk)),
    )
    assert errors == {}
    response = MeasureResponse.objects.get(client=client_user)
    assert response.window_id == window.pk  # the answered window is history: the stop keeps it
    plan.refresh_from_db()
    assert plan.ended_at is not None
    assert not plan.windows.filter(response__isnull=True).exists()


def test_a_plan_stopped_while_the_client_answers_gets_a_clear_refusal(
    therapist: User, client_user: User
) -> None:
    plan, window = _every_two_weeks(therapist, client_user)
    errors = one_after_the_other(
        lambda: services.stop_plan(plan=MeasurePlan.objects.get(pk=plan.pk)),
        lambda: services.submit_response(client=client_user, window=window, answers=[1] * 9),
    )
    assert set(errors) == {"second"}
    assert isinstance(errors["second"], services.NotOpen)  # the page says it is not open now
    assert not MeasureResponse.objects.filter(client=client_user).exists()


def test_a_session_moved_while_the_client_answers_keeps_the_answered_window(
    therapist: User, client_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    session: list[datetime] = [timezone.now() + timedelta(hours=5)]
    monkeypatch.setattr(
        hooks, "scheduled_sessions", [lambda client, after: [s for s in session if s > after]]
    )
    today = timezone.now().astimezone(client_user.zone).date()
    plan = services.assign_measure(
        therapist=therapist, client=client_user, instrument="gad7", schedule=Schedule.BEFORE_SESSION,
        starts_on=today,
    )  # fmt: skip
    window = plan.windows.get()

    def move_the_session() -> None:
        session[0] += timedelta(days=7)
        services.sessions_changed(client=client_user)

    errors = one_after_the_other(
        lambda: services.submit_response(client=client_user, window=window, answers=[1] * 7),
        move_the_session,
    )
    assert errors == {}
    response = MeasureResponse.objects.get(client=client_user)
    assert response.window_id == window.pk
    # The moved session gets its own window; the answered one was not taken for unanswered.
    assert plan.windows.filter(response__isnull=True).count() == 1
