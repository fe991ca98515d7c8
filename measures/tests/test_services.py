"""The services that ask for questionnaires and save the answers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from mallard.models import User
from measures import hooks, services
from measures.models import MeasurePlan, MeasureResponse, MeasureWindow, Schedule

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)  # a Wednesday, 07:00 for the client in New York
TODAY = date(2026, 3, 4)


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with time_machine.travel(NOW, tick=False):
        yield


def _assign(therapist: User, client: User, **extra: object) -> MeasurePlan:
    fields: dict[str, object] = {"instrument": "phq9", "schedule": Schedule.ONCE, "starts_on": TODAY}
    fields.update(extra)
    return services.assign_measure(therapist=therapist, client=client, **fields)  # type: ignore[arg-type]


def test_once_opens_one_window_for_a_week_from_the_clients_midnight(
    therapist: User, client_user: User
) -> None:
    plan = _assign(therapist, client_user)
    (window,) = plan.windows.all()
    assert window.opens_at == datetime(2026, 3, 4, 0, 0, tzinfo=client_user.zone)
    assert window.closes_at == datetime(2026, 3, 11, 0, 0, tzinfo=client_user.zone)
    assert window.client == client_user


def test_every_n_weeks_writes_the_windows_within_the_horizon(therapist: User, client_user: User) -> None:
    plan = _assign(therapist, client_user, schedule=Schedule.EVERY_N_WEEKS, every_weeks=1)
    opens = [w.opens_at.date() for w in plan.windows.all()]
    assert opens == [date(2026, 3, 4), date(2026, 3, 11), date(2026, 3, 18)]
    # Extending again writes nothing new; a week later, one more window.
    assert services.extend_windows() == 0
    with time_machine.travel(NOW + timedelta(days=7), tick=False):
        assert services.extend_windows() == 1
    assert plan.windows.count() == 4


def test_every_two_weeks_skips_a_week(therapist: User, client_user: User) -> None:
    plan = _assign(therapist, client_user, schedule=Schedule.EVERY_N_WEEKS, every_weeks=2)
    assert [w.opens_at.date() for w in plan.windows.all()] == [date(2026, 3, 4), date(2026, 3, 18)]


def test_before_session_opens_two_days_before_each_session_until_it_starts(
    therapist: User, client_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = NOW + timedelta(days=1, hours=3)
    monkeypatch.setattr(hooks, "scheduled_sessions", [lambda client, after: [session]])
    plan = _assign(therapist, client_user, schedule=Schedule.BEFORE_SESSION)
    (window,) = plan.windows.all()
    assert (window.opens_at, window.closes_at) == (session - timedelta(days=2), session)
    # The session moves: the unanswered window follows it.
    moved = session + timedelta(days=2)
    monkeypatch.setattr(hooks, "scheduled_sessions", [lambda client, after: [moved]])
    services.sessions_changed(client=client_user)
    (window,) = plan.windows.all()
    assert (window.opens_at, window.closes_at) == (moved - timedelta(days=2), moved)
    # The session is cancelled: the window goes.
    monkeypatch.setattr(hooks, "scheduled_sessions", [lambda client, after: []])
    services.sessions_changed(client=client_user)
    assert not plan.windows.exists()


def test_an_answered_session_window_is_not_asked_again_when_the_session_moves(
    therapist: User, client_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = NOW + timedelta(hours=5)
    monkeypatch.setattr(hooks, "scheduled_sessions", [lambda client, after: [session]])
    plan = _assign(therapist, client_user, schedule=Schedule.BEFORE_SESSION)
    services.submit_response(client=client_user, window=plan.windows.get(), answers=[0] * 9)
    later = session + timedelta(hours=1)
    monkeypatch.setattr(hooks, "scheduled_sessions", [lambda client, after: [later]])
    services.sessions_changed(client=client_user)
    assert plan.windows.count() == 1


def test_sessions_whose_windows_overlap_share_one_check_in(
    therapist: User, client_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two sessions on one day (10:00 and 10:30): one questionnaire before them, not two."""
    first = datetime(2026, 3, 5, 15, 0, tzinfo=UTC)
    second = first + timedelta(minutes=30)
    far = first + timedelta(days=7)
    monkeypatch.setattr(hooks, "scheduled_sessions", [lambda client, after: [first, second, far]])
    plan = _assign(therapist, client_user, schedule=Schedule.BEFORE_SESSION)
    assert [(w.opens_at, w.closes_at) for w in plan.windows.all()] == [
        (first - timedelta(days=2), second),
        (far - timedelta(days=2), far),
    ]
    # One answer is the check-in for both sessions: nothing is asked again before either.
    services.submit_response(client=client_user, window=plan.windows.first(), answers=[0] * 9)  # type: ignore[arg-type]
    services.sessions_changed(client=client_user)
    assert [w.closes_at for w in plan.windows.all()] == [second, far]
    assert not plan.windows.filter(closes_at__lte=second, response__isnull=True).exists()


def test_windows_written_one_per_session_merge_when_the_sessions_change(
    therapist: User, client_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = datetime(2026, 3, 5, 15, 0, tzinfo=UTC)
    second = first + timedelta(minutes=30)
    monkeypatch.setattr(hooks, "scheduled_sessions", [lambda client, after: [first]])
    plan = _assign(therapist, client_user, schedule=Schedule.BEFORE_SESSION)
    MeasureWindow.objects.create(
        plan=plan, client=client_user, opens_at=second - timedelta(days=2), closes_at=second
    )
    monkeypatch.setattr(hooks, "scheduled_sessions", [lambda client, after: [first, second]])
    services.sessions_changed(client=client_user)
    (window,) = plan.windows.all()
    assert (window.opens_at, window.closes_at) == (first - timedelta(days=2), second)


def test_stopping_a_plan_removes_its_unanswered_windows_and_keeps_answers(
    therapist: User, client_user: User
) -> None:
    plan = _assign(therapist, client_user, schedule=Schedule.EVERY_N_WEEKS, every_weeks=1)
    first = plan.windows.first()
    assert first is not None
    response = services.submit_response(client=client_user, window=first, answers=[1] * 9)
    services.stop_plan(plan=plan)
    plan.refresh_from_db()
    assert plan.ended_at == NOW
    assert list(plan.windows.all()) == [first]
    assert MeasureResponse.objects.get() == response
    services.stop_plan(plan=plan)  # stopping twice changes nothing
    assert MeasurePlan.objects.get().ended_at == NOW


def test_submitting_scores_and_links_the_response(therapist: User, client_user: User) -> None:
    plan = _assign(therapist, client_user)
    window = plan.windows.get()
    response = services.submit_response(
        client=client_user, window=window, answers=[2, 2, 2, 2, 1, 1, 1, 0, 1], difficulty=2
    )
    assert (response.total, response.band, response.item9_positive) == (12, "moderate", True)
    assert (response.plan, response.window, response.difficulty) == (plan, window, 2)
    assert response.needs_item9_review


def test_a_second_submission_of_a_window_saves_nothing(therapist: User, client_user: User) -> None:
    window = _assign(therapist, client_user).windows.get()
    first = services.submit_response(client=client_user, window=window, answers=[0] * 9)
    with pytest.raises(services.AlreadyAnswered) as raised:
        services.submit_response(client=client_user, window=window, answers=[3] * 9)
    assert raised.value.response == first
    assert MeasureResponse.objects.count() == 1


@pytest.mark.parametrize(
    ("answers", "difficulty"),
    [([0] * 8, None), ([0] * 10, None), ([0] * 8 + [4], None), ([0] * 8 + [-1], None), ([0] * 9, 4)],
)
def test_bad_answers_save_nothing(
    therapist: User, client_user: User, answers: list[int], difficulty: int | None
) -> None:
    window = _assign(therapist, client_user).windows.get()
    with pytest.raises(ValueError):
        services.submit_response(client=client_user, window=window, answers=answers, difficulty=difficulty)
    assert not MeasureResponse.objects.exists()


def test_the_gad7_has_no_difficulty_question(therapist: User, client_user: User) -> None:
    window = _assign(therapist, client_user, instrument="gad7").windows.get()
    with pytest.raises(ValueError):
        services.submit_response(client=client_user, window=window, answers=[0] * 7, difficulty=1)
    assert not MeasureResponse.objects.exists()


def test_a_closed_or_stopped_window_takes_no_answers(therapist: User, client_user: User) -> None:
    plan = _assign(therapist, client_user)
    window = plan.windows.get()
    with time_machine.travel(window.closes_at, tick=False), pytest.raises(services.NotOpen):
        services.submit_response(client=client_user, window=window, answers=[0] * 9)
    services.stop_plan(plan=plan)
    assert not MeasureWindow.objects.exists()  # its unanswered window went with it


def test_another_clients_window_is_not_found(therapist: User, client_user: User, other_client: User) -> None:
    window = _assign(therapist, client_user).windows.get()
    with pytest.raises(MeasureWindow.DoesNotExist):
        services.submit_response(client=other_client, window=window, answers=[0] * 9)
    assert not MeasureResponse.objects.exists()


def test_a_window_gone_since_the_page_was_shown_is_not_open(therapist: User, client_user: User) -> None:
    plan = _assign(therapist, client_user)
    window = plan.windows.get()
    services.stop_plan(plan=plan)  # the therapist stopped it while the client was answering
    with pytest.raises(services.NotOpen):
        services.submit_response(client=client_user, window=window, answers=[0] * 9)
    assert not MeasureResponse.objects.exists()


def test_a_correction_is_a_new_response_and_the_first_stays(therapist: User, client_user: User) -> None:
    window = _assign(therapist, client_user).windows.get()
    first = services.submit_response(client=client_user, window=window, answers=[0] * 9)
    correction = services.correct_response(client=client_user, response=first, answers=[1] * 9)
    first.refresh_from_db()
    assert (first.total, correction.total, correction.corrects) == (0, 9, first)
    assert correction.window is None and correction.plan == first.plan
    with pytest.raises(services.AlreadyAnswered):
        services.correct_response(client=client_user, response=first, answers=[2] * 9)
    assert MeasureResponse.objects.count() == 2


def test_the_service_itself_refuses_a_correction_after_seven_days(therapist: User, client_user: User) -> None:
    first = services.submit_response(
        client=client_user, window=_assign(therapist, client_user).windows.get(), answers=[0] * 9
    )
    with (
        time_machine.travel(first.submitted_at + timedelta(days=7), tick=False),
        pytest.raises(services.NotOpen),
    ):
        services.correct_response(client=client_user, response=first, answers=[1] * 9)
    with time_machine.travel(first.submitted_at + timedelta(days=7) - timedelta(seconds=1), tick=False):
        assert (
            services.correct_response(client=client_user, response=first, answers=[1] * 9).corrects == first
        )
    assert MeasureResponse.objects.count() == 2


def test_the_service_refuses_to_correct_answers_that_are_no_longer_the_latest(
    therapist: User, client_user: User
) -> None:
    plan = _assign(therapist, client_user)
    first = services.submit_response(client=client_user, window=plan.windows.get(), answers=[0] * 9)
    services.stop_plan(plan=plan)
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        later = _assign(therapist, client_user).windows.get()
        services.submit_response(client=client_user, window=later, answers=[2] * 9)
    with pytest.raises(services.NotOpen):
        services.correct_response(client=client_user, response=first, answers=[1] * 9)
    assert not MeasureResponse.objects.filter(corrects__isnull=False).exists()


def test_the_windows_changed_hook_hears_every_change(
    therapist: User, client_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[User] = []
    monkeypatch.setattr(hooks, "windows_changed", [heard.append])
    plan = _assign(therapist, client_user)
    services.submit_response(client=client_user, window=plan.windows.get(), answers=[0] * 9)
    services.stop_plan(plan=plan)
    assert heard == [client_user] * 3


def test_show_scores_is_on_by_default_and_can_be_turned_off(client_user: User) -> None:
    assert services.set_show_scores(client=client_user, show=True).show_scores_to_client
    assert not services.set_show_scores(client=client_user, show=False).show_scores_to_client


def test_changing_a_plan_rewrites_its_unanswered_windows_and_keeps_answers(
    therapist: User, client_user: User
) -> None:
    plan = _assign(therapist, client_user, schedule=Schedule.EVERY_N_WEEKS, every_weeks=1)
    window = plan.windows.first()
    assert window is not None
    services.submit_response(client=client_user, window=window, answers=[0] * 9)
    services.update_plan(plan=plan, schedule=Schedule.EVERY_N_WEEKS, every_weeks=2, starts_on=TODAY)
    opens = [(w.opens_at.date(), hasattr(w, "response")) for w in plan.windows.all()]
    assert opens == [(date(2026, 3, 4), True), (date(2026, 3, 18), False)]


def test_a_once_plan_moved_to_a_new_first_day_asks_on_that_day(therapist: User, client_user: User) -> None:
    plan = _assign(therapist, client_user)
    services.submit_response(client=client_user, window=plan.windows.get(), answers=[0] * 9)
    with time_machine.travel(NOW + timedelta(days=10), tick=False):
        services.update_plan(plan=plan, schedule=Schedule.ONCE, starts_on=TODAY + timedelta(days=14))
    assert [w.opens_at.date() for w in plan.windows.all()] == [date(2026, 3, 4), date(2026, 3, 18)]


def test_a_stopped_plan_cannot_be_changed(therapist: User, client_user: User) -> None:
    plan = _assign(therapist, client_user)
    services.stop_plan(plan=plan)
    with pytest.raises(services.PlanStopped):
        services.update_plan(plan=plan, schedule=Schedule.BEFORE_SESSION, starts_on=TODAY)
    plan.refresh_from_db()
    assert plan.schedule == Schedule.ONCE
