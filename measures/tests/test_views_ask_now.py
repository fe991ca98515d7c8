"""Ask once now: /clients/<id>/questionnaires/<plan id>/ask-now/ (a POST), one more response to a
questionnaire whose plan runs, beside that plan."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mallard.exports import Words
from mallard.lib.dates import DateWords
from mallard.models import AuditEntry, User
from mallard.once import new_key
from measures import hooks, services
from measures.exports import measures_report, measures_section
from measures.models import MeasurePlan, MeasureWindow, Schedule

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)  # 10:00 on Wednesday 4 March in New York (Carol)
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with time_machine.travel(NOW, tick=False):
        yield


def page(client_user: User) -> str:
    return f"/clients/{client_user.pk}/questionnaires/"


def ask_url(plan: MeasurePlan) -> str:
    return f"/clients/{plan.client_id}/questionnaires/{plan.pk}/ask-now/"


def plan(therapist: User, client_user: User, schedule: str, starts_on: date, **extra: int) -> MeasurePlan:
    return services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="phq9",
        schedule=schedule,
        starts_on=starts_on,
        **extra,
    )


def every_two_weeks_from_next_week(therapist: User, client_user: User) -> MeasurePlan:
    """Nothing open now: its first window opens on 11 March."""
    return plan(therapist, client_user, Schedule.EVERY_N_WEEKS, date(2026, 3, 11), every_weeks=2)


def answer(window: MeasureWindow) -> None:
    services.submit_response(client=window.client, window=window, answers=[1] * 9)


def lines(client: Client, client_user: User) -> list[str]:
    """The words under each plan on the therapist's page, whitespace folded."""
    content = client.get(page(client_user)).content.decode()
    found = re.findall(r'<span class="small text-body-secondary plan-next">(.*?)</span>', content, re.S)
    return [" ".join(re.sub(r"<br>", " | ", line).split()) for line in found]


def test_it_opens_the_questionnaire_today_beside_the_plan(
    client: Client, therapist: User, client_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    running = every_two_weeks_from_next_week(therapist, client_user)
    planned = list(running.windows.values_list("opens_at", "closes_at"))
    told: list[User] = []
    monkeypatch.setattr(hooks, "windows_changed", [told.append])
    client.force_login(therapist)
    response = client.post(ask_url(running), {"once": new_key()}, follow=True)
    assert response.redirect_chain == [(page(client_user), 302)]
    assert (
        "Asked once now: Carol Chen sees the PHQ-9 on Today from today, for 7 days. "
        "The plan goes on as it was."
    ) in response.content.decode()
    extra = MeasurePlan.objects.get(extra=True)
    assert (extra.client, extra.therapist, extra.instrument, extra.schedule, extra.starts_on) == (
        client_user,
        therapist,
        "phq9",
        Schedule.ONCE,
        date(2026, 3, 4),  # the client's today
    )
    window = extra.windows.get()
    assert (window.opens_at, window.closes_at) == (
        datetime(2026, 3, 4, tzinfo=NEW_YORK),
        datetime(2026, 3, 11, tzinfo=NEW_YORK),
    )
    assert told == [client_user]  # reminders are planned from it like from any window
    running.refresh_from_db()
    assert running.ended_at is None
    assert list(running.windows.values_list("opens_at", "closes_at")) == planned
    # The page has one PHQ-9 row, which tells both.
    assert lines(client, client_user) == [
        "Next opens 11 March, 00:00, until the end of 17 March client's time (America/New_York). | "
        "Also asked once now: open until the end of 10 March client's time (America/New_York); "
        "not answered yet."
    ]


def test_the_client_sees_it_on_today_and_can_answer_it(
    client: Client, therapist: User, client_user: User
) -> None:
    services.ask_once_now(therapist=therapist, plan=every_two_weeks_from_next_week(therapist, client_user))
    window = MeasureWindow.objects.get(plan__extra=True)
    client.force_login(client_user)
    assert f'href="/questionnaires/{window.pk}/answer/"' in client.get("/today/").content.decode()
    data = {f"item_{n}": "1" for n in range(1, 10)}
    response = client.post(f"/questionnaires/{window.pk}/answer/", data)
    assert response.status_code == 302
    assert window.response.total == 9
    client.force_login(therapist)
    assert lines(client, client_user)[0].endswith(
        "Also asked once now: answered 4 March, 10:00 client's time (America/New_York)."
    )


def test_a_questionnaire_open_already_is_said_so_and_nothing_new_opens(
    client: Client, therapist: User, client_user: User
) -> None:
    weekly = plan(therapist, client_user, Schedule.EVERY_N_WEEKS, date(2026, 3, 2), every_weeks=1)
    client.force_login(therapist)
    response = client.post(ask_url(weekly), {"once": new_key()}, follow=True)
    assert (
        "The PHQ-9 is open for Carol Chen already, until the end of 8 March client&#x27;s time "
        "(America/New_York), and not answered yet, so nothing new was opened."
    ) in response.content.decode()
    assert not MeasurePlan.objects.filter(extra=True).exists()


def test_an_extra_ask_open_already_is_not_asked_again(
    client: Client, therapist: User, client_user: User
) -> None:
    running = every_two_weeks_from_next_week(therapist, client_user)
    client.force_login(therapist)
    client.post(ask_url(running), {"once": new_key()})
    response = client.post(ask_url(running), {"once": new_key()}, follow=True)
    assert "so nothing new was opened" in response.content.decode()
    assert MeasurePlan.objects.filter(extra=True).count() == 1


def test_once_answered_it_can_be_asked_again(client: Client, therapist: User, client_user: User) -> None:
    once = plan(therapist, client_user, Schedule.ONCE, date(2026, 3, 4))
    answer(once.windows.get())  # its window is still open, but answered
    services.ask_once_now(therapist=therapist, plan=once)
    answer(MeasureWindow.objects.get(plan__extra=True))
    services.ask_once_now(therapist=therapist, plan=once)
    assert MeasurePlan.objects.filter(extra=True, ended_at__isnull=True).count() == 2
    assert MeasurePlan.objects.filter(extra=False).get() == once


def test_the_same_form_sent_twice_asks_once(client: Client, therapist: User, client_user: User) -> None:
    running = every_two_weeks_from_next_week(therapist, client_user)
    client.force_login(therapist)
    data = {"once": new_key()}
    assert client.post(ask_url(running), data).status_code == 302
    again = client.post(ask_url(running), data, follow=True)
    assert "That form was already sent" in again.content.decode()
    assert MeasurePlan.objects.filter(extra=True).count() == 1


def test_an_extra_ask_leaves_the_ask_form_as_it_was(
    client: Client, therapist: User, client_user: User
) -> None:
    running = every_two_weeks_from_next_week(therapist, client_user)
    services.ask_once_now(therapist=therapist, plan=running)
    client.force_login(therapist)
    content = client.get(page(client_user)).content.decode()
    assert 'value="gad7"' in content
    assert 'value="phq9"' not in content  # planned already: the extra ask is not a plan
    # A GAD-7 plan can be added beside it.
    response = client.post(page(client_user), {"instrument": "gad7", "schedule": "once", "once": new_key()})
    assert response.status_code == 302


def test_stopping_the_plan_stops_its_extra_ask(client: Client, therapist: User, client_user: User) -> None:
    running = every_two_weeks_from_next_week(therapist, client_user)
    services.ask_once_now(therapist=therapist, plan=running)
    client.force_login(therapist)
    client.post(f"{page(client_user)}{running.pk}/stop/")
    assert not MeasurePlan.objects.filter(ended_at__isnull=True).exists()
    assert not MeasureWindow.objects.exists()  # neither was answered
    client.force_login(client_user)
    assert "/answer/" not in client.get("/today/").content.decode()
    # The PHQ-9 can be planned again.
    client.force_login(therapist)
    response = client.post(page(client_user), {"instrument": "phq9", "schedule": "once", "once": new_key()})
    assert response.status_code == 302


def test_a_stopped_plan_asks_nothing(client: Client, therapist: User, client_user: User) -> None:
    running = every_two_weeks_from_next_week(therapist, client_user)
    services.stop_plan(plan=running)
    client.force_login(therapist)
    response = client.post(ask_url(running), {"once": new_key()}, follow=True)
    assert "The PHQ-9 plan was stopped already." in response.content.decode()
    assert not MeasurePlan.objects.filter(extra=True).exists()
    with pytest.raises(services.PlanStopped):
        services.ask_once_now(therapist=therapist, plan=running)


def test_an_extra_ask_is_not_a_plan_of_its_own(client: Client, therapist: User, client_user: User) -> None:
    running = every_two_weeks_from_next_week(therapist, client_user)
    extra = services.ask_once_now(therapist=therapist, plan=running)
    client.force_login(therapist)
    base = f"{page(client_user)}{extra.pk}"
    assert client.post(f"{base}/ask-now/", {"once": new_key()}).status_code == 404
    assert client.get(f"{base}/edit/").status_code == 404
    assert client.post(f"{base}/stop/").status_code == 404
    assert len(lines(client, client_user)) == 1


def test_it_takes_only_a_post(client: Client, therapist: User, client_user: User) -> None:
    running = every_two_weeks_from_next_week(therapist, client_user)
    client.force_login(therapist)
    assert client.get(ask_url(running)).status_code == 405
    assert not MeasurePlan.objects.filter(extra=True).exists()


def test_another_therapists_client_and_plan_are_not_found(
    client: Client, therapist: User, client_user: User, other_therapist: User, other_client: User
) -> None:
    theirs = every_two_weeks_from_next_week(other_therapist, other_client)
    mine = every_two_weeks_from_next_week(therapist, client_user)
    client.force_login(therapist)
    assert client.post(ask_url(theirs), {"once": new_key()}).status_code == 404
    # Their plan under my client's address, and mine under theirs.
    assert client.post(f"{page(client_user)}{theirs.pk}/ask-now/").status_code == 404
    assert client.post(f"{page(other_client)}{mine.pk}/ask-now/").status_code == 404
    assert not MeasurePlan.objects.filter(extra=True).exists()


def test_anonymous_people_are_sent_to_sign_in_and_clients_are_refused(
    client: Client, therapist: User, client_user: User
) -> None:
    running = every_two_weeks_from_next_week(therapist, client_user)
    response = client.post(ask_url(running))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(client_user)
    assert client.post(ask_url(running)).status_code == 403
    assert not MeasurePlan.objects.filter(extra=True).exists()


def test_it_is_in_the_audit_trail_and_the_export(therapist: User, client_user: User) -> None:
    running = every_two_weeks_from_next_week(therapist, client_user)
    extra = services.ask_once_now(therapist=therapist, plan=running)
    created = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(MeasurePlan),
        object_pk=str(extra.pk),
        action=AuditEntry.Action.CREATE,
    )
    assert created.filter(client_id=client_user.pk).exists()
    # The client's "Who has looked at your records" names it apart from the plan.
    words = DateWords(NEW_YORK, 2026)
    assert extra.name_for_client(words) == "the PHQ-9 asked of you once on 4 March"
    assert running.name_for_client(words) == "your PHQ-9 plan of 4 March"
    section = measures_section(client_user, viewer=client_user)
    assert [(p["id"], p["extra"], p["schedule"]) for p in section["plans"]] == [
        (running.pk, False, "every_n_weeks"),
        (extra.pk, True, "once"),
    ]
    assert extra.windows.get().pk in [w["id"] for w in section["windows"]]
    plans_part = measures_report(section, words=Words(zone=NEW_YORK), own=True)[0]
    assert [item.title for item in plans_part.items] == [
        "PHQ-9, every 2 weeks",
        "PHQ-9, asked once more, beside the plan",
    ]


def test_the_pages_query_count_does_not_grow_with_extra_asks(
    client: Client, therapist: User, client_user: User
) -> None:
    running = every_two_weeks_from_next_week(therapist, client_user)
    client.force_login(therapist)
    client.get(page(client_user))
    counts = []
    for _ in range(3):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page(client_user)).status_code == 200
        counts.append(len(queries))
        services.ask_once_now(therapist=therapist, plan=running)
        answer(MeasureWindow.objects.filter(plan__extra=True).latest("pk"))
    assert counts[0] == counts[1] == counts[2]
