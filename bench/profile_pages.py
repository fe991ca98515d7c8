"""Time, and optionally profile, the benchmark's pages in process, on a practice-size database.

    .venv/bin/python -m bench.profile_pages [--seed] [--requests N] [--profile PAGE] [PAGE ...]

PAGE is one of ``floor``, ``today``, ``caseload``, ``overview``, ``summary`` and ``crisis`` (all of
them when none is named); ``crisis`` is the crisis page, which reads nothing, as a client sees it:
what the shared page shell (``base.html`` and its context processors) costs over the floor.
The database is ``BENCH_PROFILE_DATABASE`` (default ``mallard_profile``) on the benchmark's
PostgreSQL, seeded at the practice size on first use or with ``--seed``; the Redis database
is ``BENCH_PROFILE_REDIS_URL`` (default ``redis://127.0.0.1:6379/12``). The settings are
the benchmark's production ones (``bench.harness.production_env``), and the personas are the page
benchmark's, signed in through the real flow (``bench.prepare_pages.sign_in``).

For each page: 20 warm-up requests, then ``--requests`` timed ones through Django's test client;
it prints the median wall time, the median CPU time of this process (the steadier figure on a busy
machine) and the statements a warm request logs. ``--profile PAGE`` runs that page's timed
requests under pyinstrument and writes its text report to ``var/bench/profile-PAGE.txt``.
docs/performance.md says how the results were used.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path
from types import ModuleType

from bench import harness

DATABASE = os.environ.get("BENCH_PROFILE_DATABASE", "mallard_profile")
REDIS_URL = os.environ.get("BENCH_PROFILE_REDIS_URL", "redis://127.0.0.1:6379/12")
PAGES = ("floor", "today", "caseload", "overview", "summary", "crisis")
WARM_UP = 20


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("pages", nargs="*", help=f"pages to time, of {', '.join(PAGES)} (default: all)")
    parser.add_argument("--seed", action="store_true", help="seed the database again first")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page")
    parser.add_argument("--profile", choices=PAGES, help="profile this page's timed requests")
    args = parser.parse_args()
    if unknown := set(args.pages) - set(PAGES):
        parser.error(f"no such page: {', '.join(sorted(unknown))}")
    return args


def seed(env: dict[str, str]) -> None:
    """A fresh practice-size database, migrated, seeded, with static files and settled."""
    size = harness.SIZES["practice"]
    harness.say(f"seeding {DATABASE} ({size.describe()})")
    harness.seed(size, DATABASE, env)
    harness.run_django(["manage.py", "collectstatic", "--noinput", "-v0"], env)
    harness.settle(DATABASE)


def main() -> None:
    args = parse_args()
    env = harness.production_env(
        DATABASE, REDIS_URL=REDIS_URL, BENCH_PERSONA_PASSWORD=harness.PERSONA_PASSWORD
    )
    if args.seed or not harness.database_exists(DATABASE):
        seed(env)
    else:  # any migration added since it was seeded
        harness.run_django(["manage.py", "migrate", "--noinput", "-v0"], env)
    os.environ.update(env)
    # Set up Django only now, with the benchmark's environment (prepare_pages calls django.setup()).
    from bench import prepare_pages

    run(prepare_pages, list(args.pages) or list(PAGES), args.requests, args.profile)


def run(prepare_pages: ModuleType, pages: list[str], requests: int, profile: str | None) -> None:
    import logging

    from django.db import close_old_connections, connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from mallard.models import User
    from sessions_app.numbers import refresh_stale_caseload_numbers

    pp = prepare_pages
    logging.disable(logging.CRITICAL)  # the request log would print every request
    refresh_stale_caseload_numbers()  # the worker's part, as the page benchmark does
    therapist = User.objects.get(email=pp.THERAPIST)
    client, _ = pp.pick_client(therapist)
    as_client = pp.sign_in(client, harness.PERSONA_PASSWORD)
    paths = {
        "floor": (as_client, reverse("bench-floor")),
        "today": (as_client, reverse("homework-today")),
        "crisis": (as_client, reverse("mallard-crisis")),
    }
    if set(pages) - {"floor", "today", "crisis"}:
        as_therapist = pp.sign_in(therapist, harness.PERSONA_PASSWORD)
        session = pp.summary_session(therapist, client)
        paths["caseload"] = (as_therapist, reverse("sessions-caseload"))
        paths["overview"] = (as_therapist, reverse("sessions-client-overview", args=[client.pk]))
        if session is not None:
            paths["summary"] = (as_therapist, reverse("sessions-summary", args=[session.pk]))
    for name in pages:
        if name not in paths:
            harness.say(f"{name}: the client has no session to summarise; skipped")
            continue
        browser, path = paths[name]
        for _ in range(WARM_UP):
            close_old_connections()
            status = browser.get(path, secure=True).status_code
            if status != 200:
                raise SystemExit(f"bench: {path} answered {status}")
        profiler = None
        if profile == name:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            profiler.start()
        wall: list[float] = []
        cpu: list[float] = []
        for _ in range(requests):
            close_old_connections()
            started, started_cpu = time.perf_counter(), time.process_time()
            browser.get(path, secure=True)
            wall.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        if profiler is not None:
            profiler.stop()
            report = Path(harness.VAR_DIR) / f"profile-{name}.txt"
            report.write_text(profiler.output_text(unicode=False, color=False))
            harness.say(f"{name}: profile written to {report}")
        with CaptureQueriesContext(connection) as queries:
            close_old_connections()
            browser.get(path, secure=True)
        print(
            f"{name:<9} wall {statistics.median(wall) * 1000:6.2f} ms   "
            f"CPU {statistics.median(cpu) * 1000:6.2f} ms   {len(queries)} statements"
        )


if __name__ == "__main__":
    main()
