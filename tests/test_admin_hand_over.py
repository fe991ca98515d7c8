"""A therapist leaves the practice: staff hand their clients over in the admin, then deactivate them.

Deactivating a therapist who still has clients in their care or open invitations is refused,
with how many and how to move them; the hand-over page moves every current client to another
active therapist through ``move_client`` in one transaction (booked sessions with the leaving
therapist cancelled, private notes kept the author's, every move audited), withdraws the open
invitations and deactivates the account.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import make_user
from mallard import hooks
from mallard.models import AuditEntry, CareRelationship, Invitation, Role, User
from mallard.tests.helpers import make_invitation
from sessions_app.models import NotesShare, SessionStatus, TherapySession
from sessions_app.tests.dashboard_helpers import make_session
from sessions_app.tests.sessions_helpers import SECRET_MARKER, held_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client: Client, staff: User) -> Client:
    client.force_login(staff)
    return client


@pytest.fixture
def second_client(therapist: User) -> User:
    erin = make_user("erin@example.com", "Erin Evans", Role.CLIENT)
    CareRelationship.objects.create(therapist=therapist, client=erin)
    return erin


def _change_form(user: User, **changes: Any) -> dict[str, Any]:
    data = {
        "email": user.email,
        "display_name": user.display_name,
        "role": user.role,
        "time_zone": user.time_zone,
        "is_active": "on",
        "date_joined_0": "2026-01-05",
        "date_joined_1": "09:00:00",
        "care_relationships-TOTAL_FORMS": "0",
        "care_relationships-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _hand_over_url(therapist: User) -> str:
    return reverse("admin:mallard_user_hand_over", args=[therapist.pk])


def _current_therapist(client: User) -> int:
    return CareRelationship.objects.get(client=client, ended_at__isnull=True).therapist_id


# --- Deactivating ----------------------------------------------------------------------------------


@pytest.mark.usefixtures("client_user", "second_client")
def test_deactivating_a_therapist_with_clients_is_refused_with_how_many_and_how(
    admin_client: Client, therapist: User
) -> None:
    make_invitation(therapist, "frank@example.com")
    url = reverse("admin:mallard_user_change", args=[therapist.pk])
    response = admin_client.post(url, _change_form(therapist, is_active=None))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Alice Adeyemi still has 2 clients in their care and 1 open invitation" in content
    assert "“Hand over clients” at the top of this page" in content
    therapist.refresh_from_db()
    assert therapist.is_active


def test_a_therapist_with_no_clients_and_no_open_invitation_can_be_deactivated(
    admin_client: Client, other_therapist: User, therapist: User
) -> None:
    make_invitation(other_therapist, "old@example.com", revoked_at=timezone.now())
    url = reverse("admin:mallard_user_change", args=[other_therapist.pk])
    response = admin_client.post(url, _change_form(other_therapist, is_active=None))
    assert response.status_code == 302, response.content.decode()[:2000]
    other_therapist.refresh_from_db()
    assert not other_therapist.is_active


def test_a_therapist_with_clients_can_still_be_edited_while_active(
    admin_client: Client, therapist: User, client_user: User
) -> None:
    url = reverse("admin:mallard_user_change", args=[therapist.pk])
    response = admin_client.post(url, _change_form(therapist, display_name="Alice A"))
    assert response.status_code == 302
    therapist.refresh_from_db()
    assert therapist.display_name == "Alice A"


def test_the_therapists_page_links_to_the_hand_over_and_a_clients_does_not(
    admin_client: Client, therapist: User, client_user: User
) -> None:
    therapist_page = admin_client.get(reverse("admin:mallard_user_change", args=[therapist.pk]))
    assert _hand_over_url(therapist) in therapist_page.content.decode()
    client_page = admin_client.get(reverse("admin:mallard_user_change", args=[client_user.pk]))
    assert "/hand-over/" not in client_page.content.decode()
    assert admin_client.get(f"/admin/mallard/user/{client_user.pk}/hand-over/").status_code == 404


# --- Handing over ----------------------------------------------------------------------------------


def test_the_page_says_what_will_happen_and_offers_only_active_therapists(
    admin_client: Client, therapist: User, client_user: User, other_therapist: User
) -> None:
    make_user("gone@example.com", "Gina Gone", Role.THERAPIST, is_active=False)
    make_user("closed@example.com", "Carl Closed", Role.THERAPIST, closed_at=timezone.now())
    make_invitation(therapist, "frank@example.com")
    response = admin_client.get(_hand_over_url(therapist))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Alice Adeyemi has 1 client in their care and 1 open invitation." in content
    assert "Bob Brennan" in content
    for not_offered in ("Gina Gone", "Carl Closed", f'value="{therapist.pk}"'):
        assert not_offered not in content


def test_handing_over_moves_every_client_cancels_bookings_withdraws_invitations_and_deactivates(
    admin_client: Client,
    therapist: User,
    client_user: User,
    second_client: User,
    other_therapist: User,
    other_client: User,
) -> None:
    booked = make_session(therapist, client_user, in_days=2)
    held = held_session(therapist, client_user)
    pending = make_invitation(therapist, "frank@example.com", token="f")
    expired = make_invitation(
        therapist, "gail@example.com", token="g", expires_at=timezone.now() - timedelta(days=1)
    )
    bobs = make_invitation(other_therapist, "hal@example.com", token="h")

    response = admin_client.post(
        _hand_over_url(therapist), {"to_therapist": other_therapist.pk, "deactivate": "on"}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("admin:mallard_user_change", args=[therapist.pk])
    assert (
        "Moved 2 clients to Bob Brennan and withdrew 2 open invitations. Sessions still booked with the "
        "former therapist were cancelled; their private notes stay theirs. The account is deactivated."
    ) in response.content.decode()
    assert _current_therapist(client_user) == other_therapist.pk
    assert _current_therapist(second_client) == other_therapist.pk
    assert _current_therapist(other_client) == other_therapist.pk
    assert not CareRelationship.objects.filter(therapist=therapist, ended_at__isnull=True).exists()
    # The history stays: the ended care with Alice is kept.
    assert CareRelationship.objects.filter(therapist=therapist, ended_at__isnull=False).count() == 2
    statuses = dict(TherapySession.objects.filter(pk__in=[booked.pk, held.pk]).values_list("pk", "status"))
    assert statuses == {booked.pk: SessionStatus.CANCELLED, held.pk: SessionStatus.HELD}
    assert Invitation.objects.get(pk=pending.pk).revoked_at is not None
    assert Invitation.objects.get(pk=expired.pk).revoked_at is not None
    assert Invitation.objects.get(pk=bobs.pk).revoked_at is None
    therapist.refresh_from_db()
    assert not therapist.is_active
    # Private notes stay Alice's: nothing was shared with Bob, and his page on the session hides them.
    assert not NotesShare.objects.exists()
    admin_client.force_login(other_therapist)
    session_page = admin_client.get(reverse("sessions-session", args=[held.pk])).content.decode()
    assert SECRET_MARKER not in session_page


def test_every_move_is_in_the_audit_trail_with_the_staff_member_and_the_page(
    admin_client: Client,
    staff: User,
    therapist: User,
    client_user: User,
    second_client: User,
    other_therapist: User,
) -> None:
    admin_client.post(_hand_over_url(therapist), {"to_therapist": other_therapist.pk})
    care = ContentType.objects.get_for_model(CareRelationship)
    rows = AuditEntry.objects.filter(content_type=care).order_by("pk")
    assert {(row.client_id, row.action) for row in rows} == {
        (client_user.pk, AuditEntry.Action.UPDATE),
        (client_user.pk, AuditEntry.Action.CREATE),
        (second_client.pk, AuditEntry.Action.UPDATE),
        (second_client.pk, AuditEntry.Action.CREATE),
    }
    assert {row.actor_id for row in rows} == {staff.pk}
    assert {row.view_name for row in rows} == {"admin:mallard_user_hand_over"}
    ended = rows.filter(action=AuditEntry.Action.UPDATE).first()
    assert ended is not None
    assert ended.changes == {"ended_at": ["(hidden)", "(hidden)"]}


def test_without_deactivate_the_account_stays_active_and_keeps_read_only_access_to_its_notes(
    admin_client: Client, therapist: User, client_user: User, other_therapist: User
) -> None:
    held = held_session(therapist, client_user)
    response = admin_client.post(_hand_over_url(therapist), {"to_therapist": other_therapist.pk}, follow=True)
    assert "The account is still active." in response.content.decode()
    therapist.refresh_from_db()
    assert therapist.is_active
    # The documented rule for a former therapist: read-only access to the sessions they led,
    # for the retention period after their care ended (docs/security.md, private notes).
    admin_client.force_login(therapist)
    former = admin_client.get(reverse("sessions-past")).content.decode()
    assert reverse("sessions-past-notes", args=[held.pk]) in former
    # ... and no current client left.
    assert admin_client.get(reverse("sessions-client-overview", args=[client_user.pk])).status_code == 404


def test_after_the_hand_over_the_account_can_be_deactivated_in_the_change_form(
    admin_client: Client, therapist: User, client_user: User, other_therapist: User
) -> None:
    make_invitation(therapist, "frank@example.com")
    admin_client.post(_hand_over_url(therapist), {"to_therapist": other_therapist.pk})
    url = reverse("admin:mallard_user_change", args=[therapist.pk])
    assert admin_client.post(url, _change_form(therapist, is_active=None)).status_code == 302
    therapist.refresh_from_db()
    assert not therapist.is_active


@pytest.mark.parametrize("whom", ["inactive", "self", "client", "unknown"])
def test_a_therapist_who_cannot_take_over_is_refused_and_nothing_moves(
    admin_client: Client, therapist: User, client_user: User, whom: str
) -> None:
    targets = {
        "inactive": lambda: make_user("gone@example.com", "Gina Gone", Role.THERAPIST, is_active=False).pk,
        "self": lambda: therapist.pk,
        "client": lambda: client_user.pk,
        "unknown": lambda: "999999",
    }
    response = admin_client.post(
        _hand_over_url(therapist), {"to_therapist": targets[whom](), "deactivate": "on"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert _current_therapist(client_user) == therapist.pk
    therapist.refresh_from_db()
    assert therapist.is_active


def test_a_failure_half_way_moves_no_one(
    admin_client: Client,
    therapist: User,
    client_user: User,
    second_client: User,
    other_therapist: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pending = make_invitation(therapist, "frank@example.com")
    seen: list[int] = []

    def fail_on_the_second(care: CareRelationship) -> None:
        seen.append(care.pk)
        if len(seen) == 2:
            raise RuntimeError("the second move fails")

    monkeypatch.setattr(hooks, "care_ended", [*hooks.care_ended, fail_on_the_second])
    admin_client.raise_request_exception = False
    response = admin_client.post(
        _hand_over_url(therapist), {"to_therapist": other_therapist.pk, "deactivate": "on"}
    )
    assert response.status_code == 500
    assert _current_therapist(client_user) == therapist.pk
    assert _current_therapist(second_client) == therapist.pk
    assert Invitation.objects.get(pk=pending.pk).revoked_at is None
    therapist.refresh_from_db()
    assert therapist.is_active


def test_the_action_opens_the_hand_over_page_for_one_therapist(
    admin_client: Client, therapist: User, other_therapist: User, client_user: User
) -> None:
    changelist = reverse("admin:mallard_user_changelist")
    one = admin_client.post(changelist, {"action": "hand_over_clients", "_selected_action": [therapist.pk]})
    assert one.status_code == 302
    assert one["Location"] == _hand_over_url(therapist)
    for selected in ([therapist.pk, other_therapist.pk], [client_user.pk]):
        response = admin_client.post(
            changelist, {"action": "hand_over_clients", "_selected_action": selected}, follow=True
        )
        assert "Select one therapist" in response.content.decode()
    assert _current_therapist(client_user) == therapist.pk


def test_the_page_refuses_other_methods(admin_client: Client, therapist: User) -> None:
    assert admin_client.put(_hand_over_url(therapist)).status_code == 405


# --- A deactivated therapist cares for no one -----------------------------------------------------


def test_care_cannot_start_with_a_deactivated_therapist(therapist: User) -> None:
    from django.core.exceptions import ValidationError

    erin = make_user("erin@example.com", "Erin Evans", Role.CLIENT)
    User.objects.filter(pk=therapist.pk).update(is_active=False)
    therapist.refresh_from_db()
    with pytest.raises(ValidationError, match="account is deactivated"):
        CareRelationship(therapist=therapist, client=erin).full_clean()
    # Ending an old relationship with them is still allowed.
    now = timezone.now()
    CareRelationship(therapist=therapist, client=erin, started_at=now, ended_at=now).full_clean()


def test_the_care_relationships_therapist_box_offers_only_active_therapists(
    admin_client: Client, therapist: User
) -> None:
    gone = make_user("gone@example.com", "Gwen Gone", Role.THERAPIST)
    User.objects.filter(pk=gone.pk).update(is_active=False)
    params = {"app_label": "mallard", "model_name": "carerelationship", "field_name": "therapist", "term": ""}
    response = admin_client.get(reverse("admin:autocomplete"), params)
    names = {row["text"] for row in response.json()["results"]}
    assert str(therapist) in names
    assert str(gone) not in names
