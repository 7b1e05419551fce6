"""Background printing of sent versions (django-tasks; run by `phrom db_worker`)."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django_tasks import task


def print_when_sent(submission) -> None:
    """Print the submission's version once the transaction that sends (or accepts) it commits: its
    readers then get the kept files (phrom.documents.store)."""
    transaction.on_commit(partial(print_sent_submission.enqueue, submission.pk))


@task()
def print_sent_submission(submission_id: int) -> dict:
    """The PDF and Word file of the plan as sent in a submission, as its readers will ask for them."""
    return print_submission(submission_id)


def print_submission(submission_id: int, *, refresh: bool = False) -> dict:
    from phrom.campaigns.models import Submission

    from . import store
    from .files import submission_document

    sub = Submission.objects.select_related("plan", "organisation").filter(pk=submission_id).first()
    if sub is None or not sub.has_content or sub.round == 0:
        return {}  # a declaration, or nothing sent yet
    doc, header = submission_document(sub)
    for fmt in store.FORMATS:
        store.sent_document(sub.plan, fmt, doc, header, refresh=refresh)
    return {"plan": sub.plan_id, "version": header["version"]}
