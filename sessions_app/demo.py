"""Six weeks of therapy sessions for the demo clients (run by ``seed_demo``).

Each client had a weekly session over the last six weeks: most were held, one
was cancelled and one was a no-show. Held sessions carry the therapist's
private notes and a summary for the client, written the way therapists write
them ("Homework:" with bullets, "Client agreed to ..."), so the action-item
extractor has something to find. Some held sessions have the client's
reflection, and each client has one session booked in the coming week.

Everything is made with the app's own services (which refresh the proposed
action items), then the timestamps are moved back to when it happened. A
client who already has sessions is left alone, so running it again never
duplicates anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db import transaction

from homework.models import Assignment
from mallard.demo import DemoPeople
from mallard.models import User
from sessions_app import action_items, services
from sessions_app.models import ItemStatus, ProposedAction, Reflection, SessionStatus, TherapySession

WEEKS = 6
# Tomorrow: a questionnaire asked "before each session" (measures/demo.py) is open now.
NEXT_SESSION_IN_DAYS = 1


@dataclass
class Held:
    notes: str
    summary: str
    reflection: tuple[str, str, str] | None = None


@dataclass
class Story:
    hour: time
    # Oldest first; None marks the cancelled and the no-show weeks.
    weeks: list[Held | str]
    cancelled_note: str = ""
    no_show_note: str = ""
    extra: dict[str, str] = field(default_factory=dict)


JORDAN = Story(
    hour=time(10, 0),
    cancelled_note="Jordan emailed at 08:10 to cancel: a work deadline moved. Rebooked for next week, no concerns.",
    no_show_note=(
        "Jordan did not attend and did not reply to the 10:10 check-in message. "
        "Sent a warm follow-up inviting them to book again; no sign of risk in recent entries."
    ),
    weeks=[
        Held(
            notes=(
                "Assessment continued. Social anxiety centred on meetings at work; avoids speaking, "
                "rehearses sentences, checks face in the mirror before calls. GAD-7 not repeated today.\n"
                "Formulation shared: fear of being judged -> avoidance and safety behaviours -> no chance "
                "to learn that people respond neutrally.\n\n"
                "Homework:\n"
                "- Thought record three times a week, after dinner, for one moment anxiety spiked\n"
                "- Paced breathing every morning for 5 minutes\n\n"
                "Client agreed to try the smaller version of the thought record on tired evenings."
            ),
            summary=(
                "Today we drew the anxiety cycle together: worrying about being judged leads to staying quiet, "
                "and staying quiet means you never find out how people really react.\n\n"
                "Homework:\n"
                "- Thought record three times a week, after dinner\n"
                "- Paced breathing every morning, 5 minutes\n\n"
                "On tired evenings the smaller version (situation, mood, hot thought) counts."
            ),
            reflection=(
                "Seeing the cycle drawn out. I hadn't noticed how much the mirror-checking keeps it going.",
                "Writing the thought down when it happens, not hours later.",
                "Is it normal that breathing makes me more aware of my heart at first?",
            ),
        ),
        "cancelled",
        Held(
            notes=(
                "Reviewed two thought records: good identification of hot thoughts ('everyone will think my "
                "question is stupid'). Evidence against came easily once prompted. Mood ratings dropped "
                "80 -> 45.\n"
                "Built an exposure ladder for meetings (SUDS 30 to 90).\n\n"
                "Homework:\n"
                "- Graded exposure: ask one question in a meeting without rehearsing it first, Mon/Wed/Fri\n"
                "- Keep the thought records going\n\n"
                "Client agreed to rate SUDS before, at the peak and at the end."
            ),
            summary=(
                "You spotted your hot thoughts clearly, and your anxiety came down from 80 to 45 once you "
                "looked at the evidence. We built your ladder of meeting situations.\n\n"
                "Homework:\n"
                "- Ask one question in a meeting without rehearsing it first (Mon, Wed, Fri)\n"
                "- Rate your distress before, at the peak and at the end\n"
                "- Keep going with the thought records"
            ),
        ),
        Held(
            notes=(
                "Three exposures done. Peak SUDS 75, end 30: habituation within each exposure. Noticed "
                "urge to hide hands under the table (a safety behaviour). Some avoidance on Friday (skipped).\n"
                "Discussed 'not done' as information, not failure: Friday meetings are the hardest rung.\n\n"
                "Homework:\n"
                "- Continue exposure, dropping the hands-under-table safety behaviour\n"
                "- One thought record about the Friday meeting\n\n"
                "Client agreed to tell a colleague about the plan for support."
            ),
            summary=(
                "Your distress halved during each practice, which is exactly how exposure works. "
                "Skipping Friday is useful information, not a failure: it's the hardest step on the ladder.\n\n"
                "Homework:\n"
                "- Keep practising questions in meetings, with hands on the table\n"
                "- One thought record about the Friday meeting"
            ),
            reflection=(
                "That my anxiety went down on its own while I stayed in the meeting.",
                "Keeping my hands on the table. And asking in the Friday meeting once.",
                "",
            ),
        ),
        "no_show",
        Held(
            notes=(
                "Returned after missed session; explained a bad week with low mood. Explored without "
                "judgement. Goal rating 5/10 (up from 2). Spoke up in two meetings, including Friday.\n\n"
                "Homework:\n"
                "- Disagree politely with one suggestion in a small meeting\n"
                "- Paced breathing before the Friday meeting\n\n"
                "Client agreed to send a message if they need to miss a session."
            ),
            summary=(
                "Welcome back. You spoke up twice, including in the Friday meeting, and rated your goal "
                "5 out of 10, up from 2 at the start.\n\n"
                "Homework:\n"
                "- Disagree politely with one suggestion in a small meeting\n"
                "- Paced breathing before the Friday meeting"
            ),
        ),
    ],
)

PRIYA = Story(
    hour=time(15, 0),
    cancelled_note="Priya cancelled the day before: childcare fell through. Offered a phone session; she preferred to wait.",
    no_show_note="Priya did not join the video call. Left a voicemail at 15:10. She replied later: forgot after a school event.",
    weeks=[
        "cancelled",
        Held(
            notes=(
                "Anger episodes mostly at work (manager interrupting) and with sister. Describes "
                "'going from 0 to 100' and regretting what she says. Body cues: jaw, hot face.\n"
                "Introduced gratitude journal as a low-effort start and to widen attention.\n\n"
                "Homework:\n"
                "- Gratitude journal every evening after the kids are in bed: three things\n"
                "- Notice early body cues of anger and write them down\n\n"
                "Client agreed to keep the journal short on busy nights."
            ),
            summary=(
                "We talked about how anger builds, and the early signs your body gives you (jaw, hot face).\n\n"
                "Homework:\n"
                "- Gratitude journal every evening: three things, a sentence each is plenty\n"
                "- Notice the early body signs of anger and jot them down"
            ),
            reflection=(
                "That anger has early warning signs. I always thought it came out of nowhere.",
                "Catching the jaw clench before I say something.",
                "What do I do in the moment when I notice it?",
            ),
        ),
        Held(
            notes=(
                "Journal kept 5/7 nights. Belief: 'If I tell my sister I'm annoyed, she'll stop speaking "
                "to me' (75%). Designed behavioural experiment for Sunday's call. Predicted outcome: "
                "she gets defensive and ends the call (70% confident).\n\n"
                "Homework:\n"
                "- Behavioural experiment: tell sister calmly that the last-minute cancellation hurt\n"
                "- Drop the safety behaviour of apologising three times first\n\n"
                "Client agreed to re-rate the belief afterwards."
            ),
            summary=(
                "Great work keeping the journal on five nights. We planned an experiment to test the belief "
                "that telling your sister you're annoyed will push her away.\n\n"
                "Homework:\n"
                "- On Sunday's call, tell your sister calmly how the cancellation felt\n"
                "- Try not to apologise before you say it\n"
                "- Afterwards, re-rate how strongly you believe she'd stop speaking to you"
            ),
        ),
        Held(
            notes=(
                "Experiment outcome: sister apologised; belief re-rated 35%. Client surprised. Moved to "
                "assertive communication with manager. Role-played 'I'd like to finish my point'.\n\n"
                "Homework:\n"
                "- Assertive communication practice twice a week\n"
                "- Use the script when interrupted in the team meeting\n\n"
                "Client agreed to note the manager's response and her own anger rating 0-10."
            ),
            summary=(
                "Your experiment went the opposite way to your prediction: your sister apologised, and your "
                "belief dropped from 75% to 35%. We practised what to say when you're interrupted.\n\n"
                "Homework:\n"
                "- Practise assertive communication twice a week\n"
                "- When interrupted, try: \"I'd like to finish my point, then I'm happy to hear yours\""
            ),
            reflection=(
                "Role-playing with you. Saying the words out loud made them feel possible.",
                "The 'finish my point' sentence, at least once this week.",
                "How do I handle it if he keeps interrupting anyway?",
            ),
        ),
        "no_show",
        Held(
            notes=(
                "Used the script twice; once it worked, once manager carried on. Anger 6/10 vs 9/10 before. "
                "Discussed broken-record technique. Some 'not helpful' logs on the journal: reviewed "
                "purpose; she'd like to switch to an anger log instead.\n\n"
                "Homework:\n"
                "- Broken-record technique if interrupted again\n"
                "- Consider swapping the gratitude journal for an anger log next week\n\n"
                "Client agreed to bring two examples to the next session."
            ),
            summary=(
                "You used your script twice, and your anger peaked at 6 instead of 9. Next we'll try "
                "calmly repeating your point if you're interrupted again.\n\n"
                "Homework:\n"
                "- If interrupted, calmly repeat your point (the broken-record technique)\n"
                "- Bring two examples to our next session"
            ),
        ),
    ],
)

TOMAS = Story(
    hour=time(12, 0),
    cancelled_note="Session cancelled by therapist (illness). Tomás informed by email the day before; rebooked.",
    no_show_note="Tomás did not attend. Message the next morning: stayed late for an audit and forgot. Reassured him.",
    weeks=[
        Held(
            notes=(
                "Working until 20:00-21:00 most days; difficulty saying no to colleagues' requests. Tension "
                "headaches, poor sleep. Values: health and relationships. Goal: leave by 18:30 most days.\n\n"
                "Homework:\n"
                "- Progressive muscle relaxation Mon/Wed/Fri at 19:00\n"
                "- Values journal once a week\n\n"
                "Client agreed to set a phone alarm for 18:15."
            ),
            summary=(
                "We talked about the long hours, the headaches and what matters most to you: your health and "
                "your relationships. Your goal is to leave by 18:30 on most days.\n\n"
                "Homework:\n"
                "- Progressive muscle relaxation on Mon, Wed and Fri at 19:00\n"
                "- One values journal entry this week\n"
                "- Set a phone alarm for 18:15"
            ),
            reflection=(
                "Writing my values down made it obvious how far my week is from them.",
                "Leaving when the alarm goes, at least twice.",
                "",
            ),
        ),
        Held(
            notes=(
                "PMR done 3/3, tension 7 -> 3. Left by 18:30 twice. Difficulty when manager asks for "
                "'quick' favours at 17:45. Practised declining with an alternative.\n\n"
                "Homework:\n"
                "- Setting boundaries twice a week: decline a late request and offer another time\n"
                "- Continue PMR\n\n"
                "Client agreed to keep the explanation short."
            ),
            summary=(
                "Relaxation brought your tension down from 7 to 3, and you left on time twice. We practised "
                "saying no to late requests while offering another time.\n\n"
                "Homework:\n"
                "- Twice this week, decline a late request and offer a time the next morning\n"
                "- Keep up the muscle relaxation"
            ),
        ),
        "no_show",
        Held(
            notes=(
                "Discussed missed session without blame: audit week. Anxiety about saying no is linked to "
                "avoidance; gave reading on anxiety and avoidance. Some 'didn't understand' logs on the "
                "values journal: clarified the prompt.\n\n"
                "Homework:\n"
                "- Read the handout on anxiety and avoidance, note one question\n"
                "- Values journal: one small action for each value\n\n"
                "Client agreed to read it before Thursday."
            ),
            summary=(
                "Audit weeks happen. We looked at how avoiding saying no keeps the worry going, and "
                "clarified the values journal.\n\n"
                "Homework:\n"
                "- Read the handout on anxiety and avoidance and note one question\n"
                "- In your values journal, write one small action for each value"
            ),
            reflection=(
                "Avoidance gives quick relief but makes it worse next time. That's exactly my 17:45 pattern.",
                "Saying no to one late request without apologising.",
                "How do I know which step to start with?",
            ),
        ),
        "cancelled",
        Held(
            notes=(
                "Left by 18:30 on 4 of 5 days. Goal rating 7/10. Headaches less frequent. Brother asked for "
                "money; he declined kindly. Planning for relapse: busy season in March.\n\n"
                "Homework:\n"
                "- Write a short plan for the busy season: early signs and what helps\n"
                "- Continue setting boundaries twice a week\n\n"
                "Client agreed to bring the plan next time."
            ),
            summary=(
                "You left on time on four days out of five and rated your goal 7 out of 10. "
                "We started planning for the busy season in March.\n\n"
                "Homework:\n"
                "- Write a short plan for the busy season: early signs, and what helps\n"
                "- Keep setting boundaries twice a week"
            ),
        ),
    ],
)

STORIES = {
    "jordan.ellis@example.com": JORDAN,
    "priya.raman@example.com": PRIYA,
    "tomas.alvarez@example.com": TOMAS,
}


def _starts(therapist: User, story: Story, weeks_ago: int) -> datetime:
    """The session's start in the therapist's zone, ``weeks_ago`` weeks before the next one."""
    first = therapist.local_now().date() + timedelta(days=NEXT_SESSION_IN_DAYS)
    return datetime.combine(first - timedelta(weeks=weeks_ago), story.hour, tzinfo=therapist.zone)


def _backdate(session: TherapySession) -> None:
    """Make the timestamps say the notes were written just after the session."""
    written = session.ends_at + timedelta(minutes=20)
    TherapySession.objects.filter(pk=session.pk).update(created_at=written, updated_at=written)


def _seed_client(therapist: User, client: User, story: Story) -> None:
    for index, week in enumerate(story.weeks):
        starts_at = _starts(therapist, story, WEEKS - index)
        if isinstance(week, Held):
            status, notes, summary = SessionStatus.HELD, week.notes, week.summary
        elif week == "cancelled":
            status, notes, summary = SessionStatus.CANCELLED, story.cancelled_note, ""
        else:
            status, notes, summary = SessionStatus.NO_SHOW, story.no_show_note, ""
        saved = services.schedule_session(
            therapist=therapist,
            client=client,
            starts_at=starts_at,
            duration_minutes=50,
            status=status,
            private_notes=notes,
            summary=summary,
        )
        _backdate(saved.session)
        if isinstance(week, Held) and week.reflection is not None:
            stood_out, practise, questions = week.reflection
            services.save_reflection(
                session=saved.session,
                client=client,
                stood_out=stood_out,
                want_to_practise=practise,
                questions=questions,
            )
            written = saved.session.ends_at + timedelta(days=1, hours=3)
            Reflection.objects.filter(session=saved.session).update(created_at=written, updated_at=written)
    services.schedule_session(
        therapist=therapist,
        client=client,
        starts_at=_starts(therapist, story, 0),
        duration_minutes=50,
    )
    _decide_proposals(therapist, client)


def _schedule_of(assignment: Assignment) -> dict[str, object]:
    """The schedule an item carried, as the assignment it became has it."""
    return {
        "recurrence": assignment.recurrence,
        "times_per_week": assignment.times_per_week,
        "weekdays": assignment.weekdays,
        "time_of_day": assignment.preferred_time,
        "cue": assignment.implementation_after,
        "minutes": assignment.estimated_minutes,
    }


def _decide_proposals(therapist: User, client: User) -> None:
    """Earlier sessions' action items were dealt with at the time: those that match the
    client's homework became it (and carry its schedule), the rest were dismissed. The
    latest session's first item that names one of the client's assignments updates it,
    as the therapist would with "Update the existing assignment": the client gets no
    second card for the same practice, and the next session shows it under "What we
    agreed last time". Its other items wait for the therapist."""
    held = list(TherapySession.objects.filter(client=client, status=SessionStatus.HELD).order_by("starts_at"))
    if not held:
        return
    unlinked = {
        assignment.kind: assignment
        for assignment in Assignment.objects.filter(client=client, proposals__isnull=True).order_by("-pk")
    }
    for session in held[:-1]:
        for proposal in action_items.proposals_for(session):
            if proposal.status != ItemStatus.PROPOSED:
                continue
            assignment = unlinked.pop(proposal.kind, None)
            if assignment is None:
                action_items.dismiss_proposal(proposal=proposal)
            else:
                ProposedAction.objects.filter(pk=proposal.pk).update(
                    status=ItemStatus.CONFIRMED,
                    assignment=assignment,
                    decided_at=session.ends_at,
                    update_of=None,
                    **_schedule_of(assignment),
                )
    latest = held[-1]
    update = next((p for p in action_items.proposals_for(latest) if p.update_of_id and not p.is_todo), None)
    if update is None:
        return
    updated = action_items.update_from_proposal(therapist=therapist, proposal=update)
    if updated is not None:
        agreed = latest.ends_at - timedelta(minutes=5)
        Assignment.objects.filter(pk=updated.pk).update(updated_at=agreed)
        ProposedAction.objects.filter(pk=update.pk).update(decided_at=agreed, **_schedule_of(updated))


@transaction.atomic
def seed(people: DemoPeople) -> None:
    for client in people.clients:
        story = STORIES.get(client.email)
        if story is None or TherapySession.objects.filter(client=client).exists():
            continue
        _seed_client(people.therapist, client, story)
