"""The therapist's session pages: a client's sessions and scheduling, one session, and quick status changes."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone

from conftest import make_user
from mallard.models import CareRelationship, Role, User
from mallard.tests.helpers import field_error, field_value
from sessions_app.models import NOTES_LIMIT, SessionStatus, TherapySession
from sessions_app.tests.sessions_helpers import (
    SECRET_NOTE,
    AssertMaxQueries,
    held_session,
    make_reflection,
    make_session,
    refreshed,
)

__all__ = ["refreshed"]

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)  # a Thursday; alice is in Europe/London (UTC+0 now)


def list_url(client: User) -> str:
    return f"/clients/{client.pk}/sessions/"


def detail_url(session: TherapySession) -> str:
    return f"/sessions/{session.pk}/"


def status_url(session: TherapySession) -> str:
    return f"/sessions/{session.pk}/status/"


def form(**fields: Any) -> dict[str, Any]:
    data = {
        "start_date": "2026-12-03",
        "start_time": "10:00",
        "duration_minutes": "50",
        "status": "scheduled",
        "private_notes": "",
        "summary": "",
    }
    data.update(fields)
    return data


def refreshed_row(session: TherapySession) -> TherapySession:
    return TherapySession.objects.get(pk=session.pk)


def shown(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def frozen() -> Any:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


# --- /clients/<id>/sessions/ ---------------------------------------------------------------------


def test_it_lists_upcoming_sessions_soonest_first_then_past_ones(
    client: Client, therapist: User, client_user: User, frozen: Any
) -> None:
    make_session(therapist, client_user, starts_at=NOW + timedelta(days=14))
    make_session(therapist, client_user, starts_at=NOW + timedelta(days=7))
    held_session(therapist, client_user, starts_at=NOW - timedelta(days=7), days=0)
    make_session(therapist, client_user, starts_at=NOW - timedelta(days=14), status=SessionStatus.NO_SHOW)
    client.force_login(therapist)
    response = client.get(list_url(client_user))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Sessions with Carol Chen</h1>" in content
    upcoming, past = content.index('id="upcoming-heading"'), content.index('id="past-heading"')
    assert upcoming < content.index("Thu 3 Dec 2026, 12:00") < content.index("Thu 10 Dec 2026, 12:00") < past
    assert past < content.index("Thu 19 Nov 2026, 12:00") < content.index("Thu 12 Nov 2026, 12:00")
    assert 'Thu 3 Dec 2026, 12:00 <span class="their-time">(07:00 for Carol, New York)</span>' in content
    assert "Carol Chen's time</th>" not in content  # no column whose heading a phone never shows
    assert "No-show" in content
    assert "Times are in your time zone (Europe/London)" in content


def test_a_past_session_with_no_reflection_to_expect_says_so_in_valid_html(
    client: Client, therapist: User, client_user: User
) -> None:
    make_session(therapist, client_user, days=-2, status=SessionStatus.CANCELLED)
    client.force_login(therapist)
    content = client.get(list_url(client_user)).content.decode()
    # A span may not carry aria-label (Nu HTML checker): the dash is hidden, the words are read.
    assert '<span aria-label="Not applicable">' not in content
    assert '<span aria-hidden="true">–</span><span class="visually-hidden">Not applicable</span>' in content


def test_it_never_lists_another_clients_sessions(
    client: Client, therapist: User, client_user: User, other_therapist: User, other_client: User
) -> None:
    make_session(other_therapist, other_client, days=3)
    make_session(therapist, client_user, days=3)
    client.force_login(therapist)
    content = client.get(list_url(client_user)).content.decode()
    assert content.count('href="/sessions/') == 1


def test_it_schedules_a_session_at_the_therapists_local_time(
    client: Client, therapist: User, client_user: User, frozen: Any
) -> None:
    client.force_login(therapist)
    response = client.post(list_url(client_user), form(start_date="2027-07-01", start_time="10:00"))
    assert response.status_code == 302
    assert response["Location"] == list_url(client_user)
    session = TherapySession.objects.get(client=client_user)
    assert session.starts_at == datetime(2027, 7, 1, 9, 0, tzinfo=UTC)  # 10:00 in London's summer time
    assert session.therapist == therapist
    assert session.status == SessionStatus.SCHEDULED
    assert shown(response) == ["The session on Thu 1 Jul 2027, 10:00 is scheduled."]


def test_scheduling_a_time_that_has_passed_shows_the_error_beside_the_time(
    client: Client, therapist: User, client_user: User, frozen: Any
) -> None:
    client.force_login(therapist)
    response = client.post(
        list_url(client_user), form(start_date="2026-11-26", start_time="11:30", summary="Kept")
    )
    assert response.status_code == 200
    assert field_error(response, "start_time") == (
        "That time has passed. To record a past session, choose Held or No-show."
    )
    assert "Kept</textarea>" in response.content.decode()
    assert not TherapySession.objects.exists()


def test_a_past_session_can_be_recorded_as_held_with_notes_and_summary(
    client: Client, therapist: User, client_user: User, frozen: Any, refreshed: list[TherapySession]
) -> None:
    client.force_login(therapist)
    data = form(start_date="2026-11-20", status="held", private_notes="Notes", summary="Homework:\n- walk")
    response = client.post(list_url(client_user), data)
    assert response.status_code == 302
    session = TherapySession.objects.get(client=client_user)
    assert (session.status, session.private_notes, session.summary) == ("held", "Notes", "Homework:\n- walk")
    assert refreshed == [session]
    assert response["Location"] == detail_url(session)


def test_recording_a_held_session_opens_it_where_its_action_items_are(
    client: Client, therapist: User, client_user: User, frozen: Any
) -> None:
    client.force_login(therapist)
    data = form(start_date="2026-11-20", status="held", summary="Homework:\n- Take a walk every day")
    response = client.post(list_url(client_user), data, follow=True)
    session = TherapySession.objects.get(client=client_user)
    assert response.redirect_chain == [(detail_url(session), 302)]
    assert shown(response) == ["The session on Fri 20 Nov 2026, 10:00 is recorded as held."]
    content = response.content.decode()
    assert "Session with Carol Chen</h1>" in content
    assert "Action items from this session" in content
    assert "Take a walk every day" in content


@pytest.mark.parametrize("status", ["no_show", "cancelled"])
def test_a_no_show_or_cancelled_session_goes_back_to_the_list(
    client: Client, therapist: User, client_user: User, frozen: Any, status: str
) -> None:
    client.force_login(therapist)
    response = client.post(list_url(client_user), form(start_date="2026-11-20", status=status))
    assert response.status_code == 302
    assert response["Location"] == list_url(client_user)


def jordan_of(therapist: User) -> User:
    jordan = make_user("jordan@example.com", "Jordan Ellis", Role.CLIENT)
    CareRelationship.objects.create(therapist=therapist, client=jordan)
    return jordan


def visible(response: Any) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_an_overlap_with_another_client_comes_back_with_a_warning_and_everything_kept(
    client: Client, therapist: User, client_user: User, frozen: Any
) -> None:
    make_session(therapist, jordan_of(therapist), starts_at=datetime(2026, 12, 3, 10, 0, tzinfo=UTC))
    client.force_login(therapist)
    data = form(start_time="10:15", summary="Bring the worry diary", private_notes="Kept too")
    response = client.post(list_url(client_user), data)
    assert response.status_code == 200
    assert not TherapySession.objects.filter(client=client_user).exists()
    text = visible(response)
    assert "Not saved yet: this time overlaps another session" in text
    assert (
        "This overlaps your session with Jordan Ellis on Thursday 3 December, 10:00–10:50 (your time)."
        in text
    )
    content = response.content.decode()
    assert 'name="schedule_anyway" value="on"' in content
    assert ">Schedule it anyway</button>" in content
    assert field_value(response, "start_time") == "10:15"
    assert "Bring the worry diary</textarea>" in content
    assert "Kept too</textarea>" in content
    assert shown(response) == []


def test_scheduling_it_anyway_saves_the_session(
    client: Client, therapist: User, client_user: User, frozen: Any
) -> None:
    make_session(therapist, jordan_of(therapist), starts_at=datetime(2026, 12, 3, 10, 0, tzinfo=UTC))
    client.force_login(therapist)
    response = client.post(list_url(client_user), form(start_time="10:15", schedule_anyway="on"))
    assert response.status_code == 302
    session = TherapySession.objects.get(client=client_user)
    assert session.starts_at == datetime(2026, 12, 3, 10, 15, tzinfo=UTC)
    assert shown(response) == ["The session on Thu 3 Dec 2026, 10:15 is scheduled."]


def test_the_clients_own_overlapping_session_is_named_as_theirs_and_asked_about(
    client: Client, therapist: User, client_user: User, frozen: Any
) -> None:
    make_session(therapist, client_user, starts_at=datetime(2026, 12, 3, 10, 30, tzinfo=UTC))
    client.force_login(therapist)
    response = client.post(list_url(client_user), form(start_time="10:00"))
    assert response.status_code == 200
    assert TherapySession.objects.filter(client=client_user).count() == 1
    assert "This overlaps your session with Carol Chen on Thursday 3 December, 10:30–11:20" in visible(
        response
    )


def test_another_therapists_session_at_the_same_time_is_never_mentioned(
    client: Client,
    therapist: User,
    client_user: User,
    other_therapist: User,
    other_client: User,
    frozen: Any,
) -> None:
    make_session(other_therapist, other_client, starts_at=datetime(2026, 12, 3, 10, 0, tzinfo=UTC))
    client.force_login(therapist)
    response = client.post(list_url(client_user), form(start_time="10:00"))
    assert response.status_code == 302
    assert TherapySession.objects.filter(client=client_user).count() == 1


@pytest.mark.parametrize(
    ("minutes", "error"),
    [
        ("4", "A session is at least 5 minutes long."),
        ("481", "A session is at most 480 minutes (8 hours) long."),
        ("soon", "Enter a whole number."),
    ],
)
def test_the_length_must_be_between_5_and_480_minutes(
    client: Client, therapist: User, client_user: User, frozen: Any, minutes: str, error: str
) -> None:
    client.force_login(therapist)
    response = client.post(list_url(client_user), form(duration_minutes=minutes))
    assert response.status_code == 200
    assert field_error(response, "duration_minutes") == error
    assert not TherapySession.objects.exists()


@pytest.mark.parametrize(
    ("fields", "name", "error"),
    [
        ({"start_date": ""}, "start_date", "Enter the session's date."),
        ({"start_date": "14/03"}, "start_date", "Enter the date as year-month-day, such as 2026-03-14."),
        ({"start_time": ""}, "start_time", "Enter the time the session starts, such as 14:30."),
        ({"start_time": "half two"}, "start_time", "Enter the time on a 24-hour clock, such as 14:30."),
    ],
)
def test_a_missing_or_unreadable_date_or_time_says_what_to_enter_and_keeps_the_notes(
    client: Client,
    therapist: User,
    client_user: User,
    frozen: Any,
    fields: dict[str, str],
    name: str,
    error: str,
) -> None:
    client.force_login(therapist)
    response = client.post(list_url(client_user), form(summary="We agreed: walk daily", **fields))
    assert response.status_code == 200
    assert field_error(response, name) == error
    assert "We agreed: walk daily" in response.content.decode()
    assert not TherapySession.objects.exists()


def test_a_time_the_clocks_skip_is_an_error_beside_the_time(
    client: Client, therapist: User, client_user: User, frozen: Any
) -> None:
    client.force_login(therapist)
    response = client.post(list_url(client_user), form(start_date="2027-03-28", start_time="01:30"))
    assert response.status_code == 200
    assert "doesn't exist in Europe/London" in field_error(response, "start_time")
    assert field_error(response, "start_time") == (
        "The clocks go forward from 01:00 to 02:00 that night, so 01:30 doesn't exist in Europe/London "
        "on Sunday 28 March 2027. Choose a time before 01:00 or from 02:00."
    )
    assert not TherapySession.objects.exists()


def test_a_time_the_clocks_repeat_asks_which_one_keeping_what_was_typed(
    client: Client, therapist: User, client_user: User, frozen: Any
) -> None:
    """01:30 on 31 October 2027 happens twice in London: first in summer time (00:30 UTC), then,
    after the clocks go back, in winter time (01:30 UTC). Mallard asks rather than guess."""
    client.force_login(therapist)
    typed = form(start_date="2027-10-31", start_time="01:30", summary="We agreed: walk daily")
    response = client.post(list_url(client_user), typed)
    assert response.status_code == 200
    assert field_error(response, "repeated_time") == (
        "01:30 happens twice on Sunday 31 October 2027 in Europe/London: the clocks go back that night. "
        "Choose which 01:30 you mean."
    )
    page = html.unescape(response.content.decode())
    assert "Which 01:30?" in page
    assert "The first 01:30, in BST (UTC+01:00)" in page
    assert "The second 01:30, an hour later, in GMT (UTC+00:00)" in page
    assert "We agreed: walk daily" in page
    assert field_value(response, "start_time") == "01:30"
    assert not TherapySession.objects.exists()
    # Nonsense is no answer: the question is asked again.
    response = client.post(list_url(client_user), {**typed, "repeated_time": "both"})
    assert "Choose which 01:30 you mean." in field_error(response, "repeated_time")
    assert not TherapySession.objects.exists()
    response = client.post(list_url(client_user), {**typed, "repeated_time": "second"})
    assert response.status_code == 302
    assert TherapySession.objects.get().starts_at == datetime(2027, 10, 31, 1, 30, tzinfo=UTC)
    TherapySession.objects.all().delete()
    client.post(list_url(client_user), {**typed, "repeated_time": "first"})
    session = TherapySession.objects.get()
    assert session.starts_at == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)
    # Saving it again with its own date and time keeps its moment without asking; the other 01:30
    # is a change of time, and is asked for.
    saved = client.post(
        detail_url(session), form(start_date="2027-10-31", start_time="01:30", summary="Edited")
    )
    assert saved.status_code == 302
    assert refreshed_row(session).summary == "Edited"
    assert refreshed_row(session).starts_at == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)
    moved = form(start_date="2027-10-31", start_time="01:30", summary="Edited", repeated_time="second")
    assert client.post(detail_url(session), moved).status_code == 302
    assert refreshed_row(session).starts_at == datetime(2027, 10, 31, 1, 30, tzinfo=UTC)


def test_the_choice_of_a_repeated_time_stays_chosen_when_an_overlap_is_asked_about(
    client: Client, therapist: User, client_user: User, frozen: Any
) -> None:
    """ "Schedule it anyway" posts the same form again: the chosen 01:30 must go with it."""
    make_session(therapist, client_user, starts_at=datetime(2027, 10, 31, 1, 30, tzinfo=UTC))
    client.force_login(therapist)
    typed = form(start_date="2027-10-31", start_time="01:30", repeated_time="second")
    response = client.post(list_url(client_user), typed)
    assert response.status_code == 200
    assert re.search(r'<input[^>]*value="second"[^>]*checked', response.content.decode())
    response = client.post(list_url(client_user), {**typed, "schedule_anyway": "on"})
    assert response.status_code == 302
    assert TherapySession.objects.filter(starts_at=datetime(2027, 10, 31, 1, 30, tzinfo=UTC)).count() == 2


def test_notes_at_the_limit_are_saved_and_beyond_it_nothing_is_lost(
    client: Client, therapist: User, client_user: User, frozen: Any
) -> None:
    client.force_login(therapist)
    too_long = "n" * (NOTES_LIMIT + 1)
    response = client.post(list_url(client_user), form(private_notes=too_long, summary="Short summary"))
    assert response.status_code == 200
    assert field_error(response, "private_notes").startswith(
        "This is 20001 characters long; the limit is 20000."
    )
    content = response.content.decode()
    assert too_long in content
    assert "Short summary</textarea>" in content
    assert 'maxlength="' not in content  # the browser never cuts a paste short
    assert not TherapySession.objects.exists()

    response = client.post(list_url(client_user), form(private_notes="n" * NOTES_LIMIT))
    assert response.status_code == 302
    assert len(TherapySession.objects.get().private_notes) == NOTES_LIMIT


def test_empty_notes_and_summary_are_fine(
    client: Client, therapist: User, client_user: User, frozen: Any
) -> None:
    client.force_login(therapist)
    assert client.post(list_url(client_user), form()).status_code == 302
    session = TherapySession.objects.get()
    assert (session.private_notes, session.summary) == ("", "")


def test_another_therapists_client_is_a_404_and_nothing_is_written(
    client: Client, therapist: User, other_client: User, frozen: Any
) -> None:
    client.force_login(therapist)
    assert client.get(list_url(other_client)).status_code == 404
    assert client.post(list_url(other_client), form()).status_code == 404
    assert not TherapySession.objects.exists()


def test_a_former_client_is_a_404(client: Client, therapist: User, client_user: User) -> None:
    CareRelationship.objects.filter(client=client_user).update(ended_at=timezone.now())
    client.force_login(therapist)
    assert client.get(list_url(client_user)).status_code == 404


def test_the_list_is_for_signed_in_therapists(client: Client, client_user: User) -> None:
    response = client.get(list_url(client_user))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(client_user)
    assert client.get(list_url(client_user)).status_code == 403
    assert client.post(list_url(client_user), form()).status_code == 403
    assert not TherapySession.objects.exists()


def test_the_list_refuses_other_methods(client: Client, therapist: User, client_user: User) -> None:
    client.force_login(therapist)
    assert client.put(list_url(client_user)).status_code == 405
    assert client.delete(list_url(client_user)).status_code == 405


@pytest.mark.parametrize("rows", [2, 12])
def test_the_list_takes_the_same_queries_however_many_sessions(
    client: Client,
    therapist: User,
    client_user: User,
    django_assert_max_num_queries: AssertMaxQueries,
    rows: int,
) -> None:
    for n in range(rows):
        session = held_session(therapist, client_user, days=-7 * (n + 1))
        if n % 2:
            make_reflection(session)
        make_session(therapist, client_user, days=7 * (n + 1))
    client.force_login(therapist)
    client.get(list_url(client_user))  # warm the session and per-process caches
    # 9, and the one INSERT that records the read in the audit trail.
    with django_assert_max_num_queries(10):
        response = client.get(list_url(client_user))
    assert response.content.decode().count('href="/sessions/') == 2 * rows


# --- /sessions/<id>/ --------------------------------------------------------------------------------


def test_the_session_page_shows_notes_labelled_private_the_summary_and_the_reflection(
    client: Client, therapist: User, client_user: User
) -> None:
    session = held_session(therapist, client_user)
    make_reflection(session, want_to_practise="Breathing before meetings")
    client.force_login(therapist)
    response = client.get(detail_url(session))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Session with Carol Chen</h1>" in content
    assert "Private: never shown to the client" in content
    assert html.escape(SECRET_NOTE) in content
    assert "Summary shared with the client" in content
    assert "Breathing before meetings" in content
    assert "Action items from this session" in content


def test_each_text_box_states_its_limit_once(client: Client, therapist: User, client_user: User) -> None:
    session = held_session(therapist, client_user)
    client.force_login(therapist)
    for url in (detail_url(session), list_url(client_user)):
        content = client.get(url).content.decode()
        limit = f"Up to {NOTES_LIMIT:,} characters."
        assert content.count(limit) == 2, url  # the summary's and the private notes'
        assert f"{limit} {limit}" not in content


def test_saved_notes_show_their_action_items_on_the_session_page(
    client: Client, therapist: User, client_user: User
) -> None:
    session = held_session(therapist, client_user, private_notes="", summary="")
    local = session.starts_at.astimezone(therapist.zone)
    notes = "Went over the week.\n\nHomework:\n- Thought record three times a week after dinner\n"
    client.force_login(therapist)
    data = form(
        start_date=f"{local:%Y-%m-%d}", start_time=f"{local:%H:%M}", status="held", private_notes=notes
    )
    assert client.post(detail_url(session), data).status_code == 302
    response = client.get(detail_url(session))
    assert [p.text for p in response.context["proposals"]] == [
        "Thought record three times a week after dinner"
    ]
    assert (
        "Thought record three times a week after dinner"
        in response.content.decode().split("Action items from this session")[1]
    )


def test_the_session_page_saves_time_notes_and_summary(
    client: Client, therapist: User, client_user: User, frozen: Any, refreshed: list[TherapySession]
) -> None:
    session = make_session(therapist, client_user, starts_at=NOW + timedelta(days=1))
    client.force_login(therapist)
    data = form(start_date="2026-11-20", start_time="09:15", duration_minutes="60", status="held")
    data.update(private_notes="Client agreed to practise daily.", summary="Homework:\n- breathing")
    response = client.post(detail_url(session), data)
    assert response.status_code == 302
    assert response["Location"] == detail_url(session)
    session.refresh_from_db()
    assert session.starts_at == datetime(2026, 11, 20, 9, 15, tzinfo=UTC)
    assert (session.duration_minutes, session.status) == (60, "held")
    assert session.private_notes == "Client agreed to practise daily."
    assert session.summary == "Homework:\n- breathing"
    assert refreshed == [session]


def test_moving_a_session_over_another_asks_first_then_moves_it_anyway(
    client: Client, therapist: User, client_user: User, frozen: Any
) -> None:
    make_session(therapist, jordan_of(therapist), starts_at=datetime(2026, 12, 15, 10, 0, tzinfo=UTC))
    session = make_session(therapist, client_user, starts_at=datetime(2026, 12, 14, 10, 0, tzinfo=UTC))
    client.force_login(therapist)
    data = form(start_date="2026-12-15", start_time="10:15", summary="Moved")
    response = client.post(detail_url(session), data)
    assert response.status_code == 200
    assert (
        "This overlaps your session with Jordan Ellis on Tuesday 15 December, 10:00–10:50 (your time)."
        in (visible(response))
    )
    assert field_value(response, "start_date") == "2026-12-15"
    assert "Moved</textarea>" in response.content.decode()
    assert ">Schedule it anyway</button>" in response.content.decode()
    assert refreshed_row(session).starts_at == datetime(2026, 12, 14, 10, 0, tzinfo=UTC)
    response = client.post(detail_url(session), {**data, "schedule_anyway": "on"})
    assert response.status_code == 302
    assert refreshed_row(session).starts_at == datetime(2026, 12, 15, 10, 15, tzinfo=UTC)


def test_the_session_page_says_whose_the_other_time_is(
    client: Client, therapist: User, client_user: User, frozen: Any
) -> None:
    session = make_session(therapist, client_user, starts_at=datetime(2026, 12, 3, 10, 15, tzinfo=UTC))
    client.force_login(therapist)
    text = visible(client.get(detail_url(session)))
    assert (
        "Thursday 3 December 2026, 10:15–11:05 (your time, Europe/London) (05:15–06:05 for Carol, New York)"
        in (text)
    )


def test_a_client_on_the_therapists_clock_gets_no_second_time(
    client: Client, therapist: User, client_user: User, frozen: Any
) -> None:
    User.objects.filter(pk=client_user.pk).update(time_zone="Europe/Lisbon")  # London's clock in winter
    session = make_session(therapist, client_user, starts_at=datetime(2026, 12, 3, 10, 15, tzinfo=UTC))
    client.force_login(therapist)
    assert "their-time" not in client.get(detail_url(session)).content.decode()
    assert "their-time" not in client.get(list_url(client_user)).content.decode()


def test_a_stale_scheduled_session_can_still_have_notes_saved(
    client: Client, therapist: User, client_user: User, frozen: Any
) -> None:
    session = make_session(therapist, client_user, starts_at=NOW - timedelta(days=1))
    client.force_login(therapist)
    data = form(start_date="2026-11-25", start_time="12:00", private_notes="Check whether this took place.")
    assert client.post(detail_url(session), data).status_code == 302
    session.refresh_from_db()
    assert session.private_notes == "Check whether this took place."


def test_moving_a_scheduled_session_into_the_past_is_an_error_beside_the_time(
    client: Client, therapist: User, client_user: User, frozen: Any
) -> None:
    session = make_session(therapist, client_user, starts_at=NOW + timedelta(days=1))
    client.force_login(therapist)
    response = client.post(detail_url(session), form(start_date="2026-11-01"))
    assert response.status_code == 200
    assert field_error(response, "start_time").startswith("That time has passed.")
    session.refresh_from_db()
    assert session.starts_at == NOW + timedelta(days=1)


def test_huge_notes_on_the_session_page_come_back_whole_with_an_error(
    client: Client, therapist: User, client_user: User
) -> None:
    session = held_session(therapist, client_user, private_notes="Before")
    local = session.starts_at.astimezone(therapist.zone)
    client.force_login(therapist)
    too_long = "Homework: " + "x" * NOTES_LIMIT
    data = form(start_date=f"{local:%Y-%m-%d}", start_time=f"{local:%H:%M}", status="held", summary=too_long)
    response = client.post(detail_url(session), data)
    assert response.status_code == 200
    assert "the limit is 20000" in field_error(response, "summary")
    assert too_long in response.content.decode()
    session.refresh_from_db()
    assert session.private_notes == "Before"


def test_another_therapists_session_is_a_404_and_nothing_is_written(
    client: Client, therapist: User, other_therapist: User, other_client: User
) -> None:
    session = held_session(other_therapist, other_client, private_notes="Theirs")
    client.force_login(therapist)
    assert client.get(detail_url(session)).status_code == 404
    response = client.post(detail_url(session), form(status="held", private_notes="Overwritten"))
    assert response.status_code == 404
    assert client.post(status_url(session), {"status": "cancelled"}).status_code == 404
    session.refresh_from_db()
    assert (session.private_notes, session.status) == ("Theirs", "held")


def test_the_session_page_is_for_signed_in_therapists(
    client: Client, therapist: User, client_user: User
) -> None:
    session = held_session(therapist, client_user)
    response = client.get(detail_url(session))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(client_user)
    assert client.get(detail_url(session)).status_code == 403
    assert client.post(status_url(session), {"status": "cancelled"}).status_code == 403
    assert TherapySession.objects.get().status == "held"


def test_the_session_page_refuses_other_methods(client: Client, therapist: User, client_user: User) -> None:
    session = held_session(therapist, client_user)
    client.force_login(therapist)
    assert client.put(detail_url(session)).status_code == 405
    assert client.delete(detail_url(session)).status_code == 405


# --- /sessions/<id>/status/ ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("cancelled", "is cancelled."),
        ("no_show", "is recorded as a no-show."),
        ("held", "is recorded as held."),
    ],
)
def test_the_quick_buttons_change_a_past_sessions_status(
    client: Client, therapist: User, client_user: User, status: str, message: str
) -> None:
    session = make_session(therapist, client_user, days=-1)
    client.force_login(therapist)
    response = client.post(status_url(session), {"status": status})
    assert response.status_code == 302
    assert response["Location"] == detail_url(session)
    assert TherapySession.objects.get().status == status
    assert message in shown(response)[0]


def test_a_future_session_cannot_be_marked_held(client: Client, therapist: User, client_user: User) -> None:
    session = make_session(therapist, client_user, days=2)
    client.force_login(therapist)
    response = client.post(status_url(session), {"status": "held"})
    assert response.status_code == 302
    assert "hasn't started yet" in shown(response)[0]
    assert TherapySession.objects.get().status == "scheduled"


def test_an_unknown_status_changes_nothing(client: Client, therapist: User, client_user: User) -> None:
    session = make_session(therapist, client_user, days=-1)
    client.force_login(therapist)
    response = client.post(status_url(session), {"status": "scheduled"})
    assert response.status_code == 302
    assert "isn't a change we know" in shown(response)[0]
    assert TherapySession.objects.get().status == "scheduled"


def test_the_status_change_is_post_only(client: Client, therapist: User, client_user: User) -> None:
    session = make_session(therapist, client_user, days=-1)
    client.force_login(therapist)
    assert client.get(status_url(session)).status_code == 405
    client.logout()
    response = client.post(status_url(session), {"status": "cancelled"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert TherapySession.objects.get().status == "scheduled"


# --- Undo a cancellation ------------------------------------------------------------------------


def uncancel_url(session: TherapySession) -> str:
    return f"/sessions/{session.pk}/uncancel/"


def test_cancelling_an_upcoming_session_offers_undo_which_schedules_it_again(
    client: Client, therapist: User, client_user: User
) -> None:
    session = make_session(therapist, client_user, days=2)
    client.force_login(therapist)
    response = client.post(status_url(session), {"status": "cancelled"}, follow=True)
    assert f'action="{uncancel_url(session)}"' in response.content.decode()
    assert TherapySession.objects.get().status == "cancelled"
    response = client.post(uncancel_url(session))
    assert response["Location"] == detail_url(session)
    assert shown(response)[0].startswith("Undone: the session on ")
    assert shown(response)[0].endswith("is scheduled again.")
    assert TherapySession.objects.get().status == "scheduled"
    # A second Undo changes nothing and says why.
    response = client.post(uncancel_url(session))
    assert "isn't cancelled, so there is nothing to undo" in shown(response)[-1]
    assert TherapySession.objects.get().status == "scheduled"


def test_a_cancellation_cannot_be_undone_once_the_session_has_started(
    client: Client, therapist: User, client_user: User
) -> None:
    session = make_session(therapist, client_user, days=-1)
    client.force_login(therapist)
    response = client.post(status_url(session), {"status": "cancelled"}, follow=True)
    page = html.unescape(response.content.decode())
    assert "Its time has passed, so there is no Undo" in page
    assert uncancel_url(session) not in page
    response = client.post(uncancel_url(session))
    assert "Its start time has passed" in shown(response)[0]
    assert TherapySession.objects.get().status == "cancelled"


def test_a_session_with_a_former_therapist_stays_cancelled(
    client: Client, therapist: User, other_therapist: User, client_user: User
) -> None:
    """Moving the client cancelled the sessions booked with the former therapist: the new
    therapist's Undo would bring back a booking with someone who no longer sees them."""
    from mallard import services as mallard_services

    session = make_session(therapist, client_user, days=2)
    mallard_services.move_client(client=client_user, to_therapist=other_therapist)
    session.refresh_from_db()
    assert session.status == "cancelled"
    client.force_login(other_therapist)
    response = client.post(uncancel_url(session))
    assert "booked with another therapist" in shown(response)[0]
    assert TherapySession.objects.get().status == "cancelled"


def test_a_cancellation_whose_time_was_booked_again_is_not_undone(
    client: Client, therapist: User, client_user: User
) -> None:
    session = make_session(therapist, client_user, days=2)
    client.force_login(therapist)
    client.post(status_url(session), {"status": "cancelled"})
    make_session(therapist, client_user, days=2)  # the same time, booked again
    response = client.post(uncancel_url(session))
    assert "Its time has been taken since" in shown(response)[-1]
    assert TherapySession.objects.get(pk=session.pk).status == "cancelled"


def test_a_cancelled_double_booking_is_undone_when_nothing_was_booked_since(
    client: Client, therapist: User, client_user: User
) -> None:
    """The therapist chose "Schedule it anyway" over another session, then cancelled it: the
    session it overlaps was there before the cancellation, so Undo puts back the double-booking."""
    starts = NOW + timedelta(days=2)
    with time_machine.travel(NOW, tick=False) as traveller:
        make_session(therapist, client_user, starts_at=starts)
        traveller.shift(timedelta(minutes=1))
        chosen = make_session(therapist, client_user, starts_at=starts + timedelta(minutes=20))
        traveller.shift(timedelta(minutes=1))
        client.force_login(therapist)
        client.post(status_url(chosen), {"status": "cancelled"})
        traveller.shift(timedelta(minutes=1))
        response = client.post(uncancel_url(chosen))
    assert shown(response)[-1].startswith("Undone: the session on ")
    assert refreshed_row(chosen).status == "scheduled"


def test_a_cancellation_whose_time_another_session_moved_into_since_is_not_undone(
    client: Client, therapist: User, client_user: User
) -> None:
    from sessions_app import services

    starts = NOW + timedelta(days=2)
    with time_machine.travel(NOW, tick=False) as traveller:
        session = make_session(therapist, client_user, starts_at=starts)
        elsewhere = make_session(therapist, client_user, starts_at=starts + timedelta(days=1))
        traveller.shift(timedelta(minutes=1))
        client.force_login(therapist)
        client.post(status_url(session), {"status": "cancelled"})
        traveller.shift(timedelta(minutes=1))
        services.update_session(
            session=elsewhere, editor=therapist, starts_at=starts, duration_minutes=50,
            status="scheduled", summary="",
        )  # fmt: skip
        traveller.shift(timedelta(minutes=1))
        response = client.post(uncancel_url(session))
    assert "Its time has been taken since" in shown(response)[-1]
    assert refreshed_row(session).status == "cancelled"


def test_undo_cancel_is_post_only_and_another_therapist_gets_a_404(
    client: Client, therapist: User, other_therapist: User, client_user: User
) -> None:
    session = make_session(therapist, client_user, days=2, status="cancelled")
    assert client.post(uncancel_url(session))["Location"].startswith("/accounts/login/")
    client.force_login(other_therapist)
    assert client.post(uncancel_url(session)).status_code == 404
    client.force_login(therapist)
    assert client.get(uncancel_url(session)).status_code == 405
    assert TherapySession.objects.get().status == "cancelled"


def test_the_session_page_links_to_its_pre_session_summary(
    client: Client, therapist: User, client_user: User
) -> None:
    session = make_session(therapist, client_user, days=2)
    client.force_login(therapist)
    page = client.get(detail_url(session)).content.decode()
    assert f'href="/sessions/{session.pk}/summary/"' in page
    assert client.get(f"/sessions/{session.pk}/summary/").status_code == 200


def test_hostile_text_comes_back_escaped_with_the_overlap_warning(
    client: Client, therapist: User, client_user: User, frozen: Any
) -> None:
    make_session(therapist, client_user, starts_at=datetime(2026, 12, 3, 10, 0, tzinfo=UTC))
    client.force_login(therapist)
    hostile = '<script>alert("x")</script>'
    response = client.post(list_url(client_user), form(summary=hostile, schedule_anyway=""))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="overlap-warning"' in content
    assert hostile not in content
    assert html.escape(hostile, quote=False) in content or html.escape(hostile) in content
