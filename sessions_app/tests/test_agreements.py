"""What we agreed last time: the list, the four decisions, and "not done" by the day it was logged."""

from __future__ import annotations

import html
from datetime import timedelta
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from homework import services as homework_services
from homework.models import (
    Assignment,
    AssignmentStatus,
    Kind,
    LogStatus,
    NotDoneReason,
    Occurrence,
    Recurrence,
    with_minutes,
)
from homework.tests.conftest import make_assignment
from mallard.models import User
from sessions_app import services
from sessions_app.models import AgreementDecision, Decision, ItemStatus, SessionStatus, TherapySession
from sessions_app.selectors.agreements import agreed_last_time
from sessions_app.tests.actions_helpers import AssertMaxQueries, make_proposal
from sessions_app.tests.dashboard_helpers import add_client, daily_since, days_ago, log_on, make_session


@pytest.fixture
def previous(therapist: User, client_user: User) -> TherapySession:
    return make_session(therapist, client_user, in_days=-7, status=SessionStatus.HELD)


@pytest.fixture
def upcoming(therapist: User, client_user: User, previous: TherapySession) -> TherapySession:
    return make_session(therapist, client_user, in_days=1)


def _agreed_long_ago(assignment: Assignment) -> None:
    long_ago = timezone.now() - timedelta(days=30)
    Assignment.objects.filter(pk=assignment.pk).update(created_at=long_ago, updated_at=long_ago)


def _decide(
    client: Client, session: TherapySession, assignment: Assignment, decision: str, **extra: Any
) -> Any:
    return client.post(f"/sessions/{session.pk}/agreements/{assignment.pk}/", {"decision": decision, **extra})


def _weekly(
    therapist: User, client_user: User, times: int = 2, kind: str = Kind.THOUGHT_RECORD, **fields: Any
) -> Assignment:
    return make_assignment(
        therapist,
        client_user,
        kind,
        recurrence=Recurrence.TIMES_PER_WEEK,
        times_per_week=times,
        **fields,
    )


# --- The list ----------------------------------------------------------------------------------


def test_it_lists_what_was_agreed_since_the_previous_session_with_what_became_of_it(
    therapist: User, client_user: User, upcoming: TherapySession
) -> None:
    agreed = daily_since(therapist, client_user, 7, Kind.RELAXATION, title="Paced breathing")
    older = daily_since(therapist, client_user, 7, Kind.JOURNAL, title="Gratitude journal")
    _agreed_long_ago(older)
    log_on(agreed, days_ago(client_user, 5), LogStatus.DONE)
    log_on(agreed, days_ago(client_user, 4), LogStatus.SMALLER)
    log_on(agreed, days_ago(client_user, 3), LogStatus.PARTLY)
    log_on(
        agreed, days_ago(client_user, 2), LogStatus.NOT_DONE, reason=NotDoneReason.NO_TIME, note="Night shift"
    )
    agreements = agreed_last_time(upcoming)
    assert [row.assignment.title for row in agreements.rows] == ["Paced breathing"]
    [row] = agreements.rows
    # Due on the previous session's day (7 days ago) up to yesterday: 7; today's is still open.
    assert (
        row.outcome_text
        == "Done 3 of 7 (1 in full, 1 the smaller version, 1 partly); not done 1, not logged 3."
    )
    assert [(log.reason, log.note) for log in row.not_done] == [(NotDoneReason.NO_TIME, "Night shift")]


def test_without_a_previous_held_session_there_is_nothing_to_look_back_on(
    therapist: User, client_user: User
) -> None:
    first = make_session(therapist, client_user, in_days=1)
    make_assignment(therapist, client_user)
    agreements = agreed_last_time(first)
    assert agreements.previous is None
    assert not agreements


def test_the_session_page_and_the_summary_show_it(
    client: Client, therapist: User, client_user: User, upcoming: TherapySession
) -> None:
    agreed = daily_since(therapist, client_user, 7, Kind.RELAXATION, title="Paced breathing")
    log_on(
        agreed, days_ago(client_user, 2), LogStatus.NOT_DONE, reason=NotDoneReason.TOO_HARD, note="Too tired"
    )
    client.force_login(therapist)
    for url in (f"/sessions/{upcoming.pk}/", f"/sessions/{upcoming.pk}/summary/"):
        content = client.get(url).content.decode()
        section = content.split("What we agreed last time", 1)[1]
        assert "Paced breathing" in section
        assert "It felt too hard — “Too tired”" in section
        assert "Keep it" in section and "Make it smaller" in section and "Stop it" in section


# --- The decisions -----------------------------------------------------------------------------


def test_keep_records_the_decision_and_changes_nothing(
    client: Client, therapist: User, client_user: User, upcoming: TherapySession
) -> None:
    agreed = _weekly(therapist, client_user)
    before = Assignment.objects.values().get(pk=agreed.pk)
    client.force_login(therapist)
    response = _decide(client, upcoming, agreed, "keep")
    assert response.status_code == 302 and response["Location"] == f"/sessions/{upcoming.pk}/"
    assert Assignment.objects.values().get(pk=agreed.pk) == before
    content = client.get(response["Location"]).content.decode()
    assert "Kept as it is" in content.split("What we agreed last time", 1)[1]


def test_make_it_smaller_takes_one_off_a_weekly_quota_once_however_often_it_is_clicked(
    client: Client, therapist: User, client_user: User, upcoming: TherapySession
) -> None:
    agreed = _weekly(therapist, client_user, times=2)
    client.force_login(therapist)
    _decide(client, upcoming, agreed, "smaller")
    _decide(client, upcoming, agreed, "smaller")
    agreed.refresh_from_db()
    assert agreed.times_per_week == 1
    decision = AgreementDecision.objects.get()
    assert (decision.decision, decision.detail) == (Decision.SMALLER, "2 → 1 times a week")
    content = client.get(f"/sessions/{upcoming.pk}/").content.decode()
    assert "Made smaller</strong>: 2 → 1 times a week" in content


def test_smaller_for_a_daily_task_and_for_one_already_at_once_a_week(
    therapist: User, client_user: User
) -> None:
    daily = make_assignment(therapist, client_user, Kind.RELAXATION)
    assert daily.smaller_step() == (
        {"recurrence": Recurrence.TIMES_PER_WEEK, "times_per_week": 5, "weekdays": ""},
        "every day → 5 times a week",
    )
    once_a_week = _weekly(therapist, client_user, times=1)
    fields, words = once_a_week.smaller_step() or ({}, "")
    assert fields["instructions"] == once_a_week.smaller_version
    assert words.startswith("what to do is now its smaller version, “")
    bare = make_assignment(therapist, client_user, recurrence=Recurrence.ONCE, smaller_version="")
    assert bare.smaller_step() is None


def test_after_make_it_smaller_the_card_says_one_thing_to_do_and_one_length(
    client: Client, therapist: User, client_user: User, upcoming: TherapySession
) -> None:
    """The smaller version is now what to do: not offered again as its own "Start small", and the
    plan that said "for 15 minutes" says the new length, as "About 7 minutes" does."""
    journal = _weekly(
        therapist, client_user, times=1, kind=Kind.JOURNAL, instructions="Write about the prompt.",
        smaller_version="Write just one worry", estimated_minutes=15,
        implementation_after="dinner", implementation_will="write about the prompt for 15 minutes",
    )  # fmt: skip
    client.force_login(therapist)
    page = html.unescape(client.get(f"/sessions/{upcoming.pk}/").content.decode())
    assert "“Write just one worry”, and 15 → 7 minutes, in the plan too." in page
    _decide(client, upcoming, journal, "smaller")
    journal.refresh_from_db()
    assert journal.instructions == "Write just one worry"
    assert journal.estimated_minutes == 7
    assert journal.smaller_version == ""
    assert journal.plan_text == "After dinner, I will write about the prompt for 7 minutes."
    assert journal.smaller_step() is None  # nothing smaller is left to offer
    client.force_login(client_user)
    for page in ("/today/", f"/homework/{journal.pk}/"):
        card = html.unescape(client.get(page).content.decode())
        assert "Write just one worry" in card
        assert "Start small" not in card
        assert "15 minutes" not in card
        assert "7 minutes" in card


@pytest.mark.parametrize(
    ("will", "before", "after", "said"),
    [
        ("write about the prompt for 15 minutes", 15, 7, "write about the prompt for 7 minutes"),
        ("take a 15-min walk", 15, 7, "take a 15-min walk".replace("15", "7")),
        ("breathe for 3 minutes", 3, 1, "breathe for 1 minute"),
        (
            "read for 10 minutes, then 15 minutes of stretching",
            15,
            7,
            "read for 10 minutes, then 7 minutes of stretching",
        ),
        ("walk 115 minutes", 15, 7, "walk 115 minutes"),
        ("write three lines", 15, 7, "write three lines"),
    ],
)
def test_the_plans_minutes_follow_the_assignments(will: str, before: int, after: int, said: str) -> None:
    assert with_minutes(will, before, after) == said


def test_smaller_for_chosen_days_drops_the_last_and_says_so_in_the_same_form(
    therapist: User, client_user: User
) -> None:
    """Like "3 → 2 times a week", so that "Make it smaller changes Mon, Wed, Fri → Mon, Wed." reads."""
    days = make_assignment(
        therapist, client_user, Kind.RELAXATION, recurrence=Recurrence.WEEKDAYS, weekdays="024"
    )
    assert days.smaller_step() == ({"weekdays": "02"}, "Mon, Wed, Fri → Mon, Wed")


def test_smaller_with_nothing_smaller_says_so_and_writes_nothing(
    client: Client, therapist: User, client_user: User, upcoming: TherapySession
) -> None:
    bare = make_assignment(therapist, client_user, recurrence=Recurrence.ONCE, smaller_version="")
    client.force_login(therapist)
    response = _decide(client, upcoming, bare, "smaller")
    assert response.status_code == 302
    assert not AgreementDecision.objects.exists()


def test_homework_that_ended_since_is_listed_with_nothing_to_decide(
    client: Client, therapist: User, client_user: User, upcoming: TherapySession
) -> None:
    """Archived after the last session: what became of it is shown, but not Keep or Make it smaller."""
    ended = make_assignment(therapist, client_user, Kind.RELAXATION, status=AssignmentStatus.ARCHIVED)
    client.force_login(therapist)
    content = client.get(f"/sessions/{upcoming.pk}/").content.decode()
    assert "Paced breathing" in content and "Archived" in content
    assert "It has ended since, so there is nothing to decide." in content
    assert f"/sessions/{upcoming.pk}/agreements/{ended.pk}/" not in content
    response = _decide(client, upcoming, ended, "keep")
    assert response.status_code == 302
    assert not AgreementDecision.objects.exists()
    assert "That homework has already ended (archived)" in client.get(response["Location"]).content.decode()


def test_stop_archives_it_and_change_opens_the_edit_form(
    client: Client, therapist: User, client_user: User, upcoming: TherapySession
) -> None:
    stopped = _weekly(therapist, client_user)
    changed = make_assignment(therapist, client_user, Kind.RELAXATION)
    client.force_login(therapist)
    _decide(client, upcoming, stopped, "stop")
    stopped.refresh_from_db()
    assert stopped.status == AssignmentStatus.ARCHIVED
    response = _decide(client, upcoming, changed, "change")
    edit = f"/assignments/{changed.pk}/edit/?next=%2Fsessions%2F{upcoming.pk}%2F"
    assert response["Location"] == edit
    content = client.get(f"/sessions/{upcoming.pk}/").content.decode()
    assert "Stopped" in content and "Changed" in content
    assert f'href="{edit}"' in content  # "Open the assignment" comes back here too


def test_saving_the_change_after_change_it_comes_back_to_the_page_it_was_chosen_on(
    client: Client, therapist: User, client_user: User, upcoming: TherapySession
) -> None:
    changed = make_assignment(therapist, client_user, Kind.RELAXATION)
    client.force_login(therapist)
    edit = _decide(client, upcoming, changed, "change", back="summary")["Location"]
    page = client.get(edit).content.decode()
    summary = f"/sessions/{upcoming.pk}/summary/"
    assert f'<input type="hidden" name="next" value="{summary}">' in page
    assert f'href="{summary}">Cancel</a>' in page
    data = {
        "title": "Breathe",
        "instructions": changed.instructions,
        "rationale": changed.rationale,
        "technique": changed.technique,
        "recurrence": changed.recurrence,
        "estimated_minutes": "7",
        "next": summary,
    }
    response = client.post(edit, data)
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == summary
    changed.refresh_from_db()
    assert (changed.title, changed.estimated_minutes) == ("Breathe", 7)


def test_homework_that_is_itself_to_stop_or_cut_down_says_what_each_button_does_to_the_homework(
    client: Client, therapist: User, client_user: User, upcoming: TherapySession
) -> None:
    """ "Stop it" beside "Stop checking the locks" reads as the task, and a smaller limit is a harder
    one: such rows offer "Make it easier" and "End this homework"."""
    coffee = make_assignment(therapist, client_user, Kind.SKILL_PRACTICE, title="Cut down to two coffees")
    locks = make_assignment(therapist, client_user, Kind.SKILL_PRACTICE, title="Stop checking the locks")
    walk = make_assignment(therapist, client_user, Kind.SKILL_PRACTICE, title="Walk")
    client.force_login(therapist)
    section = client.get(f"/sessions/{upcoming.pk}/").content.decode().split("What we agreed last time", 1)[1]
    rows = {
        a.title: section.split(f"{a.title} <span", 1)[1].split("</li>", 1)[0] for a in (coffee, locks, walk)
    }
    for title in ("Cut down to two coffees", "Stop checking the locks"):
        assert "Make it easier<span" in rows[title] and "End this homework<span" in rows[title]
        assert "Make it smaller<span" not in rows[title] and "Stop it<span" not in rows[title]
    assert "Make it smaller<span" in rows["Walk"] and "Stop it<span" in rows["Walk"]
    page = client.post(
        f"/sessions/{upcoming.pk}/agreements/{coffee.pk}/", {"decision": "smaller"}, follow=True
    ).content.decode()
    assert "Made “Cut down to two coffees” easier: every day → 5 times a week." in page
    page = client.post(
        f"/sessions/{upcoming.pk}/agreements/{locks.pk}/", {"decision": "stop"}, follow=True
    ).content.decode()
    assert "Ended the homework “Stop checking the locks”. It is archived" in page
    locks.refresh_from_db()
    assert locks.status == AssignmentStatus.ARCHIVED


def test_make_it_smaller_says_what_it_will_change_before_it_is_clicked(
    client: Client, therapist: User, client_user: User, upcoming: TherapySession
) -> None:
    weekly = _weekly(therapist, client_user, times=3)
    daily = make_assignment(therapist, client_user, Kind.RELAXATION)
    once_a_week = _weekly(therapist, client_user, times=1)
    bare = make_assignment(therapist, client_user, recurrence=Recurrence.ONCE, smaller_version="")
    client.force_login(therapist)
    content = client.get(f"/sessions/{upcoming.pk}/").content.decode()
    for assignment, change in (
        (weekly, "3 → 2 times a week"),
        (daily, "every day → 5 times a week"),
        (
            once_a_week,
            f"what to do to its smaller version, “{once_a_week.smaller_version}”, and "
            f"{once_a_week.estimated_minutes} → {max(1, once_a_week.estimated_minutes // 2)} minutes",
        ),
    ):
        preview = content.split(f'id="agreement-preview-{assignment.pk}">', 1)[1].split("</p>", 1)[0]
        assert f"Make it smaller changes {html.escape(change)}." in preview
        assert "Stop it archives it" in preview and "offers Undo" in preview
        assert f'aria-describedby="agreement-preview-{assignment.pk}"' in content
    # Nothing smaller: no button that can only be refused, and the preview says so.
    preview = content.split(f'id="agreement-preview-{bare.pk}">', 1)[1].split("</p>", 1)[0]
    assert "Nothing smaller to offer: change it instead." in preview
    bare_row = content.split(f'id="agreement-preview-{bare.pk}"', 1)[0].rsplit("<li", 1)[1]
    assert "Make it smaller<span" not in bare_row and "Keep it<span" in bare_row
    # What the preview said is what the click does.
    _decide(client, upcoming, weekly, "smaller")
    weekly.refresh_from_db()
    assert weekly.times_per_week == 2


def test_stop_offers_undo_which_puts_the_homework_back_as_it_was(
    client: Client, therapist: User, client_user: User, upcoming: TherapySession
) -> None:
    agreed = _weekly(therapist, client_user)
    paused = _weekly(therapist, client_user)
    homework_services.set_assignment_status(assignment=paused, status=AssignmentStatus.PAUSED)
    client.force_login(therapist)
    undo = f"/sessions/{upcoming.pk}/agreements/{agreed.pk}/undo/"
    page = _decide(client, upcoming, agreed, "stop", back="summary")
    page = client.get(page["Location"]).content.decode()
    assert f"Stopped “{agreed.title}”" in page
    assert f'action="{undo}?back=summary"' in page
    agreed.refresh_from_db()
    assert agreed.status == AssignmentStatus.ARCHIVED
    response = client.post(f"{undo}?back=summary")
    assert response["Location"] == f"/sessions/{upcoming.pk}/summary/"
    agreed.refresh_from_db()
    assert agreed.status == AssignmentStatus.ACTIVE
    assert Occurrence.objects.filter(
        assignment=agreed, due_date__gte=homework_services.client_today(client_user)
    ).exists()
    assert not AgreementDecision.objects.filter(assignment=agreed).exists()
    page = client.get(response["Location"]).content.decode()
    assert f"Undone: “{agreed.title}” is active again." in page
    assert f"/sessions/{upcoming.pk}/agreements/{agreed.pk}/" in page  # its decisions are offered again
    # Undoing twice, or a stop never made, changes nothing.
    page = client.post(undo, follow=True).content.decode()
    assert "nothing to undo" in page
    agreed.refresh_from_db()
    assert agreed.status == AssignmentStatus.ACTIVE
    # A paused homework stopped and undone is paused again.
    _decide(client, upcoming, paused, "stop")
    client.post(f"/sessions/{upcoming.pk}/agreements/{paused.pk}/undo/")
    paused.refresh_from_db()
    assert paused.status == AssignmentStatus.PAUSED
    # Restarted another way since: the Undo refuses, and the homework stays as it is now.
    _decide(client, upcoming, agreed, "stop")
    homework_services.set_assignment_status(assignment=agreed, status=AssignmentStatus.ACTIVE)
    page = client.post(undo, follow=True).content.decode()
    assert "is active again already, so there is nothing to undo" in page


def test_keep_it_offers_undo_so_a_wrong_click_can_be_decided_again(
    client: Client, therapist: User, client_user: User, upcoming: TherapySession
) -> None:
    agreed = _weekly(therapist, client_user, times=3)
    client.force_login(therapist)
    undo = f"/sessions/{upcoming.pk}/agreements/{agreed.pk}/undo/"
    page = client.get(_decide(client, upcoming, agreed, "keep")["Location"]).content.decode()
    assert f"Kept “{agreed.title}” as it is." in page
    assert f'action="{undo}?back=session"' in page  # the message's Undo and the row's
    page = client.post(f"{undo}?back=session", follow=True).content.decode()
    assert f"Undone: “{agreed.title}” has no decision in this session yet." in html.unescape(page)
    assert not AgreementDecision.objects.filter(assignment=agreed).exists()
    _decide(client, upcoming, agreed, "smaller")  # decided again, as it should have been
    agreed.refresh_from_db()
    assert agreed.times_per_week == 2


def test_undoing_make_it_smaller_puts_back_what_it_changed(
    client: Client, therapist: User, client_user: User, upcoming: TherapySession
) -> None:
    once_a_week = _weekly(
        therapist, client_user, times=1, estimated_minutes=15,
        implementation_will="write about the prompt for 15 minutes",
    )  # fmt: skip
    fields = ("instructions", "estimated_minutes", "smaller_version", "implementation_will")
    was = [getattr(once_a_week, name) for name in fields]
    client.force_login(therapist)
    _decide(client, upcoming, once_a_week, "smaller")
    once_a_week.refresh_from_db()
    assert once_a_week.instructions == was[2]
    assert (once_a_week.smaller_version, once_a_week.implementation_will) == (
        "", "write about the prompt for 7 minutes"
    )  # fmt: skip
    response = client.post(f"/sessions/{upcoming.pk}/agreements/{once_a_week.pk}/undo/", follow=True)
    once_a_week.refresh_from_db()
    assert [getattr(once_a_week, name) for name in fields] == was
    assert not AgreementDecision.objects.filter(assignment=once_a_week).exists()
    assert f"Undone: “{once_a_week.title}” is as it was" in html.unescape(response.content.decode())


def test_undoing_make_it_smaller_never_overwrites_a_later_change(
    client: Client, therapist: User, client_user: User, upcoming: TherapySession
) -> None:
    agreed = _weekly(therapist, client_user, times=3)
    client.force_login(therapist)
    _decide(client, upcoming, agreed, "smaller")
    homework_services.update_assignment(assignment=Assignment.objects.get(pk=agreed.pk), times_per_week=4)
    page = client.post(f"/sessions/{upcoming.pk}/agreements/{agreed.pk}/undo/", follow=True).content.decode()
    assert "has been changed since it was made smaller" in html.unescape(page)
    agreed.refresh_from_db()
    assert agreed.times_per_week == 4
    assert AgreementDecision.objects.filter(assignment=agreed).exists()


def test_a_smaller_decision_without_its_earlier_fields_offers_no_undo_and_refuses_one(
    client: Client, therapist: User, client_user: User, upcoming: TherapySession
) -> None:
    agreed = _weekly(therapist, client_user, times=3)
    client.force_login(therapist)
    client.get(_decide(client, upcoming, agreed, "smaller")["Location"])  # its message, with Undo, is read
    # Recorded before the fields were kept:
    AgreementDecision.objects.filter(assignment=agreed).update(changed_fields={})
    undo = f"/sessions/{upcoming.pk}/agreements/{agreed.pk}/undo/"
    assert undo not in client.get(f"/sessions/{upcoming.pk}/").content.decode()
    page = client.post(undo, follow=True).content.decode()
    assert "Change it by hand instead." in page
    assert AgreementDecision.objects.filter(assignment=agreed).exists()
    agreed.refresh_from_db()
    assert agreed.times_per_week == 2


def test_another_therapist_cannot_undo_a_stop(
    client: Client, therapist: User, client_user: User, other_therapist: User, upcoming: TherapySession
) -> None:
    agreed = _weekly(therapist, client_user)
    client.force_login(therapist)
    _decide(client, upcoming, agreed, "stop")
    client.force_login(other_therapist)
    assert client.post(f"/sessions/{upcoming.pk}/agreements/{agreed.pk}/undo/").status_code == 404
    agreed.refresh_from_db()
    assert agreed.status == AssignmentStatus.ARCHIVED


def test_deciding_from_the_summary_returns_to_the_summary(
    client: Client, therapist: User, client_user: User, upcoming: TherapySession
) -> None:
    agreed = _weekly(therapist, client_user)
    client.force_login(therapist)
    response = _decide(client, upcoming, agreed, "keep", back="summary")
    assert response["Location"] == f"/sessions/{upcoming.pk}/summary/"


def test_the_database_keeps_one_decision_per_assignment_per_session(
    therapist: User, client_user: User, upcoming: TherapySession
) -> None:
    agreed = _weekly(therapist, client_user)
    made = services.decide_agreement(
        therapist=therapist, session=upcoming, assignment=agreed, decision=Decision.KEEP
    )
    assert made.made_now
    again = services.decide_agreement(
        therapist=therapist, session=upcoming, assignment=agreed, decision=Decision.STOP
    )
    assert not again.made_now and again.decision.decision == Decision.KEEP
    agreed.refresh_from_db()
    assert agreed.status == AssignmentStatus.ACTIVE
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementDecision.objects.create(session=upcoming, assignment=agreed, decision=Decision.STOP)


# --- Bad input ---------------------------------------------------------------------------------


def test_another_therapists_session_or_assignment_is_a_404_and_writes_nothing(
    client: Client,
    therapist: User,
    client_user: User,
    other_therapist: User,
    other_client: User,
    upcoming: TherapySession,
) -> None:
    mine = _weekly(therapist, client_user)
    theirs = _weekly(other_therapist, other_client)
    client.force_login(other_therapist)
    assert _decide(client, upcoming, mine, "stop").status_code == 404
    client.force_login(therapist)
    assert _decide(client, upcoming, theirs, "stop").status_code == 404
    # My own other client's homework is not this session's either.
    someone_else = add_client(therapist, 9)
    their_homework = _weekly(therapist, someone_else)
    assert _decide(client, upcoming, their_homework, "stop").status_code == 404
    assert not AgreementDecision.objects.exists()
    assert not Assignment.objects.filter(status=AssignmentStatus.ARCHIVED).exists()


def test_wrong_method_anonymous_and_unknown_decisions(
    client: Client, therapist: User, client_user: User, upcoming: TherapySession
) -> None:
    agreed = _weekly(therapist, client_user)
    url = f"/sessions/{upcoming.pk}/agreements/{agreed.pk}/"
    assert client.post(url, {"decision": "keep"})["Location"].startswith("/accounts/login/")
    client.force_login(therapist)
    assert client.get(url).status_code == 405
    response = client.post(url, {"decision": "delete everything"}, follow=True)
    assert response.status_code == 200
    assert "isn&#x27;t a decision we know" in response.content.decode()
    assert not AgreementDecision.objects.exists()


# --- Queries -----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 6])
def test_the_session_page_query_count_does_not_grow_with_the_agreements(
    client: Client,
    therapist: User,
    client_user: User,
    upcoming: TherapySession,
    django_assert_max_num_queries: AssertMaxQueries,
    size: int,
) -> None:
    for n in range(size):
        agreed = daily_since(therapist, client_user, 7, Kind.RELAXATION, title=f"Practice {n}")
        log_on(agreed, days_ago(client_user, 2), LogStatus.NOT_DONE, reason=NotDoneReason.FORGOT)
        log_on(agreed, days_ago(client_user, 3), LogStatus.DONE)
        if n % 2:
            services.decide_agreement(
                therapist=therapist, session=upcoming, assignment=agreed, decision=Decision.KEEP
            )
    client.force_login(therapist)
    client.get(f"/sessions/{upcoming.pk}/")
    with django_assert_max_num_queries(24):
        response = client.get(f"/sessions/{upcoming.pk}/")
    assert response.content.decode().count("I forgot") == size


# --- "Not done" reaches the summary by the day it was logged ------------------------------------


def test_a_not_done_logged_for_a_slot_due_later_reaches_the_summary_and_the_homework_page(
    client: Client, therapist: User, client_user: User, upcoming: TherapySession
) -> None:
    weekly = _weekly(therapist, client_user)
    today = homework_services.client_today(client_user)
    slot = Occurrence.objects.filter(
        assignment=weekly, available_from__lte=today, due_date__gte=today
    ).first()
    assert slot is not None
    homework_services.log_occurrence(
        occurrence=slot, status=LogStatus.NOT_DONE, reason=NotDoneReason.AVOIDED, note="Too anxious"
    )
    said = f"{today:%a} {today.day} {today:%b}"
    client.force_login(therapist)
    summary = client.get(f"/sessions/{upcoming.pk}/summary/").content.decode()
    assert f"Not done, logged {said}: I avoided it or felt too anxious — “Too anxious”" in summary
    homework = client.get(f"/clients/{client_user.pk}/homework/").content.decode()
    row = homework.split("Not done this time, and why", 1)[1]
    assert "Logged on" in row and said in row


def test_an_agreement_from_the_previous_session_stays_listed_after_it_is_changed_again(
    therapist: User, client_user: User, previous: TherapySession
) -> None:
    """Updated from a proposal at the previous session, then again today: still last time's."""
    today = make_session(therapist, client_user, in_days=0, status=SessionStatus.HELD)
    at_previous = previous.starts_at + timedelta(minutes=40)
    updated = daily_since(therapist, client_user, 7, Kind.RELAXATION, title="Paced breathing")
    _agreed_long_ago(updated)
    make_proposal(
        previous,
        "Paced breathing after lunch",
        status=ItemStatus.UPDATED,
        assignment=updated,
        decided_at=at_previous,
    )
    decided = daily_since(therapist, client_user, 7, Kind.JOURNAL, title="Gratitude journal")
    _agreed_long_ago(decided)
    AgreementDecision.objects.create(
        session=previous, assignment=decided, decision=Decision.KEEP, decided_at=at_previous
    )
    Assignment.objects.filter(pk__in=[updated.pk, decided.pk]).update(updated_at=timezone.now())
    assert [row.assignment.title for row in agreed_last_time(today).rows] == [
        "Paced breathing",
        "Gratitude journal",
    ]


def test_a_session_lists_only_what_was_agreed_before_it_started(
    therapist: User, client_user: User, previous: TherapySession
) -> None:
    """Held this morning; homework assigned this evening (from this session's items, or late from
    last week's) is the next session's "last time", never this one's."""
    this_morning = make_session(therapist, client_user, in_days=-0.4, status=SessionStatus.HELD)
    before = daily_since(therapist, client_user, 3, Kind.JOURNAL, title="Gratitude journal")
    Assignment.objects.filter(pk=before.pk).update(
        created_at=this_morning.starts_at - timedelta(days=2),
        updated_at=this_morning.starts_at - timedelta(days=2),
    )
    this_evening = daily_since(therapist, client_user, 0, Kind.RELAXATION, title="Paced breathing")
    make_proposal(this_morning, "Paced breathing", status=ItemStatus.CONFIRMED, assignment=this_evening)
    late = daily_since(therapist, client_user, 0, Kind.THOUGHT_RECORD, title="Thought record")
    make_proposal(previous, "Thought record", status=ItemStatus.CONFIRMED, assignment=late)
    decided_late = daily_since(therapist, client_user, 7, Kind.SKILL_PRACTICE, title="Say no once")
    _agreed_long_ago(decided_late)
    AgreementDecision.objects.create(session=previous, assignment=decided_late, decision=Decision.KEEP)
    assert [row.assignment.title for row in agreed_last_time(this_morning).rows] == ["Gratitude journal"]
    next_week = make_session(therapist, client_user, in_days=7)
    assert [row.assignment.title for row in agreed_last_time(next_week).rows] == [
        "Paced breathing",
        "Thought record",
    ]
