"""What goes into a bundle: every organisation of the scope, and for each the plan version that goes
in, or why none does.

The content of a plan goes in only if it has left its agency (never a draft), it is not
security-sensitive (its content is not even read: only the title the collector may already see),
and the user may read it (phrom.accounts.permissions.organisations_with_readable_plans is the
bulk form of can_read_sent_plan for plans that are neither drafts nor sensitive).

Which version: with a campaign, the version last sent to that campaign; without, the latest plan
(of the fiscal year, if one is given) that left the agency, at the version it was last sent at —
the agency may have edited it since, and those edits have not left it. A plan that never left
(no version sent, nor imported by an operator as a historical round: facts.last_sent_versions) is
listed as not sent, whatever its status says: a bundle never prints the live plan (of a sensitive
plan, which is declared and never sent, only the title is listed).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from phrom.accounts import permissions
from phrom.campaigns import facts
from phrom.campaigns import targets as campaign_targets
from phrom.campaigns.models import Submission
from phrom.orgs.models import Organisation
from phrom.plans.codes import HEADER, Status
from phrom.plans.models import Plan, PlanVersion

from .models import PlanBundle

INCLUDED = "included"
SENSITIVE = "sensitive"
NOT_SENT = "not_sent"
NOT_ASKED = "not_asked"
NOT_ON_ROUTE = "not_on_route"
FAILED = "failed"

OUTCOMES = {
    INCLUDED: _("included"),
    SENSITIVE: _("declared (security-sensitive): content kept by the agency"),
    NOT_SENT: _("no plan has been sent"),
    NOT_ASKED: _("not asked to send to this campaign"),
    NOT_ON_ROUTE: _("not included: not on your reporting line"),
    FAILED: _("could not be printed"),
}


@dataclass
class Entry:
    """One organisation of the scope, as the index lists it."""

    organisation: Organisation
    outcome: str
    plan: Plan | None = None
    version: int | None = None
    title: str = ""  # the plan's title, or the declared title of a sensitive plan
    state: str = ""  # the plan's status, or its submission's state in the campaign (a label)
    approved_on: datetime.date | None = None
    error: str = ""
    pdf_name: str = ""
    docx_name: str = ""

    @property
    def outcome_label(self) -> str:
        label = str(OUTCOMES[self.outcome])
        return f"{label}: {self.error}" if self.error else label


def organisations(bundle: PlanBundle) -> QuerySet[Organisation]:
    qs = Organisation.objects.select_related("kind", "province")
    if bundle.scope == PlanBundle.Scope.PROVINCE:
        return qs.filter(province_id=bundle.province_id).order_by("code")
    return qs.filter(tree_path__startswith=bundle.root.tree_path).order_by("code")


def readable_organisations(user, ids) -> set[int]:
    """Of `ids` (ids, or a queryset of them), the organisations whose sent, non-sensitive plans the user may read."""
    ids = ids if isinstance(ids, QuerySet) else list(ids)
    return set(permissions.organisations_with_readable_plans(user).filter(pk__in=ids).values_list("pk", flat=True))


def _titles_at(versions: dict[int, int]) -> dict[int, str]:
    """plan id -> its title at the given version (a title edited since has not left the agency)."""
    best: dict[int, tuple[int, str]] = {}
    rows = PlanVersion.objects.filter(plan_id__in=list(versions), component=HEADER).values_list("plan_id", "number", "data")
    for plan_id, number, data in rows:
        if number <= versions[plan_id] and number > best.get(plan_id, (0, ""))[0]:
            best[plan_id] = (number, (data or {}).get("title") or "")
    return {plan_id: title for plan_id, (_n, title) in best.items()}


def entries(bundle: PlanBundle, user) -> list[Entry]:
    # The scope goes into the queries as a subquery: a province can hold thousands of organisations.
    scope = organisations(bundle)
    orgs = list(scope)
    readable = readable_organisations(user, scope.values("pk"))
    if bundle.campaign_id:
        return _campaign_entries(bundle, user, orgs, readable, scope.values("pk"))
    return _plan_entries(bundle, orgs, readable, scope.values("pk"))


_PLAN_FIELDS = ("id", "organisation_id", "title", "fiscal_year", "classification", "status", "revision")


def _plan_entries(bundle: PlanBundle, orgs: list[Organisation], readable: set[int], scope) -> list[Entry]:
    plans = Plan.objects.filter(organisation_id__in=scope).exclude(status=Status.DRAFT).only(*_PLAN_FIELDS)
    if bundle.fiscal_year:
        plans = plans.filter(fiscal_year=bundle.fiscal_year)
    candidates = [plan for plan in plans.order_by("organisation_id", "-fiscal_year") if plan.organisation_id in readable]
    # Only what left the agency: a plan without a sent version (nor an operator's historical import)
    # is passed over, never printed as it is now. A sensitive plan is declared, never sent: only
    # its title is listed, as the plan lists show it.
    sent = facts.last_sent_versions(plans=[p.pk for p in candidates])
    latest: dict[int, Plan] = {}
    for plan in candidates:
        if plan.pk in sent or plan.is_sensitive:
            latest.setdefault(plan.organisation_id, plan)
    versions = {p.pk: sent.get(p.pk) or p.revision for p in latest.values()}
    titles = _titles_at(versions)
    dates = facts.plan_dates([p.pk for p in latest.values() if not p.is_sensitive])
    out = []
    for org in orgs:
        plan = latest.get(org.pk)
        if org.pk not in readable:
            out.append(Entry(org, NOT_ON_ROUTE))
        elif plan is None:
            out.append(Entry(org, NOT_SENT))
        elif plan.is_sensitive:
            out.append(Entry(org, SENSITIVE, title=titles.get(plan.pk, ""), state=str(plan.get_status_display())))
        else:
            out.append(Entry(org, INCLUDED, plan=plan, version=versions[plan.pk], title=titles.get(plan.pk, ""),
                             state=str(plan.get_status_display()), approved_on=dates[plan.pk].accepted_on))
    return out


def _campaign_entries(bundle: PlanBundle, user, orgs: list[Organisation], readable: set[int], scope) -> list[Entry]:
    campaign = bundle.campaign
    asked = set(campaign_targets.targets(campaign).filter(pk__in=scope).values_list("pk", flat=True))
    subs = [s for s in Submission.objects.filter(campaign=campaign, organisation_id__in=scope).select_related("plan", "campaign")
            if s.organisation_id in readable]
    plan_subs = {s.organisation_id: s for s in subs if s.kind == Submission.Kind.PLAN and s.plan_id}
    declarations = {s.organisation_id: s for s in subs if s.kind == Submission.Kind.DECLARATION and s.round > 0}
    sent = facts.last_sent_versions(submissions=[s.pk for s in plan_subs.values()])
    titles = _titles_at({s.plan_id: sent[s.pk] for s in plan_subs.values() if s.pk in sent})
    out = []
    for org in orgs:
        sub, declaration = plan_subs.get(org.pk), declarations.get(org.pk)
        if org.pk not in readable:
            out.append(Entry(org, NOT_ON_ROUTE))
        elif declaration is not None and permissions.can_see_submission(user, declaration):
            out.append(Entry(org, SENSITIVE, title=declaration.title, state=str(declaration.get_state_display())))
        elif sub is not None and sub.pk in sent and sub.plan.is_sensitive:
            out.append(Entry(org, SENSITIVE, title=titles.get(sub.plan_id, ""), state=str(sub.get_state_display())))
        elif sub is not None and sub.pk in sent:
            out.append(Entry(org, INCLUDED, plan=sub.plan, version=sent[sub.pk], title=titles.get(sub.plan_id, ""),
                             state=str(sub.get_state_display()), approved_on=facts.accepted_on(sub)))
        elif org.pk in asked:
            out.append(Entry(org, NOT_SENT))
        else:
            out.append(Entry(org, NOT_ASKED))
    return out
