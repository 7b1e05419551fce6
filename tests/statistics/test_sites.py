"""Shared sites: three Rayong agencies plan to move into the provincial hall's meeting room, each
writing it differently; a sensitive plan's site is never read outside its agency."""

import pytest
from rest_framework.test import APIClient

from phrom.statistics.sites import places, site_key
from tests.helpers.campaigns import open_campaign, send
from tests.helpers.plans import document, make_plan

pytestmark = pytest.mark.django_db

HALL = ("ย้ายไปปฏิบัติงานที่ห้องประชุมศาลากลางจังหวัดระยอง ชั้น 2",
        "ใช้ห้องประชุม ศาลากลาง จ.ระยอง เป็นสถานที่ปฏิบัติงานสำรอง",
        "ปฏิบัติงานชั่วคราวที่ห้องประชุมศาลากลาง จ. ระยอง")


@pytest.mark.parametrize("text, expected", [
    (HALL[0], ["ห้องประชุมศาลากลางจังหวัดระยอง ชั้น 2"]),
    (HALL[1], ["ห้องประชุม ศาลากลาง จ.ระยอง"]),
    ("ทำงานที่บ้านผ่านระบบออนไลน์", []),
    ("ย้ายไปสำนักงานเขตบางกะปิ, ใช้ห้อง 301", ["สำนักงานเขตบางกะปิ", "ห้อง 301"]),
])
def test_places_named_in_thai_text(text, expected):
    assert places(text) == expected


def test_one_site_however_it_is_written():
    assert len({site_key(p) for text in HALL[1:] for p in places(text)}) == 1


@pytest.fixture
def rayong(structure, people):
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    for org, text in zip((structure.rayong_unit, structure.rayong_office, structure.municipality), HALL[1:] + ("ย้ายไปหอประชุมเทศบาล",),
                         strict=True):
        doc = document()
        doc["strategies"][0]["strategy"] = text
        send(campaign, org, people, make_plan(org, people.coordinator(org), strategies=doc["strategies"]))
    # Sent, then classified security-sensitive: from then on its content is read by nobody outside.
    doc = document()
    doc["strategies"][0]["strategy"] = HALL[0]
    later_secret = make_plan(structure.central_unit, people.coordinator(structure.central_unit), strategies=doc["strategies"])
    send(campaign, structure.central_unit, people, later_secret)
    type(later_secret).objects.filter(pk=later_secret.pk).update(classification="sensitive")
    return structure


def test_opdc_sees_the_hall_counted_on_twice_and_never_the_sensitive_plan(client, rayong, people):
    api = APIClient()
    api.force_authenticate(people.opdc_coordinator)
    body = api.get("/api/v1/statistics/sites/", {"fiscal_year": 2570, "province": "21"}).json()
    assert body["plans"] == 3
    assert [(s["name"], s["agencies"]) for s in body["shared"]] == [("ห้องประชุมศาลากลาง จ. ระยอง", ["PO21", "PU21-HEALTH"])]
    by_code = {a["code"]: a for a in body["agencies"]}
    assert by_code["TM21-001"]["sites"] == ["หอประชุมเทศบาล"]
    assert "CU21-DMS" not in by_code
    assert by_code["PU21-HEALTH"]["scarce"] == ["คอมพิวเตอร์พกพา"]
    client.force_login(people.opdc_coordinator)
    page = client.get("/statistics/sites/", {"fiscal_year": 2570, "province": "21"}, HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert "2 หน่วยงานใช้สถานที่นี้" in page and "ชั้น 2" not in page


def test_another_province_sees_none_of_it(rayong, people):
    api = APIClient()
    api.force_authenticate(people.coordinator(rayong.chonburi_office))
    body = api.get("/api/v1/statistics/sites/", {"fiscal_year": 2570}).json()
    assert body["shared"] == [] and body["agencies"] == []
