"""`render --format html`: the official document as one HTML page (document.html.j2), ready to print."""

from __future__ import annotations

from perfgoals.document import Document
from perfgoals.writers import Options
from perfgoals.writers.templating import environment, render_template


def text(doc: Document, options: Options) -> str:
    """The page as text (the PDF writer prints it)."""
    env = environment("html", options.templates)
    page = render_template(env, "document.html.j2", doc=doc, department=doc.department, projects=doc.projects)
    return page.strip("\n") + "\n"


def generate(doc: Document, options: Options) -> bytes:
    return text(doc, options).encode("utf-8")
