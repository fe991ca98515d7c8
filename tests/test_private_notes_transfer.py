"""Private notes after a client moves to another therapist (``mallard.services.move_client``).

Private notes are their author's. The new therapist sees the sessions, summaries and reflections
but not the notes, unless the author or staff shares them (audited); only the author edits them;
the author keeps read-only access for the retention period; exports follow the same rules.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mallard.models import AuditEntry, User
from mallard.services import move_client
from sessions_app import services
from sessions_app.models import ItemSource, NotesShare, ProposedAction, TherapySession
from sessions_app.tests.sessions_helpers import SECRET_MARKER, SECRET_NOTE, SHARED_SUMMARY, held_session
from tests import record_builders as rb

pytestmark = pytest.mark.django_db


@pytest.fixture
def moved(therapist: User, client_user: User, other_therapist: User) -> TherapySession:
    """Alice held a session with Carol and wrote private notes; then Carol moved to Bob."""
    session = held_session(therapist, client_user)
    move_client(client=client_user, to_therapist=other_therapist)
    return session


def _detail(session: TherapySession) -> str:
    return reverse("sessions-session", args=[session.pk])


def test_the_new_therapist_sees_the_session_and_summary_but_not_the_notes(
    client: Client, moved: TherapySession, other_therapist: User
) -> None:
    client.force_login(other_therapist)
    response = client.get(_detail(moved))
    assert response.status_code == 200
    content = response.content.decode()
    assert SHARED_SUMMARY in content
    assert SECRET_MARKER not in content
    assert 'name="private_notes"' not in content
    assert "Alice Adeyemi has not shared theirs on this session with you." in content


def test_the_new_therapist_cannot_overwrite_the_notes(
    client: Client, moved: TherapySession, other_therapist: User
) -> None:
    client.force_login(other_therapist)
    local = timezone.localtime(moved.starts_at, other_therapist.zone)
    response = client.post(
        _detail(moved),
        {
            "start_date": local.date().isoformat(),
            "start_time": local.strftime("%H:%M"),
            "duration_minutes": moved.duration_minutes,
            "status": moved.status,
            "summary": "Bob's new summary",
            "private_notes": "Overwritten by Bob",
        },
    )
    assert response.status_code == 302
    moved.refresh_from_db()
    assert moved.summary == "Bob's new summary"
    assert moved.private_notes == SECRET_NOTE
    with pytest.raises(services.SessionError, match="Only the therapist who wrote"):
        services.update_session(
            session=moved,
            editor=other_therapist,
            starts_at=moved.starts_at,
            duration_minutes=moved.duration_minutes,
            status=moved.status,
            summary=moved.summary,
            private_notes="Overwritten again",
        )


def test_an_action_item_found_only_in_the_notes_stays_with_them(
    client: Client, moved: TherapySession, other_therapist: User
) -> None:
    proposal = ProposedAction.objects.create(
        session=moved, source=ItemSource.NOTES, text="Secret homework idea", start=0, end=5
    )
    client.force_login(other_therapist)
    assert "Secret homework idea" not in client.get(_detail(moved)).content.decode()
    url = reverse("sessions-action-dismiss", args=[proposal.pk])
    assert client.post(url).status_code == 404


def test_the_author_keeps_read_only_access(
    client: Client, moved: TherapySession, therapist: User, other_therapist: User
) -> None:
    client.force_login(therapist)
    response = client.get(_detail(moved))
    notes_url = reverse("sessions-past-notes", args=[moved.pk])
    assert response.status_code == 302
    assert response["Location"] == notes_url
    page = client.get(notes_url)
    assert page.status_code == 200
    assert "consider attachment themes" in page.content.decode()
    assert "<textarea" not in page.content.decode()
    assert notes_url in client.get(reverse("sessions-past")).content.decode()
    # Reading is audited like any other read of a client's record.
    assert AuditEntry.objects.filter(
        actor=therapist, client_id=moved.client_id, view_name="sessions-past-notes"
    ).exists()
    # Bob cannot use Alice's page, and a stranger gets a 404 too.
    client.force_login(other_therapist)
    assert client.get(notes_url).status_code == 404


def test_the_authors_access_ends_with_the_retention_period(
    client: Client, moved: TherapySession, therapist: User, settings: Any
) -> None:
    settings.MALLARD_RECORD_RETENTION_DAYS = 30
    notes_url = reverse("sessions-past-notes", args=[moved.pk])
    with time_machine.travel(timezone.now() + timedelta(days=29), tick=False):
        client.force_login(therapist)
        assert client.get(notes_url).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=31), tick=False):
        client.force_login(therapist)
        assert client.get(notes_url).status_code == 404


@pytest.mark.parametrize("scope", ["session", "client"])
def test_the_author_shares_the_notes_and_the_share_is_audited(
    client: Client,
    moved: TherapySession,
    therapist: User,
    other_therapist: User,
    client_user: User,
    scope: str,
) -> None:
    other = held_session(therapist, client_user, days=-9, private_notes="Second session's own notes")
    client.force_login(therapist)
    page = client.get(reverse("sessions-past-notes", args=[moved.pk])).content.decode()
    assert "Share my private notes on this session with Bob Brennan" in page
    response = client.post(reverse("sessions-notes-share", args=[moved.pk]), {"scope": scope}, follow=True)
    assert "Bob Brennan can now read these private notes." in response.content.decode()
    share = NotesShare.objects.get()
    assert (share.author, share.shared_with, share.shared_by) == (therapist, other_therapist, therapist)
    assert AuditEntry.objects.filter(
        actor=therapist, client_id=client_user.pk, action=AuditEntry.Action.CREATE
    ).exists()

    client.force_login(other_therapist)
    content = client.get(_detail(moved)).content.decode()
    assert "consider attachment themes" in content
    assert 'name="private_notes"' not in content  # still read-only for Bob
    second = client.get(_detail(other)).content.decode()
    assert ("Second session" in second) == (scope == "client")


def test_the_author_sees_what_is_shared_and_can_stop_sharing(
    client: Client, moved: TherapySession, therapist: User, other_therapist: User, client_user: User
) -> None:
    client.force_login(therapist)
    url = reverse("sessions-past-notes", args=[moved.pk])
    client.post(reverse("sessions-notes-share", args=[moved.pk]), {"scope": "session"})
    page = client.get(url).content.decode()
    assert "These notes: shared with Bob Brennan on" in page
    assert "Share my private notes on this session with Bob Brennan" not in page  # already shared
    assert "Share all my private notes on Carol Chen with Bob Brennan" in page
    share = NotesShare.objects.get()
    response = client.post(
        reverse("sessions-notes-unshare", args=[moved.pk]), {"share": share.pk}, follow=True
    )
    assert "You stopped sharing those private notes." in response.content.decode()
    assert not NotesShare.objects.exists()
    assert AuditEntry.objects.filter(actor=therapist, action=AuditEntry.Action.DELETE).exists()
    client.force_login(other_therapist)
    assert "consider attachment themes" not in client.get(_detail(moved)).content.decode()
    # Another therapist cannot withdraw the author's share, nor reach the page.
    services.share_private_notes(
        author=therapist, client=client_user, shared_with=other_therapist, shared_by=therapist
    )
    share = NotesShare.objects.get()
    assert (
        client.post(reverse("sessions-notes-unshare", args=[moved.pk]), {"share": share.pk}).status_code
        == 404
    )
    assert NotesShare.objects.filter(pk=share.pk).exists()


def test_staff_share_from_the_admin(
    client: Client,
    moved: TherapySession,
    therapist: User,
    other_therapist: User,
    client_user: User,
    staff: User,
) -> None:
    client.force_login(staff)
    response = client.post(
        reverse("admin:sessions_app_notesshare_add"),
        {"author": therapist.pk, "client": client_user.pk, "session": "", "shared_with": other_therapist.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    share = NotesShare.objects.get()
    assert share.shared_by == staff
    assert share.session is None
    assert AuditEntry.objects.filter(actor=staff, client_id=client_user.pk).exists()


def test_a_share_is_refused_for_a_non_therapist_or_the_author(
    moved: TherapySession, therapist: User, client_user: User, other_client: User
) -> None:
    for reader in (therapist, other_client):
        with pytest.raises(services.SessionError):
            services.share_private_notes(
                author=therapist, client=client_user, shared_with=reader, shared_by=therapist
            )
    assert not NotesShare.objects.exists()


def test_the_new_therapists_export_leaves_out_the_unshared_notes(
    client: Client, moved: TherapySession, therapist: User, other_therapist: User, client_user: User
) -> None:
    own = held_session(other_therapist, client_user, days=-1, private_notes="Bob's own notes")
    ProposedAction.objects.create(
        session=moved, source=ItemSource.NOTES, text="Secret homework idea", start=0, end=5
    )
    url = reverse("mallard-client-export-json", args=[client_user.pk])
    data = json.loads(rb.signed_in(client, other_therapist).get(url).content)
    sessions = {row["id"]: row for row in data["sections"]["sessions"]["sessions"]}
    assert sessions[moved.pk]["private_notes"] is None
    assert sessions[moved.pk]["summary"] == SHARED_SUMMARY
    assert sessions[own.pk]["private_notes"] == "Bob's own notes"
    texts = [item["text"] for item in data["sections"]["sessions"]["action_items"]]
    assert "Secret homework idea" not in texts
    assert SECRET_MARKER not in json.dumps(data)
    report = client.get(reverse("mallard-client-report", args=[client_user.pk])).content.decode()
    assert SECRET_MARKER not in report

    services.share_private_notes(
        author=therapist, client=client_user, shared_with=other_therapist, shared_by=therapist
    )
    data = json.loads(client.get(url).content)
    sessions = {row["id"]: row for row in data["sections"]["sessions"]["sessions"]}
    assert sessions[moved.pk]["private_notes"] == SECRET_NOTE


def test_the_caseload_links_to_the_notes_on_former_clients(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    assert reverse("sessions-past") in client.get(reverse("sessions-caseload")).content.decode()


def test_the_admin_refuses_a_share_with_someone_who_is_not_a_therapist(
    client: Client, moved: TherapySession, therapist: User, client_user: User, other_client: User, staff: User
) -> None:
    client.force_login(staff)
    response = client.post(
        reverse("admin:sessions_app_notesshare_add"),
        {"author": therapist.pk, "client": client_user.pk, "session": "", "shared_with": other_client.pk},
    )
    assert response.status_code == 200
    assert "Private notes can be shared only with another therapist." in response.content.decode()
    assert not NotesShare.objects.exists()
