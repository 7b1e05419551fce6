"""Search across plans in the REST API: the same search as the page, under the same rules."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from phrom.accounts import permissions
from phrom.core.api import ErrorSerializer
from phrom.plans.codes import COMPONENTS, HEADER

from .forms import FIRST_YEAR, MAX_QUERY, SearchForm, current_fiscal_year
from .index import search

PARAMETERS = [
    OpenApiParameter("q", {"type": "string", "maxLength": MAX_QUERY},
                     description="The words, Thai or English (cut into words with PyThaiNLP and searched as a phrase)"),
    # The upper bound moves on 1 October; the one documented when the server started stays within it.
    OpenApiParameter("fiscal_year", {"type": "integer", "minimum": FIRST_YEAR, "maximum": current_fiscal_year() + 1},
                     description=f"Fiscal year (B.E.) from {FIRST_YEAR} to next year; the current one by default."),
    OpenApiParameter("component", {"type": "string", "enum": [HEADER, *[c for c in COMPONENTS if c != "call_tree"]]},
                     description="Only this part of the plan"),
    OpenApiParameter("page", {"type": "integer", "minimum": 1}, description="From 1"),
]


class PartSerializer(serializers.Serializer):
    text = serializers.CharField()
    mark = serializers.BooleanField(help_text="One of the words searched for")


class ComponentSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()


class HitSerializer(serializers.Serializer):
    plan = serializers.IntegerField(source="plan_id")
    organisation = serializers.CharField(source="organisation_code")
    organisation_name = serializers.CharField(source="organisation")
    fiscal_year = serializers.IntegerField()
    title = serializers.CharField()
    components = serializers.SerializerMethodField()
    snippet = serializers.SerializerMethodField()

    def get_components(self, hit) -> list[dict]:
        return ComponentSerializer([{"key": k, "label": label} for k, label in hit.components], many=True).data

    def get_snippet(self, hit) -> list[dict]:
        return PartSerializer([{"text": t, "mark": m} for t, m in hit.snippet], many=True).data


class ResultsSerializer(serializers.Serializer):
    query = serializers.CharField()
    words = serializers.ListField(child=serializers.CharField(), help_text="The query as cut into words")
    fiscal_year = serializers.IntegerField()
    count = serializers.IntegerField(source="total", help_text="Plans found")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = HitSerializer(source="hits", many=True)


class Search(APIView):
    """Sent plans the caller may read (its own agencies', those it collects or is informed of; every
    one for OPDC) of one fiscal year whose words hold `q`: the plans with the most parts found first,
    20 a page, each with the parts of the plan where the words occur and a snippet (`mark`: the words
    found). Only the latest version sent of each plan is searched, never unsent edits; security-
    sensitive plans are never searched. An empty `q` finds nothing."""

    @extend_schema(parameters=PARAMETERS, responses={200: ResultsSerializer, 400: ErrorSerializer,
                                                     403: ErrorSerializer})
    def get(self, request):
        if not permissions.can_search_plans(request.user):
            raise PermissionDenied
        form = SearchForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors)
        asked = form.query()
        results = search(request.user, asked["query"], asked["fiscal_year"], component=asked["component"],
                         page=asked["page"])
        return Response(ResultsSerializer(results).data)
