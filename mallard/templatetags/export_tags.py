"""Rendering of a client's export as a readable, printable report (``mallard/export_report.html``).

The report shows the same values as the JSON export. Dates and times are shown
in the client's own time zone; every text value is escaped.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from mallard.templatetags.mallard_tags import html_datetime

register = template.Library()

EMPTY = "—"


@register.filter
def export_label(key: str) -> str:
    """A field or list name in words: ``feedback_by_id`` becomes “Feedback by ID”."""
    if key == "id":
        return "ID"
    words = key.replace("_", " ").strip()
    if words.endswith(" id"):
        words = words[:-3] + " ID"
    return words[:1].upper() + words[1:]


def export_value(value: Any, zone: ZoneInfo) -> SafeString:
    if value is None or value == "":
        return format_html("{}", EMPTY)
    if isinstance(value, bool):
        return format_html("{}", "Yes" if value else "No")
    if isinstance(value, datetime):
        local = value.astimezone(zone)
        return format_html(
            '<time datetime="{}">{}</time>', html_datetime(value), local.strftime("%a %-d %b %Y, %H:%M")
        )
    if isinstance(value, date):
        return format_html('<time datetime="{}">{}</time>', value.isoformat(), value.strftime("%a %-d %b %Y"))
    if isinstance(value, time):
        return format_html("{}", value.strftime("%H:%M"))
    if isinstance(value, str):
        return linebreaksbr(value, autoescape=True)
    return format_html("{}", value)


def _fields(row: dict[str, Any], zone: ZoneInfo, level: int) -> SafeString:
    items = format_html_join(
        "",
        '<div class="export-field"><dt>{}</dt><dd>{}</dd></div>',
        (
            (
                export_label(key),
                export_block(value, zone, level + 1)
                if isinstance(value, list | dict)
                else export_value(value, zone),
            )
            for key, value in row.items()
        ),
    )
    return format_html('<dl class="export-fields">{}</dl>', items)


@register.simple_tag
def export_block(value: Any, zone: ZoneInfo, level: int = 3) -> SafeString:
    """A list of records, a record, or a group of lists (each under a heading of ``level``)."""
    if isinstance(value, list):
        if not value:
            return format_html('<p class="export-empty">{}</p>', "None.")
        items = format_html_join(
            "",
            '<li class="export-record">{}</li>',
            (
                (_fields(row, zone, level) if isinstance(row, dict) else export_value(row, zone),)
                for row in value
            ),
        )
        return format_html('<ol class="export-list">{}</ol>', items)
    if isinstance(value, dict):
        if value and all(isinstance(item, list) for item in value.values()):
            tag = f"h{min(level, 6)}"
            return format_html_join(
                "",
                '<{0} class="export-heading">{1}</{0}>{2}',
                (
                    (tag, export_label(key), export_block(items, zone, level + 1))
                    for key, items in value.items()
                ),
            )
        return _fields(value, zone, level)
    return export_value(value, zone)
