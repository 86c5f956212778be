"""The target value language."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfgoals.targets import (
    DOWN,
    UP,
    Date,
    Period,
    Qualitative,
    Quantity,
    Ratio,
    RelativeChange,
    YesNo,
    format_number,
    format_quantity,
    is_bare_unit,
    is_blank_cell,
    meaning,
    normalize,
    parse_target,
    placeholder_mark,
    unfinished,
)

D = Decimal


@pytest.mark.parametrize(
    "text,comparator,value,unit",
    [
        ("≥90%", "≥", D(90), "%"),
        (">= 90 %", "≥", D(90), "%"),
        ("≥ 6.73 万元", "≥", D("6.73"), "万元"),
        ("≤0.9 万元", "≤", D("0.9"), "万元"),
        ("≤3 元", "≤", D(3), "元"),
        ("1次", "", D(1), "次"),
        ("100%", "", D(100), "%"),
        ("280人次", "", D(280), "人次"),
        ("≥1500 册", "≥", D(1500), "册"),
        ("250万", "", D(250), "万"),
        ("＞９２％", ">", D(92), "%"),
        ("≧95%", "≥", D(95), "%"),
        ("不少于 1100 个家庭", "≥", D(1100), "个家庭"),
        ("不超过 25 万元", "≤", D(25), "万元"),
        ("至少 30 人", "≥", D(30), "人"),
        ("1000 人以上", "≥", D(1000), "人"),
        ("5 万元以内", "≤", D(5), "万元"),
        ("44,561", "", D(44561), ""),
        ("1,234.5 元", "", D("1234.5"), "元"),
        ("=100%", "=", D(100), "%"),
        ("≤30 个工作日", "≤", D(30), "个工作日"),
    ],
)
def test_quantities(text, comparator, value, unit):
    t = parse_target(text)
    assert isinstance(t, Quantity)
    assert (t.comparator, t.value, t.unit, t.text) == (comparator, value, unit, text)


@pytest.mark.parametrize(
    "text,date,month_only",
    [
        ("2023年12月31日", dt.date(2023, 12, 31), False),
        ("2023 年 12 月 31 日", dt.date(2023, 12, 31), False),
        ("2023.12.31", dt.date(2023, 12, 31), False),
        ("2023-12-31", dt.date(2023, 12, 31), False),
        ("2023/12/31", dt.date(2023, 12, 31), False),
        ("2023年12月", dt.date(2023, 12, 31), True),
        ("2023 年 6 月底", dt.date(2023, 6, 30), True),
        ("2023年12月31日前", dt.date(2023, 12, 31), False),
    ],
)
def test_dates(text, date, month_only):
    t = parse_target(text)
    assert isinstance(t, Date) and (t.date, t.month_only) == (date, month_only)


def test_periods():
    t = parse_target("2023.07-2024.01")
    assert isinstance(t, Period) and (t.start, t.end) == (dt.date(2023, 7, 1), dt.date(2024, 1, 31))
    t = parse_target("2023年7月1日至2023年12月31日")
    assert isinstance(t, Period) and (t.start, t.end) == (dt.date(2023, 7, 1), dt.date(2023, 12, 31))
    assert isinstance(parse_target("2024.01-2023.07"), Qualitative)  # backwards is not a period


@pytest.mark.parametrize(
    "text",
    ["学会运用", "保障群众知情权", "会议达到预期，圆满完成", "稳步提高", "abc%", "1e3%", "2023年2月30日", "优良", ""],
)
def test_qualitative(text):
    assert parse_target(text) == Qualitative(text)


@given(st.text())
@settings(max_examples=500)
def test_parser_never_raises(text):
    t = parse_target(text)
    assert t.text == text


UNITS = ["%", "元", "万元", "亿元", "次", "人次", "册", "个家庭", "人", "天", "个工作日", "条", "场", "名", ""]
COMPARATORS = ["≥", "≤", ">", "<", "=", ""]


@given(
    comparator=st.sampled_from(COMPARATORS),
    value=st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False),
    unit=st.sampled_from(UNITS) | st.text(alphabet="册份台套张篇项户株亩辆批", min_size=1, max_size=3),
)
def test_formatting_a_quantity_parses_back_to_the_same_value(comparator, value, unit):
    text = format_quantity(comparator, value, unit)
    t = parse_target(text)
    assert isinstance(t, Quantity), text
    assert (t.comparator, t.value, t.unit) == (comparator, value, unit)


# --- issue 12: the forms of other provinces (tests/real/sources/*.md; NOTES-A.md, NOTES-B.md) ---------


@pytest.mark.parametrize(
    "text,comparator,value,unit,per,yuan",
    [
        ("1600元/亩", "", D(1600), "元", "亩", D(1600)),  # 01_hunan_2022_farmland.md
        ("17元/人.每天", "", D(17), "元", "人.每天", D(17)),  # 02_hunan_2023_special_ed_meals.md
        ("70000元/年", "", D(70000), "元", "年", D(70000)),  # 11_anhui_2023_land_registry_it.md
        ("490元/平米", "", D(490), "元", "平米", D(490)),  # 55_neimenggu_2021_minority_village_livestock_farm.md
        ("=0万元/人", "=", D(0), "万元", "人", D(0)),  # 51_neimenggu_2021_recycling_market.md, split columns joined
        ("1200元/人·月", "", D(1200), "元", "人·月", D(1200)),
        ("85元/平方米", "", D(85), "元", "平方米", D(85)),
        ("≤3.5万元/公里", "≤", D("3.5"), "万元", "公里", D(35000)),
        ("2400元/人/年", "", D(2400), "元", "人/年", D(2400)),
        ("≤ 82.47 元/平方米", "≤", D("82.47"), "元", "平方米", D("82.47")),
    ],
)
def test_unit_prices_are_money_per_unit(text, comparator, value, unit, per, yuan):
    t = parse_target(text)
    assert isinstance(t, Quantity)
    assert (t.comparator, t.value, t.unit, t.per, t.text) == (comparator, value, unit, per, text)
    assert t.is_money and t.is_unit_price and t.in_yuan() == yuan
    assert not t.is_percent


@pytest.mark.parametrize(
    "text,unit,per",
    [
        ("≤28.40/株", "", "株"),  # 53_ningxia_2023_grape_greenhouse.md: the 元 is missing
        ("10320/年", "", "年"),  # 11_anhui_2023_land_registry_it.md
        (">=101人/次", "人", "次"),  # 04_hunan_2023_yulu_subsidy.md
    ],
)
def test_a_rate_without_money_is_no_unit_price(text, unit, per):
    t = parse_target(text)
    assert isinstance(t, Quantity) and (t.unit, t.per) == (unit, per)
    assert not t.is_money and not t.is_unit_price and t.in_yuan() is None


def test_totals_are_no_unit_prices():
    for text in ("≤0.9 万元", "250万", "≤3 元"):
        t = parse_target(text)
        assert t.is_money and not t.is_unit_price and t.per == ""


@pytest.mark.parametrize(
    "text,value,unit,multiplier",
    [
        ("3万人次", D(30000), "人次", "万"),
        ("≥0.5万亩", D(5000), "亩", "万"),  # 62_jiangxi_2026_forestry_bureau_overall.md: = 0.5 万亩
        ("320万亩", D(3_200_000), "亩", "万"),  # 62_jiangxi_2026_forestry_bureau_overall.md
        ("1.2亿人次", D(120_000_000), "人次", "亿"),
        ("3千人", D(3000), "人", "千"),
        ("2万千米", D(20000), "千米", "万"),
        ("≥1万人次/年", D(10000), "人次", "万"),
        # 千 as part of the unit
        ("3千米", D(3), "千米", ""),
        ("50千克", D(50), "千克", ""),
        ("100千瓦", D(100), "千瓦", ""),
        ("10千瓦时", D(10), "千瓦时", ""),
        # money keeps its own unit: 250万 is 250 万元, as before
        ("250万", D(250), "万", ""),  # 03_hunan_2023_dust_suppression.md
        ("5万元", D(5), "万元", ""),  # 09_anhui_2025_village_culture.md
        ("≥280亿元", D(280), "亿元", ""),  # 58_hainan_2022_exhibition_awards.md
        ("2km", D(2), "km", ""),  # 57_shaanxi_2021_orchard_road.md
    ],
)
def test_multipliers_scale_the_value_and_print_as_written(text, value, unit, multiplier):
    t = parse_target(text)
    assert isinstance(t, Quantity)
    assert (t.value, t.unit, t.multiplier, t.text) == (value, unit, multiplier, text)
    assert t.canonical() == normalize(text)  # never 30000人次
    assert format_number(t.value) == format_number(value)


def test_a_multiplied_quantity_keeps_its_written_number():
    t = parse_target("≥ 3 万人次")
    assert t.number == 3 and t.value == 30000 and t.canonical() == "≥3万人次"
    assert format_number(t.number) == "3" and format_number(t.value) == "30000"
    assert parse_target("0.50万亩").canonical() == "0.50万亩"


@pytest.mark.parametrize(
    "text,comparator,value",
    [
        ("=100百分比", "=", D(100)),  # 50_gansu_2023_museum_free_opening.md
        ("=99百分比", "=", D(99)),  # 50_gansu_2023_museum_free_opening.md
        ("100%完成", "", D(100)),
        ("95%以上", "≥", D(95)),  # 02_hunan_2023_special_ed_meals.md
        ("大于90%", ">", D(90)),  # 02_hunan_2023_special_ed_meals.md
        ("═100%", "=", D(100)),  # the 永德 self-evaluation table in NOTES-A.md
        ("〓100%", "=", D(100)),
        ("＝100%", "=", D(100)),
        ("≧90%", "≥", D(90)),  # 10_anhui_2024_public_health.md
        ("100%到位", "", D(100)),
    ],
)
def test_percentages(text, comparator, value):
    t = parse_target(text)
    assert isinstance(t, Quantity) and t.is_percent
    assert (t.comparator, t.value, t.unit, t.text) == (comparator, value, "%", text)


def test_a_proportion_is_not_a_percentage():
    # 13_anhui_2025_public_security_cctv.md writes ≥0.97比例; other tables write 97 with the same unit word,
    # so the scale is not known: a plain quantity, which PG405 asks to write as a percentage.
    t = parse_target("≥0.97比例")
    assert isinstance(t, Quantity) and (t.value, t.unit) == (D("0.97"), "比例") and not t.is_percent


@pytest.mark.parametrize(
    "text,in_2023,month_only,comparator",
    [
        ("12月底前", dt.date(2023, 12, 31), True, "≤"),
        ("12月底到位", dt.date(2023, 12, 31), True, ""),  # 14_sichuan_2021_family_planning_aid.md
        ("11月底完成", dt.date(2023, 11, 30), True, ""),
        ("年底前", dt.date(2023, 12, 31), False, "≤"),  # 11_anhui_2023_land_registry_it.md
        ("年内", dt.date(2023, 12, 31), False, "≤"),  # within the year: by its last day
        ("年内完成", dt.date(2023, 12, 31), False, "≤"),
        ("本年度内", dt.date(2023, 12, 31), False, "≤"),
        ("第三季度末", dt.date(2023, 9, 30), False, ""),
        ("三季度末", dt.date(2023, 9, 30), False, ""),
        ("第4季度末前", dt.date(2023, 12, 31), False, "≤"),
        ("上半年末", dt.date(2023, 6, 30), False, ""),
        ("6月30日前", dt.date(2023, 6, 30), False, "≤"),
        ("6月30号", dt.date(2023, 6, 30), False, ""),
        ("截至11月30日", dt.date(2023, 11, 30), False, "≤"),
        ("2月29日前", dt.date(2023, 2, 28), False, "≤"),  # no 29th in 2023
    ],
)
def test_deadlines_without_a_year_are_resolved_in_the_budget_year(text, in_2023, month_only, comparator):
    t = parse_target(text)
    assert isinstance(t, Date) and t.yearless and t.text == text
    assert (t.month_only, t.comparator) == (month_only, comparator)
    resolved = t.resolve(2023)
    assert (resolved.date, resolved.yearless, resolved.month_only) == (in_2023, False, month_only)
    assert resolved.resolve(2030) == resolved  # a date with its year stays


def test_february_the_29th_in_a_leap_year():
    assert parse_target("2月29日前").resolve(2024).date == dt.date(2024, 2, 29)
    assert parse_target("2月底").resolve(2023).date == dt.date(2023, 2, 28)


@pytest.mark.parametrize(
    "text,date,comparator",
    [
        ("2025年6月30日前完成", dt.date(2025, 6, 30), "≤"),
        ("2023年12月31日前完成", dt.date(2023, 12, 31), "≤"),
        ("2023年底", dt.date(2023, 12, 31), ""),  # 52_ningxia_2022_water_conservation_forest.md
        ("2023年底前", dt.date(2023, 12, 31), "≤"),
        ("2023年内", dt.date(2023, 12, 31), "≤"),
        ("2021年7月", dt.date(2021, 7, 31), ""),  # 55_neimenggu_2021_minority_village_livestock_farm.md
        ("2023年第三季度末", dt.date(2023, 9, 30), ""),
        ("截止2023年12月31日", dt.date(2023, 12, 31), "≤"),
    ],
)
def test_dates_with_their_year_and_trailing_words(text, date, comparator):
    t = parse_target(text)
    assert isinstance(t, Date) and not t.yearless
    assert (t.date, t.comparator, t.text) == (date, comparator, text)


@pytest.mark.parametrize(
    "text,start,end,yearless",
    [
        ("2024年", dt.date(2024, 1, 1), dt.date(2024, 12, 31), False),  # within that year, not 2024 years
        ("2023年度", dt.date(2023, 1, 1), dt.date(2023, 12, 31), False),
        ("2021年1月-12月", dt.date(2021, 1, 1), dt.date(2021, 12, 31), False),  # 14_sichuan_2021_family_planning_aid.md
        ("2023年1月至12月", dt.date(2023, 1, 1), dt.date(2023, 12, 31), False),  # 04_hunan_2023_yulu_subsidy.md
        ("2022年3月-2023年11月", dt.date(2022, 3, 1), dt.date(2023, 11, 30), False),  # 52_ningxia_…
        ("2020年-2022年", dt.date(2020, 1, 1), dt.date(2022, 12, 31), False),  # 18_guangdong_2021_new_universities.md
        ("2023年第三季度", dt.date(2023, 7, 1), dt.date(2023, 9, 30), False),
        ("1月-12月", dt.date(2023, 1, 1), dt.date(2023, 12, 31), True),
        ("3月至6月", dt.date(2023, 3, 1), dt.date(2023, 6, 30), True),
        ("1月1日-2月29日", dt.date(2023, 1, 1), dt.date(2023, 2, 28), True),
        ("第一季度", dt.date(2023, 1, 1), dt.date(2023, 3, 31), True),
        ("下半年", dt.date(2023, 7, 1), dt.date(2023, 12, 31), True),
        ("全年", dt.date(2023, 1, 1), dt.date(2023, 12, 31), True),
    ],
)
def test_periods_bare_years_and_year_less_ranges(text, start, end, yearless):
    t = parse_target(text)
    assert isinstance(t, Period) and t.yearless == yearless and t.text == text
    resolved = t.resolve(2023)
    assert (resolved.start, resolved.end, resolved.yearless) == (start, end, False)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("12月", Quantity("", D(12), "月", "12月")),  # a bare month stays a duration: 12 months
        ("≥20年", Quantity("≥", D(20), "年", "≥20年")),  # 01_hunan_2022_farmland.md: 工程设计使用年限
        ("=300天", Quantity("=", D(300), "天", "=300天")),  # 50_gansu_2023_museum_free_opening.md
        ("30个工作日内完成", Quantity("≤", D(30), "个工作日", "30个工作日内完成")),
        ("2024年前", Qualitative("2024年前")),  # before 2024, or by its end? not read either way
        ("≤2024年", Qualitative("≤2024年")),
        ("11月-2月", Qualitative("11月-2月")),  # backwards
        ("13月底前", None),  # no 13th month: whatever it is, not a date
    ],
)
def test_what_is_not_a_deadline(text, expected):
    t = parse_target(text)
    assert not isinstance(t, (Date, Period))
    assert expected is None or t == expected


@pytest.mark.parametrize(
    "text,direction,baseline,comparator,value,unit",
    [
        ("较上年提高5个百分点", UP, "上年", "", D(5), "个百分点"),
        ("同比增长10%", UP, "同比", "", D(10), "%"),
        ("比上年增长10%以上", UP, "上年", "≥", D(10), "%"),
        ("较2022年减少2个工作日", DOWN, "2022年", "", D(2), "个工作日"),
        ("较上年缩短不少于2天", DOWN, "上年", "≥", D(2), "天"),
        ("降低3%", DOWN, "", "", D(3), "%"),
        ("增加1万人次", UP, "", "", D(10000), "人次"),
    ],
)
def test_relative_changes(text, direction, baseline, comparator, value, unit):
    t = parse_target(text)
    assert isinstance(t, RelativeChange) and t.text == text
    assert (t.direction, t.baseline, t.comparator, t.value, t.unit) == (direction, baseline, comparator, value, unit)


@pytest.mark.parametrize("text", ["较上年下降", "有所提升", "有所减轻", "增加岗位", "稳步提高", "下降至5%"])
def test_a_change_without_an_amount_is_qualitative(text):
    # 02_hunan_2023_special_ed_meals.md (有所提升, 有所减轻), 50_gansu_2023_museum_free_opening.md (增加岗位)
    assert parse_target(text) == Qualitative(text)


@pytest.mark.parametrize(
    "text,comparator,parts",
    [
        ("1:1.5", "", (D(1), D("1.5"))),
        ("1：1", "", (D(1), D(1))),
        (">=1:1", "≥", (D(1), D(1))),
        ("1:2:3", "", (D(1), D(2), D(3))),
    ],
)
def test_ratios(text, comparator, parts):
    assert parse_target(text) == Ratio(comparator, parts, text)


@pytest.mark.parametrize("text,value", [("是", True), ("否", False), ("有", True), ("无", False), ("没有", False)])
def test_yes_no(text, value):
    # 09_anhui_2025_village_culture.md and 17_fujian_2025_flood_repair.md answer 是否… with 否
    assert parse_target(text) == YesNo(value, text)


@pytest.mark.parametrize("text", ["不涉及", "长期", "正面支撑", "元/人/年", "公里", "是否", "是/否", "≧ %"])
def test_more_qualitative_from_real_tables(text):
    # 11 (不涉及), 09 and 14 (长期), 13 (正面支撑), 60 (公里, ≧ %: a template published unfilled)
    assert parse_target(text) == Qualitative(text)


def test_meaning_ignores_spelling_only():
    assert meaning(parse_target("≤ 6.73 万元")) == meaning(parse_target("≤6.73万元"))
    assert meaning(parse_target("═100%")) == meaning(parse_target("=100%")) == meaning(parse_target("=100百分比"))
    assert meaning(parse_target("3万人次")) != meaning(parse_target("30000人次"))  # written otherwise: fmt keeps it
    assert meaning(parse_target("≤85元/平方米")) != meaning(parse_target("≤85元"))
    assert meaning(parse_target("年内")) == meaning(parse_target("年底前"))


@given(
    comparator=st.sampled_from(COMPARATORS),
    value=st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    multiplier=st.sampled_from(["万", "亿", "千"]),
    unit=st.sampled_from(["人次", "亩", "人", "户", "株", "平方米"]),
    per=st.sampled_from(["", "/年", "/人"]),
)
def test_a_multiplied_quantity_prints_back_as_written(comparator, value, multiplier, unit, per):
    text = format_quantity(comparator, value, multiplier + unit + per)
    t = parse_target(text)
    assert isinstance(t, Quantity) and t.canonical() == text
    assert t.value == value * 10 ** {"万": 4, "亿": 8, "千": 3}[multiplier]


@pytest.mark.parametrize(
    "text,mark",
    [
        ("≥**人次", "**"),
        ("苗木成活率(≥**%)", "**"),  # tests/real/sources/52
        ("≤＊＊元/株", "**"),  # full-width stars
        ("≥*%", "≥*"),
        ("XX村", "XX"),
        ("培训 ×× 人", "××"),
        ("○○乡镇", "○○"),
        ("X光机检测次数", None),
        ("XXL", None),
        ("印刷合格率（×100%）", None),
        ("含 2023 年度*", None),
        ("≥1500 册", None),
    ],
)
def test_template_placeholders(text, mark):
    assert placeholder_mark(text) == mark


@pytest.mark.parametrize("text", ["…", "……", "...", "-", "—", "/", "／"])
def test_blank_cells(text):
    assert is_blank_cell(text) and unfinished(text)


@pytest.mark.parametrize("text", ["公里", "万亩", "万人", "≧ %", "≥", "%", "=人次"])
def test_a_unit_without_its_number(text):  # tests/real/sources/60: the template published unfilled
    assert is_bare_unit(text) and unfinished(text)


@pytest.mark.parametrize("text", ["1 公里", "≥95%", "优良", "否", "无", "不涉及", "年底前", "长期", "万", "是"])
def test_filled_cells_are_finished(text):
    assert not unfinished(text)


def test_a_budget_system_period_of_year_and_month_digits():
    # tests/real/sources/07: 项目起止时间 202001-202012, as budget systems export it
    assert parse_target("202001-202012") == Period(dt.date(2020, 1, 1), dt.date(2020, 12, 31), "202001-202012")
    assert isinstance(parse_target("202001"), Quantity)  # alone, six digits are a number
