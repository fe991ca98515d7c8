"""The foundation end to end, as people do it: a therapist joins and invites a client, who joins too."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from mallard.tests.browser.helpers import field, link_in_last_email, set_up_authenticator_app

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-practice-password"


def test_a_therapist_signs_up_invites_a_client_who_joins_their_caseload(
    site: str, page: Page, browser: Browser, axe_check: Callable[[Any], None]
) -> None:
    # 1. The therapist signs up, verifies their address by e-mail and sets up two-factor sign-in.
    page.goto(f"{site}/accounts/signup/")
    expect(page.get_by_role("heading", name="Create a therapist account")).to_be_visible()
    axe_check(page)
    field(page, "Your name").fill("Maya Okafor")
    field(page, "Email").fill("maya@example.com")
    field(page, "Password").fill(PASSWORD)
    field(page, "Password (again)").fill(PASSWORD)
    field(page, "Time zone").select_option("Europe/London")
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("heading", name=re.compile("Verify your email", re.IGNORECASE))).to_be_visible()
    axe_check(page)

    page.goto(link_in_last_email("maya@example.com", "/accounts/confirm-email/"))
    expect(page.get_by_role("heading", name=re.compile("Confirm", re.IGNORECASE))).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Confirm").click()

    # Therapists set up two-factor authentication before they see any client.
    expect(
        page.get_by_text("Mallard keeps clinical records behind two-factor authentication")
    ).to_be_visible()
    set_up_authenticator_app(page, PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Caseload").click()

    expect(page).to_have_url(f"{site}/caseload/")
    expect(page.get_by_role("heading", name="Your caseload")).to_be_visible()
    expect(page.get_by_text("No clients yet.")).to_be_visible()
    axe_check(page)

    # 2. They invite a client; the invitation waits in the pending list.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Invite a client").click()
    expect(page).to_have_url(f"{site}/invitations/")
    expect(page.get_by_role("heading", name="Invite a client", level=1)).to_be_visible()
    axe_check(page)
    field(page, "Client's name").fill("Jordan Ellis")
    field(page, "Client's email address").fill("jordan@example.com")
    page.get_by_role("button", name="Send invitation").click()

    expect(page.get_by_role("status")).to_contain_text("We emailed an invitation to jordan@example.com.")
    pending = page.get_by_role("region", name="Pending invitations")
    expect(pending.get_by_role("listitem")).to_have_count(1)
    expect(pending).to_contain_text("Jordan Ellis")
    expect(pending).to_contain_text("jordan@example.com")
    axe_check(page)

    # 3. The client opens the link on their own device and signs up.
    client_context = browser.new_context()
    try:
        client = client_context.new_page()
        client.goto(link_in_last_email("jordan@example.com", "/invitations/accept/"))
        expect(client).to_have_url(f"{site}/accounts/signup/")
        expect(client.get_by_role("heading", name="Welcome, Jordan Ellis")).to_be_visible()
        expect(client.get_by_text("Maya Okafor invited you to Mallard")).to_be_visible()
        # The invited address is fixed text, not a field; the name is the one Maya typed.
        expect(client.get_by_text("Your account's email address: jordan@example.com")).to_be_visible()
        expect(client.get_by_role("textbox", name="Email")).to_have_count(0)
        expect(field(client, "Your name")).to_have_value("Jordan Ellis")
        axe_check(client)
        field(client, "Password").fill(PASSWORD)
        field(client, "Password (again)").fill(PASSWORD)
        field(client, "Time zone").select_option("America/New_York")
        client.get_by_role("button", name="Create account").click()

        expect(client).to_have_url(f"{site}/today/")
        expect(client.get_by_role("heading", name="Hello, Jordan Ellis")).to_be_visible()
        expect(client.get_by_text("When Maya Okafor assigns practice")).to_be_visible()
        axe_check(client)
    finally:
        client_context.close()

    # 4. Back on the therapist's caseload, the client is listed and no longer pending.
    page.goto(f"{site}/caseload/")
    clients = page.get_by_role("table", name="Current clients")
    expect(clients.get_by_role("rowheader", name="Jordan Ellis")).to_be_visible()
    expect(clients).to_contain_text("jordan@example.com")
    expect(clients).not_to_contain_text("Invitation pending")
    axe_check(page)


def test_someone_with_an_account_signs_in_and_accepts_an_invitation(
    site: str, page: Page, axe_check: Callable[[Any], None]
) -> None:
    """An invitation to an address that has an account: sign in, see who invited you, accept."""
    from conftest import PASSWORD as FRAN_PASSWORD
    from conftest import make_user
    from mallard import services
    from mallard.models import CareRelationship, Role

    alice = make_user("alice@example.com", "Alice Adeyemi", Role.THERAPIST)
    fran = make_user("fran@example.com", "Fran Former", Role.CLIENT)
    services.invite_client(therapist=alice, email="fran@example.com", name="Fran")

    page.goto(link_in_last_email("fran@example.com", "/invitations/accept/"))
    expect(page.get_by_role("heading", name="Sign in to answer your invitation")).to_be_visible()
    expect(page.get_by_text("Alice Adeyemi invited you to Mallard.")).to_be_visible()
    expect(page.get_by_text("sign up", exact=False)).to_have_count(0)
    axe_check(page)
    field(page, "Email").fill("fran@example.com")
    field(page, "Password").fill(FRAN_PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    expect(page.get_by_role("heading", name="Alice Adeyemi invited you to Mallard")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_role("status")).to_contain_text("You are now in the care of Alice Adeyemi on Mallard.")
    assert CareRelationship.objects.get(client=fran, ended_at__isnull=True).therapist == alice
