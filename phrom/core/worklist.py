"""Each person's to-do list on the home page: the work waiting for them, counted, with a link to it.

One function per kind of work, each asking only about the organisations where the person has the
role that does that work (phrom.accounts.permissions); tasks_for() puts them in the order of urgency:
what waits for your decision, what came back, what is yet to be done.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from phrom.accounts import permissions
from phrom.accounts.models import Membership
from phrom.campaigns import targets
from phrom.campaigns.facts import with_awaits_approval
from phrom.campaigns.models import Campaign, Stage, Submission
from phrom.core.numbers import count_text
from phrom.plans.models import Plan
from phrom.plans.quality import must_fix_counts

Role = Membership.Role
State = Submission.State


@dataclass(frozen=True)
class Task:
    text: str
    count: int
    url: str
    link: str  # the words of the link
    deadline: datetime.date | None = None


def _orgs(user, *roles) -> list[int]:
    return [pk for pk in permissions.member_organisation_ids(user) if permissions.role_in(user, pk) in roles]


def to_review(user) -> list[Task]:
    """Collectors: plans waiting in their inbox, per campaign and collecting office."""
    orgs = _orgs(user, Role.COORDINATOR, Role.APPROVER)
    if not orgs:
        return []
    rows = (Stage.objects.filter(collector_id__in=orgs, status=Stage.Status.PENDING)
            .values("campaign_id", "campaign__title", "campaign__deadline", "collector__code", "collector__name_th")
            .annotate(n=Count("pk")).order_by("campaign__deadline", "collector__code"))
    return [Task(
        text=ngettext("%(n)s plan waits for review by %(org)s in “%(campaign)s”",
                      "%(n)s plans wait for review by %(org)s in “%(campaign)s”", r["n"])
        % {"n": count_text(r["n"]), "org": r["collector__name_th"], "campaign": r["campaign__title"]},
        count=r["n"], link=_("Open the inbox"),
        url=reverse("campaigns:inbox", args=[r["campaign_id"]]) + f"?org={r['collector__code']}",
    ) for r in rows]


def _submissions(orgs, *states):
    return (Submission.objects.filter(organisation_id__in=orgs, state__in=states)
            .select_related("campaign", "organisation").order_by("campaign__deadline", "pk")
            .only("title", "state", "campaign__title", "campaign__deadline", "organisation__code",
                  "organisation__name_th", "organisation__name_en"))


def _agency_url(sub, fragment: str = "") -> str:
    return reverse("campaigns:agency", args=[sub.campaign_id, sub.organisation.code]) + fragment


def to_approve(user) -> list[Task]:
    """Approvers: plans their agency put forward, waiting for their approval."""
    orgs = _orgs(user, Role.APPROVER)
    if not orgs:  # (asked of no organisation, the query would still be built)
        return []
    return [Task(
        text=_("“%(title)s” of %(org)s waits for your approval (%(campaign)s)")
        % {"title": s.title, "org": s.organisation.name, "campaign": s.campaign.title},
        count=1, url=_agency_url(s), link=_("Approve or decline"), deadline=s.campaign.deadline,
    ) for s in _submissions(orgs, State.AWAITING_APPROVAL)]


def returned(user) -> list[Task]:
    """The agency's coordinators and approvers: plans returned with comments, or not approved."""
    orgs = _orgs(user, Role.COORDINATOR, Role.APPROVER)
    if not orgs:
        return []
    subs = _submissions(orgs, State.RETURNED, State.DECLINED)
    subs = subs.annotate(open_comments=Count("comments", filter=Q(comments__resolved_at__isnull=True)))
    tasks = []
    for s in subs:
        if s.state == State.RETURNED:
            text = ngettext("“%(title)s” was returned with %(n)s comment to answer (%(campaign)s)",
                            "“%(title)s” was returned with %(n)s comments to answer (%(campaign)s)", s.open_comments)
        else:
            text = _("“%(title)s” was not approved: correct it and put it forward again (%(campaign)s)")
        tasks.append(Task(text=text % {"title": s.title, "n": s.open_comments, "campaign": s.campaign.title},
                          count=s.open_comments or 1, url=_agency_url(s, "#comments-h"), link=_("Read the comments"),
                          deadline=s.campaign.deadline))
    return tasks


def to_send(user) -> list[Task]:
    """Coordinators: open campaigns that ask for their agency's plan, not put forward yet."""
    orgs = _orgs(user, Role.COORDINATOR)
    if not orgs:
        return []
    started = set(Submission.objects.filter(organisation_id__in=orgs, campaign__is_open=True).order_by()
                  .values_list("campaign_id", "organisation_id"))
    tasks = []
    # Only what the task and targets() read; the kinds are read for the campaigns still waiting only.
    for campaign in (Campaign.objects.filter(is_open=True).select_related("subtree")
                     .only("title", "deadline", "collector", "subtree__tree_path").order_by("deadline", "pk")):
        waiting = [pk for pk in orgs if (campaign.pk, pk) not in started]
        if not waiting:
            continue
        for org in targets.targets(campaign).filter(pk__in=waiting).only("name_th", "name_en", "code"):
            tasks.append(Task(
                text=_("%(org)s has not sent its plan to “%(campaign)s” yet") % {"org": org.name, "campaign": campaign.title},
                count=1, url=reverse("campaigns:agency", args=[campaign.pk, org.code]), link=_("Send the plan"),
                deadline=campaign.deadline,
            ))
    return tasks


def latest_plans(user) -> dict[int, Plan]:
    """organisation id -> the latest plan of each of the person's organisations, with whether it waits for
    its approver: the to-do list and the home page's organisation cards share this one query."""
    # Every plan of one's own organisations is listable (permissions.listable_plans): no need to ask its
    # question about the organisations outside.
    own = Plan.objects.filter(organisation_id__in=permissions.member_organisation_ids(user)).select_related("organisation__kind")
    latest = {}
    for plan in with_awaits_approval(own).order_by("organisation_id", "-fiscal_year"):
        latest.setdefault(plan.organisation_id, plan)
    return latest


def to_fix(user, latest: dict[int, Plan]) -> list[Task]:
    """Coordinators: their agencies' latest plans with must-fix findings."""
    coordinated = set(_orgs(user, Role.COORDINATOR))
    latest = {org: plan for org, plan in latest.items() if org in coordinated}
    counts = must_fix_counts(list(latest.values()))
    tasks = []
    for plan in latest.values():
        errors = counts[plan.pk]
        if errors:
            tasks.append(Task(
                text=ngettext("“%(title)s” has %(n)s finding to fix", "“%(title)s” has %(n)s findings to fix", errors)
                % {"title": plan.title, "n": errors},
                count=errors, url=reverse("plans:overview", args=[plan.pk]), link=_("See the findings"),
            ))
    return tasks


def overdue_actions(user) -> list[Task]:
    """Corrective actions past their due date: the agency's own (its coordinators carry them out), and
    those of the agencies whose results a collector reads."""
    own, members = _orgs(user, Role.COORDINATOR), permissions.member_organisation_ids(user)
    # Both counts in one query; a filter on an empty list of organisations is left out (it cannot be written).
    counts = {"mine": Count("pk", filter=Q(organisation_id__in=own))} if own else {}
    counts["theirs"] = Count("pk", filter=~Q(organisation_id__in=members)) if members else Count("pk")
    counted = permissions.readable_actions(user).overdue().aggregate(**counts)
    mine, theirs = counted.get("mine", 0), counted["theirs"]
    url = reverse("results:actions") + "?status=overdue"
    tasks = []
    if mine:
        tasks.append(Task(text=ngettext("%(n)s corrective action of your agency is overdue",
                                        "%(n)s corrective actions of your agency are overdue", mine) % {"n": count_text(mine)},
                          count=mine, url=url, link=_("Open the corrective actions")))
    if theirs:
        tasks.append(Task(text=ngettext("%(n)s corrective action of the agencies you oversee is overdue",
                                        "%(n)s corrective actions of the agencies you oversee are overdue", theirs)
                          % {"n": count_text(theirs)}, count=theirs, url=url, link=_("Open the corrective actions")))
    return tasks


def tasks_for(user, latest: dict[int, Plan] | None = None) -> list[Task]:
    """latest: latest_plans(user), if read already."""
    latest = latest_plans(user) if latest is None else latest
    return [*to_approve(user), *to_review(user), *returned(user), *to_send(user), *to_fix(user, latest),
            *overdue_actions(user)]
