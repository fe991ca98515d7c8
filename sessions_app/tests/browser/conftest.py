"""Fixtures for the sessions journeys: a live server with the built-in homework library loaded."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from homework.library import load_builtin_library
from homework.models import Template


@pytest.fixture
def site(live_server: Any, settings: Any) -> str:
    """The live server's base URL. Transactional tests flush the table the data migration
    filled, so the built-in library (which "Make it an assignment" starts from) is loaded again."""
    load_builtin_library(Template)
    settings.SITE_URL = live_server.url
    mail.outbox.clear()
    return str(live_server.url)


@pytest.fixture(autouse=True)
def _fail_fast(page: Page) -> None:
    # A missing element should fail in seconds, not Playwright's default 30.
    page.set_default_timeout(5_000)
    expect.set_options(timeout=5_000)
