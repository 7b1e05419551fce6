"""The plans API: components with the concurrency check, versions, findings, and who may see what."""

import copy
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from phrom.accounts.models import Membership
from phrom.plans.models import Plan
from tests.helpers.people import member
from tests.helpers.plans import FULL

R = Membership.Role


def client_for(user) -> APIClient:
    c = APIClient()
    c.force_authenticate(user)
    return c


@pytest.fixture
def api(coordinator):
    return client_for(coordinator)


def url(plan, tail=""):
    return f"/api/v1/plans/{plan.pk}/{tail}"


def put_json(c, path, body, **headers):
    return c.put(path, json.dumps(body), content_type="application/json", **headers)


# ------------------------------------------------------------------ components and concurrency


def test_get_component_with_revision_and_etag(api, plan):
    r = api.get(url(plan, "components/team/"))
    assert r.status_code == 200
    assert r.json()["revision"] == 1 and r.json()["data"] == FULL["team"]
    assert r["ETag"] == '"1"'


def test_put_component_saves_and_bumps_the_revision(api, plan):
    team = copy.deepcopy(FULL["team"])
    team[0]["phone"] = "02-222-3333"
    r = put_json(api, url(plan, "components/team/"), {"revision": 1, "data": team})
    assert r.status_code == 200, r.json()
    body = r.json()
    assert body["revision"] == 2 and body["changed"] and body["version"] == 2
    assert body["data"][0]["phone"] == "02-222-3333"
    assert api.get(url(plan, "components/team/")).json()["revision"] == 2


def test_put_with_if_match(api, plan):
    r = put_json(api, url(plan, "components/strategies/"), {"data": FULL["strategies"][:1]}, HTTP_IF_MATCH='"1"')
    assert r.status_code == 200 and r.json()["revision"] == 2


def test_stale_put_is_refused_with_409(api, plan, structure):
    other = client_for(member(structure.rayong_unit))
    processes = copy.deepcopy(FULL["processes"])
    processes[0]["rto_hours"] = 2
    assert put_json(other, url(plan, "components/processes/"), {"revision": 1, "data": processes}).status_code == 200
    mine = copy.deepcopy(FULL["processes"])
    mine[1]["name"] = "ชื่อใหม่"
    r = put_json(api, url(plan, "components/processes/"), {"revision": 1, "data": mine})
    assert r.status_code == 409
    error = r.json()["error"]
    assert error["code"] == "stale_component"
    assert error["component"] == "processes" and error["expected_revision"] == 1 and error["current_revision"] == 2
    assert error["message_th"] and error["message_en"] and error["message"] == error["message_th"]
    assert api.get(url(plan, "components/processes/")).json()["data"][0]["rto_hours"] == 2


def test_put_without_revision_is_428(api, plan):
    r = put_json(api, url(plan, "components/team/"), {"data": FULL["team"]})
    assert r.status_code == 428 and r.json()["error"]["code"] == "revision_required"


def test_invalid_put_gives_messages_per_path(api, plan):
    processes = copy.deepcopy(FULL["processes"])
    processes[1]["rto_hours"] = -5
    r = put_json(api, url(plan, "components/processes/"), {"revision": 1, "data": processes})
    assert r.status_code == 400
    error = r.json()["error"]
    assert error["code"] == "invalid"
    assert list(error["fields"]) == ["processes[1].rto_hours"]
    assert error["fields"]["processes[1].rto_hours"][0] == "ระยะเวลาต้องเป็นตัวเลขที่มากกว่าศูนย์"
    assert error["errors"][0]["message_en"] == "A duration must be a positive number."


def test_english_messages_on_request(api, plan):
    processes = copy.deepcopy(FULL["processes"])
    processes[1]["rto_hours"] = -5
    r = put_json(api, url(plan, "components/processes/"), {"revision": 1, "data": processes},
                 HTTP_ACCEPT_LANGUAGE="en")
    assert r.json()["error"]["fields"]["processes[1].rto_hours"] == ["A duration must be a positive number."]


def test_unknown_component_is_404(api, plan):
    assert api.get(url(plan, "components/budget/")).status_code == 404


def test_header_is_a_component_too(api, plan):
    header = {"title": "แผนฉบับทบทวน", "classification": "normal", "reviewed_on": "2025-12-01", "exercised_on": None}
    r = put_json(api, url(plan, "components/header/"), {"revision": 1, "data": header})
    assert r.status_code == 200
    assert api.get(url(plan)).json()["title"] == "แผนฉบับทบทวน"


# ------------------------------------------------------------------ versions, diff, findings, checklist


def test_versions_documents_and_diff(api, plan):
    team = copy.deepcopy(FULL["team"])
    team[1]["line_id"] = "somying.r"
    put_json(api, url(plan, "components/team/"), {"revision": 1, "data": team, "summary": "แก้ไลน์ไอดี"})
    versions = api.get(url(plan, "versions/")).json()
    assert [v["number"] for v in versions] == [2, 1]
    assert versions[0]["components"] == {"team": {"added": 0, "removed": 0, "changed": 1}}
    assert versions[0]["summary"] == "แก้ไลน์ไอดี" and versions[0]["author"]
    assert api.get(url(plan, "versions/1/")).json()["team"][1]["line_id"] == "somying"
    assert api.get(url(plan, "versions/2/")).json()["team"][1]["line_id"] == "somying.r"
    assert api.get(url(plan, "versions/3/")).status_code == 404
    diff = api.get(url(plan, "diff/?from=1&to=2")).json()
    assert diff["components"]["team"]["changed"][0]["key"] == "m2"
    assert api.get(url(plan, "diff/")).status_code == 400  # `from` is required (the OpenAPI document says so)


def test_document_endpoint(api, plan):
    doc = api.get(url(plan, "document/")).json()
    assert doc["format"] == "phrom-plan/1" and doc["processes"] == FULL["processes"]


def test_findings_and_score(api, plan):
    body = api.get(url(plan, "findings/")).json()
    assert body["version"] == 1 and 0 <= body["score"] <= 100
    codes = {f["code"] for f in body["findings"]}
    assert "not_reviewed_12_months" in codes
    f = body["findings"][0]
    assert {"code", "severity", "component", "path", "anchor", "message_th", "message_en"} <= set(f)
    processes = copy.deepcopy(FULL["processes"])
    processes[0]["rto_hours"] = None
    put_json(api, url(plan, "components/processes/"), {"revision": 1, "data": processes})
    after = api.get(url(plan, "findings/")).json()
    assert "process_without_rto" in {f["code"] for f in after["findings"]}
    assert after["score"] < body["score"]
    assert api.get(url(plan, "findings/?version=1")).json()["score"] == body["score"]


def test_checklist_get_and_answer(api, plan):
    body = api.get(url(plan, "checklist/")).json()
    items = {i["code"]: i for i in body["items"]}
    assert items["call_tree"]["source"] == "plan" and items["call_tree"]["answer"] == "yes"
    r = put_json(api, url(plan, "checklist/"), {"answers": [{"item": "budget", "answer": "no", "note": "รอจัดสรร"}]})
    assert r.status_code == 200
    assert {i["code"]: i for i in r.json()["items"]}["budget"]["answer"] == "no"
    bad = put_json(api, url(plan, "checklist/"), {"answers": [{"item": "call_tree", "answer": "no"}]})
    assert bad.status_code == 400


def test_strategy_map(api, plan):
    rows = api.get(url(plan, "strategy-map/")).json()
    assert {r["scenario"] for r in rows} == {"epidemic", "flood", "cyber", "custom-1"}


def test_audit_trail(api, plan):
    rows = api.get(url(plan, "audit/")).json()["results"]
    assert {r["action"] for r in rows} >= {"create", "save"}


def test_templates_and_scenarios(api, settings, tmp_path):
    doc = {**copy.deepcopy(FULL), "template": {"code": "t1", "name_th": "แม่แบบทดสอบ", "name_en": "Test", "kinds": ["sao"]}}
    (tmp_path / "t1.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    settings.PLAN_STARTER_TEMPLATES_DIR = str(tmp_path)
    assert api.get("/api/v1/plan-templates/").json() == [
        {"code": "t1", "name_th": "แม่แบบทดสอบ", "name_en": "Test", "description_th": "", "description_en": "",
         "kinds": ["sao"]}
    ]
    assert api.get("/api/v1/plan-templates/?kind=department").json() == []
    scenarios = api.get("/api/v1/scenarios/").json()
    assert scenarios[0]["code"] == "epidemic" and len(scenarios) >= 12


def test_create_a_plan_from_a_template(structure, settings, tmp_path):
    doc = {**copy.deepcopy(FULL), "template": {"code": "t1", "name_th": "แม่แบบ", "name_en": "", "kinds": []}}
    (tmp_path / "t1.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    settings.PLAN_STARTER_TEMPLATES_DIR = str(tmp_path)
    c = client_for(member(structure.municipality))
    r = c.post("/api/v1/plans/", {"organisation": "TM21-001", "template": "t1", "fiscal_year": 2570}, format="json")
    assert r.status_code == 201, r.json()
    assert r.json()["fiscal_year"] == 2570 and r.json()["status"] == "draft"
    again = c.post("/api/v1/plans/", {"organisation": "TM21-001", "fiscal_year": 2570}, format="json")
    assert again.status_code == 400 and again.json()["error"]["code"] == "cannot_create"


def test_copy_through_the_api(api, plan):
    r = api.post("/api/v1/plans/", {"organisation": "PU21-HEALTH", "copy_from": plan.pk, "fiscal_year": 2570},
                 format="json")
    assert r.status_code == 201
    new = Plan.objects.get(pk=r.json()["id"])
    assert api.get(url(new, "document/")).json()["team"] == FULL["team"]


def test_attachment_upload_and_download(api, plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    r = api.put(url(plan, "attachment/"), {"file": SimpleUploadedFile("plan.pdf", b"%PDF-1.4 x")}, format="multipart")
    assert r.status_code == 200 and r.json()["attachment"].endswith(f"/api/v1/plans/{plan.pk}/attachment/")
    got = api.get(url(plan, "attachment/"))
    assert got.status_code == 200 and b"".join(got.streaming_content) == b"%PDF-1.4 x"
    bad = api.put(url(plan, "attachment/"), {"file": SimpleUploadedFile("plan.exe", b"MZ")}, format="multipart")
    assert bad.status_code == 400
    assert api.delete(url(plan, "attachment/")).status_code == 204


def test_openapi_documents_the_plan_endpoints(api):
    schema = api.get("/api/v1/openapi.json?format=json")
    assert schema.status_code == 200
    paths = json.loads(schema.content)["paths"]
    for p in ["/api/v1/plans/", "/api/v1/plans/{id}/components/{component}/", "/api/v1/plans/{id}/findings/",
              "/api/v1/plans/{id}/diff/", "/api/v1/plans/{id}/versions/", "/api/v1/plan-templates/"]:
        assert p in paths


# ------------------------------------------------------------------ permissions


def test_other_agency_cannot_read_or_write(plan, structure):
    c = client_for(member(structure.municipality))
    for tail in ["", "document/", "components/team/", "versions/", "findings/", "checklist/", "audit/", "diff/?from=1"]:
        assert c.get(url(plan, tail)).status_code == 403, tail
    assert put_json(c, url(plan, "components/team/"), {"revision": 1, "data": []}).status_code == 403
    assert c.get("/api/v1/plans/").json()["results"] == []
    assert c.get("/api/v1/plans/999999/").status_code == 404


def test_collector_cannot_read_drafts(plan, structure):
    c = client_for(member(structure.rayong_office))
    assert c.get(url(plan)).status_code == 403
    assert c.get(url(plan, "components/processes/")).status_code == 403
    assert c.get("/api/v1/plans/").json()["results"] == []


def test_collector_lists_a_submitted_plan_but_reads_it_only_as_sent(plan, structure):
    """The live plan (with the agency's unsent edits) stays in the agency; collectors read the
    submitted version through the campaign's submission, where the read is logged."""
    Plan.objects.filter(pk=plan.pk).update(status="submitted")
    c = client_for(member(structure.rayong_office))
    assert c.get(url(plan, "components/processes/")).status_code == 403
    assert c.get(url(plan, "findings/")).status_code == 403
    assert c.get(url(plan, "audit/")).status_code == 403
    assert put_json(c, url(plan, "components/team/"), {"revision": 1, "data": []}).status_code == 403
    assert [p["id"] for p in c.get("/api/v1/plans/").json()["results"]] == [plan.pk]


def test_sensitive_plan_content_does_not_leave_the_agency(plan, structure, opdc_user):
    Plan.objects.filter(pk=plan.pk).update(status="submitted", classification="sensitive")
    for user in (member(structure.rayong_office), opdc_user):
        c = client_for(user)
        listed = c.get("/api/v1/plans/").json()["results"]
        assert len(listed) == 1
        row = listed[0]
        assert row["title"] == plan.title and row["content_readable"] is False
        assert row["reviewed_on"] is None and row["revision"] is None and row["attachment"] is None
        for tail in ["", "document/", "components/team/", "versions/1/", "findings/", "strategy-map/", "attachment/"]:
            assert c.get(url(plan, tail)).status_code == 403, tail
    own = client_for(member(structure.rayong_unit, R.VIEWER))
    assert own.get(url(plan, "components/team/")).status_code == 200
    assert own.get("/api/v1/plans/").json()["results"][0]["content_readable"] is True


def test_viewers_and_approvers_do_not_edit(plan, structure):
    for role in (R.VIEWER, R.APPROVER):
        c = client_for(member(structure.rayong_unit, role))
        assert c.get(url(plan, "components/team/")).status_code == 200
        assert put_json(c, url(plan, "components/team/"), {"revision": 1, "data": []}).status_code == 403
        assert put_json(c, url(plan, "checklist/"), {"answers": []}).status_code == 403
        assert c.post("/api/v1/plans/", {"organisation": "PU21-HEALTH", "fiscal_year": 2571},
                      format="json").status_code == 403


def test_cannot_create_for_another_agency(api, structure):
    r = api.post("/api/v1/plans/", {"organisation": "TM21-001", "fiscal_year": 2570}, format="json")
    assert r.status_code == 403


def test_cannot_copy_a_plan_one_cannot_read(plan, structure):
    c = client_for(member(structure.municipality))
    r = c.post("/api/v1/plans/", {"organisation": "TM21-001", "copy_from": plan.pk}, format="json")
    assert r.status_code == 403


def test_anonymous_is_refused(plan):
    assert APIClient().get(url(plan)).status_code in (401, 403)
