"""Telling a client that their therapist did something for them: new homework, changed homework, feedback.

Homework's services call ``on_client_told`` (registered in ``homework.hooks.client_told``) inside their
atomic block. It writes, in that transaction:

- an in-app ``Notification`` with a link to what changed and the assignment it is about (if the
  client has in-app messages on); the list names the assignment, the row holds no title;
- a ``Reminder`` row of kind ``news`` on the e-mail channel (if reminders and e-mail are on), due
  now, or when the client's quiet hours end. One pending e-mail per client and kind of news: three
  assignments in a row make one e-mail, not three. News within ``EMAIL_GAP`` of the last e-mail of
  its kind is not dropped but waits: its e-mail is due when the gap ends (or when quiet hours end,
  if the gap ends inside them), and any more news of the kind until then joins it. The row keeps
  what it tells about (``Reminder.news_about``). News joins an e-mail only while it waits: news
  that comes while one is being sent, whose send-time check may already have been made, gets an
  e-mail of its own, ``EMAIL_GAP`` later, so it is neither lost when that e-mail is skipped nor
  taken as told by an e-mail that left before it.

The same news about the same thing again (feedback edited to fix a typo) while its notification is
still unread moves that notification to the top instead of adding another, and sends no e-mail:
the client has not looked yet. ``on_news_withdrawn`` (``homework.hooks.news_withdrawn``) removes the
unread notification of news that is gone (feedback removed), ``on_news_restored``
(``homework.hooks.news_restored``) puts it back when that removal is undone, and ``on_news_read``
(``homework.hooks.news_read``) marks read the notification of feedback the client has read.

The dispatcher sends the row through the e-mail channel like any reminder once it is due (a row
due now wakes it after the commit; a later one waits for its beat), after ``reminders.policy`` has
checked the client's choices once more (on/off, e-mail and quiet hours; the daily limit counts
practice reminders only) and that the news it tells still holds: one of its feedbacks is still
unread, one of its new or changed assignments still active. Neither message carries clinical
content: no titles, no worksheet text, only "Your therapist added something to practise" and a link.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from homework.hooks import News
from mallard.after_commit import once_on_commit
from mallard.models import User
from reminders.models import Channel, Notification, Reminder, ReminderKind, ReminderStatus
from reminders.planning import preferences_of, send_at

logger = logging.getLogger(__name__)

# What the notification and the e-mail say. The same words for every client; never a title.
HEADLINES: dict[News, str] = {
    News.ASSIGNED: "Your therapist added something to practise.",
    News.CHANGED: "Your therapist changed something you practise.",
    News.FEEDBACK: "Your therapist left feedback on something you wrote.",
}
SUBJECTS: dict[News, str] = {
    News.ASSIGNED: "Your therapist added something to practise",
    News.CHANGED: "Your therapist changed something you practise",
    News.FEEDBACK: "Your therapist left you feedback",
}
KEY_PREFIX = "news"
# After a news e-mail, the next one of the same kind is due no sooner than this (news is never dropped).
EMAIL_GAP = timedelta(minutes=15)


def key_prefix(client: User, news: News) -> str:
    """The start of the idempotency key of every row of one kind of news to one client."""
    return f"{KEY_PREFIX}:{news.value}:{client.pk}:"


def news_key(client: User, news: News) -> str:
    """A fresh idempotency key; its second part names the kind of news (read back by ``news_of``)."""
    return key_prefix(client, news) + uuid.uuid4().hex


def news_of(reminder: Reminder) -> News:
    """Which kind of news a ``news`` reminder row carries (from its key)."""
    try:
        return News(reminder.idempotency_key.split(":")[1])
    except (IndexError, ValueError):
        return News.ASSIGNED


def on_client_told(client: User, news: News, link: str, assignment_id: int, about_id: int) -> None:
    """Write the notification and plan the e-mail. Runs inside the homework service's transaction."""
    if not client.is_active:
        return
    preferences = preferences_of(client)
    now = timezone.now()
    if preferences.in_app_enabled:
        if _unread(client, news, link).update(created_at=now):
            return  # the client has not looked at the same news yet: it moves to the top, no e-mail
        _notification(client, news, link, assignment_id, now)
    if not (preferences.enabled and preferences.email_enabled and client.email):
        return
    due_at = _email_due_at(client, news, about_id, now)
    if due_at is None:
        return  # it joined the e-mail that waits
    Reminder.objects.create(
        user=client,
        kind=ReminderKind.NEWS,
        channel=Channel.EMAIL,
        due_at=due_at,
        idempotency_key=news_key(client, news),
        news_about=[about_id],
        created_at=now,
        updated_at=now,
    )
    if due_at <= now:
        once_on_commit("wake_dispatcher", wake_dispatcher)  # one wake-up per commit, however much news


def _email_due_at(client: User, news: News, about: int, now: datetime) -> datetime | None:
    """When a new e-mail about this kind of news is due, or None when the news joined one that waits.

    News joins a pending e-mail of its kind, whose send-time check is still to come: the row is
    locked (``FOR NO KEY UPDATE``, reminders' rows last, after the homework writes, as in
    docs/architecture.md "Lock order") and ``about`` added to what it tells. It never joins one
    being sent, whose check may already have been made, nor one the dispatcher claims first (the
    lock waits for the claim, which then leaves the row no longer pending): the news gets an e-mail
    of its own. That is due now, or ``EMAIL_GAP`` after the last e-mail of the kind sent within the
    gap (or after now, for one being sent); either moved to the end of the client's quiet hours when
    it falls inside them. One query, two more to join."""
    told = Reminder.objects.filter(
        user=client, kind=ReminderKind.NEWS, idempotency_key__startswith=key_prefix(client, news)
    )
    waiting_or_recent = Q(status__in=[ReminderStatus.PENDING, ReminderStatus.SENDING]) | Q(
        status=ReminderStatus.SENT, sent_at__gt=now - EMAIL_GAP
    )
    rows = list(told.filter(waiting_or_recent).values_list("pk", "status", "sent_at"))
    waiting = [pk for pk, status, _ in rows if status == ReminderStatus.PENDING]
    if waiting and _join(told.filter(pk__in=waiting), about, now):
        return None
    # Claimed since it was read (the join found it so): being sent now, like a ``sending`` row.
    last = [now] if waiting else []
    last += [sent_at or now for _, status, sent_at in rows if status != ReminderStatus.PENDING]
    return send_at(client, max(last) + EMAIL_GAP if last else now)


def _join(waiting: QuerySet[Reminder], about: int, now: datetime) -> bool:
    """Add ``about`` to the first of ``waiting`` that is still pending once locked; False if none is."""
    row = (
        waiting.select_for_update(no_key=True)
        .filter(status=ReminderStatus.PENDING)
        .order_by("pk")
        .only("pk", "news_about")
        .first()
    )
    if row is None:
        return False
    if not row.news_about:
        return True  # a row planned before e-mails kept what they tell: it tells all news since the last
    told = sorted({*row.news_about, about})
    if told != row.news_about:
        Reminder.objects.filter(pk=row.pk).update(news_about=told, updated_at=now)
    return True


def on_news_withdrawn(client: User, news: News, link: str) -> None:
    """What the client was told about is gone: its unread notification goes too (read ones are history)."""
    _unread(client, news, link).delete()


def on_news_restored(client: User, news: News, link: str, assignment_id: int, told_at: datetime) -> None:
    """Withdrawn news is back, unread (the therapist undid removing their feedback): its notification
    comes back, dated when the client was first told, if in-app messages are on and none is unread
    already. No e-mail: the client was told once, and an e-mail still waiting checks at its send
    time that the feedback is unread, as for any feedback."""
    if (
        not client.is_active
        or not preferences_of(client).in_app_enabled
        or _unread(client, news, link).exists()
    ):
        return
    _notification(client, news, link, assignment_id, told_at)


def _notification(client: User, news: News, link: str, assignment_id: int, at: datetime) -> None:
    """The in-app notification of ``news``: the same words for every client, never a title."""
    Notification.objects.create(
        user=client,
        text=HEADLINES[news],
        url=link,
        news=news.value,
        assignment_id=assignment_id,
        created_at=at,
    )


def on_news_read(client: User, news: News, link: str) -> None:
    """The client has read what they were told about (their therapist's feedback, from Today or
    beside the entry): its notification is read too, so the list does not call it new."""
    _unread(client, news, link).update(read_at=timezone.now())


def _unread(client: User, news: News, link: str) -> QuerySet[Notification]:
    return Notification.objects.filter(user=client, text=HEADLINES[news], url=link, read_at__isnull=True)


def wake_dispatcher() -> None:
    """After the commit: ask for a dispatch run now rather than at the next minute's beat."""
    from reminders.tasks import dispatch_due_reminders  # tasks imports the dispatcher

    try:
        dispatch_due_reminders.delay()
    except Exception:
        logger.warning("Could not wake the dispatcher; the next beat sends the e-mail", exc_info=True)


def email_link() -> str:
    """Where a news e-mail points: the notifications page, which links on to each change."""
    return reverse("reminders-notifications")
