"""The demo's worksheets read as if written on the day they are dated."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import time_machine

from homework import demo
from homework.forms.entries import FORMS
from homework.models import ENTRY_MODELS, Entry, Kind, Log
from mallard import demo as mallard_demo
from mallard.lib.dates import WEEKDAYS, local_date

WEEKDAY_WORD = re.compile(rf"\b({'|'.join(WEEKDAYS)})s?\b", re.IGNORECASE)


def named_weekdays(text: str) -> set[str]:
    return {match.capitalize() for match in WEEKDAY_WORD.findall(text)}


def test_it_finds_weekday_names() -> None:
    assert named_weekdays("Saturday afternoon, and on Sundays; sunday too. Mondayish") == {
        "Saturday",
        "Sunday",
    }


# A Thursday: the demo dates its entries from it backwards, over every day of the week.
@pytest.mark.django_db
@time_machine.travel(datetime(2026, 12, 3, 15, 0, tzinfo=UTC), tick=False)
def test_no_seeded_entry_names_a_weekday_other_than_its_own_dates() -> None:
    people = mallard_demo.seed()
    demo.seed(people)
    entries = list(Entry.objects.select_related("client"))
    assert len({local_date(e.created_at, e.client.zone).weekday() for e in entries}) == 7
    wrong = []
    for entry in entries:
        day = local_date(entry.created_at, entry.client.zone)
        others = named_weekdays(entry.search_text) - {WEEKDAYS[day.weekday()]}
        if others:
            wrong.append(f"{entry.kind} of {WEEKDAYS[day.weekday()]} {day}: names {sorted(others)}")
    for log in Log.objects.select_related("client").exclude(note=""):
        day = local_date(log.logged_at, log.client.zone)
        if others := named_weekdays(log.note) - {WEEKDAYS[day.weekday()]}:
            wrong.append(f"log note of {WEEKDAYS[day.weekday()]} {day}: names {sorted(others)}")
    assert wrong == []


# Minutes are asked once (docs/homework.md): where the worksheet asks them, its log says the same.
@pytest.mark.django_db
@time_machine.travel(datetime(2026, 12, 3, 15, 0, tzinfo=UTC), tick=False)
def test_every_seeded_entry_with_minutes_agrees_with_its_log() -> None:
    people = mallard_demo.seed()
    demo.seed(people)
    checked = 0
    wrong = []
    for kind, form in FORMS.items():
        if not form.minutes_field:
            continue
        for entry in ENTRY_MODELS[kind].objects.filter(is_draft=False).select_related("occurrence__log"):
            if kind == Kind.SKILL_PRACTICE and not getattr(entry, "is_exposure", False):
                continue  # its worksheet has no minutes question; the log keeps its own
            minutes = getattr(entry, form.minutes_field)
            checked += 1
            if entry.occurrence.log.minutes_spent != minutes:
                wrong.append(
                    f"{kind} {entry.occurrence.due_date}: {minutes} vs {entry.occurrence.log.minutes_spent}"
                )
    assert checked > 0
    assert wrong == []
