"""What goes wrong when a plan is written: invalid content, or a component saved meanwhile by someone else.
Both are the one error type (phrom.core.errors): pages show them on the form, the API's one handler
renders them."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from phrom.core.errors import InvalidInput, PhromError
from phrom.core.messages import both_each, label_pair

from ..codes import COMPONENT_LABELS


class PlanValidationError(InvalidInput):
    """The input does not make a valid plan; `errors` lists {path, message_th, message_en}."""

    def __str__(self) -> str:  # the problems themselves, for logs and tracebacks
        return "; ".join(f"{e['path']}: {e['message_en']}" for e in self.errors[:5])


class StaleComponent(PhromError):
    """Someone saved the component after the editor loaded it: refuse rather than overwrite."""

    def __init__(self, component: str, expected, current: int, changed_by: str = "", changed_at=None,
                 version: int | None = None):
        self.component, self.expected, self.current = component, expected, current
        self.changed_by, self.changed_at = changed_by, changed_at
        who = changed_by or "-"
        label_th, label_en = label_pair(COMPONENT_LABELS.get(component, component))
        # The plan's version number, as the message after saving names it ("saved as version N").
        common = {"who": who, "version": version if version is not None else "-"}
        messages = both_each(
            gettext_noop("The part “{component}” was saved by {who} as version {version} of the plan after you "
                         "opened it. Your changes were not saved: reload the part, check the other change and "
                         "enter yours again."),
            {**common, "component": label_th}, {**common, "component": label_en},
        )
        super().__init__("stale_component", messages=messages, details={
            "component": component, "expected_revision": expected, "current_revision": current,
            "changed_by": changed_by, "changed_at": changed_at.isoformat() if changed_at else None,
        })
