from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from phrom.backups.archive import BackupError, create_backup, default_destination
from phrom.core.messages import both


class Command(BaseCommand):
    help = ("Back up the database and the media files into one .tar.gz with a manifest of checksums, "
            "while Phrom runs (docs/backup.md).")

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="Archive to write (default: DATA_DIR/backups/phrom-backup-<time>.tar.gz).")

    def handle(self, *args, output=None, **options):
        destination = output or default_destination()
        try:
            manifest = create_backup(destination)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        size = sum(f["size"] for f in manifest["files"])
        for line in both("Backup written: {path} ({count} files, {size} bytes, database: {engine}).",
                         path=destination, count=len(manifest["files"]), size=size, engine=manifest["engine"]):
            self.stdout.write(line)
