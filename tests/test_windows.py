"""Chinese Windows: the language from the user's display language when no locale variable is set, and the
help pages of every command in Chinese (issue 13)."""

from __future__ import annotations

import types

import pytest

from conftest import DATA
from perfgoals import i18n

LOCALE_VARS = ("PERFGOALS_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


def _perfgoals(*args: str):
    from typer.testing import CliRunner

    from perfgoals.cli import app

    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def windows(monkeypatch):
    """Windows as it usually is: no locale variable set; the display language is set per test."""
    for var in LOCALE_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(i18n, "sys", types.SimpleNamespace(platform="win32"))

    def display_language(langid: int | None) -> None:
        monkeypatch.setattr(i18n, "windows_ui_language", lambda: langid)

    return display_language


@pytest.mark.parametrize("langid", [0x0804, 0x0404, 0x0C04])
def test_a_chinese_display_language_gives_chinese_messages(windows, langid):
    windows(langid)
    result = _perfgoals("validate", str(DATA))
    assert result.exit_code == 0
    assert "警告  PG603" in result.stdout and "8 个文件, 0 个错误, 9 个警告" in result.stdout


@pytest.mark.parametrize("langid", [0x0409, None])
def test_another_display_language_gives_english(windows, langid):
    windows(langid)
    result = _perfgoals("validate", str(DATA))
    assert "warning  PG603" in result.stdout


def test_a_locale_variable_wins_over_the_display_language(windows, monkeypatch):
    windows(0x0804)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert i18n.default_lang() == "en"


def test_windows_ui_language_is_none_elsewhere():
    import sys

    if sys.platform != "win32":
        assert i18n.windows_ui_language() is None


def test_help_is_chinese_on_chinese_windows(windows):
    windows(0x0804)
    result = _perfgoals("validate", "--help")
    assert result.exit_code == 0
    assert (
        "直接检查 .xlsx 工作簿" in result.stdout and "选项" in result.stdout and "显示此帮助并退出。" in result.stdout
    )


def _commands():
    import typer

    from perfgoals.cli import app

    return typer.main.get_command(app).commands


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_commands_help_is_chinese(name, monkeypatch):
    """Every description and option help a command shows has its Chinese (perfgoals.locale.help_zh)."""
    from perfgoals.locale import help_key
    from perfgoals.locale.help_zh import HELP

    command = _commands()[name]
    texts = [command.help] + [p.help for p in command.params if getattr(p, "help", None)]
    missing = [help_key(t) for t in texts if help_key(t) not in HELP]
    assert not missing, f"add the Chinese of these to src/perfgoals/locale/help_zh.py: {missing}"
    monkeypatch.setenv("PERFGOALS_LANG", "zh")
    shown = _perfgoals(name, "--help").stdout
    first = HELP[help_key(command.help)].split("\n")[0]
    assert first[:20] in shown.replace("\n  ", "")
