"""The Word import from upload to plan: read and keep for review, then confirm (create the plan) or discard."""

from __future__ import annotations

from pathlib import Path

from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone

from phrom.orgs.models import Organisation
from phrom.plans.models import Plan, Scenario
from phrom.plans.services import attach_file, create_plan

from .docx_safety import check_docx, read_upload
from .models import WordImport
from .word import read_word


def start_word_import(org: Organisation, upload, *, user) -> WordImport:
    """Check the upload, read it and keep the reading for review. Raises WordFileRefused (nothing stored)."""
    data = read_upload(upload)
    check_docx(data)
    names = dict(Scenario.objects.values_list("code", "name_th"))
    reading = read_word(data, catalogue_names=names)
    stem = Path(upload.name or "plan").stem[:200] or "plan"
    job = WordImport(organisation=org, original_name=(upload.name or "plan.docx")[:255], size=len(data),
                     reading=reading.as_dict(), created_by=user)
    job.file.save(f"{stem}.docx", ContentFile(data), save=False)
    job.save()
    return job


def confirm_word_import(job: WordImport, *, user, fiscal_year: int, classification: str, ip=None) -> Plan:
    """Create the draft plan of what was recognised, with the Word file attached as the original document.
    Raises PlanCreationError (e.g. a plan of that fiscal year exists) with nothing changed."""
    reading = job.reading
    with transaction.atomic():
        locked = WordImport.objects.select_for_update().get(pk=job.pk)
        if locked.status != WordImport.Status.PENDING:
            raise ValueError("this import was already decided")
        plan = create_plan(job.organisation, user=user, template=reading["document"], fiscal_year=fiscal_year,
                           classification=classification, title=reading.get("title") or None, ip=ip)
        if locked.file:
            with locked.file.open("rb") as f:
                attach_file(plan, File(f, name=Path(locked.file.name).name), user=user, ip=ip)
        locked.status, locked.plan, locked.decided_at = WordImport.Status.CONFIRMED, plan, timezone.now()
        locked.save(update_fields=["status", "plan", "decided_at"])
    _forget_file(locked)
    job.status, job.plan = locked.status, plan
    return plan


def discard_word_import(job: WordImport) -> None:
    WordImport.objects.filter(pk=job.pk, status=WordImport.Status.PENDING).update(
        status=WordImport.Status.DISCARDED, decided_at=timezone.now())
    job.refresh_from_db()
    _forget_file(job)


def _forget_file(job: WordImport) -> None:
    """The upload is kept only while it waits for review (a confirmed plan holds its own copy)."""
    if job.file:
        job.file.delete(save=False)
        WordImport.objects.filter(pk=job.pk).update(file="")
