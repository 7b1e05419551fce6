from django.core.management.base import BaseCommand
from django.utils import translation

from phrom.campaigns.mail import deliver_due
from phrom.campaigns.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "Queue the automatic reminders due today for every open campaign (each reminder kind goes once to "
        "an agency, so running it several times a day is safe). The background worker e-mails them; with "
        "--deliver they are e-mailed now, by this command (for cron without a worker)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--deliver", action="store_true", help="send the queued e-mails now")

    def handle(self, deliver, **options):
        with translation.override("en"):
            for campaign, queued in send_due_reminders():
                self.stdout.write(
                    f"campaign {campaign.pk}\t{queued.kind}\tqueued {queued.queued}\talready {queued.already}"
                    f"\tno address {queued.no_address}\t{campaign.title}"
                )
            if deliver:
                report = deliver_due()
                self.stdout.write(
                    f"sent {report.sent}\tfailed {report.failed}\twaiting {report.deferred}"
                    + (f"\tmail server: {report.error}" if report.error else "")
                )
