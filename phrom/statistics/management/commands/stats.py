"""`phrom stats --json [--fiscal-year Y] [--province CODE] [--kind KIND] [--ministry CODE] [--collector CODE]`:
the national figures (the operator's view: every organisation) as the API gives them."""

from django.core.management.base import BaseCommand, CommandError

from phrom.core.errors import PhromError
from phrom.statistics.figures import Query, figures
from phrom.statistics.output import FILTERS, dumps, read_filters, read_fiscal_year


class Command(BaseCommand):
    help = "Print the statistics of a fiscal year: coverage, scenarios, by kind, province and ministry."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print JSON (the API's shape).")
        parser.add_argument("--fiscal-year", help="Fiscal year (B.E.); the current one by default.")
        for name in FILTERS:
            parser.add_argument(f"--{name}", help=f"Only organisations of this {name} (code).")

    def handle(self, *args, **options):
        try:
            year = read_fiscal_year(options["fiscal_year"])
        except PhromError as e:
            raise CommandError(e.message) from e
        figs = figures(Query(year, filters=read_filters(options)))
        if options["json"]:
            self.stdout.write(dumps(figs))
            return
        self.stdout.write(f"{figs['fiscal_year']}: {figs['with_plan']:,} / {figs['total']:,} ({figs['percent']}%), "
                          f"accepted {figs['accepted']:,}; content over {figs['content_plans']:,} plans, "
                          f"{figs['sensitive_plans']:,} sensitive counted in coverage only")
        for code, share in figs["scenarios"].items():
            self.stdout.write(f"  {code}: {share['plans']:,} ({share['percent']}%)")
