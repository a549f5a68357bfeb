"""Reading docker-compose.yml and the Dockerfile as the deployment tests need them: services, their environment
with YAML merges resolved, and each service's view of its secrets as files of valid test values."""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path
from typing import Any

import yaml
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
SECRETS_DIR = "/run/secrets/"
ZHIFA_IMAGE = "zhifa:"


def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    return data


def services() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = compose()["services"]
    return found


def zhifa_services() -> dict[str, dict[str, Any]]:
    """The services that run the zhifa image (its entrypoint is `zhifa`, the command a subcommand)."""
    return {name: s for name, s in services().items() if str(s.get("image", "")).startswith(ZHIFA_IMAGE)}


def environment(service: dict[str, Any]) -> dict[str, str]:
    """The service's environment as compose sets it when the shell sets none of the `${VAR:-default}` it names."""
    return {key: _INTERPOLATION.sub(lambda m: m.group(2) or "", str(value))
            for key, value in (service.get("environment") or {}).items()}


_INTERPOLATION = re.compile(r"\$\{(\w+)(?::?-([^}]*))?\}")


def test_secret_value(name: str) -> str:
    """A valid value for each secret the compose file declares (what scripts/make-secrets.sh generates)."""
    if name == "payload_keys":
        return f"2026-01:{base64.b64encode(os.urandom(32)).decode()}\n"
    if name == "jwt_public_key":
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        return key.public_key().public_bytes(serialization.Encoding.PEM,
                                             serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    return "test-password-" + os.urandom(8).hex() + "\n"


def environment_with_secrets(service: dict[str, Any], folder: Path) -> dict[str, str]:
    """The service's environment with every /run/secrets/NAME path moved to a file of a valid value under
    `folder`; only the secrets the service mounts are written, so a path to an unmounted one stays missing."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in service.get("secrets", []):
        (folder / name).write_text(test_secret_value(name), encoding="utf-8")
    return {key: value.replace(SECRETS_DIR, f"{folder}/") for key, value in environment(service).items()}


def dockerfile_stages() -> list[str]:
    return re.findall(r"^FROM\s+\S+\s+AS\s+(\S+)", DOCKERFILE.read_text(encoding="utf-8"), re.MULTILINE | re.I)


def dockerfile_instructions(keyword: str) -> list[str]:
    pattern = rf"^{keyword}\s+(.+)$"
    return re.findall(pattern, DOCKERFILE.read_text(encoding="utf-8"), re.MULTILINE)


def probe_url(service: dict[str, Any]) -> str | None:
    """The http URL a service's healthcheck requests, if it requests one."""
    found = re.search(r"https?://[^'\" ]+", " ".join(service.get("healthcheck", {}).get("test", [])))
    return found.group(0) if found else None
