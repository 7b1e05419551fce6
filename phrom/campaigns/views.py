"""Campaign pages: list, open/edit/close, the agency's page, a collector's inbox and follow-up,
a submission (read, review) and its audit trail. Thin: access helpers first, then services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery, prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from phrom.accounts import permissions
from phrom.core.errors import show_on_form
from phrom.core.http import client_ip
from phrom.orgs.models import Organisation, OrgKind, Province, RouteEntry, RouteRule
from phrom.plans.checker import CODE_LABELS
from phrom.plans.codes import ALL_COMPONENTS, COMPONENT_LABELS
from phrom.plans.content import document_at, record_read
from phrom.plans.content.diff import diff_versions
from phrom.plans.display import DocumentView, present_diff
from phrom.plans.editors.html import options_html
from phrom.plans.formatting import audit_details
from phrom.plans.models import Plan, PlanAudit
from phrom.plans.quality import scenario_names

from . import access, followup, reading, services
from . import inbox as inbox_module
from . import reminders as reminders_module
from . import targets as T
from .comments import comments_by_component
from .files import attachment_response
from .forms import CampaignForm, DeclarationForm, DeclineForm, ReviewForm, SubmitForm
from .models import GENERAL, Campaign, ReviewComment, Stage, Submission, SubmissionEvent

PAGE_SIZE = 50


def url_prefix(name: str, placeholder="0") -> str:
    """The URL of `name` up to its one parameter: rows of a page append their own id. (reverse() costs
    about a millisecond here; fifty rows of a page would spend fifty on it.)"""
    url = reverse(name, args=[placeholder])
    suffix = f"{placeholder}/"
    assert url.endswith(suffix), url
    return url[: -len(suffix)]


# --------------------------------------------------------------------------- campaigns


@login_required
def campaign_list(request):
    """The campaigns that concern the user: those their organisations collect for or follow, and those
    that ask their agencies for a plan (OPDC and administrators see every campaign)."""
    user = access.signed_in(request)
    orgs = access.user_organisations(user)
    see_all = permissions.is_national(user) or permissions.is_administrator(user)
    states = dict(((c, o), state) for c, o, state in Submission.objects.filter(
        organisation__in=orgs, kind=Submission.Kind.PLAN).values_list("campaign_id", "organisation_id", "state"))
    rows = []
    for campaign in Campaign.objects.select_related("collector").order_by("-is_open", "-deadline", "-pk"):
        mine = [o for o in orgs if o.pk == campaign.collector_id or T.is_viewpoint(campaign, o)]
        agencies = [{"org": o, "state": states.get((campaign.pk, o.pk))}
                    for o in T.targets(campaign).filter(pk__in=[o.pk for o in orgs])]
        if mine or agencies or see_all:
            rows.append({"campaign": campaign, "collecting": mine, "agencies": agencies})
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    return render(request, "campaigns/list.html", {
        "page": page, "rows": page.object_list, "can_open": bool(access.managed_collectors(user)),
    })


def _campaign_form_data(form) -> dict:
    d = form.cleaned_data
    return {
        "title": d["title"], "fiscal_year": d["fiscal_year"], "deadline": d["deadline"], "subtree": d["subtree"],
        "attachment_required": d["attachment_required"], "blocking_codes": d["blocking_codes"],
        "reminder_days": d["reminder_days"], "description": d["description"],
    }


@login_required
def campaign_new(request):
    collectors = access.managed_collectors(request.user)
    access.require(bool(collectors))
    form = CampaignForm(request.POST or None, collectors=collectors,
                        initial={"blocking_codes": ["missing_required_scenario"]})
    if request.method == "POST" and form.is_valid():
        collector = access.collector_to_manage(request, form.cleaned_data["collector"].code)
        try:
            campaign = services.create_campaign(
                collector, user=request.user, kinds=form.cleaned_data["kinds"],
                required_scenarios=form.cleaned_data["required_scenarios"], **_campaign_form_data(form),
            )
        except services.CampaignError as e:
            show_on_form(form, e)
        else:
            messages.success(request, _("The campaign is open."))
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/form.html", {"form": form, "campaign": None})


@login_required
def campaign_edit(request, pk):
    campaign = access.get_campaign_to_manage(request, pk)
    initial = {
        "collector": campaign.collector, "title": campaign.title, "fiscal_year": campaign.fiscal_year,
        "deadline": campaign.deadline, "description": campaign.description, "kinds": campaign.kinds.all(),
        "subtree": campaign.subtree.code if campaign.subtree_id else "",
        "required_scenarios": campaign.required_scenarios.all(), "attachment_required": campaign.attachment_required,
        "blocking_codes": campaign.blocking_codes,
        "reminder_days": ", ".join(str(d) for d in campaign.reminder_days or []),
    }
    form = CampaignForm(request.POST or None, collectors=[campaign.collector], initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_campaign(campaign, user=request.user, kinds=form.cleaned_data["kinds"],
                                     required_scenarios=form.cleaned_data["required_scenarios"],
                                     **_campaign_form_data(form))
        except services.CampaignError as e:
            show_on_form(form, e)
        else:
            messages.success(request, _("The campaign was saved."))
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/form.html", {"form": form, "campaign": campaign})


@login_required
@require_POST
def campaign_close(request, pk):
    campaign = access.get_campaign_to_manage(request, pk)
    if request.POST.get("open") == "1":
        services.reopen_campaign(campaign, user=request.user)
        messages.success(request, _("The campaign is open again."))
    else:
        services.close_campaign(campaign, user=request.user)
        messages.success(request, _("The campaign is closed: agencies can no longer send to it."))
    return redirect("campaigns:detail", pk=campaign.pk)


@login_required
def campaign_detail(request, pk):
    campaign = access.get_campaign(request, pk)
    user = request.user
    orgs = access.user_organisations(user)
    agencies = []
    for org in T.targets(campaign).filter(pk__in=[o.pk for o in orgs]).select_related("kind"):
        subs = {s.kind: s for s in Submission.objects.filter(campaign=campaign, organisation=org)}
        agencies.append({"org": org, "plan": subs.get(Submission.Kind.PLAN),
                         "declaration": subs.get(Submission.Kind.DECLARATION)})
    return render(request, "campaigns/detail.html", {
        "campaign": campaign, "agencies": agencies, "viewpoints": access.viewpoints(user, campaign),
        "can_manage": permissions.can_manage_campaign(user, campaign.collector),
        "target_count": T.targets(campaign).count(),
        "kinds": list(campaign.kinds.all()), "scenarios": list(campaign.required_scenarios.all()),
        "blocking": [CODE_LABELS.get(c, c) for c in campaign.blocking_codes or ()],
    })


# --------------------------------------------------------------------------- the agency's page


def _agency_context(request, campaign, org):
    user = request.user
    # (No order: one per kind. The default order joins the campaign and the agency only to sort.)
    subs = {s.kind: s for s in Submission.objects.filter(campaign=campaign, organisation=org).select_related("holder")
            .order_by()}
    plans = list(Plan.objects.filter(organisation=org).order_by("-fiscal_year"))
    # Every row read here is the agency's own (a submission's plan too): they get `org` and each other as
    # read, not read again.
    by_pk = {p.pk: p for p in plans}
    for p in plans:
        p.organisation = org
    for s in subs.values():
        s.organisation = org
        if s.plan_id in by_pk:
            s.plan = by_pk[s.plan_id]
    normal = [p for p in plans if not p.is_sensitive]
    sensitive = [p for p in plans if p.is_sensitive]
    sub = subs.get(Submission.Kind.PLAN)
    chosen = None
    if sub and sub.plan_id:
        chosen = sub.plan
    else:
        chosen = next((p for p in normal if p.fiscal_year == campaign.fiscal_year), normal[0] if normal else None)
    route = T.collectors_on_route(org)  # read once: where the plan goes, what its collectors require, whether the campaign asks for it
    ready = services.readiness(campaign, chosen, route=route) if chosen and chosen.revision else None
    comments = []
    if sub and sub.round:  # review comments come with a review: none before the plan is first sent
        comments = list(sub.comments.filter(resolved_at__isnull=True).select_related("collector", "author")
                        .order_by("created_at", "id"))
    return {
        "campaign": campaign, "org": org, "sub": sub, "declaration": subs.get(Submission.Kind.DECLARATION),
        "plans": normal, "chosen": chosen, "ready": ready,
        "submit_form": SubmitForm(plans=normal, initial={"plan": chosen}),
        "declaration_form": DeclarationForm(plans=sensitive, initial={"plan": sensitive[0] if sensitive else None,
                                                                      "title": sensitive[0].title if sensitive else ""}),
        "decline_form": DeclineForm(),
        "can_submit": permissions.can_submit(user, org), "can_approve": permissions.can_approve_plan(user, org),
        "open_comments": comments_by_component(comments), "open_comment_count": len(comments),
        "route": T.stage_collectors(campaign, org, route),
        "history": list(access.history(user, sub)) if sub else [],
        "declaration_history": list(access.history(user, subs[Submission.Kind.DECLARATION]))
        if Submission.Kind.DECLARATION in subs else [],
        "is_target": T.is_target(campaign, org, route),
    }


@login_required
def agency(request, pk, code):
    campaign = access.get_campaign(request, pk)
    org = access.get_agency(request, campaign, code)
    return render(request, "campaigns/agency.html", _agency_context(request, campaign, org))


@login_required
@require_POST
def agency_submit(request, pk, code):
    campaign = access.get_campaign(request, pk)
    org = access.get_agency(request, campaign, code)
    access.require(permissions.can_submit(request.user, org))
    form = SubmitForm(request.POST, plans=Plan.objects.filter(organisation=org))
    if form.is_valid():
        approve_now = request.POST.get("approve_now") == "1" and permissions.can_approve_plan(request.user, org)
        try:
            sub = services.submit(campaign, org, user=request.user, plan=form.cleaned_data["plan"],
                                  approve_now=approve_now, ip=client_ip(request))
        except services.CampaignError as e:
            messages.error(request, e.message)
        else:
            if sub.state == Submission.State.IN_REVIEW:
                messages.success(request, _("The plan was approved and sent to %(org)s.") % {"org": sub.holder.name})
            else:
                messages.success(request, _("The plan is waiting for the approver."))
    return redirect("campaigns:agency", pk=campaign.pk, code=org.code)


@login_required
@require_POST
def agency_declare(request, pk, code):
    campaign = access.get_campaign(request, pk)
    org = access.get_agency(request, campaign, code)
    access.require(permissions.can_submit(request.user, org))
    form = DeclarationForm(request.POST, plans=Plan.objects.filter(organisation=org, classification="sensitive"))
    if form.is_valid():
        approve_now = request.POST.get("approve_now") == "1" and permissions.can_approve_plan(request.user, org)
        try:
            services.declare(campaign, org, user=request.user, title=form.cleaned_data["title"],
                             reviewed_on=form.cleaned_data["reviewed_on"], plan=form.cleaned_data["plan"],
                             approve_now=approve_now, ip=client_ip(request))
        except services.CampaignError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, _("The declaration was recorded."))
    else:
        messages.error(request, _("Give the title of the plan."))
    return redirect("campaigns:agency", pk=campaign.pk, code=org.code)


@login_required
@require_POST
def submission_approve(request, pk):
    sub = access.get_submission(request, pk)
    access.require(permissions.can_approve_plan(request.user, sub.organisation))
    try:
        if request.POST.get("decline") == "1":
            form = DeclineForm(request.POST)
            form.is_valid()
            services.decline(sub, user=request.user, comment=form.cleaned_data.get("comment", ""), ip=client_ip(request))
            messages.success(request, _("The coordinator was told that you did not approve."))
        else:
            sub = services.approve(sub, user=request.user, ip=client_ip(request))
            messages.success(request, _("Approved and sent."))
    except services.CampaignError as e:
        messages.error(request, e.message)
    return redirect("campaigns:agency", pk=sub.campaign_id, code=sub.organisation.code)


@login_required
@require_POST
def comment_resolve(request, pk):
    access.signed_in(request)
    comment = get_object_or_404(ReviewComment.objects.select_related("submission__organisation"), pk=pk)
    sub = access.get_submission(request, comment.submission_id)
    access.require(permissions.can_submit(request.user, sub.organisation))
    services.resolve_comment(comment, user=request.user)
    return redirect("campaigns:agency", pk=sub.campaign_id, code=sub.organisation.code)


# --------------------------------------------------------------------------- the collectors' side


@login_required
def inbox(request, pk):
    campaign = access.get_campaign(request, pk)
    # Its kinds as rows, once: who must send (Campaign.kind_codes) and the filter's options both use them.
    prefetch_related_objects([campaign], "kinds")
    viewpoints = access.viewpoints(request.user, campaign)
    viewpoint = access.get_viewpoint(request, campaign, request.GET.get("org"), options=viewpoints)
    filters = inbox_module.Filters.from_query(request.GET)
    if filters.status == inbox_module.INFORMED:
        qs = inbox_module.informed(campaign, viewpoint, filters)
    else:
        qs = inbox_module.inbox(campaign, viewpoint, filters)
    counts = inbox_module.counts(campaign, viewpoint)
    paginator = Paginator(qs, PAGE_SIZE)
    if filters.status_only:
        paginator.count = counts[filters.status]  # counted already, with the tabs
    page = paginator.get_page(request.GET.get("page"))
    query = {**filters.as_query(), "org": viewpoint.code}
    provinces = [(p.code, p.name) for p in Province.objects.all()]
    # A campaign of some kinds has only those in its inbox.
    kinds = [(k.code, k.name) for k in (campaign.kinds.all() or OrgKind.objects.all())]
    return render(request, "campaigns/inbox.html", {
        "campaign": campaign, "viewpoint": viewpoint, "viewpoints": viewpoints,
        "filters": filters, "page": page, "counts": counts,
        "tabs": [(code, label, counts[code]) for code, (label, _s) in inbox_module.TABS.items()],
        # 77 provinces: their <option>s written in Python, not through the template engine.
        "province_options": options_html(provinces, filters.province, blank=_("All provinces")),
        "kind_options": options_html(kinds, filters.kind, blank=_("All kinds")),
        "query": urlencode(query), "base_query": urlencode({"org": viewpoint.code}),
        "informed_tab": inbox_module.INFORMED, "submission_prefix": url_prefix("campaigns:submission"),
    })


@login_required
def follow_up(request, pk):
    campaign = access.get_campaign(request, pk)
    viewpoint = access.get_viewpoint(request, campaign, request.GET.get("org"))
    by = request.GET.get("by", "province")
    result = followup.follow_up(campaign, viewpoint, by=by)
    bucket = request.GET.get("bucket", "")
    agencies = [a for a in result.agencies if not bucket or a["bucket"] == bucket or (bucket == "late" and a["late"])
                or (bucket == "never" and a["never_had_plan"])]
    agencies.sort(key=lambda a: (a["province"] or "", a["code"]))
    page = Paginator(agencies, PAGE_SIZE).get_page(request.GET.get("page"))
    can_remind = permissions.can_send_reminders(request.user, viewpoint)
    return render(request, "campaigns/follow_up.html", {
        "campaign": campaign, "viewpoint": viewpoint, "viewpoints": access.viewpoints(request.user, campaign),
        "result": result, "page": page, "bucket": bucket, "buckets": followup.BUCKETS,
        "groupings": followup.GROUPINGS, "can_remind": can_remind,
        "outstanding": reminders_module.outstanding(campaign, viewpoint).count() if can_remind else None,
        "mail": reminders_module.waiting_count(campaign),
        "levels": _levels(campaign, viewpoint),
        "query": urlencode({"org": viewpoint.code, "by": result.by, "bucket": bucket}),
        "provinces": {p.code: p.name for p in Province.objects.all()},
        "kind_names": {k.code: k.name for k in OrgKind.objects.all()},
        "org_prefix": url_prefix("orgs:detail", "X"),
    })


def _levels(campaign: Campaign, viewpoint) -> list[dict]:
    """Roll-up figures of every collector that received submissions from this part of the campaign
    (one grouped query), the campaign's collector last."""
    rows = (
        Stage.objects.filter(campaign=campaign, submission__organisation__in=T.scope(campaign, viewpoint))
        .values_list("collector_id", "status").annotate(n=Count("pk")).order_by()
    )
    by_collector: dict[int, dict] = {}
    for collector_id, status, n in rows:
        counts = by_collector.setdefault(collector_id, {"received": 0})
        counts[status] = n
        counts["received"] += n
    orgs = Organisation.objects.in_bulk(list(by_collector))
    out = [{"org": orgs[pk], "counts": counts} for pk, counts in by_collector.items()]
    out.sort(key=lambda level: (level["org"].pk == campaign.collector_id, -level["counts"]["received"], level["org"].code))
    return out


@login_required
@require_POST
def send_reminders(request, pk):
    campaign = access.get_campaign(request, pk)
    viewpoint = access.get_viewpoint(request, campaign, request.POST.get("org"))
    access.require(permissions.can_send_reminders(request.user, viewpoint))
    count = reminders_module.outstanding(campaign, viewpoint).count()
    if request.POST.get("confirm") != str(count):
        # One click must not e-mail thousands of agencies: the person confirms the number first (it is
        # asked again if the number changed meanwhile).
        return render(request, "campaigns/confirm_reminders.html",
                      {"campaign": campaign, "viewpoint": viewpoint, "count": count})
    result = reminders_module.queue_reminders(campaign, viewpoint, kind=reminders_module.manual_kind(), user=request.user)
    messages.success(request, _(
        "%(queued)d reminders queued; %(already)d agencies were already reminded today; "
        "%(none)d have no coordinator with an e-mail address."
    ) % {"queued": result.queued, "already": result.already, "none": result.no_address})
    return redirect(reverse("campaigns:follow_up", kwargs={"pk": campaign.pk}) + "?" + urlencode({"org": viewpoint.code}))


# --------------------------------------------------------------------------- one submission


@login_required
def submission(request, pk):
    sub, readable = access.get_submission_to_read(request, pk)
    user = request.user
    doc = document_at(sub.plan, sub.version) if readable else None
    findings = None
    if readable:
        findings = services.check_version(sub.campaign, sub.plan, sub.version, document=doc).result
        if not permissions.is_member(user, sub.organisation):
            record_read(sub.plan, user, ip=client_ip(request), version=sub.version,
                        detail={"submission": sub.pk, "campaign": sub.campaign_id, "via": "submission page"})
    events = list(access.history(user, sub))
    route = _route(sub)
    can_review = permissions.can_review_now(user, sub, route=route)
    form = ReviewForm(initial={"lock": sub.lock}) if can_review else None  # no default: the reviewer chooses
    names = scenario_names() if readable else {}
    return _submission_page(request, sub, doc, findings, _comments(sub, events), form, events=events, route=route,
                            names=names, since_returned=_since_returned(sub, doc, events, names))


# Comments are written with a review and its event (services.review), which every reader's history shows.
REVIEWS = (SubmissionEvent.Action.RETURNED, SubmissionEvent.Action.FORWARDED, SubmissionEvent.Action.ACCEPTED)


def _comments(sub, events) -> list[ReviewComment]:
    """The reviewers' comments, oldest first (`events`: the submission's history; nobody reviewed it yet: none)."""
    if not any(e.action in REVIEWS for e in events):
        return []
    return list(sub.comments.select_related("collector", "author").order_by("created_at", "pk"))


def _route(sub) -> list[Organisation]:
    """The collectors the submission passes (targets.stage_collectors), each with `stage`: its Stage's
    status, label and arrival, or None where it has not arrived (one query for route and stages)."""
    stage = Stage.objects.filter(submission=sub, collector=OuterRef("target_id")).order_by()  # one at most
    entries = (RouteEntry.objects.filter(organisation=sub.organisation, role=RouteRule.Role.COLLECT)
               .select_related("target").order_by("position")
               .annotate(stage_status=Subquery(stage.values("status")), arrived_at=Subquery(stage.values("arrived_at"))))
    route = []
    for entry in entries:
        collector = entry.target
        collector.stage = None if entry.stage_status is None else {
            "status": entry.stage_status, "label": Stage.Status(entry.stage_status).label, "arrived_at": entry.arrived_at}
        route.append(collector)
    return T.stage_collectors(sub.campaign, sub.organisation, route=route)


def _since_returned(sub, doc, events, names) -> dict | None:
    """A plan sent again: what changed from the version last returned to the one sent now (both were
    sent, so whoever reads this one may read that one). `events`: the submission's history, oldest first
    (a return is never one of the agency's internal steps, so every reader's history has it)."""
    returned = next((e for e in reversed(events)
                     if e.action == SubmissionEvent.Action.RETURNED and e.version is not None), None)
    if doc is None or returned is None or returned.version == sub.version:
        return None
    before = DocumentView(document_at(sub.plan, returned.version), names)
    diff = diff_versions(sub.plan, returned.version, sub.version)
    return {"a": returned.version, "b": sub.version,
            "components": present_diff(diff["components"], before, DocumentView(doc, names))}


def _submission_page(request, sub, doc, findings, comments, form, status=200, since_returned=None, events=None,
                     route=None, names=None):
    """The page of one submission; `doc`, the version sent, is shown as the plan's own read view
    (phrom.campaigns.reading), None if the user may not read it. `events`, `route` (_route) and `names`
    (scenario_names): read here unless the caller has them."""
    by_component = {}
    for c in comments:
        by_component.setdefault(c.component, []).append(c)
    html = reading.component_html(doc, scenario_names() if names is None else names) if doc is not None else {}
    sections = [{"component": c, "label": COMPONENT_LABELS[c], "html": html[c]} for c in ALL_COMPONENTS] if html else []
    for section in sections:
        section["comments"] = by_component.get(section["component"], [])
        section["findings"] = findings.for_component(section["component"]) if findings else []
        if form is not None:
            section["field"] = form[f"comment_{section['component']}"]
    readable = doc is not None
    if events is None:
        events = list(access.history(request.user, sub))
    return render(request, "campaigns/submission.html", {
        "sub": sub, "readable": readable, "sections": sections, "findings": findings,
        "general_comments": by_component.get(GENERAL, []), "form": form, "since_returned": since_returned,
        "general_field": form[f"comment_{GENERAL}"] if form is not None else None,
        "events": events, "route": _route(sub) if route is None else route,
        "can_view_audit": permissions.can_view_plan_audit(request.user, sub.organisation),
        "is_member": permissions.is_member(request.user, sub.organisation),
    }, status=status)


@login_required
@require_POST
def submission_review(request, pk):
    sub = access.get_submission(request, pk)
    collector = access.reviewer_collector(request, sub)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review(sub, user=request.user, collector=collector, decision=form.cleaned_data["decision"],
                            comments=form.comments(), expected_lock=form.cleaned_data["lock"], ip=client_ip(request))
        except services.CampaignError as e:
            messages.error(request, e.message)
            if e.status == 409:
                return redirect("campaigns:submission", pk=sub.pk)
        else:
            messages.success(request, _("Your decision was recorded."))
            return redirect(reverse("campaigns:inbox", kwargs={"pk": sub.campaign_id}) + "?" + urlencode({"org": collector.code}))
    sub.refresh_from_db()
    readable = permissions.can_read_submission(request.user, sub)
    doc = document_at(sub.plan, sub.version) if readable else None
    findings = services.check_version(sub.campaign, sub.plan, sub.version, document=doc).result if readable else None
    events = list(access.history(request.user, sub))
    return _submission_page(request, sub, doc, findings, _comments(sub, events), form, status=400, events=events)


@login_required
def submission_attachment(request, pk):
    return attachment_response(request, access.get_submission(request, pk), via="page")


@login_required
def submission_audit(request, pk):
    sub = access.get_audit_subject(request, access.get_submission(request, pk))
    entries = (PlanAudit.objects.filter(plan_id=sub.plan_id).select_related("user").order_by("-at", "-id")
               if sub.plan_id else PlanAudit.objects.none())
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    for a in page:
        a.part = COMPONENT_LABELS.get(a.component, a.component) if a.component else ""
        a.details = audit_details(a.action, a.detail)
    return render(request, "campaigns/audit.html", {
        "sub": sub, "page": page, "events": list(access.history(request.user, sub).reverse()),
        "now": timezone.now(), "details_visible": access.audit_details_visible(request.user, sub),
        "addresses_visible": permissions.can_see_internal_steps(request.user, sub.organisation),
    })


# The plans app's audit trail gained the action "read" for campaigns; its label, for the catalogue.
gettext_noop("read the plan")
