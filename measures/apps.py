from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = "Questionnaires"

    def ready(self) -> None:
        """Register the audit of changes, Today's questionnaire card (homework/hooks.py) and
        measures' section of a client's export (mallard/exports.py)."""
        from homework import hooks
        from measures import selectors

        hooks.today_panels.append(selectors.today_panels)
        self._track_changes()

    def _track_changes(self) -> None:
        """Record every change of plans and responses in the audit trail (mallard/audit.py)."""
        from mallard import audit
        from measures import models

        audit.track(models.MeasurePlan)
        audit.track(models.MeasureResponse)
        audit.track(models.MeasureSettings)
