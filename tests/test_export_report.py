"""The printable HTML report, and the pages that lead to the exports."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from homework.models import BehavioralExperiment
from mallard import exports
from mallard.models import AuditEntry, User
from mallard.retention import close_account
from tests import record_builders as rb

pytestmark = pytest.mark.django_db

CLIENT_REPORT = reverse("mallard-data-report")
ASSIGNMENTS = "Assignments, with what was done each day"
DATA_PAGE = reverse("mallard-data")


def therapist_report(client: User) -> str:
    return reverse("mallard-client-report", args=[client.pk])


@pytest.fixture
def record(therapist: User, client_user: User) -> None:
    rb.make_record(therapist, client_user)


def text(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    return str(response.content.decode())


def test_the_report_has_a_heading_per_section_and_the_clients_content(
    client: Client, client_user: User, record: None
) -> None:
    page = text(rb.signed_in(client, client_user).get(CLIENT_REPORT))

    assert "Mallard record of Carol Chen" in page
    for heading in (
        "Profile and care",
        "Homework, worksheets and goals",
        "Sessions and reflections",
        "Reminders and notifications",
    ):
        assert f">{heading}</h2>" in page
    assert ">Thought record practice</h4>" in page
    assert "<dt>Thought record</dt>" in page
    for content in (rb.PRIVATE_JOURNAL, rb.DRAFT_TEXT, rb.SITUATION, rb.SUMMARY_TEXT, rb.REFLECTION_TEXT):
        assert content in page
    assert rb.THERAPIST_NOTES not in page
    assert "css/mallard-export.css" in page
    assert "style=" not in page


def test_the_report_shows_dates_in_the_clients_time_zone(client: Client, client_user: User) -> None:
    with time_machine.travel(datetime(2026, 3, 10, 2, 30, tzinfo=UTC), tick=False):
        page = text(rb.signed_in(client, client_user).get(CLIENT_REPORT))

    # 02:30 UTC is 22:30 the evening before in New York.
    assert 'datetime="2026-03-10T02:30:00+00:00">Mon 9 Mar 2026, 22:30</time>' in page
    assert "<dt>Last signed in</dt><dd>Monday 9 March 2026, 22:30</dd>" in page
    assert "Dates and times are in America/New_York" in page


def test_the_report_escapes_what_the_client_wrote(client: Client, client_user: User, therapist: User) -> None:
    from homework.models import Goal

    Goal.objects.create(client=client_user, text="<script>alert(1)</script>")

    page = text(rb.signed_in(client, client_user).get(CLIENT_REPORT))

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_report_is_not_cached_and_is_audited(client: Client, client_user: User) -> None:
    response = rb.signed_in(client, client_user).get(CLIENT_REPORT)

    assert "no-store" in response["Cache-Control"]
    row = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert row.additional_data == {"format": "html"}


def test_the_therapist_report_hides_private_content(
    client: Client, therapist: User, client_user: User, record: None
) -> None:
    page = text(rb.signed_in(client, therapist).get(therapist_report(client_user)))

    assert "What Alice Adeyemi can see on Mallard about this client" in page
    assert rb.THERAPIST_NOTES in page
    assert "Done. It is private: only that it was done is shown." in page
    for hidden in (rb.PRIVATE_JOURNAL, rb.PRIVATE_LOG_NOTE, rb.DRAFT_TEXT):
        assert hidden not in page


def test_the_therapist_report_of_someone_elses_client_is_not_found(
    client: Client, therapist: User, other_client: User
) -> None:
    assert rb.signed_in(client, therapist).get(therapist_report(other_client)).status_code == 404


def test_the_report_asks_for_the_password_again(client: Client, client_user: User) -> None:
    client.force_login(client_user)

    response = client.get(CLIENT_REPORT)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_an_anonymous_visitor_is_sent_to_sign_in(client: Client, client_user: User) -> None:
    for url in (
        therapist_report(client_user),
        DATA_PAGE,
        reverse("mallard-client-export", args=[client_user.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("method", ["post", "put"])
def test_the_report_and_pages_only_answer_get(
    client: Client, client_user: User, therapist: User, method: str
) -> None:
    assert getattr(rb.signed_in(client, client_user), method)(CLIENT_REPORT).status_code == 405
    assert getattr(client, method)(DATA_PAGE).status_code == 405
    rb.signed_in(client, therapist)
    assert getattr(client, method)(therapist_report(client_user)).status_code == 405
    assert getattr(client, method)(reverse("mallard-client-export", args=[client_user.pk])).status_code == 405
    assert getattr(client, method)(reverse("mallard-closed-records")).status_code == 405


# --- A record in words ---------------------------------------------------------------------------

# How the JSON names things, which the report must never show a person.
FIELD_DUMP = re.compile(
    r"thought_record|times_per_week|behavioral_experiment|skill_practice|not_done|_id\b|"
    r"\bID\b|Is exposure|Therapist ID|Recurrence:|Kind: [a-z]"
)


def report_of(client_user: User) -> list[tuple[str, str, Any, Any]]:
    return exports.build_report(exports.build_export(client_user, viewer=client_user), client_user)


def items_of(report: list[tuple[str, str, Any, Any]], key: str, heading: str) -> tuple[exports.Item, ...]:
    (parts,) = [parts for section, _, parts, _ in report if section == key]
    (part,) = [part for part in parts if part.heading == heading]
    return tuple(part.items)


def test_the_report_speaks_in_words_not_field_names(client: Client, client_user: User, record: None) -> None:
    page = text(rb.signed_in(client, client_user).get(CLIENT_REPORT))
    article = page[page.index("<article") : page.index("</article>")]

    assert not FIELD_DUMP.findall(article)
    assert "<dt>Kind</dt><dd>Skill practice and exposure</dd>" in article
    assert "<dt>When</dt><dd>Every day, from " in article
    assert "<dt>How it went</dt><dd>Done, helpfulness 7 out of 10</dd>" in article
    assert "<dt>Moods (0 to 100)</dt><dd>Anxious 80 (then 40)</dd>" in article
    assert "<dt>Automatic thoughts or images</dt><dd>They will laugh (the hot thought)</dd>" in article


def test_each_assignment_holds_its_own_days(client_user: User, therapist: User) -> None:
    rb.make_record(therapist, client_user, size=2)

    assignments = {item.title: item for item in items_of(report_of(client_user), "homework", ASSIGNMENTS)}

    journal = assignments["Journaling practice"]
    assert len(journal.items) == 2
    for day in journal.items:
        assert [fact.label for fact in day.facts][:2] == ["How it went", "Note"]
        assert rb.PRIVATE_JOURNAL in [fact.text for fact in day.facts]
    reading = assignments["Reading and psychoeducation practice"]
    assert all(rb.PRIVATE_JOURNAL not in str(day) for day in reading.items)
    assert re.fullmatch(
        r"(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day \d{1,2} [A-Z][a-z]+ \d{4}", journal.items[0].title
    )


def test_every_log_and_entry_is_in_the_report(client_user: User, therapist: User) -> None:
    rb.make_record(therapist, client_user, size=3)
    export = exports.build_export(client_user, viewer=client_user)
    homework = export["sections"]["homework"]
    with_something = {row["occurrence_id"] for row in homework["logs"]} | {
        row["occurrence_id"] for rows in homework["entries"].values() for row in rows
    }

    assignments = items_of(exports.build_report(export, client_user), "homework", ASSIGNMENTS)

    assert sum(len(item.items) for item in assignments) == len(with_something)
    sessions = items_of(exports.build_report(export, client_user), "sessions", "Sessions")
    assert len(sessions) == len(export["sections"]["sessions"]["sessions"])


def test_empty_fields_and_idle_flags_are_left_out(client: Client, client_user: User, record: None) -> None:
    page = text(rb.signed_in(client, client_user).get(CLIENT_REPORT))

    assert "<dt>Likely obstacle</dt>" not in page  # no assignment has one
    assert "<dt>Distress ratings</dt>" not in page  # none is an exposure
    assert "<dt>Resisted the urge</dt>" not in page
    assert "<dd>—</dd>" not in page


def test_a_section_without_words_of_its_own_is_shown_field_by_field(
    client: Client, client_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new app's section reaches the report before it has a reporter of its own."""
    monkeypatch.setitem(
        exports.sections,
        "measures",
        exports.Section(
            "measures", "Questionnaires", lambda client, *, viewer: {"responses": [{"score": 7}]}
        ),
    )

    page = text(rb.signed_in(client, client_user).get(CLIENT_REPORT))

    assert ">Questionnaires</h2>" in page
    assert "<dt>Score</dt><dd>7</dd>" in page


# The demo is written relative to the day it is seeded (its sessions, reminders and questionnaire
# windows fall on set weekdays), so Jordan's record is larger on some days than others: between
# 1,539 and 1,673 elements over one week. The size is measured on one fixed day.
DEMO_DAY = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)


def test_the_demo_clients_report_stays_short(client: Client, db: None) -> None:
    """Jordan, the demo client with the most history: 10,423 elements (103 A4 pages) as a field
    dump; 1,364 (22 pages) in words, and 1,645 on ``DEMO_DAY`` with the questionnaires the demo
    now gives Jordan (docs/data-rights.md)."""
    with time_machine.travel(DEMO_DAY, tick=False):
        call_command("seed_demo", stdout=StringIO())
        jordan = User.objects.get(email="jordan.ellis@example.com")
        page = text(rb.signed_in(client, jordan).get(CLIENT_REPORT))

    assert len(re.findall(r"<[a-zA-Z]", page)) <= 1_700
    article = page[page.index("<article") : page.index("</article>")]
    assert not FIELD_DUMP.findall(article)


# --- The pages that lead to the exports ----------------------------------------------------------


def test_the_your_data_page_is_linked_from_the_profile(client: Client, client_user: User) -> None:
    client.force_login(client_user)

    profile = text(client.get(reverse("mallard-profile")))
    page = text(client.get(DATA_PAGE))

    assert f'href="{DATA_PAGE}"' in profile
    for link in ("mallard-data-download", "mallard-data-report", "mallard-account-close"):
        assert f'href="{reverse(link)}"' in page
    assert "your record is kept for about 7 years after you close your account" in page
    assert "2557 days" not in page


def test_the_your_data_page_is_for_clients(client: Client, therapist: User) -> None:
    client.force_login(therapist)

    assert client.get(DATA_PAGE).status_code == 403


def test_the_client_overview_links_to_the_export_page(
    client: Client, therapist: User, client_user: User
) -> None:
    client.force_login(therapist)
    export_page = reverse("mallard-client-export", args=[client_user.pk])

    overview = text(client.get(reverse("sessions-client-overview", args=[client_user.pk])))
    page = text(client.get(export_page))

    assert f'href="{export_page}"' in overview
    assert f'href="{reverse("mallard-client-export-json", args=[client_user.pk])}"' in page
    assert f'href="{therapist_report(client_user)}"' in page
    # The export holds measures' section: the page that says what it holds names it.
    assert "questionnaires (PHQ-9, GAD-7) with their answers and scores" in page


def test_the_export_page_of_someone_elses_client_is_not_found(
    client: Client, therapist: User, other_client: User
) -> None:
    client.force_login(therapist)

    assert client.get(reverse("mallard-client-export", args=[other_client.pk])).status_code == 404


def test_a_closed_account_shows_when_its_record_is_deleted(
    client: Client, therapist: User, client_user: User, other_therapist: User
) -> None:
    with time_machine.travel(datetime(2027, 5, 4, 15, 0, tzinfo=UTC), tick=False):
        close_account(client=client_user)
    client.force_login(therapist)

    closed = text(client.get(reverse("mallard-closed-records")))
    page = text(client.get(reverse("mallard-client-export", args=[client_user.pk])))

    status = "Account closed on 4 May 2027; record kept until 4 May 2034"
    assert status in closed
    assert status in page
    client.force_login(other_therapist)
    assert "Carol Chen" not in text(client.get(reverse("mallard-closed-records")))
    assert client.get(reverse("mallard-client-export", args=[client_user.pk])).status_code == 404


def test_questionnaires_read_in_words(client: Client, therapist: User, client_user: User) -> None:
    """Each questionnaire the client was asked for and each answer, with its score and band in
    words: no codes such as "phq9", "once" or "moderate" on their own."""
    rb.make_record(therapist, client_user)

    page = text(rb.signed_in(client, client_user).get(CLIENT_REPORT))
    article = page[page.index("<article") : page.index("</article>")]

    assert "PHQ-9, once" in article
    assert f"<dt>Score</dt><dd>{sum(rb.MEASURE_ANSWERS)} (moderate)</dd>" in article
    assert ", ".join(map(str, rb.MEASURE_ANSWERS)) in article
    assert not re.search(r"\bphq9\b|\bgad7\b|before_session|every_n_weeks|_id\b", article)


def test_the_report_shows_a_note_added_to_a_one_tap_log(
    client: Client, therapist: User, client_user: User
) -> None:
    from homework.models import Kind
    from homework.tests.conftest import make_assignment, today_occurrence

    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.RELAXATION))
    signed = rb.signed_in(client, client_user)
    signed.post(
        reverse("homework-quick-log", args=[occurrence.pk]), {"status": "done", "note": "Calmer after"}
    )

    page = text(signed.get(CLIENT_REPORT))
    assert "<dt>Note</dt><dd>Calmer after</dd>" in page


def test_the_report_lists_each_not_today_under_its_assignment(
    client: Client, therapist: User, client_user: User
) -> None:
    from homework import services
    from homework.models import NotDoneReason
    from homework.tests.test_not_today import NOW, open_slot, weekly

    with time_machine.travel(NOW, tick=False):  # a Wednesday: a weekly item still has days left
        assignment = weekly(therapist, client_user)
        skip = services.skip_today(
            occurrence=open_slot(assignment), reason=NotDoneReason.NO_TIME, note="Long shift"
        )

    page = text(rb.signed_in(client, client_user).get(CLIENT_REPORT))
    start = page.rindex(ASSIGNMENTS)  # the section, not the contents list above it
    assignments = page[start : page.index("Goals", start)]
    assert assignment.title in assignments
    day = f"{skip.day:%A} {skip.day.day} {skip.day:%B %Y}"
    assert re.search(rf"Not today: {day}.*I didn&#x27;t have time.*Long shift", assignments, re.S), (
        assignments
    )


def test_a_weekly_time_is_listed_under_the_day_it_was_done_not_the_sunday(
    therapist: User, client_user: User
) -> None:
    """Three times a week: a time logged on Wednesday 10 June is Wednesday's, not Sunday 14 June's,
    as the overview dates it; a time nobody logged is not listed at all."""
    from homework import services
    from homework.models import LogStatus
    from homework.tests.test_not_today import NOW, open_slot, weekly

    with time_machine.travel(NOW, tick=False):
        assignment = weekly(therapist, client_user)
        services.log_occurrence(occurrence=open_slot(assignment), status=LogStatus.DONE)
        [item] = [
            item
            for item in items_of(report_of(client_user), "homework", ASSIGNMENTS)
            if item.title == assignment.title
        ]
    assert [day.title for day in item.items] == ["Wednesday 10 June 2026"]


def test_a_further_experiment_answered_not_sure_says_so_in_both_exports(
    client_user: User, therapist: User
) -> None:
    rb.make_record(therapist, client_user)
    BehavioralExperiment.objects.filter(client=client_user).update(further_experiment_needed="unsure")
    export = exports.build_export(client_user, viewer=client_user)

    rows = export["sections"]["homework"]["entries"]["behavioral_experiment"]
    assert [row["further_experiment_needed"] for row in rows] == ["unsure"]

    def facts(items: tuple[exports.Item, ...]) -> list[tuple[str, str]]:
        return [pair for i in items for pair in [(f.label, f.text) for f in i.facts] + facts(i.items)]

    said = facts(items_of(exports.build_report(export, client_user), "homework", ASSIGNMENTS))
    assert ("Another experiment needed", "Not sure") in said


def test_only_days_that_are_over_count_as_planned_with_nothing_logged(
    therapist: User, client_user: User
) -> None:
    """A daily body scan given three days ago, nothing logged: the three days before today are
    counted, not today nor the days planned ahead. 16:00 UTC is noon in New York."""
    from datetime import timedelta

    from homework import services
    from homework.models import Kind
    from homework.tests.conftest import make_assignment

    with time_machine.travel(datetime(2026, 6, 10, 16, 0, tzinfo=UTC), tick=False):
        fresh = make_assignment(therapist, client_user, Kind.RELAXATION, title="Body scan")
        started = make_assignment(
            therapist,
            client_user,
            Kind.RELAXATION,
            title="Older body scan",
            start=services.client_today(client_user) - timedelta(days=3),
        )
        assignments = {item.title: item for item in items_of(report_of(client_user), "homework", ASSIGNMENTS)}

    def quiet(title: str) -> list[str]:
        return [
            fact.text for fact in assignments[title].facts if fact.label == "Days planned with nothing logged"
        ]

    assert fresh.occurrences.count() > 1 and started.occurrences.count() > 4
    assert quiet("Body scan") == []
    assert quiet("Older body scan") == ["3"]
