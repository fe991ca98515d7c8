"""The client's week on a phone (390 by 844), with axe on every page, across homework and reminders:
a "3 a week" practice assigned on a Sunday gives one slot that day and one e-mail, and new feedback
shows on Today until it is read. (Not today, honest finishing and starting small are walked in
homework/tests/browser/test_honest_journey.py.)"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from conftest import PASSWORD, upcoming
from homework import services
from homework.library import load_builtin_library
from homework.models import Kind, LogStatus, Occurrence, Recurrence, Template
from homework.tests.conftest import make_assignment
from mallard.models import User
from reminders import dispatch
from reminders.models import Channel, Reminder, ReminderKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Axe = Callable[[Any], None]


def card(page: Page, title: str) -> Any:
    return page.get_by_role("article", name=title, exact=True)


def test_a_sunday_start_gives_one_slot_and_one_email_and_new_feedback_is_read_on_a_phone(
    live_server: Any, page: Page, therapist: User, client_user: User, axe_check: Axe
) -> None:
    # The next Sunday, 10:00 in New York: the first, part week of a "3 a week" practice is today.
    with time_machine.travel(upcoming(6, 10, "America/New_York"), tick=True):
        page.set_default_timeout(5_000)
        expect.set_options(timeout=5_000)
        page.set_viewport_size({"width": 390, "height": 844})
        load_builtin_library(Template)
        site = str(live_server.url)
        today = services.client_today(client_user)
        assert today.weekday() == 6

        # 1. A "3 a week" practice is assigned on a Sunday: that part week holds one slot.
        breathing = make_assignment(
            therapist,
            client_user,
            Kind.RELAXATION,
            title="Paced breathing",
            recurrence=Recurrence.TIMES_PER_WEEK,
            times_per_week=3,
        )
        assert (
            Occurrence.objects.filter(assignment=breathing, available_from__lte=today, due_date=today).count()
            == 1
        )

        # 2. She gets one e-mail about it, with nothing clinical in it, and one reminder for the slot.
        mail.outbox.clear()
        dispatch.deliver_batch(dispatch.claim_due(now=timezone.now()))
        (message,) = mail.outbox
        assert "Paced breathing" not in f"{message.subject} {message.body}"
        slot_reminders = Reminder.objects.filter(
            user=client_user,
            kind=ReminderKind.OCCURRENCE,
            occurrence__assignment=breathing,
            occurrence__due_date=today,
        )
        assert slot_reminders.filter(channel=Channel.EMAIL).count() == 1

        page.goto(f"{site}/accounts/login/")
        page.get_by_label(re.compile(r"^\s*Email")).fill("carol@example.com")
        page.get_by_label(re.compile(r"^\s*Password")).fill(PASSWORD)
        page.get_by_role("button", name="Sign In").click()
        expect(page).to_have_url(f"{site}/today/")
        practice = card(page, "Paced breathing")
        expect(practice).to_have_count(1)
        expect(practice).to_contain_text("1 of 1 this week left")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        axe_check(page)

        # 3. Her therapist leaves feedback on a journal entry; Today says so until she reads it.
        journal = make_assignment(therapist, client_user, Kind.JOURNAL, title="Evening pages")
        entry = services.save_entry(
            occurrence=Occurrence.objects.get(assignment=journal, due_date=today, slot=1),
            fields={"text": "A calmer day than I expected"},
            submit=True,
            outcome=services.Outcome(status=LogStatus.DONE, minutes_spent=10, helpfulness=6),
        )
        services.leave_feedback(therapist=therapist, entry=entry, text="Lovely noticing. Keep going.")
        page.goto(f"{site}/today/")
        notice = page.get_by_role("region", name="From your therapist")
        expect(notice).to_contain_text("New feedback on Evening pages")
        axe_check(page)
        notice.get_by_role("button", name=re.compile(r"^New feedback on Evening pages")).click()
        expect(page.get_by_role("region", name="Feedback from your therapist")).to_contain_text(
            "Lovely noticing. Keep going."
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        axe_check(page)
        page.goto(f"{site}/today/")
        expect(page.get_by_role("region", name="From your therapist")).to_have_count(0)
