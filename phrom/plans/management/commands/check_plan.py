"""phrom check_plan ORG_CODE [--version N] [--fiscal-year YYYY] [--json]: the quality checker's findings."""

import json

from django.core.management.base import BaseCommand, CommandError

from phrom.orgs.models import Organisation
from phrom.plans.models import Plan
from phrom.plans.quality import check_stored_plan


class Command(BaseCommand):
    help = "Check an organisation's plan (the latest fiscal year unless given) and list the findings."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Django's own --version (print Django's version) gives way to the plan version.
        kwargs.setdefault("conflict_handler", "resolve")
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("org_code")
        parser.add_argument("--version", type=int, help="check the plan as it was at this version")
        parser.add_argument("--fiscal-year", type=int, help="the plan of this fiscal year (B.E.)")
        parser.add_argument("--json", action="store_true", help="print the findings as a JSON list")

    def handle(self, *args, org_code, version=None, fiscal_year=None, **options):
        org = Organisation.objects.filter(code=org_code).first()
        if org is None:
            raise CommandError(f"no organisation with code {org_code!r}")
        plans = Plan.objects.filter(organisation=org)
        if fiscal_year:
            plans = plans.filter(fiscal_year=fiscal_year)
        plan = plans.order_by("-fiscal_year").first()
        if plan is None:
            raise CommandError(f"{org_code} has no plan" + (f" for fiscal year {fiscal_year}" if fiscal_year else ""))
        if version is not None and not 1 <= version <= plan.revision:
            raise CommandError(f"the plan has versions 1 to {plan.revision}")
        result = check_stored_plan(plan, version=version)
        if options["json"]:
            self.stdout.write(_dumps([f.as_dict() for f in result.findings]))
            return
        self.stdout.write(f"{plan.title}\nversion {version or plan.revision} · score {result.score}/100\n")
        if not result.findings:
            self.stdout.write("no findings\n")
            return
        rows = [(f.severity, f.code, f.component, f.path, f.message_en) for f in result.findings]
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        for r in rows:
            self.stdout.write("  ".join(r[i].ljust(widths[i]) for i in range(4)) + "  " + r[4])


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
