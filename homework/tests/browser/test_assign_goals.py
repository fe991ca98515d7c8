"""The assign form's goal list follows the client list in a real browser (js/assign-goals.js):
only the chosen client's goals are listed, every client's under their name while none is chosen.
Every page reached is checked with axe."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD, make_user
from homework import services
from homework.models import Kind, Template
from mallard.models import CareRelationship, Role, User
from mallard.tests.browser.helpers import finish_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Axe = Callable[[Any], None]
CHOOSE = "Choose a client"
NONE = "No particular goal"


def listed(page: Page) -> list[tuple[str, str]]:
    """The goal list as a person reads it: (the group's label, the option's text), in order."""
    goal = page.get_by_label(re.compile(r"^\s*Goal it works towards"))
    rows: list[tuple[str, str]] = goal.evaluate(
        """select => Array.from(select.options).map(option =>
            [option.parentElement.tagName === "OPTGROUP" ? option.parentElement.label : "", option.text])"""
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]


def test_the_goal_list_shows_the_chosen_clients_goals(
    live_server: Any,
    page: Page,
    therapist: User,
    client_user: User,
    axe_check: Axe,
    builtin_library: None,
) -> None:
    page.set_default_timeout(5_000)
    erin = make_user("erin@example.com", "Erin Evans", Role.CLIENT)
    CareRelationship.objects.create(therapist=therapist, client=erin)
    services.create_goal(client=client_user, created_by=therapist, text="Sleep before midnight")
    services.create_goal(client=erin, created_by=therapist, text="Walk to work")
    template = Template.objects.create(
        owner=therapist,
        kind=Kind.JOURNAL,
        title="Three good things",
        instructions="Write three things that went well today.",
        rationale="Noticing what goes well balances a mind that looks for threats.",
        smaller_version="Write one thing.",
        prompt="What went well today, and why?",
    )
    site = live_server.url
    page.goto(f"{site}/accounts/login/")
    page.get_by_label(re.compile(r"^\s*Email")).fill("alice@example.com")
    page.get_by_label(re.compile(r"^\s*Password")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    finish_sign_in(page, "alice@example.com")

    page.goto(f"{site}/library/{template.pk}/assign/")
    expect(page.get_by_role("heading", name="Assign “Three good things”")).to_be_visible()
    axe_check(page)
    every = [("", NONE), ("Carol Chen", "Sleep before midnight"), ("Erin Evans", "Walk to work")]
    assert listed(page) == every

    client_list = page.get_by_label(re.compile(r"^\s*Client"))
    client_list.select_option(label="Erin Evans (erin@example.com)")
    assert listed(page) == [("", NONE), ("", "Walk to work")]
    goal = page.get_by_label(re.compile(r"^\s*Goal it works towards"))
    goal.select_option(label="Walk to work")
    axe_check(page)

    # Another client: Erin's goal goes from the list, and no goal stays chosen.
    client_list.select_option(label="Carol Chen (carol@example.com)")
    assert listed(page) == [("", NONE), ("", "Sleep before midnight")]
    expect(goal).to_have_value("")
    # Back to no client: every client's goals again, grouped under their names.
    client_list.select_option(label=CHOOSE)
    assert listed(page) == every

    # Chosen in the link (?client=): the page lists that client's goals, and follows a change.
    page.goto(f"{site}/library/{template.pk}/assign/?client={erin.pk}")
    assert listed(page) == [("", NONE), ("", "Walk to work")]
    axe_check(page)
    page.get_by_label(re.compile(r"^\s*Client")).select_option(label="Carol Chen (carol@example.com)")
    assert listed(page) == [("", NONE), ("", "Sleep before midnight")]
    page.get_by_label(re.compile(r"^\s*Goal it works towards")).select_option(label="Sleep before midnight")
    page.get_by_role("button", name="Assign homework").click()
    expect(page.get_by_role("heading", name="Carol Chen's homework")).to_be_visible()
    axe_check(page)
