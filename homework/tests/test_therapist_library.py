"""The therapist's library: built-in and own templates, their detail, copies and edits."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.test import Client

from homework import services
from homework.models import Kind, Template
from mallard.models import User
from mallard.tests.helpers import field_error, field_value

AssertMaxQueries = Callable[..., AbstractContextManager[Any]]


def own_template(
    owner: User, kind: str = Kind.JOURNAL, title: str = "Evening gratitude", **fields: Any
) -> Template:
    builtin = Template.objects.filter(kind=kind, owner__isnull=True).order_by("pk").first()
    assert builtin is not None
    copy = services.copy_template(therapist=owner, template=builtin)
    Template.objects.filter(pk=copy.pk).update(title=title, **fields)
    copy.refresh_from_db()
    return copy


# --- /library/ -----------------------------------------------------------------------------------


def test_library_shows_builtin_and_own_templates_but_not_other_therapists(
    client: Client, therapist: User, other_therapist: User
) -> None:
    own_template(therapist, title="Alice's gratitude list")
    own_template(other_therapist, title="Bob's secret recipe")
    client.force_login(therapist)
    response = client.get("/library/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Alice&#x27;s gratitude list" in content
    assert "Bob&#x27;s secret recipe" not in content
    assert "Thought record" in content
    assert "Built-in library" in content
    assert "Your templates" in content
    assert ">Your copy<" in content  # own_template copies a built-in template
    assert ">Built-in<" in content


def test_library_shows_kind_estimated_time_and_topic(client: Client, therapist: User) -> None:
    own_template(therapist, title="Anger diary", topic="anger", estimated_minutes=12)
    client.force_login(therapist)
    content = client.get("/library/").content.decode()
    assert "Anger diary" in content
    assert "12 min" in content
    assert "anger" in content
    assert "Journaling" in content


def test_library_filters_by_kind(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    content = client.get("/library/", {"kind": Kind.RELAXATION}).content.decode()
    relaxation = Template.objects.filter(kind=Kind.RELAXATION, owner__isnull=True)
    assert relaxation.exists()
    for template in relaxation:
        assert template.title in content
    assert ">Thought record</a>" not in content


def test_library_searches_titles(client: Client, therapist: User) -> None:
    own_template(therapist, title="Anger diary")
    own_template(therapist, title="Values check-in")
    client.force_login(therapist)
    response = client.get("/library/", {"q": "  ANGER "})
    content = response.content.decode()
    assert "Anger diary" in content
    assert "Values check-in" not in content
    assert (field_value(response, "q") or "").strip() == "ANGER"


def test_library_explains_an_unknown_kind_beside_the_filter(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    response = client.get("/library/", {"kind": "hypnosis"})
    assert response.status_code == 200
    assert field_error(response, "kind").startswith("“hypnosis” is not a kind of homework we know.")
    # The rest of the library is still there.
    assert "Thought record" in response.content.decode()


def test_library_says_when_nothing_matches(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    content = client.get("/library/", {"q": "zzzz"}).content.decode()
    assert "No templates match." in content


def test_library_keeps_a_chosen_client_only_if_they_are_the_therapists(
    client: Client, therapist: User, client_user: User, other_client: User
) -> None:
    client.force_login(therapist)
    content = client.get("/library/", {"client": client_user.pk}).content.decode()
    assert "Choosing homework for <strong>Carol Chen</strong>" in content
    assert f"?client={client_user.pk}" in content
    content = client.get("/library/", {"client": other_client.pk}).content.decode()
    assert "Dave" not in content
    assert f"?client={other_client.pk}" not in content


def test_library_refuses_post(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    assert client.post("/library/").status_code == 405


@pytest.mark.django_db
def test_library_sends_anonymous_visitors_to_sign_in(client: Client) -> None:
    response = client.get("/library/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/library/"


def test_library_forbids_clients(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    assert client.get("/library/").status_code == 403


LIBRARY_QUERY_BUDGET = 8


@pytest.mark.parametrize("size", [2, 12])
def test_library_query_count_does_not_grow_with_templates(
    client: Client, therapist: User, django_assert_max_num_queries: AssertMaxQueries, size: int
) -> None:
    for n in range(size):
        own_template(therapist, title=f"Mine {n:02}")
    client.force_login(therapist)
    client.get("/library/")
    with django_assert_max_num_queries(LIBRARY_QUERY_BUDGET):
        response = client.get("/library/")
    assert response.content.decode().count("Mine ") >= size


# --- /library/<id>/ -------------------------------------------------------------------------------


def test_template_detail_shows_everything_about_a_builtin_template(client: Client, therapist: User) -> None:
    template = Template.objects.filter(kind=Kind.JOURNAL, owner__isnull=True).order_by("pk").first()
    assert template is not None
    client.force_login(therapist)
    response = client.get(f"/library/{template.pk}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Why this helps" in content
    assert "Smaller version" in content
    assert "Journaling prompt" in content
    assert f"/library/{template.pk}/assign/" in content
    assert f"/library/{template.pk}/copy/" in content
    assert f"/library/{template.pk}/edit/" not in content
    assert ">Built-in<" in content


def test_template_detail_shows_reading_and_exposure_setup(client: Client, therapist: User) -> None:
    reading = own_template(
        therapist,
        Kind.READING,
        title="Sleep hygiene",
        resource_title="Sleep well leaflet",
        resource_url="https://example.org/sleep",
        resource_text="Keep a regular wake-up time.",
    )
    exposure = own_template(
        therapist, Kind.SKILL_PRACTICE, title="Lift rides", skill="Riding lifts", is_exposure=True
    )
    client.force_login(therapist)
    content = client.get(f"/library/{reading.pk}/").content.decode()
    assert "Sleep well leaflet" in content
    assert 'href="https://example.org/sleep"' in content
    assert "Keep a regular wake-up time." in content
    assert f"/library/{reading.pk}/edit/" in content
    content = client.get(f"/library/{exposure.pk}/").content.decode()
    assert "Riding lifts" in content
    assert "SUDS" in content


def test_template_detail_hides_another_therapists_template(
    client: Client, therapist: User, other_therapist: User
) -> None:
    bobs = own_template(other_therapist, title="Bob's own")
    client.force_login(therapist)
    assert client.get(f"/library/{bobs.pk}/").status_code == 404


def test_template_detail_refuses_post(client: Client, therapist: User) -> None:
    template = Template.objects.first()
    assert template is not None
    client.force_login(therapist)
    assert client.post(f"/library/{template.pk}/").status_code == 405


def test_template_detail_is_for_therapists_only(client: Client, client_user: User) -> None:
    template = Template.objects.first()
    assert template is not None
    assert client.get(f"/library/{template.pk}/").status_code == 302
    client.force_login(client_user)
    assert client.get(f"/library/{template.pk}/").status_code == 403


# --- /library/<id>/copy/ ---------------------------------------------------------------------------


def test_copy_makes_the_therapists_own_template_and_opens_it_for_editing(
    client: Client, therapist: User
) -> None:
    template = Template.objects.filter(kind=Kind.RELAXATION, owner__isnull=True).order_by("pk").first()
    assert template is not None
    client.force_login(therapist)
    response = client.post(f"/library/{template.pk}/copy/")
    copy = Template.objects.get(owner=therapist)
    assert response.status_code == 302
    assert response["Location"] == f"/library/{copy.pk}/edit/"
    assert copy.copied_from == template
    assert copy.kind == template.kind
    assert copy.instructions == template.instructions


def test_copy_refuses_get(client: Client, therapist: User) -> None:
    template = Template.objects.first()
    assert template is not None
    client.force_login(therapist)
    assert client.get(f"/library/{template.pk}/copy/").status_code == 405
    assert not Template.objects.filter(owner=therapist).exists()


def test_copy_of_another_therapists_template_is_404_and_writes_nothing(
    client: Client, therapist: User, other_therapist: User
) -> None:
    bobs = own_template(other_therapist)
    client.force_login(therapist)
    assert client.post(f"/library/{bobs.pk}/copy/").status_code == 404
    assert not Template.objects.filter(owner=therapist).exists()


def test_copy_is_for_therapists_only(client: Client, client_user: User) -> None:
    template = Template.objects.first()
    assert template is not None
    assert client.post(f"/library/{template.pk}/copy/").status_code == 302
    client.force_login(client_user)
    assert client.post(f"/library/{template.pk}/copy/").status_code == 403
    assert Template.objects.filter(owner__isnull=False).count() == 0


# --- /library/<id>/edit/ ----------------------------------------------------------------------------


def edit_data(template: Template, **changes: Any) -> dict[str, Any]:
    data = {
        "title": template.title,
        "topic": template.topic,
        "instructions": template.instructions,
        "rationale": template.rationale,
        "estimated_minutes": template.estimated_minutes,
        "smaller_version": template.smaller_version,
        "prompt": template.prompt,
        "technique": template.technique,
        "resource_title": template.resource_title,
        "resource_url": template.resource_url,
        "resource_text": template.resource_text,
        "skill": template.skill,
    }
    data.update(changes)
    return data


def test_edit_shows_only_the_fields_of_the_templates_kind(client: Client, therapist: User) -> None:
    template = own_template(therapist, Kind.JOURNAL)
    client.force_login(therapist)
    response = client.get(f"/library/{template.pk}/edit/")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="prompt"' in content
    assert 'name="technique"' not in content
    assert 'name="resource_url"' not in content
    assert 'name="kind"' not in content
    assert field_value(response, "title") == "Evening gratitude"


def test_edit_saves_the_template(client: Client, therapist: User) -> None:
    template = own_template(therapist, Kind.JOURNAL)
    client.force_login(therapist)
    response = client.post(
        f"/library/{template.pk}/edit/",
        edit_data(
            template,
            title="Three good things",
            prompt="What went well today?",
            estimated_minutes=5,
            kind="relaxation",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/library/{template.pk}/"
    template.refresh_from_db()
    assert template.title == "Three good things"
    assert template.prompt == "What went well today?"
    assert template.estimated_minutes == 5
    assert template.kind == Kind.JOURNAL


@pytest.mark.parametrize("minutes", ["0", "601", "ten"])
def test_edit_keeps_minutes_between_1_and_600(client: Client, therapist: User, minutes: str) -> None:
    template = own_template(therapist, Kind.JOURNAL)
    client.force_login(therapist)
    response = client.post(
        f"/library/{template.pk}/edit/", edit_data(template, title="Changed", estimated_minutes=minutes)
    )
    assert response.status_code == 200
    assert field_error(response, "estimated_minutes")
    assert field_value(response, "title") == "Changed"
    template.refresh_from_db()
    assert template.title == "Evening gratitude"


def test_edit_of_a_builtin_template_is_404(client: Client, therapist: User) -> None:
    template = Template.objects.filter(owner__isnull=True).first()
    assert template is not None
    client.force_login(therapist)
    assert client.get(f"/library/{template.pk}/edit/").status_code == 404
    assert (
        client.post(f"/library/{template.pk}/edit/", edit_data(template, title="Hacked")).status_code == 404
    )
    template.refresh_from_db()
    assert template.title != "Hacked"


def test_edit_of_another_therapists_template_is_404_and_writes_nothing(
    client: Client, therapist: User, other_therapist: User
) -> None:
    bobs = own_template(other_therapist, Kind.JOURNAL)
    client.force_login(therapist)
    assert client.get(f"/library/{bobs.pk}/edit/").status_code == 404
    assert client.post(f"/library/{bobs.pk}/edit/", edit_data(bobs, title="Hacked")).status_code == 404
    bobs.refresh_from_db()
    assert bobs.title == "Evening gratitude"


def test_edit_refuses_other_methods(client: Client, therapist: User) -> None:
    template = own_template(therapist)
    client.force_login(therapist)
    assert client.delete(f"/library/{template.pk}/edit/").status_code == 405


def test_edit_is_for_therapists_only(client: Client, therapist: User, client_user: User) -> None:
    template = own_template(therapist)
    response = client.get(f"/library/{template.pk}/edit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(client_user)
    assert client.get(f"/library/{template.pk}/edit/").status_code == 403


@pytest.mark.parametrize("raw", ["²", "٣", "9" * 30])
def test_library_pages_treat_a_strange_client_parameter_as_none(
    client: Client, therapist: User, client_user: User, raw: str
) -> None:
    client.force_login(therapist)
    template = Template.objects.filter(owner__isnull=True).first()
    assert template is not None
    for url in ("/library/", f"/library/{template.pk}/", f"/library/{template.pk}/assign/"):
        assert client.get(url, {"client": raw}).status_code == 200, url
