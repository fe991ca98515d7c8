"""Hooks through which apps above ``mallard`` hear about changes to people.

An app registers a function in its ``AppConfig.ready()``; mallard's services
call each one inside their atomic block (see ``homework/hooks.py`` for why
these are explicit lists rather than signals).
"""

from __future__ import annotations

from collections.abc import Callable

from mallard.models import CareRelationship, User

# Called after a person's profile (time zone, name) changes.
profile_changed: list[Callable[[User], None]] = []


# Called after a client's account is closed (mallard.retention.close_account), inside
# its atomic block: apps stop whatever they would still do for the person.
account_closed: list[Callable[[User], None]] = []


# Called when a client's care with a therapist ends and they stay a client (a transfer through
# ``services.move_client``, after the new care has started, or an end set in the admin through
# ``services.correct_care``), inside its atomic block: apps stop what belonged to that therapist,
# such as sessions booked with them, and what nobody would read once the client is in no one's
# care (measures stops their questionnaire plans).
care_ended: list[Callable[[CareRelationship], None]] = []


def notify_profile_changed(user: User) -> None:
    for hook in profile_changed:
        hook(user)


def notify_account_closed(user: User) -> None:
    for hook in account_closed:
        hook(user)


def notify_care_ended(relationship: CareRelationship) -> None:
    for hook in care_ended:
        hook(relationship)
