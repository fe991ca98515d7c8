"""The pre-session summary: everything since the previous held session, printable, for the therapist."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from homework import services
from homework.models import (
    AssignmentStatus,
    GoalRating,
    Kind,
    LogStatus,
    NotDoneReason,
    Occurrence,
    Recurrence,
)
from homework.services import MoodData, ThoughtData
from homework.tests.conftest import make_assignment
from mallard.models import CareRelationship, User
from measures import services as measure_services
from measures.models import MeasurePlan, MeasureResponse, Schedule
from sessions_app import services as session_services
from sessions_app.models import Decision, Reflection, SessionStatus
from sessions_app.selectors.summary import pre_session_summary
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

SECRET = "Something only I should read"


def url(session: Any) -> str:
    return f"/sessions/{session.pk}/summary/"


@pytest.fixture
def previous(therapist: User, client_user: User) -> Any:
    held = make_session(therapist, client_user, in_days=-7, status=SessionStatus.HELD)
    Reflection.objects.create(
        session=held,
        client=client_user,
        stood_out="Noticing the pattern",
        want_to_practise="Saying no",
        questions="Is it normal to feel worse first?",
    )
    return held


@pytest.fixture
def upcoming(therapist: User, client_user: User) -> Any:
    return make_session(therapist, client_user, in_days=1)


def test_it_covers_each_assignment_since_the_previous_session_with_reasons(
    client: Client, therapist: User, client_user: User, previous: Any, upcoming: Any
) -> None:
    assignment = daily_since(therapist, client_user, 20, Kind.RELAXATION, title="Paced breathing")
    before = timezone.now() - timedelta(days=10)
    log_on(assignment, days_ago(client_user, 10), LogStatus.NOT_DONE, reason=NotDoneReason.FORGOT, at=before)
    log_on(assignment, days_ago(client_user, 5), LogStatus.DONE)
    log_on(assignment, days_ago(client_user, 4), LogStatus.SMALLER)
    log_on(assignment, days_ago(client_user, 3), LogStatus.PARTLY)
    log_on(
        assignment,
        days_ago(client_user, 2),
        LogStatus.NOT_DONE,
        reason=NotDoneReason.NO_TIME,
        note="Night shift",
    )
    client.force_login(therapist)
    content = client.get(url(upcoming)).content.decode()
    assert "Paced breathing" in content
    # Due from the previous session's day (7 days ago) to yesterday: 7 occurrences; today's is
    # still open.
    assert (
        "3 of 7 done (1 smaller version, 1 partly), 1 not done, 3 not logged, 1 still open today" in content
    )
    assert "I didn&#x27;t have time — “Night shift”" in content
    assert "I forgot" not in content


def test_a_not_done_logged_late_names_the_day_it_was_for_beside_the_counts_of_days_due(
    client: Client, therapist: User, client_user: User, previous: Any, upcoming: Any
) -> None:
    assignment = daily_since(therapist, client_user, 20, Kind.RELAXATION, title="Paced breathing")
    earlier, late = days_ago(client_user, 10), days_ago(client_user, 2)
    # Logged today, about a day before the period: listed (said since the last session), but
    # not in the counts, which are of the days due in the period.
    log_on(assignment, earlier, LogStatus.NOT_DONE, reason=NotDoneReason.OTHER, note="Moved house")
    # Logged late inside the period, and one logged on its own day.
    log_on(assignment, late, LogStatus.NOT_DONE, reason=NotDoneReason.NO_TIME)
    on_its_day = days_ago(client_user, 3)
    noon = datetime.combine(on_its_day, datetime.min.time(), tzinfo=client_user.zone) + timedelta(hours=12)
    log_on(assignment, on_its_day, LogStatus.NOT_DONE, reason=NotDoneReason.FORGOT, at=noon)
    client.force_login(therapist)
    content = client.get(url(upcoming)).content.decode()
    today = services.client_today(client_user)
    assert "Days due in this period: 0 of 7 done, 2 not done, 5 not logged" in content
    logged = f"Not done, logged {today:%a} {today.day} {today:%b}"
    assert (
        f"{logged}, for {earlier:%a} {earlier.day} {earlier:%b} (before this period): Something else"
        in content
    )
    assert f"{logged}, for {late:%a} {late.day} {late:%b}: I didn" in content
    assert f"Not done, logged {on_its_day:%a} {on_its_day.day} {on_its_day:%b}: I forgot" in content


def test_it_says_when_an_assignment_is_paused(
    client: Client, therapist: User, client_user: User, previous: Any, upcoming: Any
) -> None:
    paused = daily_since(therapist, client_user, 20, Kind.RELAXATION, title="Paced breathing")
    log_on(paused, days_ago(client_user, 5), LogStatus.DONE)
    services.set_assignment_status(assignment=paused, status=AssignmentStatus.PAUSED)
    daily_since(therapist, client_user, 20, Kind.RELAXATION, title="Body scan")
    client.force_login(therapist)
    content = client.get(url(upcoming)).content.decode()
    assert "Paced breathing" in content and "Body scan" in content
    assert content.count("Paused now: nothing new is due until it is resumed.") == 1


def test_without_a_previous_session_it_covers_the_last_14_days(
    therapist: User, client_user: User, upcoming: Any
) -> None:
    summary = pre_session_summary(upcoming)
    assert summary.previous is None
    assert (summary.last - summary.first).days == 13


def test_a_period_of_one_day_is_written_as_that_day(
    client: Client, therapist: User, client_user: User
) -> None:
    noon = datetime(2026, 12, 7, 17, 0, tzinfo=UTC)  # 12:00 in New York
    with time_machine.travel(noon, tick=False):
        make_session(therapist, client_user, in_days=-0.1, status=SessionStatus.HELD)
        upcoming = make_session(therapist, client_user, in_days=0.1)
        client.force_login(therapist)
        text = " ".join(client.get(url(upcoming)).content.decode().split())
    assert "homework due 7 Dec 2026 on Carol Chen's calendar" in text
    assert "7 Dec to 7 Dec" not in text


def test_a_period_across_new_year_gives_both_years(
    client: Client, therapist: User, client_user: User
) -> None:
    with time_machine.travel(datetime(2027, 1, 3, 17, 0, tzinfo=UTC), tick=False):
        make_session(therapist, client_user, in_days=-7, status=SessionStatus.HELD)
        upcoming = make_session(therapist, client_user, in_days=1)
        client.force_login(therapist)
        text = " ".join(client.get(url(upcoming)).content.decode().split())
    assert "homework due 27 Dec 2026 to 3 Jan 2027 on Carol Chen's calendar" in text


def test_it_shows_changes_in_records(
    client: Client, therapist: User, client_user: User, previous: Any, upcoming: Any
) -> None:
    record = daily_since(therapist, client_user, 5, Kind.THOUGHT_RECORD)
    services.save_entry(
        occurrence=occurrence_on(record, days_ago(client_user, 2)),
        fields={
            "situation": "Meeting with my manager",
            "alternative_thought": "She asked to help",
            "alternative_belief": 60,
        },
        submit=True,
        moods=[MoodData("Anxious", 85, 40), MoodData("Ashamed", 50, None)],
        thoughts=[ThoughtData("I'm about to be fired")],
    )
    experiment = daily_since(therapist, client_user, 5, Kind.BEHAVIORAL_EXPERIMENT)
    services.save_entry(
        occurrence=occurrence_on(experiment, days_ago(client_user, 2)),
        fields={
            "belief": "If I speak up they will laugh",
            "belief_strength": 80,
            "experiment": "Speak in the team meeting",
            "prediction": "Someone laughs",
            "prediction_confidence": 70,
            "outcome": "Two people nodded",
            "belief_rerating": 35,
        },
        submit=True,
    )
    exposure = daily_since(therapist, client_user, 5, Kind.SKILL_PRACTICE, is_exposure=True)
    services.save_entry(
        occurrence=occurrence_on(exposure, days_ago(client_user, 1)),
        fields={
            "skill": "Taking the lift",
            "what_i_did": "Three floors",
            "is_exposure": True,
            "suds_predicted": 90,
            "suds_peak": 70,
            "suds_end": 30,
        },
        submit=True,
    )
    client.force_login(therapist)
    content = client.get(url(upcoming)).content.decode()
    assert "Anxious 85 → 40 (down 45); Ashamed 50, not re-rated." in content
    assert "80% before, 35% after (down 45)." in content
    assert "Predicted: Someone laughs (70% sure)" in content
    assert "What happened: Two people nodded" in content
    assert "predicted 90, peak 70, end 30 — distress roughly halved" in content


def test_it_shows_the_reflection_on_the_previous_session_and_reading_questions(
    client: Client, therapist: User, client_user: User, previous: Any, upcoming: Any
) -> None:
    reading = daily_since(therapist, client_user, 3, Kind.READING)
    services.save_entry(
        occurrence=occurrence_on(reading, days_ago(client_user, 1)),
        fields={
            "resource_title": "Worry explained",
            "was_read": True,
            "questions": "What is a safety behaviour?",
        },
        submit=True,
    )
    client.force_login(therapist)
    content = client.get(url(upcoming)).content.decode()
    assert "Noticing the pattern" in content
    assert "Is it normal to feel worse first?" in content
    assert "What is a safety behaviour?" in content


def test_it_shows_goal_progress_in_the_period(
    client: Client, therapist: User, client_user: User, previous: Any, upcoming: Any
) -> None:
    goal = services.create_goal(client=client_user, created_by=therapist, text="Go to the gym", rating=2)
    GoalRating.objects.filter(goal=goal).update(rated_at=timezone.now() - timedelta(days=20))
    services.rate_goal(goal=goal, rating=3, rated_by=client_user)
    services.rate_goal(goal=goal, rating=6, rated_by=client_user)
    unrated = services.create_goal(client=client_user, created_by=therapist, text="Call my sister")
    client.force_login(therapist)
    content = client.get(url(upcoming)).content.decode()
    assert "latest 6 out of 10 on" in content
    assert "up 4 from 2 on" in content
    assert f"{unrated.text} <span" in content
    assert "not rated yet" in content


def test_a_not_today_whose_day_a_schedule_change_removed_still_shows_with_its_reason(
    client: Client, therapist: User, client_user: User, previous: Any, upcoming: Any
) -> None:
    today = days_ago(client_user, 0)
    assignment = make_assignment(
        therapist, client_user, Kind.RELAXATION, title="Box breathing", recurrence=Recurrence.ONCE,
        end_date=today + timedelta(days=3),
    )  # fmt: skip
    window = Occurrence.objects.get(assignment=assignment)
    services.skip_today(occurrence=window, reason=NotDoneReason.TOO_HARD, note="Felt flat all day")
    services.update_assignment(assignment=assignment, recurrence=Recurrence.DAILY)
    assert not Occurrence.objects.filter(pk=window.pk).exists()
    client.force_login(therapist)
    content = client.get(url(upcoming)).content.decode()
    assert "Box breathing" in content
    assert "before the schedule changed): It felt too hard — “Felt flat all day”" in content


def test_a_goal_set_in_the_period_and_rated_that_day_is_compared_with_its_starting_rating(
    client: Client, therapist: User, client_user: User, previous: Any, upcoming: Any
) -> None:
    goal = services.create_goal(client=client_user, created_by=therapist, text="Go to the gym", rating=2)
    services.rate_goal(goal=goal, rating=6, rated_by=client_user)
    client.force_login(therapist)
    content = client.get(url(upcoming)).content.decode()
    assert "latest 6 out of 10 on" in content
    assert "up 4 from 2 on" in content


def test_a_goal_rated_before_the_period_only_is_not_said_to_have_no_earlier_rating(
    client: Client, therapist: User, client_user: User, previous: Any, upcoming: Any
) -> None:
    goal = services.create_goal(client=client_user, created_by=therapist, text="Go to the gym", rating=2)
    services.rate_goal(goal=goal, rating=5, rated_by=client_user)
    GoalRating.objects.filter(goal=goal).update(rated_at=timezone.now() - timedelta(days=20))
    client.force_login(therapist)
    content = client.get(url(upcoming)).content.decode()
    assert "not rated again in this period" in content
    assert "no earlier rating to compare" not in content


def test_new_entries_show_private_journals_only_as_done(
    client: Client, therapist: User, client_user: User, previous: Any, upcoming: Any
) -> None:
    journal = make_assignment(therapist, client_user, Kind.JOURNAL)
    services.save_entry(
        occurrence=occurrence_on(journal, days_ago(client_user, 0)),
        fields={"text": SECRET, "prompt": "Anything on your mind", "is_private": True},
        submit=True,
    )
    client.force_login(therapist)
    content = client.get(url(upcoming)).content.decode()
    assert "Private journal entry — done" in content
    assert SECRET not in content


def test_it_says_which_questionnaire_asked_for_is_not_answered_yet_before_the_session(
    client: Client, therapist: User, client_user: User, previous: Any, upcoming: Any
) -> None:
    plan = measure_services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="phq9",
        schedule=Schedule.BEFORE_SESSION,
        starts_on=services.client_today(client_user),
    )
    window = plan.windows.get(closes_at=upcoming.starts_at)
    client.force_login(therapist)
    content = client.get(url(upcoming)).content.decode()
    closes = timezone.localtime(window.closes_at, therapist.zone)
    assert (
        f"<strong>PHQ-9</strong>: asked, not answered yet; open until {closes:%a} {closes.day} {closes:%b, %H:%M}"
        in content
    )
    assert "<strong>GAD-7</strong>: asked" not in content
    gad7 = measure_services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="gad7",
        schedule=Schedule.BEFORE_SESSION,
        starts_on=services.client_today(client_user),
    )
    # Closing sooner, the GAD-7 is still listed after the PHQ-9, as everywhere on the summary.
    gad7.windows.update(closes_at=upcoming.starts_at - timedelta(hours=1))
    content = client.get(url(upcoming)).content.decode()
    assert content.index("<strong>PHQ-9</strong>: asked") < content.index("<strong>GAD-7</strong>: asked")
    gad7.windows.all().delete()
    # Answered: nothing left to remind the client of.
    answer = respond(client_user, "phq9", 8, days_ago=0)
    MeasureResponse.objects.filter(pk=answer.pk).update(window=window, plan=plan)
    assert "asked, not answered yet" not in client.get(url(upcoming)).content.decode()


def test_a_questionnaire_asked_twice_at_once_is_listed_once_and_one_answer_clears_it(
    client: Client, therapist: User, client_user: User, previous: Any, upcoming: Any
) -> None:
    plan = measure_services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="phq9",
        schedule=Schedule.BEFORE_SESSION,
        starts_on=services.client_today(client_user),
    )
    own = plan.windows.get(closes_at=upcoming.starts_at)
    # An "Ask once now" open beside the plan's own window (as if asked before that one opened).
    extra = MeasurePlan.objects.create(
        client=client_user,
        therapist=therapist,
        instrument="phq9",
        schedule=Schedule.ONCE,
        starts_on=services.client_today(client_user),
        extra=True,
    )
    extra.windows.create(
        client=client_user, opens_at=own.opens_at, closes_at=own.closes_at + timedelta(days=3)
    )
    client.force_login(therapist)
    content = client.get(url(upcoming)).content.decode()
    assert content.count("<strong>PHQ-9</strong>: asked, not answered yet") == 1
    measure_services.submit_response(client=client_user, window=extra.windows.get(), answers=[1] * 9)
    own.refresh_from_db()
    assert own.covered_by is not None
    assert "asked, not answered yet" not in client.get(url(upcoming)).content.decode()


def test_it_prints_without_javascript(
    client: Client, therapist: User, client_user: User, upcoming: Any
) -> None:
    client.force_login(therapist)
    content = client.get(url(upcoming)).content.decode()
    assert "Ctrl+P" in content
    assert "sessions_app-dashboard.css" in content
    assert content.index("css/mallard-print.css") < content.index("css/sessions_app-dashboard.css")
    assert "<script>" not in content and "onclick" not in content
    assert content.count("<h1") == 1


def test_a_session_of_another_therapists_client_is_a_404(
    client: Client, therapist: User, other_therapist: User, other_client: User
) -> None:
    theirs = make_session(other_therapist, other_client, in_days=1)
    client.force_login(therapist)
    assert client.get(url(theirs)).status_code == 404


def test_a_session_of_a_former_client_is_a_404(
    client: Client, therapist: User, client_user: User, upcoming: Any
) -> None:
    CareRelationship.objects.filter(client=client_user).update(ended_at=timezone.now())
    client.force_login(therapist)
    assert client.get(url(upcoming)).status_code == 404


def test_clients_are_forbidden(client: Client, client_user: User, upcoming: Any) -> None:
    client.force_login(client_user)
    assert client.get(url(upcoming)).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, upcoming: Any) -> None:
    response = client.get(url(upcoming))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_post_is_refused(client: Client, therapist: User, upcoming: Any) -> None:
    client.force_login(therapist)
    assert client.post(url(upcoming)).status_code == 405


# The user and the two-factor check (middleware), then: the session, the previous one with
# its reflection, the period's worksheets (each with its kind's row) and their moods, not-done
# logs, "not today"s, assignments, goal ratings, goals, questions for the session, the
# questionnaire responses; what was agreed last time (the assignments, their occurrences and
# logs, the decisions); the questionnaires open now; and the one INSERT that records the read in the audit trail. The same
# whatever the client wrote.
SUMMARY_QUERIES = 18


FIELDS: dict[str, dict[str, Any]] = {
    Kind.THOUGHT_RECORD: {"situation": "s"},
    Kind.BEHAVIORAL_EXPERIMENT: {"belief": "b", "belief_strength": 70, "experiment": "e"},
    Kind.SKILL_PRACTICE: {"skill": "s", "what_i_did": "w", "is_exposure": True, "suds_peak": 50},
    Kind.READING: {"resource_title": "r", "was_read": True, "questions": "q?"},
}


def busy_period(therapist: User, person: User, size: int) -> None:
    for n in range(size):
        goal = services.create_goal(client=person, created_by=therapist, text=f"Goal {n}", rating=n % 10)
        services.rate_goal(goal=goal, rating=(n + 1) % 10, rated_by=person)
    for kind in (Kind.THOUGHT_RECORD, Kind.BEHAVIORAL_EXPERIMENT, Kind.SKILL_PRACTICE, Kind.READING):
        assignment = daily_since(therapist, person, 6, kind)
        for n in range(min(size, 6)):
            fields = dict(FIELDS[kind])
            services.save_entry(
                occurrence=occurrence_on(assignment, days_ago(person, n)),
                fields=fields,
                submit=True,
                moods=[MoodData("m", 50, 20)] if kind == Kind.THOUGHT_RECORD else None,
            )
    relax = daily_since(therapist, person, 6, Kind.RELAXATION)
    for n in range(min(size, 6)):
        log_on(relax, days_ago(person, n), LogStatus.NOT_DONE, reason=NotDoneReason.TOO_HARD)
    for n in range(size * 3):
        respond(person, "phq9", 20 - n % 10, days_ago=n, item9=n % 2)
        respond(person, "gad7", 15 - n % 10, days_ago=n)
    # The older item 9 answers are reviewed: the summary lists them with who reviewed them.
    MeasureResponse.objects.filter(
        client=person, item9_positive=True, submitted_at__lt=timezone.now() - timedelta(days=2)
    ).update(item9_reviewed_at=timezone.now(), item9_reviewed_by=therapist)


@pytest.mark.parametrize("size", [1, 6])
def test_its_query_count_does_not_grow_with_the_data(
    client: Client,
    therapist: User,
    client_user: User,
    previous: Any,
    upcoming: Any,
    django_assert_num_queries: AssertQueries,
    size: int,
) -> None:
    busy_period(therapist, client_user, size)
    content = warm_view(client, therapist, url(upcoming), django_assert_num_queries, SUMMARY_QUERIES)
    assert content.count("Not done, logged") == size
    assert "<strong>PHQ-9 20</strong>" in content and "<strong>GAD-7 15</strong>" in content
    assert "not yet marked reviewed" in content
    assert ("reviewed by Alice Adeyemi" in content) == (size > 1)


def test_it_reads_the_same_queries_for_a_client_who_wrote_nothing(
    client: Client,
    therapist: User,
    client_user: User,
    previous: Any,
    upcoming: Any,
    django_assert_num_queries: AssertQueries,
) -> None:
    """No homework, worksheets, moods, goals, ratings, responses or agreements: no read is
    skipped for want of rows, so two clients with different records cost the same."""
    content = warm_view(client, therapist, url(upcoming), django_assert_num_queries, SUMMARY_QUERIES)
    assert "No thought records, experiments or exposures were submitted in this period." in content
    assert 'class="agreement' not in content


def test_it_reads_the_same_queries_with_an_agreement_decided(
    client: Client,
    therapist: User,
    client_user: User,
    previous: Any,
    upcoming: Any,
    django_assert_num_queries: AssertQueries,
) -> None:
    busy_period(therapist, client_user, 6)
    agreed = daily_since(therapist, client_user, 3, Kind.RELAXATION, title="Agreed practice")
    session_services.decide_agreement(
        therapist=therapist, session=upcoming, assignment=agreed, decision=Decision.KEEP
    )
    content = warm_view(client, therapist, url(upcoming), django_assert_num_queries, SUMMARY_QUERIES)
    assert "agreement-decided" in content


def test_a_first_session_skips_only_what_was_agreed_last_time(
    client: Client,
    therapist: User,
    client_user: User,
    upcoming: Any,
    django_assert_num_queries: AssertQueries,
) -> None:
    """Without a held session before it nothing was agreed: the three reads of the agreements
    are left out, whatever the client wrote."""
    busy_period(therapist, client_user, 6)
    content = warm_view(client, therapist, url(upcoming), django_assert_num_queries, SUMMARY_QUERIES - 3)
    assert "no earlier session was held" in content
