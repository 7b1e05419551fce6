"""Plans to print: the typical plan of the speed targets (20 processes, 40 people) and its header (the
starter templates: tests/helpers/plans.py; reading a PDF back: tests/helpers/pdf.py)."""

import pytest
from django.utils import translation

from phrom.documents.sample import typical_header, typical_plan


@pytest.fixture(autouse=True)
def thai():
    with translation.override("th"):
        yield


@pytest.fixture
def plan():
    return typical_plan()


@pytest.fixture
def header():
    return typical_header()
