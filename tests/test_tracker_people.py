"""tracker.people: the roster of record, learned aliases, and the roster handed to extraction."""
from __future__ import annotations

import pytest

from minutes.errors import BadInput, RosterError
from test_tracker_factory import P, new_store, roster_people
from tracker import people


@pytest.fixture
def store(tmp_path):
    s = new_store(tmp_path / "m.db")
    yield s
    s.close()


def test_upsert_counts_added_updated_unchanged(store):
    first = people.upsert_people(store, roster_people())
    assert (first.added, first.updated, first.unchanged) == (5, 0, 0)
    changed = roster_people()
    changed[0] = P("张伟", "架构部", "架构师", ("Zhang Wei",), "zw@example.cn")
    second = people.upsert_people(store, changed)
    assert (second.added, second.updated, second.unchanged) == (0, 1, 4)
    zhang = next(p for p in people.list_people(store) if p.name == "张伟")
    assert (zhang.department, zhang.aliases) == ("架构部", ("Zhang Wei",))


def test_learned_aliases_survive_a_roster_reimport(store):
    people.upsert_people(store, roster_people())
    with store.write():
        assert people.learn_alias(store, "小孙", "孙浩")
        assert not people.learn_alias(store, "张伟", "孙浩")  # an exact roster name is never an alias
        assert not people.learn_alias(store, None, "孙浩")
    people.upsert_people(store, roster_people())
    sun = next(p for p in people.list_people(store) if p.name == "孙浩")
    assert sun.learned == ("小孙",)
    assert people.person_by_name_or_alias(store, "小孙") == ("孙浩", "测试部")


def test_import_roster_reads_a_real_csv(store, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("name,department,title,aliases,email\n"
                    "陈静,财务部,财务主管,静姐,chenjing@example.cn\n"
                    "梁志远,总经办,总经理,梁总;Leon,liang@example.cn\n", encoding="utf-8")
    result = people.import_roster(store, path)
    assert result.total == 2 and result.added == 2
    rows = {p.name: p for p in people.list_people(store)}
    assert rows["梁志远"].aliases == ("Leon", "梁总")
    assert [p.name for p in people.list_people(store, department="财务部")] == ["陈静"]


def test_bad_roster_file_writes_nothing(store, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("name,department\n张伟,研发部\n张伟,设计部\n", encoding="utf-8")
    with pytest.raises(RosterError):
        people.import_roster(store, path)
    assert people.list_people(store) == []


def test_roster_for_extraction_carries_people_and_learned_aliases(store):
    assert people.roster_for_extraction(store) is None
    people.upsert_people(store, roster_people())
    with store.write():
        people.learn_alias(store, "小孙", "孙浩")
    roster = people.roster_for_extraction(store)
    assert len(roster) == 5 and "王芳" in roster
    assert roster.get("王芳").aliases == ("Fiona", "王设计师")
    assert roster.learned == {"小孙": "孙浩"}
    assert roster.resolve("小孙").name == "孙浩"


def test_extra_people_take_precedence(store):
    people.upsert_people(store, roster_people())
    roster = people.roster_for_extraction(store, [P("张伟", "架构部"), P("新人", "研发部")])
    assert len(roster) == 6 and roster.get("张伟").department == "架构部"


def test_resolve_owner_suggests_close_names(store):
    assert people.resolve_owner(store, "随便谁") == ("随便谁", None)  # empty roster accepts any name
    people.upsert_people(store, roster_people())
    assert people.resolve_owner(store, "磊哥") == ("王磊", "研发部")
    with pytest.raises(BadInput, match="did you mean"):
        people.resolve_owner(store, "王磊磊")
