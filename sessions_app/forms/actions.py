"""The form that picks the template a proposed action item starts from."""

from __future__ import annotations

from typing import Any

from django import forms

from homework.access import templates_for_therapist
from homework.models import Template
from mallard.models import User


class TemplateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        template: Template = obj
        mine = "" if template.owner_id is None else " (yours)"
        return f"{template.kind_label}: {template.title}{mine}"


class TemplateChoiceForm(forms.Form):
    """Which template the assignment starts from: built-in or the therapist's own."""

    template = TemplateChoiceField(
        label="Start from template",
        queryset=Template.objects.none(),
        empty_label="Choose a template",
        help_text="Its title, instructions and set-up fill the form below; the item's words come first.",
        error_messages={
            "required": "Choose a template to start from.",
            "invalid_choice": "Choose one of the templates in the list.",
        },
    )

    def __init__(self, *args: Any, therapist: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = (  # type: ignore[attr-defined]
            templates_for_therapist(therapist).order_by("kind", "owner", "title")
        )
