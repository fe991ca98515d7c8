"""Work after the commit, once per transaction for each key.

A request that makes several writes for one client (a log and a worksheet, an assignment changed
and feedback left) runs the hooks once per write, and each would queue the same wake-up: the same
Celery task for the same client, several times over. ``once_on_commit(key, func)`` registers
``func`` with ``transaction.on_commit`` like any callback, so a callback registered inside a
savepoint that is rolled back goes with it, as Django does for every callback; but when the
transaction commits, only the first callback of each key runs, and the others with the same key do
nothing. Outside a transaction (autocommit) the callback runs at once, as ``on_commit`` does.

Which callbacks belong to one commit: each callback is tied to a ``_Round``, the round of
callbacks the next commit runs. The first callback of a round to run marks it started; from then
on, new callbacks belong to a new round (the next transaction's). A round whose transaction was
rolled back never starts, so the next transaction simply goes on using it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from functools import partial

from django.db import transaction


class _Round:
    """The callbacks one commit runs: whether they have started, and the keys already run."""

    def __init__(self) -> None:
        self.started = False
        self.ran: set[Hashable] = set()


# Callbacks run in the thread that commits, the one that registered them.
_local = threading.local()


def _current_round() -> _Round:
    current: _Round | None = getattr(_local, "round", None)
    if current is None or current.started:
        current = _local.round = _Round()
    return current


def _run_once(current: _Round, key: Hashable, func: Callable[[], object]) -> None:
    current.started = True
    if key in current.ran:
        return
    current.ran.add(key)  # before the call: a broker that is down is tried once, not once per write
    func()


def once_on_commit(key: Hashable, func: Callable[[], object], *, robust: bool = False) -> None:
    """Run ``func`` after the current transaction commits, unless a callback with the same ``key``
    already ran in that commit. ``robust`` as for ``transaction.on_commit``: an exception is logged,
    and the other callbacks still run."""
    transaction.on_commit(partial(_run_once, _current_round(), key, func), robust=robust)
