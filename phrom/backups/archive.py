"""One backup of a Phrom installation: the database and the media files (attachments, printed
versions, bundles, imports) in one .tar.gz, with a manifest that lists every file's size and SHA-256.

The database is copied while Phrom runs: SQLite through sqlite3's online backup API (a consistent
snapshot, even while the worker writes), PostgreSQL through pg_dump (one transaction's snapshot).
The media files are copied after the database: files are written once and kept, so every file the
snapshot names is there. Restoring checks every checksum before anything is put in place, and only
into an installation without data unless forced. docs/backup.md tells the procedure.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext_noop

from phrom.core.errors import PhromError

FORMAT = "phrom-backup"
VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database/phrom.sqlite3"
PGDUMP_MEMBER = "database/phrom.pgdump"
CHUNK = 1024 * 1024
PROGRESS_EVERY = 200  # media files between two progress lines


def _quiet(msgid: str, **params) -> None:
    """The progress callback when the caller wants none."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _engine() -> str:
    return "sqlite" if connection.vendor == "sqlite" else connection.vendor


def _media_files(root: Path) -> list[tuple[str, Path]]:
    if not root.is_dir():
        return []
    found = [(f"media/{p.relative_to(root).as_posix()}", p) for p in root.rglob("*") if p.is_file()]
    return sorted(found)


def _pg_params() -> tuple[list[str], dict]:
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [option, str(db[key])]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or os.environ.get("PGPASSWORD", "")}
    return args, env


def _pg_tool(name: str) -> str:
    tool = shutil.which(name)
    if not tool:
        raise PhromError("backup_tool_missing", tool=name)
    return tool


def _dump_database(workdir: Path) -> tuple[str, Path]:
    if _engine() == "sqlite":
        target = workdir / "phrom.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
            (ok,) = copy.execute("PRAGMA integrity_check").fetchone()
        finally:
            copy.close()
        if ok != "ok":
            raise PhromError("backup_failed", detail=f"PRAGMA integrity_check: {ok}")
        return SQLITE_MEMBER, target
    if _engine() == "postgresql":
        target = workdir / "phrom.pgdump"
        args, env = _pg_params()
        done = subprocess.run(
            [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), *args],
            env=env, capture_output=True, text=True,
        )
        if done.returncode:
            raise PhromError("backup_failed", detail=f"pg_dump: {done.stderr.strip()}")
        return PGDUMP_MEMBER, target
    raise PhromError("backup_engine_unsupported", engine=_engine())


def default_destination() -> Path:
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    return settings.DATA_DIR / "backups" / f"phrom-backup-{stamp}.tar.gz"


def _every(done: int, total: int) -> bool:
    return done == total or done % PROGRESS_EVERY == 0


def create_backup(destination: Path, progress=_quiet) -> dict:
    """Write the backup to destination (written beside it, then renamed: never a partial archive).
    progress(msgid, **params) hears of each step on the way (an hour's work on a national install)."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    try:
        with tempfile.TemporaryDirectory(dir=destination.parent) as tmp:
            progress(gettext_noop("Copying the database ({engine})…"), engine=_engine())
            entries = [_dump_database(Path(tmp)), *_media_files(Path(settings.MEDIA_ROOT))]
            files = []
            for name, path in entries:
                files.append({"path": name, "size": path.stat().st_size, "sha256": _sha256(path)})
                if _every(len(files), len(entries)):
                    progress(gettext_noop("Checksums: {done} of {total} files."), done=len(files), total=len(entries))
            manifest = {
                "format": FORMAT, "version": VERSION, "engine": _engine(),
                "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                "files": files,
            }
            with tarfile.open(partial, "w:gz") as tar:
                data = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime = len(data), int(datetime.datetime.now().timestamp())
                tar.addfile(info, io.BytesIO(data))
                for done, (name, path) in enumerate(entries, 1):
                    tar.add(path, arcname=name, recursive=False)
                    if _every(done, len(entries)):
                        progress(gettext_noop("Archived: {done} of {total} files."), done=done, total=len(entries))
        os.replace(partial, destination)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return (not path.is_absolute() and ".." not in path.parts and path.parts[:1] in (("database",), ("media",))
            and len(path.parts) > 1)


def _read_verified(archive: Path, staging: Path, progress) -> dict:
    """Unpack into staging, checking every file against the manifest; raise on any difference."""
    try:
        tar = tarfile.open(archive, "r:gz")
    except (OSError, tarfile.TarError) as exc:
        raise PhromError("backup_unreadable", archive=archive) from exc
    with tar:
        try:
            manifest = json.load(tar.extractfile(MANIFEST))
        except (KeyError, ValueError, TypeError) as exc:
            raise PhromError("backup_unreadable", archive=archive) from exc
        if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
            raise PhromError("backup_unreadable", archive=archive)
        expected = {f["path"]: f for f in manifest["files"]}
        seen = set()
        for member in tar:
            if member.name == MANIFEST:
                continue
            if member.name not in expected or not member.isfile() or not _safe_member(member.name):
                raise PhromError("backup_unlisted_file", archive=archive, path=member.name)
            target = staging / member.name
            target.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            with tar.extractfile(member) as src, open(target, "wb") as out:
                while chunk := src.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
            if digest.hexdigest() != expected[member.name]["sha256"]:
                raise PhromError("backup_checksum", path=member.name)
            seen.add(member.name)
            if _every(len(seen), len(expected)):
                progress(gettext_noop("Checked: {done} of {total} files."), done=len(seen), total=len(expected))
        missing = sorted(set(expected) - seen)
        if missing:
            raise PhromError("backup_incomplete", count=len(missing), path=missing[0])
    return manifest


def _sqlite_path() -> Path:
    return Path(settings.DATABASES["default"]["NAME"])


def _pg_has_tables() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()")
        return cursor.fetchone()[0] > 0


def holds_data() -> list[str]:
    """What in this installation a restore would overwrite (empty: nothing)."""
    found = []
    if _engine() == "sqlite":
        path = _sqlite_path()
        if path.exists() and path.stat().st_size > 0:
            found.append(str(path))
    elif _pg_has_tables():
        found.append(f"PostgreSQL database {connection.settings_dict['NAME']}")
    if _media_files(Path(settings.MEDIA_ROOT)):
        found.append(str(settings.MEDIA_ROOT))
    return found


def restore_backup(archive: Path, *, force: bool = False, progress=_quiet) -> dict:
    """Put the backup's database and media files in place of this installation's."""
    archive = Path(archive)
    present = holds_data()
    if present and not force:
        raise PhromError("restore_not_empty", where=", ".join(present))
    data_dir = Path(settings.DATA_DIR)
    with tempfile.TemporaryDirectory(dir=data_dir, prefix=".restore-") as tmp:
        staging = Path(tmp)
        manifest = _read_verified(archive, staging, progress)
        if manifest["engine"] != _engine():
            raise PhromError("restore_engine_mismatch", saved=manifest["engine"], current=_engine())
        progress(gettext_noop("Every checksum matches: restoring the database…"))
        connection.close()
        if manifest["engine"] == "sqlite":
            path = _sqlite_path()
            path.parent.mkdir(parents=True, exist_ok=True)
            for leftover in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                leftover.unlink(missing_ok=True)
            os.replace(staging / SQLITE_MEMBER, path)
        else:
            args, env = _pg_params()
            done = subprocess.run(
                [_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
                 "--single-transaction", *args, str(staging / PGDUMP_MEMBER)],
                env=env, capture_output=True, text=True,
            )
            if done.returncode:
                raise PhromError("restore_failed", detail=done.stderr.strip())
        media_root = Path(settings.MEDIA_ROOT)
        if media_root.exists():
            shutil.rmtree(media_root)
        media_root.parent.mkdir(parents=True, exist_ok=True)
        if (staging / "media").exists():
            os.replace(staging / "media", media_root)
        else:
            media_root.mkdir()
    return manifest
