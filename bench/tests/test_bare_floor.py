"""The bare Django floor: the same request as Mallard's floor behind only the session and the user."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client

from bench import bare_settings, report
from bench import settings as bench_settings
from mallard.models import User


def test_it_keeps_only_the_session_and_the_user_middleware() -> None:
    assert bare_settings.MIDDLEWARE == [
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
    ]


@pytest.mark.parametrize(
    "name",
    [
        "DATABASES",
        "CACHES",
        "SESSION_ENGINE",
        "SESSION_COOKIE_AGE",
        "SECRET_KEY",
        "AUTH_USER_MODEL",
    ],
)
def test_everything_but_the_middleware_is_mallards(name: str) -> None:
    assert vars(bare_settings)[name] == vars(bench_settings)[name] == getattr(django_settings, name)
    assert vars(bare_settings)["INSTALLED_APPS"] == bench_settings.INSTALLED_APPS


@pytest.fixture
def bare(settings: Any) -> None:
    settings.MIDDLEWARE = bare_settings.MIDDLEWARE
    settings.ROOT_URLCONF = bare_settings.ROOT_URLCONF
    settings.LOGIN_URL = bare_settings.LOGIN_URL


@pytest.mark.django_db
def test_mallards_session_cookie_signs_the_person_in_on_the_bare_floor(
    client: Client, client_user: User, settings: Any
) -> None:
    client.force_login(client_user)  # through Mallard's settings, as the benchmark's sign-in is
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    settings.MIDDLEWARE = bare_settings.MIDDLEWARE
    settings.ROOT_URLCONF = bare_settings.ROOT_URLCONF
    settings.LOGIN_URL = bare_settings.LOGIN_URL
    browser = Client()
    browser.cookies[django_settings.SESSION_COOKIE_NAME] = cookie
    response = browser.get("/bench/floor/")
    assert response.status_code == 200
    assert response.content == str(client_user.pk).encode()
    assert "Content-Security-Policy" not in response.headers  # none of Mallard's middleware ran


@pytest.mark.django_db
def test_the_bare_floor_sends_anonymous_visitors_away_and_answers_readiness(
    bare: None, client: Client
) -> None:
    response = client.get("/bench/floor/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.get("/healthz").status_code == 200


def row(page: str, rps: float) -> dict[str, Any]:
    return {
        "page": page,
        "rps": rps,
        "rps_min": rps - 5,
        "rps_max": rps + 5,
        "queries": 3,
        "p50_ms": 5.0,
        "p95_ms": 10.0,
    }


def test_every_page_is_reported_against_both_floors() -> None:
    rows = [
        row(report.BARE_FLOOR, 1000.0),
        row(report.MALLARDS_FLOOR, 500.0),
        row(report.TODAY, 150.0),
        row(report.CASELOAD, 100.0),
    ]
    report.add_floor_ratios(rows)
    assert [(r["bare_ratio"], r["floor_ratio"]) for r in rows] == [
        (1.0, 2.0),
        (0.5, 1.0),
        (0.15, 0.3),
        (0.1, 0.2),
    ]
    checks = {
        c["check"]: c["passed"]
        for c in report.page_checks([{"size": "practice", "caseload_size": 60, "rows": rows}])
    }
    assert checks == {
        "Mallard's floor ≥ 60% of the bare Django floor (practice)": False,
        "Therapist dashboard (caseload) ≥ 12% of the bare Django floor (practice, 60 clients)": False,
        "Client's Today ≥ 20% of the bare Django floor (practice)": False,
        "Therapist dashboard (caseload) ≥ 25% of Mallard's floor (practice, 60 clients)": False,
        "Client's Today ≥ 40% of Mallard's floor (practice)": False,
    }
    table = "\n".join(report._page_table({"sizes": [{"size": "practice", "rows": rows}]}))
    assert "× Mallard's floor | × bare floor" in table
    assert "| practice | Client's Today | 150 | 145–155 | 5.0 | 10.0 | 3 | 30% | 15% |" in table


@pytest.mark.django_db(transaction=True)
def test_round_trips_count_the_health_check_that_django_does_not_log(django_db_blocker: Any) -> None:
    from django.db import connection

    if connection.vendor != "postgresql" or not connection.settings_dict["CONN_HEALTH_CHECKS"]:
        pytest.skip("the health check runs on PostgreSQL with CONN_HEALTH_CHECKS")
    from bench.prepare_pages import RoundTrips

    User.objects.exists()  # a connection to check
    with RoundTrips() as trips:
        User.objects.exists()
        User.objects.exists()
    assert (trips.statements, trips.health_checks, trips.total) == (2, 1, 3)


def test_the_bare_wsgi_application_starts_and_runs_only_the_two_middleware() -> None:
    """In a process of its own: it changes the settings while the apps start, as gunicorn's worker does."""
    import os
    import subprocess
    import sys

    from django.conf import settings as django_settings

    probe = "import bench.bare_wsgi; from django.conf import settings; print(settings.MIDDLEWARE)"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
        "DJANGO_SETTINGS_MODULE": "bench.bare_settings",
    }
    result = subprocess.run(  # noqa: S603 - this interpreter, our own module
        [sys.executable, "-c", probe],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == str(bare_settings.MIDDLEWARE)
