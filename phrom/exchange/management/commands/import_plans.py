"""phrom import_plans FILE [--user USERNAME] [--english]: plans from exchange JSON, all or nothing."""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from phrom.exchange.importer import format_errors, import_plans


class Command(BaseCommand):
    help = ("Import plans from a phrom-plan-exchange/1 JSON file (one plan, a list, or the envelope; "
            "docs/exchange.md). With any error nothing is stored and every error is listed.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", help="record the import as this user (only their agencies' plans)")
        parser.add_argument("--english", action="store_true", help="list the errors in English")

    def handle(self, *args, file, user=None, english=False, **options):
        account = None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(f"no user {user!r}")
        try:
            with open(file, encoding="utf-8-sig") as f:
                data = json.load(f)
        except OSError as e:
            raise CommandError(f"cannot read {file}: {e.strerror}") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise CommandError(f"{file} is not JSON: {e}") from None
        report = import_plans(data, user=account)
        if not report.ok:
            for line in format_errors(report.errors, "en" if english else "th"):
                self.stderr.write(line)
            raise CommandError(f"refused: {len(report.errors)} error(s), nothing was imported")
        self.stdout.write(
            f"{report.total} plan(s): {len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged"
        )
