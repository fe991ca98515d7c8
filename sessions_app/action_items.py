"""Action items proposed from a session's text, and the therapist's decisions on them.

``refresh_proposals`` runs the extractor (setting ``MALLARD_ACTION_ITEM_EXTRACTOR``)
over the session's summary, the therapist's notes and the client's reflection.
A proposal becomes an assignment only when the therapist confirms it; the move
out of "proposed" is a compare-and-swap ``update()``, so confirming twice, even
in two requests at once, makes at most one assignment.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from homework.models import Assignment, Template
from homework.selectors.therapist import assign_initial
from homework.services import assign_homework
from mallard import audit
from mallard.models import User
from sessions_app.extraction import ActionItem, Extractor
from sessions_app.models import ItemSource, ItemStatus, ProposedAction, Reflection, TherapySession

TEXT_LIMIT = ProposedAction._meta.get_field("text").max_length or 500


def get_extractor() -> Extractor:
    """The configured extractor: ``sessions_app.extraction.extract_action_items`` unless changed."""
    extractor: Extractor = import_string(settings.MALLARD_ACTION_ITEM_EXTRACTOR)
    return extractor


def reflection_text(reflection: Reflection) -> str:
    """The reflection's three answers as one text, each under its question.

    The questions are headings to the extractor, so the lines under "What I want
    to practise" are read as a list of action items, and "Questions for next
    time" closes that list.
    """
    parts = [
        f"{Reflection._meta.get_field(name).verbose_name}:\n{value.strip()}"  # type: ignore[union-attr]
        for name in ("stood_out", "want_to_practise", "questions")
        if (value := getattr(reflection, name)).strip()
    ]
    return "\n\n".join(parts)


def session_texts(session: TherapySession) -> dict[str, str]:
    """The texts action items are found in, by source."""
    texts: dict[str, str] = {ItemSource.SUMMARY: session.summary, ItemSource.NOTES: session.private_notes}
    reflection = Reflection.objects.filter(session=session).first()
    texts[ItemSource.REFLECTION] = reflection_text(reflection) if reflection else ""
    return texts


def _found_items(session: TherapySession) -> dict[tuple[str, str], ActionItem]:
    """Each (source, text) found, at its first place in the text."""
    extractor = get_extractor()
    found: dict[tuple[str, str], ActionItem] = {}
    for source, text in session_texts(session).items():
        for item in extractor(text):
            key = (str(source), item.text[:TEXT_LIMIT])
            found.setdefault(key, item)
    return found


@transaction.atomic
def refresh_proposals(session: TherapySession) -> None:
    """Re-extract the session's action items from its summary, notes and reflection.

    New items are proposed; items the therapist has confirmed or dismissed stay
    as they are; proposed items whose text is no longer there are removed.
    """
    found = _found_items(session)
    existing = {
        (row.source, row.text): row
        for row in ProposedAction.objects.select_for_update().filter(session=session)
    }
    gone = [row.pk for key, row in existing.items() if row.status == ItemStatus.PROPOSED and key not in found]
    ProposedAction.objects.filter(pk__in=gone, status=ItemStatus.PROPOSED).delete()
    moved = []
    for key, item in found.items():
        row = existing.get(key)
        if (
            row is not None
            and row.status == ItemStatus.PROPOSED
            and (row.start, row.end) != (item.start, item.end)
        ):
            row.start, row.end, row.kind = item.start, item.end, item.kind or ""
            moved.append(row)
    ProposedAction.objects.bulk_update(moved, ["start", "end", "kind"])
    now = timezone.now()
    ProposedAction.objects.bulk_create(
        [
            ProposedAction(
                session=session,
                source=source,
                text=text,
                kind=item.kind or "",
                start=item.start,
                end=item.end,
                created_at=now,
            )
            for (source, text), item in found.items()
            if (source, text) not in existing
        ],
        ignore_conflicts=True,
    )


def proposals_for(session: TherapySession) -> list[ProposedAction]:
    """The session's proposals with their assignments, by source and place in the text."""
    return list(
        ProposedAction.objects.filter(session=session)
        .select_related("assignment")
        .order_by("source", "start", "pk")
    )


def first_builtin_template(kind: str) -> Template | None:
    """The first built-in template of ``kind`` in the library's own order."""
    if not kind:
        return None
    return Template.objects.filter(kind=kind, owner__isnull=True).order_by("pk").first()


def confirm_initial(therapist: User, proposal: ProposedAction, template: Template) -> dict[str, Any]:
    """The assignment form's starting values: the template's, with the item's words first."""
    client = proposal.session.client
    initial = assign_initial(therapist, template, client)
    initial["instructions"] = f"{proposal.text}\n\n{template.instructions}".strip()
    return initial


@transaction.atomic
def confirm_proposal(
    *, therapist: User, proposal: ProposedAction, template: Template | None, **fields: Any
) -> Assignment | None:
    """Turn the proposal into an assignment for the session's client.

    Returns None, and writes nothing, when the proposal was already confirmed or
    dismissed. Anything ``assign_homework`` refuses rolls the claim back.
    """
    now = timezone.now()
    claimed = ProposedAction.objects.filter(pk=proposal.pk, status=ItemStatus.PROPOSED).update(
        status=ItemStatus.CONFIRMED, decided_at=now
    )
    if claimed != 1:
        return None
    assignment = assign_homework(
        therapist=therapist, client=proposal.session.client, template=template, **fields
    )
    ProposedAction.objects.filter(pk=proposal.pk).update(assignment=assignment)
    proposal.status, proposal.decided_at, proposal.assignment = ItemStatus.CONFIRMED, now, assignment
    audit.record_change(proposal, ["status", "decided_at", "assignment"])
    return assignment


@transaction.atomic
def dismiss_proposal(*, proposal: ProposedAction) -> bool:
    """Dismiss a proposed item. False, and nothing written, when it was already decided."""
    now = timezone.now()
    claimed = ProposedAction.objects.filter(pk=proposal.pk, status=ItemStatus.PROPOSED).update(
        status=ItemStatus.DISMISSED, decided_at=now
    )
    if claimed == 1:
        proposal.status, proposal.decided_at = ItemStatus.DISMISSED, now
        audit.record_change(proposal, ["status", "decided_at"])
    return claimed == 1
