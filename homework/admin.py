from __future__ import annotations

from django.contrib import admin

from homework.models import (
    Assignment,
    AutomaticThought,
    BehavioralExperiment,
    Entry,
    Goal,
    GoalRating,
    JournalEntry,
    Log,
    Mood,
    Occurrence,
    ReadingReflection,
    RelaxationPractice,
    SkillPractice,
    Template,
    ThoughtRecord,
)
from mallard.audit import AuditedAdminMixin

PEOPLE_SEARCH = ("client__email", "client__display_name")


@admin.register(Template)
class TemplateAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "topic", "owner", "estimated_minutes", "updated_at")
    list_filter = ("kind", ("owner", admin.EmptyFieldListFilter), "topic")
    search_fields = ("title", "slug", "topic", "owner__email", "owner__display_name")
    list_select_related = ("owner",)
    autocomplete_fields = ("owner",)
    raw_id_fields = ("copied_from",)


class GoalRatingInline(admin.TabularInline):
    model = GoalRating
    extra = 0
    fields = ("rating", "note", "rated_at", "rated_by")
    raw_id_fields = ("rated_by",)


@admin.register(Goal)
class GoalAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("text", "client", "status", "created_at")
    list_filter = ("status", "created_at")
    search_fields = ("text", *PEOPLE_SEARCH)
    list_select_related = ("client",)
    autocomplete_fields = ("client",)
    raw_id_fields = ("created_by",)
    inlines = (GoalRatingInline,)


@admin.register(Assignment)
class AssignmentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("title", "kind", "client", "therapist", "recurrence", "status", "start_date", "end_date")
    list_filter = ("status", "kind", "recurrence", "start_date")
    search_fields = ("title", *PEOPLE_SEARCH, "therapist__email", "therapist__display_name")
    list_select_related = ("client", "therapist")
    autocomplete_fields = ("client", "therapist")
    raw_id_fields = ("template", "goal")
    date_hierarchy = "start_date"


@admin.register(Occurrence)
class OccurrenceAdmin(admin.ModelAdmin):
    list_display = ("assignment", "client", "available_from", "due_date", "slot")
    list_filter = ("due_date", "assignment__kind")
    search_fields = ("assignment__title", *PEOPLE_SEARCH)
    list_select_related = ("assignment", "client")
    raw_id_fields = ("assignment", "client")
    date_hierarchy = "due_date"


@admin.register(Log)
class LogAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("occurrence", "client", "status", "reason", "minutes_spent", "helpfulness", "logged_at")
    list_filter = ("status", "reason", "logged_at")
    search_fields = ("assignment__title", *PEOPLE_SEARCH)
    list_select_related = ("occurrence__assignment", "client")
    raw_id_fields = ("occurrence", "assignment", "client")
    date_hierarchy = "logged_at"


ENTRY_LIST = ("__str__", "client", "kind", "is_draft", "is_private", "updated_at")
ENTRY_FILTERS = ("kind", "is_draft", "is_private", "updated_at")
ENTRY_RAW = ("client", "assignment", "occurrence", "feedback_by")


@admin.register(Entry)
class EntryAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ENTRY_LIST
    list_filter = ENTRY_FILTERS
    search_fields = PEOPLE_SEARCH
    list_select_related = ("client",)
    raw_id_fields = ENTRY_RAW
    date_hierarchy = "updated_at"


class MoodInline(admin.TabularInline):
    model = Mood
    extra = 0


class ThoughtInline(admin.TabularInline):
    model = AutomaticThought
    extra = 0


@admin.register(ThoughtRecord)
class ThoughtRecordAdmin(EntryAdmin):
    inlines = (MoodInline, ThoughtInline)


for entry_model in (BehavioralExperiment, JournalEntry, RelaxationPractice, ReadingReflection, SkillPractice):
    admin.site.register(entry_model, EntryAdmin)
