"""The exchange format in the REST API: one plan out as exchange JSON, plans in from it."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_noop
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from phrom.accounts import permissions
from phrom.core.api import ErrorSerializer
from phrom.core.errors import InvalidInput
from phrom.core.http import client_ip
from phrom.documents.files import requested_version
from phrom.plans import access
from phrom.privacy.exports import What, record_export

from .export import export_plans
from .importer import import_plans


class PlanExport(APIView):
    """The plan in the exchange format (`phrom-plan-exchange/1`, docs/exchange.md), now or at a version.
    Same access as reading the plan: a security-sensitive plan only for its own agency."""

    @extend_schema(
        parameters=[OpenApiParameter("version", int, description="The plan as it was at this version (default: now)")],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request, pk):
        plan = access.get_plan_for_user(request, pk)
        version = requested_version(request, plan)
        data = export_plans([plan], user=request.user, version=version, ip=client_ip(request))
        record_export(request, What.PLAN_JSON, [plan], version=version, via="api")
        response = Response(data)
        response["Content-Disposition"] = f'inline; filename="plan-{plan.organisation.code}-{plan.fiscal_year}.json"'
        return response


class PlanImport(APIView):
    """Import plans from exchange JSON: one plan, a list of plans or the envelope. All or nothing:
    with any problem the answer is 400 with every error and its path, and nothing is stored. A state
    other than draft only from an administrator (403 import_state_refused): campaigns set states."""

    parser_classes = [JSONParser]
    throttle_scope = "imports"

    @extend_schema(
        request=OpenApiTypes.OBJECT,
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="created, updated and unchanged plans"),
            400: OpenApiResponse(ErrorSerializer, description="error.errors lists {path, message_th, message_en}"),
            403: OpenApiResponse(ErrorSerializer, description="not a coordinator; or code import_state_refused: a "
                                 "state other than draft from someone not allowed to set it (nothing imported)"),
        },
    )
    def post(self, request):
        if not permissions.can_import_plans(request.user):
            raise PermissionDenied
        report = import_plans(request.data, user=request.user, ip=client_ip(request))
        if report.code == "import_state_refused":
            raise InvalidInput(report.errors, code=report.code)
        if not report.ok:
            raise InvalidInput(report.errors, msgid=gettext_noop(
                "The file was refused and nothing was imported: fix every problem listed."))
        return Response(report.as_dict())
