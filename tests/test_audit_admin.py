"""The admin: staff reads of clinical records are recorded, and the audit trail itself is read-only."""

from __future__ import annotations

import pytest
from django.contrib.admin.sites import site
from django.test import Client, RequestFactory

from conftest import make_user
from homework import services
from homework.models import Goal, GoalRating, JournalEntry, Kind, LogStatus
from homework.services import Outcome
from homework.tests.conftest import make_assignment, today_occurrence
from mallard import audit
from mallard.models import AuditEntry, Role, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_staff(client: Client, staff: User) -> Client:
    client.force_login(staff)
    return client


def staff_reads(staff: User) -> list[tuple[str, int, int | None, str]]:
    rows = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, actor=staff).order_by("pk")
    return [(row.content_type.model, row.object_id, row.client_id, row.view_name) for row in rows]


def test_a_change_page_records_the_object_and_its_inlines(
    as_staff: Client, staff: User, therapist: User, client_user: User
) -> None:
    goal = services.create_goal(client=client_user, created_by=therapist, text="Walk daily", rating=4)
    rating = GoalRating.objects.get(goal=goal)
    response = as_staff.get(f"/admin/homework/goal/{goal.pk}/change/")
    assert response.status_code == 200
    page = "admin:homework_goal_change"
    assert staff_reads(staff) == [
        ("goal", goal.pk, client_user.pk, page),
        ("goalrating", rating.pk, client_user.pk, page),
    ]


def test_a_list_page_records_each_row_shown_in_one_insert(
    as_staff: Client,
    staff: User,
    therapist: User,
    client_user: User,
    other_therapist: User,
    other_client: User,
) -> None:
    mine = services.create_goal(client=client_user, created_by=therapist, text="Walk daily")
    theirs = services.create_goal(client=other_client, created_by=other_therapist, text="Sleep by 11")
    assert as_staff.get("/admin/homework/goal/").status_code == 200
    assert sorted(staff_reads(staff)) == sorted(
        [
            ("goal", mine.pk, client_user.pk, "admin:homework_goal_changelist"),
            ("goal", theirs.pk, other_client.pk, "admin:homework_goal_changelist"),
        ]
    )


def test_an_entry_kind_change_page_is_recorded(
    as_staff: Client, staff: User, therapist: User, client_user: User
) -> None:
    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.JOURNAL))
    entry = services.save_entry(
        occurrence=occurrence,
        fields={"prompt": "Today", "text": "A hard day"},
        submit=True,
        outcome=Outcome(status=LogStatus.DONE),
    )
    assert as_staff.get(f"/admin/homework/journalentry/{entry.pk}/change/").status_code == 200
    assert staff_reads(staff) == [
        ("journalentry", entry.pk, client_user.pk, "admin:homework_journalentry_change"),
    ]
    assert JournalEntry.objects.filter(pk=entry.pk).exists()


def test_the_audit_trail_admin_cannot_add_change_or_delete(
    as_staff: Client, therapist: User, client_user: User
) -> None:
    goal = services.create_goal(client=client_user, created_by=therapist, text="Walk daily")
    row = AuditEntry.objects.get(object_id=goal.pk)
    assert as_staff.get("/admin/mallard/auditentry/add/").status_code == 403
    assert as_staff.get(f"/admin/mallard/auditentry/{row.pk}/delete/").status_code == 403
    response = as_staff.get(f"/admin/mallard/auditentry/{row.pk}/change/")
    assert response.status_code == 200  # a read-only view
    assert b'name="_save"' not in response.content
    response = as_staff.post(f"/admin/mallard/auditentry/{row.pk}/change/", {"view_name": "forged"})
    assert response.status_code == 403
    listing = as_staff.get("/admin/mallard/auditentry/")
    assert listing.status_code == 200
    assert b'name="action"' not in listing.content  # no bulk actions, so no "delete selected"
    assert AuditEntry.objects.get(pk=row.pk).view_name == "task"
    model_admin = site.get_model_admin(AuditEntry)
    assert not model_admin.get_actions(listing.wsgi_request)


def test_the_audit_trail_admin_filters_and_searches_by_id(
    as_staff: Client, therapist: User, client_user: User, other_therapist: User, other_client: User
) -> None:
    mine = services.create_goal(client=client_user, created_by=therapist, text="Walk daily")
    services.create_goal(client=other_client, created_by=other_therapist, text="Sleep by 11")
    goal_type = AuditEntry.objects.get(object_id=mine.pk).content_type_id
    checks = {
        f"?client__id__exact={client_user.pk}": 1,
        f"?content_type__id__exact={goal_type}": 2,
        f"?action__exact={AuditEntry.Action.CREATE}": 2,
        f"?action__exact={AuditEntry.Action.ACCESS}": 0,
        "?timestamp__year=2000": 0,
        f"?q={mine.pk}": 1,
        f"?q={client_user.pk}": 1,
        "?q=not-a-number": 0,
    }
    for query, count in checks.items():
        response = as_staff.get(f"/admin/mallard/auditentry/{query}")
        assert response.status_code == 200, query
        assert response.context["cl"].result_count == count, query


def test_the_actor_filter_lists_people_in_the_trail(
    client: Client, staff: User, therapist: User, client_user: User
) -> None:
    client.force_login(therapist)
    client.get(f"/clients/{client_user.pk}/homework/")
    client.force_login(staff)
    response = client.get(f"/admin/mallard/auditentry/?actor__id__exact={therapist.pk}")
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


def test_people_without_admin_access_cannot_read_the_trail(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    response = client.get("/admin/mallard/auditentry/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert Goal.objects.count() == 0


def test_a_row_whose_actor_is_gone_still_shows(as_staff: Client, client_user: User) -> None:
    gone = make_user("gone@example.com", "Gone Therapist", Role.THERAPIST)
    request = RequestFactory().get("/")
    request.user = gone
    audit.record_access(request, [client_user], client=client_user)
    gone.delete()
    row = AuditEntry.objects.get()
    assert as_staff.get("/admin/mallard/auditentry/").status_code == 200
    response = as_staff.get(f"/admin/mallard/auditentry/{row.pk}/change/")
    assert response.status_code == 200
    assert "gone@example.com" in response.content.decode()


def test_djangos_admin_history_names_records_by_label_not_content(
    as_staff: Client, staff: User, therapist: User, client_user: User
) -> None:
    from django.contrib.admin.models import LogEntry

    goal = services.create_goal(client=client_user, created_by=therapist, text="Stop hiding from my sister")
    request = RequestFactory().post("/admin/homework/goal/")
    request.user = staff
    goal_admin = site._registry[Goal]
    # What Django's admin passes when a form changed a field and an inline added a row.
    message = [{"changed": {"fields": ["Text"]}}, {"added": {"name": "goal rating", "object": "Sundays"}}]
    goal_admin.log_change(request, goal, message)
    goal_admin.log_deletions(request, Goal.objects.filter(pk=goal.pk))
    entries = list(LogEntry.objects.filter(object_id=str(goal.pk)))
    assert [entry.object_repr for entry in entries] == [f"Goal #{goal.pk}"] * 2
    history = as_staff.get(f"/admin/homework/goal/{goal.pk}/history/").content.decode()
    assert "Changed Text" in history
    assert "Sundays" not in history
    for words in ("sister", "Sundays", "hiding"):
        assert all(words not in entry.object_repr + entry.change_message for entry in entries)
