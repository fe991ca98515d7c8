from __future__ import annotations

from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Benchmark-only code: the floor view and the no-op Celery task. Installed by bench.settings only."""

    name = "bench"
    default_auto_field = "django.db.models.BigAutoField"
