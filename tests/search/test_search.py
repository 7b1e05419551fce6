"""Thai search across plans (phrom.search): known answers over a few sent plans, words that Thai
segmentation could cut more than one way, only what was sent, never a security-sensitive plan, each
reader's own plans, and the page and the API agreeing."""

import copy
import io

import pytest
from django.core.management import call_command
from django.test import Client

from phrom.exchange.importer import import_plans
from phrom.plans.content import apply_component, component_document
from phrom.search.index import rebuild, search
from phrom.search.models import SearchEntry
from tests.helpers.bundles import SECRETS, sensitive_document
from tests.helpers.campaigns import open_campaign, send
from tests.helpers.plans import FULL, exchange_plan, make_plan

pytestmark = pytest.mark.django_db

YEAR = 2570


def found(user, query, **kw):
    """plan organisation code -> the components where the words occur."""
    results = search(user, query, kw.pop("fiscal_year", YEAR), **kw)
    return {hit.organisation_code: [key for key, _label in hit.components] for hit in results.hits}


def with_texts(strategy=None, activity=None, item=None):
    """FULL with its first strategy, procedure and resource written anew."""
    doc = copy.deepcopy(FULL)
    if strategy is not None:
        doc["strategies"][0]["strategy"] = strategy
    if activity is not None:
        doc["procedures"][0]["activity"] = activity
    if item is not None:
        doc["resources"][0]["item"] = item
    return doc


@pytest.fixture
def campaign(structure, people):
    return open_campaign(structure.opdc, people.opdc_coordinator)


def sent(campaign, org, people, **doc):
    plan = make_plan(org, people.coordinator(org), **doc)
    send(campaign, org, people, plan)
    return plan


# ------------------------------------------------------------------------------------------ known answers

def test_a_word_is_found_in_its_component_and_nowhere_else(structure, people, campaign):
    sent(campaign, structure.rayong_unit, people,
         **with_texts(strategy="ติดตั้งเครื่องกำเนิดไฟฟ้าสำรองขนาด 500 kVA ที่อาคารหลัก", item="น้ำมันดีเซล"))
    sent(campaign, structure.central_unit, people, **with_texts(item="เครื่องกำเนิดไฟฟ้าเคลื่อนที่"))
    sent(campaign, structure.municipality, people, **with_texts(strategy="ย้ายไปทำงานที่ศาลากลาง"))
    opdc = people.opdc_coordinator
    assert found(opdc, "เครื่องกำเนิดไฟฟ้า") == {"PU21-HEALTH": ["strategies"], "CU21-DMS": ["resources"]}
    assert found(opdc, "น้ำมันดีเซล") == {"PU21-HEALTH": ["resources"]}
    assert found(opdc, "kva") == {"PU21-HEALTH": ["strategies"]}  # Latin words too, in any case
    # FULL's alternate site is in its first strategy (rewritten above but in one plan) and its procedures.
    assert found(opdc, "สถานที่ปฏิบัติงานสำรอง") == {
        "PU21-HEALTH": ["procedures"], "CU21-DMS": ["strategies", "procedures"], "TM21-001": ["procedures"]}
    assert found(opdc, "สถานที่ปฏิบัติงานสำรอง", component="strategies").keys() == {"CU21-DMS"}
    assert found(opdc, "เครื่องกำเนิดไฟฟ้า", fiscal_year=2569) == {}  # another fiscal year
    assert found(opdc, "ไม่มีคำนี้ในแผนใดเลย") == {}


def test_each_component_is_indexed_as_people_wrote_it(structure, people, campaign):
    plan = sent(campaign, structure.rayong_unit, people)
    texts = dict(SearchEntry.objects.filter(plan=plan).values_list("component", "text"))
    assert set(texts) == {"header", "scope", "impacts", "team", "strategies", "processes", "resources", "procedures"}
    assert texts["impacts"] == "บุคลากรติดเชื้อ\nอาคารชั้น 1 น้ำท่วม"  # notes, not the yes/no of each cell
    assert "ท่อก๊าซรั่ว" in texts["scope"] and "อุทกภัย" in texts["scope"]  # own and catalogue scenario names
    assert "นายแพทย์สมชาย ใจดี" in texts["team"] and "somchai@example.go.th" not in texts["team"]
    assert "081-234-5678" not in texts["team"]
    assert all("True" not in t and "None" not in t for t in texts.values())


def test_the_snippet_marks_the_words_and_ranks_plans_with_more_parts_first(structure, people, campaign):
    sent(campaign, structure.rayong_unit, people, **with_texts(strategy="<b>จัดหา</b>เครื่องกำเนิดไฟฟ้า"))
    sent(campaign, structure.central_unit, people,
         **with_texts(strategy="เครื่องกำเนิดไฟฟ้า", item="เครื่องกำเนิดไฟฟ้า"))
    results = search(people.opdc_coordinator, "เครื่องกำเนิดไฟฟ้า", YEAR)
    assert [h.organisation_code for h in results.hits] == ["CU21-DMS", "PU21-HEALTH"]
    assert results.hits[1].snippet[:2] == [("<b>จัดหา</b>", False), ("เครื่องกำเนิดไฟฟ้า", True)]
    assert results.hits[1].organisation == "สำนักงานสาธารณสุขจังหวัดระยอง"


# ------------------------------------------------------------------------------------------ ambiguous words

@pytest.mark.parametrize(("text", "query", "hit"), [
    # "ตากลม" (to sit in the breeze) is one word; "ตา กลม" (round eyes) and "ตาก ลม" (Tak, wind) are two.
    ("นั่งตากลมที่ระเบียงอาคาร", "ตากลม", True),
    ("นั่งตากลมที่ระเบียงอาคาร", "ตาก ลม", False),
    ("นั่งตากลมที่ระเบียงอาคาร", "ตา กลม", False),
    ("ผู้ประสบภัยตา กลมโต", "ตา กลม", True),
    ("ผู้ประสบภัยตา กลมโต", "ตากลม", False),
    ("ศูนย์ประสานงานจังหวัดตาก ลมพัดแรงมาก", "ตาก ลม", True),
    ("ศูนย์ประสานงานจังหวัดตาก ลมพัดแรงมาก", "ตากลม", False),
    # One long word of the dictionary, inside a sentence, and searched in parts
    ("ติดตั้งเครื่องกำเนิดไฟฟ้าสำรองขนาด 500 kVA", "เครื่องกำเนิดไฟฟ้า", True),
    ("ติดตั้งเครื่องกำเนิดไฟฟ้าสำรองขนาด 500 kVA", "เครื่องกำเนิดไฟฟ้าสำรอง", True),
    ("ติดตั้งเครื่องกำเนิดไฟฟ้าสำรองขนาด 500 kVA", "ไฟฟ้าสำรอง", False),  # ไฟฟ้า is inside another word here
    ("ระบบไฟฟ้าสำรองของอาคาร", "ไฟฟ้าสำรอง", True),
    # Three words written together, found whether the query is written together or spaced
    ("ย้ายไปสถานที่ปฏิบัติงานสำรองที่ศาลากลาง", "สถานที่ปฏิบัติงานสำรอง", True),
    ("ย้ายไปสถานที่ปฏิบัติงานสำรองที่ศาลากลาง", "สถานที่ ปฏิบัติงาน สำรอง", True),
    ("ย้ายไปสถานที่ปฏิบัติงานสำรองที่ศาลากลาง", "สำรอง สถานที่", False),  # the words, not in that order
    ("ย้ายไปสถานที่ปฏิบัติงานสำรองที่ศาลากลาง", "ศาลากลาง", True),
])
def test_thai_words_that_segment_ambiguously(structure, people, campaign, text, query, hit):
    sent(campaign, structure.rayong_unit, people, **with_texts(activity=text))
    assert bool(found(people.opdc_coordinator, query, component="procedures")) is hit


def test_an_empty_query_finds_nothing(structure, people, campaign):
    sent(campaign, structure.rayong_unit, people)
    for query in ("", "   ", "-- ..."):
        results = search(people.opdc_coordinator, query, YEAR)
        assert (results.words, results.total, results.hits) == ([], 0, [])


# ------------------------------------------------------------------------------------------ what was sent

def test_only_sent_versions_are_searched(structure, people, campaign):
    unit = structure.rayong_unit
    plan = sent(campaign, unit, people)
    strategies = component_document(plan, "strategies")
    strategies[0]["strategy"] = "เช่าเครื่องกำเนิดไฟฟ้าจากเอกชน"
    apply_component(plan, "strategies", strategies, user=people.coordinator(unit),
                    expected_revision=plan.component_revision("strategies"))
    # The agency's unsent edit is found by nobody, the agency included: the index holds what was sent.
    for user in (people.opdc_coordinator, people.coordinator(unit)):
        assert found(user, "เครื่องกำเนิดไฟฟ้า") == {}
    assert found(people.opdc_coordinator, "ห้องประชุมโรงพยาบาลระยอง") == {"PU21-HEALTH": ["strategies"]}
    # Sent again (another campaign): now the new words are found and the old ones no longer.
    second = open_campaign(structure.rayong_office, people.rayong_office_coordinator, title="รอบทบทวน")
    plan.refresh_from_db()
    send(second, unit, people, plan)
    assert found(people.opdc_coordinator, "เครื่องกำเนิดไฟฟ้า") == {"PU21-HEALTH": ["strategies"]}
    assert found(people.opdc_coordinator, "ห้องประชุมโรงพยาบาลระยอง") == {}


def test_a_draft_is_never_searched(structure, people):
    make_plan(structure.rayong_unit, people.rayong_unit_coordinator)
    assert SearchEntry.objects.count() == 0
    assert found(people.rayong_unit_coordinator, "สถานที่ปฏิบัติงานสำรอง") == {}


# ------------------------------------------------------------------------------------------ who finds what

def test_sensitive_plans_are_never_found(structure, people, rayong):
    """The hospital's declared sensitive plan has no index rows: none of its words are found, by anyone."""
    hospital_plan = rayong["plans"]["HOSP21"]
    assert not SearchEntry.objects.filter(plan=hospital_plan).exists()
    everyone = [people.opdc_coordinator, people.rayong_office_coordinator, people.rayong_unit_coordinator,
                people.hospital_coordinator, people.municipality_coordinator]
    for user in everyone:
        for secret in SECRETS:
            assert found(user, secret) == {}, (user, secret)
    # The same words in an ordinary plan are found: the search itself works for these strings.
    sent(rayong["campaign"], structure.dms, people, **with_texts(strategy=SECRETS[1]))
    assert found(people.opdc_coordinator, SECRETS[1]) == {"DMS": ["strategies"]}


def test_a_plan_made_sensitive_after_sending_is_hidden_at_once(structure, people, campaign):
    unit = structure.rayong_unit
    plan = sent(campaign, unit, people)
    header = component_document(plan, "header")
    apply_component(plan, "header", {**header, "classification": "sensitive"}, user=people.coordinator(unit),
                    expected_revision=plan.component_revision("header"))
    assert not SearchEntry.objects.filter(plan=plan).exists()
    assert found(people.opdc_coordinator, "สถานที่ปฏิบัติงานสำรอง") == {}


def test_a_sensitive_plan_imported_as_sent_is_not_indexed(structure, people):
    """An operator's import of a historical round: the sensitive plan's version counts as sent, and
    still none of its words are indexed (the ordinary plan beside it is)."""
    secret = sensitive_document(SECRETS)
    ordinary = with_texts(strategy="ใช้เครื่องกำเนิดไฟฟ้าของศาลากลาง")
    assert import_plans([exchange_plan(secret, "PU21-HEALTH", fiscal_year=2563, state="accepted"),
                         exchange_plan(ordinary, "CU21-DMS", fiscal_year=2563, state="accepted")], user=None).ok
    assert set(SearchEntry.objects.values_list("organisation__code", flat=True)) == {"CU21-DMS"}
    for user in (people.opdc_coordinator, people.rayong_unit_coordinator):
        assert found(user, SECRETS[1], fiscal_year=2563) == {}
        assert found(user, "สถานที่ปฏิบัติงานสำรอง", fiscal_year=2563).keys() <= {"CU21-DMS"}


def test_each_reader_finds_the_plans_it_may_read_as_sent(structure, people, rayong):
    query = "สถานที่ปฏิบัติงานสำรอง"  # in every plan sent
    assert found(people.opdc_coordinator, query).keys() == {"PU21-HEALTH", "CU21-DMS", "TM21-001", "PO20"}
    # Rayong's provincial office: the unit it collects, the central unit it is informed of; not the
    # municipality (another route) nor Chonburi.
    assert found(people.rayong_office_coordinator, query).keys() == {"PU21-HEALTH", "CU21-DMS"}
    assert found(people.chonburi_office_coordinator, query).keys() == {"PO20"}
    assert found(people.municipality_coordinator, query).keys() == {"TM21-001"}
    assert found(people.rayong_unit_coordinator, query).keys() == {"PU21-HEALTH"}
    assert found(people.bma_district_coordinator, query) == {}


# ------------------------------------------------------------------------------------------ page and API

def test_the_page_and_the_api_agree(structure, people, rayong):
    client = Client()
    client.force_login(people.rayong_office_coordinator)
    params = {"q": "สถานที่ปฏิบัติงานสำรอง", "fiscal_year": YEAR}
    api = client.get("/api/v1/search/", params).json()
    page = client.get("/search/", params).content.decode()
    assert api["count"] == 2 and api["words"] == ["สถานที่", "ปฏิบัติงาน", "สำรอง"]
    for hit in api["results"]:
        assert f'data-plan="{hit["plan"]}"' in page
        assert hit["organisation_name"] in page
        marked = "".join(part["text"] for part in hit["snippet"] if part["mark"])
        assert f"<mark>{marked}</mark>" in page
        assert [c["key"] for c in hit["components"]] == ["strategies", "procedures"]
    assert page.count('class="search-hit"') == 2
    assert "ศูนย์การแพทย์ระยอง" in page and "เทศบาลเมืองระยอง" not in page


def test_the_page_escapes_what_plans_say(structure, people, campaign):
    sent(campaign, structure.rayong_unit, people, **with_texts(strategy='<script>alert("x")</script>เครื่องกำเนิดไฟฟ้า'))
    client = Client()
    client.force_login(people.opdc_coordinator)
    page = client.get("/search/", {"q": "<เครื่องกำเนิดไฟฟ้า>", "fiscal_year": YEAR}).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "<เครื่อง" not in page and "“&lt;เครื่องกำเนิดไฟฟ้า&gt;”" in page  # the query echoed, escaped
    assert "<mark>เครื่องกำเนิดไฟฟ้า</mark>" in page


def test_the_page_says_when_nothing_is_found(structure, people, campaign):
    sent(campaign, structure.rayong_unit, people)
    client = Client()
    client.force_login(people.opdc_coordinator)
    assert "ไม่พบแผน" in client.get("/search/", {"q": "ไม่มีคำนี้"}).content.decode()
    assert "พิมพ์คำที่ต้องการค้นหา" in client.get("/search/", {"q": ""}).content.decode()
    first = client.get("/search/").content.decode()
    assert "แผนที่มีชั้นความลับไม่ถูกค้นหา" in first and "search-hit" not in first
    assert 'aria-current="page">ค้นหาในแผน</a>' in first


def test_the_page_pages(structure, people, campaign):
    for org in (structure.rayong_unit, structure.central_unit, structure.municipality):
        sent(campaign, org, people)
    client = Client()
    client.force_login(people.opdc_coordinator)
    api = client.get("/api/v1/search/", {"q": "สถานที่ปฏิบัติงานสำรอง", "page": 2}).json()
    assert (api["count"], api["pages"], api["page"]) == (3, 1, 2) and api["results"] == []
    results = search(people.opdc_coordinator, "สถานที่ปฏิบัติงานสำรอง", YEAR, page=2, page_size=2)
    assert (results.total, results.pages, len(results.hits)) == (3, 2, 1)


def test_the_api_refuses_a_bad_fiscal_year_and_outsiders(structure, people, admin_user):
    client = Client()
    client.force_login(people.opdc_coordinator)
    response = client.get("/api/v1/search/", {"q": "ไฟฟ้า", "fiscal_year": "2400"})
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid"
    client.force_login(admin_user)  # a superuser of no agency reads no plan
    assert client.get("/api/v1/search/", {"q": "ไฟฟ้า"}).status_code == 403
    assert Client().get("/api/v1/search/", {"q": "ไฟฟ้า"}).status_code == 401


# ------------------------------------------------------------------------------------------ keeping the index

def test_reindexing_gives_the_same_answers(structure, people, rayong):
    before = found(people.opdc_coordinator, "สถานที่ปฏิบัติงานสำรอง")
    SearchEntry.objects.all().delete()
    assert found(people.opdc_coordinator, "สถานที่ปฏิบัติงานสำรอง") == {}
    out = io.StringIO()
    call_command("reindex_search", stdout=out)
    assert "4 plans indexed" in out.getvalue() or "แผน 4 แผน" in out.getvalue()
    assert found(people.opdc_coordinator, "สถานที่ปฏิบัติงานสำรอง") == before
    assert rebuild() == 4


def test_a_historical_round_imported_in_bulk_is_indexed(structure, people, admin_user):
    doc = with_texts(strategy="ใช้เครื่องกำเนิดไฟฟ้าของศาลากลาง")
    report = import_plans([exchange_plan(doc, "PU21-HEALTH", fiscal_year=2563, state="accepted")], user=None)
    assert report.created
    assert found(people.opdc_coordinator, "เครื่องกำเนิดไฟฟ้า", fiscal_year=2563) == {"PU21-HEALTH": ["strategies"]}
