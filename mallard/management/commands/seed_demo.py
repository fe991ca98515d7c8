from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mallard import demo


class Command(BaseCommand):
    help = "Create demo people (and each app's demo data). Safe to run again: it never duplicates."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            # The demo people share a published password, and one of them is an administrator.
            raise CommandError("seed_demo refuses to run with DJANGO_ENV=production.")
        people = demo.seed()
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if config.name != "mallard" and find_spec(module_name) is not None:
                import_module(module_name).seed(people)

        self.stdout.write(self.style.SUCCESS("Demo data is ready. Sign in with any of these:"))
        self.stdout.write(f"  Therapist  {people.therapist.email:<32} password: {demo.DEMO_PASSWORD}")
        for client in people.clients:
            self.stdout.write(f"  Client     {client.email:<32} password: {demo.DEMO_PASSWORD}")
        if people.staff is not None:
            self.stdout.write(
                f"  Admin      {people.staff.email:<32} password: {demo.DEMO_PASSWORD} (at /admin/)"
            )
