"""The admin of sessions: only the sharing of private notes, which staff may do for an author.

Sessions themselves are not in the admin: their private notes are their author's. A share is
kept, as the clinical records are: staff add one but never delete it; withdrawing it is the
author's own decision, on their past-session page (``services.withdraw_notes_share``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from mallard.admin import KeptRecordMixin
from sessions_app import services
from sessions_app.models import NotesShare


class NotesShareForm(forms.ModelForm):
    class Meta:
        model = NotesShare
        fields = ("author", "client", "session", "shared_with")

    def __init__(self, *args: Any, staff: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.staff = staff

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        people = [data.get(name) for name in ("author", "client", "shared_with")]
        if all(people) and self.staff is not None:
            problem = services.share_problem(
                author=data["author"],
                client=data["client"],
                shared_with=data["shared_with"],
                shared_by=self.staff,
                session=data.get("session"),
            )
            if problem is not None:
                raise forms.ValidationError(problem)
        return data


@admin.register(NotesShare)
class NotesShareAdmin(KeptRecordMixin, admin.ModelAdmin):
    """Staff share an author's private notes with the therapist now caring for the client; the
    share is made by ``services.share_private_notes`` and recorded in the audit trail."""

    form = NotesShareForm
    list_display = ("author", "client", "session", "shared_with", "shared_by", "created_at")
    list_select_related = ("author", "client", "shared_with", "shared_by")
    raw_id_fields = ("author", "client", "session", "shared_with")
    search_fields = ("author__email", "client__email", "shared_with__email")

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form_class = super().get_form(request, obj, change=change, **kwargs)

        class WithStaff(form_class):  # type: ignore[misc, valid-type]
            def __init__(self, *args: Any, **inner: Any) -> None:
                super().__init__(*args, staff=request.user, **inner)

        return WithStaff

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False if obj is not None else super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: NotesShare, form: Any, change: bool) -> None:
        share = services.share_private_notes(
            author=obj.author,
            client=obj.client,
            shared_with=obj.shared_with,
            shared_by=request.user,  # type: ignore[arg-type]
            session=obj.session,
        )
        obj.pk = share.pk
        obj.shared_by = share.shared_by
        obj.created_at = share.created_at
