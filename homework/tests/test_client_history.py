"""/homework/history/: the client's entries, newest first, searchable and filterable by kind."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from homework import services
from homework.models import Assignment, Entry, Kind, Occurrence
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User
from mallard.tests.helpers import field_error

pytestmark = pytest.mark.django_db

URL = "/homework/history/"


def journal_entries(
    therapist: User, client: User, n: int, *, submit: bool = True, text: str = "entry"
) -> list[Entry]:
    today = services.client_today(client)
    a = make_assignment(
        therapist, client, Kind.JOURNAL, title="Evening journal", start=today - timedelta(days=n - 1)
    )
    occs = Occurrence.objects.filter(assignment=a, due_date__lte=today).order_by("due_date")
    return [
        services.save_entry(
            occurrence=o, fields={"prompt": "What went well?", "text": f"{text} {i}"}, submit=submit
        )
        for i, o in enumerate(occs)
    ]


@pytest.fixture
def signed_in(client: Client, client_user: User) -> Client:
    client.force_login(client_user)
    return client


def test_it_lists_entries_newest_first_with_kind_status_and_excerpt(
    signed_in: Client, therapist: User, client_user: User, assignment: Assignment
) -> None:
    older = journal_entries(therapist, client_user, 1, text="Grateful for the sun")[0]
    draft = services.save_entry(
        occurrence=today_occurrence(assignment), fields={"situation": "Meeting with my boss"}, submit=False
    )
    content = signed_in.get(URL).content.decode()
    assert content.index("Meeting with my boss") < content.index("Grateful for the sun")
    assert "Thought record" in content and "Journaling" in content
    assert "Draft" in content
    assert "Not logged yet" in content  # the draft
    assert "Done" in content  # the submitted journal entry's log
    assert f'href="/homework/entries/{older.pk}/"' in content
    assert f'href="/homework/entries/{draft.pk}/"' in content


def test_it_marks_entries_with_therapist_feedback(
    signed_in: Client, therapist: User, client_user: User
) -> None:
    entry = journal_entries(therapist, client_user, 1)[0]
    services.leave_feedback(therapist=therapist, entry=entry, text="Lovely work")
    assert "Feedback from your therapist" in signed_in.get(URL).content.decode()


def test_it_shows_the_clients_local_date(signed_in: Client, therapist: User, client_user: User) -> None:
    entry = journal_entries(therapist, client_user, 1)[0]
    # 02:00 UTC on 11 June is still 10 June in New York.
    Entry.objects.filter(pk=entry.pk).update(updated_at=datetime(2026, 6, 11, 2, 0, tzinfo=UTC))
    assert "Wed 10 Jun 2026" in signed_in.get(URL).content.decode()


def test_it_searches_the_entries_text(signed_in: Client, therapist: User, client_user: User) -> None:
    journal_entries(therapist, client_user, 2, text="walked by the River")
    journal_entries(therapist, client_user, 1, text="cooked dinner")
    content = signed_in.get(URL, {"q": "river"}).content.decode()
    assert content.count("walked by the River") == 2
    assert "cooked dinner" not in content
    assert "No entries match" in signed_in.get(URL, {"q": "zebra"}).content.decode()


def test_it_filters_by_kind(
    signed_in: Client, therapist: User, client_user: User, assignment: Assignment
) -> None:
    journal_entries(therapist, client_user, 1, text="journal words")
    services.save_entry(
        occurrence=today_occurrence(assignment), fields={"situation": "On the bus"}, submit=False
    )
    content = signed_in.get(URL, {"kind": "thought_record"}).content.decode()
    assert "On the bus" in content
    assert "journal words" not in content


def test_an_unknown_kind_shows_an_error_beside_the_field(
    signed_in: Client, therapist: User, client_user: User
) -> None:
    journal_entries(therapist, client_user, 1, text="still listed")
    response = signed_in.get(URL, {"kind": "horoscope", "q": "still"})
    assert response.status_code == 200
    assert "is not a kind of homework" in field_error(response, "kind")
    assert "still listed" in response.content.decode()


def test_it_paginates_20_a_page_and_survives_bad_page_numbers(
    signed_in: Client, therapist: User, client_user: User
) -> None:
    journal_entries(therapist, client_user, 23)
    first = signed_in.get(URL).content.decode()
    assert first.count('href="/homework/entries/') == 20
    assert "page 1 of 2" in first
    assert "?page=2" in first
    second = signed_in.get(URL, {"page": "2"}).content.decode()
    assert second.count('href="/homework/entries/') == 3
    for bad in ("0", "-1", "abc", "999", ""):
        assert signed_in.get(URL, {"page": bad}).status_code == 200


def test_pagination_keeps_the_search(signed_in: Client, therapist: User, client_user: User) -> None:
    journal_entries(therapist, client_user, 22, text="tide")
    content = signed_in.get(URL, {"q": "tide"}).content.decode()
    assert "?q=tide&amp;page=2" in content


def test_it_shows_only_the_clients_own_entries(
    signed_in: Client, other_therapist: User, other_client: User
) -> None:
    journal_entries(other_therapist, other_client, 2, text="Dave's private words")
    content = signed_in.get(URL).content.decode()
    assert "Dave" not in content
    assert "No entries yet" in content


def test_it_refuses_post(signed_in: Client) -> None:
    assert signed_in.post(URL).status_code == 405


def test_it_redirects_anonymous_visitors(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_forbids_the_therapist(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("n", [2, 12])
def test_its_query_count_does_not_grow_with_rows(
    signed_in: Client, therapist: User, client_user: User, django_assert_max_num_queries: object, n: int
) -> None:
    entries = journal_entries(therapist, client_user, n)
    services.leave_feedback(therapist=therapist, entry=entries[0], text="Nice")
    signed_in.get(URL)  # the first request of a session records the signed-in device
    # Six for the session and signed-in device, then the count and the page.
    with django_assert_max_num_queries(9):  # type: ignore[operator]
        response = signed_in.get(URL, {"q": "entry"})
    assert response.content.decode().count('href="/homework/entries/') == n
