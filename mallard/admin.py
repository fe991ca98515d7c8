from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse

from mallard import access, retention, services
from mallard.forms import KeepsSavedTimeZone, time_zone_field
from mallard.lib.text import counted, query_id
from mallard.models import (
    OPEN_INVITATION,
    AuditEntry,
    CareRelationship,
    Invitation,
    InvitationStatus,
    Role,
    User,
)


class QueryInitialMixin:
    """The admin's add page fills its fields from the query string (``?client=7``). A related
    field keeps only an id of ASCII digits that fits a key: ``?client=²`` leaves the field empty
    instead of failing with a server error when its widget looks the value up."""

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial: dict[str, Any] = super().get_changeform_initial_data(request)  # type: ignore[misc]
        relations = {field.name for field in self.model._meta.get_fields() if field.is_relation}  # type: ignore[attr-defined]
        for name in relations & initial.keys():
            values = initial[name] if isinstance(initial[name], list) else [initial[name]]
            if any(query_id(str(value)) is None for value in values):
                del initial[name]
        return initial


class KeptRecordMixin:
    """For the admin of a clinical record, which is kept for the retention period and goes only
    when the client's account is closed and then purged (docs/data-rights.md). Without the delete
    permission the admin has no delete button, no delete page (403) and no "Delete selected"."""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ViewOnlyRecordMixin(KeptRecordMixin):
    """For a clinical record that is history as written: staff may look, never add or change."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class UserCreationForm(KeepsSavedTimeZone, AdminUserCreationForm):
    # The zones grouped by region, as on the profile page, not a free-text name.
    time_zone = time_zone_field()
    time_zone_whose = "their"
    # Django's "Password-based authentication" choice, worded for Mallard and off by default: the
    # person is e-mailed a link to choose their own password (``UserAdmin.save_model``), so the
    # admin never knows it. "Disabled" is what Django stores: no usable password until they choose.
    usable_password = forms.ChoiceField(
        label="Password",
        required=False,
        initial="false",
        choices={
            "false": "They choose it: e-mail them a link to set their own password",
            "true": "Set one now, and give it to them yourself",
        },
        widget=forms.RadioSelect(attrs={"class": "radiolist"}),
        help_text="Nobody but the person should know their password. The link works once, for "
        "a few days; after that, “Forgot your password?” on the sign-in page sends a new one.",
    )

    # No role is chosen for the person: a therapist reads the records of every client in their
    # care, so being one is never what a form left as it was says.
    role = forms.ChoiceField(
        choices=[("", "Choose their role"), *Role.choices],
        error_messages={"required": "Choose their role: client, therapist or staff."},
    )

    class Meta:
        model = User
        fields = ("email", "display_name", "role", "time_zone")

    def clean_email(self) -> str:
        email = str(self.cleaned_data["email"]).strip().lower()
        if access.address_in_use(email):
            raise forms.ValidationError(f"An account with the address {email} already exists.")
        return email


class UserEditForm(KeepsSavedTimeZone, UserChangeForm):
    # The zones grouped by region, as on the profile page; a person's alias stays chosen.
    time_zone = time_zone_field()
    time_zone_whose = "their"

    class Meta:
        model = User
        fields = "__all__"

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        # A therapist who still has clients or open invitations cannot be deactivated: their
        # clients would be left with someone who can never sign in (``access.deactivation_problem``).
        if (
            self.instance.pk is not None
            and self.initial.get("is_active")
            and cleaned.get("is_active") is False
        ):
            problem = access.deactivation_problem(self.instance)
            if problem is not None:
                self.add_error("is_active", problem)
        return cleaned


class HandOverForm(forms.Form):
    """Who takes over a leaving therapist's clients, and whether the account is deactivated then."""

    to_therapist = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Therapist taking over",
        help_text="Every other therapist of the practice whose account is active.",
    )
    deactivate = forms.BooleanField(
        required=False,
        initial=True,
        label="Then deactivate this therapist's account",
        help_text="They can no longer sign in. Untick to keep the account active for now.",
    )

    def __init__(self, *args: Any, leaving: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["to_therapist"])
        field.queryset = access.therapists_to_hand_over_to(leaving)


class CareRelationshipForm(forms.ModelForm):
    """A care relationship in the admin. On one already saved, whose care it is stays as it was:
    staff correct its start or end only (docs/operations.md, "Care relationships"). A client moves
    to another therapist by ending this care and adding a new one, or by Hand over clients."""

    class Meta:
        model = CareRelationship
        fields = ("therapist", "client", "started_at", "ended_at")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            for name in ("therapist", "client"):
                if name in self.fields:
                    self.fields[name].disabled = True


class CareFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        current = [
            form
            for form in self.forms
            if form.has_changed() or form.instance.pk is not None
            if getattr(form, "cleaned_data", None) and form.cleaned_data.get("ended_at") is None
        ]
        if len(current) > 1:
            raise forms.ValidationError(
                "A client is in the care of one therapist at a time: give every care relationship "
                "but one an end (Ended at)."
            )


class CareInline(admin.TabularInline):
    model = CareRelationship
    form = CareRelationshipForm
    formset = CareFormSet
    fk_name = "client"
    extra = 0
    fields = ("therapist", "started_at", "ended_at")
    autocomplete_fields = ("therapist",)
    verbose_name_plural = "Care relationships (as client)"
    can_delete = False  # ended, never deleted (CareRelationshipAdmin)


@admin.register(User)
class UserAdmin(QueryInitialMixin, DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    list_display = (
        "email",
        "display_name",
        "role",
        "time_zone",
        "is_active",
        "is_staff",
        "date_joined",
        "last_login",
    )
    list_filter = ("role", "is_active", "is_staff", "is_superuser", ("closed_at", admin.EmptyFieldListFilter))
    search_fields = ("email", "display_name")
    ordering = ("email",)
    readonly_fields = ("date_joined", "last_login", "closed_at")
    inlines: ClassVar = [CareInline]
    actions = ("reopen_closed_accounts", "hand_over_clients")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("display_name", "role", "time_zone")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("date_joined", "last_login", "closed_at")}),
    )

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[User], search_term: str
    ) -> tuple[QuerySet[User], bool]:
        """The care relationship's therapist box offers only therapists who can sign in: a
        deactivated one can care for no one (``CareRelationship.clean`` refuses it too)."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if (
            request.GET.get("model_name") == "carerelationship"
            and request.GET.get("field_name") == "therapist"
        ):
            queryset = queryset.filter(is_active=True)
        return queryset, may_have_duplicates

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None) -> Any:
        # Ticking "active" on a closed account would let it sign in while the purge still deletes
        # it when its retention ends; reopening clears both (the action below).
        fields = tuple(super().get_readonly_fields(request, obj))
        return (*fields, "is_active") if obj is not None and obj.closed_at is not None else fields

    def has_delete_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        # A client's record is kept for the retention period and deleted by the purge
        # (docs/data-rights.md); deleting the row here would take their clinical record with it.
        if obj is not None and obj.role == Role.CLIENT:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(
        self, request: HttpRequest, action_location: ActionLocation = ActionLocation.CHANGE_LIST
    ) -> Any:
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)  # it would delete clients too
        return actions

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change and not obj.has_usable_password():
            # Added without a password: the person chooses their own from an e-mailed link.
            services.send_choose_password_link(user=obj)
            self.message_user(
                request,
                f"A link to choose their own password was e-mailed to {obj.email}. It works once, for "
                "a few days; after that, “Forgot your password?” on the sign-in page sends a new one.",
                messages.INFO,
            )

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        entry = super().log_addition(request, obj, message)
        if isinstance(obj, User) and not obj.has_usable_password():
            self.log_change(request, obj, "E-mailed a link to choose their own password.")
        return entry

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not CareRelationship:
            super().save_formset(request, form, formset, change)
            return
        # Care goes through Mallard's services, as a move does: the audit trail, and the apps told.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for inline_form in formset.forms:
            if not inline_form.has_changed():
                continue
            care = inline_form.instance
            care.client = formset.instance
            adding = care.pk is None
            _save_care(care, inline_form)
            if adding:
                formset.new_objects.append(care)
            else:
                formset.changed_objects.append((care, inline_form.changed_data))

    @admin.action(description="Reopen the selected closed client accounts")
    def reopen_closed_accounts(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        reopened = 0
        for user in queryset.order_by("pk"):
            try:
                retention.reopen_account(client=user)
            except retention.AccountError as exc:
                self.message_user(request, f"Not reopened: {user.email}. {exc}", messages.WARNING)
            else:
                self.log_change(request, user, "Reopened the closed account.")
                reopened += 1
        if reopened:
            self.message_user(
                request,
                f"Reopened {counted(reopened, 'account')}. "
                "Each person was told by e-mail and can sign in again.",
                messages.SUCCESS,
            )

    @admin.action(description="Hand over the selected therapist's clients to another therapist")
    def hand_over_clients(self, request: HttpRequest, queryset: QuerySet[User]) -> HttpResponse | None:
        therapists = list(queryset.filter(role=Role.THERAPIST).order_by("pk")[:2])
        if len(therapists) != 1 or queryset.count() != 1:
            self.message_user(
                request,
                "Select one therapist: their clients are handed over to one other therapist at a time.",
                messages.WARNING,
            )
            return None
        return HttpResponseRedirect(reverse("admin:mallard_user_hand_over", args=[therapists[0].pk]))

    def get_urls(self) -> list[URLPattern]:
        hand_over = path(
            "<path:object_id>/hand-over/",
            self.admin_site.admin_view(self.hand_over_view),
            name="mallard_user_hand_over",
        )
        return [hand_over, *super().get_urls()]

    def hand_over_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """A therapist leaves: move every current client to another therapist, withdraw the open
        invitations, and deactivate the account (``services.hand_over_caseload``)."""
        if request.method not in ("GET", "HEAD", "POST"):
            return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
        leaving = self.get_object(request, unquote(object_id))
        if leaving is None or leaving.role != Role.THERAPIST:
            raise Http404("No therapist with that id.")
        if not self.has_change_permission(request, leaving):
            raise PermissionDenied
        form = HandOverForm(request.POST if request.method == "POST" else None, leaving=leaving)
        if form.is_valid():
            to_therapist = form.cleaned_data["to_therapist"]
            try:
                done = services.hand_over_caseload(
                    from_therapist=leaving,
                    to_therapist=to_therapist,
                    deactivate=form.cleaned_data["deactivate"],
                )
            except services.HandOverError as exc:
                form.add_error(None, str(exc))
            else:
                self.log_change(request, leaving, _hand_over_message(done, to_therapist))
                self.message_user(request, _hand_over_message(done, to_therapist), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:mallard_user_change", args=[leaving.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Hand over the clients of {leaving.display_name or leaving.email}",
            "opts": self.opts,
            "original": leaving,
            "form": form,
            "clients": access.current_caseload(leaving).count(),
            "invitations": access.open_invitations_of(leaving).count(),
        }
        return TemplateResponse(request, "admin/mallard/user/hand_over.html", context)

    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "display_name",
                    "role",
                    "time_zone",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )


def _hand_over_message(done: services.HandOver, to_therapist: User) -> str:
    clients = counted(done.clients, "client")
    invitations = counted(done.invitations, "open invitation")
    message = (
        f"Moved {clients} to {to_therapist.display_name or to_therapist.email} and withdrew {invitations}. "
        "Sessions still booked with the former therapist were cancelled; their private notes stay theirs."
    )
    return message + (" The account is deactivated." if done.deactivated else " The account is still active.")


def _same_second(new: datetime | None, stored: datetime | None) -> datetime | None:
    if new is not None and stored is not None and new.replace(microsecond=0) == stored.replace(microsecond=0):
        return stored
    return new


def _save_care(care: CareRelationship, form: forms.ModelForm) -> None:
    """Save a care relationship from the admin through the services: a new one is started
    (``services.start_care``), a saved one has its start or end corrected
    (``services.correct_care``, which tells the apps when current care ends, as
    ``services.move_client`` does). Both write the audit trail. Called in the admin's transaction."""
    if care.pk is None:
        started = services.start_care(
            client=care.client, therapist=care.therapist, started_at=care.started_at, ended_at=care.ended_at
        )
        care.pk = started.pk
        care._state.adding = False
    else:
        # A time the form shows as it was stays as stored: the form has whole seconds only.
        started_at = _same_second(care.started_at, form.initial.get("started_at")) or care.started_at
        ended_at = _same_second(care.ended_at, form.initial.get("ended_at"))
        services.correct_care(care=care, started_at=started_at, ended_at=ended_at)


class CurrentFilter(admin.SimpleListFilter):
    title = "current"
    parameter_name = "current"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("yes", "Current"), ("no", "Ended")]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[CareRelationship]
    ) -> QuerySet[CareRelationship]:
        if self.value() == "yes":
            return queryset.filter(ended_at__isnull=True)
        if self.value() == "no":
            return queryset.filter(ended_at__isnull=False)
        return queryset


@admin.register(CareRelationship)
class CareRelationshipAdmin(QueryInitialMixin, KeptRecordMixin, admin.ModelAdmin):
    """Care is ended (its *Ended at* set), never deleted: who cared for a client, and when, decides
    who may read their record, and ending it tells the apps (``hooks.care_ended``)."""

    list_display = ("client", "therapist", "started_at", "ended_at")
    list_filter = (CurrentFilter, "started_at")
    search_fields = ("client__email", "client__display_name", "therapist__email", "therapist__display_name")
    list_select_related = ("client", "therapist")
    autocomplete_fields = ("client", "therapist")
    date_hierarchy = "started_at"

    def get_readonly_fields(self, request: HttpRequest, obj: CareRelationship | None = None) -> Any:
        # Whose care it is stays: another therapist is another relationship (end and start, or
        # Hand over clients), so the old one's history and sessions are not silently moved.
        return ("client", "therapist") if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: CareRelationship, form: Any, change: bool) -> None:
        _save_care(obj, form)


class InvitationStatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return list(InvitationStatus.choices)

    def queryset(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> QuerySet[Invitation]:
        from django.utils import timezone

        now = timezone.now()
        open_ = queryset.filter(OPEN_INVITATION)
        match self.value():
            case InvitationStatus.ACCEPTED:
                return queryset.filter(accepted_at__isnull=False)
            case InvitationStatus.REVOKED:
                return queryset.filter(revoked_at__isnull=False)
            case InvitationStatus.DECLINED:
                return queryset.filter(declined_at__isnull=False)
            case InvitationStatus.EXPIRED:
                return open_.filter(expires_at__lte=now)
            case InvitationStatus.PENDING:
                return open_.filter(expires_at__gt=now)
        return queryset


@admin.register(Invitation)
class InvitationAdmin(QueryInitialMixin, admin.ModelAdmin):
    list_display = ("email", "name", "therapist", "status_label", "created_at", "expires_at", "send_count")
    list_filter = (InvitationStatusFilter, "created_at")
    search_fields = ("email", "name", "therapist__email", "therapist__display_name")
    list_select_related = ("therapist",)
    readonly_fields = (
        "token_hash",
        "created_at",
        "last_sent_at",
        "send_count",
        "accepted_at",
        "accepted_by",
        "declined_at",
    )
    autocomplete_fields = ("therapist",)
    date_hierarchy = "created_at"

    @admin.display(description="status")
    def status_label(self, obj: Invitation) -> str:
        return obj.status.label

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Invitations carry a token that only the sending flow can e-mail; create them from the site.
        return False


if admin.site.is_registered(AuditEntry):
    # django-auditlog registers its own admin for the entry model; Mallard's is read-only.
    admin.site.unregister(AuditEntry)


@admin.register(AuditEntry)
class AuditEntryAdmin(QueryInitialMixin, admin.ModelAdmin):
    """The audit trail, for staff to search and filter. Nobody can add, change or delete a row."""

    list_display = (
        "timestamp",
        "action",
        "object_repr",
        "actor_label",
        "client_id",
        "view_name",
        "remote_addr",
    )
    list_filter = (
        "action",
        ("actor", admin.RelatedOnlyFieldListFilter),
        ("client", admin.RelatedOnlyFieldListFilter),
        ("content_type", admin.RelatedOnlyFieldListFilter),
        "timestamp",
    )
    search_fields = ("=object_pk", "=actor__id", "=client__id")
    search_help_text = "Search by the id of a record, an actor or a client."
    list_select_related = ("content_type", "actor")
    date_hierarchy = "timestamp"
    actions = None
    fields = (
        "timestamp",
        "action",
        "content_type",
        "object_pk",
        "object_repr",
        "changes",
        "actor",
        "actor_email",
        "client",
        "view_name",
        "remote_addr",
        "additional_data",
    )
    readonly_fields = fields

    @admin.display(description="actor")
    def actor_label(self, obj: AuditEntry) -> str:
        if obj.actor_id is None:
            return "Mallard (background work)"
        return obj.actor_email or f"User #{obj.actor_id}"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False
