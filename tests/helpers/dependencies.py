"""Plans that depend on each other: the civil registration system of DOPA (24 h, on electricity) that a
provincial office's 4-hour process needs, as in issue 14's example."""

import copy

from phrom.campaigns import services
from tests.helpers.campaigns import open_campaign, send
from tests.helpers.plans import FULL, make_plan

CIVIL = {"key": "civil", "name": "ระบบทะเบียนราษฎร", "mission": "", "impact_level": "very_high", "mtpd_hours": 72,
         "rto_hours": 24, "rpo_hours": 1, "depends_on_it": True, "eservice": True, "impact_over_time": {},
         "dependencies": [{"kind": "utility", "utility": "electricity"}]}


def with_dependencies(*deps, key="p1", doc=None):
    """FULL's processes, the process `key` depending on `deps`."""
    processes = copy.deepcopy((doc or FULL)["processes"])
    for p in processes:
        if p["key"] == key:
            p["dependencies"] = list(deps)
    return processes


def on_civil(covered=None):
    dep = {"kind": "process", "organisation": "DOPA", "process": "civil"}
    return dep | ({"covered_hours": covered} if covered is not None else {})


def civil_registration(structure, people, *, sent=True, campaign=None, **changes):
    """DOPA's plan with the civil registration system, sent to OPDC's campaign (or left unsent)."""
    plan = make_plan(structure.dopa, people.coordinator(structure.dopa),
                     processes=[*copy.deepcopy(FULL["processes"]), copy.deepcopy(CIVIL)], **changes)
    campaign = campaign or (open_campaign(structure.opdc, people.opdc_coordinator) if sent else None)
    if sent and plan.is_sensitive:  # a sensitive plan is declared: its title leaves the agency, not its content
        services.declare(campaign, structure.dopa, user=people.approver(structure.dopa), title=plan.title,
                         reviewed_on=None, plan=plan, approve_now=True)
    elif sent:
        send(campaign, structure.dopa, people, plan)
    return plan
