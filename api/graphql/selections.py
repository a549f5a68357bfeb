"""What a query selects below a field, read from its document (for a resolver that reads ahead for its children)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode, SelectionNode
from strawberry.types import Info


def selects_any(info: Info[Any, Any], names: Collection[str]) -> bool:
    """Whether the field being resolved selects any of `names` directly (through fragments, not deeper).
    graphql-core's nodes, not strawberry's `selected_fields`, which converts the whole subtree first."""
    raw = info._raw_info  # the graphql-core resolve info strawberry wraps
    return any(_selects(node.selection_set.selections, names, raw.fragments)
               for node in raw.field_nodes if node.selection_set is not None)


def _selects(selections: Iterable[SelectionNode], names: Collection[str], fragments: dict[str, Any]) -> bool:
    for selection in selections:
        if isinstance(selection, FieldNode):
            if selection.name.value in names:
                return True
            continue
        if isinstance(selection, InlineFragmentNode):
            inner = selection.selection_set.selections
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value in fragments:
            inner = fragments[selection.name.value].selection_set.selections
        else:
            continue
        if _selects(inner, names, fragments):
            return True
    return False
