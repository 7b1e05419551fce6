"""Shared REST API pieces: pagination and one JSON shape for every error."""

from rest_framework import pagination
from rest_framework.views import exception_handler as drf_exception_handler


class Pagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


def exception_handler(exc, context):
    """Every error body is {"error": {"code", "message", "fields"?}} whatever raised it."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    code = getattr(exc, "default_code", "error")
    if isinstance(data, dict) and "detail" in data and len(data) == 1:
        body = {"code": getattr(data["detail"], "code", code), "message": str(data["detail"])}
    else:
        body = {"code": "invalid", "message": "The request has invalid fields.", "fields": data}
    response.data = {"error": body}
    return response
