"""PDF copies through LibreOffice (`soffice --headless --convert-to pdf`), when it is installed.

The conversion's profile maps the documents' declared fonts (宋体, Times New Roman) onto Noto Serif CJK SC
(fonts-noto-cjk), which servers have and Windows fonts they lack: the PDF then looks like the document in Word.
One conversion at a time (LibreOffice's profile is not shared between concurrent instances). A conversion is not
byte-stable (LibreOffice writes /CreationDate and a random /ID): the service stores each version's PDF once and
serves those bytes (`infra.documents.service.DocumentService.pdf`)."""

from __future__ import annotations

import functools
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

TIMEOUT_SECONDS = 180
_REPLACED = ("宋体", "SimSun", "Times New Roman")
_SUBSTITUTE = "Noto Serif CJK SC"
_lock = threading.Lock()


class PdfUnavailable(RuntimeError):
    """LibreOffice is not installed, or the conversion failed (its output in the message)."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@functools.cache
def converter() -> str:
    """The converter's name and version, as recorded with each rendition ("LibreOffice 7.4.7.2")."""
    program = soffice()
    if program is None:
        raise PdfUnavailable("PDF copies need LibreOffice (soffice) on the server: run scripts/system-deps.sh")
    done = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=60, check=False)
    words = done.stdout.split()
    return " ".join(words[:2]) if len(words) >= 2 else "LibreOffice"


def to_pdf(docx: bytes) -> bytes:
    program = soffice()
    if program is None:
        raise PdfUnavailable("PDF copies need LibreOffice (soffice) on the server: run scripts/system-deps.sh")
    with _lock, tempfile.TemporaryDirectory(prefix="zhifa-pdf-") as work:
        root = Path(work)
        _profile(root / "profile")
        source = root / "document.docx"
        source.write_bytes(docx)
        done = subprocess.run([program, f"-env:UserInstallation={(root / 'profile').as_uri()}", "--headless",
                               "--convert-to", "pdf", "--outdir", str(root), str(source)],
                              capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
        pdf = root / "document.pdf"
        if done.returncode != 0 or not pdf.is_file():
            raise PdfUnavailable(f"LibreOffice could not convert the document: {done.stdout}{done.stderr}".strip())
        return pdf.read_bytes()


def _profile(directory: Path) -> None:
    pairs = "".join(
        f'<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs"><node oor:name="_{index}" '
        f'oor:op="replace"><prop oor:name="Always" oor:op="fuse"><value>true</value></prop><prop '
        f'oor:name="OnScreenOnly" oor:op="fuse"><value>false</value></prop><prop oor:name="ReplaceFont" '
        f'oor:op="fuse"><value>{font}</value></prop><prop oor:name="SubstituteFont" oor:op="fuse"><value>'
        f'{_SUBSTITUTE}</value></prop></node></item>' for index, font in enumerate(_REPLACED))
    user = directory / "user"
    user.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<item oor:path="/org.openoffice.Office.Common/Font/Substitution"><prop oor:name="Replacement" '
        f'oor:op="fuse"><value>true</value></prop></item>{pairs}</oor:items>', encoding="utf-8")
