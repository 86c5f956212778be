"""PG9xx: the suppression comments themselves (as ruff's RUF100): one that suppresses nothing is reported,
so that a comment never outlives the finding it was written for.  perfgoals.suppress makes the findings."""

from perfgoals.findings import Severity
from perfgoals.i18n import T
from perfgoals.rules.base import declare

UNUSED_SUPPRESSION = "PG901"

declare(
    code=UNUSED_SUPPRESSION,
    name="unused-suppression",
    severity=Severity.WARNING,
    summary=T("忽略注释没有忽略任何问题，或写了不存在的规则", "a suppression comment that suppresses nothing"),
    message={
        "": T("忽略注释中的 {item} 没有忽略任何问题", "the suppression of {item} suppresses nothing here"),
        "all": T("忽略注释没有忽略任何问题", "the suppression suppresses nothing here"),
        "unknown": T("忽略注释中的 {item} 不是规则代码或名称", "{item} in the suppression is not a rule code or name"),
    },
    hint={
        "": T(
            "问题已经改正（或从未出现）：删去注释中的 {item}。",
            "The finding is fixed (or never was): remove {item} from the comment.",
        ),
        "all": T("删去这条注释。", "Remove the comment."),
        "unknown": T(
            "写规则代码（如 PG603）或名称（如 goal-number-without-indicator）；perfgoals rules 列出全部规则。",
            "Write a rule code (PG603) or name (goal-number-without-indicator); perfgoals rules lists them.",
        ),
    },
    explanation=T(
        "`# perfgoals: ignore[PG603]` 写在问题所在行末尾，或单独写在它的上一行，忽略该行的这条规则；"
        "`# perfgoals: ignore-file[PG603]` 忽略整个文件中的这条规则；多条规则用逗号分隔，也可写规则名称。"
        "注释中的规则在该处没有任何问题时报告此警告（与 ruff 的 RUF100 相同），以免问题改正后注释仍留在文件里，"
        "将来掩盖新的问题。被忽略的问题计入汇总行，validate --show-suppressed 列出它们。",
        "`# perfgoals: ignore[PG603]` at the end of a finding's line, or alone on the line before it, suppresses "
        "that rule on that line; `# perfgoals: ignore-file[PG603]` suppresses it in the whole file; several "
        "rules are separated by commas, and rule names work as well as codes. A rule named in such a comment "
        "that finds nothing there is reported (as ruff's RUF100), so that a comment does not outlive its "
        "finding and hide a new one later. Suppressed findings are counted in the summary line and listed by "
        "validate --show-suppressed.",
    ),
    bad="goal: 印刷 1500 册。  # perfgoals: ignore[PG603]",
    good="goal: 培训救护员 4000 人。  # perfgoals: ignore[PG603]  -- 原表如此",
)
