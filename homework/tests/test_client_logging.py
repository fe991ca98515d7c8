"""One-step logging from Today: done / smaller / partly (quick_log) and “not done” with a reason."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client

from homework import access, services
from homework.models import Assignment, AssignmentStatus, Log, LogStatus, NotDoneReason, Occurrence
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User
from mallard.tests.helpers import field_error

pytestmark = pytest.mark.django_db


def log_url(occ: Occurrence) -> str:
    return f"/homework/occurrences/{occ.pk}/log/"


def not_done_url(occ: Occurrence) -> str:
    return f"/homework/occurrences/{occ.pk}/not-done/"


@pytest.fixture
def occ(assignment: Assignment) -> Occurrence:
    return today_occurrence(assignment)


@pytest.fixture
def signed_in(client: Client, client_user: User) -> Client:
    client.force_login(client_user)
    return client


# --- quick_log ---------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["done", "smaller", "partly"])
def test_it_logs_in_one_step_and_returns_to_today(signed_in: Client, occ: Occurrence, status: str) -> None:
    response = signed_in.post(log_url(occ), {"status": status})
    assert response.status_code == 302
    assert response["Location"] == "/today/#messages"
    assert Log.objects.get(occurrence=occ).status == status


def test_back_on_today_the_page_opens_at_the_message_which_can_take_focus(
    signed_in: Client, occ: Occurrence
) -> None:
    response = signed_in.post(log_url(occ), {"status": "done"}, follow=True)
    assert response.redirect_chain[-1] == ("/today/#messages", 302)
    page = response.content.decode()
    assert '<div class="messages" id="messages" role="status" tabindex="-1">' in page
    assert 'src="/static/js/message-focus.js"' in page  # moves focus there, so it is read out


def test_it_records_minutes_and_helpfulness(signed_in: Client, occ: Occurrence) -> None:
    signed_in.post(log_url(occ), {"status": "done", "minutes_spent": "12", "helpfulness": "7"})
    log = Log.objects.get(occurrence=occ)
    assert (log.minutes_spent, log.helpfulness) == (12, 7)


def test_logging_again_changes_the_one_log_and_keeps_minutes(signed_in: Client, occ: Occurrence) -> None:
    signed_in.post(log_url(occ), {"status": "done", "minutes_spent": "12"})
    signed_in.post(log_url(occ), {"status": "partly"})
    log = Log.objects.get(occurrence=occ)
    assert (log.status, log.minutes_spent) == (LogStatus.PARTLY, 12)
    assert Log.objects.filter(occurrence=occ).count() == 1


def test_it_thanks_the_client_kindly(signed_in: Client, occ: Occurrence) -> None:
    response = signed_in.post(log_url(occ), {"status": "smaller"}, follow=True)
    assert "you did the smaller version. That counts." in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"status": "not_done"},
        {"status": "bogus"},
        {},
        {"status": "done", "minutes_spent": "1441"},
        {"status": "done", "helpfulness": "11"},
        {"status": "done", "helpfulness": "-1"},
    ],
)
def test_it_rejects_bad_input_and_writes_nothing(
    signed_in: Client, occ: Occurrence, data: dict[str, str]
) -> None:
    response = signed_in.post(log_url(occ), data)
    assert response.status_code == 200
    assert not Log.objects.filter(occurrence=occ).exists()
    assert "There is a problem" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("helpfulness", "11", "Give a rating from 0 to 10."),
        ("helpfulness", "-1", "Give a rating from 0 to 10."),
        ("minutes_spent", "1441", "Use a number from 0 to 1440."),
        ("minutes_spent", "many", "Use a whole number from 0 to 1440."),
    ],
)
def test_the_log_page_says_the_range_in_the_apps_words_and_keeps_what_was_typed(
    signed_in: Client, occ: Occurrence, field: str, value: str, message: str
) -> None:
    response = signed_in.post(log_url(occ), {"status": "done", field: value, "note": "Kept note"})
    assert field_error(response, field) == message
    content = response.content.decode()
    assert "Ensure this value" not in content
    assert "Kept note" in content
    assert not Log.objects.filter(occurrence=occ).exists()


def test_the_log_pages_number_boxes_carry_their_range(signed_in: Client, occ: Occurrence) -> None:
    content = signed_in.get(log_url(occ)).content.decode()
    minutes = re.search(r'<input[^>]*name="minutes_spent"[^>]*>', content)
    helpfulness = re.search(r'<input[^>]*name="helpfulness"[^>]*>', content)
    assert minutes and 'min="0"' in minutes.group(0) and 'max="1440"' in minutes.group(0)
    assert helpfulness and 'min="0"' in helpfulness.group(0) and 'max="10"' in helpfulness.group(0)


def test_it_records_a_short_note_with_the_one_tap_log(signed_in: Client, occ: Occurrence) -> None:
    note = "  Easier after a walk; the kids were asleep.  "
    response = signed_in.post(log_url(occ), {"status": "done", "note": note})
    assert response["Location"] == "/today/#messages"
    assert Log.objects.get(occurrence=occ).note == "Easier after a walk; the kids were asleep."


def test_logging_without_a_note_field_keeps_the_note_and_an_empty_one_clears_it(
    signed_in: Client, occ: Occurrence
) -> None:
    signed_in.post(log_url(occ), {"status": "done", "note": "Hard to start"})
    signed_in.post(log_url(occ), {"status": "partly"})
    assert Log.objects.get(occurrence=occ).note == "Hard to start"
    signed_in.post(log_url(occ), {"status": "partly", "note": ""})
    assert Log.objects.get(occurrence=occ).note == ""


def test_a_note_too_long_is_shown_again_with_the_message_and_nothing_lost(
    signed_in: Client, occ: Occurrence
) -> None:
    note = "word " * 120  # 600 characters
    response = signed_in.post(log_url(occ), {"status": "done", "note": note, "next": "/today/"})
    assert response.status_code == 200
    assert field_error(response, "note") == (
        "This is 599 characters long; the limit is 500. Please shorten it: everything you typed is still here."
    )
    content = response.content.decode()
    assert note.strip() in content
    assert 'name="status" value="done"' in content  # the buttons to log it again
    assert not Log.objects.filter(occurrence=occ).exists()


def test_it_goes_back_to_a_safe_next_url(signed_in: Client, occ: Occurrence, assignment: Assignment) -> None:
    target = f"/homework/{assignment.pk}/"
    response = signed_in.post(log_url(occ), {"status": "done", "next": target})
    assert response["Location"] == target


@pytest.mark.parametrize(
    "target", ["https://evil.example.com/", "//evil.example.com/", "javascript:alert(1)"]
)
def test_it_ignores_an_unsafe_next_url(signed_in: Client, occ: Occurrence, target: str) -> None:
    response = signed_in.post(log_url(occ), {"status": "done", "next": target})
    assert response["Location"] == "/today/#messages"


def test_it_will_not_log_an_occurrence_that_has_not_opened(
    signed_in: Client, therapist: User, client_user: User
) -> None:
    tomorrow = services.client_today(client_user) + timedelta(days=1)
    later = make_assignment(therapist, client_user, start=tomorrow)
    occ = Occurrence.objects.get(assignment=later, due_date=tomorrow)
    response = signed_in.post(log_url(occ), {"status": "done"}, follow=True)
    assert "You can log it from then." in response.content.decode()
    response = signed_in.post(not_done_url(occ), {"reason": "forgot"}, follow=True)
    assert "You can log it from then." in response.content.decode()
    assert not Log.objects.filter(occurrence=occ).exists()


def test_it_logs_a_past_occurrence_of_a_paused_assignment(
    signed_in: Client, therapist: User, client_user: User
) -> None:
    today = services.client_today(client_user)
    a = make_assignment(therapist, client_user, start=today - timedelta(days=2))
    services.set_assignment_status(assignment=a, status=AssignmentStatus.PAUSED)
    past = Occurrence.objects.get(assignment=a, due_date=today - timedelta(days=1))
    signed_in.post(log_url(past), {"status": "done"})
    assert Log.objects.get(occurrence=past).status == LogStatus.DONE


def test_it_will_not_log_an_archived_assignment(
    signed_in: Client, assignment: Assignment, occ: Occurrence
) -> None:
    services.log_occurrence(occurrence=occ, status=LogStatus.PARTLY)
    services.set_assignment_status(assignment=assignment, status=AssignmentStatus.ARCHIVED)
    signed_in.post(log_url(occ), {"status": "done"})
    assert Log.objects.get(occurrence=occ).status == LogStatus.PARTLY


def test_quick_log_refuses_other_methods(signed_in: Client, occ: Occurrence) -> None:
    assert signed_in.put(log_url(occ)).status_code == 405
    assert signed_in.delete(log_url(occ)).status_code == 405


def test_quick_log_is_404_for_another_clients_occurrence_and_writes_nothing(
    signed_in: Client, other_assignment: Assignment
) -> None:
    theirs = today_occurrence(other_assignment)
    assert signed_in.post(log_url(theirs), {"status": "done"}).status_code == 404
    assert signed_in.post(not_done_url(theirs), {"reason": "forgot"}).status_code == 404
    assert signed_in.get(not_done_url(theirs)).status_code == 404
    assert not Log.objects.exists()


def test_quick_log_redirects_anonymous_visitors(client: Client, occ: Occurrence) -> None:
    response = client.post(log_url(occ), {"status": "done"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Log.objects.exists()


def test_quick_log_forbids_the_therapist(client: Client, therapist: User, occ: Occurrence) -> None:
    client.force_login(therapist)
    assert client.post(log_url(occ), {"status": "done"}).status_code == 403
    assert client.post(not_done_url(occ), {"reason": "forgot"}).status_code == 403
    assert not Log.objects.exists()


# --- not_done ------------------------------------------------------------------------------------


def test_not_done_page_shows_the_reasons(signed_in: Client, occ: Occurrence) -> None:
    response = signed_in.get(not_done_url(occ))
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1" in content and "Not done this time" in content
    for reason in NotDoneReason:
        assert f'value="{reason.value}"' in content
    assert 'type="radio"' in content


@pytest.mark.parametrize("form_url", [log_url, not_done_url])
def test_the_back_link_follows_a_safe_next_and_names_the_assignment(
    signed_in: Client, occ: Occurrence, assignment: Assignment, form_url: Callable[[Occurrence], str]
) -> None:
    here = f"/homework/{assignment.pk}/"
    content = signed_in.get(f"{form_url(occ)}?next={here}").content.decode()
    assert f'<a href="{here}">Back to {assignment.title}</a>' in content
    assert "Back to Today" not in content
    content = signed_in.get(f"{form_url(occ)}?next=/homework/history/").content.decode()
    assert '<a href="/homework/history/">Back</a>' in content
    for unsafe in ("https://evil.example.com/", "//evil.example.com/"):
        content = signed_in.get(form_url(occ), {"next": unsafe}).content.decode()
        assert '<a href="/today/">Back to Today</a>' in content
        assert f'href="{unsafe}"' not in content


def test_not_done_logs_the_reason_and_note_and_says_so_kindly(signed_in: Client, occ: Occurrence) -> None:
    response = signed_in.post(not_done_url(occ), {"reason": "too_hard", "note": " Busy week "}, follow=True)
    assert response.redirect_chain[-1] == ("/today/#messages", 302)
    log = Log.objects.get(occurrence=occ)
    assert (log.status, log.reason, log.note) == (LogStatus.NOT_DONE, NotDoneReason.TOO_HARD, "Busy week")
    content = response.content.decode()
    assert "not done this time. That&#x27;s useful to know" in content


def test_not_done_without_a_reason_shows_the_error_beside_the_field_and_keeps_the_note(
    signed_in: Client, occ: Occurrence
) -> None:
    response = signed_in.post(not_done_url(occ), {"note": "I had a cold"})
    assert response.status_code == 200
    assert "Choose the reason that fits best" in field_error(response, "reason")
    assert "I had a cold" in response.content.decode()
    assert not Log.objects.exists()


def test_not_done_rejects_an_unknown_reason(signed_in: Client, occ: Occurrence) -> None:
    response = signed_in.post(not_done_url(occ), {"reason": "lazy"})
    assert response.status_code == 200
    assert "Choose one of the reasons listed." in field_error(response, "reason")
    assert not Log.objects.exists()


def test_not_done_changes_an_earlier_log(signed_in: Client, occ: Occurrence) -> None:
    services.log_occurrence(occurrence=occ, status=LogStatus.DONE)
    signed_in.post(not_done_url(occ), {"reason": "forgot"})
    log = Log.objects.get(occurrence=occ)
    assert (log.status, log.reason) == (LogStatus.NOT_DONE, NotDoneReason.FORGOT)


def test_not_done_refuses_other_methods(signed_in: Client, occ: Occurrence) -> None:
    assert signed_in.put(not_done_url(occ)).status_code == 405
    assert signed_in.delete(not_done_url(occ)).status_code == 405


def test_not_done_redirects_anonymous_visitors(client: Client, occ: Occurrence) -> None:
    response = client.get(not_done_url(occ))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_not_done_page_starts_from_an_earlier_reason(signed_in: Client, occ: Occurrence) -> None:
    services.log_occurrence(occurrence=occ, status=LogStatus.NOT_DONE, reason=NotDoneReason.OTHER, note="Ill")
    content = signed_in.get(not_done_url(occ)).content.decode()
    assert "Ill</textarea>" in content
    assert 'value="other"' in content and "checked" in content


@pytest.mark.parametrize("kind", ["quick", "not_done"])
def test_logging_an_occurrence_a_replan_just_removed_says_so_instead_of_failing(
    signed_in: Client, occ: Occurrence, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    # The view found the occurrence; a therapist's edit then re-planned it away before the log's lock.
    monkeypatch.setattr(access, "get_occurrence_for_client", lambda user, pk: occ)
    Occurrence.objects.filter(pk=occ.pk).delete()
    if kind == "quick":
        response = signed_in.post(log_url(occ), {"status": LogStatus.DONE}, follow=True)
    else:
        response = signed_in.post(not_done_url(occ), {"reason": "no_time"}, follow=True)
    assert response.status_code == 200
    assert "changed by your therapist a moment ago" in response.content.decode()
    assert not Log.objects.exists()


# --- undo ------------------------------------------------------------------------------------------


def undo_url(occ: Occurrence) -> str:
    return f"/homework/occurrences/{occ.pk}/undo/"


def test_the_message_after_a_quick_log_offers_undo_and_undo_opens_it_again(
    signed_in: Client, occ: Occurrence
) -> None:
    page = signed_in.post(log_url(occ), {"status": "done"}, follow=True).content.decode()
    assert "Logged as done. Nice work." in page
    assert f'action="{undo_url(occ)}"' in page
    response = signed_in.post(undo_url(occ), follow=True)
    assert response.redirect_chain[-1][0] == "/today/#messages"
    assert not Log.objects.filter(occurrence=occ).exists()
    page = response.content.decode()
    assert f"Undone: “{occ.assignment.title}” is open again." in page
    assert log_url(occ) in page  # its card is back on Today
    assert f'action="{undo_url(occ)}"' not in page


def test_the_message_after_not_done_offers_undo_and_undo_opens_it_again(
    signed_in: Client, occ: Occurrence
) -> None:
    not_done = f"/homework/occurrences/{occ.pk}/not-done/"
    page = signed_in.post(not_done, {"reason": "forgot"}, follow=True).content.decode()
    assert "Noted: not done this time." in page
    assert f'action="{undo_url(occ)}"' in page
    page = signed_in.post(undo_url(occ), follow=True).content.decode()
    assert not Log.objects.filter(occurrence=occ).exists()
    assert f"Undone: “{occ.assignment.title}” is open again." in page


def test_undo_after_changing_a_log_to_not_done_puts_back_what_it_said(
    signed_in: Client, occ: Occurrence
) -> None:
    signed_in.post(log_url(occ), {"status": "done", "note": "Calm"})
    signed_in.post(f"/homework/occurrences/{occ.pk}/not-done/", {"reason": "no_time"})
    page = signed_in.post(undo_url(occ), follow=True).content.decode()
    log = Log.objects.get(occurrence=occ)
    assert (log.status, log.reason, log.note) == (LogStatus.DONE, "", "Calm")
    assert f"Undone: “{occ.assignment.title}” is back to “Done”." in page


def test_undo_after_changing_a_log_puts_back_what_it_said_before(signed_in: Client, occ: Occurrence) -> None:
    signed_in.post(
        log_url(occ), {"status": "done", "minutes_spent": "20", "helpfulness": "7", "note": "Calm"}
    )
    page = signed_in.post(
        log_url(occ), {"status": "partly", "note": "Cut short"}, follow=True
    ).content.decode()
    assert f'action="{undo_url(occ)}"' in page
    response = signed_in.post(undo_url(occ), follow=True)
    log = Log.objects.get(occurrence=occ)
    assert (log.status, log.minutes_spent, log.helpfulness, log.note) == (LogStatus.DONE, 20, 7, "Calm")
    page = response.content.decode()
    assert f"Undone: “{occ.assignment.title}” is back to “Done”." in page
    # Put back as it was made, the log is one never changed: undoing again takes it back too,
    # so the day can be open again, one step at a time.
    page = signed_in.post(undo_url(occ), follow=True).content.decode()
    assert f"Undone: “{occ.assignment.title}” is open again." in page
    assert not Log.objects.filter(occurrence=occ).exists()


def test_undo_after_a_change_made_elsewhere_since_changes_nothing(signed_in: Client, occ: Occurrence) -> None:
    signed_in.post(log_url(occ), {"status": "done"})
    signed_in.post(log_url(occ), {"status": "partly"})
    services.log_occurrence(occurrence=occ, status=LogStatus.SMALLER)  # another device, say
    page = signed_in.post(undo_url(occ), follow=True).content.decode()
    assert "It has changed since" in page
    assert Log.objects.get(occurrence=occ).status == LogStatus.SMALLER


def test_undo_of_a_changed_log_keeps_its_reminders_and_numbers_told_it_is_logged(
    occ: Occurrence, monkeypatch: pytest.MonkeyPatch
) -> None:
    from homework import hooks

    told: list[str] = []
    monkeypatch.setattr(hooks, "occurrence_logged", [lambda o: told.append("logged")])
    monkeypatch.setattr(hooks, "occurrence_unlogged", [lambda o: told.append("unlogged")])
    first = services.log_occurrence(occurrence=occ, status=LogStatus.DONE, minutes_spent=10)
    before = services.LogState.of(first)
    changed = services.log_occurrence(occurrence=occ, status=LogStatus.NOT_DONE, reason=NotDoneReason.NO_TIME)
    restored = services.undo_log(occurrence=occ, before=before, changed_at=changed.updated_at)
    assert restored is not None
    assert (restored.status, restored.reason, restored.minutes_spent) == (LogStatus.DONE, "", 10)
    assert told == ["logged", "logged", "logged"]
    # A new log's undo deletes it and says it is unlogged.
    Log.objects.all().delete()
    services.log_occurrence(occurrence=occ, status=LogStatus.DONE)
    assert services.undo_log(occurrence=occ) is None
    assert told[-1] == "unlogged"
    assert not Log.objects.exists()


def test_only_todays_log_without_a_worksheet_can_be_undone(signed_in: Client, occ: Occurrence) -> None:
    assert "nothing to undo" in signed_in.post(undo_url(occ), follow=True).content.decode()
    signed_in.post(log_url(occ), {"status": "done"})
    Log.objects.filter(occurrence=occ).update(logged_at=services.timezone.now() - timedelta(days=2))
    page = signed_in.post(undo_url(occ), follow=True).content.decode()
    assert "Only what you logged today can be undone." in page
    assert Log.objects.filter(occurrence=occ).exists()


def test_undo_is_post_only_and_another_clients_occurrence_is_404(
    signed_in: Client, occ: Occurrence, other_client: User
) -> None:
    signed_in.post(log_url(occ), {"status": "done"})
    assert signed_in.get(undo_url(occ)).status_code == 405
    other = Client()
    other.force_login(other_client)
    assert other.post(undo_url(occ)).status_code == 404
    assert Log.objects.filter(occurrence=occ).exists()


# --- a past day: logged or changed from the assignment's page ----------------------------------------


@pytest.fixture
def yesterday(therapist: User, client_user: User) -> Occurrence:
    today = services.client_today(client_user)
    a = make_assignment(therapist, client_user, start=today - timedelta(days=3), smaller_version="One line")
    return Occurrence.objects.get(assignment=a, due_date=today - timedelta(days=1))


def test_the_log_page_offers_a_past_day_with_its_buttons_note_and_not_done(
    signed_in: Client, yesterday: Occurrence
) -> None:
    back = f"/homework/{yesterday.assignment_id}/"
    response = signed_in.get(log_url(yesterday), {"next": back})
    assert response.status_code == 200
    content = response.content.decode()
    assert f"for {yesterday.due_date:%A %-d %B}" in content
    for value in ("done", "smaller", "partly"):
        assert f'name="status" value="{value}"' in content
    assert 'name="note"' in content and 'name="minutes_spent"' in content
    assert f'value="{back}"' in content  # sent back to the assignment's page
    assert f'href="{not_done_url(yesterday)}?next={back}"' in content
    assert not Log.objects.exists()  # a GET writes nothing


def test_forgetting_to_log_a_past_day_is_fixed_with_the_day_named_and_an_undo(
    signed_in: Client, yesterday: Occurrence
) -> None:
    back = f"/homework/{yesterday.assignment_id}/"
    response = signed_in.post(
        log_url(yesterday), {"status": "done", "note": "Late", "next": back}, follow=True
    )
    assert response.redirect_chain[-1] == (back, 302)
    page = response.content.decode()
    assert f"Logged as done for {yesterday.due_date:%A %-d %B}. Nice work." in page
    assert f'action="{undo_url(yesterday)}"' in page  # logged today, so it can be undone
    log = Log.objects.get(occurrence=yesterday)
    assert (log.status, log.note) == (LogStatus.DONE, "Late")
    assert "Your note: Late" in page
    signed_in.post(undo_url(yesterday))
    assert not Log.objects.filter(occurrence=yesterday).exists()


def test_changing_a_log_from_an_earlier_day_says_what_it_was_and_offers_no_undo_that_would_fail(
    signed_in: Client, yesterday: Occurrence
) -> None:
    services.log_occurrence(occurrence=yesterday, status=LogStatus.DONE, minutes_spent=10, note="Quick")
    Log.objects.filter(occurrence=yesterday).update(logged_at=services.timezone.now() - timedelta(days=1))
    page = signed_in.get(log_url(yesterday)).content.decode()
    assert "You logged: Done." in page
    assert "Quick</textarea>" in page and 'value="10"' in page  # it starts from what was logged
    response = signed_in.post(log_url(yesterday), {"status": "partly", "note": "Quick"}, follow=True)
    page = response.content.decode()
    assert "Logged as partly done for" in page and "Before, it said “Done”." in page
    assert (
        f'action="{undo_url(yesterday)}"' not in page
    )  # no Undo: a log from yesterday is changed, not undone
    log = Log.objects.get(occurrence=yesterday)
    assert (log.status, log.minutes_spent, log.note) == (LogStatus.PARTLY, 10, "Quick")


def test_a_past_day_is_refused_with_todays_message_when_it_cannot_be_logged(
    signed_in: Client, yesterday: Occurrence
) -> None:
    services.set_assignment_status(assignment=yesterday.assignment, status=AssignmentStatus.ARCHIVED)
    page = signed_in.get(log_url(yesterday)).content.decode()
    assert "put away by your therapist" in page
    assert 'name="status"' not in page
    signed_in.post(log_url(yesterday), {"status": "done"})
    assert not Log.objects.exists()
