"""On PostgreSQL, make the audit trail append-only in the database itself.

The model already refuses to save an existing row or delete one; this trigger also stops
UPDATE and DELETE that bypass the model (a queryset update, raw SQL, a cascade). Rows can
only go by an operator disabling the trigger on purpose (docs/security.md, retention).
SQLite, the development default, relies on the model alone.
"""

from __future__ import annotations

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

CREATE = """
CREATE FUNCTION mallard_auditentry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The audit trail is append-only: % on mallard_auditentry is not allowed.', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER mallard_auditentry_append_only
    BEFORE UPDATE OR DELETE ON mallard_auditentry
    FOR EACH ROW EXECUTE FUNCTION mallard_auditentry_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS mallard_auditentry_append_only ON mallard_auditentry;
DROP FUNCTION IF EXISTS mallard_auditentry_append_only();
"""


def create_trigger(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("mallard", "0003_audit_entry")]

    operations = [migrations.RunPython(create_trigger, drop_trigger, elidable=False)]
