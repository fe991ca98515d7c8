"""What a page's forms found wrong, for the error summary at the top of every page.

``base.html`` asks ``form_problems`` (through the ``error_summary`` and ``error_title`` tags in
``mallard_tags``) which bound forms in the template context have errors, so every form a view puts
in its context gets the summary, the "Error: " title and the focus without any code of its own.
A form whose errors read better grouped (the questionnaires' unanswered questions) says its own
lines with a ``summary_problems()`` method. docs/architecture.md ("Forms and their errors")
describes the pattern.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.forms import BaseForm, BoundField
from django.forms.formsets import BaseFormSet


@dataclass(frozen=True)
class Link:
    """One link of a summary line about several controls: its visible ``text`` ("5"), the words
    only a screen reader hears before it (``hidden``: "Question "), and the control's id."""

    text: str
    target: str
    hidden: str = ""


@dataclass(frozen=True)
class Problem:
    """One line of the error summary: what is wrong, and the id of the control it is about
    (empty when no control on the page can fix it alone). A line about several controls has no
    single ``target`` but ``links``, one to each, listed after the message ("2, 5 and 9")."""

    message: str
    target: str
    links: tuple[Link, ...] = ()


def forms_in(values: Iterable[object]) -> Iterator[BaseForm | BaseFormSet]:
    """The forms and formsets among ``values``, and those one level down in a dict, list, tuple or
    dataclass (a view that passes ``{"form": ..., "moods": ...}`` or an ``EntryForms`` as one
    name). Looks only at exact types, so a lazy object (``user``, the context processors' values)
    or a query set is never evaluated to find out what it is."""
    seen: set[int] = set()
    for value in values:
        inner: Iterable[object]
        if type(value) is dict:
            inner = value.values()
        elif type(value) in (list, tuple):
            inner = value  # type: ignore[assignment]
        elif dataclasses.is_dataclass(kind := type(value)):  # the type: a lazy value would be evaluated
            inner = (getattr(value, f.name) for f in dataclasses.fields(kind))
        else:
            inner = (value,)
        for item in inner:
            if issubclass(type(item), (BaseForm, BaseFormSet)) and id(item) not in seen:
                seen.add(id(item))
                yield item  # type: ignore[misc]


def problems_of(forms: Iterable[BaseForm | BaseFormSet]) -> list[Problem]:
    """Every error of the bound forms in ``forms``, in the order the fields are on the form."""
    problems: list[Problem] = []
    for form in forms:
        if form.is_bound:
            problems.extend(
                _formset_problems(form) if isinstance(form, BaseFormSet) else _form_problems(form)
            )
    return problems


def problems_in_context(context: Mapping[Any, Any]) -> list[Problem]:
    return problems_of(forms_in(context.values()))


def _form_problems(form: BaseForm) -> list[Problem]:
    if not form.errors:
        return []
    own = getattr(form, "summary_problems", None)
    if callable(own):
        return list(own())
    visible = form.visible_fields()
    first = target_of(visible[0]) if visible else ""
    problems = [Problem(str(error), first) for error in form.non_field_errors()]
    for bound in form:
        for error in bound.errors:
            label = str(bound.label or "").strip()
            message = f"{label}: {error}" if label and not bound.is_hidden else str(error)
            problems.append(Problem(message, "" if bound.is_hidden else target_of(bound)))
    return problems


def _formset_problems(formset: BaseFormSet) -> list[Problem]:
    first_form = next(iter(formset.forms), None)
    first_fields = first_form.visible_fields() if first_form is not None else []
    target = target_of(first_fields[0]) if first_fields else ""
    problems = [Problem(str(error), target) for error in formset.non_form_errors()]
    for form in formset.forms:
        problems.extend(_form_problems(form))
    return problems


def target_of(bound: BoundField) -> str:
    """The id a link to this field points at: the control itself, or the first of a group of
    radio buttons or checkboxes (whose label names no single control)."""
    return bound.id_for_label or (f"{bound.auto_id}_0" if bound.auto_id else "")
