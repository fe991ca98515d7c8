from __future__ import annotations

from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = "Reminders"

    def ready(self) -> None:
        """Listen to homework and people through their explicit hook lists (not signals).

        The hooks run inside the calling service's atomic block, so re-planning
        happens in the same transaction as the change that caused it. One hook is a read:
        ``own_reminders`` tells Today and the assignment's page when the reminder at the client's
        own time actually comes.
        """
        from homework import hooks as homework_hooks
        from mallard import hooks as mallard_hooks
        from reminders import news, planning

        if planning.on_assignment_changed not in homework_hooks.assignment_changed:
            homework_hooks.assignment_changed.append(planning.on_assignment_changed)
        if planning.on_occurrence_logged not in homework_hooks.occurrence_logged:
            homework_hooks.occurrence_logged.append(planning.on_occurrence_logged)
        if planning.on_occurrence_unlogged not in homework_hooks.occurrence_unlogged:
            homework_hooks.occurrence_unlogged.append(planning.on_occurrence_unlogged)
        if planning.on_occurrence_skipped not in homework_hooks.occurrence_skipped:
            homework_hooks.occurrence_skipped.append(planning.on_occurrence_skipped)
        if planning.on_occurrence_unskipped not in homework_hooks.occurrence_unskipped:
            homework_hooks.occurrence_unskipped.append(planning.on_occurrence_unskipped)
        if news.on_client_told not in homework_hooks.client_told:
            homework_hooks.client_told.append(news.on_client_told)
        if news.on_news_withdrawn not in homework_hooks.news_withdrawn:
            homework_hooks.news_withdrawn.append(news.on_news_withdrawn)
        if news.on_news_restored not in homework_hooks.news_restored:
            homework_hooks.news_restored.append(news.on_news_restored)
        if news.on_news_read not in homework_hooks.news_read:
            homework_hooks.news_read.append(news.on_news_read)
        if planning.own_reminders not in homework_hooks.own_reminders:
            homework_hooks.own_reminders.append(planning.own_reminders)
        if planning.on_profile_changed not in mallard_hooks.profile_changed:
            mallard_hooks.profile_changed.append(planning.on_profile_changed)
        if planning.on_account_closed not in mallard_hooks.account_closed:
            mallard_hooks.account_closed.append(planning.on_account_closed)

        from measures import hooks as measures_hooks
        from reminders import questionnaires

        if questionnaires.on_windows_changed not in measures_hooks.windows_changed:
            measures_hooks.windows_changed.append(questionnaires.on_windows_changed)

        from mallard import exports
        from reminders.exports import reminders_report, reminders_section

        exports.register("reminders", "Reminders and notifications", reminders_section, reminders_report)
