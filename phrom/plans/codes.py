"""The fixed code lists of the plan document (format `phrom-plan/1`, see docs/plan-document.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

FORMAT = "phrom-plan/1"

# The header (title, classification, dates) is versioned and locked like a component, but it is
# not one of the eight components of the OPDC guideline (seed 003 §2).
HEADER = "header"
COMPONENTS = ("scope", "impacts", "team", "strategies", "processes", "resources", "procedures", "call_tree")
ALL_COMPONENTS = (HEADER, *COMPONENTS)


class Category(models.TextChoices):
    """The six resource categories of OPDC."""

    BUILDING = "building", _("building and workplace")
    EQUIPMENT = "equipment", _("critical equipment and materials")
    SUPPLY = "supply", _("supply and delivery of critical equipment")
    IT = "it", _("information technology and critical data")
    PERSONNEL = "personnel", _("key personnel")
    STAKEHOLDERS = "stakeholders", _("key customers, suppliers and stakeholders")


class Period(models.TextChoices):
    """The columns of the OPDC tables."""

    H4 = "4h", _("4 hours")
    D1 = "1d", _("1 day")
    W1 = "1w", _("1 week")
    W2 = "2w", _("2 weeks")
    M1 = "1m", _("1 month")


PERIODS = Period.values  # in the order of the columns, 4 hours first
PERIOD_HOURS = {"4h": 4, "1d": 24, "1w": 168, "2w": 336, "1m": 720}


class Window(models.TextChoices):
    """Time windows of the procedures."""

    DAY1 = "day1", _("first day")
    D1_7 = "d1_7", _("days 1–7")
    D7_30 = "d7_30", _("days 7–30")
    BEYOND30 = "beyond30", _("beyond 30 days")


class TeamRole(models.TextChoices):
    HEAD = "head", _("head of the BCP team")
    COORDINATOR = "coordinator", _("BCP coordinator")
    LEADER = "leader", _("team leader")
    MEMBER = "member", _("team member")


class ImpactLevel(models.TextChoices):
    VERY_HIGH = "very_high", _("very high")
    HIGH = "high", _("high")
    MEDIUM = "medium", _("medium")
    LOW = "low", _("low")


class Channel(models.TextChoices):
    PHONE = "phone", _("telephone")
    SMS = "sms", _("SMS")
    LINE = "line", _("LINE")
    EMAIL = "email", _("e-mail")
    RADIO = "radio", _("radio")


class Classification(models.TextChoices):
    NORMAL = "normal", _("normal")
    SENSITIVE = "sensitive", _("security-sensitive")


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned for revision")
    ACCEPTED = "accepted", _("accepted")


# Durations are entered as a number and a unit; a month counts as 30 days (docs/plan-document.md).
UNIT_HOURS = {"hour": 1, "day": 24, "week": 168, "month": 720}
# Every word for a unit, in lower case: as a person types it or a Word plan writes it.
UNIT_ALIASES = {
    "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour", "h": "hour", "ชั่วโมง": "hour", "ชม.": "hour", "ชม": "hour",
    "day": "day", "days": "day", "d": "day", "วัน": "day",
    "week": "week", "weeks": "week", "w": "week", "สัปดาห์": "week", "อาทิตย์": "week",
    "month": "month", "months": "month", "m": "month", "เดือน": "month",
}


COMPONENT_LABELS = {
    HEADER: _("plan details"),
    "scope": _("objectives, assumptions and scope"),
    "impacts": _("crisis scenarios and impacts"),
    "team": _("BCP team"),
    "strategies": _("continuity strategies"),
    "processes": _("business impact analysis"),
    "resources": _("resource requirements"),
    "procedures": _("procedures"),
    "call_tree": _("call tree"),
}
