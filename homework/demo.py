"""Six weeks of lived-in homework history for the demo clients (run by ``seed_demo``).

The history is made with the same services the app uses, then its timestamps
are moved back to the day each piece of practice happened. A fixed random seed
makes every run produce the same data; a client who already has assignments is
left alone, so running ``seed_demo`` again never duplicates anything.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from homework import services
from homework.models import (
    Assignment,
    Entry,
    FurtherExperiment,
    GoalRating,
    Kind,
    Log,
    LogStatus,
    NotDoneReason,
    Occurrence,
    Recurrence,
    Template,
)
from mallard.demo import DemoPeople
from mallard.models import User

HISTORY_DAYS = 42


@dataclass
class Plan:
    slug: str
    recurrence: str = Recurrence.DAILY
    weekdays: str = ""
    times_per_week: int | None = None
    preferred_time: time = time(20, 0)
    started_days_ago: int = HISTORY_DAYS
    ends_in_days: int | None = None
    after: str = ""
    will: str = ""
    obstacle: str = ""
    obstacle_plan: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Story:
    goal: str
    goal_ratings: list[int]
    plans: list[Plan]
    done_rate: float
    reasons: list[str]


STORIES: dict[str, Story] = {
    "jordan.ellis@example.com": Story(
        goal="Speak up at least once in every team meeting",
        goal_ratings=[2, 3, 3, 4, 5, 6],
        done_rate=0.72,
        reasons=[NotDoneReason.AVOIDED, NotDoneReason.FORGOT, NotDoneReason.NO_TIME],
        plans=[
            Plan(
                "thought-record",
                recurrence=Recurrence.TIMES_PER_WEEK,
                times_per_week=3,
                after="dinner",
                will="write down one moment my anxiety spiked today",
                obstacle="Feeling too tired in the evening",
                obstacle_plan="Do the smaller version: situation, mood and hot thought only",
            ),
            Plan(
                "skill-graded-exposure",
                recurrence=Recurrence.WEEKDAYS,
                weekdays="024",
                preferred_time=time(12, 30),
                started_days_ago=28,
                extra={"skill": "Ask one question in a meeting without rehearsing it first"},
            ),
            Plan("relaxation-paced-breathing", preferred_time=time(8, 0), after="I brush my teeth"),
        ],
    ),
    "priya.raman@example.com": Story(
        goal="Feel more in control when I get angry",
        goal_ratings=[3, 3, 4, 4, 5, 5],
        done_rate=0.66,
        reasons=[NotDoneReason.NO_TIME, NotDoneReason.TOO_HARD, NotDoneReason.NOT_HELPFUL],
        plans=[
            Plan("journal-gratitude", preferred_time=time(21, 30), after="I put the kids to bed"),
            Plan("behavioural-experiment", recurrence=Recurrence.TIMES_PER_WEEK, times_per_week=1),
            Plan(
                "skill-assertive-communication",
                recurrence=Recurrence.TIMES_PER_WEEK,
                times_per_week=2,
                started_days_ago=21,
                obstacle="My manager interrupts",
                obstacle_plan="Say: I'd like to finish my point, then I'm happy to hear yours",
            ),
        ],
    ),
    "tomas.alvarez@example.com": Story(
        goal="Leave work by 18:30 on most days",
        goal_ratings=[1, 2, 4, 4, 5, 7],
        done_rate=0.8,
        reasons=[NotDoneReason.NO_TIME, NotDoneReason.FORGOT, NotDoneReason.DIDNT_UNDERSTAND],
        plans=[
            Plan(
                "relaxation-progressive-muscle",
                recurrence=Recurrence.WEEKDAYS,
                weekdays="024",  # Mon, Wed, Fri at 19:00, as the session notes say
                preferred_time=time(19, 0),
            ),
            Plan("journal-values", recurrence=Recurrence.TIMES_PER_WEEK, times_per_week=1),
            Plan("skill-setting-boundaries", recurrence=Recurrence.TIMES_PER_WEEK, times_per_week=2),
            Plan(
                "reading-anxiety-avoidance",
                recurrence=Recurrence.ONCE,
                started_days_ago=10,
                ends_in_days=-4,
            ),
        ],
    ),
}

# Entries are dated relative to the day the demo is seeded, so their texts name no weekday:
# "Saturday afternoon" on a Thursday's thought record would read as a mistake.
THOUGHT_RECORDS: list[dict[str, Any]] = [
    {
        "situation": "Team meeting, 10am. My manager asked if anyone had questions about the new rota.",
        "moods": [("Anxious", 80, 45), ("Embarrassed", 60, 30)],
        "thoughts": [
            ("Everyone will think my question is stupid", True),
            ("My face is going red and they can all see it", False),
        ],
        "evidence_for": "Last month someone laughed when I mixed up two dates.",
        "evidence_against": "Two colleagues asked basic questions today and nobody reacted. "
        "My manager thanked Sam for asking.",
        "alternative_thought": "Questions are normal in meetings; most people are thinking about their own work.",
        "alternative_belief": 60,
    },
    {
        "situation": "A friend's birthday drinks in the afternoon. I arrived and didn't know anyone at the table.",
        "moods": [("Nervous", 70, 40), ("Lonely", 50, 35)],
        "thoughts": [("They'll wonder why I'm even here", True), ("I should just leave early", False)],
        "evidence_for": "Nobody started a conversation with me for the first ten minutes.",
        "evidence_against": "Mia introduced me to her cousin and we talked about football for half an hour.",
        "alternative_thought": "It takes a little while to warm up in a new group, and that's OK.",
        "alternative_belief": 70,
    },
    {
        "situation": "At home in the evening, replying to an email from my team lead about a missed deadline.",
        "moods": [("Worried", 75, 50), ("Ashamed", 55, 25)],
        "thoughts": [("I'm going to lose my job over this", True)],
        "evidence_for": "The deadline was important and I did miss it.",
        "evidence_against": "My last review was good. The email asked for a new date, it didn't mention consequences.",
        "alternative_thought": "One late piece of work is a problem to fix, not proof I'm bad at my job.",
        "alternative_belief": 65,
    },
]
GRATITUDE = [
    "My sister called and we laughed about our old holidays. The sun came out on my walk home. "
    "I finished the report before lunch, because I started it first thing instead of checking email.",
    "The kids tidied their room without being asked twice. A stranger held the door when my hands were full. "
    "I made time for a proper lunch break.",
    "A colleague thanked me for helping with the spreadsheet. I cooked a new recipe and it worked. "
    "I went to bed on time, which made the morning so much easier.",
]
VALUES = [
    "Health: I want to be someone who looks after their body. This week I walked to work three times. "
    "Next week: stretch for five minutes before bed.",
    "Relationships: I want to be present with my partner. We had dinner without phones twice this week. "
    "Next week: ask about her day before talking about mine.",
]
RELAXATION_COMMENTS = [
    "Shoulders were very tight at first; they loosened by the second round. Noticed warmth in my hands.",
    "Hard to focus, my mind kept going back to work, but I kept bringing it back.",
    "Felt heavy and calm afterwards. Imagined the beach near my parents' house.",
]
SKILL_NOTES: dict[str, list[tuple[Any, ...]]] = {
    "skill-graded-exposure": [
        ("Asked about the budget timeline in the team meeting without writing it down first.", 70, 75, 30),
        ("Asked the presenter a follow-up question in the all-hands.", 80, 70, 35),
        ("Disagreed politely with a suggestion in a small meeting.", 60, 55, 20),
    ],
    "skill-assertive-communication": [
        (
            "Told my manager: when I'm interrupted, I lose my train of thought, and I'd like to finish my point.",
        ),
        ("Asked my partner to split the school runs this week.",),
    ],
    "skill-setting-boundaries": [
        ("Said no to an 18:00 call and offered a slot the next morning instead.",),
        ("Told my brother I can't lend money this month, kindly and without a long explanation.",),
    ],
}


def _at(day: date, at: time, client: User) -> datetime:
    return datetime.combine(day, at, tzinfo=client.zone)


def _entry_fields(assignment: Assignment, slug: str, n: int, rng: random.Random) -> dict[str, Any]:
    match assignment.kind:
        case Kind.JOURNAL:
            texts = GRATITUDE if slug == "journal-gratitude" else VALUES
            before = rng.randint(3, 6)
            return {
                "prompt": assignment.prompt,
                "text": texts[n % len(texts)],
                "mood_before": before,
                "mood_after": min(10, before + rng.randint(0, 3)),
            }
        case Kind.RELAXATION:
            before = rng.randint(5, 8)
            return {
                "technique": assignment.technique,
                "minutes": max(1, assignment.estimated_minutes + rng.randint(-3, 3)),
                "tension_before": before,
                "tension_after": max(0, before - rng.randint(2, 4)),
                "comments": RELAXATION_COMMENTS[n % len(RELAXATION_COMMENTS)],
            }
        case Kind.SKILL_PRACTICE:
            notes = SKILL_NOTES.get(slug, [("Practised the skill as planned.",)])
            note = notes[n % len(notes)]
            fields: dict[str, Any] = {
                "skill": assignment.skill,
                "what_i_did": note[0],
                "is_exposure": assignment.is_exposure,
                "learned": "It was less awkward than I predicted, and nobody reacted badly.",
            }
            if assignment.is_exposure and len(note) == 4:
                fields.update(
                    suds_predicted=note[1],
                    suds_peak=note[2],
                    suds_end=note[3],
                    duration_minutes=rng.randint(20, 40),
                    safety_behaviours="Didn't rehearse the question; kept my hands on the table.",
                    urge_rating=rng.randint(40, 70),
                    urge_resisted=True,
                )
            return fields
        case Kind.BEHAVIORAL_EXPERIMENT:
            strength = rng.randint(65, 85)
            return {
                "belief": "If I tell my sister I'm annoyed, she'll stop speaking to me.",
                "belief_strength": strength,
                "experiment": "On our next call, tell her calmly that I felt hurt she cancelled at the last minute.",
                "prediction": "She'll get defensive and end the call.",
                "prediction_confidence": rng.randint(60, 80),
                "safety_behaviours": "Not apologising three times before saying it.",
                "outcome": "She apologised and explained work had been chaos. We made a new plan.",
                "outcome_vs_prediction": "The opposite of what I predicted.",
                "learned": "Saying how I feel, calmly, didn't push her away.",
                "belief_rerating": max(0, strength - rng.randint(25, 45)),
                "further_experiment_needed": FurtherExperiment.YES,
            }
        case Kind.READING:
            return {
                "resource_title": assignment.resource_title,
                "was_read": True,
                "takeaways": "Avoiding things gives quick relief but makes the fear bigger next time.",
                "questions": "How do I know which step of the ladder to start with?",
            }
    return {}


def _thought_record(n: int) -> tuple[dict[str, Any], list[services.MoodData], list[services.ThoughtData]]:
    record = THOUGHT_RECORDS[n % len(THOUGHT_RECORDS)]
    fields = {k: record[k] for k in ("situation", "evidence_for", "evidence_against", "alternative_thought")}
    fields["alternative_belief"] = record["alternative_belief"]
    moods = [services.MoodData(name=m, intensity=i, rerating=r) for m, i, r in record["moods"]]
    thoughts = [services.ThoughtData(text=t, is_hot=h) for t, h in record["thoughts"]]
    return fields, moods, thoughts


def _assign(people: DemoPeople, client: User, plan: Plan, today: date, goal_id: int | None) -> Assignment:
    template = Template.objects.get(slug=plan.slug)
    spec = {name: getattr(template, name) for name in services.SPEC_FIELDS}
    spec.update(plan.extra)
    assignment = services.assign_homework(
        therapist=people.therapist,
        client=client,
        template=template,
        start_date=today - timedelta(days=plan.started_days_ago),
        end_date=today + timedelta(days=plan.ends_in_days) if plan.ends_in_days is not None else None,
        recurrence=plan.recurrence,
        weekdays=plan.weekdays,
        times_per_week=plan.times_per_week,
        preferred_time=plan.preferred_time,
        implementation_after=plan.after,
        implementation_will=plan.will,
        obstacle=plan.obstacle,
        obstacle_plan=plan.obstacle_plan,
        goal_id=goal_id,
        **spec,
    )
    return assignment


def _practice_day(occurrence: Occurrence) -> date:
    """The day the practice happened: its due date, or a day spread across a weekly window."""
    if occurrence.available_from == occurrence.due_date:
        return occurrence.due_date
    return min(occurrence.due_date, occurrence.available_from + timedelta(days=2 * occurrence.slot - 1))


def _minutes_field(assignment: Assignment) -> str:
    """The worksheet's own minutes question (relaxation, exposure), or "" (docs/homework.md,
    "Minutes are asked once")."""
    if assignment.kind == Kind.RELAXATION:
        return "minutes"
    if assignment.kind == Kind.SKILL_PRACTICE and assignment.is_exposure:
        return "duration_minutes"
    return ""


def _live_through(
    client: User, story: Story, assignment: Assignment, slug: str, today: date, rng: random.Random
) -> None:
    occurrences = list(assignment.occurrences.filter(due_date__lt=today).order_by("due_date", "slot"))
    for n, occurrence in enumerate(occurrences):
        roll = rng.random()
        when = _at(_practice_day(occurrence), assignment.preferred_time or time(20, 0), client)
        if roll > 0.93:
            continue  # never logged: counts as "not logged", not as "not done"
        if roll > story.done_rate:
            services.log_occurrence(
                occurrence=occurrence,
                status=LogStatus.NOT_DONE,
                reason=rng.choice(story.reasons),
                note=rng.choice(["", "", "Busy week at work.", "I'll try again tomorrow."]),
            )
        else:
            status = rng.choices([LogStatus.DONE, LogStatus.SMALLER, LogStatus.PARTLY], weights=[7, 2, 1])[0]
            outcome = services.Outcome(
                status=status,
                minutes_spent=max(2, assignment.estimated_minutes // (2 if status != LogStatus.DONE else 1)),
                helpfulness=rng.randint(5, 9),
            )
            if assignment.kind == Kind.THOUGHT_RECORD:
                fields, moods, thoughts = _thought_record(n)
                services.save_entry(
                    occurrence=occurrence,
                    fields=fields,
                    submit=True,
                    outcome=outcome,
                    moods=moods,
                    thoughts=thoughts,
                )
            elif n % 3 != 2:
                fields = _entry_fields(assignment, slug, n, rng)
                if name := _minutes_field(assignment):
                    # Minutes are asked once: the worksheet's answer is the log's too.
                    outcome = replace(outcome, minutes_spent=fields.get(name))
                services.save_entry(
                    occurrence=occurrence,
                    fields=fields,
                    submit=True,
                    outcome=outcome,
                )
            else:
                services.log_occurrence(
                    occurrence=occurrence,
                    status=status,
                    minutes_spent=outcome.minutes_spent,
                    helpfulness=outcome.helpfulness,
                )
        Log.objects.filter(occurrence=occurrence).update(logged_at=when, updated_at=when)
        Entry.objects.filter(occurrence=occurrence).update(
            created_at=when, updated_at=when, submitted_at=when
        )


@transaction.atomic
def seed(people: DemoPeople) -> None:
    for client in people.clients:
        story = STORIES.get(client.email)
        if story is None or Assignment.objects.filter(client=client).exists():
            continue
        rng = random.Random(client.email)  # nosec B311  # repeatable demo data, not security
        today = services.client_today(client)
        goal = services.create_goal(client=client, created_by=people.therapist, text=story.goal)
        start = timezone.now() - timedelta(days=HISTORY_DAYS)
        GoalRating.objects.bulk_create(
            GoalRating(goal=goal, rating=r, rated_by=client, rated_at=start + timedelta(days=7 * i + 1))
            for i, r in enumerate(story.goal_ratings)
        )
        for plan in story.plans:
            assignment = _assign(people, client, plan, today, goal.pk)
            _live_through(client, story, assignment, plan.slug, today, rng)
            # Agreed when it started, not when the demo was seeded ("What we agreed last time").
            agreed = _at(assignment.start_date, time(12, 0), client)
            Assignment.objects.filter(pk=assignment.pk).update(created_at=agreed, updated_at=agreed)
        _finishing_touches(people.therapist, client, today)


def _finishing_touches(therapist: User, client: User, today: date) -> None:
    """A private journal entry, a draft to resume, and feedback from the therapist."""
    journal = (
        Entry.objects.filter(client=client, kind=Kind.JOURNAL, is_draft=False).order_by("-updated_at").first()
    )
    if journal is not None:
        Entry.objects.filter(pk=journal.pk).update(is_private=True)
    latest = (
        Entry.objects.filter(client=client, is_draft=False, is_private=False).order_by("-updated_at").first()
    )
    if latest is not None:
        services.leave_feedback(
            therapist=therapist,
            entry=latest,
            text="Really well done for sticking with this. Let's look at what you noticed next session.",
        )
    record_today = (
        Occurrence.objects.filter(
            client=client,
            assignment__kind=Kind.THOUGHT_RECORD,
            available_from__lte=today,
            due_date__gte=today,
        )
        .filter(log__isnull=True, entry__isnull=True)
        .first()
    )
    if record_today is not None:
        services.save_entry(
            occurrence=record_today,
            fields={
                "situation": "Lunch queue at work; a colleague I don't know well started chatting to me."
            },
            submit=False,
            moods=[services.MoodData(name="Anxious", intensity=65)],
            thoughts=[services.ThoughtData(text="I'll say something weird", is_hot=True)],
        )
