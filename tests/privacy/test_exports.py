"""The log of downloads that hold contact data (phrom.privacy.exports): every plan export, page or API,
leaves one row naming who, what, when and from where; the agency reads its own log (without the
downloader's address), administrators read it in the admin, read-only."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from phrom.accounts.names import display_name
from phrom.bundles.models import PlanBundle
from phrom.privacy.models import ExportRecord
from tests.helpers.campaigns import open_campaign, send
from tests.helpers.plans import make_plan
from tests.helpers.tasks import IMMEDIATE

pytestmark = pytest.mark.django_db
What = ExportRecord.What


@pytest.fixture
def sent(structure, people, media, settings):
    """The provincial health office's plan, with its original document, sent to OPDC's campaign."""
    settings.TASKS = IMMEDIATE
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    plan = make_plan(structure.rayong_unit, people.rayong_unit_coordinator)
    plan.attachment.save("original.pdf", ContentFile(b"%PDF-1.4 " + bytes(range(256)) * 8))
    sub = send(campaign, structure.rayong_unit, people, plan)
    plan.refresh_from_db()
    return plan, sub


AGENCY_DOWNLOADS = [
    ("exchange:export_json", What.PLAN_JSON, "page"),
    ("api-plan-export", What.PLAN_JSON, "api"),
    ("plans:attachment", What.ATTACHMENT, "page"),
    ("api-plan-attachment", What.ATTACHMENT, "api"),
]


@pytest.mark.parametrize(("name", "what", "via"), AGENCY_DOWNLOADS)
def test_each_download_of_the_live_plan_is_logged(client, sent, people, name, what, via):
    plan, _ = sent
    client.force_login(people.rayong_unit_coordinator)
    assert client.get(reverse(name, args=[plan.pk]), REMOTE_ADDR="203.0.113.7").status_code == 200
    record = ExportRecord.objects.get()
    assert (record.user, record.username, record.organisation, record.plan) == (
        people.rayong_unit_coordinator, "pu21-health-coordinator", plan.organisation, plan)
    assert (record.what, record.via, record.ip) == (what, via, "203.0.113.7")
    assert abs((timezone.now() - record.at).total_seconds()) < 60


@pytest.mark.parametrize(("url", "via"), [("documents:plan", "page"), ("api-plan-file", "api")])
def test_the_live_plan_as_word_is_logged_with_its_version(client, sent, people, url, via):
    plan, _ = sent
    client.force_login(people.rayong_unit_coordinator)
    path = reverse(url, kwargs={"pk": plan.pk, "fmt": "docx"}) + f"?version={plan.revision}"
    assert client.get(path).status_code == 200
    record = ExportRecord.objects.get()
    assert (record.what, record.version, record.via) == (What.PLAN_DOCX, plan.revision, via)


@pytest.mark.parametrize("url", ["documents:submission", "campaigns:attachment"])
def test_a_collector_reading_the_sent_plan_is_logged_for_the_agency(client, sent, people, url):
    plan, sub = sent
    client.force_login(people.rayong_office_coordinator)
    kwargs = {"pk": sub.pk, "fmt": "docx"} if url == "documents:submission" else {"pk": sub.pk}
    assert client.get(reverse(url, kwargs=kwargs)).status_code == 200
    record = ExportRecord.objects.get()
    assert record.organisation == plan.organisation and record.username == "po21-coordinator"
    assert record.version == sub.version and record.detail == {"submission": sub.pk}


@pytest.mark.parametrize(("url", "via"), [("bundles:download", "page"), ("api-bundle-download", "api")])
def test_a_bundle_download_logs_each_plan_in_it(client, sent, people, structure, url, via):
    plan, sub = sent
    other = make_plan(structure.central_unit, people.central_unit_coordinator)
    other_sub = send(sub.campaign, structure.central_unit, people, other)
    bundle = PlanBundle(requested_by=people.rayong_office_coordinator, scope="province", province_id="21",
                        status="done", finished_at=timezone.now(),
                        contents={str(plan.pk): sub.version, str(other.pk): other_sub.version})
    bundle.file.save("bundle.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18), save=False)
    bundle.save()
    client.force_login(people.rayong_office_coordinator)
    assert client.get(reverse(url, args=[bundle.pk]), HTTP_ACCEPT="application/zip").status_code == 200
    assert {(r.organisation_id, r.plan_id, r.what, r.via, r.detail["bundle"]) for r in ExportRecord.objects.all()} == {
        (structure.rayong_unit.pk, plan.pk, What.BUNDLE, via, bundle.pk),
        (structure.central_unit.pk, other.pk, What.BUNDLE, via, bundle.pk)}


def test_a_refused_download_logs_nothing(client, sent, people):
    plan, _ = sent
    client.force_login(people.municipality_coordinator)
    assert client.get(reverse("exchange:export_json", args=[plan.pk])).status_code in (403, 404)
    assert not ExportRecord.objects.exists()


def test_the_agency_reads_its_own_log_without_addresses(client, sent, people):
    plan, sub = sent
    client.force_login(people.rayong_office_coordinator)
    client.get(reverse("documents:submission", kwargs={"pk": sub.pk, "fmt": "docx"}), REMOTE_ADDR="198.51.100.9")
    log = reverse("privacy:exports", args=[plan.organisation.code])

    client.force_login(people.rayong_unit_approver)
    html = client.get(log).content.decode()
    assert "การดาวน์โหลดข้อมูลติดต่อ" in html and "แผนเป็น Word" in html
    assert display_name(people.rayong_office_coordinator) in html
    assert "198.51.100.9" not in html

    client.force_login(people.rayong_office_coordinator)  # the collector: not its log
    assert client.get(log).status_code == 403


def test_administrators_read_the_log_in_the_admin_and_change_nothing(client, sent, people, admin_user):
    plan, _ = sent
    client.force_login(people.rayong_unit_coordinator)
    client.get(reverse("exchange:export_json", args=[plan.pk]), REMOTE_ADDR="203.0.113.7")
    record = ExportRecord.objects.get()
    client.force_login(admin_user)
    listing = client.get(reverse("admin:privacy_exportrecord_changelist")).content.decode()
    assert "pu21-health-coordinator" in listing and "203.0.113.7" in listing
    assert client.get(reverse("admin:privacy_exportrecord_change", args=[record.pk])).status_code == 200
    assert client.get(reverse("admin:privacy_exportrecord_add")).status_code == 403
    assert client.post(reverse("admin:privacy_exportrecord_delete", args=[record.pk]), {"post": "yes"}).status_code == 403
    assert ExportRecord.objects.count() == 1


def test_the_privacy_notice_is_in_thai_and_linked_from_every_page(client, db):
    home = client.get(reverse("login")).content.decode()
    assert reverse("privacy:notice") in home
    html = client.get(reverse("privacy:notice")).content.decode()
    assert "ประกาศความเป็นส่วนตัว" in html and "ข้อมูลส่วนบุคคลที่ระบบเก็บ" in html and "มาตรา 24 (4)" in html


def test_administrators_read_the_log_on_the_command_line(client, sent, people):
    plan, _ = sent
    client.force_login(people.rayong_unit_coordinator)
    client.get(reverse("exchange:export_json", args=[plan.pk]), REMOTE_ADDR="203.0.113.7")
    out = io.StringIO()
    call_command("export_log", org="PU21-HEALTH", stdout=out)
    line = out.getvalue().strip().split("\t")
    assert line[1:] == ["pu21-health-coordinator", "203.0.113.7", "PU21-HEALTH", str(plan.pk), "plan_json", "-", "page"]
    other = io.StringIO()
    call_command("export_log", org="PO21", stdout=other)
    assert other.getvalue() == ""
