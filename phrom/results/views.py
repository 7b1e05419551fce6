"""The pages of results: an agency's exercises and events, recording them, the after-action report
(page, PDF, Word), corrective actions, the scenario library, the collectors' overview and the training
office's roll-up. Thin views over phrom.results.services, .report and .overview."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from phrom.accounts import permissions
from phrom.core import tabular
from phrom.core.errors import InvalidInput, PhromError, in_language, show_on_form
from phrom.core.forms import ThaiDateField
from phrom.orgs.models import Organisation, OrgKind, Province
from phrom.plans.codes import COMPONENT_LABELS, COMPONENTS, Category
from phrom.plans.formatting import UNIT_CHOICES, split_duration
from phrom.plans.models import Scenario
from phrom.plans.views import edit_url

from . import documents, overview, services
from .forms import ActionForm, EndForm, EventForm, ExerciseForm, ScenarioForm
from .models import CorrectiveAction, Result, TrainingSkill
from .report import RATING_LABELS, report

BLANK_ROWS = 2  # empty rows offered under the filled ones of each list


def _recording_orgs(user) -> list[Organisation]:
    return [o for o in Organisation.objects.filter(pk__in=permissions.member_organisation_ids(user)).order_by("code")
            if permissions.can_record_results(user, o)]


def _result(request, pk) -> Result:
    result = get_object_or_404(Result.objects.select_related(
        "organisation", "exercise__hazard", "event__hazard", "plan"), pk=pk)
    if not permissions.can_read_result(request.user, result):
        raise PermissionDenied
    return result


@login_required
def index(request):
    """The agency's exercises and events, its open corrective actions, and the ways onward."""
    own = permissions.member_organisation_ids(request.user)
    results = (Result.objects.filter(organisation_id__in=own)
               .select_related("organisation", "exercise", "event", "hazard"))
    actions = (CorrectiveAction.objects.filter(organisation_id__in=own)
               .pending().select_related("organisation", "result"))
    return render(request, "results/index.html", {
        "page": Paginator(results, 50).get_page(request.GET.get("page")),
        "actions": actions,
        "can_record": bool(_recording_orgs(request.user)),
        "can_overview": permissions.can_see_results_overview(request.user),
        "can_training": permissions.can_read_training_needs(request.user),
    })


def _record(request, form, *, create, refused: str, recorded: str, title: str):
    """The page of a new exercise or event: `create(data, agencies)` records it with a result for each
    agency (the user's own first); then the user goes on to the results of their own agency."""
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        agencies = [d["organisation"], *[o for o in d["others"] if o.pk != d["organisation"].pk]]
        if not permissions.can_organise_exercise(request.user, d["organisation"], agencies):
            form.add_error("others", refused)
        else:
            try:
                occasion = create(d, agencies)
            except InvalidInput as e:
                _show(form, e)
            else:
                messages.success(request, recorded)
                return redirect("results:edit", occasion.results.get(organisation=d["organisation"]).pk)
    return render(request, "results/new.html", {"form": form, "title": title})


def _recording_orgs_or_403(user) -> list[Organisation]:
    orgs = _recording_orgs(user)
    if not orgs:
        raise PermissionDenied
    return orgs


@login_required
def new_exercise(request):
    form = ExerciseForm(request.POST or None, organisations=_recording_orgs_or_403(request.user),
                        scenarios=permissions.readable_scenarios(request.user),
                        initial={"scenario": request.GET.get("scenario"), "held_on": timezone.localdate()})
    return _record(
        request, form, title=_("Record an exercise"),
        refused=_("You may hold exercises only for your own agency and the agencies whose plans you collect."),
        recorded=_("The exercise is recorded: now record its results."),
        create=lambda d, agencies: services.record_exercise(
            request.user, organiser=d["organisation"], participants=agencies, kind=d["kind"], title=d["title"],
            held_on=d["held_on"], hazard=d["hazard"], scenario=d["scenario"], objectives=d["objectives"].splitlines()))


@login_required
def new_event(request):
    form = EventForm(request.POST or None, organisations=_recording_orgs_or_403(request.user),
                     initial={"started_on": timezone.localdate()})
    return _record(
        request, form, title=_("Record a real event"),
        refused=_("You may record events only for your own agency and the agencies whose plans you collect."),
        recorded=_("The event is recorded: now record how the plan worked."),
        create=lambda d, agencies: services.record_event(
            request.user, reporter=d["organisation"], organisations=agencies, title=d["title"], hazard=d["hazard"],
            area=d["area"], started_at=_moment(d["started_on"], d["started_time"]),
            ended_at=_moment(d["ended_on"], d["ended_time"]) if d["ended_on"] else None))


def _moment(day: datetime.date, time: datetime.time | None) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time or datetime.time(0, 0)))


def _show(form, exc: InvalidInput) -> None:
    for e in exc.errors:
        field = e["path"].split(".")[0].replace("organisations", "others").replace("participants", "others")
        form.add_error(field if field in form.fields else None, in_language(e["message_th"], e["message_en"]))


@login_required
def detail(request, pk):
    """The after-action report of one agency's result."""
    result = _result(request, pk)
    can_record = permissions.can_record_results(request.user, result.organisation)
    ongoing = result.kind == Result.Kind.EVENT and result.event.ended_at is None
    return render(request, "results/detail.html", {
        **report(result), "can_record": can_record, "action_form": ActionForm() if can_record else None,
        "end_form": EndForm() if ongoing and permissions.can_record_results(request.user, result.event.reporter) else None,
        "plan_url": reverse("plans:overview", args=[result.plan_id]) if result.plan_id and permissions.can_read_live_plan(
            request.user, result.organisation) else "",
    })


@login_required
@require_GET
def document(request, pk, fmt):
    result = _result(request, pk)
    data, ctype = documents.render(result, fmt)
    response = HttpResponse(data, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="after-action-{result.organisation.code}-{result.pk}.{fmt}"'
    return response


@login_required
@require_POST
def end_event(request, pk):
    """The event is over: its reporting agency's coordinators say when (every agency's result shows it)."""
    result = _result(request, pk)
    if result.kind != Result.Kind.EVENT or not permissions.can_record_results(request.user, result.event.reporter):
        raise PermissionDenied
    form = EndForm(request.POST)
    if form.is_valid():
        try:
            services.end_event(request.user, result.event, _moment(form.cleaned_data["ended_on"], form.cleaned_data["ended_time"]))
        except InvalidInput as e:
            _show(form, e)
    if form.errors:
        messages.error(request, " ".join(str(m) for ms in form.errors.values() for m in ms))
    else:
        messages.success(request, _("The event is recorded as ended."))
    return redirect("results:detail", result.pk)


# --------------------------------------------------------------------------- recording a result


def _form_data(result: Result) -> dict:
    """The result as the edit page shows it (the same shape the page posts back)."""
    return {
        "activated_at": result.activated_at, "participants": result.participants, "observations": result.observations,
        "objectives": result.objectives, "call_tree": result.call_tree, "usability": result.usability,
        "resources_short": result.resources_short, "procedures": result.procedures,
        "authority_affected": result.authority_affected, "authority_note": result.authority_note,
        "findings": result.findings, "improvements": result.improvements,
        "processes": [{"key": p.process_key, "still_down": p.still_down,
                       **dict(zip(("recovered_amount", "recovered_unit"), split_duration(p.recovered_hours), strict=True))}
                      for p in result.processes.all()],
        "training_needs": [{"skill": n.skill.code if n.skill_id else "", "text": n.text, "people": n.people}
                           for n in result.training_needs.select_related("skill")],
    }


def _rows(post, prefix: str, fields: tuple[str, ...]) -> list[dict]:
    count = int(post.get(f"{prefix}-count") or 0)
    return [{f: post.get(f"{prefix}-{i}-{f}", "").strip() for f in fields} for i in range(min(count, 500))]


def _posted(post, result: Result) -> tuple[dict, list[dict]]:
    """The edit page's fields as save_result's dict, and the refusals of fields only the page has."""
    errors = []
    activated_at = None
    if post.get("activated_on"):
        try:
            day = ThaiDateField().clean(post["activated_on"])
            time = datetime.time.fromisoformat(post["activated_time"]) if post.get("activated_time") else None
            activated_at = _moment(day, time)
        except Exception:  # noqa: BLE001 — a date the field refuses, or a time that is not HH:MM
            errors.append({"path": "activated_at", "message_th": "วันเวลาที่ใช้แผนไม่ถูกต้อง: พิมพ์วันที่ เช่น 15/10/2568 และเวลา เช่น 08:30",
                           "message_en": "Give the activation's date as 15/10/2568 and its time as 08:30."})
    affected = post.get("authority_affected", "")
    return {
        "activated_at": activated_at, "participants": post.get("participants", ""),
        "observations": post.get("observations", ""), "improvements": post.get("improvements", ""),
        "authority_affected": {"yes": True, "no": False}.get(affected), "authority_note": post.get("authority_note", ""),
        "objectives": [{"objective": r["objective"], "status": r["status"]}
                       for r in _rows(post, "obj", ("objective", "status"))],
        "processes": [{"key": p.process_key, "recovered_amount": post.get(f"proc-{p.process_key}-amount", "").strip(),
                       "recovered_unit": post.get(f"proc-{p.process_key}-unit", ""),
                       "still_down": post.get(f"proc-{p.process_key}-down") == "on"}
                      for p in result.processes.all()],
        "call_tree": {k: post.get(f"call-{k}", "").strip() for k in ("reached", "total", "minutes")},
        "usability": {c: {"rating": post.get(f"use-{c}-rating", ""), "reason": post.get(f"use-{c}-reason", "")}
                      for c in COMPONENTS},
        "resources_short": _rows(post, "res", ("category", "item", "needed", "available")),
        "procedures": [{"step": r["step"], "followed": r["followed"] == "on"} for r in _rows(post, "step", ("step", "followed"))],
        "findings": _rows(post, "find", ("component", "text")),
        "training_needs": _rows(post, "need", ("skill", "text", "people")),
    }, errors


@login_required
def edit(request, pk):
    result = _result(request, pk)
    if not permissions.can_record_results(request.user, result.organisation):
        raise PermissionDenied
    errors: dict[str, str] = {}
    revision = result.revision
    if request.method == "POST":
        data, page_errors = _posted(request.POST, result)
        try:
            if page_errors:
                raise InvalidInput(page_errors, "results_invalid")
            services.save_result(request.user, result, data, revision=int(request.POST.get("revision") or -1))
        except InvalidInput as e:
            errors = {x["path"]: in_language(x["message_th"], x["message_en"]) for x in e.errors}
            messages.error(request, e.message)
            revision = int(request.POST.get("revision") or result.revision)
        except PhromError as e:
            messages.error(request, e.message)
            data = _form_data(result)
        else:
            messages.success(request, _("The results are saved."))
            return redirect("results:detail", result.pk)
    else:
        data = _form_data(result)
    return render(request, "results/edit.html", _edit_context(result, data, errors, revision))


def _padded(rows: list, blank: dict, name: str, errors: dict) -> list:
    """The rows with BLANK_ROWS empty ones under them, each with its refusals by field (`e`)."""
    return [{**row, "e": _row_errors(errors, f"{name}[{i}].")}
            for i, row in enumerate([*rows, *[dict(blank) for _ in range(BLANK_ROWS)]])]


def _row_errors(errors: dict, prefix: str) -> dict:
    return {path[len(prefix):]: message for path, message in errors.items() if path.startswith(prefix)}


CALL_FIELDS = (("reached", gettext_lazy("People reached")), ("total", gettext_lazy("People on the call tree")),
               ("minutes", gettext_lazy("Minutes to reach them")))


def _edit_context(result: Result, data: dict, errors: dict, revision: int) -> dict:
    by_key = {p["key"]: p for p in data["processes"]}
    processes = [{"p": p, **by_key.get(p.process_key, {}), "e": _row_errors(errors, f"processes[{i}].")}
                 for i, p in enumerate(result.processes.all())]
    activated = timezone.localtime(data["activated_at"]) if data.get("activated_at") else None
    return {
        **report(result), "data": data, "errors": errors, "revision": revision, "processes": processes,
        "activated_on": activated.date() if activated else None, "activated_time": activated.strftime("%H:%M") if activated else "",
        "objectives": _padded(data["objectives"], {"objective": "", "status": ""}, "objectives", errors),
        "resources_short": _padded(data["resources_short"], {"category": "", "item": "", "needed": "", "available": ""},
                                   "resources_short", errors),
        "procedures": _padded(data["procedures"], {"step": "", "followed": False}, "procedures", errors),
        "findings": _padded(data["findings"], {"component": "", "text": ""}, "findings", errors),
        "training_needs": _padded(data["training_needs"], {"skill": "", "text": "", "people": 1}, "training_needs", errors),
        "call_fields": [{"key": k, "label": label, "value": (data["call_tree"] or {}).get(k),
                         "error": errors.get(f"call_tree.{k}", "")} for k, label in CALL_FIELDS],
        "usability_rows": [{"component": c, "label": COMPONENT_LABELS[c], **(data["usability"].get(c) or {})} for c in COMPONENTS],
        "ratings": list(RATING_LABELS.items()), "units": UNIT_CHOICES, "categories": Category.choices,
        "components": [(c, COMPONENT_LABELS[c]) for c in COMPONENTS], "skills": TrainingSkill.objects.all(),
        "objective_statuses": [("met", _("met")), ("partly", _("partly met")), ("not_met", _("not met"))],
    }


# --------------------------------------------------------------------------- corrective actions


@login_required
@require_POST
def add_action(request, pk):
    result = _result(request, pk)
    if not permissions.can_record_results(request.user, result.organisation):
        raise PermissionDenied
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            services.add_corrective_action(request.user, result, **form.cleaned_data)
        except PhromError as e:
            show_on_form(form, e)
    if form.errors:
        messages.error(request, " ".join(str(m) for ms in form.errors.values() for m in ms))
    else:
        messages.success(request, _("The corrective action is added."))
    return redirect(reverse("results:detail", args=[result.pk]) + "#actions")


@login_required
@require_POST
def action_status(request, pk):
    """Move a corrective action on; closing it opens the plan editor at the component it changes."""
    action = get_object_or_404(CorrectiveAction.objects.select_related("organisation", "plan"), pk=pk)
    if not permissions.can_record_results(request.user, action.organisation):
        raise PermissionDenied
    try:
        services.set_action_status(request.user, action, request.POST.get("status", ""))
    except PhromError as e:
        messages.error(request, e.message)
        return redirect("results:actions")
    if action.status == CorrectiveAction.Status.DONE and action.plan_id:
        messages.success(request, _("The action is closed: change the plan here. Its next version records that it "
                                    "answers the action."))
        return redirect(edit_url(action.plan, action.component))
    messages.success(request, _("The action's status is changed."))
    return redirect(request.POST.get("next") if request.POST.get("next", "").startswith("/results/") else "results:actions")


@login_required
def actions(request):
    """Corrective actions: the agency's own (to carry out), and for collectors those of their route."""
    own = permissions.member_organisation_ids(request.user)
    status = request.GET.get("status", "pending")
    rows = permissions.readable_actions(request.user).shown(status)
    return render(request, "results/actions.html", {
        "page": Paginator(rows.select_related("organisation", "result"), 50).get_page(request.GET.get("page")),
        "own": set(own), "status": status,
    })


# --------------------------------------------------------------------------- scenario library


@login_required
def scenarios(request):
    orgs = [o for o in Organisation.objects.filter(pk__in=permissions.member_organisation_ids(request.user))
            if permissions.can_publish_scenarios(request.user, o)]
    form = ScenarioForm(request.POST or None, organisations=orgs) if orgs else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.publish_scenario(request.user, **{k: d[k] for k in (
                    "publisher", "hazard", "title", "narrative", "injects", "lead_office", "expected_actions", "participants")})
            except InvalidInput as e:
                _show(form, e)
            else:
                messages.success(request, _("The scenario is published."))
                return redirect("results:scenarios")
    library = permissions.readable_scenarios(request.user).select_related("publisher", "hazard")
    return render(request, "results/scenarios.html", {"form": form, "library": library})


# --------------------------------------------------------------------------- across agencies


@login_required
def overview_page(request):
    if not permissions.can_see_results_overview(request.user):
        raise PermissionDenied
    filters = overview.Filters.from_params(request.GET)
    return render(request, "results/overview.html", {
        "o": overview.overview(request.user, filters), "filters": filters,
        "kinds": OrgKind.objects.filter(must_plan=True), "provinces": Province.objects.all(),
        "hazards": Scenario.objects.all(),
    })


@login_required
def training(request):
    if not permissions.can_read_training_needs(request.user):
        raise PermissionDenied
    filters = overview.Filters.from_params(request.GET)
    rollup = overview.training_needs(request.user, filters)
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        header, rows = overview.training_table(rollup)
        if fmt == "csv":
            data, ctype = tabular.csv_bytes(header, rows), "text/csv; charset=utf-8"
        else:
            data = tabular.xlsx_bytes(header, rows, title="training")
            ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(data, content_type=ctype)
        response["Content-Disposition"] = f'attachment; filename="training-needs.{fmt}"'
        return response
    return render(request, "results/training.html", {
        "rollup": rollup, "filters": filters, "kinds": OrgKind.objects.filter(must_plan=True),
        "provinces": Province.objects.all(), "hazards": Scenario.objects.all(),
        "query": request.GET.urlencode(),
    })
