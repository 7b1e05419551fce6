"""Thai search across plans: the one interface the page, the API, the signals and the commands call.

- index_plans(ids): (re)write the rows of these plans' latest SENT versions (never unsent edits; a
  security-sensitive plan — the live plan or the version sent — gets none, for anyone);
- rebuild(): every plan that has left its agency, from scratch (`phrom reindex_search`);
- search(user, query, fiscal_year): the plans the user may read as sent whose words hold the query,
  each with the components where they occur and a snippet.

Two full-text backends behind it, chosen by the database: SQLite FTS5 (a table of the `words` column,
kept in step by triggers: migration 0001) and PostgreSQL's full-text search (to_tsvector('simple',
words), GIN-indexed). Both read words cut by PyThaiNLP (phrom.search.text) and match a phrase.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from phrom.accounts import permissions
from phrom.campaigns.facts import last_sent_versions
from phrom.campaigns.models import SubmissionEvent
from phrom.plans.codes import ALL_COMPONENTS, COMPONENT_LABELS, HEADER, Classification
from phrom.plans.content import components_at
from phrom.plans.models import Plan, PlanAudit, Scenario

from .models import SearchEntry
from .text import component_text, indexed, phrase_pattern, snippet, words

PAGE_SIZE = 20
CHUNK = 500  # plans per round when the whole index is rebuilt
FTS_TABLE = "search_words"  # SQLite: the FTS5 table over search_searchentry.words (migration 0001)


# --------------------------------------------------------------------------- the backends


def _sqlite_match(phrase: str, fiscal_year: int) -> RawSQL:
    # The FTS5 table's rowid is the entry's id; it indexes the fiscal year too, so that the full-text
    # search itself narrows to the year. The phrase holds only letters, digits and marks: nothing to escape.
    return RawSQL(f'"search_searchentry"."id" IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)',
                  [f'words : "{phrase}" AND fiscal_year : "{int(fiscal_year)}"'], output_field=BooleanField())


def _postgres_match(phrase: str, fiscal_year: int) -> RawSQL:
    # search_vector: to_tsvector('simple', words), a stored column with a GIN index (migration 0001).
    return RawSQL("\"search_searchentry\".\"search_vector\" @@ phraseto_tsquery('simple', %s)", [phrase],
                  output_field=BooleanField())


BACKENDS: dict[str, Callable[[str, int], RawSQL]] = {"sqlite": _sqlite_match, "postgresql": _postgres_match}


def match(phrase: str, fiscal_year: int) -> RawSQL:
    """The condition 'the entry's words hold this phrase (words joined with spaces)', in the database's own
    full-text search; with the filter fiscal_year=… beside it."""
    return BACKENDS[connection.vendor](phrase, fiscal_year)


# --------------------------------------------------------------------------- writing the index


def index_plans(plan_ids: Iterable[int]) -> int:
    """(Re)write the index rows of these plans from their latest sent versions; a plan never sent, or
    security-sensitive (live or as sent), has none. Returns the number of plans indexed."""
    plan_ids = list(plan_ids)
    sent = last_sent_versions(plans=plan_ids)
    plans = {pk: (org, year) for pk, org, year in Plan.objects.filter(pk__in=list(sent)).exclude(
        classification=Classification.SENSITIVE).values_list("pk", "organisation_id", "fiscal_year")}
    data = components_at({pk: sent[pk] for pk in plans}, ALL_COMPONENTS)
    names = dict(Scenario.objects.values_list("code", "name_th"))
    rows, done = [], 0
    for pk, (org, year) in plans.items():
        components = data[pk]
        if (components.get(HEADER) or {}).get("classification") == Classification.SENSITIVE:
            continue
        done += 1
        for component, value in components.items():
            text = component_text(component, value, names)
            if text:
                rows.append(SearchEntry(plan_id=pk, organisation_id=org, fiscal_year=year, version=sent[pk],
                                        component=component, text=text, words=indexed(text)))
    with transaction.atomic():
        SearchEntry.objects.filter(plan_id__in=plan_ids).delete()
        SearchEntry.objects.bulk_create(rows, batch_size=500)
    return done


def sent_plan_ids() -> list[int]:
    """Every plan that has left its agency: sent through a campaign, or imported as a historical round."""
    sent = SubmissionEvent.objects.filter(action=SubmissionEvent.Action.SENT, version__isnull=False).values_list(
        "submission__plan_id", flat=True)
    historical = PlanAudit.objects.filter(detail__has_key="historical_version").values_list("plan_id", flat=True)
    return sorted({pk for pk in [*sent, *historical] if pk is not None})


def rebuild(progress: Callable[[int, int], None] | None = None) -> int:
    """Empty the index and index every plan that has left its agency; `progress(done, total)` after each round."""
    ids = sent_plan_ids()
    SearchEntry.objects.all().delete()
    done = 0
    for start in range(0, len(ids), CHUNK):
        done += index_plans(ids[start:start + CHUNK])
        if progress:
            progress(min(start + CHUNK, len(ids)), len(ids))
    return done


# --------------------------------------------------------------------------- searching


@dataclass
class Hit:
    plan_id: int
    organisation: str  # the agency's official name
    organisation_code: str
    fiscal_year: int
    title: str
    components: list[tuple[str, str]]  # (key, label) where the words occur, in the document's order
    snippet: list[tuple[str, bool]]  # (part, marked): the words found are marked


@dataclass
class Results:
    query: str
    words: list[str]
    fiscal_year: int
    total: int = 0  # plans found
    page: int = 1
    pages: int = 0
    hits: list[Hit] = field(default_factory=list)


def search(user, query: str, fiscal_year: int, *, component: str = "", page: int = 1,
           page_size: int = PAGE_SIZE) -> Results:
    """The plans of `fiscal_year` the user may read as sent whose words hold `query` as a phrase, the
    plans with the most components found first. Nothing for an empty query or a user who may not search."""
    found = words(query)
    results = Results(query=query, words=found, fiscal_year=fiscal_year, page=page)
    if not found or not permissions.can_search_plans(user):
        return results
    entries = SearchEntry.objects.filter(match(" ".join(found), fiscal_year), fiscal_year=fiscal_year)
    if component:
        entries = entries.filter(component=component)
    organisations = permissions.searchable_organisations(user)
    if organisations is not None:
        entries = entries.filter(organisation_id__in=organisations.values("pk"))
    # Every row found, in one statement; grouped and ranked here (a plan's rows are few).
    parts: dict[int, list[str]] = {}
    names: dict[int, str] = {}
    for plan_id, key, name in entries.values_list("plan_id", "component", "organisation__name_th"):
        parts.setdefault(plan_id, []).append(key)
        names[plan_id] = name
    results.total = len(parts)
    results.pages = math.ceil(results.total / page_size)
    ranked = sorted(parts, key=lambda pk: (-len(parts[pk]), names[pk], pk))
    ids = ranked[(page - 1) * page_size:page * page_size]
    order = {c: i for i, c in enumerate(ALL_COMPONENTS)}
    rows = {(pk, key): (text, title, code) for pk, key, text, title, code in SearchEntry.objects.filter(
        plan_id__in=ids).values_list("plan_id", "component", "text", "plan__title", "organisation__code")}
    pattern = phrase_pattern(found)
    for pk in ids:
        keys = sorted(parts[pk], key=lambda c: order.get(c, len(order)))
        text, title, code = rows[(pk, keys[0])]
        results.hits.append(Hit(
            plan_id=pk, organisation=names[pk], organisation_code=code, fiscal_year=fiscal_year, title=title,
            components=[(k, str(COMPONENT_LABELS.get(k, k))) for k in keys], snippet=snippet(text, pattern),
        ))
    return results
