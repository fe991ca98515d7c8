"""One-off assignments after their due day: how they read for the therapist and the client."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import time_machine
from django.test import Client

from homework import services
from homework.exports import homework_report, homework_section
from homework.models import (
    Assignment,
    AssignmentStatus,
    Kind,
    Log,
    LogStatus,
    NotDoneReason,
    Occurrence,
    OneOff,
    OneOffState,
    ReadingReflection,
    Recurrence,
)
from homework.selectors.therapist import AssignmentRow, client_homework
from homework.tests.conftest import make_assignment
from mallard.exports import Words
from mallard.models import User

LONDON = ZoneInfo("Europe/London")
# Thursday 10 December 2026, noon in London.
NOW = datetime(2026, 12, 10, 12, 0, tzinfo=LONDON)
TODAY = date(2026, 12, 10)


def _state(**fields: object) -> OneOffState:
    base: dict[str, object] = {"opens": date(2026, 12, 1), "due": date(2026, 12, 4), "today": TODAY}
    base.update(fields)
    return OneOffState(**base)  # type: ignore[arg-type]


# --- The derived state ------------------------------------------------------------------------


def test_a_one_off_logged_done_reads_done_on_the_day_it_was_logged() -> None:
    state = _state(log_status=LogStatus.DONE, logged_on=date(2026, 12, 3))
    assert state.state == OneOff.DONE
    assert state.text == "Done on 3 December"
    assert not state.is_outstanding
    assert state.needs_decision


def test_the_smaller_version_and_partly_say_so() -> None:
    assert _state(log_status=LogStatus.SMALLER, logged_on=date(2026, 12, 3)).text == (
        "Done (the smaller version) on 3 December"
    )
    assert (
        _state(log_status=LogStatus.PARTLY, logged_on=date(2026, 12, 3)).text == "Partly done on 3 December"
    )


def test_past_its_due_day_and_not_logged_it_is_overdue_since_its_due_day() -> None:
    state = _state()
    assert state.state == OneOff.OVERDUE
    assert state.text == "Overdue since 4 December"
    assert state.is_outstanding


def test_a_not_done_reads_as_the_clients_reason_and_is_not_overdue() -> None:
    state = _state(log_status=LogStatus.NOT_DONE, reason=NotDoneReason.FORGOT, logged_on=TODAY)
    assert state.text == "Not done: I forgot"
    assert not state.is_outstanding
    assert state.needs_decision


def test_before_and_on_its_due_day_it_is_open() -> None:
    assert _state(due=date(2026, 12, 12)).text == "Due by Saturday 12 December"
    assert _state(due=TODAY).state == OneOff.DUE_TODAY
    assert _state(opens=date(2026, 12, 14), due=date(2026, 12, 18)).state == OneOff.UPCOMING
    assert not _state(due=date(2026, 12, 12)).needs_decision


def test_an_ended_one_off_is_never_overdue() -> None:
    state = _state(ended=True)
    assert state.state == OneOff.NOT_LOGGED
    assert state.text == "Not logged (due by 4 December)"
    assert not state.is_outstanding
    assert not state.needs_decision
    assert not _state(ended=True, log_status=LogStatus.DONE, logged_on=TODAY).needs_decision


def test_another_year_is_named() -> None:
    assert _state(due=date(2025, 12, 30)).text == "Overdue since 30 December 2025"


def test_a_recurring_assignment_has_no_one_off_state(therapist: User, client_user: User) -> None:
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL)
    assert assignment.one_off_state(TODAY) is None


# --- One query reads it, for every page that lists assignments -----------------------------------


def _one_off(therapist: User, client_user: User, *, due: date = date(2026, 12, 4)) -> Assignment:
    with time_machine.travel(datetime(2026, 12, 1, 9, 0, tzinfo=LONDON), tick=False):
        return make_assignment(
            therapist,
            client_user,
            Kind.READING,
            start=date(2026, 12, 1),
            recurrence=Recurrence.ONCE,
            end_date=due,
        )


def _log(assignment: Assignment, status: LogStatus, when: datetime, **extra: Any) -> Log:
    occurrence = Occurrence.objects.get(assignment=assignment)
    with time_machine.travel(when, tick=False):
        return services.log_occurrence(occurrence=occurrence, status=status, **extra)


def _row(therapist: User, client_user: User, assignment: Assignment) -> AssignmentRow:
    with time_machine.travel(NOW, tick=False):
        page = client_homework(therapist, client_user)
    return next(
        row for group in page.groups for row in group.assignments if row.assignment.pk == assignment.pk
    )


def _shown(therapist: User, client_user: User, assignment: Assignment) -> OneOffState:
    one_off = _row(therapist, client_user, assignment).one_off
    assert one_off is not None
    return one_off


def test_the_homework_page_reads_a_logged_one_off_as_done(therapist: User, client_user: User) -> None:
    assignment = _one_off(therapist, client_user)
    _log(assignment, LogStatus.DONE, datetime(2026, 12, 3, 21, 0, tzinfo=LONDON))
    row = _row(therapist, client_user, assignment)
    assert row.assignment.status == AssignmentStatus.ACTIVE  # rows are the truth: nothing changed it
    assert row.one_off is not None
    assert row.one_off.text == "Done on 3 December"


def test_the_day_logged_is_the_clients_own(therapist: User, client_user: User) -> None:
    client_user.time_zone = "America/New_York"
    client_user.save(update_fields=["time_zone"])
    assignment = _one_off(therapist, client_user)
    # 02:00 on 4 December in London is still 3 December in New York.
    _log(assignment, LogStatus.DONE, datetime(2026, 12, 4, 2, 0, tzinfo=LONDON))
    assert _shown(therapist, client_user, assignment).text == "Done on 3 December"


def test_the_homework_page_reads_an_unlogged_one_off_as_overdue(therapist: User, client_user: User) -> None:
    assignment = _one_off(therapist, client_user)
    state = _shown(therapist, client_user, assignment)
    assert state.text == "Overdue since 4 December"
    assert state.is_outstanding


def test_the_homework_page_reads_not_done_with_the_reason(therapist: User, client_user: User) -> None:
    assignment = _one_off(therapist, client_user)
    _log(
        assignment,
        LogStatus.NOT_DONE,
        datetime(2026, 12, 5, 9, 0, tzinfo=LONDON),
        reason=NotDoneReason.NO_TIME,
    )
    assert _shown(therapist, client_user, assignment).text == "Not done: I didn't have time"


def test_a_new_due_date_opens_it_again(therapist: User, client_user: User) -> None:
    assignment = _one_off(therapist, client_user)
    with time_machine.travel(NOW, tick=False):
        services.update_assignment(assignment=assignment, end_date=date(2026, 12, 14))
    state = _shown(therapist, client_user, assignment)
    assert state.text == "Due by Monday 14 December"
    assert not state.needs_decision


def test_a_new_due_date_gives_an_overdue_one_off_more_time_and_leaves_no_missed_day(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = _one_off(therapist, client_user)  # due Friday 4 December, not logged
    with time_machine.travel(datetime(2026, 12, 3, 20, 0, tzinfo=LONDON), tick=False):
        services.skip_today(
            occurrence=Occurrence.objects.get(assignment=assignment), reason=NotDoneReason.NO_TIME
        )
    assert _row(therapist, client_user, assignment).adherence.not_logged == 1
    with time_machine.travel(NOW, tick=False):
        services.update_assignment(assignment=assignment, end_date=date(2026, 12, 14))
    (occurrence,) = Occurrence.objects.filter(assignment=assignment)  # one piece of homework, moved
    assert (occurrence.available_from, occurrence.due_date) == (date(2026, 12, 1), date(2026, 12, 14))
    assert occurrence.left_schedule_on is None and occurrence.skips.count() == 1  # its "not today" moves too
    row = _row(therapist, client_user, assignment)
    assert row.one_off is not None and row.one_off.text == "Due by Monday 14 December"
    assert (row.adherence.due, row.adherence.not_logged) == (0, 0)
    assert "Not logged" not in _page(client, client_user, f"/homework/{assignment.pk}/")

    # Logged done early, it reads done, with nothing missed beside it.
    _log(assignment, LogStatus.DONE, datetime(2026, 12, 11, 9, 0, tzinfo=LONDON))
    with time_machine.travel(datetime(2026, 12, 11, 10, 0, tzinfo=LONDON), tick=False):
        row = next(
            r
            for group in client_homework(therapist, client_user).groups
            for r in group.assignments
            if r.assignment.pk == assignment.pk
        )
    assert row.one_off is not None and row.one_off.text == "Done on 11 December"
    assert row.adherence.not_logged == 0


def test_a_new_due_date_after_not_done_keeps_the_answer_and_opens_a_new_day(
    therapist: User, client_user: User
) -> None:
    assignment = _one_off(therapist, client_user)
    _log(
        assignment,
        LogStatus.NOT_DONE,
        datetime(2026, 12, 4, 20, 0, tzinfo=LONDON),
        reason=NotDoneReason.NO_TIME,
    )
    with time_machine.travel(NOW, tick=False):
        services.update_assignment(assignment=assignment, end_date=date(2026, 12, 14))
    days = list(Occurrence.objects.filter(assignment=assignment).order_by("due_date"))
    assert [(d.due_date, hasattr(d, "log")) for d in days] == [
        (date(2026, 12, 4), True),
        (date(2026, 12, 14), False),
    ]


def _reading_done(client: Client, client_user: User, assignment: Assignment, when: datetime) -> None:
    """The client finishes the reading's worksheet at ``when``: it is logged done, with its entry."""
    occurrence = Occurrence.objects.get(assignment=assignment)
    with time_machine.travel(when, tick=False):
        client.force_login(client_user)
        response = client.post(
            f"/homework/occurrences/{occurrence.pk}/entry/",
            {"was_read": "yes", "takeaways": "Avoidance feeds fear", "action": "finish"},
        )
    assert response.status_code == 302


def test_a_new_due_date_keeps_a_done_one_off_done_with_its_entry(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = _one_off(therapist, client_user)
    _reading_done(client, client_user, assignment, datetime(2026, 12, 3, 21, 0, tzinfo=LONDON))
    entry = ReadingReflection.objects.get(assignment=assignment)
    with time_machine.travel(NOW, tick=False):
        services.update_assignment(assignment=assignment, end_date=date(2026, 12, 14))
    (occurrence,) = Occurrence.objects.filter(assignment=assignment)  # nothing new to do
    assert occurrence.due_date == date(2026, 12, 14)
    assert occurrence.log.status == LogStatus.DONE
    entry.refresh_from_db()
    assert entry.occurrence_id == occurrence.pk and not entry.is_draft
    assert _shown(therapist, client_user, assignment).text == "Done on 3 December"
    content = _page(client, client_user, "/today/")
    assert assignment.title not in content  # not due again
    assert "Done on 3 December" in _page(client, client_user, f"/homework/{assignment.pk}/")


def test_a_new_earlier_due_date_keeps_it_done_too(therapist: User, client_user: User) -> None:
    assignment = _one_off(therapist, client_user, due=date(2026, 12, 12))
    _log(assignment, LogStatus.PARTLY, datetime(2026, 12, 10, 9, 0, tzinfo=LONDON))
    with time_machine.travel(NOW, tick=False):
        services.update_assignment(assignment=assignment, end_date=date(2026, 12, 11))
    assert Occurrence.objects.filter(assignment=assignment).count() == 1
    assert _shown(therapist, client_user, assignment).text == "Partly done on 10 December"


def test_the_edit_page_says_a_done_one_off_stays_done(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = _one_off(therapist, client_user)
    _log(assignment, LogStatus.DONE, datetime(2026, 12, 3, 21, 0, tzinfo=LONDON))
    content = _page(client, therapist, f"/assignments/{assignment.pk}/edit/")
    assert "Done on 3 December." in content
    assert "A new due date keeps it done" in content


def test_the_edit_page_of_an_overdue_one_off_says_nothing_of_done(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = _one_off(therapist, client_user)
    content = _page(client, therapist, f"/assignments/{assignment.pk}/edit/")
    assert "A new due date keeps it done" not in content


def test_a_recurring_assignment_row_has_no_one_off_state(therapist: User, client_user: User) -> None:
    with time_machine.travel(NOW, tick=False):
        assignment = make_assignment(therapist, client_user, Kind.JOURNAL)
    assert _row(therapist, client_user, assignment).one_off is None


# --- The therapist's homework page -------------------------------------------------------------


def _page(client: Client, person: User, path: str, *, at: datetime = NOW) -> str:
    """The page as ``person`` sees it at ``at`` (signed in then: a sign-in has a time limit)."""
    with time_machine.travel(at, tick=False):
        client.force_login(person)
        response = client.get(path)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_the_homework_page_says_done_and_offers_mark_completed_first(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = _one_off(therapist, client_user)
    _log(assignment, LogStatus.DONE, datetime(2026, 12, 3, 21, 0, tzinfo=LONDON))
    content = _page(client, therapist, f"/clients/{client_user.pk}/homework/")
    assert "Done on 3 December" in content
    assert "Mark it completed to close it." in content
    assert (
        f'<button class="btn btn-sm btn-primary" type="submit">Mark completed'
        f'<span class="visually-hidden"> {assignment.title}</span>'
    ) in content


def test_the_homework_page_says_overdue_and_offers_a_new_due_date(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = _one_off(therapist, client_user)
    content = _page(client, therapist, f"/clients/{client_user.pk}/homework/")
    assert "Overdue since 4 December" in content
    edit = f"/assignments/{assignment.pk}/edit/?next=/clients/{client_user.pk}/homework/#id_end_date"
    assert f'href="{edit}">Give it a new due date' in content
    assert 'btn-primary" type="submit">Mark completed' not in content


def test_one_click_marks_a_done_one_off_completed(client: Client, therapist: User, client_user: User) -> None:
    assignment = _one_off(therapist, client_user)
    _log(assignment, LogStatus.DONE, datetime(2026, 12, 3, 21, 0, tzinfo=LONDON))
    with time_machine.travel(NOW, tick=False):
        client.force_login(therapist)
        response = client.post(f"/assignments/{assignment.pk}/status/", {"action": "complete"})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.COMPLETED
    content = _page(client, therapist, f"/clients/{client_user.pk}/homework/")
    assert "Done on 3 December" in content
    assert "Mark it completed to close it." not in content


def test_a_one_off_done_before_the_14_days_still_reads_done(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = _one_off(therapist, client_user)
    _log(assignment, LogStatus.DONE, datetime(2026, 12, 3, 21, 0, tzinfo=LONDON))
    at = datetime(2027, 1, 20, 12, 0, tzinfo=LONDON)
    content = _page(client, therapist, f"/clients/{client_user.pk}/homework/", at=at)
    assert "Done on 3 December 2026" in content


# --- The client's pages ------------------------------------------------------------------------


def test_the_clients_assignment_page_reads_done_not_active(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = _one_off(therapist, client_user)
    _log(assignment, LogStatus.DONE, datetime(2026, 12, 3, 21, 0, tzinfo=LONDON))
    content = _page(client, client_user, f"/homework/{assignment.pk}/")
    assert "Reading and psychoeducation · Done on 3 December · from" in content
    assert "no more reminders will come" in content
    assert "· Active ·" not in content


def test_the_clients_assignment_page_lists_a_one_off_due_long_ago(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = _one_off(therapist, client_user)
    at = datetime(2027, 2, 1, 12, 0, tzinfo=LONDON)
    content = _page(client, client_user, f"/homework/{assignment.pk}/", at=at)
    assert "Overdue since 4 December 2026" in content
    assert "This was due by Friday 4 December" in content
    assert "Nothing was due in the last four weeks." not in content
    occurrence = Occurrence.objects.get(assignment=assignment)
    assert f'href="/homework/occurrences/{occurrence.pk}/log/' in content  # it can still be logged late


def test_today_says_when_an_overdue_one_off_was_due(
    client: Client, therapist: User, client_user: User
) -> None:
    _one_off(therapist, client_user)
    content = _page(client, client_user, "/today/")
    assert "Overdue since 4 December, still open" in content
    assert "Still open from the past week" in content


# Sunday 20 December 2026: sixteen days after the one-off's due day, past Today's week for other days.
WEEKS_LATER = datetime(2026, 12, 20, 12, 0, tzinfo=LONDON)


def test_today_keeps_a_one_off_overdue_until_it_is_logged(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = _one_off(therapist, client_user)
    occurrence = Occurrence.objects.get(assignment=assignment)
    content = _page(client, client_user, "/today/", at=WEEKS_LATER)
    assert "Still open from earlier days" in content
    assert "Overdue since 4 December, still open" in content
    assert f'action="/homework/occurrences/{occurrence.pk}/log/"' in content
    # The therapist's pages and the client's assignment page say the same.
    assert "Overdue since 4 December" in _page(
        client, therapist, f"/clients/{client_user.pk}/homework/", at=WEEKS_LATER
    )
    page = _page(client, client_user, f"/homework/{assignment.pk}/", at=WEEKS_LATER)
    assert "Overdue since 4 December" in page
    assert f'href="/homework/occurrences/{occurrence.pk}/entry/"' in page  # its worksheet, as on Today


def test_a_one_off_logged_weeks_late_is_logged_today_and_then_leaves(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = _one_off(therapist, client_user)
    _log(assignment, LogStatus.DONE, WEEKS_LATER)
    content = _page(client, client_user, "/today/", at=WEEKS_LATER)
    assert "Done on 20 December" in content
    assert "still open" not in content
    tomorrow = datetime(2026, 12, 21, 12, 0, tzinfo=LONDON)
    assert assignment.title not in _page(client, client_user, "/today/", at=tomorrow)


def test_an_ended_one_off_leaves_today(client: Client, therapist: User, client_user: User) -> None:
    archived = _one_off(therapist, client_user)
    completed = _one_off(therapist, client_user)
    Assignment.objects.filter(pk=archived.pk).update(status=AssignmentStatus.ARCHIVED)
    Assignment.objects.filter(pk=completed.pk).update(status=AssignmentStatus.COMPLETED)
    content = _page(client, client_user, "/today/", at=WEEKS_LATER)
    assert "Overdue since" not in content


def test_a_daily_day_still_leaves_today_after_a_week(
    client: Client, therapist: User, client_user: User
) -> None:
    with time_machine.travel(datetime(2026, 12, 1, 9, 0, tzinfo=LONDON), tick=False):
        make_assignment(
            therapist, client_user, Kind.JOURNAL, start=date(2026, 12, 1), end_date=date(2026, 12, 4)
        )
    content = _page(client, client_user, "/today/", at=WEEKS_LATER)
    assert "Still open from" not in content


def test_today_reads_a_one_off_logged_done_late_as_done(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = _one_off(therapist, client_user)
    _log(assignment, LogStatus.DONE, datetime(2026, 12, 10, 11, 0, tzinfo=LONDON))
    content = _page(client, client_user, "/today/")
    assert "Done on 10 December" in content
    assert "still open" not in content


def test_today_reads_a_one_off_logged_done_early_as_done(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = _one_off(therapist, client_user, due=date(2026, 12, 12))
    _log(assignment, LogStatus.PARTLY, datetime(2026, 12, 10, 11, 0, tzinfo=LONDON))
    content = _page(client, client_user, "/today/")
    assert "Partly done on 10 December" in content
    assert "Any day until" not in content


def test_today_dates_a_one_off_logged_not_done_without_calling_it_open(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = _one_off(therapist, client_user)
    _log(
        assignment,
        LogStatus.NOT_DONE,
        datetime(2026, 12, 10, 11, 0, tzinfo=LONDON),
        reason=NotDoneReason.FORGOT,
    )
    content = _page(client, client_user, "/today/")
    assert "Was due by Friday 4 December" in content
    assert "still open" not in content


def test_today_says_due_by_for_a_one_off_logged_not_done_before_its_due_day(
    client: Client, therapist: User, client_user: User
) -> None:
    """Logged "not done" on Thursday, due on Saturday: the day has not passed, so it is not "was due"."""
    assignment = _one_off(therapist, client_user, due=date(2026, 12, 12))
    _log(
        assignment,
        LogStatus.NOT_DONE,
        datetime(2026, 12, 10, 11, 0, tzinfo=LONDON),
        reason=NotDoneReason.FORGOT,
    )
    content = _page(client, client_user, "/today/")
    assert "Due by Saturday 12 December" in content
    assert "Was due by" not in content


# --- The export's printable report -------------------------------------------------------------


def _report_status(client_user: User, title: str) -> str:
    with time_machine.travel(NOW, tick=False):
        data = homework_section(client_user, viewer=client_user)
        parts = homework_report(data, words=Words(zone=client_user.zone), own=True)
    item = next(item for part in parts for item in part.items if item.title == title)
    return next(fact.text for fact in item.facts if fact.label == "Status")


def test_the_report_says_where_a_one_off_stands(therapist: User, client_user: User) -> None:
    done = _one_off(therapist, client_user)
    _log(done, LogStatus.DONE, datetime(2026, 12, 3, 21, 0, tzinfo=LONDON))
    with time_machine.travel(datetime(2026, 12, 1, 9, 0, tzinfo=LONDON), tick=False):
        make_assignment(
            therapist,
            client_user,
            Kind.READING,
            title="Read about worry",
            start=date(2026, 12, 1),
            recurrence=Recurrence.ONCE,
            end_date=date(2026, 12, 4),
        )
    assert _report_status(client_user, done.title) == "Active: done on 3 December"
    assert _report_status(client_user, "Read about worry") == "Active: overdue since 4 December"


def test_a_daily_schedule_made_a_one_off_keeps_todays_draft_on_its_one_day(
    therapist: User, client_user: User
) -> None:
    with time_machine.travel(NOW, tick=False):
        assignment = make_assignment(therapist, client_user, Kind.JOURNAL, start=TODAY)
        today = Occurrence.objects.get(assignment=assignment, due_date=TODAY)
        draft = services.save_entry(occurrence=today, fields={"prompt": "p", "text": "half"}, submit=False)
        assert Occurrence.objects.filter(assignment=assignment).count() > 1  # the daily days ahead
        services.update_assignment(
            assignment=assignment, recurrence=Recurrence.ONCE, end_date=date(2026, 12, 14)
        )
    (day,) = Occurrence.objects.filter(assignment=assignment)  # one piece of homework, one day
    assert (day.available_from, day.due_date) == (TODAY, date(2026, 12, 14))
    draft.refresh_from_db()
    assert draft.occurrence_id == day.pk and draft.is_draft
