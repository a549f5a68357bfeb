"""A bounded property-based fuzz of the whole GraphQL schema: documents generated from the schema itself
(hypothesis-graphql; every query and mutation field, arguments of every type including the custom scalars),
sent with valid tokens of several roles. No answer may be a server error or leak a stack trace, and no error
may be a masked internal one — each such answer is a bug the fuzz found. The suite runs a small budget;
`make fuzz` (ZHIFA_FUZZ_EXAMPLES) runs a long one."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

import graphql
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import strategies as gql

from api.graphql.schema import build_schema
from tests.api.client import token_for
from tests.api.conftest import Api

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
EXAMPLES = int(os.environ.get("ZHIFA_FUZZ_EXAMPLES", "25"))
SCHEMA = build_schema(development=True).as_str()
ROLES = ("zjw-officer-1", "zjw-reviewer-1", "zjw-principal-1", "xq-supervisor-1")
MASKED = "Internal error"


def _string(values: st.SearchStrategy[str]) -> st.SearchStrategy[graphql.ValueNode]:
    return values.map(lambda text: graphql.StringValueNode(value=text))


SCALARS = {
    "Date": _string(st.one_of(st.dates(date(2000, 1, 1), date(2035, 12, 31)).map(date.isoformat), st.text())),
    "DateTime": _string(st.one_of(
        st.datetimes(datetime(2000, 1, 1), datetime(2035, 12, 31), timezones=st.just(UTC)).map(datetime.isoformat),
        st.datetimes().map(datetime.isoformat), st.text())),
    "JSON": _string(st.text()),
    "Fen": st.one_of(st.integers(min_value=-(2**70), max_value=2**70).map(lambda n: graphql.IntValueNode(value=str(n))),
                     _string(st.one_of(st.integers(min_value=0, max_value=2**64).map(str), st.text()))),
}
DOCUMENTS = st.one_of(gql.queries(SCHEMA, custom_scalars=SCALARS), gql.mutations(SCHEMA, custom_scalars=SCALARS))


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(document=DOCUMENTS, officer=st.sampled_from(ROLES))
async def test_no_generated_document_gets_a_server_error_or_a_masked_bug(
    api: Api, document: str, officer: str,
) -> None:
    response = await api.client.post(token_for(officer), document)
    assert response.status_code < 500, (response.status_code, document, response.text)
    assert "Traceback" not in response.text and 'File "' not in response.text, (document, response.text)
    messages = [error.get("message", "") for error in response.json().get("errors") or []]
    assert not any(MASKED in message for message in messages), (document, messages)
