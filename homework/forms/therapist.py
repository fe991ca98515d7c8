"""The therapist's forms: library filter, templates, assignments, goals, feedback.

They validate and convert; homework.services does the writing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any, cast

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Fieldset, Layout
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import QuerySet

from homework.models import (
    KIND_FIELDS,
    SHORT_TEXT_LIMIT,
    TEXT_LIMIT,
    WEEKDAY_NAMES,
    Assignment,
    AssignmentStatus,
    Goal,
    Kind,
    Recurrence,
    Template,
    plan_blank_after,
    plan_blank_will,
)
from homework.services import MAX_HISTORY_DAYS, client_today
from mallard.fields import LimitedTextField
from mallard.forms import name_the_limits
from mallard.lib.dates import long_date
from mallard.models import User

ALL_KIND_FIELDS = tuple(name for names in KIND_FIELDS.values() for name in names)

TIME_PATTERN = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class LibraryFilterForm(forms.Form):
    """GET filter for the library: by kind and by words in the title."""

    kind = forms.ChoiceField(
        label="Kind of homework",
        required=False,
        choices=[("", "All kinds"), *Kind.choices],
        error_messages={
            "invalid_choice": "“%(value)s” is not a kind of homework we know. Choose one from the list."
        },
    )
    q = LimitedTextField(label="Search titles", required=False, max_length=100, strip=True)

    def filters(self) -> tuple[str, str]:
        """(kind, query) that passed validation; an invalid part filters nothing."""
        data = self.cleaned_data if self.is_valid() else getattr(self, "cleaned_data", {})
        return data.get("kind", "") or "", data.get("q", "") or ""


class HomeworkSpecForm(forms.Form):
    """The fields a template and an assignment share; only the kind's own set-up fields stay."""

    title = LimitedTextField(label="Title", max_length=200)
    instructions = LimitedTextField(
        label="What to do", max_length=TEXT_LIMIT, widget=_textarea(5), help_text="In the client's words."
    )
    rationale = LimitedTextField(
        label="Why this helps",
        max_length=TEXT_LIMIT,
        widget=_textarea(3),
        help_text="Shown every time the client opens the homework.",
    )
    estimated_minutes = forms.IntegerField(
        label="Estimated time in minutes",
        min_value=1,
        max_value=600,
        help_text="From 1 to 600. Most homework is designed for 10–30 minutes.",
    )
    smaller_version = LimitedTextField(
        label="Smaller version (start small)",
        max_length=SHORT_TEXT_LIMIT,
        required=False,
        widget=_textarea(2),
        help_text="A version for hard days; logging it counts.",
    )
    prompt = LimitedTextField(
        label="Journaling prompt", max_length=TEXT_LIMIT, required=False, widget=_textarea(3)
    )
    technique = LimitedTextField(
        label="Relaxation technique",
        max_length=200,
        required=False,
        help_text="For example deep breathing, progressive muscle relaxation or a body scan.",
    )
    resource_title = LimitedTextField(label="Resource title", max_length=300, required=False)
    resource_url = forms.URLField(
        label="Link to the resource", max_length=500, required=False, assume_scheme="https"
    )
    resource_text = LimitedTextField(
        label="Or the text itself", max_length=20000, required=False, widget=_textarea(6)
    )
    skill = LimitedTextField(label="Skill or situation", max_length=300, required=False)
    is_exposure = forms.BooleanField(
        label="This is exposure practice (the client records distress, SUDS 0–100)", required=False
    )

    # The kind-specific fields that are ★ required by the worksheets.
    REQUIRED_FOR_KIND: dict[str, tuple[str, ...]] = {
        Kind.JOURNAL: ("prompt",),
        Kind.RELAXATION: ("technique",),
        Kind.READING: ("resource_title",),
        Kind.SKILL_PRACTICE: ("skill",),
    }

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        for name in ALL_KIND_FIELDS:
            if name not in KIND_FIELDS[kind]:
                del self.fields[name]
        for name in self.REQUIRED_FOR_KIND.get(kind, ()):
            self.fields[name].required = True
        name_the_limits(self.fields)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            self.kind == Kind.READING
            and cleaned.get("resource_title")
            and not cleaned.get("resource_url")
            and not cleaned.get("resource_text")
            and "resource_url" not in self.errors
        ):
            self.add_error("resource_url", "Add a link to the resource, or paste its text below.")
        return cleaned

    def spec_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.declared_spec_names() if name in self.fields}

    @staticmethod
    def declared_spec_names() -> tuple[str, ...]:
        return (
            "title",
            "instructions",
            "rationale",
            "estimated_minutes",
            "smaller_version",
            *ALL_KIND_FIELDS,
        )


class TemplateForm(HomeworkSpecForm):
    """A therapist's own template; its kind is fixed."""

    topic = LimitedTextField(
        label="Topic", max_length=80, required=False, help_text="For example gratitude, anger, values."
    )

    field_order = ("title", "topic", "instructions", "rationale", "estimated_minutes", "smaller_version")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    @classmethod
    def for_template(cls, template: Template, data: Any = None) -> TemplateForm:
        initial = {name: getattr(template, name) for name in cls.declared_spec_names()}
        initial["topic"] = template.topic
        return cls(data, kind=template.kind, initial=initial)

    def template_fields(self) -> dict[str, Any]:
        return {**self.spec_fields(), "topic": self.cleaned_data["topic"]}


class ClientChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} ({obj.email})"


class GoalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.text)


@dataclass(frozen=True)
class GoalGroup:
    """One client's goals, as the assign form offers them (an ``<optgroup>`` per client)."""

    client_id: int
    name: str
    goals: tuple[Goal, ...]


# The assignment's own fields beyond the shared spec, in the order the form shows them.
SCHEDULE_FIELDS = (
    "start_date",
    "recurrence",
    "weekdays",
    "times_per_week",
    "end_date",
    "preferred_time",
)
PLAN_FIELDS = ("implementation_after", "implementation_will", "obstacle", "obstacle_plan", "goal")
ASSIGNMENT_ORDER = (
    "client",
    "title",
    "instructions",
    "rationale",
    *ALL_KIND_FIELDS,
    *SCHEDULE_FIELDS,
    "estimated_minutes",
    "smaller_version",
    *PLAN_FIELDS,
)


class AssignmentForm(HomeworkSpecForm):
    """Assign homework to a client, or change an assignment (then without ``client``)."""

    client = ClientChoiceField(
        label="Client",
        queryset=User.objects.none(),
        empty_label="Choose a client",
        error_messages={"invalid_choice": "Choose one of your current clients from the list."},
    )
    start_date = forms.DateField(
        label="Start date",
        required=False,
        help_text="Leave empty to start today, in the client's time zone.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    recurrence = forms.ChoiceField(
        label="How often",
        choices=Recurrence.choices,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": "Choose how often from the list.",
            "required": "Choose how often: nothing is chosen yet.",
        },
    )
    weekdays = forms.MultipleChoiceField(
        label="Days of the week",
        required=False,
        choices=[(str(n), name) for n, name in enumerate(WEEKDAY_NAMES)],
        widget=forms.CheckboxSelectMultiple,
        help_text="For “On chosen days of the week”.",
        error_messages={"invalid_choice": "Choose days from the list."},
    )
    times_per_week = forms.IntegerField(
        label="Times a week",
        required=False,
        min_value=1,
        max_value=7,
        help_text="For “A number of times a week”: from 1 to 7.",
    )
    end_date = forms.DateField(
        label="End date or due date",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Optional. The last day, or when a one-off is due.",
    )
    preferred_time = forms.CharField(
        label="Preferred time of day",
        required=False,
        widget=forms.TextInput(attrs={"type": "time"}),
        help_text="Optional, as HH:MM on a 24-hour clock, in the client's time zone.",
    )
    implementation_after = LimitedTextField(
        label="After…",
        max_length=SHORT_TEXT_LIMIT,
        required=False,
        help_text=(
            "“After ___, I will ___”: the moment that cues the homework, such as “I finish dinner”. "
            "A cue that starts “When…” or “Before…” is shown as it is."
        ),
    )
    implementation_will = LimitedTextField(
        label="I will…",
        max_length=SHORT_TEXT_LIMIT,
        required=False,
        help_text="What the client will do then, such as “write in my journal for 5 minutes”.",
    )
    obstacle = LimitedTextField(label="Likeliest obstacle", max_length=SHORT_TEXT_LIMIT, required=False)
    obstacle_plan = LimitedTextField(
        label="Plan for that obstacle", max_length=SHORT_TEXT_LIMIT, required=False
    )
    goal = GoalChoiceField(
        label="Goal it works towards",
        queryset=Goal.objects.none(),
        required=False,
        empty_label="No particular goal",
        error_messages={"invalid_choice": "Choose one of this client's goals from the list."},
    )

    field_order = ASSIGNMENT_ORDER

    def __init__(
        self,
        *args: Any,
        kind: str,
        clients: QuerySet[User] | None = None,
        client: User | None = None,
        assignment: Assignment | None = None,
        **kwargs: Any,
    ) -> None:
        """Pass ``clients`` to choose a client (assigning), or ``client`` when it is fixed (editing,
        or assigning from a session's action item). ``assignment`` is the one being changed: its
        own dates, kept as they are, may be in the past."""
        super().__init__(*args, kind=kind, **kwargs)
        self.fixed_client = client
        self.assignment = assignment
        self.goal_groups: tuple[GoalGroup, ...] = ()
        if clients is None:
            del self.fields["client"]
            goals = Goal.objects.filter(client=client).order_by("status", "-created_at")
            self.fields["goal"].queryset = goals  # type: ignore[attr-defined]
        else:
            self._offer_goals_of(clients)
        self.group_classes: dict[str, str] = {}
        self.helper = self._helper()

    def mark(self, names: Iterable[str], *, described_by: str, css_class: str) -> None:
        """Point the fields ``names`` at the element with id ``described_by`` and give them
        ``css_class``: on the input of a one-input field, on the box around a radio or checkbox
        group, whose template writes each option's own class attribute (a second one on the same
        input would be invalid HTML)."""
        for name in names:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            described = widget.attrs.get("aria-describedby", "")
            widget.attrs["aria-describedby"] = f"{described_by} {described}".strip()
            if isinstance(widget, forms.RadioSelect):  # radios, and checkboxes (a subclass)
                self.group_classes[name] = f"{self.group_classes.get(name, '')} {css_class}".strip()
            else:
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css_class}".strip()
        self.helper = self._helper()

    def _helper(self) -> FormHelper:
        def present(*names: str) -> list[str]:
            return [name for name in names if name in self.fields]

        helper = FormHelper()
        helper.form_tag = False
        helper.layout = Layout(
            Fieldset(
                "Who and what", *present("client", "title", "instructions", "rationale", *ALL_KIND_FIELDS)
            ),
            Fieldset(
                "When",
                "start_date",
                # Inline by CSS (.inline-choices): crispy's InlineRadios writes <legend for="">, not HTML.
                Field("recurrence", wrapper_class=self._group_class("recurrence")),
                Field("weekdays", wrapper_class=self._group_class("weekdays")),
                "times_per_week",
                "end_date",
                "preferred_time",
                "estimated_minutes",
            ),
            Fieldset("Making it stick", "smaller_version", *PLAN_FIELDS),
        )
        return helper

    def _group_class(self, name: str) -> str:
        """The classes of the box around a radio or checkbox group, laid out in a row."""
        return f"inline-choices {self.group_classes.get(name, '')}".strip()

    def _offer_goals_of(self, clients: QuerySet[User]) -> None:
        """Offer the chosen client's goals only; with no client chosen yet (or one that is not the
        therapist's), every client's goals, grouped under the client's name. Any goal of the
        therapist's clients is accepted here, so that ``clean`` can say whose goal a mismatched one
        is. Two queries, whatever the number of clients and goals: the clients, and their goals."""
        people = list(clients)
        client_field: Any = self.fields["client"]
        client_field.queryset = clients
        client_field.choices = [
            ("", client_field.empty_label),
            *((person.pk, client_field.label_from_instance(person)) for person in people),
        ]
        goals = list(
            Goal.objects.filter(client__in=[person.pk for person in people])
            .select_related("client")
            .order_by("status", "-created_at", "pk")
        )
        by_client: dict[int, list[Goal]] = {person.pk: [] for person in people}
        for goal in goals:
            by_client[goal.client_id].append(goal)
        self.goal_groups = tuple(
            GoalGroup(person.pk, person.display_name, tuple(by_client[person.pk]))
            for person in people
            if by_client[person.pk]
        )
        goal_field: Any = self.fields["goal"]
        goal_field.help_text = "The goals of the client chosen above."
        goal_field.queryset = Goal.objects.filter(client__in=clients).select_related("client")
        chosen = self._chosen_client_id()
        offered: list[Any] = [("", goal_field.empty_label)]
        if chosen in by_client:
            offered += [(goal.pk, goal.text) for goal in by_client[chosen]]
        else:
            offered += [
                (group.name, [(goal.pk, goal.text) for goal in group.goals]) for group in self.goal_groups
            ]
        goal_field.choices = offered

    def _chosen_client_id(self) -> int | None:
        raw = self.data.get("client") if self.is_bound else self.initial.get("client")
        if isinstance(raw, User):
            return raw.pk
        try:
            chosen = int(raw) if raw else None
        except (TypeError, ValueError):
            return None
        # A forged, out-of-range id must not reach the database as a number it can't hold.
        return chosen if chosen is not None and 0 < chosen < 2**63 else None

    @classmethod
    def for_assignment(cls, assignment: Assignment, data: Any = None) -> AssignmentForm:
        names = [*cls.declared_spec_names(), *SCHEDULE_FIELDS, *PLAN_FIELDS]
        initial = {name: getattr(assignment, name) for name in names if name != "goal"}
        initial["goal"] = assignment.goal_id
        initial["weekdays"] = [str(n) for n in assignment.weekday_numbers]
        initial["preferred_time"] = f"{assignment.preferred_time:%H:%M}" if assignment.preferred_time else ""
        return cls(
            data, kind=assignment.kind, client=assignment.client, initial=initial, assignment=assignment
        )

    def clean_preferred_time(self) -> time | None:
        raw: str = self.cleaned_data.get("preferred_time", "").strip()
        if not raw:
            return None
        match = TIME_PATTERN.match(raw)
        if match is None:
            raise forms.ValidationError("Enter a time as HH:MM between 00:00 and 23:59, for example 20:00.")
        return time(int(match.group(1)), int(match.group(2)))

    def clean_implementation_after(self) -> str:
        # The form says "After…", so "After dinner" typed in full is stored as "dinner".
        return plan_blank_after(self.cleaned_data.get("implementation_after", ""))

    def clean_implementation_will(self) -> str:
        return plan_blank_will(self.cleaned_data.get("implementation_will", ""))

    def clean_weekdays(self) -> str:
        return "".join(sorted(set(self.cleaned_data.get("weekdays") or [])))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        recurrence = cleaned.get("recurrence")
        if (
            recurrence == Recurrence.WEEKDAYS
            and not cleaned.get("weekdays")
            and "weekdays" not in self.errors
        ):
            self.add_error("weekdays", "Choose at least one day of the week.")
        if recurrence != Recurrence.WEEKDAYS:
            cleaned["weekdays"] = ""
        if recurrence == Recurrence.TIMES_PER_WEEK:
            if cleaned.get("times_per_week") is None and "times_per_week" not in self.errors:
                self.add_error("times_per_week", "Say how many times a week, from 1 to 7.")
        else:
            cleaned["times_per_week"] = None
        client = cleaned.get("client", self.fixed_client)
        start: date | None = cleaned.get("start_date")
        start_left_empty = start is None and "start_date" not in self.errors
        if start is None and client is not None and "start_date" not in self.errors:
            # "Today" is the client's date, which may differ from the therapist's.
            start = cleaned["start_date"] = client_today(client)
        end: date | None = cleaned.get("end_date")
        if client is not None:
            self._refuse_past_dates(client_today(client), start, end, recurrence)
        if start and end and end < start and "end_date" not in self.errors:
            if start_left_empty:
                # An empty start means today: say so, rather than name a date the form shows empty.
                self.add_error(
                    "end_date", f"The end date can't be before the start date (today, {long_date(start)})."
                )
            else:
                self.add_error("end_date", "The end date can't be before the start date.")
        goal: Goal | None = cleaned.get("goal")
        problem = Assignment.goal_problem(goal, client)
        if problem is not None and client is not None:
            name, goal_field = client.display_name, cast(GoalChoiceField, self.fields["goal"])
            self.add_error("goal", f"{problem} Choose one of {name}'s goals, or “{goal_field.empty_label}”.")
        return cleaned

    def _changed(self, name: str, value: object) -> bool:
        """Whether ``value`` is new: always when assigning; when editing, if it differs from the saved one."""
        return self.assignment is None or value != getattr(self.assignment, name)

    def _refuse_past_dates(
        self, today: date, start: date | None, end: date | None, recurrence: str | None
    ) -> None:
        """A new start, or a new due date of a one-off, is the client's today or later: days
        before homework is assigned can't be practised, and would count at once as not logged
        and overdue. A date an edit leaves as it was may be in the past. (The rule is the form's,
        not the services': the demo and the tests may backdate homework on purpose.)"""
        if start is not None and "start_date" not in self.errors and self._changed("start_date", start):
            if start < today:
                self.add_error(
                    "start_date",
                    f"Start today ({long_date(today)}, the client's date) or later: "
                    "days before homework is assigned can't be practised.",
                )
            elif start > today + timedelta(days=MAX_HISTORY_DAYS):
                self.add_error("start_date", "Choose a start date within a year of today.")
        due = end or start  # a one-off with no due date is due on its start
        if (
            recurrence == Recurrence.ONCE
            and due is not None
            and due < today
            and "end_date" not in self.errors
            and (self._changed("end_date", end) or self._changed("recurrence", recurrence))
        ):
            self.add_error(
                "end_date",
                f"Choose a due date from today ({long_date(today)}, the client's date) on: "
                "a one-off can't be due before it is assigned.",
            )

    def assignment_fields(self) -> dict[str, Any]:
        """The cleaned values the assignment services take (without the client)."""
        names = (*SCHEDULE_FIELDS, *PLAN_FIELDS)
        return {**self.spec_fields(), **{name: self.cleaned_data[name] for name in names}}


ACTIONS: dict[str, AssignmentStatus] = {
    "pause": AssignmentStatus.PAUSED,
    "resume": AssignmentStatus.ACTIVE,
    "complete": AssignmentStatus.COMPLETED,
    "archive": AssignmentStatus.ARCHIVED,
}


class StatusForm(forms.Form):
    action = forms.ChoiceField(choices=[(name, name) for name in ACTIONS])

    def status(self) -> AssignmentStatus:
        return ACTIONS[self.cleaned_data["action"]]


# What an Undo can give back: the statuses an assignment can have had before it was archived or
# completed. An Undo never archives or completes.
UNDO_TO: dict[AssignmentStatus, tuple[AssignmentStatus, ...]] = {
    AssignmentStatus.ARCHIVED: (AssignmentStatus.ACTIVE, AssignmentStatus.PAUSED, AssignmentStatus.COMPLETED),
    AssignmentStatus.COMPLETED: (AssignmentStatus.ACTIVE, AssignmentStatus.PAUSED),
}


class UndoStatusForm(forms.Form):
    """The status an archived or completed assignment had before, carried by the Undo of the
    message that confirmed the archive or the completion (``UNDO_TO``)."""

    to = forms.TypedChoiceField(choices=AssignmentStatus.choices, coerce=AssignmentStatus)

    def __init__(self, *args: Any, undoing: AssignmentStatus, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        to: Any = self.fields["to"]
        to.choices = [(status.value, status.label) for status in UNDO_TO[undoing]]


class GoalForm(forms.Form):
    text = LimitedTextField(
        label="Goal",
        max_length=SHORT_TEXT_LIMIT,
        help_text="In the client's words, for example “Go back to the Saturday choir”.",
    )
    rating = forms.IntegerField(
        label="Starting rating (optional)",
        required=False,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
        help_text="0 = not at all there yet, 10 = fully achieved.",
        widget=forms.NumberInput(attrs={"min": 0, "max": 10}),
    )


class FeedbackForm(forms.Form):
    text = LimitedTextField(
        label="Feedback for the client",
        max_length=1000,
        required=False,
        widget=_textarea(3),
        help_text="The client sees it beside this entry. Leave empty to remove it.",
    )

    def __init__(self, *args: Any, private: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if private:
            self.fields["text"].help_text = (
                "This entry is private: you can't see what it says, so keep feedback to encouragement. "
                "Up to 1000 characters; the client sees it beside the entry."
            )


class AdjustForm(forms.Form):
    """Which one-click change: "smaller" (the smaller version) or "fewer" (fewer times a week)."""

    change = forms.ChoiceField(
        choices=[("smaller", "Make it smaller"), ("fewer", "Fewer times a week")],
        error_messages={"invalid_choice": "Choose “make it smaller” or “fewer times a week”."},
    )
