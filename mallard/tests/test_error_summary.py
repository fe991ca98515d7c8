"""The error summary every form gets from base.html (mallard.form_problems): without a browser."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django import forms
from django.test import Client
from django.utils.functional import SimpleLazyObject

from mallard.form_problems import Link, Problem, forms_in, problems_of
from mallard.models import User


class Example(forms.Form):
    name = forms.CharField(label="Your name")
    colour = forms.ChoiceField(choices=[("r", "Red"), ("g", "Green")], widget=forms.RadioSelect)
    token = forms.CharField(widget=forms.HiddenInput)

    def clean(self) -> dict[str, object]:
        raise forms.ValidationError("These don't go together.")


def test_it_lists_every_error_in_field_order_with_a_link_to_each_field() -> None:
    form = Example(data={})
    assert problems_of([form]) == [
        Problem("These don't go together.", "id_name"),
        Problem("Your name: This field is required.", "id_name"),
        Problem("Colour: This field is required.", "id_colour_0"),
        Problem("This field is required.", ""),  # a hidden field has nothing to link to
    ]


class Grouped(Example):
    def summary_problems(self) -> list[Problem]:
        return [Problem("2 fields need you:", "", (Link("1", "id_name"), Link("2", "id_colour_0", "Field ")))]


def test_a_form_with_its_own_summary_lines_gets_them_instead() -> None:
    assert problems_of([Grouped(data={})]) == [
        Problem("2 fields need you:", "", (Link("1", "id_name"), Link("2", "id_colour_0", "Field ")))
    ]
    assert problems_of([Grouped()]) == []  # unbound: no errors, so no lines


@dataclass
class Holder:
    form: forms.Form


def test_it_ignores_unbound_forms_and_finds_forms_one_level_down() -> None:
    unbound, bound = Example(), Example(data={})
    FormSet = forms.formset_factory(Example, extra=0)
    formset = FormSet(data={"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-colour": "r"})
    holder = Holder(form=Example(data={"name": "x"}))
    found = list(forms_in([unbound, {"form": bound, "rows": formset}, [bound], "text", 3, holder]))
    assert found == [unbound, bound, formset, holder.form]
    assert problems_of([unbound]) == []
    assert Problem("Your name: This field is required.", "id_form-0-name") in problems_of([formset])


def test_it_never_evaluates_a_lazy_value_to_find_its_forms() -> None:
    # The context processors' values are lazy so that a page that doesn't print them runs no
    # query; looking for forms must not be what evaluates them.
    evaluated: list[str] = []

    def count() -> int:
        evaluated.append("count")
        return 3

    lazy = SimpleLazyObject(count)
    form = Example(data={})
    assert list(forms_in([lazy, {"n": lazy}, [lazy], form])) == [form]
    assert evaluated == []


def test_a_wrong_password_gets_the_summary_and_marks_both_inputs_invalid(
    client: Client, therapist: User
) -> None:
    response = client.post("/accounts/login/", {"login": therapist.email, "password": "not-it"})
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"<title>Error: ", html)
    assert 'role="alert"' in html and 'tabindex="-1"' in html and "There is a problem" in html
    assert '<a class="alert-link" href="#id_login">' in html
    for name in ("login", "password"):
        tag = re.search(rf'<input [^>]*name="{name}"[^>]*>', html)
        assert tag, name
        assert 'aria-invalid="true"' in tag.group(0)
        assert 'aria-describedby="error-summary-list"' in tag.group(0)


def test_a_page_without_errors_has_no_summary_and_a_plain_title(client: Client) -> None:
    html = client.get("/accounts/login/").content.decode()
    assert "There is a problem" not in html
    assert not re.search(r"<title>\s*Error:", html)
