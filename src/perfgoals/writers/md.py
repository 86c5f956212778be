"""`render --format md`: the official document as GitHub-flavoured Markdown (document.md.j2)."""

from __future__ import annotations

import re

from perfgoals.document import Document
from perfgoals.writers import Options
from perfgoals.writers.templating import environment, render_template


def generate(doc: Document, options: Options) -> bytes:
    env = environment("md", options.templates)
    text = render_template(env, "document.md.j2", doc=doc, department=doc.department, projects=doc.projects)
    # Templates stay readable with generous blank lines; Markdown needs at most one.
    text = re.sub(r"\n{3,}", "\n\n", text)
    return (text.strip("\n") + "\n").encode("utf-8")
