"""The real thing: gunicorn, started with gunicorn.conf.py in production mode, answers
/healthz, the sign-in page, a sign-in POST and a page behind sign-in, and every response
carries the security headers and cookie attributes that docs/security.md promises.

The server runs against the test database (committed rows, hence ``transactional_db``)
and the Redis of REDIS_URL, as on CI. Requests arrive as a TLS-terminating proxy sends
them: plain HTTP on loopback with ``X-Forwarded-Proto: https``.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from django.conf import settings as django_settings

from conftest import PASSWORD, make_user
from mallard.models import Role
from mallard.tests.test_settings_production import SETTINGS_VARIABLES

REPO = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
HOST = "mallard.example.org"
ORIGIN = f"https://{HOST}"

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://", "pgsql://"))
    or not os.environ.get("REDIS_URL"),
    reason="gunicorn in production mode needs PostgreSQL and Redis: set DATABASE_URL and REDIS_URL",
)


@dataclass
class Reply:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str:
        values = self.all(name)
        assert len(values) == 1, f"{name}: {values}"
        return values[0]

    def all(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key.lower() == name.lower()]

    def cookies(self) -> dict[str, str]:
        """Set-Cookie lines by cookie name."""
        result = {}
        for line in self.all("Set-Cookie"):
            result[line.split("=", 1)[0]] = line
        return result


class Server:
    def __init__(self, port: int) -> None:
        self.port = port
        self.jar: dict[str, str] = {}

    def request(
        self, method: str, path: str, *, body: dict[str, str] | None = None, https: bool = True
    ) -> Reply:
        headers = {"Host": HOST, "User-Agent": "mallard-header-test"}
        if https:
            headers["X-Forwarded-Proto"] = "https"
        if self.jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.jar.items())
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = ORIGIN
            headers["Referer"] = ORIGIN + path
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            reply = Reply(response.status, response.getheaders(), response.read())
        finally:
            connection.close()
        for line in reply.all("Set-Cookie"):
            cookie = SimpleCookie()
            cookie.load(line)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.jar.pop(name, None)
                else:
                    self.jar[name] = morsel.value
        return reply


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def server_env(database: dict[str, Any], tmp: Path, port: int) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES}
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    env.update(
        DJANGO_SETTINGS_MODULE="mallard.settings",
        DJANGO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS=HOST,
        SITE_URL=ORIGIN,
        DATABASE_URL=(
            f"postgres://{database['USER']}{password}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
        REDIS_URL=os.environ["REDIS_URL"],
        EMAIL_FILE_PATH=str(tmp / "mail"),
        STATIC_ROOT=str(tmp / "static"),
        MALLARD_VAR_DIR=str(tmp / "var"),
        MALLARD_BEHIND_PROXY="true",
        MALLARD_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
        LOG_LEVEL="WARNING",
    )
    return env


@pytest.fixture(scope="module")
def server(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("gunicorn")
    port = free_port()
    env = server_env(django_settings.DATABASES["default"], tmp, port)
    collect = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert collect.returncode == 0, collect.stderr
    log = (tmp / "gunicorn.log").open("w")
    process = subprocess.Popen(  # noqa: S603
        [str(GUNICORN), "--config", str(REPO / "gunicorn.conf.py")],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, (tmp / "gunicorn.log").read_text()
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                assert time.monotonic() < deadline, (tmp / "gunicorn.log").read_text()
                time.sleep(0.2)
        yield Server(port)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


CSP_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def assert_security_headers(reply: Reply) -> None:
    """Every header docs/security.md lists, exactly once and with the documented value."""
    csp = dict(
        part.strip().split(" ", 1)
        for part in reply.header("Content-Security-Policy").split(";")
        if part.strip()
    )
    assert csp == CSP_DIRECTIVES
    assert reply.header("Strict-Transport-Security") == "max-age=63072000; includeSubDomains; preload"
    assert reply.header("X-Content-Type-Options") == "nosniff"
    assert reply.header("X-Frame-Options") == "DENY"
    assert reply.header("Referrer-Policy") == "same-origin"
    assert reply.header("Cross-Origin-Opener-Policy") == "same-origin"
    assert reply.header("Cross-Origin-Resource-Policy") == "same-origin"
    policy = reply.header("Permissions-Policy")
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "serial", "hid", "gamepad"):
        assert f"{feature}=()" in policy
    # gunicorn names itself, without a version; nothing else names the stack.
    assert reply.header("Server") == "gunicorn"
    assert not reply.all("X-Powered-By")
    assert "gunicorn/" not in str(reply.headers)
    assert "Django" not in str(reply.headers)


def assert_cookie(line: str, *, http_only: bool) -> None:
    attributes = {part.strip().split("=", 1)[0].lower() for part in line.split(";")[1:]}
    name = line.split("=", 1)[0]
    assert name.startswith("__Host-"), line
    assert "secure" in attributes, line
    assert "path=/" in line.lower().replace(" ", ""), line
    assert "domain" not in attributes, line
    assert re.search(r";\s*SameSite=Lax", line), line
    assert ("httponly" in attributes) is http_only, line


def test_healthz_answers_with_every_header(server: Server) -> None:
    reply = server.request("GET", "/healthz")
    assert reply.status == 200, reply.body
    assert_security_headers(reply)
    assert b'"status": "ok"' in reply.body or b'"status":"ok"' in reply.body


def test_plain_http_is_redirected_to_https_except_the_health_check(server: Server) -> None:
    reply = server.request("GET", "/accounts/login/", https=False)
    assert reply.status == 301
    assert reply.header("Location") == f"{ORIGIN}/accounts/login/"
    assert reply.header("Server") == "gunicorn"
    assert server.request("GET", "/healthz", https=False).status == 200


def test_static_files_are_served_with_the_headers(server: Server) -> None:
    login = server.request("GET", "/accounts/login/")
    stylesheet = re.search(rb'href="(/static/css/mallard\.[0-9a-f]+\.css)"', login.body)
    assert stylesheet is not None, "production pages link the hashed stylesheet"
    reply = server.request("GET", stylesheet.group(1).decode())
    assert reply.status == 200
    assert reply.header("X-Content-Type-Options") == "nosniff"
    assert reply.header("Cross-Origin-Resource-Policy") == "same-origin"
    assert "max-age=315360000" in reply.header("Cache-Control")


@pytest.mark.django_db(transaction=True)
def test_signing_in_and_a_signed_in_page_carry_every_header_and_cookie_attribute(
    server: Server, settings: Any
) -> None:
    # The server checks passwords with the production hashers, not the tests' fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    make_user("carol@example.com", "Carol Chen", Role.CLIENT)

    login_page = server.request("GET", "/accounts/login/")
    assert login_page.status == 200
    assert_security_headers(login_page)
    csrf_cookie = login_page.cookies()["__Host-csrftoken"]
    assert_cookie(csrf_cookie, http_only=True)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', login_page.body)
    assert token is not None
    # No inline script, style element or style attribute: the CSP above would block them.
    assert not re.search(rb"<script(?![^>]*\bsrc=)[^>]*>", login_page.body)
    assert b"<style" not in login_page.body
    assert b" style=" not in login_page.body

    forged = server.request(
        "POST", "/accounts/login/", body={"login": "carol@example.com", "password": PASSWORD}
    )
    assert forged.status == 403
    assert_security_headers(forged)

    signed_in = server.request(
        "POST",
        "/accounts/login/",
        body={
            "csrfmiddlewaretoken": token.group(1).decode(),
            "login": "carol@example.com",
            "password": PASSWORD,
        },
    )
    assert signed_in.status == 302, signed_in.body[:2000]
    assert_security_headers(signed_in)
    session_cookie = signed_in.cookies()["__Host-sessionid"]
    assert_cookie(session_cookie, http_only=True)
    assert "no-store" in signed_in.header("Cache-Control")

    today = server.request("GET", "/today/")
    assert today.status == 200, today.body[:2000]
    assert b"Carol" in today.body
    assert_security_headers(today)
    cache_control = {part.strip() for part in today.header("Cache-Control").split(",")}
    assert {"no-store", "no-cache", "private"} <= cache_control
    assert today.header("Vary")


def test_gunicorn_refuses_an_oversized_request_line_before_mallard_sees_it(server: Server) -> None:
    reply = server.request("GET", "/accounts/login/?next=" + "a" * 5000)
    assert reply.status == 414
    assert not [value for value in reply.all("Server") if value != "gunicorn"]


def test_gunicorn_refuses_a_flood_of_header_fields(server: Server) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as raw:
        fields = "".join(f"X-Filler-{number}: 1\r\n" for number in range(60))
        raw.sendall(f"GET /healthz HTTP/1.1\r\nHost: {HOST}\r\n{fields}\r\n".encode())
        status_line = raw.recv(200).split(b"\r\n", 1)[0]
    assert status_line.startswith(b"HTTP/1.1 431"), status_line
