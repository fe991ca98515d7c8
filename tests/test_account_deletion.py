"""A client closing (deleting) their account: the service, its e-mail and the confirmation page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from allauth.usersessions.models import UserSession
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.cached_db import SessionStore
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD
from mallard.models import AuditEntry, CareRelationship, User
from mallard.retention import AccountError, close_account, record_kept_until
from mallard.tests.helpers import field_error
from reminders.models import Reminder, ReminderStatus
from tests import record_builders as rb

pytestmark = pytest.mark.django_db

CLOSE = reverse("mallard-account-close")
CLOSED_AT = datetime(2027, 2, 1, 3, 0, tzinfo=UTC)


def pending_reminder(user: User, key: str = "pending-1") -> Reminder:
    return Reminder.objects.create(user=user, due_at=timezone.now() + timedelta(hours=2), idempotency_key=key)


# --- The service ----------------------------------------------------------------------------


def test_closing_deactivates_the_account_and_ends_care(client_user: User, therapist: User) -> None:
    with time_machine.travel(CLOSED_AT, tick=False):
        close_account(client=client_user)

    client_user.refresh_from_db()
    assert client_user.closed_at == CLOSED_AT
    assert client_user.is_active is False
    care = CareRelationship.objects.get(client=client_user)
    assert care.ended_at == CLOSED_AT
    assert record_kept_until(client_user) == CLOSED_AT + timedelta(days=2557)
    ended = AuditEntry.objects.get(
        content_type=ContentType.objects.get_for_model(CareRelationship),
        object_pk=str(care.pk),
        action=AuditEntry.Action.UPDATE,
    )
    assert "ended_at" in (ended.changes or {})


def test_closing_cancels_pending_reminders_but_keeps_history(client_user: User, other_client: User) -> None:
    mine = pending_reminder(client_user)
    theirs = pending_reminder(other_client, "pending-2")
    sent = Reminder.objects.create(
        user=client_user,
        due_at=timezone.now() - timedelta(hours=1),
        status=ReminderStatus.SENT,
        sent_at=timezone.now(),
        idempotency_key="sent-1",
    )

    close_account(client=client_user)

    mine.refresh_from_db()
    assert (mine.status, mine.reason) == (ReminderStatus.CANCELLED, "account closed")
    theirs.refresh_from_db()
    assert theirs.status == ReminderStatus.PENDING
    sent.refresh_from_db()
    assert sent.status == ReminderStatus.SENT


def test_closing_cancels_upcoming_sessions_and_keeps_the_past_ones(
    client_user: User, other_client: User, therapist: User
) -> None:
    from measures.models import MeasurePlan, MeasureWindow, Schedule
    from measures.services import assign_measure
    from sessions_app.models import SessionStatus, TherapySession

    now = timezone.now()

    def session(client: User, days: float, status: str = SessionStatus.SCHEDULED) -> TherapySession:
        return TherapySession.objects.create(
            therapist=therapist, client=client, starts_at=now + timedelta(days=days), status=status
        )

    held = session(client_user, -7, SessionStatus.HELD)
    upcoming = [session(client_user, 3), session(client_user, 10)]
    theirs = session(other_client, 3)
    assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="phq9",
        schedule=Schedule.BEFORE_SESSION,
        starts_on=now.date(),
    )
    assert MeasureWindow.objects.filter(client=client_user).count() == 2

    close_account(client=client_user)

    statuses = dict(TherapySession.objects.values_list("pk", "status"))
    assert [statuses[s.pk] for s in upcoming] == [SessionStatus.CANCELLED] * 2
    assert (statuses[held.pk], statuses[theirs.pk]) == (SessionStatus.HELD, SessionStatus.SCHEDULED)
    assert MeasurePlan.objects.filter(client=client_user).exists()
    assert not MeasureWindow.objects.filter(client=client_user, closes_at__gt=now).exists()
    changes = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(TherapySession),
        object_pk__in=[str(s.pk) for s in upcoming],
        action=AuditEntry.Action.UPDATE,
    )
    assert changes.count() == 2


def test_closing_with_questionnaires_before_sessions_gives_reminders_the_closing_reason(
    client_user: User, therapist: User
) -> None:
    """Cancelling the sessions rewrites the questionnaire windows, which re-plans the reminders
    after care has ended: they must still say the account was closed."""
    from measures.models import Schedule
    from measures.services import assign_measure
    from sessions_app.models import TherapySession

    TherapySession.objects.create(
        therapist=therapist, client=client_user, starts_at=timezone.now() + timedelta(days=3)
    )
    assign_measure(
        therapist=therapist,
        client=client_user,
        instrument="gad7",
        schedule=Schedule.BEFORE_SESSION,
        starts_on=timezone.now().date(),
    )
    mine = pending_reminder(client_user)

    close_account(client=client_user)

    mine.refresh_from_db()
    assert (mine.status, mine.reason) == (ReminderStatus.CANCELLED, "account closed")
    assert not Reminder.objects.filter(user=client_user, status=ReminderStatus.PENDING).exists()


def test_closing_signs_the_client_out_everywhere(
    client: Client, client_user: User, django_capture_on_commit_callbacks: Any
) -> None:
    # Signing in through allauth lists the session among the signed-in devices.
    client.post(reverse("account_login"), {"login": client_user.email, "password": PASSWORD})
    assert client.get(reverse("mallard-profile")).status_code == 200
    session_key = client.session.session_key
    assert session_key is not None
    assert UserSession.objects.filter(user=client_user).exists()

    with django_capture_on_commit_callbacks(execute=True):
        close_account(client=client_user)

    assert not UserSession.objects.filter(user=client_user).exists()
    assert not SessionStore().exists(session_key)
    response = client.get(reverse("mallard-profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_closing_emails_what_happens_and_when(
    client_user: User, django_capture_on_commit_callbacks: Any
) -> None:
    with time_machine.travel(CLOSED_AT, tick=False), django_capture_on_commit_callbacks(execute=True):
        close_account(client=client_user)

    (message,) = mail.outbox
    assert message.to == ["carol@example.com"]
    assert message.subject == "Your Mallard account is closed"
    # 03:00 UTC on 1 February is 22:00 on 31 January in New York.
    assert "closed on 31 January 2027, 22:00 (America/New_York)" in message.body
    assert "kept until 31 January 2034" in message.body
    assert "(about 7 years after closing)" in message.body
    assert "2557" not in message.body
    assert isinstance(message, EmailMultiAlternatives)
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "kept until 31 January 2034" in str(html)


def test_no_email_is_sent_when_closing_rolls_back(client_user: User) -> None:
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        close_account(client=client_user)
        raise RuntimeError

    client_user.refresh_from_db()
    assert client_user.closed_at is None
    assert mail.outbox == []


def test_closing_twice_changes_nothing(client_user: User, django_capture_on_commit_callbacks: Any) -> None:
    with time_machine.travel(CLOSED_AT, tick=False), django_capture_on_commit_callbacks(execute=True):
        close_account(client=client_user)
    with django_capture_on_commit_callbacks(execute=True):
        close_account(client=client_user)

    client_user.refresh_from_db()
    assert client_user.closed_at == CLOSED_AT
    assert len(mail.outbox) == 1


def test_only_a_client_account_is_closed_this_way(therapist: User) -> None:
    with pytest.raises(AccountError):
        close_account(client=therapist)

    therapist.refresh_from_db()
    assert therapist.is_active is True


# --- The confirmation page --------------------------------------------------------------------


def test_the_page_says_what_happens(client: Client, client_user: User) -> None:
    response = rb.signed_in(client, client_user).get(CLOSE)

    assert response.status_code == 200
    page = response.content.decode()
    assert "You leave Alice Adeyemi's care on Mallard." in page
    assert "Your record is kept for about 7 years, until " in page
    assert "2557 days" not in page
    assert "no-store" in response["Cache-Control"]


def test_a_wrong_confirmation_is_refused_with_a_clear_message(client: Client, client_user: User) -> None:
    response = rb.signed_in(client, client_user).post(CLOSE, {"confirmation": "yes"})

    assert response.status_code == 200
    assert field_error(response, "confirmation") == "Type “delete my account” exactly to close your account."
    client_user.refresh_from_db()
    assert client_user.closed_at is None


def test_confirming_closes_the_account_and_signs_out(
    client: Client, client_user: User, django_capture_on_commit_callbacks: Any
) -> None:
    rb.signed_in(client, client_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CLOSE, {"confirmation": "  Delete  my account "})

    assert response.status_code == 302
    assert response["Location"] == reverse("mallard-account-closed")
    client_user.refresh_from_db()
    assert client_user.closed_at is not None
    assert not client_user.is_active
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1
    closed_page = client.get(reverse("mallard-account-closed"))
    assert closed_page.status_code == 200
    assert "Your account is closed" in closed_page.content.decode()


def test_a_closed_account_cannot_sign_in_again(client: Client, client_user: User) -> None:
    close_account(client=client_user)

    response = client.post(reverse("account_login"), {"login": "carol@example.com", "password": PASSWORD})

    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"] == reverse("account_inactive")


def test_closing_asks_for_the_password_again(client: Client, client_user: User) -> None:
    client.force_login(client_user)

    response = client.post(CLOSE, {"confirmation": "delete my account"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client_user.refresh_from_db()
    assert client_user.closed_at is None


def test_an_anonymous_visitor_is_sent_to_sign_in(client: Client) -> None:
    response = client.post(CLOSE, {"confirmation": "delete my account"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_it_answers_only_get_and_post(client: Client, client_user: User, method: str) -> None:
    assert getattr(rb.signed_in(client, client_user), method)(CLOSE).status_code == 405
    assert getattr(client, method)(reverse("mallard-account-closed")).status_code == 405


def test_a_therapist_cannot_use_it(client: Client, therapist: User) -> None:
    response = rb.signed_in(client, therapist).post(CLOSE, {"confirmation": "delete my account"})

    assert response.status_code == 403
    therapist.refresh_from_db()
    assert therapist.closed_at is None


def test_signing_in_to_a_closed_account_says_what_happened_and_how_to_come_back(
    client: Client, client_user: User, settings: Any
) -> None:
    settings.MALLARD_RECORD_RETENTION_DAYS = 30
    with time_machine.travel(datetime(2027, 3, 2, 9, 0, tzinfo=UTC), tick=False):
        close_account(client=client_user)
        response = client.post(reverse("account_login"), {"login": "carol@example.com", "password": PASSWORD})
    html = response.content.decode()
    assert "_auth_user_id" not in client.session
    assert '<h1 class="h3 mb-3">This account was closed</h1>' in html
    assert "was closed on 2 March 2027, so it cannot sign in" in html
    assert "Everything in it is kept, out of use, until 1 April 2027" in html
    assert "Ask your therapist or your practice to reopen it." in html
    assert "Account Inactive" not in html


def test_a_wrong_password_for_a_closed_account_tells_nothing(client: Client, client_user: User) -> None:
    close_account(client=client_user)
    response = client.post(
        reverse("account_login"), {"login": "carol@example.com", "password": "not-it-at-all"}
    )
    assert "was closed" not in response.content.decode()
