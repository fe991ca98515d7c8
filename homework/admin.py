from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from homework.models import (
    WEEKDAY_NAMES,
    Assignment,
    BehavioralExperiment,
    Entry,
    Goal,
    GoalRating,
    JournalEntry,
    Log,
    Occurrence,
    ReadingReflection,
    RelaxationPractice,
    SkillPractice,
    Template,
    ThoughtRecord,
)
from mallard.admin import KeptRecordMixin, QueryInitialMixin, ViewOnlyRecordMixin
from mallard.audit import AuditedAdminMixin

PEOPLE_SEARCH = ("client__email", "client__display_name")


@admin.register(Template)
class TemplateAdmin(QueryInitialMixin, admin.ModelAdmin):
    list_display = ("title", "kind", "topic", "owner", "estimated_minutes", "updated_at")
    list_filter = ("kind", ("owner", admin.EmptyFieldListFilter), "topic")
    search_fields = ("title", "slug", "topic", "owner__email", "owner__display_name")
    list_select_related = ("owner",)
    autocomplete_fields = ("owner",)
    raw_id_fields = ("copied_from",)


class GoalRatingInline(ViewOnlyRecordMixin, admin.TabularInline):
    """A rating is what the client (or their therapist) said on that day: history, view-only.
    Its note is the client's words, for them and their therapist, not staff's (as a log's note)."""

    model = GoalRating
    extra = 0
    fields = ("rating", "rated_at", "rated_by", "is_starting")
    readonly_fields = fields


@admin.register(Goal)
class GoalAdmin(QueryInitialMixin, KeptRecordMixin, AuditedAdminMixin, admin.ModelAdmin):
    """Staff may set a goal's status; its words and whose it is stay as written, since its ratings
    were given against them."""

    list_display = ("text", "client", "status", "created_at")
    list_filter = ("status", "created_at")
    # A goal's words are its therapist's; the ratings' notes (the client's) are never searched.
    search_fields = ("text", *PEOPLE_SEARCH)
    list_select_related = ("client",)
    autocomplete_fields = ("client",)
    raw_id_fields = ("created_by",)
    inlines = (GoalRatingInline,)

    def get_readonly_fields(self, request: HttpRequest, obj: Goal | None = None) -> Any:
        return ("client", "text", "created_by", "created_at") if obj is not None else ()


class WeekdaysField(forms.MultipleChoiceField):
    """The days of a "chosen days of the week" schedule as a box per day, kept as the assignment
    stores them: the days' numbers from Monday = 0 in one string ("024" is Monday, Wednesday and
    Friday)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            choices=[(str(number), name) for number, name in enumerate(WEEKDAY_NAMES)],
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )

    def prepare_value(self, value: Any) -> Any:
        return list(value) if isinstance(value, str) else value

    def clean(self, value: Any) -> str:
        return "".join(sorted(set(super().clean(value))))


class AssignmentAdminForm(forms.ModelForm):
    """The admin's assignment form (its model and fields come from ``AssignmentAdmin``)."""

    weekdays = WeekdaysField(
        label="Days of the week", required=False, help_text="For “On chosen days of the week”."
    )


@admin.register(Assignment)
class AssignmentAdmin(QueryInitialMixin, KeptRecordMixin, AuditedAdminMixin, admin.ModelAdmin):
    """Staff may correct an assignment's wording and schedule. Whose it is, who gave it and its kind
    stay: its occurrences, logs and worksheets were made for them."""

    form = AssignmentAdminForm
    list_display = ("title", "kind", "client", "therapist", "recurrence", "status", "start_date", "end_date")
    list_filter = ("status", "kind", "recurrence", "start_date")
    search_fields = ("title", *PEOPLE_SEARCH, "therapist__email", "therapist__display_name")
    list_select_related = ("client", "therapist")
    autocomplete_fields = ("client", "therapist")
    raw_id_fields = ("template", "goal")
    date_hierarchy = "start_date"

    def get_readonly_fields(self, request: HttpRequest, obj: Assignment | None = None) -> Any:
        return ("client", "therapist", "kind", "created_at", "updated_at") if obj is not None else ()


@admin.register(Occurrence)
class OccurrenceAdmin(QueryInitialMixin, ViewOnlyRecordMixin, admin.ModelAdmin):
    """Occurrences are made from their assignment's schedule; staff change the schedule instead."""

    list_display = ("assignment", "client", "available_from", "due_date", "slot")
    list_filter = ("due_date", "assignment__kind")
    search_fields = ("assignment__title", *PEOPLE_SEARCH)
    list_select_related = ("assignment", "client")
    raw_id_fields = ("assignment", "client")
    date_hierarchy = "due_date"


@admin.register(Log)
class LogAdmin(QueryInitialMixin, ViewOnlyRecordMixin, AuditedAdminMixin, admin.ModelAdmin):
    # The client's note on how it went (or why it wasn't done) is theirs and their therapist's,
    # not staff's.
    exclude = ("note",)
    list_display = ("occurrence", "client", "status", "reason", "minutes_spent", "helpfulness", "logged_at")
    list_filter = ("status", "reason", "logged_at")
    search_fields = ("assignment__title", *PEOPLE_SEARCH)
    list_select_related = ("occurrence__assignment", "client")
    raw_id_fields = ("occurrence", "assignment", "client")
    date_hierarchy = "logged_at"


ENTRY_LIST = ("__str__", "client", "kind", "is_draft", "is_private", "updated_at")
ENTRY_FILTERS = ("kind", "is_draft", "is_private", "updated_at")
# Who, which worksheet, when and its state; never what the client (or the therapist's feedback)
# wrote. View-only: whether an entry is private or a draft is the client's to decide.
ENTRY_FIELDS = (
    "client",
    "assignment",
    "occurrence",
    "kind",
    "is_draft",
    "is_private",
    "created_at",
    "updated_at",
    "submitted_at",
    "feedback_at",
    "feedback_by",
    "feedback_read_at",
)


@admin.register(Entry)
class EntryAdmin(QueryInitialMixin, ViewOnlyRecordMixin, AuditedAdminMixin, admin.ModelAdmin):
    """Staff see that a worksheet exists without reading it (docs/security.md, "Private content in
    the admin"): no content field, no content inline, search by person only."""

    list_display = ENTRY_LIST
    list_filter = ENTRY_FILTERS
    search_fields = PEOPLE_SEARCH
    list_select_related = ("client",)
    fields = ENTRY_FIELDS
    date_hierarchy = "updated_at"


for entry_model in (
    ThoughtRecord,
    BehavioralExperiment,
    JournalEntry,
    RelaxationPractice,
    ReadingReflection,
    SkillPractice,
):
    admin.site.register(entry_model, EntryAdmin)
