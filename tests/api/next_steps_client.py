"""A client that knows nothing of the procedures but what `nextSteps` (and `openingSteps`) tell it: it asks each
officer of a team what they may do, takes the first step someone may take, and fills its input with a small form
filler — the defaults offered, else the first choice, else a sample value for the field's GraphQL type.

Dated inputs: every step happens on a simulated day that starts far enough in the past for the whole procedure
to fit before today (the domain refuses steps in the future, and some periods must run out before the next step,
as the statement window before a decision: APL 62). When the domain says a step comes too early, the client
moves the simulated day to the day after the deadline the step answers and tries again — still only from what
`nextSteps` said.
"""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from tests.api.client import GraphQLClient, token_for

STEP_FIELDS = """mutation step callerMay inputType deadline { dueOn }
  input { ...F fields { ...F fields { ...F } } }"""
FIELD = "fragment F on StepField { name type required default choices { value } }"
NEXT = f"""query($id: ID!) {{ case(id: $id) {{ ... on Case {{ status nextSteps {{ {STEP_FIELDS} }} }} }} }} {FIELD}"""
OPENING = f"{{ openingSteps {{ {STEP_FIELDS} }} }} {FIELD}"
OUTCOME = "__typename ... on Case { streamId status } ... on Problem { code message } " \
          "... on RuleViolation { rule } ... on InvalidTransition { rule } ... on ValidationError { rule field }"
# The rules that say "not yet": the step waits for a period to run out.
TOO_EARLY = frozenset({"STATEMENT_WINDOW", "WINDOW_OPEN", "TOO_EARLY", "PERIOD_RUNNING", "NOT_YET_DUE",
                       "STATEMENT_WINDOW_OPEN", "REINSPECTION_TOO_EARLY"})
# A required yes/no without a default is a confirmation (certificates shown, facts certain): yes.
SAMPLE = {"String": "示例", "Int": 1, "Fen": 0, "Boolean": True, "Float": 1.0}
_counter = itertools.count()


def _named(graphql_type: str) -> str:
    return graphql_type.strip("[]!").rstrip("!").strip("[]!")


def fill(fields: list[dict[str, Any]], day: datetime) -> dict[str, Any]:
    """Values for the fields: the default (an empty list only where nothing is offered to choose), else the first
    choice, else a sample by type (a `…Hash` field takes a
    SHA-256, the domain's format for evidence references); optional fields without a default are left out."""
    values: dict[str, Any] = {}
    for f in fields:
        listed = f["type"].startswith("[")
        if f["default"] is not None and not (f["default"] == [] and f["choices"]):
            values[f["name"]] = f["default"]
            continue
        if not f["required"] and f["default"] is None:
            continue
        named = _named(f["type"])
        if f["choices"]:
            value: Any = f["choices"][0]["value"]
        elif f.get("fields"):
            value = fill(f["fields"], day)
        elif f["name"].endswith("Hash"):
            value = hashlib.sha256(f"{f['name']}-{next(_counter)}".encode()).hexdigest()
        elif named in ("DateTime",):
            value = day.isoformat()
        elif named == "Date":
            value = day.date().isoformat()
        elif named == "ID":
            value = f"id-{next(_counter)}"
        else:
            value = SAMPLE.get(named, "示例")
        values[f["name"]] = [value] if listed else value
    return values


@dataclass
class Driver:
    api: GraphQLClient
    team: tuple[str, ...]
    day: datetime
    taken: list[tuple[str, str, str]] = field(default_factory=list)  # (officer, mutation, status after)

    async def _ask(self, officer: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        body = await self.api.run(token_for(officer), query, variables)
        assert "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return data

    async def _send(self, officer: str, step: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
        data = {**fill(step["input"], self.day), **extra, "requestId": f"r-{next(_counter)}",
                "occurredAt": self.day.isoformat()}
        document = f"mutation($i: {step['inputType']}!) {{ {step['mutation']}(input: $i) {{ {OUTCOME} }} }}"
        body = await self.api.run(token_for(officer), document, {"i": data})
        assert "errors" not in body, (step["mutation"], data, body)
        result: dict[str, Any] = body["data"][step["mutation"]]
        return result

    async def take(self, offers: dict[str, list[dict[str, Any]]], extra: dict[str, Any]) -> dict[str, Any]:
        """The first step (in the order offered) someone of the team may take, tried by each who may."""
        order = next(iter(offers.values()))
        refused: list[Any] = []
        for index, _ in enumerate(order):
            for officer in self.team:
                step = offers[officer][index]
                if not step["callerMay"]:
                    continue
                self.day += timedelta(hours=6)
                result = await self._send(officer, step, extra)
                if result["__typename"] != "Case" and result.get("rule") in TOO_EARLY and step["deadline"]:
                    due = datetime.fromisoformat(step["deadline"]["dueOn"])
                    self.day = max(self.day, due.replace(tzinfo=self.day.tzinfo, hour=3) + timedelta(days=1))
                    result = await self._send(officer, step, extra)
                if result["__typename"] == "Case":
                    self.taken.append((officer, step["mutation"], result["status"]))
                    return result
                refused.append((officer, step["mutation"], result))
        raise AssertionError(f"no one of {self.team} could take any of {[s['mutation'] for s in order]}: "
                             f"{refused}; after {self.taken[-3:]}")

    async def open(self, mutation: str, overrides: dict[str, Any] | None = None) -> str:
        """Opens a stream with the opening step `mutation`; returns its id."""
        offers = {o: [s for s in (await self._ask(o, OPENING, {}))["openingSteps"] if s["mutation"] == mutation]
                  for o in self.team}
        opened = await self.take(offers, overrides or {})
        return str(opened["streamId"])

    async def drive(self, stream_id: str, *, until: frozenset[str], limit: int = 40) -> str:
        """Takes next steps until the stream's status is one of `until` (or nothing is offered)."""
        for _ in range(limit):
            answers = {o: (await self._ask(o, NEXT, {"id": stream_id}))["case"] for o in self.team}
            status = next(iter(answers.values()))["status"]
            if status in until or not next(iter(answers.values()))["nextSteps"]:
                return str(status)
            await self.take({o: a["nextSteps"] for o, a in answers.items()}, {})
        raise AssertionError(f"{stream_id} did not reach {sorted(until)} in {limit} steps: {self.taken}")
