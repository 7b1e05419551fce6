"""Bundle fixtures: files written under a temporary media root, Thai, tasks run at once (the sent plans
of a province are the `rayong` fixture of tests/conftest.py)."""

import pytest
from django.utils import translation

from tests.helpers.tasks import IMMEDIATE


@pytest.fixture(autouse=True)
def _media(media):  # tests/conftest.py
    return media


@pytest.fixture(autouse=True)
def thai():
    with translation.override("th"):
        yield


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE
