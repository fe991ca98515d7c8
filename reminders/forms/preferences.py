"""Forms of the reminder policy page. They validate and convert; ``reminders.planning`` writes."""

from __future__ import annotations

import re
from datetime import time
from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from mallard.form_problems import Problem, target_of
from reminders.models import Backoff, ReminderPreferences

_HH_MM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
BACKOFF_CHOICES = [
    (Backoff.NONE.value, "Keep reminding me as planned"),
    (Backoff.GENTLE.value, "After 3 unanswered reminders in a row, remind me every other day"),
    (Backoff.WEEKLY.value, "After 3 unanswered reminders in a row, remind me once a week"),
]
TIME_ERROR = "Enter a time as HH:MM, from 00:00 to 23:59 (for example 20:00)."


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class ClockTimeField(forms.Field):
    """A local time of day written HH:MM, 00:00 to 23:59. Anything else is an error beside the field."""

    widget = forms.TimeInput(attrs={"type": "time", "step": "60"}, format="%H:%M")
    default_error_messages = {"invalid": TIME_ERROR}

    def to_python(self, value: Any) -> time | None:
        if isinstance(value, time):
            return value.replace(second=0, microsecond=0)
        text = str(value or "").strip()
        if not text:
            return None
        match = _HH_MM.match(text)
        if match is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return time(int(match[1]), int(match[2]))


class PreferencesForm(forms.Form):
    """A client's reminder policy."""

    enabled = forms.BooleanField(
        label="Send me reminders",
        required=False,
        help_text="Turn this off to stop all practice reminders. Your homework stays as it is.",
    )
    email_enabled = forms.BooleanField(label="By e-mail", required=False)
    in_app_enabled = forms.BooleanField(label="In Mallard (the notifications list)", required=False)
    quiet_start = ClockTimeField(
        label="Quiet hours start (optional)",
        required=False,
        help_text="HH:MM. No reminders from this time…",
    )
    quiet_end = ClockTimeField(
        label="Quiet hours end (optional)",
        required=False,
        help_text="…until this time. Quiet hours may run past midnight, for example 22:00 to 07:00.",
    )
    daily_cap = forms.IntegerField(
        label="Most reminders in one day (1 to 4)",
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text="Counts practice reminders; an e-mail and an in-app reminder for the same activity count "
        "as one. News from your therapist (new or changed homework, feedback) doesn't count and is never "
        "held back by it.",
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_value"), "Choose a number from 1 to 4."
        ),
    )
    backoff = forms.ChoiceField(
        label="If I don't respond to reminders",
        choices=BACKOFF_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the options listed."},
        help_text="A reminder counts as unanswered when that day's practice isn't logged by the end of the "
        "day. Reminders never stop completely unless you turn them off.",
    )
    weekly_summary = forms.BooleanField(
        label="E-mail me a weekly summary of my own progress",
        required=False,
        help_text="Only you receive it.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_backoff(self) -> Backoff:
        return Backoff(self.cleaned_data["backoff"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("quiet_start"), data.get("quiet_end")
        if "quiet_start" in self.errors or "quiet_end" in self.errors:
            return data
        if start is not None and end is None:
            self.add_error("quiet_end", "Add when quiet hours end, or clear the start time.")
        elif end is not None and start is None:
            self.add_error("quiet_start", "Add when quiet hours start, or clear the end time.")
        elif start is not None and start == end:
            self.add_error("quiet_end", "Quiet hours need to end at a different time from when they start.")
        return data


class AssignmentReminderForm(forms.Form):
    """One assignment: reminders on or off, and at what local time."""

    enabled = forms.BooleanField(label="Remind me about this activity", required=False)
    time_of_day = ClockTimeField(
        label="Time of day",
        required=False,
        help_text="HH:MM in your time zone. Leave it as it is to keep the time agreed with your therapist.",
    )

    def __init__(
        self,
        *args: Any,
        preferences: ReminderPreferences | None = None,
        activity: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.preferences = preferences
        self.activity = activity
        self.helper = _helper()

    def summary_problems(self) -> list[Problem]:
        """The page's error summary names the activity: the page has one of these forms for each,
        so "Time of day" alone would not say which one to fix."""
        about = f"Reminder for “{self.activity}”" if self.activity else "Reminder"
        first = target_of(self["enabled"])
        problems = [Problem(f"{about}: {error}", first) for error in self.non_field_errors()]
        problems.extend(
            Problem(f"{about}: {error}", target_of(bound)) for bound in self for error in bound.errors
        )
        return problems

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen, quiet = data.get("time_of_day"), self.preferences
        if (
            data.get("enabled")
            and chosen is not None
            and quiet is not None
            and quiet.quiet_hours_release(chosen) is None
        ):
            self.add_error("time_of_day", quiet_hours_message(chosen, quiet))
        return data


def quiet_hours_message(chosen: time, quiet: ReminderPreferences) -> str:
    """What quiet hours do to a reminder at ``chosen`` ("" outside them), as the planner does it: it
    waits until they end that day, or, when they last until the next day, it is not sent (the
    time is then refused)."""
    if not quiet.in_quiet_hours(chosen):
        return ""
    inside = f"{chosen:%H:%M} is inside your quiet hours ({quiet.quiet_start:%H:%M}–{quiet.quiet_end:%H:%M})"
    release = quiet.quiet_hours_release(chosen)
    if release is None:
        return (
            f"{inside}, which last until the next day, so no reminder would be sent at that time. "
            "Choose a time outside them, or change your quiet hours."
        )
    return f"{inside}, so its reminder waits until they end and comes at {release:%H:%M}."


class DigestForm(forms.Form):
    """A therapist's only reminder choice: the weekly digest."""

    weekly_summary = forms.BooleanField(
        label="E-mail me a weekly digest of my clients' practice",
        required=False,
        help_text="Once a week, an overview of how your clients' practice is going.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()
