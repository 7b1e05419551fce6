"""Demo plans as plain documents: which organisations have a plan, and what each plan says.

`select(specs)` picks the organisations (about 40% of the 8,281 agencies, fewer units, by kind);
`make_plan(spec, template, today=…)` turns the starter template that fits the organisation's kind
into that agency's plan (`phrom-plan/1` document): its own title, people, phone numbers and e-mail
addresses, a subset of the processes (some renamed for the agency), varied recovery targets and
scenarios, at a completeness tier, with the gaps that tier draws. The plan also says which checker
codes (warnings and errors) those gaps must produce, so that tests can hold the checker to them.

Everything is drawn from `random.Random` seeded with the organisation's code: the same plan on every
machine and every run. Dates are counted back from `today`, the fiscal year is today's.
No database here; phrom.demo.plan_loader writes the plans.
"""

from __future__ import annotations

import datetime
import hashlib
import random
import re
from collections import defaultdict
from dataclasses import dataclass

from phrom.core.thaidates import fiscal_year as fiscal_year_of
from phrom.core.thaidates import fiscal_year_bounds
from phrom.dependencies.demo import SERVICES as DEPENDED_ON
from phrom.plans.checker import one_year_before
from phrom.plans.codes import FORMAT, Category
from phrom.plans.services import StarterTemplate, default_title

from .builder import SEED, OrgSpec
from .data import people
from .data import plans as data

CATEGORIES = [c.value for c in Category]
MTPD_LADDER = [4, 8, 24, 72, 168, 336, 720]
RTO_LADDER = [1, 2, 4, 8, 12, 24, 48, 72, 168, 336, 720]
COPY_RE = re.compile(r"-X(\d+)$")
GENERIC_IMPACTS = {"building": (True, ""), "personnel": (True, "")}


@dataclass(frozen=True)
class DemoPlan:
    org: OrgSpec
    template: str
    tier: str
    document: dict
    # The checker codes of severity warning or error this plan must show, and no others.
    intended: frozenset

    @property
    def sensitive(self) -> bool:
        return self.document["classification"] == "sensitive"


# --- who has a plan ---------------------------------------------------------------------------------


def base_code(code: str) -> str:
    """The code of the original organisation of a --scale copy (SAO-210104-X2 -> SAO-210104)."""
    return COPY_RE.sub("", code)


def copy_number(code: str) -> int:
    match = COPY_RE.search(code)
    return int(match.group(1)) if match else 1


def is_sensitive(spec: OrgSpec) -> bool:
    return base_code(spec.code) in data.SENSITIVE or base_code(spec.parent or "") in data.SENSITIVE


def is_forced(spec: OrgSpec) -> bool:
    """Organisations that always have a plan: the demo users', the security agencies, DMS hospitals,
    critical-infrastructure state enterprises (seed 003: such agencies first), the services others depend on."""
    if spec.code in data.DEMO_USER_PLANS or spec.code in data.SENSITIVE or spec.code in DEPENDED_ON:
        return True
    if base_code(spec.parent or "") in data.ALWAYS_PARENTS:
        return True
    return spec.kind == "state_enterprise" and bool(spec.sector)


def _rank(code: str) -> str:
    return hashlib.sha256(f"{SEED}-plan-{code}".encode()).hexdigest()


def select(specs: list[OrgSpec]) -> list[OrgSpec]:
    """The organisations with a demo plan, in the order of `specs`.

    Within each kind (and each --scale copy, so that scale 1's choice stands at any scale) the share
    of data.SHARES is taken: the forced organisations first, then the others by a seeded ranking.
    """
    groups: dict[tuple, list[OrgSpec]] = defaultdict(list)
    for spec in specs:
        groups[(spec.kind, copy_number(spec.code))].append(spec)
    chosen = set()
    for (kind, _copy), members in groups.items():
        quota = round(data.SHARES.get(kind, 0.0) * len(members))
        forced = [s for s in members if is_forced(s)]
        others = sorted((s for s in members if not is_forced(s)), key=lambda s: _rank(s.code))
        chosen.update(s.code for s in forced)
        chosen.update(s.code for s in others[: max(0, quota - len(forced))])
    return [s for s in specs if s.code in chosen]


def template_for(spec: OrgSpec, templates: dict[str, StarterTemplate]) -> StarterTemplate:
    """The starter template that fits the organisation's kind; between the two department templates,
    administrative bodies take the administrative one and the others mostly the service one."""
    fitting = sorted(code for code, t in templates.items() if t.kinds and spec.kind in t.kinds)
    if not fitting:
        raise ValueError(f"no starter template fits the kind {spec.kind!r} ({spec.code})")
    if len(fitting) == 1:
        return templates[fitting[0]]
    if {"department_admin", "department_service"} <= set(fitting):
        code = base_code(spec.code)
        if spec.kind == "ministry" or code.endswith("-OPS") or code == "OPDC" or code.startswith("OPM-"):
            return templates["department_admin"]
        if spec.kind in ("state_enterprise", "university"):
            return templates["department_service"]
        share_service = 0.65 if spec.kind == "department" else 0.5
        pick = random.Random(f"{SEED}-template-{spec.code}").random()
        return templates["department_service" if pick < share_service else "department_admin"]
    return templates[fitting[0]]


def tier_group(spec: OrgSpec) -> str:
    if spec.kind == "provincial_office":
        return "province"
    if spec.kind in data.CENTRAL_KINDS:
        return "central"
    if spec.kind in data.LOCAL_KINDS:
        return "local"
    return "unit"


# --- gaps ---------------------------------------------------------------------------------------------


def _weighted_sample(rng: random.Random, weights: dict[str, float], k: int) -> list[str]:
    pool = dict(weights)
    out = []
    while pool and len(out) < k:
        names = list(pool)
        pick = rng.choices(names, weights=[pool[n] for n in names])[0]
        out.append(pick)
        del pool[pick]
    return out


def draw_gaps(tier: str, rng: random.Random, requires: bool) -> set[str]:
    """The gaps of a plan of this tier; `requires`: a collector requires a scenario of it."""
    gaps: set[str] = set()
    if tier == "complete":
        return gaps
    if tier == "draft":
        gaps |= {"not_reviewed_12_months", "not_exercised_12_months", "member_without_contact"}
        empty = rng.sample(["resources", "procedures", "call_tree", "strategies"], k=rng.choice([1, 1, 2, 3]))
        gaps |= {f"component_empty:{c}" for c in empty}
        if rng.random() < 0.3:
            gaps.add("process_without_rto")
        if requires and rng.random() < 0.5:
            gaps.add("missing_required_scenario")
        return gaps
    if tier == "minor":
        if rng.random() < 0.25:
            gaps.add("not_reviewed_12_months")
        if rng.random() < 0.6:
            gaps.add("not_exercised_12_months")
        gaps.update(_weighted_sample(rng, data.WARNING_GAPS, rng.choice([1, 1, 2])))
        return gaps
    # gappy
    if rng.random() < 0.55:
        gaps.add("not_reviewed_12_months")
    if rng.random() < 0.8:
        gaps.add("not_exercised_12_months")
    gaps.update(_weighted_sample(rng, data.WARNING_GAPS, rng.choice([1, 2, 2, 3])))
    errors = dict(data.ERROR_GAPS)
    if requires:
        errors["missing_required_scenario"] = data.MISSING_REQUIRED_WEIGHT
    gaps.update(_weighted_sample(rng, errors, rng.choice([1, 1, 2])))
    return gaps


# --- people ------------------------------------------------------------------------------------------


def person_style(spec: OrgSpec) -> str:
    code, parent = base_code(spec.code), base_code(spec.parent or "")
    if code.startswith("MOD") or parent.startswith("MOD"):
        return "military"
    if code == "RTP" or parent == "RTP":
        return "police"
    return "civil"


def person_name(rng: random.Random, role: str, position: str, style: str) -> tuple[str, str, str]:
    """(Thai full name with title, romanised given name, romanised surname)."""
    female_share = {"military": 0.15, "police": 0.2}.get(style, people.FEMALE_SHARE)
    female = rng.random() < female_share
    given, given_rom = rng.choice(people.FEMALE_GIVEN_NAMES if female else people.MALE_GIVEN_NAMES)
    surname, surname_rom = rng.choice(people.SURNAMES)
    if any(word in position for word in people.PHYSICIAN_WORDS):
        title = "แพทย์หญิง" if female else "นายแพทย์"
    elif style in ("military", "police"):
        ranks = people.MILITARY_RANKS if style == "military" else people.POLICE_RANKS
        title = ranks.get(role, ranks["member"]) + ("หญิง" if female else "")
    elif female:
        title = "นาง" if rng.random() < people.MARRIED_SHARE else "นางสาว"
    else:
        title = "นาย"
    return f"{title}{given} {surname}", given_rom, surname_rom


def phone_number(rng: random.Random, province: str | None) -> str:
    """A Thai number as people write them: mostly mobiles, some office lines, in the usual layouts."""
    if rng.random() < 0.15:
        area = people.AREA_CODES.get(province or "", "02")
        if area == "02":
            digits = f"{rng.randint(1000000, 9999999)}"
            return f"02-{digits[:3]}-{digits[3:]}"
        digits = f"{rng.randint(200000, 999999)}"
        return f"{area}-{digits[:3]}-{digits[3:]}"
    prefix = rng.choice(people.MOBILE_PREFIXES)
    rest = f"{rng.randint(0, 9999999):07d}"
    layout = rng.random()
    if layout < 0.5:
        return f"{prefix}-{rest[:3]}-{rest[3:]}"
    if layout < 0.85:
        return f"{prefix}{rest}"
    if layout < 0.95:
        return f"{prefix} {rest[:3]} {rest[3:]}"
    return f"+66 {prefix[1:]} {rest[:3]} {rest[3:]}"


def email_address(rng: random.Random, given: str, surname: str, domain: str) -> str:
    layout = rng.random()
    if layout < 0.55:
        local = f"{given}.{surname[0]}"
    elif layout < 0.8:
        local = f"{given}.{surname}"
    else:
        local = f"{given}{surname[:2]}{rng.randint(1, 99)}"
    return f"{local}@{domain}"


def line_id(rng: random.Random, given: str, surname: str) -> str:
    return rng.choice([f"{given}{rng.randint(1, 99)}", f"{given}_{surname[:3]}", f"{given}.{surname}"])


def email_domain(spec: OrgSpec) -> str:
    # Demo addresses under .localhost: nothing sent to them can leave the machine.
    return f"{spec.code.lower()}.demo.phrom.localhost"


# --- positions ------------------------------------------------------------------------------------------


def local_group(spec: OrgSpec) -> str:
    if spec.kind in ("city_municipality", "town_municipality", "subdistrict_municipality"):
        return "municipality"
    if spec.kind == "bma_unit":
        return "bma_district" if re.match(r"^BMA-D\d", base_code(spec.code)) else "bma_office"
    return spec.kind  # sao, pao, pattaya, bma


def head_title(spec: OrgSpec) -> str:
    if spec.kind == "university":
        return "อธิการบดี"
    if spec.kind == "public_org":
        return "ผู้อำนวยการ"
    for start, title in data.HEAD_TITLES:
        if spec.name_th.startswith(start):
            return title
    return data.DEFAULT_HEAD_TITLE


def adapt_position(position: str, spec: OrgSpec, template: str) -> str:
    """Positions written for several kinds at once, resolved for this organisation."""
    if template == "local_government":
        offices = data.LOCAL_OFFICES[local_group(spec)]
        for text, index in data.LOCAL_POSITIONS:
            if text in position:
                return position.replace(text, offices[index])
    for text, deputy in data.DEPARTMENT_HEAD_POSITIONS.get(template, []):
        if position.startswith(text):
            return ("รอง" if deputy else "") + head_title(spec) + position[len(text):]
    return position


# --- the plan -------------------------------------------------------------------------------------------


def _date_between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def plan_dates(rng: random.Random, gaps: set[str], today: datetime.date) -> tuple[str | None, str | None]:
    """Reviewed and exercised dates over the last two fiscal years: within 12 months unless the plan
    has the gap, then older or never."""
    year_ago = one_year_before(today)
    earliest, _ = fiscal_year_bounds(fiscal_year_of(today) - 2)
    recent = (year_ago + datetime.timedelta(days=1), today)
    old = (earliest, year_ago - datetime.timedelta(days=1))
    out = []
    for code, never_share in (("not_reviewed_12_months", 0.4), ("not_exercised_12_months", 0.6)):
        if code not in gaps:
            out.append(_date_between(rng, *recent).isoformat())
        elif rng.random() < never_share or old[1] < old[0]:
            out.append(None)
        else:
            out.append(_date_between(rng, *old).isoformat())
    return out[0], out[1]


def _step(ladder: list, value, rng: random.Random):
    if value not in ladder:
        return value
    i = ladder.index(value) + rng.choice([-1, 1])
    return ladder[min(len(ladder) - 1, max(0, i))]


class _Builder:
    """One plan being written from its template: the lists are new dicts, the template is never changed."""

    def __init__(self, spec: OrgSpec, template: StarterTemplate, today: datetime.date, required: tuple,
                 tier: str, gaps: set, rng: random.Random):
        self.spec, self.template, self.code = spec, template, template.code
        self.today, self.required, self.tier, self.gaps, self.rng = today, required, tier, set(gaps), rng
        self.doc = template.document
        self.applied: set[str] = set()
        self.draft = tier == "draft"
        self.unit = template.code == "province" and spec.kind in ("provincial_unit", "central_unit")
        self.empty = {g.split(":", 1)[1] for g in gaps if g.startswith("component_empty:")}
        compact_share = 1.0 if spec.kind in data.COMPACT_KINDS else data.COMPACT_SHARES.get(spec.kind, 0.0)
        self.compact = (not self.draft and spec.code not in data.DEMO_USER_PLANS
                        and rng.random() < compact_share)

    def build(self) -> DemoPlan:
        processes = self.processes()
        scenarios = self.scenarios()
        impacts = self.impacts(scenarios)
        strategies = self.strategies(impacts)
        team, replaced, removed_steps_of = self.team()
        resources = self.resources(processes)
        procedures = self.procedures(processes, team, replaced, removed_steps_of)
        call_tree = self.call_tree(team, replaced)
        team = self.team_gaps(team)
        if any(not m["name"] for m in team):
            self.applied.add("member_without_name")  # a template taken over: names still to fill in
        reviewed, exercised = plan_dates(self.rng, self.gaps, self.today)
        for code in ("not_reviewed_12_months", "not_exercised_12_months"):
            if code in self.gaps:
                self.applied.add(code)
        long_crisis = "long_crisis_not_covered" not in self.gaps
        if not long_crisis:
            self.applied.add("long_crisis_not_covered")
        fiscal_year = fiscal_year_of(self.today)
        document = {
            "format": FORMAT,
            "title": default_title(self.spec, fiscal_year),
            "classification": "sensitive" if is_sensitive(self.spec) else "normal",
            "reviewed_on": reviewed,
            "exercised_on": exercised,
            "scope": self.scope(scenarios, processes, long_crisis),
            "impacts": impacts,
            "team": team,
            "strategies": strategies,
            "processes": processes,
            "resources": resources,
            "procedures": procedures,
            "call_tree": call_tree,
        }
        intended = frozenset("component_empty" if g.startswith("component_empty:") else g for g in self.applied)
        return DemoPlan(self.spec, self.code, self.tier, document, intended)

    # --- scope and scenarios

    def scenarios(self) -> list[dict]:
        rng = self.rng
        keep_notes = self.draft or (not self.compact and rng.random() < 0.5)
        self.keep_notes = keep_notes
        template_rows = {s["code"]: s for s in self.doc["scope"]["scenarios"]}
        chosen = []
        for s in self.doc["scope"]["scenarios"]:
            share = data.SCENARIO_SHARES.get(s["code"], data.OTHER_SCENARIO_SHARE)
            if rng.random() < share:
                chosen.append(s["code"])
        for code, share in data.SCENARIO_SHARES.items():
            if code not in template_rows and code in data.ADDED_SCENARIOS and rng.random() < share:
                chosen.append(code)
        for code in template_rows:  # at least three scenarios
            if len(chosen) >= 3:
                break
            if code not in chosen:
                chosen.append(code)
        missing = "missing_required_scenario" in self.gaps and self.required
        for i, code in enumerate(self.required):
            if missing and i == 0:
                if code in chosen:
                    chosen.remove(code)
                self.applied.add("missing_required_scenario")
            elif code not in chosen:
                chosen.append(code)
        rows = []
        for code in chosen:
            if code in template_rows:
                row = dict(template_rows[code])
                if not keep_notes:
                    row["note"] = ""
            else:
                note = data.ADDED_SCENARIOS[code][0] if code in data.ADDED_SCENARIOS else ""
                row = {"code": code, "note": note if keep_notes else ""}
            rows.append(row)
        return rows

    def scope(self, scenarios: list[dict], processes: list[dict], long_crisis: bool) -> dict:
        template_scope = self.doc["scope"]
        objectives = template_scope["objectives"]
        scope_text = template_scope["scope"]
        if not self.draft:
            subject = data.OBJECTIVE_SUBJECTS.get(self.code)
            if subject and subject in objectives:
                objectives = objectives.replace(subject, "เพื่อให้" + self.spec.name_th, 1)
            names = [s.get("name_th") or data.SCENARIO_SHORT_TH.get(s["code"], s["code"]) for s in scenarios]
            listed = " ".join(names[:-1]) + f" และ{names[-1]}" if len(names) > 1 else names[0]
            scope_text = (
                f"แผนฉบับนี้ครอบคลุมกระบวนงานหลักและงานบริการที่สำคัญของ{self.spec.name_th} จำนวน {len(processes)} "
                f"กระบวนงาน รองรับสถานการณ์{listed}"
                + (" รวมถึงกรณีวิกฤตที่ต่อเนื่องนานกว่า 1 เดือน" if long_crisis else "")
            )
        return {
            "objectives": objectives, "assumptions": template_scope["assumptions"], "scope": scope_text,
            "long_crisis": long_crisis, "scenarios": scenarios,
        }

    def impacts(self, scenarios: list[dict]) -> list[dict]:
        rng = self.rng
        ticks_only = self.compact or (not self.draft and rng.random() < 0.4)
        by_scenario = defaultdict(list)
        for r in self.doc["impacts"]:
            by_scenario[r["scenario"]].append(r)
        codes = [s["code"] for s in scenarios]
        skip = None
        if "scenario_without_impact" in self.gaps:
            skip = rng.choice(codes)
            self.applied.add("scenario_without_impact")
        rows = []
        for code in codes:
            if code == skip:
                continue
            if code in by_scenario:
                source = [(r["category"], r["impacted"], r["note"]) for r in by_scenario[code]]
            else:
                # A scenario a collector requires that neither the template nor the list above knows.
                grid = data.ADDED_SCENARIOS[code][1] if code in data.ADDED_SCENARIOS else GENERIC_IMPACTS
                source = [(c, *grid[c]) for c in CATEGORIES if c in grid]
            for category, impacted, note in source:
                if ticks_only and not impacted:
                    continue
                rows.append({"scenario": code, "category": category, "impacted": impacted,
                             "note": note if self.keep_notes else ""})
        return rows

    def strategies(self, impacts: list[dict]) -> list[dict]:
        rng = self.rng
        if "strategies" in self.empty:
            self.applied.add("component_empty:strategies")
            if any(r["impacted"] for r in impacts):
                self.applied.add("impact_without_strategy")  # every affected category is then without one
            return []
        rows = [dict(s) for s in self.doc["strategies"]]
        if self.compact:
            by_category = defaultdict(list)
            for i, s in enumerate(rows):
                by_category[s["category"]].append(i)
            keep = {rng.choice(indexes) for indexes in by_category.values()}
            rows = [s for i, s in enumerate(rows) if i in keep]
        elif not self.draft and rng.random() < 0.4:
            counts = defaultdict(int)
            for s in rows:
                counts[s["category"]] += 1
            crowded = [i for i, s in enumerate(rows) if counts[s["category"]] >= 3]
            if crowded:
                del rows[rng.choice(crowded)]
        if "impact_without_strategy" in self.gaps:
            impacted = sorted({r["category"] for r in impacts if r["impacted"]}, key=CATEGORIES.index)
            if impacted:
                category = rng.choice(impacted)
                rows = [s for s in rows if s["category"] != category]
                self.applied.add("impact_without_strategy")
        return rows

    # --- business impact analysis and resources

    def processes(self) -> list[dict]:
        rng = self.rng
        excluded = set(data.EXCLUDED_PROCESSES.get((self.code, self.spec.kind), ()))
        if self.unit:
            excluded |= data.PROVINCE_ONLY_PROCESSES
        candidates = [p for p in self.doc["processes"] if p["key"] not in excluded]
        if self.draft:
            kept = candidates
        else:
            n = max(3, len(candidates) - rng.choice([2, 3] if self.compact else [0, 0, 1, 1, 2]))
            chosen = set(p["key"] for p in rng.sample(candidates, min(n, len(candidates))))
            kept = [p for p in candidates if p["key"] in chosen]
        renames = data.PROCESS_NAMES.get(self.code, {})
        rows = []
        for p in kept:
            row = dict(p)
            if not self.draft:
                if p["key"] in renames and rng.random() < data.RENAME_SHARE:
                    row["name"] = rng.choice(renames[p["key"]]).format(org=self.spec.name_th)
                if row["mtpd_hours"] is not None and rng.random() < 0.35:
                    row["mtpd_hours"] = _step(MTPD_LADDER, row["mtpd_hours"], rng)
                if row["rto_hours"] is not None and rng.random() < 0.35:
                    row["rto_hours"] = _step(RTO_LADDER, row["rto_hours"], rng)
                if row["rto_hours"] is not None and row["mtpd_hours"] is not None and row["rto_hours"] > row["mtpd_hours"]:
                    row["rto_hours"] = max(x for x in RTO_LADDER if x <= row["mtpd_hours"])
                if row["depends_on_it"] and row["rpo_hours"] is not None and rng.random() < 0.3:
                    row["rpo_hours"] = rng.choice([1, 4, 8, 24])
            rows.append(row)
        untouched = list(range(len(rows)))
        rng.shuffle(untouched)

        def target(condition):
            for i in untouched:
                if condition(rows[i]):
                    untouched.remove(i)
                    return rows[i]
            return None

        if "rto_exceeds_mtpd" in self.gaps:
            row = target(lambda r: r["mtpd_hours"] is not None and r["rto_hours"] is not None)
            if row is not None:
                row["rto_hours"] = next((x for x in RTO_LADDER if x > row["mtpd_hours"]), row["mtpd_hours"] * 2)
                self.applied.add("rto_exceeds_mtpd")
        for code, field, condition in (
            ("process_without_rto", "rto_hours", lambda r: True),
            ("process_without_mtpd", "mtpd_hours", lambda r: True),
            ("process_without_rpo", "rpo_hours", lambda r: r["depends_on_it"] and r["rpo_hours"] is not None),
        ):
            if code in self.gaps:
                row = target(condition)
                if row is not None:
                    row[field] = None
                    self.applied.add(code)
        return rows

    def resources(self, processes: list[dict]) -> list[dict]:
        if "resources" in self.empty:
            self.applied.add("component_empty:resources")
            return []
        rng = self.rng
        keys = [p["key"] for p in processes]
        factor = 1 if self.draft else rng.choice(data.SIZE_FACTORS.get(self.spec.kind, (1,)))
        rows = []
        for r in self.doc["resources"]:
            if r["process"] is not None and r["process"] not in keys:
                continue
            quantities = {p: (q if not q else max(1, round(q * factor))) for p, q in r["quantities"].items()}
            rows.append({**r, "quantities": quantities})
        if "process_without_resources" in self.gaps:
            with_rows = sorted({r["process"] for r in rows if r["process"]}, key=keys.index)
            if len(with_rows) > 1:
                gone = rng.choice(with_rows)
                rows = [r for r in rows if r["process"] != gone]
                self.applied.add("process_without_resources")
        return rows

    # --- team, procedures, call tree

    def team(self) -> tuple[list[dict], dict, set]:
        """The members with names and contacts; the keys dropped -> who takes over their duties;
        the keys whose procedure steps go with them (the unit's province-wide coordinators)."""
        rng, spec = self.rng, self.spec
        members = []
        for m in self.doc["team"]:
            row = dict(m)
            row["position"] = adapt_position(row["position"], spec, self.code)
            members.append(row)
        by_key = {m["key"]: m for m in members}
        dropped: list[str] = []
        steps_go: set[str] = set()
        if self.unit:
            for m in members:
                if m["team"] == data.UNIT_COORDINATION_TEAM:
                    if m["role"] == "leader":
                        m["team"] = data.UNIT_TEAM_NAME
                        steps_go.add(m["key"])  # the province-wide alerts were theirs
                    else:
                        dropped.append(m["key"])
                        steps_go.add(m["key"])
            for key, position in data.UNIT_POSITIONS.items():
                if key in by_key:
                    by_key[key]["position"] = position
        if not self.draft and rng.random() < (0.6 if self.compact else 0.3):
            plain = [m["key"] for m in members if m["role"] == "member" and m["key"] not in dropped]
            for key in rng.sample(plain, min(len(plain), rng.choice([1, 2, 3] if self.compact else [1, 2]))):
                dropped.append(key)
        replaced = {}
        for key in dropped:
            replaced[key] = self._successor(key, by_key, dropped)
        kept = [m for m in members if m["key"] not in replaced]
        for m in kept:
            if m["alternate"] in replaced:
                alternate = replaced[m["alternate"]]
                m["alternate"] = alternate if alternate != m["key"] else self._other_in_team(m, kept)
        if not self.draft and not self.compact and rng.random() < 0.45:
            kept += self._extra_members(kept, rng.choice([1, 2, 3]))
        self._name(kept)
        return kept, replaced, steps_go

    def _successor(self, key: str, by_key: dict, dropped: list) -> str:
        """Who takes over a dropped member's steps and calls: their alternate, else their team's leader."""
        m = by_key[key]
        if m["alternate"] and m["alternate"] not in dropped:
            return m["alternate"]
        leaders = [o["key"] for o in by_key.values() if o["team"] == m["team"] and o["role"] == "leader"
                   and o["key"] not in dropped]
        return leaders[0] if leaders else "m1"

    def _other_in_team(self, m: dict, members: list) -> str:
        same = [o["key"] for o in members if o["team"] == m["team"] and o["key"] != m["key"]]
        return same[0] if same else next(o["key"] for o in members if o["key"] != m["key"])

    def _extra_members(self, members: list, count: int) -> list[dict]:
        rng = self.rng
        leaders = [m for m in members if m["role"] == "leader"]
        if not leaders:
            return []
        number = max(int(m["key"][1:]) for m in members if m["key"][1:].isdigit())
        out = []
        for _ in range(count):
            leader = rng.choice(leaders)
            number += 1
            positions = next((p for word, p in people.EXTRA_POSITIONS if word in leader["team"]),
                             people.GENERIC_EXTRA_POSITIONS)
            out.append({
                "key": f"m{number}", "name": "", "position": rng.choice(positions), "role": "member",
                "team": leader["team"], "phone": "", "email": "", "line_id": "", "alternate": leader["key"],
                "_caller": leader["key"],
            })
        return out

    def _name(self, members: list):
        rng, spec = self.rng, self.spec
        style, domain = person_style(spec), email_domain(spec)
        unnamed = set()
        if self.draft:
            # A template taken over: the executives and coordinators named, about half of the rest not yet.
            others = [m["key"] for m in members if m["role"] not in ("head", "coordinator")]
            unnamed = set(rng.sample(others, max(1, len(others) // 2)))
            self.applied.add("member_without_contact")
        for m in members:
            if m["key"] in unnamed:
                continue
            name, given, surname = person_name(rng, m["role"], m["position"], style)
            m["name"] = name
            m["phone"] = phone_number(rng, spec.province)
            m["email"] = email_address(rng, given, surname, domain) if rng.random() < 0.75 else ""
            m["line_id"] = line_id(rng, given, surname) if rng.random() < 0.35 else ""

    def team_gaps(self, members: list) -> list[dict]:
        rng = self.rng
        if "member_without_contact" in self.gaps and not self.draft:
            for m in rng.sample(members, rng.choice([1, 1, 2, 3])):
                m["phone"] = m["email"] = m["line_id"] = ""
            self.applied.add("member_without_contact")
        if "member_without_alternate" in self.gaps:
            for m in rng.sample(members, rng.choice([1, 2, 3])):
                m["alternate"] = None
            self.applied.add("member_without_alternate")
        return [{k: v for k, v in m.items() if not k.startswith("_")} for m in members]

    def procedures(self, processes: list[dict], team: list[dict], replaced: dict, steps_go: set) -> list[dict]:
        if "procedures" in self.empty:
            self.applied.add("component_empty:procedures")
            return []
        rng = self.rng
        process_keys = {p["key"] for p in processes}
        rows = []
        for s in self.doc["procedures"]:
            if s["process"] is not None and s["process"] not in process_keys:
                continue
            if s["owner"] in steps_go:
                continue
            rows.append({**s, "owner": replaced.get(s["owner"], s["owner"])})
        counters = defaultdict(int)
        for s in rows:
            counters[s["window"]] += 1
            s["order"] = counters[s["window"]]
        if "step_without_owner" in self.gaps:
            for s in rng.sample(rows, min(len(rows), rng.choice([1, 1, 2]))):
                s["owner"] = None
            self.applied.add("step_without_owner")
        return rows

    def call_tree(self, team: list[dict], replaced: dict) -> list[dict]:
        if "call_tree" in self.empty:
            self.applied.add("component_empty:call_tree")
            return []
        rng = self.rng
        caller_of = {link["callee"]: link["caller"] for link in self.doc["call_tree"]}

        def live_caller(key):
            # A dropped caller's people are called by whoever called the dropped member.
            while key in replaced:
                key = caller_of.get(key)
            return key

        links = []
        for link in self.doc["call_tree"]:
            if link["callee"] in replaced:
                continue
            links.append({**link, "caller": live_caller(link["caller"])})
        for m in team:
            if "_caller" in m:
                links.append({"caller": m["_caller"], "callee": m["key"], "order": 1, "channel": "line"})
        channels = ["phone", "line", "sms"] + (["radio"] if person_style(self.spec) != "civil" else [])
        for link in links:
            if link["caller"] is not None and rng.random() < 0.25:
                link["channel"] = rng.choice(channels)
        if "calltree_unreached_member" in self.gaps:
            callers = {link["caller"] for link in links}
            leaves = [i for i, link in enumerate(links) if link["caller"] is not None and link["callee"] not in callers]
            if leaves:
                for i in sorted(rng.sample(leaves, min(len(leaves), rng.choice([1, 1, 2]))), reverse=True):
                    del links[i]
                self.applied.add("calltree_unreached_member")
        counters = defaultdict(int)
        for link in links:
            counters[link["caller"]] += 1
            link["order"] = counters[link["caller"]]
        return links


def make_plan(spec: OrgSpec, template: StarterTemplate, *, today: datetime.date, required: tuple = (),
              tier: str | None = None, gaps: set | None = None) -> DemoPlan:
    """The demo plan of one organisation. `required`: scenario codes its collectors require.

    The tier and gaps are drawn unless given (the demo users' plans are fixed in data.DEMO_USER_PLANS).
    """
    rng = random.Random(f"{SEED}-plan-{spec.code}")
    fixed = data.DEMO_USER_PLANS.get(spec.code)
    if tier is None and fixed is not None:
        tier, gaps = fixed[0], set(fixed[1])
    if tier is None:
        tier = rng.choices(data.TIERS, weights=data.TIER_WEIGHTS[tier_group(spec)])[0]
    if gaps is None:
        gaps = draw_gaps(tier, rng, bool(required))
    elif tier == "draft":
        gaps = set(gaps) | {"not_reviewed_12_months", "not_exercised_12_months", "member_without_contact"}
    return _Builder(spec, template, today, tuple(required), tier, set(gaps), rng).build()
