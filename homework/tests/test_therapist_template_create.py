"""Create your own: a template written from nothing, of a kind chosen first, that can be assigned
at once; and a copy that keeps its template's title, told apart in the library as "Your copy"."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps
from django.test import Client

from homework import services
from homework.models import KIND_DESCRIPTIONS, Kind, Template
from mallard.models import User
from mallard.tests.helpers import field_error, field_value

pytestmark = pytest.mark.django_db

KEY = "0123456789abcdef0123456789abcdef"


def new_url(kind: str, client_user: User | None = None) -> str:
    return f"/library/new/{kind}/" + (f"?client={client_user.pk}" if client_user else "")


def journal_data(**changes: Any) -> dict[str, Any]:
    data = {
        "title": "Three kind things",
        "topic": "self-compassion",
        "instructions": "Each evening, write three kind things you did for yourself.",
        "rationale": "Noticing kindness to yourself makes it easier to repeat.",
        "estimated_minutes": "10",
        "smaller_version": "One kind thing",
        "prompt": "What did you do for yourself today?",
    }
    data.update(changes)
    return data


# --- /library/ and /library/new/ ----------------------------------------------------------------


def test_the_library_offers_create_your_own_for_the_chosen_client(
    client: Client, therapist: User, client_user: User
) -> None:
    client.force_login(therapist)
    assert 'href="/library/new/">Create your own</a>' in client.get("/library/").content.decode()
    content = client.get(f"/library/?client={client_user.pk}").content.decode()
    assert f'href="/library/new/?client={client_user.pk}">Create your own</a>' in content


def test_the_kinds_are_offered_each_with_one_line(client: Client, therapist: User, client_user: User) -> None:
    client.force_login(therapist)
    response = client.get(f"/library/new/?client={client_user.pk}")
    assert response.status_code == 200
    content = response.content.decode()
    for kind in Kind:
        assert f'href="/library/new/{kind.value}/?client={client_user.pk}">{kind.label}</a>' in content
        assert KIND_DESCRIPTIONS[kind] in content


def test_the_kinds_page_refuses_post_and_is_for_therapists_only(
    client: Client, therapist: User, client_user: User
) -> None:
    assert client.get("/library/new/").status_code == 302
    client.force_login(client_user)
    assert client.get("/library/new/").status_code == 403
    client.force_login(therapist)
    assert client.post("/library/new/").status_code == 405


# --- /library/new/<kind>/ -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "own", "required"),
    [
        (Kind.THOUGHT_RECORD, (), ()),
        (Kind.BEHAVIORAL_EXPERIMENT, (), ()),
        (Kind.JOURNAL, ("prompt",), ("prompt",)),
        (Kind.RELAXATION, ("technique",), ("technique",)),
        (Kind.READING, ("resource_title", "resource_url", "resource_text"), ("resource_title",)),
        (Kind.SKILL_PRACTICE, ("skill", "is_exposure"), ("skill",)),
    ],
)
def test_the_form_is_empty_and_has_only_the_kinds_own_fields(
    client: Client, therapist: User, kind: str, own: tuple[str, ...], required: tuple[str, ...]
) -> None:
    client.force_login(therapist)
    response = client.get(new_url(kind))
    assert response.status_code == 200
    content = response.content.decode()
    assert field_value(response, "title") is None
    assert field_value(response, "estimated_minutes") is None
    for name in ("prompt", "technique", "resource_title", "resource_url", "resource_text", "skill"):
        assert (f'name="{name}"' in content) == (name in own), name
    response = client.post(new_url(kind), {"once": KEY})
    for name in ("title", "instructions", "rationale", "estimated_minutes", *required):
        assert field_error(response, name).startswith("Fill in “"), name
    assert not Template.objects.filter(owner=therapist).exists()


def test_saving_makes_the_therapists_own_template(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    response = client.post(new_url(Kind.JOURNAL), {**journal_data(), "once": KEY})
    template = Template.objects.get(owner=therapist)
    assert response.status_code == 302
    assert response["Location"] == f"/library/{template.pk}/"
    assert template.kind == Kind.JOURNAL
    assert template.copied_from is None
    assert (template.title, template.prompt, template.topic) == (
        "Three kind things",
        "What did you do for yourself today?",
        "self-compassion",
    )
    assert template.estimated_minutes == 10
    content = client.get(response["Location"]).content.decode()
    assert ">Mine<" in content
    assert "“Three kind things” is saved in your templates." in content


def test_a_reading_needs_a_link_or_its_text_and_keeps_what_was_typed(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    data = {**journal_data(title="Sleep and worry"), "resource_title": "Sleep and worry", "once": KEY}
    response = client.post(new_url(Kind.READING), data)
    assert response.status_code == 200
    assert field_error(response, "resource_url") == "Add a link to the resource, or paste its text below."
    assert field_value(response, "title") == "Sleep and worry"
    assert field_value(response, "resource_title") == "Sleep and worry"
    assert not Template.objects.filter(owner=therapist).exists()
    data["resource_url"] = "https://example.org/sleep"
    assert client.post(new_url(Kind.READING), data).status_code == 302
    assert Template.objects.get(owner=therapist).resource_url == "https://example.org/sleep"


def test_save_and_assign_goes_on_to_assign_it_to_the_chosen_client(
    client: Client, therapist: User, client_user: User
) -> None:
    client.force_login(therapist)
    content = client.get(new_url(Kind.JOURNAL, client_user)).content.decode()
    assert "Save and assign to Carol Chen</button>" in content
    response = client.post(
        new_url(Kind.JOURNAL, client_user), {**journal_data(), "then": "assign", "once": KEY}
    )
    template = Template.objects.get(owner=therapist)
    assert response["Location"] == f"/library/{template.pk}/assign/?client={client_user.pk}"
    page = client.get(response["Location"])
    assert field_value(page, "title") == "Three kind things"
    assert "assign it to Carol Chen" in page.content.decode()


def test_there_is_no_assigning_to_another_therapists_client(
    client: Client, therapist: User, other_client: User
) -> None:
    client.force_login(therapist)
    assert "Save and assign" not in client.get(new_url(Kind.JOURNAL, other_client)).content.decode()
    data = {**journal_data(), "then": "assign", "once": KEY}
    response = client.post(new_url(Kind.JOURNAL, other_client), data)
    template = Template.objects.get(owner=therapist)
    assert response["Location"] == f"/library/{template.pk}/"


def test_sending_the_form_twice_makes_one_template(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    first = client.post(new_url(Kind.JOURNAL), {**journal_data(), "once": KEY})
    again = client.post(new_url(Kind.JOURNAL), {**journal_data(), "once": KEY})
    assert again["Location"] == first["Location"]
    assert Template.objects.filter(owner=therapist).count() == 1


def test_an_unknown_kind_is_404(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    assert client.get("/library/new/mood_diary/").status_code == 404
    assert client.post("/library/new/mood_diary/", journal_data()).status_code == 404
    assert not Template.objects.filter(owner=therapist).exists()


def test_the_form_is_for_therapists_only(client: Client, client_user: User) -> None:
    assert client.get(new_url(Kind.JOURNAL)).status_code == 302
    client.force_login(client_user)
    assert client.post(new_url(Kind.JOURNAL), journal_data()).status_code == 403
    assert client.put(new_url(Kind.JOURNAL)).status_code == 403
    assert not Template.objects.filter(owner__isnull=False).exists()


def test_the_form_refuses_other_methods(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    assert client.put(new_url(Kind.JOURNAL)).status_code == 405


# --- Copies keep the title ----------------------------------------------------------------------


def builtin(kind: str = Kind.JOURNAL) -> Template:
    template = Template.objects.filter(kind=kind, owner__isnull=True).order_by("pk").first()
    assert template is not None
    return template


def test_a_copy_keeps_its_templates_title_and_the_library_says_your_copy(
    client: Client, therapist: User
) -> None:
    source = builtin()
    copy = services.copy_template(therapist=therapist, template=source)
    assert copy.title == source.title
    client.force_login(therapist)
    library = client.get("/library/").content.decode()
    mine = library[library.index('id="mine-heading"') : library.index('id="builtin-heading"')]
    assert ">Your copy<" in mine and ">Mine<" not in mine
    detail = client.get(f"/library/{copy.pk}/").content.decode()
    assert ">Your copy<" in detail
    assert f"Your copy of “{source.title}”" in detail


def test_a_copy_assigned_as_it_is_gives_the_client_the_templates_title(
    client: Client, therapist: User, client_user: User
) -> None:
    copy = services.copy_template(therapist=therapist, template=builtin())
    client.force_login(therapist)
    response = client.get(f"/library/{copy.pk}/assign/?client={client_user.pk}")
    assert field_value(response, "title") == builtin().title
    assert "my version" not in response.content.decode()


def test_the_migration_gives_unedited_copies_their_templates_title_back(therapist: User) -> None:
    source = builtin()
    old = services.copy_template(therapist=therapist, template=source)
    copy_of_copy = services.copy_template(therapist=therapist, template=old)
    edited = services.copy_template(therapist=therapist, template=source)
    Template.objects.filter(pk=old.pk).update(title=f"{source.title} (my version)")
    Template.objects.filter(pk=copy_of_copy.pk).update(title=f"{source.title} (my version) (my version)")
    Template.objects.filter(pk=edited.pk).update(title="Gratitude (my version)")
    migration = importlib.import_module("homework.migrations.0016_copies_keep_their_templates_title")
    migration.drop_the_suffix(apps, None)
    titles = dict(Template.objects.filter(owner=therapist).values_list("pk", "title"))
    assert titles == {
        old.pk: source.title,
        copy_of_copy.pk: source.title,
        edited.pk: "Gratitude (my version)",
    }
