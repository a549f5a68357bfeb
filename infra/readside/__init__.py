"""The API's read side: town-scoped access to the read models and the event log.

Every query takes the caller's towns and filters by them; on PostgreSQL the scope also reads as the `zhifa_reader`
role with the towns set, so row-level security (migration 0002) enforces the same scope: a `ReadScope` in a
transaction of its own, a `SessionReadScope` on a connection of a `reader_engine` that stays `zhifa_reader`.
"""

from infra.readside.cases import CaseFilter, CaseOrder, CasePage
from infra.readside.scope import READER_ROLE, ReadScope, SessionReadScope, reader_engine

__all__ = ["READER_ROLE", "CaseFilter", "CaseOrder", "CasePage", "ReadScope", "SessionReadScope", "reader_engine"]
