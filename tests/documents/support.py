"""Reading generated documents back: the text of a .docx (paragraphs and table cells), and the text of its PDF
through poppler, whitespace squeezed out (LibreOffice breaks lines anywhere in Chinese text)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return squeeze("".join(p.text for p in document.paragraphs) + "".join(cells))


def pdf_text(content: bytes) -> str:
    tool = shutil.which("pdftotext")
    assert tool is not None, "pdftotext is missing: run scripts/system-deps.sh as root"
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "document.pdf"
        path.write_bytes(content)
        return squeeze(subprocess.run([tool, str(path), "-"], capture_output=True, text=True, timeout=60,
                                      check=True).stdout)
