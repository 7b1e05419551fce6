"""Background tasks of the organisations app (django-tasks; run by `phrom db_worker`)."""

import logging

from django.utils import timezone
from django_tasks import task

from .importer import import_organisations
from .models import OrgImport

logger = logging.getLogger(__name__)


@task()
def run_org_import(import_id: int) -> dict:
    """Import the file of one OrgImport, recording progress on it as the rows are checked and saved.

    Progress is saved with queryset updates, so the page that polls it sees the counts while the
    rows are checked; the rows are saved in one transaction, whose counts show once it commits.
    """
    job = OrgImport.objects.get(pk=import_id)
    if job.status != OrgImport.Status.QUEUED:
        return {"status": job.status}  # already run: a task is not imported twice
    jobs = OrgImport.objects.filter(pk=import_id)
    jobs.update(status=OrgImport.Status.VALIDATING)

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "validate":
            jobs.update(status=OrgImport.Status.VALIDATING, rows_validated=done, rows_total=total)
        else:
            jobs.update(status=OrgImport.Status.WRITING, rows_written=done, rows_to_write=total)

    try:
        with job.file.open("rb") as f:
            data = f.read()
        report = import_organisations(data, job.original_name, progress=progress)
    except Exception as exc:
        logger.exception("organisation import %s failed", import_id)
        jobs.update(
            status=OrgImport.Status.FAILED, finished_at=timezone.now(),
            report={"ok": False, "failure": f"{type(exc).__name__}: {exc}"},
        )
        raise
    status = OrgImport.Status.DONE if report.ok else OrgImport.Status.REFUSED
    jobs.update(status=status, rows_total=report.rows, report=report.as_dict(), finished_at=timezone.now())
    return {"status": status, "created": report.created, "updated": report.updated, "errors": len(report.errors)}
