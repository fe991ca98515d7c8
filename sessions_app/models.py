"""Therapy sessions, the client's reflections on them, and the action items they produce."""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, timedelta
from typing import ClassVar

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone

from homework.models import WEEKDAY_NAMES, Assignment, AssignmentStatus, Kind, Recurrence, plan_cue
from mallard.lib.dates import DateWords
from mallard.models import User
from sessions_app.extraction import read_schedule_words
from sessions_app.lib import cue_blank, key_words, without_schedule

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

    name_for_client_related: ClassVar[tuple[str, ...]] = ()

    def name_for_client(self, words: DateWords) -> str:
        return f"your session of {words.day(self.starts_at)}"

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def is_past(self) -> bool:
        return self.starts_at <= timezone.now()

    def overlaps(self, starts_at: datetime, ends_at: datetime) -> bool:
        """Whether this session's time and that one share a minute (back to back is not an overlap)."""
        return self.starts_at < ends_at and starts_at < self.ends_at


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

    name_for_client_related: ClassVar[tuple[str, ...]] = ("session",)

    def name_for_client(self, words: DateWords) -> str:
        return f"your reflection on {self.session.name_for_client(words)}"


class ItemSource(models.TextChoices):
    SUMMARY = "summary", "Session summary"
    NOTES = "notes", "Therapist's notes"
    REFLECTION = "reflection", "Client's reflection"


class ItemStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    CONFIRMED = "confirmed", "Confirmed"
    UPDATED = "updated", "Updated an existing assignment"
    DISMISSED = "dismissed", "Dismissed"


class ItemOwner(models.TextChoices):
    CLIENT = "client", "Client's homework"
    THERAPIST = "therapist", "Therapist's to-do"


# The words a proposal's schedule field is named by when the text did not say it.
SCHEDULE_WORDS = {
    "recurrence": "how often",
    "times_per_week": "how many times a week",
    "weekdays": "which days",
    "preferred_time": "what time of day",
    "estimated_minutes": "how many minutes",
}


# "Client agreed to …", "She will …", "I'll …", "You agreed to …", "We agreed you'll …": who
# committed, which an assignment itself says. The client's own names say it too ("Jordan agreed
# to …", "Jordan Ellis will …"): ``commitment`` adds them, from the session.
_SUBJECTS = r"client|patient|pt|she|he|they|i|we|you"
_COMMITMENT_PATTERN = (
    r"^(?:we\s+agreed\s+(?:that\s+)?)?(?:the\s+)?(?:{subjects})(?:['’]ll\b|\s+(?:has\s+|have\s+)?(?:agreed|will|would"
    r"|is\s+going|are\s+going|am\s+going|plans?|planned|decided|committed|wants?)\b|(?=\s+to\s))(?:\s+to\b)?\s*"
)
_COMMITMENT = re.compile(_COMMITMENT_PATTERN.format(subjects=_SUBJECTS), re.IGNORECASE)


def names_of(person: User) -> tuple[str, ...]:
    """What notes call a client by: their display name, and its first word ("Jordan Ellis",
    "Jordan"). Longest first, so the whole name is taken before its first word."""
    whole = " ".join(person.display_name.split())
    first = whole.split(" ", 1)[0]
    return tuple(name for name in dict.fromkeys((whole, first)) if len(name) > 1)


@functools.lru_cache(maxsize=256)
def commitment(names: tuple[str, ...] = ()) -> re.Pattern[str]:
    """``_COMMITMENT`` with ``names`` (a client's, ``names_of``) among the subjects it strips."""
    if not names:
        return _COMMITMENT
    spelled = "|".join(r"\s+".join(re.escape(word) for word in name.split()) for name in names)
    return re.compile(_COMMITMENT_PATTERN.format(subjects=f"{spelled}|{_SUBJECTS}"), re.IGNORECASE)


class ProposedAction(models.Model):
    """An action item Mallard found in a session's text, waiting for the therapist's decision.

    One row per agreement: the same item found in the notes, the summary and the
    reflection is one row, found first in ``source`` and also in ``also_in``.
    Besides its words it keeps the schedule the words gave (how often, which
    days, what time, how long, and the "After…" cue), so confirming gives what
    was agreed. ``update_of`` is the client's active assignment it matches, if
    any: then confirming updates that assignment instead of making a new one.

    The status moves from proposed only once (a compare-and-swap update), and a
    database constraint lets only one confirmed proposal point at an assignment.
    """

    session = models.ForeignKey(TherapySession, on_delete=models.CASCADE, related_name="proposed_actions")
    source = models.CharField(max_length=16, choices=ItemSource.choices)
    # Database defaults too: rows written by COPY (the scale seeder) name only the older columns.
    also_in = models.CharField(
        max_length=40,
        blank=True,
        db_default="",
        help_text="The other sources it was found in, comma-separated.",
    )
    text = models.CharField(max_length=500)
    kind = models.CharField(max_length=32, choices=Kind.choices, blank=True)
    owner = models.CharField(
        max_length=16, choices=ItemOwner.choices, default=ItemOwner.CLIENT, db_default=ItemOwner.CLIENT
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    # The schedule the words gave; empty when they didn't say.
    recurrence = models.CharField(max_length=16, choices=Recurrence.choices, blank=True, db_default="")
    times_per_week = models.PositiveSmallIntegerField(null=True, blank=True)
    weekdays = models.CharField(
        max_length=7, blank=True, db_default="", help_text="Monday=0, for example '024'."
    )
    time_of_day = models.TimeField(null=True, blank=True)
    cue = models.CharField(
        max_length=200, blank=True, db_default="", help_text="The “After…” moment, such as “stand-up”."
    )
    minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=ItemStatus.choices, default=ItemStatus.PROPOSED)
    update_of = models.ForeignKey(
        Assignment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assignment = models.ForeignKey(
        Assignment, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    changed_fields = models.JSONField(
        null=True,
        blank=True,
        encoder=DjangoJSONEncoder,
        help_text=(
            "What “Update the existing assignment” changed, as {field: [before, after]}, which Undo "
            "puts back; {} when it changed nothing, null when it was not kept."
        ),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar = ["source", "start"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["session", "source", "text"], name="one_proposal_per_text"),
            models.UniqueConstraint(
                fields=["assignment"],
                condition=Q(status=ItemStatus.CONFIRMED),
                name="one_confirmed_proposal_per_assignment",
            ),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="proposal_span"),
            models.CheckConstraint(
                condition=~Q(status=ItemStatus.CONFIRMED) | Q(decided_at__isnull=False),
                name="confirmed_has_decision_time",
            ),
            models.CheckConstraint(
                condition=Q(times_per_week__isnull=True) | Q(times_per_week__gte=1, times_per_week__lte=7),
                name="proposal_times_per_week_1_7",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    name_for_client_related: ClassVar[tuple[str, ...]] = ("session",)

    def name_for_client(self, words: DateWords) -> str:
        return f"an action item from {self.session.name_for_client(words)}"

    @property
    def is_todo(self) -> bool:
        """The therapist's own task: shown apart, never assigned."""
        return self.owner == ItemOwner.THERAPIST

    @property
    def weekday_numbers(self) -> list[int]:
        return sorted({int(c) for c in self.weekdays if c.isdigit() and int(c) < 7})

    # What "Update the existing assignment" would change, in words (``action_items.update_changes``);
    # set by the session page for the proposals it shows, not stored.
    update_changes: list[str] | None = None
    # Whether "Assign it" may make the assignment in one click: False when no template fits the
    # item's words (``action_items.proposals_for``); set for the proposals a page shows, not stored.
    one_click: bool = True

    def due_day(self, today: date) -> date | None:
        """The day a one-off's words name ("by Friday", "on Wednesday"): the next such day from
        ``today`` (the client's), today included. None for anything else."""
        days = self.weekday_numbers
        if self.recurrence != Recurrence.ONCE or len(days) != 1:
            return None
        return today + timedelta(days=(days[0] - today.weekday()) % 7)

    @property
    def task_text(self) -> str:
        """The item as a task for the client, as an assignment made from it is titled:
        "Client agreed to practise saying no" → "Practise saying no", and "Jordan agreed to …"
        the same when Jordan is the session's client (``names_of``), whose name the client's own
        homework never needs."""
        names = names_of(self.session.client)
        text = commitment(names).sub("", self.text.strip(), count=1) or self.text.strip()
        text = re.sub(
            r"^not\s+(?:to\s+)?", "don't ", text, flags=re.IGNORECASE
        )  # "will not check" → "Don't check"
        return text[0].upper() + text[1:] if text else ""

    @property
    def title(self) -> str:
        """The task without the words that gave the schedule this proposal holds, which the
        assignment's own fields say: "Walk for 20 minutes every morning after breakfast" → "Walk".
        Words the schedule was not read from stay; a title with no words of its own left
        ("Practise daily" → "Practise") keeps them all."""
        task = self.task_text
        said, words = read_schedule_words(task)
        days = "".join(str(d) for d in said.weekdays)
        held = {
            "recurrence": bool(self.recurrence)
            and (said.recurrence, said.times_per_week, days)
            == (self.recurrence, self.times_per_week, self.weekdays),
            "time_of_day": self.time_of_day is not None and said.time_of_day == self.time_of_day,
            "cue": bool(self.cue) and cue_blank(said.cue or "") == self.cue,
            "minutes": self.minutes is not None and said.minutes == self.minutes,
        }
        title = without_schedule(task, {name: spans for name, spans in words.items() if held[name]})
        return title if key_words(title) else task

    @property
    def only_in_notes(self) -> bool:
        """Found only in the therapist's private notes, whose words the client never sees."""
        return self.sources == [ItemSource.NOTES]

    @property
    def missing(self) -> list[str]:
        """The schedule fields the words did not give, as assignment form field names."""
        names = []
        if not self.recurrence:
            names.append("recurrence")
        elif self.recurrence == Recurrence.TIMES_PER_WEEK and self.times_per_week is None:
            names.append("times_per_week")
        elif self.recurrence == Recurrence.WEEKDAYS and not self.weekday_numbers:
            names.append("weekdays")
        if self.time_of_day is None:
            names.append("preferred_time")
        if self.minutes is None:
            names.append("estimated_minutes")
        return names

    @property
    def missing_words(self) -> list[str]:
        return [SCHEDULE_WORDS[name] for name in self.missing]

    @property
    def missing_text(self) -> str:
        """“how often and what time of day”"""
        words = self.missing_words
        return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1] if words else ""

    @property
    def is_complete(self) -> bool:
        """A kind and a full schedule: it can be assigned in one click."""
        required = {"recurrence", "times_per_week", "weekdays"}
        return bool(self.kind) and not required & set(self.missing)

    @property
    def sources(self) -> list[str]:
        return [self.source, *(s for s in self.also_in.split(",") if s)]

    @property
    def found_in(self) -> str:
        """“in your notes and the summary”."""
        words = {
            ItemSource.NOTES: "your notes",
            ItemSource.SUMMARY: "the summary",
            ItemSource.REFLECTION: "the client's reflection",
        }
        names = [words.get(s, s) for s in self.sources]  # type: ignore[call-overload]
        return "in " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])

    @property
    def schedule_text(self) -> str:
        """What the words said about when, for example “2 times a week at 08:00, 10 minutes”."""
        parts = []
        match self.recurrence:
            case Recurrence.ONCE:
                days = self.weekday_numbers
                parts.append(f"Once, by {WEEKDAY_NAMES[days[0]]}" if len(days) == 1 else "Once")
            case Recurrence.DAILY:
                parts.append("Every day")
            case Recurrence.WEEKDAYS:
                parts.append(", ".join(WEEKDAY_NAMES[d] for d in self.weekday_numbers) or "Some days")
            case Recurrence.TIMES_PER_WEEK:
                n = self.times_per_week
                parts.append(
                    "Some times a week" if n is None else "Once a week" if n == 1 else f"{n} times a week"
                )
        if self.time_of_day is not None:
            parts.append(f"at {self.time_of_day:%H:%M}")
        if self.cue:
            cue = plan_cue(self.cue)
            parts.append(cue[0].lower() + cue[1:])  # "after stand-up", "before the Friday meeting"
        text = " ".join(parts)
        if self.minutes:
            text = f"{text}, {self.minutes} minutes" if text else f"{self.minutes} minutes"
        return text


class Decision(models.TextChoices):
    KEEP = "keep", "Kept as it is"
    SMALLER = "smaller", "Made smaller"
    CHANGE = "change", "Changed"
    STOP = "stop", "Stopped"


class AgreementDecision(models.Model):
    """What the therapist and client decided, in ``session``, about an assignment agreed last time.

    One decision per assignment per session, enforced by the database: a second
    click on "Make it smaller" changes nothing.
    """

    session = models.ForeignKey(TherapySession, on_delete=models.CASCADE, related_name="agreement_decisions")
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="decisions")
    decision = models.CharField(max_length=16, choices=Decision.choices)
    detail = models.CharField(max_length=200, blank=True, help_text="What changed, in words.")
    status_before = models.CharField(
        max_length=16,
        choices=AssignmentStatus.choices,
        blank=True,
        db_default="",
        help_text="The assignment's status before it was stopped, which Undo puts back.",
    )
    changed_fields = models.JSONField(
        default=dict,
        blank=True,
        db_default={},
        help_text="What “Make it smaller” changed, as {field: [before, after]}, which Undo puts back.",
    )
    decided_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["session", "assignment"], name="one_decision_per_agreement"),
            models.CheckConstraint(
                condition=Q(decision__in=Decision.values), name="agreement_decision_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.assignment}"

    @property
    def can_undo(self) -> bool:
        """Whether Undo can put the homework back: not a "Make it smaller" recorded before its
        fields were kept (``changed_fields`` empty), whose earlier values are unknown."""
        return self.decision != Decision.SMALLER or bool(self.changed_fields)

    name_for_client_related: ClassVar[tuple[str, ...]] = ("session", "assignment")

    def name_for_client(self, words: DateWords) -> str:
        return (
            f"what was agreed about {self.assignment.name_for_client(words)} in "
            f"{self.session.name_for_client(words)}"
        )


class CaseloadNumbers(models.Model):
    """A client's row on the caseload, as last worked out from their homework rows and
    questionnaires: the window's counts, overdue, reasons for "not done", the three-in-a-row flag,
    the latest activity, the latest questionnaire scores, the unreviewed item 9 answers and the
    assignments with a repeated reason.

    Written only by ``sessions_app.numbers`` (after a homework write commits, and by the worker
    for whatever else moved); read by ``sessions_app.selectors.caseload``, which never writes. A
    row is current while the client's local date is ``as_of``, their homework rows and
    questionnaire responses have changed ``changes`` times (``homework.models.ChangeCounter``,
    kept by database triggers, read before the numbers were worked out) and the way they are
    worked out is ``formula``. A row that is not current is not shown: the caseload works that
    client's numbers out for the view.
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
    still_open = models.PositiveIntegerField(
        default=0, help_text="Due on the client's today and not logged yet: not counted in ``due``."
    )
    overdue = models.PositiveIntegerField()
    reasons = models.JSONField(default=dict, help_text="Times each reason for “not done” was given.")
    not_done_run = models.BooleanField()
    # The rest of what the row prints from the client's homework and questionnaires, so that a view
    # with current rows reads each client's row in one statement.
    last_activity = models.DateTimeField(
        null=True, help_text="The latest log, submitted worksheet or questionnaire response."
    )
    scores = models.JSONField(
        default=list, help_text="Each questionnaire's latest total, when, and the total before it."
    )
    item9_response_id = models.BigIntegerField(null=True)
    item9_at = models.DateTimeField(null=True)
    item9_count = models.PositiveIntegerField(default=0)
    repeats = models.JSONField(
        default=list, help_text="Assignments with the same reason for “not done” given twice in 14 days."
    )

    class Meta:
        verbose_name_plural = "caseload numbers"

    def __str__(self) -> str:
        return f"Client #{self.client_id} as of {self.as_of}"


class NotesShare(models.Model):
    """A therapist's private notes on a client, shared with another therapist who now cares for them.

    Private notes are their author's: after a client moves, the new therapist sees the sessions,
    summaries and reflections but not the notes, unless the author (or staff, in the admin) shares
    them here. ``session`` empty shares every session the author led with the client. A share is
    recorded in the audit trail; it only ever lets the other therapist read, never edit.
    """

    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(
        TherapySession, null=True, blank=True, on_delete=models.CASCADE, related_name="notes_shares"
    )
    shared_with = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    shared_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="+", help_text="The author, or staff."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "private notes share"
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["author", "client", "shared_with", "session"],
                condition=Q(session__isnull=False),
                name="one_session_notes_share",
            ),
            models.UniqueConstraint(
                fields=["author", "client", "shared_with"],
                condition=Q(session__isnull=True),
                name="one_client_notes_share",
            ),
            models.CheckConstraint(condition=~Q(author=models.F("shared_with")), name="notes_share_not_self"),
        ]
        indexes: ClassVar = [models.Index(fields=["shared_with", "client"], name="notesshare_reader")]

    def __str__(self) -> str:
        what = f"session #{self.session_id}" if self.session_id else "all sessions"
        return f"Private notes ({what}) of {self.author_id} shared with {self.shared_with_id}"
