"""``zhifa ledgers``: the template a clerk downloads, filled in with openpyxl, imports into the event store of the
configured database; a rejected row exits 1 saying where it is, and nothing of the workbook is recorded."""

from __future__ import annotations

import argparse
import asyncio
import io
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from domain.envelope import EventEnvelope
from domain.task_routing import next_steps_for
from infra.db.engine import create_engine
from infra.eventstore import EventStore
from infra.projections import Projector
from infra.settings import Settings
from zhifa import ledgers_cmd

UNIT = "yangliuqing-bureau"
STREAM = "ledger:training:yangliuqing-bureau"


def _run(settings: Settings, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    ledgers_cmd.add_arguments(parser)
    return ledgers_cmd.run(settings, parser.parse_args(argv))


def _settings(tmp_path: Path, db_url: str) -> Settings:
    return Settings(data_dir=tmp_path, database_url=db_url)


def _stored(db_url: str, stream_id: str) -> list[EventEnvelope]:
    async def load() -> list[EventEnvelope]:
        engine = create_engine(db_url)
        try:
            return await EventStore(engine, Projector(next_steps_for)).load_stream(stream_id)
        finally:
            await engine.dispose()

    return asyncio.run(load())


def _fill(path: Path, sheet: str, *rows: list[object]) -> None:
    workbook = load_workbook(io.BytesIO(path.read_bytes()))
    for row in rows:
        workbook[sheet].append(row)
    workbook.save(path)


def _template(settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "out" / "training.xlsx"
    assert _run(settings, "template", "TRAINING", "--output", str(path)) == 0
    assert str(path) in capsys.readouterr().out
    return path


def test_a_filled_in_template_is_recorded_as_ledger_entries(
        tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    settings = _settings(tmp_path, db_url)
    path = _template(settings, tmp_path, capsys)
    assert load_workbook(path).sheetnames == ["RecordTraining"]
    _fill(path, "RecordTraining",
          [UNIT, "t-1", datetime(2023, 3, 15, 9, 0), "行政处罚法培训", "OFFLINE", 6, "ALL"],
          [UNIT, "t-2", "2023-11-15 14:00", "执法文书制作培训", "ONLINE", 3])

    assert _run(settings, "import", "TRAINING", str(path), "--actor", "ylq-lead-1") == 0

    assert "2 TRAINING ledger entries" in capsys.readouterr().out
    stored = _stored(db_url, STREAM)
    assert [(e.seq, e.event_type, e.town, e.payload["entry_id"], e.payload["title"], e.payload["hours"])
            for e in stored] == [(1, "TrainingSessionHeld", "yangliuqing", "t-1", "行政处罚法培训", 6),
                                 (2, "TrainingSessionHeld", "yangliuqing", "t-2", "执法文书制作培训", 3)]
    assert stored[0].occurred_at == datetime.fromisoformat("2023-03-15T09:00:00+08:00")
    assert [e.actor for e in stored] == ["ylq-lead-1", "ylq-lead-1"]


def test_a_dry_run_checks_every_row_draws_its_progress_and_records_nothing(
        tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    settings = _settings(tmp_path, db_url)
    path = _template(settings, tmp_path, capsys)
    _fill(path, "RecordTraining", *([UNIT, f"t-{n}", "2023-11-15 14:00", "培训", "ONLINE", 3] for n in range(1, 41)))

    assert _run(settings, "import", "TRAINING", str(path), "--actor", "ylq-lead-1", "--dry-run", "--progress") == 0

    captured = capsys.readouterr()
    assert "dry run: 40 TRAINING ledger entries" in captured.out and "nothing recorded" in captured.out
    assert "checking" in captured.err and "40/40" in captured.err
    assert _stored(db_url, STREAM) == []


def test_a_bad_cell_exits_1_naming_sheet_row_and_column_and_records_nothing(
        tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    settings = _settings(tmp_path, db_url)
    path = _template(settings, tmp_path, capsys)
    _fill(path, "RecordTraining",
          [UNIT, "t-1", "2023-03-15 09:00", "行政处罚法培训", "OFFLINE", 6],
          [UNIT, "t-2", "2023-03-16 09:00", "法治培训", "BY_CARRIER_PIGEON", 6])

    assert _run(settings, "import", "TRAINING", str(path), "--actor", "ylq-lead-1") == 1

    error = capsys.readouterr().err
    assert "nothing recorded" in error
    assert "sheet 'RecordTraining', row 5, column 'mode'" in error
    assert "'BY_CARRIER_PIGEON' is not one of ONLINE, OFFLINE" in error
    assert _stored(db_url, STREAM) == []


def test_an_entry_the_ledger_refuses_exits_1_naming_it_and_records_nothing(
        tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    settings = _settings(tmp_path, db_url)
    path = _template(settings, tmp_path, capsys)
    _fill(path, "RecordTraining",
          [UNIT, "t-1", "2023-03-15 09:00", "行政处罚法培训", "OFFLINE", 6],
          [UNIT, "t-1", "2023-03-16 09:00", "法治培训", "OFFLINE", 2])

    assert _run(settings, "import", "TRAINING", str(path), "--actor", "ylq-lead-1") == 1

    error = capsys.readouterr().err
    assert "sheet 'RecordTraining', entry 't-1'" in error
    assert "field 'entry_id'" in error and "[DUPLICATE_ENTRY]" in error
    assert _stored(db_url, STREAM) == []


def test_the_command_offers_every_ledger() -> None:
    from domain.ledgers.kinds import LedgerKind

    assert tuple(k.value for k in LedgerKind) == ledgers_cmd.KINDS
