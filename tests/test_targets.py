"""The target value language."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfgoals.targets import Date, Period, Qualitative, Quantity, format_quantity, parse_target

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


@pytest.mark.parametrize("text", ["学会运用", "保障群众知情权", "会议达到预期，圆满完成", "稳步提高", "abc%", "1e3%",
                                  "2023年2月30日", "优良", ""])
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
