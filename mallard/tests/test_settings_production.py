"""Production mode: every deploy check passes, and a bad environment stops start-up by name.

Settings are read once per process, so these tests start a fresh interpreter.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# Everything settings.py reads, so that the developer's own environment cannot leak in.
SETTINGS_VARIABLES = (
    "DJANGO_ENV",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_HOST",
    "EMAIL_FILE_PATH",
    "EMAIL_PORT",
    "EMAIL_USE_TLS",
    "DEBUG",
    "SITE_URL",
    "CSRF_TRUSTED_ORIGINS",
    "SESSION_COOKIE_AGE",
    "MALLARD_THERAPIST_SIGNUP",
    "MALLARD_INVITATION_DAYS",
    "MALLARD_INVITATIONS_PER_ADDRESS_PER_DAY",
    "MALLARD_INVITATIONS_PER_HOUR",
    "MALLARD_BEHIND_PROXY",
    "MALLARD_PROXY_HOPS",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "LOG_LEVEL",
    "DJANGO_SETTINGS_MODULE",
    # The root conftest sets this for Playwright; check --deploy rightly refuses it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def production_env(**overrides: str | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="mallard.settings",
        DJANGO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="mallard.example.org",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/mallard",
        REDIS_URL="redis://127.0.0.1:6379/1",
        EMAIL_HOST="smtp.example.org",
        SITE_URL="https://mallard.example.org",
    )
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        [sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_it_passes_every_deploy_check_in_production() -> None:
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env())
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr
    assert "security.W" not in result.stdout + result.stderr


def test_it_fails_the_deploy_check_in_development_mode() -> None:
    # The check above would be worthless if it could not fail.
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env(DJANGO_ENV="development", SECRET_KEY=None),
    )
    assert result.returncode != 0
    assert "security.W" in result.stdout + result.stderr


REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "SITE_URL")


def test_it_refuses_to_start_without_any_required_variable() -> None:
    result = run(["manage.py", "check"], production_env(**dict.fromkeys(REQUIRED)))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"DJANGO_ENV=production requires {', '.join(REQUIRED)} to be set." in result.stderr


@pytest.mark.parametrize("missing", REQUIRED)
def test_it_names_the_one_missing_variable(missing: str) -> None:
    result = run(["manage.py", "check"], production_env(**{missing: None}))
    assert result.returncode != 0
    assert f"DJANGO_ENV=production requires {missing} to be set." in result.stderr


def test_it_refuses_a_short_secret_key_in_production() -> None:
    result = run(["manage.py", "check"], production_env(SECRET_KEY="too-short"))
    assert result.returncode != 0
    assert "SECRET_KEY must be at least 50 random characters in production." in result.stderr


def test_it_refuses_production_without_a_way_to_send_email() -> None:
    result = run(["manage.py", "check"], production_env(EMAIL_HOST=None))
    assert result.returncode != 0
    assert "DJANGO_ENV=production requires EMAIL_HOST" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("MALLARD_INVITATION_DAYS", "abc", "MALLARD_INVITATION_DAYS must be a whole number, not 'abc'."),
        ("MALLARD_INVITATION_DAYS", "0", "MALLARD_INVITATION_DAYS must be at least 1, not 0."),
        ("DATABASE_URL", "mysql://x", "DATABASE_URL must start with postgres:// or postgresql://"),
        ("REDIS_URL", "http://127.0.0.1:6379/0", "REDIS_URL must look like redis://host:6379/0"),
        ("MALLARD_THERAPIST_SIGNUP", "perhaps", "MALLARD_THERAPIST_SIGNUP must be one of true/false"),
        ("DJANGO_ENV", "staging", "DJANGO_ENV must be one of development, production, not 'staging'."),
        ("DEBUG", "true", "DEBUG must be off when DJANGO_ENV=production."),
        ("ALLOWED_HOSTS", " , ", "ALLOWED_HOSTS must name at least one host."),
    ],
)
def test_it_names_a_malformed_variable(variable: str, value: str, message: str) -> None:
    result = run(["manage.py", "check"], production_env(**{variable: value}))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


# A request through the whole middleware stack in production mode. Static files are not
# collected in a test checkout, so the manifest storage is swapped for the plain one.
PROBE = """
import json
import django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings

plain = {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(STORAGES=plain):
    secure = Client().get("/crisis/", secure=True, headers={"host": "mallard.example.org"})
    insecure = Client().get("/crisis/", headers={"host": "mallard.example.org"})
    login = Client().get("/accounts/login/", secure=True, headers={"host": "mallard.example.org"})
csrf = login.cookies[settings.CSRF_COOKIE_NAME]
print(json.dumps({
    "status": secure.status_code,
    "headers": dict(secure.headers),
    "insecure_status": insecure.status_code,
    "insecure_location": insecure.headers.get("Location"),
    "debug": settings.DEBUG,
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_cookie_secure": settings.CSRF_COOKIE_SECURE,
    "session_cookie_name": settings.SESSION_COOKIE_NAME,
    "account_protocol": settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL,
    "login_headers": dict(login.headers),
    "csrf_cookie": {key: csrf[key] for key in ("secure", "httponly", "samesite", "path", "domain")},
    "csrf_cookie_name": csrf.key,
}))
"""


@pytest.fixture(scope="module")
def production_response() -> dict[str, object]:
    # Redis database 5 is this suite's own; the probe does not touch the cache or the database.
    result = run(["-c", PROBE], production_env(REDIS_URL="redis://127.0.0.1:6379/5"))
    assert result.returncode == 0, result.stderr
    last_line = result.stdout.strip().splitlines()[-1]
    data: dict[str, object] = json.loads(last_line)
    return data


def test_it_sends_the_security_headers_in_production(production_response: dict[str, object]) -> None:
    headers = production_response["headers"]
    assert isinstance(headers, dict)
    assert production_response["status"] == 200
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains; preload"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "geolocation=()" in headers["Permissions-Policy"]


def test_it_sets_the_csrf_cookie_with_every_attribute_in_production(
    production_response: dict[str, object],
) -> None:
    assert production_response["csrf_cookie_name"] == "__Host-csrftoken"
    assert production_response["csrf_cookie"] == {
        "secure": True,
        "httponly": True,
        "samesite": "Lax",
        "path": "/",
        "domain": "",
    }
    headers = production_response["login_headers"]
    assert isinstance(headers, dict)
    assert headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains; preload"
    assert "unsafe-inline" not in headers["Content-Security-Policy"]


def test_it_redirects_plain_http_to_https_in_production(production_response: dict[str, object]) -> None:
    assert production_response["insecure_status"] == 301
    assert production_response["insecure_location"] == "https://mallard.example.org/crisis/"


def test_it_turns_off_debug_and_secures_cookies_in_production(production_response: dict[str, object]) -> None:
    assert production_response["debug"] is False
    assert production_response["session_cookie_secure"] is True
    assert production_response["csrf_cookie_secure"] is True
    assert production_response["session_cookie_name"] == "__Host-sessionid"
    assert production_response["account_protocol"] == "https"
