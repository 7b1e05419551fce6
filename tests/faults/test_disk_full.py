"""The disk full while a bundle's ZIP is written: a clean failure with a Thai message, no partial file
left in the storage or served, and asking again works once there is room.

RLIMIT_FSIZE stands in for the full disk (mounting a small tmpfs needs privileges CI may not have):
with SIGXFSZ ignored, a write past the limit fails with EFBIG where a full disk gives ENOSPC, through
the same write calls; phrom.core.storage treats both (and EDQUOT) alike.
"""

import contextlib
import io
import resource
import signal
import zipfile

import pytest
from django.urls import reverse

from phrom.bundles import build
from phrom.bundles.models import PlanBundle
from phrom.core.errors import CODES
from tests.helpers.bundles import download_bytes
from tests.helpers.tasks import IMMEDIATE

pytestmark = pytest.mark.django_db

THAI_FULL = "พื้นที่ดิสก์ของเซิร์ฟเวอร์เต็ม"


@contextlib.contextmanager
def file_size_limit(limit: int):
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def files_under(path) -> list:
    return sorted(p for p in path.rglob("*") if p.is_file()) if path.exists() else []


@pytest.mark.parametrize("where", ["storage", "temporary file"])
def test_a_full_disk_fails_the_bundle_cleanly_and_asking_again_works(
    where, client, province_user, structure, settings, media, monkeypatch
):
    settings.TASKS = IMMEDIATE
    if where == "temporary file":
        monkeypatch.setattr(build, "IN_MEMORY", 1)  # the ZIP goes to a temporary file from its first byte
    client.force_login(province_user)
    ask = {"scope": "province", "province": "21"}

    with file_size_limit(64):
        response = client.post(reverse("bundles:list"), ask)

    bundle = PlanBundle.objects.get()
    assert (bundle.status, bundle.file.name) == (PlanBundle.Status.FAILED, "")
    assert bundle.error.startswith(THAI_FULL)
    assert files_under(media) == []  # the partial ZIP was removed
    page = client.get(response.url).content.decode()
    assert THAI_FULL in page and reverse("bundles:download", args=[bundle.pk]) not in page
    assert client.get(reverse("bundles:download", args=[bundle.pk])).status_code == 404

    again = client.post(reverse("bundles:list"), ask)
    retried = PlanBundle.objects.exclude(pk=bundle.pk).get()
    assert again.url == reverse("bundles:detail", args=[retried.pk]) and retried.status == PlanBundle.Status.DONE
    assert files_under(media) == [media / retried.file.name]
    zip_bytes = download_bytes(client.get(reverse("bundles:download", args=[retried.pk])))
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as zf:
        assert zf.namelist() == [build.INDEX_NAME]


def test_the_code_is_documented():
    assert CODES["storage_full"].status == 507
