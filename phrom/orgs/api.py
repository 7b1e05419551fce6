from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics

from .access import get_organisation_for_user
from .routes import stored_route
from .search import search_organisations
from .serializers import OrganisationDetailSerializer, OrganisationSerializer


@extend_schema(
    parameters=[
        OpenApiParameter("q", description="Words that the code or the Thai/English name contains"),
        OpenApiParameter("kind", description="Kind code, e.g. sao"),
        OpenApiParameter("province", description="Two-digit province code, e.g. 21"),
    ]
)
class OrganisationList(generics.ListAPIView):
    """The organisation directory, searchable."""

    serializer_class = OrganisationSerializer

    def get_queryset(self):
        p = self.request.query_params
        return search_organisations(p.get("q", ""), kind=p.get("kind", ""), province=p.get("province", ""))


class OrganisationDetail(generics.RetrieveAPIView):
    """One organisation with the route its plan takes."""

    serializer_class = OrganisationDetailSerializer

    def get_object(self):
        return get_organisation_for_user(self.request, self.kwargs["code"])

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if "code" in self.kwargs:
            context["route"] = stored_route(self.get_object())
        return context
