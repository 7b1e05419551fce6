"""Plans in the REST API: the plan, each component (read and write with the concurrency check),
versions, differences, findings, the self-assessment checklist, the strategy map, the audit trail."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_noop
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from phrom.accounts import permissions
from phrom.core.api import ErrorSerializer
from phrom.core.errors import PhromError
from phrom.core.http import client_ip
from phrom.orgs.models import Organisation
from phrom.privacy.exports import What, record_export

from . import access
from .attachments import ATTACHMENT_RESPONSES, file_response
from .checklist import (
    answer_items,
    checklist,
    checklist_summary,
    stored_answers,
    strategy_map,
)
from .codes import ALL_COMPONENTS
from .content import (
    apply_component,
    component_document,
    diff_versions,
    document_at,
    export_document,
)
from .models import Plan, PlanAudit, PlanVersion, Scenario
from .quality import check_stored_plan, scenario_names
from .serializers import (
    AttachmentSerializer,
    AuditSerializer,
    ChecklistSerializer,
    ChecklistWriteSerializer,
    ComponentSavedSerializer,
    ComponentSerializer,
    ComponentWriteSerializer,
    DiffSerializer,
    FindingsSerializer,
    PlanCreateSerializer,
    PlanDetailSerializer,
    PlanDocumentSerializer,
    PlanSerializer,
    ScenarioSerializer,
    StrategyMapSerializer,
    TemplateSerializer,
    VersionSerializer,
)
from .services import attach_file, create_plan, detach_file, starter_templates

VERSION_PARAM = OpenApiParameter("version", int, description="The plan as it was at this version (default: now)")


def _version_param(request, plan: Plan, name: str = "version") -> int | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    try:
        number = int(raw)
    except ValueError:
        raise Http404 from None
    if not 1 <= number <= plan.revision:
        raise Http404
    return number


class PlanList(generics.ListCreateAPIView):
    """Plans the user may see: all of their own organisations'; others' once submitted, and of a
    security-sensitive plan only its title. POST creates a plan (empty, from a starter template or
    as a copy of an earlier plan)."""

    serializer_class = PlanSerializer

    @extend_schema(parameters=[
        OpenApiParameter("organisation", description="Organisation code"),
        OpenApiParameter("fiscal_year", int, description="Fiscal year (B.E.)"),
        OpenApiParameter("status", description="draft, submitted, returned or accepted"),
    ])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        qs = permissions.listable_plans(self.request.user)
        p = self.request.query_params
        if p.get("organisation"):
            qs = qs.filter(organisation__code=p["organisation"])
        if p.get("fiscal_year", "").isdigit():
            qs = qs.filter(fiscal_year=int(p["fiscal_year"]))
        if p.get("status"):
            qs = qs.filter(status=p["status"])
        return qs.order_by("organisation__code", "-fiscal_year")

    def get_serializer_context(self):
        user = self.request.user
        return {**super().get_serializer_context(), "readable": lambda plan: permissions.can_read_live_plan(user, plan.organisation)}

    @extend_schema(request=PlanCreateSerializer, responses={201: PlanDetailSerializer, 400: ErrorSerializer, 403: ErrorSerializer})
    def post(self, request, *args, **kwargs):
        body = PlanCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        org = get_object_or_404(Organisation, code=data["organisation"])
        if not permissions.can_edit_plan(request.user, org):
            raise PermissionDenied
        copy_from = None
        if data.get("copy_from"):
            copy_from = access.get_plan_for_user(request, data["copy_from"])
        plan = create_plan(
            org, user=request.user, template=data.get("template"), copy_from=copy_from,
            fiscal_year=data.get("fiscal_year"), classification=data.get("classification"), title=data.get("title"),
            ip=client_ip(request),
        )
        return Response(PlanDetailSerializer(plan, context={"request": request}).data, status=201)


class PlanDetail(APIView):
    """One plan's metadata and the revision of each component."""

    @extend_schema(responses={200: PlanDetailSerializer})
    def get(self, request, pk):
        plan = access.get_plan_for_user(request, pk)
        return Response(PlanDetailSerializer(plan, context={"request": request}).data)


class PlanDocument(APIView):
    """The whole plan as one `phrom-plan/1` document, now or at a version."""

    @extend_schema(parameters=[VERSION_PARAM], responses={200: PlanDocumentSerializer})
    def get(self, request, pk):
        plan = access.get_plan_for_user(request, pk)
        number = _version_param(request, plan)
        return Response(export_document(plan) if number is None else document_at(plan, number))


def _if_match(request) -> int | None:
    header = request.headers.get("If-Match", "")
    match = re.fullmatch(r'\s*(?:W/)?"?(\d+)"?\s*', header)
    return int(match.group(1)) if match else None


class PlanComponent(APIView):
    """One component of a plan. GET gives its data and revision (also as the ETag); PUT saves it
    with the revision you loaded (in the body or as If-Match). If someone saved the component
    since, the answer is 409 and nothing is saved."""

    parser_classes = [JSONParser]

    def _component(self, component):
        if component not in ALL_COMPONENTS:
            raise Http404
        return component

    @extend_schema(responses={200: ComponentSerializer})
    def get(self, request, pk, component):
        component = self._component(component)
        plan = access.get_plan_for_user(request, pk)
        revision = plan.component_revision(component)
        response = Response({"component": component, "revision": revision, "data": component_document(plan, component)})
        response["ETag"] = f'"{revision}"'
        return response

    @extend_schema(
        request=ComponentWriteSerializer,
        parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, required=False,
                                     description="The revision you loaded, e.g. \"3\" (instead of `revision`)")],
        responses={
            200: ComponentSavedSerializer,
            400: OpenApiResponse(ErrorSerializer, description="Invalid data: error.fields maps paths to messages"),
            409: OpenApiResponse(ErrorSerializer, description="Someone saved this component after you loaded it"),
            428: OpenApiResponse(ErrorSerializer, description="No revision given"),
        },
    )
    def put(self, request, pk, component):
        component = self._component(component)
        plan = access.get_plan_for_user(request, pk, write=True)
        body = ComponentWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        revision = body.validated_data.get("revision")
        if revision is None:
            revision = _if_match(request)
        if revision is None:
            raise PhromError("revision_required")
        saved = apply_component(plan, component, body.validated_data["data"], user=request.user,
                                expected_revision=revision, ip=client_ip(request),
                                summary=body.validated_data.get("summary", ""))
        revision = plan.component_revision(component)
        response = Response({
            "component": component, "revision": revision, "data": saved.data[component],
            "version": saved.version, "changed": saved.changed, "revisions": saved.revisions,
        })
        response["ETag"] = f'"{revision}"'
        return response


class PlanVersions(APIView):
    """The plan's versions, newest first: who saved what, and how many rows each save changed."""

    @extend_schema(responses={200: VersionSerializer(many=True)})
    def get(self, request, pk):
        plan = access.get_plan_for_user(request, pk)
        rows = PlanVersion.objects.filter(plan=plan).order_by("-number", "component").values_list(
            "number", "component", "created_at", "author__username", "summary", "changes"
        )
        versions: dict[int, dict] = {}
        for number, component, created_at, author, summary, changes in rows:
            v = versions.setdefault(number, {
                "number": number, "created_at": created_at, "author": author, "summary": summary, "components": {},
            })
            v["components"][component] = changes
        return Response(list(versions.values()))


class PlanVersionDocument(APIView):
    """The plan as it was at one version."""

    @extend_schema(responses={200: PlanDocumentSerializer})
    def get(self, request, pk, number):
        plan = access.get_plan_for_user(request, pk)
        if not 1 <= number <= plan.revision:
            raise Http404
        return Response(document_at(plan, number))


class PlanDiff(APIView):
    """What changed between two versions, component by component (lists compared by key)."""

    @extend_schema(
        parameters=[OpenApiParameter("from", int, required=True), OpenApiParameter("to", int, description="Default: latest")],
        responses={200: DiffSerializer},
    )
    def get(self, request, pk):
        plan = access.get_plan_for_user(request, pk)
        a = _version_param(request, plan, "from")  # required: checked from the OpenAPI document
        b = _version_param(request, plan, "to") or plan.revision
        return Response(diff_versions(plan, a, b))


class PlanFindings(APIView):
    """The quality checker's findings and the completeness score, now or at a version."""

    @extend_schema(parameters=[VERSION_PARAM], responses={200: FindingsSerializer})
    def get(self, request, pk):
        plan = access.get_plan_for_user(request, pk)
        number = _version_param(request, plan)
        result = check_stored_plan(plan, version=number)
        return Response({"version": number or plan.revision, **result.as_dict()})


class PlanChecklist(APIView):
    """The OPDC self-assessment checklist: answered from the plan where it can be, else by the coordinator."""

    @extend_schema(responses={200: ChecklistSerializer})
    def get(self, request, pk):
        plan = access.get_plan_for_user(request, pk)
        return Response(self._body(plan))

    def _body(self, plan):
        from .content import bangkok_today

        rows = checklist(export_document(plan), stored_answers(plan), today=bangkok_today())
        return {"items": rows, "summary": checklist_summary(rows)}

    @extend_schema(request=ChecklistWriteSerializer, responses={200: ChecklistSerializer, 400: ErrorSerializer})
    def put(self, request, pk):
        plan = access.get_plan_for_user(request, pk, write=True)
        body = ChecklistWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        answer_items(plan, body.validated_data["answers"], user=request.user, ip=client_ip(request))
        return Response(self._body(plan))


class PlanStrategyMap(APIView):
    """The BCP strategy map: scenario → impacted resource categories → strategies."""

    @extend_schema(parameters=[VERSION_PARAM], responses={200: StrategyMapSerializer(many=True)})
    def get(self, request, pk):
        plan = access.get_plan_for_user(request, pk)
        number = _version_param(request, plan)
        doc = export_document(plan) if number is None else document_at(plan, number)
        return Response(strategy_map(doc, scenario_names()))


class PlanAuditTrail(generics.ListAPIView):
    """The plan's audit trail (the agency's own members only): who changed what, when, from where."""

    serializer_class = AuditSerializer

    def get_queryset(self):
        plan = access.get_plan_for_user(self.request, self.kwargs["pk"])
        if not permissions.can_view_plan_audit(self.request.user, plan.organisation):
            raise PermissionDenied
        return PlanAudit.objects.filter(plan=plan).order_by("-at", "-id")


class PlanAttachment(APIView):
    """The agency's original Word/PDF: GET downloads it, PUT (multipart, field `file`) replaces it, DELETE removes it."""

    parser_classes = [MultiPartParser]

    @extend_schema(responses=ATTACHMENT_RESPONSES)
    def get(self, request, pk):
        plan = access.get_plan_for_user(request, pk)
        if not plan.attachment:
            raise Http404
        record_export(request, What.ATTACHMENT, [plan], via="api")
        return file_response(plan.attachment)

    @extend_schema(request=AttachmentSerializer, responses={200: PlanDetailSerializer, 400: ErrorSerializer})
    def put(self, request, pk):
        plan = access.get_plan_for_user(request, pk, write=True)
        upload = request.FILES.get("file")
        if upload is None:
            raise PhromError("invalid", gettext_noop("Choose a file."), field="file")
        try:
            attach_file(plan, upload, user=request.user, ip=client_ip(request))
        except ValidationError as e:
            raise PhromError("invalid", messages=(_translated(e, "th"), _translated(e, "en")), field="file") from e
        return Response(PlanDetailSerializer(plan, context={"request": request}).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk):
        plan = access.get_plan_for_user(request, pk, write=True)
        detach_file(plan, user=request.user, ip=client_ip(request))
        return Response(status=204)


def _translated(error: ValidationError, language: str) -> str:
    from django.utils import translation

    with translation.override(language):
        return " ".join(str(m) for m in error.messages)


class StarterTemplateList(APIView):
    """Starter templates to begin a plan from; `kind` filters those meant for an organisation kind."""

    @extend_schema(parameters=[OpenApiParameter("kind", description="Organisation kind code")],
                   responses={200: TemplateSerializer(many=True)})
    def get(self, request):
        kind = request.query_params.get("kind")
        rows = [
            {"code": t.code, "name_th": t.name_th, "name_en": t.name_en, "description_th": t.description_th,
             "description_en": t.description_en, "kinds": list(t.kinds)}
            for t in starter_templates() if not kind or t.fits(kind)
        ]
        return Response(rows)


class ScenarioList(generics.ListAPIView):
    """The scenario catalogue, with each scenario's lead office."""

    serializer_class = ScenarioSerializer
    pagination_class = None
    queryset = Scenario.objects.all()
