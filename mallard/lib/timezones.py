"""IANA time zone names: validation and the list offered in forms."""

from __future__ import annotations

import functools
import zoneinfo

from django.core.exceptions import ValidationError


@functools.cache
def available_time_zones() -> frozenset[str]:
    # "localtime" and the POSIX-style aliases are not places a person lives in.
    return frozenset(name for name in zoneinfo.available_timezones() if "/" in name or name == "UTC")


@functools.cache
def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(available_time_zones())]


def validate_time_zone(value: str) -> None:
    if value not in available_time_zones():
        raise ValidationError(
            "%(value)s is not a time zone we know. Choose one such as Europe/London or America/New_York.",
            code="invalid_time_zone",
            params={"value": value},
        )
