import pytest

from extract.deliverables import find_deliverable, from_field


@pytest.mark.parametrize("text,expected", [
    ("7月15日前完成主视觉初稿，交3版", "主视觉初稿"),
    ("7月19日前出测试报告", "测试报告"),
    ("整理《2024年Q3营销方案》", "《2024年Q3营销方案》"),
    ("活动方案", "活动方案"),
    ("输出接口文档和测试用例", "接口文档"),
    ("交3版", "3版"),
    ("订单模块退款接口重构，提交接口文档", "接口文档"),
    ("send the revised quote by Friday", "revised quote"),
])
def test_deliverable_phrases(text, expected):
    assert find_deliverable(text) == expected


@pytest.mark.parametrize("text", ["联系客户确认需求", "跟进进度", "拉个群对齐一下", "华东32家门店的POS升级",
                                  "完成时间另行通知"])
def test_activities_have_no_deliverable(text):
    assert find_deliverable(text) is None


def test_field_values():
    assert from_field(" 联调报告 ") == "联调报告"
    assert from_field("无") is None and from_field("-") is None and from_field("") is None


def test_one_character_nouns_inside_other_words_are_no_output():
    from extract.deliverables import find_deliverable

    assert find_deliverable("钱局长表示，资金将于11月20日前拨付到位") is None  # 表示
    assert find_deliverable("图书馆负责开放提交系统") is None  # 图书馆
    assert find_deliverable("由各单位联合开展检查") is None  # 单位
    assert find_deliverable("提交统计表") == "统计表"
    assert find_deliverable("证据目录和页码你来整理") == "证据目录"
