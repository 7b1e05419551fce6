"""Keeping the materialised tree paths and search text of organisations up to date."""

from django.db.models import Value
from django.db.models.functions import Concat, Substr

from .models import Organisation


def compute_tree_paths(orgs: list[Organisation]) -> None:
    """Set tree_path on each organisation from its parent chain (in memory; the caller saves).

    Raises ValueError on a cycle; the importer checks for cycles before calling this.
    """
    by_id = {o.pk: o for o in orgs}
    paths: dict[int, str] = {}

    def path_of(org: Organisation) -> str:
        chain = []
        node = org
        seen = set()
        while node is not None and node.pk not in paths:
            if node.pk in seen:
                raise ValueError(f"cycle in parents at {node.code}")
            seen.add(node.pk)
            chain.append(node)
            node = by_id.get(node.parent_id)
        prefix = paths[node.pk] if node is not None else "/"
        for n in reversed(chain):
            prefix = f"{prefix}{n.code}/"
            paths[n.pk] = prefix
        return paths[org.pk]

    for org in orgs:
        org.tree_path = path_of(org)
        org.search_text = org.compute_search_text()


def refresh_tree_paths() -> int:
    """Recompute tree_path and search_text for all organisations; returns how many changed."""
    orgs = list(Organisation.objects.only("pk", "code", "name_th", "name_en", "parent_id", "tree_path", "search_text"))
    before = {o.pk: (o.tree_path, o.search_text) for o in orgs}
    compute_tree_paths(orgs)
    changed = [o for o in orgs if before[o.pk] != (o.tree_path, o.search_text)]
    Organisation.objects.bulk_update(changed, ["tree_path", "search_text"], batch_size=2000)
    return len(changed)


def tree_path_of(org: Organisation) -> str:
    """The path of one organisation under its parent's stored path."""
    parent_path = Organisation.objects.filter(pk=org.parent_id).values_list("tree_path", flat=True).first()
    return f"{parent_path or '/'}{org.code}/"


def move_subtree(old_path: str, new_path: str) -> int:
    """Re-root the paths under `old_path` at `new_path` (their ancestor moved or was renamed); returns how many."""
    if not old_path or old_path == new_path:  # "" (never stored) would match every organisation
        return 0
    return Organisation.objects.filter(tree_path__startswith=old_path).update(
        tree_path=Concat(Value(new_path), Substr("tree_path", len(old_path) + 1))
    )
