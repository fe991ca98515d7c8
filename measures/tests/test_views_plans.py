"""The therapist's questionnaire page: /clients/<id>/questionnaires/ (see and add plans, stop one)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mallard.models import FormSubmission, User
from mallard.once import new_key
from measures import hooks, services
from measures.access import ANSWERS_SHOWN
from measures.models import MeasurePlan, MeasureResponse, Schedule

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with time_machine.travel(NOW, tick=False):
        yield


def url(client: User) -> str:
    return f"/clients/{client.pk}/questionnaires/"


def test_it_shows_the_form_and_the_plans(client: Client, therapist: User, client_user: User) -> None:
    services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="gad7",
        schedule=Schedule.ONCE,
        starts_on=date(2026, 3, 4),
    )
    client.force_login(therapist)
    content = client.get(url(client_user)).content.decode()
    assert "Questionnaires for Carol Chen" in content
    assert "<strong>GAD-7</strong>: Once" in content
    assert "Open now, until the end of 10 March" in content
    assert 'name="instrument"' in content


def test_it_asks_every_n_weeks(client: Client, therapist: User, client_user: User) -> None:
    client.force_login(therapist)
    data = {"instrument": "phq9", "schedule": "every_n_weeks", "every_weeks": "2", "once": new_key()}
    response = client.post(url(client_user), data)
    assert response.status_code == 302
    plan = MeasurePlan.objects.get()
    assert (plan.client, plan.therapist, plan.every_weeks, plan.starts_on) == (
        client_user,
        therapist,
        2,
        date(2026, 3, 4),  # the client's today in New York
    )
    assert plan.windows.exists()


def test_the_same_form_sent_twice_asks_once(client: Client, therapist: User, client_user: User) -> None:
    client.force_login(therapist)
    data = {"instrument": "phq9", "schedule": "once", "once": new_key()}
    assert client.post(url(client_user), data).status_code == 302
    again = client.post(url(client_user), data, follow=True)
    assert "That form was already sent" in again.content.decode()
    assert MeasurePlan.objects.count() == 1
    assert FormSubmission.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"schedule": "once"}, "Choose a questionnaire."),
        ({"instrument": "bdi", "schedule": "once"}, "Choose a questionnaire from the list."),
        ({"instrument": "phq9"}, "Choose when to ask."),
        ({"instrument": "phq9", "schedule": "every_n_weeks"}, "Say every how many weeks"),
        (
            {"instrument": "phq9", "schedule": "every_n_weeks", "every_weeks": "13"},
            "“Every how many weeks” takes a whole number from 1 to 12.",
        ),
        ({"instrument": "phq9", "schedule": "once", "starts_on": "2026-03-01"}, "from today to a year ahead"),
        ({"instrument": "phq9", "schedule": "once", "starts_on": "not a date"}, "Enter a valid date"),
    ],
)
def test_bad_input_saves_nothing_and_keeps_what_was_typed(
    client: Client, therapist: User, client_user: User, data: dict[str, str], message: str
) -> None:
    client.force_login(therapist)
    response = client.post(url(client_user), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    for name, value in data.items():
        if name in ("every_weeks", "starts_on"):
            assert f'value="{value}"' in content
        elif value in ("phq9", "once", "every_n_weeks"):  # a valid choice stays chosen
            assert re.search(rf'name="{name}" value="{value}"[^>]*checked', content)
    assert not MeasurePlan.objects.exists()


def test_a_second_running_plan_for_the_same_questionnaire_is_refused(
    client: Client, therapist: User, client_user: User
) -> None:
    services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="phq9",
        schedule=Schedule.ONCE,
        starts_on=date(2026, 3, 4),
    )
    client.force_login(therapist)
    response = client.post(url(client_user), {"instrument": "phq9", "schedule": "before_session"})
    assert response.status_code == 400
    assert "already planned for this client" in response.content.decode()
    assert MeasurePlan.objects.count() == 1


def test_the_form_offers_only_questionnaires_not_planned_yet(
    client: Client, therapist: User, client_user: User
) -> None:
    client.force_login(therapist)
    content = client.get(url(client_user)).content.decode()
    assert 'value="phq9"' in content and 'value="gad7"' in content
    services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="phq9",
        schedule=Schedule.ONCE,
        starts_on=date(2026, 3, 4),
    )
    content = client.get(url(client_user)).content.decode()
    assert 'name="instrument"' in content
    assert 'value="phq9"' not in content and 'value="gad7"' in content


def test_with_both_planned_there_is_no_form_that_can_only_be_refused(
    client: Client, therapist: User, client_user: User
) -> None:
    for instrument in ("phq9", "gad7"):
        services.assign_measure(
            therapist=therapist,
            client=client_user,
            instrument=instrument,
            schedule=Schedule.EVERY_N_WEEKS,
            every_weeks=2,
            starts_on=date(2026, 3, 4),
        )
    client.force_login(therapist)
    content = client.get(url(client_user)).content.decode()
    assert 'name="instrument"' not in content
    assert "Ask Carol Chen</button>" not in content
    assert "Carol Chen is asked for both the PHQ-9 and the GAD-7 already." in content
    assert "Change" in content  # each plan's own link stays


def test_stopping_a_plan(client: Client, therapist: User, client_user: User) -> None:
    plan = services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="phq9",
        schedule=Schedule.ONCE,
        starts_on=date(2026, 3, 4),
    )
    client.force_login(therapist)
    response = client.post(f"{url(client_user)}{plan.pk}/stop/", follow=True)
    assert "be asked for the PHQ-9 again" in response.content.decode()
    plan.refresh_from_db()
    assert plan.ended_at == NOW
    assert not plan.windows.exists()


def test_stop_asking_asks_for_confirmation_first(client: Client, therapist: User, client_user: User) -> None:
    plan = services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="phq9",
        schedule=Schedule.ONCE,
        starts_on=date(2026, 3, 4),
    )
    client.force_login(therapist)
    listing = client.get(url(client_user)).content.decode()
    assert f'href="{url(client_user)}{plan.pk}/stop/"' in listing  # a link to the confirmation, not a POST
    page = client.get(f"{url(client_user)}{plan.pk}/stop/")
    assert page.status_code == 200
    content = page.content.decode()
    assert "Stop asking Carol Chen for the PHQ-9?" in content
    assert "Stop asking for the PHQ-9</button>" in content
    plan.refresh_from_db()
    assert plan.is_running
    assert plan.windows.exists()
    assert client.put(f"{url(client_user)}{plan.pk}/stop/").status_code == 405
    assert client.put(url(client_user)).status_code == 405


def test_a_stopped_plan_is_not_stopped_or_changed_again(
    client: Client, therapist: User, client_user: User
) -> None:
    plan = services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="phq9",
        schedule=Schedule.ONCE,
        starts_on=date(2026, 3, 4),
    )
    services.stop_plan(plan=plan)
    client.force_login(therapist)
    for path in ("stop/", "edit/"):
        response = client.get(f"{url(client_user)}{plan.pk}/{path}", follow=True)
        assert "The PHQ-9 plan was stopped already." in response.content.decode()
    response = client.post(f"{url(client_user)}{plan.pk}/edit/", {"schedule": "before_session"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.schedule == Schedule.ONCE


def test_another_therapists_client_and_plan_are_not_found(
    client: Client, therapist: User, client_user: User, other_therapist: User, other_client: User
) -> None:
    theirs = services.assign_measure(
        therapist=other_therapist,
        client=other_client,
        instrument="phq9",
        schedule=Schedule.ONCE,
        starts_on=date(2026, 3, 4),
    )
    client.force_login(therapist)
    assert client.get(url(other_client)).status_code == 404
    assert client.post(url(other_client), {"instrument": "gad7", "schedule": "once"}).status_code == 404
    assert client.post(f"{url(other_client)}{theirs.pk}/stop/").status_code == 404
    assert client.get(f"{url(other_client)}{theirs.pk}/stop/").status_code == 404
    assert client.get(f"{url(other_client)}{theirs.pk}/edit/").status_code == 404
    assert client.post(f"{url(other_client)}{theirs.pk}/edit/", {"schedule": "once"}).status_code == 404
    # Their plan under my client's address is not found either.
    assert client.post(f"{url(client_user)}{theirs.pk}/stop/").status_code == 404
    assert client.post(f"{url(client_user)}{theirs.pk}/edit/", {"schedule": "once"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.ended_at is None
    assert MeasurePlan.objects.count() == 1


def test_anonymous_people_are_sent_to_sign_in(client: Client, client_user: User) -> None:
    for path in ("", "1/edit/", "1/stop/"):
        response = client.get(f"{url(client_user)}{path}")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_clients_cannot_open_it(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    assert client.get(url(client_user)).status_code == 403


def _plan_line(client: Client, client_user: User) -> str:
    """The words under the one plan on the page, whitespace folded."""
    content = client.get(url(client_user)).content.decode()
    match = re.search(r'<span class="small text-body-secondary plan-next">(.*?)</span>', content, re.S)
    assert match is not None
    return " ".join(match.group(1).split())


def _answer_open_window(plan: MeasurePlan) -> None:
    window = next(w for w in plan.windows.all() if w.is_open(NOW))
    count = 9 if plan.instrument == "phq9" else 7
    services.submit_response(client=plan.client, window=window, answers=[0] * count)


def test_an_open_window_says_until_when(client: Client, therapist: User, client_user: User) -> None:
    services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="phq9",
        schedule=Schedule.ONCE,
        starts_on=date(2026, 3, 4),
    )
    client.force_login(therapist)
    assert _plan_line(client, client_user).startswith("Open now, until the end of 10 March")


def test_a_window_to_come_says_when_it_opens(client: Client, therapist: User, client_user: User) -> None:
    services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="phq9",
        schedule=Schedule.ONCE,
        starts_on=date(2026, 3, 9),
    )
    client.force_login(therapist)
    assert _plan_line(client, client_user).startswith("Next opens 9 March")


def test_a_once_plan_answered_says_so_and_that_nothing_more_comes(
    client: Client, therapist: User, client_user: User
) -> None:
    plan = services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="phq9",
        schedule=Schedule.ONCE,
        starts_on=date(2026, 3, 4),
    )
    _answer_open_window(plan)
    client.force_login(therapist)
    line = _plan_line(client, client_user)
    assert line.startswith("Answered 4 March")
    assert line.endswith("Asked once, so nothing more to come.")
    with time_machine.travel(datetime(2026, 4, 1, tzinfo=UTC), tick=False):
        client.force_login(therapist)  # a fresh sign-in: the earlier one timed out meanwhile
        assert "Asked once, so nothing more to come." in _plan_line(client, client_user)


def test_a_once_plan_that_closed_unanswered_says_so(
    client: Client, therapist: User, client_user: User
) -> None:
    services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="phq9",
        schedule=Schedule.ONCE,
        starts_on=date(2026, 3, 4),
    )
    with time_machine.travel(datetime(2026, 3, 20, tzinfo=UTC), tick=False):
        client.force_login(therapist)
        assert _plan_line(client, client_user).startswith("Asked once: not answered by the end of 10 March")


def test_before_each_session_answered_is_not_called_no_session_ahead(
    client: Client, therapist: User, client_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = datetime(2026, 3, 5, 15, 0, tzinfo=UTC)  # tomorrow, 10:00 in New York
    monkeypatch.setattr(
        hooks, "scheduled_sessions", [lambda client, after: [s for s in [session] if s > after]]
    )
    plan = services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="gad7",
        schedule=Schedule.BEFORE_SESSION,
        starts_on=date(2026, 3, 4),
    )
    client.force_login(therapist)
    assert _plan_line(client, client_user).startswith("Open now, until 5 March")
    _answer_open_window(plan)
    line = _plan_line(client, client_user)
    assert "no scheduled session" not in line.lower()
    assert line.startswith("Answered 4 March")
    assert "for the session on 5 March" in line
    assert line.endswith(
        "No later session is scheduled yet: it opens 2 days before the next one you schedule."
    )


def test_before_each_session_without_a_session_says_none_is_scheduled(
    client: Client, therapist: User, client_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hooks, "scheduled_sessions", [lambda client, after: []])
    services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="gad7",
        schedule=Schedule.BEFORE_SESSION,
        starts_on=date(2026, 3, 4),
    )
    client.force_login(therapist)
    assert _plan_line(client, client_user) == (
        "No session is scheduled ahead: it opens 2 days before the next session you schedule."
    )


def test_every_few_weeks_answered_says_when_the_next_one_opens(
    client: Client, therapist: User, client_user: User
) -> None:
    plan = services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="phq9",
        schedule=Schedule.EVERY_N_WEEKS,
        every_weeks=4,
        starts_on=date(2026, 3, 4),
    )
    _answer_open_window(plan)
    client.force_login(therapist)
    line = _plan_line(client, client_user)
    assert line.startswith("Answered 4 March")
    assert line.endswith("Next opens 1 April, 00:00 client's time (America/New_York).")  # not written yet


def test_the_plans_pages_query_count_does_not_grow_with_plans(
    client: Client, therapist: User, client_user: User
) -> None:
    client.force_login(therapist)
    counts = []
    for instrument in ("phq9", "gad7"):
        services.assign_measure(
            therapist=therapist,
            client=client_user,
            instrument=instrument,
            schedule=Schedule.EVERY_N_WEEKS,
            every_weeks=1,
            starts_on=date(2026, 3, 4),
        )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(client_user)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_window_times_are_the_clients_and_say_so(client: Client, therapist: User, client_user: User) -> None:
    # The therapist is in London, the client in New York: the window opens at the client's midnight.
    services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="phq9",
        schedule=Schedule.ONCE,
        starts_on=date(2026, 3, 9),
    )
    client.force_login(therapist)
    assert _plan_line(client, client_user) == (
        "Next opens 9 March, 00:00, until the end of 15 March client's time (America/New_York)."
    )


def _weekly(therapist: User, client_user: User) -> MeasurePlan:
    return services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="phq9",
        schedule=Schedule.EVERY_N_WEEKS,
        every_weeks=1,
        starts_on=date(2026, 3, 1),  # a Sunday, before today
    )


def test_changing_a_plan_shows_its_current_values(client: Client, therapist: User, client_user: User) -> None:
    plan = _weekly(therapist, client_user)
    client.force_login(therapist)
    listing = client.get(url(client_user)).content.decode()
    assert f'href="{url(client_user)}{plan.pk}/edit/"' in listing
    content = client.get(f"{url(client_user)}{plan.pk}/edit/").content.decode()
    assert "Change the PHQ-9 plan for Carol Chen" in content
    assert re.search(r'name="schedule" value="every_n_weeks"[^>]*checked', content)
    assert 'value="1"' in content
    assert 'value="2026-03-01"' in content
    assert 'name="instrument"' not in content  # another questionnaire is another plan


def test_changing_a_plan_keeps_it_and_rewrites_its_windows(
    client: Client, therapist: User, client_user: User
) -> None:
    plan = _weekly(therapist, client_user)
    client.force_login(therapist)
    data = {"schedule": "every_n_weeks", "every_weeks": "3", "starts_on": "2026-03-01"}
    response = client.post(f"{url(client_user)}{plan.pk}/edit/", data, follow=True)
    assert "Saved: the PHQ-9 plan is changed." in response.content.decode()
    plan.refresh_from_db()
    assert (plan.every_weeks, plan.starts_on, plan.is_running) == (3, date(2026, 3, 1), True)
    assert [w.opens_at.date() for w in plan.windows.all()] == [date(2026, 3, 1)]  # 22 March: beyond 14 days
    assert MeasurePlan.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose when to ask."),
        (
            {"schedule": "every_n_weeks", "every_weeks": "", "starts_on": "2026-03-01"},
            "Say every how many weeks",
        ),
        ({"schedule": "every_n_weeks", "every_weeks": "13", "starts_on": "2026-03-01"}, "from 1 to 12"),
        ({"schedule": "once", "starts_on": "2026-02-20"}, "or keep 1 March 2026"),
        ({"schedule": "once", "starts_on": "not a date"}, "Enter a valid date"),
    ],
)
def test_changing_a_plan_with_bad_input_changes_nothing_and_keeps_what_was_typed(
    client: Client, therapist: User, client_user: User, data: dict[str, str], message: str
) -> None:
    plan = _weekly(therapist, client_user)
    windows = list(plan.windows.values_list("pk", "opens_at"))
    client.force_login(therapist)
    response = client.post(f"{url(client_user)}{plan.pk}/edit/", data)
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    for name, value in data.items():
        if name in ("every_weeks", "starts_on") and value:
            assert f'value="{value}"' in content
        elif name == "schedule":
            assert re.search(rf'name="schedule" value="{value}"[^>]*checked', content)
    plan.refresh_from_db()
    assert (plan.schedule, plan.every_weeks) == (Schedule.EVERY_N_WEEKS, 1)
    assert list(plan.windows.values_list("pk", "opens_at")) == windows


# --- Every answer, from the page -----------------------------------------------------------------


def _response(client_user: User, instrument: str, days_ago: int, *, item9: int = 0) -> MeasureResponse:
    count = 9 if instrument == "phq9" else 7
    answers = [1] * (count - 1) + [item9 if instrument == "phq9" else 1]
    return MeasureResponse.objects.create(
        client=client_user,
        instrument=instrument,
        answers=answers,
        total=sum(answers),
        band="mild",
        item9_positive=item9 > 0,
        submitted_at=NOW - timedelta(days=days_ago),
    )


def test_every_answer_links_to_its_answers_with_the_item9_flag_in_words(
    client: Client, therapist: User, client_user: User
) -> None:
    """Six answers, one with item 9 above 0 not yet reviewed, one reviewed: each has its link,
    newest first, and the flag says where it stands."""
    responses = [_response(client_user, "phq9" if n % 2 else "gad7", days_ago=7 * n) for n in range(4)]
    flagged = _response(client_user, "phq9", days_ago=1, item9=2)
    reviewed = _response(client_user, "phq9", days_ago=40, item9=1)
    MeasureResponse.objects.filter(pk=reviewed.pk).update(item9_reviewed_at=NOW, item9_reviewed_by=therapist)
    client.force_login(therapist)
    content = " ".join(client.get(url(client_user)).content.decode().split())
    assert "All 6 of Carol Chen's answers, newest first" in content
    links = re.findall(rf'href="/clients/{client_user.pk}/questionnaires/answers/(\d+)/"', content)
    newest_first = [responses[0], flagged, *responses[1:], reviewed]
    assert [int(pk) for pk in links] == [r.pk for r in newest_first]
    assert '<strong class="item9-flag">Item 9 answered above 0</strong>: not yet marked reviewed.' in content
    assert (
        '<strong class="item9-flag">Item 9 answered above 0</strong>: reviewed by Alice Adeyemi on '
        '<time datetime="2026-03-04T15:00:00+00:00">4 March 2026, 15:00</time> (your time).'
    ) in content


def test_answers_of_a_stopped_plan_and_of_ask_once_now_still_open_from_the_page(
    client: Client, therapist: User, client_user: User
) -> None:
    plan = services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="phq9",
        schedule=Schedule.EVERY_N_WEEKS,
        every_weeks=2,
        starts_on=date(2026, 3, 4),
    )
    _answer_open_window(plan)
    extra = services.ask_once_now(therapist=therapist, plan=plan)
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        _answer_open_window(extra)
    extra_answer = MeasureResponse.objects.get(window__plan=extra)
    client.force_login(therapist)
    content = client.get(url(client_user)).content.decode()
    assert "Also asked once now: answered" in content
    assert (
        f'href="/clients/{client_user.pk}/questionnaires/answers/{extra_answer.pk}/">See the answers asked once now'
        in content
    )
    services.stop_plan(plan=plan)
    content = client.get(url(client_user)).content.decode()
    assert "Stopped 4 March 2026." in content
    for response in MeasureResponse.objects.filter(client=client_user):
        assert f'href="/clients/{client_user.pk}/questionnaires/answers/{response.pk}/"' in content


def test_a_long_list_of_answers_shows_the_newest_and_how_many_there_are(
    client: Client, therapist: User, client_user: User
) -> None:
    for n in range(ANSWERS_SHOWN + 3):
        _response(client_user, "gad7", days_ago=n)
    client.force_login(therapist)
    content = client.get(url(client_user)).content.decode()
    assert f"The {ANSWERS_SHOWN} newest of Carol Chen's {ANSWERS_SHOWN + 3} answers" in content
    assert content.count("See the answers<span") == ANSWERS_SHOWN


def test_the_plans_pages_query_count_does_not_grow_with_answers(
    client: Client, therapist: User, client_user: User, other_client: User
) -> None:
    client.force_login(therapist)
    counts = []
    for size in (1, ANSWERS_SHOWN + 5):
        MeasureResponse.objects.filter(client=client_user).delete()
        for n in range(size):
            flagged = _response(client_user, "phq9", days_ago=n, item9=n % 2)
            if n % 4 == 1:
                MeasureResponse.objects.filter(pk=flagged.pk).update(
                    item9_reviewed_at=NOW, item9_reviewed_by=therapist
                )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(client_user)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_another_therapists_clients_answers_are_not_listed(
    client: Client, therapist: User, client_user: User, other_client: User
) -> None:
    theirs = _response(other_client, "phq9", days_ago=1, item9=1)
    client.force_login(therapist)
    content = client.get(url(client_user)).content.decode()
    assert "No answers yet." in content
    assert f"/answers/{theirs.pk}/" not in content
