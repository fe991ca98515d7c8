"""Therapists and staff must enrol a second factor before Mallard shows them anything else."""

from __future__ import annotations

import html
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.contrib.sessions.backends.cached_db import SessionStore
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import PASSWORD, make_user, totp_code, totp_for_secret
from mallard.mfa import ENROLLED_SESSION_KEY, has_enrolled, is_mfa_required
from mallard.middleware import MFA_REQUIRED_MESSAGE
from mallard.models import Role, User

SETUP_URL = "/accounts/2fa/totp/activate/"


def unenrol(user: User) -> User:
    Authenticator.objects.filter(user=user).delete()
    return user


@pytest.fixture
def new_therapist(db: None) -> User:
    """A therapist who has just been given an account and has not enrolled yet."""
    return unenrol(make_user("nina@example.com", "Nina Novak", Role.THERAPIST))


@pytest.fixture
def new_staff(db: None) -> User:
    return unenrol(make_user("sol@example.com", "Sol Staff", Role.STAFF, is_staff=True, is_superuser=True))


def sign_in_with_password(client: Client, email: str) -> None:
    response = client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()


def sign_in_with_two_factors(client: Client, user: User) -> None:
    """The real flow, through allauth, which also records the device."""
    sign_in_with_password(client, user.email)
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(user)})
    assert response.status_code == 302, response.content.decode()


def confirm_password(client: Client) -> None:
    """Sensitive account pages ask for the password again first (allauth's reauthentication)."""
    response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302, response.content.decode()


def test_therapists_and_staff_need_it_and_clients_do_not(
    therapist: User, staff: User, client_user: User
) -> None:
    assert is_mfa_required(therapist)
    assert is_mfa_required(staff)
    assert not is_mfa_required(client_user)
    admin_client = make_user("ada@example.com", "Ada Admin", Role.CLIENT, is_staff=True)
    assert is_mfa_required(admin_client)


def test_a_therapist_without_it_is_sent_to_set_it_up(client: Client, new_therapist: User) -> None:
    client.force_login(new_therapist)
    response = client.get("/caseload/")
    assert response.status_code == 302
    assert response["Location"] == SETUP_URL
    messages = [str(message) for message in response.wsgi_request._messages]  # type: ignore[attr-defined]
    assert messages == [MFA_REQUIRED_MESSAGE]


def test_the_explanation_is_shown_on_the_setup_page(client: Client, new_therapist: User) -> None:
    sign_in_with_password(client, new_therapist.email)
    page = client.get("/caseload/", follow=True)
    # The password was typed moments ago, so set-up does not ask for it again.
    assert page.redirect_chain[-1][0] == SETUP_URL
    assert page.status_code == 200
    assert html.escape(MFA_REQUIRED_MESSAGE) in page.content.decode()


@pytest.mark.parametrize(
    "url", ["/caseload/", "/library/", "/invitations/", f"/clients/{1}/overview/", "/", "/admin/"]
)
def test_every_clinical_page_is_closed_until_enrolment(client: Client, new_therapist: User, url: str) -> None:
    client.force_login(new_therapist)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] in (SETUP_URL, "/caseload/")


def test_a_form_post_is_refused_with_an_explanation(client: Client, new_therapist: User) -> None:
    client.force_login(new_therapist)
    response = client.post("/invitations/", {"email": "erin@example.com", "name": "Erin Evans"})
    assert response.status_code == 403
    content = response.content.decode()
    assert "Set up two-factor authentication first" in content
    assert f'href="{SETUP_URL}"' in content
    assert "Nothing you sent was saved." in content
    assert not new_therapist.invitations.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/profile/",
        "/accounts/2fa/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/sessions/",
        "/accounts/logout/",
        "/crisis/",
        "/healthz",
        "/no-such-page/",
    ],
)
def test_the_pages_needed_to_enrol_stay_open(client: Client, new_therapist: User, url: str) -> None:
    client.force_login(new_therapist)
    response = client.get(url)
    assert response.get("Location") != SETUP_URL
    assert response.status_code in (200, 404, 503)


def test_staff_without_it_cannot_reach_the_admin(client: Client, new_staff: User) -> None:
    client.force_login(new_staff)
    assert client.get("/admin/")["Location"] == SETUP_URL
    assert client.get("/admin/mallard/user/")["Location"] == SETUP_URL
    assert client.post("/admin/mallard/user/add/", {"email": "x@example.com"}).status_code == 403


def test_enrolled_therapists_and_staff_get_through(client: Client, therapist: User, staff: User) -> None:
    client.force_login(therapist)
    assert client.get("/caseload/").status_code == 200
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200


def test_clients_are_not_asked_to_enrol(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    assert client.get("/today/").status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in_as_before(client: Client, db: None) -> None:
    assert client.get("/caseload/")["Location"] == "/accounts/login/?next=/caseload/"


def test_enrolling_opens_the_clinical_pages(
    client: Client, new_therapist: User, django_capture_on_commit_callbacks: Any
) -> None:
    sign_in_with_password(client, new_therapist.email)
    assert client.get("/caseload/")["Location"] == SETUP_URL
    confirm_password(client)
    setup = client.get(SETUP_URL)
    assert setup.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SETUP_URL, {"code": totp_for_secret(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=new_therapist, type=Authenticator.Type.TOTP).exists()
    assert client.get("/caseload/").status_code == 200


def test_a_wrong_setup_code_keeps_the_pages_closed(client: Client, new_therapist: User) -> None:
    sign_in_with_password(client, new_therapist.email)
    confirm_password(client)
    client.get(SETUP_URL)
    wrong = f"{(int(totp_for_secret(client.session[SECRET_SESSION_KEY])) + 1) % 1_000_000:06d}"
    response = client.post(SETUP_URL, {"code": wrong})
    assert response.status_code == 200
    assert "Incorrect code." in response.content.decode()
    assert client.get("/caseload/")["Location"] == SETUP_URL


def test_removing_the_authenticator_closes_the_pages_again(client: Client, therapist: User) -> None:
    client.post("/accounts/login/", {"login": therapist.email, "password": PASSWORD})
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(therapist)})
    assert client.get("/caseload/").status_code == 200
    confirm_password(client)
    response = client.post("/accounts/2fa/totp/deactivate/")
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=therapist, type=Authenticator.Type.TOTP).exists()
    assert client.get("/caseload/")["Location"] == SETUP_URL


def test_deleting_the_authenticator_in_the_admin_is_noticed(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    assert client.get("/caseload/").status_code == 200
    Authenticator.objects.get(user=therapist, type=Authenticator.Type.TOTP).delete()
    assert client.get("/caseload/")["Location"] == SETUP_URL


def test_recovery_codes_alone_do_not_count(new_therapist: User) -> None:
    Authenticator.objects.create(user=new_therapist, type=Authenticator.Type.RECOVERY_CODES, data={})
    assert not has_enrolled(new_therapist)


def test_a_yes_kept_in_the_session_costs_no_query(therapist: User, django_assert_num_queries: object) -> None:
    session = SessionStore()
    assert has_enrolled(therapist, session)
    assert session[ENROLLED_SESSION_KEY] == therapist.pk
    with django_assert_num_queries(0):  # type: ignore[operator]
        assert has_enrolled(therapist, session)


def test_a_no_is_never_kept(new_therapist: User) -> None:
    session = SessionStore()
    assert not has_enrolled(new_therapist, session)
    assert ENROLLED_SESSION_KEY not in session


def test_a_yes_kept_for_someone_else_does_not_count(therapist: User, new_therapist: User) -> None:
    session = SessionStore()
    session[ENROLLED_SESSION_KEY] = therapist.pk
    assert not has_enrolled(new_therapist, session)


def test_an_enrolled_therapists_request_asks_neither_database_nor_cache(
    client: Client, therapist: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    sign_in_with_two_factors(client, therapist)
    client.get("/library/")
    assert client.session[ENROLLED_SESSION_KEY] == therapist.pk

    def no_cache(*args: object, **kwargs: object) -> None:
        raise AssertionError("the enrolment answer must come from the session")

    monkeypatch.setattr("django.core.cache.cache.get", no_cache)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/library/").status_code == 200
    assert not [q for q in queries.captured_queries if "mfa_authenticator" in q["sql"]]


def test_removing_it_in_one_browser_closes_the_pages_in_the_others(client: Client, therapist: User) -> None:
    desk = Client()
    sign_in_with_two_factors(desk, therapist)
    assert desk.get("/caseload/").status_code == 200
    assert desk.session[ENROLLED_SESSION_KEY] == therapist.pk
    client.force_login(therapist)  # a second browser (a code is accepted only once)
    assert client.get("/caseload/").status_code == 200
    confirm_password(client)
    assert client.post("/accounts/2fa/totp/deactivate/").status_code == 302
    assert desk.get("/caseload/")["Location"] == SETUP_URL
    assert client.get("/caseload/")["Location"] == SETUP_URL


def test_enrolling_again_after_removal_opens_the_pages_again(client: Client, therapist: User) -> None:
    sign_in_with_two_factors(client, therapist)
    assert client.get("/caseload/").status_code == 200
    Authenticator.objects.filter(user=therapist).delete()
    assert client.get("/caseload/")["Location"] == SETUP_URL
    assert ENROLLED_SESSION_KEY not in client.session
    confirm_password(client)
    assert client.get(SETUP_URL).status_code == 200
    code = totp_for_secret(client.session[SECRET_SESSION_KEY])
    assert client.post(SETUP_URL, {"code": code}).status_code == 302
    assert client.get("/caseload/").status_code == 200
    assert client.session[ENROLLED_SESSION_KEY] == therapist.pk


def test_an_enrolled_therapist_costs_no_extra_query_per_request(therapist: User, settings: Any) -> None:
    def queries_for_second_visit(browser: Client) -> int:
        browser.get("/library/")
        with CaptureQueriesContext(connection) as queries:
            assert browser.get("/library/").status_code == 200
        return len(queries.captured_queries)

    desk = Client()  # signed in as in real life: allauth records the device, so the answer is kept
    sign_in_with_two_factors(desk, therapist)
    with_enforcement = queries_for_second_visit(desk)
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if not name.endswith("mfa_required_middleware")
    ]
    home = Client()
    home.force_login(therapist)
    assert with_enforcement == queries_for_second_visit(home)


def test_the_answer_is_kept_only_where_the_devices_list_can_reach_it(client: Client, therapist: User) -> None:
    """Django's own login() records no device; removal could not find that session, so it keeps nothing."""
    client.force_login(therapist)
    assert client.get("/library/").status_code == 200
    assert ENROLLED_SESSION_KEY not in client.session
