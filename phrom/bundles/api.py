"""Bundles in the REST API: ask for a ZIP of many plans, poll it, download it, under the same access
helpers as the pages (403 when the user may not ask for that scope or may no longer read a plan in it)."""

from django.http import FileResponse
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, renderers
from rest_framework.response import Response
from rest_framework.views import APIView

from phrom.core.http import client_ip
from phrom.privacy.exports import record_bundle_export

from . import access, services
from .models import PlanBundle
from .serializers import BundleRequestSerializer, BundleSerializer


class BundleList(generics.ListAPIView):
    """Your bundles, newest first; POST asks for a new one (built in the background: poll status_url)."""

    serializer_class = BundleSerializer
    throttle_scope = "bundles"
    throttle_methods = ["POST"]

    def get_queryset(self):
        return PlanBundle.objects.filter(requested_by=self.request.user).select_related("province", "root")

    @extend_schema(request=BundleRequestSerializer, responses={202: BundleSerializer})
    def post(self, request):
        data = BundleRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        bundle = services.request_bundle(
            request.user, province=v.get("province"), root=v.get("organisation"), campaign=v.get("campaign"),
            fiscal_year=v.get("fiscal_year"), language=get_language(), ip=client_ip(request),
        )
        return Response(BundleSerializer(bundle).data, status=202)


class BundleDetail(APIView):
    """The bundle's status and progress (done of total plans)."""

    @extend_schema(responses={200: BundleSerializer})
    def get(self, request, pk):
        return Response(BundleSerializer(access.get_bundle_for_user(request, pk)).data)


class ZipRenderer(renderers.BaseRenderer):
    """Lets a client ask for `Accept: application/zip`; the ZIP itself is a FileResponse, and an
    error body is still JSON."""

    media_type = "application/zip"
    format = "zip"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return renderers.JSONRenderer().render(data)


class BundleDownload(APIView):
    """The ZIP: a PDF and a Word file per plan and index.csv. Access is checked again."""

    renderer_classes = [renderers.JSONRenderer, ZipRenderer]

    @extend_schema(responses={(200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY)})
    def get(self, request, pk):
        bundle = access.get_bundle_to_download(request, pk)
        record_bundle_export(request, bundle, via="api")
        return FileResponse(bundle.file.open("rb"), as_attachment=True, filename=bundle.download_name(),
                            content_type="application/zip")
