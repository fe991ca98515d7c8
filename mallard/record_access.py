"""The client's page "Who has looked at your records": the audit trail, one visit a row, in words.

A *visit* is what one person did through one page in one minute: the trail's rows (newest
first) with the same person, the same action ("viewed", "changed", ...), the same page and the
same minute of the clock (minutes are the same in every time zone Mallard offers). One request
writes all its rows with one timestamp, so a page view is always one visit; several page views
of the same page in the same minute are one visit too. Visits are grouped and paged by the
database, so a long list of records seen at once never spreads over pages.

Each record is named in words, in the client's time zone: "your thought record of 3 December",
"your assignment “Paced breathing”". A model names its rows with ``name_for_client(words)``
and lists the relations that needs in ``name_for_client_related``; the names for a page are
loaded with one query per kind of record, however many rows it shows. A model without
``name_for_client`` is named by its verbose name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, cast
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Max, Q
from django.db.models.functions import TruncMinute
from django.utils import timezone

from mallard import audit
from mallard.lib.dates import DateWords, local_date
from mallard.models import AuditEntry, User

# Records named in one row; the rest are counted.
NAMED_PER_VISIT = 5
WHOLE_RECORD = "your record as a whole"


class NamedForClient(Protocol):
    """What a model offers to be named on the page (see the module's docstring)."""

    name_for_client_related: tuple[str, ...]

    def name_for_client(self, words: DateWords) -> str: ...


@dataclass(frozen=True)
class VisitRow:
    """One row of the page: who did what, when, through which page, with which records."""

    when: datetime
    who: str
    action: str
    page: str
    records: tuple[str, ...]
    more: int = 0


def visits_for_client(client: User) -> models.QuerySet[AuditEntry, dict[str, Any]]:
    """The client's visits, newest first: one dict per visit, for a paginator."""
    return (
        audit.trail_for_client(client)
        .select_related(None)
        .order_by()
        .annotate(minute=TruncMinute("timestamp", tzinfo=UTC))
        .values("actor_id", "action", "view_name", "minute")
        .annotate(latest=Max("timestamp"), last_pk=Max("pk"))
        .order_by("-minute", "-last_pk")
    )


def visit_rows(visits: list[dict[str, Any]], client: User) -> list[VisitRow]:
    """A page of ``visits_for_client`` in words: one query for their rows (with the people),
    then one for each kind of record they name."""
    if not visits:
        return []
    # Not by person: a filter on actor_id would make the join to the people an inner one and
    # lose the rows of a person whose account has since been deleted. Others' rows are dropped below.
    match = Q()
    for visit in visits:
        match |= Q(
            action=visit["action"],
            view_name=visit["view_name"],
            timestamp__gte=visit["minute"],
            timestamp__lt=visit["minute"] + timedelta(minutes=1),
        )
    entries = list(audit.trail_for_client(client).filter(match).select_related("actor"))
    by_visit: dict[tuple[Any, ...], list[AuditEntry]] = defaultdict(list)
    for entry in entries:
        minute = entry.timestamp.astimezone(UTC).replace(second=0, microsecond=0)
        by_visit[(entry.actor_id, entry.action, entry.view_name, minute)].append(entry)
    zone = ZoneInfo(client.time_zone)
    names = record_names(entries, client, DateWords(zone, local_date(timezone.now(), zone).year))
    rows = []
    for visit in visits:
        group = by_visit[(visit["actor_id"], visit["action"], visit["view_name"], visit["minute"])]
        if not group:  # written between the two queries' snapshots: shown on the next visit
            continue
        # Each record once, in the order they were recorded: the order the page showed them.
        keys = dict.fromkeys(_key(entry) for entry in sorted(group, key=lambda e: e.pk))
        seen = [names[key] for key in keys]
        rows.append(
            VisitRow(
                when=visit["minute"],
                who=audit.actor_label(group[0], client),
                action=group[0].get_action_display(),
                page=audit.page_label(visit["view_name"]),
                records=tuple(seen[:NAMED_PER_VISIT]),
                more=max(0, len(seen) - NAMED_PER_VISIT),
            )
        )
    return rows


def _key(entry: AuditEntry) -> tuple[int, str]:
    return entry.content_type_id, entry.object_pk


def record_names(entries: list[AuditEntry], client: User, words: DateWords) -> dict[tuple[int, str], str]:
    """The name of each entry's record, keyed by (content type id, object pk); one query per
    kind of record that can name itself, looked up only among ``client``'s own records."""
    wanted: dict[int, set[str]] = defaultdict(set)
    for entry in entries:
        wanted[entry.content_type_id].add(entry.object_pk)
    names: dict[tuple[int, str], str] = {}
    for type_id, pks in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        for pk in pks:
            names[(type_id, pk)] = _fallback_name(model)
        if model is User:
            names.update({(type_id, pk): WHOLE_RECORD for pk in pks if pk == str(client.pk)})
            continue
        if model is None or not hasattr(model, "name_for_client"):
            continue
        related: tuple[str, ...] = getattr(model, "name_for_client_related", ())
        rows = model._default_manager.filter(**{audit.client_lookup(model): client.pk})
        if related:
            rows = rows.select_related(*related)
        found = rows.in_bulk([pk for pk in pks if pk.isascii() and pk.isdigit()])
        for pk, row in found.items():
            names[(type_id, str(pk))] = cast(NamedForClient, row).name_for_client(words)
    return names


def _fallback_name(model: type[models.Model] | None) -> str:
    """A record that can no longer be found (or cannot name itself): its kind only."""
    if model is None:
        return "a record that has since been deleted"
    if model is User:
        return "another person's account"
    noun = str(model._meta.verbose_name)
    if hasattr(model, "name_for_client"):
        article = "an" if noun[:1].lower() in "aeiou" else "a"
        return f"{article} {noun} of yours that has since been deleted"
    return f"your {noun}"
