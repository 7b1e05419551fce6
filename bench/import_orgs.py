"""Benchmark: import a 10,000-organisation CSV (Thai names) on SQLite. Target: under 10 s.

    .venv/bin/python bench/import_orgs.py [--rows N]

Runs in a temporary data directory with its own SQLite file. Prints the time of a first import
(everything created), a re-import of the same file (nothing changes) and an import in which one
row in ten changed. `generate_rows()` is also used by the other benchmarks and the tests.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

COLUMNS = [
    "code", "name_th", "name_en", "kind", "parent_code", "province_code", "site", "sector", "collector",
    "latitude", "longitude",
]
SYLLABLES = [
    "บาง", "นา", "หนอง", "ท่า", "ดอน", "โคก", "บ้าน", "ห้วย", "วัง", "สาม", "ทุ่ง", "คลอง", "เขา", "ป่า", "แม่",
    "ไผ่", "สัก", "ทอง", "แก้ว", "ยาง", "โพธิ์", "ไทร", "มะขาม", "ศรี", "สระ", "หลวง", "เหนือ", "ใต้", "กลาง",
    "ตะวันออก", "ชัย", "พระ", "เมือง", "น้ำ", "ดง", "ลาด", "สวน", "โนน", "สันติ",
]
MINISTRIES = [
    ("MOI", "กระทรวงมหาดไทย", "Ministry of Interior"),
    ("MOPH", "กระทรวงสาธารณสุข", "Ministry of Public Health"),
    ("MOE", "กระทรวงศึกษาธิการ", "Ministry of Education"),
    ("MOAC", "กระทรวงเกษตรและสหกรณ์", "Ministry of Agriculture and Cooperatives"),
    ("MOF", "กระทรวงการคลัง", "Ministry of Finance"),
    ("MOT", "กระทรวงคมนาคม", "Ministry of Transport"),
    ("MNRE", "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม", "Ministry of Natural Resources and Environment"),
    ("MOL", "กระทรวงแรงงาน", "Ministry of Labour"),
    ("MSDHS", "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์", "Ministry of Social Development and Human Security"),
    ("MOJ", "กระทรวงยุติธรรม", "Ministry of Justice"),
    ("MOC", "กระทรวงพาณิชย์", "Ministry of Commerce"),
    ("MOEN", "กระทรวงพลังงาน", "Ministry of Energy"),
    ("MDES", "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม", "Ministry of Digital Economy and Society"),
    ("MOD", "กระทรวงกลาโหม", "Ministry of Defence"),
    ("MFA", "กระทรวงการต่างประเทศ", "Ministry of Foreign Affairs"),
    ("MOTS", "กระทรวงการท่องเที่ยวและกีฬา", "Ministry of Tourism and Sports"),
    ("MCULT", "กระทรวงวัฒนธรรม", "Ministry of Culture"),
    ("MHESI", "กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม", "Ministry of Higher Education, Science, Research and Innovation"),
    ("MIND", "กระทรวงอุตสาหกรรม", "Ministry of Industry"),
    ("PMO", "สำนักนายกรัฐมนตรี", "Office of the Prime Minister"),
]
UNIT_NAMES = [
    ("HEALTH", "สำนักงานสาธารณสุขจังหวัด", "Provincial Public Health Office"),
    ("AGRI", "สำนักงานเกษตรจังหวัด", "Provincial Agricultural Office"),
    ("LABOUR", "สำนักงานแรงงานจังหวัด", "Provincial Labour Office"),
    ("SOCIAL", "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด", "Provincial Social Development Office"),
    ("COMM", "สำนักงานพาณิชย์จังหวัด", "Provincial Commerce Office"),
    ("CULT", "สำนักงานวัฒนธรรมจังหวัด", "Provincial Cultural Office"),
    ("ENERGY", "สำนักงานพลังงานจังหวัด", "Provincial Energy Office"),
    ("IND", "สำนักงานอุตสาหกรรมจังหวัด", "Provincial Industry Office"),
    ("LAND", "สำนักงานที่ดินจังหวัด", "Provincial Land Office"),
    ("DDPM", "สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัด", "Provincial Disaster Prevention Office"),
]


def place_name(rng: random.Random) -> str:
    return "".join(rng.sample(SYLLABLES, rng.choice((2, 2, 3))))


def generate_rows(n: int = 10_000, seed: int = 2563) -> list[list[str]]:
    """A realistic national structure of `n` organisations, parents before children (not required)."""
    import geothai

    rng = random.Random(seed)
    provinces = [(p.code, p.name_th, p.name_en) for p in geothai.provinces()]
    rows: list[list[str]] = []

    def add(code, name_th, name_en, kind, parent="", province="", site="", sector="", collector="", coords=False):
        lat = lon = ""
        if coords:
            lat, lon = f"{rng.uniform(5.7, 20.4):.6f}", f"{rng.uniform(97.4, 105.6):.6f}"
        rows.append([code, name_th, name_en, kind, parent, province, site, sector, collector, lat, lon])

    add("OPDC", "สำนักงานคณะกรรมการพัฒนาระบบราชการ", "Office of the Public Sector Development Commission",
        "department", "PMO", "10", "ถนนพิษณุโลก เขตดุสิต", collector="national", coords=True)
    for code, th, en in MINISTRIES:
        add(code, th, en, "ministry", province="10", site="กรุงเทพมหานคร")
        for d in range(1, 9):
            add(f"{code}-D{d:02d}", f"กรม{place_name(rng)} {th.removeprefix('กระทรวง')}", f"Department {d} of {en}",
                "department", code, "10")
    add("DOPA", "กรมการปกครอง", "Department of Provincial Administration", "department", "MOI", "10")
    for i in range(40):
        add(f"SE{i:03d}", f"การ{place_name(rng)}แห่งประเทศไทย", f"State enterprise {i}", "state_enterprise", "", "10",
            sector=rng.choice(["energy", "water", "telecom", "transport", "", "", ""]))
    for i in range(40):
        add(f"PUB{i:03d}", f"สำนักงาน{place_name(rng)} (องค์การมหาชน)", f"Public organisation {i}", "public_org",
            rng.choice(MINISTRIES)[0], "10")
    add("BMA", "กรุงเทพมหานคร", "Bangkok Metropolitan Administration", "bma", "", "10", "ศาลาว่าการกรุงเทพมหานคร")
    add("BMA-DPM", "สำนักป้องกันและบรรเทาสาธารณภัย", "Fire and Rescue Department", "bma_unit", "BMA", "10",
        collector="bma")
    for d in range(1, 51):
        add(f"BMA-D{d:02d}", f"สำนักงานเขต{place_name(rng)}", f"District office {d}", "bma_unit", "BMA", "10")
    add("PATTAYA", "เมืองพัทยา", "Pattaya City", "pattaya", "", "20")
    for pcode, pth, pen in provinces:
        if pcode == "10":
            continue
        add(f"PO{pcode}", f"สำนักงานจังหวัด{pth}", f"{pen} Provincial Office", "provincial_office", "DOPA", pcode,
            f"ศาลากลางจังหวัด{pth}", coords=True)
        add(f"PAO{pcode}", f"องค์การบริหารส่วนจังหวัด{pth}", f"{pen} PAO", "pao", "", pcode)
        for ucode, uth, uen in UNIT_NAMES:
            add(f"PU{pcode}-{ucode}", f"{uth}{pth}", f"{pen} {uen}", "provincial_unit", "", pcode)
        for c in range(3):
            ministry = rng.choice(MINISTRIES)[0]
            add(f"CU{pcode}-{c}", f"ศูนย์{place_name(rng)}เขต{pth}", f"Central unit {c} in {pen}", "central_unit",
                f"{ministry}-D{rng.randint(1, 8):02d}", pcode)
        add(f"HOSP{pcode}", f"โรงพยาบาล{pth}", f"{pen} Hospital", "hospital", f"PU{pcode}-HEALTH", pcode, coords=True)
    # Local administrative organisations fill the rest, in the 2020 proportions
    # (30 city : 190 town : 2,242 subdistrict municipalities : 5,312 SAO).
    mix = ["city_municipality"] * 30 + ["town_municipality"] * 190 + ["subdistrict_municipality"] * 2242 + ["sao"] * 5312
    prefix = {"city_municipality": "เทศบาลนคร", "town_municipality": "เทศบาลเมือง",
              "subdistrict_municipality": "เทศบาลตำบล", "sao": "องค์การบริหารส่วนตำบล"}
    local = [p for p in provinces if p[0] != "10"]
    i = 0
    while len(rows) < n:
        kind = rng.choice(mix)
        pcode, _pth, pen = rng.choice(local)
        name = place_name(rng)
        add(f"LAO{pcode}-{i:05d}", f"{prefix[kind]}{name}", f"{name} {kind.replace('_', ' ')} ({pen})", kind, "", pcode,
            coords=rng.random() < 0.2)
        i += 1
    return rows[:n]


def to_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def setup_django(tmp: str) -> None:
    """A fresh SQLite database in `tmp`, migrated."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ["PHROM_DATA_DIR"] = tmp
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phrom.settings")
    os.environ.setdefault("SECRET_KEY", "bench-throwaway-key-nothing-is-served")  # settings refuse to start without one
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp)
        from phrom.orgs.importer import import_organisations
        from phrom.orgs.models import Organisation, RouteEntry

        rows = generate_rows(args.rows)
        data = to_csv(rows)
        print(f"file: {len(rows):,} rows, {len(data) / 1e6:.1f} MB")

        def timed(label, payload):
            t0, c0 = time.perf_counter(), time.process_time()
            report = import_organisations(payload, "orgs.csv")
            took, cpu = time.perf_counter() - t0, time.process_time() - c0
            assert report.ok, report.errors[:5]
            print(f"{label:<30} {took:6.2f} s (CPU {cpu:5.2f} s)   created {report.created:>6,}  "
                  f"updated {report.updated:>6,}  unchanged {report.unchanged:>6,}")
            return took

        first = timed("first import", data)
        print(f"  organisations {Organisation.objects.count():,}, route entries {RouteEntry.objects.count():,}")
        timed("re-import (no change)", data)
        changed = [r[:1] + [r[1] + " (ปรับปรุง)"] + r[2:] if i % 10 == 0 else r for i, r in enumerate(rows)]
        timed("re-import, 1 row in 10 changed", to_csv(changed))
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} (2 cores)")
        print(f"target: first import < 10 s: {'met' if first < 10 else 'MISSED'}")


if __name__ == "__main__":
    main()
