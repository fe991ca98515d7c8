"""Time the client's Today page in process: median ms per GET, against a bare floor.

    DEBUG=0 .venv/bin/python scripts/time_today.py [requests]

Sets up a throwaway test database (SQLite by default, PostgreSQL with DATABASE_URL), gives one
client eight assignments of different kinds (two logged today, one with a draft worksheet, one
from last week still open), signs them in with Django's test client, warms up, then times
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

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402


def _seed() -> object:
    from homework import services
    from homework.models import Kind, LogStatus, Occurrence, Recurrence, Template
    from mallard.models import CareRelationship, Role, User

    therapist = User.objects.create_user("t@example.com", "pw-pw-pw-pw", display_name="T", role=Role.THERAPIST)
    client = User.objects.create_user(
        "c@example.com", "pw-pw-pw-pw", display_name="C", role=Role.CLIENT, time_zone="Europe/London"
    )
    CareRelationship.objects.create(therapist=therapist, client=client)
    today = services.client_today(client)
    kinds = [*Kind.values, Kind.JOURNAL, Kind.RELAXATION]
    for number, kind in enumerate(kinds):
        template = Template.objects.filter(kind=kind, owner__isnull=True).order_by("pk").first()
        assert template is not None
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
    return client


def _median_ms(browser: Client, url: str, count: int) -> float:
    for _ in range(20):
        assert browser.get(url).status_code == 200
    times = []
    for _ in range(count):
        start = time.perf_counter()
        browser.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        client = _seed()
        browser = Client()
        browser.force_login(client)  # type: ignore[arg-type]
        page = browser.get("/today/").content.decode()
        print(f"cards: {page.count('<article')}")
        for _ in range(3):
            floor = _median_ms(browser, "/notifications/", count)
            today = _median_ms(browser, "/today/", count)
            print(f"floor {floor:.2f} ms  today {today:.2f} ms  (median of {count})")
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
