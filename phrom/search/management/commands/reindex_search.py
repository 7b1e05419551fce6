"""`phrom reindex_search`: rebuild the search index from every plan's latest sent version.

Sending indexes a plan as it happens; run this after upgrading to a version with search, after
restoring plans from a backup, or after a change to how text is cut into words. Safe to repeat."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from phrom.search.index import rebuild


class Command(BaseCommand):
    help = "Rebuild the search index from every plan's latest sent version (safe to repeat)."

    def handle(self, *args, **options):
        def progress(done, total):
            self.stdout.write(_("%(done)s of %(total)s plans read") % {"done": f"{done:,}", "total": f"{total:,}"})

        indexed = rebuild(progress)
        self.stdout.write(_("%(n)s plans indexed (security-sensitive plans are never indexed)") % {"n": f"{indexed:,}"})
