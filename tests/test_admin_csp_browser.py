"""The admin pages Mallard uses keep the site's strict Content-Security-Policy in Chromium.

Mallard's policy allows scripts and styles from its own origin only, with no 'unsafe-inline'
(docs/security.md). Django's admin templates mark their own inline elements with the request's
nonce; this walks the admin pages staff use (lists with filters and actions, the audit trail's
list without actions, change forms with inlines, date and time pickers, autocomplete, related-object
popups, delete confirmations, the user forms, the hand-over page) and fails on any violation the
browser reports, or any error in the console.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from mallard.models import AuditEntry, User
from mallard.tests.browser.helpers import field, finish_sign_in
from mallard.tests.helpers import make_invitation
from sessions_app.tests.sessions_helpers import held_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every page of the context, popups included, keeps what the browser refused.
_LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


class Watch:
    """The CSP violations and console errors of every page opened in the browser context."""

    def __init__(self, page: Page) -> None:
        self.problems: list[str] = []
        page.context.add_init_script(_LISTEN)
        self._follow(page)
        page.context.on("page", self._follow)

    def _follow(self, page: Page) -> None:
        page.on("console", lambda message: self._console(page, message))
        page.on("response", lambda response: self._response(page, response))
        page.on("pageerror", lambda error: self.problems.append(f"{page.url}: script error: {error}"))

    def _console(self, page: Page, message: Any) -> None:
        # A missing file is reported by ``_response``, with its address.
        if message.type in ("error", "warning") and not message.text.startswith("Failed to load resource"):
            self.problems.append(f"{page.url}: console {message.type}: {message.text}")

    def _response(self, page: Page, response: Any) -> None:
        # The admin has no favicon; browsers ask for one anyway.
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            self.problems.append(f"{page.url}: {response.status} for {response.url}")

    def check(self, page: Page) -> None:
        """Collect what ``page`` refused so far; call before leaving it."""
        for violation in page.evaluate("window.__cspViolations || []"):
            self.problems.append(f"{page.url}: {violation}")


def _sign_in(page: Page, site: str, staff: User) -> None:
    page.goto(f"{site}/accounts/login/")
    field(page, "Email").fill(staff.email)
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    finish_sign_in(page, staff.email)


def _visit(page: Page, watch: Watch, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    watch.check(page)


def test_the_admin_pages_staff_use_keep_the_content_security_policy(
    site: str,
    page: Page,
    staff: User,
    therapist: User,
    client_user: User,
    other_therapist: User,
) -> None:
    watch = Watch(page)
    invitation = make_invitation(therapist, "frank@example.com")
    held_session(therapist, client_user)
    _sign_in(page, site, staff)
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    watch.check(page)

    # Lists: search, filters, actions and the date drill-down; the audit trail has no actions.
    for path in (
        "/admin/",
        "/admin/mallard/user/?role__exact=therapist&q=a",
        "/admin/mallard/carerelationship/?current=yes",
        "/admin/mallard/invitation/",
        "/admin/mallard/auditentry/",
    ):
        _visit(page, watch, site + path)
    page.goto(f"{site}/admin/mallard/user/")
    page.get_by_role("link", name="Therapist", exact=True).click()
    watch.check(page)

    # The user's change form: the care inline with its date and time pickers and autocomplete.
    _visit(page, watch, site + reverse("admin:mallard_user_change", args=[client_user.pk]))
    page.locator(".add-row a").click()
    expect(page.locator("tr.dynamic-care_relationships")).to_have_count(2)  # the current care and a new row
    page.locator("tr.dynamic-care_relationships").last.locator(".datetimeshortcuts button").first.click()
    expect(page.locator(".calendarbox:visible")).to_have_count(1)
    watch.check(page)
    page.keyboard.press("Escape")

    # A care relationship: whose care it is stays (read-only), its dates change with the calendar
    # and the clock.
    care = client_user.care_relationships.get()
    _visit(page, watch, site + reverse("admin:mallard_carerelationship_change", args=[care.pk]))
    expect(page.locator(".select2-selection")).to_have_count(0)
    page.locator("#calendarlink0").click()
    expect(page.locator("#calendarbox0")).to_be_visible()
    page.keyboard.press("Escape")
    page.locator("#clocklink0").click()
    expect(page.locator("#clockbox0")).to_be_visible()
    page.locator("#clockbox0").get_by_text("Noon").click()
    expect(page.locator("#clockbox0")).to_be_hidden()
    watch.check(page)

    # A new care relationship: the therapist's autocomplete, and "Add another" therapist, whose
    # popup saves and hands the new therapist back to the form that opened it
    # (admin/popup_response.html).
    _visit(page, watch, site + reverse("admin:mallard_carerelationship_add"))
    page.locator('.select2-selection[aria-labelledby="select2-id_therapist-container"]').click()
    page.locator(".select2-search__field").fill("bob")
    expect(page.locator(".select2-results__option", has_text="Bob Brennan")).to_be_visible()
    page.keyboard.press("Escape")
    with page.expect_popup() as adding:
        page.locator("#add_id_therapist").click()
    popup = adding.value
    popup.wait_for_load_state("networkidle")
    popup.locator("#id_email").fill("dina@example.com")
    popup.locator("#id_display_name").fill("Dina Dube")
    popup.locator("#id_role").select_option("therapist")
    popup.locator("#id_time_zone").select_option("Europe/London")
    # Nobody types her password: she is e-mailed a link to choose her own.
    expect(popup.get_by_label("They choose it: e-mail them a link to set their own password")).to_be_checked()
    expect(popup.locator("#id_password1")).to_be_hidden()
    watch.check(popup)
    with popup.expect_event("close"):
        popup.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#select2-id_therapist-container")).to_contain_text("Dina Dube")
    watch.check(page)

    # Related-object popups: a raw-id lookup.
    _visit(page, watch, site + reverse("admin:sessions_app_notesshare_add"))
    with page.expect_popup() as lookup:
        page.locator("#lookup_id_author").click()
    popup = lookup.value
    popup.wait_for_load_state("networkidle")
    watch.check(popup)
    popup.get_by_role("link", name="alice@example.com").click()
    page.wait_for_timeout(300)
    watch.check(page)

    # The user forms: add (with the unusable-password switch), password change, hand-over.
    _visit(page, watch, site + reverse("admin:mallard_user_add"))
    _visit(page, watch, site + reverse("admin:auth_user_password_change", args=[therapist.pk]))
    _visit(page, watch, site + reverse("admin:mallard_user_hand_over", args=[therapist.pk]))

    # A therapist's history and delete confirmation; an invitation's; "delete selected" from a list.
    _visit(page, watch, site + reverse("admin:mallard_user_history", args=[therapist.pk]))
    _visit(page, watch, site + reverse("admin:mallard_user_delete", args=[other_therapist.pk]))
    _visit(page, watch, site + reverse("admin:mallard_invitation_delete", args=[invitation.pk]))
    page.goto(f"{site}/admin/mallard/invitation/")
    page.locator("input.action-select").first.check()
    page.locator("select[name=action]").select_option("delete_selected")
    page.get_by_role("button", name="Run").click()
    expect(page.get_by_role("heading", name="Delete multiple objects")).to_be_visible()
    watch.check(page)

    # An audit row's read-only page.
    entry = AuditEntry.objects.order_by("pk").first()
    if entry is not None:
        _visit(page, watch, site + reverse("admin:mallard_auditentry_change", args=[entry.pk]))

    assert watch.problems == [], "\n".join(watch.problems)


def test_the_watch_reports_what_the_policy_blocks(site: str, page: Page) -> None:
    """The check above can fail: an inline style and a style attribute are reported."""
    watch = Watch(page)
    page.goto(f"{site}/accounts/login/")
    page.evaluate(
        """document.body.insertAdjacentHTML("beforeend", '<p style="color: red">x</p><style>p {}</style>')"""
    )
    page.wait_for_timeout(200)
    watch.check(page)
    assert any("style-src-attr blocked inline" in problem for problem in watch.problems), watch.problems
    assert any("style-src-elem blocked inline" in problem for problem in watch.problems), watch.problems
