"""The search index: one row per (plan, component) of the plan's latest SENT version.

`text` is the component's text as people read it (shown in the snippet); `words` the same text cut
into words (PyThaiNLP: Thai has no spaces between words), lower case, joined with spaces: what the
full-text index reads. The full-text index itself is the database's own (migration 0001: an FTS5
table on SQLite, a GIN index of to_tsvector('simple', words) on PostgreSQL), read by phrom.search.index.
Security-sensitive plans have no rows at all.
"""

from django.db import models

from phrom.orgs.models import Organisation
from phrom.plans.models import Plan


class SearchEntry(models.Model):
    plan = models.ForeignKey(Plan, models.CASCADE, related_name="search_entries")
    # Copied from the plan, so that a search filters without joining it.
    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField()
    version = models.PositiveIntegerField()
    component = models.CharField(max_length=32)
    text = models.TextField()
    words = models.TextField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "component"], name="search_entry_unique")]
        indexes = [models.Index(fields=["fiscal_year", "organisation"])]

    def __str__(self) -> str:
        return f"plan {self.plan_id} v{self.version} {self.component}"
