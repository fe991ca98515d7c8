"""/notifications/: the person's own list, "Mark all as read", and the navbar's unread count."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.template import Context, RequestContext, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from homework import services as homework
from homework.tests.conftest import make_assignment
from reminders import inbox
from reminders.context_processors import unread_notifications
from reminders.models import Notification

pytestmark = pytest.mark.django_db

LIST = reverse("reminders-notifications")
READ = reverse("reminders-notifications-read")


def open_url(notification: Notification) -> str:
    return reverse("reminders-notification-open", args=[notification.pk])


def notify(user, n: int = 1, *, read: bool = False, url: str = "/today/", start=None) -> list[Notification]:
    start = start or timezone.now() - timedelta(hours=n)
    return [
        Notification.objects.create(
            user=user,
            text=f"You have a practice activity planned ({i})",
            url=url,
            created_at=start + timedelta(minutes=i),
            read_at=timezone.now() if read else None,
        )
        for i in range(n)
    ]


def test_list_shows_own_notifications_newest_first_with_unread_marked(client, client_user, other_client):
    notify(client_user, 1, read=True, start=timezone.now() - timedelta(days=2))
    notify(client_user, 2)
    notify(other_client, 1, url="/secret/")
    client.force_login(client_user)
    response = client.get(LIST)
    assert response.status_code == 200
    rows = [row.notification for row in response.context["rows"]]
    assert [n.user for n in rows] == [client_user] * 3
    assert rows == sorted(rows, key=lambda n: n.created_at, reverse=True)
    body = response.content.decode()
    assert body.count("notification-unread") == 2
    assert body.count(">New<") == 2  # not colour alone
    assert "/secret/" not in body
    assert "Mark all as read" in body


def test_list_is_paginated(client, client_user):
    notify(client_user, inbox.PAGE_SIZE + 3)
    client.force_login(client_user)
    first = client.get(LIST)
    assert len(first.context["rows"]) == inbox.PAGE_SIZE
    second = client.get(LIST, {"page": 2})
    assert len(second.context["rows"]) == 3
    assert client.get(LIST, {"page": "nonsense"}).status_code == 200


def test_empty_list_says_so_without_a_mark_read_button(client, therapist):
    client.force_login(therapist)
    body = client.get(LIST).content.decode()
    assert "No notifications yet" in body
    assert "Mark all as read" not in body


def test_only_links_that_stay_on_mallard_are_linked(client, client_user):
    notify(client_user, 1, url="javascript:alert(1)")
    notify(client_user, 1, url="https://evil.example/")
    client.force_login(client_user)
    body = client.get(LIST).content.decode()
    assert "javascript:" not in body
    assert "evil.example" not in body


def test_each_link_is_an_open_button_that_marks_it_read_and_goes_there(client, client_user):
    (notification,) = notify(client_user, 1, url="/homework/12/")
    client.force_login(client_user)
    body = client.get(LIST).content.decode()
    assert f'<form method="post" action="{open_url(notification)}"' in body
    assert 'href="/homework/12/"' not in body  # a GET must write nothing: no plain link to follow
    response = client.post(open_url(notification))
    assert response.status_code == 302
    assert response["Location"] == "/homework/12/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    read_at = notification.read_at
    client.post(open_url(notification))  # opened again: it stays read since the first time
    notification.refresh_from_db()
    assert notification.read_at == read_at


def test_opening_a_notification_whose_link_leaves_mallard_stays_on_the_list(client, client_user):
    (notification,) = notify(client_user, 1, url="https://evil.example/")
    client.force_login(client_user)
    response = client.post(open_url(notification))
    assert response["Location"] == LIST
    assert Notification.objects.get(pk=notification.pk).read_at is not None


def test_opening_needs_post_and_ones_own_notification(client, client_user, other_client):
    (mine,) = notify(client_user, 1)
    (theirs,) = notify(other_client, 1)
    assert client.post(open_url(mine))["Location"].startswith("/accounts/login/")
    client.force_login(client_user)
    assert client.get(open_url(mine)).status_code == 405
    assert client.post(open_url(theirs)).status_code == 404
    assert Notification.objects.filter(read_at__isnull=True).count() == 2


def test_list_needs_signing_in(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_list_refuses_post(client, client_user):
    client.force_login(client_user)
    assert client.post(LIST).status_code == 405


@pytest.mark.parametrize("rows", [2, 12])
def test_list_query_count_does_not_grow_with_rows(
    client, client_user, therapist, rows, django_assert_max_num_queries
):
    notify(client_user, rows)
    for _ in range(rows // 2):
        make_assignment(therapist, client_user)
    client.force_login(client_user)
    client.get(LIST)  # the first request of a session records the signed-in device
    # Six for the session and signed-in device, then the unread COUNT, the page COUNT, the page and
    # the titles of the assignments the news is about.
    with django_assert_max_num_queries(10):
        assert client.get(LIST).status_code == 200


def test_news_names_the_clients_own_assignment_inside_the_app_only(client, client_user, therapist):
    assignment = make_assignment(therapist, client_user, title="Paced breathing")
    homework.update_assignment(assignment=assignment, estimated_minutes=5)
    stored = Notification.objects.filter(user=client_user)
    assert {n.text for n in stored} == {
        "Your therapist added something to practise.",
        "Your therapist changed something you practise.",
    }  # the row keeps no title
    client.force_login(client_user)
    body = client.get(LIST).content.decode()
    assert "Your therapist added “Paced breathing” for you to practise." in body
    assert "Your therapist changed “Paced breathing”." in body


def test_a_notification_pointing_at_someone_elses_assignment_names_nothing(
    client, client_user, other_client, other_therapist
):
    theirs = make_assignment(other_therapist, other_client, title="Not yours")
    Notification.objects.create(
        user=client_user,
        text="Your therapist added something to practise.",
        news="assigned",
        assignment=theirs,
    )
    client.force_login(client_user)
    body = client.get(LIST).content.decode()
    assert "Not yours" not in body
    assert "Your therapist added something to practise." in body


def test_mark_all_read_marks_only_own_unread(client, client_user, other_client):
    mine = notify(client_user, 3)
    theirs = notify(other_client, 2)
    client.force_login(client_user)
    response = client.post(READ)
    assert response.status_code == 302
    assert response["Location"] == LIST
    assert not Notification.objects.filter(pk__in=[n.pk for n in mine], read_at__isnull=True).exists()
    assert Notification.objects.filter(pk__in=[n.pk for n in theirs], read_at__isnull=True).count() == 2


def test_mark_all_read_keeps_earlier_read_times(client, client_user):
    (old,) = notify(client_user, 1, read=True)
    client.force_login(client_user)
    client.post(READ)
    assert Notification.objects.get(pk=old.pk).read_at == old.read_at


def test_mark_read_needs_post(client, client_user):
    notify(client_user, 1)
    client.force_login(client_user)
    assert client.get(READ).status_code == 405
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_mark_read_needs_signing_in(client, client_user):
    notify(client_user, 1)
    response = client.post(READ)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


# --- The navbar count ------------------------------------------------------------------------------


def request_for(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.mark.parametrize("rows", [2, 12])
def test_unread_count_is_one_query_however_many_rows(client_user, rows):
    notify(client_user, rows)
    notify(client_user, 3, read=True)
    request = request_for(client_user)
    with CaptureQueriesContext(connection) as queries:
        rendered = Template("{{ unread_notifications }} {{ unread_notifications }}").render(
            RequestContext(request, {})
        )
        again = unread_notifications(request)["unread_notifications"]
        assert int(str(again)) == rows  # cached on the request
    assert rendered == f"{rows} {rows}"
    assert len(queries) == 1
    assert "COUNT" in queries[0]["sql"].upper()


def test_unread_count_runs_no_query_unless_a_page_shows_it(client_user):
    request = request_for(client_user)
    with CaptureQueriesContext(connection) as queries:
        Template("nothing here").render(RequestContext(request, {}))
    assert len(queries) == 0


def test_unread_count_is_zero_without_a_query_when_signed_out():
    from django.contrib.auth.models import AnonymousUser

    request = request_for(AnonymousUser())
    with CaptureQueriesContext(connection) as queries:
        rendered = Template("{% if unread_notifications %}bell{% else %}none{% endif %}").render(
            RequestContext(request, {})
        )
    assert rendered == "none"
    assert len(queries) == 0


def test_unread_count_works_in_comparisons(client_user):
    notify(client_user, 2)
    context = RequestContext(request_for(client_user), {})
    assert Template("{% if unread_notifications > 1 %}many{% endif %}").render(context) == "many"
    assert Template("x").render(Context({})) == "x"


def test_the_closed_menu_on_a_phone_shows_how_many_are_unread(client, client_user, therapist):
    """On a narrow screen the navigation is folded behind its button: the count of unread
    notifications shows on the button, and its accessible name says it."""
    notify(client_user, 2)
    client.force_login(client_user)
    body = client.get("/today/").content.decode()
    assert 'aria-label="Show navigation, unread notifications: 2"' in body
    assert (
        '<span class="badge rounded-pill text-bg-light ms-1 align-middle" aria-hidden="true">2</span>' in body
    )
    notify(client_user, 1, read=True)
    Notification.objects.filter(user=client_user).update(read_at=timezone.now())
    body = client.get("/today/").content.decode()
    assert 'aria-label="Show navigation"' in body
    client.force_login(therapist)
    assert 'aria-label="Show navigation"' in client.get("/caseload/").content.decode()
