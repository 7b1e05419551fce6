"""The utilities of seed 000 §2.2.2 with their sectors' recovery targets: electricity at least 90%
within 3 hours and fully within 24; internet within 4 hours. The mobile network takes the 24 hours the
telecom regulator's standard allows (quoted in the same section); water and fuel have no published
target and start at a day and three days, for administrators to set."""

from django.db import migrations

SOURCE_000 = "รายงานความก้าวหน้าต่อคณะรัฐมนตรี (ธ.ค. 2563) ข้อ 2.2.2"
UTILITIES = [
    # code, Thai, English, hours to full recovery, partial hours, partial %, source, order
    ("electricity", "ไฟฟ้า", "Electricity", 24, 3, 90, SOURCE_000, 10),
    ("internet", "อินเทอร์เน็ต", "Internet", 4, None, None, SOURCE_000, 20),
    ("mobile", "เครือข่ายโทรศัพท์เคลื่อนที่", "Mobile network", 24, None, None,
     "มาตรฐานคุณภาพบริการโทรคมนาคมของ กสทช. (อ้างในข้อ 2.2.2)", 30),
    ("water", "ประปา", "Water supply", 24, None, None, "ค่าเริ่มต้น: ผู้ดูแลระบบกำหนด", 40),
    ("fuel", "น้ำมันเชื้อเพลิง", "Fuel", 72, None, None, "ค่าเริ่มต้น: ผู้ดูแลระบบกำหนด", 50),
]


def load(apps, schema_editor):
    Utility = apps.get_model("dependencies", "Utility")
    for code, th, en, hours, partial, percent, source, sort in UTILITIES:
        Utility.objects.update_or_create(code=code, defaults={
            "name_th": th, "name_en": en, "recovery_hours": hours, "partial_hours": partial,
            "partial_percent": percent, "source": source, "sort": sort,
        })


class Migration(migrations.Migration):
    dependencies = [("dependencies", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
