"""Query budgets of the scope editor (issue 11, deadline-day load): the page and its save read what
they show and write once, whatever the size of the plan; a query added per row, or a second read of
the plan, fails here rather than under load."""

from django.urls import reverse

from phrom.plans.content import StoredDocument, export_document
from tests.helpers.plans import FULL

from .formdata import as_post, read_form, replace

# The FULL plan (Rayong's unit); the demo's plans take the same queries (no query is per row).
PAGE_QUERIES = 11
SAVE_QUERIES = 16  # the save: locked plan, its last versions, the rows, a version, the audit


def test_scope_editor_page_and_save_keep_their_query_budget(client, plan, coordinator, django_assert_max_num_queries):
    client.force_login(coordinator)
    url = reverse("plans:edit", args=[plan.pk, "scope"])
    client.get(url)
    with django_assert_max_num_queries(PAGE_QUERIES):
        page = client.get(url)
    fields = replace(read_form(page.content.decode()), "objectives", "รักษาบริการประชาชนให้ต่อเนื่อง")
    with django_assert_max_num_queries(SAVE_QUERIES):
        assert client.post(url, as_post(fields)).status_code == 302
    plan.refresh_from_db()
    assert plan.objectives == "รักษาบริการประชาชนให้ต่อเนื่อง"


def test_a_stored_document_read_part_by_part_is_the_exported_document(plan, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert StoredDocument(plan)["scope"]["objectives"] == FULL["scope"]["objectives"]
    assert dict(StoredDocument(plan)) == export_document(plan)
