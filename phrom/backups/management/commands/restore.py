from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext_noop

from phrom.backups.archive import restore_backup
from phrom.backups.output import Operator


class Command(BaseCommand):
    help = ("Restore a backup made by `phrom backup` into this installation (its data directory and "
            "database); every checksum is checked first. Refuses an installation with data unless --force.")

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--force", action="store_true", help="Replace the data this installation holds.")

    def handle(self, *args, archive, force=False, **options):
        operator = Operator(self)
        with operator.refusals():
            manifest = restore_backup(archive, force=force, progress=operator.progress)
        operator.done(gettext_noop("Restored {count} files from {path} (backup made {created}); checksums verified."),
                      count=len(manifest["files"]), path=archive, created=manifest["created_at"])
