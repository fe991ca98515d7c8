"""Helpers for tests that run two real transactions at once on PostgreSQL and order their row locks."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, connections

WAIT = 10  # seconds; far longer than PostgreSQL's deadlock_timeout (1 s by default)
LOCKING = re.compile(r"\bFOR (NO KEY )?UPDATE\b")


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


def one_after_the_other(
    first: Callable[[], object],
    second: Callable[[], object],
    *,
    locks: Callable[[str], object] = LOCKING.search,
) -> dict[str, BaseException]:
    """Run ``first`` until its first query that ``locks`` (by default any row lock), then ``second``
    until it waits for a lock, then both to the end. Returns what each raised, under "first" and
    "second"."""
    locked, go = threading.Event(), threading.Event()
    errors: dict[str, BaseException] = {}

    def run(name: str, work: Callable[[], object]) -> None:
        try:
            work()
        except BaseException as exc:  # reported by the callers' assertions
            errors[name] = exc
        finally:
            connections.close_all()

    def paused() -> None:
        with pause_after(locks, locked, go):
            first()

    one = threading.Thread(target=run, args=("first", paused))
    one.start()
    assert locked.wait(WAIT), "the first transaction never took the lock it should stop after"
    two = threading.Thread(target=run, args=("second", second))
    two.start()
    wait_until_a_query_waits_for_a_lock()
    go.set()
    one.join(WAIT)
    two.join(WAIT)
    assert not one.is_alive() and not two.is_alive()
    return errors
