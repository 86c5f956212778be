"""Deterministic synthetic project files of the seed's shape, for the benchmark.

    python benchmarks/generate.py OUT_DIR N [--seed 6]

Writes N project files (~2.7 KB, ~100 lines of block-style YAML with Chinese text)
spread over several department folders, each with its own department.yaml, using
every category of the mof2015 framework.  About one file in eight carries a defect
that a rule reports (a rate under 数量指标, a spend plan short of 100%, a vague
target, a duplicated code, a YAML syntax error...), so the benchmark exercises the
reporting path too.  The same N and seed always give byte-identical files.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

UNITS = [
    ("唐山市红十字会本级", "644001"),
    ("唐山市卫生健康委员会", "512003"),
    ("唐山市教育局本级", "201007"),
    ("唐山市民政局", "310012"),
    ("唐山市农业农村局", "415020"),
    ("唐山市生态环境局", "702004"),
    ("唐山市文化广电和旅游局", "820015"),
    ("唐山市应急管理局", "905030"),
    ("唐山市图书馆", "821016"),
    ("唐山市疾病预防控制中心", "513008"),
    ("唐山市人力资源和社会保障局", "330001"),
    ("唐山市水利局", "420006"),
]
SUBJECTS = [
    "应急救护培训",
    "红十字会法宣传",
    "基层能力建设",
    "网站和公众号维护",
    "医疗救助",
    "志愿服务",
    "造血干细胞捐献动员",
    "博爱送万家",
    "青少年健康教育",
    "无偿献血宣传",
    "社区卫生服务",
    "农村饮水安全",
    "图书采购与借阅",
    "非遗保护传承",
    "职业技能培训",
    "河道生态治理",
    "防汛物资储备",
    "困难群众救助",
]
ACTIONS = ["组织开展", "持续推进", "全面落实", "深入实施", "规范开展"]
QUALITY = [
    ("培训合格率", "考核合格的学员数量占参训学员数量的比例"),
    ("验收合格率", "通过验收的项目数量占项目总数的比例"),
    ("资料准确率", "经复核无误的资料占全部资料的比例"),
    ("服务达标率", "达到服务标准的次数占服务总次数的比例"),
]
QUANTITY = [
    ("培训人次", "人次"),
    ("印刷册数", "册"),
    ("开展活动次数", "次"),
    ("覆盖社区个数", "个"),
    ("救助困难家庭户数", "户"),
    ("发布信息条数", "条"),
    ("采购设备台数", "台"),
    ("举办讲座场次", "场"),
]
BENEFIT = {
    "经济效益指标": ["减少群众医疗支出", "带动相关产业发展"],
    "社会效益指标": ["群众自救互救能力提升", "社会影响力扩大", "受训学员业务应用情况"],
    "生态效益指标": ["减少纸质资料使用", "改善区域生态环境"],
    "可持续影响指标": ["长效工作机制建立情况", "志愿者队伍持续发展"],
}
BENEFIT_TARGETS = ["明显提升", "有效改善", "逐步建立", "持续发挥作用", "学会运用", "显著增强"]
BASES = ["计划标准", "行业标准", "历史标准", "工作计划"]

# (name, share): each defective file carries exactly one of these.
DEFECTS = [
    "rate_as_quantity",
    "spend_short",
    "vague_output",
    "goal_number",
    "budget_sum",
    "low_satisfaction",
    "unknown_key",
    "duplicate_code",
    "syntax",
    "deadline_outside",
]
DEFECT_EVERY = 8


def _indicator(lines: list[str], name: str, description: str, target: str, basis: str, per: str | None = None) -> None:
    lines.append(f"      - name: {name}")
    lines.append(f"        description: {description}")
    lines.append(f"        target: {target}")
    if per:
        lines.append(f"        per: {per}")
    lines.append(f"        basis: {basis}")


def project(rng: random.Random, year: int, unit: tuple[str, str], serial: int, defect: str | None, code: str) -> str:
    subject = rng.choice(SUBJECTS)
    action = rng.choice(ACTIONS)
    qty_name, qty_unit = rng.choice(QUANTITY)
    qty = rng.randrange(20, 5000, 10)
    unit_cost = rng.randrange(1, 20)  # 元 per unit
    fiscal = rng.randrange(5, 400)  # 万元
    other = rng.choice([0, 0, 0, rng.randrange(1, 50)])
    total = fiscal + other
    unit_cost = max(1, min(unit_cost, total * 10_000 // qty))  # unit cost × quantity stays within the budget
    if defect == "budget_sum":
        total += 3
    q1, q2, q3 = sorted(rng.sample(range(5, 95), 3))
    spend_end = 95 if defect == "spend_short" else 100
    goal_number = qty + 7 if defect == "goal_number" else qty
    deadline_year = year + 1 if defect == "deadline_outside" else year
    lines = [
        f"# {unit[0]} {year} 年项目支出绩效目标表（第 {serial} 号）",
        f"year: {year}",
        "unit:",
        f'  code: "{unit[1]}"',
        f"  name: {unit[0]}",
        f"code: {code}",
        f"name: {year}年{subject}项目",
        "budget:",
        f"  total: {total}.00",
        f"  fiscal: {fiscal}.00",
        f"  other: {other}",
        f"purpose: 用于{subject}工作所需的场地租赁、资料印刷、专家劳务等支出。",
        "period: " + f"{year}.01-{year}.12",
        "spend_plan:",
        f"  3: {q1}%",
        f"  6: {q2}%",
        f"  10: {q3}%",
        f"  12: {spend_end}%",
        "goal: >-",
        f"  {action}{subject}工作，全年完成{qty_name[:-2] if qty_name.endswith('人次') else qty_name} {goal_number} {qty_unit}，"
        f"进一步提高服务质量和群众满意度，推动{subject}工作规范化、常态化发展。",
    ]
    if defect == "unknown_key":
        lines.append("remark: 本项目为延续性项目")
    lines += ["indicators:", "  产出指标:", "    数量指标:"]
    if defect == "rate_as_quantity":
        _indicator(lines, "培训出勤率（%）", "实际出勤学员数量占参加培训学员数量的比例", "≥90%", rng.choice(BASES))
    _indicator(lines, qty_name, f"全年计划完成的{qty_name}", f"≥{qty} {qty_unit}", rng.choice(BASES))
    second_qty = rng.choice([q for q in QUANTITY if q[0] != qty_name])
    _indicator(
        lines,
        second_qty[0],
        f"全年计划完成的{second_qty[0]}",
        f"{rng.randrange(2, 60)} {second_qty[1]}",
        rng.choice(BASES),
    )
    lines.append("    质量指标:")
    for qname, qdesc in rng.sample(QUALITY, 2):
        _indicator(lines, qname, qdesc, f"≥{rng.choice([90, 95, 98])}%", rng.choice(BASES))
    lines.append("    时效指标:")
    _indicator(lines, "完成时限", "全部工作任务的完成时间", f"{deadline_year} 年 12 月 31 日", "工作计划")
    _indicator(lines, "资金支付及时率", "按合同约定及时支付资金的比例", "100%", "计划标准")
    lines.append("    成本指标:")
    cap = max(1, total // 2)
    _indicator(lines, "按总成本控制", "项目实际支出不超过预算", f"≤{total} 万元", "计划标准")
    _indicator(lines, f"{qty_name[:2]}单位成本", f"每{qty_unit}平均成本", f"≤{unit_cost} 元", "历史标准", per=qty_name)
    if cap:
        _indicator(lines, "宣传资料印刷费", "宣传资料设计与印刷费用", f"≤{cap} 万元", "计划标准")
    lines.append("  效益指标:")
    for level2 in sorted(BENEFIT):
        lines.append(f"    {level2}:")
        lines.append(f"      - name: {rng.choice(BENEFIT[level2])}")
        lines.append(f"        target: {rng.choice(BENEFIT_TARGETS)}")
        lines.append(f"        basis: {rng.choice(BASES)}")
    if defect == "vague_output":
        # a second 产出 block would be a duplicate key; put the vague target into 质量 via a new name instead
        lines.insert(lines.index("    时效指标:"), "      - {name: 服务质量, target: 稳步提高, basis: 工作计划}")
    lines += ["  满意度指标:", "    服务对象满意度指标:"]
    floor = "≥80%" if defect == "low_satisfaction" else f"≥{rng.choice([85, 90, 95])}%"
    _indicator(lines, "服务对象满意度", "随机抽样问卷调查中满意和基本满意的比例", floor, "行业标准")
    _indicator(lines, "社会公众满意度", "社会公众对项目实施效果的评价", "≥90%", "历史标准")
    lines.append(f"# 填报人：财务科　联系电话：0315-{rng.randrange(1000000, 9999999)}")
    text = "\n".join(lines) + "\n"
    if defect == "syntax":
        text = text.replace("  fiscal:", "   fiscal:", 1)  # bad indentation
    return text


def department(year: int, unit: tuple[str, str]) -> str:
    return (
        f'year: {year}\nunit: {{code: "{unit[1]}", name: {unit[0]}}}\n'
        f"overall_goal: >-\n  全面落实{unit[0]}年度重点工作部署，规范预算绩效管理，提高财政资金使用效益。\n"
        "sub_goals:\n  - name: 重点业务工作\n    goal: 按计划完成各项重点业务工作。\n"
        "    indicators:\n      - {name: 重点工作完成率, target: 100%}\n"
        "safeguards:\n  - title: 加强绩效运行监控\n    text: 按要求开展绩效运行监控，发现问题及时采取措施。\n"
    )


def generate(out: Path, n: int, seed: int = 6) -> list[Path]:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    folders = max(2, min(len(UNITS), n // 400 or 2))
    written: list[Path] = []
    year = 2023
    codes: list[str] = []
    for i in range(n):
        folder_index = i % folders
        unit = UNITS[folder_index]
        folder = out / f"{folder_index + 1:02d}-{unit[0]}"
        if i < folders:
            folder.mkdir(parents=True)
            (folder / "department.yaml").write_text(department(year, unit), "utf-8")
        defect = DEFECTS[(i // DEFECT_EVERY) % len(DEFECTS)] if i % DEFECT_EVERY == DEFECT_EVERY - 1 else None
        code = f"1302{unit[1][:4]}P{i:08d}{rng.randrange(100, 999)}"
        if defect == "duplicate_code" and codes:
            code = codes[-1]
        codes.append(code)
        path = folder / f"{i + 1:05d}-项目.yaml"
        path.write_text(project(rng, year, unit, i + 1, defect, code), "utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args(argv)
    files = generate(args.out, args.n, args.seed)
    sizes = [p.stat().st_size for p in files]
    print(f"{len(files)} project files in {args.out} (mean {sum(sizes) / len(sizes) / 1024:.1f} KB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
