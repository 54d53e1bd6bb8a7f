from minutes.labels import lookup, section_of, split_kv, strip_numbering


def test_label_lookup_ignores_markup_and_case():
    assert lookup("meeting", "**时间**") == "date"
    assert lookup("meeting", "计划沟通时间") == "date"
    assert lookup("action_table", "Owner") == "owner"
    assert lookup("action_table", "完成时限") == "deadline"
    assert lookup("action_table", "交付物") == "deliverable"
    assert lookup("meeting", "张伟") is None


def test_split_kv_and_sections():
    assert split_kv("**负责人**：张伟") == ("负责人", "张伟")
    assert split_kv("Owner: Zhang Wei") == ("Owner", "Zhang Wei")
    assert split_kv("张伟负责联调，周五前完成") is None
    assert section_of("三、行动项") == "actions"
    assert section_of("Action Items") == "actions"
    assert section_of("会议决议") == "consensus"
    assert section_of("（二）预算审批") is None


def test_strip_numbering():
    assert strip_numbering("（二）预算审批") == "预算审批"
    assert strip_numbering("1. 张伟负责") == "张伟负责"
    assert strip_numbering("① 上线") == "上线"
    assert strip_numbering("2024年计划") == "2024年计划"
    assert strip_numbering("2.4 预算与采购", title=True) == "预算与采购"
    assert strip_numbering("3 个工作日内完成") == "3 个工作日内完成"
