"""The scenario catalogue and the shipped collector rules (phrom/plans/data/scenarios.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from phrom.plans.data.scenarios import REQUIRED_SCENARIOS, SCENARIOS

    Scenario = apps.get_model("plans", "Scenario")
    RequiredScenario = apps.get_model("plans", "RequiredScenario")
    for sort, (code, name_th, name_en, lead_th, lead_en) in enumerate(SCENARIOS, start=1):
        Scenario.objects.update_or_create(
            code=code,
            defaults={
                "name_th": name_th, "name_en": name_en, "lead_office_th": lead_th, "lead_office_en": lead_en,
                "sort": sort * 10, "is_builtin": True,
            },
        )
    for flag, code in REQUIRED_SCENARIOS:
        RequiredScenario.objects.get_or_create(
            collector=None, collector_flag=flag, scenario=Scenario.objects.get(code=code)
        )


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
