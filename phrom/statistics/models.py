"""What statistics read of a plan: the facts of its latest SENT version, recorded when it is sent.

A plan's content for statistics is the version that left the agency last (never unsent edits); that
version lives as component rows of PlanVersion (JSON), which SQL cannot aggregate over 50,000 plans.
So the figures the dashboards count are written here once, when a version is sent (phrom.statistics
.facts.record), and replaced when a later one is: one row per plan, plus its scenarios, processes
and checker findings. The live tables (Process, PlanScenario…) hold unsent edits and are never read.
"""

from django.db import models

from phrom.plans.codes import ImpactLevel
from phrom.plans.models import Plan


class SentFacts(models.Model):
    plan = models.OneToOneField(Plan, models.CASCADE, primary_key=True, related_name="sent_facts")
    version = models.PositiveIntegerField()
    sent_at = models.DateTimeField(db_index=True)
    # The sent version's own classification (the live plan's is checked too when counting).
    sensitive = models.BooleanField(default=False)
    reviewed_on = models.DateField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(default=0)

    def __str__(self) -> str:
        return f"plan {self.plan_id} v{self.version}"


class SentScenario(models.Model):
    facts = models.ForeignKey(SentFacts, models.CASCADE, related_name="scenarios")
    code = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["facts", "code"], name="sent_scenario_unique")]
        indexes = [models.Index(fields=["code", "facts"])]

    def __str__(self) -> str:
        return self.code


class SentProcess(models.Model):
    facts = models.ForeignKey(SentFacts, models.CASCADE, related_name="processes")
    impact_level = models.CharField(max_length=16, choices=ImpactLevel.choices, blank=True)
    rto_hours = models.FloatField(null=True)
    rpo_hours = models.FloatField(null=True)
    depends_on_it = models.BooleanField(default=False)
    eservice = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.impact_level} RTO {self.rto_hours}"


class SentFinding(models.Model):
    facts = models.ForeignKey(SentFacts, models.CASCADE, related_name="findings")
    code = models.CharField(max_length=48)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["facts", "code"], name="sent_finding_unique")]
        indexes = [models.Index(fields=["code", "facts"])]

    def __str__(self) -> str:
        return self.code
