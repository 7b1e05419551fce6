"""Background task of bundles (django-tasks; run by `phrom db_worker`)."""

import logging

from django.utils import timezone, translation
from django_tasks import task

from phrom.core.errors import PhromError

from .build import build
from .models import PlanBundle
from .prune import prune_expired

logger = logging.getLogger(__name__)


@task()
def build_plan_bundle(bundle_id: int) -> dict:
    """Build one bundle; the page that polls it reads the progress saved on the row as plans are written."""
    bundle = PlanBundle.objects.select_related("requested_by", "province", "root", "campaign").get(pk=bundle_id)
    if bundle.finished:
        return {"status": bundle.status}  # already run: a bundle is not built twice
    # RUNNING: the worker that was building it died and its job was queued again (phrom.core.worker):
    # built again from the start.
    try:
        bundle = build(bundle)
    except Exception as exc:
        logger.exception("plan bundle %s failed", bundle_id)
        # A refusal of Phrom's own (e.g. storage_full) in the bundle's language; anything else as it is.
        with translation.override(bundle.language):
            error = exc.message if isinstance(exc, PhromError) else f"{type(exc).__name__}: {exc}"
        PlanBundle.objects.filter(pk=bundle_id).update(
            status=PlanBundle.Status.FAILED, error=error[:2000], finished_at=timezone.now(),
        )
        raise
    # Bundles are asked for now and then: tidying the expired ones here keeps storage in check
    # even where nobody schedules `phrom prune_bundles`.
    prune_expired()
    return {"status": bundle.status, "done": bundle.done, "total": bundle.total, "failed": bundle.failed,
            "size": bundle.size}
