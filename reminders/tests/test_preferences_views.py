"""The reminder policy page, the per-assignment form, the reminder log and the therapist's view."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
import time_machine
from django.urls import reverse

from homework.models import AssignmentStatus, Kind
from homework.tests.conftest import make_assignment
from reminders.models import (
    AssignmentReminder,
    Backoff,
    Channel,
    Reminder,
    ReminderKind,
    ReminderPreferences,
    ReminderStatus,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)  # 08:00 in New York
PREFERENCES = reverse("reminders-preferences")
LOG = reverse("reminders-log")


@pytest.fixture(autouse=True)
def _no_news(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about practice reminders; news e-mails (reminders.news) have their own tests."""
    from homework import hooks

    monkeypatch.setattr(hooks, "client_told", [])


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _valid(**changes):
    data = {
        "enabled": "on",
        "email_enabled": "on",
        "in_app_enabled": "on",
        "quiet_start": "",
        "quiet_end": "",
        "daily_cap": "3",
        "backoff": Backoff.NONE,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _setting_url(assignment) -> str:
    return reverse("reminders-assignment", args=[assignment.pk])


# --- The policy page ---------------------------------------------------------------------------


def test_client_sees_their_choices_and_each_activity(client, client_user, therapist) -> None:
    assignment = make_assignment(therapist, client_user, preferred_time=time(20, 0))
    client.force_login(client_user)
    response = client.get(PREFERENCES)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Quiet hours" in body
    assert assignment.title in body
    assert 'value="20:00"' in body  # the time defaults to the assignment's preferred time
    assert "Next reminder: Wednesday 10 June, 20:00" in body
    assert not ReminderPreferences.objects.filter(user=client_user).exists()  # showing the page saves nothing


def test_an_activity_without_a_time_says_it_has_no_reminders(client, client_user, therapist) -> None:
    make_assignment(therapist, client_user, preferred_time=None)
    client.force_login(client_user)
    assert "No time is set for this activity" in client.get(PREFERENCES).content.decode()


def test_saving_choices_replans_in_the_same_request(client, client_user, therapist) -> None:
    make_assignment(therapist, client_user)
    client.force_login(client_user)
    data = _valid(email_enabled=None, daily_cap="2", backoff=Backoff.GENTLE, weekly_summary="on")
    data.update(quiet_start="22:00", quiet_end="07:00")
    response = client.post(PREFERENCES, data)
    assert response.status_code == 302
    preferences = ReminderPreferences.objects.get(user=client_user)
    assert (preferences.email_enabled, preferences.daily_cap, preferences.backoff) == (
        False,
        2,
        Backoff.GENTLE,
    )
    assert (preferences.quiet_start, preferences.quiet_end, preferences.weekly_summary) == (
        time(22, 0),
        time(7, 0),
        True,
    )
    assert not Reminder.objects.filter(channel=Channel.EMAIL, status=ReminderStatus.PENDING).exists()
    assert Reminder.objects.filter(channel=Channel.IN_APP, status=ReminderStatus.PENDING).exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"quiet_start": "25:00", "quiet_end": "07:00"}, "quiet_start", "HH:MM"),
        ({"quiet_start": "22:00", "quiet_end": ""}, "quiet_end", "Add when quiet hours end"),
        ({"quiet_start": "", "quiet_end": "07:00"}, "quiet_start", "Add when quiet hours start"),
        ({"quiet_start": "22:00", "quiet_end": "22:00"}, "quiet_end", "different time"),
        ({"daily_cap": "5"}, "daily_cap", "Choose a number from 1 to 4."),
        ({"daily_cap": "0"}, "daily_cap", "Choose a number from 1 to 4."),
        ({"backoff": "never"}, "backoff", "Choose one of the options"),
    ],
)
def test_bad_choices_show_an_error_beside_the_field_and_save_nothing(
    client, client_user, changes, field, message
) -> None:
    client.force_login(client_user)
    response = client.post(PREFERENCES, _valid(**changes))
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert f'id="error_1_id_{field}"' in response.content.decode()
    for name, value in changes.items():  # everything typed is kept
        if value and name != "backoff":
            assert f'value="{value}"' in response.content.decode()
    assert not ReminderPreferences.objects.filter(user=client_user).exists()


def test_therapist_sees_only_the_weekly_digest(client, therapist) -> None:
    client.force_login(therapist)
    body = client.get(PREFERENCES).content.decode()
    assert "weekly digest" in body
    assert "Quiet hours" not in body
    assert client.post(PREFERENCES, {"weekly_summary": "on", "daily_cap": "4"}).status_code == 302
    preferences = ReminderPreferences.objects.get(user=therapist)
    assert (preferences.weekly_summary, preferences.daily_cap) == (True, 3)


def test_preferences_page_rejects_other_methods(client, client_user) -> None:
    client.force_login(client_user)
    assert client.put(PREFERENCES).status_code == 405


def test_preferences_page_needs_sign_in(client) -> None:
    response = client.get(PREFERENCES)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_page_says_how_many_practice_reminders_the_limit_held_back_today(
    client, client_user, therapist
) -> None:
    client.force_login(client_user)
    assert "held back today by your limit" not in client.get(PREFERENCES).content.decode()
    with time_machine.travel(NOW - timedelta(days=1), tick=False):
        make_assignment(therapist, client_user, preferred_time=time(6, 0))
        make_assignment(therapist, client_user, Kind.JOURNAL, preferred_time=time(6, 0))
    today = Reminder.objects.filter(user=client_user, kind=ReminderKind.OCCURRENCE, due_at__date=NOW.date())
    # Both channels of both practices were held back by the limit; each practice counts once.
    assert today.update(status=ReminderStatus.SKIPPED, reason="daily limit reached") == 4
    with time_machine.travel(NOW, tick=False):
        body = client.get(PREFERENCES).content.decode()
    assert "2 practice reminders were held back today by your limit." in body
    assert "News from your therapist (new or changed homework, feedback) doesn" in body


def test_staff_get_403_on_the_preferences_page(client, staff) -> None:
    client.force_login(staff)
    assert client.get(PREFERENCES).status_code == 403


def test_preferences_page_query_count_does_not_grow_with_assignments(
    client, client_user, therapist, django_assert_max_num_queries
) -> None:
    make_assignment(therapist, client_user)
    make_assignment(therapist, client_user, Kind.JOURNAL)
    client.force_login(client_user)
    client.get(PREFERENCES)
    with django_assert_max_num_queries(12):
        assert client.get(PREFERENCES).status_code == 200
    for _ in range(10):
        make_assignment(therapist, client_user, Kind.RELAXATION)
    with django_assert_max_num_queries(12):
        assert client.get(PREFERENCES).status_code == 200


# --- One assignment's setting ------------------------------------------------------------------


def test_client_sets_an_assignments_time_and_reminders_move(client, client_user, therapist) -> None:
    assignment = make_assignment(therapist, client_user, preferred_time=time(20, 0))
    client.force_login(client_user)
    prefix = f"a{assignment.pk}"
    response = client.post(
        _setting_url(assignment), {f"{prefix}-enabled": "on", f"{prefix}-time_of_day": "18:45"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#assignment-{assignment.pk}")
    assignment.refresh_from_db()
    assert assignment.client_time == time(18, 45)
    due = Reminder.objects.filter(occurrence__assignment=assignment, status=ReminderStatus.PENDING)
    assert {d.astimezone(client_user.zone).time() for d in due.values_list("due_at", flat=True)} == {
        time(18, 45)
    }


def test_client_turns_one_assignment_off(client, client_user, therapist) -> None:
    assignment = make_assignment(therapist, client_user)
    client.force_login(client_user)
    client.post(_setting_url(assignment), {f"a{assignment.pk}-time_of_day": "20:00"})
    assert AssignmentReminder.objects.get(assignment=assignment).enabled is False
    assert not Reminder.objects.filter(status=ReminderStatus.PENDING).exists()


@pytest.mark.parametrize("bad", ["24:00", "7pm", "12:60", "-01:00", "20:00:00x"])
def test_a_time_of_day_outside_0000_2359_is_rejected_beside_the_field(
    client, client_user, therapist, bad
) -> None:
    assignment = make_assignment(therapist, client_user)
    client.force_login(client_user)
    prefix = f"a{assignment.pk}"
    response = client.post(
        _setting_url(assignment), {f"{prefix}-enabled": "on", f"{prefix}-time_of_day": bad}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Enter a time as HH:MM" in body
    assert f'id="error_1_id_{prefix}-time_of_day"' in body
    assert f'value="{bad}"' in body
    assert not AssignmentReminder.objects.filter(assignment=assignment).exists()
    assignment.refresh_from_db()
    assert assignment.client_time is None


def test_assignment_setting_rejects_get(client, client_user, therapist) -> None:
    assignment = make_assignment(therapist, client_user)
    client.force_login(client_user)
    assert client.get(_setting_url(assignment)).status_code == 405


def test_another_clients_assignment_is_404_and_nothing_is_written(
    client, client_user, other_therapist, other_client
) -> None:
    theirs = make_assignment(other_therapist, other_client)
    client.force_login(client_user)
    prefix = f"a{theirs.pk}"
    response = client.post(_setting_url(theirs), {f"{prefix}-time_of_day": "03:00"})
    assert response.status_code == 404
    assert not AssignmentReminder.objects.exists()
    theirs.refresh_from_db()
    assert theirs.client_time is None
    assert Reminder.objects.filter(user=other_client, status=ReminderStatus.PENDING).exists()


def test_assignment_setting_needs_sign_in_and_a_client(client, therapist, client_user) -> None:
    assignment = make_assignment(therapist, client_user)
    response = client.post(_setting_url(assignment), {})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(therapist)
    assert client.post(_setting_url(assignment), {}).status_code == 403


def test_a_finished_assignment_has_no_setting_to_change(client, client_user, therapist) -> None:
    from homework import services

    assignment = make_assignment(therapist, client_user)
    services.set_assignment_status(assignment=assignment, status=AssignmentStatus.ARCHIVED)
    client.force_login(client_user)
    assert client.post(_setting_url(assignment), {f"a{assignment.pk}-enabled": "on"}).status_code == 302
    assert not AssignmentReminder.objects.exists()


# --- The reminder log --------------------------------------------------------------------------


def _history(client_user, therapist, rows: int) -> None:
    """``rows`` past reminders (both channels of each day), alternately sent and skipped."""
    from homework.models import Occurrence

    with time_machine.travel(NOW - timedelta(days=13), tick=False):
        make_assignment(therapist, client_user, preferred_time=time(6, 0))
    Reminder.objects.filter(user=client_user, status=ReminderStatus.PENDING).delete()
    occurrences = Occurrence.objects.filter(
        client=client_user, due_date__lt=NOW.date(), reminders__isnull=True
    ).order_by("due_date")
    made = []
    for n, occurrence in enumerate(occurrences[: (rows + 1) // 2]):
        due = datetime.combine(occurrence.due_date, time(10, 0), tzinfo=UTC)
        sent = n % 2 == 0
        made += [
            Reminder(
                user=client_user,
                occurrence=occurrence,
                channel=channel,
                due_at=due,
                status=ReminderStatus.SENT if sent else ReminderStatus.SKIPPED,
                sent_at=due if sent else None,
                reason="" if sent else "in quiet hours",
                idempotency_key=f"test:{occurrence.pk}:{channel}",
            )
            for channel in Channel.values
        ]
    Reminder.objects.bulk_create(made[:rows])


def test_log_lists_sent_and_skipped_reminders_with_reasons_and_no_content(
    client, client_user, therapist
) -> None:
    _history(client_user, therapist, 4)
    client.force_login(client_user)
    response = client.get(LOG)
    body = response.content.decode()
    assert response.status_code == 200
    assert "A practice activity planned for 06:00" in body  # 10:00 UTC in New York
    assert "Not sent: in quiet hours" in body
    assert "Sent at 06:00" in body
    title = Reminder.objects.select_related("occurrence__assignment").filter(user=client_user)[0]
    assert title.occurrence is not None
    assert title.occurrence.assignment.title not in body


def test_log_is_paginated_newest_first(client, client_user, therapist) -> None:
    _history(client_user, therapist, 24)
    client.force_login(client_user)
    page = client.get(LOG).context["page"]
    assert len(page.object_list) == 20
    due = [r.due_at for r in page.object_list]
    assert due == sorted(due, reverse=True)
    assert due[0] > due[-1]
    assert len(client.get(LOG, {"page": 2}).context["page"].object_list) == 4


def test_log_shows_only_the_clients_own_reminders(client, client_user, other_therapist, other_client) -> None:
    _history(other_client, other_therapist, 2)
    client.force_login(client_user)
    assert list(client.get(LOG).context["page"].object_list) == []


def test_log_query_count_does_not_grow_with_rows(
    client, client_user, therapist, django_assert_max_num_queries
) -> None:
    _history(client_user, therapist, 2)
    client.force_login(client_user)
    client.get(LOG)
    with django_assert_max_num_queries(9):
        assert len(client.get(LOG).context["page"].object_list) == 2
    _history(client_user, therapist, 12)
    with django_assert_max_num_queries(9):
        assert len(client.get(LOG).context["page"].object_list) == 14


def test_log_rejects_post_needs_sign_in_and_a_client(client, client_user, therapist) -> None:
    response = client.get(LOG)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(client_user)
    assert client.post(LOG).status_code == 405
    client.force_login(therapist)
    assert client.get(LOG).status_code == 403


# --- What the therapist sees -------------------------------------------------------------------


def _status_url(client_user) -> str:
    return reverse("reminders-client-status", args=[client_user.pk])


def test_therapist_sees_whether_reminders_arrive_but_not_private_settings(
    client, therapist, client_user
) -> None:
    _history(client_user, therapist, 8)
    Reminder.objects.filter(user=client_user, status=ReminderStatus.SKIPPED).update(
        status=ReminderStatus.FAILED, reason="mailbox full"
    )
    ReminderPreferences.objects.create(user=client_user, quiet_start=time(21, 30), quiet_end=time(6, 15))
    client.force_login(therapist)
    response = client.get(_status_url(client_user))
    assert response.status_code == 200
    status = response.context["status"]
    # Four practices, each reminded by e-mail and in the app: two sent, two undeliverable.
    assert (status.enabled, status.sent, status.failed, status.skipped) == (True, 2, 2, 0)
    assert status.last_sent_at is not None
    body = response.content.decode()
    assert "21:30" not in body
    assert "Quiet" not in body
    assert "mailbox full" not in body


def test_therapist_counts_each_practice_once_like_the_clients_page(client, therapist, client_user) -> None:
    _history(client_user, therapist, 6)  # three practices, both channels: sent, skipped, sent
    first, second, _ = (
        Reminder.objects.filter(user=client_user, channel=Channel.EMAIL)
        .order_by("due_at")
        .values_list("occurrence_id", flat=True)
    )
    # The first practice's e-mail bounced but its in-app reminder went out: it reached the client.
    Reminder.objects.filter(occurrence_id=first, channel=Channel.EMAIL).update(
        status=ReminderStatus.FAILED, sent_at=None
    )
    # The second practice: its e-mail could not be delivered and its in-app reminder was held back.
    Reminder.objects.filter(occurrence_id=second, channel=Channel.EMAIL).update(status=ReminderStatus.FAILED)
    client.force_login(therapist)
    response = client.get(_status_url(client_user))
    status = response.context["status"]
    assert (status.sent, status.failed, status.skipped) == (2, 1, 0)
    body = response.content.decode()
    assert "Planned practices in the last 14 days" in body
    assert "an e-mail and an in-app reminder for the same practice are one reminder" in body


def test_therapist_sees_reminders_off(client, therapist, client_user) -> None:
    ReminderPreferences.objects.create(user=client_user, enabled=False)
    client.force_login(therapist)
    assert "Off (the client turned them off)" in client.get(_status_url(client_user)).content.decode()


def test_the_status_page_leads_back_to_the_client(client, therapist, client_user) -> None:
    client.force_login(therapist)
    body = client.get(_status_url(client_user)).content.decode()
    assert f'<a href="/clients/{client_user.pk}/overview/">{client_user.display_name}</a>' in body


def test_another_therapists_client_is_404(client, therapist, other_client) -> None:
    client.force_login(therapist)
    assert client.get(_status_url(other_client)).status_code == 404


def test_the_therapists_read_of_the_status_is_on_the_clients_audit_trail(
    client, therapist, client_user
) -> None:
    from mallard.models import AuditEntry

    client.force_login(therapist)
    assert client.get(_status_url(client_user)).status_code == 200
    [read] = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS)
    assert (read.actor_id, read.client_id, read.object_id) == (therapist.pk, client_user.pk, client_user.pk)
    assert read.view_name == "reminders-client-status"


# The status page's queries: the session and the therapist (2), the client through the therapist's
# care (1), their on/off choice (1), the last 14 days by practice (1), the last send (1), and the
# audit trail's one INSERT for the read (1). Whatever the number of reminders.
STATUS_QUERIES = 7


def test_client_status_runs_a_fixed_number_of_queries(
    client, therapist, client_user, django_assert_num_queries
) -> None:
    _history(client_user, therapist, 2)
    client.force_login(therapist)
    client.get(_status_url(client_user))
    with django_assert_num_queries(STATUS_QUERIES):
        assert client.get(_status_url(client_user)).context["status"].sent == 1
    _history(client_user, therapist, 12)
    with django_assert_num_queries(STATUS_QUERIES):
        assert client.get(_status_url(client_user)).status_code == 200


def test_client_status_rejects_post_and_wrong_roles(client, therapist, client_user) -> None:
    response = client.get(_status_url(client_user))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(client_user)
    assert client.get(_status_url(client_user)).status_code == 403
    client.force_login(therapist)
    assert client.post(_status_url(client_user)).status_code == 405


def test_a_time_inside_quiet_hours_is_refused_beside_the_field(client, client_user, therapist) -> None:
    assignment = make_assignment(therapist, client_user, preferred_time=time(20, 0))
    ReminderPreferences.objects.create(user=client_user, quiet_start=time(22, 0), quiet_end=time(7, 0))
    client.force_login(client_user)
    prefix = f"a{assignment.pk}"
    response = client.post(
        _setting_url(assignment), {f"{prefix}-enabled": "on", f"{prefix}-time_of_day": "23:00"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "23:00 is inside your quiet hours (22:00–07:00)" in body
    assert f'id="error_1_id_{prefix}-time_of_day"' in body
    assert 'value="23:00"' in body
    assignment.refresh_from_db()
    assert assignment.client_time is None
    # Turned off, the time can be anything: no reminder is planned for it.
    response = client.post(_setting_url(assignment), {f"{prefix}-time_of_day": "23:00"})
    assert response.status_code == 302


def test_quiet_hours_that_cover_an_activitys_time_are_saved_with_a_warning_naming_it(
    client, client_user, therapist
) -> None:
    late = make_assignment(therapist, client_user, preferred_time=time(23, 0), title="Evening wind-down")
    make_assignment(therapist, client_user, preferred_time=time(20, 0), title="Paced breathing")
    client.force_login(client_user)
    response = client.post(PREFERENCES, _valid(quiet_start="22:00", quiet_end="07:00"), follow=True)
    shown = [str(message) for message in response.context["messages"]]
    assert shown[0] == "Your reminder choices are saved."
    assert shown[1:] == [
        f"“{late.title}”: 23:00 is inside your quiet hours (22:00–07:00), which last until the next day,"
        " so no reminder would be sent at that time. Choose a time outside them, or change your quiet hours."
    ]


def test_a_time_inside_quiet_hours_that_end_that_day_is_saved_and_waits_for_their_end(
    client, client_user, therapist
) -> None:
    """What the page says (a reminder in quiet hours waits until they end) is what saving says."""
    assignment = make_assignment(therapist, client_user, preferred_time=time(12, 30))
    ReminderPreferences.objects.create(user=client_user, quiet_start=time(7, 0), quiet_end=time(9, 0))
    client.force_login(client_user)
    prefix = f"a{assignment.pk}"
    with time_machine.travel(NOW, tick=False):
        response = client.post(
            _setting_url(assignment),
            {f"{prefix}-enabled": "on", f"{prefix}-time_of_day": "08:00"},
            follow=True,
        )
    shown = [str(message) for message in response.context["messages"]]
    assert shown == [
        f"Reminder saved for “{assignment.title}”.",
        "08:00 is inside your quiet hours (07:00–09:00), so its reminder waits until they end and comes at 09:00.",
    ]
    assignment.refresh_from_db()
    assert assignment.client_time == time(8, 0)
    body = response.content.decode()
    # 09:00 is when quiet hours end, not the time the client chose: the page says which is which.
    assert "Next reminder: Wednesday 10 June, 09:00 (after your quiet hours; your own time is 08:00)." in body
    assert "09:00 (your own time)" not in body
    # Saving quiet hours that cover it says the same.
    response = client.post(PREFERENCES, _valid(quiet_start="07:00", quiet_end="09:00"), follow=True)
    shown = [str(message) for message in response.context["messages"]]
    assert shown[1:] == [
        f"“{assignment.title}”: 08:00 is inside your quiet hours (07:00–09:00), so its reminder waits until"
        " they end and comes at 09:00."
    ]


def test_a_refused_activity_time_is_summed_up_at_the_top_with_a_link_to_its_field(
    client, client_user, therapist
) -> None:
    """On a phone the activity's card is screens below the top, where the page opens: the summary
    there says which activity and what is wrong, and leads to the field."""
    make_assignment(therapist, client_user, preferred_time=time(19, 0), title="Morning walk")
    assignment = make_assignment(therapist, client_user, preferred_time=time(20, 0), title="Paced breathing")
    ReminderPreferences.objects.create(user=client_user, quiet_start=time(22, 0), quiet_end=time(7, 0))
    client.force_login(client_user)
    prefix = f"a{assignment.pk}"
    response = client.post(
        _setting_url(assignment), {f"{prefix}-enabled": "on", f"{prefix}-time_of_day": "23:00"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    summary = body[body.index('id="error-summary"') : body.index("</ul>", body.index('id="error-summary"'))]
    assert f'href="#id_{prefix}-time_of_day"' in summary
    assert "Reminder for “Paced breathing”: 23:00 is inside your quiet hours (22:00–07:00)" in summary
    assert "Morning walk" not in summary
    assert body.index('id="error-summary"') < body.index('id="choices-heading"')
    assert f'id="id_{prefix}-time_of_day"' in body
    assert "<title>Error: Reminders" in body
