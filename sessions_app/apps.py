from django.apps import AppConfig


class SessionsAppConfig(AppConfig):
    name = "sessions_app"
    label = "sessions_app"
    verbose_name = "Therapist workspace and sessions"

    def ready(self) -> None:
        """Register the sessions section of a client's export (mallard/exports.py), the audit of
        changes, the hooks that keep the caseload's numbers and the session times measures reads, and
        the cancelling of a closed account's upcoming sessions."""
        from mallard import exports
        from sessions_app.exports import sessions_report, sessions_section

        exports.register("sessions", "Sessions and reflections", sessions_section, sessions_report)
        self._track_changes()
        self._keep_caseload_numbers()
        self._tell_measures_the_sessions()
        self._cancel_a_closed_accounts_sessions()

    def _cancel_a_closed_accounts_sessions(self) -> None:
        """A client who closes their account has no more sessions, and one who moves to another
        therapist none with the former one: their upcoming ones are cancelled in the closing's or
        the move's transaction (mallard/hooks.py)."""
        from mallard import hooks
        from sessions_app.services import cancel_future_sessions, cancel_sessions_of_ended_care

        hooks.account_closed.append(cancel_future_sessions)
        hooks.care_ended.append(cancel_sessions_of_ended_care)

    def _tell_measures_the_sessions(self) -> None:
        """A "before each session" questionnaire opens two days before each scheduled session:
        measures reads the client's session times through this hook (measures/hooks.py)."""
        from measures import hooks
        from sessions_app.selectors.sessions import scheduled_starts

        hooks.scheduled_sessions.append(scheduled_starts)

    def _keep_caseload_numbers(self) -> None:
        """Store a client's caseload row again once a change to their homework or questionnaires
        commits (sessions_app/numbers.py)."""
        from homework import hooks
        from mallard import hooks as mallard_hooks
        from measures import hooks as measures_hooks
        from sessions_app import tasks

        hooks.assignment_changed.append(tasks.assignment_changed)
        hooks.occurrence_logged.append(tasks.occurrence_logged)
        hooks.occurrence_unlogged.append(tasks.occurrence_logged)  # the numbers move back the same way
        hooks.occurrence_skipped.append(tasks.occurrence_skipped)
        hooks.occurrence_unskipped.append(tasks.occurrence_skipped)  # the repeated reasons move back
        hooks.rows_changed.append(tasks.rows_changed)
        mallard_hooks.profile_changed.append(tasks.profile_changed)
        measures_hooks.windows_changed.append(tasks.windows_changed)

    def _track_changes(self) -> None:
        """Record every change of session notes, summaries, reflections and proposed actions
        in the audit trail (mallard/audit.py)."""
        from mallard import audit
        from sessions_app import models

        audit.track(models.TherapySession)
        audit.track(models.Reflection)
        audit.track(models.ProposedAction, client="session.client_id")
        audit.track(models.AgreementDecision, client="session.client_id")
        audit.track(models.NotesShare)
