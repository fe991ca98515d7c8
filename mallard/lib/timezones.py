"""IANA time zone names: validation and the list offered in forms.

Every name ``zoneinfo`` can load is a valid time zone to store (``validate_time_zone``), old aliases
included, so a zone saved years ago stays valid. Forms offer fewer: the zones the tz database itself
lists, one line per country and zone, for choosing a zone by place (``zone.tab``), and UTC. That
leaves out the backward-compatible aliases ("Asia/Calcutta", "US/Pacific", "Africa/Asmera"), the
fixed offsets ("Etc/GMT+5") and the POSIX-style names ("EST5EDT"). The files come from the
``tzdata`` package (pinned in requirements.txt), or else the system's zone directory
(``zoneinfo.TZPATH``); with neither, every loadable name under a region (Europe/, America/, ...) is
offered.

The aliases are read from the same place (``tzdata.zi``, its ``L <zone> <alias>`` lines): a browser
may still report one (some report "Asia/Calcutta"), and a person whose stored zone is one is told
which listed zone it is the same as.
"""

from __future__ import annotations

import functools
import zoneinfo
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from django.core.exceptions import ValidationError

# The tz database's regions, and how a list of them names each (an option group).
REGIONS = {
    "Africa": "Africa",
    "America": "Americas",
    "Antarctica": "Antarctica",
    "Arctic": "Arctic",
    "Asia": "Asia",
    "Atlantic": "Atlantic Ocean",
    "Australia": "Australia",
    "Europe": "Europe",
    "Indian": "Indian Ocean",
    "Pacific": "Pacific Ocean",
}
UTC = "UTC"

Choices = list[tuple[str, str] | tuple[str, list[tuple[str, str]]]]


@functools.cache
def available_time_zones() -> frozenset[str]:
    # "localtime" and the POSIX-style aliases are not places a person lives in.
    return frozenset(name for name in zoneinfo.available_timezones() if "/" in name or name == UTC)


def _tz_file(name: str) -> str | None:
    """The text of one of the tz database's own files, or None when it is nowhere to be found."""
    try:
        return resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError):
        pass
    for directory in zoneinfo.TZPATH:
        path = Path(directory) / name
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return None


def _lines(text: str | None) -> Iterator[list[str]]:
    for line in (text or "").splitlines():
        if line and not line.startswith("#"):
            yield line.split()


@functools.cache
def offered_time_zones() -> frozenset[str]:
    """The zones forms offer: ``zone.tab``'s (those ``zoneinfo`` can load) and UTC."""
    known = available_time_zones()
    listed = {fields[2] for fields in _lines(_tz_file("zone.tab")) if len(fields) >= 3}
    if not listed:
        listed = {name for name in known if name.split("/", 1)[0] in REGIONS}
    return frozenset(name for name in listed if name in known) | {UTC}


@functools.cache
def aliases() -> dict[str, str]:
    """Each alias that is not offered, and the offered zone it is the same as."""
    offered = offered_time_zones()
    found: dict[str, str] = {}
    for fields in _lines(_tz_file("tzdata.zi")):
        if len(fields) == 3 and fields[0] == "L" and fields[1] in offered and fields[2] not in offered:
            found[fields[2]] = fields[1]
    return found


@functools.cache
def aliases_by_zone() -> dict[str, tuple[str, ...]]:
    """Each offered zone that has aliases, and those aliases, sorted."""
    found: dict[str, list[str]] = {}
    for alias, zone in aliases().items():
        found.setdefault(zone, []).append(alias)
    return {zone: tuple(sorted(names)) for zone, names in found.items()}


def zone_label(name: str) -> str:
    """A zone's name as a person reads it: "America/Argentina/Buenos_Aires" is
    "America / Argentina / Buenos Aires"."""
    return " / ".join(part.replace("_", " ") for part in name.split("/"))


def place_name(name: str) -> str:
    """The place a zone is named after: "America/New_York" is "New York", "UTC" stays "UTC"."""
    return name.rsplit("/", 1)[-1].replace("_", " ")


@functools.cache
def time_zone_choices() -> Choices:
    """UTC, then the offered zones grouped by region, each sorted by its label."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for name in offered_time_zones() - {UTC}:
        groups.setdefault(REGIONS.get(name.split("/", 1)[0], "Other"), []).append((name, zone_label(name)))
    choices: Choices = [(UTC, UTC)]
    for region in sorted(groups):
        choices.append((region, sorted(groups[region], key=lambda choice: choice[1].casefold())))
    return choices


def time_zone_choices_keeping(current: str | None, *, whose: str = "your") -> Choices:
    """The offered zones, and first ``current`` if it is a zone that is not offered (an alias saved
    earlier): a person whose zone it is sees it chosen and can save without changing it. ``whose``
    says whose zone it is to the reader ("your" on the profile, "their" in the admin)."""
    if not current or current in offered_time_zones() or current not in available_time_zones():
        return time_zone_choices()
    same_as = aliases().get(current)
    note = f"{whose} time zone now"
    if same_as:
        note += f", the same as {zone_label(same_as)}"
    return [(current, f"{zone_label(current)} ({note})"), *time_zone_choices()]


def validate_time_zone(value: str) -> None:
    if value not in available_time_zones():
        raise ValidationError(
            "%(value)s is not a time zone we know. Choose one such as Europe/London or America/New_York.",
            code="invalid_time_zone",
            params={"value": value},
        )
