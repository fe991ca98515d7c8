"""A client's overview: goals, assignments, timeline, reasons and charts of change, for their therapist."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from homework import services
from homework.models import GoalRating, Kind, LogStatus, NotDoneReason, Recurrence
from homework.services import MoodData, Outcome, ThoughtData
from homework.tests.conftest import make_assignment
from mallard.models import User
from sessions_app.models import SessionStatus
from sessions_app.tests.dashboard_helpers import (
    AssertQueries,
    daily_since,
    days_ago,
    log_on,
    make_session,
    occurrence_on,
    warm_view,
)
from sessions_app.tests.scores_helpers import respond

SECRET = "My private words about the weekend"


def url(person: User) -> str:
    return f"/clients/{person.pk}/overview/"


def thought_record(
    therapist: User, person: User, day_offset: int, moods: list[tuple[int, int | None]]
) -> None:
    assignment = daily_since(therapist, person, 20, Kind.THOUGHT_RECORD)
    services.save_entry(
        occurrence=occurrence_on(assignment, days_ago(person, day_offset)),
        fields={"situation": f"Situation {day_offset}"},
        submit=True,
        moods=[MoodData(f"mood{i}", before, after) for i, (before, after) in enumerate(moods)],
        thoughts=[ThoughtData("I'll get it wrong")],
    )


def private_journal(therapist: User, person: User) -> None:
    assignment = make_assignment(therapist, person, Kind.JOURNAL)
    services.save_entry(
        occurrence=occurrence_on(assignment, days_ago(person, 0)),
        fields={"text": SECRET, "prompt": "Anything", "is_private": True},
        submit=True,
    )


def test_it_shows_goals_with_a_progress_chart(client: Client, therapist: User, client_user: User) -> None:
    goal = services.create_goal(
        client=client_user, created_by=therapist, text="Sleep before midnight", rating=2
    )
    GoalRating.objects.filter(goal=goal).update(rated_at=timezone.now() - timedelta(days=7))
    services.rate_goal(goal=goal, rating=5, rated_by=client_user)
    client.force_login(therapist)
    content = client.get(url(client_user)).content.decode()
    assert "Sleep before midnight" in content
    assert f'aria-labelledby="goal-{goal.pk}-title goal-{goal.pk}-desc"' in content
    assert "<polyline" in content
    assert "Latest rating 5 (0 to 10), up 3 since the first on" in content


def test_it_shows_assignments_with_their_adherence(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = daily_since(therapist, client_user, 3, Kind.RELAXATION)
    log_on(assignment, days_ago(client_user, 1), LogStatus.DONE)
    log_on(assignment, days_ago(client_user, 2), LogStatus.NOT_DONE, reason=NotDoneReason.FORGOT)
    client.force_login(therapist)
    content = client.get(url(client_user)).content.decode()
    assert assignment.title in content
    assert "1 of 3 done, 1 not done, 1 not logged, 1 still open today" in content


def test_the_overview_and_the_homework_page_count_done_alike(
    client: Client, therapist: User, client_user: User
) -> None:
    """ "Done" includes the smaller version on both pages, in the same words, as the caseload says."""
    assignment = daily_since(therapist, client_user, 4, Kind.RELAXATION)
    log_on(assignment, days_ago(client_user, 3), LogStatus.DONE)
    log_on(assignment, days_ago(client_user, 2), LogStatus.DONE)
    log_on(assignment, days_ago(client_user, 1), LogStatus.SMALLER)
    log_on(assignment, days_ago(client_user, 0), LogStatus.DONE)
    client.force_login(therapist)
    words = "4 of 5 done (1 smaller version), 1 not logged"
    assert words in client.get(url(client_user)).content.decode()
    homework = client.get(f"/clients/{client_user.pk}/homework/").content.decode()
    assert words in homework
    assert "Smaller version</dt>" not in homework


def test_the_timeline_lists_logs_newest_first_and_hides_private_journals(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = daily_since(therapist, client_user, 3, Kind.RELAXATION, title="Breathing practice")
    log_on(assignment, days_ago(client_user, 2), LogStatus.NOT_DONE, reason=NotDoneReason.AVOIDED)
    log_on(assignment, days_ago(client_user, 1), LogStatus.SMALLER)
    private_journal(therapist, client_user)
    client.force_login(therapist)
    content = client.get(url(client_user)).content.decode()
    timeline = content[content.index('id="timeline-heading"') :]
    assert "private journal entry — done" in timeline
    assert timeline.index("private journal") < timeline.index("did the smaller version")
    assert timeline.index("did the smaller version") < timeline.index(
        "not done: I avoided it or felt too anxious"
    )
    assert SECRET not in content


def test_the_timelines_worksheet_links_name_the_worksheet(
    client: Client, therapist: User, client_user: User
) -> None:
    """ "Open the reading reflection", not "Read the reading and psychoeducation": each kind's link
    names what the client filled in."""
    fields: dict[str, dict[str, Any]] = {
        Kind.READING: {"was_read": True},
        Kind.RELAXATION: {"technique": "Body scan", "minutes": 10},
        Kind.THOUGHT_RECORD: {"situation": "Meeting"},
        Kind.JOURNAL: {"text": "Evening", "prompt": "Anything"},
        Kind.BEHAVIORAL_EXPERIMENT: {"belief": "They'll laugh", "belief_strength": 80, "experiment": "Ask"},
        Kind.SKILL_PRACTICE: {"skill": "Saying no", "what_i_did": "Said no once"},
    }
    for kind, values in fields.items():
        assignment = make_assignment(therapist, client_user, kind)
        services.save_entry(
            occurrence=occurrence_on(assignment, days_ago(client_user, 0)), fields=values, submit=True
        )
    client.force_login(therapist)
    content = client.get(url(client_user)).content.decode()
    timeline = content[content.index('id="timeline-heading"') :]
    for noun in (
        "reading reflection",
        "relaxation practice",
        "thought record",
        "journal entry",
        "behavioural experiment",
        "skill practice",
    ):
        assert f">Open the {noun}<" in timeline
    assert "Read the" not in timeline


def test_the_timeline_dates_a_weekly_slot_by_the_day_it_was_done_not_its_weeks_end(
    client: Client, therapist: User, client_user: User
) -> None:
    # Thursday 3 December at noon in New York: this week's slots are open until Sunday the 6th.
    with time_machine.travel(datetime(2026, 12, 3, 17, 0, tzinfo=UTC), tick=False):
        monday = services.client_today(client_user) - timedelta(days=3)
        weekly = make_assignment(
            therapist,
            client_user,
            Kind.SKILL_PRACTICE,
            title="Say no once",
            start=monday,
            recurrence=Recurrence.TIMES_PER_WEEK,
            times_per_week=2,
        )
        slot = weekly.occurrences.filter(available_from__lte=monday).order_by("due_date", "slot").first()
        assert slot is not None and slot.due_date == date(2026, 12, 6)
        services.log_occurrence(occurrence=slot, status=LogStatus.DONE)
        client.force_login(therapist)
        content = client.get(url(client_user)).content.decode()
    timeline = content[content.index('id="timeline-heading"') :]
    assert re.search(r"Say no once</span> \(3 Dec\):\s+done", timeline)
    assert "(6 Dec)" not in timeline


def test_it_tallies_reasons_all_time_and_last_30_days(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = daily_since(therapist, client_user, 40)
    log_on(assignment, days_ago(client_user, 35), LogStatus.NOT_DONE, reason=NotDoneReason.NO_TIME)
    log_on(assignment, days_ago(client_user, 3), LogStatus.NOT_DONE, reason=NotDoneReason.NO_TIME)
    log_on(assignment, days_ago(client_user, 2), LogStatus.NOT_DONE, reason=NotDoneReason.FORGOT)
    client.force_login(therapist)
    content = client.get(url(client_user)).content.decode()
    no_time = re.search(r"I didn&#x27;t have time</th><td[^>]*>(\d+)</td><td[^>]*>(\d+)</td>", content)
    assert no_time is not None
    assert no_time.groups() == ("1", "2")
    assert re.search(r"I forgot</th><td[^>]*>1</td><td[^>]*>1</td>", content)


def test_it_charts_mood_before_and_after_with_a_summary_and_a_table(
    client: Client, therapist: User, client_user: User
) -> None:
    thought_record(therapist, client_user, 3, [(80, 40), (60, 50)])  # mean 70 then 45: a fall of 25
    thought_record(therapist, client_user, 2, [(90, 50)])  # a fall of 40
    thought_record(therapist, client_user, 1, [(50, None)])  # not re-rated: left out
    client.force_login(therapist)
    content = client.get(url(client_user)).content.decode()
    assert "Across 2 thought records, mood intensity fell by 32 points on average after re-rating." in content
    assert 'aria-labelledby="mood-chart-title mood-chart-desc"' in content
    assert '<title id="mood-chart-title">' in content
    assert content.count('class="chart-before"') >= 2
    assert "<td>70</td><td>45</td><td>\u221225</td>" in content


def test_it_charts_suds_for_exposures_and_belief_in_experiments(
    client: Client, therapist: User, client_user: User
) -> None:
    exposure = daily_since(therapist, client_user, 5, Kind.SKILL_PRACTICE, is_exposure=True)
    services.save_entry(
        occurrence=occurrence_on(exposure, days_ago(client_user, 2)),
        fields={
            "skill": "Lift",
            "what_i_did": "Rode it",
            "is_exposure": True,
            "suds_peak": 80,
            "suds_end": 30,
        },
        submit=True,
    )
    experiment = daily_since(therapist, client_user, 5, Kind.BEHAVIORAL_EXPERIMENT)
    services.save_entry(
        occurrence=occurrence_on(experiment, days_ago(client_user, 1)),
        fields={
            "belief": "They'll laugh",
            "belief_strength": 90,
            "experiment": "Speak up",
            "belief_rerating": 40,
        },
        submit=True,
    )
    client.force_login(therapist)
    content = client.get(url(client_user)).content.decode()
    assert "In 1 exposure, distress (SUDS) fell by 50 points from peak to end." in content
    assert "Distress roughly halved by the end in 1 of 1." in content
    assert "In 1 experiment, belief in the tested thought fell by 50 points after the experiment." in content


def test_charts_without_data_say_so_without_an_empty_svg(
    client: Client, therapist: User, client_user: User
) -> None:
    client.force_login(therapist)
    content = client.get(url(client_user)).content.decode()
    assert "No thought records with both ratings yet." in content
    assert "No exposures with both ratings yet." in content
    assert 'role="img"' not in content


def test_it_links_to_homework_sessions_and_the_next_summary(
    client: Client, therapist: User, client_user: User
) -> None:
    upcoming = make_session(therapist, client_user, in_days=3)
    client.force_login(therapist)
    content = client.get(url(client_user)).content.decode()
    assert f'href="/clients/{client_user.pk}/homework/"' in content
    assert f'href="/clients/{client_user.pk}/sessions/"' in content
    assert f'href="/sessions/{upcoming.pk}/summary/"' in content
    assert content.count("<h1") == 1


def test_it_and_the_caseload_print_with_the_shared_print_rules_first(
    client: Client, therapist: User, client_user: User
) -> None:
    """``mallard-print.css`` hides the menus and buttons in print; the page's own rules come after."""
    client.force_login(therapist)
    for path in (url(client_user), "/caseload/"):
        content = client.get(path).content.decode()
        assert content.index("css/mallard-print.css") < content.index("css/sessions_app-dashboard.css")


def test_another_therapists_client_is_a_404(client: Client, therapist: User, other_client: User) -> None:
    client.force_login(therapist)
    assert client.get(url(other_client)).status_code == 404


def test_an_unknown_client_is_a_404(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    assert client.get("/clients/999999/overview/").status_code == 404


def test_clients_are_forbidden(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    assert client.get(url(client_user)).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, client_user: User) -> None:
    response = client.get(url(client_user))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_post_is_refused(client: Client, therapist: User, client_user: User) -> None:
    client.force_login(therapist)
    assert client.post(url(client_user)).status_code == 405


# The user and the two-factor check (middleware), then: the client, goals and their ratings,
# assignments, the timeline, reasons, three charts' records, the sessions (those the
# questionnaire charts mark, and the next one), the questionnaire responses, homework per
# period, the client's setting; and the one INSERT that records the read in the audit trail.
QUERY_BUDGET = 16


def busy_client(therapist: User, person: User, size: int) -> None:
    for n in range(size):
        goal = services.create_goal(client=person, created_by=therapist, text=f"Goal {n}", rating=n % 10)
        services.rate_goal(goal=goal, rating=(n + 3) % 10, rated_by=person)
    relax = daily_since(therapist, person, size + 2, Kind.RELAXATION)
    for n in range(1, size + 1):
        log_on(relax, days_ago(person, n), LogStatus.NOT_DONE, reason=NotDoneReason.OTHER)
    for n in range(size):
        thought_record(therapist, person, n, [(70, 30), (50, 20)])
    private_journal(therapist, person)
    services.save_entry(
        occurrence=occurrence_on(daily_since(therapist, person, 2, Kind.SKILL_PRACTICE), days_ago(person, 1)),
        fields={"skill": "x", "what_i_did": "y", "is_exposure": True, "suds_peak": 60, "suds_end": 20},
        submit=True,
        outcome=Outcome(),
    )
    make_session(therapist, person, in_days=2)
    for n in range(size):
        make_session(therapist, person, in_days=-3 * n - 1, status=SessionStatus.HELD)
        respond(person, "phq9", 20 - n, days_ago=3 * n, item9=n % 2)
        respond(person, "gad7", 15 - n, days_ago=3 * n)


@pytest.mark.parametrize("size", [2, 12])
def test_its_query_count_does_not_grow_with_the_data(
    client: Client,
    therapist: User,
    client_user: User,
    django_assert_num_queries: AssertQueries,
    size: int,
) -> None:
    busy_client(therapist, client_user, size)
    content = warm_view(client, therapist, url(client_user), django_assert_num_queries, QUERY_BUDGET)
    assert content.count('class="timeline-item"') == min(size * 2 + 2, 30)
    # Each score in words, linked to its answers.
    linked = r'</time>: <a href="/clients/\d+/questionnaires/answers/\d+/">'
    assert len(re.findall(linked + "PHQ-9 ", content)) == size
    assert len(re.findall(linked + "GAD-7 ", content)) == size
    # Every held session but the oldest, which falls before the first response, on both charts.
    assert content.count('class="score-session"') == 2 * (size - 1)
    assert SECRET not in content


def test_the_sessions_around_are_the_past_years_and_the_next_one_with_this_therapist(
    therapist: User, other_therapist: User, client_user: User
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from sessions_app.models import SessionStatus
    from sessions_app.selectors.overview import sessions_around
    from sessions_app.tests.dashboard_helpers import make_session

    held = make_session(other_therapist, client_user, in_days=-20, status=SessionStatus.HELD)
    make_session(therapist, client_user, in_days=-10, status=SessionStatus.CANCELLED)
    make_session(therapist, client_user, in_days=-400, status=SessionStatus.HELD)
    later, soon = (make_session(therapist, client_user, in_days=d) for d in (14, 7))
    make_session(other_therapist, client_user, in_days=3)

    starts, upcoming = sessions_around(therapist, client_user, since=timezone.now() - timedelta(days=365))

    assert starts == [held.starts_at]
    assert upcoming is not None and upcoming.pk == soon.pk and upcoming.pk != later.pk
    assert upcoming.starts_at == soon.starts_at
    assert {"private_notes", "summary"} <= upcoming.get_deferred_fields()
