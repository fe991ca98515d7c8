"""The PHQ-9 and the GAD-7, word for word as their developers publish them. Pure Python: no Django.

The wording is copied, never paraphrased, from the developers' printable forms (the copies
cited in ``docs/measures.md``), and ``measures/tests/test_instruments.py`` pins every string.
Both questionnaires carry their developers' notice: no permission is required to reproduce,
translate, display or distribute them.
"""

from __future__ import annotations

from dataclasses import dataclass

ANSWERS: tuple[tuple[int, str], ...] = (
    (0, "Not at all"),
    (1, "Several days"),
    (2, "More than half the days"),
    (3, "Nearly every day"),
)

COPYRIGHT = (
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, "
    "with an educational grant from Pfizer Inc. No permission required to reproduce, "
    "translate, display or distribute."
)


@dataclass(frozen=True)
class Instrument:
    """One questionnaire: what the client reads, in the order they read it, and its range."""

    code: str
    short_name: str
    name: str
    stem: str
    items: tuple[str, ...]
    copyright: str
    max_total: int
    answers: tuple[tuple[int, str], ...] = ANSWERS
    # An unscored last question (the PHQ-9's), and its answers from least to most difficult.
    difficulty_question: str | None = None
    difficulty_answers: tuple[str, ...] = ()

    @property
    def item_count(self) -> int:
        return len(self.items)

    @property
    def answer_values(self) -> tuple[int, ...]:
        return tuple(value for value, _label in self.answers)

    def answer_label(self, value: int) -> str:
        """The words of answer ``value`` ("Several days" for 1); ValueError for any other value."""
        for answer, label in self.answers:
            if answer == value:
                return label
        raise ValueError(f"{self.short_name} has no answer {value!r}")


PHQ9 = Instrument(
    code="phq9",
    short_name="PHQ-9",
    name="Patient Health Questionnaire-9",
    stem="Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    items=(
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself \N{EM DASH} or that you are a failure or have let yourself "
        "or your family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite "
        "\N{EM DASH} being so fidgety or restless that you have been moving around a lot more "
        "than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ),
    copyright=COPYRIGHT,
    max_total=27,
    difficulty_question=(
        "If you checked off any problems, how difficult have these problems made it for you to "
        "do your work, take care of things at home, or get along with other people?"
    ),
    difficulty_answers=(
        "Not difficult at all",
        "Somewhat difficult",
        "Very difficult",
        "Extremely difficult",
    ),
)

GAD7 = Instrument(
    code="gad7",
    short_name="GAD-7",
    name="Generalized Anxiety Disorder 7-item scale",
    stem="Over the last 2 weeks, how often have you been bothered by the following problems?",
    items=(
        "Feeling nervous, anxious or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid as if something awful might happen",
    ),
    copyright=COPYRIGHT,
    max_total=21,
)

INSTRUMENTS: dict[str, Instrument] = {PHQ9.code: PHQ9, GAD7.code: GAD7}

# The PHQ-9 item about thoughts of being better off dead or of self-harm (1-based, as printed).
PHQ9_ITEM9 = 9


def get_instrument(code: str) -> Instrument:
    """The instrument called ``code`` ("phq9" or "gad7"); ValueError for any other code."""
    try:
        return INSTRUMENTS[code]
    except (KeyError, TypeError):
        raise ValueError(f"Unknown instrument {code!r}") from None
