"""The questionnaires in the admin. Responses are shown as the worksheets are (each view recorded
in the audit trail) and can never be edited or deleted: a submitted response is history. Plans and
each client's settings are kept too: they are the therapist's clinical decisions, changed (a plan
stopped, scores hidden) but never deleted."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from mallard.admin import KeptRecordMixin, ViewOnlyRecordMixin
from mallard.audit import AuditedAdminMixin
from measures.models import MeasurePlan, MeasureResponse, MeasureSettings, MeasureWindow

PEOPLE_SEARCH = ("client__email", "client__display_name")


class MeasureWindowInline(ViewOnlyRecordMixin, admin.TabularInline):
    model = MeasureWindow
    extra = 0
    fields = ("opens_at", "closes_at")
    readonly_fields = fields


@admin.register(MeasurePlan)
class MeasurePlanAdmin(KeptRecordMixin, AuditedAdminMixin, admin.ModelAdmin):
    """A plan is stopped (its end set), never deleted. Whose it is and which questionnaire stay:
    its windows and responses were made for them."""

    list_display = ("__str__", "client", "therapist", "instrument", "schedule", "starts_on", "ended_at")
    list_filter = ("instrument", "schedule", ("ended_at", admin.EmptyFieldListFilter))
    search_fields = (*PEOPLE_SEARCH, "therapist__email", "therapist__display_name")
    list_select_related = ("client", "therapist")
    raw_id_fields = ("client", "therapist")
    inlines = (MeasureWindowInline,)

    def get_readonly_fields(self, request: HttpRequest, obj: MeasurePlan | None = None) -> Any:
        return ("client", "therapist", "instrument") if obj is not None else ()


@admin.register(MeasureResponse)
class MeasureResponseAdmin(ViewOnlyRecordMixin, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "client", "instrument", "total", "band", "item9_positive", "submitted_at")
    list_filter = ("instrument", "band", "item9_positive", "submitted_at")
    search_fields = PEOPLE_SEARCH
    list_select_related = ("client",)
    raw_id_fields = ("client", "plan", "window", "corrects", "item9_reviewed_by")
    date_hierarchy = "submitted_at"


@admin.register(MeasureSettings)
class MeasureSettingsAdmin(KeptRecordMixin, admin.ModelAdmin):
    """Whether the client sees their own scores: switched off or on, never deleted (a deleted row
    would silently show the scores again, the default)."""

    list_display = ("client", "show_scores_to_client", "updated_at")
    raw_id_fields = ("client",)
