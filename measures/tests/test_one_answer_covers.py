"""One answer covers every open ask of a questionnaire: a plan's own window that opens while an
"Ask once now" is still open (or any two windows of one questionnaire open together) is one card
on Today, and the client's answer to either answers both, for good."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import Client

from mallard.models import User
from measures import services
from measures.exports import measures_section
from measures.models import MeasurePlan, MeasureResponse, MeasureWindow, Schedule
from measures.selectors import open_windows, plan_rows

ASKED = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)  # Wednesday 4 March, 10:00 in New York (Carol)
BOTH_OPEN = datetime(2026, 3, 6, 15, 0, tzinfo=UTC)  # Friday: the plan's window opened on Thursday


@pytest.fixture
def both_open(therapist: User, client_user: User) -> Iterator[tuple[MeasureWindow, MeasureWindow]]:
    """An "Ask once now" (open 4 to 10 March) and the plan's own window (5 to 11 March), both open."""
    with time_machine.travel(ASKED, tick=False):
        plan = services.assign_measure(
            therapist=therapist,
            client=client_user,
            instrument="phq9",
            schedule=Schedule.EVERY_N_WEEKS,
            every_weeks=2,
            starts_on=date(2026, 3, 5),
        )
        extra = services.ask_once_now(therapist=therapist, plan=plan)
    with time_machine.travel(BOTH_OPEN, tick=False):
        yield extra.windows.get(), plan.windows.get(opens_at__date=date(2026, 3, 5))


def answer(window: MeasureWindow) -> MeasureResponse:
    return services.submit_response(client=window.client, window=window, answers=[1] * 9)


def test_today_lists_the_questionnaire_once_while_two_asks_of_it_are_open(
    client: Client, client_user: User, both_open: tuple[MeasureWindow, MeasureWindow]
) -> None:
    extra, own = both_open
    due = open_windows(client_user, BOTH_OPEN)
    assert [d.window for d in due] == [extra]  # the one closing first stands for both
    client.force_login(client_user)
    content = client.get("/today/").content.decode()
    assert content.count("Fill it in") == 1
    assert f'href="/questionnaires/{extra.pk}/answer/"' in content
    assert f'href="/questionnaires/{own.pk}/answer/"' not in content


def test_an_answer_covers_every_other_open_ask_of_the_questionnaire(
    therapist: User, client_user: User, both_open: tuple[MeasureWindow, MeasureWindow]
) -> None:
    extra, own = both_open
    gad7 = services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="gad7",
        schedule=Schedule.ONCE,
        starts_on=date(2026, 3, 6),
    ).windows.get()
    services.extend_windows()
    later = own.plan.windows.get(opens_at__date=date(2026, 3, 19))  # not open yet: a later ask
    response = answer(extra)
    extra.refresh_from_db()
    own.refresh_from_db()
    assert (extra.response, extra.covered_by) == (response, None)
    assert own.covered_by == response
    assert own.answer == response
    later.refresh_from_db()
    gad7.refresh_from_db()
    assert later.covered_by is None  # opens later: asked again then
    assert gad7.covered_by is None  # another questionnaire
    assert [d.window for d in open_windows(client_user, BOTH_OPEN)] == [gad7]
    # A second answer to the covered window saves nothing and leads to the one that covered it.
    with pytest.raises(services.AlreadyAnswered) as already:
        answer(own)
    assert already.value.response == response
    assert client_user.measure_responses.count() == 1


def test_answering_the_plans_own_window_covers_the_extra_ask(
    client: Client, client_user: User, both_open: tuple[MeasureWindow, MeasureWindow]
) -> None:
    extra, own = both_open
    response = answer(own)
    extra.refresh_from_db()
    assert extra.covered_by == response
    client.force_login(client_user)
    opened = client.get(f"/questionnaires/{extra.pk}/answer/")
    assert opened.status_code == 302
    assert opened["Location"] == f"/questionnaires/answers/{response.pk}/"


def test_rewriting_the_plan_does_not_ask_the_covered_window_again(
    client_user: User, both_open: tuple[MeasureWindow, MeasureWindow]
) -> None:
    extra, own = both_open
    answer(extra)
    plan = own.plan
    services.extend_windows()
    services.update_plan(plan=plan, schedule=plan.schedule, every_weeks=2, starts_on=plan.starts_on)
    assert MeasureWindow.objects.filter(pk=own.pk, covered_by__isnull=False).exists()
    assert plan.windows.filter(opens_at__date=date(2026, 3, 5)).count() == 1
    assert open_windows(client_user, BOTH_OPEN) == []
    # Stopping keeps it, as it keeps every answered window.
    services.stop_plan(plan=plan)
    assert MeasureWindow.objects.filter(pk=own.pk, covered_by__isnull=False).exists()


def test_the_therapists_page_says_both_were_answered(
    client_user: User, both_open: tuple[MeasureWindow, MeasureWindow]
) -> None:
    extra, own = both_open
    response = answer(extra)
    (row,) = plan_rows(client_user, BOTH_OPEN)
    assert row.state == "answered"  # and its next window is not written yet
    assert row.answered == own
    assert row.answered_at == response.submitted_at
    assert row.extra_answered_at == response.submitted_at


def test_the_therapists_page_links_a_covered_window_to_the_answer_that_covered_it(
    client: Client, therapist: User, client_user: User, both_open: tuple[MeasureWindow, MeasureWindow]
) -> None:
    extra, _own = both_open
    response = answer(extra)
    client.force_login(therapist)
    page = client.get(f"/clients/{client_user.pk}/questionnaires/")
    assert page.status_code == 200
    assert f"/clients/{client_user.pk}/questionnaires/answers/{response.pk}/" in page.content.decode()


def test_the_export_says_which_answer_covered_a_window(
    therapist: User, client_user: User, both_open: tuple[MeasureWindow, MeasureWindow]
) -> None:
    extra, own = both_open
    response = answer(extra)
    windows = {w["id"]: w for w in measures_section(client_user, viewer=client_user)["windows"]}
    assert windows[own.pk]["covered_by_id"] == response.pk
    assert windows[extra.pk]["covered_by_id"] is None


def test_a_stopped_extra_ask_is_not_covered(
    client_user: User, both_open: tuple[MeasureWindow, MeasureWindow]
) -> None:
    extra, own = both_open
    MeasurePlan.objects.filter(pk=extra.plan_id).update(ended_at=BOTH_OPEN)
    answer(own)
    extra.refresh_from_db()
    assert extra.covered_by is None
