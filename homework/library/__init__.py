"""The built-in template library: data that ships with Mallard.

``builtin_templates.json`` holds every built-in template. A data migration
loads it, and ``python manage.py load_library`` loads it again after edits;
both update templates by slug and never touch therapists' own templates.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

LIBRARY_FILE = Path(__file__).with_name("builtin_templates.json")


def builtin_templates() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(LIBRARY_FILE.read_text(encoding="utf-8"))
    return data


def load_builtin_library(template_model: Any) -> int:
    """Create or update every built-in template; returns how many there are."""
    entries = builtin_templates()
    for entry in entries:
        fields = dict(entry)
        slug = fields.pop("slug")
        template_model.objects.update_or_create(slug=slug, owner=None, defaults=fields)
    return len(entries)
