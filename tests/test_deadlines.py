"""extract.deadlines.resolve: one table per SPEC "Resolving deadlines" rule."""
from __future__ import annotations

from datetime import date

import pytest

from extract.deadlines import resolve

WED = date(2024, 7, 10)  # a Wednesday
FRI = date(2024, 7, 12)
SUN = date(2024, 7, 14)


def check(ref, text, expected, time=None, vague=False):
    got = resolve(text, ref)
    assert (got.date, got.time, got.vague) == (expected, time, vague), got


@pytest.mark.parametrize("ref,text,expected", [
    (WED, "周五", date(2024, 7, 12)),
    (WED, "星期五", date(2024, 7, 12)),
    (WED, "礼拜五", date(2024, 7, 12)),
    (WED, "Friday", date(2024, 7, 12)),
    (WED, "周三", date(2024, 7, 17)),  # same weekday as the meeting: strictly after
    (FRI, "周五", date(2024, 7, 19)),
    (SUN, "周一", date(2024, 7, 15)),
    (WED, "周日", date(2024, 7, 14)),
])
def test_bare_weekday_is_first_strictly_after_meeting(ref, text, expected):
    check(ref, text, expected)


@pytest.mark.parametrize("ref,text,expected", [
    (WED, "本周五", date(2024, 7, 12)),
    (WED, "这周五", date(2024, 7, 12)),
    (WED, "本周一", date(2024, 7, 8)),
    (SUN, "本周五", date(2024, 7, 12)),  # Sunday closes the Monday–Sunday week
    (WED, "下周五", date(2024, 7, 19)),
    (WED, "下星期二", date(2024, 7, 16)),
    (WED, "下礼拜二", date(2024, 7, 16)),
    (SUN, "下周一", date(2024, 7, 15)),
    (WED, "下下周一", date(2024, 7, 22)),
    (WED, "下下周五", date(2024, 7, 26)),
])
def test_this_next_and_after_next_week(ref, text, expected):
    check(ref, text, expected)


@pytest.mark.parametrize("ref,text,expected", [
    (WED, "3天内", date(2024, 7, 13)),
    (WED, "5日内", date(2024, 7, 15)),
    (WED, "会后3天", date(2024, 7, 13)),
    (WED, "三天内", date(2024, 7, 13)),
    (WED, "两周内", date(2024, 7, 24)),
    (WED, "一个月内", date(2024, 8, 10)),
    (WED, "半个月内", date(2024, 7, 25)),
    (WED, "10天以内", date(2024, 7, 20)),
])
def test_n_days(ref, text, expected):
    check(ref, text, expected)


@pytest.mark.parametrize("ref,text,expected", [
    (WED, "3个工作日内", date(2024, 7, 15)),  # Thu, Fri, Mon
    (WED, "三个工作日", date(2024, 7, 15)),
    (FRI, "1个工作日内", date(2024, 7, 15)),
    # Holiday week: 9/28 Sat off, 9/29 Sun a make-up working day, 9/30 on, 10/1–10/7 off.
    (date(2024, 9, 27), "3个工作日内", date(2024, 10, 8)),
    (date(2024, 9, 27), "2个工作日内", date(2024, 9, 30)),
    (date(2024, 9, 30), "1个工作日内", date(2024, 10, 8)),
    # Spring Festival 2025: 1/28–2/4 off, 2/8 (Sat) a make-up working day.
    (date(2025, 1, 27), "4个工作日内", date(2025, 2, 8)),
    (date(2025, 1, 27), "5个工作日内", date(2025, 2, 10)),
])
def test_working_days_follow_the_official_calendar(ref, text, expected):
    check(ref, text, expected)


def test_working_days_outside_the_calendar_table_fall_back_to_weekdays():
    check(date(2031, 3, 7), "3个工作日内", date(2031, 3, 12))  # Fri → Wed


@pytest.mark.parametrize("text,expected", [
    ("明天", date(2024, 7, 11)), ("后天", date(2024, 7, 12)), ("大后天", date(2024, 7, 13)),
    ("今天", WED), ("当天", WED), ("今日", WED),
])
def test_relative_days(text, expected):
    check(WED, text, expected)


@pytest.mark.parametrize("ref,text,expected", [
    (WED, "7月15日", date(2024, 7, 15)),
    (WED, "7月15号", date(2024, 7, 15)),
    (WED, "7/15", date(2024, 7, 15)),
    (WED, "5月20日", date(2024, 5, 20)),  # 51 days before: same year, past
    (WED, "5月10日", date(2025, 5, 10)),  # 61 days before: next year
    (date(2024, 12, 20), "1月5日", date(2025, 1, 5)),
    (WED, "15号", date(2024, 7, 15)),
    (WED, "10号", date(2024, 7, 10)),  # the meeting day itself is not before it
    (WED, "5号", date(2024, 8, 5)),  # before the meeting: next month
    (WED, "十五号", date(2024, 7, 15)),
    (WED, "二十一日", date(2024, 7, 21)),
    (date(2024, 1, 31), "30号", date(2024, 3, 30)),  # February has no 30th
])
def test_month_day_without_year(ref, text, expected):
    check(ref, text, expected)


@pytest.mark.parametrize("ref,text,expected", [
    (WED, "月底", date(2024, 7, 31)),
    (WED, "本月底", date(2024, 7, 31)),
    (WED, "月末", date(2024, 7, 31)),
    (WED, "下月底", date(2024, 8, 31)),
    (WED, "下个月底", date(2024, 8, 31)),
    (date(2024, 12, 5), "下月底", date(2025, 1, 31)),
    (date(2024, 1, 15), "月底", date(2024, 1, 31)),
    (date(2024, 2, 1), "月底", date(2024, 2, 29)),
    (WED, "年底", date(2024, 12, 31)),
    (WED, "年末", date(2024, 12, 31)),
    (WED, "Q3末", date(2024, 9, 30)),
    (WED, "三季度末", date(2024, 9, 30)),
    (WED, "第三季度末", date(2024, 9, 30)),
    (WED, "季度末", date(2024, 9, 30)),
    (date(2024, 2, 1), "季度末", date(2024, 3, 31)),
    (WED, "Q4末", date(2024, 12, 31)),
    (WED, "月中", date(2024, 7, 15)),
])
def test_month_year_and_quarter_ends(ref, text, expected):
    check(ref, text, expected)


@pytest.mark.parametrize("text,suggested", [
    ("尽快", None), ("抓紧", None), ("近期", None), ("及时", None), ("后续", None),
    ("择期", None), ("待定", None), ("另行通知", None),
    ("本周内", date(2024, 7, 12)), ("这周内", date(2024, 7, 12)),
    ("下周", date(2024, 7, 19)), ("下周内", date(2024, 7, 19)),
    ("月内", date(2024, 7, 31)), ("年内", date(2024, 12, 31)),
    ("ASAP", None), ("asap", None), ("soon", None), ("TBD", None),
])
def test_vague_words_have_no_date_and_suggest_the_period_end(text, suggested):
    got = resolve(text, WED)
    assert got.date is None and got.vague is True
    assert got.suggested == suggested
    assert got.mention == text


@pytest.mark.parametrize("text,expected", [
    ("2024-07-15", date(2024, 7, 15)),
    ("2024/7/15", date(2024, 7, 15)),
    ("2024.7.15", date(2024, 7, 15)),
    ("24年7月15日", date(2024, 7, 15)),
    ("二〇二四年七月十五日", date(2024, 7, 15)),
    ("July 15 2024", date(2024, 7, 15)),
    ("July 15, 2024", date(2024, 7, 15)),
    ("7/15/2024", date(2024, 7, 15)),
    ("15 July", date(2024, 7, 15)),
    ("2023年12月31日", date(2023, 12, 31)),
    ("２０２４年７月１５日", date(2024, 7, 15)),  # full-width digits
])
def test_full_dates(text, expected):
    check(WED, text, expected)


def test_festival_events_and_spans_need_a_marker():
    from extract.deadlines import find_deadline

    assert find_deadline("市场部负责提供618活动的主视觉素材", WED) is None
    assert find_deadline("春节期间活动的运营数据每天早上发一下日报", WED) is None
    assert find_deadline("618大促前完成备货", WED).date == date(2025, 6, 18)


@pytest.mark.parametrize("ref,text,expected", [
    (WED, "国庆前", date(2024, 10, 1)),
    (WED, "国庆节", date(2024, 10, 1)),
    (date(2024, 10, 1), "国庆", date(2024, 10, 1)),  # on or after the meeting date
    (date(2024, 10, 2), "国庆", date(2025, 10, 1)),
    (WED, "元旦", date(2025, 1, 1)),
    (date(2024, 12, 10), "春节", date(2025, 1, 29)),
    (date(2024, 12, 10), "除夕", date(2025, 1, 28)),
    (date(2025, 12, 10), "除夕", date(2026, 2, 16)),  # 腊月 has 29 days that year
    (date(2024, 12, 10), "元宵", date(2025, 2, 12)),
    (WED, "中秋", date(2024, 9, 17)),
    (WED, "中秋节前", date(2024, 9, 17)),
    (date(2024, 5, 1), "端午", date(2024, 6, 10)),
    (WED, "七夕", date(2024, 8, 10)),
    (WED, "重阳", date(2024, 10, 11)),
    (date(2024, 1, 10), "清明", date(2024, 4, 4)),
    (date(2023, 1, 10), "清明", date(2023, 4, 5)),
    (WED, "冬至", date(2024, 12, 21)),
    (date(2022, 7, 1), "冬至", date(2022, 12, 22)),
    (date(2024, 3, 1), "五一", date(2024, 3, 1)),  # guarded: 五一 alone is a number
    (date(2024, 3, 1), "五一前", date(2024, 5, 1)),
    (date(2024, 3, 1), "劳动节", date(2024, 5, 1)),
    (date(2024, 9, 20), "节前", date(2024, 10, 1)),
    (date(2024, 9, 20), "节后第一个工作日", date(2024, 10, 8)),
    (date(2024, 10, 3), "国庆后首个工作日", date(2024, 10, 8)),  # said inside the holiday
])
def test_festivals(ref, text, expected):
    got = resolve(text, ref)
    if text == "五一":
        assert got.date is None  # not read as a festival without 前 / 假期 / 节
    else:
        assert got.date == expected, got


@pytest.mark.parametrize("text,expected", [
    ("昨天", date(2024, 7, 9)),
    ("前天", date(2024, 7, 8)),
    ("上周五", date(2024, 7, 5)),
    ("上个月15号", date(2024, 6, 15)),
    ("上月底", date(2024, 6, 30)),
    ("3天前", date(2024, 7, 7)),
])
def test_past_expressions_resolve_normally(text, expected):
    check(WED, text, expected)


@pytest.mark.parametrize("text,expected,time", [
    ("周五下班前", date(2024, 7, 12), "18:00"),
    ("18:00前", WED, "18:00"),
    ("18：00前", WED, "18:00"),
    ("明天中午", date(2024, 7, 11), "12:00"),
    ("午饭前", WED, "12:00"),
    ("明天上午", date(2024, 7, 11), "12:00"),
    ("周五下午", date(2024, 7, 12), "18:00"),
    ("今晚", WED, "21:00"),
    ("今晚8点", WED, "20:00"),
    ("下午3点", WED, "15:00"),
    ("15点", WED, "15:00"),
    ("下午3:30", WED, "15:30"),
    ("3:30 pm", WED, "15:30"),
    ("周五下午三点半", date(2024, 7, 12), "15:30"),
    ("7月15日18:00前", date(2024, 7, 15), "18:00"),
    ("EOD", WED, "18:00"),
    ("Friday EOD", date(2024, 7, 12), "18:00"),
])
def test_times_of_day(text, expected, time):
    check(WED, text, expected, time)


@pytest.mark.parametrize("text,expected", [
    ("三个工作日", date(2024, 7, 15)),
    ("十五号", date(2024, 7, 15)),
    ("下礼拜二", date(2024, 7, 16)),
    ("两周内", date(2024, 7, 24)),
    ("七月二十日", date(2024, 7, 20)),
    ("十二月三十一日", date(2024, 12, 31)),
])
def test_chinese_numerals(text, expected):
    check(WED, text, expected)


@pytest.mark.parametrize("text,expected", [
    ("by Friday", date(2024, 7, 12)),
    ("next Wed", date(2024, 7, 17)),
    ("end of month", date(2024, 7, 31)),
    ("end of next month", date(2024, 8, 31)),
    ("within 3 days", date(2024, 7, 13)),
    ("in two weeks", date(2024, 7, 24)),
    ("Aug 3rd", date(2024, 8, 3)),
    ("July 15", date(2024, 7, 15)),
    ("7/20", date(2024, 7, 20)),
    ("tomorrow", date(2024, 7, 11)),
    ("end of Q3", date(2024, 9, 30)),
    ("Friday next week", date(2024, 7, 19)),
    ("before the Mid-Autumn Festival", date(2024, 9, 17)),
    ("Chinese New Year", date(2025, 1, 29)),
])
def test_english(text, expected):
    check(WED, text, expected)


def test_dateparser_is_only_a_fallback(monkeypatch):
    import dateparser

    calls = []
    monkeypatch.setattr(dateparser, "parse", lambda *a, **k: calls.append(a) or None)
    assert resolve("next Friday", WED).date == date(2024, 7, 19)
    assert resolve("下周五", WED).date == date(2024, 7, 19)
    assert calls == []  # our grammar read both
    resolve("10 days ago", WED)
    assert calls == [("10 days ago",)]
    resolve("无", WED)  # no Latin letters or slashes: not even tried
    assert len(calls) == 1


def test_dateparser_fallback_reads_what_the_grammar_cannot():
    got = resolve("10 days ago", WED)
    assert got.date == date(2024, 6, 30) and got.mention == "10 days ago"


class TestUnknownMeetingDate:
    def test_relative_expressions_have_no_date_and_are_not_vague(self):
        for text in ("下周五", "明天", "3个工作日内", "月底", "15号", "7月15日", "国庆前"):
            got = resolve(text, None)
            assert got.date is None and got.vague is False, (text, got)
            assert got.mention, text

    def test_dates_with_a_year_still_resolve(self):
        assert resolve("2024年7月15日", None).date == date(2024, 7, 15)
        assert resolve("2024-07-15", None).date == date(2024, 7, 15)

    def test_vague_words_stay_vague_without_a_suggestion(self):
        got = resolve("本周内", None)
        assert got.vague and got.suggested is None


class TestNothingRecognised:
    @pytest.mark.parametrize("text", ["无", "见附件", "3版", "  随便写点  "])
    def test_mention_is_the_stripped_text(self, text):
        got = resolve(text, WED)
        assert got == type(got)(mention=text.strip(), date=None, vague=False)

    def test_empty_text_has_no_mention(self):
        assert resolve("   ", WED).mention is None


def test_mention_and_span_cover_the_expression():
    got = resolve("截止7月15日前", WED)
    assert got.mention == "7月15日前" and got.span == (2, 8)


@pytest.mark.parametrize("ref, text, suggested", [
    # after a holiday is a start, not a due date
    (date(2024, 9, 20), "国庆后", date(2024, 10, 8)),
    (date(2024, 10, 3), "国庆后", date(2024, 10, 8)),  # said inside the holiday
    (date(2024, 9, 20), "节后", date(2024, 10, 8)),
    (date(2025, 1, 22), "节后再约", date(2025, 2, 5)),
    # a ten-day span names no day
    (WED, "8月上旬", date(2024, 8, 10)),
    (WED, "8月中旬", date(2024, 8, 20)),
    (WED, "8月下旬", date(2024, 8, 31)),
])
def test_spans_and_starts_are_vague_with_a_day_suggested(ref, text, suggested):
    got = resolve(text, ref)
    assert (got.date, got.vague, got.suggested) == (None, True, suggested), got


def test_a_weekday_in_brackets_annotates_the_date_before_it():
    assert resolve("10/12（周六调休上班）", date(2024, 9, 26)).date == date(2024, 10, 12)
