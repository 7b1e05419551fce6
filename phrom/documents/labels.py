"""Names of the codes of the plan document format (docs: /work/notes/plan-document.md) as printed.

English msgids with the Thai wording of the OPDC form in this app's catalogue.
"""

from django.utils.translation import gettext_lazy as _

CATEGORIES = {
    "building": _("Building and main workplace"),
    "equipment": _("Critical equipment and materials"),
    "supply": _("Supply and delivery of critical equipment"),
    "it": _("Information technology and critical data"),
    "personnel": _("Key personnel"),
    "stakeholders": _("Key partners, service providers and stakeholders"),
}

# Short column heads for the scenario × category grid, where the full names do not fit.
CATEGORY_SHORT = {
    "building": _("Building / workplace"),
    "equipment": _("Equipment"),
    "supply": _("Supply and delivery"),
    "it": _("IT and data"),
    "personnel": _("Key personnel"),
    "stakeholders": _("Partners / stakeholders"),
}

PERIODS = {
    "4h": _("4 hours"),
    "1d": _("1 day"),
    "1w": _("1 week"),
    "2w": _("2 weeks"),
    "1m": _("1 month"),
}
PERIOD_HOURS = {"4h": 4, "1d": 24, "1w": 168, "2w": 336, "1m": 720}

SCENARIOS = {
    "epidemic": _("Epidemic or emerging infectious disease with continuing spread"),
    "fire": _("Fire"),
    "flood": _("Flood"),
    "riot": _("Protest or riot"),
    "power_outage": _("Wide power outage"),
    "terrorism": _("Terrorism"),
    "earthquake": _("Earthquake"),
    "cyber": _("Cyber threat"),
    "drought": _("Drought"),
    "storm": _("Storm"),
    "chemical": _("Chemical accident"),
    "building_collapse": _("Building collapse"),
}

IMPACT_LEVELS = {
    "very_high": _("very high"),
    "high": _("high"),
    "medium": _("medium"),
    "low": _("low"),
}

ROLES = {
    "head": _("Head of the BCP team"),
    "coordinator": _("BCP coordinator"),
    "leader": _("Team leader"),
    "member": _("Team member"),
}

WINDOWS = {
    "day1": _("Within 1 day"),
    "d1_7": _("Days 1 to 7"),
    "d7_30": _("Days 7 to 30"),
    "beyond30": _("Beyond 30 days"),
}

CHANNELS = {
    "phone": _("telephone"),
    "sms": _("SMS"),
    "line": _("LINE"),
    "email": _("e-mail"),
    "radio": _("radio"),
}

# The eight components of seed 003 §2, in the order of the OPDC form.
SECTIONS = [
    ("scope", _("Objectives, assumptions and scope")),
    ("impacts", _("Impact of crisis scenarios on critical resources")),
    ("team", _("Business continuity management team")),
    ("strategies", _("Business continuity strategies")),
    ("bia", _("Business impact analysis")),
    ("resources", _("Critical resource requirements")),
    ("procedures", _("Business continuity procedures")),
    ("call_tree", _("Call tree")),
]

SECURITY_MARK = _("CONFIDENTIAL")
SECURITY_NOTE = _("This document contains security-sensitive content — for internal use of the agency only")
