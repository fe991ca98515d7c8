from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from homework.library import load_builtin_library
from homework.models import Template


class Command(BaseCommand):
    help = "Load the built-in template library again (after editing builtin_templates.json)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = load_builtin_library(Template)
        self.stdout.write(self.style.SUCCESS(f"{count} built-in templates are up to date."))
