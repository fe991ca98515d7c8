"""Action items proposed from a session's text, and the therapist's decisions on them.

``refresh_proposals`` runs the extractor (setting ``MALLARD_ACTION_ITEM_EXTRACTOR``)
over the session's summary, the therapist's notes and the client's reflection.
A proposal becomes an assignment only when the therapist confirms it; the move
out of "proposed" is a compare-and-swap ``update()``, so confirming twice, even
in two requests at once, makes at most one assignment.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string

from homework.access import templates_for_therapist
from homework.models import KIND_FIELDS, Assignment, AssignmentStatus, Kind, Recurrence, Template
from homework.selectors.therapist import assign_initial
from homework.services import SPEC_FIELDS, HomeworkError, assign_homework, client_today, update_assignment
from mallard import audit
from mallard.access import clients_of
from mallard.models import User
from sessions_app.extraction import ActionItem, Extractor, opens_with_action
from sessions_app.lib import (
    cue_blank,
    in_plan_section,
    key_words,
    matches_title,
    same_agreement,
    task_words,
)
from sessions_app.models import ItemOwner, ItemSource, ItemStatus, ProposedAction, Reflection, TherapySession

TEXT_LIMIT = ProposedAction._meta.get_field("text").max_length or 500
DONT = re.compile(r"(?:don['’]?t|do\s+not)\s+", re.IGNORECASE)
# Words that open with when the task happens ("If interrupted, repeat your point") already say
# what to do after it: "I will if interrupted, repeat your point", never "I will do if …".
CONDITION_FIRST = re.compile(r"(?:if|when|whenever|each\s+time|every\s+time|any\s*time)\b", re.IGNORECASE)
WILL_LIMIT = Assignment._meta.get_field("implementation_will").max_length or 200

logger = logging.getLogger(__name__)


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


# Where a repeated item is said to be found first, and whose wording it keeps: the summary is
# the plan as the client was given it; the private notes come next, then the reflection.
SOURCE_ORDER = (ItemSource.SUMMARY, ItemSource.NOTES, ItemSource.REFLECTION)
SCHEDULE_FIELDS = ("recurrence", "times_per_week", "weekdays", "time_of_day", "cue", "minutes")


@dataclass
class Found:
    """One agreement found in the session's texts: its first wording, and where else it was said."""

    source: str
    item: ActionItem
    words: frozenset[str]
    others: list[tuple[str, ActionItem]] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return (self.source, self.item.text[:TEXT_LIMIT])

    @property
    def keys(self) -> set[tuple[str, str]]:
        return {self.key, *((source, item.text[:TEXT_LIMIT]) for source, item in self.others)}

    @property
    def also_in(self) -> str:
        seen = [s for s, _ in self.others if s != self.source]
        return ",".join(dict.fromkeys(seen))

    def schedule(self) -> dict[str, Any]:
        """The schedule fields as the row stores them: the first wording's, filled in from the others."""
        values: dict[str, Any] = {}
        for item in (self.item, *(i for _, i in self.others)):
            for name in SCHEDULE_FIELDS:
                value = getattr(item, name, None)
                if values.get(name) in (None, "", ()) and value not in (None, "", ()):
                    values[name] = value
        kind = self.item.kind or next((i.kind for _, i in self.others if i.kind), None)
        # Another practice's extractor may say anything: what the database can't hold is dropped.
        recurrence = values.get("recurrence")
        times = values.get("times_per_week")
        days = values.get("weekdays", ())
        minutes = values.get("minutes")
        at = values.get("time_of_day")
        return {
            "kind": kind or "",
            "owner": ItemOwner.THERAPIST if _owner(self.item) == "therapist" else ItemOwner.CLIENT,
            "recurrence": recurrence if recurrence in Recurrence.values else "",
            "times_per_week": times if isinstance(times, int) and 1 <= times <= 7 else None,
            "weekdays": "".join(
                str(d) for d in sorted({d for d in days if isinstance(d, int) and 0 <= d <= 6})
            ),
            "time_of_day": at if isinstance(at, time) else None,
            "cue": cue_blank(str(values.get("cue") or "")),
            "minutes": minutes if isinstance(minutes, int) and 1 <= minutes <= 600 else None,
            "also_in": self.also_in,
        }


def _owner(item: ActionItem) -> str:
    return str(getattr(item, "owner", "client") or "client")


def _read(extractor: Extractor, text: str, session: TherapySession, source: str) -> list[ActionItem]:
    """The extractor's items from one text. The extractor is a heuristic over free text: a fault
    in it costs that text's proposals, never the therapist's notes, which are saved either way.
    The log names the session and the source, not the words."""
    try:
        return list(extractor(text))
    except Exception:
        logger.exception("The action-item extractor failed on session %s's %s", session.pk, source)
        return []


def _when(item: ActionItem) -> dict[str, object]:
    """The schedule an item's words gave, by what it says, to compare two wordings."""
    said: dict[str, object] = {}
    if item.recurrence:
        said["how often"] = (item.recurrence, item.times_per_week, tuple(item.weekdays))
    if item.time_of_day is not None:
        said["time"] = item.time_of_day
    if item.minutes:
        said["minutes"] = item.minutes
    if item.cue:
        said["cue"] = key_words(item.cue)
    return said


def _schedules_overlap(a: ActionItem, b: ActionItem) -> bool:
    """Both say nothing about when, or they agree on something and contradict each other on
    nothing: "twice a week" and "daily", or "after breakfast" and "after dinner", are two tasks."""
    when_a, when_b = _when(a), _when(b)
    if not when_a and not when_b:
        return True
    shared = when_a.keys() & when_b.keys()
    return bool(shared) and all(_agree(when_a[name], when_b[name]) for name in shared)


def _agree(first: object, second: object) -> bool:
    if isinstance(first, frozenset) and isinstance(second, frozenset):
        return bool(first & second)  # cues by their words: "after breakfast", "after her breakfast"
    return first == second


def _schedules_contradict(a: ActionItem, b: ActionItem) -> bool:
    """Whether the two wordings say different things about the same part of when: "walk daily" and
    "walk on Mon/Thu", or "after breakfast" and "after dinner". Saying nothing contradicts nothing."""
    when_a, when_b = _when(a), _when(b)
    return any(not _agree(when_a[name], when_b[name]) for name in when_a.keys() & when_b.keys())


def _one_agreement(found: Found, item: ActionItem, words: frozenset[str]) -> bool:
    """Whether ``item`` is the agreement ``found`` already holds: the same key words (kinds that do
    not disagree); or, worded differently ("Go to the gym twice this week", "Gym x2 this week"), the
    same kind, schedules that overlap, and the same task words (``lib.task_words``). Either way, a
    schedule that contradicts one of its wordings makes it another proposal, so a therapist is never
    given one schedule when the texts state two."""
    if _owner(found.item) != _owner(item):
        return False
    if any(_schedules_contradict(said, item) for said in (found.item, *(i for _, i in found.others))):
        return False
    kinds = (found.item.kind, item.kind)
    if (not all(kinds) or kinds[0] == kinds[1]) and same_agreement(found.words, words):
        return True
    return (
        bool(item.kind)
        and kinds[0] == kinds[1]
        and _schedules_overlap(found.item, item)
        and same_agreement(task_words(found.item.text), task_words(item.text))
    )


def _found_items(session: TherapySession) -> list[Found]:
    """Each agreement found, once, in the wording of the plan: the summary's, then an item under a
    plan or summary heading of its text (``lib.in_plan_section``), then the rest in order."""
    extractor = get_extractor()
    texts = session_texts(session)
    said = [
        (source, item)
        for source in SOURCE_ORDER
        for item in _read(extractor, texts.get(source, ""), session, str(source))
    ]
    said.sort(
        key=lambda each: (
            SOURCE_ORDER.index(each[0]),
            not in_plan_section(texts.get(each[0], ""), each[1].start),
        )
    )
    found: list[Found] = []
    for source, item in said:
        words = key_words(item.text) or frozenset({item.text.lower()})
        same = next((f for f in found if _one_agreement(f, item, words)), None)
        if same is None:
            found.append(Found(source=str(source), item=item, words=words))
        elif (str(source), item.text[:TEXT_LIMIT]) not in same.keys:
            same.others.append((str(source), item))
    return found


def _existing_assignment(found: Found, active: list[tuple[Assignment, frozenset[str]]]) -> Assignment | None:
    """The client's active assignment this agreement names: same kind, and its title's words."""
    kind = found.item.kind or next((i.kind for _, i in found.others if i.kind), None)
    if not kind or _owner(found.item) == "therapist":
        return None
    for assignment, title in active:
        if assignment.kind == kind and (
            matches_title(found.words, title) or same_agreement(found.words, title)
        ):
            return assignment
    return None


@transaction.atomic
def refresh_proposals(session: TherapySession) -> None:
    """Re-extract the session's action items from its summary, notes and reflection.

    New items are proposed, once each however many texts say them; items the
    therapist has decided stay as they are; proposed items whose text is no
    longer there are removed. A proposed item that names one of the client's
    active assignments is offered as an update of it.
    """
    found = _found_items(session)
    existing = {
        (row.source, row.text): row
        for row in ProposedAction.objects.select_for_update().filter(session=session).order_by("pk")
    }
    active = [
        (a, key_words(a.title))
        for a in Assignment.objects.filter(client_id=session.client_id, status=AssignmentStatus.ACTIVE)
        .exclude(proposals__session=session)
        .order_by("-created_at", "-pk")
    ]
    kept: set[int] = set()
    changed: list[ProposedAction] = []
    new: list[ProposedAction] = []
    now = timezone.now()
    for agreement in found:
        rows = [existing[key] for key in sorted(agreement.keys) if key in existing]
        decided = next((row for row in rows if row.status != ItemStatus.PROPOSED), None)
        if decided is not None:  # decided under any of its wordings: left as it is
            kept.add(decided.pk)
            continue
        # A proposed row is kept only under the first wording, whose place it stores; one
        # under another wording (from before it was said first elsewhere) gives way to it.
        row = existing.get(agreement.key)
        if row is not None:
            kept.add(row.pk)
        values = {
            **agreement.schedule(),
            "start": agreement.item.start,
            "end": agreement.item.end,
            "update_of": _existing_assignment(agreement, active),
        }
        if row is None:
            new.append(
                ProposedAction(
                    session=session, source=agreement.source, text=agreement.key[1], created_at=now, **values
                )
            )
            continue
        for name, value in values.items():
            setattr(row, name, value)
        changed.append(row)
    gone = [row.pk for row in existing.values() if row.status == ItemStatus.PROPOSED and row.pk not in kept]
    ProposedAction.objects.filter(pk__in=gone, status=ItemStatus.PROPOSED).delete()
    fields = ["start", "end", "kind", "owner", "also_in", "update_of", *SCHEDULE_FIELDS]
    ProposedAction.objects.bulk_update(changed, fields)
    ProposedAction.objects.bulk_create(new, ignore_conflicts=True)


def proposals_for(session: TherapySession, viewer: User | None = None) -> list[ProposedAction]:
    """The session's proposals with their assignments, by source and place in the text.

    A complete item waiting for a decision is offered in one click only when a template of the
    therapist who would assign it (``viewer``, who clicks; the session's therapist by default)
    fits its words (``starting_template``): ``ProposedAction.one_click``, the same library
    ``assign_proposal`` then chooses from. That costs one query more, for the templates, when
    there is such an item."""
    proposals = list(
        ProposedAction.objects.filter(session=session)
        .select_related("assignment", "update_of")
        .order_by("source", "start", "pk")
    )
    for proposal in proposals:
        proposal.session = session  # its title leaves out the client's names, without a query each
    waiting = [p for p in proposals if p.status == ItemStatus.PROPOSED and p.is_complete and not p.is_todo]
    if waiting:
        therapist = viewer or session.therapist
        library = _library(therapist)
        for proposal in waiting:
            proposal.one_click = starting_template(therapist, proposal, library).fits
    return proposals


# Words that only say which kind of homework it is: every template of the kind shares them, so they
# never say which template fits ("Keep a journal" is no more "Gratitude journal" than "What matters
# to me"). Compared as ``lib.task_words`` are, one form of each word.
KIND_WORDS = task_words(
    "thought thoughts record records experiment behavioural behavioral journal journaling journalling diary"
    " relaxation relax mindfulness meditation reading read psychoeducation skill skills practice exercise"
    " homework worksheet"
)
# Words too common to say what a template is about.
_COMMON = task_words("what how why which who where me us him them is are be can so as if about thing things")
# Which part of the fit a score comes from: a template's title said in the item's words, every word
# of its title in them, or the words they share.
TITLE_SAID, TITLE_WORDS = 2000, 1000
# The fields a template gives that say what its own task is about. When no template fits the item,
# the form leaves them empty for the therapist rather than fill them with another task's words.
SPECIFIC_FIELDS = (
    "rationale",
    "smaller_version",
    "prompt",
    "technique",
    "skill",
    "resource_title",
    "resource_url",
    "resource_text",
)
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def _plain(text: str) -> str:
    """Lower-case words with single spaces between them: “Anxiety and the avoidance trap”."""
    return " ".join(_NOT_WORD.sub(" ", text.lower().replace("’", "'").replace("'", "")).split())


def _words(text: str) -> frozenset[str]:
    return task_words(text) - KIND_WORDS - _COMMON


def template_fit(item: str, template: Template) -> int:
    """How well ``template`` fits the item's words; 0 when it does not.

    Its title said in the item ("Read “Anxiety and the avoidance trap” by Friday") fits best, then
    every word of its title in the item ("journal about what matters to you" and "What matters to
    me", the words compared in one form each and without the kind's own words), then the words the
    item shares with its title (each counting twice) and its topic, skill, technique and resource.
    """
    title = _plain(template.title)
    words = _words(item)
    title_words = _words(template.title)
    if title and f" {title} " in f" {_plain(item)} ":
        return TITLE_SAID + len(title)
    if title_words and title_words <= words:
        return TITLE_WORDS + len(title_words)
    about = " ".join((template.topic, template.skill, template.technique, template.resource_title))
    return 2 * len(words & title_words) + len(words & _words(about))


def _is_generic(template: Template) -> bool:
    """A template titled as its kind is ("Thought record", "Behavioural experiment", "Skill
    practice"): its wording is about the kind, not one task of it, so it fits any item of the kind."""
    label = str(Kind(template.kind).label)
    return _plain(template.title) in {_plain(label), _plain(label.split(" and ")[0])}


@dataclass(frozen=True)
class Start:
    """The template an item's assignment starts from, and whether it fits the item's words.

    ``template`` is None only when the item has no kind (the therapist picks one). When nothing of
    the kind fits, ``template`` is the kind's first built-in template, kept for the form's kind
    and its estimate of minutes only: ``blank`` names the fields it must not fill."""

    template: Template | None
    fits: bool = True
    blank: tuple[str, ...] = ()


def starting_template(
    therapist: User, proposal: ProposedAction, library: list[Template] | None = None
) -> Start:
    """The template of the item's kind whose words best fit the item's, among the built-in
    library and the therapist's own (``template_fit``; on a tie, the built-in library first, in
    its own order). Without a fitting one, the kind's generic template (``_is_generic``); without
    that, none fits, and the form keeps only the item's own words (``Start.blank``).

    ``library``: the therapist's templates of every kind, in that order, read once for many items."""
    if not proposal.kind:
        return Start(None)
    if library is None:
        library = _library(therapist, proposal.kind)
    templates = [t for t in library if t.kind == proposal.kind]
    if not templates:
        return Start(None)
    scored = [(template_fit(proposal.text, template), -n, template) for n, template in enumerate(templates)]
    score, _, best = max(scored, key=lambda each: each[:2])
    if score > 0:
        return Start(best)
    generic = next((t for t in templates if _is_generic(t)), None)
    if generic is not None:
        return Start(generic)
    fields = set(KIND_FIELDS[proposal.kind]) | {"rationale", "smaller_version"}
    return Start(templates[0], fits=False, blank=tuple(n for n in SPECIFIC_FIELDS if n in fields))


def _library(therapist: User, kind: str = "") -> list[Template]:
    templates = templates_for_therapist(therapist).order_by(F("owner").asc(nulls_first=True), "pk")
    return list(templates.filter(kind=kind) if kind else templates)


NO_FIT = (
    "No template in your library fits this item's words, so nothing was assigned. "
    "Fill in the marked fields, or start from a template that fits."
)
TITLE_LIMIT = Assignment._meta.get_field("title").max_length or 200


# An item this short is a title in itself: "Thought record" from "Thought record twice a week after
# stand-up" (``ProposedAction.title``; the schedule's words are the assignment's fields).
SHORT_ITEM_CHARS = 80


def _title(proposal: ProposedAction, template: Template, *, fits: bool = True) -> str:
    """The item's words when short; otherwise the template's title, when the template fits the
    item, or the item's words cut at a word to fit a title, when it does not."""
    text = proposal.title
    if text and len(text) <= SHORT_ITEM_CHARS:
        return text
    if fits or not text:
        return template.title
    return text if len(text) <= TITLE_LIMIT else text[:TITLE_LIMIT].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def schedule_fields(proposal: ProposedAction, today: date) -> dict[str, Any]:
    """The assignment fields the item's words gave: only those they did give. A one-off's named
    day ("by Friday") is its due date, the next such day from the client's ``today``."""
    fields: dict[str, Any] = {}
    if (
        proposal.recurrence
        and "recurrence" not in proposal.missing
        and not (set(proposal.missing) & {"times_per_week", "weekdays"})
    ):
        fields["recurrence"] = proposal.recurrence
        fields["times_per_week"] = (
            proposal.times_per_week if proposal.recurrence == Recurrence.TIMES_PER_WEEK else None
        )
        fields["weekdays"] = proposal.weekdays if proposal.recurrence == Recurrence.WEEKDAYS else ""
        due = proposal.due_day(today)
        if due is not None:
            fields["end_date"] = due
    if proposal.time_of_day is not None:
        fields["preferred_time"] = proposal.time_of_day
    if proposal.minutes:
        fields["estimated_minutes"] = max(1, min(600, proposal.minutes))
    if proposal.cue:
        fields["implementation_after"] = proposal.cue
    return fields


# The second word of a verb phrase whose verb the extractor's lists don't know: a particle ("speak
# up", "check in with"), or what the verb acts on ("hug my daughter", "phone her sister"). A name of
# a practice goes on with a noun ("Thought record", "Box breathing", "Relapse signature card").
_AFTER_A_VERB = re.compile(
    r"[a-z'’-]+\s+(?:up|out|off|down|back|away|over|through|around|along|in\s+with|a|an|the|my|your|her|his"
    r"|their|our|its|this|that|these|those|some|one|someone|something|somebody|him|them|me|us|it|once|twice)\b",
    re.IGNORECASE,
)


def _verb_first(words: str) -> bool:
    """Whether the words open with a verb the extractor's lists don't name: "speak up once in the
    Wednesday team meeting", "hug my daughter"."""
    return bool(_AFTER_A_VERB.match(words))


def will_words(proposal: ProposedAction) -> str:
    """What fills "I will ___" from the item's own words: its title, the task without the words
    its schedule fields hold ("Walk for 20 minutes every morning" → "walk"). Words that name a
    practice without a verb ("Thought record") are something to do: "do thought record"; words
    that open with a verb, known to the extractor or followed by a particle or its object ("Speak
    up once in the team meeting", ``_verb_first``), and words that open with a condition ("If
    interrupted, …") are kept as they are."""
    words = proposal.title.strip().rstrip(".;:,").strip()
    if not words:
        return ""
    if not (len(words) > 1 and words[1].isupper()):
        words = words[0].lower() + words[1:]  # "PMR" stays "PMR"
    if DONT.match(words):
        words = DONT.sub("not ", words, count=1)  # "Don't check the locks" → "not check the locks"
    elif not opens_with_action(words) and not CONDITION_FIRST.match(words) and not _verb_first(words):
        words = f"do {words}"
    return words[:WILL_LIMIT]


def confirm_initial(
    therapist: User, proposal: ProposedAction, template: Template, *, blank: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The assignment form's starting values: the template's, with the item's words and schedule first.

    ``blank`` (``Start.blank``): the template does not fit the item, so its instructions and the
    fields named are not used; a skill or technique is the item's own words instead."""
    client = proposal.session.client
    initial = assign_initial(therapist, template, client)
    fits = not blank
    initial["title"] = _title(proposal, template, fits=fits)
    instructions = template.instructions if fits else ""
    initial["instructions"] = f"{proposal.task_text}\n\n{instructions}".strip()
    for name in blank:
        initial[name] = ""
    if not fits:
        initial["is_exposure"] = False
        for name in ("skill", "technique"):
            if name in blank:
                initial[name] = proposal.title[:300]
    if proposal.kind == template.kind == "skill_practice" and not initial.get("skill"):
        initial["skill"] = proposal.task_text
    if not initial.get("implementation_will"):
        initial["implementation_will"] = will_words(proposal)
    schedule = schedule_fields(proposal, client_today(client))
    if "recurrence" in schedule:
        initial["recurrence"] = schedule["recurrence"]
        initial["times_per_week"] = schedule["times_per_week"]
        initial["weekdays"] = [str(d) for d in proposal.weekday_numbers]
    elif proposal.recurrence:
        initial["recurrence"] = proposal.recurrence  # said, but without its days or times
    else:
        # The words said nothing about how often: no choice is made for the therapist (the
        # form's own default is every day), the field is marked missing and must be chosen.
        initial.pop("recurrence", None)
    if "end_date" in schedule:
        initial["end_date"] = schedule["end_date"].isoformat()
    if "preferred_time" in schedule:
        initial["preferred_time"] = f"{schedule['preferred_time']:%H:%M}"
    for name in ("estimated_minutes", "implementation_after"):
        if name in schedule:
            initial[name] = schedule[name]
    return initial


def marked_blank(blank: tuple[str, ...]) -> list[str]:
    """The fields a form started from a template that does not fit leaves for the therapist: the
    ``Start.blank`` ones the item's words did not fill (a skill or technique takes the item's words)."""
    return [name for name in blank if name not in ("skill", "technique")]


def one_click_fields(therapist: User, proposal: ProposedAction, template: Template) -> dict[str, Any]:
    """Everything ``assign_homework`` needs for a complete item: the template's "why" and smaller
    version, the item's words and its schedule, starting today on the client's calendar."""
    initial = confirm_initial(therapist, proposal, template)
    fields = {name: initial[name] for name in SPEC_FIELDS if name in initial}
    fields["implementation_will"] = initial["implementation_will"]
    fields["kind"] = template.kind
    today = client_today(proposal.session.client)
    fields.update(schedule_fields(proposal, today))
    fields["start_date"] = today
    return fields


@transaction.atomic
def assign_proposal(*, therapist: User, proposal: ProposedAction) -> Assignment | None:
    """Assign a complete item in one click, from the template of its kind that fits its words
    (``starting_template``).

    None, and nothing written, when it was already decided. HomeworkError when the
    item is not complete (the form is the way to fill in what the words didn't say),
    or when no template fits its words: another task's "why" and smaller version, or
    another text to read, are never given to the client as this one's.
    """
    start = starting_template(therapist, proposal)
    template = start.template
    if not proposal.is_complete or template is None or proposal.is_todo:
        raise HomeworkError("This item doesn't say everything an assignment needs. Fill in the rest first.")
    if not start.fits:
        raise HomeworkError(NO_FIT)
    fields = one_click_fields(therapist, proposal, template)
    return confirm_proposal(therapist=therapist, proposal=proposal, template=template, **fields)


def update_fields(proposal: ProposedAction, target: Assignment, today: date) -> dict[str, Any]:
    """What updating ``target`` from the item changes: the fields its words gave that differ.

    A one-off's words ("before the Friday meeting", "by Thursday") name a moment, not a new
    schedule for an ongoing practice, so they change nothing in a recurring assignment: updating
    then only links the agreement to it. A one-off made recurring loses its due date.
    """
    if proposal.recurrence == Recurrence.ONCE and target.recurrence != Recurrence.ONCE:
        return {}
    fields = schedule_fields(proposal, today)
    if target.recurrence == Recurrence.ONCE and fields.get("recurrence", Recurrence.ONCE) != Recurrence.ONCE:
        fields["end_date"] = None
    return {name: value for name, value in fields.items() if getattr(target, name) != value}


def update_changes(proposal: ProposedAction, today: date) -> list[str]:
    """What "Update the existing assignment" would change, in words, for the session page."""
    target = proposal.update_of
    if target is None:
        return []
    return changes_in_words(target, update_fields(proposal, target, today))


def _copy(assignment: Assignment, **fields: Any) -> Assignment:
    """An unsaved copy of ``assignment`` with ``fields`` in place of its own values."""
    copy = Assignment(**{f.attname: getattr(assignment, f.attname) for f in Assignment._meta.concrete_fields})
    for name, value in fields.items():
        setattr(copy, name, value)
    return copy


def _stored(changed_fields: dict[str, list[Any]], side: int) -> dict[str, Any]:
    """One side (0 before, 1 after) of a kept ``changed_fields``, as the assignment's own types."""
    fields = {f.name: f for f in Assignment._meta.concrete_fields}
    return {name: fields[name].to_python(values[side]) for name, values in changed_fields.items()}


def updated_in_words(proposal: ProposedAction, assignment: Assignment) -> list[str]:
    """What updating changed, in words ("when: 2 times a week → 3 times a week at 20:00", "cue: …"),
    from the fields the update kept; [] when it changed nothing or they were not kept."""
    kept = proposal.changed_fields or {}
    return changes_in_words(_copy(assignment, **_stored(kept, 0)), _stored(kept, 1))


def changes_in_words(target: Assignment, fields: dict[str, Any]) -> list[str]:
    """``fields`` applied to ``target``, in words: every schedule field an update can change."""
    changed = _copy(target, **fields)
    words = []
    when = fields.keys() & {"recurrence", "times_per_week", "weekdays", "end_date", "preferred_time"}
    if when:
        words.append(f"when: {target.schedule_text} → {changed.schedule_text}")
    if "implementation_after" in fields:
        words.append(f"cue: {target.plan_cue or 'none'} → {changed.plan_cue or 'none'}")
        if target.preferred_time is not None and not when:
            # "After lunch" with the old 08:00 would remind at breakfast: say the time stays.
            words.append(f"the time {target.preferred_time:%H:%M} stays (change it if it no longer fits)")
    if "estimated_minutes" in fields:
        words.append(f"minutes: {target.estimated_minutes or 'none'} → {changed.estimated_minutes or 'none'}")
    return words


@transaction.atomic
def update_from_proposal(*, therapist: User, proposal: ProposedAction) -> Assignment | None:
    """Apply the item's schedule to the active assignment it names, instead of assigning it again.

    The claim is the same compare-and-swap as confirming, so updating twice (or
    updating and confirming) changes the assignment once. None when already decided.
    """
    target = proposal.update_of
    client = proposal.session.client
    if (
        target is None
        or target.client_id != client.pk
        or target.status != AssignmentStatus.ACTIVE
        or not clients_of(therapist).filter(pk=client.pk).exists()
    ):
        raise HomeworkError("That assignment can't be updated any more. Make it a new assignment instead.")
    now = timezone.now()
    fields = update_fields(proposal, target, client_today(client))
    # What it was before, kept for Undo (``undo_update``).
    kept = {name: [getattr(target, name), value] for name, value in fields.items()}
    claimed = ProposedAction.objects.filter(pk=proposal.pk, status=ItemStatus.PROPOSED).update(
        status=ItemStatus.UPDATED, decided_at=now, assignment=target, changed_fields=kept
    )
    if claimed != 1:
        return None
    if fields:
        update_assignment(assignment=target, **fields)
    proposal.status, proposal.decided_at, proposal.assignment = ItemStatus.UPDATED, now, target
    proposal.changed_fields = kept
    audit.record_change(proposal, ["status", "decided_at", "assignment", "changed_fields"])
    return target


NOT_UPDATED = "That item hasn't updated any homework, so there is nothing to undo."


@transaction.atomic
def undo_update(*, proposal: ProposedAction) -> tuple[Assignment, list[str]]:
    """Undo "Update the existing assignment": the assignment gets back the fields the update
    changed (re-planned like any edit) and the item is proposed again, with its buttons.

    Refused with HomeworkError, changing nothing, when the item is not updated (undone already),
    when the homework was archived or completed since, when what it was before was not kept, or
    when the homework has been changed since in a way
    Undo would overwrite. Returns the assignment as it is again, and what was put back in words."""
    row = ProposedAction.objects.select_for_update().filter(pk=proposal.pk).first()
    if row is None or row.status != ItemStatus.UPDATED or row.assignment_id is None:
        raise HomeworkError(NOT_UPDATED)
    # The assignment's row lock before reading it (as update_assignment takes it): an edit
    # committed meanwhile is seen by the "changed since" check below, never overwritten.
    assignment = Assignment.objects.select_for_update(no_key=True).get(
        pk=row.assignment_id, client_id=proposal.session.client_id
    )
    if assignment.status in (AssignmentStatus.ARCHIVED, AssignmentStatus.COMPLETED):
        raise HomeworkError(
            f"“{assignment.title}” is {assignment.get_status_display().lower()} now, "
            "so there is nothing to undo on it."
        )
    if row.changed_fields is None:
        raise HomeworkError(
            f"Mallard didn't keep what “{assignment.title}” was before this update. "
            "Change it by hand instead."
        )
    after = _stored(row.changed_fields, 1)
    if any(getattr(assignment, name) != value for name, value in after.items()):
        raise HomeworkError(
            f"“{assignment.title}” has been changed since this update, and Undo would overwrite that. "
            "Change it by hand instead."
        )
    ProposedAction.objects.filter(pk=row.pk).update(
        status=ItemStatus.PROPOSED, decided_at=None, assignment=None, changed_fields=None
    )
    before = _stored(row.changed_fields, 0)
    words = changes_in_words(assignment, before)
    if before:
        update_assignment(assignment=assignment, **before)
    proposal.status, proposal.decided_at, proposal.assignment, proposal.changed_fields = (
        ItemStatus.PROPOSED,
        None,
        None,
        None,
    )
    audit.record_change(proposal, ["status", "decided_at", "assignment", "changed_fields"])
    return assignment, words


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
def restore_proposal(*, proposal: ProposedAction) -> bool:
    """Undo a dismissal: the item is proposed again, with its buttons. False, and nothing written,
    when it is not dismissed (restored already, or never dismissed)."""
    claimed = ProposedAction.objects.filter(pk=proposal.pk, status=ItemStatus.DISMISSED).update(
        status=ItemStatus.PROPOSED, decided_at=None
    )
    if claimed == 1:
        proposal.status, proposal.decided_at = ItemStatus.PROPOSED, None
        audit.record_change(proposal, ["status", "decided_at"])
    return claimed == 1


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
