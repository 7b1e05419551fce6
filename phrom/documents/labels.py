"""Names of the codes of the plan document format (docs/plan-document.md) as printed.

English msgids with the Thai wording of the OPDC form in this app's catalogue, under the context
"document" so that the wording of the printed plan stays apart from the other apps' screens.
"""

from django.utils.translation import pgettext_lazy

CATEGORIES = {
    "building": pgettext_lazy("document", "Building and main workplace"),
    "equipment": pgettext_lazy("document", "Critical equipment and materials"),
    "supply": pgettext_lazy("document", "Supply and delivery of critical equipment"),
    "it": pgettext_lazy("document", "Information technology and critical data"),
    "personnel": pgettext_lazy("document", "Key personnel"),
    "stakeholders": pgettext_lazy("document", "Key partners, service providers and stakeholders"),
}

# Short column heads for the scenario × category grid, where the full names do not fit.
CATEGORY_SHORT = {
    "building": pgettext_lazy("document", "Building / workplace"),
    "equipment": pgettext_lazy("document", "Equipment"),
    "supply": pgettext_lazy("document", "Supply and delivery"),
    "it": pgettext_lazy("document", "IT and data"),
    "personnel": pgettext_lazy("document", "Key personnel"),
    "stakeholders": pgettext_lazy("document", "Partners / stakeholders"),
}

SCENARIOS = {
    "epidemic": pgettext_lazy("document", "Epidemic or emerging infectious disease with continuing spread"),
    "fire": pgettext_lazy("document", "Fire"),
    "flood": pgettext_lazy("document", "Flood"),
    "riot": pgettext_lazy("document", "Protest or riot"),
    "power_outage": pgettext_lazy("document", "Wide power outage"),
    "terrorism": pgettext_lazy("document", "Terrorism"),
    "earthquake": pgettext_lazy("document", "Earthquake"),
    "cyber": pgettext_lazy("document", "Cyber threat"),
    "drought": pgettext_lazy("document", "Drought"),
    "storm": pgettext_lazy("document", "Storm"),
    "chemical": pgettext_lazy("document", "Chemical accident"),
    "building_collapse": pgettext_lazy("document", "Building collapse"),
}

DEPENDENCY_KINDS = {
    "process": pgettext_lazy("document", "another agency's process"),
    "utility": pgettext_lazy("document", "utility"),
    "supplier": pgettext_lazy("document", "supplier or system"),
}
IMPACT_LEVELS = {
    "very_high": pgettext_lazy("document", "very high"),
    "high": pgettext_lazy("document", "high"),
    "medium": pgettext_lazy("document", "medium"),
    "low": pgettext_lazy("document", "low"),
}

ROLES = {
    "head": pgettext_lazy("document", "Head of the BCP team"),
    "coordinator": pgettext_lazy("document", "BCP coordinator"),
    "leader": pgettext_lazy("document", "Team leader"),
    "member": pgettext_lazy("document", "Team member"),
}

WINDOWS = {
    "day1": pgettext_lazy("document", "Within 1 day"),
    "d1_7": pgettext_lazy("document", "Days 1 to 7"),
    "d7_30": pgettext_lazy("document", "Days 7 to 30"),
    "beyond30": pgettext_lazy("document", "Beyond 30 days"),
}

CHANNELS = {
    "phone": pgettext_lazy("document", "telephone"),
    "sms": pgettext_lazy("document", "SMS"),
    "line": pgettext_lazy("document", "LINE"),
    "email": pgettext_lazy("document", "e-mail"),
    "radio": pgettext_lazy("document", "radio"),
}

# The eight components of seed 003 §2, in the order of the OPDC form.
SECTIONS = [
    ("scope", pgettext_lazy("document", "Objectives, assumptions and scope")),
    ("impacts", pgettext_lazy("document", "Impact of crisis scenarios on critical resources")),
    ("team", pgettext_lazy("document", "Business continuity management team")),
    ("strategies", pgettext_lazy("document", "Business continuity strategies")),
    ("bia", pgettext_lazy("document", "Business impact analysis")),
    ("resources", pgettext_lazy("document", "Critical resource requirements")),
    ("procedures", pgettext_lazy("document", "Business continuity procedures")),
    ("call_tree", pgettext_lazy("document", "Call tree")),
]

SECURITY_MARK = pgettext_lazy("document", "CONFIDENTIAL")
SECURITY_NOTE = pgettext_lazy("document", "This document contains security-sensitive content — for internal use of the agency only")
