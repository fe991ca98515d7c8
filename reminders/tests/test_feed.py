"""The calendar feed: the settings page (client, signed in) and the .ics (signed URL, no sign-in)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from homework import services as homework_services
from homework.models import AssignmentStatus, Kind, LogStatus, Occurrence, Recurrence
from reminders import feeds, tokens
from reminders.models import Channel, Reminder, ReminderPreferences, ReminderStatus
from reminders.tests.links_helpers import NOON_NY, make_assignment, prefs_for

pytestmark = pytest.mark.django_db

SETTINGS = "/reminders/calendar/"


@pytest.fixture(autouse=True)
def at_noon():
    with time_machine.travel(NOON_NY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def feed_prefs(client_user):
    return prefs_for(client_user, feed_enabled=True)


def feed_url(prefs) -> str:
    return reverse("reminders-feed", args=[tokens.feed_token(prefs)])


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> dict[str, Any]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def uid(occurrence: Occurrence | None) -> str:
    assert occurrence is not None
    return f"occurrence-{occurrence.pk}@localhost"


# --- The settings page -------------------------------------------------------------------------


def test_settings_page_offers_to_turn_the_feed_on(client, client_user):
    client.force_login(client_user)
    response = client.get(SETTINGS)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Turn on the calendar feed" in body
    assert ".ics" not in body
    assert not ReminderPreferences.objects.filter(user=client_user).exists()  # GET changes nothing


def test_turning_it_on_shows_private_webcal_and_https_links_with_instructions(client, client_user):
    client.force_login(client_user)
    response = client.post(SETTINGS, {"action": "enable"})
    assert response.status_code == 302
    prefs = ReminderPreferences.objects.get(user=client_user)
    assert prefs.feed_enabled
    body = client.get(SETTINGS).content.decode()
    path = feed_url(prefs)
    assert f"http://localhost:8000{path}" in body
    assert f"webcal://localhost:8000{path}" in body
    for app in ("Google Calendar", "Apple Calendar", "Outlook"):
        assert app in body
    assert "Revoke and make a new link" in body


def test_revoking_makes_a_new_link_and_the_old_one_404s(client, client_user, feed_prefs):
    old = feed_url(feed_prefs)
    client.force_login(client_user)
    client.post(SETTINGS, {"action": "revoke"})
    prefs = ReminderPreferences.objects.get(user=client_user)
    assert prefs.feed_version == feed_prefs.feed_version + 1
    assert prefs.feed_enabled
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(feed_url(prefs)).status_code == 200


def test_turning_it_off_stops_the_link(client, client_user, feed_prefs):
    url = feed_url(feed_prefs)
    client.force_login(client_user)
    client.post(SETTINGS, {"action": "disable"})
    assert not ReminderPreferences.objects.get(user=client_user).feed_enabled
    assert client.get(url).status_code == 404


def test_unknown_action_changes_nothing(client, client_user, feed_prefs):
    client.force_login(client_user)
    client.post(SETTINGS, {"action": "explode"})
    prefs = ReminderPreferences.objects.get(user=client_user)
    assert (prefs.feed_enabled, prefs.feed_version) == (True, feed_prefs.feed_version)


def test_settings_page_needs_signing_in(client):
    response = client.get(SETTINGS)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_settings_page_is_for_clients(client, therapist):
    client.force_login(therapist)
    assert client.get(SETTINGS).status_code == 403
    assert client.post(SETTINGS, {"action": "enable"}).status_code == 403
    assert not ReminderPreferences.objects.filter(user=therapist).exists()


def test_settings_page_refuses_other_methods(client, client_user):
    client.force_login(client_user)
    assert client.put(SETTINGS).status_code == 405


def test_each_client_only_manages_their_own_feed(client, client_user, other_client):
    other = prefs_for(other_client, feed_enabled=True)
    client.force_login(client_user)
    client.post(SETTINGS, {"action": "revoke"})
    other.refresh_from_db()
    assert other.feed_version == 1


# --- The feed ------------------------------------------------------------------------------------


def test_feed_has_one_event_per_open_occurrence_with_stable_uids(client, therapist, client_user, feed_prefs):
    today = homework_services.client_today(client_user)
    assignment = make_assignment(therapist, client_user, start=today - timedelta(days=10))
    open_occurrences = Occurrence.objects.filter(
        assignment=assignment, due_date__gte=today - timedelta(days=7)
    ).order_by("due_date")
    calendar = parse(client.get(feed_url(feed_prefs)))
    assert str(calendar["VERSION"]) == "2.0"
    assert "Mallard" in str(calendar["PRODID"])
    assert str(calendar["X-WR-CALNAME"]) == "Mallard practice"
    assert set(events(calendar)) == {uid(o) for o in open_occurrences}
    assert uid(open_occurrences.first()) in events(parse(client.get(feed_url(feed_prefs))))


def test_timed_event_starts_at_the_local_slot_time_with_duration_and_alarm(
    client, therapist, client_user, feed_prefs
):
    assignment = make_assignment(therapist, client_user, preferred_time=time(20, 0), estimated_minutes=25)
    today = homework_services.client_today(client_user)
    event = events(parse(client.get(feed_url(feed_prefs))))[
        uid(Occurrence.objects.get(assignment=assignment, due_date=today))
    ]
    assert event.decoded("DTSTART") == datetime(2026, 5, 13, 0, 0, tzinfo=UTC)  # 20:00 in New York
    assert event.decoded("DURATION") == timedelta(minutes=25)
    assert event.decoded("DTSTAMP") == NOON_NY
    (alarm,) = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(minutes=-10)


def test_events_carry_no_clinical_content(client, therapist, client_user, feed_prefs):
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL, prompt="About my panic attacks")
    raw = client.get(feed_url(feed_prefs)).content.decode()
    assert assignment.title not in raw
    assert "panic" not in raw
    for event in Calendar.from_ical(raw).walk("VEVENT"):
        assert str(event["SUMMARY"]) == "Practice time (Mallard)"
        assert "http://localhost:8000/today/" in str(event["DESCRIPTION"])


def test_untimed_occurrence_is_an_all_day_event(client, therapist, client_user, feed_prefs):
    assignment = make_assignment(therapist, client_user, preferred_time=None)
    today = homework_services.client_today(client_user)
    event = events(parse(client.get(feed_url(feed_prefs))))[
        uid(Occurrence.objects.get(assignment=assignment, due_date=today))
    ]
    assert event.decoded("DTSTART") == today
    assert event.decoded("DTEND") == today + timedelta(days=1)
    assert event.walk("VALARM")


def test_n_times_a_week_is_one_timed_event_per_slot_on_its_own_day(
    client, therapist, client_user, feed_prefs
):
    # Monday 18 May: a full week, three slots, reminded Monday, Wednesday and Friday at 20:00.
    monday = date(2026, 5, 18)
    assignment = make_assignment(
        therapist, client_user, start=monday, recurrence=Recurrence.TIMES_PER_WEEK, times_per_week=3
    )
    slots = list(Occurrence.objects.filter(assignment=assignment, due_date=monday + timedelta(days=6)))
    assert len(slots) == 3
    feed = events(parse(client.get(feed_url(feed_prefs))))
    starts = sorted(feed[uid(slot)].decoded("DTSTART") for slot in slots)
    # 20:00 EDT is 00:00 UTC the next day.
    assert starts == [
        datetime(2026, 5, 19, 0, 0, tzinfo=UTC),
        datetime(2026, 5, 21, 0, 0, tzinfo=UTC),
        datetime(2026, 5, 23, 0, 0, tzinfo=UTC),
    ]
    for slot in slots:
        assert feed[uid(slot)].decoded("DURATION") == timedelta(minutes=assignment.estimated_minutes)


def test_a_weekly_slot_without_a_time_is_an_all_day_event_on_its_day(
    client, therapist, client_user, feed_prefs
):
    monday = date(2026, 5, 18)
    assignment = make_assignment(
        therapist,
        client_user,
        start=monday,
        recurrence=Recurrence.TIMES_PER_WEEK,
        times_per_week=2,
        preferred_time=None,
    )
    slots = Occurrence.objects.filter(assignment=assignment, due_date=monday + timedelta(days=6))
    feed = events(parse(client.get(feed_url(feed_prefs))))
    days = sorted((feed[uid(s)].decoded("DTSTART"), feed[uid(s)].decoded("DTEND")) for s in slots)
    thursday = monday + timedelta(days=3)
    assert days == [(monday, monday + timedelta(days=1)), (thursday, thursday + timedelta(days=1))]


def _tomorrow_event(client, assignment, feed_prefs) -> Any:
    tomorrow = homework_services.client_today(assignment.client) + timedelta(days=1)
    occurrence = Occurrence.objects.get(assignment=assignment, due_date=tomorrow)
    return events(parse(client.get(feed_url(feed_prefs))))[uid(occurrence)]


def test_the_event_is_at_the_agreed_time_and_its_alarm_at_the_clients_reminder_time(
    client, therapist, client_user, feed_prefs
):
    from reminders import planning

    assignment = make_assignment(therapist, client_user, preferred_time=time(8, 0), estimated_minutes=20)
    planning.set_assignment_reminder(assignment=assignment, enabled=True, time_of_day=time(7, 15))
    event = _tomorrow_event(client, assignment, feed_prefs)
    assert event.decoded("DTSTART") == datetime(2026, 5, 13, 12, 0, tzinfo=UTC)  # 08:00 EDT, as agreed
    assert event.decoded("DURATION") == timedelta(minutes=20)
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(minutes=-45)  # 07:15, the client's reminder time


def test_a_reminder_time_after_the_agreed_one_is_an_alarm_after_the_start(
    client, therapist, client_user, feed_prefs
):
    from reminders import planning

    assignment = make_assignment(therapist, client_user, preferred_time=time(8, 0))
    planning.set_assignment_reminder(assignment=assignment, enabled=True, time_of_day=time(18, 30))
    event = _tomorrow_event(client, assignment, feed_prefs)
    assert event.decoded("DTSTART") == datetime(2026, 5, 13, 12, 0, tzinfo=UTC)
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(hours=10, minutes=30)  # 18:30 EDT


def test_without_an_agreed_time_the_event_is_all_day_with_its_alarm_at_the_reminder_time(
    client, therapist, client_user, feed_prefs
):
    from reminders import planning

    assignment = make_assignment(therapist, client_user, preferred_time=None)
    planning.set_assignment_reminder(assignment=assignment, enabled=True, time_of_day=time(18, 30))
    event = _tomorrow_event(client, assignment, feed_prefs)
    assert event.decoded("DTSTART") == date(2026, 5, 13)
    assert event.decoded("DTEND") == date(2026, 5, 14)
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(hours=18, minutes=30)


def test_a_one_off_open_for_days_rings_on_its_due_day_as_its_email_reminder_comes(
    client, therapist, client_user, feed_prefs
):
    from reminders import planning

    today = homework_services.client_today(client_user)
    due = today + timedelta(days=2)
    assignment = make_assignment(
        therapist, client_user, Kind.READING, recurrence=Recurrence.ONCE, end_date=due, preferred_time=None
    )
    planning.set_assignment_reminder(assignment=assignment, enabled=True, time_of_day=time(18, 0))
    occurrence = Occurrence.objects.get(assignment=assignment)
    event = events(parse(client.get(feed_url(feed_prefs))))[uid(occurrence)]
    assert event.decoded("DTSTART") == today
    assert event.decoded("DTEND") == due + timedelta(days=1)
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(days=2, hours=18)  # the due day at 18:00, not today
    assert planning.reminder_day(occurrence, assignment.recurrence) == due


def test_an_all_day_alarm_on_the_day_clocks_go_forward_is_at_the_clients_time(
    client, therapist, client_user, feed_prefs
):
    """Sunday 8 March 2026, New York: 02:00 becomes 03:00, so 18:30 is 17 1/2 hours after midnight."""
    from reminders import planning

    with time_machine.travel(datetime(2026, 3, 6, 17, 0, tzinfo=UTC), tick=False):
        sunday = date(2026, 3, 8)
        assignment = make_assignment(therapist, client_user, start=sunday, preferred_time=None)
        planning.set_assignment_reminder(assignment=assignment, enabled=True, time_of_day=time(18, 30))
        occurrence = Occurrence.objects.get(assignment=assignment, due_date=sunday)
        event = events(parse(client.get(feed_url(feed_prefs))))[uid(occurrence)]
    assert event.decoded("DTSTART") == sunday
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(hours=17, minutes=30)


def test_the_agreed_time_is_on_the_clients_clock(client, therapist, client_user, feed_prefs):
    client_user.time_zone = "Asia/Kolkata"
    client_user.save(update_fields=["time_zone"])
    assignment = make_assignment(therapist, client_user, preferred_time=time(8, 0))
    event = _tomorrow_event(client, assignment, feed_prefs)
    tomorrow = homework_services.client_today(client_user) + timedelta(days=1)
    assert event.decoded("DTSTART") == datetime.combine(tomorrow, time(2, 30), tzinfo=UTC)  # 08:00 IST
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(minutes=-10)  # no reminder time of their own


def _emailed_at(assignment, day: date) -> Reminder:
    return Reminder.objects.get(
        occurrence__assignment=assignment, occurrence__due_date=day, channel=Channel.EMAIL
    )


def test_an_alarm_in_quiet_hours_goes_off_when_they_end_as_the_email_reminder_does(
    client, therapist, client_user, feed_prefs
):
    from reminders import planning

    prefs_for(client_user, quiet_start=time(22, 0), quiet_end=time(7, 30))
    assignment = make_assignment(therapist, client_user, preferred_time=time(8, 0))
    planning.set_assignment_reminder(assignment=assignment, enabled=True, time_of_day=time(7, 15))
    event = _tomorrow_event(client, assignment, feed_prefs)
    start = event.decoded("DTSTART")
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(minutes=-30)  # 07:30 EDT, when quiet hours end
    assert start + alarm.decoded("TRIGGER") == _emailed_at(assignment, date(2026, 5, 13)).due_at


def test_an_alarm_whose_quiet_hours_end_only_the_next_day_is_left_out_as_the_email_is(
    client, therapist, client_user, feed_prefs
):
    from reminders import planning

    prefs_for(client_user, quiet_start=time(21, 0), quiet_end=time(6, 0))
    assignment = make_assignment(therapist, client_user, preferred_time=time(20, 0))
    planning.set_assignment_reminder(assignment=assignment, enabled=True, time_of_day=time(23, 0))
    event = _tomorrow_event(client, assignment, feed_prefs)
    assert event.decoded("DTSTART") == datetime(2026, 5, 14, 0, 0, tzinfo=UTC)  # the event stays
    assert event.walk("VALARM") == []
    email = _emailed_at(assignment, date(2026, 5, 13))
    assert (email.status, email.reason) == (ReminderStatus.SKIPPED, planning.REASON_QUIET)


def test_an_all_day_alarm_without_a_time_waits_for_quiet_hours_to_end(
    client, therapist, client_user, feed_prefs
):
    prefs_for(client_user, quiet_start=time(22, 0), quiet_end=time(10, 0))
    assignment = make_assignment(therapist, client_user, preferred_time=None)
    event = _tomorrow_event(client, assignment, feed_prefs)
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(hours=10)  # not 9 am, inside quiet hours


def test_logged_paused_and_old_occurrences_are_left_out(client, therapist, client_user, feed_prefs):
    today = homework_services.client_today(client_user)
    kept = make_assignment(therapist, client_user, start=today - timedelta(days=9))
    paused = make_assignment(therapist, client_user, Kind.JOURNAL)
    homework_services.set_assignment_status(assignment=paused, status=AssignmentStatus.PAUSED)
    done = Occurrence.objects.get(assignment=kept, due_date=today)
    homework_services.log_occurrence(occurrence=done, status=LogStatus.DONE)
    uids = set(events(parse(client.get(feed_url(feed_prefs)))))
    assert uid(done) not in uids
    assert not any(uid(o) in uids for o in Occurrence.objects.filter(assignment=paused))
    old = Occurrence.objects.get(assignment=kept, due_date=today - timedelta(days=8))
    assert uid(old) not in uids
    assert uid(Occurrence.objects.get(assignment=kept, due_date=today - timedelta(days=7))) in uids


def test_feed_holds_only_the_tokens_client(client, therapist, client_user, other_client, feed_prefs):
    make_assignment(therapist, client_user)
    other_assignment = make_assignment(other_client.care_relationships.get().therapist, other_client)
    uids = set(events(parse(client.get(feed_url(feed_prefs)))))
    assert uids
    assert not any(uid(o) in uids for o in Occurrence.objects.filter(assignment=other_assignment))


def test_feed_works_without_signing_in_and_for_head(client, feed_prefs):
    assert client.head(feed_url(feed_prefs)).status_code == 200


def test_revoked_token_is_404(client, client_user, feed_prefs):
    url = feed_url(feed_prefs)
    feeds.revoke_feed(user=client_user)
    response = client.get(url)
    assert response.status_code == 404
    assert "doesn" in response.content.decode()


def test_disabled_feed_is_404(client, client_user):
    prefs = prefs_for(client_user, feed_enabled=False)
    assert client.get(feed_url(prefs)).status_code == 404


def test_tampered_and_malformed_tokens_are_404(client, feed_prefs):
    token = tokens.feed_token(feed_prefs)
    assert client.get(reverse("reminders-feed", args=[token[:-2] + "zz"])).status_code == 404
    assert client.get(reverse("reminders-feed", args=["garbage"])).status_code == 404


def test_therapist_feed_token_is_404(client, therapist):
    prefs = prefs_for(therapist, feed_enabled=True)
    assert client.get(feed_url(prefs)).status_code == 404


def test_feed_refuses_post(client, feed_prefs):
    assert client.post(feed_url(feed_prefs)).status_code == 405


@pytest.mark.parametrize("assignments", [1, 6])
def test_feed_query_count_does_not_grow_with_events(
    client, therapist, client_user, feed_prefs, assignments, django_assert_max_num_queries
):
    for _ in range(assignments):
        make_assignment(therapist, client_user)
    with django_assert_max_num_queries(2):
        calendar = parse(client.get(feed_url(feed_prefs)))
    assert len(calendar.walk("VEVENT")) == assignments * 15  # today and the 14-day horizon
