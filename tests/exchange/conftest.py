"""Exchange fixtures: a coordinator's plan (the full document of tests/plans) and exchange files."""

import copy

import pytest

from phrom.plans.services import create_plan
from tests.conftest import member
from tests.plans.conftest import FULL


@pytest.fixture
def full_doc():
    return copy.deepcopy(FULL)


@pytest.fixture
def coordinator(structure):
    return member(structure.rayong_unit)


@pytest.fixture
def plan(structure, coordinator):
    return create_plan(structure.rayong_unit, user=coordinator, fiscal_year=2569, template=copy.deepcopy(FULL))


def exchange_plan(doc: dict, organisation: str, fiscal_year: int = 2569, **meta) -> dict:
    """An exchange plan object from a plan document."""
    return {"organisation": organisation, "fiscal_year": fiscal_year, **meta,
            **{k: v for k, v in copy.deepcopy(doc).items() if k != "format"}}
