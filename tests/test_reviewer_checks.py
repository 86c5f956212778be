"""The reviewer's checks (PG303's categories, PG304, PG407–PG411, PG603's numbering): what their messages and
hints say, beyond the code and place that the case files in tests/cases check."""

from pathlib import Path

import pytest

from perfgoals.validate import validate

CASES = Path(__file__).parent / "cases"


def said(case: str, code: str, lang: str = "en") -> list[str]:
    report = validate([str(CASES / case)], lang=lang)
    return [f"{f.line}:{f.column} {f.message} | {f.hint}" for f in report.findings if f.code == code]


def test_the_same_indicator_under_output_and_benefit_names_both():
    (found,) = said("PG303-across-categories.yaml", "PG303")
    assert "'受益人数' counts as '产出指标' (line 14) and again as '效益指标'" in found
    assert "One result counts once" in found
    (zh,) = said("PG303-across-categories.yaml", "PG303", "zh")
    assert "既算作“产出指标”（第 14 行），又算作“效益指标”" in zh


def test_two_categories_under_one_first_level_name_their_second_level():
    (found,) = said("PG303-duplicate.yaml", "PG303")
    assert "under '产出指标/数量指标' (line 12) and again under '产出指标/质量指标'" in found


def test_a_placeholder_is_shown_and_pointed_at():
    found = said("PG304-name-placeholder.yaml", "PG304", "zh")
    assert found[0].startswith("14:29 三级指标“黄金蜜(葡萄)种植数量(≥**株)”中留有模板的占位符“**”")
    assert "(≥**%)" in found[0].split("|")[1]  # the hint: drop such a fill-in note from the name


@pytest.mark.parametrize(
    "case,text",
    [
        ("PG304-blank-rows.yaml", "indicator name is only '…': a template row left empty"),
        ("PG304-numbering.yaml", "indicator '指标3：' is the template's numbering, with no name"),
        (
            "PG304-bare-unit.yaml",
            "'新建堤防、护岸长度': the target '公里' is a unit or a comparator without its number",
        ),
        ("PG304-target-placeholder.yaml", "the goal still holds the template's placeholder '××'"),
    ],
)
def test_each_kind_of_unfinished_table(case, text):
    assert any(text in f for f in said(case, "PG304"))


def test_a_rate_without_its_percent_is_given_back_with_it():
    hints = [f.split(" | ")[1] for f in said("PG410-bare.yaml", "PG410")]
    assert hints == [
        "Write a percentage: ≥85%.",  # >=85 under 数量指标
        "Write a percentage: 85%.",
        "Write a percentage: ≥98%.",  # ≥0.98
        "Write a percentage: ≥97%.",  # ≥0.97比例
        "Write a percentage: ≥85%.",
    ]


def test_a_vague_benefit_names_its_word():
    found = said("PG407-vague.yaml", "PG407", "zh")
    assert "效益指标“保障人民群众基本文化权益”的指标值“影响程度明显”只有方向或程度（“明显”）" in found[2]


def test_the_floor_and_the_excess_of_a_rate_are_told_apart():
    assert all("a floor of 100%" in f for f in said("PG408-floor.yaml", "PG408"))
    assert all("is above 100%" in f for f in said("PG408-above.yaml", "PG408"))
    (strict,) = [f for f in said("PG402-timeliness.yaml", "PG402") if ">100%" in f]
    assert "asks for more than 100%, which no rate can reach" in strict


def test_money_and_staff_under_quantity_say_which_input():
    assert all("is money, an input rather than an output" in f for f in said("PG411-money.yaml", "PG411"))
    words = [f.split("('")[1].split("')")[0] for f in said("PG411-staff.yaml", "PG411")]
    assert words == ["在职", "退休", "出差"]


def test_a_tab_inside_a_text_says_where_it_came_from_and_what_to_do():
    (found,) = said("PG001-tab-in-text.yaml", "PG001", "zh")
    assert "文本中有制表符（Tab），多半是从 Excel 复制来的" in found and "加上双引号" in found
