"""The organisation kinds of DESIGN.md and the default routes of seed 003 §3.4 and seed 001 (BMA).

Loaded by a data migration; afterwards the tables are edited in the admin, not here.
"""

KINDS = [
    # code, Thai, English, level
    ("ministry", "กระทรวง", "Ministry", "central"),
    ("department", "ส่วนราชการระดับกรม", "Department", "central"),
    ("public_org", "องค์การมหาชน", "Public organisation", "central"),
    ("state_enterprise", "รัฐวิสาหกิจ", "State enterprise", "central"),
    ("independent_body", "องค์กรอิสระ", "Independent body", "central"),
    ("university", "มหาวิทยาลัย", "University", "central"),
    ("other_agency", "หน่วยงานของรัฐอื่น", "Other state agency", "central"),
    ("central_unit", "หน่วยงานส่วนกลางที่ตั้งอยู่ในภูมิภาค", "Central-agency unit in a province", "regional"),
    ("provincial_unit", "ส่วนราชการส่วนภูมิภาค", "Provincial-administration unit", "regional"),
    ("provincial_office", "สำนักงานจังหวัด", "Provincial office", "regional"),
    ("pao", "องค์การบริหารส่วนจังหวัด", "Provincial administrative organisation", "local"),
    ("city_municipality", "เทศบาลนคร", "City municipality", "local"),
    ("town_municipality", "เทศบาลเมือง", "Town municipality", "local"),
    ("subdistrict_municipality", "เทศบาลตำบล", "Subdistrict municipality", "local"),
    ("sao", "องค์การบริหารส่วนตำบล", "Subdistrict administrative organisation", "local"),
    ("bma", "กรุงเทพมหานคร", "Bangkok Metropolitan Administration", "local"),
    ("pattaya", "เมืองพัทยา", "Pattaya City", "local"),
    ("bma_unit", "สำนัก / สำนักงานเขต ในสังกัดกรุงเทพมหานคร", "BMA office or district office", "bma"),
    ("district_office", "ที่ทำการปกครองอำเภอ", "District office", "subunit"),
    ("school", "โรงเรียน", "School", "subunit"),
    ("hospital", "โรงพยาบาล", "Hospital", "subunit"),
]

STRAIGHT_TO_OPDC = [
    "ministry", "department", "public_org", "state_enterprise", "independent_body", "university", "other_agency",
    "provincial_office", "pao", "city_municipality", "town_municipality", "subdistrict_municipality", "sao",
    "bma", "pattaya",
]

# kind, when_collector, role, position, target
RULES = [
    *[(kind, "", "collect", 1, "collector:national") for kind in STRAIGHT_TO_OPDC],
    # Seed 003 §3.4: to the parent department, which rolls up to OPDC; the provincial office is informed.
    ("central_unit", "", "collect", 1, "parent"),
    ("central_unit", "", "inform", 1, "province:provincial_office"),
    # Seed 003 §3.4: to the provincial office, which rolls up to OPDC.
    ("provincial_unit", "", "collect", 1, "province:provincial_office"),
    # Seed 001: BMA offices and district offices send to the BMA disaster office ...
    ("bma_unit", "", "collect", 1, "collector:bma"),
    # ... which itself reports with the BMA, straight to OPDC.
    ("bma_unit", "bma", "collect", 1, "collector:national"),
    # Seed 000 §3.2: sub-units send to their parent, which rolls the plans up.
    ("district_office", "", "collect", 1, "parent"),
    ("school", "", "collect", 1, "parent"),
    ("hospital", "", "collect", 1, "parent"),
]
