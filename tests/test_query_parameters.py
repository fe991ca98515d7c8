"""No query string gives a server error: every GET parameter a view reads, on every URL, as
every persona, filled with hostile and id-like text (ASVS 2.2.1, 16.5).

``QUERY_PARAMETERS`` names each parameter a view reads from ``request.GET``;
``test_the_table_names_every_parameter_the_views_read`` fails when a view starts reading one
that is not listed here.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.test_hostile_input import PAYLOADS
from tests.test_url_access import _still_signed_in, _table_routes, browsers, url_for
from tests.url_walk import PERSONAS, World, world

__all__ = ["world"]  # the fixture

REPO = Path(__file__).resolve().parents[1]
APPS = ("mallard", "homework", "sessions_app", "reminders")

# URL name -> the parameters its view reads from the query string, and the URL's arguments.
QUERY_PARAMETERS: dict[str, tuple[str, ...]] = {
    "mallard-record-access": ("page",),
    "homework-history": ("q", "kind", "page"),
    "homework-not-done": ("next",),
    "homework-entry-form": ("version", "step"),
    "homework-library": ("kind", "q", "client"),
    "homework-template": ("client",),
    "homework-template-new": ("client",),
    "homework-template-create": ("client",),
    "homework-assign": ("client",),
    "homework-assignment-edit": ("next",),
    "homework-assignment-unarchive": ("to",),
    "homework-assignment-uncomplete": ("to",),
    "sessions-caseload": ("q", "sort", "dir"),
    "sessions-action-confirm": ("template",),
    "sessions-agreement-undo": ("back",),
    "reminders-log": ("page",),
    "reminders-notifications": ("page",),
}


def url_arguments(name: str, world: World) -> dict[str, Any]:
    a = world.a
    arguments: dict[str, dict[str, Any]] = {
        "homework-not-done": {"occurrence_id": a.entry.occurrence_id},
        "homework-entry-form": {"occurrence_id": a.entry.occurrence_id},
        "homework-template": {"template_id": a.template.pk},
        "homework-template-create": {"kind": "journal"},
        "homework-assign": {"template_id": a.template.pk},
        "homework-assignment-edit": {"assignment_id": a.assignment.pk},
        "homework-assignment-unarchive": {"assignment_id": a.assignment.pk},
        "homework-assignment-uncomplete": {"assignment_id": a.assignment.pk},
        "sessions-action-confirm": {"proposal_id": a.proposal.pk},
        "sessions-agreement-undo": {"session_id": a.session.pk, "assignment_id": a.assignment.pk},
    }
    return arguments.get(name, {})


# Ids that are not ids: other scripts' digits, signs, decimals, overflows; then anything at all.
ID_LIKE = ["²", "٣", "1²", "-1", "0", "1.0", " 1", "1e3", "0x1f", "9" * 19, "9" * 40, "NaN", "last", ""]
query_value = st.one_of(
    st.sampled_from(ID_LIKE),
    st.integers(-(2**70), 2**70).map(str),
    st.sampled_from(PAYLOADS),
    st.text(max_size=40),
    st.builds(lambda char, n: char * n, st.sampled_from(["9", "é", "😀", "%", "&"]), st.integers(1, 3000)),
)
FUZZ = hypothesis_settings(
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


def with_query(url: str, values: dict[str, str]) -> str:
    return f"{url}?{urlencode(values)}"


def server_errors(client: Client, url: str, persona: str) -> list[str]:
    status = client.get(url).status_code
    return [f"GET {url[:300]} as {persona}: {status}"] if status >= 500 else []


def test_the_table_names_every_parameter_the_views_read() -> None:
    read: set[str] = set()
    for app in APPS:
        for path in [*(REPO / app).glob("views.py"), *(REPO / app / "views").glob("*.py")]:
            read |= _parameters_in(path)
    listed = {name for names in QUERY_PARAMETERS.values() for name in names}
    assert read, "found no view that reads the query string: the scan is broken"
    assert sorted(read - listed) == [], "query parameters read by a view and missing from QUERY_PARAMETERS"


def _parameters_in(path: Path) -> set[str]:
    source = path.read_text()
    names = set(re.findall(r"GET\.get\(\"(\w+)\"", source))
    module = importlib.import_module(".".join(path.relative_to(REPO).with_suffix("").parts))
    # Forms bound to the query string read all their fields from it.
    for form_name in re.findall(r"(\w+Form)\(request\.GET", source):
        form_class = getattr(module, form_name)
        names |= set(form_class.base_fields)
    # A view that reads its form from the POST or, on a GET, from the query string.
    if re.search(r"request\.POST if request\.method == \"POST\" else request\.GET", source):
        for form_name in re.findall(r"(\w+Form)\(data\b", source):
            names |= set(getattr(module, form_name).base_fields)
    return names


@pytest.mark.parametrize("name", sorted(QUERY_PARAMETERS))
@hypothesis_settings(FUZZ, max_examples=12)
@given(data=st.data())
def test_hostile_values_in_each_parameter_a_view_reads_never_give_a_server_error(
    world: World, name: str, data: st.DataObject
) -> None:
    values = {parameter: data.draw(query_value, label=parameter) for parameter in QUERY_PARAMETERS[name]}
    url = with_query(reverse(name, kwargs=url_arguments(name, world)), values)
    clients = browsers(world)
    errors = []
    with transaction.atomic():
        for persona in PERSONAS:
            errors += server_errors(clients[persona], url, persona)
        transaction.set_rollback(True)
    assert not errors, "\n".join(errors)


ALL_PARAMETERS = sorted({name for names in QUERY_PARAMETERS.values() for name in names})


@hypothesis_settings(FUZZ, max_examples=1)
@given(values=st.fixed_dictionaries(dict.fromkeys(ALL_PARAMETERS, query_value)))
@example(values=dict.fromkeys(ALL_PARAMETERS, "²"))
def test_every_parameter_on_every_url_never_gives_a_server_error(
    world: World, values: dict[str, str]
) -> None:
    """Every URL pattern (the admin's and allauth's too) as every persona, with every parameter
    any view reads: a parameter a view does not expect must be as harmless as one it does."""
    clients = browsers(world)
    errors = []
    with transaction.atomic():
        for route, entry in _table_routes():
            url = with_query(url_for(route, entry, world), values)
            for persona in PERSONAS:
                errors += server_errors(_still_signed_in(clients[persona], world, persona), url, persona)
        transaction.set_rollback(True)
    assert not errors, "\n".join(errors)
