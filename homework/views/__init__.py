"""Homework views: the client's pages, worksheet entries and the therapist's side."""
