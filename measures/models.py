"""Standard questionnaires (PHQ-9, GAD-7): what a therapist asks for, when, and the answers.

- ``MeasurePlan``: a therapist asks a client to fill in one questionnaire once, every N weeks or
  before each scheduled session, until the plan is stopped.
- ``MeasureWindow``: one time the questionnaire is due, from ``opens_at`` until ``closes_at``.
  The rows are the schedule: ``measures.services`` writes them, Today and the reminders read them.
- ``MeasureResponse``: one submitted questionnaire, scored when it is saved. It is never edited:
  a correction is a new response that names the one it corrects.
- ``MeasureSettings``: the per-client choice whether the client sees their own scores.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, ClassVar

from django.db import models
from django.db.models import F, Func, Q
from django.db.models.lookups import Exact
from django.utils import timezone

from mallard.lib.dates import DateWords
from mallard.models import User

# How long a questionnaire asked for once, or every N weeks, stays open.
WINDOW_DAYS = 7
# "Before each session": open from this many days before a scheduled session until it starts.
BEFORE_SESSION_DAYS = 2
MAX_EVERY_WEEKS = 12


class InstrumentCode(models.TextChoices):
    PHQ9 = "phq9", "PHQ-9"
    GAD7 = "gad7", "GAD-7"


# Items and highest total of each questionnaire, for the database's checks.
ITEM_COUNTS: dict[str, int] = {InstrumentCode.PHQ9: 9, InstrumentCode.GAD7: 7}
MAX_TOTALS: dict[str, int] = {InstrumentCode.PHQ9: 27, InstrumentCode.GAD7: 21}


class Band(models.TextChoices):
    MINIMAL = "minimal", "Minimal"
    MILD = "mild", "Mild"
    MODERATE = "moderate", "Moderate"
    MODERATELY_SEVERE = "moderately_severe", "Moderately severe"
    SEVERE = "severe", "Severe"


class Schedule(models.TextChoices):
    ONCE = "once", "Once"
    EVERY_N_WEEKS = "every_n_weeks", "Every few weeks"
    BEFORE_SESSION = "before_session", "Before each session"


class JSONArrayLength(Func):
    """The length of a JSON array, on PostgreSQL (jsonb) and SQLite alike."""

    function = "jsonb_array_length"
    output_field = models.IntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(compiler, connection, function="json_array_length", **extra)


class MeasurePlan(models.Model):
    """A therapist's request that a client fill in one questionnaire on a schedule."""

    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="measure_plans")
    therapist = models.ForeignKey(User, on_delete=models.PROTECT, related_name="measure_plans_given")
    instrument = models.CharField(max_length=8, choices=InstrumentCode.choices)
    schedule = models.CharField(max_length=16, choices=Schedule.choices)
    every_weeks = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Every N weeks: N. Empty for the other schedules."
    )
    starts_on = models.DateField(help_text="The client's local date of the first window.")
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True, help_text="When the plan was stopped.")
    extra = models.BooleanField(
        default=False,
        help_text=(
            "Asked once now beside the running plan of the same questionnaire (“Ask once now”): "
            "a once plan that does not count as the questionnaire's running plan."
        ),
    )

    class Meta:
        ordering: ClassVar = ["-created_at"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(instrument__in=InstrumentCode.values), name="plan_instrument_valid"
            ),
            models.CheckConstraint(condition=Q(schedule__in=Schedule.values), name="plan_schedule_valid"),
            models.CheckConstraint(
                condition=(
                    Q(
                        schedule=Schedule.EVERY_N_WEEKS,
                        every_weeks__isnull=False,
                        every_weeks__gte=1,
                        every_weeks__lte=MAX_EVERY_WEEKS,
                    )
                )
                | (~Q(schedule=Schedule.EVERY_N_WEEKS) & Q(every_weeks__isnull=True)),
                name="plan_every_weeks_iff_every_n_weeks",
            ),
            models.CheckConstraint(condition=~Q(client=F("therapist")), name="plan_not_self"),
            # One running plan per questionnaire and client: a second would ask twice. An extra
            # ask ("Ask once now") sits beside it; ``services.ask_once_now`` opens one at a time.
            models.UniqueConstraint(
                fields=["client", "instrument"],
                condition=Q(ended_at__isnull=True, extra=False),
                name="one_running_plan_per_instrument",
            ),
            models.CheckConstraint(
                condition=Q(extra=False) | Q(schedule=Schedule.ONCE), name="plan_extra_is_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_instrument_display()} for {self.client}: {self.schedule_text}"

    name_for_client_related: ClassVar[tuple[str, ...]] = ()

    def name_for_client(self, words: DateWords) -> str:
        """How the client's "Who has looked at your records" page names this plan."""
        if self.extra:
            return f"the {self.get_instrument_display()} asked of you once on {words.day(self.created_at)}"
        return f"your {self.get_instrument_display()} plan of {words.day(self.created_at)}"

    @property
    def is_running(self) -> bool:
        return self.ended_at is None

    @property
    def schedule_text(self) -> str:
        if self.schedule == Schedule.EVERY_N_WEEKS:
            weeks = self.every_weeks or 1
            return "Every week" if weeks == 1 else f"Every {weeks} weeks"
        if self.schedule == Schedule.BEFORE_SESSION:
            return f"Before each session (from {BEFORE_SESSION_DAYS} days before it)"
        return "Once"

    def next_day_after(self, day: date) -> date | None:
        """Every N weeks: the first day after ``day`` on which one of its windows opens (the
        client's local date); None for the other schedules."""
        if self.schedule != Schedule.EVERY_N_WEEKS:
            return None
        if day < self.starts_on:
            return self.starts_on
        step = 7 * (self.every_weeks or 1)
        return self.starts_on + timedelta(days=((day - self.starts_on).days // step + 1) * step)


class MeasureWindow(models.Model):
    """One time a questionnaire is due: open from ``opens_at`` until ``closes_at``.

    Answered when a response names it (``response``, at most one), or covered by the response to
    another window of the same questionnaire that was open with it when the client sent it
    (``covered_by``): the client fills a questionnaire in once for every ask of it open at that
    moment. Windows that were never answered and have not opened yet are rewritten when their plan
    or the client's sessions change.
    """

    plan = models.ForeignKey(MeasurePlan, on_delete=models.CASCADE, related_name="windows")
    client = models.ForeignKey(User, on_delete=models.CASCADE, db_index=False, related_name="measure_windows")
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    covered_by = models.ForeignKey(
        "MeasureResponse",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="covered_windows",
        help_text=(
            "The response to another window of the same questionnaire, open at the same time, "
            "that answered this one too."
        ),
    )

    class Meta:
        ordering: ClassVar = ["opens_at"]
        indexes: ClassVar = [
            models.Index(fields=["client", "closes_at"], name="measure_window_client_closes")
        ]
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="measure_window_order"),
            models.UniqueConstraint(fields=["plan", "closes_at"], name="one_measure_window_per_close"),
        ]

    def __str__(self) -> str:
        return f"{self.plan.get_instrument_display()} for {self.client}, {self.opens_at:%Y-%m-%d}"

    def is_open(self, now: datetime) -> bool:
        return self.opens_at <= now < self.closes_at

    @property
    def answer(self) -> MeasureResponse | None:
        """The response that answered this window: its own, or the one that covered it. Read
        ``response`` and ``covered_by`` with ``select_related`` to spare a query each."""
        own: MeasureResponse | None = getattr(self, "response", None)
        return own if own is not None else self.covered_by

    @classmethod
    def unanswered(cls) -> Q:
        """Windows neither answered nor covered by an answer to another window."""
        return Q(response__isnull=True, covered_by__isnull=True)

    @classmethod
    def open_unanswered(cls, now: datetime) -> Q:
        """Windows open at ``now`` and not answered (``unanswered``): the asks a client still owes."""
        return cls.unanswered() & Q(opens_at__lte=now, closes_at__gt=now)


# Tables whose every row written counts in the client's ``homework.models.ChangeCounter`` (trigger
# in migration 0002): the caseload's stored row carries the latest scores and item 9 answers.
COUNTED_TABLES = ("measures_measureresponse",)


class MeasureResponse(models.Model):
    """One submitted questionnaire: the answers and their score. Never edited once saved."""

    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="measure_responses")
    plan = models.ForeignKey(
        MeasurePlan, null=True, blank=True, on_delete=models.SET_NULL, related_name="responses"
    )
    # At most one response answers a window: a second post of the same window saves nothing.
    window = models.OneToOneField(
        MeasureWindow, null=True, blank=True, on_delete=models.SET_NULL, related_name="response"
    )
    instrument = models.CharField(max_length=8, choices=InstrumentCode.choices)
    answers = models.JSONField(help_text="One answer per item, 0 to 3, in the order of the items.")
    difficulty = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="PHQ-9 only, unscored: how difficult the problems made things, 0 to 3.",
    )
    total = models.PositiveSmallIntegerField()
    band = models.CharField(max_length=24, choices=Band.choices)
    item9_positive = models.BooleanField("item 9 above 0", default=False)
    submitted_at = models.DateTimeField(default=timezone.now)
    corrects = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="correction",
        help_text="The earlier response this one corrects.",
    )
    item9_reviewed_at = models.DateTimeField("item 9 reviewed at", null=True, blank=True)
    item9_reviewed_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="item 9 reviewed by",
    )

    class Meta:
        ordering: ClassVar = ["submitted_at"]
        indexes: ClassVar = [
            models.Index(fields=["client", "instrument", "submitted_at"], name="measure_response_client"),
            models.Index(
                fields=["client"],
                condition=Q(item9_positive=True, item9_reviewed_at__isnull=True),
                name="measure_item9_unreviewed",
            ),
        ]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(instrument__in=InstrumentCode.values), name="response_instrument_valid"
            ),
            models.CheckConstraint(condition=Q(band__in=Band.values), name="response_band_valid"),
            models.CheckConstraint(
                condition=Q(instrument=InstrumentCode.PHQ9, total__lte=MAX_TOTALS[InstrumentCode.PHQ9])
                | Q(instrument=InstrumentCode.GAD7, total__lte=MAX_TOTALS[InstrumentCode.GAD7]),
                name="response_total_in_range",
            ),
            models.CheckConstraint(
                condition=Q(Exact(JSONArrayLength(F("answers")), ITEM_COUNTS[InstrumentCode.PHQ9]))
                & Q(instrument=InstrumentCode.PHQ9)
                | Q(Exact(JSONArrayLength(F("answers")), ITEM_COUNTS[InstrumentCode.GAD7]))
                & Q(instrument=InstrumentCode.GAD7),
                name="response_answers_one_per_item",
            ),
            models.CheckConstraint(
                condition=Q(difficulty__isnull=True)
                | Q(instrument=InstrumentCode.PHQ9, difficulty__gte=0, difficulty__lte=3),
                name="response_difficulty_phq9_0_3",
            ),
            models.CheckConstraint(
                condition=Q(item9_positive=False) | Q(instrument=InstrumentCode.PHQ9),
                name="response_item9_only_phq9",
            ),
            models.CheckConstraint(
                condition=Q(item9_reviewed_at__isnull=True) | Q(item9_positive=True),
                name="response_reviewed_only_if_item9",
            ),
            models.CheckConstraint(condition=~Q(corrects=F("id")), name="response_corrects_another"),
        ]

    def __str__(self) -> str:
        return f"{self.get_instrument_display()} {self.total} by {self.client} ({self.submitted_at:%Y-%m-%d})"

    name_for_client_related: ClassVar[tuple[str, ...]] = ()

    def name_for_client(self, words: DateWords) -> str:
        """How the client's "Who has looked at your records" page names these answers."""
        return f"your {self.get_instrument_display()} answers of {words.day(self.submitted_at)}"

    @property
    def needs_item9_review(self) -> bool:
        return self.item9_positive and self.item9_reviewed_at is None


class MeasureSettings(models.Model):
    """Per client: whether they see their own scores (the therapist can turn this off)."""

    client = models.OneToOneField(User, on_delete=models.CASCADE, related_name="measure_settings")
    show_scores_to_client = models.BooleanField(default=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "measure settings"

    def __str__(self) -> str:
        return f"Questionnaire settings of {self.client}"
