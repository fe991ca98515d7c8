"""Today's cards are prepared once per page: their words, links and “not done” fields with their own ids."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from homework import services
from homework.models import Kind, Occurrence
from homework.selectors.today import today_page
from homework.tests.conftest import make_assignment
from homework.views import client as views
from mallard.models import User

pytestmark = pytest.mark.django_db


def _cards(client_user: User) -> list[views.ShownCard]:
    sections = views._shown_cards(today_page(client_user, services.client_today(client_user)))
    return [*sections["due"], *sections["overdue"], *sections["logged"]]


def test_each_card_links_to_its_own_occurrence_and_assignment(therapist: User, client_user: User) -> None:
    first = make_assignment(therapist, client_user, Kind.THOUGHT_RECORD)
    second = make_assignment(therapist, client_user, Kind.JOURNAL)
    cards = _cards(client_user)
    assignments = {card["title"]: card for card in cards}
    assert set(assignments) == {first.title, second.title}
    for assignment in (first, second):
        card = assignments[assignment.title]
        pk = card["id"]
        assert Occurrence.objects.get(pk=pk).assignment == assignment
        assert card["links"] == {
            "quick_log": reverse("homework-quick-log", args=[pk]),
            "not_done": reverse("homework-not-done", args=[pk]),
            "entry_form": reverse("homework-entry-form", args=[pk]),
            "assignment": reverse("homework-assignment", args=[assignment.pk]),
        }
        assert f'id="nd{pk}_reason_0"' in str(card["not_done_form"])
        assert views.NOT_DONE_IDS not in str(card["not_done_form"])


def test_the_fields_are_rendered_once_per_language_outside_debug(
    therapist: User, client_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_assignment(therapist, client_user, Kind.JOURNAL)
    views._cached_not_done_fields.cache_clear()
    calls: list[int] = []
    original = views._render_not_done_fields

    def counted() -> str:
        calls.append(1)
        return original()

    monkeypatch.setattr(views, "_render_not_done_fields", counted)
    _cards(client_user)
    _cards(client_user)
    assert len(calls) == 1
    with override_settings(DEBUG=True):
        _cards(client_user)
    assert len(calls) == 2
    views._cached_not_done_fields.cache_clear()


def test_no_cards_means_no_work(client_user: User) -> None:
    page = today_page(client_user, services.client_today(client_user))
    assert views._shown_cards(page) == {"due": [], "overdue": [], "logged": []}
    assert not Occurrence.objects.filter(client=client_user).exists()
