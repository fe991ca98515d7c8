"""``{% jinja "name" key=value ... %}``: a fragment rendered by Django's Jinja2 backend.

For the few hot fragments whose speed was measured to matter (docs/performance.md):
Jinja2 compiles a template to Python once, and autoescapes every value as Django
does. The fragment gets only the values passed to the tag, plus the page's
``csrf_token``: the one ``{% csrf_token %}`` prints on the rest of the page, worked
out once. (The backend's own ``csrf_input`` is lazy and masks the token again each
time a form prints it.)
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template import engines
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def jinja(context: template.Context, name: str, **values: Any) -> SafeString:
    fragment = engines["jinja2"].get_template(name)
    values["csrf_token"] = str(context.get("csrf_token", ""))
    return mark_safe(fragment.render(values))  # noqa: S308  # nosec B308, B703  # Jinja2 autoescaped every value
