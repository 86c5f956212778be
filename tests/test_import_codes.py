"""Codes survive import as Excel shows them: a `单位：` label is not part of the code, a zero-padded format keeps
its leading zeros."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

openpyxl = pytest.importorskip("openpyxl")

from perfgoals.cli import app  # noqa: E402
from perfgoals import source  # noqa: E402

GRID = [
    ["一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据"],
    ["产出指标", "数量指标", "完成审计次数", "1次", "工作计划"],
    [None, "质量指标", "完成率", "100%", "工作计划"],
    [None, "时效指标", "完成时限", "2023年12月31日", "工作计划"],
    [None, "成本指标", "按总成本控制", "≤0.9万元", "工作计划"],
    ["效益指标", "社会效益指标", "保障工作开展", "保障群众知情权", "工作计划"],
    ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "工作计划"],
]


def workbook(path: Path, head: list[list]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "审计费"
    for row in head + GRID:
        ws.append(row)
    wb.save(path)
    return path


def imported(tmp_path: Path, head: list[list], pad_cell: str | None = None) -> dict:
    path = workbook(tmp_path / "t.xlsx", head)
    if pad_cell:
        wb = openpyxl.load_workbook(path)
        wb.active[pad_cell].number_format = "000000"
        wb.save(path)
    result = CliRunner().invoke(app, ["import", str(path), "-o", str(tmp_path / "out"), "--lang", "en"])
    assert result.exit_code == 0, result.output
    [out] = (tmp_path / "out").glob("*.yaml")
    return source.parse(out.read_text("utf-8")).data


BODY = [
    ["项目名称", "第三方专项审计费", "项目编码", "13020023P00707510213P"],
    ["预算数", 0.9, "其中：财政资金", 0.9, "其他资金", 0],
    ["资金用途", "审计"],
    ["资金支出计划", "3月底30%，6月底60%，10月底80%，12月底100%"],
    ["绩效目标", "审计捐赠账户"],
]


def test_unit_line_with_a_label(tmp_path):
    data = imported(
        tmp_path,
        [
            ["2023年第三方专项审计费绩效目标表"],
            ["单位：644001 唐山市红十字会本级", None, None, None, "单位：万元"],
            *BODY,
        ],
    )
    assert data["unit"] == {"code": "644001", "name": "唐山市红十字会本级"}


def test_zero_padded_code_keeps_its_leading_zero(tmp_path):
    data = imported(
        tmp_path,
        [
            ["2023年第三方专项审计费绩效目标表", None, None, None, "单位：万元"],
            ["单位编码", 44001, "单位名称", "唐山市红十字会本级"],
            *BODY,
        ],
        pad_cell="B2",
    )
    assert data["unit"] == {"code": "044001", "name": "唐山市红十字会本级"}


@pytest.mark.parametrize("typed", [13020023683710280001, 1.30200236837103e19])
def test_code_excel_cut_to_15_digits_is_flagged_not_silently_imported(tmp_path, typed):
    """A 20-digit code typed into a General cell: Excel keeps 15 significant digits and zeroes the rest."""
    body = [row if row[0] != "项目名称" else ["项目名称", "第三方专项审计费", "项目编码", typed] for row in BODY]
    if isinstance(typed, int):
        typed_as_excel_keeps = int(float(typed))  # what Excel would have saved: 13020023683710300000
        body = [
            row if row[0] != "项目名称" else ["项目名称", "第三方专项审计费", "项目编码", typed_as_excel_keeps]
            for row in BODY
        ]
    path = workbook(
        tmp_path / "t.xlsx",
        [
            ["2023年第三方专项审计费绩效目标表", None, None, None, "单位：万元"],
            ["单位编码", "644001", "单位名称", "唐山市红十字会本级"],
            *body,
        ],
    )
    result = CliRunner().invoke(app, ["import", str(path), "-o", str(tmp_path / "out"), "--lang", "zh"])
    assert result.exit_code == 1
    assert "D3  编码 13020023683710300000 在 Excel 中是数字" in result.output
    assert "Excel 只保留 15 位有效数字" in result.output and "设为“文本”" in result.output
    [out] = (tmp_path / "out").glob("*.yaml")
    text = out.read_text("utf-8")
    assert "编码超过 15 位，Excel 已丢失其后几位" in text.split("\nyear:")[0]  # said at the top of the file


def test_lost_digits_only_where_excel_could_have_cut_them():
    from perfgoals.importer import lost_digits

    assert lost_digits(1.30200236837103e19) and lost_digits(13020023683710300000)
    # an integer literal in the sheet's XML with digits past the 15th was written exactly, by a program
    assert not lost_digits(1302002368371028001)
    assert not any(lost_digits(v) for v in (644001, 44001.0, 999999999999999, True, "13020023683710280001"))
