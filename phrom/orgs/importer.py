"""Import and export of organisations (CSV or XLSX), all or nothing.

Every row is validated against the file itself and the database before anything is written;
one problem anywhere means nothing is stored, and the report lists every problem with its row
(numbered as in the file, the header being row 1), column, a machine code and a message in Thai
and in English. A valid file is written in one transaction: organisations are created or updated
by code, then the tree paths and the materialised routes are rebuilt (phrom.orgs.services).

The file format is described in docs/import.md.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from phrom.core import tabular
from phrom.core.filetypes import OLE_MAGIC, ZIP_MAGIC

from .models import CollectorFlag, Organisation, OrgKind, Province, RouteRule, Sector
from .services import refresh_after_bulk_load

COLUMNS = [
    "code", "name_th", "name_en", "kind", "parent_code", "province_code", "site", "sector", "collector",
    "latitude", "longitude",
]
REQUIRED_COLUMNS = COLUMNS[:9]
COORDINATE_COLUMNS = ["latitude", "longitude"]
CODE_RE = re.compile(r"^[A-Za-z0-9_.\-]+$")
CODE_MAX = Organisation._meta.get_field("code").max_length
TEXT_MAX = 255
SIX_PLACES = Decimal("0.000001")
PROGRESS_EVERY = 500

# Machine code -> message (English msgid, translated into Thai in phrom/orgs/locale).
MESSAGES = {
    # The file as a whole
    "file_type": _("Unsupported file type: upload a CSV file (UTF-8) or an Excel workbook (.xlsx)."),
    "xls_old": _("This is an old Excel file (.xls). In Excel, save it as “Excel Workbook (.xlsx)” or “CSV UTF-8”."),
    "not_xlsx": _("The file cannot be read as an Excel workbook (.xlsx). Save it again from Excel and retry."),
    "encoding": _(
        "The file is not UTF-8 text (the first bad character is on line %(line)s). "
        "In Excel, save it as “CSV UTF-8 (Comma delimited)” and import it again."
    ),
    "empty_file": _("The file is empty: the first row must name the columns."),
    "missing_column": _("The column “%(name)s” is missing from the header row."),
    "duplicate_column": _("The column “%(name)s” appears more than once in the header row."),
    "no_rows": _("The file has a header row but no data rows."),
    # One row
    "required": _("This value is required."),
    "too_long": _("The value is longer than %(max)s characters."),
    "code_invalid": _("The code “%(value)s” may contain only Latin letters, digits, “.”, “-” and “_”."),
    "duplicate_code": _("The code “%(value)s” already appears in row %(first_row)s."),
    "unknown_kind": _("Unknown kind “%(value)s”: use one of the kind codes listed on the import page (e.g. department, sao)."),
    "unknown_parent": _("The parent “%(value)s” is neither in this file nor in Phrom."),
    "parent_cycle": _("The parents form a cycle: %(cycle)s."),
    "unknown_province": _("Unknown province code “%(value)s”: use the official two-digit code (10 = Bangkok, 21 = Rayong)."),
    "province_required": _("An organisation of kind “%(kind)s” needs a province: its plan is routed by province."),
    "bad_sector": _("Unknown sector “%(value)s”: use energy, water, telecom or transport, or leave it empty."),
    "bad_collector": _("Unknown collector “%(value)s”: use national or bma, or leave it empty."),
    "duplicate_collector": _("Only one organisation may be the “%(value)s” collector, and %(other)s is one as well."),
    "bad_latitude": _("The latitude “%(value)s” must be a number between -90 and 90."),
    "bad_longitude": _("The longitude “%(value)s” must be a number between -180 and 180."),
    "coordinates_incomplete": _("Give both latitude and longitude, or neither."),
}


@dataclass(frozen=True)
class RowError:
    """One problem in an import file. `row` is 0 for a problem with the file as a whole."""

    row: int
    column: str
    code: str
    message_th: str
    message_en: str
    value: str = ""

    def message(self, language: str | None = None) -> str:
        return self.message_en if (language or translation.get_language()) == "en" else self.message_th

    def as_text(self, language: str | None = None) -> str:
        """"row 12 [kind]: …" in the given (or active) language."""
        with translation.override(language or translation.get_language()):
            where = gettext("row %(row)s") % {"row": self.row} if self.row else gettext("file")
            message = self.message()
        column = f" [{self.column}]" if self.column else ""
        return f"{where}{column}: {message}"


def row_error(row: int, column: str, code: str, value: str = "", messages=MESSAGES, **params) -> RowError:
    """A RowError with its message rendered in Thai and in English."""
    params.setdefault("value", value)
    template = messages[code]
    rendered = {}
    for language in ("th", "en"):
        with translation.override(language):
            rendered[language] = str(template) % params if params else str(template)
    return RowError(row, column, code, rendered["th"], rendered["en"], value)


def counts(**numbers: int) -> dict[str, str]:
    """Numbers for a message, with thousands separators (10,000)."""
    return {name: f"{n:,}" for name, n in numbers.items()}


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def bad_rows(self) -> int:
        return len({e.row for e in self.errors if e.row})

    def summary(self) -> str:
        """One sentence in the active language."""
        if self.ok:
            return gettext(
                "%(rows)s rows read: %(created)s organisations created, %(updated)s updated, %(unchanged)s unchanged."
            ) % counts(rows=self.rows, created=self.created, updated=self.updated, unchanged=self.unchanged)
        if not self.bad_rows:
            return gettext("Nothing was imported: the file cannot be used as it is. Fix it and import it again.")
        return gettext(
            "Nothing was imported: %(errors)s problems in %(bad_rows)s rows. Fix the file and import it again."
        ) % counts(errors=len(self.errors), bad_rows=self.bad_rows)

    def as_dict(self) -> dict:
        return {
            "ok": self.ok, "rows": self.rows, "created": self.created, "updated": self.updated,
            "unchanged": self.unchanged, "bad_rows": self.bad_rows, "errors": [asdict(e) for e in self.errors],
        }

    @classmethod
    def from_dict(cls, data: dict) -> ImportReport:
        errors = [RowError(**e) for e in data.get("errors", [])]
        return cls(data.get("rows", 0), data.get("created", 0), data.get("updated", 0), data.get("unchanged", 0), errors)


class FileRejected(Exception):
    """The file as a whole cannot be read; carries the errors to report."""

    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(e.message_en for e in errors))
        self.errors = errors


# ---------------------------------------------------------------------------------------------
# Reading a table from CSV or XLSX (shared with the user import in phrom.accounts.onboarding)

@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (row number in the file, column -> stripped text)


def _xlsx_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a province code typed as a number is 21.0 for openpyxl
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _read_xlsx(data: bytes) -> Iterable[list[str]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise FileRejected([row_error(0, "", "not_xlsx")]) from exc
    try:
        sheet = workbook.worksheets[0]
        return [[_xlsx_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _read_csv(data: bytes) -> Iterable[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileRejected([row_error(0, "", "encoding", line=line)]) from exc
    first_line = text.split("\n", 1)[0]
    # Excel in some locales writes ";" and some tools tabs: take whichever splits the header most.
    delimiter = max([",", ";", "\t"], key=first_line.count)
    return tabular.read_csv(text, delimiter)


def file_kind(data: bytes, filename: str = "") -> str:
    """'csv' or 'xlsx', from the content first and the name second; raises FileRejected otherwise."""
    name = filename.lower()
    if data.startswith(ZIP_MAGIC):
        return "xlsx"
    if data.startswith(OLE_MAGIC):
        raise FileRejected([row_error(0, "", "xls_old")])
    if name.endswith(".xlsx"):
        raise FileRejected([row_error(0, "", "not_xlsx")])
    if name and not name.endswith((".csv", ".txt")):
        raise FileRejected([row_error(0, "", "file_type")])
    if b"\x00" in data[:4096]:
        raise FileRejected([row_error(0, "", "file_type")])
    return "csv"


def read_table(data: bytes, filename: str, required: list[str], optional: list[str] = ()) -> Table:
    """The rows of a CSV/XLSX file as dictionaries keyed by (lower-cased) column name.

    Raises FileRejected for an unreadable file or missing columns. Blank rows are skipped;
    row numbers stay those of the file.
    """
    records = _read_xlsx(data) if file_kind(data, filename) == "xlsx" else _read_csv(data)
    records = iter(records)
    header_row = next(records, None)
    header = [(h or "").strip().lower().replace(" ", "_") for h in header_row or []]
    while header and not header[-1]:
        header.pop()
    if not header:
        raise FileRejected([row_error(1, "", "empty_file")])
    errors = [row_error(1, c, "missing_column", name=c) for c in required if c not in header]
    errors += [
        row_error(1, c, "duplicate_column", name=c)
        for c, n in Counter(header).items() if n > 1 and c in (*required, *optional)
    ]
    if errors:
        raise FileRejected(errors)
    wanted = [(i, c) for i, c in enumerate(header) if c in (*required, *optional)]
    rows = []
    for number, record in enumerate(records, start=2):
        values = {c: (record[i].strip() if i < len(record) and record[i] else "") for i, c in wanted}
        if any(values.values()):
            rows.append((number, values))
    if not rows:
        raise FileRejected([row_error(0, "", "no_rows")])
    return Table(header, rows)


# ---------------------------------------------------------------------------------------------
# Validation

FIELDS = ["name_th", "name_en", "kind_id", "parent_code", "province_id", "site", "sector", "collector"]


@dataclass
class Planned:
    """A valid row, normalised to the values to store."""

    row: int
    code: str
    values: dict  # FIELDS (+ latitude, longitude when the file has those columns)


@dataclass
class Snapshot:
    """What the database holds, loaded once: validation and writing need no further queries per row."""

    orgs: dict[str, dict]  # code -> {"pk", FIELDS..., "latitude", "longitude"}
    kinds: set[str]
    provinces: set[str]
    kinds_needing_province: set[str]

    @classmethod
    def load(cls) -> Snapshot:
        rows = list(Organisation.objects.values_list(
            "pk", "code", "name_th", "name_en", "kind_id", "parent_id", "province_id", "site", "sector", "collector",
            "latitude", "longitude",
        ))
        code_of = {r[0]: r[1] for r in rows}
        orgs = {}
        for pk, code, name_th, name_en, kind, parent, province, site, sector, collector, lat, lon in rows:
            orgs[code] = {
                "pk": pk, "name_th": name_th, "name_en": name_en, "kind_id": kind,
                "parent_code": code_of.get(parent, "") if parent else "", "province_id": province or "",
                "site": site, "sector": sector, "collector": collector, "latitude": lat, "longitude": lon,
            }
        needing = {
            kind for kind, target in RouteRule.objects.values_list("kind_id", "target") if target.startswith("province:")
        }
        return cls(
            orgs, set(OrgKind.objects.values_list("code", flat=True)),
            set(Province.objects.values_list("code", flat=True)), needing,
        )


def _coordinate(text: str, limit: int) -> Decimal | None:
    """The value rounded to the 6 places stored, or None if it is not a number within ±limit."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    if not value.is_finite() or abs(value) > limit:
        return None
    return value.quantize(SIX_PLACES, rounding=ROUND_HALF_UP)


def _check_row(number: int, raw: dict[str, str], snap: Snapshot, has_coords: bool) -> tuple[Planned | None, list]:
    errors = []

    def err(column, code, value="", **params):
        errors.append(row_error(number, column, code, value, **params))

    code = raw["code"]
    if not code:
        err("code", "required")
    elif len(code) > CODE_MAX:
        err("code", "too_long", code, max=CODE_MAX)
    elif not CODE_RE.match(code):
        err("code", "code_invalid", code)
    if not raw["name_th"]:
        err("name_th", "required")
    for column in ("name_th", "name_en", "site"):
        if len(raw[column]) > TEXT_MAX:
            err(column, "too_long", raw[column][:40] + "…", max=TEXT_MAX)
    kind = raw["kind"]
    if not kind:
        err("kind", "required")
    elif kind not in snap.kinds:
        err("kind", "unknown_kind", kind)
    province = raw["province_code"]
    if province.isdigit() and len(province) == 1:
        province = "0" + province
    if province and province not in snap.provinces:
        err("province_code", "unknown_province", raw["province_code"])
    elif not province and kind in snap.kinds_needing_province:
        err("province_code", "province_required", kind=kind)
    sector = raw["sector"].lower()
    if sector and sector not in Sector.values:
        err("sector", "bad_sector", raw["sector"])
    collector = raw["collector"].lower()
    if collector and collector not in CollectorFlag.values:
        err("collector", "bad_collector", raw["collector"])
    values = {
        "name_th": raw["name_th"], "name_en": raw["name_en"], "kind_id": kind, "parent_code": raw["parent_code"],
        "province_id": province, "site": raw["site"], "sector": sector, "collector": collector,
    }
    if has_coords:
        lat_text, lon_text = raw.get("latitude", ""), raw.get("longitude", "")
        lat = _coordinate(lat_text, 90) if lat_text else None
        lon = _coordinate(lon_text, 180) if lon_text else None
        if lat_text and lat is None:
            err("latitude", "bad_latitude", lat_text)
        if lon_text and lon is None:
            err("longitude", "bad_longitude", lon_text)
        if bool(lat_text) != bool(lon_text):
            err("latitude" if not lat_text else "longitude", "coordinates_incomplete")
        values["latitude"], values["longitude"] = lat, lon
    return (None if errors else Planned(number, code, values)), errors


def _cycles(parent_of: dict[str, str], starts: Iterable[str]) -> list[list[str]]:
    """Cycles in the parent relation reachable from `starts` (each node has one parent: follow it)."""
    state: dict[str, int] = {}  # 1 on the current walk, 2 finished
    cycles = []
    for start in starts:
        walk = []
        node = start
        while node and state.get(node) is None:
            state[node] = 1
            walk.append(node)
            node = parent_of.get(node, "")
        if node and state.get(node) == 1:
            cycles.append(walk[walk.index(node):])
        for n in walk:
            state[n] = 2
    return cycles


def validate(table: Table, snap: Snapshot, progress: Callable | None = None) -> tuple[list[Planned], list[RowError]]:
    has_coords = all(c in table.header for c in COORDINATE_COLUMNS)
    planned: list[Planned] = []
    errors: list[RowError] = []
    first_row: dict[str, int] = {}
    total = len(table.rows)
    for i, (number, raw) in enumerate(table.rows, start=1):
        plan, row_errors = _check_row(number, raw, snap, has_coords)
        code = raw["code"]
        if code and code in first_row:
            row_errors.append(row_error(number, "code", "duplicate_code", code, first_row=first_row[code]))
            plan = None
        elif code:
            first_row[code] = number
        errors += row_errors
        if plan:
            planned.append(plan)
        if progress and (i % PROGRESS_EVERY == 0 or i == total):
            progress("validate", i, total)

    # Relations between rows: parents, cycles, collectors. Judged on the state after the import.
    row_of = {code: number for code, number in first_row.items()}
    parent_of = {code: org["parent_code"] for code, org in snap.orgs.items()}
    flag_of = {code: org["collector"] for code, org in snap.orgs.items() if org["collector"]}
    for number, raw in table.rows:
        if first_row.get(raw["code"]) != number:
            continue
        parent = raw["parent_code"]
        if parent and parent not in row_of and parent not in snap.orgs:
            errors.append(row_error(number, "parent_code", "unknown_parent", parent))
            parent = ""
        parent_of[raw["code"]] = parent
        flag_of.pop(raw["code"], None)
        if raw["collector"].lower() in CollectorFlag.values:
            flag_of[raw["code"]] = raw["collector"].lower()
    for cycle in _cycles(parent_of, row_of):
        shown = " → ".join([*cycle, cycle[0]])
        for code in cycle:
            if code in row_of:
                errors.append(row_error(row_of[code], "parent_code", "parent_cycle", parent_of[code], cycle=shown))
    holders = defaultdict(list)
    for code, flag in flag_of.items():
        holders[flag].append(code)
    for flag, codes in holders.items():
        if len(codes) > 1:
            for code in codes:
                if code in row_of:
                    others = ", ".join(c for c in sorted(codes) if c != code)
                    errors.append(row_error(row_of[code], "collector", "duplicate_collector", flag, other=others))
    errors.sort(key=lambda e: (e.row, COLUMNS.index(e.column) if e.column in COLUMNS else 99))
    return planned, errors


# ---------------------------------------------------------------------------------------------
# Writing

def _tree_paths(parent_of: dict[str, str], codes: Iterable[str]) -> dict[str, str]:
    """Tree paths by code, in the format of tree_paths.compute_tree_paths ("/ROOT/…/CODE/")."""
    paths: dict[str, str] = {}
    for code in codes:
        chain = []
        node = code
        while node and node not in paths:
            chain.append(node)
            node = parent_of.get(node, "")
        prefix = paths[node] if node else "/"
        for n in reversed(chain):
            prefix = f"{prefix}{n}/"
            paths[n] = prefix
    return paths


def _update_rows(objs: list[Organisation], fields: list[str]) -> None:
    """UPDATE … WHERE id = … for each object, as one executemany.

    bulk_update() builds a CASE expression per field and row, whose Python-side cost made 1,000
    changed rows take 4 s; executemany of one prepared statement takes milliseconds.
    """
    connection = transaction.get_connection()
    meta = Organisation._meta
    model_fields = [meta.get_field(f) for f in fields]
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        quote(meta.db_table), ", ".join(f"{quote(f.column)} = %s" for f in model_fields), quote(meta.pk.column),
    )
    params = [
        [f.get_db_prep_save(getattr(o, f.attname), connection) for f in model_fields] + [o.pk] for o in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _write(planned: list[Planned], snap: Snapshot, report: ImportReport, progress: Callable | None) -> None:
    created, updated = [], []
    for plan in planned:
        current = snap.orgs.get(plan.code)
        if current is None:
            created.append(plan)
        elif any(current[k] != v for k, v in plan.values.items()):
            updated.append(plan)
    report.created, report.updated = len(created), len(updated)
    report.unchanged = len(planned) - len(created) - len(updated)
    if not created and not updated:
        return
    total = len(created) + len(updated)
    if progress:
        progress("write", 0, total)

    parent_of = {code: org["parent_code"] for code, org in snap.orgs.items()}
    parent_of.update({p.code: p.values["parent_code"] for p in planned})
    paths = _tree_paths(parent_of, [p.code for p in created + updated])
    pk_of = {code: org["pk"] for code, org in snap.orgs.items()}
    coordinate_fields = ["latitude", "longitude"] if "latitude" in planned[0].values else []

    def build(plan: Planned, pk=None) -> Organisation:
        v = plan.values
        org = Organisation(
            pk=pk, code=plan.code, name_th=v["name_th"], name_en=v["name_en"], kind_id=v["kind_id"],
            parent_id=pk_of[v["parent_code"]] if v["parent_code"] else None, province_id=v["province_id"] or None,
            site=v["site"], sector=v["sector"], collector=v["collector"], tree_path=paths[plan.code],
            **{f: v[f] for f in coordinate_fields},
        )
        org.search_text = org.compute_search_text()
        return org

    done = 0
    with transaction.atomic():
        # New organisations level by level, so that a parent has its primary key before its children.
        depth: dict[str, int] = {}
        new_codes = {p.code for p in created}
        for plan in created:
            chain, node = [], plan.code
            while node in new_codes and node not in depth:
                chain.append(node)
                node = parent_of[node]
            d = depth.get(node, -1) if node in new_codes else -1
            for n in reversed(chain):
                d += 1
                depth[n] = d
        levels = defaultdict(list)
        for plan in created:
            levels[depth[plan.code]].append(plan)
        for level in sorted(levels):
            plans = levels[level]
            for start in range(0, len(plans), 1000):
                objs = [build(p) for p in plans[start:start + 1000]]
                Organisation.objects.bulk_create(objs)
                pk_of.update((o.code, o.pk) for o in objs)
                done += len(objs)
                if progress:
                    progress("write", done, total)
        fields = [
            "name_th", "name_en", "kind_id", "parent_id", "province_id", "site", "sector", "collector",
            "tree_path", "search_text", *coordinate_fields,
        ]
        for start in range(0, len(updated), 1000):
            objs = [build(p, pk=pk_of[p.code]) for p in updated[start:start + 1000]]
            _update_rows(objs, fields)
            done += len(objs)
            if progress:
                progress("write", done, total)
        # Descendants of moved organisations that are not in the file get their new paths here.
        refresh_after_bulk_load()


def import_organisations(data: bytes, filename: str = "", *, progress: Callable | None = None) -> ImportReport:
    """Validate every row of a CSV/XLSX file, then (only if all are valid) store them in one transaction.

    `progress(stage, done, total)` is called as rows are validated ("validate") and written ("write").
    """
    report = ImportReport()
    try:
        table = read_table(data, filename, REQUIRED_COLUMNS, COORDINATE_COLUMNS)
    except FileRejected as exc:
        report.errors = exc.errors
        return report
    present = [c for c in COORDINATE_COLUMNS if c in table.header]
    if len(present) == 1:  # one coordinate column without the other would be silently ignored
        missing = next(c for c in COORDINATE_COLUMNS if c not in present)
        report.errors = [row_error(1, missing, "missing_column", name=missing)]
        return report
    report.rows = len(table.rows)
    snap = Snapshot.load()
    planned, errors = validate(table, snap, progress)
    if errors:
        report.errors = errors
        return report
    _write(planned, snap, report, progress)
    return report


# ---------------------------------------------------------------------------------------------
# Export

def export_rows() -> Iterable[tuple]:
    return Organisation.objects.order_by("tree_path", "code").values_list(
        "code", "name_th", "name_en", "kind_id", "parent__code", "province_id", "site", "sector", "collector",
        "latitude", "longitude",
    ).iterator(chunk_size=2000)


def export_orgs(out) -> int:
    """Write every organisation to the text stream `out` as CSV in the import's columns; returns the count.

    The caller opens `out` with encoding "utf-8-sig" (a BOM, so that Excel shows Thai) and newline="".
    Cells that a spreadsheet would take for a formula are escaped (phrom.core.tabular); the import
    reads them back as they were.
    """
    return tabular.write_csv(out, COLUMNS, export_rows())


SAMPLE_ROWS = [
    ["OPDC", "สำนักงานคณะกรรมการพัฒนาระบบราชการ", "Office of the Public Sector Development Commission", "department",
     "", "10", "ถนนพิษณุโลก เขตดุสิต", "", "national", "13.764800", "100.509900"],
    ["MOI", "กระทรวงมหาดไทย", "Ministry of Interior", "ministry", "", "10", "", "", "", "", ""],
    ["DOPA", "กรมการปกครอง", "Department of Provincial Administration", "department", "MOI", "10", "", "", "", "", ""],
    ["PO21", "สำนักงานจังหวัดระยอง", "Rayong Provincial Office", "provincial_office", "DOPA", "21",
     "ศาลากลางจังหวัดระยอง", "", "", "12.681100", "101.275700"],
    ["PU21-HEALTH", "สำนักงานสาธารณสุขจังหวัดระยอง", "Rayong Provincial Public Health Office", "provincial_unit",
     "", "21", "", "", "", "", ""],
    ["PEA", "การไฟฟ้าส่วนภูมิภาค", "Provincial Electricity Authority", "state_enterprise", "", "10", "", "energy", "",
     "", ""],
    ["TM21-001", "เทศบาลเมืองมาบตาพุด", "Map Ta Phut Town Municipality", "town_municipality", "", "21", "", "", "",
     "", ""],
]


def sample_csv() -> str:
    """A small valid file to start from (offered for download on the import page)."""
    out = io.StringIO(newline="")
    tabular.write_csv(out, COLUMNS, SAMPLE_ROWS)
    return out.getvalue()
