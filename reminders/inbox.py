"""In-app notifications: the person's own list, the unread count, marking them read.

Notifications are written by the in-app channel and by news from the therapist;
this module only reads them for their owner and marks them read. Like e-mail,
the rows never carry clinical content; the signed-in list names the client's
own assignment a piece of news is about, read when the list is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.http import Http404
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from homework.access import assignment_titles_for_client, get_entry_for_client
from homework.hooks import News
from homework.services import mark_feedback_read
from mallard.models import User
from reminders.models import Notification

PAGE_SIZE = 20


def unread_count(user: User) -> int:
    """How many of the person's notifications are unread: one COUNT on the partial index."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_page(user: User, page_number: str | int | None) -> Page[Notification]:
    """One page of the user's notifications, newest first (a COUNT and one SELECT)."""
    rows = Notification.objects.filter(user=user).order_by("-created_at", "-pk")
    return Paginator(rows, PAGE_SIZE).get_page(page_number)


@dataclass(frozen=True)
class Row:
    """One notification as the list shows it: its link if it stays on Mallard, and the title of the
    client's assignment it is about ("" when it is about none, or none of the person's own)."""

    notification: Notification
    link: str
    title: str


def rows_of(user: User, page: Page[Notification]) -> list[Row]:
    """The page's notifications with their links and titles: one query for the titles, read through
    ``homework.access`` so only the person's own assignments are named."""
    about = [n.assignment_id for n in page if n.assignment_id is not None]
    titles = assignment_titles_for_client(user, about) if about else {}
    return [Row(n, safe_link(n), titles.get(n.assignment_id or 0, "")) for n in page]


def safe_link(notification: Notification) -> str:
    """The notification's link if it stays on Mallard, else ""."""
    url = notification.url
    hosts = set(settings.ALLOWED_HOSTS)
    site_host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]
    hosts.add(site_host)
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts=hosts, require_https=False):
        return url
    return ""


@transaction.atomic
def mark_all_read(*, user: User) -> int:
    """Mark every unread notification of ``user`` read; returns how many changed."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def open_notification(*, user: User, notification: Notification) -> None:
    """Mark one notification read. News of feedback marks the feedback read as well: the client
    opens it to read it, so Today and the entry stop calling it new (``homework.hooks.news_read``
    marks the notification read the other way round)."""
    notification.mark_read()
    if notification.news != News.FEEDBACK:
        return
    try:
        match = resolve(notification.url)
        if match.url_name != "homework-entry":
            return
        entry = get_entry_for_client(user, int(match.kwargs["entry_id"]))
    except (Resolver404, Http404):
        return  # the entry is gone, or the link is not an entry's
    mark_feedback_read(entry=entry)
