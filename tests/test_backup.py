"""A backup restored into an empty database holds the same data, row for row.

Runs on the database the suite runs on: SQLite's backup API on SQLite, pg_dump and
pg_restore on PostgreSQL (CI runs both).
"""

import sqlite3

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from actions import services as action_services
from actions.models import Action
from csp_tracker.backups import BackupError, backup_file_name, database_backup, database_restore

pytestmark = pytest.mark.django_db(transaction=True)


def all_rows(execute, tables: list[str], vendor: str) -> dict[str, list[str]]:
    """Every row of every table, each as text (so both sides compare the same way)."""
    rows = {}
    for table in tables:
        if vendor == "sqlite":
            columns = [row[1] for row in execute(f'PRAGMA table_info("{table}")')]
            text = " || '|' || ".join(f'quote("{column}")' for column in columns)
            query = f'SELECT {text} FROM "{table}" ORDER BY 1'
        else:
            query = f'SELECT t::text FROM "{table}" AS t ORDER BY 1'
        rows[table] = [row[0] for row in execute(query)]
    return rows


def sequences(execute) -> dict[str, int]:
    return dict(execute("SELECT sequencename, last_value FROM pg_sequences"))


@pytest.fixture
def empty_database(tmp_path):
    """A DATABASES entry for a new, empty database of the kind the suite runs on."""
    if connection.vendor == "sqlite":
        yield {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "restored.sqlite3")}
        return
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield {**connection.settings_dict, "NAME": name}
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def restored_execute(database):
    """A function running a query on the restored database and returning its rows."""
    if connection.vendor == "sqlite":
        db = sqlite3.connect(database["NAME"])
        return lambda query: db.execute(query).fetchall()
    import psycopg

    db = psycopg.connect(
        dbname=database["NAME"],
        host=database["HOST"],
        port=database["PORT"],
        user=database["USER"],
        password=database["PASSWORD"],
        autocommit=True,
    )
    return lambda query: db.execute(query).fetchall()


def source_execute(query):
    with connection.cursor() as cursor:
        cursor.execute(query)
        return cursor.fetchall()


def test_a_backup_restored_into_an_empty_database_holds_the_same_data(
    cast_live, empty_database, tmp_path
):
    row = Action.objects.get(priority__number=1, position=2)
    action_services.action_update(
        action=row,
        user=cast_live.coordinator,
        version=row.version,
        data={"update": "Saved before the backup", "progress_status": "green"},
    )
    backup = database_backup(path=tmp_path / backup_file_name())

    database_restore(path=backup, database=empty_database)

    tables = connection.introspection.table_names()
    assert "actions_action" in tables
    execute = restored_execute(empty_database)
    original = all_rows(source_execute, tables, connection.vendor)
    restored = all_rows(execute, tables, connection.vendor)
    assert restored == original
    assert any("Saved before the backup" in line for line in restored["actions_action"])
    assert len(restored["django_migrations"]) > 10
    if connection.vendor == "postgresql":
        assert sequences(execute) == sequences(source_execute)


def test_it_restores_only_into_an_empty_database(report_live, empty_database, tmp_path):
    backup = database_backup(path=tmp_path / backup_file_name())
    database_restore(path=backup, database=empty_database)
    with pytest.raises(BackupError, match="is not empty"):
        database_restore(path=backup, database=empty_database)


def test_it_refuses_a_backup_of_another_kind_of_database(empty_database, tmp_path):
    other = tmp_path / ("x.pgdump" if connection.vendor == "sqlite" else "x.sqlite3")
    other.write_bytes(b"not a backup of this kind")
    with pytest.raises(BackupError, match="restore a backup into the kind of database"):
        database_restore(path=other, database=empty_database)


def test_it_never_overwrites_a_file(report_live, tmp_path):
    path = tmp_path / backup_file_name()
    path.write_text("an older backup")
    with pytest.raises(BackupError, match="already exists"):
        database_backup(path=path)
    assert path.read_text() == "an older backup"


def test_the_commands_back_up_into_backup_dir_and_refuse_a_database_in_use(
    report_live, settings, tmp_path, capsys
):
    settings.BACKUP_DIR = tmp_path / "backups"
    call_command("backupdatabase")
    [backup] = (tmp_path / "backups").iterdir()
    assert backup.name.startswith("csp-tracker-")
    assert f"Backed up to {backup}" in capsys.readouterr().out
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restoredatabase", str(backup))
