"""Local administrative organisations: the national counts and the named ones.

Counts: Department of Local Administration (กรมส่งเสริมการปกครองท้องถิ่น), local administrative
organisations by type, June 2020 — 7,852 in all with BMA and Pattaya (see docs/demo-data.md).
"""

COUNTS_2020 = {
    "pao": 76,
    "city_municipality": 30,
    "town_municipality": 190,
    "subdistrict_municipality": 2242,
    "sao": 5312,
    "bma": 1,
    "pattaya": 1,
}

# The 30 city municipalities (เทศบาลนคร) of 2020: code suffix, Thai name after "เทศบาลนคร", English, province.
CITY_MUNICIPALITIES = [
    ("NONTHABURI", "นนทบุรี", "Nonthaburi", "12"),
    ("PAKKRET", "ปากเกร็ด", "Pak Kret", "12"),
    ("SAMUTPRAKAN", "สมุทรปราการ", "Samut Prakan", "11"),
    ("RANGSIT", "รังสิต", "Rangsit", "13"),
    ("AYUTTHAYA", "พระนครศรีอยุธยา", "Phra Nakhon Si Ayutthaya", "14"),
    ("OMNOI", "อ้อมน้อย", "Om Noi", "74"),
    ("SAMUTSAKHON", "สมุทรสาคร", "Samut Sakhon", "74"),
    ("NAKHONPATHOM", "นครปฐม", "Nakhon Pathom", "73"),
    ("RAYONG", "ระยอง", "Rayong", "21"),
    ("LAEMCHABANG", "แหลมฉบัง", "Laem Chabang", "20"),
    ("CHAOPHRAYASURASAK", "เจ้าพระยาสุรศักดิ์", "Chao Phraya Surasak", "20"),
    ("CHIANGMAI", "เชียงใหม่", "Chiang Mai", "50"),
    ("CHIANGRAI", "เชียงราย", "Chiang Rai", "57"),
    ("LAMPANG", "ลำปาง", "Lampang", "52"),
    ("PHITSANULOK", "พิษณุโลก", "Phitsanulok", "65"),
    ("NAKHONSAWAN", "นครสวรรค์", "Nakhon Sawan", "60"),
    ("MAESOT", "แม่สอด", "Mae Sot", "63"),
    ("NAKHONRATCHASIMA", "นครราชสีมา", "Nakhon Ratchasima", "30"),
    ("KHONKAEN", "ขอนแก่น", "Khon Kaen", "40"),
    ("UDONTHANI", "อุดรธานี", "Udon Thani", "41"),
    ("UBONRATCHATHANI", "อุบลราชธานี", "Ubon Ratchathani", "34"),
    ("SAKONNAKHON", "สกลนคร", "Sakon Nakhon", "47"),
    ("SURATTHANI", "สุราษฎร์ธานี", "Surat Thani", "84"),
    ("KOSAMUI", "เกาะสมุย", "Ko Samui", "84"),
    ("NAKHONSITHAMMARAT", "นครศรีธรรมราช", "Nakhon Si Thammarat", "80"),
    ("HATYAI", "หาดใหญ่", "Hat Yai", "90"),
    ("SONGKHLA", "สงขลา", "Songkhla", "90"),
    ("PHUKET", "ภูเก็ต", "Phuket", "83"),
    ("TRANG", "ตรัง", "Trang", "92"),
    ("YALA", "ยะลา", "Yala", "95"),
]
