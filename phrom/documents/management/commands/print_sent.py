from django.core.management.base import BaseCommand, CommandError

from phrom.campaigns.models import Submission, SubmissionEvent
from phrom.documents.pdf import RendererUnavailable
from phrom.documents.tasks import print_submission


class Command(BaseCommand):
    help = ("Print the PDF and Word file of every plan version sent through a campaign, as its readers get "
            "it, into the store of printed sent versions (phrom.documents.store).")

    def add_arguments(self, parser):
        parser.add_argument("--missing", action="store_true",
                            help="Print only what the store lacks (or holds damaged); by default everything is printed again.")

    def handle(self, *args, missing=False, **options):
        subs = (Submission.objects.filter(kind=Submission.Kind.PLAN, plan__isnull=False, version__isnull=False,
                                          events__action=SubmissionEvent.Action.SENT)
                .distinct().order_by("pk").values_list("pk", flat=True))
        count = 0
        for pk in subs.iterator():
            try:
                count += bool(print_submission(pk, refresh=not missing))
            except RendererUnavailable as exc:
                raise CommandError(exc.message) from exc
        self.stdout.write(f"{count} sent plan version(s) in the store.")
