"""Sign the page benchmark's personas in, pick each page's URL, and count each page's SQL queries.

Run by ``bench/pages`` in a child process with the benchmark's production
environment (``bench.harness.production_env``): ``python -m bench.prepare_pages OUT.json``.

Signing in is the real flow, through Django's test client against the same
settings, database and cache as the gunicorn workers: the e-mail and password
form, then, for the therapist, a current code from their authenticator app
(allauth's TOTP). The session cookies it ends with are the ones the load tool
sends. A generated therapist who has not enrolled an authenticator yet gets one
here, as they would on their first sign-in.

Each page's count is of its round trips to PostgreSQL on a warm request: the
statements Django logs (``CaptureQueriesContext``, which includes ``BEGIN``,
``COMMIT`` and savepoints) plus the connection health check. With
``CONN_HEALTH_CHECKS`` a persistent connection runs an unlogged ``SELECT 1``
before the first query of every request; the test client skips the
request-start bookkeeping that arms it, so ``RoundTrips`` does it as the WSGI
handler does (``close_old_connections``) and counts each check.

The bare Django floor (``bench.bare_settings``) is counted through a client
with the same session cookie and only its middleware and URLs.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from types import TracebackType
from typing import Any

import django

django.setup()

from allauth.mfa import app_settings as mfa_settings  # noqa: E402
from allauth.mfa.models import Authenticator  # noqa: E402
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value  # noqa: E402
from allauth.mfa.utils import decrypt  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench import bare_settings  # noqa: E402
from homework.models import AssignmentStatus, Kind, Occurrence  # noqa: E402
from homework.services import client_today  # noqa: E402
from mallard.access import clients_of  # noqa: E402
from mallard.models import Role, User  # noqa: E402
from sessions_app.models import TherapySession  # noqa: E402
from sessions_app.numbers import refresh_stale_caseload_numbers  # noqa: E402
from sessions_app.selectors.agreements import agreed_last_time  # noqa: E402

THERAPIST = os.environ.get("BENCH_THERAPIST", "therapist1@scale.mallard.test")
PASSWORD = os.environ.get("BENCH_PERSONA_PASSWORD", "")
HOST = "127.0.0.1"
BARE_FLOOR, MALLARDS_FLOOR = "Bare Django floor", "Mallard's floor"


@dataclass
class Page:
    name: str
    path: str
    persona: str  # "therapist", "client" or "anonymous"
    method: str = "GET"
    body: str = ""
    expect: int = 200
    server: str = "mallard"  # which gunicorn serves it: "mallard" (bench.settings) or "bare"
    # Before each run, store the caseload rows that the last run's writes made stale, as the
    # deployed worker does once each write commits (bench/refresh_numbers.py).
    worker_first: bool = False
    queries: int = 0  # round trips to PostgreSQL: statements + health_checks
    statements: int = 0  # the statements Django logs, BEGIN and COMMIT included
    health_checks: int = 0  # the connection health check's unlogged SELECT 1
    response_bytes: int = 0


@dataclass
class Prepared:
    therapist: str
    client: str
    caseload_size: int
    cookies: dict[str, str] = field(default_factory=dict)
    csrf: dict[str, str] = field(default_factory=dict)
    pages: list[Page] = field(default_factory=list)


class FormFields(HTMLParser):
    """The fields a browser would submit from the page's POST form (inputs, textareas, selects)."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._in_post_form = False
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._in_post_form = a.get("method", "").lower() == "post"
        if not self._in_post_form or (not a.get("name") and tag != "option"):
            return
        if tag == "input" and a.get("type", "text") not in ("submit", "button", "checkbox", "radio"):
            self.fields[a["name"]] = a.get("value", "")
        elif tag == "input" and "checked" in a:
            self.fields[a["name"]] = a.get("value", "on")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields[a["name"]] = ""
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and (self._select not in self.fields or "selected" in a):
            self.fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_post_form = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data


def enrol_totp(user: User) -> Authenticator:
    """The person's authenticator app, enrolled now if they have none (therapists must have one)."""
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        authenticator = TOTP.activate(user, generate_totp_secret()).instance
        cache.clear()  # nothing may remember that this person had not enrolled
    return authenticator


def totp_code(user: User) -> str:
    """A current code from the person's authenticator app."""
    secret = decrypt(enrol_totp(user).data["secret"])
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def sign_in(user: User, password: str) -> Client:
    """The real sign-in flow: e-mail and password, then the second factor when asked for it."""
    if user.role == Role.THERAPIST:
        enrol_totp(user)
    browser = Client(HTTP_HOST=HOST)
    response = browser.post(
        reverse("account_login"), {"login": user.email, "password": password}, secure=True
    )
    if response.status_code != 302:
        raise SystemExit(f"bench: signing in as {user.email} failed (status {response.status_code}).")
    if response["Location"].startswith(reverse("mfa_authenticate")):
        response = browser.post(reverse("mfa_authenticate"), {"code": totp_code(user)}, secure=True)
        if response.status_code != 302:
            raise SystemExit(f"bench: the second factor for {user.email} was refused.")
    if browser.get(reverse("bench-floor"), secure=True).status_code != 200:
        raise SystemExit(f"bench: {user.email} is not signed in after the sign-in flow.")
    return browser


class RoundTrips:
    """Every round trip to PostgreSQL inside the block, as one request in gunicorn makes them.

    Entering does what Django's handler does when a request starts (``close_old_connections``),
    which arms ``CONN_HEALTH_CHECKS``' check; the check's ``SELECT 1`` goes straight to psycopg2,
    past Django's query log, so it is counted where it is made (``is_usable``).
    """

    def __init__(self) -> None:
        self.health_checks = 0
        self._captured = CaptureQueriesContext(connection)

    def __enter__(self) -> RoundTrips:
        checked = connection.is_usable

        def counted() -> bool:
            self.health_checks += 1
            return checked()

        connection.is_usable = counted  # type: ignore[method-assign]
        self._captured.__enter__()
        close_old_connections()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._captured.__exit__(kind, error, trace)
        del connection.is_usable  # the class's method again

    @property
    def statements(self) -> int:
        return len(self._captured)

    @property
    def total(self) -> int:
        return self.statements + self.health_checks


def count_queries(browser: Client, page: Page) -> None:
    """The page's round trips on a warm request; checks it answers as the load tool will expect.

    The fewest of three warm requests: the automatic-logoff clock and the signed-in device's
    "last active" are written at most once a minute, and one of the three may carry that write.
    """
    send = browser.post if page.method == "POST" else browser.get
    data: Any = page.body if page.method == "POST" else None
    kwargs: dict[str, Any] = {"secure": True}
    if page.method == "POST":
        kwargs.update(content_type="application/x-www-form-urlencoded")
    send(page.path, data, **kwargs)  # warm the caches (session, templates)
    counts = []
    for _ in range(3):
        with RoundTrips() as trips:
            response = send(page.path, data, **kwargs)
        if response.status_code != page.expect:
            raise SystemExit(
                f"bench: {page.method} {page.path} answered {response.status_code}, not {page.expect}."
            )
        counts.append((trips.total, trips.statements, trips.health_checks))
    page.queries, page.statements, page.health_checks = min(counts)
    page.response_bytes = len(response.content)


def count_bare_floor(cookie: str, page: Page) -> None:
    """The bare floor's round trips, through its own middleware and URLs, with the same cookie."""
    name, _, value = cookie.partition("=")
    with override_settings(
        MIDDLEWARE=bare_settings.MIDDLEWARE,
        ROOT_URLCONF=bare_settings.ROOT_URLCONF,
        LOGIN_URL=bare_settings.LOGIN_URL,
    ):
        browser = Client(HTTP_HOST=HOST)
        browser.cookies[name] = value
        count_queries(browser, page)


def pick_client(therapist: User) -> tuple[User, Occurrence]:
    """The therapist's first client (by e-mail) with a thought record open today: Today and the POST."""
    for client in clients_of(therapist).order_by("email"):
        today = client_today(client)
        occurrence = (
            Occurrence.objects.filter(
                client=client,
                assignment__kind=Kind.THOUGHT_RECORD,
                assignment__status=AssignmentStatus.ACTIVE,
                available_from__lte=today,
                due_date__gte=today,
            )
            .order_by("due_date", "pk")
            .first()
        )
        if occurrence is not None:
            return client, occurrence
    raise SystemExit(f"bench: none of {therapist.email}'s clients has a thought record open today.")


def entry_post_body(browser: Client, occurrence: Occurrence, csrf_token: str) -> str:
    """The step-one draft of a thought record, as the browser would post it from the form."""
    from urllib.parse import urlencode

    # Step 1 named: a draft with step 1 filled in would otherwise go on at step 2.
    response = browser.get(reverse("homework-entry-form", args=[occurrence.pk]) + "?step=1", secure=True)
    parser = FormFields()
    parser.feed(response.content.decode())
    data = dict(parser.fields)
    for name in data:
        if name.endswith("moods-0-name") or name == "moods-0-name":
            data[name] = "Anxious"
        elif name.endswith("moods-0-intensity"):
            data[name] = "70"
        elif name.endswith("thoughts-0-text"):
            data[name] = "I will say the wrong thing and everyone will notice."
    data.update(
        situation="Team meeting on Monday morning; I was asked to give an update.",
        hot="0",
        action="draft",
        csrfmiddlewaretoken=csrf_token,
    )
    return urlencode(data)


def summary_session(therapist: User, client: User) -> TherapySession | None:
    """The client's latest session whose summary lists "What we agreed last time", or else their
    latest: both sizes then measure the same path (the agreement rows cost two queries more)."""
    sessions = list(
        TherapySession.objects.filter(therapist=therapist, client=client).order_by("-starts_at")[:20]
    )
    with_agreements = (session for session in sessions if agreed_last_time(session).rows)
    return next(with_agreements, sessions[0] if sessions else None)


def prepare() -> Prepared:
    try:
        therapist = User.objects.get(email=THERAPIST, role=Role.THERAPIST)
    except User.DoesNotExist:
        raise SystemExit(f"bench: there is no therapist {THERAPIST} in this database.") from None
    client, occurrence = pick_client(therapist)
    session = summary_session(therapist, client)
    if session is None:
        raise SystemExit(f"bench: {client.email} has no therapy session for the pre-session summary.")

    # The caseload's stored numbers are written by the worker (after each homework write, and by
    # beat for the rest); the seeder's COPY bypasses the hooks, so do the worker's part here.
    refresh_stale_caseload_numbers()
    as_therapist = sign_in(therapist, PASSWORD)
    as_client = sign_in(client, PASSWORD)
    as_client.get(reverse("homework-today"), secure=True)  # sets the CSRF cookie, as a browser visit does
    session_cookie, csrf_cookie = settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME
    csrf_token = as_client.cookies[csrf_cookie].value
    prepared = Prepared(
        therapist=therapist.email,
        client=client.email,
        caseload_size=clients_of(therapist).count(),
        cookies={
            "therapist": f"{session_cookie}={as_therapist.cookies[session_cookie].value}",
            "client": (
                f"{session_cookie}={as_client.cookies[session_cookie].value}; {csrf_cookie}={csrf_token}"
            ),
        },
        csrf={"client": csrf_token},
    )
    entry_path = reverse("homework-entry-form", args=[occurrence.pk])
    prepared.pages = [
        Page(BARE_FLOOR, reverse("bench-floor"), "therapist", server="bare"),
        Page(MALLARDS_FLOOR, reverse("bench-floor"), "therapist"),
        Page("/healthz", reverse("mallard-healthz"), "anonymous"),
        Page("Therapist dashboard (caseload)", reverse("sessions-caseload"), "therapist", worker_first=True),
        Page("Client overview", reverse("sessions-client-overview", args=[client.pk]), "therapist"),
        Page("Pre-session summary", reverse("sessions-summary", args=[session.pk]), "therapist"),
        Page("Client's Today", reverse("homework-today"), "client"),
        Page(
            "Thought-record log (POST)",
            entry_path,
            "client",
            method="POST",
            body=entry_post_body(as_client, occurrence, csrf_token),
            expect=302,
        ),
    ]
    browsers = {"therapist": as_therapist, "client": as_client, "anonymous": Client(HTTP_HOST=HOST)}
    for page in prepared.pages:
        if page.server == "bare":
            count_bare_floor(prepared.cookies[page.persona], page)
        else:
            count_queries(browsers[page.persona], page)
    return prepared


if __name__ == "__main__":
    result = prepare()
    Path(sys.argv[1]).write_text(json.dumps(asdict(result), indent=2))
