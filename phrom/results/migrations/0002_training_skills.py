"""A first catalogue of the skills a training office offers courses in (seed 001 point 6: needs such as
training reach the office that meets them); the training office keeps it in the admin."""

from django.db import migrations

SKILLS = [
    # code, Thai, English
    ("bcp_basics", "ความรู้พื้นฐานการบริหารความต่อเนื่อง (BCP)", "Business continuity basics"),
    ("call_tree", "การแจ้งเหตุและการใช้ผังการติดต่อ", "Alerting and the call tree"),
    ("alternate_site", "การย้ายไปปฏิบัติงาน ณ สถานที่สำรอง", "Moving to the alternate site"),
    ("remote_work", "การปฏิบัติงานจากที่อื่นด้วยเครื่องมือดิจิทัล", "Working remotely with digital tools"),
    ("cyber_response", "การรับมือภัยคุกคามทางไซเบอร์", "Responding to cyber threats"),
    ("data_recovery", "การสำรองและกู้คืนข้อมูล", "Data backup and recovery"),
    ("crisis_communication", "การสื่อสารในภาวะวิกฤต", "Crisis communication"),
    ("incident_command", "การบัญชาการและประสานงานเหตุการณ์", "Incident command and coordination"),
    ("evacuation_first_aid", "การอพยพและการปฐมพยาบาล", "Evacuation and first aid"),
    ("flood_response", "การรับมืออุทกภัย", "Flood response"),
]


def load(apps, schema_editor):
    TrainingSkill = apps.get_model("results", "TrainingSkill")
    for sort, (code, th, en) in enumerate(SKILLS, start=1):
        TrainingSkill.objects.update_or_create(code=code, defaults={"name_th": th, "name_en": en, "sort": sort * 10})


class Migration(migrations.Migration):
    dependencies = [("results", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
