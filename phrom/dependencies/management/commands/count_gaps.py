"""phrom count_gaps [--fiscal-year Y]: count the fiscal year's recovery gaps per agency now, for the
national picture's dashboards (after each sent version the worker does it by itself)."""

from django.core.management.base import BaseCommand

from phrom.dependencies.counts import refresh
from phrom.dependencies.reports import current_fiscal_year


class Command(BaseCommand):
    help = "Count the recovery gaps of a fiscal year per agency for the dashboards (sent plans only)."

    def add_arguments(self, parser):
        parser.add_argument("--fiscal-year", type=int, help="the fiscal year (B.E.; default: the current one)")

    def handle(self, *args, fiscal_year=None, **options):
        year = fiscal_year or current_fiscal_year()
        counts = refresh(year)
        gaps = sum(n for n, _ in counts.by_organisation.values())
        self.stdout.write(f"fiscal year {year}: {gaps} gaps in {len(counts.by_organisation)} agencies\n")
