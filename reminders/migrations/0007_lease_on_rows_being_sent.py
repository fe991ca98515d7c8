"""Leases on rows being sent: who holds a ``sending`` row and until when (docs/reminders.md, "Dispatch").

``claim_token`` has a database default too, so bulk loads that name their columns (``COPY``) need not
know it. The partial index of rows being sent now carries the lease's end for the sweeper.
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("homework", "0011_questions_for_the_next_session"),
        ("reminders", "0006_questionnaire_reminders"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="reminder",
            name="reminder_sending_id",
        ),
        migrations.AddField(
            model_name="reminder",
            name="claim_token",
            field=models.CharField(blank=True, db_default="", default="", max_length=16),
        ),
        migrations.AddField(
            model_name="reminder",
            name="claimed_until",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddIndex(
            model_name="reminder",
            index=models.Index(
                condition=models.Q(("status", "sending")),
                fields=["id"],
                include=("claimed_until",),
                name="reminder_sending_id",
            ),
        ),
    ]
