"""Creating plans: from a starter template, as a copy of last year's plan, empty; attaching the original."""

import copy
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from phrom.plans.content import export_document
from phrom.plans.models import Plan, PlanAudit, PlanVersion
from phrom.plans.services import (
    PlanCreationError,
    attach_file,
    create_plan,
    detach_file,
    latest_plan,
    starter_template,
    starter_templates,
)
from tests.helpers.plans import FULL


@pytest.fixture
def template_dir(tmp_path, settings):
    doc = copy.deepcopy(FULL)
    doc["template"] = {"code": "provincial_unit", "name_th": "แม่แบบส่วนราชการส่วนภูมิภาค",
                       "name_en": "Provincial unit", "kinds": ["provincial_unit", "provincial_office"]}
    (tmp_path / "provincial_unit.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    other = {"template": {"code": "empty_sao", "name_th": "แม่แบบ อบต.", "name_en": "SAO", "kinds": ["sao"]},
             "title": "แผน", "scope": {"objectives": "ให้บริการประชาชนต่อเนื่อง", "scenarios": [{"code": "flood"}]}}
    (tmp_path / "sao.json").write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    settings.PLAN_STARTER_TEMPLATES_DIR = str(tmp_path)
    return tmp_path


def test_starter_templates_are_read_from_the_folder(template_dir):
    templates = starter_templates()
    assert [t.code for t in templates] == ["empty_sao", "provincial_unit"]
    t = starter_template("provincial_unit")
    assert t.fits("provincial_office") and not t.fits("sao")
    assert "template" not in t.document


def test_a_file_without_metadata_is_an_error(tmp_path):
    (tmp_path / "broken.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError):
        starter_templates(tmp_path)


def test_create_from_a_template(structure, coordinator, template_dir):
    plan = create_plan(structure.rayong_unit, user=coordinator, template="provincial_unit", fiscal_year=2570)
    doc = export_document(plan)
    assert doc["processes"] == FULL["processes"] and doc["call_tree"] == FULL["call_tree"]
    assert doc["title"].endswith("ประจำปีงบประมาณ พ.ศ. 2570") and "สำนักงานสาธารณสุขจังหวัดระยอง" in doc["title"]
    assert doc["reviewed_on"] is None  # the template's dates are not the agency's
    assert plan.status == "draft" and plan.revision == 1
    assert PlanVersion.objects.filter(plan=plan, number=1).count() == 9
    assert PlanAudit.objects.filter(plan=plan, action="create").get().detail["template"] == "provincial_unit"


def test_create_from_a_partial_template(structure, coordinator, template_dir):
    plan = create_plan(structure.municipality, user=coordinator, template="empty_sao", fiscal_year=2570,
                       classification="sensitive")
    doc = export_document(plan)
    assert doc["scope"]["scenarios"] == [{"code": "flood", "note": ""}]
    assert doc["team"] == [] and plan.is_sensitive


def test_unknown_template(structure, coordinator, template_dir):
    with pytest.raises(PlanCreationError):
        create_plan(structure.rayong_unit, user=coordinator, template="nope")


def test_copy_last_years_plan(plan, coordinator, structure):
    copy_ = create_plan(structure.rayong_unit, user=coordinator, copy_from=plan, fiscal_year=2570)
    old, new = export_document(plan), export_document(copy_)
    assert {k: v for k, v in new.items() if k != "title"} == {k: v for k, v in old.items() if k != "title"}
    assert "2570" in new["title"]
    assert latest_plan(structure.rayong_unit) == copy_
    assert PlanAudit.objects.filter(plan=copy_, action="create").get().detail["copied_from"] == plan.pk


def test_only_own_plans_can_be_copied(plan, structure):
    from tests.helpers.people import member

    other = member(structure.municipality)
    with pytest.raises(PlanCreationError):
        create_plan(structure.municipality, user=other, copy_from=plan)


def test_one_plan_per_fiscal_year(plan, coordinator, structure):
    with pytest.raises(PlanCreationError) as e:
        create_plan(structure.rayong_unit, user=coordinator, fiscal_year=2569)
    assert "2569" in e.value.message_th
    assert Plan.objects.filter(organisation=structure.rayong_unit).count() == 1


def test_empty_plan_defaults_to_the_current_fiscal_year(structure, coordinator):
    from phrom.core.thaidates import fiscal_year
    from phrom.plans.content import bangkok_today

    plan = create_plan(structure.rayong_unit, user=coordinator)
    assert plan.fiscal_year == fiscal_year(bangkok_today())
    assert export_document(plan)["team"] == []


def test_broken_template_creates_nothing(structure, coordinator):
    from phrom.plans.content import PlanValidationError

    bad = copy.deepcopy(FULL)
    bad["processes"][0]["rto_hours"] = -1
    with pytest.raises(PlanValidationError):
        create_plan(structure.rayong_unit, user=coordinator, template=bad)
    assert not Plan.objects.exists()


def test_attach_and_detach_the_original(plan, coordinator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    attach_file(plan, SimpleUploadedFile("แผน BCP 2569.pdf", b"%PDF-1.4 test"), user=coordinator)
    plan.refresh_from_db()
    assert plan.attachment.name.startswith("plans/PU21-HEALTH/2569/") and plan.attachment.read() == b"%PDF-1.4 test"
    detach_file(plan, user=coordinator)
    plan.refresh_from_db()
    assert not plan.attachment
    assert list(PlanAudit.objects.filter(plan=plan, action__in=["attach", "detach"]).values_list("action", flat=True)
                .order_by("id")) == ["attach", "detach"]


@pytest.mark.parametrize("name,size", [("plan.exe", 10), ("plan.pdf", 21 * 1024 * 1024)])
def test_attachment_type_and_size_are_checked(plan, coordinator, settings, tmp_path, name, size):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError):
        attach_file(plan, SimpleUploadedFile(name, b"x" * size), user=coordinator)


def test_every_shipped_starter_template_makes_a_valid_plan(structure, coordinator):
    from phrom.plans.services import TEMPLATE_DIR

    templates = starter_templates(TEMPLATE_DIR)
    for year, template in enumerate(templates, start=2570):
        plan = create_plan(structure.rayong_unit, user=coordinator, template=template, fiscal_year=year)
        doc = export_document(plan)
        assert doc["processes"] == template.document.get("processes", [])
