"""What goes wrong when a plan is written: invalid content, or a component saved meanwhile by someone else."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from ..codes import COMPONENT_LABELS
from ..messages import both_each, label_pair


class PlanValidationError(Exception):
    """The input does not make a valid plan; `errors` lists {path, message_th, message_en}."""

    def __init__(self, errors: list[dict]):
        self.errors = errors
        super().__init__("; ".join(f"{e['path']}: {e['message_en']}" for e in errors[:5]))

    def by_path(self) -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = {}
        for e in self.errors:
            out.setdefault(e["path"], []).append({"th": e["message_th"], "en": e["message_en"]})
        return out


class StaleComponent(Exception):
    """Someone saved the component after the editor loaded it: refuse rather than overwrite."""

    def __init__(self, component: str, expected, current: int, changed_by: str = "", changed_at=None):
        self.component, self.expected, self.current = component, expected, current
        self.changed_by, self.changed_at = changed_by, changed_at
        who = changed_by or "-"
        label_th, label_en = label_pair(COMPONENT_LABELS.get(component, component))
        common = {"who": who, "expected": expected, "current": current}
        self.message_th, self.message_en = both_each(
            gettext_noop("This part of the plan ({component}) was saved by {who} after you opened it "
               "(your copy is revision {expected}, the plan is now at revision {current}). "
               "Your changes were not saved: reload the part, check the other change and enter yours again."),
            {**common, "component": label_th}, {**common, "component": label_en},
        )
        super().__init__(self.message_en)

    def as_dict(self) -> dict:
        return {
            "code": "stale_component", "component": self.component, "expected_revision": self.expected,
            "current_revision": self.current, "changed_by": self.changed_by,
            "changed_at": self.changed_at.isoformat() if self.changed_at else None,
            "message_th": self.message_th, "message_en": self.message_en,
        }
