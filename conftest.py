"""Personas and shared fixtures for every app's tests.

alice (therapist) cares for carol (client); bob (therapist) cares for dave
(client); sam is staff. Tests that need another practice use bob and dave.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from mallard.models import CareRelationship, Role, User

# Playwright keeps an event loop running for the whole session; the live server
# and the ORM are synchronous. This is the workaround Playwright's maintainers advise.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct-horse-battery-staple"


def upcoming(weekday: int, hour: int, zone: str) -> datetime:
    """The first moment after now when it is ``hour``:00 on ``weekday`` (0 = Monday) in ``zone``.

    Browser tests that depend on the day of the week travel there with time_machine. Always ahead
    of the real clock (by under a week): Chromium judges the session cookie's expiry, which the
    server sets from the travelled clock, by the real one.
    """
    now = datetime.now(ZoneInfo(zone))
    moment = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    moment += timedelta(days=(weekday - moment.weekday()) % 7)
    if moment <= now:
        moment += timedelta(days=7)
    return moment.astimezone(UTC)


@pytest.fixture(autouse=True)
def _fast_passwords_and_clean_cache(settings: Any) -> Iterator[None]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


def make_user(email: str, name: str, role: Role, *, time_zone: str = "Europe/London", **extra: Any) -> User:
    """A person with a verified address; therapists and staff have also enrolled an authenticator app."""
    from allauth.account.models import EmailAddress

    from mallard.mfa import is_mfa_required

    user = User.objects.create_user(
        email, PASSWORD, display_name=name, role=role, time_zone=time_zone, **extra
    )
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    if is_mfa_required(user):
        enrol_totp(user)
    return user


def enrol_totp(user: User) -> None:
    """Give ``user`` a real TOTP authenticator, as the set-up page would; ``totp_code`` reads it."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from mallard.mfa import has_enrolled

    TOTP.activate(user, generate_totp_secret())
    # Learn the answer now, as the first signed-in request would, so request query counts stay put.
    assert has_enrolled(user)


def totp_code(user: User) -> str:
    """The six-digit code ``user``'s authenticator app shows now."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return totp_for_secret(decrypt(authenticator.data["secret"]))


def totp_for_secret(secret: str) -> str:
    """The code an authenticator app set up with ``secret`` shows now."""
    from allauth.mfa import app_settings as mfa_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    # A code read in the last moment of its 30 seconds may reach the server after it expired.
    left = mfa_settings.TOTP_PERIOD - time.time() % mfa_settings.TOTP_PERIOD
    if left < 1.5:
        time.sleep(left + 0.05)
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


@pytest.fixture
def therapist(db: None) -> User:
    return make_user("alice@example.com", "Alice Adeyemi", Role.THERAPIST)


@pytest.fixture
def client_user(db: None, therapist: User) -> User:
    carol = make_user("carol@example.com", "Carol Chen", Role.CLIENT, time_zone="America/New_York")
    CareRelationship.objects.create(therapist=therapist, client=carol)
    return carol


@pytest.fixture
def other_therapist(db: None) -> User:
    return make_user("bob@example.com", "Bob Brennan", Role.THERAPIST)


@pytest.fixture
def other_client(db: None, other_therapist: User) -> User:
    dave = make_user("dave@example.com", "Dave Dlamini", Role.CLIENT)
    CareRelationship.objects.create(therapist=other_therapist, client=dave)
    return dave


@pytest.fixture
def staff(db: None) -> User:
    return make_user("sam@example.com", "Sam Staff", Role.STAFF, is_staff=True, is_superuser=True)


# --- Browser layer ----------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture
def builtin_library(db: None) -> None:
    """The built-in homework templates. Transactional tests (live server, threads,
    worker processes) flush the rows the data migration made, so they load them again."""
    from homework.library import load_builtin_library
    from homework.models import Template

    load_builtin_library(Template)


@pytest.fixture
def site(live_server: Any, settings: Any, page: Any, builtin_library: None) -> str:
    """The live server's base URL, for browser journeys.

    E-mailed links point at it, the outbox starts empty and the built-in library
    is loaded. A missing element fails in 5 seconds, not 30.
    """
    from django.core import mail
    from playwright.sync_api import expect

    settings.SITE_URL = live_server.url
    mail.outbox.clear()
    page.set_default_timeout(5_000)
    expect.set_options(timeout=5_000)
    return str(live_server.url)


PHONE = {"width": 390, "height": 844}

# Elements whose right edge passes the viewport's: what makes a page scroll sideways.
_WIDE_ELEMENTS_JS = """() => {
  const width = window.innerWidth;
  const wide = [];
  for (const element of document.body.querySelectorAll("*")) {
    const right = element.getBoundingClientRect().right;
    if (right > width + 0.5) {
      const name = element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
        + (element.className && typeof element.className === "string"
           ? "." + element.className.trim().split(/\\s+/).join(".") : "");
      wide.push(name + " (" + Math.round(right) + " px)");
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wide: wide.slice(0, 8)};
}"""


def assert_fits_a_phone(page: Any) -> None:
    """At 390x844 the page does not scroll sideways. Checked at that size whatever size the
    journey uses, then the journey's size is put back."""
    before = page.viewport_size
    if before != PHONE:
        page.set_viewport_size(PHONE)
    try:
        found = page.evaluate(_WIDE_ELEMENTS_JS)
    finally:
        if before and before != PHONE:
            page.set_viewport_size(before)
    assert found["scrollWidth"] <= found["innerWidth"], (
        f"{page.url} scrolls sideways on a 390 px phone: {found['scrollWidth']} px wide. "
        f"Too wide: {', '.join(found['wide'])}"
    )


NU_PAGES = "nu-pages"


@pytest.fixture(scope="session")
def nu_pages_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the browser journeys leave each page they check, for the Nu HTML checker that
    tests/test_valid_html.py runs once over all of them at the end of the run."""
    folder = tmp_path_factory.getbasetemp() / NU_PAGES
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture
def axe_check(nu_pages_dir: Path, request: pytest.FixtureRequest) -> Callable[[Any], None]:
    """Check a page a browser journey has reached. Every journey calls it on every page:

    - no WCAG 2.1 AA violations that axe-core can find;
    - no sideways scrolling at 390x844 (``assert_fits_a_phone``);
    - the page's HTML is kept for the one Nu HTML checker run at the end (tests/test_valid_html.py).
    """
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page: Any) -> None:
        results = axe.run(
            page,
            options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}},
        )
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
        assert_fits_a_phone(page)
        keep_for_nu_checker(nu_pages_dir, page.url, page.content(), request.node.nodeid)

    return check


def keep_for_nu_checker(folder: Path, url: str, html: str, test: str) -> None:
    number = len(list(folder.glob("*.html"))) + 1
    path = folder / f"{number:04d}.html"
    path.write_text(html, encoding="utf-8")
    with (folder / "index.tsv").open("a", encoding="utf-8") as index:
        index.write(f"{path.name}\t{url}\t{test}\n")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under a tests/browser/ folder is a browser test (select with -m browser). The
    valid-HTML check runs last, over the pages every journey before it kept."""
    for item in items:
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)
    last = [item for item in items if item.path.name == "test_valid_html.py"]
    for item in last:
        items.remove(item)
    items.extend(last)
