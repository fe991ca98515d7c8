"""Find action items in session text with plain, explainable rules: no network, no AI.

``extract_action_items(text)`` returns the items a therapist is likely to want to
turn into homework, each with its tidied text, a guessed kind of homework and its
span in the original text. The rules are documented in docs/action-items.md;
in short:

1. **Sections.** A heading such as "Homework", "Plan", "For next week",
   "Between sessions" or "Action items" (any case, with or without a colon,
   ``## Homework`` and ``**Homework**`` too) opens a section. Every bullet,
   numbered line or plain line in it is an item, until another heading, a blank
   line after plain lines, or a plain paragraph after the bullets.
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
4. **Kind** by keywords: the action's verb first ("Read …" is reading), then
   the earliest keyword in the item.

This module does not need Django, so a practice can swap it for its own
extractor (setting ``MALLARD_ACTION_ITEM_EXTRACTOR``) as long as that returns
the same ``ActionItem`` values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import time

# Above this many characters the extractor returns no items at all: session
# notes are capped at 20,000 characters, so a longer text is a paste accident.
MAX_TEXT_CHARS = 100_000
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


@dataclass(frozen=True)
class ActionItem:
    """One action item: ``source_text[start:end]`` is where it was written."""

    text: str
    kind: str | None
    start: int
    end: int
    recurrence: str | None = (
        None  # "once" | "daily" | "weekdays" | "times_per_week" (== homework.models.Recurrence values)
    )
    times_per_week: int | None = None
    weekdays: tuple[int, ...] = ()  # 0 = Monday
    time_of_day: time | None = None  # datetime.time
    cue: str | None = None  # e.g. "after stand-up"
    minutes: int | None = None


Extractor = Callable[[str], list[ActionItem]]

_I = re.IGNORECASE

# --- Headings ---------------------------------------------------------------------------------

_WHEN = (
    r"(?:the\s+)?(?:next\s+(?:week|session|time|appointment)|this\s+week|the\s+(?:coming\s+)?week"
    r"|(?:the\s+)?coming\s+week|the\s+week\s+ahead)"
)
ACTION_HEADING = re.compile(
    r"(?:(?:agreed|suggested|new|this\s+week'?s|her|his|their|my|client'?s)\s+)?"
    r"(?:"
    r"home\s*work|hw|h/w|assignments?|tasks?|actions?|action\s+(?:items?|points?|steps?)"
    r"|next\s+steps?|to\s*-?\s*dos?(?:\s+list)?|practice|plan|p|my\s+plan|agreed\s+actions?"
    r"|things\s+to\s+(?:practi[sc]e|try|do)|what\s+i\s+(?:want|plan|am\s+going|'m\s+going)\s+to\s+"
    r"(?:practi[sc]e|try|do)|what\s+i'?ll\s+(?:practi[sc]e|try|do)"
    r"|between[\s-]+sessions?(?:\s+(?:tasks?|work|practice|homework|plan))?"
    rf"|for\s+{_WHEN}|before\s+{_WHEN}|until\s+{_WHEN}|over\s+{_WHEN}|this\s+week"
    r")"
    r"(?:\s+(?:set|agreed|given))?"
    rf"(?:\s+(?:for|until|before|over)\s+{_WHEN})?"
    r"(?:\s*\([^)]{0,40}\))?",
    _I,
)
MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+(?P<label>.+?)\s*#*\s*$")
# "Label: rest" where the label is at most six words.
LABEL_LINE = re.compile(
    r"^\s*(?:\*\*|__)?(?P<label>[A-Za-z][A-Za-z0-9'’/&()\- ]{0,48}?)(?:\*\*|__)?\s*:(?:\*\*|__)?"
    r"(?!//)\s*(?P<rest>.*?)\s*$"
)
BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(?P<label>[^*_]{1,50})(?:\*\*|__)\s*:?\s*$")
UPPER_LINE = re.compile(r"^\s*(?P<label>[A-Z][A-Z0-9 '/&\-]{2,40}):?\s*$")

# --- Lines ------------------------------------------------------------------------------------

BULLET = re.compile(
    r"^(?P<indent>[ \t]*)(?:[-*•●▪◦‣–—+>·]|\(?\d{1,2}[.)]|\(?[a-z][.)](?=\s))(?:\s*\[[ xX]?\])?[ \t]+(?=\S)"
)
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|(?<=[!?])\s+")

# --- Commitments ------------------------------------------------------------------------------

_NAME_STOPWORDS = {
    "the", "this", "that", "these", "those", "it", "there", "here", "what", "which", "who", "how",
    "work", "next", "homework", "therapy", "session", "today", "tomorrow", "tonight", "plan", "she",
    "he", "they", "we", "you", "i", "client", "patient", "pt", "and", "but", "so", "then", "also",
    "if", "when", "hopefully", "maybe", "perhaps", "mum", "mom", "dad", "everyone", "nobody",
}  # fmt: skip
SUBJECT = r"(?:(?i:the\s+client|client|pt|patient|she|he|they|you)|(?P<name>[A-Z][a-z]+))"
COMMIT = (
    r"(?:will|'ll|’ll|has\s+agreed\s+to|agreed\s+to|agreed\s+that\s+(?:she|he|they|I)\s+(?:will|would)"
    r"|(?:is|are|'s|’s|'re|’re)\s+(?:planning|going|hoping)\s+to|plans?\s+to|intends?\s+to|hopes?\s+to"
    r"|(?:has\s+)?committed\s+to|wants?\s+to\s+(?:try|practi[sc]e|start|work\s+on|keep)"
    r"|would\s+like\s+to\s+(?:try|practi[sc]e|start)|(?:is|are)\s+to|(?:is|are|'s|’s)\s+gonna)"
)
THIRD_PERSON = re.compile(rf"\b{SUBJECT}(?:\s+(?i:also\s+|then\s+|now\s+)?|(?=['’]))(?i:{COMMIT})\b")
FIRST_PERSON = re.compile(
    r"\bI(?:\s+(?:(?:also|then|really|just|definitely)\s+)?(?:will|shall|plan\s+to|intend\s+to|am\s+(?:going|planning|hoping)\s+to|promise\s+to"
    r"|(?:want|would\s+like|need)\s+to\s+(?:try|practi[sc]e|start|keep|work\s+on|remember\s+to)"
    r"|am\s+committing\s+to|am\s+gonna)|['’](?:ll|m\s+(?:going|planning|hoping)\s+to|m\s+gonna"
    r"|d\s+like\s+to\s+(?:try|practi[sc]e|start)))\b"
)
WE_AGREED = re.compile(
    r"\bwe\s+(?:have\s+|both\s+)?agreed\s+(?:on|to|that|she|he|they|I|you|the|a|an|[a-z]+ing)\b", _I
)
SUBJECTLESS = re.compile(
    r"^(?:also\s+|then\s+)?(?:will|agreed\s+to|has\s+agreed\s+to|plans?\s+to|planning\s+to"
    r"|going\s+to|gonna|intends?\s+to|to\s+(?=(?:try|practi[sc]e|do|complete|keep|read|write|use|fill)\b))\b",
    _I,
)
IMPERATIVE = re.compile(
    r"^(?:please\s+)?(?:"
    r"practi[sc]e|try|complete|fill\s+(?:in|out)|re-?read|read|journal|meditate|breathe"
    r"|keep\s+(?:a|an|the|up|track|doing|going|practi[sc]ing|using|writing|noting|your|her|his)"
    r"|do\s+(?:a|an|the|one|two|three|four|five|some|your|daily|\d)"
    r"|write\s+(?:a|an|down|about|in|out|three|\d|your|some)|use\s+(?:a|an|the|your|paced|box|this)"
    r"|listen\s+to|schedule\s+(?:a|an|one|two|three|some|\d|time|pleasant)|notice|track|continue"
    r"|record\s+(?:a|your|any|when|how|each|every)|spend|set\s+(?:a|an|up|aside|one|some)"
    r"|go\s+(?:to|for|out)|take\s+(?:a|an|the|\d)|start|begin|test|plan\s+(?:a|an|one|two|to)"
    r"|catch|challenge|identify|rate|drop|resist|stay|ask|say|tell|call|phone|text|walk|attend|join"
    r"|experiment|remember\s+to|make\s+(?:a|an|time|one|two)|stick\s+with|aim\s+to|note"
    r")\b",
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
    r"|\b(?:discussed|talked\s+about|explored|wondered|asked|unsure|not\s+sure)\s+(?:whether|if|how|what|why)\b",
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
    r"\s*(?:feel|be\s+(?!\w+ing\b)|become|get\s+better|have\s+(?!a\s+go\b)|look\s+forward|enjoy)", _I
)
PREDICTION = re.compile(
    r"\b(?:will|'ll|’ll)\s+(?:probably|likely|possibly|maybe|perhaps|need|find|feel|struggle|have|get"
    r"|see\s+(?:how|if|whether)|be\s+(?!\w+ing\b))",
    _I,
)
THERAPIST_TASK = re.compile(
    r"^(?:(?:I|we|therapist|clinician)\s+(?:will|'ll|’ll|to|plan\s+to|am\s+going\s+to)\s+)?"
    r"(?:review|revisit|discuss|explore|assess|reassess|re-assess|monitor\s+risk|risk\b|f/u|follow[\s-]?up"
    r"|refer|liaise|book|re-?book|send|e-?mail|contact|consider|formulat|supervis|next\s+(?:session|appt|appointment)"
    r"|continue\s+(?:with\s+)?(?:cbt|therapy|sessions?|weekly|fortnightly|treatment|current\s+plan|as\s+planned|with\s+plan)"
    r"|(?:write|letter)\s+to\s+(?:the\s+)?(?:gp|doctor|psychiatrist|school)|call\s+(?:the\s+)?(?:gp|doctor|psychiatrist)"
    r"|check\s+in\s+with|ask\s+(?:her|him|them)\s+about|print|prepare|update\s+(?:the\s+)?(?:notes|plan|formulation)"
    r"|introduce|teach|explain|go\s+through|show\s+(?:her|him|them)|give\s+(?:her|him|them))",
    _I,
)
WE_WILL = re.compile(r"^\s*(?:we|therapist|clinician)\s+(?:will|'ll|’ll|are\s+going\s+to)\b", _I)

CLAUSE_SPLIT = re.compile(
    r"\s*;\s*"
    r"|,?\s+(?:and|but|so|then|whereas|while)\s+(?:then\s+|also\s+)?"
    r"(?=(?:[a-z]+\s+){0,3}?(?:I|I['’]m|I['’]ll|we|she|he|they|you|client|the\s+client|pt|[A-Z][a-z]+)\s+"
    r"(?:also\s+|then\s+)?(?:will|['’]ll|agreed|has|is|plans?|intends?|wants?|am|discussed|talked|said|reported|tried))",
)
SEMICOLON = re.compile(r"\s*;\s*")
LEADING_JUNK = re.compile(r"^[\s\-–—*•·:,;]+|^(?:and|but|so|then|also)\s+", _I)
TRAILING_JUNK = re.compile(r"[\s.;,:\-–—]+$")

# --- Kinds ------------------------------------------------------------------------------------

VERB_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\b(?:re-?read|read|look\s+(?:over|at|through)\s+the\s+(?:handout|leaflet|chapter))\b", _I
        ),
        READING,
    ),
    (re.compile(r"\bjournal\b", _I), JOURNAL),
    (re.compile(r"\bmeditate\b", _I), RELAXATION),
)
KIND_KEYWORDS: dict[str, re.Pattern[str]] = {
    THOUGHT_RECORD: re.compile(
        r"\b(?:thought\s+(?:records?|diary|diaries|log|logs|sheets?|monitoring)|hot\s+thoughts?"
        r"|automatic\s+thoughts?|negative\s+automatic|NATs?\b|evidence|balanced\s+thoughts?"
        r"|alternative\s+thoughts?|(?:7|seven)[\s-]+columns?|thinking\s+(?:traps?|errors?)"
        r"|cognitive\s+distortions?|(?:catch|challenge|notice|write\s+down)\s+(?:the\s+|her\s+|his\s+|my\s+|your\s+)?"
        r"(?:negative\s+)?thoughts?|(?:dysfunctional\s+)?thought\s+records?)",
        _I,
    ),
    BEHAVIORAL_EXPERIMENT: re.compile(
        r"\b(?:behaviou?ral\s+experiments?|experiments?|test\s+(?:out\s+)?(?:the|this|that|her|his|my|your|a)\s+"
        r"(?:belief|prediction|thought|assumption|fear|theory)|predictions?|predict"
        r"|(?:notice|see|find\s+out)\s+(?:whether|if|what\s+(?:actually\s+|really\s+)?happens))",
        _I,
    ),
    JOURNAL: re.compile(
        r"\b(?:journal(?:l?ing)?|diary|write\s+(?:about|a\s+(?:letter|few\s+lines|paragraph)|freely)"
        r"|gratitude|grateful|(?:three|3)\s+good\s+things|expressive\s+writing|unsent\s+letter"
        r"|write\s+down\s+(?:three|3|one|two|some)\s+(?:things|moments))",
        _I,
    ),
    RELAXATION: re.compile(
        r"\b(?:breath(?:e|ing)?|relax(?:ation|ing)?|pmr|progressive\s+muscle|body\s+scan|meditat(?:e|ion|ing)"
        r"|mindful(?:ness)?|grounding|5-4-3-2-1|calm\s+app|headspace|guided\s+(?:audio|recording|imagery)"
        r"|safe\s+place\s+imagery|yoga)",
        _I,
    ),
    READING: re.compile(
        r"\b(?:re-?read|read(?:ing)?|handouts?|chapters?|articles?|leaflets?|booklet|psycho-?education"
        r"|(?:information\s+)?sheet\s+(?:on|about)|worksheets?\s+(?:on|about)|watch\s+(?:the|a)\s+video|podcast)\b",
        _I,
    ),
    SKILL_PRACTICE: re.compile(
        r"\b(?:exposures?|expose|ladder|hierarchy|suds|assertive(?:ly|ness)?|boundar(?:y|ies)|say(?:ing)?\s+no"
        r"|ask(?:ing)?\s+(?:(?:her|his|my|their|the|a|your)\s+\w+\s+)?for"
        r"|i[\s-]statements?|dear\s+man|role[\s-]?play|speak(?:ing)?\s+up|eye\s+contact|response\s+prevention"
        r"|resist(?:ing)?\s+(?:the\s+)?urges?|without\s+(?:checking|reassurance|safety)|stay\s+(?:in|at|until)"
        r"|social\s+(?:situation|event|skills)|small\s+talk|phone\s+call|make\s+(?:a\s+)?(?:phone\s+)?call)",
        _I,
    ),
}


def classify_kind(text: str) -> str | None:
    """The kind of homework the item sounds like, or None when no keyword fits.

    The action's verb decides first ("Read the handout on exposure" is reading);
    otherwise the keyword that comes earliest in the item wins, so "thought diary"
    is a thought record although "diary" alone is journaling.
    """
    action = _action_part(text)
    for pattern, kind in VERB_KINDS:
        if pattern.match(action):
            return kind
    best: tuple[int, int] | None = None
    chosen: str | None = None
    for order, kind in enumerate(KINDS):
        match = KIND_KEYWORDS[kind].search(text)
        if match and (best is None or (match.start(), order) < best):
            best, chosen = (match.start(), order), kind
    return chosen


def _action_part(text: str) -> str:
    """The words after the commitment: "Client agreed to read X" → "read X"."""
    for pattern in (THIRD_PERSON, FIRST_PERSON, WE_AGREED):
        match = pattern.search(text)
        if match:
            text = text[match.end() :]
            break
    text = re.sub(
        r"^\s*(?:to\s+)?(?:try\s+(?:to\s+)?|also\s+|then\s+|start\s+(?:to\s+)?|keep\s+)?", "", text, flags=_I
    )
    return SUBJECTLESS.sub("", text).lstrip()


# --- Extraction -------------------------------------------------------------------------------


def extract_action_items(text: str) -> list[ActionItem]:
    """The action items in ``text``, in the order they appear.

    Empty, whitespace-only or over-long (``MAX_TEXT_CHARS``) text gives no items.
    """
    if not text or len(text) > MAX_TEXT_CHARS or text.isspace():
        return []
    return _Scanner(text).scan()


@dataclass(frozen=True)
class _Heading:
    is_action: bool
    rest_start: int
    rest_end: int


class _Scanner:
    """Walks the text line by line, keeping track of whether it is inside an action section."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.items: list[ActionItem] = []
        self.paragraph: list[tuple[int, int]] = []  # prose lines waiting to be read as sentences

    def scan(self) -> list[ActionItem]:
        in_section = False
        section_bullets = False  # the section is a bulleted list
        section_items = False  # the section has produced an item
        blank_before = False
        last_was_bullet = False  # the previous line was a bullet item (continuations extend it)
        for start, end in _lines(self.text):
            raw = self.text[start:end]
            if not raw.strip():
                self._flush()
                blank_before, last_was_bullet = True, False
                continue
            heading = self._heading(raw, start)
            if heading is not None:
                self._flush()
                in_section, section_bullets, section_items = heading.is_action, False, False
                last_was_bullet = blank_before = False
                if heading.rest_end > heading.rest_start:
                    if heading.is_action:
                        section_items = self._section_line(heading.rest_start, heading.rest_end)
                    else:
                        self.paragraph.append((heading.rest_start, heading.rest_end))
                continue
            bullet = BULLET.match(raw)
            if in_section and bullet:
                section_bullets = True
                last_was_bullet = self._add(start + bullet.end(), end, in_section=True)
                section_items = section_items or last_was_bullet
            elif in_section and last_was_bullet and not blank_before and _continues(raw):
                self._extend_last(end)
            elif in_section and not section_bullets and not (blank_before and section_items):
                section_items = self._section_line(start, end) or section_items
            else:
                in_section = last_was_bullet = False
                if bullet or blank_before:
                    self._flush()
                self.paragraph.append((start + bullet.end(), end) if bullet else (start, end))
                if bullet:
                    self._flush()
            blank_before = False
        self._flush()
        return self.items

    def _flush(self) -> None:
        if self.paragraph:
            self._prose(self.paragraph[0][0], self.paragraph[-1][1])
            self.paragraph.clear()

    def _heading(self, raw: str, offset: int) -> _Heading | None:
        for pattern in (MARKDOWN_HEADING, BOLD_LINE, UPPER_LINE):
            match = pattern.match(raw)
            if match:
                return _Heading(_is_action_label(match.group("label")), offset, offset)
        match = LABEL_LINE.match(raw)
        if match and len(match.group("label").split()) <= 6:
            rest_start, rest_end = offset + match.start("rest"), offset + match.end("rest")
            return _Heading(_is_action_label(match.group("label")), rest_start, rest_end)
        if len(raw) <= 60 and _is_action_label(raw):
            return _Heading(True, offset, offset)
        return None

    def _section_line(self, start: int, end: int) -> bool:
        """A plain line in an action section: each sentence (or part between semicolons) is an item."""
        found = False
        for sentence_start, sentence_end in _pieces(self.text, start, end, SENTENCE_END):
            for piece_start, piece_end in _pieces(self.text, sentence_start, sentence_end, SEMICOLON):
                found = self._add(piece_start, piece_end, in_section=True) or found
        return found

    def _prose(self, start: int, end: int) -> None:
        for sentence_start, sentence_end in _pieces(self.text, start, end, SENTENCE_END):
            if self.text[sentence_start:sentence_end].rstrip().endswith("?"):
                continue
            for clause_start, clause_end in _pieces(self.text, sentence_start, sentence_end, CLAUSE_SPLIT):
                self._add(clause_start, clause_end, in_section=False)

    def _add(self, start: int, end: int, *, in_section: bool) -> bool:
        span = _trim(self.text, start, end)
        if span is None:
            return False
        start, end = span
        text = _tidy(self.text[start:end])
        if len(text) > MAX_ITEM_CHARS or not re.search(r"[A-Za-z]{2}", text):
            return False
        if not (_keep_section_item(text) if in_section else _keep_sentence(text)):
            return False
        self.items.append(ActionItem(text=text, kind=classify_kind(text), start=start, end=end))
        return True

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
            self.items[-1] = ActionItem(text=text, kind=classify_kind(text), start=span[0], end=span[1])


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


def _continues(raw: str) -> bool:
    """A wrapped line of the item above: indented, or starting in lower case."""
    return raw[:1] in (" ", "\t") or raw.lstrip()[:1].islower()


def _is_action_label(raw: str) -> bool:
    return ACTION_HEADING.fullmatch(_label(raw)) is not None


def _label(raw: str) -> str:
    label = re.sub(r"[*_#]+", " ", raw)
    label = label.strip().rstrip(":：").strip()
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
    for pattern in (THIRD_PERSON, FIRST_PERSON, WE_AGREED):
        for match in pattern.finditer(text):
            name = match.groupdict().get("name")
            if name and name.lower() in _NAME_STOPWORDS:
                continue
            return match
    return None


def _negated(text: str, match: re.Match[str]) -> bool:
    """A negation inside the commitment or in the three words after it."""
    window = text[match.start() : match.end()]
    after = " ".join(text[match.end() :].split()[:3])
    return bool(
        NEGATION.search(window) or NEGATION.search(after) or re.search(r"\bnot\s+$", text[: match.start()])
    )


def _keep_sentence(text: str) -> bool:
    if text.endswith("?") or HISTORY.search(text) or WE_WILL.match(text):
        return False
    match = _commitment(text)
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
    return bool(IMPERATIVE.match(text)) and not NOUN_PRACTICE.match(text) and not THERAPIST_TASK.match(text)


def _keep_section_item(text: str) -> bool:
    """Everything in an action section is an item, except history, questions and the therapist's tasks."""
    if text.endswith("?") or HISTORY.search(text) or PAST_START.match(text) or WE_WILL.match(text):
        return False
    if THERAPIST_TASK.match(text) or REPORTED.search(text):
        return False
    match = _commitment(text)
    if match is not None:
        return not _negated(text, match) and not _therapist_first_person(text, match)
    return True
