"""Helpers for tests that run two real transactions at once on PostgreSQL and order their row locks."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection

WAIT = 10  # seconds; far longer than PostgreSQL's deadlock_timeout (1 s by default)


@contextmanager
def pause_after(
    matches: Callable[[str], object], done: threading.Event, go: threading.Event
) -> Iterator[None]:
    """In this thread, stop right after the first query whose SQL ``matches``, until ``go``."""

    def wrapper(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        result = execute(sql, params, many, context)
        if matches(sql) and not done.is_set():
            done.set()
            go.wait(WAIT)
        return result

    with connection.execute_wrapper(wrapper):
        yield


def wait_until_a_query_waits_for_a_lock() -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            (waiting,) = cursor.fetchone()
        if waiting:
            return
        time.sleep(0.02)
    raise AssertionError("the second transaction never waited for a lock")
