from __future__ import annotations

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from mallard import views

# Admin sign-in goes through allauth, so it shares the site's rate limits and MFA.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "Mallard administration"
admin.site.site_title = "Mallard admin"

urlpatterns = [
    path("", views.home, name="mallard-home"),
    path("crisis/", views.crisis, name="mallard-crisis"),
    path("healthz", views.healthz, name="mallard-healthz"),
    path("accounts/profile/", views.profile, name="mallard-profile"),
    path("accounts/", include("allauth.urls")),
    path("invitations/", views.invitations, name="mallard-invitations"),
    path(
        "invitations/<int:invitation_id>/resend/", views.invitation_resend, name="mallard-invitation-resend"
    ),
    path(
        "invitations/<int:invitation_id>/revoke/", views.invitation_revoke, name="mallard-invitation-revoke"
    ),
    path("invitations/accept/<str:token>/", views.invitation_accept, name="mallard-invitation-accept"),
    path("", include("homework.urls")),
    path("", include("sessions_app.urls")),
    path("", include("reminders.urls")),
    path("admin/", admin.site.urls),
]
