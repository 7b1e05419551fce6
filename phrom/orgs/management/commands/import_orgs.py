from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from phrom.orgs.importer import import_organisations


class Command(BaseCommand):
    help = "Import organisations from a CSV (UTF-8) or XLSX file, all or nothing (see docs/import.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .csv (UTF-8, with or without BOM) or .xlsx file")
        parser.add_argument("--lang", choices=["th", "en"], default="th", help="language of the report (default: th)")

    def handle(self, file, lang, verbosity, **options):
        path = Path(file)
        with translation.override(lang):
            if not path.is_file():
                raise CommandError(translation.gettext("No such file: %(path)s") % {"path": file})

            def progress(stage, done, total):
                if verbosity >= 2:
                    label = translation.gettext("checked") if stage == "validate" else translation.gettext("saved")
                    self.stderr.write(f"{label} {done:,}/{total:,}")

            report = import_organisations(path.read_bytes(), path.name, progress=progress)
            if not report.ok:
                # Every problem, then the summary: CommandError makes the exit status 1.
                raise CommandError("\n".join([*(e.as_text() for e in report.errors), report.summary()]))
            self.stdout.write(report.summary())
