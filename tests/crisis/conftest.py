import pytest


@pytest.fixture(autouse=True)
def answer_page(settings):
    """Messages carry the answer page's link (tests/crisis/stub_urls.py)."""
    settings.ROOT_URLCONF = "tests.crisis.stub_urls"
