"""Every form in Mallard, fed random and hostile text through its real view.

Hypothesis writes very long strings, control characters, NUL bytes, right-to-left
marks, emoji, HTML and script payloads and SQL-ish text into every field. Whatever
arrives, Mallard answers below 500, either saves or shows the form again with
errors, and never sends a payload back unescaped: not on the response, and not on
the pages that later display what was saved. Each example is rolled back.

A form class defined in Mallard's apps with no scenario below fails the test, so
a new form cannot go untested. The request-body limits are checked here too.
"""

from __future__ import annotations

import html
import importlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pytest
from allauth.account.models import EmailAddress
from django import forms
from django.conf import settings as django_settings
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from conftest import PASSWORD
from homework.models import Assignment, AssignmentStatus
from mallard.lib.text import search_query
from mallard.models import CareRelationship
from tests.url_walk import World, signed_in, valid_post_data, world

__all__ = ["world"]  # the fixture

FORM_MODULES = (
    "mallard.forms",
    "mallard.admin",
    "homework.admin",
    "homework.forms.client",
    "homework.forms.entries",
    "homework.forms.therapist",
    "measures.forms",
    "sessions_app.admin",
    "sessions_app.forms.actions",
    "sessions_app.forms.agreements",
    "sessions_app.forms.sessions",
    "reminders.forms.links",
    "reminders.forms.preferences",
)
OUR_APPS = ("mallard.", "homework.", "measures.", "sessions_app.", "reminders.")

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
PAYLOADS = [
    SCRIPT,
    IMG,
    "'; DROP TABLE homework_entry; --",
    "1 OR 1=1",
    "\u202eevil\u202c",
    "\u200fשלום\u200f",
    "😀🙂‍↔️👩🏽‍⚕️",
    "a\x00b",
    "\x00",
    "\x07\x08\x1b[31m",
    "{{ 7|add:7 }}{% debug %}",
    "\r\n\r\n",
    "%s%n%x",
    "../../etc/passwd",
    "javascript:alert(1)",
]
# Markers that must never reach a page raw: only their escaped forms may appear.
RAW_MARKERS = ("<script>alert(1)", "<img src=x onerror")


def _long(char: str, n: int) -> str:
    return char * n


hostile_text = st.one_of(
    st.text(max_size=40),  # any code point but surrogates: control characters included
    st.sampled_from(PAYLOADS),
    st.builds(
        lambda a, p, b: a + p + b, st.text(max_size=15), st.sampled_from(PAYLOADS), st.text(max_size=15)
    ),
    st.builds(_long, st.sampled_from(["A", "é", "😀", "\u202e", "<"]), st.integers(1, 25_000)),
)


@dataclass(frozen=True)
class Scenario:
    """How a form reaches Mallard: who posts it, where, with which valid data around the hostile fields."""

    persona: str
    url: Callable[[World], str]
    data: Callable[[World], dict[str, Any]] = lambda w: {}
    fields: tuple[str, ...] = ()  # the names posted; default: the form's fields
    method: str = "post"
    display: Callable[[World], list[str]] = lambda w: []  # pages that show what was saved, as the poster
    display_as: str = ""  # another persona who sees what was saved, such as the therapist
    reauthenticate: bool = False
    password_step: bool = False  # an anonymous visitor who has typed practice A's therapist's password
    prepare: Callable[[World], object] | None = None  # a change to the world first (rolled back too)
    in_query: bool = False  # the form is bound from the query string of its POST (an Undo button)
    extra: dict[str, Any] = field(default_factory=dict)


def _url(name: str, **kwargs: Callable[[World], Any]) -> Callable[[World], str]:
    return lambda w: reverse(name, kwargs={k: getter(w) for k, getter in kwargs.items()})


def _valid(key: str) -> Callable[[World], dict[str, Any]]:
    return lambda w: valid_post_data(key, w)


def _entry_url(occurrence: Callable[[World], Any], query: str = "") -> Callable[[World], str]:
    return lambda w: reverse("homework-entry-form", args=[occurrence(w).pk]) + query


def _formsets() -> dict[str, str]:
    data: dict[str, str] = {}
    for prefix in ("moods", "thoughts"):
        data |= {f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-INITIAL_FORMS": "0"}
    return data


SCENARIOS: dict[str, Scenario] = {
    # mallard
    "mallard.forms.SignupForm": Scenario(
        "anonymous",
        _url("account_signup"),
        lambda w: {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD},
        fields=("display_name", "email", "time_zone"),
    ),
    "mallard.forms.LoginForm": Scenario(
        "anonymous",
        _url("account_login"),
        lambda w: {"password": "not-the-password"},
        fields=("login",),
    ),
    "mallard.forms.ResetPasswordForm": Scenario(
        "anonymous",
        _url("account_reset_password"),
        fields=("email",),
    ),
    "mallard.forms.ProfileForm": Scenario(
        "client_a",
        _url("mallard-profile"),
        _valid("mallard-profile"),
        display=lambda w: ["/accounts/profile/"],
    ),
    "mallard.forms.InvitationForm": Scenario(
        "therapist_a",
        _url("mallard-invitations"),
        _valid("mallard-invitations"),
        display=lambda w: ["/invitations/"],
    ),
    "mallard.forms.MfaAuthenticateForm": Scenario(
        "anonymous", _url("mfa_authenticate"), fields=("code",), password_step=True
    ),
    "mallard.forms.MfaReauthenticateForm": Scenario(
        "therapist_a", _url("mfa_reauthenticate"), fields=("code",)
    ),
    "mallard.forms.ActivateTOTPForm": Scenario(
        "client_b",
        _url("mfa_activate_totp"),
        fields=("code",),
        reauthenticate=True,
        # allauth adds no authenticator while an address waits for confirmation.
        prepare=lambda w: EmailAddress.objects.filter(user=w.b.client, verified=False).delete(),
    ),
    "mallard.forms.CloseAccountForm": Scenario(
        "client_a", _url("mallard-account-close"), fields=("confirmation",), reauthenticate=True
    ),
    "sessions_app.admin.NotesShareForm": Scenario(
        "staff",
        _url("admin:sessions_app_notesshare_add"),
        lambda w: {"author": w.a.therapist.pk, "client": w.a.client.pk, "shared_with": w.b.therapist.pk},
        fields=("author", "client", "session", "shared_with"),
        display=lambda w: ["/admin/sessions_app/notesshare/"],
    ),
    "homework.admin.AssignmentAdminForm": Scenario(
        "staff",
        _url("admin:homework_assignment_change", object_id=lambda w: w.a.assignment.pk),
        lambda w: {
            "title": w.a.assignment.title,
            "instructions": w.a.assignment.instructions,
            "rationale": w.a.assignment.rationale,
            "estimated_minutes": "15",
            "start_date": str(w.a.assignment.start_date),
            "recurrence": "weekdays",
            "status": "active",
        },
        fields=("weekdays", "title"),
        display=lambda w: ["/admin/homework/assignment/"],
    ),
    "mallard.admin.UserCreationForm": Scenario(
        "staff",
        _url("admin:mallard_user_add"),
        lambda w: {"role": "client", "time_zone": "Europe/London", "usable_password": "false"},
        fields=("email", "display_name", "role", "time_zone"),
        display=lambda w: ["/admin/mallard/user/"],
    ),
    "mallard.admin.UserEditForm": Scenario(
        "staff",
        _url("admin:mallard_user_change", object_id=lambda w: w.a.client.pk),
        lambda w: {
            "email": w.a.client.email,
            "role": "client",
            "time_zone": "Europe/London",
            "is_active": "on",
            "care_relationships-TOTAL_FORMS": "0",
            "care_relationships-INITIAL_FORMS": "0",
        },
        fields=("display_name", "time_zone"),
        display=lambda w: ["/admin/mallard/user/"],
    ),
    "mallard.admin.CareRelationshipForm": Scenario(
        "staff",
        _url(
            "admin:mallard_carerelationship_change",
            object_id=lambda w: CareRelationship.objects.get(client=w.a.client, ended_at__isnull=True).pk,
        ),
        lambda w: {"started_at_0": "2026-01-05", "started_at_1": "09:00:00"},
        fields=("ended_at_0", "ended_at_1"),
        display=lambda w: ["/admin/mallard/carerelationship/"],
    ),
    "mallard.admin.HandOverForm": Scenario(
        "staff",
        _url("admin:mallard_user_hand_over", object_id=lambda w: w.a.therapist.pk),
        lambda w: {"deactivate": "on"},
        fields=("to_therapist",),
        display=lambda w: ["/admin/mallard/user/"],
    ),
    # homework: the client's side
    "homework.forms.client.QuickLogForm": Scenario(
        "client_a", _url("homework-quick-log", occurrence_id=lambda w: w.a.open_occurrence.pk)
    ),
    "homework.forms.client.NotDoneForm": Scenario(
        "client_a",
        _url("homework-not-done", occurrence_id=lambda w: w.a.open_occurrence.pk),
        _valid("homework-not-done"),
        display=lambda w: [f"/homework/{w.a.experiment.pk}/", "/homework/history/"],
        display_as="therapist_a",
    ),
    "homework.forms.client.HistoryFilterForm": Scenario("client_a", _url("homework-history"), method="get"),
    # measures: the therapist asks, the client answers (here: corrects the GAD-7 they sent; a
    # first answer goes through the same form and page)
    "measures.forms.PlanForm": Scenario(
        "therapist_a",
        _url("measures-client", client_id=lambda w: w.a.client.pk),
        _valid("measures-client"),
    ),
    "measures.forms.AnswerForm": Scenario(
        "client_a",
        _url("measures-correct", response_id=lambda w: w.a.measure_response.pk),
        _valid("measures-correct"),
        fields=tuple(f"item_{n}" for n in range(1, 8)),
        display=lambda w: ["/my/scores/"],
        display_as="therapist_a",
    ),
    "homework.forms.client.GoalRatingForm": Scenario(
        "client_a",
        _url("homework-goal-rate", goal_id=lambda w: w.a.goal.pk),
        _valid("homework-goal-rate"),
        display=lambda w: ["/homework/goals/"],
    ),
    # homework: worksheets
    "homework.forms.entries.ThoughtRecordStepOneForm": Scenario(
        "client_a",
        _entry_url(lambda w: w.a.draft.occurrence),
        lambda w: {"action": "draft", "situation": "At work", **_formsets()},
        fields=("situation", "hot"),
        display=lambda w: [reverse("homework-entry", args=[w.a.draft.pk]), "/homework/history/"],
    ),
    "homework.forms.entries.MoodForm": Scenario(
        "client_a",
        _entry_url(lambda w: w.a.draft.occurrence),
        lambda w: {"action": "draft", "situation": "At work", **_formsets()},
        fields=("moods-0-name", "moods-0-intensity"),
        display=lambda w: [reverse("homework-entry", args=[w.a.draft.pk])],
    ),
    "homework.forms.entries.ThoughtForm": Scenario(
        "client_a",
        _entry_url(lambda w: w.a.draft.occurrence),
        lambda w: {"action": "draft", "situation": "At work", **_formsets()},
        fields=("thoughts-0-text",),
        display=lambda w: [reverse("homework-entry", args=[w.a.draft.pk])],
    ),
    "homework.forms.entries.ThoughtRecordStepTwoForm": Scenario(
        "client_a",
        _entry_url(lambda w: w.a.draft.occurrence, "?step=2"),
        lambda w: {"action": "draft"},
        display=lambda w: [reverse("homework-entry", args=[w.a.draft.pk])],
    ),
    "homework.forms.entries.BehavioralExperimentForm": Scenario(
        "client_a",
        _entry_url(lambda w: w.a.open_occurrence),
        lambda w: {"action": "finish", "belief_strength": "70", "log_status": "done"},
        display=lambda w: ["/homework/history/"],
        display_as="therapist_a",
    ),
    "homework.forms.entries.JournalForm": Scenario(
        "client_a",
        _entry_url(lambda w: w.a.private_entry.occurrence),
        lambda w: {"action": "finish", "log_status": "done"},
        display=lambda w: [reverse("homework-entry", args=[w.a.private_entry.pk])],
    ),
    "homework.forms.entries.RelaxationForm": Scenario(
        "client_a",
        _entry_url(lambda w: w.a.entry.occurrence),
        lambda w: {"action": "finish", "minutes": "10", "log_status": "done"},
        display=lambda w: [reverse("homework-entry", args=[w.a.entry.pk])],
        display_as="therapist_a",
    ),
    "homework.forms.entries.ReadingForm": Scenario(
        "client_a",
        _entry_url(lambda w: w.a.reading_entry.occurrence),
        lambda w: {"action": "finish", "was_read": "yes", "log_status": "done"},
        display=lambda w: [reverse("homework-entry", args=[w.a.reading_entry.pk])],
        display_as="therapist_a",
    ),
    "homework.forms.entries.SkillPracticeForm": Scenario(
        "client_a",
        _entry_url(lambda w: w.a.skill_entry.occurrence),
        lambda w: {"action": "finish", "log_status": "done"},
        display=lambda w: [reverse("homework-entry", args=[w.a.skill_entry.pk])],
        display_as="therapist_a",
    ),
    "homework.forms.entries.OutcomeForm": Scenario(
        "client_a",
        _entry_url(lambda w: w.a.entry.occurrence),
        lambda w: {"action": "finish", "technique": "Breathing", "minutes": "10"},
    ),
    # homework: the therapist's side
    "homework.forms.therapist.LibraryFilterForm": Scenario(
        "therapist_a", _url("homework-library"), method="get"
    ),
    "homework.forms.therapist.TemplateForm": Scenario(
        "therapist_a",
        _url("homework-template-edit", template_id=lambda w: w.a.template.pk),
        _valid("homework-template-edit"),
        display=lambda w: [reverse("homework-template", args=[w.a.template.pk]), "/library/"],
    ),
    "homework.forms.therapist.AssignmentForm": Scenario(
        "therapist_a",
        _url("homework-assignment-edit", assignment_id=lambda w: w.a.assignment.pk),
        _valid("homework-assignment-edit"),
        display=lambda w: [reverse("homework-client", args=[w.a.client.pk])],
        display_as="client_a",
    ),
    "homework.forms.therapist.StatusForm": Scenario(
        "therapist_a", _url("homework-assignment-status", assignment_id=lambda w: w.a.assignment.pk)
    ),
    "homework.forms.therapist.UndoStatusForm": Scenario(
        "therapist_a",
        _url("homework-assignment-unarchive", assignment_id=lambda w: w.a.assignment.pk),
        in_query=True,
        prepare=lambda w: Assignment.objects.filter(pk=w.a.assignment.pk).update(
            status=AssignmentStatus.ARCHIVED
        ),
    ),
    "homework.forms.therapist.AdjustForm": Scenario(
        "therapist_a", _url("homework-assignment-adjust", assignment_id=lambda w: w.a.assignment.pk)
    ),
    "homework.forms.therapist.GoalForm": Scenario(
        "therapist_a",
        _url("homework-goal-create", client_id=lambda w: w.a.client.pk),
        _valid("homework-goal-create"),
        display=lambda w: [reverse("homework-client", args=[w.a.client.pk])],
        display_as="client_a",
    ),
    "homework.forms.therapist.FeedbackForm": Scenario(
        "therapist_a",
        _url("homework-entry-feedback", entry_id=lambda w: w.a.entry.pk),
        display=lambda w: [reverse("homework-client-entry", args=[w.a.entry.pk])],
        display_as="client_a",
    ),
    # sessions
    "sessions_app.forms.actions.TemplateChoiceForm": Scenario(
        "therapist_a", _url("sessions-action-confirm", proposal_id=lambda w: w.a.proposal.pk)
    ),
    "sessions_app.forms.sessions.SessionForm": Scenario(
        "therapist_a",
        _url("sessions-session", session_id=lambda w: w.a.session.pk),
        _valid("sessions-session"),
        display=lambda w: [reverse("sessions-summary", args=[w.a.session.pk])],
        display_as="client_a",
    ),
    "sessions_app.forms.agreements.DecisionForm": Scenario(
        "therapist_a",
        _url(
            "sessions-agreement-decide",
            session_id=lambda w: w.a.session.pk,
            assignment_id=lambda w: w.a.assignment.pk,
        ),
    ),
    "sessions_app.forms.sessions.StatusForm": Scenario(
        "therapist_a", _url("sessions-session-status", session_id=lambda w: w.a.upcoming.pk)
    ),
    "sessions_app.forms.sessions.ReflectionForm": Scenario(
        "client_a",
        _url("sessions-reflection", session_id=lambda w: w.a.session.pk),
        _valid("sessions-reflection"),
        display=lambda w: ["/my/sessions/"],
        display_as="therapist_a",
    ),
    # reminders
    "reminders.forms.links.FeedAction": Scenario("client_a", _url("reminders-feed-settings")),
    "reminders.forms.links.SnoozeForm": Scenario(
        "anonymous", _url("reminders-snooze", token=lambda w: w.a.snooze_token)
    ),
    "reminders.forms.preferences.PreferencesForm": Scenario(
        "client_a", _url("reminders-preferences"), _valid("reminders-preferences")
    ),
    "reminders.forms.preferences.AssignmentReminderForm": Scenario(
        "client_a",
        _url("reminders-assignment", assignment_id=lambda w: w.a.assignment.pk),
        fields=("{prefix}-enabled", "{prefix}-time_of_day"),
    ),
    "reminders.forms.preferences.DigestForm": Scenario("therapist_a", _url("reminders-preferences")),
}
# Bases that only their subclasses above put on a page.
ABSTRACT_FORMS = {
    "homework.forms.entries.EntryForm",
    "homework.forms.therapist.HomeworkSpecForm",
}


def _subclasses(cls: type) -> Iterator[type]:
    sub: type
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def our_form_classes() -> dict[str, Any]:
    for module in FORM_MODULES:
        importlib.import_module(module)
    found = {}
    for cls in _subclasses(forms.BaseForm):
        if not hasattr(cls, "base_fields"):
            continue  # a mixin on BaseForm (mallard.forms.KeepsSavedTimeZone), not a form of its own
        if "<locals>" in cls.__qualname__:
            continue  # made at run time by an admin's get_form to bind the request: its form is listed
        if cls.__module__.startswith(OUR_APPS) and ".tests." not in cls.__module__:
            found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return found


def test_every_form_has_a_hostile_input_scenario() -> None:
    found = our_form_classes().keys() - ABSTRACT_FORMS
    assert sorted(found - SCENARIOS.keys()) == [], "forms without a hostile-input scenario"
    assert sorted(SCENARIOS.keys() - found) == [], "scenarios for forms that no longer exist"


def _field_names(key: str, scenario: Scenario, w: World) -> tuple[str, ...]:
    if scenario.fields:
        prefix = f"a{w.a.assignment.pk}"
        return tuple(name.format(prefix=prefix) for name in scenario.fields)
    form_class = our_form_classes()[key]
    names = tuple(form_class.base_fields)
    if key.endswith("GoalRatingForm"):
        names = tuple(f"goal-{w.a.goal.pk}-{name}" for name in names)
    return names


def _browser(world: World, scenario: Scenario) -> Client:
    browser = signed_in(world, scenario.persona)
    if scenario.reauthenticate:
        browser.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    if scenario.password_step:
        browser.post(reverse("account_login"), {"login": world.a.therapist.email, "password": PASSWORD})
    return browser


def assert_nothing_raw(response: Any, where: str) -> None:
    assert response.status_code < 500, f"{where}: {response.status_code}"
    body = response.content.decode(errors="replace")
    for marker in RAW_MARKERS:
        assert marker not in body, f"{where} sent {marker!r} back unescaped"


def check_form(world: World, key: str, values: dict[str, str]) -> str:
    """Post ``values`` as the scenario says, check every page involved; the final page's HTML."""
    scenario = SCENARIOS[key]
    cache.clear()  # rate limits and cached answers start afresh for every example
    with transaction.atomic():
        if scenario.prepare is not None:
            scenario.prepare(world)
        browser = _browser(world, scenario)
        url = scenario.url(world)
        data = {**scenario.data(world), **values}
        if scenario.in_query:
            url, data = f"{url}?{urlencode(values)}", scenario.data(world)
        send = browser.get if scenario.method == "get" else browser.post
        response = send(url, data, follow=True)
        assert_nothing_raw(response, f"{scenario.method.upper()} {url}")
        body = response.content.decode(errors="replace")
        if not response.redirect_chain:  # shown again, with errors: what was typed comes back escaped
            for name, value in values.items():
                typed_into = _is_typed(key, name) and f'name="{name}"' in body
                if typed_into and SCRIPT in value and "\x00" not in value and len(value) < 1000:
                    assert html.escape(SCRIPT) in body or html.escape(SCRIPT, quote=False) in body, name
        if response.redirect_chain:  # saved: the pages that show it escape it too
            for page in scenario.display(world):
                assert_nothing_raw(browser.get(page), f"GET {page}")
            if scenario.display_as:
                viewer = signed_in(world, scenario.display_as)
                for page in _pages_for(world, scenario.display_as):
                    assert_nothing_raw(viewer.get(page), f"GET {page} as {scenario.display_as}")
        transaction.set_rollback(True)
    return body


def _is_typed(key: str, name: str) -> bool:
    """Whether ``name`` is a box the person types into (its value comes back on the page)."""
    field_name = re.sub(r"^(goal-\d+-|a\d+-|moods-\d+-|thoughts-\d+-)", "", name)
    form_field = our_form_classes()[key].base_fields.get(field_name)
    hidden = (forms.HiddenInput, forms.PasswordInput)
    return isinstance(form_field, forms.CharField) and not isinstance(form_field.widget, hidden)


def _pages_for(w: World, persona: str) -> list[str]:
    """Where the other side of the practice sees what was saved."""
    if persona == "therapist_a":
        client = w.a.client.pk
        return [
            f"/clients/{client}/overview/",
            f"/clients/entries/{w.a.entry.pk}/",
            f"/sessions/{w.a.session.pk}/summary/",
        ]
    return ["/today/", f"/homework/entries/{w.a.entry.pk}/", f"/my/sessions/{w.a.session.pk}/reflection/"]


@pytest.mark.parametrize("key", sorted(SCENARIOS))
@hypothesis_settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(data=st.data())
def test_hostile_text_in_every_field_never_breaks_a_page(world: World, key: str, data: st.DataObject) -> None:
    names = _field_names(key, SCENARIOS[key], world)
    values = {name: data.draw(hostile_text, label=name) for name in names}
    check_form(world, key, values)


@pytest.mark.parametrize("key", sorted(SCENARIOS))
def test_a_nul_byte_in_every_field_is_a_validation_message_not_an_error(world: World, key: str) -> None:
    names = _field_names(key, SCENARIOS[key], world)
    body = check_form(world, key, dict.fromkeys(names, f"before\x00after {SCRIPT}"))
    if any(_is_typed(key, name) for name in names):
        assert "Null characters are not allowed." in body


# --- Request bodies --------------------------------------------------------------------------------

# A character can take 4 bytes in UTF-8, and each byte 3 once percent-encoded.
WORST_BYTES_PER_CHARACTER = 12


def _largest_form_characters() -> tuple[str, int]:
    sizes: dict[str, int] = {}
    for key, cls in our_form_classes().items():
        sizes[key] = sum(getattr(f, "max_length", None) or 0 for f in cls.base_fields.values())
    key = max(sizes, key=lambda k: sizes[k])
    return key, sizes[key]


def test_every_text_field_has_a_length_limit() -> None:
    unbounded = [
        f"{key}.{name}"
        for key, cls in our_form_classes().items()
        for name, f in cls.base_fields.items()
        if isinstance(f, forms.CharField)
        and f.max_length is None
        and not isinstance(f.widget, forms.PasswordInput)
    ]
    # allauth's signup form has an unused username field (Mallard signs in by e-mail). The
    # preferred time is a time box, where HTML forbids maxlength; clean_preferred_time accepts
    # only HH:MM, so a long value is refused there.
    assert sorted(unbounded) == [
        "homework.forms.therapist.AssignmentForm.preferred_time",
        "mallard.forms.SignupForm.username",
    ]


def test_the_body_limit_sits_just_above_the_largest_legitimate_form(db: None) -> None:
    key, characters = _largest_form_characters()
    worst = characters * WORST_BYTES_PER_CHARACTER
    limit = django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert worst < limit < worst * 1.25, f"{key} can post {worst} bytes; the limit is {limit}"
    assert Permission.objects.count() + 100 < django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS


def test_the_largest_legitimate_form_fits_within_the_limit(world: World) -> None:
    browser = signed_in(world, "therapist_a")
    data = {
        **valid_post_data("sessions-session", world),
        "private_notes": "😀" * 20_000,
        "summary": "😀" * 20_000,
    }
    response = browser.post(reverse("sessions-session", args=[world.a.session.pk]), data)
    assert response.status_code == 302


def test_an_oversized_body_gets_a_clear_400_page(world: World) -> None:
    browser = signed_in(world, "client_a")
    size = django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1
    response = browser.post(
        reverse("sessions-reflection", args=[world.a.session.pk]), {"stood_out": "a" * size}
    )
    assert response.status_code == 400
    assert "larger than Mallard accepts" in response.content.decode()
    world.a.reflection.refresh_from_db()
    assert world.a.reflection.stood_out == "The breathing helped."


def test_too_many_fields_get_the_400_page(world: World) -> None:
    browser = signed_in(world, "client_a")
    data = {f"f{i}": "x" for i in range(django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = browser.post(reverse("mallard-profile"), data)
    assert response.status_code == 400
    assert "very many fields" in response.content.decode()


def test_hostile_search_text_never_breaks_a_list(world: World) -> None:
    """Search boxes read straight from the query string, NUL bytes and all."""
    pages = {
        "therapist_a": ["/caseload/", "/library/"],
        "client_a": ["/homework/history/", "/notifications/"],
    }
    for persona, urls in pages.items():
        browser = signed_in(world, persona)
        for url in urls:
            for text in PAYLOADS:
                for param in ("q", "kind", "sort", "dir", "page", "client"):
                    assert_nothing_raw(browser.get(url, {param: text}), f"GET {url}?{param}={text!r}")


def test_a_search_query_loses_nul_characters_and_its_ends() -> None:
    assert search_query("  a\x00b <script>  ", 100) == "ab <script>"
    assert search_query("x" * 300, 100) == "x" * 100
