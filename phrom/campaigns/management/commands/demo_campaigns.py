from django.core.management.base import BaseCommand
from django.utils import translation

from phrom.campaigns.demo import load_demo_campaigns


class Command(BaseCommand):
    help = (
        "Open the demo submission campaigns (OPDC's national review and the BMA disaster office's) and send, "
        "return and accept demo plans through them. Run after `phrom demo`; safe to run again."
    )

    def handle(self, **options):
        with translation.override("en"):
            result = load_demo_campaigns()
            if not result.campaigns:
                self.stdout.write("No national collector: run `phrom demo` first.")
                return
            for campaign in result.campaigns:
                self.stdout.write(f"campaign {campaign.pk}\t{campaign.collector.code}\t{campaign.title}")
            if result.skipped:
                self.stdout.write("The demo campaigns already have submissions: nothing sent.")
                return
            self.stdout.write(
                f"sent {result.sent}, declared {result.declared}, blocked by the campaign's rules {result.blocked}; "
                f"returned {result.returned}, forwarded {result.forwarded}, accepted {result.accepted}"
            )
