"""The templates: one TOML file per document kind plus the town's particulars (`town.toml`), shipped in
`infra/documents/templates/`, overridden per town by `$ZHIFA_DOCUMENT_TEMPLATES_DIR/<town code>/…` (a file
there replaces the shipped one; a `town.toml` there changes only the keys it gives). A template is a list of
blocks — a paragraph (`text`, a `style`, printed only `when` its field is not empty), a two-column `table` or a
signature's `lines` — whose `{field}` placeholders the case fills in. The template version is a hash of the
files used, so a document records exactly which wording it was rendered with."""

from __future__ import annotations

import hashlib
import string
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from domain.documents.kinds import DocumentKind
from infra.settings import SettingsError

SHIPPED = Path(__file__).parent / "templates"
TEMPLATES_VARIABLE = "ZHIFA_DOCUMENT_TEMPLATES_DIR"
STYLES = frozenset({"agency", "title", "number", "body", "plain", "signature", "note"})


class TemplateError(ValueError):
    """A template that cannot be used, naming its file and what is wrong."""


@dataclass(frozen=True)
class Block:
    style: str = "body"
    text: str = ""
    when: str = ""
    table: tuple[tuple[str, str], ...] = ()
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Template:
    kind: DocumentKind
    title: str
    blocks: tuple[Block, ...]
    town: Mapping[str, str]  # the agency's particulars, already resolved
    version: str
    source: str  # the template file, for error messages


class TemplateLibrary:
    def __init__(self, override_dir: Path | None = None, shipped: Path = SHIPPED) -> None:
        self._override = override_dir
        self._shipped = shipped

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> TemplateLibrary:
        """`ZHIFA_DOCUMENT_TEMPLATES_DIR`: the towns' overrides (unset: the shipped templates only)."""
        value = environ.get(TEMPLATES_VARIABLE, "").strip()
        if not value:
            return cls()
        directory = Path(value).expanduser().resolve()
        if not directory.is_dir():
            raise SettingsError(TEMPLATES_VARIABLE, f"{directory} is not a directory")
        return cls(directory)

    def template(self, kind: DocumentKind, town_code: str, names: Mapping[str, str]) -> Template:
        """The template of `kind` for the town; `names` gives `town_name` and `district_name`."""
        path = self._find(f"{kind.value}.toml", town_code)
        raw = path.read_bytes()
        parsed = _toml(path, raw)
        town, town_bytes = self._town(town_code, names)
        digest = hashlib.sha256(raw + b"\0" + town_bytes).hexdigest()[:16]
        blocks = tuple(_block(path, index, item) for index, item in enumerate(parsed.get("blocks", []), start=1))
        if not blocks:
            raise TemplateError(f"{path}: a template has at least one [[blocks]] entry")
        return Template(kind=kind, title=str(parsed.get("title", "")), blocks=blocks, town=town,
                        version=f"{kind.value}@{digest}", source=str(path))

    def _find(self, name: str, town_code: str) -> Path:
        for base in self._bases(town_code):
            if (base / name).is_file():
                return base / name
        raise TemplateError(f"no template {name} in {', '.join(str(b) for b in self._bases(town_code))}")

    def _bases(self, town_code: str) -> list[Path]:
        bases = [self._override / town_code, self._override] if self._override is not None else []
        return [*bases, self._shipped / town_code, self._shipped]

    def _town(self, town_code: str, names: Mapping[str, str]) -> tuple[dict[str, str], bytes]:
        """The shipped defaults, then each more specific town.toml on top (shipped town dir, override dir, override
        town dir)."""
        merged: dict[str, str] = {}
        used = b""
        for base in reversed(self._bases(town_code)):
            path = base / "town.toml"
            if path.is_file():
                raw = path.read_bytes()
                used += raw + b"\0"
                merged |= {str(k): str(v) for k, v in _toml(path, raw).items()}
        return {key: fill(value, names, f"town.toml ({key})") for key, value in merged.items()}, used


def fill(text: str, fields: Mapping[str, str], source: str) -> str:
    """`text` with its {placeholders} filled; TemplateError naming the unknown field and where it is."""
    try:
        return string.Formatter().vformat(text, (), fields)
    except KeyError as missing:
        raise TemplateError(f"{source}: unknown field {{{missing.args[0]}}}") from None
    except (ValueError, IndexError) as error:
        raise TemplateError(f"{source}: {error}") from None


def _toml(path: Path, raw: bytes) -> dict[str, Any]:
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise TemplateError(f"{path}: {error}") from None


def _block(path: Path, index: int, item: Any) -> Block:
    if not isinstance(item, dict):
        raise TemplateError(f"{path}: block {index} is not a table")
    style = str(item.get("style", "body"))
    if style not in STYLES:
        raise TemplateError(f"{path}: block {index} has style {style!r}; styles are {', '.join(sorted(STYLES))}")
    table: Sequence[Any] = item.get("table", ())
    if any(not isinstance(row, list) or len(row) != 2 for row in table):
        raise TemplateError(f"{path}: block {index}: every table row is [label, value]")
    return Block(style=style, text=str(item.get("text", "")), when=str(item.get("when", "")),
                 table=tuple((str(a), str(b)) for a, b in table), lines=tuple(str(x) for x in item.get("lines", ())))
