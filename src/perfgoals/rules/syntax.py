"""PG000–PG004: the file itself — readable, valid YAML, the right shape, UTF-8, safe.

The loader (perfgoals.load) reports them; PG002 also checks the head fields the configured form requires.
"""

from perfgoals import source
from perfgoals.findings import Severity
from perfgoals.i18n import T
from perfgoals.rules.base import Hit, declare, rule

declare(
    code=source.UNREADABLE,
    name="unreadable-file",
    severity=Severity.ERROR,
    summary=T("文件无法读取", "file cannot be read"),
    message={
        "": T("无法读取文件", "cannot read the file"),
        "permission": T("没有读取该文件的权限", "no permission to read this file"),
        "directory": T("这是一个文件夹，不是文件", "this is a folder, not a file"),
        "not_regular": T(
            "这不是普通文件（管道、设备或套接字），未读取",
            "this is not a regular file (a pipe, device or socket): not read",
        ),
        "os": T("无法读取文件：{reason}", "cannot read the file: {reason}"),
        "missing": T("路径不存在", "the path does not exist"),
        "no_files": T("文件夹中没有 YAML 文件（*.yaml、*.yml）", "the folder holds no YAML files (*.yaml, *.yml)"),
    },
    hint={
        "": T("检查文件是否存在、权限是否正确。", "Check that the file exists and is readable."),
        "missing": T(
            "检查路径拼写；在数据仓库根目录下运行时通常是 data/。",
            "Check the spelling; from the data repository's root it is usually data/.",
        ),
        "no_files": T("项目文件应以 .yaml 或 .yml 结尾。", "Project files must end in .yaml or .yml."),
        "not_regular": T(
            "perfgoals 只读取普通文件：删除它，或换成真正的 YAML 文件。",
            "perfgoals reads regular files only: remove it or put a real YAML file in its place.",
        ),
    },
    explanation=T(
        "perfgoals 需要读取每个待检查的文件。文件不存在、没有权限、是文件夹或符号链接循环时报告此问题，退出码为 2。",
        "perfgoals must read every file it checks. A missing path, a permission problem, a folder where a file "
        "was expected or a symlink loop is reported here, and the exit code is 2.",
    ),
)

declare(
    code=source.INVALID_YAML,
    name="invalid-yaml",
    severity=Severity.ERROR,
    summary=T(
        "不是有效的 YAML（含重复的键、多个文档）", "not valid YAML (including duplicate keys, several documents)"
    ),
    message={
        "": T("YAML 语法错误：{detail}", "YAML syntax error: {detail}"),
        "generic": T("YAML 语法错误：{detail}", "YAML syntax error: {detail}"),
        "tab": T("使用了制表符（Tab）", "a tab character is used"),
        "unclosed_quote": T("引号没有闭合", "a quote is never closed"),
        "stray_colon": T("这里多了一个冒号“:”", "a stray colon ':' here"),
        "indentation": T("缩进不正确", "the indentation is wrong"),
        "duplicate_key": T(
            "键“{key}”重复出现（第一次在第 {first_line} 行）",
            "the key '{key}' appears twice (first on line {first_line})",
        ),
        "multiple_documents": T("一个文件中有多个 YAML 文档（---）", "several YAML documents (---) in one file"),
        "complex_key": T("键必须是简单的文本", "a key must be plain text"),
        "merge_conflict": T("文件中留有 git 合并冲突标记", "git merge conflict markers are left in the file"),
        "thousands_comma": T(
            "{{…}} 中的“{value}”被逗号拆开了：千位分隔的逗号在这里表示下一项",
            "'{value}' is split at its comma: inside {{…}} a comma starts the next item",
        ),
        "greater_sign": T(
            "以“>”开头的值在 YAML 中有特殊含义，这一行无法读取",
            "a value starting with '>' means folded text in YAML, so this line cannot be read",
        ),
        "fullwidth_colon": T("键后面用了中文冒号“：”", "a full-width colon '：' follows the key"),
        "fullwidth_space": T("缩进中有中文全角空格", "the indentation holds a full-width space"),
        "unclosed_bracket": T("括号 {{ 或 [ 没有闭合", "a bracket {{ or [ is never closed"),
        "bad_tag_value": T("值与标签 !!{tag} 不符", "the value does not match its tag !!{tag}"),
    },
    hint={
        "": T("检查这一行及上一行的格式。", "Check the format of this line and the one above."),
        "tab": T(
            "YAML 只能用空格缩进：把 Tab 换成两个空格。",
            "YAML indents with spaces only: replace the tab by two spaces.",
        ),
        "unclosed_quote": T(
            "在文本末尾补上对应的引号，或去掉开头的引号。",
            "Add the closing quote at the end of the text, or remove the opening one.",
        ),
        "stray_colon": T(
            '文本中含有“: ”时，把整个值用引号括起来，例如 goal: "目标: 说明"。',
            "When a value contains ': ', quote the whole value, e.g. goal: \"aim: detail\".",
        ),
        "indentation": T(
            "同一层级的键必须左对齐，下一级比上一级多缩进两个空格。",
            "Keys of one level line up; each level is indented two more spaces.",
        ),
        "duplicate_key": T(
            "删除或合并其中一个；后一个不会覆盖前一个。",
            "Remove or merge one of them; the second does not replace the first.",
        ),
        "thousands_comma": T(
            "去掉千位逗号（写成 {plain}），或给整个值加引号。",
            "Drop the thousands separator ({plain}), or quote the whole value.",
        ),
        "greater_sign": T(
            '写成 ≥90%（推荐），或给整个值加引号：target: ">=90%"。',
            'Write ≥90% (preferred), or quote the whole value: target: ">=90%".',
        ),
        "fullwidth_colon": T(
            "把中文冒号“：”改成英文冒号加空格“: ”。", "Replace '：' by an ASCII colon and a space, ': '."
        ),
        "fullwidth_space": T("用英文半角空格缩进（每级两个）。", "Indent with ASCII spaces (two per level)."),
        "merge_conflict": T(
            "保留需要的一方，删除 <<<<<<<、=======、>>>>>>> 这几行及不要的内容。",
            "Keep the side you want and delete the <<<<<<<, =======, >>>>>>> lines and the rest.",
        ),
        "unclosed_bracket": T(
            "在这一组的末尾补上 }} 或 ]；一组内的项目用英文逗号分隔。",
            "Close the group with }} or ]; separate its items with commas.",
        ),
        "multiple_documents": T(
            "每个项目一个文件：删除多余的 --- 及其后的内容，或拆分为多个文件。",
            "One project per file: remove the extra --- and what follows, or split the file.",
        ),
    },
    explanation=T(
        "文件必须是一个有效的 YAML 文档。重复的键会让后一个值悄悄覆盖前一个，多个文档会让后面的项目被忽略，"
        "所以它们都被视为错误。",
        "A file must be one valid YAML document. A duplicate key would silently replace the first value and a "
        "second document would be ignored, so both are errors.",
    ),
    bad="budget: {total: 0.45, fiscal: 0.45}\nbudget: {total: 0.50, fiscal: 0.50}",
    good="budget: {total: 0.45, fiscal: 0.45}",
)


@rule(
    scope="project",  # its check: the head fields the configured form requires (the model has the rest)
    code=source.SCHEMA,
    name="schema",
    severity=Severity.ERROR,
    summary=T(
        "格式：缺少字段、未知字段、类型错误、编码未加引号",
        "schema: missing field, unknown field, wrong type, unquoted code",
    ),
    message={
        "": T("{field}：{detail}", "{field}: {detail}"),
        "missing": T("缺少必填字段 {field}（{label}）", "missing required field {field} ({label})"),
        "unknown": T("未知字段 {field}", "unknown field {field}"),
        "type": T(
            "{field}（{label}）应为{expected}，实际是{actual}", "{field} ({label}) should be {expected}, not {actual}"
        ),
        "type_example": T(
            "{field}（{label}）应为{expected}，实际是{actual}", "{field} ({label}) should be {expected}, not {actual}"
        ),
        "blank": T("{field}（{label}）不能为空", "{field} ({label}) must not be empty"),
        "percent": T("{field}：“{value}”不是百分数", "{field}: '{value}' is not a percentage"),
        "period": T("{field}（{label}）“{value}”不是一个期间", "{field} ({label}) '{value}' is not a period"),
        "money": T("{field}（{label}）：“{value}”不是金额", "{field} ({label}): '{value}' is not an amount of money"),
        "places": T("{field}（{label}）最多 {places} 位小数", "{field} ({label}) allows at most {places} decimals"),
        "range": T("{field}（{label}）的值 {value} 超出允许范围", "{field} ({label}): {value} is out of range"),
        "finite": T(
            "{field}（{label}）必须是有限的数字，不能是 NaN 或无穷大",
            "{field} ({label}) must be a finite number, not NaN or infinity",
        ),
        "choice": T("{field}（{label}）只能是 {expected}", "{field} ({label}) must be one of {expected}"),
        "unquoted_code": T(
            "{field}（{label}）{raw} 没有加引号，被当作数字读取",
            "{field} ({label}) {raw} is unquoted and read as a number",
        ),
        "empty": T("文件是空的", "the file is empty"),
        "root_type": T(
            "文件顶层应为映射（键: 值），实际是{actual}", "the file should hold a mapping (key: value), not {actual}"
        ),
    },
    hint={
        "missing": T("添加 {field}: …", "Add {field}: …"),
        "unknown": T("{suggestion}允许的字段：{allowed}", "{suggestion}Allowed fields: {allowed}"),
        "type_example": T("照这个样子写：{example}", "Write it like this: {example}"),
        "unquoted_code": T(
            '编码是文本，请加引号：{key}: "{raw}"（否则前导零会丢失）',
            'Codes are text: quote it, {key}: "{raw}" (leading zeros would be lost)',
        ),
        "empty": T(
            "项目文件应包含 year、unit、code、name、budget、goal、indicators，以及表样要求的栏目（如 purpose、spend_plan）。",
            "A project file holds year, unit, code, name, budget, goal, indicators, and what its form profile requires "
            "(such as purpose, spend_plan).",
        ),
        "percent": T("写成 30% 或 30。", "Write 30% or 30."),
        "period": T(
            "写成 开始-结束，如 2023.07-2024.01（开始不晚于结束），或写期限，如 1年、3年、长期。",
            "Write start-end, e.g. 2023.07-2024.01 (the start not after the end), or a length: 1年, 3年, 长期.",
        ),
        "money": T(
            "只写数字，例如 0.45；单位由 money_unit 决定（默认万元）。",
            "Write the number only, e.g. 0.45; the unit is money_unit (万元 by default).",
        ),
        "range": T("检查数字是否多写了位数。", "Check the number for extra digits."),
    },
    explanation=T(
        "项目文件的字段名是固定的英文键（year、unit、code、name、budget、purpose、spend_plan、goal、indicators 等），"
        "拼错的键（如 spend_pan）不会被悄悄忽略。编码（code、unit.code）是文本：不加引号的纯数字会被读成数字，"
        "前导零会丢失。金额用十进制数字，最多 6 位小数。",
        "Project files use fixed English keys (year, unit, code, name, budget, purpose, spend_plan, goal, indicators …); "
        "a misspelt key (spend_pan) never passes silently. Codes (code, unit.code) are text: an unquoted number would "
        "lose its leading zeros. Money is a decimal number with at most 6 decimals.",
    ),
    bad="spend_pan: {3: 30%, 6: 60%, 10: 80%, 12: 100%}",
    good="spend_plan: {3: 30%, 6: 60%, 10: 80%, 12: 100%}",
)
def check_required_fields(project, ctx):
    """The head fields the configured form profile requires (资金用途 and 资金支出计划 in the source document's
    form), reported as any missing field is: the profile is the form's schema."""
    from perfgoals.model import Project  # here: `perfgoals rules` lists the catalogue without the models

    profile = ctx.profile
    written = ctx.doc.data if ctx.doc is not None and isinstance(ctx.doc.data, dict) else None
    for name in profile.required if profile is not None else ():
        # Written but broken is PG002's own finding already; only a field the file lacks is reported here.
        if (written.get(name) is None) if written is not None else getattr(project, name, None) is None:
            # the field's title, as PG002's message for a field the model itself requires has it
            yield Hit((), {"field": name, "label": Project.model_fields[name].title or ""}, "missing", key=True)


declare(
    code=source.ENCODING,
    name="encoding",
    severity=Severity.ERROR,
    summary=T("文件不是 UTF-8 编码", "the file is not UTF-8"),
    message={
        "": T("文件不是 UTF-8 编码", "the file is not UTF-8"),
        "legacy": T("文件不是 UTF-8 编码，看起来是 {encoding} 编码", "the file is not UTF-8; it looks like {encoding}"),
        "unknown": T("文件不是 UTF-8 编码，无法识别其编码", "the file is not UTF-8 and its encoding is not recognised"),
        "utf16": T("文件是 UTF-16 编码", "the file is UTF-16"),
        "binary": T(
            "文件含有控制字符或空字节，像是二进制文件",
            "the file holds control characters or NUL bytes: it looks binary",
        ),
    },
    hint={
        "": T("用记事本或 VS Code 打开，选择“另存为”，编码选 UTF-8。", "Open it in an editor and save it as UTF-8."),
        "legacy": T(
            "转换为 UTF-8：在记事本中“另存为”并选择 UTF-8，或运行 iconv -f GB18030 -t UTF-8 原文件 > 新文件。",
            "Convert it: save as UTF-8 in Notepad, or run iconv -f GB18030 -t UTF-8 old > new.",
        ),
        "utf16": T(
            "在记事本中“另存为”并选择 UTF-8，或运行 iconv -f UTF-16 -t UTF-8 原文件 > 新文件。",
            "Save as UTF-8, or run iconv -f UTF-16 -t UTF-8 old > new.",
        ),
        "binary": T(
            "这不是文本文件；确认没有把 Excel 或 Word 文件改名为 .yaml。",
            "This is not a text file; check that no Excel or Word file was renamed to .yaml.",
        ),
    },
    explanation=T(
        "项目文件必须是 UTF-8 编码（可以带 BOM）。简体中文 Windows 的编辑器常以 GBK/GB18030 保存，"
        "这样的文件在其他电脑和 git 中会显示成乱码。",
        "Project files must be UTF-8 (a BOM is accepted). Editors on Chinese Windows often save GBK/GB18030, "
        "which shows as mojibake on other machines and in git.",
    ),
)

declare(
    code=source.UNSAFE,
    name="unsafe-input",
    severity=Severity.ERROR,
    summary=T(
        "文件超出安全限制（过大、嵌套过深、锚点/别名、自定义标签）",
        "input beyond safety limits (too large, too deep, anchors/aliases, custom tags)",
    ),
    message={
        "": T("文件超出安全限制", "the file exceeds a safety limit"),
        "too_large": T(
            "文件过大（{size} 字节，上限 {limit} 字节）", "the file is too large ({size} bytes, limit {limit})"
        ),
        "too_deep": T("嵌套层级过深（上限 {limit} 层）", "nesting is too deep (limit {limit} levels)"),
        "too_many_events": T("文件中的元素过多（上限 {limit} 个）", "the file holds too many elements (limit {limit})"),
        "alias": T("使用了 YAML 别名 *{name}", "a YAML alias *{name} is used"),
        "anchor": T("使用了 YAML 锚点 &{name}", "a YAML anchor &{name} is used"),
        "tag": T("使用了不允许的 YAML 标签 {tag}", "a YAML tag that is not allowed: {tag}"),
        "long_number": T(
            "数字过长（最多 {digits} 位有效数字，数量级不超过 10 的 {exponent} 次方）",
            "the number is too long (at most {digits} significant digits and a magnitude up to 10^{exponent})",
        ),
    },
    hint={
        "": T("项目文件只需要普通的键、值和列表。", "Project files need plain keys, values and lists only."),
        "too_large": T(
            "一个项目文件通常只有几 KB；检查是否粘贴了多余内容。",
            "A project file is a few KB; check for pasted content that does not belong.",
        ),
        "alias": T("把被引用的内容直接写出来。", "Write the referenced content out in full."),
        "anchor": T("删除 &{name}，把内容直接写出来。", "Remove &{name} and write the content out in full."),
        "tag": T("删除标签，只写普通的值。", "Remove the tag and write a plain value."),
        "long_number": T("检查数字是否多输入了位数。", "Check the number for extra digits."),
    },
    explanation=T(
        "为防止恶意或损坏的文件拖垮检查（如“十亿笑声”别名炸弹、极深的嵌套），项目文件不允许锚点、别名和自定义标签，"
        "并限制文件大小、嵌套深度和元素数量。标签永远不会构造对象。",
        "So that a hostile or broken file cannot take the check down (a billion-laughs alias bomb, very deep nesting), "
        "project files may not use anchors, aliases or custom tags, and size, depth and element count are limited. "
        "Tags never construct objects.",
    ),
    bad='unit: &u {code: "644001", name: 唐山市红十字会本级}',
    good='unit: {code: "644001", name: 唐山市红十字会本级}',
)
