"""The recovery gaps in the REST API, in the viewer's scope."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_noop
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from phrom.accounts import permissions
from phrom.core.api import ErrorSerializer
from phrom.core.errors import InvalidInput
from phrom.core.messages import both

from .reports import GapFilters, current_fiscal_year, gap_rows


class ChainStep(serializers.Serializer):
    kind = serializers.CharField(help_text="process, utility or supplier")
    organisation = serializers.CharField(required=False)
    organisation_name = serializers.CharField(required=False)
    process = serializers.CharField(required=False)
    utility = serializers.CharField(required=False)
    name = serializers.CharField()
    hours = serializers.FloatField(allow_null=True, help_text="When it is back (its achievable time)")
    rto_hours = serializers.FloatField(required=False, allow_null=True)
    covered_hours = serializers.FloatField(allow_null=True, help_text="Hours the dependant's own arrangement covers")


class GapSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    process = serializers.CharField(help_text="The process's key in the agency's plan")
    rto_hours = serializers.FloatField()
    mtpd_hours = serializers.FloatField(allow_null=True)
    achievable_hours = serializers.FloatField(help_text="The soonest the process can be back, given what it depends on")
    severe = serializers.BooleanField(help_text="The achievable time exceeds the MTPD")
    chain = ChainStep(many=True, help_text="The dependencies that set the achievable time, one after another")
    organisation_name = serializers.CharField()
    process_name = serializers.CharField()
    province = serializers.CharField(allow_blank=True)
    kind = serializers.CharField()
    ministry = serializers.CharField(allow_blank=True)


class RtoGaps(APIView):
    """Processes whose RTO cannot be met because of what they depend on, over the plans sent in the fiscal
    year: OPDC sees every agency, a collector the agencies on its routes (their own and the sent plans they
    may read). Security-sensitive plans never take part."""

    @extend_schema(
        parameters=[
            OpenApiParameter("fiscal_year", int, description="Fiscal year (B.E.); default: the current one"),
            OpenApiParameter("organisation", str, description="One agency's code"),
            OpenApiParameter("province", str, description="A province's two-digit code"),
            OpenApiParameter("kind", str, description="An organisation kind's code"),
            OpenApiParameter("ministry", str, description="A ministry's code: the agencies under it"),
            OpenApiParameter("dependency", str, description="A utility's code, an agency's code or CODE/KEY"),
        ],
        responses={200: GapSerializer(many=True), 400: OpenApiResponse(ErrorSerializer, description="fiscal_year is not a year"),
                   403: OpenApiResponse(ErrorSerializer, description="neither OPDC nor a collector")},
    )
    def get(self, request):
        if not permissions.can_see_gap_list(request.user):
            raise PermissionDenied
        filters = GapFilters(**{name: request.query_params.get(name, "").strip() for name in (
            "province", "kind", "ministry", "organisation", "dependency")})
        year = _year(request.query_params.get("fiscal_year"))
        rows = gap_rows(year, scope=permissions.gap_list_organisation_ids(request.user), filters=filters)
        return Response(GapSerializer([r.as_dict() for r in rows], many=True).data)


def _year(value) -> int:
    if not value:
        return current_fiscal_year()
    if not value.isdigit():
        th, en = both(gettext_noop("Enter a fiscal year in the Buddhist era, e.g. 2570."))
        raise InvalidInput([{"path": "fiscal_year", "message_th": th, "message_en": en}])
    return int(value)
