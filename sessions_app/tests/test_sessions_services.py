"""Session and reflection services: the timing rules, overlaps, and refreshing proposals."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import make_user
from mallard.models import CareRelationship, Role, User
from sessions_app import action_items, services
from sessions_app.models import Reflection, SessionStatus, TherapySession
from sessions_app.tests.sessions_helpers import AssertMaxQueries, held_session, make_session, refreshed

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


def clashes(caught: pytest.ExceptionInfo[services.Overlap]) -> list[TherapySession]:
    return caught.value.sessions


def test_an_overlap_with_the_clients_own_session_asks_first_and_writes_nothing(
    therapist: User, client_user: User
) -> None:
    first = schedule(therapist, client_user, days=2).session
    with pytest.raises(services.Overlap) as caught:
        services.schedule_session(
            therapist=therapist,
            client=client_user,
            starts_at=first.starts_at + timedelta(minutes=30),
            duration_minutes=50,
        )
    assert clashes(caught) == [first]
    assert TherapySession.objects.filter(client=client_user).count() == 1


def test_an_overlap_with_another_of_the_therapists_clients_asks_first(
    therapist: User, client_user: User
) -> None:
    """Priya booked at 10:15 over Jordan's 10:00-10:50: the same therapist can't be in both."""
    jordan = make_user("jordan@example.com", "Jordan Ellis", Role.CLIENT)
    CareRelationship.objects.create(therapist=therapist, client=jordan)
    jordans = schedule(therapist, jordan, days=2).session
    with pytest.raises(services.Overlap) as caught:
        services.schedule_session(
            therapist=therapist,
            client=client_user,
            starts_at=jordans.starts_at + timedelta(minutes=15),
            duration_minutes=50,
        )
    assert clashes(caught) == [jordans]
    assert clashes(caught)[0].client.display_name == "Jordan Ellis"
    assert not TherapySession.objects.filter(client=client_user).exists()


def test_scheduling_it_anyway_after_being_told_what_it_overlaps_saves_it(
    therapist: User, client_user: User
) -> None:
    first = schedule(therapist, client_user, days=2).session
    second = {
        "therapist": therapist,
        "client": client_user,
        "starts_at": first.starts_at + timedelta(minutes=30),
        "duration_minutes": 50,
    }
    with pytest.raises(services.Overlap) as caught:
        services.schedule_session(**second)  # type: ignore[arg-type]
    assert clashes(caught) == [first]
    services.schedule_session(**second, allow_overlap=True)  # type: ignore[arg-type]
    assert TherapySession.objects.filter(client=client_user).count() == 2


def test_back_to_back_cancelled_and_other_therapists_sessions_do_not_overlap(
    therapist: User, client_user: User, other_therapist: User, other_client: User
) -> None:
    first = schedule(therapist, client_user, days=2).session
    make_session(therapist, client_user, starts_at=first.starts_at, status=SessionStatus.CANCELLED)
    # Another therapist's session with their own client is theirs: never reported, never revealed.
    make_session(other_therapist, other_client, starts_at=first.ends_at)
    # Neither raises Overlap: each is saved without being allowed to overlap.
    services.schedule_session(
        therapist=therapist, client=client_user, starts_at=first.ends_at, duration_minutes=50
    )
    services.schedule_session(
        therapist=therapist,
        client=client_user,
        starts_at=first.starts_at - timedelta(hours=8),
        duration_minutes=480,
    )
    assert TherapySession.objects.filter(client=client_user, status=SessionStatus.SCHEDULED).count() == 3


def test_the_clients_session_with_a_former_therapist_is_the_clients_and_still_counts(
    therapist: User, client_user: User, other_therapist: User
) -> None:
    held_before = make_session(other_therapist, client_user, days=-3, status=SessionStatus.HELD)
    with pytest.raises(services.Overlap) as caught:
        schedule(therapist, client_user, days=-3, status=SessionStatus.HELD)
    assert clashes(caught) == [held_before]


def test_a_cancelled_session_is_never_asked_about(therapist: User, client_user: User) -> None:
    first = schedule(therapist, client_user, days=2).session
    saved = services.schedule_session(
        therapist=therapist,
        client=client_user,
        starts_at=first.starts_at,
        duration_minutes=50,
        status=SessionStatus.CANCELLED,
    )  # no Overlap raised, though it was not allowed
    assert saved.session.status == SessionStatus.CANCELLED


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
    with pytest.raises(services.Overlap) as caught:
        schedule(therapist, client_user, days=2 + 7 / 24)
    assert clashes(caught) == [long]


def test_moving_a_session_onto_another_asks_first_and_leaves_it_where_it_was(
    therapist: User, client_user: User, other_client: User
) -> None:
    CareRelationship.objects.filter(client=other_client).update(therapist=therapist)
    other = schedule(therapist, other_client, days=2).session
    mine = schedule(therapist, client_user, days=3).session
    was = mine.starts_at
    move = {
        "session": mine,
        "editor": therapist,
        "starts_at": other.starts_at + timedelta(minutes=40),
        "duration_minutes": 50,
        "status": SessionStatus.SCHEDULED,
        "summary": "",
    }
    with pytest.raises(services.Overlap) as caught:
        services.update_session(**move)  # type: ignore[arg-type]
    assert clashes(caught) == [other]
    assert TherapySession.objects.get(pk=mine.pk).starts_at == was
    services.update_session(**move, allow_overlap=True)  # type: ignore[arg-type]
    assert TherapySession.objects.get(pk=mine.pk).starts_at == other.starts_at + timedelta(minutes=40)


def test_saving_notes_alone_never_asks_about_an_overlap_already_there(
    therapist: User, client_user: User
) -> None:
    first = schedule(therapist, client_user, days=2).session
    second = schedule(therapist, client_user, days=2, allow_overlap=True).session
    saved = services.update_session(
        session=second,
        editor=therapist,
        starts_at=second.starts_at,
        duration_minutes=50,
        status=SessionStatus.SCHEDULED,
        summary="Bring the thought record.",
    )
    assert TherapySession.objects.get(pk=saved.session.pk).summary == "Bring the thought record."
    with pytest.raises(services.Overlap):  # but a longer session is a new time: asked again
        services.update_session(
            session=second,
            editor=therapist,
            starts_at=second.starts_at,
            duration_minutes=60,
            status=SessionStatus.SCHEDULED,
            summary="",
        )
    assert first.pk != second.pk


@pytest.mark.parametrize("others", [1, 6])
def test_the_check_is_one_query_however_many_sessions_it_finds(
    therapist: User,
    client_user: User,
    django_assert_num_queries: AssertMaxQueries,
    others: int,
) -> None:
    at = timezone.now() + timedelta(days=2)
    for n in range(others):
        someone = make_user(f"c{n}@example.com", f"Client {n}", Role.CLIENT)
        CareRelationship.objects.create(therapist=therapist, client=someone)
        make_session(therapist, someone, starts_at=at + timedelta(minutes=n))
    with django_assert_num_queries(1):
        found = services.overlapping_sessions(
            therapist=therapist, client=client_user, starts_at=at, duration_minutes=50
        )
        names = [other.client.display_name for other in found]
        assert all(other.therapist == therapist for other in found)
    assert names == [f"Client {n}" for n in range(others)]


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
