from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext_noop

from phrom.backups.archive import create_backup, default_destination
from phrom.backups.output import Operator


class Command(BaseCommand):
    help = ("Back up the database and the media files into one .tar.gz with a manifest of checksums, "
            "while Phrom runs (docs/backup.md).")

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="Archive to write (default: DATA_DIR/backups/phrom-backup-<time>.tar.gz).")

    def handle(self, *args, output=None, **options):
        destination = output or default_destination()
        operator = Operator(self)
        with operator.refusals():
            manifest = create_backup(destination, progress=operator.progress)
        operator.done(gettext_noop("Backup written: {path} ({count} files, {size} bytes, database: {engine})."),
                      path=destination, count=len(manifest["files"]), size=sum(f["size"] for f in manifest["files"]),
                      engine=manifest["engine"])
