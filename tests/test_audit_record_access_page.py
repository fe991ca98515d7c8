"""The client's "Who has looked at my records" page."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client, RequestFactory
from django.urls import ResolverMatch
from django.utils import timezone

from conftest import make_user
from homework import services
from homework.models import (
    Assignment,
    AutomaticThought,
    BehavioralExperiment,
    Goal,
    GoalRating,
    JournalEntry,
    Log,
    Mood,
    Occurrence,
    ReadingReflection,
    RelaxationPractice,
    SkillPractice,
    ThoughtRecord,
)
from homework.tests.conftest import make_assignment
from mallard import audit
from mallard.lib.dates import DateWords
from mallard.models import AuditEntry, Role, User
from measures.models import MeasurePlan
from sessions_app.models import ProposedAction, Reflection, TherapySession
from sessions_app.tests.sessions_helpers import held_session, make_reflection
from tests.record_builders import make_record
from tests.url_walk import World, world

__all__ = ["world"]  # the fixture

AssertMaxQueries = Callable[..., AbstractContextManager[Any]]

URL = "/accounts/privacy/record-access/"

pytestmark = pytest.mark.django_db


START = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def at(minutes: float) -> Any:
    return time_machine.travel(START + timedelta(minutes=minutes), tick=False)


def words_for(client_user: User) -> DateWords:
    return DateWords(ZoneInfo(client_user.time_zone), timezone.localdate().year)


def look(actor: User, client_user: User, objects: list[Any], view_name: str = "sessions-summary") -> None:
    """``actor`` is shown ``objects`` through one page, in one request."""
    request = RequestFactory().get("/")
    request.user = actor
    request.resolver_match = ResolverMatch(lambda: None, (), {}, url_name=view_name)
    audit.record_access(request, objects, client=client_user)


def every_record(client_user: User) -> dict[type, list[Any]]:
    """The client's rows of every kind the trail names, by model."""
    kinds = (
        Assignment,
        Log,
        Goal,
        GoalRating,
        ThoughtRecord,
        Mood,
        AutomaticThought,
        BehavioralExperiment,
        JournalEntry,
        RelaxationPractice,
        ReadingReflection,
        SkillPractice,
        TherapySession,
        Reflection,
        ProposedAction,
    )
    return {
        model: list(model.objects.filter(**{audit.client_lookup(model): client_user.pk})) for model in kinds
    }


def therapist_reads(client: Client, therapist: User, client_user: User, times: int) -> None:
    client.force_login(therapist)
    for _ in range(times):
        client.get(f"/clients/{client_user.pk}/homework/")


def test_it_lists_who_looked_what_when_and_through_which_page(
    client: Client, therapist: User, client_user: User
) -> None:
    session = held_session(therapist, client_user)
    with time_machine.travel(datetime(2026, 3, 2, 15, 30, tzinfo=UTC), tick=False):
        client.force_login(therapist)
        client.get(f"/sessions/{session.pk}/")
    request = RequestFactory().get("/")
    request.user = therapist
    audit.record_export(request, client=client_user, export_format="json")

    client.force_login(client_user)
    response = client.get(URL)
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row.action for row in rows] == ["exported", "created", "viewed"]
    first_read = rows[-1]
    assert first_read.who == "Alice Adeyemi (therapist)"
    assert first_read.records == (f"your session of {words_for(client_user).day(session.starts_at)}",)
    assert first_read.page == "One of your sessions, with its notes"
    content = response.content.decode()
    # Carol lives in New York: 15:30 UTC is 10:30 there.
    assert "Mon 2 Mar 2026, 10:30" in content
    assert rows[0].action == "exported" and rows[0].records == ("your record as a whole",)
    assert session.private_notes not in content and session.summary not in content


def test_staff_reads_name_the_staff_member(
    client: Client, staff: User, therapist: User, client_user: User
) -> None:
    goal = services.create_goal(client=client_user, created_by=therapist, text="Walk daily")
    client.force_login(staff)
    assert client.get(f"/admin/homework/goal/{goal.pk}/change/").status_code == 200
    client.force_login(client_user)
    rows = client.get(URL).context["rows"]
    staff_rows = [row for row in rows if row.who == "Mallard staff: Sam Staff"]
    assert [(row.records, row.page) for row in staff_rows] == [
        ((goal.name_for_client(words_for(client_user)),), "Mallard's administration site")
    ]


def test_it_leaves_out_the_clients_own_activity_and_other_clients(
    client: Client, therapist: User, client_user: User, other_therapist: User, other_client: User
) -> None:
    goal = services.create_goal(client=client_user, created_by=client_user, text="My own goal")
    therapist_reads(client, other_therapist, other_client, 1)
    client.force_login(client_user)
    client.post(f"/homework/goals/{goal.pk}/rate/", {f"goal-{goal.pk}-rating": 6})
    client.get("/homework/goals/")
    assert AuditEntry.objects.filter(actor=client_user).exists()  # the rating was recorded...
    response = client.get(URL)
    # ...but only the goal's creation, by Mallard outside any request, is listed.
    assert [(row.who, row.action) for row in response.context["rows"]] == [("Mallard (automatic)", "created")]


def test_it_says_so_when_nobody_has_looked(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    response = client.get(URL)
    assert response.context["rows"] == []
    assert "Nobody else has opened your records yet." in response.content.decode()


def test_changes_by_the_therapist_are_listed(client: Client, therapist: User, client_user: User) -> None:
    assignment = make_assignment(therapist, client_user)
    client.force_login(therapist)
    client.post(f"/assignments/{assignment.pk}/status/", {"action": "pause"})
    client.force_login(client_user)
    rows = client.get(URL).context["rows"]
    changed = [row for row in rows if row.action == "changed"]
    assert changed and changed[0].who == "Alice Adeyemi (therapist)"
    assert changed[0].page == "Pausing, resuming or finishing a piece of your homework"


def test_it_pages_visits_newest_first(client: Client, therapist: User, client_user: User) -> None:
    for minute in range(30):
        with at(minute):
            therapist_reads(client, therapist, client_user, 2)
    client.force_login(client_user)
    first = client.get(URL)
    assert len(first.context["rows"]) == 25
    assert first.context["page"].has_next()
    second = client.get(URL, {"page": 2})
    assert len(second.context["rows"]) == 5
    assert first.context["rows"][0].when == START + timedelta(minutes=29)
    assert second.context["rows"][-1].when == START
    assert client.get(URL, {"page": "not-a-page"}).status_code == 200


@pytest.mark.parametrize("size", [1, 4])
def test_its_query_count_does_not_grow(
    client: Client,
    therapist: User,
    client_user: User,
    staff: User,
    django_assert_max_num_queries: AssertMaxQueries,
    size: int,
) -> None:
    """Every kind of record, ``size`` of each, seen in visits a minute apart by two people."""
    with at(0):
        make_record(therapist, client_user, size=size)
    records = every_record(client_user)
    for minute, rows in enumerate(records.values()):
        with at(minute + 1):
            look(therapist if minute % 2 else staff, client_user, rows)
    client.force_login(client_user)
    client.get(URL)  # warm the session and per-process caches
    # Middleware and base page (session, user twice, the user-session touch in a savepoint, unread
    # notifications), the count, the page of visits, their rows with the people, then one query
    # for each kind of record named.
    with at(60), django_assert_max_num_queries(9 + len(records)):
        response = client.get(URL)
    rows = response.context["rows"]
    assert len(rows) == len(records) + 1  # and the records' creation, by Mallard, in one minute
    named = [name for row in rows for name in row.records]
    assert not [name for name in named if "#" in name or "deleted" in name]


def test_it_is_linked_from_the_profile_and_the_account_menu(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    content = client.get("/accounts/profile/").content.decode()
    assert content.count(f'href="{URL}"') >= 2


def test_it_needs_a_signed_in_client(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", [Role.THERAPIST, Role.STAFF])
def test_other_roles_are_refused(client: Client, role: Role) -> None:
    client.force_login(make_user(f"{role}@example.com", "Someone", role))
    assert client.get(URL).status_code == 403


def test_it_only_answers_get(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    assert client.post(URL).status_code == 405


def test_a_deleted_actor_is_named_without_their_account(
    client: Client, therapist: User, client_user: User
) -> None:
    """The rows outlive the therapist's account; the page still renders."""
    helper = make_user("temp@example.com", "Temp Therapist", Role.THERAPIST)
    request = RequestFactory().get("/")
    request.user = helper
    audit.record_access(request, [client_user], client=client_user)
    helper.delete()
    client.force_login(client_user)
    rows = client.get(URL).context["rows"]
    assert [row.who for row in rows] == ["A person whose account has since been deleted"]
    assert AuditEntry.objects.get().actor_id is not None


def rows_seen_by(client: Client, client_user: User) -> list[Any]:
    """The rows of visits that viewed records (not Mallard's own creation of them)."""
    client.force_login(client_user)
    return [row for row in client.get(URL).context["rows"] if row.action == "viewed"]


def test_it_names_records_in_words_in_the_clients_time_zone(
    client: Client, therapist: User, client_user: User
) -> None:
    breathing = make_assignment(therapist, client_user, title="Paced breathing")
    day = date(2026, 12, 3)
    occurrence = Occurrence.objects.create(
        assignment=breathing, client=client_user, available_from=day, due_date=day, slot=9
    )
    record = ThoughtRecord.objects.create(
        client=client_user,
        assignment=breathing,
        occurrence=occurrence,
        kind="thought_record",
        is_draft=False,
        situation="At work",
    )
    mood = Mood.objects.create(record=record, name="Anxious", intensity=70)
    # 01:30 UTC on 1 December is still 30 November in New York, where Carol lives.
    session = held_session(therapist, client_user, starts_at=datetime(2026, 12, 1, 1, 30, tzinfo=UTC))
    reflection = make_reflection(session)
    with time_machine.travel(datetime(2026, 12, 5, 12, 0, tzinfo=UTC), tick=False):
        look(therapist, client_user, [breathing, record, mood, session, reflection])
        rows = rows_seen_by(client, client_user)
        content = client.get(URL).content.decode()
    assert rows[0].records == (
        "your assignment “Paced breathing”",
        "your thought record of 3 December",
        "a mood in your thought record of 3 December",
        "your session of 30 November",
        "your reflection on your session of 30 November",
    )
    assert "Your assignment “Paced breathing”" in content
    assert "#" not in "".join(rows[0].records)
    assert "At work" not in content and "Anxious" not in content


def test_a_questionnaire_plan_is_named_by_its_questionnaire_and_day(
    client: Client, therapist: User, client_user: User
) -> None:
    with time_machine.travel(datetime(2026, 3, 2, 15, 0, tzinfo=UTC), tick=False):
        plan = MeasurePlan.objects.create(
            client=client_user,
            therapist=therapist,
            instrument="gad7",
            schedule="once",
            starts_on=date(2026, 3, 2),
        )
    with time_machine.travel(datetime(2026, 3, 4, 12, 0, tzinfo=UTC), tick=False):
        client.force_login(therapist)
        assert client.get(f"/clients/{client_user.pk}/questionnaires/{plan.pk}/stop/").status_code == 200
        rows = rows_seen_by(client, client_user)
    assert [(row.page, row.records) for row in rows] == [
        ("Stopping a questionnaire you were asked to answer", ("your GAD-7 plan of 2 March",))
    ]


def test_a_record_from_another_year_says_the_year(client: Client, therapist: User, client_user: User) -> None:
    session = held_session(therapist, client_user, starts_at=datetime(2025, 6, 10, 15, 0, tzinfo=UTC))
    with time_machine.travel(datetime(2026, 1, 5, 12, 0, tzinfo=UTC), tick=False):
        look(therapist, client_user, [session])
        assert rows_seen_by(client, client_user)[0].records == ("your session of 10 June 2025",)


def test_one_visit_is_one_row(client: Client, therapist: User, client_user: User) -> None:
    session = held_session(therapist, client_user)
    reflection = make_reflection(session)
    with time_machine.travel(START + timedelta(seconds=5), tick=False):
        look(therapist, client_user, [session, reflection])
    with time_machine.travel(START + timedelta(seconds=50), tick=False):
        look(therapist, client_user, [session])  # the same page again, the same minute
        look(therapist, client_user, [session], view_name="sessions-session")  # another page
    with at(1):
        look(therapist, client_user, [session])  # the next minute
    with at(2):
        rows = rows_seen_by(client, client_user)
    assert [(row.when, row.page, len(row.records)) for row in rows] == [
        (START + timedelta(minutes=1), "The summary your therapist reads before a session", 1),
        (START, "One of your sessions, with its notes", 1),
        (START, "The summary your therapist reads before a session", 2),
    ]
    assert AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).count() == 5


def test_different_people_in_the_same_minute_are_different_rows(
    client: Client, therapist: User, staff: User, client_user: User
) -> None:
    session = held_session(therapist, client_user)
    with at(0):
        look(therapist, client_user, [session])
        look(staff, client_user, [session])
        rows = rows_seen_by(client, client_user)
    assert sorted(row.who for row in rows) == ["Alice Adeyemi (therapist)", "Mallard staff: Sam Staff"]


def test_a_long_visit_names_five_records_and_counts_the_rest(
    client: Client, therapist: User, client_user: User
) -> None:
    sessions = [held_session(therapist, client_user, days=-1 - i) for i in range(8)]
    look(therapist, client_user, sessions)
    (row,) = rows_seen_by(client, client_user)
    assert len(row.records) == 5
    assert row.more == 3
    assert "and 3 more" in client.get(URL).content.decode()


def test_a_deleted_record_is_named_by_its_kind(client: Client, therapist: User, client_user: User) -> None:
    session = held_session(therapist, client_user)
    look(therapist, client_user, [session])
    session.delete()
    rows = rows_seen_by(client, client_user)
    assert ("a therapy session of yours that has since been deleted",) in [row.records for row in rows]


def test_another_clients_record_is_never_named(
    client: Client, therapist: User, client_user: User, other_therapist: User, other_client: User
) -> None:
    """A trail row can only point at the client's own records; if one did not, its name stays unread."""
    theirs = held_session(other_therapist, other_client)
    request = RequestFactory().get("/")
    request.user = therapist
    audit._append(request, [(theirs, client_user.pk)], action=AuditEntry.Action.ACCESS)
    rows = rows_seen_by(client, client_user)
    assert rows[0].records == ("a therapy session of yours that has since been deleted",)


def test_two_records_with_the_same_name_are_both_counted(
    client: Client, therapist: User, client_user: User
) -> None:
    first = held_session(therapist, client_user, starts_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    second = held_session(therapist, client_user, starts_at=datetime(2026, 3, 2, 16, 0, tzinfo=UTC))
    look(therapist, client_user, [first, second, first])
    (row,) = rows_seen_by(client, client_user)
    assert len(row.records) == 2
    assert row.records[0] == row.records[1]


# Path parameters that name a client's record, or a part of one.
CLIENT_RECORD_PARAMS = {
    "client_id",
    "assignment_id",
    "occurrence_id",
    "entry_id",
    "goal_id",
    "session_id",
    "proposal_id",
    "plan_id",
    "window_id",
    "response_id",
}


def test_every_page_that_shows_or_changes_a_clients_record_to_someone_else_has_a_label() -> None:
    """A therapist's page about a client's record is named on the client's trail in words, never
    "A page of Mallard"; a new page without a label fails here, not on the client's screen."""
    from tests.test_url_access import ADMIN, LOGIN, TABLE
    from tests.url_walk import PERSONAS, all_routes

    therapist = PERSONAS.index("therapist_a")
    unlabelled = []
    for route in all_routes():
        entry = TABLE.get(route.key)
        if entry is None or not CLIENT_RECORD_PARAMS & set(route.params):
            continue
        outcomes = (entry.get[therapist], entry.post[therapist])
        if all(outcome in (403, 405, LOGIN, ADMIN) for outcome in outcomes):
            continue  # the client's own pages: their own reads and changes are not on their trail
        if audit.page_label(route.key) == "A page of Mallard":
            unlabelled.append(route.key)
    assert unlabelled == []
    assert audit.page_label("sessions-caseload") != "A page of Mallard"


# Therapist pages about one client that show nothing of the clinical record, so record no read:
# the export page offers the downloads (each download is recorded as an export).
SHOWS_NO_CLINICAL_RECORD = {"mallard-client-export"}


def test_every_therapist_page_that_shows_a_clients_record_records_the_read(world: World) -> None:
    """Each GET of a therapist's page about a client's record writes a read to the client's trail,
    named after the page; a new page that forgets to fails here."""
    from tests.test_url_access import TABLE, url_for
    from tests.url_walk import PERSONAS, all_routes, signed_in

    therapist = PERSONAS.index("therapist_a")
    browser = signed_in(world, "therapist_a")
    keys = {route.key for route in all_routes()}
    assert keys >= SHOWS_NO_CLINICAL_RECORD  # no exemption outlives its page
    unrecorded, walked = [], []
    for route in all_routes():
        entry = TABLE.get(route.key)
        if entry is None or not CLIENT_RECORD_PARAMS & set(route.params) or entry.get[therapist] != 200:
            continue
        if route.key in SHOWS_NO_CLINICAL_RECORD:
            continue
        url = url_for(route, entry, world)
        last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        assert browser.get(url).status_code == 200, url
        walked.append(route.key)
        reads = AuditEntry.objects.filter(
            pk__gt=last,
            action__in=[AuditEntry.Action.ACCESS, AuditEntry.Action.EXPORT],
            actor=world.a.therapist,
            client=world.a.client,
            view_name=route.key,
        )
        if not reads.exists():
            unrecorded.append(route.key)
    assert unrecorded == []
    assert {
        "measures-client",
        "measures-plan-edit",
        "measures-stop",
        "homework-client",
        "reminders-client-status",
    } <= set(walked)
