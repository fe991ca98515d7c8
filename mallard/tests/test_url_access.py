"""Every foundation page as every kind of visitor: the status each one gets."""

from __future__ import annotations

import pytest
from django.test import Client

from mallard.models import User
from mallard.tests.helpers import make_invitation

# (method, path, anonymous, therapist, client, staff); 302 for a signed-in role is a role redirect.
PAGES = [
    ("get", "/", 200, 302, 302, 302),
    ("get", "/crisis/", 200, 200, 200, 200),
    ("get", "/accounts/profile/", 302, 200, 200, 200),
    ("get", "/caseload/", 302, 200, 403, 403),
    ("get", "/today/", 302, 403, 200, 403),
    ("get", "/invitations/", 302, 200, 403, 403),
    ("post", "/invitations/{own}/resend/", 302, 302, 403, 403),
    ("post", "/invitations/{own}/revoke/", 302, 302, 403, 403),
    ("post", "/invitations/{other}/resend/", 302, 404, 403, 403),
    ("post", "/invitations/{other}/revoke/", 302, 404, 403, 403),
    ("get", "/admin/", 302, 302, 302, 200),
    ("get", "/admin/login/", 302, 403, 403, 302),
]


@pytest.fixture
def visitors(client_user: User, other_client: User, staff: User) -> dict[str, User | None]:
    therapist = client_user.care_relationships.get().therapist
    return {"anonymous": None, "therapist": therapist, "client": client_user, "staff": staff}


@pytest.mark.parametrize(("method", "path", "as_anonymous", "as_therapist", "as_client", "as_staff"), PAGES)
def test_each_role_gets_the_expected_status(
    visitors: dict[str, User | None],
    other_therapist: User,
    method: str,
    path: str,
    as_anonymous: int,
    as_therapist: int,
    as_client: int,
    as_staff: int,
) -> None:
    own = make_invitation(visitors["therapist"], "own@example.com", token="own")  # type: ignore[arg-type]
    other = make_invitation(other_therapist, "other@example.com", token="other")
    url = path.format(own=own.pk, other=other.pk)
    expected = {"anonymous": as_anonymous, "therapist": as_therapist, "client": as_client, "staff": as_staff}
    actual = {}
    for role, user in visitors.items():
        browser = Client()
        if user is not None:
            browser.force_login(user)
        response = getattr(browser, method)(url)
        actual[role] = response.status_code
        if role == "anonymous" and response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/") or url.startswith("/admin/")
    assert actual == expected
    other.refresh_from_db()
    assert (other.send_count, other.revoked_at) == (1, None)
