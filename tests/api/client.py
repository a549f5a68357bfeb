"""Calling the GraphQL API in tests: tokens for demo officers (or any claims), and one POST per operation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from starlette.applications import Starlette

from api.app import create_app
from api.graphql.context import Services
from api.graphql.routes import graphql_routes
from api.security import SecurityLog
from domain.messages import Command
from domain.reference import ReferenceData
from infra.auth import AuthSettings, mint_token
from infra.calendar.loader import load_work_calendar
from infra.reference import demo_reference
from infra.securitylog import SecurityLogStore
from workflows.messages import StepResult

AUTH = AuthSettings.development()
CALENDAR = load_work_calendar()
REFERENCE = demo_reference()
# One officer of the demo roster holding each role (the roster decides roles; a token can only narrow them).
OFFICER_WITH_ROLE = {"officer": "zjw-officer-1", "auxiliary": "zjw-aux-1", "case_lead": "zjw-lead-1",
                     "legal_reviewer": "zjw-reviewer-1", "principal": "zjw-principal-1",
                     "hearing_host": "zjw-hearing-1", "supervisor": "xq-supervisor-1",
                     "platform_operator": "xq-operator-1", "auditor": "xq-auditor-1", "admin": "xq-admin-1"}


def token_for(officer_id: str) -> str:
    """What `zhifa token --officer ID` prints (development key)."""
    officer = REFERENCE.officers[officer_id]
    district = officer.town if officer.town in REFERENCE.districts else None
    return mint_token(AUTH, subject=officer_id, roles=[r.value for r in officer.roles],
                      towns=() if district else (officer.town,), district=district)


def token_with(subject: str, roles: list[str], towns: list[str]) -> str:
    """A token narrowed to some of the subject's roles and towns."""
    return mint_token(AUTH, subject=subject, roles=roles, towns=towns)


@dataclass
class RecordingStreams:
    """A stand-in for the workflow facade: records what it is sent and refuses it the way the domain would."""

    sent: list[tuple[str, str, Command]] = field(default_factory=list)

    async def start(self, kind: str, stream_id: str, town: str, command: Command, *, request_id: str | None = None
                    ) -> StepResult:
        self.sent.append(("start", stream_id, command))
        raise _rejected()

    async def step(self, stream_id: str, command: Command, *, request_id: str | None = None) -> StepResult:
        self.sent.append(("step", stream_id, command))
        raise _rejected()


def _rejected() -> Exception:
    from domain.errors import InvalidTransition
    from workflows.client import StepRejected

    return StepRejected(InvalidTransition("refused by the test double", rule="TEST_DOUBLE", field="status"))


def build_app(services: Services, *, development: bool = True, auth: AuthSettings = AUTH) -> Starlette:
    return create_app(health_checks={}, routes=graphql_routes(services, auth, development=development))


def services_for(engine: Any, streams: Any, *, clock: Any = None, reference: ReferenceData = REFERENCE,
                 evidence: Any = None) -> Services:
    now = clock or (lambda: datetime.now(UTC))
    return Services(engine=engine, streams=streams, reference=reference, clock=now,
                    security=SecurityLog(SecurityLogStore(engine, clock=now)), evidence=evidence, calendar=CALENDAR)


class GraphQLClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def post(self, token: str | None, query: str, variables: dict[str, Any] | None = None) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
        return await self.http.post("/graphql", json={"query": query, "variables": variables or {}},
                                    headers=headers)

    async def run(self, token: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = await self.post(token, query, variables)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body


def asgi_client(app: Starlette, base_url: str = "http://testserver") -> GraphQLClient:
    return GraphQLClient(httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base_url, timeout=60))


def days_ago(days: float, hour: int = 10) -> str:
    moment = (datetime.now(UTC) - timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)
    return moment.isoformat()
