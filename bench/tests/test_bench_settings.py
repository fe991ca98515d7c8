"""The benchmark's settings: Mallard's own, plus the authenticated floor behind the same middleware.

No timing here: the benchmarks themselves run with ``make bench``.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from bench import settings as bench_settings
from mallard.models import User


@pytest.fixture
def bench_urls(settings: Any) -> None:
    settings.ROOT_URLCONF = "bench.urls"
    settings.INSTALLED_APPS = bench_settings.INSTALLED_APPS


def test_the_bench_settings_are_mallards_with_only_the_urls_and_the_bench_app_added() -> None:
    copied = vars(bench_settings)
    assert copied["MIDDLEWARE"] == django_settings.MIDDLEWARE
    assert bench_settings.ROOT_URLCONF == "bench.urls"
    assert [*django_settings.INSTALLED_APPS, "bench"] == bench_settings.INSTALLED_APPS
    assert copied["DATABASES"] == django_settings.DATABASES
    assert copied["SESSION_ENGINE"] == django_settings.SESSION_ENGINE


def test_mallards_own_urls_have_no_floor() -> None:
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        reverse("bench-floor")


@pytest.mark.django_db
def test_the_floor_answers_a_signed_in_person_with_their_id(
    bench_urls: None, client: Client, client_user: User
) -> None:
    client.force_login(client_user)
    response = client.get(reverse("bench-floor"))
    assert response.status_code == 200
    assert response.content == str(client_user.pk).encode()
    # The same middleware as every page: the security headers and the CSP are there.
    assert "Content-Security-Policy" in response.headers
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_the_floor_sends_anonymous_visitors_to_sign_in(bench_urls: None, client: Client) -> None:
    response = client.get(reverse("bench-floor"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_the_floor_refuses_other_methods(bench_urls: None, client: Client, client_user: User) -> None:
    client.force_login(client_user)
    assert client.post(reverse("bench-floor")).status_code == 405


def test_the_noop_task_does_nothing_but_return_its_argument() -> None:
    from bench.tasks import noop

    assert noop(7) == 7
