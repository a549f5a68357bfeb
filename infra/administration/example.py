"""The example onboarding workbook: 静海区 and its town 大邱庄镇, which the demo set does not hold — a district
body with its administrator and supervisor, the town's bureau and officers, the vocabulary of violation types,
the district's own catalog (a part of the demo catalog under the district's codes), two benchmarks, a soft list
and the town's rule profile. `zhifa admin template --example` writes it; the README walks through importing it."""

from __future__ import annotations

import json
from typing import Any

from infra.administration.template import Rows, write_workbook
from infra.reference.loader import DEMO_DIRECTORY

DISTRICT, TOWN, CATALOG = "jinghai", "daqiuzhuang", "jinghai-2024"
ITEMS = ("SR-ROAD-OCCUPATION", "SR-PILING", "SR-POSTING", "SR-OUTDOOR-AD", "SR-MUCK-SPILLAGE")


def _demo(file: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((DEMO_DIRECTORY / file).read_text(encoding="utf-8"))
    return document


def _officer(oid: str, name: str, roles: str, *, town: str = TOWN, unit: str = "daqiuzhuang-bureau",
             legal: bool = False) -> dict[str, Any]:
    return {"id": oid, "name": name, "town": town, "unit": unit, "category": "OFFICER",
            "roles": roles, "legal_qualification": legal, "joined_on": "2024-01-02"}


def _item(item: dict[str, Any]) -> dict[str, Any]:
    fines = {"fine_min_yuan": item.get("fine_min_fen", 0) / 100}
    if item.get("fine_max_fen") is not None:
        fines["fine_max_yuan"] = item["fine_max_fen"] / 100
    plain = {k: v for k, v in item.items() if not k.startswith("fine_")}
    return {**plain, **fines, "code": f"JH-{item['code']}", "id": CATALOG, "district": DISTRICT,
            "version": "静海区2024版", "effective_from": "2024-01-01"}


def example_rows() -> Rows:
    officers = [_officer("dqz-lead-1", "王建国", "officer、case_lead"), _officer("dqz-officer-1", "李明", "officer"),
                _officer("dqz-reviewer-1", "赵静", "legal_reviewer", legal=True),
                _officer("dqz-principal-1", "陈志强", "principal"),
                _officer("jh-admin-1", "周凯", "admin", town=DISTRICT, unit="jinghai-justice"),
                _officer("jh-supervisor-1", "吴敏", "supervisor", town=DISTRICT, unit="jinghai-justice")]
    items = [i for i in _demo("catalog.json")["items"] if i["code"] in ITEMS]
    return {
        "区": [{"code": DISTRICT, "name": "静海区"}],
        "镇街": [{"code": TOWN, "name": "大邱庄镇", "district": DISTRICT, "catalog": CATALOG}],
        "执法单位": [{"town": DISTRICT, "code": "jinghai-justice", "name": "静海区司法局"},
                 {"town": TOWN, "code": "daqiuzhuang-bureau", "name": "大邱庄镇综合行政执法队"}],
        "人员": officers,
        "执法证": [{"officer": o["id"], "number": f"TJJH-2024-{n:04d}", "issued_on": "2024-01-02",
                 "expires_on": "2029-01-01"} for n, o in enumerate(officers, start=1)],
        "违法类型": _demo("violation_types.json")["violation_types"],
        "执法事项目录": [_item(i) for i in items],
        "裁量基准": [{"id": "JH-SR-PILING-1", "town": TOWN, "item_code": "JH-SR-PILING", "severity": "轻微",
                  "fine_min_yuan": 100, "fine_max_yuan": 400, "description": "初次违法，及时清理"},
                 {"id": "JH-SR-PILING-2", "town": TOWN, "item_code": "JH-SR-PILING", "severity": "一般",
                  "fine_min_yuan": 400, "fine_max_yuan": 1000, "description": "经责令后仍未清理"}],
        "轻微免罚清单": [{"list_version": "DQZ-2024", "town": TOWN, "effective_from": "2024-01-01",
                    "id": "DQZ-2024-1", "item_code": "JH-SR-POSTING", "outcome": "NO_PENALTY",
                    "description": "首次张贴小广告，当场清除"}],
        "规则配置": [{"town": TOWN, "name": "daqiuzhuang-2024", "legal_review_policy": "ALL_GENERAL",
                  "statement_window_working_days": 5}],
    }


def example_workbook() -> bytes:
    return write_workbook(example_rows())
