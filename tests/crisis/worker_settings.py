"""Settings of the worker process a test starts: Phrom's, with the test URLs (stub_urls)."""

from phrom.settings import *  # noqa: F403

ROOT_URLCONF = "tests.crisis.stub_urls"
