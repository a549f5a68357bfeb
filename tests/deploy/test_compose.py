"""The compose file and the Dockerfile, checked against the code they deploy: every zhifa service starts an
existing subcommand and its production settings (database, payload keys, JWT key) are complete and read from
mounted secrets; health checks probe the ports and routes the processes serve; the startup order waits on
health checks and completed one-shots; images are pinned; the image runs unprivileged from the pinned set."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from starlette.routing import Route

from infra.auth import AuthSettings
from infra.settings import Environment, Settings
from infra.supervision import FaultConfig, Faults, PlatformStorage, platform_app
from infra.temporal.payload_keys import PayloadKeys
from tests.deploy.compose import (
    ZHIFA_IMAGE,
    compose,
    dockerfile_instructions,
    dockerfile_stages,
    environment,
    environment_with_secrets,
    probe_url,
    services,
    zhifa_services,
)
from zhifa.api_server import build_app
from zhifa.cli import build_parser

APP_ROLE = "zhifa_app"
ONE_SHOTS = {"migrate", "temporal-setup"}


def _parsed(command: list[str]) -> argparse.Namespace:
    return build_parser().parse_args(command)


def test_every_zhifa_service_runs_an_existing_subcommand() -> None:
    assert set(zhifa_services()) == {"migrate", "temporal-setup", "api", "worker", "platform"}
    for name, service in zhifa_services().items():
        assert "entrypoint" not in service, name  # the image's entrypoint is `zhifa`
        assert callable(getattr(_parsed(service["command"]), "handler", None)), name


@pytest.mark.parametrize("name", ["migrate", "temporal-setup", "api", "worker", "platform"])
def test_each_zhifa_service_has_complete_production_settings_from_its_mounted_secrets(
    name: str, tmp_path: Path
) -> None:
    environ = environment_with_secrets(services()[name], tmp_path)
    settings = Settings.from_env(environ)
    assert settings.env is Environment.PRODUCTION
    assert settings.temporal_address == "temporal:7233"
    assert make_url(settings.database_url).password  # read from the password file
    assert PayloadKeys.from_env(environ, production=True).ids == ("2026-01",)


def test_the_api_and_the_worker_log_in_as_the_application_role_and_only_migrate_as_the_owner(tmp_path: Path) -> None:
    logins = {name: make_url(Settings.from_env(environment_with_secrets(s, tmp_path / name)).database_url).username
              for name, s in zhifa_services().items()}
    assert logins["api"] == logins["worker"] == APP_ROLE
    assert logins["migrate"] not in (APP_ROLE, "postgres")
    migrate = environment(services()["migrate"])
    assert migrate["ZHIFA_APP_PASSWORD_FILE"] == environment(services()["api"])["ZHIFA_DATABASE_PASSWORD_FILE"]


def test_the_production_api_app_builds_from_the_compose_environment(tmp_path: Path) -> None:
    environ = environment_with_secrets(services()["api"], tmp_path)
    assert AuthSettings.from_env(environ, production=True).algorithm == "RS256"
    app = build_app(Settings.from_env(environ), environ)
    assert {"/readyz", "/healthz", "/graphql"} <= {r.path for r in app.routes if isinstance(r, Route)}


def test_the_api_health_check_probes_readiness_on_the_port_the_api_listens_on(tmp_path: Path) -> None:
    api = services()["api"]
    port = environment(api)["ZHIFA_API_PORT"]
    assert probe_url(api) == f"http://127.0.0.1:{port}/readyz"
    assert all(str(mapping).endswith(f":{port}") for mapping in api["ports"])
    assert Settings.from_env(environment_with_secrets(api, tmp_path)).api_host == "0.0.0.0"


def test_the_platform_health_check_probes_the_port_it_serves_and_a_route_it_has(tmp_path: Path) -> None:
    platform = services()["platform"]
    args = _parsed(platform["command"])
    assert probe_url(platform) == f"http://127.0.0.1:{args.port}/healthz"
    assert all(str(mapping).endswith(f":{args.port}") for mapping in platform["ports"])
    assert environment(services()["worker"])["ZHIFA_PLATFORM_URL"] == f"http://platform:{args.port}"
    app = platform_app(PlatformStorage(tmp_path / "platform.db"), Faults(FaultConfig()))
    assert "/healthz" in {r.path for r in app.routes if isinstance(r, Route)}
    assert platform["profiles"] == ["platform"]


def test_every_long_running_service_has_a_health_check_and_one_shots_do_not_restart() -> None:
    for name, service in services().items():
        if name in ONE_SHOTS:
            assert service["restart"] == "no", name
        else:
            assert service.get("healthcheck", {}).get("test"), name


def test_startup_waits_on_health_checks_and_on_completed_one_shots() -> None:
    every = services()
    for name, service in every.items():
        for target, dependency in (service.get("depends_on") or {}).items():
            assert target in every, (name, target)
            assert "profiles" not in every[target], (name, target)  # would not start without its profile
            if target in ONE_SHOTS:
                assert dependency["condition"] == "service_completed_successfully", (name, target)
            else:
                assert dependency["condition"] == "service_healthy", (name, target)
                assert every[target].get("healthcheck"), (name, target)
    for name in ("api", "worker"):
        assert set(every[name]["depends_on"]) == ONE_SHOTS


def test_the_worker_and_the_api_scale_no_service_has_a_fixed_container_name() -> None:
    assert all("container_name" not in s for s in services().values())
    assert "ports" not in services()["worker"]
    api_ports = services()["api"]["ports"]
    assert all(re.search(r"\d+-\d+}?:8000$", str(p)) for p in api_ports), api_ports  # a host port per replica


def test_every_image_is_pinned_to_a_version() -> None:
    images = [str(s["image"]) for s in services().values()]
    images += [line.split("=", 1)[1] for line in dockerfile_instructions("ARG") if "IMAGE=" in line]
    for image in images:
        tag = image.rsplit(":", 1)[1] if ":" in image else ""
        assert re.search(r"\d", tag) and "latest" not in tag, image
    assert all(s["image"] == "zhifa:${ZHIFA_VERSION:-0.1.0}" for s in zhifa_services().values())


def test_the_image_is_multi_stage_runs_unprivileged_and_installs_the_pinned_set() -> None:
    stages = dockerfile_stages()
    assert stages == ["build", "runtime"]
    assert {s["build"]["target"] for s in zhifa_services().values()} == {"runtime"}
    users = dockerfile_instructions("USER")
    assert users and users[-1].strip() not in ("root", "0")
    installs = [line for line in dockerfile_instructions("RUN") if "pip install" in line]
    assert installs and all("-c constraints.txt" in line for line in installs)
    assert dockerfile_instructions("ENTRYPOINT") == ['["zhifa"]']


def test_no_secret_value_is_inline_in_the_compose_file() -> None:
    declared = compose()["secrets"]
    assert all(str(entry["file"]).startswith("./secrets/") for entry in declared.values())
    assert "/secrets/" in (Path(__file__).resolve().parents[2] / ".gitignore").read_text().splitlines()
    for name, service in services().items():
        for key, value in environment(service).items():
            if "://" in value and "@" in value:
                assert make_url(value).password is None, (name, key)
            if re.search(r"PASSWORD|PWD|SECRET|KEYS?$|KEY_", key) and not key.endswith("_FILE"):
                assert key == "ZHIFA_JWT_PUBLIC_KEY" and value.startswith("/run/secrets/"), (name, key)
            if value.startswith("/run/secrets/"):
                assert value.removeprefix("/run/secrets/") in service.get("secrets", []), (name, key)
        assert set(service.get("secrets", [])) <= set(declared), name


def test_zhifa_services_share_the_image_built_from_this_repository() -> None:
    assert all(str(s["image"]).startswith(ZHIFA_IMAGE) and s["build"]["context"] == "." for s in
               zhifa_services().values())
