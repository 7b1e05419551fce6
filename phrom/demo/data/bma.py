"""The Bangkok Metropolitan Administration: its offices (สำนัก) and hospitals. The 50 district offices
(สำนักงานเขต) are named from geothai's Bangkok districts.
"""

# The BMA disaster office, which collects the plans of every BMA office and district (seed 001).
DISASTER_OFFICE = ("BMA-DDPM", "สำนักป้องกันและบรรเทาสาธารณภัย", "Fire and Rescue Department")

# code, Thai, English
OFFICES = [
    ("BMA-OSG", "สำนักงานเลขานุการผู้ว่าราชการกรุงเทพมหานคร", "Office of the Secretary to the Governor of Bangkok"),
    ("BMA-COUNCIL", "สำนักงานเลขานุการสภากรุงเทพมหานคร", "Secretariat of the Bangkok Metropolitan Council"),
    ("BMA-OPS", "สำนักงานปลัดกรุงเทพมหานคร", "Office of the Permanent Secretary for the BMA"),
    ("BMA-CSC", "สำนักงานคณะกรรมการข้าราชการกรุงเทพมหานคร", "Office of the Bangkok Metropolitan Civil Service Commission"),
    ("BMA-BUDGET", "สำนักงบประมาณกรุงเทพมหานคร", "Budget Department"),
    ("BMA-SED", "สำนักยุทธศาสตร์และประเมินผล", "Strategy and Evaluation Department"),
    ("BMA-MSD", "สำนักการแพทย์", "Medical Service Department"),
    ("BMA-HD", "สำนักอนามัย", "Health Department"),
    ("BMA-EDU", "สำนักการศึกษา", "Education Department"),
    ("BMA-PWD", "สำนักการโยธา", "Public Works Department"),
    ("BMA-DDS", "สำนักการระบายน้ำ", "Drainage and Sewerage Department"),
    ("BMA-ENV", "สำนักสิ่งแวดล้อม", "Environment Department"),
    ("BMA-TTD", "สำนักการจราจรและขนส่ง", "Traffic and Transportation Department"),
    ("BMA-CLE", "สำนักเทศกิจ", "City Law Enforcement Department"),
    ("BMA-SDD", "สำนักพัฒนาสังคม", "Social Development Department"),
    ("BMA-CST", "สำนักวัฒนธรรม กีฬาและการท่องเที่ยว", "Culture, Sports and Tourism Department"),
    ("BMA-FIN", "สำนักการคลัง", "Finance Department"),
    ("BMA-CPUD", "สำนักการวางผังและพัฒนาเมือง", "City Planning and Urban Development Department"),
    ("BMA-NMU", "มหาวิทยาลัยนวมินทราธิราช", "Navamindradhiraj University"),
]

# code suffix (HOSP-BMA-<suffix>), parent office, Thai, English
HOSPITALS = [
    ("KLANG", "BMA-MSD", "โรงพยาบาลกลาง", "Klang Hospital"),
    ("TAKSIN", "BMA-MSD", "โรงพยาบาลตากสิน", "Taksin Hospital"),
    ("CHAROENKRUNG", "BMA-MSD", "โรงพยาบาลเจริญกรุงประชารักษ์", "Charoenkrung Pracharak Hospital"),
    ("LUANGPHOTHAWEESAK", "BMA-MSD", "โรงพยาบาลหลวงพ่อทวีศักดิ์ ชุตินฺธโร อุทิศ", "Luang Pho Thawee Sak Hospital"),
    ("VEJAKARUNRASMI", "BMA-MSD", "โรงพยาบาลเวชการุณย์รัศมิ์", "Vejakarunrasmi Hospital"),
    ("NAKHONPHIBAN", "BMA-MSD", "โรงพยาบาลนคราภิบาล", "Nakhonphiban Hospital"),
    ("RATCHAPHIPHAT", "BMA-MSD", "โรงพยาบาลราชพิพัฒน์", "Ratchaphiphat Hospital"),
    ("SIRINDHORN", "BMA-MSD", "โรงพยาบาลสิรินธร", "Sirindhorn Hospital"),
    ("BANGKHUNTHIAN", "BMA-MSD", "โรงพยาบาลผู้สูงอายุบางขุนเทียน", "Bang Khun Thian Geriatric Hospital"),
    ("LATKRABANG", "BMA-MSD", "โรงพยาบาลลาดกระบังกรุงเทพมหานคร", "Lat Krabang Hospital"),
    ("RATCHAPRACHASAMASAI", "BMA-MSD", "โรงพยาบาลรัชชประชาสมาสัย", "Ratchaprachasamasai Hospital"),
    ("KHLONGSAMWA", "BMA-MSD", "โรงพยาบาลคลองสามวา", "Khlong Sam Wa Hospital"),
    ("BANGNA", "BMA-MSD", "โรงพยาบาลบางนากรุงเทพมหานคร", "Bang Na Hospital"),
    ("VAJIRA", "BMA-NMU", "โรงพยาบาลวชิรพยาบาล", "Vajira Hospital"),
]
