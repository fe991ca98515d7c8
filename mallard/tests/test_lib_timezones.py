"""The time zones Mallard offers: the tz database's own list, without aliases."""

from __future__ import annotations

from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest

from mallard.lib import timezones


@pytest.fixture
def _uncached() -> Iterator[None]:
    def clear() -> None:
        for cached in (
            timezones.offered_time_zones,
            timezones.aliases,
            timezones.aliases_by_zone,
            timezones.time_zone_choices,
        ):
            cached.cache_clear()

    clear()
    yield
    clear()


def test_every_offered_zone_loads_and_none_is_an_alias() -> None:
    offered = timezones.offered_time_zones()
    assert {"UTC", "Europe/London", "Europe/Oslo", "Asia/Kolkata", "America/Los_Angeles"} <= offered
    assert not offered & {"Asia/Calcutta", "US/Pacific", "Etc/GMT+5", "Africa/Asmera", "EST5EDT"}
    assert not offered & set(timezones.aliases())
    for name in offered:
        ZoneInfo(name)


def test_aliases_name_the_zone_they_are_the_same_as() -> None:
    assert timezones.aliases()["Asia/Calcutta"] == "Asia/Kolkata"
    assert timezones.aliases()["US/Pacific"] == "America/Los_Angeles"
    assert "Asia/Calcutta" in timezones.aliases_by_zone()["Asia/Kolkata"]


def test_the_choices_are_utc_then_regions_in_order() -> None:
    choices = timezones.time_zone_choices()
    assert choices[0] == ("UTC", "UTC")
    regions = [group for group, _ in choices[1:]]
    assert regions == sorted(regions)
    assert "Americas" in regions and "Indian Ocean" in regions


def test_stored_aliases_stay_valid() -> None:
    timezones.validate_time_zone("US/Pacific")
    timezones.validate_time_zone("Etc/GMT+5")


@pytest.mark.usefixtures("_uncached")
def test_without_the_tz_files_it_offers_every_zone_under_a_region(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timezones, "_tz_file", lambda name: None)
    offered = timezones.offered_time_zones()
    assert "Europe/London" in offered and "UTC" in offered
    assert not offered & {"US/Pacific", "Etc/GMT+5"}
    assert timezones.aliases() == {}
