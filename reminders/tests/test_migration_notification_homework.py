"""Migration reminders/0009 names the homework of notifications written before 0008, from their link,
and only the person's own."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps as current_apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from homework import services
from homework.models import Kind, LogStatus
from homework.services import Outcome
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User
from reminders.models import Notification

migration = importlib.import_module("reminders.migrations.0009_name_the_homework_of_earlier_notifications")

ADDED = "Your therapist added something to practise."
CHANGED = "Your therapist changed something you practise."
FEEDBACK = "Your therapist left feedback on something you wrote."


def _entry(therapist: User, client: User) -> Any:
    assignment = make_assignment(therapist, client, Kind.JOURNAL)
    return services.save_entry(
        occurrence=today_occurrence(assignment),
        fields={"text": "text"},
        submit=True,
        outcome=Outcome(status=LogStatus.DONE, minutes_spent=10, helpfulness=5),
    )


def _old(user: User, text: str, url: str) -> Notification:
    """A notification as written before 0008: no kind of news, no assignment."""
    return Notification.objects.create(user=user, text=text, url=url)


@pytest.mark.django_db
def test_old_news_gets_its_own_homework_and_kind(
    therapist: User, client_user: User, other_therapist: User, other_client: User
) -> None:
    mine = make_assignment(therapist, client_user, Kind.JOURNAL)
    entry = _entry(therapist, client_user)
    theirs = make_assignment(other_therapist, other_client, Kind.JOURNAL)
    their_entry = _entry(other_therapist, other_client)
    added = _old(client_user, ADDED, f"/homework/{mine.pk}/")
    changed = _old(client_user, CHANGED, f"/homework/{mine.pk}/")
    feedback = _old(client_user, FEEDBACK, f"/homework/entries/{entry.pk}/")
    prefixed = _old(client_user, ADDED, f"/mallard/homework/{mine.pk}/")
    someone_elses = _old(client_user, ADDED, f"/homework/{theirs.pk}/")
    someone_elses_entry = _old(client_user, FEEDBACK, f"/homework/entries/{their_entry.pk}/")
    gone = _old(client_user, CHANGED, "/homework/999999/")
    mismatched = _old(client_user, FEEDBACK, f"/homework/{mine.pk}/")  # feedback links to an entry
    practice = _old(client_user, "You have a practice activity planned for 20:00.", "/today/")
    elsewhere = _old(client_user, ADDED, f"https://example.com/homework/{mine.pk}/")

    migration.name_the_homework(current_apps, None)

    def about(notification: Notification) -> tuple[str, int | None]:
        notification.refresh_from_db()
        return notification.news, notification.assignment_id

    assert about(added) == ("assigned", mine.pk)
    assert about(changed) == ("changed", mine.pk)
    assert about(feedback) == ("feedback", entry.assignment_id)
    assert about(prefixed) == ("assigned", mine.pk)
    for untouched in (someone_elses, someone_elses_entry, gone, mismatched, practice, elsewhere):
        assert about(untouched) == ("", None)


@pytest.mark.django_db
def test_it_works_in_batches_and_leaves_notifications_that_name_their_homework(
    therapist: User, client_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migration, "BATCH", 2)
    assignments = [make_assignment(therapist, client_user, Kind.JOURNAL) for _ in range(3)]
    old = [_old(client_user, CHANGED, f"/homework/{a.pk}/") for a in assignments]
    named = Notification.objects.create(
        user=client_user,
        text=ADDED,
        url=f"/homework/{assignments[0].pk}/",
        news="assigned",
        assignment=assignments[1],
    )
    migration.name_the_homework(current_apps, None)
    assert [Notification.objects.get(pk=n.pk).assignment_id for n in old] == [a.pk for a in assignments]
    named.refresh_from_db()
    assert named.assignment_id == assignments[1].pk


@pytest.mark.django_db(transaction=True)
def test_the_migration_applies_and_reverses(
    therapist: User, client_user: User, builtin_library: None
) -> None:
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL)
    old = _old(client_user, ADDED, f"/homework/{assignment.pk}/")
    executor = MigrationExecutor(connection)
    before = [("reminders", "0008_notifications_name_what_they_are_about")]
    executor.migrate(before)
    executor.loader.build_graph()
    executor.migrate([("reminders", "0009_name_the_homework_of_earlier_notifications")])
    old.refresh_from_db()
    assert (old.news, old.assignment_id) == ("assigned", assignment.pk)
    executor.loader.build_graph()
    executor.migrate(before)  # reversing leaves the rows as they are
    old.refresh_from_db()
    assert old.assignment_id == assignment.pk
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
