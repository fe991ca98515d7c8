from django.urls import path

from homework.views import client, entries, therapist

urlpatterns = [
    # The client's pages.
    path("today/", client.today, name="homework-today"),
    path("homework/<int:assignment_id>/", client.assignment_detail, name="homework-assignment"),
    path("homework/occurrences/<int:occurrence_id>/log/", client.quick_log, name="homework-quick-log"),
    path("homework/occurrences/<int:occurrence_id>/not-done/", client.not_done, name="homework-not-done"),
    path("homework/occurrences/<int:occurrence_id>/undo/", client.undo_log, name="homework-undo-log"),
    path(
        "homework/occurrences/<int:occurrence_id>/undo-not-today/",
        client.undo_skip,
        name="homework-undo-skip",
    ),
    path("homework/<int:assignment_id>/ask/", client.ask, name="homework-ask"),
    path("homework/history/", client.history, name="homework-history"),
    path("homework/progress/", client.progress, name="homework-progress"),
    path("homework/goals/", client.goals, name="homework-goals"),
    path("homework/goals/<int:goal_id>/rate/", client.goal_rate, name="homework-goal-rate"),
    # Worksheets: one form per kind, with drafts.
    path("homework/occurrences/<int:occurrence_id>/entry/", entries.entry_form, name="homework-entry-form"),
    path("homework/entries/<int:entry_id>/", entries.entry_detail, name="homework-entry"),
    path(
        "homework/entries/<int:entry_id>/feedback/read/", entries.feedback_read, name="homework-feedback-read"
    ),
    # The therapist's side.
    path("library/", therapist.library, name="homework-library"),
    path("library/new/", therapist.template_new, name="homework-template-new"),
    path("library/new/<slug:kind>/", therapist.template_create, name="homework-template-create"),
    path("library/<int:template_id>/", therapist.template_detail, name="homework-template"),
    path("library/<int:template_id>/copy/", therapist.template_copy, name="homework-template-copy"),
    path("library/<int:template_id>/edit/", therapist.template_edit, name="homework-template-edit"),
    path("library/<int:template_id>/assign/", therapist.assign, name="homework-assign"),
    path("assignments/<int:assignment_id>/edit/", therapist.assignment_edit, name="homework-assignment-edit"),
    path(
        "assignments/<int:assignment_id>/status/",
        therapist.assignment_status,
        name="homework-assignment-status",
    ),
    path(
        "assignments/<int:assignment_id>/unarchive/",
        therapist.assignment_unarchive,
        name="homework-assignment-unarchive",
    ),
    path(
        "assignments/<int:assignment_id>/uncomplete/",
        therapist.assignment_uncomplete,
        name="homework-assignment-uncomplete",
    ),
    path(
        "assignments/<int:assignment_id>/adjust/",
        therapist.assignment_adjust,
        name="homework-assignment-adjust",
    ),
    path("clients/<int:client_id>/homework/", therapist.client_homework, name="homework-client"),
    path("clients/<int:client_id>/goals/", therapist.goal_create, name="homework-goal-create"),
    path("clients/entries/<int:entry_id>/", therapist.client_entry, name="homework-client-entry"),
    path(
        "clients/entries/<int:entry_id>/feedback/", therapist.entry_feedback, name="homework-entry-feedback"
    ),
    path(
        "clients/entries/<int:entry_id>/feedback/undo/",
        therapist.entry_feedback_undo,
        name="homework-entry-feedback-undo",
    ),
]
