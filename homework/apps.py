from django.apps import AppConfig


class HomeworkConfig(AppConfig):
    name = "homework"
    verbose_name = "Homework"

    def ready(self) -> None:
        """Register homework's section of a client's export (mallard/exports.py)."""
        from homework.exports import homework_report, homework_section
        from mallard import exports

        exports.register("homework", "Homework, worksheets and goals", homework_section, homework_report)
        self._track_changes()

    def _track_changes(self) -> None:
        """Record every change of homework's clinical data in the audit trail (mallard/audit.py)."""
        from homework import models
        from mallard import audit

        for model in (
            models.Assignment,
            models.Log,
            models.Goal,
            models.Entry,
            models.ThoughtRecord,
            models.BehavioralExperiment,
            models.JournalEntry,
            models.RelaxationPractice,
            models.ReadingReflection,
            models.SkillPractice,
        ):
            audit.track(model)
        audit.track(models.Mood, client="record.client_id")
        audit.track(models.AutomaticThought, client="record.client_id")
        audit.track(models.GoalRating, client="goal.client_id")
