"""The statistics in the REST API: the same figures as the dashboard and `phrom stats --json`."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from phrom.core.api import error_responses

from .access import query_for
from .figures import FIRST_YEAR, figures
from .output import current_fiscal_year, plain, read_filters, read_fiscal_year
from .sites import shared_sites

PARAMETERS = [
    # The upper bound moves on 1 October; the one documented when the server started stays within it.
    OpenApiParameter("fiscal_year", {"type": "integer", "minimum": FIRST_YEAR, "maximum": current_fiscal_year() + 1},
                     description=f"Fiscal year (B.E.) from {FIRST_YEAR} to next year; the current one by default."),
    OpenApiParameter("province", str, description="Official two-digit province code (10 Bangkok … 96)."),
    OpenApiParameter("kind", str, description="Organisation kind code (e.g. provincial_unit)."),
    OpenApiParameter("ministry", str, description="Code of a ministry: the organisations of its tree."),
    OpenApiParameter("collector", str, description="Code of a collector: the organisations whose plans it collects."),
]

EXAMPLE = {
    "fiscal_year": 2563, "total": 8281, "with_plan": 3616, "accepted": 3400, "percent": 43.66,
    "accepted_percent": 41.06, "content_plans": 3600, "sensitive_plans": 16,
    "scenarios": {"cyber": {"plans": 932, "percent": 25.9}},
    "by_kind": {"department": {"total": 153, "with_plan": 150, "accepted": 149, "percent": 98.04,
                               "accepted_percent": 97.39}},
    "by_province": {"21": {"total": 120, "with_plan": 60, "accepted": 50, "percent": 50.0, "accepted_percent": 41.67}},
    "by_ministry": {"MOI": {"total": 900, "with_plan": 500, "accepted": 450, "percent": 55.56,
                            "accepted_percent": 50.0}},
}


class Statistics(APIView):
    """Coverage and content figures of a fiscal year in the caller's scope (OPDC: the nation; a
    provincial office: its province; a ministry or department: its subtree; the BMA disaster office:
    its units; another agency: its peers of the same kind and province), narrowed by the filters.

    Coverage: `total` organisations that must have a plan, `with_plan` whose plan of the year left
    draft, `accepted`, `percent` (two decimals, half up), also `by_kind`, `by_province`, `by_ministry`
    (key `none`: no province / no ministry; the groups sum to the totals). Content figures
    (`scenarios`, `processes`, `findings`, `reviewed_12_months`) are over `content_plans`: latest sent
    versions the caller may read; `sensitive_plans` count in coverage only. `trend`: coverage per year."""

    @extend_schema(parameters=PARAMETERS, responses={200: OpenApiTypes.OBJECT},
                   examples=[OpenApiExample("national", value=EXAMPLE, response_only=True)])
    def get(self, request):
        query = query_for(request.user, read_fiscal_year(request.query_params.get("fiscal_year")),
                          read_filters(request.query_params))
        return Response(plain(figures(query)))


class SiteAgencySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    sites = serializers.ListField(child=serializers.CharField(), help_text="Alternate sites its plan counts on")
    scarce = serializers.ListField(child=serializers.CharField(), help_text="Equipment, supplies and IT it needs")


class SiteSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="The site as the first plan names it")
    agencies = serializers.ListField(child=serializers.CharField(), help_text="Codes of the agencies counting on it")


class SharedSitesSerializer(serializers.Serializer):
    plans = serializers.IntegerField(help_text="Sent, non-sensitive plans read")
    shared = SiteSerializer(many=True, help_text="Sites more than one plan counts on")
    agencies = SiteAgencySerializer(many=True)


class SharedSites(APIView):
    """Shared alternate sites and scarce resources in the viewer's scope (the page /statistics/sites/)."""

    @extend_schema(parameters=PARAMETERS, responses={200: SharedSitesSerializer, **error_responses(400, 403)})
    def get(self, request):
        query = query_for(request.user, read_fiscal_year(request.query_params.get("fiscal_year")),
                          read_filters(request.query_params))
        found = shared_sites(query)
        return Response(SharedSitesSerializer({
            "plans": found["plans"], "agencies": [vars(a) for a in found["agencies"]],
            "shared": [{"name": s.name, "agencies": [a.code for a in s.agencies]} for s in found["shared"]],
        }).data)
