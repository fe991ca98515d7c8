"""Every form, sent invalid in a real browser, answers with the error summary: focus on it, a link
to each field, and a title starting "Error:" (templates/mallard/error_summary.html).

``FORM_TEMPLATES`` and ``FORM_VIEWS`` name every page with a form, and
``test_every_form_has_an_invalid_submission_case`` fails when a template or a form view is added
without a case here (or a reason in ``NOTHING_TO_GET_WRONG``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from conftest import PASSWORD, totp_code
from homework import services
from homework.models import Kind, Template
from homework.services import MoodData, ThoughtData
from mallard.models import User
from mallard.tests.browser.helpers import field, link_in_last_email, unused_totp_code
from measures import services as measures_services
from measures.models import MeasureWindow, Schedule
from sessions_app.action_items import refresh_proposals
from sessions_app.models import ProposedAction, SessionStatus
from sessions_app.tests.dashboard_helpers import daily_since, days_ago, make_session, occurrence_on

Axe = Callable[[Any], None]

# Templates that render a Django form: the key is the template, the value says which case below
# sends it invalid.
FORM_TEMPLATES = {
    "account/login.html": "sign in",
    "account/signup.html": "sign up",
    "homework/client/goals.html": "rate a goal",
    "homework/client/history.html": "filter the history",
    "homework/client/log.html": "log how it went",
    "homework/client/not_done.html": "say why it wasn't done",
    "homework/entries/form.html": "finish a worksheet",
    "homework/entries/thought_record_step1.html": "finish a worksheet",
    "homework/therapist/assignment_form.html": "assign homework",
    "homework/therapist/client_entry.html": "leave feedback",
    "homework/therapist/client_homework.html": "set a goal",
    "homework/therapist/library.html": "filter the library",
    "homework/therapist/template_form.html": "edit a template",
    "mallard/account_close.html": "close the account",
    "measures/answer.html": "answer a questionnaire",
    "measures/client_plans.html": "ask for a questionnaire",
    "measures/plan_edit.html": "change a questionnaire plan",
    "mallard/invitations.html": "invite a client",
    "mallard/profile.html": "change the profile",
    "reminders/preferences/client.html": "client reminder settings",
    "sessions_app/actions/confirm.html": "confirm an action item",
    "sessions_app/sessions/client_sessions.html": "record a session",
    "sessions_app/sessions/reflection.html": "write a reflection",
    "sessions_app/sessions/session_detail.html": "change a session",
    "account/reauthenticate.html": "confirm access",
    "mfa/reauthenticate.html": "confirm access with a code",
    "mfa/authenticate.html": "two-factor sign-in",
    "mfa/totp/activate_form.html": "set up an authenticator app",
    # allauth's own templates render their forms through this element.
    "allauth/elements/fields.html": "sign in",
}

# Class-based views with a form (allauth's), by URL name.
FORM_VIEWS = {
    "account_login": "sign in",
    "account_signup": "sign up",
    "account_reauthenticate": "confirm access",
    "account_email": "add an e-mail address",
    "account_change_password": "change the password",
    "account_reset_password": "reset the password",
    "account_reset_password_from_key": "choose a new password",
    "mfa_authenticate": "two-factor sign-in",
    "mfa_reauthenticate": "confirm access with a code",
    "mfa_activate_totp": "set up an authenticator app",
}

NOTHING_TO_GET_WRONG = {
    "usersessions_list": "one button, no fields",
    "mfa_deactivate_totp": "one button, no fields",
    "mfa_generate_recovery_codes": "one button, no fields",
    "account_set_password": "every Mallard account has a password, so the page redirects",
    "account_request_reauthentication_code": "sign-in by e-mailed code is off (ACCOUNT_LOGIN_BY_CODE_ENABLED)",
    "account_confirm_reauthentication_code": "sign-in by e-mailed code is off (ACCOUNT_LOGIN_BY_CODE_ENABLED)",
    "account_confirm_login_code": "sign-in by e-mailed code is off (ACCOUNT_LOGIN_BY_CODE_ENABLED)",
}

# Templates whose form no answer can make invalid.
TEMPLATES_WITH_NOTHING_TO_GET_WRONG = {
    "reminders/preferences/therapist.html": "one checkbox, the weekly digest: on and off are both valid",
    "mfa/totp/deactivate_form.html": "one button, no fields",
    "mfa/recovery_codes/generate.html": "one button, no fields",
}

FORM_IN_TEMPLATE = re.compile(r"crispy|\{%\s*element (form|fields)\b|\{\{\s*form\b")


def _form_views(patterns: list[Any]) -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _form_views(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            view_class = getattr(pattern.callback, "view_class", None)
            if getattr(view_class, "form_class", None) is not None:
                yield pattern.name


def test_every_form_has_an_invalid_submission_case() -> None:
    root = Path(settings.BASE_DIR) / "templates"
    with_forms = {
        str(path.relative_to(root))
        for path in root.rglob("*.html")
        if "email" not in path.parts and FORM_IN_TEMPLATE.search(path.read_text(encoding="utf-8"))
    }
    named = FORM_TEMPLATES.keys() | TEMPLATES_WITH_NOTHING_TO_GET_WRONG.keys()
    assert with_forms - named == set(), "templates with a form but no case in FORM_TEMPLATES"
    assert named - with_forms == set(), "FORM_TEMPLATES names templates without a form"
    views = set(_form_views(get_resolver().url_patterns))
    missing = views - FORM_VIEWS.keys() - NOTHING_TO_GET_WRONG.keys()
    assert missing == set(), "form views with no case in FORM_VIEWS"
    cases = set(FORM_TEMPLATES.values()) | set(FORM_VIEWS.values())
    assert cases <= CASES_RUN, f"cases nobody runs: {sorted(cases - CASES_RUN)}"


# What test_every_form_answers_an_invalid_submission_with_the_error_summary sends, by case name.
CASES_RUN = {
    "sign in",
    "two-factor sign-in",
    "sign up",
    "reset the password",
    "choose a new password",
    "confirm access",
    "confirm access with a code",
    "change the password",
    "add an e-mail address",
    "set up an authenticator app",
    "invite a client",
    "change the profile",
    "close the account",
    "record a session",
    "change a session",
    "confirm an action item",
    "assign homework",
    "edit a template",
    "filter the library",
    "set a goal",
    "leave feedback",
    "client reminder settings",
    "finish a worksheet",
    "say why it wasn't done",
    "log how it went",
    "rate a goal",
    "filter the history",
    "write a reflection",
    "ask for a questionnaire",
    "change a questionnaire plan",
    "answer a questionnaire",
}

# Clears the form's text boxes and choices, so that the required ones are missing, and turns off
# the browser's own checks so that the server answers.
_CLEAR_JS = """([index, clear]) => {
  const forms = [...document.querySelectorAll("main form")].filter((form) =>
    form.querySelector("input:not([type=hidden]):not([type=submit]):not([type=checkbox]):not([type=radio]), textarea, select"));
  const form = forms.at(index);
  if (!form) { throw new Error("no form with fields on " + location.pathname); }
  form.noValidate = true;
  if (clear) {
    for (const input of form.querySelectorAll("input, textarea")) {
      if (["text", "email", "number", "date", "time", "password", "url", "search", "textarea", "datetime-local"].includes(input.type)) {
        input.value = "";
      }
    }
    for (const select of form.querySelectorAll("select")) {
      if ([...select.options].some((option) => option.value === "")) { select.value = ""; }
    }
  }
  return form.id || (form.id = "form-under-test");
}"""


def send_invalid(
    page: Page,
    *,
    path: str | None = None,
    index: int = 0,
    clear: bool = True,
    fill: dict[str, str] | None = None,
    button: str | None = None,
) -> None:
    """Open ``path`` (or stay), empty the ``index``-th form with fields, type ``fill`` (by label)
    and send it with ``button`` (or its last submit button)."""
    if path is not None:
        page.goto(path)
    form_id = page.evaluate(_CLEAR_JS, [index, clear])
    form = page.locator(f"#{form_id}")
    for label, value in (fill or {}).items():
        # Set, not typed: typing stops at a box's maxlength, which a request need not respect.
        field(form, label).evaluate("(box, value) => { box.value = value; }", value)  # type: ignore[arg-type]
    submit = (
        form.get_by_role("button", name=button, exact=True) if button else form.locator("[type=submit]").last
    )
    with page.expect_navigation():
        submit.click()


def assert_error_summary(page: Page, axe_check: Axe) -> None:
    """The GOV.UK pattern: the summary has focus, says there is a problem, links to each field
    (every link's target is on the page) and the title starts "Error:"."""
    summary = page.get_by_role("alert").filter(has=page.get_by_role("heading", name="There is a problem"))
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert page.title().startswith("Error: "), f"{page.url}: title {page.title()!r}"
    targets = summary.get_by_role("link").evaluate_all("(links) => links.map((a) => a.hash.slice(1))")
    assert summary.get_by_role("listitem").count() >= 1
    for target in targets:
        assert page.locator(f"[id='{target}']").count() == 1, (
            f"{page.url}: the summary links to #{target}, not on the page"
        )
    axe_check(page)


def sign_in_with_mistakes(page: Page, site: str, user: User, axe_check: Axe) -> None:
    """Sign in, first with a wrong password and (with an authenticator app) a wrong code."""
    page.goto(f"{site}/accounts/login/")
    field(page, "Email").fill(user.email)
    field(page, "Password").fill("not-the-password")
    page.get_by_role("button", name="Sign In").click()
    assert_error_summary(page, axe_check)
    expect(field(page, "Password")).to_have_attribute("aria-invalid", "true")
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    if user.role != "client":
        wrong = f"{(int(totp_code(user)) + 1) % 1_000_000:06d}"
        field(page, "Code").fill(wrong)
        page.get_by_role("button", name="Sign In").click()
        assert_error_summary(page, axe_check)
        field(page, "Code").fill(unused_totp_code(user))
        page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name=user.display_name)).to_be_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_form_answers_an_invalid_submission_with_the_error_summary(
    site: str, page: Page, browser: Browser, therapist: User, client_user: User, axe_check: Axe
) -> None:
    ran: set[str] = set()
    carol = client_user
    worksheet = daily_since(therapist, carol, 3, Kind.THOUGHT_RECORD, title="Catch a hot thought")
    services.save_entry(
        occurrence=occurrence_on(worksheet, days_ago(carol, 1)),
        fields={"situation": "Team meeting"},
        submit=True,
        moods=[MoodData("Anxious", 80, 35)],
        thoughts=[ThoughtData("They'll think I'm useless")],
    )
    entry = occurrence_on(worksheet, days_ago(carol, 1)).entry
    today = occurrence_on(worksheet, days_ago(carol, 0))
    builtin = Template.objects.filter(owner=None).order_by("pk").first()
    assert builtin is not None
    own = services.copy_template(therapist=therapist, template=builtin)
    services.create_goal(client=carol, created_by=therapist, text="Speak up at work", rating=2)
    held = make_session(therapist, carol, in_days=-1, status=SessionStatus.HELD)
    held.summary = "Homework:\n- Practise paced breathing each morning"
    held.save(update_fields=["summary"])
    refresh_proposals(held)
    proposal = ProposedAction.objects.get(session=held)
    plan = measures_services.assign_measure(
        therapist=therapist,
        client=carol,
        instrument="gad7",
        schedule=Schedule.ONCE,
        starts_on=timezone.localdate(timezone.now(), carol.zone),
    )
    window = MeasureWindow.objects.get(plan__client=carol)

    # The therapist.
    page.set_default_timeout(5_000)
    sign_in_with_mistakes(page, site, therapist, axe_check)
    ran |= {"sign in", "two-factor sign-in"}
    steps: list[tuple[str, dict[str, Any]]] = [
        ("invite a client", {"path": f"{site}/invitations/"}),
        ("change the profile", {"path": f"{site}/accounts/profile/"}),
        ("record a session", {"path": f"{site}/clients/{carol.pk}/sessions/"}),
        ("change a session", {"path": f"{site}/sessions/{held.pk}/"}),
        ("confirm an action item", {"path": f"{site}/proposals/{proposal.pk}/confirm/", "index": -1}),
        ("assign homework", {"path": f"{site}/library/{builtin.pk}/assign/?client={carol.pk}"}),
        ("edit a template", {"path": f"{site}/library/{own.pk}/edit/"}),
        ("set a goal", {"path": f"{site}/clients/{carol.pk}/homework/"}),
        ("ask for a questionnaire", {"path": f"{site}/clients/{carol.pk}/questionnaires/", "index": -1}),
        (
            "change a questionnaire plan",
            {
                "path": f"{site}/clients/{carol.pk}/questionnaires/{plan.pk}/edit/",
                "fill": {"First day": "2000-01-01"},
                "clear": False,
            },
        ),
        (
            "leave feedback",
            {"path": f"{site}/clients/entries/{entry.pk}/", "fill": {"Feedback for the client": "x" * 5001}},
        ),
    ]
    for name, how in steps:
        send_invalid(page, **how)
        assert_error_summary(page, axe_check)
        ran.add(name)
    page.goto(f"{site}/library/?kind=nonsense")  # a search form: sent by GET
    assert_error_summary(page, axe_check)
    ran.add("filter the library")

    # Pages behind "confirm it's you", once the sign-in is more than ACCOUNT_REAUTHENTICATION_TIMEOUT
    # old: a wrong password and a wrong code first.
    later = timezone.now() + timedelta(seconds=settings.ACCOUNT_REAUTHENTICATION_TIMEOUT + 60)
    traveller = time_machine.travel(later, tick=True)
    traveller.start()
    page.goto(f"{site}/accounts/2fa/totp/deactivate/")
    expect(page.get_by_role("heading", name="Confirm it's you")).to_be_visible()
    for _ in range(2):
        if page.get_by_text("Enter an authenticator code").count():
            send_invalid(page, fill={"Code": "000000"}, clear=False)
            assert_error_summary(page, axe_check)
            ran.add("confirm access with a code")
            page.get_by_role("link", name=re.compile("password", re.I)).click()
        else:
            send_invalid(page, fill={"Password": "not-the-password"}, clear=False)
            assert_error_summary(page, axe_check)
            ran.add("confirm access")
            page.get_by_role("link", name=re.compile("authenticator", re.I)).click()
    field(page, "Password").fill(PASSWORD) if page.get_by_text(
        "Enter an authenticator code"
    ).count() == 0 else field(page, "Code").fill(unused_totp_code(therapist))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Turn off the authenticator app")).to_be_visible()
    send_invalid(
        page,
        path=f"{site}/accounts/password/change/",
        fill={"Current Password": "wrong", "New Password": "a", "New Password (again)": "b"},
    )
    assert_error_summary(page, axe_check)
    ran.add("change the password")
    send_invalid(page, path=f"{site}/accounts/email/", fill={"Email": "not an address"}, button="Add Email")
    assert_error_summary(page, axe_check)
    ran.add("add an e-mail address")
    traveller.stop()

    # The client.
    client_context = browser.new_context()
    try:
        client = client_context.new_page()
        client.set_default_timeout(5_000)
        sign_in_with_mistakes(client, site, carol, axe_check)
        client_steps: list[tuple[str, dict[str, Any]]] = [
            (
                "finish a worksheet",
                {
                    "path": f"{site}/homework/occurrences/{today.pk}/entry/",
                    "fill": {"Mood 1": "Anxious", "Mood 1: how strong (0–100)": "150"},
                    "clear": False,
                    "button": "Save draft",
                },
            ),
            ("say why it wasn't done", {"path": f"{site}/homework/occurrences/{today.pk}/not-done/"}),
            (
                "log how it went",
                {
                    "path": f"{site}/homework/occurrences/{today.pk}/log/",
                    "fill": {"Note (optional)": "x" * 501},
                    "clear": False,
                    "button": "Done",
                },
            ),
            ("rate a goal", {"path": f"{site}/homework/goals/"}),
            ("client reminder settings", {"path": f"{site}/reminders/"}),
            ("write a reflection", {"path": f"{site}/my/sessions/{held.pk}/reflection/"}),
        ]
        for name, how in client_steps:
            send_invalid(client, **how)
            assert_error_summary(client, axe_check)
            ran.add(name)
        # Only radio buttons: sent with none chosen.
        client.goto(f"{site}/questionnaires/{window.pk}/answer/")
        with client.expect_navigation():
            client.locator("main form [type=submit]").last.click()
        assert_error_summary(client, axe_check)
        ran.add("answer a questionnaire")
        send_invalid(client, path=f"{site}/accounts/close/")
        assert_error_summary(client, axe_check)
        ran.add("close the account")
        client.goto(f"{site}/homework/history/?kind=nonsense")  # a search form: sent by GET
        assert_error_summary(client, axe_check)
        ran.add("filter the history")
        client.goto(f"{site}/accounts/2fa/totp/activate/")
        if client.get_by_role("heading", name="Confirm it's you").count():
            field(client, "Password").fill(PASSWORD)
            client.get_by_role("button", name="Confirm").click()
        send_invalid(client, fill={"Authenticator code": "000000"}, clear=False)
        assert_error_summary(client, axe_check)
        ran.add("set up an authenticator app")
    finally:
        client_context.close()

    # Someone signed out: signing up and resetting a password.
    visitor_context = browser.new_context()
    try:
        visitor = visitor_context.new_page()
        visitor.set_default_timeout(5_000)
        send_invalid(visitor, path=f"{site}/accounts/signup/")
        assert_error_summary(visitor, axe_check)
        ran.add("sign up")
        send_invalid(visitor, path=f"{site}/accounts/password/reset/", fill={"Email": "not an address"})
        assert_error_summary(visitor, axe_check)
        ran.add("reset the password")
        send_invalid(visitor, fill={"Email": therapist.email}, clear=False)
        visitor.goto(link_in_last_email(therapist.email, "/accounts/password/reset/key/"))
        expect(visitor.get_by_role("heading", name="Change Password")).to_be_visible()
        field(visitor, "New Password").fill("short-one")
        field(visitor, "New Password (again)").fill("other-one")
        visitor.get_by_role("button", name="Change Password").click()
        assert_error_summary(visitor, axe_check)
        ran.add("choose a new password")
    finally:
        visitor_context.close()

    assert ran == CASES_RUN
