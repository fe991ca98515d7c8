"""A behavioural experiment's "Is a further experiment needed?" keeps all three answers.

It was a nullable boolean, so "Not sure" was stored as null, the same as no answer. It is now
``yes``, ``no``, ``unsure`` or ``""`` (not answered). True becomes ``yes``, False ``no`` and null
``""``: a "Not sure" said before cannot be told from no answer, so it stays unanswered.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations, models


def to_answers(apps: Any, schema_editor: Any) -> None:
    experiments = apps.get_model("homework", "BehavioralExperiment").objects
    experiments.filter(further_experiment_needed=True).update(further_experiment_answer="yes")
    experiments.filter(further_experiment_needed=False).update(further_experiment_answer="no")


def to_booleans(apps: Any, schema_editor: Any) -> None:
    experiments = apps.get_model("homework", "BehavioralExperiment").objects
    experiments.filter(further_experiment_answer="yes").update(further_experiment_needed=True)
    experiments.filter(further_experiment_answer="no").update(further_experiment_needed=False)


class Migration(migrations.Migration):
    dependencies = [("homework", "0016_copies_keep_their_templates_title")]

    operations = [
        migrations.AddField(
            model_name="behavioralexperiment",
            name="further_experiment_answer",
            field=models.CharField(
                blank=True,
                choices=[("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")],
                default="",
                max_length=8,
            ),
        ),
        migrations.RunPython(to_answers, to_booleans, elidable=False),
        migrations.RemoveField(model_name="behavioralexperiment", name="further_experiment_needed"),
        migrations.RenameField(
            model_name="behavioralexperiment",
            old_name="further_experiment_answer",
            new_name="further_experiment_needed",
        ),
        migrations.AddConstraint(
            model_name="behavioralexperiment",
            constraint=models.CheckConstraint(
                condition=models.Q(further_experiment_needed__in=["", "yes", "no", "unsure"]),
                name="be_further_experiment_valid",
            ),
        ),
    ]
