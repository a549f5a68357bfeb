"""The console's routes: its static pages under /console/ (and / sends there), the step catalog (the steps
`nextSteps` does not list, described as it describes its own, and the documents each procedure has), and — in
development only — the demo roster and a sign-in that mints the officer's token exactly as `zhifa token` does.
Everything else the console shows comes from POST /graphql and the evidence and document routes, with the
caller's own token."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from api.console.catalog import step_catalog
from api.graphql.schema import build_schema
from domain.reference import ReferenceData
from infra.auth import AuthSettings, TokenError, officer_token

STATIC = Path(__file__).parent / "static"
DEV_TOKEN_HOURS = 8.0


def console_routes(reference: ReferenceData, auth: AuthSettings, *, development: bool) -> list[BaseRoute]:
    catalog: dict[str, Any] = {}

    async def steps(request: Request) -> Response:
        if not catalog:
            catalog.update(step_catalog(build_schema(development=development)._schema, reference, date.today()))
        return JSONResponse(catalog, headers={"Cache-Control": "no-cache"})

    async def config(request: Request) -> Response:
        return JSONResponse({"development": development})

    async def officers(request: Request) -> Response:
        rows = [{"officerId": o.id, "name": o.name, "town": o.town, "roles": sorted(r.value for r in o.roles)}
                for o in sorted(reference.officers.values(), key=lambda o: o.id)]
        return JSONResponse({"officers": rows})

    async def dev_token(request: Request) -> Response:
        try:
            body = await request.json()
        except ValueError:
            body = None
        officer_id = body.get("officerId") if isinstance(body, dict) else None
        if not isinstance(officer_id, str):
            return JSONResponse({"error": "officerId required"}, status_code=400)
        try:
            token = officer_token(auth, reference, officer_id, ttl=timedelta(hours=DEV_TOKEN_HOURS))
        except TokenError as error:
            return JSONResponse({"error": str(error)}, status_code=404 if error.cause == "UNKNOWN_OFFICER" else 500)
        return JSONResponse({"token": token}, headers={"Cache-Control": "no-store"})

    async def home(request: Request) -> Response:
        return RedirectResponse("/console/", status_code=307)

    development_only: list[BaseRoute] = [
        Route("/console/dev-officers", officers, methods=["GET"]),
        Route("/console/dev-token", dev_token, methods=["POST"]),
    ] if development else []
    return [
        Route("/", home, methods=["GET"]),
        Route("/console/steps.json", steps, methods=["GET"]),
        Route("/console/config.json", config, methods=["GET"]),
        *development_only,
        Mount("/console", StaticFiles(directory=STATIC, html=True), name="console"),
    ]
