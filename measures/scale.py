"""PHQ-9 and GAD-7 responses at scale for ``seed_scale``.

Every client answered both questionnaires every two weeks since care began, and most got
better slowly with ups and downs: a few stayed the same or got worse. About one PHQ-9 in
twenty-five has item 9 above 0; all but the newest of those were marked reviewed by the
therapist a day later, so the caseload has some flags to show.
"""

from __future__ import annotations

import random
from datetime import time, timedelta

from mallard.scale import RowIds, ScaleClient, ScaleRun, delete_where
from measures.models import MeasureResponse
from measures.scoring import score

EVERY_DAYS = 14
ITEM9_SHARE = 0.04
RESPONSE_COLUMNS = (
    "client_id", "instrument", "answers", "difficulty", "total", "band", "item9_positive", "submitted_at",
    "item9_reviewed_at", "item9_reviewed_by_id",
)  # fmt: skip
START = {"phq9": (8, 22), "gad7": (6, 17)}
ITEMS = {"phq9": 9, "gad7": 7}


def answers_for(rng: random.Random, instrument: str, total: int, *, item9: bool) -> list[int]:
    """Answers from 0 to 3 adding up to ``total``, spread at random; PHQ-9 item 9 is 1 when ``item9``."""
    items = ITEMS[instrument]
    answers = [0] * items
    open_items = list(range(items - 1 if instrument == "phq9" else items))
    left = total
    if item9:
        answers[8] = 1
        left -= 1
    while left > 0:
        i = rng.choice(open_items)
        answers[i] += 1
        left -= 1
        if answers[i] == 3:
            open_items.remove(i)
    return answers


def generate(run: ScaleRun, clients: list[ScaleClient]) -> None:
    for client in clients:
        _client(run, client, run.rng("measures", client.number))


def _client(run: ScaleRun, client: ScaleClient, rng: random.Random) -> None:
    days = (client.today - client.first_day).days
    moment = time(rng.randint(7, 21), rng.randint(0, 59))
    answered = [client.first_day + timedelta(days=d) for d in range(rng.randint(0, 3), days + 1, EVERY_DAYS)]
    answered = [day for day in answered if client.at(day, moment) <= run.now]
    course = rng.choice((-1.0, -0.6, -0.4, -0.2, 0.0, 0.15))  # share of the start gained or lost
    for instrument, (low, high) in START.items():
        start = rng.randint(low, high)
        top = 24 if instrument == "phq9" else 21
        for n, day in enumerate(answered):
            progress = n / max(len(answered) - 1, 1)
            total = round(start * (1 + course * progress) + rng.gauss(0, 1.5))
            total = max(0, min(top, total))
            item9 = instrument == "phq9" and total >= 6 and rng.random() < ITEM9_SHARE
            answers = answers_for(rng, instrument, total, item9=item9)
            result = score(instrument, answers)
            submitted = client.at(day, moment)
            last = n == len(answered) - 1
            reviewed = submitted + timedelta(days=1) if item9 and not last else None
            if reviewed is not None and reviewed > run.now:
                reviewed = None
            run.writer.add(
                MeasureResponse,
                RESPONSE_COLUMNS,
                (client.id, instrument, answers, rng.randint(0, 3) if instrument == "phq9" else None,
                 result.total, result.band.value, result.item9_positive, submitted, reviewed,
                 client.therapist_id if reviewed else None),
            )  # fmt: skip


def tables() -> list[str]:
    return [MeasureResponse._meta.db_table]


def flush(users: RowIds) -> None:
    """Delete the responses of the generated people."""
    delete_where(MeasureResponse, "client", users)
