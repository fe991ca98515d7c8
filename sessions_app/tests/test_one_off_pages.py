"""One-off assignments after their due day on the therapist's overview and pre-session summary."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine
from django.test import Client

from homework import services
from homework.models import Assignment, Kind, LogStatus, NotDoneReason, Occurrence, Recurrence
from homework.tests.conftest import make_assignment
from mallard.models import User
from sessions_app.tests.dashboard_helpers import make_session

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 12, 30, 12, 0, tzinfo=LONDON)  # a Wednesday, 26 days after the due day


def _one_off(therapist: User, client_user: User, title: str = "Read about sleep") -> Assignment:
    with time_machine.travel(datetime(2026, 12, 1, 9, 0, tzinfo=LONDON), tick=False):
        return make_assignment(
            therapist,
            client_user,
            Kind.READING,
            title=title,
            start=date(2026, 12, 1),
            recurrence=Recurrence.ONCE,
            end_date=date(2026, 12, 4),
        )


def _log(assignment: Assignment, status: LogStatus, reason: str = "") -> None:
    with time_machine.travel(datetime(2026, 12, 3, 21, 0, tzinfo=LONDON), tick=False):
        services.log_occurrence(
            occurrence=Occurrence.objects.get(assignment=assignment), status=status, reason=reason
        )


def _page(client: Client, person: User, path: str) -> str:
    with time_machine.travel(NOW, tick=False):
        client.force_login(person)
        response = client.get(path)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_the_overview_says_done_and_offers_mark_completed(
    client: Client, therapist: User, client_user: User
) -> None:
    done = _one_off(therapist, client_user)
    _log(done, LogStatus.DONE)
    content = _page(client, therapist, f"/clients/{client_user.pk}/overview/")
    assert "Done on 3 December" in content
    assert f'action="/assignments/{done.pk}/status/"' in content
    assert f'Mark completed<span class="visually-hidden"> {done.title}</span>' in content


def test_the_overview_says_overdue_and_links_to_a_new_due_date(
    client: Client, therapist: User, client_user: User
) -> None:
    overdue = _one_off(therapist, client_user)
    content = _page(client, therapist, f"/clients/{client_user.pk}/overview/")
    assert "Overdue since 4 December" in content
    assert f'href="/assignments/{overdue.pk}/edit/?next=/clients/{client_user.pk}/overview/#id_end_date"' in (
        content.replace("%2F", "/")
    )
    assert f'action="/assignments/{overdue.pk}/status/"' not in content


def _one_off_blocks(content: str, page: str) -> dict[str, str]:
    """Each one-off's state block (``homework/therapist/one_off_state.html``) by assignment id, with
    the page's own address (where "Give it a new due date" returns) and the form's token put aside."""
    blocks = re.findall(r'(<div data-one-off="(\d+)">.*?</p> (?:<form .*?</form> )?</div>)', content)
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
    return {pk: token.sub("TOKEN", block.replace(page, "PAGE")) for block, pk in blocks}


def test_the_overview_and_the_homework_page_show_a_one_off_the_same_way(
    client: Client, therapist: User, client_user: User
) -> None:
    done = _one_off(therapist, client_user, title="Done one")
    _log(done, LogStatus.DONE)
    said = _one_off(therapist, client_user, title="Said not done")
    _log(said, LogStatus.NOT_DONE, NotDoneReason.FORGOT)
    overdue = _one_off(therapist, client_user, title="Overdue one")
    homework = f"/clients/{client_user.pk}/homework/"
    overview = f"/clients/{client_user.pk}/overview/"
    on_homework = _one_off_blocks(_page(client, therapist, homework), homework)
    on_overview = _one_off_blocks(_page(client, therapist, overview), overview)
    assert set(on_homework) == {str(a.pk) for a in (done, said, overdue)}
    assert on_homework == on_overview
    assert "Mark completed" in on_homework[str(done.pk)]
    assert "Give it a new due date" in on_homework[str(overdue.pk)]
    # The homework page's own buttons offer Mark completed once only, in the block, for a done one.
    assert (
        _page(client, therapist, homework).count(f'Mark completed<span class="visually-hidden"> {done.title}')
        == 1
    )


def test_the_summary_lists_a_one_off_still_overdue_from_before_its_period(
    client: Client, therapist: User, client_user: User
) -> None:
    _one_off(therapist, client_user, title="Read about sleep")
    said = _one_off(therapist, client_user, title="Read about worry")
    _log(said, LogStatus.NOT_DONE, NotDoneReason.FORGOT)
    with time_machine.travel(NOW, tick=False):
        session = make_session(therapist, client_user, in_days=1)
    content = _page(client, therapist, f"/sessions/{session.pk}/summary/")
    assert "Read about sleep" in content
    assert "Overdue since 4 December" in content
    # A "not done" from before the period was the client's answer: nothing new to bring up.
    assert "Read about worry" not in content
