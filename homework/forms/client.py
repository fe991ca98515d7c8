"""Forms on the client's homework pages. They validate and convert; services write."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from homework.models import SHORT_TEXT_LIMIT, Kind, LogStatus, NotDoneReason
from mallard.fields import LimitedTextField

QUICK_STATUSES = [
    (LogStatus.DONE.value, LogStatus.DONE.label),
    (LogStatus.SMALLER.value, LogStatus.SMALLER.label),
    (LogStatus.PARTLY.value, LogStatus.PARTLY.label),
]


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class QuickLogForm(forms.Form):
    """One tap from Today: done, the smaller version, or partly, with an optional short note."""

    # The buttons are the status field: each sends its own value.
    status = forms.ChoiceField(
        choices=QUICK_STATUSES,
        widget=forms.HiddenInput,
        error_messages=dict.fromkeys(
            ("required", "invalid_choice"), "Choose done, the smaller version or partly."
        ),
    )
    # Ranges, messages and attributes as the worksheets' "How did it go?" has them.
    minutes_spent = forms.IntegerField(
        label="Minutes spent (optional)",
        required=False,
        min_value=0,
        max_value=1440,
        widget=forms.NumberInput(attrs={"min": 0, "max": 1440, "inputmode": "numeric"}),
        error_messages={
            **dict.fromkeys(("min_value", "max_value"), "Use a number from 0 to 1440."),
            "invalid": "Use a whole number from 0 to 1440.",
        },
    )
    helpfulness = forms.IntegerField(
        label="How helpful was it? 0 = not at all, 10 = very helpful (optional)",
        required=False,
        min_value=0,
        max_value=10,
        widget=forms.NumberInput(attrs={"min": 0, "max": 10, "inputmode": "numeric"}),
        error_messages={
            **dict.fromkeys(("min_value", "max_value"), "Give a rating from 0 to 10."),
            "invalid": "Give a rating from 0 to 10, as a whole number.",
        },
    )
    note = LimitedTextField(
        label="Note (optional)",
        help_text="What happened, or what made it easier or harder.",
        required=False,
        max_length=SHORT_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        self.helper.layout = Layout("note", "minutes_spent", "helpfulness")

    def clean_status(self) -> LogStatus:
        return LogStatus(self.cleaned_data["status"])

    def clean_note(self) -> str | None:
        """The note as typed; None when the form sent no note field, which keeps the earlier one."""
        if "note" not in self.data:
            return None
        note: str = self.cleaned_data["note"]
        return note.strip()


class NotDoneForm(forms.Form):
    """“Not done this time”: the reason, and a note if the client wants to add one."""

    reason = forms.ChoiceField(
        label="What got in the way?",
        choices=NotDoneReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the reason that fits best; it helps your therapist help you.",
            "invalid_choice": "Choose one of the reasons listed.",
        },
    )
    note = LimitedTextField(
        label="Anything you'd like to add? (optional)",
        required=False,
        max_length=SHORT_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    # Which button was pressed: "Not today" keeps a several-day item open; "I won't do this one"
    # (the default, and the only one on an item's last day) closes it.
    scope = forms.ChoiceField(
        choices=[("today", "Not today"), ("close", "I won't do this one")],
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Choose “Not today” or “I won't do this one”."},
    )

    def clean_reason(self) -> NotDoneReason:
        return NotDoneReason(self.cleaned_data["reason"])

    def clean_scope(self) -> str:
        return self.cleaned_data["scope"] or "close"

    def clean_note(self) -> str:
        note: str = self.cleaned_data["note"]
        return note.strip()


class HistoryFilterForm(forms.Form):
    q = LimitedTextField(label="Search your entries", required=False, max_length=200)
    kind = forms.ChoiceField(
        label="Kind",
        required=False,
        choices=[("", "All kinds"), *Kind.choices],
        error_messages={"invalid_choice": "“%(value)s” is not a kind of homework. Choose one from the list."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        self.helper.disable_csrf = True

    def clean_q(self) -> str:
        q: str = self.cleaned_data["q"]
        return q.strip()


class GoalRatingForm(forms.Form):
    rating = forms.IntegerField(
        label="Where are you with this goal today? 0 = not at all, 10 = fully there",
        validators=[MinValueValidator(0), MaxValueValidator(10)],
        widget=forms.NumberInput(attrs={"min": 0, "max": 10, "inputmode": "numeric"}),
        error_messages=dict.fromkeys(("required", "min_value", "max_value"), "Give a rating from 0 to 10."),
    )
    note = LimitedTextField(
        label="Note (optional)",
        required=False,
        max_length=SHORT_TEXT_LIMIT,
        widget=forms.TextInput(),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_note(self) -> str:
        note: str = self.cleaned_data["note"]
        return note.strip()
