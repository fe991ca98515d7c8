"""Every therapist page that shows a questionnaire score links to that response's answers
(measures-response): the overview's scores in words and its item 9 flag, the pre-session
summary's latest scores, and the caseload's item 9 flag before "Mark reviewed"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from mallard.models import User
from measures.models import MeasureResponse
from sessions_app.models import SessionStatus, TherapySession
from sessions_app.tests.scores_helpers import respond

NOW = datetime(2026, 12, 6, 17, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def answers_href(response: MeasureResponse) -> str:
    return f'href="/clients/{response.client_id}/questionnaires/answers/{response.pk}/"'


def test_the_overview_links_each_score_in_words_and_the_item_9_flag(
    client: Client, therapist: User, client_user: User
) -> None:
    first = respond(client_user, "phq9", 20, days_ago=21)
    anxiety = respond(client_user, "gad7", 12, days_ago=14)
    flagged = respond(client_user, "phq9", 14, days_ago=7, item9=2)
    client.force_login(therapist)
    content = client.get(f"/clients/{client_user.pk}/overview/").content.decode()
    details = content[content.index("score-details") :]
    for response in (first, anxiety, flagged):
        assert answers_href(response) in details
    flag = content[content.index("item9-flag") : content.index("Mark reviewed")]
    assert answers_href(flagged) in flag


def test_the_summary_links_the_latest_score_of_each_questionnaire(
    client: Client, therapist: User, client_user: User
) -> None:
    older = respond(client_user, "phq9", 20, days_ago=14)
    latest = respond(client_user, "phq9", 12, days_ago=2)
    anxiety = respond(client_user, "gad7", 9, days_ago=2)
    session = TherapySession.objects.create(
        therapist=therapist,
        client=client_user,
        starts_at=NOW + timedelta(days=1),
        status=SessionStatus.SCHEDULED,
    )
    client.force_login(therapist)
    content = client.get(f"/sessions/{session.pk}/summary/").content.decode()
    scores = content[content.index('id="scores-heading"') :]
    assert answers_href(latest) in scores
    assert answers_href(anxiety) in scores
    assert answers_href(older) not in scores


def test_the_caseload_links_the_item_9_answer_before_mark_reviewed(
    client: Client, therapist: User, client_user: User
) -> None:
    flagged = respond(client_user, "phq9", 10, days_ago=1, item9=1)
    client.force_login(therapist)
    content = client.get("/caseload/").content.decode()
    link = content.index(answers_href(flagged))
    assert link < content.index(
        f'action="/clients/{client_user.pk}/questionnaires/{flagged.pk}/item9-reviewed/"'
    )
    assert "See the answers" in content[link : link + 200]
