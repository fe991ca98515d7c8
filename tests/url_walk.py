"""Two full practices and staff, every URL pattern in the project, and a fingerprint of the data.

The URL-access walk, the crawl and the hostile-input tests share these builders:
practice A (alice and carol) and practice B (bob and dave) each hold homework of
several kinds, logs, entries (a private journal entry and a draft among them),
goals, sessions with notes, summaries and reflections, proposed action items,
invitations, reminders, notifications and the signed links e-mails carry.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import import_module
from typing import Any

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.usersessions.models import UserSession
from django.apps import apps
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group
from django.db.models import Model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from homework import services as homework_services
from homework.models import Assignment, Entry, Goal, Kind, LogStatus, Occurrence, Template
from homework.tests.conftest import make_assignment
from mallard.forms import CLOSE_PHRASE
from mallard.models import Invitation, User
from mallard.tests.helpers import make_invitation
from measures import services as measures_services
from measures.models import MeasurePlan, MeasureResponse, MeasureWindow, Schedule
from measures.scoring import score
from reminders import feeds, tokens
from reminders.models import (
    Channel,
    Notification,
    Reminder,
    ReminderKind,
    ReminderPreferences,
    ReminderStatus,
)
from sessions_app.models import (
    ItemSource,
    NotesShare,
    ProposedAction,
    Reflection,
    SessionStatus,
    TherapySession,
)

PERSONAS = ("anonymous", "client_a", "client_b", "therapist_a", "therapist_b", "staff")


@dataclass
class Practice:
    """One therapist, their client, and everything the two of them have made."""

    therapist: User
    client: User
    tag: str
    assignment: Assignment  # thought record; its today's occurrence holds a draft
    journal: Assignment
    relaxation: Assignment
    experiment: Assignment
    logged: Occurrence  # relaxation, logged as done
    open_occurrence: Occurrence  # behavioural experiment, nothing written yet
    draft: Entry
    private_entry: Entry
    entry: Entry  # a submitted relaxation entry the therapist may read
    experiment_entry: Entry  # yesterday's behavioural experiment, a draft
    reading_entry: Entry
    skill_entry: Entry
    goal: Goal
    template: Template  # the therapist's own copy of a built-in template
    session: TherapySession  # held, with notes, summary and a reflection
    upcoming: TherapySession
    reflection: Reflection
    proposal: ProposedAction
    invitation: Invitation
    invitation_token: str
    reminder: Reminder
    notification: Notification
    measure_plan: MeasurePlan  # PHQ-9 once: its window is open and unanswered
    measure_window: MeasureWindow
    measure_response: MeasureResponse  # the GAD-7, answered (its plan stopped since)
    prefs: ReminderPreferences
    feed_token: str
    unsubscribe_token: str
    snooze_token: str
    email_key: str
    reset_uidb36: str
    reset_key: str
    item9_response: MeasureResponse | None = None  # a PHQ-9 with item 9 above 0, not reviewed yet


@dataclass
class World:
    a: Practice
    b: Practice
    staff: User
    group: Group

    def user(self, persona: str) -> User | None:
        return {
            "anonymous": None,
            "client_a": self.a.client,
            "client_b": self.b.client,
            "therapist_a": self.a.therapist,
            "therapist_b": self.b.therapist,
            "staff": self.staff,
        }[persona]


def _today(assignment: Assignment) -> Occurrence:
    today = homework_services.client_today(assignment.client)
    return Occurrence.objects.get(assignment=assignment, due_date=today, slot=1)


def build_practice(therapist: User, client: User, tag: str) -> Practice:
    """A lived-in practice for ``therapist`` and ``client``; ``tag`` keeps its tokens apart."""
    start = homework_services.client_today(client) - timedelta(days=3)
    record = make_assignment(therapist, client, Kind.THOUGHT_RECORD, start=start)
    journal = make_assignment(therapist, client, Kind.JOURNAL, start=start)
    relaxation = make_assignment(therapist, client, Kind.RELAXATION, start=start)
    experiment = make_assignment(therapist, client, Kind.BEHAVIORAL_EXPERIMENT, start=start)
    draft = homework_services.save_entry(
        occurrence=_today(record), fields={"situation": f"Team meeting ({tag})"}, submit=False
    )
    journal_occurrence = _today(journal)
    private_entry = homework_services.save_entry(
        occurrence=journal_occurrence,
        fields={"prompt": journal.prompt or "Today", "text": f"Only for me ({tag})", "is_private": True},
        submit=True,
    )
    logged = _today(relaxation)
    entry = homework_services.save_entry(
        occurrence=logged,
        fields={"technique": relaxation.technique or "Paced breathing", "minutes": 10, "comments": "Calmer"},
        submit=True,
    )
    yesterday = Occurrence.objects.get(assignment=relaxation, due_date=logged.due_date - timedelta(days=1))
    homework_services.log_occurrence(occurrence=yesterday, status=LogStatus.DONE, minutes_spent=5)
    experiment_entry = homework_services.save_entry(
        occurrence=Occurrence.objects.get(
            assignment=experiment, due_date=logged.due_date - timedelta(days=1)
        ),
        fields={"belief": "They will laugh at me", "belief_strength": 70},
        submit=False,
    )
    reading = make_assignment(therapist, client, Kind.READING, start=start)
    reading_entry = homework_services.save_entry(
        occurrence=_today(reading),
        fields={"resource_title": reading.resource_title or "Leaflet", "was_read": True, "takeaways": "Less"},
        submit=True,
    )
    skill = make_assignment(therapist, client, Kind.SKILL_PRACTICE, start=start)
    skill_entry = homework_services.save_entry(
        occurrence=_today(skill),
        fields={"skill": skill.skill or "Asking for help", "what_i_did": "Asked a colleague"},
        submit=True,
    )
    goal = homework_services.create_goal(
        client=client, created_by=therapist, text=f"Speak up ({tag})", rating=3
    )
    homework_services.rate_goal(goal=goal, rating=4, rated_by=client, note="A bit better")
    template = homework_services.copy_template(therapist=therapist, template=_first_builtin(Kind.JOURNAL))
    now = timezone.now()
    session = TherapySession.objects.create(
        therapist=therapist,
        client=client,
        starts_at=now - timedelta(days=2),
        status=SessionStatus.HELD,
        private_notes=f"Private notes ({tag})",
        summary=f"We practised paced breathing ({tag}).",
    )
    upcoming = TherapySession.objects.create(
        therapist=therapist, client=client, starts_at=now + timedelta(days=5)
    )
    reflection = Reflection.objects.create(session=session, client=client, stood_out="The breathing helped.")
    text = "Paced breathing 5 min twice daily"
    proposal = ProposedAction.objects.create(
        session=session, source=ItemSource.NOTES, text=text, kind=Kind.RELAXATION, start=0, end=len(text)
    )
    invitation_token = f"invitation-{tag}"
    invitation = make_invitation(therapist, f"invitee-{tag}@example.com", token=invitation_token)
    prefs = feeds.enable_feed(user=client)
    reminder = Reminder.objects.create(
        user=client,
        occurrence=_today(experiment),
        kind=ReminderKind.OCCURRENCE,
        channel=Channel.EMAIL,
        due_at=now - timedelta(minutes=30),
        status=ReminderStatus.SENT,
        sent_at=now - timedelta(minutes=30),
        idempotency_key=f"walk:{tag}:{client.pk}",
    )
    notification = Notification.objects.create(
        user=client, reminder=reminder, text="Time for your practice", url="/today/"
    )
    today = homework_services.client_today(client)
    measure_plan = measures_services.assign_measure(
        therapist=therapist, client=client, instrument="phq9", schedule=Schedule.ONCE, starts_on=today
    )
    answered = measures_services.assign_measure(
        therapist=therapist, client=client, instrument="gad7", schedule=Schedule.ONCE, starts_on=today
    )
    measure_response = measures_services.submit_response(
        client=client, window=answered.windows.get(), answers=[1, 0, 1, 0, 1, 0, 1]
    )
    measures_services.stop_plan(plan=answered)
    measures_services.set_show_scores(client=client, show=True)
    # A second address the client added and has not confirmed yet: its link still works.
    # A signed-in browser elsewhere, as the sessions page and the admin list it. Its session holds
    # the person, as a real sign-in's does: the sessions page drops rows whose session has no one.
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(client.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = client.get_session_auth_hash()
    store.create()
    UserSession.objects.create(
        user=client, ip="192.0.2.10", session_key=store.session_key, user_agent="Firefox"
    )
    address = EmailAddress.objects.create(user=client, email=f"{tag}.work@example.com", verified=False)
    phq9 = score("phq9", [1, 1, 1, 1, 1, 1, 1, 1, 1])
    item9_response = MeasureResponse.objects.create(
        client=client,
        instrument="phq9",
        answers=[1] * 9,
        total=phq9.total,
        band=phq9.band,
        item9_positive=phq9.item9_positive,
        submitted_at=now - timedelta(days=1),
    )
    return Practice(
        therapist=therapist,
        client=client,
        tag=tag,
        assignment=record,
        journal=journal,
        relaxation=relaxation,
        experiment=experiment,
        logged=logged,
        open_occurrence=_today(experiment),
        draft=draft,
        private_entry=private_entry,
        entry=entry,
        experiment_entry=experiment_entry,
        reading_entry=reading_entry,
        skill_entry=skill_entry,
        goal=goal,
        template=template,
        session=session,
        upcoming=upcoming,
        reflection=reflection,
        proposal=proposal,
        invitation=invitation,
        invitation_token=invitation_token,
        reminder=reminder,
        notification=notification,
        measure_plan=measure_plan,
        measure_window=measure_plan.windows.get(),
        measure_response=measure_response,
        prefs=prefs,
        feed_token=tokens.feed_token(prefs),
        unsubscribe_token=tokens.unsubscribe_token(client),
        item9_response=item9_response,
        snooze_token=tokens.snooze_token(reminder),
        email_key=EmailConfirmationHMAC(address).key,
        reset_uidb36=user_pk_to_url_str(client),
        reset_key=default_token_generator.make_token(client),
    )


def build_world(
    therapist: User, client_user: User, other_therapist: User, other_client: User, staff: User
) -> World:
    world = World(
        a=build_practice(therapist, client_user, "a"),
        b=build_practice(other_therapist, other_client, "b"),
        staff=staff,
        group=Group.objects.create(name="Supervisors"),
    )
    # A share of practice A's private notes (as staff would make one after a transfer), for the admin.
    NotesShare.objects.create(
        author=therapist, client=client_user, shared_with=other_therapist, shared_by=staff
    )
    return world


@pytest.fixture
def world(
    settings: Any, therapist: User, client_user: User, other_therapist: User, other_client: User, staff: User
) -> World:
    """Both practices and staff. Sessions live in the cache, so rolling back a request's writes
    (as the walks do after each forged or hostile POST) keeps everyone signed in."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    return build_world(therapist, client_user, other_therapist, other_client, staff)


def signed_in(world: World, persona: str) -> Client:
    browser = Client()
    user = world.user(persona)
    if user is not None:
        browser.force_login(user)
    return browser


# --- Every URL pattern ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """One URL pattern: its name (or, for the admin's unnamed redirects, its route) and the route."""

    key: str
    route: str
    name: str | None
    params: tuple[str, ...]


def _walk(resolver: URLResolver, prefix: str, namespace: str | None) -> Iterator[Route]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            params = tuple(pattern.pattern.regex.groupindex)
            yield Route(key=name or route, route=route, name=name, params=params)


def all_routes() -> list[Route]:
    """Every URL pattern the project serves, found by walking the resolver (admin and allauth too)."""
    return list(_walk(get_resolver(), "", None))


# --- A fingerprint of the data a forged request must not change ------------------------------------

# Rows that change whenever anyone signs in or makes a request, whoever they are.
VOLATILE_MODELS = {
    "usersessions.usersession",
    "sessions.session",
    "admin.logentry",
}
VOLATILE_FIELDS = {"last_login", "last_seen_at", "last_used_at"}
SNAPSHOT_APPS = ("mallard", "homework", "sessions_app", "reminders", "account", "mfa", "auth")


def _is_audit_trail(model: type[Model]) -> bool:
    """Records of who looked at what grow on reads by design; they are not the records themselves."""
    label = model._meta.label_lower
    return "audit" in label or "access" in (model._meta.model_name or "") or label.startswith("auditlog.")


def snapshot_models() -> list[type[Model]]:
    models = []
    for app_label in SNAPSHOT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            label = model._meta.label_lower
            if label in VOLATILE_MODELS or _is_audit_trail(model) or model._meta.proxy:
                continue
            models.append(model)
    return models


def snapshot() -> dict[str, tuple[int, str]]:
    """Per table: the row count and a hash of every row (volatile sign-in fields left out)."""
    result = {}
    for model in snapshot_models():
        fields = [f.attname for f in model._meta.concrete_fields if f.attname not in VOLATILE_FIELDS]
        rows = list(model._default_manager.order_by("pk").values_list(*fields))
        digest = hashlib.sha256(repr(rows).encode()).hexdigest()
        result[model._meta.label_lower] = (len(rows), digest)
    return result


def changed_tables(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> list[str]:
    return sorted(label for label in before.keys() | after.keys() if before.get(label) != after.get(label))


def local_today(user: User) -> date:
    return homework_services.client_today(user)


def _first_builtin(kind: str) -> Template:
    template = Template.objects.filter(kind=kind, owner__isnull=True).order_by("pk").first()
    assert template is not None
    return template


def valid_post_data(key: str, world: World) -> dict[str, Any]:
    """A valid-looking POST for the URL ``key`` as practice A's owner would send it."""
    a = world.a
    spec = {
        "title": "Paced breathing",
        "instructions": "Breathe in for four, out for six.",
        "rationale": "Slower breathing calms the body.",
        "estimated_minutes": "10",
        "smaller_version": "One minute",
        "technique": "Paced breathing",
        "prompt": "What went well today?",
    }
    today = local_today(a.client).isoformat()
    data: dict[str, dict[str, Any]] = {
        "mallard-profile": {"display_name": "Carol C", "time_zone": "Europe/London"},
        "mallard-invitations": {"name": "Erin Evans", "email": "erin@example.com"},
        "mallard-account-close": {"confirmation": CLOSE_PHRASE},
        "homework-quick-log": {"status": "done", "minutes_spent": "10", "helpfulness": "3"},
        "homework-not-done": {"reason": "forgot", "note": "Busy day"},
        "homework-ask": {},
        "measures-client": {"instrument": "gad7", "schedule": "once"},
        "measures-plan-edit": {"schedule": "every_n_weeks", "every_weeks": "2"},
        "measures-answer": {f"item_{n}": "1" for n in range(1, 10)},
        "measures-correct": {f"item_{n}": "2" for n in range(1, 8)},  # the GAD-7 of ``measure_response``
        "homework-goal-rate": {f"goal-{a.goal.pk}-rating": "6", f"goal-{a.goal.pk}-note": "Better"},
        "homework-entry-form": {
            "belief": "They will laugh",
            "experiment": "Ask a question",
            "action": "draft",
        },
        "homework-template-edit": {**spec, "topic": "calm"},
        "homework-template-create": {**spec, "topic": "gratitude"},
        "homework-assign": {
            **spec,
            "client": str(a.client.pk),
            "start_date": today,
            "recurrence": "daily",
            "preferred_time": "20:00",
        },
        "homework-assignment-edit": {
            **spec,
            "start_date": today,
            "recurrence": "daily",
            "preferred_time": "20:00",
        },
        "homework-assignment-status": {"action": "pause"},
        "homework-assignment-adjust": {"change": "smaller"},
        "homework-goal-create": {"text": "Sleep by eleven", "rating": "2"},
        "homework-entry-feedback": {"text": "Well done"},
        "sessions-client-sessions": {
            "start_date": (local_today(a.client) + timedelta(days=9)).isoformat(),
            "start_time": "10:00",
            "duration_minutes": "50",
            "status": "scheduled",
        },
        "sessions-session": {
            "start_date": (local_today(a.client) - timedelta(days=2)).isoformat(),
            "start_time": "10:00",
            "duration_minutes": "50",
            "status": "held",
            "private_notes": "Notes",
            "summary": "Summary",
        },
        "sessions-session-status": {"status": "cancelled"},
        "sessions-reflection": {"stood_out": "Breathing", "want_to_practise": "More", "questions": "None"},
        "sessions-action-confirm": {
            **spec,
            "template": str(_first_builtin(Kind.RELAXATION).pk),
            "start_date": today,
            "recurrence": "daily",
            "preferred_time": "20:00",
        },
        "sessions-agreement-decide": {"decision": "keep", "back": "session"},
        "sessions-scores-visibility": {"visible": "off"},
        "reminders-preferences": {
            "enabled": "on",
            "email_enabled": "on",
            "daily_cap": "2",
            "backoff": "none",
            "weekly_summary": "on",
        },
        "reminders-assignment": {
            f"a{a.assignment.pk}-enabled": "on",
            f"a{a.assignment.pk}-time_of_day": "19:00",
        },
        "reminders-feed-settings": {"action": "revoke"},
        "reminders-snooze": {"option": "hour"},
    }
    return data.get(key, {"confirm": "yes"})
