"""The catalogue is data administrators extend; plans and their trail are read-only in the admin."""

from django.test import Client

from phrom.plans.models import Scenario


def test_administrator_adds_a_scenario(admin_user):
    c = Client()
    c.force_login(admin_user)
    assert c.get("/admin/plans/scenario/").status_code == 200
    r = c.post("/admin/plans/scenario/add/", {"code": "landslide", "name_th": "ดินโคลนถล่ม", "name_en": "Landslide",
                                               "lead_office_th": "กรมทรัพยากรธรณี", "lead_office_en": "", "sort": 200})
    assert r.status_code == 302
    assert Scenario.objects.get(code="landslide").is_builtin is False


def test_plans_and_audit_are_read_only(admin_user, plan):
    c = Client()
    c.force_login(admin_user)
    assert c.get("/admin/plans/plan/").status_code == 200
    assert c.get("/admin/plans/planaudit/").status_code == 200
    assert c.get("/admin/plans/plan/add/").status_code == 403
    assert c.post(f"/admin/plans/planaudit/{plan.audit.first().pk}/delete/", {"post": "yes"}).status_code == 403
