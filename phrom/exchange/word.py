"""Reading an existing plan from a Word file made from the OPDC form (or close to it).

`read_word(data)` walks the document's headings and tables and recognises the tables of the form
(DESIGN.md, "How the OPDC form lays these out") by the Thai words of their header rows, whatever
the exact wording, extra columns, merged cells, Thai digits or tick marks:

    Table 1        scenarios × the six resource categories, ticked cells       → scope.scenarios, impacts
    BCP team       role | main person (name, phone) | backup person (name, phone) → team
    strategies     resource category | continuity strategy                        → strategies
    BIA            process | impact level | RTO ticked in 4 h / 1 d / 1 w / 2 w / 1 m → processes
    resources      one table per category: items × the same five periods          → resources
    procedures     step | responsible | done, under a heading naming the window   → procedures
    call tree      caller | callee, or a level column, or one column per tier     → call_tree

It returns a `Reading`: the `phrom-plan/1` document of what was recognised (valid: what the plan
rules refuse is dropped with a note), per section what was found, and the tables it could not
place. Nothing is stored here: the review page shows the reading and the coordinator confirms.
The file must have passed phrom.exchange.docx_safety.check_docx first.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext_noop
from docx import Document
from docx.exceptions import PythonDocxError
from docx.opc.exceptions import OpcError
from docx.oxml.ns import qn
from lxml import etree

from phrom.core.messages import both, both_each
from phrom.plans.codes import PERIOD_HOURS, UNIT_ALIASES
from phrom.plans.content import PlanValidationError, clean_document, empty_document, normalise_phone
from phrom.plans.data.scenarios import SCENARIOS
from phrom.plans.formatting import parse_duration

from .docx_safety import WordFileRefused

SECTIONS = ("scenarios", "team", "strategies", "processes", "resources", "procedures", "call_tree")
SECTION_LABELS = {
    "scenarios": gettext_noop("Crisis scenarios and their impact on resources (Table 1)"),
    "team": gettext_noop("BCP team"),
    "strategies": gettext_noop("Continuity strategies"),
    "processes": gettext_noop("Business impact analysis (critical processes and RTO)"),
    "resources": gettext_noop("Resource requirements"),
    "procedures": gettext_noop("Procedures"),
    "call_tree": gettext_noop("Call tree"),
}

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
TICKS = {"✓", "✔", "☑", "☒", "✗", "✘", "x", "/", "√", "●", "•", "*", "▪", "■", "ใช่", "มี", "yes", "y"}
EMPTY = {"", "-", "–", "—", "☐", "□", "○", "ไม่มี", "ไม่", "no", "n"}
# Symbol-font ticks (w:sym in Wingdings and kin) and their meaning.
SYMBOLS = {"f0fc": "✓", "f0fe": "☑", "f0fd": "☒", "f0fb": "✗", "f078": "✓", "f0a8": "☐", "f06f": "☐", "f050": "✓",
           "f052": "☑", "f054": "☒", "f0a3": "☐", "f0a1": "☐"}

CATEGORY_WORDS = [  # the order matters: "การจัดหาจัดส่งวัสดุอุปกรณ์" is supply, not equipment
    ("supply", ("จัดหา", "จัดส่ง", "ห่วงโซ่", "supply")),
    ("stakeholders", ("คู่ค้า", "ผู้มีส่วนได้ส่วนเสีย", "ผู้ให้บริการ", "ผู้รับบริการ", "ผู้รับจ้าง", "stakeholder")),
    ("it", ("เทคโนโลยี", "สารสนเทศ", "ข้อมูลที่สำคัญ", "ระบบงาน", "information")),
    ("personnel", ("บุคลากร", "กำลังคน", "เจ้าหน้าที่", "personnel", "staff")),
    ("building", ("อาคาร", "สถานที่", "building", "workplace")),
    ("equipment", ("วัสดุ", "อุปกรณ์", "equipment")),
]
SCENARIO_WORDS = [
    ("epidemic", ("โรคระบาด", "โรคติดต่อ", "โควิด", "covid", "ไข้หวัด", "epidemic", "pandemic")),
    ("cyber", ("ไซเบอร์", "cyber", "แฮก", "มัลแวร์", "ransomware")),
    ("power_outage", ("ไฟฟ้าดับ", "ไฟฟ้าขัดข้อง", "ไฟดับ", "power")),
    ("fire", ("อัคคีภัย", "ไฟไหม้", "เพลิงไหม้", "fire")),
    ("flood", ("อุทกภัย", "น้ำท่วม", "flood")),
    ("riot", ("ชุมนุม", "จลาจล", "ประท้วง", "riot", "protest")),
    ("terrorism", ("ก่อการร้าย", "terror")),
    ("earthquake", ("แผ่นดินไหว", "earthquake")),
    ("drought", ("ภัยแล้ง", "drought")),
    ("storm", ("วาตภัย", "พายุ", "storm")),
    ("chemical", ("สารเคมี", "chemical")),
    ("building_collapse", ("อาคารถล่ม", "อาคารพัง", "collapse")),
]
LEVELS = [("very_high", ("สูงมาก", "มากที่สุด", "very high", "วิกฤต")), ("high", ("สูง", "มาก", "high")),
          ("medium", ("ปานกลาง", "กลาง", "medium")), ("low", ("ต่ำ", "น้อย", "low"))]
WINDOWS = [("d1_7", (r"1\s*[-–]\s*7\s*วัน", r"วันที่\s*1\s*[-–]\s*7", r"day[s]?\s*1\s*[-–]\s*7")),
           ("d7_30", (r"7\s*[-–]\s*30\s*วัน", r"วันที่\s*7\s*[-–]\s*30", r"day[s]?\s*7\s*[-–]\s*30")),
           ("beyond30", (r"(มากกว่า|เกิน|หลัง)\s*30\s*วัน", r"beyond")),
           ("day1", (r"ภายใน\s*1\s*วัน", r"วันแรก", r"24\s*ชั่วโมง", r"first day", r"within 1 day"))]
TEAM_ROLES = [("coordinator", ("ผู้ประสานงาน", "เลขานุการ", "coordinator")),
              ("head", ("หัวหน้าทีมบริหาร", "หัวหน้าคณะทำงาน", "หัวหน้าทีม bcp", "ประธาน", "ผู้อำนวยการ", "ผู้บริหาร",
                        "หัวหน้าส่วนราชการ", "head")),
              ("leader", ("หัวหน้า", "leader"))]
CHANNELS = [("line", ("line", "ไลน์")), ("sms", ("sms", "ข้อความ")), ("email", ("อีเมล", "e-mail", "email")),
            ("radio", ("วิทยุ", "radio")), ("phone", ("โทร", "phone"))]
PHONE_RE = re.compile(r"(?:\+66|0)[\d\-\s().]{7,14}\d")
# A number and a unit written out, longest word first; not a lone letter ("100 m" is metres, not months).
DURATION_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(" + "|".join(
    re.escape(w) for w in sorted((w for w in UNIT_ALIASES if len(w) > 1), key=len, reverse=True)) + ")")
NUMBER_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")
NAME_TITLES = re.compile(r"^(นาย|นางสาว|นาง|น\.ส\.|ดร\.|ว่าที่\s*ร\.ต\.|mr\.?|mrs\.?|ms\.?)\s*")


def norm(text: str | None) -> str:
    """Thai digits to Arabic, invisible characters out, runs of white space as one."""
    text = (text or "").translate(THAI_DIGITS).translate(INVISIBLE).replace("\u00a0", " ")
    return re.sub(r"[ \t]+", " ", re.sub(r"\s*\n\s*", "\n", text)).strip()


def low(text: str) -> str:
    return norm(text).lower()


def has(text: str, words) -> bool:
    text = low(text)
    return any(w in text for w in words)


def first_match(text: str, table) -> str | None:
    text = low(text)
    for code, words in table:
        if any(w in text for w in words):
            return code
    return None


def is_tick(text: str) -> bool:
    t = low(text)
    return t in TICKS or (bool(t) and all(ch in "✓✔☑☒✗✘√●•*xX/ " for ch in t) and t.strip() != "")


def is_blank(text: str) -> bool:
    return low(text) in EMPTY


def period_of(text: str) -> str | None:
    """'4 ชั่วโมง' -> '4h', '๑ สัปดาห์' -> '1w', 'ภายใน 1 เดือน' -> '1m'."""
    hours = duration_hours(text)
    for code, h in PERIOD_HOURS.items():
        if hours == h:
            return code
    return None


def duration_hours(text: str) -> float | None:
    match = DURATION_RE.search(low(text))
    if not match:
        return None
    amount, unit = match.groups()
    return parse_duration(amount, unit) if float(amount) else 0  # no hours at all is a valid RPO


def quantity(text: str) -> tuple[float | None, str]:
    """'2 เครื่อง' -> (2, 'เครื่อง'); '1,000' -> (1000, ''); '-' -> (None, '')."""
    t = norm(text)
    match = NUMBER_RE.search(t)
    if not match or is_blank(t):
        return None, ""
    value = float(match.group(0).replace(",", ""))
    unit = t[match.end():].strip(" .()")
    return (int(value) if value.is_integer() else value), unit[:64]


def person(text: str) -> tuple[str, str, str]:
    """A cell naming someone: (name, position, phone)."""
    t = norm(text)
    phone = ""
    match = PHONE_RE.search(t)
    if match and normalise_phone(match.group(0)):
        phone = normalise_phone(match.group(0))
        t = (t[:match.start()] + t[match.end():])
    t = re.sub(r"(โทร(ศัพท์)?\.?|tel\.?|เบอร์)\s*:?", "", t, flags=re.I)
    parts = [p.strip(" ,:-") for p in re.split(r"\s*[/\n(]\s*|\)", t) if p.strip(" ,:-")]
    name = parts[0] if parts else ""
    position = " ".join(parts[1:])
    return name[:255], position[:255], phone


def name_key(name: str) -> str:
    return re.sub(r"\s+", "", NAME_TITLES.sub("", low(name)))


# --------------------------------------------------------------------------- reading the file


@dataclass
class Cell:
    text: str
    ident: int  # the same for every grid position a merged cell covers


@dataclass
class Table:
    index: int
    context: str  # the headings and captions just before the table
    rows: list[list[Cell]]

    def texts(self, r: int) -> list[str]:
        return [c.text for c in self.rows[r]]

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def _cell_text(tc) -> str:
    """The text of a cell, with symbol-font ticks and checkbox controls as characters."""
    parts = []
    for p in tc.iter(qn("w:p")):
        line = []
        for el in p.iter():
            if el.tag == qn("w:t"):
                line.append(el.text or "")
            elif el.tag == qn("w:sym"):
                line.append(SYMBOLS.get((el.get(qn("w:char")) or "").lower(), ""))
            elif el.tag == qn("w:tab"):
                line.append(" ")
            elif el.tag in (qn("w:br"), qn("w:cr")):
                line.append("\n")
            elif el.tag.endswith("}checked") and el.getparent() is not None and el.getparent().tag.endswith("}checkbox"):
                line.append("☑" if el.get(el.tag.replace("checked", "val")) in ("1", "true") or
                            any(v in ("1", "true") for v in el.attrib.values()) else "☐")
        parts.append("".join(line))
    return norm("\n".join(parts))


def _grid(tbl) -> list[list[Cell]]:
    """The table as a grid: merged cells repeated at every position they cover."""
    rows, above, ident = [], {}, 0
    for tr in tbl.findall(qn("w:tr")):
        row: list[Cell] = []
        trpr = tr.find(qn("w:trPr"))
        before = trpr.find(qn("w:gridBefore")) if trpr is not None else None
        for _ in range(int(before.get(qn("w:val"), 0)) if before is not None else 0):
            ident += 1
            row.append(Cell("", ident))
        for tc in tr.findall(qn("w:tc")):
            tcpr = tc.find(qn("w:tcPr"))
            span, vmerge = 1, None
            if tcpr is not None:
                gs = tcpr.find(qn("w:gridSpan"))
                span = int(gs.get(qn("w:val"), 1)) if gs is not None else 1
                vm = tcpr.find(qn("w:vMerge"))
                vmerge = (vm.get(qn("w:val")) or "continue") if vm is not None else None
            col = len(row)
            if vmerge == "continue" and col in above:
                cell = above[col]
            else:
                ident += 1
                cell = Cell(_cell_text(tc), ident)
            for k in range(max(span, 1)):
                row.append(cell)
                above[col + k] = cell
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    for r in rows:
        while len(r) < width:
            ident += 1
            r.append(Cell("", ident))
    return rows


def _paragraph_text(p) -> str:
    return norm("".join(t.text or "" for t in p.iter(qn("w:t"))))


def walk(data: bytes) -> tuple[list[str], list[Table]]:
    """The document's paragraphs and its top-level tables, each table with the text just before it.
    A package that check_docx let through but python-docx cannot open is refused, not a crash."""
    try:
        document = Document(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise WordFileRefused("zip_mismatch") from None
    except (etree.XMLSyntaxError, PythonDocxError, OpcError, KeyError, ValueError):
        raise WordFileRefused("damaged_word") from None
    paragraphs, tables, recent = [], [], []
    for el in document.element.body.iterchildren():
        if el.tag == qn("w:p"):
            text = _paragraph_text(el)
            if text:
                paragraphs.append(text)
                recent = (recent + [text])[-3:]
        elif el.tag == qn("w:tbl"):
            tables.append(Table(len(tables), " ".join(recent), _grid(el)))
            recent = []  # the next table's context starts after this one
    return paragraphs, tables


# --------------------------------------------------------------------------- recognising tables


def _header_rows(table: Table) -> int:
    """How many rows at the top are headers (1–3): the first, and each next one that continues a
    merged header cell of the row above or names the period (or level) columns."""
    count = 1
    for r in range(1, min(3, len(table.rows) - 1)):
        row, above = table.rows[r], table.rows[r - 1]
        merged = any(c.ident == a.ident for c, a in zip(row, above, strict=False))
        labels = sum(1 for c in {c.ident: c for c in row}.values() if period_of(c.text) or level_label(c.text))
        if not (merged or labels >= 2) or any(NUMBER_RE.fullmatch(c.text) or len(c.text) > 80 for c in row):
            break
        count += 1
    return count


def _labels(table: Table, header: int) -> list[str]:
    """Per column: the distinct texts of its header cells, joined (a merged group label first)."""
    out = []
    for c in range(table.width):
        seen = []
        for r in range(header):
            t = table.rows[r][c].text
            if t and t not in seen:
                seen.append(t)
        out.append(" ".join(seen))
    return out


def _full_row(row: list[Cell]) -> str | None:
    """A row that is one merged cell across (most of) the table: a group heading inside the table."""
    filled = [c for c in row if c.text]
    if filled and len({c.ident for c in filled}) == 1 and len(filled) >= max(2, len(row) * 0.5):
        return filled[0].text
    return None


LEVEL_NAMES = {"สูงมาก": "very_high", "มากที่สุด": "very_high", "very high": "very_high", "สูง": "high", "มาก": "high",
               "high": "high", "ปานกลาง": "medium", "กลาง": "medium", "medium": "medium", "ต่ำ": "low", "น้อย": "low",
               "low": "low"}


def level_label(label: str) -> str | None:
    """A column whose header is an impact level itself (one tick column per level)."""
    t = re.sub(r"ระดับผลกระทบ|ระดับ|ผลกระทบ|impact level|\(.*?\)|[0-9]", " ", low(label))
    return LEVEL_NAMES.get(re.sub(r"\s+", " ", t).strip())


def _ordinal(text: str) -> bool:
    return bool(re.fullmatch(r"\(?\d{1,3}[.)]?", norm(text)))


@dataclass
class Reading:
    """What was recognised in a Word file (JSON-able: stored until the coordinator confirms)."""

    document: dict
    found: dict = field(default_factory=dict)  # section -> {"tables": [indexes], "count": n}
    unrecognised: list = field(default_factory=list)  # {"index", "context", "header", "rows"}
    notes: list = field(default_factory=list)  # {"message_th", "message_en"}
    title: str = ""
    tables: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


class _Reader:
    def __init__(self, catalogue_names: dict[str, str] | None = None):
        self.doc = empty_document()
        self.found = {s: {"tables": [], "count": 0} for s in SECTIONS}
        self.unrecognised = []
        self.notes = []
        self.catalogue = catalogue_names or {}
        self.members: dict[str, str] = {}  # name key -> member key
        self.processes: dict[str, str] = {}  # process name key -> process key
        self.custom = 0

    def note(self, msgid: str, **params):
        th, en = both(msgid, **params)
        self.notes.append({"message_th": th, "message_en": en})

    def mark(self, section: str, table: Table, count: int):
        self.found[section]["tables"].append(table.index + 1)
        self.found[section]["count"] += count

    # -- the kinds of table

    def classify(self, table: Table) -> str | None:
        if len(table.rows) < 2 or table.width < 2:
            return None
        header = _header_rows(table)
        labels = _labels(table, header)
        joined = " ".join(labels)
        periods = [period_of(lb) for lb in labels]
        n_periods = len({p for p in periods if p})
        categories = {first_match(lb, CATEGORY_WORDS) for lb in labels[1:]} - {None}
        context = low(table.context)
        if len(categories) >= 3 and n_periods == 0:
            return "scenarios"
        if has(joined, ("กลยุทธ์", "strateg")):
            return "strategies"
        if has(joined, ("ผู้แจ้ง", "ผู้รับแจ้ง", "แจ้งต่อ", "caller", "callee")) or (
                has(context, ("call tree", "แผนผังการติดต่อ", "ผังการติดต่อ", "ผังการแจ้ง")) and
                not has(joined, ("ขั้นตอน", "กิจกรรม"))):
            return "call_tree"
        if n_periods >= 3:
            data_cells = [row[c].text for row in table.rows[header:] if _full_row(row) is None
                          for c, p in enumerate(periods) if p]
            numbers = sum(1 for t in data_cells if quantity(t)[0] is not None and not is_tick(t))
            ticks = sum(1 for t in data_cells if is_tick(t))
            longtext = sum(1 for t in data_cells if len(t) > 12 and quantity(t)[0] is None)
            if ticks >= numbers and ticks >= longtext and (has(joined, ("กระบวน", "งาน", "process", "ภารกิจ"))):
                return "processes"
            if numbers > ticks and numbers >= longtext:
                return "resources"
            if longtext:
                return "impact_over_time"
        if has(joined, ("สำรอง", "backup", "alternate")) and has(joined, ("ชื่อ", "name", "หลัก", "ตัวจริง")):
            return "team"
        if has(joined, ("ขั้นตอน", "กิจกรรม", "activity", "step")) and has(joined, ("ผู้รับผิดชอบ", "responsible")):
            return "procedures"
        return None

    def read(self, tables: list[Table]):
        kinds = [(t, self.classify(t)) for t in tables]
        # Processes first: the resource and procedure tables refer to them, the call tree to the team.
        order = ["scenarios", "team", "processes", "impact_over_time", "strategies", "resources", "procedures",
                 "call_tree"]
        done = set()
        for kind in order:
            for table, k in kinds:
                if k == kind:
                    if getattr(self, f"table_{kind}")(table, _header_rows(table)) is not False:
                        done.add(table.index)
        for table in tables:
            if table.index not in done:
                header = [t for t in _labels(table, 1) if t] if table.rows else []
                self.unrecognised.append({"index": table.index + 1, "context": table.context[:200],
                                          "header": header[:12], "rows": len(table.rows)})

    def table_scenarios(self, table: Table, header: int):
        labels = _labels(table, header)
        columns = {c: first_match(lb, CATEGORY_WORDS) for c, lb in enumerate(labels) if c > 0}
        name_col = self._column(labels, ("สถานการณ์", "เหตุการณ์", "ภัย", "ความเสี่ยง", "scenario", "event"))
        if name_col is None:
            name_col = next((c for c, lb in enumerate(labels) if not columns.get(c) and not _ordinal(lb)
                             and low(lb) not in ("ที่", "no", "no.") and not has(lb, ("ลำดับ",))), 0)
        scenarios = self.doc["scope"]["scenarios"]
        count = 0
        for row in table.rows[header:]:
            name = row[name_col].text
            if not name or _full_row(row) is not None:
                continue
            code = self.scenario_code(name)
            if code is None:
                continue
            if code in {s["code"] for s in scenarios} and not code.startswith("custom-"):
                code = self.custom_code()  # a second row of the same kind: the agency's own scenario
            if code not in {s["code"] for s in scenarios}:
                entry = {"code": code, "note": ""}
                if code.startswith("custom-"):
                    entry.update({"name_th": name.split("\n")[0][:255], "name_en": ""})
                scenarios.append(entry)
                count += 1
            for c, category in columns.items():
                if not category or row[c].ident == row[name_col].ident:
                    continue
                text = row[c].text
                if is_blank(text):
                    continue
                if any(i["scenario"] == code and i["category"] == category for i in self.doc["impacts"]):
                    continue
                self.doc["impacts"].append({"scenario": code, "category": category, "impacted": True,
                                            "note": "" if is_tick(text) else text[:1000]})
        self.mark("scenarios", table, count)

    def scenario_code(self, name: str) -> str | None:
        name_l = low(name)
        for code, th in self.catalogue.items():
            if th and low(th) == name_l:
                return code
        code = first_match(name, SCENARIO_WORDS)
        if code:
            return code
        if len(name_l) < 2 or _ordinal(name_l) or has(name_l, ("รวม", "total")):
            return None
        return self.custom_code()

    def custom_code(self) -> str:
        self.custom += 1
        return f"custom-{self.custom}"

    def member(self, name: str, position: str, phone: str, role: str = "member", team: str = "") -> str | None:
        if is_blank(name) and is_blank(position):
            return None
        if is_blank(name):  # printed "–": a post not yet given a name, known by its position
            name = ""
        key_name = name_key(name or position)
        if key_name in self.members:
            existing = next(m for m in self.doc["team"] if m["key"] == self.members[key_name])
            # Named first as someone's alternate (or in the call tree), then in a row of their own.
            for name_, value in (("phone", phone), ("position", position), ("team", team[:255])):
                if value and not existing[name_]:
                    existing[name_] = value
            if existing["role"] == "member" and role != "member":
                existing["role"] = role
            return existing["key"]
        key = f"m{len(self.doc['team']) + 1}"
        self.doc["team"].append({"key": key, "name": name, "position": position, "role": role, "team": team[:255],
                                 "phone": phone, "email": "", "line_id": "", "alternate": None})
        self.members[key_name] = key
        return key

    def table_team(self, table: Table, header: int):
        labels = _labels(table, header)
        role_col, main, alt = None, {}, {}
        last = main  # a phone column without a side belongs to the name column before it
        for c, lb in enumerate(labels):
            if has(lb, ("สำรอง", "backup", "alternate")):
                side = alt
            elif has(lb, ("หลัก", "ตัวจริง", "main", "primary")):
                side = main
            else:
                side = last
            if has(lb, ("โทร", "phone", "เบอร์")):
                side.setdefault("phone", c)
            elif has(lb, ("ชื่อ", "name", "หลัก", "ตัวจริง", "สำรอง", "ผู้ปฏิบัติ")):
                side.setdefault("name", c)
                last = side
            elif role_col is None and has(lb, ("บทบาท", "ตำแหน่ง", "หน้าที่", "ทีม", "role", "คณะ")):
                role_col = c
        if "name" not in main:
            return False
        group, count = "", 0
        for row in table.rows[header:]:
            heading = _full_row(row)
            if heading is not None:
                group = heading
                continue
            role_text = row[role_col].text if role_col is not None else ""
            role = first_match(role_text, TEAM_ROLES) or "member"
            keys = []
            for side in (main, alt):
                if "name" not in side:
                    keys.append(None)
                    continue
                name, position, phone = person(row[side["name"]].text)
                if "phone" in side and side["phone"] != side["name"]:
                    phone = person(row[side["phone"]].text)[2] or phone
                    if not phone and not is_blank(row[side["phone"]].text):
                        self.note(gettext_noop("Table {table}: \"{value}\" is not a Thai phone number; it was left out."),
                                  table=table.index + 1, value=row[side["phone"]].text[:40])
                keys.append(self.member(name, position, phone, role if side is main else "member",
                                        group or role_text))
            main_key, alt_key = keys
            if main_key:
                count += 1
                m = next(x for x in self.doc["team"] if x["key"] == main_key)
                if alt_key and alt_key != main_key and not m["alternate"]:
                    m["alternate"] = alt_key
        self.mark("team", table, count)

    def table_processes(self, table: Table, header: int):
        labels = _labels(table, header)
        periods = {c: period_of(lb) for c, lb in enumerate(labels) if period_of(lb)}
        name_col = self._column(labels, ("กระบวน", "งานบริการ", "process", "งาน", "กิจกรรม"), exclude=periods)
        if name_col is None:
            return False
        mission_col = self._column(labels, ("ภารกิจ", "หน่วยงาน", "mission"), exclude={**periods, name_col: 1})
        level_cols = {c: level_label(lb) for c, lb in enumerate(labels)
                      if c not in periods and c != name_col and level_label(lb)}
        level_col = self._column(labels, ("ระดับ", "ผลกระทบ", "impact"), exclude={**periods, **level_cols, name_col: 1})
        mtpd_col = self._column(labels, ("mtpd", "หยุดชะงักสูงสุด", "ยอมรับได้"), exclude=periods)
        rpo_col = self._column(labels, ("rpo", "จุดเป้าหมาย"), exclude=periods)
        eservice_col = self._column(labels, ("e-service", "eservice", "อิเล็กทรอนิกส์"), exclude=periods)
        mission, count = "", 0
        for row in table.rows[header:]:
            heading = _full_row(row)
            if heading is not None:
                mission = heading[:500]
                continue
            name = row[name_col].text.split("\n")[0].strip()
            if not name or _ordinal(name):
                continue
            key = f"p{len(self.doc['processes']) + 1}"
            # A ticked period, with the exact time under the tick where one is written (Phrom prints it so).
            ticked = []
            for c, p in periods.items():
                tick, _, exact = row[c].text.partition("\n")
                if is_tick(tick):
                    ticked.append((p, duration_hours(exact) if exact else None))
            level = None
            if level_col is not None:
                level = first_match(row[level_col].text, LEVELS)
            for c, lv in level_cols.items():
                if is_tick(row[c].text):
                    level = lv
            process = {
                "key": key, "name": name[:500],
                "mission": (row[mission_col].text if mission_col is not None else mission)[:500],
                "impact_level": level,
                "mtpd_hours": duration_hours(row[mtpd_col].text) if mtpd_col is not None else None,
                "rto_hours": (ticked[0][1] or PERIOD_HOURS[ticked[0][0]]) if ticked else None,
                "rpo_hours": duration_hours(row[rpo_col].text) if rpo_col is not None else None,
                "depends_on_it": False,
                "eservice": is_tick(row[eservice_col].text) if eservice_col is not None else False,
                "impact_over_time": {},
            }
            if len(ticked) > 1:
                self.note(gettext_noop("Table {table}: {name} has more than one RTO column ticked; the shortest was "
                                       "taken."), table=table.index + 1, name=name[:60])
            self.doc["processes"].append(process)
            self.processes[name_key(name)] = key
            count += 1
        self.mark("processes", table, count)

    def table_impact_over_time(self, table: Table, header: int):
        labels = _labels(table, header)
        periods = {c: period_of(lb) for c, lb in enumerate(labels) if period_of(lb)}
        name_col = next((c for c in range(table.width) if c not in periods and not has(labels[c], ("ลำดับ",))), None)
        if name_col is None or not self.doc["processes"]:
            return False
        matched = 0
        for row in table.rows[header:]:
            key = self.processes.get(name_key(row[name_col].text.split("\n")[0]))
            if key is None:
                continue
            process = next(p for p in self.doc["processes"] if p["key"] == key)
            for c, p in periods.items():
                if row[c].text and not is_blank(row[c].text):
                    process["impact_over_time"][p] = row[c].text
            matched += 1
        if not matched:
            return False
        self.mark("processes", table, 0)

    def table_strategies(self, table: Table, header: int):
        labels = _labels(table, header)
        strategy_col = self._column(labels, ("กลยุทธ์", "strateg"))
        category_col = self._column(labels, ("ทรัพยากร", "ด้าน", "ประเภท", "resource", "category"),
                                    exclude={strategy_col: 1})
        count = 0
        for row in table.rows[header:]:
            category = first_match(row[category_col].text if category_col is not None else "", CATEGORY_WORDS) \
                or first_match(row[0].text, CATEGORY_WORDS)
            text = row[strategy_col].text
            if not category or not text or is_blank(text):
                continue
            self.doc["strategies"].append({"category": category, "strategy": text,
                                           "digital": has(text, ("ออนไลน์", "e-service", "ดิจิทัล", "อิเล็กทรอนิกส์",
                                                                 "online", "digital"))})
            count += 1
        self.mark("strategies", table, count)

    def table_resources(self, table: Table, header: int):
        labels = _labels(table, header)
        periods = {c: period_of(lb) for c, lb in enumerate(labels) if period_of(lb)}
        category = first_match(table.context.split("ตาราง")[-1], CATEGORY_WORDS) or first_match(
            table.context, CATEGORY_WORDS) or first_match(" ".join(labels), CATEGORY_WORDS)
        process_col = self._column(labels, ("กระบวน", "process"), exclude=periods)
        unit_col = next((c for c, lb in enumerate(labels) if c not in periods and
                         (has(lb, ("หน่วยนับ", "unit")) or low(lb) == "หน่วย")), None)
        taken = {**periods, **({process_col: 1} if process_col is not None else {}),
                 **({unit_col: 1} if unit_col is not None else {})}
        item_col = self._column(labels, ("รายการ", "ทรัพยากร", "ความต้องการ", "item", "ประเภท", "ชื่อ"), exclude=taken)
        if item_col is None:
            item_col = next((c for c in range(table.width) if c not in taken and not has(labels[c], ("ลำดับ", "no."))),
                            None)
        if item_col is None:
            return False
        if category is None:
            self.note(gettext_noop("Table {table} lists resources but does not say of which category (building, "
                                   "equipment, IT…): it was left out."), table=table.index + 1)
            return False
        count = 0
        for row in table.rows[header:]:
            if _full_row(row) is not None:
                continue
            item = row[item_col].text.split("\n")[0].strip()
            if not item or _ordinal(item) or has(item, ("รวม", "total")):
                continue
            quantities, unit = {}, row[unit_col].text[:64] if unit_col is not None else ""
            for c, p in periods.items():
                value, value_unit = quantity(row[c].text)
                if value is not None:
                    quantities[p] = value
                    unit = unit or value_unit
            process = None
            if process_col is not None:
                process = self.processes.get(name_key(row[process_col].text.split("\n")[0]))
            self.doc["resources"].append({"process": process, "category": category, "item": item[:500],
                                          "unit": unit, "quantities": quantities})
            count += 1
        self.mark("resources", table, count)

    def table_procedures(self, table: Table, header: int):
        labels = _labels(table, header)
        window = next((code for code, patterns in WINDOWS if any(re.search(p, low(table.context)) for p in patterns)),
                      None)
        if window is None:
            self.note(gettext_noop("Table {table} lists steps but its heading does not say in which time window "
                                   "(within 1 day, days 1–7, days 7–30): it was left out."), table=table.index + 1)
            return False
        activity_col = self._column(labels, ("ขั้นตอน", "กิจกรรม", "activity", "step", "การดำเนินการ"))
        owner_col = self._column(labels, ("ผู้รับผิดชอบ", "responsible"), exclude={activity_col: 1})
        count = 0
        for row in table.rows[header:]:
            activity = row[activity_col].text
            if not activity or _ordinal(activity) or _full_row(row) is not None:
                continue
            owner = None
            if owner_col is not None:
                name = person(row[owner_col].text)[0]
                owner = self.members.get(name_key(name)) if name else None
            count += 1
            self.doc["procedures"].append({"window": window, "order": sum(
                1 for s in self.doc["procedures"] if s["window"] == window) + 1, "activity": activity,
                "owner": owner, "process": None})
        self.mark("procedures", table, count)

    def table_call_tree(self, table: Table, header: int):
        labels = _labels(table, header)
        caller_col = self._column(labels, ("ผู้แจ้ง", "ผู้ติดต่อ", "caller", "ผู้โทร"))
        callee_col = self._column(labels, ("ผู้รับแจ้ง", "ผู้รับการติดต่อ", "แจ้งต่อ", "callee", "ผู้ที่ต้องแจ้ง"),
                                  exclude={caller_col: 1} if caller_col is not None else {})
        channel_col = self._column(labels, ("ช่องทาง", "channel", "วิธี"))
        links = self.doc["call_tree"]
        before = len(links)
        if caller_col is not None and callee_col is not None:
            for row in table.rows[header:]:
                callee = self._person_key(row[callee_col].text)
                if callee is None:
                    continue
                caller = self._person_key(row[caller_col].text)
                channel = first_match(row[channel_col].text, CHANNELS) if channel_col is not None else None
                self._link(caller, callee, channel)
        else:
            level_col = self._column(labels, ("ระดับ", "ลำดับขั้น", "ชั้น", "level"))
            name_cols = [c for c, lb in enumerate(labels) if c != level_col and not has(lb, ("โทร", "phone", "ลำดับ"))]
            if level_col is not None:
                name_col = self._column(labels, ("ชื่อ", "name", "ผู้"), exclude={level_col: 1})
                if name_col is None:
                    return False
                last: dict[int, str] = {}
                for row in table.rows[header:]:
                    level = quantity(row[level_col].text)[0]
                    key = self._person_key(row[name_col].text)
                    if key is None or level is None:
                        continue
                    level = int(level)
                    self._link(last.get(level - 1) if level > 1 else None, key, None)
                    last[level] = key
                    for deeper in [k for k in last if k > level]:
                        del last[deeper]
            elif name_cols:
                # One column per tier (executive → BCP head → team leads → staff).
                last: dict[int, str] = {}
                seen: set = set()
                for row in table.rows[header:]:
                    for c in name_cols:
                        cell = row[c]
                        if cell.ident in seen or not cell.text or is_blank(cell.text):
                            continue
                        seen.add(cell.ident)
                        key = self._person_key(cell.text)
                        if key is None:
                            continue
                        caller = next((last[k] for k in sorted(last, reverse=True) if k < c), None)
                        self._link(caller, key, None)
                        last[c] = key
                        for deeper in [k for k in last if k > c]:
                            del last[deeper]
        if len(links) == before:
            return False
        self.mark("call_tree", table, len(links) - before)

    def _person_key(self, text: str) -> str | None:
        name, position, phone = person(text)
        if is_blank(name):  # "–" over a position: a post not yet given a name (Phrom prints it so)
            name = ""
        if not (name or position) or _ordinal(name):
            return None
        return self.member(name, position, phone)

    def _link(self, caller: str | None, callee: str, channel: str | None):
        links = self.doc["call_tree"]
        if caller == callee or any(x["caller"] == caller and x["callee"] == callee for x in links):
            return
        if caller is not None and self._reaches(callee, caller):
            return  # would close a circle
        order = sum(1 for x in links if x["caller"] == caller) + 1
        links.append({"caller": caller, "callee": callee, "order": order, "channel": channel or "phone"})

    def _reaches(self, start: str, goal: str) -> bool:
        stack, seen = [start], set()
        while stack:
            node = stack.pop()
            if node == goal:
                return True
            if node not in seen:
                seen.add(node)
                stack += [x["callee"] for x in self.doc["call_tree"] if x["caller"] == node]
        return False

    @staticmethod
    def _column(labels: list[str], words, exclude=None) -> int | None:
        exclude = exclude or {}
        return next((c for c, lb in enumerate(labels) if c not in exclude and has(lb, words)), None)


OPTIONAL = re.compile(r"\.(phone|email|line_id|mtpd_hours|rto_hours|rpo_hours|alternate|owner|process|caller|"
                      r"impact_level|note|unit|mission|position|team|name_en)$")
ITEM = re.compile(r"^(.*?)\[(\d+)\]")


def _locate(doc: dict, path: str):
    """(the container, the key or index) that a validation error path names."""
    target, parts = doc, re.findall(r"[^.\[\]]+|\[\d+\]", path)
    for part in parts[:-1]:
        target = target[int(part[1:-1])] if part.startswith("[") else target[part]
    last = parts[-1]
    return target, (int(last[1:-1]) if last.startswith("[") else last)


def _valid(reader: _Reader, catalogue: set) -> dict:
    """The document with what the plan rules refuse left out, each with a note: an optional field
    is emptied, a row missing something it needs is dropped."""
    doc = reader.doc
    for _ in range(6):
        try:
            clean_document(doc, catalogue=catalogue)
            return doc
        except PlanValidationError as e:
            drops = []
            for err in e.errors:
                path = err["path"]
                try:
                    if OPTIONAL.search(path):
                        target, key = _locate(doc, path)
                        target[key] = None if path.endswith(("_hours", "alternate", "owner", "process", "caller",
                                                             "impact_level")) else ""
                    elif ITEM.match(path):
                        drops.append(ITEM.match(path).group(0))
                    else:
                        continue
                except (KeyError, IndexError, TypeError, ValueError):
                    continue
                th, en = both_each(gettext_noop("{path}: {message} It was left out."),
                                   {"path": path, "message": err["message_th"]}, {"path": path, "message": err["message_en"]})
                reader.notes.append({"message_th": th, "message_en": en})
            for item in sorted(set(drops), key=lambda p: -int(ITEM.match(p).group(2))):
                container, index = _locate(doc, item)
                del container[index]
    raise ValueError("the reading cannot be made valid")


def read_word(data: bytes, *, catalogue_names: dict[str, str] | None = None) -> Reading:
    """Recognise a plan in a (checked) .docx; catalogue_names: scenario code -> Thai name (default:
    the scenarios shipped with Phrom)."""
    if catalogue_names is None:
        catalogue_names = {code: th for code, th, *_ in SCENARIOS}
    paragraphs, tables = walk(data)
    reader = _Reader(catalogue_names)
    reader.read(tables)
    candidates = [p for p in paragraphs[:25] if len(p) <= 500 and has(p, (
        "แผนบริหารความพร้อม", "แผนความต่อเนื่อง", "แผนบริหารความต่อเนื่อง", "business continuity plan"))]
    title = next((p for p in candidates if has(p, ("ของ", "ประจำปี"))), candidates[0] if candidates else "")
    reader.doc["title"] = title or "-"
    doc = _valid(reader, set(catalogue_names))
    doc["title"] = title
    for section in ("team", "processes"):
        if not reader.found[section]["count"] and doc[section]:
            reader.found[section]["count"] = len(doc[section])  # people named only in the call tree
    return Reading(document=doc, found=reader.found, unrecognised=reader.unrecognised, notes=reader.notes,
                   title=title, tables=len(tables))
