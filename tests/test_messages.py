"""Messages: click's and typer's own texts through the Chinese catalogue (perfgoals.locale), and
perfgoals' own counts with their English plurals (perfgoals.i18n.T)."""

import ast
import importlib.util
import re
import string
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from perfgoals.cli import app
from perfgoals.i18n import T
from perfgoals.locale import ngettext, translate
from perfgoals.locale.zh import MESSAGES, PLURALS, UNMARKED, VERBATIM

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# typer >= 0.26 carries its own copy of click without gettext: there "Usage:" and the --help option's
# "Show this message and exit." stay English (its section titles and defaults still come through typer)
CLICK_MARKS_ITS_TEXTS = not typer.BadParameter.__module__.startswith("typer.")


def with_lang(args: list[str], lang: str) -> list[str]:
    """--lang after the command's name (an option before it would take `--lang` for its value)."""
    if args and args[0] in ("validate", "rules", "show", "new", "render"):
        return [args[0], "--lang", lang, *args[1:]]
    return [*args, "--lang", lang]


def run_main(monkeypatch, capsys, *args):
    """perfgoals' console entry point: (exit code, stderr)."""
    from perfgoals import cli

    monkeypatch.setattr(sys, "argv", ["perfgoals", *args])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    return exit_info.value.code, capsys.readouterr().err


@pytest.fixture
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


# --- usage errors ----------------------------------------------------------------------------------

KINDS = [  # one of each kind a user can meet: (arguments, the first line in Chinese)
    (["validate", "--bogus"], "perfgoals validate：没有选项 --bogus（是不是 --jobs？）"),
    (["validate", "--fo", "x"], "perfgoals validate：没有选项 --fo（是不是 --format、--jobs？）"),  # guesses: plural
    (["--bogus"], "perfgoals：没有选项 --bogus"),
    (["valdate"], "perfgoals：没有命令“valdate”"),
    (["show"], "perfgoals show：缺少参数 FILE"),
    (["new"], "perfgoals new：缺少选项 --code"),
    (["validate", "--format"], "perfgoals：选项 --format 后面要写一个值"),
    (["validate", "--strict=1"], "perfgoals：选项 --strict 后面不能写值"),
    (
        ["validate", "--format", "xml"],
        "perfgoals validate：--format / -f 的值无效：“xml”不是可选的值（可选：text、json、github、sarif、gitlab）",
    ),
    (
        ["render", "--format", "odt"],
        "perfgoals render：--format / -f 的值无效：“odt”不是可选的值（可选：html、md、docx、xlsx、pdf）",
    ),
    (["validate", "--jobs", "-1"], "perfgoals validate：--jobs / -j 的值无效：应大于或等于 0"),
    (["validate", "--jobs", "x"], "perfgoals validate：--jobs / -j 的值无效：应为整数"),
    (["rules", "PG401", "PG402"], "perfgoals rules：多余的参数：PG402"),
]


@pytest.mark.parametrize("args, said", KINDS, ids=[" ".join(a) for a, _ in KINDS])
def test_each_kind_of_usage_error_in_chinese_with_lang_zh(monkeypatch, at_root, capsys, args, said):
    monkeypatch.setenv("PERFGOALS_LANG", "en")  # --lang zh on the command line wins
    code, err = run_main(monkeypatch, capsys, *with_lang(args, "zh"))
    first, second = err.strip().split("\n")
    assert code == 2
    # newer click (and typer) guess the command meant
    assert first == said or (args == ["valdate"] and first == said + "，是不是 validate？")
    command = first.split("：")[0]
    assert second == f"运行 {command} --help 查看用法和选项。"


def test_usage_error_in_chinese_from_the_environment(monkeypatch, at_root, capsys):
    monkeypatch.setenv("PERFGOALS_LANG", "zh")
    code, err = run_main(monkeypatch, capsys, "validate", "--lang", "fr")
    assert code == 2
    assert (
        err
        == "perfgoals validate：--lang 的值无效：“fr”不是可选的值（可选：zh、en）\n运行 perfgoals validate --help 查看用法和选项。\n"
    )


@pytest.mark.parametrize("args", [a for a, _ in KINDS], ids=[" ".join(a) for a, _ in KINDS])
def test_usage_errors_in_english_are_clicks_own(monkeypatch, at_root, capsys, args):
    """With --lang en after a Chinese run in the same process: exactly what click prints without perfgoals'
    catalogue installed (its gettext names given back to the standard library's functions)."""
    from perfgoals import locale

    run_main(monkeypatch, capsys, *with_lang(args, "zh"))
    code, err = run_main(monkeypatch, capsys, *with_lang(args, "en"))
    assert code == 2 and "Error: " in err and not CJK.search(err)
    try:
        app(with_lang(args, "en"), standalone_mode=False, prog_name="perfgoals")
    except Exception as exc:  # click's usage error
        for name, module in list(sys.modules.items()):
            if name.split(".")[0] in ("click", "typer"):
                for attr, theirs, ours in locale._HOOKS:
                    if getattr(module, attr, None) is ours:
                        monkeypatch.setattr(module, attr, theirs)
        exc.show()
    assert capsys.readouterr().err == err


# --- the help page ---------------------------------------------------------------------------------


def test_help_in_chinese_with_lang_zh():
    out = runner.invoke(app, ["validate", "--help", "--lang", "zh"], env={"PERFGOALS_LANG": "en"}).output
    assert "\n参数:\n" in out and "\n选项:\n" in out and "[默认：(text)]" in out
    assert "Options:" not in out and "Arguments:" not in out
    if CLICK_MARKS_ITS_TEXTS:
        assert out.startswith("用法: perfgoals validate [OPTIONS]") and "显示此帮助并退出。" in out


def test_help_in_chinese_from_the_environment(monkeypatch, capsys):
    out = runner.invoke(app, ["--help"], env={"PERFGOALS_LANG": "zh"}).output
    assert "\n选项:\n" in out and "\n命令:\n" in out and "Commands:" not in out
    # and perfgoals alone, through the entry point (click < 8.2 shows it on stdout and exits 0, newer
    # click as a usage error)
    monkeypatch.setenv("PERFGOALS_LANG", "zh")
    from perfgoals import cli

    monkeypatch.setattr(sys, "argv", ["perfgoals"])
    with pytest.raises(SystemExit):
        cli.main()
    shown = capsys.readouterr()
    assert "\n命令:\n" in shown.out + shown.err


def test_help_in_english_unchanged():
    runner.invoke(app, ["--help"], env={"PERFGOALS_LANG": "zh"})
    out = runner.invoke(app, ["validate", "--help"], env={"PERFGOALS_LANG": "en"}).output
    assert out.startswith("Usage: perfgoals validate [OPTIONS]")
    assert "\nArguments:\n" in out and "\nOptions:\n" in out and "Show this message and exit." in out
    assert "[default: (text)]" in out and not CJK.search(out)
    out = runner.invoke(app, ["--help"], env={"PERFGOALS_LANG": "en"}).output
    assert "\nCommands:\n" in out


# --- plural forms -----------------------------------------------------------------------------------


def test_a_count_has_an_english_plural_and_one_chinese_form():
    files = T("{n} 个文件", "{n} file", "{n} files")
    assert [files.count(n)("en") for n in (0, 1, 2)] == ["0 files", "1 file", "2 files"]
    assert [files.count(n)("zh") for n in (0, 1, 2)] == ["0 个文件", "1 个文件", "2 个文件"]
    assert T("{n} 项，共 {total}", "{n} of {total}").count(3, total=5)("en") == "3 of 5"


@pytest.mark.parametrize(
    "path, en, zh",
    [
        ("data/projects/07-医疗救助援助启动资金.yaml", "1 file, 0 errors, 1 warning", "1 个文件, 0 个错误, 1 个警告"),
        ("data", "8 files, 0 errors, 9 warnings", "8 个文件, 0 个错误, 9 个警告"),
    ],
)
def test_the_reports_summary_counts(at_root, path, en, zh):
    for lang, said in (("en", en), ("zh", zh)):
        result = runner.invoke(app, ["validate", path, "--no-cache", "--lang", lang])
        assert result.output.rstrip().endswith(said), result.output


def test_fmt_counts(in_tmp):
    (in_tmp / "a.yaml").write_text("year:    2023\n", "utf-8")
    said = {lang: runner.invoke(app, ["fmt", "--check", ".", "--lang", lang]).output for lang in ("en", "zh")}
    assert said == {
        "en": "would reformat a.yaml\n1 file would be reformatted, 0 unchanged\n",
        "zh": "需要格式化 a.yaml\n1 个文件需要格式化，0 个文件不变\n",
    }
    (in_tmp / "b.yaml").write_text("year:  2024\n", "utf-8")
    assert runner.invoke(app, ["fmt", "--check", ".", "--lang", "en"]).output.endswith(
        "2 files would be reformatted, 0 unchanged\n"
    )
    assert runner.invoke(app, ["fmt", ".", "--lang", "en"]).output.endswith("2 files reformatted, 0 unchanged\n")
    assert runner.invoke(app, ["fmt", ".", "--lang", "zh"]).output == "0 个文件已格式化，2 个文件不变\n"


def test_clicks_plural_messages_in_chinese():
    one, two = "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."
    assert ngettext(one, two, 1).format(name="-o", nargs=1) == "选项 -o 后面要写一个值"
    assert ngettext(one, two, 2).format(name="-o", nargs=2) == "选项 -o 后面要写 2 个值"
    assert (
        ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 2).format(
            args="a b"
        )
        == "多余的参数：a b"
    )
    # the same messages as typer's copy of click prints them, finished
    assert translate("Option '-o' requires 2 arguments.") == "选项 -o 后面要写 2 个值"
    assert translate("Got unexpected extra argument(s) (a b)") == "多余的参数：a b"


def test_finished_english_texts_and_the_fields_click_words_for_english():
    from perfgoals.locale import gettext

    assert (
        translate("Invalid value for '--jobs' / '-j': Input should be less than 5") == "--jobs / -j 的值无效：应小于 5"
    )
    assert (
        translate("没有命令“valdate”. Did you mean 'validate', 'valid'?")
        == "没有命令“valdate”，是不是 validate、valid？"
    )
    assert translate("anything else") == "anything else"
    assert gettext("{value} is not in the range {range}.").format(value=5, range="0<=x<5") == "应大于或等于 0 且小于 5"
    assert gettext("{value!r} is not a valid {number_type}.").format(value="x", number_type="float") == "应为数字"


# --- the catalogue ---------------------------------------------------------------------------------


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_msgstr_uses_only_the_fields_click_gives_it():
    for msgid, msgstr in MESSAGES.items():
        assert fields(msgstr) <= fields(msgid), msgid
    for (one, other), msgstr in PLURALS.items():
        for text in (msgstr,) if isinstance(msgstr, str) else msgstr:
            assert fields(text) <= fields(one) | fields(other), one
    for template, msgstr in UNMARKED.items():
        assert fields(msgstr) <= fields(template), template


def test_verbatim_templates_are_clicks_msgids():
    msgids = set(MESSAGES) | {m for pair in PLURALS for m in pair}
    assert set(VERBATIM) <= msgids


# Marked for gettext, but never met by a perfgoals user: how a program declares its commands, prompts
# (perfgoals never asks), deprecated commands (none), click's own --version (perfgoals has its own).
NOT_MET = {
    "Name '{name}' defined twice",
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? "
    "Did you mean to pass '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Invalid start character for option ({option})",
    "Choice({choices})",
    "Do you want to continue?",
    "Confirm the action without prompting.",
    "%(prog)s, version %(version)s",
    "DeprecationWarning: The command {name!r} is deprecated.",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}",
    "{text} {deprecated_message}",
}


def test_the_catalogue_covers_what_installed_click_and_typer_mark():
    """Every message the installed click and typer mark for translation in the modules a usage error or
    a help page is made in (typer's rich_utils is not used: perfgoals turns rich help and errors off)."""
    missing = []
    for package, modules in (
        ("click", ("core", "exceptions", "parser", "types", "formatting", "decorators")),
        ("typer", ("core",)),
    ):
        spec = importlib.util.find_spec(package)
        if spec is None:
            continue  # typer >= 0.26 needs no click
        for module in modules:
            source = Path(spec.origin).with_name(f"{module}.py").read_text("utf-8")
            for node in ast.walk(ast.parse(source)):
                if not (
                    isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext")
                ):
                    continue
                args = tuple(a.value for a in node.args[:2] if isinstance(a, ast.Constant) and isinstance(a.value, str))
                if node.func.id == "_" and len(args) == 1 and args[0] not in MESSAGES and args[0] not in NOT_MET:
                    missing.append(f"{package}.{module}: {args[0]!r}")
                if node.func.id == "ngettext" and len(args) == 2 and args not in PLURALS:
                    missing.append(f"{package}.{module}: {args!r}")
    assert missing == []
