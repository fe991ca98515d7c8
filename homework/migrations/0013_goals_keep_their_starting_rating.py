"""A goal's starting rating is marked, so that a rating later the same day no longer replaces it.

The starting rating is the one the therapist gave when setting the goal: the goal's earliest
rating, by the person who set it, who is not the client. Those still there are marked; one a
client's rating already replaced cannot be told apart and stays the client's.
"""

from typing import Any

from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery


def mark_starting_ratings(apps: Any, schema_editor: Any) -> None:
    GoalRating = apps.get_model("homework", "GoalRating")
    first = GoalRating.objects.filter(goal_id=OuterRef("goal_id")).order_by("rated_at", "pk").values("pk")[:1]
    GoalRating.objects.filter(pk=Subquery(first), rated_by_id=F("goal__created_by_id")).exclude(
        rated_by_id=F("goal__client_id")
    ).update(is_starting=True)


class Migration(migrations.Migration):
    dependencies = [
        ("homework", "0012_spell_behavioural_experiments_as_mallard_does"),
    ]

    operations = [
        migrations.AddField(
            model_name="goalrating",
            name="is_starting",
            field=models.BooleanField(
                default=False, help_text="The starting rating, given when the goal was set: the baseline."
            ),
        ),
        migrations.RunPython(mark_starting_ratings, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="goalrating",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_starting", True)),
                fields=("goal",),
                name="one_starting_rating_per_goal",
            ),
        ),
    ]
