from __future__ import annotations

from allauth.account.decorators import reauthentication_required, secure_admin_login
from allauth.decorators import rate_limit
from allauth.usersessions import views as usersessions_views
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.http import require_http_methods

from mallard import views

# Admin sign-in goes through allauth, so it shares the site's rate limits and MFA. Requests to
# /admin/login/ itself also count against the same "login" limit as /accounts/login/.
admin.site.login = rate_limit(action="login")(secure_admin_login(admin.site.login))  # type: ignore[method-assign]
admin.site.site_header = "Mallard administration"
admin.site.site_title = "Mallard admin"

urlpatterns = [
    path("", views.home, name="mallard-home"),
    path("crisis/", views.crisis, name="mallard-crisis"),
    path("healthz", views.healthz, name="mallard-healthz"),
    path("accounts/profile/", views.profile, name="mallard-profile"),
    path("accounts/still-here/", views.still_here, name="mallard-still-here"),
    path("accounts/data/", views.data_rights, name="mallard-data"),
    path("accounts/data/download/", views.data_download, name="mallard-data-download"),
    path("accounts/data/export.json", views.data_export_json, name="mallard-data-json"),
    path("accounts/data/report/", views.data_export_report, name="mallard-data-report"),
    path("accounts/close/", views.account_close, name="mallard-account-close"),
    path("accounts/closed/", views.account_closed, name="mallard-account-closed"),
    path("accounts/privacy/record-access/", views.record_access_log, name="mallard-record-access"),
    # Seeing your signed-in devices is free; signing the others out asks for the password again.
    path(
        "accounts/sessions/",
        require_http_methods(["GET", "POST"])(
            reauthentication_required(allow_get=True, app="allauth.account")(
                usersessions_views.list_usersessions
            )
        ),
        name="usersessions_list",
    ),
    path("accounts/", include("allauth.urls")),
    path("invitations/", views.invitations, name="mallard-invitations"),
    path(
        "invitations/<int:invitation_id>/resend/", views.invitation_resend, name="mallard-invitation-resend"
    ),
    path(
        "invitations/<int:invitation_id>/revoke/", views.invitation_revoke, name="mallard-invitation-revoke"
    ),
    path("invitations/accept/<str:token>/", views.invitation_accept, name="mallard-invitation-accept"),
    path(
        "invitations/accept/<str:token>/answer/", views.invitation_respond, name="mallard-invitation-respond"
    ),
    path("clients/<int:client_id>/export/", views.client_export, name="mallard-client-export"),
    path("clients/<int:client_id>/export.json", views.client_export_json, name="mallard-client-export-json"),
    path("clients/<int:client_id>/report/", views.client_export_report, name="mallard-client-report"),
    path("records/closed/", views.closed_records, name="mallard-closed-records"),
    path("", include("homework.urls")),
    path("", include("measures.urls")),
    path("", include("sessions_app.urls")),
    path("", include("reminders.urls")),
    path("admin/", admin.site.urls),
]
