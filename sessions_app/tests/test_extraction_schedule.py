"""Each schedule form the extractor reads, one row each, as a one-item homework list."""

from __future__ import annotations

from datetime import time

import pytest

from sessions_app.extraction import (
    DAILY,
    ONCE,
    TIMES_PER_WEEK,
    WEEKDAYS,
    extract_action_items,
    read_schedule,
    read_schedule_words,
)

WEEK = (0, 1, 2, 3, 4)


def _schedule(line: str) -> tuple[object, ...]:
    [item] = extract_action_items(f"Homework:\n- {line}\n")
    return (item.recurrence, item.times_per_week, item.weekdays, item.time_of_day, item.cue, item.minutes)


# (line, recurrence, times_per_week, weekdays)
HOW_OFTEN = [
    # Daily
    ("Body scan every day", DAILY, None, ()),
    ("Paced breathing daily", DAILY, None, ()),
    ("PMR nightly", DAILY, None, ()),
    ("Journal each morning", DAILY, None, ()),
    ("Gratitude list each evening", DAILY, None, ()),
    ("Paced breathing twice daily", DAILY, None, ()),
    ("Box breathing 3x a day", DAILY, None, ()),
    ("Gratitude journaling (3 items/night)", DAILY, None, ()),
    ("PMR bd", DAILY, None, ()),
    ("Activity diary Mon-Sun", DAILY, None, ()),
    # Times a week
    ("Walk 3 times a week", TIMES_PER_WEEK, 3, ()),
    ("Thought record 3x/week", TIMES_PER_WEEK, 3, ()),
    ("Exposure step twice this week", TIMES_PER_WEEK, 2, ()),
    ("Thought records, aim for 3 this week", TIMES_PER_WEEK, 3, ()),
    ("TR x3/wk", TIMES_PER_WEEK, 3, ()),
    ("Walk 3x weekly", TIMES_PER_WEEK, 3, ()),
    ("Lunch away from the desk three days this week", TIMES_PER_WEEK, 3, ()),
    ("Listen to the recording every other day", TIMES_PER_WEEK, 3, ()),
    # Days
    ("Yoga on Tuesdays", WEEKDAYS, None, (1,)),
    ("Walk every Sat", WEEKDAYS, None, (5,)),
    ("Swim Mon/Thu", WEEKDAYS, None, (0, 3)),
    ("Yoga Tue & Thu", WEEKDAYS, None, (1, 3)),
    ("Walk on weekdays", WEEKDAYS, None, WEEK),
    ("Long walk at weekends", WEEKDAYS, None, (5, 6)),
    ("Breathing Mon–Fri", WEEKDAYS, None, WEEK),
    ("Breathing every weekday", WEEKDAYS, None, WEEK),
    # Once, with the named day as the day it is due
    ("Behavioural experiment: speak up once in the meeting", ONCE, None, ()),
    ("Read the leaflet by Friday", ONCE, None, (4,)),
    ("Fill in the form before Thursday", ONCE, None, (3,)),
    ("Visit the park this weekend", ONCE, None, (5,)),
    ("Read chapter 2 before the next session", ONCE, None, ()),
    # Not supported by the words: left for the form to ask
    ("Walk 37 times a week", None, None, ()),
    ("Walk 0 times a week", None, None, ()),
    ("Read the handout", None, None, ()),
    ("Fill in the thought record for the Sunday lunch", None, None, ()),  # an event, not a day
    ("Don't check the locks more than once", None, None, ()),
]


@pytest.mark.parametrize(("line", "recurrence", "per_week", "days"), HOW_OFTEN)
def test_how_often(line: str, recurrence: str | None, per_week: int | None, days: tuple[int, ...]) -> None:
    assert _schedule(line)[:3] == (recurrence, per_week, days)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Worry time at 9pm", time(21, 0)),
        ("Worry time at 7.30pm", time(19, 30)),
        ("Wind down at 6:30 pm", time(18, 30)),
        ("Walk at 18:30", time(18, 30)),
        ("Breathing at 8am", time(8, 0)),
        ("Worry time 6-6:15pm", time(18, 0)),
        ("Worry time at 25:00", None),
        ("Worry time in the evening", None),
    ],
)
def test_time_of_day(line: str, expected: time | None) -> None:
    assert _schedule(line)[3] == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Breathing 10 min", 10),
        ("Journal for ten minutes", 10),
        ("Do a 3-minute breathing space", 3),
        ("Walk for about 20 minutes", 20),
        ("Walk for half an hour", 30),
        ("Mindfulness 10m daily", 10),
        ("Get out of bed if not asleep after 20 minutes", None),  # a threshold, not how long
        ("Breathing for 0 minutes", None),
        ("Rate SUDS every 5 min", None),  # how often to rate, not how long
    ],
)
def test_minutes(line: str, expected: int | None) -> None:
    assert _schedule(line)[5] == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Walk after dinner", "after dinner"),
        ("Breathing after I drop the kids at school", "after I drop the kids at school"),
        ("Body scan when he gets into bed", "when he gets into bed"),
        ("Grounding before work", "before work"),
        ("Breathing space after stand-up", "after stand-up"),
        ("Read the handout before Thursday", None),  # a deadline
        ("Read the handout before the next session", None),  # a deadline
        ("Rate mood before and after", None),
        # A day inside the event: the cue is the whole event, not a dangling "before the".
        ("Paced breathing before the Friday meeting", "before the Friday meeting"),
        ("Grounding after the Monday stand-up", "after the Monday stand-up"),
        ("Breathing before the Friday", None),
    ],
)
def test_cue(line: str, expected: str | None) -> None:
    assert _schedule(line)[4] == expected


# A limit is the task itself, not how long a practice takes: the item is still proposed, and its
# minutes stay empty so the form asks. A practice's length stays minutes.
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("cut the news down to 30 minutes a day", None),
        ("limit gaming to 1 hour a day", None),
        ("no more than 20 minutes of checking", None),
        ("Limit social media to 30 minutes a day", None),
        ("limit mirror checking to 2 x 1 min a day", None),
        ("Instagram limit - 1 hr/day", None),
        ("Spend no more than 2 hours on the essay", None),
        ("Reduce worry time to 15 minutes", None),
        ("Phone in the drawer, scrolling 20 minutes max", None),
        ("walk for 20 minutes", 20),
        ("a 3-minute breathing space", 3),
        ("Delay handwashing by 15 minutes", 15),  # a wait is how long the practice takes
        ("limit gaming to 1 hour a day and walk for 20 minutes", 20),  # the practice after the limit
    ],
)
def test_a_limit_is_not_how_long_it_takes(line: str, expected: int | None) -> None:
    [item] = extract_action_items(f"Homework:\n- {line}\n")[-1:]
    assert item.text and item.minutes == expected


# A cue stops at a clock time, which is the time of day: "after breakfast at 7am".
@pytest.mark.parametrize(
    ("line", "cue", "at"),
    [
        ("Walk after breakfast at 7am", "after breakfast", time(7, 0)),
        ("Meditate when I get home at 6.30pm", "when I get home", time(18, 30)),
        ("Read before bed at 10pm", "before bed", time(22, 0)),
        ("Journal after work, at 18:00", "after work", time(18, 0)),
        ("Body scan before bed 10pm", "before bed", time(22, 0)),
        ("Breathing after lunch at 13:15", "after lunch", time(13, 15)),
        ("Breathing after lunch around 1pm", "after lunch", time(13, 0)),
        ("breathing after lunch at one thirty pm", "after lunch", time(13, 30)),
        ("Worry time after dinner at 7 p.m. for 15 minutes", "after dinner", time(19, 0)),
    ],
)
def test_a_cue_stops_at_a_clock_time(line: str, cue: str, at: time) -> None:
    assert _schedule(line)[3:5] == (at, cue)


def test_one_item_can_say_everything() -> None:
    assert _schedule("PMR 10 min at 9pm after the kids are in bed, Mon/Wed/Fri") == (
        WEEKDAYS,
        None,
        (0, 2, 4),
        time(21, 0),
        "after the kids are in bed",
        10,
    )


def test_it_says_where_each_field_was_read() -> None:
    """The spans a title leaves out (``ProposedAction.title``): each points at its own words."""
    text = "Walk at 7am for 20 minutes every morning after breakfast (she has been napping after lunch)"
    schedule, words = read_schedule_words(text)
    assert schedule == read_schedule(text)
    said = {name: [text[start:end] for start, end in spans] for name, spans in words.items()}
    assert said == {
        "recurrence": ["every morning"],
        "time_of_day": ["7am"],
        "cue": ["after breakfast"],
        "minutes": ["for 20 minutes"],
    }
    _, counted = read_schedule_words("Read a chapter a week")
    assert counted["recurrence"] == [(15, 21)]  # "a week": "a chapter" is the task


@pytest.mark.parametrize(
    "line",
    [
        "You agreed to journal about what matters to you at work on Sunday evening",
        "We agreed you'll journal about what matters to you at work on Sunday evening",
        "Journal about what matters to you at work on Sunday evening",
    ],
)
def test_a_day_with_its_part_of_the_day_is_one_once_on_that_day(line: str) -> None:
    """ "on Sunday evening" says the day; the words read for it are the day's, and a title made
    without them (``lib.without_schedule``) takes the part of the day with it."""
    [item] = extract_action_items(f"Homework:\n- {line}\n")
    assert (item.text, item.kind, item.recurrence, item.weekdays) == (line, "journal", ONCE, (6,))
    _, words = read_schedule_words(line)
    [(start, end)] = words["recurrence"]
    assert "Sunday" in line[start:end]


# A practice done twice a day at two moments: the schedule stays daily (an assignment has one
# slot a day, and "twice daily" is daily), the cue keeps both moments, and every word that says
# when is read, so a title made without them keeps nothing of them ("… and before bed").
# (line, cue, the words read for how often, the words read for the cue)
TWO_MOMENTS = [
    (
        "Practise the body scan twice a day, after waking and before bed",
        "after waking and before bed",
        ["twice a day"],
        ["after waking and before bed"],
    ),
    (
        "Paced breathing twice a day, after breakfast and after dinner",
        "after breakfast and after dinner",
        ["twice a day"],
        ["after breakfast and after dinner"],
    ),
    (
        "Paced breathing twice daily, after breakfast and before bed",
        "after breakfast and before bed",
        ["daily"],  # its "twice" goes with it in a title (``lib.without_schedule``)
        ["after breakfast and before bed"],
    ),
    (
        "Body scan twice daily, after breakfast, and before bed",
        "after breakfast and before bed",
        ["daily"],  # its "twice" goes with it in a title (``lib.without_schedule``)
        ["after breakfast, and before bed"],
    ),
    ("Body scan twice a day, morning and evening", None, ["twice a day", "morning and evening"], []),
    ("Practise the body scan every morning and evening", None, ["every morning and evening"], []),
    ("Practise the body scan morning and evening", None, ["morning and evening"], []),
    (
        "Walk after breakfast and after dinner every day",
        "after breakfast and after dinner",
        ["every day"],
        ["after breakfast and after dinner"],
    ),
]


@pytest.mark.parametrize(("line", "cue", "often", "moments"), TWO_MOMENTS)
def test_two_moments_a_day_are_daily_with_both_in_the_cue(
    line: str, cue: str | None, often: list[str], moments: list[str]
) -> None:
    [item] = extract_action_items(f"Homework:\n- {line}\n")
    assert (item.recurrence, item.times_per_week, item.weekdays, item.cue) == (DAILY, None, (), cue)
    _, words = read_schedule_words(line)
    assert [line[start:end] for start, end in words["recurrence"]] == often
    assert [line[start:end] for start, end in words["cue"]] == moments


@pytest.mark.parametrize(
    ("line", "cue"),
    [
        ("Breathing when anxious and before bed", "when anxious and before bed"),
        # A deadline after "and" is no second moment, and "before and after" is no cue at all.
        ("Breathing after lunch and before Thursday", "after lunch"),
        ("Rate mood before and after", None),
    ],
)
def test_a_second_moment_after_and_joins_the_cue(line: str, cue: str | None) -> None:
    assert _schedule(line)[4] == cue
