"""/healthz: 200 when the database, cache and broker answer; 503 naming the one that does not."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from mallard import health


@pytest.fixture
def broker_folder(settings: Any, tmp_path: Path) -> Path:
    # Keep the filesystem broker's probe file out of the checkout's var/.
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"data_folder_in": str(tmp_path / "broker")}
    return tmp_path / "broker"


@pytest.mark.django_db
def test_it_reports_healthy_when_every_check_passes(client: Client, broker_folder: Path) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]
    # The broker probe cleans up after itself.
    assert list(broker_folder.iterdir()) == []


@pytest.mark.django_db
@pytest.mark.parametrize("failing", ["database", "cache", "broker"])
def test_it_reports_down_when_a_check_raises(
    client: Client,
    broker_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    failing: str,
) -> None:
    def broken() -> None:
        raise ConnectionError(f"{failing} is unreachable")

    monkeypatch.setitem(health.CHECKS, failing, broken)
    with caplog.at_level(logging.WARNING, logger="mallard.health"):
        response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["checks"][failing] == "down"
    assert [name for name, state in body["checks"].items() if state == "ok"] == [
        name for name in ("database", "cache", "broker") if name != failing
    ]
    record = next(r for r in caplog.records if r.name == "mallard.health")
    assert record.check == failing  # type: ignore[attr-defined]
    assert "unreachable" in record.error  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_the_cache_check_fails_when_the_cache_loses_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(health.cache, "get", lambda key: None)
    with pytest.raises(RuntimeError, match="the cache did not return what was written"):
        health.check_cache()


@pytest.mark.django_db
def test_healthz_refuses_post(client: Client) -> None:
    assert client.post("/healthz").status_code == 405
