"""The recovery gaps as the pages, the API, the command and the exports list them: filtered, in a
viewer's scope, with each agency's province, kind and ministry."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from phrom.core.thaidates import fiscal_year as fiscal_year_of
from phrom.orgs.models import Organisation

from .analysis import Gap, national_gaps, utility_table


def current_fiscal_year() -> int:
    return fiscal_year_of(timezone.localdate())


@dataclass(frozen=True)
class GapFilters:
    province: str = ""  # province code
    kind: str = ""  # organisation kind code
    ministry: str = ""  # a ministry's code: the agencies under it
    organisation: str = ""  # one agency's code
    dependency: str = ""  # a utility code, an agency's code, or CODE/KEY: the chain passes through it

    def organisations(self):
        qs = Organisation.objects.all()
        if self.province:
            qs = qs.filter(province_id=self.province)
        if self.kind:
            qs = qs.filter(kind_id=self.kind)
        if self.ministry:
            qs = qs.filter(tree_path__startswith=f"{self.ministry}/")
        if self.organisation:
            qs = qs.filter(code=self.organisation)
        return qs

    def active(self) -> bool:
        return any((self.province, self.kind, self.ministry, self.organisation))

    def passes(self, gap: Gap) -> bool:
        if not self.dependency:
            return True
        code, _, key = self.dependency.partition("/")
        return any(
            step.get("utility") == code if step["kind"] == "utility"
            else step.get("organisation") == code and (not key or step.get("process") == key)
            for step in gap.chain
        )


@dataclass
class GapRow:
    gap: Gap
    province: str
    kind: str
    ministry: str

    def as_dict(self) -> dict:
        return {**self.gap.as_dict(), "province": self.province, "kind": self.kind, "ministry": self.ministry}


def gap_rows(fiscal_year: int, *, scope: set[int] | None, filters: GapFilters = GapFilters()) -> list[GapRow]:
    """The gaps of the fiscal year over sent plans, of the agencies in `scope` (None: every agency),
    worst first (severe, then by how far beyond the RTO)."""
    ids = scope
    if filters.active():
        chosen = set(filters.organisations().values_list("pk", flat=True))
        ids = chosen if ids is None else ids & chosen
    found = [g for g in national_gaps(fiscal_year, organisations=ids) if filters.passes(g)]
    facts = {pk: (province or "", kind, path) for pk, province, kind, path in Organisation.objects.filter(
        pk__in={g.organisation_id for g in found}).values_list("pk", "province_id", "kind_id", "tree_path")}
    ministries = _ministries({f[2] for f in facts.values()})
    rows = []
    for g in found:
        province, kind, path = facts[g.organisation_id]
        rows.append(GapRow(g, province, kind, ministries.get(path, "")))
    return sorted(rows, key=lambda r: (not r.gap.severe, -(r.gap.achievable_hours - (r.gap.rto_hours or 0)),
                                       r.gap.organisation, r.gap.process))


def _ministries(paths: set[str]) -> dict[str, str]:
    """tree path -> the code of the ministry at its root, if it is one (ministries head their trees)."""
    roots = {p.split("/", 1)[0] for p in paths}
    ministry_codes = set(Organisation.objects.filter(code__in=roots, kind_id="ministry").values_list("code", flat=True))
    return {p: p.split("/", 1)[0] if p.split("/", 1)[0] in ministry_codes else "" for p in paths}


def dependency_names(processes: list) -> tuple[dict, dict]:
    """The names a plan's declared dependencies need to be read: agency code -> Thai name, and the utilities."""
    codes = {d["organisation"] for p in processes for d in p.get("dependencies") or () if d["kind"] == "process"}
    return dict(Organisation.objects.filter(code__in=codes).values_list("code", "name_th")), utility_table()
