"""``manage.py createtherapist EMAIL NAME``: a therapist account, made by the practice's staff.

Open therapist sign-up is off in production (``MALLARD_THERAPIST_SIGNUP``), so this is how a
practice adds a therapist. Nobody types the therapist's password: they choose it themselves with
"Forgot your password?" on the sign-in page, then set up two-factor authentication.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.urls import reverse

from mallard import services
from mallard.lib.names import name_problem


class Command(BaseCommand):
    help = "Create a therapist account with a verified e-mail address; they choose their own password."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="The therapist's sign-in e-mail address.")
        parser.add_argument("name", help="The name clients see, for example 'Maya Okafor'.")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        name = options["name"].strip()
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{options['email']!r} is not an e-mail address.") from None
        problem = name_problem(name)
        if problem is not None:
            raise CommandError(problem)
        try:
            user = services.create_therapist(email=email, display_name=name)
        except services.StaffAccountError as exc:
            raise CommandError(str(exc)) from None
        reset = settings.SITE_URL + reverse("account_reset_password")
        self.stdout.write(
            self.style.SUCCESS(
                f"Created therapist account {user.email}. Ask them to open {reset}, enter this address "
                "and choose a password from the e-mail they receive; on first sign-in they set up "
                "two-factor authentication."
            )
        )
