"""`phrom record_sent_facts`: record the statistics facts of every plan that has left its agency.

Sending records them as it happens; run this once after upgrading to a version with statistics (plans
sent before have none), or after restoring plans from a backup without their facts. Safe to repeat."""

from django.core.management.base import BaseCommand
from django.db.models import Q

from phrom.plans.models import Plan
from phrom.statistics.facts import record

CHUNK = 500


class Command(BaseCommand):
    help = "Record the statistics facts of every plan's latest sent version (after an upgrade; safe to repeat)."

    def handle(self, *args, **options):
        sent = (Plan.objects.filter(Q(submissions__events__action="sent") | Q(audit__detail__has_key="historical_version"))
                .values_list("pk", flat=True).distinct().order_by("pk"))
        ids = list(sent)
        done = 0
        for start in range(0, len(ids), CHUNK):
            done += record(ids[start:start + CHUNK])
        self.stdout.write(f"{done:,} plans with a sent version recorded")
