"""Worksheet forms: one per kind of homework, plus "How did it go?".

Every field is optional to the browser. A form knows its core (★) fields and
asks for them only when the client finishes (``submit=True``); a draft keeps
whatever was typed. Ratings are range-checked either way.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any, ClassVar, cast

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.db.models import Model

from homework.models import (
    Assignment,
    AutomaticThought,
    BehavioralExperiment,
    Entry,
    FurtherExperiment,
    JournalEntry,
    Kind,
    LogStatus,
    Mood,
    ReadingReflection,
    RelaxationPractice,
    SkillPractice,
    ThoughtRecord,
)
from homework.selectors import entries as entry_selectors
from homework.services import MoodData, Outcome, ThoughtData
from mallard.fields import LimitedTextField

NEEDED = " (needed to finish)"
SCALE_100 = "0 = not at all, 100 = the most you can imagine."
SCALE_10 = "0 = none at all, 10 = the most you can imagine."
MAX_ROWS = 20

YES_NO = [("yes", "Yes"), ("no", "No")]
TRI_STATE = {"yes": True, "no": False, "": None}


def _text(
    model: type[Model], name: str, label: str, *, rows: int = 3, help_text: str = ""
) -> forms.CharField:
    """A free-text answer, limited to the model's documented length."""
    max_length = getattr(model._meta.get_field(name), "max_length", None)
    widget: forms.Widget = forms.Textarea(attrs={"rows": rows}) if rows > 1 else forms.TextInput()
    return LimitedTextField(
        label=label, required=False, max_length=max_length, widget=widget, help_text=help_text
    )


def rating(label: str, low: int, high: int, help_text: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=low,
        max_value=high,
        help_text=help_text,
        error_messages={
            "min_value": f"Use a number from {low} to {high}.",
            "max_value": f"Use a number from {low} to {high}.",
            "invalid": f"Use a whole number from {low} to {high}.",
        },
        widget=forms.NumberInput(attrs={"min": low, "max": high, "inputmode": "numeric"}),
    )


def _choice(label: str, choices: list[tuple[str, str]], help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, required=False, widget=forms.RadioSelect, help_text=help_text
    )


def _tri(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


# --- The worksheet forms -------------------------------------------------------------------------


class EntryForm(forms.Form):
    """Base: knows the core fields (required only to finish) and its layout."""

    model: ClassVar[type[Entry]]
    core: ClassVar[tuple[str, ...]] = ()
    missing: ClassVar[dict[str, str]] = {}
    tri_state: ClassVar[tuple[str, ...]] = ()
    sections: ClassVar[list[tuple[str, tuple[str, ...]]]] = []
    # Fields the assignment already answers: form field -> assignment field. They start filled in
    # (the client may change them); a saved draft's own answer wins.
    from_assignment: ClassVar[dict[str, str]] = {}
    # The worksheet's own minutes question, if it has one. It is then the only minutes question on
    # the page: "How did it go?" hides its own and the log takes this answer.
    minutes_field: ClassVar[str] = ""

    def __init__(
        self, *args: Any, assignment: Assignment, submit: bool = False, entry: Entry | None = None, **kw: Any
    ) -> None:
        if entry is not None and "initial" not in kw:
            kw["initial"] = self.initial_from(entry)
        super().__init__(*args, **kw)
        self.assignment = assignment
        self.submit = submit
        for name, attribute in self.from_assignment.items():
            if name in self.fields and self.initial.get(name) in (None, ""):
                self.initial[name] = getattr(assignment, attribute)
        for name in self.core:
            field = self.fields[name]
            field.label = f"{field.label}{NEEDED}"
            field.widget.attrs["aria-required"] = "true"
        self.helper = FormHelper()
        self.helper.form_tag = False
        if self.sections:
            self.helper.layout = Layout(*(Fieldset(legend, *names) for legend, names in self.sections))

    def initial_from(self, entry: Entry) -> dict[str, Any]:
        initial = {name: getattr(entry, name) for name in self.base_fields if hasattr(entry, name)}
        for name in self.tri_state:
            initial[name] = _tri(initial.get(name))
        return initial

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in self.tri_state:
            if name in cleaned:
                cleaned[name] = TRI_STATE.get(cleaned[name])
        # A draft may leave anything empty; finishing needs the core fields.
        for name in self.core if self.submit else ():
            if name not in self.errors and cleaned.get(name) in (None, ""):
                self.add_error(name, self.missing.get(name, "Please fill this in to finish."))
        return cleaned

    @property
    def asks_minutes(self) -> bool:
        return bool(self.minutes_field) and self.minutes_field in self.fields

    def minutes_answer(self) -> int | None:
        """The minutes answered on the worksheet (call after validation)."""
        return self.cleaned_data.get(self.minutes_field) if self.asks_minutes else None

    def entry_fields(self) -> dict[str, Any]:
        """The model fields to save, from the cleaned data plus what the assignment sets."""
        return {name: self.cleaned_data[name] for name in self.base_fields if name in self.cleaned_data}


class ThoughtRecordStepOneForm(EntryForm):
    """Step 1 in the worksheet's order (docs/homework.md): the situation, the moods, the automatic
    thoughts with the hot one marked (``hot``, the moods and thoughts are formsets beside this
    form), then how much the hot thought is believed."""

    model = ThoughtRecord
    situation = _text(ThoughtRecord, "situation", "Situation", help_text="Who, what, when, where?")
    hot = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    hot_belief = rating("How much do you believe the hot thought? (0–100)", 0, 100, SCALE_100)

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        # The situation is core, but step 1 is only ever saved as a draft; Finish is on step 2.
        self.fields["situation"].label = f"Situation{NEEDED}"

    def initial_from(self, entry: Entry) -> dict[str, Any]:
        if not isinstance(entry, ThoughtRecord):
            return {}
        hot = next((i for i, t in enumerate(entry.thoughts.all()) if t.is_hot), None)
        return {"situation": entry.situation, "hot": hot, "hot_belief": entry.hot_belief}

    def entry_fields(self) -> dict[str, Any]:
        return {"situation": self.cleaned_data["situation"], "hot_belief": self.cleaned_data["hot_belief"]}

    @property
    def hot_value(self) -> str:
        value = self.data.get("hot", "") if self.is_bound else self.initial.get("hot")
        return "" if value is None else str(value)


def _row_number(prefix: str | None) -> str:
    """ "moods-2" is row 3: labels say which row they belong to."""
    tail = (prefix or "").rpartition("-")[2]
    return str(int(tail) + 1) if tail.isdigit() else ""


class MoodForm(forms.Form):
    name = LimitedTextField(label="Mood", required=False, max_length=Mood._meta.get_field("name").max_length)
    intensity = rating("How strong (0–100)", 0, 100, "")

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        if row := _row_number(self.prefix):
            self.fields["name"].label = f"Mood {row}"
            self.fields["intensity"].label = f"Mood {row}: how strong (0–100)"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        name, intensity = cleaned.get("name"), cleaned.get("intensity")
        if name and intensity is None and "intensity" not in self.errors:
            self.add_error("intensity", "Rate how strong this mood is, from 0 to 100.")
        if not name and intensity is not None:
            self.add_error("name", "Name the mood you rated.")
        return cleaned


class ThoughtForm(forms.Form):
    text = LimitedTextField(
        label="Thought or image",
        required=False,
        max_length=AutomaticThought._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        if row := _row_number(self.prefix):
            self.fields["text"].label = f"Thought or image {row}"


MoodFormSet = forms.formset_factory(MoodForm, extra=3, max_num=MAX_ROWS, absolute_max=MAX_ROWS + 3)
ThoughtFormSet = forms.formset_factory(ThoughtForm, extra=3, max_num=MAX_ROWS, absolute_max=MAX_ROWS + 3)


class ThoughtRecordStepTwoForm(EntryForm):
    model = ThoughtRecord
    evidence_for = _text(
        ThoughtRecord, "evidence_for", "Evidence that supports the hot thought", rows=4,
        help_text="Facts only, as a court would accept them.",
    )  # fmt: skip
    evidence_against = _text(
        ThoughtRecord, "evidence_against", "Evidence that does not support the hot thought", rows=4
    )
    alternative_thought = _text(
        ThoughtRecord, "alternative_thought", "Alternative or balanced thought", rows=3,
        help_text="A way of seeing it that takes all the evidence into account.",
    )  # fmt: skip
    alternative_belief = rating(
        "How much do you believe the alternative or balanced thought? (0–100)", 0, 100, SCALE_100
    )
    hot_belief_after = rating("How much do you believe the hot thought now? (0–100)", 0, 100, SCALE_100)
    NAMES = (
        "evidence_for",
        "evidence_against",
        "alternative_thought",
        "alternative_belief",
        "hot_belief_after",
    )

    def __init__(self, *args: Any, moods: list[Mood] | None = None, **kw: Any) -> None:
        self.moods = moods or []
        super().__init__(*args, **kw)
        for mood in self.moods:
            self.fields[self.mood_field(mood)] = rating(
                f"{mood.name}: how strong now? (0–100, first rated {mood.intensity})", 0, 100, SCALE_100
            )
            if mood.rerating is not None and not self.is_bound:
                self.initial[self.mood_field(mood)] = mood.rerating
        sections = [Fieldset("Looking at the evidence", *self.NAMES)]
        if self.moods:
            sections.append(Fieldset("Re-rate your moods", *(self.mood_field(m) for m in self.moods)))
        self.helper.layout = Layout(*sections)

    @staticmethod
    def mood_field(mood: Mood) -> str:
        return f"rerating_{mood.pk}"

    def mood_data(self) -> list[MoodData]:
        return [
            MoodData(name=m.name, intensity=m.intensity, rerating=self.cleaned_data.get(self.mood_field(m)))
            for m in self.moods
        ]

    def entry_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.NAMES}


class BehavioralExperimentForm(EntryForm):
    model = BehavioralExperiment
    core = ("belief", "belief_strength", "experiment")
    missing = {
        "belief": "Write down the belief you are testing.",
        "belief_strength": "Rate how strongly you believe it, from 0 to 100.",
        "experiment": "Describe what you will do, where and when.",
    }
    belief = _text(BehavioralExperiment, "belief", "The belief I am testing")
    belief_strength = rating(
        "How strongly I believe it (0–100%)", 0, 100, "0 = not at all, 100 = completely."
    )
    experiment = _text(BehavioralExperiment, "experiment", "The experiment: what I will do, where and when")
    prediction = _text(BehavioralExperiment, "prediction", "My prediction: what I expect to happen")
    prediction_confidence = rating("How confident I am in the prediction (0–100%)", 0, 100, SCALE_100)
    safety_behaviours = _text(BehavioralExperiment, "safety_behaviours", "Safety behaviours I will drop")
    outcome = _text(BehavioralExperiment, "outcome", "Outcome: what actually happened")
    outcome_vs_prediction = _text(
        BehavioralExperiment, "outcome_vs_prediction", "How does the outcome fit my prediction?"
    )
    learned = _text(BehavioralExperiment, "learned", "What I learned")
    belief_rerating = rating("How strongly I believe the original belief now (0–100%)", 0, 100, SCALE_100)
    alternative_belief = _text(BehavioralExperiment, "alternative_belief", "An alternative belief (optional)")
    alternative_belief_strength = rating("How strongly I believe the alternative (0–100%)", 0, 100, SCALE_100)
    further_experiment_needed = _choice("Is a further experiment needed?", FurtherExperiment.choices)
    sections = [
        ("Before the experiment", ("belief", "belief_strength", "experiment", "prediction",
                                   "prediction_confidence", "safety_behaviours")),
        ("After the experiment", ("outcome", "outcome_vs_prediction", "learned", "belief_rerating",
                                  "alternative_belief", "alternative_belief_strength",
                                  "further_experiment_needed")),
    ]  # fmt: skip


class JournalForm(EntryForm):
    model = JournalEntry
    core = ("text",)
    missing = {"text": "Write a few words; even one sentence counts."}
    text = _text(JournalEntry, "text", "Your entry", rows=10)
    mood_before = rating("Mood before writing (0–10, optional)", 0, 10, "0 = very low, 10 = very good.")
    mood_after = rating("Mood after writing (0–10, optional)", 0, 10, "0 = very low, 10 = very good.")
    is_private = forms.BooleanField(
        label="Keep this entry private — your therapist will see only that you did it",
        required=False,
    )
    sections = [("Your entry", ("mood_before", "text", "mood_after", "is_private"))]

    def entry_fields(self) -> dict[str, Any]:
        return {**super().entry_fields(), "prompt": self.assignment.prompt or self.assignment.instructions}


class RelaxationForm(EntryForm):
    model = RelaxationPractice
    core = ("technique", "minutes")
    missing = {
        "technique": "Which technique did you practise?",
        "minutes": "How many minutes did you practise? Use a number from 1 to 600.",
    }
    technique = _text(RelaxationPractice, "technique", "Technique", rows=1)
    minutes = rating("Minutes practised (1–600)", 1, 600, "")
    tension_before = rating("Tension or stress before (0–10)", 0, 10, SCALE_10)
    tension_after = rating("Tension or stress after (0–10)", 0, 10, SCALE_10)
    comments = _text(
        RelaxationPractice, "comments", "Comments", rows=4,
        help_text="What relaxed, what you noticed in your body, any images.",
    )  # fmt: skip
    sections = [("Your practice", ("technique", "minutes", "tension_before", "tension_after", "comments"))]
    from_assignment: ClassVar[dict[str, str]] = {"technique": "technique"}
    minutes_field = "minutes"


class ReadingForm(EntryForm):
    model = ReadingReflection
    core = ("was_read",)
    missing = {"was_read": "Tell us whether you read it (either answer is fine)."}
    tri_state = ("was_read",)
    was_read = _choice("I read it", YES_NO)
    takeaways = _text(ReadingReflection, "takeaways", "Key takeaways", rows=4)
    questions = _text(ReadingReflection, "questions", "Questions to bring to the next session", rows=3)
    sections = [("Your reflection", ("was_read", "takeaways", "questions"))]

    def entry_fields(self) -> dict[str, Any]:
        fields = super().entry_fields()
        fields["resource_title"] = self.assignment.resource_title or self.assignment.title
        return fields


class SkillPracticeForm(EntryForm):
    model = SkillPractice
    core = ("skill", "what_i_did")
    missing = {
        "skill": "Name the skill or situation you practised.",
        "what_i_did": "Describe what you did, in a sentence or two.",
    }
    tri_state = ("urge_resisted",)
    skill = _text(SkillPractice, "skill", "Skill or situation", rows=1)
    what_i_did = _text(SkillPractice, "what_i_did", "What I did", rows=4)
    suds_predicted = rating(
        "Distress I predicted (SUDS 0–100)", 0, 100, "0 = calm, 100 = the worst distress."
    )
    suds_peak = rating("Distress at its peak (SUDS 0–100)", 0, 100, "0 = calm, 100 = the worst distress.")
    suds_end = rating("Distress at the end (SUDS 0–100)", 0, 100, "0 = calm, 100 = the worst distress.")
    duration_minutes = rating("How long it lasted (minutes)", 0, 1440, "")
    safety_behaviours = _text(SkillPractice, "safety_behaviours", "Safety behaviours avoided or used")
    urge_rating = rating("Urge to escape or use a safety behaviour (0–100)", 0, 100, SCALE_100)
    urge_resisted = _choice("Did you resist the urge?", YES_NO)
    learned = _text(SkillPractice, "learned", "What I learned")
    EXPOSURE = ("suds_predicted", "suds_peak", "suds_end", "duration_minutes", "safety_behaviours",
                "urge_rating", "urge_resisted")  # fmt: skip

    from_assignment: ClassVar[dict[str, str]] = {"skill": "skill"}
    minutes_field = "duration_minutes"  # exposure only; other skill practice has no minutes field

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        sections = [Fieldset("What you practised", "skill", "what_i_did")]
        if self.assignment.is_exposure:
            sections.append(Fieldset("Exposure", *self.EXPOSURE))
        else:
            for name in self.EXPOSURE:
                del self.fields[name]
        sections.append(Fieldset("Looking back", "learned"))
        self.helper.layout = Layout(*sections)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        peak, end = cleaned.get("suds_peak"), cleaned.get("suds_end")
        if peak is not None and end is not None and end > peak and "suds_end" not in self.errors:
            self.add_error(
                "suds_end",
                f"The peak is the highest your distress got, so the end can't be above it ({peak}). "
                "Change one of the two.",
            )
        return cleaned

    def entry_fields(self) -> dict[str, Any]:
        return {**super().entry_fields(), "is_exposure": self.assignment.is_exposure}


FORMS: dict[str, type[EntryForm]] = {
    Kind.BEHAVIORAL_EXPERIMENT: BehavioralExperimentForm,
    Kind.JOURNAL: JournalForm,
    Kind.RELAXATION: RelaxationForm,
    Kind.READING: ReadingForm,
    Kind.SKILL_PRACTICE: SkillPracticeForm,
}


# --- How did it go? ------------------------------------------------------------------------------------


class OutcomeForm(forms.Form):
    log_status = forms.ChoiceField(
        label="What did you do?",
        choices=[(s.value, s.label) for s in (LogStatus.DONE, LogStatus.SMALLER, LogStatus.PARTLY)],
        widget=forms.RadioSelect,
        required=False,
    )
    log_minutes = rating("Minutes spent (optional)", 0, 1440, "")
    log_helpfulness = rating("How helpful was it? (0–10, optional)", 0, 10, "0 = not at all, 10 = very.")

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset("How did it go?", "log_status", "log_minutes", "log_helpfulness")
        )

    def suggest(self, status: LogStatus, message: str) -> None:
        """Ask again with ``status`` selected and ``message`` beside the choice."""
        # A copy of the QueryDict, not {**self.data}: that copies its lists, and the form would show
        # value="['']" in the boxes left empty.
        data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict or a dict, both copy
        data["log_status"] = status.value
        self.data = data
        self.add_error("log_status", message)

    def outcome(self) -> Outcome:
        return Outcome(
            status=LogStatus(self.cleaned_data["log_status"] or LogStatus.DONE),
            minutes_spent=self.cleaned_data["log_minutes"],
            helpfulness=self.cleaned_data["log_helpfulness"],
        )


# --- The bundle a page validates and saves ------------------------------------------------------------


# Step 2 of a thought record: with all three written, the whole record is filled in.
STEP_TWO_TEXT = ("evidence_for", "evidence_against", "alternative_thought")
# A behavioural experiment's "after" part: with both written, the experiment was done.
EXPERIMENT_AFTER_TEXT = ("outcome", "learned")


def worksheet_step(kind: str, requested: str | None) -> int:
    """Which page of the worksheet: a thought record has two steps, every other kind one."""
    return 2 if kind == Kind.THOUGHT_RECORD and requested == "2" else 1


def finishes(kind: str, *, action: str, step: int) -> bool:
    """Whether the button pressed finishes the entry. A thought record finishes only on step 2;
    step 1 is always saved as a draft."""
    return action == "finish" and not (kind == Kind.THOUGHT_RECORD and step == 1)


def _row_error(formset: forms.BaseFormSet, field: str, message: str) -> None:
    """An error beside the formset's first row, or above the rows when none was posted."""
    if formset.forms:
        formset.forms[0].add_error(field, message)
    else:
        formset.non_form_errors().append(message)


@dataclass
class EntryForms:
    """Everything one worksheet page posts: the kind's form, formsets on thought-record step 1,
    and "How did it go?" where the page can finish. It knows the page's step rules: which
    step it is, whether the button pressed finishes, and what still stops that."""

    form: EntryForm
    moods: forms.BaseFormSet | None = None
    thoughts: forms.BaseFormSet | None = None
    outcome: OutcomeForm | None = None
    entry: Entry | None = None
    action: str = "draft"
    step: int = 1
    logged_not_done: bool = False  # the day is logged as "not done": finishing must say what was done

    @property
    def submit(self) -> bool:
        """Finish was pressed where the page can finish (the core fields are then required)."""
        return finishes(self.form.assignment.kind, action=self.action, step=self.step)

    @cached_property
    def step_one_missing(self) -> list[str]:
        """Finishing a thought record on step 2 needs step 1, as saved, to be complete; until
        it is, the entry is saved as a draft and the client is told what step 1 still needs."""
        if not self.submit or self.form.assignment.kind != Kind.THOUGHT_RECORD:
            return []
        return entry_selectors.step_one_missing(self.entry)

    def is_valid(self) -> bool:
        parts = [self.form, self.moods, self.thoughts, self.outcome]
        results = [part.is_valid() for part in parts if part is not None]  # validate every part
        return (
            all(results)
            and self._hot_is_valid()
            and self._finished_step_one_is_whole()
            and self._keeps_not_done_unless_chosen()
            and self._outcome_is_honest()
        )

    @property
    def keeps_not_done(self) -> bool:
        """Saving changes to a finished worksheet over a day logged "not done", with nothing chosen
        under "How did it go?": the changes are saved and the day stays "not done" (call after
        validation)."""
        finished = self.entry is not None and not self.entry.is_draft
        outcome = self.outcome
        return (
            finished
            and self.submit
            and self.logged_not_done
            and outcome is not None
            and not outcome.cleaned_data.get("log_status")
        )

    def _keeps_not_done_unless_chosen(self) -> bool:
        """A day logged as "not done" (with its reason) is never logged as done by finishing the
        worksheet unasked: with nothing chosen under "How did it go?", the page asks and logs
        nothing. A finished worksheet's changes are saved and the day stays "not done"
        (``keeps_not_done``): its page has no draft to keep them in. A thought record whose step 1
        is incomplete is saved as a draft anyway."""
        outcome = self.outcome
        if not (self.submit and self.logged_not_done) or outcome is None or self.step_one_missing:
            return True
        if outcome.cleaned_data.get("log_status") or self.keeps_not_done:
            return True
        outcome.add_error(
            "log_status",
            "You logged this day as not done. Choose what you did, then finish; to keep “not done”, "
            "save it as a draft instead.",
        )
        return False

    def _outcome_is_honest(self) -> bool:
        """Finishing never logs "done" for what the worksheet itself says was not (yet) done."""
        outcome = self.outcome
        if not self.submit or outcome is None:
            return True
        kind = self.form.assignment.kind
        if kind == Kind.BEHAVIORAL_EXPERIMENT:
            return self._experiment_is_honest(outcome)
        if kind == Kind.READING:
            return self._reading_is_honest()
        if kind != Kind.THOUGHT_RECORD:
            return True
        return self._thought_record_is_honest(outcome)

    def _experiment_is_honest(self, outcome: OutcomeForm) -> bool:
        """An experiment with its "after" part empty is a plan: finishing with no status chosen
        asks, with nothing chosen, and logs nothing (the plan stays a draft until the client
        says). A partly filled "after" part asks the same way; the whole of it is done."""
        if outcome.cleaned_data.get("log_status"):
            return True  # the client chose
        filled = [bool(self.form.cleaned_data.get(name)) for name in EXPERIMENT_AFTER_TEXT]
        if all(filled):
            return True
        if any(filled):
            outcome.add_error(
                "log_status",
                "You filled in part of “After the experiment”. Choose what you did, then finish.",
            )
        else:
            outcome.add_error(
                "log_status",
                "“After the experiment” is still empty, so this is your plan. Save it as a draft "
                "and finish it after the experiment; or, if you have done it, choose what you did, "
                "then finish.",
            )
        return False

    def _reading_is_honest(self) -> bool:
        """ "I read it: No" and a log of it as done contradict each other: refused, nothing lost."""
        if self.form.cleaned_data.get("was_read") is not False:
            return True
        self.form.add_error(
            "was_read",
            "You said you haven't read it yet, so it can't be logged as done. Save it as a draft "
            "and finish once you've read it; if you won't read it this time, use “Not done this "
            "time” on Today to say why.",
        )
        return False

    def _thought_record_is_honest(self, outcome: OutcomeForm) -> bool:
        """Finishing a thought record with no status chosen: the status follows what was filled
        in. The whole record is done; step 1 alone suggests the smaller version and asks; a
        partly filled step 2 asks, with nothing chosen. Never "done" for half a record unasked."""
        if self.step_one_missing or outcome.cleaned_data.get("log_status"):
            return True  # sent back to step 1 as a draft, or the client chose
        filled = [bool(self.form.cleaned_data.get(name)) for name in STEP_TWO_TEXT]
        if all(filled):
            return True
        if any(filled):
            outcome.add_error("log_status", "You filled in part of step 2. Choose what you did, then finish.")
        else:
            outcome.suggest(
                LogStatus.SMALLER,
                "You filled in step 1, which is the smaller version, and that counts. "
                "Is that what you did? Choose, then finish.",
            )
        return False

    def _finished_step_one_is_whole(self) -> bool:
        """A finished thought record stays whole: saving its step 1 again needs what finishing
        needed (``entry_selectors.step_one_missing``), checked on what was typed. A draft's step 1
        may be saved in any state."""
        if self.moods is None or self.thoughts is None or self.entry is None or self.entry.is_draft:
            return True
        whole = True
        if not self.form.cleaned_data.get("situation"):
            self.form.add_error("situation", "This thought record is finished, so it needs its situation.")
            whole = False
        if not any(row.cleaned_data.get("name") for row in self.moods.forms):
            _row_error(self.moods, "name", "This thought record is finished, so it needs at least one mood.")
            whole = False
        thoughts = [row for row in self.thoughts.forms if row.cleaned_data.get("text")]
        if not thoughts:
            message = "This thought record is finished, so it needs at least one automatic thought."
            _row_error(self.thoughts, "text", message)
            whole = False
        elif len(thoughts) > 1 and self.form.cleaned_data.get("hot") is None:
            self.form.add_error("hot", "Mark which thought is the hot thought.")
            whole = False
        return whole

    def _hot_is_valid(self) -> bool:
        if self.thoughts is None:
            return True
        hot = self.form.cleaned_data.get("hot")
        rows = self.thoughts.forms
        if hot is not None and (hot >= len(rows) or not rows[hot].cleaned_data.get("text")):
            self.form.add_error("hot", "The thought marked as hot is empty. Mark one you have written.")
            return False
        return True

    def mood_data(self, existing: list[Mood]) -> list[MoodData] | None:
        if isinstance(self.form, ThoughtRecordStepTwoForm):
            return self.form.mood_data()
        if self.moods is None:
            return None
        reratings = {m.name.casefold(): m.rerating for m in existing}
        return [
            MoodData(name=f.cleaned_data["name"], intensity=f.cleaned_data["intensity"],
                     rerating=reratings.get(f.cleaned_data["name"].casefold()))
            for f in self.moods.forms
            if f.cleaned_data.get("name")
        ]  # fmt: skip

    def thought_data(self, existing: list[ThoughtData]) -> list[ThoughtData] | None:
        if isinstance(self.form, ThoughtRecordStepTwoForm):
            return existing
        if self.thoughts is None:
            return None
        hot = self.form.cleaned_data.get("hot")
        return [
            ThoughtData(text=f.cleaned_data["text"], is_hot=i == hot)
            for i, f in enumerate(self.thoughts.forms)
            if f.cleaned_data.get("text")
        ]

    def saved_answers(self, saved: Entry) -> list[tuple[str, str]]:
        """What ``saved`` says, question by question as this page asks them (empty ones left
        out), for a page whose entry was saved elsewhere meanwhile: the client compares, copies
        what they need, and chooses which to keep."""
        form = self.form
        values = form.initial_from(saved)
        answers: list[tuple[str, str]] = []
        if isinstance(saved, ThoughtRecord) and self.moods is not None:
            moods = ", ".join(f"{m.name} {m.intensity}" for m in saved.moods.all())
            answers.append(("Moods", moods))
            thoughts = [f"{t.text}{' (the hot thought)' if t.is_hot else ''}" for t in saved.thoughts.all()]
            answers.append(("Automatic thoughts or images", "\n".join(thoughts)))
        for name, field in form.fields.items():
            if isinstance(field.widget, forms.HiddenInput) or name not in values:
                continue
            value = values[name]
            if isinstance(field, forms.ChoiceField):
                value = dict(cast("list[tuple[str, str]]", field.choices)).get(value, "")
            elif isinstance(field, forms.BooleanField):
                value = "Yes" if value else "No"
            answers.append((str(field.label).removesuffix(NEEDED), "" if value is None else str(value)))
        if isinstance(saved, ThoughtRecord) and isinstance(form, ThoughtRecordStepTwoForm):
            reratings = ", ".join(
                f"{m.name} {m.rerating}" for m in saved.moods.all() if m.rerating is not None
            )
            answers.append(("Moods re-rated", reratings))
        return [(label, value) for label, value in answers if value]

    def save_kwargs(self) -> dict[str, Any]:
        """The arguments of ``services.save_entry``, from the valid forms."""
        entry = self.entry
        existing_moods = list(entry.moods.all()) if isinstance(entry, ThoughtRecord) else []
        existing_thoughts = (
            [ThoughtData(text=t.text, is_hot=t.is_hot) for t in entry.thoughts.all()]
            if isinstance(entry, ThoughtRecord)
            else []
        )
        return {
            "submit": self.submit and not self.step_one_missing and not self.keeps_not_done,
            "fields": self.form.entry_fields(),
            "moods": self.mood_data(existing_moods),
            "thoughts": self.thought_data(existing_thoughts),
            "outcome": self._outcome(),
        }

    def _outcome(self) -> Outcome | None:
        if self.outcome is None:
            return None
        outcome = self.outcome.outcome()
        if self.form.asks_minutes:  # the worksheet's minutes are the log's minutes too
            outcome = replace(outcome, minutes_spent=self.form.minutes_answer())
        return outcome


def build_entry_forms(
    *,
    assignment: Assignment,
    entry: Entry | None,
    data: Any,
    step: str | None,
    outcome_initial: dict[str, Any],
    logged_not_done: bool = False,
) -> EntryForms:
    """The page's forms for the requested ``step`` (the ``?step=`` value), bound to ``data``
    (a POST, whose ``action`` is the button pressed) or unbound when it is None.
    ``logged_not_done``: the day is logged as "not done", which finishing replaces only when
    the client chooses what they did."""
    action = data.get("action", "draft") if data else "draft"
    page = worksheet_step(assignment.kind, step)
    submit = finishes(assignment.kind, action=action, step=page)
    common: dict[str, Any] = {"assignment": assignment, "submit": submit, "entry": entry}
    rules: dict[str, Any] = {
        "entry": entry,
        "action": action,
        "step": page,
        "logged_not_done": logged_not_done,
    }
    outcome = OutcomeForm(data, initial=outcome_initial)
    if assignment.kind != Kind.THOUGHT_RECORD:
        form = FORMS[assignment.kind](data, **common)
        if form.asks_minutes:  # minutes are asked once, on the worksheet
            outcome.fields["log_minutes"].widget = forms.HiddenInput()
        return EntryForms(form=form, outcome=outcome, **rules)
    record = entry if isinstance(entry, ThoughtRecord) else None
    moods = list(record.moods.all()) if record else []
    if page == 2:
        form = ThoughtRecordStepTwoForm(data, moods=moods, **common)
        return EntryForms(form=form, outcome=outcome, **rules)
    thoughts = list(record.thoughts.all()) if record else []
    # Rows start from the saved record; once posted, the typed rows are the whole truth
    # (an initial row that was left unchanged must still count as filled in).
    mood_rows = [{"name": m.name, "intensity": m.intensity} for m in moods] if data is None else None
    thought_rows = [{"text": t.text} for t in thoughts] if data is None else None
    return EntryForms(
        form=ThoughtRecordStepOneForm(data, **common),
        moods=MoodFormSet(data, prefix="moods", initial=mood_rows),
        thoughts=ThoughtFormSet(data, prefix="thoughts", initial=thought_rows),
        **rules,
    )
