"""The same input gives the same .docx and .xlsx, byte for byte, as it does html, md and pdf.

python-docx and openpyxl stamp every zip member with the time of writing and openpyxl the document's
dcterms:created and dcterms:modified with now: the package is rewritten with fixed member times (the zip
epoch, 1980-01-01) and fixed document dates, `SOURCE_DATE_EPOCH` when it is set (the reproducible-builds
convention), else 2000-01-01T00:00:00Z.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_DATES = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def fixed_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        moment = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return "2000-01-01T00:00:00Z"


def reproducible(data: bytes) -> bytes:
    """The package data with fixed member times and document dates, members in their order."""
    date = fixed_date().encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = _DATES.sub(lambda m: m.group(1) + date + m.group(3), blob)
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, blob)
    return out.getvalue()
