"""The navigation is rendered once per role, staff flag and page outside DEBUG, and says where you are."""

from __future__ import annotations

import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from mallard.models import User
from mallard.templatetags import mallard_tags

pytestmark = pytest.mark.django_db


def _nav(html: str) -> str:
    return html[html.index('<nav class="navbar') : html.index("</nav>")]


def _current(html: str) -> list[str]:
    return re.findall(r'aria-current="page" href="([^"]+)"', _nav(html))


def test_each_role_sees_its_own_links_with_the_current_page_marked(
    client: Client, therapist: User, client_user: User
) -> None:
    client.force_login(therapist)
    caseload = client.get(reverse("sessions-caseload")).content.decode()
    nav = _nav(caseload)
    assert _current(caseload) == [reverse("sessions-caseload")]
    assert reverse("homework-today") not in nav
    assert "Weekly digest" in nav and therapist.display_name in nav

    client.force_login(client_user)
    today = client.get(reverse("homework-today")).content.decode()
    assert _current(today) == [reverse("homework-today")]
    assert reverse("sessions-caseload") not in _nav(today)
    assert "Who has looked at your records" in _nav(today) and client_user.display_name in _nav(today)
    assert _current(client.get(reverse("homework-progress")).content.decode()) == [
        reverse("homework-progress")
    ]


def test_someone_signed_out_sees_only_sign_in(client: Client) -> None:
    nav = _nav(client.get(reverse("mallard-crisis")).content.decode())
    assert reverse("account_login") in nav
    assert "nav-item dropdown" not in nav and reverse("account_logout") not in nav


def test_it_is_rendered_once_per_combination_outside_debug(
    client: Client, client_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    mallard_tags._cached_nav.cache_clear()
    calls: list[str] = []
    original = mallard_tags._render_nav

    def counted(part: str, *args: object) -> object:
        calls.append(part)
        return original(part, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(mallard_tags, "_render_nav", counted)
    client.force_login(client_user)
    client.get(reverse("homework-today"))
    client.get(reverse("homework-today"))
    assert sorted(calls) == ["account", "links"]
    client.get(reverse("homework-progress"))  # another current page: its own links
    assert sorted(calls) == ["account", "account", "links", "links"]
    with override_settings(DEBUG=True):
        client.get(reverse("homework-today"))
    assert len(calls) == 6
    mallard_tags._cached_nav.cache_clear()
