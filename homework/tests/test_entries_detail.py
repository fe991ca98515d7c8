"""The finished (or draft) record: the whole entry, its change, the log and the therapist's feedback."""

from __future__ import annotations

import html
from typing import Any

from django.test import Client

from homework import services
from homework.models import Kind, LogStatus
from homework.services import MoodData, Outcome, ThoughtData
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User


def detail(entry: Any) -> str:
    return f"/homework/entries/{entry.pk}/"


def thought_record(
    therapist: User, client_user: User, *, n: int = 2, submit: bool = True, **fields: Any
) -> Any:
    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.THOUGHT_RECORD))
    return services.save_entry(
        occurrence=occurrence,
        fields={"situation": "At the shop", "alternative_thought": "Maybe not", "alternative_belief": 55}
        | fields,
        submit=submit,
        outcome=Outcome(status=LogStatus.DONE, minutes_spent=12, helpfulness=7),
        moods=[MoodData(name=f"Mood{i}", intensity=80, rerating=40 + i) for i in range(n)],
        thoughts=[ThoughtData(text=f"Thought {i}", is_hot=i == 0) for i in range(n)],
    )


def test_it_shows_the_whole_record_with_its_change(
    client: Client, therapist: User, client_user: User
) -> None:
    entry = thought_record(therapist, client_user)
    client.force_login(client_user)
    response = client.get(detail(entry))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mood0 80 → 40 (−40)" in page and "Mood1 80 → 41 (−39)" in page
    assert "Thought 0 <strong>(hot thought)</strong>" in page
    assert "Belief in the alternative thought: 55 out of 100" in page
    assert "12 minutes spent" in page and "Helpfulness: 7 out of 10" in page
    assert '<rect class="bar-after" x="0" y="12" width="40" height="9">' in page
    assert "No feedback yet." in page
    assert page.count("<h1") == 1


def test_it_shows_the_therapists_feedback_beside_the_entry(
    client: Client, therapist: User, client_user: User
) -> None:
    entry = thought_record(therapist, client_user)
    services.leave_feedback(therapist=therapist, entry=entry, text="Great <em>noticing</em>")
    client.force_login(client_user)
    page = client.get(detail(entry)).content.decode()
    assert "Great &lt;em&gt;noticing&lt;/em&gt;" in page
    assert "Alice Adeyemi" in page


def test_a_finished_entry_without_feedback_says_none_yet(
    client: Client, therapist: User, client_user: User
) -> None:
    entry = thought_record(therapist, client_user)
    client.force_login(client_user)
    assert "No feedback yet." in client.get(detail(entry)).content.decode()


def test_a_draft_says_the_therapist_cannot_see_it_yet(
    client: Client, therapist: User, client_user: User
) -> None:
    entry = thought_record(therapist, client_user, submit=False)
    client.force_login(client_user)
    page = client.get(detail(entry)).content.decode()
    assert "No feedback yet." not in page
    assert "Your therapist can't see this draft. They will see it once you finish it." in page


def test_a_private_entry_says_the_therapist_sees_only_that_it_was_done(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.JOURNAL))
    entry = services.save_entry(
        occurrence=occurrence,
        fields={"text": "Just for me", "is_private": True, "prompt": "Gratitude"},
        submit=True,
        outcome=Outcome(status=LogStatus.DONE, minutes_spent=None, helpfulness=None),
    )
    client.force_login(client_user)
    page = client.get(detail(entry)).content.decode()
    assert "No feedback yet." not in page
    assert "your therapist sees only that you did it, not what it says" in page


def test_a_draft_offers_continue_at_the_right_step(
    client: Client, therapist: User, client_user: User
) -> None:
    entry = thought_record(therapist, client_user, submit=False)
    client.force_login(client_user)
    page = client.get(detail(entry)).content.decode()
    assert "Draft" in page
    assert f'href="/homework/occurrences/{entry.occurrence_id}/entry/?step=2">Continue with step 2' in page

    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.THOUGHT_RECORD))
    half = services.save_entry(occurrence=occurrence, fields={"situation": "Only this"}, submit=False)
    page = client.get(detail(half)).content.decode()
    assert f'href="/homework/occurrences/{occurrence.pk}/entry/?step=1">Continue with step 1' in page


def test_a_mood_not_yet_rerated_says_so(client: Client, therapist: User, client_user: User) -> None:
    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.THOUGHT_RECORD))
    entry = services.save_entry(
        occurrence=occurrence, fields={"situation": "S"}, submit=False,
        moods=[MoodData(name="Sad", intensity=70)], thoughts=[ThoughtData(text="T")],
    )  # fmt: skip
    client.force_login(client_user)
    assert "Sad 70 → not re-rated" in client.get(detail(entry)).content.decode()


def test_an_exposure_that_did_not_halve_is_described_kindly(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = today_occurrence(
        make_assignment(therapist, client_user, Kind.SKILL_PRACTICE, is_exposure=True)
    )
    entry = services.save_entry(
        occurrence=occurrence,
        fields={"skill": "Lift", "what_i_did": "Rode", "is_exposure": True, "suds_predicted": 50,
                "suds_peak": 80, "suds_end": 60},
        submit=True,
    )  # fmt: skip
    client.force_login(client_user)
    page = client.get(detail(entry)).content.decode()
    assert "hadn't yet halved from its peak" in page
    assert "higher than predicted" in page


def test_detail_query_count_does_not_grow_with_moods_and_thoughts(
    client: Client, therapist: User, client_user: User, django_assert_max_num_queries: Any
) -> None:
    client.force_login(client_user)
    for n in (2, 12):
        entry = thought_record(therapist, client_user, n=n)
        services.leave_feedback(therapist=therapist, entry=entry, text="Nice")
        with django_assert_max_num_queries(12):
            assert client.get(detail(entry)).status_code == 200


def test_a_private_draft_says_the_therapist_will_see_only_that_it_was_done(
    client: Client, therapist: User, client_user: User
) -> None:
    occurrence = today_occurrence(make_assignment(therapist, client_user, Kind.JOURNAL))
    entry = services.save_entry(
        occurrence=occurrence,
        fields={"text": "Just for me", "is_private": True, "prompt": "Gratitude"},
        submit=False,
    )
    client.force_login(client_user)
    page = html.unescape(client.get(detail(entry)).content.decode())
    assert "It is private: once you finish it, they will see only that you did it, not what it says." in page
    assert "They will see it once you finish it." not in page
