"""Chinese for perfgoals' own help texts: each command's description and each option's help, keyed by the
English in cli.py (whitespace folded to single spaces).  `perfgoals.locale.translate_help` puts them on the
help page when the language is Chinese; a text missing here stays English (tests/test_windows.py lists any)."""

HELP: dict[str, str] = {
    # the program
    "Check, render and diff budget performance target tables (绩效目标表) kept as YAML.": (
        "检查、生成和比较以 YAML 保存的预算绩效目标表。"
    ),
    "perfgoals: 绩效目标表 as checked YAML. Exit codes: 0 clean, 1 findings, 2 usage or unreadable input.": (
        "perfgoals：以 YAML 保存并经过检查的绩效目标表。退出码：0 没有问题，1 有问题，2 用法错误或输入无法读取。"
    ),
    "Show the version and exit.": "显示版本号并退出。",
    # lsp, and --watch of validate and render
    "Run the language server over stdio: findings as you type, rule explanations on hover, quick fixes.": (
        "通过标准输入输出运行语言服务器：边输入边显示问题，悬停显示规则说明，并提供快速修复。"
    ),
    "Render again on every change (needs -o).": "每次改动后重新生成（需要 -o）。",
    "Check again on every change; print what changed.": "每次改动后重新检查，只显示变化的问题。",
    "Show this message and exit.": "显示此帮助并退出。",
    # options many commands share
    "Message language (default: from the locale).": "提示信息的语言（默认：按系统语言）。",
    "Language (default: from the locale).": "语言（默认：按系统语言）。",
    # validate
    "Check project files, or .xlsx workbooks directly, and report every finding with file:line:column (a "
    "workbook's: Sheet!Cell), a rule code and a hint. Unchanged files are taken from .perfgoals_cache/ in the data "
    "repository (the nearest folder with perfgoals.yaml or .git, else the current one); --no-cache checks "
    "everything afresh.": (
        "检查项目文件，或直接检查 .xlsx 工作簿，列出每个问题的位置（文件:行:列；工作簿为 工作表!单元格）、规则编号和"
        "修改提示。\n\n未改动的文件直接取用数据仓库中 .perfgoals_cache/ 的结果（含 perfgoals.yaml 或 .git 的最近一级"
        "文件夹，否则为当前文件夹）；--no-cache 全部重新检查。"
    ),
    "Files or folders to check (default: data/).": "要检查的文件或文件夹（默认：data/）。",
    "Output format.": "输出格式。",
    "Output format (github when GITHUB_ACTIONS is set).": "输出格式（设置了 GITHUB_ACTIONS 时默认为 github）。",
    "Processes that format files in parallel, used only for 200 files or more. 0, the default: one per core that "
    "no other program is using at the start; 1: never a second process.": (
        "并行格式化文件的进程数，只在文件达到 200 个或更多时使用。0（默认）：开始时没有被其他程序占用的每个 CPU 核一个；"
        "1：不用第二个进程。"
    ),
    "Processes that check files in parallel, used only when 200 files or more are not answered by the cache (fewer "
    "are checked in this process). 0, the default: one per core that no other program is using at the start; 1: "
    "never a second process.": (
        "并行检查文件的进程数，只在缓存无法回答的文件达到 200 个或更多时使用（更少时在本进程中检查）。"
        "0（默认）：开始时没有被其他程序占用的每个 CPU 核一个；1：不用第二个进程。"
    ),
    "Also list the findings that `# perfgoals: ignore[…]` comments suppress.": (
        "同时列出被 # perfgoals: ignore[…] 注释忽略的问题。"
    ),
    "Only these rules: codes, prefixes (PG4), names or families (targets), comma-separated.": (
        "只检查这些规则：规则编号、前缀（PG4）、名称或规则族（targets），用逗号分隔。"
    ),
    "These rules as well.": "另外再检查这些规则。",
    "Not these rules.": "不检查这些规则。",
    "Print the number of findings per rule instead.": "改为按规则统计问题个数。",
    "Exit 0 even when there are findings.": "即使有问题，退出码也为 0。",
    "One settings file (perfgoals.yaml or pyproject.toml) instead of each file's nearest.": (
        "使用这一个配置文件（perfgoals.yaml 或 pyproject.toml），而不是每个文件最近的配置。"
    ),
    # config
    "Show the settings in force for a folder or file, and the settings files they come from.": (
        "显示某个文件夹或文件生效的配置，以及这些配置来自哪些配置文件。"
    ),
    "A folder or file whose settings to show (default: data/).": "要显示其配置的文件夹或文件（默认：data/）。",
    "One settings file instead of the nearest.": "使用这一个配置文件，而不是最近的配置文件。",
    "Warnings also make the exit code 1.": "有警告时退出码也为 1。",
    "Check every file afresh, neither reading nor writing .perfgoals_cache/ (nor repeating a recorded run).": (
        "全部重新检查，不读也不写 .perfgoals_cache/（也不重放上次记录的结果）。"
    ),
    "Worker processes for large sets (default 0: one per core; 1: none).": (
        "大量文件时使用的工作进程数（默认 0：每个 CPU 核一个；1：不用）。"
    ),
    "For one .xlsx workbook: write a copy with the cells that have findings marked.": (
        "检查一个 .xlsx 工作簿时：另存一份副本，把有问题的单元格标出颜色并加批注。"
    ),
    # rules
    "List the rule catalogue, or explain one rule with a failing and a passing example.": (
        "列出全部检查规则，或说明一条规则（附不通过和通过的示例）。"
    ),
    "A rule code, e.g. PG401, to explain it.": "要说明的规则编号，如 PG401。",
    "text or json.": "text 或 json。",
    # render
    "Render the official document (Part 1 and every project table) as HTML, Markdown, Word, Excel or PDF.": (
        "生成正式文档（第一部分和每张项目表）：HTML、Markdown、Word、Excel 或 PDF。"
    ),
    "A data folder (the whole document) or one project file.": "数据文件夹（整份文档）或一个项目文件。",
    "html, md (GitHub Markdown), docx, xlsx or pdf (these three need -o). Default: the suffix of -o, else html.": (
        "html、md（GitHub Markdown）、docx、xlsx 或 pdf（后三种需要 -o）。默认：按 -o 的扩展名，否则 html。"
    ),
    "Write here (atomically) instead of stdout.": "写入此文件（原子写入），而不是输出到屏幕。",
    "A folder of templates searched first.": "优先使用的模板文件夹。",
    "Render even when validation finds errors.": "即使检查发现错误也生成（文档中会标明未通过校验）。",
    "With xlsx: the workbook to fill in (drop-down lists, locked labels), filled.": (
        "与 xlsx 一起使用：生成供填写的工作簿（下拉列表、锁定标签），并填入现有内容。"
    ),
    # summary
    "One row a project (budget, spend plan, indicators, findings), totals and the weighted spend curve.": (
        "每个项目一行（预算、支出计划、指标数、问题数），以及合计和按预算加权的支出进度。"
    ),
    "A data folder or one project file.": "数据文件夹或一个项目文件。",
    "text, md, html or json.": "text、md、html 或 json。",
    # diff
    "Show what changed in budgets, spend plans, targets (tightened or loosened) and texts, project by project.": (
        "逐个项目列出预算、支出计划、指标值（从严或放宽）和文字的变化。"
    ),
    "Git revisions (default HEAD against the working tree; A..B accepted), or two files, or two folders.": (
        "git 版本（默认：HEAD 与工作区比较；可写 A..B），或两个文件，或两个文件夹。"
    ),
    "text, md (merge requests) or json.": "text、md（合并请求）或 json。",
    "Exit 1 when there are differences.": "有差异时退出码为 1。",
    # show
    "Show a file's facts, one per line (`--flat`); a file that does not parse is shown as it is.": (
        "每行一个事实地显示文件内容（--flat）；无法解析的文件原样显示。"
    ),
    "A project or department file.": "项目文件或部门文件。",
    "One line per fact, keyed by names (the git textconv view).": "每行一个事实，以名称为键（git textconv 使用的视图）。",
    # git-setup
    "Make `git diff` and `git log -p` show table files as facts: writes .gitattributes and the local git config.": (
        "让 git diff 和 git log -p 以事实行显示绩效目标表文件：写入 .gitattributes 和本仓库的 git 配置。"
    ),
    "Files git shows through perfgoals.": "git 通过 perfgoals 显示的文件。",
    # fmt
    "Rewrite files in the canonical layout, keeping every comment and the meaning.": (
        "把文件改写为统一格式，保留所有注释，含义不变。"
    ),
    "Files or folders (default: data/).": "文件或文件夹（默认：data/）。",
    "Write nothing; exit 1 when a file would change.": "不写入；有文件需要改写时退出码为 1。",
    "Print what would change; write nothing.": "显示将要改动的内容；不写入。",
    # new
    "Start a project file: every required category, indicators to fill in, a Chinese comment on each field.": (
        "新建项目文件：包含所有必填类别和待填写的指标，每个字段附中文注释。"
    ),
    "Project code (项目编码).": "项目编码。",
    "Project name (项目名称).": "项目名称。",
    "Budget year (default: department.yaml's, or next year).": "预算年度（默认：department.yaml 中的年度，否则为明年）。",
    "File to create (default: print it).": "要创建的文件（默认：输出到屏幕）。",
    "yaml, or xlsx: a workbook to fill in (needs -o). Default: the suffix of -o.": (
        "yaml，或 xlsx：供填写的工作簿（需要 -o）。默认：按 -o 的扩展名。"
    ),
    # schema
    "Write the JSON Schema of project and department files (for editor completion), or check it is current. The "
    "project schema requires what the form profile configured for that folder (perfgoals.yaml) requires.": (
        "写出项目文件和部门文件的 JSON Schema（供编辑器补全），或检查它是否最新。\n\n项目文件的 Schema 按该文件夹"
        "配置的表样（perfgoals.yaml）要求必填字段。"
    ),
    "Folder for the schema files.": "存放 Schema 文件的文件夹。",
    "Write nothing; exit 1 when the files are missing or stale.": "不写入；文件缺失或过期时退出码为 1。",
    # import
    "Read a workbook into one YAML project file per sheet, then validate what was written.": (
        "把工作簿的每个工作表读成一个 YAML 项目文件，然后检查写出的文件。"
    ),
    "An .xlsx workbook or a .docx document: perfgoals' own layout or a hand-made 绩效目标表.": (
        ".xlsx 工作簿或 .docx 文档：perfgoals 生成的，或手工制作的绩效目标表。"
    ),
    "Folder for the project files.": "存放项目文件的文件夹。",
    "Overwrite other files in the way (a project already there is updated in place by its code).": (
        "覆盖已存在的其他文件（文件夹中已有同一编码的项目时，总是就地更新该文件）。"
    ),
    "Budget year for sheets that do not say it.": "工作表中没有写明年度时使用的预算年度。",
}
