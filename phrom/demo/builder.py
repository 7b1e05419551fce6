"""The national demo data set as plain specifications, built deterministically from the data modules
and geothai. `load` (phrom.demo.loader) writes them to the database.

The code scheme and the sources of every count are in docs/demo-data.md.
"""

from __future__ import annotations

import heapq
import random
from dataclasses import dataclass, replace

from . import geo
from .data import bma, central, local, provincial

SEED = "phrom-demo-2020"
# Provincial offices sit under the Ministry of Interior's permanent secretary office, which they belong to.
MOI_OPS = "MOI-OPS"


@dataclass(frozen=True)
class OrgSpec:
    code: str
    name_th: str
    name_en: str
    kind: str
    parent: str | None = None
    province: str | None = None
    site: str = ""
    sector: str = ""
    collector: str = ""


@dataclass
class DemoSet:
    """`fixed` exists once whatever the scale; `scalable` (local organisations and units) is multiplied."""

    fixed: list[OrgSpec]
    scalable: list[OrgSpec]

    def specs(self, scale: int = 1) -> list[OrgSpec]:
        return [*self.fixed, *self.scalable, *copies(self.scalable, scale)]


def copies(specs: list[OrgSpec], scale: int) -> list[OrgSpec]:
    """Copies 2..scale of the scalable organisations for load tests: codes suffixed -X<k>.

    A copy's parent is the same copy of its parent when that parent is itself copied.
    """
    copied = {s.code for s in specs}
    result = []
    for k in range(2, scale + 1):
        for s in specs:
            parent = f"{s.parent}-X{k}" if s.parent in copied else s.parent
            result.append(
                replace(s, code=f"{s.code}-X{k}", name_th=f"{s.name_th} ({k})", name_en=f"{s.name_en} ({k})", parent=parent)
            )
    return result


def apportion(total: int, weights: list[float], caps: list[int]) -> list[int]:
    """Share `total` in proportion to `weights`, never above `caps` (Sainte-Laguë, ties by position)."""
    if total > sum(caps):
        raise ValueError(f"cannot place {total} within caps summing to {sum(caps)}")
    seats = [0] * len(weights)
    heap = [(-w, i) for i, w in enumerate(weights) if caps[i] > 0 and w > 0]
    heapq.heapify(heap)
    for _ in range(total):
        _, i = heapq.heappop(heap)
        seats[i] += 1
        if seats[i] < caps[i]:
            heapq.heappush(heap, (-weights[i] / (2 * seats[i] + 1), i))
    return seats


def build(provinces: list[geo.Province] | None = None) -> DemoSet:
    provinces = provinces if provinces is not None else geo.provinces()
    bangkok = next(p for p in provinces if p.code == geo.BANGKOK)
    regions = [p for p in provinces if p.code != geo.BANGKOK]
    by_code = {p.code: p for p in provinces}
    fixed = [*central_bodies(), *provincial_offices(regions), *bma_fixed(), pattaya()]
    scalable = [
        *provincial_units(regions),
        *central_units(regions, by_code),
        *sub_units(regions, by_code),
        *local_organisations(regions),
        *bma_units(bangkok),
    ]
    return DemoSet(fixed, scalable)


# --- central government ---------------------------------------------------------------------------


def central_bodies() -> list[OrgSpec]:
    specs = [OrgSpec(code, th, en, "ministry") for code, th, en in central.MINISTRIES]
    for ministry, (th, en) in central.PERMANENT_SECRETARY_OFFICES.items():
        specs.append(OrgSpec(f"{ministry}-OPS", th, en, "department", parent=ministry))
    for code, parent, th, en in central.DEPARTMENTS:
        collector = "national" if code == "OPDC" else ""
        specs.append(OrgSpec(code, th, en, "department", parent=parent, collector=collector))
    specs += [OrgSpec(code, th, en, "public_org", parent=parent) for code, parent, th, en in central.PUBLIC_ORGANISATIONS]
    specs += [
        OrgSpec(code, th, en, "state_enterprise", parent=parent, sector=sector)
        for code, parent, th, en, sector in central.STATE_ENTERPRISES
    ]
    specs += [OrgSpec(code, th, en, "independent_body") for code, th, en in central.INDEPENDENT_BODIES]
    specs += [OrgSpec(code, th, en, "other_agency") for code, th, en in central.OTHER_AGENCIES]
    specs += [OrgSpec(code, th, en, "university", parent="MHESI") for code, th, en in central.UNIVERSITIES]
    return specs


# --- provinces ------------------------------------------------------------------------------------


def hall(p: geo.Province) -> str:
    return f"ศาลากลางจังหวัด{p.name_th}"


def provincial_offices(regions: list[geo.Province]) -> list[OrgSpec]:
    return [
        OrgSpec(
            f"PO-{p.code}", f"สำนักงานจังหวัด{p.name_th}", f"{p.name_en} Provincial Office", "provincial_office",
            parent=MOI_OPS, province=p.code, site=hall(p),
        )
        for p in regions
    ]


def provincial_units(regions: list[geo.Province]) -> list[OrgSpec]:
    return [
        OrgSpec(
            f"PU-{p.code}-{abbr}", th.format(p=p.name_th), en.format(p=p.name_en), "provincial_unit",
            parent=parent, province=p.code, site=hall(p) if in_hall else "",
        )
        for p in regions
        for abbr, parent, th, en, in_hall in provincial.PROVINCIAL_UNITS
    ]


def central_units(regions: list[geo.Province], by_code: dict[str, geo.Province]) -> list[OrgSpec]:
    specs = [
        OrgSpec(
            f"CU-{p.code}-{abbr}", th.format(p=p.name_th), en.format(p=p.name_en), "central_unit",
            parent=parent, province=p.code, sector=sector,
        )
        for p in regions
        for abbr, parent, th, en, sector in provincial.CENTRAL_UNITS
    ]
    for parent, prefix, th, en, hosts in provincial.REGIONAL_CENTRES:
        for n, code in enumerate(hosts, start=1):
            p = by_code[code]
            specs.append(
                OrgSpec(
                    f"CU-{prefix}-R{n:02d}", th.format(n=n, p=p.name_th), en.format(n=n, p=p.name_en), "central_unit",
                    parent=parent, province=code,
                )
            )
    return specs


def sub_units(regions: list[geo.Province], by_code: dict[str, geo.Province]) -> list[OrgSpec]:
    """District offices, hospitals and schools: sub-units whose plans go to their parent (seed 000 §3.2)."""
    specs = []
    for p in regions:
        specs.append(
            OrgSpec(f"HOSP-{p.code}", f"โรงพยาบาล{p.name_th}", f"{p.name_en} Hospital", "hospital",
                    parent=f"PU-{p.code}-PHO", province=p.code)
        )
        specs.append(
            OrgSpec(f"SCH-{p.code}", f"โรงเรียนอนุบาล{p.name_th}", f"Anuban {p.name_en} School", "school",
                    parent=f"CU-{p.code}-ESA", province=p.code)
        )
        for d in p.districts:
            specs.append(
                OrgSpec(f"DO-{d.code}", f"ที่ทำการปกครองอำเภอ{d.name_th}", f"{d.name_en} District Office", "district_office",
                        parent=f"PU-{p.code}-DOPA", province=p.code, site=f"ที่ว่าการอำเภอ{d.name_th}")
            )
            if d.is_capital:
                continue  # the capital district is served by the provincial hospital and school
            specs.append(
                OrgSpec(f"HOSP-{d.code}", f"โรงพยาบาล{d.name_th}", f"{d.name_en} Hospital", "hospital",
                        parent=f"PU-{p.code}-PHO", province=p.code)
            )
            specs.append(
                OrgSpec(f"SCH-{d.code}", f"โรงเรียนอนุบาล{d.name_th}", f"Anuban {d.name_en} School", "school",
                        parent=f"CU-{p.code}-ESA", province=p.code)
            )
    for suffix, th, en, code in provincial.DMS_HOSPITALS:
        specs.append(OrgSpec(f"HOSP-DMS-{suffix}", th, en, "hospital", parent="MOPH-DMS", province=code))
    return specs


# --- local administrative organisations -----------------------------------------------------------


def local_organisations(regions: list[geo.Province]) -> list[OrgSpec]:
    """PAO, city, town and subdistrict municipalities and SAOs in their June 2020 national counts.

    The 30 city municipalities are the real ones. Each province's capital is a town municipality unless
    a city municipality carries its name; the other towns go to provinces in proportion to their
    districts, named after real districts. Subdistrict municipalities and SAOs go to provinces in
    proportion to their subdistricts, named after real subdistricts (a subdistrict may hold both).
    """
    counts = local.COUNTS_2020
    specs = [
        OrgSpec(f"PAO-{p.code}", f"องค์การบริหารส่วนจังหวัด{p.name_th}", f"{p.name_en} Provincial Administrative Organisation",
                "pao", province=p.code)
        for p in regions
    ]
    city_names = {(code, th) for _, th, _, code in local.CITY_MUNICIPALITIES}
    for suffix, th, en, code in local.CITY_MUNICIPALITIES:
        specs.append(OrgSpec(f"CM-{suffix}", f"เทศบาลนคร{th}", f"{en} City Municipality", "city_municipality",
                             province=code))

    # Town municipalities: the capitals first, then the rest by districts.
    eligible: list[list[geo.District]] = []
    for p in regions:
        capital = p.districts[0]
        if (p.code, p.name_th) not in city_names:
            specs.append(town(p, capital, capital_name=True))
        eligible.append([
            d for d in p.districts
            if not d.is_capital and (p.code, d.name_th) not in city_names
        ])
    capitals = sum(1 for s in specs if s.kind == "town_municipality")
    shares = apportion(counts["town_municipality"] - capitals, [len(e) for e in eligible], [len(e) for e in eligible])
    for p, districts, n in zip(regions, eligible, shares, strict=True):
        chosen = random.Random(f"{SEED}-town-{p.code}").sample(districts, n)
        specs += [town(p, d) for d in sorted(chosen, key=lambda d: d.code)]

    # Subdistrict municipalities and SAOs.
    sizes = [len(p.subdistricts) for p in regions]
    sm_shares = apportion(counts["subdistrict_municipality"], sizes, sizes)
    sao_shares = apportion(counts["sao"], sizes, sizes)
    for p, n_sm, n_sao in zip(regions, sm_shares, sao_shares, strict=True):
        places = list(p.subdistricts)
        random.Random(f"{SEED}-tambon-{p.code}").shuffle(places)
        # Municipalities from the front, SAOs from the back: they share a subdistrict only when they must.
        for d, s in sorted(places[:n_sm], key=lambda ds: ds[1].code):
            specs.append(OrgSpec(f"SM-{s.code}", f"เทศบาลตำบล{s.name_th}", f"{s.name_en} Subdistrict Municipality",
                                 "subdistrict_municipality", province=p.code, site=place(p, d, s)))
        for d, s in sorted(places[len(places) - n_sao:], key=lambda ds: ds[1].code):
            specs.append(OrgSpec(f"SAO-{s.code}", f"องค์การบริหารส่วนตำบล{s.name_th}",
                                 f"{s.name_en} Subdistrict Administrative Organisation", "sao",
                                 province=p.code, site=place(p, d, s)))
    return specs


def town(p: geo.Province, d: geo.District, capital_name: bool = False) -> OrgSpec:
    th, en = (p.name_th, p.name_en) if capital_name else (d.name_th, d.name_en)
    return OrgSpec(f"TM-{d.code}", f"เทศบาลเมือง{th}", f"{en} Town Municipality", "town_municipality",
                   province=p.code, site=f"อำเภอ{d.name_th} จังหวัด{p.name_th}")


def place(p: geo.Province, d: geo.District, s: geo.Subdistrict) -> str:
    return f"ตำบล{s.name_th} อำเภอ{d.name_th} จังหวัด{p.name_th}"


def pattaya() -> OrgSpec:
    return OrgSpec("PATTAYA", "เมืองพัทยา", "Pattaya City", "pattaya", province="20", site="อำเภอบางละมุง จังหวัดชลบุรี")


# --- Bangkok --------------------------------------------------------------------------------------


def bma_fixed() -> list[OrgSpec]:
    code, th, en = bma.DISASTER_OFFICE
    return [
        OrgSpec("BMA", "กรุงเทพมหานคร", "Bangkok Metropolitan Administration", "bma", province=geo.BANGKOK,
                site="ศาลาว่าการกรุงเทพมหานคร"),
        OrgSpec(code, th, en, "bma_unit", parent="BMA", province=geo.BANGKOK, collector="bma"),
    ]


def bma_units(bangkok: geo.Province) -> list[OrgSpec]:
    specs = [OrgSpec(code, th, en, "bma_unit", parent="BMA", province=geo.BANGKOK) for code, th, en in bma.OFFICES]
    specs += [
        OrgSpec(f"BMA-D{d.code}", f"สำนักงาน{d.name_th}", f"{d.name_en} District Office", "bma_unit",
                parent="BMA", province=geo.BANGKOK)
        for d in bangkok.districts
    ]
    specs += [
        OrgSpec(f"HOSP-BMA-{suffix}", th, en, "hospital", parent=parent, province=geo.BANGKOK)
        for suffix, parent, th, en in bma.HOSPITALS
    ]
    return specs
