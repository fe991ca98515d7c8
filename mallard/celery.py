"""The Celery app. Tasks carry ids only and call services; the database holds the schedule."""

from __future__ import annotations

import logging
import os
import re
from datetime import timedelta
from typing import Any

from celery import Celery
from celery.schedules import crontab
from celery.signals import worker_ready
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mallard.settings")

app = Celery("mallard")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


# Crontab times are UTC (CELERY_TIMEZONE). Tasks are named by string: mallard imports no other app.
app.conf.beat_schedule = {
    "extend-homework-occurrences": {
        "task": "homework.tasks.extend_occurrences",
        "schedule": crontab(minute=5),
    },
    "extend-questionnaire-windows": {
        "task": "measures.tasks.extend_windows",
        "schedule": crontab(minute=7),
    },
    "clear-expired-sessions": {
        "task": "mallard.tasks.clear_expired_sessions",
        "schedule": crontab(minute=17, hour=3),
    },
    # Closed accounts past MALLARD_RECORD_RETENTION_DAYS (docs/data-rights.md). Idempotent.
    "purge-closed-accounts": {
        "task": "mallard.tasks.purge_closed_accounts",
        "schedule": crontab(minute=40, hour=3),
    },
    # The one dispatcher entry, and the sweeper that takes back rows whose lease ran out
    # (docs/reminders.md, "Dispatch"). Both are one indexed query when there is nothing to do. A
    # wake-up still queued when the next one is due is dropped: the next one follows. Their periods
    # come from the settings once they are loaded (``reminder_periods``).
    "dispatch-due-reminders": {
        "task": "reminders.tasks.dispatch_due_reminders",
        "schedule": timedelta(seconds=15),
        "options": {"expires": 15},
    },
    "sweep-stuck-reminders": {
        "task": "reminders.tasks.sweep_stuck_reminders",
        "schedule": timedelta(seconds=15),
        "options": {"expires": 15},
    },
    # After the homework occurrences are extended (minute 5).
    "plan-reminders": {
        "task": "reminders.tasks.plan_reminders",
        "schedule": crontab(minute=10),
    },
    # The caseload's stored numbers that are not current: clients whose local date moved (zones
    # change date on quarter hours) and writes no hook hears (admin, bulk updates). Idempotent.
    "refresh-stale-caseload-numbers": {
        "task": "sessions_app.tasks.refresh_stale",
        "schedule": crontab(minute="*/15"),
        "options": {"expires": 600},
    },
    # Idempotent per ISO week, so hourly is safe and catches new opt-ins the same day.
    "plan-weekly-digests": {
        "task": "reminders.tasks.plan_weekly_digests",
        "schedule": crontab(minute=15),
    },
}


@app.on_after_configure.connect
def reminder_periods(sender: Celery, source: Any, **kwargs: Any) -> None:
    """Set the dispatcher's and the sweeper's periods from the settings, once Celery has read them.

    Read then and not when this module is imported: importing ``mallard`` must not load the
    settings, as another settings module (the benchmark's) may still be importing itself.
    """
    periods = {
        "dispatch-due-reminders": "MALLARD_REMINDER_DISPATCH_SECONDS",
        "sweep-stuck-reminders": "MALLARD_REMINDER_SWEEP_SECONDS",
    }
    for entry, name in periods.items():
        seconds = int(getattr(settings, name, 15))  # settings modules that run no beat may lack them
        source.beat_schedule[entry].update(schedule=timedelta(seconds=seconds), options={"expires": seconds})


@worker_ready.connect
def sweep_when_a_worker_starts(**kwargs: Any) -> None:
    """A worker that starts (or restarts after a crash) takes back expired reminder leases at once."""
    try:
        app.send_task("reminders.tasks.sweep_stuck_reminders")
    except Exception:  # the beat entry runs it within seconds anyway
        logging.getLogger(__name__).warning("Could not queue the start-up sweep", exc_info=True)


class BrokerReconnectIsRoutine(logging.Filter):
    """Log the first tries of a broker reconnect as WARNING, not ERROR.

    Redis restarts and failovers are routine: the worker and beat reconnect by
    themselves within seconds, and the rows keep every reminder safe meanwhile.
    Celery logs each failed try at ERROR (and beat each wake-up it could not
    send meanwhile; the next one follows within seconds), which would page
    anyone who alerts on ERROR. A worker still retrying after ``ROUTINE_TRIES`` tries (about two
    minutes) logs at ERROR again.
    """

    ROUTINE_TRIES = 10
    RETRY = re.compile(
        r"Cannot connect to .*\((\d+)/"
        r"|beat: Connection error"
        r"|Couldn't apply scheduled task .*(?:connecting to|Connection refused|Connection reset)",
        re.DOTALL,
    )

    def filter(self, record: logging.LogRecord) -> bool:
        match = self.RETRY.search(record.getMessage()) if record.levelno == logging.ERROR else None
        if match and (match.group(1) is None or int(match.group(1)) <= self.ROUTINE_TRIES):
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


for _name in ("celery.worker.consumer.consumer", "celery.beat"):
    logging.getLogger(_name).addFilter(BrokerReconnectIsRoutine())
