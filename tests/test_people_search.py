"""tracker.people_search: the owner picker's name, alias, pinyin and initials search."""
from __future__ import annotations

from extract.roster import Person
from tracker.people import upsert_people
from tracker.people_search import search_people
from tracker.store import open_store


def _names(store, q):
    return [m.name for m in search_people(store, q)]


def test_search_by_name_alias_pinyin_and_initials(tmp_path):
    with open_store(tmp_path / "m.db", create=True) as store:
        upsert_people(store, [Person("张伟", "研发部", aliases=("伟哥", "David")), Person("张薇", "市场部"),
                              Person("王芳", "设计部"), Person("赵磊", "研发部")])
        assert _names(store, "张伟") == ["张伟"]  # exact first
        assert _names(store, "张") == ["张伟", "张薇"]
        assert _names(store, "david") == ["张伟"] and search_people(store, "david")[0].matched == "alias"
        assert _names(store, "zw") == ["张伟", "张薇"]  # both are z-w
        assert _names(store, "zhangwe") == ["张伟", "张薇"]
        assert _names(store, "ZL") == ["赵磊"] and search_people(store, "zl")[0].matched == "initials"
        assert _names(store, "wangfang") == ["王芳"]
        assert _names(store, "") == ["张伟", "张薇", "王芳", "赵磊"][: len(_names(store, ""))]
        assert _names(store, "nobody") == []
        # A new person is found without restarting (the cache follows the people table).
        upsert_people(store, [Person("周杰", "运营部")])
        assert _names(store, "zj") == ["周杰"]
