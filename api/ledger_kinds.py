"""The `{kind}` of a ledger route (`/ledgers/{kind}/template.xlsx`, `/exports/ledgers/{kind}.xlsx`)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from domain.ledgers.kinds import LedgerKind


def ledger_kind(request: Request, headers: dict[str, str]) -> LedgerKind | JSONResponse:
    """The ledger the path names (any case), or the 404 naming the ledgers there are."""
    given = str(request.path_params["kind"])
    if given.upper() not in LedgerKind.__members__:
        return JSONResponse({"error": f"no ledger {given!r}; ledgers are "
                                      f"{', '.join(k.value.lower() for k in LedgerKind)}"}, status_code=404,
                            headers=headers)
    return LedgerKind[given.upper()]
