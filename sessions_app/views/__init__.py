"""Therapist workspace views: the dashboard, sessions and reflections, and action items."""
