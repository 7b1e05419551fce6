"""Shared REST API pieces: pagination, and the one error envelope every API error is rendered in."""

from django.http import Http404
from django.utils.translation import get_language, gettext
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, pagination, serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from .errors import CODES, PhromError

MAX_PAGE_SIZE = 500
# The paging parameters as documented (and so checked: phrom.core.openapi); a page past the end is 404.
PAGE = OpenApiParameter("page", {"type": "integer", "minimum": 1}, description="From 1")
PAGE_SIZE = OpenApiParameter("page_size", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
                             description=f"Rows per page, at most {MAX_PAGE_SIZE}")


class TextField(serializers.CharField):
    """A text: a number or a boolean sent where the document says string is refused, not read as its digits."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class Pagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_schema_operation_parameters(self, view):
        return [{"name": p.name, "required": False, "in": "query", "description": p.description, "schema": p.type}
                for p in (PAGE, PAGE_SIZE)]


class ErrorBodySerializer(serializers.Serializer):
    """The shape of `error` (docs/errors.md); further keys, if any, depend on the code."""

    code = serializers.ChoiceField(choices=sorted(CODES), help_text="Stable: decide on it, not on the message")
    message = serializers.CharField(help_text="In the request's language (Accept-Language; Thai by default)")
    message_th = serializers.CharField(required=False)
    message_en = serializers.CharField(required=False)
    fields = serializers.DictField(child=serializers.JSONField(), required=False,
                                   help_text="The fields (or paths) at fault, each with its messages (nested "
                                             "like the body for a list of objects)")
    errors = serializers.ListField(child=serializers.DictField(), required=False,
                                   help_text="Invalid input: {path, message_th, message_en} for each problem")


class ErrorSerializer(serializers.Serializer):
    error = ErrorBodySerializer()


def exception_handler(exc, context):
    """Every API error as {"error": {"code", "message", …}}: a PhromError with its Thai and English
    messages and details; the framework's errors (invalid input, 401, 403, 404 — Http404 and Django's
    PermissionDenied included —, 405, throttling) with DRF's code and message."""
    if isinstance(exc, PhromError):
        set_rollback()
        _as_json(context)
        return Response({"error": exc.as_dict()}, status=exc.status)
    if isinstance(exc, Http404) and get_language() != "en":
        # get_object_or_404's "No Plan matches the given query." is English only: in any other
        # language the code's own translated message.
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    _as_json(context)
    data = response.data
    if isinstance(data, dict) and "detail" in data and len(data) == 1:
        body = {"code": getattr(data["detail"], "code", getattr(exc, "default_code", "error")),
                "message": str(data["detail"])}
    else:
        body = {"code": "invalid", "message": gettext(CODES["invalid"].message), "fields": data}
    response.data = {"error": body}
    return response


def _as_json(context):
    """An error is JSON even where the client asked for the ZIP or PDF it was after."""
    request = context.get("request")
    if request is not None:
        request.accepted_renderer, request.accepted_media_type = JSONRenderer(), "application/json"


def error_responses(*statuses: int) -> dict:
    """For extend_schema(responses=…): these statuses answer with the error envelope."""
    return {status: ErrorSerializer for status in statuses}

