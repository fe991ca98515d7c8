"""Exports of everything Mallard holds about one client (docs/data-rights.md).

Each app contributes one section. It registers a builder here in its
``AppConfig.ready()`` from its own ``<app>/exports.py``, so ``mallard`` never
imports the apps above it (the same one-way rule as ``mallard/hooks.py``).

A builder takes the client and the person viewing the export and returns a
dict of plain values: the JSON export, complete. A section may also register a
*reporter*, which turns that dict into the printable report's parts, in words
(``Part``, ``Item``, ``Fact``): the reporter reads only what the builder chose to
include, so the report can never show more than the JSON, and it costs no query.
A section without a reporter is shown field by field. The viewer decides what is included, exactly as the
app's pages decide: the client's own export has everything that is theirs; a
therapist's export of one client has only what that therapist may see on the
site. Every builder costs a fixed number of queries, whatever the amount of data.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model
from django.utils import timezone

from mallard.lib.dates import clock, long_date, long_moment
from mallard.models import CareRelationship, Invitation, User

SCHEMA_VERSION = 1

Builder = Callable[..., dict[str, Any]]


@dataclass(frozen=True)
class Fact:
    """One line of the report: a label and its value, in words (plain text)."""

    label: str
    text: str


@dataclass(frozen=True)
class Item:
    """One record in the report, with the records that belong under it."""

    title: str
    facts: tuple[Fact, ...] = ()
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Part:
    """A heading of a section of the report and its records (``empty`` when there are none)."""

    heading: str
    items: tuple[Item, ...]
    empty: str = "None."


@dataclass(frozen=True)
class Words:
    """Dates and times in words, in the client's time zone, for reporters."""

    zone: tzinfo

    def day(self, value: date) -> str:
        return long_date(value)

    def moment(self, value: datetime) -> str:
        return long_moment(value, self.zone)

    def time(self, value: time) -> str:
        return clock(value)


# (data, *, words, own) -> the section's parts; ``own`` is True in the client's own export.
Reporter = Callable[..., list[Part]]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    build: Builder
    report: Reporter | None = None


# The registered sections, in registration order (INSTALLED_APPS order).
sections: dict[str, Section] = {}


def register(key: str, title: str, build: Builder, report: Reporter | None = None) -> None:
    """Add (or replace, so a repeated ``ready()`` is harmless) the section ``key``."""
    sections[key] = Section(key=key, title=title, build=build, report=report)


def facts(*pairs: tuple[str, Any]) -> tuple[Fact, ...]:
    """The pairs whose value says something, as facts: None and empty text are left out,
    booleans read "Yes" or "No" (pass None to leave a "No" out)."""
    kept = []
    for label, value in pairs:
        if value is None or value == "":
            continue
        if isinstance(value, bool):
            value = "Yes" if value else "No"
        kept.append(Fact(label, str(value)))
    return tuple(kept)


def build_report(export: dict[str, Any], client: User) -> list[tuple[str, str, list[Part] | None, Any]]:
    """Each section as (key, title, parts, data): ``parts`` from its reporter, or None, in which
    case the report shows ``data`` field by field."""
    words = Words(client.zone)
    own = export["audience"] == "client"
    report = []
    for key, data in export["sections"].items():
        section = sections.get(key)
        title = section.title if section else key
        parts = section.report(data, words=words, own=own) if section and section.report else None
        report.append((key, title, parts, data))
    return report


def audience(client: User, viewer: User) -> str:
    """Who the export is for: the client themself, or their therapist."""
    return "client" if viewer.pk == client.pk else "therapist"


def for_client(client: User, viewer: User) -> bool:
    return viewer.pk == client.pk


def record(obj: Model, *, exclude: Iterable[str] = (), extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every concrete field of ``obj`` by name, foreign keys as ``<name>_id``.

    Multi-table inheritance pointers and the fields in ``exclude`` are left out.
    """
    skip = set(exclude)
    row: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in skip or field.name.endswith("_ptr"):
            continue
        key = field.attname if field.is_relation else field.name
        row[key] = getattr(obj, field.attname)
    if extra:
        row.update(extra)
    return row


def build_export(client: User, *, viewer: User) -> dict[str, Any]:
    """The whole export as plain Python values (dates and times stay typed for the HTML report)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": timezone.now(),
        "audience": audience(client, viewer),
        "subject": {
            "id": client.pk,
            "display_name": client.display_name,
            "email": client.email,
            "time_zone": client.time_zone,
            "closed_at": client.closed_at,
        },
        "sections": {key: section.build(client, viewer=viewer) for key, section in sections.items()},
    }


class ExportEncoder(DjangoJSONEncoder):
    """ISO 8601 for dates and times; aware datetimes keep their UTC offset."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime):
            return o.isoformat()
        if isinstance(o, date | time):
            return o.isoformat()
        return super().default(o)


def to_json(export: dict[str, Any]) -> str:
    return json.dumps(export, cls=ExportEncoder, indent=2, ensure_ascii=False)


def section_titles() -> dict[str, str]:
    return {key: section.title for key, section in sections.items()}


# --- mallard's own section: the person, their care and their invitations -----------------------


def people_section(client: User, *, viewer: User) -> dict[str, Any]:
    """Three queries: the profile is in hand, then care relationships and invitations."""
    own = for_client(client, viewer)
    profile: dict[str, Any] = {
        "display_name": client.display_name,
        "email": client.email,
        "time_zone": client.time_zone,
        "date_joined": client.date_joined,
        "closed_at": client.closed_at,
    }
    if own:
        profile["last_login"] = client.last_login
    care = CareRelationship.objects.filter(client=client).select_related("therapist").order_by("started_at")
    invitations = (
        Invitation.objects.filter(accepted_by=client).select_related("therapist").order_by("created_at")
    )
    if not own:
        care = care.filter(therapist=viewer)
        invitations = invitations.filter(therapist=viewer)
    return {
        "profile": profile,
        "care_relationships": [
            {
                "id": row.pk,
                "therapist_id": row.therapist_id,
                "therapist_name": row.therapist.display_name,
                "started_at": row.started_at,
                "ended_at": row.ended_at,
            }
            for row in care
        ],
        "invitations_accepted": [
            {
                "id": row.pk,
                "therapist_id": row.therapist_id,
                "therapist_name": row.therapist.display_name,
                "name": row.name,
                "email": row.email,
                "created_at": row.created_at,
                "accepted_at": row.accepted_at,
            }
            for row in invitations
        ],
    }


def people_report(data: dict[str, Any], *, words: Words, own: bool) -> list[Part]:
    profile = data["profile"]
    you = "You" if own else "The client"
    about = Item(
        title=profile["display_name"],
        facts=facts(
            ("E-mail address", profile["email"]),
            ("Time zone", profile["time_zone"].replace("_", " ")),
            ("Joined Mallard", words.moment(profile["date_joined"])),
            ("Last signed in", profile.get("last_login") and words.moment(profile["last_login"])),
            ("Account closed", profile["closed_at"] and words.moment(profile["closed_at"])),
        ),
    )
    care = tuple(
        Item(
            title=f"With {row['therapist_name']}",
            facts=facts(
                ("From", words.moment(row["started_at"])),
                ("Until", words.moment(row["ended_at"]) if row["ended_at"] else "Now"),
            ),
        )
        for row in data["care_relationships"]
    )
    invitations = tuple(
        Item(
            title=f"From {row['therapist_name']}",
            facts=facts(
                ("Invited as", f"{row['name']} ({row['email']})"),
                ("Sent", words.moment(row["created_at"])),
                ("Accepted", row["accepted_at"] and words.moment(row["accepted_at"])),
            ),
        )
        for row in data["invitations_accepted"]
    )
    return [
        Part("Profile", (about,)),
        Part("Care", care, empty=f"{you} had no therapist on Mallard."),
        Part("Invitation", invitations, empty="No invitation."),
    ]
