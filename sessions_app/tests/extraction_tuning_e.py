"""Batch e: an independent labelled batch of session texts for tuning the action-item extractor.

This batch was written without sight of the extractor (sessions_app/extraction.py,
sessions_app/action_items.py), its rules (docs/action-items.md), its tests or the other
corpora (extraction_tuning*.py, extraction_heldout.py). Only the scoring format in
sessions_app/tests/extraction_eval.py, the ``Kind`` and ``Recurrence`` values in
homework/models.py and the clinical notes in CLINICAL.md were read. All names and details
are invented.

Labelling rules used for this batch
-----------------------------------
- ``span`` is the core of the item, copied exactly from the text: a bullet's (or table
  row's) text without its mark and trailing punctuation; inside a sentence, the clause from
  the action verb ("Client to walk 20 min" -> "walk 20 min"). Two tasks joined by "and" are
  two items; a verb pair that is one action ("listen and summarise", "touch ... and NOT wash"
  as one ERP step) stays one item.
- Non-items are left unlabelled on purpose: the therapist's own tasks, arrangements
  (rescheduling, e-mailing, bringing sheets to the next session), risk and safety lines
  (safety plans, crisis numbers, texting a sponsor when urges rise), medication, history,
  discussion, refusals and things not agreed, other people's tasks (a parent, a partner
  outside couples work, the GP), questions, predictions, permissions, diagnoses and scores.
- Schedule fields say only what the item's own words state.
  * "daily": every day, each morning/evening/afternoon, nightly, "a day", "/day", "per day",
    "bd", "qd" and twice daily.
  * "times_per_week": "N times a week", "3x/week", "x5/wk", "twice this week", "once this
    week" (1), "aim for 3 this week", "at least three times" in a week's plan, "every other
    day" (3).
  * "weekdays": two or more named days ("Mon/Wed/Fri", "Tue and Thu"), weekdays or
    "every school day" (0-4), weeknights (taken as Monday-Friday, 0-4), weekends (5, 6);
    Monday is 0.
  * "once": "by Friday", a single named day on its own ("on Friday", "Sat", "Thursday's
    meeting"), "before/by the next session", "before we next meet", "this weekend",
    "today"; ``weekdays`` holds the due day when one is named.
  * A bare count ("TR x3", "x2") states no schedule; nor does "this week" alone, "within a
    day of", or a limit such as "more than once".
  * ``time_of_day`` only when a clock time is given ("8pm", "6:30pm", "12:15am", "eleven
    forty five pm", "by 10am"); with a range the first time is used.
  * ``cue`` only from "after/when/before ___", kept with its opening word ("after dinner",
    "before bed", "when urges hit"); "if ___", "each time ___" and deadlines are not cues.
  * ``minutes`` from "10 min", "ten minutes", "half an hour", "an hour", "1 hr", "a
    3-minute ..."; seconds give nothing, and neither does a sleep window's length ("TIB 6h")
    or a gap ("within a day of").
  * Habits described in the past, or being given up, do not lend their schedule to an item.
- ``kind`` only when the words make it clear: thought records (TR, evidence for/against a
  thought), behavioural experiments (BE, "experiment", testing a prediction), journaling
  (letters not sent, gratitude, writing about the week), relaxation and mindfulness
  (breathing, PMR, body scan, grounding, leaves on a stream, wise mind), reading and
  psychoeducation (handouts, chapters, leaflets, a psychoeducation video), skill practice
  and exposure (ERP steps, exposure tasks, DBT skills such as DEAR MAN, assertive or
  boundary-setting tasks, opposite action). Behavioural activation activities, sleep
  restriction and stimulus control, worry time, self-monitoring (sleep diary, diary card,
  mood or activity log) and plain self-care get None: no kind of the six fits them.

Relabelled to the conventions of docs/action-items.md, before the batch was first scored
---------------------------------------------------------------------------------------
The writer's labels above are kept except where they break a convention that page defines,
as earlier batches were relabelled (never to suit the rules):

- Kinds. 96 items labelled None get the kind the page's conventions give: an action with a
  verb that names no other kind is ``skill_practice`` (behavioural activation, sleep
  restriction and stimulus control, sleep routines, worry time and postponement, urge
  surfing, couples' check-ins, plain self-care, prohibitions such as "No naps"), 79 items;
  self-monitoring on a diary, chart, card or sheet is ``journal`` (sleep diary, diary card
  and "DC", mood chart, mood log, "Mood rating ... in the app", "rate mood and enjoyment on
  the sheet", "Mastery/pleasure ratings", "Panic diary", "jot it in my phone notes",
  "write ... them down", a written to-do list, a values card sort), 17 items. The
  activity schedule filled in each evening stays ``skill_practice`` (an activity log is
  skill practice there). No item is left without a kind: each is an action, a prohibition
  or a practice a kind names.

Scored once with the rules from before this batch's round (after the relabelling): 155
found, 122 matched; precision 0.787, recall 0.670, kind 0.910, schedule 0.910.
- "once this week" is ``once`` (the page: *once this week* is once, not once a week):
  "Practising opposite action once this week (...)".
- "each time ..." is a cue (the page: *each time / every time* start a cue), so "do a
  thought record each time she feels the urge to check" carries it.
- "at the weekend" is ``once`` due Saturday (the page: *at the weekend* is once, due
  Saturday; *at weekends* is Saturday and Sunday): "2 x 20 min walks at the weekend" and
  "Don't carry bank card at the weekend".
"""

from __future__ import annotations

from datetime import time

from sessions_app.tests.extraction_eval import (
    BE,
    JOURNAL,
    READ,
    RELAX,
    SKILL,
    TR,
    WEEKDAYS,
    WEEKENDS,
    Case,
    E,
    daily,
    on_days,
    once,
    per_week,
)

CASES: tuple[Case, ...] = (
    # ------------------------------------------------------------------ SOAP
    Case(
        "e-soap-01-panic",
        "soap",
        """S: Client (Dana, 34) reports 3 panic attacks since last wk, avoided the Tesco on Elm Rd. Sleep ok.
O: Alert, mildly anxious, good rapport. GAD-7 = 12.
A: Panic disorder w/ agoraphobic avoidance; catastrophic misinterpretation of palpitations persists.
P: 1) Interoceptive exposure - run on the spot for 60 seconds, twice daily, rating SUDS at the start and end.
2) Read the "Understanding Panic" handout before next session.
3) Therapist to email handout link to client tonight.
4) Next appt Thurs 10:00.""",
        (
            E(
                "Interoceptive exposure - run on the spot for 60 seconds, twice daily, rating SUDS at the start and end",
                SKILL,
                **daily(),
            ),
            E('Read the "Understanding Panic" handout before next session', READ, **once()),
        ),
    ),
    Case(
        "e-soap-02-psychiatry-review",
        "soap",
        """SUBJECTIVE: Mr Okafor reports low mood improved since sertraline increased to 100mg. Some early waking ~4am.
OBJECTIVE: Euthymic-ish, reactive affect. No psychotic features. PHQ-9 11 (was 17).
ASSESSMENT: Recurrent depressive disorder, current episode moderate, improving.
PLAN: Continue sertraline 100mg od. Bloods (LFTs) at GP. Keep a sleep diary every morning until review. Pt to walk 20 min after lunch on weekdays. Review in 4/52. Crisis plan reviewed, no changes.""",
        (
            E("Keep a sleep diary every morning until review", JOURNAL, **daily()),
            E(
                "walk 20 min after lunch on weekdays",
                SKILL,
                **on_days(*WEEKDAYS, cue="after lunch", minutes=20),
            ),
        ),
    ),
    Case(
        "e-soap-03-ot-routine",
        "soap",
        """S - "I just can't get going in the mornings." Reports spending most of day in bed on days off.
O - Completed COPM; performance 3/10 for meal prep.
A - Reduced routine & motivation; fatigue.
P - graded activity plan:
  - prepare one simple breakfast Mon/Wed/Fri
  - be up and dressed by 10am on weekdays
  - OT to contact housing officer re: grab rail
  - fill in the activity schedule each evening (10 mins)""",
        (
            E("prepare one simple breakfast Mon/Wed/Fri", SKILL, **on_days(0, 2, 4)),
            E("be up and dressed by 10am on weekdays", SKILL, **on_days(*WEEKDAYS, time_of_day=time(10, 0))),
            E("fill in the activity schedule each evening (10 mins)", SKILL, **daily(minutes=10)),
        ),
    ),
    Case(
        "e-soap-04-social-anxiety",
        "soap",
        """S: Priya says she "froze" in the team meeting Tues; rates belief "people will see I'm anxious and think I'm incompetent" 80%.
O: Flushed when describing, maintained eye contact ok.
A: Social anxiety; safety behaviours = rehearsing, avoiding eye contact, holding cup w/ both hands.
P: Behavioural experiment: ask one question in Thursday's team meeting without rehearsing it first, and note what colleagues actually do. Complete TR x2 on any post-event rumination. Discussed possibility of group therapy - Priya not keen for now.""",
        (
            E(
                "ask one question in Thursday's team meeting without rehearsing it first",
                BE,
                **once(3),
            ),
            E("note what colleagues actually do", BE),
            E("Complete TR x2 on any post-event rumination", TR),
        ),
    ),
    Case(
        "e-soap-05-adolescent-trainee",
        "soap",
        """Subjective: Jay (15) attended with mum for first 10 min. Says school is "fine" but skipped PE twice. Mum worried re: screen time.
Objective: Hoodie up, monosyllabic initially, warmed up with talk of football.
Assessment: Low mood + social withdrawal; engaged better when activity-focused. (Trainee - discuss w/ supervisor.)
Plan:
a. Jay to text one friend about a kickabout on Saturday
b. Mood rating 0-10 in the app at 9pm each night
c. Mum to take phone out of bedroom at 10.30
d. Trainee to bring football-themed thought-catching sheet next time""",
        (
            E("text one friend about a kickabout on Saturday", SKILL, **once(5)),
            E("Mood rating 0-10 in the app at 9pm each night", JOURNAL, **daily(time_of_day=time(21, 0))),
        ),
    ),
    Case(
        "e-soap-06-risk-nothing",
        "soap",
        """S: Client reports thoughts of self-harm increased over weekend after argument with partner; no plan or intent stated. Last cut 6 weeks ago.
O: Tearful, good eye contact, future-oriented when discussing niece's birthday.
A: Chronic risk elevated from baseline, acute risk assessed as low-moderate. Protective factors: niece, cat, job.
P: Safety plan reviewed and updated together - added Samaritans 116 123 and crisis team number. Client to keep safety plan on phone lock screen. Clinician to inform GP of increased risk today. Risk review at next session Mon 14:00. Duty contacted - no further action.""",
        (),
    ),
    Case(
        "e-soap-07-cbti",
        "soap",
        """S: Sleep onset ~90 min, 2-3 awakenings. Spends 9.5h in bed, sleeps ~5.5h (SE 58%).
O: Diary returned, complete for 13/14 nights.
A: Chronic insomnia, conditioned arousal.
P: Sleep window 00:30-06:00 every night incl. weekends. Get out of bed if awake and frustrated (stimulus control). No naps. Continue sleep diary daily. Cut caffeine from 2pm - client declined, will revisit. Review sleep efficiency in 1/52.""",
        (
            E("Sleep window 00:30-06:00 every night incl. weekends", SKILL, **daily(time_of_day=time(0, 30))),
            E("Get out of bed if awake and frustrated", SKILL),
            E("No naps", SKILL),
            E("Continue sleep diary daily", JOURNAL, **daily()),
        ),
    ),
    # ------------------------------------------------------------------ DAP
    Case(
        "e-dap-01-grief",
        "dap",
        """D: Mrs Halloran spoke about the first anniversary of Tom's death approaching (14th). Reports "talking to him" in the kitchen, finds it comforting. Sleeping poorly. Daughter visiting less.
A: Grief reaction within expected range; some avoidance of his belongings. No indicators of complicated grief at this time; to keep monitoring.
P: Write a letter to Tom she doesn't have to send, before we next meet. Look through one box of his things on Sunday with her daughter. Next session 2 wks (counsellor on leave 20th).""",
        (
            E("Write a letter to Tom she doesn't have to send, before we next meet", JOURNAL, **once()),
            E("Look through one box of his things on Sunday with her daughter", SKILL, **once(6)),
        ),
    ),
    Case(
        "e-dap-02-act",
        "dap",
        """Data: Lukas described "the not-good-enough story" showing up ahead of every deadline. Practised leaves-on-a-stream in session for 5 min; found it "weird but okay". Values: connection, craft.
Assessment: Fused with self-evaluative thoughts; willing to experiment. Workability discussion landed.
Plan: Leaves on a stream, 5 minutes, when he notices the story. Name the story out loud ("there's the not-good-enough story") at least 3 times this week. Read ch. 4 of The Happiness Trap. Values card sort at home before next session.""",
        (
            E(
                "Leaves on a stream, 5 minutes, when he notices the story",
                RELAX,
                cue="when he notices the story",
                minutes=5,
            ),
            E(
                'Name the story out loud ("there\'s the not-good-enough story") at least 3 times this week',
                SKILL,
                **per_week(3),
            ),
            E("Read ch. 4 of The Happiness Trap", READ),
            E("Values card sort at home before next session", JOURNAL, **once()),
        ),
    ),
    Case(
        "e-dap-03-dbt",
        "dap",
        """D: Skye reported 2 urges to self-harm this week (intensity 70, 85), did not act. Used cold water once (TIPP) - "took the edge off". Diary card 5/7 days completed. Argument with housemate over dishes.
A: Good skills use under high arousal; interpersonal effectiveness is the gap. Target hierarchy: no life-threatening behaviour this week.
P: Diary card every day. Practise DEAR MAN with housemate about the dishes rota by Wednesday. Practise paced breathing (TIPP) 5 min each evening. Phone coaching available per usual agreement. Skills group Tues as usual.""",
        (
            E("Diary card every day", JOURNAL, **daily()),
            E("Practise DEAR MAN with housemate about the dishes rota by Wednesday", SKILL, **once(2)),
            E("Practise paced breathing (TIPP) 5 min each evening", RELAX, **daily(minutes=5)),
        ),
    ),
    Case(
        "e-dap-04-couples",
        "dap",
        """DATA: Joint session w/ Marcus & Ellie. Recurring conflict re: finances; Ellie describes "stonewalling", Marcus says he "needs space". Both agreed conflicts escalate late at night.
ASSESSMENT: Pursue-withdraw cycle; both motivated. Gottman flooding concept resonated with Marcus.
PLAN: Both to read the handout on flooding and time-outs. Daily 10-minute check-in after the kids are in bed (no problem-solving, just listening). Marcus to call a time-out using the agreed phrase instead of walking off, and return to the conversation the same evening. Ellie to write down 3 appreciations each weekend. Therapist to send joint summary to both.""",
        (
            E("read the handout on flooding and time-outs", READ),
            E(
                "Daily 10-minute check-in after the kids are in bed",
                SKILL,
                **daily(cue="after the kids are in bed", minutes=10),
            ),
            E("call a time-out using the agreed phrase instead of walking off", SKILL),
            E("return to the conversation the same evening", SKILL),
            E("write down 3 appreciations each weekend", JOURNAL, **on_days(*WEEKENDS)),
        ),
    ),
    Case(
        "e-dap-05-ba-trainee",
        "dap",
        """D: Activity diary shows mostly TV and bed; highest mood (6/10) when walked to the post office. Aoife said she used to swim and sing in a choir.
A: Classic withdrawal cycle. Activities with mastery/pleasure are rare. Trainee note: check with supervisor about pacing.
P: BA - walk to the post office or park Mon, Wed and Fri mornings; swim on Saturday morning at the leisure centre; rate mood and enjoyment on the sheet for each one. Not restarting choir yet - Aoife says "too much, too soon". Agreed.""",
        (
            E("walk to the post office or park Mon, Wed and Fri mornings", SKILL, **on_days(0, 2, 4)),
            E("swim on Saturday morning at the leisure centre", SKILL, **once(5)),
            E("rate mood and enjoyment on the sheet for each one", JOURNAL),
        ),
    ),
    Case(
        "e-dap-06-assessment-nothing",
        "dap",
        """D: Initial assessment. Referred by GP for low mood following redundancy in March. History: one previous episode age 22, treated with citalopram and 8 sessions counselling. Lives with partner and two children. Drinks 10-12 units/week. No forensic history. Family hx of depression (mother).
A: Presentation consistent with moderate depressive episode (PHQ-9 16, GAD-7 9). Suitable for step 3 CBT.
P: Place on waiting list for high-intensity CBT (est. 8 weeks). Letter to GP today. Client to be sent welcome pack and opt-in form by admin. Discussed crisis numbers.""",
        (),
    ),
    Case(
        "e-dap-07-ocd-erp",
        "dap",
        """Data - Hannah completed ERP steps 1 & 2 (touching door handles at work, SUDS peak 60 -> 25). Still checking the hob 4-5x before leaving home.
Assessment - Good habituation; ready to move up. Reassurance-seeking from partner is maintaining.
Plan -
\u2022 ERP hierarchy step 3: touch the bin lid, no washing for 30 min, daily
\u2022 Check the hob once only, then leave (weekdays)
\u2022 Don't ask partner "is it off?" - partner has agreed to give the scripted reply
\u2022 Y-BOCS again in 4 wks""",
        (
            E(
                "ERP hierarchy step 3: touch the bin lid, no washing for 30 min, daily",
                SKILL,
                **daily(minutes=30),
            ),
            E("Check the hob once only, then leave (weekdays)", SKILL, **on_days(*WEEKDAYS)),
            E('Don\'t ask partner "is it off?"', SKILL),
        ),
    ),
    # ------------------------------------------------------------------ BIRP
    Case(
        "e-birp-01-anxiety-group",
        "birp",
        """B: Group member R. (anxiety management group, wk 3 of 6) reported avoiding buses since a panic on the 42. Participated in role-play.
I: Facilitator taught diaphragmatic breathing (4-in, 6-out) and introduced the fear ladder worksheet.
R: R. practised breathing in group; said "I felt silly but calmer". Built ladder with 6 steps.
P: Group homework for everyone: breathing practice 10 min twice a day. R.'s own step: ride the bus one stop on Tuesday with his sister, then one stop alone by Saturday. Facilitator to photocopy ladders for wk 4.""",
        (
            E("breathing practice 10 min twice a day", RELAX, **daily(minutes=10)),
            E("ride the bus one stop on Tuesday with his sister", SKILL, **once(1)),
            E("one stop alone by Saturday", SKILL, **once(5)),
        ),
    ),
    Case(
        "e-birp-02-inpatient",
        "birp",
        """Behaviour: Pt calm, pacing reduced. Slept 6h per night-staff report. Requesting leave.
Intervention: Reviewed relapse signature, explained clozapine bloods schedule.
Response: Pt engaged, asked about weight gain.
Plan: Weekly FBC as per protocol. Pt to complete the relapse signature worksheet with named nurse before Friday. Walk in grounds 15 minutes each afternoon. Leave to be discussed at ward round Thursday.""",
        (
            E("complete the relapse signature worksheet with named nurse before Friday", SKILL, **once(4)),
            E("Walk in grounds 15 minutes each afternoon", SKILL, **daily(minutes=15)),
        ),
    ),
    Case(
        "e-birp-03-school-counselor",
        "birp",
        """Behavior: Maya (14) came in after lunch period, reported crying in the bathroom after a group chat excluded her. Picking at cuticles during session.
Intervention: Validated feelings; introduced the 5-4-3-2-1 grounding technique and practiced it together; brainstormed who she could sit with.
Response: Maya rated distress 8 -> 4 after grounding. Identified Priyanka from art class as a "safe" person.
Plan: Maya will use 5-4-3-2-1 grounding when she notices her heart racing at school. She'll ask Priyanka to sit together at lunch on Monday. Counselor will check in with homeroom teacher (with Maya's permission). Follow-up Thursday 6th period.""",
        (
            E(
                "use 5-4-3-2-1 grounding when she notices her heart racing at school",
                RELAX,
                cue="when she notices her heart racing at school",
            ),
            E("ask Priyanka to sit together at lunch on Monday", SKILL, **once(0)),
        ),
    ),
    Case(
        "e-birp-04-risk-nothing",
        "birp",
        """B: Client presented with flat affect, reported passive SI ("wouldn't mind not waking up") but denies plan, intent or preparatory acts. Drinking increased to daily.
I: Completed risk assessment, reviewed safety plan, discussed means restriction (client's brother holding medication). Provided crisis line numbers (988).
R: Client agreed to call 988 or go to ED if thoughts intensify. Agreed brother continues to hold meds.
P: Increase session frequency to weekly. Consult with psychiatrist re: med review. Clinician to call client Wednesday for a check-in. Safety plan copy given.""",
        (),
    ),
    Case(
        "e-birp-05-spider-exposure",
        "birp",
        """Behaviour - Client (Tomasz) able to stay in room with spider in closed jar at 2m, SUDS 70 peak, 30 end after 25 mins.
Intervention - in-vivo exposure, graded; cognitive prep re: "it will jump on me".
Response - Surprised SUDS came down. Belief "it will jump" 90%->50%.
Plan - practise w/ the jar at home (jar on table, sit 1m away) for 20 mins, 3x/week, stay untill SUDS halves
- watch spider videos on youtube each night before bed, 10 min
- next sesh: hand near jar""",
        (
            E(
                "practise w/ the jar at home (jar on table, sit 1m away) for 20 mins, 3x/week",
                SKILL,
                **per_week(3, minutes=20),
            ),
            E(
                "watch spider videos on youtube each night before bed, 10 min",
                SKILL,
                **daily(cue="before bed", minutes=10),
            ),
        ),
    ),
    Case(
        "e-birp-06-worry-time",
        "birp",
        """Behavior: Ruth reports worrying "most of the day" about her son's driving, health, money. Checks news app ~20x/day.
Intervention: Psychoeducation on worry as a process; introduced worry postponement and worry time.
Response: Skeptical but willing. Chose 6.30pm in the conservatory for worry time.
Plan: Worry time at 6:30pm for 15 minutes every day; postpone worries to it by jotting them on a notecard. Don't open the news app until lunchtime. Read the GAD leaflet from the website. Note: therapist to find a large-print version.""",
        (
            E(
                "Worry time at 6:30pm for 15 minutes every day",
                SKILL,
                **daily(time_of_day=time(18, 30), minutes=15),
            ),
            E("postpone worries to it by jotting them on a notecard", SKILL),
            E("Don't open the news app until lunchtime", SKILL),
            E("Read the GAD leaflet from the website", READ),
        ),
    ),
    Case(
        "e-birp-07-ot-cooking",
        "birp",
        """B: Ade attended, on time. Reports managing 2 of 3 planned cooking sessions; burnt rice, "but ate it anyway".
I: Reviewed routine; graded up cooking task; role-played asking shop staff for help finding items.
R: Pleased with progress, rated confidence 6/10.
P: Cook a two-ring meal Tue and Thu. Ask shop staff for help finding one item this week. OT to refer to the community kitchen group. Budget planner left with Ade to look at if he wants - optional.""",
        (
            E("Cook a two-ring meal Tue and Thu", SKILL, **on_days(1, 3)),
            E("Ask shop staff for help finding one item this week", SKILL),
        ),
    ),
    # ------------------------------------------------------------------ bullets
    Case(
        "e-bul-01-homework-heading",
        "bullets",
        """Homework:
- Thought record (7-column) x3 before next session
- Activity scheduling: plan tomorrow the night before, every evening
- Read "Mind Over Mood" ch 5 & 6
- (me) send MoM pdf + check library copy""",
        (
            E("Thought record (7-column) x3 before next session", TR, **once()),
            E("Activity scheduling: plan tomorrow the night before, every evening", SKILL, **daily()),
            E('Read "Mind Over Mood" ch 5 & 6', READ),
        ),
    ),
    Case(
        "e-bul-02-tasks-next-wk",
        "bullets",
        """Tasks for next wk
1. PMR nightly (15 min audio)
2. Gratitude journaling (3 items/night)
3. 2 x 20 min walks at the weekend
4. NO screens in bed
5. Me: find CBT-I app recommendation""",
        (
            E("PMR nightly (15 min audio)", RELAX, **daily(minutes=15)),
            E("Gratitude journaling (3 items/night)", JOURNAL, **daily()),
            E("2 x 20 min walks at the weekend", SKILL, **once(5, minutes=20)),
            E("NO screens in bed", SKILL),
        ),
    ),
    Case(
        "e-bul-03-agreed-couples",
        "bullets",
        """Agreed:
* Sunday evening 20-minute 'state of the union' meeting (both)
* Sam - practise the soft start-up ("I feel... about... I need...") at least twice this week
* Jo - say one thing Sam did well, every day
* In-laws: park until after Christmas""",
        (
            E("Sunday evening 20-minute 'state of the union' meeting (both)", SKILL, **once(6, minutes=20)),
            E(
                'practise the soft start-up ("I feel... about... I need...") at least twice this week',
                SKILL,
                **per_week(2),
            ),
            E("say one thing Sam did well, every day", SKILL, **daily()),
        ),
    ),
    Case(
        "e-bul-04-psychiatry-plan",
        "bullets",
        """Plan
(1) Start mirtazapine 15mg nocte
(2) Stop zopiclone - taper over 2/52
(3) Sleep hygiene leaflet - read before next appt
(4) GP to repeat U&Es
(5) OPA 6/52""",
        (E("Sleep hygiene leaflet - read before next appt", READ, **once()),),
    ),
    Case(
        "e-bul-05-table-week",
        "bullets",
        """Weekly plan (agreed w/ Callum):
Day | What | How long
Mon | gym w/ brother | 45 min
Wed | ring Nan | 15 min
Sat | football 5-a-side | 1 hr
Every day | mood + activity log | 5 min
Not doing: the night shifts swap (Callum to sort with manager)""",
        (
            E("Mon | gym w/ brother | 45 min", SKILL, **once(0, minutes=45)),
            E("Wed | ring Nan | 15 min", SKILL, **once(2, minutes=15)),
            E("Sat | football 5-a-side | 1 hr", SKILL, **once(5, minutes=60)),
            E("Every day | mood + activity log | 5 min", JOURNAL, **daily(minutes=5)),
        ),
    ),
    Case(
        "e-bul-06-perfectionism",
        "bullets",
        """HOMEWORK
- BE: send an email w/ one deliberate typo to a colleague, rate anxiety beforehand and afterwards, predicion = "they'll think I'm sloppy" (80%)
- hand in the report at 80% polish by thurs
- Self-compassion break (Neff) 3 mins each morning
- bring completed BE sheet to next session""",
        (
            E("BE: send an email w/ one deliberate typo to a colleague", BE),
            E("hand in the report at 80% polish by thurs", SKILL, **once(3)),
            E("Self-compassion break (Neff) 3 mins each morning", RELAX, **daily(minutes=3)),
        ),
    ),
    Case(
        "e-bul-07-admin-nothing",
        "bullets",
        """Admin - 12 March
- Rescheduled Thurs appt to Fri 11am (client request)
- Emailed client the invoice for Feb
- Client asked whether sessions can move to video; will confirm after supervision
- Sent GP update letter
- DNA policy re-explained""",
        (),
    ),
    # ------------------------------------------------------------------ narrative
    Case(
        "e-nar-01-social-hierarchy",
        "narrative",
        """Jonah came in looking tired but more animated than last week. He described the Saturday party where he stayed twenty minutes before leaving, which he counted as a failure; we reframed it as a partial success and looked at what kept him there. We spent most of the session building a hierarchy for social situations. For this coming week Jonah will stay at his cousin's dinner on Friday for at least an hour without checking his phone, and he'll fill in a thought record if the "everyone thinks I'm boring" thought shows up. I'll look into local social skills groups for him. He didn't want to attend the work drinks yet and we agreed that was fine.""",
        (
            E(
                "stay at his cousin's dinner on Friday for at least an hour without checking his phone",
                SKILL,
                **once(4, minutes=60),
            ),
            E('fill in a thought record if the "everyone thinks I\'m boring" thought shows up', TR),
        ),
    ),
    Case(
        "e-nar-02-carer-guilt",
        "narrative",
        """Siobhan talked a lot about her mother's move into the care home and the guilt she feels when she doesn't visit. She cried when she spoke about selling the family house. We talked about how she gives her time to everyone but herself. She said she'd like to try taking a bath with no phone on Sunday night, just for herself, and to jot down a few lines on Friday about how the week went. She's going to think about whether to tell her brother how she feels - she hasn't decided and I didn't push.""",
        (
            E("try taking a bath with no phone on Sunday night", SKILL, **once(6)),
            E("jot down a few lines on Friday about how the week went", JOURNAL, **once(4)),
        ),
    ),
    Case(
        "e-nar-03-summary-to-client",
        "narrative",
        """Session summary - 4 Nov
Thanks for today, Femi. We talked about the pattern where a bad morning at work turns into "the whole day is ruined", and we tried catching that thought and testing it. This week, I'd like you to do two things: first, write down the evidence for and against one "whole day is ruined" thought; second, try your experiment of leaving work at 5:30pm on Wednesday even if your inbox isn't empty, and see what actually happens the next morning. You mentioned you might also start running again - no pressure, see how you feel. I'll send over the worksheet tonight.""",
        (
            E('write down the evidence for and against one "whole day is ruined" thought', TR),
            E(
                "try your experiment of leaving work at 5:30pm on Wednesday even if your inbox isn't empty",
                BE,
                **once(2, time_of_day=time(17, 30)),
            ),
            E("see what actually happens the next morning", BE),
        ),
    ),
    Case(
        "e-nar-04-history-nothing",
        "narrative",
        """Mr Abernathy is a 67-year-old retired engineer referred after his wife's stroke. He grew up in Dundee, the eldest of four, and describes his father as "strict but fair". He served in the merchant navy for twelve years before retraining. He has no previous contact with mental health services. He drinks two pints on a Friday and stopped smoking in 1998. He describes his mood as "flat" since August and says he has stopped going to the bowls club. He walks the dog every morning and cooks for his wife. Today we focused on getting to know each other and agreeing what he wants from therapy; no tasks were set.""",
        (),
    ),
    Case(
        "e-nar-05-cbti-trainee",
        "narrative",
        """Second session of CBT-I with Ines. Her diary showed sleep efficency of 71%, lots of time lying awake "trying" to sleep. We went through the rationale for sleep restriction again as she was worried about being tired at work. She agreed to go to bed at 12:15am every night and to get up at 6:45am every day incl weekends, and to leave the bedroom if she's been awake for what feels like a long time. She will not nap in the afternoons (she has been napping on the sofa after work most days, which we discussed). She'll keep doing the sleep diary each morning. I need to check with my supervisor about the titration rule.""",
        (
            E("go to bed at 12:15am every night", SKILL, **daily(time_of_day=time(0, 15))),
            E("get up at 6:45am every day incl weekends", SKILL, **daily(time_of_day=time(6, 45))),
            E("leave the bedroom if she's been awake for what feels like a long time", SKILL),
            E("not nap in the afternoons", SKILL),
            E("keep doing the sleep diary each morning", JOURNAL, **daily()),
        ),
    ),
    Case(
        "e-nar-06-act-pain-group",
        "narrative",
        """Week 5 of the ACT for chronic pain group (8 members). We covered willingness and the "passengers on the bus" metaphor; most people engaged well, though Gwen left early with a flare-up. Homework for the group this week is to do the 3-minute breathing space twice a day, and to pick one valued activity they have been avoiding because of pain and do a small version of it three times this week. Co-facilitator to phone Gwen tomorrow.""",
        (
            E("do the 3-minute breathing space twice a day", RELAX, **daily(minutes=3)),
            E("pick one valued activity they have been avoiding because of pain", SKILL),
            E("do a small version of it three times this week", SKILL, **per_week(3)),
        ),
    ),
    Case(
        "e-nar-07-psychiatrist-letter",
        "narrative",
        """I reviewed Ms Castellano in clinic today. She reports a partial response to lithium with fewer mood swings; her last level was 0.7. She remains worried about weight gain. Her mood today was euthymic and she had no thoughts of harming herself. We discussed the role of regular routines in bipolar disorder, and she agreed to keep a daily mood chart and bring it to her next appointment. We will check her lithium level and TFTs in three months. I have asked her GP to continue prescribing. I have also suggested she reads the Bipolar UK guide on spotting early warning signs, which I gave her a copy of.""",
        (
            E("keep a daily mood chart", JOURNAL, **daily()),
            E("reads the Bipolar UK guide on spotting early warning signs", READ),
        ),
    ),
    Case(
        "e-nar-08-emetophobia",
        "narrative",
        """Today Carlos and I did imaginal exposure to the script about feeling nauseous on the subway; his SUDS peaked at 75 and came down to 35 over 25 minutes. He was surprised how much it dropped. We agreed he'll listen to the recording of the script once a day for 20 minutes, staying with it until his anxiety drops by about half. He'll also eat lunch at the food court on Tuesday and Thursday rather than at his desk. He is not ready to ride the subway yet, and we didn't set that. I'll re-record the script with the new details before we meet.""",
        (
            E(
                "listen to the recording of the script once a day for 20 minutes",
                SKILL,
                **daily(minutes=20),
            ),
            E(
                "eat lunch at the food court on Tuesday and Thursday rather than at his desk",
                SKILL,
                **on_days(1, 3),
            ),
        ),
    ),
    # ------------------------------------------------------------------ reflection
    Case(
        "e-ref-01-missed-trs",
        "reflection",
        """My reflection after session 6
Honestly I was nervous going in because I hadn't done the thought records. We talked about why (I kept forgetting + felt pointless). What I'm going to do this week: do one thought record at 8pm every evening when my alarm goes off, even a rubbish one. I'm also going to reread the bit in the workbook about thinking traps. I'm not going to beat myself up if I miss a day - that's what my therapist said anyway!""",
        (
            E(
                "do one thought record at 8pm every evening when my alarm goes off, even a rubbish one",
                TR,
                **daily(time_of_day=time(20, 0), cue="when my alarm goes off"),
            ),
            E("reread the bit in the workbook about thinking traps", READ),
        ),
    ),
    Case(
        "e-ref-02-teen-phone",
        "reflection",
        """ok so session was actually alright today. we talked about how i go on tiktok til like 2am and then school is awful. im gonna try putting my phone on charge in the kitchen at 11pm on weeknights. also supposed to do the breathing thing (4-7-8) when i cant sleep. mum said shed take me to get a proper alarm clock on saturday lol""",
        (
            E(
                "putting my phone on charge in the kitchen at 11pm on weeknights",
                SKILL,
                **on_days(*WEEKDAYS, time_of_day=time(23, 0)),
            ),
            E("do the breathing thing (4-7-8) when i cant sleep", RELAX, cue="when i cant sleep"),
        ),
    ),
    Case(
        "e-ref-03-dbt-dad",
        "reflection",
        """Reflection - what I took from today. I realised I go from 0 to 100 when Dad criticises my cooking. The skill we practised was STOP. My plan: use STOP the next time Dad comments on dinner, and write down afterwards what happened in my diary card notes. Practising opposite action once this week (when I want to hide in my room I'll go sit in the lounge for 10 minutes instead). I'm still on the waiting list for the skills group. I DON'T have to reply to every text from my ex straight away - I want to remember that.""",
        (
            E("use STOP the next time Dad comments on dinner", SKILL),
            E("write down afterwards what happened in my diary card notes", JOURNAL),
            E(
                "Practising opposite action once this week (when I want to hide in my room I'll go sit in the lounge for 10 minutes instead)",
                SKILL,
                **once(cue="when I want to hide in my room", minutes=10),
            ),
        ),
    ),
    Case(
        "e-ref-04-ocd-list",
        "reflection",
        """After today's session (no. 9) my homework is:
- ERP step 4 - leave the front door without going back to check, every weekday morning
- no googling symptoms, at all, not even "just once"
- read the OCD-UK page on reassurance
I found it hard when we talked about Mum's checking. My therapist is going to send me the hierarchy sheet again because I lost it.""",
        (
            E(
                "ERP step 4 - leave the front door without going back to check, every weekday morning",
                SKILL,
                **on_days(*WEEKDAYS),
            ),
            E('no googling symptoms, at all, not even "just once"', SKILL),
            E("read the OCD-UK page on reassurance", READ),
        ),
    ),
    Case(
        "e-ref-05-grief-nothing",
        "reflection",
        """Journal after therapy, Tuesday.
Today was heavy. We mostly talked about Grandad and the summer at the caravan. I cried more than I have in months. My therapist said grief comes in waves and that I'm not doing it wrong. We didn't set anything this week because it didn't feel right. I used to write every night when I was at uni and I miss that. I think I'll feel better by next week, or maybe not. Next appointment moved to the 14th because of her training day.""",
        (),
    ),
    Case(
        "e-ref-06-worry-ba",
        "reflection",
        """What I'm taking away from session 4:
My worry time is 7pm, 15 minutes, at the kitchen table. When a worry pops up during the day I'll jot it in my phone notes for later. I'm going to walk the dog around the long loop on weekends because I actually enjoy it. I also want to call Aunt Marie on Sunday. Dr. Patel wants me to get bloodwork before my next med check, but that's separate.""",
        (
            E(
                "My worry time is 7pm, 15 minutes, at the kitchen table",
                SKILL,
                time_of_day=time(19, 0),
                minutes=15,
            ),
            E("jot it in my phone notes for later", JOURNAL, cue="when a worry pops up during the day"),
            E("walk the dog around the long loop on weekends", SKILL, **on_days(*WEEKENDS)),
            E("call Aunt Marie on Sunday", SKILL, **once(6)),
        ),
    ),
    Case(
        "e-ref-07-couples-ben",
        "reflection",
        """Notes to self (Ben) after couples session.
Big one for me: when Lucy brings something up I tend to defend straight away. This week I'm going to listen and summarise what she's said without defending - at least three times. We're both doing the "love maps" questions on Wednesday and Saturday after dinner. Lucy is going to book the babysitter for our date night. I'm going to read the chapter on turning towards.""",
        (
            E(
                "listen and summarise what she's said without defending - at least three times",
                SKILL,
                **per_week(3),
            ),
            E(
                'doing the "love maps" questions on Wednesday and Saturday after dinner',
                SKILL,
                **on_days(2, 5, cue="after dinner"),
            ),
            E("read the chapter on turning towards", READ),
        ),
    ),
    Case(
        "e-ref-08-panic-typos",
        "reflection",
        """my reflection: learnt that panic cant actualy make me faint because my blood pressure goes up not down. Going to watch the video my therapist sent abt the panic cycle. Then try the breathing exersise 2x a day for 5 mins, and when i feel the flutter in my chest i'll do it then as well. scared of going to the big Tesco still, thats for later.""",
        (
            E("watch the video my therapist sent abt the panic cycle", READ),
            E("try the breathing exersise 2x a day for 5 mins", RELAX, **daily(minutes=5)),
            E(
                "when i feel the flutter in my chest i'll do it then as well",
                RELAX,
                cue="when i feel the flutter in my chest",
            ),
        ),
    ),
    # ------------------------------------------------------------------ dictation
    Case(
        "e-dic-01-health-anxiety",
        "dictation",
        """pt seen today for session five cbt for health anxiety reports checking moles less about once a day down from ten plan is for her to do a thought record each time she feels the urge to check and to limit body checking to once a week she also agreed to read the health anxiety booklet chapter three before next session i will write to gp re reassurance policy""",
        (
            E(
                "do a thought record each time she feels the urge to check",
                TR,
                cue="each time she feels the urge to check",
            ),
            E("limit body checking to once a week", SKILL, **per_week(1)),
            E("read the health anxiety booklet chapter three before next session", READ, **once()),
        ),
    ),
    Case(
        "e-dic-02-ot-home-visit",
        "dictation",
        """ot home visit dictation client mrs begum aged 78 mobilising with frame kitchen assessed safe for kettle tasks with perching stool agreed she will practise making a hot drink with the kettle tipper twice a day with her daughter present for the first week and do the sit to stand exercises ten reps three times a day ot to order perching stool and bath board review in two weeks""",
        (
            E(
                "practise making a hot drink with the kettle tipper twice a day with her daughter present for the first week",
                SKILL,
                **daily(),
            ),
            E("do the sit to stand exercises ten reps three times a day", SKILL, **daily()),
        ),
    ),
    Case(
        "e-dic-03-clinic-letter-nothing",
        "dictation",
        """dictated not checked dr hughes clinic letter re mr daniel price dob withheld thank you for referring this 29 year old man with a history of first episode psychosis in 2021 currently on aripiprazole 10 mg he reports no voices for six months sleep and appetite normal no thoughts of harm to self or others insight good plan continue aripiprazole at current dose recheck prolactin and weight in three months i have discussed driving with him and he will inform the dvla follow up in clinic in six months yours sincerely""",
        (),
    ),
    Case(
        "e-dic-04-student-counselling",
        "dictation",
        """session notes student counselling service client ref 4471 second year undergrad exam stress not sleeping much since deadlines plan agreed pomodoro study blocks 25 minutes with 5 minute breaks on weekdays go to the library instead of studying in bed write tomorrows to do list before bed every night and dont check the uni portal in the evenings next appointment booked 3 weeks""",
        (
            E(
                "pomodoro study blocks 25 minutes with 5 minute breaks on weekdays",
                SKILL,
                **on_days(*WEEKDAYS, minutes=25),
            ),
            E("go to the library instead of studying in bed", SKILL),
            E("write tomorrows to do list before bed every night", JOURNAL, **daily(cue="before bed")),
            E("dont check the uni portal in the evenings", SKILL),
        ),
    ),
    Case(
        "e-dic-05-voice-note-be",
        "dictation",
        """voice note after session with kwame social anxiety belief if i eat in front of people they will stare rated ninety percent he agreed a behavioural experiment to eat a sandwich in the staff canteen on thursday without his headphones in and record what he notices also to complete the post event processing worksheet within a day of the experiment not keen on the team lunch on friday so left that i need to photocopy the be sheet""",
        (
            E(
                "eat a sandwich in the staff canteen on thursday without his headphones in",
                BE,
                **once(3),
            ),
            E("record what he notices", BE),
            E("complete the post event processing worksheet within a day of the experiment", SKILL),
        ),
    ),
    Case(
        "e-dic-06-ba-words",
        "dictation",
        """ba session eight mood up phq nine down to twelve from nineteen good week managed swimming twice plan carry on swimming twice this week add a coffee with a friend on saturday and twenty minutes of guitar every evening she wants to restart the evening class in january which we noted""",
        (
            E("carry on swimming twice this week", SKILL, **per_week(2)),
            E("add a coffee with a friend on saturday", SKILL, **once(5)),
            E("twenty minutes of guitar every evening", SKILL, **daily(minutes=20)),
        ),
    ),
    Case(
        "e-dic-07-dbt-trainee",
        "dictation",
        """trainee note for supervision client j r dbt individual session reviewed diary card urges to use at four out of five three days this week chain analysis done on tuesday binge homework is mindfulness of breath five minutes each morning practice check the facts on the thought nobody cares and fill out the diary card daily also asked her to text her sponsor if urges go above four team consult thursday""",
        (
            E("mindfulness of breath five minutes each morning", RELAX, **daily(minutes=5)),
            E("practice check the facts on the thought nobody cares", SKILL),
            E("fill out the diary card daily", JOURNAL, **daily()),
        ),
    ),
    Case(
        "e-dic-08-insomnia-followup",
        "dictation",
        """insomnia follow up patient using sleep diary well sleep efficiency now eighty two percent so new bedtime eleven forty five pm keep rise time at six thirty every day no clock watching turn clock to face the wall continue progressive muscle relaxation before bed""",
        (
            E("new bedtime eleven forty five pm", SKILL, time_of_day=time(23, 45)),
            E("keep rise time at six thirty every day", SKILL, **daily(time_of_day=time(6, 30))),
            E("no clock watching", SKILL),
            E("turn clock to face the wall", SKILL),
            E("continue progressive muscle relaxation before bed", RELAX, cue="before bed"),
        ),
    ),
    # ------------------------------------------------------------------ negation
    Case(
        "e-neg-01-perfectionism-plan",
        "negation",
        """Plan (Sinead, session 7, perfectionism):
- Write a letter to her 16-year-old self that she will not send
- Don't re-read sent emails more than once
- Leave one dish unwashed overnight on Tuesday (BE: "I won't be able to sleep")
- Not to apologise for things that aren't her fault - catch it and rephrase, aim for 3 this week""",
        (
            E("Write a letter to her 16-year-old self that she will not send", JOURNAL),
            E("Don't re-read sent emails more than once", SKILL),
            E("Leave one dish unwashed overnight on Tuesday", BE, **once(1)),
            E(
                "Not to apologise for things that aren't her fault - catch it and rephrase, aim for 3 this week",
                SKILL,
                **per_week(3),
            ),
        ),
    ),
    Case(
        "e-neg-02-sleep-rules",
        "negation",
        """Sleep plan agreed with Mr Lindqvist:
Don't check the news before bed.
No caffeine in the afternoon or evening.
Do not lie in on weekends - up by 7am Sat and Sun.
If awake and frustrated, don't stay in bed: go to another room until sleepy.
He didn't want to stop the evening whisky; we'll come back to that.""",
        (
            E("Don't check the news before bed", SKILL, cue="before bed"),
            E("No caffeine in the afternoon or evening", SKILL),
            E(
                "Do not lie in on weekends - up by 7am Sat and Sun",
                SKILL,
                **on_days(*WEEKENDS, time_of_day=time(7, 0)),
            ),
            E("If awake and frustrated, don't stay in bed: go to another room until sleepy", SKILL),
        ),
    ),
    Case(
        "e-neg-03-boundaries",
        "negation",
        """Zara described feeling "on call" for her sister all the time. We practised how she could say no without a long explanation. She's going to let one of her sister's non-urgent calls go to voicemail on Wednesday and call back the next day, and she won't reply to work WhatsApps in the evenings this week. She also decided not to go to the family barbecue - that's her choice and not a task. We'll review how the boundaries felt.""",
        (
            E("let one of her sister's non-urgent calls go to voicemail on Wednesday", SKILL, **once(2)),
            E("call back the next day", SKILL),
            E("won't reply to work WhatsApps in the evenings this week", SKILL),
        ),
    ),
    Case(
        "e-neg-04-child-ocd",
        "negation",
        """Session w/ Oli (11) and dad. Oli's "worry bully" wants him to wash his hands 20 times after touching his school bag.
Oli's missions this week:
1. Touch his school bag and NOT wash for 5 minutes (boss the bully!) - every school day
2. Don't ask Dad "are my hands clean?"
3. Draw a picture of the worry bully getting smaller
Dad: don't give reassurance - answer with "that sounds like the worry bully talking". Next session after half term.""",
        (
            E(
                "Touch his school bag and NOT wash for 5 minutes (boss the bully!) - every school day",
                SKILL,
                **on_days(*WEEKDAYS, minutes=5),
            ),
            E('Don\'t ask Dad "are my hands clean?"', SKILL),
            E("Draw a picture of the worry bully getting smaller", SKILL),
        ),
    ),
    Case(
        "e-neg-05-body-image",
        "negation",
        """Homework agreed (Kirsty, body image):
- no body checking in the bathroom mirror; one full-length look in the morning only
- don't weigh yourself at home - weekly weigh-in stays in session
- wear the short-sleeved top to work on Friday
- notice urges to compare and write them down without acting on them""",
        (
            E("no body checking in the bathroom mirror; one full-length look in the morning only", SKILL),
            E("don't weigh yourself at home", SKILL),
            E("wear the short-sleeved top to work on Friday", SKILL, **once(4)),
            E("notice urges to compare and write them down without acting on them", JOURNAL),
        ),
    ),
    Case(
        "e-neg-06-gambling",
        "negation",
        """P: Delete the betting apps from phone today. Don't carry bank card at the weekend (leave it with partner). Urge surfing 10 min when urges hit. Partner to hold the card on match days. Pt not willing to attend GA yet.""",
        (
            E("Delete the betting apps from phone today", SKILL, **once()),
            E("Don't carry bank card at the weekend", SKILL, **once(5)),
            E("Urge surfing 10 min when urges hit", SKILL, cue="when urges hit", minutes=10),
        ),
    ),
    Case(
        "e-neg-07-act-presentations",
        "negation",
        """Hamish and I worked on dropping the struggle with anxiety ahead of presentations. He'll give the Monday stand-up update without his notes, and he'll not try to get rid of the shaky voice - just let it be there. He'll practise the "I'm having the thought that..." defusion line daily for a week. He wondered about beta blockers; I suggested he raise it with his GP.""",
        (
            E("give the Monday stand-up update without his notes", SKILL, **once(0)),
            E("not try to get rid of the shaky voice", SKILL),
            E(
                'practise the "I\'m having the thought that..." defusion line daily for a week',
                SKILL,
                **daily(),
            ),
        ),
    ),
    # ------------------------------------------------------------------ noun phrases / abbreviations
    Case(
        "e-np-01-hw-shorthand",
        "noun_phrase",
        """HW:
BA: walk 20 min Mon/Wed/Fri
TR x3
PMR nightly
Reading: 'Overcoming Low Self-Esteem' ch.2""",
        (
            E("BA: walk 20 min Mon/Wed/Fri", SKILL, **on_days(0, 2, 4, minutes=20)),
            E("TR x3", TR),
            E("PMR nightly", RELAX, **daily()),
            E("Reading: 'Overcoming Low Self-Esteem' ch.2", READ),
        ),
    ),
    Case(
        "e-np-02-ocd-plan",
        "noun_phrase",
        """Plan:
ERP hierarchy step 2 (touching public door handles, no hand gel) - daily, 15 min
Gratitude journaling (3 items/night)
Body scan 10 min x5/wk
Psychoed: OCD cycle handout
Pharm: cont fluoxetine 40mg
Review Y-BOCS next wk""",
        (
            E(
                "ERP hierarchy step 2 (touching public door handles, no hand gel) - daily, 15 min",
                SKILL,
                **daily(minutes=15),
            ),
            E("Gratitude journaling (3 items/night)", JOURNAL, **daily()),
            E("Body scan 10 min x5/wk", RELAX, **per_week(5, minutes=10)),
            E("Psychoed: OCD cycle handout", READ),
        ),
    ),
    Case(
        "e-np-03-cbti-abbrev",
        "noun_phrase",
        """Tx plan wk 4:
- SR: TIB 6h (01:00-07:00)
- SC instructions - as per handout
- Sleep diary qd
- Wind-down routine 30 min pre-bed
- Caffeine: nil from 12:00 (pt reluctant, not agreed)""",
        (
            E("SR: TIB 6h (01:00-07:00)", SKILL, time_of_day=time(1, 0)),
            E("SC instructions - as per handout", SKILL),
            E("Sleep diary qd", JOURNAL, **daily()),
            E("Wind-down routine 30 min pre-bed", SKILL, minutes=30),
        ),
    ),
    Case(
        "e-np-04-teen-targets",
        "noun_phrase",
        """Targets for the week (Noor, 16):
\u2022 1 x bus trip to town w/ friend (Sat)
\u2022 Instagram limit - 1 hr/day
\u2022 Breathing app 5 mins after school
\u2022 Maths homework club Tues + Thurs
\u2022 CAMHS to send appt letter""",
        (
            E("1 x bus trip to town w/ friend (Sat)", SKILL, **once(5)),
            E("Instagram limit - 1 hr/day", SKILL, **daily(minutes=60)),
            E("Breathing app 5 mins after school", RELAX, cue="after school", minutes=5),
            E("Maths homework club Tues + Thurs", SKILL, **on_days(1, 3)),
        ),
    ),
    Case(
        "e-np-05-dbt-abbrev",
        "noun_phrase",
        """HW (DBT indiv):
DC daily
Mindfulness: wise mind 5 min bd
IE: DEAR MAN w/ landlord re: boiler, by Fri
DT: TIPP if SUD > 70
Group: Weds 6pm""",
        (
            E("DC daily", JOURNAL, **daily()),
            E("Mindfulness: wise mind 5 min bd", RELAX, **daily(minutes=5)),
            E("IE: DEAR MAN w/ landlord re: boiler, by Fri", SKILL, **once(4)),
            E("DT: TIPP if SUD > 70", SKILL),
        ),
    ),
    Case(
        "e-np-06-exposure-ladder",
        "noun_phrase",
        """Exposure ladder - driving (Renata)
Step | Task | SUDS
1 | sit in parked car, engine on, 10 min | 30  (done)
2 | drive round the block 4 times this week | 45  <- current
3 | drive to the shop on Bath Rd | 60
4 | dual carriageway, 1 junction | 80
Also: Panic diary after each drive.""",
        (
            E("drive round the block 4 times this week", SKILL, **per_week(4)),
            E("Panic diary after each drive", JOURNAL, cue="after each drive"),
        ),
    ),
    Case(
        "e-np-07-ba-caps",
        "noun_phrase",
        """AGREED ACTIVITIES (BA wk 3)
- every morning: shower + breakfast by 9am
- Lunchtime walk, 15min, weekdays
- each evening: 1 thing from the pleasant activities list
- Sun: phone call to sister
- Mastery/pleasure ratings for each""",
        (
            E("every morning: shower + breakfast by 9am", SKILL, **daily(time_of_day=time(9, 0))),
            E("Lunchtime walk, 15min, weekdays", SKILL, **on_days(*WEEKDAYS, minutes=15)),
            E("each evening: 1 thing from the pleasant activities list", SKILL, **daily()),
            E("Sun: phone call to sister", SKILL, **once(6)),
            E("Mastery/pleasure ratings for each", JOURNAL),
        ),
    ),
    Case(
        "e-np-08-measures-nothing",
        "noun_phrase",
        """Outcome measures 03/06:
PHQ-9: 14 (prev 18)
GAD-7: 11 (prev 15)
WSAS: 20
Dx: F41.1 GAD; F32.1 mod depressive episode
Risk: low; no change to safety plan
Next: session 8 of 12, Tues 3pm""",
        (),
    ),
)
