"""Domain rules of homework.services: planning, logging, entries, templates, goals."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from homework import services
from homework.library import builtin_templates
from homework.models import (
    Assignment,
    AssignmentStatus,
    ChangeCounter,
    Entry,
    Goal,
    JournalEntry,
    Kind,
    Log,
    LogStatus,
    Mood,
    NotDoneReason,
    Occurrence,
    Recurrence,
    Skip,
    Template,
    ThoughtRecord,
)
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import AuditEntry, User

pytestmark = pytest.mark.django_db


# --- library -------------------------------------------------------------------------------


def test_it_ships_a_builtin_template_for_every_kind() -> None:
    kinds = set(Template.objects.filter(owner__isnull=True).values_list("kind", flat=True))
    assert kinds == set(Kind.values)


def test_it_ships_the_promised_prompt_sets_techniques_and_skills() -> None:
    topics = set(Template.objects.filter(owner__isnull=True).values_list("topic", flat=True))
    assert {"gratitude", "anger", "relationships", "values"} <= topics
    techniques = set(Template.objects.filter(kind=Kind.RELAXATION).values_list("technique", flat=True))
    assert {
        "Paced breathing",
        "Progressive muscle relaxation",
        "Body scan",
        "Guided meditation",
    } <= techniques
    skills = set(Template.objects.filter(kind=Kind.SKILL_PRACTICE).values_list("slug", flat=True))
    assert {"skill-setting-boundaries", "skill-assertive-communication", "skill-graded-exposure"} <= skills
    assert Template.objects.get(slug="skill-graded-exposure").is_exposure


def test_every_builtin_template_answers_what_why_how_long_and_smaller() -> None:
    for entry in builtin_templates():
        for field in ("title", "instructions", "rationale", "smaller_version"):
            assert entry[field].strip(), f"{entry['slug']} lacks {field}"
        assert 1 <= entry["estimated_minutes"] <= 60


# --- planning --------------------------------------------------------------------------------


def test_a_daily_assignment_is_planned_through_the_horizon(therapist: User, client_user: User) -> None:
    assignment = make_assignment(therapist, client_user)
    today = services.client_today(client_user)
    dues = list(assignment.occurrences.values_list("due_date", flat=True))
    assert dues[0] == today
    assert dues[-1] == today + timedelta(days=services.PLANNING_HORIZON_DAYS)
    assert len(dues) == services.PLANNING_HORIZON_DAYS + 1


def test_chosen_weekdays_only_fall_on_those_days(therapist: User, client_user: User) -> None:
    assignment = make_assignment(therapist, client_user, recurrence=Recurrence.WEEKDAYS, weekdays="03")
    assert {d.weekday() for d in assignment.occurrences.values_list("due_date", flat=True)} == {0, 3}


def test_n_times_a_week_gives_n_slots_open_all_week(therapist: User, client_user: User) -> None:
    start = date(2026, 11, 23)  # a Monday
    assignment = make_assignment(
        therapist, client_user, start=start, recurrence=Recurrence.TIMES_PER_WEEK, times_per_week=3
    )
    first_week = assignment.occurrences.filter(due_date=date(2026, 11, 29))
    assert first_week.count() == 3
    assert {o.available_from for o in first_week} == {start}


def test_a_one_off_is_due_on_its_due_date(therapist: User, client_user: User) -> None:
    today = services.client_today(client_user)
    assignment = make_assignment(
        therapist, client_user, recurrence=Recurrence.ONCE, end_date=today + timedelta(days=5)
    )
    occurrence = assignment.occurrences.get()
    assert (occurrence.available_from, occurrence.due_date) == (today, today + timedelta(days=5))


def test_no_occurrence_is_planned_after_the_end_date(therapist: User, client_user: User) -> None:
    today = services.client_today(client_user)
    assignment = make_assignment(therapist, client_user, end_date=today + timedelta(days=2))
    assert assignment.occurrences.count() == 3


def test_an_occurrence_near_midnight_belongs_to_the_clients_local_date(
    therapist: User, client_user: User
) -> None:
    # 03:30 UTC on 27 November is still 22:30 on 26 November in New York.
    with time_machine.travel(datetime(2026, 11, 27, 3, 30, tzinfo=UTC), tick=False):
        assert services.client_today(client_user) == date(2026, 11, 26)
        assignment = make_assignment(therapist, client_user)
        assert assignment.start_date == date(2026, 11, 26)
        assert today_occurrence(assignment).due_date == date(2026, 11, 26)


def test_planning_twice_creates_nothing_new(therapist: User, client_user: User) -> None:
    assignment = make_assignment(therapist, client_user)
    assert services.plan_occurrences(assignment) == 0 or assignment.occurrences.count() == 15
    assert assignment.occurrences.count() == services.PLANNING_HORIZON_DAYS + 1


def test_extend_occurrences_rolls_the_horizon_forward(therapist: User, client_user: User) -> None:
    with time_machine.travel(datetime(2026, 11, 26, 12, tzinfo=UTC), tick=False):
        assignment = make_assignment(therapist, client_user)
    with time_machine.travel(datetime(2026, 12, 3, 12, tzinfo=UTC), tick=False):
        services.extend_occurrences()
    last = assignment.occurrences.order_by("-due_date").first()
    assert last is not None and last.due_date == date(2026, 12, 3) + timedelta(
        days=services.PLANNING_HORIZON_DAYS
    )


def test_you_can_only_assign_to_your_own_clients(therapist: User, other_client: User) -> None:
    with pytest.raises(services.HomeworkError):
        make_assignment(therapist, other_client)
    assert not Assignment.objects.exists()


def test_pausing_removes_untouched_future_occurrences_and_resuming_plans_again(
    therapist: User, client_user: User
) -> None:
    assignment = make_assignment(therapist, client_user)
    services.set_assignment_status(assignment=assignment, status=AssignmentStatus.PAUSED)
    assert not assignment.occurrences.exists()
    services.set_assignment_status(assignment=assignment, status=AssignmentStatus.ACTIVE)
    assert assignment.occurrences.count() == services.PLANNING_HORIZON_DAYS + 1


def test_editing_keeps_logged_and_drafted_occurrences(therapist: User, client_user: User) -> None:
    assignment = make_assignment(therapist, client_user)
    today = today_occurrence(assignment)
    services.log_occurrence(occurrence=today, status=LogStatus.DONE)
    services.update_assignment(assignment=assignment, recurrence=Recurrence.WEEKDAYS, weekdays="5")
    assert Occurrence.objects.filter(pk=today.pk).exists()
    future = assignment.occurrences.exclude(pk=today.pk)
    assert {o.due_date.weekday() for o in future} == {5}


# Wednesday 10 June 2026, noon in New York (carol's zone).
WEDNESDAY_NOON = datetime(2026, 6, 10, 16, 0, tzinfo=UTC)


def test_a_new_schedule_drops_a_drafted_day_it_no_longer_has_and_moves_the_draft(
    therapist: User, client_user: User
) -> None:
    """Daily becomes Fridays: today's (Wednesday's) unlogged occurrence goes although the client
    began a worksheet for it, and the draft, words and all, moves to the first Friday."""
    with time_machine.travel(WEDNESDAY_NOON, tick=False):
        assignment = make_assignment(therapist, client_user)
        today = today_occurrence(assignment)
        draft = services.save_entry(occurrence=today, fields={"situation": "Lunch queue"}, submit=False)
        services.update_assignment(assignment=assignment, recurrence=Recurrence.WEEKDAYS, weekdays="4")
        assert not Occurrence.objects.filter(pk=today.pk).exists()
        assert {o.due_date.weekday() for o in assignment.occurrences.all()} == {4}
        moved = ThoughtRecord.objects.select_related("occurrence").get(pk=draft.pk)
        assert (moved.situation, moved.is_draft) == ("Lunch queue", True)
        assert moved.occurrence.due_date == date(2026, 6, 12)


def test_a_new_schedule_drops_a_weekly_slot_said_not_today_to(therapist: User, client_user: User) -> None:
    """Three a week becomes every day: the week's slot the client said "not today" to is not a
    day of the new schedule, so it goes instead of lingering all week; its "not today" stays."""
    with time_machine.travel(WEDNESDAY_NOON, tick=False):
        assignment = make_assignment(
            therapist, client_user, recurrence=Recurrence.TIMES_PER_WEEK, times_per_week=3
        )
        slot = assignment.occurrences.order_by("due_date", "slot").first()
        assert slot is not None and slot.available_from < slot.due_date
        skip = services.skip_today(occurrence=slot, reason=NotDoneReason.NO_TIME)
        services.update_assignment(assignment=assignment, recurrence=Recurrence.DAILY)
        assert not Occurrence.objects.filter(pk=slot.pk).exists()
        # The client's "not today" is their record: it stays, with its assignment, day and reason.
        kept = Skip.objects.get(pk=skip.pk)
        assert (kept.occurrence_id, kept.assignment_id, kept.day, kept.reason) == (
            None,
            assignment.pk,
            date(2026, 6, 10),
            NotDoneReason.NO_TIME,
        )
        assert all(o.available_from == o.due_date for o in assignment.occurrences.all())
        assert assignment.occurrences.filter(due_date=date(2026, 6, 10)).count() == 1


def test_a_new_schedule_marks_the_past_days_it_no_longer_has_and_keeps_them(
    therapist: User, client_user: User
) -> None:
    """Daily since Monday 1 June becomes Monday, Wednesday and Friday on Wednesday 10 June: the
    past Tuesdays, Thursday and weekend not logged stay, marked as left out; the logged Tuesday
    and the days the schedule still has are not. Changing back takes the marks away."""
    with time_machine.travel(WEDNESDAY_NOON, tick=False):
        assignment = make_assignment(therapist, client_user, start=date(2026, 6, 1))
        logged = assignment.occurrences.get(due_date=date(2026, 6, 2))
        services.log_occurrence(occurrence=logged, status=LogStatus.DONE)
        services.update_assignment(assignment=assignment, recurrence=Recurrence.WEEKDAYS, weekdays="024")
        past = assignment.occurrences.filter(due_date__lt=date(2026, 6, 10))
        assert past.count() == 9
        left = {o.due_date.day: o.left_schedule_on for o in past if o.left_schedule_on is not None}
        assert left == dict.fromkeys((4, 6, 7, 9), date(2026, 6, 10))
        services.update_assignment(assignment=assignment, recurrence=Recurrence.DAILY, weekdays="")
        assert not assignment.occurrences.filter(left_schedule_on__isnull=False).exists()


def test_a_change_of_wording_leaves_the_past_days_as_they_were(therapist: User, client_user: User) -> None:
    with time_machine.travel(WEDNESDAY_NOON, tick=False):
        assignment = make_assignment(therapist, client_user, start=date(2026, 6, 1))
        services.update_assignment(assignment=assignment, title="Thought record, after lunch")
        services.set_assignment_status(assignment=assignment, status=AssignmentStatus.PAUSED)
        services.set_assignment_status(assignment=assignment, status=AssignmentStatus.ACTIVE)
        assert not assignment.occurrences.filter(left_schedule_on__isnull=False).exists()
        assert assignment.occurrences.filter(due_date__lt=date(2026, 6, 10)).count() == 9


def test_a_change_that_keeps_the_days_keeps_drafted_occurrences(therapist: User, client_user: User) -> None:
    assignment = make_assignment(therapist, client_user)
    today = today_occurrence(assignment)
    services.save_entry(occurrence=today, fields={"situation": "Lunch queue"}, submit=False)
    services.update_assignment(assignment=assignment, title="Thought record, after lunch")
    assert Entry.objects.get().occurrence_id == today.pk


def test_archiving_keeps_the_history(therapist: User, client_user: User) -> None:
    start = services.client_today(client_user) - timedelta(days=3)
    assignment = make_assignment(therapist, client_user, start=start)
    services.set_assignment_status(assignment=assignment, status=AssignmentStatus.ARCHIVED)
    assert set(assignment.occurrences.values_list("due_date", flat=True)) == {
        start + timedelta(days=i) for i in range(3)
    }


# --- logs --------------------------------------------------------------------------------------


def test_logging_twice_updates_the_one_log(assignment: Assignment) -> None:
    occurrence = today_occurrence(assignment)
    services.log_occurrence(occurrence=occurrence, status=LogStatus.NOT_DONE, reason=NotDoneReason.FORGOT)
    services.log_occurrence(occurrence=occurrence, status=LogStatus.SMALLER, minutes_spent=5, helpfulness=7)
    log = Log.objects.get()
    assert (log.status, log.reason, log.minutes_spent, log.helpfulness) == (LogStatus.SMALLER, "", 5, 7)


def test_finishing_a_worksheet_keeps_the_note_logged_before_it(therapist: User, client_user: User) -> None:
    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.JOURNAL))
    services.log_occurrence(occurrence=occurrence, status=LogStatus.PARTLY, note="Wrote on the bus")
    services.save_entry(occurrence=occurrence, fields={"prompt": "p", "text": "t"}, submit=True)
    log = Log.objects.get(occurrence=occurrence)
    assert (log.status, log.note) == (LogStatus.DONE, "Wrote on the bus")


def test_not_done_needs_a_reason(assignment: Assignment) -> None:
    with pytest.raises(services.HomeworkError):
        services.log_occurrence(occurrence=today_occurrence(assignment), status=LogStatus.NOT_DONE)
    assert not Log.objects.exists()


def test_the_database_allows_one_log_per_occurrence(assignment: Assignment) -> None:
    occurrence = today_occurrence(assignment)
    services.log_occurrence(occurrence=occurrence, status=LogStatus.DONE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Log.objects.create(
            occurrence=occurrence, assignment=assignment, client=assignment.client, status=LogStatus.DONE
        )


@pytest.mark.parametrize(
    ("field", "value"),
    [("helpfulness", 11), ("minutes_spent", 1441)],
)
def test_the_database_rejects_log_ratings_out_of_range(
    assignment: Assignment, field: str, value: int
) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Log.objects.create(
            occurrence=today_occurrence(assignment),
            assignment=assignment,
            client=assignment.client,
            status=LogStatus.DONE,
            **{field: value},
        )


def test_the_database_rejects_not_done_without_a_reason(assignment: Assignment) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Log.objects.create(
            occurrence=today_occurrence(assignment),
            assignment=assignment,
            client=assignment.client,
            status=LogStatus.NOT_DONE,
        )


# --- entries ---------------------------------------------------------------------------------------


def test_a_thought_record_saved_as_draft_then_submitted_keeps_one_entry_and_logs(
    assignment: Assignment,
) -> None:
    occurrence = today_occurrence(assignment)
    services.save_entry(
        occurrence=occurrence,
        fields={"situation": "Meeting at work"},
        submit=False,
        moods=[services.MoodData("Anxious", 80)],
        thoughts=[services.ThoughtData("They'll think I'm stupid")],
    )
    assert not Log.objects.exists()
    record = ThoughtRecord.objects.get()
    assert record.is_draft and record.hot_thought is not None

    services.save_entry(
        occurrence=occurrence,
        fields={"alternative_thought": "People ask questions all the time", "alternative_belief": 60},
        submit=True,
        outcome=services.Outcome(status=LogStatus.DONE, minutes_spent=15, helpfulness=8),
        moods=[services.MoodData("Anxious", 80, 40)],
    )
    record = ThoughtRecord.objects.get()
    assert not record.is_draft and record.situation == "Meeting at work"
    assert [m.change for m in record.moods.all()] == [-40]
    assert Log.objects.get().status == LogStatus.DONE
    assert "stupid" in record.search_text


def test_an_occurrence_a_replan_removed_meanwhile_is_refused_not_a_database_error(
    assignment: Assignment,
) -> None:
    occurrence = today_occurrence(assignment)  # the page was opened before the therapist's edit
    not_today = str((occurrence.due_date.weekday() + 1) % 7)
    services.update_assignment(assignment=assignment, recurrence=Recurrence.WEEKDAYS, weekdays=not_today)
    assert not Occurrence.objects.filter(pk=occurrence.pk).exists()
    with pytest.raises(services.HomeworkError):
        services.save_entry(occurrence=occurrence, fields={"situation": "x"}, submit=False)
    with pytest.raises(services.HomeworkError):
        services.log_occurrence(occurrence=occurrence, status=LogStatus.DONE)
    assert not Entry.objects.exists()
    assert not Log.objects.exists()


def _writes(client: User) -> tuple[int, int]:
    """The client's counted homework changes and the audit trail's changes so far."""
    counted = ChangeCounter.objects.filter(client_id=client.pk).values_list("changes", flat=True).first()
    return counted or 0, AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE).count()


def test_saving_an_entry_writes_its_row_once(assignment: Assignment) -> None:
    occurrence = today_occurrence(assignment)
    changes, audited = _writes(assignment.client)
    entry = services.save_entry(
        occurrence=occurrence,
        fields={"situation": "At work"},
        submit=False,
        moods=[services.MoodData("Anxious", 80)],
        thoughts=[services.ThoughtData("They'll think I'm stupid")],
    )
    # The entry's INSERT, one mood and one thought; no UPDATE to fill in the search text.
    assert _writes(assignment.client) == (changes + 1, audited)
    assert "Anxious" in entry.search_text and "stupid" in entry.search_text

    changes, audited = _writes(assignment.client)
    with CaptureQueriesContext(connection) as queries:
        services.save_entry(
            occurrence=occurrence, fields={"situation": "At work, in the meeting"}, submit=False
        )
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('UPDATE "homework_entry"')]
    assert len(updates) == 1
    assert _writes(assignment.client) == (changes + 1, audited + 1)
    record = ThoughtRecord.objects.get(pk=entry.pk)
    assert "in the meeting" in record.search_text and "stupid" in record.search_text


def test_only_one_thought_can_be_hot(assignment: Assignment) -> None:
    with pytest.raises(services.HomeworkError):
        services.save_entry(
            occurrence=today_occurrence(assignment),
            fields={"situation": "x"},
            submit=False,
            thoughts=[services.ThoughtData("a", True), services.ThoughtData("b", True)],
        )
    assert not Entry.objects.exists()


def test_the_database_rejects_a_mood_above_100(assignment: Assignment) -> None:
    entry = services.save_entry(
        occurrence=today_occurrence(assignment), fields={"situation": "x"}, submit=False
    )
    record = ThoughtRecord.objects.get(pk=entry.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        Mood.objects.create(record=record, name="Sad", intensity=101)


def test_only_journal_entries_can_be_private(
    assignment: Assignment, therapist: User, client_user: User
) -> None:
    entry = services.save_entry(
        occurrence=today_occurrence(assignment), fields={"situation": "x", "is_private": True}, submit=False
    )
    assert not entry.is_private
    journal = make_assignment(therapist, client_user, Kind.JOURNAL)
    entry = services.save_entry(
        occurrence=today_occurrence(journal),
        fields={"prompt": journal.prompt, "text": "Dear diary", "is_private": True},
        submit=True,
    )
    assert JournalEntry.objects.get(pk=entry.pk).is_private


def test_feedback_is_recorded_with_its_author(assignment: Assignment, therapist: User) -> None:
    entry = services.save_entry(
        occurrence=today_occurrence(assignment), fields={"situation": "x"}, submit=True
    )
    services.leave_feedback(therapist=therapist, entry=entry, text="Great noticing.")
    entry.refresh_from_db()
    assert (entry.feedback, entry.feedback_by) == ("Great noticing.", therapist)
    assert entry.feedback_at is not None


# --- templates and goals -------------------------------------------------------------------------------


def test_a_copied_template_belongs_to_the_therapist(therapist: User) -> None:
    builtin = Template.objects.get(slug="journal-values")
    copy = services.copy_template(therapist=therapist, template=builtin)
    assert (copy.owner, copy.copied_from, copy.prompt, copy.slug) == (
        therapist,
        builtin,
        builtin.prompt,
        None,
    )


def test_builtin_templates_cannot_be_edited(therapist: User) -> None:
    builtin = Template.objects.get(slug="journal-values")
    with pytest.raises(services.HomeworkError):
        services.update_template(template=builtin, title="Mine now")
    builtin.refresh_from_db()
    assert builtin.title == "What matters to me"


def test_goal_progress_is_kept_over_time(therapist: User, client_user: User) -> None:
    with time_machine.travel(datetime(2026, 12, 1, 12, 0, tzinfo=UTC), tick=False):
        goal = services.create_goal(client=client_user, created_by=therapist, text="Sleep by 23:00", rating=2)
    with time_machine.travel(datetime(2026, 12, 2, 12, 0, tzinfo=UTC), tick=False):
        _, replaced = services.rate_goal(goal=goal, rating=5, rated_by=client_user)
    assert not replaced
    assert list(Goal.objects.get().ratings.values_list("rating", flat=True)) == [2, 5]
    # Later the same day (in the client's zone), a second rating replaces the day's first.
    with time_machine.travel(datetime(2026, 12, 2, 23, 0, tzinfo=UTC), tick=False):
        rating, replaced = services.rate_goal(goal=goal, rating=6, note="Better", rated_by=client_user)
    assert replaced
    assert list(Goal.objects.get().ratings.values_list("rating", "note")) == [(2, ""), (6, "Better")]
    assert rating.rated_at == datetime(2026, 12, 2, 23, 0, tzinfo=UTC)
    with pytest.raises(IntegrityError), transaction.atomic():
        services.rate_goal(goal=goal, rating=11, rated_by=client_user)


def test_schedule_text_reads_naturally(therapist: User, client_user: User) -> None:
    assignment = make_assignment(
        therapist, client_user, recurrence=Recurrence.WEEKDAYS, weekdays="024", preferred_time=time(20, 0)
    )
    assert assignment.schedule_text == "Monday, Wednesday and Friday at 20:00"


def test_an_entry_cannot_be_finished_without_its_core_answers(therapist: User, client_user: User) -> None:
    relaxation = make_assignment(therapist, client_user, Kind.RELAXATION)
    occurrence = today_occurrence(relaxation)
    services.save_entry(occurrence=occurrence, fields={"technique": "Body scan"}, submit=False)
    with pytest.raises(services.HomeworkError):
        services.save_entry(occurrence=occurrence, fields={}, submit=True)
    assert Entry.objects.get().is_draft
    assert not Log.objects.exists()
