"""Plain helpers for action items that do not need Django: when two wordings are one agreement."""

from __future__ import annotations

import re

# Words that say when or how often, or carry no meaning of their own: two wordings of one
# agreement often differ only in these ("Thought record three times a week, after dinner").
_FILLER = frozenset({
    "a", "an", "the", "to", "for", "and", "or", "of", "in", "on", "at", "with", "by", "from", "into",
    "up", "out", "it", "its", "this", "that", "these", "those", "my", "your", "her", "his", "their",
    "our", "i", "you", "she", "he", "they", "we", "client", "pt", "patient", "will", "would", "agreed",
    "agree", "plans", "plan", "going", "try", "keep", "continue", "again", "also", "then", "just",
    "more", "some", "one", "two", "three", "four", "five", "six", "seven", "once", "twice", "times",
    "time", "every", "each", "day", "days", "daily", "week", "weeks", "weekly", "night", "nights",
    "morning", "mornings", "evening", "evenings", "afternoon", "after", "before", "when", "minute",
    "minutes", "mins", "min", "hour", "hours", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "do", "doing", "practise",
    "practice", "practising", "practicing",
})  # fmt: skip
_WORD = re.compile(r"[a-z][a-z'’-]*")


def _stem(word: str) -> str:
    word = word.replace("’", "'").strip("'-")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def key_words(text: str) -> frozenset[str]:
    """The words that say what the item is: lower-case, roughly singular, without filler."""
    return frozenset(
        _stem(w) for w in _WORD.findall(text.lower()) if w not in _FILLER and _stem(w) not in _FILLER
    )


def same_agreement(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two items' key words name one agreement: most of the shorter's words are in the longer.

    "Thought record three times a week, after dinner" and "Thought record three times a week,
    after dinner, for one moment anxiety spiked" are one; "Paced breathing" and "Body scan" are two.
    """
    if not a or not b:
        return False
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    shared = len(shorter & longer)
    if len(shorter) == 1:
        return shared == 1 and len(longer) <= 3
    return shared / len(shorter) >= 0.75 or shared / len(a | b) >= 0.6


# Verbs and nouns that say only that something is done, and what is left of a count: "Go to the gym
# x2" and "Gym twice this week", "Use the breathing app" and "Breathing exercises with the app".
_GENERIC = frozenset({
    "go", "get", "use", "complete", "fill", "make", "have", "take", "start", "begin", "spend", "aim",
    "remember", "exercise", "session", "about", "over", "than", "nightly", "weeknight", "weekday",
    "weekend", "today", "tonight", "tomorrow", "am", "pm", "wk", "hr", "hrs",
})  # fmt: skip


def _task_stem(word: str) -> str:
    """One form for "walking" and "walk", "journalling" and "journal", "breathe" and "breathing"."""
    word = _stem(word)
    if word.endswith("ing") and len(word) > 4:
        word = word[:-3]
    word = word.removesuffix("e") if len(word) > 2 else word
    return word[:-1] if len(word) > 3 and word[-1] == word[-2] else word


_GENERIC_STEMS = frozenset(_task_stem(word) for word in _GENERIC)


def task_words(text: str) -> frozenset[str]:
    """``key_words`` read more loosely, for telling whether two wordings in one session are one task:
    one form of each word, without verbs that only say something is done."""
    return frozenset(_task_stem(w) for w in key_words(text) if len(w) > 1) - _GENERIC_STEMS


# A line that heads the plan: "Plan:", "## Summary", "P:", "Agreed plan", "**Session summary**".
_PLAN_HEADING = re.compile(
    r"[ \t#*_>-]*+(?:[\w'’-]+[ \t]+){0,2}?(?:plan|summary|p|agreed|agreements?)\b"
    r"[^:\n]{0,40}?[ \t*_]*+(?::|$)",
    re.IGNORECASE,
)
_ANY_HEADING = re.compile(r"[ \t]*+(?:#|\*\*|__)|[^\n]{1,60}:[ \t*_]*+$")


def in_plan_section(text: str, start: int) -> bool:
    """Whether the item at ``start`` is written under the plan or summary of its text: on a
    "Plan: …" line, or below the nearest heading above it when that heading is a plan's."""
    line_start = text.rfind("\n", 0, start) + 1
    label = text[line_start:start].rstrip()
    if label.endswith(":") and _PLAN_HEADING.fullmatch(label):
        return True
    while line_start > 0:
        end = line_start - 1
        line_start = text.rfind("\n", 0, end) + 1
        line = text[line_start:end]
        if _ANY_HEADING.match(line):
            return bool(_PLAN_HEADING.fullmatch(line.rstrip()))
    return False


# A task whose content is to stop or cut down on something: "Cut down to two coffees a day",
# "Stop checking the locks", "No screens in bed", "Don't reread old messages".
_LIMIT = re.compile(
    r"\s*(?:stop|quit|cut\s+(?:down|back|out)|reduce|limit|avoid|give\s+up|no|don['’]?t|do\s+not|never|less"
    r"|fewer|drop|resist|hold\s+off|delay|postpone|cap)\b",
    re.IGNORECASE,
)


def is_a_limit(task: str) -> bool:
    """Whether the task is to stop or do less of something, which "smaller" and "stop" could be
    read the wrong way round for: a smaller limit is a harder one."""
    return bool(_LIMIT.match(task))


def cue_blank(cue: str) -> str:
    """ "after stand-up" → "stand-up": the assignment's cue is the blank in "After ___"."""
    return re.sub(r"^\s*after\s+", "", cue.strip(), flags=re.IGNORECASE)[:200]


def matches_title(item: frozenset[str], title: frozenset[str]) -> bool:
    """An item names an assignment when it has every key word of the assignment's title."""
    return bool(title) and title <= item


# --- A title without the schedule's words --------------------------------------------------------

Span = tuple[int, int]

# Words that only lead into a schedule: "on Mon/Thu", "at 9pm", "every day".
_LEADS_IN = re.compile(r"(?:\b(?:on|every|each|at|by|in|for|around|about|during)\s++)+$", re.IGNORECASE)
# The count before a rate: "1 per day", "twice daily", "three times a day".
_COUNT = re.compile(
    r"\b(?:\d{1,3}|one|two|three|four|five|six|seven|once|twice)(?:\s*+(?:x|times))?\s*+$", re.I
)
_RATE = re.compile(r"(?:a|per|/|x|times|daily|nightly|weekly)\b", re.IGNORECASE)
# Before schedule words that end the text: "Read the leaflet, and by Friday" → "Read the leaflet".
_ENDING = re.compile(r"(?:[\s,;:/&+(–—-]|\b(?:and|or|then|but)\b)+$", re.IGNORECASE)
# What may stand between two parts of one schedule: "Tue/Thu", "Tuesday and Thursday", "daily, 9pm".
_JOINS = re.compile(r"(?:[\s,/&+]|\b(?:and|or)\b)*", re.IGNORECASE)
# A limit or a wait is the task itself, not how long it takes: "no more than 30 minutes", "wait 15 minutes".
_THE_TASK_BEFORE = re.compile(
    r"\b(?:than|to|under|below|max(?:imum)?|most|within|wait|delay|postpone|off)\s+$", re.IGNORECASE
)
_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_MARK = re.compile(r"\s+(?=[,;:.)])")
_EMPTY_BRACKETS = re.compile(r"\(\s*[,;:]?\s*\)")
_DOUBLE_MARKS = re.compile(r"([,;:])(?:\s*[,;:])+")
_EDGES = re.compile(r"^[\s,;:./&+)–—-]+|[\s,;:/&+(–—-]+$")


# The part of a day that follows a day's name: "on Sunday evening" is one phrase, removed whole.
_DAY_BEFORE = re.compile(
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|(?:mon|tues|wednes|thurs|fri|satur|sun)days?)\.?$",
    re.IGNORECASE,
)
_PART_OF_DAY = re.compile(r"[ \t]++(?:morning|afternoon|evening|night|lunchtime)s?\b", re.IGNORECASE)


def _whole_day(text: str, start: int, end: int) -> int:
    """The end of a span that names a day, with the part of the day after it ("Sunday evening")."""
    if _DAY_BEFORE.search(text, start, end) and (part := _PART_OF_DAY.match(text, end)):
        return part.end()
    return end


def without_schedule(text: str, words: dict[str, list[Span]]) -> str:
    """``text`` without the words that gave its schedule (``words``: spans by field, from
    ``extraction.read_schedule_words``), and the words that only led into them.

    "Walk for 20 minutes every morning after breakfast" → "Walk". A limit or a wait keeps its
    minutes ("Limit social media to 30 minutes a day" → "Limit social media to 30 minutes"),
    and words between two schedule parts that are not a joiner stay.
    """
    spans = sorted(
        span
        for name, found in words.items()
        for span in found
        if not (name == "minutes" and _THE_TASK_BEFORE.search(text, 0, span[0]))
    )
    spans = [(start, _whole_day(text, start, end)) for start, end in spans]
    merged: list[Span] = []
    for start, end in spans:
        if merged and (start <= merged[-1][1] or _JOINS.fullmatch(text, merged[-1][1], start)):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    kept = []
    last = 0
    for start, end in merged:
        before = text[last:start]
        if _RATE.match(text, start) and (count := _COUNT.search(before)):
            before = before[: count.start()]
        if lead := _LEADS_IN.search(before):
            before = before[: lead.start()]
        if not text[end:].strip(" .;,:"):
            before = _ENDING.sub("", before)
        kept.append(before)
        last = end
    kept.append(text[last:])
    title = _SPACE_BEFORE_MARK.sub("", _SPACES.sub(" ", " ".join(kept)))
    title = _EDGES.sub("", _DOUBLE_MARKS.sub(r"\1", _EMPTY_BRACKETS.sub("", title)))
    title = _SPACES.sub(" ", title).strip()
    return title[:1].upper() + title[1:]
