"""``manage.py createstaff EMAIL NAME``: the first administrator of a new Mallard.

Unlike ``createsuperuser`` it records the address as verified, so the person can sign in
through the normal sign-in page at once; they set up two-factor authentication on first sign-in.
"""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email

from mallard import services
from mallard.models import Role, User


class Command(BaseCommand):
    help = (
        "Create a staff account with a verified e-mail address. The password is asked for twice "
        "(or read from one line of standard input when it is not a terminal)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="The sign-in e-mail address.")
        parser.add_argument("name", help="The name Mallard shows, for example 'Sam Okoro'.")
        parser.add_argument(
            "--superuser", action="store_true", help="Also give every permission in the admin."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        name = options["name"].strip()
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{options['email']!r} is not an e-mail address.") from None
        if not name:
            raise CommandError("The name must not be empty.")
        password = self._read_password(User(email=email, display_name=name, role=Role.STAFF))
        try:
            user = services.create_staff_member(
                email=email, display_name=name, password=password, superuser=options["superuser"]
            )
        except services.StaffAccountError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Created staff account {user.email}. On first sign-in they will be asked to set up "
                "two-factor authentication before they can use the admin."
            )
        )

    def _read_password(self, user: User) -> str:
        if sys.stdin.isatty():
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The two passwords differ.")
        else:
            password = sys.stdin.readline().rstrip("\n")
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        return password
