"""The zero-config broker (kombu's filesystem transport, docs/configuration.md): a backlog of
small tasks must not hold a due reminder back for minutes.

The worker holds one message at a time, and kombu's virtual transports look for the next one once
per polling interval. At kombu's default of a second, the caseload refreshes that `make run`'s
demo seeding queues took two to three minutes to drain before the first reminder was sent.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import json
import django
django.setup()
from mallard.celery import app
with app.connection_for_read() as connection:
    transport = connection.transport
    print(json.dumps({"name": type(transport).__module__, "polling": transport.polling_interval}))
"""


def test_the_filesystem_worker_looks_for_the_next_message_ten_times_a_second(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DATABASE_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="mallard.settings", MALLARD_VAR_DIR=str(tmp_path))
    env.pop("DJANGO_ENV", None)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    transport = json.loads(result.stdout.strip().splitlines()[-1])
    assert transport["name"] == "mallard.broker"
    assert transport["polling"] <= 0.1
    assert (tmp_path / "broker").is_dir()
