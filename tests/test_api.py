"""The public library API (perfgoals.api), as a program uses it."""

import pytest

from perfgoals import api
from perfgoals.errors import UserError


def test_validate_returns_the_report_the_json_format_prints():
    report = api.validate(["data"], lang="en")
    assert isinstance(report, api.Report)
    assert (report.errors, report.warnings, len(report.checked)) == (0, 9, 8)
    first = report.findings[0]
    assert isinstance(first, api.Finding) and first.severity is api.Severity.WARNING
    assert (first.code, first.line, first.column) == ("PG603", 8, 16)
    assert report.as_dict()["version"] == 1


def test_check_text_checks_an_unsaved_buffer():
    path = "data/projects/03-红十字会法、宣传读本等.yaml"
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    assert api.check_text(path, text).findings == []
    codes = [f.code for f in api.check_text(path, text.replace("target: ≥90%", "target: ≥80%")).findings]
    assert codes == ["PG405"]


def test_load_and_render_document():
    loaded = api.load("data/projects/01-第三方专项审计费.yaml")
    assert loaded.model is not None and loaded.model.code and loaded.hits == []
    broken = api.load("README.md")
    assert broken.model is None and broken.hits
    html = api.render_document("data", "html").decode("utf-8")
    assert "唐山市红十字会本级" in html and "<table" in html
    md = api.render_document("data/projects/01-第三方专项审计费.yaml", "md").decode("utf-8")
    assert "第三方专项审计费" in md


def test_render_document_refuses_files_with_errors(data_copy):
    (data_copy / "projects" / "broken.yaml").write_text("year: [2023\n", "utf-8")
    with pytest.raises(UserError) as info:
        api.render_document(data_copy, "md", lang="en")
    assert "nothing rendered" in info.value.message.en
    assert api.render_document(data_copy, "md", allow_errors=True)
