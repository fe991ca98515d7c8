"""Therapy sessions, the client's reflections on them, and the action items they produce."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils import timezone

from homework.models import Assignment, Kind
from mallard.models import User

NOTES_LIMIT = 20000
REFLECTION_LIMIT = 5000


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"
    NO_SHOW = "no_show", "No-show"


class TherapySession(models.Model):
    """One appointment between a therapist and a client.

    ``private_notes`` are the therapist's alone and never reach a client page;
    ``summary`` is written for the client and shown to them.
    """

    therapist = models.ForeignKey(User, on_delete=models.PROTECT, related_name="sessions_led")
    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="therapy_sessions")
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=50)
    status = models.CharField(max_length=16, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED)
    private_notes = models.TextField(max_length=NOTES_LIMIT, blank=True)
    summary = models.TextField(max_length=NOTES_LIMIT, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar = ["-starts_at"]
        indexes: ClassVar = [
            models.Index(fields=["client", "starts_at"]),
            models.Index(fields=["therapist", "starts_at"]),
        ]
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(status__in=SessionStatus.values), name="session_status_valid"),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5, duration_minutes__lte=480), name="session_duration_5_480"
            ),
        ]

    def __str__(self) -> str:
        return f"Session with {self.client} on {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def is_past(self) -> bool:
        return self.starts_at <= timezone.now()

    def overlaps(self, other: TherapySession) -> bool:
        return self.starts_at < other.ends_at and other.starts_at < self.ends_at


class Reflection(models.Model):
    """The client's reflection after a held session. Reflection and homework belong together."""

    session = models.OneToOneField(TherapySession, on_delete=models.CASCADE, related_name="reflection")
    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="reflections")
    stood_out = models.TextField("What stood out", max_length=REFLECTION_LIMIT, blank=True)
    want_to_practise = models.TextField("What I want to practise", max_length=REFLECTION_LIMIT, blank=True)
    questions = models.TextField("Questions for next time", max_length=REFLECTION_LIMIT, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Reflection on {self.session}"


class ItemSource(models.TextChoices):
    SUMMARY = "summary", "Session summary"
    NOTES = "notes", "Therapist's notes"
    REFLECTION = "reflection", "Client's reflection"


class ItemStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    CONFIRMED = "confirmed", "Confirmed"
    DISMISSED = "dismissed", "Dismissed"


class ProposedAction(models.Model):
    """An action item Mallard found in a session's text, waiting for the therapist's decision.

    Confirming turns it into exactly one assignment: ``assignment`` is unique,
    and the status moves from proposed only once (a compare-and-swap update).
    """

    session = models.ForeignKey(TherapySession, on_delete=models.CASCADE, related_name="proposed_actions")
    source = models.CharField(max_length=16, choices=ItemSource.choices)
    text = models.CharField(max_length=500)
    kind = models.CharField(max_length=32, choices=Kind.choices, blank=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=ItemStatus.choices, default=ItemStatus.PROPOSED)
    assignment = models.OneToOneField(
        Assignment, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposed_action"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar = ["source", "start"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["session", "source", "text"], name="one_proposal_per_text"),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="proposal_span"),
            models.CheckConstraint(
                condition=~Q(status=ItemStatus.CONFIRMED) | Q(decided_at__isnull=False),
                name="confirmed_has_decision_time",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class CaseloadNumbers(models.Model):
    """A client's window numbers on the caseload, as last worked out from their homework rows:
    the counts, overdue, reasons for "not done" and the three-in-a-row flag.

    Written only by ``sessions_app.numbers`` (after a homework write commits, and by the worker
    for whatever else moved); read by ``sessions_app.selectors.caseload``, which never writes. A
    row is current while the client's local date is ``as_of``, their homework rows have changed
    ``changes`` times (``homework.models.ChangeCounter``, kept by database triggers, read before
    the numbers were worked out) and the way they are worked out is ``formula``. A row that is
    not current is not shown: the caseload works that client's numbers out for the view.
    """

    # Deleted with the client, as the rest of their record is (mallard.retention).
    client = models.OneToOneField(
        User, on_delete=models.CASCADE, primary_key=True, related_name="caseload_numbers"
    )
    as_of = models.DateField()
    changes = models.BigIntegerField()
    formula = models.BigIntegerField()
    due = models.PositiveIntegerField()
    done = models.PositiveIntegerField()
    smaller = models.PositiveIntegerField()
    partly = models.PositiveIntegerField()
    not_done = models.PositiveIntegerField()
    not_logged = models.PositiveIntegerField()
    overdue = models.PositiveIntegerField()
    reasons = models.JSONField(default=dict, help_text="Times each reason for “not done” was given.")
    not_done_run = models.BooleanField()

    class Meta:
        verbose_name_plural = "caseload numbers"

    def __str__(self) -> str:
        return f"Client #{self.client_id} as of {self.as_of}"
