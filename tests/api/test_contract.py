"""The API contract (issue 11): schemathesis over the whole OpenAPI document as each role — no server
error, no response outside its documented schema, status or content type, no invalid request
accepted, no valid request refused.

The world is the permission sweep's (tests/helpers/sweep.py): one agency's plan, submission,
campaign, bundle… Path parameters name those objects, so that each case reaches a real one; the
rest of each request (query, body) is generated, valid (positive) and invalid (negative). Every
request runs in a savepoint rolled back after, so each meets the same world.

CI runs a few cases per operation and mode (CONTRACT_EXAMPLES, default 3: ~2 × 3 × 60 per role);
scripts/api-contract runs many more. KNOWN lists what the document cannot say, each with why:
a new entry needs as good a reason.
"""

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup

from tests.helpers import sweep

ROLES = ["coordinator", "approver", "viewer", "collector", "opdc", "anonymous"]
EXAMPLES = int(os.environ.get("CONTRACT_EXAMPLES", "3"))
# The object a path's {id} names, by the path's start.
OBJECTS = {"/api/v1/plans/{id}": "plan", "/api/v1/campaigns/{id}": "campaign",
           "/api/v1/submissions/{id}": "submission", "/api/v1/bundles/{id}": "bundle",
           "/api/v1/organisations/{code}/members/{id}": "membership",
           "/api/v1/organisations/{code}/invitations/{id}": "invitation",
           "/api/v1/results/{id}": "result", "/api/v1/corrective-actions/{id}": "action",
           "/api/v1/events/{id}": "event", "/api/v1/activations/{id}": "activation"}

# (operation, failure title) -> why the OpenAPI document cannot say it. A refusal listed here is
# still a 4xx in the one error envelope, with the fields at fault.
KNOWN = {
    ("POST /api/v1/bundles/", "Schema-valid request rejected"):
        "a province or an organisation, not both, and an existing one (a code: thousands of organisations)",
    ("POST /api/v1/campaigns/", "Schema-valid request rejected"):
        "kinds, scenarios and the subtree are codes that must exist; blocking codes must be the checker's",
    ("PATCH /api/v1/campaigns/{id}/", "Schema-valid request rejected"):
        "kinds, scenarios and the subtree are codes that must exist; blocking codes must be the checker's",
    ("POST /api/v1/campaigns/{id}/declarations/", "Schema-valid request rejected"):
        "the date of the last review cannot be after today, and the agency is a code that must exist",
    ("POST /api/v1/plans/import/", "Schema-valid request rejected"):
        "the exchange format's rules (schemas/plan-exchange, JSON Schema 2020-12) go beyond OpenAPI 3.0's",
    ("POST /api/v1/submissions/{id}/reviews/", "Schema-valid request rejected"):
        "returning a plan needs at least one comment (a rule across two fields)",
    ("POST /api/v1/submissions/{id}/reviews/", "Schema-violating request accepted"):
        "a comment's path is free text: DRF reads a number sent there as its digits",
    ("POST /api/v1/exercises/", "Schema-valid request rejected"):
        "the organiser, the agencies and the hazard are codes that must exist",
    ("POST /api/v1/events/", "Schema-valid request rejected"):
        "the reporter, the agencies and the hazard are codes that must exist; an event ends after it starts",
    ("POST /api/v1/events/{id}/end/", "Schema-valid request rejected"):
        "an event ends after it starts (a rule across the request and the stored event)",
    ("POST /api/v1/exercise-scenarios/", "Schema-valid request rejected"):
        "the publisher, the agencies and the hazard are codes that must exist",
    ("PUT /api/v1/results/{id}/", "Schema-valid request rejected"):
        "the revision must be the one last read (409 otherwise); processes are named by their keys in the plan",
    ("POST /api/v1/plans/{id}/activations/", "Schema-valid request rejected"):
        "the scenario is the id of one of the plan's own scenarios, and a plan has one open activation at a time",
    ("POST /api/v1/activations/{id}/steps/", "Schema-valid request rejected"):
        "the step is an index into the procedures the activation copied from the plan",
    ("POST /api/v1/activations/{id}/close/", "Schema-valid request rejected"):
        "the hazard is a code of the catalogue that must exist",
    ("PUT /api/v1/plans/{id}/attachment/", "Schema-valid request rejected"):
        "the file must be a PDF or Word file by its name and its first bytes",
}


def _path_parameters(path: str, values: dict) -> dict:
    out = {}
    for prefix, key in OBJECTS.items():
        if path.startswith(prefix):
            out["id"] = values[key]
    if "{code}" in path:
        out["code"] = values["org"]
    if "{token}" in path:  # a crisis answer link's
        out["token"] = values["answer_token"]
    return out


def _titles(error: BaseException) -> set[str]:
    if isinstance(error, FailureGroup):
        return {failure.title for failure in error.exceptions}
    return {type(error).__name__}


def run_contract(schema, headers: dict, values: dict, examples: int) -> tuple[int, list[str]]:
    """Every operation in both modes; (cases run, failures not in KNOWN)."""
    failures, cases = [], 0
    for result in schema.get_all_operations():
        op = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = op.as_strategy(generation_mode=mode, headers=headers,
                                      path_parameters=_path_parameters(op.path, values))

            @hypothesis_settings(max_examples=examples, database=None, deadline=None, derandomize=True,
                                 suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
            @given(strategy)
            def run(case):
                nonlocal cases
                cases += 1
                with transaction.atomic():
                    try:
                        case.call_and_validate(headers=headers)
                    finally:
                        transaction.set_rollback(True)

            try:
                run()
            except Unsatisfiable:  # nothing in the request that could be made invalid
                pass
            except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 — every failure, reported below
                unknown = {t for t in _titles(error) if (op.label, t) not in KNOWN}
                if unknown:
                    failures.append(f"{op.label} [{mode.value}]: {error}")
    return cases, failures


def contract_schema():
    doc = SchemaGenerator().get_schema(request=None, public=True)
    schema = schemathesis.openapi.from_dict(doc, config=SchemathesisConfig())
    schema.app = WSGIHandler()
    return schema


@pytest.fixture
def connection_kept():
    """The requests go through a bare WSGIHandler, whose request signals close the database connection
    after each request (as Django's test client does not): on PostgreSQL that ends the test's
    transaction and every later request answers 500. Kept open, as the test client keeps it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.usefixtures("connection_kept")
def test_the_api_does_what_its_openapi_document_says(role, structure, people, settings, media):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": sweep.NO_LIMITS}
    world = sweep.build_world(structure, people)
    user = world.users[role]
    headers = {} if user is None else {"Authorization": f"Token {Token.objects.create(user=user).key}"}
    cases, failures = run_contract(contract_schema(), headers, world.values, EXAMPLES)
    assert cases > 100
    assert failures == [], f"{len(failures)} operations differ from the OpenAPI document:\n\n" + "\n\n".join(failures)
