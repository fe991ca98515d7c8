"""The PHQ-9 and GAD-7 on the therapist's pages: the overview's chart and its text alternative, the
pre-session summary in words, the item 9 review, and the client's own scores page with its switch."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import Client

from homework.models import Kind, LogStatus
from mallard.models import AuditEntry, User
from measures.models import MeasureResponse, MeasureSettings
from sessions_app.models import SessionStatus, TherapySession
from sessions_app.services import scores_visible_key
from sessions_app.tests.dashboard_helpers import daily_since, days_ago, log_on
from sessions_app.tests.scores_helpers import respond

NOW = datetime(2026, 12, 6, 17, 0, tzinfo=UTC)  # Sun 6 Dec, 12:00 in New York (Carol's zone)


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 15, 0, tzinfo=UTC)  # 10:00 in New York


def held(therapist: User, client: User, month: int, day: int) -> TherapySession:
    return TherapySession.objects.create(
        therapist=therapist, client=client, starts_at=at(month, day), status=SessionStatus.HELD
    )


def course(therapist: User, client: User) -> None:
    """Five weeks: PHQ-9 20 → 14 → 9, GAD-7 12 → 6, sessions on 8 and 22 Nov, and homework."""
    respond(client, "phq9", 20, at=at(11, 1))
    respond(client, "gad7", 12, at=at(11, 1))
    held(therapist, client, 11, 8)
    respond(client, "phq9", 14, at=at(11, 15))
    held(therapist, client, 11, 22)
    respond(client, "phq9", 9, at=at(12, 1))
    respond(client, "gad7", 6, at=at(12, 1))
    journal = daily_since(therapist, client, 10, Kind.JOURNAL)
    log_on(journal, days_ago(client, 1), LogStatus.DONE)


def overview(client: Client, person: User) -> str:
    response = client.get(f"/clients/{person.pk}/overview/")
    assert response.status_code == 200
    return response.content.decode()


def between(content: str, start: str, end: str) -> str:
    return content[content.index(start) : content.index(end, content.index(start))]


# --- The overview's chart ---------------------------------------------------------------------------


def test_the_overview_draws_both_questionnaires_with_bands_cut_offs_and_sessions(
    client: Client, therapist: User, client_user: User
) -> None:
    course(therapist, client_user)
    client.force_login(therapist)
    content = overview(client, client_user)
    assert 'id="phq9-chart-title">PHQ-9 totals over time (0 to 27)</title>' in content
    assert 'id="gad7-chart-title">GAD-7 totals over time (0 to 21)</title>' in content
    # Five PHQ-9 bands and four GAD-7 bands shaded, one cut-off line each, two sessions each.
    assert content.count('class="score-band score-band-moderately_severe"') == 1
    assert content.count('class="score-band score-band-severe"') == 2
    assert content.count('class="score-cutoff"') == 2
    assert "cut-off 10</text>" in content and "cut-off 8</text>" in content
    assert content.count('class="score-session"') == 4
    # Three periods between sessions: a strip cell under each chart, and a bar beside them.
    assert content.count('class="score-strip ') == 6
    assert content.count('role="img"') >= 2


def test_the_charts_text_alternative_says_every_score_session_and_period(
    client: Client, therapist: User, client_user: User
) -> None:
    course(therapist, client_user)
    client.force_login(therapist)
    details = between(overview(client, client_user), '<details class="score-details">', "</details>")
    events = between(details, '<ul class="score-events">', "</ul>")
    # Each score links to its answers (measures-response); the words are the link's.
    unlinked = re.sub(r'<a href="/clients/\d+/questionnaires/answers/\d+/">(.*?)</a>', r"\1", events)
    assert [line.split(">", 1)[-1].strip() for line in unlinked.split("<li>")[1:]] == [
        "Sun 1 Nov 2026</time>: PHQ-9 20 (severe)</li>",
        "Sun 1 Nov 2026</time>: GAD-7 12 (moderate)</li>",
        "Sun 8 Nov 2026</time>: Session</li>",
        "Sun 15 Nov 2026</time>: PHQ-9 14 (moderate)</li>",
        "Sun 22 Nov 2026</time>: Session</li>",
        "Tue 1 Dec 2026</time>: PHQ-9 9 (mild)</li>",
        "Tue 1 Dec 2026</time>: GAD-7 6 (mild)</li>",
    ]
    periods = between(details, '<ul class="score-period-words">', "</ul>")
    assert "<li>1 Nov to 7 Nov: Nothing due</li>" in periods
    assert "<li>8 Nov to 21 Nov: Nothing due</li>" in periods
    assert "<li>22 Nov to 6 Dec: 1 of 10 done, 9 not logged, 1 still open today</li>" in periods
    assert (
        "Latest PHQ-9 9 (mild) on 1 Dec, down 5 since the one before on 15 Nov, down 11 since the first"
        " on 1 Nov (3 responses): a reliable "
        "improvement (6 points or more counts on the PHQ-9); below the PHQ-9 cut-off of 10."
    ) in details
    # Inside <details>, not a visually hidden table: it wraps on a phone instead of overflowing.
    assert "visually-hidden" not in details


def test_the_words_say_a_recent_reliable_turn_that_the_change_since_the_first_hides(
    client: Client, therapist: User, client_user: User
) -> None:
    respond(client_user, "phq9", 16, at=at(11, 1))
    respond(client_user, "phq9", 9, at=at(11, 15))
    respond(client_user, "phq9", 16, at=at(12, 1))
    client.force_login(therapist)
    details = between(overview(client, client_user), '<details class="score-details">', "</details>")
    assert (
        "Latest PHQ-9 16 (moderately severe) on 1 Dec, up 7 since the one before on 15 Nov (a reliable"
        " deterioration), no change since the first on 1 Nov (3 responses): no reliable change"
    ) in details


def test_a_corrected_response_gives_way_to_its_correction(
    client: Client, therapist: User, client_user: User
) -> None:
    wrong = respond(client_user, "gad7", 21, at=at(12, 1))
    respond(client_user, "gad7", 5, at=at(12, 2), corrects=wrong)
    client.force_login(therapist)
    events = between(overview(client, client_user), '<ul class="score-events">', "</ul>")
    assert "GAD-7 5 (mild)" in events
    assert "GAD-7 21" not in events


def test_without_responses_the_overview_says_so(client: Client, therapist: User, client_user: User) -> None:
    client.force_login(therapist)
    content = overview(client, client_user)
    assert "No questionnaires answered yet." in content
    assert "score-details" not in content


# --- Item 9 ---------------------------------------------------------------------------------------


def review_url(person: User, response: MeasureResponse) -> str:
    return f"/clients/{person.pk}/questionnaires/{response.pk}/item9-reviewed/"


def test_item9_above_zero_is_flagged_on_the_caseload_until_reviewed(
    client: Client, therapist: User, client_user: User
) -> None:
    flagged = respond(client_user, "phq9", 12, at=at(12, 3), item9=1)
    client.force_login(therapist)
    content = client.get("/caseload/").content.decode()
    assert "Item 9 answered above 0 on <time" in content
    assert ">Thu 3 Dec</time>" in content
    assert f'action="{review_url(client_user, flagged)}"' in content

    response = client.post(review_url(client_user, flagged))
    assert response.status_code == 302 and response["Location"] == "/caseload/"
    flagged.refresh_from_db()
    assert flagged.item9_reviewed_at == NOW
    assert flagged.item9_reviewed_by == therapist
    assert "Item 9 answered above 0" not in client.get("/caseload/").content.decode()
    entry = AuditEntry.objects.filter(object_pk=str(flagged.pk), action=AuditEntry.Action.UPDATE).get()
    assert entry.actor == therapist
    assert set(entry.changes) == {"item9_reviewed_at", "item9_reviewed_by"}


def test_reviewing_twice_keeps_the_first_review(client: Client, therapist: User, client_user: User) -> None:
    flagged = respond(client_user, "phq9", 3, at=at(12, 3), item9=3)
    client.force_login(therapist)
    client.post(review_url(client_user, flagged))
    second = client.post(review_url(client_user, flagged), follow=True)
    assert "already marked reviewed" in second.content.decode()
    assert AuditEntry.objects.filter(object_pk=str(flagged.pk), action=AuditEntry.Action.UPDATE).count() == 1


def test_one_review_covers_the_earlier_unreviewed_answers_too(
    client: Client, therapist: User, client_user: User
) -> None:
    earlier = respond(client_user, "phq9", 5, at=at(11, 20), item9=1)
    latest = respond(client_user, "phq9", 6, at=at(12, 3), item9=2)
    client.force_login(therapist)
    content = client.get("/caseload/").content.decode()
    assert "Also on 1 earlier questionnaire." in content
    client.post(review_url(client_user, latest), {"back": "overview"})
    assert not MeasureResponse.objects.filter(pk__in=[earlier.pk, latest.pk], item9_reviewed_at=None).exists()


def test_the_overview_and_summary_show_the_flag_too(
    client: Client, therapist: User, client_user: User
) -> None:
    flagged = respond(client_user, "phq9", 12, at=at(12, 3), item9=1)
    upcoming = TherapySession.objects.create(therapist=therapist, client=client_user, starts_at=at(12, 8))
    client.force_login(therapist)
    content = overview(client, client_user)
    assert "Item 9 answered above 0 on <time" in content
    assert "Mallard does not assess risk" in content
    response = client.post(review_url(client_user, flagged), {"back": "overview"})
    assert response["Location"] == f"/clients/{client_user.pk}/overview/#questionnaires-heading"
    summary = " ".join(client.get(f"/sessions/{upcoming.pk}/summary/").content.decode().split())
    # Reviewed, it is no longer a flag, but the therapist preparing for the session still sees it.
    assert "not yet marked reviewed" not in summary
    assert (
        '<strong>Item 9 answered above 0 on <time datetime="2026-12-03">Thu 3 Dec 2026</time></strong>: '
        'reviewed by Alice Adeyemi on <time datetime="2026-12-06T17:00:00+00:00">Sun 6 Dec 2026, 17:00</time>'
        " (your time)."
    ) in summary
    assert f'href="/clients/{client_user.pk}/questionnaires/answers/{flagged.pk}/"' in summary


def test_the_summary_leaves_out_an_item9_answer_reviewed_before_its_period(
    client: Client, therapist: User, client_user: User
) -> None:
    """An answer given before the previous held session was there to talk through at that one."""
    earlier = respond(client_user, "phq9", 12, at=at(11, 20), item9=1)
    TherapySession.objects.create(
        therapist=therapist, client=client_user, starts_at=at(11, 25), status=SessionStatus.HELD
    )
    upcoming = TherapySession.objects.create(therapist=therapist, client=client_user, starts_at=at(12, 8))
    client.force_login(therapist)
    client.post(review_url(client_user, earlier), {"back": "overview"})
    summary = client.get(f"/sessions/{upcoming.pk}/summary/").content.decode()
    assert "Item 9 answered above 0" not in summary


def unreview_url(person: User, response: MeasureResponse) -> str:
    return f"/clients/{person.pk}/questionnaires/{response.pk}/item9-unreviewed/"


def test_the_overview_says_who_reviewed_an_item9_answer_and_when(
    client: Client, therapist: User, client_user: User
) -> None:
    flagged = respond(client_user, "phq9", 12, at=at(12, 3), item9=1)
    client.force_login(therapist)
    client.post(review_url(client_user, flagged), {"back": "overview"})
    text = " ".join(overview(client, client_user).split())
    assert (
        'Answered above 0 on <time datetime="2026-12-03">Thu 3 Dec 2026</time>: reviewed by Alice Adeyemi on '
        '<time datetime="2026-12-06T17:00:00+00:00">Sun 6 Dec 2026, 17:00</time>.'
    ) in text
    assert "review times are yours (Europe/London)" in text


def test_a_review_marked_by_mistake_can_be_undone_from_its_message(
    client: Client, therapist: User, client_user: User
) -> None:
    earlier = respond(client_user, "phq9", 5, at=at(11, 20), item9=1)
    flagged = respond(client_user, "phq9", 12, at=at(12, 3), item9=1)
    client.force_login(therapist)
    page = client.post(review_url(client_user, flagged), {"back": "overview"}, follow=True).content.decode()
    undo = f"{unreview_url(client_user, flagged)}?back=overview"
    assert f'action="{undo}"' in page
    response = client.post(undo)
    assert response["Location"] == f"/clients/{client_user.pk}/overview/#questionnaires-heading"
    for row in (earlier, flagged):  # both were marked in the one click, both are flagged again
        row.refresh_from_db()
        assert (row.item9_reviewed_at, row.item9_reviewed_by) == (None, None)
    content = overview(client, client_user)
    assert "waiting for review again" in content
    assert "Item 9 answered above 0 on <time" in content
    assert "Item 9 answers reviewed" not in content
    changes = AuditEntry.objects.filter(object_pk=str(flagged.pk), action=AuditEntry.Action.UPDATE)
    assert changes.count() == 2  # the review and its undoing
    # From the caseload, the undo goes back to the caseload.
    caseload = client.post(review_url(client_user, flagged), follow=True).content.decode()
    assert f'action="{unreview_url(client_user, flagged)}"' in caseload
    assert client.post(unreview_url(client_user, flagged))["Location"] == "/caseload/"


def test_undo_leaves_another_therapists_review_alone(
    client: Client, therapist: User, client_user: User, other_therapist: User
) -> None:
    flagged = respond(client_user, "phq9", 12, at=at(12, 3), item9=1)
    MeasureResponse.objects.filter(pk=flagged.pk).update(
        item9_reviewed_at=at(12, 4), item9_reviewed_by=other_therapist
    )
    client.force_login(therapist)
    response = client.post(unreview_url(client_user, flagged), follow=True)
    assert "not marked reviewed by you, so nothing was undone" in response.content.decode()
    flagged.refresh_from_db()
    assert flagged.item9_reviewed_by == other_therapist


def test_undo_refuses_another_therapists_client_get_and_anonymous(
    client: Client, therapist: User, client_user: User, other_therapist: User, other_client: User
) -> None:
    theirs = respond(other_client, "phq9", 12, item9=1)
    MeasureResponse.objects.filter(pk=theirs.pk).update(
        item9_reviewed_at=NOW, item9_reviewed_by=other_therapist
    )
    assert client.post(unreview_url(other_client, theirs))["Location"].startswith("/accounts/login/")
    client.force_login(therapist)
    assert client.post(unreview_url(other_client, theirs)).status_code == 404
    assert client.post(unreview_url(client_user, theirs)).status_code == 404
    assert client.get(unreview_url(other_client, theirs)).status_code == 405
    theirs.refresh_from_db()
    assert theirs.item9_reviewed_at == NOW


def test_review_refuses_another_therapists_client_and_a_response_without_item9(
    client: Client, therapist: User, client_user: User, other_therapist: User, other_client: User
) -> None:
    theirs = respond(other_client, "phq9", 12, item9=1)
    plain = respond(client_user, "phq9", 12)
    client.force_login(therapist)
    assert client.post(review_url(other_client, theirs)).status_code == 404
    assert client.post(review_url(client_user, theirs)).status_code == 404
    assert client.post(review_url(client_user, plain)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.item9_reviewed_at is None


def test_review_is_post_only_for_signed_in_therapists(
    client: Client, therapist: User, client_user: User
) -> None:
    flagged = respond(client_user, "phq9", 12, item9=1)
    assert client.post(review_url(client_user, flagged))["Location"].startswith("/accounts/login/")
    client.force_login(client_user)
    assert client.post(review_url(client_user, flagged)).status_code == 403
    client.force_login(therapist)
    assert client.get(review_url(client_user, flagged)).status_code == 405
    flagged.refresh_from_db()
    assert flagged.item9_reviewed_at is None


# --- The pre-session summary ------------------------------------------------------------------------


def test_the_summary_gives_latest_scores_change_and_recovery_in_words(
    client: Client, therapist: User, client_user: User
) -> None:
    course(therapist, client_user)
    upcoming = TherapySession.objects.create(therapist=therapist, client=client_user, starts_at=at(12, 8))
    client.force_login(therapist)
    content = client.get(f"/sessions/{upcoming.pk}/summary/").content.decode()
    section = " ".join(between(content, 'id="scores-heading"', "</section>").split())
    assert "<strong>PHQ-9 9</strong> (mild) on 1 Dec 2026." in section
    assert (
        "Since the first response (20 on 1 Nov 2026): down 11, a reliable improvement "
        "(6 points or more counts on the PHQ-9)."
    ) in section
    assert (
        "Since the previous session (14 on 15 Nov 2026): down 5, no reliable change "
        "(6 points or more counts on the PHQ-9)."
    ) in section
    assert (
        "Since the previous session (12 on 1 Nov 2026): down 6, a reliable improvement "
        "(4 points or more counts on the GAD-7)."
    ) in section
    assert "Recovered: a case at the first responses, and a case on neither questionnaire now." in section
    assert (
        "Reliable improvement: the PHQ-9 (down 11) and the GAD-7 (down 6) both improved reliably." in section
    )
    assert "Reliable recovery: recovered, and improved reliably." in section


def summary_words(client: Client, therapist: User, client_user: User) -> str:
    upcoming = TherapySession.objects.create(therapist=therapist, client=client_user, starts_at=at(12, 8))
    client.force_login(therapist)
    content = client.get(f"/sessions/{upcoming.pk}/summary/").content.decode()
    return " ".join(between(content, 'id="scores-heading"', "</section>").split())


def test_the_summary_names_what_keeps_a_client_from_recovery_and_a_reliable_deterioration(
    client: Client, therapist: User, client_user: User
) -> None:
    respond(client_user, "phq9", 20, at=at(11, 1))
    respond(client_user, "gad7", 5, at=at(11, 1))
    held(therapist, client_user, 11, 22)
    respond(client_user, "phq9", 12, at=at(12, 1))
    respond(client_user, "gad7", 10, at=at(12, 1))
    section = summary_words(client, therapist, client_user)
    assert (
        "Not recovered: a case at the first responses, and still a case now on the PHQ-9 (12; cut-off 10) "
        "and the GAD-7 (10; cut-off 8)."
    ) in section
    assert (
        "No reliable improvement: the PHQ-9 (down 8) improved reliably, but the GAD-7 (up 5) deteriorated reliably."
    ) in section
    assert "reliable recovery" not in section.lower()


def test_the_summary_says_recovered_without_a_reliable_improvement_and_no_change_plainly(
    client: Client, therapist: User, client_user: User
) -> None:
    respond(client_user, "phq9", 11, at=at(11, 1))
    respond(client_user, "gad7", 7, at=at(11, 1))
    held(therapist, client_user, 11, 22)
    respond(client_user, "phq9", 9, at=at(11, 15))
    respond(client_user, "gad7", 7, at=at(11, 15))
    section = summary_words(client, therapist, client_user)
    assert "Since the first response (7 on 1 Nov 2026): no change." in section
    assert "No new response since the previous session." in section
    assert "No reliable improvement: neither questionnaire changed reliably." in section
    assert "No reliable recovery: recovered, but without a reliable improvement." in section


def test_the_summary_says_how_many_responses_recovery_still_needs(
    client: Client, therapist: User, client_user: User
) -> None:
    held(therapist, client_user, 11, 22)
    respond(client_user, "phq9", 14, at=at(11, 25))
    respond(client_user, "phq9", 12, at=at(12, 1))
    respond(client_user, "gad7", 9, at=at(12, 1))
    section = summary_words(client, therapist, client_user)
    assert "Since the previous session: no response before it to compare with." in section
    assert (
        "Recovery is judged on both questionnaires, so it needs two responses or more to each; "
        "so far there are 2 PHQ-9 responses and 1 GAD-7 response."
    ) in section


def test_the_summary_says_when_recovery_does_not_apply(
    client: Client, therapist: User, client_user: User
) -> None:
    respond(client_user, "phq9", 8, at=at(11, 1))
    respond(client_user, "gad7", 6, at=at(11, 1))
    respond(client_user, "phq9", 2, at=at(12, 1))
    respond(client_user, "gad7", 1, at=at(12, 1))
    upcoming = TherapySession.objects.create(therapist=therapist, client=client_user, starts_at=at(12, 8))
    client.force_login(therapist)
    content = client.get(f"/sessions/{upcoming.pk}/summary/").content.decode()
    assert "so recovery does not apply." in " ".join(content.split())
    assert "Reliable recovery" not in content


# --- The client's own scores --------------------------------------------------------------------


def test_the_client_reads_their_scores_in_plain_words(client: Client, client_user: User) -> None:
    respond(client_user, "phq9", 14, at=at(12, 3))
    respond(client_user, "phq9", 18, at=at(11, 19))
    client.force_login(client_user)
    content = client.get("/my/scores/").content.decode()
    text = " ".join(content.split())
    assert 'Your PHQ-9 score was 14 on <time datetime="2026-12-03">3 December 2026</time>: moderate.' in text
    assert text.index("score was 14") < text.index("score was 18")  # newest first
    assert "You haven't filled in the GAD-7 yet." in text
    assert 'href="/my/scores/">Your scores</a>' in content


def test_the_client_reads_the_direction_of_each_score_with_the_therapists_reliable_change_rule(
    client: Client, client_user: User
) -> None:
    respond(client_user, "phq9", 20, at=at(11, 1))
    respond(client_user, "phq9", 13, at=at(11, 15))  # down 7: reliable on the PHQ-9 (6 or more)
    respond(client_user, "phq9", 15, at=at(11, 29))  # up 2: not reliable
    respond(client_user, "phq9", 15, at=at(12, 2))  # no change
    respond(client_user, "gad7", 5, at=at(11, 1))
    respond(client_user, "gad7", 9, at=at(12, 1))  # up 4: reliable on the GAD-7 (4 or more)
    client.force_login(client_user)
    text = " ".join(client.get("/my/scores/").content.decode().split())
    assert (
        'score was 13 on <time datetime="2026-11-15">15 November 2026</time>: moderate. '
        '<span class="score-direction">Lower than last time (down 7): lower means the problems bothered '
        "you less often.</span>"
    ) in text
    assert 'score was 15 on <time datetime="2026-11-29">29 November 2026</time>: moderately severe. ' in text
    assert "About the same as last time (2 higher).</span>" in text
    assert "About the same as last time.</span>" in text
    assert (
        "Higher than last time (up 4): higher means the problems bothered you more often. "
        "It may help to talk this through with your therapist."
    ) in text
    assert text.count('class="score-direction"') == 4  # none beside each questionnaire's first score
    assert "6 points or more on the PHQ-9, 4 or more on the GAD-7" in text


FIRST_PHQ9 = 'Since your first PHQ-9 on <time datetime="2026-11-03">3 November 2026</time>, your score '
FIRST_GAD7 = 'Since your first GAD-7 on <time datetime="2026-11-03">3 November 2026</time>, your score '


@pytest.mark.parametrize(
    ("instrument", "totals", "expected"),
    [
        pytest.param(
            "phq9",
            [16, 14, 11, 9],  # each step 2 or 3: "about the same as last time" every time
            FIRST_PHQ9 + "has gone down 7 points, from 16 to 9: the problems bothered you less often.",
            id="down-reliably",
        ),
        pytest.param(
            "gad7",
            [5, 7, 9],  # up 4: reliable on the GAD-7, though each step is 2
            FIRST_GAD7 + "has gone up 4 points, from 5 to 9: the problems bothered you more often. "
            "It may help to talk this through with your therapist.",
            id="up-reliably",
        ),
        pytest.param(
            "phq9",
            [16, 12, 11],  # down 5: under the PHQ-9's 6
            FIRST_PHQ9 + "is about the same, from 16 to 11 (5 lower).",
            id="about-the-same",
        ),
        pytest.param("gad7", [6, 9, 6], FIRST_GAD7 + "is the same as then: 6.", id="the-same"),
        pytest.param("phq9", [16], None, id="one-response"),
    ],
)
def test_the_client_reads_the_change_since_their_first_response_at_the_top(
    client: Client, client_user: User, instrument: str, totals: list[int], expected: str | None
) -> None:
    for week, total in enumerate(totals):
        respond(client_user, instrument, total, at=at(11, 3 + 7 * week))
    client.force_login(client_user)
    text = " ".join(client.get("/my/scores/").content.decode().split())
    if expected is None:
        assert "Since your first" not in text
        return
    assert f'<p class="score-overall">{expected}</p>' in text
    assert "than last time" not in text  # no single step was big enough to say so
    assert text.count("Since your first") == 1  # the other questionnaire has no responses
    # Above the list, so it is read before the newest score.
    assert text.index("Since your first") < text.index(f"score was {totals[-1]} on")


def test_the_change_since_the_first_stays_hidden_when_the_therapist_turns_scores_off(
    client: Client, client_user: User
) -> None:
    respond(client_user, "phq9", 16, at=at(11, 3))
    respond(client_user, "phq9", 9, at=at(12, 1))
    MeasureSettings.objects.create(client=client_user, show_scores_to_client=False)
    client.force_login(client_user)
    content = client.get("/my/scores/").content.decode()
    assert "Your therapist has chosen not to show questionnaire scores" in content
    assert "Since your first" not in content
    assert "from 16 to 9" not in content


def test_the_therapist_can_turn_the_clients_scores_off_and_on(
    client: Client, therapist: User, client_user: User
) -> None:
    respond(client_user, "gad7", 9, at=at(12, 3))
    viewer = Client()
    viewer.force_login(client_user)
    assert 'href="/my/scores/"' in viewer.get("/today/").content.decode()  # and now cached

    client.force_login(therapist)
    url = f"/clients/{client_user.pk}/questionnaires/visibility/"
    response = client.post(url, {"visible": "off", "back": "overview"})
    assert response["Location"] == f"/clients/{client_user.pk}/overview/#questionnaires-heading"
    assert MeasureSettings.objects.get(client=client_user).show_scores_to_client is False
    assert cache.get(scores_visible_key(client_user.pk)) is None
    off = viewer.get("/my/scores/")
    assert off.status_code == 200
    assert (
        "Your therapist has chosen not to show questionnaire scores in Mallard for now."
        in off.content.decode()
    )
    assert "Your PHQ-9 score was" not in off.content.decode()
    assert 'href="/my/scores/"' not in viewer.get("/today/").content.decode()
    assert "Show Carol Chen their scores" in overview(client, client_user)

    client.post(url, {"visible": "on"})
    assert viewer.get("/my/scores/").status_code == 200
    assert 'href="/my/scores/"' in viewer.get("/today/").content.decode()
    setting = MeasureSettings.objects.get(client=client_user)
    changes = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(MeasureSettings),
        object_pk=str(setting.pk),
        action=AuditEntry.Action.UPDATE,
        actor=therapist,
    )
    assert changes.count() == 2  # off, then on again


def test_a_bad_switch_value_changes_nothing(client: Client, therapist: User, client_user: User) -> None:
    client.force_login(therapist)
    response = client.post(
        f"/clients/{client_user.pk}/questionnaires/visibility/", {"visible": "maybe"}, follow=True
    )
    assert "Choose whether the client sees their scores" in response.content.decode()
    assert not MeasureSettings.objects.filter(client=client_user).exists()


def test_the_switch_refuses_another_therapists_client_get_and_anonymous(
    client: Client, therapist: User, client_user: User, other_client: User
) -> None:
    url = f"/clients/{other_client.pk}/questionnaires/visibility/"
    assert client.post(url, {"visible": "off"})["Location"].startswith("/accounts/login/")
    client.force_login(therapist)
    assert client.post(url, {"visible": "off"}).status_code == 404
    assert client.get(f"/clients/{client_user.pk}/questionnaires/visibility/").status_code == 405
    assert not MeasureSettings.objects.exists()


def test_the_scores_page_is_for_clients_and_get_only(
    client: Client, therapist: User, client_user: User
) -> None:
    assert client.get("/my/scores/")["Location"].startswith("/accounts/login/")
    client.force_login(therapist)
    assert client.get("/my/scores/").status_code == 403
    client.force_login(client_user)
    assert client.post("/my/scores/").status_code == 405
