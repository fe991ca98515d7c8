"""The caseload table's prepared cells say exactly what the template filters they replace would,
and ``jinja2/sessions_app/caseload_rows.html`` prints them, every value escaped."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince

from conftest import make_user
from homework.selectors.therapist import Adherence
from mallard.models import CareRelationship, Invitation, Role, User
from mallard.tests.helpers import make_invitation
from sessions_app.selectors.adherence import AdherenceView, adherence_text
from sessions_app.selectors.caseload import (
    CaseloadRow,
    Flag,
    FlagCells,
    LatestScore,
    NextSession,
    TableRow,
    table_rows,
    time_ago,
)

NOW = datetime(2026, 3, 10, 14, 7, 30, tzinfo=UTC)


def row_markup(cells: TableRow) -> str:
    """The row as the caseload page prints it, without the template's indentation around tags."""
    html = render_to_string("sessions_app/caseload_rows.html", {"rows": [cells]}, using="jinja2")
    return re.sub(r"\s*(<[^>]*>)\s*", r"\1", html)


def _row(**kwargs: object) -> CaseloadRow:
    client = User(pk=41, email="erin@example.test", display_name="Erin")
    defaults: dict[str, object] = {"name": "Erin", "email": client.email, "client": client}
    return CaseloadRow(**(defaults | kwargs))  # type: ignore[arg-type]


@pytest.mark.parametrize("zone_name", ["UTC", "America/St_Johns", "Asia/Kolkata", "Pacific/Chatham"])
@pytest.mark.parametrize(
    "ago",
    [
        timedelta(0),
        timedelta(minutes=1),
        timedelta(hours=5, minutes=3),
        timedelta(days=9),
        timedelta(days=400),
    ],
)
def test_dates_and_time_ago_match_the_template_filters(zone_name: str, ago: timedelta) -> None:
    zone = ZoneInfo(zone_name)
    last = NOW - ago
    starts = NOW + timedelta(days=3, hours=1)
    (cells,) = table_rows(
        [_row(last_activity=last, next_session=NextSession(pk=7, starts_at=starts))], now=NOW, zone=zone
    )
    with timezone.override(zone):
        assert cells["last_activity"] == date_filter(timezone.localtime(last), "c")
        assert cells["last_activity_label"] == date_filter(timezone.localtime(last), "D j M Y, H:i")
        assert cells["next_session"] == date_filter(timezone.localtime(starts), "c")
        assert cells["next_session_label"] == date_filter(timezone.localtime(starts), "D j M, H:i")
    assert cells["last_activity_ago"] == (
        "just now" if ago < timedelta(minutes=1) else f"{timesince(last, NOW)} ago"
    )


@pytest.mark.parametrize(
    "ago",
    [
        timedelta(seconds=-90),
        timedelta(seconds=59, microseconds=999_999),
        timedelta(minutes=59, seconds=59),
        timedelta(days=1, minutes=1),
        timedelta(days=6, hours=23, minutes=59),
        timedelta(days=13, hours=1),
        timedelta(days=27, hours=23, minutes=59, seconds=59),
        timedelta(days=28),
        timedelta(days=31, hours=2),
        timedelta(days=365 * 3),
    ],
)
@pytest.mark.parametrize("now", [NOW, datetime(2024, 3, 1, 0, 0, 30, tzinfo=UTC)])
def test_time_ago_says_what_timesince_says(ago: timedelta, now: datetime) -> None:
    assert time_ago(now - ago, now) == timesince(now - ago, now)
    # Asked again (now from the cache of whole minutes), the same words.
    assert time_ago(now - ago, now) == timesince(now - ago, now)


def test_links_are_the_reversed_urls() -> None:
    (cells,) = table_rows(
        [_row(next_session=NextSession(pk=1234, starts_at=NOW))], now=NOW, zone=ZoneInfo("UTC")
    )
    assert cells["url"] == reverse("sessions-client-overview", args=[41])
    assert cells["summary_url"] == reverse("sessions-summary", args=[1234])


def test_adherence_bar_and_words() -> None:
    counts = Adherence(due=4, done=2, smaller=1, partly=0, not_done=1, not_logged=0, still_open=0)
    (cells,) = table_rows([_row(adherence=AdherenceView(counts), overdue=2)], now=NOW, zone=ZoneInfo("UTC"))
    assert cells["adherence"] is not None and cells["adherence"]["text"] == adherence_text(counts)
    html = row_markup(cells)
    assert (
        '<rect class="bar-done" x="0.0" y="0" width="50.0" height="8"></rect>'
        '<rect class="bar-smaller" x="50.0" y="0" width="25.0" height="8"></rect>'
        '<rect class="bar-not_done" x="75.0" y="0" width="25.0" height="8"></rect>'
    ) in html
    assert html.count("<rect ") == 3
    assert f'<span class="adherence-text">{adherence_text(counts)}</span>' in html
    assert '<td data-label="Overdue">2 overdue</td>' in html
    assert cells["overdue"] == 2


def test_nothing_due_draws_no_bar_and_an_invitation_has_no_client_cells() -> None:
    nothing = Adherence(due=0, done=0, smaller=0, partly=0, not_done=0, not_logged=0, still_open=0)
    client_cells, invitation_cells = table_rows(
        [
            _row(adherence=AdherenceView(nothing)),
            CaseloadRow(
                name="Finn", email="finn@example.test", flags=[Flag("invitation", "Invitation pending")]
            ),
        ],
        now=NOW,
        zone=ZoneInfo("UTC"),
    )
    assert "<svg" not in row_markup(client_cells)
    assert '<span class="adherence-text">Nothing due</span>' in row_markup(client_cells)
    assert client_cells["adherence"] is not None and client_cells["adherence"]["text"] == "Nothing due"
    assert client_cells["overdue"] == 0
    assert (
        '<td data-label="Overdue"><span aria-hidden="true">0</span>'
        '<span class="visually-hidden">Nothing overdue</span></td>'
    ) in row_markup(client_cells)
    assert ">None<" not in row_markup(client_cells)
    assert not invitation_cells["is_client"]
    assert invitation_cells["url"] == ""
    assert invitation_cells["overdue"] is None
    assert '<td data-label="Overdue">—</td>' in row_markup(invitation_cells)
    pending: FlagCells = {
        "key": "invitation",
        "label": "Invitation pending",
        "detail": "",
        "adjust_url": "",
        "changes": [],
        "edit_url": "",
        "date": "",
        "date_label": "",
        "review_url": "",
        "answers_url": "",
    }
    assert invitation_cells["flags"] == [pending]


def test_a_row_is_one_table_row_with_every_value_escaped() -> None:
    hostile = '<script>alert("x")</script> O\'Brien & co'
    (cells,) = table_rows(
        [
            _row(
                name=hostile,
                email="o'brien@example.test",
                adherence=AdherenceView(
                    Adherence(due=2, done=1, smaller=0, partly=0, not_done=1, not_logged=0, still_open=0)
                ),
                last_activity=NOW - timedelta(hours=3),
                next_session=NextSession(pk=9, starts_at=NOW + timedelta(days=1)),
                flags=[Flag("reason", f"Most often not done because: {hostile}", "1 of 1")],
            )
        ],
        now=NOW,
        zone=ZoneInfo("UTC"),
    )
    html = str(row_markup(cells))
    assert "<script>" not in html
    assert html.count("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; O&#39;Brien &amp; co") == 3
    assert html.startswith('<tr><th scope="row"><a href="/clients/41/overview/">')
    assert html.count("<td data-label=") == 6 and html.endswith("</td></tr>")
    assert f'<time datetime="{cells["last_activity"]}">' in html
    assert f'<a href="{cells["summary_url"]}">Summary' in html
    assert '<rect class="bar-done" x="0.0" y="0" width="50.0" height="8"></rect>' in html
    assert '<li class="flag flag-reason">' in html


def test_an_invitation_row_has_no_links_and_dashes() -> None:
    (cells,) = table_rows(
        [
            CaseloadRow(
                name="Erin", email="erin@example.test", invitation=Invitation(email="erin@example.test")
            )
        ],
        now=NOW,
        zone=ZoneInfo("UTC"),
    )
    html = str(row_markup(cells))
    assert "<a " not in html
    assert "Not signed up yet" in html
    assert len(re.findall(r'<td data-label="[^"]+">—</td>', html)) == 4


@pytest.mark.django_db
def test_the_page_escapes_what_people_typed(client: Client, therapist: User) -> None:
    hostile = '<script>alert("x")</script> O\'Brien & co'
    person = make_user("obrien@example.test", hostile, Role.CLIENT)
    CareRelationship.objects.create(therapist=therapist, client=person)
    make_invitation(therapist, "invitee@example.test", token="t-hostile", name=hostile)
    client.force_login(therapist)
    html = client.get("/caseload/").content.decode()
    assert "<script>alert" not in html
    # The rows are printed by Jinja2, which writes quotes as &#34; and &#39; (Django: &quot;, &#x27;).
    escaped = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; O&#39;Brien &amp; co"
    # The client's row (link, hidden "next session" label absent: none booked) and the invitation's.
    assert html.count(escaped) == 2
    assert f'<a href="/clients/{person.pk}/overview/">{escaped}</a>' in html


def test_a_questionnaire_is_dated_by_the_clients_calendar_as_on_the_overview() -> None:
    """Answered at 19:30 in New York on Tuesday 24 Nov: Tuesday, though it is Wednesday in London."""
    client = User(pk=41, email="erin@example.test", display_name="Erin", time_zone="America/New_York")
    answered = datetime(2026, 11, 25, 0, 30, tzinfo=UTC)
    score = LatestScore(instrument="phq9", total=12, submitted_at=answered, previous=None)
    (cells,) = table_rows(
        [_row(client=client, scores=[score])],
        now=answered + timedelta(days=1),
        zone=ZoneInfo("Europe/London"),
    )
    assert cells["scores"][0]["date_label"] == "Tue 24 Nov"
    assert cells["scores"][0]["date"].startswith("2026-11-24T19:30:00")
