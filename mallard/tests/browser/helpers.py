"""Helpers the browser tests share: reading links out of e-mail and finding form fields."""

from __future__ import annotations

import re

from django.core import mail
from playwright.sync_api import Locator, Page


def link_in_last_email(to: str, path_prefix: str) -> str:
    """The first link in the newest e-mail to ``to`` whose path starts with ``path_prefix``."""
    messages = [message for message in mail.outbox if to in message.to]
    assert messages, f"no e-mail was sent to {to}"
    match = re.search(rf"https?://[^\s\"<>]+{re.escape(path_prefix)}[^\s\"<>]*", str(messages[-1].body))
    assert match, f"no {path_prefix} link in the e-mail to {to}:\n{messages[-1].body}"
    return match.group(0)


def field(page: Page, label: str) -> Locator:
    """A form control by its exact label; crispy-forms marks required fields with a trailing ``*``."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))
