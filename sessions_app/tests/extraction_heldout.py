"""The held-out part of the extraction corpus.

These texts were written separately from the extractor, by someone who had not
read its code, its rules, its tuning corpus or its tests, and they are never to
be used to tune it: an extractor is changed against ``extraction_tuning.py`` and
only scored here. If a case here shows a fault, fix the extractor from a new
case written in the tuning part, not by reading this one.

The texts imitate how clinicians and clients actually write: SOAP, DAP and BIRP
notes, bullet lists, narrative prose, clients' own reflections, unpunctuated
dictation, tasks with a negation inside them, and clipped noun phrases full of
abbreviations. All names are invented. Eight texts have nothing to find.

How to label:

* An item is homework the client agreed to do between sessions. Not items:
  history ("last week she did ..."), arrangements about sessions ("will email if
  she needs to cancel"), the therapist's own tasks ("therapist to send ...",
  "I will send her the handout" written by the therapist), questions, things the
  client declined or won't do, predictions, risk statements, ideas still being
  thought about, and tasks for someone other than the client.
* ``span`` is the item's core words copied exactly from the text, and occurs in
  it once: for a bullet, the bullet's words; inside a sentence, the clause from
  the action verb ("try paced breathing for 5 minutes each morning").
* ``kind`` is one of the six kinds in CLINICAL.md ("thought_record",
  "behavioral_experiment", "journal", "relaxation", "reading",
  "skill_practice"); skill practice includes exposure and response prevention,
  assertiveness, behavioural activation activities, social skills and sleep
  routines. None when none fits.
* Schedule fields say only what the item's words state, else None or ():
  ``recurrence`` is "daily" (every day, daily, nightly, each morning/evening,
  a day, twice daily, 2x/day), "times_per_week" (N times a week, 3x/week, twice
  this week, aim for 3 this week; every other day is 3), "weekdays" (named days,
  Mon/Thu, Tue & Thu, weekdays, weekends, Mon-Fri) or "once" (once, by Friday,
  before Thursday, this weekend, before the next session). A named day in a
  deadline is the due day ("by Friday" is once on (4,); "this weekend" is once
  on (5,)). ``time_of_day`` only from a clock time (9pm, 7.30pm, 18:30).
  ``cue`` is an "after ___", "when ___" or "before ___" phrase with its
  connective; a deadline ("before Thursday") is not a cue. ``minutes`` is the
  length of the practice ("10 min", "ten minutes", "a 5-minute", "half an
  hour"). A schedule the words can't support ("37 times a week") leaves
  ``recurrence`` and ``times_per_week`` None.
"""

from __future__ import annotations

from datetime import time

from sessions_app.tests.extraction_eval import Case, Expected

WEEKDAYS = (0, 1, 2, 3, 4)
WEEKENDS = (5, 6)

TR = "thought_record"
BE = "behavioral_experiment"
JOURNAL = "journal"
RELAX = "relaxation"
READ = "reading"
SKILL = "skill_practice"


CASES: tuple[Case, ...] = (
    # ---------------------------------------------------------------- SOAP
    Case(
        id="held-soap-panic",
        style="soap",
        text=(
            "S: Reports 4 panic attacks since last session, mostly on the train. Sleep poor. Denies SI/HI.\n"
            "O: Alert, good eye contact, fidgeting early in session. Speech normal rate.\n"
            "A: Panic disorder, improving understanding of the cycle. Still using safety behaviours "
            "(carrying water, sitting near the door).\n"
            "P:\n"
            "1. Read the panic cycle handout before the next session.\n"
            "2. Interoceptive exposure: spin in chair 30 s, 3x/week, rate SUDS.\n"
            "3. Paced breathing 10 min daily after breakfast.\n"
            "4. Therapist to send the handout by email today.\n"
            "Next appt 14/3."
        ),
        expected=(
            Expected("Read the panic cycle handout before the next session", READ, recurrence="once"),
            Expected(
                "Interoceptive exposure: spin in chair 30 s, 3x/week, rate SUDS",
                SKILL,
                recurrence="times_per_week",
                times_per_week=3,
            ),
            Expected(
                "Paced breathing 10 min daily after breakfast",
                RELAX,
                recurrence="daily",
                cue="after breakfast",
                minutes=10,
            ),
        ),
    ),
    Case(
        id="held-soap-depression",
        style="soap",
        text=(
            'Subjective: Mara said the week was "flat". Spent most of Saturday in bed. Last week she '
            "managed one walk with her dog. PHQ-9 17 (was 19).\n"
            "Objective: Flat affect, slowed speech. Arrived on time.\n"
            "Assessment: Moderate-severe depression, early BA. Passive death wishes denied today; safety "
            "plan reviewed and still in place.\n"
            "Plan: Continue behavioural activation. Mara agreed to walk the dog for 20 minutes on Mon, Wed "
            "and Fri mornings and to phone her sister once this weekend. She will also try the 3-minute "
            "breathing space every evening. Discussed a referral to the GP for a medication review — she "
            "wants to think about it."
        ),
        expected=(
            Expected(
                "walk the dog for 20 minutes on Mon, Wed and Fri mornings",
                SKILL,
                recurrence="weekdays",
                weekdays=(0, 2, 4),
                minutes=20,
            ),
            Expected("phone her sister once this weekend", SKILL, recurrence="once", weekdays=(5,)),
            Expected("try the 3-minute breathing space every evening", RELAX, recurrence="daily", minutes=3),
        ),
    ),
    Case(
        id="held-soap-ocd",
        style="soap",
        text=(
            'S: Tom reports checking the front door lock "maybe 20 times" before leaving for work. '
            "Partner frustrated.\n"
            "O: Anxious, hand-wringing when discussing contamination.\n"
            "A: OCD, checking subtype. Motivated for ERP. Hierarchy built in session (top item: leaving "
            "the house with the back window unlocked, SUDS 90).\n"
            "P: ERP homework — lock the front door once and walk away without re-checking, every weekday "
            "before work; log SUDS at start, peak and end. Read the OCD-UK leaflet on reassurance. Tom "
            "asked whether his partner can come to a session; will discuss next week."
        ),
        expected=(
            Expected(
                "lock the front door once and walk away without re-checking, every weekday before work",
                SKILL,
                recurrence="weekdays",
                weekdays=WEEKDAYS,
                cue="before work",
            ),
            Expected("Read the OCD-UK leaflet on reassurance", READ),
        ),
    ),
    Case(
        id="held-soap-insomnia",
        style="soap",
        text=(
            'S: "I lie there for hours." Sleep diary shows average SOL 70 min, TST ~5h. Caffeine until 4pm.\n'
            "O: Tired, yawning. Engaged.\n"
            "A: Chronic insomnia; CBT-I started.\n"
            "P: CBT-I psychoeducation given. Agreed: fixed wake time 6:45 am daily incl. weekends; get out "
            "of bed when he can't sleep and go to another room; cut caffeine to mornings only. Read the "
            "sleep hygiene sheet before Thursday. Pt asked about melatonin — advised to discuss with GP."
        ),
        expected=(
            Expected(
                "fixed wake time 6:45 am daily incl. weekends",
                SKILL,
                recurrence="daily",
                time_of_day=time(6, 45),
            ),
            Expected(
                "get out of bed when he can't sleep and go to another room",
                SKILL,
                cue="when he can't sleep",
            ),
            Expected("cut caffeine to mornings only", SKILL),
            Expected("Read the sleep hygiene sheet before Thursday", READ, recurrence="once", weekdays=(3,)),
        ),
    ),
    Case(
        id="held-soap-social",
        style="soap",
        text=(
            'S: Priya avoided the team lunch again. Says she "rehearses every sentence" before speaking in '
            "meetings.\n"
            "O: Soft voice, limited eye contact initially, warmed up.\n"
            "A: Social anxiety; self-focused attention and rehearsal maintaining anxiety.\n"
            "P: Behavioural experiment: ask one question in the team meeting without rehearsing it first, "
            "and note whether anyone reacts the way she predicts. Practise shifting attention outward for "
            '5 min during conversations. She said she would do thought records 37 times a week "to make '
            'up for lost time"; we agreed to talk about realistic targets next week.\n'
            "Plan to review experiment and continue with the hierarchy."
        ),
        expected=(
            Expected("ask one question in the team meeting without rehearsing it first", BE),
            Expected("Practise shifting attention outward for 5 min during conversations", SKILL, minutes=5),
            Expected("do thought records 37 times a week", TR),
        ),
    ),
    Case(
        id="held-soap-health-anxiety",
        style="soap",
        text=(
            'S: Reports checking body for lumps "several times an hour" in the evenings; googles symptoms '
            "at night. Last week managed two evenings without googling.\n"
            "O: Anxious but engaged; laughed at times.\n"
            "A: Health anxiety; checking and reassurance maintain preoccupation.\n"
            "P: 1) Behavioural experiment: postpone body checking to a single check at 7.30pm, every other "
            "day, and rate anxiety before and after — tests the prediction \"if I don't check I'll miss "
            'something". 2) Mindful breathing, a 5-minute practice twice daily. 3) Put phone on charge in '
            "the kitchen at 9pm to stop late-night googling. 4) Pt will email to confirm whether she can "
            "do the Wed slot."
        ),
        expected=(
            Expected(
                "postpone body checking to a single check at 7.30pm, every other day",
                BE,
                recurrence="times_per_week",
                times_per_week=3,
                time_of_day=time(19, 30),
            ),
            Expected(
                "Mindful breathing, a 5-minute practice twice daily", RELAX, recurrence="daily", minutes=5
            ),
            Expected(
                "Put phone on charge in the kitchen at 9pm to stop late-night googling",
                SKILL,
                time_of_day=time(21, 0),
            ),
        ),
    ),
    # ---------------------------------------------------------------- DAP
    Case(
        id="held-dap-grief",
        style="dap",
        text=(
            "Data: Client (Helen, 62) discussed the anniversary of her husband's death next month. Tearful "
            "throughout. Reports she has stopped going to her choir since the funeral. Last week she wrote "
            'two pages about the day he died and found it "exhausting but useful".\n'
            "Assessment: Prolonged grief features; avoidance of reminders and of social contact. No risk "
            "indicators; protective factors: daughter, faith community.\n"
            "Plan: Helen will write a letter to Peter that she will not send, to bring to next session if "
            "she wishes. She will go back to choir practice before the next session. Therapist will check "
            "availability for an extra session around the anniversary."
        ),
        expected=(
            Expected("write a letter to Peter that she will not send", JOURNAL),
            Expected("go back to choir practice before the next session", SKILL, recurrence="once"),
        ),
    ),
    Case(
        id="held-dap-gad",
        style="dap",
        text=(
            "D: Sam described near-constant worry about work and his parents' health; worry time trial "
            "partly done (3 of 7 days). Sleep improved slightly. GAD-7 = 13.\n"
            "A: Responding to worry postponement; still reassurance-seeking from his wife (asking "
            '"are you sure it\'ll be fine?").\n'
            "P: - Worry time at 18:30 for 15 minutes, every day\n"
            "   - Drop reassurance-seeking: when the urge comes, write the question down instead of asking\n"
            "   - Read ch. 4 of the GAD workbook\n"
            "   - f/u 2 wks"
        ),
        expected=(
            Expected(
                "Worry time at 18:30 for 15 minutes, every day",
                SKILL,
                recurrence="daily",
                time_of_day=time(18, 30),
                minutes=15,
            ),
            Expected(
                "Drop reassurance-seeking: when the urge comes, write the question down instead of asking",
                SKILL,
                cue="when the urge comes",
            ),
            Expected("Read ch. 4 of the GAD workbook", READ),
        ),
    ),
    Case(
        id="held-dap-anger",
        style="dap",
        text=(
            "Data: Jordan reported two arguments with his manager this week; in one he walked out of a "
            "meeting. Identified physical signs (jaw clenching, heat in face) before the outburst.\n"
            "Assessment: Anger escalates quickly when he feels criticised. Good insight. No violence "
            "reported; no risk to others identified.\n"
            "Plan: Jordan to keep an anger journal, writing one entry each evening about the trigger, his "
            "thoughts and what he did. Practise the time-out plan when he notices his jaw clenching. "
            "Jordan asked if his manager could be told about therapy; explained that is his decision. "
            "Will email him the time-out sheet."
        ),
        expected=(
            Expected(
                "keep an anger journal, writing one entry each evening about the trigger, his thoughts and "
                "what he did",
                JOURNAL,
                recurrence="daily",
            ),
            Expected(
                "Practise the time-out plan when he notices his jaw clenching",
                SKILL,
                cue="when he notices his jaw clenching",
            ),
        ),
    ),
    Case(
        id="held-dap-crisis-none",
        style="dap",
        text=(
            "Data: Session focused on the events of the weekend; Aisha's brother was admitted to hospital. "
            "She was distressed but able to use grounding in session.\n"
            'Assessment: Acute stressor. Reports fleeting thoughts on Sunday that "it would be easier not '
            'to be here", no plan or intent, able to name reasons for living. Risk assessed as low; safety '
            "plan updated and copy given.\n"
            "Plan: No homework set this week — agreed to pause the thought records while her brother is in "
            "hospital. Next session Tuesday. Will call her Friday to check in."
        ),
    ),
    Case(
        id="held-dap-perfectionism",
        style="dap",
        text=(
            'Data: Ellis (uni student) spent 9 hours on a 500-word reflection last week. Believes "if it '
            "isn't perfect my tutor will think I shouldn't be here\" (belief 85%).\n"
            "Assessment: Perfectionism maintained by over-preparation and checking.\n"
            "Plan: Behavioural experiment — submit the next seminar piece without re-reading it more than "
            "once, and record the tutor's actual feedback. Also, 2x this week, do a thought record when he "
            "notices himself re-reading. Ellis will email the office to rearrange next week's session "
            "because of his exam."
        ),
        expected=(
            Expected(
                "submit the next seminar piece without re-reading it more than once, and record the "
                "tutor's actual feedback",
                BE,
            ),
            Expected(
                "2x this week, do a thought record when he notices himself re-reading",
                TR,
                recurrence="times_per_week",
                times_per_week=2,
                cue="when he notices himself re-reading",
            ),
        ),
    ),
    # ---------------------------------------------------------------- BIRP
    Case(
        id="held-birp-agoraphobia",
        style="birp",
        text=(
            "Behavior: Client (Rosa) arrived with her husband, who waited outside. Reports leaving the "
            "house alone twice this week, to the corner shop.\n"
            "Intervention: Reviewed exposure hierarchy; graded exposure planned; practised diaphragmatic "
            "breathing in session.\n"
            'Response: Rosa engaged well, SUDS fell from 70 to 35 during in-session practice. Said "I '
            'think I can do the bus".\n'
            "Plan: Take the bus two stops and back alone, aim for 3 this week, staying on until SUDS "
            "halves. Continue diaphragmatic breathing, ten minutes twice daily. Husband not to accompany "
            "her on exposure tasks (discussed with both)."
        ),
        expected=(
            Expected(
                "Take the bus two stops and back alone, aim for 3 this week, staying on until SUDS halves",
                SKILL,
                recurrence="times_per_week",
                times_per_week=3,
            ),
            Expected(
                "Continue diaphragmatic breathing, ten minutes twice daily",
                RELAX,
                recurrence="daily",
                minutes=10,
            ),
        ),
    ),
    Case(
        id="held-birp-school",
        style="birp",
        text=(
            "B: Kai (15) attended with mum for the first 10 min. Reports skipping school on Mondays because "
            'of "stomach aches".\n'
            "I: Psychoeducation on anxiety and avoidance; built a fear ladder; role-played asking a teacher "
            "for help.\n"
            "R: Kai was quiet but contributed to the ladder. Mum keen to help.\n"
            "P: Kai to go into school for registration on Mon and Wed, even if his stomach hurts. Use the "
            '"balloon breathing" when he feels the stomach ache start. Mum to contact the head of year '
            "re: a quiet room. Kai doesn't want to tell his friends about therapy — respected."
        ),
        expected=(
            Expected(
                "go into school for registration on Mon and Wed, even if his stomach hurts",
                SKILL,
                recurrence="weekdays",
                weekdays=(0, 2),
            ),
            Expected(
                'Use the "balloon breathing" when he feels the stomach ache start',
                RELAX,
                cue="when he feels the stomach ache start",
            ),
        ),
    ),
    Case(
        id="held-birp-trauma",
        style="birp",
        text=(
            "Behavior: Dana described intrusive memories of the crash, 3-4 a day, worse when driving past "
            "the junction. Avoiding driving entirely.\n"
            "Intervention: Trauma-focused CBT: timeline work; introduced grounding (5-4-3-2-1). Reviewed "
            "her impact statement.\n"
            "Response: Became distressed during timeline but used grounding effectively. Distress 8/10 -> "
            "4/10.\n"
            'Plan: Practise 5-4-3-2-1 grounding when an intrusive memory hits. Read "Understanding PTSD" '
            "(the booklet given) by Friday. Not yet ready to sit in a parked car — revisit next session. "
            "Risk: denies SI, no self-harm."
        ),
        expected=(
            Expected(
                "Practise 5-4-3-2-1 grounding when an intrusive memory hits",
                RELAX,
                cue="when an intrusive memory hits",
            ),
            Expected(
                'Read "Understanding PTSD" (the booklet given) by Friday',
                READ,
                recurrence="once",
                weekdays=(4,),
            ),
        ),
    ),
    Case(
        id="held-birp-alcohol",
        style="birp",
        text=(
            "Behavior: Chris reports drinking on 4 of 7 nights, average 5 units. Cravings strongest after "
            "work on Fridays.\n"
            "Intervention: MI; decisional balance; urge surfing introduced and practised.\n"
            'Response: Ambivalent but identified "being there for my daughter" as a reason to cut down.\n'
            "Plan: Chris will practise urge surfing for about 20 minutes when a craving hits. Alcohol-free "
            "days on Tue & Thu. He is not willing to attend AA at this point. Therapist to send the drink "
            "diary app link."
        ),
        expected=(
            Expected(
                "practise urge surfing for about 20 minutes when a craving hits",
                RELAX,
                cue="when a craving hits",
                minutes=20,
            ),
            Expected("Alcohol-free days on Tue & Thu", None, recurrence="weekdays", weekdays=(1, 3)),
        ),
    ),
    Case(
        id="held-birp-late-none",
        style="birp",
        text=(
            "Behavior: Client arrived 25 minutes late; session shortened. Reported a difficult week at home "
            "but did not want to go into detail.\n"
            "Intervention: Validation; reviewed safety plan; checked in about sleep and eating.\n"
            "Response: Guarded. Agreed the safety plan is still accurate. Denies current SI.\n"
            "Plan: Continue weekly sessions. Client agreed to text if she needs to cancel. Homework from "
            "last week (thought record) to be reviewed next time."
        ),
    ),
    # ---------------------------------------------------------------- bullets
    Case(
        id="held-bullets-mixed",
        style="bullets",
        text=(
            "Homework agreed:\n"
            '• Thought record x2 this week – focus on the "I\'m a burden" thought\n'
            "• Body scan (10 min) before bed\n"
            "* Pleasant activity: coffee with Jess this weekend\n"
            "- Finish reading the values worksheet\n"
            "\n"
            "Notes\n"
            "- Last week: completed 1 TR, found the evidence column hard\n"
            "- Will send the body scan audio link (me)\n"
            "- Next: 12/10, 5pm"
        ),
        expected=(
            Expected(
                'Thought record x2 this week – focus on the "I\'m a burden" thought',
                TR,
                recurrence="times_per_week",
                times_per_week=2,
            ),
            Expected("Body scan (10 min) before bed", RELAX, cue="before bed", minutes=10),
            Expected(
                "Pleasant activity: coffee with Jess this weekend", SKILL, recurrence="once", weekdays=(5,)
            ),
            Expected("Finish reading the values worksheet", READ),
        ),
    ),
    Case(
        id="held-bullets-numbered",
        style="bullets",
        text=(
            "Next steps\n"
            "1) 3x/week: 20 min walk after lunch (BA)\n"
            "2) assertiveness — say no to one extra shift request, practise the script first\n"
            "3) PMR nightly 9pm\n"
            "4) GP re: sleep meds??\n"
            "5) [therapist] find a local DBT skills group"
        ),
        expected=(
            Expected(
                "3x/week: 20 min walk after lunch (BA)",
                SKILL,
                recurrence="times_per_week",
                times_per_week=3,
                cue="after lunch",
                minutes=20,
            ),
            Expected("assertiveness — say no to one extra shift request, practise the script first", SKILL),
            Expected("PMR nightly 9pm", RELAX, recurrence="daily", time_of_day=time(21, 0)),
        ),
    ),
    Case(
        id="held-bullets-exposure",
        style="bullets",
        text=(
            "HW\n"
            "- Exposure: sit in the front row at church, Sun\n"
            "- Exposure: supermarket at busy time Mon–Fri, stay until anxiety drops by half\n"
            "- Mindful eating practice once, before next appt\n"
            '- Review "avoidance and safety behaviours" handout\n'
            "Risk: nil new. Supervisor consulted re: ending plan."
        ),
        expected=(
            Expected(
                "Exposure: sit in the front row at church, Sun", SKILL, recurrence="weekdays", weekdays=(6,)
            ),
            Expected(
                "Exposure: supermarket at busy time Mon–Fri, stay until anxiety drops by half",
                SKILL,
                recurrence="weekdays",
                weekdays=WEEKDAYS,
            ),
            Expected("Mindful eating practice once, before next appt", RELAX, recurrence="once"),
            Expected('Review "avoidance and safety behaviours" handout', READ),
        ),
    ),
    Case(
        id="held-bullets-intake-none",
        style="bullets",
        text=(
            "Session notes – 3 Feb\n"
            "• Intake completed; consent signed\n"
            "• Presenting problem: low mood since redundancy (Oct)\n"
            "• PHQ-9 14, GAD-7 9\n"
            "• Hx: one previous episode 2015, responded to counselling\n"
            "• Risk: no SI/SH; lives with partner; drinks ~10 units/wk\n"
            "• Plan: formulation next session; no homework yet"
        ),
    ),
    Case(
        id="held-bullets-leo",
        style="bullets",
        text=(
            "Plan for this week (agreed with Leo):\n"
            "- Morning walk before work, Mon/Wed/Fri\n"
            "- Text one friend back — he chose Sam\n"
            '- TR when he notices the "I\'m useless" thought\n'
            '- Journal: "what went OK today", 3 lines each night\n'
            "- Leo says he'll go to the gym 14 days a week (!) — we agreed to revisit\n"
            "- Won't be doing the breathing exercise; he finds it makes him more anxious"
        ),
        expected=(
            Expected(
                "Morning walk before work, Mon/Wed/Fri",
                SKILL,
                recurrence="weekdays",
                weekdays=(0, 2, 4),
                cue="before work",
            ),
            Expected("Text one friend back — he chose Sam", SKILL),
            Expected(
                'TR when he notices the "I\'m useless" thought',
                TR,
                cue='when he notices the "I\'m useless" thought',
            ),
            Expected('Journal: "what went OK today", 3 lines each night', JOURNAL, recurrence="daily"),
            Expected("go to the gym 14 days a week", SKILL),
        ),
    ),
    Case(
        id="held-bullets-arrows",
        style="bullets",
        text=(
            "Plan / HW\n"
            "→ Exposure: lifts at work, Mon–Fri, start with 1 floor\n"
            "→ Thought record twice this week, after the team call\n"
            "→ Assertive request to landlord re: repairs by Friday\n"
            "→ Leaves-on-a-stream exercise, a 10-minute practice at 9pm\n"
            "(client will cancel 24h ahead if childcare falls through)"
        ),
        expected=(
            Expected(
                "Exposure: lifts at work, Mon–Fri, start with 1 floor",
                SKILL,
                recurrence="weekdays",
                weekdays=WEEKDAYS,
            ),
            Expected(
                "Thought record twice this week, after the team call",
                TR,
                recurrence="times_per_week",
                times_per_week=2,
                cue="after the team call",
            ),
            Expected(
                "Assertive request to landlord re: repairs by Friday", SKILL, recurrence="once", weekdays=(4,)
            ),
            Expected(
                "Leaves-on-a-stream exercise, a 10-minute practice at 9pm",
                RELAX,
                time_of_day=time(21, 0),
                minutes=10,
            ),
        ),
    ),
    # ---------------------------------------------------------------- narrative
    Case(
        id="held-narrative-faint",
        style="narrative",
        text=(
            "Ms. Okafor attended her sixth session. She reported that the panic attacks have reduced in "
            "frequency since she began the breathing practice, though she still avoids the gym. We reviewed "
            "her thought records from last week; she had completed four. We spent most of the session on "
            "her prediction that she would faint if her heart rate went up. She agreed to test this by "
            "jogging on the spot for two minutes at home, three times this week, and to write down what "
            "actually happens. She also agreed to try paced breathing for 5 minutes each morning. She asked "
            "whether she could stop the thought records; we agreed to keep them going but only when she "
            "notices a spike of anxiety. I will send her the hyperventilation handout."
        ),
        expected=(
            Expected(
                "test this by jogging on the spot for two minutes at home, three times this week",
                BE,
                recurrence="times_per_week",
                times_per_week=3,
                minutes=2,
            ),
            Expected("try paced breathing for 5 minutes each morning", RELAX, recurrence="daily", minutes=5),
            Expected(
                "keep them going but only when she notices a spike of anxiety",
                TR,
                cue="when she notices a spike of anxiety",
            ),
        ),
    ),
    Case(
        id="held-narrative-flatmates",
        style="narrative",
        text=(
            "Ben described feeling walked over by his flatmates, who leave the dishes for him to do. We "
            "role-played a DESC script in session; he was surprisingly fluent by the third attempt. He will "
            "raise the dishes rota with his flatmates using the script before the next session. He also "
            "said he would like to start running again, and we agreed that two short runs this week would "
            'be a reasonable start. He thinks his flatmates will "just laugh" (70%) and we\'ll see what '
            "happens. He declined to tell his parents about the situation, which is his call."
        ),
        expected=(
            Expected(
                "raise the dishes rota with his flatmates using the script before the next session",
                SKILL,
                recurrence="once",
            ),
            Expected("two short runs this week", SKILL, recurrence="times_per_week", times_per_week=2),
        ),
    ),
    Case(
        id="held-narrative-review-none",
        style="narrative",
        text=(
            "Mr. Halvorsen was seen for a review after a four-week break. He said the last month had gone "
            "well: he kept up the walks most days and did a couple of thought records when work got busy. "
            "He no longer scores in the moderate range (PHQ-9 6). We discussed ending, and he would like two "
            "more sessions spaced a month apart. He will let the office know if he wants to bring the next "
            "one forward. No new homework was set; he plans to carry on as he is, which seems reasonable."
        ),
    ),
    Case(
        id="held-narrative-body-image",
        style="narrative",
        text=(
            "Lucy talked about avoiding mirrors and wearing baggy clothes. We formulated the role of body "
            "checking in keeping her preoccupation going. Over the next week she will count, rather than "
            "try to stop, her body checks, using the tally counter on her phone, and bring the totals. She "
            "will also read the chapter on body checking in the self-help book before Thursday, and try the "
            "body scan recording for ten minutes after her evening meal. I need to check with the dietitian "
            "about her meal plan."
        ),
        expected=(
            Expected(
                "count, rather than try to stop, her body checks, using the tally counter on her phone", None
            ),
            Expected(
                "read the chapter on body checking in the self-help book before Thursday",
                READ,
                recurrence="once",
                weekdays=(3,),
            ),
            Expected(
                "try the body scan recording for ten minutes after her evening meal",
                RELAX,
                cue="after her evening meal",
                minutes=10,
            ),
        ),
    ),
    Case(
        id="held-narrative-weekends",
        style="narrative",
        text=(
            "Nadia's mood has lifted a little (PHQ-9 down from 18 to 15). Weekends remain the hardest time: "
            "she stays in her pyjamas and scrolls. We planned one absorbing activity for weekends (she chose "
            "baking), and she will get dressed by 10am on weekends regardless of mood. She wondered whether "
            "she should go back to her old book club; she wants to think about it. Her mother is visiting "
            "next week, which she predicts will be stressful. We will review the activity diary next time."
        ),
        expected=(
            Expected("one absorbing activity for weekends", SKILL, recurrence="weekdays", weekdays=WEEKENDS),
            Expected(
                "get dressed by 10am on weekends regardless of mood",
                SKILL,
                recurrence="weekdays",
                weekdays=WEEKENDS,
                time_of_day=time(10, 0),
            ),
        ),
    ),
    Case(
        id="held-narrative-wind-down",
        style="narrative",
        text=(
            "Aled came in more upbeat. He has been back at work for two weeks and is managing mornings "
            "better. We reviewed the sleep routine and agreed he will keep the wind-down routine three "
            "times a week for now, starting at 18:30 with a shower and no work email, and build up later. "
            "He will also go for a run on Tue & Thu with his neighbour, who has offered. I suggested he "
            "might look at the self-compassion workbook, but he wasn't keen, and we left it there. He "
            "agreed to let me know by email if he wants to move to fortnightly."
        ),
        expected=(
            Expected(
                "keep the wind-down routine three times a week for now, starting at 18:30",
                SKILL,
                recurrence="times_per_week",
                times_per_week=3,
                time_of_day=time(18, 30),
            ),
            Expected(
                "go for a run on Tue & Thu with his neighbour", SKILL, recurrence="weekdays", weekdays=(1, 3)
            ),
        ),
    ),
    # ---------------------------------------------------------------- reflection
    Case(
        id="held-reflection-bedtime",
        style="reflection",
        text=(
            "This week was rough but I did get out twice. Talking it through helped. I'm going to try the "
            "4-7-8 breathing every night when I get into bed, and I'll write in my gratitude journal after "
            "dinner. I don't think I'm ready to call my dad yet. Maybe next month."
        ),
        expected=(
            Expected(
                "try the 4-7-8 breathing every night when I get into bed",
                RELAX,
                recurrence="daily",
                cue="when I get into bed",
            ),
            Expected("write in my gratitude journal after dinner", JOURNAL, cue="after dinner"),
        ),
    ),
    Case(
        id="held-reflection-money",
        style="reflection",
        text=(
            "Honestly I nearly cancelled today. What I'm taking away: I'm going to do the thought record "
            "when I start spiralling about money, and I want to read the leaflet on worry by Friday. I've "
            "told myself I'll meditate 10 minutes a day, even if it's just in the car park. Last time I "
            "said I'd exercise and I didn't, so I'm not promising that."
        ),
        expected=(
            Expected(
                "do the thought record when I start spiralling about money",
                TR,
                cue="when I start spiralling about money",
            ),
            Expected("read the leaflet on worry by Friday", READ, recurrence="once", weekdays=(4,)),
            Expected("meditate 10 minutes a day", RELAX, recurrence="daily", minutes=10),
        ),
    ),
    Case(
        id="held-reflection-list",
        style="reflection",
        text=(
            "Things I want to do this week:\n"
            "- ask my manager for the Friday afternoon off (scary!!)\n"
            "- go to the pub quiz with Ana and not leave early\n"
            "- keep doing the worry diary\n"
            "I'll also listen to the sleep podcast Dr. Mensah recommended. I expect I'll be too tired on "
            "Thursday to do much."
        ),
        expected=(
            Expected("ask my manager for the Friday afternoon off", SKILL),
            Expected("go to the pub quiz with Ana and not leave early", SKILL),
            Expected("keep doing the worry diary", JOURNAL),
            Expected("listen to the sleep podcast Dr. Mensah recommended", READ),
        ),
    ),
    Case(
        id="held-reflection-none",
        style="reflection",
        text=(
            "I don't really know what to write. The session was hard, we talked about Mum a lot and I cried "
            "more than I expected. I felt lighter on the bus home. I liked that Jo didn't push me. I'm not "
            "sure I'm going to keep coming but I'll see how I feel."
        ),
    ),
    Case(
        id="held-reflection-goals",
        style="reflection",
        text=(
            "My goals for the next two weeks: Going for a swim every other day, before the kids wake up. "
            "Writing down three things I'm grateful for each night. Reading the chapter about "
            "self-compassion by Sunday. Saying no to at least one thing I don't want to do, which is hard "
            "for me!"
        ),
        expected=(
            Expected(
                "Going for a swim every other day, before the kids wake up",
                SKILL,
                recurrence="times_per_week",
                times_per_week=3,
                cue="before the kids wake up",
            ),
            Expected("Writing down three things I'm grateful for each night", JOURNAL, recurrence="daily"),
            Expected(
                "Reading the chapter about self-compassion by Sunday", READ, recurrence="once", weekdays=(6,)
            ),
            Expected("Saying no to at least one thing I don't want to do", SKILL),
        ),
    ),
    Case(
        id="held-reflection-laptop",
        style="reflection",
        text=(
            "After today I'm going to aim for 3 walks this week, and I'll do the breathing exercise on "
            "Monday & Wednesday at 8am before I open my laptop. I'm also going to look at the website "
            "about social anxiety. My therapist is going to send me a new worksheet, so I'll wait for that."
        ),
        expected=(
            Expected("aim for 3 walks this week", SKILL, recurrence="times_per_week", times_per_week=3),
            Expected(
                "do the breathing exercise on Monday & Wednesday at 8am before I open my laptop",
                RELAX,
                recurrence="weekdays",
                weekdays=(0, 2),
                time_of_day=time(8, 0),
                cue="before I open my laptop",
            ),
            Expected("look at the website about social anxiety", READ),
        ),
    ),
    # ---------------------------------------------------------------- dictation
    Case(
        id="held-dictation-panic",
        style="dictation",
        text=(
            "client seen today for session eight mood a bit better sleep still poor plan she will do a "
            "thought record three times a week after work and read the leaflet on panic by friday i "
            "will send the leaflet tonight next session in two weeks"
        ),
        expected=(
            Expected(
                "do a thought record three times a week after work",
                TR,
                recurrence="times_per_week",
                times_per_week=3,
                cue="after work",
            ),
            Expected("read the leaflet on panic by friday", READ, recurrence="once", weekdays=(4,)),
        ),
    ),
    Case(
        id="held-dictation-pmr",
        style="dictation",
        text=(
            "patient reports two panic attacks at work denies thoughts of self harm homework agreed "
            "progressive muscle relaxation twenty minutes every evening at 7.30pm and walk to the end of "
            "the road and back without his phone on tuesday and thursday he did not want to try the "
            "supermarket yet review next week"
        ),
        expected=(
            Expected(
                "progressive muscle relaxation twenty minutes every evening at 7.30pm",
                RELAX,
                recurrence="daily",
                time_of_day=time(19, 30),
                minutes=20,
            ),
            Expected(
                "walk to the end of the road and back without his phone on tuesday and thursday",
                SKILL,
                recurrence="weekdays",
                weekdays=(1, 3),
            ),
        ),
    ),
    Case(
        id="held-dictation-couple",
        style="dictation",
        text=(
            "seen with partner joint session discussed communication plan both to do the speaker listener "
            "exercise twice this week for about 20 minutes each time she is going to read chapter two of "
            "the couples book before the next session he asked about individual sessions therapist to send "
            "referral information"
        ),
        expected=(
            Expected(
                "do the speaker listener exercise twice this week for about 20 minutes each time",
                SKILL,
                recurrence="times_per_week",
                times_per_week=2,
                minutes=20,
            ),
            Expected("read chapter two of the couples book before the next session", READ, recurrence="once"),
        ),
    ),
    Case(
        id="held-dictation-phone-none",
        style="dictation",
        text=(
            "phone call with client to rearrange appointment moved to thursday 3pm client stable no "
            "concerns raised no homework discussed"
        ),
    ),
    Case(
        id="held-dictation-canteen",
        style="dictation",
        text=(
            "ok so plan for kemi behavioural experiment go to the canteen at lunch and sit with colleagues "
            "instead of eating at her desk prediction is no one will talk to her 80 percent also she will "
            "practise mindfulness of breath half an hour on saturday and sunday and keep up the gratitude "
            "list each morning thats it"
        ),
        expected=(
            Expected("go to the canteen at lunch and sit with colleagues instead of eating at her desk", BE),
            Expected(
                "practise mindfulness of breath half an hour on saturday and sunday",
                RELAX,
                recurrence="weekdays",
                weekdays=WEEKENDS,
                minutes=30,
            ),
            Expected("keep up the gratitude list each morning", JOURNAL, recurrence="daily"),
        ),
    ),
    # ---------------------------------------------------------------- negation
    Case(
        id="held-negation-letter",
        style="negation",
        text=(
            "Plan: Gemma will write a letter to her ex that she will not send, and bring it next session if "
            "she wants to. She will practise not checking her phone for his messages for half an hour at a "
            "time. She does not want to do a thought record this week and we agreed that is fine."
        ),
        expected=(
            Expected("write a letter to her ex that she will not send", JOURNAL),
            Expected(
                "practise not checking her phone for his messages for half an hour at a time",
                SKILL,
                minutes=30,
            ),
        ),
    ),
    Case(
        id="held-negation-erp",
        style="negation",
        text=(
            "P: ERP — practise not checking the locks after leaving the flat, every day. Touch the bin lid "
            "and don't wash hands for 10 min, once daily. No reassurance-seeking from mum (mum aware). He "
            "won't attempt the public toilet exposure yet."
        ),
        expected=(
            Expected(
                "practise not checking the locks after leaving the flat, every day",
                SKILL,
                recurrence="daily",
                cue="after leaving the flat",
            ),
            Expected(
                "Touch the bin lid and don't wash hands for 10 min, once daily",
                SKILL,
                recurrence="daily",
                minutes=10,
            ),
            Expected("No reassurance-seeking from mum", SKILL),
        ),
    ),
    Case(
        id="held-negation-cafe",
        style="negation",
        text=(
            "Plan (brief). Agreed homework: go to the café without sunglasses and not sit with her back to "
            "the wall, before Thursday; sleep without the landing light on, every night; NOT to google "
            "symptoms — when she gets the urge, note it in the app instead. She is not going to stop her "
            "medication, which we discussed at length. Didn't get to the breathing work — next time."
        ),
        expected=(
            Expected(
                "go to the café without sunglasses and not sit with her back to the wall, before Thursday",
                SKILL,
                recurrence="once",
                weekdays=(3,),
            ),
            Expected("sleep without the landing light on, every night", SKILL, recurrence="daily"),
            Expected(
                "NOT to google symptoms — when she gets the urge, note it in the app instead",
                SKILL,
                cue="when she gets the urge",
            ),
        ),
    ),
    Case(
        id="held-negation-none",
        style="negation",
        text=(
            "Plan: No homework this week. Client did not complete last week's reading and did not want to "
            "set anything new while her exams are on. We did not discuss exposure. She will not be "
            "attending on the 14th (holiday)."
        ),
    ),
    Case(
        id="held-negation-sorry",
        style="negation",
        text=(
            "I'm going to practise not apologising when something isn't my fault, 3x/week at least. I'm "
            "also going to eat lunch away from my desk and not check email while I eat, on weekdays. I "
            "won't be doing the worry diary any more, it wasn't helping."
        ),
        expected=(
            Expected(
                "practise not apologising when something isn't my fault, 3x/week at least",
                SKILL,
                recurrence="times_per_week",
                times_per_week=3,
                cue="when something isn't my fault",
            ),
            Expected(
                "eat lunch away from my desk and not check email while I eat, on weekdays",
                SKILL,
                recurrence="weekdays",
                weekdays=WEEKDAYS,
            ),
        ),
    ),
    # ---------------------------------------------------------------- noun phrases and abbreviations
    Case(
        id="held-noun-semicolons",
        style="noun_phrase",
        text=(
            "HW: gratitude journaling (3 items/night); TR x3/wk; PMR 10 min nightly; BA: walk Tue/Thu. "
            "Bibliotherapy: MoM ch. 5–6 by Fri. RV 2/52."
        ),
        expected=(
            Expected("gratitude journaling (3 items/night)", JOURNAL, recurrence="daily"),
            Expected("TR x3/wk", TR, recurrence="times_per_week", times_per_week=3),
            Expected("PMR 10 min nightly", RELAX, recurrence="daily", minutes=10),
            Expected("BA: walk Tue/Thu", SKILL, recurrence="weekdays", weekdays=(1, 3)),
            Expected("Bibliotherapy: MoM ch. 5–6 by Fri", READ, recurrence="once", weekdays=(4,)),
        ),
    ),
    Case(
        id="held-noun-plan",
        style="noun_phrase",
        text=(
            "Plan\n"
            "- Sleep hygiene: consistent wake time 7am, no screens in bed\n"
            "- Diaphragmatic breathing 2x/day\n"
            "- Assertiveness practice w/ sister (DESC) – once before next sesh\n"
            "- BE: leave 1 email unanswered for 24h, rate anxiety 0–100\n"
            "- Values reading (handout)\n"
            "- Journalling 40x/wk (pt's idea, to revisit)\n"
            "- Pt to bring completed PHQ-9/GAD-7\n"
            "- Tx to liaise w/ GP re SSRI"
        ),
        expected=(
            Expected(
                "Sleep hygiene: consistent wake time 7am, no screens in bed", SKILL, time_of_day=time(7, 0)
            ),
            Expected("Diaphragmatic breathing 2x/day", RELAX, recurrence="daily"),
            Expected(
                "Assertiveness practice w/ sister (DESC) – once before next sesh", SKILL, recurrence="once"
            ),
            Expected("BE: leave 1 email unanswered for 24h, rate anxiety 0–100", BE),
            Expected("Values reading (handout)", READ),
            Expected("Journalling 40x/wk", JOURNAL),
            Expected("Pt to bring completed PHQ-9/GAD-7", None),
        ),
    ),
    Case(
        id="held-noun-omar",
        style="noun_phrase",
        text=(
            "Agreed tasks (Omar): activity scheduling — 1 pleasant + 1 mastery activity daily; 5-min "
            "breathing space 3x/day; thought diary when low (rate mood 0–100); Mind Over Mood ch. 7; "
            "exposure — drive on motorway J10–J12 ×2 this wk. Not agreed: group therapy (declined)."
        ),
        expected=(
            Expected(
                "activity scheduling — 1 pleasant + 1 mastery activity daily", SKILL, recurrence="daily"
            ),
            Expected("5-min breathing space 3x/day", RELAX, recurrence="daily", minutes=5),
            Expected("thought diary when low (rate mood 0–100)", TR, cue="when low"),
            Expected("Mind Over Mood ch. 7", READ),
            Expected(
                "exposure — drive on motorway J10–J12 ×2 this wk",
                SKILL,
                recurrence="times_per_week",
                times_per_week=2,
            ),
        ),
    ),
    Case(
        id="held-noun-admin-none",
        style="noun_phrase",
        text=(
            "Dx: F41.1 GAD. Meds: sertraline 50mg. PHQ-9 11, GAD-7 15. Risk: low. Px: good. RV 1/52. "
            "NFA re: safeguarding."
        ),
    ),
    Case(
        id="held-noun-tx-plan",
        style="noun_phrase",
        text=(
            "Tx plan wk 6\n"
            "BA sched: gym Mon/Thu 6:30 pm, call mum Sun\n"
            "Mindfulness: body scan, about 20 minutes, weekends\n"
            "CR: TR x2 this week, 'hot thought' focus\n"
            "Psychoed: 'Overcoming Low Self-Esteem' ch 1 before Thursday\n"
            "Thx to send sheet; pt ?ready for exposure work — discuss"
        ),
        expected=(
            Expected(
                "gym Mon/Thu 6:30 pm",
                SKILL,
                recurrence="weekdays",
                weekdays=(0, 3),
                time_of_day=time(18, 30),
            ),
            Expected("call mum Sun", SKILL, recurrence="weekdays", weekdays=(6,)),
            Expected(
                "body scan, about 20 minutes, weekends",
                RELAX,
                recurrence="weekdays",
                weekdays=WEEKENDS,
                minutes=20,
            ),
            Expected(
                "TR x2 this week, 'hot thought' focus", TR, recurrence="times_per_week", times_per_week=2
            ),
            Expected(
                "'Overcoming Low Self-Esteem' ch 1 before Thursday", READ, recurrence="once", weekdays=(3,)
            ),
        ),
    ),
)
