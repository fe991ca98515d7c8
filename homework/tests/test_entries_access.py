"""Who may open and post the worksheet pages, and what a hostile or careless request can and can't do."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from homework import services
from homework.models import AssignmentStatus, Entry, JournalEntry, Kind, Log, ThoughtRecord
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User

PAYLOAD = "<script>alert('x')</script>"


@pytest.fixture
def journal(therapist: User, client_user: User) -> Any:
    return today_occurrence(make_assignment(therapist, client_user, Kind.JOURNAL))


@pytest.fixture
def daves_journal(other_assignment: Any) -> Any:
    return today_occurrence(other_assignment)


def form_url(occurrence: Any) -> str:
    return f"/homework/occurrences/{occurrence.pk}/entry/"


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, journal: Any) -> None:
    for path in (form_url(journal), "/homework/entries/1/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    client.post(form_url(journal), {"text": "x", "action": "finish"})
    assert not Entry.objects.exists()


def test_therapists_get_403(client: Client, therapist: User, journal: Any) -> None:
    entry = services.save_entry(occurrence=journal, fields={"text": "Mine"}, submit=True)
    client.force_login(therapist)
    assert client.get(form_url(journal)).status_code == 403
    assert client.post(form_url(journal), {"text": "Edited", "action": "finish"}).status_code == 403
    assert client.get(f"/homework/entries/{entry.pk}/").status_code == 403
    entry.refresh_from_db()
    assert entry.text == "Mine"  # type: ignore[attr-defined]


def test_another_clients_occurrence_is_404_and_a_forged_post_writes_nothing(
    client: Client, client_user: User, daves_journal: Any
) -> None:
    client.force_login(client_user)
    assert client.get(form_url(daves_journal)).status_code == 404
    response = client.post(form_url(daves_journal), {"text": "Forged", "action": "finish"})
    assert response.status_code == 404
    assert not Entry.objects.exists() and not Log.objects.exists()


def test_a_forged_post_cannot_overwrite_another_clients_entry(
    client: Client, client_user: User, daves_journal: Any
) -> None:
    entry = services.save_entry(occurrence=daves_journal, fields={"text": "Dave's own"}, submit=False)
    client.force_login(client_user)
    assert client.post(form_url(daves_journal), {"text": "Forged", "action": "draft"}).status_code == 404
    assert client.get(f"/homework/entries/{entry.pk}/").status_code == 404
    entry.refresh_from_db()
    assert entry.text == "Dave's own" and entry.is_draft  # type: ignore[attr-defined]


def test_a_missing_occurrence_or_entry_is_404(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    assert client.get("/homework/occurrences/999999/entry/").status_code == 404
    assert client.get("/homework/entries/999999/").status_code == 404


def test_wrong_methods_are_405(client: Client, client_user: User, journal: Any) -> None:
    entry = services.save_entry(occurrence=journal, fields={"text": "Hi"}, submit=True)
    client.force_login(client_user)
    assert client.put(form_url(journal)).status_code == 405
    assert client.delete(form_url(journal)).status_code == 405
    assert client.post(f"/homework/entries/{entry.pk}/").status_code == 405
    assert client.head(f"/homework/entries/{entry.pk}/").status_code == 200


def test_an_archived_assignment_cannot_be_logged(client: Client, client_user: User, journal: Any) -> None:
    # A draft keeps its occurrence when the assignment is archived (untouched ones are removed).
    entry = services.save_entry(occurrence=journal, fields={"text": "Draft"}, submit=False)
    services.set_assignment_status(assignment=journal.assignment, status=AssignmentStatus.ARCHIVED)
    client.force_login(client_user)
    message = "This practice has been archived, so it can't be logged any more."
    page = client.get(form_url(journal)).content.decode()
    assert message in page and 'name="text"' not in page
    assert f'href="/homework/entries/{entry.pk}/"' in page
    response = client.post(form_url(journal), {"text": "Too late", "action": "finish"})
    assert message in response.content.decode()
    entry.refresh_from_db()
    assert entry.text == "Draft" and entry.is_draft  # type: ignore[attr-defined]
    assert not Log.objects.exists()


def test_text_at_the_documented_limit_is_stored_and_shown_escaped(
    client: Client, client_user: User, journal: Any
) -> None:
    text = (PAYLOAD * 2000)[:20000]
    client.force_login(client_user)
    response = client.post(form_url(journal), {"text": text, "action": "finish"})
    assert response.status_code == 302
    entry = JournalEntry.objects.get(occurrence=journal)
    assert entry.text == text
    for page in (client.get(response["Location"]), client.get(form_url(journal))):
        content = page.content.decode()
        assert PAYLOAD not in content
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in content


def test_text_over_the_limit_is_refused_and_kept(client: Client, client_user: User, journal: Any) -> None:
    client.force_login(client_user)
    response = client.post(form_url(journal), {"text": "a" * 20001, "action": "draft"})
    assert response.status_code == 200
    assert "the limit is 20000. Please shorten it: everything you typed is still here." in (
        response.content.decode()
    )
    assert "Ensure this value" not in response.content.decode()
    assert not Entry.objects.exists()


def test_thought_record_payloads_are_escaped_everywhere(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.THOUGHT_RECORD))
    client.force_login(client_user)
    data = {
        "situation": PAYLOAD * 5,
        "hot": "0",
        "action": "continue",
        "moods-TOTAL_FORMS": "1",
        "moods-INITIAL_FORMS": "0",
        "moods-0-name": "<b>x</b>",
        "moods-0-intensity": "50",
        "thoughts-TOTAL_FORMS": "1",
        "thoughts-INITIAL_FORMS": "0",
        "thoughts-0-text": PAYLOAD,
    }
    client.post(form_url(occurrence), data)
    record = ThoughtRecord.objects.get(occurrence=occurrence)
    assert record.situation == PAYLOAD * 5
    for path in (
        form_url(occurrence) + "?step=1",
        form_url(occurrence) + "?step=2",
        f"/homework/entries/{record.pk}/",
    ):
        content = client.get(path).content.decode()
        assert PAYLOAD not in content and "<b>x</b>" not in content
        assert "&lt;script&gt;" in content


# --- An old link after the therapist changed the schedule -------------------------------------


def _tomorrow(assignment: Any) -> Any:
    from datetime import timedelta

    from homework.models import Occurrence

    day = services.client_today(assignment.client) + timedelta(days=1)
    return Occurrence.objects.get(assignment=assignment, due_date=day)


def test_an_old_link_leads_to_that_days_worksheet_as_the_schedule_now_has_it(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL)
    old = _tomorrow(assignment)
    services.update_assignment(assignment=assignment, title="Evening journal")  # plans the day again
    new = _tomorrow(assignment)
    assert new.pk != old.pk
    client.force_login(client_user)
    response = client.get(f"{form_url(old)}?version=smaller")
    assert response.status_code == 302
    assert response["Location"] == f"{form_url(new)}?version=smaller"
    page = client.get(response["Location"]).content.decode()
    assert "Your therapist changed the schedule, so this is that day&#x27;s worksheet now." in page


def test_an_old_link_to_a_day_the_schedule_no_longer_has_goes_to_today(
    client: Client, therapist: User, client_user: User
) -> None:
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL)
    old = _tomorrow(assignment)
    today = services.client_today(client_user)
    services.update_assignment(
        assignment=assignment, recurrence="weekdays", weekdays=str(today.weekday())
    )  # tomorrow is no longer a day of it
    client.force_login(client_user)
    response = client.get(form_url(old), follow=True)
    assert response.redirect_chain == [("/today/", 302)]
    assert "That day&#x27;s worksheet has moved: your therapist changed the schedule." in (
        response.content.decode()
    )


def test_another_clients_old_link_is_still_404(
    client: Client, client_user: User, other_assignment: Any
) -> None:
    old = _tomorrow(other_assignment)
    services.update_assignment(assignment=other_assignment, title="Renamed")
    client.force_login(client_user)
    assert client.get(form_url(old)).status_code == 404
    # The owner is led on; a POST to the old id is still "not found" and writes nothing.
    client.force_login(other_assignment.client)
    assert client.get(form_url(old)).status_code == 302
    assert client.post(form_url(old), {"text": "x", "action": "finish"}).status_code == 404
    assert not Entry.objects.exists()
