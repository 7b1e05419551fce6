from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from phrom.accounts.onboarding import import_users


class Command(BaseCommand):
    help = (
        "Onboard users from a CSV (UTF-8) or XLSX file with the columns username, full_name, email, org_code, role; "
        "all or nothing. Each new user is e-mailed a link to set a password (see docs/import.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--lang", choices=["th", "en"], default="th", help="language of the report (default: th)")
        parser.add_argument("--no-email", action="store_true", help="create the accounts without sending e-mails")
        parser.add_argument(
            "--resend", action="store_true",
            help="also send a new link to users of the file who have not set their password yet",
        )

    def handle(self, file, lang, no_email, resend, **options):
        path = Path(file)
        with translation.override(lang):
            if not path.is_file():
                raise CommandError(translation.gettext("No such file: %(path)s") % {"path": file})
            report = import_users(path.read_bytes(), path.name, send_email=not no_email, resend=resend)
            if not report.ok:
                raise CommandError("\n".join([*(e.as_text() for e in report.errors), report.summary()]))
            self.stdout.write(report.summary())
            if report.email_failures:
                raise CommandError(
                    translation.gettext(
                        "The accounts were created, but the e-mail could not be sent to: %(users)s. "
                        "Check the e-mail settings, then send the links again with: phrom import_users FILE --resend"
                    ) % {"users": ", ".join(report.email_failures)}
                )
