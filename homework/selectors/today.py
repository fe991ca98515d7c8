"""What the client sees on Today: due now, still open from the past week (a one-off until it is
logged), and logged today.

One query fetches every relevant occurrence with its assignment, log and entry,
reading only the fields a card shows; the rest is Python. Weekly-quota slots that share a
window become one card.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from functools import cached_property

from django.db.models import OuterRef, Q, Subquery

from homework.hooks import OwnReminder, ReminderOutcome
from homework.models import (
    Assignment,
    AssignmentStatus,
    Entry,
    Log,
    LogStatus,
    NotDoneReason,
    Occurrence,
    OneOffState,
    Recurrence,
    Skip,
)
from homework.selectors.nudges import ASK, SMALLER, SMALLER_AND_CUE, Nudge, nudges_for, said_not_done
from mallard.lib.dates import local_date
from mallard.models import User

OVERDUE_DAYS = 7  # how far back unlogged occurrences are still offered
WHAT_TO_DO_LENGTH = 140  # characters of the instructions a card shows on a phone


def what_to_do(instructions: str, limit: int = WHAT_TO_DO_LENGTH) -> str:
    """A short "What to do": the instructions' first paragraph, cut after a sentence (or else a
    word) within ``limit`` characters, with " …" when something was left out."""
    paragraphs = [p for p in instructions.replace("\r\n", "\n").split("\n\n") if p.strip()]
    if not paragraphs:
        return ""
    text = " ".join(paragraphs[0].split())
    more = len(paragraphs) > 1
    if len(text) > limit:
        more = True
        cut = text[: limit + 1]
        sentence = max(cut.rfind(end) for end in (". ", "! ", "? "))
        if sentence >= limit // 2:
            text = cut[: sentence + 1]
        else:
            space = cut.rfind(" ")
            text = (cut[:space] if space > 0 else cut[:limit]).rstrip(",;:")
    return f"{text} …" if more else text


# Everything Today's cards read (``TodayCard.shown``), and the schedule in words
# (``Assignment.schedule_text``) that the reflection page lists beside them: the query loads no
# more, and reading any other field loads it as deferred fields are.
_TODAY_FIELDS = (
    "due_date",
    "available_from",
    "slot",
    "left_schedule_on",
    "assignment",
    "client",
    "assignment__client",
    "assignment__kind",
    "assignment__title",
    "assignment__instructions",
    "assignment__rationale",
    "assignment__estimated_minutes",
    "assignment__smaller_version",
    "assignment__implementation_after",
    "assignment__implementation_will",
    "assignment__preferred_time",
    "assignment__client_time",
    "assignment__recurrence",
    "assignment__status",
    "assignment__start_date",
    "assignment__end_date",
    "assignment__weekdays",
    "assignment__times_per_week",
    "log__occurrence",
    "log__client",
    "log__status",
    "log__reason",
    "log__logged_at",
    "log__note",
    "entry__occurrence",
    "entry__client",
    "entry__is_draft",
)


@dataclass
class TodayCard:
    """One thing to practise: an occurrence, or the next open slot of a weekly quota."""

    occurrence: Occurrence
    slots: list[Occurrence] = field(default_factory=list)
    skipped: str | None = None  # the reason for "not today", said today
    nudge: Nudge | None = None  # the same reason twice in 14 days (homework.selectors.nudges)

    @property
    def assignment(self) -> Assignment:
        return self.occurrence.assignment

    # Cached: a missing log or entry raises (and swallows) an exception on each read, and the
    # Today template reads both several times per card.
    @cached_property
    def log(self) -> Log | None:
        return getattr(self.occurrence, "log", None)

    @cached_property
    def entry(self) -> Entry | None:
        return getattr(self.occurrence, "entry", None)

    @property
    def has_draft(self) -> bool:
        return self.entry is not None and self.entry.is_draft

    @property
    def is_quota(self) -> bool:
        return self.assignment.recurrence == Recurrence.TIMES_PER_WEEK

    @property
    def slots_total(self) -> int:
        return len(self.slots)

    @property
    def slots_left(self) -> int:
        return sum(1 for s in self.slots if getattr(s, "log", None) is None)

    def when(self, today: date, zone: tzinfo | None = None) -> str:
        """What the card says after the kind of homework: its week, or how long it stays open. A
        one-off logged as done says so, as its assignment's page does ("Done on 7 December")."""
        due = self.occurrence.due_date
        assignment = self.assignment
        if self.log is not None and assignment.recurrence == Recurrence.ONCE:
            logged_on = local_date(self.log.logged_at, zone) if zone is not None else today
            state = OneOffState(
                opens=self.occurrence.available_from,
                due=due,
                today=today,
                log_status=self.log.status,
                logged_on=logged_on,
                reason=self.log.reason,
            )
            # "Not done" is said beside it, with the reason; the card then only dates it.
            if state.is_done:
                return f" · {state.text}"
            return f" · Was due by {day_text(due)}" if due < today else f" · Due by {day_text(due)}"
        if self.is_quota and self.log is not None:
            return f" · One of your {self.slots_total} for the week ending {day_text(due)}"
        if self.is_quota and due < today:
            return (
                f" · {self.slots_left} of {self.slots_total} from the week ending {day_text(due)} still open"
            )
        if self.is_quota:
            text = f" · {self.slots_left} of {self.slots_total} this week left"
            n = self.assignment.times_per_week or 1
            if self.slots_total < n:  # a part week is pro-rated (Assignment.slots_in_window)
                text += f" (a part week: {n} in a full week)"
            return text
        if due < today and self.assignment.recurrence == Recurrence.ONCE:
            # As the therapist's pages and the assignment's page say it, however long ago it was due.
            state = OneOffState(opens=self.occurrence.available_from, due=due, today=today)
            return f" · {state.text}, still open"
        if due < today and self.log is not None:  # an earlier day, logged today: no longer open
            return f" · For {day_text(due)}"
        if due < today:
            return f" · Still open from {day_text(due)}"
        if self.occurrence.available_from < due:
            return f" · Any day until {day_text(due)}"
        return ""

    def shown(
        self, today: date, links: CardLinks, zone: tzinfo | None = None, own: OwnReminder | None = None
    ) -> ShownCard:
        """Everything the Today template prints for the card, as ready-made values. ``own`` is what
        becomes of the reminder at the client's own time (``homework.hooks.own_reminders_for``);
        without it, the reminder is said to come at that time."""
        assignment = self.assignment
        minutes = assignment.estimated_minutes
        log = self.log
        entry = self.entry
        logged_text = ""
        if log is not None:
            logged_text = (
                f"Not done this time. Reason: “{log.get_reason_display()}”"
                if log.status == LogStatus.NOT_DONE
                else str(log.get_status_display())
            )
        return ShownCard(
            id=self.occurrence.pk,
            id_text=str(self.occurrence.pk),
            title=assignment.title,
            kind_label=assignment.kind_label,
            when=self.when(today, zone),
            rationale=assignment.rationale,
            minutes=f"About {minutes} minute{'' if minutes == 1 else 's'}",
            # The time agreed with the therapist, as the assignment's schedule says it; and, when the
            # client chose their own time, when its reminder actually comes.
            preferred=f"{at:%H:%M}" if (at := assignment.preferred_time) else "",
            reminder=_reminder_text(assignment, own),
            smaller_version=assignment.smaller_version,
            plan=assignment.plan_text,
            logged=log is not None,
            logged_done=log is not None and log.counts_as_done,
            logged_text=logged_text,
            note="" if log is None else log.note,
            has_entry=entry is not None,
            has_draft=self.has_draft,
            submitted=entry is not None and not entry.is_draft,
            links=links,
            what_to_do=what_to_do(assignment.instructions),
            can_skip=log is None and self.occurrence.available_from <= today < self.occurrence.due_date,
            skipped_text=(
                "" if self.skipped is None else f"Not today. Reason: “{NotDoneReason(self.skipped).label}”"
            ),
            smaller_first=bool(assignment.smaller_version)
            and self.nudge is not None
            and self.nudge.kind in (SMALLER, SMALLER_AND_CUE),
            suggest_cue=self.nudge is not None and self.nudge.kind == SMALLER_AND_CUE,
            has_plan=bool(assignment.implementation_after or assignment.implementation_will),
            offer_ask=self.nudge is not None and self.nudge.kind == ASK and not self.nudge.asked,
            asked=self.nudge is not None and self.nudge.kind == ASK and self.nudge.asked,
        )


@dataclass(frozen=True, slots=True)
class CardLinks:
    """Where a card's buttons and links go (the view reverses each URL once per page)."""

    quick_log: str
    not_done: str
    entry_form: str
    assignment: str
    entry: str = ""  # the card's worksheet, when it has one
    ask: str = ""  # "ask at the next session"
    reminders: str = ""  # the client's reminder preferences


@dataclass(frozen=True, slots=True)
class ShownCard:
    """One card as the Today template prints it: plain values, worked out once."""

    id: int  # the occurrence's
    id_text: str  # the same, for the card's HTML ids: the template formats an int as a number each time
    title: str
    kind_label: str
    when: str  # after the kind: " · Any day until Friday 12 June", or ""
    rationale: str
    minutes: str  # "About 10 minutes"
    preferred: str  # "07:05": the agreed time (``Assignment.preferred_time``), or "" when there is none
    reminder: str  # "reminder at 06:45": what becomes of the client's own time (``reminder_text``), or ""
    smaller_version: str
    plan: str  # "After stand-up, I will open the worksheet.", either half alone, or "" (``plan_text``)
    logged: bool
    logged_done: bool  # logged as done, the smaller version or partly
    logged_text: str  # what was logged, in words
    note: str  # the client's note on the log, or ""
    has_entry: bool
    has_draft: bool
    submitted: bool
    links: CardLinks
    what_to_do: str = ""  # the instructions, shortened for a phone
    can_skip: bool = False  # "Not today" fits: open today and on a later day
    skipped_text: str = ""  # "Not today. Reason: …" when the client said so today
    smaller_first: bool = False  # a repeated "no time", "forgot", "too hard" or "avoided"
    suggest_cue: bool = False  # a repeated "no time" or "forgot": an "After ___" cue or another time
    has_plan: bool = False  # the assignment already has a plan (either half of "After ___, I will ___")
    offer_ask: bool = False  # a repeated "wasn't sure what to do": "ask at the next session"
    asked: bool = False  # that question is already saved


@dataclass
class TodayPage:
    today: date
    due: list[TodayCard]
    overdue: list[TodayCard]
    logged: list[TodayCard]
    later: list[TodayCard] = field(default_factory=list)  # open now, due on a later day this week
    zone: tzinfo | None = None  # the client's, for the day a log was written

    @property
    def is_empty(self) -> bool:
        return not (self.due or self.overdue or self.logged or self.later)

    @property
    def overdue_heading(self) -> str:
        """The heading over ``overdue``: a one-off due longer ago is not "from the past week"."""
        week_ago = self.today - timedelta(days=OVERDUE_DAYS)
        if all(card.occurrence.due_date >= week_ago for card in self.overdue):
            return "Still open from the past week"
        return "Still open from earlier days"


def reminder_text(own: OwnReminder) -> str:
    """Today's words for the reminder at the client's own time, as it actually comes."""
    match own.outcome:
        case ReminderOutcome.AFTER_QUIET_HOURS:
            return f"reminder at {own.at:%H:%M} (after your quiet hours)"
        case ReminderOutcome.IN_QUIET_HOURS:
            return f"no reminder: {own.chosen:%H:%M} is in your quiet hours"
        case ReminderOutcome.OFF:
            return "reminders are off"
    return f"reminder at {own.chosen:%H:%M}"


def _reminder_text(assignment: Assignment, own: OwnReminder | None) -> str:
    """``reminder_text`` for the card, capitalised when it comes first (no agreed time before it)."""
    chosen = assignment.client_time
    if chosen is None:
        return ""
    text = reminder_text(own if own is not None and own.chosen == chosen else OwnReminder.as_chosen(chosen))
    return text if assignment.preferred_time else text[0].upper() + text[1:]


def own_reminder_times(page: TodayPage) -> dict[int, time]:
    """The client's own time of each assignment on the page that has one: {assignment id: time}."""
    cards = (*page.due, *page.overdue, *page.logged, *page.later)
    return {card.occurrence.assignment_id: at for card in cards if (at := card.assignment.client_time)}


def day_text(day: date) -> str:
    """“Monday 3 March”, as the ``date`` filter's "l j F"."""
    return f"{day:%A} {day.day} {day:%B}"


def _logged_on(client: User, log: Log) -> date:
    return log.logged_at.astimezone(client.zone).date()


def _open_slots(slots: list[Occurrence]) -> list[Occurrence]:
    """The slots of one day (or week) still to log, in order: the first is its card's. A past day a
    change of schedule left out is in the record, not offered as overdue."""
    return [s for s in slots if getattr(s, "log", None) is None and s.left_schedule_on is None]


def _in_reach(client: User, today: date, occurrence: Occurrence, assignment: Assignment) -> bool:
    """Whether Today looks at ``occurrence`` at all (``_occurrences`` asks the same of the
    database): due in the past week or later; or a one-off's day, however long ago, that is not
    logged yet (nor left out by a new due date) or was logged today. A one-off stays until it is
    logged or its assignment ends: a late one-off is still the client's to do."""
    if occurrence.due_date >= today - timedelta(days=OVERDUE_DAYS):
        return True
    if assignment.recurrence != Recurrence.ONCE:
        return False
    log = getattr(occurrence, "log", None)
    if log is None:
        return occurrence.left_schedule_on is None
    return _logged_on(client, log) == today


def _shows_logged(client: User, today: date, occurrence: Occurrence) -> bool:
    """Whether a logged occurrence has a card under "Logged today": logged today, or today's own day."""
    log = getattr(occurrence, "log", None)
    if log is None:
        return False
    return _logged_on(client, log) == today or occurrence.due_date == occurrence.available_from == today


def worksheet_offers(
    client: User, assignment: Assignment, occurrences: list[Occurrence], today: date
) -> set[int]:
    """The ids of those of ``occurrences`` (one assignment's, each with its log and entry) that
    Today offers "Fill in the worksheet" for: those with a card (``today_page``: an active
    assignment, opened, due in the past week or later, the first slot of its day still to log, or
    logged today) and no worksheet yet. Other pages offer it on the same days."""
    if assignment.status != AssignmentStatus.ACTIVE:
        return set()
    groups: dict[date, list[Occurrence]] = {}
    for occurrence in sorted(occurrences, key=lambda o: (o.due_date, o.slot)):
        if occurrence.available_from <= today and _in_reach(client, today, occurrence, assignment):
            groups.setdefault(occurrence.due_date, []).append(occurrence)
    carded = {s.pk for slots in groups.values() for s in slots if _shows_logged(client, today, s)}
    carded.update(open_slots[0].pk for slots in groups.values() if (open_slots := _open_slots(slots)))
    return {o.pk for o in occurrences if o.pk in carded and getattr(o, "entry", None) is None}


def still_open(client: User, assignment: Assignment, occurrences: list[Occurrence], today: date) -> set[int]:
    """The ids of those of ``occurrences`` (one assignment's, each with its log) whose day is over
    but which Today still lists as open (its "Still open from …" cards): an active assignment's
    days due in the past week (a one-off's however long ago), not logged and not left out by a
    change of schedule. They can still be logged, so the assignment's page calls them still open,
    as Today does, not "not logged"."""
    if assignment.status != AssignmentStatus.ACTIVE:
        return set()
    return {
        o.pk
        for o in occurrences
        if o.due_date < today
        and o.available_from <= today
        and getattr(o, "log", None) is None
        and o.left_schedule_on is None
        and _in_reach(client, today, o, assignment)
    }


def _card_order(occurrence: Occurrence) -> tuple[date, bool, time, int, int]:
    """By due date, then the practice's time (none last), assignment and slot."""
    preferred = occurrence.assignment.practice_time
    return (
        occurrence.due_date,
        preferred is None,
        preferred or time.min,
        occurrence.assignment_id,
        occurrence.slot,
    )


def _occurrences(client: User, today: date, *, skips: bool) -> list[Occurrence]:
    """The client's occurrences open by ``today`` and in reach (``_in_reach``: due in the last week
    or later, or a one-off's day not logged yet or logged today), of active assignments, each with
    its assignment, log and entry (``None`` where there is none), and with ``skips`` the reason of
    any "not today" said today (``skipped_reason``)."""
    one_off = Q(assignment__recurrence=Recurrence.ONCE)
    in_reach = (
        Q(due_date__gte=today - timedelta(days=OVERDUE_DAYS))
        | (one_off & Q(log__isnull=True, left_schedule_on__isnull=True))
        | (one_off & Q(log__logged_at__gte=datetime.combine(today, time.min, tzinfo=client.zone)))
    )
    rows = (
        Occurrence.objects.filter(
            in_reach,
            client=client,
            assignment__status=AssignmentStatus.ACTIVE,
            available_from__lte=today,
        )
        .select_related("assignment", "log", "entry")
        .only(*_TODAY_FIELDS)
        .order_by()  # sorted in Python (``_card_order``): a few rows, by the assignment's time
    )
    if skips:
        # At most one skip per occurrence and day (``one_skip_per_occurrence_day``): no order needed.
        said_today = Skip.objects.filter(occurrence=OuterRef("pk"), day=today).order_by()
        rows = rows.annotate(skipped_reason=Subquery(said_today.values("reason")[:1]))
    return list(rows)


def today_page(client: User, today: date, *, nudges: bool = True) -> TodayPage:
    """Cards for ``today`` (the client's local date): one query for the occurrences, and one for
    what the client said "not done" or "not today" to lately (``said_not_done``), which gives both
    the nudges and any "not today" said today (a third query when a nudge is "ask at the next
    session"). With ``nudges=False``, for pages that list the homework without offering anything,
    the occurrences' query reads the "not today" said today itself: one query in all.

    "Today's practice" holds what is due today; what is open now but due on a later day (a
    weekly quota's slots, a several-day window, or anything the client said "not today" to)
    sits under "Later this week"."""
    occurrences = _occurrences(client, today, skips=not nudges)
    if nudges:
        said = said_not_done(client, today)
        skipped = {s.occurrence_id: s.reason for s in said if s.day == today}
        offers = nudges_for(client, today, said)
    else:
        skipped = {o.pk: r for o in occurrences if (r := getattr(o, "skipped_reason", None))}
        offers = {}
    groups: dict[tuple[int, date], list[Occurrence]] = {}
    for occurrence in sorted(occurrences, key=_card_order):
        groups.setdefault((occurrence.assignment_id, occurrence.due_date), []).append(occurrence)

    due: list[TodayCard] = []
    overdue: list[TodayCard] = []
    logged: list[TodayCard] = []
    later: list[TodayCard] = []
    for slots in groups.values():
        open_slots = _open_slots(slots)
        logged.extend(TodayCard(occurrence=s, slots=slots) for s in slots if _shows_logged(client, today, s))
        if open_slots:
            first = open_slots[0]
            card = TodayCard(
                occurrence=first,
                slots=slots,
                skipped=skipped.get(first.pk),
                nudge=offers.get(first.assignment_id),
            )
            if slots[0].due_date < today:
                overdue.append(card)
            elif slots[0].due_date == today and card.skipped is None:
                due.append(card)
            else:
                later.append(card)
    overdue.reverse()  # the most recent first
    return TodayPage(today=today, due=due, overdue=overdue, logged=logged, later=later, zone=client.zone)


def skip_said_today(occurrence: Occurrence, today: date) -> Skip | None:
    """The "not today" the client said to ``occurrence`` on ``today``, if any (at most one)."""
    return Skip.objects.filter(occurrence=occurrence, day=today).first()
