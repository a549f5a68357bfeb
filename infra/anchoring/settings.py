"""Where checkpoints go and which keys sign and verify them, read from the environment:

- `ZHIFA_CHECKPOINT_DIR`: the checkpoint directory (default `<ZHIFA_DATA_DIR>/checkpoints`). Put it on other
  storage than the database (another disk, a WORM mount, a synced share): the point is that a database
  administrator cannot rewrite it too.
- `ZHIFA_ANCHOR_KEY_FILE` or `ZHIFA_ANCHOR_KEY`: the Ed25519 private key (PEM) of the process that signs
  (the worker's daily schedule, `zhifa audit checkpoint`).
- `ZHIFA_ANCHOR_PUBLIC_KEY_FILE` or `ZHIFA_ANCHOR_PUBLIC_KEY`: the public key (PEM) that verifies; without it,
  the public half of the signing key.

In development, with no key configured, a key is generated once at `<ZHIFA_DATA_DIR>/anchor-dev-key.pem`
(only the machine's own checkpoints can be trusted to it); production refuses to sign without a key.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from infra.anchoring.keys import Signer, Verifier
from infra.settings import Environment, Settings, SettingsError

DEV_KEY_NAME = "anchor-dev-key.pem"


@dataclass(frozen=True)
class KeySource:
    """A PEM key given inline or by file, and where it came from (for messages)."""

    variable: str
    pem: bytes


@dataclass(frozen=True)
class AnchorSettings:
    checkpoint_dir: Path
    signing_key: KeySource | None
    public_key: KeySource | None
    dev_key_file: Path | None  # development only

    @classmethod
    def from_env(cls, environ: Mapping[str, str], settings: Settings) -> AnchorSettings:
        directory = environ.get("ZHIFA_CHECKPOINT_DIR", "").strip()
        development = settings.env is Environment.DEVELOPMENT
        return cls(
            checkpoint_dir=Path(directory).expanduser().resolve() if directory else settings.data_dir / "checkpoints",
            signing_key=_key(environ, "ZHIFA_ANCHOR_KEY"),
            public_key=_key(environ, "ZHIFA_ANCHOR_PUBLIC_KEY"),
            dev_key_file=settings.data_dir / DEV_KEY_NAME if development else None,
        )

    def signer(self) -> Signer:
        """The signing key (raises `AnchorKeyError` for a key that is not Ed25519 PEM)."""
        if self.signing_key is not None:
            return Signer.from_pem(self.signing_key.pem, self.signing_key.variable)
        if self.dev_key_file is None:
            raise SettingsError("ZHIFA_ANCHOR_KEY_FILE", "must name the Ed25519 checkpoint signing key (PEM) in "
                                                         "production")
        return _development_key(self.dev_key_file)

    def verifier(self) -> Verifier:
        if self.public_key is not None:
            return Verifier.from_pem(self.public_key.pem, self.public_key.variable)
        if self.signing_key is not None:
            return self.signer().verifier
        if self.dev_key_file is not None and self.dev_key_file.is_file():
            return _development_key(self.dev_key_file).verifier
        raise SettingsError("ZHIFA_ANCHOR_PUBLIC_KEY_FILE", "must name the Ed25519 public key (PEM) that signed "
                                                            "the checkpoints")


def _key(environ: Mapping[str, str], variable: str) -> KeySource | None:
    """`<variable>_FILE` (a path) wins over `<variable>` (the PEM itself)."""
    path = environ.get(f"{variable}_FILE", "").strip()
    if path:
        file = Path(path).expanduser()
        if not file.is_file():
            raise SettingsError(f"{variable}_FILE", f"file {file} does not exist")
        return KeySource(f"{variable}_FILE ({file})", file.read_bytes())
    inline = environ.get(variable, "").strip()
    return KeySource(variable, inline.encode("utf-8")) if inline else None


def _development_key(path: Path) -> Signer:
    """The development key, created on first use: written aside, then linked into place, so a concurrent first
    use never reads a half-written file and two processes end up with the same key."""
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{os.getpid()}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as file:
            file.write(Signer.generate().private_pem())
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another process was first: its key is the key
        finally:
            draft.unlink()
    return Signer.from_pem(path.read_bytes(), str(path))
