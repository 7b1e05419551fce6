"""phrom rto_gaps [--json] [--fiscal-year Y] [--organisation CODE] [--province CODE]: the recovery gaps
over the plans sent in a fiscal year (security-sensitive plans never take part)."""

import json

from django.core.management.base import BaseCommand, CommandError

from phrom.dependencies.reports import GapFilters, current_fiscal_year, gap_rows
from phrom.orgs.models import Organisation, Province


class Command(BaseCommand):
    help = "List the processes whose RTO cannot be met because of what they depend on (over sent plans)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print a JSON list")
        parser.add_argument("--fiscal-year", type=int, help="the fiscal year (B.E.; default: the current one)")
        parser.add_argument("--organisation", default="", help="one agency's code")
        parser.add_argument("--province", default="", help="a province's two-digit code")

    def handle(self, *args, fiscal_year=None, organisation="", province="", **options):
        if organisation and not Organisation.objects.filter(code=organisation).exists():
            raise CommandError(f"no organisation with code {organisation!r}")
        if province and not Province.objects.filter(code=province).exists():
            raise CommandError(f"no province with code {province!r}")
        year = fiscal_year or current_fiscal_year()
        rows = gap_rows(year, scope=None, filters=GapFilters(province=province, organisation=organisation))
        items = [r.gap.as_dict() for r in rows]
        if options["json"]:
            self.stdout.write(json.dumps(items, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"fiscal year {year}: {len(items)} gaps\n")
        for i in items:
            severe = " SEVERE" if i["severe"] else ""
            via = " → ".join(s.get("process") or s.get("utility") or s.get("name") or "" for s in i["chain"])
            self.stdout.write(f"{i['organisation']}/{i['process']}: RTO {i['rto_hours']} h, achievable "
                              f"{i['achievable_hours']} h{severe} via {via}\n")

