"""The demo users: one per role and level, all with the one demo password."""

# One shared password, printed by `phrom demo`; it satisfies AUTH_PASSWORD_VALIDATORS (checked at run time).
DEMO_PASSWORD = "Phrom-demo-2570"

# username, first name, last name, organisation code (None: no organisation), role (None: superuser)
DEMO_USERS = [
    ("admin", "ผู้ดูแล", "ระบบ", None, None),
    ("opdc_analyst", "วรรณา", "วิเคราะห์ผล", "OPDC", "viewer"),
    ("opdc_coordinator", "ประเสริฐ", "ประสานงาน", "OPDC", "coordinator"),
    ("rayong_office", "สมศักดิ์", "รักษ์ระยอง", "PO-21", "coordinator"),
    ("rayong_health", "พิมพ์ใจ", "สุขภาพดี", "PU-21-PHO", "coordinator"),
    ("rayong_city", "ธนพล", "มั่นคงเมือง", "CM-RAYONG", "coordinator"),
    ("ddc_coordinator", "กนกวรรณ", "ควบคุมโรค", "MOPH-DDC", "coordinator"),
    ("ddc_approver", "นพดล", "อนุมัติการ", "MOPH-DDC", "approver"),
    ("bma_district", "สุดารัตน์", "พระนครดี", "BMA-D1001", "coordinator"),
    ("bma_disaster", "อนุชา", "กู้ภัยเร็ว", "BMA-DDPM", "coordinator"),
    # The BMA civil-service training institute (under BMA-CSC): reads the roll-up of training needs only.
    ("bma_training", "มาลี", "พัฒนาบุคลากร", "BMA-CSC", "viewer"),
]
