"""The scenario catalogue shipped with Phrom (docs/plan-document.md; seed 000 §3.2 and seed 001).

(code, Thai name, English name, lead office in Thai, lead office in English). The first eight are
the scenarios of the Cabinet report; administrators add more in the admin.
"""

SCENARIOS = [
    ("epidemic", "โรคระบาด / โรคติดต่ออุบัติใหม่ที่ระบาดต่อเนื่อง", "Epidemic or emerging infectious disease in continuing spread",
     "สำนักอนามัย", "Health Department"),
    ("fire", "อัคคีภัย", "Fire",
     "สำนักป้องกันและบรรเทาสาธารณภัย", "Disaster Prevention and Mitigation Office"),
    ("flood", "อุทกภัย", "Flood",
     "สำนักการระบายน้ำและสำนักการโยธา", "Drainage and Sewerage Department; Public Works Department"),
    ("riot", "การชุมนุมประท้วง / การจลาจล", "Protest or riot",
     "สำนักงานตำรวจแห่งชาติ", "Royal Thai Police"),
    ("power_outage", "ไฟฟ้าดับเป็นวงกว้าง", "Widespread power outage",
     "การไฟฟ้านครหลวง / การไฟฟ้าส่วนภูมิภาค", "Metropolitan / Provincial Electricity Authority"),
    ("terrorism", "การก่อการร้าย", "Terrorism",
     "สำนักงานสภาความมั่นคงแห่งชาติ", "Office of the National Security Council"),
    ("earthquake", "แผ่นดินไหว", "Earthquake",
     "กรมป้องกันและบรรเทาสาธารณภัย", "Department of Disaster Prevention and Mitigation"),
    ("cyber", "ภัยคุกคามทางไซเบอร์", "Cyber threat",
     "สำนักยุทธศาสตร์และประเมินผล", "Strategy and Evaluation Department (IT and strategy office)"),
    ("drought", "ภัยแล้ง", "Drought",
     "กรมป้องกันและบรรเทาสาธารณภัย", "Department of Disaster Prevention and Mitigation"),
    ("storm", "วาตภัย", "Storm",
     "กรมป้องกันและบรรเทาสาธารณภัย", "Department of Disaster Prevention and Mitigation"),
    ("chemical", "อุบัติภัยจากสารเคมี", "Chemical accident",
     "กรมควบคุมมลพิษ", "Pollution Control Department"),
    ("building_collapse", "อาคารถล่ม", "Building collapse",
     "สำนักการโยธา", "Public Works Department"),
]

# Collector rules shipped with Phrom: the BMA disaster office requires a cyber-threat scenario
# in every plan it collects (seed 001, point 1). (collector flag, scenario code)
REQUIRED_SCENARIOS = [("bma", "cyber")]
