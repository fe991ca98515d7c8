"""Reads of people's data, each scoped to the user asking.

Views fetch user-owned rows only through these functions; another user's
row is a 404, never a 403, so that ids do not leak what exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, F, Model, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from mallard.lib.text import counted
from mallard.models import OPEN_INVITATION, CareRelationship, Invitation, Role, User


def one_or_404[M: Model](queryset: QuerySet[M], pk: int, message: str = "Not found.") -> M:
    """The row ``pk`` within an already-scoped queryset, else a 404 (never a 403: ids don't leak)."""
    row = queryset.filter(pk=pk).first()
    if row is None:
        raise Http404(message)
    return row


def clients_of(therapist: User) -> QuerySet[User]:
    """The therapist's current clients, alphabetically."""
    return User.objects.filter(
        role=Role.CLIENT,
        care_relationships__therapist=therapist,
        care_relationships__ended_at__isnull=True,
    ).order_by("display_name", "email")


def get_client_for_therapist(therapist: User, client_id: int) -> User:
    return one_or_404(clients_of(therapist), client_id, "No such client.")


def record_clients_of(therapist: User) -> QuerySet[User]:
    """Clients whose record the therapist may read and export: their current clients, and
    former clients who closed their account while in their care (until it is purged).

    Closing an account ends its care relationship at exactly ``closed_at``, which is
    what tells the last therapist apart from earlier ones.
    """
    return User.objects.filter(
        Q(care_relationships__ended_at__isnull=True)
        | Q(closed_at__isnull=False, care_relationships__ended_at=F("closed_at")),
        role=Role.CLIENT,
        care_relationships__therapist=therapist,
    ).order_by("display_name", "email")


def get_record_client_for_therapist(therapist: User, client_id: int) -> User:
    return one_or_404(record_clients_of(therapist), client_id, "No such client.")


def closed_clients_of(therapist: User) -> QuerySet[User]:
    """Former clients who closed their account while in the therapist's care, newest first."""
    return User.objects.filter(
        role=Role.CLIENT,
        closed_at__isnull=False,
        care_relationships__therapist=therapist,
        care_relationships__ended_at=F("closed_at"),
    ).order_by("-closed_at", "pk")


def current_care(client: User) -> CareRelationship | None:
    """The client's current care relationship (there is at most one). Its therapist is read only
    when asked for: most callers only ask whether there is one."""
    return CareRelationship.objects.filter(client=client, ended_at__isnull=True).order_by().first()


def open_invitations_of(therapist: User) -> QuerySet[Invitation]:
    return Invitation.objects.filter(OPEN_INVITATION, therapist=therapist).order_by("-created_at")


def get_invitation_for_therapist(therapist: User, invitation_id: int) -> Invitation:
    return one_or_404(Invitation.objects.filter(therapist=therapist), invitation_id, "No such invitation.")


def current_caseload(therapist: User) -> QuerySet[CareRelationship]:
    """The therapist's current care relationships, with the client, alphabetically."""
    return (
        CareRelationship.objects.filter(therapist=therapist, ended_at__isnull=True)
        .select_related("client")
        .order_by("client__display_name", "client__email")
    )


def never_used() -> Q:
    """Accounts nobody has shown to be theirs: never signed in, no confirmed address, and nothing
    in Mallard hangs on them (no care, as client or therapist; no invitation sent; not staff).

    Signing in needs a confirmed address, so such an account was only ever a sign-up with an
    address its maker could not confirm. An invitation to that address, whose link proves control
    of it, removes the account (``services.release_address_for_invitation``).
    """
    from allauth.account.models import EmailAddress

    return Q(
        ~Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)),
        ~Exists(CareRelationship.objects.filter(Q(client=OuterRef("pk")) | Q(therapist=OuterRef("pk")))),
        ~Exists(Invitation.objects.filter(therapist=OuterRef("pk"))),
        last_login__isnull=True,
        is_staff=False,
        is_superuser=False,
        closed_at__isnull=True,
    )


def _has_address(email: str) -> Q:
    """Users who sign in with ``email`` or confirmed it as one of their addresses, in any case."""
    return Q(email__iexact=email) | Q(emailaddress__email__iexact=email, emailaddress__verified=True)


def account_with_address(email: str) -> User | None:
    """The account that signs in with ``email``, or that confirmed it as one of its addresses.

    An address another account added without confirming it belongs to no one yet, and so does the
    sign-in address of an account that was ``never_used``: an invitation to it goes to a new
    account (``services.release_address_for_invitation``). One query whatever the answer, so the
    work done tells nothing either.
    """
    holds = (Q(email__iexact=email) & ~never_used()) | Q(
        emailaddress__email__iexact=email, emailaddress__verified=True
    )
    return User.objects.filter(holds).order_by("pk").first()


def address_in_use(email: str) -> bool:
    """Whether an account signs in with ``email`` or has it among its addresses (one query), so
    a new account made by staff cannot take it."""
    return User.objects.filter(Q(email__iexact=email) | Q(emailaddress__email__iexact=email)).exists()


@dataclass(frozen=True)
class AddressForTherapist:
    """What a therapist already knows about an address they type into the invitation form."""

    client_name: str | None  # the name of their current client with this address, if any
    invited: bool  # whether they have an open invitation to it
    # The name of their former client who closed the account with this address (the therapist's
    # closed records list them already), if any.
    closed_client_name: str | None = None


def address_for_therapist(therapist: User, email: str) -> AddressForTherapist:
    """Whether ``email`` is one of the therapist's current clients' addresses (as
    ``account_with_address`` matches them) or one of their closed clients' (``closed_clients_of``),
    and whether they have already invited it.

    Nothing about anyone else: an address with an account out of the therapist's care answers as
    an unknown one. One query whatever the answer, so the work done tells nothing either.
    """
    row = (
        User.objects.filter(pk=therapist.pk)
        .annotate(
            invited=Exists(open_invitations_of(therapist).filter(email__iexact=email)),
            client_name=Subquery(
                clients_of(therapist).filter(_has_address(email)).values("display_name")[:1]
            ),
            closed_client_name=Subquery(
                closed_clients_of(therapist).filter(_has_address(email)).values("display_name")[:1]
            ),
        )
        .values("invited", "client_name", "closed_client_name")
        .get()
    )
    return AddressForTherapist(**row)


def deactivation_problem(user: User) -> str | None:
    """Why ``user``'s account cannot be deactivated yet, or None if it can.

    A therapist who still has clients in their care or open invitations would leave those
    clients with a therapist who can never sign in (their reminders, questionnaires and Today
    would still name them), so their caseload is handed over first
    (``services.hand_over_caseload``).
    """
    if user.pk is None or user.role != Role.THERAPIST:
        return None
    clients = current_caseload(user).count()
    invitations = open_invitations_of(user).count()
    if not clients and not invitations:
        return None
    held = []
    if clients:
        held.append(f"{counted(clients, 'client')} in their care")
    if invitations:
        held.append(counted(invitations, "open invitation"))
    return (
        f"{user.display_name or user.email} still has {' and '.join(held)}, who would be left with a "
        "therapist who cannot sign in. First use “Hand over clients” at the top of this page to move "
        "every current client to another therapist (that also withdraws the open invitations); "
        "then the account can be deactivated."
    )


def therapists_to_hand_over_to(therapist: User) -> QuerySet[User]:
    """The therapists who can take over ``therapist``'s clients: every other therapist of the
    practice whose account is active and not closed."""
    return (
        User.objects.filter(role=Role.THERAPIST, is_active=True, closed_at__isnull=True)
        .exclude(pk=therapist.pk)
        .order_by("display_name", "email")
    )
