from django.core.management.base import BaseCommand
from django.utils import translation

from phrom.orgs.importer import export_orgs


class Command(BaseCommand):
    help = "Write every organisation to a CSV file (UTF-8) in the columns of import_orgs; '-' writes to stdout."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--lang", choices=["th", "en"], default="th", help="language of the message (default: th)")

    def handle(self, file, lang, **options):
        if file == "-":
            export_orgs(self.stdout)
            return
        # A BOM, so that Excel shows the Thai names; the import accepts files with or without one.
        with open(file, "w", encoding="utf-8-sig", newline="") as out:
            count = export_orgs(out)
        with translation.override(lang):
            self.stdout.write(
                translation.gettext("%(count)s organisations written to %(file)s.") % {"count": count, "file": file}
            )
