"""Correcting sent answers: the same questionnaire filled in with them, saved as a new response."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from mallard.models import AuditEntry, User
from measures import access, services
from measures.exports import measures_section
from measures.models import MeasureResponse, MeasureWindow, Schedule

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with time_machine.travel(NOW, tick=False):
        yield


def sent(
    client_user: User, therapist: User, values: list[int], instrument: str = "phq9", **kw: int
) -> MeasureResponse:
    plan = services.assign_measure(
        therapist=therapist,
        client=client_user,
        instrument=instrument,
        schedule=Schedule.ONCE,
        starts_on=date(2026, 3, 4),
    )
    window: MeasureWindow = plan.windows.get()
    return services.submit_response(client=client_user, window=window, answers=values, **kw)


def correct_url(response: MeasureResponse) -> str:
    return f"/questionnaires/answers/{response.pk}/correct/"


def done_url(response: MeasureResponse) -> str:
    return f"/questionnaires/answers/{response.pk}/"


def answers(values: list[int], difficulty: int | None = None) -> dict[str, str]:
    data = {f"item_{n}": str(v) for n, v in enumerate(values, start=1)}
    if difficulty is not None:
        data["difficulty"] = str(difficulty)
    return data


def checked(content: str, name: str, value: int) -> bool:
    return re.search(rf'name="{name}" value="{value}"[^>]*checked', content) is not None


def test_the_page_after_sending_links_to_the_correction(
    client: Client, therapist: User, client_user: User
) -> None:
    original = sent(client_user, therapist, [1] * 9)
    client.force_login(client_user)
    content = client.get(done_url(original)).content.decode()
    assert f'href="{correct_url(original)}"' in content
    assert "Correct an answer" in content


def test_the_correction_page_is_the_questionnaire_with_the_earlier_answers_and_writes_nothing(
    client: Client, therapist: User, client_user: User
) -> None:
    original = sent(client_user, therapist, [0, 1, 2, 3, 0, 1, 2, 3, 0], difficulty=2)
    client.force_login(client_user)
    audit_rows = AuditEntry.objects.count()
    page = client.get(correct_url(original))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Correct your PHQ-9" in content
    for n, value in enumerate([0, 1, 2, 3, 0, 1, 2, 3, 0], start=1):
        assert checked(content, f"item_{n}", value)
    assert checked(content, "difficulty", 2)
    assert MeasureResponse.objects.count() == 1
    assert AuditEntry.objects.count() == audit_rows


def test_sending_a_correction_saves_a_new_response_and_keeps_the_original(
    client: Client, therapist: User, client_user: User
) -> None:
    original = sent(client_user, therapist, [1] * 9, difficulty=1)
    before = MeasureResponse.objects.values().get(pk=original.pk)
    client.force_login(client_user)
    with time_machine.travel(NOW + timedelta(minutes=10), tick=False):
        response = client.post(correct_url(original), answers([1] * 8 + [0], difficulty=1))
    correction = MeasureResponse.objects.exclude(pk=original.pk).get()
    assert response["Location"] == done_url(correction)
    assert correction.corrects == original
    assert (correction.total, correction.item9_positive, correction.difficulty) == (8, False, 1)
    assert correction.plan_id == original.plan_id
    assert correction.window is None
    assert MeasureResponse.objects.values().get(pk=original.pk) == before  # never edited
    thanks = client.get(response["Location"]).content.decode()
    assert "Your corrected answers to the PHQ-9 were sent" in thanks
    assert "They correct the answers you sent on" in thanks


def test_a_correction_is_recorded_in_the_audit_trail(
    client: Client, therapist: User, client_user: User
) -> None:
    original = sent(client_user, therapist, [1] * 7, instrument="gad7")
    client.force_login(client_user)
    client.post(correct_url(original), answers([2] * 7))
    correction = MeasureResponse.objects.get(corrects=original)
    entry = AuditEntry.objects.get(
        content_type=ContentType.objects.get_for_model(MeasureResponse), object_pk=str(correction.pk)
    )
    assert entry.action == AuditEntry.Action.CREATE
    assert entry.actor == client_user


def test_a_corrected_item_9_above_0_shows_the_crisis_resources(
    client: Client, therapist: User, client_user: User
) -> None:
    original = sent(client_user, therapist, [0] * 9)
    client.force_login(client_user)
    response = client.post(correct_url(original), answers([0] * 8 + [2]), follow=True)
    content = response.content.decode()
    assert MeasureResponse.objects.get(corrects=original).item9_positive
    for number in ("tel:988", "tel:116123", "tel:112", "tel:911"):
        assert f'href="{number}"' in content
    assert "Your therapist will see this answer." in content
    assert "Mallard is not watched in real time" in content


def test_sending_the_correction_twice_saves_one(client: Client, therapist: User, client_user: User) -> None:
    original = sent(client_user, therapist, [1] * 9)
    client.force_login(client_user)
    first = client.post(correct_url(original), answers([2] * 9))
    second = client.post(correct_url(original), answers([3] * 9), follow=True)
    assert second.redirect_chain[0][0] == first["Location"]
    assert "You corrected these answers already" in second.content.decode()
    assert MeasureResponse.objects.get(corrects=original).total == 18
    assert MeasureResponse.objects.count() == 2
    # Opening the correction again goes to the correction already sent.
    assert client.get(correct_url(original))["Location"] == first["Location"]


@pytest.mark.parametrize("value", ["4", "-1", "x", ""])
def test_bad_answers_save_nothing_and_keep_what_was_typed(
    client: Client, therapist: User, client_user: User, value: str
) -> None:
    original = sent(client_user, therapist, [1] * 9)
    client.force_login(client_user)
    data = answers([0, 2, 9, 3, 2, 1, 0, 1, 0], difficulty=3)
    data["item_3"] = value
    response = client.post(correct_url(original), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "Question 3" in content
    # One short box of errors: the summary, which names the question and what is wrong with it.
    summary = (
        "Question 3 has no answer yet." if value == "" else "Question 3: choose one of the four answers."
    )
    assert summary in content
    assert "Some questions have no answer yet" not in content
    for n, typed in ((1, 0), (2, 2), (4, 3), (5, 2), (9, 0)):
        assert checked(content, f"item_{n}", typed)
    assert checked(content, "difficulty", 3)
    assert not checked(content, "item_3", 1)  # what was typed, not the earlier answer
    assert MeasureResponse.objects.count() == 1


def test_a_missing_answer_saves_nothing(client: Client, therapist: User, client_user: User) -> None:
    original = sent(client_user, therapist, [1] * 9)
    client.force_login(client_user)
    response = client.post(correct_url(original), answers([2] * 8))
    assert response.status_code == 400
    assert "Question 9 has no answer yet." in response.content.decode()
    assert MeasureResponse.objects.count() == 1


def test_another_clients_response_is_not_found(
    client: Client, therapist: User, client_user: User, other_therapist: User, other_client: User
) -> None:
    theirs = sent(other_client, other_therapist, [1] * 9)
    client.force_login(client_user)
    assert client.get(correct_url(theirs)).status_code == 404
    assert client.post(correct_url(theirs), answers([0] * 9)).status_code == 404
    assert MeasureResponse.objects.count() == 1


def test_the_correction_page_refuses_other_methods_roles_and_anonymous_people(
    client: Client, therapist: User, client_user: User
) -> None:
    original = sent(client_user, therapist, [1] * 9)
    assert client.get(correct_url(original))["Location"].startswith("/accounts/login/")
    client.force_login(client_user)
    assert client.put(correct_url(original)).status_code == 405
    client.force_login(therapist)
    assert client.get(correct_url(original)).status_code == 403
    assert client.post(correct_url(original), answers([0] * 9)).status_code == 403
    assert MeasureResponse.objects.count() == 1


def test_after_seven_days_the_answers_can_no_longer_be_corrected(
    client: Client, therapist: User, client_user: User
) -> None:
    original = sent(client_user, therapist, [1] * 9)
    with time_machine.travel(NOW + timedelta(days=7) - timedelta(seconds=1), tick=False):
        client.force_login(client_user)
        assert client.get(correct_url(original)).status_code == 200
    with time_machine.travel(NOW + timedelta(days=7), tick=False):
        client.force_login(client_user)
        assert "Correct an answer" not in client.get(done_url(original)).content.decode()
        assert client.get(correct_url(original))["Location"] == done_url(original)
        response = client.post(correct_url(original), answers([0] * 9), follow=True)
    assert "can no longer be corrected here" in response.content.decode()
    assert "tell your therapist" in response.content.decode()
    assert MeasureResponse.objects.count() == 1


def test_a_correction_sent_as_the_limit_passes_is_refused_with_the_same_message(
    client: Client, therapist: User, client_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The view's check passed (the form was opened in time) but the limit passed before the
    service ran: the service's own check refuses it, and the client is told why."""
    original = sent(client_user, therapist, [1] * 9)
    real = access.can_correct
    calls: list[int] = []

    def open_for_the_view_only(response: MeasureResponse, now: datetime) -> bool:
        calls.append(response.pk)
        return len(calls) == 1 or real(response, now + timedelta(days=7))

    monkeypatch.setattr(access, "can_correct", open_for_the_view_only)
    client.force_login(client_user)
    response = client.post(correct_url(original), answers([0] * 9), follow=True)
    assert "can no longer be corrected here" in response.content.decode()
    assert calls[:2] == [original.pk, original.pk]  # the view's check, then the service's
    assert MeasureResponse.objects.count() == 1


def test_only_the_latest_answers_to_a_questionnaire_can_be_corrected(
    client: Client, therapist: User, client_user: User
) -> None:
    older = sent(client_user, therapist, [1] * 7, instrument="gad7")
    services.stop_plan(plan=older.plan)  # type: ignore[arg-type]
    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        plan = services.assign_measure(
            therapist=therapist,
            client=client_user,
            instrument="gad7",
            schedule=Schedule.ONCE,
            starts_on=date(2026, 3, 5),
        )
        newer = services.submit_response(client=client_user, window=plan.windows.get(), answers=[2] * 7)
        phq9 = sent(client_user, therapist, [0] * 9)
        client.force_login(client_user)
        assert client.get(correct_url(older))["Location"] == done_url(older)
        assert client.post(correct_url(older), answers([0] * 7)).status_code == 302
        assert not MeasureResponse.objects.filter(corrects=older).exists()
        # Another questionnaire's answers do not count as later ones.
        assert client.get(correct_url(newer)).status_code == 200
        assert client.get(correct_url(phq9)).status_code == 200


def test_a_correction_can_itself_be_corrected_while_it_is_the_latest(
    client: Client, therapist: User, client_user: User
) -> None:
    original = sent(client_user, therapist, [1] * 9)
    client.force_login(client_user)
    first = MeasureResponse.objects.get(
        pk=client.post(correct_url(original), answers([2] * 9))["Location"].split("/")[-2]
    )
    assert not access.can_correct(original, NOW)
    assert access.can_correct(first, NOW)
    client.post(correct_url(first), answers([3] * 9))
    assert MeasureResponse.objects.get(corrects=first).total == 27
    assert MeasureResponse.objects.count() == 3


def test_the_clients_scores_page_links_the_latest_answers_to_their_correction(
    client: Client, therapist: User, client_user: User
) -> None:
    older = sent(client_user, therapist, [1] * 7, instrument="gad7")
    services.stop_plan(plan=older.plan)  # type: ignore[arg-type]
    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        plan = services.assign_measure(
            therapist=therapist,
            client=client_user,
            instrument="gad7",
            schedule=Schedule.ONCE,
            starts_on=date(2026, 3, 5),
        )
        newer = services.submit_response(client=client_user, window=plan.windows.get(), answers=[2] * 7)
        client.force_login(client_user)
        content = client.get("/my/scores/").content.decode()
        assert f'href="{correct_url(newer)}"' in content
        assert correct_url(older) not in content
    with time_machine.travel(NOW + timedelta(days=8), tick=False):
        client.force_login(client_user)
        page = client.get("/my/scores/")
        assert page.status_code == 200
        assert f"Your GAD-7 score was {newer.total}" in page.content.decode()
        assert "/correct/" not in page.content.decode()


def test_the_therapist_sees_the_correction_on_the_questionnaire_page(
    client: Client, therapist: User, client_user: User
) -> None:
    original = sent(client_user, therapist, [1] * 9)
    with time_machine.travel(datetime(2026, 3, 6, 10, 0, tzinfo=UTC), tick=False):
        services.correct_response(client=client_user, response=original, answers=[2] * 9)
    client.force_login(therapist)
    content = client.get(f"/clients/{client_user.pk}/questionnaires/").content.decode()
    assert "Corrected answers" in content
    assert "score 9:" in content
    assert (
        f"sent {original.submitted_at.astimezone(client_user.zone):%-d %B %Y, %H:%M} client's time (America/New_York)"
        in content
    )
    assert "corrected on" in content
    assert "6 March 2026" in content
    assert "score 18" in content


def test_the_questionnaire_page_lists_no_corrections_when_there_are_none(
    client: Client, therapist: User, client_user: User
) -> None:
    sent(client_user, therapist, [1] * 9)
    client.force_login(therapist)
    assert (
        "Corrected answers" not in client.get(f"/clients/{client_user.pk}/questionnaires/").content.decode()
    )


def test_the_export_names_the_response_a_correction_corrects(
    client: Client, therapist: User, client_user: User
) -> None:
    original = sent(client_user, therapist, [1] * 9)
    client.force_login(client_user)
    client.post(correct_url(original), answers([2] * 9))
    correction = MeasureResponse.objects.get(corrects=original)
    rows = {row["id"]: row for row in measures_section(client_user, viewer=client_user)["responses"]}
    assert rows[original.pk]["corrects_id"] is None
    assert rows[correction.pk]["corrects_id"] == original.pk
    assert rows[original.pk]["answers"] == [1] * 9
