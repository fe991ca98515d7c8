"""Assigning homework from a template, changing an assignment, and pausing, resuming,
completing or archiving it."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client

from homework import services
from homework.models import (
    Assignment,
    AssignmentStatus,
    Kind,
    LogStatus,
    Occurrence,
    Recurrence,
    Template,
)
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.lib.dates import long_date
from mallard.models import User
from mallard.tests.helpers import field_error, field_value

# 03:00 UTC on Monday 10 March 2025 is still Sunday 9 March in New York (carol) but Monday in London (alice).
NIGHT = datetime(2025, 3, 10, 3, 0, tzinfo=UTC)


def builtin(kind: str) -> Template:
    template = Template.objects.filter(kind=kind, owner__isnull=True).order_by("pk").first()
    assert template is not None
    return template


def assign_data(template: Template, client: User | None, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "client": client.pk if client else "",
        "title": template.title,
        "instructions": template.instructions,
        "rationale": template.rationale,
        "estimated_minutes": template.estimated_minutes,
        "smaller_version": template.smaller_version,
        "prompt": template.prompt,
        "technique": template.technique,
        "resource_title": template.resource_title,
        "resource_url": template.resource_url,
        "resource_text": template.resource_text,
        "skill": template.skill,
        "start_date": services.client_today(client).isoformat() if client else "2025-01-01",
        "recurrence": Recurrence.DAILY,
        "end_date": "",
        "preferred_time": "",
        "times_per_week": "",
        "implementation_after": "",
        "implementation_will": "",
        "obstacle": "",
        "obstacle_plan": "",
        "goal": "",
    }
    data.update(changes)
    return data


# --- /library/<id>/assign/ ---------------------------------------------------------------------


def test_assign_form_is_prefilled_from_the_template_and_the_chosen_client(
    client: Client, therapist: User, client_user: User
) -> None:
    template = builtin(Kind.JOURNAL)
    client.force_login(therapist)
    response = client.get(f"/library/{template.pk}/assign/", {"client": client_user.pk})
    assert response.status_code == 200
    content = response.content.decode()
    assert field_value(response, "title") == template.title
    assert f'<option value="{client_user.pk}" selected>Carol Chen (carol@example.com)</option>' in content
    assert 'name="prompt"' in content
    assert 'name="technique"' not in content
    assert "in the client's time zone" in content


def checked(response: Any, field: str) -> list[str]:
    """The values of the checked inputs named ``field`` (radios and checkboxes)."""
    content = response.content.decode()
    tags = re.findall(rf'<input[^>]*name="{field}"[^>]*>', content)
    return [re.search(r'value="([^"]*)"', tag).group(1) for tag in tags if " checked" in tag]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("kind", "recurrence", "times_per_week", "will"),
    [
        (Kind.READING, Recurrence.ONCE, None, "read “How thoughts, feelings and actions connect”"),
        (Kind.SKILL_PRACTICE, Recurrence.TIMES_PER_WEEK, "1", "practise saying no or setting a limit"),
        (Kind.BEHAVIORAL_EXPERIMENT, Recurrence.TIMES_PER_WEEK, "1", "carry out my experiment and write"),
        (Kind.RELAXATION, Recurrence.DAILY, None, "practise paced breathing for 5 minutes"),
        (Kind.JOURNAL, Recurrence.DAILY, None, "write about the prompt for 10 minutes"),
    ],
)
def test_assign_form_suggests_how_often_and_the_plan_from_the_template(
    client: Client,
    therapist: User,
    client_user: User,
    kind: str,
    recurrence: str,
    times_per_week: str | None,
    will: str,
) -> None:
    """Reading is not daily: once, due within a week. The "I will ___" is the template's task."""
    client.force_login(therapist)
    template = builtin(kind)
    response = client.get(f"/library/{template.pk}/assign/", {"client": client_user.pk})
    assert checked(response, "recurrence") == [recurrence]
    assert field_value(response, "times_per_week") == times_per_week
    assert (field_value(response, "implementation_will") or "").startswith(will)
    today = services.client_today(client_user)
    if kind == Kind.READING:
        assert field_value(response, "end_date") == (today + timedelta(days=6)).isoformat()


def test_a_reading_assigned_as_suggested_is_due_once_within_the_week_with_a_complete_plan(
    client: Client, therapist: User, client_user: User
) -> None:
    """The suggested values, sent as they are, give one occurrence, due in six days, and a plan
    the client reads as a whole sentence."""
    template = builtin(Kind.READING)
    client.force_login(therapist)
    today = services.client_today(client_user)
    data = assign_data(
        template,
        client_user,
        recurrence=Recurrence.ONCE,
        end_date=(today + timedelta(days=6)).isoformat(),
        implementation_after="dinner on Tuesday",
        implementation_will=template.suggested_will,
    )
    assert client.post(f"/library/{template.pk}/assign/", data).status_code == 302
    assignment = Assignment.objects.get()
    assert list(assignment.occurrences.values_list("available_from", "due_date")) == [
        (today, today + timedelta(days=6))
    ]
    client.force_login(client_user)
    page = client.get(f"/homework/{assignment.pk}/").content.decode()
    assert f"After dinner on Tuesday, I will read “{template.resource_title}”." in page


def test_assign_form_ignores_a_client_who_is_not_the_therapists(
    client: Client, therapist: User, client_user: User, other_client: User
) -> None:
    client.force_login(therapist)
    response = client.get(f"/library/{builtin(Kind.JOURNAL).pk}/assign/", {"client": other_client.pk})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Dave" not in content
    assert " selected>Carol Chen" not in content


@time_machine.travel(NIGHT, tick=False)
def test_assign_form_starts_today_in_the_clients_time_zone(
    client: Client, therapist: User, client_user: User
) -> None:
    client.force_login(therapist)
    url = f"/library/{builtin(Kind.JOURNAL).pk}/assign/"
    assert field_value(client.get(url, {"client": client_user.pk}), "start_date") == "2025-03-09"
    # With no client chosen yet the date stays empty: the chosen client's today fills it in.
    assert field_value(client.get(url), "start_date") in (None, "")


def test_assign_offers_only_the_chosen_clients_goals(
    client: Client, therapist: User, client_user: User, other_client: User
) -> None:
    services.create_goal(client=client_user, created_by=therapist, text="Sleep before midnight")
    services.create_goal(client=other_client, created_by=therapist, text="Dave's private goal")
    client.force_login(therapist)
    content = client.get(
        f"/library/{builtin(Kind.JOURNAL).pk}/assign/", {"client": client_user.pk}
    ).content.decode()
    assert "Sleep before midnight" in content
    assert "Dave&#x27;s private goal" not in content


def test_assign_creates_the_assignment_and_plans_it(
    client: Client, therapist: User, client_user: User
) -> None:
    template = builtin(Kind.JOURNAL)
    goal = services.create_goal(client=client_user, created_by=therapist, text="Notice the good")
    client.force_login(therapist)
    data = assign_data(
        template,
        client_user,
        title="Three good things",
        prompt="What went well, and why?",
        recurrence=Recurrence.WEEKDAYS,
        weekdays=["0", "2", "4"],
        preferred_time="20:30",
        implementation_after="I brush my teeth",
        implementation_will="write three lines",
        obstacle="Too tired",
        obstacle_plan="Do the smaller version",
        goal=goal.pk,
        estimated_minutes=10,
    )
    response = client.post(f"/library/{template.pk}/assign/", data)
    assert response.status_code == 302
    assert response["Location"] == f"/clients/{client_user.pk}/homework/"
    assignment = Assignment.objects.get(client=client_user)
    assert assignment.therapist == therapist
    assert assignment.template == template
    assert assignment.kind == Kind.JOURNAL
    assert assignment.title == "Three good things"
    assert assignment.prompt == "What went well, and why?"
    assert assignment.weekdays == "024"
    assert assignment.preferred_time == time(20, 30)
    assert assignment.implementation_will == "write three lines"
    assert assignment.goal == goal
    assert assignment.occurrences.exists()
    assert {o.due_date.weekday() for o in assignment.occurrences.all()} <= {0, 2, 4}
    page = client.get(response["Location"]).content.decode()
    assert "is assigned to Carol Chen" in page


def test_the_plan_is_stored_without_the_words_the_page_adds(
    client: Client, therapist: User, client_user: User
) -> None:
    """Typed in full ("After dinner", "I will write …"), the plan is not shown doubled."""
    template = builtin(Kind.JOURNAL)
    client.force_login(therapist)
    data = assign_data(
        template,
        client_user,
        implementation_after="After dinner,",
        implementation_will="I'll write three lines",
    )
    assert client.post(f"/library/{template.pk}/assign/", data).status_code == 302
    assignment = Assignment.objects.get(client=client_user)
    assert (assignment.implementation_after, assignment.implementation_will) == (
        "dinner",
        "write three lines",
    )
    assert (assignment.plan_cue, assignment.plan_will) == ("After dinner", "I will write three lines")


def test_assign_a_weekly_quota(client: Client, therapist: User, client_user: User) -> None:
    template = builtin(Kind.RELAXATION)
    client.force_login(therapist)
    data = assign_data(
        template, client_user, recurrence=Recurrence.TIMES_PER_WEEK, times_per_week="3", weekdays=["1"]
    )
    assert client.post(f"/library/{template.pk}/assign/", data).status_code == 302
    assignment = Assignment.objects.get(client=client_user)
    assert (assignment.recurrence, assignment.times_per_week, assignment.weekdays) == (
        "times_per_week",
        3,
        "",
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"recurrence": Recurrence.WEEKDAYS}, "weekdays", "Choose at least one day of the week."),
        (
            {"recurrence": Recurrence.TIMES_PER_WEEK},
            "times_per_week",
            "Say how many times a week, from 1 to 7.",
        ),
        ({"recurrence": Recurrence.TIMES_PER_WEEK, "times_per_week": "8"}, "times_per_week", ""),
        ({"recurrence": "fortnightly"}, "recurrence", "Choose how often from the list."),
        (
            {"start_date": "2025-03-10", "end_date": "2025-03-09"},
            "end_date",
            "The end date can't be before the start date.",
        ),
        ({"preferred_time": "24:00"}, "preferred_time", "Enter a time as HH:MM"),
        ({"preferred_time": "8pm"}, "preferred_time", "Enter a time as HH:MM"),
        ({"preferred_time": "7:5"}, "preferred_time", "Enter a time as HH:MM"),
        ({"estimated_minutes": "0"}, "estimated_minutes", ""),
        ({"title": ""}, "title", ""),
        ({"prompt": ""}, "prompt", ""),
        ({"weekdays": ["9"], "recurrence": Recurrence.WEEKDAYS}, "weekdays", "Choose days from the list."),
    ],
)
def test_assign_shows_errors_beside_the_fields_and_keeps_what_was_typed(
    client: Client, therapist: User, client_user: User, changes: dict[str, Any], field: str, message: str
) -> None:
    template = builtin(Kind.JOURNAL)
    client.force_login(therapist)
    data = assign_data(template, client_user, obstacle="Late shifts", **changes)
    response = client.post(f"/library/{template.pk}/assign/", data)
    assert response.status_code == 200
    assert field_error(response, field).startswith(message)
    assert field_value(response, "obstacle") == "Late shifts"
    assert not Assignment.objects.exists()


def test_an_empty_start_date_is_today_and_the_end_date_error_says_so(
    client: Client, therapist: User, client_user: User
) -> None:
    template = builtin(Kind.JOURNAL)
    client.force_login(therapist)
    today = services.client_today(client_user)
    yesterday = today - timedelta(days=1)
    data = assign_data(
        template, client_user, obstacle="Late shifts", start_date="", end_date=yesterday.isoformat()
    )
    response = client.post(f"/library/{template.pk}/assign/", data)
    assert response.status_code == 200
    assert field_error(response, "end_date") == (
        f"The end date can't be before the start date (today, {long_date(today)})."
    )
    assert 'id="error_1_id_start_date"' not in response.content.decode()
    # What was typed stays as typed: the start empty, the end date and the rest as entered.
    assert field_value(response, "start_date") in ("", None)
    assert field_value(response, "end_date") == yesterday.isoformat()
    assert field_value(response, "obstacle") == "Late shifts"
    assert not Assignment.objects.exists()


def test_the_form_names_each_field_and_its_limits_in_its_errors(
    client: Client, therapist: User, client_user: User
) -> None:
    template = builtin(Kind.JOURNAL)
    client.force_login(therapist)
    data = assign_data(
        template, client_user, title="", recurrence=Recurrence.TIMES_PER_WEEK, times_per_week="9"
    )
    response = client.post(f"/library/{template.pk}/assign/", data)
    assert not Assignment.objects.exists()
    content = html.unescape(response.content.decode())
    assert "Fill in “Title”." in content
    assert "“Times a week” takes a whole number from 1 to 7." in content
    assert "This field is required." not in content and "less than or equal" not in content


def test_assign_keeps_chosen_weekdays_after_an_error(
    client: Client, therapist: User, client_user: User
) -> None:
    template = builtin(Kind.JOURNAL)
    client.force_login(therapist)
    data = assign_data(template, client_user, recurrence=Recurrence.WEEKDAYS, weekdays=["1", "3"], title="")
    content = client.post(f"/library/{template.pk}/assign/", data).content.decode()
    checked = re.findall(r'<input[^>]*name="weekdays" value="(\d)"[^>]*checked>', content)
    assert checked == ["1", "3"]


def test_assign_refuses_another_clients_goal(
    client: Client, therapist: User, client_user: User, other_client: User
) -> None:
    daves = services.create_goal(client=other_client, created_by=other_client, text="Dave's goal")
    template = builtin(Kind.JOURNAL)
    client.force_login(therapist)
    response = client.post(
        f"/library/{template.pk}/assign/", assign_data(template, client_user, goal=daves.pk)
    )
    assert response.status_code == 200
    assert field_error(response, "goal")
    assert not Assignment.objects.exists()


def test_assign_refuses_a_goal_of_another_of_the_therapists_clients(
    client: Client, therapist: User, client_user: User
) -> None:
    from conftest import make_user
    from mallard.models import CareRelationship, Role

    erin = make_user("erin@example.com", "Erin Evans", Role.CLIENT)
    CareRelationship.objects.create(therapist=therapist, client=erin)
    erins = services.create_goal(client=erin, created_by=therapist, text="Erin's goal")
    template = builtin(Kind.JOURNAL)
    client.force_login(therapist)
    response = client.post(
        f"/library/{template.pk}/assign/", assign_data(template, client_user, goal=erins.pk)
    )
    assert response.status_code == 200
    assert field_error(response, "goal")
    assert not Assignment.objects.exists()


def test_assign_to_a_client_who_is_not_the_therapists_is_a_form_error_and_writes_nothing(
    client: Client, therapist: User, client_user: User, other_client: User
) -> None:
    template = builtin(Kind.JOURNAL)
    client.force_login(therapist)
    response = client.post(f"/library/{template.pk}/assign/", assign_data(template, other_client))
    assert response.status_code == 200
    assert field_error(response, "client") == "Choose one of your current clients from the list."
    assert not Assignment.objects.exists()
    assert not Occurrence.objects.exists()


def test_assign_from_another_therapists_template_is_404(
    client: Client, therapist: User, client_user: User, other_therapist: User
) -> None:
    bobs = services.copy_template(therapist=other_therapist, template=builtin(Kind.JOURNAL))
    client.force_login(therapist)
    assert client.get(f"/library/{bobs.pk}/assign/").status_code == 404
    assert client.post(f"/library/{bobs.pk}/assign/", assign_data(bobs, client_user)).status_code == 404
    assert not Assignment.objects.exists()


def test_assign_refuses_other_methods(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    assert client.put(f"/library/{builtin(Kind.JOURNAL).pk}/assign/").status_code == 405


def test_assign_is_for_therapists_only(client: Client, client_user: User) -> None:
    template = builtin(Kind.JOURNAL)
    response = client.post(f"/library/{template.pk}/assign/", assign_data(template, client_user))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(client_user)
    assert (
        client.post(f"/library/{template.pk}/assign/", assign_data(template, client_user)).status_code == 403
    )
    assert not Assignment.objects.exists()


# --- /assignments/<id>/edit/ ---------------------------------------------------------------------


def edit_data(assignment: Assignment, **changes: Any) -> dict[str, Any]:
    data = {
        "title": assignment.title,
        "instructions": assignment.instructions,
        "rationale": assignment.rationale,
        "estimated_minutes": assignment.estimated_minutes,
        "smaller_version": assignment.smaller_version,
        "prompt": assignment.prompt,
        "start_date": assignment.start_date.isoformat(),
        "recurrence": assignment.recurrence,
        "weekdays": [str(d) for d in assignment.weekday_numbers],
        "times_per_week": assignment.times_per_week or "",
        "end_date": assignment.end_date.isoformat() if assignment.end_date else "",
        "preferred_time": f"{assignment.preferred_time:%H:%M}" if assignment.preferred_time else "",
        "implementation_after": assignment.implementation_after,
        "implementation_will": assignment.implementation_will,
        "obstacle": assignment.obstacle,
        "obstacle_plan": assignment.obstacle_plan,
        "goal": assignment.goal_id or "",
    }
    data.update(changes)
    return data


def test_edit_form_is_prefilled(client: Client, therapist: User, assignment: Assignment) -> None:
    client.force_login(therapist)
    response = client.get(f"/assignments/{assignment.pk}/edit/")
    assert response.status_code == 200
    assert field_value(response, "title") == assignment.title
    assert field_value(response, "preferred_time") == "20:00"
    assert field_value(response, "start_date") == assignment.start_date.isoformat()
    content = response.content.decode()
    assert 'name="client"' not in content
    assert 'name="kind"' not in content
    # What a change of schedule does to past days, said before the therapist saves it.
    assert "Past days not logged that the new schedule no longer has stop showing as overdue" in content


def test_edit_changes_the_recurrence_and_plans_again(
    client: Client, therapist: User, client_user: User, assignment: Assignment
) -> None:
    today = services.client_today(client_user)
    services.log_occurrence(occurrence=today_occurrence(assignment), status=LogStatus.DONE)
    client.force_login(therapist)
    data = edit_data(
        assignment, title="Catch the thought", recurrence=Recurrence.WEEKDAYS, weekdays=["5", "6"]
    )
    response = client.post(f"/assignments/{assignment.pk}/edit/", data)
    assert response.status_code == 302
    assert response["Location"] == f"/clients/{client_user.pk}/homework/"
    assignment.refresh_from_db()
    assert (assignment.title, assignment.recurrence, assignment.weekdays) == (
        "Catch the thought",
        "weekdays",
        "56",
    )
    future = assignment.occurrences.filter(due_date__gt=today)
    assert future.exists()
    assert {o.due_date.weekday() for o in future} <= {5, 6}
    # Today's logged occurrence is kept whatever its day.
    assert assignment.occurrences.filter(due_date=today, log__isnull=False).exists()


def test_edit_returns_only_to_a_next_page_on_this_site(
    client: Client, therapist: User, client_user: User, assignment: Assignment
) -> None:
    client.force_login(therapist)
    url = f"/assignments/{assignment.pk}/edit/"
    response = client.post(url, {**edit_data(assignment, title="A"), "next": "/caseload/"})
    assert response["Location"] == "/caseload/"
    for elsewhere in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = client.post(url, {**edit_data(assignment, title="B"), "next": elsewhere})
        assert response["Location"] == f"/clients/{client_user.pk}/homework/"
        page = client.get(f"{url}?next={elsewhere}").content.decode()
        assert '<input type="hidden" name="next"' not in page
        assert f'href="{elsewhere}">Cancel' not in page


def test_edit_shows_errors_beside_fields_and_changes_nothing(
    client: Client, therapist: User, assignment: Assignment
) -> None:
    client.force_login(therapist)
    data = edit_data(assignment, title="Kept", recurrence=Recurrence.TIMES_PER_WEEK, times_per_week="0")
    response = client.post(f"/assignments/{assignment.pk}/edit/", data)
    assert response.status_code == 200
    assert field_error(response, "times_per_week")
    assert field_value(response, "title") == "Kept"
    assignment.refresh_from_db()
    assert assignment.recurrence == Recurrence.DAILY


def test_edit_of_another_therapists_assignment_is_404_and_writes_nothing(
    client: Client, therapist: User, other_assignment: Assignment
) -> None:
    client.force_login(therapist)
    assert client.get(f"/assignments/{other_assignment.pk}/edit/").status_code == 404
    response = client.post(
        f"/assignments/{other_assignment.pk}/edit/", edit_data(other_assignment, title="Hacked")
    )
    assert response.status_code == 404
    other_assignment.refresh_from_db()
    assert other_assignment.title != "Hacked"


def test_edit_refuses_other_methods(client: Client, therapist: User, assignment: Assignment) -> None:
    client.force_login(therapist)
    assert client.delete(f"/assignments/{assignment.pk}/edit/").status_code == 405


def test_edit_is_for_therapists_only(client: Client, client_user: User, assignment: Assignment) -> None:
    assert client.get(f"/assignments/{assignment.pk}/edit/").status_code == 302
    client.force_login(client_user)
    assert client.get(f"/assignments/{assignment.pk}/edit/").status_code == 403


# --- /assignments/<id>/status/ -------------------------------------------------------------------


def test_pause_removes_untouched_coming_days(
    client: Client, therapist: User, client_user: User, assignment: Assignment
) -> None:
    today = services.client_today(client_user)
    services.log_occurrence(occurrence=today_occurrence(assignment), status=LogStatus.PARTLY)
    client.force_login(therapist)
    response = client.post(f"/assignments/{assignment.pk}/status/", {"action": "pause"})
    assert response.status_code == 302
    assert response["Location"] == f"/clients/{client_user.pk}/homework/"
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.PAUSED
    assert not assignment.occurrences.filter(due_date__gt=today).exists()
    assert assignment.occurrences.filter(due_date=today).exists()  # logged, so kept
    assert "is paused" in client.get(response["Location"]).content.decode()


def test_resume_plans_again(
    client: Client, therapist: User, client_user: User, assignment: Assignment
) -> None:
    today = services.client_today(client_user)
    client.force_login(therapist)
    client.post(f"/assignments/{assignment.pk}/status/", {"action": "pause"})
    assert not assignment.occurrences.filter(due_date__gte=today).exists()
    client.post(f"/assignments/{assignment.pk}/status/", {"action": "resume"})
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACTIVE
    assert assignment.occurrences.filter(
        due_date=today + timedelta(days=services.PLANNING_HORIZON_DAYS)
    ).exists()


@pytest.mark.parametrize(("action", "status"), [("complete", "completed"), ("archive", "archived")])
def test_complete_and_archive(
    client: Client, therapist: User, assignment: Assignment, action: str, status: str
) -> None:
    client.force_login(therapist)
    assert client.post(f"/assignments/{assignment.pk}/status/", {"action": action}).status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == status


def test_completing_praises_the_client_only_for_homework_they_did(
    client: Client, therapist: User, client_user: User, assignment: Assignment
) -> None:
    client.force_login(therapist)
    response = client.post(f"/assignments/{assignment.pk}/status/", {"action": "complete"}, follow=True)
    page = html.unescape(response.content.decode())
    assert "did not log any of it as done" in page
    assert "Well done" not in page
    other = make_assignment(therapist, client_user)
    services.log_occurrence(occurrence=today_occurrence(other), status=LogStatus.SMALLER)
    response = client.post(f"/assignments/{other.pk}/status/", {"action": "complete"}, follow=True)
    assert f"Well done to {client_user.display_name}." in html.unescape(response.content.decode())


@pytest.mark.parametrize("action", ["delete", "", "ACTIVE"])
def test_unknown_action_is_400_and_writes_nothing(
    client: Client, therapist: User, assignment: Assignment, action: str
) -> None:
    before = assignment.occurrences.count()
    client.force_login(therapist)
    response = client.post(f"/assignments/{assignment.pk}/status/", {"action": action})
    assert response.status_code == 400
    assert "Nothing was changed." in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACTIVE
    assert assignment.occurrences.count() == before


def test_status_of_another_therapists_assignment_is_404_and_writes_nothing(
    client: Client, therapist: User, other_assignment: Assignment
) -> None:
    client.force_login(therapist)
    assert (
        client.post(f"/assignments/{other_assignment.pk}/status/", {"action": "archive"}).status_code == 404
    )
    other_assignment.refresh_from_db()
    assert other_assignment.status == AssignmentStatus.ACTIVE


def test_status_of_a_former_clients_assignment_is_404(
    client: Client, therapist: User, client_user: User, assignment: Assignment
) -> None:
    from django.utils import timezone

    client_user.care_relationships.update(ended_at=timezone.now())
    client.force_login(therapist)
    assert client.post(f"/assignments/{assignment.pk}/status/", {"action": "archive"}).status_code == 404


def test_status_refuses_get(client: Client, therapist: User, assignment: Assignment) -> None:
    client.force_login(therapist)
    assert client.get(f"/assignments/{assignment.pk}/status/").status_code == 405


def test_status_is_for_therapists_only(client: Client, client_user: User, assignment: Assignment) -> None:
    response = client.post(f"/assignments/{assignment.pk}/status/", {"action": "archive"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(client_user)
    assert client.post(f"/assignments/{assignment.pk}/status/", {"action": "archive"}).status_code == 403
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACTIVE


# --- Services these pages rely on ------------------------------------------------------------------


@time_machine.travel(NIGHT, tick=False)
def test_assigning_plans_from_the_clients_own_today(therapist: User, client_user: User) -> None:
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL)
    first = assignment.occurrences.order_by("due_date").first()
    assert first is not None
    assert first.due_date == date(2025, 3, 9)
    assert assignment.occurrences.order_by("due_date").last().due_date == date(2025, 3, 9) + timedelta(  # type: ignore[union-attr]
        days=services.PLANNING_HORIZON_DAYS
    )


def test_pausing_keeps_days_with_an_entry_or_log(therapist: User, client_user: User) -> None:
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL)
    occurrence = today_occurrence(assignment)
    services.save_entry(occurrence=occurrence, fields={"prompt": "p", "text": "draft"}, submit=False)
    services.set_assignment_status(assignment=assignment, status=AssignmentStatus.PAUSED)
    assert list(assignment.occurrences.all()) == [occurrence]
    # Plans nothing while paused.
    assert services.plan_occurrences(assignment) == 0


def test_updating_the_recurrence_replans_coming_days(therapist: User, client_user: User) -> None:
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL)
    services.update_assignment(
        assignment=assignment, recurrence=Recurrence.TIMES_PER_WEEK, times_per_week=2, weekdays=""
    )
    today = services.client_today(client_user)
    coming = assignment.occurrences.filter(due_date__gte=today)
    assert {o.slot for o in coming} == {1, 2}
    assert all(o.due_date.weekday() == 6 or o.due_date == assignment.end_date for o in coming)


def test_assigning_to_someone_elses_client_is_refused(therapist: User, other_client: User) -> None:
    with pytest.raises(services.HomeworkError):
        make_assignment(therapist, other_client, Kind.JOURNAL)
    assert not Assignment.objects.exists()


def test_every_builtin_template_can_be_assigned_as_it_comes(
    client: Client, therapist: User, client_user: User
) -> None:
    client.force_login(therapist)
    templates = Template.objects.filter(owner__isnull=True)
    assert templates.count() >= 6
    for template in templates:
        response = client.post(f"/library/{template.pk}/assign/", assign_data(template, client_user))
        assert response.status_code == 302, template.title
    assert Assignment.objects.filter(client=client_user).count() == templates.count()


def test_an_empty_start_date_means_the_clients_today_not_the_therapists(
    client: Client, therapist: User, client_user: User
) -> None:
    # 02:00 UTC: already 27 November in London (alice), still 26 November in New York (carol).
    with time_machine.travel(datetime(2026, 11, 27, 2, 0, tzinfo=UTC), tick=False):
        client.force_login(therapist)
        template = Template.objects.get(slug="relaxation-paced-breathing")
        page = client.get(f"/library/{template.pk}/assign/").content.decode()
        assert 'name="start_date" value=' not in page
        data = {
            name: getattr(template, name)
            for name in (
                "title",
                "instructions",
                "rationale",
                "estimated_minutes",
                "smaller_version",
                "technique",
            )
        }
        data.update(client=client_user.pk, recurrence="daily", start_date="")
        response = client.post(f"/library/{template.pk}/assign/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Assignment.objects.get().start_date == date(2026, 11, 26)


# --- The goal list follows the chosen client ---------------------------------------------------


def goal_select(response: Any) -> str:
    """The goal ``<select>`` as the page shows it (not the ``<template>`` the script reads)."""
    match = re.search(r'<select name="goal".*?</select>', response.content.decode(), re.S)
    assert match is not None, "no goal list"
    return match.group(0)


def second_client(therapist: User, email: str = "erin@example.com", name: str = "Erin Evans") -> User:
    from conftest import make_user
    from mallard.models import CareRelationship, Role

    person = make_user(email, name, Role.CLIENT)
    CareRelationship.objects.create(therapist=therapist, client=person)
    return person


def test_assign_without_a_chosen_client_groups_the_goals_by_client(
    client: Client, therapist: User, client_user: User
) -> None:
    erin = second_client(therapist)
    services.create_goal(client=client_user, created_by=therapist, text="Sleep before midnight")
    erins = services.create_goal(client=erin, created_by=therapist, text="Walk to work")
    client.force_login(therapist)
    shown = goal_select(client.get(f"/library/{builtin(Kind.JOURNAL).pk}/assign/"))
    groups = re.findall(r'<optgroup label="([^"]*)">(.*?)</optgroup>', shown, re.S)
    assert [(label, "Sleep before midnight" in body, "Walk to work" in body) for label, body in groups] == [
        ("Carol Chen", True, False),
        ("Erin Evans", False, True),
    ]
    assert f'<option value="{erins.pk}">Walk to work</option>' in shown
    assert '<option value="" selected>No particular goal</option>' in shown


def test_assign_for_a_chosen_client_lists_only_that_clients_goals(
    client: Client, therapist: User, client_user: User
) -> None:
    erin = second_client(therapist)
    services.create_goal(client=client_user, created_by=therapist, text="Sleep before midnight")
    services.create_goal(client=erin, created_by=therapist, text="Walk to work")
    client.force_login(therapist)
    response = client.get(f"/library/{builtin(Kind.JOURNAL).pk}/assign/", {"client": erin.pk})
    shown = goal_select(response)
    assert "Walk to work" in shown
    assert "Sleep before midnight" not in shown
    assert "<optgroup" not in shown
    # Every client's goals are still on the page for the script, inert in a <template>.
    template = re.search(r"<template data-goal-choices.*?</template>", response.content.decode(), re.S)
    assert template is not None
    assert 'data-client-select="id_client"' in template.group(0)
    assert f'data-client="{client_user.pk}"' in template.group(0)
    assert "Sleep before midnight" in template.group(0)
    assert "js/assign-goals" in response.content.decode()


def test_assign_lists_the_posted_clients_goals_when_the_form_comes_back(
    client: Client, therapist: User, client_user: User
) -> None:
    erin = second_client(therapist)
    services.create_goal(client=client_user, created_by=therapist, text="Sleep before midnight")
    services.create_goal(client=erin, created_by=therapist, text="Walk to work")
    template = builtin(Kind.JOURNAL)
    client.force_login(therapist)
    response = client.post(f"/library/{template.pk}/assign/", assign_data(template, erin, title=""))
    assert field_error(response, "title")
    shown = goal_select(response)
    assert "Walk to work" in shown
    assert "Sleep before midnight" not in shown


def test_assign_refuses_a_goal_of_another_client_saying_whose_it_is_and_keeps_what_was_typed(
    client: Client, therapist: User, client_user: User
) -> None:
    erin = second_client(therapist)
    carols = services.create_goal(client=client_user, created_by=therapist, text="Sleep before midnight")
    services.create_goal(client=erin, created_by=therapist, text="Walk to work")
    template = builtin(Kind.JOURNAL)
    client.force_login(therapist)
    data = assign_data(template, erin, goal=carols.pk, title="Morning pages", obstacle="Rain")
    response = client.post(f"/library/{template.pk}/assign/", data)
    assert response.status_code == 200
    assert field_error(response, "goal") == (
        "“Sleep before midnight” is Carol Chen's goal, not Erin Evans's. "
        "Choose one of Erin Evans's goals, or “No particular goal”."
    )
    assert field_value(response, "title") == "Morning pages"
    assert field_value(response, "obstacle") == "Rain"
    assert re.search(rf'<option value="{erin.pk}" selected>', response.content.decode())
    assert "Sleep before midnight" not in goal_select(response)
    assert not Assignment.objects.exists()


def test_assign_without_any_goals_has_no_template_or_script(
    client: Client, therapist: User, client_user: User
) -> None:
    client.force_login(therapist)
    content = client.get(f"/library/{builtin(Kind.JOURNAL).pk}/assign/").content.decode()
    assert "data-goal-choices" not in content
    assert "js/assign-goals" not in content


@pytest.mark.parametrize("clients", [1, 6])
def test_assign_query_count_does_not_grow_with_clients_or_goals(
    client: Client, therapist: User, client_user: User, clients: int
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    people = [client_user] + [
        second_client(therapist, f"person{n}@example.com", f"Person {n}") for n in range(clients - 1)
    ]
    for person in people:
        for n in range(clients):
            services.create_goal(client=person, created_by=therapist, text=f"Goal {n}")
    url = f"/library/{builtin(Kind.JOURNAL).pk}/assign/"
    client.force_login(therapist)
    client.get(url)
    counts = []
    for params in ({}, {"client": client_user.pk}):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, params).status_code == 200
        counts.append(len(queries))
    assert counts == ASSIGN_QUERIES


# The assign page's queries without and with ``?client=``, at every size.
ASSIGN_QUERIES = [5, 6]


# --- No past dates on a new start or due date -----------------------------------------------------


def test_a_start_before_the_clients_today_is_refused_and_what_was_typed_stays(
    client: Client, therapist: User, client_user: User
) -> None:
    template = builtin(Kind.RELAXATION)
    client.force_login(therapist)
    with time_machine.travel(NIGHT, tick=False):  # Sunday 9 March for the client, Monday for alice
        typed = assign_data(template, client_user, start_date="2025-02-25", obstacle="Late shifts")
        response = client.post(f"/library/{template.pk}/assign/", typed)
    assert response.status_code == 200
    assert field_error(response, "start_date") == (
        "Start today (Sunday 9 March 2025, the client's date) or later: "
        "days before homework is assigned can't be practised."
    )
    assert field_value(response, "start_date") == "2025-02-25"
    assert field_value(response, "obstacle") == "Late shifts"
    assert not Assignment.objects.exists()


def test_the_clients_today_is_a_start_even_when_the_therapists_day_is_later(
    client: Client, therapist: User, client_user: User
) -> None:
    template = builtin(Kind.RELAXATION)
    client.force_login(therapist)
    with time_machine.travel(NIGHT, tick=False):
        response = client.post(
            f"/library/{template.pk}/assign/", assign_data(template, client_user, start_date="2025-03-09")
        )
    assert response.status_code == 302
    assert Assignment.objects.get().start_date == date(2025, 3, 9)


def test_a_one_off_due_before_the_clients_today_is_refused(
    client: Client, therapist: User, client_user: User
) -> None:
    template = builtin(Kind.READING)
    client.force_login(therapist)
    with time_machine.travel(NIGHT, tick=False):
        typed = assign_data(
            template, client_user, start_date="", recurrence=Recurrence.ONCE, end_date="2025-03-06"
        )
        response = client.post(f"/library/{template.pk}/assign/", typed)
    assert response.status_code == 200
    assert field_error(response, "end_date") == (
        "Choose a due date from today (Sunday 9 March 2025, the client's date) on: "
        "a one-off can't be due before it is assigned."
    )
    assert field_value(response, "end_date") == "2025-03-06"
    assert not Assignment.objects.exists()


def test_an_edit_may_keep_a_past_start_but_not_move_it_into_the_past(
    client: Client, therapist: User, client_user: User
) -> None:
    today = services.client_today(client_user)
    assignment = make_assignment(therapist, client_user)
    Assignment.objects.filter(pk=assignment.pk).update(start_date=today - timedelta(days=400))
    assignment.refresh_from_db()
    client.force_login(therapist)
    url = f"/assignments/{assignment.pk}/edit/"
    kept = client.post(url, edit_data(assignment, obstacle="Rain"))
    assert kept.status_code == 302
    assignment.refresh_from_db()
    assert assignment.obstacle == "Rain" and assignment.start_date == today - timedelta(days=400)
    earlier = (today - timedelta(days=3)).isoformat()
    moved = client.post(url, edit_data(assignment, start_date=earlier))
    assert moved.status_code == 200
    assert field_error(moved, "start_date").startswith("Start today (")
    assert field_value(moved, "start_date") == earlier


def test_an_edit_that_makes_homework_a_one_off_due_in_the_past_is_refused(
    client: Client, therapist: User, client_user: User
) -> None:
    today = services.client_today(client_user)
    assignment = make_assignment(therapist, client_user)
    Assignment.objects.filter(pk=assignment.pk).update(
        start_date=today - timedelta(days=10), end_date=today - timedelta(days=2)
    )
    assignment.refresh_from_db()
    client.force_login(therapist)
    url = f"/assignments/{assignment.pk}/edit/"
    response = client.post(url, edit_data(assignment, recurrence=Recurrence.ONCE))
    assert response.status_code == 200
    assert field_error(response, "end_date").startswith("Choose a due date from today (")

    # With no due date, a one-off is due on its start: a past start is refused the same way.
    response = client.post(url, edit_data(assignment, recurrence=Recurrence.ONCE, end_date=""))
    assert response.status_code == 200
    assert field_error(response, "end_date").startswith("Choose a due date from today (")
    assignment.refresh_from_db()
    assert assignment.recurrence != Recurrence.ONCE
