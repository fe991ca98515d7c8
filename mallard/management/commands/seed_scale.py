from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mallard import scale

MAX_DAYS = 365  # homework history is planned at most a year back


def positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Generate a large, realistic data set for measuring Mallard: therapists, clients and their "
        "homework, sessions and reminders. Practice size: --therapists 1 --clients-per-therapist 60 "
        "--days 180; platform size: --therapists 500 --clients-per-therapist 40 --days 90."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--therapists", type=positive, default=1, help="How many therapists (default 1).")
        parser.add_argument(
            "--clients-per-therapist",
            type=positive,
            default=60,
            help="Clients in each caseload (default 60).",
        )
        parser.add_argument(
            "--days", type=positive, default=180, help=f"Days of history, at most {MAX_DAYS} (default 180)."
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed: the same seed makes the same data."
        )
        parser.add_argument(
            "--password",
            default=scale.DEFAULT_PASSWORD,
            help=f"Password of every generated person (default {scale.DEFAULT_PASSWORD!r}).",
        )
        parser.add_argument(
            "--flush",
            action="store_true",
            help="First remove the people (and data) an earlier run generated.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["days"] > MAX_DAYS:
            raise CommandError(f"--days can be at most {MAX_DAYS}.")
        if not options["password"]:
            raise CommandError("--password must not be empty.")
        settings = scale.ScaleOptions(
            therapists=options["therapists"],
            clients_per_therapist=options["clients_per_therapist"],
            days=options["days"],
            seed=options["seed"],
            password=options["password"],
        )
        verbose = options["verbosity"] > 1
        try:
            result = scale.seed_scale(
                settings, flush=options["flush"], progress=self.stdout.write if verbose else None
            )
        except scale.ScaleDataExists:
            raise CommandError(
                f"Generated data (people at @{scale.SCALE_DOMAIN}) is already in this database. "
                "Run again with --flush to replace it."
            ) from None
        if result.flushed:
            self.stdout.write(
                f"Removed {result.flushed} rows of earlier generated people and their accounts."
            )
        width = max(len(table) for table in result.counts)
        for table, count in result.counts.items():
            self.stdout.write(f"  {table:<{width}}  {count:>10,}")
        total = sum(result.counts.values())
        self.stdout.write(
            self.style.SUCCESS(f"Made {total:,} rows in {result.seconds:.1f} s (seed {settings.seed}).")
        )
        self.stdout.write(f"  Therapist #1  {result.therapist_email}  password: {settings.password}")
        self.stdout.write(f"  Client #1     {result.client_email}  password: {settings.password}")
        self.stdout.write(f"  Every therapist's authenticator app secret (base32 TOTP): {result.totp_secret}")
