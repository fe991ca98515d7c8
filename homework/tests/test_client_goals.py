"""/homework/goals/: the client's goals with their ratings over time, and rating an active goal."""

from __future__ import annotations

import importlib
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from homework import services
from homework.models import Goal, GoalRating, GoalStatus
from mallard.models import User
from mallard.tests.helpers import field_error

pytestmark = pytest.mark.django_db

URL = "/homework/goals/"


def rate_url(goal: Goal) -> str:
    return f"/homework/goals/{goal.pk}/rate/"


def described(content: str) -> str:
    """The chart's text alternative, with when the ratings were given as ``{}``."""
    found = re.search(r"<desc [^>]*>(.*?) The table below", content)
    assert found, "no text alternative"
    return re.sub(r"given (on|from) [^;]+;", "given {};", found.group(1))


@pytest.fixture
def goal(therapist: User, client_user: User) -> Goal:
    """Set in a session a week ago, rated 2 then."""
    goal = services.create_goal(
        client=client_user, created_by=therapist, text="Speak up in meetings", rating=2
    )
    GoalRating.objects.filter(goal=goal).update(rated_at=timezone.now() - timedelta(days=7))
    return goal


@pytest.fixture
def other_goal(other_therapist: User, other_client: User) -> Goal:
    return services.create_goal(client=other_client, created_by=other_therapist, text="Dave's goal", rating=5)


@pytest.fixture
def signed_in(client: Client, client_user: User) -> Client:
    client.force_login(client_user)
    return client


def test_it_shows_goals_with_a_chart_and_a_text_alternative(
    signed_in: Client, goal: Goal, client_user: User
) -> None:
    services.rate_goal(goal=goal, rating=6, note="Spoke once", rated_by=client_user)
    content = signed_in.get(URL).content.decode()
    assert "Speak up in meetings" in content
    assert "Working on it" in content
    assert "<svg" in content and 'role="img"' in content and "<title" in content and "<desc" in content
    assert described(content) == "2 ratings from 0 to 10, given {}; first 2, latest 6."
    assert "<polyline" in content
    assert "Spoke once" in content  # in the table of ratings
    assert "0 = not at all, 10 = fully there" in content


def test_it_offers_the_rating_form_only_for_active_goals(
    signed_in: Client, goal: Goal, therapist: User, client_user: User
) -> None:
    done = services.create_goal(client=client_user, created_by=therapist, text="Walk daily")
    services.set_goal_status(goal=done, status=GoalStatus.ACHIEVED)
    content = signed_in.get(URL).content.decode()
    assert rate_url(goal) in content
    assert rate_url(done) not in content
    assert "Achieved" in content


def test_it_has_an_empty_state(signed_in: Client) -> None:
    assert "No goals yet." in signed_in.get(URL).content.decode()


def test_it_shows_only_the_clients_own_goals(signed_in: Client, other_goal: Goal) -> None:
    assert "Dave" not in signed_in.get(URL).content.decode()


def test_rating_a_goal_saves_it(signed_in: Client, goal: Goal, client_user: User) -> None:
    prefix = f"goal-{goal.pk}"
    response = signed_in.post(
        rate_url(goal), {f"{prefix}-rating": "7", f"{prefix}-note": " better "}, follow=True
    )
    assert response.redirect_chain[-1] == (URL, 302)
    rating = goal.ratings.order_by("-pk").first()
    assert rating is not None
    assert (rating.rating, rating.note, rating.rated_by) == (7, "better", client_user)
    assert "Your rating is saved." in response.content.decode()


def test_a_second_rating_the_same_day_replaces_the_first(
    signed_in: Client, goal: Goal, client_user: User
) -> None:
    """Tuesday 8 December in London: 09:00 and 23:30 are the same day; the next morning is not."""
    prefix = f"goal-{goal.pk}"
    with time_machine.travel(datetime(2026, 12, 8, 9, 0, tzinfo=UTC), tick=False):
        signed_in.force_login(client_user)  # signed in at each moment (idle sign-out)
        signed_in.post(rate_url(goal), {f"{prefix}-rating": "4", f"{prefix}-note": "first go"}, follow=True)
    with time_machine.travel(datetime(2026, 12, 8, 23, 30, tzinfo=UTC), tick=False):
        signed_in.force_login(client_user)
        response = signed_in.post(
            rate_url(goal), {f"{prefix}-rating": "6", f"{prefix}-note": ""}, follow=True
        )
    content = response.content.decode()
    assert "Updated today&#x27;s rating." in content
    assert "Your rating is saved." not in content
    assert list(goal.ratings.order_by("rated_at").values_list("rating", "note")) == [(2, ""), (6, "")]
    assert described(content) == "2 ratings from 0 to 10, given {}; first 2, latest 6."
    with time_machine.travel(datetime(2026, 12, 9, 7, 0, tzinfo=UTC), tick=False):
        signed_in.force_login(client_user)
        response = signed_in.post(
            rate_url(goal), {f"{prefix}-rating": "7", f"{prefix}-note": ""}, follow=True
        )
    assert "Your rating is saved." in response.content.decode()
    assert goal.ratings.count() == 3


def test_a_goal_rated_today_says_so_and_fills_the_form_in(
    signed_in: Client, goal: Goal, client_user: User
) -> None:
    """Wednesday 9 December, 23:30 in London: rated today; the next day the form is empty again."""
    prefix = f"goal-{goal.pk}"
    with time_machine.travel(datetime(2026, 12, 9, 23, 30, tzinfo=UTC), tick=False):
        signed_in.force_login(client_user)
        assert "Rate it today" in signed_in.get(URL).content.decode()
        signed_in.post(rate_url(goal), {f"{prefix}-rating": "8", f"{prefix}-note": "spoke twice"})
        content = signed_in.get(URL).content.decode()
        assert "Change today's rating" in content
        assert "You rated it 8 out of 10 today. Saving again replaces that rating." in content
        assert f'name="{prefix}-rating" value="8"' in content
        assert 'value="spoke twice"' in content
    with time_machine.travel(datetime(2026, 12, 10, 7, 0, tzinfo=UTC), tick=False):
        signed_in.force_login(client_user)
        content = signed_in.get(URL).content.decode()
        assert "Rate it today" in content
        assert "You rated it" not in content
        assert f'name="{prefix}-rating" value=' not in content


def test_the_chart_shows_one_point_a_day_for_ratings_made_twice_that_day_before(
    signed_in: Client, goal: Goal, client_user: User
) -> None:
    GoalRating.objects.create(goal=goal, rating=3, rated_by=client_user)
    GoalRating.objects.create(goal=goal, rating=5, rated_by=client_user)
    content = signed_in.get(URL).content.decode()
    assert described(content) == "2 ratings from 0 to 10, given {}; first 2, latest 5."
    assert content.count('<circle class="goal-point"') == 2


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("11", "Give a rating from 0 to 10."),
        ("-1", "Give a rating from 0 to 10."),
        ("", "Give a rating from 0 to 10."),
        ("lots", "Enter a whole number."),
    ],
)
def test_a_bad_rating_shows_the_error_beside_the_field_and_keeps_the_note(
    signed_in: Client, goal: Goal, value: str, error: str
) -> None:
    prefix = f"goal-{goal.pk}"
    response = signed_in.post(rate_url(goal), {f"{prefix}-rating": value, f"{prefix}-note": "my note"})
    assert response.status_code == 200
    assert error in field_error(response, f"{prefix}-rating")
    assert 'value="my note"' in response.content.decode()
    assert goal.ratings.count() == 1


def test_a_goal_no_longer_active_cannot_be_rated(signed_in: Client, goal: Goal) -> None:
    services.set_goal_status(goal=goal, status=GoalStatus.SET_ASIDE)
    prefix = f"goal-{goal.pk}"
    response = signed_in.post(rate_url(goal), {f"{prefix}-rating": "5"}, follow=True)
    assert "no longer being worked on" in response.content.decode()
    assert goal.ratings.count() == 1


def test_rating_another_clients_goal_is_404_and_writes_nothing(signed_in: Client, other_goal: Goal) -> None:
    prefix = f"goal-{other_goal.pk}"
    assert signed_in.post(rate_url(other_goal), {f"{prefix}-rating": "9"}).status_code == 404
    assert GoalRating.objects.filter(goal=other_goal).count() == 1


def test_wrong_methods(signed_in: Client, goal: Goal) -> None:
    assert signed_in.get(rate_url(goal)).status_code == 405
    assert signed_in.post(URL).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, goal: Goal) -> None:
    for response in (client.get(URL), client.post(rate_url(goal), {f"goal-{goal.pk}-rating": "5"})):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert goal.ratings.count() == 1


def test_the_therapist_is_forbidden(client: Client, therapist: User, goal: Goal) -> None:
    client.force_login(therapist)
    assert client.get(URL).status_code == 403
    assert client.post(rate_url(goal), {f"goal-{goal.pk}-rating": "5"}).status_code == 403
    assert goal.ratings.count() == 1


@pytest.mark.parametrize("n", [2, 12])
def test_its_query_count_does_not_grow_with_goals(
    signed_in: Client, therapist: User, client_user: User, django_assert_max_num_queries: object, n: int
) -> None:
    for i in range(n):
        g = services.create_goal(client=client_user, created_by=therapist, text=f"Goal {i}", rating=i % 11)
        services.rate_goal(goal=g, rating=5, rated_by=client_user)
    signed_in.get(URL)
    with django_assert_max_num_queries(9):  # type: ignore[operator]
        assert signed_in.get(URL).status_code == 200


def test_a_note_too_long_says_how_long_it_is_and_keeps_it(signed_in: Client, goal: Goal) -> None:
    prefix = f"goal-{goal.pk}"
    note = "n" * 501
    response = signed_in.post(rate_url(goal), {f"{prefix}-rating": "6", f"{prefix}-note": note})
    assert field_error(response, f"{prefix}-note") == (
        "This is 501 characters long; the limit is 500. Please shorten it: everything you typed is still here."
    )
    assert note in response.content.decode()
    assert goal.ratings.count() == 1


# --- The starting rating is the baseline ----------------------------------------------------------


def test_a_rating_the_day_the_goal_is_set_keeps_the_therapists_starting_rating(
    signed_in: Client, therapist: User, client_user: User
) -> None:
    """Set in the session at 10:00 with a starting 2; the client rates it 5 that evening, then 6."""
    with time_machine.travel(datetime(2026, 12, 8, 10, 0, tzinfo=UTC), tick=False):
        goal = services.create_goal(client=client_user, created_by=therapist, text="Sleep by 11", rating=2)
    prefix = f"goal-{goal.pk}"
    for hour, value in ((19, "5"), (21, "6")):
        with time_machine.travel(datetime(2026, 12, 8, hour, 0, tzinfo=UTC), tick=False):
            signed_in.force_login(client_user)
            response = signed_in.post(
                rate_url(goal), {f"{prefix}-rating": value, f"{prefix}-note": ""}, follow=True
            )
    content = response.content.decode()
    assert "Updated today&#x27;s rating." in content
    ratings = list(goal.ratings.order_by("rated_at").values_list("rating", "rated_by", "is_starting"))
    assert ratings == [(2, therapist.pk, True), (6, client_user.pk, False)]
    assert described(content) == "2 ratings from 0 to 10, given {}; first 2, latest 6."
    assert "given on 8 Dec 2026;" in content
    assert content.count('<circle class="goal-point"') == 2
    assert re.findall(r'text-anchor="\w+">([^<]+)</text>', content) == ["8 Dec 2026"]  # one day, one date
    assert "8 Dec 2026, starting rating</th><td>2</td>" in content


def test_the_first_client_rating_that_day_is_saved_beside_the_starting_one(
    therapist: User, client_user: User
) -> None:
    goal = services.create_goal(client=client_user, created_by=therapist, text="Sleep by 11", rating=2)
    rating, replaced = services.rate_goal(goal=goal, rating=5, rated_by=client_user)
    assert not replaced
    assert not rating.is_starting
    assert GoalRating.objects.get(goal=goal, is_starting=True).rating == 2


def test_the_migration_marks_the_therapists_first_rating_as_the_starting_one(
    therapist: User, client_user: User
) -> None:
    from django.apps import apps

    migration = importlib.import_module("homework.migrations.0013_goals_keep_their_starting_rating")
    kept = services.create_goal(client=client_user, created_by=therapist, text="Walk", rating=3)
    services.rate_goal(goal=kept, rating=4, rated_by=client_user)
    replaced = services.create_goal(client=client_user, created_by=therapist, text="Read", rating=1)
    services.rate_goal(goal=replaced, rating=5, rated_by=client_user)
    GoalRating.objects.filter(goal=replaced, is_starting=True).delete()  # replaced before the rule
    GoalRating.objects.update(is_starting=False)
    migration.mark_starting_ratings(apps, None)
    assert list(GoalRating.objects.filter(is_starting=True).values_list("goal", "rating")) == [(kept.pk, 3)]


def test_a_starting_rating_given_today_is_not_the_clients_rating_of_today(
    signed_in: Client, therapist: User, client_user: User
) -> None:
    """The therapist set the goal with a starting rating this morning: the client has not rated it."""
    with time_machine.travel(datetime(2026, 12, 9, 9, 0, tzinfo=UTC), tick=False):
        goal = services.create_goal(client=client_user, created_by=therapist, text="Walk to work", rating=3)
        signed_in.force_login(client_user)
        content = signed_in.get(URL).content.decode()
    assert "Rate it today" in content
    assert "You rated it" not in content
    assert f'name="goal-{goal.pk}-rating" value=' not in content


def test_the_chart_dates_its_x_axis_on_the_clients_calendar(
    signed_in: Client, therapist: User, client_user: User
) -> None:
    # 02:00 UTC on 10 June is still 9 June in New York, the client's zone.
    with time_machine.travel(datetime(2026, 6, 10, 2, 0, tzinfo=UTC), tick=False):
        goal = services.create_goal(client=client_user, created_by=therapist, text="Walk daily", rating=1)
    for day in range(11, 21):
        with time_machine.travel(datetime(2026, 6, day, 16, 0, tzinfo=UTC), tick=False):
            services.rate_goal(goal=goal, rating=day - 10, rated_by=client_user)
    with time_machine.travel(datetime(2026, 6, 20, 17, 0, tzinfo=UTC), tick=False):
        content = signed_in.get(URL).content.decode()
    assert 'text-anchor="start">9 Jun 2026</text>' in content
    assert 'text-anchor="end">20 Jun 2026</text>' in content
    middle = re.findall(r'text-anchor="middle">([^<]+)</text>', content)
    assert middle == ["15 Jun 2026"]  # halfway along the 11 points
    # The text alternative says the same dates.
    assert "11 ratings from 0 to 10, given from 9 Jun 2026 to 20 Jun 2026; first 1, latest 10." in content
    assert 'viewBox="0 0 300 128"' in content
