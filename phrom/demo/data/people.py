"""People for the demo plans' BCP teams: common Thai given names and surnames, titles, telephone area codes.

Each name comes with a plain romanisation (close to the Royal Thai General System, as Thai civil
servants spell their names in e-mail addresses). The lists are common names, not real people: a
demo member is a given name and a surname drawn independently.
"""

# (Thai, romanised)
MALE_GIVEN_NAMES = [
    ("สมชาย", "somchai"), ("สมศักดิ์", "somsak"), ("สมพงษ์", "sompong"), ("สมบัติ", "sombat"),
    ("สมหมาย", "sommai"), ("สมเกียรติ", "somkiat"), ("สมยศ", "somyot"), ("สมนึก", "somnuek"),
    ("ประเสริฐ", "prasoet"), ("ประสิทธิ์", "prasit"), ("ประวิทย์", "prawit"), ("ปริญญา", "parinya"),
    ("วิชัย", "wichai"), ("วิโรจน์", "wirot"), ("วีระ", "wira"), ("วสันต์", "wasan"),
    ("สุริยา", "suriya"), ("สุรชัย", "surachai"), ("สุเมธ", "sumet"), ("สุวิทย์", "suwit"),
    ("สุทธิพงษ์", "sutthiphong"), ("สุนทร", "sunthon"), ("อนุชา", "anucha"), ("อภิชาติ", "aphichat"),
    ("อดิศักดิ์", "adisak"), ("อำนาจ", "amnat"), ("อุดม", "udom"), ("ธนพล", "thanaphon"),
    ("ธนากร", "thanakon"), ("ธนวัฒน์", "thanawat"), ("ธีรพงษ์", "thiraphong"), ("ธีระ", "thira"),
    ("ธวัชชัย", "thawatchai"), ("ทวีศักดิ์", "thawisak"), ("ทรงศักดิ์", "songsak"), ("ณัฐพล", "natthaphon"),
    ("ณัฐวุฒิ", "natthawut"), ("ณรงค์", "narong"), ("ชัยวัฒน์", "chaiwat"), ("ชาญวิทย์", "chanwit"),
    ("ชูชาติ", "chuchat"), ("เฉลิมชัย", "chaloemchai"), ("กิตติศักดิ์", "kittisak"), ("กฤษดา", "kritsada"),
    ("เกรียงไกร", "kriangkrai"), ("นพดล", "nopphadon"), ("พงศกร", "phongsakon"), ("พิชิต", "phichit"),
    ("พีระพงษ์", "phiraphong"), ("ไพโรจน์", "phairot"), ("ไพศาล", "phaisan"), ("ภานุวัฒน์", "phanuwat"),
    ("ศักดิ์ชัย", "sakchai"), ("ศุภชัย", "supphachai"), ("สันติ", "santi"), ("เสกสรรค์", "seksan"),
    ("บุญมี", "bunmi"), ("บุญชัย", "bunchai"), ("บรรจง", "banchong"), ("ยุทธนา", "yutthana"),
    ("เอกชัย", "ekkachai"), ("วรวุฒิ", "worawut"), ("วุฒิชัย", "wutthichai"), ("ปิยะ", "piya"),
    ("ปกรณ์", "pakon"), ("มานพ", "manop"), ("จักรพันธ์", "chakkraphan"), ("รัฐพล", "ratthaphon"),
    ("ชยพล", "chayaphon"), ("ธนกฤต", "thanakrit"), ("ภูมิพัฒน์", "phumiphat"), ("กมล", "kamon"),
    ("ชาตรี", "chatri"), ("ไชยา", "chaiya"), ("เด่นชัย", "denchai"), ("ทองใบ", "thongbai"),
    ("นิพนธ์", "niphon"), ("บุญเลิศ", "bunloet"), ("พิทักษ์", "phithak"), ("วัชระ", "watchara"),
]

FEMALE_GIVEN_NAMES = [
    ("สมหญิง", "somying"), ("สุดารัตน์", "sudarat"), ("กนกวรรณ", "kanokwan"), ("พิมพ์ใจ", "phimjai"),
    ("วรรณา", "wanna"), ("มาลี", "mali"), ("สุภาพร", "suphaphon"), ("นภาพร", "naphaphon"),
    ("รัตนา", "rattana"), ("อรุณี", "aruni"), ("จันทร์เพ็ญ", "chanphen"), ("ศิริพร", "siriphon"),
    ("ปราณี", "prani"), ("วิไลวรรณ", "wilaiwan"), ("พรทิพย์", "phonthip"), ("ดวงใจ", "duangjai"),
    ("สุนันทา", "sunantha"), ("อัญชลี", "anchali"), ("กาญจนา", "kanchana"), ("เบญจวรรณ", "benjawan"),
    ("ปิยะนุช", "piyanut"), ("จิราพร", "jiraphon"), ("ณัฐธิดา", "natthida"), ("ศศิธร", "sasithon"),
    ("ธิดารัตน์", "thidarat"), ("พัชรี", "phatchari"), ("นิตยา", "nittaya"), ("ลัดดา", "ladda"),
    ("สุมาลี", "sumali"), ("อรทัย", "orathai"), ("ชนิดา", "chanida"), ("ปวีณา", "pawina"),
    ("กมลชนก", "kamonchanok"), ("วาสนา", "watsana"), ("ยุพิน", "yuphin"), ("บุษบา", "butsaba"),
    ("อุไรวรรณ", "uraiwan"), ("รุ่งนภา", "rungnapha"), ("เพ็ญศรี", "phensri"), ("นงลักษณ์", "nonglak"),
    ("ทิพวรรณ", "thippawan"), ("สุกัญญา", "sukanya"), ("จุฑามาศ", "chuthamat"), ("พรรณี", "phanni"),
    ("ศรีสุดา", "srisuda"), ("วนิดา", "wanida"), ("ประภาพร", "praphaphon"), ("ขวัญใจ", "khwanjai"),
    ("ธัญญารัตน์", "thanyarat"), ("ภัทราภรณ์", "phatthraphon"), ("สุพัตรา", "suphattra"),
    ("เยาวลักษณ์", "yaowalak"), ("ชุติมา", "chutima"), ("ปัทมา", "patthama"), ("มณีรัตน์", "manirat"),
    ("ศิริรัตน์", "sirirat"), ("วันเพ็ญ", "wanphen"), ("อรอุมา", "onuma"), ("จารุวรรณ", "charuwan"),
    ("สายสุนีย์", "saisuni"), ("กัลยา", "kanlaya"), ("นันทนา", "nanthana"), ("บุญญาพร", "bunyaphon"),
    ("เสาวลักษณ์", "saowalak"), ("อัมพร", "amphon"), ("ดารุณี", "daruni"), ("พิไลพร", "philaiphon"),
    ("รัชนี", "ratchani"), ("สุวิมล", "suwimon"), ("ญาณิศา", "yanisa"), ("ปิยวรรณ", "piyawan"),
    ("ชลธิชา", "chonthicha"), ("อารีย์", "ari"), ("ลำดวน", "lamduan"), ("ทองพูน", "thongphun"),
]

SURNAMES = [
    ("ใจดี", "jaidee"), ("ศรีสุข", "srisuk"), ("สุขสวัสดิ์", "suksawat"), ("วงศ์สวัสดิ์", "wongsawat"),
    ("แสงทอง", "saengthong"), ("ทองดี", "thongdee"), ("บุญมา", "bunma"), ("บุญเรือง", "bunrueang"),
    ("ศรีสมบูรณ์", "srisombun"), ("พรหมมา", "phromma"), ("จันทร์แก้ว", "chankaeo"), ("แก้วมณี", "kaeomani"),
    ("สุวรรณรัตน์", "suwannarat"), ("ประเสริฐสุข", "prasoetsuk"), ("รุ่งเรือง", "rungrueang"),
    ("มั่นคง", "mankhong"), ("เจริญสุข", "charoensuk"), ("เจริญผล", "charoenphon"), ("ทองคำ", "thongkham"),
    ("สมบูรณ์ชัย", "sombunchai"), ("ศรีวงศ์", "sriwong"), ("นาคสวัสดิ์", "naksawat"), ("อินทร์แก้ว", "inkaeo"),
    ("ชัยมงคล", "chaimongkhon"), ("กาญจนวงศ์", "kanchanawong"), ("พูลสวัสดิ์", "phunsawat"),
    ("เพชรรัตน์", "phetcharat"), ("ศักดิ์ศรี", "saksri"), ("บุญประเสริฐ", "bunprasoet"),
    ("วิเศษสุวรรณ", "wisetsuwan"), ("รัตนพันธ์", "rattanaphan"), ("ปัญญาดี", "panyadee"), ("สายทอง", "saithong"),
    ("คงเจริญ", "khongcharoen"), ("มีสุข", "meesuk"), ("ยอดเพชร", "yotphet"), ("เรืองศรี", "rueangsri"),
    ("จันทร์หอม", "chanhom"), ("พันธุ์ดี", "phandee"), ("ทองประเสริฐ", "thongprasoet"), ("สุขเจริญ", "sukcharoen"),
    ("วงษ์ทอง", "wongthong"), ("ศรีจันทร์", "srichan"), ("แก้วประเสริฐ", "kaeoprasoet"), ("นิลสุวรรณ", "ninsuwan"),
    ("ขันทอง", "khanthong"), ("สุขประเสริฐ", "sukprasoet"), ("บุญยืน", "bunyuen"), ("กองแก้ว", "kongkaeo"),
    ("คำภา", "khampha"), ("ศรีประเสริฐ", "sriprasoet"), ("สิทธิชัย", "sitthichai"), ("ชูศรี", "chusri"),
    ("ปานทอง", "panthong"), ("จิตรดี", "jitdee"), ("วัฒนชัย", "watthanachai"), ("โพธิ์ทอง", "phothong"),
    ("หอมจันทร์", "homchan"), ("บุญส่ง", "bunsong"), ("ธรรมรักษ์", "thammarak"), ("ชัยศรี", "chaisri"),
    ("มณีวงศ์", "maniwong"), ("เกตุแก้ว", "ketkaeo"), ("ทรัพย์มาก", "sapmak"), ("ดวงดี", "duangdee"),
    ("อ่อนศรี", "onsri"), ("พลพิทักษ์", "phonphithak"), ("ศรีบุญเรือง", "sribunrueang"), ("ภูมิพันธ์", "phumiphan"),
    ("สมบัติทอง", "sombatthong"), ("แสงอรุณ", "saengarun"), ("วงศ์ใหญ่", "wongyai"), ("ประทุมทอง", "prathumthong"),
    ("เพ็งศรี", "phengsri"), ("สีสด", "sisot"), ("บุญทวี", "buntawi"), ("ศรีเมือง", "srimueang"),
    ("จำปาทอง", "champathong"), ("คำแก้ว", "khamkaeo"), ("บัวขาว", "buakhao"), ("ไชยวงศ์", "chaiyawong"),
    ("อินทรประเสริฐ", "intharaprasoet"), ("ทองมา", "thongma"), ("มาลัยทอง", "malaithong"), ("สุขใจ", "sukjai"),
    ("รักษาพล", "raksaphon"), ("นาคประเสริฐ", "nakprasoet"), ("ผลดี", "phondee"), ("ศรีนวล", "srinuan"),
    ("ชำนาญกิจ", "chamnankit"), ("กิตติวงศ์", "kittiwong"), ("ธนะสาร", "thanasan"), ("พรมศรี", "phromsri"),
    ("ยิ้มแย้ม", "yimyaem"), ("สว่างวงศ์", "sawangwong"), ("บุญญาศิริ", "bunyasiri"), ("ทองสุข", "thongsuk"),
    ("อุดมสุข", "udomsuk"), ("วรรณศิริ", "wannasiri"), ("สมานมิตร", "samanmit"), ("เทพสุริยา", "thepsuriya"),
    ("ศิริวัฒน์", "siriwat"), ("บุญคง", "bunkhong"), ("แก่นจันทร์", "kaenchan"), ("ขำคม", "khamkhom"),
    ("หมื่นศรี", "muensri"), ("สิงห์ทอง", "singthong"), ("ดีมาก", "deemak"), ("ชื่นใจ", "chuenjai"),
    ("จันทร์ศรี", "chansri"), ("พึ่งบุญ", "phuengbun"), ("นวลจันทร์", "nuanchan"), ("ทับทิมทอง", "thapthimthong"),
]

# The share of women among the members drawn (the Thai civil service is about 60% women).
FEMALE_SHARE = 0.55
# Of the women, the share titled นาง rather than นางสาว.
MARRIED_SHARE = 0.55

# Military and police ranks by team role, for the armed forces and the police (men; women add หญิง).
MILITARY_RANKS = {"head": "พลโท", "coordinator": "พันโท", "leader": "พันเอก", "member": "ร้อยเอก"}
POLICE_RANKS = {"head": "พลตำรวจตรี", "coordinator": "พันตำรวจโท", "leader": "พันตำรวจเอก", "member": "ร้อยตำรวจเอก"}
# A position with one of these words is held by a physician: นายแพทย์ / แพทย์หญิง.
PHYSICIAN_WORDS = ("ผู้อำนวยการโรงพยาบาล", "ฝ่ายการแพทย์", "เวชศาสตร์")

# Mobile prefixes in use (AIS, True, dtac and the MVNOs): 06x, 08x, 09x.
MOBILE_PREFIXES = ["061", "062", "063", "064", "065", "081", "082", "083", "084", "085", "086", "087", "088",
                   "089", "091", "092", "093", "094", "095", "096", "097", "098", "099"]

# Landline area codes by province geocode (02 for Bangkok and its four neighbours; 0XX elsewhere).
AREA_CODES = {
    "10": "02", "11": "02", "12": "02", "13": "02", "14": "035", "15": "035", "16": "036", "17": "036",
    "18": "056", "19": "036", "20": "038", "21": "038", "22": "039", "23": "039", "24": "038", "25": "037",
    "26": "037", "27": "037", "30": "044", "31": "044", "32": "044", "33": "045", "34": "045", "35": "045",
    "36": "044", "37": "045", "38": "042", "39": "042", "40": "043", "41": "042", "42": "042", "43": "042",
    "44": "043", "45": "043", "46": "043", "47": "042", "48": "042", "49": "042", "50": "053", "51": "053",
    "52": "054", "53": "055", "54": "054", "55": "054", "56": "054", "57": "053", "58": "053", "60": "056",
    "61": "056", "62": "055", "63": "055", "64": "055", "65": "055", "66": "056", "67": "056", "70": "032",
    "71": "034", "72": "035", "73": "034", "74": "034", "75": "034", "76": "032", "77": "032", "80": "075",
    "81": "075", "82": "076", "83": "076", "84": "077", "85": "077", "86": "077", "90": "074", "91": "074",
    "92": "075", "93": "074", "94": "073", "95": "073", "96": "073",
}

# Positions for the staff an agency adds to a team beyond the template, by a word of the team's name.
EXTRA_POSITIONS = [
    ("สารสนเทศ", ["นักวิชาการคอมพิวเตอร์ปฏิบัติการ", "เจ้าพนักงานเครื่องคอมพิวเตอร์ชำนาญงาน"]),
    ("การเงิน", ["นักวิชาการเงินและบัญชีชำนาญการ", "เจ้าพนักงานการเงินและบัญชีชำนาญงาน"]),
    ("การคลัง", ["นักวิชาการเงินและบัญชีชำนาญการ", "เจ้าพนักงานจัดเก็บรายได้ชำนาญงาน"]),
    ("บุคลากร", ["นักทรัพยากรบุคคลชำนาญการ", "เจ้าพนักงานธุรการชำนาญงาน"]),
    ("พัสดุ", ["นักวิชาการพัสดุชำนาญการ", "เจ้าพนักงานพัสดุชำนาญงาน"]),
    ("สื่อสาร", ["นักประชาสัมพันธ์ปฏิบัติการ", "นักประชาสัมพันธ์ชำนาญการ"]),
    ("บริการ", ["นักจัดการงานทั่วไปชำนาญการ", "เจ้าพนักงานธุรการปฏิบัติงาน"]),
    ("ป้องกัน", ["เจ้าพนักงานป้องกันและบรรเทาสาธารณภัยชำนาญงาน", "พนักงานดับเพลิง"]),
    ("พยาบาล", ["พยาบาลวิชาชีพชำนาญการ", "พยาบาลวิชาชีพปฏิบัติการ"]),
    ("วิชาการ", ["ครูชำนาญการพิเศษ", "ครูชำนาญการ"]),
    ("นักเรียน", ["ครูชำนาญการ", "ครูผู้ช่วย"]),
    ("ทะเบียน", ["เจ้าพนักงานปกครองชำนาญงาน", "เจ้าพนักงานธุรการชำนาญงาน"]),
    ("สาธารณสุข", ["นักวิชาการสาธารณสุขชำนาญการ", "เจ้าพนักงานสาธารณสุขชำนาญงาน"]),
    ("โยธา", ["นายช่างโยธาชำนาญงาน", "พนักงานขับเครื่องจักรกลขนาดกลาง"]),
]
GENERIC_EXTRA_POSITIONS = ["นักจัดการงานทั่วไปชำนาญการ", "นักวิเคราะห์นโยบายและแผนชำนาญการ", "เจ้าพนักงานธุรการชำนาญงาน"]
