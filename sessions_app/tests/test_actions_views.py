"""The confirm and dismiss views, and the proposals part of the session page."""

from __future__ import annotations

import re
from html import unescape
from typing import Any
from urllib.parse import quote

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone

from homework.models import Assignment, Kind, Template
from homework.services import copy_template
from homework.tests.conftest import make_assignment
from homework.tests.test_therapist_assign import edit_data
from mallard.models import User
from sessions_app import action_items
from sessions_app.models import ItemStatus, ProposedAction, TherapySession
from sessions_app.tests.actions_helpers import (
    AssertMaxQueries,
    assignment_post,
    first_builtin,
    make_proposal,
    make_session,
    other_proposal_fixture,  # noqa: F401 (fixture)
    other_session_fixture,  # noqa: F401 (fixture)
    proposal_fixture,  # noqa: F401 (fixture)
    session_fixture,  # noqa: F401 (fixture)
)


def _confirm_url(proposal: ProposedAction) -> str:
    return f"/proposals/{proposal.pk}/confirm/"


def _dismiss_url(proposal: ProposedAction) -> str:
    return f"/proposals/{proposal.pk}/dismiss/"


def _restore_url(proposal: ProposedAction) -> str:
    return f"/proposals/{proposal.pk}/restore/"


def _messages(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- Confirm: GET -----------------------------------------------------------------------------


def test_confirm_shows_the_assignment_form_filled_from_the_kinds_first_template(
    client: Client, therapist: User, proposal: ProposedAction
) -> None:
    client.force_login(therapist)
    response = client.get(_confirm_url(proposal))
    assert response.status_code == 200
    template = first_builtin(Kind.RELAXATION)
    form = response.context["form"]
    assert form.initial["title"] == "Paced breathing 5 min twice daily"  # a short item is its own title
    assert form.initial["instructions"] == f"Paced breathing 5 min twice daily\n\n{template.instructions}"
    assert form.initial["technique"] == template.technique
    assert "client" not in form.fields  # fixed: the session's client
    content = response.content.decode()
    assert "Make it an assignment for Carol Chen" in content
    assert f'name="template" value="{template.pk}"' in content
    assert "Assign homework" in content


def test_confirm_without_a_kind_asks_for_a_template_first(
    client: Client, therapist: User, session: TherapySession
) -> None:
    proposal = make_proposal(session, text="Worry time at 6pm", kind="")
    client.force_login(therapist)
    response = client.get(_confirm_url(proposal))
    assert response.status_code == 200
    assert response.context["form"] is None
    content = response.content.decode()
    assert "Choose a template" in content
    assert "Assign homework" not in content


def test_confirm_with_a_chosen_template_fills_the_form_from_it(
    client: Client, therapist: User, session: TherapySession
) -> None:
    proposal = make_proposal(session, text="Worry time at 6pm", kind="")
    own = copy_template(therapist=therapist, template=first_builtin(Kind.JOURNAL))
    client.force_login(therapist)
    response = client.get(_confirm_url(proposal), {"template": own.pk})
    assert response.status_code == 200
    # The item is short, so its own words are the title; the rest comes from the chosen template.
    assert response.context["form"].initial["title"] == "Worry time at 6pm"
    assert response.context["form"].initial["instructions"].startswith("Worry time at 6pm\n\n")


def test_confirm_refuses_another_therapists_template_in_the_picker(
    client: Client, therapist: User, other_therapist: User, proposal: ProposedAction
) -> None:
    theirs = copy_template(therapist=other_therapist, template=first_builtin(Kind.JOURNAL))
    client.force_login(therapist)
    response = client.get(_confirm_url(proposal), {"template": theirs.pk})
    assert response.status_code == 200
    assert response.context["form"] is None
    assert "Choose one of the templates in the list." in response.content.decode()


# --- Confirm: POST ----------------------------------------------------------------------------


def test_confirming_assigns_the_homework_and_goes_back_to_the_session(
    client: Client, therapist: User, client_user: User, proposal: ProposedAction
) -> None:
    client.force_login(therapist)
    template = first_builtin(Kind.RELAXATION)
    response = client.post(_confirm_url(proposal), assignment_post(template), follow=False)
    assert response.status_code == 302
    assert response["Location"] == f"/sessions/{proposal.session_id}/"
    assignment = Assignment.objects.get()
    assert (assignment.client, assignment.template, assignment.kind) == (
        client_user,
        template,
        Kind.RELAXATION,
    )
    row = ProposedAction.objects.get(pk=proposal.pk)
    assert (row.status, row.assignment) == (ItemStatus.CONFIRMED, assignment)
    messages = [str(m) for m in response.wsgi_request._messages]  # type: ignore[attr-defined]
    assert messages == [f"“{template.title}” is assigned to Carol Chen."]


def test_confirming_with_errors_keeps_what_was_typed_and_writes_nothing(
    client: Client, therapist: User, proposal: ProposedAction
) -> None:
    client.force_login(therapist)
    data = assignment_post(first_builtin(Kind.RELAXATION), title="", instructions="My own words")
    response = client.post(_confirm_url(proposal), data)
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert "My own words" in response.content.decode()
    assert not Assignment.objects.exists()
    assert ProposedAction.objects.get(pk=proposal.pk).status == ItemStatus.PROPOSED


@pytest.mark.parametrize(
    ("text", "kind", "fields", "recurrence", "will"),
    [
        # No recurrence in the words: how often is left unchosen and marked missing.
        (
            "Thought record after stand-up",
            Kind.THOUGHT_RECORD,
            {"cue": "stand-up"},
            None,
            "do thought record",
        ),
        ("Walk for 20 minutes", Kind.SKILL_PRACTICE, {"minutes": 20}, None, "walk"),
        ("She will not check the locks", Kind.SKILL_PRACTICE, {}, None, "not check the locks"),
        ("Client agreed to practise saying no", Kind.SKILL_PRACTICE, {}, None, "practise saying no"),
        (
            "If interrupted, calmly repeat your point",
            Kind.SKILL_PRACTICE,
            {},
            None,
            "if interrupted, calmly repeat your point",
        ),
        # Said, with all it needs, or without its times: the words' recurrence.
        ("PMR 10 min nightly", Kind.RELAXATION, {"recurrence": "daily", "minutes": 10}, "daily", "do PMR"),
        (
            "Read the leaflet twice",
            Kind.READING,
            {"recurrence": "times_per_week"},
            "times_per_week",
            "read the leaflet twice",
        ),
    ],
)
def test_the_form_from_an_item_chooses_no_recurrence_its_words_did_not_say_and_fills_i_will(
    client: Client,
    therapist: User,
    session: TherapySession,
    text: str,
    kind: str,
    fields: dict[str, Any],
    recurrence: str | None,
    will: str,
) -> None:
    proposal = make_proposal(session, text, kind, **fields)
    client.force_login(therapist)
    response = client.get(_confirm_url(proposal))
    form = response.context["form"]
    assert form.initial.get("recurrence") == recurrence
    assert form.initial["implementation_will"] == will
    content = response.content.decode()
    assert f'value="{will}"' in content
    if recurrence is None:
        # Not one "How often" choice starts checked, the field is marked, and the notice says so.
        group = content.split('id="div_id_recurrence"', 1)[1].split("</fieldset>", 1)[0]
        assert group.count('name="recurrence"') == 4
        assert " checked" not in group
        assert group.count('aria-describedby="missing-notice"') == 4
        assert "Nothing is chosen for how often: choose it before you assign." in content
    else:
        assert "Nothing is chosen for how often" not in content


def test_assigning_without_choosing_how_often_says_so_and_keeps_everything_typed(
    client: Client, therapist: User, session: TherapySession
) -> None:
    proposal = make_proposal(session, "Thought record after stand-up", Kind.THOUGHT_RECORD, cue="stand-up")
    client.force_login(therapist)
    data = {
        **assignment_post(
            first_builtin(Kind.THOUGHT_RECORD),
            title="My own title",
            instructions="My own words",
            implementation_after="stand-up",
            implementation_will="fill in one record",
            preferred_time="09:30",
        ),
    }
    del data["recurrence"]
    response = client.post(_confirm_url(proposal), data)
    assert response.status_code == 200
    assert response.context["form"].errors["recurrence"] == ["Choose how often: nothing is chosen yet."]
    content = response.content.decode()
    for typed in ("My own title", "My own words", "fill in one record", "09:30", "stand-up"):
        assert typed in content
    group = content.split('id="div_id_recurrence"', 1)[1].split("</fieldset>", 1)[0]
    assert " checked" not in group and group.count('aria-describedby="missing-notice"') == 4
    assert not Assignment.objects.exists()
    assert ProposedAction.objects.get(pk=proposal.pk).status == ItemStatus.PROPOSED
    # Chosen, it is assigned with the typed plan.
    response = client.post(_confirm_url(proposal), {**data, "recurrence": "daily"})
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert (assignment.recurrence, assignment.implementation_will) == ("daily", "fill in one record")


def _as_posted(response: Any) -> dict[str, Any]:
    """The confirm page's assignment form as a browser sends it back untouched (text boxes with
    CRLF line ends, as browsers send them)."""
    data: dict[str, Any] = {"template": response.context["template"].pk}
    for bound in response.context["form"]:
        value = bound.value()
        if value is None:  # nothing to send, as an unchecked box sends nothing
            continue
        if isinstance(value, str):
            value = value.replace("\n", "\r\n")
        elif not isinstance(value, list):
            value = str(value)
        data[bound.name] = value
    return data


def test_switching_template_keeps_what_the_therapist_changed(
    client: Client, therapist: User, proposal: ProposedAction
) -> None:
    """The form from paced breathing, changed in three places, then "Use this template instead"
    with a journal template: the three stay, the rest is the journal's, and nothing is written."""
    client.force_login(therapist)
    journal = first_builtin(Kind.JOURNAL)
    data = _as_posted(client.get(_confirm_url(proposal)))
    data.update(
        title="Calm breathing, my way",
        implementation_after="I park the car",
        obstacle="The kids need me straight away",
    )
    response = client.post(_confirm_url(proposal), {**data, "switch": "yes", "switch-template": journal.pk})
    assert response.status_code == 200
    assert not Assignment.objects.exists()
    assert ProposedAction.objects.get(pk=proposal.pk).status == ItemStatus.PROPOSED
    form = response.context["form"]
    assert response.context["template"] == journal
    assert (form.initial["title"], form.initial["implementation_after"], form.initial["obstacle"]) == (
        "Calm breathing, my way",
        "I park the car",
        "The kids need me straight away",
    )
    # Untouched fields come from the journal template: its instructions and its prompt.
    assert form.initial["instructions"].endswith(journal.instructions)
    assert form.initial["prompt"] == journal.prompt
    content = response.content.decode()
    assert "What you had changed stays: Title, After…, Likeliest obstacle." in content
    assert f'name="template" value="{journal.pk}"' in content
    assert "Calm breathing, my way" in content and "I park the car" in content


def test_switching_to_a_kind_without_a_field_shows_what_was_typed_there(
    client: Client, therapist: User, proposal: ProposedAction
) -> None:
    """A relaxation's technique has no place in a journal assignment: it is shown to copy, not lost."""
    client.force_login(therapist)
    data = _as_posted(client.get(_confirm_url(proposal)))
    data["technique"] = "4-7-8 breathing, the one we tried in session"
    journal = first_builtin(Kind.JOURNAL)
    response = client.post(_confirm_url(proposal), {**data, "switch": "yes", "switch-template": journal.pk})
    assert 'name="technique"' not in response.content.decode()
    assert response.context["switched"].left_out == [
        ("Relaxation technique", "4-7-8 breathing, the one we tried in session")
    ]
    assert "4-7-8 breathing, the one we tried in session" in response.content.decode()


def test_switching_without_choosing_a_template_keeps_everything_and_says_why(
    client: Client, therapist: User, proposal: ProposedAction
) -> None:
    client.force_login(therapist)
    data = _as_posted(client.get(_confirm_url(proposal)))
    data["obstacle"] = "Too tired after work"
    response = client.post(_confirm_url(proposal), {**data, "switch": "yes", "switch-template": ""})
    assert response.status_code == 200
    assert response.context["switch"].errors["template"] == ["Choose a template to start from."]
    assert response.context["form"].initial["obstacle"] == "Too tired after work"
    assert response.context["template"] == first_builtin(Kind.RELAXATION)
    assert not Assignment.objects.exists()


def test_confirming_with_another_therapists_template_writes_nothing(
    client: Client, therapist: User, other_therapist: User, proposal: ProposedAction
) -> None:
    theirs = copy_template(therapist=other_therapist, template=first_builtin(Kind.RELAXATION))
    client.force_login(therapist)
    response = client.post(_confirm_url(proposal), assignment_post(theirs))
    assert response.status_code == 200
    assert not Assignment.objects.exists()
    assert ProposedAction.objects.get(pk=proposal.pk).status == ItemStatus.PROPOSED


def test_confirming_twice_makes_one_assignment_and_says_so(
    client: Client, therapist: User, proposal: ProposedAction
) -> None:
    client.force_login(therapist)
    data = assignment_post(first_builtin(Kind.RELAXATION))
    client.post(_confirm_url(proposal), data)
    response = client.post(_confirm_url(proposal), data, follow=True)
    assert Assignment.objects.count() == 1
    assert "That action item was already handled, so nothing was changed." in _messages(response)


def test_the_confirm_page_of_a_dismissed_item_goes_back_to_the_session(
    client: Client, therapist: User, session: TherapySession
) -> None:
    proposal = make_proposal(session, status=ItemStatus.DISMISSED)
    client.force_login(therapist)
    response = client.get(_confirm_url(proposal))
    assert response.status_code == 302
    assert response["Location"] == f"/sessions/{session.pk}/"
    assert not Assignment.objects.exists()


# --- Dismiss ----------------------------------------------------------------------------------


def test_dismissing_marks_the_item_and_goes_back_to_the_session(
    client: Client, therapist: User, proposal: ProposedAction
) -> None:
    client.force_login(therapist)
    response = client.post(_dismiss_url(proposal))
    assert response.status_code == 302
    assert response["Location"] == f"/sessions/{proposal.session_id}/"
    row = ProposedAction.objects.get(pk=proposal.pk)
    assert row.status == ItemStatus.DISMISSED
    assert row.decided_at is not None


def test_dismissing_twice_is_harmless(client: Client, therapist: User, proposal: ProposedAction) -> None:
    client.force_login(therapist)
    client.post(_dismiss_url(proposal))
    decided_at = ProposedAction.objects.get(pk=proposal.pk).decided_at
    response = client.post(_dismiss_url(proposal), follow=True)
    assert "That action item was already handled, so nothing was changed." in _messages(response)
    assert ProposedAction.objects.get(pk=proposal.pk).decided_at == decided_at


def test_the_dismissal_message_offers_undo_which_proposes_the_item_again(
    client: Client, therapist: User, proposal: ProposedAction
) -> None:
    client.force_login(therapist)
    response = client.post(_dismiss_url(proposal), follow=True)
    content = response.content.decode()
    assert f'action="{_restore_url(proposal)}"' in content
    assert ">Undo<" in content
    response = client.post(_restore_url(proposal), follow=True)
    assert response.redirect_chain[-1][0] == f"/sessions/{proposal.session_id}/"
    assert _messages(response) == [f"“{proposal.text}” is back among this session's action items."]
    row = ProposedAction.objects.get(pk=proposal.pk)
    assert (row.status, row.decided_at) == (ItemStatus.PROPOSED, None)
    # Proposed again: it can be made an assignment or dismissed as before.
    assert f'href="{_confirm_url(proposal)}"' in response.content.decode()


def test_restoring_what_is_not_dismissed_changes_nothing(
    client: Client, therapist: User, proposal: ProposedAction
) -> None:
    client.force_login(therapist)
    response = client.post(_restore_url(proposal), follow=True)
    assert "That action item was already handled, so nothing was changed." in _messages(response)
    assert ProposedAction.objects.get(pk=proposal.pk).status == ItemStatus.PROPOSED
    client.post(_dismiss_url(proposal))
    client.post(_restore_url(proposal))
    response = client.post(_restore_url(proposal), follow=True)  # twice: harmless
    assert "That action item was already handled, so nothing was changed." in _messages(response)


def test_a_therapists_to_do_marked_done_says_so_and_can_be_undone(
    client: Client, therapist: User, session: TherapySession
) -> None:
    todo = make_proposal(session, text="Send the sleep diary handout", kind="", owner="therapist")
    client.force_login(therapist)
    response = client.post(_dismiss_url(todo), follow=True)
    assert _messages(response) == ["Marked “Send the sleep diary handout” done."]
    assert f'action="{_restore_url(todo)}"' in response.content.decode()
    client.post(_restore_url(todo))
    assert ProposedAction.objects.get(pk=todo.pk).status == ItemStatus.PROPOSED


# --- Methods, people and other therapists' items ----------------------------------------------


@pytest.mark.parametrize(
    ("url", "method"),
    [(_confirm_url, "put"), (_confirm_url, "delete"), (_dismiss_url, "get"), (_restore_url, "get")],
)
def test_wrong_methods_are_refused(
    client: Client, therapist: User, proposal: ProposedAction, url: Any, method: str
) -> None:
    client.force_login(therapist)
    assert getattr(client, method)(url(proposal)).status_code == 405
    assert ProposedAction.objects.get(pk=proposal.pk).status == ItemStatus.PROPOSED


def test_another_therapists_dismissed_item_is_not_found_and_stays_dismissed(
    client: Client, therapist: User, other_proposal: ProposedAction
) -> None:
    ProposedAction.objects.filter(pk=other_proposal.pk).update(
        status=ItemStatus.DISMISSED, decided_at=timezone.now()
    )
    client.force_login(therapist)
    assert client.post(_restore_url(other_proposal)).status_code == 404
    assert ProposedAction.objects.get(pk=other_proposal.pk).status == ItemStatus.DISMISSED


@pytest.mark.parametrize(
    ("url", "method"), [(_confirm_url, "get"), (_confirm_url, "post"), (_dismiss_url, "post")]
)
def test_another_therapists_item_is_not_found_and_nothing_is_written(
    client: Client, therapist: User, other_proposal: ProposedAction, url: Any, method: str
) -> None:
    client.force_login(therapist)
    data = assignment_post(first_builtin(Kind.RELAXATION)) if method == "post" else None
    response = getattr(client, method)(url(other_proposal), data)
    assert response.status_code == 404
    row = ProposedAction.objects.get(pk=other_proposal.pk)
    assert (row.status, row.decided_at, row.assignment) == (ItemStatus.PROPOSED, None, None)
    assert not Assignment.objects.exists()


def test_an_item_of_a_client_no_longer_in_care_is_not_found(
    client: Client, therapist: User, client_user: User, proposal: ProposedAction
) -> None:
    client_user.care_relationships.update(ended_at=timezone.now())
    client.force_login(therapist)
    assert client.get(_confirm_url(proposal)).status_code == 404
    assert client.post(_dismiss_url(proposal)).status_code == 404


@pytest.mark.parametrize(
    ("url", "method"), [(_confirm_url, "get"), (_confirm_url, "post"), (_dismiss_url, "post")]
)
def test_anonymous_visitors_are_sent_to_sign_in(
    client: Client, proposal: ProposedAction, url: Any, method: str
) -> None:
    response = getattr(client, method)(url(proposal))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("url", "method"), [(_confirm_url, "get"), (_confirm_url, "post"), (_dismiss_url, "post")]
)
def test_clients_are_forbidden(
    client: Client, client_user: User, proposal: ProposedAction, url: Any, method: str
) -> None:
    client.force_login(client_user)
    assert getattr(client, method)(url(proposal)).status_code == 403
    assert ProposedAction.objects.get(pk=proposal.pk).status == ItemStatus.PROPOSED


# --- The proposals part of the session page ---------------------------------------------------


def _render(session: TherapySession) -> str:
    return render_to_string(
        "sessions_app/actions/proposals.html",
        {"session": session, "proposals": action_items.proposals_for(session)},
    )


def test_proposed_items_show_their_source_kind_text_and_actions(session: TherapySession) -> None:
    proposal = make_proposal(session)
    content = _render(session)
    assert "Found in your notes" in content
    assert "Relaxation and mindfulness" in content
    assert "Paced breathing 5 min twice daily" in content
    assert f'href="/proposals/{proposal.pk}/confirm/"' in content
    assert "Make it an assignment" in content
    assert f'action="/proposals/{proposal.pk}/dismiss/"' in content
    assert 'method="post"' in content


def test_an_item_without_a_kind_asks_for_one(session: TherapySession) -> None:
    make_proposal(session, text="Worry time", kind="")
    assert "Choose a kind" in _render(session)


def test_confirmed_items_link_to_their_assignment_and_dismissed_ones_can_only_be_brought_back(
    therapist: User, client_user: User, session: TherapySession
) -> None:
    template = first_builtin(Kind.RELAXATION)
    assignment = Assignment.objects.create(
        therapist=therapist,
        client=client_user,
        template=template,
        kind=template.kind,
        title="Breathing for Carol",
        instructions="x",
        rationale="y",
        estimated_minutes=5,
        technique="Paced breathing",
        start_date=timezone.localdate(),
    )
    make_proposal(session, text="Confirmed one", status=ItemStatus.CONFIRMED, assignment=assignment)
    dismissed = make_proposal(session, text="Dismissed one", status=ItemStatus.DISMISSED)
    content = _render(session)
    back = quote(f"/sessions/{session.pk}/#proposals-heading-{session.pk}", safe="")
    assert f'href="/assignments/{assignment.pk}/edit/?next={back}">Breathing for Carol</a>' in content
    assert "Dismissed one" in content
    assert ">Dismissed<" in content
    assert f'action="/proposals/{dismissed.pk}/restore/"' in content
    assert "Bring it back" in content
    assert f"/proposals/{dismissed.pk}/confirm/" not in content
    assert f"/proposals/{dismissed.pk}/dismiss/" not in content
    assert "Make it an assignment" not in content


def test_saving_the_assignment_opened_from_an_item_returns_to_the_sessions_action_items(
    client: Client, therapist: User, client_user: User, session: TherapySession
) -> None:
    assignment = make_assignment(therapist, client_user, Kind.THOUGHT_RECORD, title="Breathing for Carol")
    make_proposal(session, text="Confirmed one", status=ItemStatus.CONFIRMED, assignment=assignment)
    client.force_login(therapist)
    page = client.get(f"/sessions/{session.pk}/").content.decode()
    link = re.search(rf'href="(/assignments/{assignment.pk}/edit/[^"]*)">Breathing for Carol<', page)
    assert link is not None
    edit_page = client.get(unescape(link.group(1))).content.decode()
    back = f"/sessions/{session.pk}/#proposals-heading-{session.pk}"
    assert f'<input type="hidden" name="next" value="{back}">' in edit_page
    response = client.post(
        unescape(link.group(1)), {**edit_data(assignment, title="Slow breathing"), "next": back}
    )
    assert response.status_code == 302
    assert response["Location"] == back
    assignment.refresh_from_db()
    assert assignment.title == "Slow breathing"


def test_item_text_is_escaped(session: TherapySession) -> None:
    make_proposal(session, text="<script>alert(1)</script> read the handout", kind=Kind.READING)
    content = _render(session)
    assert "<script>" not in content
    assert "&lt;script&gt;" in content


def test_a_session_without_items_says_how_they_are_found(session: TherapySession) -> None:
    assert "No action items found." in _render(session)


@pytest.mark.parametrize("rows", [2, 12])
def test_the_session_page_with_proposals_takes_the_same_queries_however_many(
    client: Client,
    therapist: User,
    client_user: User,
    django_assert_max_num_queries: AssertMaxQueries,
    rows: int,
) -> None:
    session = make_session(therapist, client_user)
    for n in range(rows):
        make_proposal(session, text=f"Body scan number {n}")
    client.force_login(therapist)
    with django_assert_max_num_queries(20):
        response = client.get(f"/sessions/{session.pk}/")
    assert response.status_code == 200
    assert response.content.decode().count("Make it an assignment<") == rows


def test_templates_picker_lists_builtins_and_own_only(
    client: Client, therapist: User, other_therapist: User, session: TherapySession
) -> None:
    proposal = make_proposal(session, text="Worry time", kind="")
    mine = copy_template(therapist=therapist, template=first_builtin(Kind.JOURNAL))
    theirs = copy_template(therapist=other_therapist, template=first_builtin(Kind.JOURNAL))
    client.force_login(therapist)
    choices = client.get(_confirm_url(proposal)).context["picker"].fields["template"].queryset
    assert mine in choices
    assert theirs not in choices
    assert Template.objects.filter(owner__isnull=True).count() + 1 == choices.count()
