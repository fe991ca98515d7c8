"""``once_on_commit``: one callback per key and commit, and only from writes that commit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction

from mallard.after_commit import once_on_commit


def _recorder() -> tuple[list[str], Callable[[str], Callable[[], None]]]:
    ran: list[str] = []

    def run(name: str) -> Callable[[], None]:
        return lambda: ran.append(name)

    return ran, run


@pytest.mark.django_db
def test_one_call_per_key_in_a_commit(django_capture_on_commit_callbacks: Any) -> None:
    ran, run = _recorder()
    with django_capture_on_commit_callbacks(execute=True):
        once_on_commit(("refresh", 1), run("client 1"))
        once_on_commit(("refresh", 1), run("client 1 again"))
        once_on_commit(("refresh", 2), run("client 2"))
        once_on_commit(("wake",), run("wake"))
        once_on_commit(("refresh", 1), run("client 1 a third time"))
    assert ran == ["client 1", "client 2", "wake"]


@pytest.mark.django_db
def test_the_next_commit_runs_its_own(django_capture_on_commit_callbacks: Any) -> None:
    ran, run = _recorder()
    with django_capture_on_commit_callbacks(execute=True):
        once_on_commit("k", run("first commit"))
    with django_capture_on_commit_callbacks(execute=True):
        once_on_commit("k", run("second commit"))
        once_on_commit("k", run("second commit again"))
    assert ran == ["first commit", "second commit"]


@pytest.mark.django_db
def test_a_rolled_back_savepoint_takes_its_callbacks_with_it(django_capture_on_commit_callbacks: Any) -> None:
    ran, run = _recorder()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                once_on_commit("a", run("a, rolled back"))
                once_on_commit("b", run("b, rolled back"))
                raise RuntimeError
        except RuntimeError:
            pass
        once_on_commit("a", run("a, kept"))
    assert ran == ["a, kept"]


@pytest.mark.django_db(transaction=True)
def test_real_commits_and_rollbacks() -> None:
    ran, run = _recorder()
    with transaction.atomic():
        once_on_commit("k", run("committed"))
        once_on_commit("k", run("committed, again"))
    with pytest.raises(RuntimeError), transaction.atomic():
        once_on_commit("k", run("rolled back"))
        raise RuntimeError
    with transaction.atomic():
        once_on_commit("k", run("next commit"))
    once_on_commit("k", run("autocommit"))  # outside a transaction: at once, like on_commit
    once_on_commit("k", run("autocommit again"))
    assert ran == ["committed", "next commit", "autocommit", "autocommit again"]
