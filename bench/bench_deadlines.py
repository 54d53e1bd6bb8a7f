"""Deadline resolver: accuracy and speed against dateparser on the same expressions.

    .venv/bin/python bench/bench_deadlines.py [--repeats 5] [--check] [--show-misses]

Cases: the table below plus the rows of tests/data/date_suites.tsv (deadline-like cases
from Recognizers-Text's and JioNLP's public Chinese suites, re-expected per SPEC); the
accuracy is given for each set and for both together.

Each case is (meeting date, expression, expected): expected is "YYYY-MM-DD",
"YYYY-MM-DD HH:MM" (date and time of day), "YYYY-MM-DD *" (any time of day: a suite
row that checks only the date) or "vague" (no calendar day). A
resolver is right on a case when its date matches (and for "vague" cases when
it gives no date and, for ours, says vague); ours is also scored with the time.
dateparser runs as a deadline reader would call it: dateparser.parse(text,
languages=['zh', 'en'], settings={RELATIVE_BASE: meeting date, PREFER_DATES_FROM:
future}). Speed is calls per second over all cases, best of --repeats, both in
this process after a warm-up. Target: ours >= 20x dateparser's calls/s.
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SUITES = ROOT / "tests" / "data" / "date_suites.tsv"

A = "2024-07-10"  # Wednesday
B = "2024-09-27"  # Friday before the National Day week (9/29 Sunday is a make-up workday)
C = "2024-12-20"  # Friday before New Year and Spring Festival
D = "2025-03-03"  # Monday
E = "2024-02-05"  # Monday before the 2024 Spring Festival (2/10–2/17 off, 2/18 Sunday worked)
V = "vague"

CASES = [
    # bare weekday: first such day strictly after the meeting
    (A, "周五", "2024-07-12"), (A, "星期一", "2024-07-15"), (A, "礼拜三", "2024-07-17"),
    (A, "周日", "2024-07-14"), (C, "周五", "2024-12-27"), (D, "周一", "2025-03-10"),
    (A, "Friday", "2024-07-12"), (A, "Mon", "2024-07-15"),
    # this / next / after-next week
    (A, "本周四", "2024-07-11"), (A, "这周五", "2024-07-12"), (A, "下周一", "2024-07-15"),
    (A, "下周五", "2024-07-19"), (A, "下星期三", "2024-07-17"), (A, "下礼拜天", "2024-07-21"),
    (A, "下下周三", "2024-07-24"), (C, "下周二", "2024-12-24"), (D, "本周日", "2025-03-09"),
    (D, "下下周五", "2025-03-21"), (A, "下个星期一", "2024-07-15"), (A, "本周末", "2024-07-14"),
    (A, "下周五下班前", "2024-07-19 18:00"),
    # N days
    (A, "3天内", "2024-07-13"), (A, "7天内", "2024-07-17"), (A, "5日内", "2024-07-15"),
    (A, "会后2天", "2024-07-12"), (A, "两天内", "2024-07-12"), (A, "十天内", "2024-07-20"),
    (A, "一周内", "2024-07-17"), (A, "两周内", "2024-07-24"), (A, "一个月内", "2024-08-10"),
    (A, "半个月内", "2024-07-25"), (A, "3个月内", "2024-10-10"), (A, "15天后", "2024-07-25"),
    (A, "48小时内", "2024-07-12"), (C, "10天内", "2024-12-30"),
    # working days (official holidays off, make-up days on)
    (A, "3个工作日内", "2024-07-15"), (A, "5个工作日内", "2024-07-17"), (A, "一个工作日内", "2024-07-11"),
    (A, "十个工作日内", "2024-07-24"), (B, "3个工作日内", "2024-10-08"), (B, "5个工作日内", "2024-10-10"),
    (E, "5个工作日内", "2024-02-18"), (C, "5个工作日内", "2024-12-27"), (C, "8个工作日内", "2025-01-02"),
    # relative days
    (A, "明天", "2024-07-11"), (A, "后天", "2024-07-12"), (A, "大后天", "2024-07-13"),
    (A, "今天", "2024-07-10"), (A, "今天下班前", "2024-07-10 18:00"), (A, "明天中午", "2024-07-11 12:00"),
    (A, "明早", "2024-07-11 09:00"), (C, "明天", "2024-12-21"), (A, "次日", "2024-07-11"),
    # month/day without a year; day alone
    (A, "7月15日", "2024-07-15"), (A, "7月15号", "2024-07-15"), (A, "8月1日前", "2024-08-01"),
    (A, "7/20", "2024-07-20"), (A, "8/15前", "2024-08-15"), (A, "十月八日", "2024-10-08"),
    (A, "九月三十日前", "2024-09-30"), (C, "1月10日", "2025-01-10"), (C, "12月25日", "2024-12-25"),
    (C, "11月30日", "2024-11-30"), (D, "1月15日", "2025-01-15"), (D, "12月1日", "2025-12-01"),
    (A, "5月1日", "2025-05-01"), (A, "20号", "2024-07-20"), (A, "20号前", "2024-07-20"),
    (A, "5号", "2024-08-05"), (A, "三十号", "2024-07-30"), (C, "15号", "2025-01-15"),
    (C, "31号", "2024-12-31"), (A, "7.25前", "2024-07-25"),
    # ends of months, years, quarters
    (A, "月底", "2024-07-31"), (A, "月底前", "2024-07-31"), (A, "本月底", "2024-07-31"),
    (A, "月末", "2024-07-31"), (A, "下月底", "2024-08-31"), (A, "下个月底", "2024-08-31"),
    (C, "下月底", "2025-01-31"), (E, "月底", "2024-02-29"), (A, "年底", "2024-12-31"),
    (A, "年底前", "2024-12-31"), (A, "明年底", "2025-12-31"), (A, "今年年底", "2024-12-31"),
    (A, "Q3末", "2024-09-30"), (A, "Q4末", "2024-12-31"), (A, "三季度末", "2024-09-30"),
    (A, "第四季度末", "2024-12-31"), (A, "季度末", "2024-09-30"), (D, "季度末", "2025-03-31"),
    (D, "Q2末", "2025-06-30"), (A, "月中", "2024-07-15"), (A, "下月中", "2024-08-15"),
    (A, "8月底", "2024-08-31"), (A, "9月中旬", V), (A, "9月上旬", V),
    (A, "9月下旬", V), (A, "下月初", "2024-08-05"), (A, "下个月15号", "2024-08-15"),
    (A, "本月20日", "2024-07-20"),
    # vague
    (A, "尽快", V), (A, "抓紧", V), (A, "近期", V), (A, "及时", V), (A, "后续", V), (A, "择期", V),
    (A, "待定", V), (A, "另行通知", V), (A, "本周内", V), (A, "这周内", V), (A, "下周", V),
    (A, "月内", V), (A, "年内", V), (A, "ASAP", V), (A, "soon", V), (A, "TBD", V), (A, "尽早", V),
    (A, "下个月", V), (A, "9月份", V), (A, "近两天", V),
    # full dates
    (A, "2024-07-15", "2024-07-15"), (A, "2024/7/15", "2024-07-15"), (A, "2024.7.15", "2024-07-15"),
    (A, "24年7月15日", "2024-07-15"), (A, "二〇二四年七月十五日", "2024-07-15"),
    (A, "July 15 2024", "2024-07-15"), (A, "7/15/2024", "2024-07-15"), (A, "2024年8月1日", "2024-08-01"),
    (A, "2025年1月3日", "2025-01-03"), (A, "2024年07月31日前", "2024-07-31"), (A, "15 July", "2024-07-15"),
    (A, "August 1st", "2024-08-01"),
    # festivals
    (A, "国庆前", "2024-10-01"), (A, "国庆节", "2024-10-01"), (A, "十一前", "2024-10-01"),
    (A, "中秋", "2024-09-17"), (A, "中秋节前", "2024-09-17"), (A, "元旦前", "2025-01-01"),
    (C, "春节前", "2025-01-29"), (C, "除夕", "2025-01-28"), (C, "元宵节", "2025-02-12"),
    (A, "七夕", "2024-08-10"), (A, "重阳节", "2024-10-11"), (C, "冬至", "2024-12-21"),
    (C, "腊八", "2025-01-07"), (D, "清明", "2025-04-04"), (D, "五一前", "2025-05-01"),
    (D, "劳动节", "2025-05-01"), (D, "端午节前", "2025-05-31"), (B, "节后第一个工作日", "2024-10-08"),
    (B, "国庆后", V), (B, "节前", "2024-10-01"), (E, "春节后首个工作日", "2024-02-18"),
    # past expressions resolve normally
    (A, "昨天", "2024-07-09"), (A, "前天", "2024-07-08"), (A, "上周三", "2024-07-03"),
    (A, "上个月15号", "2024-06-15"), (A, "上月底", "2024-06-30"), (A, "3天前", "2024-07-07"),
    # Chinese numerals
    (A, "三个工作日", "2024-07-15"), (A, "十五号", "2024-07-15"), (A, "二十一日", "2024-07-21"),
    (A, "下礼拜二", "2024-07-16"), (A, "五天内", "2024-07-15"),
    # times of day
    (A, "周五18:00前", "2024-07-12 18:00"), (A, "18:00前", "2024-07-10 18:00"),
    (A, "明天下午3点", "2024-07-11 15:00"), (A, "周四上午10点", "2024-07-11 10:00"),
    (A, "周五中午前", "2024-07-12 12:00"), (A, "今晚", "2024-07-10 21:00"),
    (A, "周五晚上8点", "2024-07-12 20:00"), (A, "下午5点半前", "2024-07-10 17:30"),
    (A, "7月15日 18:00", "2024-07-15 18:00"), (A, "明天12点前", "2024-07-11 12:00"),
    # English
    (A, "by Friday", "2024-07-12"), (A, "next Wed", "2024-07-17"), (A, "next Friday", "2024-07-19"),
    (A, "this Friday", "2024-07-12"), (A, "EOD", "2024-07-10 18:00"), (A, "Friday EOD", "2024-07-12 18:00"),
    (A, "end of month", "2024-07-31"), (A, "end of the week", "2024-07-12"),
    (A, "end of next month", "2024-08-31"), (A, "within 3 days", "2024-07-13"),
    (A, "in two weeks", "2024-07-24"), (A, "within 5 business days", "2024-07-17"),
    (A, "tomorrow", "2024-07-11"), (A, "July 20", "2024-07-20"), (A, "Aug 3rd", "2024-08-03"),
    (A, "Sept 30", "2024-09-30"), (A, "end of Q3", "2024-09-30"), (A, "end of year", "2024-12-31"),
    (A, "tomorrow 5pm", "2024-07-11 17:00"), (A, "next week", V), (A, "8/30", "2024-08-30"),
]


def suite_cases(path: Path = SUITES) -> list[tuple[str, str, str]]:
    """(ref, text, expected) from the suites table, in the CASES format."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    def expected(row):
        if row["expected_vague"] == "true":
            return V
        return row["expected_date"] if " " in row["expected_date"] else row["expected_date"] + " *"

    return [(row["ref"], row["text"], expected(row))
            for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def expected_parts(expected: str):
    if expected == V:
        return None, None, True
    day, _, clock = expected.partition(" ")
    return date.fromisoformat(day), clock or None, False


# Both parsers are imported once, before timing: an import statement inside the timed call
# costs about a microsecond, a noticeable share of one of ours.
PARSERS: dict = {}


def load_parsers() -> None:
    from extract.deadlines import resolve
    import dateparser

    PARSERS.update(ours=resolve, theirs=dateparser.parse)


def ours(ref: date, text: str):
    found = PARSERS["ours"](text, ref)
    return found.date, found.time, found.vague


def theirs(ref: date, text: str):
    found = PARSERS["theirs"](text, languages=["zh", "en"],
                              settings={"RELATIVE_BASE": datetime.combine(ref, datetime.min.time()),
                                        "PREFER_DATES_FROM": "future"})
    if found is None:
        return None, None, False
    clock = found.strftime("%H:%M") if (found.hour, found.minute) != (0, 0) else None
    return found.date(), clock, False


def score(reader, cases, with_time: bool):
    right, misses = 0, []
    for ref, text, expected in cases:
        want_date, want_time, want_vague = expected_parts(expected)
        got_date, got_time, got_vague = reader(ref, text)
        ok = got_date == want_date and (not want_vague or got_vague or reader is theirs)
        if with_time and want_time != "*":
            ok = ok and got_time == want_time
        right += ok
        if not ok:
            misses.append((ref, text, expected, got_date, got_time, got_vague))
    return right, misses


def calls_per_second(reader, cases, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        for ref, text, _ in cases:
            reader(ref, text)
        best = min(best, time.perf_counter() - started)
    return len(cases) / best


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="exit 1 below the speed target or 95%% accuracy")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args(argv)

    table = [(date.fromisoformat(ref), text, expected) for ref, text, expected in CASES]
    suites = [(date.fromisoformat(ref), text, expected) for ref, text, expected in suite_cases()]
    cases = table + suites
    load_parsers()
    for reader in (ours, theirs):  # warm-up: imports, data files, regex compilation
        for ref, text, _ in cases[:20]:
            reader(ref, text)

    for label, subset in (("table", table), ("suites", suites)):
        right, _ = score(ours, subset, with_time=True)
        their, _ = score(theirs, subset, with_time=False)
        print(f"  {label:7} {len(subset):4} cases: ours {right / len(subset):6.1%} ({right}), "
              f"dateparser {their / len(subset):6.1%} ({their})")
    our_right, our_misses = score(ours, cases, with_time=False)
    our_exact, exact_misses = score(ours, cases, with_time=True)
    their_right, their_misses = score(theirs, cases, with_time=False)
    our_speed = calls_per_second(ours, cases, args.repeats)
    their_speed = calls_per_second(theirs, cases, max(1, args.repeats // 2))
    n = len(cases)
    ratio = our_speed / their_speed

    print(f"deadline expressions: {n} cases ({len(table)} table + {len(suites)} from public suites)")
    print(f"  ours       date accuracy {our_right / n:6.1%} ({our_right}/{n}), "
          f"with time of day {our_exact / n:6.1%} ({our_exact}/{n})")
    print(f"  dateparser date accuracy {their_right / n:6.1%} ({their_right}/{n})")
    print(f"  ours       {our_speed:10,.0f} calls/s")
    print(f"  dateparser {their_speed:10,.0f} calls/s")
    print(f"  speed ratio {ratio:.1f}x (target >= 20x)")
    if args.show_misses:
        for label, misses in (("ours", exact_misses), ("dateparser", their_misses)):
            for ref, text, expected, got_date, got_time, got_vague in misses:
                print(f"  miss {label:10} {ref} {text!r}: expected {expected}, got {got_date} {got_time or ''}"
                      f"{' vague' if got_vague else ''}")
    if args.check and (ratio < 20 or our_exact / n < 0.95):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
