"""Time the client's Today page in process: median ms per GET, wall and CPU, against a floor.

    DEBUG=0 .venv/bin/python scripts/time_today.py [requests]

Sets up a throwaway test database (SQLite by default, PostgreSQL with DATABASE_URL), gives one
client eight assignments of different kinds (three logged today, one with its worksheet; a draft; one
started three days ago), signs them in with Django's test client, warms up, then times
``requests`` GETs of /today/ and of the floor (/notifications/: session, user and one small
query). A measurement of CPU in this process, for before/after comparisons, not a benchmark.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import time as clock
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mallard.settings")

import django

django.setup()

from django.template.base import PartialTemplate, Template  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402


def _seed() -> object:
    from homework import services
    from homework.models import Kind, LogStatus, Occurrence, Recurrence, Template
    from mallard.models import CareRelationship, Role, User

    therapist = User.objects.create_user(
        "t@example.com", "pw-pw-pw-pw", display_name="T", role=Role.THERAPIST
    )
    client = User.objects.create_user(
        "c@example.com", "pw-pw-pw-pw", display_name="C", role=Role.CLIENT, time_zone="Europe/London"
    )
    CareRelationship.objects.create(therapist=therapist, client=client)
    today = services.client_today(client)
    kinds = [*Kind.values, Kind.JOURNAL, Kind.RELAXATION]
    for number, kind in enumerate(kinds):
        template = Template.objects.filter(kind=kind, owner__isnull=True).order_by("pk").first()
        if template is None:
            raise SystemExit(f"No built-in template of kind {kind}")
        spec = {name: getattr(template, name) for name in services.SPEC_FIELDS}
        spec.update(
            start_date=today - timedelta(days=3 if number == 0 else 0),
            recurrence=Recurrence.DAILY,
            preferred_time=clock(8 + number, 0),
            title=f"{template.title} {number}",
        )
        services.assign_homework(therapist=therapist, client=client, template=template, **spec)
    todays = list(Occurrence.objects.filter(client=client, due_date=today).order_by("pk"))
    services.log_occurrence(occurrence=todays[1], status=LogStatus.DONE)
    services.log_occurrence(occurrence=todays[2], status=LogStatus.NOT_DONE, reason="forgot")
    journals = Occurrence.objects.filter(client=client, due_date=today, assignment__kind=Kind.JOURNAL)
    draft, submitted = journals.order_by("pk")[:2]
    services.save_entry(occurrence=draft, fields={"prompt": "p", "text": "t"}, submit=False)
    services.save_entry(occurrence=submitted, fields={"prompt": "p", "text": "t"}, submit=True)
    return client


def _median_ms(browser: Client, url: str, count: int) -> tuple[float, float, float]:
    """Median wall-clock and CPU (this process) milliseconds per GET, and the fastest GET's CPU
    time: CPU time is the steadier figure on a shared machine, wall time includes waiting for the
    database, and the fastest is what is left when nothing else competes for the CPU."""
    for _ in range(20):
        if (status := browser.get(url).status_code) != 200:
            raise SystemExit(f"{url} answered {status}")
    wall, cpu = [], []
    for _ in range(count):
        start, start_cpu = time.perf_counter(), time.process_time()
        browser.get(url)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu), min(cpu)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    # As served: without the test environment's hook that signals (and the test client copies
    # the context of) every template and partial rendered.
    render, partial_render = Template._render, PartialTemplate._render  # type: ignore[attr-defined]
    setup_test_environment()
    Template._render, PartialTemplate._render = render, partial_render  # type: ignore[attr-defined]
    old = setup_databases(verbosity=0, interactive=False)
    try:
        client = _seed()
        browser = Client()
        browser.force_login(client)  # type: ignore[arg-type]
        page = browser.get("/today/").content.decode()
        print(f"cards: {page.count('<article')}")
        for _ in range(3):
            floor, floor_cpu, floor_best = _median_ms(browser, "/notifications/", count)
            today, today_cpu, today_best = _median_ms(browser, "/today/", count)
            print(
                f"median of {count}: floor {floor:.2f} ms (CPU {floor_cpu:.2f}, fastest {floor_best:.2f}), "
                f"today {today:.2f} ms (CPU {today_cpu:.2f}, fastest {today_best:.2f})"
            )
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
