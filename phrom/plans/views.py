"""Plan authoring pages: an agency's plans, the plan overview, one editor per component (htmx saves
with the findings panel updated beside the form), versions and their differences, the audit
trail, the self-assessment checklist and the strategy map.

Every view starts with an access helper (phrom.plans.access or phrom.accounts.permissions):
coordinators edit, approvers and viewers read, and drafts never leave the agency.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from phrom.accounts import permissions
from phrom.accounts.names import display_name, full_name
from phrom.core.errors import PhromError, in_language, show_on_form
from phrom.core.http import client_ip
from phrom.core.thaidates import fiscal_year as fiscal_year_of
from phrom.orgs.access import get_organisation_for_user
from phrom.privacy.exports import What, record_export

from . import access
from .attachments import file_response
from .checker import ERROR, INFO, WARNING
from .checklist import (
    ChecklistError,
    answer_items,
    checklist,
    checklist_summary,
    stored_answers,
    strategy_map,
)
from .codes import COMPONENT_LABELS, COMPONENTS, HEADER, Classification
from .content import (
    PlanValidationError,
    StaleComponent,
    StoredDocument,
    apply_component,
    assemble,
    bangkok_today,
    component_document,
    diff_versions,
    document_at,
    export_document,
    split,
)
from .display import DocumentView, ReadView, present_diff
from .editors import (
    COMPONENT_SLUGS,
    EDITORS,
    RENDERERS,
    SLUG_COMPONENTS,
    Context,
    Errors,
    finding_anchor,
    message_of,
    row_labels,
)
from .formatting import audit_details
from .forms import CHECKLIST_ANSWERS, AttachmentForm, StartPlanForm
from .models import Plan, PlanAudit, PlanVersion, Scenario
from .pictures import call_tree_picture, strategy_map_picture
from .quality import check_stored_plan, scenario_names
from .services import PlanCreationError, attach_file, create_plan, detach_file, starter_templates
from .templatetags.plans_ui import choices_json

FINDINGS_PER_GROUP = 25
SEVERITY_LABELS = {ERROR: "bad", WARNING: "warn", INFO: "info"}


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --------------------------------------------------------------------------- shared page parts


def edit_url(plan: Plan, component: str, fragment: str = "") -> str:
    url = reverse("plans:edit", args=[plan.pk, COMPONENT_SLUGS[component]])
    return f"{url}#{fragment}" if fragment else url


def findings_panel(plan: Plan, doc: dict, result, current: str | None = None) -> dict:
    """The score and the to-do list, grouped by component; each finding links to its field."""
    groups = {}
    kinds = {ERROR: _("Fix"), WARNING: _("Warning"), INFO: _("Tip")}
    for f in result.findings:
        group = groups.get(f.component)
        if group is None:
            group = groups[f.component] = {
                "component": f.component, "label": COMPONENT_LABELS[f.component], "items": [], "count": 0,
                "url": edit_url(plan, f.component),
            }
        group["count"] += 1
        if len(group["items"]) < FINDINGS_PER_GROUP or f.component == current:
            group["items"].append({
                "severity": f.severity, "css": SEVERITY_LABELS[f.severity], "code": f.code, "kind": kinds[f.severity],
                "message": in_language(f.message_th, f.message_en),
                "href": f'{group["url"]}#{finding_anchor(f.component, f.path, doc)}',
            })
    order = [HEADER, *COMPONENTS]
    ordered = sorted(groups.values(), key=lambda g: (g["component"] != current, order.index(g["component"])))
    for g in ordered:
        g["more"] = g["count"] - len(g["items"])
    return {
        "score": result.score, "counts": result.counts(), "groups": ordered, "current": current,
        "total": len(result.findings), "plan": plan,
        "current_count": groups[current]["count"] if current in groups else 0,
    }


def component_steps(plan: Plan, result, doc: dict | None) -> list[dict]:
    """The eight components (and the plan details) with their completeness, for the step list (with the
    overview's one-line summaries of `doc`; None on the editor pages, whose step list shows none)."""
    steps = [{"component": HEADER, "slug": COMPONENT_SLUGS[HEADER], "number": "", "label": COMPONENT_LABELS[HEADER],
              "score": None, "url": edit_url(plan, HEADER),
              "issues": sum(1 for f in result.findings if f.component == HEADER) if result else 0}]
    for n, c in enumerate(COMPONENTS, start=1):
        steps.append({
            "component": c, "slug": COMPONENT_SLUGS[c], "number": n, "label": COMPONENT_LABELS[c],
            "score": result.component_scores.get(c) if result else None, "url": edit_url(plan, c),
            "issues": sum(1 for f in result.findings if f.component == c) if result else 0,
            "summary": component_summary(c, doc) if doc is not None else "",
        })
    return steps


# One message per component, translated only for the component asked (not all seven each time).
SUMMARIES = {
    "impacts": lambda n: ngettext("%(n)d cell marked", "%(n)d cells marked", n),
    "team": lambda n: ngettext("%(n)d person", "%(n)d people", n),
    "strategies": lambda n: ngettext("%(n)d strategy", "%(n)d strategies", n),
    "processes": lambda n: ngettext("%(n)d critical process", "%(n)d critical processes", n),
    "resources": lambda n: ngettext("%(n)d resource item", "%(n)d resource items", n),
    "procedures": lambda n: ngettext("%(n)d step", "%(n)d steps", n),
    "call_tree": lambda n: ngettext("%(n)d link", "%(n)d links", n),
}


def component_summary(component: str, doc: dict) -> str:
    if component == "scope":
        n = len(doc["scope"]["scenarios"])
        return ngettext("%(n)d scenario", "%(n)d scenarios", n) % {"n": n}
    n = len(doc.get(component) or [])
    return SUMMARIES[component](n) % {"n": n}


def plan_page(request, plan: Plan, section: str, **extra) -> dict:
    """What every plan page shows around its content: the plan's header and the tabs."""
    from phrom.campaigns import facts  # campaigns builds on plans: imported when used

    user, org = request.user, plan.organisation
    facts.note_page_states(plan)  # the status badge and the comments beside the editor: one query
    return {
        "plan": plan, "org": org, "section": section,
        "can_edit": permissions.can_edit_plan(user, org),
        "can_see_audit": permissions.can_view_plan_audit(user, org),
        "is_member": permissions.is_member(user, org),
        "links": _plan_links(plan),
        **extra,
    }


def _plan_links(plan: Plan) -> dict[str, str]:
    """The addresses the plan's frame and overview draw, each reversed once (some are drawn twice)."""
    args, code = [plan.pk], [plan.organisation.code]
    return {
        "org": reverse("orgs:detail", args=code), "org_plans": reverse("plans:org", args=code),
        "overview": reverse("plans:overview", args=args), "contents": reverse("plans:edit", args=[plan.pk, "scope"]),
        "checklist": reverse("plans:checklist", args=args), "dependencies": reverse("dependencies:plan", args=args),
        "map": reverse("plans:strategy_map", args=args), "versions": reverse("plans:versions", args=args),
        "audit": reverse("plans:audit", args=args),
    }


def _catalogue():
    return list(Scenario.objects.all())


# --------------------------------------------------------------------------- lists and starting a plan


@login_required
def my_plans(request):
    """The plans of the user's own organisations, and where to start one."""
    from phrom.campaigns import facts  # campaigns builds on plans: imported when used

    memberships = request.user.memberships.select_related("organisation__kind").order_by("organisation__code")
    plans = {}
    for plan in facts.with_awaits_approval(permissions.listable_plans(request.user).filter(
        organisation_id__in=[m.organisation_id for m in memberships]
    )).order_by("-fiscal_year"):
        plans.setdefault(plan.organisation_id, []).append(plan)
    rows = [{"membership": m, "org": m.organisation, "plans": plans.get(m.organisation_id, []),
             "can_edit": permissions.can_edit_plan(request.user, m.organisation)} for m in memberships]
    return render(request, "plans/my_plans.html", {"rows": rows})


def _templates_for(org):
    """Starter templates fitting the organisation's kind, the most specific first; all if none fits."""
    every = starter_templates()
    fitting = [t for t in every if t.kinds and org.kind_id in t.kinds]
    fitting.sort(key=lambda t: (len(t.kinds), t.code))
    generic = [t for t in every if not t.kinds]
    chosen = fitting + generic
    return chosen or every, bool(fitting)


@login_required
def org_plans(request, code):
    """An organisation's plans (what the user may see of them) and, for its coordinators, a new plan."""
    org = get_organisation_for_user(request, code)
    user = request.user
    from phrom.campaigns import facts  # campaigns builds on plans: imported when used

    visible = list(facts.with_awaits_approval(permissions.listable_plans(user).filter(organisation=org)).order_by("-fiscal_year"))
    rows = [{"plan": p, "readable": permissions.can_read_live_plan(user, p.organisation)} for p in visible]
    can_start = permissions.can_edit_plan(user, org)
    context = {"org": org, "rows": rows, "can_start": can_start, "ancestors": org.ancestors(),
               "is_member": permissions.is_member(user, org)}
    if not can_start:
        if request.method == "POST":
            raise PermissionDenied
        return render(request, "plans/org_plans.html", context)

    templates, fitting = _templates_for(org)
    own = [p for p in visible if p.organisation_id == org.pk]
    this_year = fiscal_year_of(bangkok_today())
    taken = {p.fiscal_year for p in own}
    year = this_year if this_year not in taken else max(taken | {this_year}) + 1
    initial_source = f"copy:{own[0].pk}" if own else (f"template:{templates[0].code}" if templates else "empty")
    form = StartPlanForm(request.POST or None, templates=templates, plans=own,
                         initial={"fiscal_year": year, "source": initial_source, "classification": "normal"})
    if request.method == "POST" and form.is_valid():
        kind, source = form.cleaned_data["source"]
        try:
            plan = create_plan(
                org, user=user, template=source if kind == "template" else None,
                copy_from=source if kind == "copy" else None, fiscal_year=form.cleaned_data["fiscal_year"],
                classification=form.cleaned_data["classification"], ip=client_ip(request),
            )
        except PlanCreationError as e:
            show_on_form(form, e)
        except PlanValidationError as e:
            form.add_error("source", "; ".join(message_of(x) for x in e.errors[:3]))
        else:
            messages.success(request, _("The plan has been created. Work through the parts one by one: "
                                        "the to-do list beside each form tells you what is still missing."))
            return redirect("plans:overview", pk=plan.pk)
    selected = form.data.get("source") if form.is_bound else initial_source
    context.update({
        "form": form, "selected": selected,
        "sources": [{"kind": "copy", "value": f"copy:{p.pk}", "plan": p} for p in own]
        + [{"kind": "template", "value": f"template:{t.code}", "template": t, "best": fitting and i == 0}
           for i, t in enumerate(templates)]
        + [{"kind": "empty", "value": "empty"}],
        "classifications": Classification.choices,
        "selected_classification": form.data.get("classification", "normal") if form.is_bound else "normal",
    })
    return render(request, "plans/org_plans.html", context)


# --------------------------------------------------------------------------- overview


@login_required
def overview(request, pk):
    plan = access.get_plan_for_user(request, pk, related=("updated_by",))
    doc = document_at(plan)  # the plan now, read from its versions: two queries rather than one per table
    result = check_stored_plan(plan, document=doc)
    recent = list(PlanVersion.objects.filter(plan=plan).order_by("-number").values_list(
        "number", "created_at", "author__first_name", "author__last_name", "author__username").distinct()[:5])
    context = plan_page(
        request, plan, "overview",
        doc=doc, panel=findings_panel(plan, doc, result), steps=component_steps(plan, result, doc),
        attachment_form=AttachmentForm(), recent=_dedupe_versions(recent),
        attachment_name=plan.attachment.name.rsplit("/", 1)[-1] if plan.attachment else "",
    )
    return render(request, "plans/overview.html", context)


def _dedupe_versions(rows):
    seen, out = set(), []
    for number, at, first, last, username in rows:
        if number in seen:
            continue
        seen.add(number)
        out.append({"number": number, "at": at, "author": full_name(first, last, username) or "—"})
    return out


@login_required
@require_POST
def classification(request, pk):
    """Switch the plan between normal and security-sensitive (a save of the plan details)."""
    plan = access.get_plan_for_user(request, pk, write=True)
    wanted = request.POST.get("classification")
    if wanted not in Classification.values:
        raise Http404
    header = component_document(plan, HEADER)
    try:
        apply_component(plan, HEADER, {**header, "classification": wanted}, user=request.user,
                        expected_revision=_int(request.POST.get("revision")), ip=client_ip(request))
    except StaleComponent as e:
        messages.error(request, e.message)
    except PlanValidationError as e:
        messages.error(request, "; ".join(message_of(x) for x in e.errors))
    else:
        if wanted == Classification.SENSITIVE:
            messages.success(request, _("The plan is now security-sensitive: outside the agency only its title "
                                        "and existence can be seen."))
        else:
            messages.success(request, _("The plan is now normal: once submitted, the offices on its route can read it."))
    return redirect(reverse("plans:overview", args=[plan.pk]) + "#classification")


# --------------------------------------------------------------------------- attachment


@login_required
def attachment(request, pk):
    """GET downloads the original document; POST (coordinators) uploads or replaces it."""
    if request.method != "POST":
        plan = access.get_plan_for_user(request, pk)
        if not plan.attachment:
            raise Http404
        record_export(request, What.ATTACHMENT, [plan])
        return file_response(plan.attachment)
    plan = access.get_plan_for_user(request, pk, write=True)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attach_file(plan, form.cleaned_data["file"], user=request.user, ip=client_ip(request))
        except ValidationError as e:
            form.add_error("file", e)
        except PhromError as e:
            show_on_form(form, e)
        else:
            messages.success(request, _("The original document has been attached."))
            return redirect(reverse("plans:overview", args=[plan.pk]) + "#attachment")
    doc = export_document(plan)
    result = check_stored_plan(plan, document=doc)
    context = plan_page(
        request, plan, "overview", doc=doc, panel=findings_panel(plan, doc, result),
        steps=component_steps(plan, result, doc), attachment_form=form, recent=[],
        attachment_name=plan.attachment.name.rsplit("/", 1)[-1] if plan.attachment else "",
    )
    return render(request, "plans/overview.html", context, status=400)


@login_required
@require_POST
def attachment_remove(request, pk):
    plan = access.get_plan_for_user(request, pk, write=True)
    detach_file(plan, user=request.user, ip=client_ip(request))
    messages.success(request, _("The original document has been removed."))
    return redirect(reverse("plans:overview", args=[plan.pk]) + "#attachment")


# --------------------------------------------------------------------------- component editors


@login_required
def edit(request, pk, slug):
    """A component's editor. A save through htmx answers with what the page must change: after a
    refusal (invalid input, or a stale revision) the whole form again with the user's input and
    the errors beside the fields; after a success, where the editor allows it, only the rows the
    save changed, the new revision, the message and the findings (out-of-band swaps) — a form of
    a thousand rows is not drawn again to change one."""
    component = SLUG_COMPONENTS.get(slug)
    if component is None:
        raise Http404
    saving = request.method == "POST"
    plan = access.get_plan_for_user(request, pk, write=saving)
    editor = EDITORS[component]
    catalogue = _catalogue()
    # A save without htmx answers with a redirect: it reads only the components its editor asks for. The
    # page reads the plan now from its versions (one query, not one per table; the same document).
    doc = StoredDocument(plan) if saving and not request.htmx else document_at(plan)
    ctx = Context(plan, doc, catalogue)
    can_edit = permissions.can_edit_plan(request.user, plan.organisation)
    errors, stale, saved, status = Errors(), None, None, 200
    revision = plan.component_revision(component)
    if saving:
        loaded = _int(request.POST.get("revision"))
        ctx.loaded_revision = loaded  # rows sent as kept are read as the page showed them
        state = editor.state_from_post(request.POST, ctx)
        expected = _int(request.POST.get("overwrite")) if request.POST.get("overwrite") else loaded
        revision = loaded
        data, local = editor.validate(state, ctx)
        try:
            if local:
                raise PlanValidationError(local)
            saved = apply_component(plan, component, data, user=request.user, expected_revision=expected,
                                    ip=client_ip(request), summary=request.POST.get("summary", "").strip()[:500])
        except StaleComponent as e:
            stale = {"message": e.message, "current": e.current,
                     "changed_by": e.changed_by, "changed_at": e.changed_at}
            status = 409
        except PlanValidationError as e:
            errors = Errors.build(e.errors, editor.locator(state, ctx))
            status = 400
        else:
            if not request.htmx:
                messages.success(request, _saved_message(saved))
                return redirect(edit_url(plan, component))
            after = Context(plan, saved_document(doc, saved), catalogue)
            # A page that showed errors or a refusal is drawn again to take them away.
            if not request.POST.get("rerender") and not request.POST.get("overwrite"):
                update = editor.in_place(request.POST, state, ctx, after)
                if update is not None:
                    return saved_in_place(request, plan, component, editor, after, update, saved)
            doc, ctx = after.doc, after
            state = editor.state_from_doc(split(doc)[component], ctx)
            revision = plan.component_revision(component)
    else:
        state = editor.state_from_doc(split(doc)[component], ctx)

    doc = dict(doc)  # the page shows the whole plan (a refused save without htmx read only a part)
    names = scenario_names(catalogue)
    result = check_stored_plan(plan, document=doc, names=names)
    context = plan_page(
        request, plan, "edit", component=component, component_slug=COMPONENT_SLUGS[component], component_label=COMPONENT_LABELS[component],
        component_number=COMPONENTS.index(component) + 1 if component in COMPONENTS else None,
        panel=findings_panel(plan, doc, result, current=component), steps=component_steps(plan, result, None),
        revision=revision, errors=errors, stale=stale,
        saved_message=_saved_message(saved) if saved else "", body_template=editor.template,
        read_template=f"plans/read/{component}.html", doc=doc,
    )
    if can_edit:
        context.update(editor.context(state, errors, ctx), t=row_labels())
    else:
        context["view"] = ReadView(doc, names)
    if component == "call_tree":
        context["picture"] = call_tree_picture(doc.get("team", []), doc.get("call_tree", []))
        context["unreached_keys"] = {n.key for n in context["picture"].unreached}
    if request.htmx and saving:
        return render(request, "plans/edit/_saved.html", context)
    return render(request, "plans/edit/page.html", context, status=status if not request.htmx else 200)


def saved_document(doc: dict, saved) -> dict:
    """The plan after a save: the document read before it, with the components the save wrote
    (the saved data is what the tables now give back: no second read of the whole plan)."""
    parts = split(doc)
    parts.update(saved.data)
    return assemble(parts)


def saved_in_place(request, plan: Plan, component: str, editor, ctx: Context, update, saved):
    """The answer to a successful htmx save that leaves the form on the page: the message (into
    #save-status), and as out-of-band swaps the new revision, the findings, the parts list, the
    rows the save changed and the shared lists they use."""
    doc = ctx.doc
    result = check_stored_plan(plan, document=doc, names=scenario_names(ctx.catalogue))
    parts = []
    if update.rows:
        page = {**editor.shared(ctx), "t": row_labels(), "unreached_keys": update.unreached or set()}
        renderers = {}
        for kind, row, oob in update.rows:
            if kind not in renderers:
                renderers[kind] = RENDERERS[kind](page)
            # In a <template>: a <tr> outside a table would be dropped by the HTML parser.
            parts.append(f"<template>{renderers[kind].row(row, oob=oob)}</template>")
    context = {
        "plan": plan, "component": component, "saved_message": _saved_message(saved),
        "revision": plan.component_revision(component), "panel": findings_panel(plan, doc, result, current=component),
        "steps": component_steps(plan, result, None), "rows": mark_safe("\n".join(parts)), "update": update,
    }
    if update.members:  # plan-edit.js relabels and refills the selects of people from it (data-refresh)
        context["members_json"] = choices_json(ctx.members, "options-members", ' hx-swap-oob="true" data-refresh')
    if update.teams:
        context["teams"] = sorted({m["team"] for m in doc.get("team", []) if m["team"]})
    if update.unreached is not None and saved.changed:
        context["picture"] = call_tree_picture(doc.get("team", []), doc.get("call_tree", []))
    response = render(request, "plans/edit/_saved_in_place.html", context)
    return retarget(reswap(response, "innerHTML"), "#save-status")


def _saved_message(saved) -> str:
    if not saved.changed:
        return _("Nothing had changed: there was nothing to save.")
    return _("Saved as version %(n)d of the plan.") % {"n": saved.version}


# --------------------------------------------------------------------------- versions


def _author(first, last, username) -> str:
    return full_name(first, last, username) or "—"


@login_required
def versions(request, pk):
    plan = access.get_plan_for_user(request, pk)
    rows = PlanVersion.objects.filter(plan=plan).order_by("-number", "component").values_list(
        "number", "component", "created_at", "author__first_name", "author__last_name", "author__username",
        "summary", "changes",
    )
    by_number: dict[int, dict] = {}
    for number, component, at, first, last, username, summary, changes in rows:
        v = by_number.setdefault(number, {"number": number, "at": at, "author": _author(first, last, username),
                                          "summary": summary, "components": []})
        v["components"].append({"component": component, "label": COMPONENT_LABELS.get(component, component),
                                "changes": changes})
    order = [HEADER, *COMPONENTS]
    for v in by_number.values():
        v["components"].sort(key=lambda c: order.index(c["component"]) if c["component"] in order else 99)
    page = Paginator(list(by_number.values()), 50).get_page(request.GET.get("page"))
    numbers = list(range(plan.revision, 0, -1))
    context = plan_page(request, plan, "versions", page=page, numbers=numbers,
                        default_from=max(1, plan.revision - 1), default_to=plan.revision)
    return render(request, "plans/versions.html", context)


@login_required
def version(request, pk, number):
    from phrom.campaigns import reading  # campaigns builds on plans: imported when used

    plan = access.get_plan_for_user(request, pk)
    if not 1 <= number <= plan.revision:
        raise Http404
    doc = document_at(plan, number)
    names = scenario_names()
    result = check_stored_plan(plan, document=doc, names=names)
    meta = PlanVersion.objects.filter(plan=plan, number=number).values_list(
        "created_at", "author__first_name", "author__last_name", "author__username", "summary").first()
    html = reading.component_html(doc, names)  # a past version does not change: its read view is kept
    context = plan_page(
        request, plan, "versions", number=number, doc=doc, header_html=html[HEADER],
        score=result.score, meta={"at": meta[0], "author": _author(*meta[1:4]), "summary": meta[4]} if meta else None,
        components=[(c, COMPONENT_LABELS[c], html[c]) for c in COMPONENTS],
    )
    return render(request, "plans/version.html", context)


@login_required
def compare(request, pk):
    plan = access.get_plan_for_user(request, pk)
    a, b = _int(request.GET.get("from")), _int(request.GET.get("to")) or plan.revision
    if plan.revision == 0:
        raise Http404
    if a is None:
        a = max(1, b - 1)
    if not (1 <= a <= plan.revision and 1 <= b <= plan.revision):
        raise Http404
    diff = diff_versions(plan, a, b)
    names = scenario_names()
    before, after = DocumentView(document_at(plan, a), names), DocumentView(document_at(plan, b), names)
    context = plan_page(request, plan, "versions", a=a, b=b, numbers=list(range(plan.revision, 0, -1)),
                        components=present_diff(diff["components"], before, after))
    return render(request, "plans/compare.html", context)


# --------------------------------------------------------------------------- audit trail


@login_required
def audit(request, pk):
    plan = access.get_plan_for_user(request, pk)
    if not permissions.can_view_plan_audit(request.user, plan.organisation):
        raise PermissionDenied
    entries = PlanAudit.objects.filter(plan=plan).select_related("user").order_by("-at", "-id")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    rows = []
    for e in page:
        rows.append({
            "entry": e, "who": display_name(e.user, e.username) or "—",
            "component": COMPONENT_LABELS.get(e.component, e.component) if e.component else "",
            "details": audit_details(e.action, e.detail),
        })
    return render(request, "plans/audit.html", plan_page(request, plan, "audit", page=page, rows=rows))


# --------------------------------------------------------------------------- checklist and strategy map


@login_required
def checklist_page(request, pk):
    saving = request.method == "POST"
    plan = access.get_plan_for_user(request, pk, write=saving)
    error = ""
    if saving:
        answers = []
        for code in request.POST.getlist("item"):
            answer = request.POST.get(f"answer-{code}", "")
            if answer:
                answers.append({"item": code, "answer": answer, "note": request.POST.get(f"note-{code}", "")})
        try:
            answer_items(plan, answers, user=request.user, ip=client_ip(request))
        except ChecklistError as e:
            error = e.message
        else:
            messages.success(request, _("Your answers have been saved."))
            return redirect("plans:checklist", pk=plan.pk)
    doc = export_document(plan)
    rows = checklist(doc, stored_answers(plan), today=bangkok_today())
    items = [{
        **r, "text": in_language(r["text_th"], r["text_en"]),
        "where": COMPONENT_LABELS.get(r["component"], ""),
        "url": edit_url(plan, r["component"]) if r["component"] in COMPONENT_SLUGS else "",
    } for r in rows]
    context = plan_page(request, plan, "checklist", items=items, summary=checklist_summary(rows), error=error,
                        answers=CHECKLIST_ANSWERS)
    return render(request, "plans/checklist.html", context, status=400 if error else 200)


@login_required
def strategy_map_page(request, pk):
    plan = access.get_plan_for_user(request, pk)
    doc = export_document(plan)
    rows = strategy_map(doc, scenario_names())
    picture = strategy_map_picture(rows, lambda r: in_language(r["name_th"], r["name_en"]))
    for r in rows:
        r["name"] = in_language(r["name_th"], r["name_en"])
        for c in r["categories"]:
            c["label"] = in_language(c["label_th"], c["label_en"])
    return render(request, "plans/strategy_map.html", plan_page(request, plan, "map", rows=rows, picture=picture))

