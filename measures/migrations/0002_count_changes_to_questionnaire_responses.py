# The questionnaire responses join the tables counted in each client's ``ChangeCounter``
# (``measures.models.COUNTED_TABLES``): the caseload's stored row carries the latest scores and the
# unreviewed item 9 answers, so a submitted, corrected or reviewed response makes it stale like a
# log does. The function ``homework_count_change()`` comes from homework's migration 0006; the
# SQLite statements are written out here, not imported.

from django.db import migrations

TABLE = "measures_measureresponse"

SQLITE_COUNT = """
INSERT OR IGNORE INTO homework_changecounter (client_id, changes) SELECT {row}.client_id, 0 WHERE {when};
UPDATE homework_changecounter SET changes = changes + 1 WHERE client_id = {row}.client_id AND {when};
"""
SQLITE_EVENTS = (
    ("INSERT", (("NEW", "1"),)),
    ("UPDATE", (("OLD", "1"), ("NEW", "NEW.client_id IS NOT OLD.client_id"))),
    ("DELETE", (("OLD", "1"),)),
)


def create_trigger(apps, schema_editor):
    run = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        run(
            f"CREATE TRIGGER {TABLE}_count_change AFTER INSERT OR UPDATE OR DELETE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION homework_count_change()"
        )
    elif schema_editor.connection.vendor == "sqlite":
        for event, rows in SQLITE_EVENTS:
            body = "".join(SQLITE_COUNT.format(row=row, when=when) for row, when in rows)
            run(f"CREATE TRIGGER {TABLE}_count_{event.lower()} AFTER {event} ON {TABLE} BEGIN {body} END")
    else:
        raise NotImplementedError(f"No change-counting triggers for {schema_editor.connection.vendor}.")


def drop_trigger(apps, schema_editor):
    run = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        run(f"DROP TRIGGER IF EXISTS {TABLE}_count_change ON {TABLE}")
    else:
        for event in ("insert", "update", "delete"):
            run(f"DROP TRIGGER IF EXISTS {TABLE}_count_{event}")


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0001_questionnaires"),
        ("homework", "0010_not_today_skips"),
    ]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
