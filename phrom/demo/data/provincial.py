"""Offices in the provinces: provincial-administration units, central-agency units and the regional
centres of departments, named as the real offices are ("{p}" is the province's Thai or English name).
"""

# Provincial-administration units (ส่วนราชการส่วนภูมิภาค), one of each per province outside Bangkok.
# abbreviation (code PU-<province>-<abbr>), parent department, Thai, English, housed in the provincial hall
PROVINCIAL_UNITS = [
    ("DOPA", "MOI-DOPA", "ที่ทำการปกครองจังหวัด{p}", "{p} Provincial Administration Office", True),
    ("CDD", "MOI-CDD", "สำนักงานพัฒนาชุมชนจังหวัด{p}", "{p} Provincial Community Development Office", True),
    ("DOL", "MOI-DOL", "สำนักงานที่ดินจังหวัด{p}", "{p} Provincial Land Office", False),
    ("DDPM", "MOI-DDPM", "สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัด{p}",
     "{p} Provincial Disaster Prevention and Mitigation Office", True),
    ("DPT", "MOI-DPT", "สำนักงานโยธาธิการและผังเมืองจังหวัด{p}",
     "{p} Provincial Public Works and Town & Country Planning Office", False),
    ("DLA", "MOI-DLA", "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด{p}", "{p} Provincial Office of Local Administration", True),
    ("PHO", "MOPH-OPS", "สำนักงานสาธารณสุขจังหวัด{p}", "{p} Provincial Public Health Office", False),
    ("SDHS", "MSDHS-OPS", "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด{p}",
     "{p} Provincial Office of Social Development and Human Security", True),
    ("AGRI", "MOAC-DOAE", "สำนักงานเกษตรจังหวัด{p}", "{p} Provincial Agricultural Extension Office", True),
    ("MOAC", "MOAC-OPS", "สำนักงานเกษตรและสหกรณ์จังหวัด{p}", "{p} Provincial Agriculture and Cooperatives Office", True),
    ("COOP", "MOAC-CPD", "สำนักงานสหกรณ์จังหวัด{p}", "{p} Provincial Cooperative Office", True),
    ("LIVE", "MOAC-DLD", "สำนักงานปศุสัตว์จังหวัด{p}", "{p} Provincial Livestock Office", False),
    ("FISH", "MOAC-DOF", "สำนักงานประมงจังหวัด{p}", "{p} Provincial Fisheries Office", False),
    ("LABOUR", "MOL-OPS", "สำนักงานแรงงานจังหวัด{p}", "{p} Provincial Labour Office", True),
    ("EMP", "MOL-DOE", "สำนักงานจัดหางานจังหวัด{p}", "{p} Provincial Employment Office", True),
    ("SSO", "MOL-SSO", "สำนักงานประกันสังคมจังหวัด{p}", "{p} Provincial Social Security Office", False),
    ("LPW", "MOL-DLPW", "สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัด{p}",
     "{p} Provincial Labour Protection and Welfare Office", True),
    ("COMM", "MOC-OPS", "สำนักงานพาณิชย์จังหวัด{p}", "{p} Provincial Commerce Office", True),
    ("CULT", "MCULT-OPS", "สำนักงานวัฒนธรรมจังหวัด{p}", "{p} Provincial Cultural Office", False),
    ("NRE", "MNRE-OPS", "สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัด{p}",
     "{p} Provincial Office of Natural Resources and Environment", True),
    ("TS", "MOTS-OPS", "สำนักงานการท่องเที่ยวและกีฬาจังหวัด{p}", "{p} Provincial Office of Tourism and Sports", True),
    ("IND", "MIND-OPS", "สำนักงานอุตสาหกรรมจังหวัด{p}", "{p} Provincial Industry Office", True),
    ("ENERGY", "MOEN-OPS", "สำนักงานพลังงานจังหวัด{p}", "{p} Provincial Energy Office", True),
    ("TREAS", "MOF-CGD", "สำนักงานคลังจังหวัด{p}", "{p} Provincial Comptroller's Office", True),
    ("EDU", "MOE-OPS", "สำนักงานศึกษาธิการจังหวัด{p}", "{p} Provincial Education Office", False),
    ("JUST", "MOJ-OPS", "สำนักงานยุติธรรมจังหวัด{p}", "{p} Provincial Justice Office", True),
    ("STAT", "MDES-NSO", "สำนักงานสถิติจังหวัด{p}", "{p} Provincial Statistical Office", True),
    ("DLT", "MOT-DLT", "สำนักงานขนส่งจังหวัด{p}", "{p} Provincial Land Transport Office", False),
    ("PR", "OPM-PRD", "สำนักงานประชาสัมพันธ์จังหวัด{p}", "{p} Provincial Public Relations Office", False),
]

# Central-agency units located in a province (หน่วยงานส่วนกลางที่ตั้งอยู่ในภูมิภาค), one of each per province
# outside Bangkok. abbreviation (code CU-<province>-<abbr>), parent, Thai, English, critical-infrastructure sector
CENTRAL_UNITS = [
    ("RD", "MOF-RD", "สำนักงานสรรพากรพื้นที่{p}", "{p} Area Revenue Office", ""),
    ("EXCISE", "MOF-EXCISE", "สำนักงานสรรพสามิตพื้นที่{p}", "{p} Area Excise Office", ""),
    ("TD", "MOF-TD", "สำนักงานธนารักษ์พื้นที่{p}", "{p} Treasury Office", ""),
    ("LED", "MOJ-LED", "สำนักงานบังคับคดีจังหวัด{p}", "{p} Provincial Legal Execution Office", ""),
    ("PRISON", "MOJ-DOC", "เรือนจำจังหวัด{p}", "{p} Provincial Prison", ""),
    ("DJOP", "MOJ-DJOP", "สถานพินิจและคุ้มครองเด็กและเยาวชนจังหวัด{p}", "{p} Juvenile Observation and Protection Centre", ""),
    ("PROB", "MOJ-DOP", "สำนักงานคุมประพฤติจังหวัด{p}", "{p} Provincial Probation Office", ""),
    ("DOH", "MOT-DOH", "แขวงทางหลวง{p}", "{p} Highway District", "transport"),
    ("DRR", "MOT-DRR", "สำนักงานทางหลวงชนบทจังหวัด{p}", "{p} Provincial Rural Roads Office", "transport"),
    ("RID", "MOAC-RID", "โครงการชลประทาน{p}", "{p} Irrigation Project", "water"),
    ("LDD", "MOAC-LDD", "สถานีพัฒนาที่ดิน{p}", "{p} Land Development Station", ""),
    ("ESA", "MOE-OBEC", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา{p} เขต 1", "{p} Primary Educational Service Area Office 1", ""),
    ("DSD", "MOL-DSD", "สำนักงานพัฒนาฝีมือแรงงาน{p}", "{p} Skill Development Office", ""),
    ("TMD", "MDES-TMD", "สถานีอุตุนิยมวิทยา{p}", "{p} Meteorological Station", ""),
    ("POLICE", "RTP", "ตำรวจภูธรจังหวัด{p}", "{p} Provincial Police", ""),
    ("ONAB", "ONAB", "สำนักงานพระพุทธศาสนาจังหวัด{p}", "{p} Provincial Office of Buddhism", ""),
    ("PWA", "SOE-PWA", "การประปาส่วนภูมิภาคสาขา{p}", "Provincial Waterworks Authority, {p} Branch", "water"),
    ("PEA", "SOE-PEA", "การไฟฟ้าส่วนภูมิภาคจังหวัด{p}", "Provincial Electricity Authority, {p} Office", "energy"),
]

# Regional centres of departments, each in a real host province.
# department, code prefix, Thai pattern ({n} region number), English pattern, [host province codes by region]
REGIONAL_CENTRES = [
    ("MOI-DDPM", "DDPM", "ศูนย์ป้องกันและบรรเทาสาธารณภัยเขต {n} {p}", "Disaster Prevention and Mitigation Centre {n}, {p}",
     ["13", "72", "25", "77", "30", "40", "47", "62", "65", "52", "84", "90", "34", "41", "57", "18", "22", "83"]),
    ("MOPH-DDC", "DDC", "สำนักงานป้องกันควบคุมโรคที่ {n} จังหวัด{p}", "Office of Disease Prevention and Control {n}, {p}",
     ["50", "65", "60", "19", "70", "20", "40", "41", "30", "34", "80", "90"]),
    ("MOPH-DOH", "HPC", "ศูนย์อนามัยที่ {n} {p}", "Health Promotion Centre {n}, {p}",
     ["50", "65", "60", "19", "70", "20", "40", "41", "30", "34", "80", "95"]),
    ("MOPH-DMSC", "RMSC", "ศูนย์วิทยาศาสตร์การแพทย์ที่ {n} {p}", "Regional Medical Sciences Centre {n}, {p}",
     ["57", "65", "60", "19", "75", "20", "40", "41", "30", "34", "84", "90"]),
    ("MOAC-RID", "RIO", "สำนักงานชลประทานที่ {n}", "Regional Irrigation Office {n}",
     ["50", "52", "65", "62", "41", "40", "34", "30", "20", "16", "12", "18", "71", "76", "84", "90", "86"]),
]

# Hospitals of the Department of Medical Services in the provinces: code suffix, Thai, English, province
DMS_HOSPITALS = [
    ("CANCER-LOPBURI", "โรงพยาบาลมะเร็งลพบุรี", "Lopburi Cancer Hospital", "16"),
    ("CANCER-CHONBURI", "โรงพยาบาลมะเร็งชลบุรี", "Chonburi Cancer Hospital", "20"),
    ("CANCER-UDON", "โรงพยาบาลมะเร็งอุดรธานี", "Udon Thani Cancer Hospital", "41"),
    ("CANCER-UBON", "โรงพยาบาลมะเร็งอุบลราชธานี", "Ubon Ratchathani Cancer Hospital", "34"),
    ("CANCER-LAMPANG", "โรงพยาบาลมะเร็งลำปาง", "Lampang Cancer Hospital", "52"),
    ("CANCER-SURAT", "โรงพยาบาลมะเร็งสุราษฎร์ธานี", "Surat Thani Cancer Hospital", "84"),
    ("THANYA-CHIANGMAI", "โรงพยาบาลธัญญารักษ์เชียงใหม่", "Thanyarak Chiang Mai Hospital", "50"),
    ("THANYA-KHONKAEN", "โรงพยาบาลธัญญารักษ์ขอนแก่น", "Thanyarak Khon Kaen Hospital", "40"),
    ("THANYA-SONGKHLA", "โรงพยาบาลธัญญารักษ์สงขลา", "Thanyarak Songkhla Hospital", "90"),
    ("THANYA-UDON", "โรงพยาบาลธัญญารักษ์อุดรธานี", "Thanyarak Udon Thani Hospital", "41"),
    ("THANYA-MAEHONGSON", "โรงพยาบาลธัญญารักษ์แม่ฮ่องสอน", "Thanyarak Mae Hong Son Hospital", "58"),
    ("THANYA-PATTANI", "โรงพยาบาลธัญญารักษ์ปัตตานี", "Thanyarak Pattani Hospital", "94"),
    ("PBRI", "สถาบันบำบัดรักษาและฟื้นฟูผู้ติดยาเสพติดแห่งชาติบรมราชชนนี",
     "Princess Mother National Institute on Drug Abuse Treatment", "13"),
    ("NEURO-CHIANGMAI", "โรงพยาบาลประสาทเชียงใหม่", "Chiang Mai Neurological Hospital", "50"),
    ("SKIN-TRANG", "โรงพยาบาลโรคผิวหนังเขตร้อนภาคใต้ จังหวัดตรัง", "Southern Tropical Skin Disease Hospital, Trang", "92"),
    ("SIRINDHORN", "ศูนย์สิรินธรเพื่อการฟื้นฟูสมรรถภาพทางการแพทย์แห่งชาติ",
     "Sirindhorn National Medical Rehabilitation Institute", "12"),
]
