"""Large generated data sets for measuring Mallard (run by ``seed_scale``).

``seed_scale`` makes therapists and clients here, then hands each batch of
clients to every app that has a ``scale.py`` with
``generate(run: ScaleRun, clients: list[ScaleClient]) -> None`` (and
``flush() -> None`` to remove what it made), in INSTALLED_APPS order, so later
apps build on earlier ones without ``mallard`` importing them.

Rows are written with PostgreSQL ``COPY`` (batched multi-row ``INSERT`` on
other databases). Primary keys are reserved in blocks from each table's
sequence first, so child rows can point at their parents without reading
anything back. Every generated person has an address at ``scale.mallard.test``;
``--flush`` removes exactly those people and everything that belongs to them.
"""

from __future__ import annotations

import csv
import io
import itertools
import random
import time as time_module
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import generate_totp_secret
from allauth.mfa.utils import encrypt
from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.db.models.fields import AutoFieldMixin
from django.utils import timezone

from mallard.models import CareRelationship, Role, User

SCALE_DOMAIN = "scale.mallard.test"
# Generated accounts only (documented in docs/development.md); never used for real people.
DEFAULT_PASSWORD = "mallard-scale"  # noqa: S105  # nosec B105  # generated accounts only, not a secret
ID_BLOCK = 50_000  # ids reserved from a sequence at a time
FLUSH_ROWS = 20_000  # rows buffered per table before they are written

ZONES = (
    "Europe/London",
    "Europe/Dublin",
    "Europe/Madrid",
    "Europe/Berlin",
    "Europe/Helsinki",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Africa/Johannesburg",
    "UTC",
)
FIRST_NAMES = (
    "Alex", "Amara", "Ben", "Chen", "Dana", "Elif", "Farah", "Gabriel", "Hana", "Ines", "Jamal", "Kai",
    "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tara", "Uma", "Victor", "Wen",
    "Yara", "Zoe", "Noah", "Maya", "Leo", "Aisha",
)  # fmt: skip
LAST_NAMES = (
    "Adeyemi", "Brennan", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Haddad", "Ito", "Jensen",
    "Kowalski", "Lindqvist", "Mensah", "Nakamura", "O'Neill", "Petrov", "Quintero", "Rossi", "Singh",
    "Tanaka", "Umar", "Varga", "Walsh", "Xu", "Yilmaz", "Zimmermann",
)  # fmt: skip


def therapist_email(number: int) -> str:
    return f"therapist{number}@{SCALE_DOMAIN}"


def client_email(number: int) -> str:
    return f"client{number}@{SCALE_DOMAIN}"


def scale_users() -> models.QuerySet[User]:
    return User.objects.filter(email__endswith=f"@{SCALE_DOMAIN}")


# --- Writing rows fast -------------------------------------------------------------------------------


class BulkWriter:
    """Buffers rows per table and writes them in large batches; hands out reserved primary keys."""

    def __init__(self) -> None:
        self.is_postgres = connection.vendor == "postgresql"
        self.counts: Counter[str] = Counter()
        self._buffers: dict[type[models.Model], tuple[tuple[str, ...], list[Sequence[Any]]]] = {}
        self._next: dict[type[models.Model], Iterator[int]] = {}
        self._tables: dict[type[models.Model], tuple[tuple[str, ...], tuple[str, ...], tuple[Any, ...]]] = {}

    # Primary keys ---------------------------------------------------------------------------------

    def new_id(self, model: type[models.Model]) -> int:
        """A primary key nobody else will be given, for a row this run writes later."""
        ids = self._next.get(model)
        if ids is None:
            ids = self._next[model] = self._id_blocks(model)
        return next(ids)

    def _id_blocks(self, model: type[models.Model]) -> Iterator[int]:
        table = model._meta.db_table
        if not self.is_postgres:
            # One writer at a time on SQLite: continue after the highest id.
            top = model._default_manager.aggregate(top=models.Max("pk"))["top"] or 0
            yield from itertools.count(top + 1)
            return
        while True:
            with connection.cursor() as cursor:
                # The table lock keeps other inserts from drawing from the sequence in between.
                cursor.execute(f'LOCK TABLE "{table}" IN SHARE ROW EXCLUSIVE MODE')
                cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, model._meta.pk.column])
                sequence = cursor.fetchone()[0]
                cursor.execute("SELECT nextval(%s)", [sequence])
                first = cursor.fetchone()[0]
                cursor.execute("SELECT setval(%s, %s)", [sequence, first + ID_BLOCK - 1])
            yield from range(first, first + ID_BLOCK)

    # Rows -------------------------------------------------------------------------------------------

    def insert(self, model: type[models.Model], **values: Any) -> None:
        """Queue one row given by attribute name; unnamed columns get the field's default.

        Handy for wide tables with few rows per client; hot tables use ``add`` with tuples.
        """
        table = self._tables.get(model)
        if table is None:
            pk = model._meta.pk
            fields = [
                f
                for f in model._meta.local_concrete_fields
                if not (f is pk and isinstance(f, AutoFieldMixin) and f.attname not in values)
            ]
            table = self._tables[model] = (
                tuple(str(f.column) for f in fields),
                tuple(f.attname for f in fields),
                tuple(f.get_default() for f in fields),
            )
        columns, names, defaults = table
        unknown = values.keys() - set(names)
        if unknown:
            raise ValueError(f"{model.__name__} has no field {', '.join(sorted(unknown))}")
        self.add(model, columns, [values.get(n, d) for n, d in zip(names, defaults, strict=True)])

    def add(self, model: type[models.Model], columns: tuple[str, ...], row: Sequence[Any]) -> None:
        """Queue one row; ``columns`` are the model's column names, the same for every row of a model."""
        buffer = self._buffers.get(model)
        if buffer is None:
            buffer = self._buffers[model] = (columns, [])
        buffer[1].append(row)
        if len(buffer[1]) >= FLUSH_ROWS:
            self._write(model)

    def flush(self) -> None:
        for model in list(self._buffers):
            self._write(model)

    def _write(self, model: type[models.Model]) -> None:
        columns, rows = self._buffers.pop(model)
        if not rows:
            return
        table = model._meta.db_table
        if self.is_postgres:
            # CSV that PostgreSQL reads back exactly: every value quoted except NULL (written empty).
            buffer = io.StringIO()
            csv.writer(buffer, quoting=csv.QUOTE_NOTNULL, lineterminator="\n").writerows(rows)
            buffer.seek(0)
            names = ", ".join(f'"{c}"' for c in columns)
            with connection.cursor() as cursor:
                cursor.cursor.copy_expert(f'COPY "{table}" ({names}) FROM STDIN WITH (FORMAT csv)', buffer)
        else:
            fields = {f.column: f for f in model._meta.local_concrete_fields}
            prep = [fields[c] for c in columns]
            values = [
                [f.get_db_prep_save(v, connection) for f, v in zip(prep, row, strict=True)] for row in rows
            ]
            names = ", ".join(connection.ops.quote_name(c) for c in columns)
            marks = ", ".join(["%s"] * len(columns))
            # Identifiers come from model metadata and are quoted; values stay bound parameters.
            statement = f"INSERT INTO {connection.ops.quote_name(table)} ({names}) VALUES ({marks})"  # noqa: S608  # nosec B608  # quoted identifiers from model metadata; values are bound
            with connection.cursor() as cursor:
                cursor.executemany(statement, values)
        self.counts[table] += len(rows)


@contextmanager
def bulk_load(tables: list[str]) -> Iterator[None]:
    """Check the foreign keys and build the plain indexes of ``tables`` once, at the end (PostgreSQL).

    Checking a foreign key per row and growing every index a row at a time are
    most of the cost of loading millions of rows. Inside the run's transaction,
    the tables' foreign keys and non-unique indexes are dropped; at the end the
    indexes are built again in one pass each and the foreign keys added back,
    which checks every row in one query. Unique indexes and check constraints
    stay in force throughout. No other transaction ever sees the tables without
    their constraints or indexes, and if a row breaks a rule the whole run rolls back.
    """
    if connection.vendor != "postgresql":
        yield
        return
    connection.check_constraints()  # settle deferred checks of earlier writes (ALTER TABLE needs that)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid = ANY(%s::regclass[]) ORDER BY 1, 2",
            [tables],
        )
        keys = cursor.fetchall()
        cursor.execute(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
            "WHERE indrelid = ANY(%s::regclass[]) AND NOT indisunique AND NOT indisprimary ORDER BY 1",
            [tables],
        )
        indexes = cursor.fetchall()
        for table, name, _definition in keys:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    yield
    connection.check_constraints()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")  # this transaction's index builds only
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in keys:
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')


def analyze(tables: list[str]) -> None:
    """Refresh the planner's statistics for the tables just written (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'ANALYZE "{table}"')


# --- The run and its people ------------------------------------------------------------------------


@dataclass(frozen=True)
class ScaleOptions:
    therapists: int
    clients_per_therapist: int
    days: int
    seed: int = 1
    password: str = DEFAULT_PASSWORD


@dataclass
class ScaleClient:
    """One generated client, with what every app needs to give them a history."""

    id: int
    number: int
    therapist_id: int
    zone: ZoneInfo
    today: date  # the client's local date now
    care_started_at: datetime
    adherence: float  # how likely a planned practice is logged, before weekends and lapses

    @property
    def first_day(self) -> date:
        return self.care_started_at.astimezone(self.zone).date()

    def at(self, day: date, moment: time) -> datetime:
        """An aware datetime for a local day and time (folded forward over a DST gap by zoneinfo)."""
        return datetime.combine(day, moment, tzinfo=self.zone)


@dataclass
class ScaleRun:
    options: ScaleOptions
    writer: BulkWriter
    now: datetime
    therapist_ids: list[int] = field(default_factory=list)
    clients: list[ScaleClient] = field(default_factory=list)
    totp_secret: str = ""
    # What one app leaves for a later app about the current batch of clients.
    shared: dict[str, Any] = field(default_factory=dict)

    def rng(self, app: str, number: int) -> random.Random:
        """A random source for one app and one person, the same on every run with the same --seed."""
        return random.Random(f"{self.options.seed}:{app}:{number}")  # noqa: S311  # nosec B311  # made-up data, not security


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def generate_people(run: ScaleRun) -> None:
    """Therapists and clients with verified addresses, one current care relationship per client."""
    options, writer = run.options, run.writer
    password = make_password(options.password)  # one hash for everyone: hashing is the slow part
    user_columns = (
        "id", "password", "last_login", "is_superuser", "email", "display_name", "time_zone", "role",
        "is_active", "is_staff", "date_joined", "closed_at",
    )  # fmt: skip
    email_columns = ("user_id", "email", "verified", "primary")
    care_columns = ("id", "therapist_id", "client_id", "started_at", "ended_at")
    client_number = 0
    for t in range(1, options.therapists + 1):
        rng = run.rng("mallard.therapist", t)
        therapist_id = writer.new_id(User)
        joined = run.now - timedelta(days=options.days + rng.randint(30, 400))
        email = therapist_email(t)
        writer.add(
            User,
            user_columns,
            (therapist_id, password, None, False, email, f"Dr {_name(rng)}", rng.choice(ZONES),
             Role.THERAPIST.value, True, False, joined, None),
        )  # fmt: skip
        writer.add(EmailAddress, email_columns, (therapist_id, email, True, True))
        run.therapist_ids.append(therapist_id)
        for _ in range(options.clients_per_therapist):
            client_number += 1
            rng = run.rng("mallard.client", client_number)
            zone = ZoneInfo(rng.choice(ZONES))
            # Most clients have been in care the whole period; some joined recently.
            if rng.random() < 0.15:
                days_in_care = rng.randint(2, min(21, options.days))
            else:
                days_in_care = rng.randint(max(1, options.days * 2 // 3), options.days)
            started = run.now - timedelta(days=days_in_care, minutes=rng.randint(0, 600))
            client_id = writer.new_id(User)
            email = client_email(client_number)
            writer.add(
                User,
                user_columns,
                (client_id, password, None, False, email, _name(rng), zone.key, Role.CLIENT.value, True,
                 False, started - timedelta(days=1), None),
            )  # fmt: skip
            writer.add(EmailAddress, email_columns, (client_id, email, True, True))
            writer.add(
                CareRelationship,
                care_columns,
                (writer.new_id(CareRelationship), therapist_id, client_id, started, None),
            )
            run.clients.append(
                ScaleClient(
                    id=client_id,
                    number=client_number,
                    therapist_id=therapist_id,
                    zone=zone,
                    today=run.now.astimezone(zone).date(),
                    care_started_at=started,
                    adherence=min(0.95, max(0.1, rng.betavariate(4, 2.2))),
                )
            )
    _enrol_therapists(run)


def _enrol_therapists(run: ScaleRun) -> None:
    """Therapists must use two-factor sign-in: each gets an authenticator app with one shared secret.

    The secret is printed with the password, so a benchmark can sign in as any generated therapist.
    """
    run.totp_secret = generate_totp_secret()
    data = {"secret": encrypt(run.totp_secret)}
    run.writer.flush()
    Authenticator.objects.bulk_create(
        Authenticator(user_id=therapist_id, type=Authenticator.Type.TOTP, data=data, created_at=run.now)
        for therapist_id in run.therapist_ids
    )
    run.writer.counts[Authenticator._meta.db_table] += len(run.therapist_ids)


PEOPLE_TABLES = [User._meta.db_table, EmailAddress._meta.db_table, CareRelationship._meta.db_table]


def flush_people() -> int:
    """Remove the generated people (their app data must already be gone). Returns how many."""
    users = scale_users()
    CareRelationship.objects.filter(client__in=users).delete()
    CareRelationship.objects.filter(therapist__in=users).delete()
    count, _ = users.delete()
    return count


# --- The whole run -----------------------------------------------------------------------------------

CHUNK_CLIENTS = 500  # clients generated and committed together


@dataclass
class ScaleResult:
    counts: dict[str, int]
    seconds: float
    therapist_email: str
    client_email: str
    totp_secret: str
    flushed: int = 0


class ScaleDataExists(Exception):
    """Generated people are already in the database and ``flush`` was not asked for."""


def app_modules() -> list[ModuleType]:
    """Each installed app's ``scale`` module, in INSTALLED_APPS order (``mallard`` itself excluded)."""
    modules = []
    for config in apps.get_app_configs():
        name = f"{config.name}.scale"
        if config.name != "mallard" and find_spec(name) is not None:
            modules.append(import_module(name))
    return modules


@dataclass(frozen=True)
class RowIds:
    """An SQL subquery selecting row ids, with its parameters bound separately."""

    sql: str
    params: tuple[Any, ...] = ()


def _quoted(model: type[models.Model], column: str) -> tuple[str, str]:
    quote = connection.ops.quote_name
    field = model._meta.get_field(column)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model.__name__}.{column} is a reverse relation, not a column")
    return quote(model._meta.db_table), quote(str(field.column))


def scale_user_ids() -> RowIds:
    """The ids of every generated person."""
    table, email = _quoted(User, "email")
    return RowIds(f"SELECT id FROM {table} WHERE {email} LIKE %s", (f"%@{SCALE_DOMAIN}",))  # noqa: S608  # nosec B608  # quoted identifiers from model metadata; values are bound


def ids_where(model: type[models.Model], field_name: str, ids: RowIds) -> RowIds:
    """The ids of ``model``'s rows whose ``field_name`` (a foreign key) is one of ``ids``."""
    # Identifiers come from model metadata and are quoted; values stay bound parameters.
    table, column = _quoted(model, field_name)
    return RowIds(f"SELECT id FROM {table} WHERE {column} IN ({ids.sql})", ids.params)  # noqa: S608  # nosec B608  # quoted identifiers from model metadata; values are bound


def delete_where(model: type[models.Model], field_name: str, ids: RowIds) -> None:
    """Delete ``model``'s rows whose ``field_name`` is one of ``ids``, in one statement."""
    table, column = _quoted(model, field_name)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {column} IN ({ids.sql})", ids.params)  # noqa: S608  # nosec B608  # quoted identifiers from model metadata; values are bound


def flush_all(modules: list[ModuleType]) -> int:
    """Remove every generated person and all their data; returns how many rows the people took along."""
    if not scale_users().exists():
        return 0
    for module in reversed(modules):
        module.flush(scale_user_ids())
    return flush_people()


def seed_scale(
    options: ScaleOptions, *, flush: bool = False, progress: Callable[[str], None] | None = None
) -> ScaleResult:
    """Generate ``options.therapists`` x ``options.clients_per_therapist`` clients with their history."""
    started = time_module.perf_counter()
    modules = app_modules()
    flushed = 0
    run = ScaleRun(options=options, writer=BulkWriter(), now=timezone.now())
    tables = PEOPLE_TABLES + [table for module in modules for table in module.tables()]
    with transaction.atomic():
        if flush:
            flushed = flush_all(modules)
        elif scale_users().exists():
            raise ScaleDataExists
        with bulk_load(tables):
            _generate(run, modules, progress)
    analyze(tables)
    return ScaleResult(
        counts=dict(sorted(run.writer.counts.items())),
        seconds=time_module.perf_counter() - started,
        therapist_email=therapist_email(1),
        client_email=client_email(1),
        totp_secret=run.totp_secret,
        flushed=flushed,
    )


def _generate(run: ScaleRun, modules: list[ModuleType], progress: Callable[[str], None] | None) -> None:
    generate_people(run)
    run.writer.flush()
    for start in range(0, len(run.clients), CHUNK_CLIENTS):
        chunk = run.clients[start : start + CHUNK_CLIENTS]
        for module in modules:
            module.generate(run, chunk)
        run.writer.flush()
        if progress is not None:
            progress(f"{start + len(chunk)} of {len(run.clients)} clients")
