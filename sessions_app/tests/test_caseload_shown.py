"""What a client's caseload row prints from their homework and questionnaires, when their stored row
is not current (``work_out_shown``): the latest activity, each questionnaire's latest and previous
standing totals, and the newest unreviewed item 9 answer with how many there are.

Varied clients (nothing at all, logs only, drafts, corrections, ties on the moment submitted) are
checked against the rules read back in plain Python from their rows, and on the page.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from homework.models import Entry, Kind, Log, LogStatus, Occurrence
from mallard.models import User
from measures.models import MeasureResponse
from sessions_app import numbers
from sessions_app.selectors import caseload
from sessions_app.selectors.caseload import Item9, LatestScore, Shown
from sessions_app.tests.dashboard_helpers import add_client, daily_since, days_ago, log_on
from sessions_app.tests.scores_helpers import respond

pytestmark = pytest.mark.django_db


def expected_shown(client: User) -> Shown:
    """The rules of ``Shown``, read in Python from every row the client has."""
    logs = [log.updated_at for log in Log.objects.filter(client=client)]
    entries = [entry.updated_at for entry in Entry.objects.filter(client=client, is_draft=False)]
    responses = list(MeasureResponse.objects.filter(client=client))
    moments = logs + entries + [response.submitted_at for response in responses]
    corrected = {response.corrects_id for response in responses if response.corrects_id is not None}
    newest_first = sorted(responses, key=lambda r: (r.submitted_at, r.pk), reverse=True)
    scores = []
    for code in ("phq9", "gad7"):
        standing = [r for r in newest_first if r.instrument == code and r.pk not in corrected]
        if standing:
            previous = standing[1].total if len(standing) > 1 else None
            scores.append(LatestScore(code, standing[0].total, standing[0].submitted_at, previous))
    unreviewed = [r for r in newest_first if r.item9_positive and r.item9_reviewed_at is None]
    return Shown(
        last_activity=max(moments) if moments else None,
        scores=tuple(scores),
        item9=Item9(unreviewed[0].pk, unreviewed[0].submitted_at, len(unreviewed)) if unreviewed else None,
    )


def moment(rng: random.Random, now: datetime) -> datetime:
    return now - timedelta(days=rng.randrange(30), seconds=rng.randrange(86400))


def varied_client(therapist: User, n: int, rng: random.Random, now: datetime) -> User:
    """A client with a random mix of logs, finished and draft worksheets, and responses, some
    corrected, some reviewed, some submitted at the same moment as another."""
    person = add_client(therapist, n)
    if rng.random() < 0.7:
        assignment = daily_since(therapist, person, 12)
        for day in rng.sample(range(1, 12), rng.randrange(4)):
            log_on(assignment, days_ago(person, day), LogStatus.DONE, at=moment(rng, now))
    if rng.random() < 0.6:
        journal = daily_since(therapist, person, 12, Kind.JOURNAL)
        for occurrence in Occurrence.objects.filter(assignment=journal)[: rng.randrange(4)]:
            Entry.objects.create(
                client=person,
                occurrence=occurrence,
                assignment=journal,
                kind=Kind.JOURNAL,
                is_draft=rng.random() < 0.5,
                updated_at=moment(rng, now),
            )
    responses: list[MeasureResponse] = []
    for _ in range(rng.randrange(7)):
        code = rng.choice(("phq9", "gad7"))
        same = [r for r in responses if r.instrument == code]
        at = rng.choice(same).submitted_at if same and rng.random() < 0.3 else moment(rng, now)
        item9 = rng.choice((0, 0, 1, 2)) if code == "phq9" else 0
        standing = [r for r in same if not MeasureResponse.objects.filter(corrects=r).exists()]
        corrects = rng.choice(standing) if standing and rng.random() < 0.3 else None
        total = rng.randrange(item9, 19)
        responses.append(respond(person, code, total, at=at, item9=item9, corrects=corrects))
    for response in responses:
        if response.item9_positive and rng.random() < 0.3:
            MeasureResponse.objects.filter(pk=response.pk).update(item9_reviewed_at=now)
    return person


def test_each_client_gets_what_their_own_rows_say(therapist: User, other_client: User) -> None:
    rng = random.Random(20261207)
    now = timezone.now()
    clients = [varied_client(therapist, n, rng, now) for n in range(24)]
    # Another therapist's client with rows of every kind: none of them is anyone else's.
    respond(other_client, "phq9", 20, days_ago=0, item9=3)
    with CaptureQueriesContext(connection) as queries:
        shown = caseload.work_out_shown(clients, now)
    # All the clients in one statement, plus the repeated reasons (one, as no reason repeats here).
    assert len(queries) == 2
    for client in clients:
        assert shown[client.pk] == expected_shown(client), client.email
    assert {bool(shown[client.pk].scores) for client in clients} == {True, False}
    assert {shown[client.pk].item9 is None for client in clients} == {True, False}
    assert {shown[client.pk].last_activity is None for client in clients} == {True, False}


def test_ties_and_corrections(therapist: User, client_user: User) -> None:
    """Two responses submitted at the same moment: the later one made is the latest. A corrected
    response no longer stands (its correction does); item 9 counts every unreviewed answer."""
    at = timezone.now() - timedelta(days=2)
    first = respond(client_user, "phq9", 10, at=at, item9=1)
    second = respond(client_user, "phq9", 12, at=at, item9=2)
    respond(client_user, "phq9", 15, at=at - timedelta(days=1))
    wrong = respond(client_user, "gad7", 20, days_ago=1)
    right = respond(client_user, "gad7", 8, days_ago=1, corrects=wrong)
    shown = caseload.work_out_shown([client_user], timezone.now())[client_user.pk]
    assert shown.scores == (LatestScore("phq9", 12, at, 10), LatestScore("gad7", 8, right.submitted_at, None))
    assert shown.item9 == Item9(second.pk, at, 2)
    assert shown.last_activity == max(wrong.submitted_at, right.submitted_at)
    MeasureResponse.objects.filter(pk=second.pk).update(item9_reviewed_at=timezone.now())
    shown = caseload.work_out_shown([client_user], timezone.now())[client_user.pk]
    assert shown.item9 == Item9(first.pk, at, 1)


def test_the_page_shows_them_as_it_does_once_stored(therapist: User) -> None:
    """The caseload's rows worked out for the view, then read back from the stored rows the worker
    wrote: the same table either way, and the values the rules give."""
    rng = random.Random(7)
    with time_machine.travel(timezone.now(), tick=False):
        now = timezone.now()
        clients = [varied_client(therapist, n, rng, now) for n in range(12)]
        worked_out = caseload.caseload(therapist, sort="name")
        for row in worked_out.clients:
            assert row.client is not None
            expected = expected_shown(row.client)
            assert (row.last_activity, row.scores, row.item9) == (
                expected.last_activity,
                expected.scores,
                expected.item9,
            )
        assert numbers.refresh_caseload_numbers(client_ids=[client.pk for client in clients]) == len(clients)
        stored = caseload.caseload(therapist, sort="name")
    assert stored.table == worked_out.table
