"""Today's cards are prepared once per page: their words, links and “not done” fields with their own ids."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.test import override_settings
from django.urls import reverse

from homework import services
from homework.models import Assignment, Kind, Log, LogStatus, NotDoneReason, Occurrence, Recurrence
from homework.selectors.today import TodayCard, today_page
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


TODAY = date(2026, 6, 10)  # a Wednesday


def _card(
    *, due: date, opens: date, quota: bool = False, logged: bool = False, open_slots: int = 1
) -> TodayCard:
    recurrence = Recurrence.TIMES_PER_WEEK if quota else Recurrence.DAILY
    assignment = Assignment(
        title="Walk", kind=Kind.SKILL_PRACTICE, recurrence=recurrence, estimated_minutes=1
    )
    slots = []
    for slot in range(3):
        occurrence = Occurrence(
            pk=slot + 1, assignment=assignment, due_date=due, available_from=opens, slot=slot
        )
        if slot >= open_slots:
            occurrence.log = Log(status=LogStatus.DONE)
        slots.append(occurrence)
    first = slots[-1] if logged else slots[0]
    return TodayCard(occurrence=first, slots=slots if quota else [first])


@pytest.mark.parametrize(
    ("card", "when"),
    [
        (_card(due=TODAY, opens=TODAY), ""),
        (_card(due=date(2026, 6, 12), opens=TODAY), " · Any day until Friday 12 June"),
        (_card(due=date(2026, 6, 8), opens=date(2026, 6, 8)), " · Still open from Monday 8 June"),
        (
            _card(due=date(2026, 6, 14), opens=date(2026, 6, 8), quota=True, open_slots=2),
            " · 2 of 3 this week left",
        ),
        (
            _card(due=date(2026, 6, 7), opens=date(2026, 6, 1), quota=True, open_slots=1),
            " · 1 of 3 from the week ending Sunday 7 June still open",
        ),
        (
            _card(due=date(2026, 6, 14), opens=date(2026, 6, 8), quota=True, logged=True),
            " · One of your 3 for the week ending Sunday 14 June",
        ),
    ],
)
def test_a_card_says_when_it_is_due(card: TodayCard, when: str) -> None:
    assert card.when(TODAY) == when


def test_a_card_shows_minutes_time_and_what_was_logged() -> None:
    card = _card(due=TODAY, opens=TODAY, logged=True)
    card.slots = [card.occurrence]
    card.assignment.preferred_time = time(7, 5)
    card.occurrence.log.status = LogStatus.NOT_DONE
    card.occurrence.log.reason = NotDoneReason.FORGOT
    shown = card.shown(TODAY)
    assert shown["minutes"] == "About 1 minute"
    assert shown["preferred"] == "07:05"
    assert (shown["logged"], shown["logged_done"]) == (True, False)
    assert shown["logged_text"] == f"Not done this time. Reason: “{NotDoneReason.FORGOT.label}”"
    assert (shown["has_entry"], shown["has_draft"], shown["submitted"]) == (False, False, False)


def _shown(**changes: object) -> views.ShownCard:
    card: views.ShownCard = {
        "id": 7,
        "title": "Walk <b>& talk</b>",
        "kind_label": "Skill practice",
        "when": " · Any day until Friday 12 June",
        "rationale": 'Because "moving" helps',
        "minutes": "About 10 minutes",
        "preferred": "07:05",
        "smaller_version": "",
        "logged": False,
        "logged_done": False,
        "logged_text": "",
        "has_entry": False,
        "has_draft": False,
        "submitted": False,
        "not_done_form": '<div id="nd7_reason">fields</div>',
        "links": {
            "quick_log": "/log/7/",
            "not_done": "/not-done/7/",
            "entry_form": "/entry/7/",
            "assignment": "/assignment/3/",
        },
    }
    card.update(changes)
    return card


CSRF = '<input type="hidden" name="csrfmiddlewaretoken" value="tok">'


def test_a_card_escapes_what_people_wrote_and_carries_the_token_in_both_forms() -> None:
    html = str(views.card_markup(_shown(), CSRF))
    assert "<b>" not in html
    assert html.count("Walk &lt;b&gt;&amp; talk&lt;/b&gt;") == 3  # heading, button group, legend
    assert "Because &quot;moving&quot; helps" in html
    assert html.count(CSRF) == 2
    assert '<h3 class="h5 card-title mb-1" id="card-7-title"><a href="/assignment/3/">' in html
    assert 'aria-labelledby="card-7-title"' in html
    assert (
        '<form method="post" action="/log/7/"' in html and '<form method="post" action="/not-done/7/"' in html
    )
    assert '<div id="nd7_reason">fields</div>' in html
    assert "· Best at 07:05" in html
    assert 'value="smaller"' not in html and "smaller version" not in html
    assert '<a href="/entry/7/">Fill in the worksheet</a>' in html
    assert "today-card-logged" not in html and "change-log" not in html


def test_a_card_offers_the_smaller_version_and_a_draft() -> None:
    html = str(views.card_markup(_shown(smaller_version="One lap", has_draft=True, has_entry=True), CSRF))
    assert '<span class="fw-semibold">Start small:</span> One lap' in html
    assert 'value="smaller">Did the smaller version</button>' in html
    assert '<a href="/entry/7/">Continue your draft</a>' in html
    assert "Fill in the worksheet" not in html


def test_a_logged_card_says_what_was_logged_and_keeps_the_forms_folded() -> None:
    shown = _shown(
        logged=True,
        logged_done=True,
        logged_text="Did the smaller version",
        has_entry=True,
        submitted=True,
        preferred="",
    )
    shown["links"]["entry"] = "/entries/9/"
    html = str(views.card_markup(shown, CSRF))
    assert 'class="card today-card mb-3 today-card-logged"' in html
    assert '<span aria-hidden="true">✓</span> Logged: Did the smaller version' in html
    assert '<a href="/entries/9/">See your worksheet</a>' in html
    assert '<details class="change-log"><summary>Change what you logged</summary><form' in html
    assert "Best at" not in html and "Fill in the worksheet" not in html
    not_done = str(views.card_markup(_shown(logged=True, logged_text="Not done this time."), CSRF))
    assert '<span aria-hidden="true">○</span> Logged: Not done this time.' in not_done
