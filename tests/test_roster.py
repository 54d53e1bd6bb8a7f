"""Roster loading (CSV in UTF-8/BOM/GBK, XLSX) and the Roster object."""
from __future__ import annotations

import pytest

from extract.roster import Person, Roster, load_roster
from minutes.errors import RosterError

CSV_EN = (
    "name,department,title,aliases,email\n"
    "张伟,研发部,高级工程师,Zhang Wei;伟哥,zhangwei@example.cn\n"
    "王芳,设计部,设计师,王设计师|Fiona,wangfang@example.cn\n"
    "吴凯文,销售部,销售经理,Kevin,\n"
)


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_with_english_headers(tmp_path):
    roster = load_roster(write(tmp_path, "r.csv", CSV_EN))
    assert [p.name for p in roster.people] == ["张伟", "王芳", "吴凯文"]
    zhang = roster.get("张伟")
    assert zhang == Person("张伟", "研发部", "高级工程师", ("Zhang Wei", "伟哥"), "zhangwei@example.cn")
    assert roster.get("王芳").aliases == ("王设计师", "Fiona")
    assert roster.get("吴凯文").email is None
    assert roster.departments == {"研发部", "设计部", "销售部"}
    assert len(roster) == 3 and "王芳" in roster and roster.get("没有") is None


def test_csv_with_bom_chinese_headers_and_crlf(tmp_path):
    text = "\ufeff姓名,部门,职务,别名,邮箱\r\n陈静,财务部,财务主管,静姐、陈姐，Jing,cj@example.cn\r\n\r\n"
    roster = load_roster(write(tmp_path, "r.csv", text))
    assert roster.get("陈静").aliases == ("静姐", "陈姐", "Jing")
    assert roster.get("陈静").title == "财务主管"


def test_gbk_csv(tmp_path):
    text = "姓名,部门,岗位,昵称\n梁志远,总经办,总经理,梁总;Leon\n何佳,行政部,行政专员,\n"
    path = write(tmp_path, "gbk.csv", text, encoding="gbk")
    roster = load_roster(path)
    assert roster.get("梁志远").aliases == ("梁总", "Leon")
    assert roster.get("何佳").department == "行政部"
    assert roster.resolve("梁总").name == "梁志远"


def test_tab_separated_roster(tmp_path):
    roster = load_roster(write(tmp_path, "r.txt", "name\tdepartment\n李娜\t市场部\n"))
    assert roster.get("李娜").department == "市场部"


def test_xlsx_roster_first_sheet(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "部门", "职位", "别名", "邮箱"])
    sheet.append(["林晓", "设计部", "UI设计师", "Lynn", "linxiao@example.cn"])
    sheet.append([None, None, None, None, None])
    sheet.append(["工号1001", 1001, None, None, None])
    book.create_sheet("其他").append(["name", "department"])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    roster = load_roster(path)
    assert roster.get("林晓") == Person("林晓", "设计部", "UI设计师", ("Lynn",), "linxiao@example.cn")
    assert roster.get("工号1001").department == "1001"  # numbers become text, not 1001.0
    assert roster.resolve("lynn").name == "林晓"


@pytest.mark.parametrize("text, words", [
    ("name,title\n张伟,工程师\n", ["department"]),
    ("部门,职位\n研发部,工程师\n", ["name/姓名"]),
    ("邮箱,备注\na@b.cn,x\n", ["name/姓名", "department/部门"]),
])
def test_missing_required_columns_are_named(tmp_path, text, words):
    path = write(tmp_path, "bad.csv", text)
    with pytest.raises(RosterError) as err:
        load_roster(path)
    message = str(err.value)
    assert str(path) in message and "missing required column" in message
    for word in words:
        assert word in message


def test_duplicate_names_are_named(tmp_path):
    path = write(tmp_path, "dup.csv", "name,department\n张伟,研发部\n王芳,设计部\n张伟,设计部\n")
    with pytest.raises(RosterError) as err:
        load_roster(path)
    assert "duplicate" in str(err.value) and "张伟" in str(err.value) and "rows 2 and 4" in str(err.value)
    assert str(path) in str(err.value)


@pytest.mark.parametrize("content, problem", [
    (b"", "empty"),
    (b"\n\n  \n", "empty"),
    (b"name,department\n", "no people"),
    (b"name,department\n,\xe7\xa0\x94\xe5\x8f\x91\xe9\x83\xa8\n", "empty name"),
    (b"\x00\x01\x02binary\x00", "binary"),
    (b"name,department\n\xff\xfe\xfa\xfb\x81\x20,x\n", "decode"),
])
def test_bad_csv_content(tmp_path, content, problem):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(RosterError) as err:
        load_roster(path)
    assert problem in str(err.value) and str(path) in str(err.value)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(RosterError, match="not found") as err:
        load_roster(tmp_path / "nope.csv")
    assert "nope.csv" in str(err.value)
    with pytest.raises(RosterError, match="not a file"):
        load_roster(tmp_path)


def test_corrupt_xlsx_and_old_xls(tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is no workbook")
    with pytest.raises(RosterError, match="unreadable XLSX") as err:
        load_roster(broken)
    assert "broken.xlsx" in str(err.value)
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(RosterError, match=".xls"):
        load_roster(old)


def test_empty_roster_is_valid_and_resolves_unknown():
    roster = Roster()
    assert len(roster) == 0 and roster.departments == frozenset()
    match = roster.resolve("张伟")
    assert (match.name, match.match) == (None, "unknown")
    assert roster.resolve("研发部").match == "department"


def test_duplicate_people_in_code_are_rejected():
    with pytest.raises(RosterError, match="张伟"):
        Roster([Person("张伟", "研发部"), Person("张伟", "设计部")])


def test_with_aliases_teaches_mentions_without_changing_the_original():
    roster = Roster([Person("刘凯", "产品部", "产品经理"), Person("刘洋", "产品部", "产品经理")])
    assert roster.resolve("刘经理").match == "ambiguous"
    taught = roster.with_aliases({"刘经理": "刘凯", "小刘": "刘洋", "某人": "不在名单"})
    assert taught.resolve("刘经理").name == "刘凯"
    assert taught.resolve("刘经理").match == "alias"
    assert taught.resolve("小刘").name == "刘洋"
    assert "某人" not in taught.learned  # a correction naming someone off the roster is dropped
    assert roster.resolve("刘经理").match == "ambiguous"  # the original roster is unchanged
    assert taught.with_aliases({"刘经理": "刘洋"}).resolve("刘经理").name == "刘洋"


def test_person_accepts_alias_lists():
    person = Person("张伟", "研发部", aliases=["伟哥"])
    assert person.aliases == ("伟哥",) and hash(person)
