import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from phrom.privacy.models import ExportRecord


class Command(BaseCommand):
    help = ("The log of downloads holding contact data (who, what, when, from where), newest first, as "
            "tab-separated lines: time, user, address, agency, plan, what, version, through (docs/privacy.md).")

    def add_arguments(self, parser):
        parser.add_argument("--org", help="Only this agency's plans (its code).")
        parser.add_argument("--days", type=int, default=30, help="How far back (default 30 days).")

    def handle(self, *args, org=None, days=30, **options):
        records = ExportRecord.objects.filter(at__gte=timezone.now() - datetime.timedelta(days=days))
        if org:
            records = records.filter(organisation__code=org)
        for r in records.select_related("organisation").iterator():
            self.stdout.write("\t".join(str(v) for v in (
                timezone.localtime(r.at).isoformat(timespec="seconds"), r.username or "-", r.ip or "-",
                r.organisation.code, r.plan_id or "-", r.what, r.version or "-", r.via)))
