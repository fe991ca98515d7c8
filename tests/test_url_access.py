"""Every URL in the project, as every kind of visitor, by GET and by POST.

The walk finds every URL pattern through the resolver (the admin and allauth's
pages included) and fills path parameters with practice A's objects. Each
persona gets the outcome the table below names:

- ``LOGIN``: a redirect to ``/accounts/login/?next=<the URL>`` (anonymous visitors);
- ``ADMIN``: a redirect to the admin's sign-in (which in turn goes through allauth);
- 200, or another status: 403 for the wrong role, 404 for the other practice
  (ids never say whether a row exists), 405 for a method the view does not take.

A URL pattern with no table entry, or an entry for a pattern that no longer
exists, fails the test, so a new page cannot go unchecked. Every forged POST (by
anyone the table does not name as a writer) must leave the data unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from homework.models import Entry
from mallard.models import AuditEntry, User
from measures.models import MeasureSettings
from sessions_app.models import NotesShare
from tests.url_walk import (
    PERSONAS,
    Route,
    World,
    all_routes,
    changed_tables,
    snapshot,
    valid_post_data,
    world,
)

__all__ = ["world"]  # the fixture

LOGIN = "login"
ADMIN = "admin"
Outcome = int | str
Outcomes = tuple[Outcome, Outcome, Outcome, Outcome, Outcome, Outcome]
Params = Callable[[World], dict[str, Any]]

# Columns: anonymous, client A, client B, therapist A, therapist B, staff.
PUBLIC: Outcomes = (200, 200, 200, 200, 200, 200)
SIGNED_IN: Outcomes = (LOGIN, 200, 200, 200, 200, 200)
CLIENT_PAGE: Outcomes = (LOGIN, 200, 200, 403, 403, 403)
CLIENT_OWN: Outcomes = (LOGIN, 200, 404, 403, 403, 403)
THERAPIST_PAGE: Outcomes = (LOGIN, 403, 403, 200, 200, 403)
THERAPIST_OWN: Outcomes = (LOGIN, 403, 403, 200, 404, 403)
STAFF_ONLY: Outcomes = (ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, 200)


def but(base: Outcomes, **changes: Outcome) -> Outcomes:
    """``base`` with some personas' outcomes changed."""
    values = dict(zip(PERSONAS, base, strict=True))
    unknown = changes.keys() - values.keys()
    assert not unknown, unknown
    values.update(changes)
    return tuple(values[p] for p in PERSONAS)  # type: ignore[return-value]


def only_post(base: Outcomes) -> Outcomes:
    """The GET outcomes of a POST-only view: signed-in people of the right role get 405 before any lookup."""
    return tuple(405 if outcome in (200, 302, 404) else outcome for outcome in base)  # type: ignore[return-value]


def no_post(base: Outcomes) -> Outcomes:
    """The POST outcomes of a GET-only view."""
    return only_post(base)


@dataclass(frozen=True)
class Row:
    """What each persona gets from one URL, by GET and by POST.

    ``writers`` are the personas whose POST may change data (their own, or the
    practice's they own); every other persona's POST must change nothing.
    """

    get: Outcomes
    post: Outcomes
    params: Params | None = None
    writers: frozenset[str] = field(default=frozenset())
    bearer_token: str = ""  # the path parameter that is itself the credential (signed e-mail links)
    # GET outcomes for people who have just entered their password again (pages behind reauthentication).
    reauthenticated: Outcomes | None = None


def row(get: Outcomes, post: Outcomes | None = None, params: Params | None = None, **kw: Any) -> Row:
    post = no_post(get) if post is None else post
    writers = kw.pop("writers", None)
    if writers is None:
        writers = frozenset(p for p, o in zip(PERSONAS, post, strict=True) if o in (200, 302))
    return Row(get=get, post=post, params=params, writers=frozenset(writers), **kw)


def client_own(get: int = 200, post: int | None = None) -> tuple[Outcomes, Outcomes]:
    get_outcomes = but(CLIENT_OWN, client_a=get)
    if post is None:
        return get_outcomes, no_post(get_outcomes)
    return get_outcomes, but(CLIENT_OWN, client_a=post)


def a(name: str) -> Params:
    """The path parameter ``name``, taken from practice A."""
    getters: dict[str, Callable[[World], Any]] = {
        "assignment_id": lambda w: w.a.assignment.pk,
        "occurrence_id": lambda w: w.a.open_occurrence.pk,
        "goal_id": lambda w: w.a.goal.pk,
        "entry_id": lambda w: w.a.entry.pk,
        "template_id": lambda w: w.a.template.pk,
        "client_id": lambda w: w.a.client.pk,
        "session_id": lambda w: w.a.session.pk,
        "proposal_id": lambda w: w.a.proposal.pk,
        "invitation_id": lambda w: w.a.invitation.pk,
        "window_id": lambda w: w.a.measure_window.pk,
        "response_id": lambda w: w.a.measure_response.pk,
        "notification_id": lambda w: w.a.notification.pk,
    }
    return lambda w: {name: getters[name](w)}


def item9(w: World) -> dict[str, Any]:
    assert w.a.item9_response is not None
    return {"client_id": w.a.client.pk, "response_id": w.a.item9_response.pk}


def logged(w: World) -> dict[str, Any]:
    return {"occurrence_id": w.a.logged.pk}


TABLE: dict[str, Row] = {
    # --- mallard -------------------------------------------------------------------------------
    "mallard-home": row(but(PUBLIC, client_a=302, client_b=302, therapist_a=302, therapist_b=302, staff=302)),
    "mallard-crisis": row(PUBLIC),
    "mallard-healthz": row(PUBLIC),
    "mallard-profile": row(SIGNED_IN, but(SIGNED_IN, **dict.fromkeys(PERSONAS[1:], 302))),
    "mallard-still-here": row(only_post(SIGNED_IN), SIGNED_IN),
    "mallard-invitations": row(THERAPIST_PAGE, but(THERAPIST_PAGE, therapist_a=302, therapist_b=302)),
    "mallard-invitation-resend": row(
        only_post(THERAPIST_OWN), but(THERAPIST_OWN, therapist_a=302), a("invitation_id")
    ),
    "mallard-invitation-revoke": row(
        only_post(THERAPIST_OWN), but(THERAPIST_OWN, therapist_a=302), a("invitation_id")
    ),
    "mallard-invitation-accept": row(
        (302, 409, 409, 409, 409, 409),
        (405,) * 6,
        lambda w: {"token": w.a.invitation_token},
        bearer_token="token",
    ),
    # Only the account the invited address belongs to may answer; the walk's invitee has none.
    "mallard-invitation-respond": row(
        (LOGIN, 405, 405, 405, 405, 405),
        (LOGIN, 404, 404, 404, 404, 404),
        lambda w: {"token": w.a.invitation_token},
    ),
    # --- homework: the client's side -------------------------------------------------------------
    "homework-today": row(CLIENT_PAGE),
    "homework-assignment": row(*client_own(), a("assignment_id")),
    "homework-quick-log": row(*client_own(post=302), a("occurrence_id")),
    "homework-not-done": row(*client_own(post=302), a("occurrence_id")),
    "homework-undo-log": row(only_post(CLIENT_OWN), but(CLIENT_OWN, client_a=302), a("occurrence_id")),
    "homework-undo-skip": row(only_post(CLIENT_OWN), but(CLIENT_OWN, client_a=302), a("occurrence_id")),
    "homework-ask": row(only_post(CLIENT_OWN), but(CLIENT_OWN, client_a=302), a("assignment_id")),
    "homework-history": row(CLIENT_PAGE),
    "homework-progress": row(CLIENT_PAGE),
    "homework-goals": row(CLIENT_PAGE),
    "homework-goal-rate": row(only_post(CLIENT_OWN), but(CLIENT_OWN, client_a=302), a("goal_id")),
    "homework-entry-form": row(*client_own(post=302), a("occurrence_id")),
    "homework-entry": row(*client_own(), a("entry_id")),
    "homework-feedback-read": row(only_post(CLIENT_OWN), but(CLIENT_OWN, client_a=302), a("entry_id")),
    # --- homework: the therapist's side ----------------------------------------------------------
    "homework-library": row(THERAPIST_PAGE),
    "homework-template-new": row(THERAPIST_PAGE),
    # Any therapist writes a template of their own: both practices' therapists may post.
    "homework-template-create": row(
        THERAPIST_PAGE, but(THERAPIST_PAGE, therapist_a=302, therapist_b=302), lambda w: {"kind": "journal"}
    ),
    "homework-template": row(THERAPIST_OWN, params=a("template_id")),
    "homework-template-copy": row(
        only_post(THERAPIST_OWN), but(THERAPIST_OWN, therapist_a=302), a("template_id")
    ),
    "homework-template-edit": row(THERAPIST_OWN, but(THERAPIST_OWN, therapist_a=302), a("template_id")),
    "homework-assign": row(THERAPIST_OWN, but(THERAPIST_OWN, therapist_a=302), a("template_id")),
    "homework-assignment-edit": row(THERAPIST_OWN, but(THERAPIST_OWN, therapist_a=302), a("assignment_id")),
    "homework-assignment-status": row(
        only_post(THERAPIST_OWN), but(THERAPIST_OWN, therapist_a=302), a("assignment_id")
    ),
    # The Undo of an archive names the status to go back to in its query string (``?to=``);
    # without it, the owner is told nothing was changed (400).
    "homework-assignment-unarchive": row(
        only_post(THERAPIST_OWN), but(THERAPIST_OWN, therapist_a=400), a("assignment_id")
    ),
    # The Undo of "… is marked as completed", the same way.
    "homework-assignment-uncomplete": row(
        only_post(THERAPIST_OWN), but(THERAPIST_OWN, therapist_a=400), a("assignment_id")
    ),
    "homework-assignment-adjust": row(
        only_post(THERAPIST_OWN), but(THERAPIST_OWN, therapist_a=302), a("assignment_id")
    ),
    "homework-client": row(THERAPIST_OWN, params=a("client_id")),
    "homework-goal-create": row(
        only_post(THERAPIST_OWN), but(THERAPIST_OWN, therapist_a=302), a("client_id")
    ),
    "homework-client-entry": row(THERAPIST_OWN, params=a("entry_id")),
    "homework-entry-feedback": row(
        only_post(THERAPIST_OWN), but(THERAPIST_OWN, therapist_a=302), a("entry_id")
    ),
    "homework-entry-feedback-undo": row(
        only_post(THERAPIST_OWN), but(THERAPIST_OWN, therapist_a=302), a("entry_id")
    ),
    # --- measures --------------------------------------------------------------------------------
    "measures-client": row(THERAPIST_OWN, but(THERAPIST_OWN, therapist_a=302), a("client_id")),
    # A confirmation page by GET; the POST stops the plan.
    "measures-stop": row(
        THERAPIST_OWN,
        but(THERAPIST_OWN, therapist_a=302),
        lambda w: {"client_id": w.a.client.pk, "plan_id": w.a.measure_plan.pk},
    ),
    # A POST only. The walk's plan has its window open and unanswered, so the owner is told so.
    "measures-ask-now": row(
        only_post(THERAPIST_OWN),
        but(THERAPIST_OWN, therapist_a=302),
        lambda w: {"client_id": w.a.client.pk, "plan_id": w.a.measure_plan.pk},
    ),
    "measures-plan-edit": row(
        THERAPIST_OWN,
        but(THERAPIST_OWN, therapist_a=302),
        lambda w: {"client_id": w.a.client.pk, "plan_id": w.a.measure_plan.pk},
    ),
    # The therapist's page of one response, item by item (GET only).
    "measures-response": row(
        THERAPIST_OWN, params=lambda w: {"client_id": w.a.client.pk, "response_id": w.a.measure_response.pk}
    ),
    "measures-answer": row(*client_own(post=302), a("window_id")),
    "measures-answered": row(*client_own(), a("response_id")),
    "measures-correct": row(*client_own(post=302), a("response_id")),
    # --- sessions --------------------------------------------------------------------------------
    "sessions-caseload": row(THERAPIST_PAGE),
    "sessions-client-overview": row(THERAPIST_OWN, params=a("client_id")),
    "sessions-summary": row(THERAPIST_OWN, params=a("session_id")),
    "sessions-client-sessions": row(THERAPIST_OWN, but(THERAPIST_OWN, therapist_a=302), a("client_id")),
    "sessions-session": row(THERAPIST_OWN, but(THERAPIST_OWN, therapist_a=302), a("session_id")),
    "sessions-session-status": row(
        only_post(THERAPIST_OWN), but(THERAPIST_OWN, therapist_a=302), a("session_id")
    ),
    "sessions-session-uncancel": row(
        only_post(THERAPIST_OWN), but(THERAPIST_OWN, therapist_a=302), a("session_id")
    ),
    # A therapist's own notes on former clients: practice A's session is a current client's, so 404.
    "sessions-past": row(THERAPIST_PAGE),
    "sessions-past-notes": row(but(THERAPIST_OWN, therapist_a=404), params=a("session_id")),
    "sessions-notes-share": row(
        only_post(THERAPIST_OWN), but(THERAPIST_OWN, therapist_a=404), a("session_id")
    ),
    "sessions-notes-unshare": row(
        only_post(THERAPIST_OWN), but(THERAPIST_OWN, therapist_a=404), a("session_id")
    ),
    "sessions-mine": row(CLIENT_PAGE),
    "sessions-my-scores": row(CLIENT_PAGE),
    "sessions-item9-reviewed": row(only_post(THERAPIST_OWN), but(THERAPIST_OWN, therapist_a=302), item9),
    "sessions-item9-unreviewed": row(only_post(THERAPIST_OWN), but(THERAPIST_OWN, therapist_a=302), item9),
    "sessions-scores-visibility": row(
        only_post(THERAPIST_OWN), but(THERAPIST_OWN, therapist_a=302), a("client_id")
    ),
    "sessions-reflection": row(*client_own(post=302), a("session_id")),
    "sessions-action-confirm": row(THERAPIST_OWN, but(THERAPIST_OWN, therapist_a=302), a("proposal_id")),
    "sessions-action-dismiss": row(
        only_post(THERAPIST_OWN), but(THERAPIST_OWN, therapist_a=302), a("proposal_id")
    ),
    "sessions-action-restore": row(
        only_post(THERAPIST_OWN), but(THERAPIST_OWN, therapist_a=302), a("proposal_id")
    ),
    "sessions-action-assign": row(
        only_post(THERAPIST_OWN), but(THERAPIST_OWN, therapist_a=302), a("proposal_id")
    ),
    "sessions-action-update": row(
        only_post(THERAPIST_OWN), but(THERAPIST_OWN, therapist_a=302), a("proposal_id")
    ),
    "sessions-action-undo-update": row(
        only_post(THERAPIST_OWN), but(THERAPIST_OWN, therapist_a=302), a("proposal_id")
    ),
    "sessions-agreement-decide": row(
        only_post(THERAPIST_OWN),
        but(THERAPIST_OWN, therapist_a=302),
        lambda w: {"session_id": w.a.session.pk, "assignment_id": w.a.assignment.pk},
    ),
    "sessions-agreement-undo": row(
        only_post(THERAPIST_OWN),
        but(THERAPIST_OWN, therapist_a=302),
        lambda w: {"session_id": w.a.session.pk, "assignment_id": w.a.assignment.pk},
    ),
    # --- reminders -------------------------------------------------------------------------------
    "reminders-preferences": row(
        but(SIGNED_IN, staff=403),
        but(SIGNED_IN, client_a=302, client_b=302, therapist_a=302, therapist_b=302, staff=403),
    ),
    "reminders-assignment": row(only_post(CLIENT_OWN), but(CLIENT_OWN, client_a=302), a("assignment_id")),
    "reminders-log": row(CLIENT_PAGE),
    "reminders-client-status": row(THERAPIST_OWN, params=a("client_id")),
    "reminders-feed-settings": row(CLIENT_PAGE, but(CLIENT_PAGE, client_a=302, client_b=302)),
    "reminders-feed": row(PUBLIC, (405,) * 6, lambda w: {"token": w.a.feed_token}, bearer_token="token"),
    "reminders-unsubscribe": row(
        PUBLIC, PUBLIC, lambda w: {"token": w.a.unsubscribe_token}, bearer_token="token"
    ),
    "reminders-snooze": row(PUBLIC, (302,) * 6, lambda w: {"token": w.a.snooze_token}, bearer_token="token"),
    "reminders-notifications": row(SIGNED_IN),
    # --- data rights and the audit trail -----------------------------------------------------------
    "mallard-data": row(CLIENT_PAGE),
    # Downloads ask for the password again first; then only the record's own people get it.
    "mallard-data-download": row(but(CLIENT_PAGE, client_a=302, client_b=302), reauthenticated=CLIENT_PAGE),
    "mallard-data-json": row(but(CLIENT_PAGE, client_a=302, client_b=302), reauthenticated=CLIENT_PAGE),
    "mallard-data-report": row(but(CLIENT_PAGE, client_a=302, client_b=302), reauthenticated=CLIENT_PAGE),
    "mallard-account-close": row(
        but(CLIENT_PAGE, client_a=302, client_b=302),
        but(CLIENT_PAGE, client_a=302, client_b=302),
        reauthenticated=CLIENT_PAGE,
    ),
    "mallard-account-closed": row(PUBLIC),
    "mallard-record-access": row(CLIENT_PAGE),
    "mallard-client-export": row(THERAPIST_OWN, params=a("client_id")),
    # The client is looked up before the password is asked for: another's client is a 404 at once.
    "mallard-client-export-json": row(
        but(THERAPIST_OWN, therapist_a=302),
        params=a("client_id"),
        reauthenticated=THERAPIST_OWN,
    ),
    "mallard-client-report": row(
        but(THERAPIST_OWN, therapist_a=302),
        params=a("client_id"),
        reauthenticated=THERAPIST_OWN,
    ),
    "mallard-closed-records": row(THERAPIST_PAGE),
    "reminders-notifications-read": row(
        only_post(SIGNED_IN), but(SIGNED_IN, **dict.fromkeys(PERSONAS[1:], 302))
    ),
    # Anyone's own notifications: practice A's belongs to its client.
    "reminders-notification-open": row(
        (LOGIN, 405, 405, 405, 405, 405), (LOGIN, 302, 404, 404, 404, 404), a("notification_id")
    ),
}


# --- allauth ---------------------------------------------------------------------------------------

SIGNED_IN_REDIRECTS: Outcomes = (200, 302, 302, 302, 302, 302)
SIGNED_IN_404: Outcomes = (LOGIN, 404, 404, 404, 404, 404)
SIGNED_IN_302: Outcomes = (LOGIN, 302, 302, 302, 302, 302)
# Therapists and staff have an authenticator app; clients have none.
MFA_ENROLLED_ONLY: Outcomes = (LOGIN, 302, 302, 200, 200, 200)
# Changing two-factor settings asks a force-logged-in person to reauthenticate first (a redirect).
TABLE.update(
    {
        # Signing in and up: signed-in people are sent on; a POST without credentials shows errors.
        "account_login": row(SIGNED_IN_REDIRECTS, SIGNED_IN_REDIRECTS, writers=()),
        "account_logout": row(but(SIGNED_IN, anonymous=302), (302,) * 6),
        "account_inactive": row(PUBLIC),
        "account_signup": row(SIGNED_IN_REDIRECTS, SIGNED_IN_REDIRECTS, writers=()),
        "account_reauthenticate": row(SIGNED_IN, SIGNED_IN, writers=()),
        "account_request_reauthentication_code": row(SIGNED_IN, SIGNED_IN, writers=()),
        "account_confirm_reauthentication_code": row(SIGNED_IN_302, SIGNED_IN_302, writers=()),
        "account_email": row(SIGNED_IN, SIGNED_IN_302, writers=()),
        "account_email_verification_sent": row(PUBLIC),
        "account_change_password": row(SIGNED_IN, SIGNED_IN, writers=()),
        "account_set_password": row(SIGNED_IN_302, SIGNED_IN_302, writers=()),
        "account_reset_password": row(PUBLIC, PUBLIC, writers=()),
        "account_confirm_login_code": row((302,) * 6, (302,) * 6, writers=()),
        # The link in a confirmation e-mail: the signed key is the credential.
        "account_confirm_email": row(
            PUBLIC, (302,) * 6, lambda w: {"key": w.a.email_key}, bearer_token="key"
        ),
        "account_reset_password_from_key_done": row(PUBLIC),
        "account_reset_password_from_key": row(
            PUBLIC, PUBLIC, lambda w: {"uidb36": w.a.reset_uidb36, "key": w.a.reset_key}, writers=()
        ),
        "account_reset_password_done": row(PUBLIC),
        "mfa_index": row(SIGNED_IN),
        "mfa_authenticate": row((302,) * 6, (302,) * 6, writers=()),
        "mfa_reauthenticate": row(MFA_ENROLLED_ONLY, MFA_ENROLLED_ONLY, writers=()),
        "mfa_activate_totp": row(SIGNED_IN_302, SIGNED_IN_302, writers=()),
        "mfa_deactivate_totp": row(
            but(SIGNED_IN_302, client_a=404, client_b=404),
            but(SIGNED_IN_302, client_a=404, client_b=404),
            writers=(),
        ),
        "mfa_view_recovery_codes": row(SIGNED_IN_404, but(SIGNED_IN_404, **dict.fromkeys(PERSONAS[1:], 405))),
        "mfa_generate_recovery_codes": row(SIGNED_IN_302, SIGNED_IN_302, writers=()),
        "mfa_download_recovery_codes": row(SIGNED_IN_404, SIGNED_IN_404),
        "usersessions_list": row(SIGNED_IN, SIGNED_IN_302, writers=()),
    }
)


# --- The admin -------------------------------------------------------------------------------------

ADMIN_PAGE = row(STAFF_ONLY, STAFF_ONLY)

# One row of practice A for each model registered with the admin (a new one must be added here).
ADMIN_OBJECTS: dict[str, Callable[[World], Any]] = {
    "auth.group": lambda w: w.group,
    "account.emailaddress": lambda w: EmailAddress.objects.get(user=w.a.client, primary=True),
    "mfa.authenticator": lambda w: Authenticator.objects.filter(user=w.a.therapist).first(),
    "usersessions.usersession": lambda w: UserSession.objects.filter(user=w.a.client).first(),
    "mallard.user": lambda w: w.a.client,
    "mallard.carerelationship": lambda w: w.a.client.care_relationships.get(),
    "mallard.invitation": lambda w: w.a.invitation,
    "homework.template": lambda w: w.a.template,
    "homework.goal": lambda w: w.a.goal,
    "homework.assignment": lambda w: w.a.assignment,
    "homework.occurrence": lambda w: w.a.logged,
    "homework.log": lambda w: w.a.logged.log,
    "homework.entry": lambda w: w.a.private_entry,
    "homework.thoughtrecord": lambda w: w.a.draft,
    "homework.behavioralexperiment": lambda w: w.a.experiment_entry,
    "homework.journalentry": lambda w: w.a.private_entry,
    "homework.relaxationpractice": lambda w: w.a.entry,
    "homework.readingreflection": lambda w: w.a.reading_entry,
    "homework.skillpractice": lambda w: w.a.skill_entry,
    "mallard.auditentry": lambda w: AuditEntry.objects.filter(client=w.a.client).order_by("pk").first(),
    "sessions_app.notesshare": lambda w: NotesShare.objects.get(client=w.a.client),
    "measures.measureplan": lambda w: w.a.measure_plan,
    "measures.measureresponse": lambda w: w.a.measure_response,
    "measures.measuresettings": lambda w: MeasureSettings.objects.get(client=w.a.client),
}


def _object_id(label: str) -> Params:
    return lambda w: {"object_id": str(ADMIN_OBJECTS[label](w).pk)}


def admin_rows() -> dict[str, Row]:
    rows: dict[str, Row] = {
        "admin:index": ADMIN_PAGE,
        # Signing in to the admin goes through allauth; signed-in non-staff are refused.
        "admin:login": row((LOGIN, 403, 403, 403, 403, 302), (LOGIN, 403, 403, 403, 403, 200), writers=()),
        # Non-staff are sent to the admin index (and from there to sign in); staff log out by POST.
        "admin:logout": row((302, 302, 302, 302, 302, 405), (302, 302, 302, 302, 302, 200)),
        "admin:password_change": ADMIN_PAGE,
        "admin:password_change_done": row(STAFF_ONLY, but(STAFF_ONLY, staff=405)),
        "admin:autocomplete": row(but(STAFF_ONLY, staff=403), but(STAFF_ONLY, staff=405)),
        "admin:jsi18n": row(but(STAFF_ONLY, staff=200)),
        "admin:view_on_site": row(
            but(STAFF_ONLY, staff=404),
            but(STAFF_ONLY, staff=404),
            lambda w: {
                "content_type_id": str(ContentType.objects.get_for_model(User).pk),
                "object_id": str(w.a.client.pk),
            },
        ),
        "admin:app_list": row(STAFF_ONLY, STAFF_ONLY, lambda w: {"app_label": "homework"}),
        "admin:auth_user_password_change": row(STAFF_ONLY, STAFF_ONLY, lambda w: {"id": str(w.a.client.pk)}),
        "admin/(?P<url>.*)$": row(
            but(STAFF_ONLY, staff=404), but(STAFF_ONLY, staff=404), lambda w: {"url": "no/such/page/"}
        ),
    }
    for model in admin.site._registry:
        label = model._meta.label_lower
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        object_id = _object_id(label)
        rows[f"{prefix}_changelist"] = ADMIN_PAGE
        rows[f"{prefix}_add"] = ADMIN_PAGE
        rows[f"{prefix}_change"] = row(STAFF_ONLY, STAFF_ONLY, object_id)
        rows[f"{prefix}_history"] = row(STAFF_ONLY, STAFF_ONLY, object_id)
        # Staff's confirmed delete removes the row (rolled back here) and redirects.
        rows[f"{prefix}_delete"] = row(STAFF_ONLY, but(STAFF_ONLY, staff=302), object_id)
        redirect = f"admin/{model._meta.app_label}/{model._meta.model_name}/<path:object_id>/"
        rows[redirect] = row(but(STAFF_ONLY, staff=302), but(STAFF_ONLY, staff=302), object_id)
    # Invitations are made by therapists, never typed in by staff; the audit trail is read-only.
    rows["admin:mallard_invitation_add"] = row(but(STAFF_ONLY, staff=403), but(STAFF_ONLY, staff=403))
    rows["admin:mallard_auditentry_add"] = row(but(STAFF_ONLY, staff=403), but(STAFF_ONLY, staff=403))
    # A share of private notes is made, never edited; only its author withdraws it, not staff.
    share = _object_id("sessions_app.notesshare")
    rows["admin:sessions_app_notesshare_change"] = row(STAFF_ONLY, but(STAFF_ONLY, staff=403), share)
    # Clinical records are kept for the retention period and go only with the purge of a closed
    # account, never from the admin (mallard.admin.KeptRecordMixin). Worksheets (written by clients;
    # staff only see that they exist), logs, occurrences and questionnaire answers are history as
    # written: view-only. A client's questionnaire settings and the shares of private notes are
    # kept the same way.
    entries = [model._meta.label_lower for model in admin.site._registry if issubclass(model, Entry)]
    view_only = ["homework.occurrence", "homework.log", "measures.measureresponse", *entries]
    kept = [
        "homework.goal",
        "homework.assignment",
        "measures.measureplan",
        "measures.measuresettings",
        "sessions_app.notesshare",
        "mallard.carerelationship",
    ]
    for label in [*kept, *view_only]:
        prefix = f"admin:{label.replace('.', '_')}"
        rows[f"{prefix}_delete"] = row(
            but(STAFF_ONLY, staff=403), but(STAFF_ONLY, staff=403), _object_id(label)
        )
    for label in view_only:
        prefix = f"admin:{label.replace('.', '_')}"
        rows[f"{prefix}_add"] = row(but(STAFF_ONLY, staff=403), but(STAFF_ONLY, staff=403))
        rows[f"{prefix}_change"] = row(STAFF_ONLY, but(STAFF_ONLY, staff=403), _object_id(label))
    # A client's record goes by closing and the purge, never by deleting the person in the admin.
    rows["admin:mallard_user_delete"] = row(
        but(STAFF_ONLY, staff=403), but(STAFF_ONLY, staff=403), _object_id("mallard.user")
    )
    # A leaving therapist's clients are handed over from their page; a client has no such page.
    rows["admin:mallard_user_hand_over"] = row(
        STAFF_ONLY, STAFF_ONLY, lambda w: {"object_id": str(w.a.therapist.pk)}
    )
    audit = _object_id("mallard.auditentry")
    rows["admin:mallard_auditentry_change"] = row(STAFF_ONLY, but(STAFF_ONLY, staff=403), audit)
    rows["admin:mallard_auditentry_delete"] = row(
        but(STAFF_ONLY, staff=403), but(STAFF_ONLY, staff=403), audit
    )
    return rows


# --- The walk --------------------------------------------------------------------------------------


def url_for(route: Route, entry: Row, world: World) -> str:
    kwargs = entry.params(world) if entry.params else {}
    if route.name:
        return reverse(route.name, kwargs=kwargs)
    path = route.route.removeprefix("^").removesuffix("$")
    for name, value in kwargs.items():
        path = path.replace(f"<path:{name}>", str(value)).replace(f"(?P<{name}>.*)", str(value))
    return "/" + path


def describe(response: Any, url: str) -> Outcome:
    """The response as the table spells it."""
    status = response.status_code
    if status != 302:
        return int(status)
    location = urlsplit(response["Location"])
    query = dict(part.split("=", 1) for part in location.query.split("&") if "=" in part)
    if location.path == "/accounts/login/" and unquote(query.get("next", "")) == url:
        return LOGIN
    if location.path == "/admin/login/" and unquote(query.get("next", "")) == url:
        return ADMIN
    return 302


def browsers(world: World) -> dict[str, Client]:
    result = {}
    for persona in PERSONAS:
        browser = Client()
        user = world.user(persona)
        if user is not None:
            browser.force_login(user)
        result[persona] = browser
    return result


def full_table() -> dict[str, Row]:
    return {**TABLE, **admin_rows()}


def test_every_url_pattern_has_an_entry_and_every_entry_a_pattern(db: None) -> None:
    routes = {route.key for route in all_routes()}
    table = full_table()
    assert sorted(routes - table.keys()) == [], "URL patterns with no entry in the access table"
    assert sorted(table.keys() - routes) == [], "access-table entries for URL patterns that no longer exist"
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert sorted(registered - ADMIN_OBJECTS.keys()) == [], "admin models with no object to walk with"


def _table_routes() -> list[tuple[Route, Row]]:
    table = full_table()
    return [(route, table[route.key]) for route in all_routes() if route.key in table]


def test_every_persona_gets_the_expected_outcome_from_every_get(world: World) -> None:
    clients = browsers(world)
    wrong = []
    with transaction.atomic():
        before = snapshot()
        for route, entry in _table_routes():
            url = url_for(route, entry, world)
            for persona, expected in zip(PERSONAS, entry.get, strict=True):
                # Opening a password-reset link signs the visitor out (allauth), so sign in again as needed.
                actual = describe(_still_signed_in(clients[persona], world, persona).get(url), url)
                if actual != expected:
                    wrong.append(f"GET {url} ({route.key}) as {persona}: expected {expected}, got {actual}")
        changed = changed_tables(before, snapshot())
        transaction.set_rollback(True)
    if changed:  # GETs must not change data: name the ones that did
        for route, entry in _table_routes():
            url = url_for(route, entry, world)
            with transaction.atomic():
                before = snapshot()
                for persona in PERSONAS:
                    _still_signed_in(clients[persona], world, persona).get(url)
                if changed := changed_tables(before, snapshot()):
                    wrong.append(f"GET {url} ({route.key}) changed {changed}")
                transaction.set_rollback(True)
    if wrong:
        pytest.fail("\n".join(wrong))


def test_pages_behind_reauthentication_after_entering_the_password_again(world: World) -> None:
    clients = browsers(world)
    for persona in PERSONAS[1:]:
        clients[persona].post(reverse("account_reauthenticate"), {"password": PASSWORD})
    wrong = []
    for route, entry in _table_routes():
        if entry.reauthenticated is None:
            continue
        url = url_for(route, entry, world)
        for persona, expected in zip(PERSONAS, entry.reauthenticated, strict=True):
            actual = describe(clients[persona].get(url), url)
            if actual != expected:
                wrong.append(
                    f"GET {url} ({route.key}) as {persona}, reauthenticated: expected {expected}, got {actual}"
                )
    if wrong:
        pytest.fail("\n".join(wrong))


def test_no_table_entry_expects_a_server_error() -> None:
    for key, entry in full_table().items():
        for outcomes in (entry.get, entry.post, entry.reauthenticated or PUBLIC):
            assert all(isinstance(o, str) or o < 500 for o in outcomes), key


def _still_signed_in(browser: Client, world: World, persona: str) -> Client:
    user = world.user(persona)
    if user is not None and "_auth_user_id" not in browser.session:
        browser.force_login(user)
    return browser


def _post_as(
    browser: Client, persona: str, route: Route, url: str, data: dict[str, Any], expected: Outcome
) -> list[str]:
    actual = describe(browser.post(url, data), url)
    return (
        []
        if actual == expected
        else [f"POST {url} ({route.key}) as {persona}: expected {expected}, got {actual}"]
    )


def _forged_posts(world: World, clients: dict[str, Client], route: Route, entry: Row) -> list[str]:
    """POST as everyone but the row's writers; returns the unexpected outcomes."""
    url = url_for(route, entry, world)
    data = valid_post_data(route.key, world)
    wrong = []
    for persona, expected in zip(PERSONAS, entry.post, strict=True):
        if persona not in entry.writers:
            browser = _still_signed_in(clients[persona], world, persona)
            wrong += _post_as(browser, persona, route, url, data, expected)
    if entry.bearer_token:
        wrong += _tampered_link_posts(route, entry, world, clients, data)
    return wrong


def test_every_persona_gets_the_expected_outcome_from_every_post_and_forged_posts_write_nothing(
    world: World,
) -> None:
    clients = browsers(world)
    routes = _table_routes()
    wrong: list[str] = []
    # Every forged POST of the walk, in one go: nothing at all may change.
    with transaction.atomic():
        before = snapshot()
        for route, entry in routes:
            wrong += _forged_posts(world, clients, route, entry)
        changed = changed_tables(before, snapshot())
        transaction.set_rollback(True)
    if changed:  # find the culprits, one URL at a time
        for route, entry in routes:
            with transaction.atomic():
                before = snapshot()
                _forged_posts(world, clients, route, entry)
                if culprit := changed_tables(before, snapshot()):
                    wrong.append(f"a forged POST to {route.key} changed {culprit}")
                transaction.set_rollback(True)
    # Each writer's own POST, rolled back afterwards.
    for route, entry in routes:
        url = url_for(route, entry, world)
        data = valid_post_data(route.key, world)
        for persona, expected in zip(PERSONAS, entry.post, strict=True):
            if persona in entry.writers:
                with transaction.atomic():
                    browser = _still_signed_in(clients[persona], world, persona)
                    wrong += _post_as(browser, persona, route, url, data, expected)
                    transaction.set_rollback(True)
    if wrong:
        pytest.fail("\n".join(wrong))


def _tampered_link_posts(
    route: Route, entry: Row, world: World, clients: dict[str, Client], data: dict[str, Any]
) -> list[str]:
    """A signed link with its signature changed is refused for everyone (and, like any forged POST, writes nothing)."""
    kwargs = entry.params(world) if entry.params else {}
    kwargs[entry.bearer_token] = str(kwargs[entry.bearer_token])[:-2] + "xx"
    tampered = reverse(route.key, kwargs=kwargs)
    wrong = []
    for persona in PERSONAS:
        status = _still_signed_in(clients[persona], world, persona).post(tampered, data).status_code
        if status not in (404, 405):
            wrong.append(f"POST with a tampered link {tampered} as {persona}: {status}")
    return wrong


def test_the_fingerprint_notices_any_change_to_a_row(world: World) -> None:
    before = snapshot()
    Entry.objects.filter(pk=world.a.private_entry.pk).update(feedback="Seen")
    # The entry's tables, and the count of changes to the client's homework rows that its trigger keeps.
    assert changed_tables(before, snapshot()) == [
        "homework.changecounter",
        "homework.entry",
        "homework.journalentry",
    ]
