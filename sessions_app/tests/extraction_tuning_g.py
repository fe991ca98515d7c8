"""Batch g: an independent labelled batch of session texts for tuning the action-item extractor.

Written without sight of the extractor, its rules, its tests or the other corpora; only
extraction_eval.py, the Kind and Recurrence values and CLINICAL.md were read. All names,
places, scores and details are invented.

How the items were labelled
---------------------------
* Only the client's own between-session homework is an item. In couples work both
  partners' tasks count; in parent training the parent's tasks count. Not items: the
  clinician's own tasks, appointments, fees, forms, rescheduling, bringing things to the
  next session, other people's tasks (a partner, a parent outside parent training, a GP,
  a care coordinator), last week's homework being reviewed, things discussed but declined,
  deferred or "parked", treatment goals, safety plans and crisis lines, medication,
  referrals, scores and quoted thoughts.
* ``span`` is the core of the item copied exactly: a bullet's or table row's text without
  its mark and trailing punctuation, or, inside a sentence, the clause from the action verb
  (or the "no"/"not"/"don't" that governs it) to the end of the task. Two tasks joined by
  "and" are two items; "and" inside one task ("three meals and two snacks", "to the mailbox
  and back") does not split it.
* Kinds: thought records and CPT ABC worksheets -> TR; a test of a stated belief or
  prediction -> BE; writing and self-monitoring on a diary, log, chart, sheet, worksheet or
  letter -> JOURNAL; breathing, PMR, grounding, body scan, mindfulness, urge surfing,
  relaxation recordings -> RELAX; handouts, chapters, leaflets, booklets, PDFs and videos
  taken in for learning -> READ; everything else (exposure, ERP and response prevention,
  behavioural activation, sleep rules, pacing, communication and DBT skills, habit
  reversal) -> SKILL.
* Schedules come only from the item's own words. "every day", "each morning", "nightly",
  "/night", "twice daily", "x3/day" -> daily. "3x/week", "twice this week", "two ... this
  week", "6 days/wk" -> times_per_week. Two or more named days, a day range or "each
  weekday" -> weekdays. A deadline ("by Friday", "before next session", "this weekend",
  "this week" for a single task) or a single named day for a one-off task -> once, with
  that day in weekdays when one is named. Clock times (also spelt out in dictation: "at
  six", "seven pm") -> time_of_day. ``cue`` is the words after "after", "before", "when",
  "whenever" or "each time" that name a moment ("after supper" -> "supper"), but not
  when they name a deadline ("before Sunday") or a clock time ("after 10pm"). ``minutes``
  is the stated length of the task or of one practice; seconds-long durations and
  thresholds are left empty.

Labels I was unsure of, and how I decided
------------------------------------------
* "No checking the locks after 10pm" (g-neg-01): a clock time after "after"; recorded as
  time_of_day 22:00 with no cue, following the clock-time rule, though it is a limit
  rather than a moment to act. "No caffeine after lunch" and "No compensatory exercise
  after eating" keep their cues ("lunch", "eating") because they name moments, not times.
* "Go to bed no earlier than 12:30 am" (g-soap-06): time_of_day 00:30, no recurrence; the
  sleep window heading itself is not labelled separately.
* Single named days: "on Saturday", "on Thursday", "on Tues" for a one-off task are once
  with that day; two named days ("Tuesday and Thursday") are weekdays. "this week" for a
  single task (g-dap-05 "text one mum ... this week") is once with no day.
* "every morning after breakfast" and "each evening after tea" carry both daily and a cue.
* "during night feeds", "at bedtime", "in the evening", "afterwards" and "as they arise"
  are not among the cue words, so those items have no cue.
* "delay Googling any symptom for 24 hours" (g-dap-04) and "don't act for 15 minutes"
  (g-neg-05): the first is a 24-hour delay, not a practice length, so no minutes; the
  second is a short, timed delay, so minutes=15.
* "ring Peter no more than once a day" (g-narr-05) is a limit, not a schedule: no
  recurrence.
* "Read the flashcard each time the abandonment schema is triggered" (g-birp-06) is using
  a coping card, not reading to learn: SKILL rather than READ.
* "notice the 'I can't cope' story without arguing with it" (g-refl-04), ACT defusion used
  in the moment: SKILL rather than RELAX.
* "Wind-down routine" in the table (g-np-02) is a sleep rule: SKILL rather than RELAX.
* "Revision timetable — fill it in by Sunday" (g-bul-08) is planning, not self-monitoring:
  SKILL rather than JOURNAL.
* "(no looking at my phone!!)" (g-refl-05) is read as part of the eye-contact task, not a
  separate item; "Lena said not to bring up the renovation argument until next session"
  (g-refl-06) is a topic deferred to the session, not homework.
* "try three nights this week without smoking before bed" (g-narr-07): times_per_week 3
  with cue "bed".
* In g-birp-05, the parents' task (driving) is an arrangement and the client is the
  adolescent, so it is not labelled; parents' tasks are labelled only in parent training
  (g-bul-06).

Relabelled to the conventions of docs/action-items.md, before the batch was first scored
---------------------------------------------------------------------------------------
The writer's labels are kept except where they break a convention that page defines (never to
suit the rules):

- "text one friend this weekend" (g-soap-07) is due on Saturday, ``once(5)``: the page reads
  *this weekend* as due Saturday.
- "practise urge surfing whenever cravings hit" (g-dap-01) is ``skill_practice``, not relaxation:
  the page names urge surfing with substance-use techniques as skill practice.
- "Add to the stuck point log as new stuck points come up" (g-birp-04) is ``thought_record``, not
  journal: the page reads CPT's stuck points as thought records.
- Every cue keeps the word that starts it ("after lunch", "when unable to sleep", "each time the
  abandonment schema is triggered"), as the page's cues do ("after dinner", "before work"). The
  writer left the word out, following an example in the brief they were given that contradicted
  the page; 40 cues were changed, nothing else. This was found after the first scoring, in which
  nearly every cued item counted as a wrong schedule (0.716); the batch was scored again with the
  same rules before any rule changed.

Kept as the writer labelled them, because each is a defensible reading and the page defines
nothing against it: "text one mum … this week" as ``once`` with no day (batches e and f read
"this week" alone as no schedule; the page defines neither); "after 10pm" as a time of day;
"log SUDS on the ERP tracking sheet" as a journal (the page keeps a SUDS log as skill practice but
reads recording on a sheet as a journal); "two thought records" and "twice" in a text that says
"this week" as that many a week; and dictated "at six" as 06:00 (the page lists a dictated clock
time without *am / pm* among what the rules miss, not as a convention).

Scored with the rules from before this batch's round (after the relabelling): 170 found, 141
matched; precision 0.829, recall 0.829, kind 0.894, schedule 0.936.
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
    Case,
    E,
    daily,
    on_days,
    once,
    per_week,
)

CASES: tuple[Case, ...] = (
    # ------------------------------------------------------------------ soap
    Case(
        "g-soap-01",
        "soap",
        """\
SOAP NOTE — Outpatient Behavioral Health
Client: D.M.   DOB: xx/xx/1991   Session #: 5   CPT: 90837
Date: 03/07   Clinician: R. Alvarez, LCSW

S: Client reports 3 panic attacks since last visit, "the worst one was in the car on the interstate." States she did the breathing "maybe twice." Avoiding the gym and the grocery store on weekends. Sleep ok, appetite ok. Denies SI/HI.

O: Alert, oriented x3. Mildly anxious affect, congruent. Speech normal rate. GAD-7 = 14, PHQ-9 = 9, PDSS = 15 (down from 18).

A: Panic disorder w/ agoraphobic avoidance, improving. Good grasp of panic cycle; still catastrophic misinterpretation of tachycardia ("my heart is going to give out"). Motivated.

P:
1. Continue weekly CBT for panic.
2. Client to complete a panic diary after each attack.
3. Client to practice diaphragmatic breathing 10 min twice daily.
4. Interoceptive exposure: spin in a swivel chair for 30 seconds, five rounds, 3x/week.
5. Clinician to send ROI to PCP (Dr. Kessler) re: cardiac workup results.
6. Next appt 03/14 @ 2:00 PM. Client aware of 988.
""",
        (
            E("complete a panic diary after each attack", JOURNAL, cue="after each attack"),
            E("practice diaphragmatic breathing 10 min twice daily", RELAX, **daily(minutes=10)),
            E("spin in a swivel chair for 30 seconds, five rounds, 3x/week", SKILL, **per_week(3)),
        ),
    ),
    Case(
        "g-soap-02",
        "soap",
        """\
Session 3 – Guided self-help (GAD)   Telephone, 35 min
S – Pt reports worrying "most of the day" about her daughter's commute and about money. GAD-7 16 (was 17), PHQ-9 8, WSAS 14. Tried worry time twice but "forgot about it" by Thursday.
O – Engaged well on the phone, some pressured speech when discussing finances.
A – Generalised anxiety, moderately severe. Worry largely hypothetical ("what if she crashes"). Intolerance of uncertainty psychoeducation covered.
P – Pt to postpone worries to a 15-minute worry period at 6.30pm each day, and to record worries in the worry log as they arise. Also to read the 'Worry and Uncertainty' leaflet before next session. PWP to send the leaflet by post today as pt has no printer. Next call Tues 11:15. Discussed step-up to CBT if no reliable change by session 6.
""",
        (
            E(
                "postpone worries to a 15-minute worry period at 6.30pm each day",
                SKILL,
                **daily(time_of_day=time(18, 30), minutes=15),
            ),
            E("record worries in the worry log as they arise", JOURNAL),
            E("read the 'Worry and Uncertainty' leaflet before next session", READ, **once()),
        ),
    ),
    Case(
        "g-soap-03",
        "soap",
        """\
Psychology Progress Note — MHCP session 3 of 6
Referral: Dr. N. Haddad (GP)  |  Medicare item 80010

S: Bree (44) reports lower back pain 7/10 most days, "I've stopped doing anything in case it flares." Cancelled netball and stopped walking the dog. Mood flat.
O: Guarded movement, shifted position frequently. DASS-21: D 18, A 10, S 24.
A: Chronic pain with boom-bust pattern and experiential avoidance. Values: family, being active outdoors, community.
P:
- Pacing: walk 10 mins on Mon, Wed and Fri regardless of pain level
- Complete the values worksheet (given in session) by next appt
- Practise the leaves-on-a-stream exercise daily
- GP to review analgesia; physio appt Thurs already booked
- 3 sessions remaining on current plan — discuss review letter with GP
""",
        (
            E(
                "Pacing: walk 10 mins on Mon, Wed and Fri regardless of pain level",
                SKILL,
                **on_days(0, 2, 4, minutes=10),
            ),
            E("Complete the values worksheet (given in session) by next appt", JOURNAL, **once()),
            E("Practise the leaves-on-a-stream exercise daily", RELAX, **daily()),
        ),
    ),
    Case(
        "g-soap-04",
        "soap",
        """\
SOAP – Initial assessment (cont.)
S: Client (28, M) presents with low mood since job loss in Jan, poor sleep, irritability. Drinking 3–4 beers most nights. Reports passive SI last month, none now.
O: Casually dressed, good eye contact, affect restricted. PHQ-9 17. AUDIT 12.
A: MDD, single episode, moderate; r/o alcohol use disorder. Risk assessed as low; safety plan completed together and copy given to client (988, brother Luis, ED at St. Brendan's).
P: Finish assessment next session. Homework deferred until formulation is shared — plan to introduce activity monitoring in session 3 if he's ready. Referral to psychiatry for med eval placed today. Client to bring previous discharge summary from Mercy West if he can find it.
""",
        (),
    ),
    Case(
        "g-soap-05",
        "soap",
        """\
S: Pt (32, F) reports contamination fears worse after her nephew's stomach bug. Washing hands ~40x/day, 2 min each. Last week's HW (touching the kitchen trash lid) done 4/7 days, SUDS peak 70 → 35.
O: Hands red, cracked. Y-BOCS 24.
A: OCD, contamination subtype, moderate-severe; good habituation to last week's item.
P: ERP hierarchy item 5 this week:
 - touch the bathroom door handle without washing afterwards for 30 min, daily
 - no hand washing after touching mail
 - log SUDS on the ERP tracking sheet after each exposure
Husband to stop answering "are my hands clean?" questions (to be discussed in joint session 4/22). Clinician to consult with derm re: hand care.
""",
        (
            E(
                "touch the bathroom door handle without washing afterwards for 30 min, daily",
                SKILL,
                **daily(minutes=30),
            ),
            E("no hand washing after touching mail", SKILL, cue="after touching mail"),
            E("log SUDS on the ERP tracking sheet after each exposure", JOURNAL, cue="after each exposure"),
        ),
    ),
    Case(
        "g-soap-06",
        "soap",
        """\
CBT-I Session 3 — SOAP
Patient: G.T., 57   Referred by: Riverbend Sleep Clinic
S: Sleep diary returned (6/7 nights). TST avg 5.4 h, TIB 7.5 h, SE 72%. Reports lying awake "planning the next day" for over an hour. Napping in recliner after supper most evenings.
O: Tired-appearing. ISI 19.
A: Chronic insomnia, conditioned arousal + prolonged TIB.
P: Sleep restriction + stimulus control.
- Go to bed no earlier than 12:30 am
- Get out of bed at 6:30 every morning incl. weekends
- Leave the bedroom when unable to sleep
- No caffeine after lunch
- No napping in the recliner after supper
- Keep sleep diary nightly
Will titrate window next wk if SE > 85%. Zopiclone taper managed by family physician — not changed today.
""",
        (
            E("Go to bed no earlier than 12:30 am", SKILL, time_of_day=time(0, 30)),
            E(
                "Get out of bed at 6:30 every morning incl. weekends",
                SKILL,
                **daily(time_of_day=time(6, 30)),
            ),
            E("Leave the bedroom when unable to sleep", SKILL, cue="when unable to sleep"),
            E("No caffeine after lunch", SKILL, cue="after lunch"),
            E("No napping in the recliner after supper", SKILL, cue="after supper"),
            E("Keep sleep diary nightly", JOURNAL, **daily()),
        ),
    ),
    Case(
        "g-soap-07",
        "soap",
        """\
Progress Note (SOAP) – Adolescent Outpatient
S: Maya (15) says she has "nothing to do after school" and spends most afternoons in bed. Mom reports grades slipping. Maya completed 2 of 7 days on last week's activity log.
O: Flat affect, brightened when talking about her dog, Pickles. PHQ-A 15. C-SSRS screen negative.
A: Depressive episode, moderate. Withdrawal maintaining low mood.
P: Behavioral activation. Maya agreed to walk Pickles after school on Tuesday and Thursday, and to text one friend this weekend. She will fill in the activity schedule each evening (rate mood 0–10). Mom to set up a weekly family check-in and to contact school counselor re: accommodations. Next session 1 week; clinician to complete school letter.
""",
        (
            E(
                "walk Pickles after school on Tuesday and Thursday",
                SKILL,
                **on_days(1, 3, cue="after school"),
            ),
            E("text one friend this weekend", SKILL, **once(5)),
            E("fill in the activity schedule each evening (rate mood 0–10)", JOURNAL, **daily()),
        ),
    ),
    Case(
        "g-soap-08",
        "soap",
        """\
S: Pt (22) reports hair pulling mainly in the evenings while studying and watching TV, est. 45 min/night. Embarrassed about the thinning at her crown; wearing a hat to lectures.
O: Visible thinning at vertex. MGH-HPS 19.
A: Trichotillomania, moderate. Awareness training going well — she can now name her high-risk situations.
P: Habit reversal:
- competing response (clench fists for 1 min) whenever the urge to pull comes
- keep the hair-pulling log daily
- wear the thin cotton gloves while watching TV in the evening
Discussed telling her flatmate; pt prefers not to yet. Next appt 2/52, video.
""",
        (
            E(
                "competing response (clench fists for 1 min) whenever the urge to pull comes",
                SKILL,
                cue="whenever the urge to pull comes",
                minutes=1,
            ),
            E("keep the hair-pulling log daily", JOURNAL, **daily()),
            E("wear the thin cotton gloves while watching TV in the evening", SKILL),
        ),
    ),
    # ------------------------------------------------------------------ dap
    Case(
        "g-dap-01",
        "dap",
        """\
DATA: Session 4. Gareth reports 2 alcohol-free days this week (target was 3). Drank 6 cans Sat at his cousin's 40th. AUDIT-C 9. States cravings strongest 5–7pm "when I get in from the yard".
ASSESSMENT: Ambivalence reducing; clear link between end-of-work and drinking. Reasonable insight. No withdrawal signs reported.
PLAN: Gareth will keep a drinks diary every day, and will practise urge surfing whenever cravings hit. He plans to attend the SMART Recovery meeting at the library on Wednesday evening. Writer to liaise with GP re: thiamine and LFTs. Gareth declined referral to the community detox team for now. Next appt 2/5, 4pm.
""",
        (
            E("keep a drinks diary every day", JOURNAL, **daily()),
            E("practise urge surfing whenever cravings hit", SKILL, cue="whenever cravings hit"),
            E("attend the SMART Recovery meeting at the library on Wednesday evening", SKILL, **once(2)),
        ),
    ),
    Case(
        "g-dap-02",
        "dap",
        """\
Couples session 6 — DAP
D: Aoife and Ciarán attended together. Row last Sunday about money escalated quickly ("you never listen"). Both report feeling more distant. Reviewed last week's task (daily 6-second kiss): done on 4 days.
A: Pursue-withdraw cycle remains active around finances. Both able to identify their own part today. Harsh start-up noted from Aoife; stonewalling from Ciarán.
P: Both partners to have a 20-minute stress-reducing conversation three evenings this week. Aoife to write down three things she appreciated about Ciarán each day. Ciarán to practise a soft start-up when raising the budget. Next session moved to Thursday 10am; couple to email if childcare falls through.
""",
        (
            E(
                "have a 20-minute stress-reducing conversation three evenings this week",
                SKILL,
                **per_week(3, minutes=20),
            ),
            E("write down three things she appreciated about Ciarán each day", JOURNAL, **daily()),
            E("practise a soft start-up when raising the budget", SKILL, cue="when raising the budget"),
        ),
    ),
    Case(
        "g-dap-03",
        "dap",
        """\
DAP – Group Note (Anxiety Skills Group, wk 2)
D: Member attended 90-min group. Participated in psychoeducation on fight/flight. Shared that she found last week's reading helpful.
A: Engaged, appropriate, building rapport with peers.
P: Continue weekly group. Member to bring completed intake questionnaire next week. Facilitator to follow up on missing consent form.
""",
        (),
    ),
    Case(
        "g-dap-04",
        "dap",
        """\
D: Priya reports 3–4 hrs/day checking moles and searching symptoms online. Had a dermatology appointment Jan 9 — all benign. Relief lasted "about a day." HAI-18: 29.
A: Health anxiety maintained by checking and reassurance; relief short-lived. Belief "if I don't check, I'll miss melanoma" 80%.
P: No checking moles in the mirror. Behavioural experiment: delay Googling any symptom for 24 hours, rating anxiety at 0, 1, 6 and 24 h. Read chapter 3 of the health anxiety workbook by Monday. Counsellor to send the prediction sheet via secure portal. Next session in 2 wks (holiday).
""",
        (
            E("No checking moles in the mirror", SKILL),
            E("delay Googling any symptom for 24 hours, rating anxiety at 0, 1, 6 and 24 h", BE),
            E("Read chapter 3 of the health anxiety workbook by Monday", READ, **once(0)),
        ),
    ),
    Case(
        "g-dap-05",
        "dap",
        """\
DAP note — Perinatal Mental Health Service
Data: Sarah, 6/12 postpartum, first baby. EPDS today 14 (was 17). Sleeping ~4 h/night in blocks. Says she "hasn't left the house alone" in 3 weeks. Partner (Tim) attended last 10 min.
Assessment: Postnatal depression, improving slowly. Isolation and sleep deprivation main maintaining factors. No thoughts of harm to self or baby.
Plan: Sarah to take a 15 min walk with the pram 4x/week; practise 4-7-8 breathing during night feeds; and to text one mum from the mothers' group this week. Tim to take the 2am feed on weekends. PANDA helpline info given again. MCHN visit next Tues. Review 2/52.
""",
        (
            E("take a 15 min walk with the pram 4x/week", SKILL, **per_week(4, minutes=15)),
            E("practise 4-7-8 breathing during night feeds", RELAX),
            E("text one mum from the mothers' group this week", SKILL, **once()),
        ),
    ),
    Case(
        "g-dap-06",
        "dap",
        """\
DAP
Data: Ruth (79) widowed 5 months. Tearful throughout. Has not opened Harold's closet or his letters. Attending church again "some Sundays". Daughter Carol drove her today.
Assessment: Grief with significant avoidance of reminders; not meeting criteria for prolonged grief at this point. Good social supports.
Plan: Ruth will write a letter to Harold that she will not send, and she will visit the garden center with Carol on Saturday to choose a rose for his plot. She will also read the 'Grief is not a straight line' booklet. Carol will drive. Next appointment Tuesday 10:30. Discussed grief group at St. Anne's — Ruth would like to think about it.
""",
        (
            E("write a letter to Harold that she will not send", JOURNAL),
            E(
                "visit the garden center with Carol on Saturday to choose a rose for his plot",
                SKILL,
                **once(5),
            ),
            E("read the 'Grief is not a straight line' booklet", READ),
        ),
    ),
    Case(
        "g-dap-07",
        "dap",
        """\
DAP – CBT-E session 5
D: Weighed together in session: 52.1 kg (BMI 18.6). Monitoring records brought, detailed. Skipping breakfast 5/7 days; evening binge x2 followed by vomiting.
A: Dietary restraint driving binge/purge cycle. Beginning to see the link. Dietitian input would help.
P: Eat three meals and two snacks daily at planned times. Record all food and drink on the monitoring sheet in real time. No weighing at home — weekly weighing stays in session only. Referral to dietitian sent. GP to repeat bloods (K+).
""",
        (
            E("Eat three meals and two snacks daily at planned times", SKILL, **daily()),
            E("Record all food and drink on the monitoring sheet in real time", JOURNAL),
            E("No weighing at home", SKILL),
        ),
    ),
    # ------------------------------------------------------------------ birp
    Case(
        "g-birp-01",
        "birp",
        """\
BIRP Note — DBT Individual
B: Client reports 2 urges to self-harm (intensity 80, 60), did not act. Used TIPP once. Diary card 5/7 days. Missed Tues skills group (car trouble).
I: Chain analysis of Saturday's urge. Reviewed TIPP and opposite action. Validated frustration with roommate.
R: Client identified vulnerability factors (no sleep, skipped meals). Agreed to target sleep this week.
P: Complete diary card daily. Use TIPP (cold water on face) when urges go above 70. Review the Opposite Action handout before Tuesday's group. Client knows to use her safety plan and call 988 if at risk. Skills group Tuesday 6pm. Therapist to send phone-coaching guidelines again.
""",
        (
            E("Complete diary card daily", JOURNAL, **daily()),
            E("Use TIPP (cold water on face) when urges go above 70", SKILL, cue="when urges go above 70"),
            E("Review the Opposite Action handout before Tuesday's group", READ, **once(1)),
        ),
    ),
    Case(
        "g-birp-02",
        "birp",
        """\
BIRP – CBTp session 9 (Early Intervention in Psychosis)
Behaviour: Jordan reports voices "about the same", mostly evenings. Still avoiding the shop on his road because "they talk about me when I go in". Taking meds as prescribed per care coordinator.
Intervention: Formulated the belief "if I go into the shop people will stare and talk about me" (conviction 75%). Planned experiment, predictions written.
Response: Jordan was anxious but agreed; wanted to start small.
Plan: Jordan to go into the corner shop twice this week to test whether people stare at him, noting what actually happens. Continue voices diary. Practise the mindful breathing with voices recording 10 minutes a day. Care coordinator (Kelly) to arrange depot review. CPA review 12/06.
""",
        (
            E(
                "go into the corner shop twice this week to test whether people stare at him, noting what actually happens",
                BE,
                **per_week(2),
            ),
            E("Continue voices diary", JOURNAL),
            E(
                "Practise the mindful breathing with voices recording 10 minutes a day",
                RELAX,
                **daily(minutes=10),
            ),
        ),
    ),
    Case(
        "g-birp-03",
        "birp",
        """\
B: Client presented in crisis following argument with partner; reported thoughts of overdose, no plan or intent today, has not acted. Tearful, agitated early, settled by end.
I: Risk assessment. Collaborative safety plan updated (warning signs, coping, people to contact, 988, removal of stockpiled meds — partner to hold medication). Grounding in session.
R: Client able to name reasons for living (kids, dog). Agreed to safety plan.
P: No homework set today given acute presentation. Clinician to call client tomorrow at 11am. Move next session up to Friday. Consult with supervisor.
""",
        (),
    ),
    Case(
        "g-birp-04",
        "birp",
        """\
BIRP — Cognitive Processing Therapy, session 3
Behaviour: Veteran (41) read his impact statement aloud in session; stuck points identified ("I should have seen it coming", "nobody can be trusted"). PCL-5: 52.
Intervention: Introduced ABC worksheets; completed one together on the convoy event.
Response: Engaged, some avoidance (changed topic twice). Reported the impact statement "was harder than I thought".
Plan: Complete one ABC worksheet daily. Add to the stuck point log as new stuck points come up. Read the 'Identifying stuck points' handout. Next appt Thurs 0900; Veterans Affairs paperwork to be completed by clinician.
""",
        (
            E("Complete one ABC worksheet daily", TR, **daily()),
            E("Add to the stuck point log as new stuck points come up", TR),
            E("Read the 'Identifying stuck points' handout", READ),
        ),
    ),
    Case(
        "g-birp-05",
        "birp",
        """\
BIRP
B: Eli (13) attended school 1 of 5 days. Stomach aches most mornings. Parents report mornings are "a battle."
I: Graded exposure plan reviewed; coping thoughts card made. Taught box breathing. Parents joined for last 10 min to hear the plan.
R: Eli willing to try partial days; parents agreed to plan.
P: Eli to attend first period on Monday, Wednesday and Friday. Practice box breathing before leaving the house. Complete the fear thermometer each morning before school. Dad to drive Eli on those mornings. School counselor Ms. Ortiz to meet Eli at the side entrance. Follow-up in 1 week.
""",
        (
            E("attend first period on Monday, Wednesday and Friday", SKILL, **on_days(0, 2, 4)),
            E("Practice box breathing before leaving the house", RELAX, cue="before leaving the house"),
            E(
                "Complete the fear thermometer each morning before school",
                JOURNAL,
                **daily(cue="before school"),
            ),
        ),
    ),
    Case(
        "g-birp-06",
        "birp",
        """\
B: Niamh described a week of "clinging then pushing away" with her boyfriend after he was late home twice. Abandonment schema activated; detached protector mode prominent at start of session.
I: Chair work: Healthy Adult speaking to Little Niamh. Created a schema flashcard together.
R: Tearful, then softer. Said the chair work "felt silly then real."
P: Write a compassionate letter from Healthy Adult to Little Niamh. Read the flashcard each time the abandonment schema is triggered. Not to text the boyfriend repeatedly — agreed one text then wait. Next session Mon 5pm (she'll email if work clashes).
""",
        (
            E("Write a compassionate letter from Healthy Adult to Little Niamh", JOURNAL),
            E(
                "Read the flashcard each time the abandonment schema is triggered",
                SKILL,
                cue="each time the abandonment schema is triggered",
            ),
            E("Not to text the boyfriend repeatedly", SKILL),
        ),
    ),
    # ------------------------------------------------------------------ bullets
    Case(
        "g-bul-01",
        "bullets",
        """\
Hi Callum, here's what we agreed today:

**Homework**
- [ ] Thought record x3 this week (use the 7-column sheet)
- [ ] Read chapter 5 of the workbook ('Alternative thoughts')
- [ ] Behavioural experiment: say no to one extra shift request (predictions on the sheet)

**Admin**
- [ ] Next session Tue 14 May, 11:00 – please email if you need to move it
- [ ] Bring your GP letter if you have it

Best, Hannah
""",
        (
            E("Thought record x3 this week (use the 7-column sheet)", TR, **per_week(3)),
            E("Read chapter 5 of the workbook ('Alternative thoughts')", READ),
            E("Behavioural experiment: say no to one extra shift request (predictions on the sheet)", BE),
        ),
    ),
    Case(
        "g-bul-02",
        "bullets",
        """\
Session 4 – Behavioral Activation
Homework:
1. Do one pleasant activity each day (from your list).
2. Rate mastery and pleasure (0-10) after each activity.
3. Go to the 9am spin class on Saturday.
4. Call Aunt Rosa on Sunday.

Therapist to-do:
1. Send BA worksheet PDF.
2. Check insurance authorization (6 sessions left).
""",
        (
            E("Do one pleasant activity each day (from your list)", SKILL, **daily()),
            E("Rate mastery and pleasure (0-10) after each activity", JOURNAL, cue="after each activity"),
            E("Go to the 9am spin class on Saturday", SKILL, **once(5, time_of_day=time(9, 0))),
            E("Call Aunt Rosa on Sunday", SKILL, **once(6)),
        ),
    ),
    Case(
        "g-bul-03",
        "bullets",
        """\
HW review (set 12/2):
• Thought records x4 — completed 4/4, good use of evidence columns
• Read panic leaflet — done, questions about "adrenaline" answered
• Breathing 10 min daily — 5/7 days

No new homework this week — consolidating before relapse-prevention session.
Next: 26/2, 3.30pm.
""",
        (),
    ),
    Case(
        "g-bul-04",
        "bullets",
        """\
ERP plan — week 6
• Hold a kitchen knife while chopping veg next to your partner, 10 mins, daily
• Resist checking the hob more than once before leaving the house
• Keep the ERP log (SUDS at start, peak, end)
• Wife not to answer reassurance questions (agreed in joint session)
• Next appt moved to Weds due to bank holiday
""",
        (
            E(
                "Hold a kitchen knife while chopping veg next to your partner, 10 mins, daily",
                SKILL,
                **daily(minutes=10),
            ),
            E(
                "Resist checking the hob more than once before leaving the house",
                SKILL,
                cue="before leaving the house",
            ),
            E("Keep the ERP log (SUDS at start, peak, end)", JOURNAL),
        ),
    ),
    Case(
        "g-bul-05",
        "bullets",
        """\
Social Confidence Group – Session 3 handout
This week's practice:
* Ask one question in the team meeting on Tues
* Drop the safety behaviour: no rehearsing sentences in your head before speaking
* Watch the 'Spotlight effect' video on the group portal
Reminders:
* Group runs 6–8pm, Room 2, Wattle Creek Community Health
* Bring your workbook
* Fees: bulk billed under MHCP
""",
        (
            E("Ask one question in the team meeting on Tues", SKILL, **once(1)),
            E(
                "Drop the safety behaviour: no rehearsing sentences in your head before speaking",
                SKILL,
                cue="before speaking",
            ),
            E("Watch the 'Spotlight effect' video on the group portal", READ),
        ),
    ),
    Case(
        "g-bul-06",
        "bullets",
        """\
Parent Management Training – wk 3
Parent: Kerry (mum of Jaxon, 5)
Practice at home:
- Special time: 5 minutes of child-led play every day
- Use labelled praise at least 3 times during special time
- Record tantrums on the ABC chart
- Ignore whining (planned ignoring) unless unsafe
Therapist: send behaviour plan summary to nursery with consent
Dad to join next session if shifts allow
""",
        (
            E("Special time: 5 minutes of child-led play every day", SKILL, **daily(minutes=5)),
            E("Use labelled praise at least 3 times during special time", SKILL),
            E("Record tantrums on the ABC chart", JOURNAL),
            E("Ignore whining (planned ignoring) unless unsafe", SKILL),
        ),
    ),
    Case(
        "g-bul-07",
        "bullets",
        """\
hw for next wk (pain mgmt grp):
- body scan 20 min at bedtime
- pacing - stop gardening before pain goes above 5/10
- pain diary 3x/wk
- finish the flare-up plan worksheet
- NOT doing: the graded walking yet, wait for physio clearence
""",
        (
            E("body scan 20 min at bedtime", RELAX, minutes=20),
            E(
                "pacing - stop gardening before pain goes above 5/10",
                SKILL,
                cue="before pain goes above 5/10",
            ),
            E("pain diary 3x/wk", JOURNAL, **per_week(3)),
            E("finish the flare-up plan worksheet", JOURNAL),
        ),
    ),
    Case(
        "g-bul-08",
        "bullets",
        """\
To do before our next session (exam term):
☐ Revision timetable — fill it in by Sunday
☐ 3 study blocks of 25 min each weekday
☐ 5-4-3-2-1 grounding when panic starts in the exam hall
☐ Self-compassion break before sleep
Not on your list: talking to your tutor about the extension — Fiona in Student Support will do that.
""",
        (
            E("Revision timetable — fill it in by Sunday", SKILL, **once(6)),
            E("3 study blocks of 25 min each weekday", SKILL, **on_days(*WEEKDAYS, minutes=25)),
            E(
                "5-4-3-2-1 grounding when panic starts in the exam hall",
                RELAX,
                cue="when panic starts in the exam hall",
            ),
            E("Self-compassion break before sleep", RELAX, cue="before sleep"),
        ),
    ),
    # ------------------------------------------------------------------ narrative
    Case(
        "g-narr-01",
        "narrative",
        """\
Session 6 (IPT, middle phase). Lena reported a difficult week after her sister Gina cancelled Thanksgiving plans without explanation. We continued to work on the role dispute, and Lena practiced, in role-play, telling Gina how hurt she was without blaming her. She was surprised at how calm she sounded. She agreed to call Gina before Sunday to suggest meeting for coffee, and to note her mood in the interpersonal inventory afterwards. She will also go to her book club on Thursday evening, which she has skipped since October. I will email her the communication analysis summary tonight. Her PHQ-9 dropped from 16 to 12. She asked whether she should also raise the inheritance issue; we agreed that is for later, not this week.
""",
        (
            E("call Gina before Sunday to suggest meeting for coffee", SKILL, **once(6)),
            E("note her mood in the interpersonal inventory afterwards", JOURNAL),
            E("go to her book club on Thursday evening", SKILL, **once(3)),
        ),
    ),
    Case(
        "g-narr-02",
        "narrative",
        """\
Tom attended his seventh session of CBT for generalised anxiety. He arrived a few minutes late, apologising repeatedly, and said the week had been "manic" at work. His GAD-7 was 13 (from 18 at assessment).

We spent most of the session on his belief that he must be reachable at all times or "something terrible will happen to Mum". He rated this at 85%. We looked at the evidence and at how often he checks his phone (he estimated over 100 times a day). He recognised that the checking keeps the belief going because nothing bad ever happens "thanks to" the checking.

Between now and our next session Tom will leave his phone in the locker on Wednesday when he goes to the gym, to test the prediction that his mother will have an emergency he misses. He also agreed to practise applied relaxation for 15 minutes each morning, and to use the cue-controlled version ("relax") when he feels his shoulders tense at work. We talked about whether he could cut down on asking his partner for reassurance, but he felt that was a step too far for now, so we have parked it. I will write to his GP with an update as requested.
""",
        (
            E(
                "leave his phone in the locker on Wednesday when he goes to the gym, to test the prediction that his mother will have an emergency he misses",
                BE,
                **once(2, cue="when he goes to the gym"),
            ),
            E("practise applied relaxation for 15 minutes each morning", RELAX, **daily(minutes=15)),
            E(
                'use the cue-controlled version ("relax") when he feels his shoulders tense at work',
                RELAX,
                cue="when he feels his shoulders tense at work",
            ),
        ),
    ),
    Case(
        "g-narr-03",
        "narrative",
        """\
First appointment with Mr. Adebayo, 52, referred by his GP for low mood following redundancy. He described poor sleep, loss of interest in football and some irritability with his wife. No thoughts of self-harm. We agreed to meet for six sessions of CBT, fortnightly initially because of his new job search. No homework was set at this first appointment; I gave him the service leaflet and our out-of-hours numbers. I will request his previous records from the talking therapies service in Ashbridge.
""",
        (),
    ),
    Case(
        "g-narr-04",
        "narrative",
        """\
Clodagh came with baby Oisín, who slept for most of the hour. She described intrusive images of dropping him on the stairs and of him stopping breathing, and said she now checks him "every ten minutes" at night and will not bath him unless her husband Declan is there. We normalised intrusive thoughts in the postnatal period and drew out the vicious flower together.

We agreed three steps for this week. She will change Oisín's nappy without re-checking the straps on the changing mat, and she will bath him on her own on Tuesday and Friday evenings. She will keep a tally of her night-time checks on the sheet by the cot. Declan has said he will be in the house but in another room. The public health nurse is due on Monday for the developmental check; Clodagh does not need to mention our work unless she wants to.
""",
        (
            E("change Oisín's nappy without re-checking the straps on the changing mat", SKILL),
            E("bath him on her own on Tuesday and Friday evenings", SKILL, **on_days(1, 4)),
            E("keep a tally of her night-time checks on the sheet by the cot", JOURNAL),
        ),
    ),
    Case(
        "g-narr-05",
        "narrative",
        """\
Margaret (78) attended with her son Peter for the first ten minutes. She is worried about "losing my marbles" after missing two appointments last month. Her recent cognitive screen with the GP was within normal limits, which we discussed. Much of her anxiety appears to come from checking and re-checking her diary and ringing Peter several times a day.

Margaret agreed to use the memory notebook each evening after tea to write down the next day's appointments, and to go to the U3A choir on Thursday, which she has been avoiding since March. She will try to ring Peter no more than once a day. Peter will set up a large-print wall calendar in the kitchen. We will review her anxiety scale (GAI 14 today) at session 4.
""",
        (
            E(
                "use the memory notebook each evening after tea to write down the next day's appointments",
                JOURNAL,
                **daily(cue="after tea"),
            ),
            E("go to the U3A choir on Thursday", SKILL, **once(3)),
            E("ring Peter no more than once a day", SKILL),
        ),
    ),
    Case(
        "g-narr-06",
        "narrative",
        """\
Group summary – Mood Management Group, session 5 (sent to all members)

Thank you all for a thoughtful session. We looked at how thinking traps such as mind-reading and all-or-nothing thinking show up in our daily lives, and several of you shared examples from work and family. This week, everyone is invited to complete two thought records, focusing on a moment when your mood dropped, and to read the handout 'Thinking traps' in your binder. If you have energy left, try one pleasant activity from the list on page 9. If you can't make next week, please let Marc know by phone. Next week's group will be on Zoom; the link will be emailed by Marc on Monday. A reminder that this group is not a crisis service: if you need urgent help, call 911 or go to your nearest emergency department.
""",
        (
            E(
                "complete two thought records, focusing on a moment when your mood dropped",
                TR,
                **per_week(2),
            ),
            E("read the handout 'Thinking traps' in your binder", READ),
            E("try one pleasant activity from the list on page 9", SKILL),
        ),
    ),
    Case(
        "g-narr-07",
        "narrative",
        """\
Met with Jaylen (16) for session 3 of MET/CBT. He reports smoking most nights "to fall asleep" and says it is "not a big deal". His mom joined for the last 15 minutes and asked about drug testing; I explained our confidentiality agreement and that testing is not part of this program. We did a decisional balance and he came up with more cons than he expected (money, basketball tryouts).

Jaylen said he would try three nights this week without smoking before bed. He also agreed to fill in the craving log when he gets an urge, and to bring it next time. With his consent I will contact the school counselor about the tryouts schedule.
""",
        (
            E(
                "try three nights this week without smoking before bed",
                SKILL,
                **per_week(3, cue="before bed"),
            ),
            E("fill in the craving log when he gets an urge", JOURNAL, cue="when he gets an urge"),
        ),
    ),
    # ------------------------------------------------------------------ reflection
    Case(
        "g-refl-01",
        "reflection",
        """\
My homework this week (from Dr. Patel):
I'm supposed to do the breathing thing (the 4-in, 6-out one) for five minutes when I wake up, and fill in a thought record whenever I notice the "I'm a failure" thought. I also have to go for a walk at lunch on Monday, Wednesday and Friday, even a short one. Honestly I didn't do the reading at all last week, so she said we'd just drop it for now. I'm also meant to email her if I can't make Thursday because of the work trip.
""",
        (
            E(
                "do the breathing thing (the 4-in, 6-out one) for five minutes when I wake up",
                RELAX,
                cue="when I wake up",
                minutes=5,
            ),
            E(
                'fill in a thought record whenever I notice the "I\'m a failure" thought',
                TR,
                cue='whenever I notice the "I\'m a failure" thought',
            ),
            E("go for a walk at lunch on Monday, Wednesday and Friday", SKILL, **on_days(0, 2, 4)),
        ),
    ),
    Case(
        "g-refl-02",
        "reflection",
        """\
journal 14/3
therapy today was ok. we did a chain thing about sunday. things i said i'd try this week: use opposite action when i want to hide in my room - go downstairs and sit with everyone instead. do the ice cube thing if the urges get bad. and fill in my diary card every night before bed which i keep forgetting. also my mum is meant to stop going on at me about my phone lol. next session is after half term
""",
        (
            E(
                "use opposite action when i want to hide in my room",
                SKILL,
                cue="when i want to hide in my room",
            ),
            E("do the ice cube thing if the urges get bad", SKILL),
            E("fill in my diary card every night before bed", JOURNAL, **daily(cue="before bed")),
        ),
    ),
    Case(
        "g-refl-03",
        "reflection",
        """\
Session felt heavy today. We talked about Dad a lot, and about the funeral. Siobhan said we'd leave homework this week because it's his anniversary on Saturday and she'd rather I just get through it. She gave me the number for the Samaritans again (116 123) and I put it in my phone. Next appointment is the 22nd.
""",
        (),
    ),
    Case(
        "g-refl-04",
        "reflection",
        """\
After today's session with Rhys I've agreed to go swimming on Tuesday and Saturday mornings even if my back is sore, and to notice the "I can't cope" story without arguing with it. I'm also going to listen to the 10-minute dropping anchor recording each night. Rhys is going to write to the pain clinic about my appointment being moved again. I told him I'm not ready to go back to work yet and he said that's not something we're setting as a goal right now.
""",
        (
            E(
                "go swimming on Tuesday and Saturday mornings even if my back is sore",
                SKILL,
                **on_days(1, 5),
            ),
            E('notice the "I can\'t cope" story without arguing with it', SKILL),
            E(
                "listen to the 10-minute dropping anchor recording each night",
                RELAX,
                **daily(minutes=10),
            ),
        ),
    ),
    Case(
        "g-refl-05",
        "reflection",
        """\
ok so after my session w/ Dr. Chen the plan is: eat lunch in the caf instead of my car at least twice this week, and actually make eye contact when i order coffee (no looking at my phone!!). also read the pdf she sent about safety behaviours. she's going to check if the uni counselling centre can extend my sessions past 8.
""",
        (
            E("eat lunch in the caf instead of my car at least twice this week", SKILL, **per_week(2)),
            E("make eye contact when i order coffee", SKILL, cue="when i order coffee"),
            E("read the pdf she sent about safety behaviours", READ),
        ),
    ),
    Case(
        "g-refl-06",
        "reflection",
        """\
Notes to self after couples session #4 (with Lena):
Our homework — Josh and I each do a daily "stress-reducing conversation" for 20 min after the kids are in bed. I also have to write down one thing I appreciated about him every day. Josh's job is to plan the date night for Saturday. Lena said not to bring up the renovation argument until next session, we'll do it with her there. Need to pay the $120 gap fee before next time.
""",
        (
            E(
                'each do a daily "stress-reducing conversation" for 20 min after the kids are in bed',
                SKILL,
                **daily(minutes=20, cue="after the kids are in bed"),
            ),
            E("write down one thing I appreciated about him every day", JOURNAL, **daily()),
            E("plan the date night for Saturday", SKILL, **once(5)),
        ),
    ),
    Case(
        "g-refl-07",
        "reflection",
        """\
Homework from Dr. Okoro for this week: listen to the recording of today's imaginal exposure every day, and do my in vivo item twice — going to Fairview Mall on a busy afternoon for 30 minutes. Didn't get to the grocery store one last week, which I'm bummed about. She also said keep taking the prazosin like the VA doc said, and to bring my PCL next time.
""",
        (
            E("listen to the recording of today's imaginal exposure every day", SKILL, **daily()),
            E(
                "do my in vivo item twice — going to Fairview Mall on a busy afternoon for 30 minutes",
                SKILL,
                **per_week(2, minutes=30),
            ),
        ),
    ),
    # ------------------------------------------------------------------ dictation
    Case(
        "g-dict-01",
        "dictation",
        "ok note for jamie r session six cbt for panic she did the interoceptive stuff most days "
        "homework this week is hyperventilate for thirty seconds three times a day and stay in the "
        "supermarket queue without leaving even if her heart races and read the panic cycle sheet "
        "again next appointment is the fourteenth at ten",
        (
            E("hyperventilate for thirty seconds three times a day", SKILL, **daily()),
            E("stay in the supermarket queue without leaving even if her heart races", SKILL),
            E("read the panic cycle sheet again", READ),
        ),
    ),
    Case(
        "g-dict-02",
        "dictation",
        "dictating for mr okafor cbti session three sleep efficiency eighty one percent up from "
        "seventy plan is he gets up at six every day including weekends no naps during the day and "
        "he keeps the sleep diary each morning i will write to the gp about the zopiclone copy to "
        "patient",
        (
            E("gets up at six every day including weekends", SKILL, **daily(time_of_day=time(6, 0))),
            E("no naps during the day", SKILL),
            E("keeps the sleep diary each morning", JOURNAL, **daily()),
        ),
    ),
    Case(
        "g-dict-03",
        "dictation",
        "quick addendum to todays note client phoned to cancel next week due to work will rebook "
        "via reception fee waived no change to the plan",
        (),
    ),
    Case(
        "g-dict-04",
        "dictation",
        "right so for homework we set up a behavioural experiment she is going to send the email to "
        "her manager without rereading it more than once to test the belief that he'll think she's "
        "incompetent also do a thought record when she notices the shame spike and she'll practise "
        "the slow breathing twice a day um and she's going to bring her DASS next week",
        (
            E(
                "send the email to her manager without rereading it more than once to test the belief that he'll think she's incompetent",
                BE,
            ),
            E(
                "do a thought record when she notices the shame spike",
                TR,
                cue="when she notices the shame spike",
            ),
            E("practise the slow breathing twice a day", RELAX, **daily()),
        ),
    ),
    Case(
        "g-dict-05",
        "dictation",
        "patient is a thirty four year old man health anxiety cardiac focus homework ban on googling "
        "symptoms for the week he's to postpone checking his pulse until the worry period at seven pm "
        "every evening and read chapter two of the workbook cardiology letter received normal echo",
        (
            E("ban on googling symptoms for the week", SKILL),
            E(
                "postpone checking his pulse until the worry period at seven pm every evening",
                SKILL,
                **daily(time_of_day=time(19, 0)),
            ),
            E("read chapter two of the workbook", READ),
        ),
    ),
    Case(
        "g-dict-06",
        "dictation",
        "mrs dunne eighty one bereaved since march session four she's been avoiding the photos agreed "
        "she'll look through the photo album for twenty minutes on sunday afternoon and write down any "
        "memories that come up her niece is going to help her with the headstone forms next session "
        "in a fortnight",
        (
            E(
                "look through the photo album for twenty minutes on sunday afternoon",
                SKILL,
                **once(6, minutes=20),
            ),
            E("write down any memories that come up", JOURNAL),
        ),
    ),
    Case(
        "g-dict-07",
        "dictation",
        "diary card every day as usual new thing this week is mindfulness of breath five minutes "
        "before work and she'll practice dear man with her roommate about the dishes by friday i'll "
        "check on the skills group waitlist and call her psychiatrist re refill",
        (
            E("diary card every day as usual", JOURNAL, **daily()),
            E("mindfulness of breath five minutes before work", RELAX, cue="before work", minutes=5),
            E("practice dear man with her roommate about the dishes by friday", SKILL, **once(4)),
        ),
    ),
    Case(
        "g-dict-08",
        "dictation",
        "mr leblanc eighty four widowed lives alone session five mood a bit better gds nine homework "
        "is walk to the mailbox and back every morning after breakfast phone his daughter on "
        "wednesday and sunday and go to the legion hall for cribbage on friday also he'll try the "
        "relaxation cd when he can't settle at night his daughter is arranging meals on wheels i'll "
        "send the activity sheet by mail",
        (
            E(
                "walk to the mailbox and back every morning after breakfast",
                SKILL,
                **daily(cue="after breakfast"),
            ),
            E("phone his daughter on wednesday and sunday", SKILL, **on_days(2, 6)),
            E("go to the legion hall for cribbage on friday", SKILL, **once(4)),
            E(
                "try the relaxation cd when he can't settle at night",
                RELAX,
                cue="when he can't settle at night",
            ),
        ),
    ),
    # ------------------------------------------------------------------ negation
    Case(
        "g-neg-01",
        "negation",
        """\
Plan (ERP, wk 4):
- No checking the locks after 10pm.
- Leave the house without going back to check the stove.
- Don't ask your wife to check for you.
We decided not to add the car-door exposure yet; revisit once the lock item is below SUDS 40. Session fee reminder given.
""",
        (
            E("No checking the locks after 10pm", SKILL, time_of_day=time(22, 0)),
            E("Leave the house without going back to check the stove", SKILL),
            E("Don't ask your wife to check for you", SKILL),
        ),
    ),
    Case(
        "g-neg-02",
        "negation",
        """\
Agreed this week:
- Don't skip breakfast, even on late starts
- No compensatory exercise after eating
- Do not delete the food diary entries you feel ashamed of
We are not setting a weight target at this stage. Next review with the dietitian is on the 3rd (she'll send the appointment letter).
""",
        (
            E("Don't skip breakfast, even on late starts", SKILL),
            E("No compensatory exercise after eating", SKILL, cue="after eating"),
            E("Do not delete the food diary entries you feel ashamed of", JOURNAL),
        ),
    ),
    Case(
        "g-neg-03",
        "negation",
        """\
No homework given this session. We did not get to exposure planning because the client wanted to talk about the break-up. She declined the sleep diary again ("I won't fill it in, I know I won't") and we agreed not to push it this week — will revisit. No change to medication per client. Not due for outcome measures until session 8.
""",
        (),
    ),
    Case(
        "g-neg-04",
        "negation",
        """\
Summary: Hélène continues to seek reassurance from her husband several times an evening about whether the children are safe at university. We looked at how reassurance brings short-term relief but keeps the doubt alive. She will not ask her husband whether the kids are safe more than once per evening, and instead will write the worry down in her worry journal when the urge to ask comes. She'll also write a letter to her mother that she will not send, about the year her mother was ill. She won't be doing the driving exposure until her knee has healed; we'll re-plan then. Next session by video Friday at 1 pm.
""",
        (
            E("not ask her husband whether the kids are safe more than once per evening", SKILL),
            E(
                "write the worry down in her worry journal when the urge to ask comes",
                JOURNAL,
                cue="when the urge to ask comes",
            ),
            E(
                "write a letter to her mother that she will not send, about the year her mother was ill",
                JOURNAL,
            ),
        ),
    ),
    Case(
        "g-neg-05",
        "negation",
        """\
Homework for Ava (16), agreed with Ava and mum:
1. When urges come, don't act for 15 minutes — use the distress tolerance box instead.
2. Not to use her phone in bed.
3. No skipping family dinner Monday to Friday.
Safety: Ava has her safety plan; Lifeline 13 11 14 or 000 in an emergency. This is not homework, it's her plan.
Mum to lock away medications (done).
""",
        (
            E(
                "don't act for 15 minutes — use the distress tolerance box instead",
                SKILL,
                cue="When urges come",
                minutes=15,
            ),
            E("Not to use her phone in bed", SKILL),
            E("No skipping family dinner Monday to Friday", SKILL, **on_days(0, 1, 2, 3, 4)),
        ),
    ),
    Case(
        "g-neg-06",
        "negation",
        """\
Plan agreed with Pádraig:
No drinking Monday to Thursday. Don't keep drink in the house. When the urge hits, phone your brother rather than going to the off-licence. Not starting Antabuse — GP has declined. No change to counselling frequency (fortnightly).
""",
        (
            E("No drinking Monday to Thursday", SKILL, **on_days(0, 1, 2, 3)),
            E("Don't keep drink in the house", SKILL),
            E(
                "phone your brother rather than going to the off-licence",
                SKILL,
                cue="When the urge hits",
            ),
        ),
    ),
    # ------------------------------------------------------------------ noun_phrase
    Case(
        "g-np-01",
        "noun_phrase",
        "Homework: gratitude journaling (3 items/night); PMR x1 daily; thought records x3 this wk. "
        "F/u 2 wks. Copay $30 collected.",
        (
            E("gratitude journaling (3 items/night)", JOURNAL, **daily()),
            E("PMR x1 daily", RELAX, **daily()),
            E("thought records x3 this wk", TR, **per_week(3)),
        ),
    ),
    Case(
        "g-np-02",
        "noun_phrase",
        """\
| Task | When | How long |
|---|---|---|
| Sleep diary | every morning | 2 min |
| Wind-down routine | 10:30pm nightly | 30 min |
| Worry time | Mon/Wed/Fri 6pm | 15 min |

Clinician actions: letter to GP; update care plan.
""",
        (
            E("Sleep diary | every morning | 2 min", JOURNAL, **daily(minutes=2)),
            E(
                "Wind-down routine | 10:30pm nightly | 30 min",
                SKILL,
                **daily(time_of_day=time(22, 30), minutes=30),
            ),
            E(
                "Worry time | Mon/Wed/Fri 6pm | 15 min",
                SKILL,
                **on_days(0, 2, 4, time_of_day=time(18, 0), minutes=15),
            ),
        ),
    ),
    Case(
        "g-np-03",
        "noun_phrase",
        "Agreed tasks: 1) activity diary – daily; 2) 'Managing low mood' booklet, section 2; "
        "3) 20-min walk, Tues + Thurs + Sat. Next contact: telephone, 2/52.",
        (
            E("activity diary – daily", JOURNAL, **daily()),
            E("'Managing low mood' booklet, section 2", READ),
            E("20-min walk, Tues + Thurs + Sat", SKILL, **on_days(1, 3, 5, minutes=20)),
        ),
    ),
    Case(
        "g-np-04",
        "noun_phrase",
        """\
Treatment goals (reviewed):
1. Return to work part-time by March.
2. Panic attacks < 1/week.
3. Drive to sister's house (20 km) alone.
Measures: PHQ-9 12, GAD-7 15, WSAS 22.
Risk: low, no change.
Next review: session 8.
""",
        (),
    ),
    Case(
        "g-np-05",
        "noun_phrase",
        "HW: exposure script re: cancer fear, 20 min daily; reassurance-seeking log; no body checks "
        "(breast) except monthly self-exam. Pt to book mammogram per family doc (routine).",
        (
            E("exposure script re: cancer fear, 20 min daily", SKILL, **daily(minutes=20)),
            E("reassurance-seeking log", JOURNAL),
            E("no body checks (breast) except monthly self-exam", SKILL),
        ),
    ),
    Case(
        "g-np-06",
        "noun_phrase",
        """\
Anger Management Group – Wk 4
Between-session practice: anger log (each incident); time-out plan when anger ≥ 6/10; 'Cues and triggers' reading (pp. 12–18).
Attendance: 8/10. Court-mandated members: attendance letters to probation on request.
""",
        (
            E("anger log (each incident)", JOURNAL),
            E("time-out plan when anger ≥ 6/10", SKILL, cue="when anger ≥ 6/10"),
            E("'Cues and triggers' reading (pp. 12–18)", READ),
        ),
    ),
    Case(
        "g-np-07",
        "noun_phrase",
        "MBCT wk 3 — HW → 3-min breathing space x3/day; body scan (CD track 2) 6 days/wk; pleasant "
        "events calendar. Next wk: unpleasant events. Room change: Hall B.",
        (
            E("3-min breathing space x3/day", RELAX, **daily(minutes=3)),
            E("body scan (CD track 2) 6 days/wk", RELAX, **per_week(6)),
            E("pleasant events calendar", JOURNAL),
        ),
    ),
)
