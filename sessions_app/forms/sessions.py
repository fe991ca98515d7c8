"""Forms for scheduling and recording sessions, changing their status, and reflecting on them.

They validate and convert (a local date and time in the therapist's zone become
one aware ``starts_at``); sessions_app.services does the writing.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone

from mallard.fields import LongTextField
from mallard.lib.dates import clock, long_date, skipped_hours, wall_clock_moments
from sessions_app.models import NOTES_LIMIT, REFLECTION_LIMIT, SessionStatus, TherapySession
from sessions_app.services import MAX_DURATION, MIN_DURATION, same_minute, timing_problem

PRIVATE_LABEL = "Private: never shown to the client"
# Sessions are recorded or booked within this many days of today (and far-off dates can't overflow).
MAX_DAYS_FROM_TODAY = 5 * 366


def _helper(layout: Layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True  # the page's <form> carries the token
    helper.layout = layout
    return helper


REPEATED_TIME_ANSWERS = ("first", "second")


class _Answer(forms.ChoiceField):
    """A choice that is asked only sometimes: anything but one of its choices is no answer (""),
    never an error beside a question the page may not be showing."""

    def clean(self, value: Any) -> str:
        return value if value in REPEATED_TIME_ANSWERS else ""


class SessionForm(forms.Form):
    """Schedule a session, or record one: its local date and time, length, status, notes and summary."""

    start_date = forms.DateField(
        label="Date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Enter the session's date.",
            "invalid": "Enter the date as year-month-day, such as 2026-03-14.",
        },
    )
    start_time = forms.TimeField(
        label="Start time",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": "Enter the time the session starts, such as 14:30.",
            "invalid": "Enter the time on a 24-hour clock, such as 14:30.",
        },
    )
    duration_minutes = forms.IntegerField(
        label="Length in minutes",
        initial=50,
        validators=[MinValueValidator(MIN_DURATION), MaxValueValidator(MAX_DURATION)],
        help_text=f"From {MIN_DURATION} to {MAX_DURATION} minutes.",
        error_messages={
            "min_value": f"A session is at least {MIN_DURATION} minutes long.",
            "max_value": f"A session is at most {MAX_DURATION} minutes (8 hours) long.",
        },
    )
    status = forms.ChoiceField(
        label="Status",
        choices=SessionStatus.choices,
        initial=SessionStatus.SCHEDULED,
        help_text="For a session that already took place, choose Held or No-show.",
        error_messages={"invalid_choice": "“%(value)s” is not a status we know. Choose one from the list."},
    )
    summary = LongTextField(
        limit=NOTES_LIMIT,
        label="Summary shared with the client",
        help_text="The client sees this on their sessions page.",
    )
    private_notes = LongTextField(
        limit=NOTES_LIMIT,
        label=PRIVATE_LABEL,
        help_text="Your clinical notes. Only you can read them, and therapists you share them with.",
    )
    # Sent by the "Schedule it anyway" button that an overlap warning shows: keep the time as it is.
    # Not in the layout; any value but a false one ("", "false", "0") is a yes.
    schedule_anyway = forms.BooleanField(required=False)
    # Which of the two moments a time the clocks repeat (they go back) means: in the layout only
    # when the date and time typed are such a time (``_aware``). Anything else posted is no answer.
    repeated_time = _Answer(
        required=False, widget=forms.RadioSelect, choices=[("first", "The first"), ("second", "The second")]
    )

    def __init__(
        self,
        data: Any = None,
        *,
        zone: ZoneInfo,
        session: TherapySession | None = None,
        notes_editable: bool = True,
        **kwargs: Any,
    ) -> None:
        if session is not None and data is None:
            local = session.starts_at.astimezone(zone)
            kwargs["initial"] = {
                "start_date": local.date(),
                "start_time": local.time().replace(second=0, microsecond=0),
                "duration_minutes": session.duration_minutes,
                "status": session.status,
                "private_notes": session.private_notes if notes_editable else "",
                "summary": session.summary,
            }
        super().__init__(data, **kwargs)
        self.zone = zone
        self.session = session
        self.fields["start_time"].help_text = f"Your local time ({zone.key})."
        notes: list[Fieldset] = []
        if notes_editable:
            notes.append(Fieldset("Your private notes", "private_notes", css_class="private-notes"))
        else:
            # Another therapist's notes: not a field at all, so they can be neither read nor overwritten.
            del self.fields["private_notes"]
        self._notes = notes
        self.helper = _helper(self._layout())

    def _layout(self, *, which_time: bool = False) -> Layout:
        """The form's layout; with ``which_time``, the choice between a repeated time's two moments
        under the time."""
        return Layout(
            Fieldset(
                "When",
                Row(
                    Column("start_date", css_class="col-sm-4"),
                    Column("start_time", css_class="col-sm-4"),
                    Column("duration_minutes", css_class="col-sm-4"),
                ),
                *(["repeated_time"] if which_time else []),
                "status",
            ),
            Fieldset("Shared with the client", "summary"),
            *self._notes,
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day: date | None = cleaned.get("start_date")
        at: time | None = cleaned.get("start_time")
        status: str | None = cleaned.get("status")
        if day is None or at is None:
            return cleaned
        if abs((day - timezone.localdate()).days) > MAX_DAYS_FROM_TODAY:
            self.add_error("start_date", "Choose a date within five years of today.")
            return cleaned
        starts_at = self._aware(day, at)
        if starts_at is None:
            return cleaned
        cleaned["starts_at"] = starts_at
        if status:
            changed = (
                self.session is None
                or not same_minute(starts_at, self.session.starts_at)
                or status != self.session.status
            )
            problem = timing_problem(starts_at=starts_at, status=status, timing_changed=changed)
            if problem is not None:
                self.add_error(problem.field, str(problem))
        return cleaned

    def _aware(self, day: date, at: time) -> datetime | None:
        """The local date and time in the therapist's zone (``mallard.lib.dates.wall_clock_moments``).

        A time the clocks skip is an error beside the time that names the gap. A time they repeat
        (they go back) is never guessed: the form shows the choice of its two moments, by the
        zone's names and offsets, and asks for one, keeping everything typed. Saving a session
        that keeps its own date and time needs no answer: it keeps the moment it has."""
        moments = wall_clock_moments(day, at, self.zone)
        if not moments:
            gap_from, gap_to = skipped_hours(day, at, self.zone)
            self.add_error(
                "start_time",
                f"The clocks go forward from {clock(gap_from)} to {clock(gap_to)} that night, so "
                f"{clock(at)} doesn't exist in {self.zone.key} on {long_date(day)}. "
                f"Choose a time before {clock(gap_from)} or from {clock(gap_to)}.",
            )
            return None
        if len(moments) == 1:
            return moments[0]
        first, second = moments
        self.helper.layout = self._layout(which_time=True)
        later = second.astimezone(UTC) - first.astimezone(UTC)
        field = cast("forms.ChoiceField", self.fields["repeated_time"])
        field.label = self["repeated_time"].label = f"Which {clock(at)}?"  # the bound field is made already
        field.choices = [
            ("first", f"The first {clock(at)}, in {_zone_name(first)}"),
            ("second", f"The second {clock(at)}, {_later(later)}, in {_zone_name(second)}"),
        ]
        choice = self.cleaned_data.get("repeated_time")
        if choice in REPEATED_TIME_ANSWERS:
            return first if choice == "first" else second
        if self.session is not None:
            own = [
                m for m in moments if same_minute(m.astimezone(UTC), self.session.starts_at.astimezone(UTC))
            ]
            if own:
                return own[0]
        self.add_error(
            "repeated_time",
            f"{clock(at)} happens twice on {long_date(day)} in {self.zone.key}: the clocks go back "
            f"that night. Choose which {clock(at)} you mean.",
        )
        return None

    def session_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = {
            "starts_at": data["starts_at"],
            "duration_minutes": data["duration_minutes"],
            "status": data["status"],
            "summary": data["summary"],
        }
        if "private_notes" in self.fields:
            fields["private_notes"] = data["private_notes"]
        fields["allow_overlap"] = data["schedule_anyway"]
        return fields


def _zone_name(moment: datetime) -> str:
    """ "BST (UTC+01:00)": the zone's name for that moment and its offset."""
    offset = moment.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{moment.tzname()} (UTC{sign}{minutes // 60:02d}:{minutes % 60:02d})"


def _later(gap: timedelta) -> str:
    minutes = int(gap.total_seconds()) // 60
    if minutes == 60:
        return "an hour later"
    return f"{minutes} minutes later"


class StatusForm(forms.Form):
    """The quick buttons on a session: cancel, mark no-show, mark held."""

    status = forms.ChoiceField(
        choices=[
            (SessionStatus.CANCELLED, "Cancel"),
            (SessionStatus.NO_SHOW, "Mark no-show"),
            (SessionStatus.HELD, "Mark held"),
        ]
    )


class ReflectionForm(forms.Form):
    """The client's reflection after a held session. Any one box is enough."""

    stood_out = LongTextField(
        limit=REFLECTION_LIMIT,
        rows=4,
        label="What stood out",
        help_text="Something that was said, a feeling, an idea: whatever stayed with you.",
    )
    want_to_practise = LongTextField(
        limit=REFLECTION_LIMIT,
        rows=4,
        label="What I want to practise",
        help_text="Before the next session. Small is fine.",
    )
    questions = LongTextField(
        limit=REFLECTION_LIMIT,
        rows=4,
        label="Questions for next time",
        help_text="Your therapist can read your reflection before the next session.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(Layout("stood_out", "want_to_practise", "questions"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        names = ("stood_out", "want_to_practise", "questions")
        if not self.errors and not any(cleaned.get(name) for name in names):
            self.add_error("stood_out", "Write something in at least one box. A few words is enough.")
        return cleaned
