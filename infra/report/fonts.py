"""The CJK font the charts are drawn with: Noto Sans CJK SC from Debian's fonts-noto-cjk (installed by
scripts/system-deps.sh), located through fontconfig or its known path. Without it Chinese labels would come out as
empty boxes, so a missing font is an error with the fix in its message."""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

CJK_SANS = "Noto Sans CJK SC"  # chart labels, docx headings
CJK_SERIF = "Noto Serif CJK SC"  # docx body text
KNOWN_FILES = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf"),
    Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"),
)


class CjkFontMissing(RuntimeError):
    def __init__(self) -> None:
        super().__init__(
            f"no CJK font found for the report charts ({CJK_SANS}): install Debian's fonts-noto-cjk and fontconfig "
            "(run scripts/system-deps.sh as root)"
        )


@functools.cache
def cjk_font_file() -> Path:
    """The font file holding Noto Sans CJK SC (a .ttc collection or an .otf)."""
    matched = _fontconfig_match(CJK_SANS)
    if matched is not None:
        return matched
    for candidate in KNOWN_FILES:
        if candidate.is_file():
            return candidate
    raise CjkFontMissing()


def _fontconfig_match(family: str) -> Path | None:
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    result = subprocess.run([fc_match, "-f", "%{file}", f"{family}:lang=zh-cn"], capture_output=True, text=True,
                            timeout=30, check=False)
    found = Path(result.stdout.strip()) if result.returncode == 0 and result.stdout.strip() else None
    # fc-match always answers with *some* font; only a Noto CJK file will do.
    if found is None or "CJK" not in found.name or not found.is_file():
        return None
    return found
