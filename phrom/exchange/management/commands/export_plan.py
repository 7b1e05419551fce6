"""phrom export_plan ORG_CODE --format json|pdf|docx -o FILE [--version N] [--fiscal-year YYYY] [--user USERNAME]"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from phrom.campaigns.facts import has_version
from phrom.documents.export import plan_document
from phrom.exchange.export import can_export, export_plans
from phrom.orgs.models import Organisation
from phrom.plans.models import Plan


class Command(BaseCommand):
    help = ("Write an organisation's plan (the latest fiscal year unless given) as exchange JSON, PDF or Word. "
            "A security-sensitive plan is written only for a member of its agency (--user).")

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Django's own --version (print Django's version) gives way to the plan version.
        kwargs.setdefault("conflict_handler", "resolve")
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("org_code")
        parser.add_argument("--format", choices=["json", "pdf", "docx"], default="json")
        parser.add_argument("-o", "--output", required=True, help="the file to write")
        parser.add_argument("--version", type=int, help="the plan as it was at this version")
        parser.add_argument("--fiscal-year", type=int, help="the plan of this fiscal year (B.E.)")
        parser.add_argument("--user", help="export as this user (required for a security-sensitive plan)")
        parser.add_argument("--thai-digits", action="store_true", help="PDF/Word: numbers in Thai digits")

    def handle(self, *args, org_code, output, version=None, fiscal_year=None, user=None, **options):
        org = Organisation.objects.filter(code=org_code).first()
        if org is None:
            raise CommandError(f"no organisation with code {org_code!r}")
        plans = Plan.objects.filter(organisation=org).select_related("organisation__kind", "organisation__province")
        if fiscal_year:
            plans = plans.filter(fiscal_year=fiscal_year)
        plan = plans.order_by("-fiscal_year").first()
        if plan is None:
            raise CommandError(f"{org_code} has no plan" + (f" for fiscal year {fiscal_year}" if fiscal_year else ""))
        account = None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(f"no user {user!r}")
        if not can_export(account, plan):
            raise CommandError(
                f"the plan of {org_code} is security-sensitive: only a member of the agency may export it (--user)"
                if plan.is_sensitive else f"{user} may not read the plan of {org_code}")
        if version is not None and not has_version(plan, version):
            raise CommandError(f"the plan has no version {version} (it is at version {plan.revision})")
        fmt = options["format"]
        if fmt == "json":
            data = json.dumps(export_plans([plan], user=account, version=version), ensure_ascii=False, indent=2)
            Path(output).write_text(data + "\n", encoding="utf-8")
        else:
            from phrom.documents.docx import render_docx
            from phrom.documents.pdf import render_pdf

            doc, header = plan_document(plan, version)
            render = render_pdf if fmt == "pdf" else render_docx
            Path(output).write_bytes(render(doc, header, thai_digits=options["thai_digits"]))
        self.stdout.write(f"{org_code} {plan.fiscal_year} version {version or plan.revision} → {output}")
