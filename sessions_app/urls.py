from django.urls import path

from sessions_app.views import actions, agreements, dashboard, scores, sessions

urlpatterns = [
    # The therapist's workspace.
    path("caseload/", dashboard.caseload, name="sessions-caseload"),
    path("clients/<int:client_id>/overview/", dashboard.client_overview, name="sessions-client-overview"),
    path("sessions/<int:session_id>/summary/", dashboard.pre_session_summary, name="sessions-summary"),
    # Questionnaire scores: the therapist's review of item 9 and the client's own page.
    path(
        "clients/<int:client_id>/questionnaires/<int:response_id>/item9-reviewed/",
        scores.item9_reviewed,
        name="sessions-item9-reviewed",
    ),
    path(
        "clients/<int:client_id>/questionnaires/<int:response_id>/item9-unreviewed/",
        scores.item9_unreviewed,
        name="sessions-item9-unreviewed",
    ),
    path(
        "clients/<int:client_id>/questionnaires/visibility/",
        scores.scores_visibility,
        name="sessions-scores-visibility",
    ),
    path("my/scores/", scores.my_scores, name="sessions-my-scores"),
    # Sessions: scheduling and recording (therapist), summaries and reflections (client).
    path("clients/<int:client_id>/sessions/", sessions.client_sessions, name="sessions-client-sessions"),
    path("sessions/<int:session_id>/", sessions.session_detail, name="sessions-session"),
    path("sessions/<int:session_id>/status/", sessions.session_status, name="sessions-session-status"),
    path("sessions/<int:session_id>/uncancel/", sessions.undo_cancel, name="sessions-session-uncancel"),
    path("sessions/former-clients/", sessions.past_sessions, name="sessions-past"),
    path("sessions/<int:session_id>/my-notes/", sessions.past_session_notes, name="sessions-past-notes"),
    path("sessions/<int:session_id>/my-notes/share/", sessions.share_notes, name="sessions-notes-share"),
    path(
        "sessions/<int:session_id>/my-notes/unshare/", sessions.withdraw_share, name="sessions-notes-unshare"
    ),
    path("my/sessions/", sessions.my_sessions, name="sessions-mine"),
    path("my/sessions/<int:session_id>/reflection/", sessions.reflection, name="sessions-reflection"),
    # Action items proposed from session text.
    path("proposals/<int:proposal_id>/confirm/", actions.confirm, name="sessions-action-confirm"),
    path("proposals/<int:proposal_id>/dismiss/", actions.dismiss, name="sessions-action-dismiss"),
    path("proposals/<int:proposal_id>/restore/", actions.restore, name="sessions-action-restore"),
    path("proposals/<int:proposal_id>/assign/", actions.assign, name="sessions-action-assign"),
    path("proposals/<int:proposal_id>/update/", actions.update, name="sessions-action-update"),
    path("proposals/<int:proposal_id>/update/undo/", actions.undo_update, name="sessions-action-undo-update"),
    # What was agreed last time, and what to do with it now.
    path(
        "sessions/<int:session_id>/agreements/<int:assignment_id>/",
        agreements.decide,
        name="sessions-agreement-decide",
    ),
    path(
        "sessions/<int:session_id>/agreements/<int:assignment_id>/undo/",
        agreements.undo,
        name="sessions-agreement-undo",
    ),
]
