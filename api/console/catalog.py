"""The step catalog: every step mutation with its command, aggregate, required role and input, described exactly as
`Case.nextSteps` describes it (`api.graphql.step_forms.describe`, read from the schema itself) — so the console has
one form renderer and one description of a step's input. The console builds its forms from `nextSteps` and
`openingSteps`; this catalog serves what those do not list: the steps a stream allows without waiting for them
(recording evidence, an inquiry, a statement, …), without the stream's defaults. It also names the documents (文书)
each procedure has, from the domain's own table (introspection stays off in production; this is the forms' part)."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from graphql import GraphQLSchema

from api.graphql.policy import step_role
from api.graphql.step_forms import FormContext, describe
from api.graphql.steps import STEPS
from domain.documents.kinds import SPECS
from domain.reference import ReferenceData


def _context_free(reference: ReferenceData, today: date) -> FormContext:
    """No stream and no caller: only the schema's defaults and the reference entries that need neither."""
    return FormContext(state=None, stream_id=None, town=None, caller="", caller_towns=(), reference=reference,
                       today=today)


def _step(schema: GraphQLSchema, step: Any, form: FormContext) -> dict[str, Any]:
    mutation = schema.mutation_type
    assert mutation is not None
    input_type = f"{step.command.__name__}Input"
    fields = describe(schema, input_type, form)
    return {"mutation": step.mutation, "step": step.command.__name__, "aggregate": step.spec.kind,
            "role": step_role(step.command), "opens": step.starts, "inputType": input_type,
            "description": mutation.fields[step.mutation].description,
            "input": [dataclasses.asdict(f) for f in fields]}


def _documents() -> list[dict[str, Any]]:
    return [{"kind": kind.value, "title": spec.title, "family": spec.stream_kind, "dueAfter": spec.due_after}
            for kind, spec in SPECS.items()]


def step_catalog(schema: GraphQLSchema, reference: ReferenceData, today: date) -> dict[str, Any]:
    form = _context_free(reference, today)
    return {"steps": [_step(schema, step, form) for step in STEPS], "documents": _documents()}
