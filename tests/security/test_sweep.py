"""The permission sweep (issue 11): every URL pattern and every OpenAPI operation, requested as every
role, answers as tests/security/sweep_table.py says; a route without a row there fails, so that a new
page or endpoint cannot ship unchecked. The world and the requests: tests/helpers/sweep.py."""

import re

import pytest
from django.urls import reverse

from tests.helpers import sweep
from tests.security.sweep_table import ADMIN_MODEL_PAGE, API, METHODS, PAGES

TABLE = "tests/security/sweep_table.py"
HOW = (f"Add it to {TABLE} (its docstring says how): the URL arguments name objects of the sweep's world, "
       f"and each method has one outcome per role, in this order: {' '.join(sweep.ROLES)}.")
# The OpenAPI document's own pages are pages (PAGES), not operations.
API_PAGES = {"api-schema", "api-docs"}


def _sample(param: str) -> str:
    return {"fmt": "pdf", "code": "X", "component": "team", "slug": "team", "uidb64": "MQ", "token": "t-t"}.get(param, "1")


def _api_routes(routes):
    return [r for r in routes if r.route.startswith("api/v1/") and r.name not in API_PAGES]


def _swept_admin(route) -> bool:
    return route.name.startswith("admin:") and not route.params


def _page_rows():
    """(key, route, row) for every page: PAGES, and ADMIN_MODEL_PAGE for the admin's model pages."""
    routes = {r.name: r for r in sweep.django_routes()}
    out = [(key, routes[key.partition("[")[0]], r) for key, r in PAGES.items() if key.partition("[")[0] in routes]
    out += [(name, route, ADMIN_MODEL_PAGE) for name, route in routes.items()
            if _swept_admin(route) and name not in PAGES]
    return out


def _suggest_page(route) -> str:
    args = "".join(f'{p}="?", ' for p in route.params if p not in sweep.DEFAULT_ARGS)
    return f'    "{route.name}": row({args}GET="? ? ? ? ? ? ? ?", POST="? ? ? ? ? ? ? ?"),'


def test_every_page_has_a_row():
    routes = sweep.django_routes()
    unnamed = [r.route for r in routes if not r.name.rpartition(":")[2] and not r.name.startswith("admin:")]
    assert unnamed == [], f"URL patterns without a name cannot have a row in {TABLE}: name them"
    pages = [r for r in routes if r not in _api_routes(routes) and not r.name.startswith("admin:")]
    missing = [r for r in pages if r.name not in PAGES]
    assert missing == [], "\n".join(
        [f"URL patterns without a row in {TABLE} PAGES:"] + [f"  {r.route}" for r in missing]
        + [HOW, "Rows to fill in:"] + [_suggest_page(r) for r in missing])
    for key, r in PAGES.items():
        if key.startswith("admin:"):
            continue
        assert {"GET", "POST"} <= set(r.expected), f"{TABLE} PAGES[{key!r}]: a page row needs GET and POST"


def test_every_api_operation_has_a_row():
    operations = sweep.openapi_operations()
    missing = [(m, p) for m, p in operations if m not in API.get(p, ADMIN_MODEL_PAGE).expected or p not in API]
    suggestions = {}
    for method, path in missing:
        params = "".join(f'{p}="?", ' for p in sweep.path_params(path) if p not in sweep.DEFAULT_ARGS)
        suggestions.setdefault(path, [params, []])[1].append(f'{method}="? ? ? ? ? ? ? ?"')
    assert missing == [], "\n".join(
        [f"OpenAPI operations without a row in {TABLE} API:"] + [f"  {m} {p}" for m, p in missing] + [HOW]
        + ["Rows to fill in (a path already in API: add the method to its row):"]
        + [f'    "{path}": row({params}{", ".join(methods)}),' for path, (params, methods) in suggestions.items()])
    documented = {(m, p) for m, p in operations}
    extra = [(m, key) for key, r in API.items() for m in r.expected if (m, key.partition("[")[0]) not in documented]
    assert extra == [], f"{TABLE} API has rows for operations the OpenAPI document does not list: {extra}"


def test_every_api_route_is_in_the_openapi_document():
    """An endpoint under /api/v1/ that the OpenAPI document does not describe would escape both the
    sweep and the contract run."""
    paths = [sweep.openapi_path_regex(p) for _m, p in sweep.openapi_operations()]
    undocumented = []
    for route in _api_routes(sweep.django_routes()):
        url = reverse(route.name, kwargs={p: _sample(p) for p in route.params})
        if not any(p.match(url) for p in paths):
            undocumented.append(f"{route.name}: {route.route}")
    assert undocumented == [], "API routes missing from the OpenAPI document (annotate them with " \
                               f"drf-spectacular): {undocumented}"


def test_every_row_is_a_route():
    names = {r.name for r in sweep.django_routes()}
    stale = [key for key in PAGES if key.partition("[")[0] not in names]
    stale += [key for key in API if key.partition("[")[0] not in {p for _m, p in sweep.openapi_operations()}]
    assert stale == [], f"rows in {TABLE} for routes that no longer exist: {stale}"
    for r in [*PAGES.values(), *API.values()]:
        assert set(r.args) <= set(sweep.DEFAULT_ARGS) | {"pk", "id"}, r.args
        assert set(r.args.values()) <= set(sweep.WORLD_KEYS), r.args
        assert set(r.expected) <= set(METHODS)


# ---------------------------------------------------------------------------------------- the sweep

@pytest.fixture
def world(structure, people, settings, media):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": sweep.NO_LIMITS}
    return sweep.build_world(structure, people)


def _check(world, requests, *, api: bool):
    """requests: (label, method, url, expected outcomes); every mismatch in one message."""
    clients = {role: sweep.client_for(user) for role, user in world.users.items()}
    wrong = []
    for label, method, url, expected in requests:
        got = [sweep.ask(clients[role], method, url, api=api).kind for role in sweep.ROLES]
        if any(e != "*" and e != g for e, g in zip(expected, got, strict=True)):
            wrong.append(f"{label} {method} {url}\n    expected {' '.join(expected)}\n    got      {' '.join(got)}")
    header = f"answers that differ from {TABLE} (columns: {' '.join(sweep.ROLES)}):"
    assert wrong == [], "\n".join([header, *wrong])


def test_every_page_as_every_role(world):
    requests = []
    for key, route, r in _page_rows():
        url = sweep.page_url(route.name, r, world.values)
        requests += [(key, method, url, expected) for method, expected in r.expected.items()]
    assert len(requests) > 150
    _check(world, requests, api=False)


def test_every_api_operation_as_every_role(world):
    requests = []
    for key, r in API.items():
        url = key.partition("[")[0]
        for name, value in sweep.fill(r.args, sweep.path_params(url), world.values).items():
            url = url.replace("{" + name + "}", value)
        assert not re.search(r"[{}]", url), url
        url += f"?{r.query}" if r.query else ""
        requests += [(key, method, url, expected) for method, expected in r.expected.items()]
    _check(world, requests, api=True)
