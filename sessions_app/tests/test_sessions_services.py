"""Session and reflection services: the timing rules, overlaps, and refreshing proposals."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from mallard.models import User
from sessions_app import action_items, services
from sessions_app.models import Reflection, SessionStatus, TherapySession
from sessions_app.tests.sessions_helpers import held_session, make_session, refreshed

__all__ = ["refreshed"]


def schedule(therapist: User, client: User, *, days: float = 1, **fields: object) -> services.SavedSession:
    return services.schedule_session(
        therapist=therapist,
        client=client,
        starts_at=timezone.now() + timedelta(days=days),
        duration_minutes=50,
        **fields,  # type: ignore[arg-type]
    )


def test_it_schedules_a_future_session(therapist: User, client_user: User) -> None:
    saved = schedule(therapist, client_user)
    assert saved.session.status == SessionStatus.SCHEDULED
    assert saved.overlapping == []
    assert TherapySession.objects.filter(client=client_user).count() == 1


def test_it_refuses_to_schedule_a_time_that_has_passed(therapist: User, client_user: User) -> None:
    with pytest.raises(services.SessionError) as caught:
        schedule(therapist, client_user, days=-1)
    assert caught.value.field == "start_time"
    assert str(caught.value) == "That time has passed. To record a past session, choose Held or No-show."
    assert not TherapySession.objects.exists()


@pytest.mark.parametrize("status", [SessionStatus.HELD, SessionStatus.NO_SHOW, SessionStatus.CANCELLED])
def test_it_records_a_past_session(therapist: User, client_user: User, status: str) -> None:
    saved = schedule(therapist, client_user, days=-3, status=status, private_notes="Notes", summary="Summary")
    assert saved.session.status == status


@pytest.mark.parametrize("status", [SessionStatus.HELD, SessionStatus.NO_SHOW])
def test_a_session_that_has_not_started_cannot_be_held_or_missed(
    therapist: User, client_user: User, status: str
) -> None:
    with pytest.raises(services.SessionError) as caught:
        schedule(therapist, client_user, days=2, status=status)
    assert caught.value.field == "status"
    assert not TherapySession.objects.exists()


def test_an_overlap_is_reported_and_the_session_is_still_saved(therapist: User, client_user: User) -> None:
    first = schedule(therapist, client_user, days=2).session
    second = services.schedule_session(
        therapist=therapist,
        client=client_user,
        starts_at=first.starts_at + timedelta(minutes=30),
        duration_minutes=50,
    )
    assert second.overlapping == [first]
    assert TherapySession.objects.filter(client=client_user).count() == 2


def test_back_to_back_and_cancelled_sessions_do_not_overlap(
    therapist: User, client_user: User, other_client: User
) -> None:
    first = schedule(therapist, client_user, days=2).session
    make_session(therapist, client_user, starts_at=first.starts_at, status=SessionStatus.CANCELLED)
    make_session(therapist, other_client, starts_at=first.starts_at)  # another client's time is theirs
    after = services.schedule_session(
        therapist=therapist, client=client_user, starts_at=first.ends_at, duration_minutes=50
    )
    assert after.overlapping == []
    long_before = services.schedule_session(
        therapist=therapist,
        client=client_user,
        starts_at=first.starts_at - timedelta(hours=8),
        duration_minutes=480,
    )
    assert long_before.overlapping == []


def test_a_long_earlier_session_that_runs_into_this_one_overlaps(therapist: User, client_user: User) -> None:
    long = schedule(therapist, client_user, days=2).session
    services.update_session(
        session=long,
        editor=long.therapist,
        starts_at=long.starts_at,
        duration_minutes=480,
        status=long.status,
        private_notes="",
        summary="",
    )
    later = services.schedule_session(
        therapist=therapist,
        client=client_user,
        starts_at=long.starts_at + timedelta(hours=7),
        duration_minutes=50,
    )
    assert later.overlapping == [long]


def test_notes_and_summary_refresh_the_proposals(
    therapist: User, client_user: User, refreshed: list[TherapySession]
) -> None:
    quiet = schedule(therapist, client_user).session
    assert refreshed == []
    noted = schedule(therapist, client_user, days=-1, status=SessionStatus.HELD, summary="Homework:\n- walk")
    assert refreshed == [noted.session]

    services.update_session(
        session=quiet,
        editor=quiet.therapist,
        starts_at=quiet.starts_at,
        duration_minutes=60,
        status=quiet.status,
        private_notes="",
        summary="",
    )
    assert refreshed == [noted.session]  # only the length changed
    services.update_session(
        session=quiet,
        editor=quiet.therapist,
        starts_at=quiet.starts_at,
        duration_minutes=60,
        status=quiet.status,
        private_notes="Client agreed to try box breathing.",
        summary="",
    )
    assert refreshed == [noted.session, quiet]
    quiet.refresh_from_db()
    assert quiet.duration_minutes == 60
    assert quiet.private_notes == "Client agreed to try box breathing."


def test_a_failing_refresh_rolls_the_whole_save_back(
    therapist: User, client_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(session: TherapySession) -> None:
        raise RuntimeError("extractor failed")

    monkeypatch.setattr(action_items, "refresh_proposals", broken)
    session = held_session(therapist, client_user, private_notes="old")
    with pytest.raises(RuntimeError):
        services.update_session(
            session=session,
            editor=session.therapist,
            starts_at=session.starts_at,
            duration_minutes=50,
            status=SessionStatus.HELD,
            private_notes="new",
            summary="",
        )
    session.refresh_from_db()
    assert session.private_notes == "old"


def test_a_stale_scheduled_session_keeps_its_notes_editable(therapist: User, client_user: User) -> None:
    stale = make_session(therapist, client_user, days=-1)
    services.update_session(
        session=stale,
        editor=stale.therapist,
        starts_at=stale.starts_at.replace(second=0, microsecond=0),  # as a form carries it
        duration_minutes=50,
        status=SessionStatus.SCHEDULED,
        private_notes="Waiting to hear whether it happened.",
        summary="",
    )
    stale.refresh_from_db()
    assert stale.private_notes == "Waiting to hear whether it happened."


def test_moving_a_scheduled_session_into_the_past_is_refused(therapist: User, client_user: User) -> None:
    session = schedule(therapist, client_user).session
    with pytest.raises(services.SessionError):
        services.update_session(
            session=session,
            editor=session.therapist,
            starts_at=timezone.now() - timedelta(days=2),
            duration_minutes=50,
            status=SessionStatus.SCHEDULED,
            private_notes="",
            summary="",
        )
    assert TherapySession.objects.get(pk=session.pk).starts_at > timezone.now()


def test_status_changes_follow_the_clock(therapist: User, client_user: User) -> None:
    future = schedule(therapist, client_user).session
    with pytest.raises(services.SessionError):
        services.set_session_status(session=future, status=SessionStatus.HELD)
    services.set_session_status(session=future, status=SessionStatus.CANCELLED)
    assert TherapySession.objects.get(pk=future.pk).status == SessionStatus.CANCELLED

    past = make_session(therapist, client_user, days=-1)
    services.set_session_status(session=past, status=SessionStatus.NO_SHOW)
    assert TherapySession.objects.get(pk=past.pk).status == SessionStatus.NO_SHOW


def test_a_reflection_is_one_row_that_the_client_can_edit(
    therapist: User, client_user: User, refreshed: list[TherapySession]
) -> None:
    session = held_session(therapist, client_user)
    services.save_reflection(
        session=session, client=client_user, stood_out="A", want_to_practise="B", questions=""
    )
    services.save_reflection(
        session=session, client=client_user, stood_out="A2", want_to_practise="B2", questions="C"
    )
    reflection = Reflection.objects.get(session=session)
    assert (reflection.stood_out, reflection.want_to_practise, reflection.questions) == ("A2", "B2", "C")
    assert reflection.client == client_user
    assert reflection.updated_at >= reflection.created_at
    assert refreshed == [session, session]


@pytest.mark.parametrize("status", [SessionStatus.SCHEDULED, SessionStatus.CANCELLED, SessionStatus.NO_SHOW])
def test_only_a_held_session_can_be_reflected_on(therapist: User, client_user: User, status: str) -> None:
    session = make_session(therapist, client_user, days=-1, status=status)
    with pytest.raises(services.SessionError):
        services.save_reflection(
            session=session, client=client_user, stood_out="A", want_to_practise="", questions=""
        )
    assert not Reflection.objects.exists()


def test_nobody_reflects_on_another_clients_session(
    therapist: User, client_user: User, other_client: User
) -> None:
    session = held_session(therapist, client_user)
    with pytest.raises(services.SessionError):
        services.save_reflection(
            session=session, client=other_client, stood_out="A", want_to_practise="", questions=""
        )
    assert not Reflection.objects.exists()
