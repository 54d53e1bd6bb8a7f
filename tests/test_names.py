"""Name shapes: surname split, pinyin keys, near sounds."""
from __future__ import annotations

import pytest

from extract import names


@pytest.mark.parametrize("name, surname, given", [
    ("张伟", "张", "伟"), ("梁志远", "梁", "志远"), ("欧阳娜娜", "欧阳", "娜娜"), ("司马光", "司马", "光"),
    ("欧阳", "欧", "阳"),  # two characters: a surname and a given name, not a bare compound surname
])
def test_split_name(name, surname, given):
    assert names.split_name(name) == (surname, given)


def test_pinyin_keys_use_surname_readings_and_both_orders():
    assert names.pinyin_keys("张伟") == {"zhangwei", "weizhang"}
    assert names.pinyin_keys("曾志") == {"zengzhi", "zhizeng"}
    assert names.pinyin_keys("单雄信") == {"shanxiongxin", "xiongxinshan"}
    assert names.pinyin_keys("吕方") == {"lufang", "fanglu"}
    assert names.latin_key("Lyu-Fang") != names.latin_key("Lu Fang")  # only ü/v fold to u
    assert names.latin_key("Lv Fang") == names.latin_key("Lü Fang") == "lufang"


def test_near_syllables():
    assert names.near_syllable("jing", "jin")
    assert names.near_syllable("zhang", "zang")
    assert names.near_syllable("nan", "lan")
    assert not names.near_syllable("wei", "wen")
    assert not names.near_syllable("kai", "hai")


def test_latin_name_shape():
    assert names.is_latin_name("Kevin") and names.is_latin_name("Anna Lee")
    assert not names.is_latin_name("API") and not names.is_latin_name("kevin")


def test_char_reading_is_pypinyins_first_reading_without_tones():
    pypinyin = pytest.importorskip("pypinyin")
    for ch in "张伟王芳曾单朴区仇解乐长行重绿女吕䶮":
        expected = pypinyin.lazy_pinyin(ch, style=pypinyin.Style.NORMAL)[0]
        assert names._plain(names.char_reading(ch)) == names._plain(expected), ch
    assert names.char_reading("A") == "A"  # no reading: the character itself, as lazy_pinyin keeps it


def test_syllables_match_pypinyin_for_names():
    pypinyin = pytest.importorskip("pypinyin")
    for name in ("梁志远", "吴凯文", "欧阳娜娜", "钱多多", "黄丽", "宋雨", "曹阳", "林晓乐"):
        surname, given = names.split_name(name)
        reading = names.surnames().reading(surname)
        head = reading.split("-") if reading else pypinyin.lazy_pinyin(surname, style=pypinyin.Style.NORMAL)
        tail = pypinyin.lazy_pinyin(given, style=pypinyin.Style.NORMAL)
        assert names.syllables(name) == tuple(names._plain(s) for s in [*head, *tail]), name


@pytest.mark.parametrize("word, split", [
    ("jiaxin", ("jia", "xin")), ("zhiyuan", ("zhi", "yuan")), ("Tian", ("tian",)), ("lv", ("lu",)),
    ("jei", None), ("tain", None), ("", None),
])
def test_pinyin_split(word, split):
    assert names.pinyin_split(word) == split


@pytest.mark.parametrize("written, syllables, how", [
    ("Jie", ("jie",), "same"),
    ("Jei", ("jie",), "typo"),          # two letters swapped, no real syllable
    ("Tain", ("tian",), "typo"),
    ("Zhiyaun", ("zhi", "yuan"), "typo"),
    ("Jin", ("jing",), "sound"),        # in / ing
    ("Qing", ("qiang",), None),         # a real, different reading
    ("Wen", ("wei",), None),
    ("Ji", ("jie",), None),             # real pinyin, one letter short: another name
    ("Xx", ("xu",), None),              # too far
])
def test_near_spelling(written, syllables, how):
    assert names.near_spelling(written, syllables) == how


def test_syllable_list_matches_pypinyin():
    pypinyin = pytest.importorskip("pypinyin")
    import unicodedata

    from pypinyin import pinyin_dict

    readings = set()
    for value in pinyin_dict.pinyin_dict.values():
        for reading in value.split(","):
            plain = "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c)).lower()
            if plain.isascii() and plain.isalpha():
                readings.add(plain)
    listed = names.pinyin_syllables()
    assert readings - {"m", "n", "ng", "hm", "hng"} <= listed, "pinyin_syllables.txt lacks readings pypinyin has"
    assert listed - readings <= {"lv", "nv", "lve", "nve"}, "pinyin_syllables.txt lists readings pypinyin lacks"
    assert pypinyin


def test_table_lookup_halves_to_the_entry():
    table = names._pinyin_table()
    for char in "〇㐀张伟䶮龥":
        assert names._entry(table, ord(char)) == table.find(f'"{ord(char)}":')
    assert names._entry(table, ord("A")) == -1
