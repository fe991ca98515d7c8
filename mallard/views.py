from __future__ import annotations

from functools import partial
from typing import Any

from allauth.account.adapter import get_adapter
from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mallard import access, audit, exports, once, record_access, retention, services
from mallard.adapter import INVITATION_SESSION_KEY
from mallard.decorators import client_required, therapist_required
from mallard.forms import CloseAccountForm, InvitationForm, ProfileForm
from mallard.health import run_checks
from mallard.middleware import idle_seconds_left
from mallard.models import Invitation, InvitationStatus, Role, User
from mallard.types import AuthenticatedHttpRequest

LANDING_BY_ROLE = {
    Role.THERAPIST: "sessions-caseload",
    Role.CLIENT: "homework-today",
    Role.STAFF: "admin:index",
}


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(LANDING_BY_ROLE[Role(request.user.role)])
    return render(request, "mallard/home.html")


@require_safe
def crisis(request: HttpRequest) -> HttpResponse:
    return render(request, "mallard/crisis.html")


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    checks = run_checks()
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "down", "checks": checks}, status=200 if healthy else 503
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: the site's own page, saying what happened and how to carry on."""
    return render(request, "403_csrf.html", status=403)


@login_required
@require_POST
def still_here(request: AuthenticatedHttpRequest) -> JsonResponse:
    """Typing or clicking on an open page counts as activity (``js/idle-logout.js`` posts here).

    ``idle_logout_middleware`` has already restarted the idle clock, at most once a minute as
    for any request; this view writes nothing and answers how long the page may now stay open.
    """
    return JsonResponse({"seconds_left": idle_seconds_left(request)})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(
        request.POST or None, initial={"display_name": user.display_name, "time_zone": user.time_zone}
    )
    if request.method == "POST" and form.is_valid():
        services.update_profile(user=user, **form.cleaned_data)
        messages.success(request, "Your profile is saved.")
        return redirect("mallard-profile")
    return render(request, "mallard/profile.html", {"form": form})


@therapist_required
@require_http_methods(["GET", "POST"])
def invitations(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST" and once.earlier(request) is not None:
        messages.info(request, once.ALREADY_DONE)
        return redirect("mallard-invitations")
    form = InvitationForm(request.POST or None, therapist=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            url, _ = once.run(user=request.user, key=once.posted_key(request), create=partial(
                _invite, request, form.cleaned_data))  # fmt: skip
        except services.InvitationLimitReached as exc:
            form.add_error(None, str(exc))
        else:
            return redirect(url)
    context = {
        "form": form,
        "invitations": access.open_invitations_of(request.user),
        "expiry_days": settings.MALLARD_INVITATION_DAYS,
    }
    return render(request, "mallard/invitations.html", context)


def _invite(request: AuthenticatedHttpRequest, fields: dict[str, Any]) -> str:
    # The same answer whether or not the address has an account (docs/security.md, invitations).
    invitation = services.invite_client(therapist=request.user, **fields)
    messages.success(request, f"We emailed an invitation to {invitation.email}.")
    return reverse("mallard-invitations")


@therapist_required
@require_POST
def invitation_resend(request: AuthenticatedHttpRequest, invitation_id: int) -> HttpResponse:
    invitation = access.get_invitation_for_therapist(request.user, invitation_id)
    try:
        services.resend_invitation(invitation=invitation)
    except services.InvitationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"We sent a new link to {invitation.email}. The old link no longer works.")
    return redirect("mallard-invitations")


@therapist_required
@require_POST
def invitation_revoke(request: AuthenticatedHttpRequest, invitation_id: int) -> HttpResponse:
    invitation = access.get_invitation_for_therapist(request.user, invitation_id)
    try:
        services.revoke_invitation(invitation=invitation)
    except services.InvitationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, f"The invitation to {invitation.email} is revoked; its link no longer works."
        )
    return redirect("mallard-invitations")


def _usable_invitation(request: HttpRequest, token: str) -> Invitation | HttpResponse:
    """The pending invitation a link's token names, or the page that says why it cannot be used."""
    invitation = services.find_invitation(token)
    if invitation is None:
        return render(request, "mallard/invitation_problem.html", {"problem": "invalid"}, status=404)
    status = invitation.status
    if status != InvitationStatus.PENDING:
        context = {"problem": status.value, "invitation": invitation}
        return render(request, "mallard/invitation_problem.html", context, status=410)
    if not invitation.therapist.is_active:  # they left the practice (docs/operations.md)
        context = {"problem": "therapist_left", "invitation": invitation}
        return render(request, "mallard/invitation_problem.html", context, status=410)
    return invitation


@require_safe
@never_cache
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link in an invitation e-mail.

    A new person goes on to sign up. Someone who already has an account with the address signs
    in, then sees who invited them and accepts or declines (``invitation_respond``). Someone whose
    account is closed is told to ask the practice to reopen it first.
    """
    invitation = _usable_invitation(request, token)
    if isinstance(invitation, HttpResponse):
        return invitation
    account = access.account_with_address(invitation.email)
    if account is not None and account.closed_at is not None:
        # A closed account cannot sign in, and its address cannot make a new one (docs/data-rights.md).
        context = {"problem": "closed", "invitation": invitation}
        return render(request, "mallard/invitation_problem.html", context, status=409)
    if account is not None and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if account is not None and account.pk == request.user.pk:
        problem = services.care_problem(invitation, account)
        context = {"invitation": invitation, "problem": problem, "token": token}
        return render(request, "mallard/invitation_respond.html", context)
    if request.user.is_authenticated:
        context = {"problem": "signed_in", "invitation": invitation}
        return render(request, "mallard/invitation_problem.html", context, status=409)
    request.session[INVITATION_SESSION_KEY] = invitation.pk
    get_adapter(request).stash_verified_email(request, invitation.email)
    return redirect("account_signup")


@login_required
@require_POST
def invitation_respond(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    """Accept or decline an invitation sent to the signed-in person's own address."""
    invitation = _usable_invitation(request, token)
    if isinstance(invitation, HttpResponse):
        return invitation
    account = access.account_with_address(invitation.email)
    if account is None or account.pk != request.user.pk:
        return render(request, "mallard/invitation_problem.html", {"problem": "invalid"}, status=404)
    therapist_name = invitation.therapist.display_name
    try:
        if request.POST.get("decision") == "accept":
            services.accept_invitation(invitation_id=invitation.pk, client=account)
            messages.success(request, f"You are now in the care of {therapist_name} on Mallard.")
        elif request.POST.get("decision") == "decline":
            services.decline_invitation(invitation_id=invitation.pk, person=account)
            messages.info(request, f"You declined {therapist_name}'s invitation. Nothing else changed.")
        else:
            messages.error(request, "Choose Accept or Decline.")
            return redirect("mallard-invitation-accept", token=token)
    except services.InvitationError as exc:
        messages.error(request, str(exc))
        return redirect("mallard-invitation-accept", token=token)
    return redirect("mallard-home")


# --- Data rights: export and account closing (docs/data-rights.md) -----------------------------


def _export(request: AuthenticatedHttpRequest, client: User, export_format: str) -> HttpResponse:
    """The client's record as seen by ``request.user``, as a JSON download or a printable page."""
    data = exports.build_export(client, viewer=request.user)
    if export_format == "json":
        response = HttpResponse(exports.to_json(data), content_type="application/json; charset=utf-8")
        # Named for the person, so a therapist's exports of several clients never overwrite each other.
        who = slugify(client.display_name) or f"client-{client.pk}"
        filename = f"mallard-export-{who}-{data['generated_at'].astimezone(client.zone):%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    else:
        context = {
            "export": data,
            "client": client,
            "zone": client.zone,
            "sections": exports.build_report(data, client),
            "kept_until": retention.record_kept_until(client),
        }
        response = render(request, "mallard/export_report.html", context)
    audit.record_export(request, client=client, export_format=export_format)
    return response


def _own_record(request: AuthenticatedHttpRequest) -> User:
    """The signed-in client as a plain ``User`` row (``request.user`` is a lazy wrapper)."""
    return User.objects.get(pk=request.user.pk)


@client_required
@require_safe
def data_rights(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {"titles": exports.section_titles(), "retention_days": settings.MALLARD_RECORD_RETENTION_DAYS}
    return render(request, "mallard/data_rights.html", context)


@client_required
@require_safe
@reauthentication_required
@never_cache
def data_export_json(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _export(request, _own_record(request), "json")


@client_required
@require_safe
@reauthentication_required
@never_cache
def data_download(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Where "Download JSON" lands once the password is confirmed: the data page again, saying the
    download has started, while the page itself fetches the file (a refresh to it, which leaves
    this page showing). Without it, confirming the password left the "Confirm it's you" page on
    the screen, and the download looked as if it had failed."""
    context = {
        "titles": exports.section_titles(),
        "retention_days": settings.MALLARD_RECORD_RETENTION_DAYS,
        "download_url": reverse("mallard-data-json"),
    }
    return render(request, "mallard/data_rights.html", context)


@client_required
@require_safe
@reauthentication_required
@never_cache
def data_export_report(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _export(request, _own_record(request), "html")


@client_required
@require_http_methods(["GET", "POST"])
@reauthentication_required
@never_cache
def account_close(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CloseAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        retention.close_account(client=request.user)
        logout(request)
        return redirect("mallard-account-closed")
    context = {
        "form": form,
        "retention_days": settings.MALLARD_RECORD_RETENTION_DAYS,
        "kept_until": request.user.local_now() + retention.retention_period(),
        "care": access.current_care(request.user),
    }
    return render(request, "mallard/account_close.html", context)


@require_safe
def account_closed(request: HttpRequest) -> HttpResponse:
    return render(request, "mallard/account_closed.html")


@therapist_required
@require_safe
def client_export(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    client = access.get_record_client_for_therapist(request.user, client_id)
    context = {"client": client, "kept_until": retention.record_kept_until(client)}
    return render(request, "mallard/client_export.html", context)


@therapist_required
@require_safe
@never_cache
def client_export_json(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    # The client is looked up first, so an id that is not the therapist's is a 404 straight
    # away rather than a password prompt followed by a 404.
    return _reauthenticated_export(
        request, access.get_record_client_for_therapist(request.user, client_id), "json"
    )


@therapist_required
@require_safe
@never_cache
def client_export_report(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    return _reauthenticated_export(
        request, access.get_record_client_for_therapist(request.user, client_id), "html"
    )


@reauthentication_required
def _reauthenticated_export(request: AuthenticatedHttpRequest, client: User, form: str) -> HttpResponse:
    return _export(request, client, form)


@therapist_required
@require_safe
def closed_records(request: AuthenticatedHttpRequest) -> HttpResponse:
    closed = access.closed_clients_of(request.user)
    rows = [(client, retention.record_kept_until(client)) for client in closed]
    return render(request, "mallard/closed_records.html", {"rows": rows})


# --- The audit trail, as its subject sees it (docs/security.md, audit trail) --------------------

RECORD_ACCESS_PAGE_SIZE = 25


@client_required
@require_safe
def record_access_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Who has looked at, changed or exported the client's records: a row a visit, newest first."""
    paginator = Paginator(record_access.visits_for_client(request.user), RECORD_ACCESS_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    context = {"page": page, "rows": record_access.visit_rows(list(page.object_list), request.user)}
    return render(request, "mallard/record_access.html", context)
