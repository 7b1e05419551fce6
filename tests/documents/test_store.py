"""Sent versions are printed once and kept (phrom.documents.store): after sending, downloads copy the
kept files; a version read before its print exists is printed then and kept; the live plan, an unsent
version and a sensitive one are never kept; a missing Chromium answers 503, never 500.

The PDF renderer is replaced by a counter here (each print gives different bytes, so a copy is told
from a second print); tests/documents/test_pdf.py and the browser test below print for real."""

import hashlib
import itertools

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from phrom.campaigns import services
from phrom.campaigns.models import Submission
from phrom.documents import pdf, store
from phrom.documents.export import plan_document
from phrom.documents.models import SentPrint
from tests.helpers.campaigns import open_campaign, send
from tests.helpers.plans import make_plan
from tests.helpers.tasks import IMMEDIATE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def print_tasks_at_once(media, settings):
    settings.TASKS = IMMEDIATE  # the print task runs as soon as the sending commits


class Printer:
    """Stands in for Chromium: counts the PDFs printed, each one different."""

    def __init__(self):
        self.count = itertools.count(1)
        self.printed = 0

    def __call__(self, doc, header, *, thai_digits=False, language="th"):
        self.printed = next(self.count)
        return f"%PDF-fake {header['version']} {header['approved_on']} {thai_digits} #{self.printed}".encode()


@pytest.fixture
def printer(monkeypatch):
    fake = Printer()
    monkeypatch.setattr(pdf, "render_pdf", fake)
    return fake


@pytest.fixture
def sent(structure, people, django_capture_on_commit_callbacks):
    """The provincial unit's plan sent to OPDC's campaign (through PO21), its prints made on commit."""
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    plan = make_plan(structure.rayong_unit, people.rayong_unit_coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        sub = send(campaign, structure.rayong_unit, people, plan)
    return sub


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def download(user, sub, fmt, **params):
    client = APIClient()
    client.force_login(user)
    return client.get(reverse("documents:submission", args=[sub.pk, fmt]), params)


def test_the_sent_version_is_printed_once_after_sending(printer, sent, people):
    kept = {p.format: p for p in SentPrint.objects.filter(plan=sent.plan)}
    assert set(kept) == {"pdf", "docx"}
    for p in kept.values():
        assert (p.version, p.digits, p.approved_on) == (sent.version, "arabic", None)
        data = default_storage.open(p.file.name).read()
        assert (p.size, p.sha256) == (len(data), sha(data))
        assert p.file.name.startswith(f"prints/{sent.plan_id}/")
    assert printer.printed == 1

    # The collector's downloads (page and API) copy the kept files: the same bytes, no second print.
    for fmt in ("pdf", "docx"):
        response = download(people.rayong_office_coordinator, sent, fmt)
        assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
        assert sha(response.content) == kept[fmt].sha256
    api = APIClient()
    api.force_login(people.opdc_coordinator)
    response = api.get(f"/api/v1/submissions/{sent.pk}/pdf/")
    assert response.status_code == 200 and sha(response.content) == kept["pdf"].sha256
    assert printer.printed == 1


def test_acceptance_prints_the_cover_with_its_date(printer, sent, structure, people, django_capture_on_commit_callbacks):
    sub = services.review(sent, user=people.rayong_office_coordinator, collector=structure.rayong_office,
                          decision="accept")
    with django_capture_on_commit_callbacks(execute=True):
        sub = services.review(sub, user=people.opdc_coordinator, collector=structure.opdc, decision="accept")
    assert sub.state == Submission.State.ACCEPTED
    accepted = SentPrint.objects.get(plan=sub.plan, format="pdf", approved_on__isnull=False)
    assert printer.printed == 2
    response = download(people.opdc_coordinator, sub, "pdf")
    assert sha(response.content) == accepted.sha256
    assert f"{accepted.approved_on}".encode() in response.content
    assert printer.printed == 2


def test_a_version_read_before_its_print_is_printed_then_and_kept(printer, structure, people):
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    sub = send(campaign, structure.rayong_unit, people)  # inside the test's transaction: no task ran
    assert not SentPrint.objects.exists()

    first = download(people.rayong_office_coordinator, sub, "pdf", digits="thai")
    assert printer.printed == 1
    kept = SentPrint.objects.get()
    assert (kept.format, kept.digits, kept.version) == ("pdf", "thai", sub.version)
    again = download(people.rayong_office_coordinator, sub, "pdf", digits="thai")
    assert again.content == first.content and printer.printed == 1
    # The agency's own download of that version (?version=N) is the same kept file.
    client = APIClient()
    client.force_login(people.rayong_unit_coordinator)
    own = client.get(reverse("documents:plan", args=[sub.plan_id, "pdf"]), {"version": sub.version, "digits": "thai"})
    assert own.content == first.content and printer.printed == 1


def test_a_lost_or_damaged_file_is_printed_again(printer, sent, people):
    kept = SentPrint.objects.get(plan=sent.plan, format="pdf")
    default_storage.delete(kept.file.name)
    response = download(people.rayong_office_coordinator, sent, "pdf")
    assert response.status_code == 200 and printer.printed == 2
    kept.refresh_from_db()
    assert kept.sha256 == sha(response.content) and default_storage.exists(kept.file.name)

    with default_storage.open(kept.file.name, "wb") as f:
        f.write(b"tampered")
    response = download(people.rayong_office_coordinator, sent, "pdf")
    assert response.content != b"tampered" and printer.printed == 3
    assert SentPrint.objects.filter(plan=sent.plan, format="pdf").count() == 1


def test_two_printers_at_once_keep_one_file(structure, people, media):
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    sent = send(campaign, structure.rayong_unit, people)  # no print task ran (inside the test's transaction)
    first = store.keep(sent.plan_id, sent.version, "pdf", b"%PDF-first")
    second = store.keep(sent.plan_id, sent.version, "pdf", b"%PDF-second")
    assert second.pk == first.pk and store.read(second) == b"%PDF-first"
    assert SentPrint.objects.count() == 1
    assert [p.name for p in (media / "prints" / str(sent.plan_id)).iterdir()] == [first.file.name.rsplit("/", 1)[1]]


def test_the_live_plan_and_unsent_versions_are_never_kept(printer, sent, people):
    plan = sent.plan
    before = SentPrint.objects.count()
    client = APIClient()
    client.force_login(people.rayong_unit_coordinator)
    for _ in range(2):
        assert client.get(reverse("documents:plan", args=[plan.pk, "pdf"])).status_code == 200
    assert printer.printed == 3  # the live plan: printed on each download
    # An edit after sending is a version that never left the agency: printed, not kept.
    from phrom.plans.content import apply_component, component_document

    plan.refresh_from_db()
    apply_component(plan, "header", {**component_document(plan, "header"), "title": "ร่างที่ยังไม่ได้ส่ง"},
                    user=people.rayong_unit_coordinator, expected_revision=plan.component_revision("header"))
    plan.refresh_from_db()
    assert client.get(reverse("documents:plan", args=[plan.pk, "pdf"]), {"version": plan.revision}).status_code == 200
    assert printer.printed == 4 and SentPrint.objects.count() == before
    assert not SentPrint.objects.filter(version=plan.revision).exists()
    # A sent version marked sensitive is never kept either (it cannot be sent; the store checks anyway).
    SentPrint.objects.all().delete()
    doc, header = plan_document(plan, sent.version)
    store.sent_document(plan, "pdf", {**doc, "classification": "sensitive"}, header)
    assert not SentPrint.objects.exists()


def test_print_sent_fills_the_store(printer, structure, people):
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    sub = send(campaign, structure.rayong_unit, people)
    call_command("print_sent", "--missing")
    assert {p.format for p in SentPrint.objects.filter(plan=sub.plan)} == {"pdf", "docx"}
    assert printer.printed == 1
    call_command("print_sent", "--missing")
    assert printer.printed == 1
    old = SentPrint.objects.get(format="pdf").sha256
    call_command("print_sent")
    assert printer.printed == 2 and SentPrint.objects.get(format="pdf").sha256 != old
    assert SentPrint.objects.count() == 2


# --------------------------------------------------------------------------- no Chromium on the server


@pytest.fixture
def no_chromium(monkeypatch, tmp_path):
    pdf.kept.close_if_idle()  # a browser kept warm by an earlier test would hide the missing one
    monkeypatch.setattr(pdf, "CHROMIUM", str(tmp_path / "no-such-chromium"))


def test_a_missing_renderer_is_a_clear_503_page_and_json(no_chromium, structure, people):
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    sub = send(campaign, structure.rayong_unit, people)
    client = APIClient()
    client.force_login(people.rayong_unit_coordinator)

    page = client.get(reverse("documents:plan", args=[sub.plan_id, "pdf"]))
    assert page.status_code == 503 and page["Content-Type"].startswith("text/html")
    text = page.content.decode()
    assert "ยังไม่ได้ติดตั้งโปรแกรม Chromium" in text and "apt-get install chromium" in text
    assert download(people.rayong_office_coordinator, sub, "pdf").status_code == 503

    for url in (f"/api/v1/plans/{sub.plan_id}/pdf/", f"/api/v1/submissions/{sub.pk}/pdf/"):
        response = client.get(url)
        assert response.status_code == 503, url
        error = response.json()["error"]
        assert error["code"] == "renderer_unavailable" and "apt-get install chromium" in error["message"]
    # Word files need no browser.
    assert client.get(reverse("documents:plan", args=[sub.plan_id, "docx"])).status_code == 200
    assert not SentPrint.objects.filter(format="pdf").exists()


@pytest.mark.browser
def test_a_real_print_is_kept_and_copied(sent, people, monkeypatch):
    kept = SentPrint.objects.get(plan=sent.plan, format="pdf")
    data = default_storage.open(kept.file.name).read()
    assert data.startswith(b"%PDF-")

    def no_second_print(*args, **kwargs):
        raise AssertionError("Chromium started again for a kept version")

    monkeypatch.setattr(pdf.PdfRenderer, "__enter__", no_second_print)
    pdf.kept.close_if_idle()
    response = download(people.rayong_office_coordinator, sent, "pdf")
    assert response.status_code == 200 and sha(response.content) == kept.sha256 == sha(data)
