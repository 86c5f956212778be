"""Chinese for the texts click and typer print themselves: usage errors and the help page.

The keys are click's and typer's own English, exactly as their source marks it for gettext (msgids,
including the `{name!r}`-style fields); the values are the Chinese (msgstrs).  A msgstr uses the same
fields, without `!r`: the Chinese quotes a value itself (“…”) or not at all.  Fields that click hands
over already worded for English readers (quoted names joined with ", ", a range as `x>=0`, a type
name) are put into Chinese by perfgoals.locale before they are filled in; see `_FIELDS` there.

Where the click versions perfgoals supports word a message differently, each wording is listed.
Chinese has no plural, so PLURALS gives one msgstr for both of ngettext's English forms, or a pair
(for one, for more) where the Chinese says 一个 for one.
"""

MESSAGES: dict[str, str] = {
    # --- the frame of a usage error ----------------------------------------------------------
    "Usage:": "用法:",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行 {command} {option} 查看用法和选项。",
    "Aborted!": "已中止。",
    # --- the help page -----------------------------------------------------------------------
    "Options": "选项",
    "Arguments": "参数",
    "Positional arguments": "参数",
    "Commands": "命令",
    "Show this message and exit.": "显示此帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "required": "必填",
    "(dynamic)": "（运行时确定）",
    "deprecated": "已弃用",
    "(deprecated) ": "（已弃用）",
    "(Deprecated) {text}": "（已弃用）{text}",
    # --- what is wrong -------------------------------------------------------------------------
    "No such option: {name}": "没有选项 {name}",  # click < 8.2
    "No such option {name!r}.": "没有选项 {name}",  # click >= 8.2
    "No such command {name!r}.": "没有命令“{name}”",
    "Missing command.": "缺少命令",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少 {param_type}",
    "Missing parameter: {param_name}": "缺少参数 {param_name}",
    "Invalid value: {message}": "值无效：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Option {name!r} does not take a value.": "选项 {name} 后面不能写值",
    "Argument {name!r} takes {nargs} values.": "参数 {name} 要写 {nargs} 个值",
    "Value must be an iterable.": "应写一组值",
    "Choose from:\n\t{choices}": "可选：{choices}",
    "Could not open file {filename!r}: {message}": "无法打开文件“{filename}”：{message}",
    "unknown error": "未知错误",
    # --- what a value should be ----------------------------------------------------------------
    "{value!r} is not a valid {number_type}.": "应为{number_type}",
    "{value} is not in the range {range}.": "应{range}",
    "{value!r} is not a valid boolean.": "应为布尔值（true/false）",
    "{value!r} is not a valid boolean. Recognized values: {states}": "应为布尔值（可写：{states}）",
    "{value!r} is not a valid UUID.": "“{value}”不是有效的 UUID",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "{name} {filename!r} does not exist.": "{name}“{filename}”不存在",
    "{name} {filename!r} is a file.": "“{filename}”是文件，不是文件夹",
    "{name} {filename!r} is a directory.": "“{filename}”是文件夹，不是文件",
    "{name} {filename!r} is not readable.": "{name}“{filename}”不可读",
    "{name} {filename!r} is not writable.": "{name}“{filename}”不可写",
    "{name} {filename!r} is not executable.": "{name}“{filename}”不可执行",
}

PLURALS: dict[tuple[str, str], str | tuple[str, str]] = {
    ("Did you mean {possibility}?", "(Possible options: {possibilities})"):  # click < 8.2
    "（是不是 {possibilities}？）",
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):  # click >= 8.2
    "（是不是 {possibilities}？）",
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "选项 {name} 后面要写一个值",
        "选项 {name} 后面要写 {nargs} 个值",
    ),
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): "多余的参数：{args}",
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): "“{value}”不是可选的值（可选：{choices}）",
    (
        "Takes {nargs} values but 1 was given.",
        "Takes {nargs} values but {len} were given.",
    ): "要写 {nargs} 个值，写了 {len} 个",
    (
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ): "要写 {len_type} 个值，写了 {len_value} 个",
    (
        "{value!r} does not match the format {format}.",
        "{value!r} does not match the formats {formats}.",
    ): "“{value}”不符合格式 {formats}",
}

# --- texts that reach perfgoals finished, in English ----------------------------------------------
# typer >= 0.26 carries its own copy of click (typer._click) with the gettext calls taken out, and
# converts values with its own code and pydantic.  Their messages cannot be translated while they are
# made; perfgoals.locale.translate matches the finished text against these templates instead.

# click's messages that typer's copy prints word for word as click's msgids (their Chinese is above)
VERBATIM: tuple[str, ...] = (
    "Invalid value for {param_hint}: {message}",
    "Invalid value: {message}",
    "Option {name!r} requires an argument.",
    "Option {name!r} requires {nargs} arguments.",
    "Option {name!r} does not take a value.",
    "Argument {name!r} takes {nargs} values.",
    "{value!r} is not one of {choices}.",  # typer's Enum choices
    "Value must be an iterable.",
    "Could not open file {filename!r}: {message}",
)

# texts that were never marked for translation: typer's own wording, and pydantic's error templates
UNMARKED: dict[str, str] = {
    "Got unexpected extra argument(s) ({args})": "多余的参数：{args}",
    "{message}. Did you mean {suggestions}?": "{message}，是不是 {suggestions}？",  # an unknown command
    "Value error, {error}": "{error}",
    "Input should be greater than or equal to {ge}": "应大于或等于 {ge}",
    "Input should be greater than {gt}": "应大于 {gt}",
    "Input should be less than or equal to {le}": "应小于或等于 {le}",
    "Input should be less than {lt}": "应小于 {lt}",
    "Input should be a valid integer": "应为整数",
    "Input should be a valid integer, unable to parse string as an integer": "应为整数",
    "Input should be a valid integer, got a number with a fractional part": "应为整数",
    "Input should be a valid number": "应为数字",
    "Input should be a valid number, unable to parse string as a number": "应为数字",
    "Input should be a valid boolean": "应为布尔值（true/false）",
    "Input should be a valid boolean, unable to interpret input": "应为布尔值（true/false）",
}
