"""The Celery app. Tasks carry ids only and call services; the database holds the schedule."""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab

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
    # The one dispatcher entry. A wake-up still queued after 50 s is dropped: the next one follows.
    "dispatch-due-reminders": {
        "task": "reminders.tasks.dispatch_due_reminders",
        "schedule": crontab(),
        "options": {"expires": 50},
    },
    "sweep-stuck-reminders": {
        "task": "reminders.tasks.sweep_stuck_reminders",
        "schedule": crontab(minute="*/5"),
        "options": {"expires": 240},
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
