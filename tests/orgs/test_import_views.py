"""The import page: administrators upload, follow the progress and read the report; others get 403."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from phrom.orgs.models import Organisation, OrgImport
from phrom.orgs.tasks import run_org_import
from tests.helpers.orgs import GOOD, csv_bytes, with_row
from tests.helpers.people import member

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}


pytestmark = pytest.mark.usefixtures("media")  # tests/conftest.py


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def upload(client, data, name="orgs.csv"):
    return client.post(reverse("orgs:import"), {"file": SimpleUploadedFile(name, data)})


def test_admin_sees_the_upload_form_and_format(admin_client):
    response = admin_client.get(reverse("orgs:import"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert reverse("orgs:import_sample") in html and reverse("orgs:export") in html
    assert "provincial_unit" in html  # the kind codes are listed


def test_admin_uploads_and_sees_the_counts(admin_client, immediate_tasks, media):
    response = upload(admin_client, csv_bytes(GOOD))
    job = OrgImport.objects.get()
    assert response.status_code == 302 and response.url == reverse("orgs:import_detail", args=[job.pk])
    assert job.status == OrgImport.Status.DONE
    assert (job.rows_total, job.report["created"], job.created_by.username) == (7, 7, "admin")
    assert Organisation.objects.count() == 7
    assert (media / job.file.name).read_bytes() == csv_bytes(GOOD)  # the uploaded file is kept

    page = admin_client.get(response.url).content.decode()
    assert "orgs.csv" in page
    assert "นำเข้าแล้ว" in page  # status "imported", in Thai by default
    assert 'hx-trigger="every 1s"' not in page  # finished: no more polling
    assert '<div class="stat">7</div>' in page


def test_real_database_queue_and_worker(admin_client):
    """With the project's django_tasks_db backend the upload waits for `phrom db_worker`."""
    response = upload(admin_client, csv_bytes(GOOD))
    job = OrgImport.objects.get()
    assert job.status == OrgImport.Status.QUEUED
    page = admin_client.get(response.url).content.decode()
    assert 'hx-trigger="every 1s"' in page and "<progress" in page
    assert Organisation.objects.count() == 0

    # What `phrom db_worker` does with the queued row (its loop closes the database connection
    # between tasks, which would end the test's transaction on PostgreSQL, so the row is run here).
    queued = DBTaskResult.objects.ready().get()
    assert queued.task_path == "phrom.orgs.tasks.run_org_import" and queued.args_kwargs["args"] == [job.pk]
    queued.claim("test-worker")
    worker = Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False, max_tasks=1,
        worker_id="test-worker", excluded_queue_names=[],
    )
    worker.run_task(queued)
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    job.refresh_from_db()
    assert job.status == OrgImport.Status.DONE
    assert Organisation.objects.count() == 7


def test_page_polls_with_a_progress_bar_while_checking(admin_client, admin_user):
    job = OrgImport.objects.create(
        original_name="ใหญ่.csv", status=OrgImport.Status.VALIDATING, rows_total=10_000, rows_validated=2_500,
        created_by=admin_user,
    )
    url = reverse("orgs:import_detail", args=[job.pk])
    fragment = admin_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment  # htmx gets the status fragment only
    assert f'hx-get="{url}"' in fragment and 'hx-trigger="every 1s"' in fragment
    assert '<progress aria-labelledby="import-step" max="100" value="25">' in fragment
    assert "2,500" in fragment and "10,000" in fragment

    OrgImport.objects.filter(pk=job.pk).update(status=OrgImport.Status.WRITING, rows_to_write=10_000, rows_written=0)
    fragment = admin_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert '<progress aria-labelledby="import-step" max="100">' in fragment  # indeterminate while saving


def test_bad_file_shows_every_problem_in_thai_and_stores_nothing(admin_client, immediate_tasks):
    rows = with_row(1, kind="kingdom")
    rows[4][5] = "99"
    response = upload(admin_client, csv_bytes(rows))
    job = OrgImport.objects.get()
    assert job.status == OrgImport.Status.REFUSED
    assert Organisation.objects.count() == 0
    page = admin_client.get(response.url).content.decode()
    assert 'id="import-errors"' in page
    assert "ไม่มีข้อมูลใดถูกนำเข้า" in page  # "nothing was imported"
    for error in job.report["errors"]:
        assert error["message_th"] in page
    assert "<code>kind</code>" in page and "<code>province_code</code>" in page

    admin_client.cookies["django_language"] = "en"
    english = admin_client.get(response.url).content.decode()
    assert "Unknown kind" in english


@pytest.mark.parametrize(
    "name, data",
    [
        ("orgs.pdf", b"%PDF-1.7\n"),
        ("orgs.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64),
        ("orgs.xlsx", b"code,name_th\n"),  # a CSV renamed to .xlsx
        ("orgs.csv", b"PK\x03\x04rest-of-a-zip"),  # a workbook renamed to .csv
    ],
)
def test_wrong_file_type_is_refused_in_thai_before_anything_is_stored(admin_client, immediate_tasks, media, name, data):
    response = upload(admin_client, data, name)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html and 'aria-invalid="true"' in html
    assert "ไฟล์" in html.split('id="file-errors"')[1].split("</ul>")[0]
    assert not OrgImport.objects.exists() and not media.exists()


def test_file_too_large(admin_client, monkeypatch):
    monkeypatch.setattr("phrom.orgs.import_views.MAX_UPLOAD_MB", 0)
    response = upload(admin_client, csv_bytes(GOOD))
    assert "0 MB" in response.content.decode()
    assert not OrgImport.objects.exists()


def test_sample_download_imports_cleanly(admin_client, immediate_tasks):
    response = admin_client.get(reverse("orgs:import_sample"))
    assert response["Content-Disposition"].startswith("attachment")
    assert response.content.startswith("\ufeff".encode())
    upload(admin_client, response.content, "sample.csv")
    assert OrgImport.objects.get().status == OrgImport.Status.DONE


def test_export_download(admin_client, structure):
    response = admin_client.get(reverse("orgs:export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")
    assert text.startswith("code,name_th,name_en,kind,parent_code,province_code,site,sector,collector")
    assert "PO21,สำนักงานจังหวัดระยอง" in text
    assert len(text.strip().splitlines()) == Organisation.objects.count() + 1


@pytest.mark.parametrize("name", ["import", "import_sample", "export"])
def test_other_users_get_403(client, structure, name):
    client.force_login(member(structure.opdc))  # even OPDC staff: importing is for administrators
    assert client.get(reverse(f"orgs:{name}")).status_code == 403


def test_other_users_cannot_upload_or_see_an_import(client, structure, admin_user, immediate_tasks):
    job = OrgImport.objects.create(original_name="x.csv", created_by=admin_user)
    client.force_login(member(structure.rayong_office))
    assert upload(client, csv_bytes(GOOD)).status_code == 403
    assert client.get(reverse("orgs:import_detail", args=[job.pk])).status_code == 403
    assert OrgImport.objects.count() == 1 and Organisation.objects.filter(code="PEA").count() == 0


def test_anonymous_is_sent_to_log_in(client, db):
    response = client.get(reverse("orgs:import"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_unexpected_failure_is_shown_and_stores_nothing(admin_client, admin_user, immediate_tasks):
    job = OrgImport.objects.create(original_name="หาย.csv", file="imports/orgs/missing.csv", created_by=admin_user)
    result = run_org_import.enqueue(job.pk)
    assert result.status == "FAILED"
    job.refresh_from_db()
    assert job.status == OrgImport.Status.FAILED and job.finished_at is not None
    page = admin_client.get(reverse("orgs:import_detail", args=[job.pk])).content.decode()
    assert "เกิดข้อผิดพลาดที่ไม่คาดคิด" in page and "FileNotFoundError" in page
    assert 'hx-trigger="every 1s"' not in page
    assert Organisation.objects.count() == 0
