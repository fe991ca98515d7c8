"""/homework/<id>/: the full specification of one assignment and its last four weeks."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from homework import services
from homework.models import (
    Assignment,
    AssignmentStatus,
    Kind,
    Log,
    LogStatus,
    NotDoneReason,
    Occurrence,
    Recurrence,
    Skip,
)
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User

pytestmark = pytest.mark.django_db


def url(a: Assignment) -> str:
    return f"/homework/{a.pk}/"


def test_it_shows_the_full_specification(client: Client, therapist: User, client_user: User) -> None:
    goal = services.create_goal(client=client_user, created_by=therapist, text="Feel calmer at work")
    a = make_assignment(
        therapist,
        client_user,
        Kind.THOUGHT_RECORD,
        title="Catch a hot thought",
        instructions="Fill in the seven columns.",
        rationale="Writing thoughts down loosens their grip.",
        smaller_version="Just the situation and the thought.",
        estimated_minutes=20,
        recurrence=Recurrence.WEEKDAYS,
        weekdays="024",
        preferred_time=time(19, 30),
        implementation_after="dinner",
        implementation_will="open Mallard",
        obstacle="feeling tired",
        obstacle_plan="do the smaller version",
        goal=goal,
    )
    client.force_login(client_user)
    response = client.get(url(a))
    assert response.status_code == 200
    content = response.content.decode()
    for text in (
        "Catch a hot thought",
        "Thought record",
        "Fill in the seven columns.",
        "Writing thoughts down loosens their grip.",
        "Monday, Wednesday and Friday at 19:30",
        "Just the situation and the thought.",
        "20 minutes",
        "After dinner, I will open Mallard.",
        "feeling tired",
        "do the smaller version",
        "Feel calmer at work",
        "Active",
        "Alice Adeyemi",
        "No end date set",
    ):
        assert text in content, text


@pytest.mark.parametrize(
    ("after", "will", "shown"),
    [
        ("dinner", "open Mallard", "After dinner, I will open Mallard."),
        # Rows written before the form took these words off, or by a cue of another kind.
        ("After dinner", "I will open Mallard", "After dinner, I will open Mallard."),
        ("When I get home from work", "", "When I get home from work."),
        (
            "before the Friday meeting",
            "I'll breathe slowly",
            "Before the Friday meeting, I will breathe slowly.",
        ),
        ("", "open Mallard", "I will open Mallard."),
    ],
)
def test_the_plan_reads_as_one_sentence_whatever_its_halves_start_with(
    client: Client, therapist: User, client_user: User, after: str, will: str, shown: str
) -> None:
    a = make_assignment(
        therapist, client_user, Kind.RELAXATION, implementation_after=after, implementation_will=will
    )
    client.force_login(client_user)
    content = client.get(url(a)).content.decode().replace("&#x27;", "'")
    assert f"<p>{shown}</p>" in content
    assert "___" not in content  # never a placeholder for the half not given
    assert "After After" not in content and "I will I will" not in content and "After before" not in content


def test_it_shows_the_reading_resource_as_a_safe_link(
    client: Client, therapist: User, client_user: User
) -> None:
    a = make_assignment(
        therapist,
        client_user,
        Kind.READING,
        resource_title="Understanding anxiety",
        resource_url="https://example.org/anxiety",
        resource_text="",
    )
    client.force_login(client_user)
    content = client.get(url(a)).content.decode()
    assert 'href="https://example.org/anxiety" rel="noopener noreferrer"' in content
    assert "Understanding anxiety" in content


def test_it_shows_reading_text_with_line_breaks_escaped(
    client: Client, therapist: User, client_user: User
) -> None:
    a = make_assignment(
        therapist, client_user, Kind.READING, resource_url="", resource_text="Part one.\n\n<b>Part two</b>"
    )
    client.force_login(client_user)
    content = client.get(url(a)).content.decode()
    assert "<p>Part one.</p>" in content
    assert "&lt;b&gt;Part two&lt;/b&gt;" in content


@pytest.mark.parametrize(
    ("kind", "fields", "shown"),
    [
        (Kind.JOURNAL, {"prompt": "What went well today?"}, "What went well today?"),
        (Kind.RELAXATION, {"technique": "Body scan"}, "Body scan"),
        (Kind.SKILL_PRACTICE, {"skill": "Saying no", "is_exposure": True}, "This is an exposure practice"),
    ],
)
def test_it_shows_the_kind_specific_setup(
    client: Client, therapist: User, client_user: User, kind: str, fields: dict[str, Any], shown: str
) -> None:
    a = make_assignment(therapist, client_user, kind, **fields)
    client.force_login(client_user)
    assert shown in client.get(url(a)).content.decode()


def test_it_lists_the_last_four_weeks_with_how_each_went(
    client: Client, therapist: User, client_user: User
) -> None:
    today = services.client_today(client_user)
    a = make_assignment(therapist, client_user, Kind.JOURNAL, start=today - timedelta(days=40))
    services.plan_occurrences(a)
    occs = {o.due_date: o for o in Occurrence.objects.filter(assignment=a)}
    services.log_occurrence(occurrence=occs[today - timedelta(days=1)], status=LogStatus.DONE)
    services.log_occurrence(occurrence=occs[today - timedelta(days=2)], status=LogStatus.SMALLER)
    services.log_occurrence(occurrence=occs[today - timedelta(days=3)], status=LogStatus.PARTLY)
    services.log_occurrence(
        occurrence=occs[today - timedelta(days=4)], status=LogStatus.NOT_DONE, reason=NotDoneReason.AVOIDED
    )
    entry = services.save_entry(
        occurrence=occs[today - timedelta(days=5)], fields={"prompt": "p", "text": "t"}, submit=True
    )
    services.save_entry(occurrence=occs[today], fields={"prompt": "p", "text": "draft"}, submit=False)
    client.force_login(client_user)
    content = client.get(url(a)).content.decode()
    assert "Did the smaller version" in content and "Partly done" in content
    assert "Not done this time. Reason: “I avoided it or felt too anxious”" in content
    assert "Not logged" in content
    assert f'href="/homework/entries/{entry.pk}/"' in content
    assert f'href="/homework/occurrences/{occs[today].pk}/entry/"' in content
    assert content.count("<tr>") == 1 + 28  # header + 28 days
    assert (today - timedelta(days=28)).strftime("%a %-d %b") not in content


def test_it_is_404_for_another_clients_assignment(
    client: Client, client_user: User, other_assignment: Assignment
) -> None:
    client.force_login(client_user)
    assert client.get(url(other_assignment)).status_code == 404


def test_it_refuses_post(client: Client, client_user: User, assignment: Assignment) -> None:
    client.force_login(client_user)
    assert client.post(url(assignment)).status_code == 405


def test_it_redirects_anonymous_visitors(client: Client, assignment: Assignment) -> None:
    response = client.get(url(assignment))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_forbids_the_therapist(client: Client, therapist: User, assignment: Assignment) -> None:
    client.force_login(therapist)
    assert client.get(url(assignment)).status_code == 403


def test_todays_occurrence_is_open(client: Client, client_user: User, assignment: Assignment) -> None:
    today_occurrence(assignment)
    client.force_login(client_user)
    assert ">Open<" in client.get(url(assignment)).content.decode().replace("\n", "").replace(" ", "")


def test_each_day_offers_log_it_or_change_and_shows_the_note(
    client: Client, therapist: User, client_user: User
) -> None:
    today = services.client_today(client_user)
    a = make_assignment(therapist, client_user, Kind.JOURNAL, start=today - timedelta(days=2))
    occs = {o.due_date: o for o in Occurrence.objects.filter(assignment=a)}
    services.log_occurrence(
        occurrence=occs[today - timedelta(days=1)], status=LogStatus.PARTLY, note="Rushed"
    )
    client.force_login(client_user)
    content = client.get(url(a)).content.decode()
    assert "Logged a day wrongly, or forgot to log it?" in content
    back = f"?next=/homework/{a.pk}/"
    for day, word in (
        (today, "Log it"),
        (today - timedelta(days=1), "Change"),
        (today - timedelta(days=2), "Log it"),
    ):
        link = f'<a href="/homework/occurrences/{occs[day].pk}/log/{back}">{word}'
        assert link in content, day
    assert "Your note: Rushed" in content
    assert '<th scope="col">Log or change</th>' in content


def test_an_archived_assignment_offers_no_logging(client: Client, therapist: User, client_user: User) -> None:
    a = make_assignment(therapist, client_user, Kind.JOURNAL)
    services.set_assignment_status(assignment=a, status=AssignmentStatus.ARCHIVED)
    client.force_login(client_user)
    content = client.get(url(a)).content.decode()
    assert "/log/" not in content and "Log or change" not in content


def _worksheet_links(content: str) -> set[str]:
    return set(re.findall(r'href="(/homework/occurrences/\d+/entry/(?:\?version=smaller)?)"', content))


def test_days_that_can_still_be_logged_offer_the_worksheet_as_today_does(
    client: Client, therapist: User, client_user: User
) -> None:
    today = services.client_today(client_user)
    a = make_assignment(
        therapist, client_user, Kind.JOURNAL, start=today - timedelta(days=10), smaller_version="Two lines"
    )
    occs = {
        (today - o.due_date).days: o for o in Occurrence.objects.filter(assignment=a, due_date__lte=today)
    }
    Occurrence.objects.filter(pk=occs[2].pk).update(left_schedule_on=today)  # a changed schedule left it out
    services.log_occurrence(occurrence=occs[3], status=LogStatus.DONE)  # logged today: Today still offers it
    services.log_occurrence(occurrence=occs[4], status=LogStatus.DONE)
    Log.objects.filter(occurrence=occs[4]).update(logged_at=timezone.now() - timedelta(days=3))
    services.save_entry(occurrence=occs[5], fields={"prompt": "p", "text": "t"}, submit=True)
    client.force_login(client_user)
    content = client.get(url(a)).content.decode()
    offered = {0, 1, 3, 6, 7}  # today, yesterday, logged today, and the past week's unlogged days
    expected = {f"/homework/occurrences/{occs[days].pk}/entry/" for days in offered}
    expected |= {f"{link}?version=smaller" for link in expected}
    assert _worksheet_links(content) == expected
    assert (
        f'Fill in the worksheet<span class="visually-hidden"> for {occs[7].due_date:%-d %B}</span>' in content
    )
    # The same days, and the same links, as Today's cards.
    assert _worksheet_links(client.get("/today/").content.decode()) == expected
    # Paused, it is not on Today, so no day offers it; days are still logged from the page.
    services.set_assignment_status(assignment=a, status=AssignmentStatus.PAUSED)
    content = client.get(url(a)).content.decode()
    assert not _worksheet_links(content)
    assert f"/homework/occurrences/{occs[1].pk}/log/" in content


def test_a_weekly_quota_offers_the_worksheet_on_its_first_open_slot_only(
    client: Client, therapist: User, client_user: User
) -> None:
    today = services.client_today(client_user)
    monday = today - timedelta(days=today.weekday())
    a = make_assignment(
        therapist,
        client_user,
        Kind.RELAXATION,
        start=monday,
        recurrence=Recurrence.TIMES_PER_WEEK,
        times_per_week=3,
    )
    first, *others = Occurrence.objects.filter(assignment=a, available_from__lte=today, due_date__gte=today)
    client.force_login(client_user)
    links = _worksheet_links(client.get(url(a)).content.decode())
    assert f"/homework/occurrences/{first.pk}/entry/" in links
    assert others and not any(f"/homework/occurrences/{o.pk}/entry/" in links for o in others)


# --- Undo from the page, "not today" and "still open" -------------------------------------------


def undo_log_form(occurrence: Occurrence) -> str:
    return f'<form method="post" action="/homework/occurrences/{occurrence.pk}/undo/"'


def undo_skip_form(occurrence: Occurrence) -> str:
    return f'<form method="post" action="/homework/occurrences/{occurrence.pk}/undo-not-today/"'


@pytest.mark.parametrize(
    ("logged", "shown"),
    [
        ({"status": "done"}, "Done"),
        ({"reason": "forgot", "note": "Busy", "scope": "close"}, "Not done this time. Reason: “I forgot”"),
    ],
)
def test_todays_log_can_be_undone_from_the_page_after_the_message_is_gone(
    client: Client, therapist: User, client_user: User, logged: dict[str, str], shown: str
) -> None:
    a = make_assignment(therapist, client_user, Kind.JOURNAL)
    occurrence = today_occurrence(a)
    client.force_login(client_user)
    path = "log" if "status" in logged else "not-done"
    client.post(f"/homework/occurrences/{occurrence.pk}/{path}/", logged, follow=True)  # its message shown
    # Another device, with nothing recorded there, gets the same button: the log was never changed.
    other_device = Client()
    other_device.force_login(client_user)
    for device in (client, other_device):
        content = device.get(url(a)).content.decode()
        assert shown in content
        assert undo_log_form(occurrence) in content
    response = other_device.post(
        f"/homework/occurrences/{occurrence.pk}/undo/", {"next": url(a)}, follow=True
    )
    assert response.redirect_chain[-1][0] == url(a)
    content = response.content.decode()
    assert f"Undone: “{a.title}” is open again." in content
    assert undo_log_form(occurrence) not in content
    assert not Log.objects.filter(occurrence=occurrence).exists()


def test_an_undo_from_a_page_shown_before_the_day_was_logged_again_changes_nothing(
    client: Client, therapist: User, client_user: User
) -> None:
    a = make_assignment(therapist, client_user, Kind.JOURNAL)
    occurrence = today_occurrence(a)
    client.force_login(client_user)
    client.post(f"/homework/occurrences/{occurrence.pk}/log/", {"status": "done"})
    shown = Log.objects.get(occurrence=occurrence).pk
    assert f'name="log" value="{shown}"' in client.get(url(a)).content.decode()
    # Meanwhile, on another device: undone, then logged again.
    other_device = Client()
    other_device.force_login(client_user)
    other_device.post(f"/homework/occurrences/{occurrence.pk}/undo/", {"next": url(a)})
    other_device.post(f"/homework/occurrences/{occurrence.pk}/log/", {"status": "partly"})
    response = client.post(
        f"/homework/occurrences/{occurrence.pk}/undo/", {"next": url(a), "log": str(shown)}, follow=True
    )
    assert "has changed since the page was shown, so nothing was undone" in response.content.decode()
    assert Log.objects.get(occurrence=occurrence).status == LogStatus.PARTLY


def test_a_change_made_today_on_this_device_is_undone_from_the_page_to_what_it_said(
    client: Client, therapist: User, client_user: User
) -> None:
    a = make_assignment(therapist, client_user, Kind.JOURNAL)
    occurrence = today_occurrence(a)
    client.force_login(client_user)
    client.post(f"/homework/occurrences/{occurrence.pk}/log/", {"status": "done"})
    client.post(f"/homework/occurrences/{occurrence.pk}/log/", {"status": "partly"})
    assert undo_log_form(occurrence) in client.get(url(a)).content.decode()
    # Elsewhere nothing records what it said before, so the button is not offered there.
    other_device = Client()
    other_device.force_login(client_user)
    assert undo_log_form(occurrence) not in other_device.get(url(a)).content.decode()
    content = client.post(
        f"/homework/occurrences/{occurrence.pk}/undo/", {"next": url(a)}, follow=True
    ).content.decode()
    assert f"Undone: “{a.title}” is back to “Done”." in content
    assert Log.objects.get(occurrence=occurrence).status == LogStatus.DONE
    # Back as it was made, the log can be undone again, on any device: the day opens again.
    assert undo_log_form(occurrence) in content
    assert undo_log_form(occurrence) in other_device.get(url(a)).content.decode()
    content = other_device.post(
        f"/homework/occurrences/{occurrence.pk}/undo/", {"next": url(a)}, follow=True
    ).content.decode()
    assert f"Undone: “{a.title}” is open again." in content
    assert not Log.objects.filter(occurrence=occurrence).exists()


def test_no_undo_for_a_log_of_an_earlier_day_or_one_with_a_worksheet(
    client: Client, therapist: User, client_user: User
) -> None:
    today = services.client_today(client_user)
    a = make_assignment(therapist, client_user, Kind.JOURNAL, start=today - timedelta(days=1))
    occs = {o.due_date: o for o in Occurrence.objects.filter(assignment=a)}
    services.log_occurrence(occurrence=occs[today - timedelta(days=1)], status=LogStatus.DONE)
    Log.objects.filter(occurrence=occs[today - timedelta(days=1)]).update(
        logged_at=timezone.now() - timedelta(days=1), updated_at=timezone.now() - timedelta(days=1)
    )
    services.save_entry(occurrence=occs[today], fields={"prompt": "p", "text": "t"}, submit=True)
    client.force_login(client_user)
    content = client.get(url(a)).content.decode()
    assert "/undo/" not in content
    assert "“Undo” takes back what you logged today, or a “not today” said today" in content


def weekly(therapist: User, client_user: User) -> Assignment:
    today = services.client_today(client_user)
    return make_assignment(
        therapist,
        client_user,
        Kind.RELAXATION,
        start=today - timedelta(days=today.weekday()),
        recurrence=Recurrence.TIMES_PER_WEEK,
        times_per_week=3,
    )


def first_open(a: Assignment) -> Occurrence:
    today = services.client_today(a.client)
    return Occurrence.objects.filter(assignment=a, available_from__lte=today, due_date__gte=today).order_by(
        "slot"
    )[0]


def test_not_today_shows_on_the_page_as_on_today_and_can_be_taken_back(
    client: Client, therapist: User, client_user: User
) -> None:
    with time_machine.travel(datetime(2026, 6, 10, 16, 0, tzinfo=UTC), tick=False):  # a Wednesday
        a = weekly(therapist, client_user)
        occurrence = first_open(a)
        client.force_login(client_user)
        not_done = f"/homework/occurrences/{occurrence.pk}/not-done/"
        client.post(not_done, {"reason": "forgot", "note": "Long shift", "scope": "today"}, follow=True)
        assert "Not today. Reason: “I forgot”" in client.get("/today/").content.decode()
        other_device = Client()
        other_device.force_login(client_user)
        content = other_device.get(url(a)).content.decode()
        assert "Not today. Reason: “I forgot”" in content
        assert "Your note: Long shift" in content
        assert undo_skip_form(occurrence) in content
        skip = Skip.objects.get(occurrence=occurrence)
        assert f'name="skip" value="{skip.pk}"' in content
        response = other_device.post(
            f"/homework/occurrences/{occurrence.pk}/undo-not-today/",
            {"skip": str(skip.pk), "next": url(a)},
            follow=True,
        )
        assert response.redirect_chain[-1][0] == url(a)
        content = response.content.decode()
        assert f"Undone: “{a.title}” is no longer marked “not today”." in content
        assert "Not today. Reason" not in content and undo_skip_form(occurrence) not in content
        assert not Skip.objects.exists()
        # A skip id that is not today's "not today" of that occurrence takes nothing back.
        client.post(not_done, {"reason": "forgot", "scope": "today"})
        for hostile in ("0", "x' OR 1=1", "9" * 40, ""):
            response = other_device.post(
                f"/homework/occurrences/{occurrence.pk}/undo-not-today/",
                {"skip": hostile, "next": url(a)},
                follow=True,
            )
            assert "There is no “not today” here to undo." in response.content.decode()
        assert Skip.objects.exists()
        # On a later day it is the earlier day's: the page says "Open" again, as Today does.
    with time_machine.travel(datetime(2026, 6, 11, 16, 0, tzinfo=UTC), tick=False):
        content = client.get(url(a)).content.decode()
        assert "Not today. Reason" not in content and undo_skip_form(occurrence) not in content


def test_past_days_today_still_offers_are_still_open_on_the_page_too(
    client: Client, therapist: User, client_user: User
) -> None:
    today = services.client_today(client_user)
    a = make_assignment(therapist, client_user, Kind.JOURNAL, start=today - timedelta(days=10))
    occs = {
        (today - o.due_date).days: o for o in Occurrence.objects.filter(assignment=a, due_date__lte=today)
    }
    client.force_login(client_user)
    assert f"Still open from {occs[1].due_date:%A %-d %B}" in client.get("/today/").content.decode()
    rows = {
        days: re.search(
            rf'{occs[days].due_date:%a %-d %b}</th>\s*<td data-label="How it went">\s*(.*?)\s*<',
            content_of(client, a),
        )
        for days in (1, 7, 8, 10)
    }
    assert {days: match.group(1) for days, match in rows.items() if match} == {
        1: "Still open: not logged yet",
        7: "Still open: not logged yet",
        8: "Not logged",
        10: "Not logged",
    }
    # Paused, Today no longer offers them: not logged.
    services.set_assignment_status(assignment=a, status=AssignmentStatus.PAUSED)
    assert "Still open" not in content_of(client, a)


def content_of(client: Client, a: Assignment) -> str:
    return client.get(url(a)).content.decode()


@pytest.mark.parametrize("days", [3, 27])
def test_the_page_runs_the_same_queries_however_many_days_are_logged_or_skipped(
    client: Client, therapist: User, client_user: User, django_assert_num_queries: Any, days: int
) -> None:
    today = services.client_today(client_user)
    a = make_assignment(therapist, client_user, Kind.JOURNAL, start=today - timedelta(days=days))
    b = weekly(therapist, client_user)
    for o in Occurrence.objects.filter(assignment=a, due_date__lt=today):
        services.log_occurrence(occurrence=o, status=LogStatus.NOT_DONE, reason=NotDoneReason.FORGOT)
    services.log_occurrence(occurrence=today_occurrence(a), status=LogStatus.DONE)
    client.force_login(client_user)
    client.get(url(a))  # the session and the user are read once the same way every time
    with django_assert_num_queries(PAGE_QUERIES):
        assert client.get(url(a)).status_code == 200
    with django_assert_num_queries(PAGE_QUERIES):
        assert client.get(url(b)).status_code == 200


PAGE_QUERIES = 4


def test_a_paused_assignments_day_is_not_opened_again_by_undo(
    client: Client, therapist: User, client_user: User
) -> None:
    a = make_assignment(therapist, client_user, Kind.JOURNAL)
    occurrence = today_occurrence(a)
    client.force_login(client_user)
    client.post(
        f"/homework/occurrences/{occurrence.pk}/not-done/",
        {"reason": "forgot", "scope": "close"},
        follow=True,
    )  # its message shown
    services.set_assignment_status(assignment=a, status=AssignmentStatus.PAUSED)
    assert undo_log_form(occurrence) not in client.get(url(a)).content.decode()
    response = client.post(f"/homework/occurrences/{occurrence.pk}/undo/", {"next": url(a)}, follow=True)
    assert f"“{a.title}” is paused now, so its day can&#x27;t be opened again." in response.content.decode()
    assert Log.objects.filter(occurrence=occurrence).exists()
