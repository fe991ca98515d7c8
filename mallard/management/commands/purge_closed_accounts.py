"""Delete closed accounts whose record retention period has ended (docs/data-rights.md).

Runs daily from Celery beat (``mallard.tasks.purge_closed_accounts``); operators
can run it by hand, with ``--dry-run`` first to see what it would delete.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from mallard.retention import purge_closed_accounts


class Command(BaseCommand):
    help = "Delete closed accounts, and every row about them, once their record retention period has ended."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be deleted without deleting anything."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run: bool = options["dry_run"]
        report = purge_closed_accounts(dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        days = settings.MALLARD_RECORD_RETENTION_DAYS
        for user_id, closed_at, rows in report.purged:
            self.stdout.write(f"{verb} account #{user_id} (closed {closed_at:%Y-%m-%d}): {rows} rows")
        for user_id, why in report.skipped:
            self.stderr.write(f"Skipped account #{user_id}: {why}")
        if not report.purged and not report.skipped:
            self.stdout.write(f"No closed account is past its {days}-day retention period.")
            return
        summary = f"{verb} {len(report.purged)} closed accounts, {report.rows} rows in all."
        self.stdout.write(self.style.SUCCESS(summary) if not dry_run else summary)
