"""The checkpoint directory only ever adds files, and the keys come from the environment, never the database."""

from __future__ import annotations

import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from domain.anchoring.checkpoint import SignedCheckpoint, StreamHead, new_checkpoint, ordered
from infra.anchoring import AnchorKeyError, AnchorSettings, CheckpointDirectory, Signer, load
from infra.settings import Settings, SettingsError

HEADS = ordered([StreamHead("CASE-2", 4, "b" * 64), StreamHead("CASE-1", 3, "a" * 64)])
SIGNER = Signer.generate()


def signed(sequence: int) -> tuple[SignedCheckpoint, tuple[StreamHead, ...]]:
    checkpoint = new_checkpoint(HEADS, sequence=sequence, created_at=datetime(2025, 3, 3, tzinfo=UTC),
                                log_position=7, event_count=7, key_id=SIGNER.key_id)
    return SIGNER.sign(checkpoint), HEADS


def test_each_checkpoint_is_a_new_read_only_file_and_earlier_ones_stay_as_written(tmp_path: Path) -> None:
    directory = CheckpointDirectory(tmp_path / "checkpoints")
    first = directory.write(signed)
    before = first.path.read_bytes()
    second = directory.write(signed)

    assert [p.name for _, p in directory.numbered()] == ["checkpoint-000001.json", "checkpoint-000002.json"]
    assert first.path.read_bytes() == before
    assert not first.path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    reread = load(second.path)
    assert (reread.signed.checkpoint.sequence, reread.heads) == (2, HEADS)
    assert directory.resolve("latest") == second.path


def test_a_writer_that_loses_the_race_for_a_number_signs_again_under_the_next(tmp_path: Path) -> None:
    directory = CheckpointDirectory(tmp_path)
    asked: list[int] = []

    def racing(sequence: int) -> tuple[SignedCheckpoint, tuple[StreamHead, ...]]:
        if not asked:  # another process writes checkpoint 1 between our listing and our create
            (tmp_path / "checkpoint-000001.json").write_text("theirs", encoding="utf-8")
        asked.append(sequence)
        return signed(sequence)

    written = directory.write(racing)

    assert asked == [1, 2]
    assert written.path.name == "checkpoint-000002.json"
    assert written.signed.checkpoint.sequence == 2
    assert (tmp_path / "checkpoint-000001.json").read_text(encoding="utf-8") == "theirs"


def test_an_empty_directory_has_no_latest_checkpoint(tmp_path: Path) -> None:
    with pytest.raises(LookupError, match=r"no checkpoint in .* yet"):
        CheckpointDirectory(tmp_path / "none").resolve("latest")


def settings(tmp_path: Path, **environ: str) -> AnchorSettings:
    env = {"ZHIFA_DATA_DIR": str(tmp_path), **environ}
    return AnchorSettings.from_env(env, Settings.from_env(env))


def test_production_refuses_to_sign_without_a_configured_key(tmp_path: Path) -> None:
    anchor = settings(tmp_path, ZHIFA_ENV="production", ZHIFA_DATABASE_URL="postgresql+asyncpg://z@db/zhifa")

    with pytest.raises(SettingsError, match="ZHIFA_ANCHOR_KEY_FILE: must name the Ed25519 checkpoint signing key"):
        anchor.signer()
    assert anchor.checkpoint_dir == tmp_path.resolve() / "checkpoints"


def test_development_generates_one_key_beside_the_data_and_keeps_it(tmp_path: Path) -> None:
    first, again = settings(tmp_path).signer(), settings(tmp_path).signer()

    assert first.key_id == again.key_id
    assert stat.S_IMODE((tmp_path / "anchor-dev-key.pem").stat().st_mode) == 0o600
    assert settings(tmp_path).verifier().key_id == first.key_id


def test_a_key_file_wins_and_the_public_key_verifies_without_the_private_one(tmp_path: Path) -> None:
    key = tmp_path / "key.pem"
    key.write_bytes(SIGNER.private_pem())
    public = SIGNER.verifier.public_pem().decode("ascii")

    assert settings(tmp_path, ZHIFA_ANCHOR_KEY_FILE=str(key)).signer().key_id == SIGNER.key_id
    assert settings(tmp_path, ZHIFA_ANCHOR_PUBLIC_KEY=public).verifier().key_id == SIGNER.key_id
    assert not (tmp_path / "anchor-dev-key.pem").exists()


def test_a_key_that_is_not_ed25519_is_refused_naming_where_it_came_from(tmp_path: Path) -> None:
    p256 = ec.generate_private_key(ec.SECP256R1()).private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())

    with pytest.raises(AnchorKeyError, match=r"^ZHIFA_ANCHOR_KEY is not an Ed25519 private key$"):
        settings(tmp_path, ZHIFA_ANCHOR_KEY=p256.decode("ascii")).signer()
    with pytest.raises(SettingsError, match=r"ZHIFA_ANCHOR_PUBLIC_KEY_FILE: file .* does not exist"):
        settings(tmp_path, ZHIFA_ANCHOR_PUBLIC_KEY_FILE=str(tmp_path / "missing.pem"))
