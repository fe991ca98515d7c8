"""“Start small when it's hard”: the same "not done" reason twice in 14 of the client's days."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import Client

from homework import services
from homework.models import (
    Assignment,
    Kind,
    LogStatus,
    NotDoneReason,
    Occurrence,
    Recurrence,
    SessionQuestion,
)
from homework.selectors.nudges import (
    ASK,
    SMALLER,
    SMALLER_AND_CUE,
    nudges_for,
    repeats_for_clients,
    window_start,
)
from homework.tests.conftest import make_assignment
from mallard.models import User

pytestmark = pytest.mark.django_db

# The client (carol) lives in New York. DST ended there on Sunday 1 November 2026.
TODAY = date(2026, 11, 10)
NOON = datetime(2026, 11, 10, 17, 0, tzinfo=UTC)  # 12:00 EST


def daily(therapist: User, client_user: User, **fields: object) -> Assignment:
    with time_machine.travel(datetime(2026, 10, 15, 16, 0, tzinfo=UTC), tick=False):
        a = make_assignment(
            therapist,
            client_user,
            Kind.RELAXATION,
            start=date(2026, 10, 15),
            end_date=date(2026, 12, 31),
            **fields,
        )
        services.plan_occurrences(a, through=date(2026, 11, 30))
    return a


def say_not_done(assignment: Assignment, at: datetime, reason: str, due: date | None = None) -> None:
    """Log "I won't do this one" at the moment ``at``, for the occurrence due on ``due``."""
    with time_machine.travel(at, tick=False):
        local = services.client_today(assignment.client)
        occurrence = Occurrence.objects.get(assignment=assignment, due_date=due or local, slot=1)
        services.log_occurrence(occurrence=occurrence, status=LogStatus.NOT_DONE, reason=reason)


def nudges(client_user: User) -> dict[int, object]:
    with time_machine.travel(NOON, tick=False):
        return nudges_for(client_user, TODAY)  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("reason", "kind"),
    [
        (NotDoneReason.NO_TIME, SMALLER_AND_CUE),
        (NotDoneReason.FORGOT, SMALLER_AND_CUE),
        (NotDoneReason.TOO_HARD, SMALLER),
        (NotDoneReason.AVOIDED, SMALLER),
        (NotDoneReason.DIDNT_UNDERSTAND, ASK),
    ],
)
def test_each_repeated_reason_leads_to_its_offer(
    therapist: User, client_user: User, reason: str, kind: str
) -> None:
    a = daily(therapist, client_user)
    say_not_done(a, datetime(2026, 11, 5, 17, 0, tzinfo=UTC), reason)
    say_not_done(a, datetime(2026, 11, 9, 17, 0, tzinfo=UTC), reason)
    nudge = nudges(client_user)[a.pk]
    assert (nudge.kind, nudge.reason) == (kind, reason)  # type: ignore[attr-defined]


@pytest.mark.parametrize("reason", [NotDoneReason.NOT_HELPFUL, NotDoneReason.OTHER])
def test_reasons_for_the_therapist_offer_nothing_on_today(
    therapist: User, client_user: User, reason: str
) -> None:
    a = daily(therapist, client_user)
    say_not_done(a, datetime(2026, 11, 5, 17, 0, tzinfo=UTC), reason)
    say_not_done(a, datetime(2026, 11, 9, 17, 0, tzinfo=UTC), reason)
    assert nudges(client_user) == {}


def test_once_is_not_a_pattern_and_two_different_reasons_are_not_either(
    therapist: User, client_user: User
) -> None:
    a = daily(therapist, client_user)
    say_not_done(a, datetime(2026, 11, 5, 17, 0, tzinfo=UTC), NotDoneReason.NO_TIME)
    say_not_done(a, datetime(2026, 11, 9, 17, 0, tzinfo=UTC), NotDoneReason.TOO_HARD)
    assert nudges(client_user) == {}


def test_a_reason_on_another_assignment_does_not_count(therapist: User, client_user: User) -> None:
    a = daily(therapist, client_user)
    b = daily(therapist, client_user)
    say_not_done(a, datetime(2026, 11, 5, 17, 0, tzinfo=UTC), NotDoneReason.NO_TIME)
    say_not_done(b, datetime(2026, 11, 9, 17, 0, tzinfo=UTC), NotDoneReason.NO_TIME)
    assert nudges(client_user) == {}


def test_the_window_is_fourteen_local_days_across_the_end_of_dst(therapist: User, client_user: User) -> None:
    """The window opens at local midnight on 28 October, which was EDT (04:00 UTC), though today
    is EST: 13 days of 24 hours back from today's midnight (05:00 UTC) would miss 00:30 that day."""
    assert window_start(client_user, TODAY) == datetime(2026, 10, 28, 4, 0, tzinfo=UTC)
    a = daily(therapist, client_user)
    say_not_done(a, datetime(2026, 11, 9, 17, 0, tzinfo=UTC), NotDoneReason.FORGOT)
    say_not_done(a, datetime(2026, 10, 28, 4, 30, tzinfo=UTC), NotDoneReason.FORGOT)  # 00:30 EDT, 28 Oct
    assert nudges(client_user)[a.pk].kind == SMALLER_AND_CUE  # type: ignore[attr-defined]


def test_a_day_before_the_window_does_not_count(therapist: User, client_user: User) -> None:
    a = daily(therapist, client_user)
    say_not_done(a, datetime(2026, 11, 9, 17, 0, tzinfo=UTC), NotDoneReason.FORGOT)
    say_not_done(a, datetime(2026, 10, 28, 3, 30, tzinfo=UTC), NotDoneReason.FORGOT)  # 23:30 EDT, 27 Oct
    assert nudges(client_user) == {}


def test_the_clients_date_decides_not_utcs(therapist: User, client_user: User) -> None:
    """23:30 in New York on 10 November is already the 11th in UTC: it is still today."""
    a = daily(therapist, client_user)
    say_not_done(a, datetime(2026, 11, 9, 17, 0, tzinfo=UTC), NotDoneReason.NO_TIME)
    late = datetime(2026, 11, 11, 4, 30, tzinfo=UTC)
    say_not_done(a, late, NotDoneReason.NO_TIME)
    with time_machine.travel(late, tick=False):
        assert services.client_today(client_user) == TODAY
        assert nudges_for(client_user, TODAY)[a.pk].kind == SMALLER_AND_CUE


def test_a_not_today_and_a_closing_not_done_count_together(therapist: User, client_user: User) -> None:
    with time_machine.travel(datetime(2026, 11, 2, 16, 0, tzinfo=UTC), tick=False):
        a = make_assignment(
            therapist,
            client_user,
            Kind.RELAXATION,
            start=date(2026, 11, 2),
            recurrence=Recurrence.TIMES_PER_WEEK,
            times_per_week=3,
        )
    this_week = Occurrence.objects.filter(assignment=a, due_date=date(2026, 11, 15)).order_by("slot")
    say_not_done(a, datetime(2026, 11, 6, 17, 0, tzinfo=UTC), NotDoneReason.TOO_HARD, due=date(2026, 11, 8))
    with time_machine.travel(NOON, tick=False):
        services.skip_today(occurrence=this_week[0], reason=NotDoneReason.TOO_HARD)
        assert nudges_for(client_user, TODAY)[a.pk].kind == SMALLER


def test_the_most_recent_repeated_reason_wins(therapist: User, client_user: User) -> None:
    a = daily(therapist, client_user)
    for day, reason in ((3, "no_time"), (4, "too_hard"), (5, "no_time"), (6, "too_hard")):
        say_not_done(a, datetime(2026, 11, day, 17, 0, tzinfo=UTC), reason)
    assert nudges(client_user)[a.pk].reason == "too_hard"  # type: ignore[attr-defined]


# --- On Today ------------------------------------------------------------------------------------


def test_today_offers_the_smaller_version_first_and_a_cue_or_another_time(
    client: Client, therapist: User, client_user: User
) -> None:
    a = daily(therapist, client_user, smaller_version="One minute of breathing")
    say_not_done(a, datetime(2026, 11, 5, 17, 0, tzinfo=UTC), NotDoneReason.NO_TIME)
    say_not_done(a, datetime(2026, 11, 9, 17, 0, tzinfo=UTC), NotDoneReason.NO_TIME)
    client.force_login(client_user)
    with time_machine.travel(NOON, tick=False):
        page = client.get("/today/").content.decode()
    assert page.index('value="smaller">Did the smaller version') < page.index('value="done">Done')
    assert page.index("Fill in the smaller version") < page.index("Fill in the worksheet")
    assert "After ___, I will ___" in page
    assert 'href="/reminders/"' in page


@pytest.mark.parametrize(
    ("after", "will"), [("I brush my teeth", ""), ("", "breathe"), ("dinner", "breathe")]
)
def test_a_client_with_a_plan_is_not_told_to_try_one(
    client: Client, therapist: User, client_user: User, after: str, will: str
) -> None:
    a = daily(
        therapist,
        client_user,
        smaller_version="One minute of breathing",
        implementation_after=after,
        implementation_will=will,
    )
    say_not_done(a, datetime(2026, 11, 5, 17, 0, tzinfo=UTC), NotDoneReason.NO_TIME)
    say_not_done(a, datetime(2026, 11, 9, 17, 0, tzinfo=UTC), NotDoneReason.NO_TIME)
    client.force_login(client_user)
    with time_machine.travel(NOON, tick=False):
        page = client.get("/today/").content.decode()
    assert "After ___, I will ___" not in page
    assert "Would a different plan help?" in page
    assert 'href="/reminders/"' in page


def test_too_hard_offers_the_smaller_version_first_without_a_cue(
    client: Client, therapist: User, client_user: User
) -> None:
    a = daily(therapist, client_user, smaller_version="One minute of breathing")
    say_not_done(a, datetime(2026, 11, 5, 17, 0, tzinfo=UTC), NotDoneReason.TOO_HARD)
    say_not_done(a, datetime(2026, 11, 9, 17, 0, tzinfo=UTC), NotDoneReason.TOO_HARD)
    client.force_login(client_user)
    with time_machine.travel(NOON, tick=False):
        page = client.get("/today/").content.decode()
    assert page.index('value="smaller">Did the smaller version') < page.index('value="done">Done')
    assert "After ___, I will ___" not in page


def test_nothing_changes_without_a_click(therapist: User, client_user: User) -> None:
    a = daily(therapist, client_user, smaller_version="One minute")
    say_not_done(a, datetime(2026, 11, 5, 17, 0, tzinfo=UTC), NotDoneReason.NO_TIME)
    say_not_done(a, datetime(2026, 11, 9, 17, 0, tzinfo=UTC), NotDoneReason.NO_TIME)
    before = Assignment.objects.get(pk=a.pk)
    nudges(client_user)
    after = Assignment.objects.get(pk=a.pk)
    assert (after.instructions, after.recurrence, after.preferred_time) == (
        before.instructions,
        before.recurrence,
        before.preferred_time,
    )


def test_ask_at_the_next_session_saves_one_question(
    client: Client, therapist: User, client_user: User
) -> None:
    a = daily(therapist, client_user)
    say_not_done(a, datetime(2026, 11, 5, 17, 0, tzinfo=UTC), NotDoneReason.DIDNT_UNDERSTAND)
    say_not_done(a, datetime(2026, 11, 9, 17, 0, tzinfo=UTC), NotDoneReason.DIDNT_UNDERSTAND)
    client.force_login(client_user)
    with time_machine.travel(NOON, tick=False):
        assert "Ask at the next session" in client.get("/today/").content.decode()
        client.post(f"/homework/{a.pk}/ask/")
        client.post(f"/homework/{a.pk}/ask/")  # a second click asks nothing new
        page = client.get("/today/").content.decode()
    (question,) = SessionQuestion.objects.all()
    assert question.assignment == a and a.title in question.text
    assert "Ask at the next session" not in page
    assert "Your question is saved for your next session." in page


def test_ask_needs_a_post_and_the_clients_own_assignment(
    client: Client, client_user: User, other_therapist: User, other_client: User
) -> None:
    theirs = daily(other_therapist, other_client)
    client.force_login(client_user)
    assert client.get(f"/homework/{theirs.pk}/ask/").status_code == 405
    assert client.post(f"/homework/{theirs.pk}/ask/").status_code == 404
    assert not SessionQuestion.objects.exists()


def test_ask_needs_a_signed_in_client(client: Client, assignment: Assignment) -> None:
    response = client.post(f"/homework/{assignment.pk}/ask/")
    assert response.status_code == 302 and "/login" in response["Location"]


# --- For the therapist ---------------------------------------------------------------------------


def test_the_caseload_lists_each_repeat_once_with_its_changes(therapist: User, client_user: User) -> None:
    a = daily(therapist, client_user, smaller_version="One minute")
    say_not_done(a, datetime(2026, 11, 5, 17, 0, tzinfo=UTC), NotDoneReason.NO_TIME)
    say_not_done(a, datetime(2026, 11, 9, 17, 0, tzinfo=UTC), NotDoneReason.NO_TIME)
    (repeat,) = repeats_for_clients([client_user], NOON)[client_user.pk]
    assert (repeat.assignment, repeat.reason, repeat.count) == (a, "no_time", 2)
    assert repeat.can_be_smaller and repeat.can_be_fewer


def test_without_a_smaller_version_no_time_still_suggests_a_cue_or_another_time(
    client: Client, therapist: User, client_user: User
) -> None:
    a = daily(therapist, client_user, smaller_version="")
    say_not_done(a, datetime(2026, 11, 5, 17, 0, tzinfo=UTC), NotDoneReason.FORGOT)
    say_not_done(a, datetime(2026, 11, 9, 17, 0, tzinfo=UTC), NotDoneReason.FORGOT)
    client.force_login(client_user)
    with time_machine.travel(NOON, tick=False):
        page = client.get("/today/").content.decode()
    assert "After ___, I will ___" in page
    assert "The smaller version counts." not in page
