"""Writing the demo set to the database: create what is missing, update what differs, touch nothing else."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from phrom.orgs.models import Organisation, RouteRule
from phrom.orgs.services import refresh_after_bulk_load

from .builder import MOI_OPS, OrgSpec

FIELDS = [
    "name_th", "name_en", "kind_id", "parent_id", "province_id", "site", "sector", "collector", "tree_path", "search_text",
]

# Seed 003 §3.4 item 1: the provincial office also sends a copy of its own plan to the Ministry of Interior.
PROVINCIAL_OFFICE_INFORMS = ("provincial_office", f"org:{MOI_OPS}")


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rules_added: int = 0
    routes_rebuilt: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.rules_added)


def depths(specs: list[OrgSpec]) -> dict[str, int]:
    """Depth of each spec within the set (a parent outside the set, already stored, counts as a root)."""
    by_code = {s.code: s for s in specs}
    result: dict[str, int] = {}
    for spec in specs:
        chain = []
        node = spec
        while node is not None and node.code not in result:
            chain.append(node)
            node = by_code.get(node.parent) if node.parent else None
        base = result[node.code] + 1 if node is not None else 0
        for offset, n in enumerate(reversed(chain)):
            result[n.code] = base + offset
    return result


@transaction.atomic
def load(specs: list[OrgSpec]) -> LoadResult:
    result = LoadResult()
    existing = {o.code: o for o in Organisation.objects.only("code", *(f.removesuffix("_id") for f in FIELDS))}
    ids = {code: o.pk for code, o in existing.items()}
    # Tree paths are set here, as refresh_tree_paths() would set them: it then finds nothing to rewrite,
    # which keeps a first load of 15,000 organisations to bulk inserts.
    paths = {code: o.tree_path for code, o in existing.items()}
    level_of = depths(specs)
    # Parents before children, so that each level can refer to the ids of the one above.
    for level in sorted(set(level_of.values())):
        to_create, to_update = [], []
        for spec in (s for s in specs if level_of[s.code] == level):
            values = {
                "name_th": spec.name_th, "name_en": spec.name_en, "kind_id": spec.kind,
                "parent_id": ids[spec.parent] if spec.parent else None, "province_id": spec.province,
                "site": spec.site, "sector": spec.sector, "collector": spec.collector,
                "tree_path": f"{paths[spec.parent] if spec.parent else '/'}{spec.code}/",
                # A spec has the code and names the model's method reads.
                "search_text": Organisation.compute_search_text(spec),
            }
            paths[spec.code] = values["tree_path"]
            org = existing.get(spec.code)
            if org is None:
                to_create.append(Organisation(code=spec.code, **values))
            elif any(getattr(org, f) != v for f, v in values.items()):
                for f, v in values.items():
                    setattr(org, f, v)
                to_update.append(org)
            else:
                result.unchanged += 1
        Organisation.objects.bulk_create(to_create, batch_size=1000)
        Organisation.objects.bulk_update(to_update, FIELDS, batch_size=1000)
        result.created += len(to_create)
        result.updated += len(to_update)
        if to_create:
            ids = dict(Organisation.objects.values_list("code", "pk"))
    result.rules_added = ensure_route_rules()
    result.routes_rebuilt = refresh_after_bulk_load(routes_changed=result.changed)
    return result


def ensure_route_rules() -> int:
    """Add the provincial office's inform rule once; an edited table is left as it is."""
    kind, target = PROVINCIAL_OFFICE_INFORMS
    rules = RouteRule.objects.filter(kind_id=kind, when_collector="", role=RouteRule.Role.INFORM)
    if rules.filter(target=target).exists():
        return 0
    position = max(rules.values_list("position", flat=True), default=0) + 1
    RouteRule.objects.create(kind_id=kind, when_collector="", role=RouteRule.Role.INFORM, position=position, target=target)
    return 1
