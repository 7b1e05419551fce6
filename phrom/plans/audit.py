"""Recording reads of a plan's content in its append-only audit trail (PlanAudit)."""

from .models import Plan, PlanAudit


def record_read(plan: Plan, user, *, ip=None, version: int | None = None, detail: dict | None = None) -> PlanAudit:
    """Log that `user` read the plan's content (at `version`), from address `ip`."""
    signed_in = user is not None and getattr(user, "is_authenticated", False)
    return PlanAudit.objects.create(
        plan=plan, user=user if signed_in else None, username=user.get_username() if signed_in else "",
        ip=ip or None, action=PlanAudit.Action.READ, version=version, detail=detail or {},
    )
