import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from phrom.bundles.models import PlanBundle
from phrom.bundles.prune import prune_expired


class Command(BaseCommand):
    help = "Delete plan bundles (ZIPs of many plans) kept past their expiry, with their files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than", type=float, metavar="DAYS",
            help="Also delete bundles requested more than DAYS days ago, whatever their expiry.",
        )

    def handle(self, *args, older_than=None, **options):
        now = timezone.now()
        if older_than is not None:
            cutoff = now - datetime.timedelta(days=older_than)
            PlanBundle.objects.filter(created_at__lt=cutoff).update(expires_at=now)
        count = prune_expired(now)
        self.stdout.write(f"Deleted {count} plan bundle(s).")
