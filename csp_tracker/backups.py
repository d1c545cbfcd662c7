"""Backing the database up to a file, and restoring such a file into an empty database.

Each database's own tool, not dumpdata/loaddata: PostgreSQL's pg_dump (custom format) and
pg_restore, and SQLite's online backup API (what `sqlite3 .backup` uses). Both copy one
consistent snapshot while the site keeps running (pg_dump reads in one transaction; the
SQLite backup copies under a read lock), and keep everything exactly: every table, the
migration history, sequences, constraints and indexes. dumpdata reads table after table
with no common snapshot, so a backup taken during an edit could hold half of it.

A restore goes into an empty database only (a new PostgreSQL database, or a SQLite file
that does not exist yet), so it never mixes two databases' rows; restore a backup into
the same engine it came from.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections
from django.utils import timezone

SUFFIXES = {"sqlite": ".sqlite3", "postgresql": ".pgdump"}


class BackupError(Exception):
    """A backup or restore that could not be done; nothing was changed."""


def _vendor(database: dict) -> str:
    engine = database["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {engine}.")


def backup_file_name(*, using: str = "default") -> str:
    """A name for a backup taken now: csp-tracker-20240131-2300.pgdump."""
    from django.conf import settings

    vendor = _vendor(settings.DATABASES[using])
    return f"csp-tracker-{timezone.localtime():%Y%m%d-%H%M%S}{SUFFIXES[vendor]}"


def database_backup(*, path: Path, using: str = "default") -> Path:
    """Write a backup of the database `using` to `path` (which must not exist yet)."""
    connection = connections[using]
    vendor = _vendor(connection.settings_dict)
    if path.exists():
        raise BackupError(f"{path} already exists: choose another name.")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    try:
        if vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(partial)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        else:
            _run(
                _pg_tool("PG_DUMP", "pg_dump"),
                connection.settings_dict,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={partial}",
            )
        partial.rename(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def database_restore(*, path: Path, database: dict) -> None:
    """Restore the backup at `path` into `database` (a DATABASES entry), which must be
    empty. All or nothing: a restore that fails leaves the database empty."""
    vendor = _vendor(database)
    if not path.is_file():
        raise BackupError(f"{path}: no such backup file")
    if path.suffix != SUFFIXES[vendor]:
        raise BackupError(
            f"{path} is not a {vendor} backup (those end in {SUFFIXES[vendor]}): restore a "
            "backup into the kind of database it was taken from."
        )
    tables = database_table_names(database)
    if tables:
        raise BackupError(
            f"The database {database['NAME']} is not empty ({len(tables)} tables): restore "
            "only into an empty database (a new PostgreSQL database, or a SQLite file that "
            "does not exist yet), so that nothing is mixed or lost."
        )
    if vendor == "sqlite":
        # Into a new file beside it, then in place at once: never half a database.
        final = Path(database["NAME"])
        partial = final.with_name(final.name + ".partial")
        partial.unlink(missing_ok=True)
        source, target = sqlite3.connect(path), sqlite3.connect(partial)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        partial.rename(final)
    else:
        _run(
            _pg_tool("PG_RESTORE", "pg_restore"),
            database,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            str(path),
        )


def database_table_names(database: dict) -> list[str]:
    """The tables of `database` (a DATABASES entry); none for a SQLite file not made yet."""
    if _vendor(database) == "sqlite":
        name = str(database["NAME"])
        in_memory = name.startswith("file:") or name == ":memory:"
        if not in_memory and not Path(name).exists():
            return []
        db = sqlite3.connect(name, uri=name.startswith("file:"))
        try:
            rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        finally:
            db.close()
        return sorted(name for (name,) in rows)
    import psycopg

    with psycopg.connect(**_pg_connect_arguments(database)) as db:
        rows = db.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
        ).fetchall()
    return sorted(name for (name,) in rows)


def _pg_connect_arguments(database: dict) -> dict:
    arguments = {"dbname": database["NAME"], "connect_timeout": 10}
    for key, name in (("HOST", "host"), ("PORT", "port"), ("USER", "user")):
        if database.get(key):
            arguments[name] = str(database[key])
    if database.get("PASSWORD"):
        arguments["password"] = database["PASSWORD"]
    return arguments


def _pg_tool(variable: str, name: str) -> str:
    """pg_dump or pg_restore: $PG_DUMP / $PG_RESTORE, or the one on PATH. It must be at
    least the server's version."""
    tool = os.environ.get(variable) or shutil.which(name)
    if not tool:
        raise BackupError(
            f"{name} was not found: install PostgreSQL's client programs "
            f"(apt-get install postgresql-client), or set {variable} to its path."
        )
    return tool


def _run(tool: str, database: dict, *arguments: str) -> None:
    """Run a PostgreSQL client program on `database`; the password goes in the environment,
    never on the command line."""
    environ = dict(os.environ, PGCONNECT_TIMEOUT="10")
    if database.get("PASSWORD"):
        environ["PGPASSWORD"] = database["PASSWORD"]
    command = [tool, f"--dbname={database['NAME']}"]
    if database.get("HOST"):
        command.append(f"--host={database['HOST']}")
    if database.get("PORT"):
        command.append(f"--port={database['PORT']}")
    if database.get("USER"):
        command.append(f"--username={database['USER']}")
    result = subprocess.run(
        [*command, *arguments], env=environ, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{Path(tool).name} failed: {result.stderr.strip()}")
