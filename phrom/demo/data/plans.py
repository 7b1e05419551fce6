"""What the demo plans are made of: who has a plan, how complete, and the agency-specific wording.

The reasoning behind each figure is in docs/demo-data.md ("Plans").
"""

# Share of each kind that has a plan for the current fiscal year. Seed 000 gives only the national
# figure of 2020 (3,616 of 8,281 agencies, 43.66%), not a figure per kind: central bodies and the
# provinces, which OPDC briefed first and follows up directly, are given high shares, local
# administrative organisations lower ones (the smallest lowest), units below the agencies lower still.
# Overall about 40% of the 8,281 agencies (issue 3).
SHARES = {
    "ministry": 0.75,
    "department": 0.85,
    "public_org": 0.70,
    "state_enterprise": 0.75,
    "independent_body": 0.60,
    "university": 0.50,
    "other_agency": 0.50,
    "provincial_office": 1.0,
    "pao": 0.75,
    "city_municipality": 0.80,
    "town_municipality": 0.60,
    "subdistrict_municipality": 0.42,
    "sao": 0.35,
    "bma": 1.0,
    "pattaya": 1.0,
    # Units below the agencies (seed 000 §3.2: districts, schools, hospitals).
    "provincial_unit": 0.15,
    "central_unit": 0.15,
    "district_office": 0.15,
    "hospital": 0.20,
    "school": 0.08,
    # Seed 001: the BMA orders every office and district to keep a plan.
    "bma_unit": 0.60,
}

# Always given a plan (on top of their kind's share when the share would leave them out):
# the armed forces, intelligence and police (seed 003: security agencies keep a plan too, classified),
# and the hospitals of the Department of Medical Services, which wrote the model hospital plans (seed 000 §3.2).
ALWAYS_PARENTS = {"MOPH-DMS"}

# Security agencies: their plans are security-sensitive (only the title and existence leave the agency).
# An organisation is sensitive if its code is listed or its parent is (the provincial police under RTP).
SENSITIVE = {"MOD", "MOD-OPS", "MOD-RTARF", "MOD-RTA", "MOD-RTN", "MOD-RTAF", "OPM-NIA", "OPM-NSC", "RTP"}

# Completeness tiers: complete (no findings but information), minor (warnings only), gappy (warnings
# and errors), draft (a template taken over with little filled in: empty components, unnamed members).
TIERS = ("complete", "minor", "gappy", "draft")
TIER_WEIGHTS = {
    "central": (30, 35, 25, 10),
    "province": (35, 35, 25, 5),
    "local": (15, 30, 35, 20),
    "unit": (15, 30, 35, 20),
}
CENTRAL_KINDS = {"ministry", "department", "public_org", "state_enterprise", "independent_body", "university",
                 "other_agency"}
LOCAL_KINDS = {"pao", "city_municipality", "town_municipality", "subdistrict_municipality", "sao", "bma", "pattaya"}

# Gaps a plan may have, with their weight in the draw; the names are the checker's codes.
WARNING_GAPS = {
    "member_without_alternate": 4,
    "process_without_resources": 4,
    "step_without_owner": 4,
    "process_without_rpo": 2,
    "impact_without_strategy": 1,
    "long_crisis_not_covered": 1,
    "process_without_mtpd": 1,
    "scenario_without_impact": 1,
}
ERROR_GAPS = {
    "member_without_contact": 4,
    "calltree_unreached_member": 4,
    "rto_exceeds_mtpd": 2,
    "process_without_rto": 1,
}
# Only for organisations whose collector requires a scenario (the BMA: cyber threat, seed 001).
MISSING_REQUIRED_WEIGHT = 6

# The plans the demo users meet at login: (tier, gaps). Gaps given here replace the draw.
DEMO_USER_PLANS = {
    "PO-21": ("complete", ()),
    "MOPH-DDC": ("minor", ("member_without_alternate", "not_exercised_12_months")),
    "BMA-DDPM": ("minor", ("process_without_resources", "step_without_owner")),
    "PU-21-PHO": ("gappy", ("member_without_contact", "calltree_unreached_member", "rto_exceeds_mtpd",
                            "process_without_resources", "not_reviewed_12_months", "not_exercised_12_months")),
    "BMA-D1001": ("gappy", ("missing_required_scenario", "member_without_alternate", "step_without_owner",
                            "not_exercised_12_months")),
    "CM-RAYONG": ("draft", ("component_empty:resources", "component_empty:call_tree")),
}

# Seed 000 §2.1: the share of the 2020 plans that covered each scenario.
SCENARIO_SHARES = {
    "epidemic": 0.9697,
    "fire": 0.9810,
    "flood": 0.9533,
    "riot": 0.8497,
    "power_outage": 0.6033,
    "terrorism": 0.3471,
    "earthquake": 0.3124,
    "cyber": 0.2590,
}
# A template's other scenarios (storm, drought, chemical accident, the school's PM2.5) are kept this often.
OTHER_SCENARIO_SHARE = 0.85

# Scenarios of seed 000 that some templates lack: a note and the impact grid an agency adding them writes.
# scenario -> (note, {category: (impacted, note)})
ADDED_SCENARIOS = {
    "riot": (
        "ประสานสถานีตำรวจในพื้นที่เพื่อประเมินสถานการณ์และเส้นทางเข้าออกที่ปลอดภัย",
        {
            "building": (True, "ผู้ชุมนุมปิดล้อมหรือปิดทางเข้าออกสถานที่ปฏิบัติงาน"),
            "equipment": (False, "วัสดุอุปกรณ์ยังใช้งานได้ตามปกติ"),
            "supply": (False, "การจัดส่งวัสดุอาจล่าช้าบ้างแต่ไม่กระทบการปฏิบัติงาน"),
            "it": (False, "ระบบสารสนเทศยังใช้งานได้จากสถานที่ปฏิบัติงานสำรองและจากที่บ้าน"),
            "personnel": (True, "บุคลากรเดินทางมาปฏิบัติงานไม่ได้หรือไม่ปลอดภัยในการเดินทาง"),
            "stakeholders": (True, "ผู้รับบริการเดินทางมาติดต่อ ณ สำนักงานไม่ได้"),
        },
    ),
    "terrorism": (
        "ประสานสถานีตำรวจและหน่วยงานด้านความมั่นคงในพื้นที่ ปฏิบัติตามแผนรักษาความปลอดภัยของสถานที่ราชการ",
        {
            "building": (True, "สถานที่ปฏิบัติงานเสียหายหรือถูกปิดเพื่อตรวจค้นวัตถุต้องสงสัย"),
            "equipment": (True, "วัสดุอุปกรณ์และครุภัณฑ์ในอาคารเสียหาย"),
            "supply": (False, "การจัดหาวัสดุยังดำเนินการได้ผ่านผู้ขายรายอื่น"),
            "it": (False, "ข้อมูลสำรองจัดเก็บไว้นอกสถานที่ตั้ง"),
            "personnel": (True, "บุคลากรได้รับบาดเจ็บหรือต้องอพยพออกจากพื้นที่"),
            "stakeholders": (True, "ผู้รับบริการเข้าพื้นที่ไม่ได้ระหว่างการตรวจค้นและปิดล้อม"),
        },
    ),
    "earthquake": (
        "ติดตามประกาศของกรมอุตุนิยมวิทยา และให้วิศวกรตรวจสอบความปลอดภัยของโครงสร้างอาคารก่อนกลับเข้าใช้",
        {
            "building": (True, "อาคารเสียหาย ต้องตรวจสอบความปลอดภัยของโครงสร้างก่อนกลับเข้าใช้"),
            "equipment": (True, "ครุภัณฑ์และอุปกรณ์ล้มหรือชำรุด"),
            "supply": (False, "การจัดส่งวัสดุยังดำเนินการได้"),
            "it": (True, "ห้องเครื่องแม่ข่ายและอุปกรณ์เครือข่ายชำรุด"),
            "personnel": (True, "บุคลากรบาดเจ็บหรือต้องอพยพออกจากอาคาร"),
            "stakeholders": (False, "ผู้รับบริการยังติดต่อผ่านช่องทางออนไลน์ได้"),
        },
    ),
}

# Short Thai names of the scenarios for the plan's scope text.
SCENARIO_SHORT_TH = {
    "epidemic": "โรคระบาดต่อเนื่อง", "fire": "อัคคีภัย", "flood": "อุทกภัย", "riot": "การชุมนุมประท้วงหรือจลาจล",
    "power_outage": "ไฟฟ้าดับเป็นวงกว้าง", "terrorism": "การก่อการร้าย", "earthquake": "แผ่นดินไหว",
    "cyber": "ภัยคุกคามทางไซเบอร์", "drought": "ภัยแล้ง", "storm": "วาตภัย", "chemical": "อุบัติภัยจากสารเคมี",
    "building_collapse": "อาคารถล่ม",
}

# Process names as agencies adapt them ({org}: the organisation's name), by template and process key.
PROCESS_NAMES = {
    "department_admin": {
        "p1": ["การรับส่งหนังสือราชการและการสั่งการผ่านระบบสารบรรณอิเล็กทรอนิกส์ของ{org}"],
        "p2": ["การจัดประชุมคณะกรรมการตามกฎหมายและการเสนอเรื่องต่อคณะรัฐมนตรีของ{org}"],
        "p3": ["การตอบข้อหารือและให้คำปรึกษาทางวิชาการแก่หน่วยงานของรัฐและประชาชน"],
        "p4": ["การติดตามและรายงานผลการดำเนินงานตามแผนปฏิบัติราชการประจำปีของ{org}"],
        "p5": ["การเบิกจ่ายเงินและการบริหารงบประมาณของ{org}ผ่านระบบ New GFMIS Thai"],
        "p6": ["การจ่ายเงินเดือนและค่าตอบแทนบุคลากรผ่านระบบสารสนเทศทรัพยากรบุคคล (DPIS)"],
        "p7": ["การดูแลระบบเครือข่าย ศูนย์ข้อมูล และระบบประชุมออนไลน์ของ{org}"],
    },
    "department_service": {
        "p1": ["การรับคำขอและออกใบอนุญาตแก่ประชาชน ณ ศูนย์บริการของ{org}",
               "การให้บริการประชาชน ณ ศูนย์บริการร่วม (One Stop Service)"],
        "p2": ["การให้บริการผ่านระบบบริการอิเล็กทรอนิกส์ (e-Service) และเว็บไซต์ของ{org}"],
        "p3": ["การให้ข้อมูลและรับเรื่องร้องเรียนผ่านสายด่วนและช่องทางออนไลน์ของ{org}"],
        "p4": ["การรับชำระค่าธรรมเนียมผ่านระบบอิเล็กทรอนิกส์และการนำส่งเงินรายได้แผ่นดิน"],
        "p5": ["การเบิกจ่ายงบประมาณ เงินเดือน และค่าตอบแทนบุคลากรของ{org}"],
        "p6": ["การประชาสัมพันธ์ข้อมูลการให้บริการและสถานการณ์ผ่านสื่อสังคมออนไลน์ของ{org}"],
    },
    "district_office": {
        "p1": ["การให้บริการงานทะเบียนราษฎรของ{org}"],
        "p2": ["การจัดทำบัตรประจำตัวประชาชนและการให้บริการจัดทำบัตรนอกสถานที่"],
        "p3": ["การช่วยเหลือผู้ประสบภัยและการสำรวจความเสียหายในพื้นที่อำเภอ"],
        "p4": ["การรับเรื่องร้องเรียนและแก้ไขปัญหาความเดือดร้อนของประชาชนผ่านศูนย์ดำรงธรรมอำเภอ"],
        "p5": ["การแจ้งข้อสั่งการถึงกำนัน ผู้ใหญ่บ้าน และองค์กรปกครองส่วนท้องถิ่นผ่านระบบสารบรรณอิเล็กทรอนิกส์"],
        "p6": ["งานทะเบียนครอบครัว ทะเบียนนิติกรรม และการอนุญาตตามกฎหมาย"],
    },
    "hospital": {
        "p1": ["การรักษาพยาบาลผู้ป่วยอุบัติเหตุและฉุกเฉินของ{org} และการส่งต่อผู้ป่วย"],
        "p2": ["การรักษาพยาบาลผู้ป่วยในและผู้ป่วยวิกฤต (ICU)"],
        "p3": ["การผ่าตัดฉุกเฉินและการผ่าตัดตามนัด"],
        "p4": ["การบริการเภสัชกรรมและการบริหารคลังยาและเวชภัณฑ์"],
        "p5": ["ระบบสารสนเทศโรงพยาบาล (HIS) และเวชระเบียนอิเล็กทรอนิกส์ของ{org}"],
        "p6": ["การจัดหาและให้บริการโลหิต (ธนาคารเลือด)"],
        "p7": ["การตรวจรักษาผู้ป่วยนอก คลินิกโรคเรื้อรัง และการแพทย์ทางไกล (Telemedicine)"],
    },
    "local_government": {
        "p1": ["การจัดเก็บภาษีที่ดินและสิ่งปลูกสร้าง ภาษีป้าย และค่าธรรมเนียมของ{org}"],
        "p2": ["การเก็บขนและกำจัดขยะมูลฝอยในเขต{org}"],
        "p3": ["การช่วยเหลือผู้ประสบสาธารณภัยในเขต{org}"],
        "p4": ["การจ่ายเบี้ยยังชีพผู้สูงอายุและเบี้ยความพิการ"],
        "p5": ["การผลิตและจ่ายน้ำประปาในเขต{org}"],
        "p6": ["งานทะเบียนและการออกใบอนุญาตตามกฎหมาย (ใบอนุญาตก่อสร้าง และกิจการที่เป็นอันตรายต่อสุขภาพ)"],
        "p7": ["การเบิกจ่ายงบประมาณและการบัญชีผ่านระบบ e-LAAS"],
    },
    "province": {
        "p1": ["การประสานงานของศูนย์ประสานงานบริหารความต่อเนื่องระดับจังหวัด"],
        "p2": ["งานสารบรรณและการแจ้งข้อสั่งการของ{org}"],
        "p3": ["การรวบรวมข้อมูลสถานการณ์และรายงานต่อกระทรวงมหาดไทย"],
        "p4": ["การรับเรื่องร้องเรียนร้องทุกข์ผ่านศูนย์ดำรงธรรมจังหวัดและสายด่วน 1567"],
        "p5": ["การเบิกจ่ายงบประมาณกรณีฉุกเฉินเพื่อช่วยเหลือประชาชน"],
        "p6": ["การประชาสัมพันธ์ข้อมูลข่าวสารของ{org}"],
    },
    "school": {
        "p1": ["การจัดการเรียนการสอนของ{org} ทั้งในชั้นเรียนและทางไกล"],
        "p2": ["โครงการอาหารกลางวันและอาหารเสริม (นม) ของ{org}"],
        "p3": ["ระบบดูแลช่วยเหลือนักเรียนและการดูแลความปลอดภัยของนักเรียน"],
        "p4": ["งานทะเบียนนักเรียนและการวัดผลประเมินผล (ระบบ DMC)"],
        "p5": ["การเบิกจ่ายเงินอุดหนุนรายหัวและงบประมาณของ{org}"],
        "p6": ["การสื่อสารกับผู้ปกครองผ่านกลุ่มไลน์ห้องเรียนและเว็บไซต์ของ{org}"],
    },
}
# How often a process takes the agency's own name rather than the template's.
RENAME_SHARE = 0.35

# The opening words of the first objective that an agency replaces by its own name, by template.
OBJECTIVE_SUBJECTS = {
    "department_service": "เพื่อให้กรม",
    "district_office": "เพื่อให้อำเภอ",
    "hospital": "เพื่อให้โรงพยาบาล",
    "local_government": "เพื่อให้องค์กรปกครองส่วนท้องถิ่น",
    "province": "เพื่อให้สำนักงานจังหวัด",
}

# Positions in the local-government template written for two kinds at once, resolved per kind group:
# (template text, index into the tuples of LOCAL_OFFICES).
LOCAL_POSITIONS = [
    ("รองนายกเทศมนตรี / รองนายกองค์การบริหารส่วนตำบล", 1),
    ("นายกเทศมนตรี / นายกองค์การบริหารส่วนตำบล", 0),
    ("รองปลัดเทศบาล / รองปลัดองค์การบริหารส่วนตำบล", 3),
    ("ปลัดเทศบาล / ปลัดองค์การบริหารส่วนตำบล", 2),
]
# group -> (executive, deputy executive, permanent official, deputy permanent official)
LOCAL_OFFICES = {
    "municipality": ("นายกเทศมนตรี", "รองนายกเทศมนตรี", "ปลัดเทศบาล", "รองปลัดเทศบาล"),
    "sao": ("นายกองค์การบริหารส่วนตำบล", "รองนายกองค์การบริหารส่วนตำบล", "ปลัดองค์การบริหารส่วนตำบล",
            "รองปลัดองค์การบริหารส่วนตำบล"),
    "pao": ("นายกองค์การบริหารส่วนจังหวัด", "รองนายกองค์การบริหารส่วนจังหวัด", "ปลัดองค์การบริหารส่วนจังหวัด",
            "รองปลัดองค์การบริหารส่วนจังหวัด"),
    "pattaya": ("นายกเมืองพัทยา", "รองนายกเมืองพัทยา", "ปลัดเมืองพัทยา", "รองปลัดเมืองพัทยา"),
    "bma": ("ผู้ว่าราชการกรุงเทพมหานคร", "รองผู้ว่าราชการกรุงเทพมหานคร", "ปลัดกรุงเทพมหานคร", "รองปลัดกรุงเทพมหานคร"),
    "bma_district": ("ผู้อำนวยการเขต", "ผู้ช่วยผู้อำนวยการเขต", "หัวหน้าฝ่ายปกครอง", "หัวหน้าฝ่ายการคลัง"),
    "bma_office": ("ผู้อำนวยการสำนัก", "รองผู้อำนวยการสำนัก", "เลขานุการสำนัก", "ผู้อำนวยการส่วนแผนงาน"),
}

# The head's title in the department templates, by the first words of the organisation's name.
HEAD_TITLES = [
    ("สำนักงานปลัดสำนักนายกรัฐมนตรี", "ปลัดสำนักนายกรัฐมนตรี"),
    ("สำนักงานปลัดกระทรวง", "ปลัดกระทรวง"),
    ("สำนักนายกรัฐมนตรี", "ปลัดสำนักนายกรัฐมนตรี"),
    ("กระทรวง", "ปลัดกระทรวง"),
    ("กองบัญชาการกองทัพไทย", "ผู้บัญชาการทหารสูงสุด"),
    ("กองทัพบก", "ผู้บัญชาการทหารบก"),
    ("กองทัพเรือ", "ผู้บัญชาการทหารเรือ"),
    ("กองทัพอากาศ", "ผู้บัญชาการทหารอากาศ"),
    ("สำนักงานตำรวจแห่งชาติ", "ผู้บัญชาการตำรวจแห่งชาติ"),
    ("สำนักข่าวกรองแห่งชาติ", "ผู้อำนวยการสำนักข่าวกรองแห่งชาติ"),
    ("กรม", "อธิบดี"),
    ("มหาวิทยาลัย", "อธิการบดี"),
    ("สถาบัน", "ผู้อำนวยการ"),
    ("การ", "ผู้ว่าการ"),
    ("บริษัท", "กรรมการผู้จัดการใหญ่"),
    ("ธนาคาร", "กรรมการผู้จัดการ"),
    ("องค์การ", "ผู้อำนวยการ"),
    ("สำนักงาน", "เลขาธิการ"),
]
DEFAULT_HEAD_TITLE = "ผู้อำนวยการ"
# (template text, deputy?) in the department templates.
DEPARTMENT_HEAD_POSITIONS = {
    "department_service": [("รองอธิบดีหรือรองหัวหน้าหน่วยงาน", True), ("อธิบดีหรือหัวหน้าหน่วยงาน", False)],
    "department_admin": [("รองหัวหน้าส่วนราชการ", True), ("หัวหน้าส่วนราชการ", False)],
}

# The province template used by a provincial or central-agency unit: the unit keeps one coordinator
# with the provincial office instead of the province-wide team (docs/starter-templates.md).
UNIT_COORDINATION_TEAM = "ทีมประสานงานบริหารความต่อเนื่องระดับจังหวัด"
UNIT_POSITIONS = {
    "m1": "หัวหน้าส่วนราชการ (ผู้บริหารสูงสุด ผู้สั่งการใช้แผน)",
    "m2": "รองหัวหน้าส่วนราชการที่ได้รับมอบหมาย (หัวหน้าทีมบริหารความต่อเนื่อง)",
    "m3": "หัวหน้าฝ่ายบริหารทั่วไป (ผู้ประสานงานทีมบริหารความต่อเนื่อง)",
    "m4": "เจ้าหน้าที่ผู้รับผิดชอบงานแผนงานและยุทธศาสตร์ (ผู้ประสานงานสำรอง)",
    "m12": "ผู้ประสานงาน BCP ของหน่วยงานกับสำนักงานจังหวัด",
}
UNIT_TEAM_NAME = "ทีมประสานงานกับสำนักงานจังหวัด"
# The province-wide coordination process, which only the provincial office runs.
PROVINCE_ONLY_PROCESSES = {"p1"}
# Template processes some kinds do not run: (template, kind) -> process keys. Bangkok's water comes
# from the Metropolitan Waterworks Authority, not from village waterworks.
EXCLUDED_PROCESSES = {("local_government", "bma"): {"p5"}, ("local_government", "bma_unit"): {"p5"}}

# Small organisations write short plans: the impact grid as ticks without notes, one strategy per
# resource category, three to five processes, a smaller team. Always for these kinds; for these others
# this often.
COMPACT_KINDS = {"sao", "subdistrict_municipality", "school", "district_office"}
COMPACT_SHARES = {"town_municipality": 0.4, "provincial_unit": 0.4, "central_unit": 0.4, "hospital": 0.3}

# Resource quantities are the template's for a mid-sized agency, multiplied by one of these by kind.
SIZE_FACTORS = {
    "ministry": (1, 2, 3), "department": (1, 2, 3), "state_enterprise": (2, 3), "university": (1, 2),
    "public_org": (1, 2), "independent_body": (1, 2), "other_agency": (1, 2), "provincial_office": (1, 2),
    "pao": (2, 3), "city_municipality": (2, 3), "bma": (3,), "pattaya": (2,), "town_municipality": (1, 2),
}
