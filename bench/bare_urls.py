"""The bare Django floor's URLs (``bench.bare_settings``): the floor, and /healthz to wait for."""

from __future__ import annotations

from django.urls import path

from bench import views

urlpatterns = [
    path("bench/floor/", views.floor, name="bench-floor"),
    path("healthz", views.ready, name="bench-ready"),
]
