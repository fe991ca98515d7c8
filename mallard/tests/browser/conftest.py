"""Fixtures for the browser layer: a live server whose e-mail links point at itself."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Page, expect


@pytest.fixture
def site(live_server: Any, settings: Any) -> str:
    """The live server's base URL, with invitation links built for it."""
    settings.SITE_URL = live_server.url
    mail.outbox.clear()
    return str(live_server.url)


@pytest.fixture(autouse=True)
def _fail_fast(page: Page) -> None:
    # A missing element should fail in seconds, not Playwright's default 30.
    page.set_default_timeout(5_000)
    expect.set_options(timeout=5_000)
