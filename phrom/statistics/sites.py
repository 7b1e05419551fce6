"""Shared sites (seed 000 §3.2: agencies in one area or building pool their resources): for the
agencies of a scope, the alternate sites their building strategies and resource requirements count on,
and the scarce resources they need, with a warning where several plans count on the same site.

Sites are named in free Thai text ("ย้ายไปปฏิบัติงานที่ห้องประชุมศาลากลางจังหวัดระยอง"): a place is
taken from the words that begin one (ห้อง…, อาคาร…, ศาลากลาง…) up to the next space or punctuation,
and compared by a Thai-aware key (PyThaiNLP's normalisation, no spaces or dots, common abbreviations
written out), so that "ห้องประชุม ศาลากลาง จ.ระยอง" and "ห้องประชุมศาลากลางจังหวัดระยอง" are one site.
Content of sent, non-security-sensitive plans only, as every content figure (figures.Query.facts_q).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pythainlp.util import normalize

from phrom.plans.codes import Category
from phrom.plans.content import components_at

from .figures import Query
from .models import SentFacts

PLACE_WORDS = ("ห้องประชุม", "ห้อง", "หอประชุม", "อาคาร", "ศาลากลาง", "ศาลาว่าการ", "ที่ว่าการ", "สำนักงาน",
               "ศูนย์", "โรงเรียน", "วัด", "หอ")
ABBREVIATIONS = {"จ.": "จังหวัด", "อ.": "อำเภอ", "ต.": "ตำบล", "กทม.": "กรุงเทพมหานคร", "รพ.": "โรงพยาบาล",
                 "รร.": "โรงเรียน", "สนง.": "สำนักงาน"}
# A place runs from its first word to a break (a space, punctuation); it goes on over a space where the
# next word is another place word, an area ("จ.ระยอง", "อำเภอ…") or a number ("ชั้น 2").
_WORDS = "|".join(map(re.escape, PLACE_WORDS))
_TOKEN = r"[^\s,;:()\"“”]*"
_MARKS = r"จ\.|อ\.|ต\.|จังหวัด|อำเภอ|ตำบล|เขต|ชั้น"
PLACE = re.compile(rf"(?:{_WORDS}){_TOKEN}(?:\s+(?:(?:{_WORDS}|{_MARKS})\s*{_TOKEN}|\d{_TOKEN}))*")
SCARCE = (Category.EQUIPMENT, Category.SUPPLY, Category.IT)


def site_key(name: str) -> str:
    """The same site however it is spaced or abbreviated."""
    text = normalize(name)
    for short, full in ABBREVIATIONS.items():
        text = text.replace(short, full)
    return re.sub(r"[\s.\u200b]+", "", text)


def places(text: str) -> list[str]:
    """The places a text names (see the module's note), in the order written."""
    return [m.group(0).strip() for m in PLACE.finditer(text or "")]


@dataclass
class Agency:
    code: str
    name: str
    sites: list[str] = field(default_factory=list)
    scarce: list[str] = field(default_factory=list)


@dataclass
class Site:
    name: str  # as the first plan wrote it
    agencies: list[Agency] = field(default_factory=list)

    @property
    def shared(self) -> bool:
        return len(self.agencies) > 1


def shared_sites(query: Query) -> dict:
    """The agencies of the query's scope with their alternate sites and scarce resources, and each site
    with the agencies counting on it (shared ones first)."""
    rows = (SentFacts.objects.filter(query.facts_q())
            .values_list("plan_id", "version", "plan__organisation__code", "plan__organisation__name_th")
            .order_by("plan__organisation__code"))
    plans = {pk: (version, code, name) for pk, version, code, name in rows}
    found = components_at({pk: v for pk, (v, _c, _n) in plans.items()}, ["strategies", "resources"])
    agencies, sites = [], {}
    for pk, (_v, code, name) in plans.items():
        agency = Agency(code, name)
        strategies = found[pk].get("strategies") or []
        resources = found[pk].get("resources") or []
        texts = [s.get("strategy", "") for s in strategies if s.get("category") == Category.BUILDING]
        texts += [r.get("item", "") for r in resources if r.get("category") == Category.BUILDING]
        for place in (p for text in texts for p in places(text)):
            key = site_key(place)
            if key not in {site_key(s) for s in agency.sites}:
                agency.sites.append(place)
                site = sites.setdefault(key, Site(place))
                site.agencies.append(agency)
        agency.scarce = sorted({r.get("item", "") for r in resources if r.get("category") in SCARCE and r.get("item")})
        if agency.sites or agency.scarce:
            agencies.append(agency)
    ordered = sorted(sites.values(), key=lambda s: (-len(s.agencies), s.name))
    return {"agencies": agencies, "sites": ordered, "shared": [s for s in ordered if s.shared], "plans": len(plans)}


