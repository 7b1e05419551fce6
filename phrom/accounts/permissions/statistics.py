"""Statistics: which organisations' figures a user sees, and whose plan content they count.

Every signed-in member of an agency sees a dashboard of its own scope: OPDC the nation, the BMA
disaster office the units it collects, a provincial office its province, a ministry or department
its subtree, any other agency itself among its peers (same kind, same province). Content figures
count only plans the user may read as sent (never a sensitive plan's content).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from phrom.orgs.models import CollectorFlag, Organisation
from phrom.statistics.scope import Filters

from .bundles import provinces_collected_by
from .plans import organisations_with_readable_plans
from .relations import is_national, member_organisation_ids

TREE_KINDS = ("ministry", "department")


def statistics_scope(user) -> Filters | None:
    """The widest scope of the user's figures, or None for no dashboard (signed out, no agency)."""
    if not (user and user.is_authenticated):
        return None
    if is_national(user):
        return Filters(label=_("the whole country"))
    orgs = list(Organisation.objects.filter(pk__in=member_organisation_ids(user)).select_related("kind", "province"))
    if not orgs:
        return None
    bma = next((o for o in orgs if o.collector == CollectorFlag.BMA), None)
    if bma is not None:
        return Filters(collector=bma.code, label=_("units reporting to %(name)s") % {"name": bma.name})
    provinces = provinces_collected_by(user)
    if provinces:
        name = next((o.province.name for o in orgs if o.province_id == provinces[0]), provinces[0])
        return Filters(province=provinces[0], label=_("province %(name)s") % {"name": name})
    tree = next((o for o in orgs if o.kind_id in TREE_KINDS), None)
    if tree is not None:
        return Filters(subtree=tree.tree_path, label=_("%(name)s and its units") % {"name": tree.name})
    org = orgs[0]
    where = org.province.name if org.province_id else _("no province")
    return Filters(kind=org.kind_id, province=org.province_id, subtree=None,
                   label=_("%(kind)s in %(where)s (peers of %(name)s)") % {"kind": org.kind.name, "where": where,
                                                                           "name": org.name})


def can_view_statistics(user) -> bool:
    """The dashboards, the statistics API and their lists: every member of an agency (each has a
    statistics_scope; this is the cheap form the menu asks on every page)."""
    return bool(member_organisation_ids(user))


def statistics_content_organisations(user) -> QuerySet[Organisation] | None:
    """Organisations whose sent plans' content the user's figures count; None: every one (OPDC)."""
    return None if is_national(user) else organisations_with_readable_plans(user)


def can_make_cabinet_report(user) -> bool:
    """The national report to the Cabinet (PDF, Word): OPDC."""
    return is_national(user)
