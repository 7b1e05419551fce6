"""Which organisations a figure is about: the viewer's scope (phrom.accounts.permissions
.statistics_scope) narrowed by the filters asked for (province, kind, ministry, collector)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from phrom.orgs.models import RouteRule


@dataclass(frozen=True)
class Filters:
    province: str | None = None  # official two-digit code
    kind: str | None = None  # OrgKind code
    ministry: str | None = None  # code of the ministry at the top of the organisation's tree
    collector: str | None = None  # code of a collector: the organisations whose plans it collects
    subtree: str | None = None  # a tree path: the organisation and everything under it
    label: str = ""  # how the scope is named on the page

    def q(self, prefix: str = "") -> Q:
        """The condition on an Organisation reached through `prefix` (e.g. "organisation__")."""
        q = Q()
        if self.province:
            q &= Q(**{f"{prefix}province_id": self.province})
        if self.kind:
            q &= Q(**{f"{prefix}kind_id": self.kind})
        if self.ministry:
            q &= Q(**{f"{prefix}tree_path__startswith": f"/{self.ministry}/"})
        if self.subtree:
            q &= Q(**{f"{prefix}tree_path__startswith": self.subtree})
        if self.collector:
            q &= Q(**{f"{prefix}route_entries__target__code": self.collector,
                      f"{prefix}route_entries__role": RouteRule.Role.COLLECT})
        return q

    def params(self) -> dict[str, str]:
        """The filters asked for, as query parameters (the viewer's own scope is never a parameter)."""
        return {k: v for k in ("province", "kind", "ministry", "collector") if (v := getattr(self, k))}
