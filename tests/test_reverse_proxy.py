"""The proxy set-ups in docs/deployment.md hide a forged X-Forwarded-For from Mallard.

A visitor who sends their own X-Forwarded-For must not escape the failed sign-in limits or write
a false address into the audit trail, and two visitors behind the proxy must not share one
address. The first tests apply the documented header rules (nginx's and Caddy's) by hand; the last
starts Debian's nginx with the documented block in front of the live server and sends real
requests through it, from several loopback addresses.
"""

from __future__ import annotations

import grp
import http.client
import os
import pwd
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from django.conf import settings as django_settings
from django.test import Client

from conftest import PASSWORD
from mallard.models import AuditEntry, User

DOC = Path(__file__).resolve().parents[1] / "docs" / "deployment.md"
TOO_MANY = "Too many failed login attempts. Try again later."
PROXY = "127.0.0.1"
FORGED = "6.6.6.6"
# What each documented value of X-Forwarded-For makes of (the visitor's header, their address).
OVERWRITE = {"$remote_addr", "{remote_host}"}
APPEND = {"$proxy_add_x_forwarded_for"}


def documented_block(language: str) -> str:
    section = DOC.read_text().split("## Behind a TLS-terminating proxy", 1)[1].split("\n## ", 1)[0]
    match = re.search(rf"```{language}\n(.*?)```", section, flags=re.DOTALL)
    assert match is not None, f"docs/deployment.md shows no {language} block behind a proxy"
    return match.group(1)


def forwarded_for(block: str, sent: str, peer: str) -> str:
    """The X-Forwarded-For that Mallard receives when ``peer`` sends ``sent`` through ``block``."""
    match = re.search(r"(?:proxy_set_header|header_up)\s+X-Forwarded-For\s+(\S+?);?\s*(?:#.*)?$", block, re.M)
    value = match.group(1) if match else None
    if value in OVERWRITE:
        return peer
    if value in APPEND:
        return f"{sent}, {peer}" if sent else peer
    return sent  # a header nobody sets passes through as the visitor wrote it


def outcome(status: int, body: str) -> str:
    if status == 302:
        return "signed in"
    return "refused" if TOO_MANY in body else "wrong"


@pytest.mark.parametrize("language", ["nginx", "caddy"])
def test_the_documented_header_rules_hide_a_forged_address(
    language: str, client_user: User, therapist: User, settings: Any
) -> None:
    settings.MALLARD_PROXY_HOPS = 1
    block = documented_block(language)

    def sign_in(browser: Client, password: str, sent: str, peer: str) -> str:
        response = browser.post(
            "/accounts/login/",
            {"login": client_user.email, "password": password},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded_for(block, sent, peer),
        )
        return outcome(response.status_code, response.content.decode())

    attacker = Client()
    guesses = [sign_in(attacker, f"guess-{n}", f"6.6.6.{n}", "198.51.100.7") for n in range(8)]
    assert guesses == ["wrong"] * 5 + ["refused"] * 3
    assert sign_in(Client(), PASSWORD, FORGED, "203.0.113.9") == "signed in"

    reader = Client()
    reader.force_login(therapist)
    reader.get(
        f"/clients/{client_user.pk}/homework/",
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for(block, FORGED, "203.0.113.4"),
    )
    assert set(AuditEntry.objects.values_list("remote_addr", flat=True)) == {"203.0.113.4"}


def test_the_rules_know_what_a_proxy_that_sets_nothing_does() -> None:
    """The check above could not fail if the rules read every block as safe."""
    assert (
        forwarded_for("location / {\n    proxy_pass http://127.0.0.1:8000;\n}\n", FORGED, "198.51.100.7")
        == FORGED
    )
    appending = "    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
    assert forwarded_for(appending, FORGED, "198.51.100.7") == f"{FORGED}, 198.51.100.7"


# --- Through a real nginx ---------------------------------------------------------------------

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def nginx_conf(prefix: Path, port: int, upstream: str) -> str:
    location = documented_block("nginx").replace("http://127.0.0.1:8000", upstream)
    user = ""
    if os.geteuid() == 0:  # workers would otherwise switch to "nobody"
        user = f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};"
    temp = "\n".join(
        f"    {kind}_temp_path {prefix / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}
worker_processes 1;
daemon off;
pid {prefix / "nginx.pid"};
error_log {prefix / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
{temp}
    server {{
        listen 127.0.0.1:{port};
{location}
    }}
}}
"""


@pytest.fixture
def nginx(live_server: Any, tmp_path: Path, settings: Any) -> Iterator[int]:
    if NGINX is None:
        pytest.skip(
            "nginx is not installed (scripts/ensure-nginx installs Debian's nginx-light): "
            "the documented header rules were checked without it, by "
            "test_the_documented_header_rules_hide_a_forged_address"
        )
    settings.MALLARD_PROXY_HOPS = 1
    port = free_port()
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx_conf(tmp_path, port, live_server.url))
    check = subprocess.run(  # noqa: S603
        [NGINX, "-t", "-q", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(conf)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen(  # noqa: S603
        [NGINX, "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
                assert time.monotonic() < deadline, "nginx did not start"
                time.sleep(0.05)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


class Visitor:
    """A browser at one loopback address, talking to nginx, with a cookie jar of its own."""

    def __init__(self, port: int, address: str) -> None:
        self.port = port
        self.address = address
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str = "", forged: str = FORGED) -> tuple[int, str]:
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(self.address, 0)
        )
        headers = {
            "X-Forwarded-For": forged,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body.encode(), headers=headers)
        response = connection.getresponse()
        content = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response.status, content

    def sign_in(self, email: str, password: str, forged: str) -> str:
        _, page = self.request("GET", "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None, page[:500]
        form = urlencode({"csrfmiddlewaretoken": token.group(1), "login": email, "password": password})
        return outcome(*self.request("POST", "/accounts/login/", form, forged=forged))


@pytest.mark.django_db(transaction=True)
def test_through_nginx_a_forged_address_moves_neither_the_limits_nor_the_audit_trail(
    nginx: int, client_user: User, therapist: User
) -> None:
    attacker = Visitor(nginx, "127.0.0.2")
    guesses = [attacker.sign_in(client_user.email, f"guess-{n}", forged=f"6.6.6.{n}") for n in range(8)]
    assert guesses == ["wrong"] * 5 + ["refused"] * 3
    # Carol, behind the same proxy at another address, is not held back by the attacker.
    assert Visitor(nginx, "127.0.0.3").sign_in(client_user.email, PASSWORD, forged=FORGED) == "signed in"

    reader = Client()
    reader.force_login(therapist)
    alice = Visitor(nginx, "127.0.0.4")
    alice.cookies[django_settings.SESSION_COOKIE_NAME] = reader.cookies[
        django_settings.SESSION_COOKIE_NAME
    ].value
    status, _ = alice.request("GET", f"/clients/{client_user.pk}/homework/")
    assert status == 200
    assert set(AuditEntry.objects.values_list("remote_addr", flat=True)) == {"127.0.0.4"}
