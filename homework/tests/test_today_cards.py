"""Today's cards: their words and links prepared once per page, and the page's card markup."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, time, timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from homework import hooks, services
from homework.forms.client import NotDoneForm
from homework.hooks import OwnReminder, ReminderOutcome
from homework.models import Assignment, Kind, Log, LogStatus, NotDoneReason, Occurrence, Recurrence
from homework.selectors.today import CardLinks, TodayCard, reminder_text, today_page
from homework.tests.conftest import make_assignment, today_occurrence
from homework.views import client as views
from mallard.models import User

pytestmark = pytest.mark.django_db


def _cards(client_user: User) -> list[views.ShownCard]:
    sections = views._shown_cards(today_page(client_user, services.client_today(client_user)))
    return [*sections.due, *sections.overdue, *sections.logged, *sections.later]


def test_each_card_links_to_its_own_occurrence_and_assignment(therapist: User, client_user: User) -> None:
    first = make_assignment(therapist, client_user, Kind.THOUGHT_RECORD)
    second = make_assignment(therapist, client_user, Kind.JOURNAL)
    cards = _cards(client_user)
    assignments = {card.title: card for card in cards}
    assert set(assignments) == {first.title, second.title}
    for assignment in (first, second):
        card = assignments[assignment.title]
        pk = card.id
        assert card.id_text == str(pk)
        assert Occurrence.objects.get(pk=pk).assignment == assignment
        assert card.links == CardLinks(
            quick_log=reverse("homework-quick-log", args=[pk]),
            not_done=reverse("homework-not-done", args=[pk]),
            entry_form=reverse("homework-entry-form", args=[pk]),
            assignment=reverse("homework-assignment", args=[assignment.pk]),
            ask=reverse("homework-ask", args=[assignment.pk]),
            reminders=reverse("reminders-preferences"),
        )


def test_no_cards_means_no_work(client_user: User) -> None:
    page = today_page(client_user, services.client_today(client_user))
    assert views._shown_cards(page) == views.ShownSections(due=[], overdue=[], logged=[], later=[])
    assert not Occurrence.objects.filter(client=client_user).exists()


def test_the_not_done_fields_come_from_the_form() -> None:
    fields = views.NotDoneFields.of(NotDoneForm())
    assert fields.reason_label == "What got in the way?"
    assert fields.reasons == [
        (choice.value, choice.label, str(index)) for index, choice in enumerate(NotDoneReason)
    ]
    assert fields.note_label == "Anything you'd like to add? (optional)"
    assert (fields.note_cols, fields.note_rows, fields.note_max_length) == ("40", "2", "500")


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


def test_a_card_shows_the_agreed_time_as_best_and_the_clients_own_as_the_reminder() -> None:
    card = _card(due=TODAY, opens=TODAY)
    card.slots = [card.occurrence]
    card.assignment.preferred_time = time(12, 30)
    card.assignment.client_time = time(11, 29)
    links = CardLinks(quick_log="/log/3/", not_done="/not-done/3/", entry_form="/entry/3/", assignment="/a/")
    shown = card.shown(TODAY, links)
    assert (shown.preferred, shown.reminder) == ("12:30", "reminder at 11:29")
    card.assignment.preferred_time = None
    assert card.shown(TODAY, links).reminder == "Reminder at 11:29"
    card.assignment.client_time = None
    assert card.shown(TODAY, links).reminder == ""


@pytest.mark.parametrize(
    ("own", "said"),
    [
        (OwnReminder.as_chosen(time(22, 0)), "reminder at 22:00"),
        (
            OwnReminder(chosen=time(22, 0), outcome=ReminderOutcome.AFTER_QUIET_HOURS, at=time(23, 0)),
            "reminder at 23:00 (after your quiet hours)",
        ),
        (
            OwnReminder(chosen=time(22, 0), outcome=ReminderOutcome.IN_QUIET_HOURS, at=None),
            "no reminder: 22:00 is in your quiet hours",
        ),
        (OwnReminder(chosen=time(22, 0), outcome=ReminderOutcome.OFF, at=None), "reminders are off"),
    ],
)
def test_a_card_says_when_the_reminder_at_the_clients_own_time_actually_comes(
    own: OwnReminder, said: str
) -> None:
    card = _card(due=TODAY, opens=TODAY)
    card.assignment.preferred_time = time(8, 0)
    card.assignment.client_time = time(22, 0)
    links = CardLinks(quick_log="/log/3/", not_done="/not-done/3/", entry_form="/entry/3/", assignment="/a/")
    assert card.shown(TODAY, links, own=own).reminder == said
    assert reminder_text(own) == said
    # What was worked out for another time (the client changed it since) is not said for this one.
    assert card.shown(TODAY, links, own=replace(own, chosen=time(21, 0))).reminder == "reminder at 22:00"


def test_without_an_app_that_sends_reminders_the_chosen_time_is_said_as_chosen(
    monkeypatch: pytest.MonkeyPatch, client_user: User
) -> None:
    monkeypatch.setattr(hooks, "own_reminders", [])
    assert hooks.own_reminders_for(client_user, TODAY, {7: time(22, 0)}) == {
        7: OwnReminder.as_chosen(time(22, 0))
    }
    assert hooks.own_reminders_for(client_user, TODAY, {}) == {}


def test_a_card_shows_minutes_time_and_what_was_logged() -> None:
    card = _card(due=TODAY, opens=TODAY, logged=True)
    card.slots = [card.occurrence]
    card.assignment.preferred_time = time(7, 5)
    card.occurrence.log.status = LogStatus.NOT_DONE
    card.occurrence.log.reason = NotDoneReason.FORGOT
    links = CardLinks(quick_log="/log/3/", not_done="/not-done/3/", entry_form="/entry/3/", assignment="/a/")
    shown = card.shown(TODAY, links)
    assert shown.minutes == "About 1 minute"
    assert shown.preferred == "07:05"
    assert (shown.logged, shown.logged_done) == (True, False)
    assert shown.logged_text == f"Not done this time. Reason: “{NotDoneReason.FORGOT.label}”"
    assert (shown.has_entry, shown.has_draft, shown.submitted) == (False, False, False)
    assert shown.links is links


# --- The cards as the page shows them -------------------------------------------------------------

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    children: list[Element | str] = field(default_factory=list)

    def __getitem__(self, name: str) -> str:
        value = self.attrs[name]
        assert value is not None, f"<{self.tag}> has {name} without a value"
        return value

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    @property
    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text for c in self.children]
        return " ".join(" ".join(parts).split())

    def all(self, tag: str, **attrs: str) -> list[Element]:
        """Every element below this one with ``tag`` whose attributes include ``attrs``
        (``class_`` matches one class)."""
        wanted_class = attrs.pop("class_", None)
        found = []
        for child in self.children:
            if isinstance(child, str):
                continue
            if (
                child.tag == tag
                and all(child.attrs.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())
                and (wanted_class is None or wanted_class in child.classes)
            ):
                found.append(child)
            found.extend(child.all(tag, **({"class_": wanted_class} if wanted_class else {}), **attrs))
        return found

    def one(self, tag: str, **attrs: str) -> Element:
        (found,) = self.all(tag, **attrs)
        return found


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _parse(source: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(source)
    builder.close()
    return builder.root


def _today(client: Client, user: User) -> tuple[str, Element]:
    client.force_login(user)
    response = client.get("/today/")
    assert response.status_code == 200
    source = response.content.decode()
    return source, _parse(source)


def _article(document: Element, occurrence: Occurrence) -> Element:
    return document.one("article", aria_labelledby=f"card-{occurrence.pk}-title")


def _token(form: Element) -> str:
    (field_,) = form.all("input", name="csrfmiddlewaretoken")
    assert field_["type"] == "hidden"
    assert field_["value"]
    return field_["value"]


def _walk(therapist: User, client_user: User, **fields: Any) -> Occurrence:
    spec: dict[str, Any] = {
        "title": "Walk <b>& talk</b>",
        "rationale": 'Because "moving" helps',
        "smaller_version": "",
        "estimated_minutes": 10,
        "preferred_time": time(7, 5),
    }
    spec.update(fields)
    return today_occurrence(make_assignment(therapist, client_user, Kind.SKILL_PRACTICE, **spec))


def test_a_card_escapes_what_people_wrote_and_carries_the_token_in_both_forms(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = _walk(therapist, client_user)
    pk = occurrence.pk
    source, document = _today(client, client_user)
    assert "<b>" not in source
    assert source.count("Walk &lt;b&gt;&amp; talk&lt;/b&gt;") == 3  # heading, button group, legend
    # Django writes &quot; and Jinja2 (the cards' engine) &#34;: both are the escaped quote.
    assert re.search(r"Because &(quot|#34);moving&(quot|#34); helps", source)
    card = _article(document, occurrence)
    assert card.classes == {"card", "today-card", "mb-3"}
    heading = card.one("h3", id=f"card-{pk}-title")
    assert heading.classes == {"h5", "card-title", "mb-1"}
    assert heading.one("a")["href"] == reverse("homework-assignment", args=[occurrence.assignment_id])
    assert heading.text == "Walk <b>& talk</b>"
    assert card.one("p", class_="small").text == "Skill practice and exposure"
    assert 'Why: Because "moving" helps' in card.text
    assert [li.text for li in card.one("ul").all("li")] == ["About 10 minutes", "· Best at 07:05"]
    log_form = card.one("form", action=reverse("homework-quick-log", args=[pk]))
    not_done_form = card.one("form", action=reverse("homework-not-done", args=[pk]))
    for form in (log_form, not_done_form):
        assert (form["method"], form.classes, "novalidate" in form.attrs) == ("post", {"mt-2"}, True)
    assert _token(log_form) == _token(not_done_form)
    group = log_form.one("div", role="group")
    assert group["aria-label"] == "Log Walk <b>& talk</b>"
    assert [(b["name"], b["value"], b.text) for b in group.all("button")] == [
        ("status", "done", "Done"),
        ("status", "partly", "Partly"),
    ]
    details = card.one("details", class_="not-done")
    assert details.one("summary").text == "Not done this time"
    assert not_done_form.one("legend", class_="visually-hidden").text == "Not done: Walk <b>& talk</b>"
    assert not_done_form.one("button", type="submit").text == "Save “not done”"
    assert "smaller" not in card.text.lower()
    assert card.one("a", href=reverse("homework-entry-form", args=[pk])).text == "Fill in the worksheet"
    assert not card.all("details", class_="change-log") and "Logged:" not in card.text


def test_a_card_offers_the_smaller_version_and_a_draft(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = _walk(therapist, client_user, smaller_version="One lap")
    services.save_entry(occurrence=occurrence, fields={"prompt": "p", "text": "half"}, submit=False)
    _source, document = _today(client, client_user)
    card = _article(document, occurrence)
    start_small = card.one("p", class_="start-small")
    assert start_small.text == "Start small: One lap"
    assert start_small.one("span", class_="fw-semibold").text == "Start small:"
    smaller = card.one("button", value="smaller")
    assert (smaller["name"], smaller.text) == ("status", "Did the smaller version")
    entry_form = reverse("homework-entry-form", args=[occurrence.pk])
    assert card.one("a", href=entry_form).text == "Continue your draft"
    assert "Fill in the worksheet" not in card.text


def test_a_card_offers_the_smaller_worksheet_when_nothing_is_written(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = _walk(therapist, client_user, smaller_version="One lap")
    _source, document = _today(client, client_user)
    entry_form = reverse("homework-entry-form", args=[occurrence.pk])
    card = _article(document, occurrence)
    assert card.one("a", href=entry_form).text == "Fill in the worksheet"
    assert card.one("a", href=f"{entry_form}?version=smaller").text == "Fill in the smaller version"


def test_a_logged_card_says_what_was_logged_and_keeps_the_forms_folded(
    client: Client, therapist: User, client_user: User
) -> None:
    done = today_occurrence(make_assignment(therapist, client_user, Kind.JOURNAL, preferred_time=None))
    entry = services.save_entry(occurrence=done, fields={"prompt": "p", "text": "t"}, submit=True)
    services.log_occurrence(occurrence=done, status=LogStatus.SMALLER)
    not_done = _walk(therapist, client_user)
    services.log_occurrence(occurrence=not_done, status=LogStatus.NOT_DONE, reason=NotDoneReason.FORGOT)
    _source, document = _today(client, client_user)

    card = _article(document, done)
    assert card.classes == {"card", "today-card", "mb-3", "today-card-logged"}
    status = card.one("p", class_="logged-status")
    assert status.one("span", aria_hidden="true").text == "✓"
    assert status.text == "✓ Logged: Did the smaller version"
    assert card.one("a", href=reverse("homework-entry", args=[entry.pk])).text == "See your worksheet"
    folded = card.one("details", class_="change-log")
    assert folded.all("summary")[0].text == "Change what you logged"  # then the nested “not done”
    assert len(folded.all("form")) == 2  # logging again and “not done”, both inside
    assert "Best at" not in card.text and "Fill in the worksheet" not in card.text

    card = _article(document, not_done)
    status = card.one("p", class_="logged-status")
    assert status.text == "○ Logged: Not done this time. Reason: “I forgot”"
    assert "See your worksheet" not in card.text


def test_every_cards_not_done_form_has_its_own_ids_and_the_token(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrences = [
        today_occurrence(make_assignment(therapist, client_user, kind))
        for kind in (Kind.JOURNAL, Kind.RELAXATION, Kind.THOUGHT_RECORD)
    ]
    services.log_occurrence(occurrence=occurrences[0], status=LogStatus.DONE)
    _source, document = _today(client, client_user)

    ids = [e["id"] for e in _elements(document) if "id" in e.attrs]
    assert [id_ for id_, n in Counter(ids).items() if n > 1] == []
    for label in document.all("label"):
        assert label["for"] in ids
    tokens = set()
    for occurrence in occurrences:
        pk = occurrence.pk
        form = _article(document, occurrence).one("form", action=reverse("homework-not-done", args=[pk]))
        tokens.add(_token(form))
        radios = form.all("input", type="radio")
        assert [(r["name"], r["value"], r["id"], "required" in r.attrs) for r in radios] == [
            ("reason", choice.value, f"nd{pk}_reason_{index}", True)
            for index, choice in enumerate(NotDoneReason)
        ]
        assert [(label["for"], label.text) for label in form.all("label", class_="form-check-label")] == [
            (f"nd{pk}_reason_{index}", choice.label) for index, choice in enumerate(NotDoneReason)
        ]
        legend = form.one("legend", class_="requiredField")
        assert legend.text == "What got in the way? *"
        note = form.one("textarea", name="note")
        assert (note["id"], note["maxlength"], note["rows"]) == (f"nd{pk}_note", "500", "2")
        assert form.one("label", for_=f"nd{pk}_note").text == "Anything you'd like to add? (optional)"
    assert len(tokens) == 1  # the page's token, in every form
    assert len(document.all("form", class_="mt-2")) == 2 * len(occurrences)


def _elements(element: Element) -> list[Element]:
    found = []
    for child in element.children:
        if isinstance(child, Element):
            found.append(child)
            found.extend(_elements(child))
    return found


def test_a_card_shows_the_after_i_will_plan_when_there_is_one(
    client: Client, therapist: User, client_user: User
) -> None:
    planned = _walk(
        therapist, client_user, implementation_after="stand-up", implementation_will="walk <fast>"
    )
    cue_only = _walk(therapist, client_user, title="Breathe", implementation_after="I brush my teeth")
    will_only = _walk(therapist, client_user, title="Write", implementation_will="write three lines")
    none = _walk(therapist, client_user, title="Read")
    _, document = _today(client, client_user)
    assert _article(document, planned).one("p", class_="plan").text == (
        "Your plan: After stand-up, I will walk <fast>."
    )
    assert _article(document, cue_only).one("p", class_="plan").text == "Your plan: After I brush my teeth."
    assert (
        _article(document, will_only).one("p", class_="plan").text == "Your plan: I will write three lines."
    )
    assert not _article(document, none).all("p", class_="plan")


def test_a_card_takes_an_optional_note_without_a_step_before_done(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = _walk(therapist, client_user)
    pk = occurrence.pk
    _source, document = _today(client, client_user)
    log_form = _article(document, occurrence).one("form", action=reverse("homework-quick-log", args=[pk]))
    folded = log_form.one("details", class_="log-note")
    assert "open" not in folded.attrs  # "Done" stays one tap: the note is folded away
    assert folded.one("summary").text == "Add a note"
    note = folded.one("textarea", name="note")
    assert (note["id"], note["maxlength"], note["rows"], note["aria-describedby"]) == (
        f"ql{pk}_note",
        "500",
        "2",
        f"ql{pk}_note_help",
    )
    assert note.text == ""
    assert folded.one("label", for_=f"ql{pk}_note").text == "Note (optional)"
    assert (
        folded.one("div", id=f"ql{pk}_note_help").text
        == "What happened, or what made it easier or harder. Up to 500 characters."
    )
    assert log_form.one("button", value="done").text == "Done"


def test_a_logged_card_shows_the_note_and_offers_it_to_change(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = _walk(therapist, client_user)
    services.log_occurrence(occurrence=occurrence, status=LogStatus.PARTLY, note="Rain <again>")
    _source, document = _today(client, client_user)
    card = _article(document, occurrence)
    assert card.one("p", class_="log-note-text").text == "Your note: Rain <again>"
    folded = card.one("details", class_="log-note")
    assert "open" in folded.attrs
    assert folded.one("textarea", name="note").text == "Rain <again>"


def test_a_card_still_open_from_the_past_week_links_to_its_earlier_days(
    client: Client, therapist: User, client_user: User
) -> None:
    today = services.client_today(client_user)
    a = make_assignment(therapist, client_user, Kind.JOURNAL, start=today - timedelta(days=1))
    yesterday = Occurrence.objects.get(assignment=a, due_date=today - timedelta(days=1))
    _source, document = _today(client, client_user)
    earlier = f"{reverse('homework-assignment', args=[a.pk])}#recent-heading"
    link = _article(document, yesterday).one("a", href=earlier)
    assert link.text == f"Earlier days of {a.title}: log or change them"
    assert not _article(document, today_occurrence(a)).all("a", href=earlier)  # due today: its own buttons
