"""Review comments for the plan pages: what the collectors asked the agency to correct, by component."""

from __future__ import annotations

from collections import defaultdict

from phrom.plans.models import Plan

from .models import ReviewComment


def open_comments(plan: Plan) -> dict[str, list[ReviewComment]]:
    """The open review comments on the plan, by component code ("general" for the plan as a whole).

    Open means: written when the plan was returned, and not answered yet by sending it again (or
    marked done). The plan editor shows them beside each component; each comment knows its
    collector (`comment.collector`), campaign (`comment.submission.campaign`), the plan version it
    was written on, and the field concerned (`comment.path`, in the document's terms, may be "").
    """
    out: dict[str, list[ReviewComment]] = defaultdict(list)
    rows = (
        ReviewComment.objects.filter(submission__plan=plan, resolved_at__isnull=True)
        .select_related("collector", "submission__campaign")
        .order_by("created_at", "pk")
    )
    for comment in rows:
        out[comment.component].append(comment)
    return dict(out)


def comments_by_component(comments) -> dict[str, list[ReviewComment]]:
    out: dict[str, list[ReviewComment]] = defaultdict(list)
    for comment in comments:
        out[comment.component].append(comment)
    return dict(out)
