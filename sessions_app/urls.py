from django.urls import path

from sessions_app import views

urlpatterns = [
    path("caseload/", views.caseload, name="sessions-caseload"),
]
