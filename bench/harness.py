"""What both benchmarks share: databases, the production environment, the machine, results on disk.

The benchmark scripts (``bench/pages``, ``bench/reminders``) run Mallard in
production mode (``DJANGO_ENV=production``) with ``bench.settings`` on
PostgreSQL and Redis over loopback. This module never imports Django itself:
each step that needs Django runs in a child process with the environment
built by ``production_env``, so each data size gets its own database.
"""

from __future__ import annotations

import json
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var" / "bench"
RESULTS_DIR = VAR_DIR / "results"
PYTHON = BASE_DIR / ".venv" / "bin" / "python"

# Overridable, so a machine with other service addresses can run the benchmarks too.
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/10")
DATABASE_PREFIX = os.environ.get("BENCH_DATABASE_PREFIX", "mallard_bench")

# PostgreSQL's cost of a random page read, as docs/operations.md recommends for production: the
# default (4) assumes spinning disks and makes the planner hash whole tables instead of looking up
# a client's few rows by index.
RANDOM_PAGE_COST = 1.1

# The password seed_scale gives every generated person when the benchmark seeds (its --password).
PERSONA_PASSWORD = os.environ.get("BENCH_PASSWORD", "bench-mallard-2026")


@dataclass(frozen=True)
class Size:
    """A reference data size: the seed_scale arguments that make it."""

    name: str
    therapists: int
    clients_per_therapist: int
    days: int

    @property
    def database(self) -> str:
        return f"{DATABASE_PREFIX}_{self.name}"

    def describe(self) -> str:
        return f"{self.therapists} × {self.clients_per_therapist} clients × {self.days} days"


SIZES = {
    "practice": Size("practice", therapists=1, clients_per_therapist=60, days=180),
    "platform": Size("platform", therapists=500, clients_per_therapist=40, days=90),
}


def ensure_venv() -> None:
    """Re-run the calling script with the project's virtualenv when started with another Python."""
    if Path(sys.prefix).resolve() != (BASE_DIR / ".venv").resolve() and PYTHON.exists():
        os.execv(PYTHON, [str(PYTHON), *sys.argv])  # noqa: S606 - our own interpreter and script


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- PostgreSQL and Redis ----------------------------------------------------------------------------


def database_url(name: str) -> str:
    parts = urlsplit(POSTGRES_URL)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin_connection(database: str | None = None) -> Any:
    """An autocommit connection to the server's default database, or to ``database``."""
    import psycopg2  # type: ignore[import-untyped]

    connection = psycopg2.connect(database_url(database) if database else POSTGRES_URL)
    connection.autocommit = True
    return connection


def database_exists(name: str) -> bool:
    with _admin_connection() as connection, connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def recreate_database(name: str) -> None:
    from psycopg2 import sql

    connection = _admin_connection()
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        connection.close()


def mark_seeded(size: Size, seconds: float) -> None:
    path = VAR_DIR / f"seeded-{size.database}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"seconds": round(seconds, 1), "at": time.strftime("%Y-%m-%d %H:%M UTC")}))


def seeded_marker(size: Size) -> dict[str, Any] | None:
    """How long the last complete seeding of this size took, or None when it never finished."""
    path = VAR_DIR / f"seeded-{size.database}.json"
    if not path.exists() or not database_exists(size.database):
        return None
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def seed(size: Size, database: str, env: dict[str, str]) -> None:
    """Create ``database`` afresh, migrate it and seed it at ``size`` (``env`` points at it)."""
    recreate_database(database)
    run_django(["manage.py", "migrate", "--noinput", "-v0"], env)
    run_django(
        [
            "manage.py",
            "seed_scale",
            "--therapists",
            str(size.therapists),
            "--clients-per-therapist",
            str(size.clients_per_therapist),
            "--days",
            str(size.days),
            "--password",
            PERSONA_PASSWORD,
        ],
        env,
    )


def ensure_seeded(size: Size, *, reseed: bool) -> dict[str, Any]:
    """Create, migrate and seed the size's database unless a complete one exists already.

    Returns how long the seeding took and whether it ran in this run.
    """
    marker = None if reseed else seeded_marker(size)
    env = production_env(size.database)
    if marker is not None:
        # An existing database still gets any migration added since it was seeded.
        run_django(["manage.py", "migrate", "--noinput", "-v0"], env)
        return {**marker, "reused": True}
    say(f"seeding {size.name} ({size.describe()}) into {size.database}")
    started = time.monotonic()
    seed(size, size.database, env)
    seconds = time.monotonic() - started
    mark_seeded(size, seconds)
    say(f"seeded {size.name} in {seconds:.0f} s")
    return {"seconds": round(seconds, 1), "at": time.strftime("%Y-%m-%d %H:%M UTC"), "reused": False}


def settle(name: str) -> float:
    """Bring a database to the steady state production runs in, before anything is measured.

    It gets production's planner setting for random reads (``RANDOM_PAGE_COST``, see
    docs/operations.md), which applies to the connections opened after this.

    Rows written by COPY (and by earlier benchmark runs) are not yet vacuumed: their visibility
    map is empty, so index-only scans still visit the table, the first reads set hint bits and
    write pages back, and autovacuum would start on the large tables in the middle of a measured
    run. ``VACUUM (ANALYZE)`` does that work now (quickly when nothing has changed since the last
    run), and a checkpoint writes out the dirty pages. Returns how long it took.
    """
    from psycopg2 import sql

    started = time.monotonic()
    connection = _admin_connection(name)
    try:
        with connection.cursor() as cursor:
            # The planner setting docs/operations.md recommends for production (data in memory or on SSD).
            cursor.execute(
                sql.SQL("ALTER DATABASE {} SET random_page_cost = {}").format(
                    sql.Identifier(name), sql.Literal(RANDOM_PAGE_COST)
                )
            )
            cursor.execute("VACUUM (ANALYZE)")
            cursor.execute("CHECKPOINT")
    finally:
        connection.close()
    return time.monotonic() - started


def redis_url(offset: int = 0) -> str:
    """The benchmark's Redis database, or the one ``offset`` numbers after it (one per size)."""
    base, _, number = REDIS_URL.rpartition("/")
    return f"{base}/{int(number) + offset}"


def flush_redis(url: str = REDIS_URL) -> None:
    """Empty one of the benchmark's Redis databases: sessions, rate limits and used TOTP codes."""
    import redis

    redis.Redis.from_url(url).flushdb()


# --- Running Mallard in production mode ------------------------------------------------------------


_SECRET_KEY = secrets.token_urlsafe(60)


def production_env(database: str, **extra: str) -> dict[str, str]:
    """The environment of every Mallard process in a benchmark run: production mode, on loopback.

    TLS is the proxy's job in production; here the load tool plays the proxy and
    sends ``X-Forwarded-Proto: https``, which ``MALLARD_BEHIND_PROXY`` trusts.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "EMAIL_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_ENV="production",
        SECRET_KEY=_SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DATABASE_URL=database_url(database),
        REDIS_URL=REDIS_URL,
        SITE_URL="https://127.0.0.1",
        MALLARD_BEHIND_PROXY="true",
        MALLARD_VAR_DIR=str(VAR_DIR / "var"),
        STATIC_ROOT=str(VAR_DIR / "static"),
        EMAIL_FILE_PATH=str(VAR_DIR / "mail"),
        LOG_LEVEL="INFO",
        PYTHONPATH=str(BASE_DIR),
    )
    env.update(extra)
    return env


def run_django(args: list[str], env: dict[str, str], *, capture: bool = False) -> str:
    """Run a Python step (a manage.py command or a bench module) in its own process; fail loudly."""
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [str(PYTHON), *args], cwd=BASE_DIR, env=env, text=True, capture_output=capture, check=False
    )
    if result.returncode != 0:
        detail = (result.stderr or "")[-4000:] if capture else ""
        raise SystemExit(f"bench: `{' '.join(args)}` failed with exit code {result.returncode}\n{detail}")
    return result.stdout if capture else ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- The machine -------------------------------------------------------------------------------------


def _first_match(path: str, pattern: str) -> str:
    try:
        text = Path(path).read_text()
    except OSError:
        return ""
    found = re.search(pattern, text, re.MULTILINE)
    return found.group(1).strip() if found else ""


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    import django
    import redis

    memory_kib = _first_match("/proc/meminfo", r"^MemTotal:\s+(\d+)")
    with _admin_connection() as connection, connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    redis_version = redis.Redis.from_url(REDIS_URL).info("server").get("redis_version", "?")
    gunicorn = subprocess.run(  # noqa: S603 - our own virtualenv
        [str(BASE_DIR / ".venv" / "bin" / "gunicorn"), "--version"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    wrk = shutil.which("wrk")
    return {
        "cpu": _first_match("/proc/cpuinfo", r"^model name\s*:\s*(.+)$") or platform.processor() or "?",
        "cores": str(os.cpu_count() or "?"),
        "memory": f"{int(memory_kib) / 1024 / 1024:.1f} GiB" if memory_kib else "?",
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": postgres,
        "redis": str(redis_version),
        "gunicorn": (re.findall(r"\d+(?:\.\d+)+", gunicorn) or ["?"])[0],
        "wrk": (
            subprocess.run([wrk, "--version"], capture_output=True, text=True, check=False)  # noqa: S603
            .stdout.split(" [")[0]
            .strip()
            if wrk
            else "not installed"
        ),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


# --- Results ------------------------------------------------------------------------------------------


def save_result(name: str, data: dict[str, Any]) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    path.write_text(json.dumps(data, indent=2))
    return path


def load_result(name: str) -> dict[str, Any] | None:
    path = RESULTS_DIR / f"{name}.json"
    if not path.exists():
        return None
    data: dict[str, Any] = json.loads(path.read_text())
    return data
