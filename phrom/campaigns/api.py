"""Campaigns in the REST API: campaigns, submissions (submit, approve, declare), a collector's inbox,
reviews with comments, follow-up counts, reminders and the audit trail, under the same access
helpers as the pages. Every refusal is the one error envelope (docs/errors.md): 400 invalid, 403 not
allowed, 404 unknown, 409 the state does not allow it (closed, already sent, someone else acted first)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from phrom.accounts import permissions
from phrom.core.api import PAGE, PAGE_SIZE, error_responses
from phrom.core.http import client_ip
from phrom.orgs.models import Organisation
from phrom.plans.attachments import ATTACHMENT_RESPONSES
from phrom.plans.content import document_at, record_read
from phrom.plans.models import Plan, PlanAudit
from phrom.plans.serializers import AuditSerializer, PlanDocumentSerializer

from . import access, followup, services
from . import inbox as inbox_module
from . import reminders as reminders_module
from . import targets as T
from .files import attachment_response
from .models import Campaign, Reminder, Submission
from .serializers import (
    ApproveSerializer,
    CampaignCreateSerializer,
    CampaignSerializer,
    CampaignWriteSerializer,
    CommentSerializer,
    DeclareSerializer,
    DeclineSerializer,
    EventSerializer,
    FollowUpRowSerializer,
    InboxRowSerializer,
    InformedRowSerializer,
    ReminderSerializer,
    ReviewSerializer,
    SubmissionSerializer,
    SubmitSerializer,
)

ORG_PARAM = OpenApiParameter("org", description="Code of the collector whose side you look from (default: your first)")


class CampaignList(generics.ListAPIView):
    """Campaigns (a request to agencies is visible to every signed-in user). POST opens one (the
    collector's coordinators and approvers)."""

    serializer_class = CampaignSerializer

    @extend_schema(parameters=[OpenApiParameter("collector", description="Collector code"),
                               OpenApiParameter("open", bool, description="Only open (true) or closed (false) campaigns")])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        access.signed_in(self.request)
        qs = Campaign.objects.select_related("collector", "subtree").prefetch_related("kinds", "required_scenarios")
        p = self.request.query_params
        if p.get("collector"):
            qs = qs.filter(collector__code=p["collector"])
        if p.get("open") in ("true", "false"):
            qs = qs.filter(is_open=p["open"] == "true")
        return qs.order_by("-deadline", "-pk")

    @extend_schema(request=CampaignCreateSerializer, responses={201: CampaignSerializer, **error_responses(400, 403)})
    def post(self, request):
        body = CampaignCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        collector = access.collector_to_manage(request, data.pop("collector"))
        campaign = services.create_campaign(collector, user=request.user, **data)
        return Response(CampaignSerializer(campaign).data, status=201)


class CampaignDetail(APIView):
    @extend_schema(responses={200: CampaignSerializer})
    def get(self, request, pk):
        return Response(CampaignSerializer(access.get_campaign(request, pk)).data)

    @extend_schema(request=CampaignWriteSerializer, responses={200: CampaignSerializer, **error_responses(400, 403)})
    def patch(self, request, pk):
        campaign = access.get_campaign_to_manage(request, pk)
        body = CampaignWriteSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        data.pop("collector", None)  # a campaign keeps its collector
        campaign = services.update_campaign(campaign, user=request.user, **data)
        return Response(CampaignSerializer(campaign).data)


class CampaignClose(APIView):
    """POST closes the campaign (nothing more can be sent)."""

    @extend_schema(request=None, responses={200: CampaignSerializer})
    def post(self, request, pk):
        campaign = access.get_campaign_to_manage(request, pk)
        return Response(CampaignSerializer(services.close_campaign(campaign, user=request.user)).data)


class CampaignReopen(APIView):
    @extend_schema(request=None, responses={200: CampaignSerializer})
    def post(self, request, pk):
        campaign = access.get_campaign_to_manage(request, pk)
        return Response(CampaignSerializer(services.reopen_campaign(campaign, user=request.user)).data)


class CampaignInbox(APIView):
    """A collector's inbox: `status` to_review (default), returned, forwarded, accepted, declared, received
    (all), or informed (plans the office is informed of); filters province, kind, min_score, max_score, q;
    paged (`page`, `page_size` ≤ 500)."""

    @extend_schema(parameters=[
        ORG_PARAM, OpenApiParameter("status"), OpenApiParameter("province"), OpenApiParameter("kind"),
        OpenApiParameter("min_score", int), OpenApiParameter("max_score", int), OpenApiParameter("q"),
        PAGE, PAGE_SIZE,
    ], responses={200: inline_serializer("Inbox", {
        "collector": serializers.CharField(), "count": serializers.IntegerField(),
        "counts": serializers.DictField(child=serializers.IntegerField()), "page": serializers.IntegerField(),
        "results": InboxRowSerializer(many=True),
    })})
    def get(self, request, pk):
        campaign = access.get_campaign(request, pk)
        viewpoint = access.get_viewpoint(request, campaign, request.query_params.get("org"))
        f = inbox_module.Filters.from_query(request.query_params)
        if f.status == inbox_module.INFORMED:
            qs, row = inbox_module.informed(campaign, viewpoint, f), InformedRowSerializer
        else:
            qs, row = inbox_module.inbox(campaign, viewpoint, f), InboxRowSerializer
        size = int(request.query_params.get("page_size", 50))  # its bounds are checked from the OpenAPI document
        page = Paginator(qs, size).get_page(request.query_params.get("page"))
        return Response({
            "collector": viewpoint.code, "status": f.status, "count": page.paginator.count, "page": page.number,
            "pages": page.paginator.num_pages, "counts": inbox_module.counts(campaign, viewpoint),
            "results": row(page.object_list, many=True).data,
        })


class CampaignFollowUp(APIView):
    """Who has sent, who is late, who never had a plan: totals and groups (`by` province, ministry or kind)."""

    @extend_schema(parameters=[ORG_PARAM, OpenApiParameter("by", description="province, ministry or kind")],
                   responses={200: inline_serializer("FollowUp", {
                       "collector": serializers.CharField(), "by": serializers.CharField(),
                       "deadline_passed": serializers.BooleanField(), "total": FollowUpRowSerializer(),
                       "groups": FollowUpRowSerializer(many=True),
                   })})
    def get(self, request, pk):
        campaign = access.get_campaign(request, pk)
        viewpoint = access.get_viewpoint(request, campaign, request.query_params.get("org"))
        result = followup.follow_up(campaign, viewpoint, by=request.query_params.get("by", "province"))
        return Response({
            "collector": viewpoint.code, "by": result.by, "deadline_passed": result.deadline_passed,
            "total": result.total.as_dict(), "groups": [g.as_dict() for g in result.groups],
        })


class CampaignReminders(APIView):
    """GET: the campaign's reminders by delivery status (`waiting` = queued for the mail server) and the
    latest ones. POST: remind every agency of the collector's part that has not sent (once a day)."""

    @extend_schema(parameters=[ORG_PARAM, OpenApiParameter("status"), PAGE],
                   responses={200: inline_serializer("Reminders", {
                       "counts": serializers.DictField(child=serializers.IntegerField()),
                       "results": ReminderSerializer(many=True),
                   })})
    def get(self, request, pk):
        campaign = access.get_campaign(request, pk)
        viewpoint = access.get_viewpoint(request, campaign, request.query_params.get("org"))
        access.require(permissions.can_follow_up(request.user, viewpoint))
        qs = Reminder.objects.filter(campaign=campaign, organisation__in=T.scope(campaign, viewpoint)).select_related(
            "organisation")
        if request.query_params.get("status"):
            qs = qs.filter(status=request.query_params["status"])
        page = Paginator(qs.order_by("-created_at", "pk"), 100).get_page(request.query_params.get("page"))
        return Response({"counts": reminders_module.waiting_count(campaign), "count": page.paginator.count,
                         "results": ReminderSerializer(page.object_list, many=True).data})

    @extend_schema(request=None, parameters=[ORG_PARAM], responses={202: inline_serializer("Queued", {
        "kind": serializers.CharField(), "queued": serializers.IntegerField(), "already": serializers.IntegerField(),
        "no_address": serializers.IntegerField()})})
    def post(self, request, pk):
        campaign = access.get_campaign(request, pk)
        viewpoint = access.get_viewpoint(request, campaign, request.query_params.get("org") or request.data.get("org"))
        access.require(permissions.can_send_reminders(request.user, viewpoint))
        q = reminders_module.queue_reminders(campaign, viewpoint, kind=reminders_module.manual_kind(), user=request.user)
        return Response({"kind": q.kind, "queued": q.queued, "already": q.already, "no_address": q.no_address},
                        status=202)


def _agency_for(request, code) -> Organisation:
    org = get_object_or_404(Organisation, code=code)
    access.require(permissions.can_submit(request.user, org))
    return org


class CampaignSubmit(APIView):
    """The agency puts its plan forward (its current revision); `approve: true` (approvers) also
    approves and sends it. Refused with the reason: closed campaign (409), already sent (409),
    blocking findings (400, listed in `findings`), missing Word/PDF copy (400)."""

    @extend_schema(request=SubmitSerializer, responses={201: SubmissionSerializer, **error_responses(400, 403, 409)})
    def post(self, request, pk):
        campaign = access.get_campaign(request, pk)
        body = SubmitSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        org = _agency_for(request, body.validated_data["organisation"])
        plan = get_object_or_404(Plan, pk=body.validated_data["plan"], organisation=org)
        approve = body.validated_data["approve"]
        if approve and not permissions.can_approve_plan(request.user, org):
            raise PermissionDenied
        sub = services.submit(campaign, org, user=request.user, plan=plan, approve_now=approve, ip=client_ip(request))
        return Response(SubmissionSerializer(sub).data, status=201)


class CampaignDeclare(APIView):
    """The agency declares a security-sensitive plan: title, that it exists, date last reviewed."""

    @extend_schema(request=DeclareSerializer, responses={201: SubmissionSerializer, **error_responses(400, 403, 409)})
    def post(self, request, pk):
        campaign = access.get_campaign(request, pk)
        body = DeclareSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        org = _agency_for(request, data["organisation"])
        plan = get_object_or_404(Plan, pk=data["plan"], organisation=org) if data.get("plan") else None
        if data["approve"] and not permissions.can_approve_plan(request.user, org):
            raise PermissionDenied
        sub = services.declare(campaign, org, user=request.user, title=data["title"],
                               reviewed_on=data.get("reviewed_on"), plan=plan, approve_now=data["approve"],
                               ip=client_ip(request))
        return Response(SubmissionSerializer(sub).data, status=201)


class CampaignAgency(APIView):
    """The agency's own view of a campaign: its submissions and whether its plan can be sent now."""

    @extend_schema(parameters=[OpenApiParameter("plan", int, description="Check this plan (default: the one of the campaign's fiscal year)")],
                   responses={200: inline_serializer("AgencyStatus", {
                       "organisation": serializers.CharField(), "must_send": serializers.BooleanField(),
                       "submissions": SubmissionSerializer(many=True), "readiness": serializers.JSONField(),
                   })})
    def get(self, request, pk, code):
        campaign = access.get_campaign(request, pk)
        org = access.get_agency(request, campaign, code)
        plans = Plan.objects.filter(organisation=org).exclude(classification="sensitive").order_by("-fiscal_year")
        raw = request.query_params.get("plan", "")
        plan = get_object_or_404(plans, pk=int(raw)) if raw.isdigit() else (
            plans.filter(fiscal_year=campaign.fiscal_year).first() or plans.first()
        )
        readiness = None
        if plan is not None and plan.revision:
            plan.organisation = org  # as read: not read again for the checks
            ready = services.readiness(campaign, plan)
            readiness = {
                "plan": plan.pk, "version": plan.revision, "ok": ready.ok, "score": ready.result.score,
                "attachment_missing": ready.attachment_missing, "blocking": [f.as_dict() for f in ready.blocking],
                "not_blocking": [f.as_dict() for f in ready.not_blocking],
            }
        subs = Submission.objects.filter(campaign=campaign, organisation=org).select_related(
            "organisation", "holder").prefetch_related("stages__collector")
        route = T.collectors_on_route(org)
        return Response({
            "organisation": org.code, "must_send": T.is_target(campaign, org, route),
            "route": [c.code for c in T.stage_collectors(campaign, org, route)],
            "submissions": SubmissionSerializer(subs, many=True).data, "readiness": readiness,
        })


def _submission(request, pk) -> Submission:
    return access.get_submission(request, pk)


class SubmissionDetail(APIView):
    @extend_schema(responses={200: SubmissionSerializer})
    def get(self, request, pk):
        return Response(SubmissionSerializer(_submission(request, pk)).data)


class SubmissionApprove(APIView):
    """The agency's approver approves what was put forward: the version is frozen and sent."""

    @extend_schema(request=ApproveSerializer, responses={200: SubmissionSerializer, **error_responses(400, 403, 409)})
    def post(self, request, pk):
        sub = _submission(request, pk)
        access.require(permissions.can_approve_plan(request.user, sub.organisation))
        body = ApproveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        sub = services.approve(sub, user=request.user, ip=client_ip(request), expected_lock=body.validated_data.get("lock"))
        return Response(SubmissionSerializer(sub).data)


class SubmissionDecline(APIView):
    @extend_schema(request=DeclineSerializer, responses={200: SubmissionSerializer, **error_responses(403, 409)})
    def post(self, request, pk):
        sub = _submission(request, pk)
        access.require(permissions.can_approve_plan(request.user, sub.organisation))
        body = DeclineSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        sub = services.decline(sub, user=request.user, comment=body.validated_data["comment"], ip=client_ip(request))
        return Response(SubmissionSerializer(sub).data)


class SubmissionDocument(APIView):
    """The plan as sent (the frozen version), for readers of the plan; every read from outside the
    agency is written to the plan's audit trail. Never available for a declaration."""

    @extend_schema(responses={200: inline_serializer("SubmissionDocument", {
        "submission": serializers.IntegerField(),
        "version": serializers.IntegerField(help_text="The plan's version that was sent"),
        "document": PlanDocumentSerializer(),
    }), **error_responses(403)})
    def get(self, request, pk):
        sub = _submission(request, pk)
        access.require(permissions.can_read_submission(request.user, sub))
        if not permissions.is_member(request.user, sub.organisation):
            record_read(sub.plan, request.user, ip=client_ip(request), version=sub.version,
                        detail={"submission": sub.pk, "campaign": sub.campaign_id, "via": "api"})
        return Response({"submission": sub.pk, "version": sub.version, "document": document_at(sub.plan, sub.version)})


class SubmissionAttachment(APIView):
    """The Word/PDF copy as it was when the plan was sent (a read, logged like the document)."""

    @extend_schema(responses={**ATTACHMENT_RESPONSES, **error_responses(403, 404)})
    def get(self, request, pk):
        return attachment_response(request, _submission(request, pk), via="api")


class SubmissionReview(APIView):
    """The collector holding the submission accepts it (it is forwarded up the route, or accepted for
    good at the campaign's collector) or returns it with comments on components. 403 outside the
    route; 409 when it is not with your office, or someone acted since the `lock` you send."""

    @extend_schema(request=ReviewSerializer, responses={200: SubmissionSerializer, **error_responses(400, 403, 409)})
    def post(self, request, pk):
        sub = _submission(request, pk)
        collector = access.reviewer_collector(request, sub)
        body = ReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        sub = services.review(sub, user=request.user, collector=collector, decision=data["decision"],
                              comments=data["comments"], expected_lock=data.get("lock"), ip=client_ip(request))
        return Response(SubmissionSerializer(sub).data)


class SubmissionHistory(generics.ListAPIView):
    """Every step: who, when, on whose behalf, what, with which comment. Outside the agency, not its
    internal steps (asked the approver, did not approve) and no addresses (`ip` null)."""

    serializer_class = EventSerializer
    pagination_class = None

    def get_queryset(self):
        self.sub = _submission(self.request, self.kwargs["pk"])
        return access.history(self.request.user, self.sub)

    def get_serializer_context(self):
        sub = getattr(self, "sub", None)  # None while the schema is generated
        visible = sub is not None and permissions.can_see_internal_steps(self.request.user, sub.organisation)
        return {**super().get_serializer_context(), "addresses_visible": visible}


class SubmissionComments(generics.ListAPIView):
    """Review comments; `open=true` for those still to be answered."""

    serializer_class = CommentSerializer
    pagination_class = None

    def get_queryset(self):
        sub = _submission(self.request, self.kwargs["pk"])
        qs = sub.comments.select_related("collector").order_by("created_at", "pk")
        if self.request.query_params.get("open") == "true":
            qs = qs.filter(resolved_at__isnull=True)
        return qs


class SubmissionAudit(generics.ListAPIView):
    """The plan's audit trail (changes, status changes, reads from outside the agency): the agency,
    administrators, OPDC's coordinators and approvers; the addresses (`ip`) only to the agency."""

    serializer_class = AuditSerializer

    def get_queryset(self):
        sub = access.get_audit_subject(self.request, _submission(self.request, self.kwargs["pk"]))
        if not sub.plan_id:
            return PlanAudit.objects.none()
        return PlanAudit.objects.filter(plan_id=sub.plan_id).order_by("-at", "-id")

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        sub = _submission(request, kwargs["pk"])
        details, addresses = (access.audit_details_visible(request.user, sub),
                              permissions.can_see_internal_steps(request.user, sub.organisation))
        for row in response.data["results"]:
            if not details:
                row["detail"] = {}
            if not addresses:
                row["ip"] = None
        return response
