from phrom.core.collation import thai, thai_sort_key
from phrom.orgs.models import Province


def test_sort_key_follows_thai_dictionary_order():
    words = ["ไก่", "เกิด", "กาล", "เป็ด", "หมู", "วัว", "วันที่"]
    assert sorted(words, key=thai_sort_key) == ["กาล", "เกิด", "ไก่", "เป็ด", "วันที่", "วัว", "หมู"]


def test_tone_marks_only_break_ties():
    assert sorted(["ก้อน", "ก่อน", "กอน"], key=thai_sort_key) == ["กอน", "ก่อน", "ก้อน"]


def test_database_orders_thai_names_like_a_dictionary(db):
    """PostgreSQL's ICU collation and the SQLite collation agree with the sort key."""
    names = list(Province.objects.order_by(thai("name_th")).values_list("name_th", flat=True))
    assert len(names) == 77
    assert names == sorted(names, key=thai_sort_key)
    # A leading vowel files under its consonant: เชียงใหม่ (ช) before ตาก, แพร่ (พ) before ระยอง.
    assert names.index("ชลบุรี") < names.index("เชียงใหม่") < names.index("ตาก")
    assert names.index("แพร่") < names.index("ระยอง")
    assert names[0] == "กระบี่"
