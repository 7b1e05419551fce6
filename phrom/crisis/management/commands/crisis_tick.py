"""`phrom crisis_tick`: the safety net of crisis mode's background work, for cron (every minute).

Queues a delivery run for each open activation with a message or an escalation step due — should a
scheduled run have been lost (its queue row deleted, a worker stopped for long) — or, with
--deliver, runs them here without the worker."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from phrom.crisis import tasks
from phrom.crisis.delivery import deliver_due, open_with_work


class Command(BaseCommand):
    help = "Queue (or with --deliver, run) the delivery of every open activation with work due"

    def add_arguments(self, parser):
        parser.add_argument("--deliver", action="store_true", help="send here instead of through the worker")

    def handle(self, *args, **options):
        now = timezone.now()
        for activation_id in open_with_work(now):
            if options["deliver"]:
                report = deliver_due(activation_id)
                self.stdout.write(f"activation {activation_id}: {report.as_dict()}")
            elif tasks.schedule(activation_id, now):
                self.stdout.write(f"activation {activation_id}: delivery queued")
