"""The audit trail of clinical data: who read, changed or exported which record, when, from where.

Changes are recorded by django-auditlog for every model registered here with ``track``
(each app does so in its ``AppConfig.ready()``). Reads are recorded by the views that show
clinical data to someone other than the client, through ``record_access``; exports through
``record_export``. Rows name the kind of record and its id and never its content
(docs/security.md, audit trail).
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, cast

from auditlog.context import set_extra_data
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import connection, models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from mallard.models import AuditEntry, Role, User

HIDDEN = "(hidden)"
ACCESS = AuditEntry.Action.ACCESS

# For each tracked model, the attribute path from an instance to its client's id.
_client_paths: dict[type[models.Model], tuple[str, ...]] = {}


def track(model: type[models.Model], *, client: str = "client_id") -> None:
    """Record every create, change and delete of ``model`` in the audit trail.

    ``client`` is the dotted attribute path from an instance to the id of the client whose
    record it is, for example ``"record.client_id"`` for a thought record's mood.
    """
    _client_paths[model] = tuple(client.split("."))
    auditlog.register(model)


def describe(instance: models.Model) -> str:
    """A content-free label: the kind of record and its id, e.g. "Thought record #12"."""
    if isinstance(instance, User):
        return f"Client record #{instance.pk}"
    return f"{str(instance._meta.verbose_name).capitalize()} #{instance.pk}"


def hide_values(changes: Mapping[str, Any]) -> dict[str, list[str]]:
    """Keep which fields changed, drop what they changed from and to."""
    return {field: [HIDDEN, HIDDEN] for field in sorted(changes)}


def client_id_of(instance: models.Model) -> int | None:
    """The id of the client whose record ``instance`` is part of, or None if it cannot be told."""
    if isinstance(instance, User):
        return instance.pk
    path = _client_paths.get(type(instance), ("client_id",))
    value: Any = instance
    try:
        for name in path:
            value = getattr(value, name)
    except (AttributeError, ObjectDoesNotExist):
        return None
    return value if isinstance(value, int) else None


def client_lookup(model: type[models.Model]) -> str:
    """The ORM lookup from ``model`` to its client's id, e.g. ``"record__client_id"`` for a mood."""
    return "__".join(_client_paths.get(model, ("client_id",)))


def client_ip(request: HttpRequest) -> str | None:
    """The address the request came from: the one address Mallard's audit trail, sign-in lockout
    and rate limits (allauth's too, through ``mallard.adapter``) all use.

    With ``MALLARD_PROXY_HOPS`` = 0 that is the socket's address (REMOTE_ADDR), and X-Forwarded-For
    is anyone's to write, so it is ignored. With N proxies in front, each adds one entry on the
    right of X-Forwarded-For; the Nth entry from the right is the one the outermost proxy wrote
    about the visitor, and everything to its left is what the visitor sent. A header with fewer
    entries came past fewer proxies than configured: its rightmost entry is then still one a
    trusted proxy wrote, and with no header at all only the socket's address is known.
    """
    address = request.META.get("REMOTE_ADDR", "")
    hops: int = settings.MALLARD_PROXY_HOPS
    if hops:
        entries = [entry.strip() for entry in request.headers.get("X-Forwarded-For", "").split(",")]
        entries = [entry for entry in entries if entry]
        if entries:
            address = entries[-hops] if len(entries) >= hops else entries[-1]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def view_name_of(request: HttpRequest) -> str:
    match = request.resolver_match
    return match.view_name[:200] if match and match.view_name else "task"


def _actor(request: HttpRequest) -> User | None:
    user = getattr(request, "user", None)
    return user if isinstance(user, User) and user.is_authenticated else None


def audit_context_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    """Stamp every change recorded during a request with the actor, address and page."""

    def middleware(request: HttpRequest) -> HttpResponse:
        # Callables: read when a row is written, so a request that changes nothing
        # does not load its user just for the trail.
        context = {
            "actor_id": lambda: getattr(_actor(request), "pk", None),
            "actor_email": lambda: getattr(_actor(request), "email", None),
            "remote_addr": lambda: client_ip(request),
            "view_name": lambda: view_name_of(request),
        }
        with set_extra_data(context_data=context):
            return get_response(request)

    return middleware


@contextmanager
def background_context(name: str) -> Iterator[None]:
    """Stamp changes made outside a request (a task or command) with ``name`` as their page."""
    with set_extra_data(context_data={"view_name": name}):
        yield


# The columns ``_append`` writes; the rest of auditlog's (changes, serialized data, the
# correlation id, the port) stay empty on reads and exports.
_APPEND_COLUMNS = (
    "content_type_id",
    "object_pk",
    "object_id",
    "object_repr",
    "action",
    "actor_id",
    "actor_email",
    "client_id",
    "remote_addr",
    "view_name",
    "additional_data",
    "changes_text",
    "timestamp",
)
# Rows per INSERT on SQLite: 13 values a row stays far below its limit on parameters (32,766).
_APPEND_CHUNK = 1000


def _append(
    request: HttpRequest,
    records: Iterable[tuple[models.Model, int | None]],
    *,
    action: int,
    extra: dict[str, str] | None = None,
    view_name: str | None = None,
) -> int:
    """Append one row per (object, client id) pair, all stamped with this request's actor,
    address and page, in one INSERT (on SQLite, one per thousand rows). Returns how many.

    A caseload writes a row for every client it lists on every view, so this skips model
    instances: it prepares the values shared by every row once, through the fields
    themselves, and sends one statement. The rows are what ``AuditEntry.objects.create``
    would write; ``tests/test_audit_reads.py`` compares the two.
    """
    records = list(records)
    if not records:
        return 0
    types = ContentType.objects.get_for_models(*{type(obj) for obj, _ in records}, for_concrete_models=False)
    actor = _actor(request)

    def prepared(name: str, value: Any) -> Any:
        return AuditEntry._meta.get_field(name).get_db_prep_save(value, connection)

    shared = (
        action,
        actor.pk if actor else None,
        actor.email if actor else None,
    )
    tail = (
        prepared("remote_addr", client_ip(request)),
        view_name or view_name_of(request),
        prepared("additional_data", extra),
        "",
        prepared("timestamp", timezone.now()),
    )
    # What differs from row to row; the rest (``shared`` and ``tail``) is the same in every row.
    own = [
        (
            types[type(obj)].pk,
            str(obj.pk),
            obj.pk if isinstance(obj.pk, int) else None,
            describe(obj),
            client_id,
        )
        for obj, client_id in records
    ]
    quote = connection.ops.quote_name
    table = quote(AuditEntry._meta.db_table)
    columns = ", ".join(quote(column) for column in _APPEND_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One array per varying column: binding and planning 60 rows of 13 values each
            # cost more than writing them.
            cursor.execute(
                _unnest_statement(table, columns), [*shared, *tail, *map(list, zip(*own, strict=True))]
            )
            return len(own)
        marks = "(" + ", ".join(["%s"] * len(_APPEND_COLUMNS)) + ")"
        for first in range(0, len(own), _APPEND_CHUNK):
            chunk = own[first : first + _APPEND_CHUNK]
            rows = ", ".join([marks] * len(chunk))
            statement = f"INSERT INTO {table} ({columns}) VALUES {rows}"  # noqa: S608  # nosec B608  # quoted identifiers from model metadata; values are bound
            cursor.execute(
                statement,
                [
                    value
                    for type_id, pk, number, label, client in chunk
                    for value in (type_id, pk, number, label, *shared, client, *tail)
                ],
            )
    return len(own)


def _unnest_statement(table: str, columns: str) -> str:
    """``_append``'s INSERT on PostgreSQL: the shared values once, then an array of each
    varying column, in ``_APPEND_COLUMNS``' order."""
    shared = "%s, %s, %s"  # action, actor_id, actor_email
    tail = (
        "%s::inet, %s, %s::jsonb, %s, %s"  # remote_addr, view_name, additional_data, changes_text, timestamp
    )
    arrays = "unnest(%s::integer[], %s::text[], %s::bigint[], %s::text[], %s::bigint[])"
    return (
        f"INSERT INTO {table} ({columns}) SELECT r.content_type_id, r.object_pk, r.object_id, r.object_repr, "  # noqa: S608  # nosec B608  # quoted identifiers from model metadata; values are bound
        f"{shared}, r.client_id, {tail} "
        f"FROM {arrays} AS r(content_type_id, object_pk, object_id, object_repr, client_id)"
    )


def record_change(instance: models.Model, fields: Iterable[str]) -> None:
    """Record a change written without ``save()`` (a compare-and-swap ``update()``), which
    django-auditlog cannot see. In a request, the row gets its actor, address and page as usual."""
    AuditEntry.objects.log_create(instance, action=AuditEntry.Action.UPDATE, changes=dict.fromkeys(fields))


def record_access(request: HttpRequest, objects: Iterable[models.Model], *, client: User) -> None:
    """Record that ``request.user`` was shown ``objects``, all part of ``client``'s record.

    A page that lists many records passes ``[client]`` instead: one row for the client's
    record as a whole. A client reading their own data is not recorded; nor is an anonymous
    request (there is no one to record). Writes every row with one INSERT.
    """
    actor = _actor(request)
    if actor is None or actor.pk == client.pk:
        return
    _append(request, ((obj, client.pk) for obj in objects), action=ACCESS)


def record_client_list_access(request: HttpRequest, clients: Iterable[User]) -> None:
    """Record that ``request.user`` was shown a summary of each of ``clients``' records,
    one row per client, all in one INSERT (a caseload page)."""
    actor = _actor(request)
    if actor is None:
        return
    _append(request, ((client, client.pk) for client in clients if client.pk != actor.pk), action=ACCESS)


def record_export(request: HttpRequest, *, client: User, export_format: str) -> None:
    """Record that ``client``'s record was exported, in ``export_format``, by ``request.user``.

    Unlike reads, a client's export of their own data is recorded too: a copy left Mallard.
    """
    page = view_name_of(request)
    extra = {"format": export_format[:20]}
    _append(
        request,
        [(client, client.pk)],
        action=AuditEntry.Action.EXPORT,
        extra=extra,
        view_name="export" if page == "task" else page,
    )


class AuditedAdminMixin:
    """For the admin of a clinical model: record each record a staff member is shown.

    The change page records the object and the rows of its inlines; the list page records
    every row on the page. Each list page is one INSERT, whatever its length.
    """

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: models.Model | None = None,
    ) -> HttpResponse:
        if change and obj is not None:
            client_id = client_id_of(obj)
            shown = [obj]
            for inline in context.get("inline_admin_formsets", ()):
                shown.extend(form.instance for form in inline.formset.forms if form.instance.pk is not None)
            _record_shown(request, [(item, client_id) for item in shown])
        return super().render_change_form(  # type: ignore[misc]
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)  # type: ignore[misc]
        changelist = getattr(response, "context_data", None) or {}
        if "cl" in changelist:
            _record_shown(request, [(obj, client_id_of(obj)) for obj in changelist["cl"].result_list])
        return response

    # Django's own admin log ("History") keeps str(obj) and the names of added inline objects,
    # which for a goal or an automatic thought are the client's own words. Log labels instead.
    def log_addition(self, request: HttpRequest, obj: models.Model, message: Any) -> Any:
        return _admin_log(request, [obj], ADDITION, message)

    def log_change(self, request: HttpRequest, obj: models.Model, message: Any) -> Any:
        return _admin_log(request, [obj], CHANGE, message)

    def log_deletions(self, request: HttpRequest, queryset: Iterable[models.Model]) -> Any:
        return _admin_log(request, list(queryset), DELETION, "")


def _admin_log(request: HttpRequest, objects: list[models.Model], flag: int, message: Any) -> list[LogEntry]:
    """Django admin log rows that name each record by its label, never by its content."""
    if isinstance(message, list):
        # [{"added": {"name": "mood", "object": "<the client's words>"}}, {"changed": {"fields": [...]}}]
        message = json.dumps(
            [
                {
                    action: {key: HIDDEN if key == "object" else value for key, value in detail.items()}
                    for action, detail in item.items()
                }
                for item in message
            ]
        )
    return LogEntry.objects.bulk_create(
        LogEntry(
            user_id=cast(int, request.user.pk),
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
            object_repr=describe(obj)[:200],
            action_flag=flag,
            change_message=message,
        )
        for obj in objects
    )


def _record_shown(request: HttpRequest, records: list[tuple[models.Model, int | None]]) -> None:
    actor = _actor(request)
    records = [(obj, client_id) for obj, client_id in records if actor is None or client_id != actor.pk]
    if records:
        _append(request, records, action=ACCESS)


# --- The client's own view of the trail ("Who has looked at my records") ------------------------

PAGE_LABELS = {
    "homework-client": "Your homework and goals, on your therapist's page about you",
    "homework-client-entry": "One of your worksheet entries",
    "homework-entry-feedback": "Feedback on one of your worksheet entries",
    "homework-entry-feedback-undo": "Putting back feedback on one of your worksheet entries",
    "homework-assignment-edit": "Changing a piece of your homework",
    "homework-assignment-status": "Pausing, resuming or finishing a piece of your homework",
    "homework-goal-create": "Adding a goal",
    "homework-assign": "Assigning homework",
    "homework-assignment-unarchive": "Undoing the archiving of a piece of your homework",
    "homework-assignment-uncomplete": "Undoing the marking of a piece of your homework as completed",
    "homework-assignment-adjust": "Making a piece of your homework smaller or less often",
    "measures-client": "Your questionnaires, on your therapist's page about you",
    "measures-plan-edit": "Changing when you're asked to answer a questionnaire",
    "measures-stop": "Stopping a questionnaire you were asked to answer",
    "measures-ask-now": "Asking you to answer a questionnaire once more now",
    "measures-response": "Your answers to a questionnaire, question by question",
    "reminders-client-status": "Whether your reminders are on and reaching you",
    "sessions-caseload": "Your therapist's list of clients",
    "sessions-client-overview": "Your therapist's overview of your progress",
    "sessions-summary": "The summary your therapist reads before a session",
    "sessions-client-sessions": "The list of your sessions",
    "sessions-session": "One of your sessions, with its notes",
    "sessions-session-status": "Marking a session held, missed or cancelled",
    "sessions-session-uncancel": "Undoing the cancelling of one of your sessions",
    "sessions-action-confirm": "An action item from a session",
    "sessions-action-dismiss": "Dismissing an action item from a session",
    "sessions-action-restore": "Bringing back a dismissed action item from a session",
    "sessions-action-assign": "Turning an action item from a session into homework",
    "sessions-action-update": "Changing a piece of your homework as an action item from a session said",
    "sessions-action-undo-update": "Undoing a change to your homework made from a session's action item",
    "sessions-agreement-decide": "Deciding in a session what happens to a piece of your homework",
    "sessions-agreement-undo": "Undoing a session's decision about a piece of your homework",
    "sessions-item9-reviewed": "Your therapist marking one of your questionnaire answers as read",
    "sessions-item9-unreviewed": "Your therapist marking one of your questionnaire answers as not yet read",
    "sessions-scores-visibility": "Choosing whether you see your questionnaire scores",
    "sessions-past-notes": "One of your past sessions, read by the therapist who led it",
    "sessions-notes-share": "Sharing a past session's notes with your current therapist",
    "sessions-notes-unshare": "Taking back a share of a past session's notes",
    "mallard-client-export": "The page your therapist downloads your record from",
    "mallard-client-export-json": "A download of your record (JSON file)",
    "mallard-client-report": "A printable report of your record",
    "mallard-data-json": "Your own download of your data (JSON file)",
    "mallard-data-report": "Your own printable report of your data",
    "export": "An export of your record",
    "task": "Mallard's automatic processing",
}


def page_label(view_name: str) -> str:
    """A friendly name for the page a row was recorded through."""
    if view_name.startswith("admin:"):
        return "Mallard's administration site"
    return PAGE_LABELS.get(view_name, "A page of Mallard")


def actor_label(entry: AuditEntry, client: User) -> str:
    """Who: "You", "Alice Adams (therapist)", "Mallard staff: Sam Smith", or Mallard itself."""
    if entry.actor_id is None:
        return "Mallard (automatic)"
    if entry.actor_id == client.pk:
        return "You"
    actor = entry.actor
    if actor is None:
        return "A person whose account has since been deleted"
    if actor.role == Role.STAFF or actor.is_staff:
        return f"Mallard staff: {actor.display_name}"
    return f"{actor.display_name} ({actor.get_role_display().lower()})"


def trail_for_client(client: User) -> models.QuerySet[AuditEntry]:
    """What others did with ``client``'s records, and the client's own exports, newest first.

    The client's own reading and writing of their data is left out: they are its subject.
    """
    others = ~models.Q(actor_id=client.pk) | models.Q(action=AuditEntry.Action.EXPORT)
    return (
        AuditEntry.objects.filter(client_id=client.pk)
        .filter(others)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
