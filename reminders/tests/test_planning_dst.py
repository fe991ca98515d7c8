"""Reminder times across daylight-saving changes, in the client's own zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
import time_machine

from homework.tests.conftest import make_assignment
from mallard.models import User
from reminders import planning
from reminders.models import Channel, Reminder, ReminderPreferences, ReminderStatus

pytestmark = pytest.mark.django_db


def _in_zone(client: User, zone: str) -> User:
    client.time_zone = zone
    client.save(update_fields=["time_zone"])
    return client


def _email_only(client: User) -> None:
    ReminderPreferences.objects.create(user=client, in_app_enabled=False)


def _due(client: User, day: date) -> list[datetime]:
    return list(
        Reminder.objects.filter(user=client, occurrence__due_date=day, status=ReminderStatus.PENDING)
        .order_by("channel")
        .values_list("due_at", flat=True)
    )


def test_local_datetime_moves_a_skipped_time_to_the_first_valid_minute() -> None:
    from zoneinfo import ZoneInfo

    new_york = ZoneInfo("America/New_York")
    spring = planning.local_datetime(date(2026, 3, 8), time(2, 30), new_york)
    assert spring.astimezone(UTC) == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)
    assert (spring.hour, spring.minute) == (3, 0)


def test_local_datetime_takes_the_first_of_a_repeated_time() -> None:
    from zoneinfo import ZoneInfo

    fall = planning.local_datetime(date(2026, 11, 1), time(1, 30), ZoneInfo("America/New_York"))
    assert fall.astimezone(UTC) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT, not EST


def test_new_york_spring_forward_sends_0230_at_0300(therapist, client_user) -> None:
    with time_machine.travel(datetime(2026, 3, 7, 17, 0, tzinfo=UTC), tick=False):  # noon in New York
        make_assignment(therapist, client_user, preferred_time=time(2, 30))
    # 02:30 does not exist on 8 March: 03:00 EDT is the first valid minute (07:00 UTC).
    assert _due(client_user, date(2026, 3, 8)) == [datetime(2026, 3, 8, 7, 0, tzinfo=UTC)] * 2
    # The next day is back to 02:30, now in EDT, not "24 hours later".
    assert _due(client_user, date(2026, 3, 9)) == [datetime(2026, 3, 9, 6, 30, tzinfo=UTC)] * 2
    assert _due(client_user, date(2026, 3, 7)) == []  # 02:30 today had passed: nothing late


def test_new_york_fall_back_sends_0130_once_at_its_first_occurrence(therapist, client_user) -> None:
    _email_only(client_user)
    with time_machine.travel(datetime(2026, 10, 31, 16, 0, tzinfo=UTC), tick=False):
        make_assignment(therapist, client_user, preferred_time=time(1, 30))
        planning.plan_for_client(client_user)
    rows = Reminder.objects.filter(user=client_user, occurrence__due_date=date(2026, 11, 1))
    assert rows.count() == 1
    assert rows.get().due_at == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT
    assert _due(client_user, date(2026, 11, 2)) == [datetime(2026, 11, 2, 6, 30, tzinfo=UTC)]  # 01:30 EST


def test_london_spring_forward_sends_0130_at_0200_bst(therapist, client_user) -> None:
    _in_zone(client_user, "Europe/London")
    _email_only(client_user)
    with time_machine.travel(datetime(2026, 3, 28, 12, 0, tzinfo=UTC), tick=False):
        make_assignment(therapist, client_user, preferred_time=time(1, 30))
    assert _due(client_user, date(2026, 3, 29)) == [datetime(2026, 3, 29, 1, 0, tzinfo=UTC)]  # 02:00 BST
    assert _due(client_user, date(2026, 3, 30)) == [datetime(2026, 3, 30, 0, 30, tzinfo=UTC)]  # 01:30 BST


def test_london_fall_back_sends_0130_once(therapist, client_user) -> None:
    _in_zone(client_user, "Europe/London")
    _email_only(client_user)
    with time_machine.travel(datetime(2026, 10, 24, 12, 0, tzinfo=UTC), tick=False):
        make_assignment(therapist, client_user, preferred_time=time(1, 30))
        planning.plan_for_client(client_user)
    rows = Reminder.objects.filter(user=client_user, occurrence__due_date=date(2026, 10, 25))
    assert list(rows.values_list("due_at", flat=True)) == [datetime(2026, 10, 25, 0, 30, tzinfo=UTC)]


def test_lord_howe_half_hour_spring_forward_sends_0215_at_0230(therapist, client_user) -> None:
    _in_zone(client_user, "Australia/Lord_Howe")
    _email_only(client_user)
    with time_machine.travel(datetime(2026, 10, 3, 2, 0, tzinfo=UTC), tick=False):  # midday on 3 October
        make_assignment(therapist, client_user, preferred_time=time(2, 15))
    # Clocks go from 02:00 (+10:30) to 02:30 (+11): 02:15 becomes 02:30 LHDT = 15:30 UTC the day before.
    assert _due(client_user, date(2026, 10, 4)) == [datetime(2026, 10, 3, 15, 30, tzinfo=UTC)]
    assert _due(client_user, date(2026, 10, 5)) == [datetime(2026, 10, 4, 15, 15, tzinfo=UTC)]


def test_lord_howe_half_hour_fall_back_sends_0145_once(therapist, client_user) -> None:
    _in_zone(client_user, "Australia/Lord_Howe")
    _email_only(client_user)
    with time_machine.travel(datetime(2026, 4, 4, 2, 0, tzinfo=UTC), tick=False):
        make_assignment(therapist, client_user, preferred_time=time(1, 45))
        planning.plan_for_client(client_user)
    rows = Reminder.objects.filter(user=client_user, occurrence__due_date=date(2026, 4, 5))
    # 01:45 happens at +11 and again at +10:30; the first is 14:45 UTC on 4 April.
    assert list(rows.values_list("due_at", flat=True)) == [datetime(2026, 4, 4, 14, 45, tzinfo=UTC)]


def test_changing_time_zone_moves_pending_reminders(therapist, client_user) -> None:
    from mallard.services import update_profile

    with time_machine.travel(datetime(2026, 6, 10, 12, 0, tzinfo=UTC), tick=False):  # 08:00 in New York
        make_assignment(therapist, client_user, preferred_time=time(20, 0))
        assert _due(client_user, date(2026, 6, 11)) == [datetime(2026, 6, 12, 0, 0, tzinfo=UTC)] * 2
        update_profile(user=client_user, display_name=client_user.display_name, time_zone="Europe/London")
    assert _due(client_user, date(2026, 6, 11)) == [datetime(2026, 6, 11, 19, 0, tzinfo=UTC)] * 2  # 20:00 BST
    assert Reminder.objects.filter(user=client_user).values("idempotency_key").count() == len(
        set(Reminder.objects.filter(user=client_user).values_list("idempotency_key", flat=True))
    )


def test_only_one_row_per_channel_whatever_the_zone(therapist, client_user) -> None:
    with time_machine.travel(datetime(2026, 10, 31, 16, 0, tzinfo=UTC), tick=False):
        make_assignment(therapist, client_user, preferred_time=time(1, 30))
        planning.plan_for_client(client_user)
    channels = Reminder.objects.filter(user=client_user, occurrence__due_date=date(2026, 11, 1)).values_list(
        "channel", flat=True
    )
    assert sorted(channels) == sorted(Channel.values)
