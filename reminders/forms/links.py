"""Forms behind the buttons of the calendar-feed and snooze pages."""

from __future__ import annotations

from django import forms

from reminders.links import SnoozeOption


class FeedAction(forms.Form):
    """Which button was pressed on the calendar page."""

    ENABLE = "enable"
    REVOKE = "revoke"
    DISABLE = "disable"

    action = forms.ChoiceField(
        choices=[(ENABLE, "Turn on"), (REVOKE, "Revoke and make a new link"), (DISABLE, "Turn off")],
        widget=forms.HiddenInput,
    )


class SnoozeForm(forms.Form):
    option = forms.TypedChoiceField(
        label="Remind me again", choices=SnoozeOption.choices, coerce=SnoozeOption
    )
