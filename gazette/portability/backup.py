"""``gazette backup``: a consistent copy of the database taken while the site runs.

SQLite: the online backup API copies the database in one step inside a read transaction,
which in WAL mode never blocks the site's writers; the copy is a snapshot of one moment.
PostgreSQL: ``pg_dump -Fc`` (one repeatable-read snapshot by design), restored with
``pg_restore``. Either way the copy is written beside its destination and renamed into
place only when complete, so a failed backup never replaces a good one.
"""

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connections

from gazette.portability import PortabilityError

VERSION = re.compile(r"\(PostgreSQL\)\s+(\d+)")


@dataclass
class BackupResult:
    path: Path
    size: int
    engine: str
    rows: dict[str, int] = field(default_factory=dict)
    media: Path | None = None


def backup_database(
    destination: Path,
    *,
    overwrite: bool = False,
    pg_dump: str = "pg_dump",
    counted_tables: tuple[str, ...] = (),
    using: str = "default",
) -> BackupResult:
    """Copy the ``using`` database to ``destination``; ``counted_tables`` are counted in the
    copy (SQLite) so the operator sees what it holds."""
    destination = Path(destination)
    _check_destination(destination, overwrite)
    connection = connections[using]
    if connection.vendor == "sqlite":
        source = Path(connection.settings_dict["NAME"])
        return backup_sqlite(source, destination, counted_tables=counted_tables)
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        server_major = connection.pg_version // 10000
        return backup_postgresql(
            connection.settings_dict, destination, pg_dump=pg_dump, server_major=server_major
        )
    raise PortabilityError(f"Backups of {connection.vendor} databases are not supported.")


def _check_destination(destination: Path, overwrite: bool) -> None:
    if destination.exists() and not overwrite:
        raise PortabilityError(f"{destination} exists; choose another name or pass --overwrite.")
    if destination.is_dir():
        raise PortabilityError(f"{destination} is a directory; give a file name.")
    if not destination.parent.is_dir():
        raise PortabilityError(f"No such directory: {destination.parent}")


def _temporary_beside(destination: Path) -> Path:
    fd, name = tempfile.mkstemp(
        prefix=f".{destination.name}.", suffix=".partial", dir=destination.parent
    )
    os.close(fd)
    return Path(name)


def backup_sqlite(
    source: Path, destination: Path, *, counted_tables: tuple[str, ...] = ()
) -> BackupResult:
    if not source.is_file():
        raise PortabilityError(f"No SQLite database at {source}.")
    temporary = _temporary_beside(destination)
    try:
        reader = sqlite3.connect(source, timeout=30)
        copy = sqlite3.connect(temporary)
        try:
            # pages=-1: the whole database in one step, under one read transaction.
            reader.backup(copy, pages=-1)
            # The copy stands alone: no -wal or -shm file beside it.
            copy.execute("PRAGMA journal_mode=DELETE")
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict != "ok":
                raise PortabilityError(f"The copy failed its integrity check: {verdict}")
            rows = {
                table: copy.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
                for table in counted_tables
            }
        finally:
            copy.close()
            reader.close()
        _fsync(temporary)
        os.replace(temporary, destination)
    finally:
        temporary.unlink(missing_ok=True)
    return BackupResult(destination, destination.stat().st_size, "sqlite", rows)


def pg_dump_command(settings_dict: dict, destination: Path, pg_dump: str = "pg_dump") -> tuple:
    """The pg_dump command line and environment for a Django database: the password goes in
    the environment, never on the command line where other users could read it."""
    program = shutil.which(pg_dump)
    if program is None:
        raise PortabilityError(
            f"{pg_dump} was not found. Install the PostgreSQL client tools matching the "
            "server's major version (Debian: postgresql-client-15), or pass --pg-dump PATH."
        )
    command = [program, "--format=custom", "--no-password", f"--file={destination}"]
    if settings_dict.get("HOST"):
        command.append(f"--host={settings_dict['HOST']}")
    if settings_dict.get("PORT"):
        command.append(f"--port={settings_dict['PORT']}")
    if settings_dict.get("USER"):
        command.append(f"--username={settings_dict['USER']}")
    command.append(f"--dbname={settings_dict['NAME']}")
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    for option, variable in [("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")]:
        if settings_dict.get("OPTIONS", {}).get(option):
            env[variable] = str(settings_dict["OPTIONS"][option])
    return command, env


def client_major(program: str) -> int:
    result = subprocess.run(  # noqa: S603 - a program the operator named, no shell
        [program, "--version"], capture_output=True, text=True, check=False, timeout=60
    )
    match = VERSION.search(result.stdout) if result.returncode == 0 else None
    if match is None:
        raise PortabilityError(f"Could not tell the version of {program}: {result.stdout!r}")
    return int(match.group(1))


def backup_postgresql(
    settings_dict: dict, destination: Path, *, pg_dump: str = "pg_dump", server_major: int
) -> BackupResult:
    temporary = _temporary_beside(destination)
    try:
        command, env = pg_dump_command(settings_dict, temporary, pg_dump)
        major = client_major(command[0])
        if major < server_major:
            raise PortabilityError(
                f"{command[0]} is version {major}; the server runs PostgreSQL {server_major}, "
                f"and pg_dump cannot dump a newer server. Install postgresql-client-"
                f"{server_major} or pass --pg-dump PATH."
            )
        result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            command, env=env, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise PortabilityError(f"pg_dump failed ({result.returncode}): {result.stderr.strip()}")
        _fsync(temporary)
        os.replace(temporary, destination)
    finally:
        temporary.unlink(missing_ok=True)
    return BackupResult(destination, destination.stat().st_size, "postgresql")


def copy_media(media_root: Path, destination: Path, *, overwrite: bool = False) -> Path:
    """Copy the media directory (uploads and renditions) to ``destination``, replacing an
    older copy only once the new one is complete."""
    media_root = Path(media_root)
    destination = Path(destination)
    if destination.exists() and not overwrite:
        raise PortabilityError(f"{destination} exists; choose another name or pass --overwrite.")
    temporary = Path(
        tempfile.mkdtemp(prefix=f".{destination.name}.", suffix=".partial", dir=destination.parent)
    )
    try:
        if media_root.is_dir():
            shutil.copytree(media_root, temporary, dirs_exist_ok=True)
        if destination.exists():
            old = destination.with_name(f".{destination.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            destination.rename(old)
            temporary.rename(destination)
            shutil.rmtree(old, ignore_errors=True)
        else:
            temporary.rename(destination)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    return destination


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())
