"""Who must send to a campaign, the stages a submission passes, and what each collector sees.

Everything is read from the materialised routes (RouteEntry): an organisation must send to a
campaign when the campaign's collector is on its route (role "collect"), narrowed by the campaign's
kinds and subtree. Its submission stops at each collector of its route in order, up to the
campaign's collector. An intermediate collector (a provincial office in an OPDC campaign) sees the
part of the campaign whose route passes through it.
"""

from __future__ import annotations

from django.db.models import F, OuterRef, QuerySet, Subquery

from phrom.orgs.models import Organisation, RouteEntry, RouteRule

from .models import Campaign

COLLECT, INFORM = RouteRule.Role.COLLECT, RouteRule.Role.INFORM


def targets(campaign: Campaign) -> QuerySet[Organisation]:
    """The organisations that must send to the campaign."""
    qs = Organisation.objects.filter(
        pk__in=RouteEntry.objects.filter(target_id=campaign.collector_id, role=COLLECT).values("organisation_id")
    )
    kinds = campaign.kind_codes
    if kinds:
        qs = qs.filter(kind_id__in=kinds)
    if campaign.subtree_id:
        qs = qs.filter(tree_path__startswith=campaign.subtree.tree_path).exclude(pk=campaign.subtree_id)
    return qs


def is_target(campaign: Campaign, org: Organisation, route: list[Organisation] | None = None) -> bool:
    """Is `org` one of targets(campaign)? The same rule, asked of one organisation and its route
    (collectors_on_route, read here unless the caller has it already)."""
    if route is None:
        route = collectors_on_route(org)
    kinds = campaign.kind_codes
    return (
        any(c.pk == campaign.collector_id for c in route)
        and (not kinds or org.kind_id in kinds)
        and (not campaign.subtree_id or (org.pk != campaign.subtree_id
                                         and org.tree_path.startswith(campaign.subtree.tree_path)))
    )


def collectors_on_route(org: Organisation) -> list[Organisation]:
    """The collectors on the organisation's route (role "collect"), nearest first."""
    entries = RouteEntry.objects.filter(organisation=org, role=COLLECT).select_related("target").order_by("position")
    return [entry.target for entry in entries]


def stage_collectors(campaign: Campaign, org: Organisation, route: list[Organisation] | None = None) -> list[Organisation]:
    """The collectors the organisation's submission passes, in order, ending with the campaign's collector
    (`route`: collectors_on_route(org), if the caller has read it)."""
    out = []
    for collector in collectors_on_route(org) if route is None else route:
        out.append(collector)
        if collector.pk == campaign.collector_id:
            return out
    return []


def scope(campaign: Campaign, viewpoint: Organisation) -> QuerySet[Organisation]:
    """The targets a collector answers for: all of them for the campaign's collector; for an intermediate
    collector, those whose route reaches it before the campaign's collector."""
    qs = targets(campaign)
    if viewpoint.pk == campaign.collector_id:
        return qs
    final_position = RouteEntry.objects.filter(
        organisation_id=OuterRef("organisation_id"), target_id=campaign.collector_id, role=COLLECT
    ).order_by().values("position")[:1]  # one entry per (organisation, target, role): no ordering (nor its join) needed
    via = RouteEntry.objects.filter(target_id=viewpoint.pk, role=COLLECT).annotate(
        final=Subquery(final_position)
    ).filter(position__lt=F("final"))
    return qs.filter(pk__in=via.values("organisation_id"))


def informed_scope(campaign: Campaign, viewpoint: Organisation) -> QuerySet[Organisation]:
    """Targets whose plans the office is informed of (e.g. central-agency units in a provincial office's province)."""
    return targets(campaign).filter(
        pk__in=RouteEntry.objects.filter(target_id=viewpoint.pk, role=INFORM).values("organisation_id")
    )


def is_viewpoint(campaign: Campaign, org: Organisation) -> bool:
    """Is `org` the campaign's collector or a collector on the way to it?"""
    return org.pk == campaign.collector_id or scope(campaign, org).exists()


def viewpoints_for(campaign: Campaign, orgs) -> list[Organisation]:
    """Of the given organisations (a user's), those that collect for the campaign, the campaign's collector first."""
    out = [o for o in orgs if o.pk == campaign.collector_id]
    out += [o for o in orgs if o.pk != campaign.collector_id and is_viewpoint(campaign, o)]
    return out


def ministry_names() -> dict[str, str]:
    """code -> name of every ministry, to group agencies by the ministry above them (from the tree path)."""
    return {o.code: o.name for o in Organisation.objects.filter(kind_id="ministry").only("code", "name_th", "name_en")}


def ministry_of(tree_path: str, ministries: dict[str, str]) -> str | None:
    for code in tree_path.strip("/").split("/"):
        if code in ministries:
            return code
    return None
