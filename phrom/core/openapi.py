"""The OpenAPI document says exactly what the server does (issue 11; tests/api/test_contract.py runs
schemathesis over it as every role):

- document_errors: the error answers every operation can give, listed on every operation;
- no_null_characters: the texts a request may send hold no NUL character (DRF refuses them);
- QueryParametersMiddleware: an API request's query parameters are checked against the document
  (type, bounds, choices, required), so that the document and the server cannot disagree: 400
  `invalid` in the one error envelope otherwise.
"""

from __future__ import annotations

import functools
import re

from django.http import JsonResponse
from django.utils.translation import gettext

from .errors import CODES

API_PREFIX = "/api/v1/"

# The statuses any operation may answer whatever it does.
COMMON_ERRORS = {
    "401": "No credentials, or a token that is not valid (code not_authenticated / authentication_failed)",
    "403": "Not allowed to this user (code permission_denied, or a code of docs/errors.md)",
    "429": "Over a rate limit (code throttled); Retry-After says when to try again",
}


def document_errors(result, generator, request, public):
    """drf-spectacular post-processing hook: the common error answers on every operation; 404 where
    the path or the body names an object or the list is paged (a page past the end); 400 where the
    request has query parameters or a body; 415 where it has a body (in another media type)."""
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, item in result["paths"].items():
        for op in item.values():
            if not isinstance(op, dict) or "responses" not in op:
                continue
            parameters = op.get("parameters", [])
            body = bool(op.get("requestBody"))
            statuses = dict(COMMON_ERRORS)
            if not op.get("security"):  # no authentication at all (a crisis answer link's token): no 401/403
                del statuses["401"], statuses["403"]
            if "{" in path or body or any(p["in"] == "query" and p["name"] == "page" for p in parameters):
                statuses["404"] = "No such object, or none this user may know of (code not_found)"
            if body or any(p["in"] == "query" for p in parameters):
                statuses["400"] = "Invalid input (code invalid, or a code of docs/errors.md)"
            if body:
                statuses["415"] = "A body in another media type than documented (code unsupported_media_type)"
            for status, description in statuses.items():
                op["responses"].setdefault(status, {"description": description, "content": error})
    return result


def _strings_of(schema: dict):
    """Every string schema that is free text inside `schema` (not a date, a choice or a pattern)."""
    if schema.get("type") == "string" and not {"format", "enum", "pattern"} & set(schema):
        yield schema
    children = list(schema.get("properties", {}).values())
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            children.append(schema[key])
    for key in ("allOf", "oneOf", "anyOf"):
        children += schema.get(key, [])
    for child in children:
        yield from _strings_of(child)


def no_null_characters(result, generator, request, public):
    """drf-spectacular post-processing hook: a text sent to the API may not hold a NUL character
    (DRF's CharField refuses it): the request schemas say so."""
    for name, schema in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request"):
            for text in _strings_of(schema):
                text["pattern"] = "^[^\\u0000]*$"
    return result


@functools.cache
def _operations() -> list[tuple[re.Pattern, str, dict]]:
    """(path regex, method, {query parameter name: its OpenAPI parameter}), literal paths first."""
    from drf_spectacular.generators import SchemaGenerator

    doc = SchemaGenerator().get_schema(request=None, public=True)
    out = []
    for path, item in sorted(doc["paths"].items(), key=lambda kv: kv[0].count("{")):
        regex = re.compile("^" + re.sub(r"\\{\w+\\}", "[^/]+", re.escape(path)) + "$")
        for method, op in item.items():
            if isinstance(op, dict) and "responses" in op:
                params = {p["name"]: p for p in op.get("parameters", []) if p["in"] == "query"}
                out.append((regex, method.upper(), params))
    return out


def _problem(values: list[str], schema: dict) -> str | None:
    """What is wrong with a query parameter's values for its schema, or None."""
    if len(values) > 1 and schema.get("type") != "array":
        return gettext("one value only")
    value = values[0]
    kind = schema.get("type")
    if kind == "integer":
        if not re.fullmatch(r"-?\d{1,4000}", value):
            return gettext("a whole number")
        number = int(value)
        if "minimum" in schema and number < schema["minimum"]:
            return gettext("at least %(minimum)s") % {"minimum": schema["minimum"]}
        if "maximum" in schema and number > schema["maximum"]:
            return gettext("at most %(maximum)s") % {"maximum": schema["maximum"]}
    elif kind == "boolean" and value not in ("true", "false"):
        return gettext("true or false")
    if "enum" in schema and value not in [str(v) for v in schema["enum"]]:
        return gettext("one of %(choices)s") % {"choices": ", ".join(str(v) for v in schema["enum"])}
    return None


def query_errors(path: str, method: str, query) -> dict[str, list[str]]:
    for regex, op_method, params in _operations():
        if op_method == method and regex.match(path):
            errors = {}
            for name, param in params.items():
                values = query.getlist(name)
                if not values:
                    if param.get("required"):
                        errors[name] = [gettext("required")]
                    continue
                problem = _problem(values, param.get("schema", {}))
                if problem:
                    errors[name] = [problem]
            return errors
    return {}


class QueryParametersMiddleware:
    """400 for an API request whose query parameters are not what the OpenAPI document says."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(API_PREFIX):
            errors = query_errors(request.path, request.method, request.GET)
            if errors:
                body = {"code": "invalid", "message": gettext(CODES["invalid"].message), "fields": errors}
                return JsonResponse({"error": body}, status=400)
        return self.get_response(request)
