"""The caseload dashboard: adherence, overdue, last activity, next session, flags, sorting and search."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from homework import services
from homework.models import Entry, Kind, Log, LogStatus, NotDoneReason
from mallard.models import User
from mallard.tests.helpers import make_invitation
from sessions_app.models import SessionStatus
from sessions_app.numbers import refresh_stale_caseload_numbers
from sessions_app.selectors.caseload import caseload, parse_sort
from sessions_app.tests.dashboard_helpers import (
    AssertQueries,
    add_client,
    daily_since,
    days_ago,
    log_on,
    make_session,
    warm_view,
)
from sessions_app.tests.scores_helpers import respond


def row_of(content: str, name: str) -> str:
    """The table row whose heading is ``name``."""
    match = re.search(rf"<tr>(?:(?!<tr>).)*?{re.escape(name)}.*?</tr>", content, re.S)
    assert match is not None, f"no row for {name}"
    return match.group(0)


def names_in_order(content: str) -> list[str]:
    return re.findall(r'<th scope="row">\s*(?:<a [^>]*>)?\s*([^<\n]+?)\s*<', content)


def page(client: Client, **params: str) -> str:
    response = client.get("/caseload/", params)
    assert response.status_code == 200
    return response.content.decode()


# --- Adherence and overdue --------------------------------------------------------------------------


def test_it_counts_the_last_14_days_by_how_each_occurrence_went(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = daily_since(therapist, client_user, 20)  # due every day, well before the window
    statuses = {
        1: LogStatus.DONE,
        2: LogStatus.DONE,
        3: LogStatus.SMALLER,
        4: LogStatus.PARTLY,
        5: LogStatus.NOT_DONE,
        13: LogStatus.DONE,
        14: LogStatus.DONE,  # outside the 14-day window (today is day 0)
    }
    for n, status in statuses.items():
        reason = NotDoneReason.FORGOT if status == LogStatus.NOT_DONE else ""
        log_on(assignment, days_ago(client_user, n), status, reason=reason)
    client.force_login(therapist)
    row = row_of(page(client), "Carol Chen")
    # 13 due (the 13 days before today): 5 done in all, 1 not done, 7 not logged; today's is
    # still open, so not counted yet.
    assert "5 of 13 done (1 smaller version, 1 partly), 1 not done, 7 not logged, 1 still open today" in row
    # Unlogged in the 7 days before today: days 6 and 7.
    assert "2 overdue" in row


def test_it_uses_the_clients_own_calendar_for_the_window(therapist: User) -> None:
    tokyo = add_client(therapist, 1, time_zone="Pacific/Kiritimati")  # UTC+14
    honolulu = add_client(therapist, 2, time_zone="Pacific/Honolulu")  # UTC-10
    for person in (tokyo, honolulu):
        daily_since(therapist, person, 0)  # due from the client's today only
    rows = {row.email: row for row in caseload(therapist).rows}
    for person in (tokyo, honolulu):
        adherence = rows[person.email].adherence
        assert adherence is not None
        assert (adherence.counts.due, adherence.counts.still_open) == (0, 1)
    assert rows[tokyo.email].overdue == 0


def test_it_leaves_out_archived_assignments(client: Client, therapist: User, client_user: User) -> None:
    assignment = daily_since(therapist, client_user, 5)
    services.set_assignment_status(assignment=assignment, status="archived")  # type: ignore[arg-type]
    client.force_login(therapist)
    assert "Nothing due" in row_of(page(client), "Carol Chen")


def test_a_client_with_nothing_due_says_so(client: Client, therapist: User, client_user: User) -> None:
    client.force_login(therapist)
    row = row_of(page(client), "Carol Chen")
    assert "Nothing due" in row
    assert "None booked" in row
    assert "None yet" in row


# --- Last activity and next session -----------------------------------------------------------------


def test_last_activity_is_the_latest_log_or_submitted_entry(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = daily_since(therapist, client_user, 3)
    three_days = timezone.now() - timedelta(days=3)
    log_on(assignment, days_ago(client_user, 3), LogStatus.DONE, at=three_days)
    client.force_login(therapist)
    row = row_of(page(client), "Carol Chen")
    assert "3\xa0days ago" in row
    assert f'datetime="{three_days.replace(microsecond=0).isoformat()}' in row or "<time" in row

    entry_at = timezone.now() - timedelta(hours=2)
    occurrence = assignment.occurrences.get(due_date=days_ago(client_user, 1))
    entry = services.save_entry(occurrence=occurrence, fields={"situation": "At work"}, submit=True)
    Entry.objects.filter(pk=entry.pk).update(updated_at=entry_at)
    Log.objects.filter(occurrence=occurrence).update(updated_at=entry_at - timedelta(hours=1))
    assert "2\xa0hours ago" in row_of(page(client), "Carol Chen")


def test_an_answered_questionnaire_is_activity(client: Client, therapist: User, client_user: User) -> None:
    """A PHQ-9 answered yesterday, with no homework logged for ten days: active yesterday, not quiet,
    worked out for the view and as stored alike."""
    assignment = daily_since(therapist, client_user, 10)
    log_on(assignment, days_ago(client_user, 10), LogStatus.DONE, at=timezone.now() - timedelta(days=10))
    answered = respond(client_user, "phq9", 8, days_ago=1)
    client.force_login(therapist)
    row = row_of(page(client), "Carol Chen")
    assert "1\xa0day ago" in row
    assert "No activity for 7 days" not in row
    (worked_out,) = caseload(therapist).rows
    assert worked_out.last_activity == answered.submitted_at
    refresh_stale_caseload_numbers()
    (stored,) = caseload(therapist).rows
    assert stored.last_activity == answered.submitted_at
    assert [flag.key for flag in stored.flags] == []


def test_drafts_do_not_count_as_activity(therapist: User, client_user: User) -> None:
    assignment = daily_since(therapist, client_user, 1)
    occurrence = assignment.occurrences.get(due_date=days_ago(client_user, 0))
    services.save_entry(occurrence=occurrence, fields={"situation": "Draft"}, submit=False)
    (row,) = caseload(therapist).rows
    assert row.last_activity is None


def test_next_session_is_the_soonest_scheduled_one_ahead(
    client: Client, therapist: User, client_user: User, other_therapist: User
) -> None:
    make_session(therapist, client_user, in_days=-1)  # past
    make_session(therapist, client_user, in_days=2, status=SessionStatus.CANCELLED)
    soonest = make_session(therapist, client_user, in_days=5)
    make_session(therapist, client_user, in_days=9)
    client.force_login(therapist)
    row = row_of(page(client), "Carol Chen")
    assert f'href="/sessions/{soonest.pk}/summary/"' in row
    (data,) = caseload(therapist).rows
    assert data.next_session is not None
    assert data.next_session.pk == soonest.pk


# --- Flags ------------------------------------------------------------------------------------------


def test_it_flags_a_client_with_no_activity_for_7_days(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = daily_since(therapist, client_user, 10)
    log_on(assignment, days_ago(client_user, 9), LogStatus.DONE, at=timezone.now() - timedelta(days=8))
    client.force_login(therapist)
    assert "No activity for 7 days" in row_of(page(client), "Carol Chen")

    log_on(assignment, days_ago(client_user, 1), LogStatus.DONE)
    assert "No activity for 7 days" not in row_of(page(client), "Carol Chen")


def test_a_new_client_is_not_flagged_as_quiet_until_a_week_has_passed(therapist: User) -> None:
    add_client(therapist, 1, days_in_care=2)
    add_client(therapist, 2, days_in_care=8)
    flags = {row.email: [f.key for f in row.flags] for row in caseload(therapist).rows}
    assert flags["client1@example.com"] == []
    assert flags["client2@example.com"] == ["quiet"]


def test_it_flags_three_not_done_in_a_row(client: Client, therapist: User, client_user: User) -> None:
    assignment = daily_since(therapist, client_user, 6)
    log_on(assignment, days_ago(client_user, 4), LogStatus.DONE)
    for n in (3, 2, 1):
        log_on(assignment, days_ago(client_user, n), LogStatus.NOT_DONE, reason=NotDoneReason.TOO_HARD)
    client.force_login(therapist)
    assert "Three or more “not done” in a row" in row_of(page(client), "Carol Chen")

    log_on(assignment, days_ago(client_user, 0), LogStatus.SMALLER)
    assert "in a row" not in row_of(page(client), "Carol Chen")


def test_two_not_done_in_a_row_are_not_flagged(therapist: User, client_user: User) -> None:
    assignment = daily_since(therapist, client_user, 6)
    for n in (2, 1):
        log_on(assignment, days_ago(client_user, n), LogStatus.NOT_DONE, reason=NotDoneReason.FORGOT)
    (row,) = caseload(therapist).rows
    assert "not_done_run" not in [flag.key for flag in row.flags]


def test_it_names_the_most_common_reason_for_not_done(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = daily_since(therapist, client_user, 6)
    log_on(assignment, days_ago(client_user, 5), LogStatus.NOT_DONE, reason=NotDoneReason.FORGOT)
    log_on(assignment, days_ago(client_user, 3), LogStatus.NOT_DONE, reason=NotDoneReason.NO_TIME)
    log_on(assignment, days_ago(client_user, 1), LogStatus.NOT_DONE, reason=NotDoneReason.NO_TIME)
    log_on(assignment, days_ago(client_user, 0), LogStatus.DONE)
    client.force_login(therapist)
    row = row_of(page(client), "Carol Chen")
    assert "Most often not done because: I didn&#39;t have time" in row
    assert "2 of 3 “not done” in the last 14 days." in row


def test_no_reason_flag_without_a_not_done(therapist: User, client_user: User) -> None:
    assignment = daily_since(therapist, client_user, 3)
    log_on(assignment, days_ago(client_user, 1), LogStatus.DONE)
    (row,) = caseload(therapist).rows
    assert row.flags == []


def test_open_invitations_are_rows_flagged_invitation_pending(
    client: Client, therapist: User, client_user: User
) -> None:
    make_invitation(therapist, "erin@example.com", token="t1", name="Erin Evans")
    make_invitation(
        therapist,
        "old@example.com",
        token="t2",
        name="Olu Old",
        expires_at=timezone.now() - timedelta(days=1),
    )
    client.force_login(therapist)
    content = page(client)
    erin = row_of(content, "Erin Evans")
    assert "Invitation pending" in erin
    assert "/overview/" not in erin
    assert "The link has expired" in row_of(content, "Olu Old")


# --- Sorting and search -----------------------------------------------------------------------------


@pytest.fixture
def three_clients(therapist: User) -> list[User]:
    """01: all done, session in 9 days; 02: half done, quiet; 03: nothing due or done, session tomorrow."""
    one, two, three = (add_client(therapist, n) for n in (1, 2, 3))
    first = daily_since(therapist, one, 1)
    for n in (1, 0):
        log_on(first, days_ago(one, n), LogStatus.DONE)
    second = daily_since(therapist, two, 2)  # the day before yesterday is not logged
    log_on(second, days_ago(two, 1), LogStatus.DONE, at=timezone.now() - timedelta(days=9))
    make_session(therapist, one, in_days=9)
    make_session(therapist, three, in_days=1)
    return [one, two, three]


@pytest.mark.parametrize(
    ("sort", "direction", "expected"),
    [
        ("name", "asc", ["Client 01", "Client 02", "Client 03"]),
        ("name", "desc", ["Client 03", "Client 02", "Client 01"]),
        ("adherence", "asc", ["Client 02", "Client 01", "Client 03"]),  # nothing due goes last
        ("adherence", "desc", ["Client 01", "Client 02", "Client 03"]),
        ("last_activity", "desc", ["Client 01", "Client 02", "Client 03"]),
        ("next_session", "asc", ["Client 03", "Client 01", "Client 02"]),
        ("flags", "desc", ["Client 02", "Client 03", "Client 01"]),  # 03 has done nothing for 30 days
    ],
)
def test_it_sorts_by_each_column(
    client: Client, therapist: User, three_clients: list[User], sort: str, direction: str, expected: list[str]
) -> None:
    client.force_login(therapist)
    assert names_in_order(page(client, sort=sort, dir=direction)) == expected


def test_column_headers_link_to_sorting_and_mark_the_sorted_column(
    client: Client, therapist: User, three_clients: list[User]
) -> None:
    client.force_login(therapist)
    content = page(client, sort="adherence", dir="asc", q="client")
    assert content.count("aria-sort=") == 1
    assert 'aria-sort="ascending"' in content
    assert 'href="?sort=adherence&amp;dir=desc&amp;q=client"' in content
    assert 'href="?sort=name&amp;dir=asc&amp;q=client"' in content


@pytest.mark.parametrize(("sort", "direction"), [("bogus", "sideways"), ("__class__", ""), ("", "desc")])
def test_unknown_sort_falls_back_to_the_default(
    client: Client, therapist: User, three_clients: list[User], sort: str, direction: str
) -> None:
    client.force_login(therapist)
    content = page(client, sort=sort, dir=direction)
    assert names_in_order(content)[0] in {"Client 01", "Client 03"}
    assert parse_sort(sort, direction)[0] == "name"


def test_search_matches_name_or_email_of_clients_and_invitations(
    client: Client, therapist: User, client_user: User
) -> None:
    make_invitation(therapist, "erin@example.com", token="t1", name="Erin Evans")
    client.force_login(therapist)
    assert names_in_order(page(client, q="carol@")) == ["Carol Chen"]
    assert names_in_order(page(client, q="evans")) == ["Erin Evans"]


# --- Access -----------------------------------------------------------------------------------------


def test_it_never_shows_another_therapists_numbers(
    client: Client, therapist: User, client_user: User, other_therapist: User, other_client: User
) -> None:
    daily_since(other_therapist, other_client, 3)
    make_invitation(other_therapist, "bobs@example.com", token="t9", name="Bobs Invitee")
    client.force_login(therapist)
    content = page(client)
    assert names_in_order(content) == ["Carol Chen"]
    assert "Dave" not in content and "Bobs Invitee" not in content


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(client: Client) -> None:
    response = client.get("/caseload/?sort=flags")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_clients_are_forbidden(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    assert client.get("/caseload/").status_code == 403


def test_post_is_refused(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    assert client.post("/caseload/").status_code == 405


# --- Query count ------------------------------------------------------------------------------------

# One count at every size: middleware (session, user, user sessions) plus the clients, each one's
# stored row, next session and start of care (sessions_app.selectors.caseload._LIVE_SQL), the
# invitations and the one INSERT that records the read in the audit trail: 6 in all when every
# stored row is current (the latest activity, questionnaire scores, item 9 answers and repeated
# reasons are stored in the row). A view on which some client's row is not current (here: none are
# stored, as the view writes none) works out their window numbers, latest activity and scores, and
# repeated reasons in four more: 10. A therapist's pages print no unread count, so none is read.
QUERY_BUDGET = 10
QUERY_BUDGET_STORED = 6


def busy_caseload(therapist: User, size: int) -> None:
    for n in range(size):
        person = add_client(therapist, n, time_zone="America/New_York" if n % 2 else "Asia/Tokyo")
        assignment = daily_since(therapist, person, 10, Kind.JOURNAL)
        log_on(assignment, days_ago(person, 1), LogStatus.DONE)
        log_on(assignment, days_ago(person, 2), LogStatus.NOT_DONE, reason=NotDoneReason.NO_TIME)
        make_session(therapist, person, in_days=n + 1)
        make_invitation(therapist, f"invitee{n}@example.com", token=f"token-{n}")
        # Questionnaires: a corrected GAD-7, two PHQ-9s with item 9 above 0 on the latest.
        respond(person, "phq9", 18, days_ago=9)
        respond(person, "phq9", 14, days_ago=2, item9=1)
        wrong = respond(person, "gad7", 20, days_ago=3)
        respond(person, "gad7", 9, days_ago=3, corrects=wrong)


@pytest.mark.parametrize("size", [2, 20, 60])
def test_its_query_count_does_not_grow_with_clients_or_entries(
    client: Client, therapist: User, django_assert_num_queries: AssertQueries, size: int
) -> None:
    busy_caseload(therapist, size)
    params = {"sort": "flags", "dir": "desc"}
    content = warm_view(client, therapist, "/caseload/", django_assert_num_queries, QUERY_BUDGET, params)
    assert content.count('<th scope="row">') == 2 * size
    assert content.count("1 of 10 done, 1 not done, 8 not logged, 1 still open today") == size
    assert content.count("down 4 from 18") == size
    assert content.count('<span class="fw-semibold">GAD-7 9</span>') == size
    assert content.count("Item 9 answered above 0 on <time") == size


@pytest.mark.parametrize("size", [2, 20])
def test_with_current_rows_its_query_count_is_lower_and_does_not_grow(
    client: Client, therapist: User, django_assert_num_queries: AssertQueries, size: int
) -> None:
    busy_caseload(therapist, size)
    assert refresh_stale_caseload_numbers() == size
    params = {"sort": "flags", "dir": "desc"}
    content = warm_view(
        client, therapist, "/caseload/", django_assert_num_queries, QUERY_BUDGET_STORED, params
    )
    assert content.count('<th scope="row">') == 2 * size
    assert content.count("1 of 10 done, 1 not done, 8 not logged, 1 still open today") == size
    assert content.count("down 4 from 18") == size
    assert content.count("Item 9 answered above 0 on <time") == size
