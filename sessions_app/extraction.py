"""Find action items in session text with plain, explainable rules: no network, no AI.

``extract_action_items(text)`` returns the items a therapist is likely to want to
turn into homework, each with its tidied text, a guessed kind of homework and its
span in the original text. The rules are documented in docs/action-items.md;
in short:

1. **Sections.** A heading such as "Homework", "Plan", "For next week",
   "Between sessions" or "Action items" (any case, with or without a colon,
   ``## Homework`` and ``**Homework**`` too) opens a section. Every bullet,
   numbered line or plain line in it is an item, until another heading, a blank
   line after plain lines, or a plain paragraph after the bullets. A bulleted list
   with no heading above it is read as tasks when at least half its bullets are;
   a bullet that opens with a problem behaviour and how often it happens
   ("Bingeing 3x a week") reports it and is not one.
2. **Sentences** anywhere else: a clause with a commitment ("client will",
   "she agreed to", "plans to", "is going to", "will try to", "I will",
   "I'm going to", "you agreed to", …) or starting with an imperative
   ("Practise …", "Try …", "Complete …", "Read …").
3. **Left out:** questions, negated commitments ("client will not …",
   "she won't …", "refused to …"), history ("last week", "previously",
   "used to"), reported discussion ("we discussed how she will …"), past-tense
   bullets ("Completed two records"), predictions ("she will probably …",
   "will be away") and the therapist's own tasks ("Review homework next
   session", "Send her the handout", "Refer to GP").
   Refusals are negated commitments; a "not" inside the task ("write a letter
   she will not send", "practise not checking") is kept. Arrangements about
   the therapy ("agreed to email if a session needs to move") and anything the
   therapist is to do ("therapist to send the worksheet") are left out too, and
   so are other people's parts ("Husband will do the shopping", "Tutor to be
   informed") and anything not agreed or deferred ("(not agreed)").
4. **Kind** by keywords: the action's verb first ("Read …" is reading), then
   the earliest keyword in the item, then activity words (walks, meals,
   bedtime, contact with people) as skill practice.
5. **Schedule** from the item's words (``read_schedule``): recurrence, times a
   week, weekdays, time of day, cue and minutes, each empty when the words
   say nothing or say something impossible.

Reading is linear in the text's length (no two quantifiers share a run of
whitespace), and at most ``MAX_ITEMS`` items are read from one text.

This module does not need Django, so a practice can swap it for its own
extractor (setting ``MALLARD_ACTION_ITEM_EXTRACTOR``) as long as that returns
the same ``ActionItem`` values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import KW_ONLY, dataclass, replace
from datetime import time
from functools import lru_cache

# Above this many characters the extractor returns no items at all: session
# notes are capped at 20,000 characters, so a longer text is a paste accident.
MAX_TEXT_CHARS = 100_000
# No session text holds more action items than this; past it the rest of the text is not
# read, which also bounds the time a pasted list of thousands of lines takes.
MAX_ITEMS = 100
# An item longer than this is a paragraph, not an action item (and would not fit
# ProposedAction.text); it is left out.
MAX_ITEM_CHARS = 500

THOUGHT_RECORD = "thought_record"
BEHAVIORAL_EXPERIMENT = "behavioral_experiment"
JOURNAL = "journal"
RELAXATION = "relaxation"
READING = "reading"
SKILL_PRACTICE = "skill_practice"
KINDS = (THOUGHT_RECORD, BEHAVIORAL_EXPERIMENT, JOURNAL, RELAXATION, READING, SKILL_PRACTICE)


# How often, as ``homework.models.Recurrence`` values (this module does not import Django).
ONCE = "once"
DAILY = "daily"
WEEKDAYS = "weekdays"
TIMES_PER_WEEK = "times_per_week"
RECURRENCES = (ONCE, DAILY, WEEKDAYS, TIMES_PER_WEEK)


@dataclass(frozen=True)
class Schedule:
    """What an item's words say about when and how long; None or empty where they say nothing.

    ``weekdays`` counts from Monday = 0. With ``recurrence`` "once" a named day is
    the day it is due by; with "weekdays" they are the days it repeats on.
    """

    _: KW_ONLY
    recurrence: str | None = None
    times_per_week: int | None = None
    weekdays: tuple[int, ...] = ()
    time_of_day: time | None = None
    cue: str | None = None
    minutes: int | None = None


@dataclass(frozen=True)
class ActionItem(Schedule):
    """One action item: ``source_text[start:end]`` is where it was written.

    Its schedule fields (keyword-only, from ``Schedule``) are read from the item's
    words (``read_schedule``) and default to "nothing said", so an extractor that
    only finds text still works.
    """

    text: str
    kind: str | None
    start: int
    end: int


Extractor = Callable[[str], list[ActionItem]]

_I = re.IGNORECASE

# --- Headings ---------------------------------------------------------------------------------

_WHEN = (
    r"(?:the\s+)?(?:next\s+(?:week|wk|session|sesh|time|appointment|appt)|this\s+(?:week|wk)|the\s+(?:coming\s+)?week"
    r"|(?:the\s+)?coming\s+week|the\s+week\s+ahead)"
)
ACTION_HEADING = re.compile(
    r"(?:(?:agreed|suggested|new|shared|weekly|this\s+week'?s|her|his|their|my|your|our|client'?s?|pt'?s?|patient'?s?|practi[sc]e)\s+)?"
    r"(?:"
    r"home\s*work|hw|h/w|assignments?|tasks?|actions?|action\s+(?:items?|points?|steps?)"
    r"|next\s+steps?|to\s*-?\s*dos?(?:\s+list)?|practice|plan|p|my\s+plan|agreed\s+actions?"
    # "Targets for the week", "Oli's missions this week", "Agreed activities (BA wk 3)".
    r"|(?:\w+['’]s\s+)?(?:targets?|missions?)\s+(?:for\s+)?(?:this|the|next|the\s+coming)\s+(?:week|wk)"
    r"|(?:agreed|planned|scheduled)\s+activit(?:y|ies)"
    r"|home\s+(?:practi[sc]e|work|tasks?)|(?:practi[sc]e|work|tasks?)\s+(?:at|for)\s+home|(?:my\s+)?goals\s+(?:for\s+)?(?:this|next|the\s+coming)\s+week"
    r"|(?:safety\s+behaviou?rs?|skills?|exercises?|experiments?|habits?)\s+to\s+(?:drop|try|practi[sc]e|work\s+on|use)"
    r"|things\s+to\s+(?:practi[sc]e|try|do|work\s+on|remember|keep\s+doing)|what\s+(?:i|we)['’]?(?:m|\s+am|ll\s+be|\s+will\s+be)\s+doing|what\s+i\s+(?:want|plan|am\s+going|'m\s+going)\s+to\s+"
    r"(?:practi[sc]e|try|do)|what\s+i'?ll\s+(?:practi[sc]e|try|do)"
    r"|between[\s-]+sessions?(?:\s+(?:tasks?|work|practice|homework|plan))?"
    rf"|for\s+{_WHEN}|before\s+{_WHEN}|until\s+{_WHEN}|over\s+{_WHEN}|this\s+week"
    rf"|between\s+now\s+and\s+{_WHEN}|(?:before|until)\s+we\s+(?:next\s+)?meet(?:\s+again)?"
    r"|(?:(?:client|pt|patient|she|he|they|we)\s+)?agreed(?:\s+to)?|(?:client|pt|patient|she|he|they|we)\s+will"
    r"|(?:ot|cbt|tx|treatment|therapy|care|management|session|sleep|activity|exposure|erp|practice|pacing|ba|meal|exercise)\s+plan"
    # Added with batch f: a technique's homework ("Skills homework"), instructions for the client
    # ("Stimulus control instructions"), new or sleep rules.
    r"|(?:skills?|erp|dbt|cbt|exposure|sleep|activity|pacing|relaxation|mindfulness|couples?|parent(?:ing)?)\s+(?:home\s*work|hw|tasks?)"
    r"|(?:[\w-]+\s+){0,2}?instructions|(?:new|sleep|house)\s+rules"
    # Added with batch f: the psychological part of a medical note ("Psychotherapy (Ms. R. Iyer):").
    r"|psychotherapy|psychological\s+(?:therapy|treatment|interventions?)|non-?pharmacological(?:\s+(?:plan|management))?"
    r"|actions?\s+for\s+(?:the\s+)?(?:client|pt|patient|her|him|them|you)"
    # Added with batch h: "This week is just two things: …".
    r"|(?:(?:just|only)\s+)?(?:one|two|three|four|a\s+couple\s+of|a\s+few|\d)\s+(?:things|tasks)"
    # Added with batch g: whom it came from ("Homework from Dr. Okoro for this week").
    r"|(?:home\s*work|hw|tasks?|practi[sc]e)\s+from\s+(?:(?:dr|mr|mrs|ms|miss|prof)\.?\s+)?[\w'’-]+"
    # "Homework I agreed to", "Things I said I'd do", "What we agreed".
    r"|(?:homework|things|tasks?|what)\s+(?:I|we|she|he|they)(?:['’]ve|\s+have)?(?:\s+|(?=['’]))(?:agreed(?:\s+to(?:\s+(?:do|try|practi[sc]e))?)?|said\s+(?:I|she|he|they)['’]?d\s+(?:do|try|practi[sc]e)"
    r"|(?:will|['’]ll|am\s+going\s+to|['’]m\s+going\s+to|want\s+to)\s+(?:do|try|practi[sc]e))"
    r")"
    r"(?:\s+(?:set|agreed|given|assigned|sheet|list))?"
    rf"(?:\s+(?:(?:for|until|before|over)\s+)?{_WHEN})?"
    r"(?:\s*\([^)]{0,40}\))?"
    # "Homework set 12/9", "Plan 3.6.26": a date after the label.
    r"(?:\s+\d{1,2}(?:[/.]\d{1,2}){1,2})?",
    _I,
)
# Every pattern below avoids a run of spaces that another quantifier can also take: Python's
# regex engine would try each split of the run, and a long run would take quadratic time.
MARKDOWN_HEADING = re.compile(r"^[ \t]*+#{1,6}[ \t]++(?P<label>\S.*)$")
# "Label: rest" where the label is at most six words.
LABEL_LINE = re.compile(
    r"^\s*(?:\*\*|__)?(?P<label>[A-Za-z][A-Za-z0-9'’/&()\- ]{0,48}?)(?:\*\*|__)?\s*+:(?:\*\*|__)?"
    r"(?!//)[ \t]*+(?P<rest>.*)$"
)
# "Homework - thought record x3": an action label, a dash, then the items.
DASH_LABEL = re.compile(
    r"^[ \t]*+(?P<label>[A-Za-z][A-Za-z0-9/' ]{0,30}?)[ \t]++[-–—=][ \t]++(?P<rest>\S.*)$"
)
BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(?P<label>[^*_]{1,50})(?:\*\*|__)\s*:?\s*$")
UPPER_LINE = re.compile(r"^\s*(?P<label>[A-Z][A-Z0-9 '/&\-]{2,40}):?\s*$")

# --- Lines ------------------------------------------------------------------------------------

# A splitter searched across a whole paragraph (SENTENCE_END, CLAUSE_SPLIT, DICTATION_SPLIT, …)
# starts with a lookahead for the characters it can start at, such as "(?=\s)". The engine then
# skips every other position at once, instead of trying each alternative's lookbehinds at every
# character; on 20,000 characters of dictation that halves the time.

BULLET = re.compile(
    r"^(?P<indent>[ \t]*)(?:[-*•●▪◦‣–—+>·)☐☑☒]|\[[ xX]?\]|o(?=[ \t])|\(?\d{1,2}[.)]|\(?[a-z][.)](?=\s))"
    r"(?:\s*\[[ xX]?\])?[ \t]+(?=\S)"
)
SENTENCE_END = re.compile(
    r"(?=[\s\"'”’)\]])(?:(?<=[.!?])(?<!\bch\.)(?<!\bp\.)(?<!\bpp\.)(?<!\bpg\.)(?<!\bvs\.)(?<!\bg\.)(?<!\be\.)(?<!\bapprox\.)"
    r"(?<!\bDr\.)(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bSt\.)(?<!\bNo\.)(?<!\bno\.)(?<!\bvol\.)(?<!\best\.)"
    r"[\"'”’)\]]*+\s++(?=[\"'“‘(\[]?[A-Z0-9])|(?<=[!?])\s++"
    # Dictation without capitals: a full stop, then a new subject.
    r"|(?<=[a-z][.!?])\s++(?=(?:she|he|they|we|i|im|client|pt|patient|mum|mom|dad|my|therapist)(?:\s|['’])"
    r"|(?:also\s+)?(?:going\s+to|gonna|supposed\s+to)\s|next\s+(?:session|appointment|appt)\b)"
    # Added with batch g: typed without capitals, a full stop and then a task ("… instead. do the ice
    # cube thing …", "…!!). also read the pdf …"); not after "e.g." or "i.e.".
    r"|(?<=[a-z)][.!?])(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\betc\.)\s++(?=(?:and\s+|also\s+|then\s+)?(?:do|use|try|fill|read|write"
    r"|keep|go|eat|make|practi[sc]e|listen|call|phone|ring|text|walk|stay|sit|take|stop|no|don['’]?t)\s))"
)

# --- Commitments ------------------------------------------------------------------------------

_NAME_STOPWORDS = {
    "the", "this", "that", "these", "those", "it", "there", "here", "what", "which", "who", "how",
    "work", "next", "homework", "therapy", "session", "today", "tomorrow", "tonight", "plan", "she",
    "he", "they", "we", "you", "i", "client", "patient", "pt", "and", "but", "so", "then", "also",
    "if", "when", "hopefully", "maybe", "perhaps", "mum", "mom", "dad", "everyone", "nobody",
}  # fmt: skip
SUBJECT = (
    r"(?:(?i:the\s+client|client|clt|pt|patient|yp|cyp|she|he|they|you|(?:group\s+)?members|both(?:\s+partners)?)"
    r"|(?P<name>[A-Z][a-z]+))"
)
COMMIT = (
    r"(?:will|'ll|’ll|has\s+agreed\s+(?:not\s+)?to|agreed\s+(?:not\s+)?to"
    r"|agreed\s+(?=(?:a|an|one)\s+(?:[\w-]+\s+){0,2}(?:experiments?|exposures?|tasks?|challenges?)\b)|agreed\s+that\s+(?:she|he|they|I)\s+(?:will|would)"
    r"|(?:is|are|'s|’s|'re|’re)\s+(?:also\s+|still\s+|then\s+|now\s+)?(?:planning|going|hoping)\s+to|plans?\s+to|intends?\s+to|hopes?\s+to"
    # Added with batch g: "he's to postpone checking …", "Anna is to ring …".
    r"|(?:is|'s|’s)\s+(?:not\s+)?to(?=\s+[a-z])"
    r"|['’](?:s|ve)\s+(?:agreed|committed)\s+to"
    r"|(?:has\s+)?committed\s+to|wants?\s+to\s+(?:try|practi[sc]e|start|restart|work\s+on|keep|look\s+at|read|watch"
    r"|listen\s+to|join|use|get\s+back\s+to)|(?:had\s+|has\s+)?decided\s+(?:to|(?:that\s+)?(?:she|he|they)\s+would)"
    r"|(?:would|['’]d)\s+(?:also\s+)?(?:like|love)\s+to\s+(?:try|practi[sc]e|start|restart|get\s+back\s+to|keep|work\s+on)"
    r"|(?:is|are)\s+to|(?:is|are|'s|’s)\s+gonna"
    r"|said\s+(?:that\s+)?(?:she|he|they)\s+(?:would|will|['’]d|['’]ll)(?=\s+(?:try|practi[sc]e|start|do|give|keep|use|make|have\s+a\s+go)\b))"
)
THIRD_PERSON = re.compile(
    rf"\b{SUBJECT}(?:\s+(?i:also\s+|then\s+|now\s+)?|(?=['’]))(?i:{COMMIT})\b"
    # Note shorthand, not after a name ("Not to …" is no subject): "Client to practise …", "Pt to try …".
    r"|\b(?i:the\s+client|client|clt|pt|patient|yp|cyp|she|he|they|you|(?:group\s+)?members|both(?:\s+partners)?|(?:the\s+)?couple)\s+to(?=\s+[a-z])"
)
FIRST_PERSON = re.compile(
    r"\b(?:I|i(?=\s+(?:will|also|then|really|just|definitely|plan|intend|am|promise|want|would|need|have|decided)\b|['’](?:ll|m|d|ve)\b))(?:\s+(?:(?:also|then|really|just|definitely)\s+)?(?:will|shall|plan\s+to|intend\s+to|am\s+(?:going|planning|hoping)\s+to|promise\s+to"
    r"|(?:want|would\s+like|need|(?:have\s+|['’]ve\s+)?decided)\s+to\s+(?!(?:feel|be|have|get\s+better|see\s+how|know|think|talk\s+about|remember(?!\s+to\b))\b)(?=[a-z])"
    r"|(?:['’]ve|\s+have)\s+(?:agreed|committed)\s+to"
    r"|am\s+committing\s+to|am\s+gonna)|['’](?:ll|m\s+(?:(?:also|then|really|just|definitely)\s+)?(?:going|planning|hoping)\s+to|m\s+gonna"
    r"|d\s+like\s+to\s+(?:try|practi[sc]e|start)|ve\s+decided\s+to|ve\s+(?:agreed|committed)\s+to))\b"
    # Added with batch f: "I also said I'd fill in the mood chart …", "I'm to write a letter …".
    r"|\b(?:I|i)\s+(?:also\s+)?said\s+(?:that\s+)?(?:I|i)['’]d\s+(?=[a-z])|\b(?:I['’]m|I\s+am|i['’]?m)\s+(?:also\s+)?to\s+(?=[a-z])"
    # Dictated or typed without capitals or apostrophes: "im gonna try", "i will".
    r"|\b(?:im|i['’]m|I['’]m)\s+(?:also\s+)?(?:gonna|going\s+to|planning\s+to|hoping\s+to|supposed\s+to|meant\s+to)\b"
    # "We're both doing the 'love maps' questions on Wednesday": a plan in the present tense.
    r"|\b(?i:we['’]re|we\s+are|i['’]m|I\s+am)\s+(?i:both\s+|also\s+)?(?i:doing|trying|practi[sc]ing|starting|keeping)\s+(?=(?i:the|a|an|my|our|some)\b)"
)
WE_AGREED = re.compile(
    r"\b(?:we|(?:the\s+)?(?:client|pt|patient|[A-Z][a-z]+)\s+and\s+I)\s+(?:have\s+|both\s+)?agreed\s+"
    r"(?:on|to|that(?!\s+(?:was|is|it|this|would\s+be)\b)|she|he|they|I|you|the|a|an|[a-z]+ing)\b"
    # "… and I agreed she'd keep going …": the therapist agreeing what the client will do.
    r"|\bI\s+agreed\s+(?:that\s+)?(?:she|he|they)\b",
    _I,
)
# A task set rather than promised: "was encouraged to …", "her homework is to …", "my plan is to …".
ASSIGNED = re.compile(
    r"\b(?:(?:was|were|is|been)\s+)?(?:encouraged|advised|invited|reminded)\s+"
    r"(?:(?:the\s+)?(?:client|pt|patient|her|him|them|you|me)\s+)?to\b"
    # "I suggested she listen to …": a task set, in the subjunctive.
    r"|\b(?:suggested|recommended)\s+(?:that\s+)?(?:she|he|they|you)\s+(?=[a-z]+\s)"
    r"|\b(?:homework|hw|plan|task)\s+(?:for\s+(?:the\s+group|everyone|all|her|him|them)\s+)?(?:(?:for\s+)?(?:this|next|the\s+coming)\s+week\s+)?is\s+(?:for\s+(?:her|him|them|me|[a-z]+)\s+)?to\b"
    r"|\b(?:goal|aim|challenge|experiment|task|mission|target)\s+(?:this|for\s+(?:this|next|the)|for\s+the\s+coming)\s+week\s+is\s+to\b"
    # Added with batch g: "Josh's job is to plan the date night".
    r"|\b(?:job|task|part|role)\s+is\s+to\b"
    # "the plan is i eat three meals a day …", "plan is that she walks …": the plan's subject does it.
    r"|\b(?:homework|hw|plan|task)\s+(?:for\s+(?:this|next|the\s+coming)\s+week\s+)?is\s+(?:that\s+)?(?:i|she|he|they)\s+(?=[a-z]+\s)"
    # "My worry time is 7pm, 15 minutes": a practice's slot, set.
    r"|\b(?:my|her|his|their|your)\s+(?:worry\s+(?:time|period|window)|bedtime|rise\s+time|wake[\s-]?up\s+time|sleep\s+window)"
    r"\s+(?:is|will\s+be)\b(?!\s+(?:usually|often|normally|around|about|still|late|early|getting)\b)",
    _I,
)
SUBJECTLESS = re.compile(
    r"^(?:also\s+|then\s+|instead\s+)?(?:will|agreed\s+to|has\s+agreed\s+to|plans?\s+to|(?:is\s+|are\s+)?(?:planning|hoping)\s+to"
    r"|(?:is|are)\s+going\s+to"
    r"|going\s+to|gonna|supposed\s+to|intends?\s+to|to\s+(?=(?:try|practi[sc]e|do|complete|keep|read|write|use|fill|limit|reduce|record)\b))\b",
    _I,
)
IMPERATIVE = re.compile(
    r"^(?:please\s+)?(?:"
    r"practi[sc]e|try|complete|fill\s+(?:in|out)|re-?read|read|journal|meditate|breathe"
    r"|keep\s+(?:a|an|the|up|track|doing|going|practi[sc]ing|using|writing|noting|your|her|his|(?:rise|wake|wake-up|get-up)\s+time)"
    r"|turn\s+(?:the\s+|your\s+|her\s+|his\s+|my\s+)?\w+\s+(?:off|to|away|round|around|over|face)"
    r"|do\s+(?:a|an|the|one|two|three|four|five|some|your|daily|\d)"
    r"|write\s+(?:a|an|down|about|in|out|three|\d|your|some)|use\s+(?:a|an|the|your|paced|box|this)"
    r"|listen\s+to|schedule\s+(?:a|an|one|two|three|some|\d|time|pleasant)|notice|track|continue"
    r"|record\s+(?:a|your|any|when|how|each|every|what)|spend|set\s+(?:a|an|up|aside|one|some)"
    r"|go\s+(?:to|for|out)|take\s+(?:a|an|the|\d)|start|begin|test|plan\s+(?:a|an|one|two|to)"
    r"|catch|challenge|identify|rate|drop|resist|stay|ask|say|tell|call|phone|text|walk|attend|join"
    r"|experiment|remember\s+to|make\s+(?:a|an|time|one|two)|stick\s+with|aim\s+to|note(?!\s+(?:for|re|on|from|to\s+self)\b)|carry\s+on"
    r"|add\s+(?:in|a|an|one|two|some|the)"
    r"|don['’]?t|do\s+not|avoid|stop|limit|reduce|cut\s+down|get\s+up|get\s+out\s+of\s+bed|wake\s+up|eat|leave|open|wear|visit"
    r"|look\s+at|watch|sit\s+with|allow\s+yourself|give\s+yourself|reward\s+yourself|let\s+yourself|be\s+kind"
    r"|hold\s+off|delay|postpone|go\s+to\s+bed|wait\s+(?:\d|a|an|one|two|five|ten|fifteen|twenty|thirty|until|before)"
    r")\b",
    _I,
)
# A clause outside a section can only be an item if one of these words is in it: a commitment's
# verb or an imperative. Lines without any are skipped unread, which keeps long lists of
# other lines fast.
PROSE_HINT = re.compile(
    r"(?=[a-z'’])(?:\b(?:homework|hw|h/w|plan|tasks?)\s*:|\b(?:will|shall|agreed|going|gonna|planning|hoping|plans?|intends?|hopes?|committed|committing"
    # The imperatives start a word: "ask" inside "task" is no hint, and a search that tries them only
    # at the start of a word is several times quicker on long runs of short lines.
    r"|wants?|would|need|promise|to)\b|['’]ll\b|\b"
    + IMPERATIVE.pattern.removeprefix("^(?:please\\s+)?")
    + ")",
    _I,
)
# "Practice" the noun: "Practice was hard", "Practice of mindfulness discussed".
NOUN_PRACTICE = re.compile(
    r"^practi[sc]e\s+(?:is|was|has|had|made|went|seemed|helped|felt|of|in|at|session|sessions|log)\b", _I
)

# --- What is left out -------------------------------------------------------------------------

NEGATION = re.compile(
    r"n['’]t\b|\b(?:not|never|no\s+longer|refused|refuses|declined|declines|unwilling|reluctant|unable)\b", _I
)
HISTORY = re.compile(
    r"\b(?:last\s+(?:week|session|time|month|night|weekend|year|appointment)|yesterday|previous(?:ly)?"
    r"|in\s+the\s+past|used\s+to|had\s+(?:agreed|planned|said|been|tried|wanted)|earlier\s+this"
    r"|ago|over\s+the\s+(?:past|last)|so\s+far|already)\b",
    _I,
)
REPORTED = re.compile(
    r"\b(?:we|I)\s+(?:discussed|talked|explored|reviewed|went\s+over|considered|looked\s+at|wondered)\b"
    r"|\b(?:discussed|talked\s+about|explored|wondered|asked|unsure|not\s+sure)\s+(?:whether|if|how|what|why)\b"
    r"|\bmentioned\b",
    _I,
)
PAST_START = re.compile(
    r"^(?:(?:client|pt|patient|she|he|they|I|we)\s+)?"
    r"(?:did|didn['’]t|was|wasn['’]t|were|had|has\s+been|went|said|felt|found|kept|wrote|made|got|came|saw"
    r"|tried|completed|practi[sc]ed|used|managed|attended|started|noticed|reported|reports|described"
    r"|mentioned|noted|told|stated|admitted|disclosed|shared|presented|struggled|avoided|forgot|skipped"
    r"|missed|enjoyed|finished|sent|called|asked|spoke|talked|walked|listened|filled|identified"
    r"|challenged|continued|stopped|began|became|remained|seemed|appeared|denied|engaged)\b",
    _I,
)
# Wishes and forecasts rather than tasks: "she will probably …", "he hopes to feel …".
NOT_A_TASK = re.compile(
    r"\s*(?:feel|be\s+(?!\w+ing\b)|become|get\s+better|have\s+(?!a\s+go\b)|look\s+forward|enjoy|leave\s+it\b"
    # Added with batch f: a decision or thought to come, a bare "try", a visit to someone's home.
    r"|decide\b|think\s+about\b|see\s+about\b|try(?:\s+(?:anyway|again|it|my\s+best|harder|that))?\s*[.!]?$"
    r"|(?:my|his|her|their|our)\s+[a-z-]+['’]s\s+(?:on|for|at|this|next|tomorrow|tonight)\b)",
    _I,
)
PREDICTION = re.compile(
    r"\b(?:will|'ll|’ll)\s+(?:probably|likely|possibly|maybe|perhaps|need|find|feel|struggle|have|get(?!\s+(?:up|out)\b)"
    r"|(?:just\s+)?see\s+(?:how|if|whether)|be\s+(?!\w+ing\b)|hear\s+(?:from|back))",
    _I,
)
THERAPIST_TASK = re.compile(
    r"^(?:(?:I|we|therapist|clinician)\s+(?:will|'ll|’ll|to|plan\s+to|am\s+going\s+to)\s+)?"
    # Added with batch g: not a handout or a chapter, which the client reviews ("Review the handout").
    r"(?:review(?!\s+(?:the\s+|your\s+|her\s+|his\s+|my\s+)?(?:[\w'’-]+\s+){0,3}?(?:handout|leaflet|booklet|chapter|workbook)s?\b)"
    r"|revisit|discuss|explore|assess|reassess|re-assess|monitor\s+risk|risk\b|f/u|follow[\s-]?up"
    r"|refer|liaise|book|re-?book|send(?!\s+(?:work\s+|the\s+|an?\s+|one\s+|two\s+)?(?:e-?mails?|messages?|texts?)\b)|e-?mail|mail|post\s+(?:her|him|them|the)|write\s+again|see\s+(?:her|him|them)\b|contact"
    r"|consider|formulat|rv\b|r/v\b|discharg\w*|booster|check[\s-]?in\b|check[\s-]?in\s+(?:call|phone|text)|(?:phone|telephone)\s+(?:call|review)\s+from"
    r"|supervis|(?:next|first|initial|final|last)\s+(?:session|sesh|appt|appointment|group|visit|review|meeting)"
    r"|consult\b|confirm\b|look\s+into|re-?record|photocopy|check\s+with\s+(?:my|the|her|his|their)\b"
    r"|return\s+(?:in\s+)?(?:\d|one|two|three|four)|rtc\b|(?:phq|gad|pcl|core|isi|y-?bocs|oci|pdss|dass|audit|pswq|hads|bdi|bai)(?:-?\d+)?\b|offer\b|continue\s+to\s+monitor|monitor\s*$|call\s+from|check\s+(?:whether|if)\s+(?-i:[A-Z][a-z]+['’]s)"
    r"|continue\s+(?:with\s+)?(?:cbt|therapy|sessions?|weekly|fortnightly|treatment|current\s+plan|as\s+planned|with\s+plan)"
    r"|(?:write|letter)\s+to\s+(?:the\s+|your\s+|her\s+|his\s+)?(?:gp|doctor|psychiatrist|school|occupational\s+health|probation|employer|consultant|(?-i:Dr\.?\s+[A-Z]))"
    r"|call\s+(?:the\s+)?(?:gp|doctor|psychiatrist)"
    # Added with batch f: the therapist's letter ("I will write it"), recalculating, checking her allowance.
    r"|write\s+it(?:\s+and\s+(?:his|her|their))?\s*$|write\s+it\s+(?:for|to)\s+(?:him|her|them)\b|re-?calculate|recalc\b"
    r"|check\s+(?:her|his|their)\s+(?:[\w-]+\s+){0,2}?(?:allowance|funding|eligibility|insurance|entitlement|sessions?|referral|file)\b"
    r"|chase\b"
    # Added with batch g: adjusting a prescription of sleep, finishing the assessment, records.
    r"|titrate|finish\s+(?:the\s+)?(?:assessment|formulation|intake)"
    r"|check\s+on\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?wait(?:ing)?[\s-]?list"
    r"|request\s+(?:his|her|their|the)\s+(?:[\w-]+\s+){0,2}?(?:records|notes|reports?|letters?)\b"
    r"|check\s+in\s+with|ask\s+(?:her|him|them)\s+about|print|prepare|update\s+(?:the\s+)?(?:notes|plan|formulation)"
    r"|introduce|teach|explain|go\s+through|show\s+(?:her|him|them)|give\s+(?:her|him|them))",
    _I,
)
# Someone else's part: "Husband will do the heavy shopping", "Tutor to be informed", "OT to review".
OTHER_PERSON = re.compile(
    r"^(?:(?:the|her|his|their|my|your|client['’]?s|pt['’]?s|(?-i:[A-Z][a-z]+)['’]s)\s+)?(?:(?-i:[A-Z]{2,5})\s+)?(?:husband|wife|partner|spouse|boyfriend|girlfriend"
    r"|daughter|son|sister|brother|mum|mom|mother|dad|father|parents?|carers?|family|tutor|teacher|school|employer"
    r"|manager|boss|colleagues?|co-?workers?|gp|ot|psychiatrist|nurse|health\s+visitor|social\s+worker"
    r"|care\s+co-?ordinator|key\s*worker|senco|team|service|camhs|cmht|iapt|ward|(?-i:T)|dietitian|dietician|sponsor|cpn|pharmacist|physio"
    r"|group\s+(?:leader|facilitator)|facilitator|psychiatry|dsn|caseworker|case\s+manager|support\s+worker|midwife"
    r"|occupational\s+health|radiology|consultant|flatmate|housemate|room-?mate|(?:best\s+)?friend"
    r"|(?:school\s+)?counsell?or"
    r"|(?-i:(?:Dr|Ms|Mr|Mrs|Miss)\.?\s+[A-Z][a-z]+))(?:\s+(?-i:(?:Ms|Mr|Mrs|Dr)\.?\s+)?(?-i:[A-Z][a-z]+))?"
    r"(?:\s*\([^()]{1,30}\))?"
    r"(?:\s+(?:will|['’]ll|to|is|are|not|has|have|agreed|can|should|would|may|might|needs?|said|aware|informed|notified"
    r"|won['’]?t|doesn['’]?t|does\s+not|isn['’]?t|can['’]?t)\b|\s*+:)",
    _I,
)
# Not (yet) agreed: "(not agreed)", "will think about whether to …", "no homework this week",
# "not to start on job applications yet".
NOT_AGREED = re.compile(
    r"\bnot\s+agreed\b|\bthink\s+about\s+(?:whether|if|it)\b|^no\s+(?:homework|hw|tasks?)\b|^(?:none|nil|n/a)\b"
    r"|^\(?(?:not|don['’]?t|do\s+not)\s+(?:to\s+)?\w+\b[^.;]{0,40}\byet\b|^(?:is\s+)?(?:likely|unlikely|expected)\s+to\b"
    r"|\bdo\s+not\s+hesitate\b|\bdon['’]t\s+hesitate\b|\((?:me|T|therapist|clinician)\)"
    # "Dr H re: meds - therapist to write", "no change to the plan", "not ready for exposure work".
    r"|[-–—:;(]\s*(?:therapist|clinician)\s+to\b|^no\s+change\b|^\(?(?:(?:client|pt|patient|she|he|they)\s+)?(?:is\s+|are\s+)?"
    r"(?:not|un)\s*(?:yet\s+)?(?:ready|willing|keen|able)\b|^will\s+not\s+be\s+\w+ing\b"
    # "Not to start the meal plan until the dietitian has reviewed it": deferred, not set.
    r"|^(?:not|don['’]?t|do\s+not)\s+(?:to\s+)?(?:start|begin)\b[^.;]{0,40}\buntil\b"
    # Added with batch g: "said not to bring up the renovation until next session": put off, not set.
    r"|\bnot\s+to\s+(?:[\w'’-]+\s+){1,6}?until\s+(?:the\s+|our\s+)?next\s+(?:session|appt|appointment|time|week)\b"
    # "Client aware can re-refer via GP": information given, not a task.
    r"|^(?:the\s+)?(?:client|pt|patient|she|he|they)\s+(?:is\s+|are\s+)?(?:aware|informed|advised\s+(?:of|that)|knows?)\b"
    # "(not set)", "we agreed to drop it for now": set aside, not homework.
    r"|(?<!\bis\s)(?<!\bare\s)(?<!\bbe\s)(?<!\bget\s)(?<!\bgets\s)\b(?:done|completed)\)?$|\bf/u\b|\b(?:given|sent|handed|e-?mailed|shared)\s+to\s+(?:the\s+)?(?:pt|patient|client|her|him|them)$"
    r"|\breferr(?:al|ed)\b|\bletter\s+(?:received|sent|done)\b|\bformulation\b|\bto\s+be\s+\w+ed\b|^no\s+(?:pressure|need|expectation|obligation)\b"
    r"|\b(?:appt|appointment)\s+(?:\d|on\s+\d)|\bwith\s+(?:the\s+)?(?:pt|patient|client|her|his|their)(?:['’]s)?\s+consent\b"
    r"|\bnot\s+set\b|[-–—]\s*(?:done|completed)\b|\bnot\s+to\s+set\b|\bdecided\s+against\b"
    # Added with batch h: put off ("- NOT this week"), someone's own wish, not the homework, being away,
    # information ("HV aware"), a booking, someone available.
    r"|[-–—,]\s*not\s+(?:this\s+week|yet|now|for\s+now)\b|[-–—]\s*(?:his|her|their)\s+own\s+(?:wish|plan)\b"
    r"|\bnot\s+(?:my|her|his|their|your)\s+(?:job|task|responsibility)\b|\bwon['’]t\s+be\s+in\b"
    r"|^(?:\S+\s+){1,2}(?:aware|informed|notified)$|\b(?:booked|arranged|scheduled)\s+for\s+(?:the\s+)?\d"
    r"|\bavailable\s+\d|[-–—]\s*I\s+will\s+(?:arrange|book|send|sort|organi[sz]e)\b|\b(?:drop|park|pause|shelve|leave)\s+(?:it|that|this|the\s+\w+)\s+for\s+now\b"
    # "Not doing: the night shifts swap", "In-laws: park until after Christmas", "optional".
    # A belief "rated ninety percent" is not a task.
    r"|\brated\s+(?:at\s+)?(?:\d{1,3}|[a-z]+(?:\s+[a-z]+)?)\s*(?:%|percent)"
    r"|\b(?:place|put|add|remain|stay)\w*\s+(?:on|to)\s+(?:the\s+)?wait(?:ing)?[\s-]?list|\b(?:session|appointment|appt)s?\s+frequency\b"
    r"|\bavailable\s+(?:per|as|if|on|via|by)\b|\b(?:group|session|appt|appointment|clinic)\b[^.;]{0,30}?\b(?:as|per)\s+usual\b"
    r"|\b(?:to\s+be|be)\s+(?:sent|given|offered|contacted|seen|referred|booked|informed|posted)\b"
    r"|^(?-i:[A-Z]{2,5})\s+\d{1,2}/(?:52|12)$"
    r"|^not\s+(?:doing|now|yet|for\s+now|this\s+week)\s*:|\bpark\s+(?:it\s+|this\s+|that\s+)?until\b|\boptional\b"
    r"|\bif\s+(?:she|he|they|you)\s+wants?\s*(?:to\s*)?(?:[-–—,;)]|$)|\bno\s+further\s+action\b|\bwill\s+revisit\b"
    r"|\b(?:client|pt|patient|she|he|they)\s+(?:has\s+|have\s+)?(?:declined|refused|not\s+keen)\b"
    # Added with batch f: no tasks set, a "Next:" line, fees, a day's appointment, passives of any
    # verb, lines marked as no one's homework or someone's own choice, deferred or resumed later.
    r"|\bno\s+(?:new\s+|between[\s-]sessions?\s+|formal\s+)(?:homework|hw|tasks?)\b|\bno\s+(?:homework|hw|tasks?)\s+(?:set|planned|agreed|given)\b"
    r"|^next\s*(?:(?:wk|week|session|sesh|time)\s*)?:|\broom\s+(?:change|booking|number)\b|\b(?:fees?|co-?pays?|invoices?|billing|waived)\b|\b(?:appt|appointment)\s+(?:on\s+)?(?:mon|tue|wed|thu|fri|sat|sun)\w*\b"
    r"|\bto\s+be\s+(?:written|done|seen|given|made|taken|kept|held|set\s+up|put|sent)\b|\b(?:is|are)\s+(?:booked|arranged|scheduled)\s+for\b"
    r"|\bnot\s+(?:a|the)\s+(?:client['’]?s?\s+|therapy\s+|homework\s+)?(?:task|thing|goal|homework)\b|\bnot\s+something\s+(?:we|I)\s+set\b"
    r"|\((?:[^()]{0,30}\b)?(?:his|her|their)\s+(?:task|job|decision|choice)\b|[-–—]\s*(?:his|her|their)\s+(?:decision|choice)\b"
    r"|\bdeferred\b|\bbut\s+not\s+(?:yet|now|this\s+week)\b|\bsee\s+about\s+(?:it|that|this)\b"
    r"|\bbut\s+(?:I|she|he|they)\s+(?:just\s+|really\s+)?(?:couldn['’]?t|didn['’]?t|never|wasn['’]?t\s+able)\b"
    r"|\bwill\s+hear\s+(?:from|back)\b"
    r"|\bper\s+(?:the\s+)?(?:usual\s+)?protocol\b|\bper\s+usual\b|\bwill\s+be\s+(?:discussed|reviewed|covered|looked\s+at)\b"
    r"|\b(?:pick\s+up|come\s+back\s+to)\b[^.;]{0,50}?\bwhen\s+(?:they|we|she|he)\s+(?:are|is|get|gets)\s+(?:both\s+)?back\b",
    _I,
)
FUTURE = re.compile(r"\b(?:will|shall|going|gonna|plans?|planning|intends?)\b|['’]ll\b", _I)
WE_WILL = re.compile(r"^\s*(?:we|therapist|clinician)(?:\s+(?:will|are\s+going\s+to)|\s*+['’]ll)\b", _I)
# A note of what happened, not a task: "Role-play done in session", "Safety plan reviewed".
DONE = re.compile(
    r"^(?:[\w'’/-]+\s+){0,5}?(?:done|completed|practi[sc]ed|reviewed|discussed|given|explained|provided|introduced"
    r"|covered|updated|explored|agreed|sent|made|booked|requested|arranged|contacted|informed|notified)"
    r"(?:\s+(?:in|during|with|today|together|at)\b.*|\s*[-–—,]\s*no\s+.*)?$",
    _I,
)
# Safety and crisis arrangements are risk management, not homework.
SAFETY = re.compile(
    r"\b(?:safety|crisis)\s+plan\b|\b(?:call|ring|phone|contact|text|e-?mail|go\s+to|attend)\s+(?:the\s+)?"
    r"(?:111|999|crisis|samaritans|out\s+of\s+hours|a&e|emergency|gp\s+out\s+of\s+hours|the\s+service|clinic|team)"
    # Added with batch f: helplines and crisis lines by any name, and a "Safety:" line.
    r"|\b(?:help\s*lines?|crisis\s+(?:lines?|numbers?|team)|(?:eap|support|advice)\s+line)\b|^safety\s*:",
    _I,
)
# Medication is the prescriber's plan, not homework: "Continue sertraline as per GP".
MEDICAL = re.compile(
    r"\b(?:medication|meds|as\s+prescribed|as\s+per\s+(?:gp|psychiatrist|doctor|prescriber)|per\s+(?:gp|psych|psychiatry)|\d+\s?mg"
    r"|melatonin|zopiclone|zolpidem|sertraline|citalopram|escitalopram|fluoxetine|mirtazapine|trazodone|quetiapine"
    r"|diazepam|lorazepam|propranolol|venlafaxine|sleeping\s+(?:pills?|tablets?)|taper|depot|clozapine|lithium"
    r"|nicotine\s+(?:patch|patches|gum|replacement)|prescri\w+"
    # Added with batch g: medicines for alcohol and opioids, and screening the family doctor asks for.
    r"|antabuse|disulfiram|naltrexone|acamprosate|methadone|buprenorphine|suboxone|mammogram|smear\s+test"
    r"|xanax|valium|ativan|klonopin|benzo(?:diazepine)?s?\b"
    r"|per\s+(?:the\s+)?family\s+(?:doc|doctor|physician)"
    r"|aripiprazole|olanzapine|risperidone|paroxetine|duloxetine|pregabalin|sodium\s+valproate|lamotrigine"
    # Tests and bloods are the prescriber's: "Bloods (LFTs) at GP", "Weekly FBC as per protocol".
    r"|bloods|blood\s+tests?|lfts|u&es|fbc|tfts?|cbc|ecg|as\s+per\s+protocol"
    # Added with batch f: the pharmacy and its refills.
    r"|pharmacy|pharmacist|refills?|repeat\s+prescription)\b"
    # Outcome measures are the service's: "fill in the PCL-5 before next session".
    r"|\b(?:phq|gad|pcl|core|isi|y-?bocs|oci|pdss|dass|audit|pswq|hads|bdi|bai|spin|wsas)[\s-]?(?:\d+|five|nine|seven|ten)\b",
    _I,
)
# Whatever follows, a task whose subject is the therapist is not the client's homework.
THERAPIST_SUBJECT = re.compile(
    r"^(?:the\s+|this\s+)?(?:therapist|clinician|counsell?or|psychologist|trainee|supervisor|co-?facilitator|admin|duty|th|T|me|myself"
    # Added with batch f: the note's writer and practitioner titles ("Writer to send …", "PWP to check …").
    r"|writer|undersigned|pwp|practitioner|provider|(?-i:CC))\s+"
    r"(?:will|'ll|’ll|to|is\s+to|plans?\s+to|agreed\s+to|needs?\s+to|should)\b",
    _I,
)
# Arrangements about the therapy itself, not practice: "Client agreed to email if a session
# needs to move", "She will call the crisis line if she feels unsafe".
ARRANGEMENT_VERB = re.compile(
    r"^(?:not\s+)?(?:discuss|e-?mail|call|ring|phone|text|message|send\s+(?:a\s+|an\s+)?(?:message|text|e-?mail|note)|contact"
    r"|let\s+(?:\w+\s+){1,2}know|cancel|re-?schedule|move|meet|write\s+to|check\s+(?:if|whether)"
    r"|re-?book|book|arrange|pay|attend|come|bring|schedule|sched|talk\s+to|speak\s+to|raise|mention|inform|notify"
    r"|pick\s+up|collect)\b",
    _I,
)
ARRANGEMENT_TOPIC = re.compile(
    r"\b(?:sessions?|appointments?|appts?|therapist|clinic|gp|doctor|psychiatrist|prescriber|the\s+service|the\s+practice|crisis|samaritans"
    r"|dvla|insurers?"
    r"|out\s+of\s+hours|emergency|a&e|111|999|running\s+late|cancel\w*|re-?schedul\w*|re-?book\w*|invoice|payment"
    r"|make\s+it|availability|holidays?|next\s+time|slot|can(?:no|['’])t\s+make|about\s+(?:it|this|that)"
    r"|us|me|deteriorat\w*|(?:gets?|getting)\s+worse|how\s+(?:it|things|this)\s+(?:went|is\s+going|are\s+going|goes)"
    # Added with batch f: the front desk, fees, equipment and forms, things becoming too much.
    r"|front\s+desk|reception|co-?pay|fees?|dme|equipment|certificate|forms?|unmanageable|too\s+much|(?:becomes?|become)\s+worse"
    r"|falls?\s+through)\b",
    _I,
)
# "Client will not …" records a refusal, but "will not check her phone, as a response
# prevention exercise" is the task, and so are "agreed not to …" and "practise not …".
# "will not do / complete / attend / be doing …" refuses homework; "will not check / skip meals /
# use alcohol" is the task: the negated verb is the problem behaviour.
_REFUSED_VERB = (
    r"(?:be\s+\w+ing|be\s+able|do|doing|complete|try|attend|start|keep|fill|practi[sc]e|read|write|come|engage"
    r"|continue|participate|take\s+part|have\s+time|manage|go\s+ahead|bother)"
)
REFUSAL = re.compile(rf"^\s*(?:not|never|no\s+longer)\s+{_REFUSED_VERB}\b", _I)
REFUSAL_WORDS = re.compile(r"\b(?:refused|refuses|declined|declines|unwilling|reluctant|unable)\b", _I)
# A list item that opens with a refusal: "She won't do the diary (refused)".
REFUSED = re.compile(
    r"^(?:the\s+)?(?:client|clt|pt|patient|she|he|they|[A-Z][a-z]+)\s+(?:(?:won['’]?t|will\s+not|isn['’]?t\s+going\s+to"
    rf"|is\s+not\s+going\s+to)\s+{_REFUSED_VERB}|refused|refuses|declined|declines|(?:doesn['’]?t|does\s+not)\s+want\s+to"
    r"|can['’]?t|cannot|is\s+unable|(?:is\s+not|isn['’]?t)\s+(?:ready|willing|keen)|not\s+keen)\b",
)
NEGATION_AS_TASK = re.compile(
    r"\bresponse\s+prevention\b|\bas\s+(?:an?\s+|her\s+|his\s+|their\s+)?(?:\w+\s+)?(?:exercise|experiment|task|challenge)\b"
    r"|\b(?:without|instead\s+of|resist\w*)\b|^\s*not\s+try\s+to\s+(?:get\s+rid|control|suppress|push\s+away|fight|stop)\b"
    r"|^\s*not\s+be\s+(?:check|seek|ask|wash|weigh|googl|drink|smok|us|avoid|apologis|scroll|bing|purg|text|email)\w*ing\b",
    _I,
)
# "She will not be checking the rota": the negated habit is the task, not a refusal.
NOT_BE_DOING_HABIT = re.compile(
    r"\bnot\s+be\s+(?:check|seek|ask|wash|weigh|googl|drink|smok|us|avoid|apologis|scroll|bing|purg|text|email)\w*ing\b",
    _I,
)

CLAUSE_SPLIT = re.compile(
    r"(?=[\s,;])(?:(?<!\s)\s*+;\s*+"
    r"|(?<![\s,])(?<!\bnow),?\s++(?:and|but|so|then|whereas|while)\s+(?:then\s+|also\s+)?"
    # "… on tuesday and thursday she will …": a second day ends the task before, it leads no clause.
    r"(?=(?:(?!and\b|(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b)[a-z]+\s+){0,3}?(?:I|I['’]m|I['’]ll|i['’]m|i['’]ll|we|she|he|they|you|client|the\s+client|pt|[A-Z][a-z]+)(?:\s+|(?=['’]))"
    r"(?:also\s+|then\s+)?(?:will|won['’]t|['’]ll|['’]d|['’]s(?!\s+(?:said|been|done|had|got|told|asked|written|\w+ed)\b)|would|agreed|has|is|plans?|intends?|wants?|am|going\s+to|discussed|talked|said"
    r"|reported|tried))"
    # Added with batch f: "…, and he can text me a thumbs-up if he likes": a permission, not the task.
    r"|(?<![\s,]),?\s++(?:and|but|so)\s+(?=(?:I|we|she|he|they|you)\s+(?:can|could|may|might)\b)"
    # "… and when the urge comes he will write …": a cued promise of its own.
    r"|(?<![\s,]),?\s++and\s+(?=(?:when|whenever|if|after|before)\s+(?:[a-z'’]+\s+){1,8}?(?:I|i|she|he|they|you)"
    r"(?:\s+(?:will|would)|['’]ll)\b)"
    # A second promise with the same subject: "…when she notices her jaw clenching and will practise …".
    r"|(?<![\s,]),?\s++and\s+(?=(?:also\s+|instead\s+)?(?:will|is\s+(?:going|planning|hoping)\s+to|plans\s+to)\s)"
    # Dictation without punctuation: a new subject reporting the discussion starts a clause.
    r"|(?<!\s)\s++(?=(?i:we|i|she|he|they|client|pt)\s+(?i:also\s+|then\s+)?"
    r"(?i:talked|discussed|went\s+over|reviewed|explored|spoke|looked\s+at|covered|said|mentioned|reported|asked)\b))",
)
# Dictation without any capitals or punctuation: a new lower-case subject that commits starts a
# clause ("…the thought record she agreed to…"), unless it is reported ("how she will"). Only
# for all-lower-case sentences, where nothing else marks where one thought ends.
DICTATION_SPLIT = re.compile(
    r"(?=\s)(?:(?<=[a-z])(?=\s)(?<!\bhow)(?<!\bthat)(?<!\bif)(?<!\bwhether)(?<!\bsaid)(?<!\bsays)(?<!\bwhat)"
    r"(?<!\bwhy)(?<!\bwhen)(?<!\band)(?<!\bbut)(?<!\bso)(?<!\bthen)(?<!\bbecause)(?<!\bthink)"
    r"(?<!\bagreed)(?<!\bdecided)"
    r"\s++(?=(?:she|he|they|client|pt)(?:\s+also|\s+then)?(?:\s+will|\s+agreed\s+(?:to|a|an)|\s+plans\s+to|\s+is\s+going\s+to"
    r"|['’]?ll|['’]?s\s+going\s+to|['’]s\s+to)\b"
    r"|(?:i['’]?m\s+going\s+to|i\s+will|i['’]ll)\s|we\s+agreed\b|review\s+in\b"
    r"|(?:(?:his|her|their)\s+)?(?:wife|husband|partner|mum|dad|mother|father|sister|brother|son|daughter|therapist)"
    r"\s+(?:is|will|(?:not\s+)?to)\b"
    r"|(?:she|he|they)\s+(?:might|may|could)\b"
    r"|(?:the\s+)?(?:plan|homework|hw)(?:\s+for\s+(?:this|next|the\s+coming)\s+week)?\s+(?:is|will\s+be)\b)"
    # "…avoiding driving so homework is to sit …": the task set starts a clause.
    r"|(?<=[a-z])\s++(?=(?:so\s+)?(?:the\s+)?(?:plan|homework|hw)\s+(?:for\s+(?:this|next|the\s+coming)\s+week\s+)?is\s+(?:to|for)\b)"
    # "…she says it helps plan carry on with pmr…": a dictated "plan" heading.
    r"|(?<=\bplan)\s++(?=(?:carry\s+on|continue|keep|start|try|practi[sc]e|read|use)\b)"
    r"|(?<=[a-z])(?<!\bbefore)(?<!\bby)(?<!\buntil)(?<!\bafter)(?<!\bthe)(?<!\bour)\s++(?=next\s+(?:session|appointment|appt)\b)"
    # "…thought records three times a week and start the body scan…": a second task.
    r"|(?<=[a-z])\s++and\s++(?=(?:also\s+)?(?:to\s+)?(?:start|try|do|practi[sc]e|read|keep|write|complete|use|listen|add"
    r"|ring|phone|call|study|go|eat|set|turn|touch|limit|reduce|record|fill\s+(?:in|out)|get\s+(?:up|out))\b)"
    # Added with batch f: a task that starts after the schedule of the one before ("… every night
    # get out of bed when …"), and a service line or a medication that ends a dictated task
    # ("… when the urge hits financial counsellor referral made", "… twice daily escitalopram continues …").
    r"|(?=\s)(?:(?<=\bnight)|(?<=\bmorning)|(?<=\bevening)|(?<=\bday)|(?<=\bdaily)|(?<=\bnightly)|(?<=\bweekdays)"
    r"|(?<=\bafter\sbreakfast)|(?<=\bafter\slunch)|(?<=\bafter\sdinner)|(?<=\bafter\stea)|(?<=\bbefore\sbed))"
    r"\s++(?=(?:get\s+(?:up|out)|go\s+(?:to|for)|keep|fill\s+in|write|read|do\s+the|use\s+the|try|practi[sc]e|listen\s+to"
    r"|take\s+a|eat|walk|call|phone|ring|turn|set|leave|stop|avoid|dont|start|continue|sit|stay|spend)\s)"
    r"|(?<=[a-z])(?<!\bthe)(?<!\ba)(?<!\ban)(?<!\bher)(?<!\bhis)(?<!\bmy)(?<!\btheir)(?<!\byour)\s++"
    r"(?=(?:[a-z]+\s+){0,2}(?:referral|letter)\s+(?:made|sent|done|completed|placed|received)\b"
    r"|(?!(?:she|he|they|it|this|that|and|but|so|i|we)\b)[a-z]+\s+continues\s+(?:as|at|on|unchanged)\b)"
    r"|(?<=[a-z])\s++(?=also\s+to\s+[a-z]|also\s+(?:do|read|try|practi[sc]e|use|write|fill|keep|listen)\s|not\s+keen\b|i\s+need\s+to\b|(?:she|he|they)\s+wants\s+to\b"
    r"|(?:we|i)\s+(?:also\s+)?(?:talked|discussed|went\s+over|reviewed|explored|spoke|looked\s+at|covered)\b))"
)
# In a section, a second promise with the same subject is a second item.
SECOND_PROMISE = re.compile(
    r"(?<![\s,]),?\s++and\s+(?=(?:(?:she|he|they|I|client|pt)\s+(?:also\s+|then\s+)?(?:will|is\s+going\s+to|plans\s+to)"
    r"|(?:she|he|they|I|i)['’]ll|(?:I|i)['’]m\s+(?:also\s+)?going\s+to|(?:also\s+)?(?:will|is\s+going\s+to|plans\s+to))\s)"
)
# In a dictated homework list ("homework box breathing when anxious at work read the leaflet by
# thursday") a new item starts at an imperative verb that no subject, modal or "to" leads into.
DICTATED_ITEM_SPLIT = re.compile(
    r"(?=[\s,])(?:(?<=[a-z])(?<!\bto)(?<!\bwill)(?<!\band)(?<!\bor)(?<!\bi)(?<!\bshe)(?<!\bhe)(?<!\byou)(?<!\bwe)"
    r"(?<!\bthey)(?<!\bnot)(?<!\bwould)(?<!\bcould)(?<!\bshould)(?<!\bcan)(?<!\balso)(?<!\bthen)(?<!\bjust)"
    r"(?<!\bplease)(?<!\bgoing)(?<!\bgonna)(?<!\bll)(?<!\bhelped)(?<!\bhelp)(?<!\blet)(?<!\bmake)"
    r"\s++(?=(?:read|practi[sc]e|try|complete|fill\s+in|write|listen\s+to|keep\s+a|meditate|schedule"
    r"|use\s+the|do\s+(?:the|a|one|two|three)|go\s+(?:to|for)|ask|review|f/u|follow\s+up|add\s+(?:a|an|in|one|some|the))\b\s+\S)"
    r"|(?<=[a-z])\s++(?=also\s+(?:asked|said|discussed|suggested|mentioned|reminded|encouraged|advised)\b)"
    r"|(?<=[a-z])\s++and\s++(?=(?:dont|don['’]t|do\s+not|no)\s+[a-z]+|(?:\d+|five|ten|fifteen|twenty|thirty)\s+min(?:ute)?s?\s+of\s)"
    # "… when upset plus pmr before bed": "plus" joins dictated items.
    r"|(?<=[a-z])\s++plus\s++(?=[a-z])"
    # "… as prescribed and when a craving comes delay for five minutes": a cued task of its own.
    r"|(?<=[a-z])\s++and\s++(?=(?:when|whenever)\s+(?:a|an|the|she|he|they|i|you|it)\s)"
    # "pmr nightly ten minutes and thought record when she feels rejected": "and" before a new practice.
    r"|(?<=[a-z])\s++and\s++(?=(?:a\s+|the\s+)?(?:thought\s+records?|pmr|body\s+scan|breathing|journal|diary"
    r"|exposure|gratitude|mindfulness|grounding|meditation|worry\s+time)\b)"
    r"|(?<=[a-z]),\s++and\s++(?=(?:rate|jot|note|log|record)\s)"
    r"|(?<=[a-z]),?\s++and\s++(?:actually\s+|also\s+)?(?=(?:eat|touch|go|set|turn|hold|sit|stay|drive|walk|wait|resist|complete|read|write|fill"
    r"|make|do\s+(?:the|a|my|your|her|his|one|two)"
    r"|listen|practi[sc]e|try|schedule|ask|call|ring|phone|visit|spend)\s)"
    r"|(?<=[a-z])(?<!\bto)(?<!\bwill)(?<!\bnot)(?<!\band)(?<!\bor)\s++(?=keep\s+(?:the|her|his|my|their|an?)\s)"
    r"|(?<=[a-z])\s++(?=(?:mum|mom|dad|mother|father|husband|wife|partner|therapist|sponsor|gp)\s+(?:not\s+)?(?:to|will)\s))"
)
# "homework box breathing daily": a dictated heading without a colon.
DICTATED_HEADING = re.compile(
    r"^[ \t]*+(?:homework|hw|plan|tasks?|to\s*do)\s++(?!is\b|was\b|will\b|to\b|for\b|of\b)(?P<rest>[a-z].*)$"
)
# A dictated heading in the middle of a sentence, before an imperative: "… homework touch the …".
DICTATED_INLINE_HEADING = re.compile(
    r"(?=\s)(?:(?<=[a-z])(?<!\bno)\s++(?:homework|hw|plan)(?:\s+(?:for\s+)?(?:this|next|the\s+coming)\s+week)?\s+(?:agreed|set|is)\s++(?!(?:to|for|that|i|she|he|they|we|not|going|working|helping|a\s+good)\b)(?=[a-z])"
    r"|(?<=[a-z])(?<!\bno)\s++(?:homework|hw|plan)\s++(?=(?:touch|read|practi[sc]e|try|complete|fill\s+in|write|listen\s+to|carry\s+on|add"
    r"|keep|use|do|go|eat|hold|sit|stay|drive|walk|call|phone|ask|wait|resist|set|turn|start|continue|get|wake|pack"
    r"|text|message|spend|plan|make|take|put|leave|stop|limit|no|ban)\b))"
)
# "Plan: 1) thought diary x4 this week 2) read ch 2 3) one pleasant activity per day".
INLINE_NUMBER = re.compile(r"(?:^|(?<=\s))\(?[1-9][.)]\s++")
# "…a fixed bedtime on weeknights and study in 25-minute blocks": "and" before a verb that starts a
# task of its own. Not "get up and leave", "go and stay": the verbs here begin separate practices.
AND_TASK = re.compile(
    r"(?<![\s,]),?\s++and\s+(?:also\s+|actually\s+)?(?=(?:to\s+)?(?:study|keep|add|read|practi[sc]e|complete|fill|schedule"
    r"|spend|plan|listen|ring|phone|call|text|try|use|start|take|do\s+(?:the|a|an|some|one|two|three|my|your|her|his|their)|make|eat"
    r"|do\s+(?:[\w-]+\s+){0,2}?(?:breathing|exercises?|relaxation|meditation|stretches)"
    r"|walk|visit|join|meditate|set|turn|ask|go\s+to|return\s+to"
    # Added with batch f: a meal or a wash of one's own ("… by 9am and have breakfast before …").
    r"|have\s+(?:breakfast|lunch|dinner|a\s+(?:meal|snack|shower|bath)))\s+\S+\s+\S+)"
    # Added with batch f: "…with her sister on Wednesday, then use it in Friday's one-to-one".
    r"|,\s++then\s+(?=(?:use|do|try|practi[sc]e|apply|say|ask|call|read|write)\s+\S+\s+\S+)"
    # "…the next time Dad comments, and write down afterwards what happened": after a comma.
    r"|,\s++and\s+(?=write\s+(?:down|a|an|about|up|my|your|her|his|their)\s+\S+\s+\S+)"
    # Added with batch h: ", and jot down on the voices diary how loud they were".
    r"|,\s++and\s+(?=(?:jot|note|log)\s+\S+\s+\S+\s+\S+)",
    _I,
)
# "My plan: …", or "Before we meet again, please …" with a comma before an imperative.
INLINE_LABEL = re.compile(
    r"(?P<label>[A-Za-z][A-Za-z'’ ]{1,40}?)\s*+(?::|,(?=\s*+(?:please\b|(?-i:[a-z]))))\s++(?=\S)"
)
WOULD_TOO = re.compile(
    r"(?:and\s+)?(?:that\s+)?(?P<who>she|he|they|I)\s+(?P<modal>would|will|won['’]t|will\s+not)\s+(?:also\s+)?"
    r"(?!(?:like|love|prefer|rather|be|have|feel|need)\b)",
    _I,
)
AND_TO = re.compile(r"(?<![\s,]),?\s++and\s++(?=to\s+[a-z])")
# The second task must be a task of its own: "to <verb> <at least two more words>", not "to be …".
AND_TO_TASK = re.compile(r"^to\s+(?!be\b|feel\b|have\b|see\s+(?:how|if))[a-z]+(?:\s+\S+){2,}", _I)
COMMA = re.compile(r"(?<!\s)\s*+,\s*+")
SEMICOLON = re.compile(r"(?<!\s)\s*+;\s*+")
# Used with match(text, pos), so no "^": that would only hold at the start of the whole text.
LEADING_JUNK = re.compile(r"[\s\-–—*•·:,;]++|(?:and|but|so|then|also|plus)\s++", _I)
TRAILING_JUNK = re.compile(r"(?<![\s.;,:\-–—])[\s.;,:\-–—]++$")

# --- Kinds ------------------------------------------------------------------------------------

VERB_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\b(?:re-?read|reads?(?!\s+(?:\w+\s+)?(?:coping\s+|flash)?(?:cards?|statements?)\b|[^.;]{0,40}\b(?:aloud|out\s+loud))|look\s+(?:over|at|through)\s+the\s+(?:[\w-]+\s+)?(?:handout|leaflet|chapter|website|booklet|book)"
            # Added with batch g: "Review the Opposite Action handout before Tuesday's group".
            r"|review\s+(?:the\s+|your\s+|my\s+)?(?:[\w'’-]+\s+){0,3}?(?:handout|leaflet|booklet|chapter)s?)\b",
            _I,
        ),
        READING,
    ),
    (re.compile(r"\bjournal\b", _I), JOURNAL),
    # Added with batch h: writing or rating something down in or on a form, a notebook or an app.
    (
        re.compile(
            r"(?:write|jot|note|rate|log|record)\b[^.;]{0,60}?\b(?:in|on|into)\s+(?:the\s+|a\s+|an\s+|my\s+|her\s+|his\s+"
            r"|their\s+|your\s+)?(?:[\w'’-]+\s+){0,3}?(?:notebook|notes\s+app|diary|log|sheet|form|journal|chart)\b",
            _I,
        ),
        JOURNAL,
    ),
    # "Log each urge …", "write urges on the sheet", "write down how it went": self-monitoring.
    (
        re.compile(
            r"\b(?:log|jot|tally|note\s+down|self[\s-]monitor\w*"
            r"|write\s+(?:down\s+)?(?:(?:the|my|her|his|their|your|any|each)\s+)?(?:urges?|worries|feelings?|cravings?"
            r"|how\s+(?:it|they|that)\s+went|what\s+happened|times?|when|what|each|every)"
            r"|(?:keep\s+)?(?:a|an)\s+(?:\w+\s+){0,2}?(?:note|notes|record|tally|count)\b(?!\s+(?:of|about)\s+(?:the\s+)?thoughts?)"
            # "Record SUDS … on the ERP form", "rate her anxiety … on the form": filling in a form.
            r"|(?:record|rate|track|tick|mark)\s+[^.;]{0,60}?\b(?:on|in|into)\s+(?:the|a|an|her|his|my|their|your)\s+"
            r"(?:[\w-]+\s+){0,2}?(?:form|sheet|log|chart|app|diary|record|calendar|tracker|card))\b",
            _I,
        ),
        JOURNAL,
    ),
    (re.compile(r"\bmeditate\b", _I), RELAXATION),
)
KIND_KEYWORDS: dict[str, re.Pattern[str]] = {
    THOUGHT_RECORD: re.compile(
        r"\b(?:thought\s+(?:records?|diary|diaries|log|logs|sheets?|monitoring)|hot\s+thoughts?|(?-i:D?TRs?)\b"
        r"|automatic\s+thoughts?|negative\s+automatic|NATs?\b|evidence|balanced\s+thoughts?"
        r"|alternative\s+thoughts?|(?:7|seven)[\s-]+columns?|thinking\s+(?:traps?|errors?)"
        r"|cognitive\s+distortions?|write\s+(?:the|her|his|my|your)\s+(?:\w+\s+)?thoughts?\s+down|cost[\s-]benefit|pros\s+and\s+cons|(?:thought|belief|rule)\s+challenging"
        r"|(?:thought|cognitive)\s+(?:challenging|restructuring)|socratic|double[\s-]standard|(?:catch|challenge|notice|write\s+down)\s+(?:the\s+|her\s+|his\s+|my\s+|your\s+)?"
        r"(?:negative\s+)?thoughts?|(?:dysfunctional\s+)?thought\s+records?"
        # Added with batch f: cognitive processing therapy's worksheets and stuck points.
        r"|abc\s+(?:work)?sheets?|challenging\s+(?:questions|beliefs)\s+(?:work)?sheets?|patterns\s+of\s+problematic\s+thinking"
        r"|stuck\s+points?)",
        _I,
    ),
    BEHAVIORAL_EXPERIMENT: re.compile(
        r"\b(?:behaviou?ral\s+experiments?|(?-i:BEs?)\b|experiments?|test\s+(?:out\s+)?(?:the|this|that|her|his|my|your|a)\s+"
        r"(?:belief|prediction|thought|assumption|fear|theory|rule)|predictions?|predict"
        r"|(?:notice|see|find\s+out|test|check)\s+(?:whether|if|what\s+(?:actually\s+|really\s+)?happens))",
        _I,
    ),
    JOURNAL: re.compile(
        r"\b(?:journal(?:l?ing)?|diary|write\s+(?:about|a\s+(?:letter|few\s+lines|paragraph)|freely)"
        r"|write\s+(?:(?:him|her|them|me|myself|yourself)\s+)?an?\s+(?:\w+\s+){0,2}letter"
        r"|write\s+(?:a|an|my|your|her|his|the|tomorrow['’]?s|today['’]?s)\s+(?:[\w-]+\s+){0,3}?(?:blueprint|list|story|account|summary|reflection|poem)"
        r"|monitor(?:ing)?\s+(?:(?:my|your|her|his|their)\s+)?moods?"
        r"|gratitude|grateful|(?:three|3)\s+good\s+things|expressive\s+writing|unsent\s+letter|(?-i:DC)\b"
        r"|write\s+down\s+(?:three|3|one|two|some|a\s+few|\d)\s+(?!(?:negative\s+|automatic\s+)?thoughts?\b)\w+|write\s+(?:them|these|those)\s+down"
        # Ratings on a form: "Mood rating 0-10 in the app", "Mastery/pleasure ratings for each".
        r"|(?:mood|anxiety|pain|sleep|energy|mastery|pleasure|enjoyment|achievement)(?:\s*+(?:/|&|and)\s*+\w+)?\s+ratings?"
        # Self-monitoring diaries and logs (an activity diary is behavioural activation).
        r"|(?:mood|sleep|food|eating|energy|pain|fatigue|symptom|urge|drinking|alcohol|craving|worry)(?:\s*+[+&/]\s*+\w+)?\s+"
        r"(?:diary|diaries|logs?|monitoring|records?|charts?|tracker)|monitoring\s+(?:sheet|form|log|chart)|values"
        # Added with batch f: a behaviour record, and CPT's impact statement (an account of the trauma).
        r"|behaviou?r\s+(?:record|log|diary|chart)s?|impact\s+statement)",
        _I,
    ),
    RELAXATION: re.compile(
        r"\b(?:breath(?:e|ing)?|relax(?:ation|ing)?|j?pmr|progressive\s+muscle|body\s+scan|meditat(?:e|ion|ing)"
        r"|mindful(?:ness)?|grounding|5-4-3-2-1|calm\s+app|headspace|guided\s+(?:audio|recording|imagery)"
        r"|safe\s+place\s+imagery|yoga|loving[\s-]kindness|compassionate\s+(?:image|imagery|mind)|visuali[sz]|tai\s+chi"
        r"|leaves[\s-]+on[\s-]+a[\s-]+stream|stretch(?:es|ing)?|container\s+(?:exercise|imagery)|safe\s+place|calm\s+place"
        r"|(?:soothing|compassionate)\s+rhythm"
        # Added with batch f: EMDR resourcing, grounding oneself.
        r"|butterfly\s+hug|ground\s+(?:herself|himself|myself|yourself|themselves|oneself))",
        _I,
    ),
    READING: re.compile(
        r"\b(?:(?<!without\s)re-?read|(?<!without\sre-)read(?:s|ing)?(?!\s+(?:\w+\s+)?(?:coping\s+|flash)?(?:cards?|statements?)\b|[^.;]{0,40}\b(?:aloud|out\s+loud))|handouts?|chapters?|articles?|leaflets?|booklet|psycho-?ed(?:ucation)?"
        r"|(?:information\s+)?sheet\s+(?:on|about)|worksheets?\s+(?:on|about)|watch\s+(?:the|a)\s+video|podcast"
        r"|videos?|bibliotherapy|website|web\s+page|guides?\b|(?<!to\s)book(?!\s+(?:a|an|in|the|time|some)\b)|self[\s-]help\s+guide|ch\.?\s*\d+|pages?\s+\d+|pp?\.\s*\d+"
        r"|ted\s+talk|audiobook)\b",
        _I,
    ),
    SKILL_PRACTICE: re.compile(
        r"\b(?:exposures?|expose|graded\s+exp\b|ladder|(?-i:E/?RP)\b|hierarchy|suds|assertive(?:ly|ness)?|boundar(?:y|ies)|say(?:ing)?\s+no"
        r"|ask(?:ing)?\s+(?:(?:her|his|my|their|the|a|your)\s+\w+\s+)?for"
        r"|i[\s-]statements?|dear\s+man|role[\s-]?play|speak(?:ing)?\s+up|eye\s+contact|response\s+prevention"
        r"|resist(?:ing)?\s+(?:the\s+)?(?:urges?|\w+ing)|without\s+(?:checking|reassurance|safety)|reassurance"
        r"|not\s+(?:to\s+)?(?:check(?:ing)?|wash(?:ing)?|seek(?:ing)?|ask(?:ing)?\s+for\s+reassurance)"
        r"|(?:not|stop|without|instead\s+of)\s+avoiding|(?:stop|avoid)\s+checking|check(?:ing)?\s+(?:the\s+)?(?:locks?|doors?|oven|stove|hob|windows?)"
        r"|say(?:ing)?\s+sorry|apologi[sz]|time-?out|googl(?:e|ing)"
        r"|sit(?:ting)?\s+with\s+(?:the\s+)?(?:anxiety|discomfort|feelings?|urges?)|without\s+(?:leaving|escaping|avoiding)"
        r"|on\s+(?:my|her|his|their|your)\s+own|stay\s+(?:in|at|until)"
        r"|social\s+(?:situation|event|skills)|small\s+talk|phone\s+call|make\s+(?:a\s+)?(?:phone\s+)?call"
        # Worry, rumination and problem-solving skills; DBT skills; dropping safety behaviours.
        r"|worry\s+(?:time|postponement|period|window)|postpon(?:e|ing)\s+(?:the\s+)?worr|rumination|problem[\s-]solving"
        r"|attention\s+training|(?-i:TIPP|DBT)\b|opposite\s+action|urge\s+surfing|distress\s+tolerance|self[\s-]sooth"
        r"|trauma\s+narrative|imaginal|reliving|weigh(?:ing)?\s+(?:myself|herself|himself|themselves)|body\s+checking|check(?:ing)?\s+(?:\w+\s+)?(?:body|moles?|emails?)"
        r"|(?:don['’]?t|do\s+not|not)\s+avoid|no\s+checking|urges?\s+to\s+(?:check|wash|ask|seek|clean|count|binge|drink|purge)|say(?:ing)?\s+['‘’\"]no\b|statements?\b"
        r"|sit(?:ting)?\s+with\s+(?:the\s+)?(?:uncertainty|distress|it)|(?-i:Exp)\b\.?"
        # Technique names: exposure and ERP, panic, CBT-I, substance use, DBT, ACT, couples work.
        r"|interoceptive|in\s+vivo|hyperventilat\w*|spinning|straw\s+breathing|hand\s*-?wash\w*|(?:body|safety)\s+checks?"
        r"|stimulus\s+control|sleep\s+restriction|(?-i:SR|SC)\b|time\s+in\s+bed|(?-i:TIB)\b|naps?|napping|screens?|devices?"
        r"|(?-i:HALT)\b|urge\s+surf\w*|cravings?|coping\s+(?:cards?|statements?)|defus\w*|out\s+loud|aloud"
        r"|(?:the|this|that)\s+\w+\s+story|committed\s+action|willingness|self[\s-]compassion"
        r"|soft\s+start(?:[\s-]?up)?|stress[\s-]reducing|speaker[\s-]listener|repair\s+attempts?|flooded|appreciations?"
        r"|solutions?|problem\s+solv\w*|(?:not|don['’]?t|no)\s+(?:to\s+)?(?:ask|seek|rehears\w*|reassur\w*)"
        r"|(?:hold|holding)\s+off|clocks?|alarms?|touch(?:ing)?|wait(?:ing)?\s+(?:\d+|one|two|five|ten|fifteen|twenty|thirty)\s+min\w*"
        # Attention and metacognitive work; tolerating uncertainty; safety behaviours and checking.
        r"|attention(?:al)?\s+(?:shift\w*|switch\w*|refocus\w*|training)|task[\s-]concentration|refocus\w*"
        r"|flash\s*cards?|(?-i:HRT)\b|habit\s+reversal|competing\s+response|awareness\s+training|applied\s+tension"
        r"|anchor\s+sleep|earplugs|blackout|lie-?ins?|drop(?:ping)?\s+(?:an\s+)?anchor|acceptance|expansion"
        r"|tolerat\w*|uncertainty|not\s+just\s+right|safety\s+behaviou?rs?|safety[\s-]seeking"
        r"|check(?:s|ing)\b|\w+\s+checks?\b|(?:not|no|without|stop|don['’]?t|do\s+not)\s+re-?read\w*|mirror"
        r"|whats\s*apps?|repl(?:y|ies|ying)\s+to|instagram|tiktok|facebook|snapchat|check\s+the\s+facts"
        r"|not\s+(?:to\s+)?try\s+to\s+(?:get\s+rid|control|suppress|push\s+away|fight|stop)"
        # Eating, weight, stimulants, alcohol and drugs.
        r"|weigh(?:s|ing)?\b|binge\w*|purg\w*|restrict\w*|caffeine|alcohol(?:-free)?|drink(?:s|ing)?\b|sober|units|smok\w*"
        r"|vap(?:e|ing)|cigarettes?|cannabis|using\s+days"
        # Worry and a technique named in quotes: "the 'name it to tame it' thing".
        r"|worr(?:y|ies)"
        # Screens and messages at the wrong time.
        r"|e-?mails?|social\s+media|scroll\w*|group\s+chat|laptop|notifications?"
        # Added with batch f: parent training's skills.
        r"|special\s+time|praise\b|planned\s+ignoring|ignor(?:e|ing)\s+(?:the\s+)?(?:whining|tantrums?|attention[\s-]seeking|misbehaviou?r)"
        r"|child[\s-]led\s+play)",
        _I,
    ),
}


# Behavioural activation and everyday exposure situations: activities, routines, sleep, eating,
# pacing, getting about and contact with people. Skill practice, but only when no other kind's
# keyword is in the item ("go to the gym … and notice what actually happens" is an experiment).
ACTIVITY_WORDS = re.compile(
    r"\b(?:(?-i:BA)\b|behaviou?ral\s+activation|activit(?:y|ies)|pleasant|mastery|enjoyable|pacing|routine"
    r"|walk(?:s|ing)?|swim(?:ming)?|jog(?:ging)?|run(?:ning)?\b|gym|cycl(?:e|ing)|draw(?:ing)?|paint(?:ing)?"
    r"|bed\s*time|get(?:ting)?\s+(?:up|out\s+of\s+bed)|be\s+up|dressed|guitar|piano|instrument|sing(?:ing)?|choir|garden(?:ing)?|bak(?:e|ing)|knit(?:ting)?|hobby|hobbies|wake\s+up|wind[\s-]down|(?:leave|out\s+of)\s+the\s+bed(?:room)?"
    r"|sleep\s+(?:hygiene|window|restriction|schedule)|in\s+bed"
    r"|meals?|snacks?|eat(?:ing)?|lunch|dinner|breakfast|call\s+(?-i:[A-Z])\w*|ring\s+(?:her|his|my|their|a|your)"
    r"|message\s+(?-i:[A-Z])\w*|social\s+contact|stud(?:y|ying)|friends?|coffee|visit\w*"
    r"|drive|driving|lift|stairs|supermarket|shop(?:s|ping)?|canteen|without\s+(?:re-)?\w+ing|w/o|skills?"
    r"|(?:phone|call|ring|text|message|visit|see)\s+(?:her|his|my|their|your)\s+(?:sister|brother|mum|mom|dad|mother|father"
    r"|friends?|parents?|family|son|daughter|cousin|aunt|uncle|gran\w*|nan|partner))\b"
    r"|\b(?:(?:phone|call|ring|text|message|visit|see)\s+(?:sister|brother|mum|mom|dad|mother|father|friends?|parents?|partner)"
    r"|(?:call|ring|text|phone)\s+(?-i:[A-Z])\w*|with\s+(?:her\s+|his\s+|my\s+|their\s+)?(?:daughter|son|dad|mum|mom|partner"
    r"|husband|wife|sister|brother|friends?)|ask(?:ing)?\s+(?:(?:one|a|two|three)\s+questions?|\w+\s+for)|meetings?|classe?s?"
    r"|party|pub|tube|train|bus|car|motorway|plane|flights?|parked\s+car|busy|crowded|queues?|climbing|football|club|budget|chores|the\s+bed\b"
    r"|(?:ring|call|phone)\s+the\s+\w+|nice\s+thing|for\s+(?:myself|herself|himself|themselves|yourself)|valued|values[\s-]based"
    r"|go(?:ing)?\s+(?:out|for\s+a)|phone\s+(?:goes|stays|away|off)"
    # Added with batch f: housework and plants.
    r"|plants|watering|vacuum\w*|hoover\w*|housework|laundry|ironing|washing[\s-]up|dishes)\b",
    _I,
)


def classify_kind(text: str) -> str | None:
    """The kind of homework the item sounds like, or None when it names none and is no action.

    The action's verb decides first ("Read the handout on exposure" is reading);
    otherwise the keyword that comes earliest in the item wins, so "thought diary"
    is a thought record although "diary" alone is journaling. An item that names
    no technique but says something to do ("Mute her ex's number") is skill practice.
    """
    kind = _named_kind(text)
    if kind in (None, SKILL_PRACTICE) and READING_MATTER.search(text) and not _is_an_action(text):
        # Added with batch h: "Distress tolerance handout p.12": with no verb, the handout is the task.
        return READING
    if kind is None and (_is_an_action(text) or CUTTING_DOWN.search(text)):
        # The independent batches label every such item skill practice: doing the behaviour is
        # the practice. So is doing less of something, whatever the words open with ("Cut the
        # news down to 30 minutes a day"). Only an item with no verb ("Relapse signature card")
        # stays without a kind.
        return SKILL_PRACTICE
    return kind


@lru_cache(maxsize=512)
def _named_kind(text: str) -> str | None:
    """The kind that the item's own words name, by keywords and technique families."""
    action = _action_part(text)
    if STOPPING.match(action) or NOT_TO_ACTIVITY.search(text):
        # Stopping or cutting down an activity is a behaviour to practise, whatever the activity.
        return BEHAVIORAL_EXPERIMENT if EXPERIMENT_FRAME.search(text) else SKILL_PRACTICE
    for pattern, kind in VERB_KINDS:
        if pattern.match(action):
            if kind == JOURNAL:
                # "write down the negative thoughts" is a thought record, "jot down what I
                # predict will happen" an experiment: writing is how they are done.
                for other in (THOUGHT_RECORD, BEHAVIORAL_EXPERIMENT):
                    if KIND_KEYWORDS[other].search(text):
                        return other
            return kind
    best: tuple[int, int] | None = None
    chosen: str | None = None
    for order, kind in enumerate(KINDS):
        match = KIND_KEYWORDS[kind].search(text)
        if match and (best is None or (match.start(), order) < best):
            best, chosen = (match.start(), order), kind
    if chosen in (None, SKILL_PRACTICE) and MONITORING_FORM.match(action):
        return JOURNAL  # "DBT diary card daily", "keep the ERP log": the task is the record
    if chosen in (None, SKILL_PRACTICE) and EXPERIMENT_FRAME.search(text):
        # "Drop one safety behaviour … and notice what happens": the behaviour is the experiment.
        return BEHAVIORAL_EXPERIMENT
    if chosen is None and (ACTIVITY_WORDS.search(text) or NAMED_TECHNIQUE.search(text)):
        return SKILL_PRACTICE
    return chosen


# "Stop reading the news in bed", "Avoid reading the news after 9pm", "Cut back on watching the
# news", "No journalling after midnight": the task is to do less of it, not to read or journal.
_STOPPED_ACTIVITY = (
    r"(?:(?:the|my|her|his|their|your|any|time|spent|on)\s++){0,3}(?:re-?)?(?:read(?:s|ing)?|watch(?:es|ing)?"
    r"|listen(?:s|ing)?|journal(?:s|l?ing)?|writ(?:e|es|ing)|meditat(?:e|es|ing)|breath(?:e|es|ing))\b"
)
STOPPING = re.compile(
    r"(?:stop|quit|cut\s+(?:down|back|out)(?:\s+on)?|reduce|limit|avoid|give\s+up|no(?:\s+more)?"
    rf"|don['’]?t|do\s+not|not\s+to|never|less|fewer)\s++{_STOPPED_ACTIVITY}",
    _I,
)
# Doing less of something, with what is cut down between the words or after them: "cut the news
# down to 30 minutes", "cut back on the news", "limit the news to 30 minutes", "no more than two
# coffees". Skill practice when no other kind is named.
CUTTING_DOWN = re.compile(
    r"\bcut(?:s|ting)?\s++(?:(?!down\b|back\b)[\w'’-]+\s+){0,4}?(?:down|back)\b"
    r"|\blimit(?:s|ing)?\s++(?:[^.;:,\n]{1,60}?\s)?to\b|\bno\s+more\s+than\b",
    _I,
)
# The same after a commitment that holds the "not": "She agreed not to read the news in bed".
NOT_TO_ACTIVITY = re.compile(
    rf"\b(?:agreed|committed|decided|is|['’]s)\s+not\s+to\s++{_STOPPED_ACTIVITY}", _I
)
READING_MATTER = re.compile(
    r"(?<!\bper\s)(?<!\bsee\s)\b(?:handouts?|leaflets?|booklets?|chapters?|ch\.?\s*\d+|workbook)\b", _I
)


def opens_with_action(text: str) -> bool:
    """Whether the words open with something to do ("Walk", "Read the leaflet", "Practise saying
    no"), rather than naming a practice ("Thought record", "Relapse signature card")."""
    words = SYMBOLS.sub("", text.strip())
    return bool(IMPERATIVE.match(words) or DO_VERB.match(words))


DO_VERB = re.compile(
    r"(?:do|write|use|keep|fill|record|rate|log|jot|list|make|go|listen|watch|read|try|practi[sc]e|walk|run|swim"
    r"|eat|cook|call|phone|ring|text|ask|say|tell|notice|catch|challenge|breathe|meditate|stretch|apply|follow)\b",
    _I,
)


def _is_an_action(text: str) -> bool:
    # Added with batch h: the words after "<Name> to" ("Kai to go to the skate park").
    for words in (_action_part(text), CUE_FIRST.sub("", text), NAME_TO.sub("", text)):
        words = NAME_DASH.sub("", SYMBOLS.sub("", words))  # "Jo - say one thing Sam did well"
        words = NOT_LEAD.sub("", words)  # "Not to text the boyfriend repeatedly": still an action
        if IMPERATIVE.match(words) or DOING.match(words):
            return True
    return False


SYMBOLS = re.compile(r"^[^\w'‘\"“(]+")
NAME_TO = re.compile(r"^(?-i:[A-Z][a-z]+)\s+to\s+(?=[a-z])")
NOT_LEAD = re.compile(r"^(?:not\s+to|don['’]?t|do\s+not|never)\s+", _I)
NAME_DASH = re.compile(r"^[A-Z][a-z]+\s+[-–—]\s+")
# "… and when I feel the flutter I'll do it then as well": the practice named just before.
DO_IT = re.compile(r"(?:do|use|try|practi[sc]e|apply)\s+(?:it|that|this|them)\b", _I)
# Experiment framing: finding out what happens, testing a belief, a survey.
EXPERIMENT_FRAME = re.compile(
    r"\b(?:notice|see|find\s+out|check|record|note)\s+(?:whether|if|what\s+(?:actually\s+|really\s+)?happens)"
    r"|\b(?:record|note|write\s+down)\s+what\s+(?:\w+\s+){0,2}?(?:notices?|observes?|happened)\b"
    r"|\bto\s+see\s+(?:if|whether|what)|\bsurvey\b|\btest\s+(?:whether|if|out)\b",
    _I,
)


# An action verb, or a gerund, opening the task: "give …", "wear …", "Asking for help …".
DOING = re.compile(
    r"(?:give|set|wear|mute|block|delete|discard|sign|play|clench|hold|sit|put|take|turn|bring|get|make|let|spend"
    r"|lights?\s+out|switch|throw|clear|tidy|cook|buy|plan|book|join|volunteer|sleep|rest|pace|exercise|move|pack"
    r"|sort|shower|hand\s+in|send|post|submit|return"
    r"|no\s+(?!(?:homework|hw|tasks?|change|risk|concerns?|further)\b)[a-z]+|lie|contact|e-?mail|text|message|phone|call"
    r"|ring|sign\s+up|register|apply|attend|go|visit|look\s+(?:through|at)|ride|label|use|hand\s+over|finish"
    r"|(?!(?:feeling|being|nothing|something|everything|morning|evening|evenings|mornings)\b)[a-z]{2,}ing)\b",
    _I,
)
# A technique named in quotes, when nothing else names the kind: "the 'name it to tame it' thing",
# "the 'I'm useless' story".
NAMED_TECHNIQUE = re.compile(
    r"\b(?:the|a|this|that|my|her|his|their|your)\s+['‘\"“](?:[^'’\"”\n]|(?<=\w)['’](?=\w)){2,40}['’\"”]\s+"
    r"(?:thing|technique|skill|exercise|trick|tool|strategy|story|rule)\b",
    _I,
)
# A self-monitoring form: filling it in is journaling, whatever technique it records.
MONITORING_FORM = re.compile(
    r"(?:(?:keep|fill\s+(?:in|out)|complete|use|start|do)\s+)?(?:(?:a|an|the|my|her|his|their|your)\s+)?"
    r"(?:(?!suds\b|activity\b)[\w-]+\s+){0,2}?(?:diary\s+cards?|diary|diaries|log\s+entries|logs?|tracking\s+sheet|record\s+sheet|tracker|thermometer"
    r"|calendar|notes\s+app|notepad|notebook|(?:focus|monitoring|rating|record|recording|tracking)\s+(?:sheet|form)"
    # Added with batch h: "fill in the exposure record", "complete the relapse signature sheet".
    r"|inventory|exposure\s+records?|signature\s+sheet)\b",
    _I,
)


def _action_part(text: str) -> str:
    """The words after the commitment: "Client agreed to read X" → "read X"."""
    for pattern in (THIRD_PERSON, FIRST_PERSON, WE_AGREED, ASSIGNED):
        match = pattern.search(text)
        if match:
            text = text[match.end() :]
            break
    text = re.sub(
        r"^\s*(?:to\s+)?(?:try\s+(?:to\s+)?|also\s+|then\s+|start\s+(?:to\s+)?|keep\s+)?", "", text, flags=_I
    )
    return SUBJECTLESS.sub("", text).lstrip()


# --- Schedules --------------------------------------------------------------------------------

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "once": 1, "two": 2, "twice": 2, "three": 3, "thrice": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "forty-five": 45, "sixty": 60,
}  # fmt: skip
_NUMBER = (
    r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty"
    r"|forty(?:-five)?|sixty)"
)
_DAYS = (
    r"(?P<d0>(?i:monday|mondays)|Mon)|(?P<d1>(?i:tuesday|tuesdays)|Tues?|tues)|(?P<d2>(?i:wednesday|wednesdays)|Wed|weds)"
    r"|(?P<d3>(?i:thursday|thursdays)|Thur?s?|Thu|thurs)|(?P<d4>(?i:friday|fridays)|Fri)"
    r"|(?P<d5>(?i:saturday|saturdays)|Sat|(?<=\bon\s)sat)|(?P<d6>(?i:sunday|sundays)|Sun)"
)
# "the Sunday lunch", "last Monday": a day that names an event, not when to practise.
DAY = re.compile(rf"(?<!\bthe\s)(?<!\blast\s)(?<!\bfrom\s)(?<!\bstarting\s)\b(?:{_DAYS})\b")
_FIRST_DAY, _LAST_DAY = _DAYS.replace("(?P<d", "(?P<a"), _DAYS.replace("(?P<d", "(?P<b")
DAY_RANGE = re.compile(rf"\b(?:{_FIRST_DAY})\s?(?:-|–|—|to|through|thru)\s?(?:{_LAST_DAY})\b")
WEEKDAYS_WORD = re.compile(
    r"\b(?:week|work|working|school)\s*(?:days|nights|mornings)\b|\b(?:every|each)\s+(?:week|work|working|school)\s*(?:day|night|morning)\b",
    _I,
)
WEEKENDS_WORD = re.compile(
    r"(?<!including\s)(?<!incl\.\s)(?<!incl\s)(?<!even\s)\b(?:at|on|every|each)\s+weekends?\b|(?<!including\s)(?<!incl\.\s)(?<!incl\s)\bweekends\b(?!\s+included)",
    _I,
)
# "in the Friday meeting": a practice inside an event on that day (not "for the Sunday lunch").
IN_THE_DAY = re.compile(rf"\b(?i:in|into|at|during)\s+the\s+(?:{_DAYS})\b")
THIS_WEEKEND = re.compile(r"\b(?:this|over\s+the|at\s+the|by\s+the|next)\s+weekend\b", _I)
EVERY_DAY_NAME = re.compile(
    rf"\b(?:every|each|on\s+all)\s+(?:{_DAYS})|\b(?i:mon|tues|wednes|thurs|fri|satur|sun)days\b"
)
# After "by", a day may be lower case ("by thurs"); "sat" and "sun" stay words.
_DUE_DAYS = (
    _DAYS.replace("|Mon)", "|(?i:mon))")
    .replace("|Tues?)", "|(?i:tues?))")
    .replace("|Wed)", "|(?i:weds?))")
    .replace("|Thur?s?|Thu)", "|(?i:thur?s?|thu))")
    .replace("|Fri)", "|(?i:fri))")
)
DUE_DAY = re.compile(
    rf"\b(?i:by|before|until|no\s+later\s+than)\s+(?i:this\s+|next\s+|the\s+)?(?:{_DUE_DAYS})\b"
)
# "on Sunday evenings", "once a week on Wednesday", "weekly … on Sunday": one day, every week.
WEEKLY_ON_A_DAY = re.compile(
    rf"\b(?:{_DAYS})\s+(?i:mornings|evenings|nights|afternoons|lunchtimes)\b"
    r"|\b(?i:once\s+(?:a|per|each|every)\s+week|every\s+week|each\s+week"
    r"|weekly(?!\s+(?:report|meeting|shop|session|review|check-?in|appointment|group|call|weigh-?ins?)))\b"
)
THIS_WEEK = re.compile(r"\bthis\s+(?:week|wk)\b", _I)
N_TIMES = re.compile(
    r"\b(?:(?P<n>two|three|four|five|six|seven|[2-7])\s*(?:x|times)|(?P<t>twice))\b(?!\s*(?:a|per|/)\s*day)",
    _I,
)
EVERY_OTHER_DAY = re.compile(r"\b(?:every\s+other|alternate)\s+days?\b|\bevery\s+second\s+day\b", _I)
PER_WEEK = re.compile(
    rf"(?:\b(?P<n>{_NUMBER}|once|twice|thrice)\s*(?:x|times|sessions?|days|evenings|mornings|nights|afternoons)?"
    rf"\s*(?:a|per|/|each|every|this|in\s+the)\s*(?:week|wk)\b"
    rf"|\b(?P<v>{_NUMBER}|once|twice|thrice)\s*(?:x|times)?\s*weekly\b|\bx\s*(?P<m>\d{{1,3}})\s*(?:/|a|per|this|each|every)\s*(?:week|wk)\b"
    rf"|\b(?:aim\s+for|at\s+least|up\s+to|about|target(?:\s+of)?)\s+(?P<k>{_NUMBER})\s+(?:\w+\s+){{0,2}}?this\s+week\b"
    rf"|\b(?P<j>\d{{1,3}}|two|three|four|five|six|seven)\s+(?:(?-i:[A-Z]+)\s+)?(?:[a-z][a-z-]*\s+)?(?:[a-z]+s\s+)?this\s+week\b"
    rf"|\b(?P<g>a|one|two|three|four|five|six|seven|\d)\s+(?!(?:hours?|hrs?|minutes?|mins?|pages?|units?|drinks?|times?)\b)"
    rf"(?:[a-z-]+\s+){{1,2}}?(?:a|per|each)\s+(?:week|wk)\b"
    rf"|\b(?P<o>\d|two|three|four|five|six)\s+days?\s+out\s+of\s+(?:7|seven)\b|\b(?P<s>[1-6])\s*/\s*7\b"
    # Added with batch f: "3x 30-min walks / wk", "3 x 30 min/wk".
    rf"|\b(?P<x>[1-7])\s*x\s+(?:(?!(?:for|daily|nightly|day)\b)[\w-]+\s+){{0,2}}?(?!(?:for|daily|nightly|day)\b)[\w-]+\s*"
    r"(?:/|\ba\s|\bper\s|\beach\s)\s*(?:week|wk)\b"
    rf"|\b(?P<w>weekly)\b(?!\s+(?:report|meeting|shop|session|review|check-?in|appointment|group|call|weigh-?ins?)))",
    _I,
)
DAILY_WORDS = re.compile(
    # "every morning and evening" is one phrase: its "and evening" is not left behind in a title.
    r"\b(?:(?:every|each)\s+(?:morning|evening|night)s?\s+and\s+(?:every\s+|each\s+)?(?:morning|evening|night)s?\b"
    r"|daily|nightly|every\s+(?:single\s+)?(?:day|night|morning|evening|afternoon|lunchtime)"
    r"|each\s+(?:day|night|morning|evening|afternoon|lunchtime)|(?<!than\s)(?:twice|once|three\s+times|\d+\s*x|x\s*\d+)\s*(?:a|per|/)\s*day"
    r"|(?<!for\s)(?<!once\s)(?<!within\s)a\s+day\b(?!\s+\w+ing\b)|per\s+day|/\s*(?:day|night|evening|morning)\b|a\s+night\b"
    r"|(?:morning|evening|night)s?\s+and\s+(?:morning|evening|night)s?\b"
    # Prescription shorthand: twice (bd, bid), three times (tds, tid) a day, each day (qd), at night.
    r"|(?-i:bd|bid|tds|tid|qd|qhs|nocte|OD)\b)",
    _I,
)
DAILY_AGAIN = re.compile(rf"[ \t]*+,?[ \t]*+(?:and[ \t]++)?(?P<again>{DAILY_WORDS.pattern})", _I)
ONCE_WORDS = re.compile(
    r"(?<!\bthan\s)(?<!\beven\s)(?<![\"“]just\s)\bonce\b(?!\s+(?:a|per|each|every)\s|\s*(?:daily|weekly)|\s+(?:she|he|they|I|you|the|her|his|it|sleepy|tired"
    r"|calm|calmer|ready|home|back|there|done|finished|\w+ed)\b)|\bby\s+the\s+end\s+of\s+(?:the|this)\s+week\b|\bto(?:night|day)\b"
    r"|\bone-off\b|\b(?:before|by|ahead\s+of)\s+(?:the\s+|our\s+)?next\s+(?:session|appointment|appt|time|meeting|week)\b"
    r"|\bbefore\s+we\s+(?:next\s+)?meet\b",
    _I,
)
TIME_RANGE = re.compile(
    r"\b(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?\s?(?:-|–|to)\s?(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s?(?P<ap>[ap])\.?m\b",
    _I,
)
TIME_12 = re.compile(r"\b(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?\s?(?P<ap>[ap])\.?m\b\.?", _I)
TIME_24 = re.compile(r"(?<![\d:.])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d:])")
NOON = re.compile(r"(?<!\bby\s)(?<!\bbefore\s)(?<!\buntil\s)\b(?:at\s+)?(?P<w>noon|midday|midnight)\b", _I)
# "eight am", "ten thirty pm": dictated clock times.
_HOURS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
TIME_WORDS = re.compile(
    r"\b(?P<h>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s+(?P<m>fifteen|thirty|forty[\s-]five))?"
    r"\s+(?P<ap>[ap])\.?m\b",
    _I,
)
MINUTES = re.compile(
    rf"(?<!every\s)(?<!after\s)(?<!within\s)(?<!than\s)(?<!\d[-–])\b(?P<n>{_NUMBER})\s?-?\s?(?:min(?:ute)?s?|mins?)\b"
    r"(?!\s+(?:late|early|in\s+advance|before\s+(?:the|you|she|he|I)\b))"
    rf"|\b(?P<short>[1-5]?\d)m\b(?![.,]?\d)|\b(?P<half>half\s+an?\s+hour|half-hour|half\s+hour)\b|\b(?P<q>quarter\s+of\s+an\s+hour)\b"
    rf"|\b(?P<h>an|one|1|two|2)\s?-?\s?(?:hours?|hrs?)\b",
    _I,
)
# A cue: the event the practice hangs on. "before" a day or a session is a deadline, not a cue.
CUE = re.compile(
    r"(?<!\beven\s)(?<!during\sand\s)\b(?P<cue>(?:after|when|whenever|before|as\s+soon\s+as|each\s+time|every\s+time)\s+"
    r"(?!(?:the\s+|our\s+)?next\b|we\b|our\b|the\s+(?:end|session|appointment|weekend)\b|this\b|then\b|that\b"
    r"|(?:today['’]s|my)\s+(?:session|appointment|appt)\b"
    r"|(?:and|or|after|before|one|two|three|without|instead)\b|it\b(?!\s+(?:shows|comes|gets|starts|happens|hits|builds|creeps|pops))|(?:I|we)\s+\w+ed\b"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\d|tomorrow|tonight\b|/|possible)"
    r"[^\s,.;:()!?\"“”–—]+(?:\s+(?!(?:and|but|so|then|next|last|review|rather|instead|because|unless|until|(?<!\burge\s)(?<!\burges\s)to\s+(?:help|relax|calm|cope|reduce|manage|practi[sc]e|see|test|check|notice|write|note|jot|log|list|plan)|which|for\s+(?:\d|about|around|half|an?\b|ten|five|two|three|twenty|fifteen|thirty)|daily|nightly|every|each|twice|once|this|not|on\s+(?:mon|tue|wed|thu|fri|sat|sun|week|work)\w*|at\s+weekends?"
    r"|(?-i:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*"
    r"|(?:I|she|he|they|you)(?:['’]ll|\s+will|\s+might|\s+may|\s+could|\s+should|\s+can)"
    r"|(?:at|around|about|by)\s+(?:\d{1,2}(?:[:.][0-5]\d)?(?:\s?[ap]\.?m)?|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s+\w+)?\s+[ap]\.?m)"
    r"|\d{1,2}(?:[:.][0-5]\d)?\s?[ap]\.?m|\d{1,2}:[0-5]\d|\d+\s*(?:x|min|times)|rate|record|write|note|using|with\s+the|x\d)\b)(?!-\s)[^\s,.;:()!?\"“”–—]+|\s*[\"“][^\"”\n]{1,60}[\"”])*)",
    _I,
)


RELATIVE_CLAUSE = re.compile(r",\s*(?:which|who)\b", _I)
# A bracketed habit in the past: "(she has been napping on the sofa after work most days)".
PAST_ASIDE = re.compile(r"\((?=[^()]{0,200}?\b(?:has|have|had)\s+been\b)[^()]{0,200}\)?", _I)


def read_schedule(text: str) -> Schedule:
    """What ``text`` says about how often, on which days, at what time, after what and how long.

    Only what the words support is read: "37 times a week", "0 minutes" or
    "25:00" leave the field empty, so the assignment form asks.
    """
    return read_schedule_words(text)[0]


Span = tuple[int, int]


def read_schedule_words(text: str) -> tuple[Schedule, dict[str, list[Span]]]:
    """``read_schedule``, and where in ``text`` it read each field: the spans of the words
    that gave "recurrence" (with its times and days), "time_of_day", "cue" and "minutes"."""
    # "(she has been napping … after work most days)" lends nothing; blanked to the same
    # length, so every span still points at the words as written.
    text = PAST_ASIDE.sub(lambda aside: " " * len(aside.group()), text)
    (recurrence, per_week, days), how_often = _how_often(text)
    at, at_words = _time_of_day(text)
    cue, cue_words = _cue(text)
    minutes, minute_words = _minutes(text)
    schedule = Schedule(
        recurrence=recurrence,
        times_per_week=per_week,
        weekdays=days,
        time_of_day=at,
        cue=cue,
        minutes=minutes,
    )
    words = {"recurrence": how_often, "time_of_day": at_words, "cue": cue_words, "minutes": minute_words}
    return schedule, words


def _number(word: str | None) -> int | None:
    if word is None:
        return None
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word)


def _day_numbers(match: re.Match[str], prefix: str = "d") -> list[int]:
    return [int(name[1:]) for name, value in match.groupdict().items() if value and name[0] == prefix]


Often = tuple[str | None, int | None, tuple[int, ...]]


def _how_often(text: str) -> tuple[Often, list[Span]]:
    """The recurrence, times a week and days, and the spans of the words that gave them."""
    days: set[int] = set()
    spans: list[Span] = []
    for match in DAY_RANGE.finditer(text):
        [first], [last] = _day_numbers(match, "a"), _day_numbers(match, "b")
        days.update(range(first, last + 1) if first <= last else ())
        spans.append(match.span())
    for pattern in (WEEKDAYS_WORD, WEEKENDS_WORD):
        said = pattern.search(text)
        if said and not (pattern is WEEKENDS_WORD and THIS_WEEKEND.search(text)):
            days.update(range(5) if pattern is WEEKDAYS_WORD else (5, 6))
            spans.append(said.span())
    day_matches = list(DAY.finditer(text))
    named = [
        day
        for matches in (day_matches, IN_THE_DAY.finditer(text))
        for match in matches
        for day in _day_numbers(match)
    ]
    # "in the Friday meeting" names its event too: its words stay in the task.
    day_spans = [match.span() for match in day_matches]
    due = DUE_DAY.search(text)
    if due and not days and len(set(named).union(_day_numbers(due))) == 1:
        return (ONCE, None, tuple(_day_numbers(due))), [due.span()]
    every = EVERY_DAY_NAME.search(text) or WEEKLY_ON_A_DAY.search(text)
    if days or len(set(named)) > 1 or (named and every):
        every_day = tuple(sorted(days.union(named)))
        spans += day_spans + ([every.span()] if every else [])
        return ((DAILY, None, ()) if len(every_day) == 7 else (WEEKDAYS, None, every_day)), spans
    other_day = EVERY_OTHER_DAY.search(text)
    if other_day:
        return (TIMES_PER_WEEK, 3, ()), [other_day.span()]
    per_week = PER_WEEK.search(text)
    this_week = THIS_WEEK.search(text)
    times = N_TIMES.search(text) if per_week is None and this_week else None
    if times is not None and this_week is not None:  # "This week I'm going to … at least three times"
        times_said = _number(times.group("n") or times.group("t"))
        if times_said is not None and 1 < times_said <= 7:
            return (TIMES_PER_WEEK, times_said, ()), [times.span(), this_week.span()]
        return (None, None, ()), []
    if per_week:
        if per_week.group("w"):
            count: int | None = 1
        else:
            count = _number(
                next(g for g in per_week.group("n", "v", "m", "k", "j", "o", "g", "s", "x") if g is not None)
            )
        if (
            per_week.group("n")
            and per_week.group("n").lower() == "once"
            and THIS_WEEK.search(per_week.group())
        ):
            return (ONCE, None, ()), [per_week.span()]  # "phone his brother once this week" is a one-off
        if count is not None and 1 <= count <= 7:
            return (TIMES_PER_WEEK, count, ()), [_per_week_words(per_week)]
        return (None, None, ()), []
    for pattern, often in ((DAILY_WORDS, (DAILY, None, ())), (THIS_WEEKEND, (ONCE, None, (5,)))):
        said = pattern.search(text)
        if said:
            said_spans = [said.span()]
            # "twice a day, morning and evening": the words after a daily rate that say it again
            # are the same schedule, and go with it.
            while pattern is DAILY_WORDS and (again := DAILY_AGAIN.match(text, said_spans[-1][1])):
                said_spans.append((again.start("again"), again.end()))
            return often, said_spans
    if named:
        return (ONCE, None, (named[0],)), day_spans[:1]
    once = ONCE_WORDS.search(text)
    if once:
        return (ONCE, None, ()), [once.span()]
    return (None, None, ()), []


# The end of "a chapter a week", "two thought records this week", "3x 30-min walks / wk":
# the count and the thing counted are the task's words, only the week says how often.
WEEK_TAIL = re.compile(r"(?:\b(?:a|per|each|this)\s+|/\s*)(?:week|wk)\b", _I)


def _per_week_words(match: re.Match[str]) -> Span:
    tails = list(WEEK_TAIL.finditer(match.group())) if any(match.group(g) for g in "gjkx") else []
    return (match.start() + tails[-1].start(), match.end()) if tails else match.span()


def _time_of_day(text: str) -> tuple[time | None, list[Span]]:
    match = TIME_RANGE.search(text) or TIME_12.search(text)
    if match:
        hour = int(match.group("h")) % 12 + (12 if match.group("ap").lower() == "p" else 0)
        return time(hour, int(match.group("m") or 0)), [match.span()]
    match = TIME_24.search(text)
    if match:
        return time(int(match.group("h")), int(match.group("m"))), [match.span()]
    match = TIME_WORDS.search(text)
    if match:
        hour = _HOURS.index(match.group("h").lower()) + 1
        minute = {"fifteen": 15, "thirty": 30}.get(
            (match.group("m") or "").lower(), 45 if match.group("m") else 0
        )
        return time(hour % 12 + (12 if match.group("ap").lower() == "p" else 0), minute), [match.span()]
    match = NOON.search(text)
    if match:
        return (time(0) if match.group("w").lower() == "midnight" else time(12)), [match.span()]
    return None, []


DISTANCE = re.compile(r"\b(?:walk|run|jog|swim|metres?|meters?|distance|away)\b", _I)


FOR_MINUTES = re.compile(
    rf"\bfor\s+(?:about\s+|around\s+)?(?P<n>{_NUMBER})(?:\s?[-–]\s?\d{{1,3}})?\s?-?\s?(?:min(?:ute)?s?|mins?)\b",
    _I,
)


# A limit is the task, not how long it takes: "cut the news down to 30 minutes a day", "limit gaming
# to 1 hour a day", "no more than 20 minutes of checking", "Instagram limit - 1 hr/day".
LIMIT_BEFORE = re.compile(
    r"(?:\b(?:(?:no|not|never)\s+(?:more|longer)\s+than|(?:less|fewer)\s+than|at\s+(?:the\s+)?most|max(?:imum)?(?:\s+of)?"
    r"|under|below)|\blimits?[ \t]*+[-–—:=]?"
    r"|\b(?:limit|cap|restrict|ration|curb|cut|reduc|trim|bring)\w*+\b[^.;,\n]{0,60}?\b(?:down\s+|back\s+)?to"
    r"(?:\s+(?:\d{1,2}|one|two|three|four|five)\s*+x)?)\s*+$",
    _I,
)
LIMIT_AFTER = re.compile(r"\s*+(?:max(?:imum)?|tops|at\s+(?:the\s+)?most|or\s+less|limit)\b", _I)


def _a_limit(text: str, match: re.Match[str]) -> bool:
    start = match.start("n") if match.groupdict().get("n") else match.start()
    return bool(LIMIT_BEFORE.search(text, max(0, start - 120), start) or LIMIT_AFTER.match(text, match.end()))


def _minutes(text: str) -> tuple[int | None, list[Span]]:
    found = (m for pattern in (FOR_MINUTES, MINUTES) for m in pattern.finditer(text))
    match = next((m for m in found if not _a_limit(text, m)), None)
    if match is None:
        return None, []
    minutes: int | None
    if "half" in match.groupdict() and match.group("half"):
        minutes = 30
    elif "short" in match.groupdict() and match.group("short"):
        # "10m": minutes, unless the item is about a distance
        short = int(match.group("short"))
        minutes = short if short >= 1 and not DISTANCE.search(text) else None
    elif "q" in match.groupdict() and match.group("q"):
        minutes = 15
    elif "h" in match.groupdict() and match.group("h"):
        hours = _number(match.group("h"))
        minutes = hours * 60 if hours else None
    else:
        said = _number(match.group("n"))
        minutes = said if said is not None and 1 <= said <= 240 else None
    return minutes, [match.span()] if minutes is not None else []


def _cue(text: str) -> tuple[str | None, list[Span]]:
    match = CUE.search(text)
    if match is None or RELATIVE_CLAUSE.search(text, 0, match.start()):
        return None, []  # "…, which she liked when I showed it to her" says when, not a cue
    cue, spans = _one_cue(text, match)
    # "twice a day, after waking and before bed": a second moment after "and" is part of the
    # one cue, so neither the cue nor a title made without it loses the other practice.
    for _ in range(MAX_CUE_MOMENTS - 1):
        joined = AND_CUE.match(text, spans[-1][1]) if cue is not None else None
        more = CUE.match(text, joined.end()) if joined else None
        second, second_spans = _one_cue(text, more) if more else (None, [])
        if second is None:
            break
        cue = f"{cue} and {second}"
        spans = [(spans[0][0], second_spans[0][1])]
    return cue, spans


MAX_CUE_MOMENTS = 3
AND_CUE = re.compile(
    r",?[ \t]++and[ \t]++(?=(?:after|when|whenever|before|as\s+soon\s+as|each\s+time|every\s+time)\s)", _I
)


def _one_cue(text: str, match: re.Match[str]) -> tuple[str | None, list[Span]]:
    """The cue ``match`` found, with the event whole when a day name stopped it."""
    cue = " ".join(match.group("cue").split())
    end = match.end("cue")
    dangling = DANGLING_ARTICLE.search(cue)
    if dangling:
        # The cue stopped at a day name: "before the Friday meeting" names an event on that day.
        event = DAY_EVENT.match(text, match.end())
        if event is None:
            cue = DANGLING_ARTICLE.sub("", cue)
            end = text.rindex(cue.split()[-1], match.start("cue"), end) + len(cue.split()[-1])
            return (
                (cue, [(match.start("cue"), end)]) if " " in cue else (None, [])
            )  # "before the" alone is no cue
        cue = f"{cue} {' '.join(event.group(1).split())}"
        end = event.end(1)
    return cue, [(match.start("cue"), end)]


DANGLING_ARTICLE = re.compile(r"\s(?:the|a|an|my|his|her|their|your|our)$", _I)
DAY_EVENT = re.compile(r"\s+((?:mon|tues|wednes|thurs|fri|satur|sun)day(?:['’]s)?\s+[a-z][\w-]*)\b", _I)


# --- Extraction -------------------------------------------------------------------------------


def extract_action_items(text: str) -> list[ActionItem]:
    """The action items in ``text``, in the order they appear.

    Empty, whitespace-only or over-long (``MAX_TEXT_CHARS``) text gives no items.
    """
    if not text or len(text) > MAX_TEXT_CHARS or text.isspace():
        return []
    return _Scanner(_spoken_punctuation(text)).scan()


def _spoken_punctuation(text: str) -> str:
    """Added with batch h: dictation typed out with its spoken commands ("… three times this week
    period he will also listen … comma and rate suds on the form period new paragraph plan colon …")
    gets the punctuation they stand for. Each command is replaced by its mark and spaces of the
    same length, so an item's place in the text is unchanged. Only a text that holds a command no
    sentence would otherwise say ("full stop", "new paragraph", "new line") or both "comma" and
    "period" is read this way: a "worry period" elsewhere stays a period of time."""
    if not SPOKEN_COMMANDS.search(text) and not (SPOKEN_COMMA.search(text) and SPOKEN_PERIOD.search(text)):
        return text
    return SPOKEN_MARK.sub(
        lambda match: _MARKS[" ".join(match.group(1).lower().split())].ljust(len(match.group())), text
    )


SPOKEN_COMMANDS = re.compile(r"\b(?:full\s+stop|new\s+paragraph|new\s+line)\b", _I)
SPOKEN_COMMA = re.compile(r"\bcomma\b", _I)
SPOKEN_PERIOD = re.compile(r"\bperiod\b", _I)
SPOKEN_MARK = re.compile(r"[ \t]*+\b(full\s+stop|period|comma|colon|new\s+paragraph|new\s+line)\b", _I)
_MARKS = {
    "full stop": ".",
    "period": ".",
    "comma": ",",
    "colon": ":",
    "new paragraph": "\n\n",
    "new line": "\n",
}


@dataclass(frozen=True)
class _Heading:
    is_action: bool
    rest_start: int
    rest_end: int
    label: str | None = None  # the label of a "Label: rest" line


class _Scanner:
    """Walks the text line by line, keeping track of whether it is inside an action section."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._others: set[str] | None = None
        self.items: list[ActionItem] = []
        self.paragraph: list[tuple[int, int]] = []  # prose lines waiting to be read as sentences
        # The bullets of a list with no heading above it, each with whether the sentence rules
        # kept it, and the number of items before the list (``_close_unheaded_list``).
        self.unheaded: list[tuple[int, int, bool]] = []
        self.unheaded_from = 0
        self.unheaded_open = False  # nothing but a blank line or the client's name is above the list

    def scan(self) -> list[ActionItem]:
        in_section = False
        section_bullets = False  # the section is a bulleted list
        section_items = False  # the section has produced an item
        blank_before = False
        last_was_bullet = False  # the previous line was a bullet item (continuations extend it)
        last_indent = 0  # the indent of the last bullet at the outer level
        outer: ActionItem | None = None  # the item of that bullet, the parent of nested ones
        in_table = False  # inside a table headed by an action label
        headed = False  # a heading other than the client's name line has been seen
        # The line above is the start of the text, a blank line or the client's name line, so a
        # list that starts here has no title above it ("History", "Last week's homework").
        opens = True
        for start, end in _lines(self.text):
            if len(self.items) >= MAX_ITEMS:
                return self.items[:MAX_ITEMS]
            raw = self.text[start:end]
            bullet = BULLET.match(raw)
            list_may_open, opens = opens, not raw.strip()
            if not (bullet and not in_section and not headed):
                self._close_unheaded_list()
            if not raw.strip():
                self._flush()
                blank_before, last_was_bullet, in_table = True, False, False
                continue
            row = TABLE_ROW.match(raw)
            if row is not None:
                # A Markdown table whose first header cell is an action label ("| Task | When |")
                # lists one item a row; any other table is not read.
                self._flush()
                cells = row.group("cells")
                if TABLE_RULE.fullmatch(cells):
                    continue
                if in_table:
                    section_items = self._add(
                        start + row.start("cells"), start + row.end("cells"), in_section=True
                    )
                else:
                    in_table = _is_action_label(cells.split("|")[0])
                in_section = last_was_bullet = blank_before = False
                continue
            in_table = False
            if _table_header(raw):
                continue  # "Day | What | How long" heads the rows below it
            heading = self._heading(raw, start)
            if in_section and heading is not None and _labels_an_item(heading):
                # "Thought records: 1 per day" in a homework list is an item.
                heading = None
                if not BULLET.match(raw):
                    section_items = self._add(start, end, in_section=True) or section_items
                    blank_before = last_was_bullet = False
                    continue
            if heading is not None:
                self._flush()
                self._close_unheaded_list()
                opens = _names_the_client(heading)
                headed = headed or not opens
                in_section, section_bullets, section_items = heading.is_action, False, False
                last_was_bullet = blank_before = False
                if heading.rest_end > heading.rest_start:
                    if heading.is_action:
                        section_items = self._inline_list(heading.rest_start, heading.rest_end)
                    elif not _reports_the_session(heading.label) and not _another_persons(heading.label):
                        self.paragraph.append((heading.rest_start, heading.rest_end))
                continue
            if in_section and bullet:
                section_bullets = True
                indent = len(bullet.group("indent").expandtabs(4))
                nested = last_was_bullet and indent > last_indent
                last_was_bullet = self._add(start + bullet.end(), end, in_section=True)
                if nested and last_was_bullet and outer is not None:
                    # Each of "- Exposure ladder" / "  - Touch the bin" / "  - Touch the door" is a
                    # child of the ladder, not of the sibling above it.
                    self._nest(outer)
                elif not nested:
                    last_indent = indent
                    outer = self.items[-1] if last_was_bullet else None
                section_items = section_items or last_was_bullet
            elif in_section and last_was_bullet and not blank_before and _continues(raw):
                self._extend_last(end)
            elif in_section and not section_bullets and not (blank_before and section_items):
                if not _leads_in(_tidy(raw)):  # "Two things." above the list is no task of its own
                    section_items = self._section_line(start, end) or section_items
            else:
                in_section = last_was_bullet = False
                if bullet or blank_before:
                    self._flush()
                if bullet and not headed and not self.unheaded:
                    self.unheaded_from, self.unheaded_open = len(self.items), list_may_open
                found = len(self.items)
                self.paragraph.append((start + bullet.end(), end) if bullet else (start, end))
                if bullet:
                    self._flush()
                    if not headed:
                        self.unheaded.append((start + bullet.end(), end, len(self.items) > found))
            blank_before = False
        self._flush()
        self._close_unheaded_list()
        return self.items[:MAX_ITEMS]

    def _close_unheaded_list(self) -> None:
        """A bulleted list with no heading above it ("- Thought record twice a week after stand-up /
        - walk after dinner Mon/Wed/Fri / * Read chapter 3 by Friday") is read as the client's tasks
        when at least half its bullets are tasks: the ones the sentence rules keep, and the ones
        that name a practice and when it is done, with no verb that reports (``_a_listed_task``).
        A list of what was reported (symptoms, history, what was discussed, medication,
        appointments, a behaviour and how often it happens) has few such bullets, and none of its
        bullets is read that way."""
        bullets, self.unheaded = self.unheaded, []
        if not self.unheaded_open:
            return
        listed = [
            (start, end) for start, end, kept in bullets if not kept and self._a_listed_task(start, end)
        ]
        if not listed or 2 * (len(listed) + sum(kept for _, _, kept in bullets)) < len(bullets):
            return
        for start, end in listed:
            self._add(start, end, in_section=True)
        self.items[self.unheaded_from :] = sorted(
            self.items[self.unheaded_from :], key=lambda item: item.start
        )

    def _a_listed_task(self, start: int, end: int) -> bool:
        """A bullet that names a practice and when it is done: "Thought record twice a week after
        stand-up", "urge surfing when cravings hit, 10 min", "HALT check before going to the shop"."""
        span = _trim(self.text, start, end)
        if span is None:
            return False
        text = _tidy(self.text[span[0] : span[1]])
        if len(text) > MAX_ITEM_CHARS or REPORTS.search(text) or not _keep_section_item(text):
            return False
        if REPORTED_BEHAVIOUR.match(text):
            return False  # "Bingeing 3x a week": how often a problem happens, not a practice
        kind, schedule = _read_item(text)
        return _named_kind(text) is not None and kind is not None and schedule != Schedule()

    def _nest(self, parent: ActionItem) -> None:
        """A nested bullet: it takes its parent's kind when it names none, and a parent that is only
        a title ("Exposure ladder", with its steps below) is not an item of its own."""
        child = self.items[-1]
        if CONTINUATION.match(child.text):
            return  # "- when anxious at work" under "- Thought records" says when, both stay
        if _named_kind(child.text) is None and _named_kind(parent.text) is not None:
            self.items[-1] = replace(child, kind=_named_kind(parent.text))
        if parent in self.items[:-1] and _is_title(parent.text):
            self.items.remove(parent)

    def _flush(self) -> None:
        if self.paragraph:
            self._prose(self.paragraph[0][0], self.paragraph[-1][1])
            self.paragraph.clear()

    def _heading(self, raw: str, offset: int) -> _Heading | None:
        heading = self._any_heading(raw, offset)
        if heading is not None and heading.is_action and THERAPISTS_LIST.search(raw):
            return replace(heading, is_action=False)  # "Actions (me):", "Tasks (therapist)"
        return heading

    def _any_heading(self, raw: str, offset: int) -> _Heading | None:
        for pattern in (MARKDOWN_HEADING, BOLD_LINE, UPPER_LINE):
            match = pattern.match(raw)
            if match:
                return _Heading(_is_action_label(match.group("label")), offset, offset)
        if len(raw) <= 100 and raw.rstrip().endswith(":") and LEADS_A_LIST.search(_label(raw)):
            return _Heading(True, offset, offset)  # "After today's session (no. 9) my homework is:"
        if (
            len(raw) <= 120
            and raw.rstrip().endswith(":")
            and AFTER_A_SENTENCE.search(raw)
            and _ends_in_a_label(raw.rstrip()[:-1])
        ):
            # "Good session. Homework:" heads the lines below it, after a sentence of its own.
            return _Heading(True, offset, offset)
        if (
            len(raw) <= 120
            and raw.rstrip().endswith(":")
            and "(" in raw
            and _is_action_label(LONG_BRACKETED.sub(" ", raw))
        ):
            return _Heading(
                True, offset, offset
            )  # "Next steps (agreed with Mr Hall and his daughter, who …):"
        match = ARROW_LINE.match(raw)
        if match and _ends_in_a_label(match.group("label")):
            # Added with batch g: "MBCT wk 3 — HW → 3-min breathing space x3/day; body scan …".
            return _Heading(True, offset + match.start("rest"), offset + match.end("rest"))
        match = LABEL_LINE.match(raw)
        if match and len(match.group("label").split()) <= 6 and "(" not in match.group("label"):
            rest_start, rest_end = offset + match.start("rest"), offset + match.end("rest")
            label = match.group("label")
            return _Heading(_is_action_label(label), rest_start, rest_end, label)
        match = DASH_LABEL.match(raw)
        if match and len(match.group("rest")) <= 40 and _is_action_label(match.group("rest")):
            return _Heading(True, offset, offset)  # "OT plan - Between-session work"
        if match and _is_action_label(match.group("label")):
            return _Heading(True, offset + match.start("rest"), offset + match.end("rest"))
        if len(raw) <= 60 and _is_action_label(raw):
            return _Heading(True, offset, offset)
        match = DICTATED_HEADING.match(raw)
        if match and raw.islower():
            return _Heading(True, offset + match.start("rest"), offset + match.end("rest"))
        return None

    def _inline_list(self, start: int, end: int) -> bool:
        """Items after a heading on its line: "HW: TR x3/wk, PMR 10 min nightly, sleep diary daily".

        Commas separate items only when there is no semicolon and every part is a short
        phrase that does not continue the one before, and the parts name kinds or schedules
        (``_is_list``); otherwise a comma is part of one item ("Keep a gratitude diary,
        writing three things each evening").
        """
        if not self.text[start:end].strip() or NAME_ONLY.fullmatch(self.text, start, end):
            return False  # nothing after the heading, or "Homework sheet — Yusuf Karim"
        numbered = list(INLINE_NUMBER.finditer(self.text, start, end))
        if len(numbered) >= 2:
            found = False
            last_start = numbered[-1].end()
            for part_start, part_end in _pieces(self.text, start, last_start, INLINE_NUMBER):
                found = self._add(part_start, part_end, in_section=True) or found
            # "… 3) Write down 3 things each evening. Husband to take one night feed …": the last
            # number's item ends with its sentence; the sentences after it are read as lines.
            first_end = next(_pieces(self.text, last_start, end, SENTENCE_END))[1]
            found = self._add(last_start, first_end, in_section=True) or found
            return (first_end < end and self._section_line(first_end, end)) or found
        if ";" not in self.text[start:end] and len(SPACED_SLASH.findall(self.text, start, end)) >= 2:
            # Added with batch h: "allotment Tues/Thurs / voices diary / Hearing Voices group Mon eve".
            found = False
            for part_start, part_end in _pieces(self.text, start, end, SPACED_SLASH):
                found = self._add(part_start, part_end, in_section=True) or found
            return found
        if ";" not in self.text[start:end]:
            first_end = next(_pieces(self.text, start, end, SENTENCE_END))[1]
            series = list(_pieces(self.text, start, first_end, COMMA))
            if _is_series([_tidy(self.text[a:b]) for a, b in series]):
                # "…: the grounding thing in lectures, bed at 11pm, and one walk a day. My flatmate …"
                series = _schedules_joined(self.text, series)
                found = False
                for part_start, part_end in series:
                    found = self._add(part_start, part_end, in_section=True) or found
                return self._section_line(first_end, end) or found
            parts = [
                (part_start, part_end)
                for sentence_start, sentence_end in _pieces(self.text, start, end, SENTENCE_END)
                for part_start, part_end in _pieces(self.text, sentence_start, sentence_end, COMMA)
            ]
            texts = [_tidy(self.text[a:b]) for a, b in parts]
            if _is_list(texts):
                found = False
                for part_start, part_end in parts:
                    found = self._add(part_start, part_end, in_section=True) or found
                return found
        return self._section_line(start, end)

    def _section_line(self, start: int, end: int) -> bool:
        """A plain line in an action section: each sentence (or part between semicolons) is an item.

        A dictated line, all lower case, also splits where a new imperative starts, and
        any line where a second promise starts ("… and will practise …").
        """
        found = False
        for sentence_start, sentence_end in _pieces(self.text, start, end, SENTENCE_END):
            for piece_start, piece_end in _unbracketed(self.text, sentence_start, sentence_end, SEMICOLON):
                lower = self.text[piece_start:piece_end].islower()
                parts = (  # lazily, so that reading stops once MAX_ITEMS are found
                    part
                    for promise_start, promise_end in _pieces(
                        self.text, piece_start, piece_end, SECOND_PROMISE
                    )
                    for part in (
                        _dictated_parts(self.text, promise_start, promise_end)
                        if lower
                        else [(promise_start, promise_end)]
                    )
                )
                for part_start, part_end in parts:
                    if len(self.items) >= MAX_ITEMS:
                        return found
                    if self._add(part_start, part_end, in_section=True):
                        found = True
                        if not lower:
                            self._second_task(part_start, part_end)
        return found

    def _prose(self, start: int, end: int) -> None:
        if not PROSE_HINT.search(self.text, start, end):
            return
        for sentence_start, sentence_end in _pieces(self.text, start, end, SENTENCE_END):
            if len(self.items) >= MAX_ITEMS:
                return
            sentence = self.text[sentence_start:sentence_end]
            if sentence.rstrip().endswith("?"):
                continue
            label = INLINE_LABEL.match(sentence)
            if (
                label
                and _is_action_label(label.group("label"))
                and (
                    sentence[label.end(1) :].lstrip().startswith(":")
                    or _leads_a_task(sentence[label.end() :])
                )
            ):
                # "… a fact. My plan: make one phone call a day …": a heading inside a paragraph.
                self._inline_list(sentence_start + label.end(), sentence_end)
                continue
            colon = _heading_colon(sentence)
            if colon is not None:
                # Added with batch g: "ok so after my session w/ Dr. Chen the plan is: eat lunch …".
                self._inline_list(sentence_start + colon + 1, sentence_end)
                continue
            dictated = _dictated(sentence)
            heading = DICTATED_INLINE_HEADING.search(sentence) if dictated else None
            if heading is not None:
                # "…suds peaked at eighty homework touch the toilet seat…": the rest is the list.
                self._inline_list(sentence_start + heading.end(), sentence_end)
                sentence_end = sentence_start + heading.start()
            kept = False
            for clause_start, clause_end in _unbracketed(
                self.text, sentence_start, sentence_end, CLAUSE_SPLIT
            ):
                if dictated:
                    for part_start, part_end in _cued(
                        self.text, _pieces(self.text, clause_start, clause_end, DICTATION_SPLIT)
                    ):
                        kept = self._add(part_start, part_end, in_section=False) or (
                            kept and self._same_subject(part_start, part_end)
                        )
                        if (
                            not kept
                            and len(self.items) < MAX_ITEMS
                            and UNLED_TASK.search(self.text, part_start, part_end)
                        ):
                            # "… sleep efficiency now eighty two percent so new bedtime … keep rise
                            # time at six thirty every day … turn clock to face the wall": a list
                            # of tasks dictated with no heading; each imperative no subject leads.
                            for task_start, task_end in _pieces(self.text, part_start, part_end, UNLED_TASK):
                                self._add(task_start, task_end, in_section=False)
                elif self._add(clause_start, clause_end, in_section=False) or (
                    kept and self._same_subject(clause_start, clause_end)
                ):
                    kept = True
                    self._second_task(clause_start, clause_end)
                else:
                    kept = False

    def _same_subject(self, start: int, end: int) -> bool:
        """ "…she would phone the ward each evening, and she would take a walk": after a kept
        promise, the same subject's "would" continues it."""
        span = _trim(self.text, start, end)
        if span is None:
            return False
        text = _tidy(self.text[span[0] : span[1]])
        match = WOULD_TOO.match(text)
        if match is None:
            return False
        negated = match.group("modal").lower() not in ("would", "will")
        promise = f"{match.group('who')} will {'not ' if negated else ''}{text[match.end() :]}"
        if not _keep_sentence(promise):
            return False
        self.items.append(_item(text, *span))
        return True

    def _second_task(self, start: int, end: int) -> None:
        """ "He agreed to get outside for 30 minutes a day, and to phone his brother once this week":
        after a kept promise, "and to <verb> …" is a second task with the same subject."""
        if self._verb_series(start, end):
            return
        for _ in range(3):  # "…, and to get up at 6:45am …, and to leave the bedroom …": up to four tasks
            match = AND_TO.search(self.text, start, end)
            if match is None or not AND_TO_TASK.match(_tidy(self.text[match.end() : end])):
                match = _and_task(self.text, start, end)
            if match is None:
                return
            first, second = _trim(self.text, start, match.start()), _trim(self.text, match.end(), end)
            if first is None or second is None:
                return
            text = _tidy(self.text[second[0] : second[1]])
            if not _keep_section_item(text) or len(self.items) >= MAX_ITEMS:
                return
            self.items[-1] = _item(_tidy(self.text[first[0] : first[1]]), *first)
            item = _item(text, *second)
            if item.kind is None and DO_IT.match(_action_part(text)):
                item = replace(item, kind=self.items[-1].kind)  # "then use it in Friday's one-to-one"
            self.items.append(item)
            start, end = second

    def _verb_series(self, start: int, end: int) -> bool:
        """Added with batch h: "Kai to go to the skate park on sat, cook tea with nan on weds, and
        rate mood on the activity sheet after each one": after a kept promise, three or more parts
        between commas, the last after "and", each after the first opening with a verb, are one task
        each. A part that only says when ("Wed & Fri") stays with the part before it."""
        clause = _tidy(self.text[start:end])
        if EXPERIMENT_FRAME.search(clause) or _named_kind(clause) == BEHAVIORAL_EXPERIMENT:
            return False  # an experiment's steps are one item: "join the lunch, drop rehearsing, and …"
        parts = _schedules_joined(self.text, list(_pieces(self.text, start, end, COMMA)))
        if len(parts) < 3 or not _tidy(self.text[slice(*parts[-1])]).lower().startswith("and "):
            return False
        rest = [_trim(self.text, *part) for part in parts[1:]]
        spans = [span for span in rest if span is not None]
        if len(spans) != len(rest) or not all(_opens_with_verb(self.text[a:b]) for a, b in spans):
            return False
        first = _trim(self.text, *parts[0])
        texts = [_tidy(self.text[a:b]) for a, b in spans]
        if first is None or not all(_keep_section_item(text) for text in texts):
            return False
        if len(self.items) + len(texts) > MAX_ITEMS:
            return False
        self.items[-1] = _item(_tidy(self.text[first[0] : first[1]]), *first)
        self.items.extend(_item(text, *span) for text, span in zip(texts, spans, strict=True))
        return True

    def _add(self, start: int, end: int, *, in_section: bool) -> bool:
        if len(self.items) >= MAX_ITEMS:
            return False
        span = _trim(self.text, start, end)
        if span is None:
            return False
        start, end = span
        text = _tidy(self.text[start:end])
        if len(text) > MAX_ITEM_CHARS or not TWO_LETTERS.search(text):
            return False
        if " " not in text and _named_kind(text) is None:
            return False  # "unchanged", "set": one word is no task
        if not (_keep_section_item(text) if in_section else _keep_sentence(text)):
            return False
        if self._someone_elses(text):
            return False
        item = _item(text, start, end)
        if item.kind is None and self.items and DO_IT.match(_action_part(text)):
            item = replace(item, kind=self.items[-1].kind)
        self.items.append(item)
        return True

    def _someone_elses(self, text: str) -> bool:
        """ "Seen with his husband, Eli": Eli's tasks are another person's."""
        match = NAMED_SUBJECT.match(text)
        if match is None:
            return False
        if self._others is None:  # read the text for names only when an item starts with one
            self._others = {found.group("name") for found in NAMED_RELATIVE.finditer(self.text)}
        return match.group("name") in self._others

    def _extend_last(self, end: int) -> None:
        """A wrapped bullet: the line belongs to the item above."""
        if not self.items:
            return
        last = self.items[-1]
        span = _trim(self.text, last.start, end)
        if span is None:
            return
        text = _tidy(self.text[span[0] : span[1]])
        if len(text) <= MAX_ITEM_CHARS:
            self.items[-1] = _item(text, span[0], span[1])


TWO_LETTERS = re.compile(r"[A-Za-z]{2}")  # a word, not "x" or "1."
# A verb or word that says how things are or went, not what to do: "Mood diary shows dips after
# work", "Breathing helps at night", "Sleep worse on weekdays".
REPORTS = re.compile(
    r"\b(?:is|are|was|were|has|had|have|been|shows?|showed|reports?|reported|says?|said|feels?|felt|seems?"
    r"|seemed|finds?|found|uses|does|did|gets|got|helps|helped|helpful|unhelpful|better|worse|improv\w*"
    r"|worsen\w*|went|going\s+well|increas\w*|decreas\w*|ongoing|persist\w*|noted|denies|denied)\b",
    _I,
)

# A bullet that opens with a problem behaviour or a symptom, as a gerund or a noun, and goes on
# to how often it happens, reports it: "Bingeing 3x a week", "Panic attacks daily", "Drinking 4
# nights a week", "Checking the locks 20x a day". Such words name skill practice only after a verb
# of doing or a limit ("Resist bingeing", "No drinking on weeknights", "Cut down drinking"), which
# a bullet that opens with the behaviour has not. A practice named after the behaviour stays a
# task: "Drinking diary daily", "Worry time 6pm", "Urge surfing when cravings hit".
REPORTED_BEHAVIOUR = re.compile(
    r"^(?:(?:still|more|less|fewer|some|occasional|frequent|regular|daily|nightly|recent|ongoing)\s+)?"
    r"(?:(?:binge|purge)(?:s|ing)?|bingeing|purging|vomiting|restricting|skipping\s+meals|(?:over|comfort[\s-])eating"
    r"|drinking(?!\s+(?:water|fluids)\b)|drunk|smoking|vaping|(?:cannabis|alcohol|weed)(?!-)"
    r"|panic(?:\s+attacks?)?|(?:anxiety\s+)?attacks|nightmares|flashbacks|intrusions|intrusive\s+\w+|dissociating"
    r"|self[\s-]harm(?:ing)?|cutting(?!\s+(?:down|back|out)\b)|crying|tearful|low\s+mood|worrying|ruminating|rumination"
    r"|checking(?!\s+in\b)|(?:hand[\s-]?)?washing(?![\s-]up\b)|reassurance[\s-]seeking|scrolling|cravings|urges(?!\s+surf)"
    r"|arguments|arguing|tantrums|outbursts|headaches|migraines|palpitations|insomnia|napping|naps)\b"
    r"(?!\s*(?:[-+&/]\s*\w+\s+)?(?:diary|diaries|logs?|records?|charts?|tracker|monitoring|sheets?|forms?"
    r"|ratings?|time|postponement|window|period|surf\w*|prevention|plan|free)\b)",
    _I,
)


def _names_the_client(heading: _Heading) -> bool:
    """ "Pt: Janek Brill — alcohol, 41 days sober": a line that names the client heads nothing."""
    return (
        not heading.is_action
        and heading.label is not None
        and CLIENT_OWNER.fullmatch(_label(heading.label)) is not None
    )


CONTINUATION = re.compile(
    r"^(?:\w+ing|with|which|who|and|or|then|to|for|in|at|on|by|before|after|when|while|if|no|not|without"
    r"|so|but|about|around|every|each|daily|nightly|twice|once|up|until|as|\d)\b",
    _I,
)


# In dictation with no heading, a task starts at an imperative that nothing leads into.
UNLED_TASK = re.compile(
    r"(?<=[a-z])(?=\s++(?:keep|continue|turn)\s)(?<!\bto)(?<!\bwill)(?<!\band)(?<!\bor)(?<!\bi)(?<!\bshe)(?<!\bhe)(?<!\byou)(?<!\bwe)(?<!\bthey)"
    r"(?<!\bnot)(?<!\bwould)(?<!\bcould)(?<!\bshould)(?<!\bcan)(?<!\bjust)(?<!\bgoing)(?<!\bgonna)(?<!\bll)(?<!\bnt)"
    r"(?<!\bhelp)(?<!\blet)(?<!\bmake)(?<!\bwants)(?<!\bwant)(?<!\bneeds)(?<!\btried)(?<!\bcant)(?<!\bdont)"
    r"\s++(?=keep\s+(?!going\b|on\b)[a-z]|continue\s+(?!to\b)[a-z]|turn\s+(?:the\s+)?\w+\s+(?:off|to|away|round|around|over|face)\b)"
)


def _opens_with_verb(text: str) -> bool:
    """ "cook tea with nan", "to ask one question", "gets outside in daylight": a verb first, in
    the imperative, after "to", or with the -s of a report."""
    words = TO_LEAD.sub("", text.strip()).split(maxsplit=1)
    if len(words) < 2:
        return False
    first, rest = words
    if first.lower().endswith("ing"):
        return False  # "…, posting worries in it before bed": how, not a second task
    for verb in (first, first.removesuffix("s"), first.removesuffix("es")):
        phrase = f"{verb} {rest}"
        if IMPERATIVE.match(phrase) or DOING.match(phrase) or EVERYDAY_VERB.match(phrase):
            return True
    return False


TO_LEAD = re.compile(r"^(?:and\s+)?(?:also\s+)?(?:to\s+)?", _I)
EVERYDAY_VERB = re.compile(
    r"(?:go|cook|eat|walk|swim|ride|drive|visit|ask|say|tell|buy|stand|stay|sit|wait|watch|listen|note|jot"
    r"|rate|record|write|read|keep|use|touch|leave|block|plan|choose|phone|call|ring|text|email|join|attend|do)\b",
    _I,
)


def _dictated(text: str) -> bool:
    """No capital anywhere but in acronyms: dictated, or typed all in lower case ("… she's going to
    bring her DASS next week")."""
    return ACRONYM.sub("", text).islower()


ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,5}s?\b")


def _heading_colon(sentence: str) -> int | None:
    """Where the first colon of a sentence ends an action label that runs on from other words
    ("… the plan is:", "… things i said i'd try this week:"), or None."""
    colon = sentence.find(":")
    if colon <= 0 or not sentence[colon + 1 :].strip():
        return None
    return colon if _ends_in_a_label(sentence[:colon]) else None


AFTER_A_SENTENCE = re.compile(r"[.!?]\s")


def _ends_in_a_label(text: str) -> bool:
    """Whether the last one to eight words of ``text`` are an action label ("… the plan is",
    "MBCT wk 3 — HW"), not after "not agreed" ("Discussed, not agreed:")."""
    if NOT_AGREED.search(text):
        return False
    words = text.split()
    return any(_is_action_label(" ".join(words[-count:])) for count in range(1, min(len(words), 8) + 1))


ARROW_LINE = re.compile(r"(?P<label>[^\n→]{1,60}?)[ \t]*+(?:→|->|=>)[ \t]*+(?P<rest>\S.*)")


def _cued(text: str, parts: Iterator[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """A dictated part that is only a cue ("when the urge comes") belongs to the promise after it."""
    held: int | None = None
    for start, end in parts:
        if held is not None:
            start, held = held, None
        elif CUE_ONLY.match(text, start, end):
            held = start
            continue
        yield start, end
    if held is not None:
        yield held, end


CUE_ONLY = re.compile(r"\s*+(?:when|whenever|if|after|before|each\s+time|every\s+time)\s", _I)


def _dictated_parts(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A dictated list splits where a new imperative starts and where a new subject commits
    ("… drink a glass of water he will tell his colleagues …")."""
    if not SUBJECT_HINT.search(text, start, end):  # no new subject to split at: skip the costly pattern
        yield from _pieces(text, start, end, DICTATED_ITEM_SPLIT)
        return
    for clause_start, clause_end in _pieces(text, start, end, DICTATION_SPLIT):
        yield from _pieces(text, clause_start, clause_end, DICTATED_ITEM_SPLIT)


# Words that DICTATION_SPLIT can split before; a text without any of them has nothing to split.
SUBJECT_HINT = re.compile(
    r"\b(?:she|he|they|client|pt|i|i['’]m|i['’]ll|im|we|review|next|plan|homework|hw|and|wife|husband|partner"
    r"|mum|dad|mother|father|sister|brother|son|daughter|therapist)\b"
)


def _leads_a_task(rest: str) -> bool:
    """After "Before we meet again," an imperative of at least three words, not one that
    introduces a list ("Between sessions, try these:")."""
    return bool(IMPERATIVE.match(rest)) and len(rest.split()) >= 3 and not rest.rstrip().endswith(":")


def _and_task(text: str, start: int, end: int) -> re.Match[str] | None:
    """A bare "and" that starts a second task, with at least six words of task before it."""
    for match in AND_TASK.finditer(text, start, end):
        if SIX_WORDS.match(text, start, match.start()):  # bounded: never counts past six words
            return match
    return None


SIX_WORDS = re.compile(r"\s*+(?:\S++\s++){5}\S")


def _is_list(texts: list[str]) -> bool:
    """Comma-separated parts that read as separate short items."""
    if len(texts) < 2 or not all(0 < len(text.split()) <= 6 for text in texts):
        return False
    if any(CONTINUATION.match(text) for text in texts[1:]):
        return False
    if len(texts) == 2:
        kinds = [_named_kind(text) for text in texts]
        return None not in kinds and kinds[0] != kinds[1]
    return sum(1 for text in texts if _says_something(text)) >= 2


# Gerunds may be items of a series ("going to bed at 11pm"); these words continue the part before.
SERIES_CONTINUATION = re.compile(
    r"^(?:with|which|who|and|or|then|to|for|in|at|on|by|before|after|when|while|if|so|but|as|until|\d)\b", _I
)


def _schedules_joined(text: str, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "practise the breathing for 5 minutes before practice, Mon-Fri, and shoot …": a part that
    only says when (at most three words, no kind) belongs to the part before it."""
    joined: list[tuple[int, int]] = []
    for start, end in parts:
        words = _tidy(text[start:end])
        if (
            joined
            and len(words.split()) <= 3
            and _named_kind(words) is None
            and _read_item(words)[1] != Schedule()
        ):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _is_series(texts: list[str]) -> bool:
    """ "the grounding thing when I zone out, going to bed at 11pm on weeknights, and one walk a
    day": three or more parts, the last joined by "and", each naming a kind or a schedule."""
    return (
        len(texts) >= 3
        and texts[-1].lower().startswith("and ")
        and all(0 < len(text.split()) <= 15 for text in texts)
        and not any(SERIES_CONTINUATION.match(text) for text in texts[1:-1])
        and sum(1 for text in texts if _says_something(text)) * 3 >= len(texts) * 2
    )


THERAPISTS_LIST = re.compile(r"\((?:me|t|th|therapist|clinician|counsell?or|staff)\)", _I)
TABLE_ROW = re.compile(r"[ \t]*+\|(?P<cells>[^\n]*[^|\s])[ \t]*+\|?[ \t]*+$")
TABLE_RULE = re.compile(r"[\s|:-]*+")


# Labels that head a part of a note of their own, even inside a homework list.
OTHER_SECTION = re.compile(
    r"(?:[SOAPDBIR]|data|assessment|subjective|objective|behaviou?r|intervention|response|risk|goals?"
    r"|formulation|mood|summary|review|homework\s+review(?:ed)?|medication|meds|rx|next(?:\s+(?:session|appt|appointment))?"
    r"|diagnosis|presentation|observations?|outcome|scores?|phq-?9|gad-?7|core-?10|safeguarding|progress|notes?"
    r"|comments?|follow[\s-]?up|f/u|therapist|clinician|t|th|me|attendance|present|date|re|dear|from|to|cc|group"
    r"|impression|history|background|mse|mental\s+state|safety|safety\s+plan|crisis|contact|actions?\s+for\s+(?:me|therapist|t))"
    r"(?![\w-])",
    _I,
)


# A relative or partner introduced by name: "partner Marcus", "his husband, Eli", "wife Ines".
NAMED_RELATIVE = re.compile(
    r"\b(?i:partner|husband|wife|spouse|boyfriend|girlfriend|mum|mom|mother|dad|father|sister|brother|son|daughter"
    r"|flatmate|housemate|friend),?[ \t]++(?P<name>[A-Z][a-z]+)\b"
)
NAMED_SUBJECT = re.compile(
    r"(?P<name>[A-Z][a-z]+)(?:\s+(?:also|then))?(?:\s+(?:to|will|is|are|wants|agreed|plans|has)\b|['’]ll\b)"
)
NAME_ONLY = re.compile(r"[ \t]*+[A-Z][a-z'’-]+(?:[ \t][A-Z][a-z'’-]+){0,2}[ \t]*+")
# Starting therapy elsewhere is a referral, not homework: "wants to start individual therapy".
OTHER_TREATMENT = re.compile(
    r"^(?:start|begin|join|attend|look\s+into|find)\s+(?:an?\s+|the\s+|some\s+)?(?:\w+\s+)?"
    r"(?:therapy|counsell?ing|treatment|psychotherapy)\b",
    _I,
)


# EHR fields that record what happened in the session ("Response: client agreed to leave with
# her partner"): what they say was agreed there is done, not homework.
SESSION_REPORT = re.compile(
    r"(?:response|interventions?|behaviou?r|data|assessment|subjective|objective|observations?|presentation"
    r"|history|hx|goals?(?:\s+\d+[a-z]?)?|obj(?:ective)?s?(?:\s+\d+[a-z]?)?|problems?(?:\s+\d+[a-z]?)?|dx|diagnosis|formulation"
    r"|(?-i:B|I|R|S|O|A|D))$",
    _I,
)


def _reports_the_session(label: str | None) -> bool:
    return label is not None and SESSION_REPORT.match(_label(label)) is not None


def _another_persons(label: str | None) -> bool:
    """ "Dad: don't give reassurance …" outside a list: the lines of someone else's part."""
    if label is None:
        return False
    owner = OWNER_LABEL.fullmatch(f"{label.strip()}:")
    if owner is not None:
        return CLIENT_OWNER.fullmatch(owner.group("owner")) is None
    return OTHER_PERSON.fullmatch(f"{label.strip()}:") is not None


def _labels_an_item(heading: _Heading) -> bool:
    """Inside a homework list, "Label: text" is an item ("BA: walk Tue/Thu", "Pacing: rest 10
    minutes …") unless the label opens another part of the note ("Risk:", "Goals:")."""
    label = heading.label
    bullet = BULLET.match(label) if label is not None else None
    if label is not None and bullet:
        label = label[bullet.end() :]  # "o step 2: stand at the bus stop"
    return (
        label is not None
        and not heading.is_action
        and heading.rest_end > heading.rest_start
        and len(label.split()) <= 4
        and OTHER_SECTION.match(_label(label)) is None
        # Added with batch f: "Husband counselled re: reassurance" is a note about someone else.
        and RELATIVE_LABEL.match(_label(label)) is None
    )


RELATIVE_LABEL = re.compile(
    r"(?:(?:the|her|his|their|my|your)\s+)?(?:husband|wife|partner|spouse|mum|mom|mother|dad|father|parents?|family"
    r"|sister|brother|son|daughter)\s+\w+ed\b",
    _I,
)


def _is_title(text: str) -> bool:
    """A short heading-like bullet with nothing to do in it: "Exposure ladder", "Sleep"."""
    return len(text.split()) <= 3 and not IMPERATIVE.match(text) and _read_item(text)[1] == Schedule()


def _leads_in(text: str) -> bool:
    """Added after an exploratory pass: a short line with no verb, no kind and no schedule ("Two
    things.", "Just one thing really") that opens a list is no task of its own."""
    return (
        len(text.split()) <= 4
        and LEAD_IN_WORDS.search(text) is not None
        and _read_item(text.rstrip(".:!")) == (None, Schedule())
    )


LEAD_IN_WORDS = re.compile(r"\b(?:things?|tasks?|stuff|bits|ideas|really|just|only|couple|few)\b", _I)


def _says_something(text: str) -> bool:
    return _named_kind(text) is not None or _read_item(text)[1] != Schedule()


def _item(text: str, start: int, end: int) -> ActionItem:
    kind, schedule = _read_item(text)
    return ActionItem(text=text, kind=kind, start=start, end=end, **vars(schedule))


@lru_cache(maxsize=512)
def _read_item(text: str) -> tuple[str | None, Schedule]:
    """An item's kind and schedule (a pasted list repeats the same items many times)."""
    return classify_kind(text), read_schedule(text)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line, without its line break."""
    position = 0
    for line in text.split("\n"):
        end = position + len(line)
        yield position, end - 1 if line.endswith("\r") else end
        position = end + 1


def _pieces(text: str, start: int, end: int, splitter: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    position = start
    for match in splitter.finditer(text, start, end):
        if match.start() > position:
            yield position, match.start()
        position = max(position, match.end())
    if position < end:
        yield position, end


def _unbracketed(text: str, start: int, end: int, splitter: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """Like ``_pieces``, but never splits inside brackets: "(her solicitor asked her to; she has
    declined for now)" stays with the line it qualifies. Each character is counted once."""
    position, depth, counted = start, 0, start
    for match in splitter.finditer(text, start, end):
        depth = max(
            0, depth + text.count("(", counted, match.start()) - text.count(")", counted, match.start())
        )
        counted = match.start()
        if depth > 0:
            continue
        if match.start() > position:
            yield position, match.start()
        position = max(position, match.end())
    if position < end:
        yield position, end


def _continues(raw: str) -> bool:
    """A wrapped line of the item above: indented, or starting in lower case."""
    return raw[:1] in (" ", "\t") or raw.lstrip()[:1].islower()


@lru_cache(maxsize=256)
def _is_action_label(raw: str) -> bool:
    label = FILLER.sub("", _label(raw))  # "ok so my goals for this week"
    if ACTION_HEADING.fullmatch(label) is not None or SOAP_PLAN.match(label) or LEADS_A_LIST.search(label):
        return True
    # "Session 5 - homework agreed": a dashed line whose second half is an action label.
    halves = SPACED_DASH.split(label)
    if len(halves) == 2 and ACTION_HEADING.fullmatch(halves[1].strip()):
        return True
    # "Plan/Homework": every part an action label.
    parts = label.split("/")
    if len(parts) > 1 and all(ACTION_HEADING.fullmatch(part.strip()) for part in parts):
        return True
    # "Homework agreed today", "Actions from today", "To do before we meet": an action label, then
    # only words that say when or for whom.
    words = BRACKETED.sub(" ", label).split()
    return (
        len(words) <= 9
        and any(
            ACTION_HEADING.fullmatch(" ".join(words[:cut]))
            and all(
                word.lower().strip(",.'’") in HEADING_QUALIFIERS
                or not word.strip(
                    ",.'’;"
                )  # the comma a bracket leaves: "Pacing plan for Graham (71), agreed today"
                or word.isdigit()  # "Tx plan wk 4"
                or (
                    word[:1].isupper()
                    and (
                        words[index - 1] in ("with", "for", "&", "and")
                        or words[index - 1] in ("Mr", "Mrs", "Ms", "Dr", "Miss")
                    )
                )
                for index, word in enumerate(words[cut:], start=cut)
            )
            for cut in range(1, len(words))
        )
    )


# "P - graded activity plan": the SOAP note's plan, whatever its title.
SOAP_PLAN = re.compile(r"(?:p|plan)\s+[-–—]\s+\S", _I)
# "After today's session (no. 9) my homework is:": a sentence that introduces the list below it.
LEADS_A_LIST = re.compile(
    r"\b(?:homework|hw|plan|tasks?|goals?|targets?)\s+(?:for\s+(?:this|the|next)\s+(?:week|wk)\s+)?(?:is|are|will\s+be)$"
    # Added with batch f: "Hi Priya, here's what we agreed today:".
    r"|\bwhat\s+(?:we|you)\s+(?:agreed|decided)(?:\s+(?:on|today|in\s+session))?$|\bhere['’]?s\s+(?:the|your|our)\s+(?:plan|homework)$",
    _I,
)
# A table's header row: two or more short cells with no digits ("Day | What | How long").
HEADER_CELL = re.compile(r"[ \t]*+[A-Za-z][A-Za-z/' ]{0,20}[ \t]*+")


def _table_header(raw: str) -> bool:
    if raw.count("|") < 2 or len(raw) > 120:
        return False
    cells = raw.strip().strip("|").split("|")
    return len(cells) >= 2 and all(HEADER_CELL.fullmatch(cell) and len(cell.split()) <= 3 for cell in cells)


HEADING_QUALIFIERS = frozenset({
    "today", "today's", "from", "for", "the", "next", "this", "coming", "following", "fortnight",
    "week", "weeks", "two", "2", "session", "sessions", "time", "before", "we", "meet", "again",
    "until", "in", "our", "your", "her", "his", "their", "my", "client", "pt", "agreed", "set",
    "given", "with", "between", "now", "and", "after", "of", "me", "us", "you", "him", "them", "mum", "dad",
    "parents", "partner", "family", "wk", "sesh", "appt", "w/", "&",
})  # fmt: skip


BRACKETED = re.compile(r"\([^()]{0,40}\)")
LONG_BRACKETED = re.compile(r"\([^()]{0,80}\)")
SPACED_DASH = re.compile(r"\s[-–—]\s")
SPACED_SLASH = re.compile(r"[ \t]++/[ \t]++")
FILLER = re.compile(r"^(?:(?:ok(?:ay)?|so|right|anyway|and)\b,?\s*)+", _I)
_MARKUP = re.compile(r"[*_#]+|[^\w\s'’/&().,:;!?-]+")  # markup and emoji


def _label(raw: str) -> str:
    label = _MARKUP.sub(" ", raw)
    label = label.strip().rstrip(":：-–—").strip()
    return " ".join(label.split())


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Narrow [start, end) past leading bullets and conjunctions and trailing punctuation."""
    while True:
        match = LEADING_JUNK.match(text, start, end)
        if not match or match.end() == start:
            break
        start = match.end()
    bullet = BULLET.match(text, start, end)
    if bullet:
        start += bullet.end() - bullet.start()
    match = TRAILING_JUNK.search(text, start, end)
    if match:
        end = match.start()
    if end <= start:
        return None
    return start, end


def _tidy(raw: str) -> str:
    return " ".join(raw.split())


def _commitment(text: str) -> re.Match[str] | None:
    for pattern in (THIRD_PERSON, FIRST_PERSON, WE_AGREED, ASSIGNED):
        for match in pattern.finditer(text):
            name = match.groupdict().get("name")
            if name and name.lower() in _NAME_STOPWORDS:
                continue
            return match
    return None


def _negated(text: str, match: re.Match[str]) -> bool:
    """A refusal: the commitment itself is negated ("will not", "not going to", "refused").

    A "not" inside the task ("agreed not to check", "will practise not checking",
    "write a letter she will not send") is part of the task and does not count.
    """
    window = text[match.start() : match.end()]
    if re.search(r"\bnot\s+to$", window):
        return False
    after = text[match.end() :]
    three_words = " ".join(after.split()[:3])
    if REFUSAL.match(after):
        return not NEGATION_AS_TASK.search(after)
    return bool(
        NEGATION.search(window)
        or REFUSAL_WORDS.search(three_words)
        or re.search(r"\bnot\s+$", text[: match.start()])
    )


def _not_the_clients(text: str) -> bool:
    """The therapist's own to-do, or an arrangement about the therapy rather than practice."""
    owner = OWNER_LABEL.match(text)
    if owner is not None:
        if not CLIENT_OWNER.fullmatch(owner.group("owner")):
            return True  # "Therapist: send the link", "Both: review progress", "Mum: …"
        text = text[owner.end() :]
    if BARE_COMMITMENT.fullmatch(text) or BRING.match(_action_part(text)):
        return True  # "Client will:" heads a list; "bring the forms next week" is an arrangement
    if THERAPIST_SUBJECT.match(text) or MEDICAL.search(text) or SAFETY.search(text) or DONE.match(text):
        return True
    if APPROACH_ONLY.fullmatch(text) or APPOINTMENT_LINE.match(text):
        return True  # "P: Behavioral activation." names the approach; "Skills group Tuesday 6pm"
    if OTHER_PERSON.match(text) or NOT_AGREED.search(text):
        return True
    bare = SUBJECTLESS.sub("", _CONDITION.sub("", text)).lstrip()
    if THERAPIST_TASK.match(bare) and not EVERYDAY_CALL.match(bare) and not CLIENT_PREPARES.match(bare):
        return True  # "Will email copy of formulation", "If no contact, send opt-in letter"
    action = _action_part(text)
    if OTHER_TREATMENT.match(action):
        return True
    if EVERYDAY_CALL.match(action):
        return False  # "Call the dentist and say you're anxious", "Email the tutor about an extension"
    if LET_KNOW.match(action):
        return True  # "He will let me know by phone"
    verb = ARRANGEMENT_VERB.match(action)
    # The topic comes after the verb: "cancel plans with friends" is practice, "cancel the session"
    # is not; rescheduling and rebooking are only ever about appointments.
    if verb is None:
        return False
    # "I'll call my brother on Wednesday (that one scares me a bit)": an aside is not the topic.
    topic = BRACKETED.sub(" ", action[verb.end() :])
    return bool(ARRANGEMENT_TOPIC.search(topic) or RESCHEDULE.match(action))


# Added with batch g: a line that only names the treatment approach ("Sleep restriction + stimulus
# control", "Habit reversal:") heads the plan; the tasks are the lines under it.
APPROACH_ONLY = re.compile(
    r"(?:(?:behaviou?ral\s+activation|habit\s+reversal(?:\s+training)?|sleep\s+restriction|stimulus\s+control"
    r"|cognitive\s+restructuring|exposure\s+(?:therapy|work)|psycho-?education|relapse\s+prevention"
    r"|problem[\s-]solving\s+therapy|(?:cbt|dbt|act|erp|ba|hrt|cpt|emdr|ipt)(?:-i)?)"
    r"[ \t]*+(?:[+&,/][ \t]*+|and[ \t]++)?)+[.:]?",
    _I,
)
# Added with batch g: an appointment line with no task in it: "Skills group Tuesday 6pm", "Next call
# Tues 11:15", "CPA review 12/06", "Next contact: telephone, 2/52".
APPOINTMENT_LINE = re.compile(
    r"(?!(?:[\w-]+\s+){0,2}?(?:attend|go|going|join|come|get|make|take|bring|have|book|ring|phone|text|e-?mail"
    r"|drive|walk|sit|stay|try|do)\b)"
    r"(?:next\s+|(?:[\w-]+\s+){1,2}?)(?:call|visit|contact|review|group|session|meeting|appt|appointment)"
    r"\s*+:?\s*+(?:by\s+|via\s+)?(?:telephone|phone|video|zoom|teams|in\s+person|f2f|next\s+\w+"
    r"|(?:on\s+)?(?:mon|tue|wed|thu|fri|sat|sun)\w*|\d)(?:[^.;]|(?<=\d)\.(?=\d)){0,25}$",
    _I,
)
# "Prepare a 2-minute talk": the client's preparation, not the therapist's.
CLIENT_PREPARES = re.compile(
    r"prepare\s+(?:a|an|one|your|my|her|his)\s+(?:[\w-]+\s+){0,2}?(?:talk|speech|presentation|meal|breakfast|lunch|dinner|snack|tea|list|questions?)\b",
    _I,
)
# Calling, emailing or booking an everyday party is practice (exposure, assertiveness, activation).
EVERYDAY_CALL = re.compile(
    r"(?:call|ring|phone|e-?mail|text|message|contact|book|write\s+to)\s+(?:the\s+|a\s+|an\s+|her\s+|his\s+|my\s+|your\s+)?"
    r"(?:dentist|hairdresser|barber|bank|landlord|council|gym|restaurant|shop|garage|plumber|tutor|teacher|lecturer|boss"
    r"|manager|employer|friend|neighbour|airline|optician|vet|visit|trip|class|table|ticket|flight|holiday|lesson|course"
    r"|taster|place\s+on)\b",
    _I,
)
RESCHEDULE = re.compile(r"(?:not\s+)?re-?(?:schedul|book)\w*", _I)
LET_KNOW = re.compile(
    r"let\s+(?:me|us|the\s+(?:therapist|clinic|team|service|office)|(?:the\s+)?group\s+(?:leaders?|facilitators?))\s+know\b",
    _I,
)


_CONDITION = re.compile(r"^if\s+[^,]{1,40},\s*", _I)
# Whose line it is, in a list of actions by person: "Client: body scan …", "Therapist: send …".
OWNER_LABEL = re.compile(
    r"(?P<owner>client|clt|pt|patient|yp|therapist|clinician|counsell?or|both|we|us|me|(?-i:T|C)|mum|mom|dad|parents?"
    r"|partner|husband|wife|school|gp|team|service)\s*+:\s*+",
    _I,
)
CLIENT_OWNER = re.compile(r"client|clt|pt|patient|yp|(?-i:C)", _I)
BARE_COMMITMENT = re.compile(
    r"(?:the\s+)?(?:client|clt|pt|patient|yp|she|he|they|you|i)\s+(?:will|to|is\s+to|agreed(?:\s+to)?|plans\s+to)\s*:?",
    _I,
)
BRING = re.compile(r"(?:(?:[\w'’]+\s+){1,2}?(?:to|will|is\s+to)\s+)?bring\b", _I)


@lru_cache(maxsize=512)
def _keep_sentence(text: str) -> bool:
    if text.endswith("?") or WE_WILL.match(text) or _not_the_clients(text):
        return False
    match = _commitment(text)
    history = HISTORY.search(text)
    if history and not (match and FUTURE.search(match.group()) and history.start() > match.end()):
        # History vetoes, except inside the task of a promise still to keep: "She will keep the
        # mood diary she started last week".
        return False
    if match is not None and match.start() > 0 and _imperative(text):
        return True  # "Write a letter she will not send": the imperative is the task
    if match is not None:
        before = text[: match.start()]
        prediction = PREDICTION.search(text, match.start())
        if (
            REPORTED.search(before)
            or _negated(text, match)
            or (prediction and prediction.start() < match.end())
        ):
            return False
        if NOT_A_TASK.match(text, match.end()):
            return False
        return not THERAPIST_TASK.match(text) and not _therapist_first_person(text, match)
    subjectless = SUBJECTLESS.match(text)
    if subjectless:
        rest = text[subjectless.end() :]
        return not NEGATION.match(rest.lstrip()) and not PREDICTION.match("will " + rest.lstrip())
    return _imperative(text)


def _therapist_first_person(text: str, match: re.Match[str]) -> bool:
    """ "I will send her the handout": in a therapist's notes, first person is the therapist."""
    return match.re is FIRST_PERSON and bool(THERAPIST_TASK.match(text[match.end() :].lstrip()))


def _imperative(text: str) -> bool:
    text = CUE_FIRST.sub("", LEAD_IN.sub("", text))  # "When you notice the urge to check, wait 15 minutes …"
    return bool(IMPERATIVE.match(text)) and not NOUN_PRACTICE.match(text) and not THERAPIST_TASK.match(text)


LEAD_IN = re.compile(
    r"^(?:(?:as\s+(?:agreed|discussed|planned)|between\s+now\s+and\s+(?:then|(?:the\s+|our\s+)?next\s+(?:session|meeting|appointment|time))"
    r"|for\s+(?:next|this)\s+week|this\s+week"
    r"|over\s+the\s+(?:next|coming)\s+\w+|also|first(?:ly)?|second(?:ly)?|third(?:ly)?|finally|lastly)\s*+,?\s*+)+(?:please\s+)?",
    _I,
)
CUE_FIRST = re.compile(r"^(?:when|whenever|if|after|before|each\s+time|every\s+time)\b[^,;.]{1,80},\s*", _I)


@lru_cache(maxsize=512)
def _keep_section_item(text: str) -> bool:
    """Everything in an action section is an item, except history, questions and the therapist's tasks."""
    if text.endswith("?") or HISTORY.search(text) or PAST_START.match(text) or WE_WILL.match(text):
        return False
    if (
        (THERAPIST_TASK.match(text) and not EVERYDAY_CALL.match(text) and not CLIENT_PREPARES.match(text))
        or REPORTED.search(text)
        or _not_the_clients(text)
        or (REFUSED.match(text) and not NOT_BE_DOING_HABIT.search(text))
    ):
        return False
    match = _commitment(text)
    if match is not None and len(text[: match.start()].split()) <= 1:
        # Only a commitment that opens the item can be refused: "write a letter she will not
        # send" is a task.
        return not _negated(text, match) and not _therapist_first_person(text, match)
    return True
