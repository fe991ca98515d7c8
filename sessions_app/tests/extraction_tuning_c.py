"""Tuning batch c: an independent set of labelled session texts.

Written from what real therapists' notes, summaries and clients' reflections look
like (EHR templates, SOAP/DAP/BIRP, group and couples notes, dictation, terse
abbreviations), without seeing the extractor's rules or the earlier batches.

Labelling: ``span`` is the item's own words copied exactly from the text (for a
bullet, its text without the mark and trailing punctuation; inside a sentence, the
clause from the action verb). Only the client's own tasks count: therapists' tasks,
arrangements, medication, risk lines, scores, refusals and other people's tasks are
not items. Schedule fields hold only what the words state; everything else is None.
"""

from datetime import time

from sessions_app.tests.extraction_eval import Case, Expected

WEEKDAYS = (0, 1, 2, 3, 4)

CASES: tuple[Case, ...] = (
    # --- SOAP ---
    Case(
        "c-soap-cbti",
        "soap",
        "Client: Rowan Pelly\n"
        "S: Reports lying awake 2-3 hrs most nights, napping on sofa after work. ISI 19.\n"
        "O: Tired, flat affect, oriented x3.\n"
        "A: Chronic insomnia disorder, conditioned arousal. Sleep efficiency 64% per diary.\n"
        "P: Pt to get up at 6.30am every day including weekends. If still awake, get out of "
        "bed, go to another room, return to bed once sleepy. Avoid napping. Continue sleep "
        "diary every morning. Dr Okafor to review zopiclone taper. Next appt 2/14 10am.",
        (
            Expected(
                "get up at 6.30am every day including weekends",
                "skill_practice",
                "daily",
                time_of_day=time(6, 30),
            ),
            Expected("get out of bed, go to another room, return to bed once sleepy", "skill_practice"),
            Expected("Avoid napping", "skill_practice"),
            Expected("Continue sleep diary every morning", "journal", "daily"),
        ),
    ),
    Case(
        "c-soap-panic",
        "soap",
        "Pt: Imogen Tarrow\n"
        "S: 3 panic attacks since last visit, avoiding the gym. 'I thought my heart would stop.'\n"
        "O: PDSS 14. HR normal.\n"
        "A: Panic disorder w/ agoraphobic avoidance, improving.\n"
        "P: Interoceptive exposure: straw breathing 2 min x3 daily; spinning in chair 1 min "
        "after lunch. Read the panic cycle handout before next session. Continue sertraline "
        "100mg per GP. Return 1 wk.",
        (
            Expected("straw breathing 2 min x3 daily", "skill_practice", "daily", minutes=2),
            Expected("spinning in chair 1 min after lunch", "skill_practice", cue="after lunch", minutes=1),
            Expected("Read the panic cycle handout before next session", "reading", "once"),
        ),
    ),
    Case(
        "c-soap-gad",
        "soap",
        "S: Worrying 'all day' about son's exams and money; poor concentration at work.\n"
        "O: GAD-7 16.\n"
        "A: GAD, moderate-severe. Engaged with worry postponement rationale.\n"
        "P: 1) Worry time 6:30 pm for 15 min daily - postpone worries to then. 2) Write worries "
        "on a notepad when they show up during the day. 3) Therapist to send worry-tree "
        "worksheet. 4) F/u 2 wks.",
        (
            Expected(
                "Worry time 6:30 pm for 15 min daily - postpone worries to then",
                "skill_practice",
                "daily",
                time_of_day=time(18, 30),
                minutes=15,
            ),
            Expected(
                "Write worries on a notepad when they show up during the day",
                "journal",
                cue="when they show up during the day",
            ),
        ),
    ),
    Case(
        "c-soap-empty",
        "soap",
        "S: Pt tearful, discussed anniversary of mother's death. Denies SI/HI.\n"
        "O: Casually dressed, good eye contact, speech normal rate.\n"
        "A: Prolonged grief, stable. Protective factors: daughter, church.\n"
        "P: Continue weekly sessions. Safety plan reviewed, unchanged. Next appt 2/14 10am. 90837.",
        (),
    ),
    Case(
        "c-soap-health",
        "soap",
        "Client: Dev Marchetti\n"
        "S: Checking moles & pulse 'dozens' of times a day, googling symptoms nightly.\n"
        "O: SHAI 31.\n"
        "A: Health anxiety; checking maintains preoccupation.\n"
        "P: Reduce body checks to a max of three. Log each urge to check on the tracking sheet. "
        "Behavioural experiment Thurs: skip the morning pulse check, then note what happens to "
        "anxiety by noon. Pt declined referral to dermatology.",
        (
            Expected("Reduce body checks to a max of three", "skill_practice"),
            Expected("Log each urge to check on the tracking sheet", "journal"),
            Expected(
                "Behavioural experiment Thurs: skip the morning pulse check, then note what happens to anxiety by noon",
                "behavioral_experiment",
                "once",
                weekdays=(3,),
            ),
        ),
    ),
    Case(
        "c-soap-ba",
        "soap",
        "S: 'Nothing feels worth doing.' Staying in bed till noon.\n"
        "O: PHQ-9 21, psychomotor slowing.\n"
        "A: MDD recurrent, severe; no SI today.\n"
        "P: BA - get dressed by 10am daily; 10-min walk to the corner shop Tue/Thu; text one "
        "friend on Sat. Psychiatry referral sent.",
        (
            Expected("get dressed by 10am daily", "skill_practice", "daily", time_of_day=time(10, 0)),
            Expected(
                "10-min walk to the corner shop Tue/Thu",
                "skill_practice",
                "weekdays",
                weekdays=(1, 3),
                minutes=10,
            ),
            Expected("text one friend on Sat", "skill_practice", "once", weekdays=(5,)),
        ),
    ),
    # --- DAP ---
    Case(
        "c-dap-ocd",
        "dap",
        "Client: Theo Vasquez-Linde\n"
        "Data: Hierarchy reviewed. Touched bin lid in session, SUDS 70 -> 30 over 25 min. "
        "Mother still answering reassurance questions.\n"
        "Assessment: Good habituation; reassurance seeking is main maintaining factor.\n"
        "Plan: ERP - touch door handles in the station without washing, 3x this week. Hold off "
        "handwashing for 30 min after touching the kitchen bin, daily. Mum to stop giving "
        "reassurance (family session arranged). Pt to write urges on the ERP record sheet after "
        "each exposure.",
        (
            Expected(
                "touch door handles in the station without washing, 3x this week",
                "skill_practice",
                "times_per_week",
                times_per_week=3,
            ),
            Expected(
                "Hold off handwashing for 30 min after touching the kitchen bin, daily",
                "skill_practice",
                "daily",
                cue="after touching the kitchen bin",
                minutes=30,
            ),
            Expected(
                "write urges on the ERP record sheet after each exposure",
                "journal",
                cue="after each exposure",
            ),
        ),
    ),
    Case(
        "c-dap-grief",
        "dap",
        "D: Hal (68) spoke about wife Mirela's final weeks in hospice; avoids her study.\n"
        "A: Grief complicated by guilt re: not being present at death.\n"
        "P: Write an unsent letter to Mirela before the next session, telling her what he didn't "
        "get to say. Spend 10 minutes in her study on Sunday. Look through one photo album with "
        "daughter this weekend.",
        (
            Expected(
                "Write an unsent letter to Mirela before the next session, telling her what he didn't get to say",
                "journal",
                "once",
            ),
            Expected(
                "Spend 10 minutes in her study on Sunday", "skill_practice", "once", weekdays=(6,), minutes=10
            ),
            Expected(
                "Look through one photo album with daughter this weekend",
                "skill_practice",
                "once",
                weekdays=(5,),
            ),
        ),
    ),
    Case(
        "c-dap-couples",
        "dap",
        "Client: Priya Anand (couples work with partner Marcus)\n"
        "Data: Argument re: chores escalated Sat. Both used criticism. Practised "
        "speaker-listener technique in session.\n"
        "Assessment: Pursue-withdraw cycle. Priya more able to name it today.\n"
        "Plan: Priya to use a soft start-up when raising the chores issue. Marcus to take a "
        "20-min break when flooded and come back to the talk. Both to do a 15-minute "
        "stress-reducing conversation each evening. Therapist to email Gottman handout.",
        (
            Expected(
                "use a soft start-up when raising the chores issue",
                "skill_practice",
                cue="when raising the chores issue",
            ),
            Expected(
                "do a 15-minute stress-reducing conversation each evening",
                "skill_practice",
                "daily",
                minutes=15,
            ),
        ),
    ),
    Case(
        "c-dap-empty",
        "dap",
        "D: Client cancelled homework review; 40 min spent on housing crisis, eviction notice. "
        "Discussed options with Citizens Advice.\n"
        "A: Acute stressor, coping. Homework not reviewed.\n"
        "P: Therapist to write support letter for housing office by Fri. Reschedule Tues 3pm. 90834.",
        (),
    ),
    Case(
        "c-dap-adolescent",
        "dap",
        "Client: Kez Obi, 15\n"
        "D: Attends with dad. Skipping school 2-3 days/week, 'stomach aches'. Gaming until 2am.\n"
        "A: School avoidance w/ anxiety; sleep phase delayed.\n"
        "P: Kez agreed to walk to the school gate with dad on Monday and Wednesday mornings. "
        "Phone goes in the kitchen at 10.30pm on weeknights. Dad to contact head of year. Kez "
        "will fill in the feelings thermometer each day after school.",
        (
            Expected(
                "walk to the school gate with dad on Monday and Wednesday mornings",
                "skill_practice",
                "weekdays",
                weekdays=(0, 2),
            ),
            Expected(
                "Phone goes in the kitchen at 10.30pm on weeknights",
                "skill_practice",
                "weekdays",
                weekdays=WEEKDAYS,
                time_of_day=time(22, 30),
            ),
            Expected(
                "fill in the feelings thermometer each day after school",
                "journal",
                "daily",
                cue="after school",
            ),
        ),
    ),
    # --- BIRP ---
    Case(
        "c-birp-dbt",
        "birp",
        "Client: Sable Korhonen\n"
        "Behavior: Reported 2 urges to self-harm, acted on neither. Diary card 4/7 days.\n"
        "Intervention: Chain analysis of Tuesday urge; taught TIPP (cold water).\n"
        "Response: Engaged, said TIPP 'might actually work'.\n"
        "Plan: Complete diary card daily. Use TIPP when distress is above 70. Practise opposite "
        "action for shame twice this week. Crisis line numbers given; safety plan unchanged.",
        (
            Expected("Complete diary card daily", "journal", "daily"),
            Expected("Use TIPP when distress is above 70", "skill_practice", cue="when distress is above 70"),
            Expected(
                "Practise opposite action for shame twice this week",
                "skill_practice",
                "times_per_week",
                times_per_week=2,
            ),
        ),
    ),
    Case(
        "c-birp-group",
        "birp",
        "Group: Anger Management, session 5 of 10. Member: Doran Fisk.\n"
        "Behavior: Doran arrived late, participated in role-play.\n"
        "Intervention: Group reviewed the anger thermometer and time-out steps.\n"
        "Response: Doran identified his early warning signs (jaw, heat in face).\n"
        "Plan: Group members to complete anger log entries for any incident. Doran will take a "
        "time-out when he notices his jaw tightening. Group leader to bring workbooks. Next "
        "group Thurs 6pm.",
        (
            Expected("complete anger log entries for any incident", "journal"),
            Expected(
                "take a time-out when he notices his jaw tightening",
                "skill_practice",
                cue="when he notices his jaw tightening",
            ),
        ),
    ),
    Case(
        "c-birp-psychosis",
        "birp",
        "B: Lorcan reports voices 'louder at night', commanding content denied. Taking "
        "clozapine as prescribed.\n"
        "I: Developed coping card: 'The voices are a symptom, they can't make me do anything.' "
        "Normalising.\n"
        "R: Receptive, kept card in wallet.\n"
        "P: Read coping card aloud when the voices get loud. Listen to music on headphones at "
        "bedtime as distraction. CPN to check bloods Friday. Care coordinator aware.",
        (
            Expected(
                "Read coping card aloud when the voices get loud",
                "skill_practice",
                cue="when the voices get loud",
            ),
            Expected("Listen to music on headphones at bedtime as distraction", "skill_practice"),
        ),
    ),
    Case(
        "c-birp-empty",
        "birp",
        "Behavior: Client presented intoxicated (smelled of alcohol, slurred speech).\n"
        "Intervention: Session shortened; safety assessed; partner called to collect.\n"
        "Response: Client agreed to leave with partner.\n"
        "Plan: Reschedule. Supervisor informed. Discuss at MDT.",
        (),
    ),
    Case(
        "c-birp-ptsd",
        "birp",
        "Client: Marisol Ebbe\n"
        "Behavior: Completed 3 of 5 in vivo items. Listened to imaginal recording twice (not daily).\n"
        "Intervention: Imaginal exposure 40 min, processing of hotspot (car door).\n"
        "Response: SUDS peak 85, end 40.\n"
        "Plan: Listen to today's imaginal recording daily. In vivo: sit in parked car for 30 "
        "minutes Tue, Thu and Sat. Read PE handout ch. 3 on avoidance. PCL-5 next session.",
        (
            Expected("Listen to today's imaginal recording daily", "skill_practice", "daily"),
            Expected(
                "sit in parked car for 30 minutes Tue, Thu and Sat",
                "skill_practice",
                "weekdays",
                weekdays=(1, 3, 5),
                minutes=30,
            ),
            Expected("Read PE handout ch. 3 on avoidance", "reading"),
        ),
    ),
    # --- bullets ---
    Case(
        "c-bul-ba",
        "bullets",
        "Mood: low, PHQ-9 18\n"
        "Homework set:\n"
        "- walk round the park with Bella (dog) Mon/Wed/Fri\n"
        "- call sister Anwen once this week\n"
        "- activity schedule: fill in hour by hour, rate mastery + pleasure\n"
        "- cook one proper meal at the weekend\n"
        "- Dr Hughes re: mirtazapine - therapist to write\n",
        (
            Expected(
                "walk round the park with Bella (dog) Mon/Wed/Fri",
                "skill_practice",
                "weekdays",
                weekdays=(0, 2, 4),
            ),
            Expected("call sister Anwen once this week", "skill_practice", "once"),
            Expected("activity schedule: fill in hour by hour, rate mastery + pleasure", "journal"),
            Expected("cook one proper meal at the weekend", "skill_practice", "once", weekdays=(5,)),
        ),
    ),
    Case(
        "c-bul-social",
        "bullets",
        "Safety behaviours to drop this week:\n"
        "- no rehearsing sentences in head before speaking\n"
        "- make eye contact with cashier\n"
        "- keep hands out of pockets at team meeting Wed\n"
        "Also:\n"
        "\u2022 ask one question in the Friday meeting\n"
        "\u2022 therapist to find video-feedback clip\n",
        (
            Expected(
                "no rehearsing sentences in head before speaking", "skill_practice", cue="before speaking"
            ),
            Expected("make eye contact with cashier", "skill_practice"),
            Expected(
                "keep hands out of pockets at team meeting Wed", "skill_practice", "once", weekdays=(2,)
            ),
            Expected("ask one question in the Friday meeting", "skill_practice", "once", weekdays=(4,)),
        ),
    ),
    Case(
        "c-bul-mbct",
        "bullets",
        "MBCT wk 3 \u2014 home practice\n"
        "* body scan (recording) 6 days out of 7\n"
        "* 3-minute breathing space x3 a day\n"
        "* pleasant events calendar\n"
        "* read ch 4 of The Mindful Way Through Depression\n",
        (
            Expected(
                "body scan (recording) 6 days out of 7", "relaxation", "times_per_week", times_per_week=6
            ),
            Expected("3-minute breathing space x3 a day", "relaxation", "daily", minutes=3),
            Expected("pleasant events calendar", "journal"),
            Expected("read ch 4 of The Mindful Way Through Depression", "reading"),
        ),
    ),
    Case(
        "c-bul-empty",
        "bullets",
        "Risk:\n"
        "- denies SI, no plan/intent\n"
        "- safety plan reviewed, crisis numbers on phone\n"
        "- lives with partner, no access to means\n"
        "Meds:\n"
        "- fluoxetine 20mg -> 40mg (GP)\n"
        "Admin:\n"
        "- letter to employer re: phased return\n"
        "- next appt 2/14 10am\n",
        (),
    ),
    Case(
        "c-bul-substance",
        "bullets",
        "Pt: Janek Brill \u2014 alcohol, 41 days sober\n"
        "- urge surfing when cravings hit, 10 min\n"
        "- HALT check before going to the shop\n"
        "- attend 2 SMART meetings this week\n"
        "- discussed relapse history (2019, 2022)\n"
        "- sponsor to call him Sunday\n",
        (
            Expected(
                "urge surfing when cravings hit, 10 min",
                "skill_practice",
                cue="when cravings hit",
                minutes=10,
            ),
            Expected("HALT check before going to the shop", "skill_practice", cue="before going to the shop"),
            Expected(
                "attend 2 SMART meetings this week", "skill_practice", "times_per_week", times_per_week=2
            ),
        ),
    ),
    Case(
        "c-bul-anger",
        "bullets",
        "Interventions:\n"
        "- psychoed on hyperarousal\n"
        "- taught box breathing\n"
        "Response: pt practised in session, SUDS 60->35\n"
        "Pt will:\n"
        "- box breathing 4 min before bed\n"
        "- read 'Understanding Anger' pp 1-12 by Thursday\n"
        "- write in anger journal after any flare-up\n"
        "- ask manager for a 1:1 to discuss workload\n",
        (
            Expected("box breathing 4 min before bed", "relaxation", cue="before bed", minutes=4),
            Expected("read 'Understanding Anger' pp 1-12 by Thursday", "reading", "once", weekdays=(3,)),
            Expected("write in anger journal after any flare-up", "journal", cue="after any flare-up"),
            Expected("ask manager for a 1:1 to discuss workload", "skill_practice"),
        ),
    ),
    # --- narrative ---
    Case(
        "c-nar-act",
        "narrative",
        "Niamh came in saying the week had been 'a write-off'. We talked about the thought "
        "'I'm a failure' and practised defusion by saying 'I'm having the thought that...'. She "
        "agreed to label the failure story out loud when it shows up at work. She'll also write "
        "down three things she did this week that fit her value of being a kind friend. I "
        "suggested she listen to the Leaves on a Stream audio for 5 minutes each night, and she "
        "said she'd try it. She did not want to do the values card sort at home.",
        (
            Expected(
                "label the failure story out loud when it shows up at work",
                "skill_practice",
                cue="when it shows up at work",
            ),
            Expected(
                "write down three things she did this week that fit her value of being a kind friend",
                "journal",
            ),
            Expected(
                "listen to the Leaves on a Stream audio for 5 minutes each night",
                "relaxation",
                "daily",
                minutes=5,
            ),
        ),
    ),
    Case(
        "c-nar-insomnia",
        "narrative",
        "Mr Abara described lying in bed checking the clock and his phone. We went through "
        "stimulus control. He will use the bed only for sleep and sex, set one alarm for 6am "
        "every day and turn the clock to face the wall. His wife Ines will take the dog out in "
        "the mornings so he can keep the rise time. He would like to try melatonin; I advised "
        "him to discuss this with his GP.",
        (
            Expected("use the bed only for sleep and sex", "skill_practice"),
            Expected("set one alarm for 6am every day", "skill_practice", "daily", time_of_day=time(6, 0)),
            Expected("turn the clock to face the wall", "skill_practice"),
        ),
    ),
    Case(
        "c-nar-empty",
        "narrative",
        "Today we mainly looked back over the eight sessions. Ollie's PHQ-9 has come down from "
        "17 to 6 and he talked about how different work feels. He said he might go back to "
        "thought records 'if things get bad again' but we agreed there is no set homework now "
        "that we are ending. We will meet for a booster in three months.",
        (),
    ),
    Case(
        "c-nar-bexp",
        "narrative",
        "Farah believes that if she leaves an email unchecked for an hour something terrible "
        "will happen at work (belief 85%). We set up an experiment: on Tuesday she will close "
        "Outlook for an hour after lunch, noting what actually happens. She predicts her "
        "manager will complain. She'll also read the perfectionism chapter of Overcoming "
        "Perfectionism by the end of the week.",
        (
            Expected(
                "close Outlook for an hour after lunch, noting what actually happens",
                "behavioral_experiment",
                "once",
                weekdays=(1,),
                cue="after lunch",
                minutes=60,
            ),
            Expected(
                "read the perfectionism chapter of Overcoming Perfectionism by the end of the week",
                "reading",
                "once",
            ),
        ),
    ),
    Case(
        "c-nar-couples",
        "narrative",
        "Client: Tomasz Wren. Seen with his husband, Eli. Tomasz tends to go quiet and leave "
        "the room when Eli raises money. We practised the 'I feel ... when ... because' format. "
        "Tomasz will tell Eli when he needs a break instead of walking out, and they will sit "
        "down on Sunday evening for half an hour to go over the budget. Eli is going to stop "
        "checking Tomasz's bank app. Eli also wants to start individual therapy.",
        (
            Expected(
                "tell Eli when he needs a break instead of walking out",
                "skill_practice",
                cue="when he needs a break",
            ),
            Expected(
                "sit down on Sunday evening for half an hour to go over the budget",
                "skill_practice",
                "once",
                weekdays=(6,),
                minutes=30,
            ),
        ),
    ),
    Case(
        "c-nar-adolescent",
        "narrative",
        "Bex (16) came with her mum. She talked about the group chat and feeling left out. We "
        "did some problem solving together. Bex is going to try out one of the solutions before "
        "Thursday, and she'll write down how it went in her notes app. Mum is going to stop "
        "reading her messages. Bex said she won't be doing the mood app any more because it "
        "'makes it worse', which we accepted.",
        (
            Expected("try out one of the solutions before Thursday", "skill_practice", "once", weekdays=(3,)),
            Expected("write down how it went in her notes app", "journal"),
        ),
    ),
    # --- client reflections ---
    Case(
        "c-ref-climbing",
        "reflection",
        "This week was rough. I did the thought record twice but skipped the rest. For next "
        "week I'm going to do one thought record every time I get that 'I'm useless' feeling at "
        "work, and I want to try going to the climbing wall on Saturday even though I'll "
        "probably bottle it. My therapist is going to look up a group for me.",
        (
            Expected(
                "do one thought record every time I get that 'I'm useless' feeling at work",
                "thought_record",
                cue="every time I get that 'I'm useless' feeling at work",
            ),
            Expected("try going to the climbing wall on Saturday", "skill_practice", "once", weekdays=(5,)),
        ),
    ),
    Case(
        "c-ref-teen",
        "reflection",
        "ok so my goals for this week:\n"
        "1. breathe in for 4 out for 6 when i feel the panic coming\n"
        "2. text Jaz first instead of waiting for her\n"
        "3. not check my ex's insta (hardest one lol)\n",
        (
            Expected(
                "breathe in for 4 out for 6 when i feel the panic coming",
                "relaxation",
                cue="when i feel the panic coming",
            ),
            Expected("text Jaz first instead of waiting for her", "skill_practice"),
            Expected("not check my ex's insta", "skill_practice"),
        ),
    ),
    Case(
        "c-ref-empty",
        "reflection",
        "Honestly I didn't do the diary this week. Work was mental and my mum was in hospital. "
        "I know I said I'd do it but I just couldn't face it. I'm not going to promise anything "
        "this time, I'll just see how it goes.",
        (),
    ),
    Case(
        "c-ref-health",
        "reflection",
        "Reflection after session 6\n"
        "We worked out that I reassure-seek from Dan about my health. Plan (in my words): when "
        "I want to ask Dan if the headache is a tumour, I'll wait 30 minutes first. I'm going "
        "to read the health anxiety leaflet tonight. Journal: write for 10 min on Sunday about "
        "what I'm scared of missing out on because of the worry.",
        (
            Expected(
                "wait 30 minutes first",
                "skill_practice",
                cue="when I want to ask Dan if the headache is a tumour",
                minutes=30,
            ),
            Expected("read the health anxiety leaflet tonight", "reading", "once"),
            Expected(
                "write for 10 min on Sunday about what I'm scared of missing out on because of the worry",
                "journal",
                "once",
                weekdays=(6,),
                minutes=10,
            ),
        ),
    ),
    Case(
        "c-ref-student",
        "reflection",
        "Things I've agreed to try: the 5-4-3-2-1 grounding thing when I zone out in lectures, "
        "going to bed at 11pm on weeknights, and one 20 minute walk a day. My flatmate said "
        "she'll do the walks with me.",
        (
            Expected(
                "the 5-4-3-2-1 grounding thing when I zone out in lectures",
                "skill_practice",
                cue="when I zone out in lectures",
            ),
            Expected(
                "going to bed at 11pm on weeknights",
                "skill_practice",
                "weekdays",
                weekdays=WEEKDAYS,
                time_of_day=time(23, 0),
            ),
            Expected("one 20 minute walk a day", "skill_practice", "daily", minutes=20),
        ),
    ),
    # --- lower-case dictation ---
    Case(
        "c-dic-panic",
        "dictation",
        "pt is a 34 yo female seen for follow up of panic disorder reports two attacks this "
        "week both on the tube plan she will ride the tube two stops without her water bottle "
        "three times this week and she will do the hyperventilation exercise for one minute "
        "every evening therapist to send the nhs panic leaflet next appointment in two weeks",
        (
            Expected(
                "ride the tube two stops without her water bottle three times this week",
                "skill_practice",
                "times_per_week",
                times_per_week=3,
            ),
            Expected(
                "do the hyperventilation exercise for one minute every evening",
                "skill_practice",
                "daily",
                minutes=1,
            ),
        ),
    ),
    Case(
        "c-dic-depression",
        "dictation",
        "client ruth seen today for depression mood improved slightly phq nine fourteen down "
        "from nineteen we agreed she would get up by eight am on weekdays and go for a swim on "
        "saturday morning she also agreed to complete a thought record when she notices the "
        "thought nobody cares about me husband to book the holiday",
        (
            Expected(
                "get up by eight am on weekdays",
                "skill_practice",
                "weekdays",
                weekdays=WEEKDAYS,
                time_of_day=time(8, 0),
            ),
            Expected("go for a swim on saturday morning", "skill_practice", "once", weekdays=(5,)),
            Expected(
                "complete a thought record when she notices the thought nobody cares about me",
                "thought_record",
                cue="when she notices the thought nobody cares about me",
            ),
        ),
    ),
    Case(
        "c-dic-empty",
        "dictation",
        "dictation for file mr gallo attended with daughter discussed recent fall and loss of "
        "confidence going out mmse not done today risk low plan review in four weeks gp to "
        "refer to falls clinic daughter to look into day centre places",
        (),
    ),
    Case(
        "c-dic-ocd",
        "dictation",
        "session eight ocd contamination erp in session touched toilet seat no washing suds "
        "peaked at eighty homework touch the toilet seat at home once a day and eat a snack "
        "straight after without washing keep the erp log after each exposure mum not to clean "
        "the bathroom for him",
        (
            Expected("touch the toilet seat at home once a day", "skill_practice", "daily"),
            Expected("eat a snack straight after without washing", "skill_practice"),
            Expected("keep the erp log after each exposure", "journal", cue="after each exposure"),
        ),
    ),
    Case(
        "c-dic-sleep",
        "dictation",
        "seen jo for sleep pt agreed to a wind down routine from ten thirty pm no screens in bed "
        "and to keep the sleep diary each morning review caffeine next week",
        (
            Expected("a wind down routine from ten thirty pm", "skill_practice", time_of_day=time(22, 30)),
            Expected("no screens in bed", "skill_practice"),
            Expected("keep the sleep diary each morning", "journal", "daily"),
        ),
    ),
    # --- negation inside a task ---
    Case(
        "c-neg-reassurance",
        "negation",
        "Plan: Not to seek reassurance from partner about the relationship this week. Will not "
        "avoid the supermarket; go at a busy time on Saturday. Pt will not be starting the "
        "mindfulness course (cost). Do not check locks more than once before leaving the house.",
        (
            Expected(
                "Not to seek reassurance from partner about the relationship this week", "skill_practice"
            ),
            Expected("go at a busy time on Saturday", "skill_practice", "once", weekdays=(5,)),
            Expected(
                "Do not check locks more than once before leaving the house",
                "skill_practice",
                cue="before leaving the house",
            ),
        ),
    ),
    Case(
        "c-neg-party",
        "negation",
        "Pt will practise an assertive 'no' without apologising at least twice this week. Go to "
        "Saturday's party without pre-drinking. Pt does not want to do breathing exercises. No "
        "homework on the relaxation CD given hearing difficulty.",
        (
            Expected(
                "practise an assertive 'no' without apologising at least twice this week",
                "skill_practice",
                "times_per_week",
                times_per_week=2,
            ),
            Expected("Go to Saturday's party without pre-drinking", "skill_practice", "once", weekdays=(5,)),
        ),
    ),
    Case(
        "c-neg-empty",
        "negation",
        "Homework: none set. Client not ready for exposure work; not willing to keep a diary at "
        "present. Did not complete last week's thought record. Will not be attending group. No "
        "change to meds.",
        (),
    ),
    Case(
        "c-neg-emails",
        "negation",
        "Interventions: ERP planning.\n"
        "Response: agreed hierarchy.\n"
        "Pt will: send work emails without re-reading them, 3 times a day; not ask colleagues "
        "'is that ok?' after meetings. Get up if brooding in bed, not lie there ruminating.",
        (
            Expected("send work emails without re-reading them, 3 times a day", "skill_practice", "daily"),
            Expected(
                "not ask colleagues 'is that ok?' after meetings", "skill_practice", cue="after meetings"
            ),
            Expected("Get up if brooding in bed, not lie there ruminating", "skill_practice"),
        ),
    ),
    Case(
        "c-neg-eating",
        "negation",
        "Pt: Aoife Brannigan\n"
        "Homework: NOT to weigh herself this week (weigh-in in session only). Eat breakfast "
        "every day without compensating later. Dietitian to review meal plan; no change to meal "
        "plan from us.",
        (
            Expected("NOT to weigh herself this week", "skill_practice"),
            Expected("Eat breakfast every day without compensating later", "skill_practice", "daily"),
        ),
    ),
    # --- noun phrases and abbreviations ---
    Case(
        "c-np-cbt",
        "noun_phrase",
        "HW: TR x2; BE re: 'people will think I'm boring' at Fri lunch; PMR 20 min nightly; Ch.5 MoM.",
        (
            Expected("TR x2", "thought_record"),
            Expected(
                "BE re: 'people will think I'm boring' at Fri lunch",
                "behavioral_experiment",
                "once",
                weekdays=(4,),
            ),
            Expected("PMR 20 min nightly", "relaxation", "daily", minutes=20),
            Expected("Ch.5 MoM", "reading"),
        ),
    ),
    Case(
        "c-np-cbti",
        "noun_phrase",
        "Plan/Homework: sleep diary; SR: TIB 6h; SC rules; no naps; f/u 2wks. Rx: trazodone d/c per psych.",
        (
            Expected("sleep diary", "journal"),
            Expected("SR: TIB 6h", "skill_practice"),
            Expected("SC rules", "skill_practice"),
            Expected("no naps", "skill_practice"),
        ),
    ),
    Case(
        "c-np-dbt",
        "noun_phrase",
        "H/W: DBT diary card daily; DEAR MAN script for landlord call; self-soothe kit; "
        "mindfulness of breath 5 min bd.",
        (
            Expected("DBT diary card daily", "journal", "daily"),
            Expected("DEAR MAN script for landlord call", "skill_practice"),
            Expected("self-soothe kit", "skill_practice"),
            Expected("mindfulness of breath 5 min bd", "relaxation", "daily", minutes=5),
        ),
    ),
    Case(
        "c-np-empty",
        "noun_phrase",
        "Dx: F41.1 GAD. GAD-7 12, PHQ-9 9. CPT 90837. Modality: CBT. Next appt 2/14 10am. Homework: N/A.",
        (),
    ),
    Case(
        "c-np-sheet",
        "noun_phrase",
        "Homework sheet \u2014 Yusuf Karim\n"
        "Activity scheduling: 1 pleasant + 1 mastery activity daily\n"
        "Worry time: 15 mins @ 7pm\n"
        "Reading: 'Worry' leaflet (Get Self Help)\n"
        "Exposure: hierarchy step 3 (bus, 2 stops) x3/wk\n"
        "Medication: continue citalopram 20mg\n",
        (
            Expected("Activity scheduling: 1 pleasant + 1 mastery activity daily", "skill_practice", "daily"),
            Expected("Worry time: 15 mins @ 7pm", "skill_practice", time_of_day=time(19, 0), minutes=15),
            Expected("Reading: 'Worry' leaflet (Get Self Help)", "reading"),
            Expected(
                "Exposure: hierarchy step 3 (bus, 2 stops) x3/wk",
                "skill_practice",
                "times_per_week",
                times_per_week=3,
            ),
        ),
    ),
    Case(
        "c-nar-tr-be",
        "narrative",
        "Client: Ines Halloran. Ines arrived early and said she'd nearly cancelled. We looked at "
        "Monday's row with her manager using the seven-column sheet and found the hot thought "
        "'she thinks I'm incompetent'. Ines will fill in a thought record after any work meeting "
        "that leaves her feeling small. To test the belief that colleagues will judge her if she "
        "speaks up, she will share one idea in Wednesday's stand-up, rating her prediction "
        "beforehand. Her husband thinks she should change jobs; we did not pursue this.",
        (
            Expected(
                "fill in a thought record after any work meeting that leaves her feeling small",
                "thought_record",
                cue="after any work meeting that leaves her feeling small",
            ),
            Expected(
                "share one idea in Wednesday's stand-up, rating her prediction beforehand",
                "behavioral_experiment",
                "once",
                weekdays=(2,),
            ),
        ),
    ),
    Case(
        "c-bul-tr-be",
        "bullets",
        "Agreed tasks (pt: Callum Reyes)\n"
        "- 2 thought records on the 'I'll be found out' thought, 10 mins each\n"
        "- experiment: leave one typo in an email to a colleague, predict reaction first (belief 90%)\n"
        "- experiment: say 'I don't know' in the Thursday team call\n"
        "- therapist to check whether EAP covers more sessions\n",
        (
            Expected(
                "2 thought records on the 'I'll be found out' thought, 10 mins each",
                "thought_record",
                minutes=10,
            ),
            Expected(
                "experiment: leave one typo in an email to a colleague, predict reaction first (belief 90%)",
                "behavioral_experiment",
            ),
            Expected(
                "experiment: say 'I don't know' in the Thursday team call",
                "behavioral_experiment",
                "once",
                weekdays=(3,),
            ),
        ),
    ),
)
