"""Plan services: create a plan (empty, from a starter template, or as a copy), attach the original file,
change its status.

Starter templates are `phrom-plan/1` documents in phrom/plans/starter_templates/*.json with an
extra top-level "template": {"code", "name_th", "name_en", "kinds": [...]}.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import get_language, gettext_noop

from phrom.core.errors import PhromError
from phrom.core.thaidates import fiscal_year as fiscal_year_of
from phrom.orgs.models import Organisation

from .attachments import check_content
from .codes import Classification, Status
from .content import (
    apply_document,
    bangkok_today,
    clean_document,
    copy_state,
    empty_document,
    export_document,
)
from .models import Plan, PlanAudit

TEMPLATE_DIR = Path(__file__).resolve().parent / "starter_templates"


@dataclass(frozen=True)
class StarterTemplate:
    code: str
    name_th: str
    name_en: str
    kinds: tuple[str, ...]
    document: dict
    path: str
    description_th: str = ""
    description_en: str = ""

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name_th

    def fits(self, kind_code: str) -> bool:
        return not self.kinds or kind_code in self.kinds


def starter_templates(directory: Path | None = None) -> list[StarterTemplate]:
    """Every starter template in the folder, by code. A file that is not a template is an error.

    The folder is phrom/plans/starter_templates unless settings.PLAN_STARTER_TEMPLATES_DIR names another.
    """
    folder = Path(directory or getattr(settings, "PLAN_STARTER_TEMPLATES_DIR", None) or TEMPLATE_DIR)
    out = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        with path.open(encoding="utf-8") as f:
            raw = json.load(f)
        meta = raw.get("template")
        if not isinstance(meta, dict) or not meta.get("code"):
            raise ValueError(f"{path.name}: no \"template\" metadata with a code")
        document = {k: v for k, v in raw.items() if k != "template"}
        out.append(StarterTemplate(
            code=meta["code"], name_th=meta.get("name_th", ""), name_en=meta.get("name_en", ""),
            kinds=tuple(meta.get("kinds") or ()), document=document, path=str(path),
            description_th=meta.get("description_th", ""), description_en=meta.get("description_en", ""),
        ))
    return sorted(out, key=lambda t: t.code)


def starter_template(code: str, directory: Path | None = None) -> StarterTemplate:
    for t in starter_templates(directory):
        if t.code == code:
            return t
    raise KeyError(code)


class PlanCreationError(PhromError):
    def __init__(self, msgid: str, *, field: str | None = None, **params):
        super().__init__("cannot_create", msgid, field=field, **params)


def default_title(org: Organisation, fiscal_year: int) -> str:
    return f"แผนบริหารความพร้อมต่อสภาวะวิกฤต (Business Continuity Plan: BCP) ของ{org.name_th} ประจำปีงบประมาณ พ.ศ. {fiscal_year}"


def create_plan(org: Organisation, *, user, template: StarterTemplate | str | dict | None = None,
                copy_from: Plan | None = None, fiscal_year: int | None = None, classification: str | None = None,
                title: str | None = None, ip=None) -> Plan:
    """A new draft plan for `org`: empty, from a starter template, or a copy of an earlier plan.

    The content becomes version 1 (every component recorded), and the audit trail says where it
    came from. One plan per organisation and fiscal year.
    """
    if template is not None and copy_from is not None:
        raise PlanCreationError(gettext_noop("Start either from a template or from an earlier plan, not both."))
    fiscal_year = fiscal_year or fiscal_year_of(bangkok_today())
    source: dict
    origin: dict
    if copy_from is not None:
        if copy_from.organisation_id != org.pk:
            raise PlanCreationError(gettext_noop("Only a plan of the same organisation can be copied."))
        source = export_document(copy_from)
        origin = {"copied_from": copy_from.pk, "copied_from_fiscal_year": copy_from.fiscal_year}
    elif template is not None:
        if isinstance(template, str):
            try:
                template = starter_template(template)
            except KeyError:
                raise PlanCreationError(gettext_noop("There is no starter template {code}."), code=template) from None
        if isinstance(template, StarterTemplate):
            origin = {"template": template.code}
            source = copy.deepcopy(template.document)
        else:
            origin = {"template": (template.get("template") or {}).get("code", "")}
            source = {k: v for k, v in copy.deepcopy(template).items() if k != "template"}
    else:
        source, origin = empty_document(), {}
    source["title"] = title or default_title(org, fiscal_year)
    if classification:
        source["classification"] = classification
    source.setdefault("classification", Classification.NORMAL.value)
    if copy_from is None:
        # A template's dates are not this agency's.
        source["reviewed_on"] = source["exercised_on"] = None
    cleaned = clean_document(source)  # refuse a broken template before creating anything
    try:
        with transaction.atomic():
            plan = Plan.objects.create(
                organisation=org, title=source["title"][:500], fiscal_year=fiscal_year,
                classification=source["classification"], created_by=_user(user), updated_by=_user(user),
            )
            PlanAudit.objects.create(
                plan=plan, user=_user(user), username=_user(user).get_username() if _user(user) else "",
                ip=ip, action=PlanAudit.Action.CREATE, detail={"fiscal_year": fiscal_year, **origin},
            )
            apply_document(plan, cleaned, user=user, ip=ip, action=PlanAudit.Action.SAVE, record_all=True,
                           cleaned=True)
    except IntegrityError:
        raise PlanCreationError(
            gettext_noop("{org} already has a plan for fiscal year {year}."), field="fiscal_year", org=org.name_th,
            year=fiscal_year,
        ) from None
    return plan


def _user(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def latest_plan(org: Organisation) -> Plan | None:
    """The organisation's plan of the latest fiscal year."""
    return Plan.objects.filter(organisation=org).order_by("-fiscal_year").first()


def attach_file(plan: Plan, upload, *, user, ip=None) -> Plan:
    """Keep the agency's original Word/PDF beside the structured plan. Its name and size are checked
    (ValidationError), then its content (PhromError "attachment_mismatch", phrom.plans.attachments)."""
    field = Plan._meta.get_field("attachment")
    for validator in field.validators:
        validator(upload)
    check_content(upload)
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        old_name = locked.attachment.name if locked.attachment else ""
        locked.attachment.save(Path(upload.name).name, upload, save=False)
        locked.updated_by = _user(user)
        locked.save(update_fields=["attachment", "updated_by", "updated_at"])
        PlanAudit.objects.create(
            plan=locked, user=_user(user), username=_user(user).get_username() if _user(user) else "", ip=ip,
            action=PlanAudit.Action.ATTACH,
            detail={"name": locked.attachment.name, "size": upload.size, "replaced": old_name},
        )
    copy_state(plan, locked)
    return plan


def detach_file(plan: Plan, *, user, ip=None) -> Plan:
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        if not locked.attachment:
            return plan
        name = locked.attachment.name
        locked.attachment = ""
        locked.updated_by = _user(user)
        locked.save(update_fields=["attachment", "updated_by", "updated_at"])
        PlanAudit.objects.create(
            plan=locked, user=_user(user), username=_user(user).get_username() if _user(user) else "", ip=ip,
            action=PlanAudit.Action.DETACH, detail={"name": name},
        )
    copy_state(plan, locked)
    return plan



def set_status(plan: Plan | int, status: Status | str, *, user=None, ip=None, detail: dict | None = None) -> None:
    """The one place a plan's status changes: it follows the plan's latest submission (campaigns) or
    what an imported file says (exchange). A new plan gets its first status from its writer.

    With `detail`, the change gets its own audit entry (from, to and the detail); the campaigns record
    theirs per submission event instead (phrom.campaigns.services). Takes a Plan (kept in step) or an id.
    """
    Plan.objects.filter(pk=plan.pk if isinstance(plan, Plan) else plan).update(status=status)
    if not isinstance(plan, Plan):
        return
    previous, plan.status = plan.status, status
    if detail is not None:
        PlanAudit.objects.create(
            plan=plan, user=_user(user), username=_user(user).get_username() if _user(user) else "", ip=ip,
            action=PlanAudit.Action.STATUS, version=plan.revision, detail={"from": previous, "to": status, **detail},
        )
