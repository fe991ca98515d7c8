from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = "Questionnaires"

    def ready(self) -> None:
        """Register the audit of changes, Today's questionnaire card (homework/hooks.py),
        stopping the plans of a client left in no one's care (mallard/hooks.py) and measures'
        section of a client's export (mallard/exports.py)."""
        from homework import hooks
        from mallard import exports
        from mallard import hooks as mallard_hooks
        from measures import selectors, services
        from measures.exports import measures_report, measures_section

        if selectors.today_panels not in hooks.today_panels:
            hooks.today_panels.append(selectors.today_panels)
        if services.stop_plans_of_ended_care not in mallard_hooks.care_ended:
            mallard_hooks.care_ended.append(services.stop_plans_of_ended_care)
        exports.register("measures", "Questionnaires (PHQ-9, GAD-7)", measures_section, measures_report)
        self._track_changes()

    def _track_changes(self) -> None:
        """Record every change of plans and responses in the audit trail (mallard/audit.py)."""
        from mallard import audit
        from measures import models

        audit.track(models.MeasurePlan)
        audit.track(models.MeasureResponse)
        audit.track(models.MeasureSettings)
