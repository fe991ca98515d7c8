from __future__ import annotations

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mallard import access, services
from mallard.adapter import INVITATION_SESSION_KEY
from mallard.decorators import therapist_required
from mallard.forms import InvitationForm, ProfileForm
from mallard.health import run_checks
from mallard.models import InvitationStatus, Role
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
    form = InvitationForm(request.POST or None, therapist=request.user)
    if request.method == "POST" and form.is_valid():
        invitation = services.invite_client(therapist=request.user, **form.cleaned_data)
        messages.success(request, f"We emailed an invitation to {invitation.email}.")
        return redirect("mallard-invitations")
    context = {
        "form": form,
        "invitations": access.open_invitations_of(request.user),
        "expiry_days": settings.MALLARD_INVITATION_DAYS,
    }
    return render(request, "mallard/invitations.html", context)


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


@require_safe
@never_cache
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.find_invitation(token)
    if invitation is None:
        return render(request, "mallard/invitation_problem.html", {"problem": "invalid"}, status=404)
    status = invitation.status
    if status != InvitationStatus.PENDING:
        context = {"problem": status.value, "invitation": invitation}
        return render(request, "mallard/invitation_problem.html", context, status=410)
    if request.user.is_authenticated:
        context = {"problem": "signed_in", "invitation": invitation}
        return render(request, "mallard/invitation_problem.html", context, status=409)
    request.session[INVITATION_SESSION_KEY] = invitation.pk
    get_adapter(request).stash_verified_email(request, invitation.email)
    return redirect("account_signup")
