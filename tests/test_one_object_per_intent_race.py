"""Two sends of one create form at the same moment (PostgreSQL): one object, and both get its page."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.db import connection, connections

from homework import services
from homework.models import Goal
from mallard import once
from mallard.models import FormSubmission, User

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_double_click_makes_one_goal(therapist: User, client_user: User) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time; the race needs PostgreSQL.")
    key = once.new_key()
    barrier = threading.Barrier(2)
    results: list[Any] = []

    def create() -> str:
        services.create_goal(client=client_user, created_by=therapist, text="Walk daily")
        time.sleep(0.2)  # hold the transaction open while the other send arrives
        return f"/clients/{client_user.pk}/homework/"

    def send() -> None:
        try:
            barrier.wait(timeout=10)
            results.append(once.run(user=therapist, key=key, create=create))
        except Exception as exc:  # pragma: no cover - reported by the assertion below
            results.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    url = f"/clients/{client_user.pk}/homework/"
    assert sorted(results) == [(url, False), (url, True)], results
    assert Goal.objects.filter(client=client_user).count() == 1
    assert FormSubmission.objects.get().url == url
