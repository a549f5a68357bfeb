"""`replace` for the folds: a copy of a dataclass with some fields changed, as `dataclasses.replace` makes it.

Folding an event replaces a few fields of a state of up to sixty (`CaseState`); `dataclasses.replace` re-reads
every field and runs the generated `__init__`, which was the largest single cost of deciding a history. For a
dataclass whose `__init__` only stores its fields (generated, every field an init field, no `__post_init__`, no
slots) the copy is the instance's attributes with the changes laid over them — the same object `replace` would
build. Any other class, or a name that is not a field, goes through `dataclasses.replace` itself (same errors).
mypy checks calls as calls of `dataclasses.replace`.
"""

from __future__ import annotations

import dataclasses
import inspect
from typing import TYPE_CHECKING, Any, TypeVar

T = TypeVar("T")

_PLAIN: dict[type, frozenset[str] | None] = {}  # per class: its field names when a plain copy is exact, else None


def copied(obj: T, changes: dict[str, Any]) -> T:
    """`obj` with `changes` laid over its fields (see the module's docstring for when this is a plain copy)."""
    cls = type(obj)
    try:
        names = _PLAIN[cls]
    except KeyError:
        names = _PLAIN[cls] = _plain_fields(cls)
    state = getattr(obj, "__dict__", None)
    if names is None or state is None or len(state) != len(names) or not names.issuperset(changes):
        return dataclasses.replace(obj, **changes)  # type: ignore[type-var]
    new: T = object.__new__(cls)
    attributes: dict[str, Any] = new.__dict__
    attributes.update(state)
    attributes.update(changes)
    return new


def _plain_fields(cls: type) -> frozenset[str] | None:
    """The field names of `cls` if its instances are nothing but their fields, as a generated `__init__` left
    them; None if building one may do more (a `__post_init__`, init-only variables, a hand-written `__init__`)."""
    if not dataclasses.is_dataclass(cls) or hasattr(cls, "__post_init__") or hasattr(cls, "__slots__"):
        return None
    fields = dataclasses.fields(cls)
    parameters = list(inspect.signature(cls.__init__).parameters)[1:]
    code = getattr(cls.__init__, "__code__", None)
    generated = getattr(code, "co_filename", "") == "<string>"  # dataclasses exec the `__init__` they generate
    if not generated or any(not f.init for f in fields) or sorted(parameters) != sorted(f.name for f in fields):
        return None
    return frozenset(f.name for f in fields)


if TYPE_CHECKING:
    from dataclasses import replace as replace
else:
    def replace(obj, /, **changes):
        return copied(obj, changes)
