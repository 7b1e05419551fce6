"""The bundle pages: ask, follow the progress (htmx every 2 s, a progress bar, "n of N plans"), download."""

import datetime
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from phrom.bundles.models import PlanBundle
from tests.helpers.bundles import download_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_client(client, province_user):
    client.force_login(province_user)
    return client


def test_form_offers_the_provinces_one_collects(office_client, structure):
    html = office_client.get(reverse("bundles:list") + "?province=21").content.decode()
    assert 'value="21" selected' in html and "ระยอง" in html
    assert 'value="20"' not in html  # Chonburi is not the user's
    assert '<option value="PO21">' in html  # their own organisation, for a subtree bundle
    assert "ขอไฟล์ ZIP" in html


def test_asking_queues_the_bundle_for_the_worker(office_client, province_user, structure):
    response = office_client.post(reverse("bundles:list"), {"scope": "province", "province": "21"})
    bundle = PlanBundle.objects.get()
    assert response.status_code == 302 and response.url == reverse("bundles:detail", args=[bundle.pk])
    assert (bundle.requested_by, bundle.province_id, bundle.status) == (province_user, "21", "queued")
    task = DBTaskResult.objects.get()
    assert task.task_path == "phrom.bundles.tasks.build_plan_bundle" and task.args_kwargs["args"] == [bundle.pk]

    page = office_client.get(response.url).content.decode()
    assert 'hx-trigger="every 2s"' in page and "<progress" in page
    assert "phrom db_worker" in page  # what to check if it stays queued

    # Asked again while it waits: the same bundle, not a second build.
    again = office_client.post(reverse("bundles:list"), {"scope": "province", "province": "21"})
    assert again.url == response.url and PlanBundle.objects.count() == 1 and DBTaskResult.objects.count() == 1
    other_year = office_client.post(reverse("bundles:list"), {"scope": "province", "province": "21", "fiscal_year": 2570})
    assert other_year.url != response.url and PlanBundle.objects.count() == 2


@pytest.mark.browser  # prints PDFs with Chromium
def test_the_worker_builds_it_and_the_page_offers_it(client, people, structure, rayong):
    unit = structure.rayong_unit
    client.force_login(people.coordinator(unit))
    response = client.post(reverse("bundles:list"), {"scope": "subtree", "organisation": unit.code})
    bundle = PlanBundle.objects.get()
    queued = DBTaskResult.objects.ready().get()
    queued.claim("test-worker")
    worker = Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False, max_tasks=1,
        worker_id="test-worker", excluded_queue_names=[],
    )
    worker.run_task(queued)  # what `phrom db_worker` does with it
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    bundle.refresh_from_db()
    assert (bundle.status, bundle.done, bundle.total) == ("done", 1, 1)

    page = client.get(response.url).content.decode()
    assert "ไฟล์ ZIP มีแผน 1 แผน จากหน่วยงาน 2 แห่ง" in page
    response = client.get(reverse("bundles:download", args=[bundle.pk]))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(download_bytes(response))) as zf:
        assert "PU21-HEALTH สำนักงานสาธารณสุขจังหวัดระยอง.pdf" in zf.namelist()


def test_form_errors_are_shown(office_client, structure):
    response = office_client.post(reverse("bundles:list"), {"scope": "subtree", "organisation": "NO-SUCH"})
    assert response.status_code == 200
    assert "ไม่มีหน่วยงานรหัส NO-SUCH" in response.content.decode()
    assert PlanBundle.objects.count() == 0


def test_progress_while_running(office_client, province_user, structure):
    bundle = PlanBundle.objects.create(requested_by=province_user, scope="province", province_id="21",
                                       status="running", done=3, total=10)
    html = office_client.get(reverse("bundles:detail", args=[bundle.pk]), headers={"HX-Request": "true"}).content.decode()
    assert html.lstrip().startswith("<section")  # the fragment only, for htmx to swap
    assert 'hx-trigger="every 2s"' in html
    assert '<progress aria-labelledby="bundle-step" max="10" value="3">30%</progress>' in html
    assert "3 จาก 10 แผน" in html


def test_finished_bundle_offers_the_download(office_client, province_user, structure, media):
    zip_data = io.BytesIO()
    with zipfile.ZipFile(zip_data, "w") as zf:
        zf.writestr("index.csv", "\ufeffรหัสหน่วยงาน\n")
    bundle = PlanBundle(requested_by=province_user, scope="province", province_id="21", status="done", done=0,
                        total=0, organisations=5, finished_at=timezone.now())
    bundle.file.save("bundle.zip", ContentFile(zip_data.getvalue()), save=False)
    bundle.size = len(zip_data.getvalue())
    bundle.save()

    html = office_client.get(reverse("bundles:detail", args=[bundle.pk])).content.decode()
    assert 'hx-trigger="every 2s"' not in html  # finished: no more polling
    assert reverse("bundles:download", args=[bundle.pk]) in html

    response = office_client.get(reverse("bundles:download", args=[bundle.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert f"BCP-province-21-{timezone.localdate():%Y%m%d}.zip" in response["Content-Disposition"]
    assert download_bytes(response) == zip_data.getvalue()

    listing = office_client.get(reverse("bundles:list")).content.decode()
    assert reverse("bundles:detail", args=[bundle.pk]) in listing

    # Expired: the page says so and the file is no longer served.
    PlanBundle.objects.filter(pk=bundle.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert office_client.get(reverse("bundles:download", args=[bundle.pk])).status_code == 404
    assert "ขอใหม่" in office_client.get(reverse("bundles:detail", args=[bundle.pk])).content.decode()


def test_failed_bundle_shows_the_error(office_client, province_user, structure):
    bundle = PlanBundle.objects.create(requested_by=province_user, scope="province", province_id="21",
                                       status="failed", error="OSError: disk full", finished_at=timezone.now())
    html = office_client.get(reverse("bundles:detail", args=[bundle.pk])).content.decode()
    assert "OSError: disk full" in html and 'hx-trigger="every 2s"' not in html
    assert office_client.get(reverse("bundles:download", args=[bundle.pk])).status_code == 404
