"""Legs are never changed or removed; on PostgreSQL a deferred constraint trigger refuses any
transaction whose legs do not sum to zero per currency at commit (SQLite: the same check, in code).
"""

from __future__ import annotations

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

POSTGRES = """
CREATE OR REPLACE FUNCTION vip_ledger_zero_sum() RETURNS trigger AS $$
DECLARE unbalanced record;
BEGIN
  SELECT currency, SUM(amount) AS total INTO unbalanced FROM ledger_leg
   WHERE transaction_id = NEW.transaction_id GROUP BY currency HAVING SUM(amount) <> 0 LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transaction % does not sum to zero in % (%)',
      NEW.transaction_id, unbalanced.currency, unbalanced.total;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;
CREATE CONSTRAINT TRIGGER ledger_zero_sum AFTER INSERT ON ledger_leg
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION vip_ledger_zero_sum();
CREATE TRIGGER ledger_legs_immutable BEFORE UPDATE OR DELETE ON ledger_leg
  FOR EACH ROW EXECUTE FUNCTION vip_refuse_change();
"""
SQLITE = [
    """CREATE TRIGGER ledger_leg_no_update BEFORE UPDATE ON ledger_leg
       BEGIN SELECT RAISE(ABORT, 'append-only table ledger_leg: UPDATE refused'); END""",
    """CREATE TRIGGER ledger_leg_no_delete BEFORE DELETE ON ledger_leg
       BEGIN SELECT RAISE(ABORT, 'append-only table ledger_leg: DELETE refused'); END""",
]


def install(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    statements = [POSTGRES] if schema_editor.connection.vendor == "postgresql" else SQLITE
    with schema_editor.connection.cursor() as cursor:  # no parameters: plpgsql's % stays literal
        for statement in statements:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0002_initial"), ("audit", "0003_append_only")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
