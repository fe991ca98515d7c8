# On SQLite, migration 0014 changed ``homework_skip.occurrence``, which SQLite does by building the
# table anew: the table's change-counting triggers from migration 0010 went with the old one, so a
# "not today" stopped counting in the client's ``ChangeCounter`` and the caseload's stored row for
# that client could stay as it was. This puts them back (written out, not imported, as 0010 does).
# PostgreSQL alters the table in place and kept its trigger, so nothing is done there.
#
# Any later migration that makes SQLite rebuild a counted table must put its triggers back in the
# same way; ``sessions_app/tests/test_caseload_numbers.py::test_every_counted_table_has_its_triggers``
# fails on SQLite (``make test`` without ``DATABASE_URL``) when one is missing.

from django.db import migrations

TABLE = "homework_skip"

SQLITE_COUNT = """
INSERT OR IGNORE INTO homework_changecounter (client_id, changes) SELECT {row}.client_id, 0 WHERE {when};
UPDATE homework_changecounter SET changes = changes + 1 WHERE client_id = {row}.client_id AND {when};
"""
SQLITE_EVENTS = (
    ("INSERT", (("NEW", "1"),)),
    ("UPDATE", (("OLD", "1"), ("NEW", "NEW.client_id IS NOT OLD.client_id"))),
    ("DELETE", (("OLD", "1"),)),
)


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for event, rows in SQLITE_EVENTS:
        body = "".join(SQLITE_COUNT.format(row=row, when=when) for row, when in rows)
        schema_editor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {TABLE}_count_{event.lower()} AFTER {event} ON {TABLE} BEGIN {body} END"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("homework", "0017_further_experiment_keeps_not_sure"),
    ]

    operations = [
        migrations.RunPython(create_triggers, migrations.RunPython.noop),
    ]
