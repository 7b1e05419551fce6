"""Benchmark: saving one component of a large plan through the API, server side. Target: p95 under 150 ms.

    .venv/bin/python bench/plan_save_component.py [--rounds 30]

Creates, in a temporary SQLite database, a plan of 200 processes, 500 team members and 1,000
procedure steps (bench/plan_checker.py), then saves components the way the editor does: PUT
/api/v1/plans/<id>/components/<name>/ with the revision it loaded and one field changed, through
Django's test Client (the whole server side: middleware, authentication, access check, validation,
write, version and audit rows). Prints p50/p95/max per component and over all saves.
"""

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from plan_checker import large_plan_document, percentiles, setup_django  # noqa: E402


def edit(component: str, data, n: int):
    """One small change, as an author makes it between two saves."""
    if component == "header":
        data["title"] = f"แผนบริหารความพร้อมต่อสภาวะวิกฤต ฉบับทบทวนครั้งที่ {n}"
    elif component == "scope":
        data["objectives"] = f"ให้ภารกิจหลักดำเนินต่อได้ (ปรับปรุงครั้งที่ {n})"
    elif component == "team":
        data[n % len(data)]["phone"] = f"08{10000000 + n}"
    elif component == "processes":
        data[n % len(data)]["rto_hours"] = 1 + n % 4
    elif component == "procedures":
        data[n % len(data)]["activity"] = f"ดำเนินการตามขั้นตอนที่ปรับปรุงครั้งที่ {n}"
    elif component == "call_tree":
        data[1 + n % (len(data) - 1)]["channel"] = ["phone", "line", "sms"][n % 3]
    elif component == "strategies":
        data[0]["strategy"] = f"ใช้สถานที่ปฏิบัติงานสำรอง แผนที่ {n}"
    elif component == "resources":
        data[n % len(data)]["quantities"]["1d"] = n % 9 + 1
    return data


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp, migrate=True)
        from django.contrib.auth import get_user_model
        from django.test import Client

        from phrom.accounts.models import Membership
        from phrom.orgs.models import Organisation
        from phrom.plans.services import create_plan

        org = Organisation.objects.create(code="BENCH", name_th="กรมทดสอบสมรรถนะ", kind_id="department")
        user = get_user_model().objects.create_user("bench", password="Bench-password-1")
        Membership.objects.create(user=user, organisation=org, role="coordinator")
        start = time.perf_counter()
        plan = create_plan(org, user=user, template=large_plan_document(), fiscal_year=2570)
        print(f"plan created from the large document in {(time.perf_counter() - start) * 1000:.0f} ms")
        client = Client()
        client.force_login(user)
        components = ["header", "scope", "strategies", "team", "processes", "resources", "procedures", "call_tree"]
        all_samples = []
        for component in components:
            url = f"/api/v1/plans/{plan.pk}/components/{component}/"
            loaded = client.get(url).json()
            revision, data = loaded["revision"], loaded["data"]
            samples = []
            for n in range(args.rounds + 2):
                body = json.dumps({"revision": revision, "data": edit(component, data, n)})
                t0 = time.perf_counter()
                response = client.put(url, body, content_type="application/json")
                elapsed = (time.perf_counter() - t0) * 1000
                assert response.status_code == 200, response.content[:500]
                revision = response.json()["revision"]
                if n >= 2:  # the first saves warm caches
                    samples.append(elapsed)
            all_samples += samples
            p50, p95, worst = percentiles(samples)
            print(f"{component:<11} ({len(data):>4} rows)  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  max {worst:6.1f} ms")
        p50, p95, worst = percentiles(all_samples)
        print(f"all saves: p50 {p50:.1f} ms  p95 {p95:.1f} ms  max {worst:.1f} ms  (target p95 < 150 ms)")


if __name__ == "__main__":
    main()
