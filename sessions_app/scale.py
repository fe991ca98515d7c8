"""Weekly therapy sessions at scale for ``seed_scale``.

Every client has had a session each week since care began, at a fixed weekly
hour in their therapist's day: most held, some cancelled or missed. Held
sessions carry private notes and a summary (the demo's texts), some have the
client's reflection, and each client has the next session booked. The action
items found in the latest held session wait as proposals for the therapist.
"""

from __future__ import annotations

import random
from datetime import time, timedelta

from mallard.scale import RowIds, ScaleClient, ScaleRun, delete_where, ids_where
from sessions_app import demo
from sessions_app.action_items import TEXT_LIMIT, get_extractor
from sessions_app.models import (
    ItemSource,
    ItemStatus,
    ProposedAction,
    Reflection,
    SessionStatus,
    TherapySession,
)

HOURS = [time(9, 0), time(10, 0), time(11, 0), time(13, 0), time(14, 0), time(16, 0), time(17, 0)]
SESSION_COLUMNS = (
    "id", "therapist_id", "client_id", "starts_at", "duration_minutes", "status", "private_notes", "summary",
    "created_at", "updated_at",
)  # fmt: skip
PROPOSAL_COLUMNS = (
    "session_id",
    "source",
    "text",
    "kind",
    "start",
    "end",
    "status",
    "decided_at",
    "created_at",
)


def _held() -> list[tuple[demo.Held, list[tuple[str, str, str, int, int]]]]:
    """The demo's held sessions, each with the action items the extractor finds in it."""
    extractor = get_extractor()
    result = []
    for story in demo.STORIES.values():
        for week in story.weeks:
            if not isinstance(week, demo.Held):
                continue
            found: dict[tuple[str, str], tuple[str, str, str, int, int]] = {}
            for source, text in ((ItemSource.SUMMARY, week.summary), (ItemSource.NOTES, week.notes)):
                for item in extractor(text):
                    key = (source.value, item.text[:TEXT_LIMIT])
                    found.setdefault(key, (key[0], key[1], item.kind or "", item.start, item.end))
            result.append((week, list(found.values())))
    return result


CANCELLED_NOTE = "Client emailed in the morning to cancel: a work deadline moved. Rebooked for next week."
NO_SHOW_NOTE = "Client did not attend and did not reply to the check-in message. Sent a warm follow-up."


def generate(run: ScaleRun, clients: list[ScaleClient]) -> None:
    held = run.shared.get("sessions_app.held")
    if held is None:
        held = run.shared["sessions_app.held"] = _held()
    for client in clients:
        _client(run, client, held, run.rng("sessions_app", client.number))


def _client(
    run: ScaleRun,
    client: ScaleClient,
    held: list[tuple[demo.Held, list[tuple[str, str, str, int, int]]]],
    rng: random.Random,
) -> None:
    writer = run.writer
    hour = rng.choice(HOURS)
    # The next session is booked one to six days ahead; the earlier ones were a week apart.
    upcoming = client.at(client.today + timedelta(days=rng.randint(1, 6)), hour)
    starts = upcoming - timedelta(weeks=1)
    past = []
    while starts > client.care_started_at:
        past.append(starts)
        starts -= timedelta(weeks=1)
    past.reverse()
    held_sessions = []
    for n, starts_at in enumerate(past):
        session_id = writer.new_id(TherapySession)
        roll = rng.random()
        written = starts_at + timedelta(minutes=70)
        if roll < 0.06:
            status, notes, summary = SessionStatus.CANCELLED, CANCELLED_NOTE, ""
        elif roll < 0.11:
            status, notes, summary = SessionStatus.NO_SHOW, NO_SHOW_NOTE, ""
        else:
            week, items = held[(client.number + n) % len(held)]
            status, notes, summary = SessionStatus.HELD, week.notes, week.summary
            held_sessions.append((session_id, written, items))
            if week.reflection is not None and rng.random() < 0.4:
                stood_out, practise, questions = week.reflection
                reflected = starts_at + timedelta(days=1, hours=3)
                if reflected <= run.now:
                    writer.insert(
                        Reflection,
                        session_id=session_id,
                        client_id=client.id,
                        stood_out=stood_out,
                        want_to_practise=practise,
                        questions=questions,
                        created_at=reflected,
                        updated_at=reflected,
                    )
        writer.add(
            TherapySession,
            SESSION_COLUMNS,
            (session_id, client.therapist_id, client.id, starts_at, 50, status.value, notes, summary, written,
             written),
        )  # fmt: skip
    booked = client.care_started_at
    writer.add(
        TherapySession,
        SESSION_COLUMNS,
        (writer.new_id(TherapySession), client.therapist_id, client.id, upcoming, 50,
         SessionStatus.SCHEDULED.value, "", "", booked, booked),
    )  # fmt: skip
    for session_id, written, items in held_sessions[-1:]:
        for source, text, kind, start, end in items:
            writer.add(
                ProposedAction,
                PROPOSAL_COLUMNS,
                (session_id, source, text, kind, start, end, ItemStatus.PROPOSED.value, None, written),
            )


def tables() -> list[str]:
    return [model._meta.db_table for model in (TherapySession, Reflection, ProposedAction)]


def flush(users: RowIds) -> None:
    """Delete the sessions of the generated people."""
    sessions = ids_where(TherapySession, "client", users)
    delete_where(ProposedAction, "session", sessions)
    delete_where(Reflection, "session", sessions)
    delete_where(TherapySession, "client", users)
