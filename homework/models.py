"""Homework: the template library, assignments, occurrences, completion logs,
worksheet entries of the six kinds, and goals.

Field sets follow the standard worksheets (see docs/homework.md). Every rating
is range-checked by the database as well as by the forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from mallard.lib.dates import DateWords, day_in_year, local_date, weekday_in_year
from mallard.models import User

TEXT_LIMIT = 5000  # documented limit for every free-text answer
SHORT_TEXT_LIMIT = 500
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # an entry's version counts microseconds from it


class Kind(models.TextChoices):
    THOUGHT_RECORD = "thought_record", "Thought record"
    BEHAVIORAL_EXPERIMENT = "behavioral_experiment", "Behavioural experiment"
    JOURNAL = "journal", "Journaling"
    RELAXATION = "relaxation", "Relaxation and mindfulness"
    READING = "reading", "Reading and psychoeducation"
    SKILL_PRACTICE = "skill_practice", "Skill practice and exposure"


# The set-up fields each kind of homework has, beyond what every kind shares.
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    Kind.THOUGHT_RECORD: (),
    Kind.BEHAVIORAL_EXPERIMENT: (),
    Kind.JOURNAL: ("prompt",),
    Kind.RELAXATION: ("technique",),
    Kind.READING: ("resource_title", "resource_url", "resource_text"),
    Kind.SKILL_PRACTICE: ("skill", "is_exposure"),
}


# Each kind in one line, for a therapist choosing the kind of a template of their own.
KIND_DESCRIPTIONS = {
    Kind.THOUGHT_RECORD: "The seven columns of Mind Over Mood: a situation, moods, automatic thoughts "
    "with the hot one marked, the evidence, and a balanced thought.",
    Kind.BEHAVIORAL_EXPERIMENT: "A belief put to the test: a prediction, an experiment, what happened "
    "and what was learned.",
    Kind.JOURNAL: "Writing to a prompt you set, with mood before and after; the client may keep an "
    "entry private.",
    Kind.RELAXATION: "A technique to practise, such as paced breathing or a body scan, with minutes "
    "practised and tension before and after.",
    Kind.READING: "A resource to read, by link or text, with key takeaways and questions for the next "
    "session.",
    Kind.SKILL_PRACTICE: "A skill or situation to practise, such as saying no; for exposure, distress "
    "(SUDS) predicted, at its peak and at the end.",
}


# What a client calls one finished worksheet of each kind: "your thought record of 3 December".
ENTRY_NOUNS = {
    Kind.THOUGHT_RECORD: "thought record",
    Kind.BEHAVIORAL_EXPERIMENT: "behavioural experiment",
    Kind.JOURNAL: "journal entry",
    Kind.RELAXATION: "relaxation practice",
    Kind.READING: "reading reflection",
    Kind.SKILL_PRACTICE: "skill practice",
}


def _range(field: str, low: int, high: int, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": low, f"{field}__lte": high}),
        name=name,
    )


class HomeworkSpec(models.Model):
    """What a piece of homework is: shared by templates and by assignments made from them."""

    kind = models.CharField(max_length=32, choices=Kind.choices)
    title = models.CharField(max_length=200)
    instructions = models.TextField(max_length=TEXT_LIMIT, help_text="What to do, in the client's words.")
    rationale = models.TextField(max_length=TEXT_LIMIT, help_text="Why this helps. Shown every time.")
    estimated_minutes = models.PositiveSmallIntegerField(default=15)
    smaller_version = models.CharField(
        max_length=SHORT_TEXT_LIMIT, blank=True, help_text="A version for hard days; logging it counts."
    )
    # Kind-specific set-up, chosen by the therapist.
    prompt = models.TextField(max_length=TEXT_LIMIT, blank=True, help_text="Journaling: the prompt.")
    technique = models.CharField(max_length=200, blank=True, help_text="Relaxation: the technique.")
    resource_title = models.CharField(max_length=300, blank=True, help_text="Reading: the resource's title.")
    resource_url = models.URLField(max_length=500, blank=True, help_text="Reading: a link to the resource.")
    resource_text = models.TextField(max_length=20000, blank=True, help_text="Reading: or the text itself.")
    skill = models.CharField(max_length=300, blank=True, help_text="Skill practice: the skill or situation.")
    is_exposure = models.BooleanField(default=False, help_text="Skill practice: record SUDS for exposure.")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label

    @property
    def suggested_will(self) -> str:
        """What fills "I will ___" when assigning: the task in this homework's own words, for
        example “practise paced breathing for 5 minutes” or “read “Anxiety and the avoidance
        trap””, so the client's plan names what to do and for how long."""
        minutes = f"for {self.estimated_minutes} minutes"
        match self.kind:
            case Kind.THOUGHT_RECORD:
                return f"fill in a thought record {minutes}"
            case Kind.BEHAVIORAL_EXPERIMENT:
                return "carry out my experiment and write down what happened"
            case Kind.JOURNAL:
                return f"write about the prompt {minutes}"
            case Kind.RELAXATION:
                return f"practise {_lower_first(self.technique or self.title)} {minutes}"
            case Kind.READING:
                return f"read “{self.resource_title or self.title}”"
        return f"practise {_lower_first(self.skill or self.title)}"


def _lower_first(text: str) -> str:
    """ "Paced breathing" → "paced breathing", to follow "I will practise"; "PMR" stays "PMR"."""
    text = text.strip()
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


class Template(HomeworkSpec):
    """A library entry. Built-in templates have no owner and a stable slug; a
    therapist's own templates are visible only to them."""

    owner = models.ForeignKey(User, null=True, blank=True, on_delete=models.CASCADE, related_name="templates")
    slug = models.SlugField(max_length=80, null=True, blank=True, unique=True)
    topic = models.CharField(max_length=80, blank=True, help_text="For example gratitude, anger, values.")
    copied_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar = ["kind", "title"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(owner__isnull=False) | Q(slug__isnull=False), name="builtin_template_has_slug"
            ),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="template_kind_valid"),
            models.CheckConstraint(
                condition=Q(estimated_minutes__gte=1, estimated_minutes__lte=600),
                name="template_minutes_range",
            ),
        ]

    @property
    def is_builtin(self) -> bool:
        return self.owner_id is None


class GoalStatus(models.TextChoices):
    ACTIVE = "active", "Working on it"
    ACHIEVED = "achieved", "Achieved"
    SET_ASIDE = "set_aside", "Set aside"


class Goal(models.Model):
    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="goals")
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.CharField(max_length=SHORT_TEXT_LIMIT)
    status = models.CharField(max_length=16, choices=GoalStatus.choices, default=GoalStatus.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar = ["status", "-created_at"]

    def __str__(self) -> str:
        return self.text

    # Names without the goal's words: the page that uses them is read over a shoulder too.
    name_for_client_related: ClassVar[tuple[str, ...]] = ()

    def name_for_client(self, words: DateWords) -> str:
        return f"your goal set on {words.day(self.created_at)}"


class GoalRating(models.Model):
    """Progress towards a goal, 0 (not at all) to 10 (fully), over time.

    ``is_starting`` marks the starting rating the therapist gave when setting the goal: the
    baseline, which a later rating never replaces (``services.rate_goal``). At most one a goal.
    """

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="ratings")
    rating = models.PositiveSmallIntegerField()
    note = models.CharField(max_length=SHORT_TEXT_LIMIT, blank=True)
    rated_at = models.DateTimeField(default=timezone.now)
    rated_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    is_starting = models.BooleanField(
        default=False, help_text="The starting rating, given when the goal was set: the baseline."
    )

    class Meta:
        ordering: ClassVar = ["rated_at"]
        constraints: ClassVar = [
            _range("rating", 0, 10, "goal_rating_0_10"),
            models.UniqueConstraint(
                fields=["goal"], condition=Q(is_starting=True), name="one_starting_rating_per_goal"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating}/10 on {self.rated_at:%Y-%m-%d}"

    name_for_client_related: ClassVar[tuple[str, ...]] = ("goal",)

    def name_for_client(self, words: DateWords) -> str:
        return f"your rating of {words.day(self.rated_at)} for {self.goal.name_for_client(words)}"


class Recurrence(models.TextChoices):
    ONCE = "once", "Once"
    DAILY = "daily", "Every day"
    WEEKDAYS = "weekdays", "On chosen days of the week"
    TIMES_PER_WEEK = "times_per_week", "A number of times a week"


class AssignmentStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    COMPLETED = "completed", "Completed"
    ARCHIVED = "archived", "Archived"


def slots_in_window(per_week: int, days: int) -> int:
    """How many of a weekly quota's slots a window of ``days`` days (1-7) holds.

    A full week holds the whole quota; a partial week (the first or the last)
    holds its share rounded up: ceil(N x days / 7). Three a week from a Sunday
    gives one that Sunday; from a Friday (three days), two. Since N <= 7 this
    is never more than ``days``, and never less than one.
    """
    days = max(1, min(days, 7))
    return -(-per_week * days // 7)


WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# The "After ___, I will ___" plan. A cue may start with its own word ("When I get home",
# "Before the Friday meeting"); a halve typed with the words the page adds is not doubled.
_CUE_WORD = re.compile(
    r"(?:after|when|whenever|before|as\s+soon\s+as|each\s+time|every\s+time)\b", re.IGNORECASE
)
_AFTER = re.compile(r"after\s+", re.IGNORECASE)
_I_WILL = re.compile(r"(?:i\s+will|i['’]ll|will)\s+", re.IGNORECASE)


def plan_blank_after(text: str) -> str:
    """What fills "After ___": the words without a leading "After" ("After dinner" → "dinner")."""
    return _AFTER.sub("", text.strip().rstrip(","), count=1) if _AFTER.match(text.strip()) else text.strip()


def plan_blank_will(text: str) -> str:
    """What fills "I will ___": the words without a leading "I will" or "I'll"."""
    return _I_WILL.sub("", text.strip(), count=1) if _I_WILL.match(text.strip()) else text.strip()


def plan_cue(after: str) -> str:
    """ "dinner" → "After dinner"; "when I get home" → "When I get home"; "" → ""."""
    text = plan_blank_after(after).rstrip(",")
    if not text:
        return ""
    if _CUE_WORD.match(text):
        return text[0].upper() + text[1:]
    return f"After {text}"


def plan_will(will: str) -> str:
    """ "write three lines" → "I will write three lines"; "" → ""."""
    text = plan_blank_will(will).rstrip(".")
    return f"I will {text}" if text else ""


def plan_text(after: str, will: str) -> str:
    """The plan as one sentence, the same on every page: "After dinner, I will write.", "After
    dinner." with only the cue, "I will write." with only the task; "" with neither. Never a
    placeholder ("___") for the half not given."""
    text = ", ".join(part for part in (plan_cue(after), plan_will(will)) if part)
    return f"{text}." if text else ""


def with_minutes(text: str, before: int, after: int) -> str:
    """``text`` with the minutes it states as ``before`` said as ``after`` instead: "write about
    the prompt for 15 minutes" → "… for 7 minutes", "a 15-min walk" → "a 7-min walk". Other
    numbers, and minutes in words, stay as written."""

    def said(match: re.Match[str]) -> str:
        unit = match[2]
        if after == 1 and unit.lower() in ("minutes", "mins"):
            unit = unit[:-1]
        return f"{after}{match[1]}{unit}"

    return re.sub(rf"(?<![\d.,]){before}(\s*|-)(minutes|minute|mins|min)\b", said, text, flags=re.IGNORECASE)


class Assignment(HomeworkSpec):
    """Homework given to one client: what, why, when and how long."""

    therapist = models.ForeignKey(User, on_delete=models.PROTECT, related_name="assignments_given")
    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="assignments")
    template = models.ForeignKey(Template, null=True, blank=True, on_delete=models.SET_NULL)
    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.SET_NULL, related_name="assignments"
    )
    start_date = models.DateField()
    recurrence = models.CharField(max_length=16, choices=Recurrence.choices, default=Recurrence.DAILY)
    weekdays = models.CharField(
        max_length=7, blank=True, help_text="Days for WEEKDAYS recurrence, Monday=0, for example '024'."
    )
    times_per_week = models.PositiveSmallIntegerField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True, help_text="Last day, or the due date of a one-off.")
    preferred_time = models.TimeField(null=True, blank=True, help_text="In the client's time zone.")
    # The client's own time for this practice (chosen on their reminders page): the one time
    # Today shows and reminders use (the calendar feed's alarm). Empty: follow ``preferred_time``.
    client_time = models.TimeField(
        null=True, blank=True, help_text="The client's own time, in their zone. Empty: the preferred time."
    )
    implementation_after = models.CharField("After…", max_length=SHORT_TEXT_LIMIT, blank=True)
    implementation_will = models.CharField("I will…", max_length=SHORT_TEXT_LIMIT, blank=True)
    obstacle = models.CharField(max_length=SHORT_TEXT_LIMIT, blank=True)
    obstacle_plan = models.CharField(max_length=SHORT_TEXT_LIMIT, blank=True)
    status = models.CharField(
        max_length=16, choices=AssignmentStatus.choices, default=AssignmentStatus.ACTIVE
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar = ["-created_at"]
        indexes: ClassVar = [models.Index(fields=["client", "status"])]
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="assignment_kind_valid"),
            models.CheckConstraint(
                condition=Q(estimated_minutes__gte=1, estimated_minutes__lte=600),
                name="assignment_minutes_range",
            ),
            models.CheckConstraint(
                condition=~Q(recurrence=Recurrence.TIMES_PER_WEEK)
                | Q(times_per_week__gte=1, times_per_week__lte=7),
                name="assignment_times_per_week_1_7",
            ),
            models.CheckConstraint(
                condition=~Q(recurrence=Recurrence.WEEKDAYS) | ~Q(weekdays=""), name="assignment_weekdays_set"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="assignment_ends_after_start",
            ),
        ]

    name_for_client_related: ClassVar[tuple[str, ...]] = ()

    def name_for_client(self, words: DateWords) -> str:
        return f"your assignment “{self.title}”"

    @staticmethod
    def goal_problem(goal: Goal | None, client: User | None) -> str | None:
        """Why ``goal`` cannot be an assignment's for ``client``: it is another client's. The client
        would read someone else's goal on their assignment, and their export would hold it. The
        therapist's form and the admin (``clean``) both ask here."""
        if goal is None or client is None or goal.client_id == client.pk:
            return None
        return f"“{goal.text}” is {goal.client.display_name}'s goal, not {client.display_name}'s."

    def clean(self) -> None:
        client = self.client if self.client_id is not None else None
        problem = Assignment.goal_problem(self.goal, client)
        if problem is not None:
            raise ValidationError({"goal": f"{problem} Choose one of their goals, or none."})

    @property
    def weekday_numbers(self) -> list[int]:
        return sorted({int(c) for c in self.weekdays if c.isdigit() and int(c) < 7})

    @property
    def plan_cue(self) -> str:
        return plan_cue(self.implementation_after)

    @property
    def plan_will(self) -> str:
        return plan_will(self.implementation_will)

    @property
    def plan_text(self) -> str:
        return plan_text(self.implementation_after, self.implementation_will)

    @property
    def schedule_text(self) -> str:
        """The recurrence in words, for example “Monday, Wednesday and Friday at 20:00”."""
        match self.recurrence:
            case Recurrence.ONCE:
                text = f"Once, by {(self.end_date or self.start_date):%A %-d %B}"
            case Recurrence.DAILY:
                text = "Every day"
            case Recurrence.WEEKDAYS:
                names = [WEEKDAY_NAMES[d] for d in self.weekday_numbers]
                text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            case _:
                n = self.times_per_week or 1
                text = "Once a week" if n == 1 else f"{n} times a week"
        if self.preferred_time:
            text += f" at {self.preferred_time:%H:%M}"
        return text

    @property
    def is_active(self) -> bool:
        return self.status == AssignmentStatus.ACTIVE

    @property
    def has_ended(self) -> bool:
        """Completed or archived: nothing more is due, and nothing is left to decide about it."""
        return self.status in (AssignmentStatus.COMPLETED, AssignmentStatus.ARCHIVED)

    def was_ever_done(self) -> bool:
        """Whether the client logged any day of it as done (the smaller version and partly count,
        as everywhere). One query."""
        return Log.objects.filter(occurrence__assignment=self, status__in=DONE_STATUSES).exists()

    @property
    def due_day(self) -> date:
        """A one-off's due day: its end date, else its start date (the day its one occurrence is due)."""
        return self.end_date or self.start_date

    def one_off_state(
        self,
        today: date,
        *,
        log_status: str = "",
        logged_at: datetime | None = None,
        reason: str = "",
        zone: tzinfo | None = None,
    ) -> OneOffState | None:
        """How a one-off stands on the client's ``today``, from the log of its occurrence (the one
        due on ``due_day``; empty when it has none); None for a recurring assignment. Derived on
        every read, never stored: the rows are the source of truth."""
        if self.recurrence != Recurrence.ONCE:
            return None
        logged_on = None
        if logged_at is not None:
            logged_on = local_date(logged_at, zone or self.client.zone)
        return OneOffState(
            opens=self.start_date,
            due=self.due_day,
            today=today,
            ended=self.has_ended,
            log_status=log_status or "",
            logged_on=logged_on,
            reason=reason or "",
        )

    @property
    def practice_time(self) -> time | None:
        """The time the client is reminded at (the calendar feed's alarm): their own, else the agreed one.

        Pages that show when the practice is best done show ``preferred_time`` (the agreement, as in
        ``schedule_text``) and, beside it, the client's own reminder time when they chose one."""
        return self.client_time or self.preferred_time

    def smaller_step(self) -> tuple[dict[str, object], str] | None:
        """The fields that make this assignment smaller, and what that is in words; None when it
        can't be smaller. Fewer times a week first (a daily task becomes five days a week, chosen
        days lose their last day); an assignment already at once a week switches to its smaller
        version, which becomes what to do."""
        return self.fewer_times_step() or self.smaller_version_step()

    def fewer_times_step(self) -> tuple[dict[str, object], str] | None:
        """“Fewer times a week”: one fewer time a week, a daily task at five days a week, or
        chosen days without their last day; None when it is already once a week or a one-off."""
        if self.recurrence == Recurrence.TIMES_PER_WEEK and (self.times_per_week or 1) > 1:
            n = (self.times_per_week or 1) - 1
            return {"times_per_week": n}, f"{self.times_per_week} → {n} times a week"
        if self.recurrence == Recurrence.DAILY:
            return (
                {"recurrence": Recurrence.TIMES_PER_WEEK, "times_per_week": 5, "weekdays": ""},
                "every day → 5 times a week",
            )
        if self.recurrence == Recurrence.WEEKDAYS and len(self.weekday_numbers) > 1:
            days = self.weekday_numbers[:-1]
            before = ", ".join(WEEKDAY_NAMES[d][:3] for d in self.weekday_numbers)
            after = ", ".join(WEEKDAY_NAMES[d][:3] for d in days)
            return {"weekdays": "".join(str(d) for d in days)}, f"{before} → {after}"
        return None

    def smaller_version_step(self) -> tuple[dict[str, object], str] | None:
        """“Make it smaller”: the smaller version becomes what to do, at half the time; None
        without a smaller version (or when it already is what to do).

        The smaller version then is what to do, so it is no longer offered beside it as "Start
        small" (it is emptied), and the plan's "I will …" that said the old minutes says the new
        ones (``with_minutes``), so the card never reads "for 15 minutes" beside "About 7 minutes".
        """
        smaller = self.smaller_version.strip()
        if smaller and smaller != self.instructions.strip():
            minutes = max(1, self.estimated_minutes // 2)
            fields: dict[str, object] = {
                "instructions": smaller,
                "estimated_minutes": minutes,
                "smaller_version": "",
            }
            will = with_minutes(self.implementation_will, self.estimated_minutes, minutes)
            if will != self.implementation_will:
                fields["implementation_will"] = will
            return fields, f"what to do is now its smaller version, “{smaller[:120]}”"
        return None

    def slots_in_window(self, days: int) -> int:
        """How many of this weekly quota's slots a window of ``days`` days holds (``slots_in_window``)."""
        return slots_in_window(self.times_per_week or 1, days)

    def occurrence_windows(self, first: date, last: date) -> list[tuple[date, date, int]]:
        """(available_from, due_date, slot) for every occurrence due between ``first`` and ``last``.

        Dates are the client's local dates. A weekly quota has its slots due on
        the week's Sunday and open from its Monday; weeks start on Monday. A week
        the assignment only partly covers (it starts or ends mid-week) gets a
        pro-rated share of the quota (``slots_in_window``), never more slots than days.
        """
        first = max(first, self.start_date)
        if self.end_date is not None:
            last = min(last, self.end_date)
        if self.recurrence == Recurrence.ONCE:
            return [(self.start_date, self.end_date or self.start_date, 1)]
        if last < first:
            return []
        windows: list[tuple[date, date, int]] = []
        if self.recurrence == Recurrence.TIMES_PER_WEEK:
            monday = first - timedelta(days=first.weekday())
            while monday <= last:
                sunday = monday + timedelta(days=6)
                opens = max(monday, self.start_date)
                due = min(sunday, self.end_date) if self.end_date else sunday
                slots = self.slots_in_window((due - opens).days + 1)
                windows.extend((opens, due, slot) for slot in range(1, slots + 1))
                monday += timedelta(days=7)
            return windows
        days = self.weekday_numbers if self.recurrence == Recurrence.WEEKDAYS else list(range(7))
        day = first
        while day <= last:
            if day.weekday() in days:
                windows.append((day, day, 1))
            day += timedelta(days=1)
        return windows


class Occurrence(models.Model):
    """One due instance of an assignment, on the client's local dates."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="occurrences")
    # Indexed by ``occurrence_client_due`` (client, due date) below, which serves lookups by client too.
    client = models.ForeignKey(User, on_delete=models.CASCADE, db_index=False, related_name="occurrences")
    available_from = models.DateField()
    due_date = models.DateField()
    slot = models.PositiveSmallIntegerField(default=1)
    # A past day not logged that a change of schedule left out (``services._replan``): it stays
    # in the record as not logged, but is no longer offered or counted as overdue.
    left_schedule_on = models.DateField(
        null=True,
        blank=True,
        help_text="The client's date a change of schedule left this past, unlogged day out.",
    )

    class Meta:
        ordering: ClassVar = ["due_date", "slot"]
        indexes: ClassVar = [
            # With the columns the caseload's window counts read (sessions_app.selectors.caseload),
            # so that PostgreSQL answers them from the index alone.
            models.Index(
                fields=["client", "due_date"],
                include=["id", "available_from", "slot", "assignment", "left_schedule_on"],
                name="occurrence_client_due",
            )
        ]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["assignment", "due_date", "slot"], name="one_occurrence_per_slot"
            ),
            models.CheckConstraint(condition=Q(due_date__gte=F("available_from")), name="occurrence_window"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} due {self.due_date}"

    def day_of(self, moment: datetime | None, zone: tzinfo) -> date:
        """The day something done for this occurrence at ``moment`` belongs to: its own day, or,
        for a window of days (a weekly slot), the day it was done, within the window. Never the
        window's last day when it was done on its first."""
        if moment is None or self.available_from == self.due_date:
            return self.due_date
        return min(max(moment.astimezone(zone).date(), self.available_from), self.due_date)

    def is_overdue(self, today: date) -> bool:
        """Past its day, and still part of the schedule (not left out by a change of schedule)."""
        return self.due_date < today and self.left_schedule_on is None

    def is_open(self, today: date) -> bool:
        return self.available_from <= today <= self.due_date


class ReplannedOccurrence(models.Model):
    """An occurrence a change of schedule removed (``services._replan``), by its old id: an old link
    to its worksheet (an e-mail reminder, a bookmark) then leads to that day's worksheet as the
    schedule now has it, or to Today, instead of "not found". Kept while its day is recent
    (``services.MOVED_LINK_DAYS``)."""

    old_id = models.BigIntegerField(unique=True)
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="+")
    due_date = models.DateField()

    def __str__(self) -> str:
        return f"{self.assignment} due {self.due_date}, replanned"


class LogStatus(models.TextChoices):
    DONE = "done", "Done"
    SMALLER = "smaller", "Did the smaller version"
    PARTLY = "partly", "Partly done"
    NOT_DONE = "not_done", "Not done"


# The statuses that count as done: done, the smaller version and partly.
DONE_STATUSES = frozenset((LogStatus.DONE, LogStatus.SMALLER, LogStatus.PARTLY))


class NotDoneReason(models.TextChoices):
    FORGOT = "forgot", "I forgot"
    NO_TIME = "no_time", "I didn't have time"
    TOO_HARD = "too_hard", "It felt too hard"
    DIDNT_UNDERSTAND = "didnt_understand", "I wasn't sure what to do"
    AVOIDED = "avoided", "I avoided it or felt too anxious"
    NOT_HELPFUL = "not_helpful", "I didn't think it would help"
    OTHER = "other", "Something else"


class OneOff(models.TextChoices):
    """Where a one-off stands (``OneOffState.state``): worked out from its occurrence, never stored."""

    UPCOMING = "upcoming", "Not open yet"
    OPEN = "open", "Open"
    DUE_TODAY = "due_today", "Due today"
    DONE = "done", "Done"
    NOT_DONE = "not_done", "Not done"
    OVERDUE = "overdue", "Overdue"
    NOT_LOGGED = "not_logged", "Not logged"


@dataclass(frozen=True, slots=True)
class OneOffState:
    """A one-off assignment on the client's ``today``: its window, whether it has ended (completed
    or archived) and the log of its occurrence, if any. See docs/homework.md, "One-off
    assignments after their due day"."""

    opens: date
    due: date
    today: date
    ended: bool = False
    log_status: str = ""
    logged_on: date | None = None  # the client's day the log was written
    reason: str = ""  # the reason for "not done"

    @property
    def state(self) -> OneOff:
        if self.log_status in DONE_STATUSES:
            return OneOff.DONE
        if self.log_status == LogStatus.NOT_DONE:
            return OneOff.NOT_DONE
        if self.due < self.today:
            # Completed or archived, nothing is outstanding any more: only not logged.
            return OneOff.NOT_LOGGED if self.ended else OneOff.OVERDUE
        if self.ended:
            return OneOff.NOT_LOGGED
        if self.opens > self.today:
            return OneOff.UPCOMING
        return OneOff.DUE_TODAY if self.due == self.today else OneOff.OPEN

    @property
    def is_done(self) -> bool:
        return self.state == OneOff.DONE

    @property
    def is_outstanding(self) -> bool:
        """Past its due day and neither done nor ended: for the therapist to give a new due date,
        or to end it. A "not done" is the client's answer, so it is closed, not outstanding."""
        return self.state == OneOff.OVERDUE

    @property
    def needs_decision(self) -> bool:
        """Done, said not done, or overdue, and the assignment still open: the therapist decides
        what comes next (mark it completed, give a new due date, or end it)."""
        return not self.ended and self.state in (OneOff.DONE, OneOff.NOT_DONE, OneOff.OVERDUE)

    @property
    def ready_to_close(self) -> bool:
        """Done and the assignment still open: the therapist's pages offer Mark completed, one click."""
        return self.needs_decision and self.is_done

    @property
    def text(self) -> str:
        """The state in words, the same for the therapist and the client: "Done on 3 December",
        "Overdue since 4 December", "Not done: I forgot", "Due by Friday 12 June"."""
        year = self.today.year
        match self.state:
            case OneOff.DONE:
                how = {LogStatus.SMALLER: "Done (the smaller version)", LogStatus.PARTLY: "Partly done"}
                logged = self.logged_on or self.due
                return f"{how.get(LogStatus(self.log_status), 'Done')} on {day_in_year(logged, year)}"
            case OneOff.NOT_DONE:
                label = NotDoneReason(self.reason).label if self.reason in NotDoneReason.values else ""
                return f"Not done: {label}" if label else "Not done"
            case OneOff.OVERDUE:
                return f"Overdue since {day_in_year(self.due, year)}"
            case OneOff.NOT_LOGGED:
                return f"Not logged (due by {day_in_year(self.due, year)})"
            case OneOff.DUE_TODAY:
                return "Due today"
            case OneOff.UPCOMING:
                return f"Opens {weekday_in_year(self.opens, year)}, due by {weekday_in_year(self.due, year)}"
        return f"Due by {weekday_in_year(self.due, year)}"


class Log(models.Model):
    """How an occurrence went. At most one per occurrence; logging again updates it."""

    occurrence = models.OneToOneField(Occurrence, on_delete=models.CASCADE, related_name="log")
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="logs")
    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="logs")
    status = models.CharField(max_length=16, choices=LogStatus.choices)
    minutes_spent = models.PositiveSmallIntegerField(null=True, blank=True)
    helpfulness = models.PositiveSmallIntegerField(null=True, blank=True, help_text="0 (not at all) to 10.")
    reason = models.CharField(max_length=24, choices=NotDoneReason.choices, blank=True)
    note = models.CharField(max_length=SHORT_TEXT_LIMIT, blank=True)
    logged_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar = ["-logged_at"]
        indexes: ClassVar = [
            models.Index(fields=["client", "logged_at"]),
            # The caseload's "last activity": each client's most recently updated log.
            models.Index(fields=["client", "updated_at"], name="log_client_updated"),
        ]
        constraints: ClassVar = [
            _range("helpfulness", 0, 10, "log_helpfulness_0_10"),
            _range("minutes_spent", 0, 1440, "log_minutes_0_1440"),
            models.CheckConstraint(condition=Q(status__in=LogStatus.values), name="log_status_valid"),
            models.CheckConstraint(
                condition=(Q(status=LogStatus.NOT_DONE) & ~Q(reason=""))
                | (~Q(status=LogStatus.NOT_DONE) & Q(reason="")),
                name="log_reason_iff_not_done",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.occurrence}"

    name_for_client_related: ClassVar[tuple[str, ...]] = ("assignment", "occurrence")

    def name_for_client(self, words: DateWords) -> str:
        day = self.occurrence.day_of(self.logged_at, words.zone)
        return f"your log of “{self.assignment.title}” for {words.day(day)}"

    @property
    def counts_as_done(self) -> bool:
        return self.status in DONE_STATUSES

    def late_day(self, zone: tzinfo) -> date | None:
        """The day this log is for (``Occurrence.day_of``) when it is not the day it was logged, on
        the client's calendar (``zone``): a day caught up on later. None when logged on its day."""
        day = self.occurrence.day_of(self.logged_at, zone)
        return None if day == self.logged_at.astimezone(zone).date() else day


class Skip(models.Model):
    """“Not today”: the client won't do an occurrence on one of its days, and says why.

    The occurrence stays open: it can still be logged on a later day of its window. A skip is
    not a log, so it never counts as "not done" or closes anything; "I won't do this one" is a
    ``Log`` with status "not done". At most one skip per occurrence and day (saying it again
    that day updates it).

    The skip is the client's record and outlives its occurrence: when a change of schedule
    removes the occurrence, ``occurrence`` becomes empty and the skip stays with its assignment
    and day, for the therapist's pages and the pre-session summary.
    """

    occurrence = models.ForeignKey(
        Occurrence,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="skips",
        help_text="Empty once a change of schedule removed the occurrence; the skip stays.",
    )
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="skips")
    client = models.ForeignKey(User, on_delete=models.CASCADE, db_index=False, related_name="skips")
    day = models.DateField(help_text="The client's local date the skip is for.")
    reason = models.CharField(max_length=24, choices=NotDoneReason.choices)
    note = models.CharField(max_length=SHORT_TEXT_LIMIT, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar = ["-day", "-created_at"]
        indexes: ClassVar = [models.Index(fields=["client", "day"], name="skip_client_day")]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["occurrence", "day"], name="one_skip_per_occurrence_day"),
            models.CheckConstraint(condition=Q(reason__in=NotDoneReason.values), name="skip_reason_valid"),
        ]

    def __str__(self) -> str:
        return f"Not today ({self.day}): {self.occurrence}"


class SessionQuestion(models.Model):
    """A question the client wants to ask at the next session about an assignment (for example
    “ask at the next session” on Today after "I wasn't sure what to do" twice). The pre-session
    summary lists those asked since the session before."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="questions")
    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="session_questions")
    text = models.CharField(max_length=SHORT_TEXT_LIMIT)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar = ["created_at"]
        indexes: ClassVar = [models.Index(fields=["client", "created_at"], name="question_client_created")]

    def __str__(self) -> str:
        return self.text


class Entry(models.Model):
    """A worksheet filled in by the client for an occurrence. One subclass per kind."""

    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="entries")
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="entries")
    occurrence = models.OneToOneField(Occurrence, on_delete=models.CASCADE, related_name="entry")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    is_draft = models.BooleanField(default=True)
    is_private = models.BooleanField(
        default=False,
        help_text="Journal entries only: the therapist sees that it was done, not what it says.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    search_text = models.TextField(blank=True, editable=False)
    feedback = models.CharField(max_length=1000, blank=True)
    feedback_at = models.DateTimeField(null=True, blank=True)
    feedback_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    feedback_read_at = models.DateTimeField(
        null=True, blank=True, help_text="When the client opened the entry after its latest feedback."
    )

    class Meta:
        ordering: ClassVar = ["-updated_at"]
        verbose_name_plural = "entries"
        indexes: ClassVar = [
            models.Index(fields=["client", "kind", "updated_at"]),
            # The caseload's "last activity": each client's most recently updated finished worksheet.
            models.Index(
                fields=["client", "updated_at"], condition=Q(is_draft=False), name="entry_client_finished"
            ),
        ]
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="entry_kind_valid"),
            models.CheckConstraint(
                condition=Q(is_private=False) | Q(kind=Kind.JOURNAL), name="only_journal_entries_private"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.client} ({self.updated_at:%Y-%m-%d})"

    @property
    def noun(self) -> str:
        return ENTRY_NOUNS[Kind(self.kind)]

    name_for_client_related: ClassVar[tuple[str, ...]] = ("occurrence",)

    def name_for_client(self, words: DateWords) -> str:
        done = self.submitted_at or self.created_at
        return f"your {self.noun} of {words.day(self.occurrence.day_of(done, words.zone))}"

    @property
    def has_unread_feedback(self) -> bool:
        return bool(self.feedback) and self.feedback_read_at is None

    @property
    def version(self) -> str:
        """Which save of the client's this is: ``updated_at`` in whole microseconds (only
        ``services.save_entry`` moves it). A worksheet page carries the version it was loaded
        from, so a save from a page that is out of date is not applied blindly."""
        return str((self.updated_at - EPOCH) // timedelta(microseconds=1))


class ThoughtRecord(Entry):
    """Seven columns: situation, moods, automatic thoughts (one hot), evidence for and
    against the hot thought, an alternative thought, and the moods re-rated."""

    situation = models.TextField(max_length=TEXT_LIMIT, help_text="Who, what, when, where.")
    evidence_for = models.TextField(max_length=TEXT_LIMIT, blank=True)
    evidence_against = models.TextField(max_length=TEXT_LIMIT, blank=True)
    alternative_thought = models.TextField(max_length=TEXT_LIMIT, blank=True)
    alternative_belief = models.PositiveSmallIntegerField(null=True, blank=True)
    # How much the client believes the hot thought (0 to 100), when they write it down (step 1) and
    # again after the balanced thought (step 2), as Greenberger and Padesky's form asks.
    hot_belief = models.PositiveSmallIntegerField(null=True, blank=True)
    hot_belief_after = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            _range("alternative_belief", 0, 100, "tr_alternative_belief_0_100"),
            _range("hot_belief", 0, 100, "tr_hot_belief_0_100"),
            _range("hot_belief_after", 0, 100, "tr_hot_belief_after_0_100"),
        ]

    @property
    def hot_thought(self) -> AutomaticThought | None:
        return next((t for t in self.thoughts.all() if t.is_hot), None)


class Mood(models.Model):
    record = models.ForeignKey(ThoughtRecord, on_delete=models.CASCADE, related_name="moods")
    name = models.CharField(max_length=60)
    intensity = models.PositiveSmallIntegerField()
    rerating = models.PositiveSmallIntegerField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering: ClassVar = ["position", "pk"]
        constraints: ClassVar = [
            _range("intensity", 0, 100, "mood_intensity_0_100"),
            _range("rerating", 0, 100, "mood_rerating_0_100"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.intensity}"

    name_for_client_related: ClassVar[tuple[str, ...]] = ("record__occurrence",)

    def name_for_client(self, words: DateWords) -> str:
        return f"a mood in {self.record.name_for_client(words)}"

    @property
    def change(self) -> int | None:
        return None if self.rerating is None else self.rerating - self.intensity


class AutomaticThought(models.Model):
    record = models.ForeignKey(ThoughtRecord, on_delete=models.CASCADE, related_name="thoughts")
    text = models.CharField(max_length=1000)
    is_hot = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering: ClassVar = ["position", "pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["record"], condition=Q(is_hot=True), name="one_hot_thought")
        ]

    def __str__(self) -> str:
        return self.text

    name_for_client_related: ClassVar[tuple[str, ...]] = ("record__occurrence",)

    def name_for_client(self, words: DateWords) -> str:
        return f"a thought in {self.record.name_for_client(words)}"


class FurtherExperiment(models.TextChoices):
    """The answer to "Is a further experiment needed?"; "" while unanswered."""

    YES = "yes", "Yes"
    NO = "no", "No"
    UNSURE = "unsure", "Not sure"


class BehavioralExperiment(Entry):
    belief = models.TextField(max_length=TEXT_LIMIT)
    # Null only while a draft; services.save_entry refuses to finish an entry without it.
    belief_strength = models.PositiveSmallIntegerField(null=True, blank=True, help_text="0–100%")
    experiment = models.TextField(max_length=TEXT_LIMIT, help_text="What I will do, where and when.")
    prediction = models.TextField(max_length=TEXT_LIMIT, blank=True)
    prediction_confidence = models.PositiveSmallIntegerField(null=True, blank=True)
    safety_behaviours = models.TextField(max_length=TEXT_LIMIT, blank=True)
    outcome = models.TextField(max_length=TEXT_LIMIT, blank=True)
    outcome_vs_prediction = models.TextField(max_length=TEXT_LIMIT, blank=True)
    learned = models.TextField(max_length=TEXT_LIMIT, blank=True)
    belief_rerating = models.PositiveSmallIntegerField(null=True, blank=True)
    alternative_belief = models.TextField(max_length=TEXT_LIMIT, blank=True)
    alternative_belief_strength = models.PositiveSmallIntegerField(null=True, blank=True)
    further_experiment_needed = models.CharField(
        max_length=8, choices=FurtherExperiment.choices, blank=True, default=""
    )

    class Meta:
        verbose_name = "behavioural experiment"  # as Mallard spells the kind (Kind.BEHAVIORAL_EXPERIMENT)
        constraints: ClassVar = [
            _range("belief_strength", 0, 100, "be_belief_0_100"),
            _range("prediction_confidence", 0, 100, "be_confidence_0_100"),
            _range("belief_rerating", 0, 100, "be_rerating_0_100"),
            _range("alternative_belief_strength", 0, 100, "be_alt_belief_0_100"),
            models.CheckConstraint(
                condition=Q(further_experiment_needed__in=["", *FurtherExperiment.values]),
                name="be_further_experiment_valid",
            ),
        ]

    @property
    def belief_change(self) -> int | None:
        if self.belief_rerating is None or self.belief_strength is None:
            return None
        return self.belief_rerating - self.belief_strength


class JournalEntry(Entry):
    prompt = models.TextField(max_length=TEXT_LIMIT)
    text = models.TextField(max_length=20000)
    mood_before = models.PositiveSmallIntegerField(null=True, blank=True, help_text="0–10")
    mood_after = models.PositiveSmallIntegerField(null=True, blank=True, help_text="0–10")

    class Meta:
        verbose_name_plural = "journal entries"
        constraints: ClassVar = [
            _range("mood_before", 0, 10, "journal_mood_before_0_10"),
            _range("mood_after", 0, 10, "journal_mood_after_0_10"),
        ]


class RelaxationPractice(Entry):
    technique = models.CharField(max_length=200)
    minutes = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Null only while a draft.")
    tension_before = models.PositiveSmallIntegerField(null=True, blank=True, help_text="0–10")
    tension_after = models.PositiveSmallIntegerField(null=True, blank=True, help_text="0–10")
    comments = models.TextField(max_length=TEXT_LIMIT, blank=True)

    class Meta:
        constraints: ClassVar = [
            _range("minutes", 1, 600, "relax_minutes_1_600"),
            _range("tension_before", 0, 10, "relax_tension_before_0_10"),
            _range("tension_after", 0, 10, "relax_tension_after_0_10"),
        ]


class ReadingReflection(Entry):
    resource_title = models.CharField(max_length=300)
    was_read = models.BooleanField(null=True, blank=True, help_text="Null only while a draft.")
    takeaways = models.TextField(max_length=TEXT_LIMIT, blank=True)
    questions = models.TextField(max_length=TEXT_LIMIT, blank=True)


class SkillPractice(Entry):
    skill = models.CharField(max_length=300)
    what_i_did = models.TextField(max_length=TEXT_LIMIT)
    is_exposure = models.BooleanField(default=False)
    suds_predicted = models.PositiveSmallIntegerField(null=True, blank=True)
    suds_peak = models.PositiveSmallIntegerField(null=True, blank=True)
    suds_end = models.PositiveSmallIntegerField(null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    safety_behaviours = models.TextField(max_length=TEXT_LIMIT, blank=True, help_text="Avoided or used.")
    urge_rating = models.PositiveSmallIntegerField(null=True, blank=True, help_text="0–100")
    urge_resisted = models.BooleanField(null=True, blank=True)
    learned = models.TextField(max_length=TEXT_LIMIT, blank=True)

    class Meta:
        constraints: ClassVar = [
            _range("suds_predicted", 0, 100, "skill_suds_predicted_0_100"),
            _range("suds_peak", 0, 100, "skill_suds_peak_0_100"),
            _range("suds_end", 0, 100, "skill_suds_end_0_100"),
            _range("urge_rating", 0, 100, "skill_urge_0_100"),
            _range("duration_minutes", 0, 1440, "skill_duration_0_1440"),
        ]

    @property
    def suds_halved(self) -> bool | None:
        """Did distress fall to about half its peak (the usual point to end an exposure)?"""
        if self.suds_peak is None or self.suds_end is None or self.suds_peak == 0:
            return None
        return self.suds_end <= self.suds_peak / 2


# Numbers and answers a draft may leave empty but a finished entry must have.
# (is_draft lives on the parent table, so a CheckConstraint here cannot see it.)
REQUIRED_TO_FINISH: dict[str, tuple[str, ...]] = {
    Kind.BEHAVIORAL_EXPERIMENT: ("belief", "belief_strength", "experiment"),
    Kind.RELAXATION: ("technique", "minutes"),
    Kind.READING: ("was_read",),
    Kind.THOUGHT_RECORD: ("situation",),
    Kind.JOURNAL: ("text",),
    Kind.SKILL_PRACTICE: ("skill", "what_i_did"),
}

ENTRY_MODELS: dict[str, type[Entry]] = {
    Kind.THOUGHT_RECORD: ThoughtRecord,
    Kind.BEHAVIORAL_EXPERIMENT: BehavioralExperiment,
    Kind.JOURNAL: JournalEntry,
    Kind.RELAXATION: RelaxationPractice,
    Kind.READING: ReadingReflection,
    Kind.SKILL_PRACTICE: SkillPractice,
}


# The tables whose rows make up a client's homework record, each with a ``client_id`` column: a
# database trigger counts every insert, update and delete of their rows in ``ChangeCounter``.
COUNTED_TABLES = (
    "homework_assignment",
    "homework_occurrence",
    "homework_log",
    "homework_entry",
    "homework_skip",
)


class ChangeCounter(models.Model):
    """How many times a client's homework rows have changed, counted by the database itself.

    Triggers on ``COUNTED_TABLES`` (migrations 0006 and 0007), and on
    ``measures.models.COUNTED_TABLES``, add one for every row inserted, updated or deleted,
    whatever wrote it: a service, the admin, a bulk update or the seeder's COPY. A
    summary computed from those rows (the caseload's numbers, ``sessions_app.numbers``) stores
    the count it read before reading them, and is current while the count is unchanged.

    ``client_id`` is a plain id, not a foreign key: the count outlives nothing it describes,
    and a client's deletion counts as changes like any other.
    """

    client_id = models.BigIntegerField(primary_key=True)
    changes = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"Client #{self.client_id}: {self.changes} changes"
