"""People: users and their roles, care relationships and invitations; and the audit trail."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from mallard.lib.timezones import validate_time_zone


class Role(models.TextChoices):
    THERAPIST = "therapist", "Therapist"
    CLIENT = "client", "Client"
    STAFF = "staff", "Staff"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: object) -> User:
        if not email:
            raise ValueError("A user needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: object) -> User:
        fields.update(is_staff=True, is_superuser=True, role=Role.STAFF)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their email address.

    ``time_zone`` is an IANA name; every local date and time shown to or
    computed for this person uses it.
    """

    email = models.EmailField("email address", max_length=254, unique=True)
    display_name = models.CharField(max_length=120, help_text="How Mallard addresses this person.")
    time_zone = models.CharField(
        max_length=64,
        default=settings.MALLARD_DEFAULT_TIME_ZONE,
        validators=[validate_time_zone],
        help_text="IANA time zone name, for example Europe/London.",
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.THERAPIST)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="Whether this person can use the Django admin.")
    date_joined = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="When this person asked for their account to be deleted (docs/security.md, retention).",
    )

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["display_name"]

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="user_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} <{self.email}>" if self.display_name else self.email

    def get_full_name(self) -> str:
        return self.display_name or self.email

    def get_short_name(self) -> str:
        return self.display_name or self.email

    @property
    def is_therapist(self) -> bool:
        return self.role == Role.THERAPIST

    @property
    def is_client(self) -> bool:
        return self.role == Role.CLIENT

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def local_now(self) -> datetime:
        return timezone.now().astimezone(self.zone)


class CareRelationship(models.Model):
    """A client in the care of a therapist, from ``started_at`` until ``ended_at``.

    A client has at most one current relationship. Ending one and starting
    another moves the client to a new therapist without losing history.
    """

    therapist = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="caseload", limit_choices_to={"role": Role.THERAPIST}
    )
    client = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="care_relationships",
        limit_choices_to={"role": Role.CLIENT},
    )
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-started_at"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["client"], condition=Q(ended_at__isnull=True), name="one_current_therapist_per_client"
            ),
            models.CheckConstraint(condition=~Q(therapist=models.F("client")), name="care_not_self"),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                name="care_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client} in the care of {self.therapist}"

    @property
    def is_current(self) -> bool:
        return self.ended_at is None

    def clean(self) -> None:
        """Care changes when they are recorded: a relationship is current until ``ended_at`` is
        set, so a start or an end in the future would take effect at once, not then."""
        soon = timezone.now() + timedelta(minutes=1)
        errors: dict[str, str] = {}
        if self.started_at is not None and self.started_at > soon:
            errors["started_at"] = "Care starts when it is recorded: choose now or a time that has passed."
        if self.ended_at is not None:
            if self.started_at is not None and self.ended_at < self.started_at:
                errors["ended_at"] = "Care ends after it starts: choose an end at or after the start."
            elif self.ended_at > soon:
                errors["ended_at"] = "Care ends when it is recorded: choose now or a time that has passed."
        if self.ended_at is None and self.therapist_id is not None and not self.therapist.is_active:
            errors["therapist"] = (
                f"{self.therapist.display_name}'s account is deactivated, so they cannot care for a "
                "client. Choose a therapist whose account is active."
            )
        if errors:
            raise ValidationError(errors)

    def current_care_problem(self) -> str | None:
        """Why this relationship cannot be current: the client is in another therapist's care
        already (``one_current_therapist_per_client``), said with whose and what to do instead."""
        if self.ended_at is not None or self.client_id is None:
            return None
        current = (
            CareRelationship.objects.filter(client_id=self.client_id, ended_at__isnull=True)
            .exclude(pk=self.pk)
            .select_related("client", "therapist")
            .first()
        )
        if current is None:
            return None
        therapist = current.therapist.display_name or current.therapist.email
        client = current.client.display_name or current.client.email
        return (
            f"{client} is in the care of {therapist} already, and a client has one current therapist "
            f"at a time. To move them, first set Ended at on their care with {therapist}, then add "
            "this one; to move all of a therapist's clients, use Hand over clients on the "
            "therapist's user page."
        )

    def validate_constraints(self, exclude: Collection[str] | None = None) -> None:
        # The database's "Constraint … is violated" names no one: say whose care the client is in.
        problem = self.current_care_problem()
        if problem is None:
            super().validate_constraints(exclude)
            return
        errors: dict[str, Any] = {NON_FIELD_ERRORS: [problem]}
        try:
            super().validate_constraints({*(exclude or ()), "client"})
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        raise ValidationError(errors)


class InvitationStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    EXPIRED = "expired", "Expired"
    ACCEPTED = "accepted", "Accepted"
    REVOKED = "revoked", "Revoked"
    DECLINED = "declined", "Declined"


# An invitation nobody has accepted, revoked or declined yet (expired ones included: they can be resent).
OPEN_INVITATION = Q(accepted_at__isnull=True, revoked_at__isnull=True, declined_at__isnull=True)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """A therapist's invitation to a client. Only the token's SHA-256 is stored.

    The address may already have a Mallard account: the therapist is not told (docs/security.md,
    invitations). That person is asked by e-mail to sign in, then accepts or declines.
    """

    therapist = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(max_length=254)
    name = models.CharField(max_length=120)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    last_sent_at = models.DateTimeField(default=timezone.now)
    send_count = models.PositiveSmallIntegerField(default=1)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.OneToOneField(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="accepted_invitation"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(
        null=True, blank=True, help_text="When the invited person, who already had an account, declined."
    )

    class Meta:
        ordering: ClassVar = ["-created_at"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                "therapist",
                Lower("email"),
                condition=OPEN_INVITATION,
                name="one_open_invitation_per_email",
            ),
            models.CheckConstraint(
                condition=~Q(accepted_at__isnull=False, revoked_at__isnull=False),
                name="invitation_not_accepted_and_revoked",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation for {self.email} from {self.therapist}"

    @property
    def status(self) -> InvitationStatus:
        if self.accepted_at is not None:
            return InvitationStatus.ACCEPTED
        if self.revoked_at is not None:
            return InvitationStatus.REVOKED
        if self.declined_at is not None:
            return InvitationStatus.DECLINED
        if self.expires_at <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    @property
    def is_usable(self) -> bool:
        return self.status == InvitationStatus.PENDING

    @property
    def is_open(self) -> bool:
        """Not yet accepted, revoked or declined: it can be resent (even when expired) or revoked."""
        return self.accepted_at is None and self.revoked_at is None and self.declined_at is None

    def matches(self, token: str) -> bool:
        return secrets.compare_digest(self.token_hash, hash_token(token))


class InvitationEmail(models.Model):
    """One invitation e-mail sent (a first invitation or a resend), kept to enforce the limits on
    how many a therapist may send, and how many one address may receive (docs/security.md).

    Holds no name and no link: the address and when. Rows older than a day serve no limit, and
    the therapist's next invitation deletes them.
    """

    therapist = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(max_length=254)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes: ClassVar = [
            models.Index(fields=["therapist", "sent_at"], name="invitationemail_therapist"),
            models.Index(fields=["therapist", "email", "sent_at"], name="invitationemail_address"),
        ]

    def __str__(self) -> str:
        return f"Invitation e-mail to {self.email} at {self.sent_at:%Y-%m-%d %H:%M}"


class AuditEntryManager(LogEntryManager):
    """auditlog writes through ``log_create``; this keeps every row content-free and adds the client."""

    def log_create(self, instance: models.Model, force_log: bool = False, **kwargs: Any) -> Any:
        from mallard import audit

        changes = kwargs.get("changes")
        if changes is not None:
            kwargs["changes"] = audit.hide_values(changes)
        kwargs.setdefault("object_repr", audit.describe(instance))
        kwargs.setdefault("client_id", audit.client_id_of(instance))
        return super().log_create(instance, force_log=force_log, **kwargs)

    def log_m2m_changes(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("Mallard registers no many-to-many fields with the audit trail.")


class AuditEntry(AbstractLogEntry):
    """One line of the audit trail: who read, changed or exported which clinical record, when,
    from which address and through which page (docs/security.md, audit trail).

    Rows hold the model and id of a record, never its content: ``object_repr`` is a label such
    as "Thought record #12" and ``changes`` names the fields that changed without their values.
    The trail is append-only: a row is never saved twice or deleted by Mallard, and on
    PostgreSQL a trigger rejects UPDATE and DELETE outright.

    ``client`` and ``actor`` are plain ids without a database constraint, so that closing and
    purging an account later neither rewrites nor removes the rows that describe it.
    """

    class Action(AbstractLogEntry.Action):
        EXPORT = 4

        choices = (
            (AbstractLogEntry.Action.CREATE, "created"),
            (AbstractLogEntry.Action.UPDATE, "changed"),
            (AbstractLogEntry.Action.DELETE, "deleted"),
            (AbstractLogEntry.Action.ACCESS, "viewed"),
            (EXPORT, "exported"),
        )

    # Every row is written with the page that shows it (a caseload writes one per client listed),
    # so the table carries only the indexes its readers use: by client (the client's own page), by
    # actor and by time (the admin), and by record id (the admin's search). auditlog's others (the
    # action, the content type, the correlation id, the numeric object id, LIKE on the object id)
    # served no lookup and cost an index insert per row each.
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.PROTECT,
        db_constraint=False,
        db_index=False,
        related_name="+",
        verbose_name="kind of record",
    )
    object_pk = models.CharField(max_length=255, verbose_name="object pk")
    object_id = models.BigIntegerField(blank=True, null=True, verbose_name="object id")
    cid = models.CharField(blank=True, null=True, max_length=255, verbose_name="Correlation ID")  # noqa: DJ001 - auditlog's column, kept as it is
    action = models.PositiveSmallIntegerField(choices=Action.choices)
    actor = models.ForeignKey(
        User,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who did it; empty for Mallard's own background work.",
    )
    client = models.ForeignKey(
        User,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,  # the (client, timestamp) index below serves every lookup by client
        null=True,
        blank=True,
        related_name="+",
        help_text="Whose record it is.",
    )
    view_name = models.CharField(
        max_length=200,
        default="task",
        help_text='The URL name it happened through; "admin:…" for the admin, "task" for background work.',
    )

    objects = AuditEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = "audit entry"
        verbose_name_plural = "audit trail"
        indexes: ClassVar = [
            models.Index(fields=["client", "-timestamp"], name="auditentry_client_time"),
            models.Index(fields=["object_pk"], name="auditentry_object_pk"),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditTrailIsAppendOnly("An audit entry cannot be changed once written.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditTrailIsAppendOnly("An audit entry cannot be deleted.")


class AuditTrailIsAppendOnly(Exception):
    """Raised on an attempt to change or delete a row of the audit trail."""


class FormSubmission(models.Model):
    """A create form's single-use key, spent when the form made its object (see ``mallard.once``).

    The unique key is what makes a second submission of the same form (Back, then Send again; or a
    double click) find the first one's object instead of making another: the database refuses the
    second row, whichever request gets there second.
    """

    key = models.CharField(max_length=32)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    url = models.CharField(max_length=300, blank=True, help_text="The page of the object the form made.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar = [models.UniqueConstraint(fields=["key"], name="form_submission_key_unique")]

    def __str__(self) -> str:
        return f"Form {self.key} of {self.user_id}"
