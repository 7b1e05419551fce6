"""Bundles copy the kept prints of sent versions (phrom.documents.store) and keep the sent versions
they had to print; a version that never left its agency is printed, never kept. The browser is
replaced by a counter here: tests/bundles/test_build.py prints for real."""

import csv
import hashlib
import io
import zipfile
from concurrent.futures import Future

import pytest

from phrom.bundles import build as bundle_build
from phrom.bundles import services
from phrom.documents import store
from phrom.documents.models import SentPrint
from phrom.exchange.export import export_plans
from phrom.exchange.importer import import_plans

pytestmark = pytest.mark.django_db

UNIT_PDF = "PU21-HEALTH สำนักงานสาธารณสุขจังหวัดระยอง.pdf"
UNIT_DOCX = "PU21-HEALTH สำนักงานสาธารณสุขจังหวัดระยอง.docx"


class FakeRenderer:
    """Stands in for Chromium in BatchPrinter: counts the PDFs it is asked for."""

    started = 0
    printed = 0

    def __init__(self, pages=1, *, low_memory=False):
        pass

    def __enter__(self):
        FakeRenderer.started += 1
        return self

    def __exit__(self, *exc):
        pass

    def submit(self, doc, header, **options):
        FakeRenderer.printed += 1
        done = Future()
        done.set_result(f"%PDF-fake {header['organisation']} v{header['version']}".encode())
        return done


@pytest.fixture
def renderer(monkeypatch):
    FakeRenderer.started = FakeRenderer.printed = 0
    monkeypatch.setattr(bundle_build, "PdfRenderer", FakeRenderer)
    return FakeRenderer


def sent_submissions(rayong):
    return {code: plan.submissions.get() for code, plan in rayong["plans"].items() if code in ("PU21-HEALTH", "CU21-DMS")}


def test_a_bundle_copies_the_kept_prints_without_a_browser(structure, people, rayong, immediate_tasks, media, renderer):
    kept = {}
    for code, sub in sent_submissions(rayong).items():
        for fmt in ("pdf", "docx"):
            kept[code, fmt] = f"kept {code} {fmt} v{sub.version}".encode()
            store.keep(sub.plan_id, sub.version, fmt, kept[code, fmt])
    bundle = services.request_bundle(people.rayong_office_coordinator, province=structure.rayong_office.province)
    assert (bundle.done, bundle.total, bundle.failed) == (2, 2, 0)
    assert renderer.started == 0  # everything was copied
    with zipfile.ZipFile(media / bundle.file.name) as zf:
        assert zf.read(UNIT_PDF) == kept["PU21-HEALTH", "pdf"]
        assert zf.read(UNIT_DOCX) == kept["PU21-HEALTH", "docx"]
        assert zf.read("CU21-DMS ศูนย์การแพทย์ระยอง.pdf") == kept["CU21-DMS", "pdf"]


def test_a_bundle_keeps_what_it_prints_and_the_next_one_copies_it(
    structure, people, rayong, immediate_tasks, media, renderer
):
    user, province = people.rayong_office_coordinator, structure.rayong_office.province
    first = services.request_bundle(user, province=province)
    assert renderer.printed == 2
    subs = sent_submissions(rayong)
    for sub in subs.values():
        prints = SentPrint.objects.filter(plan=sub.plan)
        assert {(p.version, p.format, p.approved_on) for p in prints} == {
            (sub.version, "pdf", None), (sub.version, "docx", None)}
    with zipfile.ZipFile(media / first.file.name) as zf:
        printed = zf.read(UNIT_PDF)
    kept = SentPrint.objects.get(plan=subs["PU21-HEALTH"].plan, format="pdf")
    assert kept.sha256 == hashlib.sha256(printed).hexdigest()

    second = services.request_bundle(user, province=province, fiscal_year=2570)
    assert renderer.printed == 2 and second.done == 2
    with zipfile.ZipFile(media / second.file.name) as zf:
        assert zf.read(UNIT_PDF) == printed


def test_an_unsent_version_is_printed_and_never_kept(structure, people, rayong, immediate_tasks, media, renderer):
    # A plan that left its agency without a campaign (imported history): printed as stored, not kept.
    imported = rayong["plans"]["PO21"]
    history = export_plans([imported], user=None)
    history["plans"][0]["state"] = "accepted"
    assert import_plans(history, user=None).ok  # an operator's import: its version counts as sent
    bundle = services.request_bundle(people.opdc_coordinator, province=structure.rayong_office.province)
    assert bundle.done == bundle.total == 4  # PO21's imported plan, the unit, the central unit, the municipality
    assert not SentPrint.objects.filter(plan=imported).exists()
    assert SentPrint.objects.filter(plan=rayong["plans"]["PU21-HEALTH"]).count() == 2


def test_without_chromium_a_bundle_says_what_to_install(structure, people, rayong, immediate_tasks, media,
                                                        monkeypatch, tmp_path):
    from phrom.documents import pdf

    monkeypatch.setattr(pdf, "CHROMIUM", str(tmp_path / "no-such-chromium"))
    bundle = services.request_bundle(people.rayong_office_coordinator, province=structure.rayong_office.province)
    assert (bundle.status, bundle.done, bundle.failed) == ("done", 2, 2)
    with zipfile.ZipFile(media / bundle.file.name) as zf:
        assert UNIT_DOCX in zf.namelist() and UNIT_PDF not in zf.namelist()  # Word needs no browser
        index = {row[0]: row for row in csv.reader(io.StringIO(zf.read("index.csv").decode("utf-8-sig")))}
    assert "apt-get install chromium" in index["PU21-HEALTH"][8]
    assert not SentPrint.objects.exists()  # half a plan is not kept
