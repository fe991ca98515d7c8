"""Homework views: the client's pages (client), worksheet entries (entries) and the therapist's side (therapist)."""
