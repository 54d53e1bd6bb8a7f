"""The Chinese (and numeric) deadline rules: one regex and one reader each.

Rules find every candidate; compose.py keeps the leftmost-longest ones, joins a
date with its time and marker, and picks the deadline. A reader returns None to
veto a match its regex cannot rule out (3号楼, 7月5个页面, 周1次). Each rule
names its trigger characters so short texts only run the few rules they can match.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extract.dates.hits import Rule, alternation, by_trigger, char_class, distinctive_chars, first_chars
from extract.dates.numerals import CN_CHARS
from extract.dates.read_days import (read_ago, read_day, read_duration, read_iso, read_lunar, read_mdy,
                                     read_month_dot_day, read_month_weekday, read_ordinal_day, read_rel_month_day,
                                     read_relative_day, read_weekday, read_ymd)
from extract.dates.read_periods import (read_festival, read_holiday, read_month_part, read_month_period,
                                        read_quarter, read_rel_month_part, read_rel_month_period, read_vague,
                                        read_week_period, read_year_alone, read_year_part, read_year_period)
from extract.dates.read_times import read_clock, read_time_word
from extract.dates.reading import CLAUSE_BREAKS
from extract.dates.vocab import date_words, festival_vocab, vague_terms

MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]|[一二三四五六七八九十])"
DAY = (r"(?:(?:3[01]|[12]\d|0?[1-9])(?!\d)|(?:三十一?|二十[一二三四五六七八九]?|廿[一二三四五六七八九]?"
       r"|十[一二三四五六七八九]?|[一二三四五六七八九])(?![零〇一二三四五六七八九十]))")
CN_YEAR = r"(?:[零〇○一二三四五六七八九]{4}|[零〇○一二三四五六七八九]{2}|两千零?[一二三四五六七八九十]{0,3})"
# a lunar day: 初一 / 初8 / 廿三 / 十五 / 18
LUNAR_DAY = (rf"(?:初\s*(?:十|[一二三四五六七八九]|10|0?[1-9])(?![\d零〇一二三四五六七八九十])|{DAY})")
_CN = "零〇○一二两三四五六七八九十百千万廿"
# A number starts here and is not the tail of a longer one: digits may follow a
# Chinese numeral (周五15点) and the other way round, but not their own kind.
DIGITS = "0123456789"
NUMERALS = DIGITS + _CN + "半"
NUM_START = rf"(?:(?<![\d.])(?=\d)|(?<![{_CN}])(?=[{_CN}])|(?=[^\d{_CN}]))"


def _year_alternation(words, clause_start) -> str:
    """Year words, longest first; those in `clause_start` (后年, 前年) only right after a
    clause break, since 会后年底前 is 会后 + 年底前."""
    at_break = rf"(?<![^{char_class(CLAUSE_BREAKS)}])"
    return "|".join(at_break + re.escape(word) if word in clause_start else re.escape(word)
                    for word in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=None)
def rules() -> tuple[Rule, ...]:
    w = date_words()
    fv = festival_vocab()
    shifts = alternation(w.shifts)
    year_shift = _year_alternation(w.year_shifts, w.clause_start_years)
    year_prefix = rf"(?:(?P<y>\d{{4}}|\d{{2}}|{CN_YEAR})\s*年|(?P<yr>{year_shift}))\s*(?:的\s*)?"
    real_weekdays = alternation([n for n in w.weekday_names if not n.isdigit()])
    lunar_markers = alternation(w.lunar_markers)
    lunar_months = alternation(w.lunar_months)
    month_last = alternation(w.month_last_words)
    parts = alternation(w.month_parts)
    week_nouns = alternation(w.weekday_prefixes)
    weekday_names = alternation([n for n in w.weekday_names if not n.isdigit()] + list(w.week_parts))
    units = alternation(w.duration_units)
    within_after = alternation(w.within + w.after)
    lead = alternation(w.lead)
    count = (r"(?:\d+(?:\.\d+)?(?:\s*[-~到至]\s*\d+(?:\.\d+)?)?"
             r"|[零〇一二两三四五六七八九十百]+(?:[到至~-][零〇一二两三四五六七八九十]+)?|半)")
    periods = alternation(list(w.clock_periods) + [k for k, (_, t) in w.relative_days.items() if t])
    cn_time_words = [k for k in w.times_of_day if not k.isascii()]
    cn_times = alternation(cn_time_words)
    hour_cn = r"二十[一二三四]?|十[一二三四五六七八九]?|[一二两三四五六七八九]"
    minute_cn = r"[二三四五]十[一二三四五六七八九]?|十[一二三四五六七八九]?|零[一二三四五六七八九]|[一二三四五六七八九]"
    ampm = r"(?:\s*(?P<ap>[AaPp]\.?[Mm]\.?)(?![A-Za-z]))?"
    # 明 / 去 / 大前: the year words without their 年, for patterns that spell 年 themselves
    year_words = _year_alternation({k[:-1] for k in w.year_shifts if k.endswith("年")},
                                   {k[:-1] for k in w.clause_start_years})
    year_lead = (rf"(?<![\d零〇一二两三四五六七八九十个多半])"
                 rf"(?:(?P<y>\d{{4}}|\d{{2}}|{CN_YEAR})\s*|(?P<yr>{year_words}))?")
    half_words = alternation([k for k in w.year_periods if "年" in k])
    period_sufs = alternation([k for k in w.year_periods if "年" not in k])
    free = [n for n in fv.by_name if n not in fv.guarded and not n.isascii()]  # English names: english.py
    guarded = alternation(fv.guarded)
    guard_next = alternation(fv.guard_suffixes)
    festival_tail = rf"(?:节|小长假|长假|假期|假)?(?:(?P<after>{alternation(w.after)})|(?P<event>{alternation(fv.event_words)}))?"
    festival = rf"(?P<name>{alternation(free)}|(?:{guarded})(?={guard_next})){festival_tail}"

    def word_rules(name, read, words, pattern):
        """One rule per by_trigger part of a word list; `pattern` formats the alternation."""
        return [(f"{name}_{index}", read, groups, first_chars(part), pattern.format(alternation(part)))
                for index, (part, groups) in enumerate(by_trigger(words))]
    terms = vague_terms()
    cjk_vague_words = [t for t in terms if not t.isascii()]
    day_not_before = alternation(w.day_not_before)
    before_after = alternation(("之前", "以前", "前") + w.after)
    week_firsts = first_chars(w.weekday_prefixes)
    shift_firsts = first_chars(w.shifts)
    # a duration needs 内 / 后 / 会后 ... or 工作日 (3天 alone is an amount of work)
    duration_cues = first_chars(w.within + w.after + w.lead) | {"工"}
    month_lb = r"(?<![\d零〇一二两三四五六七八九十个正腊冬岁年日])"

    numerals = set(NUMERALS)
    year_firsts = first_chars(w.year_shifts)
    lunar_firsts = first_chars(w.lunar_markers) | first_chars(w.lunar_months) | {"大"}
    lunar_signs = distinctive_chars(w.lunar_markers) | set(w.lunar_months) | set("".join(w.lunar_day_prefixes))
    months_start = numerals | year_firsts
    periods_start = first_chars(w.clock_periods) | first_chars(w.relative_days)
    units_start = first_chars(w.duration_units)
    within = "之内|以内|内"

    # (name, reader, trigger groups, what a match starts with, pattern). The start
    # set becomes a leading (?=[...]) so the engine skips other positions fast.
    table = [
        ("iso", read_iso, ("-/. ", DIGITS), DIGITS,
         rf"(?<![\d.])(?P<y>\d{{4}})(?:\s*(?P<s>[-/.])\s*(?P<m>\d{{1,2}})\s*(?P=s)\s*(?P<d>\d{{1,2}})"
         rf"|[ ](?P<m2>0[1-9]|1[0-2])[ ](?P<d2>[0-2]\d|3[01]))(?!\d)(?:\s*[日号])?"),
        # 7/15/2024, 15.7.2024, 7-15-24; a dotted one needs its four-digit year (1.2.10 is a version)
        ("mdy", read_mdy, ("/.-", DIGITS), DIGITS,
         r"(?<![\d./-])(?P<a>\d{1,2})(?:(?P<s>[/-])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})"
         r"|\.(?P<b2>\d{1,2})\.(?P<y2>\d{4}))(?![\d/.-])"),
        ("lunar", read_lunar, ("月年", lunar_signs), months_start | lunar_firsts,
         rf"{NUM_START}(?:(?P<nl>{lunar_markers})\s*)?(?:{year_prefix})?(?:(?P<nl2>{lunar_markers})\s*)?"
         rf"(?:(?P<m>{lunar_months}|{MONTH})\s*月|(?P<big>大年))\s*(?P<d>{LUNAR_DAY})\s*(?P<suf>[日号])?"),
        ("ymd", read_ymd, ("月", NUMERALS), months_start,
         rf"{NUM_START}(?:{year_prefix})?(?P<m>{MONTH})\s*月\s*(?:份\s*)?(?P<d>{DAY})\s*(?P<suf>[日号])?"),
        ("month_part", read_month_part, ("月", NUMERALS, distinctive_chars(w.month_parts)), months_start,
         rf"{NUM_START}(?:{year_prefix})?(?P<m>{MONTH})\s*月\s*份?\s*(?:月\s*)?(?P<part>{parts})"),
        ("month_weekday", read_month_weekday, ("月", week_firsts), months_start,
         rf"{NUM_START}(?:{year_prefix})?(?P<m>{MONTH})\s*月\s*(?:份\s*)?(?:的\s*)?"
         rf"(?:第\s*(?P<nth>[1-5一二三四五])\s*个?|(?P<last>{month_last}))\s*"
         rf"(?P<pre>{week_nouns})\s*(?P<n>{real_weekdays}|[1-7](?!\d))"),
        ("month_period", read_month_period, ("月", NUMERALS), months_start,
         rf"{NUM_START}(?:{year_prefix})?(?P<m>{MONTH})\s*月(?!\s*\d)\s*(?P<fen>份)?\s*(?P<suf>{within})?"),
        ("rel_month_day", read_rel_month_day, ("月", "日号"), shift_firsts | year_firsts,
         rf"(?:(?P<yr>{year_shift})\s*(?:的\s*)?)?(?P<sh>{shifts})\s*月\s*(?:份\s*)?(?:的\s*)?(?P<d>{DAY})\s*[日号]"),
        ("rel_month_part", read_rel_month_part, ("月", distinctive_chars(w.month_parts)), shift_firsts | {"月"},
         rf"(?:(?P<sh>{shifts})|{month_lb})月\s*(?P<part>{parts})"),
        ("rel_month_period", read_rel_month_period, ("月", shift_firsts | {"内"}), shift_firsts | {"月"},
         rf"(?:(?P<sh>{shifts})|{month_lb})月\s*份?\s*(?P<suf>{within})?"),
        ("weekday", read_weekday, (week_firsts, set(w.weekday_names) | set(w.week_parts)), shift_firsts | week_firsts,
         rf"(?:(?P<sh>{shifts})\s*(?:个\s*)?(?:(?:{week_nouns})\s*(?:的\s*)?|的\s*)?)?"
         rf"(?P<pre>{week_nouns})\s*(?P<n>{weekday_names}|[1-7](?!\d))"),
        ("week_period", read_week_period, (week_firsts, shift_firsts | {"内"}), shift_firsts | week_firsts,
         rf"(?:(?P<sh>{shifts})\s*(?:个\s*)?(?:{week_nouns})|(?<![\d{CN_CHARS}个每隔])(?:周|星期))\s*(?P<suf>{within})?"),
        *word_rules("relative_day", read_relative_day, w.relative_days, "(?P<w>{})"),
        # 两个半月 / 一天半: and a half
        ("duration", read_duration, (units_start, NUMERALS, duration_cues), numerals | first_chars(w.lead),
         rf"(?:(?P<lead>{lead})\s*)?(?<!第){NUM_START}(?P<n>{count})\s*(?P<ge>个)?\s*(?P<half>半)?\s*(?P<unit>{units})"
         rf"(?P<half2>半)?\s*(?P<suf>{within_after})?"),
        ("ordinal_day", read_ordinal_day, ("第",), {"第"},
         r"第\s*(?P<n>[1-9]\d?|[二三四五六七八九十][一二三四五六七八九十]?)\s*(?:天|日)(?![\d期程])"),
        ("ago", read_ago, (units_start, NUMERALS, "前"), numerals,
         rf"(?<!第){NUM_START}(?P<n>{count})\s*(?P<ge>个)?\s*(?P<unit>{units})\s*(?:之前|以前|前)(?![后期端台面提])"),
        ("clock_colon", read_clock, (":", DIGITS), set(DIGITS) | periods_start,
         rf"(?:(?P<per>{periods})\s*)?(?<![\d.])(?<!\d:)(?P<h>2[0-4]|[01]?\d)\s*:\s*(?P<mm>[0-5]\d)(?![\d]){ampm}"),
        ("clock_dian", read_clock, ("点时", NUMERALS), numerals | periods_start,
         rf"(?:(?P<per>{periods})\s*)?{NUM_START}(?P<h>2[0-4]|[01]?\d|{hour_cn})\s*(?:点|时)"
         rf"(?:\s*(?P<half>半)|\s*(?P<quarter>[一二三123])\s*刻|\s*(?P<mm>[0-5]?\d|{minute_cn})(?!\d)\s*分?"
         rf"|\s*(?:整|钟))?{ampm}"),
        ("time_word", read_time_word, (distinctive_chars(cn_time_words),), first_chars(cn_time_words),
         rf"(?P<w>{cn_times})"),
        ("quarter", read_quarter, ("Qq季",), set(DIGITS) | set("Qq第一二三四季") | year_firsts | shift_firsts,
         rf"(?<![A-Za-z\d])(?:(?P<y>\d{{4}}|\d{{2}}(?=\s*年|[Qq]))\s*年?\s*(?:的\s*)?|(?P<yr>{year_shift})\s*(?:的\s*)?)?"
         rf"(?:[Qq](?P<q>[1-4])(?!\d)|第?(?P<qc>[一二三四1-4])\s*(?:个\s*)?季度|(?P<sh>{shifts})?\s*(?:个\s*)?季度)"
         rf"\s*(?P<part>{alternation(w.quarter_end_words)}|{within})?"),
        ("year_alone", read_year_alone, ("年", year_firsts), year_firsts,
         rf"(?P<yr>{year_shift})"),
        ("year_part", read_year_part, ("年", distinctive_chars(w.year_parts)), numerals | year_firsts | {"年"},
         rf"{year_lead}年\s*(?:度\s*)?(?:年\s*)?(?P<part>{alternation(w.year_parts)})"),
        ("year_period", read_year_period, ("年", distinctive_chars(w.year_periods)), numerals | year_firsts | {"年", "上", "下"},
         rf"(?:{year_lead}年\s*(?:度\s*)?(?:年\s*)?(?P<suf>{period_sufs})"
         rf"|(?:(?P<y2>\d{{4}})\s*年\s*|(?P<yr2>{year_words})年\s*)?(?P<half>{half_words}))\s*(?P<part>末|底)?"),
        *word_rules("festival", read_festival, free, rf"(?<![\d{CN_CHARS}双])(?P<name>{{}}){festival_tail}"),
        # 五一 / 十一 / 618 are numbers unless a guard word follows (五一前, 十一假期)
        ("festival_guarded", read_festival, (distinctive_chars(fv.guarded), distinctive_chars(fv.guard_suffixes)),
         first_chars(fv.guarded), rf"(?<![\d{CN_CHARS}双])(?P<name>{guarded})(?={guard_next}){festival_tail}"),
        # 2025年春节 / 去年元旦 / 零六年端午: its own rule, so texts without 年 skip the year prefix
        ("festival_year", read_festival, ("年", distinctive_chars(fv.by_name)), numerals | year_firsts,
         rf"{year_prefix}(?<![\d{CN_CHARS}双]){festival}"),
        ("holiday", read_holiday, ("节假",), first_chars(fv.holiday_words),
         rf"(?<![{char_class(fv.holiday_not_after)}])(?:{alternation(fv.holiday_words)})(?P<ba>{before_after})"),
        *word_rules("vague", read_vague, cjk_vague_words, "(?P<w>{})"),
        ("day", read_day, ("日号", NUMERALS), numerals,
         rf"(?<![月/{char_class(w.day_not_after)}]){NUM_START}(?P<d>{DAY})\s*(?P<suf>[日号])(?!{day_not_before})"),
        ("month_dot_day", read_month_dot_day, ("./-·", DIGITS), DIGITS,
         r"(?<![A-Za-z\d.:/-])(?:(?<=[Dd]ue )|(?<=[Bb]y )|(?<=ETA )|(?<=[Uu]ntil )|(?<=[Bb]efore )|(?<=[Dd]eadline )|(?<=DDL )|(?<=ddl )|(?<![A-Za-z] )|(?=\d{1,2}[./-]\d{1,2}\s*(?:前|之前|以前|截止)))(?P<m>1[0-2]|0?[1-9])(?P<sep>[./·-])(?P<d>3[01]|[12]\d|0?[1-9])(?![\d.%/-])(?:\s*(?P<suf>[日号]))?"),
    ]
    return tuple(Rule(name, re.compile(rf"(?=[{char_class(starts)}]){pattern}"), read,
                      tuple(frozenset(group) for group in triggers))
                 for name, read, triggers, starts, pattern in table)
