"""The therapist's decision on an assignment agreed last time."""

from __future__ import annotations

from django import forms

from sessions_app.models import Decision

BACK_TO = (("session", "The session page"), ("summary", "The pre-session summary"))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=Decision.choices,
        error_messages={"invalid_choice": "Choose Keep it, Make it smaller, Change it or Stop it."},
    )
    back = forms.ChoiceField(choices=BACK_TO, required=False)
