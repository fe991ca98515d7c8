"""Forms of the questionnaires: the therapist's plan, and the client's answers.

The answer form is built from the questionnaire itself (``measures.instruments``): one required
radio question per item, with the four published answers, and for the PHQ-9 the unscored
difficulty question (optional, as on the printed form).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms

from homework.services import client_today
from mallard.form_problems import Link, Problem, target_of
from mallard.forms import name_the_limits
from mallard.models import User
from measures.instruments import INSTRUMENTS, Instrument
from measures.models import MAX_EVERY_WEEKS, MeasurePlan, Schedule

SCHEDULE_CHOICES = [
    (Schedule.ONCE, "Once (open for a week)"),
    (Schedule.EVERY_N_WEEKS, "Every few weeks (each open for a week)"),
    (
        Schedule.BEFORE_SESSION,
        "Before each session (open from two days before each scheduled session until it starts)",
    ),
]

INSTRUMENT_CHOICES = [(code, f"{i.short_name}: {i.name}") for code, i in INSTRUMENTS.items()]


class PlanForm(forms.Form):
    """Ask a client to fill in a questionnaire once, every N weeks or before each session; or, with
    ``plan``, change when that plan asks (its questionnaire stays, and its first day may stay
    as it is even when it has passed)."""

    instrument = forms.ChoiceField(
        label="Questionnaire",
        choices=INSTRUMENT_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a questionnaire.",
            "invalid_choice": "Choose a questionnaire from the list.",
        },
    )
    schedule = forms.ChoiceField(
        label="When",
        choices=SCHEDULE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose when to ask.",
            "invalid_choice": "Choose when to ask from the list.",
        },
    )
    every_weeks = forms.IntegerField(
        label="Every how many weeks",
        required=False,
        min_value=1,
        max_value=MAX_EVERY_WEEKS,
        help_text=f"For “Every few weeks”: from 1 to {MAX_EVERY_WEEKS}.",
    )
    starts_on = forms.DateField(
        label="First day",
        required=False,
        help_text="Leave empty to start today, in the client's time zone.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(
        self, *args: Any, client: User, running: set[str], plan: MeasurePlan | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.client = client
        self.running = running
        self.plan = plan
        if plan is not None:
            del self.fields["instrument"]
        else:
            # Only the questionnaires not asked for yet are offered; one planned meanwhile is still
            # refused in ``clean``, with a message that says why.
            self.fields["instrument"].widget.choices = [
                (code, label) for code, label in INSTRUMENT_CHOICES if code not in running
            ]
        name_the_limits(self.fields)

    @property
    def can_ask(self) -> bool:
        """Whether a questionnaire is left to ask for: not when every one is planned already."""
        return self.plan is not None or bool(self.fields["instrument"].widget.choices)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        instrument = cleaned.get("instrument")
        if instrument in self.running:
            self.add_error(
                "instrument",
                f"The {INSTRUMENTS[instrument].short_name} is already planned for this client. "
                "Change or stop that plan instead.",
            )
        schedule = cleaned.get("schedule")
        if (
            schedule == Schedule.EVERY_N_WEEKS
            and cleaned.get("every_weeks") is None
            and "every_weeks" not in self.errors
        ):
            self.add_error("every_weeks", "Say every how many weeks, from 1 to 12.")
        if schedule != Schedule.EVERY_N_WEEKS:
            cleaned["every_weeks"] = None
        today = client_today(self.client)
        starts_on: date | None = cleaned.get("starts_on")
        if starts_on is None and "starts_on" not in self.errors:
            cleaned["starts_on"] = today
        elif starts_on is not None and not today <= starts_on <= today + timedelta(days=365):
            if self.plan is None:
                self.add_error("starts_on", "Choose a first day from today to a year ahead.")
            elif starts_on != (kept := self.plan.starts_on):
                self.add_error(
                    "starts_on",
                    f"Choose a first day from today to a year ahead, or keep {kept.day} {kept:%B %Y}.",
                )
        return cleaned


def item_field(position: int) -> str:
    return f"item_{position}"


class AnswerForm(forms.Form):
    """The client's answers: every item is required; the PHQ-9's difficulty question is not."""

    def __init__(self, *args: Any, instrument: Instrument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        choices = [(str(value), label) for value, label in instrument.answers]
        for position, item in enumerate(instrument.items, start=1):
            self.fields[item_field(position)] = forms.TypedChoiceField(
                label=item,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Question {position} has no answer yet.",
                    "invalid_choice": f"Question {position}: choose one of the four answers.",
                },
            )
        if instrument.difficulty_question:
            self.fields["difficulty"] = forms.TypedChoiceField(
                label=instrument.difficulty_question,
                choices=[(str(n), label) for n, label in enumerate(instrument.difficulty_answers)],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": "Choose one of the four answers, or leave it empty."},
            )

    def summary_problems(self) -> list[Problem]:
        """The error summary's lines (``mallard.form_problems``): the unanswered questions in one
        short line, each number a link to its question ("3 questions have no answer yet: 2, 5
        and 9"), rather than a line per question with its whole wording, which fills a phone's
        screen. Each question still says its own error beside it."""
        missing: list[Link] = []
        others: list[Problem] = []
        for position, bound in enumerate(self.item_fields(), start=1):
            if self.has_error(bound.name, "required"):
                missing.append(Link(str(position), target_of(bound), hidden="Question "))
            else:
                others.extend(Problem(str(error), target_of(bound)) for error in bound.errors)
        if "difficulty" in self.fields:
            difficulty = self["difficulty"]
            others.extend(
                Problem(f"The last question (not counted in the score): {error}", target_of(difficulty))
                for error in difficulty.errors
            )
        problems = [Problem(str(error), "") for error in self.non_field_errors()]
        if len(missing) == 1:
            problems.append(Problem(f"Question {missing[0].text} has no answer yet.", missing[0].target))
        elif missing:
            problems.append(Problem(f"{len(missing)} questions have no answer yet:", "", tuple(missing)))
        return problems + others

    def item_fields(self) -> list[forms.BoundField]:
        return [self[item_field(p)] for p in range(1, self.instrument.item_count + 1)]

    def answers(self) -> list[int]:
        return [self.cleaned_data[item_field(p)] for p in range(1, self.instrument.item_count + 1)]

    def difficulty_answer(self) -> int | None:
        value: int | None = self.cleaned_data.get("difficulty")
        return value
