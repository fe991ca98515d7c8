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


def matches_title(item: frozenset[str], title: frozenset[str]) -> bool:
    """An item names an assignment when it has every key word of the assignment's title."""
    return bool(title) and title <= item
