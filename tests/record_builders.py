"""A client's whole record, every kind of row, for the data-rights tests.

Recognisable strings mark what must or must not reach each kind of export.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from homework.models import (
    Assignment,
    AutomaticThought,
    BehavioralExperiment,
    Goal,
    GoalRating,
    JournalEntry,
    Kind,
    Log,
    LogStatus,
    Mood,
    Occurrence,
    ReadingReflection,
    RelaxationPractice,
    SkillPractice,
    ThoughtRecord,
)
from mallard.models import User
from measures.models import MeasurePlan, MeasureResponse, MeasureWindow, Schedule
from reminders.models import Notification, Reminder, ReminderPreferences, ReminderStatus
from sessions_app.models import ItemSource, ProposedAction, Reflection, SessionStatus, TherapySession

PRIVATE_JOURNAL = "PRIVATE-JOURNAL-TEXT"
PRIVATE_LOG_NOTE = "PRIVATE-LOG-NOTE"
DRAFT_TEXT = "DRAFT-RELAXATION-COMMENT"
THERAPIST_NOTES = "THERAPIST-PRIVATE-NOTES"
NOTES_ITEM = "NOTES-ACTION-ITEM"
SUMMARY_TEXT = "SESSION-SUMMARY-FOR-CLIENT"
SUMMARY_ITEM = "SUMMARY-ACTION-ITEM"
SITUATION = "THOUGHT-RECORD-SITUATION"
REFLECTION_TEXT = "CLIENT-REFLECTION"
GOAL_TEXT = "CLIENT-GOAL"
NOTIFICATION_TEXT = "NOTIFICATION-TEXT"
MEASURE_ANSWERS = [2, 1, 2, 1, 1, 1, 2, 0, 1]  # PHQ-9: 11, moderate; item 9 above 0


def reauthenticate(client: Client, user: User) -> None:
    """Mark the test client's session as having just confirmed its password (allauth's record)."""
    session = client.session
    session["account_authentication_methods_user"] = str(user.pk)
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "reauthenticated": True}
    ]
    session.save()


def signed_in(client: Client, user: User) -> Client:
    client.force_login(user)
    reauthenticate(client, user)
    return client


def _assignment(therapist: User, client: User, kind: str, n: int) -> Assignment:
    return Assignment.objects.create(
        therapist=therapist,
        client=client,
        kind=kind,
        title=f"{Kind(kind).label} practice",
        instructions="Do it.",
        rationale="It helps.",
        start_date=timezone.localdate() - timedelta(days=n + 1),
    )


def _occurrence(assignment: Assignment, days_ago: int) -> Occurrence:
    day = timezone.localdate() - timedelta(days=days_ago)
    return Occurrence.objects.create(
        assignment=assignment, client=assignment.client, available_from=day, due_date=day
    )


def _common(base: dict[str, Any], occurrences: dict[str, Occurrence], kind: str) -> dict[str, Any]:
    occurrence = occurrences[kind]
    return {**base, "assignment": occurrence.assignment, "occurrence": occurrence, "kind": kind}


def make_record(therapist: User, client: User, *, size: int = 1) -> None:
    """``size`` worksheets of every kind (journal entries private, relaxation ones drafts),
    ``size`` sessions, goals, reminders and notifications, and ``size`` stopped PHQ-9 plans, each
    with one answered window (item 9 above 0, not yet reviewed)."""
    now = timezone.now()
    base = {"client": client, "is_draft": False, "submitted_at": now}
    assignments = {kind: _assignment(therapist, client, kind, size) for kind in Kind.values}
    for i in range(size):
        occurrences = {kind: _occurrence(assignment, i) for kind, assignment in assignments.items()}
        for kind, occurrence in occurrences.items():
            note = PRIVATE_LOG_NOTE if kind == Kind.JOURNAL else "log note"
            Log.objects.create(
                occurrence=occurrence,
                assignment=occurrence.assignment,
                client=client,
                status=LogStatus.DONE,
                note=note,
                helpfulness=7,
            )

        record = ThoughtRecord.objects.create(
            **_common(base, occurrences, Kind.THOUGHT_RECORD), situation=SITUATION
        )
        Mood.objects.create(record=record, name="Anxious", intensity=80, rerating=40)
        AutomaticThought.objects.create(record=record, text="They will laugh", is_hot=True)
        BehavioralExperiment.objects.create(
            **_common(base, occurrences, Kind.BEHAVIORAL_EXPERIMENT),
            belief="b",
            belief_strength=60,
            experiment="e",
        )
        JournalEntry.objects.create(
            **_common(base, occurrences, Kind.JOURNAL), is_private=True, prompt="p", text=PRIVATE_JOURNAL
        )
        RelaxationPractice.objects.create(
            **{**_common(base, occurrences, Kind.RELAXATION), "is_draft": True, "submitted_at": None},
            technique="Breathing",
            comments=DRAFT_TEXT,
        )
        ReadingReflection.objects.create(
            **_common(base, occurrences, Kind.READING), resource_title="Book", was_read=True
        )
        SkillPractice.objects.create(
            **_common(base, occurrences, Kind.SKILL_PRACTICE), skill="Asking", what_i_did="Asked"
        )

        goal = Goal.objects.create(client=client, created_by=therapist, text=f"{GOAL_TEXT} {i}")
        GoalRating.objects.create(goal=goal, rating=4, rated_by=client)

        session = TherapySession.objects.create(
            therapist=therapist,
            client=client,
            starts_at=now - timedelta(days=7 * (i + 1)),
            status=SessionStatus.HELD,
            private_notes=THERAPIST_NOTES,
            summary=SUMMARY_TEXT,
        )
        Reflection.objects.create(session=session, client=client, stood_out=REFLECTION_TEXT)
        ProposedAction.objects.create(
            session=session, source=ItemSource.NOTES, text=NOTES_ITEM, start=0, end=5
        )
        ProposedAction.objects.create(
            session=session, source=ItemSource.SUMMARY, text=SUMMARY_ITEM, start=0, end=5
        )

        reminder = Reminder.objects.create(
            user=client,
            occurrence=occurrences[Kind.READING],
            due_at=now - timedelta(days=i, hours=1),
            status=ReminderStatus.SENT,
            sent_at=now - timedelta(days=i, hours=1),
            idempotency_key=f"test-{client.pk}-{occurrences[Kind.READING].pk}",
        )
        Notification.objects.create(user=client, reminder=reminder, text=NOTIFICATION_TEXT)

        plan = MeasurePlan.objects.create(
            client=client,
            therapist=therapist,
            instrument="phq9",
            schedule=Schedule.ONCE,
            starts_on=(now - timedelta(days=7 * (i + 1))).date(),
            ended_at=now,
        )
        window = MeasureWindow.objects.create(
            plan=plan,
            client=client,
            opens_at=now - timedelta(days=7 * (i + 1)),
            closes_at=now - timedelta(days=i),
        )
        MeasureResponse.objects.create(
            client=client,
            plan=plan,
            window=window,
            instrument="phq9",
            answers=MEASURE_ANSWERS,
            total=sum(MEASURE_ANSWERS),
            band="moderate",
            item9_positive=True,
            submitted_at=now - timedelta(days=i, hours=2),
        )
    ReminderPreferences.objects.get_or_create(user=client, defaults={"daily_cap": 2})
