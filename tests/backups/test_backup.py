"""`phrom backup` and `phrom restore` (phrom.backups.archive): a backup of a running installation,
restored by the real command into an empty data directory (and, on PostgreSQL, an empty database),
gives back every row of every table (plans, versions, submissions, audit records...) and every media
file (attachments, printed versions) byte for byte; a restore refuses an installation that holds data,
a damaged archive, a file outside the manifest or a path escaping it, and leaves the installation
untouched then.

The backup reads committed data (sqlite3's backup API waits on a writer's open transaction, pg_dump
sees only committed rows), so these tests are transactional: pytest-django runs them after every
other database test (the order tests/conftest.py guards), and the serialized rollback puts back the
reference data of the migrations that the flush of an earlier transactional test emptied."""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from phrom.campaigns.models import Submission
from phrom.documents import pdf
from phrom.plans.models import PlanAudit, PlanVersion
from tests.helpers.campaigns import open_campaign, send
from tests.helpers.plans import make_plan
from tests.helpers.tasks import IMMEDIATE

POSTGRES = connection.vendor == "postgresql"

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(POSTGRES and not (shutil.which("pg_dump") and shutil.which("pg_restore")),
                       reason="PostgreSQL's client programs are not installed (scripts/test installs them)"),
]


def phrom(data_dir: Path, *args: str, database_url: str | None = None) -> subprocess.CompletedProcess:
    """The `phrom` command as an operator runs it, on an installation whose data lives in data_dir
    (and, on PostgreSQL, in the database database_url names)."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(PHROM_DATA_DIR=str(data_dir), SECRET_KEY="backup-test-" + "k" * 50)
    if database_url:
        env["DATABASE_URL"] = database_url
    return subprocess.run([sys.executable, "-m", "phrom.cli", *args], env=env, capture_output=True, text=True)


def rows(cursor) -> dict[str, list[tuple]]:
    """Every row of every Phrom table, in a stable order."""
    out = {}
    for table in connection.introspection.table_names():
        cursor.execute(f'SELECT * FROM "{table}"')
        out[table] = sorted(cursor.fetchall(), key=repr)
    return out


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


class EmptyInstallation:
    """A new data directory and, on PostgreSQL, a newly created empty database beside the test's."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.database_url = None
        if POSTGRES:
            db = connection.settings_dict
            self.name = f"{db['NAME']}_restore_{uuid.uuid4().hex[:8]}"
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{self.name}"')
            self.database_url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT'] or 5432}/{self.name}"

    def restore(self, *args: str) -> subprocess.CompletedProcess:
        return phrom(self.data_dir, "restore", *args, database_url=self.database_url)

    def rows(self) -> dict[str, list[tuple]]:
        if POSTGRES:
            import psycopg

            # read as Django reads it: times in UTC, JSON as its text
            with psycopg.connect(self.database_url) as conn:
                conn.adapters.register_loader("jsonb", psycopg.types.string.TextLoader)
                cursor = conn.cursor()
                cursor.execute("SET TIME ZONE 'UTC'")
                return rows(cursor)
        # read as Django reads it (its converters for bool, dates and decimals are registered globally)
        conn = sqlite3.connect(self.data_dir / "phrom.sqlite3", detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
        try:
            return rows(conn.cursor())
        finally:
            conn.close()

    def drop(self):
        if POSTGRES:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.name}"')


@pytest.fixture
def empty_installation(tmp_path):
    made = []

    def make(name: str) -> EmptyInstallation:
        made.append(EmptyInstallation(tmp_path / name))
        return made[-1]

    yield make
    for installation in made:
        installation.drop()


@pytest.fixture
def installation(structure, people, media, settings, monkeypatch):
    """A plan with an attachment, sent to a campaign (its printed versions kept in media)."""
    settings.TASKS = IMMEDIATE
    monkeypatch.setattr(pdf, "render_pdf", lambda doc, header, **kw: b"%PDF-1.7 printed " + os.urandom(64))
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    plan = make_plan(structure.rayong_unit, people.rayong_unit_coordinator)
    plan.attachment.save("original.pdf", ContentFile(b"%PDF-1.4 " + bytes(range(256)) * 40))
    send(campaign, structure.rayong_unit, people, plan)
    return media


@pytest.fixture
def archive(installation, tmp_path):
    path = tmp_path / "phrom.tar.gz"
    out, err = io.StringIO(), io.StringIO()
    call_command("backup", output=path, stdout=out, stderr=err)
    assert "สำรองข้อมูลเสร็จแล้ว" in out.getvalue() and "Backup written" in out.getvalue()
    assert "คำนวณค่าตรวจสอบแล้ว" in err.getvalue()  # progress, in Thai, as the work goes on
    return path


def test_restore_into_an_empty_installation_gives_back_everything_byte_identical(archive, installation,
                                                                                  empty_installation):
    assert PlanVersion.objects.exists() and Submission.objects.exists() and PlanAudit.objects.exists()
    media_files = files(installation)
    assert any("original" in name for name in media_files)
    assert any(name.startswith("prints/") for name in media_files)
    manifest = json.loads(tarfile.open(archive).extractfile("manifest.json").read())
    assert manifest["engine"] == connection.vendor

    target = empty_installation("new-data")
    done = target.restore(str(archive))
    assert done.returncode == 0, done.stderr
    assert "กู้คืน" in done.stdout and "checksums verified" in done.stdout
    assert "ตรวจสอบแล้ว" in done.stderr

    with connection.cursor() as cursor:
        current = rows(cursor)
    restored = target.rows()
    for table in ("plans_plan", "plans_planversion", "campaigns_submission", "plans_planaudit"):
        assert current[table], table
    for table in current:
        assert restored[table] == current[table], table
    assert restored.keys() == current.keys()
    assert files(target.data_dir / "media") == media_files


def test_restore_refuses_an_installation_with_data_unless_forced(archive, installation, empty_installation):
    target = empty_installation("data")
    assert target.restore(str(archive)).returncode == 0
    (target.data_dir / "media" / "extra.txt").write_bytes(b"written after the restore")

    again = target.restore(str(archive))
    assert again.returncode != 0
    assert "[restore_not_empty]" in again.stderr and "ระบบนี้มีข้อมูลอยู่แล้ว" in again.stderr
    assert "--force" in again.stderr
    assert (target.data_dir / "media" / "extra.txt").exists()

    forced = target.restore("--force", str(archive))
    assert forced.returncode == 0, forced.stderr
    assert not (target.data_dir / "media" / "extra.txt").exists()
    assert files(target.data_dir / "media") == files(installation)


def _rewrite(archive: Path, out: Path, change):
    """A copy of the archive with change(name, data) -> data applied to each member (None drops it)."""
    with tarfile.open(archive) as src, tarfile.open(out, "w:gz") as dst:
        for member in src:
            data = change(member.name, src.extractfile(member).read())
            if data is not None:
                member.size = len(data)
                dst.addfile(member, io.BytesIO(data))
    return out


def _untouched(target: EmptyInstallation):
    assert not (target.data_dir / "phrom.sqlite3").exists() and not (target.data_dir / "media").exists()


def test_restore_refuses_a_tampered_archive_and_writes_nothing(archive, tmp_path, empty_installation):
    manifest = json.loads(tarfile.open(archive).extractfile("manifest.json").read())
    attachment = next(f["path"] for f in manifest["files"] if "original" in f["path"])

    tampered = _rewrite(archive, tmp_path / "tampered.tar.gz",
                        lambda name, data: data[:-1] + b"x" if name == attachment else data)
    target = empty_installation("a")
    done = target.restore(str(tampered))
    assert done.returncode != 0 and "[backup_checksum]" in done.stderr and attachment in done.stderr
    assert "ไม่ตรงกัน" in done.stderr
    _untouched(target)

    missing = _rewrite(archive, tmp_path / "missing.tar.gz", lambda name, data: None if name == attachment else data)
    target = empty_installation("c")
    done = target.restore(str(missing))
    assert done.returncode != 0 and "[backup_incomplete]" in done.stderr
    _untouched(target)

    target = empty_installation("d")
    done = target.restore(str(tmp_path / "tampered.tar.gz.nothing"))
    assert done.returncode != 0 and "[backup_unreadable]" in done.stderr


@pytest.mark.parametrize("escaping", ["media/../../escaped.txt", "/tmp/escaped.txt", "phrom.sqlite3"])
def test_restore_refuses_paths_outside_the_backup_even_when_the_manifest_lists_them(
        archive, tmp_path, empty_installation, escaping):
    with tarfile.open(archive) as src, tarfile.open(tmp_path / "evil.tar.gz", "w:gz") as evil:
        for member in src:
            data = src.extractfile(member).read()
            if member.name == "manifest.json":  # listed, with a checksum that matches
                manifest = json.loads(data)
                manifest["files"].append({"path": escaping, "size": 3, "sha256": hashlib.sha256(b"bad").hexdigest()})
                data = json.dumps(manifest).encode()
                member.size = len(data)
            evil.addfile(member, io.BytesIO(data))
        info = tarfile.TarInfo(escaping)
        info.size = 3
        evil.addfile(info, io.BytesIO(b"bad"))
    target = empty_installation("b")
    done = target.restore(str(tmp_path / "evil.tar.gz"))
    assert done.returncode != 0 and "[backup_unlisted_file]" in done.stderr
    assert not (tmp_path / "escaped.txt").exists()
    _untouched(target)


def test_backup_names_a_missing_pg_dump(monkeypatch, tmp_path):
    from phrom.backups import archive as backups

    monkeypatch.setattr(backups, "_engine", lambda: "postgresql")
    monkeypatch.setattr(backups.shutil, "which", lambda name: None)
    with pytest.raises(CommandError, match=r"\[backup_tool_missing\] ไม่พบโปรแกรม pg_dump"):
        call_command("backup", output=tmp_path / "x.tar.gz", stdout=io.StringIO(), stderr=io.StringIO())
    assert list(tmp_path.iterdir()) == []
