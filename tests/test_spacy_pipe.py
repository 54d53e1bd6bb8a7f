"""The spaCy components agree with the plain extraction path."""
from datetime import date

import pytest

from extract.roster import Person, Roster

spacy = pytest.importorskip("spacy")

ROSTER = Roster([Person("李娜", "市场部", "市场经理"), Person("何佳", "行政部", "行政专员"),
                 Person("张伟", "研发部", "高级工程师"), Person("赵磊", "研发部", "后端工程师")])


@pytest.fixture(scope="module")
def nlp():
    from extract.spacy_pipe import build_nlp

    return build_nlp(ROSTER, date(2024, 7, 10))


def test_entities_mark_people_departments_and_dates(nlp):
    doc = nlp("张伟牵头，赵磊配合，研发部支持，7月20日前完成接口联调")
    ents = [(e.text, e.label_) for e in doc.ents]
    assert ("张伟", "PERSON") in ents and ("赵磊", "PERSON") in ents
    assert any(label == "DATE" and "7月20日" in text for text, label in ents)
    assert [t.text for t in doc][:1] == ["张伟"]  # roster names segment whole


def test_action_extension_holds_the_item(nlp):
    doc = nlp("张伟牵头，赵磊配合，7月20日前完成接口联调并输出联调报告")
    action = doc._.action
    assert action["owner"]["name"] == "张伟"
    assert [c["name"] for c in action["collaborators"]] == ["赵磊"]
    assert action["deadline"]["date"] == "2024-07-20"
    assert nlp("场地上周已经签约完成").ents is not None
    assert nlp("场地上周已经签约完成")._.action is None
