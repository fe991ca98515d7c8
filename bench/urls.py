"""Mallard's URLs plus the authenticated floor (benchmark settings only)."""

from __future__ import annotations

from django.urls import include, path

from bench import views

urlpatterns = [
    path("bench/floor/", views.floor, name="bench-floor"),
    path("", include("mallard.urls")),
]
