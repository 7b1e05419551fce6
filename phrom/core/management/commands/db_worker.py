"""`phrom db_worker`: django-tasks' database worker, which first queues again the jobs of workers that
died mid-job (phrom.core.worker), and names itself "<host>:<pid>" so that the next one can tell."""

from django_tasks_db.management.commands import db_worker

from phrom.core.worker import requeue_abandoned, worker_id


class Command(db_worker.Command):
    help = db_worker.Command.help + "; jobs abandoned by a worker that died are queued again first"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=worker_id())

    def handle(self, *args, **options):
        requeued = requeue_abandoned()
        if requeued and options["verbosity"]:
            self.stdout.write(f"{requeued} job(s) abandoned by a worker that died: queued again")
        return super().handle(*args, **options)
