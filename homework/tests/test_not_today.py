"""“Not today” keeps a several-day item open; “I won't do this one” closes it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from homework import services
from homework.models import (
    Assignment,
    ChangeCounter,
    Kind,
    Log,
    LogStatus,
    NotDoneReason,
    Occurrence,
    Recurrence,
    Skip,
)
from homework.selectors.today import today_page
from homework.selectors.tracker import tracker
from homework.tests.conftest import make_assignment
from mallard.models import User
from mallard.tests.helpers import field_error

pytestmark = pytest.mark.django_db

# Wednesday 10 June 2026, noon in New York (the client's zone).
NOW = datetime(2026, 6, 10, 16, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with time_machine.travel(NOW, tick=False):
        yield


def weekly(therapist: User, client_user: User, n: int = 3) -> Assignment:
    today = services.client_today(client_user)
    monday = today - timedelta(days=today.weekday())
    return make_assignment(
        therapist,
        client_user,
        Kind.RELAXATION,
        start=monday,
        recurrence=Recurrence.TIMES_PER_WEEK,
        times_per_week=n,
    )


def open_slot(assignment: Assignment) -> Occurrence:
    today = services.client_today(assignment.client)
    occurrence = Occurrence.objects.filter(
        assignment=assignment, available_from__lte=today, due_date__gte=today
    ).order_by("slot")[0]
    return occurrence


def url(occurrence: Occurrence) -> str:
    return f"/homework/occurrences/{occurrence.pk}/not-done/"


# --- The service ---------------------------------------------------------------------------------


def test_not_today_records_the_reason_and_leaves_the_item_open(therapist: User, client_user: User) -> None:
    occurrence = open_slot(weekly(therapist, client_user))
    skip = services.skip_today(occurrence=occurrence, reason=NotDoneReason.NO_TIME, note="Long shift")
    assert (skip.day, skip.reason, skip.note) == (services.client_today(client_user), "no_time", "Long shift")
    assert not Log.objects.filter(occurrence=occurrence).exists()
    # It can still be logged later in its window.
    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        log = services.log_occurrence(occurrence=occurrence, status=LogStatus.DONE)
    assert log.status == LogStatus.DONE
    assert Skip.objects.filter(occurrence=occurrence).count() == 1


def test_saying_not_today_twice_on_one_day_keeps_one_skip(therapist: User, client_user: User) -> None:
    occurrence = open_slot(weekly(therapist, client_user))
    services.skip_today(occurrence=occurrence, reason=NotDoneReason.NO_TIME)
    services.skip_today(occurrence=occurrence, reason=NotDoneReason.FORGOT, note="Oops")
    (skip,) = Skip.objects.filter(occurrence=occurrence)
    assert (skip.reason, skip.note) == ("forgot", "Oops")


def test_not_today_is_refused_on_the_last_day(therapist: User, client_user: User) -> None:
    a = make_assignment(therapist, client_user, Kind.JOURNAL)  # daily: each day is its own last day
    occurrence = Occurrence.objects.get(assignment=a, due_date=services.client_today(client_user))
    with pytest.raises(services.HomeworkError, match="last day"):
        services.skip_today(occurrence=occurrence, reason=NotDoneReason.NO_TIME)
    assert not Skip.objects.exists()


def test_not_today_is_refused_once_logged(therapist: User, client_user: User) -> None:
    occurrence = open_slot(weekly(therapist, client_user))
    services.log_occurrence(occurrence=occurrence, status=LogStatus.DONE)
    with pytest.raises(services.HomeworkError, match="already logged"):
        services.skip_today(occurrence=occurrence, reason=NotDoneReason.NO_TIME)


def test_a_skip_counts_as_a_change_of_the_clients_homework(therapist: User, client_user: User) -> None:
    occurrence = open_slot(weekly(therapist, client_user))
    before = ChangeCounter.objects.get(client_id=client_user.pk).changes
    services.skip_today(occurrence=occurrence, reason=NotDoneReason.NO_TIME)
    assert ChangeCounter.objects.get(client_id=client_user.pk).changes == before + 1


def test_a_replan_keeps_an_occurrence_with_a_skip(therapist: User, client_user: User) -> None:
    a = weekly(therapist, client_user)
    occurrence = open_slot(a)
    services.skip_today(occurrence=occurrence, reason=NotDoneReason.NO_TIME)
    services.update_assignment(assignment=a, title="Breathing, renamed")
    assert Skip.objects.filter(occurrence_id=occurrence.pk).exists()


def test_not_today_counts_as_neither_done_nor_not_done_in_the_tracker(
    therapist: User, client_user: User
) -> None:
    occurrence = open_slot(weekly(therapist, client_user))
    today = services.client_today(client_user)
    before = tracker(client_user, today).this_week
    services.skip_today(occurrence=occurrence, reason=NotDoneReason.NO_TIME)
    after = tracker(client_user, today).this_week
    assert (after.done, after.due) == (before.done, before.due)


# --- Today ---------------------------------------------------------------------------------------


def test_today_offers_not_today_only_where_a_later_day_remains(therapist: User, client_user: User) -> None:
    weekly(therapist, client_user)
    make_assignment(therapist, client_user, Kind.JOURNAL)
    client = Client()
    client.force_login(client_user)
    page = client.get("/today/").content.decode()
    assert page.count('value="today">Not today</button>') == 1
    assert page.count("I won't do this one</button>") == 1


def test_after_not_today_the_item_moves_to_later_this_week(therapist: User, client_user: User) -> None:
    a = weekly(therapist, client_user, n=1)
    occurrence = open_slot(a)
    services.skip_today(occurrence=occurrence, reason=NotDoneReason.NO_TIME)
    page = today_page(client_user, services.client_today(client_user))
    assert not page.due
    (card,) = page.later
    assert card.skipped == NotDoneReason.NO_TIME


# --- The view ------------------------------------------------------------------------------------


def test_the_not_today_button_keeps_it_open(client: Client, therapist: User, client_user: User) -> None:
    occurrence = open_slot(weekly(therapist, client_user))
    client.force_login(client_user)
    response = client.post(url(occurrence), {"reason": "no_time", "note": "", "scope": "today"}, follow=True)
    assert "Noted: not today. It stays open" in response.content.decode()
    assert Skip.objects.filter(occurrence=occurrence, reason="no_time").exists()
    assert not Log.objects.filter(occurrence=occurrence).exists()


def test_i_wont_do_this_one_closes_it(client: Client, therapist: User, client_user: User) -> None:
    occurrence = open_slot(weekly(therapist, client_user))
    client.force_login(client_user)
    client.post(url(occurrence), {"reason": "too_hard", "scope": "close"})
    log = Log.objects.get(occurrence=occurrence)
    assert (log.status, log.reason) == (LogStatus.NOT_DONE, "too_hard")
    assert not Skip.objects.exists()


def test_the_page_without_javascript_offers_both(client: Client, therapist: User, client_user: User) -> None:
    occurrence = open_slot(weekly(therapist, client_user))
    client.force_login(client_user)
    page = client.get(url(occurrence)).content.decode()
    assert 'value="today">Not today</button>' in page
    assert 'value="close">I won\'t do this one</button>' in page


def test_a_forged_scope_is_refused_beside_the_field_and_writes_nothing(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = open_slot(weekly(therapist, client_user))
    client.force_login(client_user)
    response = client.post(url(occurrence), {"reason": "no_time", "note": "kept", "scope": "forever"})
    assert response.status_code == 200
    assert field_error(response, "scope") == "Choose “Not today” or “I won't do this one”."
    assert "kept" in response.content.decode()
    assert not Skip.objects.exists() and not Log.objects.exists()


def test_a_missing_reason_is_refused_and_keeps_the_note(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = open_slot(weekly(therapist, client_user))
    client.force_login(client_user)
    response = client.post(url(occurrence), {"note": "Busy", "scope": "today"})
    assert field_error(response, "reason")
    assert "Busy" in response.content.decode()
    assert not Skip.objects.exists()


def test_not_today_on_another_clients_occurrence_is_404_and_writes_nothing(
    client: Client, client_user: User, other_therapist: User, other_client: User
) -> None:
    occurrence = open_slot(weekly(other_therapist, other_client))
    client.force_login(client_user)
    response = client.post(url(occurrence), {"reason": "no_time", "scope": "today"})
    assert response.status_code == 404
    assert not Skip.objects.exists()


# --- Undo ----------------------------------------------------------------------------------------


def undo_url(occurrence: Occurrence) -> str:
    return f"/homework/occurrences/{occurrence.pk}/undo-not-today/"


def test_undoing_a_new_not_today_removes_it_and_says_the_day_is_open_again(
    therapist: User, client_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from homework import hooks

    told: list[tuple[str, object]] = []
    monkeypatch.setattr(hooks, "occurrence_skipped", [lambda o, day: told.append(("skipped", day))])
    monkeypatch.setattr(hooks, "occurrence_unskipped", [lambda o, day: told.append(("unskipped", day))])
    occurrence = open_slot(weekly(therapist, client_user, n=1))
    today = services.client_today(client_user)
    skip = services.skip_today(occurrence=occurrence, reason=NotDoneReason.NO_TIME, note="Long shift")
    assert (
        services.undo_skip(occurrence=occurrence, skip_id=skip.pk, said=services.SkipState.of(skip)) is None
    )
    assert not Skip.objects.exists()
    assert told == [("skipped", today), ("unskipped", today)]
    (card,) = today_page(client_user, today).later
    assert card.skipped is None  # the card no longer says "not today"


def test_undoing_a_changed_not_today_puts_back_what_it_said(therapist: User, client_user: User) -> None:
    occurrence = open_slot(weekly(therapist, client_user))
    first = services.skip_today(occurrence=occurrence, reason=NotDoneReason.NO_TIME, note="Long shift")
    before = services.SkipState.of(first)
    changed = services.skip_today(occurrence=occurrence, reason=NotDoneReason.FORGOT)
    restored = services.undo_skip(
        occurrence=occurrence, skip_id=changed.pk, said=services.SkipState.of(changed), before=before
    )
    assert restored is not None
    (skip,) = Skip.objects.all()
    assert (skip.reason, skip.note) == ("no_time", "Long shift")


def test_undo_leaves_a_not_today_changed_since_or_from_another_day(
    therapist: User, client_user: User
) -> None:
    occurrence = open_slot(weekly(therapist, client_user))
    skip = services.skip_today(occurrence=occurrence, reason=NotDoneReason.NO_TIME)
    said = services.SkipState.of(skip)
    services.skip_today(occurrence=occurrence, reason=NotDoneReason.FORGOT)  # on another device, say
    with pytest.raises(services.HomeworkError, match="changed since"):
        services.undo_skip(occurrence=occurrence, skip_id=skip.pk, said=said)
    Skip.objects.update(reason="no_time")
    with (
        time_machine.travel(NOW + timedelta(days=1), tick=False),
        pytest.raises(services.HomeworkError, match="said today"),
    ):
        services.undo_skip(occurrence=occurrence, skip_id=skip.pk, said=said)
    other = Occurrence.objects.filter(assignment=occurrence.assignment).exclude(pk=occurrence.pk).first()
    assert other is not None
    with pytest.raises(services.HomeworkError, match="no “not today” here"):
        services.undo_skip(occurrence=other, skip_id=skip.pk, said=said)  # not that occurrence's skip
    assert Skip.objects.filter(pk=skip.pk).exists()


def test_the_message_after_not_today_offers_undo_which_returns_to_today(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = open_slot(weekly(therapist, client_user))
    client.force_login(client_user)
    response = client.post(url(occurrence), {"reason": "no_time", "scope": "today"}, follow=True)
    assert response.redirect_chain[-1][0] == "/today/#messages"
    page = response.content.decode()
    assert "Noted: not today." in page
    assert f'<form method="post" action="{undo_url(occurrence)}"' in page
    response = client.post(undo_url(occurrence), follow=True)
    assert response.redirect_chain[-1][0] == "/today/#messages"
    page = response.content.decode()
    assert f"Undone: “{occurrence.assignment.title}” is no longer marked “not today”." in page
    assert f'action="{undo_url(occurrence)}"' not in page
    assert "Not today. Reason" not in page
    assert not Skip.objects.exists()


def test_undo_twice_says_there_is_nothing_to_undo(client: Client, therapist: User, client_user: User) -> None:
    occurrence = open_slot(weekly(therapist, client_user))
    client.force_login(client_user)
    client.post(url(occurrence), {"reason": "no_time", "scope": "today"})
    client.post(undo_url(occurrence))
    client.post(url(occurrence), {"reason": "forgot", "scope": "today"})  # said again: a new skip
    client.post(undo_url(occurrence))
    assert not Skip.objects.exists()
    response = client.post(undo_url(occurrence), follow=True)
    assert response.redirect_chain[-1][0] == "/today/#messages"
    assert "There is no “not today” here to undo." in response.content.decode()


def test_undo_after_changing_not_today_puts_back_the_earlier_reason(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = open_slot(weekly(therapist, client_user))
    client.force_login(client_user)
    client.post(url(occurrence), {"reason": "no_time", "note": "Long shift", "scope": "today"})
    client.post(url(occurrence), {"reason": "forgot", "scope": "today"})
    page = client.post(undo_url(occurrence), follow=True).content.decode()
    assert "is back to “not today” because “I didn&#x27;t have time”." in page
    (skip,) = Skip.objects.all()
    assert (skip.reason, skip.note) == ("no_time", "Long shift")


def test_not_today_said_again_as_it_was_offers_undo_too(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = open_slot(weekly(therapist, client_user))
    client.force_login(client_user)
    client.post(url(occurrence), {"reason": "no_time", "scope": "today"}, follow=True)  # its message shown
    page = client.post(url(occurrence), {"reason": "no_time", "scope": "today"}, follow=True).content.decode()
    assert "Noted: not today." in page
    assert f'action="{undo_url(occurrence)}"' in page
    page = client.post(undo_url(occurrence), follow=True).content.decode()
    assert "is no longer marked “not today”." in page
    assert not Skip.objects.exists()


def test_not_today_said_again_on_another_device_can_be_taken_back_there(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = open_slot(weekly(therapist, client_user))
    client.force_login(client_user)
    client.post(url(occurrence), {"reason": "no_time", "note": "Shift", "scope": "today"})
    other = Client()
    other.force_login(client_user)
    page = other.post(url(occurrence), {"reason": "no_time", "note": "Shift", "scope": "today"}, follow=True)
    assert f'action="{undo_url(occurrence)}"' in page.content.decode()
    other.post(undo_url(occurrence))
    assert not Skip.objects.exists()  # taken back whole: nothing recorded there said otherwise


def test_undo_of_not_today_is_post_only_and_another_clients_is_404(
    client: Client, therapist: User, client_user: User, other_client: User
) -> None:
    occurrence = open_slot(weekly(therapist, client_user))
    client.force_login(client_user)
    client.post(url(occurrence), {"reason": "no_time", "scope": "today"})
    assert client.get(undo_url(occurrence)).status_code == 405
    other = Client()
    other.force_login(other_client)
    assert other.post(undo_url(occurrence)).status_code == 404
    assert Skip.objects.filter(occurrence=occurrence).exists()
