"""Provinces (from geothai), organisation kinds and the default route rules."""

from django.db import migrations


def load(apps, schema_editor):
    import geothai

    from phrom.orgs.data.kinds import KINDS, RULES

    Province = apps.get_model("orgs", "Province")
    OrgKind = apps.get_model("orgs", "OrgKind")
    RouteRule = apps.get_model("orgs", "RouteRule")
    for p in geothai.provinces():
        Province.objects.update_or_create(code=p.code, defaults={"name_th": p.name_th, "name_en": p.name_en})
    for order, (code, name_th, name_en, level) in enumerate(KINDS, start=1):
        OrgKind.objects.update_or_create(
            code=code, defaults={"name_th": name_th, "name_en": name_en, "level": level, "sort_order": order}
        )
    for kind, flag, role, position, target in RULES:
        RouteRule.objects.get_or_create(
            kind_id=kind, when_collector=flag, role=role, position=position, defaults={"target": target}
        )


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
