"""An independent tuning batch (b) of labelled session texts for the extractor.

Written from general knowledge of how clinicians (CBT therapists, psychologists,
counsellors, OTs, psychiatrists) and clients write, without seeing the
extractor, its rules or the other labelled corpora. It is meant for improving
the extractor, not for reporting its score.

How it is labelled:

- ``span`` is the core of the item, copied exactly from the text: a bullet's text
  without its mark and trailing punctuation; inside a sentence, the clause from
  the action verb. Two tasks joined by "and" are two items.
- Non-items are left unlabelled on purpose: the therapist's own tasks,
  arrangements, risk and safety lines, medication, history, discussion,
  refusals, other people's tasks, questions, predictions, diagnoses and scores.
- Schedule fields say only what the item's words state. "daily" covers every
  day, each morning/evening, nightly, "a day", "/day", "per day", "bd" and
  twice daily; "times_per_week" covers "N times a week", "3x/week", "x3/wk",
  "twice this week", "aim for 3 this week" and "every other day" (3); two or
  more named days, weekdays and weeknights give "weekdays"; "once" covers "by
  Friday", a single named day on its own ("on Friday", "Sat"), "before/by the
  next session", "before we next meet" and "this weekend", with the due day when
  one is named (as docs/action-items.md defines "once" and the other modules
  label it; the two single-day items below were first labelled "weekdays"). A bare count such as "TR x2" states no
  schedule. A time only when a clock time is given; a cue only from
  "after/when/before ___" (a deadline is not a cue, and "10 mins late" is not a
  duration). Habits described in the past or being given up do not lend their
  schedule to the item.
"""

from __future__ import annotations

from datetime import time

from sessions_app.tests.extraction_eval import Case, Expected

WEEKDAYS = (0, 1, 2, 3, 4)

CASES: tuple[Case, ...] = (
    # ------------------------------------------------------------------ SOAP
    Case(
        "b-soap-01",
        "soap",
        "S: Priya reports low mood most days, PHQ-9 today 16. Says she managed two short "
        "walks last week.\n"
        "O: Flat affect, good eye contact. No current SI.\n"
        "A: Moderate depressive episode, some improvement in activity.\n"
        "P: Continue sertraline 50mg per GP. BA: walk around the park Mon/Wed/Fri for 20 min. "
        "Complete one thought record after any low-mood dip. T to liaise with GP re: sleep. "
        "Review in 2/52.",
        (
            Expected(
                "walk around the park Mon/Wed/Fri for 20 min",
                "skill_practice",
                recurrence="weekdays",
                weekdays=(0, 2, 4),
                minutes=20,
            ),
            Expected(
                "Complete one thought record after any low-mood dip",
                "thought_record",
                cue="after any low-mood dip",
            ),
        ),
    ),
    Case(
        "b-soap-02",
        "soap",
        "S: Tomasz had 3 panic attacks this week, all on the tram. Worried he is 'going mad'.\n"
        "O: Anxious at start, settled by end of session.\n"
        "A: Panic disorder with agoraphobic avoidance; catastrophic misinterpretation of "
        "palpitations.\n"
        "P:\n"
        "1) Behavioural experiment: ride the tram two stops without holding the rail, rate "
        "belief 'I will faint' before and after\n"
        "2) Read the panic leaflet (Clark model) before the next session\n"
        "3) Practise slow breathing 10 min twice daily\n"
        "Client will let us know if he needs to move the Thursday slot.",
        (
            Expected(
                "Behavioural experiment: ride the tram two stops without holding the rail, "
                "rate belief 'I will faint' before and after",
                "behavioral_experiment",
            ),
            Expected(
                "Read the panic leaflet (Clark model) before the next session",
                "reading",
                recurrence="once",
            ),
            Expected(
                "Practise slow breathing 10 min twice daily",
                "relaxation",
                recurrence="daily",
                minutes=10,
            ),
        ),
    ),
    Case(
        "b-soap-03",
        "soap",
        "S: Attended with partner. Reports sleep 4-5 hrs, early waking. Declined to try the "
        "breathing exercise, says 'it makes me worse'.\n"
        "O: Tearful. Denies intent; safety plan reviewed and updated.\n"
        "A: Recurrent depressive disorder, current episode moderate. GAD-7 12.\n"
        "P: Increase mirtazapine to 30mg as per psychiatry. Therapist to send the sleep "
        "hygiene handout by post. Next appt 14/3, 10am. Text the clinic if running late.",
        (),
    ),
    Case(
        "b-soap-04",
        "soap",
        "S: 'Bit better.' Sleeping 6h. Compliant with meds.\n"
        "O: Euthymic, no psychotic features.\n"
        "A: Improving.\n"
        "P: cont lithium 400mg nocte, bloods in 3/12. Pt to keep a sleep diary daily and "
        "bring it to OPA. Encouraged to restart swimming 2x/week.",
        (
            Expected("keep a sleep diary daily", "journal", recurrence="daily"),
            Expected(
                "restart swimming 2x/week",
                "skill_practice",
                recurrence="times_per_week",
                times_per_week=2,
            ),
        ),
    ),
    Case(
        "b-soap-05",
        "soap",
        "SUBJECTIVE: Leila described a row with her manager; reports thinking 'everyone thinks "
        "I'm useless'.\n"
        "OBJECTIVE: Engaged, animated when discussing work.\n"
        "ASSESSMENT: Social anxiety; strong mind-reading.\n"
        "PLAN: Leila will ask one question in the next team meeting to test whether people "
        "look bored. She will also do a 5-column thought record when she notices the "
        "'useless' thought. I will email the worksheet tonight. We talked about whether she "
        "could try eating lunch in the staff room but she is not ready yet.",
        (
            Expected(
                "ask one question in the next team meeting to test whether people look bored",
                "behavioral_experiment",
            ),
            Expected(
                "do a 5-column thought record when she notices the 'useless' thought",
                "thought_record",
                cue="when she notices the 'useless' thought",
            ),
        ),
    ),
    Case(
        "b-soap-06",
        "soap",
        "S: Nadia reports panic in the car since the collision in October. Drives only with "
        "her partner.\n"
        "O: Hypervigilant when describing the intersection.\n"
        "A: PTSD symptoms, subthreshold. Avoidance maintaining fear.\n"
        "P: - sit in the parked car in the driveway for 10 minutes daily\n"
        "- listen to the session recording of the trauma narrative twice this week\n"
        "- write about the accident for 15 min after the kids are in bed, Mon/Wed\n"
        "- partner to drive for now",
        (
            Expected(
                "sit in the parked car in the driveway for 10 minutes daily",
                "skill_practice",
                recurrence="daily",
                minutes=10,
            ),
            Expected(
                "listen to the session recording of the trauma narrative twice this week",
                "skill_practice",
                recurrence="times_per_week",
                times_per_week=2,
            ),
            Expected(
                "write about the accident for 15 min after the kids are in bed, Mon/Wed",
                "journal",
                recurrence="weekdays",
                weekdays=(0, 2),
                cue="after the kids are in bed",
                minutes=15,
            ),
        ),
    ),
    # ------------------------------------------------------------------- DAP
    Case(
        "b-dap-01",
        "dap",
        "Data: Client (Marcus, 34) attended session 6. Reported drinking less this fortnight; "
        "managed two alcohol-free evenings.\n"
        "Assessment: Motivation improving. Still uses alcohol to manage evening anxiety.\n"
        "Plan: Marcus agreed to use the 4-7-8 breathing for ten minutes when cravings hit "
        "after work, and to plan one alcohol-free social activity this weekend. Counsellor to "
        "check in with the community team regarding group availability. Next session in one "
        "week.",
        (
            Expected(
                "use the 4-7-8 breathing for ten minutes when cravings hit after work",
                "relaxation",
                cue="when cravings hit after work",
                minutes=10,
            ),
            Expected(
                "plan one alcohol-free social activity this weekend",
                "skill_practice",
                recurrence="once",
                weekdays=(5,),
            ),
        ),
    ),
    Case(
        "b-dap-02",
        "dap",
        "D: Ana reports ongoing worry about her children's safety, 'can't switch off'. Worry "
        "log shows 3-4 hours a day.\n"
        "A: GAD. Positive beliefs about worry ('it keeps them safe').\n"
        "P: Worry time 15 minutes at 6pm daily, postponing worries noted during the day to "
        "that slot. Read chapter 4 of 'Overcoming Worry' by Thursday. Husband will take the "
        "kids to school on Tuesdays. Continue to monitor.",
        (
            Expected(
                "Worry time 15 minutes at 6pm daily",
                "skill_practice",
                recurrence="daily",
                time_of_day=time(18, 0),
                minutes=15,
            ),
            Expected(
                "Read chapter 4 of 'Overcoming Worry' by Thursday",
                "reading",
                recurrence="once",
                weekdays=(3,),
            ),
        ),
    ),
    Case(
        "b-dap-03",
        "dap",
        "DATA: Session focused on grief following the death of Jon's father in March. Jon "
        "spoke about guilt at not visiting more. Last week he managed to sort through some of "
        "the photos with his sister.\n"
        "ASSESSMENT: Normal grief reaction, no complicating features. Not keen on any "
        "structured homework at this stage and we agreed to leave it.\n"
        "PLAN: Continue weekly sessions. Review need for bereavement group at session 8.",
        (),
    ),
    Case(
        "b-dap-04",
        "dap",
        "Data – Hollie (16) attended with mum for first 10 minutes. Self-harm: none in 3 "
        "weeks.\n"
        "Assessment – Using distraction skills more; still avoids school canteen.\n"
        "Plan –\n"
        "– Hollie to sit in the canteen for 10 minutes on Tue and Thu with her friend Esme\n"
        "– TIPP skills (cold water) when urges are above 6/10\n"
        "– Mum to contact the school SENCO\n"
        "– Safety plan unchanged; crisis numbers checked",
        (
            Expected(
                "Hollie to sit in the canteen for 10 minutes on Tue and Thu with her friend Esme",
                "skill_practice",
                recurrence="weekdays",
                weekdays=(1, 3),
                minutes=10,
            ),
            Expected(
                "TIPP skills (cold water) when urges are above 6/10",
                "skill_practice",
                cue="when urges are above 6/10",
            ),
        ),
    ),
    Case(
        "b-dap-05",
        "dap",
        "D: Reviewed thought records – completed 4 of 7 days. Felt 'silly' writing them at "
        "work.\n"
        "A: Good understanding of the link between thoughts and mood. Perfectionism evident.\n"
        "P: Carry on with thought records, aim for 3 this week, done at home in the evening "
        "rather than at work. Add a gratitude journal entry before bed. Explore core beliefs "
        "next time.",
        (
            Expected(
                "Carry on with thought records, aim for 3 this week",
                "thought_record",
                recurrence="times_per_week",
                times_per_week=3,
            ),
            Expected(
                "Add a gratitude journal entry before bed",
                "journal",
                cue="before bed",
            ),
        ),
    ),
    Case(
        "b-dap-06",
        "dap",
        "Data: Kofi (19, student) reports procrastinating on coursework, up until 4am.\n"
        "Assessment: Low mood secondary to academic stress; good insight.\n"
        "Plan: Kofi will use problem solving for the dissertation – write down three options "
        "and pick one by Monday. He'll also try a fixed bedtime of 11.30pm on weeknights and "
        "study in 25-minute blocks in the library. He was reluctant to try mindfulness. Tutor "
        "to be informed with his consent.",
        (
            Expected(
                "use problem solving for the dissertation – write down three options and pick one by Monday",
                "skill_practice",
                recurrence="once",
                weekdays=(0,),
            ),
            Expected(
                "try a fixed bedtime of 11.30pm on weeknights",
                "skill_practice",
                recurrence="weekdays",
                weekdays=WEEKDAYS,
                time_of_day=time(23, 30),
            ),
            Expected(
                "study in 25-minute blocks in the library",
                "skill_practice",
                minutes=25,
            ),
        ),
    ),
    # ------------------------------------------------------------------ BIRP
    Case(
        "b-birp-01",
        "birp",
        "B: Client (Dev) presented restless, reported checking the front door lock up to 20 "
        "times before leaving.\n"
        "I: ERP rationale revisited; built hierarchy; in-session exposure to touching the "
        "door handle once and walking away.\n"
        "R: SUDS peaked at 70, fell to 35 over 15 min.\n"
        "P: Dev will leave the house every weekday morning without going back to check the "
        "lock, rating SUDS on the ERP sheet. He will listen to the OCD psychoeducation "
        "podcast episode by Friday. Partner will not give reassurance when asked (agreed "
        "jointly). Next session Wednesday.",
        (
            Expected(
                "leave the house every weekday morning without going back to check the lock",
                "skill_practice",
                recurrence="weekdays",
                weekdays=WEEKDAYS,
            ),
            Expected(
                "listen to the OCD psychoeducation podcast episode by Friday",
                "reading",
                recurrence="once",
                weekdays=(4,),
            ),
        ),
    ),
    Case(
        "b-birp-02",
        "birp",
        "Behaviour: Mrs Okafor, 71, referred by OT for anxiety after a fall. Avoids stairs and "
        "going out alone.\n"
        "Intervention: Graded exposure plan agreed; PMR taught and practised in session "
        "(tension 7 → 3).\n"
        "Response: Found PMR helpful; sceptical about going out.\n"
        "Plan: PMR 20 minutes each afternoon using the audio. Walk to the end of the road and "
        "back with her stick, twice this week. Daughter will accompany her on Saturday. OT to "
        "review grab rails. Likely to find the walk hard at first.",
        (
            Expected(
                "PMR 20 minutes each afternoon using the audio",
                "relaxation",
                recurrence="daily",
                minutes=20,
            ),
            Expected(
                "Walk to the end of the road and back with her stick, twice this week",
                "skill_practice",
                recurrence="times_per_week",
                times_per_week=2,
            ),
        ),
    ),
    Case(
        "b-birp-03",
        "birp",
        "BEHAVIOUR: Sam (they/them), 24, low mood, in bed until 2pm most days.\n"
        "INTERVENTION: Activity monitoring reviewed. Values: creativity, friendship.\n"
        "RESPONSE: Identified drawing and seeing Kit as valued activities.\n"
        "PLAN:\n"
        "* get up by 10am on weekdays\n"
        "* draw for half an hour after lunch, every other day\n"
        "* message Kit to arrange a coffee by Friday\n"
        "* fill in the activity diary daily with mastery/pleasure ratings\n"
        "* will think about whether to restart the running group (not agreed)",
        (
            Expected(
                "get up by 10am on weekdays",
                "skill_practice",
                recurrence="weekdays",
                weekdays=WEEKDAYS,
                time_of_day=time(10, 0),
            ),
            Expected(
                "draw for half an hour after lunch, every other day",
                "skill_practice",
                recurrence="times_per_week",
                times_per_week=3,
                cue="after lunch",
                minutes=30,
            ),
            Expected(
                "message Kit to arrange a coffee by Friday",
                "skill_practice",
                recurrence="once",
                weekdays=(4,),
            ),
            Expected(
                "fill in the activity diary daily with mastery/pleasure ratings",
                "skill_practice",
                recurrence="daily",
            ),
        ),
    ),
    Case(
        "b-birp-04",
        "birp",
        "B: Client arrived 15 minutes late, intoxicated. Smelled of alcohol.\n"
        "I: Session shortened. Risk assessed: no plan or intent. Discussed harm reduction.\n"
        "R: Key worker will take him to the drop-in tomorrow. Not willing to do any homework "
        "this week.\n"
        "P: Therapist to liaise with the addictions team. Rebook for next week. If no contact, "
        "send opt-in letter.",
        (),
    ),
    Case(
        "b-birp-05",
        "birp",
        "Behavior: Client (Riya) reports binge-eating 4x/week, mostly late evening.\n"
        "Intervention: Introduced regular eating (CBT-E). Psychoeducation on restraint-binge "
        "cycle.\n"
        "Response: Understood rationale, anxious about weight gain.\n"
        "Plan: eat three meals and two snacks a day at planned times; complete food "
        "monitoring sheet after each meal; read pages 40-55 of 'Overcoming Binge Eating' this "
        "weekend; weekly weighing will be done in session only.",
        (
            Expected(
                "eat three meals and two snacks a day at planned times",
                "skill_practice",
                recurrence="daily",
            ),
            Expected(
                "complete food monitoring sheet after each meal",
                "journal",
                cue="after each meal",
            ),
            Expected(
                "read pages 40-55 of 'Overcoming Binge Eating' this weekend",
                "reading",
                recurrence="once",
                weekdays=(5,),
            ),
        ),
    ),
    Case(
        "b-birp-06",
        "birp",
        "B – Ms Ferreira (she/her) reports intrusive images of harming her baby; avoids "
        "bathing him alone.\n"
        "I – Normalised intrusive thoughts; psychoeducation on OCD; started thought-action "
        "fusion work.\n"
        "R – Visible relief; 'I'm not a monster then'.\n"
        "P – read the 'Intrusive thoughts are normal' handout with her husband; bath the baby "
        "on her own on Tue and Fri evenings without hiding the scissors first; health visitor "
        "to be updated by T.",
        (
            Expected(
                "read the 'Intrusive thoughts are normal' handout with her husband",
                "reading",
            ),
            Expected(
                "bath the baby on her own on Tue and Fri evenings without hiding the scissors first",
                "skill_practice",
                recurrence="weekdays",
                weekdays=(1, 4),
            ),
        ),
    ),
    # --------------------------------------------------------------- bullets
    Case(
        "b-bullets-01",
        "bullets",
        "Tasks for next time\n"
        "• Thought record x3 – focus on the 'I'm a burden' thought\n"
        "• Read the 'Unhelpful thinking styles' sheet\n"
        "• Body scan 15 min before bed\n"
        "• I'll send the link to the body scan audio\n"
        "• Bring the completed records next session",
        (
            Expected(
                "Thought record x3 – focus on the 'I'm a burden' thought",
                "thought_record",
            ),
            Expected("Read the 'Unhelpful thinking styles' sheet", "reading"),
            Expected(
                "Body scan 15 min before bed",
                "relaxation",
                cue="before bed",
                minutes=15,
            ),
        ),
    ),
    Case(
        "b-bullets-02",
        "bullets",
        "Homework set:\n"
        "- walk the dog round the block each morning\n"
        "- call Aunt Mary on Sundays\n"
        "- 10 min mindfulness of breath daily (Headspace ok)\n"
        "- not to start on job applications yet – we'll plan that together\n"
        "Therapist to write to the DWP re: fit note.",
        (
            Expected(
                "walk the dog round the block each morning",
                "skill_practice",
                recurrence="daily",
            ),
            Expected(
                "call Aunt Mary on Sundays",
                "skill_practice",
                recurrence="weekdays",
                weekdays=(6,),
            ),
            Expected(
                "10 min mindfulness of breath daily (Headspace ok)",
                "relaxation",
                recurrence="daily",
                minutes=10,
            ),
        ),
    ),
    Case(
        "b-bullets-03",
        "bullets",
        "AGREED\n"
        "1) Exposure ladder\n"
        "   o step 2: stand at the bus stop for 5 min, 3x/week\n"
        "   o step 3 (only if step 2 SUDS < 40): ride one stop\n"
        "2) Read the 'Facts about panic' leaflet\n"
        "3) Keep taking propranolol as prescribed by GP\n"
        "4) Client will text if she cannot make Tuesday",
        (
            Expected(
                "step 2: stand at the bus stop for 5 min, 3x/week",
                "skill_practice",
                recurrence="times_per_week",
                times_per_week=3,
                minutes=5,
            ),
            Expected(
                "step 3 (only if step 2 SUDS < 40): ride one stop",
                "skill_practice",
            ),
            Expected("Read the 'Facts about panic' leaflet", "reading"),
        ),
    ),
    Case(
        "b-bullets-04",
        "bullets",
        "To do (therapist):\n"
        "* send discharge summary to GP;\n"
        "* email Rosa the relapse-prevention handout;\n"
        "* book interpreter for 12/4;\n"
        "* check whether Rosa's CORE-10 came through;\n"
        "Client is on leave until the 10th – no homework set.",
        (),
    ),
    Case(
        "b-bullets-05",
        "bullets",
        "OT plan – Between-session work\n"
        "– Energy diary each day, noting activity and fatigue 0-10\n"
        "– Pacing: rest 10 minutes after every 30 minutes of housework\n"
        "– Try the perching stool for washing up on Mon, Wed and Sat\n"
        "– OT to order the stool and bath board\n"
        "– Husband will do the heavy shopping",
        (
            Expected(
                "Energy diary each day, noting activity and fatigue 0-10",
                "journal",
                recurrence="daily",
            ),
            Expected(
                "Pacing: rest 10 minutes after every 30 minutes of housework",
                "skill_practice",
                cue="after every 30 minutes of housework",
                minutes=10,
            ),
            Expected(
                "Try the perching stool for washing up on Mon, Wed and Sat",
                "skill_practice",
                recurrence="weekdays",
                weekdays=(0, 2, 5),
            ),
        ),
    ),
    Case(
        "b-bullets-06",
        "bullets",
        "Homework set 12/9\n"
        "  - Thought records: 1 per day, focus on work situations\n"
        "  - Behavioural experiment: arrive at the party 10 mins late (not early) and notice "
        "whether anyone comments\n"
        "  - Loving-kindness meditation 10 min when self-critical thoughts kick in\n"
        "  - Will email copy of formulation (me)",
        (
            Expected(
                "Thought records: 1 per day, focus on work situations",
                "thought_record",
                recurrence="daily",
            ),
            Expected(
                "Behavioural experiment: arrive at the party 10 mins late (not early) and "
                "notice whether anyone comments",
                "behavioral_experiment",
            ),
            Expected(
                "Loving-kindness meditation 10 min when self-critical thoughts kick in",
                "relaxation",
                cue="when self-critical thoughts kick in",
                minutes=10,
            ),
        ),
    ),
    # ------------------------------------------------------------- narrative
    Case(
        "b-narr-01",
        "narrative",
        "Dear Dr Hensley,\n\n"
        "Re: Mr Callum Reid, DOB 02/05/1988\n\n"
        "I saw Callum today for the fourth of twelve sessions of CBT for health anxiety. He "
        "continues to check his moles several times a day and to seek reassurance from his "
        "partner. We agreed that between now and our next appointment he will reduce body "
        "checking to a single check each morning, and he will read the health anxiety "
        "booklet I gave him. He also agreed to try a behavioural experiment of not googling "
        "symptoms for three days to see whether his anxiety rises or falls. He is not willing "
        "to stop visiting the surgery altogether yet, and I would be grateful if you could "
        "keep appointments brief and avoid ordering further tests unless clinically "
        "indicated.\n\n"
        "I will write again after session eight.\n\n"
        "Yours sincerely,\n"
        "Dr Fiona Marsh, Clinical Psychologist",
        (
            Expected(
                "reduce body checking to a single check each morning",
                "skill_practice",
                recurrence="daily",
            ),
            Expected("read the health anxiety booklet I gave him", "reading"),
            Expected(
                "try a behavioural experiment of not googling symptoms for three days to see "
                "whether his anxiety rises or falls",
                "behavioral_experiment",
            ),
        ),
    ),
    Case(
        "b-narr-02",
        "narrative",
        "Progress note, 3 June. Ewa attended on time. She said the week had been 'awful' "
        "because her mother was in hospital, and she had not done the breathing practice. We "
        "spent time on problem solving around visiting. By the end of the session Ewa had "
        "decided she would phone the ward each evening at 7pm instead of visiting every day, "
        "and she would take a 20-minute walk before each hospital visit. She said she might "
        "also go back to her choir but wasn't sure. I suggested the 'Leaves on a stream' "
        "exercise and she agreed to try the exercise when she can't sleep.",
        (
            Expected(
                "phone the ward each evening at 7pm instead of visiting every day",
                "skill_practice",
                recurrence="daily",
                time_of_day=time(19, 0),
            ),
            Expected(
                "take a 20-minute walk before each hospital visit",
                "skill_practice",
                cue="before each hospital visit",
                minutes=20,
            ),
            Expected(
                "try the exercise when she can't sleep",
                "relaxation",
                cue="when she can't sleep",
            ),
        ),
    ),
    Case(
        "b-narr-03",
        "narrative",
        "To whom it may concern,\n\n"
        "I am writing in support of Ms Jade Allen's application for a housing transfer. Ms "
        "Allen has attended eleven sessions of counselling with me since January for anxiety "
        "and low mood. Her current accommodation, with damp and repeated antisocial behaviour "
        "from neighbours, is having a significant impact on her mental health. She has worked "
        "hard in therapy, practising relaxation and keeping a diary, but progress is limited "
        "while the living conditions continue.\n\n"
        "Please do not hesitate to contact me.\n\n"
        "Kind regards,\n"
        "Owen Pryce, MBACP",
        (),
    ),
    Case(
        "b-narr-04",
        "narrative",
        "Session 9. Client (Mateo) reports his behavior at work has improved; he spoke up in "
        "two meetings. We reviewed the assertiveness script and role-played asking his "
        "supervisor for a schedule change. Mateo will ask his supervisor for the Friday "
        "afternoon off using the script by Wednesday. He'll also practice the DEAR MAN steps "
        "with his roommate three times a week. His girlfriend will help him rehearse. We "
        "discussed whether he could try saying no to extra shifts but he felt it was too "
        "soon. I will mail the DBT skills handout.",
        (
            Expected(
                "ask his supervisor for the Friday afternoon off using the script by Wednesday",
                "skill_practice",
                recurrence="once",
                weekdays=(2,),
            ),
            Expected(
                "practice the DEAR MAN steps with his roommate three times a week",
                "skill_practice",
                recurrence="times_per_week",
                times_per_week=3,
            ),
        ),
    ),
    Case(
        "b-narr-05",
        "narrative",
        "Outpatient review, Dr Abara (consultant psychiatrist). Ms Lindqvist seen with her "
        "sister. Mood brighter, eating better, no psychotic symptoms. Continue olanzapine "
        "10mg nocte. She will keep the mood diary she started last week, rating mood 0-10 "
        "each evening, and will walk to the allotment three times a week as discussed with "
        "her care coordinator. Sister will help with the shopping. CPA review in 6 weeks.",
        (
            Expected(
                "keep the mood diary she started last week, rating mood 0-10 each evening",
                "journal",
                recurrence="daily",
            ),
            Expected(
                "walk to the allotment three times a week",
                "skill_practice",
                recurrence="times_per_week",
                times_per_week=3,
            ),
        ),
    ),
    Case(
        "b-narr-06",
        "narrative",
        "Counselling session 3 with Bethan. She talked about her father's drinking and how "
        "she still 'walks on eggshells' with him. We practised an assertive 'I' statement in "
        "role play. Bethan plans to use the 'I feel… when… I'd like…' statement with her "
        "father at the next family lunch, and to spend twenty minutes journaling afterwards "
        "about how it went. She also wants to look at the Al-Anon website before we next "
        "meet. Her brother will be there for support.",
        (
            Expected(
                "use the 'I feel… when… I'd like…' statement with her father at the next family lunch",
                "skill_practice",
            ),
            Expected(
                "spend twenty minutes journaling afterwards about how it went",
                "journal",
                minutes=20,
            ),
            Expected(
                "look at the Al-Anon website before we next meet",
                "reading",
                recurrence="once",
            ),
        ),
    ),
    # ------------------------------------------------------------ reflection
    Case(
        "b-refl-01",
        "reflection",
        "This week was rough honestly. I did the breathing twice but forgot the rest. For "
        "next week I'm going to do a thought record at 9pm every night, even if it's a short "
        "one. I also want to try going to the gym after work on Tuesday and Thursday without "
        "my headphones, to see if people actually stare. My therapist said she'd send me the "
        "app link.",
        (
            Expected(
                "do a thought record at 9pm every night",
                "thought_record",
                recurrence="daily",
                time_of_day=time(21, 0),
            ),
            Expected(
                "try going to the gym after work on Tuesday and Thursday without my "
                "headphones, to see if people actually stare",
                "behavioral_experiment",
                recurrence="weekdays",
                weekdays=(1, 3),
                cue="after work",
            ),
        ),
    ),
    Case(
        "b-refl-02",
        "reflection",
        "Things I said I'd do:\n"
        "read the chapter about self-compassion (ch 6)\n"
        "write a letter to my younger self - I don't have to send it\n"
        "5 minutes of the compassionate breathing when I get in from work\n"
        "I'm not going to weigh myself every morning anymore (this one is hard)",
        (
            Expected("read the chapter about self-compassion (ch 6)", "reading"),
            Expected(
                "write a letter to my younger self - I don't have to send it",
                "journal",
            ),
            Expected(
                "5 minutes of the compassionate breathing when I get in from work",
                "relaxation",
                cue="when I get in from work",
                minutes=5,
            ),
            Expected(
                "not going to weigh myself every morning anymore",
                "skill_practice",
            ),
        ),
    ),
    Case(
        "b-refl-03",
        "reflection",
        "I didn't do any of the homework this week. My mum was ill and I just didn't have the "
        "headspace. I know the thought records help but I felt too anxious to even open the "
        "sheet. Maybe I'm not cut out for this. I'll talk to Jess about it on Thursday.",
        (),
    ),
    Case(
        "b-refl-04",
        "reflection",
        "Reflection after session 5\n"
        "We looked at my avoidance of phone calls. It clicked that avoiding makes it worse. "
        "My plan: make one phone call a day that I'd normally put off, starting with the "
        "dentist. Before each call I'll jot down what I predict will happen and afterwards "
        "what actually happened. Also doing the PMR recording before bed most nights (about "
        "20 minutes).",
        (
            Expected(
                "make one phone call a day that I'd normally put off, starting with the dentist",
                "skill_practice",
                recurrence="daily",
            ),
            Expected(
                "jot down what I predict will happen and afterwards what actually happened",
                "behavioral_experiment",
                cue="Before each call",
            ),
            Expected(
                "doing the PMR recording before bed most nights (about 20 minutes)",
                "relaxation",
                cue="before bed",
                minutes=20,
            ),
        ),
    ),
    Case(
        "b-refl-05",
        "reflection",
        "ok so my goals till next time\n"
        "- journal 10 mins every evening about what went well\n"
        "- go to the corner shop on my own, aim for 3 this week\n"
        "- practise the square breathing when i feel panicky\n"
        "my partner is going to do the school pick ups so i have time",
        (
            Expected(
                "journal 10 mins every evening about what went well",
                "journal",
                recurrence="daily",
                minutes=10,
            ),
            Expected(
                "go to the corner shop on my own, aim for 3 this week",
                "skill_practice",
                recurrence="times_per_week",
                times_per_week=3,
            ),
            Expected(
                "practise the square breathing when i feel panicky",
                "relaxation",
                cue="when i feel panicky",
            ),
        ),
    ),
    Case(
        "b-refl-06",
        "reflection",
        "Session 8 reflection (written in the waiting room lol)\n"
        "What I'm taking away: my 'I'm boring' belief is a thought not a fact. Homework I "
        "agreed to: 1. tell a story at dinner with friends on Friday and watch their faces "
        "rather than my own anxiety 2. list evidence against 'I'm boring' every evening for "
        "10 minutes 3. practise the attention training tape 12 minutes a day. Nina (my "
        "therapist) will put the tape on the portal.",
        (
            Expected(
                "tell a story at dinner with friends on Friday and watch their faces rather "
                "than my own anxiety",
                "behavioral_experiment",
                recurrence="once",
                weekdays=(4,),
            ),
            Expected(
                "list evidence against 'I'm boring' every evening for 10 minutes",
                "thought_record",
                recurrence="daily",
                minutes=10,
            ),
            Expected(
                "practise the attention training tape 12 minutes a day",
                "skill_practice",
                recurrence="daily",
                minutes=12,
            ),
        ),
    ),
    # ------------------------------------------------------------- dictation
    Case(
        "b-dict-01",
        "dictation",
        "okay session note for lucy brennan session seven she's been doing well with the "
        "exposure she went into the supermarket twice last week plan for this week is for "
        "her to go to the big tesco at a busy time and stay until her anxiety comes down and "
        "also to do the breathing exercise for ten minutes every morning before work i'm "
        "going to send her the updated hierarchy end of note",
        (
            Expected(
                "go to the big tesco at a busy time and stay until her anxiety comes down",
                "skill_practice",
            ),
            Expected(
                "do the breathing exercise for ten minutes every morning before work",
                "relaxation",
                recurrence="daily",
                cue="before work",
                minutes=10,
            ),
        ),
    ),
    Case(
        "b-dict-02",
        "dictation",
        "note for mr achterberg he said the sleep is still bad about four hours a night we "
        "agreed he will get up and leave the bedroom if he can't sleep and keep a sleep diary "
        "every day and he will not use his phone in bed his wife is going to move the tv out "
        "of the bedroom review in two weeks continue zopiclone as per gp for now",
        (
            Expected(
                "get up and leave the bedroom if he can't sleep",
                "skill_practice",
            ),
            Expected("keep a sleep diary every day", "journal", recurrence="daily"),
            Expected("not use his phone in bed", "skill_practice"),
        ),
    ),
    Case(
        "b-dict-03",
        "dictation",
        "right this is a brief note for file client did not attend third dna in a row letter "
        "sent offering one more appointment if no response will discharge back to gp full "
        "stop she had been set a thought record last time but we have no idea if it got done "
        "new paragraph i will discuss with supervisor on friday",
        (),
    ),
    Case(
        "b-dict-04",
        "dictation",
        "dictation for jamal hussein session four cbt for depression full stop he's managed a "
        "few more activities this week including seeing his cousin full stop for homework "
        "he's going to schedule three pleasant activities in the planner and do them and he's "
        "going to read the leaflet on rumination by the next session and try the rumination "
        "to action switch when he notices he's been brooding for more than a few minutes he "
        "might also go to the mosque on friday but he said he's not sure so we didn't set "
        "that full stop",
        (
            Expected(
                "schedule three pleasant activities in the planner and do them",
                "skill_practice",
            ),
            Expected(
                "read the leaflet on rumination by the next session",
                "reading",
                recurrence="once",
            ),
            Expected(
                "try the rumination to action switch when he notices he's been brooding for "
                "more than a few minutes",
                "skill_practice",
                cue="when he notices he's been brooding for more than a few minutes",
            ),
        ),
    ),
    Case(
        "b-dict-05",
        "dictation",
        "quick note re kasia she's doing the pmr most nights she says it helps plan carry on "
        "with pmr fifteen minutes nightly and add in the worry postponement at 6:30 pm each "
        "evening for about twenty minutes she'll also ring her sister every wednesday we "
        "talked about whether she could try driving again but she's not ready i'll email the "
        "worry postponement sheet",
        (
            Expected(
                "carry on with pmr fifteen minutes nightly",
                "relaxation",
                recurrence="daily",
                minutes=15,
            ),
            Expected(
                "add in the worry postponement at 6:30 pm each evening for about twenty minutes",
                "skill_practice",
                recurrence="daily",
                time_of_day=time(18, 30),
                minutes=20,
            ),
            Expected(
                "ring her sister every wednesday",
                "skill_practice",
                recurrence="weekdays",
                weekdays=(2,),
            ),
        ),
    ),
    # -------------------------------------------------------------- negation
    Case(
        "b-neg-01",
        "negation",
        "P: Write a letter to her ex-husband that she will not send, 20 minutes, this "
        "weekend. Practise not seeking reassurance from her daughter about the diagnosis. Not "
        "to be discussed with the family yet. Therapist will not be available on 1 May.",
        (
            Expected(
                "Write a letter to her ex-husband that she will not send, 20 minutes, this weekend",
                "journal",
                recurrence="once",
                weekdays=(5,),
                minutes=20,
            ),
            Expected(
                "Practise not seeking reassurance from her daughter about the diagnosis",
                "skill_practice",
            ),
        ),
    ),
    Case(
        "b-neg-02",
        "negation",
        "Homework:\n"
        "– go to the shop without checking the oven twice\n"
        "– eat lunch in the canteen without sitting next to the exit\n"
        "– don't avoid the lift at work; take it at least once a day\n"
        "– no homework around driving this week (client's choice)",
        (
            Expected("go to the shop without checking the oven twice", "skill_practice"),
            Expected(
                "eat lunch in the canteen without sitting next to the exit",
                "skill_practice",
            ),
            Expected(
                "don't avoid the lift at work; take it at least once a day",
                "skill_practice",
                recurrence="daily",
            ),
        ),
    ),
    Case(
        "b-neg-03",
        "negation",
        "Plan: Client will practice sitting with uncertainty by not re-reading sent emails for "
        "spelling errors. He will also try a behavioral experiment: submit the weekly report "
        "without asking a coworker to proofread it, and rate anxiety before and after. He "
        "does not want to do thought records at this time. Will not schedule next session "
        "until after his vacation.",
        (
            Expected(
                "practice sitting with uncertainty by not re-reading sent emails for spelling errors",
                "skill_practice",
            ),
            Expected(
                "try a behavioral experiment: submit the weekly report without asking a "
                "coworker to proofread it",
                "behavioral_experiment",
            ),
        ),
    ),
    Case(
        "b-neg-04",
        "negation",
        "Agreed tasks\n"
        "1) Spend 10 min each evening NOT tidying the kitchen after the kids go to bed – just "
        "sit with the discomfort\n"
        "2) Say 'no' to a request without giving an excuse\n"
        "3) Avoid alcohol? – NOT agreed, client wants to think about it\n"
        "4) Partner not to do the checking for her",
        (
            Expected(
                "Spend 10 min each evening NOT tidying the kitchen after the kids go to bed",
                "skill_practice",
                recurrence="daily",
                cue="after the kids go to bed",
                minutes=10,
            ),
            Expected(
                "Say 'no' to a request without giving an excuse",
                "skill_practice",
            ),
        ),
    ),
    Case(
        "b-neg-05",
        "negation",
        "Client does not want to set homework this week. She is not ready to try exposure and "
        "declined the relaxation recording. We did not discuss the sleep diary. She will not "
        "be attending on the 12th due to a family wedding. No risk concerns.",
        (),
    ),
    # ----------------------------------------------------------- noun_phrase
    Case(
        "b-np-01",
        "noun_phrase",
        "HW:\nTR x2\nPMR 10 min nightly\nBA: walk Tue/Thu\nsleep diary\nworry time 15 min 6pm\n"
        "T: send ladder",
        (
            Expected("TR x2", "thought_record"),
            Expected(
                "PMR 10 min nightly",
                "relaxation",
                recurrence="daily",
                minutes=10,
            ),
            Expected(
                "BA: walk Tue/Thu",
                "skill_practice",
                recurrence="weekdays",
                weekdays=(1, 3),
            ),
            Expected("sleep diary", "journal"),
            Expected(
                "worry time 15 min 6pm",
                "skill_practice",
                time_of_day=time(18, 0),
                minutes=15,
            ),
        ),
    ),
    Case(
        "b-np-02",
        "noun_phrase",
        "Plan\n"
        "HW: exposure ladder step 3 (lifts, 2 floors) x3/wk\n"
        "DTR when SUDS > 50\n"
        "Bibliotherapy: 'Mind Over Mood' ch. 5-6\n"
        "BE: leave phone at home for 1 hr Sat\n"
        "Rx: cont. citalopram 20mg\n"
        "F/U 2/52",
        (
            Expected(
                "exposure ladder step 3 (lifts, 2 floors) x3/wk",
                "skill_practice",
                recurrence="times_per_week",
                times_per_week=3,
            ),
            Expected("DTR when SUDS > 50", "thought_record", cue="when SUDS > 50"),
            Expected("Bibliotherapy: 'Mind Over Mood' ch. 5-6", "reading"),
            Expected(
                "BE: leave phone at home for 1 hr Sat",
                "behavioral_experiment",
                recurrence="once",
                weekdays=(5,),
                minutes=60,
            ),
        ),
    ),
    Case(
        "b-np-03",
        "noun_phrase",
        "Between-session work:\n"
        "* Mindfulness 3-min breathing space x3 daily\n"
        "* Values worksheet\n"
        "* Gratitude diary – 3 things before bed\n"
        "* Assertiveness: ask for refund at shop by Fri",
        (
            Expected(
                "Mindfulness 3-min breathing space x3 daily",
                "relaxation",
                recurrence="daily",
                minutes=3,
            ),
            Expected("Values worksheet", "journal"),
            Expected(
                "Gratitude diary – 3 things before bed",
                "journal",
                cue="before bed",
            ),
            Expected(
                "Assertiveness: ask for refund at shop by Fri",
                "skill_practice",
                recurrence="once",
                weekdays=(4,),
            ),
        ),
    ),
    Case(
        "b-np-04",
        "noun_phrase",
        "Dx: F41.1 GAD\n"
        "PHQ-9: 11  GAD-7: 15\n"
        "Meds: sertraline 100mg od\n"
        "Risk: low\n"
        "Hx: prev CBT 2019, completed TR and BE; 'found TRs useful'\n"
        "Next appt: 21/11 09:30",
        (),
    ),
    Case(
        "b-np-05",
        "noun_phrase",
        "Tasks for next time –\n"
        "Diaphragmatic breathing 5 min bd;\n"
        "Activity schedule: 1 pleasant + 1 mastery activity/day;\n"
        "Reading – 'Feeling Good' ch 3;\n"
        "Exp.: supermarket (small Sainsbury's) Mon–Fri, 15 min;\n"
        "Call from T re: group start date",
        (
            Expected(
                "Diaphragmatic breathing 5 min bd",
                "relaxation",
                recurrence="daily",
                minutes=5,
            ),
            Expected(
                "Activity schedule: 1 pleasant + 1 mastery activity/day",
                "skill_practice",
                recurrence="daily",
            ),
            Expected("Reading – 'Feeling Good' ch 3", "reading"),
            Expected(
                "Exp.: supermarket (small Sainsbury's) Mon–Fri, 15 min",
                "skill_practice",
                recurrence="weekdays",
                weekdays=WEEKDAYS,
                minutes=15,
            ),
        ),
    ),
)
