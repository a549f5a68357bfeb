"""Search attributes the stream workflows keep current, so the Temporal UI and CLI can filter cases."""

from __future__ import annotations

from temporalio.common import SearchAttributeKey

KIND = SearchAttributeKey.for_keyword("ZhifaKind")
TOWN = SearchAttributeKey.for_keyword("ZhifaTown")
STATUS = SearchAttributeKey.for_keyword("ZhifaStatus")
PROCEDURE = SearchAttributeKey.for_keyword("ZhifaProcedure")
VIOLATION_TYPE = SearchAttributeKey.for_keyword("ZhifaViolationType")

ALL = (KIND, TOWN, STATUS, PROCEDURE, VIOLATION_TYPE)
