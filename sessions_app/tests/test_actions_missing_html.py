"""The confirm page marks the fields an item's words did not fill without writing invalid HTML."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.test import Client

from homework.models import Kind
from mallard.models import User
from sessions_app.models import TherapySession
from sessions_app.tests.actions_helpers import (
    assignment_post,
    first_builtin,
    make_proposal,
    session_fixture,  # noqa: F401 (fixture)
)

pytestmark = pytest.mark.django_db


class _Elements(HTMLParser):
    """Each start tag with its attributes, duplicates kept as the parser read them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def _elements(content: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(content)
    parser.close()
    repeated = [
        (tag, name)
        for tag, attrs in parser.tags
        for name, count in Counter(name for name, _ in attrs).items()
        if count > 1
    ]
    assert repeated == [], f"elements with an attribute given twice: {repeated}"
    return [(tag, dict(attrs)) for tag, attrs in parser.tags]


def _radios(content: str, name: str) -> list[dict[str, str | None]]:
    return [
        a
        for tag, a in _elements(content)
        if tag == "input" and a.get("type") == "radio" and a.get("name") == name
    ]


def test_radios_marked_missing_have_one_class_attribute(
    client: Client, therapist: User, session: TherapySession
) -> None:
    proposal = make_proposal(session, "Thought record", Kind.THOUGHT_RECORD)
    assert "recurrence" in proposal.missing
    client.force_login(therapist)
    content = client.get(f"/proposals/{proposal.pk}/confirm/").content.decode()
    radios = _radios(content, "recurrence")
    assert radios
    for attrs in radios:
        classes = (attrs.get("class") or "").split()
        assert "form-check-input" in classes
        assert "missing-notice" in (attrs.get("aria-describedby") or "")
    [group] = [attrs for _, attrs in _elements(content) if attrs.get("id") == "div_id_recurrence"]
    assert {"inline-choices", "field-missing"} <= set((group.get("class") or "").split())
    [minutes] = [attrs for tag, attrs in _elements(content) if attrs.get("id") == "id_estimated_minutes"]
    assert "field-missing" in (minutes.get("class") or "").split()


def test_radios_marked_missing_stay_valid_when_the_form_comes_back_with_errors(
    client: Client, therapist: User, session: TherapySession
) -> None:
    proposal = make_proposal(session, "Thought record", Kind.THOUGHT_RECORD)
    template = first_builtin(Kind.THOUGHT_RECORD)
    client.force_login(therapist)
    posted = assignment_post(template, recurrence=None)
    response = client.post(f"/proposals/{proposal.pk}/confirm/", posted)
    assert response.status_code == 200
    radios = _radios(response.content.decode(), "recurrence")
    assert radios and all("form-check-input" in (a.get("class") or "").split() for a in radios)
