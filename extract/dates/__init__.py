"""The deadline grammar behind `extract.deadlines`.

datafile / vocab (validated word lists from extract/data/*.yaml) → grammar and
english (one regex per rule, with trigger characters) → read_days / read_periods /
read_times (a match to a Hit) → compose (select leftmost-longest, join date + time
+ marker, choose the deadline). Date arithmetic lives in calendar_math, workdays
(chinese_calendar) and festivals (lunardate, solar terms).
"""
