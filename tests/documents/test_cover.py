"""The cover says what became of the version (issue 10 §8): a draft until the agency's approver sends
it, then approved by the agency's head on the day it was sent, and accepted on the day a campaign
accepted it. A print kept with an older cover is never served again (phrom.documents.store)."""

import datetime
import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from phrom.campaigns import services
from phrom.campaigns.facts import VersionDates
from phrom.documents.context import print_context
from phrom.documents.export import plan_document
from phrom.documents.files import submission_document
from phrom.documents.models import SentPrint
from phrom.documents.sample import typical_header, typical_plan
from tests.helpers.campaigns import open_campaign, send
from tests.helpers.pdf import pdftotext, squeeze
from tests.helpers.plans import make_plan

DRAFT = "ฉบับร่าง — ยังไม่ได้รับอนุมัติ"
DAY = datetime.date(2026, 10, 20)


def cover(**dates) -> dict:
    return print_context(typical_plan(), {**typical_header(), "approved_on": None, **dates})["meta"]


def test_the_cover_line_follows_the_dates():
    assert cover()["approval"] == DRAFT and cover()["accepted"] == ""
    sent = cover(sent_on=DAY)
    assert sent["approval"] == "หัวหน้าหน่วยงานอนุมัติเมื่อวันที่ 20 ตุลาคม 2569" and sent["accepted"] == ""
    both = cover(sent_on=DAY, approved_on=DAY + datetime.timedelta(days=3))
    assert both["approval"] == sent["approval"]
    assert both["accepted"] == "หน่วยงานผู้รวบรวมรับแผนเมื่อวันที่ 23 ตุลาคม 2569"


@pytest.fixture
def accepted(structure, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    plan = make_plan(structure.rayong_unit, people.rayong_unit_coordinator)
    sub = send(campaign, structure.rayong_unit, people, plan)
    sub = services.review(sub, user=people.rayong_office_coordinator, collector=structure.rayong_office,
                          decision="accept")
    return services.review(sub, user=people.opdc_coordinator, collector=structure.opdc, decision="accept")


@pytest.mark.django_db
def test_a_sent_and_accepted_version_has_both_dates(accepted):
    today = timezone.localdate()
    _doc, header = submission_document(accepted)
    assert (header["sent_on"], header["approved_on"]) == (today, today)
    # The agency's own download of that version, and of the live plan while it is that version, alike.
    _doc, own = plan_document(accepted.plan, accepted.version)
    assert (own["sent_on"], own["approved_on"]) == (today, today)
    # A version never sent is a draft, whatever became of the others.
    _doc, later = plan_document(accepted.plan, dates=VersionDates(None, None))
    assert (later["sent_on"], later["approved_on"]) == (None, None)


@pytest.mark.django_db
def test_a_print_kept_with_an_older_cover_is_not_served(accepted, people, monkeypatch):
    from phrom.documents import pdf

    old = b"%PDF-old draft cover"
    SentPrint.objects.create(
        plan=accepted.plan, version=accepted.version, format="pdf", approved_on=timezone.localdate(),
        file=default_storage.save("prints/old.pdf", ContentFile(old)), size=len(old),
        sha256=hashlib.sha256(old).hexdigest(),
    )
    monkeypatch.setattr(pdf, "render_pdf", lambda doc, header, **kw: f"%PDF-new {header['sent_on']}".encode())
    client = Client()
    client.force_login(people.opdc_coordinator)
    response = client.get(reverse("documents:submission", args=[accepted.pk, "pdf"]))
    assert response.content == f"%PDF-new {timezone.localdate()}".encode()


@pytest.mark.browser
@pytest.mark.django_db
def test_the_printed_cover_of_an_accepted_submission(accepted, people, tmp_path):
    client = Client()
    client.force_login(people.opdc_coordinator)
    response = client.get(reverse("documents:submission", args=[accepted.pk, "pdf"]))
    assert response.status_code == 200
    path = tmp_path / "cover.pdf"
    path.write_bytes(response.content)
    text = squeeze(pdftotext(path, page=1))
    assert squeeze(DRAFT) not in text
    assert squeeze("หัวหน้าหน่วยงานอนุมัติเมื่อวันที่") in text and squeeze("รับแผนเมื่อวันที่") in text
