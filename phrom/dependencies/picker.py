"""The processes an author may pick as a dependency: those other agencies have sent in their plans of the
same fiscal year (never a sensitive plan's), found by the agency's or the process's name."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from phrom.orgs.search import search_organisations
from phrom.plans.codes import Classification, Status
from phrom.plans.models import Process

from .analysis import sent_processes

SEARCH_AGENCIES = 200  # agencies looked into per search: the picker shows the first matches only


@dataclass(frozen=True)
class Pickable:
    organisation: str
    organisation_name: str
    process: str
    name: str
    rto_hours: float | None

    @property
    def value(self) -> str:
        return f"{self.organisation}/{self.process}"


def pickable_processes(fiscal_year: int, query: str, *, exclude_organisation: int, limit: int = 20) -> list[Pickable]:
    words = query.lower().split()
    if not words:
        return []
    by_agency = set(search_organisations(query).values_list("pk", flat=True)[:SEARCH_AGENCIES])
    # Where a process's name matches: the live rows find the agencies, their sent versions say what was sent.
    # (A plan never sent is a draft: leaving the drafts out keeps the agencies looked into to those that sent.)
    named = Process.objects.filter(plan__fiscal_year=fiscal_year).exclude(
        plan__classification=Classification.SENSITIVE).exclude(plan__status=Status.DRAFT)
    for word in words:
        named = named.filter(name__icontains=word)
    by_process = set(named.values_list("plan__organisation_id", flat=True).distinct()[:SEARCH_AGENCIES])
    ids = (by_agency | by_process) - {exclude_organisation}
    out = []
    for code, org_name, org_id, processes in sent_processes(fiscal_year, organisations=Q(organisation_id__in=ids)).values():
        agency_matches = org_id in by_agency
        for p in processes:
            if agency_matches or all(w in (p.get("name") or "").lower() for w in words):
                out.append(Pickable(code, org_name, p["key"], p.get("name") or p["key"], p.get("rto_hours")))
    return sorted(out, key=lambda p: (p.organisation_name, p.name))[:limit]
