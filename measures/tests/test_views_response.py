"""The therapist's page of one response: /clients/<id>/questionnaires/answers/<response id>/."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from mallard.models import AuditEntry, Role, User
from mallard.retention import close_account
from mallard.services import move_client
from measures import services
from measures.answers import answer_sheet
from measures.instruments import ANSWERS, COPYRIGHT, GAD7, PHQ9
from measures.models import MeasureResponse, Schedule
from measures.scoring import score

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with time_machine.travel(NOW, tick=False):
        yield


def respond(
    client_user: User,
    instrument: str,
    answers: list[int],
    *,
    days_ago: float = 0,
    difficulty: int | None = None,
    corrects: MeasureResponse | None = None,
) -> MeasureResponse:
    result = score(instrument, answers)
    return MeasureResponse.objects.create(
        client=client_user,
        instrument=instrument,
        answers=answers,
        difficulty=difficulty,
        total=result.total,
        band=result.band,
        item9_positive=result.item9_positive,
        submitted_at=NOW - timedelta(days=days_ago),
        corrects=corrects,
    )


def url(response: MeasureResponse) -> str:
    return f"/clients/{response.client_id}/questionnaires/answers/{response.pk}/"


def text_of(content: str) -> str:
    """The page's words, without tags and with entities read, spaces collapsed."""
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", content)).split())
    return words.replace(" ,", ",").replace(" .", ".")


PHQ9_ANSWERS = [3, 2, 2, 1, 0, 3, 1, 2, 2]  # total 16, item 9 answered 2


def test_it_shows_every_item_in_the_published_words_with_the_answer_chosen(
    client: Client, therapist: User, client_user: User
) -> None:
    response = respond(client_user, "phq9", PHQ9_ANSWERS, difficulty=2)
    client.force_login(therapist)
    page = client.get(url(response))
    assert page.status_code == 200
    content = page.content.decode()
    words = text_of(content)
    assert "Carol Chen's PHQ-9 answers" in words
    assert html.escape(PHQ9.stem) in content
    rows = re.findall(
        r"<tr[^>]*>\s*<th scope=\"row\">(\d)</th>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", content, re.S
    )
    assert len(rows) == 9
    for (number, wording, answer), printed, value in zip(rows, PHQ9.items, PHQ9_ANSWERS, strict=True):
        assert html.unescape(wording) == printed, number
        assert text_of(answer).startswith(f"{value} {dict(ANSWERS)[value]}")
    assert html.escape(PHQ9.difficulty_question or "") in content
    assert "Very difficult" in words
    assert "16 out of 27: moderately severe" in words
    assert COPYRIGHT in html.unescape(content)


def test_item_9_is_called_out_with_its_value(client: Client, therapist: User, client_user: User) -> None:
    response = respond(client_user, "phq9", PHQ9_ANSWERS)
    client.force_login(therapist)
    content = client.get(url(response)).content.decode()
    assert "Item 9 answered 2: More than half the days." in text_of(content)
    flagged = re.findall(r'<tr class="answer-flagged">\s*<th scope="row">(\d)</th>', content)
    assert flagged == ["9"]
    assert "(item 9 above 0)" in content
    assert "Not marked reviewed yet." in content
    # Mark reviewed posts to the review, which comes back to these answers.
    assert f'action="/clients/{client_user.pk}/questionnaires/{response.pk}/item9-reviewed/"' in content
    assert 'name="back" value="answers"' in content


def test_mark_reviewed_and_its_undo_come_back_to_the_answers(
    client: Client, therapist: User, client_user: User
) -> None:
    response = respond(client_user, "phq9", PHQ9_ANSWERS)
    client.force_login(therapist)
    review = f"/clients/{client_user.pk}/questionnaires/{response.pk}/item9-reviewed/"
    marked = client.post(review, {"back": "answers"})
    assert marked["Location"] == url(response)
    page = client.get(marked["Location"]).content.decode()
    assert "item 9 answer is marked reviewed" in html.unescape(page)
    assert "Marked reviewed by Alice Adeyemi" in text_of(page)
    undo = f"/clients/{client_user.pk}/questionnaires/{response.pk}/item9-unreviewed/?back=answers"
    assert f'action="{undo}"' in page
    assert client.post(undo)["Location"] == url(response)
    assert MeasureResponse.objects.get(pk=response.pk).item9_reviewed_at is None
    # Another answers page than the response's own can't be named: "back" is a word, not an address.
    other = respond(client_user, "phq9", PHQ9_ANSWERS, days_ago=7)
    assert (
        client.post(review, {"back": f"/clients/{client_user.pk}/questionnaires/answers/{other.pk}/"})[
            "Location"
        ]
        == "/caseload/"
    )


def test_item_9_at_0_is_not_called_out(client: Client, therapist: User, client_user: User) -> None:
    response = respond(client_user, "phq9", [1, 1, 1, 1, 1, 1, 1, 1, 0])
    client.force_login(therapist)
    content = client.get(url(response)).content.decode()
    assert "answer-flagged" not in content
    assert "Item 9 answered" not in content
    assert "Not answered (it is optional, as on the printed form)" in content


def test_a_reviewed_item_9_says_who_reviewed_it_and_when(
    client: Client, therapist: User, client_user: User
) -> None:
    response = respond(client_user, "phq9", PHQ9_ANSWERS)
    MeasureResponse.objects.filter(pk=response.pk).update(
        item9_reviewed_at=NOW - timedelta(hours=1), item9_reviewed_by=therapist
    )
    client.force_login(therapist)
    words = text_of(client.get(url(response)).content.decode())
    assert "Marked reviewed by Alice Adeyemi on Wed 4 Mar 2026, 14:00 (your time)." in words
    assert "Mark reviewed" not in words.replace("Marked reviewed", "")


def test_the_gad7_has_seven_items_and_no_difficulty_question(
    client: Client, therapist: User, client_user: User
) -> None:
    response = respond(client_user, "gad7", [0, 1, 2, 3, 0, 1, 2])
    client.force_login(therapist)
    content = client.get(url(response)).content.decode()
    for printed in GAD7.items:
        assert html.escape(printed) in content
    assert len(re.findall(r'<th scope="row">\d</th>', content)) == 7
    assert "not counted in the score" not in content
    assert "9 out of 21: mild" in text_of(content)


def test_the_time_sent_is_the_clients_and_the_therapists(
    client: Client, therapist: User, client_user: User
) -> None:
    response = respond(client_user, "gad7", [0] * 7)
    client.force_login(therapist)
    words = text_of(client.get(url(response)).content.decode())
    # 15:00 UTC is 10:00 in New York (Carol) and 15:00 in London (Alice).
    assert (
        "Wed 4 Mar 2026, 10:00 Carol Chen's time (America/New_York); "
        "Wed 4 Mar 2026, 15:00 your time (Europe/London)"
    ) in words


def test_it_gives_the_change_from_the_one_before_as_other_pages_do(
    client: Client, therapist: User, client_user: User
) -> None:
    first = respond(client_user, "phq9", [3, 3, 3, 3, 3, 3, 2, 2, 0], days_ago=14)  # 22
    latest = respond(client_user, "phq9", [2, 2, 2, 2, 1, 1, 1, 1, 0])  # 12
    respond(client_user, "gad7", [3] * 7, days_ago=7)  # another questionnaire: not compared
    client.force_login(therapist)
    words = text_of(client.get(url(latest)).content.decode())
    assert (
        "Down 10 from 22 on Wed 18 Feb 2026, a reliable improvement (6 points or more counts on the PHQ-9)."
    ) in words
    assert url(first) in client.get(url(latest)).content.decode()
    assert "Nothing to compare with: the first PHQ-9 Carol Chen answered." in text_of(
        client.get(url(first)).content.decode()
    )


def test_a_small_change_is_no_reliable_change(client: Client, therapist: User, client_user: User) -> None:
    respond(client_user, "gad7", [1, 1, 1, 1, 1, 1, 1], days_ago=14)
    same = respond(client_user, "gad7", [1, 1, 1, 1, 1, 1, 1])
    up = respond(client_user, "gad7", [2, 2, 1, 1, 1, 1, 1], days_ago=-0.01)
    assert answer_sheet(same).moves == "no change"
    assert answer_sheet(up).moves == "up 2"
    assert answer_sheet(up).reliable == "no reliable change (4 points or more counts on the GAD-7)"


def test_a_correction_stands_in_for_what_it_corrects(
    client: Client, therapist: User, client_user: User
) -> None:
    oldest = respond(client_user, "phq9", [1] * 8 + [0], days_ago=20)  # 8
    wrong = respond(client_user, "phq9", [3] * 8 + [0], days_ago=10)  # 24
    fixed = respond(client_user, "phq9", [2] * 8 + [0], days_ago=9, corrects=wrong)  # 16
    latest = respond(client_user, "phq9", [1] * 8 + [0])  # 8
    assert answer_sheet(latest).previous == fixed
    assert answer_sheet(fixed).previous == oldest  # not the answers it corrects
    client.force_login(therapist)
    wrong_page = text_of(client.get(url(wrong)).content.decode())
    assert "Carol Chen corrected these answers on Mon 23 Feb 2026 (score 16)." in wrong_page
    assert "See the corrected answers" in wrong_page
    fixed_page = client.get(url(fixed)).content.decode()
    assert "These answers correct the ones Carol Chen sent on Sun 22 Feb 2026, 10:00 (score 24)." in text_of(
        fixed_page
    )
    assert f'href="{url(wrong)}"' in fixed_page


@pytest.mark.parametrize("earlier", [1, 20])
def test_its_query_count_does_not_grow_with_responses(
    client: Client, therapist: User, client_user: User, earlier: int
) -> None:
    for n in range(earlier):
        respond(client_user, "phq9", [n % 4] * 8 + [1], days_ago=n + 1)
        respond(client_user, "gad7", [n % 4] * 7, days_ago=n + 1)
    response = respond(client_user, "phq9", PHQ9_ANSWERS)
    client.force_login(therapist)
    client.get(url(response))  # warm the session and per-process caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url(response)).status_code == 200
    # The user and their second factor (middleware), the response with its client, the answers
    # it corrects, its correction and its reviewer, the one before it, and the audit row.
    assert len(queries) == 5, "\n".join(q["sql"] for q in queries.captured_queries)


def test_each_view_is_one_read_in_the_audit_trail(client: Client, therapist: User, client_user: User) -> None:
    response = respond(client_user, "phq9", PHQ9_ANSWERS)
    client.force_login(therapist)
    with CaptureQueriesContext(connection) as queries:
        client.get(url(response))
    inserts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    assert len([sql for sql in inserts if "auditlog" in sql or "audit" in sql]) == 1
    (entry,) = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS)
    assert (entry.actor, entry.client_id, entry.object_pk, entry.view_name) == (
        therapist,
        client_user.pk,
        str(response.pk),
        "measures-response",
    )
    assert MeasureResponse.objects.get(pk=response.pk).item9_reviewed_at is None  # a GET changes nothing


def test_another_therapists_client_is_not_found(
    client: Client, therapist: User, other_therapist: User, client_user: User, other_client: User
) -> None:
    theirs = respond(other_client, "phq9", PHQ9_ANSWERS)
    client.force_login(therapist)
    assert client.get(url(theirs)).status_code == 404
    # Nor through one of the therapist's own clients' ids.
    assert client.get(f"/clients/{client_user.pk}/questionnaires/answers/{theirs.pk}/").status_code == 404
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).exists()


def test_a_client_moved_to_another_therapist_is_not_found(
    client: Client, therapist: User, other_therapist: User, client_user: User
) -> None:
    response = respond(client_user, "phq9", PHQ9_ANSWERS)
    move_client(client=client_user, to_therapist=other_therapist)
    client.force_login(therapist)
    assert client.get(url(response)).status_code == 404
    client.force_login(other_therapist)
    assert client.get(url(response)).status_code == 200


def test_a_client_who_closed_their_account_stays_readable_by_their_therapist(
    client: Client, therapist: User, client_user: User
) -> None:
    """As the record's export is (docs/data-rights.md): the therapist they closed it with, read only."""
    response = respond(client_user, "phq9", PHQ9_ANSWERS)
    close_account(client=client_user)
    client.force_login(therapist)
    page = client.get(url(response))
    assert page.status_code == 200
    content = page.content.decode()
    assert "closed their Mallard account" in content
    assert "item9-reviewed" not in content and "Mark reviewed" not in content
    assert f'href="/clients/{client_user.pk}/overview/"' not in content


def test_it_prints_with_the_shared_print_rules_first(
    client: Client, therapist: User, client_user: User
) -> None:
    """``mallard-print.css`` hides the menus and buttons in print; the page's own rules come after."""
    response = respond(client_user, "phq9", PHQ9_ANSWERS)
    client.force_login(therapist)
    content = client.get(url(response)).content.decode()
    assert content.index("css/mallard-print.css") < content.index("css/measures-answers.css")


def test_it_answers_get_only(client: Client, therapist: User, client_user: User) -> None:
    response = respond(client_user, "phq9", PHQ9_ANSWERS)
    client.force_login(therapist)
    assert client.post(url(response)).status_code == 405


def test_it_needs_a_signed_in_therapist(client: Client, client_user: User) -> None:
    response = respond(client_user, "phq9", PHQ9_ANSWERS)
    anonymous = client.get(url(response))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    client.force_login(client_user)
    assert client.get(url(response)).status_code == 403
    client.force_login(make_user("sam@example.com", "Sam Staff", Role.STAFF))
    assert client.get(url(response)).status_code == 403


def test_the_plans_page_links_the_answered_questionnaire_and_each_correction(
    client: Client, therapist: User, client_user: User
) -> None:
    plan = services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="gad7",
        schedule=Schedule.ONCE,
        starts_on=date(2026, 3, 4),
    )
    with time_machine.travel(NOW - timedelta(hours=2), tick=False):
        sent = services.submit_response(client=client_user, window=plan.windows.get(), answers=[1] * 7)
    fixed = services.correct_response(client=client_user, response=sent, answers=[2] * 7)
    client.force_login(therapist)
    content = client.get(f"/clients/{client_user.pk}/questionnaires/").content.decode()
    assert f'href="{url(sent)}"' in content
    assert f'href="{url(fixed)}"' in content


@pytest.mark.parametrize(
    ("starts_on", "message"),
    [
        (date(2026, 3, 4), "Asked. The GAD-7 is open now: Carol Chen sees it on Today."),
        (date(2026, 3, 9), "Asked. Carol Chen will see it on Today when it opens."),
    ],
)
def test_asking_says_whether_the_questionnaire_is_open_now(
    client: Client, therapist: User, client_user: User, starts_on: date, message: str
) -> None:
    from mallard.once import new_key

    client.force_login(therapist)
    data = {"instrument": "gad7", "schedule": "once", "starts_on": starts_on.isoformat(), "once": new_key()}
    page = client.post(f"/clients/{client_user.pk}/questionnaires/", data, follow=True)
    assert message in html.unescape(page.content.decode())
