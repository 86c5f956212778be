"""`perfgoals summary`: the department's figures at a glance, in the format's writer.

The figures (perfgoals.document: Summary, summarize) and their forms (perfgoals.writers:
summary_text, summary_md, summary_html, summary_json) live elsewhere; this is the command alone.
"""

from __future__ import annotations

from typing import TextIO

from perfgoals import reporters, writers
from perfgoals.document import Document, summarize
from perfgoals.errors import EXIT_USAGE
from perfgoals.extras import require
from perfgoals.i18n import T
from perfgoals.render import emit, options_for
from perfgoals.validate import validate


LEFT_OUT = T(
    "perfgoals：{n} 个项目文件有格式错误或无法读取，未计入合计（perfgoals validate 查看详情）\n",
    "perfgoals: {n} project file could not be read or had form errors, and is left out of the totals "
    "(perfgoals validate shows why)\n",
    "perfgoals: {n} project files could not be read or had form errors, and are left out of the totals "
    "(perfgoals validate shows why)\n",
)


def run(path: str, fmt: str, lang: str, out: TextIO, err: TextIO, cache: bool = False) -> int:
    """The summary of PATH in the format's writer; cache: take unchanged files' findings and models from
    .perfgoals_cache/ (perfgoals.cache)."""
    writer = writers.SUMMARY[fmt]
    if writer.needs is not None:
        require(writer.needs)  # before any work: a missing extra is a UserError naming the pip command
    # light files: each project's figures (load.Figures) are all the summary needs of its model, so the cache
    # and the pool answer as they do for validate
    report = validate([path], lang=lang, jobs=0, cache=cache, keep_models=False)  # 0: a pool for a large set
    if report.unreadable:
        reporters.get("text")(report, err, lang)
        return EXIT_USAGE
    if not report.projects:
        err.write(T(f"perfgoals: {path} 中没有项目文件\n", f"perfgoals: no project files in {path}\n")(lang))
        return EXIT_USAGE
    s = summarize(report)
    data = writer.load()(Document(summary=s), options_for(out, lang))
    emit(data, out, writer.console)
    missing = [r.path for r in s.rows if r.total is None]
    if missing:
        err.write(LEFT_OUT.count(len(missing))(lang))
    return report.exit_code()
