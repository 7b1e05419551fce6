"""Provinces, districts and subdistricts from geothai, in the shape the demo builder needs."""

from dataclasses import dataclass, field

import geothai

BANGKOK = "10"


@dataclass
class Subdistrict:
    code: str
    name_th: str
    name_en: str


@dataclass
class District:
    code: str
    name_th: str
    name_en: str
    subdistricts: list[Subdistrict] = field(default_factory=list)

    @property
    def is_capital(self) -> bool:
        # The capital (Mueang) district of a province has the first code, xx01.
        return self.code.endswith("01")


@dataclass
class Province:
    code: str
    name_th: str
    name_en: str
    districts: list[District] = field(default_factory=list)

    @property
    def subdistricts(self) -> list[tuple[District, Subdistrict]]:
        return [(d, s) for d in self.districts for s in d.subdistricts]


def provinces() -> list[Province]:
    """The 77 provinces (Bangkok first), each with its districts and their subdistricts, by code."""
    result = []
    for p in sorted(geothai.provinces(), key=lambda p: p.code):
        province = Province(p.code, p.name_th, p.name_en)
        for d in sorted(geothai.districts(p.code), key=lambda d: d.code):
            district = District(d.code, d.name_th, d.name_en)
            district.subdistricts = [
                Subdistrict(s.code, s.name_th, s.name_en)
                for s in sorted(geothai.subdistricts(d.code), key=lambda s: s.code)
            ]
            province.districts.append(district)
        result.append(province)
    return result
