"""The organisation tree below one organisation, built from one query over the materialised path."""

from dataclasses import dataclass, field

from .models import Organisation


@dataclass
class Node:
    org: Organisation
    children: list["Node"] = field(default_factory=list)


def subtree(root: Organisation) -> Node:
    nodes = {root.pk: Node(root)}
    descendants = (
        Organisation.objects.filter(tree_path__startswith=root.tree_path)
        .exclude(pk=root.pk)
        .select_related("kind")
        .only("pk", "code", "name_th", "name_en", "parent_id", "tree_path", "kind__code", "kind__name_th", "kind__name_en")
        .order_by("tree_path")
    )
    # Ordered by path, a parent always comes before its children.
    for org in descendants:
        node = Node(org)
        nodes[org.pk] = node
        parent = nodes.get(org.parent_id)
        if parent is not None:
            parent.children.append(node)
    return nodes[root.pk]
