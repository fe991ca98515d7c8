"""One object per intent: sending a create form twice (Back, then Send again) makes one object.

Each create form carries a single-use key (``mallard.once``); a second send of the same key goes to
what the first made and writes nothing. Another person's key, or a malformed one, is a 404.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client

from homework.models import Assignment, Goal, GoalRating, Kind, Template
from homework.tests.test_therapist_assign import assign_data, builtin
from mallard import once
from mallard.models import FormSubmission, Invitation, User
from sessions_app.models import TherapySession
from sessions_app.tests.test_sessions_therapist import form as session_form

pytestmark = pytest.mark.django_db


def key_on(page: Any) -> str:
    match = re.search(r'<input type="hidden" name="once" value="([0-9a-f]{32})">', page.content.decode())
    assert match is not None, "the form carries no single-use key"
    return match.group(1)


def twice(client: Client, url: str, data: dict[str, Any], page_url: str | None = None) -> list[Any]:
    key = key_on(client.get(page_url or url))
    return [client.post(url, data | {"once": key}) for _ in range(2)]


def test_assigning_twice_with_one_form_assigns_once(
    client: Client, therapist: User, client_user: User
) -> None:
    template = builtin(Kind.JOURNAL)
    client.force_login(therapist)
    first, second = twice(client, f"/library/{template.pk}/assign/", assign_data(template, client_user))
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"] == f"/clients/{client_user.pk}/homework/"
    assert Assignment.objects.filter(client=client_user).count() == 1
    assert "already sent" in client.get(second["Location"]).content.decode()


def test_a_second_form_for_a_template_already_active_warns_and_offers_the_existing_one(
    client: Client, therapist: User, client_user: User
) -> None:
    template = builtin(Kind.JOURNAL)
    client.force_login(therapist)
    url = f"/library/{template.pk}/assign/"
    twice(client, url, assign_data(template, client_user))
    existing = Assignment.objects.get(client=client_user)
    data = assign_data(template, client_user, title="Typed again")
    response = client.post(url, data | {"once": key_on(client.get(url))})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"already has “{existing.title}” active" in page
    assert f'href="/assignments/{existing.pk}/edit/"' in page
    assert 'value="Typed again"' in page  # what was typed is kept
    assert Assignment.objects.filter(client=client_user).count() == 1
    # Choosing "Assign it as well" (the same form, re-shown with its key) assigns a second one, once.
    again = data | {"once": key_on(response), "again": "yes"}
    assert client.post(url, again).status_code == 302
    assert client.post(url, again).status_code == 302
    assert Assignment.objects.filter(client=client_user).count() == 2


def test_goal_form_sent_twice_adds_one_goal(client: Client, therapist: User, client_user: User) -> None:
    client.force_login(therapist)
    url = f"/clients/{client_user.pk}/goals/"
    first, second = twice(
        client, url, {"text": "Sleep by 11"}, page_url=f"/clients/{client_user.pk}/homework/"
    )
    assert second["Location"] == first["Location"]
    assert Goal.objects.filter(client=client_user).count() == 1


def test_a_goal_rating_sent_twice_rates_once(client: Client, therapist: User, client_user: User) -> None:
    goal = Goal.objects.create(client=client_user, created_by=therapist, text="Sleep by 11")
    client.force_login(client_user)
    url = f"/homework/goals/{goal.pk}/rate/"
    first, second = twice(
        client, url, {f"goal-{goal.pk}-rating": "6", f"goal-{goal.pk}-note": ""}, page_url="/homework/goals/"
    )
    assert (first.status_code, second.status_code) == (302, 302)
    assert GoalRating.objects.filter(goal=goal).count() == 1


def test_the_other_goals_forms_get_their_own_keys_when_one_is_shown_again(
    client: Client, therapist: User, client_user: User
) -> None:
    goals = [Goal.objects.create(client=client_user, created_by=therapist, text=t) for t in ("A", "B")]
    client.force_login(client_user)
    key = key_on(client.get("/homework/goals/"))
    page = client.post(
        f"/homework/goals/{goals[0].pk}/rate/", {f"goal-{goals[0].pk}-rating": "99", "once": key}
    )
    keys = re.findall(r'name="once" value="([0-9a-f]{32})"', page.content.decode())
    assert len(keys) == 2 and key in keys and len(set(keys)) == 2


def test_copying_a_template_twice_with_one_form_makes_one_copy(client: Client, therapist: User) -> None:
    template = builtin(Kind.JOURNAL)
    client.force_login(therapist)
    first, second = twice(client, f"/library/{template.pk}/copy/", {}, page_url=f"/library/{template.pk}/")
    assert second["Location"] == first["Location"]
    assert Template.objects.filter(owner=therapist).count() == 1


def test_inviting_twice_with_one_form_sends_one_invitation(
    client: Client, therapist: User, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(therapist)
    with django_capture_on_commit_callbacks(execute=True):
        twice(client, "/invitations/", {"name": "Erin", "email": "erin@example.com"})
    assert Invitation.objects.filter(therapist=therapist).count() == 1
    assert len(mail.outbox) == 1


def test_scheduling_twice_with_one_form_makes_one_session(
    client: Client, therapist: User, client_user: User
) -> None:
    with time_machine.travel(datetime(2026, 11, 26, 12, 0, tzinfo=UTC), tick=False):
        client.force_login(therapist)
        twice(client, f"/clients/{client_user.pk}/sessions/", session_form())
    assert TherapySession.objects.filter(client=client_user).count() == 1


def test_a_form_shown_again_with_errors_keeps_its_key(
    client: Client, therapist: User, client_user: User
) -> None:
    client.force_login(therapist)
    url = f"/clients/{client_user.pk}/goals/"
    key = key_on(client.get(f"/clients/{client_user.pk}/homework/"))
    refused = client.post(url, {"text": "", "once": key})
    assert refused.status_code == 200 and key_on(refused) == key
    assert not FormSubmission.objects.exists()  # a refused form spends nothing
    assert client.post(url, {"text": "Walk daily", "once": key}).status_code == 302
    assert client.post(url, {"text": "Walk daily", "once": key}).status_code == 302
    assert Goal.objects.filter(client=client_user).count() == 1


def test_another_persons_key_is_a_404_and_writes_nothing(
    client: Client, therapist: User, client_user: User, other_therapist: User, other_client: User
) -> None:
    client.force_login(therapist)
    key = key_on(client.get(f"/clients/{client_user.pk}/homework/"))
    client.post(f"/clients/{client_user.pk}/goals/", {"text": "Mine", "once": key})
    client.force_login(other_therapist)
    response = client.post(f"/clients/{other_client.pk}/goals/", {"text": "Forged", "once": key})
    assert response.status_code == 404
    assert not Goal.objects.filter(client=other_client).exists()


@pytest.mark.parametrize("key", ["not-a-key", "A" * 32, "0" * 31])
def test_a_malformed_key_is_a_404(client: Client, therapist: User, client_user: User, key: str) -> None:
    client.force_login(therapist)
    assert client.post(f"/clients/{client_user.pk}/goals/", {"text": "x", "once": key}).status_code == 404
    assert not Goal.objects.exists()


def test_the_database_refuses_a_key_spent_twice(therapist: User) -> None:
    key = once.new_key()
    FormSubmission.objects.create(key=key, user=therapist)
    with pytest.raises(IntegrityError), transaction.atomic():
        FormSubmission.objects.create(key=key, user=therapist)


def test_run_spends_nothing_when_the_write_fails(therapist: User) -> None:
    key = once.new_key()

    def fail() -> str:
        raise ValueError("refused")

    with pytest.raises(ValueError, match="refused"):
        once.run(user=therapist, key=key, create=fail)
    assert not FormSubmission.objects.exists()
    assert once.run(user=therapist, key=key, create=lambda: "/made/") == ("/made/", True)
    assert once.run(user=therapist, key=key, create=lambda: "/again/") == ("/made/", False)
