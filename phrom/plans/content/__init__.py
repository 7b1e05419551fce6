"""The plan document (`phrom-plan/1`, docs/plan-document.md): a plan's content, component by component.

One module per concern:
    shape     the document's header and eight components, empty, assembled or split
    validate  each component cleaned to its canonical form, or every problem with its path
    read      a plan as a document: stored now, at a version, or as its editors last saw it
    diff      what changed between two versions
    fields    where each field is stored: the one table the writers follow
    write     the one writer: apply_component, apply_document, create_plans (new plans in bulk)
    audit     the versions and audit entries of each save, and who read the plan
    errors    invalid content, or a component saved meanwhile by someone else
"""

from .audit import Saved, record_read
from .diff import change_counts, counts_from_empty, diff_component, diff_documents, diff_versions
from .errors import PlanValidationError, StaleComponent
from .read import (
    StoredDocument,
    component_document,
    components_at,
    document_at,
    documents_at,
    export_document,
)
from .shape import assemble, empty_component, empty_document, split
from .validate import (
    Refs,
    bangkok_today,
    catalogue_codes,
    clean_component,
    clean_document,
    normalise_phone,
)
from .write import NewPlan, NewPlans, apply_component, apply_document, copy_state, create_plans

__all__ = [
    "NewPlan", "NewPlans", "PlanValidationError", "Refs", "Saved", "StaleComponent", "StoredDocument", "apply_component",
    "apply_document", "assemble", "bangkok_today", "catalogue_codes", "change_counts", "clean_component",
    "clean_document", "component_document", "components_at", "copy_state", "counts_from_empty", "create_plans", "diff_component",
    "diff_documents", "diff_versions", "document_at", "documents_at", "empty_component", "empty_document", "export_document",
    "normalise_phone", "record_read", "split",
]
