"""Demo people for ``seed_demo``: one therapist, three clients and an admin.

Each app may add a ``demo.py`` with ``seed(people: DemoPeople) -> None``;
``seed_demo`` runs them in INSTALLED_APPS order, so later apps build on
earlier ones without ``mallard`` importing them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from mallard.models import CareRelationship, Role, User

# Demo accounts only; printed by seed_demo. Never used outside the demo data.
DEMO_PASSWORD = "mallard-demo"  # noqa: S105  # nosec B105  # the published demo password, not a secret


@dataclass
class DemoPeople:
    therapist: User
    clients: list[User] = field(default_factory=list)
    staff: User | None = None


THERAPIST = ("maya.okafor@example.com", "Dr Maya Okafor", "Europe/London")
CLIENTS = [
    ("jordan.ellis@example.com", "Jordan Ellis", "Europe/London"),
    ("priya.raman@example.com", "Priya Raman", "America/New_York"),
    ("tomas.alvarez@example.com", "Tomás Álvarez", "Europe/Madrid"),
]
STAFF = ("admin@example.com", "Mallard Admin", "UTC")


# The demo's history (homework, questionnaires, sessions) reaches back six weeks; the people joined
# and care began before it, so no record says someone joined after what they did.
JOINED_DAYS_AGO = 56


def _person(email: str, name: str, zone: str, role: Role) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email,
            DEMO_PASSWORD,
            display_name=name,
            time_zone=zone,
            role=role,
            date_joined=timezone.now() - timedelta(days=JOINED_DAYS_AGO),
        )
    if role == Role.STAFF and not user.is_staff:
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"primary": True, "verified": True})
    return user


@transaction.atomic
def seed() -> DemoPeople:
    therapist = _person(*THERAPIST, role=Role.THERAPIST)
    people = DemoPeople(therapist=therapist, staff=_person(*STAFF, role=Role.STAFF))
    for email, name, zone in CLIENTS:
        client = _person(email, name, zone, role=Role.CLIENT)
        if not CareRelationship.objects.filter(client=client, ended_at__isnull=True).exists():
            started = max(timezone.now() - timedelta(days=JOINED_DAYS_AGO), client.date_joined)
            CareRelationship.objects.create(therapist=therapist, client=client, started_at=started)
        people.clients.append(client)
    return people
