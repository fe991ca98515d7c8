"""The questionnaires' wording, pinned string for string against the copies cited in docs/measures.md.

The expected strings below are typed out from those copies, not built from the module under
test, so an edit to an item, the stem, the answers, the difficulty question or the notice fails.
"""

from __future__ import annotations

import pytest

from measures.instruments import GAD7, INSTRUMENTS, PHQ9, get_instrument

# The developers' PHQ-9 form.
PHQ9_STEM = "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
PHQ9_ITEMS = [
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so "
    "fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
]
PHQ9_DIFFICULTY = (
    "If you checked off any problems, how difficult have these problems made it for you to do "
    "your work, take care of things at home, or get along with other people?"
)
PHQ9_DIFFICULTY_ANSWERS = [
    "Not difficult at all",
    "Somewhat difficult",
    "Very difficult",
    "Extremely difficult",
]

# The developers' GAD-7 form.
GAD7_STEM = "Over the last 2 weeks, how often have you been bothered by the following problems?"
GAD7_ITEMS = [
    "Feeling nervous, anxious or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid as if something awful might happen",
]

ANSWERS = [
    (0, "Not at all"),
    (1, "Several days"),
    (2, "More than half the days"),
    (3, "Nearly every day"),
]
NOTICE = (
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with "
    "an educational grant from Pfizer Inc. No permission required to reproduce, translate, display "
    "or distribute."
)


def test_it_has_the_phq9_items_word_for_word_in_order() -> None:
    assert list(PHQ9.items) == PHQ9_ITEMS
    assert PHQ9.item_count == 9
    assert PHQ9.items[8].startswith("Thoughts that you would be better off dead")


def test_it_has_the_gad7_items_word_for_word_in_order() -> None:
    assert list(GAD7.items) == GAD7_ITEMS
    assert GAD7.item_count == 7


def test_it_has_each_stem_as_printed() -> None:
    assert PHQ9.stem == PHQ9_STEM
    assert GAD7.stem == GAD7_STEM


def test_it_offers_the_same_four_answers_on_both() -> None:
    assert list(PHQ9.answers) == ANSWERS
    assert list(GAD7.answers) == ANSWERS
    assert PHQ9.answer_label(2) == "More than half the days"
    with pytest.raises(ValueError, match="no answer 4"):
        GAD7.answer_label(4)


def test_only_the_phq9_asks_the_unscored_difficulty_question() -> None:
    assert PHQ9.difficulty_question == PHQ9_DIFFICULTY
    assert list(PHQ9.difficulty_answers) == PHQ9_DIFFICULTY_ANSWERS
    assert GAD7.difficulty_question is None
    assert GAD7.difficulty_answers == ()


def test_both_carry_the_developers_notice() -> None:
    assert PHQ9.copyright == NOTICE
    assert GAD7.copyright == NOTICE


def test_it_knows_each_instruments_names_and_range() -> None:
    assert (PHQ9.code, PHQ9.short_name, PHQ9.max_total) == ("phq9", "PHQ-9", 27)
    assert (GAD7.code, GAD7.short_name, GAD7.max_total) == ("gad7", "GAD-7", 21)
    assert PHQ9.max_total == 3 * PHQ9.item_count
    assert GAD7.max_total == 3 * GAD7.item_count


def test_it_finds_instruments_by_code() -> None:
    assert INSTRUMENTS == {"phq9": PHQ9, "gad7": GAD7}
    assert get_instrument("phq9") is PHQ9
    assert get_instrument("gad7") is GAD7


@pytest.mark.parametrize("code", ["PHQ9", "phq-9", "gad2", "", None, 9])
def test_it_refuses_unknown_codes(code: object) -> None:
    with pytest.raises(ValueError, match="Unknown instrument"):
        get_instrument(code)  # type: ignore[arg-type]


def test_instruments_are_frozen() -> None:
    with pytest.raises(AttributeError):
        PHQ9.stem = "changed"  # type: ignore[misc]
