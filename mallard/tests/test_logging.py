"""Logs are one JSON object per line; request logs name the route, never the raw path."""

from __future__ import annotations

import json
import logging
import sys

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory

from mallard.lib.logging import JSONFormatter
from mallard.models import User
from mallard.tests.helpers import make_invitation


def record(message: str, *args: object, level: int = logging.INFO, **extra: object) -> logging.LogRecord:
    log_record = logging.LogRecord("mallard.test", level, __file__, 1, message, args, None)
    for key, value in extra.items():
        setattr(log_record, key, value)
    return log_record


def test_it_writes_one_json_object_with_the_standard_fields() -> None:
    line = JSONFormatter().format(record("sent %d reminders", 3, level=logging.WARNING))
    assert "\n" not in line
    event = json.loads(line)
    assert event["event"] == "sent 3 reminders"
    assert event["level"] == "warning"
    assert event["logger"] == "mallard.test"
    assert event["time"].endswith("+00:00")
    assert set(event) == {"time", "level", "logger", "event"}


def test_it_adds_extra_fields_and_stringifies_what_json_cannot_hold() -> None:
    line = JSONFormatter().format(
        record("request", route="today/", status=200, duration_ms=1.5, ok=True, user_id=None, obj={1, 2})
    )
    event = json.loads(line)
    assert event["route"] == "today/"
    assert event["status"] == 200
    assert event["duration_ms"] == 1.5
    assert event["ok"] is True
    assert event["user_id"] is None
    assert event["obj"] == "{1, 2}"


def test_it_leaves_out_the_request_object_and_private_attributes() -> None:
    event = json.loads(JSONFormatter().format(record("boom", request=object(), _private="secret")))
    assert "request" not in event
    assert "_private" not in event


def test_it_keeps_a_multi_line_message_and_traceback_on_one_line() -> None:
    try:
        raise ValueError("bad\nthing")
    except ValueError:
        exc_info = sys.exc_info()
    log_record = record("it failed\nbadly")
    log_record.exc_info = exc_info
    line = JSONFormatter().format(log_record)
    assert "\n" not in line
    event = json.loads(line)
    assert event["event"] == "it failed\nbadly"
    assert "ValueError: bad" in event["exception"]


def test_it_logs_each_request_by_route(
    client: Client, therapist: User, caplog: pytest.LogCaptureFixture
) -> None:
    client.force_login(therapist)
    with caplog.at_level(logging.INFO, logger="mallard.request"):
        client.get("/caseload/?q=secret-search")
    records = [r for r in caplog.records if r.name == "mallard.request"]
    assert len(records) == 1
    log = records[0]
    assert log.method == "GET"  # type: ignore[attr-defined]
    assert log.route == "caseload/"  # type: ignore[attr-defined]
    assert log.view == "sessions-caseload"  # type: ignore[attr-defined]
    assert log.status == 200  # type: ignore[attr-defined]
    assert log.user_id == therapist.pk  # type: ignore[attr-defined]
    assert isinstance(log.duration_ms, float)  # type: ignore[attr-defined]
    assert "secret-search" not in JSONFormatter().format(log)


def test_it_never_logs_an_invitation_token(
    client: Client, therapist: User, caplog: pytest.LogCaptureFixture
) -> None:
    token = "Zq8-very-private-token-1234567890"
    make_invitation(therapist, token=token)
    with caplog.at_level(logging.DEBUG):
        client.get(f"/invitations/accept/{token}/")
        client.get("/invitations/accept/forged-private-token-0987654321/")
    request_logs = [r for r in caplog.records if r.name == "mallard.request"]
    assert [(r.route, r.status) for r in request_logs] == [  # type: ignore[attr-defined]
        ("invitations/accept/<str:token>/", 302),
        ("invitations/accept/<str:token>/", 404),
    ]
    everything = "\n".join(JSONFormatter().format(r) for r in caplog.records) + caplog.text
    assert token not in everything
    assert "forged-private-token" not in everything


@pytest.mark.django_db
def test_it_logs_unresolved_paths_without_the_path(client: Client, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="mallard.request"):
        client.get("/no/such/page-with-a-secret/")
    log = next(r for r in caplog.records if r.name == "mallard.request")
    assert log.route == "<unresolved>"  # type: ignore[attr-defined]
    assert log.status == 404  # type: ignore[attr-defined]
    assert log.user_id is None  # type: ignore[attr-defined]
    assert "page-with-a-secret" not in JSONFormatter().format(log)


@pytest.mark.django_db
def test_pages_show_times_in_the_viewers_own_time_zone(client: Client, client_user: User) -> None:
    from django.utils import timezone

    from mallard.middleware import user_time_zone_middleware

    seen: list[str] = []

    def view(request: object) -> HttpResponse:
        seen.append(timezone.get_current_timezone_name())
        return HttpResponse("ok")

    request = RequestFactory().get("/")
    request.user = client_user
    user_time_zone_middleware(view)(request)
    assert seen == ["America/New_York"]
    assert timezone.get_current_timezone_name() == "UTC"
