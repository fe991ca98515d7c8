"""/reminders/snooze/<token>/: no sign-in; one follow-up per reminder, today only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from homework import services as homework_services
from homework.models import AssignmentStatus, LogStatus
from reminders import links, tokens
from reminders.models import Channel, Reminder, ReminderStatus
from reminders.tests.links_helpers import NOON_NY, occurrence_reminder

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_noon():
    with time_machine.travel(NOON_NY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def reminder(at_noon, therapist, client_user):
    return occurrence_reminder(therapist, client_user)


def url_for(reminder) -> str:
    return reverse("reminders-snooze", args=[tokens.snooze_token(reminder)])


def follow_ups(reminder):
    return Reminder.objects.filter(idempotency_key__startswith=reminder.idempotency_key + ":snooze:")


def test_get_offers_one_hour_and_this_evening_without_signing_in(client, reminder):
    response = client.get(url_for(reminder))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Remind me again in 1 hour (13:00)" in body  # shown in carol's zone, New York
    assert "Remind me again this evening at 7 pm (19:00)" in body
    assert reminder.occurrence.assignment.title not in body  # no clinical content
    assert not follow_ups(reminder).exists()


def test_post_one_hour_creates_one_pending_follow_up(client, reminder):
    response = client.post(url_for(reminder), {"option": "hour"})
    assert response.status_code == 302
    follow_up = follow_ups(reminder).get()
    assert follow_up.idempotency_key == reminder.idempotency_key + ":snooze:1"
    assert follow_up.status == ReminderStatus.PENDING
    assert follow_up.occurrence == reminder.occurrence
    assert follow_up.channel == reminder.channel
    assert follow_up.user == reminder.user
    assert follow_up.due_at == NOON_NY + timedelta(hours=1)
    assert "13:00" in client.get(response["Location"]).content.decode()


def test_post_evening_is_due_at_seven_local_time(client, reminder):
    client.post(url_for(reminder), {"option": "evening"})
    assert follow_ups(reminder).get().due_at == datetime(2026, 5, 12, 23, 0, tzinfo=UTC)  # 19:00 EDT


def test_follow_up_keeps_the_in_app_channel(client, therapist, client_user, at_noon):
    reminder = occurrence_reminder(therapist, client_user, channel=Channel.IN_APP)
    client.post(url_for(reminder), {"option": "hour"})
    assert follow_ups(reminder).get().channel == Channel.IN_APP


def test_repeated_clicks_create_no_more_than_one_follow_up(client, reminder):
    client.post(url_for(reminder), {"option": "hour"})
    client.post(url_for(reminder), {"option": "hour"})
    client.post(url_for(reminder), {"option": "evening"})
    assert follow_ups(reminder).count() == 1
    assert follow_ups(reminder).get().due_at == NOON_NY + timedelta(hours=1)


def test_snoozing_a_follow_up_counts_up_instead_of_growing_the_key(reminder):
    first = links.snooze_reminder(reminder=reminder, option=links.SnoozeOption.HOUR)
    second = links.snooze_reminder(reminder=first, option=links.SnoozeOption.EVENING)
    assert second.idempotency_key == reminder.idempotency_key + ":snooze:2"


def test_logged_occurrence_is_not_snoozed(client, reminder):
    homework_services.log_occurrence(occurrence=reminder.occurrence, status=LogStatus.DONE)
    response = client.post(url_for(reminder), {"option": "hour"}, follow=True)
    assert "already logged" in response.content.decode()
    assert not follow_ups(reminder).exists()


def test_follow_up_past_local_midnight_is_refused(client, reminder, at_noon):
    at_noon.move_to(datetime(2026, 5, 13, 3, 30, tzinfo=UTC))  # 23:30 in New York
    response = client.post(url_for(reminder), {"option": "hour"}, follow=True)
    assert "That would be tomorrow" in response.content.decode()
    assert not follow_ups(reminder).exists()


def test_evening_is_refused_once_it_is_evening(client, reminder, at_noon):
    at_noon.move_to(datetime(2026, 5, 13, 0, 30, tzinfo=UTC))  # 20:30 in New York
    body = client.get(url_for(reminder)).content.decode()
    assert "already evening" in body
    client.post(url_for(reminder), {"option": "evening"})
    assert not follow_ups(reminder).exists()


def test_occurrence_from_an_earlier_day_is_not_snoozed(client, reminder, at_noon):
    at_noon.move_to(NOON_NY + timedelta(days=1))
    response = client.post(url_for(reminder), {"option": "hour"}, follow=True)
    assert "planned for today any more" in response.content.decode()
    assert not follow_ups(reminder).exists()


def test_paused_assignment_is_not_snoozed(client, reminder):
    homework_services.set_assignment_status(
        assignment=reminder.occurrence.assignment, status=AssignmentStatus.PAUSED
    )
    client.post(url_for(reminder), {"option": "hour"})
    assert not follow_ups(reminder).exists()


def test_expired_link_is_410_and_changes_nothing(client, reminder, at_noon):
    url = url_for(reminder)
    at_noon.move_to(NOON_NY + timedelta(hours=49))
    response = client.post(url, {"option": "hour"})
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not follow_ups(reminder).exists()


def test_tampered_link_is_404_and_changes_nothing(client, reminder):
    token = tokens.snooze_token(reminder)
    response = client.post(reverse("reminders-snooze", args=[token[:-4] + "AAAA"]), {"option": "hour"})
    assert response.status_code == 404
    assert not follow_ups(reminder).exists()


def test_malformed_link_is_404(client, reminder):
    assert client.get(reverse("reminders-snooze", args=["nonsense"])).status_code == 404


def test_unsubscribe_token_cannot_snooze(client, reminder):
    token = tokens.unsubscribe_token(reminder.user)
    assert client.post(reverse("reminders-snooze", args=[token]), {"option": "hour"}).status_code == 404
    assert not follow_ups(reminder).exists()


def test_unknown_choice_is_a_400_and_creates_nothing(client, reminder):
    response = client.post(url_for(reminder), {"option": "next-week"})
    assert response.status_code == 400
    assert not follow_ups(reminder).exists()


def test_other_methods_are_not_allowed(client, reminder):
    assert client.put(url_for(reminder)).status_code == 405
    assert client.delete(url_for(reminder)).status_code == 405


def test_page_works_for_a_signed_in_stranger_but_only_acts_on_the_tokens_reminder(
    client, reminder, other_client
):
    client.force_login(other_client)
    client.post(url_for(reminder), {"option": "hour"})
    assert follow_ups(reminder).get().user == reminder.user
    assert not Reminder.objects.filter(user=other_client).exists()


def test_a_follow_up_that_would_fall_in_quiet_hours_comes_when_they_end(client, reminder, client_user):
    """Quiet 12:30 to 14:00 in New York: "in 1 hour" (13:00) would never be sent, so it is 14:00."""
    from datetime import time

    from reminders.models import ReminderPreferences

    ReminderPreferences.objects.update_or_create(
        user=client_user, defaults={"quiet_start": time(12, 30), "quiet_end": time(14, 0)}
    )
    body = client.get(url_for(reminder)).content.decode()
    assert "Remind me again at 14:00" in body
    assert "In 1 hour would be in your quiet hours, so it comes when they end, at 14:00." in body
    assert "Remind me again this evening at 7 pm (19:00)" in body
    client.post(url_for(reminder), {"option": "hour"})
    assert follow_ups(reminder).get().due_at == datetime(2026, 5, 12, 18, 0, tzinfo=UTC)  # 14:00 EDT


def test_a_follow_up_in_quiet_hours_that_last_until_tomorrow_is_refused(client, reminder, client_user):
    from datetime import time

    from reminders.models import ReminderPreferences

    ReminderPreferences.objects.update_or_create(
        user=client_user, defaults={"quiet_start": time(18, 0), "quiet_end": time(7, 0)}
    )
    body = client.get(url_for(reminder)).content.decode()
    assert "That falls in your quiet hours, which last until tomorrow." in body
    client.post(url_for(reminder), {"option": "evening"})
    assert not follow_ups(reminder).exists()
