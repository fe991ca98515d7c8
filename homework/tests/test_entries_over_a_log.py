"""A worksheet for a day already logged says what is logged now, never silently replaces a
"not done" and its reason, and says after finishing what changed."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from homework import services
from homework.models import JournalEntry, Kind, Log, LogStatus, NotDoneReason, Occurrence
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User
from mallard.tests.helpers import field_error

pytestmark = pytest.mark.django_db


def url(occurrence: Occurrence, query: str = "") -> str:
    return f"/homework/occurrences/{occurrence.pk}/entry/{query}"


def yesterday(therapist: User, client_user: User, kind: str = Kind.JOURNAL) -> Occurrence:
    today = services.client_today(client_user)
    a = make_assignment(therapist, client_user, kind, start=today - timedelta(days=1))
    return Occurrence.objects.get(assignment=a, due_date=today - timedelta(days=1))


def not_done(occurrence: Occurrence) -> None:
    services.log_occurrence(
        occurrence=occurrence, status=LogStatus.NOT_DONE, reason=NotDoneReason.FORGOT, note="Busy week"
    )


def checked(page: str) -> list[str]:
    """The values of the "How did it go?" radios that are ticked."""
    tags = re.findall(r'<input[^>]*name="log_status"[^>]*>', page)
    return [re.search(r'value="(\w+)"', tag).group(1) for tag in tags if " checked" in tag]  # type: ignore[union-attr]


def test_the_worksheet_says_the_day_is_logged_as_not_done_and_ticks_nothing(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = yesterday(therapist, client_user)
    not_done(occurrence)
    client.force_login(client_user)
    page = client.get(url(occurrence)).content.decode()
    assert "You logged this day as not done: “I forgot”." in page
    assert "Your note: Busy week" in page
    assert "Finishing the worksheet changes that." in page
    assert checked(page) == []
    # The smaller version does not tick anything over a "not done" either.
    assert checked(client.get(url(occurrence, "?version=smaller")).content.decode()) == []


def test_finishing_over_not_done_with_nothing_chosen_asks_and_keeps_the_reason(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = yesterday(therapist, client_user)
    not_done(occurrence)
    client.force_login(client_user)
    response = client.post(url(occurrence), {"prompt": "p", "text": "Wrote it after all", "action": "finish"})
    assert response.status_code == 200
    assert "You logged this day as not done. Choose what you did" in field_error(response, "log_status")
    assert "Wrote it after all" in response.content.decode()  # nothing typed is lost
    log = Log.objects.get(occurrence=occurrence)
    assert (log.status, log.reason, log.note) == (LogStatus.NOT_DONE, "forgot", "Busy week")


def test_finishing_over_not_done_says_what_changed(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = yesterday(therapist, client_user)
    not_done(occurrence)
    client.force_login(client_user)
    finish: dict[str, Any] = {"prompt": "p", "text": "t", "log_status": "partly", "action": "finish"}
    page = client.post(url(occurrence), finish, follow=True).content.decode()
    assert "It is now logged as “Partly done”. Before, it said “Not done” (“I forgot”)." in page
    assert Log.objects.get(occurrence=occurrence).status == LogStatus.PARTLY


def test_a_day_logged_as_done_says_so_and_starts_from_it(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.JOURNAL))
    services.log_occurrence(occurrence=occurrence, status=LogStatus.SMALLER)
    client.force_login(client_user)
    page = client.get(url(occurrence)).content.decode()
    assert "You logged this day as “Did the smaller version”." in page
    assert checked(page) == ["smaller"]
    finish = {"prompt": "p", "text": "t", "log_status": "smaller", "action": "finish"}
    page = client.post(url(occurrence), finish, follow=True).content.decode()
    assert "Before, it said" not in page  # nothing changed, nothing to say


def test_an_unlogged_day_says_nothing_about_a_log(client: Client, therapist: User, client_user: User) -> None:
    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.JOURNAL))
    client.force_login(client_user)
    page = client.get(url(occurrence)).content.decode()
    assert "You logged this" not in page
    assert checked(page) == ["done"]


def test_saving_a_finished_worksheet_over_a_later_not_done_keeps_it_unless_a_status_is_chosen(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = yesterday(therapist, client_user)
    entry = services.save_entry(occurrence=occurrence, fields={"prompt": "p", "text": "t"}, submit=True)
    not_done(occurrence)  # changed afterwards from the assignment's page
    client.force_login(client_user)
    page = client.get(url(occurrence)).content.decode()
    assert (
        "You logged this day as not done: “I forgot”. Saving changes keeps that, unless you choose "
        "what you did under “How did it go?”." in page
    )
    assert 'value="draft"' not in page  # a finished worksheet has no draft to keep changes in
    assert checked(page) == []
    # A typo fixed with nothing chosen: the words change, the day stays "not done".
    response = client.post(url(occurrence), {"prompt": "p", "text": "t2", "action": "finish"})
    assert response.status_code == 302
    journal = JournalEntry.objects.get(pk=entry.pk)
    assert journal.text == "t2" and not journal.is_draft
    log = Log.objects.get(occurrence=occurrence)
    assert (log.status, log.reason) == (LogStatus.NOT_DONE, NotDoneReason.FORGOT)
    # Choosing what was done changes the log.
    response = client.post(
        url(occurrence), {"prompt": "p", "text": "t3", "log_status": "partly", "action": "finish"}
    )
    assert response.status_code == 302
    assert Log.objects.get(occurrence=occurrence).status == LogStatus.PARTLY
